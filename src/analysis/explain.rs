//! One plain-language line per measure, in French and English, for steering members who are
//! not network analysts.

use crate::i18n::Lang;

/// (measure key, French, English).
pub const MEASURES: [(&str, &str, &str); 13] = [
    ("degree", "Nombre de liens de l'acteur, dans les deux sens.", "How many links the actor has, either way."),
    ("weighted_degree", "Liens pondérés par leur intensité (1 à 3).", "Links weighted by their strength (1 to 3)."),
    ("in_degree", "Liens reçus : combien d'acteurs s'adressent à lui.", "Links received: how many actors turn to it."),
    ("out_degree", "Liens émis : vers combien d'acteurs il se tourne.", "Links sent: how many actors it turns to."),
    (
        "betweenness",
        "Part des plus courts chemins entre deux acteurs qui passent par lui : un intermédiaire obligé.",
        "Share of the shortest paths between two actors that go through it: an unavoidable go-between.",
    ),
    (
        "closeness",
        "Proximité moyenne avec tous les autres : l'information lui parvient vite.",
        "How close it is to everyone else: information reaches it fast.",
    ),
    (
        "eigenvector",
        "Être relié à des acteurs eux-mêmes très reliés.",
        "Being linked to actors who are themselves well linked.",
    ),
    (
        "clustering",
        "Ses partenaires travaillent-ils aussi entre eux ? (0 = jamais, 1 = toujours)",
        "Do its partners also work with each other? (0 = never, 1 = always)",
    ),
    (
        "constraint",
        "Dépendance envers un petit cercle fermé ; faible = l'acteur relie des groupes séparés (trous structuraux).",
        "Dependence on one closed circle; low = the actor bridges separate groups (structural holes).",
    ),
    (
        "brokerage",
        "Chemins ouverts A → acteur → B où il fait l'intermédiaire, selon les niveaux de A, de lui et de B.",
        "Open paths A → actor → B where it brokers, by the levels of A, itself and B.",
    ),
    (
        "articulation_point",
        "Point de rupture : s'il disparaît, le réseau se coupe en morceaux.",
        "Single point of failure: if it leaves, the network falls apart.",
    ),
    (
        "community",
        "Groupe d'acteurs plus liés entre eux qu'avec le reste (méthode de Louvain).",
        "A group of actors more linked to each other than to the rest (Louvain method).",
    ),
    (
        "ei_index",
        "Indice E-I : +1 tous les liens relient des niveaux différents, −1 aucun.",
        "E-I index: +1 every link crosses levels, −1 none does.",
    ),
];

pub fn explain(measure: &str, lang: Lang) -> &'static str {
    MEASURES.iter().find(|(k, _, _)| *k == measure).map_or("", |(_, fr, en)| lang.pick(fr, en))
}
