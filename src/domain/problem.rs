//! What can be wrong with one field of user input, said in the user's language.
//! The same problems serve forms, the JSON API, CSV imports and the CLI.

use super::lang::Lang;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    /// The current password given to change it is not the right one.
    WrongPassword,
    /// Sign-in refused; the same words whether the account exists or not.
    BadCredentials,
    /// A second-factor code that is not the current one (or was used already).
    WrongCode,
    /// A provenance that is not one of the documented forms.
    InvalidProvenance {
        value: String,
    },
    /// More problems in a file than are listed.
    MoreErrors {
        count: usize,
    },
    /// A file with more data rows than an import takes.
    TooManyRows {
        max: usize,
    },
    /// More entries in one list (members, attendees, action items) than a record takes.
    TooManyItems {
        max: usize,
    },
    /// The same stakeholder twice in one list.
    Repeated {
        value: String,
    },
    /// A sign-in step that waited too long.
    Expired,
    ControlCharacters,
    /// A code or label that is not in a reference table (`what` is the table's name).
    Unknown {
        what: RefTable,
        value: String,
        expected: Vec<String>,
    },
    Ambiguous {
        value: String,
        candidates: Vec<String>,
    },
    OutOfRange {
        value: String,
        min: i64,
        max: i64,
    },
    NotAnInteger {
        value: String,
    },
    InvalidEmail {
        value: String,
    },
    InvalidPhone {
        value: String,
    },
    InvalidUrl {
        value: String,
    },
    InvalidDate {
        value: String,
    },
    InvalidBool {
        value: String,
    },
    DateOrder,
    UnknownStakeholder {
        value: String,
    },
    SelfLink,
    DuplicateInFile {
        first_line: u64,
    },
    UnknownColumn {
        value: String,
        expected: Vec<String>,
    },
    MissingColumn,
    DuplicateColumn,
    WrongFieldCount {
        found: usize,
        expected: usize,
    },
    Unreadable {
        detail: String,
    },
    Empty,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefTable {
    Level,
    Kind,
    Sector,
    LinkType,
    Territory,
    Format,
    Body,
    Phase,
    Choice,
    LegalBasis,
}

impl RefTable {
    fn noun(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RefTable::LegalBasis, Lang::Fr) => "base légale",
            (RefTable::LegalBasis, Lang::En) => "legal basis",
            (RefTable::Level, Lang::Fr) => "niveau",
            (RefTable::Level, Lang::En) => "level",
            (RefTable::Kind, Lang::Fr) => "type d'acteur",
            (RefTable::Kind, Lang::En) => "kind",
            (RefTable::Sector, Lang::Fr) => "secteur",
            (RefTable::Sector, Lang::En) => "sector",
            (RefTable::LinkType, Lang::Fr) => "type de lien",
            (RefTable::LinkType, Lang::En) => "link type",
            (RefTable::Territory, Lang::Fr) => "territoire",
            (RefTable::Territory, Lang::En) => "territory",
            (RefTable::Format, Lang::Fr) => "format",
            (RefTable::Format, Lang::En) => "format",
            (RefTable::Body, Lang::Fr) => "organe de coordination",
            (RefTable::Body, Lang::En) => "coordination body",
            (RefTable::Phase, Lang::Fr) => "code de phase",
            (RefTable::Phase, Lang::En) => "phase",
            (RefTable::Choice, Lang::Fr) => "choix",
            (RefTable::Choice, Lang::En) => "choice",
        }
    }
}

