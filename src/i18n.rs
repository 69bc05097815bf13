//! The user's language and every user-visible string. Each language the tool offers is a
//! directory of Fluent catalogues, `locales/<code>/*.ftl` (found by `build.rs`: adding a language
//! is adding files). Fixed texts are read once per language into tables templates read
//! (`t.<id>`, `t.audit.<id>`, `t.mech.<id>`); texts with values are formatted on demand
//! (`text`, or the `tr!` macro), with the library doing placeholders, plurals and numbers. A
//! message a language lacks is the French one, never its id (`maillage i18n check` lists them).

pub use crate::domain::lang::Lang;
use crate::domain::problem::{FieldError, FieldMessage, Message, Problem, Value};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));
}

// The inherent impl lives with the tables it points to.
impl Lang {
    /// This language's fixed texts.
    pub fn tr(self) -> &'static Tr {
        &TABLES[self.index()]
    }

    /// The language's own name for itself (`Français`, `Deutsch`, `Українська`).
    pub fn native_name(self) -> &'static str {
        self.tr().language_name
    }
}

/// One language's catalogues, as one Fluent bundle.
struct Catalogue {
    bundle: fluent_bundle::concurrent::FluentBundle<FluentResource>,
    /// Fluent syntax errors, by file (the messages concerned are left out).
    errors: Vec<String>,
}

impl Catalogue {
    fn parse(lang: Lang, files: &[(&str, &str)]) -> Catalogue {
        let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = fluent_bundle::concurrent::FluentBundle::new_concurrent(vec![id]);
        // Texts go into HTML and terminals, where Unicode isolation marks would only be noise.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(format_number));
        let mut errors = Vec::new();
        for (file, source) in files {
            let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(resource, e)| {
                errors.extend(e.iter().map(|e| format!("{file}: {e:?}")));
                resource
            });
            if let Err(e) = bundle.add_resource(resource) {
                errors.extend(e.iter().map(|e| format!("{file}: {e:?}")));
            }
        }
        Catalogue { bundle, errors }
    }

    fn has(&self, id: &str) -> bool {
        self.bundle.get_message(id).is_some_and(|m| m.value().is_some())
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let pattern = self.bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors).into_owned();
        errors.is_empty().then_some(text)
    }
}

static CATALOGUES: LazyLock<Vec<Catalogue>> =
    LazyLock::new(|| Lang::all().map(|l| Catalogue::parse(l, shipped::SOURCES[l.index()])).collect());

static TABLES: LazyLock<Vec<Tr>> = LazyLock::new(|| Lang::all().map(|l| Tr::read(&|id| fixed(l, id))).collect());

/// A fixed text of `lang` (else French), kept for the life of the process.
fn fixed(lang: Lang, id: &str) -> &'static str {
    Box::leak(text(lang, id, &[]).into_boxed_str())
}

/// A value given to a message, as Fluent takes it; a nested message is said in `lang` first.
fn fluent(lang: Lang, value: &Value) -> FluentValue<'static> {
    match value {
        Value::Text(t) => FluentValue::from(t.clone()),
        Value::Number(n) => FluentValue::from(*n),
        Value::Message(m) => FluentValue::from(say(lang, m)),
    }
}

/// The message `id` of `lang` with its values; the French one when `lang` lacks it (or it does
/// not format); its id only if French lacks it too, which the catalogue test forbids.
pub fn text(lang: Lang, id: &str, args: &[(&str, Value)]) -> String {
    let args: Option<FluentArgs> =
        (!args.is_empty()).then(|| args.iter().map(|(name, value)| (*name, fluent(lang, value))).collect());
    CATALOGUES[lang.index()]
        .format(id, args.as_ref())
        .or_else(|| CATALOGUES[Lang::FR.index()].format(id, args.as_ref()))
        .unwrap_or_else(|| id.to_owned())
}

/// `text` with named values: `tr!(lang, "answer-too-long", max = 300, written = n)`.
macro_rules! tr {
    ($lang:expr, $id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::text($lang, $id, &[$((stringify!($name), $crate::domain::problem::Value::from($value))),*])
    };
}
pub(crate) use tr;

/// Says a message of a lower layer (`domain::problem::Message`) in `lang`.
pub fn say(lang: Lang, message: &Message) -> String {
    text(lang, message.id, &message.args)
}

