//! The reference tables, read into the domain's catalogue (labels keyed by language, three
//! queries in all). A new database is filled from the data files by `db::connect`.

use crate::domain::reference::{RefItem, Reference, Territory, TerritoryKind};
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
    let territories =
        sqlx::query("SELECT ins_code, kind, parent_ins, province_ins, lang FROM territories ORDER BY ins_code")
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
                })
            })
            .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(Reference::new(levels, kinds, sectors, link_types, territories))
}
