//! The network as a petgraph graph: stakeholders as nodes, links as edges, each with the
//! attributes the map and the exports need, and the filters shared by every view.

use crate::domain::campaign::Participation;
use crate::domain::filter::{Criteria, RawCriteria};
use crate::domain::link::Link;
use crate::domain::problem::{Collector, FieldError, Problem};
use crate::domain::reference::{Reference, TerritoryKind};
use crate::domain::stakeholder::{NameIndex, NameKeys, Stakeholder};
use crate::domain::text::{given, key};
use crate::domain::values::{bounded_int, date, flag, format_date};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Deserialize;
use std::collections::{HashMap, HashSet, VecDeque};
use time::Date;

#[derive(Debug, Clone)]
pub struct NodeData {
    pub id: i64,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: String,
    pub level: String,
    /// Position of the level from the top (international) down.
    pub level_rank: usize,
    pub sectors: Vec<String>,
    pub territory: Vec<String>,
    /// Names of the provinces the stakeholder acts in ("Wallonie" for region-wide actors).
    pub provinces: Vec<String>,
    pub key: bool,
    pub influence: Option<i64>,
    pub interest: Option<i64>,
    pub degree: usize,
    /// With a survey campaign's overlay: where the stakeholder stands in it (None: no overlay).
    pub participation: Option<Participation>,
    /// On a comparison map: whether it came or went since the other state.
    pub change: Option<Change>,
    /// One of the few actors that hold the network together (highest betweenness), marked
    /// on the map by whoever computed it (the application layer, with `analysis`).
    pub central: bool,
}

/// How a stakeholder or a link differs on a comparison map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
}

impl NodeData {
    /// The short label drawn on the map: the acronym when there is one.
    pub fn label(&self) -> &str {
        self.acronym.as_deref().filter(|a| !a.is_empty()).unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone)]
pub struct EdgeData {
    pub id: i64,
    pub link_type: String,
    pub directed: bool,
    pub strength: i64,
    pub formal: bool,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub note: Option<String>,
    pub provenance: String,
    pub confirmed: bool,
    /// On a comparison map: whether it came or went since the other state.
    pub change: Option<Change>,
}

impl EdgeData {
    pub fn since_text(&self) -> String {
        self.since.map(format_date).unwrap_or_default()
    }
    pub fn until_text(&self) -> String {
        self.until.map(format_date).unwrap_or_default()
    }
}

/// The filtered network. Undirected links are edges with `directed == false`.
pub struct Network {
    pub graph: DiGraph<NodeData, EdgeData>,
    pub reference: Reference,
    /// How the map will be drawn: for a screen, or for a projector.
    pub drawing: Drawing,
    /// With a survey campaign's overlay: the invitees left off the map because they neither
    /// answered nor were named by anyone who did (they would only bury the observed network).
    pub unseen_invitees: usize,
}

/// The two ways of drawing a map: on a screen (compact), or on a projector in a room, where
/// every name must be read from the back (labels of 16 px and more at 1920 px wide, names
/// wrapped on up to three lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Drawing {
    #[default]
    Screen,
    Projector,
}

/// Which part of the network to show. Every view (map, exports, CLI) takes the same filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct GraphFilter {
    pub level: Option<String>,
    pub kind: Option<String>,
    pub sector: Option<String>,
    /// INS code of a province: stakeholders acting on it or on a unit inside it.
    pub province: Option<String>,
    /// INS code of a commune: stakeholders whose territory includes it, its arrondissement or province.
    pub commune: Option<String>,
    pub link_type: Option<String>,
    pub formal: Option<bool>,
    pub confirmed_only: bool,
    pub key_only: bool,
    /// Ego network: this stakeholder and everyone within `depth` links of it.
    pub ego: Option<i64>,
    pub depth: usize,
    /// Only links valid on this date (open ends count as valid).
    pub date: Option<Date>,
    /// Only the ties declared in this survey campaign, marking who has not answered.
    pub campaign: Option<i64>,
    /// Leave out the `meets` links derived from shared meetings (they are in by default).
    pub without_meetings: bool,
    /// A coordination body, drawn as its group: its members and the links between them.
    pub body: Option<i64>,
    /// The members of `body`, filled in by the caller that can read them.
    pub members: Option<std::collections::BTreeSet<i64>>,
}

