//! A person's data wherever it sits: found, and erased, by searching every text column of
//! every table (read from the catalogue, so a table a later migration adds is searched too)
//! for the person's name, e-mail and phone.

use super::schema::{self, Kind, Table};
use serde_json::{Map, Value};
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use std::collections::{BTreeMap, BTreeSet};

/// What replaces an erased value inside a longer text (an answer, a note, an audit value).
pub const ERASED: &str = "[erased]";

/// What identifies a person: any of a name, an e-mail, a phone (as written).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl Person {
    /// The identifiers to look for, each at least 5 characters long (a shorter one would
    /// match unrelated text).
    pub fn needles(&self) -> Vec<String> {
        [&self.name, &self.email, &self.phone]
            .into_iter()
            .flatten()
            .map(|s| s.trim().to_owned())
            .filter(|s| s.chars().count() >= 5)
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.needles().is_empty()
    }
}

/// Case-insensitive search for any needle.
fn holds(text: &str, needles: &[String]) -> bool {
    let lower = text.to_lowercase();
    needles.iter().any(|n| lower.contains(&n.to_lowercase()))
}

/// `text` with every needle replaced by [`ERASED`] (ignoring case).
pub fn scrub(text: &str, needles: &[String]) -> String {
    let mut out = text.to_owned();
    for n in needles {
        let lower_n = n.to_lowercase();
        if lower_n.is_empty() {
            continue;
        }
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        loop {
            // Search the lowercased text; map the match back through char boundaries.
            let lower_rest = rest.to_lowercase();
            let Some(at) = lower_rest.find(&lower_n) else {
                result.push_str(rest);
                break;
            };
            // Lowercasing may change byte lengths: count chars instead.
            let chars_before = lower_rest[..at].chars().count();
            let chars_len = lower_n.chars().count();
            let start = rest.char_indices().nth(chars_before).map_or(rest.len(), |(i, _)| i);
            let end = rest.char_indices().nth(chars_before + chars_len).map_or(rest.len(), |(i, _)| i);
            result.push_str(&rest[..start]);
            result.push_str(ERASED);
            rest = &rest[end..];
        }
        out = result;
    }
    out
}

/// Rows holding the person, by table: the row's key and the matching columns' values.
pub async fn find(conn: &mut AnyConnection, person: &Person) -> sqlx::Result<BTreeMap<String, Vec<Value>>> {
    let needles = person.needles();
    let mut out = BTreeMap::new();
    if needles.is_empty() {
        return Ok(out);
    }
    for table in schema::tables(conn).await? {
        let rows = matching_rows(conn, &table, &needles).await?;
        if rows.is_empty() {
            continue;
        }
        let shown: Vec<Value> = rows.into_iter().map(Value::Object).collect();
        out.insert(table.name.clone(), shown);
    }
    Ok(out)
}

fn text_columns(table: &Table) -> Vec<&str> {
    table.columns.iter().filter(|c| c.kind == Kind::Text).map(|c| c.name.as_str()).collect()
}

/// The rows of `table` with a text column holding a needle (whole rows).
async fn matching_rows(
    conn: &mut AnyConnection,
    table: &Table,
    needles: &[String],
) -> sqlx::Result<Vec<Map<String, Value>>> {
    let columns = text_columns(table);
    if columns.is_empty() {
        return Ok(Vec::new());
    }
    let mut clauses = Vec::new();
    for c in &columns {
        for i in 0..needles.len() {
            clauses.push(format!("LOWER({c}) LIKE ${}", i + 1));
        }
    }
    let sql = format!("SELECT * FROM {} WHERE {}", table.name, clauses.join(" OR "));
    let mut q = sqlx::query(AssertSqlSafe(sql));
    // A % or _ in a needle only widens the search: each match is confirmed below.
    for n in needles {
        q = q.bind(format!("%{}%", n.to_lowercase()));
    }
    let rows = q.fetch_all(&mut *conn).await?;
    let mut out = Vec::new();
    for r in &rows {
        let values = schema::row_values(table, r)?;
        if columns.iter().any(|c| values.get(*c).and_then(Value::as_str).is_some_and(|t| holds(t, needles))) {
            out.push(values);
        }
    }
    Ok(out)
}

/// What an erasure did, without the erased values.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Erased {
    /// Rows changed or removed, by table.
    pub tables: BTreeMap<String, usize>,
    /// Stakeholders whose own data was touched (their search text is recomputed).
    pub stakeholders: BTreeSet<i64>,
}

