//! HTTP: the JSON API under `/api` and the server-rendered pages. Each module owns its
//! router; `router` merges them, so every route can be read here at a glance.

pub mod api;
pub mod error;
pub mod extract;
pub mod inventory;
pub mod lang;
pub mod network;
pub mod pages;

use crate::db::Db;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::get;
use std::future::Future;
use tokio::net::TcpListener;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub cache: std::sync::Arc<network::RenderCache>,
    /// Makes the survey links; `serve` loads the same one as the CLI.
    pub secret: std::sync::Arc<crate::survey::token::Secret>,
    /// The reference tables, read on first use (see `inventory::reference`).
    pub reference: std::sync::Arc<tokio::sync::OnceCell<std::sync::Arc<crate::domain::reference::Reference>>>,
}

impl AppState {
    /// A state with a fresh random survey secret (links it makes die with it).
    pub fn new(db: Db) -> Self {
        let secret = crate::survey::token::Secret::random().expect("system randomness");
        AppState { db, cache: Default::default(), secret: std::sync::Arc::new(secret), reference: Default::default() }
    }

    pub fn with_secret(mut self, secret: crate::survey::token::Secret) -> Self {
        self.secret = std::sync::Arc::new(secret);
        self
    }
}

/// Largest accepted upload: a CSV of tens of thousands of rows.
const MAX_BODY: usize = 64 * 1024 * 1024;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(api::healthz))
        .route("/lang/{code}", get(lang::switch))
        .route("/static/map.js", get(|| async { asset(JS, include_str!("../../static/map.js")) }))
        .route("/static/survey.js", get(|| async { asset(JS, include_str!("../../static/survey.js")) }))
        .route(
            "/static/maillage.css",
            get(|| async { asset("text/css; charset=utf-8", include_str!("../../static/maillage.css")) }),
        )
        .merge(api::stakeholders::router())
        .merge(api::links::router())
        .merge(api::reference::router())
        .merge(api::graph::router())
        .merge(api::analysis::router())
        .merge(pages::analysis::router())
        .merge(pages::stakeholders::router())
        .merge(pages::links::router())
        .merge(pages::transfer::router())
        .merge(pages::map::router())
        .merge(pages::respond::router())
        .merge(pages::campaigns::router())
        .fallback(|| async { error::AppError::NotFound })
        .layer(middleware::from_fn(error::render_errors))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
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
