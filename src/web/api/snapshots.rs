//! `/api/snapshots`: list, take, delete and compare snapshots of the network.

use crate::app::snapshots::{self, Side};
use crate::app::{Action, Actor, AppError, AppState};
use crate::domain::problem::FieldError;
use crate::domain::snapshot::Snapshot;
use crate::domain::values::format_date;
use crate::i18n::Lang;
use crate::web::extract::{ApiJson, Id};
use crate::web::routes::{Kind, Route};
use axum::Json;
use axum::extract::State;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum_extra::extract::Query;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(utoipa::OpenApi)]
#[openapi(paths(list, take, compare, remove))]
pub struct Doc;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/api/snapshots", Action::Read, Kind::Api, get(list)),
        Route::new(Method::POST, "/api/snapshots", Action::Edit, Kind::Api, post(take)),
        Route::new(Method::GET, "/api/snapshots/compare", Action::Read, Kind::Api, get(compare)),
        Route::new(Method::DELETE, "/api/snapshots/{id}", Action::Edit, Kind::Api, delete(remove)),
    ]
}

pub fn snapshot_json(s: &Snapshot) -> Value {
    json!({ "id": s.id, "name": s.name, "taken_on": format_date(s.taken_on), "created_at": s.created_at,
            "stakeholders": s.stakeholders, "links": s.links })
}

/// Snapshots of the network
#[utoipa::path(get, path = "/api/snapshots", tag = "snapshots",
    responses((status = 200, description = "The snapshots, newest first", body = [Object])))]
async fn list(State(state): State<AppState>, actor: Actor) -> Result<Json<Value>, AppError> {
    Ok(Json(snapshots::list(&state, &actor).await?.iter().map(snapshot_json).collect()))
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(default)]
pub struct TakeRequest {
    /// The snapshot's name (default: its day).
    pub name: Option<String>,
    /// The day it stands for, `YYYY-MM-DD` (default: today).
    pub taken_on: Option<String>,
}

/// Takes a snapshot of the network as it is now
#[utoipa::path(post, path = "/api/snapshots", tag = "snapshots", request_body = TakeRequest,
    responses((status = 201, description = "Taken; `Location` compares it with now", body = Object)))]
async fn take(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    ApiJson(r): ApiJson<TakeRequest>,
) -> Result<Response, AppError> {
    let s = snapshots::take(&state, &actor, r.name.as_deref(), r.taken_on.as_deref(), lang).await?;
    let location = format!("/api/snapshots/compare?from={}&to=now", s.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(snapshot_json(&s))).into_response())
}

/// Deletes a snapshot
#[utoipa::path(delete, path = "/api/snapshots/{id}", tag = "snapshots", params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted")))]
async fn remove(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<StatusCode, AppError> {
    snapshots::delete(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct CompareQuery {
    /// A snapshot's id, or `now`.
    pub from: Option<String>,
    /// A snapshot's id, or `now` (the default).
    pub to: Option<String>,
}

impl CompareQuery {
    /// (from, to): `from` is required, `to` is now when absent.
    pub fn sides(&self) -> Result<(Side, Side), AppError> {
        let side = |field: &str, raw: &str| {
            Side::parse(raw).map_err(|p| AppError::Validation(vec![FieldError::new(field, p)]))
        };
        let from = match self.from.as_deref() {
            Some(f) if !f.trim().is_empty() => side("from", f)?,
            _ => {
                return Err(AppError::Validation(vec![FieldError::new(
                    "from",
                    crate::domain::problem::Problem::Required,
                )]));
            }
        };
        Ok((from, side("to", self.to.as_deref().unwrap_or("now"))?))
    }
}

/// Compares two states of the network
///
/// Two snapshots, or a snapshot and now: counts, density, components, who and which links
/// came and went, and the measures that changed most.
#[utoipa::path(get, path = "/api/snapshots/compare", tag = "snapshots", params(CompareQuery),
    responses((status = 200, description = "The comparison", body = Object)))]
async fn compare(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    Query(q): Query<CompareQuery>,
) -> Result<Json<Value>, AppError> {
    let (from, to) = q.sides()?;
    let c = snapshots::compare(&state, &actor, from, to, 20, lang).await?;
    let d = &c.diff;
    let ids = |v: &[crate::domain::snapshot::SnapStakeholder]| {
        v.iter().map(|s| json!({ "id": s.id, "name": s.name })).collect::<Vec<_>>()
    };
    let links = |v: &[crate::domain::snapshot::SnapLink]| {
        v.iter()
            .map(|l| {
                json!({ "source": l.source, "target": l.target, "type": l.link_type, "directed": l.directed,
                             "source_name": d.names.get(&l.source), "target_name": d.names.get(&l.target) })
            })
            .collect::<Vec<_>>()
    };
    Ok(Json(json!({
        "from": c.before.snapshot.as_ref().map(snapshot_json),
        "to": c.after.snapshot.as_ref().map(snapshot_json),
        "stakeholders": [d.stakeholders.0, d.stakeholders.1],
        "links": [d.links.0, d.links.1],
        "density": [d.density.0, d.density.1],
        "components": [d.components.0, d.components.1],
        "added_stakeholders": ids(&d.added_stakeholders),
        "removed_stakeholders": ids(&d.removed_stakeholders),
        "added_links": links(&d.added_links),
        "removed_links": links(&d.removed_links),
        "measure_changes": d.measure_changes,
    })))
}
