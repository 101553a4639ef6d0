//! The page's one state and its reducer (pure: no storage, no DOM).
//!
//! The scenario is kept as the JSON document the user is editing, with every number as the
//! text they typed, so nothing they enter is lost or reformatted. Each change recomputes the
//! results with the engine; the KPIs shown are the last results that had no input error.
//! Paths carry their period: `water_m3` is the current period's, `prior.water_m3` the prior
//! year's.

use crate::engine::field::Figure;
use crate::engine::live::{Change, Live};
use crate::engine::period::PeriodId;
use crate::engine::{self, path, units, Results, TraceLimit};
use crate::i18n::Lang;
use serde_json::{json, Value};
use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// How many activity lines the page writes into the trace it shows; the exports compute all.
pub const SHOWN_LINES: usize = 300;

thread_local! {
    static VERSIONS: Cell<u64> = const { Cell::new(0) };
}

/// The scenario being edited: one document, changed in place by each edit, never copied (a
/// copy of 20,000 rows on every keystroke would make typing wait). Each change gives it a new
/// `version`, which is what comparing two `Doc`s looks at.
#[derive(Debug, Clone)]
pub struct Doc {
    value: Rc<RefCell<Value>>,
    version: u64,
}

impl PartialEq for Doc {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.value, &other.value) && self.version == other.version
    }
}

fn next_version() -> u64 {
    VERSIONS.with(|v| {
        v.set(v.get().wrapping_add(1));
        v.get()
    })
}

impl Doc {
    pub fn new(value: Value) -> Self {
        Doc {
            value: Rc::new(RefCell::new(value)),
            version: next_version(),
        }
    }

    /// The document. Only [`Doc::edit`] changes it, and it holds no borrow after returning.
    pub fn get(&self) -> Ref<'_, Value> {
        self.value.borrow()
    }

    /// A copy of the document (an undo, an import that adds to it).
    pub fn snapshot(&self) -> Value {
        self.get().clone()
    }

    /// Applies `change` to the document; `None` when it changed nothing. In place when nobody
    /// is reading it at that moment, otherwise on a copy (never a panic).
    fn edit(&self, change: impl FnOnce(&mut Value) -> bool) -> Option<Doc> {
        let version = next_version();
        if let Ok(mut value) = self.value.try_borrow_mut() {
            return change(&mut value).then(|| Doc {
                value: self.value.clone(),
                version,
            });
        }
        let mut copy = self.snapshot();
        change(&mut copy).then(|| Doc::new(copy))
    }

    /// The same document, seen as changed (after a recompute of a large scenario).
    fn touched(&self) -> Doc {
        Doc {
            value: self.value.clone(),
            version: next_version(),
        }
    }
}

/// The calculation kept between edits, shared by the states a reducer makes from each other
/// (the old one is dropped as the new one is made) and changed in place, as the document is.
#[derive(Debug, Clone)]
pub struct Kept(Rc<RefCell<Live>>);

impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Kept {
    fn new(doc: &Value) -> Kept {
        Kept::of(kept(doc))
    }

    fn of(live: Live) -> Kept {
        Kept(Rc::new(RefCell::new(live)))
    }

    /// The calculation of `doc` read again, keeping this one's line ids where a list's length
    /// is unchanged ([`Live::read_again`]).
    fn again(&self, doc: &Value) -> Kept {
        match self.0.try_borrow() {
            Ok(live) => Kept::of(live.read_again(doc)),
            Err(_) => Kept::new(doc),
        }
    }
}

/// The calculation of a document as the page keeps it (its trace as far as the page shows).
pub fn kept(doc: &Value) -> Live {
    Live::new(doc, TraceLimit::First(SHOWN_LINES))
}

