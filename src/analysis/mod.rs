//! Network analysis for steering: who is central, who brokers across levels, where the gaps
//! are. Runs on the same filtered `Network` as the map. Standard algorithms come from
//! rustworkx-core (betweenness, closeness, eigenvector, articulation points, bridges,
//! components); clustering, Burt's constraint, Gould–Fernandez brokerage and Louvain are
//! written here. Pure: no HTTP, no SQL.

pub mod brokerage;
pub mod centrality;
pub mod community;
pub mod explain;
pub mod gaps;
pub mod mechanism;
pub mod paths;
pub mod suggest;

use crate::graph::Network;
use brokerage::Roles;
use centrality::Projection;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

#[derive(Debug, Clone, Serialize)]
pub struct NodeMeasures {
    pub id: i64,
    pub name: String,
    pub label: String,
    pub level: String,
    pub kind: String,
    pub key: bool,
    pub influence: Option<i64>,
    pub interest: Option<i64>,
    pub in_degree: usize,
    pub out_degree: usize,
    pub degree: usize,
    pub weighted_degree: i64,
    pub betweenness: f64,
    pub closeness: f64,
    pub eigenvector: Option<f64>,
    pub clustering: f64,
    pub constraint: Option<f64>,
    pub brokerage: Roles,
    pub articulation_point: bool,
    pub community: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    pub labels: Vec<String>,
    pub codes: Vec<String>,
    pub counts: Vec<Vec<u64>>,
}

