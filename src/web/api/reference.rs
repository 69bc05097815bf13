//! `/api/reference`: levels, kinds, sectors, link types and territories, with both labels.

use crate::app::Action;
use crate::app::AppError;
use crate::app::AppState;
use crate::app::inventory;
use crate::web::routes::{Kind, Route};
use axum::Json;
use axum::extract::State;
use axum::http::Method;
use axum::routing::get;
use serde_json::{Value, json};

pub fn routes() -> Vec<Route> {
    vec![Route::new(Method::GET, "/api/reference", Action::Read, Kind::Api, get(reference))]
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
