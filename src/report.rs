//! The steering dashboard as people read it: every figure formatted in the user's language with
//! what it means and the page that details it. The `/steering` page, the printable report
//! (`/steering/report`) and `maillage report` (HTML, Markdown, PDF) all show this one view.

use crate::app::steering::{Count, Dashboard};
use crate::domain::values::format_date;
use crate::i18n::{Lang, Tr, long_date};
use askama::Template;

pub struct PhaseView {
    pub position: i64,
    pub title: String,
    pub span: String,
    pub status: String,
    pub current: bool,
    pub done: bool,
}

/// A labelled count linking to the list behind it.
pub struct Line {
    pub label: String,
    pub count: usize,
    pub href: String,
}

/// An indicator: its name, its value, what it means, where it is detailed.
pub struct Figure {
    pub name: String,
    pub value: String,
    pub meaning: String,
    pub href: String,
    pub alert: bool,
}

pub struct SinceView {
    pub heading: String,
    pub summary: String,
    pub href: String,
    pub added: Vec<(String, String)>,
    pub removed: Vec<(String, String)>,
}

pub struct View {
    pub title: String,
    pub as_of: String,
    pub phases: Vec<PhaseView>,
    pub figures: Vec<Figure>,
    /// Stakeholders by level and by kind, links by type: (title, rows).
    pub tables: Vec<(String, Vec<Line>)>,
    pub uncovered: Vec<Line>,
    pub coverage_help: String,
    pub since: Option<SinceView>,
    /// The colon of the language (" : " in French, ": " in English).
    pub colon: String,
}

fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |x| format!("{:.0} %", x * 100.0))
}

/// A decimal number as the language writes it (0,046 in French).
fn decimal(x: f64, lang: Lang) -> String {
    crate::i18n::number(lang, x, 3)
}

/// The colon between a name and its value: spaced in French.
fn colon(lang: Lang) -> String {
    crate::i18n::text(lang, "colon", &[])
}

fn lines(counts: &[Count], href: impl Fn(&str) -> String) -> Vec<Line> {
    counts.iter().map(|c| Line { label: c.label.clone(), count: c.count, href: href(&c.code) }).collect()
}

