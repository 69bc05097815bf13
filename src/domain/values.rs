//! Small values that validate on construction: past these constructors a value is known good.

use super::problem::Problem;
use time::{Date, Month};

fn check_text(s: &str, max: usize, multiline: bool) -> Result<(), Problem> {
    if s.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    if s.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'))) {
        return Err(Problem::ControlCharacters);
    }
    Ok(())
}

/// A one-line text of bounded length, trimmed; empty input is `None`.
pub fn short_text(raw: Option<&str>, max: usize) -> Result<Option<String>, Problem> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => check_text(s, max, false).map(|()| Some(s.to_owned())),
    }
}

/// A free text that may hold line breaks; line ends are normalised to `\n`.
pub fn long_text(raw: Option<&str>, max: usize) -> Result<Option<String>, Problem> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => {
            let s = s.replace("\r\n", "\n").replace('\r', "\n");
            check_text(&s, max, true).map(|()| Some(s))
        }
    }
}

/// Where a link came from, as a person or a file may give it: `manual`, `import:<file>`,
/// `meeting:<reference>` or `observed:<description>`, one line, at most 200 characters.
/// `survey:<campaign>/<invitation>` is written only by the survey path; given by hand it is
/// accepted only where it is the link's provenance already (an export read back).
pub fn provenance(raw: &str, current: Option<&str>) -> Result<String, Problem> {
    let p = raw.trim();
    check_text(p, super::limits::SHORT_TEXT, false)?;
    let (kind, rest) = p.split_once(':').map_or((p, None), |(k, r)| (k, Some(r.trim())));
    let ok = match (kind.to_ascii_lowercase().as_str(), rest) {
        ("manual", None) => true,
        ("import" | "meeting" | "observed", Some(r)) => !r.is_empty(),
        ("survey", Some(_)) => current == Some(p),
        _ => false,
    };
    if ok { Ok(p.to_owned()) } else { Err(Problem::InvalidProvenance { value: p.to_owned() }) }
}

