//! Storage faults: a full disk on SQLite. Every write the server acknowledged is there
//! afterwards, every one it refused is absent, the refusal says nothing was saved, and writes
//! succeed again as soon as there is room, without a restart.

mod common;

use axum::http::{Method, StatusCode};
use maillage::db::{Backend, Db};
use sqlx::Row;
use sqlx::any::AnyPoolOptions;

#[tokio::test]
async fn a_full_disk_refuses_writes_as_such_loses_nothing_acknowledged_and_recovers() {
    let dir = common::temp_dir();
    let url = format!("sqlite://{}?mode=rwc", dir.0.join("full.db").display());
    maillage::db::connect(&url).await.unwrap().pool.close().await;
    // One connection whose database may not grow past a few more pages: a disk that fills up.
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(|conn, _| {
            Box::pin(async move {
                use sqlx::Executor;
                conn.execute("PRAGMA journal_mode = WAL").await?;
                conn.execute("PRAGMA synchronous = FULL").await?;
                conn.execute("PRAGMA foreign_keys = ON").await?;
                Ok(())
            })
        })
        .connect(&url)
        .await
        .unwrap();
    let pages: i64 = sqlx::query("PRAGMA page_count").fetch_one(&pool).await.unwrap().get(0);
    sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA max_page_count = {}", pages + 12))).execute(&pool).await.unwrap();
    let db = Db::new(pool.clone(), Backend::Sqlite);
    let state = common::test_state(db.clone());
    let (_, token) = maillage::app::accounts::create_token(
        &state,
        &maillage::app::Actor::Cli,
        "t",
        maillage::app::Role::Admin,
        None,
    )
    .await
    .unwrap();
    let router = maillage::web::router(state);
    let post = |i: usize| {
        let router = router.clone();
        let token = token.clone();
        async move {
            use tower::ServiceExt;
            let body = serde_json::json!({
                "name": format!("Organisation {i}"), "kind": "association", "level": "local",
                "description": "d".repeat(8_000),
            });
            let r = router
                .oneshot(
                    axum::http::Request::builder()
                        .method(Method::POST)
                        .uri("/api/stakeholders")
                        .header("host", "localhost")
                        .header("authorization", format!("Bearer {token}"))
                        .header("content-type", "application/json")
                        .header("accept-language", "en")
                        .body(axum::body::Body::from(body.to_string()))
                        .unwrap(),
                )
                .await
                .unwrap();
            let status = r.status();
            let bytes = http_body_util::BodyExt::collect(r.into_body()).await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&bytes).into_owned())
        }
    };
    let (mut acknowledged, mut refused) = (Vec::new(), Vec::new());
    for i in 0..40 {
        let (status, body) = post(i).await;
        match status {
            StatusCode::CREATED => acknowledged.push(i),
            StatusCode::SERVICE_UNAVAILABLE => {
                assert!(body.contains("nothing was saved"), "{body}");
                refused.push(i);
            }
            other => panic!("write {i}: {other} {body}"),
        }
    }
    assert!(!acknowledged.is_empty() && !refused.is_empty(), "acknowledged {acknowledged:?}, refused {refused:?}");
    let names: Vec<String> = sqlx::query("SELECT name FROM stakeholders")
        .fetch_all(&pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("name"))
        .collect();
    for i in &acknowledged {
        assert!(names.contains(&format!("Organisation {i}")), "acknowledged write {i} is missing");
    }
    for i in &refused {
        assert!(!names.contains(&format!("Organisation {i}")), "refused write {i} is there");
    }
    eprintln!(
        "full disk: {} writes acknowledged and present, {} refused (503) and absent",
        acknowledged.len(),
        refused.len()
    );
    // Room again: the next write succeeds on the same server.
    sqlx::query("PRAGMA max_page_count = 1000000").execute(&pool).await.unwrap();
    let (status, body) = post(1000).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

