//! Text normalisation shared by matching and search: case-, accent- and punctuation-insensitive
//! keys, so that "Liège", "LIEGE" and "liege" find the same record.

use unicode_normalization::UnicodeNormalization;

/// A matching key: lower case, accents removed, typographic apostrophes and dashes unified,
/// hyphens and runs of white space folded to one space.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => '\'',
            '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '_' => ' ',
            'œ' | 'Œ' => {
                out.push_str("oe");
                last_space = false;
                continue;
            }
            c => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        for l in c.to_lowercase() {
            out.push(l);
        }
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Trims a value and turns an empty one into `None`.
pub fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

/// A query or form value that was actually given: trimmed, blank is `None`.
pub fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub fn like_pattern(needle: &str) -> String {
    let mut p = String::from("%");
    for c in key(needle).chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_accents_and_punctuation_variants() {
        let cases = [
            ("Liège", "liege"),
            ("  LIÈGE ", "liege"),
            ("Braine-l’Alleud", "braine l'alleud"),
            ("Fédération  Wallonie–Bruxelles", "federation wallonie bruxelles"),
            ("Œuvre", "oeuvre"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(key(input), expected, "key({input:?})");
        }
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%"), "%50\\%%");
        assert_eq!(like_pattern("a\\b"), "%a\\\\b%");
        assert_eq!(like_pattern("CPAS"), "%cpas%");
    }
}
