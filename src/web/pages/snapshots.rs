//! `/snapshots`: the snapshots taken, a form to take one, and the comparison of two states
//! (or a snapshot and now) with the two maps side by side.

use super::{FormErrors, Page};
use crate::app::snapshots::{self, Side};
use crate::app::{Action, Actor, AppError, AppState};
use crate::domain::snapshot::{SnapLink, SnapStakeholder};
use crate::domain::values::format_date;
use crate::graph::model::Change;
use crate::i18n::{Lang, long_date};
use crate::web::api::snapshots::CompareQuery;
use crate::web::extract::Id;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::{Form, Query};
use serde::Deserialize;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/snapshots", Action::Read, Kind::Page, get(list)),
        Route::new(Method::POST, "/snapshots", Action::Edit, Kind::Page, post(take)),
        Route::new(Method::GET, "/snapshots/compare", Action::Read, Kind::Page, get(compare)),
        Route::new(Method::POST, "/snapshots/{id}/delete", Action::Edit, Kind::Page, post(remove)),
    ]
}

pub struct Row {
    id: i64,
    name: String,
    day: String,
    stakeholders: i64,
    links: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "snapshots/list.html")]
struct ListPage {
    page: Page,
    rows: Vec<Row>,
    name: String,
    taken_on: String,
    errors: FormErrors,
}

async fn list_page(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
    uri: &Uri,
    name: String,
    taken_on: String,
    errors: FormErrors,
) -> Result<ListPage, AppError> {
    let rows = snapshots::list(state, actor)
        .await?
        .into_iter()
        .rev()
        .map(|s| Row {
            id: s.id,
            day: long_date(&format_date(s.taken_on), lang),
            name: s.name,
            stakeholders: s.stakeholders,
            links: s.links,
        })
        .collect();
    Ok(ListPage { page: Page::new(lang, lang.tr().mech.snapshots_title, uri), rows, name, taken_on, errors })
}

async fn list(State(state): State<AppState>, actor: Actor, lang: Lang, uri: Uri) -> Result<ListPage, AppError> {
    let today = format_date(state.clock.now().date());
    list_page(&state, &actor, lang, &uri, String::new(), today, FormErrors::default()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TakeForm {
    name: String,
    taken_on: String,
}

async fn take(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Form(f): Form<TakeForm>,
) -> Result<Response, AppError> {
    match snapshots::take(&state, &actor, Some(&f.name), Some(&f.taken_on), lang).await {
        Ok(s) => Ok(Redirect::to(&format!("/snapshots/compare?from={}&to=now", s.id)).into_response()),
        Err(AppError::Validation(errors)) => {
            let page =
                list_page(&state, &actor, lang, &uri, f.name, f.taken_on, FormErrors::new(&errors, lang)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

async fn remove(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Redirect, AppError> {
    snapshots::delete(&state, &actor, id).await?;
    Ok(Redirect::to("/snapshots"))
}

/// Lists longer than this show their first rows and say how many more there are.
const SHOWN: usize = 100;

pub struct LinkRow {
    source: i64,
    source_name: String,
    target: i64,
    target_name: String,
    link_type: String,
}

pub struct MoveRow {
    id: i64,
    name: String,
    degree: String,
    betweenness: String,
}

pub struct Choice {
    value: String,
    label: String,
    from: bool,
    to: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "snapshots/compare.html")]
struct ComparePage {
    page: Page,
    heading: String,
    summary: String,
    choices: Vec<Choice>,
    added_stakeholders: Vec<SnapStakeholder>,
    removed_stakeholders: Vec<SnapStakeholder>,
    added_links: Vec<LinkRow>,
    removed_links: Vec<LinkRow>,
    more: [String; 4],
    moves: Vec<MoveRow>,
    before_map: String,
    after_map: String,
}

fn capped<T: Clone>(v: &[T], lang: Lang) -> (Vec<T>, String) {
    let more =
        if v.len() > SHOWN { crate::i18n::tr!(lang, "mech-more-rows", n = v.len() - SHOWN) } else { String::new() };
    (v.iter().take(SHOWN).cloned().collect(), more)
}

async fn compare(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<CompareQuery>,
) -> Result<ComparePage, AppError> {
    let t = &lang.tr().mech;
    let (from, to) = q.sides()?;
    let c = snapshots::compare(&state, &actor, from, to, 15, lang).await?;
    let d = &c.diff;
    let label = |s: &Option<crate::domain::snapshot::Snapshot>| match s {
        Some(s) => format!("{} ({})", s.name, long_date(&format_date(s.taken_on), lang)),
        None => t.now.to_owned(),
    };
    let heading = format!("{} → {}", label(&c.before.snapshot), label(&c.after.snapshot));
    let number = |x: f64| format!("{x:.3}");
    let summary = crate::report::diff_summary(d, lang);
    let reference = crate::app::inventory::reference(&state).await?;
    let link_rows = |v: &[SnapLink]| -> Vec<LinkRow> {
        v.iter()
            .map(|l| LinkRow {
                source: l.source,
                source_name: d.names.get(&l.source).cloned().unwrap_or_default(),
                target: l.target,
                target_name: d.names.get(&l.target).cloned().unwrap_or_default(),
                link_type: super::label_of(&reference.link_types, &l.link_type, lang),
            })
            .collect()
    };
    let (added_stakeholders, m0) = capped(&d.added_stakeholders, lang);
    let (removed_stakeholders, m1) = capped(&d.removed_stakeholders, lang);
    let (added_links, m2) = capped(&d.added_links, lang);
    let (removed_links, m3) = capped(&d.removed_links, lang);
    let mut choices = vec![Choice { value: "now".into(), label: t.now.to_owned(), from: false, to: to == Side::Now }];
    for s in snapshots::list(&state, &actor).await?.into_iter().rev() {
        choices.push(Choice {
            from: from == Side::Snapshot(s.id),
            to: to == Side::Snapshot(s.id),
            value: s.id.to_string(),
            label: format!("{} ({})", s.name, long_date(&format_date(s.taken_on), lang)),
        });
    }
    let before_map = snapshots::map_of(&state, &c.before.data, d, Change::Removed, lang).await?;
    let after_map = snapshots::map_of(&state, &c.after.data, d, Change::Added, lang).await?;
    Ok(ComparePage {
        page: Page::new(lang, t.compare_title, &uri),
        heading,
        summary,
        choices,
        added_stakeholders,
        removed_stakeholders,
        added_links: link_rows(&added_links),
        removed_links: link_rows(&removed_links),
        more: [m0, m1, m2, m3],
        moves: d
            .measure_changes
            .iter()
            .map(|m| MoveRow {
                id: m.id,
                name: m.name.clone(),
                degree: format!("{} → {}", m.degree.0, m.degree.1),
                betweenness: format!("{} → {}", number(m.betweenness.0), number(m.betweenness.1)),
            })
            .collect(),
        before_map,
        after_map,
    })
}
