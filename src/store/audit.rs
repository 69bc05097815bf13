//! The audit trail: what each kind of record is made of (its row, its child rows), its values
//! as JSON, the rows of `changes` with their values before and after, and reverting them.
//!
//! A store function that changes a record calls [`record_change`] before it changes it (the
//! values before are read then) or, for a creation, after it (there were none). When the use
//! case commits, [`finish`] makes the transaction's rows one operation: one row per record
//! (the first values before, the values at the end), signed with the actor.

use super::schema::{self, Kind, Table};
use super::{StoreError, now};
use crate::domain::problem::Message;
use serde_json::{Map, Value};
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use std::collections::{BTreeSet, HashMap};

/// A kind of record whose changes are recorded.
pub struct Entity {
    pub name: &'static str,
    pub table: &'static str,
    /// Columns left out of the values: derived from others, secrets, bulky copies, timestamps
    /// that every write moves.
    pub hidden: &'static [&'static str],
    /// Fields holding personal data: redacted for roles that may not see it, and searched
    /// by the erasure.
    pub personal: &'static [&'static str],
    pub children: &'static [Child],
    /// What reverting the record's creation does.
    pub undo_create: UndoCreate,
    /// Actions that are never reverted (a password change).
    pub final_actions: &'static [&'static str],
    /// Fields that a revert never empties once set (a revoked token stays revoked).
    pub one_way: &'static [&'static str],
}

