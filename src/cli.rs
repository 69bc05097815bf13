//! The command line: one clap struct, every setting also readable from the environment.

use crate::app::{Actor, AppError, AppState, Role};
use crate::csvio::Dialect;
use crate::db::{self, DEFAULT_URL};
use crate::i18n::Lang;
use anyhow::{Context, bail};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "maillage", version, about = "Stakeholder coordination mapping (IOM / SPW IAS)")]
pub struct Cli {
    /// Database: sqlite://FILE (created if missing) or postgres://USER@HOST/DB.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_URL, global = true, hide_env_values = true)]
    pub database_url: String,

    /// Language of messages: fr, en, nl, de or uk, any language of locales/ (default: from
    /// LANG, else English).
    #[arg(long, env = "MAILLAGE_LANG", global = true)]
    pub lang: Option<String>,

    /// Where the survey-link secret is kept (created, mode 0600, when missing); the
    /// MAILLAGE_SECRET variable, when set, is used instead.
    #[arg(long, env = "MAILLAGE_SECRET_FILE", default_value = "maillage.secret", global = true)]
    pub secret_file: PathBuf,

    /// Meetings two organisations must attend together to be linked as `meets` on the map and
    /// in the analysis.
    #[arg(long, env = "MAILLAGE_MEETS_THRESHOLD", default_value_t = 2, global = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub meets_threshold: u16,

    /// Share of actors, in percent, that the mechanism review counts as central (by betweenness).
    #[arg(long, env = "MAILLAGE_CENTRAL_PERCENT", default_value_t = 10, global = true, value_parser = clap::value_parser!(u8).range(1..=100))]
    pub central_percent: u8,

    /// GeoJSON of the Walloon communes' boundaries (features keyed by INS code) for the
    /// coverage map; without it the coverage is shown as a table.
    #[arg(long, env = "MAILLAGE_COMMUNES_GEOJSON", global = true)]
    pub communes_geojson: Option<PathBuf>,

    /// Months contact persons' data is kept without being confirmed before it is listed for
    /// review (`privacy due`, the /privacy page).
    #[arg(long, env = "MAILLAGE_RETENTION_MONTHS", default_value_t = 24, global = true, value_parser = clap::value_parser!(u32).range(1..=600))]
    pub retention_months: u32,

