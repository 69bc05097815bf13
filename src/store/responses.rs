//! Survey responses: drafts, submissions, the ties they declare, the links derived from them
//! (the rules are `survey::derive`; this module only reads the facts and writes the result),
//! and the coordinator's decisions on proposed organisations and record corrections.
//! A submission runs a bounded number of queries whatever the number of ties (writes grow with
//! the changes only).

use super::{StoreError, now, record_change};
use crate::domain::response::{Declarations, EarlierProposal, LinkChange, LinkFact, ProposalRef, TieFact};
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use std::collections::BTreeSet;

/// An invitation opened by its link, with its campaign and the answers saved so far (JSON).
#[derive(Debug, Clone)]
pub struct InvitationRow {
    pub id: i64,
    pub campaign_id: i64,
    pub stakeholder_id: i64,
    pub campaign_title: String,
    pub definition: String,
    pub opens_on: String,
    pub closes_on: String,
    pub answers: Option<String>,
    pub submitted_at: Option<String>,
    /// The language the invitation was sent in.
    pub lang: String,
}

/// The invitation whose token hashes to `token_hash`.
pub async fn invitation(conn: &mut AnyConnection, token_hash: &str) -> sqlx::Result<Option<InvitationRow>> {
    let row = sqlx::query(
        "SELECT i.id, i.campaign_id, i.stakeholder_id, c.title, c.definition, c.opens_on, c.closes_on, r.answers, \
         i.submitted_at, i.lang FROM invitations i JOIN campaigns c ON c.id = i.campaign_id \
         LEFT JOIN responses r ON r.invitation_id = i.id WHERE i.token_hash = $1",
    )
    .bind(token_hash.to_owned())
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(InvitationRow {
            id: r.try_get("id")?,
            campaign_id: r.try_get("campaign_id")?,
            stakeholder_id: r.try_get("stakeholder_id")?,
            campaign_title: r.try_get("title")?,
            definition: r.try_get("definition")?,
            opens_on: r.try_get("opens_on")?,
            closes_on: r.try_get("closes_on")?,
            answers: r.try_get("answers")?,
            submitted_at: r.try_get("submitted_at")?,
            lang: r.try_get("lang")?,
        })
    })
    .transpose()
}

/// Saves the answers as they are (a draft: nothing else changes).
pub async fn save_draft(conn: &mut AnyConnection, invitation: i64, answers_json: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO responses (invitation_id, answers, saved_at) VALUES ($1, $2, $3) \
         ON CONFLICT (invitation_id) DO UPDATE SET answers = excluded.answers, saved_at = excluded.saved_at",
    )
    .bind(invitation)
    .bind(answers_json.to_owned())
    .bind(now())
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether a failed submission may succeed when run again: it lost a race for a link (a
/// duplicate), or the database chose it as a deadlock or serialization victim.
pub fn is_transient(e: &StoreError) -> bool {
    match e {
        StoreError::Conflict { .. } => true,
        StoreError::Db(sqlx::Error::Database(db)) => {
            matches!(db.code().as_deref(), Some("40001" | "40P01" | "23505"))
                || db.message().contains("database is locked")
        }
        _ => false,
    }
}

pub fn provenance(campaign: i64, invitation: i64) -> String {
    format!("survey:{campaign}/{invitation}")
}

/// Who submits: the invitation, its campaign, the stakeholder answering.
#[derive(Debug, Clone, Copy)]
pub struct Respondent {
    pub id: i64,
    pub campaign_id: i64,
    pub stakeholder_id: i64,
}

/// The proposals this invitation made before.
pub async fn earlier_proposals(conn: &mut AnyConnection, invitation: i64) -> sqlx::Result<Vec<EarlierProposal>> {
    sqlx::query("SELECT id, name, status, stakeholder_id FROM proposals WHERE invitation_id = $1 ORDER BY id")
        .bind(invitation)
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| {
            Ok(EarlierProposal {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                pending: r.try_get::<String, _>("status")? == "pending",
                decided: r.try_get("stakeholder_id")?,
            })
        })
        .collect()
}

