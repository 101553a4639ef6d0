//! A period's running totals: every figure the results add up over the energy lines, kept so
//! that a line can be taken away and put back without touching the others.
//!
//! [`Tally::of`] adds every line of a period once (a full calculation); [`super::live::Live`]
//! takes an edited line's old contribution away and adds its new one. Both then write the
//! results from the tally alone ([`super::calc::period_results`]), so an edit costs one line,
//! whatever the number of lines, and the two ways give the same results by construction (and
//! by a property test). Sums are [`Exact`]: taking away and putting back is drift-free and the
//! order of the lines does not matter, so the tally of a ledger is the merge of the tallies of
//! its parts ([`Tally::merge`]).
//!
//! Besides the totals it keeps what the checks and the data-quality warnings need: the lines
//! of each factor, scope, site, month and source (by index, for their names and their order of
//! first appearance), the months each site has, each site and source's quantities in order
//! (for medians), and the rows that repeat.

use super::exact::{Exact, TooLarge};
use super::line::Line;
use super::order::{in_order, sorted_rows};
use super::results::{Num, Val};
use super::scenario::{EnergyRow, FactorChoice, Period};
use super::text::Text;
use super::units::{Source, Status};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Row indices in order, each once: a sorted `Vec`, smaller than a `BTreeSet` in memory and
/// in the page's wasm, and as fast for the group sizes of a scenario (an insert moves at most
/// the group's indices).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rows(Vec<usize>);

impl Rows {
    // Out of line: called for every figure of every line, one copy in the page's wasm.
    #[inline(never)]
    fn put(&mut self, index: usize, sign: Sign) {
        match (self.0.binary_search(&index), sign) {
            (Err(at), Sign::Add) => self.0.insert(at, index),
            (Ok(at), Sign::Take) => {
                self.0.remove(at);
            }
            _ => {}
        }
    }

    fn merge(&mut self, other: &Rows) {
        self.0.extend_from_slice(&other.0);
        sorted_rows(&mut self.0);
    }

    pub fn first(&self) -> Option<usize> {
        self.0.first().copied()
    }

    /// Renumbers the rows (`to` keeps their order).
    fn shift(&mut self, to: &dyn Fn(usize) -> usize) {
        for i in &mut self.0 {
            *i = to(*i);
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().copied()
    }
}

/// Whether a line goes into the tally or comes out of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sign {
    Add,
    Take,
}

/// Why a total has no value: the first line (in row order) whose own figure is unavailable,
/// or a sum beyond exact decimals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoTotal {
    Line(Text),
    TooLarge,
}

/// The total of one figure (tonnes, MWh, tce) over the lines that have it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Acc {
    sum: Exact,
    /// The sum left an i128 (more than 10¹⁰ lines of the largest decimals, which no input
    /// reaches): it stays unavailable until the tally is rebuilt.
    broken: bool,
    /// Lines whose figure is unavailable, and why, in row order: the first is the total's
    /// reason.
    errors: Vec<(usize, Text)>,
    /// Lines counted, with or without a figure.
    pub lines: usize,
}

/// Adds `v` to `sum` or takes it away; `false` when the sum leaves an i128.
fn put_exact(sum: &mut Exact, v: Decimal, sign: Sign) -> bool {
    let next = match sign {
        Sign::Add => sum.plus(v),
        Sign::Take => sum.minus(v),
    };
    match next {
        Ok(n) => {
            *sum = n;
            true
        }
        Err(TooLarge) => false,
    }
}

impl Acc {
    // Out of line: called for every figure of every line, one copy in the page's wasm.
    #[inline(never)]
    fn put(&mut self, index: usize, v: &Val, sign: Sign) {
        match v {
            Ok(d) => self.broken |= !put_exact(&mut self.sum, *d, sign),
            Err(e) => match (self.errors.binary_search_by_key(&index, |(i, _)| *i), sign) {
                (Err(at), Sign::Add) => self.errors.insert(at, (index, e.clone())),
                (Ok(at), Sign::Take) => {
                    self.errors.remove(at);
                }
                _ => {}
            },
        }
        match sign {
            Sign::Add => self.lines += 1,
            Sign::Take => self.lines = self.lines.saturating_sub(1),
        }
    }

