//! Survey campaigns as the rest of the tool sees them: plain records, read by the store.

pub struct Invitee {
    pub invitation_id: i64,
    pub stakeholder_id: i64,
    pub name: String,
    /// The organisation's address, else its first contact person's.
    pub email: Option<String>,
    pub lang: String,
    pub submitted: bool,
    /// Which of the invitation's links is the live one (0 until a coordinator reissues it).
    pub link_generation: i64,
}

#[derive(Debug, Clone)]
pub struct Campaign {
    pub id: i64,
    pub title: String,
    pub definition_id: String,
    pub definition_version: i64,
    pub definition: String,
    pub opens_on: String,
    pub closes_on: String,
    pub invited: i64,
    pub submitted: i64,
}

/// An invited stakeholder and its response, if any.
#[derive(Debug, Clone)]
pub struct Respondent {
    pub invitation_id: i64,
    pub stakeholder_id: i64,
    pub name: String,
    pub level: String,
    pub kind: String,
    pub territories: Vec<String>,
    pub email: Option<String>,
    /// The language it was invited in (its pages and mails are in it).
    pub lang: String,
    pub submitted_at: Option<String>,
    /// The answers as JSON: as last submitted, else the draft.
    pub answers: Option<String>,
}

impl Respondent {
    pub fn participation(&self) -> Participation {
        Participation::of(self.submitted_at.is_some(), self.answers.is_some())
    }
}

/// Where an organisation stands in a survey campaign: three kinds of invitee, and the
/// organisations respondents named without their being invited. Results and the map keep
/// them apart (a silent invitee is not a draft, and neither is someone never asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Participation {
    /// Invited and sent its answers.
    Answered,
    /// Invited, started, not sent.
    Draft,
    /// Invited, nothing saved.
    Silent,
    /// Named by a respondent, never invited.
    NotInvited,
}

impl Participation {
    /// Every standing, in the order legends list them.
    pub const ALL: [Participation; 4] =
        [Participation::Answered, Participation::Draft, Participation::Silent, Participation::NotInvited];

    /// An invitee's standing from whether it sent its answers and whether it saved any.
    pub fn of(submitted: bool, saved: bool) -> Participation {
        match (submitted, saved) {
            (true, _) => Participation::Answered,
            (false, true) => Participation::Draft,
            (false, false) => Participation::Silent,
        }
    }

    /// Whether its answers are in (a draft's are not).
    pub fn answered(self) -> bool {
        self == Participation::Answered
    }

    /// Whether it was invited (and not withdrawn).
    pub fn invited(self) -> bool {
        self != Participation::NotInvited
    }

    pub fn code(self) -> &'static str {
        match self {
            Participation::Answered => "answered",
            Participation::Draft => "draft",
            Participation::Silent => "silent",
            Participation::NotInvited => "not-invited",
        }
    }
}

/// A tie declared in a campaign, with both ends' names.
#[derive(Debug, Clone)]
pub struct DeclaredTie {
    pub invitation_id: i64,
    pub question_id: String,
    pub respondent_id: i64,
    pub respondent: String,
    pub alter_id: Option<i64>,
    /// The alter's name, or the proposed organisation's.
    pub alter: String,
    pub proposal_status: Option<String>,
    pub tie_type: String,
    pub frequency: Option<String>,
    pub formal: Option<String>,
    pub satisfaction: Option<i64>,
    pub link_id: Option<i64>,
}
