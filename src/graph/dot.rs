//! DOT built with graphviz-rust's DOT model: every user text goes through `quoted`, so
//! names with quotes, backslashes, `<`, line breaks or `"]; a -> b [` stay one string.

use super::label::{node_name, tooltip};
use super::model::Network;
use super::style::{self, BAND_FILLS};
use crate::i18n::Lang;
use graphviz_rust::dot_structures::{Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Vertex};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::visit::EdgeRef;

/// How Graphviz lays the map out. `Bands`: the level bands computed here, pinned, with
/// Graphviz (`neato -n2`) drawing nodes, curves, arrows, links and tooltips; it scales to
/// thousands of nodes. `Sfdp`: Graphviz's own force-directed layout, for an alternative view.
/// (Graphviz's hierarchical `dot` engine was tried and dropped: it puts each level on one
/// line, 150 communes wide, and takes minutes beyond a few hundred nodes.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Bands,
    Sfdp,
}

impl Engine {
    /// The Graphviz layout program.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Bands => "neato",
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

/// Above this many links, Graphviz draws straight edges (curved ones took over 30 s for
/// 10,000 links here).
pub const CURVED_MAX_EDGES: usize = 2_000;

fn pt(v: f64) -> String {
    format!("{v:.1}")
}

pub fn to_dot(net: &Network, lang: Lang, engine: Engine, legend: bool) -> Graph {
    let g = &net.graph;
    let max_degree = g.node_weights().map(|n| n.degree).max().unwrap_or(0);
    let layout = (engine == Engine::Bands).then(|| super::band::layout(net));
    let flip = |y: f64| layout.as_ref().map_or(0.0, |l| l.height - y);
    let mut stmts: Vec<Stmt> = vec![
        Stmt::GAttribute(GraphAttributes::Graph(match engine {
            Engine::Bands => vec![
                attr("layout", plain("neato")),
                // Curved edges cost Graphviz seconds per thousand links; straight beyond that.
                attr("splines", plain(if g.edge_count() <= CURVED_MAX_EDGES { "curved" } else { "false" })),
                attr("fontname", quoted("Helvetica")),
                attr("outputorder", plain("edgesfirst")),
                attr("bgcolor", quoted("white")),
                attr("pad", plain("0.2")),
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
            attr("margin", quoted("0.05,0.02")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("arrowsize", plain("0.6")),
            attr("fontname", quoted("Helvetica")),
        ])),
    ];

    // Level bands: a background box and a title per band, drawn first (behind the nodes).
    if let Some(l) = &layout {
        for (i, (top, height, rank)) in l.bands.iter().enumerate() {
            let level = &net.reference.levels[*rank];
            let width = l.width - 40.0;
            stmts.push(Stmt::Node(Node::new(
                node_id(&format!("band_{rank}")),
                vec![
                    attr("label", quoted("")),
                    attr("shape", plain("box")),
                    attr("style", quoted("filled,rounded")),
                    // Translucent: edges are drawn first and must show through.
                    attr("fillcolor", quoted(&format!("{}66", BAND_FILLS[i % 2]))),
                    attr("color", quoted("#d8dee6")),
                    attr("fixedsize", plain("true")),
                    attr("width", plain(&format!("{:.3}", width / 72.0))),
                    attr("height", plain(&format!("{:.3}", height / 72.0))),
                    attr("pos", quoted(&format!("{},{}!", pt(l.width / 2.0), pt(flip(top + height / 2.0))))),
                ],
            )));
            stmts.push(Stmt::Node(Node::new(
                node_id(&format!("band_label_{rank}")),
                vec![
                    attr("label", quoted(level.label(lang))),
                    attr("shape", plain("plaintext")),
                    attr("style", quoted("")),
                    attr("fontsize", plain(if net.drawing == super::model::Drawing::Projector { "20" } else { "15" })),
                    attr("fontname", quoted("Helvetica-Bold")),
                    attr("fontcolor", quoted("#1d2733")),
                    attr("pos", quoted(&format!("{},{}!", pt(80.0), pt(flip(top + 14.0))))),
                ],
            )));
        }
    }

    for n in net.ordered_nodes() {
        let d = &g[n];
        let (fill, stroke) = style::kind_colours(&net.reference, &d.kind);
        let scale = style::node_scale(d.degree, max_degree);
        let placed = layout.as_ref().and_then(|l| l.placed.get(&n));
        // The band layout sized the box for its font; without it, the screen's sizes.
        let font = match (placed, net.drawing) {
            (Some(p), super::model::Drawing::Projector) => p.font,
            _ => 8.5 * (0.85 + 0.25 * scale),
        };
        let (outline, width, dash) = super::band::outline(d, stroke);
        let fill = super::band::fill(d, fill);
        let mut attributes = vec![
            attr("label", quoted(&super::label::label_lines(d.label(), net.drawing).join("\n"))),
            attr("tooltip", quoted(&tooltip(net, n, lang))),
            attr("URL", quoted(&format!("/stakeholders/{}", d.id))),
            attr("target", quoted("_top")),
            attr("id", quoted(&node_name(d.id))),
            attr("class", quoted(super::band::node_class(d))),
            attr("fillcolor", quoted(fill)),
            attr("color", quoted(outline)),
            attr("fontsize", plain(&format!("{font:.1}"))),
            attr("penwidth", plain(width)),
        ];
        if dash == "4 3" {
            attributes.push(attr("style", quoted("rounded,filled,dashed")));
        } else if dash != "none" {
            attributes.push(attr("style", quoted("rounded,filled,dotted")));
        }
        if d.central {
            attributes.push(attr("peripheries", plain("2")));
            attributes.push(attr("fontname", quoted("Helvetica-Bold")));
        }
        if let Some(p) = placed {
            attributes.push(attr("pos", quoted(&format!("{},{}!", pt(p.x), pt(flip(p.y))))));
            attributes.push(attr("width", plain(&format!("{:.3}", p.w / 72.0))));
            attributes.push(attr("height", plain(&format!("{:.3}", p.h / 72.0))));
            attributes.push(attr("fixedsize", plain("true")));
        }
        stmts.push(Stmt::Node(Node::new(node_id(&node_name(d.id)), attributes)));
    }

    for e in g.edge_references() {
        let d = e.weight();
        let (colour, dash) = style::link_style(&net.reference, &d.link_type);
        let type_label = crate::domain::reference::label_of(&net.reference.link_types, &d.link_type, lang);
        let tip = format!("{} → {}: {type_label}", g[e.source()].name, g[e.target()].name);
        let changed = style::change_colour(d.change);
        let removed = d.change == Some(super::model::Change::Removed);
        let mut attributes = vec![
            attr("color", quoted(&changed.map_or_else(|| format!("{colour}99"), str::to_owned))),
            attr("style", plain(if removed { "dashed" } else { dash.dot_style() })),
            attr(
                "penwidth",
                plain(&format!(
                    "{:.1}",
                    0.4 + 0.5 * d.strength.min(3) as f64 + if changed.is_some() { 1.5 } else { 0.0 }
                )),
            ),
            attr("tooltip", quoted(&tip)),
            attr("id", quoted(&format!("e{}", d.id))),
        ];
        if !d.directed {
            attributes.push(attr("dir", plain("none")));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(node_id(&node_name(g[e.source()].id))),
                Vertex::N(node_id(&node_name(g[e.target()].id))),
            ),
            attributes,
        }));
    }
    if let (Some(l), true) = (&layout, legend) {
        stmts.extend(pinned_legend(net, lang, l.height + 30.0, &flip));
    }
    Graph::DiGraph { id: plain("maillage"), strict: false, stmts }
}