/// A scenario to load, with its calculation when the caller has already made it ([`kept`]):
/// `EsgKpi.load` computes it to answer, and the page then takes it over.
pub type Loaded = (Value, Option<Box<Live>>);

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub doc: Doc,
    /// Results of the document as it is now, errors included. Their trace lists the first
    /// [`SHOWN_LINES`] activity lines; [`State::full_results`] has them all.
    pub current: Rc<Results>,
    /// The last results without input errors: what the KPI table shows.
    pub last_good: Rc<Results>,
    /// The calculation of the document as it is now, which an edit of a line or a figure
    /// updates by the difference.
    live: Kept,
    /// The document `last_good` came from, while it is not the document now (the document
    /// has an input error); `None` when they are the same.
    last_good_doc: Option<Rc<Value>>,
    /// The scenario a load replaced, to undo it (and, once undone, the loaded one, to redo).
    /// Not edited any more: the page edits the document that replaced it.
    pub undo: Option<Doc>,
    /// Whether `undo` would redo the load rather than undo it.
    pub undone: bool,
    /// The results are of an earlier keystroke: a large scenario changed in a way that needs
    /// it read again whole (a setting, a line added in the middle) is read when typing
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
    /// Chooses the revenue's currency for a period, moving the
    /// amount typed between `revenue_rmb_million` and `revenue_million` so it is not lost.
    SetCurrency {
        period: PeriodId,
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
    /// Adds the prior year or the base year (the current period is always there).
    AddPeriod(PeriodId),
    RemovePeriod(PeriodId),
    /// Replaces the scenario (the built-in example, an import, a link, or `EsgKpi.load`),
    /// keeping the one it replaces for [`Action::UndoLoad`]; with its calculation when the
    /// caller has made it ([`kept`]).
    Load(Value),
    LoadKept(Value, Box<Live>),
    /// Swaps the scenario with the one the last load replaced: undo, and then redo.
    UndoLoad,
    /// Recomputes a large scenario after typing paused.
    Recalculate,
}

impl State {
    pub fn new(doc: Value) -> Self {
        State::of(Doc::new(doc))
    }

    fn of(doc: Doc) -> Self {
        let live = Kept::new(&doc.get());
        State::of_kept(doc, live)
    }

    fn of_kept(doc: Doc, live: Kept) -> Self {
        let results = Rc::new(live.0.borrow().results());
        State {
            doc,
            last_good: results.clone(),
            current: results,
            live,
            last_good_doc: None,
            undo: None,
            undone: false,
            stale: false,
        }
    }

    /// The source of the factor an energy row (`energy[3]`, `prior.energy[0]`) is computed
    /// with, when it has one: from the scenario as read, so that it is there for every row,
    /// not only those in the trace shown.
    pub fn factor_source(
        &self,
        period: engine::period::PeriodId,
        index: usize,
    ) -> Option<engine::text::Text> {
        let live = self.live.0.try_borrow().ok()?;
        let s = live.scenario()?;
        let p = s.periods().find(|p| p.id == period)?;
        let at = p.energy.binary_search_by_key(&index, |r| r.index).ok()?;
        let row = p.energy.get(at)?;
        row.factor.gases().map(|_| row.factor.source())
    }

    /// What the page keys line `index` of a period's energy list by: its line id, which stays
    /// with the line when lines before it are added or removed (so its editor moves rather
    /// than being filled again); its position when the calculation has no id for it.
    pub fn line_key(&self, period: engine::period::PeriodId, index: usize) -> String {
        let id = self
            .live
            .0
            .try_borrow()
            .ok()
            .and_then(|live| live.line_ids(period).get(index).copied());
        match id {
            Some(id) => format!("l{}", id.get()),
            None => format!("r{index}"),
        }
    }

