//! CSV import (upload, then the errors or a summary) and CSV downloads.

use super::Page;
use crate::app::Action;
use crate::app::Actor;
use crate::app::AppError;
use crate::app::AppState;
use crate::app::inventory::{self, ListQuery};
use crate::app::transfer::{self, Table};
use crate::csvio::{Dialect, ImportReport};
use crate::i18n::Lang;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Multipart, State};
use axum::http::Method;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::Query;
use serde::Deserialize;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/import", Action::Edit, Kind::Page, get(form)),
        Route::new(Method::POST, "/import", Action::Edit, Kind::Page, post(upload)),
        Route::new(Method::GET, "/export/stakeholders.csv", Action::Read, Kind::Page, get(export_stakeholders)),
        Route::new(Method::GET, "/export/links.csv", Action::Read, Kind::Page, get(export_links)),
    ]
}

pub struct ErrorRow {
    pub line: u64,
    pub column: String,
    pub message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "import.html")]
struct ImportPage {
    page: Page,
    what: String,
    file_name: String,
    report: Option<ImportReport>,
    errors: Vec<ErrorRow>,
}

async fn form(lang: Lang, uri: Uri) -> ImportPage {
    ImportPage {
        page: Page::new(lang, lang.tr().import_title, &uri),
        what: "stakeholders".into(),
        file_name: String::new(),
        report: None,
        errors: Vec::new(),
    }
}

async fn upload(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let mut what = "stakeholders".to_owned();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart.next_field().await.map_err(|e| AppError::BadRequest(e.body_text()))? {
        match field.name() {
            Some("what") => what = field.text().await.map_err(|e| AppError::BadRequest(e.body_text()))?,
            Some("file") => {
                let name = field.file_name().unwrap_or("upload.csv").to_owned();
                let bytes = field.bytes().await.map_err(|e| AppError::BadRequest(e.body_text()))?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    let mut page = ImportPage {
        page: Page::new(lang, lang.tr().import_title, &uri),
        what: what.clone(),
        file_name: String::new(),
        report: None,
        errors: Vec::new(),
    };
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        page.errors.push(ErrorRow {
            line: 1,
            column: String::new(),
            message: crate::domain::problem::Problem::Empty.message(lang),
        });
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    page.file_name = name.clone();
    let table = if what == "links" { Table::Links } else { Table::Stakeholders };
    match transfer::import(&state, &actor, table, &bytes, &name, &mut |_, _| {}).await {
        Ok(report) => {
            page.report = Some(report);
            Ok(page.into_response())
        }
        Err(AppError::Import(errors)) => {
            page.errors = errors
                .iter()
                .map(|e| ErrorRow {
                    line: e.line,
                    column: e.column.clone().unwrap_or_default(),
                    message: e.problem.message(lang),
                })
                .collect();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ExportQuery {
    dialect: Option<String>,
    #[serde(flatten)]
    filters: ListQuery,
}

fn dialect(q: &Option<String>) -> Dialect {
    if q.as_deref() == Some("excel") { Dialect::Excel } else { Dialect::Plain }
}

pub fn download(bytes: Vec<u8>, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        bytes,
    )
        .into_response()
}

async fn export_stakeholders(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let reference = inventory::reference(&state).await?;
    let filter = q.filters.to_filter(&reference, None).map_err(AppError::Validation)?;
    let bytes = transfer::export_stakeholders(&state, &actor, &filter, dialect(&q.dialect)).await?;
    Ok(download(bytes, "maillage-stakeholders.csv"))
}

async fn export_links(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let bytes = transfer::export_links(&state, &actor, dialect(&q.dialect)).await?;
    Ok(download(bytes, "maillage-links.csv"))
}
