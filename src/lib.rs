//! Maillage: stakeholder coordination mapping for the reception of people displaced from
//! Ukraine in Wallonia. The binary is a thin shell over this library.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod csvio;
pub mod db;
pub mod demo;
pub mod domain;
pub mod graph;
pub mod i18n;
pub mod report;
pub mod store;
pub mod survey;
pub mod web;
