//! `/bodies`, `/meetings`, `/actions`: the coordination mechanism, the meetings held and the
//! action items to follow up. Forms work without JavaScript: lists of stakeholders are rows
//! of inputs (the existing ones and a few empty), and saving gives more empty rows.

use super::{FormErrors, Opt, Page, label_of, options};
use crate::app::{Action, Actor, AppError, AppState, inventory, mechanism, phases};
use crate::domain::mechanism::{
    ACTION_STATUSES, ATTENDEE_ROLES, ActionDraft, ActionItem, BODY_KINDS, Body, BodyDraft, FREQUENCIES, MEMBER_ROLES,
    Meeting, MeetingDraft, MemberDraft, Standing,
};
use crate::domain::reference::Reference;
use crate::domain::values::format_date;
use crate::i18n::{Lang, code_label, long_date};
use crate::web::extract::Id;
use crate::web::routes::{Kind, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::{Form, Query};
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/bodies", Action::Read, Kind::Page, get(bodies)),
        Route::new(Method::POST, "/bodies", Action::Edit, Kind::Page, post(create_body)),
        Route::new(Method::GET, "/bodies/new", Action::Edit, Kind::Page, get(new_body)),
        Route::new(Method::GET, "/bodies/{id}", Action::Read, Kind::Page, get(show_body)),
        Route::new(Method::GET, "/bodies/{id}/edit", Action::Edit, Kind::Page, get(edit_body)),
        Route::new(Method::POST, "/bodies/{id}/edit", Action::Edit, Kind::Page, post(update_body)),
        Route::new(Method::POST, "/bodies/{id}/archive", Action::Edit, Kind::Page, post(archive_body)),
        Route::new(Method::POST, "/bodies/{id}/restore", Action::Edit, Kind::Page, post(restore_body)),
        Route::new(Method::GET, "/meetings", Action::Read, Kind::Page, get(meetings)),
        Route::new(Method::POST, "/meetings", Action::Edit, Kind::Page, post(create_meeting)),
        Route::new(Method::GET, "/meetings/new", Action::Edit, Kind::Page, get(new_meeting)),
        Route::new(Method::GET, "/meetings/{id}", Action::Read, Kind::Page, get(show_meeting)),
        Route::new(Method::GET, "/meetings/{id}/edit", Action::Edit, Kind::Page, get(edit_meeting)),
        Route::new(Method::POST, "/meetings/{id}/edit", Action::Edit, Kind::Page, post(update_meeting)),
        Route::new(Method::POST, "/meetings/{id}/delete", Action::Edit, Kind::Page, post(delete_meeting)),
        Route::new(Method::GET, "/actions", Action::Read, Kind::Page, get(actions)),
        Route::new(Method::POST, "/actions/{id}/status", Action::Edit, Kind::Page, post(set_status)),
        Route::new(Method::GET, "/mechanism", Action::Read, Kind::Page, get(review)),
    ]
}

/// Empty rows offered after the existing ones.
const EMPTY_ROWS: usize = 5;

fn code_options(codes: &[&str], lang: Lang) -> Vec<Opt> {
    codes.iter().map(|c| Opt { value: (*c).to_owned(), label: code_label(c, lang), selected: false }).collect()
}

fn territory_label(reference: &Reference, ins: &Option<String>, lang: Lang) -> String {
    match ins {
        Some(ins) => reference.territory_by_ins(ins).map_or_else(|| ins.clone(), |t| t.label(lang)),
        None => lang.tr().mech.all_territory.to_owned(),
    }
}

/// Names of every stakeholder, for the rows' suggestions.
async fn stakeholder_names(state: &AppState) -> Result<Vec<String>, AppError> {
    let mut names: Vec<String> = inventory::name_keys(state).await?.into_iter().map(|k| k.name).collect();
    names.sort_by_key(|n| crate::domain::text::key(n));
    Ok(names)
}

/// One row of a list of stakeholders in a form, with its errors.
pub struct RowView {
    n: usize,
    stakeholder: String,
    role: String,
    contact: String,
    stakeholder_error: String,
    role_error: String,
    contact_error: String,
}

