//! Snapshots: the network frozen under a name and a date without any personal data, and any
//! two states compared (what came, what went, who moved), with the two maps side by side.

mod common;

use axum::http::{Method, StatusCode};
use maillage::app::Role;
use serde_json::json;
use sqlx::Row;

on_both!(a_snapshot_freezes_the_network_and_compares_with_now, |app| {
    let r = app
        .json(
            Method::POST,
            "/api/stakeholders",
            json!({ "name": "CPAS de Namur", "kind": "public_authority", "level": "local", "email": "secret@cpas.example",
                    "phone": "+32 81 00 00 00", "notes": "private remark", "contacts": [{ "name": "Olena Secret" }] }),
        )
        .await;
    let namur = r.json()["id"].as_i64().unwrap();
    let spw = app.stakeholder("SPW Intérieur et Action sociale", Some("SPW IAS"), "regional").await;
    let old = app.stakeholder("Ancienne cellule", None, "local").await;
    for (a, b) in [(namur, spw), (old, spw)] {
        let r = app.json(Method::POST, "/api/links", json!({ "source": a, "target": b, "type": "coordinates" })).await;
        assert_eq!(r.status, StatusCode::CREATED);
    }

    let bad = app.json(Method::POST, "/api/snapshots", json!({ "name": " ", "taken_on": "31/02/2026" })).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> =
        bad.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
    assert_eq!(fields, ["name", "taken_on"]);
    let r = app
        .json(Method::POST, "/api/snapshots", json!({ "name": "Après l'état des lieux", "taken_on": "2023-01-15" }))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let snap = r.json();
    assert_eq!(
        (snap["stakeholders"].as_i64(), snap["links"].as_i64(), snap["taken_on"].as_str()),
        (Some(3), Some(2), Some("2023-01-15"))
    );
    let id = snap["id"].as_i64().unwrap();
    let data: String = sqlx::query("SELECT data FROM snapshots WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get("data");
    for secret in ["secret@cpas.example", "+32 81 00 00 00", "private remark", "Olena Secret"] {
        assert!(!data.contains(secret), "a snapshot holds no personal data ({secret})");
    }

    // Afterwards: one stakeholder archived (with its link), one added with a link.
    assert_eq!(app.delete(&format!("/api/stakeholders/{old}")).await.status, StatusCode::NO_CONTENT);
    let new = app.stakeholder("Maison ukrainienne de Liège", Some("MUL"), "local").await;
    app.json(Method::POST, "/api/links", json!({ "source": new, "target": spw, "type": "partners" })).await;

    let c = app.get(&format!("/api/snapshots/compare?from={id}")).await.json();
    assert_eq!(c["from"]["name"], "Après l'état des lieux");
    assert_eq!(c["to"], serde_json::Value::Null, "to: now");
    assert_eq!((c["stakeholders"].clone(), c["links"].clone()), (json!([3, 3]), json!([2, 2])));
    assert_eq!(c["added_stakeholders"], json!([{ "id": new, "name": "Maison ukrainienne de Liège" }]));
    assert_eq!(c["removed_stakeholders"], json!([{ "id": old, "name": "Ancienne cellule" }]));
    assert_eq!(c["added_links"][0]["source_name"], "Maison ukrainienne de Liège");
    assert_eq!(c["removed_links"][0]["source_name"], "Ancienne cellule");
    let moved: Vec<&str> =
        c["measure_changes"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert!(moved.contains(&"Maison ukrainienne de Liège") && moved.contains(&"Ancienne cellule"), "{moved:?}");
    assert_eq!(app.get("/api/snapshots/compare").await.status, StatusCode::UNPROCESSABLE_ENTITY, "from is required");
    assert_eq!(app.get("/api/snapshots/compare?from=999").await.status, StatusCode::NOT_FOUND);

    // Viewers compare, on a page with both maps and what changed marked; they cannot take one.
    let viewer = app.session(Role::Viewer).await;
    let page = app.get_as(&viewer, &format!("/snapshots/compare?from={id}&to=now")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("3 → 3 stakeholders (1 new, 1 gone), 2 → 2 links (1 new, 1 gone)"), "{html}");
    assert_eq!(html.matches("<svg").count(), 2, "two maps side by side");
    assert!(html.contains("#1e7b34") && html.contains("#b3261e"), "new in green, gone in red");
    assert_eq!(app.post_as(&viewer, "/snapshots", &[("name", "mine")]).await.status, StatusCode::FORBIDDEN);
    let editor = app.session(Role::Editor).await;
    let r = app.post_as(&editor, "/snapshots", &[("name", ""), ("taken_on", "")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("name-error"));
    let r = app.post_as(&editor, "/snapshots", &[("name", "Maintenant"), ("taken_on", "")]).await;
    assert!(r.location().starts_with("/snapshots/compare?from="), "{}", r.status);
    assert_eq!(app.get("/api/snapshots").await.json().as_array().unwrap().len(), 2);
    let changes: i64 = sqlx::query("SELECT COUNT(*) AS n FROM changes WHERE entity = 'snapshot' AND actor IS NOT NULL")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get("n");
    assert_eq!(changes, 2, "each snapshot taken is a signed change");
});

on_both!(the_demo_has_a_snapshot_after_the_inventory_and_one_after_the_consultation, |app| {
    maillage::demo::load(&app.state).await.unwrap();
    let list = app.get("/api/snapshots").await.json();
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Après l'état des lieux", "Après la consultation"]);
    let (a, b) = (list[0]["id"].as_i64().unwrap(), list[1]["id"].as_i64().unwrap());
    let c = app.get(&format!("/api/snapshots/compare?from={a}&to={b}")).await.json();
    let found: Vec<&str> =
        c["added_stakeholders"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert!(
        found.contains(&"Maison ukrainienne de Liège") && found.contains(&"Solidarité Ukraine Charleroi"),
        "{found:?}"
    );
    assert!(
        c["added_links"].as_array().unwrap().iter().any(|l| l["type"] == "meets"),
        "the scoping meetings linked actors"
    );
    maillage::demo::load(&app.state).await.unwrap();
    assert_eq!(app.get("/api/snapshots").await.json(), list, "running the demo again takes no snapshot");
});
