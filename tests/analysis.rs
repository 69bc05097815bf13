//! Network measures against published values: Zachary's karate club and Padgett's Florentine
//! families, as NetworkX 3.6.1 computes them (tests/data/networkx_reference.json, made by
//! NetworkX's own karate_club_graph() and florentine_families_graph()), to 1e-6; brokerage
//! roles, articulation points and bridges on hand-made graphs.

use maillage::analysis::centrality::{self, Projection};
use maillage::analysis::community;
use serde_json::Value;

fn reference() -> Value {
    serde_json::from_str(include_str!("data/networkx_reference.json")).unwrap()
}

fn projection(g: &Value) -> Projection {
    let n = g["nodes"].as_array().unwrap().len();
    let edges = g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e[0].as_u64().unwrap() as usize, e[1].as_u64().unwrap() as usize));
    Projection::new(n, edges)
}

fn close(name: &str, measure: &str, got: &[f64], expected: &Value) {
    let expected: Vec<f64> = expected.as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    assert_eq!(got.len(), expected.len());
    for (i, (a, b)) in got.iter().zip(&expected).enumerate() {
        assert!((a - b).abs() < 1e-6, "{name} {measure} node {i}: {a} vs NetworkX {b}");
    }
}

#[test]
fn centralities_match_networkx_on_karate_club_and_florentine_families() {
    let r = reference();
    for name in ["karate", "florentine"] {
        let g = &r[name];
        let p = projection(g);
        close(name, "betweenness", &centrality::betweenness(&p), &g["betweenness"]);
        close(name, "closeness", &centrality::closeness(&p), &g["closeness"]);
        let (between, closeness) = maillage::analysis::paths::betweenness_closeness(&p.adj);
        close(name, "betweenness (fused pass)", &between, &g["betweenness"]);
        close(name, "closeness (fused pass)", &closeness, &g["closeness"]);
        close(name, "eigenvector", &centrality::eigenvector(&p).expect("converges"), &g["eigenvector"]);
        close(name, "clustering", &centrality::clustering(&p), &g["clustering"]);
        let constraint: Vec<f64> = centrality::constraint(&p).into_iter().map(|c| c.expect("no isolates")).collect();
        close(name, "constraint", &constraint, &g["constraint"]);
        assert!((centrality::density(&p) - g["density"].as_f64().unwrap()).abs() < 1e-12);
    }
}

#[test]
fn articulation_points_and_bridges_match_networkx_on_the_florentine_families() {
    let r = reference();
    for name in ["karate", "florentine"] {
        let g = &r[name];
        let p = projection(g);
        let mut points: Vec<usize> = centrality::articulation(&p).into_iter().collect();
        points.sort_unstable();
        let expected: Vec<usize> =
            g["articulation"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap() as usize).collect();
        assert_eq!(points, expected, "{name}");
        let bridges: Vec<(usize, usize)> = centrality::bridge_pairs(&p);
        let expected: Vec<(usize, usize)> = g["bridges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| (b[0].as_u64().unwrap() as usize, b[1].as_u64().unwrap() as usize))
            .collect();
        assert_eq!(bridges, expected, "{name}");
    }
    // Medici (index 8 in sorted order) is the best-known broker of the Florentine network.
    let names = r["florentine"]["nodes"].as_array().unwrap();
    assert_eq!(names[8], "Medici");
}

#[test]
fn articulation_points_and_bridges_on_hand_made_graphs() {
    // A path 0-1-2-3: every inner node cuts it, every edge is a bridge.
    let path = Projection::new(4, [(0, 1), (1, 2), (2, 3)]);
    let mut points: Vec<usize> = centrality::articulation(&path).into_iter().collect();
    points.sort_unstable();
    assert_eq!(points, [1, 2]);
    assert_eq!(centrality::bridge_pairs(&path), [(0, 1), (1, 2), (2, 3)]);
    // A cycle has neither.
    let cycle = Projection::new(4, [(0, 1), (1, 2), (2, 3), (3, 0)]);
    assert!(centrality::articulation(&cycle).is_empty());
    assert!(centrality::bridge_pairs(&cycle).is_empty());
    // Two triangles sharing node 2, plus a pendant 5 on 4: cut points 2 and 4, one bridge.
    let bowtie = Projection::new(6, [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 2), (4, 5)]);
    let mut points: Vec<usize> = centrality::articulation(&bowtie).into_iter().collect();
    points.sort_unstable();
    assert_eq!(points, [2, 4]);
    assert_eq!(centrality::bridge_pairs(&bowtie), [(4, 5)]);
    assert_eq!(centrality::components(&Projection::new(5, [(0, 1), (2, 3)])).len(), 3);
}

#[test]
fn louvain_reaches_networkx_modularity_on_the_karate_club() {
    let r = reference();
    let p = projection(&r["karate"]);
    let c = community::louvain(&p.adj);
    let q = community::modularity(&p.adj, &c);
    // NetworkX's Louvain (seed 0) reaches 0.4198; the best known partition is 0.4198.
    let networkx = r["karate"]["louvain_modularity"].as_f64().unwrap();
    assert!(q > networkx - 0.01 && q <= 0.41979 + 1e-4, "modularity {q} vs NetworkX {networkx}");
    assert!((4..=5).contains(&(c.iter().max().unwrap() + 1)));
}

