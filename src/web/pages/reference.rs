//! `/admin/reference` and `/admin/territories`: an admin edits the reference data (levels,
//! kinds, sectors, link types with their labels in each language; territories' names and
//! language) and merges communes.

use super::{FormErrors, Opt, Page};
use crate::app::{Action, Actor, AppError, AppState, reference};
use crate::domain::problem::RefTable;
use crate::domain::reference::{RefItem, Reference, Territory, TerritoryKind};
use crate::domain::reference_edit::{ITEM_TABLES, ItemDraft, MergerDraft, TerritoryDraft};
use crate::domain::text::key;
use crate::i18n::{Lang, Tr};
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::{Form, Query};
use std::collections::BTreeMap;

pub fn routes() -> Vec<Route> {
    use Action::ManageReference;
    vec![
        Route::new(Method::GET, "/admin/reference", ManageReference, Kind::Page, get(overview)),
        Route::new(Method::GET, "/admin/reference/{table}", ManageReference, Kind::Page, get(item_form)),
        Route::new(Method::POST, "/admin/reference/{table}", ManageReference, Kind::Page, post(save_item)),
        Route::new(Method::GET, "/admin/territories", ManageReference, Kind::Page, get(territories)),
        Route::new(Method::GET, "/admin/territories/{ins}", ManageReference, Kind::Page, get(territory_form)),
        Route::new(Method::POST, "/admin/territories/{ins}", ManageReference, Kind::Page, post(save_territory)),
        Route::new(Method::POST, "/admin/mergers", ManageReference, Kind::Page, post(merge)),
    ]
}

/// A language of the tool, as a column or a field.
pub struct Column {
    pub code: &'static str,
    pub name: &'static str,
}

fn columns() -> Vec<Column> {
    Lang::all().map(|l| Column { code: l.code(), name: l.native_name() }).collect()
}

fn table_title(t: &Tr, table: RefTable) -> &'static str {
    match table {
        RefTable::Level => t.refs.levels,
        RefTable::Kind => t.refs.kinds,
        RefTable::Sector => t.refs.sectors,
        _ => t.refs.link_types,
    }
}

fn unit_kind(t: &Tr, kind: TerritoryKind) -> &'static str {
    match kind {
        TerritoryKind::Region => t.refs.unit_region,
        TerritoryKind::Province => t.refs.unit_province,
        TerritoryKind::Arrondissement => t.refs.unit_arrondissement,
        TerritoryKind::Commune => t.refs.unit_commune,
    }
}

/// The texts of `labels` in each language, "—" where one is missing (that language reads the
/// French).
fn per_language(labels: &BTreeMap<String, String>) -> Vec<String> {
    Lang::all().map(|l| labels.get(l.code()).cloned().unwrap_or_else(|| "—".to_owned())).collect()
}

pub struct ItemRow {
    pub code: String,
    pub labels: Vec<String>,
    pub directed: Option<bool>,
}

pub struct Section {
    pub table: &'static str,
    pub title: &'static str,
    pub rows: Vec<ItemRow>,
    pub link_types: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "reference/overview.html")]
struct OverviewPage {
    page: Page,
    columns: Vec<Column>,
    sections: Vec<Section>,
    communes: usize,
    former: usize,
}

async fn overview(State(state): State<AppState>, actor: Actor, lang: Lang, uri: Uri) -> Result<OverviewPage, AppError> {
    let r = reference::catalogue(&state, &actor).await?;
    let t = lang.tr();
    let sections = ITEM_TABLES
        .into_iter()
        .map(|table| Section {
            table: table.code(),
            title: table_title(t, table),
            rows: r
                .items(table)
                .iter()
                .map(|i| ItemRow { code: i.code.clone(), labels: per_language(&i.labels), directed: i.directed })
                .collect(),
            link_types: table == RefTable::LinkType,
        })
        .collect();
    Ok(OverviewPage {
        page: Page::new(lang, t.refs.title, &uri),
        columns: columns(),
        sections,
        communes: r.territories.iter().filter(|u| u.kind == TerritoryKind::Commune).count(),
        former: r.former.len(),
    })
}

/// A text field for one language.
pub struct LangField {
    pub name: String,
    pub label: String,
    pub value: String,
    pub lang: &'static str,
}

