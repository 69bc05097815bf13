//! Links between stakeholders, with their provenance.

use super::{Conditions, StoreError, flag, now, on_unique};
use crate::domain::link::{Link, LinkData};
use crate::domain::problem::Message;
use crate::domain::values::{Strength, date, format_date};
use sqlx::{AnyConnection, AssertSqlSafe, Row};

#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Links with this stakeholder at either end.
    pub stakeholder: Option<i64>,
    pub link_type: Option<String>,
    pub include_archived: bool,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

const SELECT: &str = "SELECT l.id, l.source_id, l.target_id, l.type_code, l.directed, l.strength, l.formal, l.since, \
    l.until, l.note, l.confirmed, l.provenance, l.archived, a.name AS source_name, b.name AS target_name, \
    l.created_at, l.updated_at \
    FROM links l JOIN stakeholders a ON a.id = l.source_id JOIN stakeholders b ON b.id = l.target_id WHERE 1 = 1";

/// A link's own columns, read by name.
pub fn link_data(r: &sqlx::any::AnyRow) -> sqlx::Result<LinkData> {
    let day = |name: &str| -> sqlx::Result<Option<time::Date>> {
        Ok(r.try_get::<Option<String>, _>(name)?.and_then(|s| date(&s).ok()))
    };
    Ok(LinkData {
        source: r.try_get("source_id")?,
        target: r.try_get("target_id")?,
        link_type: r.try_get("type_code")?,
        directed: r.try_get::<i64, _>("directed")? != 0,
        strength: Strength::trusted(r.try_get("strength")?),
        formal: r.try_get::<i64, _>("formal")? != 0,
        since: day("since")?,
        until: day("until")?,
        note: r.try_get("note")?,
        confirmed: r.try_get::<i64, _>("confirmed")? != 0,
    })
}

