//! The respondent's pages, `/s/{token}`: no account, one section at a time, a draft saved at
//! each step, amendable until the campaign closes. A token that opens nothing gets the same
//! plain page whatever the reason, so a guess learns nothing.

use super::{Opt, Page};
use crate::app::Action;
use crate::app::AppError;
use crate::app::AppState;
use crate::app::inventory::{ListQuery, reference};
use crate::app::respond::Invitation;
use crate::app::respond::{self, actor_of};
use crate::domain::reference::Reference;
use crate::domain::stakeholder::StakeholderDraft;
use crate::i18n::{Lang, long_date};
use crate::survey::answers::{
    self, Codes, ENTRY_FIELDS, FORMAL, FREQUENCIES, Problems, TIE_TYPES, TieAnswer, entry_values,
};
use crate::survey::definition::{Choice, Definition, Kind, Question, Text};
use crate::web::lang::Chosen;
use crate::web::routes::{self, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::{Form, Path, Query, State};
use axum::http::Method;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/s/{token}", Action::Respond, routes::Kind::Page, get(show)),
        Route::new(Method::POST, "/s/{token}", Action::Respond, routes::Kind::Page, post(save)),
        Route::new(Method::GET, "/s/{token}/roster", Action::Respond, routes::Kind::Page, get(roster)),
    ]
}

/// Where the campaign stands today.
enum Window {
    NotYet,
    Open,
    Closed,
}

fn window(inv: &Invitation) -> Window {
    let today = crate::domain::values::format_date(time::OffsetDateTime::now_utc().date());
    if today < inv.opens_on {
        Window::NotYet
    } else if today > inv.closes_on {
        Window::Closed
    } else {
        Window::Open
    }
}

