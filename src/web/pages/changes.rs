//! `/changes`: the change log (who changed what, when, values before and after), filtered and
//! paged, with the revert of a change or of a whole operation; and a record's history panel,
//! shown on the record's own page.

use super::Page;
use crate::app::audit::{self, Feed, PAGE};
use crate::app::{Action, Actor, AppError, AppState};
use crate::i18n::{Lang, change_action, field_label, record_kind, when};
use crate::store::audit::Change;
use crate::web::api::changes::ListQuery;
use crate::web::extract::Id;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{Method, Uri};
use axum::response::Redirect;
use axum::routing::{get, post};
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use serde_json::Value;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/changes", Action::Read, Kind::Page, get(list)),
        Route::new(Method::POST, "/changes/{id}/revert", Action::Edit, Kind::Page, post(revert)),
        Route::new(Method::POST, "/operations/{id}/revert", Action::Edit, Kind::Page, post(revert_operation)),
    ]
}

/// One field of a change: its name in words, its values before and after.
pub struct FieldRow {
    pub label: String,
    pub before: String,
    pub after: String,
}

/// A change as the log and the history panel show it.
pub struct ChangeView {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub kind: String,
    pub record: String,
    pub record_url: Option<String>,
    pub action: String,
    pub detail: Option<String>,
    pub fields: Vec<FieldRow>,
    pub operation: Option<i64>,
    /// Changes in the same operation (an import, a survey response): more than one offers
    /// the revert of them all.
    pub operation_size: i64,
    /// "reverts change #12" / "reverts operation #4", in words.
    pub reverts: Option<String>,
}

/// A value of a record's field in words: lists of rows as their values, long texts cut.
fn shown(value: Option<&Value>) -> String {
    fn scalar(v: &Value) -> Option<String> {
        match v {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }
    let text = match value {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::Array(rows)) if rows.is_empty() => "—".to_owned(),
        Some(Value::Array(rows)) => rows
            .iter()
            .map(|row| match row {
                Value::Object(m) => m
                    .iter()
                    .filter(|(k, _)| !matches!(k.as_str(), "position" | "id" | "invitation_id" | "campaign_id"))
                    .filter_map(|(_, v)| scalar(v))
                    .collect::<Vec<_>>()
                    .join(" · "),
                other => scalar(other).unwrap_or_default(),
            })
            .collect::<Vec<_>>()
            .join(" ; "),
        Some(v) => scalar(v).unwrap_or_else(|| "—".to_owned()),
    };
    const LONGEST: usize = 300;
    match text.char_indices().nth(LONGEST) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn record_url(c: &Change) -> Option<String> {
    let values = c.after.as_ref().or(c.before.as_ref());
    match c.entity.as_str() {
        "stakeholder" => Some(format!("/stakeholders/{}", c.entity_id)),
        "link" => Some(format!("/links/{}", c.entity_id)),
        "body" => Some(format!("/bodies/{}", c.entity_id)),
        "meeting" if c.after.is_some() => Some(format!("/meetings/{}", c.entity_id)),
        "campaign" => Some(format!("/campaigns/{}", c.entity_id)),
        "response" | "proposal" | "correction" => {
            values.and_then(|v| v.get("campaign_id")).and_then(Value::as_i64).map(|id| format!("/campaigns/{id}"))
        }
        "phase" => Some("/phases".to_owned()),
        "reference" => c.detail.as_deref().and_then(|d| d.split_once(':')).map(|(table, code)| match table {
            // A merged commune has no page of its own any more: the list shows it.
            "territory" if c.action == "merged" => "/admin/territories".to_owned(),
            "territory" => format!("/admin/territories/{code}"),
            _ => format!("/admin/reference/{table}?code={code}"),
        }),
        "snapshot" if c.after.is_some() => Some("/snapshots".to_owned()),
        _ => None,
    }
}

/// A record's history panel: its latest changes, how many there are, the log filtered on it.
pub struct History {
    pub changes: Vec<ChangeView>,
    pub total: i64,
    pub url: String,
    /// The record's page, where a revert comes back to.
    pub here: String,
}

/// Changes shown in a record's history panel; the change log has them all.
const HISTORY_SHOWN: i64 = 5;

impl History {
    pub async fn of(
        state: &AppState,
        actor: &Actor,
        lang: Lang,
        kind: &str,
        id: i64,
        here: &str,
    ) -> Result<History, AppError> {
        let feed = audit::history(state, actor, kind, id, HISTORY_SHOWN).await?;
        Ok(History {
            changes: views(&feed, lang),
            total: feed.total,
            url: format!("/changes?kind={kind}&record={id}"),
            here: here.to_owned(),
        })
    }
}

/// The changes of a feed as pages show them.
pub fn views(feed: &Feed, lang: Lang) -> Vec<ChangeView> {
    let t = &lang.tr().audit;
    feed.changes
        .iter()
        .map(|c| {
            let fields = c
                .fields()
                .into_iter()
                .map(|f| FieldRow {
                    label: field_label(&f, lang),
                    before: shown(c.before.as_ref().and_then(|v| v.get(&f))),
                    after: shown(c.after.as_ref().and_then(|v| v.get(&f))),
                })
                .collect();
            let who = match c.actor.as_deref() {
                Some("cli") => t.command_line.to_owned(),
                Some(a) if a.starts_with("invitation:") => {
                    format!("{} {}", t.respondent, feed.actors.get(a).cloned().unwrap_or_default())
                }
                Some(a) => feed.actors.get(a).cloned().unwrap_or_else(|| a.to_owned()),
                None => "—".to_owned(),
            };
            let reverts = match (c.reverts_change, c.reverts_operation) {
                (Some(id), _) => Some(format!("{} #{id}", t.reverts)),
                (_, Some(id)) => Some(format!("{} #{id}", t.reverts_operation)),
                _ => None,
            };
            ChangeView {
                id: c.id,
                at: when(&c.at, lang),
                who,
                kind: record_kind(&c.entity, lang),
                // A reference record is named by its table and code (its number is a hash).
                record: match (c.label(), c.entity.as_str(), &c.detail) {
                    (Some(l), "reference", Some(d)) => format!("{l} ({d})"),
                    (l, _, _) => l.map_or_else(|| format!("#{}", c.entity_id), |l| format!("{l} (#{})", c.entity_id)),
                },
                record_url: record_url(c),
                action: change_action(&c.action, lang),
                // Where the change came from (a survey answer, an import), in words.
                detail: c
                    .detail
                    .as_deref()
                    .filter(|d| !d.starts_with("revert:") && c.entity != "reference")
                    .map(|d| crate::i18n::provenance(d, lang)),
                fields,
                operation: c.operation,
                operation_size: c.operation.and_then(|o| feed.sizes.get(&o).copied()).unwrap_or(1),
                reverts,
            }
        })
        .collect()
}

pub struct KindOption {
    code: &'static str,
    label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "changes/list.html")]