    /// The total, or why there is none.
    pub fn value(&self) -> Result<Decimal, NoTotal> {
        if let Some((_, e)) = self.errors.first() {
            return Err(NoTotal::Line(e.clone()));
        }
        if self.broken {
            return Err(NoTotal::TooLarge);
        }
        self.sum.value().map_err(|_| NoTotal::TooLarge)
    }

    /// The total of this and `other` together.
    pub fn merge(&mut self, other: &Acc) {
        // Both in row order, each row in one of them: merged in row order.
        let mine = std::mem::take(&mut self.errors);
        let (mut a, mut b) = (
            mine.into_iter().peekable(),
            other.errors.iter().cloned().peekable(),
        );
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) if x.0 <= y.0 => a.next(),
                (Some(_), Some(_)) | (None, Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, None) => break,
            };
            self.errors.extend(next);
        }
        match self.sum.merge(other.sum) {
            Ok(s) => self.sum = s,
            Err(TooLarge) => self.broken = true,
        }
        self.broken |= other.broken;
        self.lines += other.lines;
    }
}

/// A breakdown group's figure: its sum, or none if any of its lines has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Part {
    sum: Exact,
    broken: bool,
    unavailable: usize,
}

impl Part {
    // Out of line: called for every figure of every line, one copy in the page's wasm.
    #[inline(never)]
    fn put(&mut self, v: &Val, sign: Sign) {
        match (v, sign) {
            (Ok(d), _) => self.broken |= !put_exact(&mut self.sum, *d, sign),
            (Err(_), Sign::Add) => self.unavailable += 1,
            (Err(_), Sign::Take) => self.unavailable = self.unavailable.saturating_sub(1),
        }
    }

    fn merge(&mut self, other: &Part) {
        match self.sum.merge(other.sum) {
            Ok(s) => self.sum = s,
            Err(TooLarge) => self.broken = true,
        }
        self.broken |= other.broken;
        self.unavailable += other.unavailable;
    }

