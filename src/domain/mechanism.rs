//! The coordination mechanism: its bodies (steering committee, working groups, platforms …)
//! with their members, and the meetings held, with attendance, decisions and action items.
//! Drafts as typed (form, JSON) become checked data only through their `parse`.

use super::problem::{Collector, FieldError, Problem, RefTable};
use super::reference::Reference;
use super::stakeholder::{lenient_list, lenient_text};
use super::values::{date, format_date, long_text, short_text};
use serde::Deserialize;
use std::collections::HashSet;
use time::Date;

pub const BODY_KINDS: [&str; 6] = ["steering_committee", "working_group", "platform", "liaison", "referents", "other"];
pub const MEMBER_ROLES: [&str; 5] = ["chair", "secretariat", "member", "observer", "referent"];
/// Planned meeting frequencies and the days between two meetings (0: as needed, no rhythm).
pub const FREQUENCIES: [(&str, i64); 7] = [
    ("weekly", 7),
    ("fortnightly", 14),
    ("monthly", 30),
    ("quarterly", 91),
    ("half_yearly", 182),
    ("yearly", 365),
    ("as_needed", 0),
];
pub const ATTENDEE_ROLES: [&str; 4] = ["chair", "secretariat", "participant", "observer"];
pub const ACTION_STATUSES: [&str; 3] = ["open", "done", "dropped"];

/// A stakeholder in a body or at a meeting, with its name for display.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub stakeholder_id: i64,
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub level: Option<String>,
    pub sectors: Vec<String>,
    /// INS code of the territory it covers (Wallonia, a province, an arrondissement, a commune).
    pub territory: Option<String>,
    pub frequency: String,
    /// Since when it exists: the start of its planned rhythm.
    pub established_on: Date,
    pub description: Option<String>,
    pub members: Vec<Member>,
    pub archived: bool,
    pub updated_at: String,
}

impl Body {
    /// Days between two planned meetings; None when it meets as needed.
    pub fn interval_days(&self) -> Option<i64> {
        FREQUENCIES.iter().find(|(c, _)| *c == self.frequency).map(|(_, d)| *d).filter(|d| *d > 0)
    }

    /// How many meetings its rhythm plans from its start to `today` (0 when as needed).
    pub fn expected_meetings(&self, today: Date) -> i64 {
        match self.interval_days() {
            Some(days) if today >= self.established_on => (today - self.established_on).whole_days() / days,
            _ => 0,
        }
    }

    pub fn member_ids(&self) -> Vec<i64> {
        self.members.iter().map(|m| m.stakeholder_id).collect()
    }

    pub fn to_json(&self) -> BodyJson<'_> {
        BodyJson {
            id: self.id,
            name: &self.name,
            kind: &self.kind,
            level: self.level.as_deref(),
            sectors: &self.sectors,
            territory: self.territory.as_deref(),
            frequency: &self.frequency,
            established_on: format_date(self.established_on),
            description: self.description.as_deref(),
            members: self
                .members
                .iter()
                .map(|m| MemberJson { stakeholder_id: m.stakeholder_id, name: &m.name, role: &m.role })
                .collect(),
            archived: self.archived,
            updated_at: &self.updated_at,
        }
    }
}

/// The JSON form of a coordination body.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct BodyJson<'a> {
    pub id: i64,
    pub name: &'a str,
    /// `steering_committee`, `working_group`, `platform`, `liaison`, `referents` or `other`.
    pub kind: &'a str,
    /// An institutional level's code.
    pub level: Option<&'a str>,
    pub sectors: &'a [String],
    /// INS code of the territory it covers.
    pub territory: Option<&'a str>,
    /// Its planned rhythm: `weekly`, `fortnightly`, `monthly`, `quarterly`, `half_yearly`,
    /// `yearly` or `as_needed`.
    pub frequency: &'a str,
    /// `YYYY-MM-DD`: the start of its planned rhythm.
    pub established_on: String,
    pub description: Option<&'a str>,
    pub members: Vec<MemberJson<'a>>,
    pub archived: bool,
    pub updated_at: &'a str,
}

