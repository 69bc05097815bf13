//! Reading the reference tables into the domain's catalogue.

use crate::domain::reference::{RefItem, Reference, Territory, TerritoryKind};
use sqlx::{AnyConnection, Row};

async fn items(conn: &mut AnyConnection, table: &'static str) -> sqlx::Result<Vec<RefItem>> {
    let sql = match table {
        "levels" => "SELECT code, label_fr, label_en FROM levels ORDER BY rank, code",
        "kinds" => "SELECT code, label_fr, label_en FROM kinds ORDER BY rank, code",
        "sectors" => "SELECT code, label_fr, label_en FROM sectors ORDER BY rank, code",
        _ => unreachable!("reference table names are fixed"),
    };
    let rows = sqlx::query(sql).fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| Ok(RefItem { code: r.try_get(0)?, label_fr: r.try_get(1)?, label_en: r.try_get(2)?, directed: None }))
        .collect()
}

pub async fn load(conn: &mut AnyConnection) -> sqlx::Result<Reference> {
    let levels = items(conn, "levels").await?;
    let kinds = items(conn, "kinds").await?;
    let sectors = items(conn, "sectors").await?;
    let link_types = sqlx::query("SELECT code, label_fr, label_en, directed FROM link_types ORDER BY rank, code")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok(RefItem {
                code: r.try_get(0)?,
                label_fr: r.try_get(1)?,
                label_en: r.try_get(2)?,
                directed: Some(r.try_get::<i64, _>(3)? != 0),
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    let territories = sqlx::query(
        "SELECT ins_code, kind, name_fr, name_nl, name_de, parent_ins, province_ins FROM territories ORDER BY ins_code",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let kind: String = r.try_get(1)?;
        Ok(Territory {
            ins_code: r.try_get(0)?,
            kind: TerritoryKind::parse(&kind)
                .ok_or_else(|| sqlx::Error::Decode(format!("unknown territory kind {kind:?}").into()))?,
            name_fr: r.try_get(2)?,
            name_nl: r.try_get(3)?,
            name_de: r.try_get(4)?,
            parent_ins: r.try_get(5)?,
            province_ins: r.try_get(6)?,
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(Reference::new(levels, kinds, sectors, link_types, territories))
}