// The inherent impl lives with the catalogues that say it.
impl Problem {
    /// This problem, in words of `lang`.
    pub fn message(&self, lang: Lang) -> String {
        say(lang, &self.to_message())
    }
}

// The inherent impl lives with the catalogues that say it.
impl crate::domain::reference::Territory {
    /// The territory's name as `lang` writes it (`Province de Liège`, `Provinz Lüttich`).
    pub fn label(&self, lang: Lang) -> String {
        say(lang, &self.to_message(lang))
    }
}

/// The JSON form of field errors, in `lang`.
pub fn messages(errors: &[FieldError], lang: Lang) -> Vec<FieldMessage> {
    errors.iter().map(|e| FieldMessage { field: e.field.clone(), message: e.problem.message(lang) }).collect()
}

/// The message `prefix-code` (a code of a table: a kind of record, an action, a field, a
/// mechanism code), else `otherwise`.
fn coded(lang: Lang, prefix: &str, code: &str, otherwise: impl FnOnce() -> String) -> String {
    let id = format!("{prefix}-{code}");
    if CATALOGUES[Lang::FR.index()].has(&id) { text(lang, &id, &[]) } else { otherwise() }
}

/// How a language writes numbers: its decimal mark and the mark grouping thousands
/// (`number-decimal`, `number-group` in its catalogue).
#[derive(Clone)]
struct NumberFormat {
    decimal: String,
    group: String,
}

/// Each language's way of writing numbers, read once.
static NUMBER_FORMATS: LazyLock<Vec<NumberFormat>> = LazyLock::new(|| {
    // Plain texts: formatting them never comes back to the number formatter.
    Lang::all()
        .map(|l| NumberFormat { decimal: text(l, "number-decimal", &[]), group: text(l, "number-group", &[]) })
        .collect()
});

impl intl_memoizer::Memoizable for NumberFormat {
    type Args = ();
    type Error = ();
    fn construct(lang: unic_langid::LanguageIdentifier, _: ()) -> Result<Self, ()> {
        let lang = Lang::parse(lang.language.as_str()).unwrap_or_default();
        Ok(NUMBER_FORMATS[lang.index()].clone())
    }
}

impl NumberFormat {
    fn write(&self, value: f64, fraction_digits: usize) -> String {
        let plain = format!("{:.*}", fraction_digits, value.abs());
        let (whole, fraction) = plain.split_once('.').map_or((plain.as_str(), ""), |(w, f)| (w, f));
        let mut out = String::new();
        if value < 0.0 && plain.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
            out.push('-');
        }
        // Four-digit numbers stay whole (2026, 1500), as style guides of these languages advise.
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 && whole.len() > 4 {
                out.push_str(&self.group);
            }
            out.push(c);
        }
        if !fraction.is_empty() {
            out.push_str(&self.decimal);
            out.push_str(fraction);
        }
        out
    }
}

/// Fluent's hook for numbers: written with the bundle language's marks (the bundle's
/// memoizer knows its language).
fn format_number(value: &FluentValue, memoizer: &intl_memoizer::concurrent::IntlLangMemoizer) -> Option<String> {
    use fluent_bundle::memoizer::MemoizerKind;
    let FluentValue::Number(n) = value else { return None };
    let digits = n.options.minimum_fraction_digits.unwrap_or_else(|| {
        let s = n.value.to_string();
        s.split_once('.').map_or(0, |(_, f)| f.len())
    });
    let digits = n.options.maximum_fraction_digits.map_or(digits, |max| digits.min(max));
    memoizer.with_try_get_threadsafe::<NumberFormat, _, _>((), |f| f.write(n.value, digits)).ok()
}

/// A number written the language's way, with `fraction_digits` decimals (`1 234,5`, `1,234.5`).
pub fn number(lang: Lang, value: f64, fraction_digits: usize) -> String {
    NUMBER_FORMATS[lang.index()].write(value, fraction_digits)
}

/// A day as people write it (`13 décembre 2026`, `13 December 2026`, `13. Dezember 2026`), from
/// an ISO date; a text that is not one comes back as it is.
pub fn long_date(iso: &str, lang: Lang) -> String {
    let Ok(d) = crate::domain::values::date(iso) else { return iso.to_owned() };
    let month = text(lang, &format!("month-{}", u8::from(d.month())), &[]);
    tr!(lang, "long-date", day = u32::from(d.day()), month = month, year = d.year().to_string())
}

