//! The reference data's use cases: reading the catalogue (cached per server, refreshed when
//! it changes), and an admin's edits: a level, kind, sector or link type with its labels, a
//! territory's names and language, a merger of communes.

use super::{Action, Actor, AppError, AppState, Work};
use crate::domain::problem::RefTable;
use crate::domain::reference::Reference;
use crate::domain::reference_edit::{ItemDraft, MergerDraft, TerritoryDraft};
use crate::store;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the catalogue read is trusted before the database is asked whether another
/// process (the command line) changed it. This server's own edits are seen at once.
const RECHECK: Duration = Duration::from_secs(5);

struct Cached {
    revision: i64,
    /// When the revision was last compared; None once this server changed the data.
    checked: Option<Instant>,
    reference: Arc<Reference>,
}

/// The catalogue as last read, with the reference revision it was read at.
#[derive(Default)]
pub struct ReferenceCache {
    cached: Mutex<Option<Cached>>,
    /// One reader of the database at a time: a hundred requests arriving together on a
    /// fresh server wait for one read instead of making a hundred.
    reading: tokio::sync::Mutex<()>,
    /// Counts this server's edits: a read that began before one is not trusted after it.
    edits: std::sync::atomic::AtomicU64,
}

impl ReferenceCache {
    fn fresh(&self) -> Option<Arc<Reference>> {
        let cached = self.cached.lock().ok()?;
        cached.as_ref().filter(|c| c.checked.is_some_and(|at| at.elapsed() < RECHECK)).map(|c| c.reference.clone())
    }

    /// The catalogue known, its revision, and whether this server changed it since.
    fn any(&self) -> Option<(i64, Arc<Reference>, bool)> {
        let cached = self.cached.lock().ok()?;
        cached.as_ref().map(|c| (c.revision, c.reference.clone(), c.checked.is_none()))
    }

    fn edits(&self) -> u64 {
        self.edits.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Keeps what a read found; `edits` as counted when the read began (an edit since then
    /// leaves it to be checked again).
    fn keep(&self, revision: i64, reference: Arc<Reference>, edits: u64) {
        let checked = (edits == self.edits()).then(Instant::now);
        if let Ok(mut cached) = self.cached.lock() {
            *cached = Some(Cached { revision, checked, reference });
        }
    }

    /// Marks the catalogue as changed (after an edit): the next request reads it again,
    /// the ones arriving meanwhile keep the one they had.
    pub fn forget(&self) {
        self.edits.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut cached) = self.cached.lock()
            && let Some(c) = cached.as_mut()
        {
            c.checked = None;
        }
    }
}

/// The reference tables (levels, kinds, sectors, link types, territories), shared by every
/// request (cloning them costs more than a page's queries). Read again when an admin changed
/// them: at once in this server, within `RECHECK` when the command line did.
pub async fn current(state: &AppState) -> Result<Arc<Reference>, AppError> {
    if let Some(r) = state.reference.fresh() {
        return Ok(r);
    }
    // Another request is reading: use what is known, or wait for its read.
    let _reading = match (state.reference.reading.try_lock(), state.reference.any()) {
        (Ok(turn), _) => turn,
        (Err(_), Some((_, r, false))) => return Ok(r),
        (Err(_), _) => state.reference.reading.lock().await,
    };
    if let Some(r) = state.reference.fresh() {
        return Ok(r);
    }
    let edits = state.reference.edits();
    let known = state.reference.any();
    // A caller may hold the only connection (an in-memory database) in a transaction: then the
    // catalogue known is used rather than waiting for a connection that will not come (unless
    // this server changed it: then the change is read).
    let mut conn = match (state.db.pool.try_acquire(), &known) {
        (Some(conn), _) => conn,
        (None, Some((_, r, false))) => return Ok(r.clone()),
        (None, _) => state.db.pool.acquire().await?,
    };
    let revision = store::reference::revision(&mut conn).await?;
    if let Some((at, r, _)) = known
        && at == revision
    {
        state.reference.keep(revision, r.clone(), edits);
        return Ok(r);
    }
    let r = Arc::new(store::reference::load(&mut conn).await?);
    state.reference.keep(revision, r.clone(), edits);
    Ok(r)
}

/// The catalogue as an admin edits it, former communes included.
pub async fn catalogue(state: &AppState, actor: &Actor) -> Result<Arc<Reference>, AppError> {
    actor.require(Action::ManageReference)?;
    current(state).await
}

/// The item table named `code`, or a 404.
pub fn table(code: &str) -> Result<RefTable, AppError> {
    crate::domain::reference_edit::item_table(code).ok_or(AppError::NotFound)
}

/// Adds a level, kind, sector or link type, or changes its labels. Returns whether it is new.
pub async fn save_item(state: &AppState, actor: &Actor, table: RefTable, draft: &ItemDraft) -> Result<bool, AppError> {
    actor.require(Action::ManageReference)?;
    let item = draft.parse(table).map_err(AppError::Validation)?;
    let mut work = Work::begin(state, actor, "reference.save_item").await?;
    let created = store::reference::save_item(&mut work, table, &item).await?;
    work.commit().await?;
    state.reference.forget();
    Ok(created)
}

/// Changes a territory's names and language.
pub async fn save_territory(
    state: &AppState,
    actor: &Actor,
    ins: &str,
    draft: &TerritoryDraft,
) -> Result<(), AppError> {
    actor.require(Action::ManageReference)?;
    let mut work = Work::begin(state, actor, "reference.save_territory").await?;
    let reference = store::reference::load(&mut work).await?;
    let unit = reference.territory_by_ins(ins).ok_or(AppError::NotFound)?;
    let t = draft.parse(unit).map_err(AppError::Validation)?;
    store::reference::save_territory(&mut work, &t).await?;
    work.commit().await?;
    state.reference.forget();
    Ok(())
}

/// Merges communes into a new one (or into one of them), moving their stakeholders, bodies
/// and dismissed suggestions; all or nothing.
pub async fn merge(state: &AppState, actor: &Actor, draft: &MergerDraft) -> Result<store::reference::Merged, AppError> {
    actor.require(Action::ManageReference)?;
    let mut work = Work::begin(state, actor, "reference.merge").await?;
    let reference = store::reference::load(&mut work).await?;
    let merger = draft.parse(&reference).map_err(AppError::Validation)?;
    let moved = store::reference::merge(&mut work, &merger).await?;
    work.commit().await?;
    state.reference.forget();
    Ok(moved)
}
