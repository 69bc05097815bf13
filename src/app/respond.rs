//! A respondent's use cases, reached through a personal survey link: open the invitation,
//! save a draft, submit, read its own record, search the roster. The link's token is the
//! credential; it reaches its own invitation and nothing else.

use super::{Action, Actor, AppError, AppState, Work};
use crate::domain::reference::Reference;
use crate::domain::stakeholder::{Stakeholder, StakeholderDraft};
use crate::store;
use crate::store::responses::InvitationRow;
use crate::survey::answers::{Answers, entry_values};
use crate::survey::definition::Definition;
use crate::survey::derive;
use crate::survey::token::hash;

/// An invitation opened by its link, with its campaign and the answers saved so far.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: i64,
    pub campaign_id: i64,
    pub stakeholder_id: i64,
    pub campaign_title: String,
    pub definition: String,
    pub opens_on: String,
    pub closes_on: String,
    pub answers: Answers,
    pub submitted_at: Option<String>,
    /// The language the invitation was sent in: the page's, unless the respondent switched.
    pub lang: String,
}

impl From<InvitationRow> for Invitation {
    fn from(r: InvitationRow) -> Self {
        Invitation {
            id: r.id,
            campaign_id: r.campaign_id,
            stakeholder_id: r.stakeholder_id,
            campaign_title: r.campaign_title,
            definition: r.definition,
            opens_on: r.opens_on,
            closes_on: r.closes_on,
            answers: r.answers.as_deref().map(Answers::from_json).unwrap_or_default(),
            submitted_at: r.submitted_at,
            lang: r.lang,
        }
    }
}

use crate::domain::limits::TOKEN as MAX_TOKEN;

/// Parsed questionnaires keyed by their text. A campaign keeps its own copy of its
/// definition, never changed once open, so a respondent's page views and saves (a dozen per
/// questionnaire) parse it once instead of on every request.
#[derive(Default)]
pub struct Definitions(std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<Definition>>>);

/// Campaigns whose definitions are kept; beyond, the cache starts again.
const DEFINITIONS_KEPT: usize = 32;

/// The questionnaire of an opened invitation's campaign.
pub fn definition(state: &AppState, inv: &Invitation) -> Result<std::sync::Arc<Definition>, AppError> {
    let cache = &state.definitions.0;
    if let Some(def) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&inv.definition) {
        return Ok(def.clone());
    }
    let def = std::sync::Arc::new(crate::survey::definition::parse(&inv.definition).map_err(|e| {
        AppError::Internal(anyhow::anyhow!("campaign {} holds an invalid definition: {e:?}", inv.campaign_id))
    })?);
    let mut kept = cache.lock().unwrap_or_else(|e| e.into_inner());
    if kept.len() >= DEFINITIONS_KEPT {
        kept.clear();
    }
    kept.insert(inv.definition.clone(), def.clone());
    Ok(def)
}

/// The invitation behind a link's token, with the actor it makes; None for a token that
/// opens nothing (whatever the reason).
pub async fn open(state: &AppState, token: &str) -> Result<Option<(Actor, Invitation)>, AppError> {
    if token.len() > MAX_TOKEN {
        return Ok(None);
    }
    let mut conn = state.db.pool.acquire().await?;
    let inv = store::responses::invitation(&mut conn, &hash(token)).await?.map(Invitation::from);
    Ok(inv.map(|inv| (actor_of(&inv), inv)))
}

/// The party an opened invitation acts as.
pub fn actor_of(inv: &Invitation) -> Actor {
    Actor::Invitation { id: inv.id, campaign: inv.campaign_id, stakeholder: inv.stakeholder_id }
}

