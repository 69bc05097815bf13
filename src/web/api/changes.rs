//! `/api/changes`: the change log as JSON (filtered, paged, personal values redacted for
//! viewers), and reverting a change or a whole operation.

use crate::app::audit::{self, PAGE};
use crate::app::{Action, Actor, AppError, AppState};
use crate::store::audit::Filter;
use crate::web::extract::Id;
use crate::web::routes::{Kind, Route};
use axum::Json;
use axum::extract::State;
use axum::http::Method;
use axum::routing::{get, post};
use axum_extra::extract::Query;
use serde::Deserialize;
use serde_json::{Value, json};

#[derive(utoipa::OpenApi)]
#[openapi(paths(list, revert, revert_operation))]
pub struct Doc;

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/api/changes", Action::Read, Kind::Api, get(list)),
        Route::new(Method::POST, "/api/changes/{id}/revert", Action::Edit, Kind::Api, post(revert)),
        Route::new(Method::POST, "/api/operations/{id}/revert", Action::Edit, Kind::Api, post(revert_operation)),
    ]
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// The kind of record changed (`stakeholder`, `link`, `campaign`…).
    pub kind: String,
    /// The changed record's id.
    pub record: String,
    /// Who changed it: `user:<id>`, `token:<id>`, `cli`, or `user` / `token` for all of a kind.
    pub who: String,
    /// One operation (an import, a revert…): its id.
    pub operation: String,
    /// From this day (`YYYY-MM-DD`).
    pub from: String,
    /// Up to this day (`YYYY-MM-DD`).
    pub to: String,
    /// Page number, from 1.
    pub page: String,
}

impl ListQuery {
    pub fn filter(&self) -> Result<Filter, AppError> {
        let int = |name: &str, v: &str| -> Result<Option<i64>, AppError> {
            match v.trim() {
                "" => Ok(None),
                v => v.parse().map(Some).map_err(|_| AppError::BadRequest(format!("{name}: {v:?} is not a number"))),
            }
        };
        let text = |v: &str| Some(v.trim().to_owned()).filter(|v| !v.is_empty());
        let page = int("page", &self.page)?.unwrap_or(1).clamp(1, i64::MAX / PAGE / 2);
        Ok(Filter {
            entity: text(&self.kind),
            entity_id: int("record", &self.record)?,
            actor: text(&self.who),
            operation: int("operation", &self.operation)?,
            from: text(&self.from),
            to: text(&self.to),
            limit: PAGE,
            offset: (page - 1) * PAGE,
        })
    }
}

/// The change log
///
/// Who changed what and when, newest first, a page at a time; personal values are redacted
/// for those who may not see them.
#[utoipa::path(get, path = "/api/changes", tag = "changes", params(ListQuery),
    responses((status = 200, description = "`total`, `page`, `per_page` and the page's `changes`", body = Object)))]
async fn list(
    State(state): State<AppState>,
    actor: Actor,
    Query(q): Query<ListQuery>,
) -> Result<Json<Value>, AppError> {
    let filter = q.filter()?;
    let feed = audit::feed(&state, &actor, &filter).await?;
    let changes: Vec<Value> = feed
        .changes
        .iter()
        .map(|c| {
            json!({ "id": c.id, "operation": c.operation, "use_case": c.use_case, "actor": c.actor,
                    "actor_name": c.actor.as_ref().and_then(|a| feed.actors.get(a)), "at": c.at,
                    "entity": c.entity, "entity_id": c.entity_id, "action": c.action, "detail": c.detail,
                    "fields": c.fields(), "before": c.before, "after": c.after,
                    "reverts_change": c.reverts_change, "reverts_operation": c.reverts_operation })
        })
        .collect();
    Ok(Json(json!({ "total": feed.total, "page": filter.offset / PAGE + 1, "per_page": PAGE, "changes": changes })))
}

/// Reverts one change
#[utoipa::path(post, path = "/api/changes/{id}/revert", tag = "changes", params(("id" = i64, Path)),
    responses((status = 200, description = "Reverted", body = Object),
        (status = 409, description = "The record changed since: revert the later change first")))]
async fn revert(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Json<Value>, AppError> {
    audit::revert_change(&state, &actor, id).await?;
    Ok(Json(json!({ "reverted": [id] })))
}

/// Reverts a whole operation (an import, say)
#[utoipa::path(post, path = "/api/operations/{id}/revert", tag = "changes", params(("id" = i64, Path)),
    responses((status = 200, description = "How many changes were reverted", body = Object),
        (status = 409, description = "A record changed since")))]
async fn revert_operation(State(state): State<AppState>, actor: Actor, Id(id): Id) -> Result<Json<Value>, AppError> {
    let n = audit::revert_operation(&state, &actor, id).await?;
    Ok(Json(json!({ "operation": id, "reverted": n })))
}
