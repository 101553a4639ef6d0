//! A ledger's rows summed by everything but their quantity and note: one energy line per
//! site, month, source, unit, grid and factor, however many rows the file has. Exact: a factor
//! applied to the sum is the sum of the factor applied to each row, in decimals.

use esg_kpi_engine::ledger::Problem;
use esg_kpi_engine::number;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Sums {
    /// The row without quantity and note (as JSON text, the key) → the row, the sum, the
    /// first line it came from.
    by_key: BTreeMap<String, (Value, Decimal, usize)>,
    rows: usize,
    key: String,
}

impl Sums {
    /// Adds a row as the reader wrote it; a problem at its line when the sum would leave
    /// exact decimals (nothing is added then).
    pub fn add(&mut self, row: &Value, line: usize) -> Result<(), Problem> {
        let written = row.get("quantity").and_then(Value::as_str);
        let Some(quantity) = written.and_then(|q| number::parse(q).ok().flatten()) else {
            return Err(Problem {
                line,
                column: None,
                value: written.map(str::to_string),
                message: crate::says::NO_QUANTITY.with(&[]),
            });
        };
        // The key: every field but the quantity and the note, written into one reused buffer,
        // so that a row like one before it costs no allocation.
        self.key.clear();
        if let Some(o) = row.as_object() {
            for (k, v) in o.iter().filter(|(k, _)| *k != "quantity" && *k != "note") {
                self.key.push_str(k);
                self.key.push('\u{1f}');
                // A plain string as it is; anything else (or a string holding a separator)
                // as its JSON, tagged, so that no two different rows share a key.
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
        match self.by_key.get_mut(self.key.as_str()) {
            Some((_, sum, _)) => {
                *sum = sum.checked_add(quantity).ok_or_else(|| Problem {
                    line,
                    column: None,
                    value: written.map(str::to_string),
                    message: crate::says::SUM_TOO_LARGE.with(&[]),
                })?;
            }
            None => {
                let mut key_row = row.clone();
                if let Some(o) = key_row.as_object_mut() {
                    o.shift_remove("quantity");
                    o.shift_remove("note");
                }
                self.by_key
                    .insert(self.key.clone(), (key_row, quantity, line));
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Rows added.
    pub fn rows_added(&self) -> usize {
        self.rows
    }

    /// One energy row per key, in the order of the first line each came from.
    pub fn rows(&self) -> Vec<Value> {
        let mut out: Vec<(usize, Value)> = self
            .by_key
            .values()
            .map(|(row, sum, line)| {
                let mut row = row.clone();
                if let Some(o) = row.as_object_mut() {
                    o.insert(
                        "quantity".into(),
                        Value::String(sum.normalize().to_string()),
                    );
                }
                (*line, row)
            })
            .collect();
        out.sort_by_key(|(line, _)| *line);
        out.into_iter().map(|(_, row)| row).collect()
    }
}
