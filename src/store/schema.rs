//! The database's own description of its tables, read from the catalogue of either backend,
//! and rows read or written as JSON values through it. The audit trail (values before and
//! after a change) and the dump (every table) use it, so that a table a later migration adds
//! is covered without code.

use serde_json::{Map, Value};
use sqlx::{AnyConnection, AssertSqlSafe, Row};

/// How a column's values are stored: the schema uses integers (flags too) and text only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Int,
    Text,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    /// In the catalogue's order.
    pub columns: Vec<Column>,
    /// The primary key's columns (empty when the table has none).
    pub key: Vec<String>,
}

impl Table {
    pub fn kind(&self, column: &str) -> Option<Kind> {
        self.columns.iter().find(|c| c.name == column).map(|c| c.kind)
    }

    pub fn has(&self, column: &str) -> bool {
        self.kind(column).is_some()
    }
}

fn kind_of(declared: &str) -> Kind {
    let d = declared.to_ascii_lowercase();
    if d.contains("int") { Kind::Int } else { Kind::Text }
}

fn is_sqlite(conn: &AnyConnection) -> bool {
    conn.backend_name().eq_ignore_ascii_case("sqlite")
}

/// Reads every table's description once, so that the first writes after a start do not all
/// ask the catalogue at the same moment.
pub async fn warm_up(conn: &mut AnyConnection) -> sqlx::Result<()> {
    tables(conn).await.map(|_| ())
}

/// Every table of the application (not the migration bookkeeping), by name.
pub async fn tables(conn: &mut AnyConnection) -> sqlx::Result<Vec<Table>> {
    let names: Vec<String> = if is_sqlite(conn) {
        sqlx::query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name NOT LIKE '_sqlx%' AND name <> 'maintenance' ORDER BY name",
        )
        .fetch_all(&mut *conn)
        .await?
    } else {
        sqlx::query(
            "SELECT CAST(table_name AS TEXT) AS name FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx%' \
             AND table_name <> 'maintenance' \
             ORDER BY table_name",
        )
        .fetch_all(&mut *conn)
        .await?
    }
    .iter()
    .map(|r| r.try_get("name"))
    .collect::<sqlx::Result<_>>()?;
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        out.push(table(conn, &name).await?);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Table descriptions read so far, by backend and name: the schema is fixed once the
/// migrations ran (every database a process opens is migrated to the same version), and the
/// audit trail asks for them on every change.
static TABLES: std::sync::LazyLock<std::sync::Mutex<std::collections::HashMap<(bool, String), Table>>> =
    std::sync::LazyLock::new(Default::default);

/// One table's columns and key.
pub async fn table(conn: &mut AnyConnection, name: &str) -> sqlx::Result<Table> {
    let key = (is_sqlite(conn), name.to_owned());
    if let Some(t) = TABLES.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return Ok(t);
    }
    let t = read_table(conn, name).await?;
    if !t.columns.is_empty()
        && let Ok(mut m) = TABLES.lock()
    {
        m.insert(key, t.clone());
    }
    Ok(t)
}

async fn read_table(conn: &mut AnyConnection, name: &str) -> sqlx::Result<Table> {
    let mut columns = Vec::new();
    let mut key = Vec::new();
    if is_sqlite(conn) {
        let sql = format!("SELECT name, type, pk FROM pragma_table_info('{}') ORDER BY cid", name.replace('\'', ""));
        let mut keyed = Vec::new();
        for r in sqlx::query(AssertSqlSafe(sql)).fetch_all(&mut *conn).await? {
            let column: String = r.try_get("name")?;
            let pk: i64 = r.try_get("pk")?;
            if pk > 0 {
                keyed.push((pk, column.clone()));
            }
            columns.push(Column { name: column, kind: kind_of(&r.try_get::<String, _>("type")?) });
        }
        keyed.sort();
        key = keyed.into_iter().map(|(_, c)| c).collect();
    } else {
        // pg_catalog rather than information_schema: the same facts, a hundred times faster.
        for r in sqlx::query(
            "SELECT CAST(a.attname AS TEXT) AS name, CAST(format_type(a.atttypid, a.atttypmod) AS TEXT) AS type \
             FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid \
             WHERE c.relname = $1 AND c.relnamespace = CAST(current_schema() AS regnamespace) \
             AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
        )
        .bind(name.to_owned())
        .fetch_all(&mut *conn)
        .await?
        {
            columns.push(Column { name: r.try_get("name")?, kind: kind_of(&r.try_get::<String, _>("type")?) });
        }
        for r in sqlx::query(
            "SELECT CAST(a.attname AS TEXT) AS name FROM pg_index i \
             JOIN pg_class c ON c.oid = i.indrelid \
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) \
             WHERE c.relname = $1 AND c.relnamespace = CAST(current_schema() AS regnamespace) AND i.indisprimary \
             ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)",
        )
        .bind(name.to_owned())
        .fetch_all(&mut *conn)
        .await?
        {
            key.push(r.try_get("name")?);
        }
    }
    Ok(Table { name: name.to_owned(), columns, key })
}

/// A row as a JSON object of its columns (integers as numbers, text as strings).
pub fn row_values(table: &Table, row: &sqlx::any::AnyRow) -> sqlx::Result<Map<String, Value>> {
    let mut out = Map::new();
    for c in &table.columns {
        let v = match c.kind {
            Kind::Int => row.try_get::<Option<i64>, _>(c.name.as_str())?.map(Value::from),
            Kind::Text => row.try_get::<Option<String>, _>(c.name.as_str())?.map(Value::from),
        };
        out.insert(c.name.clone(), v.unwrap_or(Value::Null));
    }
    Ok(out)
}

/// Binds `value` as a value of a column of `kind`. A value of the other kind (a number for a
/// text column, say) is converted; anything else binds NULL.
pub fn bind<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    kind: Kind,
    value: &Value,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    match kind {
        Kind::Int => q.bind(match value {
            Value::Number(n) => n.as_i64(),
            Value::Bool(b) => Some(i64::from(*b)),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }),
        Kind::Text => q.bind(match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Null => None,
            other => Some(other.to_string()),
        }),
    }
}

/// Inserts `rows` (JSON objects keyed by column; a missing column takes its default) into
/// `table`, many rows per statement.
pub async fn insert_rows(conn: &mut AnyConnection, table: &Table, rows: &[Map<String, Value>]) -> sqlx::Result<()> {
    let Some(first) = rows.first() else { return Ok(()) };
    let columns: Vec<&Column> = table.columns.iter().filter(|c| first.contains_key(&c.name)).collect();
    if columns.is_empty() {
        return Ok(());
    }
    let sqlite = super::is_sqlite(conn);
    for chunk in rows.chunks(super::rows_per_statement(columns.len())) {
        let values = super::many_values(sqlite, chunk.len(), columns.len(), |p| format!("({p})"));
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        let sql = format!("INSERT INTO {} ({}) VALUES {values}", table.name, names.join(", "));
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for row in chunk {
            for c in &columns {
                q = bind(q, c.kind, row.get(&c.name).unwrap_or(&Value::Null));
            }
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}
