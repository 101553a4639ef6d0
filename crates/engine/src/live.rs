//! The calculation kept between edits: what the page recomputes on every keystroke.
//!
//! A [`Live`] holds the scenario as read, each period's [`Tally`], and the input errors. When
//! one place of the document changes, [`Live::edited`] reads only that place again:
//!
//! - an energy line (`energy[3].quantity`, `prior.energy[0]`): the line's old contribution is
//!   taken out of its period's tally and its new one put in; the other lines are neither read
//!   nor computed again;
//! - a period's figures (`organisation.employees`, `water_m3`, `waste.items[2].quantity`,
//!   `published.…`, `instruments…`): the period is read again without its energy lines, whose
//!   tally stays as it is;
//! - anything else (settings, the period's name, lines added or removed in the middle): the
//!   whole document is read again, as a first calculation does.
//!
//! [`Live::results`] then writes the results from the tallies. They are the results of
//! [`super::calc::calculate_with`] on the document as it is now, to the byte; the property
//! test `tests/live.rs` holds that over random sequences of edits, inserts, deletes and loads.

use super::calc::{self, line, Results, TraceLimit, TraceLine};
use super::field::Figure;
use super::migrate;
use super::period::PeriodId;
use super::scenario::{self, InputError, Period, Scenario, Settings};
use super::tally::{Sign, Tally};
use serde_json::Value;
use std::borrow::Cow;

/// What an edit cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// One energy line read and computed again.
    Line,
    /// An energy line inserted or removed: it, and the lines after it whose messages name
    /// them by number, read again; the others renumbered.
    Lines,
    /// A period's figures read again, its energy lines not.
    Figures,
    /// The whole document read and computed again.
    Everything,
}

/// A line's identity within a kept calculation. Its position changes when lines are inserted
/// or removed before it (and the messages that name it by number follow); its id does not:
/// an edit of any line, a line inserted or removed elsewhere, a setting changed, keep it. A
/// line inserted gets an id no line of the calculation has had. What the page keys a line's
/// editor by, so that removing line 3 moves the editors after it instead of refilling each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LineId(u64);

impl LineId {
    pub fn get(self) -> u64 {
        self.0
    }
}

/// `n` ids never given before, from `next` on.
fn fresh(next: &mut u64, n: usize) -> Vec<LineId> {
    let mut ids = Vec::with_capacity(n);
    for _ in 0..n {
        *next = next.saturating_add(1);
        ids.push(LineId(*next));
    }
    ids
}

/// A scenario's calculation, kept between edits.
#[derive(Debug, Clone)]
pub struct Live {
    scenario: Option<Scenario>,
    /// Each kept period's line ids (as `tallies`), by row: the document's rows, read or not.
    ids: Vec<Vec<LineId>>,
    /// The last id given.
    next: u64,
    /// The current period's tally, then the other periods' in their order.
    tallies: Vec<Tally>,
    /// Each period's calculation lines as far as `limit`, by row index: an edit writes again
    /// only the edited line's.
    traces: Vec<Traced>,
    errors: Vec<InputError>,
    limit: TraceLimit,
}

/// Where an error's path sits in the order the reader writes errors: period, then the
/// period's figures (0), its energy rows by index (1), its instruments (2).
fn order(path: &str) -> (PeriodId, u8, usize) {
    let (period, rest) = PeriodId::of_path(path);
    match rest.strip_prefix("energy") {
        Some(r) => (period, 1, row_index(r).map_or(0, |(i, _)| i)),
        None if rest.starts_with("instruments") => (period, 2, 0),
        None => (period, 0, 0),
    }
}

/// `[3].quantity` → `(3, ".quantity")`.
fn row_index(rest: &str) -> Option<(usize, &str)> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    let index = inner.get(..close)?.parse().ok()?;
    Some((index, inner.get(close + 1..)?))
}