/// A member of a body: the stakeholder and its role.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MemberJson<'a> {
    pub stakeholder_id: i64,
    pub name: &'a str,
    pub role: &'a str,
}

/// A body as the store writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyData {
    pub name: String,
    pub kind: String,
    pub level: Option<String>,
    pub sectors: Vec<String>,
    pub territory: Option<String>,
    pub frequency: String,
    pub established_on: Date,
    pub description: Option<String>,
    /// (stakeholder, role), in the order given.
    pub members: Vec<(i64, String)>,
}

/// One row of a list of stakeholders: who (name, acronym or `#id`), in which role, and for
/// attendees the contact person who came.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, utoipa::ToSchema)]
#[serde(default)]
pub struct MemberDraft {
    /// `stakeholder_id` as the API gives it back, so that a record read can be written again.
    #[serde(deserialize_with = "lenient_text", alias = "stakeholder_id")]
    pub stakeholder: Option<String>,
    pub role: Option<String>,
    pub contact: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct BodyDraft {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub level: Option<String>,
    #[serde(deserialize_with = "lenient_list")]
    pub sectors: Vec<String>,
    pub territory: Option<String>,
    pub frequency: Option<String>,
    pub established_on: Option<String>,
    pub description: Option<String>,
    pub members: Vec<MemberDraft>,
}

fn filled(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// One of `allowed`, or `default` when empty.
fn choice(raw: Option<&str>, allowed: &[&str], default: &str) -> Result<String, Problem> {
    let v = raw.unwrap_or(default);
    allowed.iter().find(|a| **a == v).map(|a| (*a).to_owned()).ok_or_else(|| Problem::Unknown {
        what: RefTable::Choice,
        value: v.to_owned(),
        expected: allowed.iter().map(|a| (*a).to_owned()).collect(),
    })
}

/// The non-empty rows of a list, each resolved to a stakeholder once, with its role; every
/// problem named `{list}[i].{field}` (i counted from 1, as a coordinator counts rows).
fn parse_rows(
    e: &mut Collector,
    list: &str,
    rows: &[MemberDraft],
    roles: &[&str],
    default_role: &str,
    resolve: &dyn Fn(&str) -> Result<i64, Problem>,
) -> Vec<(i64, String, Option<String>)> {
    let rows: Vec<(usize, &MemberDraft)> =
        rows.iter().enumerate().filter(|(_, r)| filled(&r.stakeholder).is_some()).collect();
    if rows.len() > super::limits::LIST_ITEMS {
        e.take::<()>(list, Err(Problem::TooManyItems { max: super::limits::LIST_ITEMS }));
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, r) in rows {
        let at = |field: &str| format!("{list}[{}].{field}", i + 1);
        let raw = filled(&r.stakeholder).unwrap_or_default();
        let id = e.take(&at("stakeholder"), resolve(raw));
        let role = e.take(&at("role"), choice(filled(&r.role), roles, default_role));
        let contact = e.take(&at("contact"), short_text(r.contact.as_deref(), super::limits::SHORT_TEXT));
        if let Some(id) = id
            && !seen.insert(id)
        {
            e.take::<()>(&at("stakeholder"), Err(Problem::Repeated { value: raw.to_owned() }));
            continue;
        }
        if let (Some(id), Some(role), Some(contact)) = (id, role, contact) {
            out.push((id, role, contact));
        }
    }
    out
}

impl BodyDraft {
    pub fn from_body(b: &Body) -> Self {
        BodyDraft {
            name: Some(b.name.clone()),
            kind: Some(b.kind.clone()),
            level: b.level.clone(),
            sectors: b.sectors.clone(),
            territory: b.territory.clone(),
            frequency: Some(b.frequency.clone()),
            established_on: Some(format_date(b.established_on)),
            description: b.description.clone(),
            members: b
                .members
                .iter()
                .map(|m| MemberDraft { stakeholder: Some(m.name.clone()), role: Some(m.role.clone()), contact: None })
                .collect(),
        }
    }

    /// Checks every field; `today` is the start when none is given.
    pub fn parse(
        &self,
        reference: &Reference,
        resolve: impl Fn(&str) -> Result<i64, Problem>,
        today: Date,
    ) -> Result<BodyData, Vec<FieldError>> {
        let mut e = Collector::default();
        let name = e.take(
            "name",
            short_text(self.name.as_deref(), super::limits::SHORT_TEXT).and_then(|t| t.ok_or(Problem::Required)),
        );
        let kind = e.take("kind", choice(filled(&self.kind), &BODY_KINDS, "working_group"));
        let level = match filled(&self.level) {
            Some(l) => e.take("level", reference.level(l).map(|l| Some(l.code.clone()))),
            None => Some(None),
        };
        let mut sectors = Vec::new();
        for s in self.sectors.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if let Some(code) = e.take("sectors", reference.sector(s).map(|s| s.code.clone()))
                && !sectors.contains(&code)
            {
                sectors.push(code);
            }
        }
        let territory = match filled(&self.territory) {
            Some(t) => e.take(
                "territory",
                reference.territory(t, level.clone().flatten().as_deref()).map(|t| Some(t.ins_code.clone())),
            ),
            None => Some(None),
        };
        let codes: Vec<&str> = FREQUENCIES.iter().map(|(c, _)| *c).collect();
        let frequency = e.take("frequency", choice(filled(&self.frequency), &codes, "as_needed"));
        let established_on = match filled(&self.established_on) {
            Some(d) => e.take("established_on", date(d)),
            None => Some(today),
        };
        let description = e.take("description", long_text(self.description.as_deref(), super::limits::LONG_TEXT));
        let members = parse_rows(&mut e, "members", &self.members, &MEMBER_ROLES, "member", &resolve);
        e.finish(|| BodyData {
            name: name.unwrap_or_default(),
            kind: kind.unwrap_or_default(),
            level: level.flatten(),
            sectors,
            territory: territory.flatten(),
            frequency: frequency.unwrap_or_default(),
            established_on: established_on.unwrap_or(today),
            description: description.flatten(),
            members: members.into_iter().map(|(id, role, _)| (id, role)).collect(),
        })
    }
}

/// An organisation at a meeting; `contact` is the person who came (personal data).
#[derive(Debug, Clone, PartialEq)]
pub struct Attendee {
    pub stakeholder_id: i64,
    pub name: String,
    pub role: String,
    pub contact: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionItem {
    pub id: i64,
    pub meeting_id: i64,
    pub description: String,
    pub owner_id: i64,
    pub owner: String,
    pub due_on: Option<Date>,
    pub status: String,
    /// The meeting's body, title and date, for lists across meetings.
    pub body_id: Option<i64>,
    pub meeting_title: String,
    pub held_on: Date,
}

/// Where an action item stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    Overdue,
    Due,
    Done,
    Dropped,
}

impl ActionItem {
    pub fn standing(&self, today: Date) -> Standing {
        match self.status.as_str() {
            "done" => Standing::Done,
            "dropped" => Standing::Dropped,
            _ if self.due_on.is_some_and(|d| d < today) => Standing::Overdue,
            _ => Standing::Due,
        }
    }

