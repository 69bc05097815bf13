//! Survey campaigns: opening one (`maillage survey open` and the web form), the personal
//! links, and a coordinator's decisions on proposals and corrections.

use super::inventory::ListQuery;
use super::{Action, Actor, AppError, AppState, Work};
use crate::domain::problem::{Collector, FieldError, Message, Problem};
use crate::domain::stakeholder::StakeholderDraft;
use crate::domain::values::{date, format_date};
use crate::i18n::Lang;
use crate::store;
use crate::store::responses::ProposalDecision;
use crate::survey::answers::set_entry_field;
use crate::survey::definition::{self, DefinitionError};
use crate::survey::token::Secret;

pub struct OpenRequest<'a> {
    /// The questionnaire's TOML text (kept by the campaign).
    pub definition: &'a str,
    pub title: &'a str,
    pub opens: &'a str,
    pub closes: &'a str,
    /// Who is invited: every active stakeholder matching these filters.
    pub invite: ListQuery,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("invalid questionnaire")]
    Definition(Vec<DefinitionError>),
    #[error("invalid field")]
    Fields(Vec<FieldError>),
    #[error("no stakeholder matches these filters: nobody to invite")]
    Nobody,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<sqlx::Error> for OpenError {
    fn from(e: sqlx::Error) -> Self {
        OpenError::App(e.into())
    }
}

impl From<store::StoreError> for OpenError {
    fn from(e: store::StoreError) -> Self {
        OpenError::App(e.into())
    }
}

impl OpenError {
    /// Every problem, one per line, in the user's language.
    pub fn describe(&self, lang: Lang, file: &str) -> Vec<String> {
        match self {
            OpenError::Definition(errors) => {
                errors.iter().map(|e| format!("{file}:{}: {}", e.line, e.message)).collect()
            }
            OpenError::Fields(errors) => {
                errors.iter().map(|e| format!("{}: {}", e.field, e.problem.message(lang))).collect()
            }
            OpenError::Nobody => vec![crate::i18n::text(lang, "campaign-nobody", &[])],
            OpenError::App(e) => vec![e.message(lang)],
        }
    }
}

pub struct Opened {
    pub id: i64,
    pub invited: usize,
    /// The questionnaire's id and version, as `consultation-2023 v1`.
    pub questionnaire: String,
}

/// Checks the request, then opens the campaign and its invitations in one transaction.
pub async fn open(state: &AppState, actor: &Actor, req: &OpenRequest<'_>) -> Result<Opened, OpenError> {
    actor.require(Action::RunCampaigns)?;
    let def = definition::parse(req.definition).map_err(OpenError::Definition)?;
    let mut e = Collector::default();
    let title = e
        .take("title", crate::domain::values::short_text(Some(req.title), crate::domain::limits::SHORT_TEXT))
        .flatten()
        .unwrap_or_default();
    if title.is_empty() && !e.0.iter().any(|f| f.field == "title") {
        e.take::<()>("title", Err(Problem::Required));
    }
    let title = title.as_str();
    let opens = e.take("opens", date(req.opens).map(format_date));
    let closes = e.take("closes", date(req.closes).map(format_date));
    if let (Some(o), Some(c)) = (&opens, &closes)
        && o > c
    {
        e.take::<()>("closes", Err(Problem::DateOrder));
    }
    let mut tx = Work::begin(state, actor, "campaigns.open").await?;
    let reference = store::reference::load(&mut tx).await?;
    let filter = match req.invite.to_filter(&reference, None) {
        Ok(f) => Some(f),
        Err(errors) => {
            for err in errors {
                e.take::<()>(&err.field, Err(err.problem));
            }
            None
        }
    };
    let (opens, closes, filter) = e.finish(|| (opens, closes, filter)).map_err(OpenError::Fields)?;
    let (Some(opens), Some(closes), Some(filter)) = (opens, closes, filter) else {
        return Err(OpenError::Fields(Vec::new()));
    };
    // Each invitation in its stakeholder's language: the one a coordinator chose, else its
    // communes' (German for the German-speaking communes); French when the questionnaire does
    // not offer it.
    let chosen = store::stakeholders::languages(&mut tx).await?;
    let offered = def.offered();
    let invited: Vec<(i64, &str)> = store::stakeholders::list(&mut tx, &filter)
        .await?
        .iter()
        .map(|s| {
            let chosen = chosen.get(&s.id).map(String::as_str);
            (s.id, reference.invitation_language(chosen, &s.data.territory, &offered).code())
        })
        .collect();
    if invited.is_empty() {
        return Err(OpenError::Nobody);
    }
    let campaign = store::campaigns::NewCampaign {
        title,
        definition_id: def.id.get_ref(),
        definition_version: i64::from(def.version),
        definition: req.definition,
        opens_on: &opens,
        closes_on: &closes,
    };
    let id = store::campaigns::open(&mut tx, &campaign, &invited, &|i| state.secret.token_hash(i)).await?;
    tx.commit().await?;
    Ok(Opened { id, invited: invited.len(), questionnaire: format!("{} v{}", def.id.get_ref(), def.version) })
}

