//! axe-core (its WCAG 2.0 and 2.1 A and AA rules) in headless Chromium on every HTML page of
//! the route registry, every step of the shipped consultation and every form shown again after
//! a failed submit, in each language the tool offers, at 1920×1080 and at 360×740: no
//! violation. A form that failed marks its fields invalid, ties each error to its field and
//! puts the focus on the first.
//! Built with the `browser-tests` feature; axe-core comes from npm (`npm ci --prefix tests/axe`,
//! which `.ci/run` does; AXE_CORE=path/to/axe.min.js to use another copy).
#![cfg(feature = "browser-tests")]

mod common;

use common::webdriver::{Driver, chromedriver, chromium, on_a_large_stack, start_server};
use maillage::i18n::Lang;
use serde_json::{Value, json};
use std::path::PathBuf;

fn axe_source() -> String {
    let path = std::env::var("AXE_CORE").map(PathBuf::from).unwrap_or_else(|_| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/axe/node_modules/axe-core/axe.min.js")
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("axe-core is needed ({}: {e}); install it with: npm ci --prefix tests/axe", path.display())
    })
}

/// Runs axe-core (loaded into every page by `Site::walk`) on the page as it is and returns its
/// violations, one line each.
async fn axe(d: &Driver) -> Vec<String> {
    let found = d
        .script_async(
            // A first pass without the elements' selectors (the costly part on pages of hundreds
            // of rows); only a page with violations is checked again to say where they are.
            "const done = arguments[arguments.length - 1];
             const rules = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                             resultTypes: ['violations'] };
             axe.run(document, Object.assign({ selectors: false, ancestry: false, xpath: false }, rules))
               .then(r => r.violations.length === 0 ? r : axe.run(document, rules))
               .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — '
                   + v.nodes.slice(0, 3).map(n => (n.target || []).join(' ')).join(' | ')
                   + (v.nodes.length > 3 ? ' … ' + v.nodes.length + ' in all' : ''))))
               .catch(e => done(['axe-core failed: ' + e]));",
            vec![],
        )
        .await;
    found.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

/// The example of each page route with parameters, from the demo network.
fn example(path: &str, welcome: &str, survey: &str, campaign: i64) -> Option<Vec<String>> {
    let owned = |v: &[&str]| Some(v.iter().map(|s| s.to_string()).collect());
    match path {
        // Files and redirects, not pages.
        p if p.ends_with(".csv") || p.ends_with(".json") || p.ends_with(".svg") || p.ends_with(".png") => None,
        p if p.ends_with(".dot") || p.ends_with(".graphml") || p.ends_with(".gexf") || p.ends_with(".md") => None,
        "/lang/{code}" => None,
        "/stakeholders" => owned(&["/stakeholders", "/stakeholders?q=namur&level=local"]),
        // The map, and a campaign's map with its respondents, drafts and silent invitees.
        "/map" => owned(&["/map", "/map?campaign=1"]),
        "/stakeholders/{id}" => owned(&["/stakeholders/1", "/stakeholders/999999"]),
        "/stakeholders/{id}/edit" => owned(&["/stakeholders/1/edit"]),
        "/links/{id}/edit" => owned(&["/links/1/edit"]),
        "/bodies/{id}" | "/bodies/{id}/edit" => Some(vec![path.replace("{id}", "1")]),
        "/meetings/{id}" | "/meetings/{id}/edit" => Some(vec![path.replace("{id}", "6")]),
        "/phases/{id}/edit" => owned(&["/phases/4/edit"]),
        "/snapshots/compare" => owned(&["/snapshots/compare?from=1&to=2"]),
        "/changes" => owned(&["/changes", "/changes?kind=stakeholder&who=cli"]),
        "/privacy" => owned(&["/privacy", "/privacy?who=demo%40example.org"]),
        "/coverage" => owned(&["/coverage", "/coverage?sector=health"]),
        "/mechanism/suggestions" => owned(&["/mechanism/suggestions?body=1&sector=health"]),
        "/campaigns/{id}" | "/campaigns/{id}/review" => Some(vec![path.replace("{id}", "1")]),
        "/campaigns/{id}/invitations" => {
            owned(&["/campaigns/1/invitations", "/campaigns/1/invitations?done=link&invitation=1"])
        }
        // The demo's consultation and the test's, with the same questionnaire.
        "/campaigns/compare" => Some(vec![format!("/campaigns/compare?a=1&b={campaign}")]),
        "/admin/reference/{table}" => owned(&["/admin/reference/sector", "/admin/reference/sector?code=health"]),
        "/admin/territories/{ins}" => owned(&["/admin/territories/92094"]),
        "/welcome/{token}" => Some(vec![format!("/welcome/{welcome}"), "/welcome/no-such-link".into()]),
        "/s/{token}" => Some(vec![format!("{survey}?done=1"), "/s/no-such-link".into()]),
        // The roster search: JSON that the survey page's script reads.
        "/s/{token}/roster" => None,
        p if p.contains('{') => panic!("the page route {p} has no example in tests/accessibility.rs"),
        p => Some(vec![p.to_owned()]),
    }
}

