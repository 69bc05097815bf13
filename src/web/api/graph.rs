//! `GET /api/graph?format=dot|svg|png|graphml|gexf|json|kumu-elements|kumu-connections`
//! with the map's filters.

use crate::graph::dot::{Engine, print, to_dot};
use crate::graph::export;
use crate::graph::model::FilterQuery;
use crate::graph::render;
use crate::i18n::Lang;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::network;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::Query;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/graph", get(graph))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GraphQuery {
    pub format: Option<String>,
    pub renderer: Option<String>,
    #[serde(flatten)]
    pub filters: FilterQuery,
}

pub const FORMATS: [&str; 8] = ["dot", "svg", "png", "graphml", "gexf", "json", "kumu-elements", "kumu-connections"];

/// (content type, file extension) of each format.
pub fn media(format: &str) -> (&'static str, &'static str) {
    match format {
        "dot" => ("text/vnd.graphviz; charset=utf-8", "dot"),
        "svg" => ("image/svg+xml; charset=utf-8", "svg"),
        "png" => ("image/png", "png"),
        "graphml" => ("application/graphml+xml; charset=utf-8", "graphml"),
        "gexf" => ("application/xml; charset=utf-8", "gexf"),
        "json" => ("application/json", "json"),
        _ => ("text/csv; charset=utf-8", "csv"),
    }
}

/// Produces one export of the filtered network.
pub async fn produce(state: &AppState, format: &str, q: &GraphQuery, lang: Lang) -> Result<Vec<u8>, AppError> {
    if format == "svg" {
        let svg = network::svg(state, &q.filters, lang, network::preference(q.renderer.as_deref())).await?;
        return Ok(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}", svg.svg).into_bytes());
    }
    let (net, _) = network::network(state, &q.filters).await?;
    Ok(match format {
        "dot" => print(&to_dot(&net, lang, Engine::Bands, true)).into_bytes(),
        "png" => match render::render_png(&net, lang).await {
            Some(png) => png.map_err(|e| AppError::Internal(e.into()))?,
            None => {
                return Err(AppError::Unavailable {
                    fr: "Le PNG demande Graphviz (paquet « graphviz »), qui n'est pas installé sur ce serveur ; \
                         téléchargez le SVG ou le DOT."
                        .into(),
                    en: "PNG needs Graphviz (package \"graphviz\"), which is not installed on this server; \
                         download the SVG or the DOT instead."
                        .into(),
                });
            }
        },
        "graphml" => export::graphml(&net),
        "gexf" => export::gexf(&net),
        "json" => serde_json::to_vec_pretty(&export::json(&net)).map_err(|e| AppError::Internal(e.into()))?,
        "kumu-elements" => export::kumu_elements(&net)?,
        "kumu-connections" => export::kumu_connections(&net)?,
        other => {
            return Err(AppError::Validation(vec![crate::domain::problem::FieldError::new(
                "format",
                crate::domain::problem::Problem::Unknown {
                    what: crate::domain::problem::RefTable::Format,
                    value: other.to_owned(),
                    expected: FORMATS.iter().map(|f| (*f).to_owned()).collect(),
                },
            )]));
        }
    })
}

async fn graph(State(state): State<AppState>, lang: Lang, Query(q): Query<GraphQuery>) -> Result<Response, AppError> {
    let format = q.format.clone().unwrap_or_else(|| "json".into());
    let body = produce(&state, &format, &q, lang).await?;
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