/// Whether `first`, the first key of a path within a period, holds what the energy lines do not
/// depend on: a [`Figure`] (or the object that holds it), the published figures, the
/// instruments, the refrigerant lines, the name.
fn outside_the_lines(first: &str) -> bool {
    Figure::ALL
        .into_iter()
        .any(|f| f.object().unwrap_or(f.key()) == first)
        || ["published", "instruments", "name", "refrigerants"].contains(&first)
}

impl Live {
    /// Reads and calculates a document, writing the trace as far as `limit`. Each line gets a
    /// new id.
    pub fn new(doc: &Value, limit: TraceLimit) -> Live {
        Live::read(doc, limit, None)
    }

    /// A new calculation of `doc` (as [`Live::new`]) that keeps this one's line ids for each
    /// period whose number of lines is unchanged: what follows a change the calculation
    /// cannot follow line by line (a setting, a paused run of typing). A period whose lines
    /// were added or removed meanwhile gets new ids.
    pub fn read_again(&self, doc: &Value) -> Live {
        Live::read(doc, self.limit, Some(self))
    }

    fn read(doc: &Value, limit: TraceLimit, before: Option<&Live>) -> Live {
        let (scenario, errors) = scenario::read(doc);
        let tallies = scenario
            .as_ref()
            .map_or_else(Vec::new, |s| s.periods().map(Tally::of).collect());
        let traces = scenario.as_ref().map_or_else(Vec::new, |s| {
            s.periods()
                .map(|p| {
                    let (rows, lines) = calc::lines_traced(p, limit).unzip();
                    Traced { rows, lines }
                })
                .collect()
        });
        let mut live = Live {
            scenario,
            ids: Vec::new(),
            next: 0,
            tallies,
            traces,
            errors,
            limit,
        };
        live.name_lines(before);
        live
    }

    /// Gives each period's lines their ids: `before`'s for a period with as many lines, new
    /// ones otherwise.
    #[inline(never)]
    fn name_lines(&mut self, before: Option<&Live>) {
        let Some(s) = &self.scenario else {
            return;
        };
        self.next = before.map_or(0, |b| b.next);
        for p in s.periods() {
            let rows = p.energy.len() + p.invalid_energy_rows.len();
            let kept = before.map_or(&[][..], |b| b.line_ids(p.id));
            let ids = if kept.len() == rows {
                kept.to_vec()
            } else {
                fresh(&mut self.next, rows)
            };
            self.ids.push(ids);
        }
    }

    /// The results of the document as it is now.
    pub fn results(&self) -> Results {
        match &self.scenario {
            Some(s) => {
                let traces: Vec<&[TraceLine]> =
                    self.traces.iter().map(|t| t.lines.as_slice()).collect();
                calc::results_of(
                    s,
                    &self.tallies,
                    Some(&traces),
                    self.errors.clone(),
                    self.limit,
                )
            }
            None => calc::finish(None, self.errors.clone()),
        }
    }

    /// The scenario as read, when it could be.
    pub fn scenario(&self) -> Option<&Scenario> {
        self.scenario.as_ref()
    }

    /// The ids of a period's lines, by row (empty when the calculation has no such period).
    pub fn line_ids(&self, period: PeriodId) -> &[LineId] {
        self.scenario
            .as_ref()
            .and_then(|s| s.periods().position(|p| p.id == period))
            .and_then(|at| self.ids.get(at))
            .map_or(&[], Vec::as_slice)
    }

    /// Follows a change of `doc` at `path` (which `doc` already has), reading again only what
    /// it touched.
    pub fn edited(&mut self, doc: &Value, path: &str) -> Cost {
        match self.edit(doc, path) {
            Some(cost) => cost,
            None => {
                *self = self.read_again(doc);
                Cost::Everything
            }
        }
    }