/// The filters as they arrive in a query string or on the command line.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct FilterQuery {
    /// Institutional level: code or label (`GET /api/reference`).
    pub level: Option<String>,
    /// Kind of actor: code or label.
    pub kind: Option<String>,
    /// Sector: code or label.
    pub sector: Option<String>,
    /// Province: INS code or name.
    pub province: Option<String>,
    /// Commune: INS code or name.
    pub commune: Option<String>,
    /// Link type: code or label.
    #[serde(rename = "type")]
    pub link_type: Option<String>,
    /// `yes` or `no`: formal links only, or informal ones only.
    pub formal: Option<String>,
    /// `yes` or `no`: confirmed links only, or unconfirmed ones only.
    pub confirmed: Option<String>,
    /// `yes`: key stakeholders only.
    pub key: Option<String>,
    /// A stakeholder (id or name): its ego network.
    pub ego: Option<String>,
    /// Steps from the ego (1 to 3).
    pub depth: Option<String>,
    /// `YYYY-MM-DD`: the links in force that day.
    pub date: Option<String>,
    /// A survey campaign's id: only the ties it declared, each actor marked with where it
    /// stands (answered, draft, silent, not invited).
    pub campaign: Option<String>,
    /// `no`: leave out the links derived from shared meetings.
    pub meetings: Option<String>,
    /// A coordination body's id: its members only.
    pub body: Option<String>,
}

impl FilterQuery {
    /// The filters that are set, as query-string pairs (for links that keep them).
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        [
            ("level", &self.level),
            ("kind", &self.kind),
            ("sector", &self.sector),
            ("province", &self.province),
            ("commune", &self.commune),
            ("type", &self.link_type),
            ("formal", &self.formal),
            ("confirmed", &self.confirmed),
            ("key", &self.key),
            ("ego", &self.ego),
            ("depth", &self.depth),
            ("date", &self.date),
            ("campaign", &self.campaign),
            ("meetings", &self.meetings),
            ("body", &self.body),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.clone().filter(|v| !v.trim().is_empty()).map(|v| (k, v)))
        .collect()
    }

    /// Resolves codes, labels, names and dates; every problem is reported.
    pub fn parse(&self, reference: &Reference, names: &[NameKeys]) -> Result<GraphFilter, Vec<FieldError>> {
        let mut e = Collector::default();
        let raw = RawCriteria {
            level: &self.level,
            kind: &self.kind,
            sector: &self.sector,
            province: &self.province,
            key: &self.key,
        };
        let Criteria { level, kind, sector, province, key_only } = raw.parse(reference, &mut e);
        let commune = given(&self.commune).and_then(|v| {
            e.take(
                "commune",
                reference.territory(v, Some("local")).and_then(|t| match t.kind {
                    TerritoryKind::Commune => Ok(t.ins_code.clone()),
                    _ => Err(Problem::Unknown {
                        what: crate::domain::problem::RefTable::Territory,
                        value: v.to_owned(),
                        expected: vec!["un nom de commune / a commune name".into(), "un code INS / an INS code".into()],
                    }),
                }),
            )
        });
        let link_type =
            given(&self.link_type).and_then(|v| e.take("type", reference.link_type(v).map(|i| i.code.clone())));
        let formal = given(&self.formal).and_then(|v| e.take("formal", flag(v)));
        let confirmed_only = given(&self.confirmed).and_then(|v| e.take("confirmed", flag(v))).unwrap_or(false);
        let index = NameIndex::new(names.iter().cloned());
        let ego = given(&self.ego).and_then(|v| e.take("ego", index.resolve(v)));
        let depth = given(&self.depth).and_then(|v| e.take("depth", bounded_int(v, 1, 6))).unwrap_or(1) as usize;
        let date = given(&self.date).and_then(|v| e.take("date", date(v)));
        let campaign = given(&self.campaign).and_then(|v| e.take("campaign", bounded_int(v, 1, i64::MAX / 4)));
        let without_meetings =
            given(&self.meetings).and_then(|v| e.take("meetings", flag(v))).is_some_and(|keep| !keep);
        let body = given(&self.body).and_then(|v| e.take("body", bounded_int(v, 1, i64::MAX / 4)));
        e.finish(|| GraphFilter {
            level,
            kind,
            sector,
            province,
            commune,
            link_type,
            formal,
            confirmed_only,
            key_only,
            ego,
            depth,
            date,
            campaign,
            without_meetings,
            body,
            members: None,
        })
    }
}

impl GraphFilter {
    /// A stable text form, for cache keys.
    pub fn cache_key(&self) -> String {
        format!("{self:?}")
    }

