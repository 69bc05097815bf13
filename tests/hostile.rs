//! Hostile input through every field of the API: each value is refused with a clear 4xx or
//! stored and shown inert; every export still parses; nothing answers 500.

mod common;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

fn corpus() -> Vec<String> {
    let mut c: Vec<String> = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "'; DROP TABLE stakeholders; --",
        "Robert'); DELETE FROM links; --",
        "digraph { a -> b }",
        "\"]; evil [label=\"x",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
        "]]></name><name>",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "nul\u{0}byte",
        "escape\u{1b}[31mred",
        "\u{202e}txet desrever\u{202c}",
        "zero\u{200b}width\u{feff}",
        "99999999999999999999999999",
        "-1",
        "NaN",
        "1e308",
        "%00%0d%0a",
        "{{ page.csrf }}",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    c.push("x".repeat(1_000_000));
    c
}

fn acceptable(status: StatusCode) -> bool {
    status.is_success() || matches!(status.as_u16(), 400 | 404 | 409 | 413 | 422)
}

on_both!(hostile_values_in_every_field_are_refused_or_stored_inert_and_exports_still_parse, |app| {
    // /healthz is probed throughout, from another task.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let prober = {
        let (router, stop) = (app.router.clone(), stop.clone());
        tokio::spawn(async move {
            use tower::ServiceExt;
            let (mut probes, mut worst) = (0u32, std::time::Duration::ZERO);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let t = std::time::Instant::now();
                let request =
                    axum::http::Request::get("/healthz").header("host", "localhost").body(axum::body::Body::empty());
                let r = router.clone().oneshot(request.unwrap()).await.unwrap();
                assert_eq!(r.status(), StatusCode::OK, "a /healthz probe failed");
                worst = worst.max(t.elapsed());
                probes += 1;
                tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            }
            (probes, worst)
        })
    };
    let target = app.stakeholder("SPW Intérieur et Action sociale", Some("SPW IAS"), "regional").await;
    let mut stored = 0;
    let mut refused = 0;
    for (i, value) in corpus().into_iter().enumerate() {
        let base = || json!({ "name": format!("Organisation {i}"), "kind": "association", "level": "local" });
        for field in [
            "name",
            "acronym",
            "description",
            "website",
            "email",
            "phone",
            "influence",
            "interest",
            "notes",
            "sectors",
            "territory",
            "contacts",
            "kind",
            "level",
            "key",
        ] {
            let mut body = base();
            body[field] = match field {
                "sectors" | "territory" => json!([value]),
                "contacts" => json!([{ "name": value, "email": value, "phone": value, "function": value }]),
                _ => Value::String(value.clone()),
            };
            let r = app.json(Method::POST, "/api/stakeholders", body).await;
            assert!(acceptable(r.status), "stakeholder {field} = {:.60?}: {} {:.200}", value, r.status, r.text());
            if r.status == StatusCode::CREATED {
                stored += 1;
                // Renamed so that the next value's creation does not collide.
                let id = r.json()["id"].as_i64().unwrap();
                let mut again = r.json();
                again["name"] = json!(format!("Organisation {i} {field}"));
                let r = app.json(Method::PUT, &format!("/api/stakeholders/{id}"), again).await;
                assert!(acceptable(r.status), "{}", r.text());
            } else {
                refused += 1;
                let message = r.json();
                assert!(message["message"].as_str().is_some_and(|m| !m.is_empty()), "a clear message: {message}");
            }
        }
        for field in ["note", "strength", "since", "until", "provenance", "type", "formal", "confirmed", "source"] {
            let mut body = json!({ "source": target, "target": "Organisation 0 name", "type": "coordinates" });
            body[field] = Value::String(value.clone());
            let r = app.json(Method::POST, "/api/links", body).await;
            assert!(acceptable(r.status), "link {field} = {:.60?}: {} {:.200}", value, r.status, r.text());
            if r.status == StatusCode::CREATED {
                let id = r.json()["id"].as_i64().unwrap();
                app.delete(&format!("/api/links/{id}")).await;
            }
        }
        for query in ["q", "level", "province", "limit", "offset", "key"] {
            let encoded = serde_urlencoded::to_string([(query, value.chars().take(2000).collect::<String>())]).unwrap();
            let r = app.get(&format!("/api/stakeholders?{encoded}")).await;
            assert!(acceptable(r.status), "?{query}: {}", r.status);
        }
    }
    eprintln!("hostile corpus: {stored} values stored, {refused} refused with a 4xx");
    assert!(stored > 0 && refused > 0);

    // Pages show the stored values inert.
    let list = app.get("/stakeholders?limit=50").await.text();
    assert!(!list.contains("<script>alert(1)</script>") && !list.contains("<img src=x"), "escaped in HTML");

    // Every export still parses.
    for format in ["graphml", "gexf"] {
        let xml = app.get(&format!("/api/graph?format={format}")).await.text();
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{format} is not well-formed XML: {e}"),
            }
        }
    }
    for uri in [
        "/export/stakeholders.csv",
        "/export/links.csv",
        "/api/graph?format=kumu-elements",
        "/api/graph?format=kumu-connections",
    ] {
        let csv = app.get(uri).await.text();
        for record in csv::Reader::from_reader(csv.as_bytes()).records() {
            let record = record.unwrap_or_else(|e| panic!("{uri}: {e}"));
            assert!(record.iter().all(|c| !c.starts_with(['=', '+', '-', '@'])), "{uri}: live formula");
        }
    }
    let json: Value = app.get("/api/graph?format=json").await.json();
    assert!(json["nodes"].as_array().is_some_and(|n| n.len() > 1));
    let dot = app.get("/api/graph?format=dot").await.text();
    if cfg!(feature = "graphviz-tests") || maillage::graph::render::graphviz_available() {
        let mut child = std::process::Command::new("dot")
            .arg("-Tsvg")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(dot.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "dot reads the DOT export: {}", String::from_utf8_lossy(&out.stderr));
    } else {
        eprintln!("Graphviz not installed: DOT export not parsed by dot");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (probes, worst) = prober.await.unwrap();
    eprintln!(
        "/healthz: {probes} probes during the corpus, all answered, worst {:.1} ms",
        worst.as_secs_f64() * 1000.0
    );
    assert!(probes > 0);
});

