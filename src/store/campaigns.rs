//! Survey campaigns and their invitations.

use super::{StoreError, now, record_change};
pub use crate::domain::campaign::{Campaign, DeclaredTie, Invitee, Participation, Respondent};
use sqlx::{AnyConnection, AssertSqlSafe, Row};

pub struct NewCampaign<'a> {
    pub title: &'a str,
    pub definition_id: &'a str,
    pub definition_version: i64,
    pub definition: &'a str,
    pub opens_on: &'a str,
    pub closes_on: &'a str,
}

/// Opens a campaign and invites `stakeholders`, each with its own link and in its language;
/// only the hash of each link's token is stored.
pub async fn open(
    conn: &mut AnyConnection,
    campaign: &NewCampaign<'_>,
    stakeholders: &[(i64, &str)],
    token_hash: &(dyn Fn(i64) -> String + Sync),
) -> Result<i64, StoreError> {
    let ts = now();
    let id: i64 = sqlx::query(
        "INSERT INTO campaigns (title, definition_id, definition_version, definition, opens_on, closes_on, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(campaign.title.to_owned())
    .bind(campaign.definition_id.to_owned())
    .bind(campaign.definition_version)
    .bind(campaign.definition.to_owned())
    .bind(campaign.opens_on.to_owned())
    .bind(campaign.closes_on.to_owned())
    .bind(ts.clone())
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    for &(stakeholder, lang) in stakeholders {
        let invitation: i64 = sqlx::query(
            "INSERT INTO invitations (campaign_id, stakeholder_id, lang, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(id)
        .bind(stakeholder)
        .bind(lang.to_owned())
        .bind(ts.clone())
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")?;
        sqlx::query("UPDATE invitations SET token_hash = $1 WHERE id = $2")
            .bind(token_hash(invitation))
            .bind(invitation)
            .execute(&mut *conn)
            .await?;
    }
    record_change(conn, "campaign", id, "open").await?;
    Ok(id)
}

/// One invitation as a coordinator changes it.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: i64,
    pub campaign_id: i64,
    pub stakeholder_id: i64,
    pub submitted: bool,
    pub withdrawn: bool,
    pub link_generation: i64,
}

pub async fn invitation(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<Invitation>> {
    sqlx::query(
        "SELECT id, campaign_id, stakeholder_id, submitted_at, withdrawn_at, link_generation FROM invitations \
         WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?
    .map(|r| {
        Ok(Invitation {
            id: r.try_get("id")?,
            campaign_id: r.try_get("campaign_id")?,
            stakeholder_id: r.try_get("stakeholder_id")?,
            submitted: r.try_get::<Option<String>, _>("submitted_at")?.is_some(),
            withdrawn: r.try_get::<Option<String>, _>("withdrawn_at")?.is_some(),
            link_generation: r.try_get("link_generation")?,
        })
    })
    .transpose()
}

/// The invitation of `stakeholder` to `campaign`, withdrawn or not.
pub async fn invitation_of(
    conn: &mut AnyConnection,
    campaign: i64,
    stakeholder: i64,
) -> sqlx::Result<Option<Invitation>> {
    let id = sqlx::query("SELECT id FROM invitations WHERE campaign_id = $1 AND stakeholder_id = $2")
        .bind(campaign)
        .bind(stakeholder)
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| r.try_get::<i64, _>("id"))
        .transpose()?;
    match id {
        Some(id) => invitation(conn, id).await,
        None => Ok(None),
    }
}

/// Moves a campaign's opening and closing dates.
pub async fn set_dates(conn: &mut AnyConnection, campaign: i64, opens_on: &str, closes_on: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE campaigns SET opens_on = $1, closes_on = $2 WHERE id = $3")
        .bind(opens_on.to_owned())
        .bind(closes_on.to_owned())
        .bind(campaign)
        .execute(conn)
        .await?;
    Ok(())
}

/// Invites one more stakeholder into an open campaign, in `lang`: a new invitation, or the
/// withdrawn one reinstated with a new link. Returns the invitation, or `None` when the
/// stakeholder is already invited.
pub async fn invite(
    conn: &mut AnyConnection,
    campaign: i64,
    stakeholder: i64,
    lang: &str,
    link_hash: &(dyn Fn(i64, i64) -> String + Sync),
) -> sqlx::Result<Option<i64>> {
    if let Some(i) = invitation_of(conn, campaign, stakeholder).await? {
        if !i.withdrawn {
            return Ok(None);
        }
        let (id, generation) = (i.id, i.link_generation + 1);
        sqlx::query(
            "UPDATE invitations SET withdrawn_at = NULL, link_generation = $1, token_hash = $2, lang = $3 WHERE id = $4",
        )
        .bind(generation)
        .bind(link_hash(id, generation))
        .bind(lang.to_owned())
        .bind(id)
        .execute(conn)
        .await?;
        return Ok(Some(id));
    }
    let id: i64 = sqlx::query(
        "INSERT INTO invitations (campaign_id, stakeholder_id, lang, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(campaign)
    .bind(stakeholder)
    .bind(lang.to_owned())
    .bind(now())
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    sqlx::query("UPDATE invitations SET token_hash = $1 WHERE id = $2")
        .bind(link_hash(id, 0))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(Some(id))
}

/// Withdraws an invitation: its link stops working and it counts nowhere.
pub async fn withdraw(conn: &mut AnyConnection, invitation: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE invitations SET withdrawn_at = $1, token_hash = NULL WHERE id = $2")
        .bind(now())
        .bind(invitation)
        .execute(conn)
        .await?;
    Ok(())
}

/// Revokes an invitation's link and issues the next one (the same answers behind it);
/// returns the new link's generation.
pub async fn reissue(
    conn: &mut AnyConnection,
    invitation: i64,
    link_hash: &(dyn Fn(i64, i64) -> String + Sync),
) -> sqlx::Result<i64> {
    let generation: i64 = sqlx::query("SELECT link_generation FROM invitations WHERE id = $1")
        .bind(invitation)
        .fetch_one(&mut *conn)
        .await?
        .try_get::<i64, _>("link_generation")?
        + 1;
    sqlx::query("UPDATE invitations SET link_generation = $1, token_hash = $2 WHERE id = $3")
        .bind(generation)
        .bind(link_hash(invitation, generation))
        .bind(invitation)
        .execute(conn)
        .await?;
    Ok(generation)
}

/// An invitee's address: the organisation's, else its first contact person's.
const EMAIL: &str = "COALESCE(s.email, (SELECT c.email FROM contacts c WHERE c.stakeholder_id = s.id \
    AND c.email IS NOT NULL ORDER BY c.position LIMIT 1))";

pub async fn invitees(conn: &mut AnyConnection, campaign: i64) -> sqlx::Result<Vec<Invitee>> {
    sqlx::query(AssertSqlSafe(format!(
        "SELECT i.id AS invitation_id, s.id AS stakeholder_id, s.name AS name, {EMAIL} AS email, i.lang AS lang, \
         i.submitted_at AS submitted_at, i.link_generation AS link_generation FROM invitations i \
             JOIN stakeholders s ON s.id = i.stakeholder_id WHERE i.campaign_id = $1 AND i.withdrawn_at IS NULL \
             ORDER BY s.name_key"
    )))
    .bind(campaign)
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(Invitee {
            invitation_id: r.try_get("invitation_id")?,
            stakeholder_id: r.try_get("stakeholder_id")?,
            name: r.try_get("name")?,
            email: r.try_get("email")?,
            lang: r.try_get("lang")?,
            submitted: r.try_get::<Option<String>, _>(5)?.is_some(),
            link_generation: r.try_get("link_generation")?,
        })
    })
    .collect()
}

/// The invitation a link's token opens: (invitation, campaign, stakeholder).
pub async fn by_token_hash(conn: &mut AnyConnection, token_hash: &str) -> sqlx::Result<Option<(i64, i64, i64)>> {
    sqlx::query("SELECT id, campaign_id, stakeholder_id FROM invitations WHERE token_hash = $1")
        .bind(token_hash.to_owned())
        .fetch_optional(conn)
        .await?
        .map(|r| Ok((r.try_get("id")?, r.try_get("campaign_id")?, r.try_get("stakeholder_id")?)))
        .transpose()
}

const CAMPAIGN: &str = "SELECT c.id, c.title, c.definition_id, c.definition_version, c.definition, c.opens_on, \
    c.closes_on, (SELECT COUNT(*) FROM invitations i WHERE i.campaign_id = c.id AND i.withdrawn_at IS NULL) AS invited, \
    (SELECT COUNT(*) FROM invitations i WHERE i.campaign_id = c.id AND i.submitted_at IS NOT NULL \
    AND i.withdrawn_at IS NULL) AS submitted \
    FROM campaigns c";

fn row_to_campaign(r: &sqlx::any::AnyRow) -> sqlx::Result<Campaign> {
    Ok(Campaign {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        definition_id: r.try_get("definition_id")?,
        definition_version: r.try_get("definition_version")?,
        definition: r.try_get("definition")?,
        opens_on: r.try_get("opens_on")?,
        closes_on: r.try_get("closes_on")?,
        invited: r.try_get("invited")?,
        submitted: r.try_get("submitted")?,
    })
}

/// Every campaign, the latest first, with its invitation and submission counts.
pub async fn list(conn: &mut AnyConnection) -> sqlx::Result<Vec<Campaign>> {
    sqlx::query(AssertSqlSafe(format!("{CAMPAIGN} ORDER BY c.id DESC")))
        .fetch_all(conn)
        .await?
        .iter()
        .map(row_to_campaign)
        .collect()
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<Campaign>> {
    sqlx::query(AssertSqlSafe(format!("{CAMPAIGN} WHERE c.id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .as_ref()
        .map(row_to_campaign)
        .transpose()
}

pub async fn respondents(conn: &mut AnyConnection, campaign: i64) -> sqlx::Result<Vec<Respondent>> {
    let mut list: Vec<Respondent> = sqlx::query(AssertSqlSafe(format!(
        "SELECT i.id AS invitation_id, s.id AS stakeholder_id, s.name AS name, s.level_code AS level, \
             s.kind_code AS kind, i.lang AS lang, i.submitted_at AS submitted_at, \
             CASE WHEN i.submitted_at IS NULL THEN r.answers ELSE r.submitted_answers END AS answers, {EMAIL} AS email \
             FROM invitations i JOIN stakeholders s ON s.id = i.stakeholder_id \
             LEFT JOIN responses r ON r.invitation_id = i.id WHERE i.campaign_id = $1 AND i.withdrawn_at IS NULL \
             ORDER BY s.name_key"
    )))
    .bind(campaign)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(Respondent {
            invitation_id: r.try_get("invitation_id")?,
            stakeholder_id: r.try_get("stakeholder_id")?,
            name: r.try_get("name")?,
            level: r.try_get("level")?,
            kind: r.try_get("kind")?,
            lang: r.try_get("lang")?,
            submitted_at: r.try_get("submitted_at")?,
            answers: r.try_get("answers")?,
            email: r.try_get("email")?,
            territories: Vec::new(),
        })
    })
    .collect::<sqlx::Result<_>>()?;
    let places: Vec<(i64, String)> = sqlx::query(
        "SELECT t.stakeholder_id, t.ins_code FROM stakeholder_territories t \
         JOIN invitations i ON i.stakeholder_id = t.stakeholder_id WHERE i.campaign_id = $1 \
         AND i.withdrawn_at IS NULL ORDER BY t.ins_code",
    )
    .bind(campaign)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("stakeholder_id")?, r.try_get("ins_code")?)))
    .collect::<sqlx::Result<_>>()?;
    let index: std::collections::HashMap<i64, usize> =
        list.iter().enumerate().map(|(i, r)| (r.stakeholder_id, i)).collect();
    for (s, ins) in places {
        if let Some(&i) = index.get(&s) {
            list[i].territories.push(ins);
        }
    }
    Ok(list)
}

