//! The project's phases: what a coordinator may change of one (title and description in a
//! language, planned and actual dates, status), checked on construction.

use super::lang::Lang;
use super::problem::{Collector, FieldError, Problem};
use super::values::{date, format_date, long_text, short_text};
use serde::Deserialize;
use std::collections::BTreeMap;
use time::Date;

pub const STATUSES: [&str; 3] = ["planned", "in_progress", "done"];

/// The JSON form of a phase; dates `YYYY-MM-DD`.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct PhaseJson<'a> {
    pub id: i64,
    /// 1 to 4, in the project's order.
    pub position: i64,
    pub code: &'a str,
    /// Title and description by language code (`fr`, `en`, …).
    pub titles: &'a BTreeMap<String, String>,
    pub descriptions: &'a BTreeMap<String, String>,
    pub planned_start: String,
    pub planned_end: String,
    pub actual_start: Option<String>,
    pub actual_end: Option<String>,
    /// `planned`, `in_progress` or `done`.
    pub status: &'a str,
    pub updated_at: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Phase {
    pub id: i64,
    pub position: i64,
    pub code: String,
    /// Title and description by language code.
    pub titles: BTreeMap<String, String>,
    pub descriptions: BTreeMap<String, String>,
    pub planned_start: Date,
    pub planned_end: Date,
    pub actual_start: Option<Date>,
    pub actual_end: Option<Date>,
    pub status: String,
    pub updated_at: String,
}

impl Phase {
    /// The title in `lang`, else French, else the code.
    pub fn title(&self, lang: Lang) -> &str {
        lang.text_in(&self.titles).unwrap_or(&self.code)
    }

    pub fn description(&self, lang: Lang) -> &str {
        lang.text_in(&self.descriptions).unwrap_or_default()
    }

    /// The JSON form: dates as ISO text, texts in every language.
    pub fn to_json(&self) -> PhaseJson<'_> {
        PhaseJson {
            id: self.id,
            position: self.position,
            code: &self.code,
            titles: &self.titles,
            descriptions: &self.descriptions,
            planned_start: format_date(self.planned_start),
            planned_end: format_date(self.planned_end),
            actual_start: self.actual_start.map(format_date),
            actual_end: self.actual_end.map(format_date),
            status: &self.status,
            updated_at: &self.updated_at,
        }
    }

    /// Where `today` stands: before, inside or after the planned dates.
    pub fn is_current(&self, today: Date) -> bool {
        self.planned_start <= today && today <= self.planned_end
    }
}

/// A phase as typed (form or JSON): the title and description are those of one language.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PhaseDraft {
    pub title: Option<String>,
    pub description: Option<String>,
    pub planned_start: Option<String>,
    pub planned_end: Option<String>,
    pub actual_start: Option<String>,
    pub actual_end: Option<String>,
    pub status: Option<String>,
}

impl PhaseDraft {
    pub fn from_phase(p: &Phase, lang: Lang) -> Self {
        PhaseDraft {
            title: Some(p.title(lang).to_owned()),
            description: Some(p.description(lang).to_owned()),
            planned_start: Some(format_date(p.planned_start)),
            planned_end: Some(format_date(p.planned_end)),
            actual_start: p.actual_start.map(format_date),
            actual_end: p.actual_end.map(format_date),
            status: Some(p.status.clone()),
        }
    }

    /// The phase with this draft's values, the texts in `lang`; every problem with its field.
    pub fn apply(&self, phase: &Phase, lang: Lang) -> Result<Phase, Vec<FieldError>> {
        let mut e = Collector::default();
        let title = e.take(
            "title",
            short_text(self.title.as_deref(), super::limits::SHORT_TEXT).and_then(|t| t.ok_or(Problem::Required)),
        );
        let description = e.take("description", long_text(self.description.as_deref(), super::limits::LONG_TEXT));
        let mut day = |field: &str, v: &Option<String>, required: bool| -> Option<Date> {
            match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(s) => e.take(field, date(s)),
                None if required => e.take(field, Err(Problem::Required)),
                None => None,
            }
        };
        let planned_start = day("planned_start", &self.planned_start, true);
        let planned_end = day("planned_end", &self.planned_end, true);
        let actual_start = day("actual_start", &self.actual_start, false);
        let actual_end = day("actual_end", &self.actual_end, false);
        if let (Some(a), Some(b)) = (planned_start, planned_end)
            && a > b
        {
            e.take::<()>("planned_end", Err(Problem::DateOrder));
        }
        if let (Some(a), Some(b)) = (actual_start, actual_end)
            && a > b
        {
            e.take::<()>("actual_end", Err(Problem::DateOrder));
        }
        let status = self.status.as_deref().map(str::trim).unwrap_or("planned");
        if !STATUSES.contains(&status) {
            e.take::<()>(
                "status",
                Err(Problem::Unknown {
                    what: super::problem::RefTable::Format,
                    value: status.to_owned(),
                    expected: STATUSES.iter().map(|s| (*s).to_owned()).collect(),
                }),
            );
        }
        e.finish(|| {
            let mut p = phase.clone();
            if let Some(t) = title {
                p.titles.insert(lang.code().to_owned(), t);
            }
            match description.flatten() {
                Some(d) => p.descriptions.insert(lang.code().to_owned(), d),
                None => p.descriptions.remove(lang.code()),
            };
            p.planned_start = planned_start.unwrap_or(p.planned_start);
            p.planned_end = planned_end.unwrap_or(p.planned_end);
            p.actual_start = actual_start;
            p.actual_end = actual_end;
            p.status = status.to_owned();
            p
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn phase() -> Phase {
        Phase {
            id: 1,
            position: 1,
            code: "inventory".into(),
            titles: BTreeMap::from([("fr".into(), "État des lieux".into()), ("en".into(), "Inventory".into())]),
            descriptions: BTreeMap::new(),
            planned_start: date!(2022 - 06 - 01),
            planned_end: date!(2022 - 08 - 31),
            actual_start: None,
            actual_end: None,
            status: "planned".into(),
            updated_at: String::new(),
        }
    }

    #[test]
    fn a_draft_changes_the_texts_of_its_language_only_and_checks_dates_and_status() {
        let draft = PhaseDraft {
            title: Some("Inventaire".into()),
            planned_start: Some("01/07/2022".into()),
            planned_end: Some("2022-09-30".into()),
            actual_start: Some("2022-07-04".into()),
            status: Some("in_progress".into()),
            ..Default::default()
        };
        let p = draft.apply(&phase(), Lang::FR).unwrap();
        assert_eq!((p.title(Lang::FR), p.title(Lang::EN)), ("Inventaire", "Inventory"));
        assert_eq!(
            (p.planned_start, p.actual_start, p.status.as_str()),
            (date!(2022 - 07 - 01), Some(date!(2022 - 07 - 04)), "in_progress")
        );
        let bad = PhaseDraft {
            title: Some(String::new()),
            planned_start: Some("2022-10-01".into()),
            planned_end: Some("2022-09-01".into()),
            status: Some("sleeping".into()),
            ..Default::default()
        };
        let fields: Vec<String> = bad.apply(&phase(), Lang::EN).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "planned_end", "status"]);
    }
}