struct ListPage {
    page: Page,
    q: ListQuery,
    kinds: Vec<KindOption>,
    changes: Vec<ChangeView>,
    total: i64,
    page_number: i64,
    previous: Option<String>,
    next: Option<String>,
    redacted: bool,
    here: String,
}

async fn list(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<ListQuery>,
) -> Result<ListPage, AppError> {
    let filter = q.filter()?;
    let feed = audit::feed(&state, &actor, &filter).await?;
    let page_number = filter.offset / PAGE + 1;
    let link_to = |n: i64| {
        let mut pairs: Vec<(&str, String)> = [
            ("kind", &q.kind),
            ("record", &q.record),
            ("who", &q.who),
            ("operation", &q.operation),
            ("from", &q.from),
            ("to", &q.to),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.clone()))
        .collect();
        pairs.push(("page", n.to_string()));
        format!("/changes?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
    };
    let kinds = crate::store::audit::ENTITIES
        .iter()
        .map(|e| e.name)
        .chain(crate::store::audit::RECORDED_ONLY.iter().copied())
        .map(|code| KindOption { code, label: record_kind(code, lang) })
        .collect();
    Ok(ListPage {
        page: Page::new(lang, lang.tr().audit.title, &uri),
        changes: views(&feed, lang),
        total: feed.total,
        previous: (page_number > 1).then(|| link_to(page_number - 1)),
        next: (page_number * PAGE < feed.total).then(|| link_to(page_number + 1)),
        page_number,
        kinds,
        q,
        redacted: !actor.sees_personal(),
        here: uri.path_and_query().map_or("/changes".to_owned(), |p| p.to_string()),
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RevertForm {
    back: String,
}

async fn revert(
    State(state): State<AppState>,
    actor: Actor,
    Id(id): Id,
    Form(f): Form<RevertForm>,
) -> Result<Redirect, AppError> {
    audit::revert_change(&state, &actor, id).await?;
    Ok(Redirect::to(&super::back_to(&f.back, "/changes")))
}

async fn revert_operation(
    State(state): State<AppState>,
    actor: Actor,
    Id(id): Id,
    Form(f): Form<RevertForm>,
) -> Result<Redirect, AppError> {
    audit::revert_operation(&state, &actor, id).await?;
    Ok(Redirect::to(&super::back_to(&f.back, "/changes")))
}
