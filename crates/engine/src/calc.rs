//! From a scenario to the results of the contract (`esg-kpi-results/1`, CONTRACT.md §4):
//! the sixteen KPIs, the input errors, the checks, and a trace line for every input that
//! feeds a KPI; plus, as compatible extensions, `details` (Scope 1 by gas, market-based
//! Scope 2, the effective grid factor, energy by source and in tonnes of standard coal),
//! `published_check`, and `periods` (prior year, base year).
//!
//! All arithmetic is checked decimal arithmetic; a result that would leave the exact range is
//! a value with a reason instead, never a panic. Rounding happens only in `display`.

use super::checks;
use super::field::Figure;
use super::intensity::{self, Of, Per, Wanted};
use super::kpi::{Denominator, KpiId};
use super::library::{self, Gas};
pub(crate) use super::line::{add, line, line_name, line_number, Line};
use super::line::{scope_number, waste_from_items};
use super::number::{self, display, plain};
use super::published;
use super::released;
use super::results::Intensity;
pub(crate) use super::results::Val;
pub use super::results::{
    Breakdowns, Check, Details, Fugitive, FugitiveGas, Group, KpiResult, Kpis, Level, Num,
    PeriodResults, Results, Rounded, Scope3Category, Scope3Details, TraceFactor, TraceGas,
    TraceLine, WasteByKind, RESULTS_SCHEMA,
};
use super::scenario::{
    self, FactorChoice, Field, InputError, Instrument, Period, Scenario, WasteUnit,
};
use super::scope3;
use super::tally::{Acc, NoTotal, Tally, GASES};
use super::text::{overflow, Text};
use super::units::{self, Source, KJ_PER_MWH};
use super::waste::KINDS;
use crate::t;
use crate::DecOps as _;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Calculates from scenario JSON text.
pub fn calculate_json(text: &str) -> Results {
    let (scenario, errors) = scenario::read_json(text);
    finish(scenario, errors)
}

/// Calculates from a parsed JSON value (the page keeps its scenario as one).
pub fn calculate_value(value: &serde_json::Value) -> Results {
    calculate_value_with(value, TraceLimit::All).0
}

/// How much of the trace to write. Everything else is computed the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraceLimit {
    /// Every line: what the API, the exports and the JSON results carry.
    All,
    /// The first `n` activity lines (waste, water and the denominators always follow): what a
    /// page shows, so that a keystroke in a 20,000-line scenario does not write 20,000
    /// sentences nobody reads. [`Results::trace_omitted`] counts the rest.
    First(usize),
}

impl TraceLimit {
    /// How many of `lines` activity lines the trace writes.
    pub fn shown(self, lines: usize) -> usize {
        match self {
            TraceLimit::All => lines,
            TraceLimit::First(n) => n.min(lines),
        }
    }
}

/// Calculates from a parsed JSON value, writing the trace only as far as `limit`; also
/// returns the scenario as read, from which [`calculate`] writes the whole trace later (an
/// export) without reading the document again.
pub fn calculate_value_with(
    value: &serde_json::Value,
    limit: TraceLimit,
) -> (Results, Option<Scenario>) {
    let (scenario, errors) = scenario::read(value);
    match scenario {
        Some(s) => (calculate_with(&s, errors, limit), Some(s)),
        None => (finish(None, errors), None),
    }
}

pub(crate) fn finish(scenario: Option<Scenario>, errors: Vec<InputError>) -> Results {
    match scenario {
        Some(s) => calculate(&s, errors),
        None => Results {
            schema: RESULTS_SCHEMA,
            period: None,
            kpis: Kpis(
                KpiId::ALL
                    .into_iter()
                    .map(|id| unavailable(id, t!("the scenario could not be read")))
                    .collect(),
            ),
            errors,
            checks: Vec::new(),
            trace: Vec::new(),
            trace_omitted: 0,
            details: None,
            published_check: None,
            per_production_unit: Vec::new(),
            intensities: Vec::new(),
            data_quality: Vec::new(),
            periods: BTreeMap::new(),
        },
    }
}

/// Calculates every period of a scenario that has been read.
pub fn calculate(s: &Scenario, errors: Vec<InputError>) -> Results {
    calculate_with(s, errors, TraceLimit::All)
}

/// [`calculate`], writing the trace only as far as `limit`.
pub fn calculate_with(s: &Scenario, errors: Vec<InputError>, limit: TraceLimit) -> Results {
    let tallies: Vec<Tally> = s.periods().map(Tally::of).collect();
    results_of(s, &tallies, None, errors, limit)
}

/// A scenario's results from the tallies of its periods (the current period's first, then
/// the others' in their order).
/// `traces`, when given, are each period's calculation lines as far as `limit` already
/// written (what [`super::live::Live`] keeps between edits).
pub(crate) fn results_of(
    s: &Scenario,
    tallies: &[Tally],
    traces: Option<&[&[TraceLine]]>,
    errors: Vec<InputError>,
    limit: TraceLimit,
) -> Results {
    let empty = Tally::default();
    let tally = |i: usize| tallies.get(i).unwrap_or(&empty);
    let trace = |i: usize| traces.and_then(|t| t.get(i)).copied();
    let current = period_results_with(&s.current, tally(0), limit, trace(0));
    // Inserted one by one: collecting into a map would sort (one more sort in the page's wasm).
    let mut periods = BTreeMap::new();
    for (i, p) in s.others.iter().enumerate() {
        periods.insert(
            p.id.key(),
            period_results_with(p, tally(i + 1), limit, trace(i + 1)),
        );
    }
    Results {
        schema: RESULTS_SCHEMA,
        period: current.period,
        kpis: current.kpis,
        errors,
        checks: current.checks,
        trace: current.trace,
        trace_omitted: current.trace_omitted,
        details: Some(current.details),
        published_check: current.published_check,
        per_production_unit: current.per_production_unit,
        intensities: current.intensities,
        data_quality: current.data_quality,
        periods,
    }
}

/// Computes one period.
pub fn calculate_period(p: &Period) -> PeriodResults {
    calculate_period_with(p, TraceLimit::All)
}

/// [`calculate_period`], writing the trace only as far as `limit`.
pub fn calculate_period_with(p: &Period, limit: TraceLimit) -> PeriodResults {
    period_results(p, &Tally::of(p), limit)
}

