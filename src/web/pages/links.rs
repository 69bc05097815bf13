//! The link form (create, edit) and link archiving.

use super::{FormErrors, Opt, Page, options};
use crate::app::Action;
use crate::app::Actor;
use crate::app::AppError;
use crate::app::AppState;
use crate::app::inventory;
use crate::domain::link::LinkDraft;
use crate::domain::values::format_date;
use crate::i18n::Lang;
use crate::web::extract::Id;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::Method;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::{Form, Query};
use serde::Deserialize;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::POST, "/links", Action::Edit, Kind::Page, post(create)),
        Route::new(Method::GET, "/links/new", Action::Edit, Kind::Page, get(new)),
        Route::new(Method::GET, "/links/{id}/edit", Action::Edit, Kind::Page, get(edit)),
        Route::new(Method::POST, "/links/{id}/edit", Action::Edit, Kind::Page, post(update)),
        Route::new(Method::POST, "/links/{id}/archive", Action::Edit, Kind::Page, post(archive)),
    ]
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LinkForm {
    source: String,
    target: String,
    #[serde(rename = "type")]
    link_type: String,
    directed: String,
    strength: String,
    formal: Option<String>,
    since: String,
    until: String,
    note: String,
    confirmed: Option<String>,
}

impl LinkForm {
    fn into_draft(self) -> LinkDraft {
        let some = |s: String| Some(s).filter(|s| !s.trim().is_empty());
        LinkDraft {
            source: some(self.source),
            target: some(self.target),
            link_type: some(self.link_type),
            directed: some(self.directed),
            strength: some(self.strength),
            formal: Some(if self.formal.is_some() { "1" } else { "0" }.to_owned()),
            since: some(self.since),
            until: some(self.until),
            note: some(self.note),
            confirmed: Some(if self.confirmed.is_some() { "1" } else { "0" }.to_owned()),
            provenance: None,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "links/form.html")]
struct FormPage {
    page: Page,
    action: String,
    existing: Option<i64>,
    source: String,
    target: String,
    types: Vec<Opt>,
    directed: String,
    strength: String,
    formal: bool,
    since: String,
    until: String,
    note: String,
    confirmed: bool,
    /// Where the link came from, in words, and its source's page if it has one.
    provenance: String,
    provenance_url: Option<String>,
    names: Vec<String>,
    errors: FormErrors,
    /// The link's history panel, on its edit page.
    history: Option<super::changes::History>,
}

async fn form_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    existing: Option<(i64, String)>,
    d: &LinkDraft,
    errors: FormErrors,
    history: Option<super::changes::History>,
) -> Result<FormPage, AppError> {
    let reference = inventory::reference(state).await?;
    let keys = inventory::name_keys(state).await?;
    // Show the names of stakeholders the user referred to by id (?source=12).
    let name_of = |v: &Option<String>| {
        let v = v.clone().unwrap_or_default();
        v.parse::<i64>().ok().and_then(|id| keys.iter().find(|k| k.id == id)).map_or(v, |k| k.name.clone())
    };
    let link_type =
        reference.link_type(d.link_type.as_deref().unwrap_or("")).map(|t| t.code.clone()).unwrap_or_default();
    let yes = |v: &Option<String>, default: bool| {
        v.as_deref().map_or(default, |v| crate::domain::values::flag(v).unwrap_or(default))
    };
    let t = lang.tr();
    let raw_provenance = existing.as_ref().map_or("manual", |(_, p)| p.as_str());
    let (provenance, provenance_url) = super::provenance(raw_provenance, lang);
    let mut names: Vec<String> = keys.iter().map(|k| k.name.clone()).collect();
    names.sort_by_key(|n| crate::domain::text::key(n));
    Ok(FormPage {
        page: Page::new(lang, if existing.is_some() { t.edit_link } else { t.new_link }, uri),
        action: existing.as_ref().map_or_else(|| "/links".to_owned(), |(id, _)| format!("/links/{id}/edit")),
        existing: existing.as_ref().map(|(id, _)| *id),
        source: name_of(&d.source),
        target: name_of(&d.target),
        types: options(&reference.link_types, lang, &[link_type.as_str()]),
        directed: d
            .directed
            .as_deref()
            .map(|v| crate::domain::values::flag(v).map_or("", |b| if b { "1" } else { "0" }))
            .unwrap_or("")
            .to_owned(),
        strength: d.strength.clone().unwrap_or_else(|| "1".into()),
        formal: yes(&d.formal, false),
        since: d.since.clone().unwrap_or_default(),
        until: d.until.clone().unwrap_or_default(),
        note: d.note.clone().unwrap_or_default(),
        confirmed: yes(&d.confirmed, true),
        provenance,
        provenance_url,
        names,
        errors,
        history,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewQuery {
    source: Option<String>,
    target: Option<String>,
}

async fn new(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Query(q): Query<NewQuery>,
) -> Result<Response, AppError> {
    let draft = LinkDraft { source: q.source, target: q.target, ..Default::default() };
    Ok(form_page(&state, lang, &uri, None, &draft, FormErrors::default(), None).await?.into_response())
}

async fn edit(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
) -> Result<Response, AppError> {
    let l = inventory::link(&state, &actor, id).await?;
    let d = &l.data;
    let draft = LinkDraft {
        source: Some(d.source.to_string()),
        target: Some(d.target.to_string()),
        link_type: Some(d.link_type.clone()),
        directed: Some(if d.directed { "1" } else { "0" }.into()),
        strength: Some(d.strength.get().to_string()),
        formal: Some(if d.formal { "1" } else { "0" }.into()),
        since: d.since.map(format_date),
        until: d.until.map(format_date),
        note: d.note.clone(),
        confirmed: Some(if d.confirmed { "1" } else { "0" }.into()),
        provenance: None,
    };
    let history = super::changes::History::of(&state, &actor, lang, "link", id, &format!("/links/{id}/edit")).await?;
    Ok(form_page(&state, lang, &uri, Some((id, l.provenance.clone())), &draft, FormErrors::default(), Some(history))
        .await?
        .into_response())
}

async fn save(
    state: AppState,
    actor: &Actor,
    lang: Lang,
    uri: Uri,
    id: Option<i64>,
    form: LinkForm,
) -> Result<Response, AppError> {
    let existing = match id {
        Some(id) => Some((id, inventory::link(&state, actor, id).await?.provenance)),
        None => None,
    };
    let draft = form.into_draft();
    let errors = match inventory::save_link(&state, actor, id, &draft).await {
        Ok(l) => return Ok(Redirect::to(&format!("/stakeholders/{}", l.data.source)).into_response()),
        Err(AppError::Validation(errors)) => FormErrors::new(&errors, lang),
        Err(AppError::Conflict { field, message }) => FormErrors::conflict(field, crate::i18n::say(lang, &message)),
        Err(e) => return Err(e),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, form_page(&state, lang, &uri, existing, &draft, errors, None).await?)
        .into_response())
}

async fn create(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Form(form): Form<LinkForm>,
) -> Result<Response, AppError> {
    save(state, &actor, lang, uri, None, form).await
}

async fn update(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
    Form(form): Form<LinkForm>,
) -> Result<Response, AppError> {
    save(state, &actor, lang, uri, Some(id), form).await
}

async fn archive(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Redirect, AppError> {
    let l = inventory::link(&state, &actor, id).await?;
    inventory::archive_link(&state, &actor, id).await?;
    Ok(Redirect::to(&format!("/stakeholders/{}", l.data.source)))
}