#[test]
fn the_fused_pass_agrees_with_rustworkx_on_a_random_disconnected_graph() {
    // A deterministic random graph in three pieces plus isolates: closeness needs the
    // Wasserman–Faust correction there, and betweenness must ignore unreachable pairs.
    let mut x: u64 = 0x2545F4914F6CDD1D;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut edges = Vec::new();
    for (lo, hi) in [(0usize, 120usize), (120, 180), (180, 195)] {
        for _ in 0..(hi - lo) * 2 {
            edges.push((lo + next(hi - lo), lo + next(hi - lo)));
        }
    }
    let p = Projection::new(200, edges);
    let (between, closeness) = maillage::analysis::paths::betweenness_closeness(&p.adj);
    for (i, (a, b)) in between.iter().zip(centrality::betweenness(&p)).enumerate() {
        assert!((a - b).abs() < 1e-9, "betweenness {i}: {a} vs rustworkx {b}");
    }
    for (i, (a, b)) in closeness.iter().zip(centrality::closeness(&p)).enumerate() {
        assert!((a - b).abs() < 1e-9, "closeness {i}: {a} vs rustworkx {b}");
    }
}

/// A deterministic random graph: a hub-and-tail component of `big` nodes (links preferring
/// the first 40) and small pieces of 3 to 6 nodes after it.
fn hub_and_tail(big: usize, small_pieces: usize) -> Projection {
    let mut x: u64 = 0x9E3779B97F4A7C15;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut edges = Vec::new();
    for v in 1..big {
        // A spanning tree keeps the big piece connected; then extra links.
        edges.push((v, next(v)));
    }
    for _ in 0..big * 2 {
        let a = if next(3) == 0 { next(40) } else { next(big) };
        edges.push((a, next(big)));
    }
    let mut start = big;
    for i in 0..small_pieces {
        let size = 3 + i % 4;
        for v in start + 1..start + size {
            edges.push((v - 1, v));
        }
        start += size;
    }
    Projection::new(start, edges)
}

#[test]
fn a_budget_that_covers_every_node_gives_the_exact_figures() {
    let p = hub_and_tail(300, 5);
    let (b, c) = maillage::analysis::paths::betweenness_closeness(&p.adj);
    let (sb, sc, s) = maillage::analysis::paths::betweenness_closeness_sampled(&p.adj, p.len());
    assert_eq!((s.sources, s.nodes), (p.len(), p.len()));
    assert_eq!((s.betweenness_margin, s.closeness_margin), (0.0, 0.0));
    assert_eq!((b, c), (sb, sc));
}

#[test]
fn sampled_betweenness_and_closeness_stay_within_their_stated_margins() {
    let p = hub_and_tail(3_000, 40);
    let n = p.len();
    let (b, c) = maillage::analysis::paths::betweenness_closeness(&p.adj);
    let (sb, sc, s) = maillage::analysis::paths::betweenness_closeness_sampled(&p.adj, 300);
    // The big component is sampled (≈ 300 of its 3,000 nodes), the small pieces searched
    // from every node.
    assert!(s.sources < 300 + 200 && s.sources >= 300, "{s:?}");
    assert_eq!(s.nodes, n);
    assert!(s.betweenness_margin > 0.0 && s.closeness_margin > 0.0, "{s:?}");
    // Margins are per-node 95 % intervals, reported at their widest: nearly every estimate
    // falls inside the widest one.
    let inside_b = (0..n).filter(|&v| (sb[v] - b[v]).abs() <= s.betweenness_margin).count();
    let inside_c = (0..n).filter(|&v| (sc[v] - c[v]).abs() <= s.closeness_margin).count();
    assert!(inside_b as f64 >= 0.99 * n as f64, "betweenness: {inside_b} of {n} within ±{}", s.betweenness_margin);
    assert!(inside_c as f64 >= 0.99 * n as f64, "closeness: {inside_c} of {n} within ±{}", s.closeness_margin);
    // The small pieces are exact.
    for v in 3_000..n {
        assert!((sb[v] - b[v]).abs() < 1e-12 && (sc[v] - c[v]).abs() < 1e-12, "node {v} of a small piece");
    }
    // The actor that holds the network together is found: the exact leader is among the
    // estimate's first three.
    let leader = (0..n).max_by(|&x, &y| b[x].total_cmp(&b[y])).unwrap();
    let mut ranked: Vec<usize> = (0..n).collect();
    ranked.sort_by(|&x, &y| sb[y].total_cmp(&sb[x]));
    assert!(ranked[..3].contains(&leader), "leader {leader} not in {:?}", &ranked[..3]);
    // The same data gives the same figures.
    let (again, _, _) = maillage::analysis::paths::betweenness_closeness_sampled(&p.adj, 300);
    assert_eq!(again, sb);
}
