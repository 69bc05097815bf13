//! `/api/bodies`, `/api/meetings`, `/api/actions`: the coordination mechanism, its meetings and
//! their action items.

use crate::app::{Action, Actor, AppError, AppState, mechanism};
use crate::domain::mechanism::{ActionJson, BodyDraft, BodyJson, MeetingDraft, MeetingJson, Standing};
use crate::web::extract::{ApiJson, Id};
use crate::web::routes::{Kind, Route};
use axum::Json;
use axum::extract::State;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use serde::Deserialize;
use serde_json::Value;

#[derive(utoipa::OpenApi)]
#[openapi(paths(
    bodies,
    create_body,
    body,
    replace_body,
    archive_body,
    meetings,
    create_meeting,
    meeting,
    replace_meeting,
    delete_meeting,
    actions,
    set_status,
    review
))]
pub struct Doc;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/api/bodies", Action::Read, Kind::Api, get(bodies)),
        Route::new(Method::POST, "/api/bodies", Action::Edit, Kind::Api, post(create_body)),
        Route::new(Method::GET, "/api/bodies/{id}", Action::Read, Kind::Api, get(body)),
        Route::new(Method::PUT, "/api/bodies/{id}", Action::Edit, Kind::Api, put(replace_body)),
        Route::new(Method::DELETE, "/api/bodies/{id}", Action::Edit, Kind::Api, delete(archive_body)),
        Route::new(Method::GET, "/api/meetings", Action::Read, Kind::Api, get(meetings)),
        Route::new(Method::POST, "/api/meetings", Action::Edit, Kind::Api, post(create_meeting)),
        Route::new(Method::GET, "/api/meetings/{id}", Action::Read, Kind::Api, get(meeting)),
        Route::new(Method::PUT, "/api/meetings/{id}", Action::Edit, Kind::Api, put(replace_meeting)),
        Route::new(Method::DELETE, "/api/meetings/{id}", Action::Edit, Kind::Api, delete(delete_meeting)),
        Route::new(Method::GET, "/api/actions", Action::Read, Kind::Api, get(actions)),
        Route::new(Method::PUT, "/api/actions/{id}", Action::Edit, Kind::Api, put(set_status)),
        Route::new(Method::GET, "/api/mechanism/review", Action::Read, Kind::Api, get(review)),
    ]
}

/// Coordination bodies
#[utoipa::path(get, path = "/api/bodies", tag = "mechanism",
    responses((status = 200, description = "The bodies in force, with their members", body = [BodyJson])))]
async fn bodies(State(state): State<AppState>, actor: Actor) -> Result<Response, AppError> {
    Ok(super::json(mechanism::bodies(&state, &actor, false).await?.iter().map(|b| b.to_json()).collect::<Vec<_>>()))
}

/// One coordination body
#[utoipa::path(get, path = "/api/bodies/{id}", tag = "mechanism", params(("id" = i64, Path)),
    responses((status = 200, description = "The body", body = BodyJson)))]
async fn body(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Response, AppError> {
    Ok(super::json(mechanism::body(&state, &actor, id).await?.to_json()))
}

/// Adds a coordination body
#[utoipa::path(post, path = "/api/bodies", tag = "mechanism", request_body = BodyDraft,
    responses((status = 201, description = "Created; `Location` is its address", body = BodyJson)))]
async fn create_body(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(draft): ApiJson<BodyDraft>,
) -> Result<Response, AppError> {
    let b = mechanism::save_body(&state, &actor, None, &draft).await?;
    let location = format!("/api/bodies/{}", b.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(b.to_json())).into_response())
}

/// Replaces a coordination body (members included)
#[utoipa::path(put, path = "/api/bodies/{id}", tag = "mechanism", params(("id" = i64, Path)),
    request_body = BodyDraft, responses((status = 200, description = "The body as saved", body = BodyJson)))]
async fn replace_body(
    State(state): State<AppState>,
    actor: Actor,
    Id(id): Id,
    ApiJson(draft): ApiJson<BodyDraft>,
) -> Result<Response, AppError> {
    Ok(super::json(mechanism::save_body(&state, &actor, Some(id), &draft).await?.to_json()))
}

/// Archives a coordination body
#[utoipa::path(delete, path = "/api/bodies/{id}", tag = "mechanism", params(("id" = i64, Path)),
    responses((status = 204, description = "Archived")))]
async fn archive_body(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<StatusCode, AppError> {
    mechanism::set_body_archived(&state, &actor, id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Meetings
#[utoipa::path(get, path = "/api/meetings", tag = "mechanism",
    responses((status = 200, description = "The meetings, newest first", body = [MeetingJson])))]
async fn meetings(State(state): State<AppState>, actor: Actor) -> Result<Response, AppError> {
    Ok(super::json(mechanism::meetings(&state, &actor).await?.iter().map(|m| m.to_json()).collect::<Vec<_>>()))
}

/// One meeting, with its attendees, decisions and action items
#[utoipa::path(get, path = "/api/meetings/{id}", tag = "mechanism", params(("id" = i64, Path)),
    responses((status = 200, description = "The meeting", body = MeetingJson)))]
async fn meeting(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Response, AppError> {
    Ok(super::json(mechanism::meeting(&state, &actor, id).await?.to_json()))
}

/// Records a meeting
#[utoipa::path(post, path = "/api/meetings", tag = "mechanism", request_body = MeetingDraft,
    responses((status = 201, description = "Created; `Location` is its address", body = MeetingJson)))]
