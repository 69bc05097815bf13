//! Who may do what: the acting parties, the roles, and the one table role × action. Every
//! use case asks [`Actor::require`] before it touches anything.

use super::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Steering members: every page, the dashboard, API reads and exports, no personal data.
    Viewer,
    /// Coordinators: change data, run campaigns.
    Editor,
    /// Users, tokens, settings, and everything an editor does.
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Viewer, Role::Editor, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code().eq_ignore_ascii_case(s.trim()))
    }
}

/// What a request or a command wants to do. Routes declare one; use cases require one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Open to anyone: health, static files, language switch, sign-in pages.
    Public,
    /// A survey invitation's own pages; the link's token is the credential.
    Respond,
    /// Any signed-in page or API read, exports without personal data.
    Read,
    /// E-mails, phones, contact persons and private notes; exports carrying them.
    ReadPersonal,
    /// Create, edit, archive and restore stakeholders and links; import files.
    Edit,
    /// Open campaigns, send invitations, decide proposals and corrections.
    RunCampaigns,
    /// The personal survey links (credentials of respondents).
    SurveyLinks,
    /// A signed-in user's own account (password, second factor, sign-out).
    OwnAccount,
    /// Users and API tokens.
    ManageUsers,
    /// The reference data: levels, kinds, sectors, link types, territories and their mergers.
    ManageReference,
}

impl Action {
    pub const ALL: [Action; 10] = [
        Action::Public,
        Action::Respond,
        Action::Read,
        Action::ReadPersonal,
        Action::Edit,
        Action::RunCampaigns,
        Action::SurveyLinks,
        Action::OwnAccount,
        Action::ManageUsers,
        Action::ManageReference,
    ];
}

/// The policy: may `role` do `action`? One table, read top to bottom.
pub fn allows(role: Role, action: Action) -> bool {
    use Action::*;
    match action {
        Public | Respond | Read | OwnAccount => true,
        ReadPersonal | Edit | RunCampaigns | SurveyLinks => role >= Role::Editor,
        ManageUsers | ManageReference => role == Role::Admin,
    }
}

/// The party acting in a use case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Nobody signed in.
    Anonymous,
    /// A signed-in person (browser session).
    User { id: i64, email: String, role: Role },
    /// A script with an API token.
    Token { id: i64, name: String, role: Role },
    /// A survey respondent, through its invitation's link.
    Invitation { id: i64, campaign: i64, stakeholder: i64 },
    /// The local command line: whoever can run it can read the database file already.
    Cli,
}

impl Actor {
    /// The role the policy applies to; None for parties without an account.
    pub fn role(&self) -> Option<Role> {
        match self {
            Actor::User { role, .. } | Actor::Token { role, .. } => Some(*role),
            Actor::Cli => Some(Role::Admin),
            Actor::Anonymous | Actor::Invitation { .. } => None,
        }
    }

    pub fn may(&self, action: Action) -> bool {
        match (self.role(), action) {
            (_, Action::Public) => true,
            (None, Action::Respond) => matches!(self, Actor::Invitation { .. }),
            (None, _) => false,
            (Some(role), action) => allows(role, action),
        }
    }

    /// Refuses unless the policy allows `action`: 401 for nobody, 403 for a known party.
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        if self.may(action) {
            Ok(())
        } else if self.role().is_none() {
            Err(AppError::Unauthenticated)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Whether personal data (e-mails, phones, contact persons, notes) may reach this party.
    pub fn sees_personal(&self) -> bool {
        self.may(Action::ReadPersonal)
    }

    /// How the change log names this party: `user:3`, `token:2`, `invitation:17`, `cli`.
    pub fn audit_name(&self) -> String {
        match self {
            Actor::Anonymous => "anonymous".into(),
            Actor::User { id, .. } => format!("user:{id}"),
            Actor::Token { id, .. } => format!("token:{id}"),
            Actor::Invitation { id, .. } => format!("invitation:{id}"),
            Actor::Cli => "cli".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viewers_read_but_never_see_personal_data_nor_change_anything() {
        for action in
            [Action::ReadPersonal, Action::Edit, Action::RunCampaigns, Action::SurveyLinks, Action::ManageUsers]
        {
            assert!(!allows(Role::Viewer, action), "{action:?}");
        }
        assert!(allows(Role::Viewer, Action::Read));
    }

    #[test]
    fn editors_change_data_and_run_campaigns_but_do_not_manage_users() {
        for action in [Action::ReadPersonal, Action::Edit, Action::RunCampaigns, Action::SurveyLinks] {
            assert!(allows(Role::Editor, action), "{action:?}");
        }
        assert!(!allows(Role::Editor, Action::ManageUsers));
    }

    #[test]
    fn admins_may_do_everything() {
        for action in Action::ALL {
            assert!(allows(Role::Admin, action), "{action:?}");
        }
    }

    #[test]
    fn parties_without_an_account_reach_only_public_pages_and_their_own_invitation() {
        let respondent = Actor::Invitation { id: 1, campaign: 1, stakeholder: 1 };
        assert!(respondent.may(Action::Respond));
        assert!(!Actor::Anonymous.may(Action::Respond));
        for action in [Action::Read, Action::Edit, Action::OwnAccount] {
            assert!(!respondent.may(action));
            assert!(!Actor::Anonymous.may(action));
            assert!(matches!(Actor::Anonymous.require(action), Err(AppError::Unauthenticated)));
        }
        let viewer = Actor::User { id: 1, email: "v@example.org".into(), role: Role::Viewer };
        assert!(matches!(viewer.require(Action::Edit), Err(AppError::Forbidden)));
    }
}