/// Rows per multi-row INSERT: well under both databases' limits on bound parameters.
const CHUNK: usize = 500;

/// Records a submission (or an amendment): the answers, and what they declare in place of
/// what this invitation declared before. Returns the other ends of every tie this invitation
/// declared, before or now: the pairs whose links must be re-derived.
pub async fn record_submission(
    conn: &mut AnyConnection,
    inv: &Respondent,
    answers_json: &str,
    d: &Declarations,
) -> Result<Vec<i64>, StoreError> {
    let ts = now();
    record_change(conn, "response", inv.id, "submit").await?;
    sqlx::query(
        "INSERT INTO responses (invitation_id, answers, saved_at, submitted_at, submitted_answers) \
         VALUES ($1, $2, $3, $3, $2) ON CONFLICT (invitation_id) DO UPDATE SET answers = excluded.answers, \
         saved_at = excluded.saved_at, submitted_at = excluded.submitted_at, \
         submitted_answers = excluded.submitted_answers",
    )
    .bind(inv.id)
    .bind(answers_json.to_owned())
    .bind(ts.clone())
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE invitations SET submitted_at = $1 WHERE id = $2")
        .bind(ts.clone())
        .bind(inv.id)
        .execute(&mut *conn)
        .await?;
    let mut others: BTreeSet<i64> =
        sqlx::query("SELECT DISTINCT alter_id FROM ties WHERE invitation_id = $1 AND alter_id IS NOT NULL")
            .bind(inv.id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get("alter_id"))
            .collect::<sqlx::Result<_>>()?;
    sqlx::query("DELETE FROM ties WHERE invitation_id = $1").bind(inv.id).execute(&mut *conn).await?;

    // Proposals: the pending ones named again take their new spelling, the others go.
    for (id, p) in &d.renamed_proposals {
        sqlx::query(
            "UPDATE proposals SET name = $1, level_code = $2, kind_code = $3 WHERE id = $4 AND status = 'pending'",
        )
        .bind(p.name.clone())
        .bind(p.level.clone())
        .bind(p.kind.clone())
        .bind(*id)
        .execute(&mut *conn)
        .await?;
    }
    for chunk in d.dropped_proposals.chunks(CHUNK) {
        let list = placeholders(2, chunk.len());
        let mut q = sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM proposals WHERE invitation_id = $1 AND status = 'pending' AND id IN ({list})"
        )))
        .bind(inv.id);
        for id in chunk {
            q = q.bind(*id);
        }
        q.execute(&mut *conn).await?;
    }
    let mut new_ids = Vec::with_capacity(d.new_proposals.len());
    for p in &d.new_proposals {
        let id: i64 = sqlx::query(
            "INSERT INTO proposals (invitation_id, name, level_code, kind_code, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(inv.id)
        .bind(p.name.clone())
        .bind(p.level.clone())
        .bind(p.kind.clone())
        .bind(ts.clone())
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")?;
        new_ids.push(id);
    }

    // Ties, many rows per statement.
    for chunk in d.ties.chunks(CHUNK) {
        let rows: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(1 + i * 10, 10))).collect();
        let mut q = sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO ties (campaign_id, invitation_id, question_id, respondent_id, alter_id, proposal_id, \
             tie_type, frequency, formal, satisfaction) VALUES {}",
            rows.join(", ")
        )));
        for t in chunk {
            let proposal = t.proposal.map(|p| match p {
                ProposalRef::Earlier(id) => id,
                ProposalRef::New(i) => new_ids[i],
            });
            q = q
                .bind(inv.campaign_id)
                .bind(inv.id)
                .bind(t.question_id.clone())
                .bind(inv.stakeholder_id)
                .bind(t.alter)
                .bind(proposal)
                .bind(t.tie_type.clone())
                .bind(t.frequency.clone())
                .bind(t.formal.clone())
                .bind(t.satisfaction);
        }
        q.execute(&mut *conn).await?;
    }
    others.extend(d.ties.iter().filter_map(|t| t.alter));

    // Corrections to the respondent's own record wait for a coordinator.
    sqlx::query("DELETE FROM corrections WHERE invitation_id = $1 AND status = 'pending'")
        .bind(inv.id)
        .execute(&mut *conn)
        .await?;
    for c in &d.corrections {
        sqlx::query(
            "INSERT INTO corrections (invitation_id, stakeholder_id, field, current_value, proposed_value, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(inv.id)
        .bind(inv.stakeholder_id)
        .bind(c.field.clone())
        .bind(c.current.clone())
        .bind(c.proposed.clone())
        .bind(ts.clone())
        .execute(&mut *conn)
        .await?;
    }
    others.remove(&inv.stakeholder_id);
    Ok(others.into_iter().collect())
}