    fn num(&self) -> Option<Num> {
        if self.unavailable > 0 || self.broken {
            return None;
        }
        self.sum.value().ok().map(Num)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Group {
    rows: Rows,
    ghg: Part,
    mwh: Part,
    /// `ghg` and `mwh` as the results write them, as of the last [`Groups::settle`]: a
    /// keystroke writes again only the groups of the line it changed.
    text: (Option<Num>, Option<Num>),
    unsettled: bool,
}

/// Lines grouped by a key (a site, a month, a source), groups in the order they first appear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Groups(BTreeMap<String, Group>);

impl Groups {
    // Out of line: called for every figure of every line, one copy in the page's wasm.
    #[inline(never)]
    fn put(&mut self, key: &str, l: &Line, sign: Sign) {
        let index = l.row.index;
        let g = match self.0.get_mut(key) {
            Some(g) => g,
            None => self.0.entry(key.to_string()).or_default(),
        };
        g.rows.put(index, sign);
        g.ghg.put(&l.emissions, sign);
        g.mwh.put(&l.mwh(), sign);
        g.unsettled = true;
    }

    fn settle(&mut self) {
        for g in self.0.values_mut().filter(|g| g.unsettled) {
            g.text = (g.ghg.num(), g.mwh.num());
            g.unsettled = false;
        }
    }

    fn merge(&mut self, other: &Groups) {
        for (key, g) in &other.0 {
            let mine = self.0.entry(key.clone()).or_default();
            mine.rows.merge(&g.rows);
            mine.ghg.merge(&g.ghg);
            mine.mwh.merge(&g.mwh);
            mine.unsettled = true;
        }
    }

    /// The groups as the results list them.
    pub fn list(&self) -> Vec<super::results::Group> {
        let groups: Vec<(&String, &Group)> =
            self.0.iter().filter(|(_, g)| !g.rows.is_empty()).collect();
        let firsts = groups.iter().map(|(_, g)| g.rows.first().unwrap_or(0));
        in_order(firsts)
            .filter_map(|at| groups.get(at))
            .map(|(key, g)| super::results::Group {
                key: (*key).clone(),
                rows: g.rows.len(),
                ghg_t: g.text.0,
                energy_mwh: g.text.1,
            })
            .collect()
    }

    /// The first row of a group.
    pub fn first(&self, key: &str) -> Option<usize> {
        self.0.get(key).and_then(|g| g.rows.first())
    }

    fn shift(&mut self, to: &dyn Fn(usize) -> usize) {
        for g in self.0.values_mut() {
            g.rows.shift(to);
        }
    }
}

/// Lines sharing something (a preset factor, an unverified factor), in their order of first
/// appearance.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Sets {
    by_id: BTreeMap<String, (&'static str, Rows)>,
}

impl Sets {
    fn put(&mut self, id: &str, value: &'static str, index: usize, sign: Sign) {
        match sign {
            Sign::Add => {
                self.by_id
                    .entry(id.to_string())
                    .or_insert_with(|| (value, Rows::default()))
                    .1
                    .put(index, sign);
            }
            Sign::Take => {
                if let Some((_, rows)) = self.by_id.get_mut(id) {
                    rows.put(index, sign);
                }
            }
        }
    }

    fn shift(&mut self, to: &dyn Fn(usize) -> usize) {
        for (_, rows) in self.by_id.values_mut() {
            rows.shift(to);
        }
    }

    fn merge(&mut self, other: &Sets) {
        for (id, (v, rows)) in &other.by_id {
            self.by_id
                .entry(id.clone())
                .or_insert_with(|| (v, Rows::default()))
                .1
                .merge(rows);
        }
    }

    /// `(id, value, rows)`, in the order of each one's first row.
    pub fn list(&self) -> Vec<(&str, &'static str, &Rows)> {
        let sets: Vec<(&str, &'static str, &Rows)> = self
            .by_id
            .iter()
            .filter(|(_, (_, rows))| !rows.is_empty())
            .map(|(id, (v, rows))| (id.as_str(), *v, rows))
            .collect();
        let firsts = sets.iter().map(|(.., rows)| rows.first().unwrap_or(0));
        in_order(firsts)
            .filter_map(|at| sets.get(at).copied())
            .collect()
    }
}

/// A row's month, when its period is one (`2024-03`).
pub(crate) fn month(period: &Option<String>) -> Option<&str> {
    period
        .as_deref()
        .map(str::trim)
        .filter(|m| m.len() == 7 && m.as_bytes().get(4) == Some(&b'-'))
}

/// One site and source's rows, for outliers and mixed units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Meter {
    rows: Rows,
    /// Units in order, each with its number of rows.
    units: Vec<(&'static str, usize)>,
    /// Quantities in order, ties in row order (as a stable sort leaves them).
    quantities: Vec<(Decimal, usize)>,
    /// What [`Meter::settle`] found: the units when there are several, else the rows above
    /// ten times the median `(row, quantity, median)`.
    mixed: Option<String>,
    outliers: Vec<(usize, Decimal, Decimal)>,
    /// Rows came in or out since the last [`Meter::settle`].
    unsettled: bool,
}

impl Meter {
    fn settle(&mut self) {
        self.unsettled = false;
        self.outliers.clear();
        self.mixed = None;
        if self.units.len() > 1 {
            self.mixed = Some(
                self.units
                    .iter()
                    .map(|(u, _)| *u)
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            return;
        }
        if self.rows.len() < 3 {
            return;
        }
        let Some(&(median, _)) = self.quantities.get(self.quantities.len() / 2) else {
            return;
        };
        if median.is_zero() {
            return;
        }
        let Some(limit) = median.checked_mul(Decimal::TEN) else {
            return;
        };
        let above: Vec<(usize, Decimal, Decimal)> = self
            .quantities
            .iter()
            .rev()
            .take_while(|(q, _)| *q > limit)
            .map(|(q, i)| (*i, *q, median))
            .collect();
        // In row order, so that the first few of all meters are found without sorting all.
        self.outliers = in_order(above.iter().map(|(row, ..)| *row))
            .filter_map(|at| above.get(at).copied())
            .collect();
    }
}

/// A row as the duplicate check compares it: site, period, source, quantity, unit, in one
/// string (one kind of map fewer in the page's wasm). A quantity is written normalised, so
/// that 1.0 and 1.00 are the same; a period that is not given differs from an empty one.
fn row_key(r: &EnergyRow) -> String {
    let period = match &r.period {
        Some(p) => format!("\u{2}{p}"),
        None => "\u{1}".to_string(),
    };
    format!(
        "{}\0{period}\0{}\0{}\0{}",
        r.site,
        r.source.id(),
        r.quantity.normalize(),
        r.unit.id()
    )
}

/// A site and a source as one key, in the order of the site and then the source.
fn meter_key(site: &str, source: &str) -> String {
    format!("{site}\0{source}")
}

/// What the data-quality warnings need, by difference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Quality {
    /// The months of the reporting period, when its name gives them (at most 24).
    pub in_period: Vec<String>,
    /// Rows per month, over the period's rows with a month.
    pub months: BTreeMap<String, usize>,
    /// Rows per month at each site.
    pub site_months: BTreeMap<String, SiteMonths>,
    /// Rows dated outside the reporting period.
    pub outside: Rows,
    meters: BTreeMap<String, Meter>,
    same: BTreeMap<String, Rows>,
    /// Keys that have had more than one row (some may have one again).
    /// Rows that repeat an earlier row (every row of a key but its first), in order.
    later: Rows,
}

/// The months a site has rows for, and how many of them (of the reporting period's).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SiteMonths {
    /// Rows per month (0: a month whose rows were edited away).
    pub months: BTreeMap<String, usize>,
    /// Months with rows.
    pub distinct: usize,
    /// Months of the reporting period with rows.
    pub in_period: usize,
}

/// Counts a row in or out: `Some(true)` when its key now has rows and had none, `Some(false)`
/// when it has none any more. An entry that drops to 0 stays (and counts as absent): no map of
/// the tally removes entries, which keeps B-tree removal code out of the page's wasm; a
/// reading of the whole scenario starts afresh.
fn count_put(map: &mut BTreeMap<String, usize>, key: &str, sign: Sign) -> Option<bool> {
    match (map.get_mut(key), sign) {
        (Some(n), Sign::Add) => {
            *n += 1;
            (*n == 1).then_some(true)
        }
        (None, Sign::Add) => {
            map.insert(key.to_string(), 1);
            Some(true)
        }
        (Some(n), Sign::Take) if *n > 0 => {
            *n -= 1;
            (*n == 0).then_some(false)
        }
        _ => None,
    }
}

impl Quality {
    #[inline(never)]
    fn put(&mut self, r: &EnergyRow, sign: Sign) {
        if let Some(m) = month(&r.period) {
            count_put(&mut self.months, m, sign);
            let site = match self.site_months.get_mut(&r.site) {
                Some(s) => s,
                None => self.site_months.entry(r.site.clone()).or_default(),
            };
            let inside = self.in_period.iter().any(|x| x == m);
            if let Some(now) = count_put(&mut site.months, m, sign) {
                let step = |n: &mut usize| *n = if now { *n + 1 } else { n.saturating_sub(1) };
                step(&mut site.distinct);
                if inside {
                    step(&mut site.in_period);
                }
            }
            if !self.in_period.is_empty() && !inside {
                self.outside.put(r.index, sign);
            }
        }
        let key = meter_key(&r.site, r.source.id());
        let meter = self.meters.entry(key.clone()).or_default();
        meter.rows.put(r.index, sign);
        let unit = r.unit.id();
        let at = meter.units.binary_search_by_key(&unit, |(u, _)| *u);
        match (sign, at) {
            (Sign::Add, Ok(i)) => {
                if let Some((_, n)) = meter.units.get_mut(i) {
                    *n += 1;
                }
            }
            (Sign::Add, Err(i)) => meter.units.insert(i, (unit, 1)),
            (Sign::Take, Ok(i)) => {
                if let Some((_, n)) = meter.units.get_mut(i) {
                    *n -= 1;
                    if *n == 0 {
                        meter.units.remove(i);
                    }
                }
            }
            (Sign::Take, Err(_)) => {}
        }
        let q = (r.quantity, r.index);
        match (meter.quantities.binary_search(&q), sign) {
            (Err(at), Sign::Add) => meter.quantities.insert(at, q),
            (Ok(at), Sign::Take) => {
                meter.quantities.remove(at);
            }
            _ => {}
        }
        meter.unsettled = true;
        let rows = self.same.entry(row_key(r)).or_default();
        // The key's first row is not a repeat; when a row comes in before it or it goes out,
        // the first changes.
        match (sign, rows.first()) {
            (Sign::Add, Some(first)) if r.index < first => self.later.put(first, Sign::Add),
            (Sign::Add, Some(_)) => self.later.put(r.index, Sign::Add),
            (Sign::Take, Some(first)) if r.index == first => {
                if let Some(second) = rows.iter().nth(1) {
                    self.later.put(second, Sign::Take);
                }
            }
            (Sign::Take, Some(_)) => self.later.put(r.index, Sign::Take),
            (_, None) => {}
        }
        rows.put(r.index, sign);
    }

    fn merge(&mut self, other: &Quality) {
        let add = |to: &mut BTreeMap<String, usize>, from: &BTreeMap<String, usize>| {
            for (k, n) in from {
                *to.entry(k.clone()).or_default() += n;
            }
        };
        add(&mut self.months, &other.months);
        for (site, theirs) in &other.site_months {
            let mine = self.site_months.entry(site.clone()).or_default();
            add(&mut mine.months, &theirs.months);
            let with_rows = || mine.months.iter().filter(|(_, n)| **n > 0);
            let (distinct, in_period) = (
                with_rows().count(),
                with_rows()
                    .filter(|(m, _)| self.in_period.contains(m))
                    .count(),
            );
            (mine.distinct, mine.in_period) = (distinct, in_period);
        }
        self.outside.merge(&other.outside);
        for (key, m) in &other.meters {
            let mine = self.meters.entry(key.clone()).or_default();
            mine.rows.merge(&m.rows);
            for (unit, n) in &m.units {
                match mine.units.binary_search_by_key(unit, |(u, _)| *u) {
                    Ok(i) => {
                        if let Some((_, mine)) = mine.units.get_mut(i) {
                            *mine += n;
                        }
                    }
                    Err(i) => mine.units.insert(i, (unit, *n)),
                }
            }
            mine.quantities.extend_from_slice(&m.quantities);
            mine.quantities.sort_unstable();
            mine.quantities.dedup();
            mine.unsettled = true;
        }
        for (key, rows) in &other.same {
            self.same.entry(key.clone()).or_default().merge(rows);
        }
        let mut later: Vec<usize> = self.same.values().flat_map(|r| r.iter().skip(1)).collect();
        sorted_rows(&mut later);
        self.later = Rows(later);
    }

    fn settle(&mut self) {
        for m in self.meters.values_mut().filter(|m| m.unsettled) {
            m.settle();
        }
    }

    fn shift(&mut self, to: &dyn Fn(usize) -> usize) {
        self.outside.shift(to);
        for m in self.meters.values_mut() {
            m.rows.shift(to);
            for (_, i) in &mut m.quantities {
                *i = to(*i);
            }
            for (i, ..) in &mut m.outliers {
                *i = to(*i);
            }
        }
        for rows in self.same.values_mut() {
            rows.shift(to);
        }
        self.later.shift(to);
    }

    /// Sites and sources reported in several units: `(site, source id, units, first row)`, in
    /// order of site and source.
    pub fn mixed(&self) -> Vec<(&str, &str, &str, usize)> {
        self.meters
            .iter()
            .filter_map(|(key, m)| {
                let units = m.mixed.as_deref()?;
                let (site, source) = key.rsplit_once('\0')?;
                Some((site, source, units, m.rows.first()?))
            })
            .collect()
    }

    /// The first `n` rows above ten times their site and source's median, in row order
    /// (`(row, quantity, median)`), and how many there are: the first few of each meter
    /// looked at, not all.
    pub fn outliers(&self, n: usize) -> (Vec<(usize, Decimal, Decimal)>, usize) {
        let total = self.meters.values().map(|m| m.outliers.len()).sum();
        let firsts: Vec<_> = self
            .meters
            .values()
            .flat_map(|m| m.outliers.iter().take(n).copied())
            .collect();
        let first = in_order(firsts.iter().map(|(row, ..)| *row))
            .take(n)
            .filter_map(|at| firsts.get(at).copied())
            .collect();
        (first, total)
    }

    /// The rows that repeat an earlier one exactly, in order, and how many there are.
    pub fn repeats(&self) -> &Rows {
        &self.later
    }

    /// The first row a row repeats (itself when it is the first).
    pub fn first_like(&self, r: &EnergyRow) -> Option<usize> {
        self.same.get(&row_key(r))?.first()
    }
}

/// Everything a period's results add up over its energy lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Scope 1 and Scope 2 tonnes CO2e: `[direct lines, indirect lines]`.
    pub(crate) ghg: [Acc; 2],
    /// Direct and indirect MWh.
    pub(crate) mwh: [Acc; 2],
    /// Direct and indirect tonnes of standard coal equivalent.
    pub(crate) tce: [Acc; 2],
    /// Tonnes of CO2, CH4, N2O, CO2e and biogenic CO2: `[direct lines, indirect lines]`.
    pub(crate) gases: [[Acc; 5]; 2],
    /// Kg of NOx, SOx and PM (A1.1) from fuels burnt on site.
    pub(crate) air: [Acc; 3],
    /// MWh and tce by source, in the order of [`Source::ALL`].
    pub(crate) by_source: Vec<(Acc, Acc)>,
    pub(crate) sites: Groups,
    pub(crate) months: Groups,
    pub(crate) sources: Groups,
    /// Lines with a custom factor and no source note.
    pub(crate) custom: Rows,
    /// Lines in litres at the fuel's default density.
    pub(crate) default_density: Rows,
    /// Lines on a preset factor, by the preset's id (its name beside).
    pub(crate) presets: Sets,
    /// Lines whose factor is of an earlier year than theirs, by factor.
    pub(crate) earlier: Sets,
    /// Lines whose factor is unverified or secondary, by the factor's id.
    /// (beside each, the status's id).
    pub(crate) statuses: Sets,
    pub(crate) quality: Quality,
}

/// The gases [`Tally::gases`] keeps, in its order.
pub(crate) const GASES: [super::library::Gas; 5] = [
    super::library::Gas::Co2,
    super::library::Gas::Ch4,
    super::library::Gas::N2o,
    super::library::Gas::Co2e,
    super::library::Gas::Co2Biogenic,
];

impl Tally {
    /// An empty tally for a period (which gives the months of its reporting period).
    pub fn new(p: &Period) -> Tally {
        let mut t = Tally::default();
        let reporting = p
            .period
            .as_deref()
            .and_then(super::ledger::periods::reporting_months);
        if let Some((first, last)) = reporting {
            let mut m = first;
            while m <= last && t.quality.in_period.len() < 24 {
                t.quality.in_period.push(m.id());
                m = m.next();
            }
        }
        t
    }

