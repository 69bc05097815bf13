//! The network use cases shared by the map page, the stakeholder page, `/api/graph` and the
//! CLI: build the filtered graph, render it with a cache that lasts until the data changes,
//! and export it.

use super::{Action, Actor, AppError, AppState};
use crate::domain::problem::Message;
use crate::graph::dot::{Engine, print, to_dot};
use crate::graph::export;
use crate::graph::model::{Drawing, FilterQuery};
use crate::graph::render::{self, Preference};
use crate::graph::{GraphFilter, Network};
use crate::i18n::Lang;
use crate::store;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub struct CachedSvg {
    pub svg: String,
    pub renderer: String,
    pub note: Option<String>,
    pub nodes: usize,
    pub edges: usize,
    /// Drawn as groups of actors (too many to draw one by one): by what.
    pub grouped: Option<crate::graph::aggregate::Dimension>,
    /// The actors drawn, by level from the top, as the list beside the map says them (for a
    /// screen reader or a keyboard); empty on a map of groups.
    pub actors: Vec<(String, Vec<MapActor>)>,
    /// On a campaign's map: the invitees left off (silent, named by no respondent).
    pub unseen_invitees: usize,
    /// On a campaign's map: which of answered, draft, silent and not invited are drawn.
    pub participations: Vec<crate::domain::campaign::Participation>,
}

/// One actor of the map as the list beside it says it.
pub struct MapActor {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub links: usize,
    pub central: bool,
    /// On a campaign's map, where it stands unless it answered ("invited, draft in progress").
    pub standing: Option<String>,
}