    /// [`Live::edited`] when the change is one of a line or of a period's figures; `None`,
    /// leaving the calculation as it was, when it would need the whole document read again
    /// (which the caller may rather do later: [`Live::new`]).
    pub fn edit(&mut self, doc: &Value, path: &str) -> Option<Cost> {
        let (period, rest, at, obj) = self.locate(doc, path)?;
        let limit = self.limit;
        // A period other than the current one inherits the current one's settings.
        let inherited = match period {
            PeriodId::Current => Settings::default(),
            _ => self.scenario.as_ref()?.current.settings.clone(),
        };
        let (p, tally, trace, errors) = self.parts(at)?;
        if let Some(r) = rest.strip_prefix("energy") {
            let (index, field) = row_index(r)?;
            if !(field.is_empty() || field.starts_with('.')) {
                return None;
            }
            let rows = obj.get("energy")?.as_array()?;
            // Lines added or removed since the last reading: read everything again.
            if rows.len() != p.energy.len() + p.invalid_energy_rows.len() {
                return None;
            }
            edit_line(p, tally, errors, period, index, rows.get(index)?);
            retrace(p, trace, limit, index, &|k| k == index);
            return Some(Cost::Line);
        }
        let first = rest.split(['.', '[']).next()?;
        if !outside_the_lines(first) {
            return None;
        }
        let (head, tail) = scenario::reread_figures(obj, p, &inherited);
        errors.retain(|e| !matches!(order(&e.path), (q, 0 | 2, _) if q == period));
        let at = errors.partition_point(|e| order(&e.path) < (period, 1, 0));
        errors.splice(at..at, head);
        let at = errors.partition_point(|e| order(&e.path) < (period, 2, 0));
        errors.splice(at..at, tail);
        Some(Cost::Figures)
    }
}

/// A line inserted into a period's list of energy lines, or removed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A line now at this index (the lines from there on were one place earlier).
    Inserted(usize),
    /// The line that was at this index (the lines after it move one place up).
    Removed(usize),
}

/// Up to this many lines whose reasons name them are read again one by one after a line is
/// inserted or removed; beyond it, and when they are a quarter of the list or more, the whole
/// list is read again.
const RENUMBER_AT_MOST: usize = 256;

impl Live {
    /// Follows a line inserted into or removed from the energy list at `list` (`energy`,
    /// `prior.energy`; `doc` already has the change), renumbering the others rather than
    /// reading them again; anything else reads the whole document again.
    pub fn changed_lines(&mut self, doc: &Value, list: &str, change: Change) -> Cost {
        match self.change_lines(doc, list, change) {
            Some(cost) => cost,
            None => {
                *self = self.read_again(doc);
                Cost::Everything
            }
        }
    }