    fn keeps_node(&self, s: &Stakeholder, reference: &Reference) -> bool {
        let d = &s.data;
        let in_province = |p: &str| {
            d.territory
                .iter()
                .any(|ins| reference.territory_by_ins(ins).is_some_and(|t| t.province_ins.as_deref() == Some(p)))
        };
        let covers_commune = |c: &str| {
            let Some(commune) = reference.territory_by_ins(c) else { return false };
            d.territory.iter().any(|ins| {
                ins == c || Some(ins) == commune.parent_ins.as_ref() || Some(ins) == commune.province_ins.as_ref()
            })
        };
        self.level.as_ref().is_none_or(|l| *l == d.level)
            && self.kind.as_ref().is_none_or(|k| *k == d.kind)
            && self.sector.as_ref().is_none_or(|c| d.sectors.contains(c))
            && self.province.as_deref().is_none_or(in_province)
            && self.commune.as_deref().is_none_or(covers_commune)
            && (!self.key_only || d.key)
            && self.members.as_ref().is_none_or(|m| m.contains(&s.id))
    }

    fn keeps_link(&self, l: &Link) -> bool {
        let d = &l.data;
        self.link_type.as_ref().is_none_or(|t| *t == d.link_type)
            && self.formal.is_none_or(|f| f == d.formal)
            && (!self.confirmed_only || d.confirmed)
            && self.date.is_none_or(|day| d.since.is_none_or(|s| s <= day) && d.until.is_none_or(|u| day <= u))
    }
}

impl Network {
    /// Builds the filtered network from active stakeholders and links.
    pub fn build(reference: Reference, stakeholders: &[Stakeholder], links: &[Link], filter: &GraphFilter) -> Network {
        let mut graph = DiGraph::new();
        let mut index: HashMap<i64, NodeIndex> = HashMap::new();
        let level_rank: HashMap<&str, usize> =
            reference.levels.iter().enumerate().map(|(i, l)| (l.code.as_str(), i)).collect();
        for s in stakeholders.iter().filter(|s| !s.archived && filter.keeps_node(s, &reference)) {
            let d = &s.data;
            let mut provinces: Vec<String> = d
                .territory
                .iter()
                .filter_map(|ins| reference.territory_by_ins(ins))
                .map(|t| match (&t.kind, &t.province_ins) {
                    (TerritoryKind::Region, _) => "Wallonie".to_owned(),
                    (_, Some(p)) => reference.territory_by_ins(p).map_or_else(|| p.clone(), |p| p.name().to_owned()),
                    (_, None) => t.name().to_owned(),
                })
                .collect();
            provinces.sort();
            provinces.dedup();
            let node = graph.add_node(NodeData {
                id: s.id,
                name: d.name.as_str().to_owned(),
                acronym: d.acronym.clone(),
                kind: d.kind.clone(),
                level: d.level.clone(),
                level_rank: level_rank.get(d.level.as_str()).copied().unwrap_or(usize::MAX),
                sectors: d.sectors.clone(),
                territory: d.territory.clone(),
                provinces,
                key: d.key,
                influence: d.influence.map(|x| x.get()),
                interest: d.interest.map(|x| x.get()),
                degree: 0,
                participation: None,
                change: None,
                central: false,
            });
            index.insert(s.id, node);
        }
        for l in links.iter().filter(|l| !l.archived && filter.keeps_link(l)) {
            let (Some(&a), Some(&b)) = (index.get(&l.data.source), index.get(&l.data.target)) else { continue };
            let d = &l.data;
            graph.add_edge(
                a,
                b,
                EdgeData {
                    id: l.id,
                    link_type: d.link_type.clone(),
                    directed: d.directed,
                    strength: d.strength.get(),
                    formal: d.formal,
                    since: d.since,
                    until: d.until,
                    note: d.note.clone(),
                    provenance: l.provenance.clone(),
                    confirmed: d.confirmed,
                    change: None,
                },
            );
        }
        if let Some(center) = filter.ego.and_then(|id| index.get(&id).copied()) {
            graph = ego_network(graph, center, filter.depth);
        } else if filter.ego.is_some() {
            graph.clear();
        }
        let mut net = Network { graph, reference, drawing: Drawing::Screen, unseen_invitees: 0 };
        net.count_degrees();
        net
    }

