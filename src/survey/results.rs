//! A campaign's results: response rates, each question's distribution, exports, and the
//! comparison of two campaigns of one questionnaire. Pure functions over what the store read.

use super::answers::{Answer, Answers};
use super::definition::{Definition, Kind, Question};
use crate::domain::campaign::{DeclaredTie, Respondent};
use crate::domain::reference::{Reference, TerritoryKind, label_of};
use crate::i18n::Lang;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The province (INS code) of a respondent: that of its first territory that has one.
pub fn province_of(reference: &Reference, territories: &[String]) -> Option<String> {
    territories.iter().find_map(|ins| {
        let t = reference.territory_by_ins(ins)?;
        match t.kind {
            TerritoryKind::Province => Some(t.ins_code.clone()),
            _ => t.province_ins.clone(),
        }
    })
}

/// Respondent filters of the results page (codes; empty = all).
#[derive(Debug, Clone, Default)]
pub struct Who {
    pub level: Option<String>,
    pub kind: Option<String>,
    pub province: Option<String>,
}

impl Who {
    pub fn keeps(&self, r: &Respondent, reference: &Reference) -> bool {
        self.level.as_ref().is_none_or(|l| *l == r.level)
            && self.kind.as_ref().is_none_or(|k| *k == r.kind)
            && self.province.as_ref().is_none_or(|p| province_of(reference, &r.territories).as_ref() == Some(p))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rate {
    pub label: String,
    pub invited: usize,
    pub answered: usize,
}

impl Rate {
    pub fn percent(&self) -> usize {
        (self.answered * 100).checked_div(self.invited).unwrap_or(0)
    }
}

/// Response rates overall and by level, kind and province.
pub struct Rates {
    pub overall: Rate,
    pub by_level: Vec<Rate>,
    pub by_kind: Vec<Rate>,
    pub by_province: Vec<Rate>,
}

pub fn rates(respondents: &[&Respondent], reference: &Reference, lang: Lang) -> Rates {
    let count = |group: &dyn Fn(&Respondent) -> String, order: &[String]| -> Vec<Rate> {
        let mut by: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for r in respondents {
            let e = by.entry(group(r)).or_default();
            e.0 += 1;
            e.1 += usize::from(r.submitted_at.is_some());
        }
        let mut rows: Vec<(usize, Rate)> = by
            .into_iter()
            .map(|(label, (invited, answered))| {
                (order.iter().position(|o| *o == label).unwrap_or(usize::MAX), Rate { label, invited, answered })
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.label.cmp(&b.1.label)));
        rows.into_iter().map(|(_, r)| r).collect()
    };
    let levels: Vec<String> = reference.levels.iter().map(|i| i.label(lang).to_owned()).collect();
    let kinds: Vec<String> = reference.kinds.iter().map(|i| i.label(lang).to_owned()).collect();
    let unknown = crate::i18n::text(lang, "province-not-given", &[]);
    let province_label = |r: &Respondent| {
        province_of(reference, &r.territories)
            .and_then(|p| reference.territory_by_ins(&p).map(|t| t.label(lang)))
            .unwrap_or_else(|| unknown.clone())
    };
    Rates {
        overall: Rate {
            label: String::new(),
            invited: respondents.len(),
            answered: respondents.iter().filter(|r| r.submitted_at.is_some()).count(),
        },
        by_level: count(&|r| label_of(&reference.levels, &r.level, lang), &levels),
        by_kind: count(&|r| label_of(&reference.kinds, &r.kind, lang), &kinds),
        by_province: count(&province_label, &[]),
    }
}

/// One option's share of a question's answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    pub value: String,
    pub label: String,
    pub count: usize,
    /// Share of the respondents who answered the question, in percent.
    pub percent: usize,
}

/// One question's results.
pub struct QuestionResult {
    pub id: String,
    pub text: String,
    pub kind: Kind,
    pub answered: usize,
    pub shares: Vec<Share>,
    /// "Other" texts, and the free-text answers, with who wrote them.
    pub texts: Vec<(String, String)>,
    /// A one-line summary for numbers, dates, networks and entry checks.
    pub summary: String,
}

fn option_list(q: &Question) -> &[super::definition::Choice] {
    if q.kind == Kind::Likert { &q.scale } else { &q.options }
}

pub fn question_results(def: &Definition, submitted: &[(&Respondent, Answers)], lang: Lang) -> Vec<QuestionResult> {
    def.questions()
        .map(|q| {
            let id = q.id.get_ref();
            let answers: Vec<(&Respondent, &Answer)> =
                submitted.iter().filter_map(|(r, a)| a.get(id).map(|a| (*r, a))).collect();
            let answered = answers.len();
            let mut shares = Vec::new();
            let mut texts = Vec::new();
            let mut summary = String::new();
            match q.kind {
                Kind::SingleChoice | Kind::MultipleChoice | Kind::Likert => {
                    for c in option_list(q) {
                        let count = answers.iter().filter(|(_, a)| a.values.contains(&c.value)).count();
                        shares.push(Share {
                            value: c.value.clone(),
                            label: c.label.get(lang).to_owned(),
                            count,
                            percent: (count * 100).checked_div(answered).unwrap_or(0),
                        });
                    }
                    for (r, a) in &answers {
                        if let Some(o) = &a.other {
                            texts.push((r.name.clone(), o.clone()));
                        }
                    }
                    if q.kind == Kind::Likert && answered > 0 {
                        let sum: f64 = answers
                            .iter()
                            .filter_map(|(_, a)| {
                                let v = a.first()?;
                                q.scale.iter().position(|c| c.value == v).map(|p| p as f64 + 1.0)
                            })
                            .sum();
                        let mean = sum / answered as f64;
                        summary = crate::i18n::tr!(
                            lang,
                            "result-mean",
                            mean = crate::i18n::number(lang, mean, 1),
                            points = q.scale.len()
                        );
                    }
                }
                Kind::ShortText | Kind::LongText => {
                    texts = answers.iter().filter_map(|(r, a)| Some((r.name.clone(), a.first()?.to_owned()))).collect()
                }
                Kind::Number => {
                    let mut values: Vec<f64> =
                        answers.iter().filter_map(|(_, a)| super::answers::parse_number(a.first()?)).collect();
                    values.sort_by(f64::total_cmp);
                    if !values.is_empty() {
                        let median = if values.len() % 2 == 1 {
                            values[values.len() / 2]
                        } else {
                            (values[values.len() / 2 - 1] + values[values.len() / 2]) / 2.0
                        };
                        let total: f64 = values.iter().sum();
                        summary = crate::i18n::tr!(
                            lang,
                            "result-numbers",
                            median = median,
                            total = total,
                            lowest = values[0],
                            highest = values[values.len() - 1]
                        );
                    }
                }
                Kind::Date => {
                    let mut days: Vec<String> =
                        answers.iter().filter_map(|(_, a)| a.first().map(str::to_owned)).collect();
                    days.sort();
                    if let (Some(first), Some(last)) = (days.first(), days.last()) {
                        summary =
                            format!("{} → {}", crate::i18n::long_date(first, lang), crate::i18n::long_date(last, lang));
                    }
                }
                Kind::Network => {
                    let ties: usize = answers.iter().map(|(_, a)| a.ties.len()).sum();
                    let proposed: usize =
                        answers.iter().map(|(_, a)| a.ties.iter().filter(|t| t.new.is_some()).count()).sum();
                    summary = crate::i18n::tr!(
                        lang,
                        "result-ties",
                        ties = ties,
                        per_respondent = crate::i18n::number(lang, ties as f64 / answered.max(1) as f64, 1),
                        proposed = proposed
                    );
                }
                Kind::EntryCheck => {
                    let confirmed = answers
                        .iter()
                        .filter(|(_, a)| a.entry.as_ref().is_some_and(|e| e.confirmed == Some(true)))
                        .count();
                    summary = crate::i18n::tr!(
                        lang,
                        "result-entries",
                        confirmed = confirmed,
                        corrected = answered - confirmed
                    );
                }
            }
            QuestionResult {
                id: id.clone(),
                text: q.text.get(lang).to_owned(),
                kind: q.kind,
                answered,
                shares,
                texts,
                summary,
            }
        })
        .collect()
}

/// The colour of point `i` of an `n`-point scale: red at the low end, grey in the middle,
/// blue at the high end.
pub fn scale_colour(i: usize, n: usize) -> String {
    // From #c0392b (low) through #d5d8dc (middle) to #1f6fb2 (high).
    let t = i as f64 / (n - 1).max(1) as f64;
    let (a, m, b) = ((192.0, 57.0, 43.0), (213.0, 216.0, 220.0), (31.0, 111.0, 178.0));
    let mix = |x: f64, y: f64, s: f64| (x + (y - x) * s).round() as u8;
    let (r, g, bl) = if t < 0.5 {
        (mix(a.0, m.0, t * 2.0), mix(a.1, m.1, t * 2.0), mix(a.2, m.2, t * 2.0))
    } else {
        (mix(m.0, b.0, t * 2.0 - 1.0), mix(m.1, b.1, t * 2.0 - 1.0), mix(m.2, b.2, t * 2.0 - 1.0))
    };
    format!("#{r:02x}{g:02x}{bl:02x}")
}

/// A Likert distribution as one 100 % stacked bar, each segment titled with its point, count
/// and share; an SVG that needs no script (the page lists the legend beside it).
pub fn likert_svg(shares: &[Share], answered: usize) -> String {
    use quick_xml::escape::escape;
    let n = shares.len().max(1);
    let colour = |i: usize| scale_colour(i, n);
    let width = 600.0;
    // The bar's text alternative: each answer with its count and share, as the bar shows them.
    let said: Vec<String> = shares.iter().map(|s| format!("{}: {} ({}%)", s.label, s.count, s.percent)).collect();
    let mut svg = format!(
        "<svg class=\"likert\" viewBox=\"0 0 {width} 28\" preserveAspectRatio=\"none\" role=\"img\" \
         aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(said.join(", "))
    );
    let mut x = 0.0;
    for (i, s) in shares.iter().enumerate() {
        let w = if answered == 0 { 0.0 } else { width * s.count as f64 / answered as f64 };
        if w > 0.0 {
            svg.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"28\" fill=\"{}\"><title>{}: {} ({}%)</title></rect>",
                colour(i),
                escape(&s.label),
                s.count,
                s.percent
            ));
        }
        x += w;
    }
    svg.push_str("</svg>");
    svg
}

