//! `/api/stakeholders`: list with filters, create, read, replace, archive.

use crate::domain::stakeholder::StakeholderDraft;
use crate::store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::extract::{ApiJson, Id};
use crate::web::inventory::{self, ListQuery};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::Query;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/stakeholders", get(list).post(create))
        .route("/api/stakeholders/{id}", get(read).put(replace).delete(archive))
}

async fn list(State(state): State<AppState>, Query(query): Query<ListQuery>) -> Result<Response, AppError> {
    let reference = inventory::reference(&state).await?;
    let filter = query.to_filter(&reference, None).map_err(AppError::Validation)?;
    let mut conn = state.db.pool.acquire().await?;
    let stakeholders = store::stakeholders::list(&mut conn, &filter).await?;
    Ok(Json(stakeholders.iter().map(|s| s.to_json()).collect::<Vec<_>>()).into_response())
}

async fn read(State(state): State<AppState>, Id(id): Id) -> Result<Response, AppError> {
    let s = inventory::stakeholder(&state, id).await?;
    Ok(Json(s.to_json()).into_response())
}

async fn create(
    State(state): State<AppState>,
    ApiJson(draft): ApiJson<StakeholderDraft>,
) -> Result<Response, AppError> {
    let id = inventory::save_stakeholder(&state, None, &draft).await?;
    let s = inventory::stakeholder(&state, id).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/stakeholders/{id}"))], Json(s.to_json()))
        .into_response())
}

async fn replace(
    State(state): State<AppState>,
    Id(id): Id,
    ApiJson(draft): ApiJson<StakeholderDraft>,
) -> Result<Response, AppError> {
    inventory::stakeholder(&state, id).await?;
    inventory::save_stakeholder(&state, Some(id), &draft).await?;
    let s = inventory::stakeholder(&state, id).await?;
    Ok(Json(s.to_json()).into_response())
}

/// Archives: stakeholders are never deleted through the API.
async fn archive(State(state): State<AppState>, Id(id): Id) -> Result<StatusCode, AppError> {
    inventory::set_archived(&state, id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}