/// Removes the person from every table: a contact person or a meeting attendance that is
/// the person goes, a stakeholder's own e-mail or phone that is theirs is emptied, and any
/// other text holding them (answers, corrections, notes, audit values, search texts) has
/// them replaced by [`ERASED`]. Organisations and links stay.
pub async fn erase(conn: &mut AnyConnection, person: &Person) -> sqlx::Result<Erased> {
    let needles = person.needles();
    let mut done = Erased::default();
    if needles.is_empty() {
        return Ok(done);
    }
    let equal = |v: Option<&Value>| {
        v.and_then(Value::as_str).is_some_and(|t| needles.iter().any(|n| n.eq_ignore_ascii_case(t.trim())))
    };
    for table in schema::tables(conn).await? {
        let rows = matching_rows(conn, &table, &needles).await?;
        if rows.is_empty() {
            continue;
        }
        let key_of = |row: &Map<String, Value>| -> Vec<(String, Value)> {
            table.key.iter().map(|k| (k.clone(), row.get(k).cloned().unwrap_or(Value::Null))).collect()
        };
        for row in &rows {
            if let Some(s) = row.get("stakeholder_id").and_then(Value::as_i64) {
                done.stakeholders.insert(s);
            }
            let whole_row_is_the_person = match table.name.as_str() {
                "contacts" => equal(row.get("name")) || equal(row.get("email")),
                "login_failures" | "sessions" | "one_time_links" => true,
                _ => table.key.is_empty(),
            };
            if whole_row_is_the_person {
                delete_row(conn, &table, row, &key_of(row)).await?;
            } else {
                let mut set: Vec<(String, Value)> = Vec::new();
                for c in text_columns(&table) {
                    let Some(text) = row.get(c).and_then(Value::as_str) else { continue };
                    if !holds(text, &needles) {
                        continue;
                    }
                    let nullable_own_value = matches!(
                        (table.name.as_str(), c),
                        ("stakeholders", "email" | "phone") | ("meeting_attendees", "contact") | ("links", "note")
                    );
                    let value = if nullable_own_value && equal(row.get(c)) {
                        Value::Null
                    } else if table.name == "users" && c == "email" {
                        Value::from(format!("erased-{}@invalid", row.get("id").and_then(Value::as_i64).unwrap_or(0)))
                    } else {
                        Value::from(scrub(text, &needles))
                    };
                    set.push((c.to_owned(), value));
                }
                if table.name == "users" {
                    set.push(("disabled".into(), Value::from(1)));
                }
                if table.name == "stakeholders"
                    && let Some(id) = row.get("id").and_then(Value::as_i64)
                {
                    done.stakeholders.insert(id);
                }
                update_row(conn, &table, &set, &key_of(row)).await?;
            }
            *done.tables.entry(table.name.clone()).or_default() += 1;
        }
    }
    Ok(done)
}

async fn delete_row(
    conn: &mut AnyConnection,
    table: &Table,
    row: &Map<String, Value>,
    key: &[(String, Value)],
) -> sqlx::Result<()> {
    // A table without a key: the row is matched on all its columns.
    let matched: Vec<(String, Value)> = if key.is_empty() {
        row.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect()
    } else {
        key.to_vec()
    };
    let clauses: Vec<String> = matched.iter().enumerate().map(|(i, (k, _))| format!("{k} = ${}", i + 1)).collect();
    let sql = format!("DELETE FROM {} WHERE {}", table.name, clauses.join(" AND "));
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for (k, v) in &matched {
        q = schema::bind(q, table.kind(k).unwrap_or(Kind::Text), v);
    }
    q.execute(conn).await?;
    Ok(())
}

async fn update_row(
    conn: &mut AnyConnection,
    table: &Table,
    set: &[(String, Value)],
    key: &[(String, Value)],
) -> sqlx::Result<()> {
    if set.is_empty() || key.is_empty() {
        return Ok(());
    }
    let mut n = 0;
    let mut next = || {
        n += 1;
        format!("${n}")
    };
    let assignments: Vec<String> = set.iter().map(|(c, _)| format!("{c} = {}", next())).collect();
    let clauses: Vec<String> = key.iter().map(|(k, _)| format!("{k} = {}", next())).collect();
    let sql = format!("UPDATE {} SET {} WHERE {}", table.name, assignments.join(", "), clauses.join(" AND "));
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for (c, v) in set.iter().chain(key) {
        q = schema::bind(q, table.kind(c).unwrap_or(Kind::Text), v);
    }
    q.execute(conn).await?;
    Ok(())
}

/// A contact person whose data was last confirmed before the retention period.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Due {
    pub contact: i64,
    pub stakeholder: i64,
    pub stakeholder_name: String,
    pub name: String,
    pub email: Option<String>,
    pub legal_basis: String,
    pub confirmed_on: Option<String>,
}

/// Contact persons not confirmed since `cutoff` (a date), the oldest first.
pub async fn due(conn: &mut AnyConnection, cutoff: &str) -> sqlx::Result<Vec<Due>> {
    sqlx::query(
        "SELECT c.id, c.stakeholder_id, s.name AS stakeholder_name, c.name, c.email, c.legal_basis, c.confirmed_on \
         FROM contacts c JOIN stakeholders s ON s.id = c.stakeholder_id \
         WHERE c.confirmed_on IS NULL OR c.confirmed_on < $1 ORDER BY c.confirmed_on, c.id",
    )
    .bind(cutoff.to_owned())
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(Due {
            contact: r.try_get("id")?,
            stakeholder: r.try_get("stakeholder_id")?,
            stakeholder_name: r.try_get("stakeholder_name")?,
            name: r.try_get("name")?,
            email: r.try_get("email")?,
            legal_basis: r.try_get("legal_basis")?,
            confirmed_on: r.try_get("confirmed_on")?,
        })
    })
    .collect()
}

/// The person as recorded in a contact row.
pub async fn contact(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<Person>> {
    sqlx::query("SELECT name, email, phone FROM contacts WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?
        .map(|r| -> sqlx::Result<Person> {
            Ok(Person { name: r.try_get("name")?, email: r.try_get("email")?, phone: r.try_get("phone")? })
        })
        .transpose()
}

/// The person behind an e-mail: the name and phone of a contact person with it, if any.
pub async fn by_email(conn: &mut AnyConnection, email: &str) -> sqlx::Result<Person> {
    let row = sqlx::query("SELECT name, phone FROM contacts WHERE LOWER(email) = $1 ORDER BY id LIMIT 1")
        .bind(email.trim().to_lowercase())
        .fetch_optional(conn)
        .await?;
    Ok(Person {
        name: row.as_ref().map(|r| r.try_get("name")).transpose()?,
        email: Some(email.trim().to_owned()),
        phone: row.as_ref().map(|r| r.try_get("phone")).transpose()?.flatten(),
    })
}
