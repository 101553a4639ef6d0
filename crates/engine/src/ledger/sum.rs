//! A ledger's rows summed by everything but their quantity and note: one energy line per site,
//! month, source, unit, grid and factor, however many rows there are. What a person does not
//! edit line by line (the command line's `ledger`, and large imports) is kept this way.
//!
//! Exact: a factor applied to the sum is the sum of the factor applied to each row, except
//! that a division (litres × density ÷ 3.6) rounds at the 28th significant digit once for the
//! sum instead of once per row. Rows that repeat an earlier row exactly — what the page's
//! `quality:duplicates` check finds among lines, and summing would hide — are found here,
//! before they are summed, and listed.

use super::Problem;
use crate::number;
use crate::text::Says;
use crate::DecOps as _;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// How many rows the search for exact repeats remembers (a 64-bit hash and a line each, about
/// 32 MB): beyond it, repeats are looked for among these rows only, and [`Sums::repeats`]
/// says so.
pub const REPEATS_REMEMBERED: usize = 1_000_000;

#[derive(Debug, Default)]
pub struct Sums {
    /// The row's fields but quantity and note (the key) → the row without them, the sum, the
    /// first line, the number of rows.
    by_key: BTreeMap<String, Summed>,
    rows: usize,
    key: String,
    /// Each row's hash (its key and quantity) → its line.
    seen: HashMap<u64, usize>,
    repeats: Vec<(usize, usize)>,
    repeats_found: usize,
}

#[derive(Debug)]
struct Summed {
    row: Value,
    /// The first row's note, kept when the line is that row alone.
    note: Option<Value>,
    sum: Decimal,
    first_line: usize,
    rows: usize,
}

/// Rows that repeat an earlier one exactly: the first few (line, the earlier line), how many
/// in all, and whether every row was compared (false beyond [`REPEATS_REMEMBERED`] rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeats {
    pub first: Vec<(usize, usize)>,
    pub count: usize,
    pub complete: bool,
}

