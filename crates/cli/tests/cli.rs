//! The command line as a user runs it: the built `esg-kpi` binary, its output and its exit
//! status, against the engine the page uses (`EsgKpi.calculate` is `calculate_json`; the
//! page's import is `ledger::read` then `ledger::merge`).

use esg_kpi_engine::ledger::{self, Options};
use esg_kpi_engine::{calculate_json, calculate_value, example};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn esg_kpi(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_esg-kpi"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = stdin.unwrap_or("").to_string();
    let mut pipe = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn fixture(name: &str) -> String {
    format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("esg-kpi-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// Each KPI's value to 20 decimal places and its display (or why it has none).
///
/// Not to all 28: the command line adds a ledger's rows of one site, month, source and factor
/// before converting them, the page converts each row, and a division (litres × density ÷
/// 3.6) rounds at the 28th significant digit — once for the sum, once per row. 5 L of diesel
/// and 7 L give 5.0042338594444444444444444444 MWh one way and …446 the other; the true value
/// is 5.00423385944… recurring, so the sum is the nearer. The figures agree far below what
/// any report prints.
fn kpi_values(results: &Value) -> Vec<(String, String, String)> {
    results["kpis"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, k)| {
            let value = k
                .get("value")
                .and_then(Value::as_str)
                .map(|v| {
                    v.parse::<rust_decimal::Decimal>()
                        .unwrap()
                        .round_dp(20)
                        .normalize()
                        .to_string()
                })
                .unwrap_or_else(|| k.get("reason").map(Value::to_string).unwrap_or_default());
            (
                id.clone(),
                value,
                k.get("display").map(Value::to_string).unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn calculate_prints_what_esgkpi_calculate_returns_and_exits_by_its_errors() {
    let path = tmp("example.json", example::EXAMPLE_2018_JSON);
    let out = esg_kpi(&["calculate", &path], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected = calculate_json(example::EXAMPLE_2018_JSON).to_json();
    assert_eq!(
        String::from_utf8(out.stdout.clone()).unwrap().trim_end(),
        expected
    );
    assert_eq!(json_of(&out)["kpis"]["ghg_total_t"]["display"], "13,093.57");

    // From standard input, the same.
    let piped = esg_kpi(&["calculate", "-"], Some(example::EXAMPLE_2018_JSON));
    assert_eq!(piped.stdout, out.stdout);

    // Input errors: results still printed, exit 1.
    let bad = r#"{"schema":"esg-kpi-scenario/1","energy":[{"source":"diesel","quantity":"lots","unit":"L"}]}"#;
    let out = esg_kpi(&["calculate", "-"], Some(bad));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_of(&out)["errors"][0]["path"], "energy[0].quantity");
}

#[test]
fn a_wrong_command_or_an_unreadable_file_is_exit_2_with_a_message() {
    for args in [
        vec!["frobnicate"],
        vec![],
        vec!["calculate"],
        vec!["calculate", "/no/such/file.json"],
        vec!["ledger", "/no/such/file.csv"],
        vec!["ledger", "x.csv", "--numbers", "roman"],
        vec!["check", "/no/such/file.json"],
        vec!["--lang", "fr", "calculate", "-"],
    ] {
        let out = esg_kpi(&args, Some(""));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("esg-kpi: ") && err.len() > 20,
            "{args:?}: {err}"
        );
    }
    let out = esg_kpi(&["--help"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("esg-kpi ledger FILE.csv"));
}

/// The page's import of a ledger: read whole, rows added to the scenario, calculated.
fn as_the_page_imports(text: &str, base: &Value) -> Value {
    let mut doc = base.clone();
    let period = doc
        .get("period")
        .and_then(Value::as_str)
        .map(str::to_string);
    let read = ledger::read(
        text,
        &Options {
            reporting_period: period,
            ..Options::default()
        },
    )
    .unwrap();
    ledger::merge(&mut doc, &read.rows, false);
    serde_json::from_str(&calculate_value(&doc).to_json()).unwrap()
}

#[test]
fn ledger_gives_the_kpis_the_page_import_gives_for_every_fixture() {
    let empty = json!({ "schema": "esg-kpi-scenario/1" });
    let example: Value = serde_json::from_str(example::EXAMPLE_2018_JSON).unwrap();
    let mut compared = 0;
    for name in [
        "ledger-clean-en.csv",
        "ledger-clean-zh.csv",
        "ledger-errors.csv",
        "messy/bill-zh-hans.csv",
        "messy/fuel-card.csv",
        "messy/months-free-text.csv",
        "messy/names.csv",
        "messy/towngas-du.csv",
        "messy/units-people-write.tsv",
        "messy/total-by-sum.csv",
    ] {
        let path = fixture(name);
        let text = std::fs::read_to_string(&path).unwrap();
        for (base, base_path) in [
            (&empty, None),
            (&example, Some(tmp("base.json", example::EXAMPLE_2018_JSON))),
        ] {
            let mut args = vec!["ledger", path.as_str()];
            if let Some(p) = &base_path {
                args.extend(["--scenario", p.as_str()]);
            }
            let out = esg_kpi(&args, None);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_ne!(out.status.code(), Some(2), "{name}: {stderr}");
            let cli = json_of(&out);
            let page = as_the_page_imports(&text, base);
            assert_eq!(
                kpi_values(&cli),
                kpi_values(&page),
                "{name} (base {base_path:?})\n{stderr}"
            );
            assert!(stderr.contains("data lines read"), "{name}: {stderr}");
            compared += 1;
        }
    }
    assert_eq!(compared, 20);
}

#[test]
fn ledger_problems_are_named_by_line_and_column_and_exit_1() {
    let out = esg_kpi(&["ledger", &fixture("ledger-errors.csv")], None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ledger-errors.csv:3 · quantity “=SUM(A1:A3)”: a spreadsheet formula"),
        "{err}"
    );
    assert!(err.contains(":5 · source “peat”: unknown source"), "{err}");
    // In another language, the same lines.
    let out = esg_kpi(
        &["--lang", "zh-Hant", "ledger", &fixture("ledger-errors.csv")],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("ledger-errors.csv:5 · source “peat”: 未知的能源類別"),
        "{err}"
    );
}

#[test]
fn a_semicolon_file_whose_numbers_read_two_ways_asks_for_the_format() {
    let text = "site;month;source;quantity;unit;grid\nA;2025-01;electricity;1.310;kWh;cn-south\n";
    let path = tmp("two-ways.csv", text);
    let out = esg_kpi(&["ledger", &path], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--numbers"));
    let out = esg_kpi(&["ledger", &path, "--numbers", "comma"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // 1.310 with a decimal comma is 1,310 kWh.
    let energy = json_of(&out)["kpis"]["energy_indirect_mwh"]["value"].clone();
    assert_eq!(energy, "1.31");
}

/// More rows than the page takes (100,000), over several pieces of the stream, with an
/// unlabelled total as the first line of the second piece (its rows all in the first): the
/// total is left out, every other row counted, and the figures are checked by hand arithmetic.
#[test]
fn a_ledger_of_120000_rows_streams_with_a_total_across_a_piece_boundary() {
    let mut text = String::from("site,month,source,quantity,unit,factor,factor_source\n");
    let sites = ["Kwun Tong office", "Shenzhen plant", "Tsuen Wan store"];
    let mut rows = 0u64;
    let mut line = 1u64;
    let mut kwh = 0u64;
    while rows < 120_000 {
        line += 1;
        if line == 20_001 {
            // Lines 2..=20,000 are 19,999 rows of 1 kWh each: this names no site or month.
            text.push_str(",,electricity,19999,kWh,0.5 kgCO2e/kWh,test\n");
            continue;
        }
        let q = if line <= 20_000 { 1 } else { 1 + rows % 7 };
        let site = sites[(rows % 3) as usize];
        let month = 1 + rows % 12;
        text.push_str(&format!(
            "{site},2025-{month:02},electricity,{q},kWh,0.5 kgCO2e/kWh,test\n"
        ));
        kwh += q;
        rows += 1;
    }
    let path = tmp("large.csv", &text);
    let out = esg_kpi(&["ledger", &path], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains(
            "large.csv:20001 · quantity “19999”: equals the sum of the 19999 rows above it"
        ),
        "{err}"
    );
    assert!(
        err.contains("120001 data lines read: 120000 rows taken, added as 12 energy lines"),
        "{err}"
    );
    let results = json_of(&out);
    // kWh → MWh, and 0.5 kg per kWh → t.
    let mwh = rust_decimal::Decimal::from(kwh) / rust_decimal::Decimal::from(1000);
    let t = rust_decimal::Decimal::from(kwh) * rust_decimal::Decimal::new(5, 1)
        / rust_decimal::Decimal::from(1000);
    assert_eq!(
        results["kpis"]["energy_indirect_mwh"]["value"],
        mwh.normalize().to_string()
    );
    assert_eq!(
        results["kpis"]["ghg_scope2_t"]["value"],
        t.normalize().to_string()
    );
    // The page refuses what is past its limit; the command line has none.
    let page = ledger::read(&text, &Options::default());
    assert!(
        page.is_err()
            || page.unwrap().problems.iter().any(|p| p
                .message
                .render(esg_kpi_engine::text::Lang::En)
                .contains("more than 100000 rows"))
    );
}

#[test]
fn check_says_what_a_published_table_implies_and_exits_1_on_disagreement() {
    // The report's own table (from the example scenario) agrees with itself.
    let example: Value = serde_json::from_str(example::EXAMPLE_2018_JSON).unwrap();
    let table = example["published"].clone();
    assert!(table.as_object().is_some_and(|t| t.len() >= 10));
    let out = esg_kpi(&["check", "-"], Some(&table.to_string()));
    let checked = json_of(&out);
    let implied = checked["published_check"]["implied"].as_array().unwrap();
    assert!(!implied.is_empty(), "{checked}");
    // A total that is not the sum of its scopes is an inconsistency: exit 1, said.
    let mut bad = table.clone();
    bad["ghg_total_t"] = json!("99999");
    let out = esg_kpi(&["check", "-"], Some(&bad.to_string()));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
}

#[test]
fn rows_that_repeat_exactly_are_said_before_they_are_summed() {
    let text = "site,month,source,quantity,unit,grid\n\
        A,2025-01,electricity,100,kWh,guangdong\n\
        A,2025-01,electricity,100,kWh,guangdong\n\
        A,2025-02,electricity,100,kWh,guangdong\n";
    let out = esg_kpi(&["ledger", "-"], Some(text));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("standard input:3: repeats line 2 exactly"),
        "{err}"
    );
    assert!(
        err.contains("3 rows taken, added as 2 energy lines"),
        "{err}"
    );
    let out = esg_kpi(&["--lang", "zh-Hans", "ledger", "-"], Some(text));
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard input:3: 与第 2 行完全相同"));
}

/// A ledger saved by Chinese Excel (GB18030 on the Mainland, Big5 in Hong Kong) reads as its
/// UTF-8 original does, in pieces cut at line breaks; mixed encodings are refused at the line.
#[test]
fn gb18030_and_big5_ledgers_read_as_their_utf8_original() {
    let text = std::fs::read_to_string(fixture("ledger-clean-zh.csv")).unwrap();
    let utf8 = esg_kpi(&["ledger", &fixture("ledger-clean-zh.csv")], None);
    assert_eq!(
        utf8.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&utf8.stderr)
    );
    for (encoding, name) in [
        (encoding_rs::GB18030, "GB18030"),
        (encoding_rs::BIG5, "Big5"),
    ] {
        let (bytes, _, unmappable) = encoding.encode(&text);
        assert!(!unmappable, "{name}");
        let path = tmp(&format!("zh-{name}.csv"), "");
        std::fs::write(&path, &bytes).unwrap();
        let out = esg_kpi(&["ledger", &path], None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {err}");
        assert!(err.contains(&format!("read as {name}")), "{err}");
        assert_eq!(
            kpi_values(&json_of(&out)),
            kpi_values(&json_of(&utf8)),
            "{name}"
        );
    }
    // UTF-8 lines, then a GB18030 line: refused at that line, not read as garbage.
    let mut mixed = text.clone().into_bytes();
    mixed.extend(
        encoding_rs::GB18030
            .encode("北京總部,2018-12,電力,100,千瓦時,北京,,\n")
            .0
            .iter(),
    );
    let path = tmp("mixed.csv", "");
    std::fs::write(&path, &mixed).unwrap();
    let out = esg_kpi(&["ledger", &path], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    let last = text.lines().count() + 1;
    assert!(
        err.contains(&format!("mixed.csv:{last}: not UTF-8 text")),
        "{err}"
    );
    // The same beyond the first piece (20,000 lines): refused at its line there too.
    let mut long = String::from("site,month,source,quantity,unit,grid\n");
    for _ in 0..25_000 {
        long.push_str("A,2025-01,electricity,1,kWh,guangdong\n");
    }
    let mut bytes = long.into_bytes();
    bytes.extend(
        encoding_rs::GB18030
            .encode("北京,2025-02,電力,1,kWh,guangdong\n")
            .0
            .iter(),
    );
    let path = tmp("mixed-late.csv", "");
    std::fs::write(&path, &bytes).unwrap();
    let out = esg_kpi(&["ledger", &path], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("mixed-late.csv:25002: not UTF-8 text"),
        "{err}"
    );
}
