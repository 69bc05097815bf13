//! `GET /analysis`: who is central, who brokers across levels, where the gaps are; tables
//! sortable by each measure, the level matrix as a heat map, the gaps with links to fix them,
//! and the power/interest grid.

use super::{Opt, Page, options, province_options};
use crate::analysis::{Analysis, Matrix, NodeMeasures, explain::explain};
use crate::app::Action;
use crate::app::Actor;
use crate::app::AppError;
use crate::app::AppState;
use crate::app::network;
use crate::graph::model::FilterQuery;
use crate::i18n::Lang;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::Method;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum_extra::extract::Query;
use serde::Deserialize;
use std::collections::HashMap;

pub fn routes() -> Vec<Route> {
    vec![Route::new(Method::GET, "/analysis", Action::Read, Kind::Page, get(page))]
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AnalysisQuery {
    sort: Option<String>,
    n: Option<usize>,
    /// `1`: the lists of gaps in full.
    all: Option<String>,
    #[serde(flatten)]
    filters: FilterQuery,
}

/// The sortable measures: key, column heading (fr, en).
const COLUMNS: [&str; 10] = [
    "degree",
    "weighted_degree",
    "in_degree",
    "out_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "clustering",
    "constraint",
    "brokerage",
];

fn value(m: &NodeMeasures, key: &str) -> f64 {
    match key {
        "degree" => m.degree as f64,
        "weighted_degree" => m.weighted_degree as f64,
        "in_degree" => m.in_degree as f64,
        "out_degree" => m.out_degree as f64,
        "betweenness" => m.betweenness,
        "closeness" => m.closeness,
        "eigenvector" => m.eigenvector.unwrap_or(0.0),
        "clustering" => m.clustering,
        // Low constraint is what brokers have: sort it ascending by negating.
        "constraint" => -m.constraint.unwrap_or(f64::INFINITY),
        _ => m.brokerage.total() as f64,
    }
}

pub struct Column {
    pub key: &'static str,
    pub label: String,
    pub help: String,
    pub href: String,
    pub active: bool,
}

pub struct Row {
    pub id: i64,
    pub name: String,
    pub level: String,
    pub cells: Vec<String>,
    pub roles: String,
    pub articulation: bool,
    /// The community, named after its most central member ("around Fedasil").
    pub community: String,
}

/// The page's opening, in plain words: what a director reads first. Each sentence links to
/// the actors behind it.
pub struct Summary {
    /// The actors that hold the network together (highest betweenness): id and name.
    pub central: Vec<(i64, String)>,
    /// "38 % of links cross institutional levels", when there are links.
    pub crossing: Option<String>,
    /// "The network falls into 3 separate parts; the largest holds 160 of 170 actors."
    pub parts: String,
    /// "12 actors have no link."
    pub isolated: Option<String>,
    /// "240 links are declared by one side only."
    pub one_sided: Option<String>,
    /// Sectors without any actor in some provinces: the sector's code, name and the provinces.
    pub sector_gaps: Vec<(String, String, String)>,
    /// The communities found, each named after its most central member, with its size.
    pub communities: Vec<(i64, String, usize)>,
}

/// How many actors the summary names as holding the network together.
const CENTRAL_NAMED: usize = 5;

/// Each community's most central member (highest betweenness, then most links, then name):
/// its id and name, by community number.
fn community_names(a: &Analysis) -> HashMap<usize, (i64, String)> {
    let mut best: HashMap<usize, &NodeMeasures> = HashMap::new();
    for m in &a.nodes {
        let better = |b: &&NodeMeasures| {
            m.betweenness.total_cmp(&b.betweenness).then(m.degree.cmp(&b.degree)).then(b.name.cmp(&m.name)).is_gt()
        };
        if best.get(&m.community).is_none_or(better) {
            best.insert(m.community, m);
        }
    }
    best.into_iter().map(|(c, m)| (c, (m.id, m.label.clone()))).collect()
}

fn summary(a: &Analysis, names: &HashMap<usize, (i64, String)>, lang: Lang) -> Summary {
    let mut by_betweenness: Vec<&NodeMeasures> = a.nodes.iter().filter(|m| m.betweenness > 0.0).collect();
    by_betweenness.sort_by(|x, y| y.betweenness.total_cmp(&x.betweenness).then(x.id.cmp(&y.id)));
    let n = &a.network;
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for m in &a.nodes {
        *sizes.entry(m.community).or_default() += 1;
    }
    // Communities of one actor are the isolated ones, said apart.
    let mut communities: Vec<(i64, String, usize)> = sizes
        .iter()
        .filter(|(_, size)| **size > 1)
        .filter_map(|(c, size)| names.get(c).map(|(id, name)| (*id, name.clone(), *size)))
        .collect();
    communities.sort_by(|x, y| y.2.cmp(&x.2).then(x.1.cmp(&y.1)));
    Summary {
        central: by_betweenness.iter().take(CENTRAL_NAMED).map(|m| (m.id, m.label.clone())).collect(),
        crossing: n.ei_index.filter(|_| n.links > 0).map(|ei| {
            let share = crate::i18n::number(lang, (ei + 1.0) / 2.0 * 100.0, 0);
            crate::i18n::tr!(lang, "analysis-summary-crossing", share = share)
        }),
        parts: crate::i18n::tr!(
            lang,
            "analysis-summary-parts",
            parts = n.components,
            largest = n.largest_component,
            actors = n.stakeholders
        ),
        isolated: (n.isolates > 0).then(|| crate::i18n::tr!(lang, "analysis-summary-isolated", n = n.isolates)),
        one_sided: (!a.gaps.one_sided.is_empty())
            .then(|| crate::i18n::tr!(lang, "analysis-summary-one-sided", n = a.gaps.one_sided.len())),
        sector_gaps: a
            .gaps
            .sectors
            .iter()
            .filter(|g| !g.provinces.is_empty())
            .map(|g| (g.sector.clone(), g.label.clone(), g.provinces.join(", ")))
            .collect(),
        communities,
    }
}

pub struct HeatRow {
    pub label: String,
    pub cells: Vec<(u64, u8)>,
}

pub struct Heat {
    pub labels: Vec<String>,
    pub rows: Vec<HeatRow>,
}

fn heat(m: &Matrix) -> Heat {
    let max = m.max().max(1) as f64;
    let keep: Vec<usize> = (0..m.labels.len()).filter(|&i| m.counts[i].iter().any(|&c| c > 0)).collect();
    Heat {
        labels: keep.iter().map(|&i| m.labels[i].clone()).collect(),
        rows: keep
            .iter()
            .map(|&i| HeatRow {
                label: m.labels[i].clone(),
                cells: keep
                    .iter()
                    .map(|&j| {
                        let c = m.counts[i][j];
                        // One of ten shades (`td.heat-N` in the stylesheet): no inline style.
                        (c, if c == 0 { 0 } else { (1.0 + 8.0 * (c as f64 / max).sqrt()).round() as u8 })
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub id: i64,
    pub label: String,
    pub title: String,
    pub key: bool,
    /// A cell's actors drawn as one disc with their number (0: one actor).
    pub count: usize,
    pub r: f64,
}

/// Above this many actors on the power/interest grid, the actors that are not key are drawn
/// as one disc per cell with their number.
const GRID_DETAIL_LIMIT: usize = 300;
/// Entries each list of gaps shows before "… and N more" (all with `?all=1`).
const LIST_LIMIT: usize = 50;

#[derive(Template, WebTemplate)]
#[template(path = "analysis.html")]
struct AnalysisPage {
    page: Page,
    a: Option<Shared>,
    summary: Option<Summary>,
    /// The filter form's choices.
    level_options: Vec<Opt>,
    kinds: Vec<Opt>,
    sector_options: Vec<Opt>,
    province_choices: Vec<Opt>,
    /// The full table of measures is open (a sort or a size was asked for).
    details_open: bool,
    errors: Vec<String>,
    columns: Vec<Column>,
    rows: Vec<Row>,
    levels: Heat,
    provinces: Heat,
    sectors: Heat,
    grid: Vec<Dot>,
    explanations: Vec<(String, String)>,
    bridges: Vec<(i64, String, i64, String)>,
    elapsed_ms: String,
    /// Says how betweenness and closeness were estimated, on a sampled analysis.
    sampling: Option<String>,
    /// Entries shown per list of gaps, and what is left out of each ("… and 12 more").
    limit: usize,
    more: [String; 4],
    all_url: String,
}

impl AnalysisPage {
    /// Where a link came from, in words (for the template).
    fn provenance(&self, raw: &str) -> String {
        crate::i18n::provenance(raw, self.page.lang)
    }
}

async fn page(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<AnalysisQuery>,
) -> Result<Response, AppError> {
    let started = std::time::Instant::now();
    let t = lang.tr();
    let sort = q.sort.as_deref().filter(|s| COLUMNS.contains(s)).unwrap_or("betweenness").to_owned();
    let top = q.n.unwrap_or(20).clamp(5, 500);
    let result = network::analysis(&state, &actor, &q.filters, lang).await;
    let (analysed, errors) = match result {
        Ok(r) => (Some(r), Vec::new()),
        Err(AppError::Validation(errors)) => {
            (None, errors.iter().map(|e| format!("{}: {}", e.field, e.problem.message(lang))).collect())
        }
        Err(e) => return Err(e),
    };
    let net = analysed.as_ref().map(|r| &r.network);
    let a = analysed.as_ref().map(|r| &r.analysis);
    let reference = crate::app::inventory::reference(&state).await?;
    let chosen =
        |v: &Option<String>, find: &dyn Fn(&str) -> Option<String>| v.as_deref().and_then(find).unwrap_or_default();
    let level = chosen(&q.filters.level, &|v| reference.level(v).ok().map(|i| i.code.clone()));
    let kind = chosen(&q.filters.kind, &|v| reference.kind(v).ok().map(|i| i.code.clone()));
    let sector = chosen(&q.filters.sector, &|v| reference.sector(v).ok().map(|i| i.code.clone()));
    let province = q
        .filters
        .province
        .as_deref()
        .and_then(|p| reference.territory(p, Some("provincial")).ok())
        .map(|t| t.ins_code.clone());
    let filters = serde_urlencoded::to_string(q.filters.pairs()).unwrap_or_default();
    let columns = COLUMNS
        .iter()
        .map(|key| Column {
            key,
            label: crate::i18n::text(lang, &format!("column-{key}"), &[]),
            help: explain(key, lang),
            href: format!("/analysis?sort={key}&n={top}&{filters}"),
            active: *key == sort,
        })
        .collect();
    let level_label = |code: &str| net.as_ref().map_or(code.to_owned(), |n| n.level_label(code, lang));
    // Each community named once, for the summary and the table.
    let names = a.map(community_names).unwrap_or_default();
    let (rows, grid, bridges) = match &a {
        Some(a) => {
            (measure_rows(a, &names, &sort, top, &level_label, lang), power_interest_grid(a, lang), bridge_names(a))
        }
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let empty = Heat { labels: vec![], rows: vec![] };
    let limit = if q.all.as_deref() == Some("1") { usize::MAX } else { LIST_LIMIT };
    let left_out = |len: usize| {
        if len > limit { crate::i18n::tr!(lang, "mech-more-rows", n = len - limit) } else { String::new() }
    };
    let more = match &a {
        Some(a) => [
            left_out(a.gaps.unlinked.len()),
            left_out(a.gaps.key_without_regional_link.len()),
            left_out(a.gaps.one_sided.len()),
            left_out(bridges.len()),
        ],
        None => Default::default(),
    };
    let page = AnalysisPage {
        page: Page::new(lang, t.nav_analysis, &uri),
        summary: a.map(|a| summary(a, &names, lang)),
        level_options: options(&reference.levels, lang, &[level.as_str()]),
        kinds: options(&reference.kinds, lang, &[kind.as_str()]),
        sector_options: options(&reference.sectors, lang, &[sector.as_str()]),
        province_choices: province_options(&reference, lang, province.as_deref()),
        details_open: q.sort.is_some() || q.n.is_some(),
        levels: a.as_ref().map_or_else(|| Heat { labels: vec![], rows: vec![] }, |a| heat(&a.network.level_matrix)),
        provinces: a
            .as_ref()
            .map_or_else(|| Heat { labels: vec![], rows: vec![] }, |a| heat(&a.network.province_matrix)),
        sectors: a.as_ref().map_or(empty, |a| heat(&a.network.sector_matrix)),
        a: analysed.clone().map(Shared),
        errors,
        columns,
        rows,
        grid,
        // Each measure under its name as the page shows it, not its code.
        explanations: crate::analysis::explain::MEASURES
            .iter()
            .map(|k| {
                let name = match *k {
                    "articulation_point" => t.cut_point.to_owned(),
                    "community" => t.community.to_owned(),
                    "ei_index" => t.ei_index.to_owned(),
                    k => crate::i18n::text(lang, &format!("column-{k}"), &[]),
                };
                (name, explain(k, lang))
            })
            .collect(),
        bridges,
        elapsed_ms: format!("{:.0}", started.elapsed().as_secs_f64() * 1000.0),
        sampling: a
            .and_then(|a| a.sampling.as_ref())
            .map(|s| crate::i18n::sampling_note(lang, s.sources, s.nodes, s.betweenness_margin, s.closeness_margin)),
        limit,
        more,
        all_url: format!("/analysis?sort={sort}&n={top}&all=1&{filters}"),
    };
    let status = if page.errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, page).into_response())
}

/// The `top` stakeholders by the `sort` measure, as table rows.
fn measure_rows(
    a: &Analysis,
    names: &HashMap<usize, (i64, String)>,
    sort: &str,
    top: usize,
    level_label: &dyn Fn(&str) -> String,
    lang: Lang,
) -> Vec<Row> {
    let mut sorted: Vec<&NodeMeasures> = a.nodes.iter().collect();
    sorted.sort_by(|x, y| value(y, sort).total_cmp(&value(x, sort)).then(x.name.cmp(&y.name)));
    sorted
        .into_iter()
        .take(top)
        .map(|m| Row {
            id: m.id,
            name: m.name.clone(),
            level: level_label(&m.level),
            cells: vec![
                m.degree.to_string(),
                m.weighted_degree.to_string(),
                m.in_degree.to_string(),
                m.out_degree.to_string(),
                crate::i18n::number(lang, m.betweenness, 3),
                crate::i18n::number(lang, m.closeness, 3),
                m.eigenvector.map_or("–".into(), |e| crate::i18n::number(lang, e, 3)),
                crate::i18n::number(lang, m.clustering, 2),
                m.constraint.map_or("–".into(), |c| crate::i18n::number(lang, c, 2)),
                m.brokerage.total().to_string(),
            ],
            roles: crate::i18n::tr!(
                lang,
                "brokerage-roles",
                coordinator = m.brokerage.coordinator,
                itinerant = m.brokerage.itinerant,
                representative = m.brokerage.representative,
                gatekeeper = m.brokerage.gatekeeper,
                liaison = m.brokerage.liaison
            ),
            articulation: m.articulation_point,
            community: names.get(&m.community).map_or_else(
                || (m.community + 1).to_string(),
                |(_, name)| format!("{} {name}", lang.tr().community_around),
            ),
        })
        .collect()
}

/// Power/interest grid: influence × interest, spread within each cell; key stakeholders are
/// labelled where at most three share a cell (tooltips elsewhere).
fn power_interest_grid(a: &Analysis, lang: Lang) -> Vec<Dot> {
    let t = lang.tr();
    let mut seen: std::collections::HashMap<(i64, i64), usize> = Default::default();
    let mut keys_in_cell: std::collections::HashMap<(i64, i64), usize> = Default::default();
    for m in a.nodes.iter().filter(|m| m.key) {
        if let (Some(inf), Some(int)) = (m.influence, m.interest) {
            *keys_in_cell.entry((inf, int)).or_insert(0) += 1;
        }
    }
    let placed = a.nodes.iter().filter(|m| m.influence.is_some() && m.interest.is_some()).count();
    let grouped = placed > GRID_DETAIL_LIMIT;
    let mut cells: std::collections::BTreeMap<(i64, i64), usize> = Default::default();
    if grouped {
        for m in a.nodes.iter().filter(|m| !m.key) {
            if let (Some(inf), Some(int)) = (m.influence, m.interest) {
                *cells.entry((inf, int)).or_insert(0) += 1;
            }
        }
    }
    let discs = cells.into_iter().map(|((inf, int), count)| Dot {
        x: 60.0 + (int as f64 - 0.5) * 100.0,
        y: 520.0 - (inf as f64 - 0.5) * 100.0,
        id: 0,
        label: count.to_string(),
        title: crate::i18n::tr!(lang, "grid-cell", count = count, influence = inf, interest = int),
        key: false,
        count,
        r: 10.0 + 30.0 * (count as f64 / placed.max(1) as f64).sqrt(),
    });
    let mut dots: Vec<Dot> = discs.collect();
    dots.extend(a.nodes.iter().filter(|m| !grouped || m.key).filter_map(|m| Some((m, m.influence?, m.interest?))).map(
        |(m, inf, int)| {
            let k = seen.entry((inf, int)).or_insert(0);
            *k += 1;
            let angle = *k as f64 * 2.39996;
            let radius = 4.0 * (*k as f64).sqrt();
            Dot {
                x: 60.0 + (int as f64 - 0.5) * 100.0 + radius * angle.cos(),
                y: 520.0 - (inf as f64 - 0.5) * 100.0 + radius * angle.sin(),
                id: m.id,
                label: if m.key && keys_in_cell.get(&(inf, int)).is_some_and(|&k| k <= 3) {
                    m.label.clone()
                } else {
                    String::new()
                },
                title: format!("{} — {} {inf}, {} {int}", m.name, t.influence, t.interest),
                key: m.key,
                count: 0,
                r: if m.key { 6.0 } else { 4.0 },
            }
        },
    ));
    dots
}

/// Each bridge with the names of its two ends.
fn bridge_names(a: &Analysis) -> Vec<(i64, String, i64, String)> {
    let names: std::collections::HashMap<i64, &str> = a.nodes.iter().map(|m| (m.id, m.name.as_str())).collect();
    let name = |id: i64| names.get(&id).map_or_else(String::new, |n| (*n).to_owned());
    a.network.bridges.iter().map(|&(x, y)| (x, name(x), y, name(y))).collect()
}

/// The cached analysis, read by the template as an `Analysis`.
pub struct Shared(std::sync::Arc<crate::app::network::Analysed>);

impl std::ops::Deref for Shared {
    type Target = Analysis;
    fn deref(&self) -> &Analysis {
        &self.0.analysis
    }
}
