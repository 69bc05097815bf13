//! CSV import and export as people really use them, on SQLite and PostgreSQL.

mod common;

use axum::http::StatusCode;
use maillage::csvio::{self, Dialect, ImportFailure, ImportReport};
use maillage::store;

async fn import_stakeholders(app: &common::TestApp, bytes: &[u8]) -> Result<ImportReport, ImportFailure> {
    let mut tx = app.db.pool.begin().await.unwrap();
    let r = csvio::stakeholders::import(&mut tx, bytes, &mut |_, _| {}).await;
    if r.is_ok() {
        tx.commit().await.unwrap();
    }
    r
}

async fn import_links(app: &common::TestApp, bytes: &[u8]) -> Result<ImportReport, ImportFailure> {
    let mut tx = app.db.pool.begin().await.unwrap();
    let r = csvio::links::import(&mut tx, bytes, "links.csv", &mut |_, _| {}).await;
    if r.is_ok() {
        tx.commit().await.unwrap();
    }
    r
}

fn errors(r: Result<ImportReport, ImportFailure>) -> Vec<String> {
    match r {
        Err(ImportFailure::Invalid(errors)) => errors.iter().map(|e| e.message(maillage::i18n::Lang::EN)).collect(),
        other => panic!("expected validation errors, got {other:?}"),
    }
}

async fn export(app: &common::TestApp) -> (Vec<u8>, Vec<u8>) {
    let mut conn = app.db.pool.acquire().await.unwrap();
    let reference = store::reference::load(&mut conn).await.unwrap();
    let s = store::stakeholders::list(&mut conn, &Default::default()).await.unwrap();
    let l = store::links::list(&mut conn, &Default::default()).await.unwrap();
    (
        csvio::stakeholders::export(&s, &reference, Dialect::Plain).unwrap(),
        csvio::links::export(&l, Dialect::Plain).unwrap(),
    )
}

/// What Excel in a Belgian French locale saves: semicolons, Windows-1252, CRLF, French headers.
fn french_excel_file() -> Vec<u8> {
    let text = "Nom;Sigle;Type;Niveau;Secteurs;Territoire;Mandat;Site web;Courriel;Téléphone;Influence;Intérêt\r\n\
        Fédération Wallonie-Bruxelles;FWB;Administration;Communautaire;Enseignement et petite enfance;Wallonie;\"Enseignement,\r\nDASPA\";www.federation-wallonie-bruxelles.be;;;4;3\r\n\
        Centre régional pour l'intégration des personnes étrangères de Liège;CRIPEL;association;provincial;language_integration|information_orientation;Province de Liège;;;info@cripel.be;04 220 01 20;3;5\r\n\
        CPAS de Liège;;administration;local;Aide sociale et revenus;Liège|Seraing;;;;;;\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

on_both!(a_french_excel_file_in_windows_1252_imports_with_its_accents, |app| {
    let file = french_excel_file();
    assert!(std::str::from_utf8(&file).is_err(), "the fixture really is Windows-1252");
    let report = import_stakeholders(&app, &file).await.unwrap();
    assert_eq!((report.created, report.updated, report.unchanged), (3, 0, 0));

    let all = app.get("/api/stakeholders").await.json();
    let fwb = all.as_array().unwrap().iter().find(|s| s["acronym"] == "FWB").unwrap();
    assert_eq!(fwb["name"], "Fédération Wallonie-Bruxelles");
    assert_eq!(fwb["level"], "community");
    assert_eq!(fwb["sectors"], serde_json::json!(["education_childcare"]));
    assert_eq!(fwb["description"], "Enseignement,\nDASPA", "quoted field with a line break");
    assert_eq!(fwb["territory"], serde_json::json!(["03000"]));
    let cripel = all.as_array().unwrap().iter().find(|s| s["acronym"] == "CRIPEL").unwrap();
    assert_eq!(cripel["name"], "Centre régional pour l'intégration des personnes étrangères de Liège");
    assert_eq!(cripel["territory"], serde_json::json!(["60000"]));
    let cpas = all.as_array().unwrap().iter().find(|s| s["name"] == "CPAS de Liège").unwrap();
    assert_eq!(cpas["territory"], serde_json::json!(["62063", "62096"]));
});

on_both!(a_utf8_file_with_bom_and_english_headers_imports, |app| {
    let file = "\u{feff}name,acronym,kind,level,sectors,territory\nAgence pour une Vie de Qualité,AViQ,agency,regional,health,Wallonie\n";
    let report = import_stakeholders(&app, file.as_bytes()).await.unwrap();
    assert_eq!(report.created, 1);
    assert_eq!(app.get("/api/stakeholders").await.json()[0]["name"], "Agence pour une Vie de Qualité");
});

on_both!(a_file_with_several_errors_reports_them_all_and_writes_nothing, |app| {
    let file = "name,acronym,kind,level,sectors,territory,email,influence\n\
        Good one,G1,administration,local,social_aid,Namur,,\n\
        ,X,administration,local,,,,\n\
        Bad level,,administration,regionale,,,,\n\
        Bad sector,,association,local,housing?,Gotham,not-an-email,9\n\
        Good one,,administration,local,,,,\n";
    let messages = errors(import_stakeholders(&app, file.as_bytes()).await);
    assert_eq!(
        messages,
        [
            "line 3, column name: this field is required",
            "line 4, column level: unknown level \"regionale\"; expected one of: international, eu, federal, community, regional, provincial, local",
            "line 5, column sectors: unknown sector \"housing?\"; expected one of: reception_housing, legal_protection, social_aid, employment_training, education_childcare, health, language_integration, information_orientation, coordination",
            "line 5, column territory: unknown territory \"Gotham\"; expected one of: Wallonie, Province de …, Arrondissement de …, un nom de commune / a commune name, un code INS / an INS code",
            "line 5, column email: \"not-an-email\" is not an email address (name@domain.be)",
            "line 5, column influence: \"9\" out of range: a whole number from 1 to 5",
            "line 6, column name: duplicate of line 2",
        ]
    );
    assert_eq!(app.count("stakeholders").await, 0, "nothing written, not even the good row");
});

on_both!(header_problems_are_reported_on_line_one, |app| {
    let messages = errors(import_stakeholders(&app, b"name;niveau;colour\nX;local;red\n").await);
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with("line 1, column colour: unknown column \"colour\"; known columns: name, acronym, kind"),
        "{}",
        messages[0]
    );
    assert_eq!(messages[1], "line 1, column kind: required column missing from the header");
    assert_eq!(errors(import_stakeholders(&app, b"").await), ["line 1: the file is empty"]);
});