/// Respondent pages are never cached and never tell other sites their address (it holds the token).
fn private(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

#[derive(Template, WebTemplate)]
#[template(path = "respond/notice.html")]
struct Notice {
    page: Page,
    heading: String,
    message: String,
    again: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn notice(
    lang: Lang,
    offered: &[Lang],
    uri: &Uri,
    status: StatusCode,
    heading: &str,
    message: String,
    again: Option<String>,
) -> Response {
    let mut page = Page::new(lang, heading, uri);
    page.offer_only(offered);
    private((status, Notice { page, heading: heading.to_owned(), message, again }).into_response())
}

/// The one page for a link that opens nothing: unknown, mistyped or revoked alike.
fn invalid(lang: Lang, uri: &Uri) -> Response {
    let t = lang.tr();
    let all: Vec<Lang> = Lang::all().collect();
    notice(lang, &all, uri, StatusCode::NOT_FOUND, t.survey_invalid_title, t.survey_invalid.to_owned(), None)
}

/// The page's language: the one the respondent chose with the switch, else the invitation's,
/// among those the questionnaire is written in (French when neither is).
fn page_language(chosen: Option<Lang>, inv: &Invitation, offered: &[Lang]) -> Lang {
    chosen.into_iter().chain(Lang::parse(&inv.lang)).find(|l| offered.contains(l)).unwrap_or_default()
}

/// The invitation behind a token with its page's language, or the page to show instead.
async fn open(
    state: &AppState,
    token: &str,
    fallback: Lang,
    chosen: Option<Lang>,
    uri: &Uri,
) -> Result<Result<(Invitation, Lang), Response>, AppError> {
    let Some((_, inv)) = respond::open(state, token).await? else {
        return Ok(Err(invalid(chosen.unwrap_or(fallback), uri)));
    };
    let def = respond::definition(state, &inv)?;
    let offered = def.offered();
    let lang = page_language(chosen, &inv, &offered);
    let t = lang.tr();
    let day = |d: &str| long_date(d, lang);
    let title = text(&def.title, lang);
    Ok(match window(&inv) {
        Window::Open => Ok((inv, lang)),
        Window::NotYet => Err(notice(
            lang,
            &offered,
            uri,
            StatusCode::FORBIDDEN,
            &title,
            format!("{} {}.", t.survey_opens_on, day(&inv.opens_on)),
            None,
        )),
        Window::Closed => {
            let mut message = format!("{} {}.", t.survey_closed_on, day(&inv.closes_on));
            if inv.submitted_at.is_some() {
                message.push(' ');
                message.push_str(t.survey_closed_received);
            }
            Err(notice(lang, &offered, uri, StatusCode::GONE, &title, message, None))
        }
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ShowQuery {
    section: Option<usize>,
    find: Option<String>,
    find_level: Option<String>,
    find_province: Option<String>,
    saved: Option<String>,
    done: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    fallback: Lang,
    Chosen(chosen): Chosen,
    uri: Uri,
    Path(token): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let (inv, lang) = match open(&state, &token, fallback, chosen, &uri).await? {
        Ok(opened) => opened,
        Err(page) => return Ok(page),
    };
    let def = respond::definition(&state, &inv)?;
    if q.done.is_some() && inv.submitted_at.is_some() {
        let t = lang.tr();
        let closes = long_date(&inv.closes_on, lang);
        return Ok(notice(
            lang,
            &def.offered(),
            &uri,
            StatusCode::OK,
            t.survey_thanks_title,
            format!("{} {closes}.", t.survey_thanks),
            Some(format!("/s/{token}?section=0")),
        ));
    }
    // Coming back by the link alone, with a draft: the first part not yet done, said so.
    let resumed = match (q.section, &inv.submitted_at) {
        (None, None) => answers::resume_at(&def, &inv.answers, &Codes::from(&*reference(&state).await?)),
        _ => None,
    };
    let section = q.section.or(resumed).unwrap_or(0).min(def.sections.len().saturating_sub(1));
    let note = match resumed {
        Some(_) => Some(crate::i18n::tr!(lang, "survey-resumed", part = section + 1, count = def.sections.len())),
        None => q.saved.is_some().then(|| lang.tr().survey_draft_saved.to_owned()),
    };
    render(&state, lang, &uri, &token, &inv, &def, section, &q, &Problems::new(), note, StatusCode::OK).await
}

async fn save(
    State(state): State<AppState>,
    fallback: Lang,
    Chosen(chosen): Chosen,
    uri: Uri,
    Path(token): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (mut inv, lang) = match open(&state, &token, fallback, chosen, &uri).await? {
        Ok(opened) => opened,
        Err(page) => return Ok(page),
    };
    let def = respond::definition(&state, &inv)?;
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_owned());
    let section = field("_section").and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
    let Some(current) = def.sections.get(section) else {
        return Err(AppError::BadRequest("unknown section".into()));
    };
    let action = field("_action").unwrap_or_else(|| "next".into());
    // The respondent's own record matters for the entry check and the submission only.
    let needs_record = action == "submit" || current.questions.iter().any(|q| q.kind == Kind::EntryCheck);
    let (record, reference) = if needs_record {
        respond::own_record(&state, &actor_of(&inv), &inv).await?
    } else {
        (StakeholderDraft::default(), reference(&state).await?)
    };
    let mut answers = inv.answers.clone();
    answers.merge_section(current, &form, &entry_values(&record));
    answers.drop_hidden(&def);
    respond::save_draft(&state, &actor_of(&inv), &inv, &answers).await?;
    inv.answers = answers;
    let here = |s: usize| format!("/s/{token}?section={s}");
    let codes = Codes::from(&*reference);
    let removed = form.iter().any(|(k, _)| k.ends_with(".remove"));
    let q = ShowQuery::default();
    match action.as_str() {
        _ if removed => Ok(Redirect::to(&format!("{}#{}", here(section), "network")).into_response()),
        "back" => Ok(Redirect::to(&here(section.saturating_sub(1))).into_response()),
        "save" => Ok(Redirect::to(&format!("{}&saved=1", here(section))).into_response()),
        "search" | "propose" => {
            let query = serde_urlencoded::to_string([
                ("section", section.to_string()),
                ("find", field("_find").unwrap_or_default()),
                ("find_level", field("_find_level").unwrap_or_default()),
                ("find_province", field("_find_province").unwrap_or_default()),
            ])
            .unwrap_or_default();
            Ok(Redirect::to(&format!("/s/{token}?{query}#roster")).into_response())
        }
        goto if goto.starts_with("goto:") => {
            let to = goto[5..].parse::<usize>().unwrap_or(section);
            Ok(Redirect::to(&here(to.min(def.sections.len() - 1))).into_response())
        }
        "submit" => {
            // Every section is checked; the first one with a problem is shown with it.
            for (i, s) in def.sections.iter().enumerate() {
                let problems = answers::check([s], &inv.answers, &codes, lang);
                if !problems.is_empty() {
                    let status = StatusCode::UNPROCESSABLE_ENTITY;
                    return render(&state, lang, &uri, &token, &inv, &def, i, &q, &problems, None, status).await;
                }
            }
            respond::submit(&state, &actor_of(&inv), &inv, &def, &record).await?;
            Ok(Redirect::to(&format!("/s/{token}?done=1")).into_response())
        }
        _ => {
            let problems = answers::check([current], &inv.answers, &codes, lang);
            if problems.is_empty() {
                Ok(Redirect::to(&here((section + 1).min(def.sections.len() - 1))).into_response())
            } else {
                let status = StatusCode::UNPROCESSABLE_ENTITY;
                render(&state, lang, &uri, &token, &inv, &def, section, &q, &problems, None, status).await
            }
        }
    }
    .map(private)
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RosterQuery {
    q: Option<String>,
    level: Option<String>,
    province: Option<String>,
}

#[derive(serde::Serialize)]
pub struct RosterEntry {
    id: i64,
    name: String,
    detail: String,
}

/// Search-as-you-type over the inventory, for a network question; only for a valid link.
async fn roster(
    State(state): State<AppState>,
    fallback: Lang,
    Chosen(chosen): Chosen,
    uri: Uri,
    Path(token): Path<String>,
    Query(q): Query<RosterQuery>,
) -> Result<Response, AppError> {
    let (inv, lang) = match open(&state, &token, fallback, chosen, &uri).await? {
        Ok(opened) => opened,
        Err(page) => return Ok(page),
    };
    let reference = reference(&state).await?;
    let found = search(&state, &inv, &reference, &q, lang).await?;
    Ok(private(Json(found).into_response()))
}

async fn search(
    state: &AppState,
    inv: &Invitation,
    reference: &Reference,
    q: &RosterQuery,
    lang: Lang,
) -> Result<Vec<RosterEntry>, AppError> {
    let text = q.q.as_deref().map(str::trim).unwrap_or("");
    if text.chars().count() < 2 && q.level.as_deref().unwrap_or("").is_empty() {
        return Ok(Vec::new());
    }
    let query = ListQuery {
        q: Some(text.to_owned()).filter(|t| !t.is_empty()),
        level: q.level.clone(),
        province: q.province.clone(),
        limit: Some("25".into()),
        ..Default::default()
    };
    let Ok(filter) = query.to_filter(reference, Some(25)) else { return Ok(Vec::new()) };
    let list = respond::roster(state, &actor_of(inv), inv, &filter).await?;
    Ok(list
        .into_iter()
        .map(|s| RosterEntry {
            id: s.id,
            detail: detail(reference, &s.data.level, &s.data.territory, lang),
            name: s.display(),
        })
        .collect())
}

fn detail(reference: &Reference, level: &str, territory: &[String], lang: Lang) -> String {
    let mut parts = vec![super::label_of(&reference.levels, level, lang)];
    if let Some(t) = territory.first().and_then(|t| reference.territory_by_ins(t)) {
        parts.push(t.label(lang));
    }
    parts.join(" · ")
}

// ---- view model -------------------------------------------------------------------------

struct Step {
    index: usize,
    title: String,
    current: bool,
    done: bool,
}

struct ChoiceView {
    value: String,
    label: String,
    checked: bool,
}

struct AttrView {
    name: String,
    label: &'static str,
    options: Vec<ChoiceView>,
}

struct TieView {
    key: String,
    name: String,
    detail: String,
    is_new: bool,
    new_name: String,
    new_level: String,
    new_kind: String,
    attrs: Vec<AttrView>,
}

struct EntryField {
    name: &'static str,
    label: &'static str,
    value: String,
    shown: String,
    options: Vec<Opt>,
    long: bool,
}

struct QView {
    id: String,
    kind: &'static str,
    text: String,
    help: String,
    required: bool,
    error: String,
    /// The first question in error of the page: its control gets the focus.
    first_error: bool,
    hidden: bool,
    show_if: String,
    show_in: String,
    options: Vec<ChoiceView>,
    other: bool,
    other_value: String,
    value: String,
    max_length: String,
    min: String,
    max: String,
    ties: Vec<TieView>,
    blank_attrs: Vec<AttrView>,
    entry_confirmed: String,
    entry: Vec<EntryField>,
}

struct Roster {
    find: String,
    levels: Vec<Opt>,
    provinces: Vec<Opt>,
    results: Vec<RosterEntry>,
    searched: bool,
    new_levels: Vec<Opt>,
    new_kinds: Vec<Opt>,
}

#[derive(Template, WebTemplate)]
#[template(path = "respond/section.html")]
struct SectionPage {
    page: Page,
    token: String,
    survey_title: String,
    survey_intro: String,
    respondent: String,
    steps: Vec<Step>,
    index: usize,
    count: usize,
    percent: usize,
    title: String,
    intro: String,
    questions: Vec<QView>,
    roster: Option<Roster>,
    last: bool,
    /// A notice at the top: the draft was saved, or the respondent resumes where they were.
    note: String,
    submitted: String,
    closes: String,
    errors: usize,
}

fn text(t: &Text, lang: Lang) -> String {
    t.get(lang).to_owned()
}

fn choices(list: &[Choice], chosen: &[String], lang: Lang) -> Vec<ChoiceView> {
    list.iter()
        .map(|c| ChoiceView {
            value: c.value.clone(),
            label: c.label.get(lang).to_owned(),
            checked: chosen.contains(&c.value),
        })
        .collect()
}

fn attributes(q: &Question, tie: Option<&TieAnswer>, lang: Lang) -> Vec<AttrView> {
    let t = lang.tr();
    // The options of one attribute: their values, worded by the catalogue's `<prefix>-<value>`.
    let pick = |value: Option<&str>, prefix: &str, values: &mut dyn Iterator<Item = &'static str>| {
        values
            .map(|v| ChoiceView {
                value: v.to_owned(),
                label: crate::i18n::text(lang, &format!("{prefix}-{v}"), &[]),
                checked: value == Some(v),
            })
            .collect::<Vec<_>>()
    };
    q.attributes
        .iter()
        .filter_map(|a| {
            let value = tie.and_then(|t| t.attribute(a));
            let (label, options) = match a.as_str() {
                "link_type" => (t.tie_type, pick(value, "tie-type", &mut TIE_TYPES.iter().map(|x| x.0))),
                "frequency" => (t.tie_frequency, pick(value, "tie-frequency", &mut FREQUENCIES.iter().map(|x| x.0))),
                "formal" => (t.tie_formal, pick(value, "tie-formal", &mut FORMAL.into_iter())),
                "satisfaction" => {
                    (t.tie_satisfaction, pick(value, "tie-satisfaction", &mut ["1", "2", "3", "4", "5"].into_iter()))
                }
                _ => return None,
            };
            Some(AttrView { name: a.clone(), label, options })
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    token: &str,
    inv: &Invitation,
    def: &Definition,
    index: usize,
    q: &ShowQuery,
    problems: &Problems,
    note: Option<String>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let actor = actor_of(inv);
    let (record, reference) = respond::own_record(state, &actor, inv).await?;
    let section = &def.sections[index];
    let answers = &inv.answers;
    let current = entry_values(&record);
    // The organisations this section's answers name, read at once.
    let named_ids: Vec<i64> = section
        .questions
        .iter()
        .filter_map(|q| answers.get(q.id.get_ref()))
        .flat_map(|a| a.ties.iter().filter_map(|t| t.stakeholder))
        .collect();
    let named = respond::named(state, &actor, inv, &named_ids).await?;
    let mut roster = None;
    let mut questions = Vec::new();
    for question in &section.questions {
        let empty = answers::Answer::default();
        let a = answers.get(question.id.get_ref()).unwrap_or(&empty);
        let mut view = question_view(question, a, answers, problems, lang);
        if question.kind == Kind::Network {
            view.ties = tie_views(question, a, &named, &reference, lang);
            if roster.is_none() {
                roster = Some(roster_view(state, inv, &reference, q, lang).await?);
            }
        }
        if question.kind == Kind::EntryCheck {
            (view.entry_confirmed, view.entry) = entry_views(a, &current, &reference, lang);
        }
        questions.push(view);
    }
    if let Some(first) = questions.iter_mut().find(|q| !q.error.is_empty()) {
        first.first_error = true;
    }
    let count = def.sections.len();
    let answered =
        |s: &crate::survey::definition::Section| s.questions.iter().any(|q| answers.get(q.id.get_ref()).is_some());
    let steps = def
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| Step { index: i, title: text(&s.title, lang), current: i == index, done: answered(s) })
        .collect();
    let day = |d: &str| long_date(d, lang);
    let mut page = Page::new(lang, text(&def.title, lang), uri);
    page.offer_only(&def.offered());
    page.privacy_notice = Some(state.settings.privacy_notice(lang));
    let page = SectionPage {
        page,
        token: token.to_owned(),
        survey_title: text(&def.title, lang),
        survey_intro: if index == 0 {
            def.intro.as_ref().map(|i| text(i, lang)).unwrap_or_default()
        } else {
            String::new()
        },
        respondent: record.name.clone().unwrap_or_default(),
        steps,
        index,
        count,
        percent: (index + 1) * 100 / count.max(1),
        title: text(&section.title, lang),
        intro: section.intro.as_ref().map(|i| text(i, lang)).unwrap_or_default(),
        questions,
        roster,
        last: index + 1 == count,
        note: note.unwrap_or_default(),
        submitted: inv.submitted_at.as_deref().and_then(|s| s.get(..10)).map(day).unwrap_or_default(),
        closes: day(&inv.closes_on),
        errors: problems.len(),
    };
    Ok(private((status, page).into_response()))
}

/// A question as the page shows it, with the answer so far and its problem, if any.
fn question_view(
    question: &crate::survey::definition::Question,
    a: &answers::Answer,
    answers: &answers::Answers,
    problems: &Problems,
    lang: Lang,
) -> QView {
    let id = question.id.get_ref().clone();
    QView {
        kind: match question.kind {
            Kind::SingleChoice => "single",
            Kind::MultipleChoice => "multiple",
            Kind::Likert => "likert",
            Kind::ShortText => "short",
            Kind::LongText => "long",
            Kind::Number => "number",
            Kind::Date => "date",
            Kind::Network => "network",
            Kind::EntryCheck => "entry",
        },
        text: text(&question.text, lang),
        help: question.help.as_ref().map(|h| text(h, lang)).unwrap_or_default(),
        required: question.required,
        error: problems.get(&id).cloned().unwrap_or_default(),
        first_error: false,
        hidden: !answers.shows(question),
        show_if: question.show_if.as_ref().map(|c| c.question.get_ref().clone()).unwrap_or_default(),
        show_in: question.show_if.as_ref().map(|c| c.any_of.join(" ")).unwrap_or_default(),
        options: choices(
            if question.kind == Kind::Likert { &question.scale } else { &question.options },
            &a.values,
            lang,
        ),
        other: question.other,
        other_value: a.other.clone().unwrap_or_default(),
        value: a.first().unwrap_or("").to_owned(),
        max_length: question.max_length.map(|m| m.to_string()).unwrap_or_default(),
        min: question.min.map(|m| m.to_string()).unwrap_or_default(),
        max: question.max.map(|m| m.to_string()).unwrap_or_default(),
        ties: Vec::new(),
        blank_attrs: attributes(question, None, lang),
        entry_confirmed: String::new(),
        entry: Vec::new(),
        id,
    }
}

impl QView {
    /// What ties a question's help and error to its controls, marks them invalid, and focuses
    /// the first question in error (`q-{id}-help`, `q-{id}-error`; ids are the definition's
    /// identifiers, letters, digits and underscores).
    fn described(&self, focus: bool) -> String {
        let mut by = Vec::new();
        if !self.help.is_empty() {
            by.push(format!("q-{}-help", self.id));
        }
        if !self.error.is_empty() {
            by.push(format!("q-{}-error", self.id));
        }
        let mut out = if by.is_empty() { String::new() } else { format!(" aria-describedby=\"{}\"", by.join(" ")) };
        if !self.error.is_empty() {
            out.push_str(" aria-invalid=\"true\"");
        }
        if focus && self.first_error {
            out.push_str(" autofocus");
        }
        out
    }

    /// A text, number or date field: named by the question (its legend).
    pub fn field_attrs(&self) -> String {
        format!(" id=\"q-{}-field\" aria-labelledby=\"q-{}-text\"{}", self.id, self.id, self.described(true))
    }

    /// One of a question's choices (named by its own label); `first` takes the focus.
    pub fn choice_attrs(&self, first: bool) -> String {
        self.described(first)
    }
}

/// The organisations a network question's answer names, with their attributes.
fn tie_views(
    question: &crate::survey::definition::Question,
    a: &answers::Answer,
    named: &std::collections::HashMap<i64, crate::domain::stakeholder::Stakeholder>,
    reference: &Reference,
    lang: Lang,
) -> Vec<TieView> {
    let mut ties = Vec::new();
    for (i, tie) in a.ties.iter().enumerate() {
        let (name, detail, is_new) = match (tie.stakeholder, &tie.new) {
            (Some(sid), _) => match named.get(&sid) {
                Some(s) => (s.display(), detail(reference, &s.data.level, &s.data.territory, lang), false),
                None => continue,
            },
            (None, Some(new)) => (new.name.clone(), lang.tr().survey_new_org_pending.to_owned(), true),
            _ => continue,
        };
        let new = tie.new.clone().unwrap_or_default();
        ties.push(TieView {
            key: tie.key(i),
            name,
            detail,
            is_new,
            new_name: new.name,
            new_level: new.level,
            new_kind: new.kind,
            attrs: attributes(question, Some(tie), lang),
        });
    }
    ties
}

/// The roster search box of a network question, with the results of the search asked for.
async fn roster_view(
    state: &AppState,
    inv: &Invitation,
    reference: &Reference,
    q: &ShowQuery,
    lang: Lang,
) -> Result<Roster, AppError> {
    let rq = RosterQuery {
        q: q.find.clone(),
        level: q.find_level.clone().filter(|s| !s.is_empty()),
        province: q.find_province.clone().filter(|s| !s.is_empty()),
    };
    let searched = rq.q.as_deref().is_some_and(|s| !s.trim().is_empty()) || rq.level.is_some();
    let results = if searched { search(state, inv, reference, &rq, lang).await? } else { Vec::new() };
    Ok(Roster {
        find: q.find.clone().unwrap_or_default(),
        levels: super::options(&reference.levels, lang, &[rq.level.as_deref().unwrap_or("")]),
        provinces: super::province_options(reference, lang, rq.province.as_deref()),
        results,
        searched,
        new_levels: super::options(&reference.levels, lang, &[]),
        new_kinds: super::options(&reference.kinds, lang, &[]),
    })
}

/// The entry check: confirmed or not, and each field of the respondent's record with the
/// value it has and the one proposed.
fn entry_views(
    a: &answers::Answer,
    current: &std::collections::BTreeMap<String, String>,
    reference: &Reference,
    lang: Lang,
) -> (String, Vec<EntryField>) {
    let entry = a.entry.clone().unwrap_or_default();
    let confirmed = match entry.confirmed {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    };
    let fields = ENTRY_FIELDS
        .into_iter()
        .map(|field| {
            let now = current.get(field).cloned().unwrap_or_default();
            let value = entry.changes.get(field).cloned().unwrap_or_else(|| now.clone());
            let (options, shown) = match field {
                "level" => (
                    super::options(&reference.levels, lang, &[value.as_str()]),
                    super::label_of(&reference.levels, &now, lang),
                ),
                "kind" => (
                    super::options(&reference.kinds, lang, &[value.as_str()]),
                    super::label_of(&reference.kinds, &now, lang),
                ),
                _ => (Vec::new(), now.clone()),
            };
            EntryField {
                name: field,
                label: entry_label(field, lang),
                value,
                shown,
                options,
                long: field == "description",
            }
        })
        .collect();
    (confirmed, fields)
}

pub fn entry_label(field: &str, lang: Lang) -> &'static str {
    let t = lang.tr();
    match field {
        "name" => t.name,
        "acronym" => t.acronym,
        "level" => t.level,
        "kind" => t.kind,
        "description" => t.description,
        "email" => t.email,
        "phone" => t.phone,
        _ => t.website,
    }
}
