//! HTTP: the JSON API under `/api` and the server-rendered pages. Each module owns its
//! router; `router` merges them, so every route can be read here at a glance.

pub mod api;
pub mod auth;
pub mod error;
pub mod extract;
pub mod lang;
pub mod pages;
pub mod routes;
pub mod security;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::get;
use std::future::Future;
use std::time::Duration;
use tokio::net::TcpListener;

pub use crate::app::AppState;

use crate::domain::limits::BODY_BYTES as MAX_BODY;

pub fn router(state: AppState) -> Router {
    routes::build(routes::registry())
        .fallback(|| async { error::AppError::NotFound })
        .layer(middleware::from_fn_with_state(state.clone(), security::guard))
        .layer(middleware::from_fn(error::render_errors))
        .layer(middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Health, language switch and the built-in assets: open to anyone.
fn base_routes() -> Vec<routes::Route> {
    use crate::app::Action::Public;
    use axum::http::Method;
    use routes::{Kind, Route};
    vec![
        Route::new(Method::GET, "/healthz", Public, Kind::Api, get(api::healthz)),
        Route::new(Method::GET, "/api/openapi.json", Public, Kind::Api, get(api::openapi_json)),
        Route::new(Method::GET, "/lang/{code}", Public, Kind::Page, get(lang::switch)),
        Route::new(
            Method::GET,
            "/static/territory.js",
            Public,
            Kind::Asset,
            get(|| async { asset(JS, include_str!("../../static/territory.js")) }),
        ),
        Route::new(
            Method::GET,
            "/static/map.js",
            Public,
            Kind::Asset,
            get(|| async { asset(JS, include_str!("../../static/map.js")) }),
        ),
        Route::new(
            Method::GET,
            "/static/survey.js",
            Public,
            Kind::Asset,
            get(|| async { asset(JS, include_str!("../../static/survey.js")) }),
        ),
        Route::new(
            Method::GET,
            "/static/maillage.css",
            Public,
            Kind::Asset,
            get(|| async { asset("text/css; charset=utf-8", include_str!("../../static/maillage.css")) }),
        ),
    ]
}

/// A file built into the binary (scripts and stylesheet), cached for an hour.
fn asset(content_type: &'static str, body: &'static str) -> impl axum::response::IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, content_type), (axum::http::header::CACHE_CONTROL, "max-age=3600")], body)
}

const JS: &str = "text/javascript; charset=utf-8";

/// A client must send a request's headers within this time, on a new connection or between
/// two requests on a kept-alive one; a whole request (a large upload on a slow line) has no
/// limit.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long shutdown waits for requests in flight before closing their connections.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Serves until `shutdown` resolves; tests bind port 0 and pass their own signal. Each
/// connection is HTTP/1.1 with a header-read timeout, so a client that sends nothing (or one
/// byte a minute) loses its connection and never delays shutdown.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let header_timeout = state.settings.header_timeout.unwrap_or(HEADER_TIMEOUT);
    // The audit trail reads table descriptions on every write: read them once, now.
    if let Ok(mut conn) = state.db.pool.acquire().await
        && let Err(e) = crate::store::schema::warm_up(&mut conn).await
    {
        tracing::warn!(error = %e, "could not read the tables' descriptions ahead");
    }
    let app = router(state);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            let mut app = app.clone();
            tower_service::Service::call(&mut app, request.map(axum::body::Body::new))
        });
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, "connection closed");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await.is_err() {
        tracing::warn!("requests still running after {SHUTDOWN_GRACE:?}; closing their connections");
    }
    Ok(())
}
