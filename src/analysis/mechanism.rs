//! The designed mechanism confronted with the observed network: members of a body with no
//! observed tie to any other member, central actors in no body, levels, provinces and sectors
//! with no body, bodies that met less than planned, and bodies whose cohesion rests on one
//! member (an articulation point of the members' own ties).

use super::Analysis;
use super::centrality::{Projection, articulation};
use crate::domain::reference::TerritoryKind;
use crate::graph::Network;
use petgraph::visit::EdgeRef;
use std::collections::{BTreeSet, HashMap, HashSet};

/// What the confrontation needs to know of one body.
#[derive(Debug, Clone)]
pub struct BodyFacts {
    pub id: i64,
    pub level: Option<String>,
    pub sectors: Vec<String>,
    pub territory: Option<String>,
    pub members: Vec<i64>,
    pub held: usize,
    pub expected: i64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    /// (body, members with no observed tie to another member), bodies in the given order.
    pub isolated_members: Vec<(i64, Vec<i64>)>,
    /// The most central actors (by betweenness) that sit in no body, most central first.
    pub central_outside: Vec<(i64, f64)>,
    /// How many actors the top share counted.
    pub central_count: usize,
    pub levels_without: Vec<String>,
    /// INS codes of provinces where no body has its territory.
    pub provinces_without: Vec<String>,
    pub sectors_without: Vec<String>,
    /// (body, meetings held, meetings planned so far).
    pub under_met: Vec<(i64, usize, i64)>,
    /// (body, the members whose departure would split the others).
    pub fragile: Vec<(i64, Vec<i64>)>,
}

/// Confronts `bodies` with the observed network `net` (and its analysis `a`); `central_share`
/// is the share of actors counted as central (0.10: the top 10 % by betweenness).
pub fn confront(net: &Network, a: &Analysis, bodies: &[BodyFacts], central_share: f64) -> Findings {
    let g = &net.graph;
    let mut ties: HashSet<(i64, i64)> = HashSet::new();
    for e in g.edge_references() {
        let (x, y) = (g[e.source()].id, g[e.target()].id);
        if x != y {
            ties.insert((x.min(y), x.max(y)));
        }
    }
    let present: HashSet<i64> = g.node_weights().map(|n| n.id).collect();
    let tied = |x: i64, y: i64| ties.contains(&(x.min(y), x.max(y)));
    let mut f = Findings::default();

    for b in bodies {
        let members: Vec<i64> = b.members.iter().copied().filter(|m| present.contains(m)).collect();
        if members.len() >= 2 {
            let alone: Vec<i64> =
                members.iter().copied().filter(|&m| !members.iter().any(|&o| o != m && tied(m, o))).collect();
            if !alone.is_empty() {
                f.isolated_members.push((b.id, alone));
            }
        }
        let pairs = (0..members.len())
            .flat_map(|i| (i + 1..members.len()).map(move |j| (i, j)))
            .filter(|&(i, j)| tied(members[i], members[j]));
        let cut = articulation(&Projection::new(members.len(), pairs));
        if !cut.is_empty() {
            let mut ids: Vec<i64> = cut.into_iter().map(|i| members[i]).collect();
            ids.sort_unstable();
            f.fragile.push((b.id, ids));
        }
        if (b.held as i64) < b.expected {
            f.under_met.push((b.id, b.held, b.expected));
        }
    }

    let seated: HashSet<i64> = bodies.iter().flat_map(|b| b.members.iter().copied()).collect();
    let mut ranked: Vec<(i64, f64)> = a.nodes.iter().map(|n| (n.id, n.betweenness)).filter(|(_, b)| *b > 0.0).collect();
    ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    f.central_count = ((a.nodes.len() as f64) * central_share).ceil() as usize;
    f.central_outside =
        ranked.into_iter().take(f.central_count).filter(|(id, _)| !seated.contains(id)).collect::<Vec<_>>();

    let reference = &net.reference;
    let levels: BTreeSet<&str> = bodies.iter().filter_map(|b| b.level.as_deref()).collect();
    let used_levels: HashSet<&str> = g.node_weights().map(|n| n.level.as_str()).collect();
    f.levels_without = reference
        .levels
        .iter()
        .filter(|l| used_levels.contains(l.code.as_str()) && !levels.contains(l.code.as_str()))
        .map(|l| l.code.clone())
        .collect();
    let province_of: HashMap<&str, &str> = reference
        .territories
        .iter()
        .filter_map(|t| match t.kind {
            TerritoryKind::Province => Some((t.ins_code.as_str(), t.ins_code.as_str())),
            _ => t.province_ins.as_deref().map(|p| (t.ins_code.as_str(), p)),
        })
        .collect();
    let covered: HashSet<&str> =
        bodies.iter().filter_map(|b| b.territory.as_deref()).filter_map(|t| province_of.get(t).copied()).collect();
    f.provinces_without =
        reference.provinces().filter(|p| !covered.contains(p.ins_code.as_str())).map(|p| p.ins_code.clone()).collect();
    let sectors: HashSet<&str> = bodies.iter().flat_map(|b| b.sectors.iter().map(String::as_str)).collect();
    let used_sectors: HashSet<&str> = g.node_weights().flat_map(|n| n.sectors.iter().map(String::as_str)).collect();
    f.sectors_without = reference
        .sectors
        .iter()
        .filter(|s| used_sectors.contains(s.code.as_str()) && !sectors.contains(s.code.as_str()))
        .map(|s| s.code.clone())
        .collect();
    f
}
