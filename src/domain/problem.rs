//! What can be wrong with one field of user input, said in the user's language.
//! The same problems serve forms, the JSON API, CSV imports and the CLI.

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
    /// A reference code that is not lowercase letters, digits and `_`.
    InvalidCode {
        value: String,
    },
    /// An INS code that is not five digits.
    InvalidIns {
        value: String,
    },
    /// A unit named in a merger that is not one of today's communes.
    NotACommune {
        value: String,
    },
    /// A new unit's INS code already used by another unit.
    InsTaken {
        value: String,
    },
    /// A merger of fewer than two communes.
    TooFewCommunes,
    /// A merger across provinces.
    OtherProvince {
        value: String,
    },
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
    /// The table's code, as messages select on it.
    pub fn code(self) -> &'static str {
        match self {
            RefTable::LegalBasis => "legal_basis",
            RefTable::Level => "level",
            RefTable::Kind => "kind",
            RefTable::Sector => "sector",
            RefTable::LinkType => "link_type",
            RefTable::Territory => "territory",
            RefTable::Format => "format",
            RefTable::Body => "body",
            RefTable::Phase => "phase",
            RefTable::Choice => "choice",
        }
    }
}

/// A value given to a message: a text, or a number (which chooses plural forms).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    /// Another message, said in the same language.
    Message(Box<Message>),
}

impl From<Message> for Value {
    fn from(m: Message) -> Value {
        Value::Message(Box::new(m))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::Text(s.clone())
    }
}
macro_rules! number_value {
    ($($t:ty)*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(n as f64)
            }
        }
        impl From<&$t> for Value {
            fn from(n: &$t) -> Value {
                Value::Number(*n as f64)
            }
        }
    )*};
}
number_value!(i32 i64 u32 u64 usize f64);

/// A text to be said in the reader's language, later: the id of a catalogue message and its
/// values. Lower layers return these; `i18n` says them.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Value)>,
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message { id, args: Vec::new() }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<Value>) -> Message {
        self.args.push((name, value.into()));
        self
    }
}

/// A list of values as a message shows it: the first dozen, then an ellipsis.
fn list(items: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut s = items.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > SHOWN {
        s.push_str(", …");
    }
    s
}

impl Problem {
    /// What to say of this problem (said by `i18n`: `problem.message(lang)`).
    pub fn to_message(&self) -> Message {
        use Problem::*;
        let m = Message::new;
        match self {
            Required => m("problem-required"),
            TooLong { max } => m("problem-too-long").with("max", *max),
            TooShort { min } => m("problem-too-short").with("min", *min),
            ControlCharacters => m("problem-control-characters"),
            Unknown { what, value, expected } => {
                m("problem-unknown").with("what", what.code()).with("value", value).with("expected", list(expected))
            }
            Ambiguous { value, candidates } => {
                m("problem-ambiguous").with("value", value).with("candidates", list(candidates))
            }
            OutOfRange { value, min, max } => {
                m("problem-out-of-range").with("value", value).with("min", *min).with("max", *max)
            }
            NotAnInteger { value } => m("problem-not-an-integer").with("value", value),
            InvalidEmail { value } => m("problem-invalid-email").with("value", value),
            InvalidPhone { value } => m("problem-invalid-phone").with("value", value),
            InvalidUrl { value } => m("problem-invalid-url").with("value", value),
            InvalidDate { value } => m("problem-invalid-date").with("value", value),
            InvalidBool { value } => m("problem-invalid-bool").with("value", value),
            WrongPassword => m("problem-wrong-password"),
            InvalidProvenance { value } => m("problem-invalid-provenance").with("value", value),
            MoreErrors { count } => m("problem-more-errors").with("count", *count),
            TooManyRows { max } => m("problem-too-many-rows").with("max", *max),
            TooManyItems { max } => m("problem-too-many-items").with("max", *max),
            Repeated { value } => m("problem-repeated").with("value", value),
            WrongCode => m("problem-wrong-code"),
            Expired => m("problem-expired"),
            BadCredentials => m("problem-bad-credentials"),
            DateOrder => m("problem-date-order"),
            UnknownStakeholder { value } => m("problem-unknown-stakeholder").with("value", value),
            SelfLink => m("problem-self-link"),
            DuplicateInFile { first_line } => m("problem-duplicate-in-file").with("line", first_line.to_string()),
            UnknownColumn { value, expected } => {
                m("problem-unknown-column").with("value", value).with("expected", expected.join(", "))
            }
            MissingColumn => m("problem-missing-column"),
            DuplicateColumn => m("problem-duplicate-column"),
            WrongFieldCount { found, expected } => {
                m("problem-wrong-field-count").with("found", *found).with("expected", *expected)
            }
            Unreadable { detail } => m("problem-unreadable").with("detail", detail),
            Empty => m("problem-empty"),
            InvalidCode { value } => m("problem-invalid-code").with("value", value),
            InvalidIns { value } => m("problem-invalid-ins").with("value", value),
            NotACommune { value } => m("problem-not-a-commune").with("value", value),
            InsTaken { value } => m("problem-ins-taken").with("value", value),
            TooFewCommunes => m("problem-too-few-communes"),
            OtherProvince { value } => m("problem-other-province").with("value", value),
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
