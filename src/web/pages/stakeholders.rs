//! Stakeholder pages: the filtered list, one stakeholder with its links, the create/edit
//! form, archive and restore.

use super::{FormErrors, Opt, Page, label_of, options, province_options, territory_groups};
use crate::app::Action;
use crate::app::Actor;
use crate::app::AppError;
use crate::app::AppState;
use crate::app::inventory::{self, ListQuery};
use crate::domain::link::Link;
use crate::domain::reference::Reference;
use crate::domain::stakeholder::{ContactDraft, Stakeholder, StakeholderDraft};
use crate::domain::values::format_date;
use crate::i18n::Lang;
use crate::store;
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
        Route::new(Method::GET, "/", Action::Read, Kind::Page, get(|| async { Redirect::to("/stakeholders") })),
        Route::new(Method::GET, "/stakeholders", Action::Read, Kind::Page, get(list)),
        Route::new(Method::POST, "/stakeholders", Action::Edit, Kind::Page, post(create)),
        Route::new(Method::GET, "/stakeholders/new", Action::Edit, Kind::Page, get(new)),
        Route::new(Method::GET, "/stakeholders/{id}", Action::Read, Kind::Page, get(show)),
        Route::new(Method::GET, "/stakeholders/{id}/edit", Action::Edit, Kind::Page, get(edit)),
        Route::new(Method::POST, "/stakeholders/{id}/edit", Action::Edit, Kind::Page, post(update)),
        Route::new(Method::POST, "/stakeholders/{id}/archive", Action::Edit, Kind::Page, post(archive)),
        Route::new(Method::POST, "/stakeholders/{id}/language", Action::Edit, Kind::Page, post(set_language)),
        Route::new(Method::POST, "/stakeholders/{id}/restore", Action::Edit, Kind::Page, post(restore)),
    ]
}

const PAGE_SIZE: i64 = 50;

pub struct Row {
    pub id: i64,
    pub name: String,
    pub acronym: String,
    pub level: String,
    pub kind: String,
    pub sectors: Vec<String>,
    pub territory: String,
    pub key: bool,
    pub archived: bool,
}

fn territory_summary(s: &Stakeholder, reference: &Reference, lang: Lang) -> String {
    const SHOWN: usize = 3;
    let names: Vec<String> = s
        .data
        .territory
        .iter()
        .take(SHOWN)
        .map(|ins| reference.territory_by_ins(ins).map_or_else(|| ins.clone(), |t| t.label(lang)))
        .collect();
    let more = s.data.territory.len().saturating_sub(SHOWN);
    if more > 0 { format!("{} (+{more})", names.join(", ")) } else { names.join(", ") }
}

#[derive(Template, WebTemplate)]
#[template(path = "stakeholders/list.html")]
struct ListPage {
    page: Page,
    q: String,
    levels: Vec<Opt>,
    kinds: Vec<Opt>,
    sectors: Vec<Opt>,
    provinces: Vec<Opt>,
    key_only: bool,
    include_archived: bool,
    errors: Vec<String>,
    rows: Vec<Row>,
    total: i64,
    first: i64,
    last: i64,
    prev_url: Option<String>,
    next_url: Option<String>,
    export_query: String,
}