fn list(items: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut s = items.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > SHOWN {
        s.push_str(", …");
    }
    s
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        use Problem::*;
        match (self, lang) {
            (Required, Lang::Fr) => "ce champ est obligatoire".into(),
            (Required, Lang::En) => "this field is required".into(),
            (TooLong { max }, Lang::Fr) => format!("trop long (au plus {max} caractères)"),
            (TooLong { max }, Lang::En) => format!("too long (at most {max} characters)"),
            (ControlCharacters, Lang::Fr) => "contient des caractères de contrôle".into(),
            (ControlCharacters, Lang::En) => "contains control characters".into(),
            (Unknown { what, value, expected }, Lang::Fr) => {
                format!("{} inconnu « {value} » ; valeurs attendues : {}", what.noun(lang), list(expected))
            }
            (Unknown { what, value, expected }, Lang::En) => {
                format!("unknown {} \"{value}\"; expected one of: {}", what.noun(lang), list(expected))
            }
            (Ambiguous { value, candidates }, Lang::Fr) => {
                format!("« {value} » est ambigu : {} ; précisez (code ou nom complet)", list(candidates))
            }
            (Ambiguous { value, candidates }, Lang::En) => {
                format!("\"{value}\" is ambiguous: {}; be more specific (code or full name)", list(candidates))
            }
            (OutOfRange { value, min, max }, Lang::Fr) => {
                format!("« {value} » hors limites : un nombre entier de {min} à {max}")
            }
            (OutOfRange { value, min, max }, Lang::En) => {
                format!("\"{value}\" out of range: a whole number from {min} to {max}")
            }
            (NotAnInteger { value }, Lang::Fr) => format!("« {value} » n'est pas un nombre entier"),
            (NotAnInteger { value }, Lang::En) => format!("\"{value}\" is not a whole number"),
            (InvalidEmail { value }, Lang::Fr) => {
                format!("« {value} » n'est pas une adresse courriel (nom@domaine.be)")
            }
            (InvalidEmail { value }, Lang::En) => {
                format!("\"{value}\" is not an email address (name@domain.be)")
            }
            (InvalidPhone { value }, Lang::Fr) => {
                format!("« {value} » n'est pas un numéro de téléphone (chiffres, espaces, + / . -)")
            }
            (InvalidPhone { value }, Lang::En) => {
                format!("\"{value}\" is not a phone number (digits, spaces, + / . -)")
            }
            (InvalidUrl { value }, Lang::Fr) => {
                format!("« {value} » n'est pas une adresse web (https://…)")
            }
            (InvalidUrl { value }, Lang::En) => format!("\"{value}\" is not a web address (https://…)"),
            (InvalidDate { value }, Lang::Fr) => {
                format!("« {value} » n'est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)")
            }
            (InvalidDate { value }, Lang::En) => {
                format!("\"{value}\" is not a date (YYYY-MM-DD or DD/MM/YYYY)")
            }
            (InvalidBool { value }, Lang::Fr) => {
                format!("« {value} » : répondez oui/non (ou 1/0, formel/informel)")
            }
            (InvalidBool { value }, Lang::En) => {
                format!("\"{value}\": expected yes/no (or 1/0, formal/informal)")
            }
            (TooShort { min }, Lang::Fr) => format!("trop court (au moins {min} caractères)"),
            (TooShort { min }, Lang::En) => format!("too short (at least {min} characters)"),
            (WrongPassword, Lang::Fr) => "ce n'est pas votre mot de passe actuel".into(),
            (WrongPassword, Lang::En) => "this is not your current password".into(),
            (InvalidProvenance { value }, Lang::Fr) => format!(
                "« {value} » : provenance attendue manual, import:<fichier>, meeting:<réunion> ou observed:<description> \
                 (survey:… est réservé aux enquêtes)"
            ),
            (InvalidProvenance { value }, Lang::En) => format!(
                "\"{value}\": expected provenance manual, import:<file>, meeting:<meeting> or observed:<description> \
                 (survey:… is for surveys only)"
            ),
            (MoreErrors { count }, Lang::Fr) => {
                format!("… et {count} autre(s) problème(s) : corrigez d'abord ceux-ci, puis importez à nouveau")
            }
            (MoreErrors { count }, Lang::En) => {
                format!("… and {count} more problem(s): fix these first, then import again")
            }
            (TooManyRows { max }, Lang::Fr) => {
                format!("le fichier dépasse {max} lignes de données : découpez-le en plusieurs fichiers")
            }
            (TooManyRows { max }, Lang::En) => {
                format!("the file has more than {max} data rows: split it into several files")
            }
            (TooManyItems { max }, Lang::Fr) => format!("au plus {max} entrées"),
            (TooManyItems { max }, Lang::En) => format!("at most {max} entries"),
            (Repeated { value }, Lang::Fr) => format!("« {value} » figure deux fois"),
            (Repeated { value }, Lang::En) => format!("\"{value}\" appears twice"),
            (WrongCode, Lang::Fr) => {
                "ce code n'est pas le bon, ou a déjà servi ; prenez le code affiché maintenant".into()
            }
            (WrongCode, Lang::En) => "this code is wrong or was used already; take the one shown now".into(),
            (Expired, Lang::Fr) => "délai dépassé ; recommencez la connexion".into(),
            (Expired, Lang::En) => "too late; sign in again".into(),
            (BadCredentials, Lang::Fr) => "adresse ou mot de passe incorrect".into(),
            (BadCredentials, Lang::En) => "wrong e-mail address or password".into(),
            (DateOrder, Lang::Fr) => "la date de fin précède la date de début".into(),
            (DateOrder, Lang::En) => "the end date is before the start date".into(),
            (UnknownStakeholder { value }, Lang::Fr) => {
                format!("aucun acteur ne porte le nom ou le sigle « {value} »")
            }
            (UnknownStakeholder { value }, Lang::En) => {
                format!("no stakeholder has the name or acronym \"{value}\"")
            }
            (SelfLink, Lang::Fr) => "un lien relie deux acteurs différents".into(),
            (SelfLink, Lang::En) => "a link joins two different stakeholders".into(),
            (DuplicateInFile { first_line }, Lang::Fr) => {
                format!("doublon de la ligne {first_line}")
            }
            (DuplicateInFile { first_line }, Lang::En) => {
                format!("duplicate of line {first_line}")
            }
            (UnknownColumn { value, expected }, Lang::Fr) => {
                format!("colonne inconnue « {value} » ; colonnes reconnues : {}", expected.join(", "))
            }
            (UnknownColumn { value, expected }, Lang::En) => {
                format!("unknown column \"{value}\"; known columns: {}", expected.join(", "))
            }
            (MissingColumn, Lang::Fr) => "colonne obligatoire absente de l'en-tête".into(),
            (MissingColumn, Lang::En) => "required column missing from the header".into(),
            (DuplicateColumn, Lang::Fr) => "colonne présente deux fois dans l'en-tête".into(),
            (DuplicateColumn, Lang::En) => "column appears twice in the header".into(),
            (WrongFieldCount { found, expected }, Lang::Fr) => {
                format!("{found} champ(s) au lieu de {expected}")
            }
            (WrongFieldCount { found, expected }, Lang::En) => {
                format!("{found} field(s) instead of {expected}")
            }
            (Unreadable { detail }, Lang::Fr) => format!("fichier illisible : {detail}"),
            (Unreadable { detail }, Lang::En) => format!("unreadable file: {detail}"),
            (Empty, Lang::Fr) => "le fichier est vide".into(),
            (Empty, Lang::En) => "the file is empty".into(),
        }
    }
}

/// A problem with one named field (a form field, a JSON key or a CSV column).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        FieldError { field: field.into(), problem }
    }
}

/// The JSON form of a field error.
#[derive(Debug, Serialize)]
pub struct FieldMessage {
    pub field: String,
    pub message: String,
}

pub fn messages(errors: &[FieldError], lang: Lang) -> Vec<FieldMessage> {
    errors.iter().map(|e| FieldMessage { field: e.field.clone(), message: e.problem.message(lang) }).collect()
}

/// Gathers field errors while parsing several fields, so that all are reported at once.
#[derive(Debug, Default)]
pub struct Collector(pub Vec<FieldError>);

impl Collector {
    pub fn take<T>(&mut self, field: &str, r: Result<T, Problem>) -> Option<T> {
        r.map_err(|p| self.0.push(FieldError::new(field, p))).ok()
    }

    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() { Ok(value()) } else { Err(self.0) }
    }
}