pub fn view(d: &Dashboard, lang: Lang) -> View {
    let t = lang.tr();
    let m = &t.mech;
    let day = |date: time::Date| long_date(&format_date(date), lang);
    let phases = d
        .phases
        .iter()
        .map(|p| PhaseView {
            position: p.position,
            title: p.title(lang).to_owned(),
            span: format!("{} → {}", day(p.planned_start), day(p.planned_end)),
            status: match p.status.as_str() {
                "in_progress" => t.phase_in_progress,
                "done" => t.phase_done,
                _ => t.phase_planned,
            }
            .to_owned(),
            current: p.is_current(d.today),
            done: p.status == "done",
        })
        .collect();
    let mut figures = vec![
        Figure {
            name: t.nav_stakeholders.to_owned(),
            value: d.stakeholders.to_string(),
            meaning: format!("{} {}", d.links, m.links_total),
            href: "/stakeholders".into(),
            alert: false,
        },
        Figure {
            name: m.density_label.to_owned(),
            value: decimal(d.density, lang),
            meaning: m.density_help.to_owned(),
            href: "/analysis".into(),
            alert: false,
        },
        Figure {
            name: m.cross_level_label.to_owned(),
            value: percent(d.cross_level),
            meaning: m.cross_level_help.to_owned(),
            href: "/analysis".into(),
            alert: false,
        },
        Figure {
            name: m.reciprocity_label.to_owned(),
            value: percent(d.reciprocity),
            meaning: m.reciprocity_help.to_owned(),
            href: "/analysis".into(),
            alert: false,
        },
    ];
    figures.push(match &d.campaign {
        Some(c) => Figure {
            name: m.response_rate_label.to_owned(),
            value: percent((c.invited > 0).then(|| c.submitted as f64 / c.invited as f64)),
            meaning: format!("{}{}{} / {}", c.title, colon(lang), c.submitted, c.invited),
            href: format!("/campaigns/{}", c.id),
            alert: false,
        },
        None => Figure {
            name: m.response_rate_label.to_owned(),
            value: "—".into(),
            meaning: m.no_campaign.to_owned(),
            href: "/campaigns".into(),
            alert: false,
        },
    });
    figures.push(Figure {
        name: m.nav_mechanism.to_owned(),
        value: d.bodies.to_string(),
        meaning: crate::i18n::tr!(lang, "mech-mechanism-line", bodies = d.bodies, meetings = d.meetings_held),
        href: "/bodies".into(),
        alert: false,
    });
    figures.push(Figure {
        name: m.nav_actions.to_owned(),
        value: d.actions_open.to_string(),
        meaning: crate::i18n::tr!(lang, "mech-actions-line", open = d.actions_open, overdue = d.actions_overdue),
        href: "/actions".into(),
        alert: d.actions_overdue > 0,
    });
    let since = d.since.as_ref().map(|(s, diff)| {
        let names = |v: &[crate::domain::snapshot::SnapStakeholder]| {
            v.iter().take(10).map(|s| (format!("/stakeholders/{}", s.id), s.name.clone())).collect()
        };
        SinceView {
            heading: crate::i18n::tr!(lang, "mech-changes-since", name = &s.name, date = day(s.taken_on)),
            summary: diff_summary(diff, lang),
            href: format!("/snapshots/compare?from={}&to=now", s.id),
            added: names(&diff.added_stakeholders),
            removed: names(&diff.removed_stakeholders),
        }
    });
    View {
        title: m.report_title.to_owned(),
        as_of: crate::i18n::tr!(lang, "mech-as-of", date = day(d.today)),
        phases,
        figures,
        tables: vec![
            (m.by_level.to_owned(), lines(&d.by_level, |c| format!("/stakeholders?level={c}"))),
            (m.by_kind.to_owned(), lines(&d.by_kind, |c| format!("/stakeholders?kind={c}"))),
            (m.links_by_type.to_owned(), lines(&d.by_link_type, |c| format!("/map?type={c}"))),
        ],
        uncovered: lines(&d.uncovered, |c| format!("/analysis?sector={c}#gaps")),
        coverage_help: crate::i18n::tr!(lang, "mech-coverage-help", n = d.communes),
        since,
        colon: colon(lang),
    }
}

/// The map of `sector` in `lang`, or why there is none; and the uncovered communes.
pub async fn coverage(
    state: &crate::app::AppState,
    actor: &crate::app::Actor,
    sector: &str,
    lang: Lang,
) -> Result<(Option<String>, Option<String>, crate::app::coverage::CoverageMap), crate::app::AppError> {
    let m = &lang.tr().mech;
    let map = crate::app::coverage::map(state, actor, sector, lang).await?;
    let (svg, problem) = match &map.shapes {
        None => (None, Some(m.no_geojson.to_owned())),
        Some(Err(e)) => (None, Some(crate::i18n::tr!(lang, "mech-geojson-error", error = e))),
        Some(Ok(shapes)) => {
            let tooltip = |name: &str, n: usize| crate::i18n::tr!(lang, "mech-commune-tooltip", name = name, n = n);
            let href = |ins: &str| format!("/map?commune={ins}&sector={sector}");
            let words = crate::graph::choropleth::Words {
                title: m.coverage_title,
                legend: [m.legend_none, m.legend_one, m.legend_few, m.legend_some, m.legend_many].map(str::to_owned),
                tooltip: &tooltip,
                href: &href,
            };
            (Some(crate::graph::choropleth::render(shapes, &map.counts, &words)), None)
        }
    };
    Ok((svg, problem, map))
}

