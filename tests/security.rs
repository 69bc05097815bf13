//! Access control, cross-site requests, hosts, redirects, personal data, sessions, tokens
//! and sign-in throttling, through the router as a browser or a script would reach it.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{PASSWORD, Session, TestApp};
use maillage::app::{Actor, Role, accounts};
use maillage::web::routes::registry;
use serde_json::json;

/// Who calls a route in the access table.
#[derive(Clone, Copy, Debug)]
enum Who {
    Anonymous,
    /// A respondent with its own invitation's link.
    RespondentOwn,
    /// A respondent trying a link that is not its own (another's invitation, guessed).
    RespondentOther,
    Viewer,
    Editor,
    Admin,
}

const WHO: [Who; 6] = [Who::Anonymous, Who::RespondentOwn, Who::RespondentOther, Who::Viewer, Who::Editor, Who::Admin];

/// The expected answer of every route for [anonymous, own respondent, other respondent,
/// viewer, editor, admin]: `y` let through (any answer but 401, 403 or the sign-in page),
/// `n` refused (401, 403, or sent to sign in), `4` not found (a link that opens nothing),
/// `2` served (2xx or a redirect elsewhere than the sign-in page).
const TABLE: &[(&str, &str, &str)] = &[
    ("GET", "/healthz", "yyyyyy"),
    ("GET", "/api/openapi.json", "yyyyyy"),
    ("GET", "/lang/{code}", "yyyyyy"),
    ("GET", "/static/map.js", "yyyyyy"),
    ("GET", "/static/survey.js", "yyyyyy"),
    ("GET", "/static/territory.js", "yyyyyy"),
    ("GET", "/static/maillage.css", "yyyyyy"),
    ("GET", "/login", "yyyyyy"),
    ("POST", "/login", "yyyyyy"),
    ("POST", "/login/code", "yyyyyy"),
    ("GET", "/forgot", "444444"),
    ("POST", "/forgot", "444444"),
    ("POST", "/logout", "nnnyyy"),
    ("GET", "/account", "nnnyyy"),
    ("POST", "/account/password", "nnnyyy"),
    ("POST", "/account/2fa/start", "nnnyyy"),
    ("POST", "/account/2fa/confirm", "nnnyyy"),
    ("POST", "/account/2fa/off", "nnnyyy"),
    ("GET", "/welcome/{token}", "444444"),
    ("POST", "/welcome/{token}", "444444"),
    ("GET", "/admin/users", "nnnnny"),
    ("POST", "/admin/users", "nnnnny"),
    ("POST", "/admin/users/{id}", "nnnnny"),
    ("POST", "/admin/tokens", "nnnnny"),
    ("POST", "/admin/tokens/{id}/revoke", "nnnnny"),
    ("GET", "/admin/reference", "nnnnny"),
    ("GET", "/admin/reference/{table}", "nnnnny"),
    ("POST", "/admin/reference/{table}", "nnnnny"),
    ("GET", "/admin/territories", "nnnnny"),
    ("GET", "/admin/territories/{ins}", "nnnnny"),
    ("POST", "/admin/territories/{ins}", "nnnnny"),
    ("POST", "/admin/mergers", "nnnnny"),
    ("GET", "/api/stakeholders", "nnnyyy"),
    ("POST", "/api/stakeholders", "nnnnyy"),
    ("GET", "/api/stakeholders/{id}", "nnnyyy"),
    ("PUT", "/api/stakeholders/{id}", "nnnnyy"),
    ("DELETE", "/api/stakeholders/{id}", "nnnnyy"),
    ("GET", "/api/links", "nnnyyy"),
    ("POST", "/api/links", "nnnnyy"),
    ("GET", "/api/links/{id}", "nnnyyy"),
    ("PUT", "/api/links/{id}", "nnnnyy"),
    ("DELETE", "/api/links/{id}", "nnnnyy"),
    ("GET", "/api/reference", "nnnyyy"),
    ("GET", "/api/graph", "nnnyyy"),
    ("GET", "/api/analysis", "nnnyyy"),
    ("GET", "/api/phases", "nnnyyy"),
    ("PUT", "/api/phases/{id}", "nnnnyy"),
    ("GET", "/phases", "nnnyyy"),
    ("GET", "/phases/{id}/edit", "nnnnyy"),
    ("POST", "/phases/{id}/edit", "nnnnyy"),
    ("GET", "/api/bodies", "nnnyyy"),
    ("POST", "/api/bodies", "nnnnyy"),
    ("GET", "/api/bodies/{id}", "nnnyyy"),
    ("PUT", "/api/bodies/{id}", "nnnnyy"),
    ("DELETE", "/api/bodies/{id}", "nnnnyy"),
    ("GET", "/api/meetings", "nnnyyy"),
    ("POST", "/api/meetings", "nnnnyy"),
    ("GET", "/api/meetings/{id}", "nnnyyy"),
    ("PUT", "/api/meetings/{id}", "nnnnyy"),
    ("DELETE", "/api/meetings/{id}", "nnnnyy"),
    ("GET", "/api/actions", "nnnyyy"),
    ("PUT", "/api/actions/{id}", "nnnnyy"),
    ("GET", "/api/mechanism/review", "nnnyyy"),
    ("GET", "/mechanism", "nnnyyy"),
    ("GET", "/api/snapshots", "nnnyyy"),
    ("POST", "/api/snapshots", "nnnnyy"),
    ("GET", "/api/snapshots/compare", "nnnyyy"),
    ("DELETE", "/api/snapshots/{id}", "nnnnyy"),
    ("GET", "/snapshots", "nnnyyy"),
    ("POST", "/snapshots", "nnnnyy"),
    ("GET", "/snapshots/compare", "nnnyyy"),
    ("POST", "/snapshots/{id}/delete", "nnnnyy"),
    ("GET", "/api/changes", "nnnyyy"),
    ("POST", "/api/changes/{id}/revert", "nnnnyy"),
    ("POST", "/api/operations/{id}/revert", "nnnnyy"),
    ("GET", "/changes", "nnnyyy"),
    ("GET", "/privacy", "nnnnyy"),
    ("GET", "/privacy/export.json", "nnnnyy"),
    ("POST", "/privacy/erase", "nnnnny"),
    ("POST", "/changes/{id}/revert", "nnnnyy"),
    ("POST", "/operations/{id}/revert", "nnnnyy"),
    ("GET", "/steering", "nnnyyy"),
    ("GET", "/steering/report", "nnnyyy"),
    ("GET", "/coverage", "nnnyyy"),
    ("GET", "/mechanism/suggestions", "nnnyyy"),
    ("POST", "/mechanism/suggestions/accept", "nnnnyy"),
    ("POST", "/mechanism/suggestions/dismiss", "nnnnyy"),
    ("GET", "/bodies", "nnnyyy"),
    ("POST", "/bodies", "nnnnyy"),
    ("GET", "/bodies/new", "nnnnyy"),
    ("GET", "/bodies/{id}", "nnnyyy"),
    ("GET", "/bodies/{id}/edit", "nnnnyy"),
    ("POST", "/bodies/{id}/edit", "nnnnyy"),
    ("POST", "/bodies/{id}/archive", "nnnnyy"),
    ("POST", "/bodies/{id}/restore", "nnnnyy"),
    ("GET", "/meetings", "nnnyyy"),
    ("POST", "/meetings", "nnnnyy"),
    ("GET", "/meetings/new", "nnnnyy"),
    ("GET", "/meetings/{id}", "nnnyyy"),
    ("GET", "/meetings/{id}/edit", "nnnnyy"),
    ("POST", "/meetings/{id}/edit", "nnnnyy"),
    ("POST", "/meetings/{id}/delete", "nnnnyy"),
    ("GET", "/actions", "nnnyyy"),
    ("POST", "/actions/{id}/status", "nnnnyy"),
    ("GET", "/analysis", "nnnyyy"),
    ("GET", "/", "nnnyyy"),
    ("GET", "/stakeholders", "nnnyyy"),
    ("POST", "/stakeholders", "nnnnyy"),
    ("GET", "/stakeholders/new", "nnnnyy"),
    ("GET", "/stakeholders/{id}", "nnnyyy"),
    ("GET", "/stakeholders/{id}/edit", "nnnnyy"),
    ("POST", "/stakeholders/{id}/edit", "nnnnyy"),
    ("POST", "/stakeholders/{id}/archive", "nnnnyy"),
    ("POST", "/stakeholders/{id}/language", "nnnnyy"),
    ("POST", "/stakeholders/{id}/restore", "nnnnyy"),
    ("POST", "/links", "nnnnyy"),
    ("GET", "/links/new", "nnnnyy"),
    ("GET", "/links/{id}/edit", "nnnnyy"),
    ("POST", "/links/{id}/edit", "nnnnyy"),
    ("POST", "/links/{id}/archive", "nnnnyy"),
    ("GET", "/import", "nnnnyy"),
    ("POST", "/import", "nnnnyy"),
    ("GET", "/export/stakeholders.csv", "nnnyyy"),
    ("GET", "/export/links.csv", "nnnyyy"),
    ("GET", "/map", "nnnyyy"),
    ("GET", "/s/{token}", "424444"),
    ("POST", "/s/{token}", "4y4444"),
    ("GET", "/s/{token}/roster", "424444"),
    ("GET", "/campaigns", "nnnyyy"),
    ("POST", "/campaigns", "nnnnyy"),
    ("GET", "/campaigns/new", "nnnnyy"),
    ("GET", "/campaigns/compare", "nnnyyy"),
    ("GET", "/campaigns/{id}", "nnnyyy"),
    ("GET", "/campaigns/{id}/links.csv", "nnnnyy"),
    ("GET", "/campaigns/{id}/responses.csv", "nnnnyy"),
    ("GET", "/campaigns/{id}/ties.csv", "nnnyyy"),
    ("GET", "/campaigns/{id}/review", "nnnnyy"),
    ("POST", "/campaigns/{id}/proposals/{proposal}", "nnnnyy"),
    ("GET", "/campaigns/{id}/invitations", "nnnnyy"),
    ("POST", "/campaigns/{id}/invitations", "nnnnyy"),
    ("POST", "/campaigns/{id}/closing", "nnnnyy"),
    ("POST", "/campaigns/{id}/invitations/{invitation}/withdraw", "nnnnyy"),
    ("POST", "/campaigns/{id}/invitations/{invitation}/link", "nnnnyy"),
    ("POST", "/campaigns/{id}/corrections/{correction}", "nnnnyy"),
];

