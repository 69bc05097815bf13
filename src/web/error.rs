//! How an `AppError` reaches a client: `render_errors` (a middleware on every route) turns it
//! into JSON for `/api` and an HTML page elsewhere, in the user's language.

pub use crate::app::error::AppError;
use crate::i18n::Lang;
use axum::Json;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

// The HTTP face of the error lives with the HTTP layer.
impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Validation(_) | AppError::Import(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable { .. } => StatusCode::NOT_IMPLEMENTED,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::CrossSite => StatusCode::FORBIDDEN,
            AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Storage(_) | AppError::Unconfirmed(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Internal(e) => tracing::error!(error = ?e, "request failed"),
            AppError::Storage(e) => tracing::error!(error = %e, "storage failed; nothing was saved"),
            AppError::Unconfirmed(e) => tracing::error!(error = %e, "storage failed at commit; outcome unknown"),
            _ => {}
        }
        let mut response = (self.status(), Json(self.to_json(Lang::EN))).into_response();
        response.extensions_mut().insert(Arc::new(self));
        response
    }
}

/// Re-renders an `AppError` response in the requester's language, as JSON under `/api` and
/// as an HTML page elsewhere.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let lang = super::lang::from_headers(request.headers());
    let api = request.uri().path().starts_with("/api");
    let response = next.run(request).await;
    let Some(error) = response.extensions().get::<Arc<AppError>>().cloned() else {
        return response;
    };
    if api {
        (error.status(), Json(error.to_json(lang))).into_response()
    } else {
        (error.status(), super::pages::ErrorPage::new(lang, error.status(), error.message(lang))).into_response()
    }
}
