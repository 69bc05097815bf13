//! Suggestions for the mechanism: whom to add to a body so that most of the network is within
//! one step of it (greedy key-player coverage), and, for each commune left without an actor of
//! a sector, the actors of that sector whose territory is nearest.

use super::centrality::Projection;
use super::gaps::Coverage;
use crate::domain::reference::TerritoryKind;
use crate::graph::Network;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use std::collections::{HashMap, HashSet, VecDeque};

/// An actor who would bring `gain` more actors within one step of the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reach {
    pub id: i64,
    pub gain: usize,
    /// Some of the actors it brings (ids), for the sentence that says why.
    pub brings: Vec<i64>,
}

fn projection(net: &Network) -> (Projection, Vec<NodeIndex>, HashMap<i64, usize>) {
    let order = net.ordered_nodes();
    let position: HashMap<NodeIndex, usize> = order.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let g = &net.graph;
    let p = Projection::new(order.len(), g.edge_references().map(|e| (position[&e.source()], position[&e.target()])));
    let by_id = order.iter().enumerate().map(|(i, &n)| (g[n].id, i)).collect();
    (p, order, by_id)
}

/// The `k` actors (not members, not `dismissed`) who, added one after the other, each bring
/// the most actors not yet within one step of the body; ties go to the lower id.
pub fn key_players(net: &Network, members: &[i64], k: usize, dismissed: &HashSet<i64>) -> Vec<Reach> {
    let (p, order, by_id) = projection(net);
    let g = &net.graph;
    let n = order.len();
    let mut reached = vec![false; n];
    let mut chosen = vec![false; n];
    for m in members.iter().filter_map(|id| by_id.get(id)) {
        chosen[*m] = true;
        reached[*m] = true;
        for &x in &p.adj[*m] {
            reached[x] = true;
        }
    }
    let mut out = Vec::new();
    for _ in 0..k {
        let mut best: Option<(usize, i64, usize)> = None;
        for v in 0..n {
            let id = g[order[v]].id;
            if chosen[v] || dismissed.contains(&id) {
                continue;
            }
            let gain = usize::from(!reached[v]) + p.adj[v].iter().filter(|&&x| !reached[x]).count();
            if gain > 0 && best.is_none_or(|(g0, id0, _)| gain > g0 || (gain == g0 && id < id0)) {
                best = Some((gain, id, v));
            }
        }
        let Some((gain, id, v)) = best else { break };
        let mut brings: Vec<i64> = std::iter::once(v)
            .chain(p.adj[v].iter().copied())
            .filter(|&x| !reached[x] && x != v)
            .map(|x| g[order[x]].id)
            .collect();
        brings.sort_unstable();
        brings.truncate(5);
        chosen[v] = true;
        reached[v] = true;
        for &x in &p.adj[v] {
            reached[x] = true;
        }
        out.push(Reach { id, gain, brings });
    }
    out
}

/// How near a candidate acts to a commune it could cover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Proximity {
    Arrondissement,
    Province,
    NeighbourProvince,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: i64,
    pub proximity: Proximity,
    /// Links from it to the nearest actor on the ground in the commune (any sector); None
    /// when there is no path or no such actor.
    pub distance: Option<usize>,
}

/// The provinces of Wallonia that share a border (INS codes): Walloon Brabant, Hainaut,
/// Liège, Luxembourg, Namur.
pub const NEIGHBOUR_PROVINCES: [(&str, &str); 7] = [
    ("20002", "50000"),
    ("20002", "60000"),
    ("20002", "90000"),
    ("50000", "90000"),
    ("60000", "80000"),
    ("60000", "90000"),
    ("80000", "90000"),
];

fn neighbours(a: &str, b: &str) -> bool {
    NEIGHBOUR_PROVINCES.iter().any(|(x, y)| (*x == a && *y == b) || (*x == b && *y == a))
}