/// A moment as people read it (`2 décembre 2026, 04:58 UTC`), from an RFC 3339 timestamp; a
/// text that is not one comes back as it is.
pub fn when(at: &str, lang: Lang) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(day), Some(time)) if crate::domain::values::date(day).is_ok() => {
            format!("{}, {time} UTC", long_date(day, lang))
        }
        _ => at.to_owned(),
    }
}

/// One table of fixed texts: a struct with one field per message `<prefix><field>`.
macro_rules! table {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $ids:ident { $($id:ident),* $(,)? } $(, $extra:ident: $extra_ty:ident)*) => {
        $(#[$doc])*
        pub struct $name {
            $(pub $id: &'static str,)*
            $(pub $extra: $extra_ty,)*
        }

        /// The id of every message of this table.
        pub const $ids: &[&str] = &[$(concat!($prefix, stringify!($id))),*];

        impl $name {
            fn read(text: &dyn Fn(&str) -> &'static str) -> $name {
                $name { $($id: text(concat!($prefix, stringify!($id))),)* $($extra: $extra_ty::read(text),)* }
            }
        }
    };
}

table! {
    /// Every fixed string of the web pages (`interface.ftl`), with the mechanism's and the
    /// audit trail's.
    Tr, "", INTERFACE_IDS {
    app_tagline,
    nav_stakeholders,
    nav_new_stakeholder,
    nav_new_link,
    nav_import,
    nav_export,
    language_name,
    language,
    survey_language,
    survey_language_auto,
    survey_language_chosen,
    survey_language_set,
    search,
    search_placeholder,
    filter,
    reset,
    all,
    include_archived,
    results,
    previous,
    next,
    no_results,
    name,
    acronym,
    kind,
    level,
    sectors,
    territory,
    territory_help,
    territory_add,
    territory_chosen,
    territory_added,
    province,
    description,
    website,
    email,
    phone,
    influence,
    interest,
    score_help,
    key_stakeholder,
    notes,
    contacts,
    contact_name,
    contact_function,
    no_contacts,
    created,
    updated,
    archived,
    archive,
    restore,
    archive_confirm,
    edit,
    save,
    cancel,
    delete,
    new_stakeholder,
    edit_stakeholder,
    form_has_errors,
    invalid_input,
    outgoing_links,
    incoming_links,
    undirected_links,
    no_links,
    add_link,
    new_link,
    edit_link,
    link_source,
    link_target,
    link_type,
    link_stakeholder_help,
    directed,
    directed_default,
    yes,
    no,
    strength,
    strength_1,
    strength_2,
    strength_3,
    formal,
    informal,
    since,
    until,
    note,
    provenance,
    confirmed,
    unconfirmed,
    import_title,
    import_intro,
    import_what,
    import_file,
    import_submit,
    import_stakeholders,
    import_links,
    import_failed,
    import_nothing_written,
    import_done,
    import_created,
    import_updated,
    import_unchanged,
    import_formats,
    line,
    column,
    problem,
    export_csv,
    export_excel,
    error_title,
    not_found,
    back_to_list,
    stakeholder_count,
    link_count,
    nav_map,
    commune,
    ego,
    depth,
    valid_on,
    confirmed_only,
    rendered_by,
    fit,
    zoom_in,
    zoom_out,
    skip_map,
    map_zoom_hint,
    presentation,
    exit_presentation,
    legend,
    legend_central,
    legend_isolated,
    legend_answered,
    legend_draft,
    legend_silent,
    legend_not_invited,
    map_actor_list,
    map_holds_together,
    legend_help,
    map_every_actor,
    download,
    ego_network,
    see_on_map,
    nav_analysis,
    density,
    reciprocity,
    components,
    isolates,
    communities,
    modularity,
    ei_index,
    computed_in,
    top_actors,
    sort_by,
    roles,
    cut_point,
    community,
    level_matrix,
    province_matrix,
    sector_matrix,
    matrix_help,
    gaps,
    sector_gaps,
    no_sector_actor_in,
    communes_uncovered,
    add_stakeholder,
    unlinked,
    key_without_regional,
    one_sided,
    confirm,
    none,
    bridges,
    power_interest,
    quadrant_manage,
    quadrant_satisfy,
    quadrant_inform,
    quadrant_monitor,
    what_measures_mean,
    analysis_summary,
    summary_central,
    summary_communities,
    community_around,
    analysis_details,
    open_map,
    survey_invalid_title,
    survey_invalid,
    survey_opens_on,
    survey_closed_on,
    survey_closed_received,
    survey_thanks_title,
    survey_thanks,
    survey_new_org_pending,
    tie_type,
    tie_frequency,
    tie_formal,
    tie_satisfaction,
    survey_review_answers,
    survey_answering_for,
    survey_progress,
    survey_section,
    survey_already_sent,
    survey_amend_until,
    survey_draft_saved,
    survey_step_done,
    survey_fix_errors,
    survey_required,
    survey_entry_correct,
    survey_entry_fix,
    survey_entry_help,
    survey_ties_named,
    survey_remove,
    survey_find_org,
    survey_find_placeholder,
    survey_not_in_list,
    survey_propose_help,
    survey_propose,
    survey_other,
    survey_save_draft,
    survey_submit,
    survey_resubmit,
    survey_next,
    nav_campaigns,
    campaigns_title,
    campaign_new,
    questionnaire,
    campaign_title_field,
    opens,
    closes,
    invited,
    responses,
    response_rate,
    open_campaign,
    invite_who,
    download_links,
    not_answered,
    drafts,
    by_level,
    by_kind,
    by_province,
    results_per_question,
    answers_word,
    exports,
    export_responses,
    export_ties,
    survey_one_sided,
    one_sided_help,
    other_not_answered,
    other_draft,
    other_not_invited,
    other_answered,
    ties_declared,
    reciprocated,
    to_review,
    invitations_title,
    invitations_help,
    closing_change,
    closing_help,
    closing_save,
    closing_saved,
    invite_late,
    invite_help,
    invite_submit,
    invited_done,
    reissue_link,
    reissue_link_help,
    link_reissued,
    withdraw,
    withdrawn_done,
    invitee_language,
    row_actions,
    proposals,
    corrections,
    proposed_by,
    current_value,
    proposed_value,
    accept,
    reject,
    merge_into,
    merge,
    nothing_to_review,
    compare,
    compare_title,
    in_both,
    only_in,
    filter_respondents,
    field,
    definition_invalid,
    no_campaigns,
    survey_resend_note,
    survey_ties_of,
    survey_map_help,
    survey_see_on_map,
    nav_account,
    nav_users,
    sign_in,
    sign_out,
    sign_in_title,
    sign_in_intro,
    password,
    password_help,
    current_password,
    new_password,
    change_password,
    password_changed,
    forgot_password,
    account_title,
    role,
    role_admin,
    role_editor,
    role_viewer,
    welcome_title,
    welcome_first_admin,
    welcome_set_password,
    welcome_invalid,
    users_title,
    add_user,
    add_user_help,
    one_time_link,
    status,
    active,
    disabled,
    disable,
    enable,
    reset_link,
    set_role,
    api_tokens,
    api_tokens_help,
    token_name,
    token_expires,
    create_token,
    token_created,
    revoke,
    revoked,
    signed_in_as,
    second_factor,
    second_factor_on,
    second_factor_off,
    second_factor_required,
    second_factor_start,
    second_factor_disable,
    second_factor_setup_help,
    second_factor_key,
    code,
    code_intro,
    confirm_code,
    forgot_title,
    forgot_intro,
    forgot_sent,
    forgot_link,
    send_link,
    possible_duplicate,
    possible_duplicate_other,
    mixed_scripts,
    import_warnings,
    nav_phases,
    phases_title,
    phases_intro,
    phase_current,
    phase_planned_dates,
    phase_actual_dates,
    phase_planned_start,
    phase_planned_end,
    phase_actual_start,
    phase_actual_end,
    phase_planned,
    phase_in_progress,
    phase_done,
    phase_edit,
    }, mech: Mech, audit: Audit, refs: Refs
}

table! {
    /// The reference data's pages (`reference.ftl`): levels, kinds, sectors, link types,
    /// territories and mergers.
    Refs, "ref_", REF_IDS {
        nav,
        title,
        intro,
        territories,
        communes_now,
        former,
        code,
        code_help,
        label,
        labels_help,
        directed,
        add,
        levels,
        kinds,
        sectors,
        link_types,
        edit_item,
        new_item,
        unit,
        unit_region,
        unit_province,
        unit_arrondissement,
        unit_commune,
        language,
        language_french,
        language_help,
        territories_intro,
        find,
        show,
        ins,
        name,
        former_intro,
        merged_into,
        merged_on,
        merge_title,
        merge_intro,
        merge_communes,
        merge_into,
        merge_names,
        merge_on,
        merge_button,
        edit_territory,
    }
}

table! {
    /// The audit trail's texts (`audit.ftl`): the change log, a record's history, reverts,
    /// personal data.
    Audit, "audit_", AUDIT_IDS {
        title,
        intro,
        history,
        history_intro,
        whole_history,
        no_changes,
        filters,
        kind,
        any_kind,
        who,
        who_help,
        record,
        from,
        to,
        apply,
        when,
        what,
        changes_col,
        field,
        before,
        after,
        nothing_changed,
        revert,
        revert_operation,
        operation,
        operation_of,
        reverts,
        reverts_operation,
        redacted,
        total,
        previous,
        next,
        reverted,
        respondent,
        command_line,
        by,
        privacy_title,
        privacy_intro,
        privacy_who,
        privacy_who_help,
        privacy_search,
        privacy_held,
        privacy_nothing,
        privacy_table,
        privacy_rows,
        privacy_download,
        erase_title,
        erase_intro,
        erase_confirm,
        erase_button,
        erased_done,
        legal_basis,
        basis_public_task,
        basis_consent,
        basis_legitimate_interest,
        due_title,
        due_none,
        confirmed_on,
        privacy_notice,
    }
}

table! {
    /// The mechanism's texts (`mechanism.ftl`): bodies, meetings, action items.
    Mech, "mech_", MECH_IDS {
        nav_mechanism,
        nav_meetings,
        nav_actions,
        bodies_title,
        bodies_intro,
        no_bodies,
        new_body,
        edit_body,
        body,
        body_kind,
        frequency,
        established_on,
        established_help,
        members,
        member,
        role,
        meetings_held,
        stakeholder_row_help,
        row,
        none,
        all_territory,
        meetings_title,
        meetings_intro,
        no_meetings,
        new_meeting,
        edit_meeting,
        held_on,
        phase,
        phase_by_date,
        no_body,
        title,
        agenda,
        minutes,
        decisions,
        attendees,
        attendee,
        contact_person,
        contact_person_help,
        action_items,
        action,
        owner,
        due_on,
        delete_meeting,
        actions_title,
        actions_intro,
        overdue,
        due,
        by_owner,
        by_body,
        ad_hoc,
        no_open_actions,
        mark_done,
        reopen,
        from_meeting,
        open_count,
        open_items,
        overdue_count,
        body_meetings,
        body_archived,
        nav_suggestions,
        suggestions_title,
        reach_heading,
        reach_intro,
        how_many,
        gaps_heading,
        gaps_intro,
        near_arrondissement,
        near_province,
        near_neighbour,
        no_path,
        add_to_body,
        dismiss,
        choose_body,
        no_candidate,
        all_covered,
        nav_coverage,
        coverage_title,
        coverage_intro,
        legend_none,
        legend_one,
        legend_few,
        legend_some,
        legend_many,
        no_geojson,
        show,
        nav_steering,
        steering_title,
        report_title,
        print_report,
        indicators,
        by_level,
        by_kind,
        links_by_type,
        density_label,
        density_help,
        cross_level_label,
        cross_level_help,
        reciprocity_label,
        reciprocity_help,
        response_rate_label,
        no_campaign,
        coverage_label,
        no_snapshot,
        network_map,
        timeline,
        stakeholders_total,
        links_total,
        details,
        nav_snapshots,
        snapshots_title,
        snapshots_intro,
        no_snapshots,
        take_snapshot,
        snapshot_name_help,
        taken_on,
        compare,
        compare_title,
        from,
        to,
        now,
        delete_snapshot,
        new_stakeholders,
        gone_stakeholders,
        new_links,
        gone_links,
        moved_most,
        degree,
        betweenness,
        map_before,
        map_after,
        none_changed,
        nav_review,
        body_on_map,
        without_meetings,
        review_title,
        review_intro,
        review_isolated,
        review_central,
        review_gaps,
        review_levels_line,
        review_provinces_line,
        review_sectors_line,
        review_under,
        review_fragile,
        review_fragile_end,
        review_fragile_end_many,
        review_nothing,
    }
}

/// The messages the tables read.
#[cfg(test)]
fn table_ids() -> impl Iterator<Item = &'static str> {
    INTERFACE_IDS.iter().chain(AUDIT_IDS).chain(MECH_IDS).chain(REF_IDS).copied()
}

