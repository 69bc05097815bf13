//! `/steering`: the dashboard for the projector; `/steering/report`: the same, print-ready.

use super::Page;
use crate::app::{Action, Actor, AppError, AppState, network, steering};
use crate::graph::model::FilterQuery;
use crate::graph::render::Preference;
use crate::i18n::{Lang, Tr};
use crate::report::{CoverageView, View};
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{Method, Uri};
use axum::response::Html;
use axum::routing::get;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/steering", Action::Read, Kind::Page, get(dashboard)),
        Route::new(Method::GET, "/steering/report", Action::Read, Kind::Page, get(report)),
    ]
}

#[derive(Template, WebTemplate)]
#[template(path = "steering/page.html")]
struct DashboardPage {
    page: Page,
    t: &'static Tr,
    v: View,
    map_svg: String,
    coverage: Option<CoverageView>,
}

async fn view_and_maps(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
) -> Result<(View, String, Option<CoverageView>), AppError> {
    let d = steering::dashboard(state, actor, lang).await?;
    let map = network::svg(state, actor, &FilterQuery::default(), lang, Preference::Auto).await?;
    let coverage = crate::report::dashboard_coverage(state, actor, &d, lang).await?;
    Ok((crate::report::view(&d, lang), map.svg.clone(), coverage))
}

async fn dashboard(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
) -> Result<DashboardPage, AppError> {
    let (v, map_svg, coverage) = view_and_maps(&state, &actor, lang).await?;
    Ok(DashboardPage { page: Page::new(lang, lang.tr().mech.steering_title, &uri), t: lang.tr(), v, map_svg, coverage })
}

async fn report(State(state): State<AppState>, actor: Actor, lang: Lang) -> Result<Html<String>, AppError> {
    let (v, map_svg, coverage) = view_and_maps(&state, &actor, lang).await?;
    let html = crate::report::html(&v, lang, &map_svg, coverage.as_ref(), "/static/maillage.css")
        .map_err(|e| AppError::Internal(anyhow::anyhow!("report template: {e}")))?;
    Ok(Html(html))
}