    pub fn to_json(&self) -> ActionJson<'_> {
        ActionJson {
            id: self.id,
            meeting_id: self.meeting_id,
            description: &self.description,
            owner_id: self.owner_id,
            owner: &self.owner,
            due_on: self.due_on.map(format_date),
            status: &self.status,
        }
    }
}

/// The JSON form of an action item.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ActionJson<'a> {
    pub id: i64,
    /// The meeting that decided it.
    pub meeting_id: i64,
    pub description: &'a str,
    /// The stakeholder in charge, and its name.
    pub owner_id: i64,
    pub owner: &'a str,
    /// `YYYY-MM-DD`.
    pub due_on: Option<String>,
    /// `open`, `done` or `dropped`.
    pub status: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    pub id: i64,
    pub held_on: Date,
    pub phase: Option<String>,
    pub body_id: Option<i64>,
    pub title: String,
    pub agenda: Option<String>,
    pub minutes: Option<String>,
    pub decisions: Option<String>,
    pub attendees: Vec<Attendee>,
    pub actions: Vec<ActionItem>,
    pub updated_at: String,
}

impl Meeting {
    /// The contact persons removed: what a party without access to personal data receives.
    pub fn without_personal_data(mut self) -> Meeting {
        for a in &mut self.attendees {
            a.contact = None;
        }
        self
    }

