//! The inventory's use cases shared by the JSON API and the pages: parse the input against
//! the reference tables, write through the store in one transaction, commit.

use super::AppState;
use super::error::AppError;
use crate::domain::link::{Link, LinkDraft};
use crate::domain::problem::{Collector, FieldError};
use crate::domain::reference::Reference;
use crate::domain::stakeholder::{NameIndex, Stakeholder, StakeholderDraft};
use crate::domain::text::given;
use crate::domain::values::{bounded_int, flag};
use crate::store;
use serde::Deserialize;

/// The reference tables (levels, kinds, sectors, link types, territories). They only change
/// with a migration, so they are read once per server and kept.
pub async fn reference(state: &AppState) -> Result<Reference, AppError> {
    let loaded = state
        .reference
        .get_or_try_init(|| async {
            let mut conn = state.db.pool.acquire().await?;
            store::reference::load(&mut conn).await.map(std::sync::Arc::new)
        })
        .await?;
    Ok(Reference::clone(loaded))
}

pub async fn stakeholder(state: &AppState, id: i64) -> Result<Stakeholder, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    store::stakeholders::get(&mut conn, id).await?.ok_or(AppError::NotFound)
}

pub async fn link(state: &AppState, id: i64) -> Result<Link, AppError> {
    let mut conn = state.db.pool.acquire().await?;
    store::links::get(&mut conn, id).await?.ok_or(AppError::NotFound)
}

/// Creates (`id` None) or replaces a stakeholder; returns its id.
pub async fn save_stakeholder(state: &AppState, id: Option<i64>, draft: &StakeholderDraft) -> Result<i64, AppError> {
    let reference = reference(state).await?;
    let data = draft.parse(&reference).map_err(AppError::Validation)?;
    let mut tx = state.db.pool.begin().await?;
    let id = match id {
        Some(id) => {
            store::stakeholders::update(&mut tx, id, &data).await?;
            id
        }
        None => store::stakeholders::create(&mut tx, &data).await?,
    };
    tx.commit().await?;
    Ok(id)
}

pub async fn set_archived(state: &AppState, id: i64, archived: bool) -> Result<(), AppError> {
    let mut tx = state.db.pool.begin().await?;
    store::stakeholders::set_archived(&mut tx, id, archived).await?;
    tx.commit().await?;
    Ok(())
}

/// Creates (`id` None) or replaces a link. Links typed by a coordinator are confirmed
/// unless said otherwise.
pub async fn save_link(state: &AppState, id: Option<i64>, draft: &LinkDraft) -> Result<i64, AppError> {
    let mut tx = state.db.pool.begin().await?;
    let reference = store::reference::load(&mut tx).await?;
    let index = NameIndex::new(store::stakeholders::keys(&mut tx).await?);
    let data = draft.parse(&reference, |s| index.resolve(s), true).map_err(AppError::Validation)?;
    let provenance = draft.provenance.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let id = match id {
        Some(id) => {
            store::links::update(&mut tx, id, &data, provenance).await?;
            id
        }
        None => store::links::create(&mut tx, &data, provenance.unwrap_or("manual")).await?,
    };
    tx.commit().await?;
    Ok(id)
}

pub async fn archive_link(state: &AppState, id: i64) -> Result<(), AppError> {
    let mut tx = state.db.pool.begin().await?;
    store::links::archive(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// The stakeholder list filters as they arrive in a query string (API and page alike).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub level: Option<String>,
    pub kind: Option<String>,
    pub sector: Option<String>,
    pub province: Option<String>,
    pub q: Option<String>,
    pub key: Option<String>,
    pub include_archived: Option<String>,
    pub limit: Option<String>,
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
        let level = given(&self.level).and_then(|v| e.take("level", reference.level(v).map(|i| i.code.clone())));
        let kind = given(&self.kind).and_then(|v| e.take("kind", reference.kind(v).map(|i| i.code.clone())));
        let sector = given(&self.sector).and_then(|v| e.take("sector", reference.sector(v).map(|i| i.code.clone())));
        let province =
            given(&self.province).and_then(|v| e.take("province", reference.province(v).map(|t| t.ins_code.clone())));
        let key_only = given(&self.key).and_then(|v| e.take("key", flag(v))).unwrap_or(false);
        let include_archived =
            given(&self.include_archived).and_then(|v| e.take("include_archived", flag(v))).unwrap_or(false);
        let max = page_size.unwrap_or(i64::MAX / 4);
        let limit = given(&self.limit).and_then(|v| e.take("limit", bounded_int(v, 1, max))).or(page_size);
        let offset = given(&self.offset).and_then(|v| e.take("offset", bounded_int(v, 0, i64::MAX / 4)));
        e.finish(|| store::stakeholders::Filter {
            id: None,
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