/// The actors of a network by level (top to bottom), each level's by name.
fn actors_by_level(net: &Network, lang: Lang) -> Vec<(String, Vec<MapActor>)> {
    let g = &net.graph;
    let mut levels: Vec<(usize, String, Vec<MapActor>)> = Vec::new();
    for n in g.node_indices() {
        let d = &g[n];
        let actor = MapActor {
            id: d.id,
            name: d.name.clone(),
            kind: crate::domain::reference::label_of(&net.reference.kinds, &d.kind, lang),
            links: d.degree,
            central: d.central,
            standing: crate::graph::label::standing(d, lang),
        };
        match levels.iter_mut().find(|(rank, _, _)| *rank == d.level_rank) {
            Some((_, _, list)) => list.push(actor),
            None => levels.push((d.level_rank, net.level_label(&d.level, lang), vec![actor])),
        }
    }
    levels.sort_by_key(|(rank, _, _)| *rank);
    for (_, _, list) in levels.iter_mut() {
        list.sort_by_cached_key(|a| crate::domain::text::key(&a.name));
    }
    levels.into_iter().map(|(_, label, list)| (label, list)).collect()
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

pub async fn network(state: &AppState, actor: &Actor, query: &FilterQuery) -> Result<(Network, GraphFilter), AppError> {
    actor.require(Action::Read)?;
    let reference = super::inventory::reference(state).await?;
    let mut conn = state.db.pool.acquire().await?;
    let inventory = store::network::load(&mut conn, (*reference).clone()).await?;
    let mut filter = query.parse(&inventory.reference, &inventory.names).map_err(AppError::Validation)?;
    if let Some(body) = filter.body {
        let b = store::mechanism::body(&mut conn, body).await?.ok_or(AppError::NotFound)?;
        filter.members = Some(b.member_ids().into_iter().collect());
    }
    let mut links = inventory.links;
    if !filter.without_meetings {
        let names: HashMap<i64, &str> = inventory.stakeholders.iter().map(|s| (s.id, s.data.name.as_str())).collect();
        links.extend(super::mechanism::meets_links(&mut conn, state.settings.meets_threshold(), &names).await?);
    }
    let mut net = Network::build(inventory.reference, &inventory.stakeholders, &links, &filter);
    if let Some(campaign) = filter.campaign {
        let (links, invitees) = store::campaigns::overlay(&mut conn, campaign).await?;
        net.overlay_survey(&links, &invitees);
    }
    Ok((net, filter))
}

/// A network and its analysis, shared by every page and use case that reads them.
pub struct Analysed {
    pub network: Network,
    pub analysis: crate::analysis::Analysis,
}

/// Analyses by (language, filter), valid for one data revision: the map, the analysis page,
/// the API, the mechanism review, snapshots and the dashboard reuse one computation until the
/// data changes.
#[derive(Default)]
pub struct AnalysisCache {
    inner: Mutex<(i64, HashMap<String, Arc<Analysed>>)>,
}

impl AnalysisCache {
    const MAX_ENTRIES: usize = 16;

    fn get(&self, revision: i64, key: &str) -> Option<Arc<Analysed>> {
        let inner = self.inner.lock().expect("cache lock");
        (inner.0 == revision).then(|| inner.1.get(key).cloned()).flatten()
    }

    fn put(&self, revision: i64, key: String, value: Arc<Analysed>) {
        let mut inner = self.inner.lock().expect("cache lock");
        if inner.0 != revision || inner.1.len() >= Self::MAX_ENTRIES {
            inner.1.clear();
            inner.0 = revision;
        }
        inner.1.insert(key, value);
    }
}

/// The analysis of the filtered network, from the cache when the data has not changed since,
/// else computed on the blocking pool (a large network takes seconds of CPU that must not
/// stall the async workers). Exact up to `analysis::EXACT_LIMIT` actors, sampled above.
pub async fn analysis(
    state: &AppState,
    actor: &Actor,
    query: &FilterQuery,
    lang: Lang,
) -> Result<Arc<Analysed>, AppError> {
    analysis_with(state, actor, query, lang, None).await
}

/// `analysis` with the mode chosen by the caller (`None`: by size).
pub async fn analysis_with(
    state: &AppState,
    actor: &Actor,
    query: &FilterQuery,
    lang: Lang,
    mode: Option<crate::analysis::Mode>,
) -> Result<Arc<Analysed>, AppError> {
    actor.require(Action::Read)?;
    let revision = {
        let mut conn = state.db.pool.acquire().await?;
        store::revision(&mut conn).await?
    };
    let key = format!("{}|{mode:?}|{query:?}", lang.code());
    if let Some(hit) = state.analyses.get(revision, &key) {
        return Ok(hit);
    }
    let (net, _) = network(state, actor, query).await?;
    let analysed = tokio::task::spawn_blocking(move || {
        let mode = mode.unwrap_or_else(|| crate::analysis::Mode::auto(net.node_count()));
        let analysis = crate::analysis::analyse_with(&net, lang, mode);
        Arc::new(Analysed { network: net, analysis })
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("analysis failed: {e}")))?;
    state.analyses.put(revision, key, analysed.clone());
    Ok(analysed)
}

pub fn preference(raw: Option<&str>) -> Preference {
    match raw {
        Some("builtin") => Preference::Builtin,
        Some("graphviz") => Preference::Graphviz,
        _ => Preference::Auto,
    }
}

/// The map as SVG, from the cache when the data has not changed since it was drawn; drawn as
/// groups above `aggregate::DETAIL_LIMIT` actors.
pub async fn svg(
    state: &AppState,
    actor: &Actor,
    query: &FilterQuery,
    lang: Lang,
    pref: Preference,
) -> Result<Arc<CachedSvg>, AppError> {
    svg_with(state, actor, query, lang, pref, false, Drawing::Screen).await
}

/// How many actors the map marks as central (those that hold the network together).
pub const CENTRAL_ON_MAP: usize = 5;

/// `svg`, actor by actor whatever the size when `detail` is set (an export, or a user who
/// asked for it).
pub async fn svg_with(
    state: &AppState,
    actor: &Actor,
    query: &FilterQuery,
    lang: Lang,
    pref: Preference,
    detail: bool,
    drawing: Drawing,
) -> Result<Arc<CachedSvg>, AppError> {
    use crate::graph::aggregate;
    actor.require(Action::Read)?;
    let revision = {
        let mut conn = state.db.pool.acquire().await?;
        store::revision(&mut conn).await?
    };
    let cache_key = format!("{}|{pref:?}|{detail}|{drawing:?}|{query:?}", lang.code());
    if let Some(hit) = state.cache.get(revision, &cache_key) {
        return Ok(hit);
    }
    let (mut net, _) = network(state, actor, query).await?;
    net.drawing = drawing;
    let grouped = if detail || net.node_count() <= aggregate::DETAIL_LIMIT {
        None
    } else {
        use crate::domain::text::given;
        let set = |v: &Option<String>| given(v).is_some();
        aggregate::choose(&net, lang, set(&query.level), set(&query.province), set(&query.kind))
    };
    let value = if let Some(agg) = grouped {
        let dimension = agg.dimension;
        let href = |g: &aggregate::Group| {
            let value = g.value.clone()?;
            let mut pairs: Vec<(&str, String)> =
                query.pairs().into_iter().filter(|(k, _)| *k != dimension.filter()).collect();
            pairs.push((dimension.filter(), value));
            Some(format!("/map?{}", serde_urlencoded::to_string(pairs).unwrap_or_default()))
        };
        CachedSvg {
            svg: aggregate::render(&agg, lang, &net.reference, &href),
            renderer: render::Renderer::Builtin.describe(lang),
            note: None,
            nodes: net.node_count(),
            edges: net.edge_count(),
            grouped: Some(dimension),
            actors: Vec::new(),
            unseen_invitees: net.unseen_invitees,
            participations: Vec::new(),
        }
    } else {
        // Graphviz routes thousands of curves slowly (770 actors ran past its 30 s limit):
        // above the detail limit the built-in renderer draws, unless Graphviz is asked for.
        let pref = if pref == Preference::Auto && net.node_count() > aggregate::DETAIL_LIMIT {
            Preference::Builtin
        } else {
            pref
        };
        // The actors that hold the network together, marked on the map (computed off the
        // async workers: a search from every actor).
        let net = tokio::task::spawn_blocking(move || {
            for n in crate::analysis::central_actors(&net, CENTRAL_ON_MAP) {
                net.graph[n].central = true;
            }
            Arc::new(net)
        })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("marking central actors: {e}")))?;
        let actors = actors_by_level(&net, lang);
        let rendered = render::render_svg(net.clone(), lang, pref).await;
        CachedSvg {
            svg: rendered.svg,
            renderer: rendered.renderer.describe(lang),
            note: rendered.note,
            nodes: net.node_count(),
            edges: net.edge_count(),
            grouped: None,
            actors,
            unseen_invitees: net.unseen_invitees,
            participations: net.participations(),
        }
    };
    let value = Arc::new(value);
    state.cache.put(revision, cache_key, value.clone());
    Ok(value)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct GraphQuery {
    pub format: Option<String>,
    pub renderer: Option<String>,
    #[serde(flatten)]
    pub filters: FilterQuery,
}

