//! The reference catalogue (levels, kinds, sectors, link types, territories) and the resolution
//! of what users type (a code, a French or English label, an INS code or a place name) to codes.

use super::lang::Lang;
use super::problem::{Problem, RefTable};
use super::text::key;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A labels map from (language, text) pairs.
pub fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(l, t)| ((*l).to_owned(), (*t).to_owned())).collect()
}

#[derive(Debug, Clone, Serialize)]
pub struct RefItem {
    pub code: String,
    /// The label in each language the data has, by language code (`fr`, `en`, …).
    pub labels: BTreeMap<String, String>,
    /// Only meaningful for link types: whether a link of this type has a direction by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub directed: Option<bool>,
}

impl RefItem {
    /// The label in `lang`, else the French one, else the code.
    pub fn label(&self, lang: Lang) -> &str {
        lang.text_in(&self.labels).unwrap_or(&self.code)
    }
}

pub const REGION_INS: &str = "03000";

/// The label of `code` in `items` in the user's language (the code itself if unknown).
pub fn label_of(items: &[RefItem], code: &str, lang: Lang) -> String {
    items.iter().find(|i| i.code == code).map_or_else(|| code.to_owned(), |i| i.label(lang).to_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TerritoryKind {
    Region,
    Province,
    Arrondissement,
    Commune,
}

impl TerritoryKind {
    /// The kind's code, as the tables store it (`parse` reads it back).
    pub fn code(self) -> &'static str {
        match self {
            Self::Region => "region",
            Self::Province => "province",
            Self::Arrondissement => "arrondissement",
            Self::Commune => "commune",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "region" => Some(Self::Region),
            "province" => Some(Self::Province),
            "arrondissement" => Some(Self::Arrondissement),
            "commune" => Some(Self::Commune),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Territory {
    pub ins_code: String,
    pub kind: TerritoryKind,
    /// The unit's name in each language the data has (`fr`, `nl`, `de`, …).
    pub names: BTreeMap<String, String>,
    pub parent_ins: Option<String>,
    pub province_ins: Option<String>,
    /// The official language of a commune whose language is not French (`de` for the nine
    /// German-speaking communes): the language its stakeholders are invited in by default.
    pub lang: Option<String>,
    /// A former commune: the unit that took it over in a merger, and from when (ISO date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_on: Option<String>,
}

impl Reference {
    /// The language a stakeholder acting on `territory` is invited in when no one chose: the
    /// language of its communes when it acts on communes only and they all share one that is
    /// not French (the German-speaking communes), else none (French).
    pub fn territory_language(&self, territory: &[String]) -> Option<&str> {
        let mut langs = territory.iter().map(|ins| {
            self.territory_by_ins(ins).filter(|t| t.kind == TerritoryKind::Commune).and_then(|t| t.lang.as_deref())
        });
        let first = langs.next()??;
        langs.all(|l| l == Some(first)).then_some(first)
    }

    /// The language a stakeholder is invited in: the one a coordinator `chosen`, else its
    /// communes' (`territory_language`), else French; only among `offered`.
    pub fn invitation_language(&self, chosen: Option<&str>, territory: &[String], offered: &[Lang]) -> Lang {
        chosen
            .or_else(|| self.territory_language(territory))
            .and_then(Lang::parse)
            .filter(|l| offered.contains(l))
            .unwrap_or_default()
    }
}

impl Territory {
    /// The French name: the written form of exports and imports (Wallonia's official one).
    pub fn name(&self) -> &str {
        self.names.get("fr").map_or(&self.ins_code, String::as_str)
    }

    /// The unambiguous written form used in exports and forms: "Wallonie", "Province de Liège",
    /// "Arrondissement de Liège", "Liège".
    pub fn display_name(&self) -> String {
        match self.kind {
            TerritoryKind::Region => "Wallonie".to_owned(),
            TerritoryKind::Province => format!("Province de {}", self.name()),
            TerritoryKind::Arrondissement => format!("Arrondissement de {}", self.name()),
            TerritoryKind::Commune => self.name().to_owned(),
        }
    }

    /// What to call it: the message `territory-<kind>` with its name (said by `i18n`:
    /// `territory.label(lang)`).
    pub fn to_message(&self, lang: Lang) -> super::problem::Message {
        let kind = match self.kind {
            TerritoryKind::Region => "territory-region",
            TerritoryKind::Province => "territory-province",
            TerritoryKind::Arrondissement => "territory-arrondissement",
            TerritoryKind::Commune => "territory-commune",
        };
        super::problem::Message::new(kind).with("name", lang.text_in(&self.names).unwrap_or(&self.ins_code))
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Reference {
    pub levels: Vec<RefItem>,
    pub kinds: Vec<RefItem>,
    pub sectors: Vec<RefItem>,
    pub link_types: Vec<RefItem>,
    /// Today's units: what lists, maps and analyses show.
    pub territories: Vec<Territory>,
    /// Former units (communes merged into another): still found when typed, as their successor.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub former: Vec<Territory>,
    #[serde(skip)]
    territory_index: HashMap<String, Vec<usize>>,
    /// Names of former units → the INS code they were merged into.
    #[serde(skip)]
    former_index: HashMap<String, String>,
}

fn resolve_in<'a>(items: &'a [RefItem], what: RefTable, raw: &str) -> Result<&'a RefItem, Problem> {
    let k = key(raw);
    items.iter().find(|i| key(&i.code) == k || i.labels.values().any(|l| key(l) == k)).ok_or_else(|| Problem::Unknown {
        what,
        value: raw.trim().to_owned(),
        expected: items.iter().map(|i| i.code.clone()).collect(),
    })
}

const PROVINCE_PREFIXES: [&str; 5] = ["province de ", "province du ", "province of ", "province ", "prov "];
const ARRONDISSEMENT_PREFIXES: [&str; 4] =
    ["arrondissement de ", "arrondissement d'", "arrondissement of ", "arrondissement "];
const COMMUNE_PREFIXES: [&str; 4] = ["commune de ", "commune d'", "ville de ", "municipality of "];

impl Reference {
    pub fn new(
        levels: Vec<RefItem>,
        kinds: Vec<RefItem>,
        sectors: Vec<RefItem>,
        link_types: Vec<RefItem>,
        territories: Vec<Territory>,
    ) -> Self {
        let (former, territories): (Vec<Territory>, Vec<Territory>) =
            territories.into_iter().partition(|t| t.merged_into.is_some());
        let mut territory_index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, t) in territories.iter().enumerate() {
            let mut names: Vec<String> = t.names.values().map(|n| key(n)).collect();
            if t.kind == TerritoryKind::Region {
                names.extend(["wallonia", "region wallonne", "walloon region"].map(String::from));
            }
            names.sort();
            names.dedup();
            for n in names {
                territory_index.entry(n).or_default().push(i);
            }
        }
        let mut reference = Reference {
            levels,
            kinds,
            sectors,
            link_types,
            territories,
            former,
            territory_index,
            former_index: HashMap::new(),
        };
        let mut former_index = HashMap::new();
        for t in &reference.former {
            if let Some(now) = reference.successor(&t.ins_code) {
                let now = now.ins_code.clone();
                for n in t.names.values() {
                    former_index.entry(key(n)).or_insert_with(|| now.clone());
                }
            }
        }
        reference.former_index = former_index;
        reference
    }

    /// The reference table `table` (`level`, `kind`, `sector`, `link_type`).
    pub fn items(&self, table: RefTable) -> &[RefItem] {
        match table {
            RefTable::Level => &self.levels,
            RefTable::Kind => &self.kinds,
            RefTable::Sector => &self.sectors,
            RefTable::LinkType => &self.link_types,
            _ => &[],
        }
    }

    /// The unit of today that holds the former unit `ins` (following mergers of mergers), or
    /// the unit itself when it is today's.
    pub fn successor(&self, ins: &str) -> Option<&Territory> {
        let mut code = ins;
        // A chain is at most as long as the list of former units (a loop cannot hang it).
        for _ in 0..=self.former.len() {
            if let Some(t) = self.territory_by_ins(code) {
                return Some(t);
            }
            code = self.former.iter().find(|t| t.ins_code == code)?.merged_into.as_deref()?;
        }
        None
    }

    /// A former unit, by INS code.
    pub fn former_by_ins(&self, ins: &str) -> Option<&Territory> {
        self.former.iter().find(|t| t.ins_code == ins)
    }

    pub fn level(&self, raw: &str) -> Result<&RefItem, Problem> {
        resolve_in(&self.levels, RefTable::Level, raw)
    }
    pub fn kind(&self, raw: &str) -> Result<&RefItem, Problem> {
        resolve_in(&self.kinds, RefTable::Kind, raw)
    }
    pub fn sector(&self, raw: &str) -> Result<&RefItem, Problem> {
        resolve_in(&self.sectors, RefTable::Sector, raw)
    }
    pub fn link_type(&self, raw: &str) -> Result<&RefItem, Problem> {
        resolve_in(&self.link_types, RefTable::LinkType, raw)
    }

    pub fn territory_by_ins(&self, ins: &str) -> Option<&Territory> {
        self.territories.iter().find(|t| t.ins_code == ins)
    }

    pub fn provinces(&self) -> impl Iterator<Item = &Territory> {
        self.territories.iter().filter(|t| t.kind == TerritoryKind::Province)
    }

    /// Resolves one territory as typed: an INS code, "Wallonie", "Province de Namur",
    /// "Arrondissement de Namur" or a bare name. A bare name shared by several units
    /// (Namur is a commune, an arrondissement and a province) means the province for a
    /// provincial stakeholder and the commune otherwise.
    pub fn territory(&self, raw: &str, level_hint: Option<&str>) -> Result<&Territory, Problem> {
        let trimmed = raw.trim();
        if trimmed.len() == 5 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            return self.successor(trimmed).ok_or_else(|| self.unknown_territory(trimmed));
        }
        let k = key(trimmed);
        let (wanted, name) = strip_any(&k, &PROVINCE_PREFIXES)
            .map(|n| (Some(TerritoryKind::Province), n))
            .or_else(|| strip_any(&k, &ARRONDISSEMENT_PREFIXES).map(|n| (Some(TerritoryKind::Arrondissement), n)))
            .or_else(|| strip_any(&k, &COMMUNE_PREFIXES).map(|n| (Some(TerritoryKind::Commune), n)))
            .unwrap_or((None, k.as_str()));
        let candidates: Vec<&Territory> = self
            .territory_index
            .get(name)
            .map(|ix| ix.iter().map(|&i| &self.territories[i]).collect())
            .unwrap_or_default();
        if candidates.is_empty()
            && wanted.is_none_or(|w| w == TerritoryKind::Commune)
            && let Some(now) = self.former_index.get(name).and_then(|ins| self.territory_by_ins(ins))
        {
            return Ok(now);
        }
        let pick = |kind| candidates.iter().copied().find(|t| t.kind == kind);
        let found = match wanted {
            Some(kind) => pick(kind),
            None if candidates.len() == 1 => Some(candidates[0]),
            None if level_hint == Some("provincial") => {
                pick(TerritoryKind::Province).or_else(|| pick(TerritoryKind::Commune))
            }
            None => pick(TerritoryKind::Commune).or_else(|| pick(TerritoryKind::Province)),
        };
        found.ok_or_else(|| self.unknown_territory(trimmed))
    }

    /// A province given by INS code or name ("Namur" here means the province, not the commune).
    pub fn province(&self, raw: &str) -> Result<&Territory, Problem> {
        let unit = self.territory(raw, Some("provincial"))?;
        match unit.kind {
            TerritoryKind::Province => Ok(unit),
            _ => self.territory(&format!("Province de {}", unit.name()), None),
        }
    }

    fn unknown_territory(&self, raw: &str) -> Problem {
        Problem::Unknown {
            what: RefTable::Territory,
            value: raw.to_owned(),
            expected: vec![
                "Wallonie".into(),
                "Province de …".into(),
                "Arrondissement de …".into(),
                "un nom de commune / a commune name".into(),
                "un code INS / an INS code".into(),
            ],
        }
    }
}

fn strip_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| s.strip_prefix(p))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn item(code: &str, fr: &str, en: &str) -> RefItem {
        RefItem { code: code.into(), labels: labels(&[("fr", fr), ("en", en)]), directed: None }
    }

    fn unit(ins: &str, kind: TerritoryKind, name: &str, parent: Option<&str>, province: Option<&str>) -> Territory {
        Territory {
            ins_code: ins.into(),
            kind,
            names: labels(&[("fr", name), ("nl", name), ("de", name)]),
            parent_ins: parent.map(String::from),
            province_ins: province.map(String::from),
            lang: None,
            merged_into: None,
            merged_on: None,
        }
    }

    pub(crate) fn sample() -> Reference {
        sample_with(Vec::new())
    }

    pub(crate) fn sample_with(more: Vec<Territory>) -> Reference {
        use TerritoryKind::*;
        Reference::new(
            vec![
                item("regional", "Régional", "Regional"),
                item("provincial", "Provincial", "Provincial"),
                item("local", "Local", "Local"),
            ],
            vec![
                item("association", "Association", "Association"),
                item("administration", "Administration", "Administration"),
            ],
            vec![
                item("health", "Santé et santé mentale", "Health and mental health"),
                item("social_aid", "Aide sociale et revenus", "Social aid and income"),
            ],
            vec![
                RefItem { directed: Some(false), ..item("coordinates", "Se coordonne avec", "Coordinates with") },
                RefItem { directed: Some(true), ..item("funds", "Finance", "Funds") },
            ],
            vec![
                unit("03000", Region, "Wallonie", None, None),
                unit("90000", Province, "Namur", Some("03000"), Some("90000")),
                unit("92000", Arrondissement, "Namur", Some("90000"), Some("90000")),
                unit("92094", Commune, "Namur", Some("92000"), Some("90000")),
                unit("92003", Commune, "Andenne", Some("92000"), Some("90000")),
            ]
            .into_iter()
            .chain(more)
            .collect(),
        )
    }

    #[test]
    fn a_former_commune_is_found_as_the_one_it_merged_into_and_is_listed_no_more() {
        let merged = |ins: &str, name: &str, into: &str| Territory {
            merged_into: Some(into.into()),
            merged_on: Some("2025-01-01".into()),
            ..unit(ins, TerritoryKind::Commune, name, Some("92000"), Some("90000"))
        };
        let r = sample_with(vec![
            merged("92001", "Ancienne", "92003"),
            // A merger of a merger: Plus-ancienne went into Ancienne, which went into Andenne.
            merged("92002", "Plus-ancienne", "92001"),
        ]);
        assert!(r.territories.iter().all(|t| t.merged_into.is_none()));
        assert_eq!(r.former.len(), 2);
        for typed in ["Ancienne", "92001", "Plus-ancienne", "92002", "Commune d'Ancienne"] {
            assert_eq!(r.territory(typed, None).unwrap().ins_code, "92003", "{typed}");
        }
        assert!(r.territory("Province d'Ancienne", None).is_err());
        assert_eq!(r.former_by_ins("92002").unwrap().merged_into.as_deref(), Some("92001"));
    }

    #[test]
    fn codes_and_labels_resolve_case_and_accent_insensitively() {
        let r = sample();
        for typed in ["regional", "RÉGIONAL", "Regional", " régional "] {
            assert_eq!(r.level(typed).unwrap().code, "regional", "{typed}");
        }
        assert_eq!(r.sector("Santé et santé mentale").unwrap().code, "health");
        let err = r.level("regionale").unwrap_err();
        assert!(matches!(&err, Problem::Unknown { what: RefTable::Level, value, .. } if value == "regionale"));
        assert!(err.message(Lang::EN).contains("expected one of: regional, provincial, local"));
    }

    #[test]
    fn territories_resolve_by_code_name_and_prefix() {
        let r = sample();
        let cases = [
            ("92094", None, "92094"),
            ("Wallonie", None, "03000"),
            ("Wallonia", None, "03000"),
            ("Andenne", None, "92003"),
            ("Namur", None, "92094"),
            ("Namur", Some("provincial"), "90000"),
            ("Province de Namur", None, "90000"),
            ("province of namur", None, "90000"),
            ("Arrondissement de Namur", Some("provincial"), "92000"),
        ];
        for (typed, hint, expected) in cases {
            assert_eq!(r.territory(typed, hint).unwrap().ins_code, expected, "{typed} / {hint:?}");
        }
        assert!(r.territory("Gotham", None).is_err());
        assert!(r.territory("99999", None).is_err());
        assert!(r.territory("Province de Andenne", None).is_err());
    }

    #[test]
    fn display_names_resolve_back_to_the_same_unit() {
        let r = sample();
        for t in &r.territories {
            assert_eq!(r.territory(&t.display_name(), None).unwrap().ins_code, t.ins_code);
        }
    }
}
