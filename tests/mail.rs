//! Sending the personal links by SMTP, to a fake relay that records what it receives.

mod common;

use axum::http::StatusCode;
use maillage::store::campaigns::{NewCampaign, invitees, open};
use maillage::survey::mail::Mailer;
use maillage::survey::token::Secret;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A minimal SMTP server: accepts every message and keeps (recipient, data).
/// A message's subject, its RFC 2047 encoded words decoded (`=?utf-8?b?…?=`).
fn subject(data: &str) -> String {
    use base64::Engine;
    let mut lines = data.lines().skip_while(|l| !l.starts_with("Subject: "));
    let mut raw = lines.next().unwrap_or_default().trim_start_matches("Subject: ").to_owned();
    for folded in lines.take_while(|l| l.starts_with([' ', '\t'])) {
        raw.push_str(folded);
    }
    // Whitespace between two encoded words is not part of the text (RFC 2047, 6.2).
    let mut out = String::new();
    let mut last_encoded = false;
    for word in raw.split_whitespace() {
        let decoded = word
            .strip_prefix("=?utf-8?b?")
            .and_then(|w| w.strip_suffix("?="))
            .map(|b64| String::from_utf8(base64::engine::general_purpose::STANDARD.decode(b64).unwrap()).unwrap());
        let joined = last_encoded && decoded.is_some();
        if !out.is_empty() && !joined {
            out.push(' ');
        }
        last_encoded = decoded.is_some();
        out.push_str(&decoded.unwrap_or_else(|| word.to_owned()));
    }
    out
}

async fn fake_relay() -> (String, Arc<Mutex<Vec<(String, String)>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let received = Arc::new(Mutex::new(Vec::new()));
    let store = received.clone();
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else { return };
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 fake ESMTP\r\n").await.unwrap();
                let mut rcpt = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    let upper = line.to_ascii_uppercase();
                    let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                        b"250 fake\r\n"
                    } else if upper.starts_with("RCPT TO:") {
                        rcpt = line[8..].trim().trim_matches(|c| c == '<' || c == '>').to_owned();
                        b"250 ok\r\n"
                    } else if upper.starts_with("DATA") {
                        write.write_all(b"354 go on\r\n").await.unwrap();
                        let mut data = String::new();
                        while let Ok(Some(l)) = lines.next_line().await {
                            if l == "." {
                                break;
                            }
                            data.push_str(&l);
                            data.push('\n');
                        }
                        store.lock().unwrap().push((rcpt.clone(), data));
                        b"250 queued\r\n"
                    } else if upper.starts_with("QUIT") {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        return;
                    } else {
                        b"250 ok\r\n"
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (addr, received)
}