pub const FORMATS: [&str; 8] = ["dot", "svg", "png", "graphml", "gexf", "json", "kumu-elements", "kumu-connections"];

/// (content type, file extension) of each format.
pub fn media(format: &str) -> (&'static str, &'static str) {
    match format {
        "dot" => ("text/vnd.graphviz; charset=utf-8", "dot"),
        "svg" => ("image/svg+xml; charset=utf-8", "svg"),
        "png" => ("image/png", "png"),
        "graphml" => ("application/graphml+xml; charset=utf-8", "graphml"),
        "gexf" => ("application/xml; charset=utf-8", "gexf"),
        "json" => ("application/json", "json"),
        _ => ("text/csv; charset=utf-8", "csv"),
    }
}

/// Produces one export of the filtered network.
pub async fn produce(
    state: &AppState,
    actor: &Actor,
    format: &str,
    q: &GraphQuery,
    lang: Lang,
) -> Result<Vec<u8>, AppError> {
    if format == "svg" {
        let svg =
            svg_with(state, actor, &q.filters, lang, preference(q.renderer.as_deref()), true, Drawing::Screen).await?;
        return Ok(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}", svg.svg).into_bytes());
    }
    let (net, _) = network(state, actor, &q.filters).await?;
    Ok(match format {
        "dot" => print(&to_dot(&net, lang, Engine::Bands, true)).into_bytes(),
        "png" => match render::render_png(&net, lang).await {
            Some(png) => png.map_err(|e| AppError::Internal(e.into()))?,
            None => {
                return Err(AppError::Unavailable(Message::new("unavailable-png")));
            }
        },
        "graphml" => export::graphml(&net),
        "gexf" => export::gexf(&net),
        "json" => {
            let mut out = Vec::with_capacity(net.node_count() * 400 + net.edge_count() * 250);
            export::write_json(&net, &mut out).map_err(|e| AppError::Internal(e.into()))?;
            out
        }
        "kumu-elements" => export::kumu_elements(&net)?,
        "kumu-connections" => export::kumu_connections(&net)?,
        other => {
            return Err(AppError::Validation(vec![crate::domain::problem::FieldError::new(
                "format",
                crate::domain::problem::Problem::Unknown {
                    what: crate::domain::problem::RefTable::Format,
                    value: other.to_owned(),
                    expected: FORMATS.iter().map(|f| (*f).to_owned()).collect(),
                },
            )]));
        }
    })
}
