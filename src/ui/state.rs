//! The page's one state and its reducer (pure: no storage, no DOM).
//!
//! The scenario is kept as the JSON document the user is editing, with every number as the
//! text they typed, so nothing they enter is lost or reformatted. Each change recomputes the
//! results with the engine; the KPIs shown are the last results that had no input error.

use crate::engine::{self, path, units, Results};
use serde_json::{json, Value};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub doc: Value,
    /// Results of the document as it is now, errors included.
    pub current: Rc<Results>,
    /// The last results without input errors: what the KPI table shows.
    pub last_good: Rc<Results>,
}

pub enum Action {
    /// Sets the text at a scenario path (`organisation.employees`, `energy[0].unit`).
    Edit {
        path: String,
        text: String,
    },
    /// Chooses how an energy row gets its factor: `auto` (its grid, or the fuel's preset),
    /// `custom` (an inline factor with a source note), or a library id.
    SetFactor {
        index: usize,
        choice: String,
    },
    AddEnergyRow,
    /// Inserts a copy of a row after it.
    DuplicateEnergyRow(usize),
    RemoveEnergyRow(usize),
    /// Replaces the scenario (the built-in example, or `EsgKpi.load`).
    Load(Value),
}

impl State {
    pub fn new(doc: Value) -> Self {
        let results = Rc::new(engine::calculate_value(&doc));
        State {
            doc,
            last_good: results.clone(),
            current: results,
        }
    }

    pub fn example() -> Self {
        State::new(engine::example::example())
    }

    /// The error for one input, if it has one.
    pub fn error_at(&self, path: &str) -> Option<String> {
        self.current
            .errors
            .iter()
            .find(|e| e.path == path)
            .map(|e| e.message.clone())
    }

    fn with_doc(&self, doc: Value) -> Self {
        let current = Rc::new(engine::calculate_value(&doc));
        let last_good = if current.errors.is_empty() {
            current.clone()
        } else {
            self.last_good.clone()
        };
        State {
            doc,
            current,
            last_good,
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut doc = self.doc.clone();
        match action {
            Action::Edit { path, text } => {
                if !path::set(&mut doc, &path, Value::String(text)) {
                    return self;
                }
            }
            Action::SetFactor { index, choice } => {
                let at = format!("energy[{index}].factor");
                let source = path::text(&doc, &format!("energy[{index}].source"));
                let changed = match choice.as_str() {
                    "auto" => path::remove(&mut doc, &at),
                    "custom" => {
                        let unit = match units::Source::from_id(&source).and_then(|s| s.physical())
                        {
                            Some(units::Physical::M3) => "kgCO2e/m3",
                            Some(units::Physical::Kg) => "kgCO2e/kg",
                            Some(units::Physical::TowngasUnit) => "kgCO2e/unit",
                            None => "kgCO2e/kWh",
                        };
                        path::set(
                            &mut doc,
                            &at,
                            json!({ "value": "", "unit": unit, "source": "" }),
                        )
                    }
                    id => path::set(&mut doc, &at, Value::String(id.to_string())),
                };
                if !changed {
                    return self;
                }
            }
            Action::AddEnergyRow => {
                let row = json!({ "site": "", "source": "electricity", "quantity": "", "unit": "kWh",
                    "factor": { "value": "", "unit": "kgCO2e/kWh" } });
                match doc.get_mut("energy").and_then(Value::as_array_mut) {
                    Some(rows) => rows.push(row),
                    None => {
                        path::set(&mut doc, "energy", Value::Array(vec![row]));
                    }
                }
            }
            Action::DuplicateEnergyRow(i) => {
                match doc.get_mut("energy").and_then(Value::as_array_mut) {
                    Some(rows) if i < rows.len() => {
                        let copy = rows[i].clone();
                        rows.insert(i + 1, copy);
                    }
                    _ => return self,
                }
            }
            Action::RemoveEnergyRow(i) => {
                if let Some(rows) = doc.get_mut("energy").and_then(Value::as_array_mut) {
                    if i < rows.len() {
                        rows.remove(i);
                    }
                }
            }
            Action::Load(value) => return Rc::new(State::new(value)),
        }
        Rc::new(self.with_doc(doc))
    }
}