fn row_views(list: &str, rows: &[MemberDraft], errors: &FormErrors) -> Vec<RowView> {
    let filled = rows.iter().filter(|r| r.stakeholder.as_deref().is_some_and(|s| !s.trim().is_empty())).count();
    let empty = MemberDraft::default();
    // Errors name rows as typed (1-based, empty rows counted), so the rows keep their places.
    let mut shown: Vec<&MemberDraft> = rows.iter().collect();
    shown.extend(std::iter::repeat_n(&empty, EMPTY_ROWS.saturating_sub(rows.len() - filled).max(1)));
    shown
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let at = |field: &str| errors.get(&format!("{list}[{}].{field}", i + 1));
            RowView {
                n: i + 1,
                stakeholder: r.stakeholder.clone().unwrap_or_default(),
                role: r.role.clone().unwrap_or_default(),
                contact: r.contact.clone().unwrap_or_default(),
                stakeholder_error: at("stakeholder"),
                role_error: at("role"),
                contact_error: at("contact"),
            }
        })
        .collect()
}

// ---------------------------------------------------------------- bodies

pub struct BodyRow {
    id: i64,
    name: String,
    kind: String,
    level: String,
    territory: String,
    frequency: String,
    members: usize,
    held: usize,
    expected: i64,
    behind: bool,
    archived: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "mechanism/bodies.html")]
struct BodiesPage {
    page: Page,
    rows: Vec<BodyRow>,
    show_archived: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BodiesQuery {
    archived: Option<String>,
}

async fn bodies(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<BodiesQuery>,
) -> Result<BodiesPage, AppError> {
    let show_archived = q.archived.is_some();
    let reference = inventory::reference(&state).await?;
    let today = state.clock.now().date();
    let held = mechanism::held_by_body(&mechanism::meetings(&state, &actor).await?, today);
    let rows = mechanism::bodies(&state, &actor, show_archived)
        .await?
        .into_iter()
        .map(|b| {
            let held = held.get(&b.id).copied().unwrap_or(0);
            let expected = b.expected_meetings(today);
            BodyRow {
                id: b.id,
                kind: code_label(&b.kind, lang),
                level: b.level.as_deref().map(|l| label_of(&reference.levels, l, lang)).unwrap_or_default(),
                territory: territory_label(&reference, &b.territory, lang),
                frequency: code_label(&b.frequency, lang),
                members: b.members.len(),
                behind: (held as i64) < expected,
                held,
                expected,
                archived: b.archived,
                name: b.name,
            }
        })
        .collect();
    Ok(BodiesPage { page: Page::new(lang, lang.tr().mech.bodies_title, &uri), rows, show_archived })
}

pub struct MeetingRow {
    id: i64,
    day: String,
    title: String,
    body: String,
    body_id: Option<i64>,
    phase: String,
    attendees: usize,
    open: usize,
    overdue: usize,
}

fn meeting_rows(
    list: &[Meeting],
    bodies: &[Body],
    phases: &[crate::domain::phase::Phase],
    today: time::Date,
    lang: Lang,
) -> Vec<MeetingRow> {
    list.iter()
        .map(|m| MeetingRow {
            id: m.id,
            day: long_date(&format_date(m.held_on), lang),
            title: m.title.clone(),
            body: m
                .body_id
                .and_then(|id| bodies.iter().find(|b| b.id == id))
                .map(|b| b.name.clone())
                .unwrap_or_default(),
            body_id: m.body_id,
            phase: m
                .phase
                .as_deref()
                .and_then(|c| phases.iter().find(|p| p.code == c))
                .map(|p| p.title(lang).to_owned())
                .unwrap_or_default(),
            attendees: m.attendees.len(),
            open: m.actions.iter().filter(|a| matches!(a.standing(today), Standing::Due | Standing::Overdue)).count(),
            overdue: m.actions.iter().filter(|a| a.standing(today) == Standing::Overdue).count(),
        })
        .collect()
}

pub struct MemberRow {
    id: i64,
    name: String,
    role: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "mechanism/body.html")]
struct BodyPage {
    page: Page,
    b: Body,
    kind: String,
    level: String,
    sectors: Vec<String>,
    territory: String,
    frequency: String,
    established: String,
    held: usize,
    expected: i64,
    members: Vec<MemberRow>,
    meetings: Vec<MeetingRow>,
    items: Vec<ItemRow>,
    /// Where a status change made on this page comes back to.
    back: String,
    history: super::changes::History,
}

