//! Headless Chromium against a real server, through chromedriver: screenshots of the map on
//! the demo network at 1920×1080 (kept in target/screenshots/) and the DOM after the pan/zoom
//! script ran; a coordinator walking the main pages with no CSP violation; a respondent on a
//! phone.
//! Built with the `browser-tests` feature (`.ci/run` asks for it and installs Chromium and
//! chromedriver; CHROMIUM=path, or /usr/bin/chromium): then a missing browser fails.
#![cfg(feature = "browser-tests")]

mod common;
// The benchmarks' generated network; their load module brings its own copy of the test HTTP
// client, which this test does not use.
#[allow(clippy::duplicate_mod)]
#[path = "../benches/common/mod.rs"]
mod generator;

use common::webdriver::{chromedriver, chromium, on_a_large_stack, screenshots, start_server};

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

/// Console messages that report a Content-Security-Policy violation.
fn csp_violations(console: &[String]) -> Vec<String> {
    console
        .iter()
        .filter(|m| m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
        .cloned()
        .collect()
}

#[test]
fn the_demo_map_renders_in_headless_chromium_at_1920_by_1080() {
    on_a_large_stack(the_demo_map_renders_in_headless_chromium_at_1920_by_1080_flow);
}

async fn the_demo_map_renders_in_headless_chromium_at_1920_by_1080_flow() {
    let browser = chromium();
    let app = common::spawn(common::Backend::Sqlite).await.unwrap();
    maillage::demo::load(&app.state).await.unwrap();
    app.user("steering@example.org", maillage::app::Role::Viewer).await;
    let (base, stop, server) = start_server(&app).await;
    let dir = screenshots();
    let d = common::webdriver::Driver::start_desktop(&browser, &chromedriver(), 1920, 1080).await;
    d.login(&base, "steering@example.org", common::PASSWORD).await;
    for (name, path) in [
        ("map.png", "/map"),
        ("map-presentation.png", "/map?present=1"),
        ("map-builtin.png", "/map?present=1&renderer=builtin"),
        ("map-campaign.png", "/map?campaign=1#map"),
    ] {
        let file = dir.join(name);
        let _ = std::fs::remove_file(&file);
        d.goto(&format!("{base}{path}")).await;
        d.wait_for("return !!document.querySelector('svg[preserveAspectRatio]');").await;
        let bytes = d.screenshot(&file).await;
        let (width, height) = png_size(&bytes);
        assert_eq!(width, 1920, "{name}");
        assert!(height >= 900, "{name}: {height} px high");
        assert!(bytes.len() > 60_000, "{name} has content ({} bytes)", bytes.len());
    }

    // On a projector: every name at least 14 px tall on the 1920-pixel screen, whichever draws
    // the map; the five actors that hold the network together marked, and the isolated ones.
    let smallest = "let min = 1e9; for (const t of document.querySelectorAll('#map .node text')) { \
        const size = parseFloat(t.getAttribute('font-size')); min = Math.min(min, size * t.getScreenCTM().a); } \
        return min;";
    for path in ["/map?present=1", "/map?present=1&renderer=builtin"] {
        d.goto(&format!("{base}{path}")).await;
        d.wait_for("return !!document.querySelector('svg[preserveAspectRatio]');").await;
        let px = d.script(smallest, vec![]).await.as_f64().unwrap();
        assert!((14.0..40.0).contains(&px), "{path}: the smallest name is {px:.1} px tall");
        let central = d.script("return document.querySelectorAll('#map .node.central').length;", vec![]).await;
        assert_eq!(central, 5, "{path}: five central actors marked");
        let wide = d.script("return document.querySelector('#map svg').getBoundingClientRect().width;", vec![]).await;
        assert!(wide.as_f64().unwrap() > 1850.0, "{path}: the map takes the screen's width ({wide} px)");
    }
    let legend = d.text().await;
    assert!(
        [maillage::i18n::Lang::FR, maillage::i18n::Lang::EN].iter().any(|l| legend.contains(l.tr().legend_central)),
        "the legend explains the double border"
    );

    // After the script ran, the SVG fills the map box and every stakeholder is a link.
    d.goto(&format!("{base}/map?renderer=builtin")).await;
    d.wait_for("return !!document.querySelector('svg[preserveAspectRatio=\"xMidYMid meet\"]');").await;
    let nodes = d.script("return document.querySelectorAll('.node').length;", vec![]).await;
    assert_eq!(nodes, 170, "one clickable node per demo stakeholder");

    // The wheel alone is the page's (it scrolls); with Ctrl it zooms the map.
    let view = "return document.querySelector('#map svg').getAttribute('viewBox');";
    let wheel = |ctrl: bool| {
        format!(
            "document.getElementById('map').dispatchEvent(new WheelEvent('wheel', {{ deltaY: 120, clientX: 900, \
             clientY: 500, ctrlKey: {ctrl}, bubbles: true, cancelable: true }})); return 1;"
        )
    };
    let before = d.script(view, vec![]).await;
    d.script(&wheel(false), vec![]).await;
    assert_eq!(d.script(view, vec![]).await, before, "the wheel alone leaves the map as it is");
    d.script(&wheel(true), vec![]).await;
    assert_ne!(d.script(view, vec![]).await, before, "Ctrl + wheel zooms");
    // Zoom buttons named in the page's language; a link skips the map.
    let label = d.script("return document.querySelector('[data-zoom=in]').getAttribute('aria-label');", vec![]).await;
    let named = [maillage::i18n::Lang::FR.tr().zoom_in, maillage::i18n::Lang::EN.tr().zoom_in];
    assert!(named.iter().any(|n| label == *n), "{label}");
    let skip = d.script("return document.querySelector('a[href=\"#after-map\"]') !== null;", vec![]).await;
    assert_eq!(skip, true);
    // One tab stop for the whole map; arrows go from actor to actor, Escape comes back.
    let stops = "return document.querySelectorAll('#map a:not([tabindex=\"-1\"])').length;";
    assert_eq!(d.script(stops, vec![]).await, 0, "the map's actors are out of the tab order");
    let key = |k: &str| {
        format!(
            "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {{ key: '{k}', bubbles: true, \
             cancelable: true }})); return document.activeElement === document.getElementById('map') ? 'map' \
             : (document.activeElement.closest('#map a') ? 'actor' : document.activeElement.tagName);"
        )
    };
    d.script("document.getElementById('map').focus(); return 1;", vec![]).await;
    assert_eq!(d.script(&key("ArrowRight"), vec![]).await, "actor");
    let first = d.script("return document.activeElement.getAttribute('href');", vec![]).await;
    assert_eq!(d.script(&key("ArrowRight"), vec![]).await, "actor");
    let second = d.script("return document.activeElement.getAttribute('href');", vec![]).await;
    assert_ne!(first, second, "the next actor");
    assert_eq!(d.script(&key("Escape"), vec![]).await, "map");
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

/// A coordinator signs in on a desktop screen and on a phone, walks the main pages, and no
/// page breaks the Content-Security-Policy (no inline script or style anywhere).
#[test]
fn a_coordinator_signs_in_and_walks_the_main_pages_without_csp_violations() {
    on_a_large_stack(a_coordinator_signs_in_and_walks_the_main_pages_without_csp_violations_flow);
}

async fn a_coordinator_signs_in_and_walks_the_main_pages_without_csp_violations_flow() {
    let browser = chromium();
    let mut app = common::spawn(common::Backend::Sqlite).await.unwrap();
    maillage::demo::load(&app.state).await.unwrap();
    app.user("coordinator@example.org", maillage::app::Role::Admin).await;
    // The communes' boundaries, when the shared data is on this machine (not shipped).
    let geojson = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/wallonia_communes.geojson");
    let settings = maillage::app::Settings {
        cheap_hashing: true,
        communes_geojson: geojson.exists().then_some(geojson),
        ..Default::default()
    };
    app.state = app.state.clone().with_settings(settings);
    let (base, stop, server) = start_server(&app).await;
    let dir = screenshots();
    for (label, width, height) in [("desktop", 1920u32, 1080u32), ("phone", 360, 740)] {
        let d = if width > 1000 {
            common::webdriver::Driver::start_desktop(&browser, &chromedriver(), width, height).await
        } else {
            common::webdriver::Driver::start(&browser, &chromedriver(), width, height).await
        };
        d.goto(&format!("{base}/stakeholders")).await;
        assert!(d.text().await.contains("Connexion") || d.text().await.contains("Sign in"), "sent to sign in first");
        d.screenshot(&dir.join(format!("login-{label}.png"))).await;
        d.login(&base, "coordinator@example.org", common::PASSWORD).await;
        let mut violations = csp_violations(&d.console().await);
        for path in [
            "/stakeholders",
            "/stakeholders/1",
            "/stakeholders/1/edit",
            "/stakeholders/new",
            "/links/new",
            "/map",
            "/analysis",
            "/phases",
            "/phases/4/edit",
            "/bodies",
            "/bodies/1",
            "/bodies/1/edit",
            "/bodies/new",
            "/meetings",
            "/meetings/6",
            "/meetings/6/edit",
            "/meetings/new",
            "/actions",
            "/mechanism",
            "/snapshots",
            "/snapshots/compare?from=1&to=2",
            "/changes",
            "/changes?kind=stakeholder&who=cli",
            "/privacy",
            "/privacy?who=demo%40example.org",
            "/steering",
            "/steering/report",
            "/coverage?sector=health",
            "/mechanism/suggestions?body=1&sector=health",
            "/campaigns",
            "/campaigns/new",
            "/import",
            "/account",
            "/admin/users",
            "/admin/reference",
            "/admin/territories",
        ] {
            d.goto(&format!("{base}{path}")).await;
            d.wait_for("return document.readyState === 'complete';").await;
            let text = d.text().await;
            assert!(!text.contains("Erreur") && !text.contains("Error"), "{path} on {label}: {text}");
            for v in csp_violations(&d.console().await) {
                violations.push(format!("{path}: {v}"));
            }
        }
        d.goto(&format!("{base}/stakeholders")).await;
        d.screenshot(&dir.join(format!("stakeholders-{label}.png"))).await;
        for (path, name) in [
            ("/analysis", "analysis"),
            ("/campaigns/1/invitations", "invitations"),
            ("/stakeholders/1/edit#territory-picker", "territory-picker"),
            ("/bodies/1", "body"),
            ("/meetings/6/edit", "meeting-form"),
            ("/actions", "actions"),
            ("/mechanism", "designed-vs-observed"),
            ("/snapshots/compare?from=1&to=2", "snapshots-compare"),
            ("/steering", "steering"),
            ("/steering/report", "steering-report"),
            ("/coverage?sector=health", "coverage"),
            ("/mechanism/suggestions?body=4&k=5&sector=employment_training", "suggestions"),
        ] {
            d.goto(&format!("{base}{path}")).await;
            d.screenshot(&dir.join(format!("{name}-{label}.png"))).await;
        }
        // Sign out with the header's button: back to the sign-in page, and the pages are closed.
        d.goto(&format!("{base}/stakeholders")).await;
        d.click("header form[action='/logout'] button").await;
        d.wait_for("return document.location.pathname === '/login';").await;
        d.goto(&format!("{base}/map")).await;
        assert!(d.script("return document.location.pathname;", vec![]).await == "/login", "signed out on {label}");
        d.quit().await;
        assert!(violations.is_empty(), "CSP violations on {label}:\n{}", violations.join("\n"));
    }
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

/// The map on a phone's touch screen: one finger scrolls the page, not the map; two fingers
/// pinch the map, not the page; the map is one tab stop, however many actors it draws.
#[test]
fn on_a_phone_one_finger_scrolls_the_page_and_two_pinch_the_map() {
    on_a_large_stack(on_a_phone_one_finger_scrolls_the_page_and_two_pinch_the_map_flow);
}

async fn on_a_phone_one_finger_scrolls_the_page_and_two_pinch_the_map_flow() {
    use serde_json::json;
    let browser = chromium();
    let app = common::spawn(common::Backend::Sqlite).await.unwrap();
    maillage::demo::load(&app.state).await.unwrap();
    app.user("steering@example.org", maillage::app::Role::Viewer).await;
    let (base, stop, server) = start_server(&app).await;
    let d = common::webdriver::Driver::start(&browser, &chromedriver(), 360, 740).await;
    d.login(&base, "steering@example.org", common::PASSWORD).await;
    d.goto(&format!("{base}/map?renderer=builtin")).await;
    d.wait_for("return !!document.querySelector('svg[preserveAspectRatio]');").await;
    // The map's middle, once the map is in the middle of the screen.
    let middle = d
        .script(
            "const m = document.getElementById('map'); m.scrollIntoView({block: 'center'}); \
             const r = m.getBoundingClientRect(); return [Math.round(r.left + r.width / 2), \
             Math.round(r.top + r.height / 2), Math.round(r.height)];",
            vec![],
        )
        .await;
    let (x, y, height) = (middle[0].as_i64().unwrap(), middle[1].as_i64().unwrap(), middle[2].as_i64().unwrap());
    assert!(height > 100, "the map is {height} px high on the phone");
    let view = "return document.querySelector('#map svg').getAttribute('viewBox');";
    let scrolled = "return window.scrollY;";
    let (view_before, scroll_before) = (d.script(view, vec![]).await, d.script(scrolled, vec![]).await);

    // One finger drags up across the map: the page scrolls, the map stays as it is.
    let finger = |id: &str, from: (i64, i64), to: (i64, i64)| {
        json!({ "type": "pointer", "id": id, "parameters": { "pointerType": "touch" }, "actions": [
            { "type": "pointerMove", "duration": 0, "x": from.0, "y": from.1 },
            { "type": "pointerDown", "button": 0 },
            { "type": "pointerMove", "duration": 400, "x": to.0, "y": to.1 },
            { "type": "pointerUp", "button": 0 },
        ]})
    };
    d.actions(json!([finger("one", (x, y + 40), (x, y - 60))])).await;
    assert!(
        d.waited_for(&format!("return window.scrollY > {} + 30;", scroll_before)).await,
        "one finger scrolled the page"
    );
    assert_eq!(d.script(view, vec![]).await, view_before, "one finger left the map alone");

    // Two fingers move apart on the map: the map zooms in, the page keeps its scale.
    let middle = d
        .script(
            "const r = document.getElementById('map').getBoundingClientRect(); \
             return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];",
            vec![],
        )
        .await;
    let (x, y) = (middle[0].as_i64().unwrap(), middle[1].as_i64().unwrap());
    let width = "return document.querySelector('#map svg').viewBox.baseVal.width;";
    let before = d.script(width, vec![]).await.as_f64().unwrap();
    d.actions(json!([finger("left", (x - 20, y), (x - 90, y)), finger("right", (x + 20, y), (x + 90, y))])).await;
    let after = d.script(width, vec![]).await.as_f64().unwrap();
    assert!(after < before * 0.8, "pinching out zoomed the map in (view {before:.0} → {after:.0} wide)");
    let scale = d.script("return window.visualViewport.scale;", vec![]).await.as_f64().unwrap();
    assert!((scale - 1.0).abs() < 0.01, "the page itself was not zoomed ({scale})");

    // The keyboard: whatever the number of actors, the map is one stop in the page's tab order.
    let stops = "return [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')] \
        .filter(e => e.tabIndex >= 0 && !e.disabled && e.closest('#map')).length;";
    assert_eq!(d.script(stops, vec![]).await, 1, "the map is one tab stop");
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

/// The network step of the consultation on a 360×740 phone in Dutch, German and Ukrainian
/// (Cyrillic needs its fonts): the page is in the language asked, nothing is wider than the
/// phone; screenshots kept in target/screenshots/survey-<lang>.png.
#[test]
fn a_survey_step_reads_in_dutch_german_and_ukrainian_on_a_phone() {
    on_a_large_stack(a_survey_step_reads_in_dutch_german_and_ukrainian_on_a_phone_flow);
}

async fn a_survey_step_reads_in_dutch_german_and_ukrainian_on_a_phone_flow() {
    let browser = chromium();
    let app = common::spawn(common::Backend::Sqlite).await.unwrap();
    maillage::demo::load(&app.state).await.unwrap();
    let respondent = app.stakeholder("ÖSHZ Eupen", None, "local").await;
    let (_, links) = common::survey::consultation(&app, &[respondent]).await;
    let (base, stop, server) = start_server(&app).await;
    let d = common::webdriver::Driver::start(&browser, &chromedriver(), 360, 740).await;
    for (code, words) in
        [("nl", "Met wie u samenwerkt"), ("de", "Mit wem Sie zusammenarbeiten"), ("uk", "З ким ви співпрацюєте")]
    {
        let next = serde_urlencoded::to_string([("next", format!("{}?section=2", links[0]))]).unwrap();
        d.goto(&format!("{base}/lang/{code}?{next}")).await;
        assert_eq!(d.script("return document.documentElement.lang;", vec![]).await, code);
        assert!(d.text().await.contains(words), "{code}: {}", d.text().await);
        assert_eq!(d.script("return document.documentElement.scrollWidth <= 360;", vec![]).await, true, "{code}");
        let png = d.screenshot(&screenshots().join(format!("survey-{code}.png"))).await;
        assert_eq!(png_size(&png), (720, 1480));
    }
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

/// A respondent fills in the shipped consultation survey on a 360×740 phone, in French:
/// a server-side error kept their input, the roster search added an organisation, the
/// conditional question appeared, and the submission reached the database.
#[test]
fn a_respondent_fills_in_the_consultation_on_a_phone() {
    on_a_large_stack(a_respondent_fills_in_the_consultation_on_a_phone_flow);
}

async fn a_respondent_fills_in_the_consultation_on_a_phone_flow() {
    let browser = chromium();
    let app = common::spawn(common::Backend::Sqlite).await.unwrap();
    maillage::demo::load(&app.state).await.unwrap();
    let id = |name: &'static str| {
        let pool = app.db.pool.clone();
        async move {
            sqlx::query("SELECT id FROM stakeholders WHERE name = $1")
                .bind(name)
                .fetch_one(&pool)
                .await
                .map(|r| sqlx::Row::get::<i64, _>(&r, 0))
                .unwrap()
        }
    };
    let respondent = id("CPAS de Namur").await;
    let secret = maillage::survey::token::Secret::new(vec![3u8; 32]).unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let day = |d: time::Date| maillage::domain::values::format_date(d);
    let mut tx = app.db.pool.begin().await.unwrap();
    let campaign = maillage::store::campaigns::NewCampaign {
        title: "Consultation des acteurs",
        definition_id: "consultation-2023",
        definition_version: 1,
        definition: include_str!("../surveys/consultation-2023.toml"),
        opens_on: &day(today),
        closes_on: &day(today + time::Duration::days(20)),
    };
    maillage::store::campaigns::open(&mut tx, &campaign, &[(respondent, "fr")], &|i| secret.token_hash(i))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // The demo's own campaigns have invitations too: this campaign and invitation are the last made.
    let last = |sql: &'static str| {
        let pool = app.db.pool.clone();
        async move { sqlx::query(sql).fetch_one(&pool).await.map(|r| sqlx::Row::get::<i64, _>(&r, 0)).unwrap() }
    };
    let campaign_id = last("SELECT MAX(id) FROM campaigns").await;
    let invitation = last("SELECT MAX(id) FROM invitations").await;
    let token = secret.token(invitation);

    let (base, stop, server) = start_server(&app).await;
    let dir = screenshots();
    let d = common::webdriver::Driver::start(&browser, &chromedriver(), 360, 740).await;
    let shot = |name: &'static str| {
        let file = dir.join(name);
        let d = &d;
        async move {
            let png = d.screenshot(&file).await;
            assert_eq!(png_size(&png), (720, 1480), "{name}: a 360×740 viewport at pixel ratio 2");
        }
    };
    let no_sideways_scroll = "return document.documentElement.scrollWidth <= 360;";

    d.goto(&format!("{base}/lang/fr?next=/s/{token}")).await;
    assert!(d.text().await.contains("Vous répondez pour CPAS de Namur"), "{}", d.text().await);
    assert_eq!(d.script(no_sideways_scroll, vec![]).await, true, "nothing wider than the phone");
    shot("survey-1-entry.png").await;
    d.click("input[name='q.entry.confirm'][value='yes']").await;
    d.type_into("input[name='q.respondent_role']", "Assistante sociale, cellule Ukraine").await;
    d.click("button[value='next']:not(.default-action)").await;

    // Part 2, with a number the server refuses: the page says why and keeps the rest.
    d.wait_for("return document.body.innerText.includes('Partie 2 / 5');").await;
    d.click("input[name='q.sectors'][value='social_aid']").await;
    d.click("input[name='q.sectors'][value='reception_housing']").await;
    d.click("input[name='q.people_reached'][value='50-199']").await;
    d.type_into("input[name='q.staff']", "deux").await;
    d.click("button[value='next']:not(.default-action)").await;
    d.wait_for("return document.body.innerText.includes('Indiquez un nombre');").await;
    assert_eq!(
        d.script("return document.querySelector(\"input[name='q.people_reached'][value='50-199']\").checked;", vec![])
            .await,
        true
    );
    shot("survey-2-error.png").await;
    d.type_into("input[name='q.staff']", "2,5").await;
    d.click("button[value='next']:not(.default-action)").await;

    // Part 3: search the roster as one types, add SPW IAS, describe the tie.
    d.wait_for("return document.body.innerText.includes('Partie 3 / 5');").await;
    d.type_into("#find", "spw int").await;
    d.wait_for("return document.querySelectorAll('.roster-add').length > 0;").await;
    d.click(".roster-add").await;
    for (attr, value) in
        [("link_type", "funded_by"), ("frequency", "monthly"), ("formal", "yes"), ("satisfaction", "4")]
    {
        d.click(&format!(".ties select[name$='.{attr}'] option[value='{value}']")).await;
    }
    assert!(d.text().await.contains("Organisations citées : 1"));
    assert_eq!(d.script(no_sideways_scroll, vec![]).await, true);
    shot("survey-3-network.png").await;
    d.click("button[value='next']:not(.default-action)").await;

    // Part 4: the Likert statements.
    d.wait_for("return document.body.innerText.includes('Partie 4 / 5');").await;
    for (q, v) in [("clarity_roles", "2"), ("information_flow", "3"), ("duplication", "2"), ("referral_speed", "4")] {
        d.click(&format!("input[name='q.{q}'][value='{v}']")).await;
    }
    shot("survey-4-likert.png").await;
    d.click("button[value='next']:not(.default-action)").await;

    // Part 5: choosing "several levels" shows the follow-up question.
    d.wait_for("return document.body.innerText.includes('Partie 5 / 5');").await;
    assert_eq!(d.script("return document.getElementById('q-mechanism_level_why').hidden;", vec![]).await, true);
    d.click("input[name='q.mechanism_level'][value='several']").await;
    assert_eq!(d.script("return document.getElementById('q-mechanism_level_why').hidden;", vec![]).await, false);
    d.type_into("textarea[name='q.mechanism_level_why']", "Un relais provincial, une coordination régionale.").await;
    shot("survey-5-conditional.png").await;
    d.click("button[value='submit']").await;
    d.wait_for("return document.body.innerText.includes('Merci pour votre réponse');").await;
    shot("survey-6-thanks.png").await;
    // The coordinators' results page, on the same phone.
    app.user("coordinator@example.org", maillage::app::Role::Editor).await;
    d.login(&base, "coordinator@example.org", common::PASSWORD).await;
    d.goto(&format!("{base}/campaigns/{campaign_id}")).await;
    assert!(d.text().await.contains("100 %"), "{}", d.text().await);
    assert_eq!(d.script(no_sideways_scroll, vec![]).await, true, "the results page fits a phone too");
    d.script("document.getElementById('r-clarity_roles').scrollIntoView();", vec![]).await;
    shot("campaign-results.png").await;

    let submitted: Option<String> = sqlx::query("SELECT submitted_at FROM invitations WHERE id = $1")
        .bind(invitation)
        .fetch_one(&app.db.pool)
        .await
        .map(|r| sqlx::Row::get(&r, 0))
        .unwrap();
    assert!(submitted.is_some(), "the submission reached the database");
    let spw = id("SPW Intérieur et Action sociale").await;
    let link: (i64, i64, String) =
        sqlx::query("SELECT source_id, target_id, provenance FROM links WHERE provenance = $1")
            .bind(format!("survey:{campaign_id}/{invitation}"))
            .fetch_one(&app.db.pool)
            .await
            .map(|r| (sqlx::Row::get(&r, 0), sqlx::Row::get(&r, 1), sqlx::Row::get(&r, 2)))
            .unwrap();
    assert_eq!(link, (spw, respondent, format!("survey:{campaign_id}/{invitation}")));
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

#[test]
fn a_coordinator_edits_a_stakeholder_sees_the_change_in_its_history_and_reverts_it() {
    on_a_large_stack(a_coordinator_edits_a_stakeholder_sees_the_change_in_its_history_and_reverts_it_flow);
}

async fn a_coordinator_edits_a_stakeholder_sees_the_change_in_its_history_and_reverts_it_flow() {
    let browser = chromium();
    let mut app = common::spawn(common::Backend::Sqlite).await.unwrap();
    let id = app.stakeholder("CPAS de Namur", None, "local").await;
    app.user("coordinator@example.org", maillage::app::Role::Editor).await;
    app.state = app.state.clone().with_settings(maillage::app::Settings { cheap_hashing: true, ..Default::default() });
    let (base, stop, server) = start_server(&app).await;
    let d = common::webdriver::Driver::start_desktop(&browser, &chromedriver(), 1920, 1080).await;
    d.login(&base, "coordinator@example.org", common::PASSWORD).await;

    // The coordinator edits the name and the phone through the form.
    d.goto(&format!("{base}/stakeholders/{id}/edit")).await;
    d.type_into("#name", "CPAS de Namur (Ville)").await;
    d.type_into("#phone", "081 33 70 11").await;
    // The territory picker: a name typed and Enter become a ticked box (the form is not sent),
    // the field empties for the next one, and a screen reader hears what was added.
    d.type_into("#territory", "Gembloux\u{E007}").await;
    let ticked = "return !!document.querySelector('#territory-chosen input[value=\"92142\"]:checked');";
    assert!(d.waited_for(ticked).await, "Gembloux added to the chosen territories");
    assert_eq!(d.script("return document.getElementById('territory').value;", vec![]).await, "");
    let heard = d.script("return document.getElementById('territory-said').textContent;", vec![]).await;
    assert!(heard.as_str().unwrap_or_default().contains("Gembloux"), "{heard}");
    assert!(d.script("return document.location.pathname;", vec![]).await.as_str().unwrap().ends_with("/edit"));
    d.click("main form.card button[type='submit']").await;
    d.wait_for(&format!("return document.location.pathname === '/stakeholders/{id}';")).await;
    let page = d.text().await;
    assert!(page.contains("CPAS de Namur (Ville)") && page.contains("081 33 70 11"), "{page}");
    assert!(page.contains("Gembloux"), "the territory picked was saved: {page}");

    // Its history panel shows the change, before and after.
    let history = d.script("return document.querySelector('#change-2, ol.changes li').innerText;", vec![]).await;
    let history = history.as_str().unwrap_or_default().to_owned();
    assert!(history.contains("CPAS de Namur") && history.contains("CPAS de Namur (Ville)"), "{history}");
    assert!(history.contains("081 33 70 11") && history.contains("coordinator@example.org"), "{history}");
    d.screenshot(&screenshots().join("history-desktop.png")).await;

    // So does the change log, filtered on stakeholders; the coordinator reverts the change there.
    d.goto(&format!("{base}/changes?kind=stakeholder")).await;
    let log = d.text().await;
    assert!(log.contains("CPAS de Namur (Ville)") && log.contains("081 33 70 11"), "{log}");
    d.screenshot(&screenshots().join("changes-desktop.png")).await;
    d.click("ol.changes li:first-child form[action$='/revert'] button").await;
    d.wait_for("return document.location.pathname === '/changes';").await;
    let top = d.script("return document.querySelector('ol.changes li').innerText;", vec![]).await;
    assert!(
        top.as_str().unwrap_or_default().contains("#"),
        "the revert, naming the change it reverts, is at the top: {top}"
    );

    // The record has its old values again.
    d.goto(&format!("{base}/stakeholders/{id}")).await;
    let title = d.script("return document.querySelector('main h1').innerText;", vec![]).await;
    assert_eq!(title.as_str(), Some("CPAS de Namur"));
    let record = d.script("return document.querySelector('main dl').innerText;", vec![]).await;
    assert!(!record.as_str().unwrap_or_default().contains("081 33 70 11"), "the phone is gone again: {record}");
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}

/// A 2,000-actor network (6,000 links, generated as the benchmarks do) on a 1920×1080
/// projector: the map of groups that it opens on, and every actor drawn for a projector,
/// whose names stay at least 14 px tall (screenshots `map-2000-groups.png`, `map-2000-actors.png`).
#[test]
fn a_2000_actor_network_reads_on_a_projector() {
    on_a_large_stack(a_2000_actor_network_reads_on_a_projector_flow);
}

async fn a_2000_actor_network_reads_on_a_projector_flow() {
    let browser = chromium();
    let app = common::spawn(common::Backend::Sqlite).await.unwrap();
    let (stakeholders, links) = generator::csv_files(2_000, 6_000);
    for (what, bytes) in [("stakeholders", stakeholders), ("links", links)] {
        let r = app.upload(what, &format!("{what}.csv"), &bytes).await;
        assert!(r.status.is_success() || r.status.is_redirection(), "{what}: {} {}", r.status, r.text());
    }
    assert_eq!(app.count("stakeholders").await, 2_000);
    app.user("steering@example.org", maillage::app::Role::Viewer).await;
    let (base, stop, server) = start_server(&app).await;
    let dir = screenshots();
    let d = common::webdriver::Driver::start_desktop(&browser, &chromedriver(), 1920, 1080).await;
    d.login(&base, "steering@example.org", common::PASSWORD).await;
    d.goto(&format!("{base}/map?present=1")).await;
    d.wait_for("return !!document.querySelector('#map svg.grouped');").await;
    d.screenshot(&dir.join("map-2000-groups.png")).await;
    let groups = d.script("return document.querySelectorAll('#map a.group').length;", vec![]).await;
    assert!(groups.as_u64().unwrap() >= 5, "the groups open their part of the map: {groups}");
    d.goto(&format!("{base}/map?present=1&detail=all")).await;
    d.wait_for("return !!document.querySelector('svg[preserveAspectRatio]');").await;
    d.screenshot(&dir.join("map-2000-actors.png")).await;
    let smallest = d
        .script(
            "let min = 1e9; for (const t of document.querySelectorAll('#map .node text')) { \
             min = Math.min(min, parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a); } return min;",
            vec![],
        )
        .await;
    let px = smallest.as_f64().unwrap();
    assert!((14.0..40.0).contains(&px), "the smallest of 2,000 names is {px:.1} px tall");
    assert_eq!(d.script("return document.querySelectorAll('#map .node.central').length;", vec![]).await, 5);
    d.quit().await;
    let _ = stop.send(());
    server.await.unwrap().unwrap();
}
