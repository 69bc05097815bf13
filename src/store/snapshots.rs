//! Snapshots of the network: listed without their data, read whole when compared.

use super::{StoreError, now, record_change};
use crate::domain::snapshot::{Snapshot, SnapshotData};
use crate::domain::values::{date, format_date};
use sqlx::{AnyConnection, Row};

fn row_to_snapshot(r: &sqlx::any::AnyRow) -> sqlx::Result<Snapshot> {
    let taken: String = r.try_get("taken_on")?;
    Ok(Snapshot {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        taken_on: date(&taken).map_err(|_| sqlx::Error::Decode(format!("taken_on {taken:?}").into()))?,
        created_at: r.try_get("created_at")?,
        stakeholders: r.try_get("stakeholders")?,
        links: r.try_get("links")?,
    })
}

/// Every snapshot, oldest first.
pub async fn list(conn: &mut AnyConnection) -> sqlx::Result<Vec<Snapshot>> {
    sqlx::query("SELECT id, name, taken_on, created_at, stakeholders, links FROM snapshots ORDER BY taken_on, id")
        .fetch_all(conn)
        .await?
        .iter()
        .map(row_to_snapshot)
        .collect()
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<(Snapshot, SnapshotData)>, StoreError> {
    let Some(r) =
        sqlx::query("SELECT id, name, taken_on, created_at, stakeholders, links, data FROM snapshots WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?
    else {
        return Ok(None);
    };
    let data: SnapshotData = serde_json::from_str(&r.try_get::<String, _>("data")?)
        .map_err(|e| sqlx::Error::Decode(format!("snapshot {id}: {e}").into()))?;
    Ok(Some((row_to_snapshot(&r)?, data)))
}

pub async fn create(
    conn: &mut AnyConnection,
    name: &str,
    taken_on: time::Date,
    data: &SnapshotData,
) -> Result<i64, StoreError> {
    let json = serde_json::to_string(data).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let id: i64 = sqlx::query(
        "INSERT INTO snapshots (name, taken_on, stakeholders, links, data, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
         RETURNING id",
    )
    .bind(name.to_owned())
    .bind(format_date(taken_on))
    .bind(data.stakeholders.len() as i64)
    .bind(data.links.len() as i64)
    .bind(json)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    record_change(conn, "snapshot", id, "create").await?;
    Ok(id)
}

pub async fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    record_change(conn, "snapshot", id, "delete").await?;
    let done = sqlx::query("DELETE FROM snapshots WHERE id = $1").bind(id).execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
