//! Stakeholders and their sectors, territory and contact persons.

use super::{Conditions, StoreError, flag, now, on_unique};
use crate::domain::problem::Message;
use crate::domain::stakeholder::{Contact, NameKeys, Stakeholder, StakeholderData};
use crate::domain::text::like_pattern;
use crate::domain::values::{Email, Score, StakeholderName, Website};
use sqlx::{AnyConnection, AssertSqlSafe, Row};
use std::collections::HashMap;

/// Which stakeholders to list. Codes are already resolved against the reference tables.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// One stakeholder by id (archived or not, if `include_archived`).
    pub id: Option<i64>,
    /// Only these stakeholders.
    pub ids: Option<Vec<i64>>,
    pub level: Option<String>,
    pub kind: Option<String>,
    pub sector: Option<String>,
    /// INS code of a province: stakeholders acting on it or on any unit inside it.
    pub province: Option<String>,
    pub q: Option<String>,
    /// Search `q` in the name and acronym only, never in contact persons or private notes
    /// (respondents' roster, roles without access to personal data).
    pub public_search: bool,
    pub key_only: bool,
    pub include_archived: bool,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl Filter {
    fn conditions(&self) -> Conditions {
        let mut c = Conditions::default();
        if !self.include_archived {
            c.push_fixed("s.archived = 0");
        }
        if let Some(id) = self.id {
            c.push("s.id = CAST({} AS BIGINT)", id.to_string());
        }
        if let Some(ids) = &self.ids {
            c.push_in("s.id", ids.iter().map(i64::to_string));
        }
        if self.key_only {
            c.push_fixed("s.is_key = 1");
        }
        if let Some(level) = &self.level {
            c.push("s.level_code = {}", level);
        }
        if let Some(kind) = &self.kind {
            c.push("s.kind_code = {}", kind);
        }
        if let Some(sector) = &self.sector {
            c.push(
                "EXISTS (SELECT 1 FROM stakeholder_sectors ss WHERE ss.stakeholder_id = s.id AND ss.sector_code = {})",
                sector,
            );
        }
        if let Some(province) = &self.province {
            c.push(
                "EXISTS (SELECT 1 FROM stakeholder_territories st JOIN territories t ON t.ins_code = st.ins_code \
                 WHERE st.stakeholder_id = s.id AND t.province_ins = {})",
                province,
            );
        }
        if let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            if self.public_search {
                c.push("(s.name_key LIKE {} ESCAPE '\\'", like_pattern(q));
                c.push_or("COALESCE(s.acronym_key, '') LIKE {} ESCAPE '\\')", like_pattern(q));
            } else {
                c.push("s.search_text LIKE {} ESCAPE '\\'", like_pattern(q));
            }
        }
        c
    }

    fn page(&self) -> String {
        match (self.limit, self.offset) {
            (None, None) => String::new(),
            (limit, offset) => format!(" LIMIT {} OFFSET {}", limit.unwrap_or(i64::MAX / 2), offset.unwrap_or(0)),
        }
    }
}

const COLUMNS: &str = "s.id, s.name, s.acronym, s.kind_code, s.level_code, s.description, s.website, s.email, \
    s.phone, s.influence, s.interest, s.is_key, s.notes, s.archived, s.created_at, s.updated_at, s.possible_duplicate_of";

pub async fn count(conn: &mut AnyConnection, filter: &Filter) -> sqlx::Result<i64> {
    let c = filter.conditions();
    let sql = format!("SELECT COUNT(*) AS n FROM stakeholders s WHERE 1 = 1{}", c.sql());
    c.bind(sqlx::query(AssertSqlSafe(sql))).fetch_one(conn).await?.try_get("n")
}

