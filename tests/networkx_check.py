"""Reads Maillage's GraphML and GEXF exports with NetworkX (a real, independent reader) and
checks that every node, edge and typed attribute arrives. The GraphML carries the recorded links
and the `meets` links derived from shared meetings; the GEXF was exported without them. Run by
.ci/run:
    python3 tests/networkx_check.py NETWORK.graphml NETWORK.gexf NODES EDGES
"""
import sys

import networkx as nx

graphml_path, gexf_path, nodes, edges = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
HOSTILE = 'Asbl "Le Pont"]; a -> b [ <script>x</script> & co'

g = nx.read_graphml(graphml_path)
assert g.number_of_nodes() == nodes, (g.number_of_nodes(), nodes)
recorded = [d for _, _, d in g.edges(data=True) if d["type"] != "meets"]
meets = [d for _, _, d in g.edges(data=True) if d["type"] == "meets"]
assert len(recorded) == edges, (len(recorded), edges)
assert meets and all(d["provenance"].startswith("meeting:") and not d["directed"] for d in meets), meets[:3]
for _, d in g.nodes(data=True):
    assert isinstance(d["name"], str) and d["name"], d
    assert d["level"] in {"international", "eu", "federal", "community", "regional", "provincial", "local"}, d
    assert isinstance(d["kind"], str), d
    assert isinstance(d["key"], bool), d
    assert isinstance(d["degree"], int), d
for _, _, d in g.edges(data=True):
    assert d["type"] in {"coordinates", "funds", "mandates", "reports_to", "refers", "shares_data", "partners", "meets"}, d
    assert isinstance(d["strength"], int) and 1 <= d["strength"] <= 3, d
    assert isinstance(d["formal"], bool) and isinstance(d["directed"], bool), d
    assert d["provenance"], d
assert any(d["name"] == HOSTILE for _, d in g.nodes(data=True)), "hostile name intact in GraphML"
assert any("province" in d and "Namur" in d["province"] for _, d in g.nodes(data=True))

x = nx.read_gexf(gexf_path)
assert x.number_of_nodes() == nodes, (x.number_of_nodes(), nodes)
assert x.number_of_edges() == edges, (x.number_of_edges(), edges)
for _, d in x.nodes(data=True):
    assert d["level"] and d["kind"] and d["name"], d
    assert isinstance(d["degree"], int), d
for _, _, d in x.edges(data=True):
    assert isinstance(d["strength"], int), d
    assert isinstance(d["confirmed"], bool), d
    assert d["type"], d  # the link type, named as in the CSV
assert any(d["name"] == HOSTILE for _, d in x.nodes(data=True)), "hostile name intact in GEXF"

print(f"NetworkX {nx.__version__} read GraphML and GEXF: {nodes} nodes, {edges} recorded edges and {len(meets)} shared-meeting edges, typed attributes")