/// `$first, $first+1, …` for `n` values.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Every tie and every link between `hub` and each of `others` (either direction), as the
/// link rules need them: one query for the ties and one for the links per 500 others.
pub async fn pair_facts(
    conn: &mut AnyConnection,
    hub: i64,
    others: &[i64],
) -> sqlx::Result<(Vec<TieFact>, Vec<LinkFact>)> {
    let mut ties = Vec::new();
    let mut links = Vec::new();
    for chunk in others.chunks(CHUNK) {
        let list = placeholders(2, chunk.len());
        let mut q = sqlx::query(AssertSqlSafe(format!(
            "SELECT id, respondent_id, alter_id, tie_type, frequency, formal, link_id, campaign_id, invitation_id \
             FROM ties WHERE (respondent_id = $1 AND alter_id IN ({list})) OR (alter_id = $1 AND respondent_id IN ({list})) \
             ORDER BY id"
        )))
        .bind(hub);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&mut *conn).await? {
            ties.push(TieFact {
                id: r.try_get("id")?,
                respondent: r.try_get("respondent_id")?,
                alter: r.try_get("alter_id")?,
                tie_type: r.try_get("tie_type")?,
                frequency: r.try_get("frequency")?,
                formal: r.try_get("formal")?,
                link: r.try_get("link_id")?,
                provenance: provenance(r.try_get("campaign_id")?, r.try_get("invitation_id")?),
            });
        }
        let mut q = sqlx::query(AssertSqlSafe(format!(
            "SELECT l.id, l.source_id, l.target_id, l.type_code, l.directed, l.strength, l.formal, l.since, l.until, \
             l.note, l.confirmed, l.archived, l.provenance, \
             (SELECT COUNT(*) FROM changes c WHERE c.entity = 'link' AND c.entity_id = l.id \
              AND c.action IN ('update', 'archive') AND c.detail IS NULL) AS by_hand \
             FROM links l WHERE (l.source_id = $1 AND l.target_id IN ({list})) OR (l.target_id = $1 AND l.source_id IN ({list})) \
             ORDER BY l.id"
        )))
        .bind(hub);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(&mut *conn).await? {
            links.push(LinkFact {
                id: r.try_get("id")?,
                data: super::links::link_data(&r)?,
                archived: r.try_get::<i64, _>("archived")? != 0,
                by_survey: r.try_get::<String, _>("provenance")?.starts_with("survey:"),
                by_hand: r.try_get::<i64, _>("by_hand")? > 0,
            });
        }
    }
    Ok((ties, links))
}

/// Writes what the link rules decided; derived updates are marked `survey` in the change log.
pub async fn apply_link_changes(conn: &mut AnyConnection, changes: &[LinkChange]) -> Result<(), StoreError> {
    for change in changes {
        match change {
            LinkChange::Create { data, provenance, ties } => {
                let link = super::links::insert(conn, data, provenance).await?;
                point_ties(conn, link, ties).await?;
            }
            LinkChange::Attach { link, ties } => point_ties(conn, *link, ties).await?,
            LinkChange::Rederive { link, data } => super::links::rederive(conn, *link, data, "survey").await?,
            LinkChange::Archive { link } => super::links::archive_derived(conn, *link, "survey").await?,
        }
    }
    Ok(())
}

