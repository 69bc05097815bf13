//! The coordinators' survey pages: campaigns, opening one, its results and exports, what
//! respondents proposed (waiting for a decision), and the comparison of two campaigns.

use super::{FormErrors, Opt, Page, label_of};
use crate::app::Action;
use crate::app::Actor;
use crate::app::AppError;
use crate::app::AppState;
use crate::app::campaigns;
use crate::app::campaigns::{OpenError, OpenRequest};
use crate::app::inventory::{ListQuery, reference};
use crate::domain::campaign::{Campaign, DeclaredTie, Participation, Respondent};
use crate::domain::filter::RawCriteria;
use crate::domain::reference::Reference;
use crate::i18n::Lang;
use crate::store::responses::ProposalDecision;
use crate::survey::answers::{Answers, TIE_TYPES};
use crate::survey::definition::{self, Kind};
use crate::survey::results::{self, QuestionResult, Who};
use crate::web::extract::Id;
use crate::web::pages::transfer::download;
use crate::web::routes::{self, Route};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Form, Path, Query, State};
use axum::http::Method;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/campaigns", Action::Read, routes::Kind::Page, get(list)),
        Route::new(Method::POST, "/campaigns", Action::RunCampaigns, routes::Kind::Page, post(create)),
        Route::new(Method::GET, "/campaigns/new", Action::RunCampaigns, routes::Kind::Page, get(new)),
        Route::new(Method::GET, "/campaigns/compare", Action::Read, routes::Kind::Page, get(compare)),
        Route::new(Method::GET, "/campaigns/{id}", Action::Read, routes::Kind::Page, get(show)),
        Route::new(Method::GET, "/campaigns/{id}/links.csv", Action::SurveyLinks, routes::Kind::Page, get(links_csv)),
        Route::new(
            Method::GET,
            "/campaigns/{id}/responses.csv",
            Action::ReadPersonal,
            routes::Kind::Page,
            get(responses_csv),
        ),
        Route::new(Method::GET, "/campaigns/{id}/ties.csv", Action::Read, routes::Kind::Page, get(ties_csv)),
        Route::new(Method::GET, "/campaigns/{id}/review", Action::RunCampaigns, routes::Kind::Page, get(review)),
        Route::new(
            Method::GET,
            "/campaigns/{id}/invitations",
            Action::RunCampaigns,
            routes::Kind::Page,
            get(invitations),
        ),
        Route::new(Method::POST, "/campaigns/{id}/invitations", Action::RunCampaigns, routes::Kind::Page, post(invite)),
        Route::new(Method::POST, "/campaigns/{id}/closing", Action::RunCampaigns, routes::Kind::Page, post(closing)),
        Route::new(
            Method::POST,
            "/campaigns/{id}/invitations/{invitation}/withdraw",
            Action::RunCampaigns,
            routes::Kind::Page,
            post(withdraw),
        ),
        Route::new(
            Method::POST,
            "/campaigns/{id}/invitations/{invitation}/link",
            Action::SurveyLinks,
            routes::Kind::Page,
            post(relink),
        ),
        Route::new(
            Method::POST,
            "/campaigns/{id}/proposals/{proposal}",
            Action::RunCampaigns,
            routes::Kind::Page,
            post(decide_proposal),
        ),
        Route::new(
            Method::POST,
            "/campaigns/{id}/corrections/{correction}",
            Action::RunCampaigns,
            routes::Kind::Page,
            post(decide_correction),
        ),
    ]
}

fn text(t: &definition::Text, lang: Lang) -> String {
    t.get(lang).to_owned()
}

// ---- list and open ------------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "campaigns/list.html")]
struct ListPage {
    page: Page,
    campaigns: Vec<Campaign>,
}

async fn list(State(state): State<AppState>, actor: Actor, lang: Lang, uri: Uri) -> Result<ListPage, AppError> {
    let campaigns = campaigns::list(&state, &actor).await?;
    Ok(ListPage { page: Page::new(lang, lang.tr().campaigns_title, &uri), campaigns })
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct NewForm {
    questionnaire: String,
    title: String,
    opens: String,
    closes: String,
    level: Option<String>,
    kind: Option<String>,
    sector: Option<String>,
    province: Option<String>,
    key: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "campaigns/new.html")]
