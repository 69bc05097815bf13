//! The application layer: one function per use case, each taking the acting party
//! ([`Actor`]). A use case checks access against the one policy table ([`policy`]), does its
//! work through `store` (and the pure modules) in one transaction, and records the change
//! with the actor. `web`, `cli` and `demo` call it; it never calls them.
//!
//! Dependencies point one way (checked by `tests/architecture.rs`):
//! `web`, `cli`, `demo` → `app` → `store`, `graph`, `analysis`, `survey`, `csvio` → `i18n`, `db` → `domain`.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod campaigns;
pub mod coverage;
pub mod error;
pub mod inventory;
pub mod mechanism;
pub mod network;
pub mod phases;
pub mod policy;
pub mod privacy;
pub mod reference;
pub mod respond;
pub mod snapshots;
pub mod steering;
pub mod transfer;

pub use error::AppError;
pub use policy::{Action, Actor, Role};

use crate::db::Db;
use crate::survey::token::Secret;
use std::sync::Arc;

/// What every use case may need: the database, the survey-link secret, the caches, the
/// server's settings.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub cache: Arc<network::RenderCache>,
    /// Analyses of the current data revision (see `network::analysis`).
    pub analyses: Arc<network::AnalysisCache>,
    /// Makes the survey links; `serve` loads the same one as the CLI.
    pub secret: Arc<Secret>,
    /// The reference tables as last read (see `reference::current`).
    pub reference: Arc<reference::ReferenceCache>,
    pub settings: Arc<Settings>,
    pub clock: Arc<accounts::Clock>,
    /// The SMTP relay, when one is configured (password-reset links).
    pub mailer: Option<Arc<crate::survey::mail::Mailer>>,
    /// The communes' shapes for the coverage map, read from `--communes-geojson` on first use.
    pub shapes: Arc<tokio::sync::OnceCell<coverage::Loaded>>,
    /// Campaign questionnaires, parsed once (see `respond::definition`).
    pub definitions: Arc<respond::Definitions>,
}

/// Server settings that shape security decisions.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `https://maillage.example.org`: the only `Host` accepted (with loopback when bound
    /// to it), the origin of links and the `Secure` flag of cookies.
    pub public_url: Option<String>,
    /// A reverse proxy whose `X-Forwarded-For` is believed.
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// Admins and editors must use a second factor.
    pub require_2fa: bool,
    /// Password hashing cost; tests use a cheap one.
    pub cheap_hashing: bool,
    /// How long a client may take to send a request's headers (default 10 s).
    pub header_timeout: Option<std::time::Duration>,
    /// Meetings two organisations must share to be drawn as `meets` (default 2).
    pub meets_threshold: Option<usize>,
    /// Share of actors counted as central by the mechanism review (default 10 %).
    pub central_percent: Option<f64>,
    /// The GeoJSON of the communes' boundaries (its licence may forbid shipping it).
    pub communes_geojson: Option<std::path::PathBuf>,
    /// How long contact data is kept without being confirmed (default 24 months).
    pub retention_months: Option<u32>,
    /// The deployment's own privacy notice for respondents (GDPR art. 13), written once;
    /// the project's standard notice otherwise.
    pub privacy_notice: Option<String>,
}

impl Settings {
    pub fn meets_threshold(&self) -> usize {
        self.meets_threshold.unwrap_or(2).max(1)
    }

    pub fn retention_months(&self) -> u32 {
        self.retention_months.unwrap_or(24).max(1)
    }

    /// The notice owed to respondents, in `lang`.
    pub fn privacy_notice(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::privacy_notice(lang, self.retention_months(), self.privacy_notice.as_deref())
    }

    pub fn central_share(&self) -> f64 {
        self.central_percent.unwrap_or(10.0).clamp(0.0, 100.0) / 100.0
    }

    /// Checks a `--public-url`: http(s), a host, nothing after it.
    pub fn check_public_url(url: &str) -> Result<(), String> {
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .ok_or_else(|| format!("{url:?} must start with https:// (or http://)"))?;
        if rest.is_empty() || rest.contains(['/', '?', '#', '@']) {
            return Err(format!("{url:?} must be scheme://host[:port], nothing after the host"));
        }
        Ok(())
    }
}

impl AppState {
    /// A state with a fresh random survey secret (links it makes die with it).
    pub fn new(db: Db) -> Self {
        let secret = Secret::random().expect("system randomness");
        AppState {
            db,
            cache: Default::default(),
            analyses: Default::default(),
            secret: Arc::new(secret),
            reference: Default::default(),
            settings: Default::default(),
            clock: Default::default(),
            mailer: None,
            shapes: Default::default(),
            definitions: Default::default(),
        }
    }

    pub fn with_secret(mut self, secret: Secret) -> Self {
        self.secret = Arc::new(secret);
        self
    }

    pub fn with_mailer(mut self, mailer: crate::survey::mail::Mailer) -> Self {
        self.mailer = Some(Arc::new(mailer));
        self
    }

    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = Arc::new(settings);
        self
    }
}

/// One use case's transaction. The store's mutations write their change rows inside it;
/// `commit` makes them one operation of the use case, signed with the actor (with the values
/// after), then commits: nothing is acknowledged before that.
pub struct Work {
    pub tx: crate::db::WriteTx,
    mark: i64,
    actor: String,
    use_case: &'static str,
    reverts: Option<crate::store::audit::Reverts>,
    backend: crate::db::Backend,
}

impl Work {
    /// Begins the work of `use_case` (`module.function`, as the audit trail names it).
    pub async fn begin(state: &AppState, actor: &Actor, use_case: &'static str) -> Result<Work, AppError> {
        let mut tx = state.db.begin_write().await?;
        let mark = crate::store::revision(&mut tx).await?;
        Ok(Work { tx, mark, actor: actor.audit_name(), use_case, reverts: None, backend: state.db.backend })
    }

    /// Marks this work as the revert of a change or an operation.
    pub fn reverting(&mut self, reverts: crate::store::audit::Reverts) {
        self.reverts = Some(reverts);
    }

    /// Commits. On PostgreSQL a connection lost at this point leaves the outcome unknown, and
    /// the error says so rather than "nothing was saved"; SQLite (in-process) rolls a failed
    /// commit back, so there nothing was saved.
    pub async fn commit(self) -> Result<(), AppError> {
        let backend = self.backend;
        self.commit_store().await.map_err(|e| match AppError::from(e) {
            AppError::Storage(e) if backend == crate::db::Backend::Postgres => AppError::Unconfirmed(e),
            other => other,
        })
    }

    /// `commit` with the store's error, for callers that retry on some of them.
    pub async fn commit_store(mut self) -> Result<(), crate::store::StoreError> {
        crate::store::audit::finish(&mut self.tx, self.mark, &self.actor, self.use_case, self.reverts).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

impl std::ops::Deref for Work {
    type Target = sqlx::AnyConnection;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for Work {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}
