//! CSV cells that a spreadsheet will not run: every export writes through [`CsvOut`], which
//! prefixes a `'` to a cell beginning with `=`, `+`, `-`, `@`, tab or carriage return (OWASP's
//! rule against formula injection); the importer removes that `'` again (only when one of
//! those characters follows it), so export → import stays lossless.

use std::borrow::Cow;

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A trigger after any number of `'`: what a spreadsheet could run, or a value written by
/// `neutralise` from one.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// The cell as written to a file: one `'` more before anything formula-like (a value that
/// itself begins with `'` and a trigger gets one too, so reading back removes only ours).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// The cell as read from a file: the inverse of [`neutralise`].
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// A CSV writer whose every cell is neutralised.
pub struct CsvOut<W: std::io::Write>(csv::Writer<W>);

impl CsvOut<Vec<u8>> {
    /// A comma-separated writer into memory.
    pub fn new() -> Self {
        CsvOut(csv::Writer::from_writer(Vec::new()))
    }

    /// The bytes written.
    pub fn finish(self) -> Result<Vec<u8>, csv::Error> {
        self.0.into_inner().map_err(|e| csv::Error::from(e.into_error()))
    }
}

impl Default for CsvOut<Vec<u8>> {
    fn default() -> Self {
        Self::new()
    }
}

impl<W: std::io::Write> CsvOut<W> {
    /// A writer built elsewhere (delimiter, terminator), made safe.
    pub fn wrap(w: csv::Writer<W>) -> Self {
        CsvOut(w)
    }

    pub fn write_record<I, T>(&mut self, cells: I) -> Result<(), csv::Error>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let cells: Vec<String> = cells.into_iter().map(|c| neutralise(c.as_ref()).into_owned()).collect();
        self.0.write_record(&cells)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored_exactly() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://evil.example\",\"click\")", "'=HYPERLINK(\"http://evil.example\",\"click\")"),
            ("+32 81 00 00 00", "'+32 81 00 00 00"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("CPAS de Namur", "CPAS de Namur"),
            ("'quoted already", "'quoted already"),
            ("'=already neutralised by hand", "''=already neutralised by hand"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), written, "{cell:?}");
            assert_eq!(restore(written), cell, "{written:?}");
        }
        assert_eq!(restore("'apostrophe"), "'apostrophe", "a leading quote before ordinary text is data");
    }

    #[test]
    fn every_cell_of_a_record_goes_through() {
        let mut w = CsvOut::new();
        w.write_record(["=1+1", "ok"]).unwrap();
        assert_eq!(String::from_utf8(w.finish().unwrap()).unwrap(), "'=1+1,ok\n");
    }
}
