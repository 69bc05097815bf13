//! Test harness: each test gets its own database (a fresh SQLite file, or a fresh PostgreSQL
//! database when TEST_POSTGRES_URL is set) and calls the router in-process.
#![allow(dead_code)]

pub mod http;
pub mod survey;
pub mod webdriver;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use maillage::app::{Actor, AppState, Role, Settings, accounts};
use maillage::db::{self, Db};
use maillage::web::router;
use sqlx::{Connection, Executor};
use std::sync::atomic::{AtomicUsize, Ordering};
use tower::ServiceExt;

static COUNTER: AtomicUsize = AtomicUsize::new(0);

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub db: Db,
    pub state: AppState,
    pub router: Router,
    pub url: String,
    /// An admin API token: requests go as this admin unless they say otherwise.
    pub admin_token: String,
    _dir: Option<TempDir>,
    _pg: Option<PgDatabase>,
}

/// A PostgreSQL test database, dropped when the test ends.
pub struct PgDatabase {
    admin: String,
    name: String,
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        // Drop runs inside the test's runtime: use a thread with its own.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
            rt.block_on(async {
                if let Ok(mut conn) = sqlx::AnyConnection::connect(&admin).await {
                    let _ =
                        conn.execute(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))).await;
                }
            });
        })
        .join();
    }
}

