//! Survey campaigns: invitations with personal links whose tokens are never stored.

mod common;

use common::survey::{answer_all, consultation};

use axum::http::StatusCode;
use maillage::store::campaigns::{NewCampaign, by_token_hash, invitees, open};
use maillage::survey::token::{Secret, hash};
use sqlx::Row;

on_both!(opening_a_campaign_invites_each_stakeholder_with_a_link_only_its_hash_stored, |app| {
    let a = app.stakeholder("CPAS de Namur", None, "local").await;
    let b = app.stakeholder("CPAS de Liège", None, "local").await;
    let secret = Secret::new(vec![42u8; 32]).unwrap();
    let text = include_str!("../surveys/pulse-2023.toml");
    let mut tx = app.db.pool.begin().await.unwrap();
    let campaign = NewCampaign {
        title: "Baromètre T2",
        definition_id: "pulse-2023",
        definition_version: 1,
        definition: text,
        opens_on: "2023-04-01",
        closes_on: "2023-06-30",
    };
    let id = open(&mut tx, &campaign, &[(a, "fr"), (b, "fr")], &|i| secret.token_hash(i)).await.unwrap();
    tx.commit().await.unwrap();

    let mut conn = app.db.pool.acquire().await.unwrap();
    let list = invitees(&mut conn, id).await.unwrap();
    assert_eq!(list.iter().map(|i| i.stakeholder_id).collect::<Vec<_>>(), [b, a], "ordered by name");
    for i in &list {
        let token = secret.token(i.invitation_id);
        assert_eq!(
            by_token_hash(&mut conn, &hash(&token)).await.unwrap(),
            Some((i.invitation_id, id, i.stakeholder_id))
        );
        let stored: Vec<String> = sqlx::query("SELECT token_hash FROM invitations")
            .fetch_all(&mut *conn)
            .await
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        assert!(stored.contains(&hash(&token)));
        assert!(!stored.contains(&token), "the token itself is never stored");
    }
    assert_eq!(by_token_hash(&mut conn, &hash(&"0".repeat(40))).await.unwrap(), None, "a wrong token opens nothing");
    let other = Secret::new(vec![1u8; 32]).unwrap();
    assert_eq!(
        by_token_hash(&mut conn, &hash(&other.token(list[0].invitation_id))).await.unwrap(),
        None,
        "another secret's link opens nothing"
    );
    let snapshot: String = sqlx::query("SELECT definition FROM campaigns WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .unwrap()
        .get(0);
    assert_eq!(snapshot, text, "the campaign keeps its questionnaire's text");
});

async fn links_between(app: &common::TestApp, a: i64, b: i64) -> Vec<(String, bool, bool, i64)> {
    sqlx::query(
        "SELECT provenance, confirmed, archived, strength FROM links WHERE (source_id = $1 AND target_id = $2) \
         OR (source_id = $2 AND target_id = $1) ORDER BY id",
    )
    .bind(a)
    .bind(b)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get::<i64, _>(1) != 0, r.get::<i64, _>(2) != 0, r.get(3)))
    .collect()
}