pub async fn ties(conn: &mut AnyConnection, campaign: i64) -> sqlx::Result<Vec<DeclaredTie>> {
    sqlx::query(
        "SELECT t.invitation_id, t.question_id, t.respondent_id, r.name AS respondent, t.alter_id, \
         COALESCE(a.name, p.name) AS alter_name, p.status AS proposal_status, t.tie_type, t.frequency, t.formal, \
         t.satisfaction, t.link_id FROM ties t \
         JOIN stakeholders r ON r.id = t.respondent_id LEFT JOIN stakeholders a ON a.id = t.alter_id \
         LEFT JOIN proposals p ON p.id = t.proposal_id WHERE t.campaign_id = $1 ORDER BY r.name_key, t.id",
    )
    .bind(campaign)
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(DeclaredTie {
            invitation_id: r.try_get("invitation_id")?,
            question_id: r.try_get("question_id")?,
            respondent_id: r.try_get("respondent_id")?,
            respondent: r.try_get("respondent")?,
            alter_id: r.try_get("alter_id")?,
            alter: r.try_get::<Option<String>, _>(5)?.unwrap_or_default(),
            proposal_status: r.try_get("proposal_status")?,
            tie_type: r.try_get("tie_type")?,
            frequency: r.try_get("frequency")?,
            formal: r.try_get("formal")?,
            satisfaction: r.try_get("satisfaction")?,
            link_id: r.try_get("link_id")?,
        })
    })
    .collect()
}

