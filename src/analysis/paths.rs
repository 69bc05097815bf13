//! Betweenness and closeness in one pass: a breadth-first search from every stakeholder
//! (Brandes 2001), on compact arrays, the sources shared between the cores. Both measures are
//! normalised as NetworkX does (undirected betweenness over (n−1)(n−2); closeness with the
//! Wasserman–Faust correction). rustworkx-core computes each measure with its own search;
//! fusing them halves the work, which matters at 5,000 stakeholders and beyond.
//!
//! Above some size the exact measures cost too much for a page view, and a sample of sources
//! estimates them (Brandes & Pich 2007 for betweenness; Eppstein & Wang 2004 for closeness):
//! components no larger than their share of the sample are searched from every node (exact),
//! larger ones from a uniform sample of their nodes, each search weighted by the component's
//! size over its sample. The 95 % margin of each estimate is computed from the sample's own
//! variance, and the largest is reported with the figures.

use rayon::prelude::*;
use serde::Serialize;

/// Compressed adjacency: the neighbours of v are `targets[offsets[v]..offsets[v + 1]]`.
struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    fn new(adj: &[Vec<usize>]) -> Csr {
        let mut offsets = Vec::with_capacity(adj.len() + 1);
        let mut targets = Vec::with_capacity(adj.iter().map(Vec::len).sum());
        offsets.push(0);
        for list in adj {
            targets.extend(list.iter().map(|&v| v as u32));
            offsets.push(targets.len() as u32);
        }
        Csr { offsets, targets }
    }

    fn neighbours(&self, v: usize) -> &[u32] {
        &self.targets[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }
}

struct Scratch {
    dist: Vec<i32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
    /// Shortest-path DAG edges (v, w), v one step closer to the source, in discovery order.
    dag: Vec<(u32, u32)>,
}

/// How a sampled computation went: the sources searched and the largest 95 % margins.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Sampling {
    /// Breadth-first searches run, out of `nodes`.
    pub sources: usize,
    pub nodes: usize,
    /// Largest half-width of a 95 % interval of a (normalised) betweenness estimate.
    pub betweenness_margin: f64,
    /// Largest half-width of a 95 % interval of a closeness estimate.
    pub closeness_margin: f64,
}

/// One thread's sums over its sources.
struct Partial {
    between: Vec<f64>,
    /// Squares of each source's (unweighted) dependency, for the variance; sampled mode only.
    between_sq: Vec<f64>,
    /// Distances from the sources to each node, and their squares (sampled mode only).
    dist_sum: Vec<f64>,
    dist_sq: Vec<f64>,
    /// Each source's exact closeness.
    close: Vec<(usize, f64)>,
}

/// (betweenness, closeness) of every node of an undirected simple graph, exactly.
pub fn betweenness_closeness(adj: &[Vec<usize>]) -> (Vec<f64>, Vec<f64>) {
    let n = adj.len();
    let csr = Csr::new(adj);
    let sources: Vec<(usize, f64)> = (0..n).map(|v| (v, 1.0)).collect();
    let total = search(&csr, &sources, false);
    let mut closeness = vec![0.0; n];
    for (v, x) in total.close {
        closeness[v] = x;
    }
    (normalise(total.between, n), closeness)
}

/// Betweenness over (n−1)(n−2), as NetworkX normalises an undirected graph.
fn normalise(mut between: Vec<f64>, n: usize) -> Vec<f64> {
    let scale = if n > 2 { 1.0 / ((n - 1) * (n - 2)) as f64 } else { 0.0 };
    between.iter_mut().for_each(|b| *b *= scale);
    between
}

