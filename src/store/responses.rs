//! Survey responses: drafts, submissions, the ties they declare and the links derived from
//! them, and the coordinator's decisions on proposed organisations and record corrections.
//! Nothing a respondent says changes a coordinator's record until a coordinator accepts it:
//! ties only create or reinforce links made by surveys, and corrections wait for review.

use super::{StoreError, now, record_change};
use crate::domain::link::LinkData;
use crate::domain::reference::Reference;
use crate::domain::stakeholder::StakeholderDraft;
use crate::domain::values::Strength;
use crate::survey::answers::{Answers, FREQUENCIES, TIE_TYPES, set_entry_field};
use crate::survey::definition::{Definition, Kind};
use sqlx::{AnyConnection, Row};
use std::collections::BTreeSet;

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
}

/// The invitation whose token hashes to `token_hash`.
pub async fn invitation(conn: &mut AnyConnection, token_hash: &str) -> sqlx::Result<Option<Invitation>> {
    let row = sqlx::query(
        "SELECT i.id, i.campaign_id, i.stakeholder_id, c.title, c.definition, c.opens_on, c.closes_on, r.answers, \
         i.submitted_at FROM invitations i JOIN campaigns c ON c.id = i.campaign_id \
         LEFT JOIN responses r ON r.invitation_id = i.id WHERE i.token_hash = $1",
    )
    .bind(token_hash.to_owned())
    .fetch_optional(conn)
    .await?;
    row.map(|r| {
        Ok(Invitation {
            id: r.try_get(0)?,
            campaign_id: r.try_get(1)?,
            stakeholder_id: r.try_get(2)?,
            campaign_title: r.try_get(3)?,
            definition: r.try_get(4)?,
            opens_on: r.try_get(5)?,
            closes_on: r.try_get(6)?,
            answers: r.try_get::<Option<String>, _>(7)?.map(|t| Answers::from_json(&t)).unwrap_or_default(),
            submitted_at: r.try_get(8)?,
        })
    })
    .transpose()
}

/// Saves the answers as they are (a draft: nothing else changes).
pub async fn save_draft(conn: &mut AnyConnection, invitation: i64, answers: &Answers) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO responses (invitation_id, answers, saved_at) VALUES ($1, $2, $3) \
         ON CONFLICT (invitation_id) DO UPDATE SET answers = excluded.answers, saved_at = excluded.saved_at",
    )
    .bind(invitation)
    .bind(answers.to_json())
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