fn with_offset(q: &ListQuery, offset: i64) -> String {
    let pairs: Vec<(&str, String)> = [
        ("q", &q.q),
        ("level", &q.level),
        ("kind", &q.kind),
        ("sector", &q.sector),
        ("province", &q.province),
        ("key", &q.key),
        ("include_archived", &q.include_archived),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.clone().filter(|v| !v.is_empty()).map(|v| (k, v)))
    .chain((offset > 0).then(|| ("offset", offset.to_string())))
    .collect();
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

async fn list(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let reference = inventory::reference(&state).await?;
    let (filter, errors) = match q.to_filter(&reference, Some(PAGE_SIZE)) {
        Ok(f) => (Some(f), Vec::new()),
        Err(errors) => (None, errors.iter().map(|e| format!("{}: {}", e.field, e.problem.message(lang))).collect()),
    };
    let (stakeholders, total) = match &filter {
        Some(f) => inventory::stakeholder_page(&state, &actor, f).await?,
        None => (Vec::new(), 0),
    };
    let offset = filter.as_ref().and_then(|f| f.offset).unwrap_or(0);
    let rows = stakeholders
        .iter()
        .map(|s| Row {
            id: s.id,
            name: s.data.name.as_str().to_owned(),
            acronym: s.data.acronym.clone().unwrap_or_default(),
            level: label_of(&reference.levels, &s.data.level, lang),
            kind: label_of(&reference.kinds, &s.data.kind, lang),
            sectors: s.data.sectors.iter().map(|c| label_of(&reference.sectors, c, lang)).collect(),
            territory: territory_summary(s, &reference, lang),
            key: s.data.key,
            archived: s.archived,
        })
        .collect::<Vec<_>>();
    let shown = rows.len() as i64;
    let f = filter.unwrap_or_default();
    Ok(ListPage {
        page: Page::new(lang, lang.tr().nav_stakeholders, &uri),
        q: q.q.clone().unwrap_or_default(),
        levels: options(&reference.levels, lang, &[f.level.as_deref().unwrap_or("")]),
        kinds: options(&reference.kinds, lang, &[f.kind.as_deref().unwrap_or("")]),
        sectors: options(&reference.sectors, lang, &[f.sector.as_deref().unwrap_or("")]),
        provinces: province_options(&reference, lang, f.province.as_deref()),
        key_only: f.key_only,
        include_archived: f.include_archived,
        errors,
        rows,
        total,
        first: if shown > 0 { offset + 1 } else { 0 },
        last: offset + shown,
        prev_url: (offset > 0).then(|| format!("/stakeholders?{}", with_offset(&q, (offset - PAGE_SIZE).max(0)))),
        next_url: (offset + shown < total).then(|| format!("/stakeholders?{}", with_offset(&q, offset + PAGE_SIZE))),
        export_query: with_offset(&q, 0),
    }
    .into_response())
}

pub struct LinkRow {
    pub id: i64,
    pub other_id: i64,
    pub other_name: String,
    pub link_type: String,
    pub strength: i64,
    pub formal: bool,
    pub period: String,
    /// Where the link came from, in words, and its source's page if it has one.
    pub provenance: String,
    pub provenance_url: Option<String>,
    pub confirmed: bool,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "stakeholders/show.html")]
struct ShowPage {
    page: Page,
    s: Stakeholder,
    level: String,
    kind: String,
    sectors: Vec<String>,
    territory: Vec<String>,
    outgoing: Vec<LinkRow>,
    incoming: Vec<LinkRow>,
    mutual: Vec<LinkRow>,
    ego_svg: String,
    ego_renderer: String,
    /// The name mixes lookalike letters of two scripts (a warning, not an error).
    mixed_scripts: bool,
    /// The latest changes of this stakeholder (its history panel).
    history: super::changes::History,
    /// The language its invitations go out in, said in words.
    survey_language: String,
    /// When it was created and last changed, as people read it.
    created: String,
    updated: String,
    /// The choices of that language: from its communes, or one of the tool's.
    language_options: Vec<super::Opt>,
}

fn link_row(l: &Link, from: i64, reference: &Reference, lang: Lang) -> LinkRow {
    let (other_id, other_name) = if l.data.source == from {
        (l.data.target, l.target_name.clone())
    } else {
        (l.data.source, l.source_name.clone())
    };
    let period = match (l.data.since, l.data.until) {
        (None, None) => String::new(),
        (s, u) => format!("{} → {}", s.map(format_date).unwrap_or_default(), u.map(format_date).unwrap_or_default()),
    };
    let (provenance, provenance_url) = super::provenance(&l.provenance, lang);
    LinkRow {
        id: l.id,
        other_id,
        other_name,
        link_type: label_of(&reference.link_types, &l.data.link_type, lang),
        strength: l.data.strength.get(),
        formal: l.data.formal,
        period,
        provenance,
        provenance_url,
        confirmed: l.data.confirmed,
        note: l.data.note.clone().unwrap_or_default(),
    }
}

