//! A stakeholder: the draft as typed (form, JSON, CSV row) and the validated data that the
//! store writes. `StakeholderDraft::parse` is the only way from one to the other.

use super::problem::{Collector, FieldError, Problem};
use super::reference::Reference;
use super::text::key;
use super::values::{Email, Score, StakeholderName, Website, flag, long_text, short_text};
use serde::{Deserialize, Deserializer, Serialize};

/// Accepts a JSON string, number, boolean or null as optional text, so that `"influence": 4`
/// and `"influence": "4"` both reach the same parser.
pub fn lenient_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Bool(b) => Some(if b { "1" } else { "0" }.to_owned()),
        other => Some(other.to_string()),
    })
}

/// Accepts a JSON array of strings or one string of `|`-separated values.
pub fn lenient_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    use serde::de::Error;
    match serde_json::Value::deserialize(d)? {
        serde_json::Value::Null => Ok(Vec::new()),
        serde_json::Value::String(s) => {
            Ok(s.split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect())
        }
        serde_json::Value::Array(items) => items
            .into_iter()
            .map(|v| match v {
                serde_json::Value::String(s) => Ok(s),
                serde_json::Value::Number(n) => Ok(n.to_string()),
                other => Err(D::Error::custom(format!("expected a string, found {other}"))),
            })
            .collect(),
        other => Err(D::Error::custom(format!("expected an array of strings, found {other}"))),
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, utoipa::ToSchema)]
#[serde(default)]
pub struct ContactDraft {
    #[serde(deserialize_with = "lenient_text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub function: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub email: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub phone: Option<String>,
    /// `consent`, `public_task` (the default) or `legitimate_interest`.
    #[serde(deserialize_with = "lenient_text")]
    pub legal_basis: Option<String>,
}

/// The legal bases a contact person's data may be kept on (GDPR art. 6(1) a, e, f).
pub const LEGAL_BASES: [&str; 3] = ["public_task", "consent", "legitimate_interest"];

impl ContactDraft {
    fn is_blank(&self) -> bool {
        [&self.name, &self.function, &self.email, &self.phone]
            .iter()
            .all(|f| f.as_deref().is_none_or(|s| s.trim().is_empty()))
    }
}

/// A stakeholder as typed, every value still text. Field names are the CSV column names.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct StakeholderDraft {
    #[serde(deserialize_with = "lenient_text")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub acronym: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub level: Option<String>,
    #[serde(deserialize_with = "lenient_list")]
    pub sectors: Vec<String>,
    #[serde(deserialize_with = "lenient_list")]
    pub territory: Vec<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub website: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub email: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub phone: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub influence: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub interest: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub key: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub notes: Option<String>,
    pub contacts: Vec<ContactDraft>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub name: String,
    pub function: Option<String>,
    pub email: Option<Email>,
    pub phone: Option<String>,
    /// One of [`LEGAL_BASES`].
    pub legal_basis: String,
}

/// A valid stakeholder: codes exist in the reference tables, values are within bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct StakeholderData {
    pub name: StakeholderName,
    pub acronym: Option<String>,
    pub kind: String,
    pub level: String,
    /// Sector codes, in reference order, without duplicates.
    pub sectors: Vec<String>,
    /// INS codes, sorted, without duplicates.
    pub territory: Vec<String>,
    pub description: Option<String>,
    pub website: Option<Website>,
    pub email: Option<Email>,
    pub phone: Option<String>,
    pub influence: Option<Score>,
    pub interest: Option<Score>,
    pub key: bool,
    pub notes: Option<String>,
    pub contacts: Vec<Contact>,
}

impl StakeholderData {
    /// The record without personal data (e-mail, phone, contact persons, private notes):
    /// what a role that may not see it gets, built without it rather than hidden later.
    pub fn without_personal_data(self) -> StakeholderData {
        StakeholderData { email: None, phone: None, notes: None, contacts: Vec::new(), ..self }
    }

    pub fn name_key(&self) -> String {
        key(self.name.as_str())
    }

    pub fn acronym_key(&self) -> Option<String> {
        self.acronym.as_deref().map(key).filter(|k| !k.is_empty())
    }

    /// What text search looks in, normalised like the query.
    pub fn search_text(&self) -> String {
        [Some(self.name.as_str()), self.acronym.as_deref(), self.description.as_deref(), self.notes.as_deref()]
            .into_iter()
            .flatten()
            .chain(self.contacts.iter().map(|c| c.name.as_str()))
            .map(key)
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

use super::limits::{LONG_TEXT as MAX_LONG, SHORT_TEXT as MAX_SHORT};

fn phone(raw: Option<&str>) -> Result<Option<String>, Problem> {
    let Some(p) = short_text(raw, 40)? else { return Ok(None) };
    if p.chars().all(|c| c.is_ascii_digit() || " +/.-()".contains(c)) && p.chars().any(|c| c.is_ascii_digit()) {
        Ok(Some(p))
    } else {
        Err(Problem::InvalidPhone { value: p })
    }
}

fn required(v: &Option<String>) -> Result<&str, Problem> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).ok_or(Problem::Required)
}