/// Refuses an actor that is not this invitation.
fn own(actor: &Actor, inv: &Invitation) -> Result<(), AppError> {
    actor.require(Action::Respond)?;
    match actor {
        Actor::Invitation { id, .. } if *id == inv.id => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

pub async fn save_draft(state: &AppState, actor: &Actor, inv: &Invitation, answers: &Answers) -> Result<(), AppError> {
    own(actor, inv)?;
    let json = answers.to_json();
    if json.len() > crate::domain::limits::DRAFT_BYTES {
        let problem = crate::domain::problem::Problem::TooLong { max: crate::domain::limits::DRAFT_BYTES };
        return Err(AppError::Validation(vec![crate::domain::problem::FieldError::new("answers", problem)]));
    }
    let mut tx = state.db.begin_write().await?;
    store::responses::save_draft(&mut tx, inv.id, &json).await?;
    tx.commit().await?;
    Ok(())
}

/// Submits in one transaction: the answers, what they declare (`survey::derive`), and the
/// links re-derived for every pair the invitation's ties touch, before or now. Two
/// organisations naming each other at the same moment can race to create the same link
/// (PostgreSQL: a unique violation or a deadlock in one of them); the loser simply runs again
/// and finds the link the other created.
pub async fn submit(
    state: &AppState,
    actor: &Actor,
    inv: &Invitation,
    def: &Definition,
    record: &StakeholderDraft,
) -> Result<(), AppError> {
    own(actor, inv)?;
    let reference = super::inventory::reference(state).await?;
    let directed = |t: &str| reference.link_type(t).ok().and_then(|i| i.directed).unwrap_or(false);
    let row =
        store::responses::Respondent { id: inv.id, campaign_id: inv.campaign_id, stakeholder_id: inv.stakeholder_id };
    let json = inv.answers.to_json();
    let current = entry_values(record);
    let mut attempt = 0;
    loop {
        attempt += 1;
        let mut work = Work::begin(state, actor, "respond.submit").await?;
        let result = async {
            let earlier = store::responses::earlier_proposals(&mut work, inv.id).await?;
            let declared = derive::declarations(def, &inv.answers, inv.stakeholder_id, &earlier, &current);
            let others = store::responses::record_submission(&mut work, &row, &json, &declared).await?;
            let (ties, links) = store::responses::pair_facts(&mut work, inv.stakeholder_id, &others).await?;
            let changes = derive::plan_links(&ties, &links, directed);
            store::responses::apply_link_changes(&mut work, &changes).await?;
            // The respondent confirmed its record as it is: its contact persons' data is
            // confirmed today (the retention period starts again).
            if inv.answers.0.values().any(|a| a.entry.as_ref().is_some_and(|e| e.confirmed == Some(true))) {
                store::stakeholders::confirm_contacts(&mut work, inv.stakeholder_id).await?;
            }
            Ok::<_, store::StoreError>(())
        }
        .await;
        let result = match result {
            Ok(()) => work.commit_store().await,
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => return Ok(()),
            Err(e) if attempt < 5 && store::responses::is_transient(&e) => {
                tracing::info!(invitation = inv.id, attempt, error = %e, "submission raced another one; retrying");
                tokio::time::sleep(std::time::Duration::from_millis(20 * attempt)).await;
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// The respondent's own record, as a draft to check or correct, with the reference tables.
pub async fn own_record(
    state: &AppState,
    actor: &Actor,
    inv: &Invitation,
) -> Result<(StakeholderDraft, std::sync::Arc<Reference>), AppError> {
    own(actor, inv)?;
    let reference = super::inventory::reference(state).await?;
    let mut conn = state.db.pool.acquire().await?;
    let s = store::stakeholders::get(&mut conn, inv.stakeholder_id).await?.ok_or(AppError::NotFound)?;
    Ok((StakeholderDraft::from(&s.data), reference))
}

/// The roster a respondent searches: names, acronyms, levels and territories of other
/// organisations, never their contacts or notes.
pub async fn roster(
    state: &AppState,
    actor: &Actor,
    inv: &Invitation,
    filter: &store::stakeholders::Filter,
) -> Result<Vec<Stakeholder>, AppError> {
    own(actor, inv)?;
    let filter = store::stakeholders::Filter { public_search: true, ..filter.clone() };
    let mut conn = state.db.pool.acquire().await?;
    let list = store::stakeholders::list(&mut conn, &filter).await?;
    Ok(list
        .into_iter()
        .filter(|s| s.id != inv.stakeholder_id)
        .map(|mut s| {
            s.data = s.data.without_personal_data();
            s
        })
        .collect())
}

/// The organisations the respondent's answers name (to show their names back), by id,
/// without personal data; one query.
pub async fn named(
    state: &AppState,
    actor: &Actor,
    inv: &Invitation,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Stakeholder>, AppError> {
    own(actor, inv)?;
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let mut conn = state.db.pool.acquire().await?;
    let list = store::stakeholders::by_ids(&mut conn, ids).await?;
    Ok(list
        .into_iter()
        .map(|mut s| {
            s.data = s.data.without_personal_data();
            (s.id, s)
        })
        .collect())
}
