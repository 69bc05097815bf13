//! Link CSV: `source,target,type,strength,formal,since,until,note` (+ optional `directed`,
//! `confirmed`, `provenance`). Source and target are stakeholder names or acronyms.

use super::{Column, Dialect, ImportError, ImportFailure, ImportReport, Progress, writer, yes_no};
use crate::domain::link::{Link, LinkDraft, identity};
use crate::domain::problem::Problem;
use crate::domain::stakeholder::NameIndex;
use crate::domain::values::format_date;
use crate::store::{self, links::Filter};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// New rows written per call to the store (and per step of the progress bar).
const BATCH: usize = 5_000;

pub const COLUMNS: &[Column] = &[
    Column { name: "source", aliases: &["de", "origine", "acteur source", "from"], required: true },
    Column { name: "target", aliases: &["cible", "vers", "destination", "acteur cible", "to"], required: true },
    Column { name: "type", aliases: &["type de lien", "link type", "relation"], required: true },
    Column { name: "strength", aliases: &["force", "intensite", "poids", "weight"], required: false },
    Column { name: "formal", aliases: &["formel", "formalise"], required: false },
    Column { name: "since", aliases: &["depuis", "debut", "date de debut", "start"], required: false },
    Column { name: "until", aliases: &["jusqu'a", "jusqu'au", "fin", "date de fin", "end"], required: false },
    Column { name: "note", aliases: &["remarque", "commentaire", "notes"], required: false },
    Column { name: "directed", aliases: &["oriente", "dirige"], required: false },
    Column { name: "confirmed", aliases: &["confirme"], required: false },
    Column { name: "provenance", aliases: &["origine des donnees"], required: false },
];

/// Validates the whole file, then creates or updates every link in it. A link matches an
/// existing one with the same ends and type (either order when undirected). New links get
/// the provenance `import:<file>` unless the file gives one. On any error nothing is written.
pub async fn import(
    conn: &mut AnyConnection,
    bytes: &[u8],
    file_name: &str,
    progress: Progress<'_>,
) -> Result<ImportReport, ImportFailure> {
    let table = super::read_table_off_the_workers(bytes, COLUMNS).await.map_err(ImportFailure::Invalid)?;
    let reference = store::reference::load(conn).await?;
    let index = NameIndex::new(store::stakeholders::keys(conn).await?);
    let existing: HashMap<(i64, i64, String), Link> =
        store::links::list(conn, &Filter { include_archived: true, ..Default::default() })
            .await?
            .into_iter()
            .map(|l| (l.data.identity(), l))
            .collect();
    let default_provenance = format!("import:{file_name}");

    let mut errors = super::Problems::default();
    let mut planned = Vec::new();
    let mut seen: HashMap<(i64, i64, String), u64> = HashMap::new();
    for row in &table.rows {
        let cell = |c: &str| table.get(row, c).map(str::to_owned);
        let mut draft =
            LinkDraft { source: cell("source"), target: cell("target"), link_type: cell("type"), ..Default::default() };
        // Match first on the typed ends and type, to start from the existing link's values.
        let found = (|| {
            let s = index.resolve(draft.source.as_deref()?).ok()?;
            let t = index.resolve(draft.target.as_deref()?).ok()?;
            let ty = reference.link_type(draft.link_type.as_deref()?).ok()?;
            let id_directed = identity(s, t, &ty.code, true);
            existing
                .get(&id_directed)
                .or_else(|| existing.get(&identity(s, t, &ty.code, false)).filter(|l| !l.data.directed))
        })();
        if let Some(l) = found {
            fill_from(&mut draft, l);
        }
        for (col, slot) in [
            ("strength", &mut draft.strength),
            ("formal", &mut draft.formal),
            ("since", &mut draft.since),
            ("until", &mut draft.until),
            ("note", &mut draft.note),
            ("directed", &mut draft.directed),
            ("confirmed", &mut draft.confirmed),
        ] {
            if let Some(v) = table.get(row, col) {
                *slot = Some(v.to_owned());
            }
        }
        let provenance = match table.get(row, "provenance").map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => match crate::domain::values::provenance(p, found.map(|l| l.provenance.as_str())) {
                Ok(p) => Some(p),
                Err(problem) => {
                    errors.push(ImportError { line: row.line, column: Some("provenance".into()), problem });
                    continue;
                }
            },
            None => None,
        };
        match draft.parse(&reference, |s| index.resolve(s), false) {
            Ok(data) => {
                let id = data.identity();
                if let Some(first_line) = seen.get(&id) {
                    errors.push(ImportError {
                        line: row.line,
                        column: Some("target".into()),
                        problem: Problem::DuplicateInFile { first_line: *first_line },
                    });
                    continue;
                }
                seen.insert(id, row.line);
                planned.push((found, data, provenance));
            }
            Err(field_errors) => errors.extend(field_errors.into_iter().map(|e| ImportError {
                line: row.line,
                column: Some(e.field),
                problem: e.problem,
            })),
        }
    }
    if !errors.is_empty() {
        return Err(ImportFailure::Invalid(errors.into_list()));
    }

    let mut report = ImportReport { rows: planned.len(), ..Default::default() };
    let total = planned.len();
    let mut done = 0;
    let mut new = Vec::new();
    for (found, data, provenance) in &planned {
        match found {
            Some(l) if l.data == *data && !l.archived && provenance.as_ref().is_none_or(|p| *p == l.provenance) => {
                report.unchanged += 1
            }
            Some(l) => {
                store::links::update(conn, l.id, data, provenance.as_deref()).await?;
                report.updated += 1;
            }
            None => {
                new.push((data, provenance.as_deref().unwrap_or(&default_provenance)));
                continue;
            }
        }
        done += 1;
        progress(done, total);
    }
    // New links in batches: a few statements per thousand.
    for batch in new.chunks(BATCH) {
        store::links::insert_many(conn, batch).await?;
        report.created += batch.len();
        done += batch.len();
        progress(done, total);
    }
    Ok(report)
}

fn fill_from(draft: &mut LinkDraft, l: &Link) {
    let d = &l.data;
    draft.strength = Some(d.strength.get().to_string());
    draft.formal = Some(yes_no(d.formal).to_owned());
    draft.since = d.since.map(format_date);
    draft.until = d.until.map(format_date);
    draft.note = d.note.clone();
    draft.directed = Some(yes_no(d.directed).to_owned());
    draft.confirmed = Some(yes_no(d.confirmed).to_owned());
}

pub fn export(links: &[Link], dialect: Dialect) -> anyhow::Result<Vec<u8>> {
    let mut w = writer(dialect);
    w.write_record(COLUMNS.iter().map(|c| c.name))?;
    for l in links {
        let d = &l.data;
        w.write_record([
            l.source_name.as_str(),
            &l.target_name,
            &d.link_type,
            &d.strength.get().to_string(),
            yes_no(d.formal),
            &d.since.map(format_date).unwrap_or_default(),
            &d.until.map(format_date).unwrap_or_default(),
            d.note.as_deref().unwrap_or(""),
            yes_no(d.directed),
            yes_no(d.confirmed),
            &l.provenance,
        ])?;
    }
    Ok(w.finish()?)
}
