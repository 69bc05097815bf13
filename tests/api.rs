//! The JSON API, route by route, on SQLite and PostgreSQL.

mod common;

use axum::http::{Method, StatusCode};
use serde_json::json;

fn cpas_namur() -> serde_json::Value {
    json!({
        "name": "CPAS de Namur",
        "acronym": "CPAS Namur",
        "kind": "Administration",
        "level": "local",
        "sectors": ["social_aid", "Accueil et logement"],
        "territory": ["Namur", "92003"],
        "description": "Aide sociale",
        "website": "www.cpasnamur.be",
        "email": "info@cpasnamur.be",
        "phone": "+32 81 33 70 11",
        "influence": 4,
        "interest": "5",
        "key": true,
        "contacts": [{ "name": "Olena Kovalenko", "function": "Coordinatrice Ukraine", "email": "o.k@example.org" }]
    })
}

// The OpenAPI document, generated from the handlers: every API route of the registry is in
// it with its method, it names what each write takes, and anyone may read it.
on_both!(the_openapi_document_holds_every_api_route, |app| {
    let r = app.get_anonymous("/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", doc["openapi"]);
    let mut missing = Vec::new();
    let api = maillage::web::routes::registry()
        .into_iter()
        .filter(|r| r.kind == maillage::web::routes::Kind::Api)
        .collect::<Vec<_>>();
    assert!(api.len() > 30, "{} API routes", api.len());
    for route in &api {
        let method = route.method.as_str().to_lowercase();
        let op = &doc["paths"][route.path][&method];
        if !op.is_object() {
            missing.push(format!("{} {}", route.method, route.path));
            continue;
        }
        assert!(
            op["summary"].as_str().is_some_and(|s| !s.is_empty()),
            "{} {} says what it does",
            route.method,
            route.path
        );
        assert!(
            op["responses"].as_object().is_some_and(|r| r.keys().any(|k| k.starts_with('2'))),
            "{} {}",
            route.method,
            route.path
        );
    }
    assert!(missing.is_empty(), "API routes missing from /api/openapi.json: {missing:?}");
    let documented: usize = doc["paths"].as_object().unwrap().values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(documented, api.len(), "nothing documented that is not a route");
    let mut ids: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|p| p.as_object().unwrap().values().filter_map(|op| op["operationId"].as_str()))
        .collect();
    ids.sort_unstable();
    let count = ids.len();
    ids.dedup();
    assert_eq!((ids.len(), count), (api.len(), api.len()), "one unique operationId per operation: {ids:?}");
    // What a write takes, field by field; who may call it.
    let body = &doc["paths"]["/api/stakeholders"]["post"]["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(body["$ref"], "#/components/schemas/StakeholderDraft");
    let fields = &doc["components"]["schemas"]["StakeholderDraft"]["properties"];
    for field in ["name", "level", "kind", "sectors", "territory", "contacts"] {
        assert!(fields[field].is_object(), "StakeholderDraft.{field}");
    }
    // What a read gives back, field by field, for the two core records.
    for (schema, fields) in [
        ("StakeholderJson", &["id", "name", "territory", "contacts", "updated_at"][..]),
        ("LinkJson", &["id", "source", "target", "type"][..]),
    ] {
        for field in fields {
            assert!(doc["components"]["schemas"][schema]["properties"][field].is_object(), "{schema}.{field}");
        }
    }
    for (path, schema) in [
        ("/api/stakeholders/{id}", "StakeholderJson"),
        ("/api/links/{id}", "LinkJson"),
        ("/api/bodies/{id}", "BodyJson"),
        ("/api/meetings/{id}", "MeetingJson"),
    ] {
        let answer = &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(answer["$ref"], format!("#/components/schemas/{schema}"), "{path}");
    }
    let phases = &doc["paths"]["/api/phases"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert_eq!(phases["items"]["$ref"], "#/components/schemas/PhaseJson");
    assert!(doc["components"]["schemas"]["MeetingJson"]["properties"]["attendees"].is_object());
    let list = &doc["paths"]["/api/stakeholders"]["get"];
    assert!(list["parameters"].as_array().unwrap().iter().any(|p| p["name"] == "province"), "{list}");
    assert!(list["responses"]["401"].is_object() && list["security"].is_array());
    assert!(doc["paths"]["/api/links/{id}"]["delete"]["responses"]["403"].is_object());
    assert!(doc["components"]["securitySchemes"]["token"].is_object());
});

on_both!(healthz_reports_ok, |app| {
    let r = app.get("/healthz").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "ok");
});

