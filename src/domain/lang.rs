//! The user's language: a plain value, known to every layer. Which languages exist is data:
//! one directory per language under `locales/` (found by `build.rs`); their texts live above,
//! in `i18n`.

use serde::Serialize;

include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// One of the languages the tool offers (an index into `CODES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Lang(u8);

const fn index_of(code: &str) -> u8 {
    let mut i = 0;
    while i < CODES.len() {
        if CODES[i].len() == code.len() {
            let (a, b) = (CODES[i].as_bytes(), code.as_bytes());
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i as u8;
            }
        }
        i += 1;
    }
    panic!("a language the code names has no directory under locales/")
}

impl Lang {
    /// French: the reference language, every other one falls back to it.
    pub const FR: Lang = Lang(0);
    /// English: the command line's default, and the JSON API's.
    pub const EN: Lang = Lang(index_of("en"));

    /// Every language the tool offers, French (the reference) first.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..CODES.len() as u8).map(Lang)
    }

    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The language of a code or a locale name (`de`, `de-BE`, `nl_BE.UTF-8`), if offered.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_', '.', '@']).next().unwrap_or("").to_ascii_lowercase();
        CODES.iter().position(|c| *c == primary).map(|i| Lang(i as u8))
    }

    /// The first offered language of an `Accept-Language` header, if any.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        header.split(',').find_map(|part| Lang::parse(part.split(';').next().unwrap_or("")))
    }

    pub fn code(self) -> &'static str {
        CODES[self.index()]
    }

    /// The text of this language in a map keyed by language code, else the French one.
    pub fn text_in(self, texts: &std::collections::BTreeMap<String, String>) -> Option<&str> {
        texts.get(self.code()).or_else(|| texts.get("fr")).map(String::as_str)
    }
}

impl Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