/// The stakeholders matching `filter`, ordered by name, with their sectors, territory and contacts.
pub async fn list(conn: &mut AnyConnection, filter: &Filter) -> sqlx::Result<Vec<Stakeholder>> {
    let c = filter.conditions();
    let selected =
        format!("SELECT s.id FROM stakeholders s WHERE 1 = 1{} ORDER BY s.name_key{}", c.sql(), filter.page());
    let sql =
        format!("SELECT {COLUMNS} FROM stakeholders s WHERE 1 = 1{} ORDER BY s.name_key{}", c.sql(), filter.page());
    let rows = c.bind(sqlx::query(AssertSqlSafe(sql))).fetch_all(&mut *conn).await?;
    let children = |table_sql: &str| format!("{table_sql} WHERE stakeholder_id IN ({selected})");
    let mut sectors = group(
        c.bind(sqlx::query(AssertSqlSafe(children(
            "SELECT stakeholder_id, sector_code AS value FROM stakeholder_sectors x JOIN sectors r ON r.code = x.sector_code",
        ) + " ORDER BY stakeholder_id, r.rank")))
        .fetch_all(&mut *conn)
        .await?,
    )?;
    let mut territory = group(
        c.bind(sqlx::query(AssertSqlSafe(
            children("SELECT stakeholder_id, ins_code AS value FROM stakeholder_territories")
                + " ORDER BY stakeholder_id, ins_code",
        )))
        .fetch_all(&mut *conn)
        .await?,
    )?;
    let mut contacts: HashMap<i64, Vec<Contact>> = HashMap::new();
    for r in c
        .bind(sqlx::query(AssertSqlSafe(
            children("SELECT stakeholder_id, name, function, email, phone, legal_basis FROM contacts")
                + " ORDER BY stakeholder_id, position",
        )))
        .fetch_all(&mut *conn)
        .await?
    {
        contacts.entry(r.try_get("stakeholder_id")?).or_default().push(Contact {
            name: r.try_get("name")?,
            function: r.try_get("function")?,
            email: r.try_get::<Option<String>, _>("email")?.map(Email::trusted),
            phone: r.try_get("phone")?,
            legal_basis: r.try_get("legal_basis")?,
        });
    }
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            row_to_stakeholder(
                r,
                sectors.remove(&id).unwrap_or_default(),
                territory.remove(&id).unwrap_or_default(),
                contacts.remove(&id).unwrap_or_default(),
            )
        })
        .collect()
}

/// The active stakeholders with what the network map and analysis read (names, kind, level,
/// sectors, territory, key, influence, interest), without their descriptions, notes, contacts
/// and personal columns: three plain queries, a fraction of `list`'s work.
pub async fn for_network(conn: &mut AnyConnection) -> sqlx::Result<Vec<Stakeholder>> {
    // The columns `row_to_stakeholder` reads, the ones the network does not need left empty.
    let rows = sqlx::query(
        "SELECT s.id, s.name, s.acronym, s.kind_code, s.level_code, NULL AS description, NULL AS website, \
         NULL AS email, NULL AS phone, s.influence, s.interest, s.is_key, NULL AS notes, s.archived, \
         '' AS created_at, '' AS updated_at, CAST(NULL AS BIGINT) AS possible_duplicate_of \
         FROM stakeholders s WHERE s.archived = 0 ORDER BY s.name_key",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut sectors = group(
        sqlx::query(
            "SELECT x.stakeholder_id, x.sector_code AS value FROM stakeholder_sectors x \
             JOIN stakeholders s ON s.id = x.stakeholder_id JOIN sectors r ON r.code = x.sector_code \
             WHERE s.archived = 0 ORDER BY x.stakeholder_id, r.rank",
        )
        .fetch_all(&mut *conn)
        .await?,
    )?;
    let mut territory = group(
        sqlx::query(
            "SELECT x.stakeholder_id, x.ins_code AS value FROM stakeholder_territories x \
             JOIN stakeholders s ON s.id = x.stakeholder_id WHERE s.archived = 0 ORDER BY x.stakeholder_id, x.ins_code",
        )
        .fetch_all(&mut *conn)
        .await?,
    )?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            row_to_stakeholder(
                r,
                sectors.remove(&id).unwrap_or_default(),
                territory.remove(&id).unwrap_or_default(),
                Vec::new(),
            )
        })
        .collect()
}

