//! DOT built with graphviz-rust's DOT model: every user text goes through `quoted`, so
//! names with quotes, backslashes, `<`, line breaks or `"]; a -> b [` stay one string.

use super::model::Network;
use super::style::{self, BAND_FILLS};
use crate::i18n::Lang;
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::visit::EdgeRef;

/// Which Graphviz engine the DOT is meant for: `dot` (level bands) or `sfdp` (large maps).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Dot,
    Sfdp,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Dot => "dot",
            Engine::Sfdp => "sfdp",
        }
    }
}

/// A DOT string literal holding `s` verbatim (for labels, `\n` is a line break).
pub fn quoted(s: &str) -> Id {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

fn plain(s: &str) -> Id {
    Id::Plain(s.to_owned())
}

fn attr(k: &str, v: Id) -> Attribute {
    Attribute(plain(k), v)
}

fn node_id(s: &str) -> NodeId {
    NodeId(plain(s), None)
}

/// Breaks a label into lines of about `width` characters at spaces.
pub fn wrap(label: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

/// The tooltip of a node: name, level, sectors.
pub fn tooltip(net: &Network, n: petgraph::graph::NodeIndex, lang: Lang) -> String {
    let d = &net.graph[n];
    let sectors: Vec<String> =
        d.sectors.iter().map(|c| crate::domain::reference::label_of(&net.reference.sectors, c, lang)).collect();
    let mut t = format!("{}\n{}", d.name, net.level_label(&d.level, lang));
    if !sectors.is_empty() {
        t.push_str(" — ");
        t.push_str(&sectors.join(", "));
    }
    t
}

pub fn node_name(id: i64) -> String {
    format!("n{id}")
}

pub fn to_dot(net: &Network, lang: Lang, engine: Engine, legend: bool) -> Graph {
    let g = &net.graph;
    let max_degree = g.node_weights().map(|n| n.degree).max().unwrap_or(0);
    let mut stmts: Vec<Stmt> = vec![
        Stmt::GAttribute(GraphAttributes::Graph(match engine {
            Engine::Dot => vec![
                attr("rankdir", plain("TB")),
                attr("newrank", plain("true")),
                attr("nodesep", plain("0.25")),
                attr("ranksep", plain("0.5")),
                attr("fontname", quoted("Helvetica")),
                attr("outputorder", plain("edgesfirst")),
                attr("bgcolor", quoted("white")),
            ],
            Engine::Sfdp => vec![
                attr("layout", plain("sfdp")),
                attr("overlap", plain("prism")),
                attr("splines", plain("false")),
                attr("fontname", quoted("Helvetica")),
                attr("outputorder", plain("edgesfirst")),
            ],
        })),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("shape", plain("box")),
            attr("style", quoted("rounded,filled")),
            attr("fontname", quoted("Helvetica")),
            attr("margin", quoted("0.08,0.04")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attr("arrowsize", plain("0.6")), attr("fontname", quoted("Helvetica"))])),
    ];

    let node_stmt = |n: petgraph::graph::NodeIndex| -> Stmt {
        let d = &g[n];
        let (fill, stroke) = style::kind_colours(&net.reference, &d.kind);
        let scale = style::node_scale(d.degree, max_degree);
        Stmt::Node(Node::new(
            node_id(&node_name(d.id)),
            vec![
                attr("label", quoted(&wrap(d.label(), 22))),
                attr("tooltip", quoted(&tooltip(net, n, lang))),
                attr("URL", quoted(&format!("/stakeholders/{}", d.id))),
                attr("target", quoted("_top")),
                attr("id", quoted(&node_name(d.id))),
                attr("class", quoted("node")),
                attr("fillcolor", quoted(fill)),
                attr("color", quoted(stroke)),
                attr("fontsize", plain(&format!("{:.1}", 9.0 * scale))),
                attr("penwidth", plain(if d.key { "2.5" } else { "1" })),
            ],
        ))
    };

    match engine {
        Engine::Dot => {
            // One cluster per level, stacked by invisible edges between their anchors.
            let mut anchors = Vec::new();
            for (rank, level) in net.reference.levels.iter().enumerate() {
                let members: Vec<_> = net.ordered_nodes().into_iter().filter(|&n| g[n].level == level.code).collect();
                if members.is_empty() {
                    continue;
                }
                let anchor = format!("level_{rank}");
                let mut sub = vec![
                    Stmt::Attribute(attr("label", quoted(level.label(lang)))),
                    Stmt::Attribute(attr("style", quoted("filled,rounded"))),
                    Stmt::Attribute(attr("fillcolor", quoted(BAND_FILLS[anchors.len() % 2]))),
                    Stmt::Attribute(attr("color", quoted("#d8dee6"))),
                    Stmt::Attribute(attr("fontsize", plain("16"))),
                    Stmt::Attribute(attr("labeljust", plain("l"))),
                    Stmt::Node(Node::new(
                        node_id(&anchor),
                        vec![attr("style", plain("invis")), attr("shape", plain("point")), attr("width", plain("0"))],
                    )),
                ];
                sub.extend(members.into_iter().map(node_stmt));
                stmts.push(Stmt::Subgraph(Subgraph { id: plain(&format!("cluster_{}", level.code)), stmts: sub }));
                anchors.push(anchor);
            }
            for pair in anchors.windows(2) {
                stmts.push(Stmt::Edge(Edge {
                    ty: EdgeTy::Pair(Vertex::N(node_id(&pair[0])), Vertex::N(node_id(&pair[1]))),
                    attributes: vec![attr("style", plain("invis")), attr("weight", plain("100"))],
                }));
            }
        }
        Engine::Sfdp => stmts.extend(net.ordered_nodes().into_iter().map(node_stmt)),
    }

    for e in g.edge_references() {
        let d = e.weight();
        let (colour, dash) = style::link_style(&net.reference, &d.link_type);
        let type_label = crate::domain::reference::label_of(&net.reference.link_types, &d.link_type, lang);
        let tip = format!("{} → {}: {type_label}", g[e.source()].name, g[e.target()].name);
        let mut attributes = vec![
            attr("color", quoted(colour)),
            attr("style", plain(dash.dot_style())),
            attr("penwidth", plain(&format!("{:.1}", 0.6 + 0.6 * d.strength as f64))),
            attr("tooltip", quoted(&tip)),
            attr("id", quoted(&format!("e{}", d.id))),
        ];
        if !d.directed {
            attributes.push(attr("dir", plain("none")));
        }
        if engine == Engine::Dot && g[e.source()].level_rank > g[e.target()].level_rank {
            // Upward links (reports to) must not pull levels out of order.
            attributes.push(attr("constraint", plain("false")));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(node_id(&node_name(g[e.source()].id))),
                Vertex::N(node_id(&node_name(g[e.target()].id))),
            ),
            attributes,
        }));
    }
    if legend {
        stmts.push(Stmt::Subgraph(legend_cluster(net, lang)));
    }
    Graph::DiGraph { id: plain("maillage"), strict: false, stmts }
}

