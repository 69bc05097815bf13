//! `GET /map`: the network map with its filters, pan and zoom, legend, downloads and a
//! full-screen presentation mode for projectors.

use super::{Opt, Page, options, province_options};
use crate::app::Action;
use crate::app::Actor;
use crate::app::AppError;
use crate::app::AppState;
use crate::app::{inventory, network};
use crate::graph::model::{Drawing, FilterQuery};
use crate::graph::style;
use crate::i18n::Lang;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::Method;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::Query;
use serde::Deserialize;

pub fn routes() -> Vec<Route> {
    vec![Route::new(Method::GET, "/map", Action::Read, Kind::Page, get(map))]
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MapQuery {
    renderer: Option<String>,
    present: Option<String>,
    /// `all`: every actor drawn, however many.
    detail: Option<String>,
    #[serde(flatten)]
    filters: FilterQuery,
}

pub struct Swatch {
    pub label: String,
    pub fill: &'static str,
    pub stroke: &'static str,
    pub dash: &'static str,
}

pub struct Download {
    pub label: &'static str,
    pub href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "map.html")]
struct MapPage {
    page: Page,
    present: bool,
    f: FilterQuery,
    levels: Vec<Opt>,
    kinds: Vec<Opt>,
    sectors: Vec<Opt>,
    provinces: Vec<Opt>,
    types: Vec<Opt>,
    errors: Vec<String>,
    svg: String,
    /// What was drawn, for the list of its actors beside the map.
    drawn: Option<std::sync::Arc<network::CachedSvg>>,
    renderer: String,
    note: Option<String>,
    nodes: usize,
    edges: usize,
    kind_legend: Vec<Swatch>,
    type_legend: Vec<Swatch>,
    downloads: Vec<Download>,
    present_url: String,
    exit_url: String,
    campaigns: Vec<Opt>,
    /// With a campaign overlay: its response rates, overall then by level.
    response_rates: Vec<String>,
    /// Too many actors to draw one by one: what the groups are, and how to see every actor.
    grouped: Option<String>,
    detail_url: String,
    /// On a campaign's map: the legend of who answered, started, kept silent or was never
    /// invited (fill shown, dashes, words), for those drawn.
    participation_legend: Vec<(&'static str, &'static str, &'static str)>,
    /// On a campaign's map: the invitees left off, said in a sentence, and the campaign's page
    /// that lists them.
    unseen: Option<(String, String)>,
}

fn query_string(f: &FilterQuery, extra: &[(&str, &str)]) -> String {
    let pairs: Vec<(&str, String)> =
        f.pairs().into_iter().chain(extra.iter().map(|(k, v)| (*k, (*v).to_owned()))).collect();
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// The campaigns to choose from (those whose questionnaire asks who one works with: the others
/// declare no tie to draw) and, when one is chosen, its response rates: a map built from
/// survey ties is only read right next to who answered.
async fn survey_overlay(
    state: &AppState,
    actor: &Actor,
    reference: &crate::domain::reference::Reference,
    f: &FilterQuery,
    lang: Lang,
) -> Result<(Vec<Opt>, Vec<String>), AppError> {
    let chosen = f.campaign.as_deref().and_then(|c| c.trim().parse::<i64>().ok());
    let campaigns = crate::app::campaigns::list(state, actor)
        .await?
        .into_iter()
        .filter(|c| {
            Some(c.id) == chosen
                || crate::survey::definition::parse(&c.definition)
                    .is_ok_and(|d| d.questions().any(|q| q.kind == crate::survey::definition::Kind::Network))
        })
        .map(|c| Opt { selected: Some(c.id) == chosen, value: c.id.to_string(), label: c.title })
        .collect();
    let Some(id) = chosen else { return Ok((campaigns, Vec::new())) };
    let respondents = crate::app::campaigns::answers(state, actor, id).await?.respondents;
    let all: Vec<_> = respondents.iter().collect();
    let rates = crate::survey::results::rates(&all, reference, lang);
    let line =
        |r: &crate::survey::results::Rate| format!("{} {}/{} ({} %)", r.label, r.answered, r.invited, r.percent());
    let mut lines = vec![line(&rates.overall).trim().to_owned()];
    lines.extend(rates.by_level.iter().map(line));
    Ok((campaigns, lines))
}

async fn map(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<MapQuery>,
) -> Result<Response, AppError> {
    let reference = inventory::reference(&state).await?;
    let t = lang.tr();
    let pick =
        |v: &Option<String>, items: &[crate::domain::reference::RefItem], find: &dyn Fn(&str) -> Option<String>| {
            let code = v.as_deref().and_then(find).unwrap_or_default();
            options(items, lang, &[code.as_str()])
        };
    let detail = q.detail.as_deref() == Some("all");
    let present = q.present.as_deref().is_some_and(|p| p == "1");
    let drawing = if present { Drawing::Projector } else { Drawing::Screen };
    let preference = network::preference(q.renderer.as_deref());
    let (rendered, errors) =
        match network::svg_with(&state, &actor, &q.filters, lang, preference, detail, drawing).await {
            Ok(r) => (Some(r), Vec::new()),
            Err(AppError::Validation(errors)) => {
                (None, errors.iter().map(|e| format!("{}: {}", e.field, e.problem.message(lang))).collect())
            }
            Err(e) => return Err(e),
        };
    let (campaigns, response_rates) = survey_overlay(&state, &actor, &reference, &q.filters, lang).await?;
    let kind_legend = reference
        .kinds
        .iter()
        .map(|k| {
            let (fill, stroke) = style::kind_colours(&reference, &k.code);
            Swatch { label: k.label(lang).to_owned(), fill, stroke, dash: "" }
        })
        .collect();
    let type_legend = reference
        .link_types
        .iter()
        .map(|lt| {
            let (colour, dash) = style::link_style(&reference, &lt.code);
            Swatch {
                label: lt.label(lang).to_owned(),
                fill: colour,
                stroke: colour,
                dash: dash.svg_dasharray().unwrap_or(""),
            }
        })
        .collect();
    let downloads = [
        ("SVG", "svg"),
        ("PNG", "png"),
        ("DOT", "dot"),
        ("GraphML", "graphml"),
        ("GEXF (Gephi)", "gexf"),
        ("JSON", "json"),
        ("Kumu – elements", "kumu-elements"),
        ("Kumu – connections", "kumu-connections"),
    ]
    .into_iter()
    .map(|(label, format)| Download {
        label,
        href: format!("/api/graph?{}", query_string(&q.filters, &[("format", format)])),
    })
    .collect();
    let page = MapPage {
        page: Page::new(lang, t.nav_map, &uri),
        present,
        levels: pick(&q.filters.level, &reference.levels, &|v| reference.level(v).ok().map(|i| i.code.clone())),
        kinds: pick(&q.filters.kind, &reference.kinds, &|v| reference.kind(v).ok().map(|i| i.code.clone())),
        sectors: pick(&q.filters.sector, &reference.sectors, &|v| reference.sector(v).ok().map(|i| i.code.clone())),
        types: pick(&q.filters.link_type, &reference.link_types, &|v| {
            reference.link_type(v).ok().map(|i| i.code.clone())
        }),
        provinces: province_options(
            &reference,
            lang,
            q.filters
                .province
                .as_deref()
                .and_then(|p| reference.territory(p, Some("provincial")).ok())
                .map(|t| t.ins_code.as_str()),
        ),
        errors,
        svg: rendered.as_ref().map(|r| r.svg.clone()).unwrap_or_default(),
        drawn: rendered.clone(),
        renderer: rendered.as_ref().map(|r| r.renderer.clone()).unwrap_or_default(),
        note: rendered.as_ref().and_then(|r| r.note.clone()),
        nodes: rendered.as_ref().map_or(0, |r| r.nodes),
        edges: rendered.as_ref().map_or(0, |r| r.edges),
        kind_legend,
        type_legend,
        downloads,
        present_url: format!("/map?{}", query_string(&q.filters, &[("present", "1")])),
        exit_url: format!("/map?{}", query_string(&q.filters, &[])),
        campaigns,
        response_rates,
        grouped: rendered.as_ref().and_then(|r| r.grouped).map(|d| {
            crate::i18n::tr!(lang, "map-grouped", limit = crate::graph::aggregate::DETAIL_LIMIT, by = d.name(lang))
        }),
        detail_url: format!("/map?{}", query_string(&q.filters, &[("detail", "all")])),
        participation_legend: rendered
            .as_ref()
            .map(|r| r.participations.iter().map(|p| crate::graph::band::participation_mark(*p, lang)).collect())
            .unwrap_or_default(),
        unseen: rendered.as_ref().filter(|r| r.unseen_invitees > 0).map(|r| {
            (
                crate::i18n::tr!(lang, "map-unseen-invitees", count = r.unseen_invitees),
                format!("/campaigns/{}", q.filters.campaign.as_deref().unwrap_or_default().trim()),
            )
        }),
        f: q.filters,
    };
    let status = if page.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}