/// A line of the period by its index, computed.
fn line_at(p: &Period, index: usize) -> Option<Line<'_>> {
    let at = p.energy.binary_search_by_key(&index, |r| r.index).ok()?;
    p.energy.get(at).map(|r| line(r, p))
}

/// The reason a total over lines is unavailable, in words: a line's own reason, or, for a sum
/// beyond exact decimals, the largest of the lines `pick` gives a figure for.
fn total_reason(p: &Period, why: NoTotal, pick: &dyn Fn(&Line) -> Option<Decimal>) -> Text {
    match why {
        NoTotal::Line(reason) => reason,
        NoTotal::TooLarge => {
            // Only when it happens: the one pass over the lines an edit never makes otherwise.
            let largest = p
                .energy
                .iter()
                .filter_map(|r| {
                    let l = line(r, p);
                    pick(&l).map(|v| (v.abs(), r))
                })
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.index.cmp(&a.1.index)));
            match largest {
                Some((_, r)) => t!(
                    "the total is too large for exact decimal arithmetic; its largest line is {0}: check its quantity and unit",
                    line_name(p.id, r)
                ),
                None => overflow(),
            }
        }
    }
}

/// A period's results from its tally: what a full calculation and an edit both end with, and
/// what the merge of the tallies of a period's parts gives (see [`Tally::merge`]).
pub fn period_results(p: &Period, tally: &Tally, limit: TraceLimit) -> PeriodResults {
    period_results_with(p, tally, limit, None)
}

/// The calculation lines of a period's first energy lines, as far as `limit`:
/// `(row index, line)`.
pub(crate) fn lines_traced(
    p: &Period,
    limit: TraceLimit,
) -> impl Iterator<Item = (usize, TraceLine)> + '_ {
    let shown = limit.shown(p.energy.len());
    p.energy
        .iter()
        .take(shown)
        .map(move |r| (r.index, trace_line(&line(r, p), p)))
}

/// [`period_results`], with the calculation lines of its first energy lines already written
/// when `traced` is given.
pub(crate) fn period_results_with(
    p: &Period,
    tally: &Tally,
    limit: TraceLimit,
    traced: Option<&[TraceLine]>,
) -> PeriodResults {
    let rows_broken: Val = match p.invalid_energy_rows.first() {
        Some(i) => Err(t!(
            "{0} has an input error (see its message)",
            line_number(p.id, *i)
        )),
        None => Ok(Decimal::ZERO),
    };
    let sum = |acc: &Acc, pick: &dyn Fn(&Line) -> Option<Decimal>| -> Val {
        rows_broken.clone()?;
        acc.value().map_err(|why| total_reason(p, why, pick))
    };
    let ghg_of = |l: &Line| l.emissions.as_ref().ok().copied();
    let mwh_of = |l: &Line| l.mwh().ok();
    let [s1, s2] = &tally.ghg;
    let [mwh1, mwh2] = &tally.mwh;
    let fugitive = released::totals(p);
    let fugitive_scope1: Val = match &fugitive {
        None => Ok(Decimal::ZERO),
        Some(Ok(f)) => Ok(f.scope1),
        Some(Err(e)) => Err(e.clone()),
    };
    let scope1 = add(
        &sum(s1, &|l| ghg_of(l).filter(|_| l.row.direct())),
        &fugitive_scope1,
    );
    let scope2 = sum(s2, &|l| ghg_of(l).filter(|_| !l.row.direct()));
    let total_ghg = add(&scope1, &scope2);
    let direct = sum(mwh1, &|l| mwh_of(l).filter(|_| l.row.direct()));
    let indirect = sum(mwh2, &|l| mwh_of(l).filter(|_| !l.row.direct()));
    let total_energy = add(&direct, &indirect);
    let scope3_totals = scope3::totals(&p.scope3, &p.invalid_scope3);
    let scope3: Val = if p.scope3.is_empty() && p.invalid_scope3.is_empty() {
        Err(t!("no Scope 3 lines"))
    } else {
        scope3_totals
            .as_ref()
            .map(|t| t.total)
            .map_err(Clone::clone)
    };
    let air: [Val; 3] = std::array::from_fn(|i| {
        let pick = move |l: &Line| {
            l.air
                .as_ref()
                .and_then(|a| a.get(i)?.as_ref().ok().copied())
        };
        tally
            .air
            .get(i)
            .map_or(Ok(Decimal::ZERO), |acc| sum(acc, &pick))
    });

    let denominator = |d: Denominator| -> Val {
        let field = match d {
            Denominator::FloorArea => p.floor_area_m2,
            Denominator::Employees => p.employees,
            Denominator::Revenue => p.revenue_in_rmb_million(),
        };
        match field {
            Field::Given(v) if v.is_zero() => Err(t!("{0} is zero", d.noun())),
            Field::Given(v) => Ok(v),
            Field::Missing => Err(t!("no {0} given", d.noun())),
            Field::Invalid => Err(t!("{0} is invalid", d.noun())),
        }
    };
    let given = |f: Field, what: &'static str| -> Val {
        match f {
            Field::Given(v) => Ok(v),
            Field::Missing => Err(t!("no {0} given", Text::word(what))),
            Field::Invalid => Err(t!("{0} is invalid", Text::word(what))),
        }
    };
    let totals = |id: KpiId| -> Val {
        match id {
            KpiId::GhgTotal => total_ghg.clone(),
            KpiId::GhgScope1 => scope1.clone(),
            KpiId::GhgScope2 => scope2.clone(),
            KpiId::HazardousWaste => match waste_from_items(p, true) {
                Some(total) => total,
                None => given(p.hazardous_waste_t, "hazardous waste"),
            },
            KpiId::NonHazardousWaste => match waste_from_items(p, false) {
                Some(total) => total,
                None => given(p.non_hazardous_waste_t, "non-hazardous waste"),
            },
            KpiId::EnergyTotal => total_energy.clone(),
            KpiId::EnergyDirect => direct.clone(),
            KpiId::EnergyIndirect => indirect.clone(),
            KpiId::Water => given(p.water_m3, "water consumption"),
            KpiId::Packaging => given(p.packaging_t, "packaging material"),
            KpiId::AirNox => air[0].clone(),
            KpiId::AirSox => air[1].clone(),
            KpiId::AirPm => air[2].clone(),
            KpiId::GhgScope3 => scope3.clone(),
            _ => Err(t!("not a total")),
        }
    };

    let mut kpis = Vec::with_capacity(KpiId::ALL.len());
    for id in KpiId::ALL {
        let published = p.published.iter().find(|x| x.kpi == Some(id));
        let result = match (id.numerator(), id.denominator()) {
            (Some(num), Some(den)) => match (totals(num), denominator(den)) {
                (Ok(n), Ok(d)) => match n.cdiv(d) {
                    Some(v) => available(
                        id,
                        v,
                        t!(
                            "{0} {1} ÷ {2} {3}",
                            display(n),
                            num.unit(),
                            plain(d),
                            den.unit_text()
                        ),
                    ),
                    None => unavailable(id, overflow()),
                },
                (Err(reason), _) | (_, Err(reason)) => unavailable(id, reason),
            },
            _ => match totals(id) {
                Ok(v) => available(
                    id,
                    v,
                    total_formula(
                        id,
                        p,
                        tally,
                        [&scope1, &scope2, &direct, &indirect],
                        fugitive.as_ref().and_then(|f| f.as_ref().ok()),
                    ),
                ),
                Err(reason) => unavailable(id, reason),
            },
        };
        kpis.push(with_published(result, published));
    }

    let fugitive = fugitive.as_ref().map(|f| f.as_ref().ok());
    let mut details = details(p, tally, &sum, &scope2, &indirect, fugitive);
    details.scope3 = scope3_details(p, scope3_totals.as_ref().ok(), &scope3, &total_ghg);
    let lines = p.energy.len();
    let shown = limit.shown(lines);
    let mut trace: Vec<TraceLine> = match traced {
        Some(lines) => lines.to_vec(),
        None => lines_traced(p, limit).map(|(_, t)| t).collect(),
    };
    trace.extend(p.refrigerants.iter().filter_map(|r| released::trace(p, r)));
    trace.extend(
        p.scope3
            .iter()
            .filter_map(|r| scope3::trace(p.id.prefix(), r, KpiId::GhgScope3.id())),
    );
    trace.extend(waste_trace(p));
    trace.extend(scalar_trace(p));
    let checks = checks::period_checks(p, &kpis, tally, &totals, fugitive.flatten());
    let published_check = (!p.published.is_empty()).then(|| published::check(&p.published));
    let scopes_1_2_3 = add(&total_ghg, &scope3);
    let per_production_unit = intensities_of(
        p,
        &production_intensities(p),
        &totals,
        &scopes_1_2_3,
        &denominator,
    );
    let intensities = intensities_of(
        p,
        &p.settings.intensities,
        &totals,
        &scopes_1_2_3,
        &denominator,
    );
    let mut checks = checks;
    for i in &intensities {
        if let (Some(false), Some(v), Some(shown)) =
            (i.matches_published, i.value, &i.published_as_printed)
        {
            checks.push(Check {
                id: format!("published-differs:{}", i.id),
                level: Level::Warning,
                message: t!(
                    "{0}: published {1}; computed {2}.",
                    i.name.clone(),
                    shown.clone(),
                    format!("{} {}", display(v.0), i.unit)
                ),
                kpi: None,
                path: None,
            });
        }
    }
    let data_quality = checks::data_quality(p, tally);
    PeriodResults {
        period: p.period.clone(),
        kpis: Kpis(kpis),
        checks,
        trace,
        trace_omitted: lines - shown,
        details,
        published_check,
        data_quality,
        per_production_unit,
        intensities,
    }
}

