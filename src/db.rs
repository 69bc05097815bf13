//! Opening the database (SQLite file or PostgreSQL server) and applying the embedded
//! migrations. One `AnyPool` serves both backends; only the DDL differs per backend.

use crate::domain::reference::{Reference, Territory};
use anyhow::{Context, bail};
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{AnyConnection, AnyPool, Connection, Executor, Row};
use std::collections::BTreeMap;

pub const DEFAULT_URL: &str = "sqlite://maillage.db";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> anyhow::Result<Backend> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            bail!("unsupported database URL {url:?}: expected sqlite://FILE or postgres://…")
        }
    }
}

#[derive(Clone, Debug)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
    /// SQLite's one writer at a time, as a queue in this process: writers wait their turn
    /// here (first come, first served) instead of in SQLite's busy handler, which sleeps
    /// 1 to 100 ms between attempts and under load serves writers in no order.
    turn: Option<std::sync::Arc<tokio::sync::Semaphore>>,
}

/// How long a writer waits for its turn, like SQLite's busy timeout.
const TURN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// A transaction that will write, holding the process's write turn on SQLite until it
/// commits or is dropped (rolled back).
pub struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<tokio::sync::OwnedSemaphorePermit>,
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::Transaction<'static, sqlx::Any>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl WriteTx {
    pub async fn commit(self) -> sqlx::Result<()> {
        self.tx.commit().await
    }
}

impl Db {
    /// A database over an open pool (write turns on SQLite).
    pub fn new(pool: AnyPool, backend: Backend) -> Db {
        let turn = (backend == Backend::Sqlite).then(|| std::sync::Arc::new(tokio::sync::Semaphore::new(1)));
        Db { pool, backend, turn }
    }

    /// A transaction that will write. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`, waiting up to the busy timeout): a transaction that read first and wrote
    /// later would fail at once with "database is locked" when another wrote in between.
    /// Within this process, writers first queue for their turn, so that the lock is only
    /// contended by other processes (a command run beside the server).
    pub async fn begin_write(&self) -> sqlx::Result<WriteTx> {
        let turn = match &self.turn {
            Some(turn) => Some(
                tokio::time::timeout(TURN_TIMEOUT, turn.clone().acquire_owned())
                    .await
                    .map_err(|_| sqlx::Error::PoolTimedOut)?
                    .map_err(|_| sqlx::Error::PoolClosed)?,
            ),
            None => None,
        };
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(WriteTx { tx, _turn: turn })
    }
}

/// SQLite URLs get `mode=rwc` (create the file if missing) unless a mode is given.
fn complete_sqlite_url(url: &str) -> String {
    if url.contains("mode=") || url.contains(":memory:") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

/// Opens the database and brings its schema up to date.
pub async fn connect(url: &str) -> anyhow::Result<Db> {
    install_default_drivers();
    let backend = Backend::of_url(url)?;
    let pool = match backend {
        Backend::Sqlite => {
            let file_backed = !url.contains(":memory:") && !url.contains("mode=memory");
            AnyPoolOptions::new()
                .max_connections(if file_backed { 8 } else { 1 })
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        if file_backed {
                            conn.execute("PRAGMA journal_mode = WAL").await?;
                            // FULL: a commit is on disk before it is acknowledged (with NORMAL, a full
                            // disk could lose writes already reported as saved).
                            conn.execute("PRAGMA synchronous = FULL").await?;
                        }
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        // Deleted content is overwritten, not left in free pages (erasure of
                        // a person's data, GDPR art. 17).
                        conn.execute("PRAGMA secure_delete = ON").await?;
                        // Writers wait their turn behind a long import rather than fail.
                        conn.execute("PRAGMA busy_timeout = 30000").await?;
                        Ok(())
                    })
                })
                .connect(&complete_sqlite_url(url))
                .await
        }
        Backend::Postgres => {
            // One connection first, with a deadline, so that a wrong host, user or database
            // fails at once with the server's own reason instead of a pool timing out later.
            let first = tokio::time::timeout(std::time::Duration::from_secs(10), sqlx::AnyConnection::connect(url))
                .await
                .map_err(|_| anyhow::anyhow!("no answer from the server within 10 s"))
                // The driver's message, once (its source repeats it).
                .and_then(|r| r.map_err(|e| anyhow::anyhow!("{e}")))
                .with_context(|| format!("cannot open database {}", redact(url)))?;
            first.close().await.ok();
            AnyPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(std::time::Duration::from_secs(10))
                .connect(url)
                .await
        }
    }
    .with_context(|| format!("cannot open database {}", redact(url)))?;
    let migrator = match backend {
        Backend::Sqlite => sqlx::migrate!("./migrations/sqlite"),
        Backend::Postgres => sqlx::migrate!("./migrations/postgres"),
    };
    migrator.run(&pool).await.context("cannot apply database migrations")?;
    seed_reference(&pool).await?;
    Ok(Db::new(pool, backend))
}