    /// The tally of every line of a period.
    pub fn of(p: &Period) -> Tally {
        Tally::of_lines(p, |_| true)
    }

    /// The tally of the lines of a period that `keep` selects: one part of a period split
    /// (by site, by month, by the machine that holds it), to [`Tally::merge`] with the others.
    pub fn of_lines(p: &Period, keep: impl Fn(&EnergyRow) -> bool) -> Tally {
        let mut t = Tally::new(p);
        for r in p.energy.iter().filter(|r| keep(r)) {
            t.put(&super::line::line(r, p), Sign::Add);
        }
        t.settle();
        t
    }

    /// Renumbers the lines after one was inserted or removed (`to` keeps their order; a removed
    /// line is taken away first). Lines whose figures name their line ("energy line 4 has no
    /// emission factor") keep the old names until put again: [`Tally::lines_with_errors`].
    pub(crate) fn shift(&mut self, to: &dyn Fn(usize) -> usize) {
        self.each_acc(&mut |acc| {
            for (i, _) in &mut acc.errors {
                *i = to(*i);
            }
        });
        self.sites.shift(to);
        self.months.shift(to);
        self.sources.shift(to);
        self.custom.shift(to);
        self.default_density.shift(to);
        self.presets.shift(to);
        self.earlier.shift(to);
        self.statuses.shift(to);
        self.quality.shift(to);
    }

