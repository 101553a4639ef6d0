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

/// Sentences name lines, figures and KPIs as people do and round their numbers (issue 16): no
/// check or KPI reason in any golden case names a scenario path (`energy[2]`,
/// `waste.hazardous_t`) or a KPI id (`ghg_intensity_t_per_m2`), or prints a number with more
/// than six decimals — except a mismatch, which gives every digit because the difference may be
/// in the last. (Input errors may name the values the JSON accepts, such as `natural_gas`; the
/// calculation lines keep every digit for an auditor to recompute.)
#[test]
fn sentences_name_no_paths_and_round_their_numbers() {
    let path = regex_lite_path();
    let mut bad = Vec::new();
    for (name, json) in cases() {
        let v: Value = serde_json::from_str(&json).unwrap();
        let mut sentences: Vec<String> = Vec::new();
        let mut collect = |checks: &Value| {
            for c in checks.as_array().into_iter().flatten() {
                sentences.extend(c["message"].as_str().map(String::from));
            }
        };
        collect(&v["checks"]);
        collect(&v["data_quality"]);
        for p in v["periods"]
            .as_object()
            .into_iter()
            .flat_map(|o| o.values())
        {
            collect(&p["checks"]);
            collect(&p["data_quality"]);
        }
        for k in v["kpis"].as_object().into_iter().flat_map(|o| o.values()) {
            sentences.extend(k["reason"].as_str().map(String::from));
        }
        for s in sentences {
            if s.contains("MISMATCH") || s.contains(", but the Scope") {
                continue;
            }
            if let Some(p) = path(&s) {
                bad.push(format!("{name}: “{p}” in “{s}”"));
            }
            if let Some(n) = long_decimal(&s) {
                bad.push(format!("{name}: {n} in “{s}”"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A finder for what a sentence must not name: a list index (`energy[2]`), a dotted path of
/// the scenario (`waste.hazardous_t`, `organisation.employees`) or a KPI id; the word that
/// holds it.
fn regex_lite_path() -> impl Fn(&str) -> Option<String> {
    let ids: Vec<&'static str> = esg_kpi_engine::KpiId::ALL.iter().map(|k| k.id()).collect();
    move |s: &str| {
        s.split_whitespace()
            .map(|w| w.trim_end_matches(['.', ',', ';', ':', ')']))
            .find(|w| {
                let indexed = w.split_once('[').is_some_and(|(_, rest)| {
                    rest.split_once(']').is_some_and(|(n, _)| {
                        !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit())
                    })
                });
                let dotted = [
                    "organisation.",
                    "waste.",
                    "prior.",
                    "base_year.",
                    "published.",
                ]
                .iter()
                .any(|p| w.starts_with(p));
                indexed || dotted || ids.contains(w)
            })
            .map(String::from)
    }
}

/// A number printed with more than six decimals.
fn long_decimal(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'.' && i > 0 && b[i - 1].is_ascii_digit() {
            let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 6 {
                return Some(s[i.saturating_sub(3)..(i + 1 + digits).min(s.len())].to_string());
            }
            i += digits;
        }
        i += 1;
    }
    None
}

/// The finders above find what the sentences used to say, so the test can fail.
#[test]
fn the_finders_find_what_sentences_used_to_say() {
    let path = regex_lite_path();
    for (old, found) in [
        (
            "1 row repeats an earlier row exactly: energy[7] = energy[6].",
            "energy[7]",
        ),
        (
            "waste.non_hazardous_t is 3 t, but its items add up to 2 t",
            "waste.non_hazardous_t",
        ),
        (
            "The employees is not given, so water_m3_per_employee cannot be computed.",
            "water_m3_per_employee",
        ),
        (
            "waste item prior.waste.items[1] has an error",
            "prior.waste.items[1]",
        ),
        (
            "so ghg_intensity_t_per_m2, water_m3 cannot be computed",
            "ghg_intensity_t_per_m2",
        ),
    ] {
        assert_eq!(path(old).as_deref(), Some(found), "{old}");
    }
    assert_eq!(
        path("energy line 8 repeats energy line 7 (Shenzhen plant)"),
        None
    );
    assert_eq!(path("GHG emissions per m² of floor area"), None);
    assert!(long_decimal("total energy: 94.11481291666666666666666667 + 2,274.78").is_some());
    assert_eq!(
        long_decimal("21.16 + 1,470.66 = 1,491.82; 0.000097 t"),
        None
    );
}