/// Estimates (betweenness, closeness) from about `budget` breadth-first searches, with the
/// margins of the estimates. Exact (and `Sampling::sources == nodes`) when the budget covers
/// every node. The sample is drawn with a fixed seed: the same data gives the same figures.
pub fn betweenness_closeness_sampled(adj: &[Vec<usize>], budget: usize) -> (Vec<f64>, Vec<f64>, Sampling) {
    let n = adj.len();
    if budget >= n {
        let (b, c) = betweenness_closeness(adj);
        return (b, c, Sampling { sources: n, nodes: n, betweenness_margin: 0.0, closeness_margin: 0.0 });
    }
    let csr = Csr::new(adj);
    // Components, and each one's share of the sample.
    let (component, sizes) = components(&csr);
    let mut members: Vec<Vec<usize>> = sizes.iter().map(|&s| Vec::with_capacity(s)).collect();
    for (v, &c) in component.iter().enumerate() {
        members[c].push(v);
    }
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut sources = Vec::with_capacity(budget * 2);
    let mut taken = vec![0usize; sizes.len()];
    for (c, list) in members.iter_mut().enumerate() {
        let size = list.len();
        let share = (budget * size).div_ceil(n).max(32).min(size);
        // A partial Fisher–Yates shuffle: the first `share` members are a uniform sample.
        for i in 0..share {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let j = i + (rng % (size - i) as u64) as usize;
            list.swap(i, j);
        }
        taken[c] = share;
        let weight = size as f64 / share as f64;
        sources.extend(list[..share].iter().map(|&v| (v, weight)));
    }
    let sampled = |c: usize| taken[c] < sizes[c];
    let total = search(&csr, &sources, true);
    let mut closeness = vec![0.0; n];
    let mut is_source = vec![false; n];
    for &(v, x) in &total.close {
        closeness[v] = x;
        is_source[v] = true;
    }
    let z = 1.96;
    let scale = if n > 2 { 1.0 / ((n - 1) * (n - 2)) as f64 } else { 0.0 };
    let (mut between_margin, mut close_margin) = (0.0f64, 0.0f64);
    for v in 0..n {
        let c = component[v];
        if !sampled(c) {
            continue;
        }
        let (k, size) = (taken[c] as f64, sizes[c] as f64);
        // Finite-population correction: sampling without replacement.
        let fpc = (1.0 - k / size).max(0.0);
        // Betweenness: the total is size × the mean dependency over the component's sources.
        let mean = total.between[v] / size;
        let var = (total.between_sq[v] / k - mean * mean).max(0.0);
        between_margin = between_margin.max(z * size * (var / k * fpc).sqrt() * scale);
        if is_source[v] {
            continue;
        }
        // Closeness: the mean distance to the component estimated by the mean distance
        // from the sampled sources (all in the component, none of them v).
        let mean_d = total.dist_sum[v] / k;
        if mean_d <= 0.0 {
            continue;
        }
        let r = size - 1.0;
        let value = r / ((n - 1) as f64 * mean_d);
        closeness[v] = value;
        let var_d = (total.dist_sq[v] / k - mean_d * mean_d).max(0.0);
        close_margin = close_margin.max(z * value * (var_d / k * fpc).sqrt() / mean_d);
    }
    let sampling = Sampling {
        sources: sources.len(),
        nodes: n,
        betweenness_margin: between_margin,
        closeness_margin: close_margin,
    };
    (normalise(total.between, n), closeness, sampling)
}

/// Component of each node and the components' sizes.
fn components(csr: &Csr) -> (Vec<usize>, Vec<usize>) {
    let n = csr.offsets.len() - 1;
    let mut component = vec![usize::MAX; n];
    let mut sizes = Vec::new();
    let mut queue = Vec::new();
    for start in 0..n {
        if component[start] != usize::MAX {
            continue;
        }
        let c = sizes.len();
        component[start] = c;
        queue.clear();
        queue.push(start as u32);
        let mut head = 0;
        while head < queue.len() {
            let v = queue[head] as usize;
            head += 1;
            for &w in csr.neighbours(v) {
                if component[w as usize] == usize::MAX {
                    component[w as usize] = c;
                    queue.push(w);
                }
            }
        }
        sizes.push(queue.len());
    }
    (component, sizes)
}

