//! The one application error. Use cases return it; the web layer turns it into JSON for
//! `/api` and an HTML page elsewhere, the CLI into a message, in the user's language.

use crate::csvio::{ImportError, ImportFailure};
use crate::domain::problem::{FieldError, messages};
use crate::i18n::Lang;
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
    #[error("conflict: {en}")]
    Conflict { field: &'static str, fr: String, en: String },
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A feature this server cannot provide (e.g. PNG without Graphviz), said plainly.
    #[error("unavailable: {en}")]
    Unavailable { fr: String, en: String },
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
            StoreError::Conflict { field, fr, en } => AppError::Conflict { field, fr, en },
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
                    .map(|e| format!("{}{}{}", e.field, lang.pick(" : ", ": "), e.problem.message(lang)))
                    .collect::<Vec<_>>()
                    .join(lang.pick(" ; ", "; "))
            ),
            AppError::Import(_) => lang.tr().import_failed.to_owned(),
            AppError::Conflict { fr, en, .. } => lang.pick(fr, en).to_owned(),
            AppError::BadRequest(m) => m.clone(),
            AppError::Unavailable { fr, en } => lang.pick(fr, en).to_owned(),
            AppError::Unauthenticated => {
                lang.pick("Connectez-vous pour accéder à cette page.", "Sign in to reach this page.").to_owned()
            }
            AppError::Forbidden => lang
                .pick(
                    "Votre rôle ne permet pas cette action ; demandez-la à un administrateur.",
                    "Your role does not allow this; ask an administrator.",
                )
                .to_owned(),
            AppError::CrossSite => lang
                .pick(
                    "Requête refusée : elle ne vient pas d'une page de Maillage, ou la page a expiré. \
                     Rechargez la page et recommencez.",
                    "Request refused: it did not come from a Maillage page, or the page expired. \
                     Reload the page and try again.",
                )
                .to_owned(),
            AppError::TooManyAttempts { retry_after } => match lang {
                Lang::Fr => format!("Trop de tentatives ; réessayez dans {retry_after} s."),
                Lang::En => format!("Too many attempts; try again in {retry_after} s."),
            },
            AppError::Storage(_) => lang
                .pick(
                    "La base de données ne peut pas enregistrer pour le moment (disque plein ou serveur indisponible) : \
                     rien n'a été enregistré. Réessayez dans un moment ; l'incident est consigné.",
                    "The database cannot save right now (disk full or server unavailable): nothing was saved. \
                     Try again in a moment; the incident was logged.",
                )
                .to_owned(),
            AppError::Unconfirmed(_) => lang
                .pick(
                    "La base de données n'a pas confirmé l'enregistrement (disque plein ou serveur indisponible) : \
                     vérifiez si la modification apparaît avant de recommencer.",
                    "The database did not confirm the save (disk full or server unavailable): check whether the \
                     change is there before trying again.",
                )
                .to_owned(),
            AppError::Internal(_) => lang
                .pick(
                    "Erreur interne ; elle a été consignée dans le journal du serveur.",
                    "Internal error; it was recorded in the server log.",
                )
                .to_owned(),
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
        assert!(full.message(Lang::En).contains("nothing was saved"));
        assert!(matches!(AppError::from(sqlx::Error::PoolTimedOut), AppError::Storage(_)));
        assert!(matches!(AppError::from(sqlx::Error::RowNotFound), AppError::Internal(_)));
    }
}
