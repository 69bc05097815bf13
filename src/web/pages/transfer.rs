//! CSV import (upload, then the errors or a summary) and CSV downloads.

use super::Page;
use crate::csvio::{self, Dialect, ImportFailure, ImportReport};
use crate::i18n::Lang;
use crate::store;
use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::inventory::{self, ListQuery};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::Query;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/import", get(form).post(upload))
        .route("/export/stakeholders.csv", get(export_stakeholders))
        .route("/export/links.csv", get(export_links))
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
    let mut tx = state.db.pool.begin().await?;
    let result = if what == "links" {
        csvio::links::import(&mut tx, &bytes, &name, &mut |_, _| {}).await
    } else {
        csvio::stakeholders::import(&mut tx, &bytes, &mut |_, _| {}).await
    };
    match result {
        Ok(report) => {
            tx.commit().await?;
            page.report = Some(report);
            Ok(page.into_response())
        }
        Err(ImportFailure::Invalid(errors)) => {
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
        Err(e) => Err(e.into()),
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
    Query(q): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let reference = inventory::reference(&state).await?;
    let filter = q.filters.to_filter(&reference, None).map_err(AppError::Validation)?;
    let mut conn = state.db.pool.acquire().await?;
    let list = store::stakeholders::list(&mut conn, &filter).await?;
    Ok(download(csvio::stakeholders::export(&list, &reference, dialect(&q.dialect))?, "maillage-stakeholders.csv"))
}

async fn export_links(State(state): State<AppState>, Query(q): Query<ExportQuery>) -> Result<Response, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let list = store::links::list(&mut conn, &store::links::Filter::default()).await?;
    Ok(download(csvio::links::export(&list, dialect(&q.dialect))?, "maillage-links.csv"))
}
