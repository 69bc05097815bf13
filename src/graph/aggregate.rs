//! The map of a network too large to draw actor by actor (more than [`DETAIL_LIMIT`]): one
//! disc per group of actors (by level, then province, then kind: the first of these the
//! filters leave open), sized by its members, with the number of links inside it and between
//! each pair of groups. A click on a disc opens the map filtered to that group, which is drawn
//! actor by actor once small enough; so a 5,000-actor network reads as a dozen groups on a
//! projector, three clicks from any single actor. Pure: the caller gives the links' target.

use super::model::Network;
use super::style::kind_colours;
use crate::i18n::Lang;
use petgraph::visit::EdgeRef;
use quick_xml::escape::escape;
use std::collections::HashMap;
use std::fmt::Write;

/// Up to this many actors, the map draws each one; above, it draws groups.
pub const DETAIL_LIMIT: usize = 300;

/// What the groups are made by; each is also a filter of the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    Level,
    Province,
    Kind,
}

impl Dimension {
    /// The filter (query-string key) that opens a group.
    pub fn filter(self) -> &'static str {
        match self {
            Dimension::Level => "level",
            Dimension::Province => "province",
            Dimension::Kind => "kind",
        }
    }

    /// What the groups are made by, in words ("level", "province", …).
    pub fn name(self, lang: Lang) -> String {
        crate::i18n::text(lang, &format!("grouped-by-{}", self.filter()), &[])
    }
}

pub struct Group {
    /// The filter value that opens it (None: cannot be opened by a filter, e.g. actors
    /// without a province).
    pub value: Option<String>,
    pub label: String,
    pub members: usize,
    /// Links with both ends inside the group.
    pub inner: usize,
    /// Key actors among the members.
    pub key: usize,
    /// The kind most members have, for the disc's colour.
    pub main_kind: String,
    pub level_rank: usize,
}

pub struct Aggregate {
    pub dimension: Dimension,
    pub groups: Vec<Group>,
    /// Links between two groups: (group, group, count), first < second.
    pub between: Vec<(usize, usize, usize)>,
    pub actors: usize,
    pub links: usize,
}

/// The network grouped by the first dimension that the filters leave open and that splits it,
/// in the order level, province, kind; None when none does (it is then drawn in detail).
pub fn choose(net: &Network, lang: Lang, level_set: bool, province_set: bool, kind_set: bool) -> Option<Aggregate> {
    [(Dimension::Level, level_set), (Dimension::Province, province_set), (Dimension::Kind, kind_set)]
        .into_iter()
        .filter(|(_, set)| !set)
        .map(|(d, _)| aggregate(net, d, lang))
        .find(|agg| agg.groups.len() > 1)
}

pub fn aggregate(net: &Network, dimension: Dimension, lang: Lang) -> Aggregate {
    let g = &net.graph;
    let reference = &net.reference;
    let province_of: HashMap<&str, &str> = reference
        .territories
        .iter()
        .filter_map(|t| Some((t.ins_code.as_str(), t.province_ins.as_deref()?)))
        .chain(reference.provinces().map(|p| (p.ins_code.as_str(), p.ins_code.as_str())))
        .collect();
    let mut index: HashMap<Option<String>, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut kinds: Vec<HashMap<&str, usize>> = Vec::new();
    let mut group_of = HashMap::with_capacity(g.node_count());
    for n in g.node_indices() {
        let d = &g[n];
        let value = match dimension {
            Dimension::Level => Some(d.level.clone()),
            Dimension::Kind => Some(d.kind.clone()),
            Dimension::Province => {
                d.territory.iter().find_map(|ins| province_of.get(ins.as_str())).map(|p| (*p).to_owned())
            }
        };
        let i = *index.entry(value.clone()).or_insert_with(|| {
            let label = match (&value, dimension) {
                (Some(v), Dimension::Level) => net.level_label(v, lang),
                (Some(v), Dimension::Kind) => reference
                    .kinds
                    .iter()
                    .find(|k| k.code == *v)
                    .map_or_else(|| v.clone(), |k| k.label(lang).to_owned()),
                (Some(v), Dimension::Province) => {
                    reference.territory_by_ins(v).map_or_else(|| v.clone(), |t| t.label(lang))
                }
                (None, _) => crate::i18n::text(lang, "group-no-province", &[]),
            };
            groups.push(Group {
                value: value.clone(),
                label,
                members: 0,
                inner: 0,
                key: 0,
                main_kind: String::new(),
                level_rank: d.level_rank,
            });
            kinds.push(HashMap::new());
            groups.len() - 1
        });
        let group = &mut groups[i];
        group.members += 1;
        group.key += usize::from(d.key);
        group.level_rank = group.level_rank.min(d.level_rank);
        *kinds[i].entry(d.kind.as_str()).or_insert(0) += 1;
        group_of.insert(n, i);
    }
    for (group, kinds) in groups.iter_mut().zip(&kinds) {
        group.main_kind = kinds
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(k, _)| (*k).to_owned())
            .unwrap_or_default();
    }
    let mut pairs: HashMap<(usize, usize), usize> = HashMap::new();
    for e in g.edge_references() {
        let (a, b) = (group_of[&e.source()], group_of[&e.target()]);
        if a == b {
            groups[a].inner += 1;
        } else {
            *pairs.entry((a.min(b), a.max(b))).or_insert(0) += 1;
        }
    }
    // Groups in a stable order: by level, then largest first; pairs follow the new order.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&groups[a], &groups[b]);
        let by_level = dimension == Dimension::Level || dimension == Dimension::Province;
        (if by_level { x.level_rank.cmp(&y.level_rank) } else { std::cmp::Ordering::Equal })
            .then(y.members.cmp(&x.members))
            .then(x.label.cmp(&y.label))
    });
    let mut new_position = vec![0; groups.len()];
    for (to, &from) in order.iter().enumerate() {
        new_position[from] = to;
    }
    let mut slots: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    let groups: Vec<Group> = order.iter().map(|&i| slots[i].take().expect("each group once")).collect();
    let mut between: Vec<(usize, usize, usize)> = pairs
        .into_iter()
        .map(|((a, b), c)| {
            let (a, b) = (new_position[a], new_position[b]);
            (a.min(b), a.max(b), c)
        })
        .collect();
    between.sort_unstable();
    Aggregate { dimension, groups, between, actors: g.node_count(), links: g.edge_count() }
}