async fn point_ties(conn: &mut AnyConnection, link: i64, ties: &[i64]) -> sqlx::Result<()> {
    for chunk in ties.chunks(CHUNK) {
        let list = placeholders(2, chunk.len());
        let mut q = sqlx::query(AssertSqlSafe(format!("UPDATE ties SET link_id = $1 WHERE id IN ({list})"))).bind(link);
        for id in chunk {
            q = q.bind(*id);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// A coordinator's decision on an organisation a respondent proposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalDecision {
    /// Add it to the inventory as proposed.
    Accept,
    /// It is this existing stakeholder.
    MergeInto(i64),
    Reject,
}

/// A proposal waiting for a decision, with where it came from.
pub struct PendingRow {
    pub name: String,
    pub level: String,
    pub kind: String,
    /// `survey:<campaign>/<invitation>`.
    pub provenance: String,
}

pub async fn pending_proposal(conn: &mut AnyConnection, id: i64) -> Result<PendingRow, StoreError> {
    let row = sqlx::query(
        "SELECT p.name, p.level_code, p.kind_code, p.invitation_id, i.campaign_id FROM proposals p \
         JOIN invitations i ON i.id = p.invitation_id WHERE p.id = $1 AND p.status = 'pending'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(PendingRow {
        name: row.try_get("name")?,
        level: row.try_get("level_code")?,
        kind: row.try_get("kind_code")?,
        provenance: provenance(row.try_get("campaign_id")?, row.try_get("invitation_id")?),
    })
}

/// Records the decision on a proposal; when it now stands for stakeholder `s`, the ties that
/// named it name `s`. Returns the respondents of those ties (the pairs to re-derive).
pub async fn decide_proposal(
    conn: &mut AnyConnection,
    id: i64,
    status: &'static str,
    stakeholder: Option<i64>,
) -> Result<Vec<i64>, StoreError> {
    record_change(conn, "proposal", id, status).await?;
    sqlx::query("UPDATE proposals SET status = $1, stakeholder_id = $2, decided_at = $3 WHERE id = $4")
        .bind(status)
        .bind(stakeholder)
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let mut respondents = Vec::new();
    if let Some(s) = stakeholder {
        sqlx::query("UPDATE ties SET alter_id = $1 WHERE proposal_id = $2 AND respondent_id <> $1")
            .bind(s)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        respondents = sqlx::query("SELECT DISTINCT respondent_id FROM ties WHERE proposal_id = $1 AND alter_id = $2")
            .bind(id)
            .bind(s)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get("respondent_id"))
            .collect::<sqlx::Result<_>>()?;
    }
    Ok(respondents)
}

/// A correction waiting for a decision.
pub struct CorrectionRow {
    pub stakeholder: i64,
    pub field: String,
    pub proposed: String,
    pub provenance: String,
}

pub async fn pending_correction(conn: &mut AnyConnection, id: i64) -> Result<CorrectionRow, StoreError> {
    let row = sqlx::query(
        "SELECT c.stakeholder_id, c.field, c.proposed_value, c.invitation_id, i.campaign_id FROM corrections c \
         JOIN invitations i ON i.id = c.invitation_id WHERE c.id = $1 AND c.status = 'pending'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(CorrectionRow {
        stakeholder: row.try_get("stakeholder_id")?,
        field: row.try_get("field")?,
        proposed: row.try_get("proposed_value")?,
        provenance: provenance(row.try_get("campaign_id")?, row.try_get("invitation_id")?),
    })
}

pub async fn decide_correction(conn: &mut AnyConnection, id: i64, accept: bool) -> Result<(), StoreError> {
    record_change(conn, "correction", id, if accept { "accept" } else { "reject" }).await?;
    sqlx::query("UPDATE corrections SET status = $1, decided_at = $2 WHERE id = $3")
        .bind(if accept { "accepted" } else { "rejected" })
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