/// A form submitted with wrong values: the page it is on, the form, and the values set (every
/// other visible text field of the form is emptied first).
struct Failing {
    page: String,
    form: &'static str,
    set: Vec<(&'static str, &'static str)>,
}

fn failing_forms(survey: &str, welcome: &str) -> Vec<Failing> {
    let f = |page: &str, form: &'static str, set: &[(&'static str, &'static str)]| Failing {
        page: page.to_owned(),
        form,
        set: set.to_vec(),
    };
    vec![
        f("/stakeholders/new", "main form[method=post]", &[("#website", "not a site")]),
        f("/stakeholders/new", "main form[method=post]", &[("#name", "Maison"), ("#territory", "Atlantis; Namur")]),
        f("/stakeholders/1/edit", "main form[method=post]", &[("#email", "nobody")]),
        f("/links/new", "main form[method=post]", &[]),
        f("/bodies/new", "main form[method=post]", &[]),
        f("/meetings/new", "main form[method=post]", &[]),
        f("/phases/4/edit", "main form[method=post]", &[("#planned_start", "2099-13-45")]),
        f("/campaigns/new", "main form[method=post]", &[]),
        f("/campaigns/1/invitations", "form[action='/campaigns/1/closing']", &[("#closes", "2001-01-01")]),
        f("/campaigns/1/invitations", "form[action='/campaigns/1/invitations']", &[("#stakeholder", "Nobody")]),
        f("/snapshots", "main form[method=post]", &[]),
        f("/import", "main form[method=post]", &[]),
        f("/account", "form[action='/account/password']", &[("#current", "wrong"), ("#password", "short")]),
        f("/admin/users", "form[action='/admin/users']", &[("#new-email", "not-an-address")]),
        f("/admin/reference/sector", "main form[method=post]", &[]),
        f("/admin/territories/92094", "main form[method=post]", &[]),
        f(&format!("/welcome/{welcome}"), "main form[method=post]", &[("#password", "short")]),
        f(&format!("{survey}?section=0"), "main form[method=post]", &[]),
    ]
}

const EMPTY_AND_SUBMIT: &str = "
    const [selector, set] = arguments;
    const form = document.querySelector(selector);
    if (!form) return 'no form ' + selector;
    form.noValidate = true;
    for (const e of form.querySelectorAll('input, textarea')) {
        if (!['hidden', 'checkbox', 'radio', 'file', 'submit', 'button'].includes(e.type)) e.value = '';
    }
    for (const [css, value] of set) {
        const e = document.querySelector(css);
        if (!e) return 'no field ' + css;
        e.value = value;
    }
    const button = form.querySelector('button[type=submit], button:not([type]), input[type=submit]');
    form.requestSubmit(button && button.form === form ? button : undefined);
    return 'sent';";

/// The page after the submit: loaded, with the form and an alert.
const SHOWN_AGAIN: &str = "return document.readyState === 'complete' && !!document.querySelector('[role=alert]') \
    && !!document.querySelector('form[method=post]');";

/// What the page says about a failed form: how many fields are marked invalid, whether each
/// one's error is tied to it, and whether the focus is on the first.
const FAILED_STATE: &str = "
    const invalid = [...document.querySelectorAll('[aria-invalid=true]')];
    const untied = invalid.filter(e => !(e.getAttribute('aria-describedby') || '').split(' ').some(id => {
        const d = document.getElementById(id);
        return d && (d.classList.contains('error') || d.getAttribute('role') === 'alert') && d.textContent.trim();
    }));
    return { invalid: invalid.length, untied: untied.map(e => e.id || e.name),
             focused: invalid.length > 0 && document.activeElement === invalid[0],
             alert: !!document.querySelector('[role=alert]') };";