    /// Every total of the tally.
    fn each_acc(&mut self, f: &mut dyn FnMut(&mut Acc)) {
        for acc in &mut self.ghg {
            f(acc);
        }
        for acc in &mut self.mwh {
            f(acc);
        }
        for acc in &mut self.tce {
            f(acc);
        }
        for acc in self.gases.iter_mut().flatten() {
            f(acc);
        }
        for acc in &mut self.air {
            f(acc);
        }
        for (a, b) in &mut self.by_source {
            f(a);
            f(b);
        }
    }

    /// The lines whose figure is unavailable (their reasons name them), in row order.
    pub(crate) fn lines_with_errors(&mut self) -> Vec<usize> {
        let mut rows = Vec::new();
        self.each_acc(&mut |acc| rows.extend(acc.errors.iter().map(|(i, _)| *i)));
        sorted_rows(&mut rows);
        rows
    }

    /// The one line of Scope 1 (`direct`) or Scope 2, when the scope has exactly one.
    pub fn only_line(&self, direct: bool) -> Option<usize> {
        let acc = self.ghg.get(usize::from(!direct))?;
        if acc.lines != 1 {
            return None;
        }
        // The scope's own sources first, towngas last (it is in either scope, by the period's
        // `towngas_scope`): the caller checks the line found is in the scope.
        Source::ALL
            .iter()
            .filter(|s| s.is_direct() == direct && **s != Source::Towngas)
            .chain([&Source::Towngas])
            .find_map(|s| self.sources.first(s.id()))
    }