fn group(rows: Vec<sqlx::any::AnyRow>) -> sqlx::Result<HashMap<i64, Vec<String>>> {
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    for r in rows {
        map.entry(r.try_get("stakeholder_id")?).or_default().push(r.try_get("value")?);
    }
    Ok(map)
}

fn row_to_stakeholder(
    r: &sqlx::any::AnyRow,
    sectors: Vec<String>,
    territory: Vec<String>,
    contacts: Vec<Contact>,
) -> sqlx::Result<Stakeholder> {
    Ok(Stakeholder {
        id: r.try_get("id")?,
        data: StakeholderData {
            name: StakeholderName::trusted(r.try_get("name")?),
            acronym: r.try_get("acronym")?,
            kind: r.try_get("kind_code")?,
            level: r.try_get("level_code")?,
            sectors,
            territory,
            description: r.try_get("description")?,
            website: r.try_get::<Option<String>, _>("website")?.map(Website::trusted),
            email: r.try_get::<Option<String>, _>("email")?.map(Email::trusted),
            phone: r.try_get("phone")?,
            influence: r.try_get::<Option<i64>, _>("influence")?.map(Score::trusted),
            interest: r.try_get::<Option<i64>, _>("interest")?.map(Score::trusted),
            key: r.try_get::<i64, _>("is_key")? != 0,
            notes: r.try_get("notes")?,
            contacts,
        },
        archived: r.try_get::<i64, _>("archived")? != 0,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        possible_duplicate_of: r.try_get("possible_duplicate_of")?,
    })
}

/// These stakeholders (archived or not), a query per 500.
pub async fn by_ids(conn: &mut AnyConnection, ids: &[i64]) -> sqlx::Result<Vec<Stakeholder>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let filter = Filter { ids: Some(chunk.to_vec()), include_archived: true, ..Default::default() };
        out.extend(list(conn, &filter).await?);
    }
    Ok(out)
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<Stakeholder>> {
    Ok(list(conn, &Filter { id: Some(id), include_archived: true, ..Default::default() }).await?.pop())
}

fn duplicate_name(err: sqlx::Error, data: &StakeholderData) -> StoreError {
    let name = data.name.as_str();
    on_unique(err, "name", Message::new("conflict-stakeholder-name").with("name", name))
}

/// Binds $1..$15: the stakeholder's own columns, in the order INSERT and UPDATE list them.
fn bind_columns<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    data: &StakeholderData,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    q.bind(data.name.as_str().to_owned())
        .bind(data.name_key())
        .bind(data.acronym.clone())
        .bind(data.acronym_key())
        .bind(data.kind.clone())
        .bind(data.level.clone())
        .bind(data.description.clone())
        .bind(data.website.as_ref().map(|w| w.as_str().to_owned()))
        .bind(data.email.as_ref().map(|e| e.as_str().to_owned()))
        .bind(data.phone.clone())
        .bind(data.influence.map(Score::get))
        .bind(data.interest.map(Score::get))
        .bind(flag(data.key))
        .bind(data.notes.clone())
        .bind(data.search_text())
}

/// Creates a stakeholder; a name already taken (ignoring case and accents) is a conflict.
pub async fn create(conn: &mut AnyConnection, data: &StakeholderData) -> Result<i64, StoreError> {
    let ts = now();
    let query = sqlx::query(
        "INSERT INTO stakeholders (name, name_key, acronym, acronym_key, kind_code, level_code, description, website, \
         email, phone, influence, interest, is_key, notes, search_text, archived, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0, $16, $16) RETURNING id",
    );
    let id: i64 = bind_columns(query, data)
        .bind(ts)
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| duplicate_name(e, data))?
        .try_get("id")?;
    write_children(conn, id, data, &[]).await?;
    super::record_change(conn, "stakeholder", id, "create").await?;
    Ok(id)
}

