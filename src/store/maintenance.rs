//! One-time data work the program does itself (migration `0017`): which tasks are done. The
//! program's own bookkeeping, like the migrations table: not part of dumps.

use sqlx::AnyConnection;

pub async fn done(conn: &mut AnyConnection, task: &str) -> sqlx::Result<bool> {
    Ok(sqlx::query("SELECT 1 FROM maintenance WHERE task = $1")
        .bind(task.to_owned())
        .fetch_optional(conn)
        .await?
        .is_some())
}

pub async fn record(conn: &mut AnyConnection, task: &str) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO maintenance (task, done_at) VALUES ($1, $2)")
        .bind(task.to_owned())
        .bind(super::now())
        .execute(conn)
        .await?;
    Ok(())
}