impl StakeholderDraft {
    /// Validates every field and reports every problem, not only the first.
    pub fn parse(&self, reference: &Reference) -> Result<StakeholderData, Vec<FieldError>> {
        let mut e = Collector::default();
        let name = e.take("name", StakeholderName::parse(self.name.as_deref().unwrap_or("")));
        let acronym = e.take("acronym", short_text(self.acronym.as_deref(), 40)).flatten();
        let kind = e.take("kind", required(&self.kind).and_then(|k| reference.kind(k).map(|i| i.code.clone())));
        let level = e.take("level", required(&self.level).and_then(|l| reference.level(l).map(|i| i.code.clone())));

        let mut sectors: Vec<String> = self
            .sectors
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .filter_map(|s| e.take("sectors", reference.sector(s).map(|i| i.code.clone())))
            .collect();
        sectors.sort_by_key(|c| reference.sectors.iter().position(|s| &s.code == c));
        sectors.dedup();

        let mut territory: Vec<String> = self
            .territory
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .filter_map(|t| e.take("territory", reference.territory(t, level.as_deref()).map(|u| u.ins_code.clone())))
            .collect();
        territory.sort();
        territory.dedup();

        let description = e.take("description", long_text(self.description.as_deref(), MAX_LONG)).flatten();
        let website = e
            .take(
                "website",
                short_text(self.website.as_deref(), 500).and_then(|w| w.map(|w| Website::parse(&w)).transpose()),
            )
            .flatten();
        let email = e.take("email", opt(self.email.as_deref(), Email::parse)).flatten();
        let phone_v = e.take("phone", phone(self.phone.as_deref())).flatten();
        let influence = e.take("influence", opt(self.influence.as_deref(), Score::parse)).flatten();
        let interest = e.take("interest", opt(self.interest.as_deref(), Score::parse)).flatten();
        let is_key = e.take("key", opt(self.key.as_deref(), flag)).flatten().unwrap_or(false);
        let notes = e.take("notes", long_text(self.notes.as_deref(), MAX_LONG)).flatten();

        let mut contacts = Vec::new();
        for (i, c) in self.contacts.iter().enumerate().filter(|(_, c)| !c.is_blank()) {
            let at = |f: &str| format!("contacts[{i}].{f}");
            let before = e.0.len();
            let cname =
                e.take(&at("name"), short_text(c.name.as_deref(), MAX_SHORT).and_then(|n| n.ok_or(Problem::Required)));
            let function = e.take(&at("function"), short_text(c.function.as_deref(), MAX_SHORT)).flatten();
            let cemail = e.take(&at("email"), opt(c.email.as_deref(), Email::parse)).flatten();
            let cphone = e.take(&at("phone"), phone(c.phone.as_deref())).flatten();
            let basis = match c.legal_basis.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
                None => Some(LEGAL_BASES[0].to_owned()),
                Some(b) => match LEGAL_BASES.iter().find(|x| x.eq_ignore_ascii_case(b)) {
                    Some(x) => Some((*x).to_owned()),
                    None => e.take(
                        &at("legal_basis"),
                        Err::<String, _>(Problem::Unknown {
                            what: crate::domain::problem::RefTable::LegalBasis,
                            value: b.to_owned(),
                            expected: LEGAL_BASES.iter().map(|x| (*x).to_owned()).collect(),
                        }),
                    ),
                },
            };
            if let (Some(name), Some(legal_basis), true) = (cname, basis, e.0.len() == before) {
                contacts.push(Contact { name, function, email: cemail, phone: cphone, legal_basis });
            }
        }

        let (Some(name), Some(kind), Some(level)) = (name, kind, level) else { return Err(e.0) };
        e.finish(|| StakeholderData {
            name,
            acronym,
            kind,
            level,
            sectors,
            territory,
            description,
            website,
            email,
            phone: phone_v,
            influence,
            interest,
            key: is_key,
            notes,
            contacts,
        })
    }
}

/// Parses an optional value: blank is `None`.
pub fn opt<T>(raw: Option<&str>, parse: impl Fn(&str) -> Result<T, Problem>) -> Result<Option<T>, Problem> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse(s).map(Some),
    }
}

