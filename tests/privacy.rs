//! Data protection: what is held about a person, its erasure from every table while the
//! network stays, and pseudonymised dumps and exports.

mod common;

use axum::http::{Method, StatusCode};
use common::survey::{answer_all, consultation};
use maillage::app::{Actor, Role, audit, backup, privacy};
use serde_json::json;
use sqlx::Row;

const NAME: &str = "Olena Kovalenko";
const EMAIL: &str = "olena.kovalenko@example.org";
const PHONE: &str = "+32 470 12 34 56";

fn holds_the_person(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    [NAME, EMAIL, PHONE].into_iter().filter(|n| lower.contains(&n.to_lowercase())).collect()
}

async fn network(app: &common::TestApp) -> (Vec<(i64, String)>, Vec<(i64, i64, i64, String)>) {
    let s = sqlx::query("SELECT id, name FROM stakeholders ORDER BY id").fetch_all(&app.db.pool).await.unwrap();
    let l = sqlx::query("SELECT id, source_id, target_id, type_code FROM links ORDER BY id")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    (
        s.iter().map(|r| (r.get("id"), r.get("name"))).collect(),
        l.iter().map(|r| (r.get("id"), r.get("source_id"), r.get("target_id"), r.get("type_code"))).collect(),
    )
}

/// Seeds the person into every place a person's data can sit.
async fn seed(app: &common::TestApp) -> (i64, i64) {
    let cpas = app.stakeholder("CPAS de Namur", None, "local").await;
    let solo = app.stakeholder("Traductrice indépendante", None, "local").await;
    // A contact person; a stakeholder whose own e-mail and phone are the person's.
    let r = app
        .json(
            Method::PUT,
            &format!("/api/stakeholders/{cpas}"),
            json!({ "name": "CPAS de Namur", "kind": "public_authority", "level": "local",
                    "contacts": [{ "name": NAME, "function": "Coordinatrice", "email": EMAIL, "phone": PHONE },
                                 { "name": "Marc Lambert", "email": "marc.lambert@example.org" }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = app
        .json(
            Method::PUT,
            &format!("/api/stakeholders/{solo}"),
            json!({ "name": "Traductrice indépendante", "kind": "private", "level": "local", "email": EMAIL, "phone": PHONE,
                    "notes": format!("Contact : {NAME}") }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // A link between them, with a note naming her.
    let r = app
        .json(
            Method::POST,
            "/api/links",
            json!({ "source": cpas, "target": solo, "type": "coordinates", "note": format!("Via {NAME}") }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // A meeting she attended for the CPAS.
    let r = app
        .json(
            Method::POST,
            "/api/meetings",
            json!({ "held_on": "2024-03-01", "title": "Comité local",
                    "attendees": [{ "stakeholder": cpas, "contact": NAME }, { "stakeholder": solo }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // A survey response: the entry check corrects the record with her e-mail and phone, and
    // a free-text answer names her.
    let (_, links) = consultation(app, &[cpas]).await;
    let entry = [
        ("q.entry.confirm", "no"),
        ("q.entry.f.name", "CPAS de Namur"),
        ("q.entry.f.phone", PHONE),
        ("q.entry.f.email", EMAIL),
    ];
    let k = format!("q.partners.s{solo}");
    let (tie, ty, freq, formal, sat) = (
        format!("s{solo}"),
        format!("{k}.link_type"),
        format!("{k}.frequency"),
        format!("{k}.formal"),
        format!("{k}.satisfaction"),
    );
    let partners = [
        ("q.partners.tie", tie.as_str()),
        (ty.as_str(), "coordinates"),
        (freq.as_str(), "monthly"),
        (formal.as_str(), "no"),
        (sat.as_str(), "3"),
    ];
    answer_all(app, &links[0], &entry, &partners).await;
    let r = app.form(&links[0], &[("_section", "0"), ("_action", "save"), ("q.respondent_role", NAME)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Her own coordinator account.
    app.user(EMAIL, Role::Viewer).await;
    (cpas, solo)
}

on_both!(an_erased_person_is_in_no_table_export_or_audit_value_and_the_network_is_unchanged, |app| {
    let (cpas, solo) = seed(&app).await;
    let admin = Actor::Cli;
    let before = network(&app).await;

    // What is held: the export lists every place.
    let who = privacy::Who::parse(EMAIL).unwrap();
    let held = privacy::export(&app.state, &admin, &who).await.unwrap();
    for table in
        ["contacts", "stakeholders", "links", "meeting_attendees", "responses", "corrections", "users", "changes"]
    {
        assert!(held["held"][table].as_array().is_some_and(|r| !r.is_empty()), "{table} holds her: {}", held["held"]);
    }
    let viewer = Actor::User { id: 1, email: "v@example.org".into(), role: Role::Viewer };
    assert!(privacy::export(&app.state, &viewer, &who).await.is_err(), "viewers do not read it");
    let editor = Actor::User { id: 1, email: "e@example.org".into(), role: Role::Editor };
    assert!(privacy::erase(&app.state, &editor, &who).await.is_err(), "erasure is an administrator's act");

    let done = privacy::erase(&app.state, &admin, &who).await.unwrap();
    assert!(done.tables.values().sum::<usize>() >= 8, "{:?}", done.tables);

    // Nowhere in the whole database, its exports or the audit trail.
    let dump = serde_json::to_string(&backup::take_dump(&app.state, &admin).await.unwrap()).unwrap();
    assert_eq!(holds_the_person(&dump), Vec::<&str>::new(), "the whole dump is free of her");
    for path in ["/api/stakeholders", "/api/links", "/api/meetings", "/api/changes?page=1", "/export/stakeholders.csv"]
    {
        let r = app.get(path).await;
        assert_eq!(holds_the_person(&r.text()), Vec::<&str>::new(), "{path}");
    }
    // Marc Lambert, another contact person of the CPAS, is still there.
    assert!(dump.contains("marc.lambert@example.org"));
    // The network is as it was.
    assert_eq!(network(&app).await, before);
    let _ = (cpas, solo);
    // The erasure is recorded, without the erased values.
    let log = audit::feed(
        &app.state,
        &admin,
        &audit::Filter { entity: Some("erasure".into()), limit: 5, ..Default::default() },
    )
    .await
    .unwrap();
    assert_eq!(log.changes.len(), 1);
    assert_eq!(holds_the_person(&serde_json::to_string(&log.changes).unwrap()), Vec::<&str>::new());
    // An earlier change whose values were erased cannot bring them back.
    let first = sqlx::query("SELECT MIN(id) FROM changes WHERE entity = 'stakeholder' AND action = 'update'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get::<i64, _>(0);
    assert!(audit::revert_change(&app.state, &admin, first).await.is_err());
    let dump = serde_json::to_string(&backup::take_dump(&app.state, &admin).await.unwrap()).unwrap();
    assert_eq!(holds_the_person(&dump), Vec::<&str>::new());
});

on_both!(pseudonymised_dumps_and_exports_carry_no_personal_data, |app| {
    seed(&app).await;
    let mut d = backup::take_dump(&app.state, &Actor::Cli).await.unwrap();
    backup::pseudonymise(&mut d);
    let text = serde_json::to_string(&d).unwrap();
    assert_eq!(holds_the_person(&text), Vec::<&str>::new());
    assert!(!text.contains("marc.lambert@example.org") && !text.contains("$argon2"), "no e-mail, no password hash");
    // The network is in it, and loads.
    assert!(text.contains("CPAS de Namur") && text.contains("Traductrice indépendante"));
    let (url, _dir, _pg) = common::fresh_database(common::Backend::Sqlite).await.unwrap();
    let copy = common::test_state(maillage::db::connect(&url).await.unwrap());
    backup::load(&copy, &Actor::Cli, &d).await.unwrap();
    let n: i64 = sqlx::query("SELECT COUNT(*) FROM links").fetch_one(&copy.db.pool).await.unwrap().get(0);
    assert_eq!(n, 1);
});

on_both!(the_privacy_page_shows_what_is_held_and_an_admin_erases_it, |app| {
    seed(&app).await;
    let editor = app.session(Role::Editor).await;
    let admin = app.session(Role::Admin).await;
    let page = app.get_as(&editor, &format!("/privacy?who={EMAIL}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("<td>contacts</td>") && html.contains("<td>meeting_attendees</td>"), "{html}");
    assert!(!html.contains("/privacy/erase"), "editors are not offered the erasure");
    let json = app.get_as(&editor, &format!("/privacy/export.json?who={EMAIL}")).await;
    assert!(json.text().contains(PHONE), "the download holds everything");
    let bad = app.get_as(&editor, "/privacy?who=nobody").await.text();
    assert!(bad.contains("who-error") && bad.contains("neither an e-mail"), "{bad}");
    let unconfirmed = app.post_as(&admin, "/privacy/erase", &[("who", EMAIL)]).await;
    assert_eq!(unconfirmed.status, StatusCode::CONFLICT);
    let r = app.post_as(&admin, "/privacy/erase", &[("who", EMAIL), ("confirm", "yes")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(r.location().starts_with("/privacy?erased="));
    let after = app.get_as(&editor, &format!("/privacy?who={EMAIL}")).await.text();
    assert!(after.contains("no table mentions this person"), "{after}");
});

on_both!(contacts_keep_their_legal_basis_and_unconfirmed_ones_are_listed_after_the_retention_period, |app| {
    let a = app.stakeholder("CPAS de Namur", None, "local").await;
    let bad = app
        .json(
            Method::PUT,
            &format!("/api/stakeholders/{a}"),
            json!({ "name": "CPAS de Namur", "kind": "public_authority", "level": "local",
                    "contacts": [{ "name": NAME, "legal_basis": "because" }] }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("contacts[0].legal_basis") && bad.text().contains("consent"), "{}", bad.text());
    let r = app
        .json(
            Method::PUT,
            &format!("/api/stakeholders/{a}"),
            json!({ "name": "CPAS de Namur", "kind": "public_authority", "level": "local",
                    "contacts": [{ "name": NAME, "email": EMAIL, "legal_basis": "consent" }, { "name": "Marc Lambert" }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let shown = app.get(&format!("/api/stakeholders/{a}")).await.json();
    assert_eq!(shown["contacts"][0]["legal_basis"], "consent");
    assert_eq!(shown["contacts"][1]["legal_basis"], "public_task", "the default");
    let today = maillage::domain::values::format_date(time::OffsetDateTime::now_utc().date());
    let days: Vec<(Option<String>, Option<String>)> =
        sqlx::query("SELECT basis_on, confirmed_on FROM contacts ORDER BY position")
            .fetch_all(&app.db.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| (r.get("basis_on"), r.get("confirmed_on")))
            .collect();
    assert_eq!(days, vec![(Some(today.clone()), Some(today.clone())); 2]);

    // Three years later, both are due for review; an unchanged save keeps their days.
    sqlx::query("UPDATE contacts SET confirmed_on = '2023-01-15', basis_on = '2023-01-15'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let (months, due) = privacy::due(&app.state, &Actor::Cli).await.unwrap();
    assert_eq!((months, due.len()), (24, 2));
    let r = app
        .json(
            Method::PUT,
            &format!("/api/stakeholders/{a}"),
            json!({ "name": "CPAS de Namur", "kind": "public_authority", "level": "local", "description": "Nouveau",
                    "contacts": [{ "name": NAME, "email": EMAIL, "legal_basis": "consent" }, { "name": "Marc Lambert", "phone": "081 22 33 44" }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let (_, due) = privacy::due(&app.state, &Actor::Cli).await.unwrap();
    assert_eq!(
        due.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
        [NAME],
        "Marc's edited contact is confirmed today"
    );

    // The stakeholder confirms its record in a survey's entry check: confirmed today.
    let other = app.stakeholder("SPW Intérieur et Action sociale", None, "regional").await;
    let (_, links) = consultation(&app, &[a]).await;
    let k = format!("q.partners.s{other}");
    let (tie, ty, freq, formal, sat) = (
        format!("s{other}"),
        format!("{k}.link_type"),
        format!("{k}.frequency"),
        format!("{k}.formal"),
        format!("{k}.satisfaction"),
    );
    let partners = [
        ("q.partners.tie", tie.as_str()),
        (ty.as_str(), "coordinates"),
        (freq.as_str(), "monthly"),
        (formal.as_str(), "no"),
        (sat.as_str(), "3"),
    ];
    let first = app.get(&links[0]).await.text();
    assert!(
        first.contains("www.dataprotectionauthority.be") || first.contains("www.autoriteprotectiondonnees.be"),
        "every survey page carries the privacy notice: {first}"
    );
    answer_all(&app, &links[0], &[], &partners).await;
    let (_, due) = privacy::due(&app.state, &Actor::Cli).await.unwrap();
    assert!(due.is_empty(), "{due:?}");
    let confirm = sqlx::query("SELECT COUNT(*) FROM changes WHERE entity = 'stakeholder' AND action = 'confirm'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get::<i64, _>(0);
    assert_eq!(confirm, 1, "the confirmation is in the change log");
    let page = app.get("/privacy").await.text();
    assert!(page.contains("24 months"), "{page}");
});