/// For each commune no actor of `sector` covers (INS code, in the coverage's order), up to
/// `per_commune` actors of that sector acting nearest: same arrondissement, then same province,
/// then a neighbouring province; ties broken by network distance to the commune's actors on
/// the ground, then by id. Pairs in `dismissed` (stakeholder, commune) are left out.
pub fn nearest_for_gaps(
    net: &Network,
    sector: &str,
    per_commune: usize,
    dismissed: &HashSet<(i64, String)>,
) -> Vec<(String, Vec<Candidate>)> {
    let (p, order, by_id) = projection(net);
    let g = &net.graph;
    let r = &net.reference;
    let coverage = Coverage::new(net);
    let nodes: Vec<NodeIndex> = g.node_indices().collect();
    let of_sector = coverage.actors(net, sector, &nodes);
    let any_sector: Vec<Vec<NodeIndex>> = {
        // Actors on the ground of any sector: every sector's coverage, merged.
        let mut all: Vec<HashSet<NodeIndex>> = vec![HashSet::new(); coverage.communes.len()];
        for s in &r.sectors {
            for (c, list) in coverage.actors(net, &s.code, &nodes).into_iter().enumerate() {
                all[c].extend(list);
            }
        }
        all.into_iter().map(|s| s.into_iter().collect()).collect()
    };
    // Where each actor of the sector acts: arrondissements and provinces.
    let unit = |ins: &str| r.territory_by_ins(ins);
    let candidates: Vec<(NodeIndex, HashSet<String>, HashSet<String>)> = nodes
        .iter()
        .filter(|&&v| g[v].sectors.iter().any(|s| s == sector))
        .map(|&v| {
            let mut arrondissements = HashSet::new();
            let mut provinces = HashSet::new();
            for t in g[v].territory.iter().filter_map(|ins| unit(ins)) {
                match t.kind {
                    TerritoryKind::Commune => {
                        arrondissements.extend(t.parent_ins.clone());
                        provinces.extend(t.province_ins.clone());
                    }
                    TerritoryKind::Arrondissement => {
                        arrondissements.insert(t.ins_code.clone());
                        provinces.extend(t.province_ins.clone());
                    }
                    TerritoryKind::Province => {
                        provinces.insert(t.ins_code.clone());
                    }
                    TerritoryKind::Region => {}
                }
            }
            (v, arrondissements, provinces)
        })
        .collect();
    let mut out = Vec::new();
    for (c, commune) in coverage.communes.iter().enumerate() {
        if !of_sector[c].is_empty() {
            continue;
        }
        // Distances from the commune's actors on the ground, breadth first.
        let mut distance: Vec<Option<usize>> = vec![None; order.len()];
        let mut queue = VecDeque::new();
        for v in &any_sector[c] {
            if let Some(&i) = by_id.get(&g[*v].id) {
                distance[i] = Some(0);
                queue.push_back(i);
            }
        }
        while let Some(i) = queue.pop_front() {
            let d = distance[i].unwrap_or(0) + 1;
            for &j in &p.adj[i] {
                if distance[j].is_none() {
                    distance[j] = Some(d);
                    queue.push_back(j);
                }
            }
        }
        let (arr, prov) =
            (commune.parent_ins.clone().unwrap_or_default(), commune.province_ins.clone().unwrap_or_default());
        let mut list: Vec<Candidate> = candidates
            .iter()
            .filter(|(v, _, _)| !dismissed.contains(&(g[*v].id, commune.ins_code.clone())))
            .filter_map(|(v, arrondissements, provinces)| {
                let proximity = if arrondissements.contains(&arr) {
                    Proximity::Arrondissement
                } else if provinces.contains(&prov) {
                    Proximity::Province
                } else if provinces.iter().any(|q| neighbours(q, &prov)) {
                    Proximity::NeighbourProvince
                } else {
                    return None;
                };
                let id = g[*v].id;
                Some(Candidate { id, proximity, distance: by_id.get(&id).and_then(|&i| distance[i]) })
            })
            .collect();
        list.sort_by_key(|c| (c.proximity, c.distance.unwrap_or(usize::MAX), c.id));
        list.truncate(per_commune);
        out.push((commune.ins_code.clone(), list));
    }
    out
}
