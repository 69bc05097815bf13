//! The audit trail as users see it: a record's history, the feed of every change, and
//! reverting a change or a whole operation (an import, a survey submission).

use super::{Action, Actor, AppError, AppState, Work};
use crate::store;
use crate::store::audit::Reverts;
pub use crate::store::audit::{Change, Filter};
use std::collections::HashMap;

/// Changes per page of the feed.
pub const PAGE: i64 = 50;

/// A page of changes, with who made them in words.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Feed {
    pub changes: Vec<Change>,
    pub total: i64,
    /// `user:3` → its e-mail (for roles that see personal data) or `#3`; `token:2` → its name.
    pub actors: HashMap<String, String>,
    /// How many changes each operation of the page made.
    pub sizes: HashMap<i64, i64>,
}

/// What a party may do to a kind of record, for reverting its changes.
fn action_for(entity: &str) -> Action {
    match entity {
        "user" | "token" => Action::ManageUsers,
        "campaign" | "response" | "proposal" | "correction" => Action::RunCampaigns,
        _ => Action::Edit,
    }
}

/// The changes matching `filter`, newest first; personal values redacted for parties that may
/// not see them.
pub async fn feed(state: &AppState, actor: &Actor, filter: &Filter) -> Result<Feed, AppError> {
    actor.require(Action::Read)?;
    if let Some(e) = &filter.entity
        && store::audit::entity(e).is_none()
        && !store::audit::RECORDED_ONLY.contains(&e.as_str())
    {
        return Err(AppError::BadRequest(format!("unknown kind of record {e:?}")));
    }
    let mut conn = state.db.pool.acquire().await?;
    let total = store::audit::count(&mut conn, filter).await?;
    let mut changes = store::audit::list(&mut conn, filter).await?;
    if !actor.sees_personal() {
        for c in &mut changes {
            for values in [c.before.as_mut(), c.after.as_mut()].into_iter().flatten() {
                store::audit::redact(&c.entity, values);
            }
        }
    }
    let actors = actor_names(&mut conn, actor, &changes).await?;
    let operations: Vec<i64> = changes.iter().filter_map(|c| c.operation).collect();
    let sizes = store::audit::operation_sizes(&mut conn, &operations).await?;
    Ok(Feed { changes, total, actors, sizes })
}

/// One record's latest `limit` changes, newest first (with how many there are in all).
pub async fn history(state: &AppState, actor: &Actor, entity: &str, id: i64, limit: i64) -> Result<Feed, AppError> {
    feed(state, actor, &Filter { entity: Some(entity.to_owned()), entity_id: Some(id), limit, ..Default::default() })
        .await
}

async fn actor_names(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    changes: &[Change],
) -> Result<HashMap<String, String>, AppError> {
    let mut out = HashMap::new();
    let users = if actor.sees_personal() { store::accounts::users(conn).await? } else { Vec::new() };
    let tokens = if actor.may(Action::ManageUsers) { store::accounts::tokens(conn).await? } else { Vec::new() };
    for c in changes {
        let Some(name) = &c.actor else { continue };
        if out.contains_key(name) {
            continue;
        }
        let shown = match name.split_once(':') {
            Some(("user", id)) => {
                users.iter().find(|u| u.id.to_string() == id).map(|u| u.email.clone()).unwrap_or(format!("#{id}"))
            }
            Some(("token", id)) => tokens
                .iter()
                .find(|t| t.id.to_string() == id)
                .map(|t| format!("{} (API)", t.name))
                .unwrap_or(format!("API #{id}")),
            Some(("invitation", id)) => format!("#{id}"),
            _ => name.clone(),
        };
        out.insert(name.clone(), shown);
    }
    Ok(out)
}

/// Reverts one change; returns the operation that did it.
pub async fn revert_change(state: &AppState, actor: &Actor, id: i64) -> Result<(), AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor, "audit.revert_change").await?;
    let change = store::audit::get(&mut work, id).await?.ok_or(AppError::NotFound)?;
    actor.require(action_for(&change.entity))?;
    store::audit::check_revert(&mut work, std::slice::from_ref(&change)).await?;
    store::audit::revert(&mut work, &change).await?;
    work.reverting(Reverts { change: Some(id), operation: None });
    work.commit().await?;
    Ok(())
}

/// Reverts every change of an operation, last first, or none of them when one cannot be.
pub async fn revert_operation(state: &AppState, actor: &Actor, id: i64) -> Result<usize, AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor, "audit.revert_operation").await?;
    let changes = store::audit::operation(&mut work, id).await?;
    if changes.is_empty() {
        return Err(AppError::NotFound);
    }
    for c in &changes {
        actor.require(action_for(&c.entity))?;
    }
    store::audit::check_revert(&mut work, &changes).await?;
    for c in changes.iter().rev() {
        store::audit::revert(&mut work, c).await?;
    }
    work.reverting(Reverts { change: None, operation: Some(id) });
    work.commit().await?;
    Ok(changes.len())
}
