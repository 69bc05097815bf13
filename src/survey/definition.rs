//! A questionnaire definition: sections of questions of typed kinds, each text in the
//! languages the definition declares (`languages = ["fr", "en", "de"]`; French and English
//! when it says nothing, as earlier definitions and the copies kept by open campaigns do), with
//! conditional display and per-question validation rules. `parse` reports every problem
//! with its line, so `maillage survey check FILE` can say what to fix and where.

use crate::domain::lang::Lang;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// One text in several languages, keyed by language code (`{ fr = "…", de = "…" }`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, else in French.
    pub fn get(&self, lang: Lang) -> &str {
        lang.text_in(&self.0).unwrap_or_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    SingleChoice,
    MultipleChoice,
    Likert,
    ShortText,
    LongText,
    Number,
    Date,
    /// "With which organisations do you …": stakeholders picked from the inventory.
    Network,
    /// The respondent's own inventory record, to confirm or correct.
    EntryCheck,
}

/// An option: its value (what results and exports keep, the same in every language) and its
/// label in each language (`{ value = "weekly", fr = "Chaque semaine", de = "Wöchentlich" }`).
#[derive(Debug, Clone, Deserialize)]
pub struct Choice {
    pub value: String,
    #[serde(flatten)]
    pub label: Text,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The id of an earlier question.
    pub question: Spanned<String>,
    /// Shown when that question's answer is (or, for multiple choice, includes) one of these.
    #[serde(rename = "in")]
    pub any_of: Vec<String>,
}

/// The attributes a network question may ask about each tie (at most four: burden grows
/// with every tie).
pub const TIE_ATTRIBUTES: [&str; 4] = ["link_type", "frequency", "formal", "satisfaction"];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: Kind,
    pub text: Text,
    pub help: Option<Text>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub options: Vec<Choice>,
    /// Likert scale points, low to high.
    #[serde(default)]
    pub scale: Vec<Choice>,
    /// A choice question's "other, please specify" free text.
    #[serde(default)]
    pub other: bool,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub max_length: Option<usize>,
    #[serde(default)]
    pub attributes: Vec<String>,
    pub show_if: Option<Condition>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Spanned<String>,
    pub title: Text,
    pub intro: Option<Text>,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub id: Spanned<String>,
    pub version: u32,
    /// The languages every text is given in, French first (`fr` and `en` when not said).
    #[serde(default = "french_and_english")]
    pub languages: Spanned<Vec<String>>,
    pub title: Text,
    pub intro: Option<Text>,
    pub sections: Vec<Section>,
}

fn french_and_english() -> Spanned<Vec<String>> {
    Spanned::new(0..0, vec!["fr".to_owned(), "en".to_owned()])
}

impl Definition {
    /// The languages of the tool this questionnaire can be answered in, French first.
    pub fn offered(&self) -> Vec<Lang> {
        Lang::all().filter(|l| self.languages.get_ref().iter().any(|c| c == l.code())).collect()
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| &s.questions)
    }
}

/// A problem in a definition file, at a line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefinitionError {
    pub line: usize,
    pub message: String,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() + 1
}

