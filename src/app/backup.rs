//! Backup and restore, dump and load: a consistent copy of the deployment while the server
//! runs, and a deployment moved between SQLite and PostgreSQL with nothing lost. These are
//! operators' commands: they need the admin role (the command line has it), and write no
//! audit row of their own (a dump carries the trail as it was).

use super::{Action, Actor, AppError, AppState};
use crate::db::Backend;
use crate::domain::problem::Message;
use crate::store::dump::{self, Dump, LoadError};
use std::path::{Path, PathBuf};

/// The whole deployment, read in one consistent transaction.
pub async fn take_dump(state: &AppState, actor: &Actor) -> Result<Dump, AppError> {
    actor.require(Action::ManageUsers)?;
    let mut tx = state.db.pool.begin().await?;
    if state.db.backend == Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute(&mut *tx).await?;
    }
    let d = dump::dump(&mut tx).await?;
    tx.rollback().await?;
    Ok(d)
}

fn load_error(e: LoadError) -> AppError {
    let m = Message::new;
    let message = match e {
        LoadError::Db(e) => return AppError::from(crate::store::StoreError::Db(e)),
        LoadError::Format(f, v) => m("load-format").with("format", format!("{f:?}")).with("version", v.to_string()),
        LoadError::Schema { dump, here } => {
            m("load-schema").with("dump", dump.to_string()).with("here", here.to_string())
        }
        LoadError::NotEmpty(what) => m("load-not-empty").with("what", what.to_string()),
        LoadError::UnknownTable(t) => m("load-unknown-table").with("table", t),
        LoadError::UnknownColumn { table, column } => {
            m("load-unknown-column").with("table", table).with("column", column)
        }
        LoadError::RowWidth { table, row, columns, expected } => m("load-row-width")
            .with("table", table)
            .with("row", row as u64)
            .with("columns", columns as u64)
            .with("expected", expected as u64),
    };
    AppError::Conflict { field: "dump", message }
}