const SIZE: f64 = 1000.0;

/// The grouped map as an SVG: discs on a circle (area by members), links between groups as
/// lines (width by count, the count written at the middle), each disc a link to `href` of
/// its group.
pub fn render(
    agg: &Aggregate,
    lang: Lang,
    reference: &crate::domain::reference::Reference,
    href: &dyn Fn(&Group) -> Option<String>,
) -> String {
    let k = agg.groups.len().max(1);
    let largest = agg.groups.iter().map(|g| g.members).max().unwrap_or(1).max(1) as f64;
    let ring = SIZE / 2.0 - 150.0;
    let centre = SIZE / 2.0;
    let place = |i: usize| {
        let angle = -std::f64::consts::FRAC_PI_2 + 2.0 * std::f64::consts::PI * i as f64 / k as f64;
        if k == 1 { (centre, centre) } else { (centre + ring * angle.cos(), centre + ring * angle.sin()) }
    };
    let radius = |g: &Group| 18.0 + 62.0 * (g.members as f64 / largest).sqrt();
    let heaviest = agg.between.iter().map(|b| b.2).max().unwrap_or(1).max(1) as f64;
    let title = crate::i18n::tr!(
        lang,
        "grouped-title",
        actors = agg.actors,
        links = agg.links,
        by = agg.dimension.name(lang),
        groups = agg.groups.len()
    );
    let mut out = String::with_capacity(8_192 + agg.groups.len() * 600 + agg.between.len() * 300);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {SIZE} {SIZE}\" width=\"{SIZE}\" height=\"{SIZE}\" \
         font-family=\"Helvetica, Arial, sans-serif\" class=\"maillage-map grouped\" role=\"img\" aria-labelledby=\"map-title\">\
         <title id=\"map-title\">{}</title>",
        escape(&title)
    );
    for &(a, b, count) in &agg.between {
        let ((x1, y1), (x2, y2)) = (place(a), place(b));
        let width = 1.0 + 11.0 * (count as f64 / heaviest).sqrt();
        let label = crate::i18n::tr!(
            lang,
            "grouped-between",
            a = &agg.groups[a].label,
            b = &agg.groups[b].label,
            count = count
        );
        let _ = write!(
            out,
            "<g class=\"between\"><title>{}</title><line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" \
             stroke=\"#5b6b7b\" stroke-opacity=\"0.45\" stroke-width=\"{width:.1}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"15\" text-anchor=\"middle\" fill=\"#1d2a36\" \
             stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">{count}</text></g>",
            escape(&label),
            (x1 + x2) / 2.0,
            (y1 + y2) / 2.0 + 5.0
        );
    }
    for (i, group) in agg.groups.iter().enumerate() {
        let (x, y) = place(i);
        let r = radius(group);
        let (fill, stroke) = kind_colours(reference, &group.main_kind);
        let members = crate::i18n::tr!(lang, "grouped-members", actors = group.members, links = group.inner);
        let open = href(group);
        let hint = if open.is_some() { crate::i18n::text(lang, "grouped-click", &[]) } else { String::new() };
        if let Some(h) = &open {
            let _ = write!(out, "<a href=\"{}\" class=\"group\">", escape(h));
        } else {
            out.push_str("<g class=\"group\">");
        }
        // Labels below discs in the lower half, above in the upper half: away from the centre.
        let below = y >= centre || k == 1;
        let (label_y, count_y) = if below { (y + r + 22.0, y + r + 42.0) } else { (y - r - 30.0, y - r - 10.0) };
        let _ = write!(
            out,
            "<title>{}: {members}{hint}</title>\
             <circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"3\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"{:.0}\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#1d2a36\">{}</text>\
             <text x=\"{x:.1}\" y=\"{label_y:.1}\" font-size=\"20\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#1d2a36\" \
             stroke=\"#ffffff\" stroke-width=\"5\" paint-order=\"stroke\">{}</text>\
             <text x=\"{x:.1}\" y=\"{count_y:.1}\" font-size=\"16\" text-anchor=\"middle\" fill=\"#33414e\" \
             stroke=\"#ffffff\" stroke-width=\"5\" paint-order=\"stroke\">{}</text>",
            escape(&group.label),
            y + 7.0,
            (r * 0.55).clamp(14.0, 26.0),
            group.members,
            escape(&group.label),
            escape(&members)
        );
        out.push_str(if open.is_some() { "</a>" } else { "</g>" });
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::link::{Link, LinkData};
    use crate::domain::stakeholder::{Stakeholder, StakeholderData};
    use crate::domain::values::{StakeholderName, Strength};
    use crate::graph::GraphFilter;

    fn network(levels: &[&str], links: &[(usize, usize)]) -> Network {
        let reference = crate::domain::reference::tests::sample();
        let stakeholders: Vec<Stakeholder> = levels
            .iter()
            .enumerate()
            .map(|(i, level)| Stakeholder {
                id: i as i64 + 1,
                data: StakeholderData {
                    name: StakeholderName::trusted(format!("Acteur {i}")),
                    acronym: None,
                    kind: reference.kinds[i % 2].code.clone(),
                    level: (*level).to_owned(),
                    sectors: vec![],
                    territory: vec![],
                    description: None,
                    website: None,
                    email: None,
                    phone: None,
                    influence: None,
                    interest: None,
                    key: i == 0,
                    notes: None,
                    contacts: vec![],
                },
                archived: false,
                possible_duplicate_of: None,
                created_at: String::new(),
                updated_at: String::new(),
            })
            .collect();
        let links: Vec<Link> = links
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| Link {
                id: i as i64 + 1,
                data: LinkData {
                    source: a as i64 + 1,
                    target: b as i64 + 1,
                    link_type: reference.link_types[0].code.clone(),
                    directed: false,
                    strength: Strength::trusted(1),
                    formal: false,
                    since: None,
                    until: None,
                    note: None,
                    confirmed: true,
                },
                provenance: String::new(),
                archived: false,
                source_name: String::new(),
                target_name: String::new(),
                created_at: String::new(),
                updated_at: String::new(),
            })
            .collect();
        Network::build(reference, &stakeholders, &links, &GraphFilter::default())
    }

    #[test]
    fn groups_count_members_and_the_links_inside_and_between_them() {
        let net =
            network(&["local", "local", "local", "regional", "regional"], &[(0, 1), (1, 2), (2, 3), (3, 4), (0, 4)]);
        let agg = aggregate(&net, Dimension::Level, Lang::EN);
        assert_eq!(agg.groups.len(), 2);
        // Regional is above local: it comes first.
        assert_eq!(agg.groups[0].value.as_deref(), Some("regional"));
        assert_eq!((agg.groups[0].members, agg.groups[0].inner), (2, 1));
        assert_eq!((agg.groups[1].members, agg.groups[1].inner, agg.groups[1].key), (3, 2, 1));
        assert_eq!(agg.between, vec![(0, 1, 2)]);
        let svg = render(&agg, Lang::EN, &net.reference, &|g| g.value.as_ref().map(|v| format!("/map?level={v}&x=1")));
        assert!(svg.contains("href=\"/map?level=local&amp;x=1\""), "{svg}");
        assert!(svg.contains("3 actors · 2 links inside"));
        assert!(svg.contains(">2</text>"), "the count of links between the groups is written");
    }

    #[test]
    fn the_first_open_dimension_that_splits_the_network_is_chosen() {
        let net = network(&["local", "local", "regional"], &[(0, 1)]);
        let by = |level, province, kind| choose(&net, Lang::EN, level, province, kind).map(|a| a.dimension);
        assert_eq!(by(false, false, false), Some(Dimension::Level));
        // Level set: provinces do not split (no territory here), kinds do.
        assert_eq!(by(true, false, false), Some(Dimension::Kind));
        assert_eq!(by(true, true, true), None);
    }
}
