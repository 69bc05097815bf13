//! `/api/stakeholders`: list with filters, create, read, replace, archive.

use crate::app::Action;
use crate::app::inventory::{self, ListQuery};
use crate::app::{Actor, AppError, AppState};
use crate::domain::stakeholder::{StakeholderDraft, StakeholderJson};
use crate::web::extract::{ApiJson, Id};
use crate::web::routes::{Kind, Route};
use axum::Json;
use axum::extract::State;
use axum::http::Method;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum_extra::extract::Query;

#[derive(utoipa::OpenApi)]
#[openapi(paths(list, create, read, replace, archive))]
pub struct Doc;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/api/stakeholders", Action::Read, Kind::Api, get(list)),
        Route::new(Method::POST, "/api/stakeholders", Action::Edit, Kind::Api, post(create)),
        Route::new(Method::GET, "/api/stakeholders/{id}", Action::Read, Kind::Api, get(read)),
        Route::new(Method::PUT, "/api/stakeholders/{id}", Action::Edit, Kind::Api, put(replace)),
        Route::new(Method::DELETE, "/api/stakeholders/{id}", Action::Edit, Kind::Api, delete(archive)),
    ]
}

/// Stakeholders, filtered
///
/// Each as `GET /api/stakeholders/{id}` gives it; without personal data for a viewer.
#[utoipa::path(get, path = "/api/stakeholders", tag = "stakeholders", params(ListQuery),
    responses((status = 200, description = "The stakeholders, by name", body = [StakeholderJson])))]
async fn list(
    State(state): State<AppState>,
    actor: Actor,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let reference = inventory::reference(&state).await?;
    let filter = query.to_filter(&reference, None).map_err(AppError::Validation)?;
    let stakeholders = inventory::stakeholders(&state, &actor, &filter).await?;
    Ok(Json(stakeholders.iter().map(|s| s.to_json()).collect::<Vec<_>>()).into_response())
}

/// One stakeholder
#[utoipa::path(get, path = "/api/stakeholders/{id}", tag = "stakeholders", params(("id" = i64, Path)),
    responses((status = 200, description = "The stakeholder", body = StakeholderJson)))]
async fn read(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Response, AppError> {
    let s = inventory::stakeholder(&state, &actor, id).await?;
    Ok(Json(s.to_json()).into_response())
}

/// Adds a stakeholder
///
/// Codes or labels of the reference tables are accepted; every problem is named with its field.
#[utoipa::path(post, path = "/api/stakeholders", tag = "stakeholders", request_body = StakeholderDraft,
    responses((status = 201, description = "Created; `Location` is its address", body = StakeholderJson),
        (status = 409, description = "A stakeholder of that name exists")))]
async fn create(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(draft): ApiJson<StakeholderDraft>,
) -> Result<Response, AppError> {
    let s = inventory::save_stakeholder(&state, &actor, None, &draft).await?;
    Ok((StatusCode::CREATED, [(header::LOCATION, format!("/api/stakeholders/{}", s.id))], Json(s.to_json()))
        .into_response())
}

/// Replaces a stakeholder's record
#[utoipa::path(put, path = "/api/stakeholders/{id}", tag = "stakeholders", params(("id" = i64, Path)),
    request_body = StakeholderDraft, responses((status = 200, description = "The record as saved", body = StakeholderJson)))]
async fn replace(
    State(state): State<AppState>,
    actor: Actor,
    Id(id): Id,
    ApiJson(draft): ApiJson<StakeholderDraft>,
) -> Result<Response, AppError> {
    inventory::stakeholder(&state, &actor, id).await?;
    let s = inventory::save_stakeholder(&state, &actor, Some(id), &draft).await?;
    Ok(Json(s.to_json()).into_response())
}

/// Archives a stakeholder
///
/// Stakeholders are never deleted through the API.
#[utoipa::path(delete, path = "/api/stakeholders/{id}", tag = "stakeholders", params(("id" = i64, Path)),
    responses((status = 204, description = "Archived")))]
async fn archive(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<StatusCode, AppError> {
    inventory::set_archived(&state, &actor, id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}
