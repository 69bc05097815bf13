//! Every page and every survey step in each language the tool offers: the page says its
//! language, no catalogue lacks a message, and no French text of the interface (or of the
//! questionnaire) is left on a page of another language.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use maillage::app::Role;
use maillage::i18n::{self, Lang};
use maillage::survey::definition::{Definition, Text};

/// The interface's French texts that another language words differently: long enough
/// (a dozen characters and a space) not to be a shared word or a name.
fn french_only(lang: Lang) -> Vec<String> {
    i18n::INTERFACE_IDS
        .iter()
        .chain(i18n::AUDIT_IDS)
        .chain(i18n::MECH_IDS)
        .filter_map(|id| {
            let french = i18n::text(Lang::FR, id, &[]);
            let own = i18n::text(lang, id, &[]);
            (french != own && french.chars().count() >= 12 && french.contains(' ')).then_some(french)
        })
        .collect()
}

/// The same for a questionnaire's texts (title, sections, questions, help, options).
fn french_only_in(def: &Definition, lang: Lang) -> Vec<String> {
    let mut texts: Vec<&Text> = vec![&def.title];
    texts.extend(&def.intro);
    for s in &def.sections {
        texts.push(&s.title);
        texts.extend(&s.intro);
        for q in &s.questions {
            texts.push(&q.text);
            texts.extend(&q.help);
            texts.extend(q.options.iter().chain(&q.scale).map(|c| &c.label));
        }
    }
    texts
        .into_iter()
        .filter(|t| t.get(Lang::FR) != t.get(lang) && t.get(Lang::FR).chars().count() >= 12)
        .map(|t| t.get(Lang::FR).to_owned())
        .collect()
}

/// A page's text as written, its HTML escapes undone.
fn unescaped(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether `text` holds `part` not as the start or end of a longer word ("Description / mandat"
/// is not left in "Description / mandate").
fn contains_whole(text: &str, part: &str) -> bool {
    text.match_indices(part).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + part.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// What is wrong with a page said to be in `lang`.
fn problems(uri: &str, status: StatusCode, html: &str, lang: Lang, french: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    if status != StatusCode::OK {
        found.push(format!("{uri} [{}]: answered {status}", lang.code()));
    }
    if !html.contains(&format!("<html lang=\"{}\">", lang.code())) {
        found.push(format!("{uri} [{}]: the page does not say its language", lang.code()));
    }
    let text = unescaped(html);
    for f in french.iter().filter(|f| contains_whole(&text, f)) {
        found.push(format!("{uri} [{}]: French left: {f:?}", lang.code()));
    }
    found
}

async fn get_in(app: &common::TestApp, cookie: &str, uri: &str, lang: Lang) -> (StatusCode, String) {
    let cookie = if cookie.is_empty() { format!("lang={lang}") } else { format!("{cookie}; lang={lang}") };
    let r = app
        .send_raw(
            Request::get(uri)
                .header(header::HOST, "localhost")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    (r.status, r.text())
}

/// The pages of the demo, one of each kind, as an administrator sees them.
const PAGES: &[&str] = &[
    "/stakeholders",
    "/stakeholders/1",
    "/stakeholders/1/edit",
    "/stakeholders/new",
    "/links/new",
    "/map",
    "/analysis",
    "/import",
    "/campaigns",
    "/campaigns/new",
    "/campaigns/1",
    "/campaigns/1/review",
    "/mechanism",
    "/bodies",
    "/bodies/new",
    "/bodies/1",
    "/meetings",
    "/meetings/new",
    "/meetings/1",
    "/actions",
    "/mechanism/suggestions",
    "/coverage",
    "/steering",
    "/snapshots",
    "/changes",
    "/privacy",
    "/phases",
    "/account",
    "/admin/users",
    "/admin/reference",
    "/admin/reference/sector?code=health",
    "/admin/territories?q=Eupen",
    "/admin/territories/63023",
];

on_both!(every_page_and_survey_step_is_in_each_language_with_no_french_left, |app| {
    maillage::demo::load(&app.state).await.unwrap();
    let admin = app.session(Role::Admin).await;
    let respondent = app.stakeholder("Centre d'accueil de Jambes", None, "local").await;
    let (_, links) = common::survey::consultation(&app, &[respondent]).await;
    let def = maillage::survey::definition::parse(include_str!("../surveys/consultation-2023.toml")).unwrap();
    let mut found = Vec::new();
    let mut seen = 0;
    for lang in Lang::all() {
        assert_eq!(i18n::missing(lang), Vec::<&str>::new(), "{lang} lacks messages");
        let french = if lang == Lang::FR { Vec::new() } else { french_only(lang) };
        for uri in PAGES {
            let (status, html) = get_in(&app, &admin.cookie, uri, lang).await;
            found.extend(problems(uri, status, &html, lang, &french));
            seen += 1;
        }
        let (status, html) = get_in(&app, "", "/login", lang).await;
        found.extend(problems("/login", status, &html, lang, &french));
        // Every step of the questionnaire, in the respondent's chosen language.
        let mut french = french.clone();
        if lang != Lang::FR {
            french.extend(french_only_in(&def, lang));
        }
        for section in 0..def.sections.len() {
            let uri = format!("{}?section={section}", links[0]);
            let (status, html) = get_in(&app, "", &uri, lang).await;
            found.extend(problems(&uri, status, &html, lang, &french));
            seen += 1;
        }
    }
    eprintln!("{seen} page views in {} languages", Lang::all().count());
    assert!(found.is_empty(), "{}", found.join("\n"));
});
