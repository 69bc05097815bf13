//! The JSON API: the same operations as the pages, for scripts and other tools.

pub mod analysis;
pub mod changes;
pub mod graph;
pub mod links;
pub mod mechanism;
pub mod phases;
pub mod reference;
pub mod snapshots;
pub mod stakeholders;

use super::AppState;
use super::error::AppError;
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};
use std::sync::LazyLock;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::{RefOr, Response};

/// What the whole API says of itself; each module lists its own operations (`Doc`).
#[derive(OpenApi)]
#[openapi(
    info(title = "Maillage API", description = "The same operations as the pages, for scripts and other tools. \
        Scripts authenticate with an API token (`Authorization: Bearer mlg_…`, created by an administrator: \
        `maillage token create`); a signed-in browser uses its session, and sends the session's form token in \
        `X-CSRF-Token` with every change. Without credentials the API answers 401, with a role that may not, 403. \
        Bad input is refused whole with 422 and a list of `{field, problem}`; nothing is half-written."),
    paths(healthz, openapi_json),
    tags((name = "stakeholders", description = "The inventory of actors"),
        (name = "links", description = "The links between actors"),
        (name = "network", description = "The network as a whole: exports and analysis"),
        (name = "mechanism", description = "Coordination bodies, meetings and action items"),
        (name = "snapshots", description = "States of the network over time"),
        (name = "changes", description = "Who changed what, and reverting it"),
        (name = "phases", description = "The project's four phases"),
        (name = "reference", description = "Levels, kinds, sectors, link types and territories"),
        (name = "service", description = "Health and this document")),
)]
struct ApiDoc;

/// The OpenAPI document of every operation, built once from the handlers' annotations: the
/// modules' operations, the two ways to authenticate, and the refusals every operation may
/// answer.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for part in [
        stakeholders::Doc::openapi(),
        links::Doc::openapi(),
        graph::Doc::openapi(),
        analysis::Doc::openapi(),
        mechanism::Doc::openapi(),
        snapshots::Doc::openapi(),
        changes::Doc::openapi(),
        phases::Doc::openapi(),
        reference::Doc::openapi(),
    ] {
        doc.merge(part);
    }
    doc.info.version = env!("CARGO_PKG_VERSION").to_owned();
    let components = doc.components.get_or_insert_with(Default::default);
    components.add_security_scheme("token", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    components.add_security_scheme(
        "session",
        SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(super::security::SESSION_COOKIE))),
    );
    let refusal = |what: &str| RefOr::T(Response::new(what));
    // Open to anyone: what the route registry says is public.
    let open: std::collections::HashSet<&str> =
        super::routes::registry().iter().filter(|r| r.action == crate::app::Action::Public).map(|r| r.path).collect();
    for (path, item) in doc.paths.paths.iter_mut() {
        let public = open.contains(path.as_str());
        for op in [&mut item.post, &mut item.put].into_iter().flatten() {
            op.responses
                .responses
                .entry("422".into())
                .or_insert_with(|| refusal("Refused input: each problem with its field"));
        }
        for op in [&mut item.post, &mut item.put, &mut item.delete].into_iter().flatten() {
            op.responses.responses.entry("403".into()).or_insert_with(|| refusal("The role may not change records"));
        }
        for op in [&mut item.get, &mut item.post, &mut item.put, &mut item.delete].into_iter().flatten() {
            // Handlers of several modules share names (`list`, `read`): each operation's id
            // says its tag too, `stakeholders_list`, unique as OpenAPI wants.
            if let (Some(tag), Some(id)) = (op.tags.as_ref().and_then(|t| t.first()), op.operation_id.as_mut()) {
                *id = format!("{tag}_{id}");
            }
            if !public {
                op.responses
                    .responses
                    .entry("401".into())
                    .or_insert_with(|| refusal("Not signed in: no token or session"));
                op.security = Some(vec![
                    utoipa::openapi::security::SecurityRequirement::new("token", Vec::<String>::new()),
                    utoipa::openapi::security::SecurityRequirement::new("session", Vec::<String>::new()),
                ]);
            }
            if path.contains("{id}") {
                op.responses.responses.entry("404".into()).or_insert_with(|| refusal("No such record"));
            }
        }
    }
    doc
}

static DOCUMENT: LazyLock<String> = LazyLock::new(|| openapi().to_json().unwrap_or_default());

/// This API's OpenAPI document
#[utoipa::path(get, path = "/api/openapi.json", tag = "service",
    responses((status = 200, description = "The OpenAPI 3.1 document", body = Object)))]
pub async fn openapi_json() -> axum::response::Response {
    use axum::response::IntoResponse;
    ([(axum::http::header::CONTENT_TYPE, "application/json")], DOCUMENT.as_str()).into_response()
}

/// A record's JSON form (`…Json` of the domain, documented in the OpenAPI document) as an
/// answer's body, written straight from the borrowed record.
fn json<T: serde::Serialize>(record: T) -> axum::response::Response {
    use axum::response::IntoResponse;
    Json(record).into_response()
}

/// The server answers, and its database too
#[utoipa::path(get, path = "/healthz", tag = "service",
    responses((status = 200, description = "`{\"status\": \"ok\"}`", body = Object),
        (status = 503, description = "The database does not answer")))]
pub async fn healthz(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    sqlx::query("SELECT 1").execute(&state.db.pool).await?;
    Ok(Json(json!({ "status": "ok" })))
}
