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
                message: esg_kpi_engine::t!("this row has no quantity the calculator can add"),
            });
        };
        let mut key_row = row.clone();
        if let Some(o) = key_row.as_object_mut() {
            o.remove("quantity");
            o.remove("note");
        }
        let key = key_row.to_string();
        match self.by_key.get_mut(&key) {
            Some((_, sum, _)) => {
                *sum = sum.checked_add(quantity).ok_or_else(|| Problem {
                    line,
                    column: None,
                    value: row.get("quantity").and_then(Value::as_str).map(str::to_string),
                    message: esg_kpi_engine::t!(
                        "this row's quantity added to the rows before it exceeds what exact decimals hold: split the file"
                    ),
                })?;
            }
            None => {
                self.by_key.insert(key, (key_row, quantity, line));
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
