//! `GET /api/analysis`: every measure of the filtered network as JSON (map filters apply).

use crate::analysis::analyse;
use crate::graph::model::FilterQuery;
use crate::i18n::Lang;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::network;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use axum_extra::extract::Query;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/analysis", get(analysis))
}

async fn analysis(
    State(state): State<AppState>,
    lang: Lang,
    Query(q): Query<FilterQuery>,
) -> Result<Json<crate::analysis::Analysis>, AppError> {
    let (net, _) = network::network(&state, &q).await?;
    Ok(Json(analyse(&net, lang)))
}
