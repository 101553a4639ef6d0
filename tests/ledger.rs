//! Importing activity rows from CSV and pasted spreadsheet cells: the fixtures under
//! `tests/fixtures/`, one located message per bad row, whole-file refusals, and export →
//! import giving the same rows.

mod common;

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
        (5, "source", "peat", "unknown source “peat”"),
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
    let pasted = "Site\tSource\tQuantity\tUnit\tGrid\nA\telectricity\t1 000\tkWh\tguangdong\n";
    let l = parse(pasted).unwrap();
    assert_eq!((l.delimiter, l.rows.len()), ('\t', 1));
    let semi = "site;source;quantity;unit;colour\nA;diesel;12,5;kg;blue\n";
    let l = parse(semi).unwrap();
    assert_eq!(l.delimiter, ';');
    assert_eq!(l.ignored_columns, vec!["colour".to_string()]);
    // 12,5 in a semicolon file is a European decimal comma: read as 12.5 (never 125), and the
    // file's format is shown with the cell that decided it.
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    assert_eq!(l.rows[0]["quantity"], "12.5");
    assert_eq!(l.numbers.format, Some(ledger::NumberFormat::Comma));
    assert!(l.numbers.why.contains("12,5"));
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
    // A site whose words include "sum" or "total" (the generator once made "SUm") is read as a
    // total row: left out and reported in `totals`, by design, so no such site is generated.
    let site = cell().prop_filter("a total's label is read as a total row", |s| {
        !s.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
            ["total", "totals", "subtotal", "subtotals", "sum"]
                .iter()
                .any(|t| w.eq_ignore_ascii_case(t))
        })
    });
    (site, prop::sample::select(vec!["", "2018-01", "2018-12"]), source, 0u64..10_000_000, 0u32..4, prop::sample::select(vec!["guangdong", "cn-east"]), cell())
        .prop_map(|(site, period, (source, unit), n, dp, grid, note)| {
            let mut r = json!({ "site": site.trim(), "source": source, "quantity": rust_decimal::Decimal::new(n as i64, dp).to_string(), "unit": unit });
            let o = r.as_object_mut().unwrap();
            if !period.is_empty() { o.insert("period".into(), json!(period)); }
            // Every electricity row has a grid: a row with no factor is not imported.
            if source == "electricity" { o.insert("grid".into(), json!(grid)); }
            if !note.trim().is_empty() { o.insert("note".into(), json!(note.trim())); }
            r
        })
}

