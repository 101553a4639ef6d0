//! Activity rows as facilities teams send them: CSV exported from Excel (comma, semicolon or
//! tab; quoted fields; a BOM or not; English or Chinese headers), or cells pasted from a
//! spreadsheet. Reading gives scenario energy rows plus one located problem per bad row
//! (line, column, value, message); nothing changes until the page's user confirms. Writing
//! gives a CSV that reads back to the same rows.
//!
//! Text arrives decoded (the page decodes UTF-8, GB18030 or Big5 with the browser's own
//! decoders); everything here is pure.

use super::number;
use super::scenario;
use super::text::Text;
use super::units::{QuantityUnit, Source};
use crate::engine::DecOps as _;
use crate::t;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// The largest text read: larger files are refused with a message, not half-read.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The most rows one import takes.
pub const MAX_ROWS: usize = 100_000;

/// The columns of a ledger, in the order an export writes them.
pub const COLUMNS: [Column; 9] = [
    Column::Site,
    Column::Period,
    Column::Source,
    Column::Quantity,
    Column::Unit,
    Column::Density,
    Column::Grid,
    Column::Factor,
    Column::Note,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Site,
    Period,
    Source,
    Quantity,
    Unit,
    /// kg per litre, for fuels measured in litres.
    Density,
    Grid,
    Factor,
    Note,
}

impl Column {
    /// The scenario key, and the header an export writes.
    pub fn id(self) -> &'static str {
        match self {
            Column::Site => "site",
            Column::Period => "period",
            Column::Source => "source",
            Column::Quantity => "quantity",
            Column::Unit => "unit",
            Column::Density => "density_kg_per_l",
            Column::Grid => "grid",
            Column::Factor => "factor",
            Column::Note => "note",
        }
    }

    /// Header names accepted, in English and Chinese (compared without case and spaces).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Site => &[
                "site", "sitename", "location", "facility", "store", "地點", "地点", "場地",
                "场地", "設施", "设施", "門店", "门店",
            ],
            Column::Period => &[
                "period",
                "month",
                "date",
                "year",
                "reportingperiod",
                "期間",
                "期间",
                "月份",
                "年月",
                "日期",
                "報告期",
                "报告期",
            ],
            Column::Source => &[
                "source",
                "energysource",
                "energy",
                "fuel",
                "type",
                "能源",
                "能源類別",
                "能源类别",
                "能源種類",
                "能源种类",
                "來源",
                "来源",
                "燃料",
            ],
            Column::Quantity => &[
                "quantity",
                "amount",
                "consumption",
                "usage",
                "value",
                "qty",
                "用量",
                "數量",
                "数量",
                "消耗量",
                "耗用量",
                "使用量",
            ],
            Column::Unit => &["unit", "units", "uom", "單位", "单位"],
            Column::Density => &["densitykgperl", "density", "密度"],
            Column::Grid => &[
                "grid", "province", "region", "電網", "电网", "省份", "地區", "地区",
            ],
            Column::Factor => &["factor", "factorid", "emissionfactor", "排放因子", "因子"],
            Column::Note => &[
                "note", "notes", "comment", "comments", "remark", "remarks", "備註", "备注",
                "說明", "说明",
            ],
        }
    }

    fn find(header: &str) -> Option<Column> {
        let h: String = header
            .trim()
            .trim_start_matches('\u{feff}')
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        COLUMNS
            .into_iter()
            .find(|c| c.aliases().contains(&h.as_str()))
    }
}

/// A problem with one line, or with the whole text (line 0).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// 1-based line of the text (the header is line 1); 0 for the whole text.
    pub line: usize,
    /// The column's header as written in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub message: Text,
}

/// What a text holds: rows ready for a scenario, and the lines that are not.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// Energy rows as a scenario holds them (numbers as the file wrote them).
    pub rows: Vec<Value>,
    /// The line each row came from.
    pub lines: Vec<usize>,
    pub problems: Vec<Problem>,
    /// Data lines read (blank lines not counted).
    pub read: usize,
    pub delimiter: char,
    /// Headers not recognised, ignored.
    pub ignored_columns: Vec<String>,
}

fn whole(message: Text) -> Problem {
    Problem {
        line: 0,
        column: None,
        value: None,
        message,
    }
}

