//! What one input contributes, before any total: an energy line converted and multiplied
//! ([`Line`], [`line`]), how sentences name a line, and a waste category's total from its
//! items. [`super::tally`] sums lines, [`super::calc`] writes the results from the sums.

use super::library::Gas;
use super::period::PeriodId;
use super::results::Val;
use super::scenario::{EnergyRow, Period};
use super::text::{overflow, Text};
use super::units::{self, Converted, Source, KJ_PER_KGCE};
use crate::t;
use crate::DecOps as _;
use rust_decimal::Decimal;

/// One activity row, converted and multiplied.
pub(crate) struct Line<'a> {
    pub row: &'a EnergyRow,
    pub converted: Result<Converted, Text>,
    pub gases: Result<Vec<(Gas, Decimal, Decimal, Decimal)>, Text>,
    pub emissions: Val,
    pub tce: Val,
    /// NOx, SOx and particulates (A1.1), kg, for a fuel burnt on site; `None` for purchased
    /// energy.
    pub air: Option<[Val; 3]>,
    /// The line's period, for its path.
    pub period: PeriodId,
}

impl Line<'_> {
    /// `energy[3]`, `prior.energy[0]`: written when a message or the trace needs it, not for
    /// every line of every recompute.
    pub fn path(&self) -> String {
        energy_path(self.period, self.row.index)
    }

    /// The line's MWh.
    pub fn mwh(&self) -> Val {
        self.converted.as_ref().map(|c| c.mwh).map_err(Clone::clone)
    }

    /// The line's tonnes of one gas (0 when its factor has none of it).
    pub fn gas_tonnes(&self, gas: Gas) -> Val {
        let gs = self.gases.as_ref().map_err(Clone::clone)?;
        gs.iter()
            .filter(|(g, ..)| *g == gas)
            .try_fold(Decimal::ZERO, |acc, (_, t, ..)| acc.cadd(*t))
            .ok_or_else(overflow)
    }
}

/// The path of a period's energy row: `energy[3]`, `prior.energy[0]`.
pub(crate) fn energy_path(period: PeriodId, index: usize) -> String {
    format!("{}energy[{index}]", period.prefix())
}

/// An energy line as people name it in a sentence: “energy line 3 (Shenzhen plant)”,
/// “prior-year energy line 1 (diesel)”.
pub(crate) fn line_name(period: PeriodId, row: &EnergyRow) -> Text {
    let n = (row.index + 1).to_string();
    let what = if row.site.trim().is_empty() {
        row.source.noun()
    } else {
        Text::verbatim(row.site.trim())
    };
    match period {
        PeriodId::Current => t!("energy line {0} ({1})", n, what),
        PeriodId::Prior => t!("prior-year energy line {0} ({1})", n, what),
        PeriodId::BaseYear => t!("base-year energy line {0} ({1})", n, what),
    }
}

/// An energy line by its number alone, for a line that could not be read.
pub(crate) fn line_number(period: PeriodId, index: usize) -> Text {
    let n = (index + 1).to_string();
    match period {
        PeriodId::Current => t!("energy line {0}", n),
        PeriodId::Prior => t!("prior-year energy line {0}", n),
        PeriodId::BaseYear => t!("base-year energy line {0}", n),
    }
}

/// An error of a line's own arithmetic, naming the line when it is an overflow (which
/// otherwise says only “too large”).
pub(crate) fn at_line(e: Text, period: PeriodId, row: &EnergyRow) -> Text {
    if e == overflow() {
        t!(
            "{0} is too large for exact decimal arithmetic (at most about 7.9 × 10²⁸): check its quantity, unit and factor",
            line_name(period, row)
        )
    } else {
        e
    }
}

