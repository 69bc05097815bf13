//! The whole analysis on generated networks of 1,000 / 5,000 / 20,000 stakeholders with five
//! links each on average, every measure timed, exact and (above 1,000) sampled.
//! `cargo bench --bench analysis`.

use maillage::analysis::Mode;
use maillage::graph::{GraphFilter, Network};
use maillage::i18n::Lang;
use std::time::Instant;

mod common;
use common::generated;

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("maillage-analysis-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = maillage::db::connect(&format!("sqlite://{}", dir.join("b.db").display())).await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let reference = maillage::store::reference::load(&mut conn).await.unwrap();
    println!("threads available: {}", std::thread::available_parallelism().map_or(1, |n| n.get()));
    for n in [1_000usize, 5_000, 20_000] {
        let (s, l) = generated(&reference, n, n * 5);
        let t = Instant::now();
        let net = Network::build(reference.clone(), &s, &l, &GraphFilter::default());
        let build = t.elapsed().as_secs_f64() * 1000.0;
        println!("\n== {n} stakeholders / {} links (graph build {build:.1} ms) ==", net.edge_count());
        let modes = [Mode::Exact, Mode::Sampled(maillage::analysis::SAMPLE_SOURCES)];
        for mode in if n > maillage::analysis::SAMPLE_SOURCES { &modes[..] } else { &modes[..1] } {
            let a = maillage::analysis::analyse_with(&net, Lang::EN, *mode);
            println!("  -- {mode:?}");
            for (step, ms) in &a.timings_ms {
                println!("  {step:<22} {ms:>9.1} ms");
            }
            if let Some(s) = &a.sampling {
                let top = a.nodes.iter().map(|m| m.betweenness).fold(0.0, f64::max);
                println!("  sampling: {s:?}; largest betweenness {top:.4}");
            }
            println!(
                "  communities {} (modularity {:.3}), components {}, density {:.5}",
                a.network.communities, a.network.modularity, a.network.components, a.network.density
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