/// Reads a ledger. `Err` when the text as a whole cannot be one (empty, binary, too large, no
/// header the calculator knows).
pub fn parse(text: &str) -> Result<Ledger, Problem> {
    if text.len() > MAX_BYTES {
        return Err(whole(t!(
            "the file is {0} MB; the calculator reads files up to {1} MB (about {2} rows) — split it by year or by site",
            format!(
                "{:.1}",
                Decimal::from(text.len())
                    .cdiv(Decimal::from(1_048_576u32))
                    .unwrap_or_default()
                    .round_dp_with_strategy(1, number::DISPLAY_ROUNDING)
            ),
            (MAX_BYTES / 1_048_576).to_string(),
            MAX_ROWS.to_string()
        )));
    }
    let text = text.trim_start_matches('\u{feff}');
    let controls = text
        .chars()
        .take(4096)
        .filter(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || *c == '\u{fffd}')
        .count();
    if text.contains('\0') || controls > 8 {
        return Err(whole(t!(
            "this is not a text file (CSV or tab-separated); in Excel, use “Save As” → CSV UTF-8"
        )));
    }
    if text.trim().is_empty() {
        return Err(whole(t!("the file is empty")));
    }
    let header_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = [',', '\t', ';']
        .into_iter()
        .max_by_key(|d| header_line.matches(*d).count())
        .filter(|d| header_line.contains(*d))
        .unwrap_or(',');
    let records = split_records(text, delimiter);
    let mut records = records
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let Some((_, headers)) = records.next() else {
        return Err(whole(t!("the file is empty")));
    };
    let columns: Vec<Option<Column>> = headers.iter().map(|h| Column::find(h)).collect();
    let missing: Vec<&str> = [Column::Source, Column::Quantity, Column::Unit]
        .into_iter()
        .filter(|c| !columns.contains(&Some(*c)))
        .map(Column::id)
        .collect();
    if !missing.is_empty() {
        return Err(whole(t!(
            "the first line must name the columns; missing: {0} (accepted headers include site, period or month, source, quantity, unit, density, grid, factor, note, or 地點, 月份, 能源, 用量, 單位)",
            missing.join(", ")
        )));
    }
    let ignored_columns = headers
        .iter()
        .zip(&columns)
        .filter(|(h, c)| c.is_none() && !h.trim().is_empty() && extra_key(h).is_none())
        .map(|(h, _)| h.trim().to_string())
        .collect();
    let mut ledger = Ledger {
        rows: Vec::new(),
        lines: Vec::new(),
        problems: Vec::new(),
        read: 0,
        delimiter,
        ignored_columns,
    };
    for (line, cells) in records {
        ledger.read += 1;
        if ledger.read > MAX_ROWS {
            ledger.problems.push(Problem {
                line,
                column: None,
                value: None,
                message: t!(
                    "more than {0} rows: the rest of the file was not read; split it by year or by site",
                    MAX_ROWS.to_string()
                ),
            });
            ledger.read -= 1;
            break;
        }
        match row(line, &headers, &columns, &cells) {
            Ok(r) => {
                ledger.rows.push(r);
                ledger.lines.push(line);
            }
            Err(mut p) => ledger.problems.append(&mut p),
        }
    }
    if ledger.read == 0 {
        return Err(whole(t!("the file has its header line but no rows")));
    }
    check_with_the_reader(&mut ledger, &headers, &columns);
    Ok(ledger)
}

