//! Backup and restore while the server writes, and the JSON dump moving a deployment between
//! SQLite and PostgreSQL with nothing lost (ids and timestamps included).

mod common;

use maillage::app::{Actor, backup, inventory};
use maillage::domain::stakeholder::StakeholderDraft;
use sqlx::Row;
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

async fn state_on(url: &str) -> maillage::app::AppState {
    common::test_state(maillage::db::connect(url).await.expect("connect"))
}

on_both!(a_backup_taken_while_fifty_clients_write_restores_every_write_acknowledged_before_it, |app| {
    let acked: Arc<Mutex<Vec<(i64, String)>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut writers = Vec::new();
    for client in 0..50 {
        let (state, acked, stop) = (app.state.clone(), acked.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let name = format!("Client {client:02} écrit {n:03}");
                let draft = StakeholderDraft {
                    name: Some(name.clone()),
                    kind: Some("association".into()),
                    level: Some("local".into()),
                    ..Default::default()
                };
                let saved = inventory::save_stakeholder(&state, &Actor::Cli, None, &draft).await.expect("write");
                acked.lock().unwrap().push((saved.id, name));
                n += 1;
            }
        }));
    }
    // Let the writers run, then take the backup while they go on.
    while acked.lock().unwrap().len() < 100 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let before: Vec<(i64, String)> = acked.lock().unwrap().clone();
    let dir = common::temp_dir();
    let file = dir.0.join("backup");
    let format = backup::backup(&app.state, &Actor::Cli, &app.url, &file).await.expect("backup");
    let during = acked.lock().unwrap().len();
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    let after = acked.lock().unwrap().len();
    assert!(during > before.len() || after > during, "the clients kept writing during the backup");
    eprintln!("backup as {format:?}: {} writes acknowledged before it, {after} in all", before.len());

    let (url, _dir, _pg) = common::fresh_database(if app.url.starts_with("postgres") {
        common::Backend::Postgres
    } else {
        common::Backend::Sqlite
    })
    .await
    .unwrap();
    let restored = state_on(&url).await;
    backup::restore(&restored, &Actor::Cli, &url, &file).await.expect("restore");
    let rows = sqlx::query("SELECT id, name FROM stakeholders").fetch_all(&restored.db.pool).await.unwrap();
    let present: BTreeSet<(i64, String)> = rows.iter().map(|r| (r.get("id"), r.get("name"))).collect();
    for w in &before {
        assert!(present.contains(w), "{w:?}, acknowledged before the backup, is in it");
    }
    // Consistent: every stakeholder in the copy has its creation in the audit trail, signed,
    // and nothing half-written.
    let creations: i64 = sqlx::query(
        "SELECT COUNT(*) FROM changes c JOIN operations o ON o.id = c.operation \
         WHERE c.entity = 'stakeholder' AND c.action = 'create' AND c.after_values IS NOT NULL",
    )
    .fetch_one(&restored.db.pool)
    .await
    .unwrap()
    .get(0);
    assert_eq!(creations, present.len() as i64);
    let unsigned: i64 = sqlx::query("SELECT COUNT(*) FROM changes WHERE operation IS NULL")
        .fetch_one(&restored.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(unsigned, 0);
    // The restored deployment works: it takes a new write after the restored ids.
    let draft = StakeholderDraft {
        name: Some("Après restauration".into()),
        kind: Some("association".into()),
        level: Some("local".into()),
        ..Default::default()
    };
    let new = inventory::save_stakeholder(&restored, &Actor::Cli, None, &draft).await.unwrap();
    assert!(new.id > present.iter().map(|p| p.0).max().unwrap());
    // Restoring again into a database that is no longer empty is refused.
    let again = backup::restore(&restored, &Actor::Cli, &url, &file).await.unwrap_err();
    let said = again.message(maillage::i18n::Lang::EN);
    assert!(said.contains("not empty"), "{said}");
});

#[cfg(feature = "postgres-tests")]
#[tokio::test]
async fn sqlite_to_postgresql_and_back_gives_the_same_dump_byte_for_byte() {
    common::postgres_url().expect(common::NEEDS_POSTGRES);
    let (first, _d1, _) = common::fresh_database(common::Backend::Sqlite).await.unwrap();
    let source = state_on(&first).await;
    maillage::demo::load(&source).await.unwrap();
    // A revert, a survey response, accounts and tokens are in the demo's trail or added here.
    maillage::app::accounts::create_token(&source, &Actor::Cli, "script", maillage::app::Role::Viewer, Some(30))
        .await
        .unwrap();
    let dump1 = serde_json::to_vec(&backup::take_dump(&source, &Actor::Cli).await.unwrap()).unwrap();

    let (second, _, _p2) = common::fresh_database(common::Backend::Postgres).await.unwrap();
    let pg_state = state_on(&second).await;
    backup::load(&pg_state, &Actor::Cli, &backup::parse_dump(&dump1).unwrap()).await.unwrap();
    let dump2 = serde_json::to_vec(&backup::take_dump(&pg_state, &Actor::Cli).await.unwrap()).unwrap();

    let (third, _d3, _) = common::fresh_database(common::Backend::Sqlite).await.unwrap();
    let back = state_on(&third).await;
    backup::load(&back, &Actor::Cli, &backup::parse_dump(&dump2).unwrap()).await.unwrap();
    let dump3 = serde_json::to_vec(&backup::take_dump(&back, &Actor::Cli).await.unwrap()).unwrap();

    assert!(dump1.len() > 500_000, "the whole demo: {} bytes", dump1.len());
    assert!(dump1 == dump2, "SQLite and PostgreSQL dumps differ");
    assert!(dump2 == dump3, "the dump changed on the way back to SQLite");
    // Every table is in it: the dump reads the catalogue, not a list.
    let d: serde_json::Value = serde_json::from_slice(&dump1).unwrap();
    for table in
        ["stakeholders", "links", "changes", "operations", "users", "api_tokens", "ties", "meetings", "snapshots"]
    {
        assert!(!d["tables"][table]["rows"].as_array().unwrap().is_empty(), "{table} has rows");
    }
    assert!(d["tables"]["users"]["columns"].as_array().unwrap().contains(&"password_hash".into()));
    // The loaded PostgreSQL deployment goes on: new ids follow the loaded ones.
    let draft = StakeholderDraft {
        name: Some("Nouvel acteur".into()),
        kind: Some("association".into()),
        level: Some("local".into()),
        ..Default::default()
    };
    let new = inventory::save_stakeholder(&pg_state, &Actor::Cli, None, &draft).await.unwrap();
    let max = d["tables"]["stakeholders"]["rows"].as_array().unwrap().len() as i64;
    assert!(new.id > max, "{} after {max}", new.id);
}

on_both!(a_dump_is_refused_into_a_database_in_use_and_a_broken_dump_says_where, |app| {
    app.stakeholder("CPAS de Namur", None, "local").await;
    let d = backup::take_dump(&app.state, &Actor::Cli).await.unwrap();
    let err = backup::load(&app.state, &Actor::Cli, &d).await.unwrap_err();
    assert!(format!("{err:?}").contains("1 row(s) in stakeholders"), "{err:?}");
    let err = backup::parse_dump(b"{\"format\": \"maillage-dump\",\n \"version\": }").unwrap_err();
    assert!(format!("{err:?}").contains("line 2"), "{err:?}");
    let viewer = Actor::User { id: 1, email: "v@example.org".into(), role: maillage::app::Role::Viewer };
    assert!(backup::take_dump(&app.state, &viewer).await.is_err(), "only admins take the whole database");
});
