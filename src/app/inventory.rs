//! The inventory's use cases (stakeholders and links) for the API, the pages and the CLI:
//! check access, parse the input against the reference tables, write through the store in
//! one transaction signed by the actor, commit.

use super::{Action, Actor, AppError, AppState, Work};
use crate::domain::filter::{Criteria, RawCriteria, paging};
use crate::domain::link::{Link, LinkDraft};
use crate::domain::problem::{Collector, FieldError};
use crate::domain::reference::Reference;
use crate::domain::stakeholder::{NameIndex, Stakeholder, StakeholderDraft};
use crate::domain::text::given;
use crate::domain::values::flag;
use crate::i18n::Lang;
use crate::store;
use serde::Deserialize;

/// The reference tables (levels, kinds, sectors, link types, territories), shared by every
/// request and read again when an admin changed them (`reference::current`).
pub async fn reference(state: &AppState) -> Result<std::sync::Arc<Reference>, AppError> {
    super::reference::current(state).await
}

/// One stakeholder, without personal data for a role that may not see it.
pub async fn stakeholder(state: &AppState, actor: &Actor, id: i64) -> Result<Stakeholder, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    let s = store::stakeholders::get(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    Ok(shown_to(actor, s))
}

/// Stakeholders matching `filter`, without personal data for a role that may not see it.
pub async fn stakeholders(
    state: &AppState,
    actor: &Actor,
    filter: &store::stakeholders::Filter,
) -> Result<Vec<Stakeholder>, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    let list = store::stakeholders::list(&mut conn, &viewable(actor, filter)).await?;
    Ok(list.into_iter().map(|s| shown_to(actor, s)).collect())
}

/// A page of stakeholders and how many match in all.
pub async fn stakeholder_page(
    state: &AppState,
    actor: &Actor,
    filter: &store::stakeholders::Filter,
) -> Result<(Vec<Stakeholder>, i64), AppError> {
    actor.require(Action::Read)?;
    let filter = viewable(actor, filter);
    let mut conn = state.db.pool.acquire().await?;
    let list = store::stakeholders::list(&mut conn, &filter).await?;
    let total = store::stakeholders::count(&mut conn, &filter).await?;
    Ok((list.into_iter().map(|s| shown_to(actor, s)).collect(), total))
}

/// What `actor` may see of a stakeholder.
pub fn shown_to(actor: &Actor, mut s: Stakeholder) -> Stakeholder {
    if !actor.sees_personal() {
        s.data = s.data.without_personal_data();
    }
    s
}

/// A text search reaches personal fields (contacts, notes) only for roles that see them.
fn viewable(actor: &Actor, filter: &store::stakeholders::Filter) -> store::stakeholders::Filter {
    store::stakeholders::Filter { public_search: filter.public_search || !actor.sees_personal(), ..filter.clone() }
}

pub async fn link(state: &AppState, actor: &Actor, id: i64) -> Result<Link, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    store::links::get(&mut conn, id).await?.ok_or(AppError::NotFound)
}

pub async fn links(state: &AppState, actor: &Actor, filter: &store::links::Filter) -> Result<Vec<Link>, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::links::list(&mut conn, filter).await?)
}

/// The maintenance task that recomputed every search text when keys stopped folding the
/// marks of non-Latin letters.
const SCRIPTS_KEPT: &str = "keys: non-Latin letters kept";