    pub fn to_json(&self) -> MeetingJson<'_> {
        MeetingJson {
            id: self.id,
            held_on: format_date(self.held_on),
            phase: self.phase.as_deref(),
            body_id: self.body_id,
            title: &self.title,
            agenda: self.agenda.as_deref(),
            minutes: self.minutes.as_deref(),
            decisions: self.decisions.as_deref(),
            attendees: self
                .attendees
                .iter()
                .map(|a| AttendeeJson {
                    stakeholder_id: a.stakeholder_id,
                    name: &a.name,
                    role: &a.role,
                    contact: a.contact.as_deref(),
                })
                .collect(),
            actions: self.actions.iter().map(ActionItem::to_json).collect(),
            updated_at: &self.updated_at,
        }
    }
}

/// The JSON form of a meeting.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MeetingJson<'a> {
    pub id: i64,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    /// The project phase it belongs to (its code).
    pub phase: Option<&'a str>,
    /// The coordination body that met, if any.
    pub body_id: Option<i64>,
    pub title: &'a str,
    pub agenda: Option<&'a str>,
    pub minutes: Option<&'a str>,
    pub decisions: Option<&'a str>,
    pub attendees: Vec<AttendeeJson<'a>>,
    pub actions: Vec<ActionJson<'a>>,
    pub updated_at: &'a str,
}

