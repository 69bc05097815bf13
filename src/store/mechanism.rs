//! The coordination mechanism: bodies with their members, meetings with attendance and
//! action items. Each mutation writes its change row in the caller's transaction.

use super::{StoreError, flag, now, on_unique, record_change};
use crate::domain::mechanism::{ActionItem, Attendee, Body, BodyData, Meeting, MeetingData, Member};
use crate::domain::problem::Message;
use crate::domain::values::{date, format_date};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

fn day(r: &sqlx::any::AnyRow, name: &str) -> sqlx::Result<Option<time::Date>> {
    Ok(r.try_get::<Option<String>, _>(name)?.and_then(|s| date(&s).ok()))
}

fn required_day(r: &sqlx::any::AnyRow, name: &str) -> sqlx::Result<time::Date> {
    day(r, name)?.ok_or_else(|| sqlx::Error::Decode(format!("{name} is not a date").into()))
}

const BODY_COLUMNS: &str = "SELECT id, name, kind, level_code, sectors, territory_ins, frequency, established_on, \
    description, archived, updated_at FROM bodies";

fn row_to_body(r: &sqlx::any::AnyRow) -> sqlx::Result<Body> {
    Ok(Body {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        kind: r.try_get("kind")?,
        level: r.try_get("level_code")?,
        sectors: serde_json::from_str(&r.try_get::<String, _>("sectors")?).unwrap_or_default(),
        territory: r.try_get("territory_ins")?,
        frequency: r.try_get("frequency")?,
        established_on: required_day(r, "established_on")?,
        description: r.try_get("description")?,
        members: Vec::new(),
        archived: r.try_get::<i64, _>("archived")? != 0,
        updated_at: r.try_get("updated_at")?,
    })
}

/// The members of `body` (of every body when None), by body, in their order.
async fn members(conn: &mut AnyConnection, body: Option<i64>) -> sqlx::Result<HashMap<i64, Vec<Member>>> {
    let mut sql = "SELECT m.body_id, m.stakeholder_id, m.role, s.name FROM body_members m \
        JOIN stakeholders s ON s.id = m.stakeholder_id"
        .to_owned();
    if body.is_some() {
        sql.push_str(" WHERE m.body_id = $1");
    }
    sql.push_str(" ORDER BY m.body_id, m.position");
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    if let Some(id) = body {
        q = q.bind(id);
    }
    let mut out: HashMap<i64, Vec<Member>> = HashMap::new();
    for r in q.fetch_all(conn).await? {
        out.entry(r.try_get("body_id")?).or_default().push(Member {
            stakeholder_id: r.try_get("stakeholder_id")?,
            name: r.try_get("name")?,
            role: r.try_get("role")?,
        });
    }
    Ok(out)
}

pub async fn bodies(conn: &mut AnyConnection, include_archived: bool) -> sqlx::Result<Vec<Body>> {
    let filter = if include_archived { "" } else { " WHERE archived = 0" };
    let mut list: Vec<Body> = sqlx::query(sqlx::AssertSqlSafe(format!("{BODY_COLUMNS}{filter} ORDER BY name")))
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(row_to_body)
        .collect::<sqlx::Result<_>>()?;
    let mut members = members(conn, None).await?;
    for b in &mut list {
        b.members = members.remove(&b.id).unwrap_or_default();
    }
    Ok(list)
}

