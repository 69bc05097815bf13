//! The module graph of `src/` as the README draws it: dependencies point one way, no cycle,
//! and the layers above the application layer never write through the store themselves.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module and the modules it may use. Read from the bottom up:
/// `domain` ← `i18n`, `db` ← `graph`, `analysis`, `survey`, `store`, `csvio` ← `app` ← `report` ←
/// `web`, `cli`, `demo` (`report` presents the steering dashboard to both the web and the CLI).
const ALLOWED: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("i18n", &["domain"]),
    ("db", &["domain"]),
    ("graph", &["domain", "i18n"]),
    ("analysis", &["graph", "domain", "i18n"]),
    ("survey", &["domain", "i18n"]),
    ("store", &["domain", "i18n"]),
    ("csvio", &["store", "domain", "i18n"]),
    ("app", &["store", "graph", "analysis", "survey", "csvio", "i18n", "db", "domain"]),
    ("report", &["app", "graph", "domain", "i18n"]),
    ("demo", &["app", "csvio", "store", "survey", "domain", "i18n"]),
    ("cli", &["app", "report", "demo", "analysis", "graph", "survey", "csvio", "db", "i18n", "domain"]),
    ("web", &["app", "report", "analysis", "graph", "survey", "store", "csvio", "db", "i18n", "domain"]),
    ("lib", &[]),
    ("main", &[]),
];

/// Store functions that write: only the application layer (and the store itself) calls them.
const WRITES: &[&str] = &[
    "create",
    "update",
    "insert",
    "set_archived",
    "archive",
    "archive_derived",
    "rederive",
    "open",
    "submit",
    "save_draft",
    "decide_proposal",
    "decide_correction",
    "record_change",
    "record_detail",
    "sign_changes",
    "create_user",
    "update_user",
    "create_session",
    "delete_session",
    "create_token",
    "revoke_token",
    "import",
];

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The top-level module a file of `src/` belongs to.
fn module_of(path: &str) -> String {
    let rest = path.split("src/").last().unwrap();
    rest.split(['/', '.']).next().unwrap().to_owned()
}

/// The top-level modules a file names as `crate::x`.
fn uses(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let name: String = text[i + 7..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            found.insert(name);
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &files {
        let from = module_of(path);
        let entry = edges.entry(from.clone()).or_default();
        entry.extend(uses(text).into_iter().filter(|to| *to != from));
    }
    edges
}

#[test]
fn modules_depend_only_on_the_layers_below_them() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut wrong = Vec::new();
    for (from, tos) in graph() {
        let Some(ok) = allowed.get(from.as_str()) else {
            wrong.push(format!("{from}: a new top-level module; add it to ALLOWED (and the README's diagram)"));
            continue;
        };
        for to in tos {
            if !ok.contains(&to.as_str()) {
                wrong.push(format!("{from} → {to}"));
            }
        }
    }
    assert!(wrong.is_empty(), "dependencies against the layering:\n{}", wrong.join("\n"));
}

#[test]
fn the_module_graph_has_no_cycle() {
    let edges = graph();
    // Depth-first search; a node met again while on the stack closes a cycle.
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(n.to_owned());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        stack.push(n.to_owned());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(n.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for n in edges.keys() {
        if let Some(cycle) = visit(n, &edges, &mut Vec::new(), &mut done) {
            panic!("cycle between modules: {}", cycle.join(" → "));
        }
    }
    // The same within graph/: the band layout and the DOT writer do not use each other both ways.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/graph");
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    assert!(
        !(read("band.rs").contains("super::dot") && read("dot.rs").contains("super::band")),
        "graph/band.rs and graph/dot.rs import each other"
    );
}

#[test]
fn pages_api_cli_and_demo_never_write_through_the_store() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut wrong = Vec::new();
    for (path, text) in files.iter().filter(|(p, _)| ["web", "cli", "demo"].contains(&module_of(p).as_str())) {
        for (i, _) in text.match_indices("store::") {
            let call: String =
                text[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
            if let Some(name) = call.rsplit("::").next()
                && WRITES.contains(&name)
                && text[i + call.len()..].starts_with('(')
            {
                wrong.push(format!("{path}: {call}"));
            }
        }
        for (i, _) in text.match_indices("csvio::") {
            let call: String =
                text[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect();
            if call.ends_with("::import") {
                wrong.push(format!("{path}: {call}"));
            }
        }
    }
    assert!(wrong.is_empty(), "writes that bypass the application layer:\n{}", wrong.join("\n"));
}

#[test]
fn rows_are_read_by_column_name() {
    let mut files = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let positional: Vec<String> = files
        .iter()
        .flat_map(|(path, text)| {
            text.match_indices("try_get(")
                .filter(|&(i, _)| text[i + 8..].starts_with(|c: char| c.is_ascii_digit()))
                .map(move |(i, _)| format!("{path}: {}", &text[i..i + 10]))
        })
        .collect();
    assert!(
        positional.is_empty(),
        "columns read by position (a reordered SELECT breaks them silently):\n{}",
        positional.join("\n")
    );
}
