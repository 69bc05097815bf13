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
    let communes: Vec<_> = r.territories.iter().filter(|t| t.kind == TerritoryKind::Commune).collect();
    let named = |i: usize| Named { id: g[order[i]].id, name: g[order[i]].name.clone() };

    // The communes each territory unit covers: itself, or those of an arrondissement or
    // province. Wallonia-wide actors are left out: they cover every commune by definition,
    // and the question is where no actor is present on the ground. Computed once per unit.
    let mut within: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in communes.iter().enumerate() {
        within.entry(c.ins_code.as_str()).or_default().push(i);
        for parent in [&c.parent_ins, &c.province_ins].into_iter().flatten() {
            within.entry(parent.as_str()).or_default().push(i);
        }
    }
    let covers = |ins: &str| -> &[usize] { within.get(ins).map_or(&[], Vec::as_slice) };
    let mut unit_cache: HashMap<&str, &[usize]> = HashMap::new();
    let sectors = r
        .sectors
        .iter()
        .map(|s| {
            let mut covered = vec![false; communes.len()];
            for &v in order {
                if g[v].sectors.contains(&s.code) {
                    for ins in &g[v].territory {
                        let list = *unit_cache.entry(ins.as_str()).or_insert_with(|| covers(ins));
                        for &c in list {
                            covered[c] = true;
                        }
                    }
                }
            }
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