#[test]
fn every_page_step_and_failed_form_passes_axe_core_in_every_language_at_both_sizes() {
    on_a_large_stack(every_page_step_and_failed_form_passes_axe_core_flow);
}

async fn every_page_step_and_failed_form_passes_axe_core_flow() {
    let source = axe_source();
    let browser = chromium();
    let mut app = common::spawn(common::Backend::Sqlite).await.unwrap();
    maillage::demo::load(&app.state).await.unwrap();
    let admin = app.user("coordinator@example.org", maillage::app::Role::Admin).await;
    let geojson = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/wallonia_communes.geojson");
    let settings = maillage::app::Settings {
        cheap_hashing: true,
        communes_geojson: geojson.exists().then_some(geojson),
        ..Default::default()
    };
    // A mailer, so that the page to reset a forgotten password exists (nothing is sent).
    let mailer = maillage::survey::mail::Mailer::new("smtp://127.0.0.1:9", "Maillage <maillage@example.be>").unwrap();
    app.state = app.state.clone().with_settings(settings).with_mailer(mailer);
    // A respondent's link to the consultation, and a newcomer's link to choose a password.
    let respondent = app.stakeholder("Service d'accueil de test", None, "local").await;
    let (campaign, links) = common::survey::consultation(&app, &[respondent]).await;
    let survey = links[0].clone();
    let newcomer = app.user("newcomer@example.org", maillage::app::Role::Viewer).await;
    let actor = maillage::app::Actor::User {
        id: admin,
        email: "coordinator@example.org".into(),
        role: maillage::app::Role::Admin,
    };
    let welcome = maillage::app::accounts::reset_link(&app.state, &actor, newcomer).await.unwrap();

    let mut pages: Vec<String> = Vec::new();
    for route in maillage::web::routes::registry() {
        if route.method == axum::http::Method::GET
            && route.kind == maillage::web::routes::Kind::Page
            && let Some(examples) = example(route.path, &welcome, &survey, campaign)
        {
            pages.extend(examples);
        }
    }
    // Every step of the consultation.
    let consultation =
        maillage::survey::definition::parse(include_str!("../surveys/consultation-2023.toml")).expect("a valid survey");
    pages.extend((0..consultation.sections.len()).map(|s| format!("{survey}?section={s}")));
    pages.sort();
    pages.dedup();

    let (base, stop, server) = start_server(&app).await;
    let started = std::time::Instant::now();
    let site = Site { base, source, browser, pages, forms: failing_forms(&survey, &welcome) };
    // The two screen sizes in two browsers at once.
    let (desktop, phone) = tokio::join!(site.walk("1920×1080", 1920, 1080), site.walk("360×740", 360, 740));
    let walked: Vec<Walk> = [desktop, phone].into_iter().flatten().collect();
    let views: usize = walked.iter().map(|w| w.views).sum();
    let violations: Vec<&String> = walked.iter().flat_map(|w| &w.violations).collect();
    let failed_forms: Vec<&String> = walked.iter().flat_map(|w| &w.failed_forms).collect();
    println!(
        "axe-core {}: {views} page views ({} pages and {} failed forms, in each language at each size) in {:.0} s",
        axe_version(),
        site.pages.len(),
        site.forms.len(),
        started.elapsed().as_secs_f64()
    );
    let _ = stop.send(());
    server.await.unwrap().unwrap();
    let lines = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n");
    assert!(
        violations.is_empty() && failed_forms.is_empty(),
        "{} axe-core violations, {} problems with failed forms:\n{}\n{}",
        violations.len(),
        failed_forms.len(),
        lines(&violations),
        lines(&failed_forms)
    );
}

/// The version of axe-core the test runs, from its package file.
fn axe_version() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/axe/node_modules/axe-core/package.json");
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// What the browsers visit.
struct Site {
    base: String,
    source: String,
    browser: PathBuf,
    pages: Vec<String>,
    forms: Vec<Failing>,
}

