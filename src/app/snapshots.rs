//! Snapshots of the network: taken by editors under a name and a date, listed and compared by
//! every signed-in role. A snapshot holds organisation-level data only (see
//! `domain::snapshot`), so it may reach viewers whole.

use super::{Action, Actor, AppError, AppState, Work};
use crate::domain::link::{Link, LinkData};
use crate::domain::problem::{Collector, Problem};
use crate::domain::reference::Reference;
use crate::domain::snapshot::{Diff, SnapBody, SnapLink, SnapMeasure, SnapStakeholder, Snapshot, SnapshotData, diff};
use crate::domain::stakeholder::{Stakeholder, StakeholderData};
use crate::domain::values::{Score, StakeholderName, Strength, date, format_date, short_text};
use crate::graph::model::{Change, FilterQuery};
use crate::graph::{GraphFilter, Network};
use crate::i18n::Lang;
use crate::store;
use petgraph::visit::EdgeRef;
use std::collections::HashSet;

/// The whole network as it stands (every observed link, shared meetings included), frozen.
pub async fn current(state: &AppState, actor: &Actor, lang: Lang) -> Result<SnapshotData, AppError> {
    let analysed = super::network::analysis(state, actor, &FilterQuery::default(), lang).await?;
    let bodies = super::mechanism::bodies(state, actor, false).await?;
    Ok(freeze(&analysed.network, &analysed.analysis, &bodies))
}

/// The frozen form of a network, its analysis and the bodies.
pub fn freeze(
    net: &Network,
    analysis: &crate::analysis::Analysis,
    bodies: &[crate::domain::mechanism::Body],
) -> SnapshotData {
    let g = &net.graph;
    SnapshotData {
        stakeholders: net
            .ordered_nodes()
            .into_iter()
            .map(|n| {
                let d = &g[n];
                SnapStakeholder {
                    id: d.id,
                    name: d.name.clone(),
                    acronym: d.acronym.clone(),
                    kind: d.kind.clone(),
                    level: d.level.clone(),
                    sectors: d.sectors.clone(),
                    territory: d.territory.clone(),
                    key: d.key,
                    influence: d.influence,
                    interest: d.interest,
                }
            })
            .collect(),
        links: g
            .edge_references()
            .map(|e| {
                let d = e.weight();
                SnapLink {
                    id: d.id,
                    source: g[e.source()].id,
                    target: g[e.target()].id,
                    link_type: d.link_type.clone(),
                    directed: d.directed,
                    strength: d.strength,
                    formal: d.formal,
                    since: d.since.map(format_date),
                    until: d.until.map(format_date),
                    confirmed: d.confirmed,
                    provenance: d.provenance.clone(),
                }
            })
            .collect(),
        bodies: bodies.iter().map(|b| SnapBody { id: b.id, name: b.name.clone(), members: b.member_ids() }).collect(),
        measures: analysis
            .nodes
            .iter()
            .map(|m| (m.id, SnapMeasure { degree: m.degree, betweenness: m.betweenness, closeness: m.closeness }))
            .collect(),
        density: analysis.network.density,
        components: analysis.network.components,
    }
}

pub async fn list(state: &AppState, actor: &Actor) -> Result<Vec<Snapshot>, AppError> {
    actor.require(Action::Read)?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(store::snapshots::list(&mut conn).await?)
}

/// Freezes the network now under `name`, dated `taken_on` (today when empty).
pub async fn take(
    state: &AppState,
    actor: &Actor,
    name: Option<&str>,
    taken_on: Option<&str>,
    lang: Lang,
) -> Result<Snapshot, AppError> {
    actor.require(Action::Edit)?;
    let mut e = Collector::default();
    let name =
        e.take("name", short_text(name, crate::domain::limits::SHORT_TEXT).and_then(|n| n.ok_or(Problem::Required)));
    let taken_on = match taken_on.map(str::trim).filter(|s| !s.is_empty()) {
        Some(d) => e.take("taken_on", date(d)),
        None => Some(state.clock.now().date()),
    };
    let (name, taken_on) =
        e.finish(|| (name.unwrap_or_default(), taken_on.unwrap_or(time::Date::MIN))).map_err(AppError::Validation)?;
    let data = current(state, actor, lang).await?;
    let mut work = Work::begin(state, actor, "snapshots.take").await?;
    let id = store::snapshots::create(&mut work, &name, taken_on, &data).await?;
    let (stored, _) = store::snapshots::get(&mut work, id).await?.ok_or(AppError::NotFound)?;
    work.commit().await?;
    Ok(stored)
}

