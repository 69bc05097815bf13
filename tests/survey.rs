//! Survey campaigns: invitations with personal links whose tokens are never stored.

mod common;

use maillage::store::campaigns::{NewCampaign, by_token, invitees, open};
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
    let id = open(&mut tx, &campaign, &[a, b], &secret).await.unwrap();
    tx.commit().await.unwrap();

    let mut conn = app.db.pool.acquire().await.unwrap();
    let list = invitees(&mut conn, id).await.unwrap();
    assert_eq!(list.iter().map(|i| i.stakeholder_id).collect::<Vec<_>>(), [b, a], "ordered by name");
    for i in &list {
        let token = secret.token(i.invitation_id);
        assert_eq!(by_token(&mut conn, &token).await.unwrap(), Some((i.invitation_id, id, i.stakeholder_id)));
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
    assert_eq!(by_token(&mut conn, &"0".repeat(40)).await.unwrap(), None, "a wrong token opens nothing");
    let other = Secret::new(vec![1u8; 32]).unwrap();
    assert_eq!(
        by_token(&mut conn, &other.token(list[0].invitation_id)).await.unwrap(),
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
