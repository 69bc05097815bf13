//! Server-rendered pages (askama templates in `templates/`), working without JavaScript.

pub mod account;
pub mod analysis;
pub mod campaigns;
pub mod changes;
pub mod coverage;
pub mod links;
pub mod map;
pub mod mechanism;
pub mod phases;
pub mod privacy;
pub mod reference;
pub mod respond;
pub mod snapshots;
pub mod stakeholders;
pub mod steering;
pub mod suggestions;
pub mod transfer;

use crate::app::{Action, Actor};
use crate::domain::problem::FieldError;
use crate::domain::reference::{RefItem, Reference, TerritoryKind};
use crate::i18n::{Lang, Tr};
use askama::Template;
use askama_web::WebTemplate;
use axum::http::{StatusCode, Uri};
use std::collections::HashMap;

/// What every page's layout needs.
pub struct Page {
    pub lang: Lang,
    pub t: &'static Tr,
    pub title: String,
    /// The other languages the page can be read in, each link coming back to this very page.
    pub languages: Vec<LanguageLink>,
    /// The session's form token, sent back by every form (`_csrf`).
    pub csrf: String,
    /// Who is signed in, if anyone.
    pub user: Option<String>,
    pub can_edit: bool,
    pub can_run_campaigns: bool,
    pub is_admin: bool,
    /// The privacy notice shown at the foot of a respondent's page.
    pub privacy_notice: Option<String>,
}

/// A link to the page in another language, named in that language.
pub struct LanguageLink {
    pub code: &'static str,
    pub name: &'static str,
    pub url: String,
}

impl Page {
    /// Offers only these languages in the switch (a questionnaire's).
    pub fn offer_only(&mut self, langs: &[Lang]) {
        self.languages.retain(|l| langs.iter().any(|o| o.code() == l.code));
    }

