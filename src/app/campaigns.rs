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
            &format!("{base}/s/{}", secret.token(i.invitation_id)),
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
