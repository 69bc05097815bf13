//! Consultation surveys. For now: questionnaire definitions (versioned TOML files in
//! `surveys/`) and their checker; campaigns, respondent pages and answers come next.

pub mod definition;
pub mod token;