/// Searches from every (source, weight), the sources shared between the cores; sums the
/// weighted dependencies (and, when `sampled`, what the margins need).
fn search(csr: &Csr, sources: &[(usize, f64)], sampled: bool) -> Partial {
    let n = csr.offsets.len() - 1;
    let threads = rayon::current_num_threads().max(1);
    let chunk = sources.len().div_ceil(threads * 4).max(1);
    let extra = if sampled { n } else { 0 };
    let partials: Vec<Partial> = sources
        .par_chunks(chunk)
        .map(|chunk| {
            let mut s = Scratch {
                dist: vec![-1; n],
                sigma: vec![0.0; n],
                delta: vec![0.0; n],
                order: Vec::with_capacity(n),
                dag: Vec::with_capacity(csr.targets.len() / 2),
            };
            let mut p = Partial {
                between: vec![0.0; n],
                between_sq: vec![0.0; extra],
                dist_sum: vec![0.0; extra],
                dist_sq: vec![0.0; extra],
                close: Vec::with_capacity(chunk.len()),
            };
            for &(source, weight) in chunk {
                let c = single_source(csr, source, weight, &mut s, &mut p, sampled, n);
                p.close.push((source, c));
            }
            p
        })
        .collect();
    let mut total = Partial {
        between: vec![0.0; n],
        between_sq: vec![0.0; extra],
        dist_sum: vec![0.0; extra],
        dist_sq: vec![0.0; extra],
        close: Vec::with_capacity(sources.len()),
    };
    for p in partials {
        for (t, x) in total.between.iter_mut().zip(p.between) {
            *t += x;
        }
        for (t, x) in total.between_sq.iter_mut().zip(p.between_sq) {
            *t += x;
        }
        for (t, x) in total.dist_sum.iter_mut().zip(p.dist_sum) {
            *t += x;
        }
        for (t, x) in total.dist_sq.iter_mut().zip(p.dist_sq) {
            *t += x;
        }
        total.close.extend(p.close);
    }
    total
}

/// One breadth-first search: adds the source's weighted dependencies to `p`, returns the
/// source's closeness.
fn single_source(
    csr: &Csr,
    source: usize,
    weight: f64,
    s: &mut Scratch,
    p: &mut Partial,
    sampled: bool,
    n: usize,
) -> f64 {
    s.order.clear();
    s.dag.clear();
    s.dist[source] = 0;
    s.sigma[source] = 1.0;
    s.order.push(source as u32);
    let mut head = 0;
    let mut total_distance = 0i64;
    while head < s.order.len() {
        let v = s.order[head] as usize;
        head += 1;
        let dv = s.dist[v];
        total_distance += dv as i64;
        for &w in csr.neighbours(v) {
            let w = w as usize;
            if s.dist[w] < 0 {
                s.dist[w] = dv + 1;
                s.order.push(w as u32);
            }
            if s.dist[w] == dv + 1 {
                s.sigma[w] += s.sigma[v];
                s.dag.push((v as u32, w as u32));
            }
        }
    }
    // Dependencies: walking the DAG edges backwards, every edge out of w comes before the
    // edges into w (w was dequeued after its predecessors), so delta[w] is final when used.
    for &(v, w) in s.dag.iter().rev() {
        let (v, w) = (v as usize, w as usize);
        s.delta[v] += s.sigma[v] / s.sigma[w] * (1.0 + s.delta[w]);
    }
    for &w in &s.order[1..] {
        let w = w as usize;
        let d = s.delta[w];
        p.between[w] += weight * d;
        if sampled {
            p.between_sq[w] += d * d;
            let dist = s.dist[w] as f64;
            p.dist_sum[w] += dist;
            p.dist_sq[w] += dist * dist;
        }
    }
    let reached = s.order.len();
    for &v in &s.order {
        let v = v as usize;
        s.dist[v] = -1;
        s.sigma[v] = 0.0;
        s.delta[v] = 0.0;
    }
    if total_distance > 0 && n > 1 {
        let r = (reached - 1) as f64;
        (r / total_distance as f64) * (r / (n - 1) as f64)
    } else {
        0.0
    }
}
