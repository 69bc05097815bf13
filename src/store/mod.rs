//! SQL for each aggregate, on one code path for SQLite and PostgreSQL. Every mutation of an
//! aggregate is one function here, taking the caller's connection or transaction: that is
//! where access checks and audit rows will go.

pub mod accounts;
pub mod audit;
pub mod campaigns;
pub mod dump;
pub mod links;
pub mod maintenance;
pub mod mechanism;
pub mod network;
pub mod phases;
pub mod privacy;
pub mod reference;
pub mod responses;
pub mod schema;
pub mod snapshots;
pub mod stakeholders;

use crate::domain::problem::Message;
use crate::i18n::Lang;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("conflict on {field}: {}", message.id)]
    Conflict { field: &'static str, message: Message },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl StoreError {
    pub fn conflict_message(&self, lang: Lang) -> Option<String> {
        match self {
            StoreError::Conflict { message, .. } => Some(crate::i18n::say(lang, message)),
            _ => None,
        }
    }
}

/// Turns a unique-constraint violation into a user-facing conflict; other errors pass through.
pub fn on_unique(err: sqlx::Error, field: &'static str, message: Message) -> StoreError {
    match &err {
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict { field, message },
        _ => StoreError::Db(err),
    }
}

/// Placeholders for a many-row `VALUES`: `rows` tuples of `width` parameters, each wrapped
/// by `tuple` (which receives "$a, $b, …"). SQLite gets anonymous `?` parameters: it looks a
/// numbered one up by name, which makes a statement of thousands of `$N` quadratic (1.5 s for
/// 16,000 parameters); PostgreSQL needs `$N`.
pub(crate) fn many_values(sqlite: bool, rows: usize, width: usize, tuple: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(rows * width * 6);
    let mut n = 0;
    for i in 0..rows {
        let params: Vec<String> = (0..width)
            .map(|_| {
                n += 1;
                if sqlite { "?".to_owned() } else { format!("${n}") }
            })
            .collect();
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&tuple(&params.join(", ")));
    }
    out
}

/// Whether this connection is SQLite's.
pub(crate) fn is_sqlite(conn: &sqlx::AnyConnection) -> bool {
    conn.backend_name().eq_ignore_ascii_case("sqlite")
}

/// Rows per many-row statement: within the smallest parameter limit (SQLite's 32,766;
/// PostgreSQL's 65,535) with room to spare.
pub(crate) fn rows_per_statement(width: usize) -> usize {
    (16_000 / width.max(1)).clamp(1, 1_000)
}

/// Records that a record is about to change (or, for `create`, was just created); every
/// mutation function calls it in the caller's transaction, before it changes the record, so
/// that the values before are kept (see [`audit`]).
pub async fn record_change(
    conn: &mut sqlx::AnyConnection,
    entity: &'static str,
    entity_id: i64,
    action: &'static str,
) -> sqlx::Result<()> {
    audit::record_change(conn, entity, entity_id, action, None).await
}

/// Records a change that came from elsewhere than a coordinator's hand, saying where from
/// (e.g. `survey:3/17`): the provenance of an accepted proposal or correction.
pub async fn record_detail(
    conn: &mut sqlx::AnyConnection,
    entity: &'static str,
    entity_id: i64,
    action: &'static str,
    detail: &str,
) -> sqlx::Result<()> {
    audit::record_change(conn, entity, entity_id, action, Some(detail)).await
}

/// The current data revision: it changes whenever a stakeholder or link does.
pub async fn revision(conn: &mut sqlx::AnyConnection) -> sqlx::Result<i64> {
    use sqlx::Row;
    sqlx::query("SELECT COALESCE(MAX(id), 0) AS revision FROM changes").fetch_one(conn).await?.try_get("revision")
}

pub fn now() -> String {
    OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| OffsetDateTime::now_utc())
        .format(&Rfc3339)
        .unwrap_or_default()
}

pub fn flag(b: bool) -> i64 {
    i64::from(b)
}

/// A `WHERE` clause built from optional filters, with its values kept as bound parameters.
#[derive(Default)]
pub struct Conditions {
    sql: String,
    binds: Vec<String>,
}

impl Conditions {
    /// Adds `clause`, in which `{}` stands for the next placeholder.
    pub fn push(&mut self, clause: &str, value: impl Into<String>) {
        self.binds.push(value.into());
        let placeholder = format!("${}", self.binds.len());
        self.sql.push_str(" AND ");
        self.sql.push_str(&clause.replace("{}", &placeholder));
    }

    /// Adds `column IN (…)` over integer values (none: matches nothing).
    pub fn push_in(&mut self, column: &str, values: impl IntoIterator<Item = String>) {
        let mut placeholders = Vec::new();
        for v in values {
            self.binds.push(v);
            placeholders.push(format!("CAST(${} AS BIGINT)", self.binds.len()));
        }
        self.sql.push_str(" AND ");
        if placeholders.is_empty() {
            self.sql.push_str("1 = 0");
        } else {
            self.sql.push_str(&format!("{column} IN ({})", placeholders.join(", ")));
        }
    }

    /// Adds `clause` as an alternative to the previous one (the caller brackets the pair).
    pub fn push_or(&mut self, clause: &str, value: impl Into<String>) {
        self.binds.push(value.into());
        let placeholder = format!("${}", self.binds.len());
        self.sql.push_str(" OR ");
        self.sql.push_str(&clause.replace("{}", &placeholder));
    }

    pub fn push_fixed(&mut self, clause: &'static str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(clause);
    }

    pub fn sql(&self) -> &str {
        &self.sql
    }

    pub fn bind<'q>(
        &self,
        mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
        for b in &self.binds {
            q = q.bind(b.clone());
        }
        q
    }
}