/// Intensities (those the report chose, or those per unit of production), each with its value
/// or the reason it has none; revenue in the currency the report gives it in (no exchange rate
/// involved).
fn intensities_of(
    p: &Period,
    wanted: &[Wanted],
    totals: &dyn Fn(KpiId) -> Val,
    scopes_1_2_3: &Val,
    denominator: &dyn Fn(Denominator) -> Val,
) -> Vec<Intensity> {
    let given = |f: Field, none: Text, zero: Text, bad: Text| -> Val {
        match f {
            Field::Given(v) if v.is_zero() => Err(zero),
            Field::Given(v) => Ok(v),
            Field::Missing => Err(none),
            Field::Invalid => Err(bad),
        }
    };
    wanted
        .iter()
        .map(|w| {
            let numerator = match w.of {
                Of::Kpi(k) => totals(k),
                Of::Scopes123 => scopes_1_2_3.clone(),
            };
            let (den, per_unit): (Val, String) = match w.per {
                Per::Employee => (denominator(Denominator::Employees), "employee".to_string()),
                Per::FloorArea => (denominator(Denominator::FloorArea), "m²".to_string()),
                Per::Revenue => {
                    let (field, currency) = match &p.revenue_foreign {
                        Some(f) => (f.amount, f.currency.clone()),
                        None => (p.revenue_rmb_million, "RMB".to_string()),
                    };
                    (
                        given(
                            field,
                            t!("no revenue given"),
                            t!("the revenue is zero"),
                            t!("the revenue is invalid"),
                        ),
                        format!("{currency} million"),
                    )
                }
                Per::Production => match &p.production {
                    Some(prod) => (
                        given(
                            prod.quantity,
                            t!("no production volume given"),
                            t!("the production volume is zero"),
                            t!("the production volume is invalid"),
                        ),
                        prod.unit.clone(),
                    ),
                    None => (Err(t!("no production volume given")), String::new()),
                },
            };
            let unit = format!("{} / {}", w.of.unit(), per_unit);
            let computed = numerator.and_then(|n| {
                let d = den?;
                n.cdiv(d).map(|r| (n, d, r)).ok_or_else(overflow)
            });
            let (value, shown, reason, formula) = match computed {
                Ok((n, d, r)) => (
                    Some(Num(r)),
                    Some(Rounded(r)),
                    None,
                    Some(intensity::formula(&display(n), w.of.unit(), d, &per_unit)),
                ),
                Err(reason) => (None, None, Some(reason), None),
            };
            let printed = p.published.iter().find(|x| x.id == w.id());
            Intensity {
                published: printed.and_then(published::Printed::value).map(Num),
                published_as_printed: printed.map(published::Printed::shown),
                matches_published: printed.zip(value).and_then(|(x, v)| x.matches(v.0)),
                id: w.id(),
                of: w.of.id(),
                per: w.per.id(),
                name: intensity::name(*w),
                value,
                display: shown,
                unit,
                reason,
                formula,
            }
        })
        .collect()
}