/// Brings the stored matching keys up to date with `text::key` (it now ignores invisible
/// characters). Two records whose names are now the same key are possible duplicates: both
/// are kept as they are, and reported (returned, and in the log) for a coordinator to merge or
/// keep apart.
pub async fn refresh_keys(state: &AppState) -> Result<Vec<(i64, i64)>, AppError> {
    use crate::domain::text::key;
    let mut tx = state.db.begin_write().await?;
    let rows = store::stakeholders::key_sources(&mut tx).await?;
    let mut taken: std::collections::HashMap<String, i64> =
        rows.iter().map(|(id, _, _, name_key, _)| (name_key.clone(), *id)).collect();
    let mut collisions = Vec::new();
    for (id, name, acronym, name_key, acronym_key) in &rows {
        let (new_name, new_acronym) = (key(name), acronym.as_deref().map(key).filter(|k| !k.is_empty()));
        if new_name == *name_key && new_acronym == *acronym_key {
            continue;
        }
        let (name_key_now, duplicate_of) = match taken.get(&new_name) {
            Some(other) if other != id => {
                tracing::warn!(stakeholder = id, other, name = %name, "possible duplicate: same name but for invisible characters");
                collisions.push((*id, *other));
                (name_key.clone(), Some(*other))
            }
            _ => {
                taken.remove(name_key);
                taken.insert(new_name.clone(), *id);
                (new_name, None)
            }
        };
        store::stakeholders::set_keys(&mut tx, *id, &name_key_now, new_acronym.as_deref(), duplicate_of).await?;
    }
    // Search texts are keys too: those of records holding invisible characters are redone,
    // and once per database every one (keys of non-Latin scripts now keep their letters).
    let ids = if store::maintenance::done(&mut tx, SCRIPTS_KEPT).await? {
        let invisible: Vec<char> = ('\u{0}'..='\u{ffff}').filter(|&c| crate::domain::text::is_invisible(c)).collect();
        store::stakeholders::ids_with_search_chars(&mut tx, &invisible).await?
    } else {
        store::maintenance::record(&mut tx, SCRIPTS_KEPT).await?;
        rows.iter().map(|(id, ..)| *id).collect()
    };
    for chunk in ids.chunks(1_000) {
        for s in store::stakeholders::by_ids(&mut tx, chunk).await? {
            let text = s.data.search_text();
            store::stakeholders::set_search_text(&mut tx, s.id, &text).await?;
        }
    }
    tx.commit().await?;
    Ok(collisions)
}

/// Every stakeholder's id, name and acronym, to resolve what a person typed.
pub async fn name_keys(state: &AppState) -> Result<Vec<crate::domain::stakeholder::NameKeys>, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::stakeholders::keys(&mut conn).await?)
}

/// Creates (`id` None) or replaces a stakeholder; returns it as stored, read inside the
/// transaction (a read after the commit could fail and make a saved change look unsaved).
pub async fn save_stakeholder(
    state: &AppState,
    actor: &Actor,
    id: Option<i64>,
    draft: &StakeholderDraft,
) -> Result<Stakeholder, AppError> {
    actor.require(Action::Edit)?;
    let reference = reference(state).await?;
    let data = draft.parse(&reference).map_err(AppError::Validation)?;
    let mut work = Work::begin(state, actor, "inventory.save_stakeholder").await?;
    let id = match id {
        Some(id) => {
            store::stakeholders::update(&mut work, id, &data).await?;
            id
        }
        None => store::stakeholders::create(&mut work, &data).await?,
    };
    let stored = store::stakeholders::get(&mut work, id).await?.ok_or(AppError::NotFound)?;
    work.commit().await?;
    Ok(shown_to(actor, stored))
}

pub async fn set_archived(state: &AppState, actor: &Actor, id: i64, archived: bool) -> Result<(), AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor, "inventory.set_archived").await?;
    store::stakeholders::set_archived(&mut work, id, archived).await?;
    work.commit().await
}

/// Sets the language a stakeholder is invited in (`None`: from its communes).
pub async fn set_language(state: &AppState, actor: &Actor, id: i64, lang: Option<Lang>) -> Result<(), AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor, "inventory.set_language").await?;
    store::stakeholders::set_language(&mut work, id, lang.map(Lang::code)).await?;
    work.commit().await
}

