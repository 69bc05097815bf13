//! `GET /api/graph?format=dot|svg|png|graphml|gexf|json|kumu-elements|kumu-connections`
//! with the map's filters.

use crate::app::Action;
use crate::app::network::{GraphQuery, media, produce};
use crate::app::{Actor, AppError, AppState};
use crate::i18n::Lang;
use crate::web::routes::{Kind, Route};
use axum::extract::State;
use axum::http::Method;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::Query;

#[derive(utoipa::OpenApi)]
#[openapi(paths(graph))]
pub struct Doc;

pub fn routes() -> Vec<Route> {
    vec![Route::new(Method::GET, "/api/graph", Action::Read, Kind::Api, get(graph))]
}

/// The network, in a format for other tools
///
/// With the map's filters. `json` (the default), `graphml`, `gexf` (Gephi), `dot`, `svg`,
/// `png`, and Kumu's two CSV files.
#[utoipa::path(get, path = "/api/graph", tag = "network",
    params(("format" = Option<String>, Query, description = "dot, svg, png, graphml, gexf, json, kumu-elements or kumu-connections"),
        ("renderer" = Option<String>, Query, description = "svg and png: `graphviz` or `builtin`"),
        crate::graph::model::FilterQuery),
    responses((status = 200, description = "The network in the format asked for")))]
async fn graph(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    Query(q): Query<GraphQuery>,
) -> Result<Response, AppError> {
    let format = q.format.clone().unwrap_or_else(|| "json".into());
    let body = produce(&state, &actor, &format, &q, lang).await?;
    let (content_type, ext) = media(&format);
    let name = match format.as_str() {
        "kumu-elements" => "maillage-kumu-elements.csv".to_owned(),
        "kumu-connections" => "maillage-kumu-connections.csv".to_owned(),
        _ => format!("maillage-network.{ext}"),
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{name}\"")),
        ],
        body,
    )
        .into_response())
}
