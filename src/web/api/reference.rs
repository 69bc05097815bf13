//! `/api/reference`: levels, kinds, sectors, link types and territories, with both labels.

use crate::web::AppState;
use crate::web::error::AppError;
use crate::web::inventory;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/reference", get(reference))
}

async fn reference(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    let r = inventory::reference(&state).await?;
    let territories: Vec<Value> = r
        .territories
        .iter()
        .map(|t| {
            json!({
                "ins_code": t.ins_code,
                "kind": t.kind,
                "name": t.display_name(),
                "name_fr": t.name_fr,
                "name_nl": t.name_nl,
                "name_de": t.name_de,
                "parent": t.parent_ins,
                "province": t.province_ins,
            })
        })
        .collect();
    Ok(Json(json!({
        "levels": r.levels,
        "kinds": r.kinds,
        "sectors": r.sectors,
        "link_types": r.link_types,
        "territories": territories,
    })))
}