impl Matrix {
    pub fn max(&self) -> u64 {
        self.counts.iter().flatten().copied().max().unwrap_or(0)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct NetworkMeasures {
    pub stakeholders: usize,
    pub links: usize,
    pub ties: usize,
    pub density: f64,
    /// Share of directed links answered by a directed link the other way.
    pub reciprocity: Option<f64>,
    pub components: usize,
    pub largest_component: usize,
    pub isolates: usize,
    pub communities: usize,
    pub modularity: f64,
    /// Bridges as pairs of stakeholder ids.
    pub bridges: Vec<(i64, i64)>,
    pub level_matrix: Matrix,
    pub province_matrix: Matrix,
    pub sector_matrix: Matrix,
    /// Krackhardt & Stern's E-I index between levels: +1 all links cross levels, −1 none do.
    pub ei_index: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub nodes: Vec<NodeMeasures>,
    pub network: NetworkMeasures,
    pub gaps: gaps::Gaps,
    /// Set when betweenness and closeness were estimated from a sample of sources.
    pub sampling: Option<paths::Sampling>,
    /// Time each step took, in milliseconds.
    pub timings_ms: BTreeMap<String, f64>,
}

fn timed<T>(timings: &mut BTreeMap<String, f64>, name: &str, f: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = f();
    timings.insert(name.to_owned(), t.elapsed().as_secs_f64() * 1000.0);
    out
}

/// A matrix of tie counts between groups; a node may be in several groups (provinces).
fn matrix(groups: &[Vec<usize>], labels: Vec<String>, codes: Vec<String>, ties: &[(usize, usize)]) -> Matrix {
    let k = labels.len();
    let mut counts = vec![vec![0u64; k]; k];
    for &(a, b) in ties {
        for &ga in &groups[a] {
            for &gb in &groups[b] {
                counts[ga][gb] += 1;
                if ga != gb {
                    counts[gb][ga] += 1;
                }
            }
        }
    }
    Matrix { labels, codes, counts }
}

/// How betweenness and closeness (a search from every actor: O(V·E)) are computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    Exact,
    /// Estimated from about this many searches, with the margin of error stated.
    Sampled(usize),
}

/// Above this many actors, [`Mode::auto`] estimates rather than computes exactly (the
/// README's performance section gives the figures behind it).
pub const EXACT_LIMIT: usize = 10_000;
/// Searches a sampled analysis runs: at 20,000 actors / 100,000 links, about half a second
/// of the two cores, and margins well below the gaps between the leading actors.
pub const SAMPLE_SOURCES: usize = 1_000;

impl Mode {
    /// Exact up to [`EXACT_LIMIT`] actors, sampled above.
    pub fn auto(actors: usize) -> Mode {
        if actors <= EXACT_LIMIT { Mode::Exact } else { Mode::Sampled(SAMPLE_SOURCES) }
    }
}

/// The analysis, exact up to [`EXACT_LIMIT`] actors and sampled above.
pub fn analyse(net: &Network, lang: crate::i18n::Lang) -> Analysis {
    analyse_with(net, lang, Mode::auto(net.node_count()))
}

pub fn analyse_with(net: &Network, lang: crate::i18n::Lang, mode: Mode) -> Analysis {
    let total = Instant::now();
    let mut timings = BTreeMap::new();
    let g = &net.graph;
    let order = net.ordered_nodes();
    let position: HashMap<_, usize> = order.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let n = order.len();

    // Ties (undirected projection) and directed adjacency (undirected links both ways).
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut inn: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut weighted = vec![0i64; n];
    let mut links_at = vec![0usize; n];
    let mut pairs = Vec::with_capacity(g.edge_count());
    for e in g.edge_references() {
        let (a, b) = (position[&e.source()], position[&e.target()]);
        let w = e.weight();
        pairs.push((a, b));
        weighted[a] += w.strength;
        weighted[b] += w.strength;
        links_at[a] += 1;
        links_at[b] += 1;
        out[a].push(b);
        inn[b].push(a);
        if !w.directed {
            out[b].push(a);
            inn[a].push(b);
        }
    }
    for l in out.iter_mut().chain(inn.iter_mut()) {
        l.sort_unstable();
        l.dedup();
    }
    let p = timed(&mut timings, "projection", || Projection::new(n, pairs.iter().copied()));

    let (betweenness, closeness, sampling) = timed(&mut timings, "betweenness_and_closeness", || match mode {
        Mode::Exact => {
            let (b, c) = paths::betweenness_closeness(&p.adj);
            (b, c, None)
        }
        Mode::Sampled(budget) => {
            let (b, c, s) = paths::betweenness_closeness_sampled(&p.adj, budget);
            (b, c, (s.sources < s.nodes).then_some(s))
        }
    });
    let eigenvector = timed(&mut timings, "eigenvector", || centrality::eigenvector(&p));
    let clustering = timed(&mut timings, "clustering", || centrality::clustering(&p));
    let constraint = timed(&mut timings, "constraint", || centrality::constraint(&p));
    let level_group: Vec<usize> = order.iter().map(|&v| g[v].level_rank).collect();
    let roles = timed(&mut timings, "brokerage", || brokerage::brokerage(&out, &inn, &level_group));
    let articulation = timed(&mut timings, "articulation_points", || centrality::articulation(&p));
    let bridges = timed(&mut timings, "bridges", || centrality::bridge_pairs(&p));
    let components = timed(&mut timings, "components", || centrality::components(&p));
    let communities = timed(&mut timings, "communities", || community::louvain(&p.adj));
    let modularity = community::modularity(&p.adj, &communities);

    let nodes: Vec<NodeMeasures> = order
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let d = &g[v];
            NodeMeasures {
                id: d.id,
                name: d.name.clone(),
                label: d.label().to_owned(),
                level: d.level.clone(),
                kind: d.kind.clone(),
                key: d.key,
                influence: d.influence,
                interest: d.interest,
                in_degree: inn[i].len(),
                out_degree: out[i].len(),
                degree: links_at[i],
                weighted_degree: weighted[i],
                betweenness: betweenness[i],
                closeness: closeness[i],
                eigenvector: eigenvector.as_ref().map(|e| e[i]),
                clustering: clustering[i],
                constraint: constraint[i],
                brokerage: roles[i],
                articulation_point: articulation.contains(&i),
                community: communities[i],
            }
        })
        .collect();

    let network = timed(&mut timings, "network_measures", || {
        let directed: Vec<(usize, usize)> = g
            .edge_references()
            .filter(|e| e.weight().directed)
            .map(|e| (position[&e.source()], position[&e.target()]))
            .collect();
        let set: std::collections::HashSet<(usize, usize)> = directed.iter().copied().collect();
        let reciprocated = directed.iter().filter(|&&(a, b)| set.contains(&(b, a))).count();
        let reference = &net.reference;
        let levels: Vec<Vec<usize>> =
            level_group.iter().map(|&r| vec![r.min(reference.levels.len().saturating_sub(1))]).collect();
        let level_matrix = matrix(
            &levels,
            reference.levels.iter().map(|l| l.label(lang).to_owned()).collect(),
            reference.levels.iter().map(|l| l.code.clone()).collect(),
            &pairs,
        );
        let province_names: Vec<String> = {
            let mut v: Vec<String> = order.iter().flat_map(|&x| g[x].provinces.clone()).collect();
            v.sort();
            v.dedup();
            v
        };
        let provinces: Vec<Vec<usize>> = order
            .iter()
            .map(|&x| g[x].provinces.iter().filter_map(|p| province_names.iter().position(|q| q == p)).collect())
            .collect();
        let sectors: Vec<Vec<usize>> = order
            .iter()
            .map(|&x| g[x].sectors.iter().filter_map(|s| reference.sectors.iter().position(|r| &r.code == s)).collect())
            .collect();
        let (mut external, mut internal) = (0i64, 0i64);
        for &(a, b) in &pairs {
            if level_group[a] == level_group[b] { internal += 1 } else { external += 1 }
        }
        NetworkMeasures {
            stakeholders: n,
            links: g.edge_count(),
            ties: p.edge_count(),
            density: centrality::density(&p),
            reciprocity: (!directed.is_empty()).then(|| reciprocated as f64 / directed.len() as f64),
            components: components.len(),
            largest_component: components.first().map_or(0, Vec::len),
            isolates: p.adj.iter().filter(|a| a.is_empty()).count(),
            communities: communities.iter().copied().max().map_or(0, |c| c + 1),
            modularity,
            bridges: bridges.iter().map(|&(a, b)| (g[order[a]].id, g[order[b]].id)).collect(),
            level_matrix,
            province_matrix: matrix(&provinces, province_names.clone(), province_names, &pairs),
            sector_matrix: matrix(
                &sectors,
                reference.sectors.iter().map(|s| s.label(lang).to_owned()).collect(),
                reference.sectors.iter().map(|s| s.code.clone()).collect(),
                &pairs,
            ),
            ei_index: (external + internal > 0).then(|| (external - internal) as f64 / (external + internal) as f64),
        }
    });
    let gaps = timed(&mut timings, "gaps", || gaps::gaps(net, &order, &p, lang));
    timings.insert("total".into(), total.elapsed().as_secs_f64() * 1000.0);
    Analysis { nodes, network, gaps, sampling, timings_ms: timings }
}

/// The `k` actors that hold the network together: the highest betweenness (how often an actor
/// lies on the shortest paths between two others), ties to the lower id; only actors on some
/// such path (betweenness above zero). What the map marks as central.
pub fn central_actors(net: &Network, k: usize) -> Vec<petgraph::graph::NodeIndex> {
    let order = net.ordered_nodes();
    let position: HashMap<petgraph::graph::NodeIndex, usize> = order.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let g = &net.graph;
    let p = Projection::new(order.len(), g.edge_references().map(|e| (position[&e.source()], position[&e.target()])));
    let betweenness = match Mode::auto(order.len()) {
        Mode::Exact => paths::betweenness_closeness(&p.adj).0,
        Mode::Sampled(budget) => paths::betweenness_closeness_sampled(&p.adj, budget).0,
    };
    let mut ranked: Vec<(f64, i64, petgraph::graph::NodeIndex)> = order
        .iter()
        .enumerate()
        .filter(|(i, _)| betweenness[*i] > 0.0)
        .map(|(i, &n)| (betweenness[i], g[n].id, n))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().take(k).map(|(_, _, n)| n).collect()
}
