//! One test per HTML page: status, key content, and that user-supplied text is escaped.

mod common;

use axum::http::{Method, StatusCode};
use serde_json::json;

const HOSTILE: &str = "<script>alert('x')</script> & \"Co\"";

async fn hostile_pair(app: &common::TestApp) -> (i64, i64) {
    let a = app
        .json(
            Method::POST,
            "/api/stakeholders",
            json!({
                "name": HOSTILE, "acronym": "<b>", "kind": "association", "level": "local",
                "description": "<img src=x onerror=alert(1)>", "notes": "<i>note</i>",
                "sectors": ["health"], "territory": ["Namur"],
                "contacts": [{ "name": "<u>Olena</u>", "email": "o@example.org" }]
            }),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let b = app.stakeholder("CPAS de Namur", None, "local").await;
    let link = app
        .json(
            Method::POST,
            "/api/links",
            json!({ "source": a, "target": b, "type": "refers", "note": "<script>bad()</script>" }),
        )
        .await;
    assert_eq!(link.status, StatusCode::CREATED);
    (a, b)
}

/// How askama escapes text in HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&#38;").replace('<', "&#60;").replace('>', "&#62;").replace('"', "&#34;").replace('\'', "&#39;")
}

fn assert_escaped(html: &str) {
    assert!(!html.contains("<script>alert"), "raw script in page");
    assert!(!html.contains("<img src=x"), "raw img in page");
    assert!(!html.contains("<script>bad()"), "raw script in page");
    assert!(!html.contains("<u>Olena"), "raw contact markup in page");
}

on_both!(the_list_page_shows_filters_results_and_escapes_names, |app| {
    hostile_pair(&app).await;
    let r = app.get("/stakeholders").await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(html.contains("<h1>Stakeholders</h1>"));
    assert!(html.contains("name=\"province\""));
    assert!(html.contains("CPAS de Namur"));
    assert!(html.contains(&esc(HOSTILE)));
    assert_escaped(&html);

    let filtered = app.get("/stakeholders?q=cpas").await.text();
    assert!(filtered.contains("CPAS de Namur"));
    assert!(!filtered.contains(&esc(HOSTILE)));
    let bad = app.get("/stakeholders?level=nowhere").await.text();
    assert!(bad.contains("unknown level"));
});

on_both!(the_list_page_is_french_by_default_and_english_on_request, |app| {
    let fr = app.get_lang("/stakeholders", "fr").await.text();
    assert!(fr.contains("<html lang=\"fr\">") && fr.contains("<h1>Acteurs</h1>"));
    let en = app.get_lang("/stakeholders", "en").await.text();
    assert!(en.contains("<html lang=\"en\">") && en.contains("<h1>Stakeholders</h1>"));
    let switch = app.get("/lang/en?next=/stakeholders%3Fq%3Dx").await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.location(), "/stakeholders?q=x");
    assert!(switch.headers["set-cookie"].to_str().unwrap().starts_with("lang=en"));
    let offsite = app.get("/lang/fr?next=//evil.example").await;
    assert_eq!(offsite.location(), "/");
});

on_both!(the_stakeholder_page_shows_data_contacts_links_and_escapes, |app| {
    let (a, b) = hostile_pair(&app).await;
    let html = app.get(&format!("/stakeholders/{a}")).await.text();
    assert!(html.contains(&esc(HOSTILE)));
    assert!(html.contains(&esc("<u>Olena</u>")));
    assert!(html.contains("Outgoing links (1)"));
    assert!(html.contains(&format!("href=\"/stakeholders/{b}\"")));
    assert!(html.contains("Health and mental health"));
    assert!(html.contains(">Namur<"), "territory shown by name");
    assert_escaped(&html);
    let other = app.get(&format!("/stakeholders/{b}")).await.text();
    assert!(other.contains("Incoming links (1)"));
    assert_eq!(app.get("/stakeholders/424242").await.status, StatusCode::NOT_FOUND);
    let missing = app.get("/stakeholders/424242").await.text();
    assert!(missing.contains("Page or item not found."), "HTML error page");
});

