//! Network exports for other tools: GraphML (Gephi, Cytoscape, yEd, NetworkX), GEXF 1.3
//! (Gephi), JSON (nodes + edges) and Kumu's elements/connections spreadsheets. Attribute
//! names are the CSV's (`name`, `level`, `kind`, …, `type` for the link type), with types.
//! Every edge is written directed, with a boolean `directed` attribute, because NetworkX
//! rejects undirected edges inside a directed GraphML or GEXF graph.

use super::model::{EdgeData, Network, NodeData};
use petgraph::visit::EdgeRef;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use serde_json::{Value, json};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    String,
    Int,
    Bool,
}

impl Kind {
    fn graphml(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Int => "int",
            Kind::Bool => "boolean",
        }
    }
    fn gexf(self) -> &'static str {
        match self {
            Kind::String => "string",
            Kind::Int => "integer",
            Kind::Bool => "boolean",
        }
    }
}

type NodeAttr = (&'static str, Kind, fn(&NodeData) -> Option<String>);
type EdgeAttr = (&'static str, Kind, fn(&EdgeData) -> Option<String>);

/// The text without the characters XML 1.0 cannot carry (control characters other than tab
/// and line breaks), whatever older data holds: the export stays well-formed.
fn xml_safe(s: String) -> String {
    if s.chars().any(|c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')) {
        s.chars()
            .filter(|&c| (c >= ' ' || matches!(c, '\t' | '\n' | '\r')) && !matches!(c, '\u{fffe}' | '\u{ffff}'))
            .collect()
    } else {
        s
    }
}

fn text(s: &str) -> Option<String> {
    Some(s.to_owned()).filter(|s| !s.is_empty())
}

const NODE_ATTRS: [NodeAttr; 13] = [
    ("label", Kind::String, |n| text(n.label())),
    ("name", Kind::String, |n| text(&n.name)),
    ("acronym", Kind::String, |n| n.acronym.clone()),
    ("kind", Kind::String, |n| text(&n.kind)),
    ("level", Kind::String, |n| text(&n.level)),
    ("sectors", Kind::String, |n| text(&n.sectors.join("|"))),
    ("territory", Kind::String, |n| text(&n.territory.join("|"))),
    ("province", Kind::String, |n| text(&n.provinces.join("|"))),
    ("key", Kind::Bool, |n| Some(n.key.to_string())),
    ("influence", Kind::Int, |n| n.influence.map(|v| v.to_string())),
    ("interest", Kind::Int, |n| n.interest.map(|v| v.to_string())),
    ("degree", Kind::Int, |n| Some(n.degree.to_string())),
    ("stakeholder_id", Kind::Int, |n| Some(n.id.to_string())),
];

const EDGE_ATTRS: [EdgeAttr; 10] = [
    ("type", Kind::String, |e| text(&e.link_type)),
    ("directed", Kind::Bool, |e| Some(e.directed.to_string())),
    ("strength", Kind::Int, |e| Some(e.strength.to_string())),
    ("formal", Kind::Bool, |e| Some(e.formal.to_string())),
    ("since", Kind::String, |e| text(&e.since_text())),
    ("until", Kind::String, |e| text(&e.until_text())),
    ("note", Kind::String, |e| e.note.clone()),
    ("provenance", Kind::String, |e| text(&e.provenance)),
    ("confirmed", Kind::Bool, |e| Some(e.confirmed.to_string())),
    ("link_id", Kind::Int, |e| Some(e.id.to_string())),
];

fn node_xml_id(n: &NodeData) -> String {
    format!("n{}", n.id)
}

pub fn graphml(net: &Network) -> Vec<u8> {
    let g = &net.graph;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let result: std::io::Result<()> = (|| {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("graphml")
            .with_attributes([
                ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
                ),
            ])
            .write_inner_content(|w| {
                for (name, kind, _) in NODE_ATTRS {
                    let id = format!("n_{name}");
                    w.create_element("key")
                        .with_attributes([
                            ("id", id.as_str()),
                            ("for", "node"),
                            ("attr.name", name),
                            ("attr.type", kind.graphml()),
                        ])
                        .write_empty()?;
                }
                for (name, kind, _) in EDGE_ATTRS {
                    let id = format!("e_{name}");
                    w.create_element("key")
                        .with_attributes([
                            ("id", id.as_str()),
                            ("for", "edge"),
                            ("attr.name", name),
                            ("attr.type", kind.graphml()),
                        ])
                        .write_empty()?;
                }
                w.create_element("graph")
                    .with_attributes([("id", "maillage"), ("edgedefault", "directed")])
                    .write_inner_content(|w| {
                        for n in net.ordered_nodes() {
                            let d = &g[n];
                            w.create_element("node")
                                .with_attribute(("id", node_xml_id(d).as_str()))
                                .write_inner_content(|w| {
                                    for (name, _, get) in NODE_ATTRS {
                                        if let Some(v) = get(d).map(xml_safe) {
                                            w.create_element("data")
                                                .with_attribute(("key", format!("n_{name}").as_str()))
                                                .write_text_content(BytesText::new(&v))?;
                                        }
                                    }
                                    Ok(())
                                })?;
                        }
                        for e in g.edge_references() {
                            let d = e.weight();
                            w.create_element("edge")
                                .with_attributes([
                                    ("id", format!("e{}", d.id).as_str()),
                                    ("source", node_xml_id(&g[e.source()]).as_str()),
                                    ("target", node_xml_id(&g[e.target()]).as_str()),
                                ])
                                .write_inner_content(|w| {
                                    for (name, _, get) in EDGE_ATTRS {
                                        if let Some(v) = get(d).map(xml_safe) {
                                            w.create_element("data")
                                                .with_attribute(("key", format!("e_{name}").as_str()))
                                                .write_text_content(BytesText::new(&v))?;
                                        }
                                    }
                                    Ok(())
                                })?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    })();
    result.expect("writing to a Vec cannot fail");
    w.into_inner()
}

pub fn gexf(net: &Network) -> Vec<u8> {
    let g = &net.graph;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let result: std::io::Result<()> = (|| {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("gexf")
            .with_attributes([
                ("xmlns", "http://gexf.net/1.3"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"),
                ("version", "1.3"),
            ])
            .write_inner_content(|w| {
                w.create_element("meta").write_inner_content(|w| {
                    w.create_element("creator").write_text_content(BytesText::new("Maillage"))?;
                    w.create_element("description")
                        .write_text_content(BytesText::new("Stakeholder coordination network (IOM / SPW IAS)"))?;
                    Ok(())
                })?;
                w.create_element("graph")
                    .with_attributes([("defaultedgetype", "directed"), ("mode", "static")])
                    .write_inner_content(|w| {
                        w.create_element("attributes").with_attribute(("class", "node")).write_inner_content(|w| {
                            for (i, (name, kind, _)) in NODE_ATTRS.iter().enumerate().skip(1) {
                                w.create_element("attribute")
                                    .with_attributes([
                                        ("id", i.to_string().as_str()),
                                        ("title", name),
                                        ("type", kind.gexf()),
                                    ])
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                        w.create_element("attributes").with_attribute(("class", "edge")).write_inner_content(|w| {
                            for (i, (name, kind, _)) in EDGE_ATTRS.iter().enumerate() {
                                w.create_element("attribute")
                                    .with_attributes([
                                        ("id", i.to_string().as_str()),
                                        ("title", name),
                                        ("type", kind.gexf()),
                                    ])
                                    .write_empty()?;
                            }
                            Ok(())
                        })?;
                        w.create_element("nodes").write_inner_content(|w| {
                            for n in net.ordered_nodes() {
                                let d = &g[n];
                                let label = xml_safe(d.label().to_owned());
                                w.create_element("node")
                                    .with_attributes([("id", node_xml_id(d).as_str()), ("label", label.as_str())])
                                    .write_inner_content(|w| {
                                        w.create_element("attvalues").write_inner_content(|w| {
                                            for (i, (_, _, get)) in NODE_ATTRS.iter().enumerate().skip(1) {
                                                if let Some(v) = get(d).map(xml_safe) {
                                                    w.create_element("attvalue")
                                                        .with_attributes([
                                                            ("for", i.to_string().as_str()),
                                                            ("value", v.as_str()),
                                                        ])
                                                        .write_empty()?;
                                                }
                                            }
                                            Ok(())
                                        })?;
                                        Ok(())
                                    })?;
                            }
                            Ok(())
                        })?;
                        w.create_element("edges").write_inner_content(|w| {
                            for e in g.edge_references() {
                                let d = e.weight();
                                w.create_element("edge")
                                    .with_attributes([
                                        ("id", format!("e{}", d.id).as_str()),
                                        ("source", node_xml_id(&g[e.source()]).as_str()),
                                        ("target", node_xml_id(&g[e.target()]).as_str()),
                                        ("weight", d.strength.to_string().as_str()),
                                    ])
                                    .write_inner_content(|w| {
                                        w.create_element("attvalues").write_inner_content(|w| {
                                            for (i, (_, _, get)) in EDGE_ATTRS.iter().enumerate() {
                                                if let Some(v) = get(d).map(xml_safe) {
                                                    w.create_element("attvalue")
                                                        .with_attributes([
                                                            ("for", i.to_string().as_str()),
                                                            ("value", v.as_str()),
                                                        ])
                                                        .write_empty()?;
                                                }
                                            }
                                            Ok(())
                                        })?;
                                        Ok(())
                                    })?;
                            }
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    })();
    result.expect("writing to a Vec cannot fail");
    w.into_inner()
}

fn typed(kind: Kind, v: Option<String>) -> Value {
    match (kind, v) {
        (_, None) => Value::Null,
        (Kind::String, Some(s)) => Value::String(s),
        (Kind::Int, Some(s)) => s.parse::<i64>().map_or(Value::Null, Value::from),
        (Kind::Bool, Some(s)) => Value::Bool(s == "true"),
    }
}

pub fn json(net: &Network) -> Value {
    let mut out = Vec::new();
    write_json(net, &mut out).expect("writing to memory");
    serde_json::from_slice(&out).expect("the JSON just written")
}

/// The network as JSON (`{"nodes": […], "edges": […]}`), written element by element: the
/// memory it needs is one element's, not the whole document's tree.
pub fn write_json(net: &Network, mut w: impl std::io::Write) -> std::io::Result<()> {
    let g = &net.graph;
    w.write_all(b"{\"nodes\":[")?;
    for (i, n) in net.ordered_nodes().into_iter().enumerate() {
        let d = &g[n];
        let mut o = serde_json::Map::new();
        o.insert("id".into(), json!(d.id));
        for (name, kind, get) in NODE_ATTRS.iter().skip(1) {
            o.insert((*name).into(), typed(*kind, get(d)));
        }
        o.insert("sectors".into(), json!(d.sectors));
        o.insert("territory".into(), json!(d.territory));
        o.insert("province".into(), json!(d.provinces));
        o.insert("label".into(), json!(d.label()));
        // On a campaign's network: whether each invitee answered (absent for those never
        // invited), and where each stands in words.
        if let Some(p) = d.participation {
            if p.invited() {
                o.insert("answered".into(), json!(p.answered()));
            }
            o.insert("participation".into(), json!(p.code()));
        }
        if i > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut w, &o)?;
    }
    w.write_all(b"],\n\"edges\":[")?;
    for (i, e) in g.edge_references().enumerate() {
        let d = e.weight();
        let mut o = serde_json::Map::new();
        o.insert("id".into(), json!(d.id));
        o.insert("source".into(), json!(g[e.source()].id));
        o.insert("target".into(), json!(g[e.target()].id));
        for (name, kind, get) in EDGE_ATTRS.iter().take(EDGE_ATTRS.len() - 1) {
            o.insert((*name).into(), typed(*kind, get(d)));
        }
        if i > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut w, &o)?;
    }
    w.write_all(b"]}\n")
}

/// Kumu's "elements" sheet: one row per stakeholder, `Label` unique.
pub fn kumu_elements(net: &Network) -> anyhow::Result<Vec<u8>> {
    let g = &net.graph;
    let mut w = crate::domain::csv_cell::CsvOut::new();
    w.write_record([
        "Label",
        "Type",
        "Level",
        "Sectors",
        "Province",
        "Tags",
        "Acronym",
        "Key",
        "Influence",
        "Interest",
    ])?;
    for n in net.ordered_nodes() {
        let d = &g[n];
        w.write_record([
            d.name.as_str(),
            &crate::domain::reference::label_of(&net.reference.kinds, &d.kind, crate::i18n::Lang::EN),
            &d.level,
            &d.sectors.join("|"),
            &d.provinces.join("|"),
            &d.sectors.join("|"),
            d.acronym.as_deref().unwrap_or(""),
            if d.key { "yes" } else { "no" },
            &d.influence.map(|v| v.to_string()).unwrap_or_default(),
            &d.interest.map(|v| v.to_string()).unwrap_or_default(),
        ])?;
    }
    Ok(w.finish()?)
}

/// Kumu's "connections" sheet: `From` and `To` are element labels.
pub fn kumu_connections(net: &Network) -> anyhow::Result<Vec<u8>> {
    let g = &net.graph;
    let mut w = crate::domain::csv_cell::CsvOut::new();
    w.write_record([
        "From",
        "To",
        "Type",
        "Direction",
        "Strength",
        "Formal",
        "Since",
        "Until",
        "Provenance",
        "Confirmed",
    ])?;
    for e in g.edge_references() {
        let d = e.weight();
        w.write_record([
            g[e.source()].name.as_str(),
            &g[e.target()].name,
            &d.link_type,
            if d.directed { "directed" } else { "undirected" },
            &d.strength.to_string(),
            if d.formal { "yes" } else { "no" },
            &d.since_text(),
            &d.until_text(),
            &d.provenance,
            if d.confirmed { "yes" } else { "no" },
        ])?;
    }
    Ok(w.finish()?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn characters_xml_cannot_carry_are_left_out() {
        assert_eq!(super::xml_safe("a\u{1b}[31mb\u{0}c\td".into()), "a[31mbc\td");
        assert_eq!(super::xml_safe("plain".into()), "plain");
    }
}
