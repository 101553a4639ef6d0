//! The page's one state and its reducer (pure: no storage, no DOM).
//!
//! The scenario is kept as the JSON document the user is editing, with every number as the
//! text they typed, so nothing they enter is lost or reformatted. Each change recomputes the
//! results with the engine; the KPIs shown are the last results that had no input error.
//! Paths carry their period: `water_m3` is the current period's, `prior.water_m3` the prior
//! year's.

use crate::engine::{self, path, units, Results};
use crate::i18n::Lang;
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
    /// Sets the text at a scenario path (`organisation.employees`, `prior.energy[0].unit`).
    Edit {
        path: String,
        text: String,
    },
    /// Chooses how an energy row (`energy[2]`, `prior.energy[0]`) gets its factor: `auto`
    /// (its grid, or the fuel's preset), `custom` (inline, with a source note), or a library id.
    SetFactor {
        row: String,
        choice: String,
    },
    /// Appends a row to a period's energy lines (`prefix` "" or "prior." …).
    AddEnergyRow {
        prefix: String,
    },
    /// Inserts a copy of a row after it.
    DuplicateEnergyRow {
        prefix: String,
        index: usize,
    },
    RemoveEnergyRow {
        prefix: String,
        index: usize,
    },
    /// Adds an empty prior or base-year period (`prior`, `base_year`).
    AddPeriod(&'static str),
    RemovePeriod(&'static str),
    /// Replaces the scenario (the built-in example, an import, a link, or `EsgKpi.load`).
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

    /// The error for one input, if it has one, in the page's language.
    pub fn error_at(&self, path: &str, lang: Lang) -> Option<String> {
        self.current
            .errors
            .iter()
            .find(|e| e.path == path)
            .map(|e| e.message.render(lang))
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

fn rows<'d>(doc: &'d mut Value, prefix: &str) -> Option<&'d mut Vec<Value>> {
    path::get_mut(doc, &format!("{prefix}energy")).and_then(Value::as_array_mut)
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut doc = self.doc.clone();
        let changed = match action {
            Action::Edit { path, text } => path::set(&mut doc, &path, Value::String(text)),
            Action::SetFactor { row, choice } => {
                let at = format!("{row}.factor");
                let source = path::text(&doc, &format!("{row}.source"));
                match choice.as_str() {
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
                }
            }
            Action::AddEnergyRow { prefix } => {
                let row =
                    json!({ "site": "", "source": "electricity", "quantity": "", "unit": "kWh" });
                match rows(&mut doc, &prefix) {
                    Some(list) => {
                        list.push(row);
                        true
                    }
                    None => path::set(
                        &mut doc,
                        &format!("{prefix}energy"),
                        Value::Array(vec![row]),
                    ),
                }
            }
            Action::DuplicateEnergyRow { prefix, index } => match rows(&mut doc, &prefix) {
                Some(list) if index < list.len() => {
                    let copy = list[index].clone();
                    list.insert(index + 1, copy);
                    true
                }
                _ => false,
            },
            Action::RemoveEnergyRow { prefix, index } => match rows(&mut doc, &prefix) {
                Some(list) if index < list.len() => {
                    list.remove(index);
                    true
                }
                _ => false,
            },
            Action::AddPeriod(key) => {
                doc.get(key).is_none()
                    && path::set(
                        &mut doc,
                        key,
                        json!({ "period": "", "organisation": {}, "energy": [] }),
                    )
            }
            Action::RemovePeriod(key) => path::remove(&mut doc, key),
            Action::Load(value) => return Rc::new(State::new(value)),
        };
        if !changed {
            return self;
        }
        Rc::new(self.with_doc(doc))
    }
}