struct NewPage {
    page: Page,
    form: NewForm,
    questionnaires: Vec<Opt>,
    levels: Vec<Opt>,
    kinds: Vec<Opt>,
    sectors: Vec<Opt>,
    provinces: Vec<Opt>,
    errors: FormErrors,
    general: Vec<String>,
}

fn new_page(
    lang: Lang,
    uri: &Uri,
    reference: &Reference,
    form: NewForm,
    errors: FormErrors,
    general: Vec<String>,
) -> NewPage {
    let one = |v: &Option<String>| v.clone().unwrap_or_default();
    NewPage {
        page: Page::new(lang, lang.tr().campaign_new, uri),
        questionnaires: crate::survey::shipped::questionnaires()
            .into_iter()
            .map(|(file, t)| {
                let label = definition::parse(&t)
                    .map(|d| format!("{} — {} (v{})", file, text(&d.title, lang), d.version))
                    .unwrap_or_else(|_| format!("{file} ({})", lang.tr().definition_invalid));
                Opt { selected: form.questionnaire == file, value: file, label }
            })
            .collect(),
        levels: super::options(&reference.levels, lang, &[one(&form.level).as_str()]),
        kinds: super::options(&reference.kinds, lang, &[one(&form.kind).as_str()]),
        sectors: super::options(&reference.sectors, lang, &[one(&form.sector).as_str()]),
        provinces: super::province_options(reference, lang, form.province.as_deref()),
        form,
        errors,
        general,
    }
}

async fn new(State(state): State<AppState>, lang: Lang, uri: Uri) -> Result<NewPage, AppError> {
    let reference = reference(&state).await?;
    Ok(new_page(lang, &uri, &reference, NewForm::default(), FormErrors::default(), Vec::new()))
}

async fn create(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Form(form): Form<NewForm>,
) -> Result<Response, AppError> {
    let reference = reference(&state).await?;
    let Some((file, text)) =
        crate::survey::shipped::questionnaires().into_iter().find(|(f, _)| *f == form.questionnaire)
    else {
        let errors = FormErrors::conflict("questionnaire", crate::i18n::text(lang, "choose-questionnaire", &[]));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, new_page(lang, &uri, &reference, form, errors, Vec::new()))
            .into_response());
    };
    let request = OpenRequest {
        definition: &text,
        title: &form.title,
        opens: &form.opens,
        closes: &form.closes,
        invite: ListQuery {
            level: form.level.clone(),
            kind: form.kind.clone(),
            sector: form.sector.clone(),
            province: form.province.clone(),
            key: form.key.clone(),
            ..Default::default()
        },
    };
    match crate::app::campaigns::open(&state, &actor, &request).await {
        Ok(opened) => Ok(Redirect::to(&format!("/campaigns/{}", opened.id)).into_response()),
        Err(OpenError::Fields(errors)) => {
            let errors = FormErrors::new(&errors, lang);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, new_page(lang, &uri, &reference, form, errors, Vec::new()))
                .into_response())
        }
        Err(e @ (OpenError::Definition(_) | OpenError::Nobody)) => {
            let general = e.describe(lang, &file);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                new_page(lang, &uri, &reference, form, FormErrors::default(), general),
            )
                .into_response())
        }
        Err(OpenError::App(e)) => Err(e),
    }
}

// ---- results --------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct WhoQuery {
    level: Option<String>,
    kind: Option<String>,
    province: Option<String>,
}

impl WhoQuery {
    /// The respondents kept: the shared filter parser, an unknown value being an error.
    fn who(&self, reference: &Reference) -> Result<Who, AppError> {
        let mut e = crate::domain::problem::Collector::default();
        let raw = RawCriteria { level: &self.level, kind: &self.kind, province: &self.province, ..Default::default() };
        let c = raw.parse(reference, &mut e);
        e.finish(|| Who { level: c.level, kind: c.kind, province: c.province }).map_err(AppError::Validation)
    }
}

struct QuestionView {
    result: QuestionResult,
    chart: String,
    /// A Likert chart's legend: the colour of each point.
    colours: Vec<String>,
    bars: bool,
}

struct OneSided {
    from: String,
    to: String,
    to_id: Option<i64>,
    /// Where the named organisation stands in this survey: answered (without naming it back),
    /// invited with a draft, invited and silent, or never invited.
    other: &'static str,
    /// The link the tie became, for a coordinator to confirm or correct by hand.
    link_id: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "campaigns/show.html")]