/// Every message id of a language's shipped catalogues, with its source line.
fn message_ids(lang: Lang) -> Vec<&'static str> {
    shipped::SOURCES[lang.index()]
        .iter()
        .flat_map(|(_, s)| s.lines())
        .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
        .filter(|id| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .collect()
}

/// The messages of the French catalogues `lang`'s lack or cannot parse (shown in French).
pub fn missing(lang: Lang) -> Vec<&'static str> {
    let own = &CATALOGUES[lang.index()];
    message_ids(Lang::FR).into_iter().filter(|id| !own.has(id)).collect()
}

/// What `maillage i18n check` finds in one language's catalogues.
pub struct CatalogueCheck {
    pub lang: Lang,
    /// How many of the French catalogues' messages it has.
    pub messages: usize,
    pub of: usize,
    /// Fluent syntax errors.
    pub errors: Vec<String>,
    /// Messages it lacks (shown in French).
    pub missing: Vec<&'static str>,
    /// Messages whose placeholders differ from the French ones.
    pub placeholders: Vec<String>,
}

impl CatalogueCheck {
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty() && self.missing.is_empty() && self.placeholders.is_empty()
    }
}

fn joined(lang: Lang) -> String {
    shipped::SOURCES[lang.index()].iter().map(|(_, s)| *s).collect::<Vec<_>>().join("\n")
}

