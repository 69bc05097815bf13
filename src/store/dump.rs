//! The whole deployment as one JSON document, and back: every table the migrations made
//! (read from the catalogue, so a table a later migration adds is in it without code), rows
//! in key order, columns in name order, integers as numbers and text as strings. The same
//! data gives the same bytes from SQLite and from PostgreSQL.
//!
//! ```json
//! { "format": "maillage-dump", "version": 1, "schema": 15,
//!   "tables": { "changes": { "columns": ["action", "actor", …], "rows": [[…], …] }, … } }
//! ```
//!
//! `schema` is the last migration applied; a dump loads into a database at the same schema.

use super::schema::{self, Kind, Table};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

pub const FORMAT: &str = "maillage-dump";
pub const VERSION: i64 = 1;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Dump {
    pub format: String,
    pub version: i64,
    /// The last migration applied to the database it was taken from.
    pub schema: i64,
    pub tables: BTreeMap<String, TableRows>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TableRows {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// The last migration applied.
pub async fn schema_version(conn: &mut AnyConnection) -> sqlx::Result<i64> {
    sqlx::query("SELECT COALESCE(MAX(version), 0) AS v FROM _sqlx_migrations WHERE success")
        .fetch_one(conn)
        .await?
        .try_get("v")
}

fn compare(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (Value::Number(x), Value::Number(y)) => x.as_i64().cmp(&y.as_i64()),
        (Value::String(x), Value::String(y)) => x.as_bytes().cmp(y.as_bytes()),
        (x, y) => x.to_string().cmp(&y.to_string()),
    }
}

/// Reads every table. Call it inside a transaction for a consistent copy (SQLite: a read
/// transaction; PostgreSQL: REPEATABLE READ).
pub async fn dump(conn: &mut AnyConnection) -> sqlx::Result<Dump> {
    let schema = schema_version(conn).await?;
    let mut tables = BTreeMap::new();
    for table in schema::tables(conn).await? {
        let mut columns: Vec<&schema::Column> = table.columns.iter().collect();
        columns.sort_by(|a, b| a.name.cmp(&b.name));
        let sql = format!("SELECT * FROM {}", table.name);
        let mut rows: Vec<Map<String, Value>> = sqlx::query(AssertSqlSafe(sql))
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| schema::row_values(&table, r))
            .collect::<sqlx::Result<_>>()?;
        // Key order (every column for a table without a key), the same on both databases.
        let order: Vec<String> =
            if table.key.is_empty() { columns.iter().map(|c| c.name.clone()).collect() } else { table.key.clone() };
        rows.sort_by(|a, b| order.iter().map(|k| compare(&a[k], &b[k])).find(|o| o.is_ne()).unwrap_or(Ordering::Equal));
        let names: Vec<String> = columns.iter().map(|c| c.name.clone()).collect();
        let rows =
            rows.into_iter().map(|mut r| names.iter().map(|n| r.remove(n).unwrap_or(Value::Null)).collect()).collect();
        tables.insert(table.name.clone(), TableRows { columns: names, rows });
    }
    Ok(Dump { format: FORMAT.into(), version: VERSION, schema, tables })
}

