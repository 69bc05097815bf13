//! The route registry: every route with its method, path, the action it needs and whether
//! it is API or page. The router is built from it, each route behind its access check, and
//! the access test walks it: a route cannot exist without saying who may call it.

use crate::app::{Action, Actor, AppError, AppState};
use axum::Router;
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::MethodRouter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// JSON under `/api`: refusals are 401/403 JSON.
    Api,
    /// HTML: an anonymous visitor is sent to the sign-in page.
    Page,
    /// Scripts and stylesheet.
    Asset,
}

pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub action: Action,
    pub kind: Kind,
    handler: MethodRouter<AppState>,
}

impl Route {
    pub fn new(
        method: Method,
        path: &'static str,
        action: Action,
        kind: Kind,
        handler: MethodRouter<AppState>,
    ) -> Self {
        Route { method, path, action, kind, handler }
    }
}

/// Every route of the application.
pub fn registry() -> Vec<Route> {
    use super::{api, pages};
    [
        super::base_routes(),
        super::pages::account::routes(),
        api::stakeholders::routes(),
        api::links::routes(),
        api::reference::routes(),
        api::graph::routes(),
        api::analysis::routes(),
        api::phases::routes(),
        pages::phases::routes(),
        pages::reference::routes(),
        api::mechanism::routes(),
        pages::mechanism::routes(),
        api::snapshots::routes(),
        pages::snapshots::routes(),
        api::changes::routes(),
        pages::changes::routes(),
        pages::privacy::routes(),
        pages::steering::routes(),
        pages::coverage::routes(),
        pages::suggestions::routes(),
        pages::analysis::routes(),
        pages::stakeholders::routes(),
        pages::links::routes(),
        pages::transfer::routes(),
        pages::map::routes(),
        pages::respond::routes(),
        pages::campaigns::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The router of the registry, each route behind the check of its action.
pub fn build(routes: Vec<Route>) -> Router<AppState> {
    routes.into_iter().fold(Router::new(), |router, route| {
        let (action, kind) = (route.action, route.kind);
        let handler =
            route.handler.layer(middleware::from_fn(move |req: Request, next: Next| require(action, kind, req, next)));
        router.route(route.path, handler)
    })
}

/// Lets the request through when its actor may do `action`; else sends an anonymous
/// visitor of a page to sign in, and refuses everyone else (401 or 403).
async fn require(action: Action, kind: Kind, request: Request, next: Next) -> Response {
    let actor = request.extensions().get::<Actor>().cloned().unwrap_or(Actor::Anonymous);
    // Where the server requires a second factor, an account without one reaches only its own
    // account page until it sets one up.
    let must_enroll = request.extensions().get::<super::security::MustEnroll>().is_some();
    if must_enroll && !matches!(action, Action::Public | Action::OwnAccount | Action::Respond) {
        return if kind == Kind::Page && request.method() == Method::GET {
            Redirect::to("/account?enroll=1").into_response()
        } else {
            AppError::Forbidden.into_response()
        };
    }
    // A respondent's token is checked by its use case, which alone can read it.
    if action == Action::Respond || actor.may(action) {
        return next.run(request).await;
    }
    match actor.require(action) {
        Err(AppError::Unauthenticated) if kind == Kind::Page && request.method() == Method::GET => {
            let here = request.uri().path_and_query().map_or("/", |p| p.as_str());
            let next = serde_urlencoded::to_string([("next", here)]).unwrap_or_default();
            Redirect::to(&format!("/login?{next}")).into_response()
        }
        Err(e) => e.into_response(),
        Ok(()) => next.run(request).await,
    }
}
