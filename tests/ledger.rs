//! Importing activity rows from CSV and pasted spreadsheet cells: the fixtures under
//! `tests/fixtures/`, one located message per bad row, whole-file refusals, and export →
//! import giving the same rows.

use esg_kpi_calculator::engine::ledger::{self, parse, to_csv};
use esg_kpi_calculator::engine::{calculate_value, KpiId};
use proptest::prelude::*;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn the_clean_fixtures_read_in_both_header_languages_to_the_same_rows() {
    let en = parse(&fixture("ledger-clean-en.csv")).unwrap();
    let zh = parse(&fixture("ledger-clean-zh.csv")).unwrap();
    assert!(en.problems.is_empty(), "{:#?}", en.problems);
    assert!(zh.problems.is_empty(), "{:#?}", zh.problems);
    assert_eq!((en.read, en.rows.len(), en.delimiter), (10, 10, ','));
    assert_eq!((zh.read, zh.rows.len(), zh.delimiter), (10, 10, '\t'));
    assert_eq!(
        en.rows[6],
        json!({ "site": "Shenzhen plant", "period": "2018-01", "source": "diesel", "quantity": "4,200", "unit": "L", "density_kg_per_l": "0.84", "note": "generator, backup" })
    );
    // Chinese names become the same ids; only the grid is written as the file wrote it.
    let ids = |rows: &[Value]| -> Vec<(String, String, String)> {
        rows.iter()
            .map(|r| {
                (
                    r["source"].as_str().unwrap().into(),
                    r["unit"].as_str().unwrap().into(),
                    r["quantity"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    assert_eq!(ids(&en.rows), ids(&zh.rows));
    // And they compute: the same KPIs from either file.
    let kpis = |rows: &[Value]| {
        calculate_value(&json!({ "energy": rows }))
            .kpis
            .get(KpiId::GhgTotal)
            .unwrap()
            .value
            .clone()
    };
    assert!(kpis(&en.rows).is_some());
    assert_eq!(kpis(&en.rows), kpis(&zh.rows));
}

#[test]
fn the_error_fixture_gives_one_located_message_per_bad_row() {
    let l = parse(&fixture("ledger-errors.csv")).unwrap();
    let by_line: Vec<(usize, Option<&str>, Option<&str>, String)> = l
        .problems
        .iter()
        .map(|p| {
            (
                p.line,
                p.column.as_deref(),
                p.value.as_deref(),
                p.message.to_string(),
            )
        })
        .collect();
    let expect: Vec<(usize, &str, &str, &str)> = vec![
        (
            3,
            "quantity",
            "=SUM(A1:A3)",
            "a spreadsheet formula, not its value",
        ),
        (
            4,
            "quantity",
            "1e40",
            "too large for exact decimal arithmetic",
        ),
        (5, "source", "coal", "unknown source “coal”"),
        (6, "unit", "furlongs", "unknown unit “furlongs”"),
        (7, "quantity", "", "enter the quantity consumed"),
        (8, "quantity", "-5", "must not be negative"),
        (9, "quantity", "1,00,0", "misplaced thousands separators"),
        (
            10,
            "unit",
            "m3",
            "purchased electricity is measured in kWh, MWh, GJ",
        ),
        (11, "grid", "atlantis", "unknown grid “atlantis”"),
        (
            12,
            "factor",
            "no-such-factor",
            "is not a factor in the built-in library",
        ),
        (16, "quantity", "lots", "“lots” is not a number"),
    ];
    assert_eq!(by_line.len(), expect.len(), "{by_line:#?}");
    for ((line, column, value, message), (el, ec, ev, em)) in by_line.iter().zip(&expect) {
        assert_eq!(
            (*line, *column, *value),
            (*el, Some(*ec), Some(*ev)),
            "{message}"
        );
        assert!(
            message.contains(em),
            "line {line}: “{message}” lacks “{em}”"
        );
    }
    // The good rows stay: the first, the HTML one (a name, kept as text), the quoted one.
    assert_eq!(l.read, 14);
    let sites: Vec<&str> = l.rows.iter().map(|r| r["site"].as_str().unwrap()).collect();
    assert_eq!(
        sites,
        vec![
            "Good row",
            "<img src=x onerror=alert(1)><script>alert(2)</script>",
            "Quoted, with comma"
        ]
    );
    assert_eq!(l.rows[2]["note"], "a note over\ntwo lines");
    assert_eq!(l.lines, vec![2, 13, 14]);
}

#[test]
fn whole_files_that_are_not_ledgers_are_refused_with_a_reason() {
    let refuse = |text: &str| parse(text).unwrap_err().message.to_string();
    assert!(refuse("").contains("empty"));
    assert!(refuse("\u{feff}  \n\n").contains("empty"));
    assert!(refuse("site,month,source,quantity,unit\n").contains("no rows"));
    assert!(refuse("a,b,c\n1,2,3\n").contains("missing: source, quantity, unit"));
    assert!(refuse("PK\u{3}\u{4}\0\0binary\u{1}\u{2}").contains("not a text file"));
    let big = "x".repeat(ledger::MAX_BYTES + 1);
    assert!(refuse(&big).contains("up to 20 MB"));
}

#[test]
fn pasted_cells_and_semicolons_read_too() {
    let pasted = "Site\tSource\tQuantity\tUnit\nA\telectricity\t1 000\tkWh\n";
    let l = parse(pasted).unwrap();
    assert_eq!((l.delimiter, l.rows.len()), ('\t', 1));
    let semi = "site;source;quantity;unit;colour\nA;diesel;12,5;kg;blue\n";
    let l = parse(semi).unwrap();
    assert_eq!(l.delimiter, ';');
    assert_eq!(l.ignored_columns, vec!["colour".to_string()]);
    // 12,5 in a semicolon file is a European decimal comma: refused, not read as 125.
    assert_eq!(l.problems.len(), 1);
}

#[test]
fn the_large_fixtures_read_completely() {
    for name in ["ledger-large-en.csv", "ledger-large-zh.csv"] {
        let l = parse(&fixture(name)).unwrap();
        assert_eq!(
            (l.read, l.rows.len(), l.problems.len()),
            (21_600, 21_600, 0),
            "{name}: {:?}",
            l.problems.first()
        );
    }
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[A-Za-z0-9 ]{1,12}",
        Just("Store, \"North\"".to_string()),
        Just("廣州 門店".to_string()),
        Just("=cmd|' /C calc'!A0".to_string()),
        Just("two\nlines".to_string()),
        Just("-lead".to_string()),
    ]
}

fn row() -> impl Strategy<Value = Value> {
    let source = prop::sample::select(vec![
        ("electricity", "kWh"),
        ("electricity", "MWh"),
        ("natural_gas", "m3"),
        ("diesel", "kg"),
        ("towngas", "unit"),
    ]);
    (cell(), prop::sample::select(vec!["", "2018-01", "2018-12"]), source, 0u64..10_000_000, 0u32..4, prop::sample::select(vec!["", "guangdong", "cn-east"]), cell())
        .prop_map(|(site, period, (source, unit), n, dp, grid, note)| {
            let mut r = json!({ "site": site.trim(), "source": source, "quantity": rust_decimal::Decimal::new(n as i64, dp).to_string(), "unit": unit });
            let o = r.as_object_mut().unwrap();
            if !period.is_empty() { o.insert("period".into(), json!(period)); }
            if source == "electricity" && !grid.is_empty() { o.insert("grid".into(), json!(grid)); }
            if !note.trim().is_empty() { o.insert("note".into(), json!(note.trim())); }
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_the_same_rows(rows in prop::collection::vec(row(), 1..30)) {
        let back = parse(&to_csv(&rows)).unwrap();
        prop_assert!(back.problems.is_empty(), "{:?}", back.problems);
        prop_assert_eq!(back.rows, rows);
    }
}