/// A provenance read back into its parts (`provenance` checked it when it was written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source<'a> {
    Manual,
    Import(&'a str),
    Meeting(&'a str),
    Observed(&'a str),
    /// `survey:<campaign>/<invitation>`: a respondent's answer.
    Survey {
        campaign: i64,
        invitation: i64,
    },
    /// Anything else an older version may have written.
    Other(&'a str),
}

pub fn source(p: &str) -> Source<'_> {
    let (kind, rest) = p.split_once(':').map_or((p, ""), |(k, r)| (k, r.trim()));
    match kind.to_ascii_lowercase().as_str() {
        "manual" if rest.is_empty() => Source::Manual,
        "import" if !rest.is_empty() => Source::Import(rest),
        "meeting" if !rest.is_empty() => Source::Meeting(rest),
        "observed" if !rest.is_empty() => Source::Observed(rest),
        "survey" => match rest.split_once('/').map(|(c, i)| (c.parse(), i.parse())) {
            Some((Ok(campaign), Ok(invitation))) => Source::Survey { campaign, invitation },
            _ => Source::Other(p),
        },
        _ => Source::Other(p),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StakeholderName(String);

impl StakeholderName {
    pub const MAX: usize = 200;

    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if s.is_empty() {
            return Err(Problem::Required);
        }
        check_text(&s, Self::MAX, false)?;
        Ok(StakeholderName(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A value read back from the database, which only ever holds parsed values.
    pub fn trusted(s: String) -> Self {
        StakeholderName(s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let s = raw.trim().trim_start_matches("mailto:");
        let invalid = || Problem::InvalidEmail { value: raw.trim().to_owned() };
        let (local, domain) = s.split_once('@').ok_or_else(invalid)?;
        let ok = !local.is_empty()
            && s.len() <= 254
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\",;".contains(c));
        if ok { Ok(Email(s.to_owned())) } else { Err(invalid()) }
    }

    pub fn trusted(s: String) -> Self {
        Email(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Website(String);

impl Website {
    /// Accepts `https://…`, `http://…` and a bare host such as `www.aviq.be` (made https).
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let s = raw.trim();
        let invalid = || Problem::InvalidUrl { value: s.to_owned() };
        let lower = s.to_ascii_lowercase();
        let full = if lower.starts_with("https://") || lower.starts_with("http://") {
            s.to_owned()
        } else if !s.contains("://") {
            format!("https://{s}")
        } else {
            return Err(invalid());
        };
        let host = full.split("://").nth(1).unwrap_or("").split(['/', '?', '#']).next().unwrap_or("");
        let ok = host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && full.len() <= 500
            && !full.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"".contains(c));
        if ok { Ok(Website(full)) } else { Err(invalid()) }
    }

    pub fn trusted(s: String) -> Self {
        Website(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A bounded whole number given as text (CSV cell, form field or JSON value).
pub fn bounded_int(raw: &str, min: i64, max: i64) -> Result<i64, Problem> {
    let s = raw.trim();
    let n: i64 = s.parse().map_err(|_| Problem::NotAnInteger { value: s.to_owned() })?;
    if (min..=max).contains(&n) { Ok(n) } else { Err(Problem::OutOfRange { value: s.to_owned(), min, max }) }
}

/// Influence or interest on the power/interest grid, 1 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score(i64);

impl Score {
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        bounded_int(raw, 1, 5).map(Score)
    }
    pub fn trusted(n: i64) -> Self {
        Score(n.clamp(1, 5))
    }
    pub fn get(self) -> i64 {
        self.0
    }
}

/// Strength of a link: 1 weak/occasional, 2 regular, 3 strong/frequent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Strength(i64);

impl Strength {
    pub const DEFAULT: Strength = Strength(1);

    pub fn new(n: i64) -> Result<Self, Problem> {
        Self::parse(&n.to_string())
    }
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        bounded_int(raw, 1, 3).map(Strength)
    }
    pub fn trusted(n: i64) -> Self {
        Strength(n.clamp(1, 3))
    }
    pub fn get(self) -> i64 {
        self.0
    }
}

/// Yes/no in the ways people write it in French and English spreadsheets.
pub fn flag(raw: &str) -> Result<bool, Problem> {
    match super::text::key(raw).as_str() {
        "1" | "yes" | "y" | "true" | "oui" | "o" | "vrai" | "x" | "formal" | "formel" | "formelle" => Ok(true),
        "0" | "no" | "n" | "false" | "non" | "faux" | "informal" | "informel" | "informelle" => Ok(false),
        _ => Err(Problem::InvalidBool { value: raw.trim().to_owned() }),
    }
}

/// A calendar date, ISO `2023-04-01` or Belgian `01/04/2023` (also with `-` or `.`).
pub fn date(raw: &str) -> Result<Date, Problem> {
    let s = raw.trim();
    let invalid = || Problem::InvalidDate { value: s.to_owned() };
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else { return Err(invalid()) };
    let (y, m, d) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 {
        (c, b, a)
    } else {
        return Err(invalid());
    };
    let y: i32 = y.parse().map_err(|_| invalid())?;
    let m: u8 = m.parse().map_err(|_| invalid())?;
    let d: u8 = d.parse().map_err(|_| invalid())?;
    let month = Month::try_from(m).map_err(|_| invalid())?;
    if !(1900..=2200).contains(&y) {
        return Err(invalid());
    }
    Date::from_calendar_date(y, month, d).map_err(|_| invalid())
}

pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provenance_takes_the_documented_forms_and_never_a_forged_survey() {
        for ok in ["manual", "import:contacts 2023.csv", "meeting:12,14", "observed: réunion du 3 mars"] {
            assert!(provenance(ok, None).is_ok(), "{ok}");
        }
        for bad in ["survey:1/2", "whatever", "import:", "manual:x", "import:a\u{0}b", "observed:a\u{1b}[31m"] {
            assert!(provenance(bad, None).is_err(), "{bad:?}");
        }
        assert!(provenance("survey:1/2", Some("survey:1/2")).is_ok(), "an export read back keeps its provenance");
        assert!(provenance("survey:1/3", Some("survey:1/2")).is_err());
    }

    #[test]
    fn stakeholder_names() {
        let cases: [(&str, Result<&str, Problem>); 5] = [
            ("  CPAS de  Namur ", Ok("CPAS de Namur")),
            ("", Err(Problem::Required)),
            ("   ", Err(Problem::Required)),
            ("a\u{7}b", Err(Problem::ControlCharacters)),
            (&"x".repeat(201), Err(Problem::TooLong { max: 200 })),
        ];
        for (input, expected) in cases {
            let got = StakeholderName::parse(input);
            assert_eq!(got.as_ref().map(StakeholderName::as_str), expected.as_ref().map(|s| *s), "{input:?}");
        }
    }

    #[test]
    fn emails() {
        for ok in ["info@aviq.be", " mailto:a.b@spw.wallonie.be "] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["info", "@aviq.be", "a@b", "a b@c.be", "a@@c.be", "a@c.be;b@d.be", "a@.be"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn websites() {
        let cases = [
            ("www.aviq.be", Some("https://www.aviq.be")),
            ("https://www.leforem.be/", Some("https://www.leforem.be/")),
            ("http://ONE.be", Some("http://ONE.be")),
            ("ftp://x.be", None),
            ("javascript:alert(1)", None),
            ("localhost", None),
            ("https://a.be/<script>", None),
        ];
        for (input, expected) in cases {
            assert_eq!(Website::parse(input).ok().as_ref().map(Website::as_str), expected, "{input}");
        }
    }

    #[test]
    fn scores_and_strengths() {
        assert_eq!(Score::parse(" 3 ").map(Score::get), Ok(3));
        assert!(matches!(Score::parse("6"), Err(Problem::OutOfRange { min: 1, max: 5, .. })));
        assert!(matches!(Score::parse("x"), Err(Problem::NotAnInteger { .. })));
        assert_eq!(Strength::parse("3").map(Strength::get), Ok(3));
        assert!(Strength::new(0).is_err());
        assert!(Strength::new(4).is_err());
    }

    #[test]
    fn flags() {
        for yes in ["oui", "Yes", "1", "TRUE", "formel", "Formal", "x"] {
            assert_eq!(flag(yes), Ok(true), "{yes}");
        }
        for no in ["non", "No", "0", "false", "informel", "Informal"] {
            assert_eq!(flag(no), Ok(false), "{no}");
        }
        assert!(flag("peut-être").is_err());
    }

    #[test]
    fn dates() {
        let cases = [
            ("2023-04-01", Some("2023-04-01")),
            ("01/04/2023", Some("2023-04-01")),
            ("1.4.2023", Some("2023-04-01")),
            ("2023-02-30", None),
            ("04/2023", None),
            ("hier", None),
            ("0001-01-01", None),
        ];
        for (input, expected) in cases {
            assert_eq!(date(input).ok().map(format_date).as_deref(), expected, "{input}");
        }
    }
}