/// What changed between two states, in one sentence: counts, what came and went, density.
pub fn diff_summary(diff: &crate::domain::snapshot::Diff, lang: Lang) -> String {
    crate::i18n::tr!(
        lang,
        "mech-summary-line",
        stakeholders = format!("{} → {}", diff.stakeholders.0, diff.stakeholders.1),
        added_s = diff.added_stakeholders.len(),
        removed_s = diff.removed_stakeholders.len(),
        links = format!("{} → {}", diff.links.0, diff.links.1),
        added_l = diff.added_links.len(),
        removed_l = diff.removed_links.len(),
        density = format!("{} → {}", decimal(diff.density.0, lang), decimal(diff.density.1, lang))
    )
}

/// The report as a whole HTML document, its style sheet linked (`stylesheet`: the server's, or
/// a file written beside the report): no inline style, which the server's policy forbids.
#[derive(Template)]
#[template(path = "steering/report.html")]
pub struct ReportHtml<'a> {
    pub v: &'a View,
    pub t: &'static Tr,
    pub lang: &'static str,
    pub stylesheet: &'a str,
    pub map_svg: &'a str,
    pub coverage: Option<&'a CoverageView>,
}

pub fn html(
    v: &View,
    lang: Lang,
    map_svg: &str,
    coverage: Option<&CoverageView>,
    stylesheet: &str,
) -> Result<String, askama::Error> {
    ReportHtml { v, t: lang.tr(), lang: lang.code(), stylesheet, map_svg, coverage }.render()
}

/// The coverage map shown with the dashboard: the sector with the most uncovered communes.
pub struct CoverageView {
    pub heading: String,
    pub href: String,
    pub svg: String,
}

pub async fn dashboard_coverage(
    state: &crate::app::AppState,
    actor: &crate::app::Actor,
    d: &Dashboard,
    lang: Lang,
) -> Result<Option<CoverageView>, crate::app::AppError> {
    let Some(worst) = d.uncovered.iter().max_by_key(|c| c.count) else { return Ok(None) };
    let (svg, _, _) = coverage(state, actor, &worst.code, lang).await?;
    Ok(svg.map(|svg| CoverageView {
        heading: format!("{}{}{}", lang.tr().mech.coverage_title, colon(lang), worst.label),
        href: format!("/coverage?sector={}", worst.code),
        svg,
    }))
}

/// The report in Markdown, for minutes kept as text.
pub fn markdown(v: &View, lang: Lang) -> String {
    let t = lang.tr();
    let m = &t.mech;
    let mut out = format!("# {}\n\n{}\n\n## {}\n\n", v.title, v.as_of, m.timeline);
    for p in &v.phases {
        let mark = if p.current { " ←" } else { "" };
        out.push_str(&format!("{}. **{}** — {} — {}{mark}\n", p.position, p.title, p.span, p.status));
    }
    out.push_str(&format!("\n## {}\n\n", m.indicators));
    for f in &v.figures {
        out.push_str(&format!("- **{}**{}{} — {}\n", f.name, colon(lang), f.value, f.meaning));
    }
    let table = |out: &mut String, title: &str, rows: &[Line]| {
        out.push_str(&format!("\n### {title}\n\n"));
        for r in rows {
            out.push_str(&format!("- {}{}{}\n", r.label, colon(lang), r.count));
        }
    };
    for (title, rows) in &v.tables {
        table(&mut out, title, rows);
    }
    table(&mut out, &format!("{} ({})", m.coverage_label, v.coverage_help), &v.uncovered);
    match &v.since {
        Some(s) => {
            out.push_str(&format!("\n## {}\n\n{}\n", s.heading, s.summary));
            if !s.added.is_empty() {
                let names: Vec<&str> = s.added.iter().map(|(_, n)| n.as_str()).collect();
                out.push_str(&format!("\n{}{}{}\n", m.new_stakeholders, colon(lang), names.join(", ")));
            }
            if !s.removed.is_empty() {
                let names: Vec<&str> = s.removed.iter().map(|(_, n)| n.as_str()).collect();
                out.push_str(&format!("\n{}{}{}\n", m.gone_stakeholders, colon(lang), names.join(", ")));
            }
        }
        None => out.push_str(&format!("\n{}\n", m.no_snapshot)),
    }
    out
}
