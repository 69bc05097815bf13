//! Changes an admin makes to the reference data, checked against the catalogue before anything
//! is written: a level, kind, sector or link type with its labels; a territory's names and
//! language; a merger of communes (Bastogne and Bertogne into Bastogne on 1 January 2025).

use super::lang::Lang;
use super::problem::{FieldError, Problem, RefTable};
use super::reference::{RefItem, Reference, Territory, TerritoryKind};
use super::values::{date, format_date, short_text};
use std::collections::BTreeMap;

/// The longest label or name.
pub const LABEL_MAX: usize = 200;
/// The longest code of a level, kind, sector or link type.
pub const CODE_MAX: usize = 40;
/// The most communes one merger takes.
pub const MERGER_MAX: usize = 20;

/// The tables whose items an admin edits, by the code URLs and commands use.
pub const ITEM_TABLES: [RefTable; 4] = [RefTable::Level, RefTable::Kind, RefTable::Sector, RefTable::LinkType];

/// The item table named `code` (`level`, `kind`, `sector`, `link_type`).
pub fn item_table(code: &str) -> Option<RefTable> {
    ITEM_TABLES.into_iter().find(|t| t.code() == code)
}

/// Labels as typed, one per language code; checked: French required (the language every
/// other falls back to), each at most `LABEL_MAX`, only languages the tool offers.
fn labels(raw: &BTreeMap<String, String>, field: &str, errors: &mut Vec<FieldError>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (code, text) in raw {
        let name = format!("{field}_{code}");
        let Some(lang) = Lang::parse(code) else {
            errors.push(FieldError::new(
                name,
                Problem::Unknown {
                    what: RefTable::Choice,
                    value: code.clone(),
                    expected: Lang::all().map(|l| l.code().to_owned()).collect(),
                },
            ));
            continue;
        };
        match short_text(Some(text), LABEL_MAX) {
            Ok(Some(t)) => {
                out.insert(lang.code().to_owned(), t);
            }
            Ok(None) => {}
            Err(p) => errors.push(FieldError::new(name, p)),
        }
    }
    out
}

/// A level, kind, sector or link type as typed.
#[derive(Debug, Clone, Default)]
pub struct ItemDraft {
    pub code: String,
    /// Labels by language code; an empty one is left out (that language reads the French).
    pub labels: BTreeMap<String, String>,
    /// Link types only: whether a link of this type has a direction by default.
    pub directed: bool,
}

impl ItemDraft {
    /// The item to write in `table`, or what is wrong (fields `code`, `label_<lang>`).
    pub fn parse(&self, table: RefTable) -> Result<RefItem, Vec<FieldError>> {
        let mut errors = Vec::new();
        let code = self.code.trim();
        if code.is_empty() {
            errors.push(FieldError::new("code", Problem::Required));
        } else if code.len() > CODE_MAX
            || !code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            errors.push(FieldError::new("code", Problem::InvalidCode { value: code.to_owned() }));
        }
        let labels = labels(&self.labels, "label", &mut errors);
        if !labels.contains_key(Lang::FR.code()) && !errors.iter().any(|e| e.field == "label_fr") {
            errors.push(FieldError::new("label_fr", Problem::Required));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(RefItem { code: code.to_owned(), labels, directed: (table == RefTable::LinkType).then_some(self.directed) })
    }
}

/// A territory's names and language as typed.
#[derive(Debug, Clone, Default)]
pub struct TerritoryDraft {
    /// Names by language code; an empty one is left out.
    pub names: BTreeMap<String, String>,
    /// The official language of a commune whose language is not French (`de`); empty: French.
    pub lang: Option<String>,
}