impl From<&StakeholderData> for StakeholderDraft {
    fn from(d: &StakeholderData) -> Self {
        StakeholderDraft {
            name: Some(d.name.as_str().to_owned()),
            acronym: d.acronym.clone(),
            kind: Some(d.kind.clone()),
            level: Some(d.level.clone()),
            sectors: d.sectors.clone(),
            territory: d.territory.clone(),
            description: d.description.clone(),
            website: d.website.as_ref().map(|w| w.as_str().to_owned()),
            email: d.email.as_ref().map(|e| e.as_str().to_owned()),
            phone: d.phone.clone(),
            influence: d.influence.map(|s| s.get().to_string()),
            interest: d.interest.map(|s| s.get().to_string()),
            key: Some(if d.key { "1" } else { "0" }.to_owned()),
            notes: d.notes.clone(),
            contacts: d
                .contacts
                .iter()
                .map(|c| ContactDraft {
                    name: Some(c.name.clone()),
                    function: c.function.clone(),
                    email: c.email.as_ref().map(|e| e.as_str().to_owned()),
                    phone: c.phone.clone(),
                    legal_basis: Some(c.legal_basis.clone()),
                })
                .collect(),
        }
    }
}

/// A stakeholder as stored.
#[derive(Debug, Clone)]
pub struct Stakeholder {
    pub id: i64,
    pub data: StakeholderData,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
    /// Another record with the same name but for invisible characters, to merge or keep apart.
    pub possible_duplicate_of: Option<i64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ContactJson<'a> {
    pub name: &'a str,
    pub function: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub legal_basis: &'a str,
}

/// The JSON form of a stakeholder: the CSV's field names, arrays for multi-values.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct StakeholderJson<'a> {
    pub id: i64,
    pub name: &'a str,
    pub acronym: Option<&'a str>,
    pub kind: &'a str,
    pub level: &'a str,
    pub sectors: &'a [String],
    pub territory: &'a [String],
    pub description: Option<&'a str>,
    pub website: Option<&'a str>,
    /// Personal data: null for a role that may not see it (a viewer).
    pub email: Option<&'a str>,
    /// Personal data: null for a role that may not see it (a viewer).
    pub phone: Option<&'a str>,
    /// 1 (low) to 5 (high), for the power/interest grid.
    pub influence: Option<i64>,
    pub interest: Option<i64>,
    pub key: bool,
    /// Private notes: null for a role that may not see personal data.
    pub notes: Option<&'a str>,
    /// Contact persons: empty for a role that may not see personal data.
    pub contacts: Vec<ContactJson<'a>>,
    pub archived: bool,
    pub created_at: &'a str,
    pub updated_at: &'a str,
    /// Another record with the same name but for invisible characters (to merge or keep apart).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub possible_duplicate_of: Option<i64>,
}

impl Stakeholder {
    pub fn to_json(&self) -> StakeholderJson<'_> {
        let d = &self.data;
        StakeholderJson {
            id: self.id,
            name: d.name.as_str(),
            acronym: d.acronym.as_deref(),
            kind: &d.kind,
            level: &d.level,
            sectors: &d.sectors,
            territory: &d.territory,
            description: d.description.as_deref(),
            website: d.website.as_ref().map(Website::as_str),
            email: d.email.as_ref().map(Email::as_str),
            phone: d.phone.as_deref(),
            influence: d.influence.map(Score::get),
            interest: d.interest.map(Score::get),
            key: d.key,
            notes: d.notes.as_deref(),
            contacts: d
                .contacts
                .iter()
                .map(|c| ContactJson {
                    name: &c.name,
                    function: c.function.as_deref(),
                    email: c.email.as_ref().map(Email::as_str),
                    phone: c.phone.as_deref(),
                    legal_basis: &c.legal_basis,
                })
                .collect(),
            archived: self.archived,
            created_at: &self.created_at,
            updated_at: &self.updated_at,
            possible_duplicate_of: self.possible_duplicate_of,
        }
    }

    /// "Name (ACRONYM)" for lists and link endpoints.
    pub fn display(&self) -> String {
        match &self.data.acronym {
            Some(a) if a != self.data.name.as_str() => format!("{} ({a})", self.data.name.as_str()),
            _ => self.data.name.as_str().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reference::tests::sample;

    fn draft() -> StakeholderDraft {
        StakeholderDraft {
            name: Some(" CPAS de Namur ".into()),
            acronym: Some("CPAS Namur".into()),
            kind: Some("Administration".into()),
            level: Some("LOCAL".into()),
            sectors: vec!["social_aid".into(), "Santé et santé mentale".into(), "social_aid".into()],
            territory: vec!["Namur".into(), "92003".into()],
            influence: Some("4".into()),
            ..Default::default()
        }
    }

    #[test]
    fn a_valid_draft_normalises_codes_and_order() {
        let d = draft().parse(&sample()).unwrap();
        assert_eq!(d.name.as_str(), "CPAS de Namur");
        assert_eq!(d.kind, "administration");
        assert_eq!(d.level, "local");
        assert_eq!(d.sectors, ["health", "social_aid"]);
        assert_eq!(d.territory, ["92003", "92094"]);
        assert_eq!(d.influence.map(Score::get), Some(4));
        assert!(!d.key);
    }

    #[test]
    fn every_invalid_field_is_reported() {
        let mut bad = draft();
        bad.name = None;
        bad.level = Some("regionale".into());
        bad.sectors.push("housing?".into());
        bad.email = Some("not-an-email".into());
        bad.interest = Some("9".into());
        bad.contacts = vec![ContactDraft { email: Some("x@y.be".into()), ..Default::default() }];
        let fields: Vec<String> = bad.parse(&sample()).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "level", "sectors", "email", "interest", "contacts[0].name"]);
    }

    #[test]
    fn a_parsed_stakeholder_turns_back_into_an_equal_draft() {
        let r = sample();
        let d = draft().parse(&r).unwrap();
        assert_eq!(StakeholderDraft::from(&d).parse(&r).unwrap(), d);
    }
}

