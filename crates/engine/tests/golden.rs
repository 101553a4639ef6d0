//! Golden files: the results JSON (`esg-kpi-results/1`, what `EsgKpi.calculate` returns) of
//! every scenario in `tests/golden/scenarios/` and of every ledger fixture imported as the page
//! imports it, byte for byte as committed in `tests/golden/results/`. The contract's JSON may
//! not change by accident: any change to a figure, a message, a key or their order fails here.
//! After a change that is meant, rewrite them with `UPDATE_GOLDEN=1 cargo test -p
//! esg-kpi-engine --test golden` and review the diff.

use esg_kpi_engine::ledger::{self, Options};
use esg_kpi_engine::{calculate_json, calculate_value};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests")
}

fn files(dir: &Path, ext: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| ext.iter().any(|x| p.to_string_lossy().ends_with(x)))
        .collect();
    out.sort();
    out
}

/// The results as committed: the API's JSON, indented (the same keys, order and digits).
fn pretty(results_json: &str) -> String {
    let v: Value = serde_json::from_str(results_json).unwrap();
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

/// Every case: its golden file's name and the results JSON it must hold.
fn cases() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in files(&root().join("golden/scenarios"), &[".json"]) {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        out.push((name, pretty(&calculate_json(&text).to_json())));
    }
    for dir in ["fixtures", "fixtures/messy"] {
        // The large fixtures (21,600 rows) are left out: tens of MB of trace, and nothing
        // they have that the others lack.
        for path in files(&root().join(dir), &[".csv", ".tsv"])
            .into_iter()
            .filter(|p| !p.to_string_lossy().contains("-large-"))
        {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = path.file_name().unwrap().to_string_lossy().to_string();
            let period = if file.starts_with("ledger-") {
                "2018"
            } else {
                "2025"
            };
            let Ok(read) = ledger::read(
                &text,
                &Options {
                    reporting_period: Some(period.into()),
                    ..Options::default()
                },
            ) else {
                continue;
            };
            let mut doc = json!({ "schema": "esg-kpi-scenario/1", "period": period });
            ledger::merge(&mut doc, &read.rows, false);
            out.push((
                format!("ledger-{file}.json"),
                pretty(&calculate_value(&doc).to_json()),
            ));
        }
    }
    out
}

#[test]
fn results_json_is_byte_for_byte_the_committed_golden_files() {
    let dir = root().join("golden/results");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let cases = cases();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    let mut differ = Vec::new();
    for (name, json) in &cases {
        let path = dir.join(name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, json).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(golden) if golden == *json => {}
            Ok(golden) => {
                let line = golden
                    .lines()
                    .zip(json.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(golden.lines().count().min(json.lines().count()));
                differ.push(format!(
                    "{name}: differs from line {}: golden {:?}, now {:?}",
                    line + 1,
                    golden.lines().nth(line),
                    json.lines().nth(line)
                ));
            }
            Err(_) => differ.push(format!(
                "{name}: no golden file (UPDATE_GOLDEN=1 writes it)"
            )),
        }
    }
    // No golden file left without its case.
    for path in files(&dir, &[".json"]) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !cases.iter().any(|(n, _)| *n == name) {
            differ.push(format!("{name}: a golden file with no scenario or fixture"));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}
