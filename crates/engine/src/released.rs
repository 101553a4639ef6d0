//! Fugitive emissions worked out: each refrigerant line's mass released × its gas's GWP in the
//! period's set, split into Scope 1 (the GHG Protocol's seven gases) and what is reported
//! beside the scopes (CFCs, HCFCs such as R-22, halons, HFOs), with its calculation line.

use super::fugitive::{BLEND_SOURCE, GWP_SOURCE};
use super::kpi::KpiId;
use super::number::{self, plain};
use super::results::{Group, Num, TraceFactor, TraceGas, TraceLine};
use super::scenario::{Period, RefrigerantRow, Release};
use super::text::{overflow, Text};
use crate::t;
use crate::DecOps as _;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One refrigerant line's figures.
pub(crate) struct Worked {
    /// Mass released, t.
    pub t: Decimal,
    /// t CO2e of the gases in the scopes.
    pub scope1: Decimal,
    /// t CO2e of the gases reported beside the scopes.
    pub beside: Decimal,
    /// Each component: its gas, its tonnes, its GWP (0 when the set gives none), its t CO2e.
    pub parts: Vec<(&'static super::fugitive::Species, Decimal, Decimal, Decimal)>,
}

/// A row's figures; `None` when they leave exact decimal range.
pub(crate) fn worked(row: &RefrigerantRow) -> Option<Worked> {
    let t = row.tonnes()?;
    let set = row.gwp_set;
    let mut out = Worked {
        t,
        scope1: Decimal::ZERO,
        beside: Decimal::ZERO,
        parts: Vec::new(),
    };
    for (gas, percent) in row.gas.parts() {
        let tonnes = t.cmul(percent)?.cdiv(Decimal::ONE_HUNDRED)?;
        let gwp = gas.gwp(set).map_or(Decimal::ZERO, |v| v.get());
        let co2e = tonnes.cmul(gwp)?;
        if gas.family.in_scopes() {
            out.scope1 = out.scope1.cadd(co2e)?;
        } else {
            out.beside = out.beside.cadd(co2e)?;
        }
        out.parts.push((gas, tonnes, gwp, co2e));
    }
    Some(out)
}

/// A period's fugitive emissions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Totals {
    pub lines: usize,
    /// t CO2e in Scope 1.
    pub scope1: Decimal,
    /// t CO2e beside the scopes.
    pub beside: Decimal,
    /// Tonnes and t CO2e of each of the seven gases' groups (`HFCs`, `SF6`).
    pub by_group: BTreeMap<&'static str, (Decimal, Decimal)>,
    /// Lines and t CO2e in Scope 1 by site, in the order sites first appear.
    pub by_site: Vec<(String, usize, Decimal)>,
}

/// The period's fugitive emissions: `None` when it has no refrigerant lines, `Err` when one
/// could not be read (the totals that need it cannot be trusted).
pub(crate) fn totals(p: &Period) -> Option<Result<Totals, Text>> {
    if let Some(i) = p.invalid_refrigerants.first() {
        return Some(Err(t!(
            "refrigerant line {0} has an input error (see its message)",
            (i + 1).to_string()
        )));
    }
    if p.refrigerants.is_empty() {
        return None;
    }
    let mut out = Totals::default();
    for row in &p.refrigerants {
        let Some(w) = worked(row) else {
            return Some(Err(overflow()));
        };
        let mut sum = || -> Option<()> {
            out.lines += 1;
            out.scope1 = out.scope1.cadd(w.scope1)?;
            out.beside = out.beside.cadd(w.beside)?;
            for (gas, tonnes, _, co2e) in &w.parts {
                if let Some(group) = gas.family.group().filter(|_| gas.family.in_scopes()) {
                    let (t0, c0) = out.by_group.entry(group).or_default();
                    *t0 = t0.cadd(*tonnes)?;
                    *c0 = c0.cadd(*co2e)?;
                }
            }
            let site = row.site.trim();
            match out.by_site.iter_mut().find(|(s, ..)| s == site) {
                Some((_, n, v)) => {
                    *n += 1;
                    *v = v.cadd(w.scope1)?;
                }
                None => out.by_site.push((site.to_string(), 1, w.scope1)),
            }
            Some(())
        };
        if sum().is_none() {
            return Some(Err(overflow()));
        }
    }
    Some(Ok(out))
}