    fn count_degrees(&mut self) {
        for n in self.graph.node_indices().collect::<Vec<_>>() {
            self.graph[n].degree = self.graph.edges_directed(n, Direction::Outgoing).count()
                + self.graph.edges_directed(n, Direction::Incoming).count();
        }
    }

    /// The network a survey campaign observed: only the links its ties declared, between the
    /// invitees who answered or started and whoever is named; each node marked with where it
    /// stands, so that the map can show who did not answer (non-response biases the network).
    /// Invitees with nothing saved whom nobody named are left off and counted.
    pub fn overlay_survey(&mut self, links: &HashSet<i64>, invitees: &HashMap<i64, Participation>) {
        self.graph.retain_edges(|g, e| links.contains(&g[e].id));
        let before = self.graph.node_weights().filter(|d| invitees.contains_key(&d.id)).count();
        self.graph.retain_nodes(|g, n| {
            invitees.get(&g[n].id).is_some_and(|p| *p != Participation::Silent)
                || g.edges_directed(n, Direction::Outgoing).next().is_some()
                || g.edges_directed(n, Direction::Incoming).next().is_some()
        });
        let after = self.graph.node_weights().filter(|d| invitees.contains_key(&d.id)).count();
        self.unseen_invitees = before - after;
        for n in self.graph.node_indices().collect::<Vec<_>>() {
            self.graph[n].participation =
                Some(invitees.get(&self.graph[n].id).copied().unwrap_or(Participation::NotInvited));
        }
        self.count_degrees();
    }

    /// Marks the stakeholders (by id) and links (by identity) that came or went.
    pub fn mark(&mut self, nodes: &HashSet<i64>, links: &HashSet<(i64, i64, String)>, change: Change) {
        for n in self.graph.node_indices().collect::<Vec<_>>() {
            if nodes.contains(&self.graph[n].id) {
                self.graph[n].change = Some(change);
            }
        }
        for e in self.graph.edge_indices().collect::<Vec<_>>() {
            let Some((a, b)) = self.graph.edge_endpoints(e) else { continue };
            let (a, b) = (self.graph[a].id, self.graph[b].id);
            let d = &self.graph[e];
            if links.contains(&crate::domain::link::identity(a, b, &d.link_type, d.directed)) {
                self.graph[e].change = Some(change);
            }
        }
    }

    /// Which standings in a campaign the map shows (none without a campaign's overlay), in
    /// the legend's order.
    pub fn participations(&self) -> Vec<Participation> {
        Participation::ALL
            .into_iter()
            .filter(|p| self.graph.node_weights().any(|d| d.participation == Some(*p)))
            .collect()
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Nodes in level order, then by name: the order of every listing and export.
    pub fn ordered_nodes(&self) -> Vec<NodeIndex> {
        let mut nodes: Vec<NodeIndex> = self.graph.node_indices().collect();
        nodes.sort_by_cached_key(|&n| (self.graph[n].level_rank, key(&self.graph[n].name)));
        nodes
    }

    pub fn level_label(&self, code: &str, lang: crate::i18n::Lang) -> String {
        crate::domain::reference::label_of(&self.reference.levels, code, lang)
    }
}

/// The subgraph within `depth` links of `center`, following links in either direction.
fn ego_network(graph: DiGraph<NodeData, EdgeData>, center: NodeIndex, depth: usize) -> DiGraph<NodeData, EdgeData> {
    let mut distance: HashMap<NodeIndex, usize> = HashMap::from([(center, 0)]);
    let mut queue = VecDeque::from([center]);
    while let Some(n) = queue.pop_front() {
        let d = distance[&n];
        if d == depth {
            continue;
        }
        for m in graph.neighbors_undirected(n) {
            if let std::collections::hash_map::Entry::Vacant(v) = distance.entry(m) {
                v.insert(d + 1);
                queue.push_back(m);
            }
        }
    }
    let keep: HashSet<NodeIndex> = distance.keys().copied().collect();
    graph.filter_map(
        |n, w| keep.contains(&n).then(|| w.clone()),
        |e, w| {
            let (a, b) = graph.edge_endpoints(e)?;
            (keep.contains(&a) && keep.contains(&b)).then(|| w.clone())
        },
    )
}

/// The ids of the edges' ends, for tests and exports.
pub fn edge_ends(net: &Network) -> Vec<(i64, i64, String)> {
    net.graph
        .edge_references()
        .map(|e| (net.graph[e.source()].id, net.graph[e.target()].id, e.weight().link_type.clone()))
        .collect()
}
