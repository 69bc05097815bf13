//! `/api/phases`: the project's phases; `PUT` changes one (texts in the request's language).

use crate::app::{Action, Actor, AppError, AppState, phases};
use crate::domain::phase::{PhaseDraft, PhaseJson};
use crate::i18n::Lang;
use crate::web::extract::{ApiJson, Id};
use crate::web::routes::{Kind, Route};
use axum::extract::State;
use axum::http::Method;
use axum::response::Response;
use axum::routing::{get, put};

#[derive(utoipa::OpenApi)]
#[openapi(paths(list, replace))]
pub struct Doc;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/api/phases", Action::Read, Kind::Api, get(list)),
        Route::new(Method::PUT, "/api/phases/{id}", Action::Edit, Kind::Api, put(replace)),
    ]
}

/// The project's phases
#[utoipa::path(get, path = "/api/phases", tag = "phases",
    responses((status = 200, description = "The four phases, with their dates and status", body = [PhaseJson])))]
async fn list(State(state): State<AppState>, actor: Actor) -> Result<Response, AppError> {
    Ok(super::json(phases::list(&state, &actor).await?.iter().map(|p| p.to_json()).collect::<Vec<_>>()))
}

/// Changes a phase
///
/// Its title and description are those of the request's language (`Accept-Language`).
#[utoipa::path(put, path = "/api/phases/{id}", tag = "phases", params(("id" = i64, Path)),
    request_body = PhaseDraft, responses((status = 200, description = "The phase as saved", body = PhaseJson)))]
async fn replace(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    Id(id): Id,
    ApiJson(draft): ApiJson<PhaseDraft>,
) -> Result<Response, AppError> {
    Ok(super::json(phases::update(&state, &actor, id, &draft, lang).await?.to_json()))
}
