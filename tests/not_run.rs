//! What plain `cargo test` leaves out, said rather than counted as passed: the tests that need
//! a PostgreSQL server, Chromium with chromedriver, or Graphviz's `dot` are built only with
//! their feature (`postgres-tests`, `browser-tests`, `graphviz-tests`; `.ci/run` asks for all
//! three, and then a missing server or program fails them). This binary (no test harness)
//! prints which were not run and the command that runs them. It lists no test of its own, so a
//! runner that asks for the list (`--list`: cargo-nextest) finds nothing here.

use std::path::Path;

/// The test sources, read where they are.
fn sources() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            out.push((path.file_name().unwrap_or_default().to_string_lossy().into_owned(), text));
        }
    }
    out
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let sources = sources();
    let all = |needle: &str| sources.iter().map(|(_, text)| text.matches(needle).count()).sum::<usize>();
    let graphviz_gated = all("#[cfg(feature = \"graphviz-tests\")]\non_both!(");
    let mut not_run = Vec::new();
    if !cfg!(feature = "postgres-tests") {
        // One PostgreSQL run per `on_both!` test (but those that also need Graphviz, counted
        // there), and the PostgreSQL-only tests.
        let n = all("\non_both!(") - graphviz_gated + all("#[cfg(feature = \"postgres-tests\")]\n#[tokio::test");
        not_run.push(format!(
            "{n} PostgreSQL tests NOT RUN (they need a server): \
             TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo test --features postgres-tests"
        ));
    }
    if !cfg!(feature = "browser-tests") {
        let n = sources
            .iter()
            .filter(|(name, _)| name == "browser.rs" || name == "accessibility.rs")
            .map(|(_, t)| t.matches("#[test]").count())
            .sum::<usize>();
        not_run.push(format!(
            "{n} browser tests NOT RUN (they need Chromium, chromedriver and axe-core): \
             npm ci --prefix tests/axe && cargo test --features browser-tests --test browser --test accessibility"
        ));
    }
    if !cfg!(feature = "graphviz-tests") {
        let n = graphviz_gated * if cfg!(feature = "postgres-tests") { 2 } else { 1 };
        not_run.push(format!(
            "{n} Graphviz tests NOT RUN (they need `dot`): cargo test --features graphviz-tests --test graph"
        ));
    }
    for line in &not_run {
        println!("{line}");
    }
    if !not_run.is_empty() {
        println!("(.ci/run runs them all: CI=true bash .ci/run)");
    }
}
