//! The `maillage` binary: import, export and demo from the command line.

mod common;

use std::process::Command;

fn maillage(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_maillage")).args(args).env("MAILLAGE_LANG", "en").output().expect("run maillage")
}

#[test]
fn cli_import_reports_every_error_and_writes_nothing_then_imports_and_exports() {
    let dir = common::temp_dir();
    let url = format!("sqlite://{}", dir.0.join("cli.db").display());
    let bad = dir.0.join("bad.csv");
    std::fs::write(&bad, "name;niveau;type\nCPAS de Namur;locale;administration\n;local;administration\n").unwrap();
    let out = maillage(&["import", "stakeholders", bad.to_str().unwrap(), "--database-url", &url]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.csv: line 2, column level: unknown level \"locale\""), "{stderr}");
    assert!(stderr.contains("bad.csv: line 3, column name: this field is required"), "{stderr}");
    assert!(stderr.contains("2 error(s); nothing was written"), "{stderr}");

    let export = maillage(&["--database-url", &url, "export", "stakeholders"]);
    assert!(export.status.success());
    assert_eq!(String::from_utf8_lossy(&export.stdout).lines().count(), 1, "only the header: nothing was written");

    let good = dir.0.join("good.csv");
    std::fs::write(&good, "name;niveau;type\nCPAS de Namur;local;administration\n").unwrap();
    let out = maillage(&["--database-url", &url, "import", "stakeholders", good.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 rows — 1 created, 0 updated, 0 unchanged"));

    let file = dir.0.join("out.csv");
    let out = maillage(&["--database-url", &url, "export", "stakeholders", "-o", file.to_str().unwrap(), "--excel"]);
    assert!(out.status.success());
    let written = std::fs::read(&file).unwrap();
    assert!(written.starts_with(b"\xEF\xBB\xBFname;acronym;kind;level"));
    assert!(String::from_utf8_lossy(&written).contains("CPAS de Namur;;administration;local"));
}

#[test]
fn cli_demo_loads_once_and_is_idempotent() {
    let dir = common::temp_dir();
    let url = format!("sqlite://{}", dir.0.join("demo.db").display());
    let first = maillage(&["demo", "--database-url", &url]);
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let password = String::from_utf8_lossy(&first.stdout).trim().to_owned();
    assert_eq!(password.len(), 20, "the demo administrator's password is printed once on stdout");
    let second = maillage(&["demo", "--database-url", &url]);
    let text = String::from_utf8_lossy(&second.stderr);
    assert!(text.contains("(0 new)") && text.contains("links (0 new)"), "{text}");
    assert!(second.stdout.is_empty() && text.contains("maillage user reset demo@example.org"), "{text}");
    let links = maillage(&["export", "links", "--database-url", &url]);
    assert!(String::from_utf8_lossy(&links.stdout).lines().count() > 400);
}

#[test]
fn cli_refuses_an_unknown_database_scheme() {
    let out = maillage(&["export", "links", "--database-url", "mysql://x"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database URL"));
}

#[test]
fn survey_check_accepts_the_shipped_questionnaires_and_lists_problems_with_lines() {
    for file in ["surveys/consultation-2023.toml", "surveys/pulse-2023.toml"] {
        let out = maillage(&["survey", "check", file]);
        assert!(out.status.success(), "{file}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stderr).contains(": ok"));
    }
    let dir = common::temp_dir();
    let bad = dir.0.join("bad.toml");
    std::fs::write(
        &bad,
        "id = \"x\"\nversion = 1\ntitle = { fr = \"a\", en = \"b\" }\n[[sections]]\nid = \"s\"\ntitle = { fr = \"a\", en = \"b\" }\n\
         [[sections.questions]]\nid = \"q\"\ntype = \"likert\"\ntext = { fr = \"a\", en = \"b\" }\nshow_if = { question = \"zz\", in = [\"1\"] }\n",
    )
    .unwrap();
    let out = maillage(&["survey", "check", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.toml:8: question \"q\": a Likert scale needs at least three points"), "{stderr}");
    assert!(stderr.contains("bad.toml:11: question \"q\": show_if refers to \"zz\""), "{stderr}");
}

#[test]
fn survey_open_invites_the_filtered_stakeholders_and_links_print_the_same_links_again() {
    let dir = common::temp_dir();
    let url = format!("sqlite://{}", dir.0.join("survey.db").display());
    let secret = dir.0.join("maillage.secret");
    let secret = secret.to_str().unwrap();
    // The demo runs two campaigns of its own (1 and 2): this one is the third.
    assert!(maillage(&["demo", "--database-url", &url]).status.success());
    let out = maillage(&[
        "--database-url",
        &url,
        "--secret-file",
        secret,
        "survey",
        "open",
        "surveys/consultation-2023.toml",
        "--title",
        "Consultation 2023",
        "--opens",
        "01/12/2022",
        "--closes",
        "2023-03-31",
        "--level",
        "regional",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "campaign 3 \"Consultation 2023\" (consultation-2023 v1): 18 invitations, 2022-12-01 → 2023-03-31"
        ),
        "{stderr}"
    );
    let links = |_: ()| {
        String::from_utf8(
            maillage(&[
                "--database-url",
                &url,
                "--secret-file",
                secret,
                "survey",
                "links",
                "3",
                "--base-url",
                "https://maillage.example.be/",
            ])
            .stdout,
        )
        .unwrap()
    };
    let first = links(());
    assert_eq!(first.lines().count(), 19, "header + 18 regional stakeholders (counted in the CSV export)");
    assert!(first.starts_with("name,email,language,link\n"));
    let link = first.lines().nth(1).unwrap().rsplit(',').next().unwrap();
    assert!(
        link.starts_with("https://maillage.example.be/s/") && link.len() == "https://maillage.example.be/s/".len() + 40,
        "{link}"
    );
    assert_eq!(links(()), first, "the same links again");
    let bad = maillage(&[
        "--database-url",
        &url,
        "--secret-file",
        secret,
        "survey",
        "open",
        "surveys/pulse-2023.toml",
        "--title",
        "x",
        "--opens",
        "2023-05-01",
        "--closes",
        "2023-04-01",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--closes: the end date is before the start date"));
}

#[test]
fn cli_manages_accounts_and_tokens() {
    let dir = common::temp_dir();
    let url = format!("sqlite://{}", dir.0.join("users.db").display());
    let add = |email: &str, role: &str, stdin: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_maillage"))
            .args(["user", "add", email, "--role", role, "--database-url", &url])
            .env("MAILLAGE_LANG", "en")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let short = add("a@example.org", "admin", "short\n");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12 characters"));
    assert!(add("a@example.org", "admin", "a long enough passphrase\n").status.success());
    let again = add("a@example.org", "viewer", "a long enough passphrase\n");
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let link = maillage(&["user", "add", "b@example.org", "--role", "editor", "--link", "--database-url", &url]);
    assert!(String::from_utf8_lossy(&link.stdout).contains("/welcome/"), "a one-time link to choose a password");
    let list = String::from_utf8_lossy(&maillage(&["user", "list", "--database-url", &url]).stdout).into_owned();
    assert!(list.contains("a@example.org\tadmin\t") && list.contains("b@example.org\teditor\t"), "{list}");
    assert!(maillage(&["user", "disable", "b@example.org", "--database-url", &url]).status.success());
    let list = String::from_utf8_lossy(&maillage(&["user", "list", "--database-url", &url]).stdout).into_owned();
    assert!(list.contains("editor\tdisabled"), "{list}");
    let token = maillage(&["token", "create", "--role", "viewer", "--name", "nightly", "--database-url", &url]);
    let secret = String::from_utf8_lossy(&token.stdout).trim().to_owned();
    assert!(secret.starts_with("mlg_") && secret.len() > 60, "{secret}");
    let tokens = String::from_utf8_lossy(&maillage(&["token", "list", "--database-url", &url]).stdout).into_owned();
    assert!(tokens.contains("nightly") && !tokens.contains(&secret), "listed without the secret: {tokens}");
    assert!(maillage(&["token", "revoke", "1", "--database-url", &url]).status.success());
    let tokens = String::from_utf8_lossy(&maillage(&["token", "list", "--database-url", &url]).stdout).into_owned();
    assert!(tokens.contains("revoked"), "{tokens}");
}

#[test]
fn serve_refuses_a_public_address_without_public_url() {
    let dir = common::temp_dir();
    let url = format!("sqlite://{}", dir.0.join("serve.db").display());
    let out = maillage(&["serve", "--bind", "0.0.0.0:0", "--database-url", &url]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--public-url"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_unreachable_database_fails_at_once_with_the_reason() {
    let out = maillage(&["export", "links", "--database-url", "postgres://postgres@127.0.0.1:1/nothing"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot open database") && err.to_lowercase().contains("refused"), "{err}");
}

#[test]
fn cli_lists_the_change_log_and_reverts_an_import() {
    let dir = common::temp_dir();
    let url = format!("sqlite://{}", dir.0.join("changes.db").display());
    let file = dir.0.join("list.csv");
    std::fs::write(&file, "name,kind,level\nCPAS de Namur,administration,local\nCPAS de Liège,administration,local\n")
        .unwrap();
    assert!(maillage(&["--database-url", &url, "import", "stakeholders", file.to_str().unwrap()]).status.success());
    let out = maillage(&["--database-url", &url, "changes", "--kind", "stakeholder"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(listed.lines().count(), 2, "{listed}");
    assert!(listed.contains("\tcli\tstakeholder 1 (CPAS de Namur)\tcreate\t"), "{listed}");
    let json: serde_json::Value =
        serde_json::from_slice(&maillage(&["--database-url", &url, "changes", "--json"]).stdout).unwrap();
    let operation = json[0]["operation"].as_i64().unwrap();
    assert_eq!(json[0]["use_case"], "transfer.import");

    let out = maillage(&["--database-url", &url, "revert", "--operation", &operation.to_string()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2 change(s) reverted"));
    let export = maillage(&["--database-url", &url, "export", "stakeholders"]);
    assert_eq!(String::from_utf8_lossy(&export.stdout).lines().count(), 1, "both archived: only the header");
    let again = maillage(&["--database-url", &url, "revert", "--operation", &operation.to_string()]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("cannot be reverted"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn cli_analysis_is_exact_by_default_on_a_small_network_and_states_its_margins_when_sampled() {
    let dir = common::temp_dir();
    let url = format!("sqlite://{}", dir.0.join("analyse.db").display());
    assert!(maillage(&["demo", "--database-url", &url]).status.success());
    let exact = maillage(&["--database-url", &url, "analyse", "--json"]);
    assert!(exact.status.success(), "{}", String::from_utf8_lossy(&exact.stderr));
    let exact: serde_json::Value = serde_json::from_slice(&exact.stdout).unwrap();
    assert!(exact["sampling"].is_null(), "a small network is analysed exactly");
    // Piped: no progress bar or spinner in the output, only the JSON.
    let sampled = maillage(&["--database-url", &url, "analyse", "--json", "--sample", "10"]);
    assert!(sampled.status.success());
    assert!(!String::from_utf8_lossy(&sampled.stderr).contains('\r'), "no spinner when piped");
    let sampled: serde_json::Value = serde_json::from_slice(&sampled.stdout).unwrap();
    let s = &sampled["sampling"];
    let nodes = exact["network"]["stakeholders"].as_u64().unwrap();
    assert_eq!(s["nodes"].as_u64(), Some(nodes));
    assert!(s["sources"].as_u64().unwrap() < nodes, "{s}");
    assert!(s["betweenness_margin"].as_f64().unwrap() > 0.0);
    let summary = maillage(&["--database-url", &url, "analyse", "--sample", "10"]);
    let text = String::from_utf8_lossy(&summary.stdout);
    assert!(text.contains("estimated from") && text.contains("95 % margin of error"), "{text}");
    let both = maillage(&["--database-url", &url, "analyse", "--exact", "--sample", "10"]);
    assert!(!both.status.success(), "--exact and --sample exclude each other");
}

#[test]
fn the_catalogue_check_passes_on_the_shipped_languages() {
    let out = maillage(&["i18n", "check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let total = maillage::i18n::check_catalogues()[0].of;
    for lang in maillage::i18n::Lang::all().map(maillage::i18n::Lang::code) {
        assert!(err.contains(&format!("{lang}: {total} of {total} messages: ok")), "{err}");
    }
}

#[test]
fn cli_edits_the_reference_data_and_merges_communes() {
    let dir = common::temp_dir();
    let url = format!("sqlite://{}", dir.0.join("reference.db").display());
    assert!(maillage(&["demo", "--database-url", &url]).status.success());
    let out = |o: &std::process::Output| {
        (String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
    };

    // A label given replaces that language's only; the others stay.
    let set = maillage(&["reference", "set", "sector", "health", "--label", "uk=Здоров'я", "--database-url", &url]);
    assert!(set.status.success() && set.stdout.is_empty(), "{}", out(&set).1);
    let (list, _) = out(&maillage(&["reference", "list", "sector", "--database-url", &url]));
    let header = list.lines().next().unwrap();
    assert_eq!(header, "code\tfr\tde\ten\tnl\tuk");
    let health = list.lines().find(|l| l.starts_with("health\t")).unwrap();
    assert!(health.contains("Santé") && health.ends_with("\tЗдоров'я"), "{health}");

    // What is wrong is said by option, and nothing is written.
    let bad = maillage(&["reference", "set", "kind", "Bad Code", "--label", "en=Bad", "--database-url", &url]);
    let (_, err) = out(&bad);
    assert!(!bad.status.success());
    assert!(
        err.contains("--code: \"Bad Code\": a code is written") && err.contains("--label fr: this field is required"),
        "{err}"
    );

    // Bastogne and Bertogne become one commune; the old names find it.
    let merge = maillage(&[
        "reference",
        "merge",
        "Bastogne",
        "Bertogne",
        "--into",
        "82039",
        "--name",
        "fr=Bastogne",
        "--name",
        "de=Bastnach",
        "--on",
        "2025-01-01",
        "--database-url",
        &url,
    ]);
    let (_, said) = out(&merge);
    assert!(merge.status.success(), "{said}");
    assert!(said.contains("2 communes merged into Bastogne: 3 actors moved"), "{said}");
    let (former, _) = out(&maillage(&["reference", "list", "former", "--database-url", &url]));
    assert!(former.lines().any(|l| l.starts_with("82005\tBertogne") && l.ends_with("\t82039\t2025-01-01")), "{former}");
    let (units, _) = out(&maillage(&["reference", "list", "territory", "--database-url", &url]));
    assert!(units.lines().any(|l| l.starts_with("82039\tBastogne\tBastnach")), "{units}");
    assert!(!units.lines().any(|l| l.starts_with("82005\t")));
}
