//! The server on real sockets: slow clients lose their connection without holding up others
//! or shutdown; several app servers on one database share sessions.

mod common;

use axum::http::{StatusCode, header};
use maillage::app::{Role, Settings};
use maillage::web::{router, serve};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tower::ServiceExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_sending_its_headers_slowly_is_cut_off_while_others_are_served() {
    let app = common::spawn(common::Backend::Sqlite).await.unwrap();
    let settings = Settings { cheap_hashing: true, header_timeout: Some(Duration::from_secs(1)), ..Default::default() };
    let state = app.state.clone().with_settings(settings);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, state, async {
        let _ = stopped.await;
    }));

    // One byte now and then, never the end of the headers.
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHo").await.unwrap();
    let started = Instant::now();
    let dripping = tokio::spawn(async move {
        let mut buf = [0u8; 256];
        loop {
            // Keeps trickling while waiting to be cut.
            let _ = slow.write_all(b"s").await;
            match tokio::time::timeout(Duration::from_millis(300), slow.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return started.elapsed(),
                Ok(Ok(_)) => {}
                Err(_) => {}
            }
            if started.elapsed() > Duration::from_secs(20) {
                return started.elapsed();
            }
        }
    });
    // Meanwhile the server answers others.
    for _ in 0..5 {
        let r = common::http::request(&addr, "GET", "/healthz", None, b"").await.unwrap();
        assert_eq!(r.status, 200);
    }
    let cut_after = dripping.await.unwrap();
    assert!(cut_after < Duration::from_secs(5), "the slow client was cut after {cut_after:?}");

    // A silent connection does not hold up shutdown.
    let _idle = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let t = Instant::now();
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(5), server).await.expect("shutdown in time").unwrap().unwrap();
    assert!(t.elapsed() < Duration::from_secs(5));
}

on_both!(two_app_servers_on_one_database_share_sign_in_and_sign_out, |app| {
    // A second server: its own state and router on the same database.
    let db = maillage::db::connect(&app.url).await.unwrap();
    let other = router(common::test_state(db));
    let session = app.session(Role::Editor).await;
    let on_other = |cookie: String| {
        let other = other.clone();
        async move {
            other
                .oneshot(
                    axum::http::Request::get("/stakeholders")
                        .header(header::HOST, "localhost")
                        .header(header::COOKIE, cookie)
                        .body(axum::body::Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap()
        }
    };
    assert_eq!(
        on_other(session.cookie.clone()).await.status(),
        StatusCode::OK,
        "signed in on the first, valid on the second"
    );
    let logout = other
        .clone()
        .oneshot(
            axum::http::Request::post("/logout")
                .header(header::HOST, "localhost")
                .header(header::COOKIE, &session.cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(axum::body::Body::from(format!("_csrf={}", session.csrf)))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(logout.status(), StatusCode::SEE_OTHER);
    let r = app.get_as(&session, "/stakeholders").await;
    assert!(r.location().starts_with("/login"), "signed out on the second, gone on the first: {}", r.status);
});

/// A network of `n` stakeholders and about `5n` links, as two CSV files.
fn generated_files(n: usize) -> (String, String) {
    let mut s = String::from("name,kind,level\n");
    for i in 0..n {
        let level = ["local", "local", "provincial", "regional", "federal"][i % 5];
        s.push_str(&format!("Organisation {i},association,{level}\n"));
    }
    let mut l = String::from("source,target,type\n");
    let mut x: u64 = 7;
    let mut seen = std::collections::BTreeSet::new();
    while seen.len() < 5 * n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let (a, b) = ((x % n as u64) as usize, ((x >> 20) % (n as u64 / 10 + 1)) as usize);
        if a != b && seen.insert((a.min(b), a.max(b))) {
            l.push_str(&format!("Organisation {a},Organisation {b},coordinates\n"));
        }
    }
    (s, l)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_keeps_answering_while_a_large_analysis_runs() {
    let app = common::spawn(common::Backend::Sqlite).await.unwrap();
    let (stakeholders, links) = generated_files(1_500);
    use maillage::app::transfer::{Table, import};
    import(
        &app.state,
        &maillage::app::Actor::Cli,
        Table::Stakeholders,
        stakeholders.as_bytes(),
        "s.csv",
        &mut |_, _| {},
    )
    .await
    .unwrap();
    import(&app.state, &maillage::app::Actor::Cli, Table::Links, links.as_bytes(), "l.csv", &mut |_, _| {})
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, app.state.clone(), async {
        let _ = stopped.await;
    }));
    let token = app.admin_token.clone();
    let heavy_addr = addr.clone();
    let heavy = tokio::spawn(async move {
        let started = Instant::now();
        let mut stream = tokio::net::TcpStream::connect(&heavy_addr).await.unwrap();
        let head = format!(
            "GET /api/analysis HTTP/1.1\r\nHost: {heavy_addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply).await.unwrap();
        (started.elapsed(), String::from_utf8_lossy(&reply[..12.min(reply.len())]).into_owned())
    });
    let mut worst = Duration::ZERO;
    let mut probes = 0;
    while !heavy.is_finished() {
        let t = Instant::now();
        let r = common::http::request(&addr, "GET", "/healthz", None, b"").await.unwrap();
        assert_eq!(r.status, 200);
        worst = worst.max(t.elapsed());
        probes += 1;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (took, status) = heavy.await.unwrap();
    assert!(status.contains("200"), "{status}");
    eprintln!(
        "analysis of 1,500 stakeholders / 7,500 links took {:.0} ms; {probes} /healthz probes all answered, worst {:.1} ms",
        took.as_secs_f64() * 1000.0,
        worst.as_secs_f64() * 1000.0
    );
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}