/// Adds the refrigerant lines' Scope 1 to the breakdowns by site (a site of its own when no
/// energy line has it), month (the group of lines without one) and source
/// (`refrigerants`), so that each still adds up to the KPI table.
pub(crate) fn add_to_breakdowns(
    totals: &Totals,
    by_site: &mut Vec<Group>,
    by_month: &mut Vec<Group>,
    by_source: &mut Vec<Group>,
) {
    let put = |groups: &mut Vec<Group>, key: &str, lines: usize, t: Decimal| match groups
        .iter_mut()
        .find(|g| g.key == key)
    {
        Some(g) => {
            g.rows += lines;
            g.ghg_t = g.ghg_t.and_then(|v| v.get().cadd(t)).map(Num);
        }
        None => groups.push(Group {
            key: key.to_string(),
            rows: lines,
            ghg_t: Some(Num(t)),
            energy_mwh: Some(Num(Decimal::ZERO)),
        }),
    };
    if totals.scope1.is_zero() {
        return;
    }
    for (site, lines, t) in &totals.by_site {
        put(by_site, site, *lines, *t);
    }
    put(by_month, "", totals.lines, totals.scope1);
    put(by_source, "refrigerants", totals.lines, totals.scope1);
}

/// Where the line's gas sits: Scope 1, beside the scopes, or both (a blend with an HCFC).
fn placed(w: &Worked) -> Text {
    match (w.scope1.is_zero(), w.beside.is_zero()) {
        (false, true) | (true, true) => t!("Scope 1"),
        (true, false) => {
            t!("reported beside the scopes (not one of the GHG Protocol's seven gases)")
        }
        (false, false) => t!(
            "{0} t CO2e in Scope 1, {1} t CO2e beside the scopes",
            number::rounded(w.scope1, 4),
            number::rounded(w.beside, 4)
        ),
    }
}

/// The calculation line of a refrigerant row.
pub(crate) fn trace(p: &Period, row: &RefrigerantRow) -> Option<TraceLine> {
    let w = worked(row)?;
    let who = if row.site.is_empty() {
        String::new()
    } else {
        format!("{}: ", row.site)
    };
    let unit = row.unit.id();
    let released = row.released()?;
    let (quantity, conversion) = match &row.release {
        Release::Measured(q) => (*q, None),
        Release::Screening {
            charge,
            equipment,
            rate_percent,
            rate_given,
        } => {
            let how = match (equipment, rate_given) {
                (Some(e), false) => t!(
                    "the default leak rate of {0} (range {1}; {2}; {3})",
                    Text::names(e.names[0], e.names[1], e.names[2]),
                    e.range,
                    e.source,
                    e.status.id()
                ),
                _ => t!("the line's own leak rate"),
            };
            (
                *charge,
                Some(t!(
                    "screening method: charge {0} {1} × {2}% a year ({3}) = {4} {1} released",
                    plain(*charge),
                    unit,
                    plain(*rate_percent),
                    how,
                    plain(released)
                )),
            )
        }
    };
    let co2e = w.scope1.cadd(w.beside)?;
    let text = t!(
        "{0}{1} {2} {3} = {4} t × GWP {5} ({6}) = {7} t CO2e; {8}",
        who,
        row.gas.id(),
        plain(released),
        unit,
        plain(w.t),
        plain(row.gwp.value),
        row.gwp_set.id(),
        number::rounded(co2e, 4),
        placed(&w)
    );
    let source = match row.gas {
        super::fugitive::Refrigerant::Blend(_) => format!("{GWP_SOURCE}; {BLEND_SOURCE}"),
        super::fugitive::Refrigerant::Pure(g) if !g.note.is_empty() => {
            format!("{GWP_SOURCE}; {}", g.note)
        }
        _ => GWP_SOURCE.to_string(),
    };
    let mut values = BTreeMap::new();
    values.insert("value", Num(row.gwp.value));
    let in_scope1 = !w.scope1.is_zero() || w.beside.is_zero();
    let mut kpis = if in_scope1 {
        vec![
            KpiId::GhgScope1.id(),
            KpiId::GhgTotal.id(),
            KpiId::GhgIntensityPerM2.id(),
        ]
    } else {
        Vec::new()
    };
    kpis.sort_unstable();
    let mut line = TraceLine::simple(
        format!("{}refrigerants[{}]", p.id.prefix(), row.index),
        kpis,
        text,
        quantity,
        unit,
    );
    line.site = Some(row.site.clone());
    line.source = Some("refrigerants");
    line.scope = in_scope1.then_some(1);
    line.conversion = conversion;
    line.factor = Some(TraceFactor {
        id: Some(row.gas.id().to_string()),
        values,
        unit: "t CO2e/t".into(),
        source: Text::verbatim(source),
        status: Some(row.gwp.status.id()),
    });
    line.gwp = Some(row.gwp_set.id());
    line.gases = w
        .parts
        .iter()
        .map(|(gas, t, gwp, co2e)| TraceGas {
            gas: gas.id,
            t: Num(*t),
            gwp: Num(*gwp),
            co2e_t: Num(*co2e),
        })
        .collect();
    line.emissions_t = Some(Num(w.scope1));
    Some(line)
}