// ---- changes after opening -----------------------------------------------------------------------

/// Moves a campaign's closing date: extended for latecomers, or shortened (a date already
/// past closes it now). Not before its opening date.
pub async fn change_closing(state: &AppState, actor: &Actor, campaign: i64, closes: &str) -> Result<(), AppError> {
    actor.require(Action::RunCampaigns)?;
    let mut e = Collector::default();
    let closes = e.take("closes", date(closes).map(format_date));
    let mut work = Work::begin(state, actor, "campaigns.change_closing").await?;
    let c = store::campaigns::get(&mut work, campaign).await?.ok_or(AppError::NotFound)?;
    if closes.as_ref().is_some_and(|d| *d < c.opens_on) {
        e.take::<()>("closes", Err(Problem::DateOrder));
    }
    let closes = e.finish(|| closes.unwrap_or_default()).map_err(AppError::Validation)?;
    if closes == c.closes_on {
        return Ok(());
    }
    store::record_change(&mut work, "campaign", campaign, "dates").await?;
    store::campaigns::set_dates(&mut work, campaign, &c.opens_on, &closes).await?;
    work.commit().await
}

/// A late invitation: the stakeholder, in its language, with its own link (a withdrawn
/// invitation comes back with a new link). Refused once the campaign has closed (extend it
/// first) and for a stakeholder already invited.
pub async fn invite(state: &AppState, actor: &Actor, campaign: i64, stakeholder: i64) -> Result<i64, AppError> {
    actor.require(Action::RunCampaigns)?;
    let mut work = Work::begin(state, actor, "campaigns.invite").await?;
    let c = store::campaigns::get(&mut work, campaign).await?.ok_or(AppError::NotFound)?;
    let today = format_date(state.clock.now().date());
    if c.closes_on < today {
        return Err(AppError::Conflict {
            field: "stakeholder",
            message: Message::new("campaign-closed").with("closes", c.closes_on.clone()),
        });
    }
    let s = store::stakeholders::get(&mut work, stakeholder).await?.ok_or(AppError::NotFound)?;
    let def = definition::parse(&c.definition)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("campaign {campaign}: its questionnaire no longer parses")))?;
    let reference = store::reference::load(&mut work).await?;
    let chosen = store::stakeholders::languages(&mut work).await?;
    let lang = reference.invitation_language(chosen.get(&s.id).map(String::as_str), &s.data.territory, &def.offered());
    let secret = &state.secret;
    let before = store::campaigns::invitation_of(&mut work, campaign, stakeholder).await?;
    if before.as_ref().is_some_and(|i| !i.withdrawn) {
        return Err(AppError::Conflict {
            field: "stakeholder",
            message: Message::new("campaign-already-invited").with("name", s.display()),
        });
    }
    if let Some(i) = &before {
        store::record_change(&mut work, "response", i.id, "reinstate").await?;
    }
    let id = store::campaigns::invite(&mut work, campaign, stakeholder, lang.code(), &|i, g| secret.link_hash(i, g))
        .await?
        .ok_or(AppError::NotFound)?;
    if before.is_none() {
        store::record_change(&mut work, "response", id, "invite").await?;
    }
    work.commit().await?;
    Ok(id)
}

/// The invitation `invitation` of `campaign`, still in force.
async fn active_invitation(
    conn: &mut sqlx::AnyConnection,
    campaign: i64,
    invitation: i64,
) -> Result<store::campaigns::Invitation, AppError> {
    store::campaigns::invitation(conn, invitation)
        .await?
        .filter(|i| i.campaign_id == campaign && !i.withdrawn)
        .ok_or(AppError::NotFound)
}

/// Withdraws an invitation sent by mistake: its link stops working and it counts nowhere.
/// Refused once the organisation has sent its answers (they stay part of the results).
pub async fn withdraw(state: &AppState, actor: &Actor, campaign: i64, invitation: i64) -> Result<(), AppError> {
    actor.require(Action::RunCampaigns)?;
    let mut work = Work::begin(state, actor, "campaigns.withdraw").await?;
    let i = active_invitation(&mut work, campaign, invitation).await?;
    if i.submitted {
        return Err(AppError::Conflict { field: "invitation", message: Message::new("campaign-withdraw-answered") });
    }
    store::record_change(&mut work, "response", invitation, "withdraw").await?;
    store::campaigns::withdraw(&mut work, invitation).await?;
    work.commit().await
}