/// The dump with no personal data: contact persons named by number, no e-mails, phones,
/// notes or attendees' names, accounts as `user-N@example.invalid` without passwords,
/// no sessions, links or credentials, survey answers and audit values without anything that
/// looks like an e-mail or a phone number and without the fields the audit trail marks
/// personal. For sharing a deployment's network with analysts or for tests.
pub fn pseudonymise(d: &mut Dump) {
    use serde_json::Value;
    fn looks_personal(s: &str) -> bool {
        s.contains('@') || s.chars().filter(char::is_ascii_digit).count() >= 6
    }
    fn clean(v: &mut Value) {
        match v {
            Value::String(s) if looks_personal(s) => *v = Value::from("•••"),
            Value::Array(items) => items.iter_mut().for_each(clean),
            Value::Object(m) => m.values_mut().for_each(clean),
            _ => {}
        }
    }
    fn clean_json_text(v: &mut Value, entity: Option<&str>) {
        if let Some(text) = v.as_str()
            && let Ok(mut parsed) = serde_json::from_str::<Value>(text)
        {
            if let Some(e) = entity {
                crate::store::audit::redact(e, &mut parsed);
            }
            clean(&mut parsed);
            *v = Value::from(parsed.to_string());
        }
    }
    for name in ["sessions", "one_time_links", "login_failures"] {
        if let Some(t) = d.tables.get_mut(name) {
            t.rows.clear();
        }
    }
    // The people the deployment knows by name, e-mail or phone are taken out of every text
    // (a free-text answer or a note naming a contact person), before their own columns go.
    let mut needles: Vec<String> = Vec::new();
    for (table, columns) in [
        ("contacts", &["name", "email", "phone"][..]),
        ("stakeholders", &["email", "phone"][..]),
        ("users", &["email"][..]),
        ("meeting_attendees", &["contact"][..]),
    ] {
        let Some(t) = d.tables.get(table) else { continue };
        for c in columns {
            let Some(i) = t.columns.iter().position(|x| x == c) else { continue };
            needles.extend(t.rows.iter().filter_map(|r| r[i].as_str()).map(|s| s.trim().to_lowercase()));
        }
    }
    needles.retain(|n| n.chars().count() >= 5);
    needles.sort();
    needles.dedup();
    for t in d.tables.values_mut() {
        for row in t.rows.iter_mut() {
            for v in row.iter_mut() {
                if let Value::String(s) = v {
                    let lower = s.to_lowercase();
                    let present: Vec<String> = needles.iter().filter(|n| lower.contains(n.as_str())).cloned().collect();
                    if !present.is_empty() {
                        *s = crate::store::privacy::scrub(s, &present);
                    }
                }
            }
        }
    }
    for (name, t) in d.tables.iter_mut() {
        let col = |c: &str| t.columns.iter().position(|x| x == c);
        let (id, entity) = (col("id"), col("entity"));
        let blank: &[(&str, Option<&str>)] = match name.as_str() {
            "contacts" => &[("name", Some("contact")), ("function", None), ("email", None), ("phone", None)],
            "stakeholders" => &[("email", None), ("phone", None), ("notes", None)],
            "users" => {
                &[("email", Some("user")), ("password_hash", None), ("totp_secret", None), ("totp_pending", None)]
            }
            "api_tokens" => &[("token_hash", Some("token"))],
            "invitations" => &[("token_hash", Some("invitation"))],
            "meeting_attendees" => &[("contact", None)],
            "links" => &[("note", None)],
            "corrections" => &[("current_value", None), ("proposed_value", Some("value"))],
            _ => &[],
        };
        let columns: Vec<(usize, Option<&str>)> =
            blank.iter().filter_map(|(c, with)| col(c).map(|i| (i, *with))).collect();
        let search = if name == "stakeholders" { col("search_text").zip(col("name_key")) } else { None };
        let answers: Vec<usize> = if name == "responses" {
            ["answers", "submitted_answers"].iter().filter_map(|c| col(c)).collect()
        } else {
            Vec::new()
        };
        let audit: Vec<usize> = if name == "changes" {
            ["before_values", "after_values"].iter().filter_map(|c| col(c)).collect()
        } else {
            Vec::new()
        };
        for row in t.rows.iter_mut() {
            let n = id.and_then(|i| row[i].as_i64()).unwrap_or(0);
            for (i, with) in &columns {
                row[*i] = match (*with, name.as_str()) {
                    (Some(_), "users") => Value::from(format!("user-{n}@example.invalid")),
                    (Some(kind), _) if !row[*i].is_null() => Value::from(format!("{kind}-{n}")),
                    _ => Value::Null,
                };
            }
            if let Some((s, k)) = search {
                row[s] = row[k].clone();
            }
            for i in &answers {
                clean_json_text(&mut row[*i], None);
            }
            let kind = entity.and_then(|e| row[e].as_str().map(str::to_owned));
            for i in &audit {
                clean_json_text(&mut row[*i], kind.as_deref());
            }
        }
    }
}

/// Fills an empty database with a dump, all or nothing.
pub async fn load(state: &AppState, actor: &Actor, d: &Dump) -> Result<(), AppError> {
    actor.require(Action::ManageUsers)?;
    let mut tx = state.db.begin_write().await?;
    dump::load(&mut tx, d).await.map_err(load_error)?;
    tx.commit().await?;
    Ok(())
}

/// Parses a dump file's bytes.
pub fn parse_dump(bytes: &[u8]) -> Result<Dump, AppError> {
    serde_json::from_slice(bytes).map_err(|e| AppError::Conflict {
        field: "dump",
        message: Message::new("load-unreadable")
            .with("line", e.line())
            .with("column", e.column())
            .with("detail", e.to_string()),
    })
}

/// What a backup file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupFormat {
    /// A SQLite database file (`VACUUM INTO`).
    Sqlite,
    /// `pg_dump --format=custom`.
    PgDump,
    /// The JSON dump.
    Json,
}

impl BackupFormat {
    pub fn of(bytes: &[u8]) -> Option<BackupFormat> {
        if bytes.starts_with(b"SQLite format 3\0") {
            Some(BackupFormat::Sqlite)
        } else if bytes.starts_with(b"PGDMP") {
            Some(BackupFormat::PgDump)
        } else if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
            Some(BackupFormat::Json)
        } else {
            None
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            BackupFormat::Sqlite => "SQLite database",
            BackupFormat::PgDump => "pg_dump archive (custom format)",
            BackupFormat::Json => "Maillage JSON dump",
        }
    }
}

fn pg_tool(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(name)).find(|p| p.is_file())
}

