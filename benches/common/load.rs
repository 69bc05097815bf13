//! Load: 200 respondents answer the consultation at the same time, each through the whole
//! questionnaire (a page view, four sections, the submission with three named partners),
//! against a real server on a local socket. Prints throughput and p50/p99 latencies, then
//! checks that every acknowledged submission is in the database. Used by the `survey_load`
//! and `scale` benches.

#[path = "../../tests/common/http.rs"]
pub mod http;

use maillage::store;
use maillage::survey::token::Secret;
use maillage::web::{AppState, serve};
use sqlx::Row;
use std::time::{Duration, Instant};

const RESPONDENTS: usize = 200;
const FORM: &str = "application/x-www-form-urlencoded";

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// One respondent's requests, in order: (what, method, body).
fn script(me: i64, partners: &[i64]) -> Vec<(&'static str, &'static str, String)> {
    let enc = |pairs: &[(String, String)]| serde_urlencoded::to_string(pairs).unwrap();
    let s = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    let mut network = vec![s("_section", "2"), s("_action", "next")];
    for p in partners {
        network.push(s("q.partners.tie", &format!("s{p}")));
        for (a, v) in [("link_type", "coordinates"), ("frequency", "monthly"), ("formal", "no"), ("satisfaction", "4")]
        {
            network.push(s(&format!("q.partners.s{p}.{a}"), v));
        }
    }
    vec![
        ("page", "GET", String::new()),
        (
            "section",
            "POST",
            enc(&[
                s("_section", "0"),
                s("_action", "next"),
                s("q.entry.confirm", "yes"),
                s("q.respondent_role", &format!("Responsable {me}")),
            ]),
        ),
        (
            "section",
            "POST",
            enc(&[
                s("_section", "1"),
                s("_action", "next"),
                s("q.sectors", "social_aid"),
                s("q.sectors", "health"),
                s("q.people_reached", "50-199"),
                s("q.staff", "2,5"),
            ]),
        ),
        ("section", "POST", enc(&network)),
        (
            "section",
            "POST",
            enc(&[
                s("_section", "3"),
                s("_action", "next"),
                s("q.clarity_roles", "2"),
                s("q.information_flow", "3"),
                s("q.duplication", "4"),
                s("q.referral_speed", "2"),
                s("q.what_works", "Les réunions provinciales."),
            ]),
        ),
        ("submit", "POST", enc(&[s("_section", "4"), s("_action", "submit"), s("q.mechanism_level", "provincial")])),
    ]
}

