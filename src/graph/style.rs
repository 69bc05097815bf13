//! How the map looks, shared by every renderer and the legend: a colour per kind of actor,
//! a colour and line pattern per link type, sizes by degree. Kinds and link types are data,
//! so colours are given by their position in the reference table.

use crate::domain::reference::Reference;

/// (fill, stroke) per kind, colour-blind-friendly hues, light fills for dark text.
const KIND_COLOURS: [(&str, &str); 8] = [
    ("#cfe3f6", "#0b5cad"),
    ("#d9ecd0", "#2e7d32"),
    ("#e6dcf5", "#6a3d9a"),
    ("#fde2c8", "#c85a00"),
    ("#fff1b8", "#a07d00"),
    ("#e3e3e3", "#555555"),
    ("#fbd3e0", "#b0185a"),
    ("#eeeeee", "#777777"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dash {
    Solid,
    Dashed,
    Dotted,
}

impl Dash {
    pub fn dot_style(self) -> &'static str {
        match self {
            Dash::Solid => "solid",
            Dash::Dashed => "dashed",
            Dash::Dotted => "dotted",
        }
    }

    pub fn svg_dasharray(self) -> Option<&'static str> {
        match self {
            Dash::Solid => None,
            Dash::Dashed => Some("7 4"),
            Dash::Dotted => Some("2 3"),
        }
    }
}

const LINK_STYLES: [(&str, Dash); 7] = [
    ("#4a6fa5", Dash::Solid),
    ("#2e7d32", Dash::Solid),
    ("#6a3d9a", Dash::Solid),
    ("#6a3d9a", Dash::Dashed),
    ("#d35400", Dash::Solid),
    ("#00897b", Dash::Dotted),
    ("#8d6e63", Dash::Dashed),
];

pub fn kind_colours(reference: &Reference, kind: &str) -> (&'static str, &'static str) {
    let i = reference.kinds.iter().position(|k| k.code == kind).unwrap_or(KIND_COLOURS.len() - 1);
    KIND_COLOURS[i % KIND_COLOURS.len()]
}

pub fn link_style(reference: &Reference, link_type: &str) -> (&'static str, Dash) {
    let i = reference.link_types.iter().position(|t| t.code == link_type).unwrap_or(0);
    LINK_STYLES[i % LINK_STYLES.len()]
}

/// Node scale from 1.0 (isolated) to 2.0 (the most connected node of the map).
pub fn node_scale(degree: usize, max_degree: usize) -> f64 {
    if max_degree == 0 { 1.0 } else { 1.0 + (degree as f64 / max_degree as f64).sqrt() }
}

/// The border of a central actor: near black, so that it reads in black-and-white print.
pub const CENTRAL: &str = "#1d2733";

/// The fill of "answered" in a campaign map's legend, standing for any kind's colour.
pub const ANSWERED: &str = "#a9bdd3";

/// Level band background colours, alternating.
pub const BAND_FILLS: [&str; 2] = ["#f4f7fb", "#eaf0f6"];

/// Colours of what came (green) and went (red) on a comparison map, readable in print.
pub fn change_colour(change: Option<super::model::Change>) -> Option<&'static str> {
    match change {
        Some(super::model::Change::Added) => Some("#1e7b34"),
        Some(super::model::Change::Removed) => Some("#b3261e"),
        None => None,
    }
}