/// A stakeholder's matching keys, as the store reads them.
#[derive(Debug, Clone)]
pub struct NameKeys {
    pub id: i64,
    pub name: String,
    pub name_key: String,
    pub acronym_key: Option<String>,
}

/// Resolves what a user typed to name a stakeholder: its name (ignoring case and accents),
/// its acronym when only one stakeholder has it, or its numeric id.
#[derive(Debug, Default)]
pub struct NameIndex {
    by_name: std::collections::HashMap<String, i64>,
    by_acronym: std::collections::HashMap<String, Vec<(i64, String)>>,
    ids: std::collections::HashSet<i64>,
}

impl NameIndex {
    pub fn new(entries: impl IntoIterator<Item = NameKeys>) -> Self {
        let mut index = NameIndex::default();
        for e in entries {
            index.insert(e);
        }
        index
    }

    pub fn insert(&mut self, e: NameKeys) {
        self.ids.insert(e.id);
        self.by_name.insert(e.name_key, e.id);
        if let Some(a) = e.acronym_key {
            self.by_acronym.entry(a).or_default().push((e.id, e.name));
        }
    }

    pub fn by_name(&self, name_key: &str) -> Option<i64> {
        self.by_name.get(name_key).copied()
    }

    pub fn resolve(&self, raw: &str) -> Result<i64, Problem> {
        let k = key(raw);
        if let Some(id) = self.by_name.get(&k) {
            return Ok(*id);
        }
        match self.by_acronym.get(&k).map(Vec::as_slice) {
            Some([(id, _)]) => return Ok(*id),
            Some(many) if !many.is_empty() => {
                return Err(Problem::Ambiguous {
                    value: raw.trim().to_owned(),
                    candidates: many.iter().map(|(_, n)| n.clone()).collect(),
                });
            }
            _ => {}
        }
        match raw.trim().trim_start_matches('#').parse::<i64>() {
            Ok(id) if self.ids.contains(&id) => Ok(id),
            _ => Err(Problem::UnknownStakeholder { value: raw.trim().to_owned() }),
        }
    }
}

#[cfg(test)]
mod index_tests {
    use super::*;

    fn keys(id: i64, name: &str, acronym: Option<&str>) -> NameKeys {
        NameKeys { id, name: name.into(), name_key: key(name), acronym_key: acronym.map(key) }
    }

    #[test]
    fn names_acronyms_and_ids_resolve() {
        let index = NameIndex::new([
            keys(1, "Agence pour une Vie de Qualité", Some("AViQ")),
            keys(2, "CPAS de Namur", Some("CPAS")),
            keys(3, "CPAS de Liège", Some("CPAS")),
        ]);
        assert_eq!(index.resolve("agence pour une vie de qualite"), Ok(1));
        assert_eq!(index.resolve("AVIQ"), Ok(1));
        assert_eq!(index.resolve("2"), Ok(2));
        assert_eq!(index.resolve("#3"), Ok(3));
        assert!(matches!(index.resolve("CPAS"), Err(Problem::Ambiguous { candidates, .. }) if candidates.len() == 2));
        assert!(matches!(index.resolve("Fedasil"), Err(Problem::UnknownStakeholder { .. })));
        assert!(matches!(index.resolve("99"), Err(Problem::UnknownStakeholder { .. })));
    }
}