async fn show(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
) -> Result<Response, AppError> {
    let reference = inventory::reference(&state).await?;
    let s = inventory::stakeholder(&state, &actor, id).await?;
    let filter = store::links::Filter { stakeholder: Some(id), ..Default::default() };
    let links = inventory::links(&state, &actor, &filter).await?;
    let ego_query = crate::graph::model::FilterQuery { ego: Some(id.to_string()), ..Default::default() };
    let ego =
        crate::app::network::svg(&state, &actor, &ego_query, lang, crate::graph::render::Preference::Auto).await?;
    let rows = |pred: &dyn Fn(&Link) -> bool| {
        links.iter().filter(|l| pred(l)).map(|l| link_row(l, id, &reference, lang)).collect()
    };
    let history =
        super::changes::History::of(&state, &actor, lang, "stakeholder", id, &format!("/stakeholders/{id}")).await?;
    let (survey_lang, chosen) = inventory::language(&state, &s).await?;
    let t = lang.tr();
    let survey_language = format!(
        "{} ({})",
        survey_lang.native_name(),
        if chosen { t.survey_language_chosen } else { t.survey_language_auto }
    );
    let language_options = std::iter::once(super::Opt {
        value: String::new(),
        label: t.survey_language_auto.to_owned(),
        selected: !chosen,
    })
    .chain(Lang::all().map(|l| super::Opt {
        value: l.code().to_owned(),
        label: l.native_name().to_owned(),
        selected: chosen && l == survey_lang,
    }))
    .collect();
    Ok(ShowPage {
        created: crate::i18n::when(&s.created_at, lang),
        updated: crate::i18n::when(&s.updated_at, lang),
        survey_language,
        language_options,
        history,
        mixed_scripts: crate::domain::text::mixes_scripts(s.data.name.as_str()),
        page: Page::new(lang, s.display(), &uri),
        level: label_of(&reference.levels, &s.data.level, lang),
        kind: label_of(&reference.kinds, &s.data.kind, lang),
        sectors: s.data.sectors.iter().map(|c| label_of(&reference.sectors, c, lang)).collect(),
        territory: s
            .data
            .territory
            .iter()
            .map(|ins| reference.territory_by_ins(ins).map_or_else(|| ins.clone(), |t| t.label(lang)))
            .collect(),
        outgoing: rows(&|l| l.data.directed && l.data.source == id),
        incoming: rows(&|l| l.data.directed && l.data.target == id),
        mutual: rows(&|l| !l.data.directed),
        ego_svg: ego.svg.clone(),
        ego_renderer: ego.renderer.clone(),
        s,
    }
    .into_response())
}

/// The form as posted; repeated fields (sectors, territory, contact rows) arrive as lists.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StakeholderForm {
    name: String,
    acronym: String,
    kind: String,
    level: String,
    sectors: Vec<String>,
    /// The territories kept (checked boxes: INS codes).
    territory: Vec<String>,
    /// Territories typed in the picker's field, several separated by `;` (names or INS codes):
    /// how the form works without JavaScript.
    territory_add: String,
    description: String,
    website: String,
    email: String,
    phone: String,
    influence: String,
    interest: String,
    key: Option<String>,
    notes: String,
    contact_name: Vec<String>,
    contact_function: Vec<String>,
    contact_email: Vec<String>,
    contact_phone: Vec<String>,
    contact_legal_basis: Vec<String>,
}

impl StakeholderForm {
    fn into_draft(self) -> StakeholderDraft {
        let n = self
            .contact_name
            .len()
            .max(self.contact_email.len())
            .max(self.contact_function.len())
            .max(self.contact_phone.len());
        let at = |v: &Vec<String>, i: usize| v.get(i).cloned();
        let contacts = (0..n)
            .map(|i| ContactDraft {
                name: at(&self.contact_name, i),
                function: at(&self.contact_function, i),
                email: at(&self.contact_email, i),
                phone: at(&self.contact_phone, i),
                legal_basis: at(&self.contact_legal_basis, i),
            })
            .collect();
        StakeholderDraft {
            name: Some(self.name),
            acronym: Some(self.acronym),
            kind: Some(self.kind),
            level: Some(self.level),
            sectors: self.sectors,
            territory: self
                .territory
                .into_iter()
                .chain(
                    self.territory_add.split([';', '\n']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned),
                )
                .collect(),
            description: Some(self.description),
            website: Some(self.website),
            email: Some(self.email),
            phone: Some(self.phone),
            influence: Some(self.influence),
            interest: Some(self.interest),
            key: Some(if self.key.is_some() { "1" } else { "0" }.to_owned()),
            notes: Some(self.notes),
            contacts,
        }
    }
}