/// The reference data of a new database comes from the data files built into the binary
/// (`data/reference.toml`, `data/wallonia_communes.csv`); once there, the tables belong to
/// the deployment and are never refilled.
async fn seed_reference(pool: &AnyPool) -> anyhow::Result<()> {
    let mut tx = pool.begin().await?;
    if !is_empty(&mut tx).await? {
        return Ok(());
    }
    let reference = crate::domain::reference_data::parse(
        include_str!("../data/reference.toml"),
        include_str!("../data/wallonia_communes.csv"),
    )
    .map_err(|e| anyhow::anyhow!("the built-in reference data is invalid: {e}"))?;
    insert(&mut tx, &reference).await.context("cannot write the reference data")?;
    tx.commit().await?;
    Ok(())
}

/// Whether the reference tables are still empty (a new database).
async fn is_empty(conn: &mut AnyConnection) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query("SELECT COUNT(*) AS n FROM levels").fetch_one(conn).await?.try_get("n")?;
    Ok(n == 0)
}

/// Writes a whole reference catalogue into empty tables (run in one transaction).
async fn insert(conn: &mut AnyConnection, r: &Reference) -> sqlx::Result<()> {
    for (table, name, items) in [
        ("levels", "level", &r.levels),
        ("kinds", "kind", &r.kinds),
        ("sectors", "sector", &r.sectors),
        ("link_types", "link_type", &r.link_types),
    ] {
        for (rank, item) in items.iter().enumerate() {
            let sql = match table {
                "levels" => "INSERT INTO levels (code, rank) VALUES ($1, $2)",
                "kinds" => "INSERT INTO kinds (code, rank) VALUES ($1, $2)",
                "sectors" => "INSERT INTO sectors (code, rank) VALUES ($1, $2)",
                _ => "INSERT INTO link_types (code, rank, directed) VALUES ($1, $2, $3)",
            };
            let mut q = sqlx::query(sql).bind(item.code.clone()).bind(rank as i64 + 1);
            if table == "link_types" {
                q = q.bind(i64::from(item.directed.unwrap_or(false)));
            }
            q.execute(&mut *conn).await?;
            insert_labels(conn, name, &item.code, &item.labels).await?;
        }
    }
    // Parents before children (region, provinces, arrondissements, communes).
    let mut territories: Vec<&Territory> = r.territories.iter().collect();
    territories.sort_by_key(|t| (t.kind as u8, t.ins_code.clone()));
    for t in territories {
        sqlx::query(
            "INSERT INTO territories (ins_code, kind, parent_ins, province_ins, lang) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(t.ins_code.clone())
        .bind(t.kind.code())
        .bind(t.parent_ins.clone())
        .bind(t.province_ins.clone())
        .bind(t.lang.clone())
        .execute(&mut *conn)
        .await?;
        insert_labels(conn, "territory", &t.ins_code, &t.names).await?;
    }
    Ok(())
}

async fn insert_labels(
    conn: &mut AnyConnection,
    table: &str,
    code: &str,
    labels: &BTreeMap<String, String>,
) -> sqlx::Result<()> {
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

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(redact("postgres://me:secret@db:5432/x"), "postgres://me:***@db:5432/x");
        assert_eq!(redact("postgres://me@db/x"), "postgres://me@db/x");
        assert_eq!(redact("sqlite://maillage.db"), "sqlite://maillage.db");
    }

    #[test]
    fn sqlite_files_are_created_when_missing() {
        assert_eq!(complete_sqlite_url("sqlite://a.db"), "sqlite://a.db?mode=rwc");
        assert_eq!(complete_sqlite_url("sqlite://a.db?mode=ro"), "sqlite://a.db?mode=ro");
    }
}
