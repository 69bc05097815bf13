//! The network use cases shared by the map page, the stakeholder page and `/api/graph`:
//! build the filtered graph, and render it with a cache that lasts until the data changes.

use super::AppState;
use super::error::AppError;
use crate::graph::model::FilterQuery;
use crate::graph::render::{self, Preference};
use crate::graph::{GraphFilter, Network};
use crate::i18n::Lang;
use crate::store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub struct CachedSvg {
    pub svg: String,
    pub renderer: String,
    pub note: Option<String>,
    pub nodes: usize,
    pub edges: usize,
}

/// Rendered maps by (language, renderer, filter), valid for one data revision.
#[derive(Default)]
pub struct RenderCache {
    inner: Mutex<(i64, HashMap<String, Arc<CachedSvg>>)>,
}

const MAX_ENTRIES: usize = 64;

impl RenderCache {
    fn get(&self, revision: i64, key: &str) -> Option<Arc<CachedSvg>> {
        let inner = self.inner.lock().expect("cache lock");
        (inner.0 == revision).then(|| inner.1.get(key).cloned()).flatten()
    }

    fn put(&self, revision: i64, key: String, value: Arc<CachedSvg>) {
        let mut inner = self.inner.lock().expect("cache lock");
        if inner.0 != revision || inner.1.len() >= MAX_ENTRIES {
            inner.1.clear();
            inner.0 = revision;
        }
        inner.1.insert(key, value);
    }
}

pub async fn network(state: &AppState, query: &FilterQuery) -> Result<(Network, GraphFilter), AppError> {
    let mut conn = state.db.pool.acquire().await?;
    let inventory = store::network::load(&mut conn).await?;
    let filter = query.parse(&inventory.reference, &inventory.names).map_err(AppError::Validation)?;
    let mut net = Network::build(inventory.reference, &inventory.stakeholders, &inventory.links, &filter);
    if let Some(campaign) = filter.campaign {
        let (links, answered) = store::campaigns::overlay(&mut conn, campaign).await?;
        net.overlay_survey(&links, &answered);
    }
    Ok((net, filter))
}

pub fn preference(raw: Option<&str>) -> Preference {
    match raw {
        Some("builtin") => Preference::Builtin,
        Some("graphviz") => Preference::Graphviz,
        _ => Preference::Auto,
    }
}

/// The map as SVG, from the cache when the data has not changed since it was drawn.
pub async fn svg(
    state: &AppState,
    query: &FilterQuery,
    lang: Lang,
    pref: Preference,
) -> Result<Arc<CachedSvg>, AppError> {
    let revision = {
        let mut conn = state.db.pool.acquire().await?;
        store::revision(&mut conn).await?
    };
    let cache_key = format!("{}|{pref:?}|{query:?}", lang.code());
    if let Some(hit) = state.cache.get(revision, &cache_key) {
        return Ok(hit);
    }
    let (net, _) = network(state, query).await?;
    let rendered = render::render_svg(&net, lang, pref).await;
    let value = Arc::new(CachedSvg {
        svg: rendered.svg,
        renderer: rendered.renderer.describe(lang),
        note: rendered.note,
        nodes: net.node_count(),
        edges: net.edge_count(),
    });
    state.cache.put(revision, cache_key, value.clone());
    Ok(value)
}