/// A campaign as a map overlay: the links its ties declared, and each invitee with where it
/// stands (answered, draft, silent).
pub async fn overlay(
    conn: &mut AnyConnection,
    campaign: i64,
) -> sqlx::Result<(std::collections::HashSet<i64>, std::collections::HashMap<i64, Participation>)> {
    let links = sqlx::query("SELECT DISTINCT link_id FROM ties WHERE campaign_id = $1 AND link_id IS NOT NULL")
        .bind(campaign)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get("link_id"))
        .collect::<sqlx::Result<_>>()?;
    let invited = sqlx::query(
        "SELECT i.stakeholder_id, i.submitted_at, r.invitation_id AS saved FROM invitations i \
         LEFT JOIN responses r ON r.invitation_id = i.id WHERE i.campaign_id = $1 AND i.withdrawn_at IS NULL",
    )
    .bind(campaign)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let submitted = r.try_get::<Option<String>, _>("submitted_at")?.is_some();
        let saved = r.try_get::<Option<i64>, _>("saved")?.is_some();
        Ok((r.try_get("stakeholder_id")?, Participation::of(submitted, saved)))
    })
    .collect::<sqlx::Result<_>>()?;
    Ok((links, invited))
}

/// What waits for a coordinator: proposed organisations and record corrections.
#[derive(Debug, Clone)]
pub struct PendingProposal {
    pub id: i64,
    pub name: String,
    pub level: String,
    pub kind: String,
    pub proposed_by: String,
}

