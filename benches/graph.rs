//! Map build and render times: the demo network and a generated 2,000 stakeholders / 10,000
//! links network, with each renderer. Prints its figures; `cargo bench --bench graph`.

use maillage::domain::campaign::Participation;
use maillage::domain::link::Link;
use maillage::domain::stakeholder::Stakeholder;
use maillage::graph::dot::{Engine, print, to_dot};
use maillage::graph::render::{graphviz_available, run_graphviz};
use maillage::graph::{GraphFilter, Network, band, export};
use maillage::i18n::Lang;
use maillage::store;
use std::time::Instant;

mod common;
use common::generated;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

async fn measure(label: &str, reference: maillage::domain::reference::Reference, s: &[Stakeholder], l: &[Link]) {
    println!("\n== {label} ==");
    let t = Instant::now();
    let net = Network::build(reference, s, l, &GraphFilter::default());
    println!("build graph ({} nodes, {} edges): {:.1} ms", net.node_count(), net.edge_count(), ms(t));
    let t = Instant::now();
    let svg = band::render(&net, Lang::FR);
    println!("built-in renderer (band layout + SVG, {} KB): {:.1} ms", svg.len() / 1024, ms(t));
    let t = Instant::now();
    let dot = print(&to_dot(&net, Lang::FR, Engine::Bands, false));
    println!("DOT text ({} KB): {:.1} ms", dot.len() / 1024, ms(t));
    if graphviz_available() {
        let t = Instant::now();
        match run_graphviz(&dot, Engine::Bands, "svg").await {
            Ok(out) => println!("Graphviz neato -n2, pinned bands (SVG {} KB): {:.1} ms", out.len() / 1024, ms(t)),
            Err(e) => println!("Graphviz neato -n2: {e} after {:.1} ms", ms(t)),
        }
        let sfdp = print(&to_dot(&net, Lang::FR, Engine::Sfdp, false));
        let t = Instant::now();
        match run_graphviz(&sfdp, Engine::Sfdp, "svg").await {
            Ok(out) => println!("Graphviz sfdp, force-directed (SVG {} KB): {:.1} ms", out.len() / 1024, ms(t)),
            Err(e) => println!("Graphviz sfdp: {e} after {:.1} ms", ms(t)),
        }
    } else {
        println!("Graphviz not installed: Graphviz timings skipped");
    }
    // A campaign's map: every other stakeholder invited, a third of the invitees answering and
    // one in ten with a draft, their links the ties declared; the silent nobody named left off.
    let invitees: std::collections::HashMap<i64, Participation> = s
        .iter()
        .step_by(2)
        .enumerate()
        .map(|(i, x)| {
            let p = match i % 10 {
                0..=2 => Participation::Answered,
                3 => Participation::Draft,
                _ => Participation::Silent,
            };
            (x.id, p)
        })
        .collect();
    let speaking: std::collections::HashSet<i64> =
        invitees.iter().filter(|(_, p)| **p != Participation::Silent).map(|(id, _)| *id).collect();
    let ties: std::collections::HashSet<i64> = l
        .iter()
        .filter(|x| speaking.contains(&x.data.source) || speaking.contains(&x.data.target))
        .map(|x| x.id)
        .collect();
    let t = Instant::now();
    let mut observed = Network::build(net.reference.clone(), s, l, &GraphFilter::default());
    observed.overlay_survey(&ties, &invitees);
    let overlaid = ms(t);
    let t = Instant::now();
    let svg = band::render(&observed, Lang::FR);
    println!(
        "campaign map ({} invited, {} ties; {} actors drawn, {} left off): build + overlay {:.1} ms, built-in SVG ({} KB) {:.1} ms",
        invitees.len(),
        ties.len(),
        observed.node_count(),
        observed.unseen_invitees,
        overlaid,
        svg.len() / 1024,
        ms(t)
    );
    let t = Instant::now();
    let g = export::graphml(&net);
    let x = export::gexf(&net);
    println!("GraphML + GEXF ({} + {} KB): {:.1} ms", g.len() / 1024, x.len() / 1024, ms(t));
    if net.node_count() <= 200 {
        // layout-rs, the pure-Rust Graphviz clone, on the same graph without clusters.
        let plain = print(&to_dot(&net, Lang::FR, Engine::Sfdp, false));
        let t = Instant::now();
        let mut parser = layout::gv::DotParser::new(&plain);
        match parser.process() {
            Ok(graph) => {
                let mut builder = layout::gv::GraphBuilder::new();
                builder.visit_graph(&graph);
                let mut vg = builder.get();
                let mut writer = layout::backends::svg::SVGWriter::new();
                vg.do_it(false, false, false, &mut writer);
                let out = writer.finalize();
                println!(
                    "layout-rs (for comparison; no bands, links or tooltips; SVG {} KB): {:.1} ms",
                    out.len() / 1024,
                    ms(t)
                );
            }
            Err(e) => println!("layout-rs could not parse the DOT: {e}"),
        }
    }
}

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("maillage-graph-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = maillage::db::connect(&format!("sqlite://{}", dir.join("b.db").display())).await.unwrap();
    maillage::demo::load(&maillage::app::AppState::new(db.clone())).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let t = Instant::now();
    let reference = store::reference::load(&mut conn).await.unwrap();
    let inv = store::network::load(&mut conn, reference).await.unwrap();
    println!("load demo inventory from SQLite: {:.1} ms", ms(t));
    let reference = inv.reference.clone();
    measure("demo network", inv.reference, &inv.stakeholders, &inv.links).await;
    let (s, l) = generated(&reference, 2_000, 10_000);
    measure("generated 2,000 stakeholders / 10,000 links", reference, &s, &l).await;
    let _ = std::fs::remove_dir_all(&dir);
}