/// One load run; returns (requests per second, p99 latency in ms) of the respondents' requests.
pub async fn run(label: &str, url: &str) -> (f64, f64) {
    println!("\n== {label}: {RESPONDENTS} concurrent respondents ==");
    let db = maillage::db::connect(url).await.unwrap();
    let secret = Secret::new(vec![9u8; 32]).unwrap();
    // An inventory of 1,000 stakeholders; the first 200 are invited.
    let mut tx = db.pool.begin().await.unwrap();
    let reference = store::reference::load(&mut tx).await.unwrap();
    let (stakeholders, _) = super::generated(&reference, 1000, 0);
    let mut ids = Vec::new();
    for s in &stakeholders {
        ids.push(store::stakeholders::create(&mut tx, &s.data).await.unwrap());
    }
    let today = time::OffsetDateTime::now_utc().date();
    let day = |d: time::Date| maillage::domain::values::format_date(d);
    let campaign = store::campaigns::NewCampaign {
        title: "Charge",
        definition_id: "consultation-2023",
        definition_version: 1,
        definition: include_str!("../../surveys/consultation-2023.toml"),
        opens_on: &day(today),
        closes_on: &day(today + time::Duration::days(10)),
    };
    let invited = &ids[..RESPONDENTS];
    let invited: Vec<(i64, &str)> = invited.iter().map(|&s| (s, "fr")).collect();
    store::campaigns::open(&mut tx, &campaign, &invited, &|i| secret.token_hash(i)).await.unwrap();
    tx.commit().await.unwrap();
    let mut conn = db.pool.acquire().await.unwrap();
    let invitees = store::campaigns::invitees(&mut conn, 1).await.unwrap();
    drop(conn);

    // The backlog `maillage serve` uses (the default 128 drops a burst of 200 connections).
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1024).unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let state = AppState::new(db.clone());
    let (_, token) = maillage::app::accounts::create_token(
        &state,
        &maillage::app::Actor::Cli,
        "bench",
        maillage::app::Role::Editor,
        None,
    )
    .await
    .unwrap();
    let bearer = format!("Bearer {token}");
    let server = tokio::spawn(serve(listener, state, async {
        let _ = stopped.await;
    }));

    let mut rng = super::Rng(7);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (n, inv) in invitees.iter().enumerate() {
        let path = format!("/s/{}", secret.token(inv.invitation_id));
        // Both neighbours (who name this respondent back: reciprocated ties) and one other.
        let far = (n + 52 + rng.below(RESPONDENTS - 104)) % RESPONDENTS;
        let at = |k: usize| invitees[k % RESPONDENTS].stakeholder_id;
        let partners = vec![at(n + 1), at(n + RESPONDENTS - 1), at(far)];
        let steps = script(inv.stakeholder_id, &partners);
        let addr = addr.clone();
        tasks.push(tokio::spawn(async move {
            let mut timings: Vec<(&'static str, f64)> = Vec::new();
            let mut acknowledged = false;
            for (what, method, body) in steps {
                let t = Instant::now();
                let ct = (method == "POST").then_some(FORM);
                let reply = match http::request(&addr, method, &path, ct, body.as_bytes()).await {
                    Ok(r) => r,
                    Err(e) => return (timings, false, Some(format!("{what}: {e}"))),
                };
                timings.push((what, t.elapsed().as_secs_f64() * 1000.0));
                let ok = if method == "GET" { reply.status == 200 } else { reply.status == 303 };
                if !ok {
                    return (timings, false, Some(format!("{what}: HTTP {} {}", reply.status, reply.text())));
                }
                if what == "submit" {
                    acknowledged = reply.header("location").is_some_and(|l| l.ends_with("?done=1"));
                }
            }
            (timings, acknowledged, None)
        }));
    }
    let mut all = Vec::new();
    let mut by_kind: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    let mut acknowledged = 0;
    let mut failures = Vec::new();
    for t in tasks {
        let (timings, ack, failure) = t.await.unwrap();
        for (what, ms) in timings {
            all.push(ms);
            by_kind.entry(what).or_default().push(ms);
        }
        acknowledged += usize::from(ack);
        failures.extend(failure);
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_by(f64::total_cmp);
    let (requests_per_second, p99) = (all.len() as f64 / elapsed, percentile(&all, 0.99));
    println!(
        "{} requests in {elapsed:.2} s: {:.0} requests/s, {:.1} complete questionnaires/s",
        all.len(),
        all.len() as f64 / elapsed,
        acknowledged as f64 / elapsed
    );
    println!(
        "all requests: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&all, 0.5),
        percentile(&all, 0.99),
        all.last().copied().unwrap_or(0.0)
    );
    for (what, mut v) in by_kind {
        v.sort_by(f64::total_cmp);
        println!(
            "  {what:<8} n={:<5} p50 {:>7.1} ms  p99 {:>7.1} ms",
            v.len(),
            percentile(&v, 0.5),
            percentile(&v, 0.99)
        );
    }
    println!("acknowledged submissions: {acknowledged} / {RESPONDENTS}; failures: {}", failures.len());
    for f in failures.iter().take(5) {
        println!("  failure: {}", f.chars().take(200).collect::<String>());
    }

    // Every acknowledged submission is in the database, with its three ties.
    let count = |sql: &'static str| {
        let pool = db.pool.clone();
        async move { sqlx::query(sql).fetch_one(&pool).await.unwrap().get::<i64, _>(0) }
    };
    let submitted = count("SELECT COUNT(*) FROM invitations WHERE submitted_at IS NOT NULL").await;
    let responses = count("SELECT COUNT(*) FROM responses WHERE submitted_at IS NOT NULL").await;
    let ties = count("SELECT COUNT(*) FROM ties").await;
    let links = count("SELECT COUNT(*) FROM links WHERE provenance LIKE 'survey:%'").await;
    let confirmed = count("SELECT COUNT(*) FROM links WHERE provenance LIKE 'survey:%' AND confirmed = 1").await;
    println!(
        "in the database: {submitted} submitted invitations, {responses} submitted responses, {ties} ties → {links} links ({confirmed} reciprocated)"
    );
    assert_eq!(submitted as usize, acknowledged, "every acknowledged submission is stored");
    assert_eq!(responses as usize, acknowledged);
    assert_eq!(ties as usize, acknowledged * 3);
    let pairs = count(
        "SELECT COUNT(*) FROM (SELECT DISTINCT CASE WHEN respondent_id < alter_id THEN respondent_id ELSE alter_id END, \
         CASE WHEN respondent_id < alter_id THEN alter_id ELSE respondent_id END FROM ties) p",
    )
    .await;
    assert_eq!(links, pairs, "one link per pair named, however the submissions raced");
    // The coordinators' view of these 200 responses.
    for path in ["/campaigns/1", "/campaigns/1/responses.csv", "/campaigns/1/ties.csv", "/campaigns/1/review"] {
        let t = Instant::now();
        let reply = http::request_with(&addr, "GET", path, &[("Authorization", &bearer)], None, b"").await.unwrap();
        assert_eq!(reply.status, 200, "{path}");
        println!("GET {path:<28} {:>6.1} ms ({} bytes)", t.elapsed().as_secs_f64() * 1000.0, reply.body.len());
    }
    let _ = stop.send(());
    let _ = tokio::time::timeout(Duration::from_secs(10), server).await;
    (requests_per_second, p99)
}
