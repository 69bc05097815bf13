//! The coverage map: one shape per commune coloured by how many actors on the ground cover
//! the sector, from the GeoJSON the deployment provides, and a table when there is none.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;
use tower::ServiceExt;

/// Squares for Namur, Andenne and Liège, and one feature that is not a Walloon commune.
fn squares() -> String {
    let feature = |id: &str, x: f64, y: f64| {
        json!({ "type": "Feature", "id": id, "properties": {},
                "geometry": { "type": "Polygon", "coordinates": [[[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]] } })
    };
    json!({ "type": "FeatureCollection", "features": [
        feature("92094", 4.8, 50.4), feature("92003", 5.0, 50.4), feature("62063", 5.5, 50.6), feature("21004", 4.3, 50.8)
    ] })
    .to_string()
}

async fn get_with(app: &common::TestApp, geojson: Option<std::path::PathBuf>, uri: &str) -> (StatusCode, String) {
    let settings = maillage::app::Settings { cheap_hashing: true, communes_geojson: geojson, ..Default::default() };
    let mut state = app.state.clone().with_settings(settings);
    state.shapes = Default::default();
    let router = maillage::web::router(state);
    let r = router
        .oneshot(
            Request::get(uri)
                .header(header::HOST, "localhost")
                .header(header::ACCEPT_LANGUAGE, "en")
                .header(header::AUTHORIZATION, format!("Bearer {}", app.admin_token))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = r.status();
    let body = axum::body::to_bytes(r.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8_lossy(&body).into_owned())
}

on_both!(each_commune_is_coloured_by_the_actors_that_cover_it, |app| {
    for (name, territory) in [
        ("CPAS de Namur", "Namur"),
        ("Relais social de Namur", "Namur"),
        ("Centre d'action sociale", "Arrondissement de Namur"),
        ("Région", "Wallonie"),
    ] {
        let r = app
            .json(
                Method::POST,
                "/api/stakeholders",
                json!({ "name": name, "kind": "administration", "level": "local", "sectors": ["social_aid"], "territory": [territory] }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let dir = common::temp_dir();
    let file = dir.0.join("communes.geojson");
    std::fs::write(&file, squares()).unwrap();
    let (status, html) = get_with(&app, Some(file.clone()), "/coverage?sector=social_aid").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert_eq!(html.matches("<path class=\"commune").count(), 3, "one shape per Walloon commune of the file");
    assert!(
        html.contains(r#"class="commune c2" data-ins="92094""#),
        "Namur: two local actors and one of its arrondissement (2–3)"
    );
    assert!(html.contains(r#"class="commune c1" data-ins="92003""#), "Andenne: the arrondissement's actor only");
    assert!(
        html.contains(r#"class="commune c0" data-ins="62063""#),
        "Liège: none (the Wallonia-wide actor does not count)"
    );
    assert!(
        html.contains("<title>Namur: 3 actors</title>")
            && html.contains("href=\"/map?commune=92094&amp;sector=social_aid\"")
    );
    assert!(html.contains("class=\"provinces\""), "provinces outlined");
    let reference = maillage::app::inventory::reference(&app.state).await.unwrap();
    let communes =
        reference.territories.iter().filter(|t| t.kind == maillage::domain::reference::TerritoryKind::Commune);
    let uncovered = communes.filter(|c| c.parent_ins.as_deref() != Some("92000")).count();
    assert!(html.contains(&format!("Communes without an actor on the ground for this sector: {uncovered}")));

    let (_, html) = get_with(&app, None, "/coverage?sector=social_aid").await;
    assert!(
        !html.contains("<svg") && html.contains("--communes-geojson FILE"),
        "without shapes, it says how to give them"
    );
    assert!(html.contains(">Liège</a>"), "and lists the uncovered communes");
    std::fs::write(&file, "{\"type\": \"nothing\"}").unwrap();
    let (_, html) = get_with(&app, Some(file.clone()), "/coverage").await;
    assert!(
        html.contains("could not be read") && html.contains("FeatureCollection"),
        "a bad file is named with its fault"
    );
    let (status, _) = get_with(&app, None, "/coverage?sector=nowhere").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
});

// The real boundaries, when the shared data is on this machine (their licence forbids copying
// them into the project).
on_both!(the_walloon_communes_file_gives_262_shapes, |app| {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/wallonia_communes.geojson");
    if !file.exists() {
        eprintln!("NOT RUN: {} is not on this machine", file.display());
        return;
    }
    let (status, html) = get_with(&app, Some(file), "/coverage?sector=health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("<path class=\"commune").count(), 262);
    assert_eq!(html.matches("class=\"commune c0\"").count(), 262, "no actor yet: every commune uncovered");
});
