//! Rows summed by site, month, source, unit and factor (`ledger::sum`): the figures of the sum
//! are the figures of the rows, nothing is merged that differs in any field, and rows that
//! repeat exactly are found before summing hides them.

use esg_kpi_engine::calculate_value;
use esg_kpi_engine::ledger::{self, sum::Sums, Options};
use esg_kpi_engine::text::Lang;
use serde_json::{json, Value};

fn summed(text: &str) -> (Vec<Value>, Sums) {
    let read = ledger::read(text, &Options::default()).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let mut sums = Sums::default();
    for (row, line) in read.rows.iter().zip(&read.lines) {
        sums.add(row, *line).unwrap();
    }
    let repeats = sums.repeats();
    let rows = Sums::into_rows(std::mem::take(&mut sums), "f.csv", Lang::En);
    let mut again = Sums::default();
    for (row, line) in read.rows.iter().zip(&read.lines) {
        again.add(row, *line).unwrap();
    }
    assert_eq!(again.repeats(), repeats);
    (rows, again)
}

fn kpis(rows: &[Value]) -> Vec<(String, String)> {
    let r = calculate_value(&json!({ "schema": "esg-kpi-scenario/1", "energy": rows }));
    let v: Value = serde_json::from_str(&r.to_json()).unwrap();
    v["kpis"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, x)| (k.clone(), x["display"].to_string()))
        .collect()
}

#[test]
fn lines_that_differ_in_any_field_stay_apart_and_the_kpis_are_the_rows_kpis() {
    let text = "site,month,source,quantity,unit,grid,factor,note\n\
        A,2025-01,electricity,100,kWh,guangdong,,meter 1\n\
        A,2025-01,electricity,50,kWh,guangdong,,meter 2\n\
        A,2025-01,electricity,50,MWh,guangdong,,\n\
        A,2025-02,electricity,70,kWh,guangdong,,\n\
        B,2025-01,electricity,70,kWh,guangdong,,\n\
        A,2025-01,electricity,70,kWh,shanghai,,\n\
        A,2025-01,electricity,70,kWh,,0.5 kgCO2e/kWh,\n\
        A,2025-01,diesel,70,L,,,\n";
    let read = ledger::read(text, &Options::default()).unwrap();
    let (rows, sums) = summed(text);
    assert_eq!(sums.rows_added(), 8);
    assert_eq!(rows.len(), 7, "{rows:#?}");
    // The two meter rows are one line of 150 kWh, saying what it sums; a line of one row keeps
    // its own note.
    assert_eq!(rows[0]["quantity"], "150");
    assert_eq!(
        rows[0]["note"],
        "sum of 2 rows of f.csv, the first on line 2"
    );
    assert!(rows[1].get("note").is_none());
    assert_eq!(kpis(&rows), kpis(&read.rows));
}

#[test]
fn a_separator_inside_a_name_cannot_join_two_different_rows() {
    let a = json!({ "site": "X\u{1e}site\u{1f}sY", "source": "electricity", "quantity": "1", "unit": "kWh", "grid": "guangdong" });
    let b = json!({ "site": "X", "source": "electricity", "quantity": "1", "unit": "kWh", "grid": "guangdong" });
    let mut sums = Sums::default();
    sums.add(&a, 2).unwrap();
    sums.add(&b, 3).unwrap();
    assert_eq!(sums.lines(), 2);
    assert_eq!(sums.repeats().count, 0);
}

#[test]
fn rows_that_repeat_exactly_are_named_with_the_line_they_repeat() {
    let text = "site,month,source,quantity,unit,grid\n\
        A,2025-01,electricity,100,kWh,guangdong\n\
        A,2025-02,electricity,100,kWh,guangdong\n\
        A,2025-01,electricity,100.0,kWh,guangdong\n\
        A,2025-01,electricity,101,kWh,guangdong\n\
        A,2025-02,electricity,100,kWh,guangdong\n";
    let (rows, sums) = summed(text);
    let repeats = sums.repeats();
    // 100.0 is 100: line 4 repeats line 2; line 6 repeats line 3. 101 is not a repeat.
    assert_eq!(repeats.first, vec![(4, 2), (6, 3)]);
    assert_eq!((repeats.count, repeats.complete), (2, true));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["quantity"], "301");
}

#[test]
fn a_quantity_that_is_not_a_number_or_a_sum_too_large_is_a_problem_at_its_line() {
    let mut sums = Sums::default();
    let row = |q: &str| json!({ "source": "electricity", "quantity": q, "unit": "kWh", "grid": "guangdong" });
    let p = sums.add(&row("lots"), 7).unwrap_err();
    assert_eq!(p.line, 7);
    sums.add(&row("70000000000000000000000000000"), 8).unwrap();
    let p = sums
        .add(&row("70000000000000000000000000000"), 9)
        .unwrap_err();
    assert_eq!(p.line, 9);
    assert!(p.message.render(Lang::En).contains("split the file"));
    assert_eq!(sums.rows_added(), 1);
}

/// The page's import sums a large ledger the same way, inside the reader: one line per site,
/// month, source, unit and factor, each keeping its first row's readings, repeats said in a
/// notice in the page's language, and how many rows there were.
#[test]
fn the_reader_sums_when_asked_and_says_what_it_did() {
    use esg_kpi_engine::ledger::SumRows;
    let text = "地點,月份,能源,用量,單位,電網\n\
        深圳廠房,2025-01,電力,100,度,深圳\n\
        深圳廠房,2025-01,電力,100,度,深圳\n\
        深圳廠房,2025-01,電力,50,度,深圳\n\
        深圳廠房,2025-02,電力,70,度,深圳\n";
    let whole = ledger::read(text, &Options::default()).unwrap();
    let summed = ledger::read(
        text,
        &Options {
            sum: Some(SumRows {
                from: "電費.csv".into(),
                lang: Lang::ZhHant,
            }),
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(summed.rows.len(), 2);
    assert_eq!(summed.lines, vec![2, 5]);
    assert_eq!(summed.rows[0]["quantity"], "250");
    assert_eq!(
        summed.rows[0]["note"],
        "電費.csv 中 3 行的總和，首行為第 2 行"
    );
    assert_eq!(
        summed.readings[0], whole.readings[0],
        "the first row's readings"
    );
    let s = summed.summed.as_ref().unwrap();
    assert_eq!(
        (s.rows, s.repeats.count, s.repeats.first.clone()),
        (4, 1, vec![(3, 2)])
    );
    let notice = summed.notices.last().unwrap();
    assert!(
        notice
            .render(Lang::ZhHant)
            .starts_with("1 行與之前某行完全相同"),
        "{}",
        notice.render(Lang::ZhHant)
    );
    assert!(notice
        .render(Lang::En)
        .ends_with("line = earlier line: 3 = 2."));
    assert_eq!(kpis(&summed.rows), kpis(&whole.rows));
    assert!(whole.summed.is_none());
}

#[test]
fn a_ledger_whose_rows_are_all_different_lines_is_left_as_read() {
    use esg_kpi_engine::ledger::SumRows;
    let text = "site,month,source,quantity,unit,grid,note\n\
        A,2025-01,electricity,100,kWh,guangdong,meter 1\n\
        A,2025-02,electricity,100,kWh,guangdong,\n\
        B,2025-01,electricity,100,kWh,guangdong,\n";
    let whole = ledger::read(text, &Options::default()).unwrap();
    let asked = ledger::read(
        text,
        &Options {
            sum: Some(SumRows {
                from: "f.csv".into(),
                lang: Lang::En,
            }),
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(
        asked, whole,
        "nothing to sum: the reading as it was, and nothing said"
    );
}