pub(crate) fn line<'a>(row: &'a EnergyRow, p: &'a Period) -> Line<'a> {
    let named = |e: Text| at_line(e, p.id, row);
    let converted = units::convert(
        row.quantity,
        row.unit,
        row.source,
        row.ncv.as_ref().map(|n| n.kj_per_unit),
        row.density_kg_per_l
            .or(row.default_density.map(|d| d.value)),
    );
    let gwp = p.settings.gwp;
    let gases: Result<Vec<(Gas, Decimal, Decimal, Decimal)>, Text> =
        match (&converted, row.factor.gases()) {
            (Err(e), _) => Err(e.clone()),
            (_, None) => Err(t!("{0} has no emission factor", line_name(p.id, row))),
            (Ok(c), Some((values, unit))) => c.in_basis(unit.per, row.source).and_then(|q| {
                values
                    .iter()
                    .map(|(gas, v)| {
                        let t = q
                            .cmul(*v)
                            .and_then(|x| x.cmul(unit.tonnes_scale()))
                            .ok_or_else(overflow)?;
                        let g = gwp.of(*gas);
                        let co2e = t.cmul(g).ok_or_else(overflow)?;
                        Ok((*gas, t, g, co2e))
                    })
                    .collect()
            }),
        };
    let gases = gases.map_err(named);
    let emissions = gases.as_ref().map_err(Clone::clone).and_then(
        |gs: &Vec<(Gas, Decimal, Decimal, Decimal)>| {
            gs.iter().try_fold(Decimal::ZERO, |acc, (_, _, _, co2e)| {
                acc.cadd(*co2e).ok_or_else(|| named(overflow()))
            })
        },
    );
    let tce = converted
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|c| standard_coal(row, c))
        .map_err(named);
    let converted = converted.map_err(named);
    let air = air(row, p, &converted);
    Line {
        row,
        converted,
        gases,
        emissions,
        tce,
        air,
        period: p.id,
    }
}

/// A1.1 of a fuel burnt on site, kg of NOx, SOx and PM: by the line's own factors, or, for
/// towngas and LPG burnt in appliances, by HKEX Appendix 2 (per MJ at 48 MJ per towngas unit
/// and 46 MJ per kg of LPG); any other fuel needs the line's own.
fn air(row: &EnergyRow, p: &Period, converted: &Result<Converted, Text>) -> Option<[Val; 3]> {
    use super::library::{AIR_NAMES, HKEX_GAS_AIR};
    use super::scenario::AirPer;
    if !row.source.is_direct() {
        return None;
    }
    let name = || line_name(p.id, row);
    let pollutant = |i: usize| AIR_NAMES.get(i).copied().unwrap_or("");
    let each = |f: &dyn Fn(usize) -> Val| -> [Val; 3] { [f(0), f(1), f(2)] };
    let c = match converted {
        Ok(c) => c,
        Err(e) => return Some(each(&|_| Err(e.clone()))),
    };
    if let Some(a) = &row.air {
        let basis: Val = match a.per {
            AirPer::Km => row
                .distance
                .as_ref()
                .map(|d| d.km)
                .ok_or_else(|| t!("a factor per km needs the line's distance (distance_km)")),
            AirPer::L => c
                .litres
                .ok_or_else(|| t!("a factor per {0} does not fit this line's quantity", "L")),
            AirPer::Kg | AirPer::T => match (row.source.physical(), c.physical) {
                (Some(units::Physical::Kg), Some(kg)) if a.per == AirPer::Kg => Ok(kg),
                (Some(units::Physical::Kg), Some(kg)) => {
                    kg.cdiv(Decimal::ONE_THOUSAND).ok_or_else(overflow)
                }
                _ => Err(t!(
                    "a factor per {0} does not fit this line's quantity",
                    a.per.id()
                )),
            },
            AirPer::Gj => c.kj.cdiv(Decimal::from(1_000_000)).ok_or_else(overflow),
        };
        let basis = basis.map_err(|e| t!("{0}: {1}", name(), e));
        let scale = if a.grams {
            Decimal::new(1, 3)
        } else {
            Decimal::ONE
        };
        return Some(each(&|i| {
            let q = basis.clone()?;
            match a.values.get(i).copied().flatten() {
                Some(v) => q.cmul(v).and_then(|x| x.cmul(scale)).ok_or_else(overflow),
                None => Err(t!("{0} gives no {1} factor (air)", name(), pollutant(i))),
            }
        }));
    }
    let mj_per_unit = match (row.source, row.mobile) {
        (Source::Towngas, None) => Some(HKEX_GAS_AIR.towngas_mj_per_unit),
        (Source::Lpg, None) => Some(HKEX_GAS_AIR.lpg_mj_per_kg),
        _ => None,
    };
    let Some(mj_per_unit) = mj_per_unit else {
        return Some(each(&|i| {
            Err(if row.mobile.is_some() {
                t!(
                    "{0} has no {1} factor: give the line's own (air), e.g. from HKEX Appendix 2's table for its vehicle class",
                    name(),
                    pollutant(i)
                )
            } else {
                t!(
                    "{0} has no {1} factor: give the line's own (air), e.g. from the equipment's emission test or its maker's data",
                    name(),
                    pollutant(i)
                )
            })
        }));
    };
    // Appendix 2 works from the units or kg bought; a line given in energy uses its energy.
    let overridden = row.ncv.as_ref().is_some_and(|n| n.overridden);
    let mj = match (row.unit.energy_in_kj(), c.physical) {
        (None, Some(q)) if !overridden => q.cmul(mj_per_unit),
        _ => c.kj.cdiv(Decimal::ONE_THOUSAND),
    };
    Some(each(&|i| {
        let per_million = HKEX_GAS_AIR
            .kg_per_million_mj
            .get(i)
            .copied()
            .unwrap_or_default();
        mj.ok_or_else(overflow)?
            .cmul(per_million)
            .and_then(|x| x.cdiv(Decimal::from(1_000_000)))
            .ok_or_else(overflow)
    }))
}