on_both!(reimporting_the_same_files_changes_nothing, |app| {
    let (stakeholders, links) = maillage::demo::files().unwrap();
    let first = import_stakeholders(&app, &stakeholders).await.unwrap();
    let first_links = import_links(&app, &links).await.unwrap();
    let counts = (app.count("stakeholders").await, app.count("links").await);
    let second = import_stakeholders(&app, &stakeholders).await.unwrap();
    let second_links = import_links(&app, &links).await.unwrap();
    assert_eq!(first.created, first.rows);
    assert_eq!(first_links.created, first_links.rows);
    assert_eq!((second.created, second.updated, second.unchanged), (0, 0, first.rows));
    assert_eq!((second_links.created, second_links.updated, second_links.unchanged), (0, 0, first_links.rows));
    assert_eq!((app.count("stakeholders").await, app.count("links").await), counts);
});

on_both!(a_reimport_matches_on_name_or_acronym_and_updates_only_given_columns, |app| {
    import_stakeholders(&app, "name,acronym,kind,level,description\nOffice de la Naissance et de l'Enfance,ONE,agency,community,Petite enfance\n".as_bytes())
        .await
        .unwrap();
    // Same organisation by acronym, a new e-mail, no description column: the description stays.
    let r = import_stakeholders(
        &app,
        "name,acronym,kind,level,email\nONE (Office de la Naissance),ONE,agency,community,info@one.be\n".as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!((r.created, r.updated), (0, 1));
    let all = app.get("/api/stakeholders").await.json();
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["email"], "info@one.be");
    assert_eq!(all[0]["description"], "Petite enfance");
    assert_eq!(all[0]["name"], "ONE (Office de la Naissance)");
});

