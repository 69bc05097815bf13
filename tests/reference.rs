//! Reference data edited by an admin: labels in every language, read by every page at once;
//! territories' names and language; a commune merger that moves the stakeholders and keeps
//! the old names finding the new commune; all of it in the change log, none of it for editors.

mod common;

use axum::http::StatusCode;
use maillage::app::{Actor, Role, audit, reference, transfer};
use sqlx::Row;

async fn scalar(app: &common::TestApp, sql: &str) -> i64 {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(&app.db.pool).await.unwrap().get::<i64, _>(0)
}

on_both!(an_admin_adds_a_sector_in_five_languages_and_every_page_reads_it_at_once, |app| {
    let admin = app.session(Role::Admin).await;
    let editor = app.session(Role::Editor).await;
    let form = [
        ("code", "education"),
        ("label_fr", "Enseignement"),
        ("label_en", "Education"),
        ("label_nl", "Onderwijs"),
        ("label_de", "Bildung"),
        ("label_uk", "Освіта"),
    ];

    // Not an editor's work.
    let r = app.post_as(&editor, "/admin/reference/sector", &form).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get_as(&editor, "/admin/reference").await.status, StatusCode::FORBIDDEN);

    // A bad code and no French label: said next to each field, nothing written.
    let r = app.post_as(&admin, "/admin/reference/sector", &[("code", "Éducation"), ("label_en", "Education")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text();
    assert!(page.contains(r#"id="code-error""#) && page.contains("a code is written in lowercase letters"), "{page}");
    assert!(page.contains(r#"aria-describedby="label_fr-error""#), "the error is tied to its field");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM sectors WHERE code = 'education'").await, 0);

    // Added: the same server's pages read it at once, in each language.
    let r = app.post_as(&admin, "/admin/reference/sector", &form).await;
    assert_eq!((r.status, r.location().as_str()), (StatusCode::SEE_OTHER, "/admin/reference"), "{}", r.text());
    let overview = app.get_as(&admin, "/admin/reference").await.text();
    assert!(overview.contains("Onderwijs") && overview.contains("Освіта"));
    for (lang, label) in [("nl", "Onderwijs"), ("de", "Bildung"), ("uk", "Освіта"), ("fr", "Enseignement")] {
        let page = app.get_lang("/stakeholders/new", lang).await.text();
        assert!(page.contains(r#"value="education""#) && page.contains(label), "{lang}: {label}");
    }

    // Relabelled in German: the other languages keep theirs; the change log has both values.
    let mut relabel = form.to_vec();
    relabel[4] = ("label_de", "Bildung und Ausbildung");
    relabel.push(("existing", "1"));
    assert_eq!(app.post_as(&admin, "/admin/reference/sector", &relabel).await.status, StatusCode::SEE_OTHER);
    let page = app.get_lang("/stakeholders/new", "de").await.text();
    assert!(page.contains("Bildung und Ausbildung"));
    let row = sqlx::query(
        "SELECT action, detail, before_values, after_values FROM changes WHERE entity = 'reference' ORDER BY id DESC",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(row.get::<String, _>("action"), "update");
    assert_eq!(row.get::<String, _>("detail"), "sector:education");
    assert!(row.get::<String, _>("before_values").contains(r#""de":"Bildung""#));
    assert!(row.get::<String, _>("after_values").contains(r#""de":"Bildung und Ausbildung""#));
    let log = app.get_as(&admin, "/changes?entity=reference").await.text();
    assert!(log.contains("Enseignement (sector:education)") && log.contains("Bildung und Ausbildung"), "{log}");

    // A territory's working language: a Walloon commune set to German invites in German.
    let r = app
        .post_as(&admin, "/admin/territories/92094", &[("name_fr", "Namur"), ("name_nl", "Namen"), ("lang", "de")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text());
    let r = reference::current(&app.state).await.unwrap();
    let namur = r.territory_by_ins("92094").unwrap();
    assert_eq!((namur.lang.as_deref(), namur.names.get("de")), (Some("de"), None), "names not given are removed");
    assert_eq!(r.territory_language(&["92094".to_owned()]), Some("de"));
});

on_both!(a_merger_moves_stakeholders_bodies_and_old_names_to_the_new_commune_and_is_final, |app| {
    maillage::demo::load(&app.state).await.unwrap();
    let admin = app.session(Role::Admin).await;
    let on_old = |ins: &str| format!("SELECT COUNT(*) FROM stakeholder_territories WHERE ins_code = '{ins}'");
    let before = scalar(&app, &on_old("82003")).await + scalar(&app, &on_old("82005")).await;
    assert!(before > 0, "the demo has stakeholders in Bastogne");
    let communes = scalar(&app, "SELECT COUNT(*) FROM territories WHERE kind = 'commune'").await;

    // Across provinces, or with a code that is taken: refused, nothing written.
    let refused = app
        .post_as(
            &admin,
            "/admin/mergers",
            &[("communes", "Bastogne\nNamur"), ("into", "82009"), ("name_fr", "Bastogne"), ("on", "2025-01-01")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = refused.text();
    assert!(page.contains("is in another province") && page.contains("already belongs to another territory"), "{page}");
    assert!(page.contains("Bastogne\nNamur"), "what was typed is shown again");
    assert_eq!(scalar(&app, &on_old("82003")).await + scalar(&app, &on_old("82005")).await, before);

    let r = app
        .post_as(
            &admin,
            "/admin/mergers",
            &[
                ("communes", "Bastogne\nBertogne"),
                ("into", "82039"),
                ("name_fr", "Bastogne"),
                ("name_nl", "Bastenaken"),
                ("name_de", "Bastnach"),
                ("on", "01/01/2025"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.text().contains(&format!("2 communes merged into Bastogne: {before} actors moved")), "{}", r.text());
    assert_eq!(scalar(&app, &on_old("82003")).await + scalar(&app, &on_old("82005")).await, 0);
    assert!(scalar(&app, &on_old("82039")).await > 0 && scalar(&app, &on_old("82039")).await <= before);
    let r = reference::current(&app.state).await.unwrap();
    assert_eq!(
        r.territories.iter().filter(|t| t.kind == maillage::domain::reference::TerritoryKind::Commune).count() as i64,
        communes - 1,
        "261 communes today"
    );
    assert_eq!(r.former_by_ins("82005").unwrap().merged_on.as_deref(), Some("2025-01-01"));

    // An old file naming Bertogne (or Bastogne's old code) reaches the new commune.
    let csv = "name,kind,level,territory\nMaison de l'emploi de Bertogne,association,local,Bertogne\n\
               Plan de cohésion sociale (ancien code),association,local,82003\n";
    let report = transfer::import(
        &app.state,
        &Actor::Cli,
        transfer::Table::Stakeholders,
        csv.as_bytes(),
        "old.csv",
        &mut |_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(report.created, 2);
    let new = scalar(
        &app,
        "SELECT COUNT(*) FROM stakeholder_territories t JOIN stakeholders s ON s.id = t.stakeholder_id \
         WHERE t.ins_code = '82039' AND s.name IN ('Maison de l''emploi de Bertogne', 'Plan de cohésion sociale (ancien code)')",
    )
    .await;
    assert_eq!(new, 2);

    // The territories page lists the former communes; the change log has each move, and the
    // merger cannot be reverted from it.
    let page = app.get_as(&admin, "/admin/territories").await.text();
    assert!(page.contains("Former communes") && page.contains("Bertogne") && page.contains("1 January 2025"), "{page}");
    let operation = scalar(&app, "SELECT MAX(operation) FROM changes WHERE entity = 'reference'").await;
    let moved =
        scalar(&app, &format!("SELECT COUNT(*) FROM changes WHERE operation = {operation} AND entity = 'stakeholder'"))
            .await;
    assert_eq!(moved, before);
    let territories =
        scalar(&app, &format!("SELECT COUNT(*) FROM changes WHERE operation = {operation} AND entity = 'reference'"))
            .await;
    assert_eq!(territories, 3, "the new commune and the two merged ones");
    let err = audit::revert_operation(&app.state, &Actor::Cli, operation).await.unwrap_err();
    assert!(err.message(maillage::i18n::Lang::EN).contains("final"), "{err:?}");
    assert_eq!(scalar(&app, &on_old("82003")).await, 0);
});