/// Every language's catalogues checked against the French ones.
pub fn check_catalogues() -> Vec<CatalogueCheck> {
    let of = message_ids(Lang::FR).len();
    let french = joined(Lang::FR);
    Lang::all()
        .map(|lang| {
            let missing = missing(lang);
            CatalogueCheck {
                lang,
                messages: of - missing.len(),
                of,
                errors: CATALOGUES[lang.index()].errors.clone(),
                missing,
                placeholders: placeholder_mismatches(&french, &joined(lang)),
            }
        })
        .collect()
}

/// Each message's placeholders (`{ $name }`), by id, from a catalogue's source.
fn placeholders(source: &str) -> std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> {
    let mut found: std::collections::BTreeMap<&str, std::collections::BTreeSet<&str>> = Default::default();
    let mut current = None;
    for line in source.lines() {
        let value = if line.starts_with([' ', '\t']) {
            line
        } else if let Some((id, value)) = line.split_once('=').filter(|(id, _)| {
            let id = id.trim();
            !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        }) {
            current = Some(id.trim());
            found.entry(id.trim()).or_default();
            value
        } else {
            current = None;
            continue;
        };
        let Some(id) = current else { continue };
        for (i, _) in value.match_indices('$') {
            let name = &value[i + 1..];
            let end = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(name.len());
            if end > 0 {
                found.entry(id).or_default().insert(&name[..end]);
            }
        }
    }
    found
}

