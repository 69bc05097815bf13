//! Domain types that validate on construction, and pure logic over them: no SQL, no HTTP.

pub mod campaign;
pub mod csv_cell;
pub mod digest;
pub mod filter;
pub mod lang;
pub mod limits;
pub mod link;
pub mod mechanism;
pub mod phase;
pub mod problem;
pub mod reference;
pub mod reference_data;
pub mod reference_edit;
pub mod response;
pub mod snapshot;
pub mod stakeholder;
pub mod text;
pub mod values;
