//! Just enough of the W3C WebDriver protocol to drive headless Chromium through chromedriver.
#![allow(dead_code)]

use super::http::request;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::Duration;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Driver {
    addr: String,
    session: String,
    _process: tokio::process::Child,
}

impl Driver {
    /// Starts chromedriver and a headless Chromium emulating a `width`×`height` phone.
    pub async fn start(chromium: &std::path::Path, driver: &std::path::Path, width: u32, height: u32) -> Driver {
        let device = json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true } });
        Driver::launch(chromium, driver, Some(device), None).await
    }

    /// Starts chromedriver and a headless desktop Chromium with a `width`×`height` window.
    pub async fn start_desktop(
        chromium: &std::path::Path,
        driver: &std::path::Path,
        width: u32,
        height: u32,
    ) -> Driver {
        Driver::launch(chromium, driver, None, Some(format!("--window-size={width},{height}"))).await
    }

    async fn launch(
        chromium: &std::path::Path,
        driver: &std::path::Path,
        device: Option<Value>,
        window: Option<String>,
    ) -> Driver {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let process = tokio::process::Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver starts");
        let addr = format!("127.0.0.1:{port}");
        for _ in 0..100 {
            if request(&addr, "GET", "/status", None, b"").await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = std::env::temp_dir().join(format!("maillage-chrome-{port}"));
        let mut args = vec![
            "--headless".to_owned(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-background-networking".into(),
            "--disable-dev-shm-usage".into(),
            "--no-first-run".into(),
            "--hide-scrollbars".into(),
            format!("--user-data-dir={}", profile.display()),
        ];
        args.extend(window);
        let mut options = json!({ "binary": chromium.display().to_string(), "args": args });
        if let Some(device) = device {
            options["mobileEmulation"] = device;
        }
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": options,
            "goog:loggingPrefs": { "browser": "ALL" }
        }}});
        let mut driver = Driver { addr, session: String::new(), _process: process };
        // Chromium may fail to start on a loaded machine ("Chrome instance exited"): a few tries.
        for attempt in 1..=3 {
            let (status, reply) = driver.try_call("POST", "/session", Some(caps.clone())).await;
            if status < 400 {
                driver.session = reply["value"]["sessionId"].as_str().expect("a session").to_owned();
                return driver;
            }
            assert!(attempt < 3, "WebDriver POST /session: {status} {reply}");
            eprintln!("Chromium did not start (try {attempt} of 3): {reply}");
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        unreachable!("three tries")
    }

    /// One WebDriver call: its HTTP status and its whole reply (`{"value": …}`).
    async fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let reply = tokio::time::timeout(
            Duration::from_secs(60),
            request(&self.addr, method, path, Some("application/json"), body.as_bytes()),
        )
        .await
        .expect("WebDriver answered in time")
        .expect("WebDriver reachable");
        (reply.status, serde_json::from_slice(&reply.body).unwrap_or(Value::Null))
    }

    async fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let reply = tokio::time::timeout(
            Duration::from_secs(60),
            request(&self.addr, method, path, Some("application/json"), body.as_bytes()),
        )
        .await
        .expect("WebDriver answered in time")
        .expect("WebDriver reachable");
        let value: Value = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
        assert!(reply.status < 400, "WebDriver {method} {path}: {} {}", reply.status, reply.text());
        value.get("value").cloned().unwrap_or(Value::Null)
    }

    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    pub async fn goto(&self, url: &str) {
        self.call("POST", &self.path("/url"), Some(json!({ "url": url }))).await;
    }

    pub async fn find(&self, css: &str) -> String {
        let v = self.call("POST", &self.path("/element"), Some(json!({ "using": "css selector", "value": css }))).await;
        v[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}: {v}")).to_owned()
    }

    /// Clicks like a finger would: the element is scrolled to the middle of the screen first
    /// so that the sticky action bar does not cover it.
    pub async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.script("arguments[0].scrollIntoView({block: 'center'});", vec![json!({ ELEMENT: id })]).await;
        self.call("POST", &self.path(&format!("/element/{id}/click")), Some(json!({}))).await;
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.script("arguments[0].scrollIntoView({block: 'center'});", vec![json!({ ELEMENT: id })]).await;
        self.call("POST", &self.path(&format!("/element/{id}/clear")), Some(json!({}))).await;
        self.call("POST", &self.path(&format!("/element/{id}/value")), Some(json!({ "text": text }))).await;
    }

    /// Moves fingers (or a mouse) as WebDriver actions say, each source a list of steps done
    /// tick by tick, then lifts everything.
    pub async fn actions(&self, sources: Value) {
        self.call("POST", &self.path("/actions"), Some(json!({ "actions": sources }))).await;
        self.call("DELETE", &self.path("/actions"), None).await;
    }

    pub async fn script(&self, script: &str, args: Vec<Value>) -> Value {
        self.call("POST", &self.path("/execute/sync"), Some(json!({ "script": script, "args": args }))).await
    }

    /// Has Chromium run `source` in every document it opens from now on, before the page's
    /// own scripts (DevTools' Page.addScriptToEvaluateOnNewDocument, through chromedriver).
    pub async fn on_every_page(&self, source: &str) {
        let params = json!({ "cmd": "Page.addScriptToEvaluateOnNewDocument", "params": { "source": source } });
        self.call("POST", &self.path("/goog/cdp/execute"), Some(params)).await;
    }

    /// Runs an asynchronous script: it ends by calling its last argument with the result.
    pub async fn script_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.call("POST", &self.path("/execute/async"), Some(json!({ "script": script, "args": args }))).await
    }

    /// Waits until `script` returns true (up to 10 s).
    pub async fn wait_for(&self, script: &str) {
        assert!(self.waited_for(script).await, "timed out waiting for: {script}");
    }

    /// Whether `script` returned true within 10 s.
    pub async fn waited_for(&self, script: &str) -> bool {
        for _ in 0..100 {
            if self.script(script, vec![]).await == Value::Bool(true) {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }

    pub async fn text(&self) -> String {
        self.script("return document.body.innerText;", vec![]).await.as_str().unwrap_or_default().to_owned()
    }

    pub async fn screenshot(&self, file: &std::path::Path) -> Vec<u8> {
        use base64::Engine;
        let v = self.call("GET", &self.path("/screenshot"), None).await;
        let png =
            base64::engine::general_purpose::STANDARD.decode(v.as_str().expect("base64 PNG")).expect("valid base64");
        std::fs::write(file, &png).expect("screenshot written");
        png
    }

    /// The console messages since the last call (Chromium's log through chromedriver).
    pub async fn console(&self) -> Vec<String> {
        let v = self.call("POST", &self.path("/se/log"), Some(json!({ "type": "browser" }))).await;
        v.as_array().into_iter().flatten().filter_map(|e| e["message"].as_str().map(str::to_owned)).collect()
    }

    /// Signs in through the page's form.
    pub async fn login(&self, base: &str, email: &str, password: &str) {
        self.goto(&format!("{base}/login")).await;
        self.type_into("#email", email).await;
        self.type_into("#password", password).await;
        self.click("form[action='/login'] button[type='submit']").await;
        self.wait_for("return !document.location.pathname.startsWith('/login');").await;
    }

    pub async fn quit(self) {
        self.call("DELETE", &self.path(""), None).await;
    }
}

pub fn chromium() -> PathBuf {
    let path = std::env::var("CHROMIUM").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from("/usr/bin/chromium"));
    assert!(path.exists(), "the browser-tests feature needs Chromium, but {} is missing", path.display());
    path
}

/// Runs a browser flow on a thread with a large stack: each flow is one long future, too large
/// for a test thread's default stack in debug builds.
pub fn on_a_large_stack<F: std::future::Future<Output = ()> + 'static>(flow: fn() -> F) {
    std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap().block_on(flow())
        })
        .unwrap()
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
}

/// A server on a random port for the browser, and how to stop it.
pub async fn start_server(
    app: &super::TestApp,
) -> (String, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<std::io::Result<()>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(maillage::web::serve(listener, app.state.clone(), async {
        let _ = stopped.await;
    }));
    (base, stop, server)
}

pub fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("../screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn chromedriver() -> PathBuf {
    let path =
        std::env::var("CHROMEDRIVER").map(PathBuf::from).unwrap_or_else(|_| PathBuf::from("/usr/bin/chromedriver"));
    assert!(
        path.exists(),
        "chromedriver is needed with Chromium (Debian: chromium-driver); {} is missing",
        path.display()
    );
    path
}