on_both!(stakeholder_create_read_update_archive, |app| {
    let created = app.json(Method::POST, "/api/stakeholders", cpas_namur()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let body = created.json();
    let id = body["id"].as_i64().unwrap();
    assert_eq!(created.location(), format!("/api/stakeholders/{id}"));
    assert_eq!(body["kind"], "administration");
    assert_eq!(body["sectors"], json!(["reception_housing", "social_aid"]));
    assert_eq!(body["territory"], json!(["92003", "92094"]));
    assert_eq!(body["website"], "https://www.cpasnamur.be");
    assert_eq!(body["influence"], 4);
    assert_eq!(body["interest"], 5);
    assert_eq!(body["key"], true);
    assert_eq!(body["contacts"][0]["name"], "Olena Kovalenko");

    let read = app.get(&format!("/api/stakeholders/{id}")).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json()["name"], "CPAS de Namur");

    let mut changed = cpas_namur();
    changed["name"] = json!("CPAS de la Ville de Namur");
    changed["sectors"] = json!("health|social_aid");
    changed["contacts"] = json!([]);
    let put = app.json(Method::PUT, &format!("/api/stakeholders/{id}"), changed).await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());
    assert_eq!(put.json()["name"], "CPAS de la Ville de Namur");
    assert_eq!(put.json()["sectors"], json!(["social_aid", "health"]));
    assert_eq!(put.json()["contacts"], json!([]));

    let del = app.delete(&format!("/api/stakeholders/{id}")).await;
    assert_eq!(del.status, StatusCode::NO_CONTENT);
    let after = app.get(&format!("/api/stakeholders/{id}")).await;
    assert_eq!(after.json()["archived"], true, "archived, not deleted");
    assert_eq!(app.get("/api/stakeholders").await.json(), json!([]));
    assert_eq!(app.get("/api/stakeholders?include_archived=yes").await.json().as_array().unwrap().len(), 1);
});

