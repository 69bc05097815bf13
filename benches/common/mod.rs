#![allow(dead_code)]
//! Shared by the benchmarks: a tiny deterministic generator (xorshift), so that every run
//! measures the same data, and a generated network.

use maillage::domain::link::{Link, LinkData};
use maillage::domain::stakeholder::{Stakeholder, StakeholderData};
use maillage::domain::values::{StakeholderName, Strength};

pub struct Rng(pub u64);

impl Rng {
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A hub-and-tail network: levels weighted towards local, links preferring hubs.
pub fn generated(
    reference: &maillage::domain::reference::Reference,
    n: usize,
    m: usize,
) -> (Vec<Stakeholder>, Vec<Link>) {
    let mut rng = Rng(42);
    let levels =
        ["international", "eu", "federal", "community", "regional", "provincial", "local", "local", "local", "local"];
    let kinds: Vec<String> = reference.kinds.iter().map(|k| k.code.clone()).collect();
    let stakeholders: Vec<Stakeholder> = (0..n)
        .map(|i| Stakeholder {
            id: i as i64 + 1,
            data: StakeholderData {
                name: StakeholderName::trusted(format!("Organisation {i}")),
                acronym: (i % 3 == 0).then(|| format!("ORG{i}")),
                kind: kinds[rng.below(kinds.len())].clone(),
                level: levels[if i < 40 { i % 6 } else { rng.below(levels.len()) }].to_owned(),
                sectors: vec!["social_aid".into()],
                territory: vec!["92094".into()],
                description: None,
                website: None,
                email: None,
                phone: None,
                influence: None,
                interest: None,
                key: i % 50 == 0,
                notes: None,
                contacts: vec![],
            },
            archived: false,
            possible_duplicate_of: None,
            created_at: String::new(),
            updated_at: String::new(),
        })
        .collect();
    let types: Vec<String> = reference.link_types.iter().map(|t| t.code.clone()).collect();
    let mut seen = std::collections::HashSet::new();
    let mut links = Vec::new();
    while links.len() < m {
        let a = if rng.below(3) == 0 { rng.below(n.min(60)) } else { rng.below(n) };
        let b = rng.below(n);
        if a == b || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        links.push(Link {
            id: links.len() as i64 + 1,
            data: LinkData {
                source: a as i64 + 1,
                target: b as i64 + 1,
                link_type: types[rng.below(types.len())].clone(),
                directed: rng.below(2) == 0,
                strength: Strength::trusted(1 + rng.below(3) as i64),
                formal: rng.below(2) == 0,
                since: None,
                until: None,
                note: None,
                confirmed: true,
            },
            provenance: "bench".into(),
            archived: false,
            source_name: String::new(),
            target_name: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
        });
    }
    (stakeholders, links)
}
pub mod load;

const LEVELS: [&str; 7] = ["international", "eu", "federal", "community", "regional", "provincial", "local"];
const KINDS: [&str; 5] = ["administration", "association", "agency", "public_authority", "citizen_initiative"];
const SECTORS: [&str; 9] = [
    "reception_housing",
    "legal_protection",
    "social_aid",
    "employment_training",
    "education_childcare",
    "health",
    "language_integration",
    "information_orientation",
    "coordination",
];
const TYPES: [&str; 7] = ["coordinates", "funds", "mandates", "reports_to", "refers", "shares_data", "partners"];

/// CSV files of `stakeholders` organisations (acronyms ORG0…) and `links` distinct links
/// between them, as a coordinator would import them; the same for every run.
pub fn csv_files(stakeholders: usize, links: usize) -> (Vec<u8>, Vec<u8>) {
    let communes: Vec<String> = include_str!("../../data/wallonia_communes.csv")
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_owned())
        .collect();
    let mut rng = Rng(0x5eed);
    let mut s = csv::Writer::from_writer(Vec::new());
    s.write_record([
        "name",
        "acronym",
        "kind",
        "level",
        "sectors",
        "territory",
        "description",
        "email",
        "influence",
        "interest",
    ])
    .unwrap();
    for i in 0..stakeholders {
        let sectors = format!("{}|{}", SECTORS[rng.below(9)], SECTORS[rng.below(9)]);
        let territory = format!("{}|{}", communes[rng.below(communes.len())], communes[rng.below(communes.len())]);
        s.write_record([
            format!("Organisation {i:05} de Wallonie"),
            format!("ORG{i}"),
            KINDS[rng.below(5)].to_owned(),
            LEVELS[rng.below(7)].to_owned(),
            sectors,
            territory,
            format!("Mandat de l'organisation {i}: accueil, orientation et accompagnement."),
            format!("contact{i}@example.org"),
            (1 + rng.below(5)).to_string(),
            (1 + rng.below(5)).to_string(),
        ])
        .unwrap();
    }
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["source", "target", "type", "strength", "formal", "since"]).unwrap();
    let mut seen = std::collections::HashSet::new();
    while seen.len() < links {
        let (a, b, t) = (rng.below(stakeholders), rng.below(stakeholders), rng.below(7));
        if a == b || !seen.insert((a.min(b), a.max(b), t)) {
            continue;
        }
        out.write_record([
            format!("ORG{a}"),
            format!("ORG{b}"),
            TYPES[t].to_owned(),
            (1 + rng.below(3)).to_string(),
            if rng.below(2) == 0 { "yes" } else { "no" }.to_owned(),
            "2022-03-01".to_owned(),
        ])
        .unwrap();
    }
    (s.into_inner().unwrap(), out.into_inner().unwrap())
}
