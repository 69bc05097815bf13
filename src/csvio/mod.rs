//! CSV files as people really have them: UTF-8 with or without BOM or Windows-1252, comma or
//! semicolon separated, French or English headers. Import validates the whole file before
//! writing anything; export writes the format import reads.

pub mod links;
pub mod stakeholders;

use crate::domain::csv_cell::{CsvOut, restore};
use crate::domain::problem::Problem;
use crate::domain::text::key;
use crate::i18n::Lang;
use crate::store::StoreError;
use serde::Serialize;

/// Text from the bytes of a file: UTF-8 (BOM removed) when valid, otherwise Windows-1252,
/// which is what spreadsheet software in a French locale saves.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The separator of the header line: the most frequent of `;`, `,` and tab outside quotes.
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in text.bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(b',', |(d, _)| *d)
}

/// One problem in an imported file, where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportError {
    pub line: u64,
    pub column: Option<String>,
    pub problem: Problem,
}

/// The problems of a file, the first `limits::IMPORT_ERRORS` kept and the others counted, so
/// that a file of a million bad rows costs neither memory nor a page of errors.
#[derive(Debug, Default)]
pub struct Problems {
    kept: Vec<ImportError>,
    more: usize,
}

impl Problems {
    pub fn push(&mut self, e: ImportError) {
        if self.kept.len() < crate::domain::limits::IMPORT_ERRORS {
            self.kept.push(e);
        } else {
            self.more += 1;
        }
    }