/// One CSV row per submitted response, one column per question (as KoboToolbox and
/// LimeSurvey exports): codes of the chosen options separated by spaces, an "other" text
/// after `other:`, the named organisations separated by `; `.
pub fn responses_csv(
    def: &Definition,
    submitted: &[(&Respondent, Answers)],
    reference: &Reference,
    names: &HashMap<i64, String>,
) -> Result<Vec<u8>, csv::Error> {
    let mut w = crate::domain::csv_cell::CsvOut::new();
    let mut header: Vec<String> =
        ["invitation", "stakeholder", "level", "kind", "province", "submitted_at"].map(String::from).to_vec();
    header.extend(def.questions().map(|q| q.id.get_ref().clone()));
    w.write_record(&header)?;
    for (r, answers) in submitted {
        let province = province_of(reference, &r.territories)
            .and_then(|p| reference.territory_by_ins(&p).map(|t| t.name().to_owned()))
            .unwrap_or_default();
        let mut row = vec![
            r.invitation_id.to_string(),
            r.name.clone(),
            r.level.clone(),
            r.kind.clone(),
            province,
            r.submitted_at.clone().unwrap_or_default(),
        ];
        for q in def.questions() {
            row.push(answers.get(q.id.get_ref()).map(|a| cell(q, a, names)).unwrap_or_default());
        }
        w.write_record(&row)?;
    }
    w.finish()
}