on_both!(hostile_values_in_every_survey_field_are_refused_or_kept_as_a_draft, |app| {
    use axum::body::Body;
    use axum::http::{Request, header};
    let me = app.stakeholder("CPAS de Namur", None, "local").await;
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
    let opened = maillage::app::campaigns::open(&app.state, &maillage::app::Actor::Cli, &request).await.unwrap();
    let mut conn = app.db.pool.acquire().await.unwrap();
    let invitees = maillage::store::campaigns::invitees(&mut conn, opened.id).await.unwrap();
    let invitation = invitees.iter().find(|i| i.stakeholder_id == me).unwrap().invitation_id;
    let link = format!("/s/{}", app.state.secret.token(invitation));
    let fields = [
        "q.respondent_role",
        "q.entry.confirm",
        "q.entry.f.name",
        "q.entry.f.email",
        "q.sectors",
        "q.sectors.other",
        "q.people_reached",
        "q.partners.tie",
        "q.partners.new_name",
        "q.partners.s1.frequency",
        "q.missing_partners",
        "_section",
        "_action",
    ];
    for value in corpus() {
        for field in fields {
            for (section, action) in [("0", "next"), ("1", "save"), ("2", "next")] {
                let body =
                    serde_urlencoded::to_string([("_section", section), ("_action", action), (field, value.as_str())])
                        .unwrap();
                let r = app
                    .send_raw(
                        Request::post(link.as_str())
                            .header(header::HOST, "localhost")
                            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                            .body(Body::from(body))
                            .unwrap(),
                    )
                    .await;
                assert!(
                    r.status.is_success() || r.status.is_redirection() || matches!(r.status.as_u16(), 400 | 413 | 422),
                    "{field} = {:.60?} ({section}/{action}): {}",
                    value,
                    r.status
                );
                if r.status.is_success() || r.status.as_u16() == 422 {
                    let html = r.text();
                    assert!(!html.contains("<script>alert(1)</script>") && !html.contains("<img src=x"), "escaped");
                }
            }
        }
    }
    assert_eq!(app.get(&link).await.status, StatusCode::OK, "the respondent's page still opens");
});

on_both!(hostile_values_in_every_coordinator_form_are_refused_or_stored_inert, |app| {
    let admin = app.session(maillage::app::Role::Admin).await;
    let a = app.stakeholder("CPAS de Namur", None, "local").await;
    let forms: &[(&str, &[&str])] = &[
        (
            "/stakeholders",
            &[
                "name",
                "acronym",
                "kind",
                "level",
                "sectors",
                "territory",
                "description",
                "website",
                "email",
                "phone",
                "influence",
                "interest",
                "key",
                "notes",
                "contact_name",
                "contact_function",
                "contact_email",
                "contact_phone",
            ],
        ),
        (
            "/links",
            &["source", "target", "type", "directed", "strength", "formal", "since", "until", "note", "confirmed"],
        ),
        ("/campaigns", &["questionnaire", "title", "opens", "closes", "level", "kind", "sector", "province", "key"]),
        ("/admin/users", &["email", "role"]),
        ("/admin/tokens", &["name", "role", "expires"]),
        ("/account/password", &["current", "password"]),
        ("/login", &["email", "password", "next"]),
        ("/login/code", &["ticket", "code"]),
    ];
    let mut seen = 0;
    for value in corpus().into_iter().filter(|v| v.len() < 100_000) {
        for (uri, fields) in forms {
            for field in *fields {
                let defaults: Vec<(&str, String)> = match *uri {
                    "/stakeholders" => {
                        vec![("name", format!("Org {seen}")), ("kind", "association".into()), ("level", "local".into())]
                    }
                    "/links" => {
                        vec![("source", a.to_string()), ("target", "Org 0".into()), ("type", "coordinates".into())]
                    }
                    "/campaigns" => vec![
                        ("questionnaire", "pulse-2023.toml".into()),
                        ("title", "T".into()),
                        ("opens", "2030-01-01".into()),
                        ("closes", "2030-02-01".into()),
                    ],
                    _ => vec![],
                };
                let mut pairs: Vec<(&str, &str)> =
                    defaults.iter().filter(|(k, _)| k != field).map(|(k, v)| (*k, v.as_str())).collect();
                pairs.push((field, value.as_str()));
                let r = app.post_as(&admin, uri, &pairs).await;
                // 429: sign-in attempts slowed down, as they should be.
                assert!(
                    r.status.is_success()
                        || r.status.is_redirection()
                        || matches!(r.status.as_u16(), 400 | 404 | 409 | 413 | 422 | 429),
                    "{uri} {field} = {:.60?}: {}",
                    value,
                    r.status
                );
                let html = r.text();
                assert!(!html.contains("<script>alert(1)</script>") && !html.contains("<img src=x"), "{uri}: escaped");
                seen += 1;
            }
        }
    }
    eprintln!("coordinator forms: {seen} hostile submissions, none answered 5xx");
    let page = app.get_as(&admin, "/stakeholders?limit=200").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.text().contains("<script>alert(1)</script>"));
});
