//! Survey helpers shared by the test files: a consultation campaign and its answers.

use super::TestApp;
use axum::http::StatusCode;
use maillage::store::campaigns::{NewCampaign, invitees, open};
use maillage::survey::token::Secret;

/// Opens the consultation campaign (open since yesterday, closing in a month) for `who`;
/// returns the campaign id and each invitee's link path.
pub async fn consultation(app: &TestApp, who: &[i64]) -> (i64, Vec<String>) {
    let secret = Secret::new(vec![7u8; 32]).unwrap();
    let today = time::OffsetDateTime::now_utc().date();
    let day = |d: time::Date| maillage::domain::values::format_date(d);
    let mut tx = app.db.pool.begin().await.unwrap();
    let campaign = NewCampaign {
        title: "Consultation 2023",
        definition_id: "consultation-2023",
        definition_version: 1,
        definition: include_str!("../../surveys/consultation-2023.toml"),
        opens_on: &day(today - time::Duration::days(1)),
        closes_on: &day(today + time::Duration::days(30)),
    };
    // Invited in English, the language these tests read (the page follows the invitation).
    let invited: Vec<(i64, &str)> = who.iter().map(|&s| (s, "en")).collect();
    let id = open(&mut tx, &campaign, &invited, &|i| secret.token_hash(i)).await.unwrap();
    tx.commit().await.unwrap();
    let mut conn = app.db.pool.acquire().await.unwrap();
    let mut links = Vec::new();
    for &s in who {
        let i = invitees(&mut conn, id).await.unwrap().into_iter().find(|i| i.stakeholder_id == s).unwrap();
        links.push(format!("/s/{}", secret.token(i.invitation_id)));
    }
    (id, links)
}

/// Answers every section of the consultation; `partners` are the network answers and
/// `entry` the entry check's (confirmed when empty).
pub async fn answer_all(app: &TestApp, link: &str, entry: &[(&str, &str)], partners: &[(&str, &str)]) {
    let confirmed = [("q.entry.confirm", "yes")];
    let entry = if entry.is_empty() { &confirmed[..] } else { entry };
    let sections: [Vec<(&str, &str)>; 5] = [
        [vec![("_section", "0"), ("q.respondent_role", "Coordinatrice")], entry.to_vec()].concat(),
        vec![("_section", "1"), ("q.sectors", "social_aid"), ("q.people_reached", "50-199"), ("q.staff", "2,5")],
        [vec![("_section", "2")], partners.to_vec()].concat(),
        vec![
            ("_section", "3"),
            ("q.clarity_roles", "2"),
            ("q.information_flow", "3"),
            ("q.duplication", "2"),
            ("q.referral_speed", "4"),
        ],
        vec![("_section", "4"), ("q.mechanism_level", "provincial")],
    ];
    for (i, mut fields) in sections.into_iter().enumerate() {
        fields.push(("_action", if i == 4 { "submit" } else { "next" }));
        let r = app.form(link, &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "section {i}: {}", r.text());
    }
}