/// Tonnes of standard coal equivalent (GB/T 2589-2008): electricity at its equivalent value
/// 0.1229 kgce/kWh; a fuel at its table coefficient when it is at the default calorific value,
/// otherwise its energy ÷ 29,307 kJ/kgce.
fn standard_coal(row: &EnergyRow, c: &Converted) -> Val {
    let ov = overflow;
    let kgce = match (row.source, row.source.kgce_coefficient(), &row.ncv) {
        (Source::Electricity, Some(coef), _) => c
            .mwh
            .cmul(Decimal::ONE_THOUSAND)
            .and_then(|kwh| kwh.cmul(coef.value)),
        // Heat's coefficient is per MJ.
        (Source::Heat, Some(coef), _) => {
            c.kj.cdiv(Decimal::ONE_THOUSAND)
                .and_then(|mj| mj.cmul(coef.value))
        }
        (_, Some(coef), Some(ncv)) if !ncv.overridden => {
            c.physical.and_then(|q| q.cmul(coef.value))
        }
        _ => c.kj.cdiv(KJ_PER_KGCE),
    };
    kgce.and_then(|k| k.cdiv(Decimal::ONE_THOUSAND))
        .ok_or_else(ov)
}

pub(crate) fn add(a: &Val, b: &Val) -> Val {
    let a = a.clone()?;
    let b = b.clone()?;
    a.cadd(b).ok_or_else(overflow)
}

/// A waste category's total from its items, when it has any: `None` when it has none (the
/// direct total is used), `Err` when an item could not be read.
pub(crate) fn waste_from_items(p: &Period, hazardous: bool) -> Option<Val> {
    let mut items = p
        .waste_items
        .iter()
        .filter(|w| w.hazardous == hazardous)
        .peekable();
    if let Some(i) = p.invalid_waste_items.first() {
        return Some(Err(t!("waste item {0} has an error", (i + 1).to_string())));
    }
    items.peek()?;
    Some(items.try_fold(Decimal::ZERO, |acc, w| {
        w.tonnes().and_then(|t| acc.cadd(t)).ok_or_else(overflow)
    }))
}

/// A scope's number inside a sentence: 1 and 2 in English, 一 and 二 in Chinese (範圍一).
pub(crate) fn scope_number(scope: u8) -> Text {
    let zh = match scope {
        1 => "一",
        2 => "二",
        _ => "",
    };
    Text::names(scope.to_string(), zh, zh)
}
