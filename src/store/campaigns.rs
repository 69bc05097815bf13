//! Survey campaigns and their invitations.

use super::{StoreError, now, record_change};
use crate::survey::token::{Secret, hash};
use sqlx::{AnyConnection, Row};

pub struct NewCampaign<'a> {
    pub title: &'a str,
    pub definition_id: &'a str,
    pub definition_version: i64,
    pub definition: &'a str,
    pub opens_on: &'a str,
    pub closes_on: &'a str,
}

/// Opens a campaign and invites `stakeholders`, each with its own link; only the hash of
/// each link's token is stored.
pub async fn open(
    conn: &mut AnyConnection,
    campaign: &NewCampaign<'_>,
    stakeholders: &[i64],
    secret: &Secret,
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
    .try_get(0)?;
    for &stakeholder in stakeholders {
        let invitation: i64 = sqlx::query(
            "INSERT INTO invitations (campaign_id, stakeholder_id, lang, created_at) VALUES ($1, $2, 'fr', $3) RETURNING id",
        )
        .bind(id)
        .bind(stakeholder)
        .bind(ts.clone())
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
        sqlx::query("UPDATE invitations SET token_hash = $1 WHERE id = $2")
            .bind(hash(&secret.token(invitation)))
            .bind(invitation)
            .execute(&mut *conn)
            .await?;
    }
    record_change(conn, "campaign", id, "open").await?;
    Ok(id)
}

pub struct Invitee {
    pub invitation_id: i64,
    pub stakeholder_id: i64,
    pub name: String,
    /// The organisation's address, else its first contact person's.
    pub email: Option<String>,
    pub lang: String,
}

pub async fn invitees(conn: &mut AnyConnection, campaign: i64) -> sqlx::Result<Vec<Invitee>> {
    sqlx::query(
        "SELECT i.id, s.id, s.name, COALESCE(s.email, (SELECT c.email FROM contacts c WHERE c.stakeholder_id = s.id \
         AND c.email IS NOT NULL ORDER BY c.position LIMIT 1)), i.lang \
         FROM invitations i JOIN stakeholders s ON s.id = i.stakeholder_id WHERE i.campaign_id = $1 ORDER BY s.name_key",
    )
    .bind(campaign)
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(Invitee {
            invitation_id: r.try_get(0)?,
            stakeholder_id: r.try_get(1)?,
            name: r.try_get(2)?,
            email: r.try_get(3)?,
            lang: r.try_get(4)?,
        })
    })
    .collect()
}

/// The invitation a link's token opens: (invitation, campaign, stakeholder).
pub async fn by_token(conn: &mut AnyConnection, token: &str) -> sqlx::Result<Option<(i64, i64, i64)>> {
    sqlx::query("SELECT id, campaign_id, stakeholder_id FROM invitations WHERE token_hash = $1")
        .bind(hash(token))
        .fetch_optional(conn)
        .await?
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?)))
        .transpose()
}
