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
