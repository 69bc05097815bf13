//! Every line of the performance table (README, "Performance"), measured as a user meets it:
//! the `maillage` binary for the CLI lines, a real server process for the pages and its
//! memory, on generated networks of 5,000 stakeholders / 25,000 links (10,000 / 50,000 for
//! the import, 20,000 / 100,000 for the large analysis). Each line runs `SCALE_RUNS` times
//! (default 3) and prints min / median / max beside its goal, "reached" or "missed" by the
//! median. Where Python's igraph or NetworkX is installed, they run betweenness + closeness
//! on the same graphs in the same run and the ratio is printed.
//!
//!     cargo bench --bench scale
//!     BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo bench --bench scale

mod common;

use common::load::http;

use maillage::graph::{GraphFilter, Network};
use maillage::i18n::Lang;
use sqlx::{Connection, Executor};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_maillage");

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

/// min, median, max.
fn stats(v: &[f64]) -> (f64, f64, f64) {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    (s[0], s[s.len() / 2], s[s.len() - 1])
}

struct Table {
    rows: Vec<(String, String, String, bool)>,
}

impl Table {
    /// A line: `runs` in `unit` (scaled by `scale` for printing), reached when the median
    /// satisfies `ok`.
    fn line(&mut self, work: &str, runs: &[f64], unit: &str, goal: &str, ok: impl Fn(f64) -> bool) {
        let (min, med, max) = stats(runs);
        let figure =
            if runs.len() == 1 { format!("{med:.3} {unit}") } else { format!("{min:.3} / {med:.3} / {max:.3} {unit}") };
        let reached = ok(med);
        println!("  → {work}: {figure} (goal {goal}): {}", if reached { "reached" } else { "missed" });
        self.rows.push((work.to_owned(), figure, goal.to_owned(), reached));
    }

    fn print(&self) {
        println!("\n== Summary (min / median / max of the runs; verdict by the median) ==");
        println!("| work | measured | goal | |");
        println!("|---|---|---|---|");
        for (work, figure, goal, reached) in &self.rows {
            println!("| {work} | {figure} | {goal} | {} |", if *reached { "reached" } else { "missed" });
        }
    }
}

/// Runs the binary to completion; returns (seconds, peak resident MB, stdout).
fn run_bin(database: &str, args: &[&str]) -> (f64, f64, Vec<u8>) {
    let started = Instant::now();
    let child = Command::new(BIN)
        .arg("--database-url")
        .arg(database)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("maillage binary");
    let pid = child.id() as libc::pid_t;
    // Read the output while the child runs (a full pipe would block it).
    let mut child = child;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).unwrap();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).unwrap();
        v
    });
    let mut status = 0;
    // SAFETY: wait4 on our own child's pid with valid pointers; it reaps the child, whose
    // `Child` handle is then only dropped.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = secs(started);
    assert_eq!(reaped, pid, "wait4");
    let stdout = out.join().unwrap();
    let stderr = err.join().unwrap();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "maillage {args:?} failed: {}",
        String::from_utf8_lossy(&stderr)
    );
    std::mem::forget(child);
    (elapsed, usage.ru_maxrss as f64 / 1024.0, stdout)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Imports the two files with the binary, as `maillage import` is used; returns seconds.
fn import(database: &str, stakeholders: &Path, links: &Path) -> f64 {
    let (a, _, _) = run_bin(database, &["import", "stakeholders", stakeholders.to_str().unwrap()]);
    let (b, _, _) = run_bin(database, &["import", "links", links.to_str().unwrap()]);
    println!("    import: stakeholders {a:.2} s + links {b:.2} s");
    a + b
}

/// A Postgres database of its own for one run, dropped after.
struct PgDatabase {
    admin: String,
    name: String,
    url: String,
}

impl PgDatabase {
    async fn create(admin: &str, tag: &str) -> PgDatabase {
        let name = format!("maillage_scale_{}_{tag}", std::process::id());
        let mut conn = sqlx::AnyConnection::connect(admin).await.unwrap();
        conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
        let base = &admin[..admin.rfind('/').unwrap()];
        PgDatabase { admin: admin.to_owned(), url: format!("{base}/{name}"), name }
    }

    async fn drop(self) {
        let mut conn = sqlx::AnyConnection::connect(&self.admin).await.unwrap();
        conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE {} WITH (FORCE)", self.name))).await.unwrap();
    }
}

