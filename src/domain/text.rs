//! Text normalisation shared by matching and search: case-, accent- and punctuation-insensitive
//! keys, so that "Liège", "LIEGE" and "liege" find the same record.

use unicode_normalization::UnicodeNormalization;

/// Characters that show nothing: zero-width spaces and joiners, direction marks and
/// overrides, the byte-order mark, the soft hyphen. Two names differing only by them are the
/// same name.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

/// A matching key: lower case, accents removed, invisible characters dropped, typographic
/// apostrophes and dashes unified, hyphens and runs of white space (no-break spaces
/// included) folded to one space.
pub fn key(s: &str) -> String {
    if s.is_ascii() { ascii_key(s) } else { unicode_key(s) }
}

/// `key` of an ASCII text, which has no accents or invisible characters to remove: the same
/// result without the Unicode decomposition (a large import computes tens of thousands).
fn ascii_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for b in s.bytes() {
        let c = match b {
            b'`' => b'\'',
            b'-' | b'_' => b' ',
            b => b,
        };
        if c.is_ascii_whitespace() || c == 0x0b {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
            continue;
        }
        out.push(c.to_ascii_lowercase() as char);
        last_space = false;
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn unicode_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) || is_invisible(c) {
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
    fn the_ascii_shortcut_gives_the_same_keys_as_the_unicode_path() {
        // Every ASCII character, alone and in pseudo-random strings of them.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for len in 0..2_000usize {
            let text: String = (0..len % 40)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    if len < 128 && i == 0 { len as u8 as char } else { (x % 128) as u8 as char }
                })
                .collect();
            assert_eq!(ascii_key(&text), unicode_key(&text), "{text:?}");
        }
    }

    #[test]
    fn invisible_characters_and_special_spaces_do_not_make_another_name() {
        let plain = key("CPAS de Namur");
        for variant in [
            "CPAS\u{a0}de Namur",
            "CPAS de\u{202f}Namur",
            "CPAS de Na\u{200b}mur",
            "\u{feff}CPAS de Namur",
            "CPAS de \u{200e}Namur\u{200f}",
            "CPAS de Na\u{ad}mur",
            "\u{202e}CPAS de Namur\u{202c}",
        ] {
            assert_eq!(key(variant), plain, "{variant:?}");
        }
    }

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