/// Revokes an invitation's link (forwarded, leaked) and issues a new one, which reaches the
/// same draft and answers; returns the new token.
pub async fn reissue_link(state: &AppState, actor: &Actor, campaign: i64, invitation: i64) -> Result<String, AppError> {
    actor.require(Action::SurveyLinks)?;
    let mut work = Work::begin(state, actor, "campaigns.reissue_link").await?;
    active_invitation(&mut work, campaign, invitation).await?;
    store::record_change(&mut work, "response", invitation, "relink").await?;
    let secret = &state.secret;
    let generation = store::campaigns::reissue(&mut work, invitation, &|i, g| secret.link_hash(i, g)).await?;
    work.commit().await?;
    Ok(secret.link(invitation, generation))
}

/// The live token of an invitation in force (a credential: for those who may send links).
pub async fn current_link(state: &AppState, actor: &Actor, campaign: i64, invitation: i64) -> Result<String, AppError> {
    actor.require(Action::SurveyLinks)?;
    let mut conn = state.db.pool.acquire().await?;
    let i = active_invitation(&mut conn, campaign, invitation).await?;
    Ok(state.secret.link(i.id, i.link_generation))
}

/// The mail-merge file of a campaign: its tokens are credentials, for coordinators only.
pub async fn links_csv(state: &AppState, actor: &Actor, campaign: i64, base_url: &str) -> Result<Vec<u8>, AppError> {
    actor.require(Action::SurveyLinks)?;
    let mut conn = state.db.pool.acquire().await?;
    store::campaigns::get(&mut conn, campaign).await?.ok_or(AppError::NotFound)?;
    let invitees = store::campaigns::invitees(&mut conn, campaign).await?;
    write_links_csv(&invitees, &state.secret, base_url).map_err(|e| AppError::Internal(e.into()))
}

/// A coordinator's decision on an organisation a respondent proposed: accepted (a new
/// stakeholder, its provenance the survey), merged into an existing one, or rejected. The
/// ties that named it then name that stakeholder, and their links are derived.
pub async fn decide_proposal(
    state: &AppState,
    actor: &Actor,
    proposal: i64,
    decision: ProposalDecision,
) -> Result<(), AppError> {
    actor.require(Action::RunCampaigns)?;
    let reference = super::inventory::reference(state).await?;
    let mut work = Work::begin(state, actor, "campaigns.decide_proposal").await?;
    let pending = store::responses::pending_proposal(&mut work, proposal).await?;
    let (status, stakeholder) = match decision {
        ProposalDecision::Reject => ("rejected", None),
        ProposalDecision::MergeInto(s) => {
            store::stakeholders::get(&mut work, s).await?.ok_or(AppError::NotFound)?;
            ("merged", Some(s))
        }
        ProposalDecision::Accept => {
            let draft = StakeholderDraft {
                name: Some(pending.name),
                level: Some(pending.level),
                kind: Some(pending.kind),
                notes: Some(format!("Proposé par une réponse à l'enquête ({})", pending.provenance)),
                ..Default::default()
            };
            let data = draft.parse(&reference).map_err(|errors| AppError::Conflict {
                field: "name",
                message: Message::new("conflict-invalid-proposal").with("count", errors.len()),
            })?;
            let s = store::stakeholders::create(&mut work, &data).await?;
            store::record_detail(&mut work, "stakeholder", s, "provenance", &pending.provenance).await?;
            ("accepted", Some(s))
        }
    };
    let respondents = store::responses::decide_proposal(&mut work, proposal, status, stakeholder).await?;
    if let Some(s) = stakeholder {
        let directed = |t: &str| reference.link_type(t).ok().and_then(|i| i.directed).unwrap_or(false);
        let (ties, links) = store::responses::pair_facts(&mut work, s, &respondents).await?;
        let changes = crate::survey::derive::plan_links(&ties, &links, directed);
        store::responses::apply_link_changes(&mut work, &changes).await?;
    }
    work.commit().await
}