on_both!(a_respondent_drafts_comes_back_submits_amends_until_the_campaign_closes, |app| {
    let cpas = app.stakeholder("CPAS de Namur", None, "local").await;
    let spw = app.stakeholder("SPW Intérieur et Action sociale", Some("SPW IAS"), "regional").await;
    let (campaign, links) = consultation(&app, &[cpas, spw]).await;
    let (link, other) = (&links[0], &links[1]);

    let page = app.get(link).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("CPAS de Namur") && html.contains("Your organisation"), "{html}");
    assert!(html.contains("Part 1 / 5"));
    assert_eq!(page.headers["cache-control"], "no-store");
    assert_eq!(page.headers["referrer-policy"], "no-referrer");
    assert!(app.get_lang(link, "fr").await.text().contains("Votre organisation"));

    // An incomplete section is refused with what was typed kept, and is saved as a draft.
    let r =
        app.form(link, &[("_section", "0"), ("_action", "next"), ("q.respondent_role", "Directrice <adjointe>")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("This question is required."));
    assert!(r.text().contains("value=\"Directrice &#60;adjointe&#62;\""), "the typed value is kept");
    let r = app
        .form(
            link,
            &[
                ("_section", "0"),
                ("_action", "next"),
                ("q.respondent_role", "Directrice"),
                ("q.entry.confirm", "no"),
                ("q.entry.f.name", "CPAS de Namur"),
                ("q.entry.f.phone", "081 33 70 11"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().ends_with("?section=1"), "{}", r.location());
    // Coming back later: the draft is there.
    let back = app.get(&format!("{link}?section=0")).await.text();
    assert!(back.contains("value=\"081 33 70 11\"") && back.contains("value=\"Directrice\""), "{back}");

    // The network question: search, then name SPW IAS with the tie's attributes.
    let roster = app.get(&format!("{link}/roster?q=spw")).await.json();
    assert_eq!(roster[0]["id"].as_i64(), Some(spw));
    assert_eq!(app.get(&format!("{link}/roster?q=cpas")).await.json().as_array().unwrap().len(), 0, "not oneself");
    let partners = [
        ("q.partners.tie", format!("s{spw}")),
        (&*format!("q.partners.s{spw}.link_type"), "funded_by".to_owned()),
        (&*format!("q.partners.s{spw}.frequency"), "monthly".to_owned()),
        (&*format!("q.partners.s{spw}.formal"), "yes".to_owned()),
        (&*format!("q.partners.s{spw}.satisfaction"), "4".to_owned()),
    ]
    .map(|(k, v)| (k.to_owned(), v));
    let partners: Vec<(&str, &str)> = partners.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let correction =
        [("q.entry.confirm", "no"), ("q.entry.f.name", "CPAS de Namur"), ("q.entry.f.phone", "081 33 70 11")];
    answer_all(&app, link, &correction, &partners).await;
    assert!(app.get(&format!("{link}?done=1")).await.text().contains("Thank you"));

    // One link, with provenance, one-sided so far; the correction waits for a coordinator.
    let invitation: i64 = sqlx::query("SELECT id FROM invitations WHERE stakeholder_id = $1")
        .bind(cpas)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get(0);
    let found = links_between(&app, cpas, spw).await;
    assert_eq!(found, [(format!("survey:{campaign}/{invitation}"), false, false, 2)]);
    let direction: (i64, String) = sqlx::query("SELECT source_id, type_code FROM links")
        .fetch_one(&app.db.pool)
        .await
        .map(|r| (r.get(0), r.get(1)))
        .unwrap();
    assert_eq!(direction, (spw, "funds".to_owned()), "\"they fund us\" is a funding link from them");
    let phone: Option<String> = sqlx::query("SELECT phone FROM stakeholders WHERE id = $1")
        .bind(cpas)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(phone, None, "a respondent's correction does not touch the record by itself");
    let pending: i64 = sqlx::query("SELECT COUNT(*) FROM corrections WHERE status = 'pending'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(pending, 1);

    // The other side names CPAS de Namur too: the link is reciprocated, still one link.
    let k = format!("q.partners.s{cpas}");
    let other_partners = [
        ("q.partners.tie".to_owned(), format!("s{cpas}")),
        (format!("{k}.link_type"), "funds".to_owned()),
        (format!("{k}.frequency"), "weekly".to_owned()),
        (format!("{k}.formal"), "yes".to_owned()),
        (format!("{k}.satisfaction"), "3".to_owned()),
    ];
    let other_partners: Vec<(&str, &str)> = other_partners.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    answer_all(&app, other, &[], &other_partners).await;
    let found = links_between(&app, cpas, spw).await;
    assert_eq!(found.len(), 1);
    assert!(found[0].1, "named by both sides: confirmed");
    assert_eq!(found[0].3, 3, "strength from the most frequent declared contact");

    // Amending: CPAS de Namur no longer names SPW IAS; the link stays (SPW IAS still names
    // it) but is one-sided again.
    let r = app.get(&format!("{link}?section=2")).await;
    assert!(r.text().contains("SPW IAS"), "the earlier answer is shown for amending");
    let r = app
        .form(
            link,
            &[
                ("_section", "2"),
                ("_action", "propose"),
                ("q.partners.new_name", "Maison de quartier"),
                ("q.partners.new_level", "local"),
                ("q.partners.new_kind", "association"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&format!("{link}?section=2")).await.text();
    assert!(page.contains("Maison de quartier") && page.contains("new organisation"), "{page}");
    assert!(!page.contains(&format!("value=\"s{spw}\"")), "proposing replaced the section's ties with the form's");
    answer_all(
        &app,
        link,
        &correction,
        &[
            ("q.partners.tie", "n0"),
            ("q.partners.n0.name", "Maison de quartier"),
            ("q.partners.n0.level", "local"),
            ("q.partners.n0.kind", "association"),
            ("q.partners.n0.link_type", "refers"),
            ("q.partners.n0.frequency", "weekly"),
            ("q.partners.n0.formal", "no"),
            ("q.partners.n0.satisfaction", "5"),
        ],
    )
    .await;
    let found = links_between(&app, cpas, spw).await;
    assert_eq!((found.len(), found[0].1, found[0].2), (1, false, false));
    let ties: i64 = sqlx::query("SELECT COUNT(*) FROM ties").fetch_one(&app.db.pool).await.unwrap().get(0);
    assert_eq!(ties, 2, "SPW's tie and CPAS's proposed organisation");

    // A coordinator checks the link by phone and confirms it: from then on it is theirs, and
    // SPW IAS no longer naming CPAS de Namur does not archive or change it.
    let id: i64 = sqlx::query("SELECT id FROM links").fetch_one(&app.db.pool).await.unwrap().get(0);
    let put = app
        .json(
            axum::http::Method::PUT,
            &format!("/api/links/{id}"),
            serde_json::json!({ "source": spw, "target": cpas, "type": "funds", "strength": 3, "formal": "yes",
                                "confirmed": "yes", "note": "Vérifié par téléphone" }),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());
    let forem = app.stakeholder("FOREM", None, "regional").await;
    let k = format!("q.partners.s{forem}");
    let spw_now = [
        ("q.partners.tie".to_owned(), format!("s{forem}")),
        (format!("{k}.link_type"), "partners".to_owned()),
        (format!("{k}.frequency"), "monthly".to_owned()),
        (format!("{k}.formal"), "no".to_owned()),
        (format!("{k}.satisfaction"), "4".to_owned()),
    ];
    let spw_now: Vec<(&str, &str)> = spw_now.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    answer_all(&app, other, &[], &spw_now).await;
    let checked = app.get(&format!("/api/links/{id}")).await.json();
    assert_eq!((checked["archived"].as_bool(), checked["confirmed"].as_bool()), (Some(false), Some(true)), "{checked}");
    assert_eq!(checked["note"], "Vérifié par téléphone");
    assert_eq!(links_between(&app, spw, forem).await.len(), 1, "SPW's new tie became a link");

    // Once closed, the link shows a clear page and refuses answers.
    sqlx::query("UPDATE campaigns SET closes_on = '2000-01-01'").execute(&app.db.pool).await.unwrap();
    let r = app.get(link).await;
    assert_eq!(r.status, StatusCode::GONE);
    assert!(r.text().contains("closed") && r.text().contains("received"));
    let before: String = sqlx::query("SELECT answers FROM responses WHERE invitation_id = $1")
        .bind(invitation)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get(0);
    let r = app.form(link, &[("_section", "4"), ("_action", "submit"), ("q.mechanism_level", "local")]).await;
    assert_eq!(r.status, StatusCode::GONE);
    let after: String = sqlx::query("SELECT answers FROM responses WHERE invitation_id = $1")
        .bind(invitation)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(before, after, "nothing written after closing");
});

on_both!(a_wrong_token_reveals_nothing, |app| {
    let cpas = app.stakeholder("CPAS de Namur", None, "local").await;
    let (_, links) = consultation(&app, &[cpas]).await;
    let good = &links[0];
    let mut wrong = good.clone();
    let last = wrong.pop().unwrap();
    wrong.push(if last == '0' { '1' } else { '0' });
    for path in [wrong.clone(), "/s/x".to_owned(), format!("{wrong}/roster?q=cpas"), format!("/s/{}", "a".repeat(500))]
    {
        let r = app.get(&path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        let text = r.text();
        assert!(text.contains("Link not valid"), "{text}");
        assert!(!text.contains("CPAS") && !text.contains("Consultation"), "nothing about any campaign or respondent");
    }
    let r = app.form(&wrong, &[("_section", "0"), ("_action", "next"), ("q.respondent_role", "x")]).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let drafts: i64 = sqlx::query("SELECT COUNT(*) FROM responses").fetch_one(&app.db.pool).await.unwrap().get(0);
    assert_eq!(drafts, 0);
});

on_both!(coordinators_open_campaigns_read_results_export_and_review_proposals, |app| {
    let cpas = app.stakeholder("CPAS de Namur", None, "local").await;
    let spw = app.stakeholder("SPW Intérieur et Action sociale", Some("SPW IAS"), "regional").await;
    let forem = app.stakeholder("FOREM", None, "regional").await;
    // Named by a respondent but never invited to the consultation.
    let red_cross = app.stakeholder("Croix-Rouge de Belgique", None, "federal").await;

    // Opening from the web: every problem is said by its field, nothing is opened.
    let bad = app
        .form(
            "/campaigns",
            &[
                ("questionnaire", "consultation-2023.toml"),
                ("title", ""),
                ("opens", "2023-03-01"),
                ("closes", "2023-01-01"),
                ("level", "galactic"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = bad.text();
    assert!(text.contains("the end date is before the start date") && text.contains("unknown level"), "{text}");
    assert!(app.get("/campaigns").await.text().contains("No campaign yet"));
    let r = app
        .form(
            "/campaigns",
            &[
                ("questionnaire", "pulse-2023.toml"),
                ("title", "Baromètre"),
                ("opens", "2023-04-01"),
                ("closes", "2023-06-30"),
                ("level", "regional"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let pulse = app.get(&r.location()).await;
    assert!(pulse.text().contains("0 / 2"), "two regional stakeholders invited");
    let links = app.get(&format!("{}/links.csv", r.location())).await.text();
    assert_eq!(links.lines().count(), 3, "{links}");

    let (campaign, links) = consultation(&app, &[cpas, spw, forem]).await;
    let tie = |who: i64, ty: &'static str| {
        let k = format!("q.partners.s{who}");
        vec![
            ("q.partners.tie".to_owned(), format!("s{who}")),
            (format!("{k}.link_type"), ty.to_owned()),
            (format!("{k}.frequency"), "monthly".to_owned()),
            (format!("{k}.formal"), "no".to_owned()),
            (format!("{k}.satisfaction"), "3".to_owned()),
        ]
    };
    let mut cpas_ties = tie(spw, "coordinates");
    cpas_ties.extend(tie(red_cross, "coordinates"));
    cpas_ties.extend([
        ("q.partners.tie".to_owned(), "n1".to_owned()),
        ("q.partners.n1.name".to_owned(), "Maison de quartier de Jambes".to_owned()),
        ("q.partners.n1.level".to_owned(), "local".to_owned()),
        ("q.partners.n1.kind".to_owned(), "association".to_owned()),
        ("q.partners.n1.link_type".to_owned(), "refers".to_owned()),
        ("q.partners.n1.frequency".to_owned(), "weekly".to_owned()),
        ("q.partners.n1.formal".to_owned(), "no".to_owned()),
        ("q.partners.n1.satisfaction".to_owned(), "5".to_owned()),
    ]);
    let cpas_refs: Vec<(&str, &str)> = cpas_ties.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let correction = [
        ("q.entry.confirm", "no"),
        ("q.entry.f.name", "CPAS de Namur"),
        ("q.entry.f.phone", "081 33 70 11"),
        ("q.entry.f.email", "accueil@cpasnamur.be"),
    ];
    answer_all(&app, &links[0], &correction, &cpas_refs).await;
    let spw_ties = tie(forem, "partners");
    let spw_refs: Vec<(&str, &str)> = spw_ties.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    answer_all(&app, &links[1], &[], &spw_refs).await;
    // FOREM only starts: a draft, not a response.
    app.form(&links[2], &[("_section", "0"), ("_action", "save"), ("q.respondent_role", "Chargé de mission")]).await;

    let page = app.get(&format!("/campaigns/{campaign}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("66 %") && html.contains("2 / 3"), "two of three answered");
    assert!(html.contains("FOREM") && html.contains("draft in progress"), "FOREM is listed for a reminder");
    assert!(html.contains("<svg class=\"likert\""), "Likert charts");
    assert!(html.contains("Coordinatrice"), "free-text answers are listed");
    assert!(html.contains("Ties declared by one side only (4)"), "{html}");
    // Where each named organisation stands: answered, draft, or never invited, not all "silent".
    assert!(html.contains("answered without naming it"), "SPW answered without naming the CPAS");
    assert!(html.contains("invited, draft in progress"), "FOREM has a draft");
    assert!(html.contains("not invited to this survey"), "the Red Cross was never invited");
    assert!(!html.contains("invited, has not answered yet"), "nobody named is invited and silent");
    // The network the survey observed, with who has not answered marked.
    let observed = app.get(&format!("/api/graph?format=json&campaign={campaign}")).await.json();
    let nodes = observed["nodes"].as_array().unwrap();
    assert_eq!((nodes.len(), observed["edges"].as_array().unwrap().len()), (4, 3), "{observed}");
    let answered = |id: i64| nodes.iter().find(|n| n["id"] == id).unwrap()["answered"].clone();
    assert_eq!((answered(cpas), answered(forem)), (true.into(), false.into()));
    assert!(answered(red_cross).is_null(), "never invited: neither answered nor silent");
    // A link the survey made says so in words, with its campaign's page.
    let cpas_page = app.get(&format!("/stakeholders/{cpas}")).await.text();
    let said = format!(r#"<a href="/campaigns/{campaign}">answer to survey no. {campaign}</a>"#);
    assert!(cpas_page.contains(&said) && !cpas_page.contains(">survey:"), "{cpas_page}");
    let map = app.get(&format!("/map?campaign={campaign}&renderer=builtin")).await.text();
    // Each actor's box says where it stands, in black and white too: filled when its answers
    // are in, hollow when it sent nothing; dashed while invited and not sent.
    let node = |id: i64| {
        let start = map.find(&format!("id=\"n{id}\"")).unwrap_or_else(|| panic!("node {id} drawn"));
        let end = start + map[start..].find("</a>").unwrap();
        map[start..end].to_owned()
    };
    let (cpas_box, forem_box, cross_box) = (node(cpas), node(forem), node(red_cross));
    assert!(!cpas_box.contains("fill=\"#ffffff\"") && cpas_box.contains("stroke-dasharray=\"none\""), "{cpas_box}");
    assert!(!forem_box.contains("fill=\"#ffffff\"") && forem_box.contains("stroke-dasharray=\"4 3\""), "{forem_box}");
    assert!(forem_box.contains("(invited, draft in progress, not sent)"), "{forem_box}");
    assert!(cross_box.contains("fill=\"#ffffff\"") && cross_box.contains("stroke-dasharray=\"none\""), "{cross_box}");
    assert!(cross_box.contains("(not invited, named by a respondent)"), "{cross_box}");
    for said in [
        "Filled, solid border: answered",
        "Filled, dashed border: invited, draft not sent yet",
        "Hollow, solid border: not invited",
    ] {
        assert!(map.contains(said), "the legend says: {said}");
    }
    assert!(!map.contains("Hollow, dashed border"), "no silent invitee drawn, none in the legend");
    // Only questionnaires that ask for ties are offered as a map's survey (the pulse asks none).
    assert!(map.contains(&format!("<option value=\"{campaign}\" selected>")), "the consultation is offered");
    assert!(!map.contains(">Baromètre</option>"), "the pulse survey declares no tie to draw");
    assert!(map.contains("Response rate</strong>") && map.contains("2/3 (66 %)"), "rates next to the map");
    let local = app.get(&format!("/campaigns/{campaign}?level=local")).await.text();
    assert!(local.contains("1 / 1"), "filtered on local respondents");

    // An edit after sending is a draft until sent again: results keep the sent answers.
    let r = app
        .form(
            &links[0],
            &[("_section", "1"), ("_action", "save"), ("q.sectors", "health"), ("q.people_reached", "0-49")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        app.get(&format!("{}?section=1", links[0])).await.text().contains("value=\"health\" checked"),
        "the draft is shown"
    );
    // Exports: one column per question; one row per declared tie.
    let csv = app.get(&format!("/campaigns/{campaign}/responses.csv")).await.text();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let def = maillage::survey::definition::parse(include_str!("../surveys/consultation-2023.toml")).unwrap();
    let questions: Vec<String> = def.questions().map(|q| q.id.get_ref().clone()).collect();
    assert_eq!(header.iter().skip(6).collect::<Vec<_>>(), questions, "one column per question, in order");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "submitted responses only");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("sectors")], "social_aid");
    assert_eq!(
        &rows[0][col("partners")],
        "SPW Intérieur et Action sociale; Croix-Rouge de Belgique; Maison de quartier de Jambes (new)"
    );
    assert_eq!(&rows[0][col("entry")], "corrections: email phone");
    let ties = app.get(&format!("/campaigns/{campaign}/ties.csv")).await.text();
    assert_eq!(ties.lines().count(), 5, "header + four ties: {ties}");

    // Review: the proposal is accepted (its tie becomes a link), one correction accepted,
    // the other rejected.
    let review = app.get(&format!("/campaigns/{campaign}/review")).await.text();
    assert!(review.contains("Maison de quartier de Jambes") && review.contains("accueil@cpasnamur.be"));
    let proposal: i64 = sqlx::query("SELECT id FROM proposals").fetch_one(&app.db.pool).await.unwrap().get(0);
    let before = app.count("links").await;
    let r = app.form(&format!("/campaigns/{campaign}/proposals/{proposal}"), &[("decision", "accept")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert_eq!(app.count("links").await, before + 1, "the proposed organisation's tie became a link");
    let new_id: i64 = sqlx::query("SELECT id FROM stakeholders WHERE name = 'Maison de quartier de Jambes'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(links_between(&app, cpas, new_id).await.len(), 1);
    let corrections: Vec<(i64, String)> = sqlx::query("SELECT id, field FROM corrections ORDER BY field")
        .fetch_all(&app.db.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(corrections.iter().map(|c| c.1.as_str()).collect::<Vec<_>>(), ["email", "phone"]);
    app.form(&format!("/campaigns/{campaign}/corrections/{}", corrections[1].0), &[("decision", "accept")]).await;
    app.form(&format!("/campaigns/{campaign}/corrections/{}", corrections[0].0), &[("decision", "reject")]).await;
    let s = app.get(&format!("/api/stakeholders/{cpas}")).await.json();
    assert_eq!(s["phone"], "081 33 70 11");
    assert!(s["email"].is_null(), "the rejected correction changed nothing: {s}");
    let detail: String = sqlx::query(
        "SELECT detail FROM changes WHERE entity = 'stakeholder' AND detail IS NOT NULL AND entity_id = $1",
    )
    .bind(cpas)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
    .get(0);
    assert!(detail.starts_with(&format!("survey:{campaign}/")) && detail.ends_with("phone"), "{detail}");
    assert!(app.get(&format!("/campaigns/{campaign}/review")).await.text().matches("Nothing to review").count() == 2);

    // Two campaigns of one questionnaire compare side by side; different ones do not.
    let (second, _) = consultation(&app, &[cpas]).await;
    let cmp = app.get(&format!("/campaigns/compare?a={campaign}&b={second}")).await;
    assert_eq!(cmp.status, StatusCode::OK);
    assert!(cmp.text().contains("2 / 3 (66 %)") && cmp.text().contains("0 / 1 (0 %)"), "{}", cmp.text());
    assert_eq!(app.get(&format!("/campaigns/compare?a={campaign}&b=1")).await.status, StatusCode::BAD_REQUEST);
});

on_both!(an_undirected_link_is_one_link_whatever_the_order_even_for_racing_writers, |app| {
    use maillage::domain::link::LinkData;
    use maillage::domain::values::Strength;
    let a = app.stakeholder("CPAS de Namur", None, "local").await;
    let b = app.stakeholder("CPAS de Liège", None, "local").await;
    let link = |source, target| LinkData {
        source,
        target,
        link_type: "coordinates".into(),
        directed: false,
        strength: Strength::trusted(1),
        formal: false,
        since: None,
        until: None,
        note: None,
        confirmed: false,
    };
    // `insert` skips the lookup (as a writer that checked before another committed would):
    // the database itself refuses the same undirected link the other way round.
    let mut tx = app.db.pool.begin().await.unwrap();
    maillage::store::links::insert(&mut tx, &link(a, b), "survey:1/1").await.unwrap();
    let second = maillage::store::links::insert(&mut tx, &link(b, a), "survey:1/2").await;
    assert!(matches!(second, Err(maillage::store::StoreError::Conflict { .. })), "{second:?}");
    drop(tx);
    // Directed links of a type may go both ways.
    let mut tx = app.db.pool.begin().await.unwrap();
    let mut funds = link(a, b);
    (funds.link_type, funds.directed) = ("funds".into(), true);
    maillage::store::links::insert(&mut tx, &funds, "manual").await.unwrap();
    (funds.source, funds.target) = (b, a);
    maillage::store::links::insert(&mut tx, &funds, "manual").await.unwrap();
    tx.commit().await.unwrap();
});

on_both!(a_returning_respondent_lands_on_the_first_unfinished_part_with_its_progress, |app| {
    let s = app.stakeholder("Maison de quartier de Salzinnes", None, "local").await;
    let (_, links) = common::survey::consultation(&app, &[s]).await;
    let link = &links[0];
    let first = app.get(link).await.text();
    assert!(first.contains("Part 1 / 5") && !first.contains("Welcome back"), "a first visit starts at part 1");

    // Part 1 done, part 2 begun with a required question left unanswered, then the page closed.
    let r = app
        .form(
            link,
            &[("_section", "0"), ("_action", "next"), ("q.entry.confirm", "yes"), ("q.respondent_role", "Directrice")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app.form(link, &[("_section", "1"), ("_action", "save"), ("q.sectors", "health")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);

    // Back by the link alone: part 2, said so, part 1 marked as answered for screen readers too.
    let back = app.get(link).await.text();
    assert!(back.contains("Welcome back: your answers so far are kept. You continue at part 2 of 5."), "{back}");
    assert!(back.contains("Part 2 / 5") && back.contains(r#"value="health" checked"#), "{back}");
    assert!(back.contains(r#"aria-label="Your organisation (answered)">Your organisation</button>"#), "{back}");
    // A part asked for by name is shown without the notice.
    let asked = app.get(&format!("{link}?section=0")).await.text();
    assert!(asked.contains("Part 1 / 5") && !asked.contains("Welcome back"));
});

on_both!(a_coordinator_changes_an_open_campaign_and_each_change_is_recorded, |app| {
    let cpas = app.stakeholder("CPAS de Namur", None, "local").await;
    let mdq = app.stakeholder("Maison de quartier de Salzinnes", None, "local").await;
    let late = app.stakeholder("Croix-Rouge Ciney", None, "local").await;
    let (campaign, links) = consultation(&app, &[cpas, mdq]).await;
    let editor = app.session(maillage::app::Role::Editor).await;
    let viewer = app.session(maillage::app::Role::Viewer).await;
    let invitation = |who: i64| {
        let pool = app.db.pool.clone();
        async move {
            let mut conn = pool.acquire().await.unwrap();
            invitees(&mut conn, campaign).await.unwrap().into_iter().find(|i| i.stakeholder_id == who)
        }
    };
    let page = format!("/campaigns/{campaign}/invitations");

    // The CPAS begins its answers, then its link leaks: a new one reaches the same draft.
    let r = app.form(&links[0], &[("_section", "0"), ("_action", "save"), ("q.respondent_role", "Directrice")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let inv = invitation(cpas).await.unwrap().invitation_id;
    assert_eq!(app.post_as(&viewer, &format!("{page}/{inv}/link"), &[]).await.status, StatusCode::FORBIDDEN);
    let r = app.post_as(&editor, &format!("{page}/{inv}/link"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let shown = app.get_as(&editor, &r.location()).await.text();
    let new_link = shown.split("/s/").nth(1).map(|s| format!("/s/{}", &s[..40])).expect("the new link is shown");
    assert_ne!(new_link, links[0]);
    assert_eq!(app.get(&links[0]).await.status, StatusCode::NOT_FOUND, "the leaked link no longer works");
    let back = app.get(&format!("{new_link}?section=0")).await.text();
    assert!(back.contains(r#"value="Directrice""#), "the same draft behind the new link");
    let csv = app.get_as(&editor, &format!("/campaigns/{campaign}/links.csv")).await.text();
    assert!(csv.contains(&new_link) && !csv.contains(&links[0]), "the links file has the live link: {csv}");

    // The closing date: not before the opening, then extended.
    let r = app.post_as(&editor, &format!("/campaigns/{campaign}/closing"), &[("closes", "2001-01-01")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains(r#"aria-invalid="true" autofocus"#), "the field in error has the focus");
    let later =
        maillage::domain::values::format_date(time::OffsetDateTime::now_utc().date() + time::Duration::days(60));
    let r = app.post_as(&editor, &format!("/campaigns/{campaign}/closing"), &[("closes", &later)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let closes: String = sqlx::query("SELECT closes_on FROM campaigns WHERE id = $1")
        .bind(campaign)
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get(0);
    assert_eq!(closes, later);

    // A late invitation, by name; twice is refused; an unknown name is said so.
    let r = app.post_as(&editor, &page, &[("stakeholder", "croix-rouge ciney")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    assert!(invitation(late).await.is_some(), "invited");
    let shown = app.get_as(&editor, &r.location()).await.text();
    assert!(shown.contains("Croix-Rouge Ciney :"), "{shown}");
    let late_link = shown.split("/s/").nth(1).map(|s| format!("/s/{}", &s[..40])).expect("its link is shown");
    let r = app.post_as(&editor, &page, &[("stakeholder", "Croix-Rouge Ciney")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("already invited"), "{}", r.text());
    let r = app.post_as(&editor, &page, &[("stakeholder", "Nobody of that name")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("no organisation of the inventory has this name"));
    assert_eq!(app.get(&late_link).await.status, StatusCode::OK, "the late invitee's link works");

    // The Maison de quartier was invited by mistake: withdrawn, its link dead, counted nowhere.
    let mdq_inv = invitation(mdq).await.unwrap().invitation_id;
    let r = app.post_as(&editor, &format!("{page}/{mdq_inv}/withdraw"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&links[1]).await.status, StatusCode::NOT_FOUND);
    assert!(invitation(mdq).await.is_none(), "no longer among the invitees");
    let listed = app.get_as(&editor, &page).await.text();
    assert!(listed.contains("Invitations (2)") && !listed.contains("Maison de quartier de Salzinnes</a>"), "{listed}");
    // Invited again: back, with a new link.
    let r = app.post_as(&editor, &page, &[("stakeholder", "Maison de quartier de Salzinnes")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let again = invitation(mdq).await.expect("reinstated");
    assert_eq!(again.link_generation, 1);
    assert_eq!(app.get(&links[1]).await.status, StatusCode::NOT_FOUND, "the old link stays dead");

    // Once the CPAS has sent its answers, its invitation cannot be withdrawn.
    let tie = format!("s{late}");
    let (kind, frequency) = (format!("q.partners.{tie}.link_type"), format!("q.partners.{tie}.frequency"));
    let (formal, satisfaction) = (format!("q.partners.{tie}.formal"), format!("q.partners.{tie}.satisfaction"));
    let partners = [
        ("q.partners.tie", tie.as_str()),
        (kind.as_str(), "refers"),
        (frequency.as_str(), "monthly"),
        (formal.as_str(), "no"),
        (satisfaction.as_str(), "4"),
    ];
    answer_all(&app, &new_link, &[], &partners).await;
    let r = app.post_as(&editor, &format!("{page}/{inv}/withdraw"), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().contains("already sent its answers"));

    // Shortened to yesterday: closed at once.
    let yesterday =
        maillage::domain::values::format_date(time::OffsetDateTime::now_utc().date() - time::Duration::days(1));
    let r = app.post_as(&editor, &format!("/campaigns/{campaign}/closing"), &[("closes", &yesterday)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&late_link).await.status, StatusCode::GONE);
    let r = app.post_as(&editor, &page, &[("stakeholder", "Croix-Rouge Ciney")]).await;
    assert!(r.text().contains("closed on"), "a closed campaign takes no late invitation");

    // Each change is in the history, with who made it.
    let rows: Vec<(String, String, String)> = sqlx::query(
        "SELECT entity, action, actor FROM changes WHERE entity IN ('campaign', 'response') AND action <> 'open' \
         AND action <> 'submit' ORDER BY id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2)))
    .collect();
    let actions: Vec<&str> = rows.iter().map(|(_, a, _)| a.as_str()).collect();
    for expected in ["relink", "dates", "invite", "withdraw", "reinstate"] {
        assert!(actions.contains(&expected), "{expected} recorded: {actions:?}");
    }
    assert!(rows.iter().all(|(_, _, who)| who.starts_with("user:")), "by the editor: {rows:?}");
});

// A campaign's map keeps the respondents' network readable: an invitee who neither answered
// nor was named by anyone is left off and counted (with the campaign's page, which lists
// it), while one named by a respondent stays, hollow and dashed, marked as silent.
on_both!(the_campaign_map_leaves_off_silent_invitees_nobody_named, |app| {
    let answers = app.stakeholder("CPAS de Ciney", None, "local").await;
    let named = app.stakeholder("Croix-Rouge Namur", None, "local").await;
    let silent = app.stakeholder("Maison de l'emploi", None, "local").await;
    let (campaign, links) = consultation(&app, &[answers, named, silent]).await;
    let k = format!("q.partners.s{named}");
    let partners = [
        ("q.partners.tie".to_owned(), format!("s{named}")),
        (format!("{k}.link_type"), "coordinates".to_owned()),
        (format!("{k}.frequency"), "monthly".to_owned()),
        (format!("{k}.formal"), "no".to_owned()),
        (format!("{k}.satisfaction"), "4".to_owned()),
    ];
    let partners: Vec<(&str, &str)> = partners.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    answer_all(&app, &links[0], &[], &partners).await;

    let graph = app.get(&format!("/api/graph?format=json&campaign={campaign}")).await.json();
    let nodes = graph["nodes"].as_array().unwrap();
    let standing = |id: i64| nodes.iter().find(|n| n["id"] == id).map(|n| n["participation"].clone());
    assert_eq!(standing(answers), Some("answered".into()));
    assert_eq!(standing(named), Some("silent".into()), "named by a respondent: drawn, marked silent");
    assert_eq!(standing(silent), None, "silent and named by nobody: left off");
    assert_eq!(nodes.len(), 2, "{graph}");

    let map = app.get(&format!("/map?campaign={campaign}&renderer=builtin")).await.text();
    let said = format!(
        "<a href=\"/campaigns/{campaign}\">One invited organisation has not answered and no respondent named it: it is not drawn.</a>"
    );
    assert!(map.contains(&said), "{map}");
    let start = map.find(&format!("id=\"n{named}\"")).unwrap();
    let named_box = &map[start..start + map[start..].find("</a>").unwrap()];
    assert!(named_box.contains("fill=\"#ffffff\"") && named_box.contains("stroke-dasharray=\"4 3\""), "{named_box}");
    assert!(map.contains("Hollow, dashed border: invited, has not answered"));
    // The list under the map says it in words too.
    assert!(map.contains("Croix-Rouge Namur</a> — ") && map.contains("(invited, has not answered)"));
});
