#!/usr/bin/env python3
"""Times Maillage's analysis against NetworkX (and igraph where installed) on the same network.

Generates a network (default 5,000 stakeholders, 25,000 links), loads it into a fresh SQLite
database with the `maillage` CLI, runs `maillage analyse --json` (which reports its own
timings), exports the tool's GraphML, reads it with NetworkX and times the same measures, then
prints both side by side with the ratios and the largest difference in betweenness.

    cargo build --release
    python3 -m pip install networkx   # igraph optional: python3 -m pip install igraph
    python3 scripts/compare_networkx.py --binary target/release/maillage --stakeholders 5000 --links 25000
"""
import argparse
import csv
import json
import os
import random
import subprocess
import tempfile
import time

import networkx as nx

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default="target/release/maillage")
parser.add_argument("--stakeholders", type=int, default=5000)
parser.add_argument("--links", type=int, default=25000)
parser.add_argument("--skip-networkx-betweenness", action="store_true", help="NetworkX betweenness takes minutes at 5,000")
args = parser.parse_args()

rng = random.Random(7)
levels = ["international", "eu", "federal", "community", "regional", "provincial", "local", "local", "local"]
types = ["coordinates", "funds", "mandates", "reports_to", "refers", "shares_data", "partners"]
tmp = tempfile.mkdtemp()
db = f"sqlite://{tmp}/compare.db"
with open(f"{tmp}/s.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "kind", "level"])
    for i in range(args.stakeholders):
        w.writerow([f"Organisation {i}", "association", rng.choice(levels)])
seen = set()
with open(f"{tmp}/l.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["source", "target", "type", "directed"])
    while len(seen) < args.links:
        a = rng.randrange(min(60, args.stakeholders)) if rng.random() < 0.3 else rng.randrange(args.stakeholders)
        b = rng.randrange(args.stakeholders)
        if a == b or (min(a, b), max(a, b)) in seen:
            continue
        seen.add((min(a, b), max(a, b)))
        w.writerow([f"Organisation {a}", f"Organisation {b}", rng.choice(types), "no"])


def run(*cli):
    return subprocess.run([args.binary, "--database-url", db, *cli], check=True, capture_output=True, text=True).stdout


run("import", "stakeholders", f"{tmp}/s.csv")
run("import", "links", f"{tmp}/l.csv")
started = time.perf_counter()
ours = json.loads(run("analyse", "--json"))
wall = time.perf_counter() - started
run("export", "graph", "--format", "graphml", "-o", f"{tmp}/n.graphml")
g = nx.Graph(nx.read_graphml(f"{tmp}/n.graphml"))
print(f"network: {g.number_of_nodes()} nodes, {g.number_of_edges()} ties; maillage analyse wall time {wall * 1000:.0f} ms "
      f"(process start, database load and JSON included)")

rows = []


def timed(label, ours_key, f):
    t = time.perf_counter()
    result = f()
    nx_ms = (time.perf_counter() - t) * 1000
    rows.append((label, ours["timings_ms"].get(ours_key), nx_ms))
    return result


if not args.skip_networkx_betweenness:
    nxb = timed("betweenness + closeness", "betweenness_and_closeness",
                lambda: (nx.betweenness_centrality(g), nx.closeness_centrality(g)))[0]
    by_id = {d["stakeholder_id"]: v for n, v in nxb.items() for d in [g.nodes[n]]}
    diff = max(abs(m["betweenness"] - by_id[m["id"]]) for m in ours["nodes"])
    print(f"largest betweenness difference vs NetworkX: {diff:.2e}")
timed("eigenvector", "eigenvector", lambda: nx.eigenvector_centrality(g, max_iter=10000))
timed("clustering", "clustering", lambda: nx.clustering(g))
timed("constraint", "constraint", lambda: nx.constraint(g))
timed("articulation points", "articulation_points", lambda: list(nx.articulation_points(g)))
timed("bridges", "bridges", lambda: list(nx.bridges(g)))
timed("communities (Louvain)", "communities", lambda: nx.community.louvain_communities(g, seed=0))

try:
    import igraph as ig

    h = ig.Graph.from_networkx(g)
    for label, key, f in [
        ("betweenness + closeness", "betweenness_and_closeness", lambda: (h.betweenness(), h.closeness())),
        ("communities (Louvain)", "communities", lambda: h.community_multilevel()),
    ]:
        t = time.perf_counter()
        f()
        rows.append((label + " [igraph]", ours["timings_ms"].get(key), (time.perf_counter() - t) * 1000))
except ImportError:
    print("igraph not installed: igraph column skipped")

print(f"\n{'measure':<36}{'maillage ms':>12}{'other ms':>12}{'ratio':>9}")
for label, mine, theirs in rows:
    ratio = theirs / mine if mine else float("nan")
    print(f"{label:<36}{mine:>12.1f}{theirs:>12.1f}{ratio:>8.0f}×")
print(f"{'maillage whole analysis':<36}{ours['timings_ms']['total']:>12.1f}")