/// The language a stakeholder (as `actor` read it) is invited in, and whether a coordinator
/// chose it.
pub async fn language(state: &AppState, s: &Stakeholder) -> Result<(Lang, bool), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let chosen = store::stakeholders::language(&mut conn, s.id).await?;
    let all: Vec<Lang> = Lang::all().collect();
    let lang = reference(state).await?.invitation_language(chosen.as_deref(), &s.data.territory, &all);
    Ok((lang, chosen.as_deref().and_then(Lang::parse).is_some()))
}

/// Creates (`id` None) or replaces a link. Links typed by a coordinator are confirmed
/// unless said otherwise.
pub async fn save_link(state: &AppState, actor: &Actor, id: Option<i64>, draft: &LinkDraft) -> Result<Link, AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor, "inventory.save_link").await?;
    let reference = store::reference::load(&mut work).await?;
    let index = NameIndex::new(store::stakeholders::keys(&mut work).await?);
    let data = draft.parse(&reference, |s| index.resolve(s), true).map_err(AppError::Validation)?;
    let current = match id {
        Some(id) => Some(store::links::get(&mut work, id).await?.ok_or(AppError::NotFound)?.provenance),
        None => None,
    };
    let provenance = match draft.provenance.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(p) => Some(
            crate::domain::values::provenance(p, current.as_deref())
                .map_err(|problem| AppError::Validation(vec![FieldError::new("provenance", problem)]))?,
        ),
        None => None,
    };
    let provenance = provenance.as_deref();
    let id = match id {
        Some(id) => {
            store::links::update(&mut work, id, &data, provenance).await?;
            id
        }
        None => store::links::create(&mut work, &data, provenance.unwrap_or("manual")).await?,
    };
    let stored = store::links::get(&mut work, id).await?.ok_or(AppError::NotFound)?;
    work.commit().await?;
    Ok(stored)
}

pub async fn archive_link(state: &AppState, actor: &Actor, id: i64) -> Result<(), AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor, "inventory.archive_link").await?;
    store::links::archive(&mut work, id).await?;
    work.commit().await
}

/// The stakeholder list filters as they arrive in a query string (API and page alike).
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Institutional level: code or label (`GET /api/reference`).
    pub level: Option<String>,
    /// Kind of actor: code or label.
    pub kind: Option<String>,
    /// Sector: code or label.
    pub sector: Option<String>,
    /// Province: INS code or name.
    pub province: Option<String>,
    /// Text in the name, acronym or description (accents and case ignored).
    pub q: Option<String>,
    /// `yes`: key stakeholders only.
    pub key: Option<String>,
    /// `yes`: archived stakeholders too.
    pub include_archived: Option<String>,
    /// Page size.
    pub limit: Option<String>,
    /// Records to skip.
    pub offset: Option<String>,
}

impl ListQuery {
    /// Resolves codes or labels; unknown values are field errors, not silently empty lists.
    /// `page_size` is the default and largest page (pages), None for no limit (API).
    pub fn to_filter(
        &self,
        reference: &Reference,
        page_size: Option<i64>,
    ) -> Result<store::stakeholders::Filter, Vec<FieldError>> {
        let mut e = Collector::default();
        let raw = RawCriteria {
            level: &self.level,
            kind: &self.kind,
            sector: &self.sector,
            province: &self.province,
            key: &self.key,
        };
        let Criteria { level, kind, sector, province, key_only } = raw.parse(reference, &mut e);
        let include_archived =
            given(&self.include_archived).and_then(|v| e.take("include_archived", flag(v))).unwrap_or(false);
        let (limit, offset) = paging(&self.limit, &self.offset, page_size, &mut e);
        if let Some(q) = given(&self.q) {
            e.take("q", crate::domain::values::short_text(Some(q), crate::domain::limits::SEARCH));
        }
        e.finish(|| store::stakeholders::Filter {
            id: None,
            ids: None,
            public_search: false,
            level,
            kind,
            sector,
            province,
            q: given(&self.q).map(str::to_owned),
            key_only,
            include_archived,
            limit,
            offset,
        })
    }
}
