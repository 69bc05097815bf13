//! CSV import and export of the inventory, for the import page, the CLI and the downloads.

use super::{Action, Actor, AppError, AppState, Work};
use crate::csvio::{self, Dialect, ImportReport};
use crate::store;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Stakeholders,
    Links,
}

/// Imports a whole file, all or nothing; `progress` hears (rows done, rows in all).
pub async fn import(
    state: &AppState,
    actor: &Actor,
    table: Table,
    bytes: &[u8],
    file_name: &str,
    progress: crate::csvio::Progress<'_>,
) -> Result<ImportReport, AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor, "transfer.import").await?;
    // Boxed: an import's future is large, and callers' stacks (test threads, debug builds)
    // are not.
    let report = match table {
        Table::Links => Box::pin(csvio::links::import(&mut work, bytes, file_name, progress)).await?,
        Table::Stakeholders => Box::pin(csvio::stakeholders::import(&mut work, bytes, progress)).await?,
    };
    work.commit().await?;
    Ok(report)
}

/// The stakeholders CSV; without personal columns' values for a role that may not see them.
pub async fn export_stakeholders(
    state: &AppState,
    actor: &Actor,
    filter: &store::stakeholders::Filter,
    dialect: Dialect,
) -> Result<Vec<u8>, AppError> {
    let reference = super::inventory::reference(state).await?;
    let list = super::inventory::stakeholders(state, actor, filter).await?;
    Ok(csvio::stakeholders::export(&list, &reference, dialect)?)
}

pub async fn export_links(state: &AppState, actor: &Actor, dialect: Dialect) -> Result<Vec<u8>, AppError> {
    let list = super::inventory::links(state, actor, &store::links::Filter::default()).await?;
    Ok(csvio::links::export(&list, dialect)?)
}
