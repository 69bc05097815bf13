//! The JSON API: the same operations as the pages, for scripts and other tools.

pub mod analysis;
pub mod changes;
pub mod graph;
pub mod links;
pub mod mechanism;
pub mod phases;
pub mod reference;
pub mod snapshots;
pub mod stakeholders;

use super::AppState;
use super::error::AppError;
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

/// `GET /healthz`: the server answers and the database too.
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    sqlx::query("SELECT 1").execute(&state.db.pool).await?;
    Ok(Json(json!({ "status": "ok" })))
}
