//! Reading the reference data files (`data/reference.toml` and the Statbel list of communes,
//! `data/wallonia_communes.csv`) into a catalogue: the one source of a new database's levels,
//! kinds, sectors, link types and territories, whatever the database.

use super::reference::{RefItem, Reference, Territory, TerritoryKind};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct File {
    level: Vec<Item>,
    kind: Vec<Item>,
    sector: Vec<Item>,
    link_type: Vec<Item>,
    territory: Vec<Unit>,
    /// Communes whose official language is not French, by language code.
    #[serde(default)]
    commune_languages: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct Item {
    code: String,
    #[serde(default)]
    directed: Option<bool>,
    labels: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Unit {
    ins_code: String,
    kind: String,
    parent: Option<String>,
    province: Option<String>,
    names: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Commune {
    ins_code: String,
    name_fr: String,
    name_nl: String,
    name_de: String,
    arrondissement_ins: String,
    province_ins: String,
}

/// The catalogue the two files describe; an error names what is wrong.
pub fn parse(toml_text: &str, communes_csv: &str) -> Result<Reference, String> {
    let file: File = toml::from_str(toml_text).map_err(|e| format!("data/reference.toml: {e}"))?;
    let items = |items: Vec<Item>| -> Vec<RefItem> {
        items.into_iter().map(|i| RefItem { code: i.code, labels: i.labels, directed: i.directed }).collect()
    };
    let mut territories = Vec::new();
    for u in file.territory {
        let kind = TerritoryKind::parse(&u.kind)
            .ok_or_else(|| format!("data/reference.toml: territory {}: unknown kind {:?}", u.ins_code, u.kind))?;
        territories.push(Territory {
            ins_code: u.ins_code,
            kind,
            names: u.names,
            parent_ins: u.parent,
            province_ins: u.province,
            lang: None,
            merged_into: None,
            merged_on: None,
        });
    }
    let mut reader = csv::Reader::from_reader(communes_csv.as_bytes());
    for (i, row) in reader.deserialize::<Commune>().enumerate() {
        let c = row.map_err(|e| format!("data/wallonia_communes.csv, line {}: {e}", i + 2))?;
        let names = [("fr", c.name_fr), ("nl", c.name_nl), ("de", c.name_de)]
            .into_iter()
            .map(|(l, n)| (l.to_owned(), n))
            .collect();
        territories.push(Territory {
            ins_code: c.ins_code,
            kind: TerritoryKind::Commune,
            names,
            parent_ins: Some(c.arrondissement_ins),
            province_ins: Some(c.province_ins),
            lang: None,
            merged_into: None,
            merged_on: None,
        });
    }
    for (lang, communes) in &file.commune_languages {
        for ins in communes {
            let t = territories
                .iter_mut()
                .find(|t| t.ins_code == *ins && t.kind == TerritoryKind::Commune)
                .ok_or_else(|| format!("data/reference.toml: commune_languages.{lang}: no commune {ins}"))?;
            t.lang = Some(lang.clone());
        }
    }
    let known: std::collections::HashSet<&str> = territories.iter().map(|t| t.ins_code.as_str()).collect();
    for t in &territories {
        for parent in t.parent_ins.iter().chain(&t.province_ins) {
            if !known.contains(parent.as_str()) {
                return Err(format!("territory {}: unknown parent {parent}", t.ins_code));
            }
        }
    }
    Ok(Reference::new(items(file.level), items(file.kind), items(file.sector), items(file.link_type), territories))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    fn shipped() -> Reference {
        parse(include_str!("../../data/reference.toml"), include_str!("../../data/wallonia_communes.csv")).unwrap()
    }

    #[test]
    fn the_shipped_files_describe_wallonia_as_statbel_lists_it() {
        let r = shipped();
        let count = |k: TerritoryKind| r.territories.iter().filter(|t| t.kind == k).count();
        assert_eq!(
            (
                count(TerritoryKind::Region),
                count(TerritoryKind::Province),
                count(TerritoryKind::Arrondissement),
                count(TerritoryKind::Commune)
            ),
            (1, 5, 20, 262)
        );
        let eupen = r.territory("Eupen", Some("local")).unwrap();
        assert_eq!((eupen.ins_code.as_str(), eupen.province_ins.as_deref()), ("63023", Some("60000")));
        assert_eq!(r.province("Namen").unwrap().ins_code, "90000", "names in every language resolve");
    }

    #[test]
    fn labels_are_keyed_by_language() {
        let r = shipped();
        let regional = r.level("regional").unwrap();
        assert_eq!((regional.label(Lang::FR), regional.label(Lang::EN)), ("Régional", "Regional"));
        assert_eq!(r.link_types.iter().filter(|t| t.directed == Some(true)).count(), 5);
        assert_eq!((r.levels.len(), r.kinds.len(), r.sectors.len(), r.link_types.len()), (7, 8, 9, 8));
    }

    #[test]
    fn a_territory_with_an_unknown_parent_is_refused() {
        let toml = "level = []\nkind = []\nsector = []\nlink_type = []\n\
                    [[territory]]\nins_code = \"1\"\nkind = \"province\"\nparent = \"9\"\nnames = { fr = \"X\" }\n";
        let header =
            "ins_code,name_fr,name_nl,name_de,arrondissement_ins,arrondissement_fr,province_ins,province_fr,region\n";
        assert!(parse(toml, header).unwrap_err().contains("unknown parent 9"));
    }
}