    pub fn new(lang: Lang, title: impl Into<String>, uri: &Uri) -> Self {
        let here = uri.path_and_query().map_or("/", |p| p.as_str());
        let next = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
        let (csrf, actor) = crate::web::security::CONTEXT
            .try_with(|(token, actor)| (token.0.clone(), actor.clone()))
            .unwrap_or((String::new(), Actor::Anonymous));
        let user = match &actor {
            Actor::User { email, .. } => Some(email.clone()),
            _ => None,
        };
        Page {
            lang,
            t: lang.tr(),
            title: title.into(),
            languages: Lang::all()
                .filter(|l| *l != lang)
                .map(|l| LanguageLink {
                    code: l.code(),
                    name: l.native_name(),
                    url: format!("/lang/{}?{next}", l.code()),
                })
                .collect(),
            csrf,
            user,
            can_edit: actor.may(Action::Edit),
            can_run_campaigns: actor.may(Action::RunCampaigns),
            is_admin: actor.may(Action::ManageUsers),
            privacy_notice: None,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
pub struct ErrorPage {
    page: Page,
    status: u16,
    message: String,
}

impl ErrorPage {
    pub fn new(lang: Lang, status: StatusCode, message: String) -> Self {
        ErrorPage {
            page: Page::new(lang, lang.tr().error_title, &Uri::from_static("/")),
            status: status.as_u16(),
            message,
        }
    }
}

/// An option of a select or a checkbox list.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub fn options(items: &[RefItem], lang: Lang, selected: &[&str]) -> Vec<Opt> {
    items
        .iter()
        .map(|i| Opt {
            value: i.code.clone(),
            label: i.label(lang).to_owned(),
            selected: selected.contains(&i.code.as_str()),
        })
        .collect()
}

pub fn province_options(reference: &Reference, lang: Lang, selected: Option<&str>) -> Vec<Opt> {
    reference
        .provinces()
        .map(|p| Opt {
            value: p.ins_code.clone(),
            label: p.label(lang),
            selected: selected == Some(p.ins_code.as_str()),
        })
        .collect()
}

pub struct OptGroup {
    pub label: String,
    pub options: Vec<Opt>,
}

/// Territories grouped for a multi-select: Wallonia and the provinces, then each
/// province's arrondissements and communes.
pub fn territory_groups(reference: &Reference, lang: Lang, selected: &[String]) -> Vec<OptGroup> {
    let opt = |t: &crate::domain::reference::Territory| Opt {
        value: t.ins_code.clone(),
        label: t.label(lang),
        selected: selected.contains(&t.ins_code),
    };
    let mut groups = vec![OptGroup {
        label: crate::i18n::text(lang, "territory-region-and-provinces", &[]),
        options: reference
            .territories
            .iter()
            .filter(|t| matches!(t.kind, TerritoryKind::Region | TerritoryKind::Province))
            .map(opt)
            .collect(),
    }];
    for p in reference.provinces() {
        let mut inside: Vec<_> = reference
            .territories
            .iter()
            .filter(|t| t.province_ins.as_deref() == Some(p.ins_code.as_str()) && t.kind != TerritoryKind::Province)
            .collect();
        inside.sort_by_key(|t| (t.kind != TerritoryKind::Arrondissement, crate::domain::text::key(t.name())));
        groups.push(OptGroup { label: p.label(lang), options: inside.into_iter().map(opt).collect() });
    }
    groups
}

/// The address links sent to people start with: the configured public URL, else this request's
/// host (a survey link, a welcome link).
pub fn link_base(state: &crate::app::AppState, headers: &axum::http::HeaderMap) -> String {
    state.settings.public_url.clone().unwrap_or_else(|| {
        let host = headers.get(axum::http::header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1:8080");
        format!("http://{host}")
    })
}

/// Where a form comes back to after its change: `back` when it stays on this site (the rule of
/// `security::local_path`, and no `//` anywhere), else `default`.
pub fn back_to(back: &str, default: &str) -> String {
    match crate::web::security::local_path(Some(back)) {
        p if p == "/" || p.contains("//") => default.to_owned(),
        p => p,
    }
}

/// Field errors by field name, in the user's language, for re-rendered forms. The first field
/// in error gets the focus: the template asks for its fields' attributes in document order, so
/// the first of them asked for that is in error is the one.
#[derive(Default)]
pub struct FormErrors {
    by_field: HashMap<String, Vec<String>>,
    focused: std::cell::Cell<bool>,
}

impl FormErrors {
    pub fn new(errors: &[FieldError], lang: Lang) -> Self {
        let mut by_field: HashMap<String, Vec<String>> = HashMap::new();
        for e in errors {
            by_field.entry(e.field.clone()).or_default().push(e.problem.message(lang));
        }
        FormErrors { by_field, focused: Default::default() }
    }

    pub fn conflict(field: &str, message: String) -> Self {
        FormErrors { by_field: HashMap::from([(field.to_owned(), vec![message])]), focused: Default::default() }
    }

    /// The attributes of a field's control: marked invalid and described by its error (the
    /// `<p class="error" id="{field}-error">` next to it), focused when it is the first.
    /// Field names are the templates' own identifiers, so the text needs no escaping.
    pub fn attrs(&self, field: &str) -> String {
        if !self.has(field) {
            return String::new();
        }
        format!(" aria-describedby=\"{}\"{}", self.id(field), self.flag(field))
    }

    /// The id of a field's error paragraph: `name-error`, `contacts-0-email-error`.
    pub fn id(&self, field: &str) -> String {
        let mut id: String =
            field.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' }).collect();
        id = id.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
        id + "-error"
    }

    /// Only the invalid mark and the focus, for a control that names its error itself (next
    /// to a help text) in its own `aria-describedby`.
    pub fn flag(&self, field: &str) -> String {
        if !self.has(field) {
            String::new()
        } else if self.focused.replace(true) {
            " aria-invalid=\"true\"".into()
        } else {
            " aria-invalid=\"true\" autofocus".into()
        }
    }

    pub fn get(&self, field: &str) -> String {
        self.by_field.get(field).map(|m| m.join(" ; ")).unwrap_or_default()
    }

    pub fn has(&self, field: &str) -> bool {
        self.by_field.contains_key(field)
    }

    pub fn any(&self) -> bool {
        !self.by_field.is_empty()
    }
}

pub use crate::domain::reference::label_of;

/// Where a link came from, in words, with the page of its source when it has one (a
/// survey's campaign).
pub fn provenance(raw: &str, lang: Lang) -> (String, Option<String>) {
    let url = match crate::domain::values::source(raw) {
        crate::domain::values::Source::Survey { campaign, .. } => Some(format!("/campaigns/{campaign}")),
        _ => None,
    };
    (crate::i18n::provenance(raw, lang), url)
}