struct ShowPage {
    page: Page,
    campaign: Campaign,
    questionnaire: String,
    overall: results::Rate,
    groups: Vec<(&'static str, Vec<results::Rate>)>,
    filtered: bool,
    levels: Vec<Opt>,
    kinds: Vec<Opt>,
    provinces: Vec<Opt>,
    not_answered: Vec<(i64, String, bool)>,
    questions: Vec<QuestionView>,
    ties: usize,
    reciprocated: usize,
    one_sided: Vec<OneSided>,
    pending: usize,
    others: Vec<Campaign>,
}

/// The campaign's submitted responses (of the kept respondents) with their answers.
/// Where an organisation stands in the campaign, as results and the invitations page say it.
fn standing(p: Participation, lang: Lang) -> &'static str {
    let t = lang.tr();
    match p {
        Participation::Answered => t.other_answered,
        Participation::Draft => t.other_draft,
        Participation::Silent => t.other_not_answered,
        Participation::NotInvited => t.other_not_invited,
    }
}

fn submitted<'a>(respondents: &[&'a Respondent]) -> Vec<(&'a Respondent, Answers)> {
    respondents
        .iter()
        .filter(|r| r.submitted_at.is_some())
        .map(|r| (*r, r.answers.as_deref().map(Answers::from_json).unwrap_or_default()))
        .collect()
}

async fn show(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
    Query(q): Query<WhoQuery>,
) -> Result<ShowPage, AppError> {
    let (campaign, def) = campaigns::get(&state, &actor, id).await?;
    let reference = reference(&state).await?;
    let who = q.who(&reference)?;
    let campaigns::Answers { respondents: all, ties } = campaigns::answers(&state, &actor, id).await?;
    let pending = campaigns::pending_count(&state, &actor, id).await?;
    let others: Vec<Campaign> = campaigns::list(&state, &actor)
        .await?
        .into_iter()
        .filter(|c| c.id != id && c.definition_id == campaign.definition_id)
        .collect();
    let kept: Vec<&Respondent> = all.iter().filter(|r| who.keeps(r, &reference)).collect();
    let standings: std::collections::HashMap<i64, &'static str> =
        all.iter().map(|r| (r.stakeholder_id, standing(r.participation(), lang))).collect();
    let responses = submitted(&kept);
    let questions = results::question_results(&def, &responses, lang)
        .into_iter()
        .map(|result| QuestionView {
            chart: if result.kind == Kind::Likert {
                results::likert_svg(&result.shares, result.answered)
            } else {
                String::new()
            },
            colours: (0..result.shares.len()).map(|i| results::scale_colour(i, result.shares.len())).collect(),
            bars: matches!(result.kind, Kind::SingleChoice | Kind::MultipleChoice),
            result,
        })
        .collect();
    let rates = results::rates(&kept, &reference, lang);
    let both = results::reciprocated_pairs(&ties);
    let kept_ids: BTreeSet<i64> = kept.iter().map(|r| r.stakeholder_id).collect();
    let one_sided = ties
        .iter()
        .filter(|t| kept_ids.contains(&t.respondent_id))
        .filter(|t| t.alter_id.is_none_or(|a| !both.contains(&(t.respondent_id.min(a), t.respondent_id.max(a)))))
        .map(|t| OneSided {
            from: t.respondent.clone(),
            to: t.alter.clone(),
            to_id: t.alter_id,
            other: t.alter_id.map_or("", |a| {
                standings.get(&a).copied().unwrap_or_else(|| standing(Participation::NotInvited, lang))
            }),
            link_id: t.link_id,
        })
        .collect();
    Ok(ShowPage {
        page: Page::new(lang, campaign.title.clone(), &uri),
        questionnaire: format!(
            "{} v{} — {}",
            campaign.definition_id,
            campaign.definition_version,
            text(&def.title, lang)
        ),
        groups: vec![
            (lang.tr().by_level, rates.by_level),
            (lang.tr().by_kind, rates.by_kind),
            (lang.tr().by_province, rates.by_province),
        ],
        overall: rates.overall,
        filtered: who.level.is_some() || who.kind.is_some() || who.province.is_some(),
        levels: super::options(&reference.levels, lang, &[who.level.as_deref().unwrap_or("")]),
        kinds: super::options(&reference.kinds, lang, &[who.kind.as_deref().unwrap_or("")]),
        provinces: super::province_options(&reference, lang, who.province.as_deref()),
        not_answered: kept
            .iter()
            .filter(|r| r.submitted_at.is_none())
            .map(|r| (r.stakeholder_id, r.name.clone(), r.answers.is_some()))
            .collect(),
        questions,
        ties: ties.iter().filter(|t| kept_ids.contains(&t.respondent_id)).count(),
        reciprocated: both.iter().filter(|(a, b)| kept_ids.contains(a) || kept_ids.contains(b)).count(),
        one_sided,
        pending,
        others,
        campaign,
    })
}

