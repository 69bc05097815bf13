//! `GET /api/analysis`: every measure of the filtered network as JSON (map filters apply).

use crate::analysis::analyse;
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

pub fn routes() -> Vec<Route> {
    vec![Route::new(Method::GET, "/api/analysis", Action::Read, Kind::Api, get(analysis))]
}

async fn analysis(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    Query(q): Query<FilterQuery>,
) -> Result<Json<crate::analysis::Analysis>, AppError> {
    let (net, _) = network::network(&state, &actor, &q).await?;
    Ok(Json(analyse(&net, lang)))
}