fn is_language_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase())
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// Parses and checks a definition; every problem is reported with its line.
pub fn parse(text: &str) -> Result<Definition, Vec<DefinitionError>> {
    let def: Definition = toml::from_str(text).map_err(|e| {
        vec![DefinitionError { line: e.span().map_or(1, |s| line_of(text, s.start)), message: e.message().to_owned() }]
    })?;
    let mut errors = Vec::new();
    let mut err = |span: std::ops::Range<usize>, message: String| {
        errors.push(DefinitionError { line: line_of(text, span.start), message })
    };
    if !is_identifier(def.id.get_ref()) {
        err(def.id.span(), format!("survey id \"{}\" must be lowercase letters, digits, - or _", def.id.get_ref()));
    }
    let languages = def.languages.get_ref();
    if languages.first().is_none_or(|l| l != "fr") {
        err(def.languages.span(), "languages: French (\"fr\") comes first, every text falls back to it".to_owned());
    }
    for l in languages.iter().filter(|l| !is_language_code(l)) {
        err(
            def.languages.span(),
            format!("languages: \"{l}\" is not a language code (two or three lowercase letters)"),
        );
    }
    // Every text in every declared language, and in no other.
    let complete =
        |t: &Text, what: &str, err: &mut dyn FnMut(std::ops::Range<usize>, String), span: std::ops::Range<usize>| {
            let absent: Vec<&str> = languages
                .iter()
                .filter(|l| t.0.get(l.as_str()).is_none_or(|s| s.trim().is_empty()))
                .map(String::as_str)
                .collect();
            if !absent.is_empty() {
                err(span.clone(), format!("{what} has no text in {}", absent.join(", ")));
            }
            for extra in t.0.keys().filter(|k| !languages.contains(k)) {
                let why = if is_language_code(extra) {
                    "a language that `languages` does not declare"
                } else {
                    "not a language code"
                };
                err(span.clone(), format!("{what}: \"{extra}\" is {why} (declared: {})", languages.join(", ")));
            }
        };
    complete(&def.title, "the title", &mut err, def.id.span());
    if let Some(intro) = &def.intro {
        complete(intro, "the introduction", &mut err, def.id.span());
    }
    for section in &def.sections {
        let what = format!("section \"{}\"", section.id.get_ref());
        complete(&section.title, &format!("{what}: title"), &mut err, section.id.span());
        if let Some(intro) = &section.intro {
            complete(intro, &format!("{what}: introduction"), &mut err, section.id.span());
        }
        for q in &section.questions {
            let what = format!("question \"{}\"", q.id.get_ref());
            complete(&q.text, &format!("{what}: text"), &mut err, q.id.span());
            if let Some(help) = &q.help {
                complete(help, &format!("{what}: help"), &mut err, q.id.span());
            }
            for c in q.options.iter().chain(&q.scale) {
                complete(&c.label, &format!("{what}: option \"{}\"", c.value), &mut err, q.id.span());
            }
        }
    }
    let mut seen: HashMap<String, (Kind, Vec<String>)> = HashMap::new();
    let mut section_ids: HashMap<String, usize> = HashMap::new();
    for section in &def.sections {
        let sid = section.id.get_ref();
        if !is_identifier(sid) {
            err(section.id.span(), format!("section id \"{sid}\" must be lowercase letters, digits, - or _"));
        }
        if section_ids.insert(sid.clone(), line_of(text, section.id.span().start)).is_some() {
            err(section.id.span(), format!("section id \"{sid}\" is used twice"));
        }
        if section.questions.is_empty() {
            err(section.id.span(), format!("section \"{sid}\" has no questions"));
        }
        for q in &section.questions {
            let id = q.id.get_ref();
            let span = q.id.span();
            if !is_identifier(id) {
                err(span.clone(), format!("question id \"{id}\" must be lowercase letters, digits, - or _"));
            }
            let values = |list: &[Choice]| list.iter().map(|c| c.value.clone()).collect::<Vec<_>>();
            match q.kind {
                Kind::SingleChoice | Kind::MultipleChoice if q.options.len() < 2 => {
                    err(span.clone(), format!("question \"{id}\": a choice question needs at least two options"))
                }
                Kind::Likert if q.scale.len() < 3 => {
                    err(span.clone(), format!("question \"{id}\": a Likert scale needs at least three points"))
                }
                Kind::Number if q.min.zip(q.max).is_some_and(|(min, max)| min > max) => {
                    err(span.clone(), format!("question \"{id}\": min is above max"))
                }
                Kind::Network => {
                    if q.attributes.len() > TIE_ATTRIBUTES.len() {
                        err(span.clone(), format!("question \"{id}\": at most four attributes per tie"));
                    }
                    for a in q.attributes.iter().filter(|a| !TIE_ATTRIBUTES.contains(&a.as_str())) {
                        err(
                            span.clone(),
                            format!(
                                "question \"{id}\": unknown tie attribute \"{a}\"; expected one of: {}",
                                TIE_ATTRIBUTES.join(", ")
                            ),
                        );
                    }
                }
                _ => {}
            }
            if !matches!(q.kind, Kind::SingleChoice | Kind::MultipleChoice) && !q.options.is_empty() {
                err(span.clone(), format!("question \"{id}\": only choice questions have options"));
            }
            for list in [&q.options, &q.scale] {
                let mut v = values(list);
                v.sort();
                if v.windows(2).any(|w| w[0] == w[1]) {
                    err(span.clone(), format!("question \"{id}\": two options have the same value"));
                }
            }
            if let Some(cond) = &q.show_if {
                match seen.get(cond.question.get_ref()) {
                    None => err(
                        cond.question.span(),
                        format!(
                            "question \"{id}\": show_if refers to \"{}\", which is not an earlier question",
                            cond.question.get_ref()
                        ),
                    ),
                    Some((_, allowed)) if !allowed.is_empty() => {
                        for v in cond.any_of.iter().filter(|v| !allowed.contains(v)) {
                            err(
                                cond.question.span(),
                                format!(
                                    "question \"{id}\": show_if value \"{v}\" is not an option of \"{}\"; expected one of: {}",
                                    cond.question.get_ref(),
                                    allowed.join(", ")
                                ),
                            );
                        }
                    }
                    _ => {}
                }
            }
            let allowed = match q.kind {
                Kind::Likert => values(&q.scale),
                _ => values(&q.options),
            };
            if seen.insert(id.clone(), (q.kind, allowed)).is_some() {
                err(span, format!("question id \"{id}\" is used twice"));
            }
        }
    }
    if errors.is_empty() { Ok(def) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id = \"s\"\nversion = 1\ntitle = { fr = \"T\", en = \"T\" }\n";

    fn check(body: &str) -> Vec<(usize, String)> {
        match parse(&format!("{HEADER}{body}")) {
            Ok(_) => Vec::new(),
            Err(e) => e.into_iter().map(|e| (e.line, e.message)).collect(),
        }
    }

    #[test]
    fn problems_are_reported_with_their_line() {
        let cases: [(&str, usize, &str); 7] = [
            ("[[sections]]\nid = \"a\"\ntitle = { fr = \"A\" }\nquestions = []\n", 5, "title has no text in en"),
            (
                "[[sections]]\nid = \"a\"\ntitle = { fr = \"A\", en = \"A\" }\n[[sections.questions]]\nid = \"q1\"\ntype = \"single_choice\"\ntext = { fr = \"Q\", en = \"Q\" }\noptions = [{ value = \"x\", fr = \"X\", en = \"X\" }]\n",
                8,
                "at least two options",
            ),
            (
                "[[sections]]\nid = \"a\"\ntitle = { fr = \"A\", en = \"A\" }\n[[sections.questions]]\nid = \"q1\"\ntype = \"smiley\"\ntext = { fr = \"Q\", en = \"Q\" }\n",
                9,
                "unknown variant `smiley`",
            ),
            (
                "[[sections]]\nid = \"a\"\ntitle = { fr = \"A\", en = \"A\" }\n[[sections.questions]]\nid = \"q1\"\ntype = \"short_text\"\ntext = { fr = \"Q\", en = \"Q\" }\nshow_if = { question = \"q9\", in = [\"x\"] }\n",
                11,
                "not an earlier question",
            ),
            (
                "[[sections]]\nid = \"a\"\ntitle = { fr = \"A\", en = \"A\" }\n[[sections.questions]]\nid = \"q1\"\ntype = \"network\"\ntext = { fr = \"Q\", en = \"Q\" }\nattributes = [\"love\"]\n",
                8,
                "unknown tie attribute \"love\"",
            ),
            (
                "[[sections]]\nid = \"a\"\ntitle = { fr = \"A\", en = \"A\" }\n[[sections.questions]]\nid = \"q1\"\ntype = \"number\"\ntext = { fr = \"Q\", en = \"\" }\nmin = 5.0\nmax = 1.0\n",
                8,
                "question \"q1\": text has no text in en",
            ),
            (
                "[[sections]]\nid = \"a\"\ntitle = { fr = \"A\", en = \"A\" }\n[[sections.questions]]\nid = \"q1\"\ntype = \"date\"\ntext = { fr = \"Q\", en = \"Q\" }\n[[sections.questions]]\nid = \"q1\"\ntype = \"date\"\ntext = { fr = \"Q\", en = \"Q\" }\n",
                12,
                "used twice",
            ),
        ];
        for (body, line, message) in cases {
            let errors = check(body);
            assert!(
                errors.iter().any(|(l, m)| *l == line && m.contains(message)),
                "expected line {line}: {message}; got {errors:?}"
            );
        }
    }

    #[test]
    fn the_shipped_questionnaires_are_valid() {
        for (file, text) in [
            ("consultation-2023.toml", include_str!("../../surveys/consultation-2023.toml")),
            ("pulse-2023.toml", include_str!("../../surveys/pulse-2023.toml")),
        ] {
            let def = parse(text).unwrap_or_else(|e| panic!("{file}: {e:?}"));
            assert!(def.sections.len() >= 2, "{file}");
        }
        let consultation = parse(include_str!("../../surveys/consultation-2023.toml")).unwrap();
        assert_eq!(consultation.sections.len(), 5);
        let n = consultation.questions().count();
        assert!((18..=24).contains(&n), "{n} questions");
        assert!(consultation.questions().any(|q| q.kind == Kind::Network));
        assert!(consultation.questions().any(|q| q.kind == Kind::EntryCheck));
        assert!(consultation.questions().any(|q| q.show_if.is_some()));
    }
}