/// Betweenness + closeness by a Python library on an edge list; seconds, or None when the
/// library is not installed.
fn python_reference(library: &str, dir: &Path, n: usize, edges: &[(usize, usize)]) -> Option<f64> {
    let list: String = edges.iter().map(|(a, b)| format!("{a} {b}\n")).collect();
    let file = write(dir, &format!("edges-{library}-{n}.txt"), list.as_bytes());
    let script = match library {
        "igraph" => format!(
            "import igraph, time\ng = igraph.Graph.Read_Edgelist('{}', directed=False)\ng.add_vertices({n} - g.vcount())\n\
             g.simplify()\nt = time.time()\ng.betweenness()\ng.closeness()\nprint(time.time() - t)",
            file.display()
        ),
        _ => format!(
            "import networkx as nx, time\ng = nx.read_edgelist('{}', nodetype=int)\ng.add_nodes_from(range({n}))\n\
             t = time.time()\nnx.betweenness_centrality(g)\nnx.closeness_centrality(g)\nprint(time.time() - t)",
            file.display()
        ),
    };
    let out = Command::new("python3").arg("-c").arg(script).output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// The undirected ties of a network, as node positions.
fn ties(net: &Network) -> Vec<(usize, usize)> {
    use petgraph::visit::EdgeRef;
    let order = net.ordered_nodes();
    let position: std::collections::HashMap<_, usize> = order.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    net.graph.edge_references().map(|e| (position[&e.source()], position[&e.target()])).collect()
}

struct Server {
    child: std::process::Child,
    addr: String,
    bearer: String,
}

impl Server {
    fn start(database: &str) -> Server {
        let (_, _, token) = run_bin(database, &["token", "create", "--role", "editor", "--name", "scale"]);
        let token = String::from_utf8(token).unwrap().trim().to_owned();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(BIN)
            .args(["--database-url", database, "serve", "--bind", &addr])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(&addr).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Server { child, addr, bearer: format!("Bearer {token}") }
    }

    /// (seconds, bytes) of one GET.
    async fn get(&self, path: &str) -> (f64, usize) {
        let t = Instant::now();
        let reply =
            http::request_with(&self.addr, "GET", path, &[("Authorization", &self.bearer)], None, b"").await.unwrap();
        assert_eq!(reply.status, 200, "GET {path}: {}", reply.text());
        (secs(t), reply.body.len())
    }

    /// Changes one stakeholder's description through the API (a new data revision).
    async fn edit(&self, id: i64, n: usize) {
        let path = format!("/api/stakeholders/{id}");
        let reply =
            http::request_with(&self.addr, "GET", &path, &[("Authorization", &self.bearer)], None, b"").await.unwrap();
        let mut value: serde_json::Value = serde_json::from_slice(&reply.body).unwrap();
        value["description"] = serde_json::Value::String(format!("Mandat revu ({n})."));
        let body = serde_json::to_vec(&value).unwrap();
        let reply = http::request_with(
            &self.addr,
            "PUT",
            &path,
            &[("Authorization", &self.bearer)],
            Some("application/json"),
            &body,
        )
        .await
        .unwrap();
        assert!(reply.status < 300, "PUT {path}: {} {}", reply.status, reply.text());
    }

    fn resident_mb(&self) -> f64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kb: f64 = status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap();
        kb / 1024.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::main]
async fn main() {
    let runs: usize = std::env::var("SCALE_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(3).max(1);
    let postgres = std::env::var("BENCH_POSTGRES_URL").ok();
    sqlx::any::install_default_drivers();
    let dir = std::env::temp_dir().join(format!("maillage-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    println!(
        "maillage scale bench: {runs} run(s) per line, {} threads, release build: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        !cfg!(debug_assertions)
    );
    let mut table = Table { rows: Vec::new() };

    // 1. The import of 10,000 stakeholders and 50,000 links, all checks, audit rows included.
    println!("\n== CSV import, 10,000 stakeholders + 50,000 links ==");
    let (s10, l10) = common::csv_files(10_000, 50_000);
    let (s10, l10) = (write(&dir, "s10k.csv", &s10), write(&dir, "l50k.csv", &l10));
    let mut times = Vec::new();
    for run in 0..runs {
        let db = format!("sqlite://{}", dir.join(format!("import-{run}.db")).display());
        times.push(import(&db, &s10, &l10));
        let _ = std::fs::remove_file(dir.join(format!("import-{run}.db")));
    }
    table.line("CSV import 10,000 + 50,000, SQLite", &times, "s", "< 1.5 s", |m| m < 1.5);
    if let Some(admin) = &postgres {
        let mut times = Vec::new();
        for run in 0..runs {
            let db = PgDatabase::create(admin, &format!("import{run}")).await;
            times.push(import(&db.url, &s10, &l10));
            db.drop().await;
        }
        table.line("CSV import 10,000 + 50,000, PostgreSQL", &times, "s", "< 1.5 s", |m| m < 1.5);
    }

    // The 5,000 / 25,000 network every other line reads.
    println!("\n== a network of 5,000 stakeholders / 25,000 links ==");
    let (s5, l5) = common::csv_files(5_000, 25_000);
    let (s5, l5) = (write(&dir, "s5k.csv", &s5), write(&dir, "l25k.csv", &l5));
    let db5 = format!("sqlite://{}", dir.join("network.db").display());
    import(&db5, &s5, &l5);

    // 2. `maillage analyse --json`, the whole process.
    let mut times = Vec::new();
    for _ in 0..runs {
        let (t, _, out) = run_bin(&db5, &["analyse", "--json"]);
        assert!(out.len() > 1000);
        times.push(t);
    }
    table.line("`maillage analyse --json`, 5,000 / 25,000, whole process", &times, "s", "< 0.5 s", |m| m < 0.5);

    // 4. Loading the graph from the database.
    let state = maillage::app::AppState::new(maillage::db::connect(&db5).await.unwrap());
    let actor = maillage::app::Actor::Cli;
    let mut times = Vec::new();
    let mut loaded = None;
    for _ in 0..runs.max(3) {
        let t = Instant::now();
        let (net, _) = maillage::app::network::network(&state, &actor, &Default::default()).await.unwrap();
        times.push(secs(t) * 1000.0);
        loaded = Some(net);
    }
    let net5 = loaded.unwrap();
    println!("    {} nodes, {} edges", net5.node_count(), net5.edge_count());
    table.line("loading the graph from the database, 5,000 / 25,000", &times, "ms", "< 50 ms", |m| m < 50.0);

    // 5. `maillage export graph --format json`.
    let mut times = Vec::new();
    let mut memory = Vec::new();
    let out = dir.join("graph.json");
    for _ in 0..runs {
        let (t, mb, _) = run_bin(&db5, &["export", "graph", "--format", "json", "--output", out.to_str().unwrap()]);
        times.push(t);
        memory.push(mb);
    }
    println!("    {:.1} MB written", std::fs::metadata(&out).unwrap().len() as f64 / 1e6);
    table.line("`export graph --format json`, 5,000 / 25,000: time", &times, "s", "< 0.2 s", |m| m < 0.2);
    table.line("`export graph --format json`, 5,000 / 25,000: peak memory", &memory, "MB", "< 60 MB", |m| m < 60.0);

    // igraph and NetworkX on the same 5,000 / 25,000 graph.
    let analysis = |net: &Network| {
        let t = Instant::now();
        let a = maillage::analysis::analyse(net, Lang::EN);
        (secs(t), a.timings_ms.get("betweenness_and_closeness").copied().unwrap_or(0.0) / 1000.0)
    };
    let (whole, bc) = analysis(&net5);
    println!("\n    Maillage on 5,000 / 25,000: whole analysis {whole:.2} s, betweenness + closeness {bc:.2} s");
    if let Some(ig) = python_reference("igraph", &dir, net5.node_count(), &ties(&net5)) {
        println!(
            "    igraph (C), betweenness + closeness, same graph: {ig:.2} s; ratio igraph / Maillage {:.1}",
            ig / bc
        );
    } else {
        println!("    igraph not installed (pip install igraph): comparison skipped");
    }
    let reference = {
        let mut conn = state.db.pool.acquire().await.unwrap();
        std::sync::Arc::new(maillage::store::reference::load(&mut conn).await.unwrap())
    };
    let (s2, l2) = common::generated(&reference, 2_000, 10_000);
    let net2 = Network::build((*reference).clone(), &s2, &l2, &GraphFilter::default());
    let (_, bc2) = analysis(&net2);
    if let Some(nx) = python_reference("networkx", &dir, net2.node_count(), &ties(&net2)) {
        println!(
            "    NetworkX, betweenness + closeness, 2,000 / 10,000: {nx:.1} s against Maillage {bc2:.3} s; ratio {:.0}",
            nx / bc2
        );
    } else {
        println!("    NetworkX not installed (pip install networkx): comparison skipped");
    }

    // 3. The analysis of 20,000 / 100,000, exact and sampled.
    println!("\n== analysis, 20,000 / 100,000 ==");
    let (s20, l20) = common::generated(&reference, 20_000, 100_000);
    let net20 = Network::build((*reference).clone(), &s20, &l20, &GraphFilter::default());
    let mut exact = Vec::new();
    let mut sampled = Vec::new();
    let mut error = 0.0;
    for _ in 0..runs {
        let t = Instant::now();
        let a = maillage::analysis::analyse_with(&net20, Lang::EN, maillage::analysis::Mode::Exact);
        exact.push(secs(t));
        drop(a);
        let t = Instant::now();
        let a = maillage::analysis::analyse_with(
            &net20,
            Lang::EN,
            maillage::analysis::Mode::Sampled(maillage::analysis::SAMPLE_SOURCES),
        );
        sampled.push(secs(t));
        error = a.sampling.as_ref().map_or(0.0, |s| s.betweenness_margin);
        println!("    sampled: {:?}", a.sampling);
    }
    table.line("analysis 20,000 / 100,000, exact", &exact, "s", "< 6 s", |m| m < 6.0);
    table.line(
        &format!("analysis 20,000 / 100,000, sampled (betweenness margin ±{error:.4})"),
        &sampled,
        "s",
        "< 1 s",
        |m| m < 1.0,
    );
    drop((net20, s20, l20));

    // The pages, on a server process of their own.
    println!("\n== the server, 5,000 / 25,000 ==");
    let server = Server::start(&db5);
    // 8. The default map page.
    let mut times = Vec::new();
    let mut size = 0;
    for run in 0..runs {
        server.edit(1, run).await;
        let (t, bytes) = server.get("/map").await;
        times.push(t);
        size = bytes;
    }
    table.line("default map page, 5,000 / 25,000: first render", &times, "s", "< 2 s", |m| m < 2.0);
    table.line("default map page, 5,000 / 25,000: page size", &[size as f64 / 1e6], "MB", "< 1 MB", |m| m < 1.0);
    // 6. The local level's map: first render, cached, after an edit.
    let local = "/map?level=local";
    let (mut first, mut cached, mut edited) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..runs {
        server.edit(2, run).await;
        first.push(server.get(local).await.0);
        cached.push(server.get(local).await.0 * 1000.0);
        server.edit(3, run).await;
        edited.push(server.get(local).await.0);
    }
    table.line("local-level map page: first render", &first, "s", "< 2 s", |m| m < 2.0);
    table.line("local-level map page: cached", &cached, "ms", "< 100 ms", |m| m < 100.0);
    table.line("local-level map page: after an edit", &edited, "s", "< 2 s", |m| m < 2.0);
    // 9. The analysis page.
    let (mut first, mut cached) = (Vec::new(), Vec::new());
    let mut size = 0;
    for run in 0..runs {
        server.edit(4, run).await;
        first.push(server.get("/analysis").await.0);
        let (t, bytes) = server.get("/analysis").await;
        cached.push(t * 1000.0);
        size = bytes;
    }
    println!("    first view after an edit (computes the analysis): {:.2} s median", stats(&first).1);
    table.line("/analysis, 5,000 / 25,000: with the cached analysis", &cached, "ms", "< 300 ms", |m| m < 300.0);
    table.line("/analysis, 5,000 / 25,000: page size", &[size as f64 / 1e3], "KB", "< 500 KB", |m| m < 500.0);
    // 10. Memory after the list, map, analysis and exports.
    for path in [
        "/stakeholders",
        "/api/stakeholders",
        "/api/links",
        "/map",
        "/analysis",
        "/api/graph?format=json",
        "/api/graph?format=graphml",
        "/export/stakeholders.csv",
    ] {
        let (t, bytes) = server.get(path).await;
        println!("    GET {path:<28} {:>7.1} ms {:>10} bytes", t * 1000.0, bytes);
    }
    table.line(
        "server memory, 5,000 / 25,000, after the list, map, analysis and exports",
        &[server.resident_mb()],
        "MB",
        "< 150 MB",
        |m| m < 150.0,
    );
    drop(server);

    // 7. 200 respondents at once.
    let (mut rps, mut p99) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let db = format!("sqlite://{}", dir.join(format!("load-{run}.db")).display());
        let (r, p) = common::load::run("SQLite", &db).await;
        rps.push(r);
        p99.push(p);
    }
    table.line("200 survey respondents at once, SQLite: throughput", &rps, "req/s", "≥ 1,500 req/s", |m| m >= 1500.0);
    table.line("200 survey respondents at once, SQLite: p99", &p99, "ms", "< 250 ms", |m| m < 250.0);
    if let Some(admin) = &postgres {
        let mut rps = Vec::new();
        for run in 0..runs {
            let db = PgDatabase::create(admin, &format!("load{run}")).await;
            rps.push(common::load::run("PostgreSQL", &db.url).await.0);
            db.drop().await;
        }
        table.line("200 survey respondents at once, PostgreSQL: throughput", &rps, "req/s", "≥ 1,000 req/s", |m| {
            m >= 1000.0
        });
    }

    table.print();
    let _ = std::fs::remove_dir_all(&dir);
}
