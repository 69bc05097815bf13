//! Gould–Fernandez brokerage roles (Gould & Fernandez 1989, as statnet's `brokerage`
//! counts them): for each open two-path i → j → k (no tie i → k), broker j plays a role given
//! by the groups of i, j and k — here the institutional levels. Undirected links count in
//! both directions.

use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Roles {
    /// i, j, k in one group: brokering inside a level.
    pub coordinator: u64,
    /// i and k in one group, j outside it: an outsider brokering for a level.
    pub itinerant: u64,
    /// j in i's group, k outside: representing its level to another.
    pub representative: u64,
    /// j in k's group, i outside: controlling what enters its level.
    pub gatekeeper: u64,
    /// i, j, k in three groups: linking levels it belongs to neither of.
    pub liaison: u64,
}

impl Roles {
    pub fn total(&self) -> u64 {
        self.coordinator + self.itinerant + self.representative + self.gatekeeper + self.liaison
    }
}

/// `out[v]` and `inn[v]`: sorted successor and predecessor lists; `group[v]`: v's group.
pub fn brokerage(out: &[Vec<usize>], inn: &[Vec<usize>], group: &[usize]) -> Vec<Roles> {
    (0..out.len())
        .map(|j| {
            let mut r = Roles::default();
            for &i in &inn[j] {
                for &k in &out[j] {
                    if i == k || i == j || k == j || out[i].binary_search(&k).is_ok() {
                        continue;
                    }
                    let (gi, gj, gk) = (group[i], group[j], group[k]);
                    match (gi == gj, gj == gk, gi == gk) {
                        (true, true, _) => r.coordinator += 1,
                        (false, false, true) => r.itinerant += 1,
                        (true, false, _) => r.representative += 1,
                        (false, true, _) => r.gatekeeper += 1,
                        (false, false, false) => r.liaison += 1,
                    }
                }
            }
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lists(n: usize, edges: &[(usize, usize)]) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let mut out = vec![Vec::new(); n];
        let mut inn = vec![Vec::new(); n];
        for &(a, b) in edges {
            out[a].push(b);
            inn[b].push(a);
        }
        for l in out.iter_mut().chain(inn.iter_mut()) {
            l.sort_unstable();
        }
        (out, inn)
    }

    /// Hand-checked: broker 1 sits on five open two-paths, one of each role.
    #[test]
    fn each_role_on_a_hand_checked_example() {
        // Groups: 0,1,2 in A; 3,4 in B; 5 in C; 6 in A.
        let group = [0, 0, 0, 1, 1, 2, 0];
        let cases: [(&[(usize, usize)], Roles); 5] = [
            (&[(0, 1), (1, 2)], Roles { coordinator: 1, ..Default::default() }),
            (&[(3, 1), (1, 4)], Roles { itinerant: 1, ..Default::default() }),
            (&[(0, 1), (1, 3)], Roles { representative: 1, ..Default::default() }),
            (&[(3, 1), (1, 0)], Roles { gatekeeper: 1, ..Default::default() }),
            (&[(3, 1), (1, 5)], Roles { liaison: 1, ..Default::default() }),
        ];
        for (edges, expected) in cases {
            let (out, inn) = lists(7, edges);
            assert_eq!(brokerage(&out, &inn, &group)[1], expected, "{edges:?}");
        }
    }

    #[test]
    fn closed_two_paths_and_returns_are_not_brokerage() {
        let group = [0, 1, 2];
        // 0 → 1 → 2 but also 0 → 2: closed. 0 → 1 → 0: a return, not a two-path.
        let (out, inn) = lists(3, &[(0, 1), (1, 2), (0, 2), (1, 0)]);
        assert_eq!(brokerage(&out, &inn, &group)[1].total(), 0);
    }
}
