//! The demo network (placeholder replaced below).
use crate::csvio::ImportReport;
use crate::db::Db;
pub async fn load(_db: &Db) -> anyhow::Result<(ImportReport, ImportReport)> {
    anyhow::bail!("demo not yet written")
}