pub struct ContactRow {
    pub name: String,
    pub function: String,
    pub email: String,
    pub phone: String,
    pub legal_basis: String,
    pub index: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "stakeholders/form.html")]
struct FormPage {
    page: Page,
    action: String,
    cancel_url: String,
    d: FormValues,
    levels: Vec<Opt>,
    kinds: Vec<Opt>,
    sectors: Vec<Opt>,
    /// The territories chosen, kept as checked boxes (unchecking one removes it).
    chosen_territories: Vec<Opt>,
    /// What was typed in the picker and is no territory (shown back with its error).
    territory_typed: String,
    /// Every territory's unambiguous name, with its label, for the picker's suggestions.
    territory_names: Vec<TerritoryName>,
    contacts: Vec<ContactRow>,
    errors: FormErrors,
    /// The name typed mixes lookalike letters of two scripts (a warning, not an error).
    mixed_scripts: bool,
}

/// The draft's values as the form shows them.
struct FormValues {
    name: String,
    acronym: String,
    description: String,
    website: String,
    email: String,
    phone: String,
    influence: String,
    interest: String,
    key: bool,
    notes: String,
}

/// One suggestion of the territory picker.
pub struct TerritoryName {
    /// What the form takes back, whatever the level: "Province de Namur", "Arrondissement de
    /// Namur", "Commune de Namur" (a commune named like a province or an arrondissement),
    /// "Gembloux".
    value: String,
    /// Its label in the page's language.
    label: String,
    ins: String,
}

/// The picker's suggestions: Wallonia, the provinces, then each province's arrondissements and
/// communes.
fn territory_names(reference: &Reference, lang: Lang) -> Vec<TerritoryName> {
    use crate::domain::reference::TerritoryKind;
    let wider: std::collections::HashSet<&str> =
        reference.territories.iter().filter(|t| t.kind != TerritoryKind::Commune).map(|t| t.name()).collect();
    territory_groups(reference, lang, &[])
        .into_iter()
        .flat_map(|g| g.options)
        .filter_map(|o| {
            let t = reference.territory_by_ins(&o.value)?;
            let value = if t.kind == TerritoryKind::Commune && wider.contains(t.name()) {
                format!("Commune de {}", t.name())
            } else {
                t.display_name()
            };
            Some(TerritoryName { value, label: o.label, ins: o.value })
        })
        .collect()
}

fn form_page(
    lang: Lang,
    uri: &Uri,
    reference: &Reference,
    existing: Option<i64>,
    draft: &StakeholderDraft,
    errors: FormErrors,
) -> FormPage {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let level = reference.level(draft.level.as_deref().unwrap_or("")).map(|i| i.code.clone()).unwrap_or_default();
    let kind = reference.kind(draft.kind.as_deref().unwrap_or("")).map(|i| i.code.clone()).unwrap_or_default();
    let sectors: Vec<String> =
        draft.sectors.iter().filter_map(|s| reference.sector(s).ok().map(|i| i.code.clone())).collect();
    let mut chosen_territories: Vec<Opt> = Vec::new();
    let mut typed: Vec<&str> = Vec::new();
    for raw in &draft.territory {
        match reference.territory(raw, Some(level.as_str())) {
            Ok(t) if !chosen_territories.iter().any(|o| o.value == t.ins_code) => {
                chosen_territories.push(Opt { value: t.ins_code.clone(), label: t.label(lang), selected: true })
            }
            Ok(_) => {}
            Err(_) => typed.push(raw.as_str()),
        }
    }
    // Rows keep their position in the draft, which is what field errors refer to.
    let mut contacts: Vec<ContactRow> = draft
        .contacts
        .iter()
        .enumerate()
        .map(|(index, c)| ContactRow {
            name: text(&c.name),
            function: text(&c.function),
            email: text(&c.email),
            phone: text(&c.phone),
            legal_basis: text(&c.legal_basis),
            index,
        })
        .collect();
    let blank =
        contacts.iter().filter(|c| (c.name.clone() + &c.function + &c.email + &c.phone).trim().is_empty()).count();
    for _ in blank..2 {
        let index = contacts.len();
        contacts.push(ContactRow {
            name: String::new(),
            function: String::new(),
            email: String::new(),
            phone: String::new(),
            legal_basis: String::new(),
            index,
        });
    }
    let t = lang.tr();
    FormPage {
        mixed_scripts: draft.name.as_deref().is_some_and(crate::domain::text::mixes_scripts),
        page: Page::new(lang, if existing.is_some() { t.edit_stakeholder } else { t.new_stakeholder }, uri),
        action: existing.map_or_else(|| "/stakeholders".to_owned(), |id| format!("/stakeholders/{id}/edit")),
        cancel_url: existing.map_or_else(|| "/stakeholders".to_owned(), |id| format!("/stakeholders/{id}")),
        d: FormValues {
            name: text(&draft.name),
            acronym: text(&draft.acronym),
            description: text(&draft.description),
            website: text(&draft.website),
            email: text(&draft.email),
            phone: text(&draft.phone),
            influence: text(&draft.influence),
            interest: text(&draft.interest),
            key: draft.key.as_deref().is_some_and(|k| crate::domain::values::flag(k).unwrap_or(false)),
            notes: text(&draft.notes),
        },
        levels: options(&reference.levels, lang, &[level.as_str()]),
        kinds: options(&reference.kinds, lang, &[kind.as_str()]),
        sectors: options(&reference.sectors, lang, &sectors.iter().map(String::as_str).collect::<Vec<_>>()),
        chosen_territories,
        territory_typed: typed.join("; "),
        territory_names: territory_names(reference, lang),
        contacts,
        errors,
    }
}