on_both!(export_then_import_round_trips, |app| {
    maillage::demo::load(&app.state).await.unwrap();
    // Hostile and multi-line text must survive too.
    let id = app.stakeholder("Asbl \"Le Pont\"; <b>Accueil</b>", Some("LP"), "local").await;
    let mut body = app.get(&format!("/api/stakeholders/{id}")).await.json();
    body["notes"] = serde_json::json!("ligne 1\nligne 2, avec ; et \"guillemets\"");
    body["territory"] = serde_json::json!(["Province de Namur", "Arrondissement de Namur", "Namur"]);
    app.json(axum::http::Method::PUT, &format!("/api/stakeholders/{id}"), body).await;
    let (s1, l1) = export(&app).await;

    let other = common::spawn(common::Backend::Sqlite).await.unwrap();
    import_stakeholders(&other, &s1).await.unwrap();
    // The links the demo's consultation derived carry `survey:<campaign>/<invitation>`, which
    // only the survey path writes: in another database it would name someone else's answer,
    // so a file cannot give it (each such row is named). Moving a whole database is a dump.
    let text = String::from_utf8(l1).unwrap();
    let survey_rows = text.lines().filter(|l| l.contains(",survey:")).count();
    assert!(survey_rows > 0, "the demo's consultation derived links");
    let refused = errors(import_links(&other, text.as_bytes()).await);
    assert_eq!(refused.len(), survey_rows, "{refused:?}");
    assert!(refused[0].contains("column provenance"), "{}", refused[0]);
    let l1: String = text.lines().filter(|l| !l.contains(",survey:")).map(|l| format!("{l}\n")).collect();
    import_links(&other, l1.as_bytes()).await.unwrap();
    let (s2, l2) = export(&other).await;
    assert_eq!(String::from_utf8(s2).unwrap(), String::from_utf8(s1).unwrap());
    assert_eq!(String::from_utf8(l2).unwrap(), l1);
});

on_both!(link_files_name_stakeholders_by_name_or_acronym_and_report_unknowns, |app| {
    import_stakeholders(
        &app,
        "name,acronym,kind,level\nSPW Intérieur et Action sociale,SPW IAS,administration,regional\nCPAS de Namur,CPAS,administration,local\nCPAS de Liège,CPAS,administration,local\n".as_bytes(),
    )
    .await
    .unwrap();
    let bad = "source;cible;type;force;formel;depuis\nSPW IAS;CPAS;funds;2;oui;2022\nSPW IAS;Fedasil;finance;4;peut-être;01/03/2022\n";
    let messages = errors(import_links(&app, bad.as_bytes()).await);
    assert_eq!(messages.len(), 5, "{messages:?}");
    assert!(
        messages[0].starts_with("line 2, column target: \"CPAS\" is ambiguous: CPAS de Namur, CPAS de Liège"),
        "{}",
        messages[0]
    );
    assert_eq!(messages[1], "line 2, column since: \"2022\" is not a date (YYYY-MM-DD or DD/MM/YYYY)");
    assert_eq!(messages[2], "line 3, column target: no stakeholder has the name or acronym \"Fedasil\"");
    assert_eq!(app.count("links").await, 0);

    let good = "source;cible;type;force;formel;depuis\nspw ias;cpas de namur;Finance;2;oui;01/03/2022\n";
    let r = import_links(&app, good.as_bytes()).await.unwrap();
    assert_eq!(r.created, 1);
    let link = &app.get("/api/links").await.json()[0];
    assert_eq!(link["provenance"], "import:links.csv");
    assert_eq!(link["since"], "2022-03-01");
    assert_eq!(link["formal"], true);
    assert_eq!(link["confirmed"], false, "imported links wait for confirmation");
});

on_both!(the_import_page_shows_errors_or_a_summary, |app| {
    let bad = app
        .upload("stakeholders", "liste.csv", b"name,kind,level\n<script>x</script>,administration,regionale\n")
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text();
    assert!(html.contains("The file has errors"));
    assert!(html.contains("unknown level &#34;regionale&#34;"), "{html}");
    assert!(!html.contains("<script>x"));
    assert_eq!(app.count("stakeholders").await, 0);

    let good = app.upload("stakeholders", "liste.csv", &french_excel_file()).await;
    assert_eq!(good.status, StatusCode::OK);
    assert!(good.text().contains("3 created, 0 updated, 0 unchanged"), "{}", good.text());
    let links = app.upload("links", "liens.csv", "source,target,type\nFWB,CRIPEL,coordinates\n".as_bytes()).await;
    assert!(links.text().contains("1 created"), "{}", links.text());
});

