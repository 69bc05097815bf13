//! A snapshot: the network frozen under a name and a date (stakeholders, links, bodies and the
//! main measures), organisation-level data only: no e-mail, phone, contact person or note
//! ever enters one. Two snapshots, or a snapshot and now, compare as a [`Diff`].

use super::link::identity;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapStakeholder {
    pub id: i64,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: String,
    pub level: String,
    pub sectors: Vec<String>,
    pub territory: Vec<String>,
    pub key: bool,
    pub influence: Option<i64>,
    pub interest: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapLink {
    pub id: i64,
    pub source: i64,
    pub target: i64,
    pub link_type: String,
    pub directed: bool,
    pub strength: i64,
    pub formal: bool,
    pub since: Option<String>,
    pub until: Option<String>,
    pub confirmed: bool,
    pub provenance: String,
}

impl SnapLink {
    /// Two links are the same link when they join the same stakeholders with the same type.
    pub fn identity(&self) -> (i64, i64, String) {
        identity(self.source, self.target, &self.link_type, self.directed)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapBody {
    pub id: i64,
    pub name: String,
    pub members: Vec<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapMeasure {
    pub degree: usize,
    pub betweenness: f64,
    pub closeness: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SnapshotData {
    pub stakeholders: Vec<SnapStakeholder>,
    pub links: Vec<SnapLink>,
    pub bodies: Vec<SnapBody>,
    /// By stakeholder id.
    pub measures: BTreeMap<i64, SnapMeasure>,
    pub density: f64,
    pub components: usize,
}

/// A snapshot as listed: its data is read only when compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub id: i64,
    pub name: String,
    pub taken_on: time::Date,
    pub created_at: String,
    pub stakeholders: i64,
    pub links: i64,
}

/// How a measure of one stakeholder moved between two states.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureChange {
    pub id: i64,
    pub name: String,
    pub degree: (usize, usize),
    pub betweenness: (f64, f64),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub added_stakeholders: Vec<SnapStakeholder>,
    pub removed_stakeholders: Vec<SnapStakeholder>,
    pub added_links: Vec<SnapLink>,
    pub removed_links: Vec<SnapLink>,
    /// The stakeholders whose position changed most (betweenness, then degree), at most `top`.
    pub measure_changes: Vec<MeasureChange>,
    pub stakeholders: (usize, usize),
    pub links: (usize, usize),
    pub density: (f64, f64),
    pub components: (usize, usize),
    /// Names of every stakeholder of either state, for the links' ends.
    pub names: HashMap<i64, String>,
}

/// What changed from `before` to `after`; `top` bounds the list of measure changes.
pub fn diff(before: &SnapshotData, after: &SnapshotData, top: usize) -> Diff {
    let ids = |d: &SnapshotData| d.stakeholders.iter().map(|s| s.id).collect::<HashSet<i64>>();
    let (was, is) = (ids(before), ids(after));
    let links = |d: &SnapshotData| d.links.iter().map(SnapLink::identity).collect::<HashSet<_>>();
    let (had, has) = (links(before), links(after));
    let mut names: HashMap<i64, String> = HashMap::new();
    for s in before.stakeholders.iter().chain(&after.stakeholders) {
        names.insert(s.id, s.name.clone());
    }
    let zero = SnapMeasure::default();
    let mut measure_changes: Vec<MeasureChange> = is
        .union(&was)
        .map(|id| {
            let (a, b) = (before.measures.get(id).unwrap_or(&zero), after.measures.get(id).unwrap_or(&zero));
            MeasureChange {
                id: *id,
                name: names.get(id).cloned().unwrap_or_default(),
                degree: (a.degree, b.degree),
                betweenness: (a.betweenness, b.betweenness),
            }
        })
        .filter(|c| c.degree.0 != c.degree.1 || (c.betweenness.0 - c.betweenness.1).abs() > 1e-9)
        .collect();
    measure_changes.sort_by(|x, y| {
        let d = |c: &MeasureChange| (c.betweenness.1 - c.betweenness.0).abs();
        let g = |c: &MeasureChange| c.degree.1.abs_diff(c.degree.0);
        d(y).total_cmp(&d(x)).then(g(y).cmp(&g(x))).then(x.name.cmp(&y.name))
    });
    measure_changes.truncate(top);
    let by_name = |mut v: Vec<SnapStakeholder>| {
        v.sort_by(|a, b| a.name.cmp(&b.name));
        v
    };
    Diff {
        added_stakeholders: by_name(after.stakeholders.iter().filter(|s| !was.contains(&s.id)).cloned().collect()),
        removed_stakeholders: by_name(before.stakeholders.iter().filter(|s| !is.contains(&s.id)).cloned().collect()),
        added_links: after.links.iter().filter(|l| !had.contains(&l.identity())).cloned().collect(),
        removed_links: before.links.iter().filter(|l| !has.contains(&l.identity())).cloned().collect(),
        measure_changes,
        stakeholders: (before.stakeholders.len(), after.stakeholders.len()),
        links: (before.links.len(), after.links.len()),
        density: (before.density, after.density),
        components: (before.components, after.components),
        names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(id: i64, name: &str) -> SnapStakeholder {
        SnapStakeholder { id, name: name.into(), ..Default::default() }
    }

    fn l(id: i64, a: i64, b: i64, t: &str) -> SnapLink {
        SnapLink { id, source: a, target: b, link_type: t.into(), ..Default::default() }
    }

    fn m(degree: usize, betweenness: f64) -> SnapMeasure {
        SnapMeasure { degree, betweenness, closeness: 0.0 }
    }

    #[test]
    fn a_diff_lists_what_came_and_went_and_who_moved_most() {
        let before = SnapshotData {
            stakeholders: vec![s(1, "Alpha"), s(2, "Beta"), s(3, "Gamma")],
            links: vec![l(10, 1, 2, "coordinates"), l(11, 2, 3, "funds")],
            measures: BTreeMap::from([(1, m(1, 0.0)), (2, m(2, 1.0)), (3, m(1, 0.0))]),
            ..Default::default()
        };
        let after = SnapshotData {
            stakeholders: vec![s(1, "Alpha"), s(2, "Beta"), s(4, "Delta")],
            // The same coordination seen from the other end, and a derived link with a new id.
            links: vec![l(10, 2, 1, "coordinates"), l(-1, 1, 4, "meets")],
            measures: BTreeMap::from([(1, m(2, 1.0)), (2, m(1, 0.0)), (4, m(1, 0.0))]),
            ..Default::default()
        };
        let d = diff(&before, &after, 10);
        assert_eq!(d.added_stakeholders.iter().map(|s| s.id).collect::<Vec<_>>(), [4]);
        assert_eq!(d.removed_stakeholders.iter().map(|s| s.id).collect::<Vec<_>>(), [3]);
        assert_eq!(d.added_links.iter().map(|l| l.id).collect::<Vec<_>>(), [-1], "an undirected link has no side");
        assert_eq!(d.removed_links.iter().map(|l| l.id).collect::<Vec<_>>(), [11]);
        let moved: Vec<&str> = d.measure_changes.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(moved, ["Alpha", "Beta", "Delta", "Gamma"]);
        assert_eq!(d.measure_changes[0].betweenness, (0.0, 1.0));
        assert_eq!((d.stakeholders, d.links), ((3, 3), (2, 2)));
        assert_eq!(diff(&before, &after, 1).measure_changes.len(), 1);
        assert_eq!(
            diff(&after, &after, 10),
            Diff {
                stakeholders: (3, 3),
                links: (2, 2),
                names: d.names.clone().into_iter().filter(|(id, _)| *id != 3).collect(),
                ..Default::default()
            }
        );
    }
}
