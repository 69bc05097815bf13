//! Consultation surveys: questionnaire definitions (versioned TOML files in `surveys/`) and
//! their checker, the links' tokens, respondents' answers, and campaign results.

pub mod answers;
pub mod definition;
pub mod derive;
pub mod mail;
pub mod results;
pub mod shipped;
pub mod token;