    /// A text file with the deployment's privacy notice for respondents (GDPR art. 13: who
    /// holds the data, why, on what basis, for how long, their rights, whom to contact),
    /// shown on every survey page and in every invitation; the project's standard notice
    /// otherwise.
    #[arg(long, env = "MAILLAGE_PRIVACY_NOTICE", global = true)]
    pub privacy_notice: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start the web application (pages and JSON API).
    Serve {
        /// Address and port to listen on.
        #[arg(long, env = "MAILLAGE_BIND", default_value = "127.0.0.1:8080")]
        bind: String,
        /// The address users reach the tool at (https://maillage.example.org): the only Host
        /// accepted, the origin of links. Required to listen on a non-loopback address.
        #[arg(long, env = "MAILLAGE_PUBLIC_URL")]
        public_url: Option<String>,
        /// A reverse proxy whose X-Forwarded-For header names the client.
        #[arg(long, env = "MAILLAGE_TRUSTED_PROXY")]
        trusted_proxy: Option<std::net::IpAddr>,
        /// Administrators and editors must use a second factor (TOTP) to sign in.
        #[arg(long, env = "MAILLAGE_REQUIRE_2FA")]
        require_2fa: bool,
        /// An SMTP relay, smtp://HOST[:PORT]: "forgot my password" then e-mails a link.
        #[arg(long, env = "MAILLAGE_SMTP_URL")]
        smtp: Option<String>,
        /// The sender of those e-mails.
        #[arg(long, env = "MAILLAGE_MAIL_FROM", requires = "smtp")]
        from: Option<String>,
    },
    /// Coordinator accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens for scripts (sent as `Authorization: Bearer …`).
    #[command(subcommand)]
    Token(TokenCommand),
    /// The reference data: levels, kinds, sectors, link types and territories with their
    /// labels in each language, and commune mergers (admin work, recorded in the change log).
    #[command(subcommand)]
    Reference(ReferenceCommand),
    /// Import a CSV file of stakeholders or links (all or nothing).
    Import {
        #[arg(value_enum)]
        what: Table,
        file: PathBuf,
    },
    /// Export stakeholders or links as CSV (to stdout unless -o is given), or the network
    /// graph (`export graph --format …`, into exports/ unless -o is given).
    Export {
        #[arg(value_enum)]
        what: Exported,
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// CSV for Excel in a French locale: semicolons, BOM, CRLF.
        #[arg(long)]
        excel: bool,
        /// Without any personal data (e-mails, phones, contact persons, notes): the export a
        /// viewer gets.
        #[arg(long)]
        pseudonymise: bool,
        #[command(flatten)]
        graph: GraphArgs,
    },
    /// Analyse the network: centrality, brokerage, communities, gaps (the map's filters apply).
    Analyse {
        /// Print the whole analysis as JSON instead of a summary.
        #[arg(long)]
        json: bool,
        /// How many stakeholders to list in the summary.
        #[arg(long, default_value_t = 15)]
        top: usize,
        /// Compute betweenness and closeness exactly whatever the size (by default they are
        /// estimated from a sample above 10,000 stakeholders).
        #[arg(long, conflicts_with = "sample")]
        exact: bool,
        /// Estimate betweenness and closeness from this many sources (faster on large
        /// networks; the margin of error is printed).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        sample: Option<u32>,
        #[command(flatten)]
        graph: GraphArgs,
    },
    /// Write the report to the steering committee (phases, key indicators, changes since the
    /// last snapshot, the network map): HTML, Markdown or PDF by the file's extension (.html,
    /// .md, .pdf; PDF through headless Chromium), in the --lang language.
    Report {
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Load the demo network of the Walloon reception ecosystem (idempotent).
    Demo,
    /// The change log, newest first: who changed what, when, with the fields changed.
    Changes {
        /// Only this kind of record (stakeholder, link, body, meeting, user, …).
        #[arg(long)]
        kind: Option<String>,
        /// Only this record (with --kind).
        #[arg(long)]
        record: Option<i64>,
        /// Only changes by this party: user:3, token:2, cli, invitation.
        #[arg(long)]
        who: Option<String>,
        /// Only the changes of this operation (an import, a survey response).
        #[arg(long)]
        operation: Option<i64>,
        #[arg(long, default_value_t = 50)]
        limit: i64,
        /// Print the changes as JSON, with the values before and after.
        #[arg(long)]
        json: bool,
    },
    /// A consistent copy of the database while the server runs: SQLite's online copy, or on
    /// PostgreSQL pg_dump's custom format when pg_dump is installed (the JSON dump otherwise).
    Backup {
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Restore a backup (SQLite file, pg_dump archive or JSON dump: recognised by its
    /// content) into this database, which must be empty.
    Restore { file: PathBuf },
    /// The whole deployment as one JSON document (every table, users with their password
    /// hashes, API tokens as hashes, the audit trail): moves a deployment between SQLite and
    /// PostgreSQL with nothing lost. The README's "Data protection" section documents it.
    Dump {
        #[arg(short, long)]
        output: PathBuf,
        /// Leave out every personal value (see the README's "Data protection").
        #[arg(long)]
        pseudonymise: bool,
    },
    /// Data-protection requests about one person (by e-mail, or contact:ID).
    #[command(subcommand)]
    Privacy(PrivacyCommand),
    /// Fill this empty database with a dump (all or nothing; no audit row of its own).
    Load { file: PathBuf },
    /// Revert a change (its record takes back the values it had before), or with
    /// --operation every change of an operation (an import, a survey response).
    Revert {
        /// The change's number (`maillage changes` lists them).
        #[arg(required_unless_present = "operation")]
        change: Option<i64>,
        #[arg(long, conflicts_with = "change")]
        operation: Option<i64>,
    },
    /// Questionnaire definitions (surveys/*.toml).
    #[command(subcommand)]
    Survey(SurveyCommand),
    /// The interface's message catalogues (locales/<lang>/*.ftl).
    #[command(subcommand)]
    I18n(I18nCommand),
}

#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// Check that every language's catalogues parse, have every message of the French ones
    /// with the same placeholders, and that every questionnaire of surveys/ is complete in the
    /// languages it declares; fails on any problem.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add an account; the password is read from stdin, or `--link` prints a one-time link
    /// for the person to choose it.
    Add {
        email: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[arg(long)]
        link: bool,
        /// The address users reach the tool at, for the link.
        #[arg(long, env = "MAILLAGE_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
        public_url: String,
    },
    /// List the accounts.
    List,
    /// Disable an account (its sessions end at once).
    Disable {
        user: String,
    },
    Enable {
        user: String,
    },
    SetRole {
        user: String,
        #[arg(value_parser = parse_role)]
        role: Role,
    },
    /// Remove a person's second factor (a lost phone): they set one up again at next sign-in.
    #[command(name = "reset-2fa")]
    ResetSecondFactor {
        user: String,
    },
    /// Print a one-time link to set a new password.
    Reset {
        user: String,
        #[arg(long, env = "MAILLAGE_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
        public_url: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token; it is printed once and only its hash is kept.
    Create {
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[arg(long)]
        name: String,
        /// Days until it stops working (default: never).
        #[arg(long)]
        expires: Option<i64>,
    },
    List,
    Revoke {
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum ReferenceCommand {
    /// Print a table, one entry per line: its code (INS code for territories), then its label
    /// in each language of the tool, tab-separated.
    List {
        #[arg(value_enum)]
        table: RefList,
    },
    /// Add a level, kind, sector or link type, or change its labels; languages not given keep
    /// theirs (`--label de=` removes the German one).
    Set {
        #[arg(value_enum)]
        table: RefItems,
        code: String,
        /// A label, as LANG=TEXT (`--label fr=Enseignement --label nl=Onderwijs`).
        #[arg(long = "label", value_name = "LANG=TEXT")]
        labels: Vec<String>,
        /// Link types: whether a link of this type has a direction by default.
        #[arg(long)]
        directed: Option<bool>,
    },
    /// Change a territory's names (languages not given keep theirs) or working language.
    Territory {
        /// Its INS code.
        ins: String,
        /// A name, as LANG=TEXT.
        #[arg(long = "name", value_name = "LANG=TEXT")]
        names: Vec<String>,
        /// The commune's working language (`de`), or `fr` for French.
        #[arg(long)]
        lang: Option<String>,
    },
    /// Merge communes into a new one (or into one of them): their stakeholders, coordination
    /// bodies and dismissed suggestions move to it, all or nothing.
    Merge {
        /// The communes that merge, by name or INS code (at least two).
        #[arg(required = true, num_args = 2..)]
        communes: Vec<String>,
        /// The INS code of the new commune, or of the commune that absorbs the others.
        #[arg(long)]
        into: String,
        /// The new commune's name, as LANG=TEXT (French required for a new code).
        #[arg(long = "name", value_name = "LANG=TEXT")]
        names: Vec<String>,
        /// The day the merger takes effect (YYYY-MM-DD).
        #[arg(long)]
        on: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RefItems {
    Level,
    Kind,
    Sector,
    LinkType,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum RefList {
    Level,
    Kind,
    Sector,
    LinkType,
    Territory,
    Former,
}

fn ref_table(t: RefItems) -> crate::domain::problem::RefTable {
    use crate::domain::problem::RefTable;
    match t {
        RefItems::Level => RefTable::Level,
        RefItems::Kind => RefTable::Kind,
        RefItems::Sector => RefTable::Sector,
        RefItems::LinkType => RefTable::LinkType,
    }
}

/// LANG=TEXT pairs over `current`: a pair replaces its language's text (an empty text
/// removes it).
fn with_pairs(
    mut current: std::collections::BTreeMap<String, String>,
    pairs: &[String],
) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
    for p in pairs {
        let Some((lang, text)) = p.split_once('=') else { bail!("{p:?}: expected LANG=TEXT (fr=Enseignement)") };
        if text.trim().is_empty() {
            current.remove(lang.trim());
        } else {
            current.insert(lang.trim().to_owned(), text.to_owned());
        }
    }
    Ok(current)
}

async fn reference_command(state: &AppState, command: ReferenceCommand, lang: Lang) -> anyhow::Result<()> {
    use crate::app::reference;
    use crate::domain::reference_edit::{ItemDraft, MergerDraft, TerritoryDraft};
    let fail = |e: AppError| anyhow::anyhow!(describe(&e, lang));
    let actor = Actor::Cli;
    let r = reference::catalogue(state, &actor).await.map_err(fail)?;
    let line = |code: &str, labels: &std::collections::BTreeMap<String, String>, more: &[String]| {
        let mut cells = vec![code.to_owned()];
        cells.extend(Lang::all().map(|l| labels.get(l.code()).cloned().unwrap_or_default()));
        cells.extend(more.iter().cloned());
        println!("{}", cells.join("\t"));
    };
    match command {
        ReferenceCommand::List { table } => {
            println!("code\t{}", Lang::all().map(Lang::code).collect::<Vec<_>>().join("\t"));
            match table {
                RefList::Territory => {
                    for t in &r.territories {
                        line(&t.ins_code, &t.names, &[t.lang.clone().unwrap_or_default()]);
                    }
                }
                RefList::Former => {
                    for t in &r.former {
                        let into = t.merged_into.clone().unwrap_or_default();
                        line(&t.ins_code, &t.names, &[into, t.merged_on.clone().unwrap_or_default()]);
                    }
                }
                items => {
                    let table = match items {
                        RefList::Level => RefItems::Level,
                        RefList::Kind => RefItems::Kind,
                        RefList::Sector => RefItems::Sector,
                        _ => RefItems::LinkType,
                    };
                    for i in r.items(ref_table(table)) {
                        line(&i.code, &i.labels, &i.directed.map(|d| d.to_string()).into_iter().collect::<Vec<_>>());
                    }
                }
            }
        }
        ReferenceCommand::Set { table, code, labels, directed } => {
            let table = ref_table(table);
            let current = r.items(table).iter().find(|i| i.code == code.trim());
            let draft = ItemDraft {
                labels: with_pairs(current.map(|i| i.labels.clone()).unwrap_or_default(), &labels)?,
                directed: directed.or_else(|| current.and_then(|i| i.directed)).unwrap_or(false),
                code,
            };
            let created = reference::save_item(state, &actor, table, &draft).await.map_err(fail)?;
            eprintln!("{} {}: {}", table.code(), draft.code.trim(), if created { "created" } else { "updated" });
        }
        ReferenceCommand::Territory { ins, names, lang: working } => {
            let unit =
                r.territory_by_ins(ins.trim()).ok_or_else(|| anyhow::anyhow!("no territory has INS code {ins:?}"))?;
            let draft = TerritoryDraft {
                names: with_pairs(unit.names.clone(), &names)?,
                lang: working.or_else(|| unit.lang.clone()),
            };
            reference::save_territory(state, &actor, ins.trim(), &draft).await.map_err(fail)?;
            eprintln!("territory {}: updated", ins.trim());
        }
        ReferenceCommand::Merge { communes, into, names, on } => {
            let draft = MergerDraft { communes, into, names: with_pairs(Default::default(), &names)?, on };
            let merged = reference::merge(state, &actor, &draft).await.map_err(fail)?;
            eprintln!("{}", crate::i18n::say(lang, &merged.to_message(lang)));
        }
    }
    Ok(())
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| format!("unknown role {s:?}: expected admin, editor or viewer"))
}

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Everything held about the person, as JSON (GDPR art. 15).
    Export {
        /// An e-mail address, or a contact person's number as contact:ID.
        who: String,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Erase the person from every table (GDPR art. 17); organisations and links stay.
    Erase { who: String },
    /// Contact persons not confirmed for longer than --retention-months.
    Due,
}

#[derive(Debug, Subcommand)]
pub enum SurveyCommand {
    /// Check a questionnaire definition and report every problem with its line.
    Check { file: PathBuf },
    /// Open a campaign from a definition and invite the stakeholders (all active ones, or
    /// those matching the filters).
    Open {
        file: PathBuf,
        #[arg(long)]
        title: String,
        /// First day answers are accepted (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long)]
        opens: String,
        /// Last day answers are accepted.
        #[arg(long)]
        closes: String,
        #[arg(long)]
        level: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        sector: Option<String>,
        #[arg(long)]
        province: Option<String>,
        /// Key stakeholders only.
        #[arg(long)]
        key: bool,
    },
    /// The personal links of a campaign as CSV (name, email, language, link) for a mail merge.
    Links {
        campaign: i64,
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// The address respondents reach the tool at (`--base-url` still works).
        #[arg(
            long = "public-url",
            alias = "base-url",
            env = "MAILLAGE_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        base_url: String,
    },
    /// E-mails each invitee its personal link through an SMTP relay (optional: the links CSV
    /// serves a mail merge without it).
    Send {
        campaign: i64,
        /// The relay, smtp://HOST[:PORT].
        #[arg(long, env = "MAILLAGE_SMTP_URL")]
        smtp: String,
        /// The sender, e.g. "Coordination Ukraine <coordination@example.be>".
        #[arg(long, env = "MAILLAGE_MAIL_FROM")]
        from: String,
        /// The address respondents reach the tool at (`--base-url` still works).
        #[arg(
            long = "public-url",
            alias = "base-url",
            env = "MAILLAGE_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        base_url: String,
        /// Only to those who have not submitted, worded as a reminder.
        #[arg(long)]
        reminder: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Table {
    Stakeholders,
    Links,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Exported {
    Stakeholders,
    Links,
    Graph,
}

/// The graph export's format and the map's filters (same names as the web's).
#[derive(Debug, Clone, clap::Args)]
pub struct GraphArgs {
    /// dot, svg, png, graphml, gexf, json, kumu-elements or kumu-connections.
    #[arg(long, default_value = "svg")]
    pub format: String,
    /// SVG renderer: auto, builtin or graphviz.
    #[arg(long)]
    pub renderer: Option<String>,
    #[arg(long)]
    pub level: Option<String>,
    #[arg(long)]
    pub kind: Option<String>,
    #[arg(long)]
    pub sector: Option<String>,
    #[arg(long)]
    pub province: Option<String>,
    #[arg(long)]
    pub commune: Option<String>,
    /// Link type.
    #[arg(long = "type")]
    pub link_type: Option<String>,
    /// yes (formal links only) or no (informal only).
    #[arg(long)]
    pub formal: Option<String>,
    /// Confirmed links only.
    #[arg(long)]
    pub confirmed: bool,
    /// Key stakeholders only.
    #[arg(long)]
    pub key: bool,
    /// Ego network around this stakeholder (name, acronym or id).
    #[arg(long)]
    pub ego: Option<String>,
    #[arg(long)]
    pub depth: Option<String>,
    /// Links valid on this date.
    #[arg(long)]
    pub date: Option<String>,
    /// Only the ties declared in this survey campaign; invitees who did not answer are marked.
    #[arg(long)]
    pub campaign: Option<String>,
    /// Leave out the `meets` links derived from shared meetings.
    #[arg(long)]
    pub without_meetings: bool,
    /// Only the members of this coordination body (its id) and the links between them.
    #[arg(long)]
    pub body: Option<String>,
}

impl GraphArgs {
    fn query(&self) -> crate::app::network::GraphQuery {
        crate::app::network::GraphQuery {
            format: Some(self.format.clone()),
            renderer: self.renderer.clone(),
            filters: crate::graph::model::FilterQuery {
                level: self.level.clone(),
                kind: self.kind.clone(),
                sector: self.sector.clone(),
                province: self.province.clone(),
                commune: self.commune.clone(),
                link_type: self.link_type.clone(),
                formal: self.formal.clone(),
                confirmed: self.confirmed.then(|| "yes".to_owned()),
                key: self.key.then(|| "yes".to_owned()),
                ego: self.ego.clone(),
                depth: self.depth.clone(),
                date: self.date.clone(),
                campaign: self.campaign.clone(),
                meetings: self.without_meetings.then(|| "no".to_owned()),
                body: self.body.clone(),
            },
        }
    }
}

/// Writes the steering report to `output`, in the format its extension names.
async fn report(state: &AppState, output: &std::path::Path, lang: Lang) -> anyhow::Result<()> {
    let extension = output.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    if !["html", "htm", "md", "pdf"].contains(&extension.as_str()) {
        bail!("{}: the report is written as .html, .md or .pdf (by the file's extension)", output.display());
    }
    let cli = Actor::Cli;
    let d =
        crate::app::steering::dashboard(state, &cli, lang).await.map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
    let v = crate::report::view(&d, lang);
    if extension == "md" {
        return std::fs::write(output, crate::report::markdown(&v, lang))
            .with_context(|| format!("cannot write {}", output.display()));
    }
    let query = crate::graph::model::FilterQuery::default();
    let map = crate::app::network::svg(state, &cli, &query, lang, crate::graph::render::Preference::Auto)
        .await
        .map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
    let css = include_str!("../static/maillage.css");
    // The style sheet goes beside the page (the report's name, .css), linked, not inline.
    let stylesheet = if extension == "pdf" {
        "maillage.css".to_owned()
    } else {
        format!("{}.css", output.file_stem().and_then(|s| s.to_str()).unwrap_or("report"))
    };
    let coverage = crate::report::dashboard_coverage(state, &cli, &d, lang)
        .await
        .map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
    let html =
        crate::report::html(&v, lang, &map.svg, coverage.as_ref(), &stylesheet).context("cannot render the report")?;
    if extension != "pdf" {
        let beside = output.with_file_name(&stylesheet);
        std::fs::write(&beside, css).with_context(|| format!("cannot write {}", beside.display()))?;
        return std::fs::write(output, html).with_context(|| format!("cannot write {}", output.display()));
    }
    let chromium = chromium().ok_or_else(|| {
        anyhow::anyhow!(
            "a PDF report needs Chromium (Debian: apt install chromium; or set CHROMIUM to its path); \
             write .html or .md instead"
        )
    })?;
    let dir = std::env::temp_dir().join(format!(
        "maillage-report-{}-{}",
        std::process::id(),
        time::OffsetDateTime::now_utc().unix_timestamp_nanos()
    ));
    std::fs::create_dir_all(&dir)?;
    let page = dir.join("report.html");
    std::fs::write(&page, html)?;
    std::fs::write(dir.join(&stylesheet), css)?;
    let target = std::path::absolute(output)?;
    let status = std::process::Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", target.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("cannot run {}", chromium.display()));
    let _ = std::fs::remove_dir_all(&dir);
    let status = status?;
    if !status.success() || !target.exists() {
        bail!("{} could not print the report to PDF ({status})", chromium.display());
    }
    Ok(())
}

/// Chromium: $CHROMIUM, else the first of its usual names on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").map(PathBuf::from).filter(|p| p.exists()) {
        return Some(p);
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

fn message_lang(cli: &Cli) -> Lang {
    cli.lang
        .as_deref()
        .and_then(Lang::parse)
        .or_else(|| std::env::var("LANG").ok().as_deref().and_then(Lang::parse))
        .unwrap_or(Lang::EN)
}

/// What `serve` runs: the web server, handed over by `main` (the command line does not
/// depend on the web layer).
pub type Server = Box<
    dyn FnOnce(
            tokio::net::TcpListener,
            AppState,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = std::io::Result<()>> + Send>>
        + Send,
>;

/// Connections the kernel holds until the server accepts them. The usual 128 overflows when
/// a survey mailing brings a few hundred respondents at once: their connection attempts are
/// dropped and retried a second later (measured: the slowest 1 % of page views took 1 s).
const BACKLOG: u32 = 1024;

/// A listening socket on `bind` (an address or host name and a port).
async fn listen(bind: &str) -> std::io::Result<tokio::net::TcpListener> {
    let mut last = None;
    for addr in tokio::net::lookup_host(bind).await? {
        let socket = if addr.is_ipv4() { tokio::net::TcpSocket::new_v4()? } else { tokio::net::TcpSocket::new_v6()? };
        // As the standard library does: a restarted server can take its port back at once.
        socket.set_reuseaddr(true)?;
        match socket.bind(addr).and_then(|()| socket.listen(BACKLOG)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::new(std::io::ErrorKind::AddrNotAvailable, "no address to listen on")))
}

pub async fn run(cli: Cli, server: Server) -> anyhow::Result<()> {
    let lang = message_lang(&cli);
    if let Command::Survey(SurveyCommand::Check { file }) = &cli.command {
        return check_survey(file);
    }
    if let Command::I18n(I18nCommand::Check) = &cli.command {
        return check_catalogues();
    }
    let db = db::connect(&cli.database_url).await?;
    let duplicates = crate::app::inventory::refresh_keys(&AppState::new(db.clone()))
        .await
        .map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
    for (a, b) in duplicates {
        eprintln!("possible duplicates (names differing only by invisible characters): stakeholders {a} and {b}");
    }
    let base = crate::app::Settings {
        meets_threshold: Some(usize::from(cli.meets_threshold)),
        central_percent: Some(f64::from(cli.central_percent)),
        communes_geojson: cli.communes_geojson.clone(),
        retention_months: Some(cli.retention_months),
        privacy_notice: match &cli.privacy_notice {
            Some(path) => {
                Some(std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?)
            }
            None => None,
        },
        ..Default::default()
    };
    let new_state = |db: db::Db| AppState::new(db).with_settings(base.clone());
    match cli.command {
        Command::Serve { bind, public_url, trusted_proxy, require_2fa, smtp, from } => {
            let public_url = public_url.map(|u| u.trim_end_matches('/').to_owned()).filter(|u| !u.is_empty());
            let listener = listen(&bind).await.with_context(|| format!("cannot listen on {bind}"))?;
            let address = listener.local_addr()?;
            if !address.ip().is_loopback() && public_url.is_none() {
                bail!(
                    "refusing to listen on {address} without --public-url: on a non-loopback address the server \
                     must know the one host name it answers to (see README, Deploying)"
                );
            }
            if let Some(url) = &public_url {
                crate::app::Settings::check_public_url(url).map_err(|e| anyhow::anyhow!("--public-url: {e}"))?;
            }
            tracing::info!(address = %address, database = %db::redact(&cli.database_url), "Maillage is serving");
            let secret = crate::survey::token::Secret::load(std::env::var("MAILLAGE_SECRET").ok(), &cli.secret_file)?;
            let settings =
                crate::app::Settings { public_url: public_url.clone(), trusted_proxy, require_2fa, ..base.clone() };
            let mut state = new_state(db).with_secret(secret).with_settings(settings);
            if let Some(smtp) = smtp {
                let from = from.ok_or_else(|| anyhow::anyhow!("--smtp needs --from (MAILLAGE_MAIL_FROM)"))?;
                state = state.with_mailer(crate::survey::mail::Mailer::new(&smtp, &from)?);
            }
            let base = public_url.unwrap_or_else(|| format!("http://{address}"));
            eprintln!("Maillage: {base}/");
            if let Some(token) = crate::app::accounts::first_admin_link(&state).await? {
                eprintln!("No administrator yet. Create the first one (link valid once, for 2 days):");
                eprintln!("  {base}/welcome/{token}");
            }
            server(listener, state).await.context("server failed")?;
        }
        Command::User(command) => user_command(&new_state(db), command, lang).await?,
        Command::Token(command) => token_command(&new_state(db), command, lang).await?,
        Command::Reference(command) => reference_command(&new_state(db), command, lang).await?,
        Command::Import { what, file } => {
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let name =
                file.file_name().map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned());
            let state = new_state(db);
            let started = std::time::Instant::now();
            let mut progress = progress_bar(&name);
            let table = match what {
                Table::Stakeholders => crate::app::transfer::Table::Stakeholders,
                Table::Links => crate::app::transfer::Table::Links,
            };
            match crate::app::transfer::import(&state, &Actor::Cli, table, &bytes, &name, &mut progress).await {
                Ok(report) => {
                    eprintln!(
                        "{name}: {} rows — {} created, {} updated, {} unchanged ({:.2} s)",
                        report.rows,
                        report.created,
                        report.updated,
                        report.unchanged,
                        started.elapsed().as_secs_f64()
                    );
                    for w in &report.warnings {
                        eprintln!("{name}: {}", w.message(lang));
                    }
                }
                Err(AppError::Import(errors)) => {
                    for e in &errors {
                        eprintln!("{name}: {}", e.message(lang));
                    }
                    let more = errors
                        .iter()
                        .find_map(|e| match e.problem {
                            crate::domain::problem::Problem::MoreErrors { count } => Some(count - 1),
                            _ => None,
                        })
                        .unwrap_or(0);
                    bail!("{name}: {} error(s); nothing was written", errors.len() + more);
                }
                Err(e) => bail!("import failed; nothing was written: {}", describe(&e, lang)),
            }
        }
        Command::Export { what: Exported::Graph, output, graph, pseudonymise, .. } => {
            let state = new_state(db);
            let spinner = Spinner::new(format!("export {}", graph.format));
            let bytes =
                crate::app::network::produce(&state, &exporter(pseudonymise), &graph.format, &graph.query(), lang)
                    .await
                    .map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            let path = output.unwrap_or_else(|| {
                let (_, ext) = crate::app::network::media(&graph.format);
                let stem = match graph.format.as_str() {
                    "kumu-elements" => "maillage-kumu-elements",
                    "kumu-connections" => "maillage-kumu-connections",
                    _ => "maillage-network",
                };
                PathBuf::from("exports").join(format!("{stem}.{ext}"))
            });
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            }
            std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
            drop(spinner);
            eprintln!("{}", path.display());
        }
        Command::Export { what, output, excel, pseudonymise, .. } => {
            let dialect = if excel { Dialect::Excel } else { Dialect::Plain };
            let state = new_state(db);
            let spinner = Spinner::new("export");
            let bytes = match what {
                Exported::Graph => unreachable!("handled above"),
                Exported::Stakeholders => {
                    crate::app::transfer::export_stakeholders(
                        &state,
                        &exporter(pseudonymise),
                        &Default::default(),
                        dialect,
                    )
                    .await
                }
                Exported::Links => crate::app::transfer::export_links(&state, &exporter(pseudonymise), dialect).await,
            }
            .map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            drop(spinner);
            match output {
                Some(path) => {
                    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?
                }
                None => std::io::stdout().write_all(&bytes)?,
            }
        }
        Command::Analyse { json, top, exact, sample, graph } => {
            use crate::analysis::Mode;
            let state = new_state(db);
            let mode = match (exact, sample) {
                (true, _) => Some(Mode::Exact),
                (_, Some(k)) => Some(Mode::Sampled(k as usize)),
                _ => None,
            };
            let spinner = Spinner::new(crate::i18n::text(lang, "cli-analysing", &[]));
            let analysed = crate::app::network::analysis_with(&state, &Actor::Cli, &graph.query().filters, lang, mode)
                .await
                .map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            drop(spinner);
            let a = &analysed.analysis;
            if json {
                // Buffered: a locked stdout flushes at every line, a system call per line of JSON.
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                serde_json::to_writer_pretty(&mut out, a)?;
                writeln!(out)?;
                out.flush()?;
            } else {
                print_summary(a, top, lang);
            }
        }
        Command::Survey(SurveyCommand::Open { file, title, opens, closes, level, kind, sector, province, key }) => {
            let text = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let secret = crate::survey::token::Secret::load(std::env::var("MAILLAGE_SECRET").ok(), &cli.secret_file)?;
            let state = new_state(db).with_secret(secret);
            let request = crate::app::campaigns::OpenRequest {
                definition: &text,
                title: &title,
                opens: &opens,
                closes: &closes,
                invite: crate::app::inventory::ListQuery {
                    level,
                    kind,
                    sector,
                    province,
                    key: key.then(|| "yes".into()),
                    ..Default::default()
                },
            };
            let opened = crate::app::campaigns::open(&state, &Actor::Cli, &request).await.map_err(|e| {
                let lines = e.describe(lang, &file.display().to_string());
                let flagged: Vec<String> =
                    lines
                        .into_iter()
                        .map(|l| {
                            if matches!(e, crate::app::campaigns::OpenError::Fields(_)) { format!("--{l}") } else { l }
                        })
                        .collect();
                anyhow::anyhow!("{}", flagged.join("\n"))
            })?;
            let (id, invited, questionnaire) = (opened.id, opened.invited, opened.questionnaire);
            let (opens, closes) = (normalise(&opens), normalise(&closes));
            eprintln!("campaign {id} \"{title}\" ({questionnaire}): {invited} invitations, {opens} → {closes}");
            eprintln!("links: maillage survey links {id} -o links.csv");
        }
        Command::Survey(SurveyCommand::Links { campaign, output, base_url }) => {
            let secret = crate::survey::token::Secret::load(std::env::var("MAILLAGE_SECRET").ok(), &cli.secret_file)?;
            let state = new_state(db).with_secret(secret);
            let bytes = crate::app::campaigns::links_csv(&state, &Actor::Cli, campaign, &base_url)
                .await
                .map_err(|e| anyhow::anyhow!("campaign {campaign}: {}", describe(&e, lang)))?;
            match output {
                Some(path) => {
                    std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?
                }
                None => std::io::stdout().write_all(&bytes)?,
            }
        }
        Command::Survey(SurveyCommand::Send { campaign, smtp, from, base_url, reminder }) => {
            let secret = crate::survey::token::Secret::load(std::env::var("MAILLAGE_SECRET").ok(), &cli.secret_file)?;
            let mailer = crate::survey::mail::Mailer::new(&smtp, &from)?;
            let state = new_state(db);
            let (found, invitees) = crate::app::campaigns::mailing(&state, &Actor::Cli, campaign, reminder)
                .await
                .map_err(|e| anyhow::anyhow!("campaign {campaign}: {}", describe(&e, lang)))?;
            let to: Vec<_> = invitees.iter().collect();
            let notice = |l: Lang| state.settings.privacy_notice(l);
            let report = mailer.send(&found, &to, &secret, &base_url, reminder, &notice).await;
            eprintln!("{} e-mails sent; {} invitees without an address", report.sent, report.without_email.len());
            for name in &report.without_email {
                eprintln!("  no address: {name}");
            }
            for (name, error) in &report.failed {
                eprintln!("  failed: {name}: {error}");
            }
            anyhow::ensure!(report.failed.is_empty(), "{} e-mails could not be sent", report.failed.len());
        }
        Command::Survey(SurveyCommand::Check { .. }) | Command::I18n(_) => {
            unreachable!("handled before opening the database")
        }
        Command::Report { output } => {
            let state = new_state(db);
            report(&state, &output, lang).await?;
            eprintln!("{}", output.display());
        }
        Command::Changes { kind, record, who, operation, limit, json } => {
            let state = new_state(db);
            let filter = crate::app::audit::Filter {
                entity: kind,
                entity_id: record,
                actor: who,
                operation,
                limit: limit.max(1),
                ..Default::default()
            };
            let feed = crate::app::audit::feed(&state, &Actor::Cli, &filter)
                .await
                .map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&feed.changes)?);
            } else {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                for c in &feed.changes {
                    // A closed pipe (`| head`) ends the listing.
                    let Ok(()) = writeln!(
                        out,
                        "#{}\t{}\t{}\t{} {}{}\t{}\t{}",
                        c.id,
                        c.at,
                        c.actor.as_deref().unwrap_or("-"),
                        c.entity,
                        c.entity_id,
                        c.label().map(|l| format!(" ({l})")).unwrap_or_default(),
                        c.action,
                        c.fields().join(", ")
                    ) else {
                        break;
                    };
                }
                eprintln!("{} of {} changes", feed.changes.len(), feed.total);
            }
        }
        Command::Backup { output } => {
            let state = new_state(db);
            let started = std::time::Instant::now();
            let spinner = Spinner::new(format!("backup → {}", output.display()));
            let format = crate::app::backup::backup(&state, &Actor::Cli, &cli.database_url, &output)
                .await
                .map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            drop(spinner);
            let size = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
            eprintln!(
                "{}: {} ({} bytes, {:.2} s)",
                output.display(),
                format.describe(),
                size,
                started.elapsed().as_secs_f64()
            );
        }
        Command::Restore { file } => {
            let state = new_state(db);
            let spinner = Spinner::new(format!("restore ← {}", file.display()));
            let format = crate::app::backup::restore(&state, &Actor::Cli, &cli.database_url, &file)
                .await
                .map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            drop(spinner);
            eprintln!("{}: {} restored into {}", file.display(), format.describe(), db::redact(&cli.database_url));
        }
        Command::Dump { output, pseudonymise } => {
            let state = new_state(db);
            let spinner = Spinner::new(format!("dump → {}", output.display()));
            let mut d = crate::app::backup::take_dump(&state, &Actor::Cli)
                .await
                .map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            if pseudonymise {
                crate::app::backup::pseudonymise(&mut d);
            }
            crate::app::backup::write_json(&d, &output).map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            drop(spinner);
            let rows: usize = d.tables.values().map(|t| t.rows.len()).sum();
            eprintln!("{}: {} tables, {rows} rows (schema {})", output.display(), d.tables.len(), d.schema);
        }
        Command::Privacy(PrivacyCommand::Export { who, output }) => {
            let state = new_state(db);
            let fail = |e: AppError| anyhow::anyhow!(describe(&e, lang));
            let who = crate::app::privacy::Who::parse(&who).map_err(fail)?;
            let held = crate::app::privacy::export(&state, &Actor::Cli, &who).await.map_err(fail)?;
            let text = serde_json::to_string_pretty(&held)?;
            match output {
                Some(path) => {
                    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?
                }
                None => println!("{text}"),
            }
            eprintln!("{} row(s) hold this person", held["rows"]);
        }
        Command::Privacy(PrivacyCommand::Due) => {
            let state = new_state(db);
            let (months, list) =
                crate::app::privacy::due(&state, &Actor::Cli).await.map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            for d in &list {
                println!(
                    "contact:{}\t{}\t{}\t{}\t{}\t{}",
                    d.contact,
                    d.confirmed_on.as_deref().unwrap_or("-"),
                    d.name,
                    d.email.as_deref().unwrap_or("-"),
                    d.stakeholder_name,
                    d.legal_basis
                );
            }
            eprintln!("{} contact person(s) not confirmed for more than {months} months", list.len());
        }
        Command::Privacy(PrivacyCommand::Erase { who }) => {
            let state = new_state(db);
            let fail = |e: AppError| anyhow::anyhow!(describe(&e, lang));
            let who = crate::app::privacy::Who::parse(&who).map_err(fail)?;
            let done = crate::app::privacy::erase(&state, &Actor::Cli, &who).await.map_err(fail)?;
            for (table, n) in &done.tables {
                eprintln!("{table}: {n} row(s)");
            }
            eprintln!("erased from {} row(s); the erasure is in the change log", done.tables.values().sum::<usize>());
        }
        Command::Load { file } => {
            let state = new_state(db);
            let spinner = Spinner::new(format!("load ← {}", file.display()));
            let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let d = crate::app::backup::parse_dump(&bytes)
                .map_err(|e| anyhow::anyhow!("{}: {}", file.display(), describe(&e, lang)))?;
            crate::app::backup::load(&state, &Actor::Cli, &d).await.map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            drop(spinner);
            let rows: usize = d.tables.values().map(|t| t.rows.len()).sum();
            eprintln!("{}: {} tables, {rows} rows loaded", file.display(), d.tables.len());
        }
        Command::Revert { change, operation } => {
            let state = new_state(db);
            let done = match (change, operation) {
                (_, Some(op)) => crate::app::audit::revert_operation(&state, &Actor::Cli, op).await,
                (Some(id), None) => crate::app::audit::revert_change(&state, &Actor::Cli, id).await.map(|()| 1),
                (None, None) => unreachable!("clap requires one"),
            };
            let n = done.map_err(|e| anyhow::anyhow!(describe(&e, lang)))?;
            eprintln!("{n} change(s) reverted");
        }
        Command::Demo => {
            let loaded = crate::demo::load(&new_state(db)).await?;
            eprintln!(
                "Demo network loaded: {} stakeholders ({} new), {} links ({} new).",
                loaded.stakeholders.rows, loaded.stakeholders.created, loaded.links.rows, loaded.links.created
            );
            match loaded.admin_password {
                Some(password) => {
                    eprintln!(
                        "Sign in at http://127.0.0.1:8080/login as {} with the password:",
                        crate::demo::DEMO_ADMIN
                    );
                    println!("{password}");
                    eprintln!(
                        "(shown once; `maillage user reset {}` prints a link to choose another)",
                        crate::demo::DEMO_ADMIN
                    );
                }
                None => eprintln!(
                    "The demo administrator {} exists already; forgot its password? `maillage user reset {}`",
                    crate::demo::DEMO_ADMIN,
                    crate::demo::DEMO_ADMIN
                ),
            }
        }
    }
    Ok(())
}

/// `maillage i18n check`: each catalogue's problems, then its verdict.
fn check_catalogues() -> anyhow::Result<()> {
    let checks = crate::i18n::check_catalogues();
    for c in &checks {
        let code = c.lang.code();
        for e in &c.errors {
            eprintln!("{code}: syntax: {e}");
        }
        for id in &c.missing {
            eprintln!("{code}: missing: {id} (shown in French)");
        }
        for p in &c.placeholders {
            eprintln!("{code}: placeholders: {p}");
        }
        let verdict = if c.is_ok() { "ok" } else { "problems above" };
        eprintln!("{code}: {} of {} messages: {verdict}", c.messages, c.of);
    }
    let mut bad = checks.iter().filter(|c| !c.is_ok()).count();
    // The questionnaires: complete in every language they declare.
    for (file, text) in crate::survey::shipped::questionnaires() {
        match crate::survey::definition::parse(&text) {
            Ok(d) => {
                let offered: Vec<&str> = d.offered().into_iter().map(Lang::code).collect();
                let absent: Vec<&str> = Lang::all().map(Lang::code).filter(|c| !offered.contains(c)).collect();
                let note =
                    if absent.is_empty() { String::new() } else { format!(" (not offered in {})", absent.join(", ")) };
                eprintln!("surveys/{file}: complete in {}{note}: ok", offered.join(", "));
            }
            Err(errors) => {
                bad += 1;
                for e in errors {
                    eprintln!("surveys/{file}:{}: {}", e.line, e.message);
                }
            }
        }
    }
    anyhow::ensure!(bad == 0, "{bad} catalogue(s) or questionnaire(s) with problems");
    Ok(())
}

/// `maillage survey check FILE`: every problem as `FILE:LINE: message`.
fn check_survey(file: &std::path::Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    match crate::survey::definition::parse(&text) {
        Ok(def) => {
            eprintln!(
                "{}: {} v{} — {} sections, {} questions: ok",
                file.display(),
                def.id.get_ref(),
                def.version,
                def.sections.len(),
                def.questions().count()
            );
            Ok(())
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{}:{}: {}", file.display(), e.line, e.message);
            }
            bail!("{}: {} problem(s)", file.display(), errors.len())
        }
    }
}

fn print_summary(a: &crate::analysis::Analysis, top: usize, lang: Lang) {
    let t = lang.tr();
    let n = &a.network;
    println!(
        "{} {}, {} {} · {} {:.4} · {} {} · {} {} · {} {} ({} {:.2}) · E-I {}",
        n.stakeholders,
        t.stakeholder_count,
        n.links,
        t.link_count,
        t.density,
        n.density,
        t.components,
        n.components,
        t.isolates,
        n.isolates,
        t.communities,
        n.communities,
        t.modularity,
        n.modularity,
        n.ei_index.map_or("–".to_owned(), |e| format!("{e:+.2}"))
    );
    let mut nodes: Vec<_> = a.nodes.iter().collect();
    nodes.sort_by(|x, y| y.betweenness.total_cmp(&x.betweenness));
    println!(
        "\n{:<50} {:>6} {:>8} {:>8} {:>8} {:>8} {:>6}",
        t.name, "deg", "betw.", "clos.", "eigen.", "constr.", "brok."
    );
    for m in nodes.into_iter().take(top) {
        let name: String = m.name.chars().take(48).collect();
        println!(
            "{:<50} {:>6} {:>8.3} {:>8.3} {:>8} {:>8} {:>6}{}",
            name,
            m.degree,
            m.betweenness,
            m.closeness,
            m.eigenvector.map_or("–".into(), |e| format!("{e:.3}")),
            m.constraint.map_or("–".into(), |c| format!("{c:.3}")),
            m.brokerage.total(),
            if m.articulation_point { "  ⚠" } else { "" }
        );
    }
    println!("\n{}: {}", t.unlinked, a.gaps.unlinked.len());
    println!("{}: {}", t.key_without_regional, a.gaps.key_without_regional_link.len());
    println!("{}: {}", t.one_sided, a.gaps.one_sided.len());
    for g in a.gaps.sectors.iter().filter(|g| !g.communes.is_empty()) {
        println!("{}: {} {}", g.label, g.communes.len(), t.communes_uncovered);
    }
    println!("\n{} {:.1} ms", t.computed_in, a.timings_ms.get("total").copied().unwrap_or(0.0));
    if let Some(s) = &a.sampling {
        println!("{}", crate::i18n::sampling_note(lang, s.sources, s.nodes, s.betweenness_margin, s.closeness_margin));
    }
}

/// An application error as one message for the terminal.
/// Who an export is made for: the command line, or with --pseudonymise a party that may read
/// everything but personal data (what a viewer gets).
fn exporter(pseudonymise: bool) -> Actor {
    if pseudonymise {
        Actor::Token { id: 0, name: "--pseudonymise".into(), role: crate::app::Role::Viewer }
    } else {
        Actor::Cli
    }
}

/// The command-line option a field is given with: `--code`, and for a label or a name in one
/// language `--label fr`, `--name de`.
fn option(field: &str) -> String {
    match field.split_once('_') {
        Some((each @ ("label" | "name"), lang)) if Lang::parse(lang).is_some() => format!("--{each} {lang}"),
        _ => format!("--{field}"),
    }
}

fn describe(e: &crate::app::AppError, lang: Lang) -> String {
    match e {
        crate::app::AppError::Validation(errors) => errors
            .iter()
            .map(|f| format!("{}: {}", option(&f.field), f.problem.message(lang)))
            .collect::<Vec<_>>()
            .join("\n"),
        // The person at the terminal runs the server: the cause helps them.
        crate::app::AppError::Internal(e) => format!("{}\n{e:#}", e_message(lang)),
        other => other.message(lang),
    }
}

fn e_message(lang: Lang) -> String {
    crate::app::AppError::Internal(anyhow::anyhow!("")).message(lang)
}

/// A progress bar of the rows written, on stderr; indicatif draws nothing when stderr is not
/// a terminal (piped, redirected, CI), so scripts see only the summary line.
fn progress_bar(name: &str) -> impl FnMut(usize, usize) + Send {
    let bar = indicatif::ProgressBar::new(0).with_message(name.to_owned());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    move |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        if done >= total {
            bar.finish_and_clear();
        }
    }
}

/// A spinner with what is being done, on stderr, while long work without steps runs
/// (analysis, exports, backups); cleared when dropped, and silent off a terminal.
struct Spinner(indicatif::ProgressBar);

impl Spinner {
    fn new(message: impl Into<String>) -> Spinner {
        let bar = indicatif::ProgressBar::new_spinner().with_message(message.into());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Spinner(bar)
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// A date as typed (checked already) in ISO form.
fn normalise(day: &str) -> String {
    crate::domain::values::date(day).map(crate::domain::values::format_date).unwrap_or_else(|_| day.to_owned())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// `maillage user …`: the local command line acts as an administrator.
async fn user_command(state: &AppState, command: UserCommand, lang: Lang) -> anyhow::Result<()> {
    use crate::app::accounts;
    let fail = |e: AppError| anyhow::anyhow!(describe(&e, lang));
    let actor = Actor::Cli;
    match command {
        UserCommand::Add { email, role, link, public_url } => {
            let password = if link { None } else { Some(read_password()?) };
            let added = accounts::add_user(state, &actor, &email, role, password.as_deref()).await.map_err(fail)?;
            eprintln!("user {} added: {email} ({})", added.id, role.code());
            if let Some(token) = added.link {
                println!("{}/welcome/{token}", public_url.trim_end_matches('/'));
                eprintln!("(one-time link to choose a password, valid 2 days)");
            }
        }
        UserCommand::List => {
            for u in accounts::users(state, &actor).await.map_err(fail)? {
                let status = if u.disabled { "disabled" } else { "active" };
                println!("{}\t{}\t{}\t{status}\t{}", u.id, u.email, u.role, u.created_at);
            }
        }
        UserCommand::Disable { user } => {
            let u = accounts::find_user(state, &actor, &user).await.map_err(fail)?;
            accounts::set_disabled(state, &actor, u.id, true).await.map_err(fail)?;
            eprintln!("{} disabled; its sessions ended", u.email);
        }
        UserCommand::Enable { user } => {
            let u = accounts::find_user(state, &actor, &user).await.map_err(fail)?;
            accounts::set_disabled(state, &actor, u.id, false).await.map_err(fail)?;
            eprintln!("{} enabled", u.email);
        }
        UserCommand::SetRole { user, role } => {
            let u = accounts::find_user(state, &actor, &user).await.map_err(fail)?;
            accounts::set_role(state, &actor, u.id, role).await.map_err(fail)?;
            eprintln!("{} is now {}", u.email, role.code());
        }
        UserCommand::ResetSecondFactor { user } => {
            let u = accounts::find_user(state, &actor, &user).await.map_err(fail)?;
            accounts::reset_second_factor(state, &actor, u.id).await.map_err(fail)?;
            eprintln!("{}: second factor removed", u.email);
        }
        UserCommand::Reset { user, public_url } => {
            let u = accounts::find_user(state, &actor, &user).await.map_err(fail)?;
            let token = accounts::reset_link(state, &actor, u.id).await.map_err(fail)?;
            println!("{}/welcome/{token}", public_url.trim_end_matches('/'));
            eprintln!("(one-time link for {} to choose a new password, valid 2 days)", u.email);
        }
    }
    Ok(())
}

/// `maillage token …`.
async fn token_command(state: &AppState, command: TokenCommand, lang: Lang) -> anyhow::Result<()> {
    use crate::app::accounts;
    let fail = |e: AppError| anyhow::anyhow!(describe(&e, lang));
    let actor = Actor::Cli;
    match command {
        TokenCommand::Create { role, name, expires } => {
            let (id, secret) = accounts::create_token(state, &actor, &name, role, expires).await.map_err(fail)?;
            println!("{secret}");
            eprintln!("token {id} \"{name}\" ({}): shown once; send it as `Authorization: Bearer …`", role.code());
        }
        TokenCommand::List => {
            for t in accounts::tokens(state, &actor).await.map_err(fail)? {
                let status = match (&t.revoked_at, &t.expires_at) {
                    (Some(at), _) => format!("revoked {at}"),
                    (None, Some(at)) => format!("expires {at}"),
                    (None, None) => "active".into(),
                };
                println!("{}\t{}\t{}\t{status}\tcreated {} by {}", t.id, t.name, t.role, t.created_at, t.created_by);
            }
        }
        TokenCommand::Revoke { id } => {
            accounts::revoke_token(state, &actor, id).await.map_err(fail)?;
            eprintln!("token {id} revoked");
        }
    }
    Ok(())
}

/// A new password from stdin: asked for on a terminal, else the first line.
fn read_password() -> anyhow::Result<String> {
    if std::io::stdin().is_terminal() {
        eprint!("Password (at least {} characters, shown as you type): ", crate::app::accounts::MIN_PASSWORD);
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).context("cannot read the password from stdin")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
