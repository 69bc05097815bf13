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

#[derive(utoipa::OpenApi)]
#[openapi(paths(reference))]
pub struct Doc;

pub fn routes() -> Vec<Route> {
    vec![Route::new(Method::GET, "/api/reference", Action::Read, Kind::Api, get(reference))]
}

/// The reference tables
///
/// Levels, kinds, sectors and link types (code and labels in every language) and the
/// territories (INS code, names, parent, province): the values the other operations accept.
#[utoipa::path(get, path = "/api/reference", tag = "reference",
    responses((status = 200, description = "The tables", body = Object)))]
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
                "names": t.names,
                "name_fr": t.names.get("fr"),
                "name_nl": t.names.get("nl"),
                "name_de": t.names.get("de"),
                "parent": t.parent_ins,
                "province": t.province_ins,
            })
        })
        .collect();
    // `labels` holds every language; `label_fr` and `label_en` stay for existing scripts.
    let items = |items: &[crate::domain::reference::RefItem]| -> Vec<Value> {
        items
            .iter()
            .map(|i| {
                let mut v = json!({ "code": i.code, "labels": i.labels, "label_fr": i.labels.get("fr"), "label_en": i.labels.get("en") });
                if let Some(d) = i.directed {
                    v["directed"] = json!(d);
                }
                v
            })
            .collect()
    };
    Ok(Json(json!({
        "levels": items(&r.levels),
        "kinds": items(&r.kinds),
        "sectors": items(&r.sectors),
        "link_types": items(&r.link_types),
        "territories": territories,
    })))
}