/// An organisation at a meeting.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AttendeeJson<'a> {
    pub stakeholder_id: i64,
    pub name: &'a str,
    /// `chair`, `secretariat`, `participant` or `observer`.
    pub role: &'a str,
    /// The person who came: personal data, null for a role that may not see it.
    pub contact: Option<&'a str>,
}

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, PartialEq, utoipa::ToSchema)]
#[serde(default)]
pub struct ActionDraft {
    /// The item's id when it exists already (its history stays with it).
    #[serde(deserialize_with = "lenient_text")]
    pub id: Option<String>,
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient_text")]
    pub owner: Option<String>,
    pub due_on: Option<String>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct MeetingDraft {
    pub held_on: Option<String>,
    pub phase: Option<String>,
    #[serde(deserialize_with = "lenient_text", alias = "body_id")]
    pub body: Option<String>,
    pub title: Option<String>,
    pub agenda: Option<String>,
    pub minutes: Option<String>,
    pub decisions: Option<String>,
    pub attendees: Vec<MemberDraft>,
    pub actions: Vec<ActionDraft>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionData {
    pub id: Option<i64>,
    pub description: String,
    pub owner_id: i64,
    pub due_on: Option<Date>,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeetingData {
    pub held_on: Date,
    /// None: the phase whose planned dates hold the meeting's day (decided by the caller).
    pub phase: Option<String>,
    pub body_id: Option<i64>,
    pub title: String,
    pub agenda: Option<String>,
    pub minutes: Option<String>,
    pub decisions: Option<String>,
    pub attendees: Vec<(i64, String, Option<String>)>,
    pub actions: Vec<ActionData>,
}

/// What a meeting's references resolve against.
pub struct MeetingContext<'a> {
    pub stakeholder: &'a (dyn Fn(&str) -> Result<i64, Problem> + Sync),
    pub body: &'a (dyn Fn(&str) -> Result<i64, Problem> + Sync),
    pub phases: &'a [String],
    /// Ids of this meeting's existing action items.
    pub action_ids: &'a [i64],
}

impl MeetingDraft {
    pub fn from_meeting(m: &Meeting, body: Option<String>) -> Self {
        MeetingDraft {
            held_on: Some(format_date(m.held_on)),
            phase: m.phase.clone(),
            body,
            title: Some(m.title.clone()),
            agenda: m.agenda.clone(),
            minutes: m.minutes.clone(),
            decisions: m.decisions.clone(),
            attendees: m
                .attendees
                .iter()
                .map(|a| MemberDraft {
                    stakeholder: Some(a.name.clone()),
                    role: Some(a.role.clone()),
                    contact: a.contact.clone(),
                })
                .collect(),
            actions: m
                .actions
                .iter()
                .map(|a| ActionDraft {
                    id: Some(a.id.to_string()),
                    description: Some(a.description.clone()),
                    owner: Some(a.owner.clone()),
                    due_on: a.due_on.map(format_date),
                    status: Some(a.status.clone()),
                })
                .collect(),
        }
    }

    pub fn parse(&self, cx: &MeetingContext) -> Result<MeetingData, Vec<FieldError>> {
        let mut e = Collector::default();
        let held_on = match filled(&self.held_on) {
            Some(d) => e.take("held_on", date(d)),
            None => e.take("held_on", Err(Problem::Required)),
        };
        let phase = match filled(&self.phase) {
            Some(p) if cx.phases.iter().any(|c| c == p) => Some(Some(p.to_owned())),
            Some(p) => e.take(
                "phase",
                Err(Problem::Unknown { what: RefTable::Phase, value: p.to_owned(), expected: cx.phases.to_vec() }),
            ),
            None => Some(None),
        };
        let body_id = match filled(&self.body) {
            Some(b) => e.take("body", (cx.body)(b).map(Some)),
            None => Some(None),
        };
        let title = e.take(
            "title",
            short_text(self.title.as_deref(), super::limits::SHORT_TEXT).and_then(|t| t.ok_or(Problem::Required)),
        );
        let mut long = |field: &str, v: &Option<String>| {
            e.take(field, long_text(v.as_deref(), super::limits::LONG_TEXT)).flatten()
        };
        let agenda = long("agenda", &self.agenda);
        let minutes = long("minutes", &self.minutes);
        let decisions = long("decisions", &self.decisions);
        let attendees =
            parse_rows(&mut e, "attendees", &self.attendees, &ATTENDEE_ROLES, "participant", cx.stakeholder);
        let rows: Vec<(usize, &ActionDraft)> =
            self.actions.iter().enumerate().filter(|(_, a)| filled(&a.description).is_some()).collect();
        let mut actions = Vec::new();
        if rows.len() > super::limits::LIST_ITEMS {
            e.take::<()>("actions", Err(Problem::TooManyItems { max: super::limits::LIST_ITEMS }));
        }
        for (i, a) in rows.into_iter().take(super::limits::LIST_ITEMS) {
            let at = |field: &str| format!("actions[{}].{field}", i + 1);
            // An id that is not one of this meeting's items makes a new item.
            let id = filled(&a.id).and_then(|s| s.parse::<i64>().ok()).filter(|id| cx.action_ids.contains(id));
            let description = e.take(&at("description"), short_text(a.description.as_deref(), 1000)).flatten();
            let owner = match filled(&a.owner) {
                Some(o) => e.take(&at("owner"), (cx.stakeholder)(o)),
                None => e.take(&at("owner"), Err(Problem::Required)),
            };
            let due_on = match filled(&a.due_on) {
                Some(d) => e.take(&at("due_on"), date(d)).map(Some),
                None => Some(None),
            };
            let status = e.take(&at("status"), choice(filled(&a.status), &ACTION_STATUSES, "open"));
            if let (Some(description), Some(owner_id), Some(due_on), Some(status)) =
                (description, owner, due_on, status)
            {
                actions.push(ActionData { id, description, owner_id, due_on, status });
            }
        }
        e.finish(|| MeetingData {
            held_on: held_on.unwrap_or(Date::MIN),
            phase: phase.flatten(),
            body_id: body_id.flatten(),
            title: title.unwrap_or_default(),
            agenda,
            minutes,
            decisions,
            attendees,
            actions,
        })
    }
}

/// For each pair of organisations that attended at least `min_shared` meetings together:
/// (a, b, the meetings shared) with a < b, in order. The observed `meets` links.
pub fn co_attendance(meetings: &[(i64, Vec<i64>)], min_shared: usize) -> Vec<(i64, i64, Vec<i64>)> {
    let mut pairs: std::collections::BTreeMap<(i64, i64), Vec<i64>> = Default::default();
    for (meeting, attendees) in meetings {
        let mut ids = attendees.clone();
        ids.sort_unstable();
        ids.dedup();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                pairs.entry((*a, *b)).or_default().push(*meeting);
            }
        }
    }
    pairs.into_iter().filter(|(_, m)| m.len() >= min_shared.max(1)).map(|((a, b), m)| (a, b, m)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn resolve(s: &str) -> Result<i64, Problem> {
        match s {
            "AViQ" => Ok(1),
            "Fedasil" => Ok(2),
            "CPAS de Namur" => Ok(3),
            _ => Err(Problem::UnknownStakeholder { value: s.to_owned() }),
        }
    }

    fn row(s: &str, role: &str) -> MemberDraft {
        MemberDraft { stakeholder: Some(s.into()), role: Some(role.into()), contact: None }
    }

    #[test]
    fn a_body_names_each_bad_member_row_and_plans_its_meetings() {
        let reference = crate::domain::reference_data::parse(
            include_str!("../../data/reference.toml"),
            include_str!("../../data/wallonia_communes.csv"),
        )
        .unwrap();
        let draft = BodyDraft {
            name: Some("Plateforme provinciale de Namur".into()),
            kind: Some("platform".into()),
            level: Some("provincial".into()),
            sectors: vec!["reception_housing".into(), "reception_housing".into()],
            territory: Some("Namur".into()),
            frequency: Some("monthly".into()),
            established_on: Some("2023-01-01".into()),
            members: vec![row("AViQ", "chair"), row("", ""), row("CPAS de Namur", "")],
            ..Default::default()
        };
        let data = draft.parse(&reference, resolve, date!(2023 - 06 - 01)).unwrap();
        assert_eq!(data.members, [(1, "chair".to_owned()), (3, "member".to_owned())]);
        assert_eq!(data.sectors, ["reception_housing"]);
        assert_eq!(data.territory.as_deref(), Some("90000"));

        let bad = BodyDraft {
            name: Some(" ".into()),
            kind: Some("club".into()),
            frequency: Some("daily".into()),
            members: vec![row("AViQ", "chair"), row("Nobody", "member"), row("AViQ", "boss")],
            ..Default::default()
        };
        let fields: Vec<String> =
            bad.parse(&reference, resolve, date!(2023 - 06 - 01)).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["name", "kind", "frequency", "members[2].stakeholder", "members[3].role", "members[3].stakeholder"]
        );

        let body = Body {
            id: 1,
            name: "x".into(),
            kind: "platform".into(),
            level: None,
            sectors: vec![],
            territory: None,
            frequency: "monthly".into(),
            established_on: date!(2023 - 01 - 01),
            description: None,
            members: vec![],
            archived: false,
            updated_at: String::new(),
        };
        assert_eq!(body.expected_meetings(date!(2023 - 07 - 01)), 6, "181 days at one every 30");
        assert_eq!(body.expected_meetings(date!(2022 - 07 - 01)), 0, "nothing planned before it exists");
        assert_eq!(Body { frequency: "as_needed".into(), ..body }.expected_meetings(date!(2024 - 01 - 01)), 0);
    }