    /// Adds a line, or takes it away (with the figures it was added with).
    pub(crate) fn put(&mut self, l: &Line, sign: Sign) {
        let r = l.row;
        let i = r.index;
        let side = usize::from(!r.direct());
        let mwh = l.mwh();
        if let Some(a) = self.ghg.get_mut(side) {
            a.put(i, &l.emissions, sign);
        }
        if let Some(a) = self.mwh.get_mut(side) {
            a.put(i, &mwh, sign);
        }
        if let Some(a) = self.tce.get_mut(side) {
            a.put(i, &l.tce, sign);
        }
        if let Some(gases) = self.gases.get_mut(side) {
            for (acc, gas) in gases.iter_mut().zip(GASES) {
                acc.put(i, &l.gas_tonnes(gas), sign);
            }
        }
        if let Some(air) = &l.air {
            for (acc, v) in self.air.iter_mut().zip(air) {
                acc.put(i, v, sign);
            }
        }
        if let Some(at) = Source::ALL.iter().position(|s| *s == r.source) {
            if self.by_source.len() <= at {
                self.by_source
                    .resize_with(Source::ALL.len(), Default::default);
            }
            if let Some((by_mwh, by_tce)) = self.by_source.get_mut(at) {
                by_mwh.put(i, &mwh, sign);
                by_tce.put(i, &l.tce, sign);
            }
        }
        self.sites.put(&r.site, l, sign);
        self.months.put(r.period.as_deref().unwrap_or(""), l, sign);
        self.sources.put(r.source.id(), l, sign);
        match &r.factor {
            FactorChoice::Inline(f) if f.source_note.is_none() => {
                self.custom.put(i, sign);
            }
            FactorChoice::Preset(record) => {
                self.presets.put(&record.id, record.name.as_str(), i, sign);
            }
            _ => {}
        }
        if let (Some(kind), Some(id)) = (r.earlier, r.factor.record_id()) {
            self.earlier.put(&id, kind, i, sign);
        }
        if let Some(status @ (Status::Unverified | Status::Secondary)) = r.factor.status() {
            if let Some(id) = r.factor.record_id() {
                self.statuses.put(&id, status.id(), i, sign);
            }
        }
        if r.default_density.is_some() {
            self.default_density.put(i, sign);
        }
        self.quality.put(r, sign);
    }

