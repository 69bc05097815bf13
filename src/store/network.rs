//! Reading what the network is built from: the reference tables, active stakeholders and
//! links, and the names used to resolve an ego stakeholder typed by a user.

use crate::domain::link::Link;
use crate::domain::reference::Reference;
use crate::domain::stakeholder::{NameKeys, Stakeholder};
use sqlx::AnyConnection;

pub struct Inventory {
    pub reference: Reference,
    pub stakeholders: Vec<Stakeholder>,
    pub links: Vec<Link>,
    pub names: Vec<NameKeys>,
}

/// The network's rows, with the reference tables the caller holds (they are read once per
/// process).
pub async fn load(conn: &mut AnyConnection, reference: Reference) -> sqlx::Result<Inventory> {
    Ok(Inventory {
        reference,
        stakeholders: super::stakeholders::for_network(conn).await?,
        links: super::links::for_network(conn).await?,
        names: super::stakeholders::keys(conn).await?,
    })
}
