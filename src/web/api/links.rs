//! `/api/links`: list, create, read, replace, archive.

use crate::app::Action;
use crate::app::inventory;
use crate::app::{Actor, AppError, AppState};
use crate::domain::link::{LinkDraft, LinkJson};
use crate::domain::problem::Collector;
use crate::domain::text::given;
use crate::domain::values::{bounded_int, flag};
use crate::store;
use crate::web::extract::{ApiJson, Id};
use crate::web::routes::{Kind, Route};
use axum::Json;
use axum::extract::State;
use axum::http::Method;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum_extra::extract::Query;
use serde::Deserialize;

#[derive(utoipa::OpenApi)]
#[openapi(paths(list, create, read, replace, archive))]
pub struct Doc;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/api/links", Action::Read, Kind::Api, get(list)),
        Route::new(Method::POST, "/api/links", Action::Edit, Kind::Api, post(create)),
        Route::new(Method::GET, "/api/links/{id}", Action::Read, Kind::Api, get(read)),
        Route::new(Method::PUT, "/api/links/{id}", Action::Edit, Kind::Api, put(replace)),
        Route::new(Method::DELETE, "/api/links/{id}", Action::Edit, Kind::Api, delete(archive)),
    ]
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
struct LinkQuery {
    /// A stakeholder's id: its links only.
    stakeholder: Option<String>,
    /// Link type: code or label.
    #[serde(rename = "type")]
    link_type: Option<String>,
    /// `yes`: archived links too.
    include_archived: Option<String>,
    /// Page size.
    limit: Option<String>,
    /// Records to skip.
    offset: Option<String>,
}

/// Links, filtered
#[utoipa::path(get, path = "/api/links", tag = "links", params(LinkQuery),
    responses((status = 200, description = "The links", body = [LinkJson])))]
async fn list(State(state): State<AppState>, actor: Actor, Query(q): Query<LinkQuery>) -> Result<Response, AppError> {
    let reference = inventory::reference(&state).await?;
    let mut e = Collector::default();
    let stakeholder = given(&q.stakeholder).and_then(|v| e.take("stakeholder", bounded_int(v, 1, i64::MAX)));
    let link_type = given(&q.link_type).and_then(|v| e.take("type", reference.link_type(v).map(|t| t.code.clone())));
    let include_archived = given(&q.include_archived).and_then(|v| e.take("include_archived", flag(v)));
    let (limit, offset) = crate::domain::filter::paging(&q.limit, &q.offset, None, &mut e);
    let filter = e
        .finish(|| store::links::Filter {
            stakeholder,
            link_type,
            include_archived: include_archived.unwrap_or(false),
            limit,
            offset,
        })
        .map_err(AppError::Validation)?;
    let links = inventory::links(&state, &actor, &filter).await?;
    Ok(Json(links.iter().map(|l| l.to_json()).collect::<Vec<_>>()).into_response())
}

/// One link
#[utoipa::path(get, path = "/api/links/{id}", tag = "links", params(("id" = i64, Path)),
    responses((status = 200, description = "The link", body = LinkJson)))]
async fn read(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Response, AppError> {
    Ok(Json(inventory::link(&state, &actor, id).await?.to_json()).into_response())
}

/// Adds a link
///
/// `source` and `target` are a stakeholder's id, name or acronym.
#[utoipa::path(post, path = "/api/links", tag = "links", request_body = LinkDraft,
    responses((status = 201, description = "Created; `Location` is its address", body = LinkJson),
        (status = 409, description = "The same link exists")))]
async fn create(
    State(state): State<AppState>,
    actor: Actor,
    ApiJson(draft): ApiJson<LinkDraft>,
) -> Result<Response, AppError> {
    let link = inventory::save_link(&state, &actor, None, &draft).await?;
    let location = format!("/api/links/{}", link.id);
    Ok((StatusCode::CREATED, [(header::LOCATION, location)], Json(link.to_json())).into_response())
}

/// Replaces a link
#[utoipa::path(put, path = "/api/links/{id}", tag = "links", params(("id" = i64, Path)), request_body = LinkDraft,
    responses((status = 200, description = "The link as saved", body = LinkJson)))]
async fn replace(
    State(state): State<AppState>,
    actor: Actor,
    Id(id): Id,
    ApiJson(draft): ApiJson<LinkDraft>,
) -> Result<Response, AppError> {
    inventory::link(&state, &actor, id).await?;
    let link = inventory::save_link(&state, &actor, Some(id), &draft).await?;
    Ok(Json(link.to_json()).into_response())
}

/// Archives a link
#[utoipa::path(delete, path = "/api/links/{id}", tag = "links", params(("id" = i64, Path)),
    responses((status = 204, description = "Archived")))]
async fn archive(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<StatusCode, AppError> {
    inventory::archive_link(&state, &actor, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