pub async fn delete(state: &AppState, actor: &Actor, id: i64) -> Result<(), AppError> {
    actor.require(Action::Edit)?;
    let mut work = Work::begin(state, actor, "snapshots.delete").await?;
    store::snapshots::delete(&mut work, id).await?;
    work.commit().await
}

/// One side of a comparison: a snapshot, or the network now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Snapshot(i64),
    Now,
}

impl Side {
    /// `now`, or a snapshot's id.
    pub fn parse(raw: &str) -> Result<Side, Problem> {
        match raw.trim() {
            "" | "now" => Ok(Side::Now),
            s => crate::domain::values::bounded_int(s, 1, i64::MAX / 4).map(Side::Snapshot),
        }
    }
}

/// A state of the network to compare: its snapshot (None: now) and its data.
pub struct State {
    pub snapshot: Option<Snapshot>,
    pub data: SnapshotData,
}

pub struct Comparison {
    pub before: State,
    pub after: State,
    pub diff: Diff,
}

async fn state_of(state: &AppState, actor: &Actor, side: Side, lang: Lang) -> Result<State, AppError> {
    match side {
        Side::Now => Ok(State { snapshot: None, data: current(state, actor, lang).await? }),
        Side::Snapshot(id) => {
            let mut conn = state.db.pool.acquire().await?;
            let (snapshot, data) = store::snapshots::get(&mut conn, id).await?.ok_or(AppError::NotFound)?;
            Ok(State { snapshot: Some(snapshot), data })
        }
    }
}

/// Compares two states; `top` bounds the list of stakeholders whose position moved most.
pub async fn compare(
    state: &AppState,
    actor: &Actor,
    from: Side,
    to: Side,
    top: usize,
    lang: Lang,
) -> Result<Comparison, AppError> {
    actor.require(Action::Read)?;
    let before = state_of(state, actor, from, lang).await?;
    let after = state_of(state, actor, to, lang).await?;
    let diff = diff(&before.data, &after.data, top);
    Ok(Comparison { before, after, diff })
}

/// The network of a frozen state, with what `diff` says came (on the after side) or went (on
/// the before side) marked, for the side-by-side maps.
pub fn network_of(reference: Reference, data: &SnapshotData, diff: &Diff, side: Change) -> Network {
    let stakeholders: Vec<Stakeholder> = data
        .stakeholders
        .iter()
        .map(|s| Stakeholder {
            id: s.id,
            data: StakeholderData {
                name: StakeholderName::trusted(s.name.clone()),
                acronym: s.acronym.clone(),
                kind: s.kind.clone(),
                level: s.level.clone(),
                sectors: s.sectors.clone(),
                territory: s.territory.clone(),
                description: None,
                website: None,
                email: None,
                phone: None,
                influence: s.influence.map(Score::trusted),
                interest: s.interest.map(Score::trusted),
                key: s.key,
                notes: None,
                contacts: Vec::new(),
            },
            archived: false,
            created_at: String::new(),
            updated_at: String::new(),
            possible_duplicate_of: None,
        })
        .collect();
    let day = |d: &Option<String>| d.as_deref().and_then(|d| date(d).ok());
    let links: Vec<Link> = data
        .links
        .iter()
        .map(|l| Link {
            id: l.id,
            data: LinkData {
                source: l.source,
                target: l.target,
                link_type: l.link_type.clone(),
                directed: l.directed,
                strength: Strength::trusted(l.strength),
                formal: l.formal,
                since: day(&l.since),
                until: day(&l.until),
                note: None,
                confirmed: l.confirmed,
            },
            provenance: l.provenance.clone(),
            archived: false,
            source_name: String::new(),
            target_name: String::new(),
            created_at: String::new(),
            updated_at: String::new(),
        })
        .collect();
    let mut net = Network::build(reference, &stakeholders, &links, &GraphFilter::default());
    let (nodes, edges) = match side {
        Change::Added => (&diff.added_stakeholders, &diff.added_links),
        Change::Removed => (&diff.removed_stakeholders, &diff.removed_links),
    };
    let ids: HashSet<i64> = nodes.iter().map(|s| s.id).collect();
    let identities: HashSet<(i64, i64, String)> = edges.iter().map(SnapLink::identity).collect();
    net.mark(&ids, &identities, side);
    net
}

/// The map of one side of a comparison, drawn like the network map.
pub async fn map_of(
    state: &AppState,
    data: &SnapshotData,
    diff: &Diff,
    side: Change,
    lang: Lang,
) -> Result<String, AppError> {
    let reference = super::inventory::reference(state).await?;
    let net = std::sync::Arc::new(network_of((*reference).clone(), data, diff, side));
    Ok(crate::graph::render::render_svg(net, lang, crate::graph::render::Preference::Auto).await.svg)
}