    /// [`Live::changed_lines`], or `None` (the calculation as it was) when the change needs
    /// the whole document read again.
    pub fn change_lines(&mut self, doc: &Value, list: &str, change: Change) -> Option<Cost> {
        let (period, rest, at, obj) = self.locate(doc, list)?;
        if rest != "energy" {
            return None;
        }
        let rows = obj.get("energy")?.as_array()?;
        let limit = self.limit;
        let (p, tally, trace, errors) = self.parts(at)?;
        let known = p.energy.len() + p.invalid_energy_rows.len();
        // The list's length as the change leaves it, within what a list may hold (beyond, the
        // reader says so of the whole list).
        let (index, fits) = match change {
            Change::Inserted(i) => (i, rows.len() == known + 1 && i < rows.len()),
            Change::Removed(i) => (i, rows.len() + 1 == known && i < known),
        };
        if !fits || known > scenario::MAX_LINES || rows.len() > scenario::MAX_LINES {
            return None;
        }
        // A line after the change whose figure is unavailable has a reason that names it by
        // number (“energy line 7 has no NOx factor”): it is read again below. When many are
        // (fuel lines without A1.1 factors: two lines in three of a typical ledger), reading
        // them one by one costs more than reading the whole list once (at 100,000 lines, 40 s
        // against 2 s): read it all again instead.
        let renamed = tally
            .lines_with_errors()
            .iter()
            .filter(|k| **k >= index)
            .count();
        if renamed > RENUMBER_AT_MOST && renamed.saturating_mul(4) > known {
            // The lines keep their ids (the page's editors stay as they are).
            self.renumber_ids(at, change);
            *self = self.read_again(doc);
            return Some(Cost::Everything);
        }
        // The removed line's contribution out.
        if let Change::Removed(i) = change {
            match p.energy.binary_search_by_key(&i, |r| r.index) {
                Ok(at) => {
                    if let Some(r) = p.energy.get(at) {
                        tally.put(&line(r, p), Sign::Take);
                    }
                    p.energy.remove(at);
                }
                Err(_) => p.invalid_energy_rows.retain(|k| *k != i),
            }
        }
        let to = |k: usize| match change {
            Change::Inserted(i) if k >= i => k + 1,
            Change::Removed(i) if k > i => k - 1,
            _ => k,
        };
        // The input errors of the lines that move name them by number: taken out, and those
        // lines read again below.
        let mut again: Vec<usize> = Vec::new();
        errors.retain(|e| match row_of(&e.path) {
            Some((q, k)) if q == period && k >= index => {
                if !matches!(change, Change::Removed(i) if k == i) {
                    again.push(to(k));
                }
                false
            }
            _ => true,
        });
        for r in &mut p.energy {
            r.index = to(r.index);
        }
        for k in &mut p.invalid_energy_rows {
            *k = to(*k);
        }
        tally.shift(&to);
        again.extend(
            tally
                .lines_with_errors()
                .into_iter()
                .filter(|k| *k >= index),
        );
        if let Change::Inserted(i) = change {
            again.push(i);
        }
        crate::order::sorted_rows(&mut again);
        for k in again {
            if let Some(row) = rows.get(k) {
                edit_line(p, tally, errors, period, k, row);
            }
        }
        tally.settle();
        retrace(p, trace, limit, index, &|k| k >= index);
        self.renumber_ids(at, change);
        Some(Cost::Lines)
    }

    /// The ids of the period at `at` after `change`: a new one for a line inserted.
    fn renumber_ids(&mut self, at: usize, change: Change) {
        if let Some(ids) = self.ids.get_mut(at) {
            match change {
                Change::Inserted(i) => {
                    self.next = self.next.saturating_add(1);
                    ids.insert(i.min(ids.len()), LineId(self.next));
                }
                Change::Removed(i) if i < ids.len() => {
                    ids.remove(i);
                }
                Change::Removed(_) => {}
            }
        }
    }
}

/// What the calculation keeps of one period, to change it: the period as read, its tally, its
/// calculation lines, and the document's input errors.
type Parts<'a> = (
    &'a mut Period,
    &'a mut Tally,
    &'a mut Traced,
    &'a mut Vec<InputError>,
);

impl Live {
    /// The kept parts of the period at `at` (0 the current, then the others in their order).
    fn parts(&mut self, at: usize) -> Option<Parts<'_>> {
        let s = self.scenario.as_mut()?;
        let p = match at {
            0 => &mut s.current,
            i => s.others.get_mut(i - 1)?,
        };
        Some((
            p,
            self.tallies.get_mut(at)?,
            self.traces.get_mut(at)?,
            &mut self.errors,
        ))
    }

    /// Where a path of `doc` is: its period, the rest of the path, the period's place among
    /// the kept ones (0 the current, then the others the scenario has), and its JSON object.
    /// `None` when
    /// the document is of another schema version (migrated whole: read it again) or the
    /// period is not one the calculation has.
    fn locate<'d, 'p>(
        &self,
        doc: &'d Value,
        path: &'p str,
    ) -> Option<(PeriodId, &'p str, usize, &'d serde_json::Map<String, Value>)> {
        if !matches!(migrate::migrate(doc), Ok(Cow::Borrowed(_))) {
            return None;
        }
        let (period, rest) = PeriodId::of_path(path);
        let s = self.scenario.as_ref()?;
        let (at, obj) = match period {
            PeriodId::Current => (0, doc.as_object()?),
            id => {
                let at = 1 + s.others.iter().position(|q| q.id == id)?;
                (at, doc.get(id.key())?.as_object()?)
            }
        };
        Some((period, rest, at, obj))
    }
}