async fn new(State(state): State<AppState>, lang: Lang, uri: Uri) -> Result<Response, AppError> {
    let reference = inventory::reference(&state).await?;
    Ok(form_page(lang, &uri, &reference, None, &StakeholderDraft::default(), FormErrors::default()).into_response())
}

async fn edit(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
) -> Result<Response, AppError> {
    let reference = inventory::reference(&state).await?;
    let s = inventory::stakeholder(&state, &actor, id).await?;
    Ok(form_page(lang, &uri, &reference, Some(id), &StakeholderDraft::from(&s.data), FormErrors::default())
        .into_response())
}

async fn save(
    state: AppState,
    actor: &Actor,
    lang: Lang,
    uri: Uri,
    id: Option<i64>,
    form: StakeholderForm,
) -> Result<Response, AppError> {
    if let Some(id) = id {
        inventory::stakeholder(&state, actor, id).await?;
    }
    let draft = form.into_draft();
    let errors = match inventory::save_stakeholder(&state, actor, id, &draft).await {
        Ok(s) => return Ok(Redirect::to(&format!("/stakeholders/{}", s.id)).into_response()),
        Err(AppError::Validation(errors)) => FormErrors::new(&errors, lang),
        Err(AppError::Conflict { field, message }) => FormErrors::conflict(field, crate::i18n::say(lang, &message)),
        Err(e) => return Err(e),
    };
    let reference = inventory::reference(&state).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, form_page(lang, &uri, &reference, id, &draft, errors)).into_response())
}

async fn create(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Form(form): Form<StakeholderForm>,
) -> Result<Response, AppError> {
    save(state, &actor, lang, uri, None, form).await
}

async fn update(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
    Form(form): Form<StakeholderForm>,
) -> Result<Response, AppError> {
    save(state, &actor, lang, uri, Some(id), form).await
}

#[derive(Deserialize)]
struct LanguageForm {
    #[serde(default)]
    lang: String,
}

/// `POST /stakeholders/{id}/language`: the language its invitations go out in (empty: from
/// its communes).
async fn set_language(
    State(state): State<AppState>,
    actor: Actor,
    Id(id): Id,
    Form(f): Form<LanguageForm>,
) -> Result<Redirect, AppError> {
    let lang = match f.lang.trim() {
        "" => None,
        code => Some(Lang::parse(code).ok_or_else(|| AppError::BadRequest(format!("unknown language {code:?}")))?),
    };
    inventory::set_language(&state, &actor, id, lang).await?;
    Ok(Redirect::to(&format!("/stakeholders/{id}")))
}

async fn archive(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Redirect, AppError> {
    inventory::set_archived(&state, &actor, id, true).await?;
    Ok(Redirect::to(&format!("/stakeholders/{id}")))
}

async fn restore(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Redirect, AppError> {
    inventory::set_archived(&state, &actor, id, false).await?;
    Ok(Redirect::to(&format!("/stakeholders/{id}")))
}
