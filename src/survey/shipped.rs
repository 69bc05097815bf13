//! The questionnaires a deployment offers.

/// The questionnaires a campaign can be opened from: the `.toml` files of `surveys/` (the
/// shipped ones when the server runs elsewhere).
pub fn questionnaires() -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = std::fs::read_dir("surveys")
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).ok()?)))
        .collect();
    if found.is_empty() {
        found = vec![
            ("consultation-2023.toml".into(), include_str!("../../surveys/consultation-2023.toml").into()),
            ("pulse-2023.toml".into(), include_str!("../../surveys/pulse-2023.toml").into()),
        ];
    }
    found.sort();
    found
}