fn lang_fields(prefix: &str, caption: &str, values: &BTreeMap<String, String>) -> Vec<LangField> {
    Lang::all()
        .map(|l| LangField {
            name: format!("{prefix}_{}", l.code()),
            label: format!("{caption} — {}", l.native_name()),
            value: values.get(l.code()).cloned().unwrap_or_default(),
            lang: l.code(),
        })
        .collect()
}

/// The per-language fields of a submitted form (`label_fr`, `name_de`, …) by language code.
fn by_language(form: &[(String, String)], prefix: &str) -> BTreeMap<String, String> {
    form.iter()
        .filter_map(|(k, v)| {
            k.strip_prefix(prefix).and_then(|rest| rest.strip_prefix('_')).map(|l| (l.to_owned(), v.clone()))
        })
        .collect()
}

fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter().find(|(k, _)| k == name).map_or("", |(_, v)| v.as_str())
}

#[derive(Template, WebTemplate)]
#[template(path = "reference/item.html")]
struct ItemPage {
    page: Page,
    table: &'static str,
    table_title: &'static str,
    existing: bool,
    code: String,
    fields: Vec<LangField>,
    link_type: bool,
    directed: bool,
    errors: FormErrors,
}

fn item_page(lang: Lang, uri: &Uri, table: RefTable, existing: bool, item: &RefItem, errors: FormErrors) -> ItemPage {
    let t = lang.tr();
    ItemPage {
        page: Page::new(lang, if existing { t.refs.edit_item } else { t.refs.new_item }, uri),
        table: table.code(),
        table_title: table_title(t, table),
        existing,
        code: item.code.clone(),
        fields: lang_fields("label", t.refs.label, &item.labels),
        link_type: table == RefTable::LinkType,
        directed: item.directed.unwrap_or(false),
        errors,
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct CodeQuery {
    code: String,
}

async fn item_form(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Path(table): Path<String>,
    Query(q): Query<CodeQuery>,
) -> Result<ItemPage, AppError> {
    let r = reference::catalogue(&state, &actor).await?;
    let table = reference::table(&table)?;
    let found = r.items(table).iter().find(|i| i.code == q.code);
    if !q.code.is_empty() && found.is_none() {
        return Err(AppError::NotFound);
    }
    let empty = RefItem { code: String::new(), labels: BTreeMap::new(), directed: None };
    Ok(item_page(lang, &uri, table, found.is_some(), found.unwrap_or(&empty), FormErrors::default()))
}

async fn save_item(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Path(table): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let table = reference::table(&table)?;
    let draft = ItemDraft {
        code: field(&form, "code").to_owned(),
        labels: by_language(&form, "label"),
        directed: field(&form, "directed") == "on",
    };
    let existing = field(&form, "existing") == "1";
    match reference::save_item(&state, &actor, table, &draft).await {
        Ok(_) => Ok(Redirect::to("/admin/reference").into_response()),
        Err(AppError::Validation(errors)) => {
            let item = RefItem { code: draft.code, labels: draft.labels, directed: Some(draft.directed) };
            let page = item_page(lang, &uri, table, existing, &item, FormErrors::new(&errors, lang));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

pub struct TerritoryRow {
    pub ins: String,
    pub kind: &'static str,
    pub names: Vec<String>,
    pub language: &'static str,
}

pub struct FormerRow {
    pub ins: String,
    pub name: String,
    pub into: String,
    pub on: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reference/territories.html")]
struct TerritoriesPage {
    page: Page,
    q: String,
    columns: Vec<Column>,
    rows: Vec<TerritoryRow>,
    former: Vec<FormerRow>,
    communes: String,
    into: String,
    on: String,
    names: Vec<LangField>,
    done: String,
    errors: FormErrors,
}

fn language_name(t: &Territory, tr: &Tr) -> &'static str {
    t.lang.as_deref().and_then(Lang::parse).map_or(tr.refs.language_french, Lang::native_name)
}

/// The territories page: units matching `q` (all when empty), the former communes, and the
/// merger form with what was typed.
fn territories_page(lang: Lang, uri: &Uri, r: &Reference, q: &str, form: &[(String, String)]) -> TerritoriesPage {
    let t = lang.tr();
    let wanted = key(q);
    let rows = r
        .territories
        .iter()
        .filter(|u| {
            wanted.is_empty() || u.ins_code.contains(q.trim()) || u.names.values().any(|n| key(n).contains(&wanted))
        })
        .map(|u| TerritoryRow {
            ins: u.ins_code.clone(),
            kind: unit_kind(t, u.kind),
            names: per_language(&u.names),
            language: language_name(u, t),
        })
        .collect();
    let former = r
        .former
        .iter()
        .map(|u| FormerRow {
            ins: u.ins_code.clone(),
            name: u.label(lang),
            into: r.successor(&u.ins_code).map(|s| format!("{} ({})", s.label(lang), s.ins_code)).unwrap_or_default(),
            on: u.merged_on.as_deref().map(|d| crate::i18n::long_date(d, lang)).unwrap_or_default(),
        })
        .collect();
    TerritoriesPage {
        page: Page::new(lang, t.refs.territories, uri),
        q: q.to_owned(),
        columns: columns(),
        rows,
        former,
        communes: field(form, "communes").to_owned(),
        into: field(form, "into").to_owned(),
        on: field(form, "on").to_owned(),
        names: lang_fields("name", t.refs.name, &by_language(form, "name")),
        done: String::new(),
        errors: FormErrors::default(),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct TerritoryQuery {
    q: String,
}

async fn territories(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<TerritoryQuery>,
) -> Result<TerritoriesPage, AppError> {
    let r = reference::catalogue(&state, &actor).await?;
    Ok(territories_page(lang, &uri, &r, &q.q, &[]))
}

async fn merge(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let draft = MergerDraft {
        communes: field(&form, "communes").split(['\n', ',', ';']).map(str::to_owned).collect(),
        into: field(&form, "into").to_owned(),
        names: by_language(&form, "name"),
        on: field(&form, "on").to_owned(),
    };
    match reference::merge(&state, &actor, &draft).await {
        Ok(moved) => {
            let r = reference::catalogue(&state, &actor).await?;
            let mut page = territories_page(lang, &uri, &r, "", &[]);
            page.done = crate::i18n::say(lang, &moved.to_message(lang));
            Ok(page.into_response())
        }
        Err(AppError::Validation(errors)) => {
            let r = reference::catalogue(&state, &actor).await?;
            let mut page = territories_page(lang, &uri, &r, "", &form);
            page.errors = FormErrors::new(&errors, lang);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "reference/territory.html")]
struct TerritoryPage {
    page: Page,
    ins: String,
    kind: &'static str,
    fields: Vec<LangField>,
    languages: Vec<Opt>,
    errors: FormErrors,
}

fn territory_page(lang: Lang, uri: &Uri, unit: &Territory, errors: FormErrors) -> TerritoryPage {
    let t = lang.tr();
    let chosen = unit.lang.as_deref().unwrap_or(Lang::FR.code());
    TerritoryPage {
        page: Page::new(lang, t.refs.edit_territory, uri),
        ins: unit.ins_code.clone(),
        kind: unit_kind(t, unit.kind),
        fields: lang_fields("name", t.refs.name, &unit.names),
        languages: Lang::all()
            .map(|l| Opt {
                value: l.code().to_owned(),
                label: if l == Lang::FR { t.refs.language_french.to_owned() } else { l.native_name().to_owned() },
                selected: l.code() == chosen,
            })
            .collect(),
        errors,
    }
}

async fn territory_form(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Path(ins): Path<String>,
) -> Result<TerritoryPage, AppError> {
    let r = reference::catalogue(&state, &actor).await?;
    let unit = r.territory_by_ins(&ins).ok_or(AppError::NotFound)?;
    Ok(territory_page(lang, &uri, unit, FormErrors::default()))
}

async fn save_territory(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Path(ins): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let draft = TerritoryDraft { names: by_language(&form, "name"), lang: Some(field(&form, "lang").to_owned()) };
    match reference::save_territory(&state, &actor, &ins, &draft).await {
        Ok(()) => Ok(Redirect::to("/admin/territories").into_response()),
        Err(AppError::Validation(errors)) => {
            let r = reference::catalogue(&state, &actor).await?;
            let unit = r.territory_by_ins(&ins).ok_or(AppError::NotFound)?;
            let typed = Territory { names: draft.names, lang: draft.lang, ..unit.clone() };
            let page = territory_page(lang, &uri, &typed, FormErrors::new(&errors, lang));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e),
    }
}