/// PostgreSQL: the server's connections are killed while clients write. Every acknowledged
/// write is there, every refused one absent, and writing works again without a restart.
#[cfg(feature = "postgres-tests")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_postgresql_connections_lose_nothing_acknowledged() {
    let app = common::spawn(common::Backend::Postgres).await.expect(common::NEEDS_POSTGRES);
    let name: String =
        sqlx::query("SELECT CAST(current_database() AS TEXT) AS d").fetch_one(&app.db.pool).await.unwrap().get("d");
    let admin_url = common::postgres_url().unwrap();
    let killer = tokio::spawn(async move {
        use sqlx::Connection;
        let mut admin = sqlx::AnyConnection::connect(&admin_url).await.unwrap();
        let mut killed = 0i64;
        for _ in 0..8 {
            tokio::time::sleep(std::time::Duration::from_millis(60)).await;
            let n: i64 = sqlx::query(
                "SELECT COUNT(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            )
            .bind(name.clone())
            .fetch_one(&mut admin)
            .await
            .unwrap()
            .get("n");
            killed += n;
        }
        killed
    });
    let (mut acknowledged, mut refused, mut unconfirmed) = (Vec::new(), Vec::new(), 0);
    let mut i = 0;
    while !killer.is_finished() {
        let r = app
            .json(
                Method::POST,
                "/api/stakeholders",
                serde_json::json!({ "name": format!("Org {i}"), "kind": "association", "level": "local" }),
            )
            .await;
        match (r.status, r.json()["error"].as_str()) {
            (StatusCode::CREATED, _) => acknowledged.push(i),
            (StatusCode::SERVICE_UNAVAILABLE, Some("storage_unavailable")) => refused.push(i),
            // Killed during the commit itself: the answer says the outcome is unknown.
            (StatusCode::SERVICE_UNAVAILABLE, Some("unconfirmed")) => unconfirmed += 1,
            (other, _) => panic!("write {i}: {other} {}", r.text()),
        }
        i += 1;
    }
    let killed = killer.await.unwrap();
    // Writing works again on the same server.
    let r = app
        .json(
            Method::POST,
            "/api/stakeholders",
            serde_json::json!({ "name": "After the faults", "kind": "association", "level": "local" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let names: Vec<String> = sqlx::query("SELECT name FROM stakeholders")
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("name"))
        .collect();
    for i in &acknowledged {
        assert!(names.contains(&format!("Org {i}")), "acknowledged write {i} is missing");
    }
    for i in &refused {
        assert!(!names.contains(&format!("Org {i}")), "refused write {i} is there");
    }
    eprintln!(
        "{killed} PostgreSQL connections killed: {} writes acknowledged and present, {} refused and absent, \
         {unconfirmed} unconfirmed (killed during the commit)",
        acknowledged.len(),
        refused.len()
    );
}

/// SQLite writers of one process queue for their turn (first come, first served) instead of
/// meeting in SQLite's busy handler: while one writer holds the turn, the others wait
/// without holding a connection, so readers are served meanwhile; when it ends they all
/// commit.
#[tokio::test]
async fn sqlite_writers_of_one_process_take_turns_and_leave_connections_to_readers() {
    let dir = common::temp_dir();
    let url = format!("sqlite://{}", dir.0.join("turns.db").display());
    let db = maillage::db::connect(&url).await.unwrap();
    sqlx::query("CREATE TABLE turns (n BIGINT NOT NULL)").execute(&db.pool).await.unwrap();
    let first = db.begin_write().await.unwrap();
    // More waiting writers than the pool has connections.
    let writers: Vec<_> = (0..40)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move {
                let mut tx = db.begin_write().await?;
                sqlx::query("INSERT INTO turns (n) VALUES ($1)").bind(i).execute(&mut **tx).await?;
                tx.commit().await
            })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        sqlx::query("SELECT COUNT(*) FROM turns").fetch_one(&db.pool),
    )
    .await;
    assert!(read.is_ok(), "a reader is served while writers wait for their turn");
    assert!(writers.iter().all(|w| !w.is_finished()), "no writer went while the first held the turn");
    first.commit().await.unwrap();
    for w in writers {
        w.await.unwrap().expect("every writer commits, none meets a locked database");
    }
    let n: i64 = sqlx::query("SELECT COUNT(*) FROM turns").fetch_one(&db.pool).await.unwrap().get(0);
    assert_eq!(n, 40);
}
