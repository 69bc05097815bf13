//! The built-in renderer, pure Rust, used when Graphviz is not installed (or too slow):
//! one horizontal band per institutional level, top to bottom; inside a band, nodes ordered
//! by the barycentre of their neighbours (a few sweeps) and wrapped into rows; edges as
//! curves. Written with quick-xml, so every text is escaped. Handles thousands of nodes in
//! milliseconds.

use super::label::{label_lines, node_name, tooltip};
use super::model::{Drawing, Network};
use super::style::{self, BAND_FILLS};
use crate::domain::campaign::Participation;
use crate::i18n::Lang;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use quick_xml::Writer;
use quick_xml::events::BytesText;
use std::collections::HashMap;

const WIDTH: f64 = 1900.0;
const MARGIN: f64 = 20.0;
const BAND_LABEL: f64 = 26.0;
const ROW_HEIGHT: f64 = 46.0;
const GAP: f64 = 10.0;
const CHAR_WIDTH: f64 = 6.4;

/// A node's box: centre, size and font size, in points (y grows downwards).
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub font: f64,
}

/// Where everything goes: node boxes, and each level band as (top, height, level rank).
pub struct Layout {
    pub placed: HashMap<NodeIndex, Placed>,
    pub bands: Vec<(f64, f64, usize)>,
    pub width: f64,
    pub height: f64,
}

/// Width, height and font size of a node's box: larger for more connected nodes on a screen;
/// on a projector every name at 16 (a central actor's at 18, in bold), which is 16 px and more
/// when the map fills a 1920-pixel-wide screen.
fn node_size(net: &Network, n: NodeIndex, max_degree: usize) -> (f64, f64, f64) {
    let d = &net.graph[n];
    let font = match net.drawing {
        Drawing::Screen => 10.0 * (0.85 + 0.25 * style::node_scale(d.degree, max_degree)),
        Drawing::Projector if d.central => 18.0,
        Drawing::Projector => 16.0,
    };
    let lines = label_lines(d.label(), net.drawing);
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(1);
    let bold = if d.central { 1.1 } else { 1.0 };
    let w = (longest as f64 * CHAR_WIDTH * bold * font / 10.0 + 14.0).max(34.0);
    (w, 10.0 + font * 1.2 * lines.len() as f64, font)
}

/// How a node's outline says what it is, in black and white too: a dark double border for a
/// central actor (the second drawn around the box), a dotted one for an isolated actor (no
/// link in this view), dashes for an invitee who has not sent answers (draft or silent) or an
/// actor gone since the other state, a thicker one for a key stakeholder.
pub fn outline(d: &super::model::NodeData, kind_stroke: &'static str) -> (&'static str, &'static str, &'static str) {
    let colour = style::change_colour(d.change).unwrap_or(if d.central { style::CENTRAL } else { kind_stroke });
    let width = if d.change.is_some() {
        "4"
    } else if d.key || d.central {
        "2.5"
    } else if d.degree == 0 {
        "2"
    } else {
        "1"
    };
    let pending = matches!(d.participation, Some(Participation::Draft | Participation::Silent));
    let dash = if pending || d.change == Some(super::model::Change::Removed) {
        "4 3"
    } else if d.degree == 0 {
        "1.5 3"
    } else {
        "none"
    };
    (colour, width, dash)
}

