//! Per-stakeholder measures on the undirected projection of the network (a link in either
//! direction is a tie): betweenness, closeness and eigenvector centrality (rustworkx-core,
//! normalised as NetworkX does), local clustering, Burt's constraint, articulation points,
//! bridges and components.

use petgraph::graph::{NodeIndex, UnGraph};
use rustworkx_core::centrality::{betweenness_centrality, closeness_centrality, eigenvector_centrality};
use rustworkx_core::connectivity::{articulation_points, bridges, connected_components};
use std::collections::HashSet;

/// The undirected simple graph of ties: nodes are 0..n in the network's node order.
pub struct Projection {
    pub graph: UnGraph<(), ()>,
    /// Sorted neighbour lists.
    pub adj: Vec<Vec<usize>>,
}

impl Projection {
    pub fn new(n: usize, pairs: impl IntoIterator<Item = (usize, usize)>) -> Projection {
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (a, b) in pairs {
            if a != b {
                adj[a].push(b);
                adj[b].push(a);
            }
        }
        let mut graph = UnGraph::with_capacity(n, 0);
        for _ in 0..n {
            graph.add_node(());
        }
        for (a, list) in adj.iter_mut().enumerate() {
            list.sort_unstable();
            list.dedup();
            for &b in list.iter().filter(|&&b| b > a) {
                graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), ());
            }
        }
        Projection { graph, adj }
    }

    pub fn len(&self) -> usize {
        self.adj.len()
    }

    pub fn is_empty(&self) -> bool {
        self.adj.is_empty()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }
}

/// Parallel above this many nodes (both cores of the machine).
const PARALLEL_THRESHOLD: usize = 200;

pub fn betweenness(p: &Projection) -> Vec<f64> {
    betweenness_centrality(&p.graph, false, true, PARALLEL_THRESHOLD).into_iter().map(|v| v.unwrap_or(0.0)).collect()
}

/// Closeness with the Wasserman–Faust correction for disconnected graphs (NetworkX's default).
pub fn closeness(p: &Projection) -> Vec<f64> {
    closeness_centrality(&p.graph, true, PARALLEL_THRESHOLD).into_iter().map(|v| v.unwrap_or(0.0)).collect()
}

/// Eigenvector centrality, unit Euclidean norm; None if the power iteration does not converge.
pub fn eigenvector(p: &Projection) -> Option<Vec<f64>> {
    let r: Result<Option<Vec<f64>>, std::convert::Infallible> =
        eigenvector_centrality(&p.graph, |_| Ok(1.0), Some(10_000), Some(1e-12));
    r.ok().flatten()
}

pub fn clustering(p: &Projection) -> Vec<f64> {
    (0..p.len())
        .map(|v| {
            let nbrs = &p.adj[v];
            let k = nbrs.len();
            if k < 2 {
                return 0.0;
            }
            let mut triangles = 0usize;
            for (i, &a) in nbrs.iter().enumerate() {
                for &b in &nbrs[i + 1..] {
                    if p.adj[a].binary_search(&b).is_ok() {
                        triangles += 1;
                    }
                }
            }
            2.0 * triangles as f64 / (k * (k - 1)) as f64
        })
        .collect()
}

/// Burt's constraint as NetworkX computes it on an unweighted graph: for node i,
/// Σ_j (p_ij + Σ_q p_iq p_qj)², with p_ij = 1/degree(i) for each neighbour j.
/// None for isolated nodes (NetworkX gives NaN).
pub fn constraint(p: &Projection) -> Vec<Option<f64>> {
    (0..p.len())
        .map(|i| {
            let ni = &p.adj[i];
            if ni.is_empty() {
                return None;
            }
            let pi = 1.0 / ni.len() as f64;
            let total = ni
                .iter()
                .map(|&j| {
                    let indirect: f64 = ni
                        .iter()
                        .filter(|&&q| q != j && p.adj[q].binary_search(&j).is_ok())
                        .map(|&q| pi / p.adj[q].len() as f64)
                        .sum();
                    (pi + indirect).powi(2)
                })
                .sum();
            Some(total)
        })
        .collect()
}

pub fn articulation(p: &Projection) -> HashSet<usize> {
    articulation_points(&p.graph, None).into_iter().map(|n| n.index()).collect()
}

/// Bridges as (smaller, larger) node pairs.
pub fn bridge_pairs(p: &Projection) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> =
        bridges(&p.graph).into_iter().map(|(a, b)| (a.index().min(b.index()), a.index().max(b.index()))).collect();
    out.sort_unstable();
    out
}

/// Connected components, largest first.
pub fn components(p: &Projection) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = connected_components(&p.graph)
        .into_iter()
        .map(|c| {
            let mut v: Vec<usize> = c.into_iter().map(|n| n.index()).collect();
            v.sort_unstable();
            v
        })
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out
}

/// Density of the undirected simple graph, as NetworkX defines it.
pub fn density(p: &Projection) -> f64 {
    let n = p.len() as f64;
    if n < 2.0 { 0.0 } else { 2.0 * p.edge_count() as f64 / (n * (n - 1.0)) }
}
