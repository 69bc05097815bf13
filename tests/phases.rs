//! The project's phases: listed in order, changed by editors with every problem named, read
//! by viewers, dated by the demo so that piloting is under way today.

mod common;

use axum::http::{Method, StatusCode};
use maillage::app::Role;
use serde_json::json;

on_both!(the_four_phases_are_listed_in_order_and_changed_with_every_problem_named, |app| {
    let phases = app.get("/api/phases").await.json();
    let codes: Vec<&str> = phases.as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["inventory", "scoping", "consultation", "piloting"]);
    assert_eq!(phases[2]["planned_start"], "2022-12-01");
    assert_eq!(phases[1]["titles"]["fr"], "Réunions de cadrage avec les parties prenantes essentielles");

    let bad = app
        .json(
            Method::PUT,
            "/api/phases/2",
            json!({ "title": "", "planned_start": "2022-10-01", "planned_end": "2022-09-01", "status": "asleep" }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = bad.json();
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["title", "planned_end", "status"]);

    let ok = app
        .json(
            Method::PUT,
            "/api/phases/2",
            json!({ "title": "Scoping meetings", "planned_start": "2022-09-05", "planned_end": "2022-11-30",
                    "actual_start": "2022-09-12", "status": "in_progress" }),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    let p = ok.json();
    assert_eq!(
        (p["titles"]["en"].as_str(), p["titles"]["fr"].as_str()),
        (Some("Scoping meetings"), Some("Réunions de cadrage avec les parties prenantes essentielles")),
        "texts of the request's language only"
    );
    assert_eq!(
        (p["planned_start"].as_str(), p["actual_start"].as_str(), p["status"].as_str()),
        (Some("2022-09-05"), Some("2022-09-12"), Some("in_progress"))
    );

    use sqlx::Row;
    let actor: Option<String> = sqlx::query("SELECT actor FROM changes WHERE entity = 'phase' ORDER BY id DESC")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get("actor");
    assert!(actor.is_some_and(|a| a.starts_with("token:")), "the change row names who made it");

    // Pages: the timeline for everyone signed in, the form for editors.
    let viewer = app.session(Role::Viewer).await;
    let page = app.get_as(&viewer, "/phases").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.text().contains("Scoping meetings") && !page.text().contains("/phases/2/edit"),
        "no edit button for a viewer"
    );
    let editor = app.session(Role::Editor).await;
    let r = app
        .post_as(
            &editor,
            "/phases/3/edit",
            &[
                ("title", "Consultation"),
                ("planned_start", "2022-12-01"),
                ("planned_end", "bad date"),
                ("status", "planned"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("aria-invalid=\"true\""), "the error sits next to its field");
    let r = app
        .post_as(
            &editor,
            "/phases/3/edit",
            &[
                ("title", "Consultation"),
                ("planned_start", "2022-12-01"),
                ("planned_end", "2023-03-31"),
                ("status", "done"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/phases");
});

on_both!(the_demo_dates_the_phases_so_that_piloting_is_under_way_today, |app| {
    maillage::demo::load(&app.state).await.unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let phases = app.get("/api/phases").await.json();
    let date = |v: &serde_json::Value| maillage::domain::values::date(v.as_str().unwrap()).unwrap();
    let piloting = &phases[3];
    assert_eq!(piloting["status"], "in_progress");
    assert!(date(&piloting["planned_start"]) <= today && today <= date(&piloting["planned_end"]));
    for p in &phases.as_array().unwrap()[..3] {
        assert_eq!(p["status"], "done");
        assert!(date(&p["planned_end"]) < today);
    }
    // The real durations are kept: the consultation lasts Dec 1 – Mar 31 (120 days).
    assert_eq!((date(&phases[2]["planned_end"]) - date(&phases[2]["planned_start"])).whole_days(), 120);
    maillage::demo::load(&app.state).await.unwrap();
    assert_eq!(app.get("/api/phases").await.json(), phases, "running the demo again changes nothing");
    let page = app.get("/phases").await.text();
    assert!(page.contains("under way today"));
});
