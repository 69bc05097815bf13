//! The user's language and every user-visible string. The interface's texts are Fluent
//! catalogues (`locales/<lang>/interface.ftl`), read into one table per language; templates
//! read `t.<id>`. Other tables (audit trail, mechanism) are still Rust tables per language.

pub use crate::domain::lang::Lang;

// The inherent impl lives with the tables it points to.
impl Lang {
    pub fn tr(self) -> &'static Tr {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

/// A day as people write it (`13 décembre 2026`, `13 December 2026`), from an ISO date; a
/// text that is not one comes back as it is.
pub fn long_date(iso: &str, lang: Lang) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let Ok(d) = crate::domain::values::date(iso) else { return iso.to_owned() };
    let month = usize::from(u8::from(d.month())) - 1;
    let name = match lang {
        Lang::Fr => FR[month],
        Lang::En => EN[month],
    };
    format!("{} {name} {}", d.day(), d.year())
}

/// Every fixed string of the web pages: one field per message of the interface catalogue
/// (`locales/<lang>/interface.ftl`, Fluent), read once per language. A message a language
/// lacks is the French one (`missing` lists them; the catalogue test fails on any).
macro_rules! interface {
    ($($id:ident),* $(,)?) => {
        pub struct Tr {
            $(pub $id: &'static str,)*
            /// The coordination mechanism, meetings and action items.
            pub mech: &'static Mech,
            /// The audit trail: the change log, a record's history, reverts.
            pub audit: &'static Audit,
        }

        /// The id of every message of the interface catalogue.
        pub const INTERFACE_IDS: &[&str] = &[$(stringify!($id)),*];

        fn interface(lang: Lang, source: &str) -> Tr {
            let own = Catalogue::parse(lang, source);
            let french = Catalogue::parse(Lang::Fr, catalogue_source(Lang::Fr));
            let text = |id: &str| -> &'static str {
                own.text(id).or_else(|| french.text(id)).map_or("", |t| Box::leak(t.into_boxed_str()))
            };
            let (mech, audit) = match lang {
                Lang::Fr => (&MECH_FR, &AUDIT_FR),
                Lang::En => (&MECH_EN, &AUDIT_EN),
            };
            Tr { $($id: text(stringify!($id)),)* mech, audit }
        }
    };
}

interface! {
    app_tagline,
    nav_stakeholders,
    nav_new_stakeholder,
    nav_new_link,
    nav_import,
    nav_export,
    switch_language,
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
    presentation,
    exit_presentation,
    legend,
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
    other_answered,
    ties_declared,
    reciprocated,
    to_review,
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
}

static FR: std::sync::LazyLock<Tr> = std::sync::LazyLock::new(|| interface(Lang::Fr, catalogue_source(Lang::Fr)));
static EN: std::sync::LazyLock<Tr> = std::sync::LazyLock::new(|| interface(Lang::En, catalogue_source(Lang::En)));

/// A language's interface catalogue, as shipped in the binary.
fn catalogue_source(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => include_str!("../locales/fr/interface.ftl"),
        Lang::En => include_str!("../locales/en/interface.ftl"),
    }
}

/// One language's messages (Fluent: placeholders and plurals are the library's work).
struct Catalogue(fluent_bundle::FluentBundle<fluent_bundle::FluentResource>);

impl Catalogue {
    fn parse(lang: Lang, source: &str) -> Catalogue {
        let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = fluent_bundle::FluentBundle::new(vec![id]);
        // Texts go into HTML and terminals, where Unicode isolation marks would only be noise.
        bundle.set_use_isolating(false);
        // A message that does not parse is left out (and so falls back to French); the
        // catalogue test names it.
        let resource =
            fluent_bundle::FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, _)| resource);
        let _ = bundle.add_resource(resource);
        Catalogue(bundle)
    }

    fn text(&self, id: &str) -> Option<String> {
        let pattern = self.0.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(self.0.format_pattern(pattern, None, &mut errors).into_owned())
    }
}

/// The interface messages `lang`'s catalogue lacks or cannot parse (shown in French).
pub fn missing(lang: Lang) -> Vec<&'static str> {
    let catalogue = Catalogue::parse(lang, catalogue_source(lang));
    INTERFACE_IDS.iter().copied().filter(|id| catalogue.text(id).is_none()).collect()
}

