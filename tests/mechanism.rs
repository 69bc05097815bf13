//! The coordination mechanism: bodies with their members, meetings with attendance and action
//! items, through the API and the pages, with every problem named where it is, the change rows
//! signed, the person who came to a meeting hidden from viewers, and the demo's mechanism.

mod common;

use axum::http::{Method, StatusCode};
use maillage::app::Role;
use serde_json::{Value, json};
use sqlx::Row;

fn day(offset: i64) -> String {
    maillage::domain::values::format_date(time::OffsetDateTime::now_utc().date() + time::Duration::days(offset))
}

async fn changes(app: &common::TestApp, entity: &str) -> Vec<(String, String)> {
    sqlx::query("SELECT action, actor FROM changes WHERE entity = $1 ORDER BY id")
        .bind(entity.to_owned())
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get::<String, _>("action"), r.get::<Option<String>, _>("actor").unwrap_or_default()))
        .collect()
}

on_both!(a_body_is_created_with_its_members_and_every_bad_row_is_named, |app| {
    let aviq = app.stakeholder("Agence pour une Vie de Qualité", Some("AViQ"), "regional").await;
    let fedasil = app.stakeholder("Fedasil", None, "federal").await;

    let bad = app
        .json(
            Method::POST,
            "/api/bodies",
            json!({ "name": "", "kind": "club", "frequency": "daily",
                    "members": [{ "stakeholder": "AViQ", "role": "chair" }, { "stakeholder": "Nobody" },
                                { "stakeholder": aviq, "role": "boss" }] }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> =
        bad.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
    assert_eq!(
        fields,
        ["name", "kind", "frequency", "members[2].stakeholder", "members[3].role", "members[3].stakeholder"]
    );
    assert!(bad.text().contains("Nobody"), "the message names the unknown stakeholder: {}", bad.text());

    let r = app
        .json(
            Method::POST,
            "/api/bodies",
            json!({ "name": "Groupe de travail Santé", "kind": "working_group", "level": "regional",
                    "sectors": ["health"], "territory": "Wallonie", "frequency": "monthly",
                    "established_on": "2023-04-01",
                    "members": [{ "stakeholder": "AViQ", "role": "chair" }, { "stakeholder": fedasil }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let body = r.json();
    let id = body["id"].as_i64().unwrap();
    assert_eq!(r.location(), format!("/api/bodies/{id}"));
    assert_eq!(
        body["members"][0],
        json!({ "stakeholder_id": aviq, "name": "Agence pour une Vie de Qualité", "role": "chair" })
    );
    assert_eq!(body["members"][1]["role"], "member", "the default role");
    assert_eq!((body["territory"].as_str(), body["frequency"].as_str()), (Some("03000"), Some("monthly")));

    let twin = app.json(Method::POST, "/api/bodies", json!({ "name": "groupe de travail santé" })).await;
    assert_eq!(twin.status, StatusCode::CREATED, "names differ by case only: another body");
    let same = app.json(Method::POST, "/api/bodies", json!({ "name": "Groupe de travail Santé" })).await;
    assert_eq!(same.status, StatusCode::CONFLICT, "{}", same.text());

    let r = app
        .json(
            Method::PUT,
            &format!("/api/bodies/{id}"),
            json!({ "name": "GT Santé", "members": [{ "stakeholder": "Fedasil", "role": "chair" }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["members"].as_array().unwrap().len(), 1, "members are replaced");
    assert_eq!(app.delete(&format!("/api/bodies/{id}")).await.status, StatusCode::NO_CONTENT);
    let listed: Vec<i64> =
        app.get("/api/bodies").await.json().as_array().unwrap().iter().map(|b| b["id"].as_i64().unwrap()).collect();
    assert!(!listed.contains(&id), "an archived body leaves the list");
    assert_eq!(app.get(&format!("/api/bodies/{id}")).await.json()["archived"], true);
    let actions: Vec<String> = changes(&app, "body")
        .await
        .into_iter()
        .map(|(a, who)| {
            assert!(who.starts_with("token:"), "signed: {who}");
            a
        })
        .collect();
    assert_eq!(actions, ["create", "create", "update", "archive"]);
});

on_both!(a_meeting_keeps_attendance_decisions_and_action_items_and_hides_who_came_from_viewers, |app| {
    let spw = app.stakeholder("SPW Intérieur et Action sociale", Some("SPW IAS"), "regional").await;
    let oim = app.stakeholder("Organisation internationale pour les migrations", Some("OIM"), "international").await;
    let body = app.json(Method::POST, "/api/bodies", json!({ "name": "Comité de pilotage" })).await.json()["id"]
        .as_i64()
        .unwrap();

    let bad = app
        .json(
            Method::POST,
            "/api/meetings",
            json!({ "held_on": "31/02/2023", "phase": "dreaming", "body": "Nowhere", "title": "",
                    "attendees": [{ "stakeholder": "SPW IAS" }, { "stakeholder": "SPW IAS" }],
                    "actions": [{ "description": "Do it", "status": "later" }] }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> =
        bad.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
    assert_eq!(
        fields,
        ["held_on", "phase", "body", "title", "attendees[2].stakeholder", "actions[1].owner", "actions[1].status"]
    );

    let r = app
        .json(
            Method::POST,
            "/api/meetings",
            json!({ "held_on": "2022-09-15", "body": "Comité de pilotage", "title": "Réunion de cadrage",
                    "decisions": "Deux niveaux de coordination.",
                    "attendees": [{ "stakeholder": "SPW IAS", "role": "chair", "contact": "Marie Dupont" },
                                  { "stakeholder": oim, "role": "secretariat" }],
                    "actions": [{ "description": "Envoyer la note", "owner": "OIM", "due_on": day(-3) },
                                { "description": "Réserver la salle", "owner": spw, "due_on": day(10) },
                                { "description": "Lister les CPAS", "owner": spw, "status": "done" }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let m = r.json();
    let id = m["id"].as_i64().unwrap();
    assert_eq!(m["phase"], "scoping", "the phase whose dates hold the meeting's day");
    assert_eq!(m["body_id"], body);
    assert_eq!(m["attendees"][0]["contact"], "Marie Dupont");
    let item_ids: Vec<i64> = m["actions"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();

    // Where each item stands today, for the follow-up lists.
    let actions = app.get("/api/actions").await.json();
    let standing: Vec<&str> = actions.as_array().unwrap().iter().map(|a| a["standing"].as_str().unwrap()).collect();
    assert_eq!(standing, ["overdue", "due", "done"]);
    assert_eq!(actions[0]["body_id"], body);

    // What the API gives back can be sent again. Editing keeps an item that is still there (same id), drops the one removed.
    let mut again = m.clone();
    again["actions"] =
        json!([{ "id": item_ids[1], "description": "Réserver la grande salle", "owner": spw, "due_on": day(10) }]);
    let r = app.json(Method::PUT, &format!("/api/meetings/{id}"), again).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let kept: Vec<i64> = r.json()["actions"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(kept, [item_ids[1]]);
    assert_eq!(changes(&app, "action_item").await.iter().filter(|(a, _)| a == "delete").count(), 2);

    let r = app.json(Method::PUT, &format!("/api/actions/{}", item_ids[1]), json!({ "status": "later" })).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.json(Method::PUT, &format!("/api/actions/{}", item_ids[1]), json!({ "status": "done" })).await;
    assert_eq!(r.json()["status"], "done");

    // A viewer reads the meeting but not who came.
    let token = app.token(Role::Viewer).await;
    let seen = app.get_with_token(&format!("/api/meetings/{id}"), &token).await.json();
    assert_eq!(seen["attendees"][0]["contact"], Value::Null);
    assert_eq!(seen["attendees"][0]["name"], "SPW Intérieur et Action sociale");
    let viewer = app.session(Role::Viewer).await;
    let page = app.get_as(&viewer, &format!("/meetings/{id}")).await.text();
    assert!(page.contains("Deux niveaux de coordination.") && !page.contains("Marie Dupont"));
    assert!(!page.contains(&format!("/meetings/{id}/edit")), "no edit button for a viewer");
    let editor = app.session(Role::Editor).await;
    assert!(app.get_as(&editor, &format!("/meetings/{id}")).await.text().contains("Marie Dupont"));

    assert_eq!(app.delete(&format!("/api/meetings/{id}")).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/meetings/{id}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/api/actions").await.json(), json!([]), "its action items went with it");
    let meeting_changes: Vec<String> = changes(&app, "meeting").await.into_iter().map(|(a, _)| a).collect();
    assert_eq!(meeting_changes, ["create", "update", "delete"]);
});

on_both!(the_forms_keep_what_was_typed_and_tie_each_error_to_its_row, |app| {
    app.stakeholder("Agence pour une Vie de Qualité", Some("AViQ"), "regional").await;
    app.stakeholder("Fedasil", None, "federal").await;
    let editor = app.session(Role::Editor).await;
    let r = app
        .post_as(
            &editor,
            "/bodies",
            &[
                ("name", "Groupe de travail Santé"),
                ("kind", "working_group"),
                ("frequency", "monthly"),
                ("sectors", "health"),
                ("member", "AViQ"),
                ("member_role", "chair"),
                ("member", ""),
                ("member_role", "member"),
                ("member", "Nobody at all"),
                ("member_role", "member"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    let page = r.text();
    assert!(page.contains("value=\"Nobody at all\""), "what was typed is kept");
    assert!(
        page.contains("aria-describedby=\"members-help member-3-error\" aria-invalid=\"true\""),
        "the error is tied to the third row"
    );
    assert!(page.contains("id=\"member-3-error\""));
    let r = app
        .post_as(
            &editor,
            "/bodies",
            &[
                ("name", "Groupe de travail Santé"),
                ("member", "AViQ"),
                ("member_role", "chair"),
                ("member", "Fedasil"),
                ("member_role", "observer"),
            ],
        )
        .await;
    let location = r.location();
    assert!(location.starts_with("/bodies/"), "{} {}", r.status, r.text());
    let page = app.get_as(&editor, &location).await.text();
    assert!(page.contains("Agence pour une Vie de Qualité") && page.contains("Observer"), "{page}");
    let body_id = location.trim_start_matches("/bodies/").to_owned();

    // A meeting from the body's page starts with its members as attendees.
    let form = app.get_as(&editor, &format!("/meetings/new?body={body_id}")).await.text();
    assert!(form.contains("value=\"Agence pour une Vie de Qualité\"") && form.contains("value=\"Fedasil\""));
    let r = app
        .post_as(
            &editor,
            "/meetings",
            &[
                ("held_on", &day(-20)),
                ("body", &body_id),
                ("title", "GT Santé – réunion 1"),
                ("attendee", "AViQ"),
                ("attendee_role", "chair"),
                ("attendee_contact", ""),
                ("action_id", ""),
                ("action_text", "Recenser les services de santé mentale"),
                ("action_owner", "Fedasil"),
                ("action_due", &day(-1)),
                ("action_status", "open"),
                ("action_id", ""),
                ("action_text", ""),
                ("action_owner", ""),
                ("action_due", ""),
                ("action_status", "open"),
            ],
        )
        .await;
    let meeting = r.location();
    assert!(meeting.starts_with("/meetings/"), "{} {}", r.status, r.text());

    // The follow-up list: overdue, by owner and by body, and marked done from there.
    let viewer = app.session(Role::Viewer).await;
    let list = app.get_as(&viewer, "/actions").await.text();
    assert!(list.contains("Recenser les services de santé mentale") && list.contains("Overdue"), "{list}");
    assert!(list.contains("href=\"/actions?owner=") && list.contains(&format!("href=\"/actions?body={body_id}\"")));
    assert!(!list.contains("/status\""), "no status button for a viewer");
    let item = app.get("/api/actions").await.json()[0]["id"].as_i64().unwrap();
    let r = app.post_as(&editor, &format!("/actions/{item}/status"), &[("status", "done"), ("back", &meeting)]).await;
    assert_eq!(r.location(), meeting);
    assert!(app.get_as(&viewer, "/actions").await.text().contains("No open action item."));
    assert_eq!(app.get("/api/actions").await.json()[0]["standing"], "done");

    // The list of bodies says the body has met once out of the planned rhythm.
    let bodies = app.get_as(&viewer, "/bodies").await.text();
    assert!(bodies.contains("1 / 0"), "held / planned since today: {bodies}");
});

on_both!(the_demo_has_a_mechanism_and_action_items_done_due_and_overdue, |app| {
    maillage::demo::load(&app.state).await.unwrap();
    let bodies = app.get("/api/bodies").await.json();
    assert_eq!(bodies.as_array().unwrap().len(), 6);
    let meetings = app.get("/api/meetings").await.json();
    let phases: Vec<&str> = meetings.as_array().unwrap().iter().filter_map(|m| m["phase"].as_str()).collect();
    assert_eq!(phases.iter().filter(|p| **p == "scoping").count(), 4, "four scoping meetings in phase 2");
    assert!(phases.contains(&"piloting"));
    let actions = app.get("/api/actions").await.json();
    for standing in ["done", "due", "overdue"] {
        assert!(
            actions.as_array().unwrap().iter().any(|a| a["standing"] == standing),
            "some action item is {standing}"
        );
    }
    maillage::demo::load(&app.state).await.unwrap();
    assert_eq!(app.get("/api/meetings").await.json().as_array().unwrap().len(), meetings.as_array().unwrap().len());
    let page = app.get("/bodies").await.text();
    assert!(page.contains("Comité de pilotage du mécanisme wallon de coordination"));
});

// A hand-made network whose answer is known:
//
// ```text
//   C — B — A — F — D      body 1: A, B, C (regional, health, province of Namur, monthly)
//               | \        body 2: D, G    (provincial, as needed)
//               G   E      F, the hub, sits in no body
// ```
on_both!(the_designed_mechanism_is_confronted_with_the_observed_network, |app| {
    let mut id = std::collections::HashMap::new();
    for (name, level, sectors, territory) in [
        ("Alpha", "regional", vec!["health"], vec!["Wallonie"]),
        ("Beta", "regional", vec![], vec![]),
        ("Gamma", "regional", vec![], vec![]),
        ("Delta", "provincial", vec![], vec!["Province de Namur"]),
        ("Epsilon", "local", vec!["social_aid"], vec!["Namur"]),
        ("Zeta", "regional", vec![], vec![]),
        ("Eta", "regional", vec![], vec![]),
    ] {
        let r = app
            .json(
                Method::POST,
                "/api/stakeholders",
                json!({ "name": name, "kind": "administration", "level": level, "sectors": sectors, "territory": territory }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        id.insert(name, r.json()["id"].as_i64().unwrap());
    }
    for (a, b) in [
        ("Alpha", "Beta"),
        ("Beta", "Gamma"),
        ("Zeta", "Alpha"),
        ("Zeta", "Delta"),
        ("Zeta", "Epsilon"),
        ("Zeta", "Eta"),
    ] {
        let r = app
            .json(Method::POST, "/api/links", json!({ "source": id[a], "target": id[b], "type": "coordinates" }))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let one = app
        .json(
            Method::POST,
            "/api/bodies",
            json!({ "name": "Body One", "level": "regional", "sectors": ["health"], "territory": "90000",
                    "frequency": "monthly", "established_on": day(-65),
                    "members": [{ "stakeholder": "Alpha" }, { "stakeholder": "Beta" }, { "stakeholder": "Gamma" }] }),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let two = app
        .json(
            Method::POST,
            "/api/bodies",
            json!({ "name": "Body Two", "level": "provincial", "frequency": "as_needed",
                    "members": [{ "stakeholder": "Delta" }, { "stakeholder": "Eta" }] }),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let ids = |v: &Value| -> Vec<i64> { v.as_array().unwrap().iter().map(|m| m["id"].as_i64().unwrap()).collect() };

    // A body drawn as its group: its members and the links between them, nothing else.
    let group = app.get(&format!("/api/graph?format=json&body={one}")).await.json();
    let mut nodes: Vec<i64> = group["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_i64().unwrap()).collect();
    nodes.sort_unstable();
    assert_eq!(nodes, [id["Alpha"], id["Beta"], id["Gamma"]]);
    assert_eq!(group["edges"].as_array().unwrap().len(), 2, "Alpha–Beta and Beta–Gamma");
    assert_eq!(app.get("/api/graph?format=json&body=999").await.status, StatusCode::NOT_FOUND);
    let map = app.get(&format!("/map?body={one}&renderer=builtin")).await;
    assert_eq!(map.status, StatusCode::OK);
    assert!(map.text().contains("3 stakeholders"), "the map of the body's group");

    let r = app.get("/api/mechanism/review").await.json();
    assert_eq!(r["isolated_members"].as_array().unwrap().len(), 1, "{r}");
    assert_eq!(r["isolated_members"][0]["body_id"], two);
    assert_eq!(ids(&r["isolated_members"][0]["members"]), [id["Delta"], id["Eta"]]);
    assert_eq!(r["fragile"].as_array().unwrap().len(), 1);
    assert_eq!((r["fragile"][0]["body_id"].as_i64(), ids(&r["fragile"][0]["members"])), (Some(one), vec![id["Beta"]]));
    assert_eq!(r["central_count"], 1, "10 % of 7 actors, rounded up");
    assert_eq!(ids(&r["central_outside"]), [id["Zeta"]]);
    assert_eq!(r["levels_without"], json!(["local"]));
    assert_eq!(r["provinces_without"], json!(["20002", "50000", "60000", "80000"]), "Namur has body one");
    assert_eq!(r["sectors_without"], json!(["social_aid"]));
    assert_eq!(r["under_met"], json!([{ "body_id": one, "body": "Body One", "held": 0, "expected": 2 }]));

    // The page says it in words, each name a link.
    let viewer = app.session(Role::Viewer).await;
    let page = app.get_as(&viewer, "/mechanism").await.text();
    assert!(page.contains("Of the 1 most central actors (the top 10 % by betweenness), 1 sit in no body:"), "{page}");
    assert!(page.contains(&format!("<a href=\"/stakeholders/{}\">Zeta</a>", id["Zeta"])));
    assert!(page.contains("Body One met 0 times out of 2 planned (monthly since"));
    assert!(page.contains("Body One: the ties between members go through"));
    // Delta and Eta meet twice: the observed `meets` link joins them (threshold 2).
    for (n, offset) in [(1, -10), (2, -3)] {
        let r = app
            .json(
                Method::POST,
                "/api/meetings",
                json!({ "held_on": day(offset), "title": format!("Body Two {n}"), "body": two,
                        "attendees": [{ "stakeholder": "Delta" }, { "stakeholder": "Eta" }, { "stakeholder": "Alpha" }] }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let isolated = app.get("/api/mechanism/review").await.json()["isolated_members"].clone();
        assert_eq!(isolated.as_array().unwrap().len(), if n == 1 { 1 } else { 0 }, "after meeting {n}: {isolated}");
    }
    let graph = app.get("/api/graph?format=json").await.json();
    let meets: Vec<&Value> = graph["edges"].as_array().unwrap().iter().filter(|l| l["type"] == "meets").collect();
    assert_eq!(meets.len(), 3, "Delta–Eta, Delta–Alpha, Alpha–Eta: {meets:?}");
    assert!(meets.iter().all(|l| l["strength"] == 2 && l["provenance"].as_str().unwrap().starts_with("meeting:")));
    let without = app.get("/api/graph?format=json&meetings=no").await.json();
    assert!(without["edges"].as_array().unwrap().iter().all(|l| l["type"] != "meets"), "the filter leaves them out");
});

// Whom to add to a body, on a hand-made network whose answer is known:
//
//   M — A — B        body: M
//   H — X1, X2, X3, X4;  Y — X1
//
// H brings five actors within one step (itself and X1–X4), then A one (B; among the actors
// that bring one, A has the lowest id).
on_both!(suggestions_bring_the_most_of_the_network_within_one_step_and_can_be_accepted_or_dismissed, |app| {
    let mut id = std::collections::HashMap::new();
    for name in ["M", "A", "B", "H", "X1", "X2", "X3", "X4", "Y"] {
        id.insert(name, app.stakeholder(&format!("Acteur {name}"), None, "regional").await);
    }
    for (a, b) in [("M", "A"), ("A", "B"), ("H", "X1"), ("H", "X2"), ("H", "X3"), ("H", "X4"), ("Y", "X1")] {
        app.json(Method::POST, "/api/links", json!({ "source": id[a], "target": id[b], "type": "coordinates" })).await;
    }
    let body = app
        .json(Method::POST, "/api/bodies", json!({ "name": "Plateforme", "members": [{ "stakeholder": id["M"] }] }))
        .await;
    let body = body.json()["id"].as_i64().unwrap();
    let editor = app.session(Role::Editor).await;
    let page = app.get_as(&editor, &format!("/mechanism/suggestions?body={body}&k=2")).await.text();
    let first = page.find("Acteur H would bring 5 more actors within one step of the body").expect(&page);
    let second =
        page.find("Acteur A would bring one more actor within one step of the body, among them <a").expect("A second");
    assert!(first < second);
    assert!(page.contains(&format!("<a href=\"/stakeholders/{}\">Acteur X1</a>", id["X1"])), "says whom it brings");

    // Dismissed, H is not suggested again; X1 comes first (itself, H and Y).
    let back = format!("/mechanism/suggestions?body={body}&k=2");
    let r = app
        .post_as(
            &editor,
            "/mechanism/suggestions/dismiss",
            &[("body", &body.to_string()), ("stakeholder", &id["H"].to_string()), ("back", &back)],
        )
        .await;
    assert_eq!(r.location(), back);
    let page = app.get_as(&editor, &back).await.text();
    assert!(!page.contains("Acteur H would") && page.contains("Acteur X1 would bring 3 more actors"), "{page}");
    // Accepted, X1 becomes a member; the next suggestions start from there.
    let r = app
        .post_as(
            &editor,
            "/mechanism/suggestions/accept",
            &[("body", &body.to_string()), ("stakeholder", &id["X1"].to_string()), ("back", "https://evil.example")],
        )
        .await;
    assert_eq!(r.location(), "/mechanism/suggestions", "only back to our own page");
    let members: Vec<i64> = app.get(&format!("/api/bodies/{body}")).await.json()["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["stakeholder_id"].as_i64().unwrap())
        .collect();
    assert_eq!(members, [id["M"], id["X1"]]);
    let viewer = app.session(Role::Viewer).await;
    assert!(
        !app.get_as(&viewer, &back).await.text().contains("/mechanism/suggestions/accept"),
        "viewers see no buttons"
    );
});

// Who could cover Andenne (arrondissement and province of Namur) for health: P acts in Namur
// (same arrondissement), Q in Dinant (same province), S in Mons and R in Liège (neighbouring
// provinces; S is one link from Andenne's actor on the ground, R has no path), W Wallonia-wide.
on_both!(a_commune_without_an_actor_gets_the_nearest_actors_of_the_sector, |app| {
    let mut id = std::collections::HashMap::new();
    for (name, sectors, territory) in [
        ("P", vec!["health"], "Namur"),
        ("Q", vec!["health"], "Dinant"),
        ("R", vec!["health"], "Liège"),
        ("S", vec!["health"], "Mons"),
        ("W", vec!["health"], "Wallonie"),
        ("L", vec!["social_aid"], "Andenne"),
    ] {
        let r = app
            .json(
                Method::POST,
                "/api/stakeholders",
                json!({ "name": format!("Acteur {name}"), "kind": "association", "level": "local", "sectors": sectors, "territory": [territory] }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        id.insert(name, r.json()["id"].as_i64().unwrap());
    }
    app.json(Method::POST, "/api/links", json!({ "source": id["S"], "target": id["L"], "type": "coordinates" })).await;
    let (list, _) = maillage::app::mechanism::gap_suggestions(
        &app.state,
        &maillage::app::Actor::Cli,
        "health",
        maillage::i18n::Lang::EN,
    )
    .await
    .unwrap();
    let andenne = &list.iter().find(|(ins, _)| ins == "92003").expect("Andenne is uncovered").1;
    use maillage::analysis::suggest::Proximity::*;
    let got: Vec<(i64, maillage::analysis::suggest::Proximity, Option<usize>)> =
        andenne.iter().map(|c| (c.id, c.proximity, c.distance)).collect();
    assert_eq!(
        got,
        [(id["P"], Arrondissement, None), (id["Q"], Province, None), (id["S"], NeighbourProvince, Some(1))]
    );
    assert!(!list.iter().any(|(ins, _)| ins == "92094"), "Namur is covered by P");
    let page = app.get("/mechanism/suggestions?sector=health").await.text();
    // The page lists the first communes (Hainaut's come first): S acts in their province.
    assert!(page.contains("Acteur S</a> — acts in the same province, no path to the commune"), "{page}");

    let editor = app.session(Role::Editor).await;
    let r = app
        .post_as(
            &editor,
            "/mechanism/suggestions/dismiss",
            &[("stakeholder", &id["P"].to_string()), ("commune", "92003"), ("sector", "health")],
        )
        .await;
    assert_eq!(r.location(), "/mechanism/suggestions");
    let (list, _) = maillage::app::mechanism::gap_suggestions(
        &app.state,
        &maillage::app::Actor::Cli,
        "health",
        maillage::i18n::Lang::EN,
    )
    .await
    .unwrap();
    let andenne: Vec<i64> = list.iter().find(|(ins, _)| ins == "92003").unwrap().1.iter().map(|c| c.id).collect();
    assert_eq!(andenne, [id["Q"], id["S"], id["R"]], "P dismissed for Andenne only");
});
