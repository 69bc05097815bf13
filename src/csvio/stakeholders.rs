//! Stakeholder CSV: `name,acronym,kind,level,sectors,territory,description,website,email,phone,
//! influence,interest` (+ optional `key`, `notes`).

use super::{Column, Dialect, ImportError, ImportFailure, ImportReport, Progress, split_multi, writer, yes_no};
use crate::domain::problem::Problem;
use crate::domain::reference::Reference;
use crate::domain::stakeholder::{NameIndex, Stakeholder, StakeholderDraft};
use crate::domain::text::key;
use crate::store::{self, stakeholders::Filter};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// New rows written per call to the store (and per step of the progress bar).
const BATCH: usize = 2_000;

pub const COLUMNS: &[Column] = &[
    Column { name: "name", aliases: &["nom", "organisation", "organization", "raison sociale"], required: true },
    Column { name: "acronym", aliases: &["sigle", "acronyme", "abreviation"], required: false },
    Column { name: "kind", aliases: &["type", "type d'acteur", "nature", "categorie", "category"], required: true },
    Column { name: "level", aliases: &["niveau", "niveau institutionnel", "institutional level"], required: true },
    Column { name: "sectors", aliases: &["secteurs", "secteur", "sector", "thematiques"], required: false },
    Column { name: "territory", aliases: &["territoire", "zone", "communes", "scope"], required: false },
    Column { name: "description", aliases: &["mandat", "description / mandat", "mandate"], required: false },
    Column { name: "website", aliases: &["site", "site web", "site internet", "url", "web"], required: false },
    Column { name: "email", aliases: &["courriel", "e-mail", "mail", "adresse email"], required: false },
    Column { name: "phone", aliases: &["telephone", "tel", "tel.", "gsm"], required: false },
    Column { name: "influence", aliases: &["pouvoir", "power"], required: false },
    Column { name: "interest", aliases: &["interet"], required: false },
    Column { name: "key", aliases: &["cle", "acteur cle", "key stakeholder"], required: false },
    Column { name: "notes", aliases: &["remarques", "commentaires", "note"], required: false },
];

/// Validates the whole file, then creates or updates every stakeholder in it. Rows match
/// existing stakeholders on name (ignoring case and accents) or on an acronym only one
/// stakeholder has; columns absent from the file leave the existing values alone.
/// On any error nothing is written and every error is returned.
pub async fn import(
    conn: &mut AnyConnection,
    bytes: &[u8],
    progress: Progress<'_>,
) -> Result<ImportReport, ImportFailure> {
    let table = super::read_table_off_the_workers(bytes, COLUMNS).await.map_err(ImportFailure::Invalid)?;
    let reference = store::reference::load(conn).await?;
    let existing: HashMap<i64, Stakeholder> =
        store::stakeholders::list(conn, &Filter { include_archived: true, ..Default::default() })
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
    let index = NameIndex::new(store::stakeholders::keys(conn).await?);

    let mut errors = super::Problems::default();
    let mut warnings = Vec::new();
    let mut planned = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in &table.rows {
        let cell = |c: &str| table.get(row, c);
        let name_key = key(cell("name").unwrap_or(""));
        let matched = index
            .by_name(&name_key)
            .or_else(|| cell("acronym").filter(|a| !a.trim().is_empty()).and_then(|a| index.resolve(a).ok()))
            .and_then(|id| existing.get(&id));
        let mut draft = matched.map(|s| StakeholderDraft::from(&s.data)).unwrap_or_default();
        if let Some(s) = matched {
            // The territory was stored as codes; a changed level must not re-read them.
            draft.territory = s.data.territory.clone();
        }
        apply_row(&mut draft, &table, row);
        let identities = [Some(format!("name:{name_key}")), matched.map(|s| format!("id:{}", s.id))];
        if let Some(first_line) = identities.iter().flatten().find_map(|i| seen.get(i)) {
            errors.push(ImportError {
                line: row.line,
                column: Some("name".into()),
                problem: Problem::DuplicateInFile { first_line: *first_line },
            });
            continue;
        }
        for i in identities.into_iter().flatten() {
            seen.insert(i, row.line);
        }
        match draft.parse(&reference) {
            Ok(data) => {
                if crate::domain::text::mixes_scripts(data.name.as_str())
                    && warnings.len() < crate::domain::limits::IMPORT_ERRORS
                {
                    warnings.push(super::ImportWarning { line: row.line, name: data.name.as_str().to_owned() });
                }
                planned.push((matched, data))
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

    let mut report = ImportReport { rows: planned.len(), warnings, ..Default::default() };
    let total = planned.len();
    let mut done = 0;
    let mut new = Vec::new();
    for (matched, data) in &planned {
        match matched {
            Some(s) if s.data == *data => report.unchanged += 1,
            Some(s) => {
                store::stakeholders::update(conn, s.id, data).await?;
                report.updated += 1;
            }
            None => {
                new.push(data);
                continue;
            }
        }
        done += 1;
        progress(done, total);
    }
    // New stakeholders in batches: a few statements per thousand.
    for batch in new.chunks(BATCH) {
        store::stakeholders::create_many(conn, batch).await?;
        report.created += batch.len();
        done += batch.len();
        progress(done, total);
    }
    Ok(report)
}

fn apply_row(draft: &mut StakeholderDraft, table: &super::Table, row: &super::Row) {
    let text = |c: &str| table.get(row, c).map(|v| v.to_owned());
    macro_rules! set {
        ($field:ident, $col:literal) => {
            if let Some(v) = text($col) {
                draft.$field = Some(v);
            }
        };
    }
    set!(name, "name");
    set!(acronym, "acronym");
    set!(kind, "kind");
    set!(level, "level");
    set!(description, "description");
    set!(website, "website");
    set!(email, "email");
    set!(phone, "phone");
    set!(influence, "influence");
    set!(interest, "interest");
    set!(key, "key");
    set!(notes, "notes");
    if let Some(v) = table.get(row, "sectors") {
        draft.sectors = split_multi(v);
    }
    if let Some(v) = table.get(row, "territory") {
        draft.territory = split_multi(v);
    }
}

/// Writes the active stakeholders in the import format, territory as unambiguous names.
pub fn export(stakeholders: &[Stakeholder], reference: &Reference, dialect: Dialect) -> anyhow::Result<Vec<u8>> {
    let mut w = writer(dialect);
    w.write_record(COLUMNS.iter().map(|c| c.name))?;
    for s in stakeholders {
        let d = &s.data;
        let territory: Vec<String> = d
            .territory
            .iter()
            .map(|ins| reference.territory_by_ins(ins).map_or_else(|| ins.clone(), |t| t.display_name()))
            .collect();
        w.write_record([
            d.name.as_str(),
            d.acronym.as_deref().unwrap_or(""),
            &d.kind,
            &d.level,
            &d.sectors.join("|"),
            &territory.join("|"),
            d.description.as_deref().unwrap_or(""),
            d.website.as_ref().map_or("", |w| w.as_str()),
            d.email.as_ref().map_or("", |e| e.as_str()),
            d.phone.as_deref().unwrap_or(""),
            &d.influence.map_or(String::new(), |s| s.get().to_string()),
            &d.interest.map_or(String::new(), |s| s.get().to_string()),
            yes_no(d.key),
            d.notes.as_deref().unwrap_or(""),
        ])?;
    }
    Ok(w.finish()?)
}