on_both!(csv_downloads_respect_filters_and_excel_dialect, |app| {
    maillage::demo::load(&app.state).await.unwrap();
    let plain = app.get("/export/stakeholders.csv?level=regional").await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.headers["content-disposition"].to_str().unwrap().contains("attachment"));
    let text = plain.text();
    assert!(text.starts_with("name,acronym,kind,level,"));
    assert!(text.lines().skip(1).all(|l| l.contains(",regional,")), "{text}");
    let excel = app.get("/export/stakeholders.csv?dialect=excel").await;
    assert!(excel.body.starts_with(b"\xEF\xBB\xBFname;acronym;kind;level;"));
    assert!(excel.text().contains("\r\n"));
    let links = app.get("/export/links.csv").await.text();
    assert_eq!(links.lines().count() as i64, app.count("links").await + 1);
});

on_both!(exports_never_carry_a_live_formula_and_import_reads_them_back_exactly, |app| {
    let evil = "=HYPERLINK(\"http://evil.example\",\"click\")";
    let r = app
        .json(
            axum::http::Method::POST,
            "/api/stakeholders",
            serde_json::json!({ "name": evil, "acronym": "@SUM", "kind": "association", "level": "local",
                                 "phone": "+32 81 00 00 00", "description": "-1 then \t tab" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let id = r.json()["id"].as_i64().unwrap();
    let other = app.stakeholder("CPAS de Namur", None, "local").await;
    let r = app
        .json(
            axum::http::Method::POST,
            "/api/links",
            serde_json::json!({ "source": id, "target": other, "type": "coordinates" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    for (uri, dialect) in [("/export/stakeholders.csv", ""), ("/export/stakeholders.csv?dialect=excel", "excel")] {
        let csv = app.get(uri).await.text();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(if dialect == "excel" { b';' } else { b',' })
            .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "live cell {cell:?} in {uri}");
            }
        }
    }
    for uri in ["/export/links.csv", "/api/graph?format=kumu-elements", "/api/graph?format=kumu-connections"] {
        let csv = app.get(uri).await.text();
        for record in csv::Reader::from_reader(csv.as_bytes()).records() {
            for cell in record.unwrap().iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "live cell {cell:?} in {uri}");
            }
        }
    }
    // Export → import changes nothing: the added quote is taken off again.
    let exported = app.get("/export/stakeholders.csv").await.body;
    let report = import_stakeholders(&app, &exported).await.unwrap();
    assert_eq!((report.created, report.updated, report.unchanged), (0, 0, 2), "{report:?}");
    let back = app.get(&format!("/api/stakeholders/{id}")).await.json();
    assert_eq!(back["name"], evil);
    assert_eq!(back["phone"], "+32 81 00 00 00");
});

on_both!(a_file_full_of_errors_lists_the_first_hundred_and_counts_the_rest, |app| {
    let mut file = String::from("name,kind,level,sectors\n");
    for i in 0..5_000 {
        file.push_str(&format!("Org {i},association,local,not-a-sector\n"));
    }
    let listed = errors(import_stakeholders(&app, file.as_bytes()).await);
    assert_eq!(listed.len(), 101, "100 problems and a count");
    assert!(listed[0].starts_with("line 2, column sectors:"), "{}", listed[0]);
    assert_eq!(listed[100], "… and 4900 more problems: fix these first, then import again");
    assert_eq!(app.count("stakeholders").await, 0, "nothing written");
});

on_both!(a_file_over_the_row_limit_is_refused_whole, |app| {
    let max = maillage::domain::limits::IMPORT_ROWS;
    let mut file = String::with_capacity(max * 30);
    file.push_str("name,kind,level\n");
    for i in 0..=max {
        file.push_str(&format!("Org {i},association,local\n"));
    }
    let listed = errors(import_stakeholders(&app, file.as_bytes()).await);
    assert_eq!(
        listed,
        [format!(
            "line {}: the file has more than {} data rows: split it into several files",
            max + 2,
            maillage::i18n::number(maillage::i18n::Lang::EN, max as f64, 0)
        )]
    );
    assert_eq!(app.count("stakeholders").await, 0);
});

on_both!(import_line_numbers_are_exact_whatever_the_line_endings_encoding_and_quoting, |app| {
    // The bad level is on the fourth line of the file in every variant; the second data row
    // holds a quoted description spanning two lines.
    let rows = [
        "name,kind,level,description",
        "A,association,local,x",
        "B,association,local,\"two\nlines\"",
        "C,association,nowhere,y",
    ];
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("LF", rows.join("\n").into_bytes()),
        ("CRLF", rows.join("\r\n").into_bytes()),
        ("CR", rows.join("\r").into_bytes()),
        ("BOM + CRLF", [b"\xEF\xBB\xBF".as_slice(), rows.join("\r\n").as_bytes()].concat()),
        (
            "Windows-1252",
            rows.join("\r\n")
                .replace("B,", "Bé,")
                .chars()
                .map(|c| if c == 'é' { '\u{e9}' } else { c })
                .collect::<String>()
                .chars()
                .map(|c| c as u32 as u8)
                .collect(),
        ),
    ];
    for (what, bytes) in variants {
        let listed = errors(import_stakeholders(&app, &bytes).await);
        assert_eq!(listed.len(), 1, "{what}: {listed:?}");
        assert!(listed[0].starts_with("line 5, column level:"), "{what}: {}", listed[0]);
    }
});

