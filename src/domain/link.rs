//! A link between two stakeholders: the draft as typed and the validated data.

use super::problem::{Collector, FieldError, Problem};
use super::reference::Reference;
use super::stakeholder::{lenient_text, opt};
use super::values::{Strength, date, flag, format_date, long_text};
use serde::{Deserialize, Serialize};
use time::Date;

/// A link as typed. `source` and `target` are a stakeholder id, name or acronym.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct LinkDraft {
    #[serde(deserialize_with = "lenient_text")]
    pub source: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub target: Option<String>,
    #[serde(rename = "type", deserialize_with = "lenient_text")]
    pub link_type: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub directed: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub strength: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub formal: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub since: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub until: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub note: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub confirmed: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub provenance: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LinkData {
    pub source: i64,
    pub target: i64,
    pub link_type: String,
    pub directed: bool,
    pub strength: Strength,
    pub formal: bool,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub note: Option<String>,
    pub confirmed: bool,
}

impl LinkData {
    /// The key under which two links are the same link: an undirected link has no
    /// orientation, so A–B and B–A are one.
    pub fn identity(&self) -> (i64, i64, String) {
        identity(self.source, self.target, &self.link_type, self.directed)
    }
}

pub fn identity(source: i64, target: i64, link_type: &str, directed: bool) -> (i64, i64, String) {
    if directed || source <= target {
        (source, target, link_type.to_owned())
    } else {
        (target, source, link_type.to_owned())
    }
}

impl LinkDraft {
    /// Validates a link; `resolve` turns a typed stakeholder reference into an id;
    /// `confirmed_default` is what a blank `confirmed` means for this channel.
    pub fn parse(
        &self,
        reference: &Reference,
        resolve: impl Fn(&str) -> Result<i64, Problem>,
        confirmed_default: bool,
    ) -> Result<LinkData, Vec<FieldError>> {
        let mut e = Collector::default();
        let endpoint = |v: &Option<String>| match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Err(Problem::Required),
            Some(s) => resolve(s),
        };
        let source = e.take("source", endpoint(&self.source));
        let target = e.take("target", endpoint(&self.target));
        let link_type = e.take(
            "type",
            match self.link_type.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                None => Err(Problem::Required),
                Some(t) => reference.link_type(t).cloned(),
            },
        );
        let directed = e.take("directed", opt(self.directed.as_deref(), flag)).flatten();
        let strength = e.take("strength", opt(self.strength.as_deref(), Strength::parse)).flatten();
        let formal = e.take("formal", opt(self.formal.as_deref(), flag)).flatten();
        let since = e.take("since", opt(self.since.as_deref(), date)).flatten();
        let until = e.take("until", opt(self.until.as_deref(), date)).flatten();
        let note = e.take("note", long_text(self.note.as_deref(), 10_000)).flatten();
        let confirmed = e.take("confirmed", opt(self.confirmed.as_deref(), flag)).flatten();
        if let (Some(s), Some(u)) = (since, until)
            && u < s
        {
            e.0.push(FieldError::new("until", Problem::DateOrder));
        }
        if let (Some(s), Some(t)) = (source, target)
            && s == t
        {
            e.0.push(FieldError::new("target", Problem::SelfLink));
        }
        if !e.0.is_empty() {
            return Err(e.0);
        }
        let link_type = link_type.expect("checked");
        Ok(LinkData {
            source: source.expect("checked"),
            target: target.expect("checked"),
            directed: directed.unwrap_or(link_type.directed.unwrap_or(true)),
            link_type: link_type.code,
            strength: strength.unwrap_or(Strength::DEFAULT),
            formal: formal.unwrap_or(false),
            since,
            until,
            note,
            confirmed: confirmed.unwrap_or(confirmed_default),
        })
    }
}

/// A link as stored, with the names of its ends for display.
#[derive(Debug, Clone)]
pub struct Link {
    pub id: i64,
    pub data: LinkData,
    pub provenance: String,
    pub archived: bool,
    pub source_name: String,
    pub target_name: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct LinkJson<'a> {
    pub id: i64,
    /// The stakeholders' ids.
    pub source: i64,
    pub target: i64,
    pub source_name: &'a str,
    pub target_name: &'a str,
    /// A link type's code (`GET /api/reference`).
    #[serde(rename = "type")]
    pub link_type: &'a str,
    pub directed: bool,
    /// 1 (weak) to 3 (strong).
    pub strength: i64,
    pub formal: bool,
    pub since: Option<String>,
    pub until: Option<String>,
    pub note: Option<&'a str>,
    /// Where the link came from: `manual`, `import:<file>`, `meeting:<reference>`,
    /// `observed:<description>`, `survey:<campaign>/<invitation>`.
    pub provenance: &'a str,
    pub confirmed: bool,
    pub archived: bool,
    pub created_at: &'a str,
    pub updated_at: &'a str,
}

impl Link {
    pub fn to_json(&self) -> LinkJson<'_> {
        let d = &self.data;
        LinkJson {
            id: self.id,
            source: d.source,
            target: d.target,
            source_name: &self.source_name,
            target_name: &self.target_name,
            link_type: &d.link_type,
            directed: d.directed,
            strength: d.strength.get(),
            formal: d.formal,
            since: d.since.map(format_date),
            until: d.until.map(format_date),
            note: d.note.as_deref(),
            provenance: &self.provenance,
            confirmed: d.confirmed,
            archived: self.archived,
            created_at: &self.created_at,
            updated_at: &self.updated_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reference::tests::sample;

    fn resolve(s: &str) -> Result<i64, Problem> {
        match s {
            "A" => Ok(1),
            "B" => Ok(2),
            _ => Err(Problem::UnknownStakeholder { value: s.into() }),
        }
    }

    fn draft(source: &str, target: &str, t: &str) -> LinkDraft {
        LinkDraft {
            source: Some(source.into()),
            target: Some(target.into()),
            link_type: Some(t.into()),
            ..Default::default()
        }
    }

    #[test]
    fn direction_defaults_to_the_link_type() {
        let r = sample();
        assert!(!draft("A", "B", "coordinates").parse(&r, resolve, true).unwrap().directed);
        assert!(draft("A", "B", "Finance").parse(&r, resolve, true).unwrap().directed);
        let mut d = draft("A", "B", "coordinates");
        d.directed = Some("oui".into());
        assert!(d.parse(&r, resolve, true).unwrap().directed);
    }

    #[test]
    fn bad_links_report_every_field() {
        let mut d = draft("A", "Z", "hugs");
        d.strength = Some("5".into());
        d.since = Some("2023-05-01".into());
        d.until = Some("2023-01-01".into());
        let fields: Vec<String> = d.parse(&sample(), resolve, true).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["target", "type", "strength", "until"]);
        let same = draft("A", "A", "funds").parse(&sample(), resolve, true).unwrap_err();
        assert_eq!(same[0].problem, Problem::SelfLink);
    }

    #[test]
    fn undirected_links_have_one_identity_whatever_the_order() {
        assert_eq!(identity(2, 1, "coordinates", false), identity(1, 2, "coordinates", false));
        assert_ne!(identity(2, 1, "funds", true), identity(1, 2, "funds", true));
    }
}
