//! The project's phases.

use super::{StoreError, now, record_change};
use crate::domain::phase::Phase;
use crate::domain::values::{date, format_date};
use sqlx::{AnyConnection, Row};

fn row_to_phase(r: &sqlx::any::AnyRow) -> sqlx::Result<Phase> {
    let day = |name: &str| -> sqlx::Result<Option<time::Date>> {
        Ok(r.try_get::<Option<String>, _>(name)?.and_then(|s| date(&s).ok()))
    };
    let map = |name: &str| -> sqlx::Result<std::collections::BTreeMap<String, String>> {
        Ok(serde_json::from_str(&r.try_get::<String, _>(name)?).unwrap_or_default())
    };
    let decode = |what: &str| sqlx::Error::Decode(format!("phase without {what}").into());
    Ok(Phase {
        id: r.try_get("id")?,
        position: r.try_get("position")?,
        code: r.try_get("code")?,
        titles: map("titles")?,
        descriptions: map("descriptions")?,
        planned_start: day("planned_start")?.ok_or_else(|| decode("a planned start"))?,
        planned_end: day("planned_end")?.ok_or_else(|| decode("a planned end"))?,
        actual_start: day("actual_start")?,
        actual_end: day("actual_end")?,
        status: r.try_get("status")?,
        updated_at: r.try_get("updated_at")?,
    })
}

const COLUMNS: &str = "SELECT id, position, code, titles, descriptions, planned_start, planned_end, actual_start, \
    actual_end, status, updated_at FROM phases";

pub async fn list(conn: &mut AnyConnection) -> sqlx::Result<Vec<Phase>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("{COLUMNS} ORDER BY position")))
        .fetch_all(conn)
        .await?
        .iter()
        .map(row_to_phase)
        .collect()
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<Phase>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("{COLUMNS} WHERE id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .as_ref()
        .map(row_to_phase)
        .transpose()
}

/// Stores `p` and returns it with its new `updated_at`.
pub async fn update(conn: &mut AnyConnection, mut p: Phase) -> Result<Phase, StoreError> {
    p.updated_at = now();
    record_change(conn, "phase", p.id, "update").await?;
    let done = sqlx::query(
        "UPDATE phases SET titles = $1, descriptions = $2, planned_start = $3, planned_end = $4, actual_start = $5, \
         actual_end = $6, status = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(serde_json::to_string(&p.titles).unwrap_or_default())
    .bind(serde_json::to_string(&p.descriptions).unwrap_or_default())
    .bind(format_date(p.planned_start))
    .bind(format_date(p.planned_end))
    .bind(p.actual_start.map(format_date))
    .bind(p.actual_end.map(format_date))
    .bind(p.status.clone())
    .bind(p.updated_at.clone())
    .bind(p.id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(p)
}