/// Creates stakeholders the caller has checked against each other and the inventory (an
/// import): a few statements per thousand instead of six per stakeholder, their creation
/// recorded with their values. Returns their ids in the order given.
pub async fn create_many(conn: &mut AnyConnection, list: &[&StakeholderData]) -> Result<Vec<i64>, StoreError> {
    let ts = now();
    let mut ids = Vec::with_capacity(list.len());
    for chunk in list.chunks(super::rows_per_statement(17)) {
        let values = super::many_values(super::is_sqlite(conn), chunk.len(), 17, |p| format!("({p}, 0)"));
        let sql = format!(
            "INSERT INTO stakeholders (name, name_key, acronym, acronym_key, kind_code, level_code, description, \
             website, email, phone, influence, interest, is_key, notes, search_text, created_at, updated_at, archived) \
             VALUES {values} RETURNING id, name_key"
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for d in chunk {
            q = bind_columns(q, d).bind(ts.clone()).bind(ts.clone());
        }
        // The caller checked every name; a clash here is another writer's stakeholder created
        // meanwhile, and which row met it is not known.
        let rows = q
            .fetch_all(&mut *conn)
            .await
            .map_err(|e| on_unique(e, "name", Message::new("conflict-name-taken-meanwhile")))?;
        let mut by_key: HashMap<String, i64> = HashMap::with_capacity(rows.len());
        for r in rows {
            by_key.insert(r.try_get("name_key")?, r.try_get("id")?);
        }
        for d in chunk {
            ids.push(by_key.get(&d.name_key()).copied().ok_or_else(|| {
                StoreError::Db(sqlx::Error::Protocol(format!("no id returned for {:?}", d.name.as_str())))
            })?);
        }
    }
    let (mut sectors, mut territories, mut contacts) = (Vec::new(), Vec::new(), Vec::new());
    let day = today();
    for (id, d) in ids.iter().zip(list) {
        let row = |pairs: Vec<(&str, serde_json::Value)>| -> serde_json::Map<String, serde_json::Value> {
            pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
        };
        for code in &d.sectors {
            sectors.push(row(vec![("stakeholder_id", (*id).into()), ("sector_code", code.clone().into())]));
        }
        for ins in &d.territory {
            territories.push(row(vec![("stakeholder_id", (*id).into()), ("ins_code", ins.clone().into())]));
        }
        for (position, c) in d.contacts.iter().enumerate() {
            contacts.push(row(vec![
                ("stakeholder_id", (*id).into()),
                ("position", (position as i64).into()),
                ("name", c.name.clone().into()),
                ("function", c.function.clone().into()),
                ("email", c.email.as_ref().map(|e| e.as_str().to_owned()).into()),
                ("phone", c.phone.clone().into()),
                ("legal_basis", c.legal_basis.clone().into()),
                ("basis_on", day.clone().into()),
                ("confirmed_on", day.clone().into()),
            ]));
        }
    }
    for (table, rows) in
        [("stakeholder_sectors", sectors), ("stakeholder_territories", territories), ("contacts", contacts)]
    {
        let description = super::schema::table(conn, table).await?;
        super::schema::insert_rows(conn, &description, &rows).await?;
    }
    super::audit::record_created(conn, "stakeholder", &ids).await?;
    Ok(ids)
}

/// Replaces a stakeholder's data (PUT semantics); its links and history stay.
pub async fn update(conn: &mut AnyConnection, id: i64, data: &StakeholderData) -> Result<(), StoreError> {
    super::record_change(conn, "stakeholder", id, "update").await?;
    let query = sqlx::query(
        "UPDATE stakeholders SET name = $1, name_key = $2, acronym = $3, acronym_key = $4, kind_code = $5, \
         level_code = $6, description = $7, website = $8, email = $9, phone = $10, influence = $11, interest = $12, \
         is_key = $13, notes = $14, search_text = $15, updated_at = $16 WHERE id = $17",
    );
    let done = bind_columns(query, data)
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(|e| duplicate_name(e, data))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    let kept = contact_dates(conn, id).await?;
    for table in [
        "DELETE FROM stakeholder_sectors WHERE stakeholder_id = $1",
        "DELETE FROM stakeholder_territories WHERE stakeholder_id = $1",
        "DELETE FROM contacts WHERE stakeholder_id = $1",
    ] {
        sqlx::query(table).bind(id).execute(&mut *conn).await?;
    }
    write_children(conn, id, data, &kept).await?;
    Ok(())
}

/// A contact person as stored, with the days its legal basis was recorded and its data
/// last confirmed.
struct ContactDates {
    contact: Contact,
    basis_on: Option<String>,
    confirmed_on: Option<String>,
}

async fn contact_dates(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Vec<ContactDates>> {
    sqlx::query(
        "SELECT name, function, email, phone, legal_basis, basis_on, confirmed_on FROM contacts \
         WHERE stakeholder_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(conn)
    .await?
    .iter()
    .map(|r| {
        Ok(ContactDates {
            contact: Contact {
                name: r.try_get("name")?,
                function: r.try_get("function")?,
                email: r.try_get::<Option<String>, _>("email")?.map(Email::trusted),
                phone: r.try_get("phone")?,
                legal_basis: r.try_get("legal_basis")?,
            },
            basis_on: r.try_get("basis_on")?,
            confirmed_on: r.try_get("confirmed_on")?,
        })
    })
    .collect()
}

/// Marks a stakeholder's contact persons as confirmed today (by the stakeholder, in a
/// survey's entry check): the retention period starts again.
pub async fn confirm_contacts(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    super::record_change(conn, "stakeholder", id, "confirm").await?;
    sqlx::query("UPDATE contacts SET confirmed_on = $1 WHERE stakeholder_id = $2")
        .bind(today())
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

fn today() -> String {
    now().get(..10).unwrap_or_default().to_owned()
}

async fn write_children(
    conn: &mut AnyConnection,
    id: i64,
    data: &StakeholderData,
    kept: &[ContactDates],
) -> Result<(), StoreError> {
    for code in &data.sectors {
        sqlx::query("INSERT INTO stakeholder_sectors (stakeholder_id, sector_code) VALUES ($1, $2)")
            .bind(id)
            .bind(code.clone())
            .execute(&mut *conn)
            .await?;
    }
    for ins in &data.territory {
        sqlx::query("INSERT INTO stakeholder_territories (stakeholder_id, ins_code) VALUES ($1, $2)")
            .bind(id)
            .bind(ins.clone())
            .execute(&mut *conn)
            .await?;
    }
    for (position, c) in data.contacts.iter().enumerate() {
        // An unchanged contact keeps its days; a changed basis is recorded today; a new or
        // edited contact is confirmed today.
        let same = kept.iter().find(|k| k.contact == *c);
        let same_basis = kept.iter().find(|k| k.contact.name == c.name && k.contact.legal_basis == c.legal_basis);
        let basis_on = same.or(same_basis).and_then(|k| k.basis_on.clone()).unwrap_or_else(today);
        let confirmed_on = same.and_then(|k| k.confirmed_on.clone()).unwrap_or_else(today);
        sqlx::query(
            "INSERT INTO contacts (stakeholder_id, position, name, function, email, phone, legal_basis, basis_on, \
             confirmed_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(c.name.clone())
        .bind(c.function.clone())
        .bind(c.email.as_ref().map(|e| e.as_str().to_owned()))
        .bind(c.phone.clone())
        .bind(c.legal_basis.clone())
        .bind(basis_on)
        .bind(confirmed_on)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Recomputes the columns derived from a stakeholder's data (matching keys, search text),
/// after its values were written back by a revert.
pub async fn refresh_derived(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    let Some(s) = get(conn, id).await? else { return Ok(()) };
    sqlx::query("UPDATE stakeholders SET name_key = $1, acronym_key = $2, search_text = $3 WHERE id = $4")
        .bind(s.data.name_key())
        .bind(s.data.acronym_key())
        .bind(s.data.search_text())
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(|e| duplicate_name(e, &s.data))?;
    Ok(())
}

/// Archives or restores a stakeholder. Stakeholders are never deleted from the UI or API.
pub async fn set_archived(conn: &mut AnyConnection, id: i64, archived: bool) -> Result<(), StoreError> {
    super::record_change(conn, "stakeholder", id, if archived { "archive" } else { "restore" }).await?;
    let done = sqlx::query("UPDATE stakeholders SET archived = $1, updated_at = $2 WHERE id = $3")
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

/// The language a coordinator chose for a stakeholder's invitations (`None`: from its
/// communes), recorded in the change log with the new value.
pub async fn set_language(conn: &mut AnyConnection, id: i64, lang: Option<&str>) -> Result<(), StoreError> {
    super::record_detail(conn, "stakeholder", id, "language", lang.unwrap_or("auto")).await?;
    let done = sqlx::query("UPDATE stakeholders SET lang = $1, updated_at = $2 WHERE id = $3")
        .bind(lang.map(str::to_owned))
        .bind(now())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The language a coordinator chose for one stakeholder, if any.
pub async fn language(conn: &mut AnyConnection, id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query("SELECT lang FROM stakeholders WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?
        .map_or(Ok(None), |r| r.try_get("lang"))
}

/// The languages coordinators chose, by stakeholder (those without one are absent).
pub async fn languages(conn: &mut AnyConnection) -> sqlx::Result<HashMap<i64, String>> {
    sqlx::query("SELECT id, lang FROM stakeholders WHERE lang IS NOT NULL")
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("lang")?)))
        .collect()
}

/// What the matching keys are computed from, with the keys stored: (id, name, acronym,
/// name_key, acronym_key).
pub async fn key_sources(
    conn: &mut AnyConnection,
) -> sqlx::Result<Vec<(i64, String, Option<String>, String, Option<String>)>> {
    sqlx::query("SELECT id, name, acronym, name_key, acronym_key FROM stakeholders ORDER BY id")
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                r.try_get("name")?,
                r.try_get("acronym")?,
                r.try_get("name_key")?,
                r.try_get("acronym_key")?,
            ))
        })
        .collect()
}

/// Stores recomputed matching keys (derived data: no change row), and the record this one
/// may duplicate.
pub async fn set_keys(
    conn: &mut AnyConnection,
    id: i64,
    name_key: &str,
    acronym_key: Option<&str>,
    possible_duplicate_of: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE stakeholders SET name_key = $1, acronym_key = $2, \
         possible_duplicate_of = COALESCE($3, possible_duplicate_of) WHERE id = $4",
    )
    .bind(name_key.to_owned())
    .bind(acronym_key.map(str::to_owned))
    .bind(possible_duplicate_of)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The stakeholders whose search text holds any of `chars` (one scan).
pub async fn ids_with_search_chars(conn: &mut AnyConnection, chars: &[char]) -> sqlx::Result<Vec<i64>> {
    if chars.is_empty() {
        return Ok(Vec::new());
    }
    let clauses: Vec<String> = (1..=chars.len()).map(|i| format!("search_text LIKE ${i}")).collect();
    let mut q = sqlx::query(AssertSqlSafe(format!("SELECT id FROM stakeholders WHERE {}", clauses.join(" OR "))));
    for c in chars {
        q = q.bind(format!("%{c}%"));
    }
    q.fetch_all(conn).await?.iter().map(|r| r.try_get("id")).collect()
}

/// Stores a recomputed search text (derived data: no change row).
pub async fn set_search_text(conn: &mut AnyConnection, id: i64, search_text: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE stakeholders SET search_text = $1 WHERE id = $2")
        .bind(search_text.to_owned())
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Every stakeholder's matching keys, for resolving names and acronyms typed by users.
pub async fn keys(conn: &mut AnyConnection) -> sqlx::Result<Vec<NameKeys>> {
    sqlx::query("SELECT id, name, name_key, acronym_key FROM stakeholders ORDER BY id")
        .fetch_all(conn)
        .await?
        .iter()
        .map(|r| {
            Ok(NameKeys {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                name_key: r.try_get("name_key")?,
                acronym_key: r.try_get("acronym_key")?,
            })
        })
        .collect()
}
