//! Opening a campaign: the one use case behind `maillage survey open` and the web form.

use super::definition::{self, DefinitionError};
use super::token::Secret;
use crate::db::Db;
use crate::domain::problem::{Collector, FieldError, Problem};
use crate::domain::values::{date, format_date};
use crate::i18n::Lang;
use crate::store;
use crate::web::inventory::ListQuery;

pub struct OpenRequest<'a> {
    /// The questionnaire's TOML text (kept by the campaign).
    pub definition: &'a str,
    pub title: &'a str,
    pub opens: &'a str,
    pub closes: &'a str,
    /// Who is invited: every active stakeholder matching these filters.
    pub invite: ListQuery,
}

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("invalid questionnaire")]
    Definition(Vec<DefinitionError>),
    #[error("invalid field")]
    Fields(Vec<FieldError>),
    #[error("no stakeholder matches these filters: nobody to invite")]
    Nobody,
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

impl From<sqlx::Error> for OpenError {
    fn from(e: sqlx::Error) -> Self {
        OpenError::Store(e.into())
    }
}

impl OpenError {
    /// Every problem, one per line, in the user's language.
    pub fn describe(&self, lang: Lang, file: &str) -> Vec<String> {
        match self {
            OpenError::Definition(errors) => {
                errors.iter().map(|e| format!("{file}:{}: {}", e.line, e.message)).collect()
            }
            OpenError::Fields(errors) => {
                errors.iter().map(|e| format!("{}: {}", e.field, e.problem.message(lang))).collect()
            }
            OpenError::Nobody => vec![
                lang.pick(
                    "aucun acteur ne correspond à ces filtres : personne à inviter",
                    "no stakeholder matches these filters: nobody to invite",
                )
                .to_owned(),
            ],
            OpenError::Store(e) => vec![e.to_string()],
        }
    }
}

pub struct Opened {
    pub id: i64,
    pub invited: usize,
    /// The questionnaire's id and version, as `consultation-2023 v1`.
    pub questionnaire: String,
}

/// Checks the request, then opens the campaign and its invitations in one transaction.
pub async fn open(db: &Db, req: &OpenRequest<'_>, secret: &Secret) -> Result<Opened, OpenError> {
    let def = definition::parse(req.definition).map_err(OpenError::Definition)?;
    let mut e = Collector::default();
    let title = req.title.trim();
    if title.is_empty() {
        e.take::<()>("title", Err(Problem::Required));
    }
    let opens = e.take("opens", date(req.opens).map(format_date));
    let closes = e.take("closes", date(req.closes).map(format_date));
    if let (Some(o), Some(c)) = (&opens, &closes)
        && o > c
    {
        e.take::<()>("closes", Err(Problem::DateOrder));
    }
    let mut tx = db.pool.begin().await?;
    let reference = store::reference::load(&mut tx).await?;
    let filter = match req.invite.to_filter(&reference, None) {
        Ok(f) => Some(f),
        Err(errors) => {
            for err in errors {
                e.take::<()>(&err.field, Err(err.problem));
            }
            None
        }
    };
    let (opens, closes, filter) = e.finish(|| (opens, closes, filter)).map_err(OpenError::Fields)?;
    let (Some(opens), Some(closes), Some(filter)) = (opens, closes, filter) else {
        return Err(OpenError::Fields(Vec::new()));
    };
    let invited: Vec<i64> = store::stakeholders::list(&mut tx, &filter).await?.iter().map(|s| s.id).collect();
    if invited.is_empty() {
        return Err(OpenError::Nobody);
    }
    let campaign = store::campaigns::NewCampaign {
        title,
        definition_id: def.id.get_ref(),
        definition_version: i64::from(def.version),
        definition: req.definition,
        opens_on: &opens,
        closes_on: &closes,
    };
    let id = store::campaigns::open(&mut tx, &campaign, &invited, secret).await?;
    tx.commit().await?;
    Ok(Opened { id, invited: invited.len(), questionnaire: format!("{} v{}", def.id.get_ref(), def.version) })
}

/// The mail-merge file: name, email, language and personal link of each invitee.
pub fn links_csv(
    invitees: &[store::campaigns::Invitee],
    secret: &Secret,
    base_url: &str,
) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["name", "email", "language", "link"])?;
    let base = base_url.trim_end_matches('/');
    for i in invitees {
        w.write_record([
            i.name.as_str(),
            i.email.as_deref().unwrap_or(""),
            &i.lang,
            &format!("{base}/s/{}", secret.token(i.invitation_id)),
        ])?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}