pub async fn body(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<Body>> {
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(format!("{BODY_COLUMNS} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut b = row_to_body(&row)?;
    b.members = members(conn, Some(id)).await?.remove(&id).unwrap_or_default();
    Ok(Some(b))
}

fn name_taken(err: sqlx::Error, name: &str) -> StoreError {
    on_unique(err, "name", Message::new("conflict-body-name").with("name", name))
}

async fn write_members(conn: &mut AnyConnection, id: i64, members: &[(i64, String)]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM body_members WHERE body_id = $1").bind(id).execute(&mut *conn).await?;
    for (position, (stakeholder, role)) in members.iter().enumerate() {
        sqlx::query("INSERT INTO body_members (body_id, stakeholder_id, position, role) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(*stakeholder)
            .bind(position as i64)
            .bind(role.clone())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn create_body(conn: &mut AnyConnection, d: &BodyData) -> Result<i64, StoreError> {
    let at = now();
    let id: i64 = sqlx::query(
        "INSERT INTO bodies (name, kind, level_code, sectors, territory_ins, frequency, established_on, description, \
         archived, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $9) RETURNING id",
    )
    .bind(d.name.clone())
    .bind(d.kind.clone())
    .bind(d.level.clone())
    .bind(serde_json::to_string(&d.sectors).unwrap_or_default())
    .bind(d.territory.clone())
    .bind(d.frequency.clone())
    .bind(format_date(d.established_on))
    .bind(d.description.clone())
    .bind(at)
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| name_taken(e, &d.name))?
    .try_get("id")?;
    write_members(conn, id, &d.members).await?;
    record_change(conn, "body", id, "create").await?;
    Ok(id)
}

pub async fn update_body(conn: &mut AnyConnection, id: i64, d: &BodyData) -> Result<(), StoreError> {
    record_change(conn, "body", id, "update").await?;
    let done = sqlx::query(
        "UPDATE bodies SET name = $1, kind = $2, level_code = $3, sectors = $4, territory_ins = $5, frequency = $6, \
         established_on = $7, description = $8, updated_at = $9 WHERE id = $10",
    )
    .bind(d.name.clone())
    .bind(d.kind.clone())
    .bind(d.level.clone())
    .bind(serde_json::to_string(&d.sectors).unwrap_or_default())
    .bind(d.territory.clone())
    .bind(d.frequency.clone())
    .bind(format_date(d.established_on))
    .bind(d.description.clone())
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map_err(|e| name_taken(e, &d.name))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    write_members(conn, id, &d.members).await?;
    Ok(())
}

pub async fn set_body_archived(conn: &mut AnyConnection, id: i64, archived: bool) -> Result<(), StoreError> {
    record_change(conn, "body", id, if archived { "archive" } else { "restore" }).await?;
    let done = sqlx::query("UPDATE bodies SET archived = $1, updated_at = $2 WHERE id = $3")
        .bind(flag(archived))
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Adds one member to a body (an accepted suggestion); nothing when it is a member already.
pub async fn add_member(conn: &mut AnyConnection, body: i64, stakeholder: i64, role: &str) -> Result<bool, StoreError> {
    let next: i64 = sqlx::query("SELECT COALESCE(MAX(position), -1) + 1 AS next FROM body_members WHERE body_id = $1")
        .bind(body)
        .fetch_one(&mut *conn)
        .await?
        .try_get("next")?;
    let exists = sqlx::query("SELECT 1 AS one FROM body_members WHERE body_id = $1 AND stakeholder_id = $2")
        .bind(body)
        .bind(stakeholder)
        .fetch_optional(&mut *conn)
        .await?
        .is_some();
    if exists {
        return Ok(false);
    }
    record_change(conn, "body", body, "update").await?;
    sqlx::query("INSERT INTO body_members (body_id, stakeholder_id, position, role) VALUES ($1, $2, $3, $4)")
        .bind(body)
        .bind(stakeholder)
        .bind(next)
        .bind(role.to_owned())
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

const MEETING_COLUMNS: &str =
    "SELECT id, held_on, phase_code, body_id, title, agenda, minutes, decisions, updated_at FROM meetings";

fn row_to_meeting(r: &sqlx::any::AnyRow) -> sqlx::Result<Meeting> {
    Ok(Meeting {
        id: r.try_get("id")?,
        held_on: required_day(r, "held_on")?,
        phase: r.try_get("phase_code")?,
        body_id: r.try_get("body_id")?,
        title: r.try_get("title")?,
        agenda: r.try_get("agenda")?,
        minutes: r.try_get("minutes")?,
        decisions: r.try_get("decisions")?,
        attendees: Vec::new(),
        actions: Vec::new(),
        updated_at: r.try_get("updated_at")?,
    })
}

const ACTION_COLUMNS: &str = "SELECT a.id, a.meeting_id, a.description, a.owner_id, s.name AS owner, a.due_on, \
    a.status, m.body_id, m.title AS meeting_title, m.held_on FROM action_items a \
    JOIN meetings m ON m.id = a.meeting_id JOIN stakeholders s ON s.id = a.owner_id";

fn row_to_action(r: &sqlx::any::AnyRow) -> sqlx::Result<ActionItem> {
    Ok(ActionItem {
        id: r.try_get("id")?,
        meeting_id: r.try_get("meeting_id")?,
        description: r.try_get("description")?,
        owner_id: r.try_get("owner_id")?,
        owner: r.try_get("owner")?,
        due_on: day(r, "due_on")?,
        status: r.try_get("status")?,
        body_id: r.try_get("body_id")?,
        meeting_title: r.try_get("meeting_title")?,
        held_on: required_day(r, "held_on")?,
    })
}

/// Every action item, oldest meeting first; `meeting` narrows to one meeting's.
pub async fn action_items(conn: &mut AnyConnection, meeting: Option<i64>) -> sqlx::Result<Vec<ActionItem>> {
    let filter = if meeting.is_some() { " WHERE a.meeting_id = $1" } else { "" };
    let sql = format!("{ACTION_COLUMNS}{filter} ORDER BY m.held_on, m.id, a.position");
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    if let Some(id) = meeting {
        q = q.bind(id);
    }
    q.fetch_all(conn).await?.iter().map(row_to_action).collect()
}

pub async fn action_item(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<ActionItem>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("{ACTION_COLUMNS} WHERE a.id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .as_ref()
        .map(row_to_action)
        .transpose()
}

async fn attendees(conn: &mut AnyConnection, meeting: Option<i64>) -> sqlx::Result<HashMap<i64, Vec<Attendee>>> {
    let filter = if meeting.is_some() { " WHERE a.meeting_id = $1" } else { "" };
    let sql = format!(
        "SELECT a.meeting_id, a.stakeholder_id, a.role, a.contact, s.name FROM meeting_attendees a \
         JOIN stakeholders s ON s.id = a.stakeholder_id{filter} ORDER BY a.meeting_id, a.position"
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    if let Some(id) = meeting {
        q = q.bind(id);
    }
    let mut out: HashMap<i64, Vec<Attendee>> = HashMap::new();
    for r in q.fetch_all(conn).await? {
        out.entry(r.try_get("meeting_id")?).or_default().push(Attendee {
            stakeholder_id: r.try_get("stakeholder_id")?,
            name: r.try_get("name")?,
            role: r.try_get("role")?,
            contact: r.try_get("contact")?,
        });
    }
    Ok(out)
}

/// Every meeting, most recent first, with its attendees and action items.
pub async fn meetings(conn: &mut AnyConnection) -> sqlx::Result<Vec<Meeting>> {
    let mut list: Vec<Meeting> =
        sqlx::query(sqlx::AssertSqlSafe(format!("{MEETING_COLUMNS} ORDER BY held_on DESC, id DESC")))
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(row_to_meeting)
            .collect::<sqlx::Result<_>>()?;
    let mut people = attendees(&mut *conn, None).await?;
    let mut actions: HashMap<i64, Vec<ActionItem>> = HashMap::new();
    for a in action_items(conn, None).await? {
        actions.entry(a.meeting_id).or_default().push(a);
    }
    for m in &mut list {
        m.attendees = people.remove(&m.id).unwrap_or_default();
        m.actions = actions.remove(&m.id).unwrap_or_default();
    }
    Ok(list)
}

pub async fn meeting(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<Meeting>> {
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(format!("{MEETING_COLUMNS} WHERE id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut m = row_to_meeting(&row)?;
    m.attendees = attendees(&mut *conn, Some(id)).await?.remove(&id).unwrap_or_default();
    m.actions = action_items(conn, Some(id)).await?;
    Ok(Some(m))
}

/// Who attended each meeting: (meeting, its day, stakeholders), for co-attendance.
pub async fn attendance(conn: &mut AnyConnection) -> sqlx::Result<Vec<(i64, time::Date, Vec<i64>)>> {
    let mut out: Vec<(i64, time::Date, Vec<i64>)> = Vec::new();
    for r in sqlx::query(
        "SELECT a.meeting_id, a.stakeholder_id, m.held_on FROM meeting_attendees a \
         JOIN meetings m ON m.id = a.meeting_id ORDER BY a.meeting_id",
    )
    .fetch_all(conn)
    .await?
    {
        let (meeting, who): (i64, i64) = (r.try_get("meeting_id")?, r.try_get("stakeholder_id")?);
        match out.last_mut() {
            Some((m, _, list)) if *m == meeting => list.push(who),
            _ => out.push((meeting, required_day(&r, "held_on")?, vec![who])),
        }
    }
    Ok(out)
}

async fn write_meeting_parts(conn: &mut AnyConnection, id: i64, d: &MeetingData) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM meeting_attendees WHERE meeting_id = $1").bind(id).execute(&mut *conn).await?;
    for (position, (stakeholder, role, contact)) in d.attendees.iter().enumerate() {
        sqlx::query(
            "INSERT INTO meeting_attendees (meeting_id, stakeholder_id, position, role, contact) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(*stakeholder)
        .bind(position as i64)
        .bind(role.clone())
        .bind(contact.clone())
        .execute(&mut *conn)
        .await?;
    }
    // Items kept by id stay the same rows (their history with them); others are removed.
    let kept: Vec<i64> = d.actions.iter().filter_map(|a| a.id).collect();
    let existing: Vec<i64> = sqlx::query("SELECT id FROM action_items WHERE meeting_id = $1")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<sqlx::Result<_>>()?;
    for gone in existing.iter().filter(|e| !kept.contains(e)) {
        record_change(conn, "action_item", *gone, "delete").await?;
        sqlx::query("DELETE FROM action_items WHERE id = $1").bind(*gone).execute(&mut *conn).await?;
    }
    let at = now();
    for (position, a) in d.actions.iter().enumerate() {
        match a.id.filter(|i| existing.contains(i)) {
            Some(item) => {
                record_change(conn, "action_item", item, "update").await?;
                sqlx::query(
                    "UPDATE action_items SET position = $1, description = $2, owner_id = $3, due_on = $4, \
                     status = $5, updated_at = $6 WHERE id = $7",
                )
                .bind(position as i64)
                .bind(a.description.clone())
                .bind(a.owner_id)
                .bind(a.due_on.map(format_date))
                .bind(a.status.clone())
                .bind(at.clone())
                .bind(item)
                .execute(&mut *conn)
                .await?;
            }
            None => {
                let item: i64 = sqlx::query(
                    "INSERT INTO action_items (meeting_id, position, description, owner_id, due_on, status, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(id)
                .bind(position as i64)
                .bind(a.description.clone())
                .bind(a.owner_id)
                .bind(a.due_on.map(format_date))
                .bind(a.status.clone())
                .bind(at.clone())
                .fetch_one(&mut *conn)
                .await?
                .try_get("id")?;
                record_change(conn, "action_item", item, "create").await?;
            }
        }
    }
    Ok(())
}

pub async fn create_meeting(conn: &mut AnyConnection, d: &MeetingData) -> Result<i64, StoreError> {
    let at = now();
    let id: i64 = sqlx::query(
        "INSERT INTO meetings (held_on, phase_code, body_id, title, agenda, minutes, decisions, created_at, \
         updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(format_date(d.held_on))
    .bind(d.phase.clone())
    .bind(d.body_id)
    .bind(d.title.clone())
    .bind(d.agenda.clone())
    .bind(d.minutes.clone())
    .bind(d.decisions.clone())
    .bind(at)
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    write_meeting_parts(conn, id, d).await?;
    record_change(conn, "meeting", id, "create").await?;
    Ok(id)
}

pub async fn update_meeting(conn: &mut AnyConnection, id: i64, d: &MeetingData) -> Result<(), StoreError> {
    record_change(conn, "meeting", id, "update").await?;
    let done = sqlx::query(
        "UPDATE meetings SET held_on = $1, phase_code = $2, body_id = $3, title = $4, agenda = $5, minutes = $6, \
         decisions = $7, updated_at = $8 WHERE id = $9",
    )
    .bind(format_date(d.held_on))
    .bind(d.phase.clone())
    .bind(d.body_id)
    .bind(d.title.clone())
    .bind(d.agenda.clone())
    .bind(d.minutes.clone())
    .bind(d.decisions.clone())
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    write_meeting_parts(conn, id, d).await?;
    Ok(())
}

/// Removes a meeting recorded in error, with its attendance and action items.
pub async fn delete_meeting(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    let items: Vec<i64> = sqlx::query("SELECT id FROM action_items WHERE meeting_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<sqlx::Result<_>>()?;
    for item in items {
        record_change(conn, "action_item", item, "delete").await?;
    }
    record_change(conn, "meeting", id, "delete").await?;
    sqlx::query("DELETE FROM action_items WHERE meeting_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM meeting_attendees WHERE meeting_id = $1").bind(id).execute(&mut *conn).await?;
    let done = sqlx::query("DELETE FROM meetings WHERE id = $1").bind(id).execute(&mut *conn).await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn set_action_status(conn: &mut AnyConnection, id: i64, status: &str) -> Result<(), StoreError> {
    record_change(conn, "action_item", id, "update").await?;
    let done = sqlx::query("UPDATE action_items SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.to_owned())
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Records a dismissed suggestion: (kind, body, stakeholder, commune, sector).
pub async fn dismiss(
    conn: &mut AnyConnection,
    kind: &str,
    body: Option<i64>,
    stakeholder: i64,
    commune: Option<&str>,
    sector: Option<&str>,
) -> Result<i64, StoreError> {
    let id: i64 = sqlx::query(
        "INSERT INTO suggestion_dismissals (kind, body_id, stakeholder_id, commune_ins, sector, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(kind.to_owned())
    .bind(body)
    .bind(stakeholder)
    .bind(commune.map(str::to_owned))
    .bind(sector.map(str::to_owned))
    .bind(now())
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    record_change(conn, "suggestion", id, "dismiss").await?;
    Ok(id)
}

/// The stakeholders dismissed for a body.
pub async fn dismissed_for_body(conn: &mut AnyConnection, body: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query("SELECT stakeholder_id FROM suggestion_dismissals WHERE kind = 'reach' AND body_id = $1")
        .bind(body)
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| r.try_get("stakeholder_id"))
        .collect()
}

/// The (stakeholder, commune) pairs dismissed for a sector.
pub async fn dismissed_for_sector(conn: &mut AnyConnection, sector: &str) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query("SELECT stakeholder_id, commune_ins FROM suggestion_dismissals WHERE kind = 'gap' AND sector = $1")
        .bind(sector.to_owned())
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("stakeholder_id")?, r.try_get::<Option<String>, _>("commune_ins")?.unwrap_or_default())))
        .collect()
}
