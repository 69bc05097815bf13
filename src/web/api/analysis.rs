//! `GET /api/analysis`: every measure of the filtered network as JSON (map filters apply).

use crate::app::Action;
use crate::app::network;
use crate::app::{Actor, AppError, AppState};
use crate::graph::model::FilterQuery;
use crate::i18n::Lang;
use crate::web::routes::{Kind, Route};
use axum::Json;
use axum::extract::State;
use axum::http::Method;
use axum::routing::get;
use axum_extra::extract::Query;

#[derive(utoipa::OpenApi)]
#[openapi(paths(analysis))]
pub struct Doc;

pub fn routes() -> Vec<Route> {
    vec![Route::new(Method::GET, "/api/analysis", Action::Read, Kind::Api, get(analysis))]
}

/// Every measure of the network
///
/// Density, components, centralities, brokers, communities, levels and sectors crossed, with
/// the map's filters.
#[utoipa::path(get, path = "/api/analysis", tag = "network", params(FilterQuery),
    responses((status = 200, description = "The analysis", body = Object)))]
async fn analysis(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    Query(q): Query<FilterQuery>,
) -> Result<axum::response::Response, AppError> {
    use axum::response::IntoResponse;
    let analysed = network::analysis(&state, &actor, &q, lang).await?;
    Ok(Json(&analysed.analysis).into_response())
}