/// What `maillage i18n check` finds in one language's interface catalogue.
pub struct CatalogueCheck {
    pub lang: Lang,
    pub messages: usize,
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

/// Every language's interface catalogue checked against the French one.
pub fn check_catalogues() -> Vec<CatalogueCheck> {
    Lang::ALL
        .iter()
        .map(|&lang| {
            let missing = missing(lang);
            CatalogueCheck {
                lang,
                messages: INTERFACE_IDS.len() - missing.len(),
                errors: catalogue_errors(lang),
                missing,
                placeholders: placeholder_mismatches(catalogue_source(Lang::Fr), catalogue_source(lang)),
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

/// Whether a language's interface catalogue parses as Fluent, with the parser's complaints.
pub fn catalogue_errors(lang: Lang) -> Vec<String> {
    match fluent_bundle::FluentResource::try_new(catalogue_source(lang).to_owned()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}

/// The audit trail's texts.
pub struct Audit {
    pub title: &'static str,
    pub intro: &'static str,
    pub history: &'static str,
    pub history_intro: &'static str,
    pub whole_history: &'static str,
    pub no_changes: &'static str,
    pub filters: &'static str,
    pub kind: &'static str,
    pub any_kind: &'static str,
    pub who: &'static str,
    pub who_help: &'static str,
    pub record: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub apply: &'static str,
    pub when: &'static str,
    pub what: &'static str,
    pub changes_col: &'static str,
    pub field: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub nothing_changed: &'static str,
    pub revert: &'static str,
    pub revert_operation: &'static str,
    pub operation: &'static str,
    pub operation_of: &'static str,
    pub reverts: &'static str,
    pub reverts_operation: &'static str,
    pub redacted: &'static str,
    pub total: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub reverted: &'static str,
    pub respondent: &'static str,
    pub command_line: &'static str,
    pub by: &'static str,
    pub privacy_title: &'static str,
    pub privacy_intro: &'static str,
    pub privacy_who: &'static str,
    pub privacy_who_help: &'static str,
    pub privacy_search: &'static str,
    pub privacy_held: &'static str,
    pub privacy_nothing: &'static str,
    pub privacy_table: &'static str,
    pub privacy_rows: &'static str,
    pub privacy_download: &'static str,
    pub erase_title: &'static str,
    pub erase_intro: &'static str,
    pub erase_confirm: &'static str,
    pub erase_button: &'static str,
    pub erased_done: &'static str,
    pub legal_basis: &'static str,
    pub basis_public_task: &'static str,
    pub basis_consent: &'static str,
    pub basis_legitimate_interest: &'static str,
    pub due_title: &'static str,
    pub due_intro: &'static str,
    pub months: &'static str,
    pub due_none: &'static str,
    pub confirmed_on: &'static str,
    pub privacy_notice: &'static str,
}

pub static AUDIT_FR: Audit = Audit {
    title: "Journal des modifications",
    intro: "Chaque modification enregistrée : qui l'a faite, quand, et les valeurs avant et après. Une modification, ou toute une opération (un import, l'envoi d'une réponse), peut être annulée ; l'annulation est elle-même une modification.",
    history: "Historique",
    history_intro: "Les dernières modifications de cet enregistrement.",
    whole_history: "Tout l'historique",
    no_changes: "Aucune modification enregistrée.",
    filters: "Filtrer le journal",
    kind: "Type d'enregistrement",
    any_kind: "Tous",
    who: "Qui",
    who_help: "user:3, token:2, cli, invitation (toutes les réponses d'enquête)",
    record: "N° d'enregistrement",
    from: "Du",
    to: "Au",
    apply: "Filtrer",
    when: "Quand",
    what: "Quoi",
    changes_col: "Modifications",
    field: "Champ",
    before: "Avant",
    after: "Après",
    nothing_changed: "aucune valeur changée",
    revert: "Annuler cette modification",
    revert_operation: "Annuler toute l'opération",
    operation: "Opération",
    operation_of: "modifications dans cette opération",
    reverts: "annule la modification",
    reverts_operation: "annule l'opération",
    redacted: "Les données personnelles sont masquées (•••) pour votre rôle.",
    total: "modifications",
    previous: "Précédentes",
    next: "Suivantes",
    reverted: "La modification a été annulée.",
    respondent: "répondant",
    command_line: "ligne de commande",
    by: "par",
    privacy_title: "Données personnelles",
    privacy_intro: "Une demande d'accès ou d'effacement au sujet d'une personne (RGPD, articles 15 et 17) : tout ce que l'outil détient à son sujet, dans chaque table, et son effacement. Les organisations et leurs liens restent.",
    privacy_who: "Adresse e-mail ou personne de contact",
    privacy_who_help: "Une adresse e-mail, ou contact:12 pour la personne de contact n° 12.",
    privacy_search: "Rechercher",
    privacy_held: "Ce que l'outil détient",
    privacy_nothing: "Rien : aucune table ne mentionne cette personne.",
    privacy_table: "Table",
    privacy_rows: "Lignes",
    privacy_download: "Télécharger tout (JSON)",
    erase_title: "Effacer cette personne",
    erase_intro: "L'effacement retire la personne de toutes les tables, des réponses, des corrections, des notes et du journal des modifications. Il ne peut pas être annulé ; il est noté dans le journal sans les valeurs effacées.",
    erase_confirm: "Je confirme l'effacement définitif des données de cette personne.",
    erase_button: "Effacer définitivement",
    erased_done: "Les données de la personne ont été effacées. Lignes touchées",
    legal_basis: "Base légale",
    basis_public_task: "Mission d'intérêt public",
    basis_consent: "Consentement",
    basis_legitimate_interest: "Intérêt légitime",
    due_title: "Coordonnées à revoir",
    due_intro: "Personnes de contact dont les données n'ont pas été confirmées depuis plus de",
    months: "mois",
    due_none: "Aucune : toutes les coordonnées ont été confirmées pendant la période de conservation.",
    confirmed_on: "Confirmées le",
    privacy_notice: "Protection de vos données",
};

pub static AUDIT_EN: Audit = Audit {
    title: "Change log",
    intro: "Every recorded change: who made it, when, and the values before and after. A change, or a whole operation (an import, a survey response sent), can be reverted; the revert is itself a change.",
    history: "History",
    history_intro: "The latest changes to this record.",
    whole_history: "The whole history",
    no_changes: "No change recorded.",
    filters: "Filter the log",
    kind: "Kind of record",
    any_kind: "All",
    who: "Who",
    who_help: "user:3, token:2, cli, invitation (every survey response)",
    record: "Record number",
    from: "From",
    to: "To",
    apply: "Filter",
    when: "When",
    what: "What",
    changes_col: "Changes",
    field: "Field",
    before: "Before",
    after: "After",
    nothing_changed: "no value changed",
    revert: "Revert this change",
    revert_operation: "Revert the whole operation",
    operation: "Operation",
    operation_of: "changes in this operation",
    reverts: "reverts change",
    reverts_operation: "reverts operation",
    redacted: "Personal data is hidden (•••) for your role.",
    total: "changes",
    previous: "Previous",
    next: "Next",
    reverted: "The change was reverted.",
    respondent: "respondent",
    command_line: "command line",
    by: "by",
    privacy_title: "Personal data",
    privacy_intro: "A request for access or erasure about one person (GDPR articles 15 and 17): everything the tool holds about them, in every table, and its erasure. Organisations and their links stay.",
    privacy_who: "E-mail address or contact person",
    privacy_who_help: "An e-mail address, or contact:12 for contact person number 12.",
    privacy_search: "Search",
    privacy_held: "What the tool holds",
    privacy_nothing: "Nothing: no table mentions this person.",
    privacy_table: "Table",
    privacy_rows: "Rows",
    privacy_download: "Download everything (JSON)",
    erase_title: "Erase this person",
    erase_intro: "The erasure removes the person from every table, answer, correction, note and from the change log. It cannot be undone; it is noted in the change log without the erased values.",
    erase_confirm: "I confirm the permanent erasure of this person's data.",
    erase_button: "Erase permanently",
    erased_done: "The person's data was erased. Rows touched",
    legal_basis: "Legal basis",
    basis_public_task: "Public task",
    basis_consent: "Consent",
    basis_legitimate_interest: "Legitimate interest",
    due_title: "Contact data to review",
    due_intro: "Contact persons whose data has not been confirmed for more than",
    months: "months",
    due_none: "None: every contact's data was confirmed within the retention period.",
    confirmed_on: "Confirmed on",
    privacy_notice: "How your data is protected",
};

/// The notice a respondent is owed (GDPR art. 13): the deployment's own text when its
/// settings give one (`--privacy-notice FILE`), else the project's standard notice.
pub fn privacy_notice(lang: Lang, retention_months: u32, custom: Option<&str>) -> String {
    if let Some(text) = custom.map(str::trim).filter(|t| !t.is_empty()) {
        return text.to_owned();
    }
    match lang {
        Lang::Fr => format!(
            "Protection des données. Les données de votre organisation et de ses personnes de contact sont tenues par \
             l'équipe de coordination du projet OIM / SPW IAS d'accueil des personnes déplacées d'Ukraine, pour cartographier \
             les acteurs et leurs liens et concevoir un mécanisme de coordination. Base légale : mission d'intérêt public \
             (RGPD, art. 6.1.e), ou votre consentement lorsqu'il a été demandé. Les coordonnées des personnes de contact sont \
             conservées {retention_months} mois après leur dernière confirmation, puis revues ou effacées ; vos réponses \
             servent aux analyses du projet et ne sont montrées aux membres du comité de pilotage que sans données \
             personnelles. Vous pouvez demander l'accès à vos données, leur rectification, leur effacement ou vous opposer \
             à leur traitement en écrivant à l'équipe qui vous a envoyé ce lien, et introduire une plainte auprès de \
             l'Autorité de protection des données (www.autoriteprotectiondonnees.be)."
        ),
        Lang::En => format!(
            "Data protection. Your organisation's data and its contact persons' are held by the coordination team of the \
             IOM / SPW IAS project for the reception of people displaced from Ukraine, to map the actors and their links \
             and design a coordination mechanism. Legal basis: a task in the public interest (GDPR art. 6(1)(e)), or your \
             consent where it was asked. Contact persons' details are kept {retention_months} months after they were last \
             confirmed, then reviewed or erased; your answers serve the project's analyses and are shown to the steering \
             committee only without personal data. You may ask for access to your data, its correction or erasure, or \
             object to its use by writing to the team that sent you this link, and lodge a complaint with the Belgian Data \
             Protection Authority (www.dataprotectionauthority.be)."
        ),
    }
}

/// Says that betweenness and closeness were estimated from a sample, and how precisely.
/// `sources` of `nodes` actors searched from; the largest 95 % margins of each measure.
pub fn sampling_note(lang: Lang, sources: usize, nodes: usize, betweenness: f64, closeness: f64) -> String {
    match lang {
        Lang::Fr => format!(
            "Réseau étendu : intermédiarité et proximité estimées à partir de {} des {} acteurs pris comme points de départ (marge d'erreur à 95 % : ±{:.4} pour l'intermédiarité, ±{:.3} pour la proximité). Le calcul exact : « maillage analyse --exact ».",
            sources, nodes, betweenness, closeness
        ),
        Lang::En => format!(
            "Large network: betweenness and closeness estimated from {} of the {} actors taken as starting points (95 % margin of error: ±{:.4} for betweenness, ±{:.3} for closeness). The exact computation: \"maillage analyse --exact\".",
            sources, nodes, betweenness, closeness
        ),
    }
}

/// What a kind of record is called (`stakeholder`, `link`, … as the audit trail names them).
pub fn record_kind(kind: &str, lang: Lang) -> &'static str {
    let (fr, en) = match kind {
        "stakeholder" => ("Acteur", "Stakeholder"),
        "link" => ("Lien", "Link"),
        "campaign" => ("Campagne d'enquête", "Survey campaign"),
        "response" => ("Réponse à une enquête", "Survey response"),
        "proposal" => ("Organisation proposée", "Proposed organisation"),
        "correction" => ("Correction proposée", "Proposed correction"),
        "user" => ("Compte", "Account"),
        "token" => ("Jeton d'API", "API token"),
        "body" => ("Instance de coordination", "Coordination body"),
        "meeting" => ("Réunion", "Meeting"),
        "action_item" => ("Action", "Action item"),
        "phase" => ("Phase du projet", "Project phase"),
        "snapshot" => ("Instantané", "Snapshot"),
        "suggestion" => ("Suggestion écartée", "Dismissed suggestion"),
        "erasure" => ("Effacement de données personnelles", "Erasure of personal data"),
        _ => ("Enregistrement", "Record"),
    };
    lang.pick(fr, en)
}

/// What an action of the audit trail is called.
pub fn change_action(action: &str, lang: Lang) -> &'static str {
    let (fr, en) = match action {
        "create" => ("création", "created"),
        "update" => ("modification", "edited"),
        "archive" => ("archivage", "archived"),
        "restore" => ("restauration", "restored"),
        "delete" => ("suppression", "deleted"),
        "revert" => ("annulation", "reverted"),
        "submit" => ("envoi", "sent"),
        "open" => ("ouverture", "opened"),
        "accept" | "accepted" => ("acceptation", "accepted"),
        "reject" | "rejected" => ("refus", "rejected"),
        "merged" => ("fusion", "merged"),
        "role" => ("changement de rôle", "role changed"),
        "disable" => ("désactivation", "disabled"),
        "enable" => ("réactivation", "enabled"),
        "password" => ("nouveau mot de passe", "new password"),
        "reset_link" => ("lien de mot de passe", "password link"),
        "second_factor_setup" | "second_factor_on" => ("second facteur activé", "second factor on"),
        "second_factor_off" => ("second facteur retiré", "second factor off"),
        "revoke" => ("révocation", "revoked"),
        "dismiss" => ("suggestion écartée", "suggestion dismissed"),
        "provenance" => ("origine notée", "provenance noted"),
        "erase" => ("effacement", "erased"),
        _ => ("modification", "changed"),
    };
    lang.pick(fr, en)
}

/// What a field of a record's values is called, when it has a name in words.
pub fn field_label(field: &str, lang: Lang) -> String {
    let (fr, en) = match field {
        "name" => ("Nom", "Name"),
        "acronym" => ("Sigle", "Acronym"),
        "kind_code" | "kind" => ("Type", "Kind"),
        "level_code" => ("Niveau", "Level"),
        "description" => ("Description", "Description"),
        "website" => ("Site web", "Website"),
        "email" => ("E-mail", "E-mail"),
        "phone" => ("Téléphone", "Phone"),
        "influence" => ("Influence", "Influence"),
        "interest" => ("Intérêt", "Interest"),
        "is_key" => ("Acteur clé", "Key stakeholder"),
        "notes" => ("Notes", "Notes"),
        "archived" => ("Archivé", "Archived"),
        "sectors" => ("Secteurs", "Sectors"),
        "territory" => ("Territoire", "Territory"),
        "contacts" => ("Personnes de contact", "Contact persons"),
        "source_id" => ("Source", "Source"),
        "target_id" => ("Cible", "Target"),
        "type_code" => ("Type de lien", "Link type"),
        "directed" => ("Orienté", "Directed"),
        "strength" => ("Intensité", "Strength"),
        "formal" => ("Formel", "Formal"),
        "since" => ("Depuis", "Since"),
        "until" => ("Jusqu'au", "Until"),
        "note" => ("Note", "Note"),
        "provenance" => ("Origine", "Provenance"),
        "confirmed" => ("Confirmé", "Confirmed"),
        "role" => ("Rôle", "Role"),
        "disabled" => ("Désactivé", "Disabled"),
        "status" => ("Statut", "Status"),
        "title" => ("Titre", "Title"),
        "members" => ("Membres", "Members"),
        "attendees" => ("Participants", "Attendees"),
        "revoked_at" => ("Révoqué le", "Revoked on"),
        "submitted_at" => ("Envoyée le", "Sent on"),
        "ties" => ("Liens déclarés", "Declared ties"),
        "response" => ("Réponses", "Answers"),
        _ => return field.to_owned(),
    };
    lang.pick(fr, en).to_owned()
}

/// The mechanism's texts (bodies, meetings, action items).
pub struct Mech {
    pub nav_mechanism: &'static str,
    pub nav_meetings: &'static str,
    pub nav_actions: &'static str,
    pub bodies_title: &'static str,
    pub bodies_intro: &'static str,
    pub no_bodies: &'static str,
    pub new_body: &'static str,
    pub edit_body: &'static str,
    pub body: &'static str,
    pub body_kind: &'static str,
    pub frequency: &'static str,
    pub established_on: &'static str,
    pub established_help: &'static str,
    pub members: &'static str,
    pub member: &'static str,
    pub role: &'static str,
    pub meetings_held: &'static str,
    pub stakeholder_row_help: &'static str,
    pub row: &'static str,
    pub none: &'static str,
    pub all_territory: &'static str,
    pub meetings_title: &'static str,
    pub meetings_intro: &'static str,
    pub no_meetings: &'static str,
    pub new_meeting: &'static str,
    pub edit_meeting: &'static str,
    pub held_on: &'static str,
    pub phase: &'static str,
    pub phase_by_date: &'static str,
    pub no_body: &'static str,
    pub title: &'static str,
    pub agenda: &'static str,
    pub minutes: &'static str,
    pub decisions: &'static str,
    pub attendees: &'static str,
    pub attendee: &'static str,
    pub contact_person: &'static str,
    pub contact_person_help: &'static str,
    pub action_items: &'static str,
    pub action: &'static str,
    pub owner: &'static str,
    pub due_on: &'static str,
    pub delete_meeting: &'static str,
    pub actions_title: &'static str,
    pub actions_intro: &'static str,
    pub overdue: &'static str,
    pub due: &'static str,
    pub by_owner: &'static str,
    pub by_body: &'static str,
    pub ad_hoc: &'static str,
    pub no_open_actions: &'static str,
    pub mark_done: &'static str,
    pub reopen: &'static str,
    pub from_meeting: &'static str,
    pub open_count: &'static str,
    pub open_items: &'static str,
    pub overdue_count: &'static str,
    pub body_meetings: &'static str,
    pub body_archived: &'static str,
    pub nav_suggestions: &'static str,
    pub suggestions_title: &'static str,
    pub reach_heading: &'static str,
    pub reach_intro: &'static str,
    pub reach_line: &'static str,
    pub how_many: &'static str,
    pub gaps_heading: &'static str,
    pub gaps_intro: &'static str,
    pub near_arrondissement: &'static str,
    pub near_province: &'static str,
    pub near_neighbour: &'static str,
    pub at_distance: &'static str,
    pub no_path: &'static str,
    pub add_to_body: &'static str,
    pub dismiss: &'static str,
    pub choose_body: &'static str,
    pub no_candidate: &'static str,
    pub all_covered: &'static str,
    pub nav_coverage: &'static str,
    pub coverage_title: &'static str,
    pub coverage_intro: &'static str,
    pub legend_none: &'static str,
    pub legend_one: &'static str,
    pub legend_few: &'static str,
    pub legend_some: &'static str,
    pub legend_many: &'static str,
    pub commune_tooltip: &'static str,
    pub no_geojson: &'static str,
    pub geojson_error: &'static str,
    pub uncovered_communes: &'static str,
    pub show: &'static str,
    pub nav_steering: &'static str,
    pub steering_title: &'static str,
    pub report_title: &'static str,
    pub as_of: &'static str,
    pub print_report: &'static str,
    pub indicators: &'static str,
    pub by_level: &'static str,
    pub by_kind: &'static str,
    pub links_by_type: &'static str,
    pub density_label: &'static str,
    pub density_help: &'static str,
    pub cross_level_label: &'static str,
    pub cross_level_help: &'static str,
    pub reciprocity_label: &'static str,
    pub reciprocity_help: &'static str,
    pub response_rate_label: &'static str,
    pub no_campaign: &'static str,
    pub coverage_label: &'static str,
    pub coverage_help: &'static str,
    pub mechanism_line: &'static str,
    pub actions_line: &'static str,
    pub changes_since: &'static str,
    pub no_snapshot: &'static str,
    pub network_map: &'static str,
    pub timeline: &'static str,
    pub stakeholders_total: &'static str,
    pub links_total: &'static str,
    pub details: &'static str,
    pub nav_snapshots: &'static str,
    pub snapshots_title: &'static str,
    pub snapshots_intro: &'static str,
    pub no_snapshots: &'static str,
    pub take_snapshot: &'static str,
    pub snapshot_name_help: &'static str,
    pub taken_on: &'static str,
    pub compare: &'static str,
    pub compare_title: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub now: &'static str,
    pub delete_snapshot: &'static str,
    pub summary_line: &'static str,
    pub new_stakeholders: &'static str,
    pub gone_stakeholders: &'static str,
    pub new_links: &'static str,
    pub gone_links: &'static str,
    pub moved_most: &'static str,
    pub degree: &'static str,
    pub betweenness: &'static str,
    pub more_rows: &'static str,
    pub map_before: &'static str,
    pub map_after: &'static str,
    pub none_changed: &'static str,
    pub nav_review: &'static str,
    pub body_on_map: &'static str,
    pub without_meetings: &'static str,
    pub review_title: &'static str,
    pub review_intro: &'static str,
    pub review_isolated: &'static str,
    pub review_isolated_line: &'static str,
    pub review_central: &'static str,
    pub review_central_line: &'static str,
    pub review_gaps: &'static str,
    pub review_levels_line: &'static str,
    pub review_provinces_line: &'static str,
    pub review_sectors_line: &'static str,
    pub review_under: &'static str,
    pub review_under_line: &'static str,
    pub review_fragile: &'static str,
    pub review_fragile_line: &'static str,
    pub review_fragile_end: &'static str,
    pub review_fragile_end_many: &'static str,
    pub review_nothing: &'static str,
}

pub static MECH_FR: Mech = Mech {
    nav_mechanism: "Mécanisme",
    nav_meetings: "Réunions",
    nav_actions: "Actions",
    bodies_title: "Mécanisme de coordination",
    bodies_intro: "Les organes du mécanisme conçu avec les acteurs : qui y siège, à quel titre, à quel rythme ils se réunissent, et s'ils se sont réunis comme prévu.",
    no_bodies: "Aucun organe n'est encore enregistré.",
    new_body: "Nouvel organe",
    edit_body: "Modifier l'organe",
    body: "Organe",
    body_kind: "Type d'organe",
    frequency: "Fréquence des réunions",
    established_on: "Actif depuis",
    established_help: "Début du rythme de réunions prévu ; aujourd'hui si vide.",
    members: "Membres",
    member: "Membre",
    role: "Rôle",
    meetings_held: "Réunions tenues / prévues",
    stakeholder_row_help: "Nom, sigle ou n° (#12) d'un acteur de l'inventaire. Enregistrez pour obtenir d'autres lignes vides.",
    row: "Ligne",
    none: "aucun",
    all_territory: "tout le territoire",
    meetings_title: "Réunions",
    meetings_intro: "Réunions de cadrage, comités et groupes de travail : présences, décisions et actions. Les organisations qui se réunissent souvent ensemble apparaissent sur la carte par des liens « se réunit avec ».",
    no_meetings: "Aucune réunion n'est encore enregistrée.",
    new_meeting: "Nouvelle réunion",
    edit_meeting: "Modifier la réunion",
    held_on: "Date",
    phase: "Phase",
    phase_by_date: "Selon la date",
    no_body: "Aucun (réunion ad hoc)",
    title: "Titre",
    agenda: "Ordre du jour",
    minutes: "Compte rendu",
    decisions: "Décisions",
    attendees: "Organisations présentes",
    attendee: "Organisation",
    contact_person: "Personne présente",
    contact_person_help: "Donnée personnelle : visible des coordinateurs seulement.",
    action_items: "Actions",
    action: "Action",
    owner: "Responsable",
    due_on: "Échéance",
    delete_meeting: "Supprimer la réunion",
    actions_title: "Actions à suivre",
    actions_intro: "Les actions ouvertes de toutes les réunions, en retard d'abord, par responsable et par organe.",
    overdue: "En retard",
    due: "À faire",
    by_owner: "Par responsable",
    by_body: "Par organe",
    ad_hoc: "Réunions hors organe",
    no_open_actions: "Aucune action ouverte.",
    mark_done: "Marquer comme faite",
    reopen: "Rouvrir",
    from_meeting: "Réunion",
    open_count: "ouvertes",
    open_items: "Ouvertes",
    overdue_count: "en retard",
    body_meetings: "Réunions de l'organe",
    body_archived: "Organe archivé",
    nav_suggestions: "Suggestions",
    suggestions_title: "Suggestions pour le mécanisme",
    reach_heading: "Qui ajouter à un organe",
    reach_intro: "Les acteurs qui, ajoutés l'un après l'autre, mettent le plus d'acteurs du réseau observé à un pas de l'organe.",
    reach_line: "{name} mettrait {n} acteur(s) de plus à un pas de l'organe, dont",
    how_many: "Combien",
    gaps_heading: "Qui pourrait couvrir les communes sans acteur de terrain",
    gaps_intro: "Pour chaque commune sans acteur du secteur, les acteurs de ce secteur qui agissent au plus près : même arrondissement, puis même province, puis province voisine ; à égalité, le plus proche dans le réseau des acteurs de la commune.",
    near_arrondissement: "agit dans le même arrondissement",
    near_province: "agit dans la même province",
    near_neighbour: "agit dans une province voisine",
    at_distance: "à {n} lien(s) des acteurs de la commune",
    no_path: "sans chemin vers les acteurs de la commune",
    add_to_body: "Ajouter à l'organe",
    dismiss: "Écarter",
    choose_body: "Choisissez un organe : ses suggestions de membres s'affichent ici, et les acteurs proposés pour les communes peuvent y être ajoutés.",
    no_candidate: "aucun acteur du secteur à proximité",
    all_covered: "Toutes les communes sont couvertes pour ce secteur.",
    nav_coverage: "Couverture",
    coverage_title: "Couverture des communes",
    coverage_intro: "Pour le secteur choisi, le nombre d'acteurs de terrain (qui agissent sur la commune, son arrondissement ou sa province) qui couvrent chaque commune. Les communes hachurées n'en ont aucun ; cliquez sur une commune pour voir ses acteurs.",
    legend_none: "aucun acteur",
    legend_one: "1 acteur",
    legend_few: "2 à 3",
    legend_some: "4 à 6",
    legend_many: "7 ou plus",
    commune_tooltip: "{name} : {n} acteur(s)",
    no_geojson: "La carte a besoin des contours des communes : démarrez Maillage avec --communes-geojson FICHIER (ou la variable MAILLAGE_COMMUNES_GEOJSON), un GeoJSON des communes wallonnes dont chaque entité porte son code INS. En attendant, voici les communes sans couverture.",
    geojson_error: "Les contours des communes n'ont pas pu être lus : {error}",
    uncovered_communes: "Communes sans acteur de terrain pour ce secteur : {n}",
    show: "Afficher",
    nav_steering: "Pilotage",
    steering_title: "Tableau de bord du pilotage",
    report_title: "Rapport au comité de pilotage",
    as_of: "Situation au {date}",
    print_report: "Rapport imprimable",
    indicators: "Indicateurs clés",
    by_level: "Acteurs par niveau",
    by_kind: "Acteurs par type",
    links_by_type: "Liens par type",
    density_label: "Densité",
    density_help: "part des liens possibles qui existent",
    cross_level_label: "Liens entre niveaux",
    cross_level_help: "part des liens qui relient deux niveaux institutionnels différents",
    reciprocity_label: "Réciprocité",
    reciprocity_help: "part des liens orientés rendus dans l'autre sens",
    response_rate_label: "Taux de réponse",
    no_campaign: "Aucune enquête.",
    coverage_label: "Communes sans acteur de terrain, par secteur",
    coverage_help: "sur {n} communes wallonnes",
    mechanism_line: "{bodies} organes, {meetings} réunions tenues",
    actions_line: "{open} ouvertes, dont {overdue} en retard",
    changes_since: "Changements depuis « {name} » ({date})",
    no_snapshot: "Aucun instantané : prenez-en un à chaque réunion pour suivre ce qui change d'une réunion à l'autre.",
    network_map: "Carte du réseau",
    timeline: "Phases du projet",
    stakeholders_total: "acteurs",
    links_total: "liens",
    details: "Détails",
    nav_snapshots: "Instantanés",
    snapshots_title: "Instantanés du réseau",
    snapshots_intro: "Un instantané fige le réseau (acteurs, liens, organes et mesures, sans aucune donnée personnelle) sous un nom et une date, pour comparer deux moments du projet.",
    no_snapshots: "Aucun instantané n'a encore été pris.",
    take_snapshot: "Prendre un instantané",
    snapshot_name_help: "Par exemple « Après l'état des lieux ».",
    taken_on: "Date",
    compare: "Comparer",
    compare_title: "Ce qui a changé",
    from: "De",
    to: "À",
    now: "Maintenant",
    delete_snapshot: "Supprimer",
    summary_line: "{stakeholders} acteurs ({added_s} nouveaux, {removed_s} disparus), {links} liens ({added_l} nouveaux, {removed_l} disparus), densité {density}.",
    new_stakeholders: "Nouveaux acteurs",
    gone_stakeholders: "Acteurs disparus",
    new_links: "Nouveaux liens",
    gone_links: "Liens disparus",
    moved_most: "Positions qui ont le plus changé",
    degree: "Liens",
    betweenness: "Intermédiarité",
    more_rows: "… et {n} de plus",
    map_before: "Avant (en rouge : ce qui a disparu)",
    map_after: "Après (en vert : ce qui est nouveau)",
    none_changed: "Aucun changement.",
    nav_review: "Conçu / observé",
    body_on_map: "Voir l'organe sur la carte : ses membres et leurs liens",
    without_meetings: "Sans les réunions communes",
    review_title: "Mécanisme conçu et réseau observé",
    review_intro: "Ce que le réseau cartographié (liens enregistrés, réponses aux enquêtes et réunions communes) dit du mécanisme conçu.",
    review_isolated: "Membres sans lien observé avec les autres membres",
    review_isolated_line: "{body} : {n} membre(s) sans aucun lien observé avec un autre membre :",
    review_central: "Acteurs centraux hors de tout organe",
    review_central_line: "Parmi les {n} acteurs les plus centraux (les {pct} % premiers par intermédiarité), {count} ne siègent dans aucun organe :",
    review_gaps: "Niveaux, provinces et secteurs sans organe",
    review_levels_line: "Aucun organe au niveau :",
    review_provinces_line: "Aucun organe n'a son territoire dans la province :",
    review_sectors_line: "Aucun organe ne couvre le secteur :",
    review_under: "Organes qui se sont réunis moins souvent que prévu",
    review_under_line: "{body} s'est réuni {held} fois sur {expected} prévues ({frequency} depuis le {since}).",
    review_fragile: "Organes dont la cohésion repose sur un membre",
    review_fragile_line: "{body} : les liens entre membres passent par",
    review_fragile_end: "; sans lui, les autres membres sont séparés.",
    review_fragile_end_many: "; sans chacun d'eux, les autres membres sont séparés.",
    review_nothing: "Rien à signaler.",
};

pub static MECH_EN: Mech = Mech {
    nav_mechanism: "Mechanism",
    nav_meetings: "Meetings",
    nav_actions: "Action items",
    bodies_title: "Coordination mechanism",
    bodies_intro: "The bodies of the mechanism designed with the actors: who sits in them, in which role, how often they are to meet, and whether they have met as planned.",
    no_bodies: "No body is recorded yet.",
    new_body: "New body",
    edit_body: "Edit the body",
    body: "Body",
    body_kind: "Kind of body",
    frequency: "Meeting frequency",
    established_on: "Active since",
    established_help: "Start of the planned meeting rhythm; today when empty.",
    members: "Members",
    member: "Member",
    role: "Role",
    meetings_held: "Meetings held / planned",
    stakeholder_row_help: "Name, acronym or number (#12) of a stakeholder in the inventory. Save to get more empty rows.",
    row: "Row",
    none: "none",
    all_territory: "the whole territory",
    meetings_title: "Meetings",
    meetings_intro: "Scoping meetings, committees and working groups: attendance, decisions and action items. Organisations that often meet together appear on the map through “meets” links.",
    no_meetings: "No meeting is recorded yet.",
    new_meeting: "New meeting",
    edit_meeting: "Edit the meeting",
    held_on: "Date",
    phase: "Phase",
    phase_by_date: "From the date",
    no_body: "None (ad hoc meeting)",
    title: "Title",
    agenda: "Agenda",
    minutes: "Minutes",
    decisions: "Decisions",
    attendees: "Organisations present",
    attendee: "Organisation",
    contact_person: "Person who came",
    contact_person_help: "Personal data: seen by coordinators only.",
    action_items: "Action items",
    action: "Action",
    owner: "Owner",
    due_on: "Due",
    delete_meeting: "Delete the meeting",
    actions_title: "Action items to follow up",
    actions_intro: "Open action items of every meeting, overdue first, by owner and by body.",
    overdue: "Overdue",
    due: "To do",
    by_owner: "By owner",
    by_body: "By body",
    ad_hoc: "Meetings outside any body",
    no_open_actions: "No open action item.",
    mark_done: "Mark as done",
    reopen: "Reopen",
    from_meeting: "Meeting",
    open_count: "open",
    open_items: "Open",
    overdue_count: "overdue",
    body_meetings: "Meetings of the body",
    body_archived: "Archived body",
    nav_suggestions: "Suggestions",
    suggestions_title: "Suggestions for the mechanism",
    reach_heading: "Whom to add to a body",
    reach_intro: "The actors who, added one after the other, bring the most actors of the observed network within one step of the body.",
    reach_line: "{name} would bring {n} more actor(s) within one step of the body, among them",
    how_many: "How many",
    gaps_heading: "Who could cover the communes without an actor on the ground",
    gaps_intro: "For each commune without an actor of the sector, the actors of that sector acting nearest: same arrondissement, then same province, then a neighbouring province; on a tie, the nearest in the network to the commune's actors.",
    near_arrondissement: "acts in the same arrondissement",
    near_province: "acts in the same province",
    near_neighbour: "acts in a neighbouring province",
    at_distance: "{n} link(s) from the commune's actors",
    no_path: "no path to the commune's actors",
    add_to_body: "Add to the body",
    dismiss: "Dismiss",
    choose_body: "Choose a body: its membership suggestions show here, and the actors proposed for the communes can be added to it.",
    no_candidate: "no actor of the sector nearby",
    all_covered: "Every commune is covered for this sector.",
    nav_coverage: "Coverage",
    coverage_title: "Coverage of the communes",
    coverage_intro: "For the chosen sector, how many actors on the ground (acting on the commune, its arrondissement or its province) cover each commune. Hatched communes have none; click a commune to see its actors.",
    legend_none: "no actor",
    legend_one: "1 actor",
    legend_few: "2 to 3",
    legend_some: "4 to 6",
    legend_many: "7 or more",
    commune_tooltip: "{name}: {n} actor(s)",
    no_geojson: "The map needs the communes' boundaries: start Maillage with --communes-geojson FILE (or the MAILLAGE_COMMUNES_GEOJSON variable), a GeoJSON of the Walloon communes whose features carry their INS code. Meanwhile, here are the communes without coverage.",
    geojson_error: "The communes' boundaries could not be read: {error}",
    uncovered_communes: "Communes without an actor on the ground for this sector: {n}",
    show: "Show",
    nav_steering: "Steering",
    steering_title: "Steering dashboard",
    report_title: "Report to the steering committee",
    as_of: "As of {date}",
    print_report: "Printable report",
    indicators: "Key indicators",
    by_level: "Stakeholders by level",
    by_kind: "Stakeholders by kind",
    links_by_type: "Links by type",
    density_label: "Density",
    density_help: "share of the possible links that exist",
    cross_level_label: "Links across levels",
    cross_level_help: "share of links joining two different institutional levels",
    reciprocity_label: "Reciprocity",
    reciprocity_help: "share of directed links returned the other way",
    response_rate_label: "Response rate",
    no_campaign: "No survey.",
    coverage_label: "Communes without an actor on the ground, by sector",
    coverage_help: "out of {n} Walloon communes",
    mechanism_line: "{bodies} bodies, {meetings} meetings held",
    actions_line: "{open} open, {overdue} of them overdue",
    changes_since: "Changes since “{name}” ({date})",
    no_snapshot: "No snapshot: take one at each meeting to follow what changes from one meeting to the next.",
    network_map: "Network map",
    timeline: "Project phases",
    stakeholders_total: "stakeholders",
    links_total: "links",
    details: "Details",
    nav_snapshots: "Snapshots",
    snapshots_title: "Network snapshots",
    snapshots_intro: "A snapshot freezes the network (stakeholders, links, bodies and measures, no personal data) under a name and a date, to compare two moments of the project.",
    no_snapshots: "No snapshot has been taken yet.",
    take_snapshot: "Take a snapshot",
    snapshot_name_help: "For example “After the inventory”.",
    taken_on: "Date",
    compare: "Compare",
    compare_title: "What changed",
    from: "From",
    to: "To",
    now: "Now",
    delete_snapshot: "Delete",
    summary_line: "{stakeholders} stakeholders ({added_s} new, {removed_s} gone), {links} links ({added_l} new, {removed_l} gone), density {density}.",
    new_stakeholders: "New stakeholders",
    gone_stakeholders: "Stakeholders gone",
    new_links: "New links",
    gone_links: "Links gone",
    moved_most: "Positions that changed most",
    degree: "Links",
    betweenness: "Betweenness",
    more_rows: "… and {n} more",
    map_before: "Before (in red: what went)",
    map_after: "After (in green: what is new)",
    none_changed: "No change.",
    nav_review: "Designed / observed",
    body_on_map: "See the body on the map: its members and their links",
    without_meetings: "Without shared meetings",
    review_title: "Designed mechanism and observed network",
    review_intro: "What the mapped network (recorded links, survey answers and shared meetings) says about the designed mechanism.",
    review_isolated: "Members with no observed link to the other members",
    review_isolated_line: "{body}: {n} member(s) with no observed link to any other member:",
    review_central: "Central actors in no body",
    review_central_line: "Of the {n} most central actors (the top {pct} % by betweenness), {count} sit in no body:",
    review_gaps: "Levels, provinces and sectors with no body",
    review_levels_line: "No body at the level:",
    review_provinces_line: "No body has its territory in the province:",
    review_sectors_line: "No body covers the sector:",
    review_under: "Bodies that met less often than planned",
    review_under_line: "{body} met {held} times out of {expected} planned ({frequency} since {since}).",
    review_fragile: "Bodies whose cohesion rests on one member",
    review_fragile_line: "{body}: the ties between members go through",
    review_fragile_end: "; without it the other members are cut apart.",
    review_fragile_end_many: "; without any one of them the other members are cut apart.",
    review_nothing: "Nothing to report.",
};

/// The label of a code of the mechanism (kind of body, role, frequency, action status); an
/// unknown code comes back as it is.
pub fn code_label(code: &str, lang: Lang) -> String {
    let (fr, en) = match code {
        "steering_committee" => ("Comité de pilotage", "Steering committee"),
        "working_group" => ("Groupe de travail thématique", "Thematic working group"),
        "platform" => ("Plateforme provinciale ou locale", "Provincial or local platform"),
        "liaison" => ("Liaison fédéral–régional", "Federal–regional liaison"),
        "referents" => ("Réseau de référents locaux", "Network of local référents"),
        "other" => ("Autre", "Other"),
        "chair" => ("Présidence", "Chair"),
        "secretariat" => ("Secrétariat", "Secretariat"),
        "member" => ("Membre", "Member"),
        "observer" => ("Observateur", "Observer"),
        "referent" => ("Référent", "Référent"),
        "participant" => ("Participant", "Participant"),
        "weekly" => ("Chaque semaine", "Weekly"),
        "fortnightly" => ("Toutes les deux semaines", "Every two weeks"),
        "monthly" => ("Chaque mois", "Monthly"),
        "quarterly" => ("Chaque trimestre", "Quarterly"),
        "half_yearly" => ("Chaque semestre", "Every six months"),
        "yearly" => ("Chaque année", "Yearly"),
        "as_needed" => ("Au besoin", "As needed"),
        "open" => ("Ouverte", "Open"),
        "done" => ("Faite", "Done"),
        "dropped" => ("Abandonnée", "Dropped"),
        other => (other, other),
    };
    lang.pick(fr, en).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_first_supported_language() {
        let cases = [
            ("en-GB,en;q=0.9", Some(Lang::En)),
            ("nl-BE, fr-BE;q=0.8, en;q=0.5", Some(Lang::Fr)),
            ("de-DE", None),
            ("", None),
        ];
        for (header, expected) in cases {
            assert_eq!(Lang::from_accept_language(header), expected, "{header:?}");
        }
    }
}

#[cfg(test)]
mod catalogue_tests {
    use super::*;

    #[test]
    fn every_catalogue_parses_and_has_every_message_and_no_other() {
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(catalogue_errors(lang), Vec::<String>::new(), "{lang:?}");
            assert_eq!(missing(lang), Vec::<&str>::new(), "{lang:?} lacks messages");
            for line in catalogue_source(lang).lines() {
                if let Some((id, _)) = line.split_once(" = ") {
                    assert!(INTERFACE_IDS.contains(&id), "{lang:?}: message {id} is read by nothing");
                }
            }
        }
        assert_ne!(Lang::Fr.tr().nav_stakeholders, Lang::En.tr().nav_stakeholders);
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
        let english = catalogue_source(Lang::En);
        let without: String =
            english.lines().filter(|l| !l.starts_with("nav_stakeholders = ")).collect::<Vec<_>>().join("\n");
        let tr = interface(Lang::En, &without);
        assert_eq!(tr.nav_stakeholders, Lang::Fr.tr().nav_stakeholders);
        assert_eq!(tr.app_tagline, Lang::En.tr().app_tagline, "the others stay English");
        let broken = english.replacen("app_tagline = ", "app_tagline = {", 1);
        assert_eq!(interface(Lang::En, &broken).app_tagline, Lang::Fr.tr().app_tagline, "unparsable: French");
    }
}
