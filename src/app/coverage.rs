//! The coverage map: how many actors on the ground cover each commune for a sector (the rule
//! of the analysis's gaps), drawn over the communes' shapes when the deployment provides them.

use super::{Actor, AppError, AppState};
use crate::analysis::gaps::Coverage;
use crate::graph::choropleth::{self, Shapes};
use crate::graph::model::FilterQuery;
use std::collections::HashMap;
use std::sync::Arc;

/// The shapes as read on first use: None without a file, the reason when it could not be read.
pub type Loaded = Option<Result<Arc<Shapes>, String>>;

/// The communes' shapes, read once from the configured GeoJSON file.
pub async fn shapes(state: &AppState) -> Result<Loaded, AppError> {
    let Some(path) = state.settings.communes_geojson.clone() else { return Ok(None) };
    let reference = super::inventory::reference(state).await?;
    let loaded = state
        .shapes
        .get_or_init(|| async move {
            // Former communes too: the shapes file may predate a merger, and the merged commune
            // is drawn with its predecessors' shapes (see `map`).
            let known: HashMap<String, (String, String)> = reference
                .territories
                .iter()
                .chain(&reference.former)
                .filter(|t| t.kind == crate::domain::reference::TerritoryKind::Commune)
                .map(|t| (t.ins_code.clone(), (t.name().to_owned(), t.province_ins.clone().unwrap_or_default())))
                .collect();
            let read = tokio::task::spawn_blocking(move || -> Result<Shapes, String> {
                let size = std::fs::metadata(&path).map_err(|e| format!("{}: {e}", path.display()))?.len();
                if size > choropleth::MAX_BYTES {
                    return Err(format!("{}: {size} bytes, more than {}", path.display(), choropleth::MAX_BYTES));
                }
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                choropleth::parse(&bytes, &known).map_err(|e| format!("{}: {e}", path.display()))
            })
            .await;
            Some(match read {
                Ok(Ok(shapes)) => Ok(Arc::new(shapes)),
                Ok(Err(e)) => Err(e),
                Err(e) => Err(format!("reading the shapes failed: {e}")),
            })
        })
        .await;
    Ok(loaded.clone())
}

pub struct CoverageMap {
    /// Per commune INS code: how many actors of the sector cover it.
    pub counts: HashMap<String, usize>,
    /// The communes no actor covers, by name: (INS, name).
    pub uncovered: Vec<(String, String)>,
    pub shapes: Loaded,
}

/// How many actors of `sector` cover each commune (the whole network, no filter; the network
/// of the cached analysis, so that drawing another sector costs only the counting).
pub async fn map(
    state: &AppState,
    actor: &Actor,
    sector: &str,
    lang: crate::i18n::Lang,
) -> Result<CoverageMap, AppError> {
    let analysed = super::network::analysis(state, actor, &FilterQuery::default(), lang).await?;
    let net = &analysed.network;
    let coverage = Coverage::new(net);
    let nodes: Vec<_> = net.graph.node_indices().collect();
    let actors = coverage.actors(net, sector, &nodes);
    let mut counts = HashMap::new();
    let mut uncovered = Vec::new();
    for (c, list) in coverage.communes.iter().zip(&actors) {
        counts.insert(c.ins_code.clone(), list.len());
        if list.is_empty() {
            uncovered.push((c.ins_code.clone(), c.name().to_owned()));
        }
    }
    // A shape of a former commune shows the commune it merged into.
    for t in &net.reference.former {
        if let Some(now) = net.reference.successor(&t.ins_code)
            && let Some(&n) = counts.get(&now.ins_code)
        {
            counts.insert(t.ins_code.clone(), n);
        }
    }
    uncovered.sort_by_key(|(_, name)| crate::domain::text::key(name));
    Ok(CoverageMap { counts, uncovered, shapes: shapes(state).await? })
}