/// The messages of `other` whose placeholders are not those of the same message in `french`.
pub fn placeholder_mismatches(french: &str, other: &str) -> Vec<String> {
    let reference = placeholders(french);
    placeholders(other)
        .into_iter()
        .filter_map(|(id, vars)| {
            let expected = reference.get(id)?;
            (vars != *expected).then(|| format!("{id}: {{{}}} instead of {{{}}}", join(&vars), join(expected)))
        })
        .collect()
}

fn join(vars: &std::collections::BTreeSet<&str>) -> String {
    vars.iter().map(|v| format!("${v}")).collect::<Vec<_>>().join(", ")
}

/// The notice a respondent is owed (GDPR art. 13): the deployment's own text when its
/// settings give one (`--privacy-notice FILE`), else the project's standard notice.
pub fn privacy_notice(lang: Lang, retention_months: u32, custom: Option<&str>) -> String {
    if let Some(text) = custom.map(str::trim).filter(|t| !t.is_empty()) {
        return text.to_owned();
    }
    tr!(lang, "privacy-notice", months = retention_months)
}

/// Says that betweenness and closeness were estimated from a sample, and how precisely.
/// `sources` of `nodes` actors searched from; the largest 95 % margins of each measure.
pub fn sampling_note(lang: Lang, sources: usize, nodes: usize, betweenness: f64, closeness: f64) -> String {
    tr!(
        lang,
        "sampling-note",
        sources = sources,
        nodes = nodes,
        betweenness = number(lang, betweenness, 4),
        closeness = number(lang, closeness, 3)
    )
}