/// A consistent copy while the server runs: SQLite's own online copy (`VACUUM INTO`), or on
/// PostgreSQL `pg_dump` in its custom format when it is installed, the JSON dump otherwise.
pub async fn backup(state: &AppState, actor: &Actor, url: &str, output: &Path) -> Result<BackupFormat, AppError> {
    actor.require(Action::ManageUsers)?;
    if output.exists() {
        return Err(AppError::Conflict {
            field: "output",
            message: Message::new("backup-exists").with("file", output.display().to_string()),
        });
    }
    match state.db.backend {
        Backend::Sqlite => {
            let target = output.to_string_lossy().replace('\'', "''");
            let mut conn = state.db.pool.acquire().await?;
            sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM INTO '{target}'"))).execute(&mut *conn).await?;
            Ok(BackupFormat::Sqlite)
        }
        Backend::Postgres => match pg_tool("pg_dump") {
            Some(pg_dump) => {
                let out = tokio::process::Command::new(pg_dump)
                    .arg("--format=custom")
                    .arg("--no-owner")
                    .arg("--no-privileges")
                    .arg("--file")
                    .arg(output)
                    .arg(url)
                    .output()
                    .await
                    .map_err(|e| AppError::Internal(e.into()))?;
                if !out.status.success() {
                    let _ = std::fs::remove_file(output);
                    return Err(AppError::Internal(anyhow::anyhow!(
                        "pg_dump failed: {}",
                        String::from_utf8_lossy(&out.stderr).trim()
                    )));
                }
                Ok(BackupFormat::PgDump)
            }
            None => {
                let d = take_dump(state, actor).await?;
                write_json(&d, output)?;
                Ok(BackupFormat::Json)
            }
        },
    }
}

/// Writes a dump as JSON (one table per line block, readable with any JSON tool).
pub fn write_json(d: &Dump, output: &Path) -> Result<(), AppError> {
    let bytes = serde_json::to_vec(d).map_err(|e| AppError::Internal(e.into()))?;
    std::fs::write(output, bytes)
        .map_err(|e| AppError::Internal(anyhow::Error::from(e).context(output.display().to_string())))
}

/// Restores a backup (any of the three formats) into this empty database.
pub async fn restore(state: &AppState, actor: &Actor, url: &str, file: &Path) -> Result<BackupFormat, AppError> {
    actor.require(Action::ManageUsers)?;
    let head = {
        use std::io::Read;
        let mut head = vec![0u8; 64];
        let mut f = std::fs::File::open(file)
            .map_err(|e| AppError::Internal(anyhow::Error::from(e).context(file.display().to_string())))?;
        let n = f.read(&mut head).map_err(|e| AppError::Internal(e.into()))?;
        head.truncate(n);
        head
    };
    let format = BackupFormat::of(&head).ok_or_else(|| AppError::Conflict {
        field: "file",
        message: Message::new("restore-unknown-format").with("file", file.display().to_string()),
    })?;
    {
        let mut conn = state.db.pool.acquire().await?;
        dump::check_empty(&mut conn).await.map_err(load_error)?;
    }
    match format {
        BackupFormat::Json => {
            let bytes = std::fs::read(file).map_err(|e| AppError::Internal(e.into()))?;
            load(state, actor, &parse_dump(&bytes)?).await?;
        }
        BackupFormat::Sqlite => {
            // Opened as a copy (migrations bring an older backup up to date), read, loaded.
            let copy = std::env::temp_dir().join(format!(
                "maillage-restore-{}-{}.db",
                std::process::id(),
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
            ));
            std::fs::copy(file, &copy).map_err(|e| AppError::Internal(e.into()))?;
            let source = crate::db::connect(&format!("sqlite://{}", copy.display())).await.map_err(AppError::Internal);
            let result = async {
                let source = AppState::new(source?);
                let d = take_dump(&source, &Actor::Cli).await?;
                source.db.pool.close().await;
                load(state, actor, &d).await
            }
            .await;
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
            }
            result?;
        }
        BackupFormat::PgDump => {
            if state.db.backend != Backend::Postgres {
                return Err(AppError::Conflict { field: "file", message: Message::new("restore-pg-dump-into-sqlite") });
            }
            let pg_restore =
                pg_tool("pg_restore").ok_or_else(|| AppError::Unavailable(Message::new("unavailable-pg-restore")))?;
            let out = tokio::process::Command::new(pg_restore)
                .args(["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--dbname"])
                .arg(url)
                .arg(file)
                .output()
                .await
                .map_err(|e| AppError::Internal(e.into()))?;
            if !out.status.success() {
                return Err(AppError::Internal(anyhow::anyhow!(
                    "pg_restore failed: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                )));
            }
        }
    }
    Ok(format)
}
