//! `/coverage`: the communes coloured by how many actors on the ground cover a sector.

use super::{Opt, Page, options};
use crate::app::{Action, Actor, AppError, AppState, inventory};
use crate::i18n::Lang;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{Method, Uri};
use axum::routing::get;
use axum_extra::extract::Query;
use serde::Deserialize;

pub fn routes() -> Vec<Route> {
    vec![Route::new(Method::GET, "/coverage", Action::Read, Kind::Page, get(page))]
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct CoverageQuery {
    pub sector: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "coverage.html")]
struct CoveragePage {
    page: Page,
    sectors: Vec<Opt>,
    svg: Option<String>,
    problem: Option<String>,
    uncovered_heading: String,
    uncovered: Vec<(String, String)>,
    sector: String,
}

async fn page(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<CoverageQuery>,
) -> Result<CoveragePage, AppError> {
    let reference = inventory::reference(&state).await?;
    let sector = match q.sector.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => reference
            .sector(s)
            .map_err(|p| AppError::Validation(vec![crate::domain::problem::FieldError::new("sector", p)]))?
            .code
            .clone(),
        None => reference.sectors.first().map(|s| s.code.clone()).unwrap_or_default(),
    };
    let (svg, problem, map) = crate::report::coverage(&state, &actor, &sector, lang).await?;
    let m = &lang.tr().mech;
    Ok(CoveragePage {
        page: Page::new(lang, m.coverage_title, &uri),
        sectors: options(&reference.sectors, lang, &[sector.as_str()]),
        svg,
        problem,
        uncovered_heading: crate::i18n::tr!(lang, "mech-uncovered-communes", n = map.uncovered.len()),
        uncovered: map.uncovered,
        sector,
    })
}
