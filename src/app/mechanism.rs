//! The coordination mechanism's use cases: bodies and their members, meetings with their
//! attendance and action items. Read by every signed-in role (contact persons who came to a
//! meeting only by those who see personal data), changed by editors.

use super::{Action, Actor, AppError, AppState, Work};
use crate::domain::mechanism::{ActionItem, Body, BodyDraft, Meeting, MeetingContext, MeetingDraft};
use crate::domain::problem::{FieldError, Problem, RefTable};
use crate::domain::stakeholder::NameIndex;
use crate::domain::text::key;
use crate::store;

pub async fn bodies(state: &AppState, actor: &Actor, include_archived: bool) -> Result<Vec<Body>, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::mechanism::bodies(&mut conn, include_archived).await?)
}

pub async fn body(state: &AppState, actor: &Actor, id: i64) -> Result<Body, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    store::mechanism::body(&mut conn, id).await?.ok_or(AppError::NotFound)
}

/// Creates (`id` None) or replaces a body with its members. Returns it as stored.
pub async fn save_body(state: &AppState, actor: &Actor, id: Option<i64>, draft: &BodyDraft) -> Result<Body, AppError> {
    actor.require(Action::Edit)?;
    let today = state.clock.now().date();
    let mut work = Work::begin(state, actor).await?;
    let reference = store::reference::load(&mut work).await?;
    let index = NameIndex::new(store::stakeholders::keys(&mut work).await?);
    let data = draft.parse(&reference, |s| index.resolve(s), today).map_err(AppError::Validation)?;
    let id = match id {
        Some(id) => {
            store::mechanism::update_body(&mut work, id, &data).await?;
            id
        }
        None => store::mechanism::create_body(&mut work, &data).await?,
    };
    let stored = store::mechanism::body(&mut work, id).await?.ok_or(AppError::NotFound)?;
    work.commit().await?;
    Ok(stored)
}

pub async fn set_body_archived(state: &AppState, actor: &Actor, id: i64, archived: bool) -> Result<(), AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor).await?;
    store::mechanism::set_body_archived(&mut work, id, archived).await?;
    work.commit().await
}

fn shown_to(actor: &Actor, m: Meeting) -> Meeting {
    if actor.sees_personal() { m } else { m.without_personal_data() }
}

pub async fn meetings(state: &AppState, actor: &Actor) -> Result<Vec<Meeting>, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::mechanism::meetings(&mut conn).await?.into_iter().map(|m| shown_to(actor, m)).collect())
}

pub async fn meeting(state: &AppState, actor: &Actor, id: i64) -> Result<Meeting, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    let m = store::mechanism::meeting(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    Ok(shown_to(actor, m))
}

/// Creates (`id` None) or replaces a meeting with its attendance and action items. A meeting
/// without a phase is put in the phase whose planned dates hold its day.
pub async fn save_meeting(
    state: &AppState,
    actor: &Actor,
    id: Option<i64>,
    draft: &MeetingDraft,
) -> Result<Meeting, AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor).await?;
    let index = NameIndex::new(store::stakeholders::keys(&mut work).await?);
    let bodies = store::mechanism::bodies(&mut work, true).await?;
    let phases = store::phases::list(&mut work).await?;
    let action_ids: Vec<i64> = match id {
        Some(id) => store::mechanism::meeting(&mut work, id)
            .await?
            .ok_or(AppError::NotFound)?
            .actions
            .iter()
            .map(|a| a.id)
            .collect(),
        None => Vec::new(),
    };
    let phase_codes: Vec<String> = phases.iter().map(|p| p.code.clone()).collect();
    let stakeholder = |s: &str| index.resolve(s);
    let body = |s: &str| {
        let wanted = key(s);
        let by_id = s.trim_start_matches('#').parse::<i64>().ok();
        bodies.iter().find(|b| Some(b.id) == by_id || key(&b.name) == wanted).map(|b| b.id).ok_or_else(|| {
            Problem::Unknown {
                what: RefTable::Body,
                value: s.to_owned(),
                expected: bodies.iter().map(|b| b.name.clone()).collect(),
            }
        })
    };
    let cx = MeetingContext { stakeholder: &stakeholder, body: &body, phases: &phase_codes, action_ids: &action_ids };
    let mut data = draft.parse(&cx).map_err(AppError::Validation)?;
    if data.phase.is_none() {
        data.phase = phases.iter().find(|p| p.is_current(data.held_on)).map(|p| p.code.clone());
    }
    let id = match id {
        Some(id) => {
            store::mechanism::update_meeting(&mut work, id, &data).await?;
            id
        }
        None => store::mechanism::create_meeting(&mut work, &data).await?,
    };
    let stored = store::mechanism::meeting(&mut work, id).await?.ok_or(AppError::NotFound)?;
    work.commit().await?;
    Ok(stored)
}

pub async fn delete_meeting(state: &AppState, actor: &Actor, id: i64) -> Result<(), AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor).await?;
    store::mechanism::delete_meeting(&mut work, id).await?;
    work.commit().await
}

/// Every action item of every meeting.
pub async fn action_items(state: &AppState, actor: &Actor) -> Result<Vec<ActionItem>, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::mechanism::action_items(&mut conn, None).await?)
}

/// Marks an action item open, done or dropped. Returns it as stored.
pub async fn set_action_status(state: &AppState, actor: &Actor, id: i64, status: &str) -> Result<ActionItem, AppError> {
    actor.require(Action::Edit)?;
    let status = status.trim();
    if !crate::domain::mechanism::ACTION_STATUSES.contains(&status) {
        return Err(AppError::Validation(vec![FieldError::new(
            "status",
            Problem::Unknown {
                what: RefTable::Choice,
                value: status.to_owned(),
                expected: crate::domain::mechanism::ACTION_STATUSES.iter().map(|s| (*s).to_owned()).collect(),
            },
        )]));
    }
    let mut work = Work::begin(state, actor).await?;
    store::mechanism::set_action_status(&mut work, id, status).await?;
    let stored = store::mechanism::action_item(&mut work, id).await?.ok_or(AppError::NotFound)?;
    work.commit().await?;
    Ok(stored)
}