/// What one browser found.
struct Walk {
    views: usize,
    violations: Vec<String>,
    failed_forms: Vec<String>,
}

/// Public pages and the respondent's are seen signed out; the others signed in.
fn public(page: &str) -> bool {
    ["/login", "/forgot", "/welcome/", "/s/"].iter().any(|p| page.starts_with(p))
}

impl Site {
    /// Every page and failed form in each language at one screen size (none when AXE_SIZES,
    /// e.g. `AXE_SIZES=360×740`, leaves it out; AXE_LANGS=fr,en narrows the languages down
    /// while mending a page).
    async fn walk(&self, size: &'static str, width: u32, height: u32) -> Option<Walk> {
        if std::env::var("AXE_SIZES").is_ok_and(|s| !s.split(',').any(|x| x == size)) {
            return None;
        }
        let (base, source) = (&self.base, &self.source);
        let d = if width > 1000 {
            Driver::start_desktop(&self.browser, &chromedriver(), width, height).await
        } else {
            Driver::start(&self.browser, &chromedriver(), width, height).await
        };
        // axe-core in every page the browser opens, rather than sent along with each check.
        d.on_every_page(source).await;
        let mut walk = Walk { views: 0, violations: Vec::new(), failed_forms: Vec::new() };
        for lang in Lang::all() {
            let code = lang.code();
            if std::env::var("AXE_LANGS").is_ok_and(|s| !s.split(',').any(|x| x == code)) {
                continue;
            }
            d.goto(&format!("{base}/lang/{code}?next=/login")).await;
            for signed_in in [false, true] {
                if signed_in {
                    d.login(base, "coordinator@example.org", common::PASSWORD).await;
                }
                for page in self.pages.iter().filter(|p| public(p) != signed_in) {
                    d.goto(&format!("{base}{page}")).await;
                    d.wait_for("return document.readyState === 'complete';").await;
                    walk.views += 1;
                    // The error page is seen once, on purpose; any other is a wrong example.
                    let status = d.script(ERROR_STATUS, vec![]).await;
                    if status != json!("") && page != "/stakeholders/999999" && !page.contains("no-such-link") {
                        walk.violations.push(format!("{page} ({code}, {size}): the error page {status} instead"));
                    }
                    for v in axe(&d).await {
                        walk.violations.push(format!("{page} ({code}, {size}): {v}"));
                    }
                }
                for form in self.forms.iter().filter(|f| public(&f.page) != signed_in) {
                    let here = format!("{} after a failed submit ({code}, {size})", form.page);
                    d.goto(&format!("{base}{}", form.page)).await;
                    d.wait_for("return document.readyState === 'complete';").await;
                    let set: Vec<Value> = form.set.iter().map(|(css, v)| json!([css, v])).collect();
                    let sent = d.script(EMPTY_AND_SUBMIT, vec![json!(form.form), json!(set)]).await;
                    assert_eq!(sent, json!("sent"), "{here}");
                    if !d.waited_for(SHOWN_AGAIN).await {
                        let now = d.script("return document.location.href;", vec![]).await;
                        walk.failed_forms.push(format!("{here}: no form shown again with an alert (now at {now})"));
                        continue;
                    }
                    walk.views += 1;
                    let state = d.script(FAILED_STATE, vec![]).await;
                    if state["invalid"].as_u64().unwrap_or(0) == 0 {
                        walk.failed_forms.push(format!("{here}: no field marked invalid"));
                    }
                    if state["untied"].as_array().is_some_and(|u| !u.is_empty()) {
                        walk.failed_forms.push(format!("{here}: errors not tied to {}", state["untied"]));
                    }
                    if state["focused"] != json!(true) {
                        walk.failed_forms.push(format!("{here}: the first invalid field does not have the focus"));
                    }
                    for v in axe(&d).await {
                        walk.violations.push(format!("{here}: {v}"));
                    }
                }
                if signed_in {
                    d.goto(&format!("{base}/stakeholders")).await;
                    d.click("header form[action='/logout'] button").await;
                    d.wait_for("return document.location.pathname === '/login';").await;
                }
            }
        }
        d.quit().await;
        Some(walk)
    }
}

/// The status an error page shows (empty on any other page).
const ERROR_STATUS: &str = "const h = document.querySelector('h1[data-status]'); return h ? h.dataset.status : '';";
