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
    let mut work = Work::begin(state, actor, "mechanism.save_body").await?;
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
    let mut work = Work::begin(state, actor, "mechanism.set_body_archived").await?;
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
    let mut work = Work::begin(state, actor, "mechanism.save_meeting").await?;
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
    let mut work = Work::begin(state, actor, "mechanism.delete_meeting").await?;
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
    let mut work = Work::begin(state, actor, "mechanism.set_action_status").await?;
    store::mechanism::set_action_status(&mut work, id, status).await?;
    let stored = store::mechanism::action_item(&mut work, id).await?.ok_or(AppError::NotFound)?;
    work.commit().await?;
    Ok(stored)
}

/// The observed `meets` links: one per pair of organisations that attended at least
/// `min_shared` meetings together, strength the meetings shared on the 1–3 scale (3 for three
/// or more), since their first shared meeting, provenance `meeting:<id>,…`. They are derived,
/// not stored: their ids are negative and they change with the attendance.
pub async fn meets_links(
    conn: &mut sqlx::AnyConnection,
    min_shared: usize,
    names: &std::collections::HashMap<i64, &str>,
) -> Result<Vec<crate::domain::link::Link>, AppError> {
    use crate::domain::link::{Link, LinkData};
    use crate::domain::values::Strength;
    let attendance = store::mechanism::attendance(conn).await?;
    let days: std::collections::HashMap<i64, time::Date> = attendance.iter().map(|(m, d, _)| (*m, *d)).collect();
    let lists: Vec<(i64, Vec<i64>)> = attendance.into_iter().map(|(m, _, who)| (m, who)).collect();
    let pairs = crate::domain::mechanism::co_attendance(&lists, min_shared);
    Ok(pairs
        .into_iter()
        .enumerate()
        .filter_map(|(i, (a, b, meetings))| {
            let (source_name, target_name) = (names.get(&a)?, names.get(&b)?);
            let first = meetings.iter().filter_map(|m| days.get(m)).min().copied();
            let provenance = format!("meeting:{}", meetings.iter().map(i64::to_string).collect::<Vec<_>>().join(","));
            Some(Link {
                id: -(i as i64) - 1,
                data: LinkData {
                    source: a,
                    target: b,
                    link_type: "meets".to_owned(),
                    directed: false,
                    strength: Strength::trusted(meetings.len() as i64),
                    formal: false,
                    since: first,
                    until: None,
                    note: None,
                    confirmed: true,
                },
                provenance,
                archived: false,
                source_name: (*source_name).to_owned(),
                target_name: (*target_name).to_owned(),
                created_at: String::new(),
                updated_at: String::new(),
            })
        })
        .collect())
}

/// The designed mechanism confronted with the observed network (all stakeholders, every
/// observed link including shared meetings).
pub struct Review {
    pub bodies: Vec<Body>,
    pub findings: crate::analysis::mechanism::Findings,
    /// The observed network and its analysis.
    pub analysed: std::sync::Arc<super::network::Analysed>,
    /// The share of actors counted as central, in percent.
    pub central_percent: f64,
}

pub async fn review(state: &AppState, actor: &Actor, lang: crate::i18n::Lang) -> Result<Review, AppError> {
    actor.require(Action::Read)?;
    let today = state.clock.now().date();
    let analysed = super::network::analysis(state, actor, &crate::graph::model::FilterQuery::default(), lang).await?;
    let bodies = bodies(state, actor, false).await?;
    let held = held_by_body(&meetings(state, actor).await?, today);
    let facts: Vec<crate::analysis::mechanism::BodyFacts> = bodies
        .iter()
        .map(|b| crate::analysis::mechanism::BodyFacts {
            id: b.id,
            level: b.level.clone(),
            sectors: b.sectors.clone(),
            territory: b.territory.clone(),
            members: b.member_ids(),
            held: held.get(&b.id).copied().unwrap_or(0),
            expected: b.expected_meetings(today),
        })
        .collect();
    let share = state.settings.central_share();
    let findings = crate::analysis::mechanism::confront(&analysed.network, &analysed.analysis, &facts, share);
    Ok(Review { bodies, findings, analysed, central_percent: share * 100.0 })
}