/// The totals a production volume divides, in the KPI table's order.
const PER_PRODUCTION: [KpiId; 6] = [
    KpiId::GhgTotal,
    KpiId::EnergyTotal,
    KpiId::Water,
    KpiId::HazardousWaste,
    KpiId::NonHazardousWaste,
    KpiId::Packaging,
];

fn production_intensities(p: &Period) -> Vec<Wanted> {
    if p.production.is_none() {
        return Vec::new();
    }
    PER_PRODUCTION
        .iter()
        .map(|k| Wanted {
            of: Of::Kpi(*k),
            per: Per::Production,
        })
        // One chosen as well is listed once, with the chosen ones.
        .filter(|w| !p.settings.intensities.contains(w))
        .collect()
}

/// Scope 3 by category, when the period has lines or says what it does of a category.
fn scope3_details(
    p: &Period,
    totals: Option<&scope3::Totals>,
    scope3: &Val,
    scopes_1_2: &Val,
) -> Option<Scope3Details> {
    if p.scope3.is_empty() && p.invalid_scope3.is_empty() && p.scope3_categories.is_empty() {
        return None;
    }
    let categories = (1..=15u8)
        .map(|c| {
            let entry = p.scope3_categories.iter().find(|e| e.category == c);
            let rows: Vec<_> = p.scope3.iter().filter(|r| r.category == c).collect();
            let mut methods: Vec<Text> = Vec::new();
            for r in &rows {
                let m = scope3::method(r);
                if !methods.contains(&m) {
                    methods.push(m);
                }
            }
            let status = match (entry, rows.is_empty()) {
                (Some(e), _) => e.status.id(),
                (None, false) => scope3::Disclosed::Included.id(),
                (None, true) => "not_stated",
            };
            Scope3Category {
                category: c,
                name: scope3::category_name(c),
                status,
                reason: entry.map(|e| e.reason.clone()).unwrap_or_default(),
                lines: rows.len(),
                t: totals
                    .and_then(|t| t.by_category.get(&c))
                    .map(|(_, t)| Num(*t)),
                methods,
            }
        })
        .collect();
    Some(Scope3Details {
        total_t: scope3.as_ref().ok().copied().map(Num),
        scopes_1_2_3_t: add(scopes_1_2, scope3).ok().map(Num),
        categories,
    })
}

type Sum<'s> = dyn Fn(&Acc, &dyn Fn(&Line) -> Option<Decimal>) -> Val + 's;

