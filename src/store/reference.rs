//! The reference tables, read into the domain's catalogue (labels keyed by language, three
//! queries in all). A new database is filled from the data files by `db::connect`.

use super::{StoreError, audit};
use crate::domain::lang::Lang;
use crate::domain::problem::{Message, RefTable};
use crate::domain::reference::{RefItem, Reference, Territory, TerritoryKind};
use crate::domain::reference_edit::Merger;
use serde_json::{Map, Value};
use sqlx::{AnyConnection, Row};
use std::collections::{BTreeMap, HashMap};

/// Every label of every reference table: (table, code) → language → label.
type Labels = HashMap<(String, String), BTreeMap<String, String>>;

async fn labels(conn: &mut AnyConnection) -> sqlx::Result<Labels> {
    let mut out: Labels = HashMap::new();
    for r in sqlx::query("SELECT ref_table, code, lang, label FROM reference_labels").fetch_all(conn).await? {
        out.entry((r.try_get("ref_table")?, r.try_get("code")?))
            .or_default()
            .insert(r.try_get("lang")?, r.try_get("label")?);
    }
    Ok(out)
}

pub async fn load(conn: &mut AnyConnection) -> sqlx::Result<Reference> {
    let mut labels = labels(conn).await?;
    let mut take = |table: &str, code: &str| labels.remove(&(table.to_owned(), code.to_owned())).unwrap_or_default();
    let rows = sqlx::query(
        "SELECT 'level' AS ref_table, code, rank, CAST(NULL AS BIGINT) AS directed FROM levels \
         UNION ALL SELECT 'kind', code, rank, CAST(NULL AS BIGINT) FROM kinds \
         UNION ALL SELECT 'sector', code, rank, CAST(NULL AS BIGINT) FROM sectors \
         UNION ALL SELECT 'link_type', code, rank, directed FROM link_types \
         ORDER BY 1, 3, 2",
    )
    .fetch_all(&mut *conn)
    .await?;
    let (mut levels, mut kinds, mut sectors, mut link_types) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in rows {
        let table: String = r.try_get("ref_table")?;
        let code: String = r.try_get("code")?;
        let item = RefItem {
            labels: take(&table, &code),
            directed: r.try_get::<Option<i64>, _>("directed")?.map(|d| d != 0),
            code,
        };
        match table.as_str() {
            "level" => levels.push(item),
            "kind" => kinds.push(item),
            "sector" => sectors.push(item),
            _ => link_types.push(item),
        }
    }
    let territories = sqlx::query(
        "SELECT ins_code, kind, parent_ins, province_ins, lang, merged_into, merged_on FROM territories \
             ORDER BY ins_code",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let kind: String = r.try_get("kind")?;
        let ins_code: String = r.try_get("ins_code")?;
        Ok(Territory {
            names: take("territory", &ins_code),
            ins_code,
            kind: TerritoryKind::parse(&kind)
                .ok_or_else(|| sqlx::Error::Decode(format!("unknown territory kind {kind:?}").into()))?,
            parent_ins: r.try_get("parent_ins")?,
            province_ins: r.try_get("province_ins")?,
            lang: r.try_get("lang")?,
            merged_into: r.try_get("merged_into")?,
            merged_on: r.try_get("merged_on")?,
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(Reference::new(levels, kinds, sectors, link_types, territories))
}

/// The reference data's revision: the last change an admin made to it (0: as first seeded).
pub async fn revision(conn: &mut AnyConnection) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM changes WHERE entity = 'reference'").fetch_one(conn).await
}

/// The id under which the change log files a reference record (`table`, `code`): reference
/// rows are keyed by code, the log by number, so the number is a stable hash of both.
pub fn record_id(table: &str, code: &str) -> i64 {
    // FNV-1a, 64 bits, kept positive.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in table.bytes().chain([b':']).chain(code.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h >> 1) as i64
}

async fn labels_of(conn: &mut AnyConnection, table: &str, code: &str) -> sqlx::Result<BTreeMap<String, String>> {
    let rows = sqlx::query("SELECT lang, label FROM reference_labels WHERE ref_table = $1 AND code = $2")
        .bind(table.to_owned())
        .bind(code.to_owned())
        .fetch_all(conn)
        .await?;
    rows.iter().map(|r| Ok((r.try_get("lang")?, r.try_get("label")?))).collect()
}

async fn set_labels(
    conn: &mut AnyConnection,
    table: &str,
    code: &str,
    labels: &BTreeMap<String, String>,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM reference_labels WHERE ref_table = $1 AND code = $2")
        .bind(table.to_owned())
        .bind(code.to_owned())
        .execute(&mut *conn)
        .await?;
    for (lang, label) in labels {
        sqlx::query("INSERT INTO reference_labels (ref_table, code, lang, label) VALUES ($1, $2, $3, $4)")
            .bind(table.to_owned())
            .bind(code.to_owned())
            .bind(lang.clone())
            .bind(label.clone())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The values the change log keeps of a reference record: its code, one field per language
/// (`fr`, `nl`, …) and its other columns.
fn values(code: &str, labels: &BTreeMap<String, String>, more: &[(&str, Value)]) -> Value {
    let mut v = Map::new();
    v.insert("code".into(), code.into());
    for (lang, label) in labels {
        v.insert(lang.clone(), label.clone().into());
    }
    for (k, x) in more {
        if !x.is_null() {
            v.insert((*k).to_owned(), x.clone());
        }
    }
    Value::Object(v)
}

fn item_sql(table: RefTable) -> (&'static str, &'static str, &'static str) {
    match table {
        RefTable::Level => (
            "SELECT code FROM levels WHERE code = $1",
            "INSERT INTO levels (code, rank) SELECT $1, COALESCE(MAX(rank), 0) + 1 FROM levels",
            "",
        ),
        RefTable::Kind => (
            "SELECT code FROM kinds WHERE code = $1",
            "INSERT INTO kinds (code, rank) SELECT $1, COALESCE(MAX(rank), 0) + 1 FROM kinds",
            "",
        ),
        RefTable::Sector => (
            "SELECT code FROM sectors WHERE code = $1",
            "INSERT INTO sectors (code, rank) SELECT $1, COALESCE(MAX(rank), 0) + 1 FROM sectors",
            "",
        ),
        _ => (
            "SELECT code, directed FROM link_types WHERE code = $1",
            "INSERT INTO link_types (code, rank, directed) SELECT $1, COALESCE(MAX(rank), 0) + 1, $2 FROM link_types",
            "UPDATE link_types SET directed = $2 WHERE code = $1",
        ),
    }
}

/// Adds a level, kind, sector or link type (after the others), or changes its labels (and a
/// link type's default direction); recorded in the change log. Returns whether it was new.
pub async fn save_item(conn: &mut AnyConnection, table: RefTable, item: &RefItem) -> sqlx::Result<bool> {
    let (select, insert, update) = item_sql(table);
    let found = sqlx::query(select).bind(item.code.clone()).fetch_optional(&mut *conn).await?;
    let directed = |d: Option<bool>| d.map_or(Value::Null, Value::from);
    let before = match &found {
        Some(r) => {
            let was = if table == RefTable::LinkType { Some(r.try_get::<i64, _>("directed")? != 0) } else { None };
            Some(values(&item.code, &labels_of(conn, table.code(), &item.code).await?, &[("directed", directed(was))]))
        }
        None => None,
    };
    let flag = i64::from(item.directed.unwrap_or(false));
    if found.is_none() {
        let mut q = sqlx::query(insert).bind(item.code.clone());
        if table == RefTable::LinkType {
            q = q.bind(flag);
        }
        q.execute(&mut *conn).await?;
    } else if !update.is_empty() {
        sqlx::query(update).bind(item.code.clone()).bind(flag).execute(&mut *conn).await?;
    }
    set_labels(conn, table.code(), &item.code, &item.labels).await?;
    let after = values(&item.code, &item.labels, &[("directed", directed(item.directed))]);
    let action = if before.is_some() { "update" } else { "create" };
    let detail = format!("{}:{}", table.code(), item.code);
    let id = record_id(table.code(), &item.code);
    audit::record_values(conn, "reference", id, action, &detail, before.as_ref(), &after).await?;
    Ok(before.is_none())
}

/// A territory's values as the change log keeps them, read from the tables.
async fn territory_values(conn: &mut AnyConnection, ins: &str) -> sqlx::Result<Option<Value>> {
    let Some(r) = sqlx::query(
        "SELECT kind, parent_ins, province_ins, lang, merged_into, merged_on FROM territories WHERE ins_code = $1",
    )
    .bind(ins.to_owned())
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let mut more = Vec::new();
    for column in ["kind", "parent_ins", "province_ins", "lang", "merged_into", "merged_on"] {
        more.push((column, r.try_get::<Option<String>, _>(column)?.map_or(Value::Null, Value::from)));
    }
    Ok(Some(values(ins, &labels_of(conn, "territory", ins).await?, &more)))
}

/// Records a territory's change: its values before (none: created) and now.
async fn record_territory(
    conn: &mut AnyConnection,
    ins: &str,
    action: &'static str,
    before: Option<&Value>,
) -> sqlx::Result<()> {
    let after = territory_values(conn, ins).await?.unwrap_or(Value::Null);
    let detail = format!("territory:{ins}");
    audit::record_values(conn, "reference", record_id("territory", ins), action, &detail, before, &after).await
}

/// Changes a territory's names and language; recorded in the change log.
pub async fn save_territory(conn: &mut AnyConnection, t: &Territory) -> Result<(), StoreError> {
    let before = territory_values(conn, &t.ins_code).await?.ok_or(StoreError::NotFound)?;
    sqlx::query("UPDATE territories SET lang = $1 WHERE ins_code = $2")
        .bind(t.lang.clone())
        .bind(t.ins_code.clone())
        .execute(&mut *conn)
        .await?;
    set_labels(conn, "territory", &t.ins_code, &t.names).await?;
    record_territory(conn, &t.ins_code, "update", Some(&before)).await?;
    Ok(())
}

/// The ids a query on one INS code returns.
async fn ids(conn: &mut AnyConnection, sql: &'static str, ins: &str) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar::<_, i64>(sql).bind(ins.to_owned()).fetch_all(conn).await
}

/// What a merger did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Merged {
    /// How many communes became one.
    pub communes: usize,
    /// The commune they became.
    pub into: Territory,
    /// Stakeholders that acted on a merged commune and now act on the new one.
    pub stakeholders: usize,
    /// Coordination bodies whose territory was a merged commune.
    pub bodies: usize,
}

impl Merged {
    /// What to tell the admin ("2 communes merged into Bastogne: 3 actors moved, no body").
    pub fn to_message(&self, lang: Lang) -> Message {
        Message::new("ref-merged")
            .with("communes", self.communes)
            .with("name", self.into.to_message(lang))
            .with("stakeholders", self.stakeholders)
            .with("bodies", self.bodies)
    }
}

/// Merges communes: creates the new one (or renames the absorbing one), moves every
/// stakeholder, coordination body and dismissed suggestion of the merged communes to it, and
/// keeps the merged communes as former units that point to it. Each record moved and each
/// territory is recorded in the change log.
pub async fn merge(conn: &mut AnyConnection, m: &Merger) -> Result<Merged, StoreError> {
    let into = &m.into;
    if m.new {
        sqlx::query(
            "INSERT INTO territories (ins_code, kind, parent_ins, province_ins, lang) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(into.ins_code.clone())
        .bind(into.kind.code())
        .bind(into.parent_ins.clone())
        .bind(into.province_ins.clone())
        .bind(into.lang.clone())
        .execute(&mut *conn)
        .await?;
        set_labels(conn, "territory", &into.ins_code, &into.names).await?;
        record_territory(conn, &into.ins_code, "create", None).await?;
    } else {
        save_territory(conn, into).await?;
    }
    let mut moved =
        Merged { communes: m.former.len() + usize::from(!m.new), into: into.clone(), stakeholders: 0, bodies: 0 };
    for ins in &m.former {
        let before = territory_values(conn, ins).await?.ok_or(StoreError::NotFound)?;
        let stakeholders =
            ids(conn, "SELECT stakeholder_id FROM stakeholder_territories WHERE ins_code = $1 ORDER BY 1", ins).await?;
        audit::record_changes(conn, "stakeholder", &stakeholders, "update").await?;
        // (Territories are in none of a stakeholder's derived columns: nothing to recompute.)
        sqlx::query(
            "UPDATE stakeholders SET updated_at = $1 \
             WHERE id IN (SELECT stakeholder_id FROM stakeholder_territories WHERE ins_code = $2)",
        )
        .bind(super::now())
        .bind(ins.clone())
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO stakeholder_territories (stakeholder_id, ins_code) \
             SELECT stakeholder_id, $1 FROM stakeholder_territories WHERE ins_code = $2 ON CONFLICT DO NOTHING",
        )
        .bind(into.ins_code.clone())
        .bind(ins.clone())
        .execute(&mut *conn)
        .await?;
        sqlx::query("DELETE FROM stakeholder_territories WHERE ins_code = $1")
            .bind(ins.clone())
            .execute(&mut *conn)
            .await?;
        moved.stakeholders += stakeholders.len();

        let bodies = ids(conn, "SELECT id FROM bodies WHERE territory_ins = $1 ORDER BY 1", ins).await?;
        audit::record_changes(conn, "body", &bodies, "update").await?;
        sqlx::query("UPDATE bodies SET territory_ins = $1 WHERE territory_ins = $2")
            .bind(into.ins_code.clone())
            .bind(ins.clone())
            .execute(&mut *conn)
            .await?;
        moved.bodies += bodies.len();

        let dismissed =
            ids(conn, "SELECT id FROM suggestion_dismissals WHERE commune_ins = $1 ORDER BY 1", ins).await?;
        audit::record_changes(conn, "suggestion", &dismissed, "update").await?;
        sqlx::query("UPDATE suggestion_dismissals SET commune_ins = $1 WHERE commune_ins = $2")
            .bind(into.ins_code.clone())
            .bind(ins.clone())
            .execute(&mut *conn)
            .await?;

        sqlx::query("UPDATE territories SET merged_into = $1, merged_on = $2 WHERE ins_code = $3")
            .bind(into.ins_code.clone())
            .bind(m.on.clone())
            .bind(ins.clone())
            .execute(&mut *conn)
            .await?;
        record_territory(conn, ins, "merged", Some(&before)).await?;
    }
    Ok(moved)
}