/// A legend cluster: one swatch per kind present and one sample line per link type present.
fn legend_cluster(net: &Network, lang: Lang) -> Subgraph {
    let g = &net.graph;
    let mut stmts = vec![
        Stmt::Attribute(attr("label", quoted(lang.pick("Légende", "Legend")))),
        Stmt::Attribute(attr("style", quoted("rounded"))),
        Stmt::Attribute(attr("color", quoted("#aab4c0"))),
    ];
    for (i, k) in net.reference.kinds.iter().enumerate().filter(|(_, k)| g.node_weights().any(|n| n.kind == k.code)) {
        let (fill, stroke) = style::kind_colours(&net.reference, &k.code);
        stmts.push(Stmt::Node(Node::new(
            node_id(&format!("legend_kind_{i}")),
            vec![
                attr("label", quoted(k.label(lang))),
                attr("fillcolor", quoted(fill)),
                attr("color", quoted(stroke)),
                attr("fontsize", plain("9")),
            ],
        )));
    }
    for (i, t) in net.reference.link_types.iter().enumerate().filter(|(_, t)| g.edge_weights().any(|e| e.link_type == t.code)) {
        let (colour, dash) = style::link_style(&net.reference, &t.code);
        let (a, b) = (format!("legend_type_{i}_a"), format!("legend_type_{i}_b"));
        for n in [&a, &b] {
            stmts.push(Stmt::Node(Node::new(
                node_id(n),
                vec![attr("shape", plain("point")), attr("width", plain("0.05")), attr("color", quoted(colour))],
            )));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(node_id(&a)), Vertex::N(node_id(&b))),
            attributes: vec![
                attr("label", quoted(t.label(lang))),
                attr("color", quoted(colour)),
                attr("style", plain(dash.dot_style())),
                attr("fontsize", plain("9")),
                attr("penwidth", plain("1.8")),
            ],
        }));
    }
    Subgraph { id: plain("cluster_legend"), stmts }
}

pub fn print(graph: &Graph) -> String {
    graph.print(&mut PrinterContext::default())
}