fn details(
    p: &Period,
    tally: &Tally,
    sum: &Sum,
    scope2: &Val,
    indirect: &Val,
    fugitive: Option<Option<&released::Totals>>,
) -> Details {
    let text = |v: Val| v.ok().map(Num);
    let mut by_gas = BTreeMap::new();
    let mut by_gas_co2e = BTreeMap::new();
    let mut biogenic = None;
    let [direct, indirect_gases] = &tally.gases;
    for (acc, gas) in direct.iter().zip(GASES) {
        let mut tonnes = sum(acc, &|l: &Line| {
            l.gas_tonnes(gas).ok().filter(|_| l.row.direct())
        });
        // Fugitive CO2 (R-744) joins the fuels'.
        let extra = match (fugitive, gas) {
            (Some(None), Gas::Co2) => Err(t!("a refrigerant line has an error")),
            (Some(Some(f)), Gas::Co2) => Ok(f.by_group.get("CO2").map_or(Decimal::ZERO, |g| g.0)),
            _ => Ok(Decimal::ZERO),
        };
        tonnes = add(&tonnes, &extra);
        if gas == Gas::Co2Biogenic {
            // Beside the scopes, and only when a line burns a biofuel.
            if tally
                .sources
                .list()
                .iter()
                .any(|g| Source::from_id(&g.key).is_some_and(Source::is_biofuel))
            {
                biogenic = Some(text(tonnes));
            }
            continue;
        }
        // Each gas's CO2e at the period's GWP (fugitive CO2, R-744, has a GWP of 1 too).
        let co2e = tonnes
            .clone()
            .and_then(|t| t.cmul(p.settings.gwp.of(gas)).ok_or_else(overflow));
        by_gas_co2e.insert(gas.id(), text(co2e));
        by_gas.insert(gas.id(), text(tonnes));
    }
    // Scope 2 by gas: China's grid factors are CO2 alone; Hong Kong's utilities publish CO2e.
    let mut scope2_by_gas = BTreeMap::new();
    let mut scope2_by_gas_co2e = BTreeMap::new();
    for (acc, gas) in indirect_gases.iter().zip(GASES) {
        if acc.lines == 0 || gas == Gas::Co2Biogenic {
            continue;
        }
        let tonnes = sum(acc, &|l: &Line| {
            l.gas_tonnes(gas).ok().filter(|_| !l.row.direct())
        });
        let co2e = tonnes
            .clone()
            .and_then(|t| t.cmul(p.settings.gwp.of(gas)).ok_or_else(overflow));
        if tonnes.as_ref().is_ok_and(|t| t.is_zero()) {
            continue;
        }
        scope2_by_gas_co2e.insert(gas.id(), text(co2e));
        scope2_by_gas.insert(gas.id(), text(tonnes));
    }
    if let Some(Some(f)) = fugitive {
        for (group, (t, c)) in f.by_group.iter().filter(|(g, _)| **g != "CO2") {
            by_gas.insert(group, Some(Num(*t)));
            by_gas_co2e.insert(group, Some(Num(*c)));
        }
    }
    // Scope 2 is electricity's, and towngas's under the HK convention: the grid factor and the
    // market-based figure are electricity's alone, towngas added to the latter as it is.
    let towngas_group = |what: fn(&Group) -> Option<Num>| -> Val {
        match tally
            .sources
            .list()
            .iter()
            .find(|g| g.key == Source::Towngas.id())
        {
            Some(g) => what(g)
                .map(|v| v.get())
                .ok_or_else(|| t!("a towngas line has an error")),
            None => Ok(Decimal::ZERO),
        }
    };
    let (electricity_t, electricity_mwh, towngas_t) = if p.settings.towngas_scope2 {
        let t = towngas_group(|g| g.ghg_t);
        let mwh = towngas_group(|g| g.energy_mwh);
        let less = |a: &Val, b: &Val| -> Val { a.clone()?.csub(b.clone()?).ok_or_else(overflow) };
        (less(scope2, &t), less(indirect, &mwh), t)
    } else {
        (scope2.clone(), indirect.clone(), Ok(Decimal::ZERO))
    };
    let effective = match (&electricity_t, &electricity_mwh) {
        (Ok(t), Ok(mwh)) if !mwh.is_zero() => t.cdiv(*mwh).ok_or_else(overflow),
        (Ok(_), Ok(_)) => Err(t!("no electricity")),
        (Err(e), _) | (_, Err(e)) => Err(e.clone()),
    };
    let (market, method) = if p.instruments.is_empty() && !p.invalid_instruments {
        (None, None)
    } else {
        let m = add(&market_based(p, &electricity_mwh, &effective), &towngas_t);
        (Some(text(m.clone())), Some(match m {
            Ok(_) => t!("supplier-specific MWh × their factors; certificate MWh at zero; the remaining MWh at the location-based blended factor (no residual mix is published for China)"),
            Err(e) => e,
        }))
    };
    let mut by_source = BTreeMap::new();
    let mut tce = BTreeMap::new();
    let tce_of = |l: &Line| l.tce.as_ref().ok().copied();
    for (source, (mwh, t)) in Source::ALL.into_iter().zip(&tally.by_source) {
        if mwh.lines > 0 {
            let of = |l: &Line| l.row.source == source;
            by_source.insert(
                source.id(),
                text(sum(mwh, &|l: &Line| l.mwh().ok().filter(|_| of(l)))),
            );
            tce.insert(
                source.id(),
                text(sum(t, &|l: &Line| tce_of(l).filter(|_| of(l)))),
            );
        }
    }
    let [tce1, tce2] = &tally.tce;
    tce.insert(
        "direct",
        text(sum(tce1, &|l: &Line| tce_of(l).filter(|_| l.row.direct()))),
    );
    tce.insert(
        "indirect",
        text(sum(tce2, &|l: &Line| tce_of(l).filter(|_| !l.row.direct()))),
    );
    let mut all = tce1.clone();
    all.merge(tce2);
    tce.insert("total", text(sum(&all, &tce_of)));
    // Sites in the order they first appear; the chart's emissions by site are the same sums.
    let (mut by_site, mut by_month, mut by_source_groups) = (
        tally.sites.list(),
        tally.months.list(),
        tally.sources.list(),
    );
    if let Some(Some(f)) = fugitive {
        released::add_to_breakdowns(f, &mut by_site, &mut by_month, &mut by_source_groups);
    }
    Details {
        gwp: p.settings.gwp.id(),
        consolidation: p.settings.consolidation,
        grid_edition: p.settings.grid_edition_id.clone(),
        towngas_scope: if p.settings.towngas_scope2 {
            "scope2"
        } else {
            "scope1"
        },
        scope1_by_gas_t: by_gas,
        scope1_by_gas_co2e_t: by_gas_co2e,
        scope2_by_gas_t: scope2_by_gas,
        scope2_by_gas_co2e_t: scope2_by_gas_co2e,
        biogenic_co2_t: biogenic,
        grid_factor_effective_t_per_mwh: text(effective),
        scope2_market_t: market,
        scope2_market_method: method,
        energy_by_source_mwh: by_source,
        emissions_by_site_t: by_site
            .iter()
            .map(|g| (g.key.clone(), g.ghg_t))
            .collect(),
        breakdowns: Breakdowns {
            by_site,
            by_month,
            by_source: by_source_groups,
        },
        scope3: None,
        fugitive: fugitive.map(|f| Fugitive {
            scope1_t: f.map(|f| Num(f.scope1)),
            beside_scopes_t: f.map(|f| Num(f.beside)),
            by_gas: f
                .map(|f| {
                    f.by_group
                        .iter()
                        .map(|(g, (t, c))| {
                            (
                                *g,
                                FugitiveGas {
                                    t: Num(*t),
                                    co2e_t: Num(*c),
                                },
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }),
        energy_tce: tce,
        waste_by_kind_t: waste_by_kind(p),
        energy_tce_method: t!("GB/T 2589-2008: electricity at its equivalent value 0.1229 kgce/kWh; fuels at the standard's coefficients (natural gas 1.3300 kgce/m³, diesel 1.4571 and petrol 1.4714 kgce/kg) at their default calorific values, otherwise energy ÷ 29,307 kJ/kgce"),
    }
}

/// Market-based Scope 2 (GHG Protocol Scope 2 Guidance): instruments first, the rest at the
/// location-based blended factor.
fn market_based(p: &Period, indirect: &Val, effective: &Val) -> Val {
    if p.invalid_instruments {
        return Err(t!("an instrument has an error"));
    }
    let ov = overflow;
    let total = indirect.clone()?;
    let mut covered = Decimal::ZERO;
    let mut tonnes = Decimal::ZERO;
    for inst in &p.instruments {
        let (mwh, t) = match inst {
            Instrument::Certificates { mwh, .. } => (*mwh, Decimal::ZERO),
            Instrument::Supplier { mwh, factor } => {
                let per_kj = factor
                    .unit
                    .per
                    .energy_in_kj()
                    .ok_or_else(|| t!("a supplier factor must be per kWh, MWh, GJ or TJ"))?;
                let q = mwh
                    .cmul(KJ_PER_MWH)
                    .and_then(|kj| kj.cdiv(per_kj))
                    .ok_or_else(ov)?;
                let value = factor
                    .gases
                    .iter()
                    .try_fold(Decimal::ZERO, |acc, (g, v)| {
                        acc.cadd(v.cmul(p.settings.gwp.of(*g))?)
                    })
                    .ok_or_else(ov)?;
                (
                    *mwh,
                    q.cmul(value)
                        .and_then(|x| x.cmul(factor.unit.tonnes_scale()))
                        .ok_or_else(ov)?,
                )
            }
        };
        covered = covered.cadd(mwh).ok_or_else(ov)?;
        tonnes = tonnes.cadd(t).ok_or_else(ov)?;
    }
    if covered > total {
        return Err(t!(
            "the instruments cover {0} MWh, more than the {1} MWh purchased",
            plain(covered),
            plain(total)
        ));
    }
    let rest = total - covered;
    if rest.is_zero() {
        return Ok(tonnes);
    }
    let residual = rest.cmul(effective.clone()?).ok_or_else(ov)?;
    tonnes.cadd(residual).ok_or_else(ov)
}

fn available(id: KpiId, v: Decimal, formula: Text) -> KpiResult {
    KpiResult {
        id,
        value: Some(v.into()),
        display: Some(Rounded(v)),
        reason: None,
        unit: id.unit(),
        hkex: id.hkex(),
        formula: Some(formula),
        published: None,
        published_as_printed: None,
        matches_published: None,
    }
}

fn unavailable(id: KpiId, reason: Text) -> KpiResult {
    KpiResult {
        id,
        value: None,
        display: None,
        reason: Some(reason),
        unit: id.unit(),
        hkex: id.hkex(),
        formula: None,
        published: None,
        published_as_printed: None,
        matches_published: None,
    }
}

fn with_published(mut k: KpiResult, published: Option<&published::Printed>) -> KpiResult {
    if let Some(p) = published {
        k.published = p.value();
        k.published_as_printed = p.unit.is_some().then(|| p.shown());
        k.matches_published = k.exact().and_then(|v| p.matches(v));
    }
    k
}

/// `part` as a percentage of `whole`; `None` when `whole` is zero or the result overflows.
///
/// ```
/// use esg_kpi_engine::calc::percent_of;
/// use rust_decimal::Decimal;
/// assert_eq!(percent_of(Decimal::new(1, 0), Decimal::new(4, 0)), Some(Decimal::new(25, 0)));
/// assert_eq!(percent_of(Decimal::ONE, Decimal::ZERO), None);
/// ```
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.cdiv(whole)?.cmul(Decimal::ONE_HUNDRED)
}

/// The change of a KPI against an earlier period, in percent; `None` without both values or
/// when the earlier one is zero.
pub fn change_percent(now: &KpiResult, before: Option<&KpiResult>) -> Option<Decimal> {
    let (n, b) = (now.exact()?, before?.exact()?);
    if b.is_zero() {
        return None;
    }
    n.csub(b)?.cdiv(b)?.cmul(Decimal::ONE_HUNDRED)
}

fn total_formula(
    id: KpiId,
    p: &Period,
    tally: &Tally,
    [s1, s2, direct, indirect]: [&Val; 4],
    fugitive: Option<&released::Totals>,
) -> Text {
    let both = |a: &Val, b: &Val, scopes: bool| match (a, b, scopes) {
        (Ok(a), Ok(b), true) => t!("Scope 1 {0} + Scope 2 {1}", display(*a), display(*b)),
        (Ok(a), Ok(b), false) => t!("direct {0} + indirect {1}", display(*a), display(*b)),
        _ => Text::verbatim(""),
    };
    let lines_sum = |direct_lines: bool, ghg: bool| {
        let [direct, indirect] = &tally.ghg;
        let acc = if direct_lines { direct } else { indirect };
        let only = tally
            .only_line(direct_lines)
            .and_then(|i| line_at(p, i))
            .filter(|l| l.row.direct() == direct_lines);
        match (acc.lines, only, direct_lines) {
            (0, _, true) => t!("no fuel lines"),
            (0, _, false) => t!("no electricity lines"),
            (1, Some(l), _) => line_formula(&l, ghg, true),
            (n, _, true) => t!(
                "sum of {0} fuel lines (see the calculation lines)",
                n.to_string()
            ),
            // Electricity alone, or purchased heat, cooling or towngas (HK convention) too.
            (n, _, false)
                if tally
                    .sources
                    .list()
                    .iter()
                    .any(|g| g.key == Source::Electricity.id() && g.rows == n) =>
            {
                t!(
                    "sum of {0} electricity lines (see the calculation lines)",
                    n.to_string()
                )
            }
            (n, _, false) => t!(
                "sum of {0} purchased-energy lines (see the calculation lines)",
                n.to_string()
            ),
        }
    };
    match id {
        KpiId::GhgTotal => both(s1, s2, true),
        KpiId::EnergyTotal => both(direct, indirect, false),
        KpiId::GhgScope1 => match fugitive {
            Some(f) if tally.ghg[0].lines == 0 => t!(
                "sum of {0} refrigerant lines (see the calculation lines)",
                f.lines.to_string()
            ),
            Some(f) => t!(
                "{0}; and {1} refrigerant lines, {2} t CO2e",
                lines_sum(true, true),
                f.lines.to_string(),
                display(f.scope1)
            ),
            None => lines_sum(true, true),
        },
        KpiId::GhgScope3 => match p.scope3.len() {
            1 => t!("one Scope 3 line (see the calculation lines)"),
            n => t!(
                "sum of {0} Scope 3 lines (see the calculation lines)",
                n.to_string()
            ),
        },
        KpiId::EnergyDirect => lines_sum(true, false),
        KpiId::GhgScope2 => lines_sum(false, true),
        KpiId::EnergyIndirect => lines_sum(false, false),
        KpiId::AirNox | KpiId::AirSox | KpiId::AirPm => match tally.air[0].lines {
            0 => t!("no combustion lines"),
            n => t!(
                "sum of {0} combustion lines (see the calculation lines)",
                n.to_string()
            ),
        },
        _ => t!("as entered"),
    }
}

/// One line's contribution in a few words: its energy, or quantity × factor = tonnes; led by
/// the source's name when `named`.
fn line_formula(l: &Line, ghg: bool, named: bool) -> Text {
    let row = l.row;
    let body = match (ghg, &l.converted, row.factor.gases(), &l.emissions) {
        (false, Ok(c), _, _) if row.unit == units::QuantityUnit::Mwh => {
            Text::verbatim(format!("{} MWh", plain(c.mwh)))
        }
        (false, Ok(c), _, _) => Text::verbatim(format!(
            "{} {} = {} MWh",
            plain(row.quantity),
            row.unit.symbol(),
            number::rounded(c.mwh, 4)
        )),
        (true, Ok(c), Some((values, unit)), Ok(t)) => {
            let q = c
                .in_basis(unit.per, row.source)
                .map(|q| number::rounded(q, 4))
                .unwrap_or_default();
            let per = unit.symbol();
            let per = per.rsplit('/').next().unwrap_or("");
            match values.as_slice() {
                [(_, v)] => Text::verbatim(format!(
                    "{q} {per} × {} {} = {} t CO2e",
                    plain(*v),
                    unit.symbol(),
                    number::rounded(*t, 4)
                )),
                _ => t!(
                    "{0} {1} × per-gas factors ({2}) = {3} t CO2e",
                    q,
                    per,
                    gas_list(&values),
                    number::rounded(*t, 4)
                ),
            }
        }
        (_, Err(reason), _, _) | (_, _, _, Err(reason)) => return reason.clone(),
        _ => return overflow(),
    };
    if named {
        t!("{0} {1}", row.source.title(), body)
    } else {
        body
    }
}

fn gas_list(values: &[(Gas, Decimal)]) -> String {
    values
        .iter()
        .map(|(g, v)| format!("{} {}", g.id(), plain(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn trace_line(l: &Line, p: &Period) -> TraceLine {
    let row = l.row;
    let mwh = l.converted.as_ref().ok().map(|c| c.mwh);
    let conversion = match (&l.converted, row.unit.energy_in_kj(), &row.ncv) {
        (Err(e), _, _) => e.clone(),
        (Ok(_), Some(_), _) if row.unit == units::QuantityUnit::Mwh => t!("already in MWh"),
        (Ok(c), Some(_), _) => Text::verbatim(format!(
            "{} {} = {} MWh",
            plain(row.quantity),
            row.unit.symbol(),
            number::rounded(c.mwh, 6)
        )),
        (Ok(c), None, Some(ncv)) => {
            let quantity = match (row.unit, row.density_kg_per_l, row.default_density) {
                (units::QuantityUnit::L, Some(d), _) => t!(
                    "{0} {1} × {2} kg/L (density)",
                    plain(row.quantity),
                    row.unit.symbol(),
                    plain(d)
                ),
                (units::QuantityUnit::L, None, Some(d)) => t!(
                    "{0} {1} × {2} kg/L (default density: {3})",
                    plain(row.quantity),
                    row.unit.symbol(),
                    plain(d.value),
                    d.source
                ),
                (units::QuantityUnit::T, ..) => Text::verbatim(format!(
                    "{} t = {} kg",
                    plain(row.quantity),
                    c.physical.map(plain).unwrap_or_default()
                )),
                _ => Text::verbatim(format!("{} {}", plain(row.quantity), row.unit.symbol())),
            };
            t!(
                "{0} × {1} kJ/{2} (net calorific value: {3}) ÷ {4} kJ/MWh = {5} MWh",
                quantity,
                plain(ncv.kj_per_unit),
                ncv.physical.symbol(),
                &ncv.source,
                plain(KJ_PER_MWH),
                number::rounded(c.mwh, 6)
            )
        }
        (Ok(c), None, None) => Text::verbatim(format!("{} MWh", number::rounded(c.mwh, 6))),
    };
    let conversion = match &row.distance {
        Some(d) => t!(
            "{0} km × {1} L/100 km = {2} L; {3}",
            plain(d.km),
            plain(d.l_per_100km),
            plain(row.quantity),
            conversion
        ),
        None => conversion,
    };
    let factor = row.factor.gases().map(|(values, unit)| TraceFactor {
        id: row.factor.record_id(),
        values: {
            let mut m = BTreeMap::new();
            match values.as_slice() {
                [(_, v)] => {
                    m.insert("value", Num(*v));
                }
                _ => {
                    for (g, v) in values {
                        m.insert(g.id(), Num(v));
                    }
                }
            }
            m
        },
        unit: unit.id(),
        source: row.factor.source(),
        status: row.factor.status().map(|s| s.id()),
    });
    let gases: Vec<TraceGas> = l
        .gases
        .as_ref()
        .map(|gs| {
            gs.iter()
                .map(|(g, t, gwp, co2e)| TraceGas {
                    gas: g.id(),
                    t: t.into(),
                    gwp: gwp.into(),
                    co2e_t: co2e.into(),
                })
                .collect()
        })
        .unwrap_or_default();
    let per_gas = gases.iter().any(|g| g.gas == "CH4" || g.gas == "N2O");
    let (scope, energy_kpi, ghg_kpi) = if row.direct() {
        (1, KpiId::EnergyDirect, KpiId::GhgScope1)
    } else {
        (2, KpiId::EnergyIndirect, KpiId::GhgScope2)
    };
    let who = if row.site.is_empty() {
        String::new()
    } else {
        format!("{}: ", row.site)
    };
    let text = match (&row.factor, &l.emissions) {
        (f, Ok(_)) if !matches!(f, FactorChoice::None) => {
            // The factor's source is in `factor.source`, once; the sentence names the factor.
            let named = match f.record_id() {
                Some(id) => Text::verbatim(id),
                None => t!("custom factor"),
            };
            let ghg = line_formula(l, true, false);
            let energy = line_formula(l, false, true);
            if per_gas {
                t!(
                    "{0}{1}; Scope {2}: {3}, GWP {4} ({5})",
                    who,
                    energy,
                    scope_number(scope),
                    ghg,
                    p.settings.gwp.id(),
                    named
                )
            } else {
                t!(
                    "{0}{1}; Scope {2}: {3} ({4})",
                    who,
                    energy,
                    scope_number(scope),
                    ghg,
                    named
                )
            }
        }
        (_, Err(reason)) => t!("{0}{1}: {2}", who, line_formula(l, false, true), reason),
        _ => Text::verbatim(""),
    };
    let mut kpis = vec![
        energy_kpi.id(),
        KpiId::EnergyTotal.id(),
        KpiId::EnergyPerEmployee.id(),
        ghg_kpi.id(),
        KpiId::GhgTotal.id(),
        KpiId::GhgIntensityPerM2.id(),
    ];
    let air_kg = l.air.as_ref().map(|a| {
        kpis.extend([KpiId::AirNox.id(), KpiId::AirSox.id(), KpiId::AirPm.id()]);
        library::AIR_NAMES
            .iter()
            .zip(a)
            .map(|(n, v)| (*n, v.as_ref().ok().map(|x| Num(*x))))
            .collect::<BTreeMap<_, _>>()
    });
    let air_source = l.air.as_ref().map(|_| match &row.air {
        Some(a) => match &a.source {
            Some(s) => Text::verbatim(s),
            None => t!("the line's own factors; no source given"),
        },
        None if a_gas_appliance(row) => Text::verbatim(library::HKEX_GAS_AIR.citation),
        None => t!("no factor"),
    });
    kpis.sort_unstable();
    TraceLine {
        path: l.path(),
        kpis,
        text,
        site: Some(row.site.clone()),
        source: Some(row.source.id()),
        scope: Some(scope),
        quantity: row.quantity.into(),
        unit: row.unit.id().into(),
        mwh: mwh.map(|m| m.into()),
        conversion: Some(conversion),
        factor,
        gwp: per_gas.then_some(p.settings.gwp.id()),
        gases,
        emissions_t: l.emissions.as_ref().ok().map(|t| t.into()),
        tce: l.tce.as_ref().ok().map(|t| t.into()),
        air_kg,
        air_source,
    }
}

/// Towngas or LPG burnt in an appliance: HKEX Appendix 2's A1.1 method applies.
fn a_gas_appliance(row: &super::scenario::EnergyRow) -> bool {
    row.mobile.is_none() && matches!(row.source, Source::Towngas | Source::Lpg)
}

/// Trace lines for the inputs used as entered: waste, water, packaging and the denominators.
fn scalar_trace(p: &Period) -> Vec<TraceLine> {
    // A waste total typed directly is not used when its category has items.
    let unless_items = |hazardous: bool, f: Field| {
        if p.waste_items.iter().any(|w| w.hazardous == hazardous) {
            Field::Missing
        } else {
            f
        }
    };
    let items: [(Figure, Field, &[KpiId]); 7] = [
        (
            Figure::HazardousWaste,
            unless_items(true, p.hazardous_waste_t),
            &[KpiId::HazardousWaste, KpiId::HazardousWastePerEmployee],
        ),
        (
            Figure::NonHazardousWaste,
            unless_items(false, p.non_hazardous_waste_t),
            &[
                KpiId::NonHazardousWaste,
                KpiId::NonHazardousWastePerEmployee,
            ],
        ),
        (
            Figure::Water,
            p.water_m3,
            &[KpiId::Water, KpiId::WaterPerEmployee],
        ),
        (
            Figure::Packaging,
            p.packaging_t,
            &[KpiId::Packaging, KpiId::PackagingPerRevenue],
        ),
        (
            Figure::FloorArea,
            p.floor_area_m2,
            &[KpiId::GhgIntensityPerM2],
        ),
        (
            Figure::Employees,
            p.employees,
            &[
                KpiId::HazardousWastePerEmployee,
                KpiId::NonHazardousWastePerEmployee,
                KpiId::EnergyPerEmployee,
                KpiId::WaterPerEmployee,
            ],
        ),
        (
            Figure::RevenueRmbMillion,
            p.revenue_rmb_million,
            &[KpiId::PackagingPerRevenue],
        ),
    ];
    let mut out: Vec<TraceLine> = items
        .into_iter()
        .filter_map(|(figure, f, kpis)| {
            let Field::Given(v) = f else { return None };
            let unit = figure.unit()?;
            Some(TraceLine::simple(
                figure.at(p.id),
                kpis.iter().map(|k| k.id()).collect(),
                t!(
                    "{0} = {1} {2}, as entered",
                    figure.path(),
                    plain(v),
                    unit.trace_text()
                ),
                v,
                unit.id(),
            ))
        })
        .collect();
    if let Some(f) = &p.revenue_foreign {
        if let (Field::Given(a), Field::Given(r), Field::Given(rmb)) =
            (f.amount, f.rmb_per_unit, p.revenue_in_rmb_million())
        {
            let source = match &f.rate_source {
                Some(s) => Text::verbatim(s),
                None => t!("no source given"),
            };
            out.push(TraceLine::simple(
                Figure::RevenueMillion.at(p.id),
                vec![KpiId::PackagingPerRevenue.id()],
                t!(
                    "organisation.revenue_million = {0} {1} million × {2} RMB per {1} (exchange rate; {3}) = {4} RMB million",
                    plain(a),
                    &f.currency,
                    plain(r),
                    source,
                    plain(rmb)
                ),
                a,
                &format!("{} million", f.currency),
            ));
        }
    }
    if let Some(prod) = &p.production {
        if let Field::Given(v) = prod.quantity {
            out.push(TraceLine::simple(
                Figure::ProductionQuantity.at(p.id),
                Vec::new(),
                t!(
                    "organisation.production_quantity = {0} {1}, as entered (divides the intensities per unit of production)",
                    plain(v),
                    &prod.unit
                ),
                v,
                &prod.unit,
            ));
        }
    }
    out
}

/// A calculation line for each waste item: its kind, weight and category.
fn waste_trace(p: &Period) -> Vec<TraceLine> {
    p.waste_items
        .iter()
        .filter_map(|w| {
            let t = w.tonnes()?;
            let (category, kpis) = if w.hazardous {
                (
                    t!("hazardous"),
                    vec![
                        KpiId::HazardousWaste.id(),
                        KpiId::HazardousWastePerEmployee.id(),
                    ],
                )
            } else {
                (
                    t!("non-hazardous"),
                    vec![
                        KpiId::NonHazardousWaste.id(),
                        KpiId::NonHazardousWastePerEmployee.id(),
                    ],
                )
            };
            let who = if w.site.is_empty() {
                String::new()
            } else {
                format!("{}: ", w.site)
            };
            let text = match w.unit {
                WasteUnit::T => t!("{0}{1} {2} t ({3})", who, w.kind.name(), plain(t), category),
                WasteUnit::Kg => t!(
                    "{0}{1} {2} kg = {3} t ({4})",
                    who,
                    w.kind.name(),
                    plain(w.quantity),
                    plain(t),
                    category
                ),
            };
            let mut line = TraceLine::simple(
                format!("{}waste.items[{}]", p.id.prefix(), w.index),
                kpis,
                text,
                w.quantity,
                w.unit.id(),
            );
            line.site = Some(w.site.clone());
            Some(line)
        })
        .collect()
}

/// Waste by kind, summed over items, in the order of the kinds' list.
fn waste_by_kind(p: &Period) -> Vec<WasteByKind> {
    KINDS
        .iter()
        .flat_map(|k| [(k, true), (k, false)])
        .filter_map(|(k, hazardous)| {
            let mut items = p
                .waste_items
                .iter()
                .filter(|w| w.kind.id == k.id && w.hazardous == hazardous)
                .peekable();
            items.peek()?;
            let t = items.try_fold(Decimal::ZERO, |acc, w| acc.cadd(w.tonnes()?));
            Some(WasteByKind {
                kind: k.id,
                hazardous,
                t: t.map(|t| t.into()),
            })
        })
        .collect()
}
