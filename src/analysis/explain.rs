//! One plain-language line per measure (the catalogues' `measure-<key>`), for steering
//! members who are not network analysts.

use crate::i18n::Lang;

/// Every measure that has a line.
pub const MEASURES: [&str; 13] = [
    "degree",
    "weighted_degree",
    "in_degree",
    "out_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "clustering",
    "constraint",
    "brokerage",
    "articulation_point",
    "community",
    "ei_index",
];

pub fn explain(measure: &str, lang: Lang) -> String {
    if MEASURES.contains(&measure) {
        crate::i18n::text(lang, &format!("measure-{measure}"), &[])
    } else {
        String::new()
    }
}