    #[test]
    fn a_meeting_keeps_its_action_items_and_names_each_problem() {
        let body = |s: &str| {
            if s == "1" {
                Ok(1)
            } else {
                Err(Problem::Unknown { what: RefTable::Body, value: s.into(), expected: vec![] })
            }
        };
        let phases = vec!["scoping".to_owned()];
        let cx = MeetingContext { stakeholder: &resolve, body: &body, phases: &phases, action_ids: &[7] };
        let draft = MeetingDraft {
            held_on: Some("15/09/2022".into()),
            body: Some("1".into()),
            title: Some("Réunion de cadrage".into()),
            attendees: vec![
                MemberDraft { contact: Some("Marie Dupont".into()), ..row("AViQ", "chair") },
                row("Fedasil", ""),
            ],
            actions: vec![
                ActionDraft {
                    id: Some("7".into()),
                    description: Some("Envoyer la note".into()),
                    owner: Some("AViQ".into()),
                    due_on: Some("2022-10-01".into()),
                    status: None,
                },
                ActionDraft {
                    id: Some("99".into()),
                    description: Some("Inviter les CPAS".into()),
                    owner: Some("Fedasil".into()),
                    ..Default::default()
                },
                ActionDraft::default(),
            ],
            ..Default::default()
        };
        let m = draft.parse(&cx).unwrap();
        assert_eq!(m.held_on, date!(2022 - 09 - 15));
        assert_eq!(m.attendees[0], (1, "chair".to_owned(), Some("Marie Dupont".to_owned())));
        assert_eq!(m.attendees[1].1, "participant");
        assert_eq!((m.actions[0].id, m.actions[1].id), (Some(7), None), "an id of another meeting makes a new item");
        assert_eq!(m.actions[0].status, "open");

        let bad = MeetingDraft {
            phase: Some("dreaming".into()),
            body: Some("9".into()),
            actions: vec![ActionDraft {
                description: Some("x".into()),
                status: Some("later".into()),
                ..Default::default()
            }],
            ..Default::default()
        };
        let fields: Vec<String> = bad.parse(&cx).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["held_on", "phase", "body", "title", "actions[1].owner", "actions[1].status"]);
    }

    #[test]
    fn co_attendance_keeps_the_pairs_that_met_often_enough() {
        let meetings = vec![(10, vec![1, 2, 3]), (11, vec![2, 1]), (12, vec![3, 4, 1, 1])];
        assert_eq!(co_attendance(&meetings, 2), [(1, 2, vec![10, 11]), (1, 3, vec![10, 12])]);
        assert_eq!(co_attendance(&meetings, 1).len(), 5);
    }

    #[test]
    fn overdue_means_open_and_past_its_due_date() {
        let item = ActionItem {
            id: 1,
            meeting_id: 1,
            description: "x".into(),
            owner_id: 1,
            owner: "AViQ".into(),
            due_on: Some(date!(2023 - 01 - 10)),
            status: "open".into(),
            body_id: None,
            meeting_title: "m".into(),
            held_on: date!(2023 - 01 - 01),
        };
        assert_eq!(item.standing(date!(2023 - 01 - 11)), Standing::Overdue);
        assert_eq!(item.standing(date!(2023 - 01 - 10)), Standing::Due);
        assert_eq!(ActionItem { status: "done".into(), ..item }.standing(date!(2024 - 01 - 01)), Standing::Done);
    }
}