#[derive(Debug, Clone)]
pub struct PendingCorrection {
    pub id: i64,
    pub stakeholder_id: i64,
    pub stakeholder: String,
    pub field: String,
    pub current: Option<String>,
    pub proposed: String,
}

pub async fn pending(
    conn: &mut AnyConnection,
    campaign: i64,
) -> sqlx::Result<(Vec<PendingProposal>, Vec<PendingCorrection>)> {
    let proposals = sqlx::query(
        "SELECT p.id, p.name, p.level_code AS level, p.kind_code AS kind, s.name AS proposed_by FROM proposals p \
         JOIN invitations i ON i.id = p.invitation_id \
         JOIN stakeholders s ON s.id = i.stakeholder_id WHERE i.campaign_id = $1 AND p.status = 'pending' ORDER BY p.id",
    )
    .bind(campaign)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(PendingProposal {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            level: r.try_get("level")?,
            kind: r.try_get("kind")?,
            proposed_by: r.try_get("proposed_by")?,
        })
    })
    .collect::<sqlx::Result<_>>()?;
    let corrections = sqlx::query(
        "SELECT c.id, c.stakeholder_id, s.name AS stakeholder, c.field, c.current_value AS current, \
         c.proposed_value AS proposed FROM corrections c \
         JOIN invitations i ON i.id = c.invitation_id JOIN stakeholders s ON s.id = c.stakeholder_id \
         WHERE i.campaign_id = $1 AND c.status = 'pending' ORDER BY s.name_key, c.id",
    )
    .bind(campaign)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(PendingCorrection {
            id: r.try_get("id")?,
            stakeholder_id: r.try_get("stakeholder_id")?,
            stakeholder: r.try_get("stakeholder")?,
            field: r.try_get("field")?,
            current: r.try_get("current")?,
            proposed: r.try_get("proposed")?,
        })
    })
    .collect::<sqlx::Result<_>>()?;
    Ok((proposals, corrections))
}