/// One data line as an energy row, or its problems.
fn row(
    line: usize,
    headers: &[String],
    columns: &[Option<Column>],
    cells: &[String],
) -> Result<Value, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut out = Map::new();
    let cell = |c: Column| {
        columns.iter().position(|x| *x == Some(c)).map(|i| {
            (
                headers.get(i).map_or("", |h| h.trim()).to_string(),
                cells.get(i).map_or("", |s| s.trim()).to_string(),
            )
        })
    };
    let mut problem = |c: Column, value: &str, message: Text| {
        problems.push(Problem {
            line,
            column: cell(c).map(|(h, _)| h),
            value: Some(value.to_string()),
            message,
        })
    };
    for c in COLUMNS {
        let Some((_, value)) = cell(c) else { continue };
        // A cell an export defused (`'=…`) reads back as written.
        let (value, defused) = match value.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => (rest.to_string(), true),
            _ => (value, false),
        };
        if !defused && value.starts_with('=') && c != Column::Note {
            problem(c, &value, t!("a spreadsheet formula, not its value: in Excel copy the cells and paste them as values, then export again"));
            continue;
        }
        match c {
            Column::Source => match source_of(&value) {
                Some(s) => {
                    out.insert("source".into(), json!(s.id()));
                }
                None if value.is_empty() => problem(c, &value, t!("the source is empty; use electricity, natural gas, towngas, LPG, diesel or petrol")),
                None => problem(c, &value, t!("unknown source “{0}”; use electricity, natural gas, towngas, LPG, diesel or petrol (or 電力, 天然氣, 煤氣, 石油氣, 柴油, 汽油)", &value)),
            },
            Column::Unit => match unit_of(&value) {
                Some(u) => {
                    out.insert("unit".into(), json!(u.id()));
                }
                None => problem(c, &value, t!("unknown unit “{0}”; use kWh, MWh, GJ, m3, kg, L or unit (towngas)", &value)),
            },
            Column::Density if value.is_empty() => {}
            Column::Quantity | Column::Density => match number::parse_non_negative(&value) {
                Ok(Some(_)) => {
                    out.insert(c.id().into(), json!(value));
                }
                Ok(None) => problem(c, &value, t!("enter the quantity consumed")),
                Err(e) => problem(c, &value, e.text()),
            },
            Column::Site | Column::Period | Column::Grid | Column::Factor | Column::Note => {
                if !value.is_empty() || c == Column::Site {
                    out.insert(c.id().into(), json!(value));
                }
            }
        }
    }
    // The other keys an energy row may have, as an export writes them: the row's own
    // calorific value, and an inline factor flattened as factor.value, factor.unit, ….
    for (i, header) in headers.iter().enumerate() {
        let (Some((key, sub)), None) = (extra_key(header), columns.get(i).copied().flatten())
        else {
            continue;
        };
        let value = cells.get(i).map_or("", |s| s.trim());
        if value.is_empty() {
            continue;
        }
        match sub {
            None => {
                out.insert(key.into(), json!(value));
            }
            Some(sub) => {
                let slot = out.entry(key).or_insert_with(|| json!({}));
                if let Some(obj) = slot.as_object_mut() {
                    obj.insert(sub.into(), json!(value));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(Value::Object(out))
    } else {
        Err(problems)
    }
}

/// What the scenario reader says about the rows (a grid that does not exist, a factor that
/// does not fit), put back on their lines; those rows are dropped.
fn check_with_the_reader(ledger: &mut Ledger, headers: &[String], columns: &[Option<Column>]) {
    let doc = json!({ "energy": ledger.rows });
    let (_, errors) = scenario::read(&doc);
    if errors.is_empty() {
        return;
    }
    let mut bad = vec![false; ledger.rows.len()];
    for e in errors {
        let Some(rest) = e.path.strip_prefix("energy[") else {
            continue;
        };
        let Some((index, field)) = rest.split_once(']') else {
            continue;
        };
        let Ok(i) = index.parse::<usize>() else {
            continue;
        };
        let Some(line) = ledger.lines.get(i).copied() else {
            continue;
        };
        let key = field
            .trim_start_matches('.')
            .split('.')
            .next()
            .unwrap_or("");
        let column = COLUMNS
            .into_iter()
            .find(|c| c.id() == key)
            .and_then(|c| columns.iter().position(|x| *x == Some(c)))
            .and_then(|i| headers.get(i))
            .map(|h| h.trim().to_string());
        let value = ledger
            .rows
            .get(i)
            .and_then(|row| row.get(key))
            .and_then(Value::as_str)
            .map(str::to_string);
        ledger.problems.push(Problem {
            line,
            column,
            value,
            message: e.message,
        });
        if let Some(b) = bad.get_mut(i) {
            *b = true;
        }
    }
    let mut keep = bad.iter().map(|b| !b);
    ledger.rows.retain(|_| keep.next().unwrap_or(false));
    let mut keep = bad.iter().map(|b| !b);
    ledger.lines.retain(|_| keep.next().unwrap_or(false));
    ledger.problems.sort_by_key(|p| p.line);
}

/// Energy-row keys beyond [`COLUMNS`] that a ledger carries as columns of their own.
const EXTRA_KEYS: [&str; 3] = ["ncv_kj_per_m3", "ncv_kj_per_kg", "ncv_kj_per_unit"];
/// The keys of an inline factor, as `factor.<key>` columns.
const FACTOR_KEYS: [&str; 6] = ["value", "unit", "source", "co2", "ch4", "n2o"];

/// A header naming one of those keys: (`key`, `None`) or (`factor`, `Some(sub-key)`).
fn extra_key(header: &str) -> Option<(&'static str, Option<&'static str>)> {
    let h = header.trim();
    if let Some(sub) = h.strip_prefix("factor.") {
        return FACTOR_KEYS
            .iter()
            .find(|k| **k == sub)
            .map(|k| ("factor", Some(*k)));
    }
    EXTRA_KEYS.iter().find(|k| **k == h).map(|k| (*k, None))
}

/// A source by its id, its English name or its Chinese one.
pub fn source_of(text: &str) -> Option<Source> {
    let t: String = text
        .trim()
        .to_ascii_lowercase()
        .replace([' ', '_', '-'], "");
    Some(match t.as_str() {
        "electricity"
        | "purchasedelectricity"
        | "power"
        | "電力"
        | "电力"
        | "外購電力"
        | "外购电力"
        | "電"
        | "电"
        | "用電"
        | "用电" => Source::Electricity,
        "naturalgas" | "gas" | "ng" | "天然氣" | "天然气" => Source::NaturalGas,
        "towngas" | "煤氣" | "煤气" | "管道煤氣" | "管道煤气" => Source::Towngas,
        "lpg" | "liquefiedpetroleumgas" | "石油氣" | "石油气" | "液化石油氣" | "液化石油气" => {
            Source::Lpg
        }
        "diesel" | "gasoil" | "柴油" => Source::Diesel,
        "petrol" | "gasoline" | "汽油" => Source::Petrol,
        _ => return None,
    })
}

/// A unit by its symbol, or the Chinese name.
pub fn unit_of(text: &str) -> Option<QuantityUnit> {
    QuantityUnit::from_id(text).or(match text.trim() {
        "千瓦時" | "千瓦时" | "度" => Some(QuantityUnit::Kwh),
        "兆瓦時" | "兆瓦时" => Some(QuantityUnit::Mwh),
        "吉焦" => Some(QuantityUnit::Gj),
        "立方米" | "立方" => Some(QuantityUnit::M3),
        "公斤" | "千克" => Some(QuantityUnit::Kg),
        "公升" | "升" => Some(QuantityUnit::L),
        "煤氣單位" | "煤气单位" => Some(QuantityUnit::TowngasUnit),
        _ => None,
    })
}

/// Splits text into records of cells (RFC 4180 quoting, `""` for a quote inside quotes, line
/// breaks inside quotes kept), each with the line it starts on.
fn split_records(text: &str, delimiter: char) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            (_, '\n') if !quoted => {
                if cell.ends_with('\r') {
                    cell.pop();
                }
                cells.push(std::mem::take(&mut cell));
                out.push((start, std::mem::take(&mut cells)));
                line += 1;
                start = line;
            }
            (false, d) if d == delimiter => cells.push(std::mem::take(&mut cell)),
            (_, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        out.push((start, cells));
    }
    out
}

/// The energy rows of a scenario as a ledger CSV that [`parse`] reads back to the same rows:
/// the fixed columns, then a column for each other key a row has (its own calorific value;
/// an inline factor as `factor.value`, `factor.unit`, `factor.source`, `factor.co2` …).
pub fn to_csv(rows: &[Value]) -> String {
    // The fixed columns, then those of the other keys any row has, in a fixed order.
    let has = |key: &str, sub: Option<&str>| {
        rows.iter().any(|r| match sub {
            None => r.get(key).is_some_and(|v| !v.is_null()),
            Some(s) => r.get(key).and_then(|f| f.get(s)).is_some(),
        })
    };
    let mut extra: Vec<(String, &str, Option<&str>)> = EXTRA_KEYS
        .iter()
        .filter(|k| has(k, None))
        .map(|k| (k.to_string(), *k, None))
        .collect();
    extra.extend(
        FACTOR_KEYS
            .iter()
            .filter(|k| has("factor", Some(k)))
            .map(|k| (format!("factor.{k}"), "factor", Some(*k))),
    );
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = COLUMNS
        .iter()
        .map(|c| c.id().to_string())
        .chain(extra.iter().map(|(h, ..)| h.clone()))
        .collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for r in rows {
        let cells: Vec<String> = COLUMNS
            .iter()
            .map(|c| match (c, r.get(c.id())) {
                // A factor given inline goes in the factor.* columns.
                (Column::Factor, Some(Value::Object(_))) => String::new(),
                (_, v) => quote(&text(v)),
            })
            .chain(extra.iter().map(|(_, key, sub)| {
                let v = match sub {
                    None => r.get(*key),
                    Some(s) => r
                        .get(*key)
                        .filter(|f| f.is_object())
                        .and_then(|f| f.get(*s)),
                };
                quote(&text(v))
            }))
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// A cell as CSV: quoted where needed, and defused where a spreadsheet would run it as a
/// formula (a leading apostrophe, which [`parse`] removes again).
fn quote(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    let v = v.as_str();
    if v.contains([',', '"', '\n', '\r', ';', '\t']) || v.starts_with(' ') || v.ends_with(' ') {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}
