//! Headless Chromium against a real server: screenshots of the map on the demo network at
//! 1920×1080 (kept in target/screenshots/), and the DOM after the pan/zoom script ran.
//! Runs when Chromium is installed (CHROMIUM=path, or /usr/bin/chromium); `.ci/run` installs
//! it and sets MAILLAGE_REQUIRE_BROWSER so that a missing browser fails CI.

mod common;

use maillage::web::{AppState, serve};
use std::path::PathBuf;
use std::time::Duration;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var("CHROMIUM").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from("/usr/bin/chromium"));
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("MAILLAGE_REQUIRE_BROWSER").is_err(),
        "Chromium is required here but {} is missing",
        path.display()
    );
    eprintln!("Chromium not installed: browser test skipped");
    None
}

async fn run_chromium(browser: PathBuf, args: Vec<String>) -> std::process::Output {
    let profile = common::temp_dir();
    let mut command = tokio::process::Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.0.display()))
        .args(args)
        .kill_on_drop(true);
    tokio::time::timeout(Duration::from_secs(90), command.output())
        .await
        .expect("Chromium finished in time")
        .expect("Chromium ran")
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_map_renders_in_headless_chromium_at_1920_by_1080() {
    let Some(browser) = chromium() else { return };
    let app = common::spawn(common::Backend::Sqlite).await.unwrap();
    maillage::demo::load(&app.db).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, AppState::new(app.db.clone()), async {
        let _ = stopped.await;
    }));

    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, path) in [
        ("map.png", "/map"),
        ("map-presentation.png", "/map?present=1"),
        ("map-builtin.png", "/map?present=1&renderer=builtin"),
    ] {
        let file = dir.join(name);
        let _ = std::fs::remove_file(&file);
        let out = run_chromium(
            browser.clone(),
            vec![
                "--window-size=1920,1080".into(),
                "--virtual-time-budget=5000".into(),
                format!("--screenshot={}", file.display()),
                format!("{base}{path}"),
            ],
        )
        .await;
        let bytes =
            std::fs::read(&file).unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&out.stderr)));
        assert_eq!(png_size(&bytes), (1920, 1080), "{name}");
        assert!(bytes.len() > 60_000, "{name} has content ({} bytes)", bytes.len());
    }

    // After the script ran, the SVG fills the map box and every stakeholder is a link.
    let out = run_chromium(
        browser,
        vec!["--virtual-time-budget=5000".into(), "--dump-dom".into(), format!("{base}/map?renderer=builtin")],
    )
    .await;
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("preserveAspectRatio=\"xMidYMid meet\""), "the pan/zoom script ran");
    assert_eq!(dom.matches("class=\"node\"").count(), 170, "one clickable node per demo stakeholder");

    let _ = stop.send(());
    server.await.unwrap().unwrap();
}
