//! `/api/phases`: the project's phases; `PUT` changes one (texts in the request's language).

use crate::app::{Action, Actor, AppError, AppState, phases};
use crate::domain::phase::PhaseDraft;
use crate::i18n::Lang;
use crate::web::extract::{ApiJson, Id};
use crate::web::routes::{Kind, Route};
use axum::Json;
use axum::extract::State;
use axum::http::Method;
use axum::routing::{get, put};
use serde_json::Value;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/api/phases", Action::Read, Kind::Api, get(list)),
        Route::new(Method::PUT, "/api/phases/{id}", Action::Edit, Kind::Api, put(replace)),
    ]
}

async fn list(State(state): State<AppState>, actor: Actor) -> Result<Json<Value>, AppError> {
    Ok(Json(phases::list(&state, &actor).await?.iter().map(|p| p.to_json()).collect()))
}

async fn replace(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    Id(id): Id,
    ApiJson(draft): ApiJson<PhaseDraft>,
) -> Result<Json<Value>, AppError> {
    Ok(Json(phases::update(&state, &actor, id, &draft, lang).await?.to_json()))
}