on_both!(invitations_and_reminders_go_out_by_smtp_with_each_personal_link, |app| {
    let a = app.stakeholder("CPAS de Namur", None, "local").await;
    let b = app.stakeholder("CPAS de Liège", None, "local").await;
    let c = app.stakeholder("Sans adresse", None, "local").await;
    for (id, email) in [(a, "accueil@cpas-namur.be"), (b, "info@cpas-liege.be")] {
        let mut s = app.get(&format!("/api/stakeholders/{id}")).await.json();
        s["email"] = email.into();
        let r = app.json(axum::http::Method::PUT, &format!("/api/stakeholders/{id}"), s).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }
    let secret = Secret::new(vec![5u8; 32]).unwrap();
    let mut tx = app.db.pool.begin().await.unwrap();
    let campaign = NewCampaign {
        title: "Consultation 2023",
        definition_id: "pulse-2023",
        definition_version: 1,
        definition: include_str!("../surveys/pulse-2023.toml"),
        opens_on: "2023-01-01",
        closes_on: "2099-12-31",
    };
    let id = open(&mut tx, &campaign, &[(a, "fr"), (b, "fr"), (c, "fr")], &|i| secret.token_hash(i)).await.unwrap();
    tx.commit().await.unwrap();
    sqlx::query("UPDATE invitations SET submitted_at = '2023-02-01' WHERE stakeholder_id = $1")
        .bind(b)
        .execute(&app.db.pool)
        .await
        .unwrap();

    let (addr, received) = fake_relay().await;
    let mailer = Mailer::new(&format!("smtp://{addr}"), "Coordination Ukraine <coordination@example.be>").unwrap();
    let mut conn = app.db.pool.acquire().await.unwrap();
    let list = invitees(&mut conn, id).await.unwrap();
    let campaign = maillage::store::campaigns::get(&mut conn, id).await.unwrap().unwrap();
    let everyone: Vec<_> = list.iter().collect();
    let notice = |l: maillage::i18n::Lang| app.state.settings.privacy_notice(l);
    let report = mailer.send(&campaign, &everyone, &secret, "https://maillage.example.be", false, &notice).await;
    assert_eq!(report.sent, 2);
    assert_eq!(report.without_email, ["Sans adresse"]);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    {
        let got = received.lock().unwrap();
        assert_eq!(got.len(), 2);
        for i in list.iter().filter(|i| i.email.is_some()) {
            let (to, data) = got.iter().find(|(to, _)| Some(to.as_str()) == i.email.as_deref()).expect("sent to each");
            let link = format!("https://maillage.example.be/s/{}", secret.token(i.invitation_id));
            assert!(data.contains(&link), "{to} gets its own link: {data}");
            // The questionnaire's own title, in the invitee's language (French here).
            assert_eq!(subject(data), "Baromètre du mécanisme de coordination", "{data}");
            // The privacy notice a respondent is owed (GDPR art. 13), in the invitation.
            let unfolded = data.replace("=\r\n", "").replace("=\n", "");
            assert!(unfolded.contains("www.autoriteprotectiondonnees.be") && unfolded.contains("24 mois"), "{data}");
        }
    }
    // Reminders go to those who have not answered.
    let pending: Vec<_> = list.iter().filter(|i| !i.submitted).collect();
    let own = |_: maillage::i18n::Lang| "Responsable : ASBL Exemple, dpo@exemple.be".to_owned();
    let report = mailer.send(&campaign, &pending, &secret, "https://maillage.example.be", true, &own).await;
    assert_eq!(report.sent, 1);
    let got = received.lock().unwrap();
    assert_eq!(got.len(), 3);
    assert_eq!(got[2].0, "accueil@cpas-namur.be");
    assert!(got[2].1.contains("Rappel"), "French by default: {}", got[2].1);
    assert!(got[2].1.contains("dpo@exemple.be"), "the deployment's own notice: {}", got[2].1);

    assert!(Mailer::new("smtps://x", "a@b.be").is_err(), "only plain SMTP to a relay");
});