/// Submits (or amends) a checked response: the answers, the ties of its network questions
/// and the links derived from them, the organisations it proposes and the corrections to
/// its own record. Run it in a transaction.
pub async fn submit(
    conn: &mut AnyConnection,
    inv: &Invitation,
    def: &Definition,
    answers: &Answers,
    record: &StakeholderDraft,
) -> Result<(), StoreError> {
    let ts = now();
    sqlx::query(
        "INSERT INTO responses (invitation_id, answers, saved_at, submitted_at, submitted_answers) \
         VALUES ($1, $2, $3, $3, $2) ON CONFLICT (invitation_id) DO UPDATE SET answers = excluded.answers, \
         saved_at = excluded.saved_at, submitted_at = excluded.submitted_at, \
         submitted_answers = excluded.submitted_answers",
    )
    .bind(inv.id)
    .bind(answers.to_json())
    .bind(ts.clone())
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE invitations SET submitted_at = $1 WHERE id = $2")
        .bind(ts.clone())
        .bind(inv.id)
        .execute(&mut *conn)
        .await?;

    // Ties: this invitation's declarations are replaced; links follow the declarations.
    let mut pairs: BTreeSet<(i64, i64)> = sqlx::query(
        "SELECT DISTINCT respondent_id, alter_id FROM ties WHERE invitation_id = $1 AND alter_id IS NOT NULL",
    )
    .bind(inv.id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
    .collect::<sqlx::Result<_>>()?;
    sqlx::query("DELETE FROM ties WHERE invitation_id = $1").bind(inv.id).execute(&mut *conn).await?;
    // This invitation's earlier proposals: (id, name, status, the stakeholder it was decided to be).
    let earlier_proposals: Vec<(i64, String, String, Option<i64>)> =
        sqlx::query("SELECT id, name, status, stakeholder_id FROM proposals WHERE invitation_id = $1")
            .bind(inv.id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
            .collect::<sqlx::Result<_>>()?;
    let mut kept_proposals = BTreeSet::new();
    let provenance = provenance(inv.campaign_id, inv.id);
    for q in def.questions().filter(|q| q.kind == Kind::Network) {
        let Some(answer) = answers.get(q.id.get_ref()) else { continue };
        for tie in &answer.ties {
            let (alter, proposal) = match (&tie.stakeholder, &tie.new) {
                (Some(id), _) if *id != inv.stakeholder_id => (Some(*id), None),
                (None, Some(new)) => {
                    let key = crate::domain::text::key(&new.name);
                    let earlier = earlier_proposals.iter().find(|(_, n, _, _)| crate::domain::text::key(n) == key);
                    let (id, decided) = match earlier {
                        Some((id, _, status, decided)) => {
                            if status == "pending" {
                                sqlx::query(
                                    "UPDATE proposals SET name = $1, level_code = $2, kind_code = $3 WHERE id = $4",
                                )
                                .bind(new.name.trim().to_owned())
                                .bind(new.level.clone())
                                .bind(new.kind.clone())
                                .bind(*id)
                                .execute(&mut *conn)
                                .await?;
                            }
                            (*id, *decided)
                        }
                        None => (
                            sqlx::query(
                                "INSERT INTO proposals (invitation_id, name, level_code, kind_code, created_at) \
                             VALUES ($1, $2, $3, $4, $5) RETURNING id",
                            )
                            .bind(inv.id)
                            .bind(new.name.trim().to_owned())
                            .bind(new.level.clone())
                            .bind(new.kind.clone())
                            .bind(ts.clone())
                            .fetch_one(&mut *conn)
                            .await?
                            .try_get(0)?,
                            None,
                        ),
                    };
                    kept_proposals.insert(id);
                    (decided, Some(id))
                }
                _ => continue,
            };
            let tie_type = tie.link_type.clone().unwrap_or_else(|| "coordinates".into());
            let tie_id: i64 = sqlx::query(
                "INSERT INTO ties (campaign_id, invitation_id, question_id, respondent_id, alter_id, proposal_id, \
                 tie_type, frequency, formal, satisfaction) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(inv.campaign_id)
            .bind(inv.id)
            .bind(q.id.get_ref().clone())
            .bind(inv.stakeholder_id)
            .bind(alter)
            .bind(proposal)
            .bind(tie_type)
            .bind(tie.frequency.clone())
            .bind(tie.formal.clone())
            .bind(tie.satisfaction.as_deref().and_then(|s| s.parse::<i64>().ok()))
            .fetch_one(&mut *conn)
            .await?
            .try_get(0)?;
            if let Some(alter) = alter {
                link_tie(conn, tie_id, &provenance).await?;
                pairs.insert((inv.stakeholder_id, alter));
            }
        }
    }
    for (id, _, status, _) in &earlier_proposals {
        if status == "pending" && !kept_proposals.contains(id) {
            sqlx::query("DELETE FROM proposals WHERE id = $1").bind(*id).execute(&mut *conn).await?;
        }
    }
    for (a, b) in pairs {
        refresh_pair(conn, a, b).await?;
    }

    // Corrections to the respondent's own record wait for a coordinator.
    sqlx::query("DELETE FROM corrections WHERE invitation_id = $1 AND status = 'pending'")
        .bind(inv.id)
        .execute(&mut *conn)
        .await?;
    let current = crate::survey::answers::entry_values(record);
    for q in def.questions().filter(|q| q.kind == Kind::EntryCheck) {
        let Some(entry) = answers.get(q.id.get_ref()).and_then(|a| a.entry.as_ref()) else { continue };
        for (field, value) in &entry.changes {
            sqlx::query(
                "INSERT INTO corrections (invitation_id, stakeholder_id, field, current_value, proposed_value, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(inv.id)
            .bind(inv.stakeholder_id)
            .bind(field.clone())
            .bind(current.get(field).cloned())
            .bind(value.clone())
            .bind(ts.clone())
            .execute(&mut *conn)
            .await?;
        }
    }
    record_change(conn, "response", inv.id, "submit").await?;
    Ok(())
}

/// Points a tie with a known alter at its link, creating the link when there is none. An
/// archived link made by a survey comes back; one a coordinator archived stays archived.
async fn link_tie(conn: &mut AnyConnection, tie: i64, provenance: &str) -> Result<(), StoreError> {
    let r = sqlx::query("SELECT respondent_id, alter_id, tie_type FROM ties WHERE id = $1")
        .bind(tie)
        .fetch_one(&mut *conn)
        .await?;
    let (respondent, alter, tie_type): (i64, i64, String) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
    let (link_type, reversed) =
        TIE_TYPES.iter().find(|t| t.0 == tie_type).map_or(("coordinates", false), |t| (t.1, t.2));
    let directed: i64 = sqlx::query("SELECT directed FROM link_types WHERE code = $1")
        .bind(link_type)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    let (source, target) = if reversed { (alter, respondent) } else { (respondent, alter) };
    let data = LinkData {
        source,
        target,
        link_type: link_type.to_owned(),
        directed: directed != 0,
        strength: Strength::trusted(1),
        formal: false,
        since: None,
        until: None,
        note: None,
        confirmed: false,
    };
    let link = match super::links::find_same(conn, &data, None).await? {
        Some((id, false)) => id,
        Some((id, true)) => {
            let made_by_survey =
                super::links::get(conn, id).await?.is_some_and(|l| l.provenance.starts_with("survey:"));
            if made_by_survey && !super::links::edited_by_hand(conn, id).await? {
                super::links::rederive(conn, id, &data, "survey").await?;
            }
            id
        }
        None => super::links::insert(conn, &data, provenance).await?,
    };
    sqlx::query("UPDATE ties SET link_id = $1 WHERE id = $2").bind(link).bind(tie).execute(&mut *conn).await?;
    Ok(())
}

/// Re-derives the survey-made links between `a` and `b` from the declarations: confirmed
/// when both sides named each other, strength from the most frequent declared contact,
/// formal if a side says so; archived when nobody declares them any more. A link a
/// coordinator has edited or archived by hand is theirs from then on and left alone.
async fn refresh_pair(conn: &mut AnyConnection, a: i64, b: i64) -> Result<(), StoreError> {
    let sides: i64 = sqlx::query(
        "SELECT COUNT(DISTINCT respondent_id) FROM ties \
         WHERE (respondent_id = $1 AND alter_id = $2) OR (respondent_id = $2 AND alter_id = $1)",
    )
    .bind(a)
    .bind(b)
    .fetch_one(&mut *conn)
    .await?
    .try_get(0)?;
    let ids: Vec<i64> = sqlx::query(
        "SELECT id FROM links WHERE provenance LIKE 'survey:%' AND \
         ((source_id = $1 AND target_id = $2) OR (source_id = $2 AND target_id = $1))",
    )
    .bind(a)
    .bind(b)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| r.try_get(0))
    .collect::<sqlx::Result<_>>()?;
    for id in ids {
        if super::links::edited_by_hand(conn, id).await? {
            continue;
        }
        let Some(link) = super::links::get(conn, id).await? else { continue };
        let declared =
            sqlx::query("SELECT frequency, formal FROM ties WHERE link_id = $1").bind(id).fetch_all(&mut *conn).await?;
        if declared.is_empty() {
            if !link.archived {
                super::links::archive_derived(conn, id, "survey").await?;
            }
            continue;
        }
        let mut strength = 1;
        let mut formal = false;
        for r in &declared {
            let frequency: Option<String> = r.try_get(0)?;
            let f = FREQUENCIES.iter().find(|f| Some(f.0) == frequency.as_deref()).map_or(1, |f| f.1);
            strength = strength.max(f);
            formal |= r.try_get::<Option<String>, _>(1)?.as_deref() == Some("yes");
        }
        let mut data = link.data.clone();
        data.strength = Strength::trusted(strength);
        data.formal = formal;
        data.confirmed = sides >= 2;
        if data != link.data || link.archived {
            super::links::rederive(conn, id, &data, "survey").await?;
        }
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

/// Applies a decision; the ties that named the proposal then become links. Returns the
/// stakeholder the proposal now stands for, if any.
pub async fn decide_proposal(
    conn: &mut AnyConnection,
    id: i64,
    decision: ProposalDecision,
    reference: &Reference,
) -> Result<Option<i64>, StoreError> {
    let row = sqlx::query(
        "SELECT p.name, p.level_code, p.kind_code, p.invitation_id, i.campaign_id FROM proposals p \
         JOIN invitations i ON i.id = p.invitation_id WHERE p.id = $1 AND p.status = 'pending'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    let (name, level, kind): (String, String, String) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
    let provenance = provenance(row.try_get(4)?, row.try_get(3)?);
    let (status, stakeholder) = match decision {
        ProposalDecision::Reject => ("rejected", None),
        ProposalDecision::MergeInto(s) => ("merged", Some(s)),
        ProposalDecision::Accept => {
            let draft = StakeholderDraft {
                name: Some(name),
                level: Some(level),
                kind: Some(kind),
                notes: Some(format!("Proposé par une réponse à l'enquête ({provenance})")),
                ..Default::default()
            };
            let data = draft.parse(reference).map_err(|errors| StoreError::Conflict {
                field: "name",
                fr: format!("proposition invalide : {}", errors.len()),
                en: format!("invalid proposal: {} problem(s)", errors.len()),
            })?;
            let s = super::stakeholders::create(conn, &data).await?;
            super::record_detail(conn, "stakeholder", s, "provenance", &provenance).await?;
            ("accepted", Some(s))
        }
    };
    sqlx::query("UPDATE proposals SET status = $1, stakeholder_id = $2, decided_at = $3 WHERE id = $4")
        .bind(status)
        .bind(stakeholder)
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if let Some(s) = stakeholder {
        let ties: Vec<(i64, i64, i64, i64)> = sqlx::query(
            "SELECT t.id, t.respondent_id, t.campaign_id, t.invitation_id FROM ties t WHERE t.proposal_id = $1",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
        .collect::<sqlx::Result<_>>()?;
        for (tie, respondent, campaign, invitation) in ties {
            if respondent == s {
                continue;
            }
            sqlx::query("UPDATE ties SET alter_id = $1 WHERE id = $2").bind(s).bind(tie).execute(&mut *conn).await?;
            link_tie(conn, tie, &self::provenance(campaign, invitation)).await?;
            refresh_pair(conn, respondent, s).await?;
        }
    }
    record_change(conn, "proposal", id, status).await?;
    Ok(stakeholder)
}

/// Accepts (the stakeholder's record takes the proposed value) or rejects a correction.
pub async fn decide_correction(
    conn: &mut AnyConnection,
    id: i64,
    accept: bool,
    reference: &Reference,
) -> Result<(), StoreError> {
    let row = sqlx::query(
        "SELECT c.stakeholder_id, c.field, c.proposed_value, c.invitation_id, i.campaign_id FROM corrections c \
         JOIN invitations i ON i.id = c.invitation_id WHERE c.id = $1 AND c.status = 'pending'",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(StoreError::NotFound)?;
    let (stakeholder, field, value): (i64, String, String) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
    if accept {
        let s = super::stakeholders::get(conn, stakeholder).await?.ok_or(StoreError::NotFound)?;
        let mut draft = StakeholderDraft::from(&s.data);
        set_entry_field(&mut draft, &field, &value);
        let data = draft.parse(reference).map_err(|errors| {
            let problems = errors.iter().map(|e| e.problem.message(crate::i18n::Lang::En)).collect::<Vec<_>>();
            let problems_fr = errors.iter().map(|e| e.problem.message(crate::i18n::Lang::Fr)).collect::<Vec<_>>();
            StoreError::Conflict {
                field: "correction",
                fr: format!("« {value} » ne convient pas pour {field} : {}", problems_fr.join(" ; ")),
                en: format!("\"{value}\" does not fit {field}: {}", problems.join("; ")),
            }
        })?;
        super::stakeholders::update(conn, stakeholder, &data).await?;
        let provenance = provenance(row.try_get(4)?, row.try_get(3)?);
        super::record_detail(conn, "stakeholder", stakeholder, "provenance", &format!("{provenance} {field}")).await?;
    }
    sqlx::query("UPDATE corrections SET status = $1, decided_at = $2 WHERE id = $3")
        .bind(if accept { "accepted" } else { "rejected" })
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    record_change(conn, "correction", id, if accept { "accept" } else { "reject" }).await?;
    Ok(())
}