impl TerritoryDraft {
    /// The names and language to write for `unit`, or what is wrong (`name_<lang>`, `lang`).
    pub fn parse(&self, unit: &Territory) -> Result<Territory, Vec<FieldError>> {
        let mut errors = Vec::new();
        let names = labels(&self.names, "name", &mut errors);
        if !names.contains_key(Lang::FR.code()) && !errors.iter().any(|e| e.field == "name_fr") {
            errors.push(FieldError::new("name_fr", Problem::Required));
        }
        let lang = self.lang.as_deref().map(str::trim).filter(|l| !l.is_empty() && *l != Lang::FR.code());
        if let Some(l) = lang
            && Lang::parse(l).is_none()
        {
            errors.push(FieldError::new(
                "lang",
                Problem::Unknown {
                    what: RefTable::Choice,
                    value: l.to_owned(),
                    expected: Lang::all().map(|l| l.code().to_owned()).collect(),
                },
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Territory { names, lang: lang.map(str::to_owned), ..unit.clone() })
    }
}

/// A merger of communes as typed.
#[derive(Debug, Clone, Default)]
pub struct MergerDraft {
    /// The communes that merge, each as typed (name or INS code).
    pub communes: Vec<String>,
    /// The INS code of the commune they become: a new one, or one of theirs (a commune that
    /// absorbs the others keeps its code).
    pub into: String,
    /// The new commune's names by language (for an absorbing commune, empty keeps its names).
    pub names: BTreeMap<String, String>,
    /// The day the merger takes effect.
    pub on: String,
}

/// A merger checked against the catalogue: what the store writes.
#[derive(Debug, Clone)]
pub struct Merger {
    /// INS codes of the communes that become former units (not the absorbing one).
    pub former: Vec<String>,
    /// The commune of today they merge into, with its names.
    pub into: Territory,
    /// Whether `into` is a new unit (else one of the merging communes, which absorbs the others).
    pub new: bool,
    /// ISO date.
    pub on: String,
}

impl MergerDraft {
    /// The merger, or what is wrong (fields `communes`, `into`, `name_<lang>`, `on`).
    pub fn parse(&self, reference: &Reference) -> Result<Merger, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut communes: Vec<&Territory> = Vec::new();
        let typed: Vec<&str> = self.communes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
        if typed.len() > MERGER_MAX {
            errors.push(FieldError::new("communes", Problem::TooManyItems { max: MERGER_MAX }));
        }
        for raw in typed.iter().take(MERGER_MAX) {
            match reference.territory(raw, None) {
                Ok(t) if t.kind != TerritoryKind::Commune => {
                    errors.push(FieldError::new("communes", Problem::NotACommune { value: (*raw).to_owned() }));
                }
                Ok(t) if communes.iter().any(|c| c.ins_code == t.ins_code) => {
                    errors.push(FieldError::new("communes", Problem::Repeated { value: (*raw).to_owned() }));
                }
                Ok(t) => communes.push(t),
                Err(p) => errors.push(FieldError::new("communes", p)),
            }
        }
        if typed.len() < 2 {
            errors.push(FieldError::new("communes", Problem::TooFewCommunes));
        }
        if let Some(first) = communes.first() {
            for c in &communes[1..] {
                if c.province_ins != first.province_ins {
                    errors.push(FieldError::new("communes", Problem::OtherProvince { value: c.name().to_owned() }));
                }
            }
        }
        let ins = self.into.trim();
        let absorbing = communes.iter().find(|c| c.ins_code == ins).copied();
        if ins.is_empty() {
            errors.push(FieldError::new("into", Problem::Required));
        } else if ins.len() != 5 || !ins.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(FieldError::new("into", Problem::InvalidIns { value: ins.to_owned() }));
        } else if absorbing.is_none()
            && (reference.territory_by_ins(ins).is_some() || reference.former_by_ins(ins).is_some())
        {
            errors.push(FieldError::new("into", Problem::InsTaken { value: ins.to_owned() }));
        }
        let names = labels(&self.names, "name", &mut errors);
        if absorbing.is_none() && !names.contains_key(Lang::FR.code()) && !errors.iter().any(|e| e.field == "name_fr") {
            errors.push(FieldError::new("name_fr", Problem::Required));
        }
        let on = match date(&self.on) {
            Ok(d) => format_date(d),
            Err(p) => {
                errors.push(FieldError::new("on", if self.on.trim().is_empty() { Problem::Required } else { p }));
                String::new()
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let first = communes[0];
        // The new commune speaks the language its communes shared, if they all had one.
        let lang = first.lang.clone().filter(|l| communes.iter().all(|c| c.lang.as_ref() == Some(l)));
        let into = match absorbing {
            Some(t) => Territory { names: if names.is_empty() { t.names.clone() } else { names }, ..t.clone() },
            None => Territory {
                ins_code: ins.to_owned(),
                kind: TerritoryKind::Commune,
                names,
                parent_ins: first.parent_ins.clone(),
                province_ins: first.province_ins.clone(),
                lang,
                merged_into: None,
                merged_on: None,
            },
        };
        Ok(Merger {
            former: communes.iter().filter(|c| c.ins_code != into.ins_code).map(|c| c.ins_code.clone()).collect(),
            new: absorbing.is_none(),
            into,
            on,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reference::labels as pairs;
    use crate::domain::reference::tests::sample;

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn an_item_needs_a_plain_code_and_a_french_label() {
        let draft = ItemDraft {
            code: "education".into(),
            labels: pairs(&[("fr", "Enseignement"), ("nl", "Onderwijs"), ("de", " ")]),
            directed: true,
        };
        let item = draft.parse(RefTable::Sector).unwrap();
        assert_eq!(item.labels, pairs(&[("fr", "Enseignement"), ("nl", "Onderwijs")]));
        assert_eq!(item.directed, None, "only link types have a direction");
        assert_eq!(draft.parse(RefTable::LinkType).unwrap().directed, Some(true));

        let bad =
            ItemDraft {
                code: "Éducation".into(), labels: pairs(&[("en", "Education"), ("xx", "?")]), directed: false
            };
        let errors = bad.parse(RefTable::Sector).unwrap_err();
        assert_eq!(fields(&errors), ["code", "label_xx", "label_fr"]);
        assert!(matches!(&errors[0].problem, Problem::InvalidCode { value } if value == "Éducation"));
    }

    #[test]
    fn a_merger_takes_two_communes_of_one_province_into_a_new_code_or_one_of_theirs() {
        let r = sample();
        let draft = MergerDraft {
            communes: vec!["Namur".into(), "92003".into()],
            into: "92999".into(),
            names: pairs(&[("fr", "Grand-Namur")]),
            on: "01/01/2025".into(),
        };
        let m = draft.parse(&r).unwrap();
        assert!(m.new);
        assert_eq!(m.former, ["92094", "92003"]);
        assert_eq!((m.into.ins_code.as_str(), m.into.name()), ("92999", "Grand-Namur"));
        assert_eq!((m.into.parent_ins.as_deref(), m.on.as_str()), (Some("92000"), "2025-01-01"));

        // Namur absorbs Andenne: it keeps its code and, with no names given, its names.
        let absorb = MergerDraft { into: "92094".into(), names: BTreeMap::new(), ..draft.clone() };
        let m = absorb.parse(&r).unwrap();
        assert!(!m.new);
        assert_eq!((m.former.as_slice(), m.into.name()), (["92003".to_owned()].as_slice(), "Namur"));

        // A taken code, one commune, a province, a bad date.
        let errors = MergerDraft { into: "92000".into(), ..draft.clone() }.parse(&r).unwrap_err();
        assert!(matches!(&errors[0].problem, Problem::InsTaken { .. }), "{errors:?}");
        let errors = MergerDraft {
            communes: vec!["Province de Namur".into()],
            into: "9".into(),
            names: BTreeMap::new(),
            on: "soon".into(),
        }
        .parse(&r)
        .unwrap_err();
        assert_eq!(fields(&errors), ["communes", "communes", "into", "name_fr", "on"]);
    }
}