    /// The KPI table's results with every calculation line (for the exports and the
    /// element's `results`): the results shown when they already have them all, else
    /// computed again from the document they came from.
    pub fn full_results(&self) -> Rc<Results> {
        if self.last_good.trace_omitted == 0 {
            return self.last_good.clone();
        }
        match &self.last_good_doc {
            Some(doc) => Rc::new(engine::calculate_value(doc)),
            None => match self
                .live
                .0
                .try_borrow()
                .ok()
                .as_deref()
                .and_then(Live::scenario)
            {
                Some(s) => Rc::new(engine::calc::calculate(s, self.last_good.errors.clone())),
                None => self.last_good.clone(),
            },
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

    /// The state after `doc` changed, with `live` already following it; `before` gives the
    /// document as it was (only asked for when an input error appears).
    fn followed(&self, doc: Doc, live: Kept, before: &dyn Fn() -> Value) -> Self {
        let current = Rc::new(live.0.borrow().results());
        let (last_good, last_good_doc) = match (current.errors.is_empty(), &self.last_good_doc) {
            (true, _) => (current.clone(), None),
            // Still in error: the last good results and their document stay.
            (false, Some(d)) => (self.last_good.clone(), Some(d.clone())),
            // An error appears now: keep the document the last good results came from.
            (false, None) if self.current.errors.is_empty() => {
                (self.last_good.clone(), Some(Rc::new(before())))
            }
            (false, None) => (self.last_good.clone(), None),
        };
        State {
            doc,
            current,
            last_good,
            live,
            last_good_doc,
            undo: self.undo.clone(),
            undone: self.undone,
            stale: false,
        }
    }

    /// The state after a change the calculation follows by reading the document again.
    fn with_doc(&self, doc: Doc, before: &dyn Fn() -> Value) -> Self {
        let live = self.live.again(&doc.get());
        self.followed(doc, live, before)
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
fn set_currency(doc: &mut Value, period: PeriodId, currency: &str) -> bool {
    let at = |f: Figure| f.at(period);
    let rmb = matches!(currency, "RMB" | "CNY" | "");
    let (from, to) = if rmb {
        (Figure::RevenueMillion, Figure::RevenueRmbMillion)
    } else {
        (Figure::RevenueRmbMillion, Figure::RevenueMillion)
    };
    let amount = path::text(doc, &at(from));
    if !amount.is_empty() && path::text(doc, &at(to)).is_empty() {
        path::remove(doc, &at(from));
        path::set(doc, &at(to), Value::String(amount));
    }
    if rmb {
        path::remove(doc, &at(Figure::RevenueCurrency));
        true
    } else {
        path::set(
            doc,
            &at(Figure::RevenueCurrency),
            Value::String(currency.into()),
        )
    }
}

impl State {
    /// A row added, duplicated or removed. A line of an energy list is followed by the
    /// calculation, which renumbers the lines after it rather than reading the document again
    /// (at 100,000 lines, milliseconds instead of a second); any other list is read again.
    fn rows_changed(self: Rc<Self>, action: Action) -> Rc<Self> {
        let list = match &action {
            Action::AddRow { list, .. }
            | Action::DuplicateRow { list, .. }
            | Action::RemoveRow { list, .. } => list.clone(),
            _ => return self,
        };
        let (mut change, mut removed) = (None, None);
        let edited = self.doc.edit(|doc| match (rows(doc, &list), action) {
            (Some(items), Action::AddRow { row, at, .. }) => {
                let at = at.unwrap_or(items.len()).min(items.len());
                items.insert(at, row);
                change = Some(Change::Inserted(at));
                true
            }
            (None, Action::AddRow { row, .. }) => path::set(doc, &list, Value::Array(vec![row])),
            (Some(items), Action::DuplicateRow { index, .. }) => match items.get(index).cloned() {
                Some(copy) => {
                    items.insert(index + 1, copy);
                    change = Some(Change::Inserted(index + 1));
                    true
                }
                None => false,
            },
            (Some(items), Action::RemoveRow { index, .. }) if index < items.len() => {
                removed = Some(items.remove(index));
                change = Some(Change::Removed(index));
                true
            }
            _ => false,
        });
        let Some(doc) = edited else {
            return self;
        };
        let same = Rc::ptr_eq(&doc.value, &self.doc.value);
        // The document as it was, only asked for when an input error appears (edited in
        // place, the change is undone on a copy).
        let before = || {
            let mut d = self.doc.snapshot();
            if let Some(items) = rows(&mut d, &list).filter(|_| same) {
                match (change, &removed) {
                    (Some(Change::Inserted(at)), _) if at < items.len() => {
                        items.remove(at);
                    }
                    (Some(Change::Removed(at)), Some(row)) if at <= items.len() => {
                        items.insert(at, row.clone())
                    }
                    _ => {}
                }
            }
            d
        };
        let followed = same
            && !self.stale
            && list.ends_with("energy")
            && change.is_some_and(|change| {
                self.live
                    .0
                    .try_borrow_mut()
                    .ok()
                    .and_then(|mut live| live.change_lines(&doc.get(), &list, change))
                    .is_some()
            });
        if followed {
            Rc::new(self.followed(doc, self.live.clone(), &before))
        } else {
            Rc::new(self.with_doc(doc, &before))
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // A build with the `fault-injection` feature (the panic hook's browser test, never a
        // release) panics here as a bug would: in the middle of an update.
        #[cfg(feature = "fault-injection")]
        if let Action::Edit { path, text } = &action {
            if text == "esg-kpi:panic" {
                panic!("fault injection at {path}");
            }
        }
        let change: Box<dyn FnOnce(&mut Value) -> bool> = match action {
            Action::Edit { path, text } => {
                let was = path::get(&self.doc.get(), &path).cloned();
                let Some(doc) = self
                    .doc
                    .edit(|doc| path::set(doc, &path, Value::String(text)))
                else {
                    return self;
                };
                let before = || {
                    let mut d = self.doc.snapshot();
                    match &was {
                        Some(v) => path::set(&mut d, &path, v.clone()),
                        None => path::remove(&mut d, &path),
                    };
                    d
                };
                // The document edited in place: the calculation follows the one line or the
                // figures the edit touched.
                let same = Rc::ptr_eq(&doc.value, &self.doc.value);
                if same && !self.stale {
                    let cost = self
                        .live
                        .0
                        .try_borrow_mut()
                        .ok()
                        .and_then(|mut live| live.edit(&doc.get(), &path));
                    if cost.is_some() {
                        return Rc::new(self.followed(doc, self.live.clone(), &before));
                    }
                }
                if State::large(&doc.get()) {
                    // Keep what was typed now; read it all when typing pauses.
                    let mut next = (*self).clone();
                    if next.current.errors.is_empty() && next.last_good_doc.is_none() {
                        next.last_good_doc = Some(Rc::new(before()));
                    }
                    next.doc = doc;
                    next.stale = true;
                    return Rc::new(next);
                }
                return Rc::new(self.with_doc(doc, &before));
            }
            Action::Recalculate => {
                if !self.stale {
                    return self;
                }
                let doc = self.doc.touched();
                let live = self.live.again(&doc.get());
                // The document before the paused edits was kept when they began.
                return Rc::new(self.followed(doc, live, &|| Value::Null));
            }
            Action::SetFactor { row, choice } => Box::new(move |doc| {
                let at = format!("{row}.factor");
                let source = path::text(doc, &format!("{row}.source"));
                match choice.as_str() {
                    "auto" => path::remove(doc, &at),
                    "custom" => {
                        let unit = match units::Source::from_id(&source).and_then(|s| s.physical())
                        {
                            Some(units::Physical::M3) => "kgCO2e/m3",
                            Some(units::Physical::Kg) => "kgCO2e/kg",
                            Some(units::Physical::TowngasUnit) => "kgCO2e/unit",
                            None => "kgCO2e/kWh",
                        };
                        path::set(doc, &at, json!({ "value": "", "unit": unit, "source": "" }))
                    }
                    id => path::set(doc, &at, Value::String(id.to_string())),
                }
            }),
            Action::SetJson { path, value } => Box::new(move |doc| match value {
                Some(v) => path::set(doc, &path, v),
                None => path::remove(doc, &path),
            }),
            Action::SetCurrency { period, currency } => {
                Box::new(move |doc| set_currency(doc, period, &currency))
            }
            Action::AddRow { .. } | Action::DuplicateRow { .. } | Action::RemoveRow { .. } => {
                return self.rows_changed(action);
            }
            Action::AddPeriod(id) => Box::new(move |doc| {
                let key = id.key();
                id != PeriodId::Current
                    && doc.get(key).is_none()
                    && path::set(
                        doc,
                        key,
                        json!({ "period": "", "organisation": {}, "energy": [] }),
                    )
            }),
            Action::RemovePeriod(id) => {
                Box::new(move |doc| id != PeriodId::Current && path::remove(doc, id.key()))
            }
            Action::Load(value) => {
                let mut next = State::new(value);
                next.undo = Some(self.doc.clone());
                return Rc::new(next);
            }
            Action::LoadKept(value, live) => {
                let mut next = State::of_kept(Doc::new(value), Kept::of(*live));
                next.undo = Some(self.doc.clone());
                return Rc::new(next);
            }
            Action::UndoLoad => {
                let Some(previous) = &self.undo else {
                    return self;
                };
                // The two documents swap places; neither is copied.
                let mut next = State::of(previous.touched());
                next.undo = Some(self.doc.clone());
                next.undone = !self.undone;
                return Rc::new(next);
            }
        };
        // Kept only if an input error appears; a click, not a keystroke, so the copy is
        // affordable.
        let before = self.current.errors.is_empty().then(|| self.doc.snapshot());
        match self.doc.edit(change) {
            Some(doc) => Rc::new(self.with_doc(doc, &|| before.clone().unwrap_or(Value::Null))),
            None => self,
        }
    }
}