/// The legend under the bands, pinned like the map: a swatch per kind present, then a
/// coloured line of text per link type present.
fn pinned_legend(net: &Network, lang: Lang, top: f64, flip: &dyn Fn(f64) -> f64) -> Vec<Stmt> {
    let g = &net.graph;
    let mut stmts = Vec::new();
    let mut x = 40.0;
    for (i, k) in net.reference.kinds.iter().enumerate().filter(|(_, k)| g.node_weights().any(|n| n.kind == k.code)) {
        let (fill, stroke) = style::kind_colours(&net.reference, &k.code);
        let w = 24.0 + k.label(lang).chars().count() as f64 * 6.0;
        stmts.push(Stmt::Node(Node::new(
            node_id(&format!("legend_kind_{i}")),
            vec![
                attr("label", quoted(k.label(lang))),
                attr("fillcolor", quoted(fill)),
                attr("color", quoted(stroke)),
                attr("fontsize", plain("10")),
                attr("fixedsize", plain("true")),
                attr("width", plain(&format!("{:.3}", w / 72.0))),
                attr("height", plain("0.28")),
                attr("pos", quoted(&format!("{},{}!", pt(x + w / 2.0), pt(flip(top))))),
            ],
        )));
        x += w + 12.0;
    }
    let mut x = 40.0;
    for (i, t) in
        net.reference.link_types.iter().enumerate().filter(|(_, t)| g.edge_weights().any(|e| e.link_type == t.code))
    {
        let (colour, dash) = style::link_style(&net.reference, &t.code);
        let pattern = match dash {
            super::style::Dash::Solid => "───",
            super::style::Dash::Dashed => "– – –",
            super::style::Dash::Dotted => "·····",
        };
        let text = format!("{pattern} {}", t.label(lang));
        let w = 20.0 + text.chars().count() as f64 * 6.0;
        stmts.push(Stmt::Node(Node::new(
            node_id(&format!("legend_type_{i}")),
            vec![
                attr("label", quoted(&text)),
                attr("shape", plain("plaintext")),
                attr("style", quoted("")),
                attr("fontcolor", quoted(colour)),
                attr("fontsize", plain("11")),
                attr("pos", quoted(&format!("{},{}!", pt(x + w / 2.0), pt(flip(top + 28.0))))),
            ],
        )));
        x += w + 10.0;
    }
    stmts
}

pub fn print(graph: &Graph) -> String {
    graph.print(&mut PrinterContext::default())
}
