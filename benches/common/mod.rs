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