/// Rows of another table that belong to the record, shown as one field (a list of objects).
pub struct Child {
    pub field: &'static str,
    pub table: &'static str,
    /// The column holding the record's id.
    pub parent: &'static str,
    /// Which of the rows belong to the record (SQL, may be empty).
    pub filter: &'static str,
    pub order: &'static str,
    pub hidden: &'static [&'static str],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UndoCreate {
    /// Sets this flag column to 1 (records that are never deleted).
    Flag(&'static str),
    /// Sets this timestamp column to now (a token is revoked).
    Stamp(&'static str),
    /// Deletes the record and its child rows.
    Delete,
    /// A creation that cannot be taken back (a campaign once its links went out).
    Never,
}

const NONE: &[&str] = &[];

pub static ENTITIES: &[Entity] = &[
    Entity {
        name: "stakeholder",
        table: "stakeholders",
        hidden: &["name_key", "acronym_key", "search_text", "created_at", "updated_at", "possible_duplicate_of"],
        personal: &["email", "phone", "notes", "contacts"],
        children: &[
            Child {
                field: "sectors",
                table: "stakeholder_sectors",
                parent: "stakeholder_id",
                filter: "",
                order: "sector_code",
                hidden: NONE,
            },
            Child {
                field: "territory",
                table: "stakeholder_territories",
                parent: "stakeholder_id",
                filter: "",
                order: "ins_code",
                hidden: NONE,
            },
            Child {
                field: "contacts",
                table: "contacts",
                parent: "stakeholder_id",
                filter: "",
                order: "position",
                hidden: &["id"],
            },
        ],
        undo_create: UndoCreate::Flag("archived"),
        final_actions: NONE,
        one_way: NONE,
    },
    Entity {
        name: "link",
        table: "links",
        hidden: &["created_at", "updated_at"],
        personal: &["note"],
        children: &[],
        undo_create: UndoCreate::Flag("archived"),
        final_actions: NONE,
        one_way: NONE,
    },
    Entity {
        name: "campaign",
        table: "campaigns",
        hidden: &["definition", "created_at"],
        personal: NONE,
        children: &[],
        undo_create: UndoCreate::Never,
        final_actions: NONE,
        one_way: NONE,
    },
    Entity {
        name: "response",
        table: "invitations",
        hidden: &["token_hash", "created_at"],
        personal: &["response", "corrections"],
        children: &[
            Child {
                field: "response",
                table: "responses",
                parent: "invitation_id",
                filter: "",
                order: "invitation_id",
                hidden: NONE,
            },
            Child {
                field: "proposals",
                table: "proposals",
                parent: "invitation_id",
                filter: "status = 'pending'",
                order: "id",
                hidden: NONE,
            },
            Child {
                field: "corrections",
                table: "corrections",
                parent: "invitation_id",
                filter: "status = 'pending'",
                order: "id",
                hidden: NONE,
            },
            Child { field: "ties", table: "ties", parent: "invitation_id", filter: "", order: "id", hidden: NONE },
        ],
        undo_create: UndoCreate::Never,
        // A withdrawal is taken back by inviting again, with a new link; a revoked link stays
        // revoked.
        final_actions: &["invite", "reinstate", "withdraw", "relink"],
        one_way: NONE,
    },
    Entity {
        name: "proposal",
        table: "proposals",
        hidden: &["created_at"],
        personal: NONE,
        children: &[],
        undo_create: UndoCreate::Never,
        final_actions: NONE,
        one_way: NONE,
    },
    Entity {
        name: "correction",
        table: "corrections",
        hidden: &["created_at"],
        personal: &["current_value", "proposed_value"],
        children: &[],
        undo_create: UndoCreate::Never,
        final_actions: NONE,
        one_way: NONE,
    },
    Entity {
        name: "user",
        table: "users",
        hidden: &["password_hash", "totp_secret", "totp_pending", "totp_last_step", "created_at", "updated_at"],
        personal: &["email"],
        children: &[],
        undo_create: UndoCreate::Flag("disabled"),
        final_actions: &["password", "reset_link", "second_factor_on", "second_factor_off"],
        one_way: NONE,
    },
    Entity {
        name: "token",
        table: "api_tokens",
        hidden: &["token_hash", "created_at"],
        personal: NONE,
        children: &[],
        undo_create: UndoCreate::Stamp("revoked_at"),
        final_actions: &["revoke"],
        one_way: &["revoked_at"],
    },
    Entity {
        name: "body",
        table: "bodies",
        hidden: &["created_at", "updated_at"],
        personal: NONE,
        children: &[Child {
            field: "members",
            table: "body_members",
            parent: "body_id",
            filter: "",
            order: "position",
            hidden: NONE,
        }],
        undo_create: UndoCreate::Flag("archived"),
        final_actions: NONE,
        one_way: NONE,
    },
    Entity {
        name: "meeting",
        table: "meetings",
        hidden: &["created_at", "updated_at"],
        personal: &["attendees"],
        children: &[Child {
            field: "attendees",
            table: "meeting_attendees",
            parent: "meeting_id",
            filter: "",
            order: "position",
            hidden: NONE,
        }],
        undo_create: UndoCreate::Delete,
        final_actions: NONE,
        one_way: NONE,
    },
    Entity {
        name: "action_item",
        table: "action_items",
        hidden: &["updated_at"],
        personal: NONE,
        children: &[],
        undo_create: UndoCreate::Delete,
        final_actions: NONE,
        one_way: NONE,
    },
    Entity {
        name: "phase",
        table: "phases",
        hidden: &["updated_at"],
        personal: NONE,
        children: &[],
        undo_create: UndoCreate::Never,
        final_actions: NONE,
        one_way: NONE,
    },
    Entity {
        name: "snapshot",
        table: "snapshots",
        hidden: &["data", "created_at"],
        personal: NONE,
        children: &[],
        undo_create: UndoCreate::Delete,
        final_actions: &["delete"],
        one_way: NONE,
    },
    Entity {
        name: "suggestion",
        table: "suggestion_dismissals",
        hidden: &["created_at"],
        personal: NONE,
        children: &[],
        undo_create: UndoCreate::Delete,
        final_actions: NONE,
        one_way: NONE,
    },
];

/// Kinds of change that are recorded but belong to no record kind (an erasure of a person's
/// data, recorded without the erased values).
pub const RECORDED_ONLY: &[&str] = &["erasure", "reference"];

/// Actions that create their record (it had no values before).
pub const CREATING: &[&str] = &["create", "open", "dismiss", "invite"];

pub fn entity(name: &str) -> Option<&'static Entity> {
    ENTITIES.iter().find(|e| e.name == name)
}

fn unknown(name: &str) -> sqlx::Error {
    sqlx::Error::Protocol(format!("no audit description for records of kind {name:?}"))
}

/// The values of these records (absent ones are left out), read a few statements per 500.
pub async fn states(conn: &mut AnyConnection, entity: &Entity, ids: &[i64]) -> sqlx::Result<HashMap<i64, Value>> {
    let main = schema::table(conn, entity.table).await?;
    let mut children = Vec::with_capacity(entity.children.len());
    for child in entity.children {
        children.push((child, schema::table(conn, child.table).await?));
    }
    let mut out: HashMap<i64, Map<String, Value>> = HashMap::new();
    for chunk in ids.chunks(500) {
        let list = id_list(chunk);
        let sql = format!("SELECT * FROM {} WHERE id IN ({list})", entity.table);
        for r in sqlx::query(AssertSqlSafe(sql)).fetch_all(&mut *conn).await? {
            let mut values = schema::row_values(&main, &r)?;
            values.retain(|k, _| !entity.hidden.contains(&k.as_str()));
            let id = values.get("id").and_then(Value::as_i64).unwrap_or_default();
            out.insert(id, values);
        }
        for (child, table) in &children {
            let filter = if child.filter.is_empty() { String::new() } else { format!(" AND {}", child.filter) };
            let sql = format!(
                "SELECT * FROM {} WHERE {} IN ({list}){filter} ORDER BY {}, {}",
                child.table, child.parent, child.parent, child.order
            );
            let mut lists: HashMap<i64, Vec<Value>> = HashMap::new();
            for r in sqlx::query(AssertSqlSafe(sql)).fetch_all(&mut *conn).await? {
                let mut values = schema::row_values(table, &r)?;
                let parent = values.get(child.parent).and_then(Value::as_i64).unwrap_or_default();
                values.retain(|k, _| k != child.parent && !child.hidden.contains(&k.as_str()));
                lists.entry(parent).or_default().push(Value::Object(values));
            }
            // This chunk's records only (looking them up, not scanning every record read so far).
            for id in chunk {
                if let Some(values) = out.get_mut(id) {
                    values.insert(child.field.to_owned(), Value::Array(lists.remove(id).unwrap_or_default()));
                }
            }
        }
    }
    Ok(out.into_iter().map(|(id, v)| (id, Value::Object(v))).collect())
}

/// The integers of `ids` written out for an `IN (…)` list (integers only: nothing to escape).
fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}