    pub fn extend(&mut self, errors: impl IntoIterator<Item = ImportError>) {
        for e in errors {
            self.push(e);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// The problems to show, ending with how many more there are, if any.
    pub fn into_list(mut self) -> Vec<ImportError> {
        if self.more > 0 {
            self.kept.push(ImportError { line: 0, column: None, problem: Problem::MoreErrors { count: self.more } });
        }
        self.kept
    }
}

impl ImportError {
    pub fn message(&self, lang: Lang) -> String {
        let msg = self.problem.message(lang);
        if self.line == 0 {
            return msg;
        }
        located(self.line, self.column.as_deref(), &msg, lang)
    }
}

/// A message prefixed with where in the file it applies.
fn located(line: u64, column: Option<&str>, msg: &str, lang: Lang) -> String {
    match column {
        Some(c) => crate::i18n::tr!(lang, "at-line-column", line = line.to_string(), column = c, text = msg),
        None => crate::i18n::tr!(lang, "at-line", line = line.to_string(), text = msg),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error("the file has {} error(s)", .0.len())]
    Invalid(Vec<ImportError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for ImportFailure {
    fn from(e: sqlx::Error) -> Self {
        ImportFailure::Store(StoreError::Db(e))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Names written, but worth a look (the first `limits::IMPORT_ERRORS`).
    pub warnings: Vec<ImportWarning>,
}

/// A name imported as it is, but that mixes Latin and Cyrillic or Greek letters in a word
/// (`text::mixes_scripts`): lookalike letters typed on a mixed keyboard, most often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportWarning {
    pub line: u64,
    pub name: String,
}

impl ImportWarning {
    pub fn message(&self, lang: Lang) -> String {
        let name = crate::i18n::tr!(lang, "quoted", text = &self.name);
        located(self.line, None, &format!("{name} — {}", lang.tr().mixed_scripts), lang)
    }
}

/// Called with (rows written, rows to write) while an import writes.
pub type Progress<'a> = &'a mut (dyn FnMut(usize, usize) + Send);

/// A column a file may have: its canonical (English, CSV) name and the other names accepted.
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// The data rows of a file, each value found by canonical column name.
pub struct Table {
    columns: Vec<&'static str>,
    pub rows: Vec<Row>,
}

pub struct Row {
    pub line: u64,
    values: Vec<String>,
}

impl Table {
    pub fn has(&self, column: &str) -> bool {
        self.columns.contains(&column)
    }

    pub fn get<'r>(&self, row: &'r Row, column: &str) -> Option<&'r str> {
        self.columns.iter().position(|c| *c == column).map(|i| row.values[i].as_str())
    }
}

/// Splits a multi-valued cell (`|`, also `;` or `,` as people type them).
pub fn split_multi(cell: &str) -> Vec<String> {
    cell.split(['|', ';', ',']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// The byte offset where each line of `text` starts; a line ends at `\n`, `\r\n` or a lone
/// `\r`, whatever the file uses (spreadsheets on old Macs save lone carriage returns).
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 2;
                continue;
            }
            b'\r' | b'\n' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// The 1-based line of a byte offset.
fn line_of(starts: &[usize], byte: u64) -> u64 {
    starts.partition_point(|&s| s as u64 <= byte) as u64
}

/// `read_table` on the blocking pool: decoding and splitting a large file takes CPU that
/// must not stall the async workers serving other requests.
pub async fn read_table_off_the_workers(bytes: &[u8], spec: &'static [Column]) -> Result<Table, Vec<ImportError>> {
    let bytes = bytes.to_vec();
    tokio::task::spawn_blocking(move || read_table(&bytes, spec)).await.expect("reading a file does not panic")
}

/// Reads the header and rows, mapping header names (French or English, any case or accents)
/// to canonical columns. Structural problems are all reported at once.
pub fn read_table(bytes: &[u8], spec: &[Column]) -> Result<Table, Vec<ImportError>> {
    let text = decode(bytes);
    if text.trim().is_empty() {
        return Err(vec![ImportError { line: 1, column: None, problem: Problem::Empty }]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(vec![unreadable(1, &e)]),
        None => return Err(vec![ImportError { line: 1, column: None, problem: Problem::Empty }]),
    };
    let mut errors = Problems::default();
    let mut columns: Vec<&'static str> = Vec::new();
    for raw in header.iter() {
        let k = key(raw);
        match spec.iter().find(|c| key(c.name) == k || c.aliases.iter().any(|a| key(a) == k)) {
            Some(c) if columns.contains(&c.name) => errors.push(ImportError {
                line: 1,
                column: Some(raw.trim().to_owned()),
                problem: Problem::DuplicateColumn,
            }),
            Some(c) => columns.push(c.name),
            None => {
                errors.push(ImportError {
                    line: 1,
                    column: Some(raw.trim().to_owned()),
                    problem: Problem::UnknownColumn {
                        value: raw.trim().to_owned(),
                        expected: spec.iter().map(|c| c.name.to_owned()).collect(),
                    },
                });
                columns.push("");
            }
        }
    }
    for c in spec.iter().filter(|c| c.required && !columns.contains(&c.name)) {
        errors.push(ImportError { line: 1, column: Some(c.name.to_owned()), problem: Problem::MissingColumn });
    }
    let width = columns.len();
    let starts = line_starts(&text);
    // The csv reader may place a record's start on the line break before it (the `\n` of a
    // `\r\n`): the record's line is that of its first byte of data.
    let bytes = text.as_bytes();
    let line_at = |p: Option<&csv::Position>| {
        p.map_or(0, |p| {
            let mut b = p.byte() as usize;
            while b < bytes.len() && matches!(bytes[b], b'\r' | b'\n') {
                b += 1;
            }
            line_of(&starts, b as u64)
        })
    };
    let mut rows = Vec::new();
    for record in records {
        if rows.len() >= crate::domain::limits::IMPORT_ROWS {
            let line = line_at(record.as_ref().ok().and_then(|r| r.position()));
            let max = crate::domain::limits::IMPORT_ROWS;
            errors.push(ImportError { line, column: None, problem: Problem::TooManyRows { max } });
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(unreadable(line_at(e.position()), &e));
                continue;
            }
        };
        let line = line_at(record.position());
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if record.len() > width && record.iter().skip(width).any(|v| !v.trim().is_empty()) {
            errors.push(ImportError {
                line,
                column: None,
                problem: Problem::WrongFieldCount { found: record.len(), expected: width },
            });
            continue;
        }
        let mut values: Vec<String> = record.iter().take(width).map(|v| restore(v).to_owned()).collect();
        values.resize(width, String::new());
        rows.push(Row { line, values });
    }
    if errors.is_empty() { Ok(Table { columns, rows }) } else { Err(errors.into_list()) }
}

fn unreadable(line: u64, e: &csv::Error) -> ImportError {
    ImportError { line, column: None, problem: Problem::Unreadable { detail: e.to_string() } }
}

/// How an export is written: plain CSV for scripts, or what Excel in a French locale opens
/// correctly (semicolons, BOM, CRLF).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    #[default]
    Plain,
    Excel,
}

/// The writer of every export: formula-like cells neutralised (see `domain::csv_cell`).
pub fn writer(dialect: Dialect) -> CsvOut<Vec<u8>> {
    let mut out = Vec::new();
    let mut b = csv::WriterBuilder::new();
    if dialect == Dialect::Excel {
        out.extend_from_slice(b"\xEF\xBB\xBF");
        b.delimiter(b';').terminator(csv::Terminator::CRLF);
    }
    CsvOut::wrap(b.from_writer(out))
}

pub fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_and_utf8_with_bom_decode_to_the_same_text() {
        let cp1252 = b"Li\xe8ge;F\xe9d\xe9ration";
        let utf8_bom = "\u{feff}Liège;Fédération".as_bytes();
        assert_eq!(decode(cp1252), "Liège;Fédération");
        assert_eq!(decode(utf8_bom), "Liège;Fédération");
    }

    #[test]
    fn the_header_decides_the_delimiter() {
        assert_eq!(sniff_delimiter("name;level;sectors\na,b;c"), b';');
        assert_eq!(sniff_delimiter("name,level\n\"a;b\",c"), b',');
        assert_eq!(sniff_delimiter("\"x;y;z\",a,b\n"), b',');
        assert_eq!(sniff_delimiter("name\tlevel\n"), b'\t');
        assert_eq!(sniff_delimiter("name\n"), b',');
    }

    #[test]
    fn multi_values_split_on_pipes_and_common_separators() {
        assert_eq!(split_multi("health| social_aid ;x,, "), ["health", "social_aid", "x"]);
        assert!(split_multi("  ").is_empty());
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn records_know_their_first_line_whatever_the_line_ends() {
        let spec = &[
            Column { name: "name", aliases: &[], required: true },
            Column { name: "note", aliases: &[], required: false },
        ];
        for sep in ["\n", "\r\n", "\r"] {
            let text = ["name,note", "A,x", "B,\"two\nlines\"", "C,y"].join(sep);
            let t = read_table(text.as_bytes(), spec).unwrap();
            let lines: Vec<u64> = t.rows.iter().map(|r| r.line).collect();
            assert_eq!(lines, [2, 3, 5], "{sep:?}");
        }
    }
}
