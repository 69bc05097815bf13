//! Every limit on what the tool accepts, in one table (the README lists it). Each is set well
//! above what real use needs, and checked where input enters, with an error that names the
//! field and the limit.

/// A name, an acronym, a function, a proposed organisation's name (characters).
pub const SHORT_TEXT: usize = 200;
/// A description or a private note (characters).
pub const LONG_TEXT: usize = 10_000;
/// A search text (characters).
pub const SEARCH: usize = 200;
/// Data rows in one imported file.
pub const IMPORT_ROWS: usize = 200_000;
/// Problems listed for one imported file (the rest are counted).
pub const IMPORT_ERRORS: usize = 100;
/// Organisations named in one network question: answers are not capped, this only bounds
/// the work a single request can cause, far above the inventory's size.
pub const NAMED_ORGANISATIONS: usize = 20_000;
/// A respondent's saved answers, as JSON (bytes).
pub const DRAFT_BYTES: usize = 2_000_000;
/// A request body: a CSV of tens of thousands of rows (bytes).
pub const BODY_BYTES: usize = 64 * 1024 * 1024;
/// A form read to find its form token (bytes; uploads carry the token in their address).
pub const FORM_BYTES: usize = 4 * 1024 * 1024;
/// A password (characters).
pub const PASSWORD: usize = 1024;
/// Members of a body, attendees or action items of a meeting.
pub const LIST_ITEMS: usize = 500;
/// A survey link's token (characters).
pub const TOKEN: usize = 100;

/// The table as (name, value, what it bounds), for the README and the help pages.
pub const TABLE: &[(&str, usize, &str)] = &[
    ("SHORT_TEXT", SHORT_TEXT, "characters in a name, acronym, function or proposed organisation"),
    ("LONG_TEXT", LONG_TEXT, "characters in a description or a private note"),
    ("SEARCH", SEARCH, "characters in a search"),
    ("IMPORT_ROWS", IMPORT_ROWS, "data rows in one imported file"),
    ("IMPORT_ERRORS", IMPORT_ERRORS, "problems listed for one file (the others are counted)"),
    ("NAMED_ORGANISATIONS", NAMED_ORGANISATIONS, "organisations named in one network question"),
    ("DRAFT_BYTES", DRAFT_BYTES, "bytes of a respondent's saved answers"),
    ("BODY_BYTES", BODY_BYTES, "bytes in a request"),
    ("FORM_BYTES", FORM_BYTES, "bytes in a form (uploads excepted)"),
    ("PASSWORD", PASSWORD, "characters in a password"),
    ("LIST_ITEMS", LIST_ITEMS, "members of a body, attendees or action items of a meeting"),
    ("TOKEN", TOKEN, "characters in a survey link's token"),
];
