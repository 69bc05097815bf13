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
    // Whether the last letter seen was Latin: a combining mark left after composition (one
    // with no precomposed letter) goes with a Latin letter, stays with any other.
    let mut after_latin = true;
    // Composed first, so that a letter typed as base + mark is the same letter.
    for c in s.nfc() {
        if is_invisible(c) {
            continue;
        }
        if unicode_normalization::char::is_combining_mark(c) {
            if !after_latin {
                push_key_char(c, &mut out, &mut last_space);
            }
            continue;
        }
        after_latin = is_latin(c);
        if after_latin {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    push_key_char(d, &mut out, &mut last_space);
                }
            });
        } else {
            push_key_char(c, &mut out, &mut last_space);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// One character of a key: apostrophes and dashes unified, runs of space folded, lower case.
fn push_key_char(c: char, out: &mut String, last_space: &mut bool) {
    let c = match c {
        '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' => '\'',
        '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' | '_' => ' ',
        'œ' | 'Œ' => {
            out.push_str("oe");
            *last_space = false;
            return;
        }
        c => c,
    };
    if c.is_whitespace() {
        if !*last_space {
            out.push(' ');
            *last_space = true;
        }
        return;
    }
    out.extend(c.to_lowercase());
    *last_space = false;
}

/// Latin letters (and the ASCII and Latin-1 signs): the only ones whose accents a key
/// drops. In Cyrillic, Greek and other scripts a mark makes another letter (й is not и,
/// ї is not і), so those keep theirs.
fn is_latin(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' | '\u{2c60}'..='\u{2c7f}'
        | '\u{a720}'..='\u{a7ff}' | '\u{ab30}'..='\u{ab6f}' | '\u{ff00}'..='\u{ff5f}')
}

/// Whether a word of the text mixes Latin letters with Cyrillic or Greek ones, as a name
/// typed with lookalike letters does ("СPAS": a Cyrillic С before Latin PAS). Such a name
/// looks the same as another but is not the same key: worth a warning, not a refusal.
pub fn mixes_scripts(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric()).any(|word| {
        let latin = word.chars().any(|c| c.is_alphabetic() && is_latin(c));
        let other = word.chars().any(|c| matches!(c, '\u{370}'..='\u{3ff}' | '\u{400}'..='\u{52f}'));
        latin && other
    })
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
    fn keys_fold_latin_accents_only() {
        // Ukrainian letters made with a mark are other letters.
        for (a, b) in [
            ("Дружба Київ", "Дружба Кіів"),
            ("Надія", "Надiя"),
            ("Спільнота Мрій", "Спільнота Мрии"),
            ("Євромайдан", "Евромайдан"),
        ] {
            assert_ne!(key(a), key(b), "{a} / {b}");
        }
        assert_eq!(key("Й"), "й");
        // Typed as base letter + combining mark, the same letter as precomposed.
        assert_eq!(key("Мріи\u{306}"), key("Мрій"));
        assert_eq!(key("Liège"), key("Liege"));
        assert_eq!(key("Lie\u{300}ge"), "liege");
        assert_eq!(key("Ἀθῆναι"), "ἀθῆναι");
    }

    #[test]
    fn lookalike_letters_of_two_scripts_in_one_word_are_noticed() {
        assert!(mixes_scripts("\u{421}PAS de Namur")); // Cyrillic С
        assert!(mixes_scripts("Cent\u{440}e")); // Cyrillic р
        assert!(!mixes_scripts("CPAS de Namur"));
        assert!(!mixes_scripts("Спільнота Мрій"));
        assert!(!mixes_scripts("Association Дружба"));
    }

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("50%"), "%50\\%%");
        assert_eq!(like_pattern("a\\b"), "%a\\\\b%");
        assert_eq!(like_pattern("CPAS"), "%cpas%");
    }
}