fn row_to_link(r: &sqlx::any::AnyRow) -> sqlx::Result<Link> {
    Ok(Link {
        id: r.try_get("id")?,
        data: link_data(r)?,
        provenance: r.try_get("provenance")?,
        archived: r.try_get::<i64, _>("archived")? != 0,
        source_name: r.try_get("source_name")?,
        target_name: r.try_get("target_name")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

pub async fn list(conn: &mut AnyConnection, filter: &Filter) -> sqlx::Result<Vec<Link>> {
    let mut c = Conditions::default();
    if !filter.include_archived {
        c.push_fixed("l.archived = 0");
    }
    if let Some(id) = filter.stakeholder {
        c.push("(l.source_id = CAST({} AS BIGINT) OR l.target_id = CAST({} AS BIGINT))", id.to_string());
    }
    if let Some(t) = &filter.link_type {
        c.push("l.type_code = {}", t);
    }
    let page = match (filter.limit, filter.offset) {
        (None, None) => String::new(),
        (l, o) => format!(" LIMIT {} OFFSET {}", l.unwrap_or(i64::MAX / 2), o.unwrap_or(0)),
    };
    let sql = format!("{SELECT}{} ORDER BY l.id{page}", c.sql());
    c.bind(sqlx::query(AssertSqlSafe(sql))).fetch_all(conn).await?.iter().map(row_to_link).collect()
}

/// The active links between active stakeholders with what the network reads: no names of
/// their ends (the network has them) and no times.
pub async fn for_network(conn: &mut AnyConnection) -> sqlx::Result<Vec<Link>> {
    sqlx::query(
        "SELECT l.id, l.source_id, l.target_id, l.type_code, l.directed, l.strength, l.formal, l.since, l.until, \
         l.note, l.confirmed, l.provenance, l.archived, '' AS source_name, '' AS target_name, '' AS created_at, \
         '' AS updated_at FROM links l WHERE l.archived = 0 ORDER BY l.id",
    )
    .fetch_all(conn)
    .await?
    .iter()
    .map(row_to_link)
    .collect()
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<Link>> {
    sqlx::query(AssertSqlSafe(format!("{SELECT} AND l.id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await?
        .as_ref()
        .map(row_to_link)
        .transpose()
}

/// The link that is the same as `data` (same ends and type; either order when undirected),
/// other than `except`.
pub async fn find_same(
    conn: &mut AnyConnection,
    data: &LinkData,
    except: Option<i64>,
) -> sqlx::Result<Option<(i64, bool)>> {
    let row = sqlx::query(
        "SELECT id, archived FROM links WHERE type_code = $1 AND id <> $4 AND \
         ((source_id = $2 AND target_id = $3) OR ($5 = 0 AND source_id = $3 AND target_id = $2))",
    )
    .bind(data.link_type.clone())
    .bind(data.source)
    .bind(data.target)
    .bind(except.unwrap_or(-1))
    .bind(flag(data.directed))
    .fetch_optional(conn)
    .await?;
    row.map(|r| Ok((r.try_get("id")?, r.try_get::<i64, _>("archived")? != 0))).transpose()
}

/// Binds $1..$9: the link's own columns, in the order INSERT and UPDATE list them.
fn bind_columns<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    data: &LinkData,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    q.bind(data.source)
        .bind(data.target)
        .bind(data.link_type.clone())
        .bind(flag(data.directed))
        .bind(data.strength.get())
        .bind(flag(data.formal))
        .bind(data.since.map(format_date))
        .bind(data.until.map(format_date))
        .bind(data.note.clone())
}

fn conflict() -> StoreError {
    StoreError::Conflict { field: "target", message: Message::new("conflict-link-exists") }
}

/// A unique-constraint violation on links: the same link exists.
fn duplicate(e: sqlx::Error) -> StoreError {
    on_unique(e, "target", Message::new("conflict-link-exists"))
}

/// Creates a link. The same link already active is a conflict; an archived one is revived
/// with the new data, so that archiving then re-adding a link keeps one row.
pub async fn create(conn: &mut AnyConnection, data: &LinkData, provenance: &str) -> Result<i64, StoreError> {
    match find_same(conn, data, None).await? {
        Some((_, false)) => Err(conflict()),
        Some((id, true)) => {
            write(conn, id, data, Some(provenance), None).await?;
            Ok(id)
        }
        None => insert(conn, data, provenance).await,
    }
}

/// Inserts a link the caller knows to be new: an import that checked every row against the
/// links read in the same transaction. Skipping the per-row lookup halves the queries.
pub async fn insert(conn: &mut AnyConnection, data: &LinkData, provenance: &str) -> Result<i64, StoreError> {
    let ts = now();
    let query = sqlx::query(
        "INSERT INTO links (source_id, target_id, type_code, directed, strength, formal, since, until, note, \
         provenance, confirmed, archived, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $12) RETURNING id",
    );
    let row = bind_columns(query, data)
        .bind(provenance.to_owned())
        .bind(flag(data.confirmed))
        .bind(ts)
        .fetch_one(&mut *conn)
        .await
        .map_err(duplicate)?;
    let id: i64 = row.try_get("id")?;
    super::record_change(conn, "link", id, "create").await?;
    Ok(id)
}

/// Inserts links the caller knows to be new (an import that checked every row against the
/// links read in the same transaction), a thousand per statement, their creation recorded
/// with their values. Returns their ids in the order given.
pub async fn insert_many(conn: &mut AnyConnection, list: &[(&LinkData, &str)]) -> Result<Vec<i64>, StoreError> {
    let ts = now();
    let mut ids = Vec::with_capacity(list.len());
    for chunk in list.chunks(super::rows_per_statement(13)) {
        let values = super::many_values(super::is_sqlite(conn), chunk.len(), 13, |p| format!("({p}, 0)"));
        let sql = format!(
            "INSERT INTO links (source_id, target_id, type_code, directed, strength, formal, since, until, note, \
             provenance, confirmed, created_at, updated_at, archived) VALUES {values} \
             RETURNING id, source_id, target_id, type_code"
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (data, provenance) in chunk {
            q = bind_columns(q, data)
                .bind((*provenance).to_owned())
                .bind(flag(data.confirmed))
                .bind(ts.clone())
                .bind(ts.clone());
        }
        let rows = q.fetch_all(&mut *conn).await.map_err(duplicate)?;
        let mut by_ends: std::collections::HashMap<(i64, i64, String), i64> =
            std::collections::HashMap::with_capacity(rows.len());
        for r in rows {
            by_ends
                .insert((r.try_get("source_id")?, r.try_get("target_id")?, r.try_get("type_code")?), r.try_get("id")?);
        }
        for (data, _) in chunk {
            let id = by_ends.get(&(data.source, data.target, data.link_type.clone())).copied().ok_or_else(|| {
                StoreError::Db(sqlx::Error::Protocol(format!(
                    "no id returned for the link {}–{}",
                    data.source, data.target
                )))
            })?;
            ids.push(id);
        }
    }
    super::audit::record_created(conn, "link", &ids).await?;
    Ok(ids)
}

/// Replaces a link's data; the provenance stays unless a new one is given.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    data: &LinkData,
    provenance: Option<&str>,
) -> Result<(), StoreError> {
    if find_same(conn, data, Some(id)).await?.is_some() {
        return Err(conflict());
    }
    write(conn, id, data, provenance, None).await
}

/// Replaces a link's data as derived from elsewhere than a coordinator's hand (`source`,
/// e.g. `survey`), and brings it back if archived. The change log says where it came from,
/// so that a link a coordinator has since edited can be told apart and left alone.
pub async fn rederive(conn: &mut AnyConnection, id: i64, data: &LinkData, source: &str) -> Result<(), StoreError> {
    write(conn, id, data, None, Some(source)).await
}

async fn write(
    conn: &mut AnyConnection,
    id: i64,
    data: &LinkData,
    provenance: Option<&str>,
    source: Option<&str>,
) -> Result<(), StoreError> {
    match source {
        Some(source) => super::record_detail(conn, "link", id, "update", source).await?,
        None => super::record_change(conn, "link", id, "update").await?,
    }
    let query = sqlx::query(
        "UPDATE links SET source_id = $1, target_id = $2, type_code = $3, directed = $4, strength = $5, formal = $6, \
         since = $7, until = $8, note = $9, confirmed = $10, provenance = COALESCE($11, provenance), archived = 0, \
         updated_at = $12 WHERE id = $13",
    );
    let done = bind_columns(query, data)
        .bind(flag(data.confirmed))
        .bind(provenance.map(str::to_owned))
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(duplicate)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Archives a link (it leaves the lists and the map; the row stays for the audit trail).
pub async fn archive(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    archive_from(conn, id, None).await
}

/// Archives a link nobody declares any more (`source`: where that was derived, e.g. `survey`).
pub async fn archive_derived(conn: &mut AnyConnection, id: i64, source: &str) -> Result<(), StoreError> {
    archive_from(conn, id, Some(source)).await
}

async fn archive_from(conn: &mut AnyConnection, id: i64, source: Option<&str>) -> Result<(), StoreError> {
    match source {
        Some(source) => super::record_detail(conn, "link", id, "archive", source).await?,
        None => super::record_change(conn, "link", id, "archive").await?,
    }
    let done = sqlx::query("UPDATE links SET archived = 1, updated_at = $1 WHERE id = $2 AND archived = 0")
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}