fn cell(q: &Question, a: &Answer, names: &HashMap<i64, String>) -> String {
    match q.kind {
        Kind::Network => a
            .ties
            .iter()
            .map(|t| match (t.stakeholder, &t.new) {
                (Some(id), _) => names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
                (None, Some(new)) => format!("{} (new)", new.name),
                _ => String::new(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Kind::EntryCheck => match &a.entry {
            Some(e) if e.confirmed == Some(true) => "confirmed".into(),
            Some(e) => format!("corrections: {}", e.changes.keys().cloned().collect::<Vec<_>>().join(" ")),
            None => String::new(),
        },
        _ => {
            let mut parts = a.values.join(" ");
            if let Some(o) = &a.other {
                if !parts.is_empty() {
                    parts.push(' ');
                }
                parts.push_str("other:");
                parts.push_str(o);
            }
            parts
        }
    }
}

/// Pairs (lower id, higher id) that both sides named, among `ties`.
pub fn reciprocated_pairs(ties: &[DeclaredTie]) -> BTreeSet<(i64, i64)> {
    let declared: BTreeSet<(i64, i64)> = ties.iter().filter_map(|t| Some((t.respondent_id, t.alter_id?))).collect();
    declared.iter().filter(|(a, b)| declared.contains(&(*b, *a))).map(|&(a, b)| (a.min(b), a.max(b))).collect()
}

/// One CSV row per declared tie.
pub fn ties_csv(ties: &[DeclaredTie]) -> Result<Vec<u8>, csv::Error> {
    let both = reciprocated_pairs(ties);
    let mut w = crate::domain::csv_cell::CsvOut::new();
    w.write_record([
        "invitation",
        "question",
        "respondent",
        "named",
        "proposed",
        "tie_type",
        "frequency",
        "formal",
        "satisfaction",
        "reciprocated",
        "link",
    ])?;
    for t in ties {
        let reciprocated = t.alter_id.is_some_and(|a| both.contains(&(t.respondent_id.min(a), t.respondent_id.max(a))));
        w.write_record([
            t.invitation_id.to_string(),
            t.question_id.clone(),
            t.respondent.clone(),
            t.alter.clone(),
            t.proposal_status.clone().unwrap_or_default(),
            t.tie_type.clone(),
            t.frequency.clone().unwrap_or_default(),
            t.formal.clone().unwrap_or_default(),
            t.satisfaction.map(|s| s.to_string()).unwrap_or_default(),
            if reciprocated { "yes" } else { "no" }.into(),
            t.link_id.map(|l| l.to_string()).unwrap_or_default(),
        ])?;
    }
    w.finish()
}

/// The tie networks of two campaigns compared pair by pair (unordered pairs of stakeholders).
pub struct TieComparison {
    pub in_both: usize,
    pub only_a: usize,
    pub only_b: usize,
    pub reciprocated_a: usize,
    pub reciprocated_b: usize,
}

pub fn compare_ties(a: &[DeclaredTie], b: &[DeclaredTie]) -> TieComparison {
    let pairs = |ties: &[DeclaredTie]| -> BTreeSet<(i64, i64)> {
        ties.iter().filter_map(|t| t.alter_id.map(|x| (t.respondent_id.min(x), t.respondent_id.max(x)))).collect()
    };
    let (pa, pb) = (pairs(a), pairs(b));
    TieComparison {
        in_both: pa.intersection(&pb).count(),
        only_a: pa.difference(&pb).count(),
        only_b: pb.difference(&pa).count(),
        reciprocated_a: reciprocated_pairs(a).len(),
        reciprocated_b: reciprocated_pairs(b).len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tie(respondent: i64, alter: Option<i64>) -> DeclaredTie {
        DeclaredTie {
            invitation_id: respondent,
            question_id: "partners".into(),
            respondent_id: respondent,
            respondent: format!("R{respondent}"),
            alter_id: alter,
            alter: String::new(),
            proposal_status: None,
            tie_type: "coordinates".into(),
            frequency: None,
            formal: None,
            satisfaction: None,
            link_id: None,
        }
    }

    #[test]
    fn reciprocity_and_the_comparison_of_two_tie_networks_count_unordered_pairs() {
        let a = [tie(1, Some(2)), tie(2, Some(1)), tie(1, Some(3)), tie(4, None)];
        assert_eq!(reciprocated_pairs(&a), BTreeSet::from([(1, 2)]));
        let b = [tie(2, Some(1)), tie(3, Some(4))];
        let c = compare_ties(&a, &b);
        assert_eq!((c.in_both, c.only_a, c.only_b, c.reciprocated_a, c.reciprocated_b), (1, 1, 1, 1, 0));
    }

    #[test]
    fn a_likert_bar_is_split_in_proportion_and_coloured_low_to_high() {
        let share = |value: &str, count| Share { value: value.into(), label: format!("<{value}>"), count, percent: 0 };
        let svg = likert_svg(&[share("1", 1), share("2", 0), share("3", 3)], 4);
        assert!(svg.contains("width=\"150.0\"") && svg.contains("x=\"150.0\" y=\"0\" width=\"450.0\""), "{svg}");
        assert!(svg.contains("&lt;1&gt;"), "labels are escaped");
        assert_eq!(svg.matches("<rect").count(), 2, "no segment for an empty point");
        assert_eq!(scale_colour(0, 5), "#c0392b");
        assert_eq!(scale_colour(2, 5), "#d5d8dc");
        assert_eq!(scale_colour(4, 5), "#1f6fb2");
    }
}