    /// The tally of this period's lines and `other`'s together: two parts of one period's
    /// lines (each line in one of them, with its own index) merge into the tally of all of
    /// them, whatever the split.
    pub fn merge(&mut self, other: &Tally) {
        let pairs = self
            .ghg
            .iter_mut()
            .zip(&other.ghg)
            .chain(self.mwh.iter_mut().zip(&other.mwh))
            .chain(self.tce.iter_mut().zip(&other.tce))
            .chain(
                self.gases
                    .iter_mut()
                    .flatten()
                    .zip(other.gases.iter().flatten()),
            )
            .chain(self.air.iter_mut().zip(&other.air));
        for (mine, theirs) in pairs {
            mine.merge(theirs);
        }
        if self.by_source.len() < other.by_source.len() {
            self.by_source
                .resize_with(other.by_source.len(), Default::default);
        }
        for ((m, t), (mwh, tce)) in self.by_source.iter_mut().zip(&other.by_source) {
            m.merge(mwh);
            t.merge(tce);
        }
        self.sites.merge(&other.sites);
        self.months.merge(&other.months);
        self.sources.merge(&other.sources);
        self.custom.merge(&other.custom);
        self.default_density.merge(&other.default_density);
        self.presets.merge(&other.presets);
        self.earlier.merge(&other.earlier);
        self.statuses.merge(&other.statuses);
        self.quality.merge(&other.quality);
        self.settle();
    }

