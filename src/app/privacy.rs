//! Data-protection requests about one person (GDPR arts. 15 and 17): everything held about
//! them, and its erasure from every table while the organisation-level network stays.

use super::{Action, Actor, AppError, AppState, Work};
use crate::domain::problem::Message;
use crate::store;
use crate::store::privacy::{Erased, Person};
use serde_json::{Value, json};

/// Who a request is about: an e-mail address, or a contact person's number (`contact:12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    Email(String),
    Contact(i64),
}

impl Who {
    pub fn parse(raw: &str) -> Result<Who, AppError> {
        let raw = raw.trim();
        if let Some(id) = raw.strip_prefix("contact:").or(Some(raw).filter(|r| r.chars().all(|c| c.is_ascii_digit())))
            && let Ok(id) = id.trim().parse()
        {
            return Ok(Who::Contact(id));
        }
        if crate::domain::values::Email::parse(raw).is_ok() {
            return Ok(Who::Email(raw.to_owned()));
        }
        Err(AppError::Conflict { field: "who", message: Message::new("privacy-who-unknown").with("value", raw) })
    }
}

async fn person(conn: &mut sqlx::AnyConnection, who: &Who) -> Result<Person, AppError> {
    let person = match who {
        Who::Email(e) => store::privacy::by_email(conn, e).await?,
        Who::Contact(id) => store::privacy::contact(conn, *id).await?.ok_or(AppError::NotFound)?,
    };
    if person.is_empty() {
        return Err(AppError::Conflict { field: "who", message: Message::new("privacy-who-vague") });
    }
    Ok(person)
}

/// Everything held about the person, by table (GDPR art. 15), as one JSON document.
pub async fn export(state: &AppState, actor: &Actor, who: &Who) -> Result<Value, AppError> {
    actor.require(Action::ReadPersonal)?;
    let mut conn = state.db.pool.acquire().await?;
    let person = person(&mut conn, who).await?;
    let held = store::privacy::find(&mut conn, &person).await?;
    let rows: usize = held.values().map(Vec::len).sum();
    Ok(json!({
        "about": person,
        "exported_at": store::now(),
        "rows": rows,
        "held": held,
    }))
}

/// Contact persons not confirmed for longer than the retention period (`--retention-months`,
/// 24 by default): to confirm with the stakeholder, or to erase. Returns the period too.
pub async fn due(state: &AppState, actor: &Actor) -> Result<(u32, Vec<store::privacy::Due>), AppError> {
    actor.require(Action::ReadPersonal)?;
    let months = state.settings.retention_months();
    let today = state.clock.now().date();
    let cutoff = today.checked_sub(time::Duration::days(i64::from(months) * 365 / 12)).unwrap_or(today);
    let mut conn = state.db.pool.acquire().await?;
    let list = store::privacy::due(&mut conn, &crate::domain::values::format_date(cutoff)).await?;
    Ok((months, list))
}

/// Erases the person from every table (GDPR art. 17), in one transaction; the erasure is
/// recorded (what it touched, by table) without the erased values.
pub async fn erase(state: &AppState, actor: &Actor, who: &Who) -> Result<Erased, AppError> {
    actor.require(Action::ManageUsers)?;
    let mut work = Work::begin(state, actor, "privacy.erase").await?;
    let person = person(&mut work, who).await?;
    let done = store::privacy::erase(&mut work, &person).await?;
    for s in &done.stakeholders {
        store::stakeholders::refresh_derived(&mut work, *s).await?;
    }
    let rows: usize = done.tables.values().sum();
    store::audit::record_done(
        &mut work,
        "erasure",
        rows as i64,
        "erase",
        &json!({ "rows": rows, "tables": done.tables, "stakeholders": done.stakeholders.len() }),
    )
    .await?;
    work.commit().await?;
    // SQLite keeps old pages in its write-ahead log until a checkpoint: write them back now
    // (deleted content is zeroed: `secure_delete`).
    if state.db.backend == crate::db::Backend::Sqlite {
        let mut conn = state.db.pool.acquire().await?;
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").fetch_all(&mut *conn).await?;
    }
    Ok(done)
}