on_both!(a_forgotten_password_is_reset_through_a_link_sent_by_email_without_telling_who_has_an_account, |app| {
    use axum::body::Body;
    use axum::http::{Request, header};
    let (addr, received) = fake_relay().await;
    let mailer = Mailer::new(&format!("smtp://{addr}"), "Maillage <maillage@example.be>").unwrap();
    let state = app.state.clone().with_mailer(mailer);
    let router = maillage::web::router(state);
    app.user("forgetful@example.org", maillage::app::Role::Editor).await;
    let post = |email: &'static str| {
        let router = router.clone();
        async move {
            use tower::ServiceExt;
            let r = router
                .oneshot(
                    Request::post("/forgot")
                        .header(header::HOST, "localhost")
                        .header(header::ACCEPT_LANGUAGE, "en")
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .body(Body::from(format!("email={email}")))
                        .unwrap(),
                )
                .await
                .unwrap();
            let status = r.status();
            let body = http_body_util::BodyExt::collect(r.into_body()).await.unwrap().to_bytes();
            (status, String::from_utf8_lossy(&body).into_owned())
        }
    };
    let (status, known) = post("forgetful@example.org").await;
    assert_eq!(status, StatusCode::OK);
    let (_, unknown) = post("nobody@example.org").await;
    assert_eq!(known, unknown, "the same answer whether an account exists or not");
    let mail = {
        let got = received.lock().unwrap();
        assert_eq!(got.len(), 1, "one e-mail, to the account that exists");
        assert_eq!(got[0].0, "forgetful@example.org");
        got[0].1.clone()
    };
    // The link as sent (quoted-printable may wrap long lines with a soft break).
    let unfolded = mail.replace("=\n", "");
    let token = unfolded.split("/welcome/").nth(1).unwrap().chars().take(64).collect::<String>();
    let new_password = "a brand new sentence to remember";
    let r = app
        .send(
            Request::post(format!("/welcome/{token}"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("x-test-anonymous", "1")
                .body(Body::from(format!("password={}", new_password.replace(' ', "+"))))
                .unwrap(),
        )
        .await;
    assert_eq!(r.location(), "/login", "{}", r.text());
    assert!(app.login("forgetful@example.org", new_password).await.is_ok(), "the new password works");
    assert!(app.login("forgetful@example.org", common::PASSWORD).await.is_err(), "the old one no longer");
});

// A stakeholder acting on Eupen (a German-speaking commune) is invited in German, e-mail and
// page; one of Namur in French; one whose language a coordinator chose, in that language. A
// respondent can switch, among the questionnaire's languages.
on_both!(each_invitation_goes_out_in_its_stakeholder_s_language, |app| {
    use maillage::app::campaigns::{OpenRequest, open as open_campaign};
    let mut ids = Vec::new();
    for (name, commune) in [("ÖSHZ Eupen", "Eupen"), ("CPAS de Namur", "Namur"), ("Stad Luik", "Liège")] {
        let r = app
            .json(
                axum::http::Method::POST,
                "/api/stakeholders",
                serde_json::json!({ "name": name, "kind": "public_authority", "level": "local",
                    "territory": [commune], "email": format!("{}@example.be", ids.len()) }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        ids.push(r.json()["id"].as_i64().unwrap());
    }
    // A coordinator chooses Dutch for the third; the change log says so.
    let editor = app.session(maillage::app::Role::Editor).await;
    let r = app.post_as(&editor, &format!("/stakeholders/{}/language", ids[2]), &[("lang", "nl")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let page = app.get_as(&editor, &format!("/stakeholders/{}", ids[0])).await.text();
    assert!(page.contains("Deutsch (from its communes)"), "Eupen's default is shown: {page}");
    let page = app.get_as(&editor, &format!("/stakeholders/{}", ids[2])).await.text();
    assert!(page.contains("Nederlands (chosen by a coordinator)"), "{page}");
    let log = app.get_as(&editor, &format!("/changes?kind=stakeholder&record={}", ids[2])).await.text();
    assert!(log.contains("survey language"), "the choice is in the change log: {log}");

    let request = OpenRequest {
        definition: include_str!("../surveys/pulse-2023.toml"),
        title: "Baromètre 2023",
        opens: "2023-01-01",
        closes: "2099-12-31",
        invite: Default::default(),
    };
    let opened = open_campaign(&app.state, &maillage::app::Actor::Cli, &request).await.unwrap();
    let mut conn = app.db.pool.acquire().await.unwrap();
    let list = invitees(&mut conn, opened.id).await.unwrap();
    let lang_of = |id: i64| list.iter().find(|i| i.stakeholder_id == id).unwrap().lang.clone();
    assert_eq!([lang_of(ids[0]), lang_of(ids[1]), lang_of(ids[2])], ["de", "fr", "nl"]);

    let (addr, received) = fake_relay().await;
    let mailer = Mailer::new(&format!("smtp://{addr}"), "Coordination Ukraine <coordination@example.be>").unwrap();
    let campaign = maillage::store::campaigns::get(&mut conn, opened.id).await.unwrap().unwrap();
    let everyone: Vec<_> = list.iter().collect();
    let notice = |l: maillage::i18n::Lang| app.state.settings.privacy_notice(l);
    let report = mailer.send(&campaign, &everyone, &app.state.secret, "https://m.example.be", false, &notice).await;
    assert_eq!(report.sent, 3, "{:?}", report.failed);
    let got = received.lock().unwrap().clone();
    let mail_to = |n: usize| got.iter().find(|(to, _)| *to == format!("{n}@example.be")).unwrap().1.clone();
    let german = mail_to(0);
    assert_eq!(subject(&german), "Kurzbefragung zum Koordinierungsmechanismus");
    let unfolded = german.replace("=\r\n", "").replace("=\n", "");
    assert!(unfolded.contains("Guten Tag,") && unfolded.contains("Datenschutz."), "{german}");
    assert!(unfolded.contains("31. Dezember 2099"), "the date the German way: {unfolded}");
    assert_eq!(subject(&mail_to(1)), "Baromètre du mécanisme de coordination");
    assert_eq!(subject(&mail_to(2)), "Peiling over het coördinatiemechanisme");

    // The page opens in German; the switch offers the questionnaire's languages and is obeyed.
    let eupen = list.iter().find(|i| i.stakeholder_id == ids[0]).unwrap();
    let link = format!("/s/{}", app.state.secret.token(eupen.invitation_id));
    let page = app.get(&link).await.text();
    assert!(page.contains("<html lang=\"de\">") && page.contains("Speichern und weiter"), "{page}");
    assert!(page.contains("hreflang=\"uk\""), "Ukrainian is offered: the questionnaire has it");
    let page = app.get_lang(&link, "fr").await.text();
    assert!(page.contains("<html lang=\"fr\">") && page.contains("Baromètre du mécanisme de coordination"), "{page}");
});