    /// Brings what is derived from the lines (medians and outliers) up to date after puts.
    pub(crate) fn settle(&mut self) {
        self.sites.settle();
        self.months.settle();
        self.sources.settle();
        self.quality.settle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn period(rows: &[(u8, u8, u8, u16)]) -> Period {
        let energy: Vec<_> = rows
            .iter()
            .map(|(kind, site, month, q)| {
                let q = match q % 7 {
                    0 => "x".to_string(),
                    1 => "0".to_string(),
                    2 => "3.333333333333333333".to_string(),
                    _ => q.to_string(),
                };
                let (source, unit) = [("electricity", "kWh"), ("natural_gas", "m3"), ("diesel", "L"), ("towngas", "unit")][usize::from(kind % 4)];
                let site = ["A", "B", "C"][usize::from(site % 3)];
                let month = ["2024-01", "2024-02", "2023-05", "n/a"][usize::from(month % 4)];
                json!({ "site": site, "period": month, "source": source, "quantity": q, "unit": unit, "grid": "guangdong" })
            })
            .collect();
        let doc =
            json!({ "period": "2024", "organisation": { "employees": "3" }, "energy": energy });
        crate::scenario::read(&doc)
            .0
            .map(|s| s.current)
            .unwrap_or_else(|| panic!("a scenario"))
    }

    proptest! {
        /// The tally of a period is the merge of the tallies of any split of its lines, and
        /// gives the same results.
        #[test]
        fn the_tally_of_the_whole_is_the_merge_of_the_tallies_of_its_parts(
            rows in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>(), any::<u16>()), 0..40),
            parts in 1..5usize,
            seed in any::<u64>(),
        ) {
            let p = period(&rows);
            let whole = Tally::of(&p);
            let mut split: Vec<Tally> = (0..parts).map(|_| Tally::new(&p)).collect();
            let mut s = seed | 1;
            for r in &p.energy {
                s ^= s << 13; s ^= s >> 7; s ^= s << 17;
                if let Some(t) = split.get_mut((s % parts as u64) as usize) {
                    t.put(&crate::calc::line(r, &p), Sign::Add);
                }
            }
            let mut merged = Tally::new(&p);
            for t in &mut split {
                t.settle();
                merged.merge(t);
            }
            prop_assert_eq!(&merged, &whole);
            let limit = crate::calc::TraceLimit::All;
            let a = serde_json::to_string(&crate::calc::period_results(&p, &merged, limit)).unwrap_or_default();
            let b = serde_json::to_string(&crate::calc::period_results(&p, &whole, limit)).unwrap_or_default();
            prop_assert_eq!(a, b);
        }
    }
}
