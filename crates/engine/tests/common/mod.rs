//! What the engine's own tests share.

/// Every ledger fixture of the suite (`tests/fixtures/` and `messy/`), with its text.
pub fn fixtures() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let mut out = Vec::new();
    for dir in [root.to_string(), format!("{root}/messy")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.display().to_string();
            if name.ends_with(".csv") || name.ends_with(".tsv") {
                out.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    assert!(out.len() >= 12, "fixtures found: {}", out.len());
    out
}