/// Why a dump cannot be loaded here.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("not a Maillage dump (format {0:?}, version {1})")]
    Format(String, i64),
    #[error(
        "the dump was taken at schema {dump}, this database is at schema {here}: load it with the version of Maillage that took it, then upgrade"
    )]
    Schema { dump: i64, here: i64 },
    #[error("the database is not empty ({0}): load and restore only fill an empty database")]
    NotEmpty(String),
    #[error("the dump has a table {0:?} that this database does not have")]
    UnknownTable(String),
    #[error("table {table}: column {column:?} is not in this database")]
    UnknownColumn { table: String, column: String },
    #[error("table {table}, row {row}: {columns} values for {expected} columns")]
    RowWidth { table: String, row: usize, columns: usize, expected: usize },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Tables whose rows mean the database is in use (the reference tables do not count: a new
/// database has them).
const IN_USE: &[&str] = &["stakeholders", "links", "users", "changes", "campaigns", "bodies", "meetings"];

pub async fn check_empty(conn: &mut AnyConnection) -> Result<(), LoadError> {
    for table in IN_USE {
        let n: i64 = sqlx::query(AssertSqlSafe(format!("SELECT COUNT(*) AS n FROM {table}")))
            .fetch_one(&mut *conn)
            .await?
            .try_get("n")?;
        if n > 0 {
            return Err(LoadError::NotEmpty(format!("{n} row(s) in {table}")));
        }
    }
    Ok(())
}

/// Foreign keys: (table, column, referenced table, referenced column).
async fn foreign_keys(
    conn: &mut AnyConnection,
    tables: &[Table],
) -> sqlx::Result<Vec<(String, String, String, String)>> {
    let mut out = Vec::new();
    if conn.backend_name().eq_ignore_ascii_case("sqlite") {
        for t in tables {
            let sql = format!(
                "SELECT \"from\" AS col, \"table\" AS target, \"to\" AS target_col FROM pragma_foreign_key_list('{}')",
                t.name
            );
            for r in sqlx::query(AssertSqlSafe(sql)).fetch_all(&mut *conn).await? {
                let target: String = r.try_get("target")?;
                let target_col: Option<String> = r.try_get("target_col")?;
                out.push((t.name.clone(), r.try_get("col")?, target, target_col.unwrap_or_else(|| "id".into())));
            }
        }
    } else {
        for r in sqlx::query(
            "SELECT CAST(k.table_name AS TEXT) AS tab, CAST(k.column_name AS TEXT) AS col, \
             CAST(u.table_name AS TEXT) AS target, CAST(u.column_name AS TEXT) AS target_col \
             FROM information_schema.referential_constraints c \
             JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name \
               AND k.constraint_schema = c.constraint_schema \
             JOIN information_schema.constraint_column_usage u ON u.constraint_name = c.unique_constraint_name \
               AND u.constraint_schema = c.unique_constraint_schema \
             WHERE c.constraint_schema = current_schema()",
        )
        .fetch_all(&mut *conn)
        .await?
        {
            out.push((r.try_get("tab")?, r.try_get("col")?, r.try_get("target")?, r.try_get("target_col")?));
        }
    }
    Ok(out)
}

/// Tables in an order where each comes after those it refers to.
fn dependency_order(tables: &[Table], fks: &[(String, String, String, String)]) -> Vec<String> {
    let mut done: Vec<String> = Vec::new();
    let mut left: BTreeSet<String> = tables.iter().map(|t| t.name.clone()).collect();
    while !left.is_empty() {
        let ready: Vec<String> = left
            .iter()
            .filter(|t| fks.iter().all(|(from, _, to, _)| from != *t || to == *t || !left.contains(to)))
            .cloned()
            .collect();
        // A cycle between tables (none in this schema) falls back to name order.
        let next = if ready.is_empty() { vec![left.iter().next().cloned().unwrap_or_default()] } else { ready };
        for t in next {
            left.remove(&t);
            done.push(t);
        }
    }
    done
}

/// Replaces the content of every table by the dump's, in one transaction the caller commits.
/// The database must be empty (see `check_empty`) and at the dump's schema.
pub async fn load(conn: &mut AnyConnection, dump: &Dump) -> Result<(), LoadError> {
    if dump.format != FORMAT || dump.version != VERSION {
        return Err(LoadError::Format(dump.format.clone(), dump.version));
    }
    let here = schema_version(conn).await?;
    if dump.schema != here {
        return Err(LoadError::Schema { dump: dump.schema, here });
    }
    check_empty(conn).await?;
    let tables = schema::tables(conn).await?;
    for (name, rows) in &dump.tables {
        let Some(table) = tables.iter().find(|t| &t.name == name) else {
            return Err(LoadError::UnknownTable(name.clone()));
        };
        for c in &rows.columns {
            if !table.has(c) {
                return Err(LoadError::UnknownColumn { table: name.clone(), column: c.clone() });
            }
        }
        for (i, r) in rows.rows.iter().enumerate() {
            if r.len() != rows.columns.len() {
                return Err(LoadError::RowWidth {
                    table: name.clone(),
                    row: i + 1,
                    columns: r.len(),
                    expected: rows.columns.len(),
                });
            }
        }
    }
    let fks = foreign_keys(conn, &tables).await?;
    let order = dependency_order(&tables, &fks);
    for name in order.iter().rev() {
        sqlx::query(AssertSqlSafe(format!("DELETE FROM {name}"))).execute(&mut *conn).await?;
    }
    for name in &order {
        let (Some(table), Some(content)) = (tables.iter().find(|t| &t.name == name), dump.tables.get(name)) else {
            continue;
        };
        let rows: Vec<Map<String, Value>> =
            content.rows.iter().map(|r| content.columns.iter().cloned().zip(r.iter().cloned()).collect()).collect();
        // Columns that refer to rows of their own table (a territory to its parent) are
        // written once every row is in.
        let own: Vec<&String> =
            fks.iter().filter(|(from, _, to, _)| from == name && to == name).map(|(_, c, _, _)| c).collect();
        if own.is_empty() {
            schema::insert_rows(conn, table, &rows).await?;
            continue;
        }
        let bare: Vec<Map<String, Value>> = rows
            .iter()
            .map(|r| {
                r.iter().map(|(k, v)| (k.clone(), if own.contains(&k) { Value::Null } else { v.clone() })).collect()
            })
            .collect();
        schema::insert_rows(conn, table, &bare).await?;
        for r in &rows {
            for c in &own {
                let Some(v) = r.get(*c).filter(|v| !v.is_null()) else { continue };
                let mut sql = format!("UPDATE {name} SET {c} = $1 WHERE 1 = 1");
                for (i, k) in table.key.iter().enumerate() {
                    sql.push_str(&format!(" AND {k} = ${}", i + 2));
                }
                let mut q = schema::bind(sqlx::query(AssertSqlSafe(sql)), table.kind(c).unwrap_or(Kind::Text), v);
                for k in &table.key {
                    q = schema::bind(q, table.kind(k).unwrap_or(Kind::Text), r.get(k).unwrap_or(&Value::Null));
                }
                q.execute(&mut *conn).await?;
            }
        }
    }
    // PostgreSQL's identity sequences continue after the ids loaded.
    if !conn.backend_name().eq_ignore_ascii_case("sqlite") {
        for t in &tables {
            if t.key == ["id"] && t.kind("id") == Some(Kind::Int) {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {0} \
                     WHERE pg_get_serial_sequence('{0}', 'id') IS NOT NULL",
                    t.name
                );
                sqlx::query(AssertSqlSafe(sql)).fetch_all(&mut *conn).await?;
            }
        }
    }
    Ok(())
}
