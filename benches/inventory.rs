//! Inventory at scale: import 10,000 stakeholders and 50,000 links from CSV, then list and
//! filter them through the JSON API. Prints its figures; run with `cargo bench --bench inventory`.
//! Set BENCH_POSTGRES_URL (a server URL with a database the user may create databases from)
//! to measure PostgreSQL too.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use maillage::web::{AppState, router};
use sqlx::{Connection, Executor, Row};
use std::time::Instant;

mod common;
use tower::ServiceExt;

const STAKEHOLDERS: usize = 10_000;
const LINKS: usize = 50_000;

async fn get(app: &axum::Router, token: &str, uri: &str) -> (f64, usize) {
    let started = Instant::now();
    let request = Request::get(uri)
        .header("host", "localhost")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert!(response.status().is_success(), "{uri}: {}", response.status());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let count = serde_json::from_slice::<serde_json::Value>(&body).unwrap().as_array().map_or(0, Vec::len);
    (started.elapsed().as_secs_f64() * 1000.0, count)
}

async fn run(label: &str, url: &str, stakeholders: &[u8], links: &[u8], copy_url: Option<&str>) {
    use maillage::app::transfer::{Table, import};
    let db = maillage::db::connect(url).await.unwrap();
    println!("\n== {label} ==");
    let state = AppState::new(db);
    let actor = maillage::app::Actor::Cli;
    // Through the use case, as `maillage import` and /import do: checks, writes and the
    // audit trail's rows (values after each record), in one transaction.
    let t = Instant::now();
    let r = import(&state, &actor, Table::Stakeholders, stakeholders, "s.csv", &mut |_, _| {}).await.unwrap();
    println!("import {} stakeholders: {:.2} s (audit rows included)", r.created, t.elapsed().as_secs_f64());
    let t = Instant::now();
    let r = import(&state, &actor, Table::Links, links, "l.csv", &mut |_, _| {}).await.unwrap();
    println!("import {} links: {:.2} s (audit rows included)", r.created, t.elapsed().as_secs_f64());
    let t = Instant::now();
    let r = import(&state, &actor, Table::Links, links, "l.csv", &mut |_, _| {}).await.unwrap();
    println!("re-import the same links ({} unchanged): {:.2} s", r.unchanged, t.elapsed().as_secs_f64());

    let t = Instant::now();
    let dump = maillage::app::backup::take_dump(&state, &actor).await.unwrap();
    let bytes = serde_json::to_vec(&dump).unwrap();
    let rows: usize = dump.tables.values().map(|t| t.rows.len()).sum();
    println!("dump: {rows} rows, {:.1} MB, {:.2} s", bytes.len() as f64 / 1e6, t.elapsed().as_secs_f64());
    if let Some(copy) = copy_url {
        let target = AppState::new(maillage::db::connect(copy).await.unwrap());
        let t = Instant::now();
        maillage::app::backup::load(&target, &actor, &dump).await.unwrap();
        println!("load it into an empty SQLite database: {:.2} s", t.elapsed().as_secs_f64());
    }
    drop((dump, bytes));
    let file = std::env::temp_dir().join(format!("maillage-bench-backup-{}-{label}", std::process::id()));
    let t = Instant::now();
    let format = maillage::app::backup::backup(&state, &actor, url, &file).await.unwrap();
    println!(
        "backup ({format:?}): {:.2} s, {:.1} MB",
        t.elapsed().as_secs_f64(),
        std::fs::metadata(&file).map_or(0, |m| m.len()) as f64 / 1e6
    );
    let _ = std::fs::remove_file(&file);

    let (_, token) = maillage::app::accounts::create_token(&state, &actor, "bench", maillage::app::Role::Viewer, None)
        .await
        .unwrap();
    let app = router(state.clone());
    for uri in [
        "/api/stakeholders",
        "/api/stakeholders?limit=50",
        "/api/stakeholders?level=local",
        "/api/stakeholders?level=local&sector=health&province=Namur",
        "/api/stakeholders?q=organisation%2004",
        "/api/stakeholders?q=accompagnement&limit=50&offset=5000",
        "/api/links?limit=1000",
        "/api/links?stakeholder=42",
        "/api/links",
    ] {
        let mut times = Vec::new();
        let mut count = 0;
        for _ in 0..5 {
            let (ms, n) = get(&app, &token, uri).await;
            times.push(ms);
            count = n;
        }
        times.sort_by(f64::total_cmp);
        println!("GET {uri:<62} {count:>6} rows  median {:>8.1} ms  (min {:.1})", times[2], times[0]);
    }
    // The stakeholders' import taken back as one operation (each archived, each revert a change).
    let op = {
        let mut conn = state.db.pool.acquire().await.unwrap();
        sqlx::query("SELECT MIN(operation) AS op FROM changes WHERE entity = 'stakeholder'")
            .fetch_one(&mut *conn)
            .await
            .unwrap()
            .get::<i64, _>("op")
    };
    let t = Instant::now();
    let n = maillage::app::audit::revert_operation(&state, &actor, op).await.unwrap();
    println!("revert the stakeholders' import ({n} changes): {:.2} s", t.elapsed().as_secs_f64());
}

#[tokio::main]
async fn main() {
    let (stakeholders, links) = common::csv_files(STAKEHOLDERS, LINKS);
    let dir = std::env::temp_dir().join(format!("maillage-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let copy = format!("sqlite://{}", dir.join("copy.db").display());
    run("SQLite", &format!("sqlite://{}", dir.join("bench.db").display()), &stakeholders, &links, Some(&copy)).await;
    let _ = std::fs::remove_dir_all(&dir);
    if let Ok(admin) = std::env::var("BENCH_POSTGRES_URL") {
        sqlx::any::install_default_drivers();
        let name = format!("maillage_bench_{}", std::process::id());
        let mut conn = sqlx::AnyConnection::connect(&admin).await.unwrap();
        conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
        let base = &admin[..admin.rfind('/').unwrap()];
        run("PostgreSQL", &format!("{base}/{name}"), &stakeholders, &links, None).await;
        conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)"))).await.unwrap();
    }
}