/// A node's fill: its kind's colour, but hollow (white) on a campaign's map for those whose
/// answers are not in (silent invitees, organisations never invited), so that the
/// respondents' network stands out, in black and white too.
pub fn fill(d: &super::model::NodeData, kind_fill: &'static str) -> &'static str {
    match d.participation {
        Some(Participation::Silent | Participation::NotInvited) => HOLLOW,
        _ => kind_fill,
    }
}

const HOLLOW: &str = "#ffffff";

/// The mark of a standing on a campaign's map, as the legends draw it: fill (a kind's colour
/// stands for any, else hollow), dashes, and what it says.
pub fn participation_mark(p: Participation, lang: Lang) -> (&'static str, &'static str, &'static str) {
    let t = lang.tr();
    match p {
        Participation::Answered => (style::ANSWERED, "none", t.legend_answered),
        Participation::Draft => (style::ANSWERED, "4 3", t.legend_draft),
        Participation::Silent => (HOLLOW, "4 3", t.legend_silent),
        Participation::NotInvited => (HOLLOW, "none", t.legend_not_invited),
    }
}

/// The band layout: for each level present (top to bottom), its rows of nodes, ordered by
/// barycentre sweeps and wrapped to `row_width` (in the built-in renderer's units).
pub fn rows(net: &Network, row_width: f64) -> Vec<(usize, Vec<Vec<NodeIndex>>)> {
    let g = &net.graph;
    let max_degree = g.node_weights().map(|n| n.degree).max().unwrap_or(0);
    let size = |n: NodeIndex| node_size(net, n, max_degree);
    let mut levels: Vec<usize> = g.node_weights().map(|n| n.level_rank).collect();
    levels.sort_unstable();
    levels.dedup();
    let ordered = net.ordered_nodes();
    let mut bands: Vec<Vec<NodeIndex>> =
        levels.iter().map(|&r| ordered.iter().copied().filter(|&n| g[n].level_rank == r).collect()).collect();

    // Barycentre sweeps: order each band by the mean horizontal position of its neighbours.
    let mut position: HashMap<NodeIndex, f64> = HashMap::new();
    let assign = |bands: &Vec<Vec<NodeIndex>>, position: &mut HashMap<NodeIndex, f64>| {
        for band in bands {
            let total: f64 = band.iter().map(|&n| size(n).0 + GAP).sum::<f64>().max(1.0);
            let mut x = 0.0;
            for &n in band {
                position.insert(n, (x + size(n).0 / 2.0) / total);
                x += size(n).0 + GAP;
            }
        }
    };
    assign(&bands, &mut position);
    for _ in 0..6 {
        for band in bands.iter_mut() {
            let mut keyed: Vec<(f64, NodeIndex)> = band
                .iter()
                .map(|&n| {
                    let xs: Vec<f64> = g.neighbors_undirected(n).filter_map(|m| position.get(&m)).copied().collect();
                    let own = position[&n];
                    let target =
                        if xs.is_empty() { own } else { (own + xs.iter().sum::<f64>()) / (xs.len() + 1) as f64 };
                    (target, n)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            *band = keyed.into_iter().map(|(_, n)| n).collect();
        }
        assign(&bands, &mut position);
    }

    levels
        .into_iter()
        .zip(bands)
        .map(|(rank, band)| {
            let mut rows: Vec<Vec<NodeIndex>> = vec![Vec::new()];
            let mut used = 0.0;
            for n in band {
                let w = size(n).0 + GAP;
                if used + w > row_width && !rows.last().is_some_and(Vec::is_empty) {
                    rows.push(Vec::new());
                    used = 0.0;
                }
                used += w;
                rows.last_mut().expect("a row").push(n);
            }
            (rank, rows)
        })
        .collect()
}

/// The usable width of a band in the built-in renderer.
pub const ROW_WIDTH: f64 = WIDTH - 2.0 * MARGIN - 120.0;

/// Places every node: bands top to bottom, rows centred, alternate rows staggered so that
/// vertical edges do not hide behind nodes.
pub fn layout(net: &Network) -> Layout {
    let g = &net.graph;
    let max_degree = g.node_weights().map(|n| n.degree).max().unwrap_or(0);
    let size = |n: NodeIndex| node_size(net, n, max_degree);

    // Rows: centre every row of every band, staggering alternate rows so that vertical
    // edges do not hide behind nodes.
    let mut placed: HashMap<NodeIndex, Placed> = HashMap::new();
    let mut band_boxes: Vec<(f64, f64, usize)> = Vec::new();
    let mut y = MARGIN;
    for (rank, rows) in rows(net, ROW_WIDTH) {
        let top = y;
        y += BAND_LABEL;
        for (i, row) in rows.iter().enumerate() {
            let row_width: f64 = row.iter().map(|&n| size(n).0 + GAP).sum();
            let mut x = MARGIN + 120.0 + (ROW_WIDTH - row_width) / 2.0 + if i % 2 == 1 { 18.0 } else { 0.0 };
            let row_height = row.iter().map(|&n| size(n).1).fold(0.0, f64::max);
            for &n in row {
                let (w, h, font) = size(n);
                placed.insert(n, Placed { x: x + w / 2.0, y: y + row_height / 2.0 + 6.0, w, h, font });
                x += w + GAP;
            }
            y += ROW_HEIGHT.max(row_height + 22.0);
        }
        y += 8.0;
        band_boxes.push((top, y - top, rank));
        y += 6.0;
    }
    Layout { placed, bands: band_boxes, width: WIDTH, height: y }
}

/// Lays out and draws the network as a standalone SVG document.
pub fn render(net: &Network, lang: Lang) -> String {
    let g = &net.graph;
    let Layout { placed, bands: band_boxes, height: y, .. } = layout(net);
    let legend_top = y + 10.0;
    let overlay = g.node_weights().any(|n| n.participation.is_some());
    let height = legend_top + if overlay { 140.0 } else { 110.0 };

    let mut w = Writer::new(Vec::new());
    let attrs = |pairs: Vec<(&'static str, String)>| pairs;
    let mut svg = || -> std::io::Result<()> {
        w.create_element("svg")
            .with_attributes(
                attrs(vec![
                    ("xmlns", "http://www.w3.org/2000/svg".into()),
                    ("viewBox", format!("0 0 {WIDTH} {height:.0}")),
                    ("width", format!("{WIDTH}")),
                    ("height", format!("{height:.0}")),
                    ("font-family", "Helvetica, Arial, sans-serif".into()),
                    ("class", "maillage-map".into()),
                ])
                .iter()
                .map(|(k, v)| (*k, v.as_str())),
            )
            .write_inner_content(|w| {
                w.create_element("defs").write_inner_content(|w| {
                    for (i, t) in net.reference.link_types.iter().enumerate() {
                        let (colour, _) = style::link_style(&net.reference, &t.code);
                        w.create_element("marker")
                            .with_attributes([
                                ("id", format!("arrow{i}").as_str()),
                                ("viewBox", "0 0 10 10"),
                                ("refX", "9"),
                                ("refY", "5"),
                                ("markerWidth", "7"),
                                ("markerHeight", "7"),
                                ("orient", "auto-start-reverse"),
                            ])
                            .write_inner_content(|w| {
                                w.create_element("path")
                                    .with_attributes([("d", "M 0 0 L 10 5 L 0 10 z"), ("fill", colour)])
                                    .write_empty()?;
                                Ok(())
                            })?;
                    }
                    Ok(())
                })?;
                // Bands.
                for (i, (top, h, rank)) in band_boxes.iter().enumerate() {
                    let level = &net.reference.levels[*rank];
                    w.create_element("rect")
                        .with_attributes([
                            ("x", format!("{MARGIN}").as_str()),
                            ("y", format!("{top:.1}").as_str()),
                            ("width", format!("{}", WIDTH - 2.0 * MARGIN).as_str()),
                            ("height", format!("{h:.1}").as_str()),
                            ("rx", "8"),
                            ("fill", BAND_FILLS[i % 2]),
                            ("stroke", "#d8dee6"),
                        ])
                        .write_empty()?;
                    w.create_element("text")
                        .with_attributes([
                            ("x", format!("{}", MARGIN + 10.0).as_str()),
                            ("y", format!("{:.1}", top + 19.0).as_str()),
                            ("font-size", if net.drawing == Drawing::Projector { "20" } else { "15" }),
                            ("font-weight", "bold"),
                            ("fill", "#1d2733"),
                        ])
                        .write_text_content(BytesText::new(level.label(lang)))?;
                }
                // Edges first, so that nodes stay readable on top.
                w.create_element("g").with_attribute(("class", "edges")).write_inner_content(|w| {
                    for e in g.edge_references() {
                        let (Some(a), Some(b)) = (placed.get(&e.source()), placed.get(&e.target())) else { continue };
                        let d = e.weight();
                        let (colour, dash) = style::link_style(&net.reference, &d.link_type);
                        let marker = net.reference.link_types.iter().position(|t| t.code == d.link_type).unwrap_or(0);
                        let (x1, y1, x2, y2) = endpoints(a, b);
                        let bend = if (y1 - y2).abs() < 1.0 { -28.0 - (x2 - x1).abs() * 0.08 } else { 0.0 };
                        let path = format!(
                            "M {x1:.1} {y1:.1} C {x1:.1} {:.1}, {x2:.1} {:.1}, {x2:.1} {y2:.1}",
                            (y1 + y2) / 2.0 + bend,
                            (y1 + y2) / 2.0 + bend
                        );
                        let type_label =
                            crate::domain::reference::label_of(&net.reference.link_types, &d.link_type, lang);
                        let title = format!("{} → {}: {type_label}", g[e.source()].name, g[e.target()].name);
                        let changed = style::change_colour(d.change);
                        let extra = if changed.is_some() { 1.5 } else { 0.0 };
                        let width = format!("{:.1}", 0.5 + 0.5 * d.strength.min(3) as f64 + extra);
                        let marker_url = format!("url(#arrow{marker})");
                        let mut el = w.create_element("path").with_attributes([
                            ("d", path.as_str()),
                            ("fill", "none"),
                            ("stroke", changed.unwrap_or(colour)),
                            ("stroke-width", width.as_str()),
                            ("stroke-opacity", if changed.is_some() { "0.95" } else { "0.55" }),
                            ("class", "edge"),
                        ]);
                        if d.change == Some(super::model::Change::Removed) {
                            el = el.with_attribute(("stroke-dasharray", "6 3"));
                        } else if let Some(dasharray) = dash.svg_dasharray() {
                            el = el.with_attribute(("stroke-dasharray", dasharray));
                        }
                        if d.directed {
                            el = el.with_attribute(("marker-end", marker_url.as_str()));
                        }
                        el.write_inner_content(|w| {
                            w.create_element("title").write_text_content(BytesText::new(&title))?;
                            Ok(())
                        })?;
                    }
                    Ok(())
                })?;
                // Nodes, each a link to its stakeholder page with a tooltip.
                for n in net.ordered_nodes() {
                    let Some(p) = placed.get(&n) else { continue };
                    let d = &g[n];
                    let (kind_fill, stroke) = style::kind_colours(&net.reference, &d.kind);
                    let (line, line_width, dash) = outline(d, stroke);
                    let fill = fill(d, kind_fill);
                    let href = format!("/stakeholders/{}", d.id);
                    w.create_element("a")
                        .with_attributes([
                            ("href", href.as_str()),
                            ("id", node_name(d.id).as_str()),
                            ("class", node_class(d)),
                            ("target", "_top"),
                        ])
                        .write_inner_content(|w| {
                            w.create_element("title").write_text_content(BytesText::new(&tooltip(net, n, lang)))?;
                            if d.central {
                                outer_border(w, (p.x - p.w / 2.0, p.y - p.h / 2.0), (p.w, p.h), 9.0)?;
                            }
                            w.create_element("rect")
                                .with_attributes([
                                    ("x", format!("{:.1}", p.x - p.w / 2.0).as_str()),
                                    ("y", format!("{:.1}", p.y - p.h / 2.0).as_str()),
                                    ("width", format!("{:.1}", p.w).as_str()),
                                    ("height", format!("{:.1}", p.h).as_str()),
                                    ("rx", "6"),
                                    ("fill", fill),
                                    ("stroke", line),
                                    ("stroke-width", line_width),
                                    ("stroke-dasharray", dash),
                                ])
                                .write_empty()?;
                            let lines = label_lines(d.label(), net.drawing);
                            let first_y = p.y + p.font * 0.35 - (lines.len() as f64 - 1.0) * p.font * 0.6;
                            w.create_element("text")
                                .with_attributes([
                                    ("x", format!("{:.1}", p.x).as_str()),
                                    ("y", format!("{first_y:.1}").as_str()),
                                    ("font-size", format!("{:.1}", p.font).as_str()),
                                    ("font-weight", if d.central { "bold" } else { "normal" }),
                                    ("text-anchor", "middle"),
                                    ("fill", "#1d2733"),
                                ])
                                .write_inner_content(|w| {
                                    for (i, line) in lines.iter().enumerate() {
                                        w.create_element("tspan")
                                            .with_attributes([
                                                ("x", format!("{:.1}", p.x).as_str()),
                                                ("dy", if i == 0 { "0" } else { "1.2em" }),
                                            ])
                                            .write_text_content(BytesText::new(line))?;
                                    }
                                    Ok(())
                                })?;
                            Ok(())
                        })?;
                }
                legend(w, net, lang, legend_top)?;
                Ok(())
            })?;
        Ok(())
    };
    svg().expect("writing to a Vec cannot fail");
    String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8")
}

/// The second border of a central actor, 4 units around the box at `top_left` of `size`.
fn outer_border(w: &mut Writer<Vec<u8>>, top_left: (f64, f64), size: (f64, f64), rx: f64) -> std::io::Result<()> {
    w.create_element("rect")
        .with_attributes([
            ("x", format!("{:.1}", top_left.0 - 4.0).as_str()),
            ("y", format!("{:.1}", top_left.1 - 4.0).as_str()),
            ("width", format!("{:.1}", size.0 + 8.0).as_str()),
            ("height", format!("{:.1}", size.1 + 8.0).as_str()),
            ("rx", format!("{rx}").as_str()),
            ("fill", "none"),
            ("stroke", style::CENTRAL),
            ("stroke-width", "2"),
        ])
        .write_empty()?;
    Ok(())
}

/// A node's classes: `node`, and `central` or `isolated` when it is one (for the page's
/// style and its tests).
pub fn node_class(d: &super::model::NodeData) -> &'static str {
    match (d.central, d.degree == 0) {
        (true, _) => "node central",
        (false, true) => "node isolated",
        _ => "node",
    }
}

/// Where an edge leaves and enters: bottom/top of the boxes, or their sides in one row.
fn endpoints(a: &Placed, b: &Placed) -> (f64, f64, f64, f64) {
    if (a.y - b.y).abs() < 1.0 {
        (a.x, a.y - a.h / 2.0, b.x, b.y - b.h / 2.0)
    } else if a.y < b.y {
        (a.x, a.y + a.h / 2.0, b.x, b.y - b.h / 2.0 - 2.0)
    } else {
        (a.x, a.y - a.h / 2.0, b.x, b.y + b.h / 2.0 + 2.0)
    }
}

/// A legend's box for a kind of outline, its text's baseline at `y`.
fn mark(w: &mut Writer<Vec<u8>>, (x, y): (f64, f64), fill: &str, width: &str, dash: &str) -> std::io::Result<()> {
    w.create_element("rect")
        .with_attributes([
            ("x", format!("{x:.1}").as_str()),
            ("y", format!("{:.1}", y - 13.0).as_str()),
            ("width", "30"),
            ("height", "16"),
            ("rx", "4"),
            ("fill", fill),
            ("stroke", style::CENTRAL),
            ("stroke-width", width),
            ("stroke-dasharray", dash),
        ])
        .write_empty()?;
    Ok(())
}

fn legend(w: &mut Writer<Vec<u8>>, net: &Network, lang: Lang, top: f64) -> std::io::Result<()> {
    let g = &net.graph;
    let mut x = MARGIN + 10.0;
    let text = |w: &mut Writer<Vec<u8>>, x: f64, y: f64, s: &str| -> std::io::Result<()> {
        w.create_element("text")
            .with_attributes([
                ("x", format!("{x:.1}").as_str()),
                ("y", format!("{y:.1}").as_str()),
                ("font-size", "12"),
                ("fill", "#1d2733"),
            ])
            .write_text_content(BytesText::new(s))?;
        Ok(())
    };
    text(w, x, top + 14.0, lang.tr().legend)?;
    x += 70.0;
    for k in net.reference.kinds.iter().filter(|k| g.node_weights().any(|n| n.kind == k.code)) {
        let (fill, stroke) = style::kind_colours(&net.reference, &k.code);
        w.create_element("rect")
            .with_attributes([
                ("x", format!("{x:.1}").as_str()),
                ("y", format!("{:.1}", top + 3.0).as_str()),
                ("width", "16"),
                ("height", "14"),
                ("rx", "3"),
                ("fill", fill),
                ("stroke", stroke),
            ])
            .write_empty()?;
        text(w, x + 22.0, top + 14.0, k.label(lang))?;
        x += 34.0 + k.label(lang).chars().count() as f64 * 6.6;
    }
    let mut x = MARGIN + 80.0;
    let y = top + 44.0;
    for t in net.reference.link_types.iter().filter(|t| g.edge_weights().any(|e| e.link_type == t.code)) {
        let (colour, dash) = style::link_style(&net.reference, &t.code);
        let mut el = w.create_element("line").with_attributes([
            ("x1", format!("{x:.1}").as_str()),
            ("y1", format!("{:.1}", y - 4.0).as_str()),
            ("x2", format!("{:.1}", x + 30.0).as_str()),
            ("y2", format!("{:.1}", y - 4.0).as_str()),
            ("stroke", colour),
            ("stroke-width", "2.5"),
        ]);
        if let Some(d) = dash.svg_dasharray() {
            el = el.with_attribute(("stroke-dasharray", d));
        }
        el.write_empty()?;
        text(w, x + 36.0, y, t.label(lang))?;
        x += 50.0 + t.label(lang).chars().count() as f64 * 6.6;
    }
    // The outlines that mark central and isolated actors (black and white: thick, dotted).
    let mut x = MARGIN + 80.0;
    let y = top + 74.0;
    let marks = [
        (true, g.node_weights().any(|n| n.central), "2", "none", lang.tr().legend_central),
        (false, g.node_weights().any(|n| n.degree == 0), "2", "1.5 3", lang.tr().legend_isolated),
    ];
    for (central, _, width, dash, label) in marks.into_iter().filter(|m| m.1) {
        if central {
            outer_border(w, (x, y - 13.0), (30.0, 16.0), 6.0)?;
        }
        mark(w, (x, y), HOLLOW, width, dash)?;
        text(w, x + 38.0, y, label)?;
        x += 60.0 + label.chars().count() as f64 * 6.6;
    }
    // On a campaign's map: who answered, who started, who is silent, who was never invited.
    let mut x = MARGIN + 80.0;
    let y = top + 104.0;
    for p in net.participations() {
        let (fill, dash, label) = participation_mark(p, lang);
        mark(w, (x, y), fill, "1.5", dash)?;
        text(w, x + 38.0, y, label)?;
        x += 60.0 + label.chars().count() as f64 * 6.6;
    }
    Ok(())
}