/// How many meetings each body has held up to `today`.
pub fn held_by_body(meetings: &[Meeting], today: time::Date) -> std::collections::BTreeMap<i64, usize> {
    let mut held = std::collections::BTreeMap::new();
    for m in meetings.iter().filter(|m| m.held_on <= today) {
        if let Some(b) = m.body_id {
            *held.entry(b).or_default() += 1;
        }
    }
    held
}

/// Whom to add to `body`: the `k` actors who bring the most of the network within one step.
pub async fn reach_suggestions(
    state: &AppState,
    actor: &Actor,
    body: i64,
    k: usize,
    lang: crate::i18n::Lang,
) -> Result<(Body, Vec<crate::analysis::suggest::Reach>, std::sync::Arc<super::network::Analysed>), AppError> {
    let b = self::body(state, actor, body).await?;
    let analysed = super::network::analysis(state, actor, &crate::graph::model::FilterQuery::default(), lang).await?;
    let dismissed: std::collections::HashSet<i64> = {
        let mut conn = state.db.pool.acquire().await?;
        store::mechanism::dismissed_for_body(&mut conn, body).await?.into_iter().collect()
    };
    let list = crate::analysis::suggest::key_players(&analysed.network, &b.member_ids(), k.clamp(1, 50), &dismissed);
    Ok((b, list, analysed))
}

/// For each commune no actor of `sector` covers, the nearest actors of that sector.
pub async fn gap_suggestions(
    state: &AppState,
    actor: &Actor,
    sector: &str,
    lang: crate::i18n::Lang,
) -> Result<(Vec<(String, Vec<crate::analysis::suggest::Candidate>)>, std::sync::Arc<super::network::Analysed>), AppError>
{
    let analysed = super::network::analysis(state, actor, &crate::graph::model::FilterQuery::default(), lang).await?;
    let dismissed: std::collections::HashSet<(i64, String)> = {
        let mut conn = state.db.pool.acquire().await?;
        store::mechanism::dismissed_for_sector(&mut conn, sector).await?.into_iter().collect()
    };
    let list = crate::analysis::suggest::nearest_for_gaps(&analysed.network, sector, 3, &dismissed);
    Ok((list, analysed))
}

/// Accepts a suggestion: the stakeholder joins the body (as a member unless `role` says).
pub async fn add_member(
    state: &AppState,
    actor: &Actor,
    body: i64,
    stakeholder: i64,
    role: &str,
) -> Result<bool, AppError> {
    actor.require(Action::Edit)?;
    let role = if crate::domain::mechanism::MEMBER_ROLES.contains(&role) { role } else { "member" };
    let mut work = Work::begin(state, actor, "mechanism.add_member").await?;
    store::mechanism::body(&mut work, body).await?.ok_or(AppError::NotFound)?;
    store::stakeholders::get(&mut work, stakeholder).await?.ok_or(AppError::NotFound)?;
    let added = store::mechanism::add_member(&mut work, body, stakeholder, role).await?;
    work.commit().await?;
    Ok(added)
}

/// Dismisses a suggestion so that it is not made again: for a body (`commune` None), or for a
/// commune and sector.
pub async fn dismiss(
    state: &AppState,
    actor: &Actor,
    body: Option<i64>,
    stakeholder: i64,
    gap: Option<(&str, &str)>,
) -> Result<(), AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor, "mechanism.dismiss").await?;
    store::stakeholders::get(&mut work, stakeholder).await?.ok_or(AppError::NotFound)?;
    match (body, gap) {
        (_, Some((commune, sector))) => {
            store::mechanism::dismiss(&mut work, "gap", None, stakeholder, Some(commune), Some(sector)).await?
        }
        (Some(body), None) => {
            store::mechanism::dismiss(&mut work, "reach", Some(body), stakeholder, None, None).await?
        }
        (None, None) => return Err(AppError::BadRequest("a body, or a commune and a sector".into())),
    };
    work.commit().await
}
