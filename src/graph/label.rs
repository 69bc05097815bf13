//! Node names, labels and tooltips, shared by the band layout, the DOT writer and the
//! built-in SVG writer (which do not import each other's internals).

use super::model::{Network, NodeData};
use crate::domain::campaign::Participation;
use crate::i18n::Lang;

/// Breaks a label into lines of about `width` characters at spaces.
pub fn wrap(label: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines.join("\n")
}

/// Where a node stands on a campaign's map, in words, unless it answered: "(invited, draft
/// in progress, not sent)".
pub fn standing(d: &NodeData, lang: Lang) -> Option<String> {
    let id = match d.participation? {
        Participation::Answered => return None,
        Participation::Draft => "node-draft",
        Participation::Silent => "node-not-answered",
        Participation::NotInvited => "node-not-invited",
    };
    Some(crate::i18n::text(lang, id, &[]))
}

/// The tooltip of a node: name, level, sectors.
pub fn tooltip(net: &Network, n: petgraph::graph::NodeIndex, lang: Lang) -> String {
    let d = &net.graph[n];
    let sectors: Vec<String> =
        d.sectors.iter().map(|c| crate::domain::reference::label_of(&net.reference.sectors, c, lang)).collect();
    let mut t = format!("{}\n{}", d.name, net.level_label(&d.level, lang));
    if !sectors.is_empty() {
        t.push_str(" — ");
        t.push_str(&sectors.join(", "));
    }
    if let Some(standing) = standing(d, lang) {
        t.push('\n');
        t.push_str(&standing);
    }
    match d.change {
        Some(super::model::Change::Added) => t.push_str(&format!("\n{}", crate::i18n::text(lang, "node-added", &[]))),
        Some(super::model::Change::Removed) => {
            t.push_str(&format!("\n{}", crate::i18n::text(lang, "node-removed", &[])))
        }
        None => {}
    }
    t
}

pub fn node_name(id: i64) -> String {
    format!("n{id}")
}

/// A label wrapped rather than cut: on at most three lines of about 22 characters (four of 18
/// on a projector, where letters are larger), shortened with an ellipsis only beyond.
pub fn label_lines(label: &str, drawing: super::model::Drawing) -> Vec<String> {
    let (width, most) = if drawing == super::model::Drawing::Projector { (18, 4) } else { (22, 3) };
    let wrapped = wrap(label, width);
    let mut lines: Vec<String> = wrapped.lines().map(str::to_owned).collect();
    if lines.len() > most {
        lines.truncate(most);
        lines[most - 1].push('…');
    }
    lines
}
