//! The steering dashboard: where the project stands, in figures a steering meeting reads at a
//! glance, each with the page that details it. One computation serves the page, the printable
//! report and `maillage report`.

use super::{Actor, AppError, AppState};
use crate::domain::campaign::Campaign;
use crate::domain::mechanism::Standing;
use crate::domain::phase::Phase;
use crate::domain::reference::label_of;
use crate::domain::snapshot::{Diff, Snapshot};
use crate::graph::model::FilterQuery;
use crate::i18n::Lang;
use petgraph::visit::EdgeRef;

/// A count under a code, with its label in the user's language.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub code: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone)]
pub struct Dashboard {
    pub today: time::Date,
    pub phases: Vec<Phase>,
    pub stakeholders: usize,
    pub links: usize,
    pub by_level: Vec<Count>,
    pub by_kind: Vec<Count>,
    pub by_link_type: Vec<Count>,
    pub density: f64,
    /// Share of links whose two ends sit at different institutional levels.
    pub cross_level: Option<f64>,
    pub reciprocity: Option<f64>,
    /// The most recent campaign (by opening date), with its response rate.
    pub campaign: Option<Campaign>,
    /// Communes no actor on the ground covers, per sector (sectors with at least one).
    pub uncovered: Vec<Count>,
    pub communes: usize,
    pub bodies: usize,
    pub meetings_held: usize,
    pub actions_open: usize,
    pub actions_overdue: usize,
    /// The latest snapshot and what changed since.
    pub since: Option<(Snapshot, Diff)>,
}

impl Dashboard {
    /// The phase under way today, if any.
    pub fn current_phase(&self) -> Option<&Phase> {
        self.phases.iter().find(|p| p.is_current(self.today))
    }
}

fn counts(items: &[crate::domain::reference::RefItem], lang: Lang, count: impl Fn(&str) -> usize) -> Vec<Count> {
    items
        .iter()
        .map(|i| Count { code: i.code.clone(), label: i.label(lang).to_owned(), count: count(&i.code) })
        .filter(|c| c.count > 0)
        .collect()
}

pub async fn dashboard(state: &AppState, actor: &Actor, lang: Lang) -> Result<Dashboard, AppError> {
    let today = state.clock.now().date();
    let analysed = super::network::analysis(state, actor, &FilterQuery::default(), lang).await?;
    let (net, analysis) = (&analysed.network, &analysed.analysis);
    let phases = super::phases::list(state, actor).await?;
    let bodies = super::mechanism::bodies(state, actor, false).await?;
    let meetings = super::mechanism::meetings(state, actor).await?;
    let campaigns = super::campaigns::list(state, actor).await?;
    let snapshots = super::snapshots::list(state, actor).await?;
    let g = &net.graph;
    let r = &net.reference;
    let nodes: Vec<&crate::graph::model::NodeData> = g.node_weights().collect();
    let edges: Vec<&crate::graph::model::EdgeData> = g.edge_weights().collect();
    let crossing = g.edge_references().filter(|e| g[e.source()].level != g[e.target()].level).count();
    let since = match snapshots.iter().max_by_key(|s| (s.taken_on, s.id)) {
        Some(last) => {
            let mut conn = state.db.pool.acquire().await?;
            let (snapshot, data) = crate::store::snapshots::get(&mut conn, last.id).await?.ok_or(AppError::NotFound)?;
            let now = super::snapshots::freeze(net, analysis, &bodies);
            Some((snapshot, crate::domain::snapshot::diff(&data, &now, 10)))
        }
        None => None,
    };
    // The meetings carry their action items: no second query for them.
    let actions = || meetings.iter().flat_map(|m| m.actions.iter());
    let communes = r.territories.iter().filter(|t| t.kind == crate::domain::reference::TerritoryKind::Commune).count();
    Ok(Dashboard {
        today,
        stakeholders: nodes.len(),
        links: edges.len(),
        by_level: counts(&r.levels, lang, |c| nodes.iter().filter(|n| n.level == c).count()),
        by_kind: counts(&r.kinds, lang, |c| nodes.iter().filter(|n| n.kind == c).count()),
        by_link_type: counts(&r.link_types, lang, |c| edges.iter().filter(|e| e.link_type == c).count()),
        density: analysis.network.density,
        cross_level: (!edges.is_empty()).then(|| crossing as f64 / edges.len() as f64),
        reciprocity: analysis.network.reciprocity,
        campaign: campaigns.into_iter().max_by(|a, b| (&a.opens_on, a.id).cmp(&(&b.opens_on, b.id))),
        uncovered: analysis
            .gaps
            .sectors
            .iter()
            .map(|s| Count {
                code: s.sector.clone(),
                label: label_of(&r.sectors, &s.sector, lang),
                count: s.communes.len(),
            })
            .filter(|c| c.count > 0)
            .collect(),
        communes,
        bodies: bodies.len(),
        meetings_held: meetings.iter().filter(|m| m.held_on <= today).count(),
        actions_open: actions().filter(|a| matches!(a.standing(today), Standing::Due | Standing::Overdue)).count(),
        actions_overdue: actions().filter(|a| a.standing(today) == Standing::Overdue).count(),
        since,
        phases,
    })
}
