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
    /// Shared, not copied: with 20,000 rows a copy per render would make typing wait.
    pub doc: Rc<Value>,
    /// Results of the document as it is now, errors included.
    pub current: Rc<Results>,
    /// The last results without input errors: what the KPI table shows.
    pub last_good: Rc<Results>,
    /// The scenario a load replaced, to undo it (and, once undone, the loaded one, to redo).
    pub undo: Option<Rc<Value>>,
    /// Whether `undo` would redo the load rather than undo it.
    pub undone: bool,
    /// The results are of an earlier keystroke: a large scenario is recomputed once typing
    /// pauses ([`Action::Recalculate`]), so that typing never waits for it.
    pub stale: bool,
}

/// From this many energy lines on, edits recompute when typing pauses.
pub const LARGE: usize = 2_000;

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
    /// Sets a JSON value at a path (`waste.items[0].hazardous` = true), or removes it.
    SetJson {
        path: String,
        value: Option<Value>,
    },
    /// Chooses the revenue's currency for a period (`prefix` "" or "prior." …), moving the
    /// amount typed between `revenue_rmb_million` and `revenue_million` so it is not lost.
    SetCurrency {
        prefix: String,
        currency: String,
    },
    /// Adds a row to a list (`energy`, `prior.energy`, `waste.items`): at `at`, or at the end.
    AddRow {
        list: String,
        row: Value,
        at: Option<usize>,
    },
    /// Inserts a copy of a row after it.
    DuplicateRow {
        list: String,
        index: usize,
    },
    RemoveRow {
        list: String,
        index: usize,
    },
    /// Adds an empty prior or base-year period (`prior`, `base_year`).
    AddPeriod(&'static str),
    RemovePeriod(&'static str),
    /// Replaces the scenario (the built-in example, an import, a link, or `EsgKpi.load`),
    /// keeping the one it replaces for [`Action::UndoLoad`].
    Load(Value),
    /// Swaps the scenario with the one the last load replaced: undo, and then redo.
    UndoLoad,
    /// Recomputes a large scenario after typing paused.
    Recalculate,
}

impl State {
    pub fn new(doc: Value) -> Self {
        let results = Rc::new(engine::calculate_value(&doc));
        State {
            doc: Rc::new(doc),
            last_good: results.clone(),
            current: results,
            undo: None,
            undone: false,
            stale: false,
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
            doc: Rc::new(doc),
            current,
            last_good,
            undo: self.undo.clone(),
            undone: self.undone,
            stale: false,
        }
    }

    /// Whether a scenario is large enough to recompute (and autosave) only when typing pauses.
    pub fn large(doc: &Value) -> bool {
        doc.get("energy")
            .and_then(Value::as_array)
            .is_some_and(|rows| rows.len() >= LARGE)
    }
}

fn rows<'d>(doc: &'d mut Value, list: &str) -> Option<&'d mut Vec<Value>> {
    path::get_mut(doc, list).and_then(Value::as_array_mut)
}

/// Moves the revenue typed for one currency to the field of the other, so switching the
/// currency keeps the figure (the exchange rate and its source stay for switching back).
fn set_currency(doc: &mut Value, prefix: &str, currency: &str) -> bool {
    let at = |k: &str| format!("{prefix}organisation.{k}");
    let rmb = matches!(currency, "RMB" | "CNY" | "");
    let (from, to) = if rmb {
        ("revenue_million", "revenue_rmb_million")
    } else {
        ("revenue_rmb_million", "revenue_million")
    };
    let amount = path::text(doc, &at(from));
    if !amount.is_empty() && path::text(doc, &at(to)).is_empty() {
        path::remove(doc, &at(from));
        path::set(doc, &at(to), Value::String(amount));
    }
    if rmb {
        path::remove(doc, &at("revenue_currency"));
        true
    } else {
        path::set(doc, &at("revenue_currency"), Value::String(currency.into()))
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut doc = (*self.doc).clone();
        let changed = match action {
            Action::Edit { path, text } if State::large(&self.doc) => {
                // Keep what was typed now; compute when typing pauses.
                if !path::set(&mut doc, &path, Value::String(text)) {
                    return self;
                }
                let mut next = (*self).clone();
                next.doc = Rc::new(doc);
                next.stale = true;
                return Rc::new(next);
            }
            Action::Recalculate => {
                if !self.stale {
                    return self;
                }
                true
            }
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
            Action::SetJson { path, value } => match value {
                Some(v) => path::set(&mut doc, &path, v),
                None => path::remove(&mut doc, &path),
            },
            Action::SetCurrency { prefix, currency } => set_currency(&mut doc, &prefix, &currency),
            Action::AddRow { list, row, at } => match rows(&mut doc, &list) {
                Some(items) => {
                    let at = at.unwrap_or(items.len()).min(items.len());
                    items.insert(at, row);
                    true
                }
                None => path::set(&mut doc, &list, Value::Array(vec![row])),
            },
            Action::DuplicateRow { list, index } => match rows(&mut doc, &list) {
                Some(list) if index < list.len() => {
                    let copy = list[index].clone();
                    list.insert(index + 1, copy);
                    true
                }
                _ => false,
            },
            Action::RemoveRow { list, index } => match rows(&mut doc, &list) {
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
            Action::Load(value) => {
                let mut next = State::new(value);
                next.undo = Some(self.doc.clone());
                return Rc::new(next);
            }
            Action::UndoLoad => {
                let Some(previous) = &self.undo else {
                    return self;
                };
                let mut next = State::new((**previous).clone());
                next.undo = Some(self.doc.clone());
                next.undone = !self.undone;
                return Rc::new(next);
            }
        };
        if !changed {
            return self;
        }
        Rc::new(self.with_doc(doc))
    }
}
