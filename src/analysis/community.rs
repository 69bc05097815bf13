//! Communities by the Louvain method (Blondel et al. 2008) on the undirected projection, and
//! Newman's modularity. Deterministic: nodes are visited in index order.

/// Modularity of a partition of an unweighted undirected graph (adjacency lists).
pub fn modularity(adj: &[Vec<usize>], community: &[usize]) -> f64 {
    let m2: f64 = adj.iter().map(|a| a.len() as f64).sum();
    if m2 == 0.0 {
        return 0.0;
    }
    let k = community.iter().copied().max().map_or(0, |c| c + 1);
    let mut inside = vec![0.0; k];
    let mut degree = vec![0.0; k];
    for (v, nbrs) in adj.iter().enumerate() {
        degree[community[v]] += nbrs.len() as f64;
        inside[community[v]] += nbrs.iter().filter(|&&u| community[u] == community[v]).count() as f64;
    }
    (0..k).map(|c| inside[c] / m2 - (degree[c] / m2).powi(2)).sum()
}

/// Louvain communities: a community index per node, numbered from 0 by first appearance.
pub fn louvain(adj: &[Vec<usize>]) -> Vec<usize> {
    let n = adj.len();
    // Weighted adjacency of the current level (self-loops carry internal weight).
    let mut graph: Vec<Vec<(usize, f64)>> = adj.iter().map(|a| a.iter().map(|&b| (b, 1.0)).collect()).collect();
    let mut membership: Vec<usize> = (0..n).collect();
    loop {
        let (level, improved) = one_level(&graph);
        if !improved {
            break;
        }
        for c in membership.iter_mut() {
            *c = level[*c];
        }
        graph = aggregate(&graph, &level);
    }
    renumber(&membership)
}

fn renumber(c: &[usize]) -> Vec<usize> {
    let mut map = std::collections::HashMap::new();
    c.iter()
        .map(|x| {
            let next = map.len();
            *map.entry(*x).or_insert(next)
        })
        .collect()
}

/// Moves nodes between communities while modularity increases; returns the (renumbered)
/// community of each node and whether anything moved.
fn one_level(graph: &[Vec<(usize, f64)>]) -> (Vec<usize>, bool) {
    let n = graph.len();
    let k: Vec<f64> = graph.iter().map(|e| e.iter().map(|&(_, w)| w).sum()).collect();
    let m2: f64 = k.iter().sum();
    let mut community: Vec<usize> = (0..n).collect();
    let mut total: Vec<f64> = k.clone();
    if m2 == 0.0 {
        return (community, false);
    }
    let mut improved = false;
    let mut weights: Vec<f64> = vec![0.0; n];
    let mut touched: Vec<usize> = Vec::new();
    loop {
        let mut moved = false;
        for v in 0..n {
            let own = community[v];
            for &(u, w) in &graph[v] {
                if u != v {
                    if weights[community[u]] == 0.0 {
                        touched.push(community[u]);
                    }
                    weights[community[u]] += w;
                }
            }
            total[own] -= k[v];
            let mut best = own;
            let mut best_gain = weights[own] - total[own] * k[v] / m2;
            for &c in &touched {
                let gain = weights[c] - total[c] * k[v] / m2;
                if gain > best_gain + 1e-12 {
                    best_gain = gain;
                    best = c;
                }
            }
            total[best] += k[v];
            if best != own {
                community[v] = best;
                moved = true;
                improved = true;
            }
            for &c in &touched {
                weights[c] = 0.0;
            }
            weights[own] = 0.0;
            touched.clear();
        }
        if !moved {
            break;
        }
    }
    (renumber(&community), improved)
}

fn aggregate(graph: &[Vec<(usize, f64)>], community: &[usize]) -> Vec<Vec<(usize, f64)>> {
    let k = community.iter().copied().max().map_or(0, |c| c + 1);
    let mut sums: Vec<std::collections::BTreeMap<usize, f64>> = vec![Default::default(); k];
    for (v, edges) in graph.iter().enumerate() {
        for &(u, w) in edges {
            *sums[community[v]].entry(community[u]).or_insert(0.0) += w;
        }
    }
    sums.into_iter().map(|m| m.into_iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_triangles_joined_by_one_edge_are_two_communities() {
        let edges = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)];
        let mut adj = vec![Vec::new(); 6];
        for (a, b) in edges {
            adj[a].push(b);
            adj[b].push(a);
        }
        let c = louvain(&adj);
        assert_eq!(c, [0, 0, 0, 1, 1, 1]);
        // Published value for this graph: 2 × (3/7 − (7/14)²) = 5/14.
        assert!((modularity(&adj, &c) - 5.0 / 14.0).abs() < 1e-12);
    }
}
