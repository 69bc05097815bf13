//! What is missing: communes and provinces where no stakeholder acting locally (commune,
//! arrondissement or province) covers a sector, stakeholders
//! with no link, key stakeholders with no direct link to the regional level, and links that
//! one side declared and the other has not confirmed.

use super::centrality::Projection;
use crate::domain::reference::{TerritoryKind, label_of};
use crate::graph::Network;
use crate::i18n::Lang;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize)]
pub struct SectorGap {
    pub sector: String,
    pub label: String,
    /// Provinces where no stakeholder of the map acts on this sector.
    pub provinces: Vec<String>,
    /// INS code and name of each commune that no stakeholder covers for this sector.
    pub communes: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OneSided {
    pub link_id: i64,
    pub source: Named,
    pub target: Named,
    pub link_type: String,
    pub provenance: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Gaps {
    pub sectors: Vec<SectorGap>,
    pub unlinked: Vec<Named>,
    pub key_without_regional_link: Vec<Named>,
    pub one_sided: Vec<OneSided>,
}

pub fn gaps(net: &Network, order: &[NodeIndex], p: &Projection, lang: Lang) -> Gaps {
    let g = &net.graph;
    let r = &net.reference;
    let named = |i: usize| Named { id: g[order[i]].id, name: g[order[i]].name.clone() };

    let coverage = Coverage::new(net);
    let communes = &coverage.communes;
    let sectors = r
        .sectors
        .iter()
        .map(|s| {
            let covered: Vec<bool> = coverage.actors(net, &s.code, order).iter().map(|a| !a.is_empty()).collect();
            let missing: Vec<(String, String)> = communes
                .iter()
                .zip(&covered)
                .filter(|(_, covered)| !**covered)
                .map(|(c, _)| (c.ins_code.clone(), c.name().to_owned()))
                .collect();
            let provinces = r
                .provinces()
                .filter(|p| {
                    !communes
                        .iter()
                        .zip(&covered)
                        .any(|(c, covered)| *covered && c.province_ins.as_ref() == Some(&p.ins_code))
                })
                .map(|p| p.label(lang))
                .collect();
            SectorGap {
                sector: s.code.clone(),
                label: label_of(&r.sectors, &s.code, lang),
                provinces,
                communes: missing,
            }
        })
        .collect();

    let unlinked = (0..order.len()).filter(|&i| p.adj[i].is_empty()).map(named).collect();
    let key_without_regional_link = (0..order.len())
        .filter(|&i| g[order[i]].key && g[order[i]].level != "regional")
        .filter(|&i| !p.adj[i].iter().any(|&j| g[order[j]].level == "regional"))
        .map(named)
        .collect();
    let one_sided = g
        .edge_references()
        .filter(|e| !e.weight().confirmed)
        .map(|e| OneSided {
            link_id: e.weight().id,
            source: Named { id: g[e.source()].id, name: g[e.source()].name.clone() },
            target: Named { id: g[e.target()].id, name: g[e.target()].name.clone() },
            link_type: label_of(&r.link_types, &e.weight().link_type, lang),
            provenance: e.weight().provenance.clone(),
        })
        .collect();
    Gaps { sectors, unlinked, key_without_regional_link, one_sided }
}

/// The coverage rule, defined once for the gaps and the coverage map: an actor covers the
/// communes of the units it acts on (a commune, an arrondissement, a province). Wallonia-wide
/// actors are left out: they cover every commune by definition, and the question is where no
/// actor is present on the ground.
pub struct Coverage<'a> {
    pub communes: Vec<&'a crate::domain::reference::Territory>,
    /// The communes (positions in `communes`) each unit covers.
    within: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Coverage<'a> {
    pub fn new(net: &'a Network) -> Coverage<'a> {
        let communes: Vec<_> = net.reference.territories.iter().filter(|t| t.kind == TerritoryKind::Commune).collect();
        let mut within: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, c) in communes.iter().enumerate() {
            within.entry(c.ins_code.as_str()).or_default().push(i);
            for parent in [&c.parent_ins, &c.province_ins].into_iter().flatten() {
                within.entry(parent.as_str()).or_default().push(i);
            }
        }
        Coverage { communes, within }
    }

    /// For each commune (in `communes` order), the nodes among `nodes` that cover it for `sector`.
    pub fn actors(&self, net: &Network, sector: &str, nodes: &[NodeIndex]) -> Vec<Vec<NodeIndex>> {
        let g = &net.graph;
        let mut out: Vec<Vec<NodeIndex>> = vec![Vec::new(); self.communes.len()];
        for &v in nodes {
            if !g[v].sectors.iter().any(|s| s == sector) {
                continue;
            }
            let mut reached: Vec<usize> = g[v]
                .territory
                .iter()
                .flat_map(|ins| self.within.get(ins.as_str()).into_iter().flatten().copied())
                .collect();
            reached.sort_unstable();
            reached.dedup();
            for c in reached {
                out[c].push(v);
            }
        }
        out
    }
}