on_both!(a_large_import_is_written_in_batches_with_every_row_child_row_and_audit_row, |app| {
    // More rows than one statement and one batch hold: 2,300 stakeholders, 5,400 links.
    let communes = ["92094", "62063", "52011", "25072", "57081"];
    let sectors = ["health", "social_aid", "reception_housing"];
    let mut s = String::from("name,acronym,kind,level,sectors,territory,email\n");
    for i in 0..2_300 {
        s.push_str(&format!(
            "Organisation {i:04},O{i},association,local,{}|{},{},org{i}@example.org\n",
            sectors[i % 3],
            sectors[(i + 1) % 3],
            communes[i % 5]
        ));
    }
    let mut l = String::from("source,target,type,strength\n");
    let mut pairs = std::collections::HashSet::new();
    for i in 0..5_400usize {
        let (a, b) = (i % 2_300, (i * 7 + 1 + i / 2_300) % 2_300);
        if a == b || !pairs.insert((a.min(b), a.max(b), i / 2_300)) {
            continue;
        }
        l.push_str(&format!("O{a},O{b},{},{}\n", ["partners", "refers", "funds"][i / 2_300], 1 + i % 3));
    }
    let actor = maillage::app::Actor::Cli;
    let mut steps = Vec::new();
    let report = maillage::app::transfer::import(
        &app.state,
        &actor,
        maillage::app::transfer::Table::Stakeholders,
        s.as_bytes(),
        "s.csv",
        &mut |done, total| steps.push((done, total)),
    )
    .await
    .unwrap();
    assert_eq!(report.created, 2_300);
    assert_eq!(steps.last(), Some(&(2_300, 2_300)), "the progress bar reaches the end");
    assert!(steps.len() >= 2, "progress is reported batch by batch: {steps:?}");
    let report = maillage::app::transfer::import(
        &app.state,
        &actor,
        maillage::app::transfer::Table::Links,
        l.as_bytes(),
        "l.csv",
        &mut |_, _| {},
    )
    .await
    .unwrap();
    let links = report.created;
    assert!(links > 4_000, "{report:?}");

    // Every stakeholder has its own id, sectors, territory and e-mail, as in the file.
    let mut conn = app.db.pool.acquire().await.unwrap();
    let all = store::stakeholders::list(&mut conn, &Default::default()).await.unwrap();
    assert_eq!(all.len(), 2_300);
    for st in &all {
        let i: usize = st.data.name.as_str()["Organisation ".len()..].parse().unwrap();
        assert_eq!(st.data.acronym.as_deref(), Some(format!("O{i}").as_str()));
        assert_eq!(st.data.territory, vec![communes[i % 5].to_owned()], "{}", st.data.name.as_str());
        let mut expected = vec![sectors[i % 3], sectors[(i + 1) % 3]];
        expected.sort_by_key(|c| ["reception_housing", "social_aid", "health"].iter().position(|x| x == c));
        let mut got: Vec<&str> = st.data.sectors.iter().map(String::as_str).collect();
        got.sort_by_key(|c| ["reception_housing", "social_aid", "health"].iter().position(|x| x == c));
        assert_eq!(got, expected);
        assert_eq!(st.data.email.as_ref().map(|e| e.as_str().to_owned()), Some(format!("org{i}@example.org")));
    }
    // Each link joins the stakeholders its row names.
    let by_id: std::collections::HashMap<i64, String> =
        all.iter().map(|s| (s.id, s.data.acronym.clone().unwrap())).collect();
    let stored = store::links::list(&mut conn, &Default::default()).await.unwrap();
    assert_eq!(stored.len(), links);
    let rows: std::collections::HashSet<(String, String, String)> = l
        .lines()
        .skip(1)
        .map(|r| {
            let c: Vec<&str> = r.split(',').collect();
            (c[0].to_owned(), c[1].to_owned(), c[2].to_owned())
        })
        .collect();
    for link in &stored {
        let key = (by_id[&link.data.source].clone(), by_id[&link.data.target].clone(), link.data.link_type.clone());
        assert!(rows.contains(&key), "{key:?} is not a row of the file");
    }
    // One change per record, in its operation, with the record's values after.
    use sqlx::Row;
    for (entity, count) in [("stakeholder", 2_300i64), ("link", links as i64)] {
        let r = sqlx::query(
            "SELECT COUNT(*) AS n, COUNT(DISTINCT entity_id) AS records, COUNT(after_values) AS after, \
             COUNT(DISTINCT operation) AS operations, MIN(actor) AS actor FROM changes WHERE entity = $1",
        )
        .bind(entity)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        assert_eq!(
            (r.get::<i64, _>("n"), r.get::<i64, _>("records"), r.get::<i64, _>("after"), r.get::<i64, _>("operations")),
            (count, count, count, 1),
            "{entity}"
        );
        assert_eq!(r.get::<String, _>("actor"), "cli");
    }
    let one: String = sqlx::query("SELECT after_values FROM changes WHERE entity = 'stakeholder' ORDER BY id LIMIT 1")
        .fetch_one(&mut *conn)
        .await
        .unwrap()
        .get(0);
    let values: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert!(values["name"].as_str().unwrap().starts_with("Organisation "), "{values}");
    assert_eq!(values["sectors"].as_array().unwrap().len(), 2, "child rows are in the values: {values}");
    drop(conn);
    // The whole import goes back as one operation.
    let op: i64 = sqlx::query("SELECT MIN(operation) FROM changes WHERE entity = 'link'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap()
        .get(0);
    maillage::app::audit::revert_operation(&app.state, &actor, op).await.unwrap();
    let mut conn = app.db.pool.acquire().await.unwrap();
    assert!(store::links::list(&mut conn, &Default::default()).await.unwrap().is_empty());
});

on_both!(a_name_mixing_lookalike_scripts_is_imported_with_a_warning, |app| {
    // "СPAS" with a Cyrillic С; "Дружба Namur" mixes scripts across words only: no warning.
    let file = "name,kind,level\n\u{421}PAS de Namur,administration,local\nДружба Namur,association,local\nCPAS de Liège,administration,local\n";
    let report = import_stakeholders(&app, file.as_bytes()).await.unwrap();
    assert_eq!(report.created, 3, "a warning, not a refusal");
    assert_eq!(report.warnings.len(), 1, "{report:?}");
    assert_eq!((report.warnings[0].line, report.warnings[0].name.as_str()), (2, "\u{421}PAS de Namur"));
    assert!(
        report.warnings[0].message(maillage::i18n::Lang::EN).starts_with("line 2: “СPAS de Namur” — This name mixes")
    );

    let page = app
        .upload("stakeholders", "encore.csv", "name,kind,level\nCentr\u{435} Accueil,association,local\n".as_bytes())
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("To check:") && html.contains("Centrе Accueil"), "{html}");

    let id = app.get("/api/stakeholders?q=accueil").await.json()[0]["id"].as_i64().unwrap();
    let show = app.get(&format!("/stakeholders/{id}")).await.text();
    assert!(show.contains("mixes Latin and Cyrillic"), "the record's page says it too");
    let edit = app.get(&format!("/stakeholders/{id}/edit")).await.text();
    assert!(edit.contains("aria-describedby=\"name-scripts\""), "the form ties the warning to the name field");
    let plain = app.get("/api/stakeholders?q=liege").await.json()[0]["id"].as_i64().unwrap();
    assert!(!app.get(&format!("/stakeholders/{plain}")).await.text().contains("mixes Latin and Cyrillic"));
});