async fn create_meeting(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(draft): ApiJson<MeetingDraft>,
) -> Result<Response, AppError> {
    let m = mechanism::save_meeting(&state, &actor, None, &draft).await?;
    let location = format!("/api/meetings/{}", m.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(m.to_json())).into_response())
}

/// Replaces a meeting's record
#[utoipa::path(put, path = "/api/meetings/{id}", tag = "mechanism", params(("id" = i64, Path)),
    request_body = MeetingDraft, responses((status = 200, description = "The meeting as saved", body = MeetingJson)))]
async fn replace_meeting(
    State(state): State<AppState>,
    actor: Actor,
    Id(id): Id,
    ApiJson(draft): ApiJson<MeetingDraft>,
) -> Result<Response, AppError> {
    Ok(super::json(mechanism::save_meeting(&state, &actor, Some(id), &draft).await?.to_json()))
}

/// Deletes a meeting
#[utoipa::path(delete, path = "/api/meetings/{id}", tag = "mechanism", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted")))]
async fn delete_meeting(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<StatusCode, AppError> {
    mechanism::delete_meeting(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn standing_code(s: Standing) -> &'static str {
    match s {
        Standing::Overdue => "overdue",
        Standing::Due => "due",
        Standing::Done => "done",
        Standing::Dropped => "dropped",
    }
}

/// Action items
///
/// Every action item with where it stands today (`overdue`, `due`, `done`, `dropped`).
#[utoipa::path(get, path = "/api/actions", tag = "mechanism",
    responses((status = 200, description = "The action items", body = [ActionListItem])))]
async fn actions(State(state): State<AppState>, actor: Actor) -> Result<Response, AppError> {
    let today = state.clock.now().date();
    let items = mechanism::action_items(&state, &actor).await?;
    Ok(super::json(
        items
            .iter()
            .map(|a| ActionListItem {
                item: a.to_json(),
                standing: standing_code(a.standing(today)),
                body_id: a.body_id,
            })
            .collect::<Vec<_>>(),
    ))
}

/// An action item in the list across meetings, with where it stands today and the body of the
/// meeting that decided it.
#[derive(serde::Serialize, utoipa::ToSchema)]
struct ActionListItem<'a> {
    #[serde(flatten)]
    item: ActionJson<'a>,
    /// `overdue`, `due`, `done` or `dropped`, on today's date.
    standing: &'static str,
    /// The coordination body of the meeting that decided it.
    body_id: Option<i64>,
}

#[derive(Deserialize, utoipa::ToSchema)]
struct StatusChange {
    /// `open`, `done` or `dropped`.
    status: String,
}

/// Changes an action item's status
#[utoipa::path(put, path = "/api/actions/{id}", tag = "mechanism", params(("id" = i64, Path)),
    request_body = StatusChange, responses((status = 200, description = "The item as saved", body = ActionJson)))]
async fn set_status(
    State(state): State<AppState>,
    actor: Actor,
    Id(id): Id,
    ApiJson(change): ApiJson<StatusChange>,
) -> Result<Response, AppError> {
    Ok(super::json(mechanism::set_action_status(&state, &actor, id, &change.status).await?.to_json()))
}

/// The mechanism's review
///
/// The designed mechanism confronted with the observed network: isolated members, central
/// actors outside every body, levels, provinces and sectors without a seat, bodies that meet
/// less than planned, fragile bodies.
#[utoipa::path(get, path = "/api/mechanism/review", tag = "mechanism",
    responses((status = 200, description = "The findings", body = Object)))]
async fn review(State(state): State<AppState>, actor: Actor, lang: crate::i18n::Lang) -> Result<Json<Value>, AppError> {
    let r = mechanism::review(&state, &actor, lang).await?;
    let names: std::collections::HashMap<i64, &str> =
        r.analysed.network.graph.node_weights().map(|n| (n.id, n.name.as_str())).collect();
    let who = |ids: &[i64]| -> Vec<Value> {
        ids.iter().map(|id| serde_json::json!({ "id": id, "name": names.get(id) })).collect()
    };
    let body_name = |id: i64| r.bodies.iter().find(|b| b.id == id).map(|b| b.name.clone());
    let f = &r.findings;
    Ok(Json(serde_json::json!({
        "central_percent": r.central_percent,
        "central_count": f.central_count,
        "isolated_members": f.isolated_members.iter().map(|(b, m)| serde_json::json!({
            "body_id": b, "body": body_name(*b), "members": who(m) })).collect::<Vec<_>>(),
        "central_outside": f.central_outside.iter().map(|(id, b)| serde_json::json!({
            "id": id, "name": names.get(id), "betweenness": b })).collect::<Vec<_>>(),
        "levels_without": f.levels_without,
        "provinces_without": f.provinces_without,
        "sectors_without": f.sectors_without,
        "under_met": f.under_met.iter().map(|(b, held, expected)| serde_json::json!({
            "body_id": b, "body": body_name(*b), "held": held, "expected": expected })).collect::<Vec<_>>(),
        "fragile": f.fragile.iter().map(|(b, m)| serde_json::json!({
            "body_id": b, "body": body_name(*b), "members": who(m) })).collect::<Vec<_>>(),
    })))
}