impl Sums {
    /// Adds a row as the reader wrote it (from file line `line`); a problem at that line when
    /// its quantity is not a number or the sum would leave exact decimals (nothing is added).
    pub fn add(&mut self, row: &Value, line: usize) -> Result<(), Problem> {
        let written = row.get("quantity").and_then(Value::as_str);
        let Some(quantity) = written.and_then(|q| number::parse(q).ok().flatten()) else {
            return Err(Problem {
                line,
                column: None,
                value: written.map(str::to_string),
                message: NO_QUANTITY.with(&[]),
            });
        };
        // The key: every field but the quantity and the note, written into one reused buffer,
        // so that a row like one before it costs no allocation. A plain string as it is;
        // anything else (or a string holding a separator) as its JSON, tagged, so that no two
        // different rows share a key.
        self.key.clear();
        if let Some(o) = row.as_object() {
            for (k, v) in o.iter().filter(|(k, _)| *k != "quantity" && *k != "note") {
                self.key.push_str(k);
                self.key.push('\u{1f}');
                match v {
                    Value::String(s) if !s.contains(['\u{1e}', '\u{1f}']) => {
                        self.key.push('s');
                        self.key.push_str(s);
                    }
                    other => {
                        self.key.push('j');
                        self.key.push_str(&other.to_string());
                    }
                }
                self.key.push('\u{1e}');
            }
        }
        // An exact repeat of an earlier row (same fields, same quantity)?
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.key.hash(&mut hasher);
        quantity.normalize().hash(&mut hasher);
        let hash = hasher.finish();
        match self.seen.get(&hash) {
            Some(earlier) => {
                self.repeats_found += 1;
                if self.repeats.len() < 5 {
                    self.repeats.push((line, *earlier));
                }
            }
            None if self.seen.len() < REPEATS_REMEMBERED => {
                self.seen.insert(hash, line);
            }
            None => {}
        }
        match self.by_key.get_mut(self.key.as_str()) {
            Some(s) => {
                s.sum = s.sum.cadd(quantity).ok_or_else(|| Problem {
                    line,
                    column: None,
                    value: written.map(str::to_string),
                    message: SUM_TOO_LARGE.with(&[]),
                })?;
                s.rows += 1;
            }
            None => {
                let mut row = row.clone();
                let mut note = None;
                if let Some(o) = row.as_object_mut() {
                    o.shift_remove("quantity");
                    note = o.shift_remove("note");
                }
                self.by_key.insert(
                    self.key.clone(),
                    Summed {
                        row,
                        note,
                        sum: quantity,
                        first_line: line,
                        rows: 1,
                    },
                );
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Rows added.
    pub fn rows_added(&self) -> usize {
        self.rows
    }

    /// Lines the rows become.
    pub fn lines(&self) -> usize {
        self.by_key.len()
    }

    /// Exact repeats among the rows added.
    pub fn repeats(&self) -> Repeats {
        Repeats {
            first: self.repeats.clone(),
            count: self.repeats_found,
            complete: self.rows <= REPEATS_REMEMBERED,
        }
    }

    /// One energy row per key, in the order of the first line each came from; a line that sums
    /// several rows says so in its note (`from`: the file's name).
    pub fn into_rows(self, from: &str, lang: crate::text::Lang) -> Vec<Value> {
        self.into_lines(from, lang)
            .into_iter()
            .map(|(_, row)| row)
            .collect()
    }

    /// As [`Sums::into_rows`], each row with the file line of its first row.
    pub fn into_lines(self, from: &str, lang: crate::text::Lang) -> Vec<(usize, Value)> {
        let mut out: Vec<(usize, Value)> = self
            .by_key
            .into_values()
            .map(|s| {
                let mut row = s.row;
                if let Some(o) = row.as_object_mut() {
                    o.insert(
                        "quantity".into(),
                        Value::String(s.sum.normalize().to_string()),
                    );
                    if s.rows == 1 {
                        if let Some(note) = s.note {
                            o.insert("note".into(), note);
                        }
                    } else {
                        let note = SUM_NOTE.with(&[
                            s.rows.to_string(),
                            from.to_string(),
                            s.first_line.to_string(),
                        ]);
                        o.insert("note".into(), Value::String(note.render(lang)));
                    }
                }
                (s.first_line, row)
            })
            .collect();
        out.sort_by_key(|(line, _)| *line);
        out
    }
}

/// The notice for rows that repeat an earlier row exactly (none when there are none).
pub fn repeats_notice(r: &Repeats) -> Option<crate::text::Text> {
    if r.count == 0 {
        return None;
    }
    let mut pairs: Vec<String> = r
        .first
        .iter()
        .map(|(line, earlier)| format!("{line} = {earlier}"))
        .collect();
    if r.count > r.first.len() {
        pairs.push(format!("… (+{})", r.count - r.first.len()));
    }
    Some(match r.count {
        1 => REPEAT_NOTICE.with(&[pairs.join("; ")]),
        n => REPEATS_NOTICE.with(&[n.to_string(), pairs.join("; ")]),
    })
}

/// What summing says: beside the code, not in the shared table (the page does not sum rows yet,
/// so its wasm does not carry these).
pub const NO_QUANTITY: Says = Says {
    en: "this row has no quantity the calculator can add",
    hant: "此行沒有計算器可加總的用量",
    hans: "此行没有计算器可加总的用量",
};
pub const SUM_TOO_LARGE: Says = Says {
    en: "this row's quantity added to the rows before it exceeds what exact decimals hold: split the file",
    hant: "此行用量與之前各行相加後超出精確小數的範圍：請分拆檔案",
    hans: "此行用量与之前各行相加后超出精确小数的范围：请拆分文件",
};
pub const SUM_NOTE: Says = Says {
    en: "sum of {0} rows of {1}, the first on line {2}",
    hant: "{1} 中 {0} 行的總和，首行為第 {2} 行",
    hans: "{1} 中 {0} 行的总和，首行为第 {2} 行",
};
pub const REPEAT_NOTICE: Says = Says {
    en: "1 row repeats an earlier row exactly (site, month, source, quantity, unit, factor) and is summed with it, so counted twice unless removed — line = earlier line: {0}.",
    hant: "1 行與之前某行完全相同（地點、月份、能源、用量、單位、排放因子），已與之加總，除非刪除，否則會重複計算——行 = 之前的行：{0}。",
    hans: "1 行与之前某行完全相同（地点、月份、能源、用量、单位、排放因子），已与之加总，除非删除，否则会重复计算——行 = 之前的行：{0}。",
};
pub const REPEATS_NOTICE: Says = Says {
    en: "{0} rows repeat an earlier row exactly (site, month, source, quantity, unit, factor) and are summed with it, so counted twice unless removed — line = earlier line: {1}.",
    hant: "{0} 行與之前某行完全相同（地點、月份、能源、用量、單位、排放因子），已與之加總，除非刪除，否則會重複計算——行 = 之前的行：{1}。",
    hans: "{0} 行与之前某行完全相同（地点、月份、能源、用量、单位、排放因子），已与之加总，除非删除，否则会重复计算——行 = 之前的行：{1}。",
};
pub const REPEATS: Says = Says {
    en: "repeats line {0} exactly (site, month, source, quantity, unit, factor): counted twice unless removed",
    hant: "與第 {0} 行完全相同（地點、月份、能源、用量、單位、排放因子）：除非刪除，否則會重複計算",
    hans: "与第 {0} 行完全相同（地点、月份、能源、用量、单位、排放因子）：除非删除，否则会重复计算",
};

#[cfg(test)]
mod tests {
    #[test]
    fn what_summing_says_is_in_three_languages_with_the_same_placeholders() {
        let rows: Vec<_> = [
            super::NO_QUANTITY,
            super::SUM_TOO_LARGE,
            super::SUM_NOTE,
            super::REPEATS,
        ]
        .iter()
        .map(|s| s.row())
        .collect();
        assert_eq!(crate::text::table_problems(&rows), Vec::<String>::new());
    }
}