/// What a kind of record is called (`stakeholder`, `link`, … as the audit trail names them).
pub fn record_kind(kind: &str, lang: Lang) -> String {
    coded(lang, "record", kind, || text(lang, "record-other", &[]))
}

/// Where a link came from, in words (`survey:3/17` → "survey answer (campaign 3)").
pub fn provenance(raw: &str, lang: Lang) -> String {
    use crate::domain::values::{Source, source};
    match source(raw) {
        Source::Manual => text(lang, "provenance-manual", &[]),
        Source::Import(file) => tr!(lang, "provenance-import", file = file),
        Source::Meeting(reference) => tr!(lang, "provenance-meeting", reference = reference),
        Source::Observed(what) => tr!(lang, "provenance-observed", what = what),
        Source::Survey { campaign, .. } => tr!(lang, "provenance-survey", campaign = campaign.to_string()),
        Source::Other(p) => p.to_owned(),
    }
}

/// What an action of the audit trail is called.
pub fn change_action(action: &str, lang: Lang) -> String {
    coded(lang, "action", action, || text(lang, "action-other", &[]))
}

/// What a field of a record's values is called, when it has a name in words.
pub fn field_label(field: &str, lang: Lang) -> String {
    // A reference record's labels are kept by language code: the language's own name.
    coded(lang, "field", field, || Lang::parse(field).map_or_else(|| field.to_owned(), |l| l.native_name().to_owned()))
}

