//! `/privacy`: a data-protection request about one person (by e-mail or contact person):
//! what is held about them, as a page and as a JSON download, and its erasure (admins).

use super::Page;
use crate::app::privacy::{self, Who};
use crate::app::{Action, Actor, AppError, AppState};
use crate::i18n::Lang;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::State;
use axum::http::{Method, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::{Form, Query};
use serde::Deserialize;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/privacy", Action::ReadPersonal, Kind::Page, get(show)),
        Route::new(Method::GET, "/privacy/export.json", Action::ReadPersonal, Kind::Page, get(export)),
        Route::new(Method::POST, "/privacy/erase", Action::ManageUsers, Kind::Page, post(erase)),
    ]
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WhoQuery {
    who: String,
    erased: String,
}

pub struct HeldRow {
    table: String,
    rows: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "privacy.html")]
struct PrivacyPage {
    page: Page,
    who: String,
    held: Vec<HeldRow>,
    searched: bool,
    error: Option<String>,
    erased: Option<String>,
    export_url: String,
    /// "… for more than 24 months", with the language's plural.
    due_intro: String,
    due: Vec<crate::store::privacy::Due>,
}

async fn show(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<WhoQuery>,
) -> Result<PrivacyPage, AppError> {
    let mut page = PrivacyPage {
        page: Page::new(lang, lang.tr().audit.privacy_title, &uri),
        who: q.who.trim().to_owned(),
        held: Vec::new(),
        searched: false,
        error: None,
        erased: Some(q.erased.clone()).filter(|e| !e.is_empty()),
        export_url: format!(
            "/privacy/export.json?{}",
            serde_urlencoded::to_string([("who", q.who.trim())]).unwrap_or_default()
        ),
        due_intro: String::new(),
        due: Vec::new(),
    };
    let (months, due) = privacy::due(&state, &actor).await?;
    (page.due_intro, page.due) = (crate::i18n::tr!(lang, "privacy-due-intro", months = months), due);
    if page.who.is_empty() {
        return Ok(page);
    }
    let found = match Who::parse(&page.who) {
        Ok(who) => privacy::export(&state, &actor, &who).await,
        Err(e) => Err(e),
    };
    match found {
        Ok(held) => {
            page.searched = true;
            page.held = held["held"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(t, rows)| HeldRow { table: t.clone(), rows: rows.as_array().map_or(0, Vec::len) })
                        .collect()
                })
                .unwrap_or_default();
        }
        Err(e @ (AppError::Conflict { .. } | AppError::NotFound)) => page.error = Some(e.message(lang)),
        Err(e) => return Err(e),
    }
    Ok(page)
}

async fn export(State(state): State<AppState>, actor: Actor, Query(q): Query<WhoQuery>) -> Result<Response, AppError> {
    let held = privacy::export(&state, &actor, &Who::parse(&q.who)?).await?;
    Ok(([(header::CONTENT_DISPOSITION, "attachment; filename=\"personal-data.json\"".to_owned())], Json(held))
        .into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EraseForm {
    who: String,
    confirm: String,
}

async fn erase(State(state): State<AppState>, actor: Actor, Form(f): Form<EraseForm>) -> Result<Redirect, AppError> {
    if f.confirm != "yes" {
        return Err(AppError::Conflict {
            field: "confirm",
            message: crate::domain::problem::Message::new("audit_erase_confirm"),
        });
    }
    let done = privacy::erase(&state, &actor, &Who::parse(&f.who)?).await?;
    let rows: usize = done.tables.values().sum();
    Ok(Redirect::to(&format!("/privacy?erased={rows}")))
}
