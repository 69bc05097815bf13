//! The server process is killed (SIGKILL) while 100 clients save survey answers and edit
//! records; after a restart every write the server acknowledged is there (SQLite and
//! PostgreSQL).

mod common;

use std::collections::HashMap;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

fn maillage(dir: &std::path::Path, url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(args)
        .args(["--database-url", url])
        .current_dir(dir)
        .env("MAILLAGE_LANG", "en")
        .output()
        .expect("run maillage")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn start(dir: &std::path::Path, url: &str, port: u16) -> std::process::Child {
    let child = Command::new(env!("CARGO_BIN_EXE_maillage"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}"), "--database-url", url])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child
}

async fn kill_while_writing(url: &str) {
    let dir = common::temp_dir();
    let mut csv = String::from("name,kind,level\n");
    for i in 0..100 {
        csv.push_str(&format!("Organisation {i},association,local\n"));
    }
    std::fs::write(dir.0.join("s.csv"), csv).unwrap();
    assert!(maillage(&dir.0, url, &["import", "stakeholders", "s.csv"]).status.success());
    let token =
        String::from_utf8(maillage(&dir.0, url, &["token", "create", "--role", "editor", "--name", "t"]).stdout)
            .unwrap()
            .trim()
            .to_owned();
    let today = time::OffsetDateTime::now_utc().date();
    let day = |d: time::Date| maillage::domain::values::format_date(d);
    let definition = concat!(env!("CARGO_MANIFEST_DIR"), "/surveys/pulse-2023.toml");
    let (opens, closes) = (day(today - time::Duration::days(1)), day(today + time::Duration::days(9)));
    let opened =
        maillage(&dir.0, url, &["survey", "open", definition, "--title", "T", "--opens", &opens, "--closes", &closes]);
    assert!(opened.status.success(), "{}", String::from_utf8_lossy(&opened.stderr));
    let links = String::from_utf8(maillage(&dir.0, url, &["survey", "links", "1"]).stdout).unwrap();
    let paths: Vec<String> = links
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit(',').next())
        .map(|l| l[l.find("/s/").unwrap()..].to_owned())
        .collect();
    assert_eq!(paths.len(), 100);

    let port = free_port();
    let mut server = start(&dir.0, url, port);
    let addr = format!("127.0.0.1:{port}");
    // The last value acknowledged per record, by writer.
    let acknowledged: Arc<Mutex<HashMap<String, usize>>> = Arc::default();
    let mut clients = Vec::new();
    for (c, path) in paths.iter().cloned().enumerate() {
        let (addr, token, ack) = (addr.clone(), token.clone(), acknowledged.clone());
        clients.push(tokio::spawn(async move {
            for n in 0.. {
                let (key, reply) = if c % 2 == 0 {
                    let body = format!("_section=0&_action=save&q.attended=none&q.why_not=marker{n}x");
                    let r = common::http::request(&addr, "POST", &path, Some("application/x-www-form-urlencoded"), body.as_bytes()).await;
                    (format!("draft {path}"), r)
                } else {
                    let id = c / 2 + 1;
                    let body = serde_json::json!({ "name": format!("Organisation {}", id - 1), "kind": "association", "level": "local", "description": format!("marker{n}x") });
                    let r = request_json(&addr, &token, &format!("/api/stakeholders/{id}"), &body.to_string()).await;
                    (format!("record {id}"), r)
                };
                match reply {
                    Ok(r) if r.status < 400 => {
                        ack.lock().unwrap().insert(key, n);
                    }
                    Ok(r) => panic!("{key}: {} {}", r.status, r.text()),
                    Err(_) => return, // The server is gone.
                }
            }
        }));
    }
    // Killed once the clients have written for a while: a loaded machine takes longer to get
    // there, so the test waits for the writes rather than for a fixed time.
    let since = std::time::Instant::now();
    while acknowledged.lock().unwrap().len() < 60 && since.elapsed() < Duration::from_secs(60) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    for c in clients {
        c.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() > 50, "clients wrote before the kill: {}", acknowledged.len());

    // Restarted, the server serves again, and every acknowledged value is there (or a later one
    // whose answer the kill cut off).
    let mut server = start(&dir.0, url, port);
    let db = maillage::db::connect(url).await.unwrap();
    use sqlx::Row;
    let drafts: HashMap<i64, String> = sqlx::query("SELECT invitation_id, answers FROM responses")
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("invitation_id"), r.get("answers")))
        .collect();
    let records: HashMap<i64, Option<String>> = sqlx::query("SELECT id, description FROM stakeholders")
        .fetch_all(&db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("id"), r.get("description")))
        .collect();
    let marker = |text: &str| -> Option<usize> {
        let i = text.find("marker")?;
        text[i + 6..].split('x').next()?.parse().ok()
    };
    let invitation_of: HashMap<String, i64> = {
        let mut conn = db.pool.acquire().await.unwrap();
        let invitees = maillage::store::campaigns::invitees(&mut conn, 1).await.unwrap();
        let secret = maillage::survey::token::Secret::load(None, &dir.0.join("maillage.secret")).unwrap();
        invitees.iter().map(|i| (format!("/s/{}", secret.token(i.invitation_id)), i.invitation_id)).collect()
    };
    let mut checked = 0;
    for (key, n) in &acknowledged {
        let stored = if let Some(path) = key.strip_prefix("draft ") {
            drafts.get(&invitation_of[path]).and_then(|a| marker(a))
        } else {
            let id: i64 = key.strip_prefix("record ").unwrap().parse().unwrap();
            records.get(&id).cloned().flatten().and_then(|d| marker(&d))
        };
        assert!(stored.is_some_and(|s| s >= *n), "{key}: acknowledged {n}, stored {stored:?}");
        checked += 1;
    }
    assert!(common::http::request(&addr, "GET", "/healthz", None, b"").await.unwrap().status == 200);
    server.kill().unwrap();
    server.wait().unwrap();
    let total: usize = acknowledged.values().map(|n| n + 1).sum();
    let kind = if url.starts_with("sqlite") { "SQLite" } else { "PostgreSQL" };
    eprintln!(
        "killed mid-writes ({kind}): {total} writes acknowledged to {checked} records; the last of each present after restart"
    );
}

async fn request_json(addr: &str, token: &str, path: &str, body: &str) -> std::io::Result<common::http::Reply> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await?;
    let head = format!(
        "PUT {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw);
    let status =
        text.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| std::io::Error::other("no reply"))?;
    Ok(common::http::Reply { status, headers: Vec::new(), body: raw })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_sqlite_server_keeps_every_acknowledged_write() {
    let dir = common::temp_dir();
    kill_while_writing(&format!("sqlite://{}", dir.0.join("crash.db").display())).await;
}

#[cfg(feature = "postgres-tests")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_on_postgresql_keeps_every_acknowledged_write() {
    let (url, _dir, _pg) = common::fresh_database(common::Backend::Postgres).await.expect(common::NEEDS_POSTGRES);
    kill_while_writing(&url).await;
}
