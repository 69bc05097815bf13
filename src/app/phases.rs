//! The project's phases: read by every signed-in role, changed by editors.

use super::{Action, Actor, AppError, AppState, Work};
use crate::domain::phase::{Phase, PhaseDraft};
use crate::i18n::Lang;
use crate::store;

pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<Phase>, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::phases::list(&mut conn).await?)
}

pub async fn get(state: &AppState, actor: &Actor, id: i64) -> Result<Phase, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    store::phases::get(&mut conn, id).await?.ok_or(AppError::NotFound)
}

/// Changes a phase: the texts of `lang`, the dates and the status. Returns it as stored.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: i64,
    draft: &PhaseDraft,
    lang: Lang,
) -> Result<Phase, AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor, "phases.update").await?;
    let current = store::phases::get(&mut work, id).await?.ok_or(AppError::NotFound)?;
    let changed = draft.apply(&current, lang).map_err(AppError::Validation)?;
    let stored = store::phases::update(&mut work, changed).await?;
    work.commit().await?;
    Ok(stored)
}
