//! A respondent's answers: read from a section's form, kept as JSON between visits, checked
//! against the questionnaire. Drafts may hold anything the person typed (so nothing is lost);
//! `check` says what must change before a section or the whole response is accepted.

use super::definition::{Definition, Kind, Question, Section};
use crate::domain::stakeholder::StakeholderDraft;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The answer to one question. Which fields are used depends on the question's kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The chosen option(s), or the typed value of a text, number or date question.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    /// A choice question's "other, please specify".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ties: Vec<TieAnswer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<EntryAnswer>,
}

impl Answer {
    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.other.is_none() && self.ties.is_empty() && self.entry.is_none()
    }

    pub fn first(&self) -> Option<&str> {
        self.values.first().map(String::as_str)
    }
}

/// One organisation named in a network question, with its attributes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TieAnswer {
    /// A stakeholder of the inventory…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stakeholder: Option<i64>,
    /// …or an organisation the respondent proposes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<NewOrganisation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub satisfaction: Option<String>,
}

impl TieAnswer {
    /// The form key of this tie: `s<id>` for a stakeholder, `n<k>` for the k-th proposal.
    pub fn key(&self, index: usize) -> String {
        match self.stakeholder {
            Some(id) => format!("s{id}"),
            None => format!("n{index}"),
        }
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        match name {
            "link_type" => self.link_type.as_deref(),
            "frequency" => self.frequency.as_deref(),
            "formal" => self.formal.as_deref(),
            "satisfaction" => self.satisfaction.as_deref(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewOrganisation {
    pub name: String,
    pub level: String,
    pub kind: String,
}

/// The entry check: confirmed as is, or with proposed values for some fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EntryAnswer {
    pub confirmed: Option<bool>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changes: BTreeMap<String, String>,
}

/// The fields of its own record a respondent may correct, in display order.
pub const ENTRY_FIELDS: [&str; 8] = ["name", "acronym", "level", "kind", "description", "email", "phone", "website"];

/// The respondent's own record as the entry check shows it, by field.
pub fn entry_values(d: &StakeholderDraft) -> BTreeMap<String, String> {
    ENTRY_FIELDS
        .iter()
        .map(|f| {
            let v = match *f {
                "name" => d.name.clone(),
                "acronym" => d.acronym.clone(),
                "level" => d.level.clone(),
                "kind" => d.kind.clone(),
                "description" => d.description.clone(),
                "email" => d.email.clone(),
                "phone" => d.phone.clone(),
                _ => d.website.clone(),
            };
            (f.to_string(), v.unwrap_or_default())
        })
        .collect()
}

/// Puts an accepted correction into a record's draft (an empty value clears the field).
pub fn set_entry_field(d: &mut StakeholderDraft, field: &str, value: &str) {
    let v = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
    match field {
        "name" => d.name = v,
        "acronym" => d.acronym = v,
        "level" => d.level = v,
        "kind" => d.kind = v,
        "description" => d.description = v,
        "email" => d.email = v,
        "phone" => d.phone = v,
        "website" => d.website = v,
        _ => {}
    }
}

/// How a network question's tie type reads from the respondent's side, and the link it
/// becomes: (value, link type, respondent is the link's target). Its words are the
/// catalogue's `tie-type-<value>`.
pub const TIE_TYPES: [(&str, &str, bool); 7] = [
    ("coordinates", "coordinates", false),
    ("partners", "partners", false),
    ("refers", "refers", false),
    ("referred_by", "refers", true),
    ("funds", "funds", false),
    ("funded_by", "funds", true),
    ("shares_data", "shares_data", false),
];

/// Frequencies, most frequent first, with the link strength each gives (3 = strong). Their
/// words are the catalogue's `tie-frequency-<code>`.
pub const FREQUENCIES: [(&str, i64); 4] = [("weekly", 3), ("monthly", 2), ("quarterly", 1), ("less", 1)];

/// Whether a tie is formal (`tie-formal-<code>`).
pub const FORMAL: [&str; 2] = ["yes", "no"];

/// All answers of a response, by question id.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Answers(pub BTreeMap<String, Answer>);

impl Answers {
    pub fn from_json(text: &str) -> Answers {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.0.get(id)
    }

    /// Whether `q` is shown given the answers so far (its `show_if` condition holds).
    pub fn shows(&self, q: &Question) -> bool {
        match &q.show_if {
            None => true,
            Some(c) => {
                self.get(c.question.get_ref()).is_some_and(|a| a.values.iter().any(|v| c.any_of.iter().any(|w| w == v)))
            }
        }
    }

    /// Replaces the answers of `section` with what its form sent. `current` gives the
    /// respondent's own record for the entry check (a field is a change only if it differs).
    pub fn merge_section(&mut self, section: &Section, form: &[(String, String)], current: &BTreeMap<String, String>) {
        // The form indexed once by field name: every lookup below is then constant time, so a
        // form naming tens of thousands of organisations is read in linear time.
        let mut index: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
        for (k, v) in form {
            let v = v.trim();
            if !v.is_empty() {
                index.entry(k.as_str()).or_default().push(v);
            }
        }
        let all = |name: &str| -> Vec<String> {
            index.get(name).map(|vs| vs.iter().map(|v| (*v).to_owned()).collect()).unwrap_or_default()
        };
        let one = |name: &str| index.get(name).and_then(|vs| vs.first()).map(|v| (*v).to_owned());
        for q in &section.questions {
            let id = q.id.get_ref();
            let p = format!("q.{id}");
            let mut answer = Answer::default();
            match q.kind {
                Kind::Network => answer.ties = read_ties(&p, &one, &all),
                Kind::EntryCheck => {
                    let confirmed = one(&format!("{p}.confirm")).map(|v| v == "yes");
                    let mut changes = BTreeMap::new();
                    if confirmed == Some(false) {
                        for field in ENTRY_FIELDS {
                            // A field sent empty clears it: look in the form, not the index.
                            let sent = form.iter().find(|(k, _)| *k == format!("{p}.f.{field}"));
                            if let Some((_, v)) = sent {
                                let v = v.trim();
                                if current.get(field).map_or("", String::as_str) != v {
                                    changes.insert(field.to_owned(), v.to_owned());
                                }
                            }
                        }
                    }
                    if confirmed.is_some() {
                        answer.entry = Some(EntryAnswer { confirmed, changes });
                    }
                }
                _ => {
                    answer.values = all(&p);
                    if q.kind != Kind::MultipleChoice {
                        answer.values.truncate(1);
                    }
                    answer.other = one(&format!("{p}.other"));
                }
            }
            if answer.is_empty() {
                self.0.remove(id);
            } else {
                self.0.insert(id.clone(), answer);
            }
        }
    }

    /// Drops the answers of questions that are no longer shown (their condition changed).
    pub fn drop_hidden(&mut self, def: &Definition) {
        for q in def.questions() {
            if !self.shows(q) {
                self.0.remove(q.id.get_ref());
            }
        }
    }
}

fn read_ties(p: &str, one: &dyn Fn(&str) -> Option<String>, all: &dyn Fn(&str) -> Vec<String>) -> Vec<TieAnswer> {
    let removed: std::collections::HashSet<String> = all(&format!("{p}.remove")).into_iter().collect();
    let mut named: std::collections::HashSet<i64> = std::collections::HashSet::new();
    let mut ties: Vec<TieAnswer> = Vec::new();
    let mut keys: Vec<String> = all(&format!("{p}.tie"));
    // Organisations ticked in the search results (the page without JavaScript).
    keys.extend(all(&format!("{p}.add")).into_iter().map(|id| format!("s{id}")));
    for key in keys {
        if removed.contains(&key) {
            continue;
        }
        let attr = |a: &str| one(&format!("{p}.{key}.{a}"));
        let mut tie = TieAnswer {
            link_type: attr("link_type"),
            frequency: attr("frequency"),
            formal: attr("formal"),
            satisfaction: attr("satisfaction"),
            ..Default::default()
        };
        if let Some(id) = key.strip_prefix('s').and_then(|s| s.parse::<i64>().ok()) {
            if !named.insert(id) {
                continue;
            }
            tie.stakeholder = Some(id);
        } else if key.starts_with('n') {
            tie.new = Some(NewOrganisation {
                name: attr("name").unwrap_or_default(),
                level: attr("level").unwrap_or_default(),
                kind: attr("kind").unwrap_or_default(),
            });
        } else {
            continue;
        }
        ties.push(tie);
    }
    if let Some(name) = one(&format!("{p}.new_name")) {
        ties.push(TieAnswer {
            new: Some(NewOrganisation {
                name,
                level: one(&format!("{p}.new_level")).unwrap_or_default(),
                kind: one(&format!("{p}.new_kind")).unwrap_or_default(),
            }),
            ..Default::default()
        });
    }
    ties
}

/// What a respondent must fix, by question id, in their language.
pub type Problems = BTreeMap<String, String>;

/// Codes the network question's new organisations may use.
pub struct Codes {
    pub levels: Vec<String>,
    pub kinds: Vec<String>,
}

impl From<&crate::domain::reference::Reference> for Codes {
    fn from(reference: &crate::domain::reference::Reference) -> Self {
        Codes {
            levels: reference.levels.iter().map(|i| i.code.clone()).collect(),
            kinds: reference.kinds.iter().map(|i| i.code.clone()).collect(),
        }
    }
}

/// Where a respondent who comes back to a draft resumes: the first section with a shown
/// question that is still unanswered there or has a problem; the last section when every one
/// is done. None without any answer yet (a first visit starts at the beginning).
pub fn resume_at(def: &Definition, answers: &Answers, codes: &Codes) -> Option<usize> {
    if answers.0.is_empty() {
        return None;
    }
    let unfinished = def.sections.iter().position(|s| {
        let shown: Vec<&Question> = s.questions.iter().filter(|q| answers.shows(q)).collect();
        !shown.is_empty()
            && (shown.iter().all(|q| answers.get(q.id.get_ref()).is_none())
                || !check([s], answers, codes, Lang::FR).is_empty())
    });
    Some(unfinished.unwrap_or(def.sections.len().saturating_sub(1)))
}

/// Checks the shown questions of `sections` against `answers`.
pub fn check<'a>(
    sections: impl IntoIterator<Item = &'a Section>,
    answers: &Answers,
    codes: &Codes,
    lang: Lang,
) -> Problems {
    let mut problems = Problems::new();
    for q in sections.into_iter().flat_map(|s| &s.questions) {
        if !answers.shows(q) {
            continue;
        }
        let empty = Answer::default();
        let a = answers.get(q.id.get_ref()).unwrap_or(&empty);
        if let Some(message) = check_one(q, a, codes, lang) {
            problems.insert(q.id.get_ref().clone(), message);
        }
    }
    problems
}

fn check_one(q: &Question, a: &Answer, codes: &Codes, lang: Lang) -> Option<String> {
    let say = |id: &str| Some(crate::i18n::text(lang, id, &[]));
    let answered = match q.kind {
        Kind::Network => !a.ties.is_empty(),
        Kind::EntryCheck => a.entry.as_ref().is_some_and(|e| e.confirmed.is_some()),
        _ => !a.values.is_empty() || a.other.is_some(),
    };
    if !answered {
        return if q.required { say("answer-required") } else { None };
    }
    let allowed: Vec<&str> = match q.kind {
        Kind::Likert => q.scale.iter().map(|c| c.value.as_str()).collect(),
        _ => q.options.iter().map(|c| c.value.as_str()).collect(),
    };
    match q.kind {
        Kind::SingleChoice | Kind::MultipleChoice | Kind::Likert => {
            if a.values.iter().any(|v| !allowed.contains(&v.as_str())) {
                return say("answer-choose-given");
            }
            if a.other.is_some() && !q.other {
                return say("answer-choose-given");
            }
            if q.kind == Kind::SingleChoice && a.values.len() + usize::from(a.other.is_some()) > 1 {
                return say("answer-one-only");
            }
            if a.other.as_ref().is_some_and(|o| o.chars().count() > 500) {
                return say("answer-other-too-long");
            }
        }
        Kind::ShortText | Kind::LongText => {
            let max = q.max_length.unwrap_or(if q.kind == Kind::ShortText { 300 } else { 5000 });
            let n = a.first().map_or(0, |v| v.chars().count());
            if n > max {
                return Some(crate::i18n::tr!(lang, "answer-too-long", max = max, written = n));
            }
        }
        Kind::Number => {
            let Some(n) = a.first().and_then(parse_number) else {
                return say("answer-not-a-number");
            };
            if q.min.is_some_and(|m| n < m) || q.max.is_some_and(|m| n > m) {
                let bound = |b: Option<f64>| b.map_or("–".into(), |b| crate::i18n::number(lang, b, decimals(b)));
                return Some(crate::i18n::tr!(lang, "answer-out-of-range", min = bound(q.min), max = bound(q.max)));
            }
        }
        Kind::Date => {
            if a.first().is_none_or(|v| crate::domain::values::date(v).is_err()) {
                return say("answer-not-a-date");
            }
        }
        Kind::Network => {
            let max = crate::domain::limits::NAMED_ORGANISATIONS;
            if a.ties.len() > max {
                return Some(crate::i18n::tr!(lang, "answer-too-many-ties", max = max, named = a.ties.len()));
            }
            for tie in &a.ties {
                if let Some(new) = &tie.new
                    && new.name.chars().count() > crate::domain::limits::SHORT_TEXT
                {
                    return say("answer-new-name-too-long");
                }
                if let Some(new) = &tie.new
                    && (new.name.trim().is_empty()
                        || !codes.levels.contains(&new.level)
                        || !codes.kinds.contains(&new.kind))
                {
                    return say("answer-new-incomplete");
                }
                let bad = |value: Option<&str>, allowed: &[&str]| value.is_some_and(|v| !allowed.contains(&v));
                let types: Vec<&str> = TIE_TYPES.iter().map(|t| t.0).collect();
                let frequencies: Vec<&str> = FREQUENCIES.iter().map(|f| f.0).collect();
                if bad(tie.link_type.as_deref(), &types)
                    || bad(tie.frequency.as_deref(), &frequencies)
                    || bad(tie.formal.as_deref(), &["yes", "no"])
                    || bad(tie.satisfaction.as_deref(), &["1", "2", "3", "4", "5"])
                {
                    return say("answer-choose-given");
                }
                for attr in &q.attributes {
                    if tie.attribute(attr).is_none() {
                        return say("answer-describe-ties");
                    }
                }
            }
        }
        Kind::EntryCheck => {
            if let Some(e) = &a.entry
                && e.confirmed == Some(false)
                && e.changes.is_empty()
            {
                return say("answer-entry-undecided");
            }
            if let Some(e) = &a.entry
                && e.changes.get("name").is_some_and(|n| n.trim().is_empty())
            {
                return say("answer-entry-name-empty");
            }
        }
    }
    None
}

/// A number as people type it: "2,5", "2.5", "1 000".
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
    cleaned.replace(',', ".").parse::<f64>().ok().filter(|n| n.is_finite())
}

/// How many decimals a bound needs to be written exactly (at most 6).
fn decimals(n: f64) -> usize {
    (0..6).find(|d| (n * 10f64.powi(*d as i32)).fract() == 0.0).unwrap_or(6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::definition::parse;

    fn def() -> Definition {
        parse(include_str!("../../surveys/consultation-2023.toml")).unwrap()
    }

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn codes() -> Codes {
        Codes { levels: vec!["local".into(), "regional".into()], kinds: vec!["ngo".into(), "public".into()] }
    }

    #[test]
    fn a_section_form_becomes_answers_and_is_checked() {
        let d = def();
        let services = d.sections.iter().find(|s| s.id.get_ref() == "services").unwrap();
        let mut answers = Answers::default();
        answers.merge_section(
            services,
            &form(&[
                ("q.sectors", "health"),
                ("q.sectors", "social_aid"),
                ("q.sectors.other", "  Transport  "),
                ("q.people_reached", "50-199"),
                ("q.staff", "12 000"),
                ("q.since", "31/02/2022"),
            ]),
            &BTreeMap::new(),
        );
        let sectors = answers.get("sectors").unwrap();
        assert_eq!(sectors.values, ["health", "social_aid"]);
        assert_eq!(sectors.other.as_deref(), Some("Transport"));
        let problems = check([services], &answers, &codes(), Lang::EN);
        assert_eq!(problems.keys().collect::<Vec<_>>(), ["since", "staff"]);
        assert!(problems["staff"].contains("between 0 and 10,000"), "{}", problems["staff"]);
        assert!(problems["since"].contains("date"));
        // Fixing the values clears the problems; an emptied field removes the answer.
        answers.merge_section(
            services,
            &form(&[("q.sectors", "health"), ("q.people_reached", "50-199"), ("q.staff", "2,5")]),
            &BTreeMap::new(),
        );
        assert!(check([services], &answers, &codes(), Lang::EN).is_empty());
        assert!(answers.get("since").is_none());
        assert_eq!(parse_number("2,5"), Some(2.5));
    }

    #[test]
    fn a_returning_respondent_resumes_at_the_first_unfinished_section() {
        let d = def();
        let (who, services) = (&d.sections[0], &d.sections[1]);
        assert_eq!(services.id.get_ref(), "services");
        let mut answers = Answers::default();
        assert_eq!(resume_at(&d, &answers, &codes()), None, "a first visit starts at the beginning");
        // A required question left unanswered: the section is not done.
        answers.merge_section(who, &form(&[("q.entry.confirm", "yes")]), &BTreeMap::new());
        assert_eq!(resume_at(&d, &answers, &codes()), Some(0));
        answers.merge_section(
            who,
            &form(&[("q.entry.confirm", "yes"), ("q.respondent_role", "Coordinatrice")]),
            &BTreeMap::new(),
        );
        assert_eq!(resume_at(&d, &answers, &codes()), Some(1), "the first part is done: the second");
        // An answer with a problem keeps the respondent there.
        let services_form = [("q.sectors", "health"), ("q.people_reached", "50-199"), ("q.staff", "12 000")];
        answers.merge_section(services, &form(&services_form), &BTreeMap::new());
        assert_eq!(resume_at(&d, &answers, &codes()), Some(1));
        answers.merge_section(services, &form(&services_form[..2]), &BTreeMap::new());
        assert_eq!(resume_at(&d, &answers, &codes()), Some(2), "then the first part not yet answered");
    }

    #[test]
    fn conditions_hide_questions_and_required_ones_are_enforced() {
        let d = def();
        let needs = d.sections.iter().find(|s| s.id.get_ref() == "needs").unwrap();
        let why = needs.questions.iter().find(|q| q.id.get_ref() == "mechanism_level_why").unwrap();
        let mut answers = Answers::default();
        let codes = codes();
        let problems = check([needs], &answers, &codes, Lang::FR);
        assert_eq!(problems.get("mechanism_level").map(String::as_str), Some("Cette question est obligatoire."));
        answers.merge_section(
            needs,
            &form(&[("q.mechanism_level", "several"), ("q.mechanism_level_why", "Articuler")]),
            &BTreeMap::new(),
        );
        assert!(answers.shows(why));
        answers.merge_section(
            needs,
            &form(&[("q.mechanism_level", "regional"), ("q.mechanism_level_why", "Articuler")]),
            &BTreeMap::new(),
        );
        assert!(!answers.shows(why));
        answers.drop_hidden(&d);
        assert!(answers.get("mechanism_level_why").is_none(), "a hidden question's answer is dropped");
        assert!(check([needs], &answers, &codes, Lang::FR).is_empty());
    }

    #[test]
    fn network_ties_are_read_with_their_attributes_removed_and_proposed() {
        let d = def();
        let network = d.sections.iter().find(|s| s.id.get_ref() == "network").unwrap();
        let mut answers = Answers::default();
        answers.merge_section(
            network,
            &form(&[
                ("q.partners.tie", "s7"),
                ("q.partners.s7.link_type", "refers"),
                ("q.partners.s7.frequency", "weekly"),
                ("q.partners.s7.formal", "no"),
                ("q.partners.s7.satisfaction", "4"),
                ("q.partners.tie", "s9"),
                ("q.partners.remove", "s9"),
                ("q.partners.add", "7"),
                ("q.partners.add", "11"),
                ("q.partners.new_name", "Maison de quartier"),
                ("q.partners.new_level", "local"),
                ("q.partners.new_kind", "ngo"),
            ]),
            &BTreeMap::new(),
        );
        let ties = &answers.get("partners").unwrap().ties;
        assert_eq!(ties.len(), 3, "{ties:?}");
        assert_eq!(ties[0].stakeholder, Some(7));
        assert_eq!(ties[0].link_type.as_deref(), Some("refers"));
        assert_eq!(ties[1].stakeholder, Some(11));
        assert_eq!(ties[2].new.as_ref().unwrap().name, "Maison de quartier");
        let problems = check([network], &answers, &codes(), Lang::EN);
        assert_eq!(problems["partners"], "Describe each organisation you named.");
    }

    #[test]
    fn the_entry_check_keeps_only_fields_that_differ() {
        let d = def();
        let who = d.sections.iter().find(|s| s.id.get_ref() == "who").unwrap();
        let current = BTreeMap::from([("name".to_owned(), "CPAS de Namur".to_owned())]);
        let mut answers = Answers::default();
        answers.merge_section(
            who,
            &form(&[
                ("q.entry.confirm", "no"),
                ("q.entry.f.name", "CPAS de Namur"),
                ("q.entry.f.phone", "081 33 70 11"),
                ("q.respondent_role", "Directrice"),
            ]),
            &current,
        );
        let entry = answers.get("entry").unwrap().entry.as_ref().unwrap();
        assert_eq!(entry.changes, BTreeMap::from([("phone".to_owned(), "081 33 70 11".to_owned())]));
        let json = answers.to_json();
        assert_eq!(Answers::from_json(&json), answers, "answers survive their JSON form");
    }
}