pub async fn state(conn: &mut AnyConnection, entity: &Entity, id: i64) -> sqlx::Result<Option<Value>> {
    Ok(states(conn, entity, &[id]).await?.remove(&id))
}

/// Records that `entity` `entity_id` is about to change (or, for a creation, was created):
/// call it before the change, in the change's transaction.
pub async fn record_change(
    conn: &mut AnyConnection,
    entity: &'static str,
    entity_id: i64,
    action: &'static str,
    detail: Option<&str>,
) -> sqlx::Result<()> {
    let description = self::entity(entity).ok_or_else(|| unknown(entity))?;
    let before = if CREATING.contains(&action) { None } else { state(conn, description, entity_id).await? };
    sqlx::query(
        "INSERT INTO changes (entity, entity_id, action, at, detail, before_values) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(entity)
    .bind(entity_id)
    .bind(action)
    .bind(now())
    .bind(detail.map(str::to_owned))
    .bind(before.map(|b| b.to_string()))
    .execute(conn)
    .await?;
    Ok(())
}

/// `record_change` for many records of one kind at once (their values before read a few
/// statements per 500 records): what a change touching hundreds of records calls.
pub async fn record_changes(
    conn: &mut AnyConnection,
    entity: &'static str,
    ids: &[i64],
    action: &'static str,
) -> sqlx::Result<()> {
    record_states(conn, entity, ids, action, "before_values").await
}

/// One change row per record of `ids`, with its values read now in `column` (values before
/// or after), written a few statements per 500 records.
async fn record_states(
    conn: &mut AnyConnection,
    entity: &'static str,
    ids: &[i64],
    action: &'static str,
    column: &'static str,
) -> sqlx::Result<()> {
    let description = self::entity(entity).ok_or_else(|| unknown(entity))?;
    let table = schema::table(conn, "changes").await?;
    let at = now();
    for chunk in ids.chunks(500) {
        let values = states(conn, description, chunk).await?;
        let rows: Vec<Map<String, Value>> = chunk
            .iter()
            .map(|id| {
                let mut row = Map::new();
                row.insert("entity".into(), entity.into());
                row.insert("entity_id".into(), (*id).into());
                row.insert("action".into(), action.into());
                row.insert("at".into(), at.clone().into());
                row.insert(column.into(), values.get(id).map_or(Value::Null, |v| Value::from(v.to_string())));
                row
            })
            .collect();
        schema::insert_rows(conn, &table, &rows).await?;
    }
    Ok(())
}

/// Records a change whose values after are known and final (an erasure: what it did,
/// without the values it erased); it has no values before and is never reverted.
pub async fn record_done(
    conn: &mut AnyConnection,
    entity: &'static str,
    entity_id: i64,
    action: &'static str,
    after: &Value,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO changes (entity, entity_id, action, at, after_values) VALUES ($1, $2, $3, $4, $5)")
        .bind(entity)
        .bind(entity_id)
        .bind(action)
        .bind(now())
        .bind(after.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Records a change of a kind of record the trail does not read itself (reference data, keyed
/// by code): its values before (none for a creation) and after, as the caller knows them. It
/// is kept as written and never reverted.
pub async fn record_values(
    conn: &mut AnyConnection,
    entity: &'static str,
    entity_id: i64,
    action: &'static str,
    detail: &str,
    before: Option<&Value>,
    after: &Value,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO changes (entity, entity_id, action, at, detail, before_values, after_values) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(entity)
    .bind(entity_id)
    .bind(action)
    .bind(now())
    .bind(detail.to_owned())
    .bind(before.map(Value::to_string))
    .bind(after.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

/// Records the creation of these records with their values after, read now: what a bulk
/// creation (an import) calls once its rows and child rows are written. `finish` keeps such
/// rows as they are, which saves reading every record a second time.
pub async fn record_created(conn: &mut AnyConnection, entity: &'static str, ids: &[i64]) -> sqlx::Result<()> {
    record_states(conn, entity, ids, "create", "after_values").await
}

/// Makes the change rows written since `mark` in this transaction one operation of
/// `use_case` by `actor`: one row per record, with its values before (as first recorded) and
/// after (as they are now). Returns the operation's id, or `None` when nothing changed.
/// A record with one row whose values after are already known (`record_done`,
/// `record_created`) keeps its row; the others are merged and read again.
pub async fn finish(
    conn: &mut AnyConnection,
    mark: i64,
    actor: &str,
    use_case: &str,
    reverts: Option<Reverts>,
) -> sqlx::Result<Option<i64>> {
    let light = sqlx::query(
        "SELECT id, entity, entity_id, CAST(CASE WHEN after_values IS NULL THEN 0 ELSE 1 END AS BIGINT) AS known \
         FROM changes WHERE id > $1 AND operation IS NULL ORDER BY id",
    )
    .bind(mark)
    .fetch_all(&mut *conn)
    .await?;
    if light.is_empty() {
        return Ok(None);
    }
    let operation: i64 = sqlx::query(
        "INSERT INTO operations (use_case, actor, at, reverts_change, reverts_operation) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(use_case.to_owned())
    .bind(actor.to_owned())
    .bind(now())
    .bind(reverts.and_then(|r| r.change))
    .bind(reverts.and_then(|r| r.operation))
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;

    // The rows to merge or complete: records with several rows, or without values after.
    let light: Vec<(i64, (String, i64), bool)> = light
        .iter()
        .map(|r| {
            Ok((r.try_get("id")?, (r.try_get("entity")?, r.try_get("entity_id")?), r.try_get::<i64, _>("known")? == 1))
        })
        .collect::<sqlx::Result<_>>()?;
    let mut groups: HashMap<&(String, i64), (usize, bool)> = HashMap::new();
    for (_, record, known) in &light {
        let g = groups.entry(record).or_insert((0, true));
        g.0 += 1;
        g.1 &= *known;
    }
    // What a recorded-only change wrote (`record_done`, `record_values`) stays as it is.
    let redo: Vec<i64> = light
        .iter()
        .filter(|(_, record, _)| groups[record] != (1, true) && !RECORDED_ONLY.contains(&record.0.as_str()))
        .map(|(id, _, _)| *id)
        .collect();
    let mut rows = Vec::with_capacity(redo.len());
    for chunk in redo.chunks(500) {
        let sql = format!(
            "SELECT id, entity, entity_id, action, at, detail, before_values, after_values FROM changes \
             WHERE id IN ({}) ORDER BY id",
            id_list(chunk)
        );
        rows.extend(sqlx::query(AssertSqlSafe(sql)).fetch_all(&mut *conn).await?);
    }

    // One row per record: the first one's values before and time, the last one's id (the
    // data revision stays the highest id), "create" if it was created here.
    let mut merged: Vec<Map<String, Value>> = Vec::new();
    let mut index: HashMap<(String, i64), usize> = HashMap::new();
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let entity: String = r.try_get("entity")?;
        let entity_id: i64 = r.try_get("entity_id")?;
        let action: String = r.try_get("action")?;
        let detail: Option<String> = r.try_get("detail")?;
        match index.get(&(entity.clone(), entity_id)) {
            Some(&i) => {
                let row = &mut merged[i];
                row.insert("id".into(), id.into());
                // The first action names the change (a creation stays one), unless the record
                // was deleted in the end.
                if action == "delete" {
                    row.insert("action".into(), action.into());
                }
                if row.get("detail").is_none_or(Value::is_null) {
                    row.insert("detail".into(), detail.map(Value::from).unwrap_or(Value::Null));
                }
            }
            None => {
                index.insert((entity.clone(), entity_id), merged.len());
                let mut row = Map::new();
                row.insert("id".into(), id.into());
                row.insert("entity".into(), entity.into());
                row.insert("entity_id".into(), entity_id.into());
                row.insert("action".into(), action.into());
                row.insert("at".into(), r.try_get::<String, _>("at")?.into());
                row.insert("detail".into(), detail.map(Value::from).unwrap_or(Value::Null));
                row.insert("actor".into(), actor.into());
                row.insert("operation".into(), operation.into());
                let before: Option<String> = r.try_get("before_values")?;
                row.insert("before_values".into(), before.map(Value::from).unwrap_or(Value::Null));
                merged.push(row);
            }
        }
    }
    let mut by_entity: HashMap<String, Vec<i64>> = HashMap::new();
    for ((entity, id), i) in &index {
        if !merged[*i].contains_key("after_values") {
            by_entity.entry(entity.clone()).or_default().push(*id);
        }
    }
    for (name, ids) in by_entity {
        let description = entity(&name).ok_or_else(|| unknown(&name))?;
        let after = states(conn, description, &ids).await?;
        for id in ids {
            let row = &mut merged[index[&(name.clone(), id)]];
            let value = after.get(&id).map(|v| Value::from(v.to_string())).unwrap_or(Value::Null);
            row.insert("after_values".into(), value);
        }
    }
    merged.sort_by_key(|r| r.get("id").and_then(Value::as_i64));
    for chunk in redo.chunks(500) {
        sqlx::query(AssertSqlSafe(format!("DELETE FROM changes WHERE id IN ({})", id_list(chunk))))
            .execute(&mut *conn)
            .await?;
    }
    let table = schema::table(conn, "changes").await?;
    schema::insert_rows(conn, &table, &merged).await?;
    // The rows kept as written join the operation.
    sqlx::query("UPDATE changes SET operation = $1, actor = $2 WHERE id > $3 AND operation IS NULL")
        .bind(operation)
        .bind(actor.to_owned())
        .bind(mark)
        .execute(&mut *conn)
        .await?;
    Ok(Some(operation))
}

/// What an operation reverts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reverts {
    pub change: Option<i64>,
    pub operation: Option<i64>,
}

/// One recorded change, with its operation.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Change {
    pub id: i64,
    pub operation: Option<i64>,
    pub use_case: Option<String>,
    pub actor: Option<String>,
    pub at: String,
    pub entity: String,
    pub entity_id: i64,
    pub action: String,
    pub detail: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub reverts_change: Option<i64>,
    pub reverts_operation: Option<i64>,
}

impl Change {
    /// The fields whose values differ before and after (all of them for a creation or a
    /// deletion), in name order.
    pub fn fields(&self) -> Vec<String> {
        changed_fields(self.before.as_ref(), self.after.as_ref())
    }

    /// What the change names the record by (its name or title), when it has one.
    pub fn label(&self) -> Option<String> {
        let values = self.after.as_ref().or(self.before.as_ref())?;
        // `fr`: a reference record's French label.
        ["name", "title", "email", "description", "fr"]
            .iter()
            .find_map(|k| values.get(*k).and_then(Value::as_str).filter(|v| !v.trim().is_empty()))
            .map(str::to_owned)
    }
}

pub fn changed_fields(before: Option<&Value>, after: Option<&Value>) -> Vec<String> {
    let empty = Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let keys: BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    keys.into_iter().filter(|k| b.get(*k) != a.get(*k)).cloned().collect()
}

const CHANGE_COLUMNS: &str = "c.id, c.operation, o.use_case, c.actor, c.at, c.entity, c.entity_id, c.action, \
    c.detail, c.before_values, c.after_values, o.reverts_change, o.reverts_operation";

fn change_row(r: &sqlx::any::AnyRow) -> sqlx::Result<Change> {
    let json = |col: &str| -> sqlx::Result<Option<Value>> {
        Ok(r.try_get::<Option<String>, _>(col)?.and_then(|s| serde_json::from_str(&s).ok()))
    };
    Ok(Change {
        id: r.try_get("id")?,
        operation: r.try_get("operation")?,
        use_case: r.try_get("use_case")?,
        actor: r.try_get("actor")?,
        at: r.try_get("at")?,
        entity: r.try_get("entity")?,
        entity_id: r.try_get("entity_id")?,
        action: r.try_get("action")?,
        detail: r.try_get("detail")?,
        before: json("before_values")?,
        after: json("after_values")?,
        reverts_change: r.try_get("reverts_change")?,
        reverts_operation: r.try_get("reverts_operation")?,
    })
}

/// Which changes to list, newest first.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub entity: Option<String>,
    pub entity_id: Option<i64>,
    /// `user:3`, `token:2`, `cli`, `invitation:17`; `invitation` alone: any respondent.
    pub actor: Option<String>,
    pub operation: Option<i64>,
    /// RFC 3339 or a date: changes at or after it.
    pub from: Option<String>,
    /// Changes before it (a date means before that day ends).
    pub to: Option<String>,
    pub limit: i64,
    pub offset: i64,
}

impl Filter {
    fn conditions(&self) -> super::Conditions {
        let mut c = super::Conditions::default();
        if let Some(e) = &self.entity {
            c.push("c.entity = {}", e.clone());
        }
        if let Some(id) = self.entity_id {
            c.push("c.entity_id = CAST({} AS BIGINT)", id.to_string());
        }
        if let Some(a) = &self.actor {
            if a.contains(':') || a == "cli" {
                c.push("c.actor = {}", a.clone());
            } else {
                c.push("c.actor LIKE {}", format!("{a}:%"));
            }
        }
        if let Some(op) = self.operation {
            c.push("c.operation = CAST({} AS BIGINT)", op.to_string());
        }
        if let Some(from) = &self.from {
            c.push("c.at >= {}", from.clone());
        }
        if let Some(to) = &self.to {
            let to = if to.len() == 10 { format!("{to}T23:59:59Z~") } else { to.clone() };
            c.push("c.at < {}", to);
        }
        c
    }
}

pub async fn count(conn: &mut AnyConnection, filter: &Filter) -> sqlx::Result<i64> {
    let c = filter.conditions();
    let sql = format!("SELECT COUNT(*) AS n FROM changes c WHERE 1 = 1{}", c.sql());
    c.bind(sqlx::query(AssertSqlSafe(sql))).fetch_one(conn).await?.try_get("n")
}

pub async fn list(conn: &mut AnyConnection, filter: &Filter) -> sqlx::Result<Vec<Change>> {
    let c = filter.conditions();
    let sql = format!(
        "SELECT {CHANGE_COLUMNS} FROM changes c LEFT JOIN operations o ON o.id = c.operation WHERE 1 = 1{} \
         ORDER BY c.id DESC LIMIT {} OFFSET {}",
        c.sql(),
        filter.limit.clamp(1, 10_000),
        filter.offset.max(0)
    );
    c.bind(sqlx::query(AssertSqlSafe(sql))).fetch_all(conn).await?.iter().map(change_row).collect()
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<Change>> {
    let sql =
        format!("SELECT {CHANGE_COLUMNS} FROM changes c LEFT JOIN operations o ON o.id = c.operation WHERE c.id = $1");
    sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_optional(conn).await?.as_ref().map(change_row).transpose()
}

/// An operation's changes, in the order they were made.
pub async fn operation(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Vec<Change>> {
    let sql = format!(
        "SELECT {CHANGE_COLUMNS} FROM changes c LEFT JOIN operations o ON o.id = c.operation \
         WHERE c.operation = $1 ORDER BY c.id"
    );
    sqlx::query(AssertSqlSafe(sql)).bind(id).fetch_all(conn).await?.iter().map(change_row).collect()
}

/// How many changes each of these operations made.
pub async fn operation_sizes(conn: &mut AnyConnection, operations: &[i64]) -> sqlx::Result<HashMap<i64, i64>> {
    let mut out = HashMap::new();
    let distinct: BTreeSet<i64> = operations.iter().copied().collect();
    let distinct: Vec<i64> = distinct.into_iter().collect();
    for chunk in distinct.chunks(500) {
        let sql = format!(
            "SELECT operation, COUNT(*) AS n FROM changes WHERE operation IN ({}) GROUP BY operation",
            id_list(chunk)
        );
        for r in sqlx::query(AssertSqlSafe(sql)).fetch_all(&mut *conn).await? {
            out.insert(r.try_get("operation")?, r.try_get("n")?);
        }
    }
    Ok(out)
}

/// Why a change cannot be reverted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A later change touched the same field of the same record.
    Conflict { change: i64, later: i64, fields: Vec<String> },
    /// This kind of change is never reverted (a revoked token, a password).
    Final { change: i64 },
    /// The values before the change were not recorded (made before the audit trail).
    Unrecorded { change: i64 },
}

/// The fields a revert of `c` writes.
fn undo_fields(entity: &Entity, c: &Change) -> Vec<String> {
    match (&c.before, entity.undo_create) {
        (None, UndoCreate::Flag(col) | UndoCreate::Stamp(col)) => vec![col.to_owned()],
        _ => c.fields(),
    }
}

/// Checks that `changes` can all be reverted: none final, none touched since by a change
/// outside them.
pub async fn check_revert(conn: &mut AnyConnection, changes: &[Change]) -> Result<(), StoreError> {
    let inside: BTreeSet<i64> = changes.iter().map(|c| c.id).collect();
    for c in changes {
        let erased = |v: &Option<Value>| v.as_ref().is_some_and(|v| v.to_string().contains(super::privacy::ERASED));
        let Some(entity) = entity(&c.entity).filter(|_| !erased(&c.before) && !erased(&c.after)) else {
            return Err(refused(Refusal::Final { change: c.id }));
        };
        if entity.final_actions.contains(&c.action.as_str())
            || (c.before.is_none() && entity.undo_create == UndoCreate::Never)
        {
            return Err(refused(Refusal::Final { change: c.id }));
        }
        let emptied = |f: &&str| {
            c.before.as_ref().is_some_and(|b| b.get(*f).is_none_or(Value::is_null))
                && c.after.as_ref().is_some_and(|a| a.get(*f).is_some_and(|v| !v.is_null()))
        };
        if entity.one_way.iter().any(emptied) {
            return Err(refused(Refusal::Final { change: c.id }));
        }
        if c.before.is_none() && c.after.is_none() {
            return Err(refused(Refusal::Unrecorded { change: c.id }));
        }
        if c.before.is_none() && !CREATING.contains(&c.action.as_str()) {
            return Err(refused(Refusal::Unrecorded { change: c.id }));
        }
        let fields = undo_fields(entity, c);
        let later = list(
            conn,
            &Filter {
                entity: Some(c.entity.clone()),
                entity_id: Some(c.entity_id),
                limit: 10_000,
                ..Default::default()
            },
        )
        .await?;
        for l in later.iter().filter(|l| l.id > c.id && !inside.contains(&l.id)) {
            let touched = l.fields();
            let common: Vec<String> = fields.iter().filter(|f| touched.contains(f)).cloned().collect();
            if !common.is_empty() || l.after.is_none() {
                return Err(refused(Refusal::Conflict { change: c.id, later: l.id, fields: common }));
            }
        }
    }
    Ok(())
}

fn refused(r: Refusal) -> StoreError {
    let message = match &r {
        Refusal::Conflict { change, later, fields } => {
            Message::new("revert-conflict").with("change", *change).with("later", *later).with(
                "fields",
                if fields.is_empty() {
                    Message::new("revert-this-record").into()
                } else {
                    crate::domain::problem::Value::from(fields.join(", "))
                },
            )
        }
        Refusal::Final { change } => Message::new("revert-final").with("change", *change),
        Refusal::Unrecorded { change } => Message::new("revert-unrecorded").with("change", *change),
    };
    StoreError::Conflict { field: "revert", message }
}

/// Reverts one change: its record takes back the values it had before, in the fields the
/// change touched (a creation archives, revokes or deletes the record; a deletion puts it
/// back). Records the revert as a change of the record. `check_revert` first.
pub async fn revert(conn: &mut AnyConnection, c: &Change) -> Result<(), StoreError> {
    let entity = entity(&c.entity).ok_or_else(|| unknown(&c.entity))?;
    let table = schema::table(conn, entity.table).await?;
    record_change(conn, entity.name, c.entity_id, "revert", Some(&format!("revert:{}", c.id))).await?;
    match (&c.before, &c.after) {
        (None, _) => match entity.undo_create {
            UndoCreate::Flag(col) => set_column(conn, &table, c.entity_id, col, &Value::from(1)).await?,
            UndoCreate::Stamp(col) => set_column(conn, &table, c.entity_id, col, &Value::from(now())).await?,
            UndoCreate::Delete => {
                for child in entity.children.iter().rev() {
                    delete_children(conn, child, c.entity_id).await?;
                }
                sqlx::query(AssertSqlSafe(format!("DELETE FROM {} WHERE id = $1", entity.table)))
                    .bind(c.entity_id)
                    .execute(&mut *conn)
                    .await?;
            }
            UndoCreate::Never => return Err(refused(Refusal::Final { change: c.id })),
        },
        (Some(before), None) => {
            let mut row = before.as_object().cloned().unwrap_or_default();
            for child in entity.children {
                row.remove(child.field);
            }
            for ts in ["created_at", "updated_at"] {
                if table.has(ts) && !row.contains_key(ts) {
                    row.insert(ts.into(), now().into());
                }
            }
            schema::insert_rows(conn, &table, &[row]).await?;
            for child in entity.children {
                insert_children(conn, child, c.entity_id, before.get(child.field)).await?;
            }
        }
        (Some(before), Some(_)) => {
            let fields = c.fields();
            for f in &fields {
                let value = before.get(f).cloned().unwrap_or(Value::Null);
                if table.has(f) && !entity.children.iter().any(|ch| ch.field == f) {
                    set_column(conn, &table, c.entity_id, f, &value).await?;
                }
            }
            // Child lists: remove in reverse order of dependence, put back in order.
            let touched: Vec<&Child> =
                entity.children.iter().filter(|ch| fields.iter().any(|f| f == ch.field)).collect();
            for child in touched.iter().rev() {
                delete_children(conn, child, c.entity_id).await?;
            }
            for child in &touched {
                insert_children(conn, child, c.entity_id, before.get(child.field)).await?;
            }
            if table.has("updated_at") {
                set_column(conn, &table, c.entity_id, "updated_at", &Value::from(now())).await?;
            }
        }
    }
    if entity.name == "stakeholder" {
        super::stakeholders::refresh_derived(conn, c.entity_id).await?;
    }
    Ok(())
}

async fn set_column(
    conn: &mut AnyConnection,
    table: &Table,
    id: i64,
    column: &str,
    value: &Value,
) -> Result<(), StoreError> {
    let kind = table.kind(column).unwrap_or(Kind::Text);
    let sql = format!("UPDATE {} SET {column} = $1 WHERE id = $2", table.name);
    schema::bind(sqlx::query(AssertSqlSafe(sql)), kind, value).bind(id).execute(&mut *conn).await?;
    Ok(())
}

async fn delete_children(conn: &mut AnyConnection, child: &Child, id: i64) -> sqlx::Result<()> {
    let filter = if child.filter.is_empty() { String::new() } else { format!(" AND {}", child.filter) };
    let sql = format!("DELETE FROM {} WHERE {} = $1{filter}", child.table, child.parent);
    sqlx::query(AssertSqlSafe(sql)).bind(id).execute(conn).await?;
    Ok(())
}

async fn insert_children(conn: &mut AnyConnection, child: &Child, id: i64, rows: Option<&Value>) -> sqlx::Result<()> {
    let table = schema::table(conn, child.table).await?;
    let rows: Vec<Map<String, Value>> = rows
        .and_then(Value::as_array)
        .map(|rows| {
            rows.iter()
                .filter_map(Value::as_object)
                .map(|r| {
                    let mut r = r.clone();
                    r.insert(child.parent.to_owned(), id.into());
                    r
                })
                .collect()
        })
        .unwrap_or_default();
    schema::insert_rows(conn, &table, &rows).await
}

/// Replaces personal values in `values` (a record's values of kind `entity`) with a mark.
pub fn redact(entity: &str, values: &mut Value) {
    let Some(e) = self::entity(entity) else { return };
    if let Some(map) = values.as_object_mut() {
        for field in e.personal {
            if let Some(v) = map.get_mut(*field)
                && !v.is_null()
            {
                *v = Value::from("•••");
            }
        }
    }
}
