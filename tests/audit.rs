//! The audit trail: every use case leaves its change rows (who, when, values before and
//! after), and a change, an import or a survey submission is reverted as a unit.

mod common;

use axum::http::StatusCode;
use common::survey::{answer_all, consultation};
use maillage::app::{Actor, Role, accounts, audit, campaigns, inventory, mechanism, reference, snapshots};
use maillage::domain::link::LinkDraft;
use maillage::i18n::Lang;
use maillage::store::responses::ProposalDecision;
use serde_json::Value;
use sqlx::Row;
use std::collections::BTreeSet;

/// Every use case that writes: each `Work::begin(…, "name")` in `src/app`, and the one-time
/// link's own operation. A use case added without its name here still appears: the test
/// reads the source.
fn use_cases() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/src/app")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for piece in text.split("Work::begin(state, actor, \"").skip(1) {
            out.insert(piece.split('"').next().unwrap().to_owned());
        }
        for piece in text.split("audit::finish(&mut tx, mark, ").skip(1) {
            let call = piece.split(".await").next().unwrap();
            let mut literals = call.split('"').skip(1).step_by(2);
            let name = literals.find(|l| l.contains('.') && !l.contains(['{', ' ']));
            out.insert(name.expect("a use case named in audit::finish").to_owned());
        }
    }
    out
}

async fn scalar(app: &common::TestApp, sql: &str) -> i64 {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&app.db.pool).await.unwrap().get::<i64, _>(0)
}

async fn stakeholder_named(app: &common::TestApp, name: &str) -> i64 {
    sqlx::query("SELECT id FROM stakeholders WHERE name = $1")
        .bind(name.to_owned())
        .fetch_one(&app.db.pool)
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .get(0)
}

fn link_draft(source: i64, target: i64, ty: &str, strength: &str) -> LinkDraft {
    LinkDraft {
        source: Some(source.to_string()),
        target: Some(target.to_string()),
        link_type: Some(ty.to_owned()),
        strength: Some(strength.to_owned()),
        ..Default::default()
    }
}

fn code_of(key: &str, email: &str) -> String {
    let secret = totp_rs::Secret::Encoded(key.to_owned()).to_bytes().unwrap();
    let totp =
        totp_rs::TOTP::new(totp_rs::Algorithm::SHA1, 6, 1, 30, secret, Some("Maillage".into()), email.into()).unwrap();
    totp.generate(time::OffsetDateTime::now_utc().unix_timestamp() as u64)
}

