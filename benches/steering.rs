//! The steering layer at size: 5,000 stakeholders / 25,000 links, 20 bodies, 200 meetings.
//! Prints the dashboard (first, then with the analysis cached), the page's view and map, the
//! designed-vs-observed review, a snapshot and its comparison, and the coverage map (shapes
//! read once, then each drawing). `cargo bench --bench steering`.

use maillage::app::transfer::Table;
use maillage::app::{Actor, AppState};
use maillage::domain::mechanism::{BodyDraft, MeetingDraft, MemberDraft};
use maillage::graph::model::FilterQuery;
use maillage::i18n::Lang;
use std::time::Instant;

mod common;
use common::Rng;

fn ms(t: Instant) -> String {
    format!("{:>8.1} ms", t.elapsed().as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let (n, m) = (5_000usize, 25_000usize);
    let dir = std::env::temp_dir().join(format!("maillage-steering-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = maillage::db::connect(&format!("sqlite://{}", dir.join("b.db").display())).await.unwrap();
    let geojson = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/wallonia_communes.geojson");
    let settings =
        maillage::app::Settings { communes_geojson: geojson.exists().then_some(geojson.clone()), ..Default::default() };
    let state = AppState::new(db).with_settings(settings);
    let cli = Actor::Cli;
    let reference = maillage::app::inventory::reference(&state).await.unwrap();
    let communes: Vec<&str> = reference
        .territories
        .iter()
        .filter(|t| t.kind == maillage::domain::reference::TerritoryKind::Commune)
        .map(|t| t.ins_code.as_str())
        .collect();
    let levels = ["federal", "regional", "provincial", "local", "local", "local"];
    let sectors: Vec<&str> = reference.sectors.iter().map(|s| s.code.as_str()).collect();
    let mut rng = Rng(7);
    let mut csv = String::from("name,kind,level,sectors,territory\n");
    for i in 0..n {
        let sector = sectors[rng.below(sectors.len())];
        let commune = communes[rng.below(communes.len())];
        csv.push_str(&format!(
            "Organisation {i},administration,{},{sector},{commune}\n",
            levels[rng.below(levels.len())]
        ));
    }
    let t = Instant::now();
    maillage::app::transfer::import(&state, &cli, Table::Stakeholders, csv.as_bytes(), "s.csv", &mut |_, _| {})
        .await
        .unwrap();
    let mut links = String::from("source,target,type\n");
    let mut seen = std::collections::HashSet::new();
    while seen.len() < m {
        let a = if rng.below(3) == 0 { rng.below(60) } else { rng.below(n) };
        let b = rng.below(n);
        if a != b && seen.insert((a.min(b), a.max(b))) {
            links.push_str(&format!("Organisation {a},Organisation {b},coordinates\n"));
        }
    }
    maillage::app::transfer::import(&state, &cli, Table::Links, links.as_bytes(), "l.csv", &mut |_, _| {})
        .await
        .unwrap();
    println!("setup: {n} stakeholders, {m} links imported in {}", ms(t));
    let t = Instant::now();
    let mut bodies = Vec::new();
    for b in 0..20 {
        let members = (0..12)
            .map(|k| MemberDraft {
                stakeholder: Some(format!("Organisation {}", b * 37 + k * 11)),
                role: None,
                contact: None,
            })
            .collect();
        let draft = BodyDraft {
            name: Some(format!("Body {b}")),
            frequency: Some("monthly".into()),
            established_on: Some("2026-01-01".into()),
            members,
            ..Default::default()
        };
        bodies.push(maillage::app::mechanism::save_body(&state, &cli, None, &draft).await.unwrap().id);
    }
    for k in 0..200 {
        let attendees = (0..8)
            .map(|j| MemberDraft {
                stakeholder: Some(format!("Organisation {}", (k % 20) * 37 + j * 11)),
                role: None,
                contact: None,
            })
            .collect();
        let draft = MeetingDraft {
            held_on: Some(format!("2026-{:02}-{:02}", 1 + k % 11, 1 + k % 28)),
            title: Some(format!("Meeting {k}")),
            body: Some(bodies[k % 20].to_string()),
            attendees,
            ..Default::default()
        };
        maillage::app::mechanism::save_meeting(&state, &cli, None, &draft).await.unwrap();
    }
    println!("setup: 20 bodies, 200 meetings in {}", ms(t));
    let t = Instant::now();
    maillage::app::snapshots::take(&state, &cli, Some("before"), None, Lang::EN).await.unwrap();
    println!("snapshot taken (analysis computed):     {}", ms(t));
    let t = Instant::now();
    maillage::app::mechanism::save_body(
        &state,
        &cli,
        None,
        &BodyDraft { name: Some("One more".into()), ..Default::default() },
    )
    .await
    .unwrap();
    println!("a change (the cached analysis expires): {}", ms(t));

    for round in ["first (analysis computed)", "again (analysis cached)"] {
        let t = Instant::now();
        let d = maillage::app::steering::dashboard(&state, &cli, Lang::EN).await.unwrap();
        let dash = ms(t);
        let t = Instant::now();
        let v = maillage::report::view(&d, Lang::EN);
        let view = ms(t);
        let t = Instant::now();
        let map = maillage::app::network::svg(
            &state,
            &cli,
            &FilterQuery::default(),
            Lang::EN,
            maillage::graph::render::Preference::Auto,
        )
        .await
        .unwrap();
        let svg = ms(t);
        let t = Instant::now();
        let coverage = maillage::report::dashboard_coverage(&state, &cli, &d, Lang::EN).await.unwrap();
        let cov = ms(t);
        let t = Instant::now();
        let html = maillage::report::html(&v, Lang::EN, &map.svg, coverage.as_ref(), "/static/maillage.css").unwrap();
        let page = ms(t);
        println!("\n/steering, {round}:");
        println!("  dashboard figures + diff since snapshot {dash}");
        println!("  view                                    {view}");
        println!("  network map ({} KB, {})  {svg}", map.svg.len() / 1024, map.renderer);
        println!(
            "  coverage map ({} KB)                    {cov}",
            coverage.as_ref().map_or(0, |c| c.svg.len() / 1024)
        );
        println!("  report HTML ({} KB)                    {page}", html.len() / 1024);
    }
    let t = Instant::now();
    let review = maillage::app::mechanism::review(&state, &cli, Lang::EN).await.unwrap();
    println!(
        "\ndesigned vs observed (analysis cached): {} ({} central outside bodies)",
        ms(t),
        review.findings.central_outside.len()
    );
    let t = Instant::now();
    let c = maillage::app::snapshots::compare(
        &state,
        &cli,
        maillage::app::snapshots::Side::Snapshot(1),
        maillage::app::snapshots::Side::Now,
        15,
        Lang::EN,
    )
    .await
    .unwrap();
    println!("snapshot vs now (diff, analysis cached): {} ({} links added)", ms(t), c.diff.added_links.len());

    if geojson.exists() {
        let bytes = std::fs::read(&geojson).unwrap();
        let known = reference
            .territories
            .iter()
            .filter(|t| t.kind == maillage::domain::reference::TerritoryKind::Commune)
            .map(|t| (t.ins_code.clone(), (t.name().to_owned(), t.province_ins.clone().unwrap_or_default())))
            .collect();
        let t = Instant::now();
        let shapes = maillage::graph::choropleth::parse(&bytes, &known).unwrap();
        println!("\ncoverage shapes: {} KB GeoJSON read and projected once in {}", bytes.len() / 1024, ms(t));
        for sector in ["health", "social_aid", "reception_housing"] {
            let t = Instant::now();
            let (svg, _, _) = maillage::report::coverage(&state, &cli, sector, Lang::EN).await.unwrap();
            println!("coverage map of {sector:<18} {} ({} KB)", ms(t), svg.map_or(0, |s| s.len() / 1024));
        }
        let counts = std::collections::HashMap::new();
        let words = maillage::graph::choropleth::Words {
            title: "t",
            legend: Default::default(),
            tooltip: &|n, c| format!("{n} {c}"),
            href: &|i| i.to_owned(),
        };
        let t = Instant::now();
        for _ in 0..100 {
            std::hint::black_box(maillage::graph::choropleth::render(&shapes, &counts, &words));
        }
        println!("choropleth drawing alone: {:.2} ms each (100 drawings)", t.elapsed().as_secs_f64() * 10.0);
    } else {
        println!("\ncoverage map NOT MEASURED: {} is not on this machine", geojson.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