/// A small inventory with personal data, a link and an open campaign; returns the ids to put
/// in paths and the respondent's link token.
struct Seeded {
    stakeholder: i64,
    link: i64,
    campaign: i64,
    body: i64,
    meeting: i64,
    action: i64,
    token: String,
    other_token: String,
}

const SECRET_EMAIL: &str = "marie.secret@cpas-namur.example";
const SECRET_PHONE: &str = "+32 81 99 88 77";
const SECRET_CONTACT: &str = "Oksana Privatna";
const SECRET_NOTE: &str = "confidential remark about funding";

async fn seed(app: &TestApp) -> Seeded {
    let r = app
        .json(
            Method::POST,
            "/api/stakeholders",
            json!({
                "name": "CPAS de Namur", "acronym": "CPASN", "kind": "public_authority", "level": "local",
                "territory": ["Namur"], "email": SECRET_EMAIL, "phone": SECRET_PHONE, "notes": SECRET_NOTE,
                "contacts": [{ "name": SECRET_CONTACT, "function": "Coordinatrice", "email": "oksana@example.org" }]
            }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let stakeholder = r.json()["id"].as_i64().unwrap();
    let other = app.stakeholder("SPW Intérieur et Action sociale", Some("SPW IAS"), "regional").await;
    let r = app
        .json(Method::POST, "/api/links", json!({ "source": stakeholder, "target": other, "type": "coordinates" }))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let link = r.json()["id"].as_i64().unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let day = |d: time::Date| maillage::domain::values::format_date(d);
    let (opens, closes) = (day(today - time::Duration::days(1)), day(today + time::Duration::days(30)));
    let request = maillage::app::campaigns::OpenRequest {
        definition: include_str!("../surveys/consultation-2023.toml"),
        title: "Consultation",
        opens: &opens,
        closes: &closes,
        invite: Default::default(),
    };
    let opened = maillage::app::campaigns::open(&app.state, &Actor::Cli, &request).await.expect("campaign opened");
    // A body, and a meeting with the person who came (personal data) and an action item.
    let r = app
        .json(
            Method::POST,
            "/api/bodies",
            json!({ "name": "Plateforme de Namur", "members": [{ "stakeholder": stakeholder }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let body = r.json()["id"].as_i64().unwrap();
    let r = app
        .json(
            Method::POST,
            "/api/meetings",
            json!({ "held_on": day(today), "title": "Réunion de Namur", "body": body,
                    "attendees": [{ "stakeholder": stakeholder, "contact": SECRET_CONTACT }],
                    "actions": [{ "description": "Relancer", "owner": stakeholder }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let (meeting, action) = (r.json()["id"].as_i64().unwrap(), r.json()["actions"][0]["id"].as_i64().unwrap());
    let mut conn = app.db.pool.acquire().await.unwrap();
    let invitees = maillage::store::campaigns::invitees(&mut conn, opened.id).await.unwrap();
    let own = invitees.iter().find(|i| i.stakeholder_id == stakeholder).unwrap();
    let other = invitees.iter().find(|i| i.stakeholder_id != stakeholder).unwrap();
    Seeded {
        stakeholder,
        link,
        campaign: opened.id,
        body,
        meeting,
        action,
        token: app.state.secret.token(own.invitation_id),
        // Another invitation's token with one character changed: what a guess looks like.
        other_token: {
            let mut t = app.state.secret.token(other.invitation_id);
            let last = if t.ends_with('0') { "1" } else { "0" };
            t.replace_range(t.len() - 1.., last);
            t
        },
    }
}

fn concrete(path: &str, s: &Seeded, token: &str) -> String {
    path.replace("{code}", "en")
        .replace("{token}", token)
        .replace("{proposal}", "999")
        .replace("{correction}", "999")
        .replace("{invitation}", "999")
        .replace(
            "{id}",
            &if path.starts_with("/api/links") || path.starts_with("/links") {
                s.link.to_string()
            } else if path.starts_with("/campaigns") {
                s.campaign.to_string()
            } else if path.starts_with("/api/bodies") || path.starts_with("/bodies") {
                s.body.to_string()
            } else if path.starts_with("/api/meetings") || path.starts_with("/meetings") {
                s.meeting.to_string()
            } else if path.starts_with("/api/actions") || path.starts_with("/actions") {
                s.action.to_string()
            } else if path.starts_with("/admin") || path.contains("/changes/") || path.contains("/operations/") {
                "999".to_string()
            } else {
                s.stakeholder.to_string()
            },
        )
}

async fn call(app: &TestApp, who: Who, session: Option<&Session>, method: &str, uri: &str) -> common::Response {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let mut b = Request::builder().method(method.clone()).uri(uri).header(header::HOST, "localhost");
    let body = if uri.starts_with("/api") && method != Method::GET {
        b = b.header(header::CONTENT_TYPE, "application/json");
        Body::from("{}")
    } else if method != Method::GET {
        b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        Body::from(match session {
            Some(s) => format!("_csrf={}", s.csrf),
            None => String::new(),
        })
    } else {
        Body::empty()
    };
    if let Some(s) = session {
        // A script in the page would send the form token as a header.
        b = b.header(header::COOKIE, &s.cookie).header("x-csrf-token", &s.csrf);
    }
    let _ = who;
    app.send_raw(b.body(body).unwrap()).await
}

fn outcome(r: &common::Response) -> char {
    let to_login = r.status.is_redirection() && r.location().starts_with("/login?next=");
    match r.status {
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => 'n',
        _ if to_login => 'n',
        StatusCode::NOT_FOUND => '4',
        s if s.is_success() || s.is_redirection() => '2',
        _ => 'y',
    }
}

on_both!(every_route_answers_each_role_as_the_access_table_says, |app| {
    let s = seed(&app).await;
    let routes: Vec<(String, String)> = registry().iter().map(|r| (r.method.to_string(), r.path.to_owned())).collect();
    for (method, path) in &routes {
        assert!(
            TABLE.iter().any(|(m, p, _)| m == method && p == path),
            "{method} {path} has no expected answer for each role in the access table"
        );
    }
    assert_eq!(routes.len(), TABLE.len(), "every row of the table is a route");
    let mut failures = Vec::new();
    for (method, path, expected) in TABLE {
        for (who, want) in WHO.iter().zip(expected.chars()) {
            let session = match who {
                Who::Viewer => Some(app.session(Role::Viewer).await),
                Who::Editor => Some(app.session(Role::Editor).await),
                Who::Admin => Some(app.session(Role::Admin).await),
                _ => None,
            };
            let token = match who {
                Who::RespondentOwn => s.token.clone(),
                Who::RespondentOther => s.other_token.clone(),
                _ => "0000000000000000000000000000000000000000".into(),
            };
            let uri = concrete(path, &s, &token);
            let r = call(&app, *who, session.as_ref(), method, &uri).await;
            assert!(r.status.as_u16() < 500, "{method} {uri} as {who:?}: {} {}", r.status, r.text());
            let got = outcome(&r);
            let ok = match want {
                'y' => got != 'n',
                other => got == other,
            };
            if !ok {
                failures.push(format!("{method} {uri} as {who:?}: expected {want}, got {got} ({})", r.status));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
});

on_both!(cross_site_posts_are_refused_on_every_unsafe_route, |app| {
    let s = seed(&app).await;
    let admin = app.session(Role::Admin).await;
    for route in registry().iter().filter(|r| r.method != Method::GET) {
        let uri = concrete(route.path, &s, &s.token);
        // A signed-in browser, but no form token: refused (except where no session applies).
        let r = app
            .send_raw(
                Request::builder()
                    .method(route.method.clone())
                    .uri(&uri)
                    .header(header::HOST, "localhost")
                    .header(header::COOKIE, &admin.cookie)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from("x=1"))
                    .unwrap(),
            )
            .await;
        let sessionless = uri.starts_with("/s/") || uri == "/login" || uri.starts_with("/welcome/");
        if !sessionless {
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{} {uri} without a form token", route.method);
        }
        // A foreign Origin, even with the form token or a bearer token: refused everywhere.
        for (name, value) in [(header::ORIGIN.as_str(), "https://evil.example"), ("sec-fetch-site", "cross-site")] {
            let r = app
                .send_raw(
                    Request::builder()
                        .method(route.method.clone())
                        .uri(&uri)
                        .header(header::HOST, "localhost")
                        .header(name, value)
                        .header(header::COOKIE, &admin.cookie)
                        .header("x-csrf-token", &admin.csrf)
                        .header(header::AUTHORIZATION, format!("Bearer {}", app.admin_token))
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .body(Body::from(format!("_csrf={}", admin.csrf)))
                        .unwrap(),
                )
                .await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{} {uri} with {name}: {value}", route.method);
        }
    }
    // The same request from the site itself goes through.
    let r = app.post_as(&admin, &format!("/stakeholders/{}/archive", s.stakeholder), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
});

on_both!(a_foreign_host_gets_421_and_redirects_never_leave_the_site, |app| {
    let r =
        app.send_raw(Request::get("/healthz").header(header::HOST, "evil.example").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::MISDIRECTED_REQUEST);
    let r = app.send_raw(Request::get("/healthz").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::MISDIRECTED_REQUEST, "no Host at all");
    // As they would be typed in a link (the query is decoded before use).
    for next in
        ["//evil.example", "/%5Cevil.example", "%2F%2Fevil.example", "https://evil.example", "/%5C/evil.example"]
    {
        let r = app.get_anonymous(&format!("/lang/en?next={next}")).await;
        assert_eq!(r.location(), "/", "lang next={next}");
    }
    assert_eq!(app.get_anonymous("/lang/en?next=/map%3Flevel%3Dlocal").await.location(), "/map?level=local");
    app.user("coordinator@example.org", Role::Editor).await;
    let body = serde_urlencoded::to_string([
        ("email", "coordinator@example.org"),
        ("password", PASSWORD),
        ("next", "//evil.example/x"),
    ])
    .unwrap();
    let r = app
        .send_raw(
            Request::post("/login")
                .header(header::HOST, "localhost")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(r.location(), "/", "login next");
    // And every response carries the security headers.
    let csp = r.headers.get(header::CONTENT_SECURITY_POLICY).unwrap().to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline")
    );
    assert_eq!(r.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(), "nosniff");
    assert_eq!(r.headers.get(header::REFERRER_POLICY).unwrap(), "no-referrer");
    let page = app.get("/stakeholders").await;
    assert_eq!(page.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
});

on_both!(viewers_never_receive_personal_data_in_pages_api_or_exports, |app| {
    let s = seed(&app).await;
    let viewer = app.session(Role::Viewer).await;
    let viewer_token = app.token(Role::Viewer).await;
    let editor = app.session(Role::Editor).await;
    // The editor sees what the viewer must not: the seeds are really there.
    let full = app.get_as(&editor, &format!("/stakeholders/{}", s.stakeholder)).await.text();
    for secret in [SECRET_EMAIL, SECRET_PHONE, SECRET_CONTACT, SECRET_NOTE] {
        assert!(full.contains(secret), "the editor's page shows {secret}");
    }
    let meeting = app.get_as(&editor, &format!("/meetings/{}", s.meeting)).await.text();
    assert!(meeting.contains(SECRET_CONTACT), "the editor sees who came to the meeting");
    let mut uris: Vec<String> = registry()
        .iter()
        .filter(|r| r.method == Method::GET && !r.path.starts_with("/s/") && !r.path.starts_with("/welcome"))
        .map(|r| concrete(r.path, &s, &s.token))
        .collect();
    for format in ["dot", "svg", "graphml", "gexf", "json", "kumu-elements", "kumu-connections"] {
        uris.push(format!("/api/graph?format={format}&renderer=builtin"));
    }
    uris.push(format!("/api/stakeholders?q={}", "Oksana"));
    uris.push("/stakeholders?q=confidential".into());
    uris.push("/export/stakeholders.csv?dialect=excel".into());
    uris.push(format!("/map?ego={}&renderer=builtin", s.stakeholder));
    for uri in &uris {
        for r in [
            app.get_as(&viewer, uri).await,
            app.send_raw(
                Request::get(uri.as_str())
                    .header(header::HOST, "localhost")
                    .header(header::AUTHORIZATION, format!("Bearer {viewer_token}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await,
        ] {
            let text = r.text();
            for secret in [SECRET_EMAIL, SECRET_PHONE, SECRET_CONTACT, SECRET_NOTE, "oksana@example.org"] {
                assert!(!text.contains(secret), "{uri} ({}) shows {secret} to a viewer", r.status);
            }
        }
    }
    let searched = app.get_as(&viewer, "/api/stakeholders?q=Oksana").await.json();
    assert_eq!(searched, json!([]), "a viewer's search does not reach contact persons");
});

on_both!(sessions_expire_when_idle_and_after_a_week_and_end_at_sign_out_or_when_disabled, |app| {
    let viewer = app.session(Role::Viewer).await;
    assert_eq!(app.get_as(&viewer, "/stakeholders").await.status, StatusCode::OK);
    app.state.clock.advance(accounts::IDLE + time::Duration::minutes(1));
    let r = app.get_as(&viewer, "/stakeholders").await;
    assert!(r.location().starts_with("/login"), "idle session ended: {}", r.status);

    // Used every 7 hours, a session still ends 7 days after sign-in.
    let busy = app.session(Role::Viewer).await;
    let mut elapsed = time::Duration::ZERO;
    while elapsed + time::Duration::hours(7) < accounts::ABSOLUTE {
        app.state.clock.advance(time::Duration::hours(7));
        elapsed += time::Duration::hours(7);
        assert_eq!(app.get_as(&busy, "/stakeholders").await.status, StatusCode::OK, "after {elapsed}");
    }
    app.state.clock.advance(time::Duration::hours(7));
    assert!(app.get_as(&busy, "/stakeholders").await.location().starts_with("/login"), "a week is the limit");

    let editor = app.session(Role::Editor).await;
    let r = app.post_as(&editor, "/logout", &[]).await;
    assert_eq!(r.location(), "/login?signed_out=1");
    assert!(app.get_as(&editor, "/stakeholders").await.location().starts_with("/login"), "signed out");

    let email = "leaving@example.org";
    let id = app.user(email, Role::Editor).await;
    let leaving = app.login(email, PASSWORD).await.unwrap();
    assert_eq!(app.get_as(&leaving, "/stakeholders").await.status, StatusCode::OK);
    accounts::set_disabled(&app.state, &Actor::Cli, id, true).await.unwrap();
    assert!(app.get_as(&leaving, "/stakeholders").await.location().starts_with("/login"), "disabled at once");
    assert!(app.login(email, PASSWORD).await.is_err(), "a disabled account cannot sign in");
});

on_both!(revoked_and_expired_tokens_stop_working_at_once, |app| {
    let (id, secret) = accounts::create_token(&app.state, &Actor::Cli, "script", Role::Viewer, Some(1)).await.unwrap();
    let get = |secret: String| {
        let app = &app;
        async move {
            app.send_raw(
                Request::get("/api/stakeholders")
                    .header(header::HOST, "localhost")
                    .header(header::AUTHORIZATION, format!("Bearer {secret}"))
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .status
        }
    };
    assert_eq!(get(secret.clone()).await, StatusCode::OK);
    let r = app.json(Method::POST, "/api/stakeholders", json!({})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "the admin token may write");
    let viewer_write = app
        .send_raw(
            Request::post("/api/stakeholders")
                .header(header::HOST, "localhost")
                .header(header::AUTHORIZATION, format!("Bearer {secret}"))
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert_eq!(viewer_write.status, StatusCode::FORBIDDEN, "a viewer token may not");
    app.state.clock.advance(time::Duration::days(1));
    assert_eq!(get(secret.clone()).await, StatusCode::UNAUTHORIZED, "expired");
    let (id2, secret2) = accounts::create_token(&app.state, &Actor::Cli, "other", Role::Viewer, None).await.unwrap();
    assert_eq!(get(secret2.clone()).await, StatusCode::OK);
    accounts::revoke_token(&app.state, &Actor::Cli, id2).await.unwrap();
    assert_eq!(get(secret2).await, StatusCode::UNAUTHORIZED, "revoked");
    assert_eq!(get("mlg_not-a-token".into()).await, StatusCode::UNAUTHORIZED);
    let _ = id;
});

on_both!(the_tenth_wrong_password_in_a_minute_is_refused_without_being_checked, |app| {
    app.user("target@example.org", Role::Admin).await;
    let mut statuses = Vec::new();
    for _ in 0..9 {
        statuses.push(app.login("target@example.org", "wrong password!").await.unwrap_err().status);
    }
    assert!(statuses.iter().all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY || *s == StatusCode::TOO_MANY_REQUESTS));
    // Even the right password is not checked now: the answer says to wait.
    let tenth = app.login("target@example.org", PASSWORD).await.unwrap_err();
    assert_eq!(tenth.status, StatusCode::TOO_MANY_REQUESTS, "{}", tenth.text());
    assert!(tenth.text().contains("try again in"), "{}", tenth.text());
    // An account that does not exist gets the same answers, and the delay passes.
    let unknown = app.login("nobody@example.org", "wrong password!").await.unwrap_err();
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.text().contains("wrong e-mail address or password"));
    app.state.clock.advance(time::Duration::minutes(16));
    assert!(app.login("target@example.org", PASSWORD).await.is_ok(), "after the window, the right password works");
});

on_both!(every_change_row_names_who_made_it, |app| {
    let s = seed(&app).await;
    let editor = app.session(Role::Editor).await;
    let r = app.post_as(&editor, &format!("/stakeholders/{}/archive", s.stakeholder), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    use sqlx::Row;
    let rows =
        sqlx::query("SELECT entity, action, actor FROM changes ORDER BY id").fetch_all(&app.db.pool).await.unwrap();
    let rows: Vec<(String, String, Option<String>)> =
        rows.iter().map(|r| (r.get("entity"), r.get("action"), r.get("actor"))).collect();
    assert!(rows.iter().all(|(_, _, actor)| actor.is_some()), "{rows:?}");
    let (_, _, last) = rows.last().unwrap();
    assert!(last.as_deref().unwrap().starts_with("user:"), "the archive is the editor's: {rows:?}");
    assert!(rows.iter().any(|(e, a, actor)| e == "campaign" && a == "open" && actor.as_deref() == Some("cli")));
});

/// The current code of a base32 TOTP key, as an authenticator app shows it.
fn code_of(key: &str, email: &str, at: time::OffsetDateTime) -> String {
    let secret = totp_rs::Secret::Encoded(key.to_owned()).to_bytes().unwrap();
    let totp =
        totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, secret, Some("Maillage".into()), email.into()).unwrap();
    totp.generate(at.unix_timestamp() as u64)
}

on_both!(a_second_factor_is_set_up_then_asked_at_sign_in_and_a_code_works_once, |app| {
    let email = "careful@example.org";
    app.user(email, Role::Editor).await;
    let session = app.login(email, PASSWORD).await.unwrap();
    let setup = app.post_as(&session, "/account/2fa/start", &[]).await.text();
    let first_key =
        setup.split("id=\"totp-key\">").nth(1).and_then(|r| r.split('<').next()).expect("the key is shown").to_owned();
    assert!(first_key.len() >= 32 && first_key.chars().all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c)));
    let wrong = app.post_as(&session, "/account/2fa/confirm", &[("code", "000000")]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "a wrong code does not turn it on");
    // A wrong code gave a new key.
    let key = wrong.text().split("id=\"totp-key\">").nth(1).and_then(|r| r.split('<').next()).unwrap().to_owned();
    assert_ne!(key, first_key);
    let now = app.state.clock.now();
    let r = app.post_as(&session, "/account/2fa/confirm", &[("code", &code_of(&key, email, now))]).await;
    assert_eq!(r.location(), "/account?done=1", "{}", r.text());

    // Signing in now asks for the code after the password.
    let body = serde_urlencoded::to_string([("email", email), ("password", PASSWORD)]).unwrap();
    let post = |uri: &'static str, body: String| {
        app.send_raw(
            Request::post(uri)
                .header(header::HOST, "localhost")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
    };
    let step = post("/login", body.clone()).await;
    assert!(step.headers.get(header::SET_COOKIE).is_none(), "no session on the password alone");
    let html = step.text();
    let ticket = html.split("name=\"ticket\" value=\"").nth(1).and_then(|r| r.split('"').next()).expect("code form");
    let bad = post("/login/code", serde_urlencoded::to_string([("ticket", ticket), ("code", "123456")]).unwrap()).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    app.state.clock.advance(time::Duration::seconds(31));
    let code = code_of(&key, email, app.state.clock.now());
    let good =
        post("/login/code", serde_urlencoded::to_string([("ticket", ticket), ("code", code.as_str())]).unwrap()).await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.text());
    assert!(good.headers.get(header::SET_COOKIE).is_some());
    // The same code again, with a new ticket: refused (a code works once).
    let html = post("/login", body).await.text();
    let ticket = html.split("name=\"ticket\" value=\"").nth(1).and_then(|r| r.split('"').next()).unwrap();
    let replay =
        post("/login/code", serde_urlencoded::to_string([("ticket", ticket), ("code", code.as_str())]).unwrap()).await;
    assert_eq!(replay.status, StatusCode::UNPROCESSABLE_ENTITY, "a used code is refused");
});

on_both!(where_a_second_factor_is_required_coordinators_must_set_one_up_first, |app| {
    let settings = maillage::app::Settings { cheap_hashing: true, require_2fa: true, ..Default::default() };
    let state = app.state.clone().with_settings(settings);
    let router = maillage::web::router(state);
    let editor = app.session(Role::Editor).await;
    let viewer = app.session(Role::Viewer).await;
    let get = |s: &Session, uri: &'static str| {
        let router = router.clone();
        let cookie = s.cookie.clone();
        async move {
            use tower::ServiceExt;
            router
                .oneshot(
                    Request::get(uri)
                        .header(header::HOST, "localhost")
                        .header(header::COOKIE, cookie)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap()
        }
    };
    let r = get(&editor, "/stakeholders").await;
    assert_eq!(r.headers().get(header::LOCATION).unwrap(), "/account?enroll=1");
    assert_eq!(get(&editor, "/account").await.status(), StatusCode::OK, "its own account page stays open");
    assert_eq!(get(&viewer, "/stakeholders").await.status(), StatusCode::OK, "viewers are not required to");
});

on_both!(the_first_administrator_is_created_once_through_the_link_serve_prints, |app| {
    // The harness made no user yet: an admin token is not an account.
    let token = accounts::first_admin_link(&app.state).await.unwrap().expect("no admin yet: a link");
    let page = app.get_anonymous(&format!("/welcome/{token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("name=\"email\""), "the first admin chooses an address");
    let body = serde_urlencoded::to_string([("email", "first@example.org"), ("password", PASSWORD)]).unwrap();
    let post = || {
        app.send_raw(
            Request::post(format!("/welcome/{token}"))
                .header(header::HOST, "localhost")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body.clone()))
                .unwrap(),
        )
    };
    assert_eq!(post().await.location(), "/login");
    assert!(app.login("first@example.org", PASSWORD).await.is_ok());
    assert_eq!(post().await.status, StatusCode::NOT_FOUND, "the link works once");
    assert!(accounts::first_admin_link(&app.state).await.unwrap().is_none(), "no link once an admin exists");
});