/// Rows with what only some rows have: an inline factor (one gas or per gas) and their own
/// calorific value.
fn rich_row() -> impl Strategy<Value = Value> {
    (row(), 0u8..3, 1u64..100_000).prop_map(|(mut r, kind, n)| {
        let v = rust_decimal::Decimal::new(n as i64, 4).to_string();
        let o = r.as_object_mut().unwrap();
        let per = match o["unit"].as_str().unwrap() {
            "m3" => "m3",
            "kg" => "kg",
            "unit" => "unit",
            _ => "kWh",
        };
        match kind {
            0 => {
                o.insert("factor".into(), json!({ "value": v, "unit": format!("kgCO2e/{per}"), "source": "supplier, 2018" }));
            }
            1 if per != "kWh" => {
                o.insert("factor".into(), json!({ "co2": v, "ch4": "0.001", "unit": format!("kg/{per}") }));
                let key = format!("ncv_kj_per_{per}");
                o.insert(key, json!("38000"));
            }
            _ => {}
        }
        r
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_the_same_rows(rows in prop::collection::vec(prop_oneof![row(), rich_row()], 1..30)) {
        let back = parse(&to_csv(&rows)).unwrap();
        prop_assert!(back.problems.is_empty(), "{:?}", back.problems);
        prop_assert_eq!(back.rows, rows);
    }
}

#[test]
fn breakdowns_by_site_month_and_source_add_up_to_the_kpi_table() {
    let l = parse(&fixture("ledger-large-en.csv")).unwrap();
    let r = calculate_value(&json!({ "energy": l.rows }));
    assert!(r.errors.is_empty());
    let d = r.details.as_ref().unwrap();
    let b = &d.breakdowns;
    assert_eq!(
        (b.by_site.len(), b.by_month.len(), b.by_source.len()),
        (600, 12, 3)
    );
    assert_eq!(b.by_month[0].key, "2018-01");
    assert_eq!(b.by_month[0].rows, 1_800);
    let dec = |s: &Option<esg_kpi_calculator::engine::results::Num>| s.unwrap().get();
    let total = r.kpis.get(KpiId::GhgTotal).unwrap().exact().unwrap();
    let energy = r.kpis.get(KpiId::EnergyTotal).unwrap().exact().unwrap();
    for groups in [&b.by_site, &b.by_month, &b.by_source] {
        let t: rust_decimal::Decimal = groups.iter().map(|g| dec(&g.ghg_t)).sum();
        let e: rust_decimal::Decimal = groups.iter().map(|g| dec(&g.energy_mwh)).sum();
        // Grouped differently from the scopes, so equal to the last of 28 significant digits.
        assert!(
            (t - total).abs() < rust_decimal::Decimal::new(1, 18),
            "{t} vs {total}"
        );
        assert!(
            (e - energy).abs() < rust_decimal::Decimal::new(1, 18),
            "{e} vs {energy}"
        );
        assert_eq!(groups.iter().map(|g| g.rows).sum::<usize>(), 21_600);
    }
    assert!(
        r.data_quality.is_empty(),
        "the generated ledger is clean: {:?}",
        r.data_quality
    );
}

#[test]
fn data_quality_finds_missing_months_outliers_duplicates_and_mixed_units() {
    let csv = "site,month,source,quantity,unit,grid\n\
        A,2018-01,electricity,100,kWh,guangdong\nA,2018-02,electricity,110,kWh,guangdong\nA,2018-03,electricity,105,kWh,guangdong\nA,2018-04,electricity,10500,kWh,guangdong\n\
        B,2018-01,electricity,50,kWh,guangdong\nB,2018-03,electricity,55,kWh,guangdong\nB,2018-04,electricity,55,kWh,guangdong\nB,2018-04,electricity,55,kWh,guangdong\n\
        C,2018-01,natural_gas,10,m3,\nC,2018-02,natural_gas,1,GJ,\nC,2018-03,natural_gas,10,m3,\nC,2018-04,natural_gas,10,m3,\n";
    let l = parse(csv).unwrap();
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let r = calculate_value(&json!({ "energy": l.rows }));
    let find = |id: &str| common::quality(&r, id);
    assert_eq!(
        find("quality:missing-months"),
        "1 site has no rows for some months the others have: B (2018-02)."
    );
    assert!(find("quality:outliers").starts_with("1 row is more than 10 times its site's median for that source: energy line 4: 10,500 (median 110)"));
    assert!(find("quality:duplicates").starts_with("1 row repeats an earlier row exactly (site, period, source, quantity, unit): energy line 8 repeats energy line 7"));
    assert_eq!(find("quality:units:C:natural_gas"), "C reports natural gas in several units (GJ, m3): check that each row's unit is the meter's.");
    assert_eq!(r.data_quality.len(), 4);
}

#[test]
fn a_long_data_quality_list_names_five_and_counts_the_rest() {
    let mut csv = String::from("site,month,source,quantity,unit,grid\n");
    for _ in 0..8 {
        csv.push_str("A,2018-01,electricity,100,kWh,guangdong\n");
    }
    let r = calculate_value(&json!({ "energy": parse(&csv).unwrap().rows }));
    let d = r
        .data_quality
        .iter()
        .find(|c| c.id == "quality:duplicates")
        .unwrap();
    assert_eq!(
        d.message.to_string(),
        "7 rows repeat an earlier row exactly (site, period, source, quantity, unit): \
         energy line 2 repeats energy line 1; energy line 3 repeats energy line 1; energy line 4 repeats energy line 1; energy line 5 repeats energy line 1; energy line 6 repeats energy line 1; and 2 more. \
         Counted twice unless removed."
    );
}

#[test]
fn a_page_writes_only_the_trace_it_shows_and_computes_everything_else_the_same() {
    use esg_kpi_calculator::engine::{calc, calculate_value_with, TraceLimit};
    let l = parse(&fixture("ledger-large-en.csv")).expect("the large fixture reads");
    let mut doc = json!({ "organisation": { "employees": "600", "floor_area_m2": "90000" }, "energy": l.rows });
    // A prior year too, so that every period is limited the same way.
    doc["prior"] =
        json!({ "organisation": { "employees": "590" }, "energy": doc["energy"].clone() });
    let full = calculate_value(&doc);
    let (shown, scenario) = calculate_value_with(&doc, TraceLimit::First(300));
    let total = full.trace.len();
    assert!(total > 21_600);
    assert_eq!(shown.trace.len() + shown.trace_omitted, total);
    assert_eq!(shown.trace_omitted, 21_600 - 300);
    // The lines written are the full trace's: the first 300 activity lines, then the rest.
    assert_eq!(shown.trace[..300], full.trace[..300]);
    assert_eq!(shown.trace[300..], full.trace[21_600..]);
    for (key, p) in &full.periods {
        assert_eq!(
            shown.periods[key].trace.len() + shown.periods[key].trace_omitted,
            p.trace.len()
        );
        assert_eq!(shown.periods[key].kpis, p.kpis);
    }
    // Everything else is the same: KPIs, checks, breakdowns, data quality.
    assert_eq!(shown.kpis, full.kpis);
    assert_eq!(shown.checks, full.checks);
    assert_eq!(shown.details, full.details);
    assert_eq!(shown.data_quality, full.data_quality);
    // The API's results never omit a line, and say nothing about it.
    assert_eq!(full.trace_omitted, 0);
    assert!(!full.to_json().contains("trace_omitted"));
    assert!(shown.to_json().contains("\"trace_omitted\":21300"));
    // From the scenario as read, the whole trace is written again, identical.
    let again = calc::calculate(&scenario.expect("read"), Vec::new());
    assert_eq!(again, full);
}

#[test]
fn more_rows_than_the_calculator_reads_are_refused_at_the_first_one_too_many() {
    use esg_kpi_calculator::engine::ledger::MAX_ROWS;
    let mut csv = String::from("site,month,source,quantity,unit,grid\n");
    for i in 0..=MAX_ROWS {
        csv += &format!(
            "S{},2018-01,electricity,{},kWh,guangdong\n",
            i % 600,
            1000 + i
        );
    }
    let l = parse(&csv).expect("a ledger, with a problem");
    assert_eq!(l.rows.len(), MAX_ROWS, "the rows up to the limit are read");
    let p = l
        .problems
        .last()
        .expect("the row over the limit is a problem");
    assert_eq!(
        p.line,
        MAX_ROWS + 2,
        "the header is line 1, so row 100,001 is line 100,002"
    );
    assert_eq!(
        p.message.render(esg_kpi_calculator::engine::text::Lang::En),
        "more than 100000 rows: the rest of the file was not read; split it by year or by site"
    );
}
