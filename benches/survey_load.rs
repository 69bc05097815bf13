//! Load: 200 respondents answer the consultation at the same time (see `common/load.rs`).
//!
//!     cargo bench --bench survey_load
//!     BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test cargo bench --bench survey_load

mod common;

use sqlx::{Connection, Executor};

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("maillage-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    common::load::run("SQLite", &format!("sqlite://{}", dir.join("load.db").display())).await;
    let _ = std::fs::remove_dir_all(&dir);
    if let Ok(admin) = std::env::var("BENCH_POSTGRES_URL") {
        sqlx::any::install_default_drivers();
        let name = format!("maillage_load_{}", std::process::id());
        let mut conn = sqlx::AnyConnection::connect(&admin).await.unwrap();
        conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.unwrap();
        let base = &admin[..admin.rfind('/').unwrap()];
        common::load::run("PostgreSQL", &format!("{base}/{name}")).await;
        conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE {name} WITH (FORCE)"))).await.unwrap();
    }
}
