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
use tokio::net::TcpListener;

pub use crate::app::AppState;

/// Largest accepted upload: a CSV of tens of thousands of rows.
const MAX_BODY: usize = 64 * 1024 * 1024;

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
        Route::new(Method::GET, "/lang/{code}", Public, Kind::Page, get(lang::switch)),
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

/// Serves until `shutdown` resolves; tests bind port 0 and pass their own signal.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown).await
}
