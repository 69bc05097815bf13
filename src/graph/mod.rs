//! The network: a petgraph model built from the inventory with the filters every view shares,
//! and its renderings (DOT, SVG by Graphviz or by the built-in band layout) and exports
//! (GraphML, GEXF, JSON, Kumu). Pure: no HTTP, no SQL.

pub mod aggregate;
pub mod band;
pub mod choropleth;
pub mod dot;
pub mod export;
pub mod label;
pub mod model;
pub mod render;
pub mod style;

pub use model::{GraphFilter, Network};
