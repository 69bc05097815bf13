//! Map build and render times: the demo network and a generated 2,000 stakeholders / 10,000
//! links network, with each renderer. Prints its figures; `cargo bench --bench graph`.

use maillage::domain::link::{Link, LinkData};
use maillage::domain::stakeholder::{Stakeholder, StakeholderData};
use maillage::domain::values::{StakeholderName, Strength};
use maillage::graph::dot::{Engine, print, to_dot};
use maillage::graph::render::{graphviz_available, run_graphviz};
use maillage::graph::{GraphFilter, Network, band, export};
use maillage::i18n::Lang;
use maillage::store;
use std::time::Instant;

mod common;
use common::Rng;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// A hub-and-tail network: levels weighted towards local, links preferring hubs.
fn generated(reference: &maillage::domain::reference::Reference, n: usize, m: usize) -> (Vec<Stakeholder>, Vec<Link>) {
    let mut rng = Rng(42);
    let levels =
        ["international", "eu", "federal", "community", "regional", "provincial", "local", "local", "local", "local"];
    let kinds: Vec<String> = reference.kinds.iter().map(|k| k.code.clone()).collect();
    let stakeholders: Vec<Stakeholder> = (0..n)
        .map(|i| Stakeholder {
            id: i as i64 + 1,
            data: StakeholderData {
                name: StakeholderName::trusted(format!("Organisation {i}")),
                acronym: (i % 3 == 0).then(|| format!("ORG{i}")),
                kind: kinds[rng.below(kinds.len())].clone(),
                level: levels[if i < 40 { i % 6 } else { rng.below(levels.len()) }].to_owned(),
                sectors: vec!["social_aid".into()],
                territory: vec!["92094".into()],
                description: None,
                website: None,
                email: None,
                phone: None,
                influence: None,
                interest: None,
                key: i % 50 == 0,
                notes: None,
                contacts: vec![],
            },
            archived: false,
            created_at: String::new(),
            updated_at: String::new(),
        })
        .collect();
    let types: Vec<String> = reference.link_types.iter().map(|t| t.code.clone()).collect();
    let mut seen = std::collections::HashSet::new();
    let mut links = Vec::new();
    while links.len() < m {
        let a = if rng.below(3) == 0 { rng.below(n.min(60)) } else { rng.below(n) };
        let b = rng.below(n);
        if a == b || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        links.push(Link {
            id: links.len() as i64 + 1,
            data: LinkData {
                source: a as i64 + 1,
                target: b as i64 + 1,
                link_type: types[rng.below(types.len())].clone(),
                directed: rng.below(2) == 0,
                strength: Strength::trusted(1 + rng.below(3) as i64),
                formal: rng.below(2) == 0,
                since: None,
                until: None,
                note: None,
                confirmed: true,
            },
            provenance: "bench".into(),
            archived: false,
            source_name: String::new(),
            target_name: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
        });
    }
    (stakeholders, links)
}

async fn measure(label: &str, reference: maillage::domain::reference::Reference, s: &[Stakeholder], l: &[Link]) {
    println!("\n== {label} ==");
    let t = Instant::now();
    let net = Network::build(reference, s, l, &GraphFilter::default());
    println!("build graph ({} nodes, {} edges): {:.1} ms", net.node_count(), net.edge_count(), ms(t));
    let t = Instant::now();
    let svg = band::render(&net, Lang::Fr);
    println!("built-in renderer (band layout + SVG, {} KB): {:.1} ms", svg.len() / 1024, ms(t));
    let t = Instant::now();
    let dot = print(&to_dot(&net, Lang::Fr, Engine::Bands, false));
    println!("DOT text ({} KB): {:.1} ms", dot.len() / 1024, ms(t));
    if graphviz_available() {
        let t = Instant::now();
        match run_graphviz(&dot, Engine::Bands, "svg").await {
            Ok(out) => println!("Graphviz neato -n2, pinned bands (SVG {} KB): {:.1} ms", out.len() / 1024, ms(t)),
            Err(e) => println!("Graphviz neato -n2: {e} after {:.1} ms", ms(t)),
        }
        let sfdp = print(&to_dot(&net, Lang::Fr, Engine::Sfdp, false));
        let t = Instant::now();
        match run_graphviz(&sfdp, Engine::Sfdp, "svg").await {
            Ok(out) => println!("Graphviz sfdp, force-directed (SVG {} KB): {:.1} ms", out.len() / 1024, ms(t)),
            Err(e) => println!("Graphviz sfdp: {e} after {:.1} ms", ms(t)),
        }
    } else {
        println!("Graphviz not installed: Graphviz timings skipped");
    }
    let t = Instant::now();
    let g = export::graphml(&net);
    let x = export::gexf(&net);
    println!("GraphML + GEXF ({} + {} KB): {:.1} ms", g.len() / 1024, x.len() / 1024, ms(t));
    if net.node_count() <= 200 {
        // layout-rs, the pure-Rust Graphviz clone, on the same graph without clusters.
        let plain = print(&to_dot(&net, Lang::Fr, Engine::Sfdp, false));
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
    maillage::demo::load(&db).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let t = Instant::now();
    let inv = store::network::load(&mut conn).await.unwrap();
    println!("load demo inventory from SQLite: {:.1} ms", ms(t));
    let reference = inv.reference.clone();
    measure("demo network", inv.reference, &inv.stakeholders, &inv.links).await;
    let (s, l) = generated(&reference, 2_000, 10_000);
    measure("generated 2,000 stakeholders / 10,000 links", reference, &s, &l).await;
    let _ = std::fs::remove_dir_all(&dir);
}
