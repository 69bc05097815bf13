//! The one application error. Use cases return it; the web layer turns it into JSON for
//! `/api` and an HTML page elsewhere, the CLI into a message, in the user's language.

use crate::csvio::{ImportError, ImportFailure};
use crate::domain::problem::{FieldError, Message};
use crate::i18n::Lang;
use crate::i18n::{messages, say, text};
use crate::store::StoreError;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("invalid file")]
    Import(Vec<ImportError>),
    #[error("conflict on {field}: {}", message.id)]
    Conflict { field: &'static str, message: Message },
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A feature this server cannot provide (e.g. PNG without Graphviz), said plainly.
    #[error("unavailable: {}", .0.id)]
    Unavailable(Message),
    /// Nobody is signed in and the action needs someone.
    #[error("sign-in required")]
    Unauthenticated,
    /// Signed in, but the role does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// A cross-site request, or one without its form token.
    #[error("cross-site request refused")]
    CrossSite,
    /// Too many failed attempts: wait this many seconds.
    #[error("too many attempts")]
    TooManyAttempts { retry_after: u64 },
    /// The database could not do it (disk full, server gone, too busy): nothing was saved.
    #[error("storage unavailable")]
    Storage(#[source] sqlx::Error),
    /// The storage failed while confirming a commit: the change may or may not be saved.
    #[error("commit unconfirmed")]
    Unconfirmed(#[source] sqlx::Error),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

/// Whether a database error says the storage itself failed (rather than a bug): disk full,
/// I/O error, connection lost, pool exhausted, out of memory.
fn is_storage_failure(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            // SQLite's codes are numbers (an extended code keeps the primary one in its low
            // byte): BUSY 5 and LOCKED 6 after the busy timeout, IOERR 10, FULL 13, CANTOPEN 14.
            // PostgreSQL's are five-character SQLSTATEs: classes 53 (insufficient resources),
            // 57P (shutdown) and 08 (connection exception).
            let sqlite = code.len() <= 4 && code.parse::<i64>().is_ok_and(|c| matches!(c & 0xff, 5 | 6 | 10 | 13 | 14));
            sqlite
                || code.starts_with("53")
                || code.starts_with("57P")
                || code.starts_with("08")
                || db.message().contains("database or disk is full")
                || db.message().contains("disk I/O error")
        }
        _ => false,
    }
}

fn from_sqlx(e: sqlx::Error) -> AppError {
    if is_storage_failure(&e) { AppError::Storage(e) } else { AppError::Internal(e.into()) }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict { field, message } => AppError::Conflict { field, message },
            StoreError::Db(e) => from_sqlx(e),
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        from_sqlx(e)
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Internal(e)
    }
}

impl From<ImportFailure> for AppError {
    fn from(e: ImportFailure) -> Self {
        match e {
            ImportFailure::Invalid(errors) => AppError::Import(errors),
            ImportFailure::Store(e) => e.into(),
        }
    }
}

impl AppError {
    /// One sentence for the person, never internal details.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::NotFound => lang.tr().not_found.to_owned(),
            AppError::Validation(errors) if errors.is_empty() => lang.tr().invalid_input.to_owned(),
            AppError::Validation(errors) => format!(
                "{} — {}",
                lang.tr().invalid_input,
                errors
                    .iter()
                    .map(|e| format!("{}{}{}", e.field, text(lang, "colon", &[]), e.problem.message(lang)))
                    .collect::<Vec<_>>()
                    .join(&text(lang, "list-separator", &[]))
            ),
            AppError::Import(_) => lang.tr().import_failed.to_owned(),
            AppError::Conflict { message, .. } => say(lang, message),
            AppError::BadRequest(m) => m.clone(),
            AppError::Unavailable(message) => say(lang, message),
            AppError::Unauthenticated => text(lang, "error-unauthenticated", &[]),
            AppError::Forbidden => text(lang, "error-forbidden", &[]),
            AppError::CrossSite => text(lang, "error-cross-site", &[]),
            AppError::TooManyAttempts { retry_after } => {
                crate::i18n::tr!(lang, "error-too-many-attempts", seconds = *retry_after)
            }
            AppError::Storage(_) => text(lang, "error-storage", &[]),
            AppError::Unconfirmed(_) => text(lang, "error-unconfirmed", &[]),
            AppError::Internal(_) => text(lang, "error-internal", &[]),
        }
    }

    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let code = match self {
            AppError::NotFound => "not_found",
            AppError::Validation(_) | AppError::Import(_) => "validation",
            AppError::Conflict { .. } => "conflict",
            AppError::BadRequest(_) => "bad_request",
            AppError::Unavailable { .. } => "unavailable",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::CrossSite => "cross_site",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::Storage(_) => "storage_unavailable",
            AppError::Unconfirmed(_) => "unconfirmed",
            AppError::Internal(_) => "internal",
        };
        let mut body = json!({ "error": code, "message": self.message(lang) });
        match self {
            AppError::Validation(errors) => body["errors"] = json!(messages(errors, lang)),
            AppError::Conflict { field, .. } => {
                body["errors"] = json!([{ "field": field, "message": self.message(lang) }])
            }
            AppError::Import(errors) => {
                body["errors"] = errors
                    .iter()
                    .map(|e| json!({ "line": e.line, "column": e.column, "message": e.message(lang) }))
                    .collect()
            }
            _ => {}
        }
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_storage_is_said_as_such_and_a_bug_stays_internal() {
        let full = AppError::from(sqlx::Error::Io(std::io::Error::other("No space left on device")));
        assert!(matches!(full, AppError::Storage(_)));
        assert!(full.message(Lang::EN).contains("nothing was saved"));
        assert!(matches!(AppError::from(sqlx::Error::PoolTimedOut), AppError::Storage(_)));
        assert!(matches!(AppError::from(sqlx::Error::RowNotFound), AppError::Internal(_)));
    }
}