/// A directory removed when the test ends.
pub struct TempDir(pub std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn unique(prefix: &str) -> String {
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{prefix}_{}_{}_{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

pub fn temp_dir() -> TempDir {
    let dir = std::env::temp_dir().join(unique("maillage_test"));
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

/// The PostgreSQL server for tests, if configured.
/// What a PostgreSQL test says when it was asked for (`--features postgres-tests`) without a
/// server.
pub const NEEDS_POSTGRES: &str =
    "the postgres-tests feature needs a server: TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test";

pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_POSTGRES_URL").ok().filter(|u| !u.is_empty())
}

/// A URL for a new, empty database on `backend`; None when PostgreSQL is not configured.
pub async fn fresh_database(backend: Backend) -> Option<(String, Option<TempDir>, Option<PgDatabase>)> {
    match backend {
        Backend::Sqlite => {
            let dir = temp_dir();
            let url = format!("sqlite://{}", dir.0.join("test.db").display());
            Some((url, Some(dir), None))
        }
        Backend::Postgres => {
            let admin = postgres_url()?;
            sqlx::any::install_default_drivers();
            let name = unique("maillage_t");
            let mut conn = sqlx::AnyConnection::connect(&admin).await.expect("TEST_POSTGRES_URL must be reachable");
            conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).await.expect("create test database");
            let (base, query) = admin.split_once('?').map_or((admin.as_str(), ""), |(b, q)| (b, q));
            let base = &base[..base.rfind('/').expect("database in URL")];
            let url = if query.is_empty() { format!("{base}/{name}") } else { format!("{base}/{name}?{query}") };
            Some((url, None, Some(PgDatabase { admin: admin.clone(), name })))
        }
    }
}

/// A state as tests want it: cheap password hashing, loopback host.
pub fn test_state(db: Db) -> AppState {
    AppState::new(db).with_settings(Settings { cheap_hashing: true, ..Default::default() })
}

pub async fn spawn(backend: Backend) -> Option<TestApp> {
    let (url, dir, pg) = fresh_database(backend).await?;
    let db = db::connect(&url).await.expect("connect and migrate");
    let state = test_state(db.clone());
    let (_, admin_token) =
        accounts::create_token(&state, &Actor::Cli, "tests", Role::Admin, None).await.expect("admin token");
    let router = router(state.clone());
    Some(TestApp { db, state, router, url, admin_token, _dir: dir, _pg: pg })
}

#[derive(Debug)]
pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    pub fn location(&self) -> String {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
    }
}

impl TestApp {
    /// Sends as the admin token (unless the request carries its own credentials or says
    /// `x-test-anonymous`), from `localhost`.
    pub async fn send(&self, mut request: Request<Body>) -> Response {
        let headers = request.headers_mut();
        if !headers.contains_key(header::HOST) {
            headers.insert(header::HOST, "localhost".parse().unwrap());
        }
        let anonymous = headers.remove("x-test-anonymous").is_some();
        let has_session = headers
            .get(header::COOKIE)
            .and_then(|c| c.to_str().ok())
            .is_some_and(|c| c.contains(maillage::web::security::SESSION_COOKIE));
        if !anonymous && !headers.contains_key(header::AUTHORIZATION) && !has_session {
            headers.insert(header::AUTHORIZATION, format!("Bearer {}", self.admin_token).parse().unwrap());
        }
        self.send_raw(request).await
    }

    /// Sends the request exactly as it is.
    pub async fn send_raw(&self, request: Request<Body>) -> Response {
        let response = self.router.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
        Response { status, headers, body }
    }

    pub async fn get(&self, uri: &str) -> Response {
        self.send(Request::get(uri).header(header::ACCEPT_LANGUAGE, "en").body(Body::empty()).unwrap()).await
    }

    /// A GET with another API token than the admin's.
    pub async fn get_with_token(&self, uri: &str, token: &str) -> Response {
        let request = Request::get(uri)
            .header(header::ACCEPT_LANGUAGE, "en")
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        self.send(request.body(Body::empty()).unwrap()).await
    }

    pub async fn get_lang(&self, uri: &str, lang: &str) -> Response {
        self.send(Request::get(uri).header(header::COOKIE, format!("lang={lang}")).body(Body::empty()).unwrap()).await
    }

    /// A token of `role`, for requests made as that role.
    pub async fn token(&self, role: Role) -> String {
        accounts::create_token(&self.state, &Actor::Cli, role.code(), role, None).await.expect("token").1
    }

    pub async fn json(&self, method: Method, uri: &str, body: serde_json::Value) -> Response {
        self.send(
            Request::builder()
                .method(method)
                .uri(uri)
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::from(body.to_string()))
                .unwrap(),
        )
        .await
    }

    pub async fn delete(&self, uri: &str) -> Response {
        self.send(Request::delete(uri).body(Body::empty()).unwrap()).await
    }

    pub async fn form(&self, uri: &str, pairs: &[(&str, &str)]) -> Response {
        let body = serde_urlencoded::to_string(pairs).unwrap();
        self.send(
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    pub async fn upload(&self, what: &str, file_name: &str, bytes: &[u8]) -> Response {
        let boundary = "maillage-test-boundary";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"what\"\r\n\r\n{what}\r\n").as_bytes(),
        );
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n")
                .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.send(
            Request::post("/import")
                .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    /// Creates a stakeholder through the API and returns its id.
    pub async fn stakeholder(&self, name: &str, acronym: Option<&str>, level: &str) -> i64 {
        let r = self
            .json(
                Method::POST,
                "/api/stakeholders",
                serde_json::json!({ "name": name, "acronym": acronym, "kind": "administration", "level": level }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()["id"].as_i64().unwrap()
    }

    pub async fn count(&self, table: &'static str) -> i64 {
        use sqlx::Row;
        let sql = match table {
            "stakeholders" => "SELECT COUNT(*) FROM stakeholders",
            "links" => "SELECT COUNT(*) FROM links",
            _ => panic!("unknown table"),
        };
        sqlx::query(sql).fetch_one(&self.db.pool).await.unwrap().get::<i64, _>(0)
    }
}

/// Runs a test body on SQLite and, with the `postgres-tests` feature, on PostgreSQL too (the
/// server TEST_POSTGRES_URL names; missing, the test fails rather than pass untested).
#[macro_export]
macro_rules! on_both {
    ($name:ident, |$app:ident| $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: common::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                run(common::spawn(common::Backend::Sqlite).await.expect("sqlite")).await;
            }

            #[cfg(feature = "postgres-tests")]
            #[tokio::test]
            async fn postgres() {
                run(common::spawn(common::Backend::Postgres).await.expect(common::NEEDS_POSTGRES)).await;
            }
        }
    };
}

/// A signed-in browser session: its cookie header and its form token.
#[derive(Clone, Debug)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub const PASSWORD: &str = "correct horse battery staple";

impl TestApp {
    /// Adds an account with `PASSWORD`.
    pub async fn user(&self, email: &str, role: Role) -> i64 {
        accounts::add_user(&self.state, &Actor::Cli, email, role, Some(PASSWORD))
            .await
            .unwrap_or_else(|e| panic!("user {email} not added: {e:?}"))
            .id
    }

    /// Signs in through the form and returns the session.
    pub async fn login(&self, email: &str, password: &str) -> Result<Session, Response> {
        let body = serde_urlencoded::to_string([("email", email), ("password", password)]).unwrap();
        let r = self
            .send_raw(
                Request::post("/login")
                    .header(header::HOST, "localhost")
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::ACCEPT_LANGUAGE, "en")
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await;
        let Some(cookie) = r
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(maillage::web::security::SESSION_COOKIE))
            .map(|v| v.split(';').next().unwrap().to_owned())
        else {
            return Err(r);
        };
        let page = self.as_session(&cookie, Request::get("/account")).await;
        let html = page.text();
        let csrf = html
            .split("name=\"_csrf\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("no form token on /account: {html}"))
            .to_owned();
        Ok(Session { cookie, csrf })
    }

    /// A new account of `role`, signed in.
    pub async fn session(&self, role: Role) -> Session {
        let email = format!("{}-{}@example.org", role.code(), COUNTER.fetch_add(1, Ordering::Relaxed));
        self.user(&email, role).await;
        self.login(&email, PASSWORD).await.expect("signed in")
    }

    async fn as_session(&self, cookie: &str, builder: axum::http::request::Builder) -> Response {
        self.send_raw(
            builder
                .header(header::HOST, "localhost")
                .header(header::COOKIE, cookie)
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// A GET with a session cookie.
    pub async fn get_as(&self, session: &Session, uri: &str) -> Response {
        self.as_session(&session.cookie, Request::get(uri)).await
    }

    /// A form POST with a session cookie and its form token.
    pub async fn post_as(&self, session: &Session, uri: &str, pairs: &[(&str, &str)]) -> Response {
        let mut pairs = pairs.to_vec();
        pairs.push(("_csrf", &session.csrf));
        let body = serde_urlencoded::to_string(&pairs).unwrap();
        self.send_raw(
            Request::post(uri)
                .header(header::HOST, "localhost")
                .header(header::COOKIE, &session.cookie)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::from(body))
                .unwrap(),
        )
        .await
    }

    /// A GET with no credentials at all.
    pub async fn get_anonymous(&self, uri: &str) -> Response {
        self.send_raw(
            Request::get(uri)
                .header(header::HOST, "localhost")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }
}
