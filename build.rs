//! Finds the languages the tool offers: one directory per language under `locales/`, named by
//! its code (`fr`, `en`, `nl`, …), holding that language's Fluent catalogues (`*.ftl`). Adding
//! a language is adding a directory; French, the reference every other language falls back to,
//! comes first.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=locales");
    let mut languages: Vec<(String, Vec<String>)> = std::fs::read_dir("locales")
        .expect("locales/ holds one directory per language")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| {
            let code = e.file_name().to_string_lossy().into_owned();
            assert!(
                (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase()),
                "locales/{code}: a language directory is named by its ISO 639 code (two or three lowercase letters)"
            );
            println!("cargo::rerun-if-changed=locales/{code}");
            let mut files: Vec<String> = std::fs::read_dir(e.path())
                .expect("a language directory")
                .filter_map(Result::ok)
                .map(|f| f.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect();
            files.sort();
            (code, files)
        })
        .collect();
    languages.sort_by_key(|(code, _)| (code != "fr", code.clone()));
    assert!(languages.first().is_some_and(|(c, _)| c == "fr"), "locales/fr (the reference language) is missing");
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap();

    let mut codes = String::from("/// The code of every language the tool offers (`locales/<code>/`), French first.\n");
    writeln!(codes, "pub const CODES: &[&str] = &{:?};", languages.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>())
        .unwrap();

    let mut sources =
        String::from("/// Each language's catalogues as shipped in the binary: (file name, Fluent source).\n");
    sources.push_str("pub static SOURCES: &[&[(&str, &str)]] = &[\n");
    for (code, files) in &languages {
        sources.push_str("    &[\n");
        for file in files {
            let path = Path::new(&root).join("locales").join(code).join(file);
            writeln!(
                sources,
                "        ({:?}, include_str!({:?})),",
                format!("{code}/{file}"),
                path.display().to_string()
            )
            .unwrap();
        }
        sources.push_str("    ],\n");
    }
    sources.push_str("];\n");

    let out = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out).join("languages.rs"), codes).unwrap();
    std::fs::write(Path::new(&out).join("catalogues.rs"), sources).unwrap();
}