on_both!(invalid_stakeholders_get_422_naming_every_field, |app| {
    let r = app
        .json(
            Method::POST,
            "/api/stakeholders",
            json!({ "name": "", "kind": "ngo", "level": "regionale", "email": "nope", "influence": 9, "territory": ["Gotham"] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = r.json();
    assert_eq!(body["error"], "validation");
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["name", "kind", "level", "territory", "email", "influence"]);
    let level_msg = body["errors"][2]["message"].as_str().unwrap();
    assert!(level_msg.contains("unknown level \"regionale\"") && level_msg.contains("regional"), "{level_msg}");
    assert_eq!(app.count("stakeholders").await, 0);
});

on_both!(malformed_json_is_a_clear_400_and_wrong_shapes_a_422, |app| {
    let r = app
        .send(
            axum::http::Request::post("/api/stakeholders")
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{not json"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"], "bad_request");
    let r = app.json(Method::POST, "/api/stakeholders", json!({ "name": "X", "sectors": { "a": 1 } })).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
});

on_both!(duplicate_names_are_a_409_conflict, |app| {
    app.stakeholder("Fédération Wallonie-Bruxelles", Some("FWB"), "community").await;
    let r = app
        .json(
            Method::POST,
            "/api/stakeholders",
            json!({ "name": "FEDERATION wallonie bruxelles", "kind": "administration", "level": "community" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.json()["errors"][0]["field"], "name");
});

on_both!(unknown_ids_are_404_for_every_verb, |app| {
    for uri in ["/api/stakeholders/999", "/api/stakeholders/abc", "/api/links/999"] {
        assert_eq!(app.get(uri).await.status, StatusCode::NOT_FOUND, "GET {uri}");
        assert_eq!(app.delete(uri).await.status, StatusCode::NOT_FOUND, "DELETE {uri}");
    }
    let put = app.json(Method::PUT, "/api/stakeholders/999", cpas_namur()).await;
    assert_eq!(put.status, StatusCode::NOT_FOUND);
    assert_eq!(put.json()["error"], "not_found");
    let put = app.json(Method::PUT, "/api/links/999", json!({})).await;
    assert_eq!(put.status, StatusCode::NOT_FOUND);
});

on_both!(stakeholder_list_filters, |app| {
    for body in [
        json!({ "name": "CPAS de Namur", "kind": "administration", "level": "local", "sectors": ["social_aid"], "territory": ["Namur"], "key": true }),
        json!({ "name": "CPAS de Liège", "kind": "administration", "level": "local", "sectors": ["social_aid", "health"], "territory": ["Liège"] }),
        json!({ "name": "Agence pour une Vie de Qualité", "acronym": "AViQ", "kind": "agency", "level": "regional", "sectors": ["health"], "territory": ["Wallonie"] }),
        json!({ "name": "Centre d'action interculturelle", "acronym": "CAI", "kind": "association", "level": "provincial", "territory": ["Province de Namur"] }),
    ] {
        assert_eq!(app.json(Method::POST, "/api/stakeholders", body).await.status, StatusCode::CREATED);
    }
    let names = |r: common::Response| -> Vec<String> {
        r.json().as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(names(app.get("/api/stakeholders?level=local").await), ["CPAS de Liège", "CPAS de Namur"]);
    assert_eq!(names(app.get("/api/stakeholders?kind=agency").await), ["Agence pour une Vie de Qualité"]);
    assert_eq!(
        names(app.get("/api/stakeholders?sector=health").await),
        ["Agence pour une Vie de Qualité", "CPAS de Liège"]
    );
    assert_eq!(
        names(app.get("/api/stakeholders?province=Namur").await),
        ["Centre d'action interculturelle", "CPAS de Namur"]
    );
    assert_eq!(names(app.get("/api/stakeholders?province=60000").await), ["CPAS de Liège"]);
    assert_eq!(names(app.get("/api/stakeholders?q=liege").await), ["CPAS de Liège"]);
    assert_eq!(names(app.get("/api/stakeholders?q=AVIQ").await), ["Agence pour une Vie de Qualité"]);
    assert_eq!(names(app.get("/api/stakeholders?q=100%25").await), Vec::<String>::new());
    assert_eq!(names(app.get("/api/stakeholders?key=1").await), ["CPAS de Namur"]);
    assert_eq!(
        names(app.get("/api/stakeholders?limit=2&offset=1").await),
        ["Centre d'action interculturelle", "CPAS de Liège"]
    );
    let bad = app.get("/api/stakeholders?sector=nothing&limit=0").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["errors"].as_array().unwrap().len(), 2);
});

on_both!(links_create_read_update_archive_and_refuse_duplicates, |app| {
    let a = app.stakeholder("SPW Intérieur et Action sociale", Some("SPW IAS"), "regional").await;
    let b = app.stakeholder("Centre régional d'intégration de Charleroi", Some("CRIC"), "provincial").await;
    let r = app
        .json(Method::POST, "/api/links", json!({ "source": "SPW IAS", "target": b, "type": "Finance", "strength": 3, "formal": "oui", "since": "01/01/2016" }))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let link = r.json();
    let id = link["id"].as_i64().unwrap();
    assert_eq!((link["source"].as_i64(), link["target"].as_i64()), (Some(a), Some(b)));
    assert_eq!(link["type"], "funds");
    assert_eq!(link["directed"], true);
    assert_eq!(link["formal"], true);
    assert_eq!(link["since"], "2016-01-01");
    assert_eq!(link["provenance"], "manual");
    assert_eq!(link["confirmed"], true);

    let dup = app.json(Method::POST, "/api/links", json!({ "source": a, "target": b, "type": "funds" })).await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    // An undirected link is the same whichever end comes first.
    let c1 = app.json(Method::POST, "/api/links", json!({ "source": a, "target": b, "type": "coordinates" })).await;
    assert_eq!(c1.status, StatusCode::CREATED);
    let c2 = app.json(Method::POST, "/api/links", json!({ "source": b, "target": a, "type": "coordinates" })).await;
    assert_eq!(c2.status, StatusCode::CONFLICT);

    let put = app
        .json(
            Method::PUT,
            &format!("/api/links/{id}"),
            json!({ "source": a, "target": b, "type": "funds", "strength": 2, "note": "AMIF" }),
        )
        .await;
    assert_eq!(put.status, StatusCode::OK, "{}", put.text());
    assert_eq!(put.json()["strength"], 2);
    assert_eq!(put.json()["note"], "AMIF");
    assert_eq!(app.get(&format!("/api/links/{id}")).await.json()["strength"], 2);

    let listed = app.get(&format!("/api/links?stakeholder={b}&type=funds")).await.json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(app.get(&format!("/api/links?stakeholder={a}")).await.json().as_array().unwrap().len(), 2);

    assert_eq!(app.delete(&format!("/api/links/{id}")).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get(&format!("/api/links?stakeholder={a}")).await.json().as_array().unwrap().len(), 1);
    // Re-adding an archived link revives the same row.
    let again = app.json(Method::POST, "/api/links", json!({ "source": a, "target": b, "type": "funds" })).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.json()["id"].as_i64(), Some(id));
});

on_both!(invalid_links_get_422_naming_every_field, |app| {
    let a = app.stakeholder("CPAS de Namur", None, "local").await;
    let r = app
        .json(Method::POST, "/api/links", json!({ "source": a, "target": "Nobody", "type": "hugs", "strength": 7, "since": "2023-05-01", "until": "2023-01-01" }))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> =
        r.json()["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_owned()).collect();
    assert_eq!(fields, ["target", "type", "strength", "until"]);
    let self_link = app.json(Method::POST, "/api/links", json!({ "source": a, "target": a, "type": "funds" })).await;
    assert_eq!(self_link.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("links").await, 0);
});

on_both!(reference_lists_every_table_with_both_labels, |app| {
    let r = app.get("/api/reference").await.json();
    assert_eq!(r["levels"].as_array().unwrap().len(), 7);
    assert_eq!(r["kinds"].as_array().unwrap().len(), 8);
    assert_eq!(r["sectors"].as_array().unwrap().len(), 9);
    assert_eq!(r["link_types"].as_array().unwrap().len(), 8, "seven kinds of link and the meetings shared");
    assert_eq!(r["levels"][4]["code"], "regional");
    assert_eq!(r["levels"][4]["label_fr"], "Régional");
    let territories = r["territories"].as_array().unwrap();
    let count = |kind: &str| territories.iter().filter(|t| t["kind"] == kind).count();
    assert_eq!((count("region"), count("province"), count("arrondissement"), count("commune")), (1, 5, 20, 262));
    let namur = territories.iter().find(|t| t["ins_code"] == "92094").unwrap();
    assert_eq!(namur["name"], "Namur");
    assert_eq!(namur["province"], "90000");
});

on_both!(api_errors_follow_the_requested_language, |app| {
    let r = app
        .send(
            axum::http::Request::get("/api/stakeholders?level=regionale")
                .header("accept-language", "fr-BE,fr;q=0.9")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["errors"][0]["message"].as_str().unwrap().starts_with("niveau inconnu « regionale »"));
});
