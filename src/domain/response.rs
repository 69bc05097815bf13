//! What a submitted survey response declares, and the link changes that follow: plain data
//! that the survey rules (`survey::derive`) compute and the store writes.

use super::link::LinkData;

/// An organisation a respondent proposes for the inventory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProposal {
    pub name: String,
    pub level: String,
    pub kind: String,
}

/// An earlier proposal of the same invitation, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierProposal {
    pub id: i64,
    pub name: String,
    pub pending: bool,
    /// The stakeholder it was accepted as or merged into.
    pub decided: Option<i64>,
}

/// Which proposal a tie names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalRef {
    Earlier(i64),
    /// The n-th of `Declarations::new_proposals`.
    New(usize),
}

/// One tie as declared: the respondent named `alter` (or a proposal) in a network question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieDeclaration {
    pub question_id: String,
    pub alter: Option<i64>,
    pub proposal: Option<ProposalRef>,
    pub tie_type: String,
    pub frequency: Option<String>,
    pub formal: Option<String>,
    pub satisfaction: Option<i64>,
}

/// A value the respondent proposes for a field of its own record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub field: String,
    pub current: Option<String>,
    pub proposed: String,
}

/// Everything a submission declares; it replaces what the invitation declared before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Declarations {
    pub ties: Vec<TieDeclaration>,
    pub new_proposals: Vec<NewProposal>,
    /// Pending earlier proposals named again, with their name as now written.
    pub renamed_proposals: Vec<(i64, NewProposal)>,
    /// Pending earlier proposals nobody names any more.
    pub dropped_proposals: Vec<i64>,
    pub corrections: Vec<Correction>,
}

/// A stored tie between two stakeholders, as the link rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieFact {
    pub id: i64,
    pub respondent: i64,
    pub alter: i64,
    pub tie_type: String,
    pub frequency: Option<String>,
    pub formal: Option<String>,
    pub link: Option<i64>,
    /// `survey:<campaign>/<invitation>`: the provenance of a link this tie creates.
    pub provenance: String,
}

/// A stored link between two stakeholders that ties connect.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkFact {
    pub id: i64,
    pub data: LinkData,
    pub archived: bool,
    /// Made by a survey (its provenance is `survey:…`).
    pub by_survey: bool,
    /// A coordinator edited or archived it by hand: it is theirs from then on.
    pub by_hand: bool,
}

/// What the link rules decide.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkChange {
    /// A new link, which these ties declare.
    Create { data: LinkData, provenance: String, ties: Vec<i64> },
    /// These ties declare an existing link.
    Attach { link: i64, ties: Vec<i64> },
    /// A survey-made link takes new values from its declarations (and comes back if archived).
    Rederive { link: i64, data: LinkData },
    /// A survey-made link nobody declares any more.
    Archive { link: i64 },
}