/// A coordinator's decision on a field a respondent corrected in its own record: accepted,
/// the record takes the value (the change log says which survey answer it came from).
pub async fn decide_correction(state: &AppState, actor: &Actor, correction: i64, accept: bool) -> Result<(), AppError> {
    actor.require(Action::RunCampaigns)?;
    let reference = super::inventory::reference(state).await?;
    let mut work = Work::begin(state, actor, "campaigns.decide_correction").await?;
    let c = store::responses::pending_correction(&mut work, correction).await?;
    if accept {
        let s = store::stakeholders::get(&mut work, c.stakeholder).await?.ok_or(AppError::NotFound)?;
        let mut draft = StakeholderDraft::from(&s.data);
        set_entry_field(&mut draft, &c.field, &c.proposed);
        let data = draft.parse(&reference).map_err(|errors| {
            // The first problem says why (one field is corrected at a time).
            let problem =
                errors.first().map(|e| e.problem.to_message()).unwrap_or_else(|| Message::new("problem-required"));
            AppError::Conflict {
                field: "correction",
                message: Message::new("conflict-correction")
                    .with("value", &c.proposed)
                    .with("field", &c.field)
                    .with("problem", problem),
            }
        })?;
        store::stakeholders::update(&mut work, c.stakeholder, &data).await?;
        let detail = format!("{} {}", c.provenance, c.field);
        store::record_detail(&mut work, "stakeholder", c.stakeholder, "provenance", &detail).await?;
    }
    store::responses::decide_correction(&mut work, correction, accept).await?;
    work.commit().await
}

/// The mail-merge file: name, email, language and personal link of each invitee.
fn write_links_csv(
    invitees: &[store::campaigns::Invitee],
    secret: &Secret,
    base_url: &str,
) -> Result<Vec<u8>, csv::Error> {
    let mut w = crate::domain::csv_cell::CsvOut::new();
    w.write_record(["name", "email", "language", "link"])?;
    let base = base_url.trim_end_matches('/');
    for i in invitees {
        w.write_record([
            i.name.as_str(),
            i.email.as_deref().unwrap_or(""),
            &i.lang,
            &format!("{base}/s/{}", secret.link(i.invitation_id, i.link_generation)),
        ])?;
    }
    w.finish()
}

// ---- reads ---------------------------------------------------------------------------------------

use crate::domain::campaign::{Campaign, DeclaredTie, Respondent};
use crate::store::campaigns::{PendingCorrection, PendingProposal};
use crate::survey::definition::Definition;

pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<Campaign>, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::campaigns::list(&mut conn).await?)
}

/// A campaign with the questionnaire it keeps.
pub async fn get(state: &AppState, actor: &Actor, id: i64) -> Result<(Campaign, Definition), AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    let c = store::campaigns::get(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let def = definition::parse(&c.definition)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("campaign {id} holds an invalid definition: {e:?}")))?;
    Ok((c, def))
}

/// What a campaign's results are computed from: who was invited (with their answers) and the
/// ties they declared. Invitees' addresses only for roles that see personal data.
pub struct Answers {
    pub respondents: Vec<Respondent>,
    pub ties: Vec<DeclaredTie>,
}

pub async fn answers(state: &AppState, actor: &Actor, id: i64) -> Result<Answers, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    let mut respondents = store::campaigns::respondents(&mut conn, id).await?;
    let ties = store::campaigns::ties(&mut conn, id).await?;
    if !actor.sees_personal() {
        for r in &mut respondents {
            r.email = None;
        }
    }
    Ok(Answers { respondents, ties })
}

/// How many proposals and corrections wait for a coordinator.
pub async fn pending_count(state: &AppState, actor: &Actor, id: i64) -> Result<usize, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    let (p, c) = store::campaigns::pending(&mut conn, id).await?;
    Ok(p.len() + c.len())
}

/// The proposals and corrections to review, each proposal with the stakeholders it might be
/// (sharing its longest word). Corrections carry respondents' own contact data.
pub async fn review(
    state: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<(Vec<(PendingProposal, Vec<crate::domain::stakeholder::Stakeholder>)>, Vec<PendingCorrection>), AppError> {
    actor.require(Action::RunCampaigns)?;
    let mut conn = state.db.pool.acquire().await?;
    let (proposals, corrections) = store::campaigns::pending(&mut conn, id).await?;
    let mut with_candidates = Vec::with_capacity(proposals.len());
    for p in proposals {
        let word = p.name.split_whitespace().max_by_key(|w| w.chars().count()).unwrap_or("").to_owned();
        let filter =
            store::stakeholders::Filter { q: Some(word), public_search: true, limit: Some(20), ..Default::default() };
        let candidates = store::stakeholders::list(&mut conn, &filter).await?;
        with_candidates.push((p, candidates));
    }
    Ok((with_candidates, corrections))
}

/// The campaign and the invitees to e-mail (all, or those who have not answered): their
/// links are credentials.
pub async fn mailing(
    state: &AppState,
    actor: &Actor,
    id: i64,
    reminder: bool,
) -> Result<(Campaign, Vec<crate::domain::campaign::Invitee>), AppError> {
    actor.require(Action::SurveyLinks)?;
    let mut conn = state.db.pool.acquire().await?;
    let campaign = store::campaigns::get(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let invitees = store::campaigns::invitees(&mut conn, id).await?;
    Ok((campaign, invitees.into_iter().filter(|i| !reminder || !i.submitted).collect()))
}
