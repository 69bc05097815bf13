//! `/phases`: the project's four phases as a timeline; editors change dates, status and texts.

use super::{FormErrors, Opt, Page};
use crate::app::{Action, Actor, AppError, AppState, phases};
use crate::domain::phase::{PhaseDraft, STATUSES};
use crate::domain::values::format_date;
use crate::i18n::Lang;
use crate::web::extract::Id;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/phases", Action::Read, Kind::Page, get(list)),
        Route::new(Method::GET, "/phases/{id}/edit", Action::Edit, Kind::Page, get(edit)),
        Route::new(Method::POST, "/phases/{id}/edit", Action::Edit, Kind::Page, post(update)),
    ]
}

pub struct PhaseRow {
    id: i64,
    position: i64,
    title: String,
    description: String,
    planned: String,
    actual: String,
    status: String,
    current: bool,
}

fn status_label(status: &str, lang: Lang) -> String {
    let t = lang.tr();
    match status {
        "in_progress" => t.phase_in_progress,
        "done" => t.phase_done,
        _ => t.phase_planned,
    }
    .to_owned()
}

#[derive(Template, WebTemplate)]
#[template(path = "phases/list.html")]
struct ListPage {
    page: Page,
    phases: Vec<PhaseRow>,
}

async fn list(State(state): State<AppState>, actor: Actor, lang: Lang, uri: Uri) -> Result<ListPage, AppError> {
    let today = state.clock.now().date();
    let span = |a: Option<time::Date>, b: Option<time::Date>| match (a, b) {
        (Some(a), Some(b)) => format!("{} → {}", format_date(a), format_date(b)),
        (Some(a), None) => format!("{} →", format_date(a)),
        _ => "—".to_owned(),
    };
    let phases = phases::list(&state, &actor)
        .await?
        .into_iter()
        .map(|p| PhaseRow {
            id: p.id,
            position: p.position,
            title: p.title(lang).to_owned(),
            description: p.description(lang).to_owned(),
            planned: span(Some(p.planned_start), Some(p.planned_end)),
            actual: span(p.actual_start, p.actual_end),
            status: status_label(&p.status, lang),
            current: p.is_current(today),
        })
        .collect();
    Ok(ListPage { page: Page::new(lang, lang.tr().phases_title, &uri), phases })
}

pub struct FieldView {
    name: &'static str,
    label: &'static str,
    value: String,
    kind: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "phases/form.html")]
struct FormPage {
    page: Page,
    id: i64,
    d: PhaseDraft,
    fields: Vec<FieldView>,
    statuses: Vec<Opt>,
    errors: FormErrors,
}

fn form_page(lang: Lang, uri: &Uri, id: i64, d: PhaseDraft, errors: FormErrors) -> FormPage {
    let chosen = d.status.clone().unwrap_or_default();
    let statuses = STATUSES
        .iter()
        .map(|s| Opt { value: (*s).to_owned(), label: status_label(s, lang), selected: chosen == *s })
        .collect();
    let t = lang.tr();
    let field = |name, label, value: &Option<String>, kind| FieldView {
        name,
        label,
        value: value.clone().unwrap_or_default(),
        kind,
    };
    let fields = vec![
        field("title", t.name, &d.title, "text"),
        field("planned_start", t.phase_planned_start, &d.planned_start, "date"),
        field("planned_end", t.phase_planned_end, &d.planned_end, "date"),
        field("actual_start", t.phase_actual_start, &d.actual_start, "date"),
        field("actual_end", t.phase_actual_end, &d.actual_end, "date"),
    ];
    FormPage { page: Page::new(lang, t.phase_edit, uri), id, d, fields, statuses, errors }
}

async fn edit(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
) -> Result<FormPage, AppError> {
    let p = phases::get(&state, &actor, id).await?;
    Ok(form_page(lang, &uri, id, PhaseDraft::from_phase(&p, lang), FormErrors::default()))
}

async fn update(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
    Form(draft): Form<PhaseDraft>,
) -> Result<Response, AppError> {
    match phases::update(&state, &actor, id, &draft, lang).await {
        Ok(_) => Ok(Redirect::to("/phases").into_response()),
        Err(AppError::Validation(errors)) => {
            let page = form_page(lang, &uri, id, draft, FormErrors::new(&errors, lang));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}