// ---- invitations after opening --------------------------------------------------------------------

/// One invitee as the invitations page lists it.
struct InviteeRow {
    invitation: i64,
    stakeholder: i64,
    name: String,
    language: String,
    standing: &'static str,
    submitted: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "campaigns/invitations.html")]
struct InvitationsPage {
    page: Page,
    campaign: Campaign,
    closes: String,
    rows: Vec<InviteeRow>,
    /// Names of the stakeholders not invited yet, for the field's suggestions.
    candidates: Vec<String>,
    typed: String,
    errors: FormErrors,
    notice: &'static str,
    /// A link just issued: whom it is for, and the link.
    issued: Option<(String, String)>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InvitationsQuery {
    done: String,
    invitation: Option<i64>,
}

#[allow(clippy::too_many_arguments)]
async fn invitations_page(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
    uri: &Uri,
    headers: &HeaderMap,
    id: i64,
    q: InvitationsQuery,
    errors: FormErrors,
    form: (String, String),
) -> Result<InvitationsPage, AppError> {
    let (campaign, _) = campaigns::get(state, actor, id).await?;
    let t = lang.tr();
    let campaigns::Answers { respondents, .. } = campaigns::answers(state, actor, id).await?;
    let rows: Vec<InviteeRow> = respondents
        .iter()
        .map(|r| InviteeRow {
            invitation: r.invitation_id,
            stakeholder: r.stakeholder_id,
            name: r.name.clone(),
            language: Lang::parse(&r.lang).map(|l| l.native_name().to_owned()).unwrap_or_default(),
            standing: standing(r.participation(), lang),
            submitted: r.submitted_at.is_some(),
        })
        .collect();
    let invited: BTreeSet<i64> = rows.iter().map(|r| r.stakeholder).collect();
    let candidates = crate::app::inventory::stakeholders(state, actor, &Default::default())
        .await?
        .into_iter()
        .filter(|s| !invited.contains(&s.id))
        .map(|s| s.data.name.as_str().to_owned())
        .collect();
    let notice = match q.done.as_str() {
        "closing" => t.closing_saved,
        "invited" => t.invited_done,
        "withdrawn" => t.withdrawn_done,
        "link" => t.link_reissued,
        _ => "",
    };
    let issued = match (q.done.as_str(), q.invitation) {
        ("invited" | "link", Some(invitation)) => {
            let token = campaigns::current_link(state, actor, id, invitation).await?;
            let name = rows.iter().find(|r| r.invitation == invitation).map(|r| r.name.clone()).unwrap_or_default();
            Some((name, format!("{}/s/{token}", super::link_base(state, headers))))
        }
        _ => None,
    };
    let (typed, closes) = form;
    Ok(InvitationsPage {
        page: Page::new(lang, format!("{} — {}", t.invitations_title, campaign.title), uri),
        closes: if closes.is_empty() { campaign.closes_on.clone() } else { closes },
        campaign,
        rows,
        candidates,
        typed,
        errors,
        notice,
        issued,
    })
}

/// `GET /campaigns/{id}/invitations`: who is invited and where each stands; the closing date,
/// a late invitation, a withdrawal, a new link.
async fn invitations(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Id(id): Id,
    Query(q): Query<InvitationsQuery>,
) -> Result<InvitationsPage, AppError> {
    invitations_page(&state, &actor, lang, &uri, &headers, id, q, FormErrors::default(), Default::default()).await
}

/// The invitations page again with the problem of a change that was refused.
#[allow(clippy::too_many_arguments)]
async fn refused(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
    uri: &Uri,
    headers: &HeaderMap,
    id: i64,
    errors: FormErrors,
    form: (String, String),
) -> Result<Response, AppError> {
    let page = invitations_page(state, actor, lang, uri, headers, id, Default::default(), errors, form).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ClosingForm {
    closes: String,
}

/// `POST /campaigns/{id}/closing`: moves the closing date.
async fn closing(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Id(id): Id,
    Form(f): Form<ClosingForm>,
) -> Result<Response, AppError> {
    match campaigns::change_closing(&state, &actor, id, &f.closes).await {
        Ok(()) => Ok(Redirect::to(&format!("/campaigns/{id}/invitations?done=closing")).into_response()),
        Err(AppError::Validation(errors)) => {
            let errors = FormErrors::new(&errors, lang);
            refused(&state, &actor, lang, &uri, &headers, id, errors, (String::new(), f.closes)).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InviteForm {
    stakeholder: String,
}

/// `POST /campaigns/{id}/invitations`: invites one more organisation, named as the inventory
/// names it.
async fn invite(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Id(id): Id,
    Form(f): Form<InviteForm>,
) -> Result<Response, AppError> {
    let typed = f.stakeholder.trim().to_owned();
    let key = crate::domain::text::key(&typed);
    let found = crate::app::inventory::stakeholders(&state, &actor, &Default::default())
        .await?
        .into_iter()
        .find(|s| !typed.is_empty() && s.data.name_key() == key);
    let result = match found {
        Some(s) => campaigns::invite(&state, &actor, id, s.id).await,
        None => Err(AppError::Conflict {
            field: "stakeholder",
            message: crate::domain::problem::Message::new("campaign-unknown-organisation"),
        }),
    };
    match result {
        Ok(invitation) => {
            Ok(Redirect::to(&format!("/campaigns/{id}/invitations?done=invited&invitation={invitation}"))
                .into_response())
        }
        Err(AppError::Conflict { field, message }) => {
            let errors = FormErrors::conflict(field, crate::i18n::say(lang, &message));
            refused(&state, &actor, lang, &uri, &headers, id, errors, (typed, String::new())).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /campaigns/{id}/invitations/{invitation}/withdraw`.
async fn withdraw(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Path((id, invitation)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    match campaigns::withdraw(&state, &actor, id, invitation).await {
        Ok(()) => Ok(Redirect::to(&format!("/campaigns/{id}/invitations?done=withdrawn")).into_response()),
        Err(AppError::Conflict { field, message }) => {
            let errors = FormErrors::conflict(field, crate::i18n::say(lang, &message));
            refused(&state, &actor, lang, &uri, &headers, id, errors, Default::default()).await
        }
        Err(e) => Err(e),
    }
}

/// `POST /campaigns/{id}/invitations/{invitation}/link`: revokes the link and shows the new one.
async fn relink(
    State(state): State<AppState>,
    actor: Actor,
    Path((id, invitation)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    campaigns::reissue_link(&state, &actor, id, invitation).await?;
    Ok(Redirect::to(&format!("/campaigns/{id}/invitations?done=link&invitation={invitation}")).into_response())
}

/// The public address of the server for links: `--public-url`, else this request's host
/// (which the guard has checked).
async fn links_csv(
    State(state): State<AppState>,
    actor: Actor,
    headers: HeaderMap,
    Id(id): Id,
) -> Result<Response, AppError> {
    let bytes = crate::app::campaigns::links_csv(&state, &actor, id, &super::link_base(&state, &headers)).await?;
    Ok(download(bytes, &format!("maillage-campaign-{id}-links.csv")))
}

async fn responses_csv(
    State(state): State<AppState>,
    actor: Actor,
    Id(id): Id,
    Query(q): Query<WhoQuery>,
) -> Result<Response, AppError> {
    let (_, def) = campaigns::get(&state, &actor, id).await?;
    let reference = reference(&state).await?;
    let who = q.who(&reference)?;
    let campaigns::Answers { respondents: all, ties } = campaigns::answers(&state, &actor, id).await?;
    let names: HashMap<i64, String> = ties.iter().filter_map(|t| Some((t.alter_id?, t.alter.clone()))).collect();
    let kept: Vec<&Respondent> = all.iter().filter(|r| who.keeps(r, &reference)).collect();
    let bytes = results::responses_csv(&def, &submitted(&kept), &reference, &names)
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(download(bytes, &format!("maillage-campaign-{id}-responses.csv")))
}

async fn ties_csv(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Response, AppError> {
    let ties = campaigns::answers(&state, &actor, id).await?.ties;
    Ok(download(
        results::ties_csv(&ties).map_err(|e| AppError::Internal(e.into()))?,
        &format!("maillage-campaign-{id}-ties.csv"),
    ))
}

// ---- review -----------------------------------------------------------------------------------

struct ProposalView {
    id: i64,
    name: String,
    level: String,
    kind: String,
    proposed_by: String,
    /// Existing stakeholders with a similar name, to merge into.
    candidates: Vec<Opt>,
}

struct CorrectionView {
    id: i64,
    stakeholder_id: i64,
    stakeholder: String,
    field: String,
    current: String,
    proposed: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "campaigns/review.html")]
struct ReviewPage {
    page: Page,
    campaign: Campaign,
    proposals: Vec<ProposalView>,
    corrections: Vec<CorrectionView>,
    message: String,
}

async fn review_page(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
    uri: &Uri,
    id: i64,
    message: String,
) -> Result<ReviewPage, AppError> {
    let (campaign, _) = campaigns::get(state, actor, id).await?;
    let reference = reference(state).await?;
    let (proposals, corrections) = campaigns::review(state, actor, id).await?;
    let mut views = Vec::new();
    for (p, candidates) in proposals {
        let candidates = candidates
            .into_iter()
            .map(|s| Opt { value: s.id.to_string(), label: s.display(), selected: false })
            .collect();
        views.push(ProposalView {
            id: p.id,
            level: label_of(&reference.levels, &p.level, lang),
            kind: label_of(&reference.kinds, &p.kind, lang),
            name: p.name,
            proposed_by: p.proposed_by,
            candidates,
        });
    }
    let show = |field: &str, v: &str| match field {
        "level" => label_of(&reference.levels, v, lang),
        "kind" => label_of(&reference.kinds, v, lang),
        _ => v.to_owned(),
    };
    Ok(ReviewPage {
        page: Page::new(lang, format!("{} · {}", lang.tr().to_review, campaign.title), uri),
        corrections: corrections
            .into_iter()
            .map(|c| CorrectionView {
                id: c.id,
                stakeholder_id: c.stakeholder_id,
                stakeholder: c.stakeholder,
                current: c.current.as_deref().map(|v| show(&c.field, v)).unwrap_or_default(),
                proposed: show(&c.field, &c.proposed),
                field: super::respond::entry_label(&c.field, lang).to_owned(),
            })
            .collect(),
        proposals: views,
        campaign,
        message,
    })
}

async fn review(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Id(id): Id,
) -> Result<ReviewPage, AppError> {
    review_page(&state, &actor, lang, &uri, id, String::new()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Decision {
    decision: String,
    into: Option<String>,
}

async fn decide_proposal(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Path((id, proposal)): Path<(i64, i64)>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let decision = match d.decision.as_str() {
        "accept" => ProposalDecision::Accept,
        "reject" => ProposalDecision::Reject,
        "merge" => match d.into.as_deref().and_then(|v| v.parse::<i64>().ok()) {
            Some(into) => ProposalDecision::MergeInto(into),
            None => return Err(AppError::BadRequest("merge needs the stakeholder to merge into".into())),
        },
        other => return Err(AppError::BadRequest(format!("unknown decision {other:?}"))),
    };
    let result = crate::app::campaigns::decide_proposal(&state, &actor, proposal, decision).await;
    after_decision(&state, &actor, lang, &uri, id, result).await
}

/// Goes back to the review page after a coordinator's decision, or shows that page again
/// with why the decision could not be applied.
async fn after_decision(
    state: &AppState,
    actor: &Actor,
    lang: Lang,
    uri: &Uri,
    campaign: i64,
    result: Result<(), AppError>,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/campaigns/{campaign}/review")).into_response()),
        Err(AppError::Conflict { message, .. }) => {
            let message = crate::i18n::say(lang, &message);
            Ok((StatusCode::CONFLICT, review_page(state, actor, lang, uri, campaign, message).await?).into_response())
        }
        Err(e) => Err(e),
    }
}

async fn decide_correction(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Path((id, correction)): Path<(i64, i64)>,
    Form(d): Form<Decision>,
) -> Result<Response, AppError> {
    let accept = match d.decision.as_str() {
        "accept" => true,
        "reject" => false,
        other => return Err(AppError::BadRequest(format!("unknown decision {other:?}"))),
    };
    let result = crate::app::campaigns::decide_correction(&state, &actor, correction, accept).await;
    after_decision(&state, &actor, lang, &uri, id, result).await
}

// ---- comparison ------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct CompareQuery {
    a: Option<i64>,
    b: Option<i64>,
}

struct CompareRow {
    label: String,
    a: String,
    b: String,
}

struct CompareQuestion {
    text: String,
    answered: (usize, usize),
    rows: Vec<CompareRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "campaigns/compare.html")]
struct ComparePage {
    page: Page,
    a: Campaign,
    b: Campaign,
    rates: Vec<CompareRow>,
    questions: Vec<CompareQuestion>,
    ties: results::TieComparison,
    tie_types: Vec<CompareRow>,
}

async fn compare(
    State(state): State<AppState>,
    actor: Actor,
    lang: Lang,
    uri: Uri,
    Query(q): Query<CompareQuery>,
) -> Result<ComparePage, AppError> {
    let (Some(a), Some(b)) = (q.a, q.b) else {
        return Err(AppError::BadRequest("compare needs two campaigns: ?a=ID&b=ID".into()));
    };
    let (ca, def) = campaigns::get(&state, &actor, a).await?;
    let (cb, _) = campaigns::get(&state, &actor, b).await?;
    if ca.definition_id != cb.definition_id {
        return Err(AppError::BadRequest(format!(
            "campaigns {a} and {b} use different questionnaires ({} and {})",
            ca.definition_id, cb.definition_id
        )));
    }
    let reference = reference(&state).await?;
    let campaigns::Answers { respondents: ra, ties: ta } = campaigns::answers(&state, &actor, a).await?;
    let campaigns::Answers { respondents: rb, ties: tb } = campaigns::answers(&state, &actor, b).await?;
    let (ka, kb): (Vec<&Respondent>, Vec<&Respondent>) = (ra.iter().collect(), rb.iter().collect());
    // Both campaigns are read with the newer one's questionnaire (same id; options by value).
    let (qa, qb) = (
        results::question_results(&def, &submitted(&ka), lang),
        results::question_results(&def, &submitted(&kb), lang),
    );
    let share = |count: usize, percent: usize| format!("{count} ({percent} %)");
    let questions = qa
        .into_iter()
        .zip(qb)
        .filter(|(x, _)| !x.shares.is_empty())
        .map(|(x, y)| CompareQuestion {
            text: x.text.clone(),
            answered: (x.answered, y.answered),
            rows: x
                .shares
                .iter()
                .zip(&y.shares)
                .map(|(s, t)| CompareRow {
                    label: s.label.clone(),
                    a: share(s.count, s.percent),
                    b: share(t.count, t.percent),
                })
                .collect(),
        })
        .collect();
    let (rate_a, rate_b) = (results::rates(&ka, &reference, lang), results::rates(&kb, &reference, lang));
    let rate = |r: &results::Rate| format!("{} / {} ({} %)", r.answered, r.invited, r.percent());
    let mut rates =
        vec![CompareRow { label: lang.tr().response_rate.into(), a: rate(&rate_a.overall), b: rate(&rate_b.overall) }];
    for level in &rate_a.by_level {
        let other = rate_b.by_level.iter().find(|r| r.label == level.label);
        rates.push(CompareRow { label: level.label.clone(), a: rate(level), b: other.map(rate).unwrap_or_default() });
    }
    let count_type = |ties: &[DeclaredTie], ty: &str| ties.iter().filter(|t| t.tie_type == ty).count();
    let tie_types = TIE_TYPES
        .iter()
        .map(|t| CompareRow {
            label: crate::i18n::text(lang, &format!("tie-type-{}", t.0), &[]),
            a: count_type(&ta, t.0).to_string(),
            b: count_type(&tb, t.0).to_string(),
        })
        .collect();
    Ok(ComparePage {
        page: Page::new(lang, lang.tr().compare_title, &uri),
        ties: results::compare_ties(&ta, &tb),
        a: ca,
        b: cb,
        rates,
        questions,
        tie_types,
    })
}