on_both!(every_use_case_leaves_one_change_row_per_record_with_its_actor_and_values, |app| {
    maillage::demo::load(&app.state).await.unwrap();
    let state = &app.state;
    let email = "audit@example.org";
    let me = app.user(email, Role::Admin).await;
    let admin = Actor::User { id: me, email: email.into(), role: Role::Admin };
    let other = app.user("other@example.org", Role::Viewer).await;

    // Accounts.
    accounts::set_role(state, &admin, other, Role::Editor).await.unwrap();
    accounts::set_disabled(state, &admin, other, true).await.unwrap();
    let link = accounts::reset_link(state, &admin, other).await.unwrap();
    accounts::use_link(state, link.rsplit('/').next().unwrap(), None, "a new long password 2026").await.unwrap();
    accounts::change_password(state, &admin, "no-session", common::PASSWORD, "another long password 2026")
        .await
        .unwrap();
    let (key, _) = accounts::start_second_factor(state, &admin).await.unwrap();
    accounts::confirm_second_factor(state, &admin, &code_of(&key, email)).await.unwrap();
    accounts::disable_second_factor(state, &admin, "another long password 2026").await.unwrap();
    accounts::reset_second_factor(state, &admin, other).await.unwrap();
    let (token, _) = accounts::create_token(state, &admin, "script", Role::Viewer, Some(30)).await.unwrap();
    accounts::revoke_token(state, &admin, token).await.unwrap();

    // Inventory.
    let fedasil = stakeholder_named(&app, "Agence fédérale pour l'accueil des demandeurs d'asile").await;
    let aviq = stakeholder_named(&app, "Agence pour une Vie de Qualité").await;
    let link = inventory::save_link(state, &admin, None, &link_draft(fedasil, aviq, "funds", "2")).await.unwrap();
    inventory::archive_link(state, &admin, link.id).await.unwrap();
    inventory::set_archived(state, &admin, aviq, true).await.unwrap();
    inventory::set_archived(state, &admin, aviq, false).await.unwrap();
    inventory::set_language(state, &admin, aviq, maillage::i18n::Lang::parse("de")).await.unwrap();

    // Reference data: a sector, a territory's names, a merger (after the inventory's changes,
    // which name Bastogne).
    let sector = maillage::domain::reference_edit::ItemDraft {
        code: "education".into(),
        labels: maillage::domain::reference::labels(&[("fr", "Enseignement"), ("de", "Bildung")]),
        directed: false,
    };
    reference::save_item(state, &admin, maillage::domain::problem::RefTable::Sector, &sector).await.unwrap();
    let eupen = maillage::domain::reference_edit::TerritoryDraft {
        names: maillage::domain::reference::labels(&[("fr", "Eupen"), ("de", "Eupen"), ("nl", "Eupen")]),
        lang: Some("de".into()),
    };
    reference::save_territory(state, &admin, "63023", &eupen).await.unwrap();
    let merger = maillage::domain::reference_edit::MergerDraft {
        communes: vec!["Bastogne".into(), "Bertogne".into()],
        into: "82039".into(),
        names: maillage::domain::reference::labels(&[("fr", "Bastogne")]),
        on: "2025-01-01".into(),
    };
    let moved = reference::merge(state, &admin, &merger).await.unwrap();
    assert!(moved.stakeholders > 0);

    // Mechanism.
    let body = scalar(&app, "SELECT MIN(id) FROM bodies").await;
    let newcomer = app.stakeholder("Maison de quartier", None, "local").await;
    assert!(mechanism::add_member(state, &admin, body, newcomer, "member").await.unwrap());
    mechanism::dismiss(state, &admin, Some(body), fedasil, None).await.unwrap();
    mechanism::set_body_archived(state, &admin, body, true).await.unwrap();
    let item = scalar(&app, "SELECT MIN(id) FROM action_items").await;
    mechanism::set_action_status(state, &admin, item, "done").await.unwrap();
    let meeting = scalar(&app, "SELECT MAX(id) FROM meetings").await;
    mechanism::delete_meeting(state, &admin, meeting).await.unwrap();
    let snapshot = snapshots::take(state, &admin, Some("Audit"), None, Lang::FR).await.unwrap();
    snapshots::delete(state, &admin, snapshot.id).await.unwrap();

    // A campaign's proposal and correction, decided.
    let cpas = stakeholder_named(&app, "CPAS de Namur").await;
    let (campaign, links) = consultation(&app, &[cpas]).await;
    let partners = [
        ("q.partners.tie", "n1"),
        ("q.partners.n1.name", "Maison de quartier de Jambes"),
        ("q.partners.n1.level", "local"),
        ("q.partners.n1.kind", "association"),
        ("q.partners.n1.link_type", "refers"),
        ("q.partners.n1.frequency", "weekly"),
        ("q.partners.n1.formal", "no"),
        ("q.partners.n1.satisfaction", "5"),
    ];
    let correction =
        [("q.entry.confirm", "no"), ("q.entry.f.name", "CPAS de Namur"), ("q.entry.f.phone", "081 33 70 11")];
    answer_all(&app, &links[0], &correction, &partners).await;
    let proposal = scalar(&app, "SELECT MAX(id) FROM proposals").await;
    campaigns::decide_proposal(state, &admin, proposal, ProposalDecision::Accept).await.unwrap();
    let fix = scalar(&app, "SELECT MAX(id) FROM corrections").await;
    campaigns::decide_correction(state, &admin, fix, true).await.unwrap();
    // The campaign changed after it opened.
    let later =
        maillage::domain::values::format_date(time::OffsetDateTime::now_utc().date() + time::Duration::days(90));
    campaigns::change_closing(state, &admin, campaign, &later).await.unwrap();
    let invited = campaigns::invite(state, &admin, campaign, newcomer).await.unwrap();
    campaigns::reissue_link(state, &admin, campaign, invited).await.unwrap();
    campaigns::withdraw(state, &admin, campaign, invited).await.unwrap();

    // The audit trail's own use cases.
    let role_change: i64 = scalar(&app, "SELECT MIN(id) FROM changes WHERE entity = 'user' AND action = 'role'").await;
    audit::revert_change(state, &admin, role_change).await.unwrap();
    let archive_op =
        scalar(&app, "SELECT MAX(operation) FROM changes WHERE entity = 'body' AND action = 'archive'").await;
    audit::revert_operation(state, &admin, archive_op).await.unwrap();

    // A person's data erased (after the reverts: values it erased are never brought back).
    let who = maillage::app::privacy::Who::parse("other@example.org").unwrap();
    maillage::app::privacy::erase(state, &admin, &who).await.unwrap();

    let seen: BTreeSet<String> = sqlx::query("SELECT DISTINCT use_case FROM operations")
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let missing: Vec<String> = use_cases().into_iter().filter(|u| !seen.contains(u)).collect();
    assert!(use_cases().len() >= 30, "{:?}", use_cases());
    assert!(missing.is_empty(), "use cases that left no audit row (or that this test does not run): {missing:?}");

    let rows = sqlx::query(
        "SELECT c.id, c.entity, c.entity_id, c.action, c.actor, c.before_values, c.after_values, o.actor AS op_actor \
         FROM changes c JOIN operations o ON o.id = c.operation ORDER BY c.id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert!(rows.len() > 900, "{}", rows.len());
    let mut per_operation = BTreeSet::new();
    for r in &rows {
        let (id, entity, action): (i64, String, String) = (r.get("id"), r.get("entity"), r.get("action"));
        let actor: Option<String> = r.get("actor");
        assert!(actor.is_some() && actor == r.get::<Option<String>, _>("op_actor"), "change {id} is signed");
        let before: Option<String> = r.get("before_values");
        let after: Option<String> = r.get("after_values");
        let creating = ["create", "open", "dismiss", "invite", "erase"].contains(&action.as_str());
        assert_eq!(before.is_none(), creating, "change {id} ({entity} {action}) has its values before");
        assert_eq!(after.is_none(), action == "delete", "change {id} ({entity} {action}) has its values after");
        for values in [before, after].into_iter().flatten() {
            let v: Value = serde_json::from_str(&values).unwrap();
            assert!(v.is_object(), "{v}");
            for secret in ["password_hash", "token_hash", "totp_secret", "name_key", "search_text"] {
                assert!(v.get(secret).is_none(), "change {id} keeps no {secret}");
            }
        }
        let operation: i64 = sqlx::query("SELECT operation FROM changes WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap()
            .get(0);
        assert!(
            per_operation.insert((operation, entity.clone(), r.get::<i64, _>("entity_id"))),
            "one row per record per operation"
        );
    }
    let unsigned = scalar(&app, "SELECT COUNT(*) FROM changes WHERE operation IS NULL AND entity <> 'campaign'").await;
    assert_eq!(unsigned, 0, "every change belongs to an operation (but the test's own campaign, opened in the store)");
});

/// The values of a stakeholder as the API shows them to an admin.
async fn stakeholder_json(app: &common::TestApp, id: i64) -> Value {
    let r = app.get(&format!("/api/stakeholders/{id}")).await;
    assert_eq!(r.status, StatusCode::OK);
    let mut v = r.json();
    v.as_object_mut().unwrap().remove("updated_at");
    v
}

on_both!(a_revert_restores_the_values_before_and_refuses_when_a_later_change_touched_the_field, |app| {
    let state = &app.state;
    let admin = Actor::Cli;
    let a = app.stakeholder("Agence pour une Vie de Qualité", Some("AViQ"), "regional").await;
    let b = app.stakeholder("Fedasil", None, "federal").await;
    let original = stakeholder_json(&app, a).await;

    // An edit of two fields, then of another one.
    let r = app
        .json(
            axum::http::Method::PUT,
            &format!("/api/stakeholders/{a}"),
            serde_json::json!({ "name": "AViQ Wallonie", "kind": "agency", "level": "regional", "phone": "081 33 33 33",
                                "contacts": [{ "name": "Anne Dupont", "email": "anne@aviq.be" }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let edit =
        scalar(&app, &format!("SELECT MAX(id) FROM changes WHERE entity = 'stakeholder' AND entity_id = {a}")).await;
    let history = audit::history(state, &admin, "stakeholder", a, 100).await.unwrap();
    assert_eq!(history.changes[0].id, edit);
    let fields = history.changes[0].fields();
    assert!(fields.contains(&"name".to_owned()) && fields.contains(&"contacts".to_owned()), "{fields:?}");
    assert_eq!(history.changes[0].before.as_ref().unwrap()["name"], "Agence pour une Vie de Qualité");
    assert_eq!(history.changes[0].after.as_ref().unwrap()["phone"], "081 33 33 33");

    // A viewer reads the history without the personal values.
    let viewer = Actor::User { id: 0, email: String::new(), role: Role::Viewer };
    let seen = audit::history(state, &viewer, "stakeholder", a, 100).await.unwrap();
    assert_eq!(seen.changes[0].after.as_ref().unwrap()["phone"], "•••");
    assert_eq!(seen.changes[0].after.as_ref().unwrap()["contacts"], "•••");
    assert!(!serde_json::to_string(&seen).unwrap().contains("anne@aviq.be"));
    assert!(matches!(audit::revert_change(state, &viewer, edit).await, Err(maillage::app::AppError::Forbidden)));

    // Reverted: the name, the phone and the contact person are as before, and the revert is a change.
    audit::revert_change(state, &admin, edit).await.unwrap();
    assert_eq!(stakeholder_json(&app, a).await, original);
    let found = app.get("/api/stakeholders?q=vie+de+qualite").await.json();
    assert_eq!(found.as_array().map(Vec::len), Some(1), "the search text follows the name back: {found}");
    let revert = audit::history(state, &admin, "stakeholder", a, 100).await.unwrap().changes[0].clone();
    assert_eq!((revert.action.as_str(), revert.detail.as_deref()), ("revert", Some(format!("revert:{edit}").as_str())));
    assert_eq!(revert.use_case.as_deref(), Some("audit.revert_change"));
    assert_eq!(revert.reverts_change, Some(edit));

    // Reverting again conflicts with the revert, which touched the same fields; nothing changes.
    let again = audit::revert_change(state, &admin, edit).await.unwrap_err();
    let said = again.message(maillage::i18n::Lang::EN);
    assert!(said.contains(&format!("#{}", revert.id)), "{said}");
    assert_eq!(stakeholder_json(&app, a).await, original);
    // The revert itself is reverted: the edit's values are back.
    audit::revert_change(state, &admin, revert.id).await.unwrap();
    assert_eq!(stakeholder_json(&app, a).await["name"], "AViQ Wallonie");

    // A later change of another field does not block a revert; of the same field it does.
    let link = inventory::save_link(state, &admin, None, &link_draft(a, b, "funds", "2")).await.unwrap();
    let created =
        scalar(&app, &format!("SELECT MAX(id) FROM changes WHERE entity = 'link' AND entity_id = {}", link.id)).await;
    let mut draft = link_draft(a, b, "funds", "3");
    inventory::save_link(state, &admin, Some(link.id), &draft).await.unwrap();
    let strength =
        scalar(&app, &format!("SELECT MAX(id) FROM changes WHERE entity = 'link' AND entity_id = {}", link.id)).await;
    draft.note = Some("Convention 2024".into());
    inventory::save_link(state, &admin, Some(link.id), &draft).await.unwrap();
    audit::revert_change(state, &admin, strength).await.unwrap();
    let now = inventory::link(state, &admin, link.id).await.unwrap();
    assert_eq!((now.data.strength.get(), now.data.note.as_deref()), (2, Some("Convention 2024")));
    // Reverting the creation archives the link (links are never deleted).
    audit::revert_change(state, &admin, created).await.unwrap();
    assert!(inventory::link(state, &admin, link.id).await.unwrap().archived);
    let err = audit::revert_change(state, &admin, strength).await.unwrap_err();
    assert!(format!("{err:?}").contains("strength"), "{err:?}");

    // A deleted meeting comes back with its attendance and action items.
    let r = app
        .json(
            axum::http::Method::POST,
            "/api/meetings",
            serde_json::json!({ "held_on": "2024-03-01", "title": "Comité", "attendees": [{ "stakeholder": a }, { "stakeholder": b }],
                                "actions": [{ "description": "Envoyer le PV", "owner": b }] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let meeting = r.json()["id"].as_i64().unwrap();
    let before = app.get(&format!("/api/meetings/{meeting}")).await.json();
    mechanism::delete_meeting(state, &admin, meeting).await.unwrap();
    assert_eq!(app.get(&format!("/api/meetings/{meeting}")).await.status, StatusCode::NOT_FOUND);
    let op = scalar(
        &app,
        &format!(
            "SELECT operation FROM changes WHERE entity = 'meeting' AND entity_id = {meeting} AND action = 'delete'"
        ),
    )
    .await;
    assert_eq!(audit::revert_operation(state, &admin, op).await.unwrap(), 2, "the meeting and its action item");
    let mut after = app.get(&format!("/api/meetings/{meeting}")).await.json();
    let mut before = before;
    for v in [&mut before, &mut after] {
        v.as_object_mut().unwrap().remove("updated_at");
    }
    assert_eq!(after, before);

    // A token's creation is reverted by revoking it; its revocation is never reverted.
    let (token, secret) = accounts::create_token(state, &admin, "script", Role::Editor, None).await.unwrap();
    let created = scalar(&app, &format!("SELECT id FROM changes WHERE entity = 'token' AND entity_id = {token}")).await;
    audit::revert_change(state, &admin, created).await.unwrap();
    assert_eq!(app.get_with_token("/api/stakeholders", &secret).await.status, StatusCode::UNAUTHORIZED);
    let revoked =
        scalar(&app, &format!("SELECT MAX(id) FROM changes WHERE entity = 'token' AND entity_id = {token}")).await;
    assert!(audit::revert_change(state, &admin, revoked).await.is_err(), "a revoked token stays revoked");
    let (token, _) = accounts::create_token(state, &admin, "other", Role::Editor, None).await.unwrap();
    accounts::revoke_token(state, &admin, token).await.unwrap();
    let revoked =
        scalar(&app, &format!("SELECT MAX(id) FROM changes WHERE entity = 'token' AND entity_id = {token}")).await;
    assert!(audit::revert_change(state, &admin, revoked).await.is_err(), "a revoked token stays revoked");

    // The feed lists them, filtered by kind and by who, newest first.
    let feed = audit::feed(
        state,
        &admin,
        &maillage::store::audit::Filter { entity: Some("link".into()), limit: 50, ..Default::default() },
    )
    .await
    .unwrap();
    assert!(feed.changes.iter().all(|c| c.entity == "link") && feed.total >= 4, "{}", feed.total);
    assert!(feed.changes.windows(2).all(|w| w[0].id > w[1].id));
    let by_cli = audit::feed(
        state,
        &admin,
        &maillage::store::audit::Filter { actor: Some("cli".into()), limit: 5, ..Default::default() },
    )
    .await
    .unwrap();
    assert!(by_cli.total > 5 && by_cli.changes.len() == 5);
});

on_both!(an_import_of_a_thousand_rows_is_reverted_as_one_operation, |app| {
    let mut csv = String::from("name,kind,level\n");
    for i in 0..1000 {
        csv.push_str(&format!("Association {i:04},association,local\n"));
    }
    let kept = app.stakeholder("Fedasil", None, "federal").await;
    let r = app.upload("stakeholders", "liste.csv", csv.as_bytes()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let op =
        scalar(&app, "SELECT MAX(operation) FROM changes WHERE entity = 'stakeholder' AND action = 'create'").await;
    assert_eq!(scalar(&app, &format!("SELECT COUNT(*) FROM changes WHERE operation = {op}")).await, 1000);
    let actor = Actor::Cli;
    assert_eq!(audit::revert_operation(&app.state, &actor, op).await.unwrap(), 1000);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM stakeholders WHERE archived = 0").await, 1, "only Fedasil is left");
    assert_eq!(stakeholder_json(&app, kept).await["name"], "Fedasil");
    let revert = scalar(&app, "SELECT MAX(id) FROM operations").await;
    assert_eq!(scalar(&app, &format!("SELECT COUNT(*) FROM changes WHERE operation = {revert}")).await, 1000);
    assert_eq!(scalar(&app, &format!("SELECT reverts_operation FROM operations WHERE id = {revert}")).await, op);
});

on_both!(a_survey_submission_is_reverted_with_its_ties_and_links_and_nothing_else, |app| {
    let cpas = app.stakeholder("CPAS de Namur", None, "local").await;
    let spw = app.stakeholder("SPW Intérieur et Action sociale", Some("SPW IAS"), "regional").await;
    let forem = app.stakeholder("FOREM", None, "regional").await;
    // A link recorded by hand, which the submission must leave as it is.
    let r = app
        .json(
            axum::http::Method::POST,
            "/api/links",
            serde_json::json!({ "source": spw, "target": forem, "type": "funds" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let links_before = scalar(&app, "SELECT COUNT(*) FROM links WHERE archived = 0").await;
    let (_, links) = consultation(&app, &[cpas, spw]).await;
    let partners = [
        ("q.partners.tie", format!("s{spw}")),
        (&*format!("q.partners.s{spw}.link_type").leak(), "coordinates".to_owned()),
        (&*format!("q.partners.s{spw}.frequency").leak(), "monthly".to_owned()),
        (&*format!("q.partners.s{spw}.formal").leak(), "no".to_owned()),
        (&*format!("q.partners.s{spw}.satisfaction").leak(), "3".to_owned()),
    ];
    let partners: Vec<(&str, &str)> = partners.iter().map(|(k, v)| (*k, v.as_str())).collect();
    answer_all(&app, &links[0], &[], &partners).await;
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM ties").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM links WHERE archived = 0").await, links_before + 1, "the tie's link");
    let op = scalar(&app, "SELECT MAX(operation) FROM changes WHERE entity = 'response'").await;
    let use_case: String = sqlx::query("SELECT use_case FROM operations WHERE id = $1")
        .bind(op)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(use_case, "respond.submit");
    audit::revert_operation(&app.state, &Actor::Cli, op).await.unwrap();
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM ties").await, 0, "its ties are gone");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM links WHERE archived = 0").await, links_before, "its link is gone");
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM responses WHERE submitted_at IS NOT NULL").await,
        0,
        "not submitted any more"
    );
    let funds = app.get(&format!("/api/links?stakeholder={spw}")).await.json();
    assert!(funds.to_string().contains("\"funds\""), "the link recorded by hand is untouched: {funds}");
});

on_both!(the_change_log_page_and_api_show_who_changed_what_and_revert_it, |app| {
    let a = app.stakeholder("CPAS de Namur", None, "local").await;
    let editor = app.session(Role::Editor).await;
    let viewer = app.session(Role::Viewer).await;
    let r = app
        .json(
            axum::http::Method::PUT,
            &format!("/api/stakeholders/{a}"),
            serde_json::json!({ "name": "CPAS de Namur", "kind": "public_authority", "level": "local", "email": "accueil@cpasnamur.be" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let edit = scalar(&app, "SELECT MAX(id) FROM changes").await;

    let page = app.get_as(&editor, "/changes").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("accueil@cpasnamur.be") && html.contains(&format!("/changes/{edit}/revert")), "{html}");
    let panel = app.get_as(&editor, &format!("/stakeholders/{a}")).await.text();
    assert!(
        panel.contains("accueil@cpasnamur.be") && panel.contains("/changes?kind=stakeholder&#38;record="),
        "{panel}"
    );
    let seen = app.get_as(&viewer, "/changes?kind=stakeholder").await.text();
    assert!(!seen.contains("accueil@cpasnamur.be") && seen.contains("•••"), "redacted for viewers");
    assert!(!seen.contains("/revert"), "viewers are offered no revert");
    let api = app.get_as(&viewer, "/api/changes?kind=stakeholder").await.json();
    assert!(!api.to_string().contains("accueil@cpasnamur.be"), "{api}");
    assert_eq!(api["changes"][0]["fields"], serde_json::json!(["email", "kind_code"]));
    assert_eq!(app.get_as(&viewer, "/api/changes?kind=nothing").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.post_as(&viewer, &format!("/changes/{edit}/revert"), &[]).await.status, StatusCode::FORBIDDEN);

    let r = app.post_as(&editor, &format!("/changes/{edit}/revert"), &[("back", &format!("/stakeholders/{a}"))]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(r.location(), format!("/stakeholders/{a}"));
    assert!(stakeholder_json(&app, a).await["email"].is_null());
    let again = app.post_as(&editor, &format!("/changes/{edit}/revert"), &[]).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text());
    assert!(again.text().contains("cannot be reverted"), "{}", again.text());
    let paged = app.get_as(&editor, "/api/changes?page=2").await.json();
    assert_eq!(paged["page"], 2);
});

on_both!(reverting_the_latest_change_of_each_kind_of_record_gives_back_its_values_before, |app| {
    maillage::demo::load(&app.state).await.unwrap();
    let state = &app.state;
    let admin = Actor::Cli;
    // A few more kinds than the demo makes.
    let (token, _) = accounts::create_token(state, &admin, "script", Role::Viewer, None).await.unwrap();
    let _ = token;
    let body = scalar(&app, "SELECT MIN(id) FROM bodies").await;
    let someone = scalar(&app, "SELECT MAX(id) FROM stakeholders").await;
    mechanism::dismiss(state, &admin, Some(body), someone, None).await.unwrap();
    let item = scalar(&app, "SELECT MIN(id) FROM action_items").await;
    mechanism::set_action_status(state, &admin, item, "done").await.unwrap();
    let mut reverted = BTreeSet::new();
    for entity in maillage::store::audit::ENTITIES {
        // The latest change of a record of this kind that no later change touched.
        let candidates: Vec<i64> = sqlx::query(
            "SELECT c.id FROM changes c WHERE c.entity = $1 AND NOT EXISTS \
             (SELECT 1 FROM changes l WHERE l.entity = c.entity AND l.entity_id = c.entity_id AND l.id > c.id) \
             ORDER BY c.id DESC",
        )
        .bind(entity.name)
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
        for id in candidates {
            let change = {
                let mut conn = app.db.pool.acquire().await.unwrap();
                maillage::store::audit::get(&mut conn, id).await.unwrap().unwrap()
            };
            if audit::revert_change(state, &admin, id).await.is_err() {
                continue; // final by nature (an opened campaign, a revoked token): try another
            }
            let now = {
                let mut conn = app.db.pool.acquire().await.unwrap();
                maillage::store::audit::state(&mut conn, entity, change.entity_id).await.unwrap()
            };
            match (&change.before, &now) {
                (None, Some(v)) => {
                    let flag = match entity.undo_create {
                        maillage::store::audit::UndoCreate::Flag(f) | maillage::store::audit::UndoCreate::Stamp(f) => f,
                        other => panic!("{}: {other:?} left the record", entity.name),
                    };
                    assert!(!v[flag].is_null() && v[flag] != 0, "{}: creation reverted by {flag}", entity.name);
                }
                (None, None) => {}
                (Some(before), Some(v)) => {
                    for f in change.fields() {
                        assert_eq!(
                            v.get(&f),
                            before.get(&f),
                            "{} #{}: field {f} is back",
                            entity.name,
                            change.entity_id
                        );
                    }
                }
                (Some(_), None) => panic!("{} #{} is gone after a revert", entity.name, change.entity_id),
            }
            reverted.insert(entity.name);
            break;
        }
    }
    for kind in [
        "stakeholder",
        "link",
        "response",
        "user",
        "token",
        "body",
        "meeting",
        "action_item",
        "phase",
        "snapshot",
        "suggestion",
    ] {
        assert!(reverted.contains(kind), "a change of a {kind} was reverted: {reverted:?}");
    }
});
