//! A workbook as facilities teams send it (`tests/fixtures/workbooks/facilities-workbook.xlsx`,
//! written by `make.py` beside it): its sheets listed, each read as tab-separated text whose
//! line numbers are the sheet's rows, then read by the calculator's one reader like pasted
//! cells — merged title skipped, Excel dates as months, the HK$ column named as not used, the
//! Total row left out — to the figures worked out here by hand. And no panic on any bytes.

use esg_kpi_calculator::engine::ledger::{read, Options};
use esg_kpi_workbook::{sheet_names, sheet_text};
use rust_decimal::Decimal;
use std::str::FromStr;

fn workbook() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/workbooks/facilities-workbook.xlsx"
    ))
    .unwrap()
}

fn total(rows: &[serde_json::Value], source: &str) -> Decimal {
    rows.iter()
        .filter(|r| r["source"] == source)
        .map(|r| Decimal::from_str(r["quantity"].as_str().unwrap()).unwrap())
        .sum()
}

#[test]
fn every_sheet_is_listed_and_read_like_pasted_cells() {
    let book = workbook();
    assert_eq!(
        sheet_names(&book).unwrap(),
        vec!["Read me", "Electricity 2025", "燃料"]
    );
    let text = sheet_text(&book, "Electricity 2025").unwrap();
    // Row 1 is the merged title, row 2 blank, row 3 the header: line numbers are row numbers.
    assert!(
        text.starts_with("ABC Holdings — purchased electricity, 2025\t\t\t\t\t\n"),
        "{text}"
    );
    let options = Options {
        reporting_period: Some("2025".into()),
        ..Options::default()
    };
    let l = read(&text, &options).unwrap();
    assert_eq!((l.header_line, l.rows.len()), (3, 6), "{:#?}", l.problems);
    assert!(l.problems.is_empty(), "{:#?}", l.problems);
    // 21,450 + 19,870 + 22,310 + 8,420.5 + 7,985 + 8,102.25 kWh; the Total row left out.
    assert_eq!(
        total(&l.rows, "electricity"),
        Decimal::from_str("88137.75").unwrap()
    );
    assert_eq!(l.totals.len(), 1);
    assert_eq!(l.totals[0].line, 10);
    // Excel dates (serial days, shown as Jan-25) became months; the HK$ column is named.
    let months: Vec<&str> = l
        .rows
        .iter()
        .map(|r| r["period"].as_str().unwrap())
        .collect();
    assert_eq!(
        months,
        ["2025-01", "2025-02", "2025-03", "2025-01", "2025-02", "2025-03"]
    );
    assert!(l.unused_numeric.contains(&"Amount (HK$)".to_string()));
    assert_eq!(
        l.rows[0]["grid"], "guangdong",
        "深圳 read as Guangdong's grid"
    );

    // The Traditional Chinese fuel log: litres of 柴油 and 無鉛汽油, default densities.
    let fuel = read(&sheet_text(&book, "燃料").unwrap(), &options).unwrap();
    assert!(fuel.problems.is_empty(), "{:#?}", fuel.problems);
    assert_eq!(fuel.rows.len(), 3);
    assert_eq!(
        total(&fuel.rows, "diesel"),
        Decimal::from_str("120.5").unwrap()
    );
    assert_eq!(
        total(&fuel.rows, "petrol"),
        Decimal::from_str("41.7").unwrap()
    );
    assert!(fuel.unused_numeric.contains(&"金額(港元)".to_string()));

    assert!(sheet_text(&book, "No such sheet")
        .unwrap_err()
        .contains("No such sheet"));
}

#[test]
fn bytes_that_are_not_a_workbook_are_refused_with_a_sentence_never_a_panic() {
    assert!(sheet_names(b"site,quantity\n")
        .unwrap_err()
        .contains("cannot be opened"));
    assert!(sheet_names(&[]).is_err());
    // Every workbook cut short, and bytes changed all through it (a fixed walk, so that a
    // failure repeats): each gives names or a refusal, and never a panic.
    let book = workbook();
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut opened = 0;
    for i in 0..400usize {
        let mut bytes = if i % 4 == 0 {
            book[..(next() as usize % book.len())].to_vec()
        } else {
            book.clone()
        };
        for _ in 0..(1 + next() % 8) {
            if bytes.is_empty() {
                break;
            }
            let at = next() as usize % bytes.len();
            bytes[at] = next() as u8;
        }
        let result = std::panic::catch_unwind(|| {
            sheet_names(&bytes).map(|names| {
                for n in names {
                    let _ = sheet_text(&bytes, &n);
                }
            })
        });
        assert!(result.is_ok(), "calamine panicked on mutation {i}");
        if matches!(result, Ok(Ok(()))) {
            opened += 1;
        }
    }
    println!("workbook fuzz: 400 mutated workbooks, {opened} still opened, 0 panics");
}

#[test]
fn the_first_sheet_that_looks_like_a_table_is_offered_first() {
    assert_eq!(
        esg_kpi_workbook::first_table(&workbook())
            .unwrap()
            .as_deref(),
        Some("Electricity 2025"),
        "the read-me sheet of one-cell notes is passed over"
    );
}