/// What a code of the mechanism is called (a kind of body, a role, a frequency, a status).
pub fn code_label(code: &str, lang: Lang) -> String {
    coded(lang, "code", code, || code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_first_offered_language() {
        let german = Lang::parse("de");
        let cases = [
            ("en-GB,en;q=0.9", Some(Lang::EN)),
            ("pl-PL, fr-BE;q=0.8, en;q=0.5", Some(Lang::FR)),
            ("de-DE", german),
            ("pl", None),
            ("", None),
        ];
        for (header, expected) in cases {
            assert_eq!(Lang::from_accept_language(header), expected, "{header:?}");
        }
        assert_eq!(Lang::parse("nl_BE.UTF-8").map(Lang::code), Lang::all().map(Lang::code).find(|c| *c == "nl"));
    }

    #[test]
    fn numbers_and_dates_are_written_the_language_s_way() {
        assert_eq!(number(Lang::FR, 12345.678, 2), "12\u{202f}345,68");
        assert_eq!(number(Lang::EN, 12345.678, 2), "12,345.68");
        assert_eq!(number(Lang::FR, 2026.0, 0), "2026", "four digits stay whole");
        assert_eq!(number(Lang::EN, -0.5, 1), "-0.5");
        assert_eq!(long_date("2026-12-13", Lang::FR), "13 décembre 2026");
        assert_eq!(long_date("2026-12-13", Lang::EN), "13 December 2026");
        assert_eq!(when("2026-12-02T16:05:09.123Z", Lang::FR), "2 décembre 2026, 16:05 UTC");
        assert_eq!(when("not a time", Lang::FR), "not a time");
        assert_eq!(tr!(Lang::FR, "answer-out-of-range", min = "1", max = "2,5"), "Indiquez un nombre entre 1 et 2,5.");
        // Plurals are the catalogue's: one and many.
        assert_eq!(
            Problem::MoreErrors { count: 1 }.message(Lang::EN),
            "… and one more problem: fix these first, then import again"
        );
        assert!(Problem::MoreErrors { count: 12000 }.message(Lang::FR).contains("12\u{202f}000 autres problèmes"));
    }
}

#[cfg(test)]
mod catalogue_tests {
    use super::*;

    /// Every message id the code names in a call of `text` or `tr!`.
    fn named_in_code() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    for call in [
                        "text(lang, \"",
                        "tr!(lang, \"",
                        "tr!(\n        lang,\n        \"",
                        "Message::new(\"",
                        "=> m(\"",
                    ] {
                        for (i, _) in source.match_indices(call) {
                            let rest = &source[i + call.len()..];
                            let id = &rest[..rest.find('"').unwrap_or(0)];
                            found.push((path.display().to_string(), id.to_owned()));
                        }
                    }
                }
            }
        }
        let mut found = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
        found
    }

    #[test]
    fn every_catalogue_parses_and_has_every_message_of_the_french_one() {
        for lang in Lang::all() {
            assert_eq!(CATALOGUES[lang.index()].errors, Vec::<String>::new(), "{lang}");
            assert_eq!(missing(lang), Vec::<&str>::new(), "{lang} lacks messages");
        }
        let ids = message_ids(Lang::FR);
        for id in table_ids() {
            assert!(ids.contains(&id), "the French catalogue lacks {id}, which a table reads");
        }
        for (file, id) in named_in_code() {
            assert!(ids.contains(&id.as_str()), "{file} names the message {id:?}, which the French catalogue lacks");
        }
        assert_ne!(Lang::FR.tr().nav_stakeholders, Lang::EN.tr().nav_stakeholders);
    }

    #[test]
    fn every_message_is_read_by_something() {
        let tables: Vec<&str> = table_ids().collect();
        let named: Vec<String> = named_in_code().into_iter().map(|(_, id)| id).collect();
        let source = |dir: &str| -> String {
            let mut all = String::new();
            let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(d).unwrap().flatten() {
                    if e.path().is_dir() {
                        stack.push(e.path());
                    } else if e.path().extension().is_some_and(|x| x == "rs") {
                        all.push_str(&std::fs::read_to_string(e.path()).unwrap());
                    }
                }
            }
            all
        };
        let code = source("src");
        for id in message_ids(Lang::FR) {
            // A family read by a computed id (`tie-type-{code}`, `month-{n}`): its prefix is named.
            let family = id.char_indices().filter(|(_, c)| *c == '-').any(|(i, _)| {
                let prefix = &id[..i];
                code.contains(&format!("\"{prefix}-{{")) || code.contains(&format!("\"{prefix}\""))
            });
            assert!(
                tables.contains(&id) || named.iter().any(|n| n == id) || family || code.contains(&format!("\"{id}\"")),
                "message {id} is read by nothing"
            );
        }
    }

    #[test]
    fn placeholders_must_match_the_french_ones() {
        let french = "a = Bonjour { $name }\nb = { $count } fiches\nc =\n    sur { $total }\n";
        assert!(placeholder_mismatches(french, french).is_empty());
        let other = "a = Hello { $nom }\nb = { $count } records\nc =\n    of many\n";
        assert_eq!(
            placeholder_mismatches(french, other),
            ["a: {$nom} instead of {$name}", "c: {} instead of {$total}"]
        );
        assert!(check_catalogues().iter().all(CatalogueCheck::is_ok), "the shipped catalogues are complete");
    }

    #[test]
    fn a_message_a_language_lacks_is_shown_in_french_never_as_its_id() {
        let english = shipped::SOURCES[Lang::EN.index()];
        let without: Vec<(&str, String)> = english
            .iter()
            .map(|(f, s)| {
                (*f, s.lines().filter(|l| !l.starts_with("nav_stakeholders = ")).collect::<Vec<_>>().join("\n"))
            })
            .collect();
        let files: Vec<(&str, &str)> = without.iter().map(|(f, s)| (*f, s.as_str())).collect();
        let catalogue = Catalogue::parse(Lang::EN, &files);
        assert!(!catalogue.has("nav_stakeholders"));
        assert!(catalogue.has("app_tagline"), "the others stay");
        let broken: Vec<(&str, String)> =
            english.iter().map(|(f, s)| (*f, s.replacen("app_tagline = ", "app_tagline = {", 1))).collect();
        let files: Vec<(&str, &str)> = broken.iter().map(|(f, s)| (*f, s.as_str())).collect();
        let catalogue = Catalogue::parse(Lang::EN, &files);
        assert!(!catalogue.errors.is_empty(), "a syntax error is reported");
        assert!(!catalogue.has("app_tagline"), "an unparsable message is left out, and so falls back to French");
        assert_eq!(text(Lang::EN, "no-such-message", &[]), "no-such-message", "only when French lacks it too");
    }
}