async fn show_body(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
) -> Result<BodyPage, AppError> {
    let reference = inventory::reference(&state).await?;
    let today = state.clock.now().date();
    let b = mechanism::body(&state, &actor, id).await?;
    let all = mechanism::meetings(&state, &actor).await?;
    let own: Vec<Meeting> = all.into_iter().filter(|m| m.body_id == Some(id)).collect();
    let phases = phases::list(&state, &actor).await?;
    let items = own
        .iter()
        .flat_map(|m| m.actions.iter())
        .filter(|a| is_open(a, today))
        .map(|a| item_row(a, today, lang))
        .collect();
    let history = super::changes::History::of(&state, &actor, lang, "body", id, &format!("/bodies/{id}")).await?;
    Ok(BodyPage {
        history,
        page: Page::new(lang, b.name.clone(), &uri),
        kind: code_label(&b.kind, lang),
        level: b.level.as_deref().map(|l| label_of(&reference.levels, l, lang)).unwrap_or_default(),
        sectors: b.sectors.iter().map(|s| label_of(&reference.sectors, s, lang)).collect(),
        territory: territory_label(&reference, &b.territory, lang),
        frequency: code_label(&b.frequency, lang),
        established: long_date(&format_date(b.established_on), lang),
        held: own.iter().filter(|m| m.held_on <= today).count(),
        expected: b.expected_meetings(today),
        members: b
            .members
            .iter()
            .map(|m| MemberRow { id: m.stakeholder_id, name: m.name.clone(), role: code_label(&m.role, lang) })
            .collect(),
        meetings: meeting_rows(&own, std::slice::from_ref(&b), &phases, today, lang),
        items,
        back: format!("/bodies/{id}"),
        b,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BodyForm {
    name: String,
    kind: String,
    level: String,
    sectors: Vec<String>,
    territory: String,
    frequency: String,
    established_on: String,
    description: String,
    member: Vec<String>,
    member_role: Vec<String>,
}

fn some(s: String) -> Option<String> {
    Some(s).filter(|s| !s.trim().is_empty())
}

impl BodyForm {
    fn into_draft(self) -> BodyDraft {
        let members = self
            .member
            .into_iter()
            .zip(self.member_role.into_iter().chain(std::iter::repeat(String::new())))
            .map(|(s, r)| MemberDraft { stakeholder: some(s), role: some(r), contact: None })
            .collect();
        BodyDraft {
            name: some(self.name),
            kind: some(self.kind),
            level: some(self.level),
            sectors: self.sectors,
            territory: some(self.territory),
            frequency: some(self.frequency),
            established_on: some(self.established_on),
            description: some(self.description),
            members,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "mechanism/body_form.html")]
struct BodyFormPage {
    page: Page,
    action: String,
    d: BodyDraft,
    kinds: Vec<Opt>,
    levels: Vec<Opt>,
    sectors: Vec<Opt>,
    territories: Vec<super::OptGroup>,
    frequencies: Vec<Opt>,
    roles: Vec<Opt>,
    rows: Vec<RowView>,
    names: Vec<String>,
    errors: FormErrors,
}

async fn body_form(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    id: Option<i64>,
    d: BodyDraft,
    errors: FormErrors,
) -> Result<BodyFormPage, AppError> {
    let reference = inventory::reference(state).await?;
    let t = &lang.tr().mech;
    let chosen = |v: &Option<String>| v.clone().unwrap_or_default();
    let mark = |mut opts: Vec<Opt>, v: &str| {
        for o in &mut opts {
            o.selected = o.value == v;
        }
        opts
    };
    let frequency_codes: Vec<&str> = FREQUENCIES.iter().map(|(c, _)| *c).collect();
    let sector_refs: Vec<&str> = d.sectors.iter().map(String::as_str).collect();
    let territory: Vec<String> = d.territory.iter().cloned().collect();
    Ok(BodyFormPage {
        page: Page::new(lang, if id.is_some() { t.edit_body } else { t.new_body }, uri),
        action: id.map_or_else(|| "/bodies".to_owned(), |id| format!("/bodies/{id}/edit")),
        kinds: mark(code_options(&BODY_KINDS, lang), &chosen(&d.kind)),
        levels: options(&reference.levels, lang, &[chosen(&d.level).as_str()]),
        sectors: options(&reference.sectors, lang, &sector_refs),
        territories: super::territory_groups(&reference, lang, &territory),
        frequencies: mark(code_options(&frequency_codes, lang), &chosen(&d.frequency)),
        roles: code_options(&MEMBER_ROLES, lang),
        rows: row_views("members", &d.members, &errors),
        names: stakeholder_names(state).await?,
        d,
        errors,
    })
}

fn form_errors(e: AppError, lang: Lang) -> Result<FormErrors, AppError> {
    match e {
        AppError::Validation(errors) => Ok(FormErrors::new(&errors, lang)),
        AppError::Conflict { field, message } => Ok(FormErrors::conflict(field, crate::i18n::say(lang, &message))),
        other => Err(other),
    }
}

async fn new_body(State(state): State<AppState>, lang: Lang, uri: Uri) -> Result<BodyFormPage, AppError> {
    let d = BodyDraft { frequency: Some("monthly".into()), ..Default::default() };
    body_form(&state, lang, &uri, None, d, FormErrors::default()).await
}

async fn edit_body(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
) -> Result<BodyFormPage, AppError> {
    let b = mechanism::body(&state, &actor, id).await?;
    body_form(&state, lang, &uri, Some(id), BodyDraft::from_body(&b), FormErrors::default()).await
}

async fn save_body(
    state: AppState,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    id: Option<i64>,
    form: BodyForm,
) -> Result<Response, AppError> {
    let draft = form.into_draft();
    match mechanism::save_body(&state, &actor, id, &draft).await {
        Ok(b) => Ok(Redirect::to(&format!("/bodies/{}", b.id)).into_response()),
        Err(e) => {
            let errors = form_errors(e, lang)?;
            let page = body_form(&state, lang, &uri, id, draft, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

async fn create_body(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Form(form): Form<BodyForm>,
) -> Result<Response, AppError> {
    save_body(state, actor, lang, uri, None, form).await
}

async fn update_body(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
    Form(form): Form<BodyForm>,
) -> Result<Response, AppError> {
    save_body(state, actor, lang, uri, Some(id), form).await
}

async fn archive_body(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Redirect, AppError> {
    mechanism::set_body_archived(&state, &actor, id, true).await?;
    Ok(Redirect::to(&format!("/bodies/{id}")))
}

async fn restore_body(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Redirect, AppError> {
    mechanism::set_body_archived(&state, &actor, id, false).await?;
    Ok(Redirect::to(&format!("/bodies/{id}")))
}

// ---------------------------------------------------------------- meetings

#[derive(Template, WebTemplate)]
#[template(path = "mechanism/meetings.html")]
struct MeetingsPage {
    page: Page,
    rows: Vec<MeetingRow>,
}

async fn meetings(State(state): State<AppState>, actor: Actor, lang: Lang, uri: Uri) -> Result<MeetingsPage, AppError> {
    let today = state.clock.now().date();
    let list = mechanism::meetings(&state, &actor).await?;
    let bodies = mechanism::bodies(&state, &actor, true).await?;
    let phases = phases::list(&state, &actor).await?;
    Ok(MeetingsPage {
        page: Page::new(lang, lang.tr().mech.meetings_title, &uri),
        rows: meeting_rows(&list, &bodies, &phases, today, lang),
    })
}

pub struct AttendeeRow {
    id: i64,
    name: String,
    role: String,
    contact: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "mechanism/meeting.html")]
struct MeetingPage {
    page: Page,
    m: Meeting,
    day: String,
    phase: String,
    body: Option<(i64, String)>,
    attendees: Vec<AttendeeRow>,
    show_contacts: bool,
    items: Vec<ItemRow>,
    back: String,
    history: super::changes::History,
}

async fn show_meeting(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
) -> Result<MeetingPage, AppError> {
    let today = state.clock.now().date();
    let m = mechanism::meeting(&state, &actor, id).await?;
    let phase = match &m.phase {
        Some(code) => phases::list(&state, &actor)
            .await?
            .into_iter()
            .find(|p| &p.code == code)
            .map(|p| p.title(lang).to_owned())
            .unwrap_or_default(),
        None => String::new(),
    };
    let body = match m.body_id {
        Some(b) => Some((b, mechanism::body(&state, &actor, b).await?.name)),
        None => None,
    };
    let history = super::changes::History::of(&state, &actor, lang, "meeting", id, &format!("/meetings/{id}")).await?;
    Ok(MeetingPage {
        history,
        page: Page::new(lang, m.title.clone(), &uri),
        day: long_date(&format_date(m.held_on), lang),
        phase,
        body,
        attendees: m
            .attendees
            .iter()
            .map(|a| AttendeeRow {
                id: a.stakeholder_id,
                name: a.name.clone(),
                role: code_label(&a.role, lang),
                contact: a.contact.clone().unwrap_or_default(),
            })
            .collect(),
        show_contacts: actor.sees_personal(),
        items: m.actions.iter().map(|a| item_row(a, today, lang)).collect(),
        back: format!("/meetings/{id}"),
        m,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct MeetingForm {
    held_on: String,
    phase: String,
    body: String,
    title: String,
    agenda: String,
    minutes: String,
    decisions: String,
    attendee: Vec<String>,
    attendee_role: Vec<String>,
    attendee_contact: Vec<String>,
    action_id: Vec<String>,
    action_text: Vec<String>,
    action_owner: Vec<String>,
    action_due: Vec<String>,
    action_status: Vec<String>,
}

/// The `i`th value of a repeated field, empty when missing.
fn nth(v: &[String], i: usize) -> Option<String> {
    v.get(i).cloned().and_then(some)
}

impl MeetingForm {
    fn into_draft(self) -> MeetingDraft {
        let attendees = (0..self.attendee.len())
            .map(|i| MemberDraft {
                stakeholder: nth(&self.attendee, i),
                role: nth(&self.attendee_role, i),
                contact: nth(&self.attendee_contact, i),
            })
            .collect();
        let actions = (0..self.action_text.len())
            .map(|i| ActionDraft {
                id: nth(&self.action_id, i),
                description: nth(&self.action_text, i),
                owner: nth(&self.action_owner, i),
                due_on: nth(&self.action_due, i),
                status: nth(&self.action_status, i),
            })
            .collect();
        MeetingDraft {
            held_on: some(self.held_on),
            phase: some(self.phase),
            body: some(self.body),
            title: some(self.title),
            agenda: some(self.agenda),
            minutes: some(self.minutes),
            decisions: some(self.decisions),
            attendees,
            actions,
        }
    }
}

pub struct ActionRowView {
    n: usize,
    id: String,
    text: String,
    owner: String,
    due: String,
    status: String,
    text_error: String,
    owner_error: String,
    due_error: String,
    status_error: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "mechanism/meeting_form.html")]
struct MeetingFormPage {
    page: Page,
    action: String,
    existing: Option<i64>,
    d: MeetingDraft,
    phases: Vec<Opt>,
    bodies: Vec<Opt>,
    roles: Vec<Opt>,
    statuses: Vec<Opt>,
    rows: Vec<RowView>,
    actions: Vec<ActionRowView>,
    /// Agenda, minutes and decisions: (field, label, value).
    texts: Vec<(&'static str, &'static str, String)>,
    names: Vec<String>,
    errors: FormErrors,
}

async fn meeting_form(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
    uri: &Uri,
    id: Option<i64>,
    d: MeetingDraft,
    errors: FormErrors,
) -> Result<MeetingFormPage, AppError> {
    let t = &lang.tr().mech;
    let phase = d.phase.clone().unwrap_or_default();
    let phases = phases::list(state, actor)
        .await?
        .into_iter()
        .map(|p| Opt { selected: p.code == phase, label: p.title(lang).to_owned(), value: p.code })
        .collect();
    let body = d.body.clone().unwrap_or_default();
    let bodies = mechanism::bodies(state, actor, false)
        .await?
        .into_iter()
        .map(|b| Opt { selected: b.id.to_string() == body || b.name == body, value: b.id.to_string(), label: b.name })
        .collect();
    let empty = ActionDraft::default();
    let mut shown: Vec<&ActionDraft> = d.actions.iter().collect();
    shown.extend(std::iter::repeat_n(&empty, 3));
    let actions = shown
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            let at = |field: &str| errors.get(&format!("actions[{}].{field}", i + 1));
            ActionRowView {
                n: i + 1,
                id: a.id.clone().unwrap_or_default(),
                text: a.description.clone().unwrap_or_default(),
                owner: a.owner.clone().unwrap_or_default(),
                due: a.due_on.clone().unwrap_or_default(),
                status: a.status.clone().unwrap_or_else(|| "open".into()),
                text_error: at("description"),
                owner_error: at("owner"),
                due_error: at("due_on"),
                status_error: at("status"),
            }
        })
        .collect();
    Ok(MeetingFormPage {
        page: Page::new(lang, if id.is_some() { t.edit_meeting } else { t.new_meeting }, uri),
        action: id.map_or_else(|| "/meetings".to_owned(), |id| format!("/meetings/{id}/edit")),
        existing: id,
        phases,
        bodies,
        roles: code_options(&ATTENDEE_ROLES, lang),
        statuses: code_options(&ACTION_STATUSES, lang),
        rows: row_views("attendees", &d.attendees, &errors),
        actions,
        texts: vec![
            ("agenda", t.agenda, d.agenda.clone().unwrap_or_default()),
            ("minutes", t.minutes, d.minutes.clone().unwrap_or_default()),
            ("decisions", t.decisions, d.decisions.clone().unwrap_or_default()),
        ],
        names: stakeholder_names(state).await?,
        d,
        errors,
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NewMeetingQuery {
    body: Option<String>,
}

async fn new_meeting(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<NewMeetingQuery>,
) -> Result<MeetingFormPage, AppError> {
    let today = state.clock.now().date();
    // From a body's page: its members are the expected attendees.
    let (body, attendees) = match q.body.as_deref().and_then(|b| b.parse::<i64>().ok()) {
        Some(id) => {
            let b = mechanism::body(&state, &actor, id).await?;
            let rows = b
                .members
                .iter()
                .map(|m| MemberDraft { stakeholder: Some(m.name.clone()), role: None, contact: None })
                .collect();
            (Some(id.to_string()), rows)
        }
        None => (None, Vec::new()),
    };
    let d = MeetingDraft { held_on: Some(format_date(today)), body, attendees, ..Default::default() };
    meeting_form(&state, &actor, lang, &uri, None, d, FormErrors::default()).await
}

async fn edit_meeting(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
) -> Result<MeetingFormPage, AppError> {
    let m = mechanism::meeting(&state, &actor, id).await?;
    let d = MeetingDraft::from_meeting(&m, m.body_id.map(|b| b.to_string()));
    meeting_form(&state, &actor, lang, &uri, Some(id), d, FormErrors::default()).await
}

async fn save_meeting(
    state: AppState,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    id: Option<i64>,
    form: MeetingForm,
) -> Result<Response, AppError> {
    let draft = form.into_draft();
    match mechanism::save_meeting(&state, &actor, id, &draft).await {
        Ok(m) => Ok(Redirect::to(&format!("/meetings/{}", m.id)).into_response()),
        Err(e) => {
            let errors = form_errors(e, lang)?;
            let page = meeting_form(&state, &actor, lang, &uri, id, draft, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

async fn create_meeting(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Form(form): Form<MeetingForm>,
) -> Result<Response, AppError> {
    save_meeting(state, actor, lang, uri, None, form).await
}

async fn update_meeting(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
    Form(form): Form<MeetingForm>,
) -> Result<Response, AppError> {
    save_meeting(state, actor, lang, uri, Some(id), form).await
}

async fn delete_meeting(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Redirect, AppError> {
    mechanism::delete_meeting(&state, &actor, id).await?;
    Ok(Redirect::to("/meetings"))
}

// ---------------------------------------------------------------- action items

pub struct ItemRow {
    id: i64,
    description: String,
    owner_id: i64,
    owner: String,
    due: String,
    status: String,
    overdue: bool,
    open: bool,
    meeting_id: i64,
    meeting: String,
}

fn is_open(a: &ActionItem, today: time::Date) -> bool {
    matches!(a.standing(today), Standing::Due | Standing::Overdue)
}

fn item_row(a: &ActionItem, today: time::Date, lang: Lang) -> ItemRow {
    let standing = a.standing(today);
    ItemRow {
        id: a.id,
        description: a.description.clone(),
        owner_id: a.owner_id,
        owner: a.owner.clone(),
        due: a.due_on.map(|d| long_date(&format_date(d), lang)).unwrap_or_default(),
        status: match standing {
            Standing::Overdue => lang.tr().mech.overdue.to_owned(),
            Standing::Due => lang.tr().mech.due.to_owned(),
            _ => code_label(&a.status, lang),
        },
        overdue: standing == Standing::Overdue,
        open: matches!(standing, Standing::Due | Standing::Overdue),
        meeting_id: a.meeting_id,
        meeting: format!("{} ({})", a.meeting_title, long_date(&format_date(a.held_on), lang)),
    }
}

/// Open and overdue items for one owner or one body, linking to the list narrowed to it.
pub struct CountRow {
    name: String,
    href: String,
    open: usize,
    overdue: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "mechanism/actions.html")]
struct ActionsPage {
    page: Page,
    items: Vec<ItemRow>,
    by_owner: Vec<CountRow>,
    by_body: Vec<CountRow>,
    narrowed: Option<String>,
    back: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ActionsQuery {
    owner: Option<String>,
    body: Option<String>,
}

fn counts<K: Ord>(
    items: &[&ActionItem],
    today: time::Date,
    key: impl Fn(&ActionItem) -> K,
) -> BTreeMap<K, (usize, usize)> {
    let mut out: BTreeMap<K, (usize, usize)> = BTreeMap::new();
    for a in items {
        let e = out.entry(key(a)).or_default();
        e.0 += 1;
        if a.standing(today) == Standing::Overdue {
            e.1 += 1;
        }
    }
    out
}

async fn actions(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<ActionsQuery>,
) -> Result<ActionsPage, AppError> {
    let today = state.clock.now().date();
    let t = &lang.tr().mech;
    let all = mechanism::action_items(&state, &actor).await?;
    let bodies = mechanism::bodies(&state, &actor, true).await?;
    let body_name = |id: Option<i64>| match id {
        Some(id) => bodies.iter().find(|b| b.id == id).map_or_else(|| format!("#{id}"), |b| b.name.clone()),
        None => t.ad_hoc.to_owned(),
    };
    let mut open: Vec<&ActionItem> = all.iter().filter(|a| is_open(a, today)).collect();
    open.sort_by_key(|a| (a.standing(today), a.due_on.unwrap_or(time::Date::MAX), a.id));
    let by_owner = {
        let names: BTreeMap<i64, &str> = open.iter().map(|a| (a.owner_id, a.owner.as_str())).collect();
        let mut rows: Vec<CountRow> = counts(&open, today, |a| a.owner_id)
            .into_iter()
            .map(|(id, (open, overdue))| CountRow {
                name: names.get(&id).copied().unwrap_or_default().to_owned(),
                href: format!("/actions?owner={id}"),
                open,
                overdue,
            })
            .collect();
        rows.sort_by(|a, b| (b.overdue, b.open).cmp(&(a.overdue, a.open)).then_with(|| a.name.cmp(&b.name)));
        rows
    };
    let by_body = counts(&open, today, |a| a.body_id)
        .into_iter()
        .map(|(id, (open, overdue))| CountRow {
            name: body_name(id),
            href: format!("/actions?body={}", id.map_or_else(|| "none".to_owned(), |id| id.to_string())),
            open,
            overdue,
        })
        .collect();
    let owner = q.owner.as_deref().and_then(|o| o.parse::<i64>().ok());
    let body = q.body.as_deref().map(|b| if b == "none" { None } else { b.parse::<i64>().ok() });
    let narrowed = match (owner, body) {
        (Some(o), _) => open.iter().find(|a| a.owner_id == o).map(|a| a.owner.clone()).or(Some(format!("#{o}"))),
        (None, Some(b)) => Some(body_name(b)),
        _ => None,
    };
    let items = open
        .into_iter()
        .filter(|a| owner.is_none_or(|o| a.owner_id == o) && body.is_none_or(|b| a.body_id == b))
        .map(|a| item_row(a, today, lang))
        .collect();
    let back = uri.path_and_query().map_or("/actions", |p| p.as_str()).to_owned();
    Ok(ActionsPage { page: Page::new(lang, t.actions_title, &uri), items, by_owner, by_body, narrowed, back })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StatusForm {
    status: String,
    back: String,
}

async fn set_status(
    State(state): State<AppState>,
    actor: Actor,
    Id(id): Id,
    Form(form): Form<StatusForm>,
) -> Result<Redirect, AppError> {
    mechanism::set_action_status(&state, &actor, id, &form.status).await?;
    Ok(Redirect::to(&super::back_to(&form.back, "/actions")))
}

// ---------------------------------------------------------------- designed vs observed

/// A finding in plain words, with the actors or bodies it names, each a link.
pub struct Finding {
    text: String,
    links: Vec<(String, String)>,
    end: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "mechanism/review.html")]
struct ReviewPage {
    page: Page,
    isolated: Vec<Finding>,
    central: Vec<Finding>,
    gaps: Vec<Finding>,
    under: Vec<Finding>,
    fragile: Vec<Finding>,
}

async fn review(State(state): State<AppState>, actor: Actor, lang: Lang, uri: Uri) -> Result<ReviewPage, AppError> {
    let t = &lang.tr().mech;
    let r = mechanism::review(&state, &actor, lang).await?;
    let names: std::collections::HashMap<i64, &str> =
        r.analysed.network.graph.node_weights().map(|n| (n.id, n.name.as_str())).collect();
    let actor_links = |ids: &[i64]| -> Vec<(String, String)> {
        ids.iter()
            .map(|id| (format!("/stakeholders/{id}"), names.get(id).copied().unwrap_or_default().to_owned()))
            .collect()
    };
    let body = |id: i64| r.bodies.iter().find(|b| b.id == id);
    let body_name = |id: i64| body(id).map(|b| b.name.clone()).unwrap_or_default();
    let finding = |text: String, links: Vec<(String, String)>| Finding { text, links, end: String::new() };
    let f = &r.findings;
    let isolated = f
        .isolated_members
        .iter()
        .map(|(b, m)| {
            let text = crate::i18n::tr!(lang, "mech-review-isolated-line", body = body_name(*b), n = m.len());
            finding(text, actor_links(m))
        })
        .collect();
    let central = if f.central_outside.is_empty() {
        Vec::new()
    } else {
        let ids: Vec<i64> = f.central_outside.iter().map(|(id, _)| *id).collect();
        let text = crate::i18n::tr!(
            lang,
            "mech-review-central-line",
            n = f.central_count,
            pct = format!("{}", r.central_percent.round()),
            count = ids.len()
        );
        vec![finding(text, actor_links(&ids))]
    };
    let reference = &r.analysed.network.reference;
    let mut gaps = Vec::new();
    let labelled =
        |items: &[crate::domain::reference::RefItem], codes: &[String], param: &str| -> Vec<(String, String)> {
            codes.iter().map(|c| (format!("/stakeholders?{param}={c}"), label_of(items, c, lang))).collect()
        };
    if !f.levels_without.is_empty() {
        gaps.push(finding(t.review_levels_line.to_owned(), labelled(&reference.levels, &f.levels_without, "level")));
    }
    if !f.provinces_without.is_empty() {
        let links = f
            .provinces_without
            .iter()
            .map(|p| {
                (
                    format!("/stakeholders?province={p}"),
                    reference.territory_by_ins(p).map_or_else(|| p.clone(), |t| t.label(lang)),
                )
            })
            .collect();
        gaps.push(finding(t.review_provinces_line.to_owned(), links));
    }
    if !f.sectors_without.is_empty() {
        gaps.push(finding(
            t.review_sectors_line.to_owned(),
            labelled(&reference.sectors, &f.sectors_without, "sector"),
        ));
    }
    let under = f
        .under_met
        .iter()
        .filter_map(|(b, held, expected)| {
            let b = body(*b)?;
            let text = crate::i18n::tr!(
                lang,
                "mech-review-under-line",
                body = &b.name,
                held = held,
                expected = expected,
                frequency = code_label(&b.frequency, lang).to_lowercase(),
                since = long_date(&format_date(b.established_on), lang)
            );
            Some(finding(text, vec![(format!("/bodies/{}", b.id), b.name.clone())]))
        })
        .collect();
    let fragile = f
        .fragile
        .iter()
        .map(|(b, m)| Finding {
            text: crate::i18n::tr!(lang, "mech-review-fragile-line", body = body_name(*b)),
            links: actor_links(m),
            end: if m.len() > 1 { t.review_fragile_end_many } else { t.review_fragile_end }.to_owned(),
        })
        .collect();
    Ok(ReviewPage { page: Page::new(lang, t.review_title, &uri), isolated, central, gaps, under, fragile })
}

#[cfg(test)]
mod tests {
    fn back_to(back: &str) -> String {
        super::super::back_to(back, "/actions")
    }

    #[test]
    fn a_status_change_comes_back_only_to_our_own_pages() {
        assert_eq!(back_to("/meetings/3"), "/meetings/3");
        assert_eq!(back_to("/actions?owner=2"), "/actions?owner=2");
        for hostile in ["https://evil.example", "//evil.example", "/actions//evil", "/\\evil", ""] {
            assert_eq!(back_to(hostile), "/actions", "{hostile}");
        }
    }
}
