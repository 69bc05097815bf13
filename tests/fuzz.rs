//! Mutation fuzzing of the parsers of untrusted input, on the stable toolchain: the stakeholder
//! and link CSV importers, the survey definition parser and the survey answer form. Each
//! target starts from its seed corpus in `fuzz/corpus/<target>/` and runs mutated inputs
//! (bytes flipped, inserted, deleted, duplicated, spliced, interesting values) for
//! `MAILLAGE_FUZZ_SECONDS` seconds (CI sets it; `cargo test` runs a short round). A target
//! passes when no input panics and every answer is an orderly result; failing inputs are
//! written to `target/fuzz-failures/` to be added to the corpus once fixed.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Inputs grow no larger than this, so that a round stays bounded in memory.
const MAX_INPUT: usize = 64 * 1024;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b",",
    b";",
    b"\t",
    b"\r\n",
    b"\r",
    b"\n",
    b"\0",
    b"\xEF\xBB\xBF",
    b"\xff\xfe",
    b"\xe9",
    b"=",
    b"'=",
    b"|",
    b"%",
    b"&",
    b"=",
    b"[[",
    b"]]",
    b"{",
    b"}",
    b"9999999999999999999999",
    b"-1",
    b"\xe2\x80\xae",
    b"\xe2\x80\x8b",
    b"<script>",
    b"q.",
    b".tie=",
    b"s1",
    b"n0",
];

fn mutate(rng: &mut Rng, corpus: &[Vec<u8>], input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let v = INTERESTING[rng.below(INTERESTING.len())];
                out.splice(at..at, v.iter().copied());
            }
            2 if !out.is_empty() => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let start = rng.below(out.len());
                let end = (start + rng.below(64)).min(out.len());
                let chunk: Vec<u8> = out[start..end].to_vec();
                for _ in 0..1 + rng.below(4) {
                    out.splice(at..at, chunk.iter().copied());
                }
            }
            4 => {
                let other = &corpus[rng.below(corpus.len())];
                let start = rng.below(other.len());
                let end = (start + rng.below(256)).min(other.len());
                out.splice(at..at, other[start..end].iter().copied());
            }
            5 => out.insert(at, rng.below(256) as u8),
            _ => {
                let v = INTERESTING[rng.below(INTERESTING.len())];
                out.extend_from_slice(v);
            }
        }
    }
    out.truncate(MAX_INPUT);
    out
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let seeds: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert!(!seeds.is_empty(), "no seed in {}", dir.display());
    seeds
}

fn budget() -> Duration {
    let seconds = std::env::var("MAILLAGE_FUZZ_SECONDS").ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(2.0);
    Duration::from_secs_f64(seconds)
}

/// Runs `target` on mutated inputs until the budget is spent; panics are caught, saved and
/// reported.
async fn fuzz<F, Fut>(name: &str, mut run: F)
where
    F: FnMut(Vec<u8>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let corpus = seeds(name);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ name.len() as u64);
    let started = Instant::now();
    let mut runs = 0u64;
    let mut largest = 0usize;
    while started.elapsed() < budget() || runs < corpus.len() as u64 {
        let base = &corpus[rng.below(corpus.len())];
        let input =
            if runs < corpus.len() as u64 { corpus[runs as usize].clone() } else { mutate(&mut rng, &corpus, base) };
        largest = largest.max(input.len());
        let kept = input.clone();
        let outcome = futures_catch(run(input)).await;
        if outcome.is_err() {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../fuzz-failures").join(name);
            std::fs::create_dir_all(&dir).unwrap();
            let file = dir.join(format!("crash-{runs}"));
            std::fs::write(&file, &kept).unwrap();
            panic!("{name}: input {} panicked (saved in {})", runs, file.display());
        }
        runs += 1;
    }
    eprintln!(
        "fuzz {name}: {runs} inputs in {:.1} s, largest {largest} bytes, no panic",
        started.elapsed().as_secs_f64()
    );
}

/// Awaits a future, turning a panic inside it into an error.
async fn futures_catch<Fut: std::future::Future<Output = ()>>(f: Fut) -> Result<(), ()> {
    use std::panic::AssertUnwindSafe;
    let f = std::pin::pin!(f);
    let mut f = AssertUnwindSafe(f);
    std::future::poll_fn(move |cx| match std::panic::catch_unwind(AssertUnwindSafe(|| f.as_mut().poll(cx))) {
        Ok(std::task::Poll::Ready(())) => std::task::Poll::Ready(Ok(())),
        Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
        Err(_) => std::task::Poll::Ready(Err(())),
    })
    .await
}

#[tokio::test]
async fn fuzz_the_stakeholder_csv_importer() {
    let app = common::spawn(common::Backend::Sqlite).await.unwrap();
    app.stakeholder("SPW IAS", Some("SPWIAS"), "regional").await;
    fuzz("stakeholders", |input| {
        let pool = app.db.pool.clone();
        async move {
            let mut tx = pool.begin().await.unwrap();
            // An orderly answer either way: a report, or the problems with their lines.
            let _ = maillage::csvio::stakeholders::import(&mut tx, &input, &mut |_, _| {}).await;
            tx.rollback().await.unwrap();
        }
    })
    .await;
}

#[tokio::test]
async fn fuzz_the_link_csv_importer() {
    let app = common::spawn(common::Backend::Sqlite).await.unwrap();
    app.stakeholder("CPAS de Namur", None, "local").await;
    app.stakeholder("SPW IAS", None, "regional").await;
    fuzz("links", |input| {
        let pool = app.db.pool.clone();
        async move {
            let mut tx = pool.begin().await.unwrap();
            let _ = maillage::csvio::links::import(&mut tx, &input, "fuzz.csv", &mut |_, _| {}).await;
            tx.rollback().await.unwrap();
        }
    })
    .await;
}

#[tokio::test]
async fn fuzz_the_survey_definition_parser() {
    fuzz("definition", |input| async move {
        let text = String::from_utf8_lossy(&input);
        if let Err(problems) = maillage::survey::definition::parse(&text) {
            assert!(!problems.is_empty(), "a refusal says why");
        }
    })
    .await;
}

#[tokio::test]
async fn fuzz_the_survey_answer_form() {
    let def = maillage::survey::definition::parse(include_str!("../surveys/consultation-2023.toml")).unwrap();
    let reference = maillage::domain::reference_data::parse(
        include_str!("../data/reference.toml"),
        include_str!("../data/wallonia_communes.csv"),
    )
    .unwrap();
    let codes = maillage::survey::answers::Codes::from(&reference);
    fuzz("answers", |input| {
        let (def, codes) = (&def, &codes);
        async move {
            let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&input).unwrap_or_default();
            let section = form
                .iter()
                .find(|(k, _)| k == "_section")
                .and_then(|(_, v)| v.parse::<usize>().ok())
                .unwrap_or(0)
                .min(def.sections.len() - 1);
            let mut answers = maillage::survey::answers::Answers::default();
            answers.merge_section(&def.sections[section], &form, &Default::default());
            answers.drop_hidden(def);
            let _ = maillage::survey::answers::check(&def.sections, &answers, codes, maillage::i18n::Lang::EN);
            let json = answers.to_json();
            assert_eq!(maillage::survey::answers::Answers::from_json(&json), answers, "answers survive a round trip");
        }
    })
    .await;
}
