//! Excel and OpenDocument workbooks for the ESG KPI Calculator's import: a workbook's sheet
//! names, and one sheet as tab-separated text that the calculator's one reader
//! (`engine::ledger`) then reads like any pasted cells — the same mapping, the same rules, the
//! same messages.
//!
//! Built to a wasm module of its own (`scripts/workbook.sh`) that the page loads only when a
//! workbook is opened, so that the first visit does not carry calamine; the single file and
//! the drop-in script carry it inline, not decoded until needed, so they read workbooks
//! offline.
//!
//! What a sheet's cells become:
//! - the text of the line is the sheet's row: line 5 is row 5, so a problem the import reports
//!   "on line 5" is on row 5 of the sheet;
//! - numbers as Excel stores them (a binary double, printed in the shortest form that reads
//!   back to the same double: `1234.5`, never `1234.4999999`); formulas as their cached value;
//! - dates as Excel's serial day number, which the reader reads as a date in a period column;
//! - a merged title's text in its first cell; errors (`#N/A`) as written, so the reader stops
//!   at them.

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use std::io::Cursor;
use wasm_bindgen::prelude::*;

/// The most cells one sheet may hold (a ledger import reads at most 100,000 rows).
const MAX_CELLS: usize = 20_000_000;

/// The names of a workbook's sheets, in order, one per line.
pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    let book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("this workbook cannot be opened: {e}"))?;
    Ok(book.sheet_names().to_vec())
}

/// One sheet as tab-separated text, row by row from the sheet's first row.
pub fn sheet_text(bytes: &[u8], name: &str) -> Result<String, String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("this workbook cannot be opened: {e}"))?;
    let range = book
        .worksheet_range(name)
        .map_err(|e| format!("the sheet “{name}” cannot be read: {e}"))?;
    let (height, width) = range.get_size();
    if height.saturating_mul(width) > MAX_CELLS {
        return Err(format!(
            "the sheet “{name}” has {height} rows × {width} columns; split it by year or by site"
        ));
    }
    let mut out = String::new();
    // Rows above the first used one stay as empty lines, so that line numbers are row numbers.
    if let Some((first_row, _)) = range.start() {
        for _ in 0..first_row {
            out.push('\n');
        }
    }
    for row in range.rows() {
        let cells: Vec<String> = row.iter().map(cell).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    Ok(out)
}

/// A cell as text, quoted (RFC 4180) where it holds a tab, a line break or a quote.
fn cell(value: &Data) -> String {
    let text = match value {
        Data::Empty => return String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Rust prints a double in the shortest form that reads back to it: what Excel stored.
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => d.as_f64().to_string(),
        Data::Error(e) => e.to_string(),
    };
    if text.contains(['\t', '\n', '\r', '"']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The first sheet that looks like a table: one with a row of two or more filled cells among
/// its first 30 rows (a read-me sheet of single-cell notes is passed over). `None` when none is.
pub fn first_table(bytes: &[u8]) -> Result<Option<String>, String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("this workbook cannot be opened: {e}"))?;
    for name in book.sheet_names().to_vec() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let table = range
            .rows()
            .take(30)
            .any(|row| row.iter().filter(|c| !matches!(c, Data::Empty)).count() >= 2);
        if table {
            return Ok(Some(name));
        }
    }
    Ok(None)
}

/// For the page: the sheet names, one per line, the first that looks like a table first of all
/// (JS `sheets(bytes)`: "that name", then every name in order); throws with a sentence.
#[wasm_bindgen(js_name = sheets)]
pub fn js_sheets(bytes: &[u8]) -> Result<String, JsValue> {
    let names = sheet_names(bytes).map_err(|e| JsValue::from_str(&e))?;
    let first = first_table(bytes)
        .map_err(|e| JsValue::from_str(&e))?
        .or_else(|| names.first().cloned())
        .unwrap_or_default();
    Ok(std::iter::once(first)
        .chain(names)
        .collect::<Vec<_>>()
        .join("\n"))
}

/// For the page: one sheet as tab-separated text (JS `sheet(bytes, name)`).
#[wasm_bindgen(js_name = sheet)]
pub fn js_sheet(bytes: &[u8], name: &str) -> Result<String, JsValue> {
    sheet_text(bytes, name).map_err(|e| JsValue::from_str(&e))
}
