//! `/mechanism/suggestions`: whom to add to a body, and who could cover the communes left
//! without an actor of a sector; each suggestion says why, and is accepted or dismissed.

use super::{Opt, Page, options};
use crate::analysis::suggest::Proximity;
use crate::app::{Action, Actor, AppError, AppState, inventory, mechanism};
use crate::i18n::Lang;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{Method, Uri};
use axum::response::Redirect;
use axum::routing::{get, post};
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/mechanism/suggestions", Action::Read, Kind::Page, get(page)),
        Route::new(Method::POST, "/mechanism/suggestions/accept", Action::Edit, Kind::Page, post(accept)),
        Route::new(Method::POST, "/mechanism/suggestions/dismiss", Action::Edit, Kind::Page, post(dismiss)),
    ]
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct SuggestQuery {
    body: Option<String>,
    k: Option<String>,
    sector: Option<String>,
}

pub struct ReachRow {
    id: i64,
    text: String,
    brings: Vec<(i64, String)>,
}

pub struct CandidateRow {
    id: i64,
    name: String,
    why: String,
}

pub struct CommuneRow {
    ins: String,
    name: String,
    candidates: Vec<CandidateRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "mechanism/suggestions.html")]
struct SuggestionsPage {
    page: Page,
    bodies: Vec<Opt>,
    body: Option<i64>,
    k: usize,
    sectors: Vec<Opt>,
    sector: String,
    reach: Vec<ReachRow>,
    communes: Vec<CommuneRow>,
    more: String,
    back: String,
}

/// Communes shown at once (the others are counted).
const SHOWN: usize = 60;

async fn page(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<SuggestQuery>,
) -> Result<SuggestionsPage, AppError> {
    let m = &lang.tr().mech;
    let reference = inventory::reference(&state).await?;
    let body = q.body.as_deref().and_then(|b| b.parse::<i64>().ok());
    let k = q.k.as_deref().and_then(|k| k.parse::<usize>().ok()).unwrap_or(5).clamp(1, 50);
    let sector = match q.sector.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => reference
            .sector(s)
            .map_err(|p| AppError::Validation(vec![crate::domain::problem::FieldError::new("sector", p)]))?
            .code
            .clone(),
        None => reference.sectors.first().map(|s| s.code.clone()).unwrap_or_default(),
    };
    let bodies = mechanism::bodies(&state, &actor, false)
        .await?
        .into_iter()
        .map(|b| Opt { selected: Some(b.id) == body, value: b.id.to_string(), label: b.name })
        .collect();
    let (gaps, analysed) = mechanism::gap_suggestions(&state, &actor, &sector, lang).await?;
    let names: HashMap<i64, String> = analysed.network.graph.node_weights().map(|n| (n.id, n.name.clone())).collect();
    let name = |id: &i64| names.get(id).cloned().unwrap_or_default();
    let reach = match body {
        Some(b) => mechanism::reach_suggestions(&state, &actor, b, k, lang)
            .await?
            .1
            .into_iter()
            .map(|r| ReachRow {
                id: r.id,
                text: crate::i18n::tr!(lang, "mech-reach-line", name = name(&r.id), n = r.gain),
                brings: r.brings.iter().map(|b| (*b, name(b))).collect(),
            })
            .collect(),
        None => Vec::new(),
    };
    let commune_name = |ins: &str| reference.territory_by_ins(ins).map_or_else(|| ins.to_owned(), |t| t.label(lang));
    let more = if gaps.len() > SHOWN {
        crate::i18n::tr!(lang, "mech-more-rows", n = gaps.len() - SHOWN)
    } else {
        String::new()
    };
    let communes = gaps
        .iter()
        .take(SHOWN)
        .map(|(ins, list)| CommuneRow {
            ins: ins.clone(),
            name: commune_name(ins),
            candidates: list
                .iter()
                .map(|c| {
                    let near = match c.proximity {
                        Proximity::Arrondissement => m.near_arrondissement,
                        Proximity::Province => m.near_province,
                        Proximity::NeighbourProvince => m.near_neighbour,
                    };
                    let distance = c
                        .distance
                        .map_or_else(|| m.no_path.to_owned(), |d| crate::i18n::tr!(lang, "mech-at-distance", n = d));
                    CandidateRow { id: c.id, name: name(&c.id), why: format!("{near}, {distance}") }
                })
                .collect(),
        })
        .collect();
    let back = uri.path_and_query().map_or("/mechanism/suggestions", |p| p.as_str()).to_owned();
    Ok(SuggestionsPage {
        page: Page::new(lang, m.suggestions_title, &uri),
        bodies,
        body,
        k,
        sectors: options(&reference.sectors, lang, &[sector.as_str()]),
        sector,
        reach,
        communes,
        more,
        back,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Decision {
    body: String,
    stakeholder: String,
    role: String,
    commune: String,
    sector: String,
    back: String,
}

fn id(raw: &str, field: &str) -> Result<i64, AppError> {
    crate::domain::values::bounded_int(raw, 1, i64::MAX / 4)
        .map_err(|p| AppError::Validation(vec![crate::domain::problem::FieldError::new(field, p)]))
}

async fn accept(State(state): State<AppState>, actor: Actor, Form(d): Form<Decision>) -> Result<Redirect, AppError> {
    mechanism::add_member(&state, &actor, id(&d.body, "body")?, id(&d.stakeholder, "stakeholder")?, &d.role).await?;
    Ok(Redirect::to(&super::back_to(&d.back, "/mechanism/suggestions")))
}

async fn dismiss(State(state): State<AppState>, actor: Actor, Form(d): Form<Decision>) -> Result<Redirect, AppError> {
    let stakeholder = id(&d.stakeholder, "stakeholder")?;
    let gap = (!d.commune.trim().is_empty()).then_some((d.commune.trim(), d.sector.trim()));
    let body = if gap.is_some() { None } else { Some(id(&d.body, "body")?) };
    mechanism::dismiss(&state, &actor, body, stakeholder, gap).await?;
    Ok(Redirect::to(&super::back_to(&d.back, "/mechanism/suggestions")))
}