/// An error's period and energy row, when its path is in a row (`prior.energy[3].unit`).
fn row_of(path: &str) -> Option<(PeriodId, usize)> {
    let (period, rest) = PeriodId::of_path(path);
    let (index, _) = row_index(rest.strip_prefix("energy")?)?;
    Some((period, index))
}

/// Takes a line's old contribution out of the tally, reads the row again and puts its new one
/// in, and replaces the line's input errors.
fn edit_line(
    p: &mut Period,
    tally: &mut Tally,
    errors: &mut Vec<InputError>,
    period: PeriodId,
    index: usize,
    row: &Value,
) {
    let old = p.energy.binary_search_by_key(&index, |r| r.index);
    if let Ok(at) = old {
        if let Some(r) = p.energy.get(at) {
            tally.put(&line(r, p), Sign::Take);
        }
    }
    let (read, row_errors) = scenario::reread_row(p, index, row);
    match (old, read) {
        (Ok(at), Some(new)) => {
            if let Some(r) = p.energy.get_mut(at) {
                *r = new;
            }
        }
        (Ok(at), None) => {
            p.energy.remove(at);
            if let Err(i) = p.invalid_energy_rows.binary_search(&index) {
                p.invalid_energy_rows.insert(i, index);
            }
        }
        (Err(at), Some(new)) => {
            p.energy.insert(at, new);
            if let Ok(i) = p.invalid_energy_rows.binary_search(&index) {
                p.invalid_energy_rows.remove(i);
            }
        }
        // Invalid before and after (or a new line that is invalid).
        (Err(_), None) => {
            if let Err(i) = p.invalid_energy_rows.binary_search(&index) {
                p.invalid_energy_rows.insert(i, index);
            }
        }
    }
    if let Ok(at) = p.energy.binary_search_by_key(&index, |r| r.index) {
        if let Some(r) = p.energy.get(at) {
            tally.put(&line(r, p), Sign::Add);
        }
    }
    tally.settle();
    errors.retain(|e| order(&e.path) != (period, 1, index));
    let at = errors.partition_point(|e| order(&e.path) <= (period, 1, index));
    errors.splice(at..at, row_errors);
}

/// Brings a period's kept calculation lines up to date after the lines that `changed` says
/// changed, the first of them `first` (one edited line, or every line from an inserted or
/// removed one on): nothing to do when they all lie beyond the kept lines; otherwise the first
/// lines again, each taken from what was kept unless it changed (a changed line may also have
/// come in or gone out of them).
fn retrace(
    p: &Period,
    kept: &mut Traced,
    limit: TraceLimit,
    first: usize,
    changed: &dyn Fn(usize) -> bool,
) {
    let shown = limit.shown(p.energy.len());
    let full = kept.rows.len() >= shown;
    if full && kept.rows.last().is_some_and(|last| first > *last) {
        return;
    }
    let old_rows = std::mem::take(&mut kept.rows);
    let mut old_lines: Vec<Option<TraceLine>> = std::mem::take(&mut kept.lines)
        .into_iter()
        .map(Some)
        .collect();
    for r in p.energy.iter().take(shown) {
        let reused = match old_rows.binary_search(&r.index) {
            Ok(at) if !changed(r.index) => old_lines.get_mut(at).and_then(Option::take),
            _ => None,
        };
        kept.rows.push(r.index);
        kept.lines
            .push(reused.unwrap_or_else(|| calc::trace_line(&line(r, p), p)));
    }
}

/// A period's calculation lines as far as the limit, and the rows they are of.
#[derive(Debug, Clone, Default)]
struct Traced {
    rows: Vec<usize>,
    lines: Vec<TraceLine>,
}