on_both!(the_new_stakeholder_form_creates_or_shows_errors_with_the_input_kept, |app| {
    let form = app.get("/stakeholders/new").await;
    assert_eq!(form.status, StatusCode::OK);
    // The territory picker: a plain field with the browser's suggestions (no script needed),
    // each by a name the form takes back, labelled in the page's language.
    let picker = form.text();
    assert!(picker.contains("name=\"territory_add\"") && picker.contains("list=\"territory-names\""));
    assert!(picker.contains("<option value=\"Province de Namur\" data-ins=\"90000\">Province of Namur</option>"));
    assert!(picker.contains("<option value=\"Commune de Namur\""), "the commune is told from the province");
    assert!(picker.matches(" data-ins=").count() > 280, "every territory is suggested");

    let bad = app
        .form(
            "/stakeholders",
            &[
                ("name", HOSTILE),
                ("kind", "association"),
                ("level", ""),
                ("email", "nope"),
                ("sectors", "health"),
                ("contact_name", ""),
                ("contact_email", "x@y.be"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text();
    assert!(html.contains("The form has errors"));
    assert!(html.contains("this field is required"), "level error next to the field");
    assert!(html.contains("is not an email address"));
    assert!(html.contains(&format!("value=\"{}\"", esc(HOSTILE))), "input kept, escaped");
    assert!(html.contains("value=\"health\" checked"), "checked sectors kept");
    assert_escaped(&html);
    assert_eq!(app.count("stakeholders").await, 0);

    // Territories typed without a script, several at once: those found become ticked boxes,
    // the one that is no territory stays in the field with its error, tied to it.
    let typed = app
        .form(
            "/stakeholders",
            &[
                ("name", "Maison de quartier"),
                ("kind", "association"),
                ("level", "local"),
                ("territory_add", "Commune de Namur; Gembloux ; Atlantis"),
            ],
        )
        .await;
    assert_eq!(typed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = typed.text();
    assert!(html.contains("value=\"92094\" checked") && html.contains("value=\"92142\" checked"), "{html}");
    assert!(html.contains("value=\"Atlantis\""), "the unknown name is kept to be corrected");
    assert!(html.contains("aria-describedby=\"territory-help territory-error\" aria-invalid=\"true\""), "{html}");
    assert!(html.contains("Atlantis"));
    let fixed = app
        .form(
            "/stakeholders",
            &[
                ("name", "Maison de quartier"),
                ("kind", "association"),
                ("level", "local"),
                ("territory", "92094"),
                ("territory_add", "Gembloux"),
            ],
        )
        .await;
    assert_eq!(fixed.status, StatusCode::SEE_OTHER, "{}", fixed.text());
    let page = app.get(&fixed.location()).await.text();
    assert!(page.contains("Namur") && page.contains("Gembloux"), "both territories saved");

    let ok = app
        .form(
            "/stakeholders",
            &[
                ("name", "Lire et Écrire Wallonie"),
                ("kind", "association"),
                ("level", "regional"),
                ("territory", "03000"),
                ("sectors", "language_integration"),
                ("key", "1"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let created = app.get(&ok.location()).await.text();
    assert!(
        created.contains("Lire et Écrire Wallonie")
            && created.contains("Wallonia")
            && created.contains("Key stakeholder")
    );
});

on_both!(the_edit_form_updates_and_archive_restores, |app| {
    let (a, _) = hostile_pair(&app).await;
    let form = app.get(&format!("/stakeholders/{a}/edit")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text().contains(&esc("<img src=x onerror=alert(1)>")));
    assert_escaped(&form.text());
    let saved = app
        .form(
            &format!("/stakeholders/{a}/edit"),
            &[("name", "Asbl Le Pont"), ("kind", "association"), ("level", "local"), ("territory", "92094")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&format!("/api/stakeholders/{a}")).await.json()["name"], "Asbl Le Pont");

    let archived = app.form(&format!("/stakeholders/{a}/archive"), &[]).await;
    assert_eq!(archived.status, StatusCode::SEE_OTHER);
    assert!(app.get(&format!("/stakeholders/{a}")).await.text().contains("Restore"));
    assert!(!app.get("/stakeholders").await.text().contains("Asbl Le Pont"));
    app.form(&format!("/stakeholders/{a}/restore"), &[]).await;
    assert!(app.get("/stakeholders").await.text().contains("Asbl Le Pont"));
});

on_both!(the_link_form_creates_edits_and_archives_links, |app| {
    let a = app.stakeholder("SPW Intérieur et Action sociale", Some("SPW IAS"), "regional").await;
    let b = app.stakeholder("Centre d'action interculturelle", Some("CAI"), "provincial").await;
    let form = app.get(&format!("/links/new?source={a}")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text().contains("value=\"SPW Intérieur et Action sociale\""), "source prefilled by name");

    let bad = app
        .form("/links", &[("source", "SPW IAS"), ("target", "Nobody <x>"), ("type", "funds"), ("strength", "2")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains(&esc("no stakeholder has the name or acronym \"Nobody <x>\"")), "{}", bad.text());

    let ok = app
        .form(
            "/links",
            &[
                ("source", "SPW IAS"),
                ("target", "CAI"),
                ("type", "funds"),
                ("strength", "3"),
                ("formal", "1"),
                ("confirmed", "1"),
                ("since", "2016-01-01"),
                ("note", "<b>AMIF</b>"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.text());
    let link = app.get("/api/links").await.json()[0].clone();
    assert_eq!(
        (link["source"].as_i64(), link["target"].as_i64(), link["strength"].as_i64()),
        (Some(a), Some(b), Some(3))
    );
    let id = link["id"].as_i64().unwrap();

    let edit = app.get(&format!("/links/{id}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.text().contains(&esc("<b>AMIF</b>")));
    let dup = app.form("/links", &[("source", "SPW IAS"), ("target", "CAI"), ("type", "funds")]).await;
    assert_eq!(dup.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(dup.text().contains("already exists"));
    app.form(
        &format!("/links/{id}/edit"),
        &[("source", "SPW IAS"), ("target", "CAI"), ("type", "funds"), ("strength", "1")],
    )
    .await;
    assert_eq!(app.get(&format!("/api/links/{id}")).await.json()["strength"], 1);
    let archived = app.form(&format!("/links/{id}/archive"), &[]).await;
    assert_eq!(archived.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get("/api/links").await.json(), json!([]));
});

on_both!(the_import_page_renders, |app| {
    let r = app.get("/import").await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(html.contains("enctype=\"multipart/form-data\"") && html.contains("name=\"file\""));
    assert!(html.contains("source,target,type,strength,formal,since,until,note"));
});

on_both!(unknown_pages_get_a_404_page, |app| {
    let r = app.get("/nowhere").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text().contains("<!DOCTYPE html>"));
    assert_eq!(app.get("/").await.location(), "/stakeholders");
});

on_both!(the_analysis_page_renders_on_the_demo_network, |app| {
    maillage::demo::load(&app.state).await.unwrap();
    let r = app.get("/analysis").await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(html.contains("170</strong> stakeholders"), "counts shown");
    // 637 recorded links and the `meets` links of the demo's meetings (pairs that met twice).
    let graph = app.get("/api/graph?format=json").await.json();
    let meets = graph["edges"].as_array().unwrap().iter().filter(|e| e["type"] == "meets").count();
    assert!(meets > 10, "the demo's meetings link their regular attendees: {meets}");
    assert!(
        html.contains(&format!("{}</strong> links", active_links(&app).await + meets as i64)),
        "with the shared meetings"
    );
    let recorded = app.get("/analysis?meetings=no").await.text();
    let active: i64 = sqlx::query("SELECT COUNT(*) AS n FROM links WHERE archived = 0")
        .fetch_one(&app.db.pool)
        .await
        .map(|r| sqlx::Row::get(&r, "n"))
        .unwrap();
    assert!(active > 637, "the demo's consultation answers added links to the 637 imported");
    assert!(recorded.contains(&format!("{active}</strong> links")), "without them");
    assert!(html.contains("SPW Intérieur et Action sociale"));
    assert!(html.contains("Single point of failure"));
    let fr = app.get_lang("/analysis", "fr").await.text();
    assert!(fr.contains("Acteurs les plus centraux") && fr.contains("Grille influence / intérêt"));
});

async fn active_links(app: &common::TestApp) -> i64 {
    sqlx::query("SELECT COUNT(*) AS n FROM links WHERE archived = 0")
        .fetch_one(&app.db.pool)
        .await
        .map(|r| sqlx::Row::get(&r, "n"))
        .unwrap()
}

/// A regional hub linked to three local actors and a federal one; one local actor alone:
/// (hub, alone).
async fn hub_and_spokes(app: &common::TestApp) -> (i64, i64) {
    let hub = app.stakeholder("Plateforme régionale d'accueil", None, "regional").await;
    let spokes = [
        app.stakeholder("CPAS de Namur", None, "local").await,
        app.stakeholder("CPAS de Ciney", None, "local").await,
        app.stakeholder("CPAS de Dinant", None, "local").await,
        app.stakeholder("Fedasil", None, "federal").await,
    ];
    let alone = app.stakeholder("Maison de quartier isolée", None, "local").await;
    for s in spokes {
        let r =
            app.json(Method::POST, "/api/links", json!({ "source": hub, "target": s, "type": "coordinates" })).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    (hub, alone)
}

on_both!(the_map_lists_its_actors_by_level_for_screen_readers, |app| {
    let (hub, alone) = hub_and_spokes(&app).await;
    let html = app.get_lang("/map", "en").await.text();
    let list = html.split("<details class=\"card actor-list\">").nth(1).and_then(|s| s.split("</details>").next());
    let list = list.expect("the list of the map's actors");
    assert!(list.starts_with("<summary>Every actor of the map, as a list (6)</summary>"), "{list}");
    // Levels from the top, actors by name, each a link with its kind, its links, and whether it
    // holds the network together.
    let federal = list.find("<h3>Federal (1)</h3>").expect("federal");
    let regional = list.find("<h3>Regional (1)</h3>").expect("regional");
    let local = list.find("<h3>Local (4)</h3>").expect("local");
    assert!(federal < regional && regional < local, "{list}");
    assert!(
        list.contains(&format!("<a href=\"/stakeholders/{hub}\">Plateforme régionale d&#39;accueil</a> — ")),
        "{list}"
    );
    assert!(list.contains(", 4 links — <strong>holds the network together</strong>"), "{list}");
    assert!(list.contains(&format!("<a href=\"/stakeholders/{alone}\">Maison de quartier isolée</a> — ")), "{list}");
    assert!(list.contains(", 0 links</li>"), "{list}");
    let ciney = list.find("CPAS de Ciney").unwrap();
    assert!(ciney < list.find("CPAS de Dinant").unwrap() && ciney < list.find("CPAS de Namur").unwrap());
});

on_both!(the_analysis_opens_with_a_summary_in_plain_words_that_links_to_the_actors, |app| {
    let (hub, alone) = hub_and_spokes(&app).await;
    let html = app.get_lang("/analysis", "en").await.text();
    let summary = html.split("<h2 id=\"summary-title\">").nth(1).and_then(|s| s.split("</section>").next()).unwrap();
    assert!(summary.starts_with("In short</h2>"), "{summary}");
    // The one actor every path goes through, named and linked; nobody else.
    assert!(
        summary.contains(&format!(
            "The actors that hold the network together (those most of the paths between the others go through): \
             <a href=\"/stakeholders/{hub}\">Plateforme régionale d&#39;accueil</a>."
        )),
        "{summary}"
    );
    assert!(summary.contains("100 % of links join actors of different institutional levels."), "{summary}");
    assert!(summary.contains("The network falls into 2 separate parts; the largest holds 5 of 6 actors."), "{summary}");
    assert!(summary.contains("<a href=\"#unlinked\">One actor has no link.</a>"), "{summary}");
    assert!(html.contains(&format!("<a href=\"/stakeholders/{alone}\">Maison de quartier isolée</a>")));
    // The community is named after its most central member, in the summary and in the table.
    assert!(
        summary.contains(&format!("<a href=\"/stakeholders/{hub}\">around Plateforme régionale d&#39;accueil</a> (5)")),
        "{summary}"
    );
    assert!(html.contains("<td class=\"num\">around Plateforme régionale d&#39;accueil</td>"));
    // The measures are the analysts' details, with their meaning under their name.
    assert!(html.contains("<summary>Details for analysts: every measure, actor by actor</summary>"));
    assert!(html.contains("<dt>Betweenness</dt>") && !html.contains("<dt>betweenness</dt>"));
    // The filter form, kept on the filtered page: local actors only, whose links all go elsewhere.
    assert!(html.contains("<form class=\"filters card\" method=\"get\" action=\"/analysis\">"));
    let local = app.get_lang("/analysis?level=local", "en").await.text();
    assert!(local.contains("<option value=\"local\" selected>"), "the choice is kept");
    assert!(local.contains("4 actors have no link."), "filtered to the four local actors, none linked to another");
    // Every sentence in the other languages too.
    let fr = app.get_lang("/analysis", "fr").await.text();
    assert!(fr.contains("100 % des liens relient des acteurs de niveaux institutionnels différents."));
    assert!(fr.contains("Le réseau se divise en 2 parties séparées"));
});
