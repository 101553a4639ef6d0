//! Checks on one period's results (the `checks` of the contract's results): totals against
//! their parts, computed against published figures, headcounts that published per-employee
//! figures imply, implied factors against the chosen ones, missing denominators, and factors
//! whose source is missing or unverified.

use super::field::Figure;
use super::kpi::{Denominator, KpiId};
use super::line::{energy_path, line_name, line_number, scope_number, waste_from_items};
use super::number::{self, display, plain};
use super::published::{headcount_check, ratio_range_with};
use super::released;
use super::results::{Check, KpiResult, Level, Val};
use super::scenario::{Field, Period};
use super::tally::{month, Rows, SiteMonths, Tally};
use super::text::Text;
use super::units::Source;
use crate::t;
use crate::DecOps as _;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// How far an implied factor may be from the chosen one before we say so.
const FACTOR_TOLERANCE_PERCENT: Decimal = Decimal::from_parts(2, 0, 0, false, 0);

pub(crate) fn period_checks(
    p: &Period,
    kpis: &[KpiResult],
    tally: &Tally,
    totals: &dyn Fn(KpiId) -> Val,
    fugitive: Option<&released::Totals>,
) -> Vec<Check> {
    let mut out = Vec::new();
    let get = |id: KpiId| kpis.iter().find(|k| k.id == id).and_then(|k| k.exact());
    let printed = |id: KpiId| p.published.iter().find(|x| x.kpi == Some(id));
    let published = |id: KpiId| printed(id).and_then(crate::published::Printed::value);
    let slack = |id: KpiId| printed(id).map_or(Decimal::ZERO, crate::published::Printed::slack);

    // Totals equal their parts.
    for (total, a, b, what) in [
        (
            KpiId::GhgTotal,
            KpiId::GhgScope1,
            KpiId::GhgScope2,
            crate::t!("Scope 1 + Scope 2 = total GHG"),
        ),
        (
            KpiId::EnergyTotal,
            KpiId::EnergyDirect,
            KpiId::EnergyIndirect,
            crate::t!("direct + indirect = total energy"),
        ),
    ] {
        if let (Some(t), Some(x), Some(y)) = (get(total), get(a), get(b)) {
            let ok = x.cadd(y) == Some(t);
            out.push(Check {
                id: format!("total-equals-parts:{}", total.id()),
                level: if ok { Level::Info } else { Level::Error },
                // Rounded for people when they agree (the exact figures are the KPIs' values);
                // every digit when they do not, since the difference may be in the last.
                message: if ok {
                    t!(
                        "{0}: {1} + {2} = {3}",
                        what,
                        display(x),
                        display(y),
                        display(t)
                    )
                } else {
                    t!(
                        "{0}: {1} + {2} = {3} — MISMATCH",
                        what,
                        plain(x),
                        plain(y),
                        plain(t)
                    )
                },
                kpi: Some(total.id()),
                path: None,
            });
        }
    }
    // Each scope equals the sum of its calculation lines (summed as the scope is, in row order).
    for (scope, id, acc) in [
        (1, KpiId::GhgScope1, &tally.ghg[0]),
        (2, KpiId::GhgScope2, &tally.ghg[1]),
    ] {
        // Scope 1's lines are its fuel lines and its refrigerant lines.
        let (extra_lines, extra) = match fugitive.filter(|_| scope == 1) {
            Some(f) => (f.lines, f.scope1),
            None => (0, Decimal::ZERO),
        };
        let lines = acc.lines + extra_lines;
        let sum = acc.value().ok().and_then(|s| s.cadd(extra));
        if let (Some(sum), Some(t)) = (sum, get(id)) {
            let (n, scope) = (lines.to_string(), scope_number(scope));
            out.push(Check {
                id: format!("lines-equal-scope:{}", id.id()),
                level: if sum == t { Level::Info } else { Level::Error },
                message: match lines {
                    _ if sum != t => t!(
                        "The {0} Scope {1} calculation lines add up to {2} t CO2e, but the Scope {1} total is {3} t CO2e.",
                        n,
                        scope,
                        plain(sum),
                        plain(t)
                    ),
                    0 => t!("There are no Scope {0} calculation lines, and the Scope {0} total is 0 t CO2e.", scope),
                    1 => t!(
                        "The one Scope {0} calculation line gives {1} t CO2e, the Scope {0} total.",
                        scope,
                        display(sum)
                    ),
                    _ => t!(
                        "The {0} Scope {1} calculation lines add up to {2} t CO2e, the Scope {1} total.",
                        n,
                        scope,
                        display(sum)
                    ),
                },
                kpi: Some(id.id()),
                path: None,
            });
        }
    }

    // Computed against published.
    let employees = match p.employees {
        Field::Given(e) => Some(e),
        _ => None,
    };
    for k in kpis {
        let (Some(p), Some(false), Some(v)) = (k.published, k.matches_published, k.exact()) else {
            continue;
        };
        let shown = printed(k.id).map_or_else(|| number::published(p), |x| x.shown());
        let mut message = t!(
            "Published {0} {1}; computed {2} {1}.",
            shown,
            k.id.unit_text(),
            display(v)
        );
        if let (Some(num), Some(den)) = (k.id.numerator(), k.id.denominator()) {
            let n = published(num)
                .map(|v| (v, slack(num)))
                .or_else(|| totals(num).ok().map(|v| (v, Decimal::ZERO)));
            if let (Some((n, hn)), Some(pv)) = (n, published(k.id)) {
                if let Some(r) = ratio_range_with(n, hn, pv, slack(k.id)) {
                    message = t!(
                        "{0} The published figure implies {1} {2} ({3} ÷ {4}; {5}–{6} given its rounding).",
                        message,
                        number::rounded(r.1, 0),
                        den.unit_text(),
                        display(n),
                        p.to_string(),
                        number::rounded(r.0, 0),
                        number::rounded(r.2, 0),
                    );
                }
            }
            if let (Denominator::Employees, Some(e)) = (den, employees) {
                message = t!(
                    "{0} This calculation uses one headcount, {1} people, for every per-employee KPI.",
                    message,
                    plain(e)
                );
            }
        }
        out.push(Check {
            id: format!("published-differs:{}", k.id.id()),
            level: Level::Warning,
            message,
            kpi: Some(k.id.id()),
            path: None,
        });
    }
    let headcounts: Vec<_> = p
        .published
        .iter()
        .filter_map(|x| x.kpi.map(|k| (k, x)))
        .filter(|(k, _)| k.denominator() == Some(Denominator::Employees))
        .filter_map(|(k, x)| {
            let num = k.numerator()?;
            let (n, hn) = published(num)
                .map(|v| (v, slack(num)))
                .or_else(|| totals(num).ok().map(|v| (v, Decimal::ZERO)))?;
            Some((k, ratio_range_with(n, hn, x.value()?, x.slack())?))
        })
        .collect();
    out.extend(headcount_check(&headcounts));

    // An implied factor (published t ÷ published MWh) against what the chosen factors give.
    for (t_id, mwh_id, scope) in [
        (KpiId::GhgScope1, KpiId::EnergyDirect, 1),
        (KpiId::GhgScope2, KpiId::EnergyIndirect, 2),
    ] {
        let (Some(pt), Some(pm), Some(ct), Some(cm)) =
            (published(t_id), published(mwh_id), get(t_id), get(mwh_id))
        else {
            continue;
        };
        let (Some(implied), Some(chosen)) = (pt.cdiv(pm), ct.cdiv(cm)) else {
            continue;
        };
        let Some(diff) = chosen
            .csub(implied)
            .and_then(|d| d.cdiv(implied))
            .and_then(|d| d.cmul(Decimal::ONE_HUNDRED))
        else {
            continue;
        };
        if diff.abs() > FACTOR_TOLERANCE_PERCENT {
            out.push(Check {
                id: format!("implied-factor:{}", t_id.id()),
                level: Level::Warning,
                message: t!(
                    "The published Scope {0} figures imply {1} t CO2e/MWh; the factors chosen here give {2} ({3}%, more than {4}%).",
                    scope_number(scope),
                    number::rounded(implied, 6),
                    number::rounded(chosen, 6),
                    format!(
                        "{}{}",
                        if diff.is_sign_negative() { "" } else { "+" },
                        number::rounded(diff, 2)
                    ),
                    FACTOR_TOLERANCE_PERCENT.to_string()
                ),
                kpi: Some(t_id.id()),
                path: None,
            });
        }
    }

    // A waste total typed directly beside items of its category: the items are used.
    for (hazardous, typed, figure, id) in [
        (
            true,
            p.hazardous_waste_t,
            Figure::HazardousWaste,
            KpiId::HazardousWaste,
        ),
        (
            false,
            p.non_hazardous_waste_t,
            Figure::NonHazardousWaste,
            KpiId::NonHazardousWaste,
        ),
    ] {
        let (Field::Given(typed), Some(Ok(sum))) = (typed, waste_from_items(p, hazardous)) else {
            continue;
        };
        let same = typed == sum;
        out.push(Check {
            id: format!("waste-items-total:{}", id.id()),
            level: if same { Level::Info } else { Level::Warning },
            message: if same {
                t!(
                    "{0} ({1} t) equals the sum of its items.",
                    figure.label(),
                    plain(typed)
                )
            } else {
                t!(
                    "{0} is {1} t, but its items add up to {2} t; the items are used.",
                    figure.label(),
                    plain(typed),
                    plain(sum)
                )
            },
            kpi: Some(id.id()),
            path: Some(figure.at(p.id)),
        });
    }

    // Missing or zero denominators.
    for (den, field) in [
        (Denominator::FloorArea, p.floor_area_m2),
        (Denominator::Employees, p.employees),
        (Denominator::Revenue, p.revenue_in_rmb_million()),
    ] {
        let zero = match field {
            Field::Missing => false,
            Field::Given(v) if v.is_zero() => true,
            _ => continue,
        };
        let needing = KpiId::ALL
            .iter()
            .filter(|k| k.denominator() == Some(den))
            .map(|k| k.name_text())
            .reduce(|list, next| t!("{0}, {1}", list, next))
            .unwrap_or_else(|| Text::verbatim(""));
        let label = den.figure().label();
        out.push(Check {
            id: format!("denominator-missing:{}", den.path()),
            level: Level::Warning,
            message: if zero {
                t!(
                    "{0}: zero, so these cannot be computed: {1}.",
                    label,
                    needing
                )
            } else {
                t!(
                    "{0}: not given, so these cannot be computed: {1}.",
                    label,
                    needing
                )
            },
            kpi: None,
            path: Some(format!("{}{}", p.id.prefix(), den.path())),
        });
    }

    // Factors: custom without a source, unverified, presets — one check for each factor, not
    // each row, so that 100,000 rows on one grid give one warning.
    let path = |rows: &Rows, field: &str| {
        rows.first()
            .map(|i| format!("{}.{field}", energy_path(p.id, i)))
    };
    if !tally.default_density.is_empty() {
        out.push(Check {
            id: "default-density".into(),
            level: Level::Info,
            message: t!(
                "In litres with the fuel's default density (see the calculation lines): {0}. Give the supplier's density on the line if you have it.",
                listed(p, &tally.default_density)
            ),
            kpi: None,
            path: path(&tally.default_density, "density_kg_per_l"),
        });
    }
    if !tally.custom.is_empty() {
        out.push(Check {
            id: "custom-factor-without-source".into(),
            level: Level::Warning,
            message: t!(
                "A custom factor with no source note: {0}. Say where each comes from (factor.source).",
                listed(p, &tally.custom)
            ),
            kpi: None,
            path: path(&tally.custom, "factor"),
        });
    }
    for (id, name, rows) in tally.presets.list() {
        out.push(Check {
            id: format!("preset-factor:{id}"),
            level: Level::Info,
            message: t!(
                "The preset {1} ({2}): {0}. If your method differs, choose another emission factor on the line (or, in the scenario JSON, for every line of the fuel in fuel_factors).",
                listed(p, rows),
                id,
                name
            ),
            kpi: None,
            path: path(rows, "factor"),
        });
    }
    for (id, kind, rows) in tally.earlier.list() {
        out.push(Check {
            id: format!("earlier-factor:{id}"),
            level: Level::Warning,
            message: if kind == "utility" {
                t!(
                    "{1} is the latest year of this utility's factor in the library; it stands in for a later year at {0}. Give those lines their own year's factor once the utility publishes it.",
                    listed(p, rows),
                    id
                )
            } else if kind == "latest" {
                t!(
                    "{1} is the latest MEE/NBS edition in the library, of an earlier year than the lines at {0}: the ministry publishes a year's factors about two years later. Replace it when their year's edition is out.",
                    listed(p, rows),
                    id
                )
            } else {
                t!(
                    "{1} is from a grid edition more than three years older than the lines at {0}. Choose a current edition (the grid-factor edition above), or say in the report that this basis is kept on purpose.",
                    listed(p, rows),
                    id
                )
            },
            kpi: None,
            path: path(rows, "grid"),
        });
    }
    // A travel factor of another year's set than the report's (the latest set up to it).
    let year = p
        .period
        .as_deref()
        .and_then(crate::period::years_of)
        .map(crate::period::Years::last);
    for row in &p.scope3 {
        let crate::scope3::How::Factor(f, _) = &row.how else {
            continue;
        };
        let at = || Some(format!("{}scope3[{}].factor", p.id.prefix(), row.index));
        if let (Some((used, wanted)), Some(u)) = (&f.earlier, &row.usual) {
            out.push(Check {
                id: format!("factor-year:scope3[{}]", row.index),
                level: Level::Warning,
                message: t!(
                    "Scope 3 line {0} takes {1}'s figure for {2}, the latest in the library, for a report whose year is {3}: check the department's latest report for its own year's figure",
                    (row.index + 1).to_string(),
                    match u.usual {
                        crate::scope3::hk::Usual::Sewage => "DSD",
                        _ => "WSD",
                    },
                    used.as_str(),
                    wanted.as_str()
                ),
                kpi: Some(KpiId::GhgScope3.id()),
                path: at(),
            });
        }
        if f.status.is_some_and(|s| s != "verified") {
            out.push(Check {
                id: format!("factor-status:scope3[{}]", row.index),
                level: Level::Warning,
                message: t!(
                    "Scope 3 line {0} takes a factor whose value is unverified (not yet checked against its published source): {1}",
                    (row.index + 1).to_string(),
                    f.id.unwrap_or_default()
                ),
                kpi: Some(KpiId::GhgScope3.id()),
                path: at(),
            });
        }
        let (Some(set), Some(report)) = (f.year, year) else {
            continue;
        };
        let best = crate::scope3::travel::TRAVEL
            .iter()
            .map(|t| t.4)
            .filter(|y| *y <= report)
            .max();
        if best.is_some_and(|b| b != set) || (best.is_none() && set > report) {
            out.push(Check {
                id: format!("factor-year:scope3[{}]", row.index),
                level: Level::Warning,
                message: t!(
                    "Scope 3 line {0} takes a factor of the {1} set; for a {2} report the library has the {3} set: choose its factor",
                    (row.index + 1).to_string(),
                    set.to_string(),
                    report.to_string(),
                    best.unwrap_or(set).to_string()
                ),
                kpi: Some(KpiId::GhgScope3.id()),
                path: at(),
            });
        }
    }
    // Comply or explain: a category said to be included has lines; one said to be left out
    // has none (its lines still count, and the message says so).
    for entry in &p.scope3_categories {
        let lines = p
            .scope3
            .iter()
            .filter(|r| r.category == entry.category)
            .count();
        let message = match (entry.status, lines) {
            (crate::scope3::Disclosed::Included, 0) => t!(
                "Scope 3 category {0} is marked included but has no lines: add them, or mark it not relevant or not yet measured with the reason",
                crate::scope3::category_name(entry.category)
            ),
            (crate::scope3::Disclosed::Included, _) | (_, 0) => continue,
            (_, n) => t!(
                "Scope 3 category {0} is marked as left out but has {1} lines, which count in Scope 3: remove them, or mark it included",
                crate::scope3::category_name(entry.category),
                n.to_string()
            ),
        };
        out.push(Check {
            id: format!("scope3-category:{}", entry.category),
            level: Level::Warning,
            message,
            kpi: Some(KpiId::GhgScope3.id()),
            path: Some(format!(
                "{}scope3_categories[{}].status",
                p.id.prefix(),
                entry.index
            )),
        });
    }
    for (id, status, rows) in tally.statuses.list() {
        out.push(Check {
            id: format!("factor-status:{id}"),
            level: Level::Warning,
            message: t!(
                "{1}, whose value is {2} (not yet checked against its published source): {0}.",
                listed(p, rows),
                id,
                Text::word(status)
            ),
            kpi: None,
            path: path(rows, "factor"),
        });
    }
    out
}

/// Lines for a message, as people name them: “energy line 1 (Plant), energy line 4 (diesel)”,
/// or the first five and a count.
fn listed(p: &Period, rows: &Rows) -> Text {
    const SHOWN: usize = 5;
    let row = |i: usize| {
        let at = p.energy.binary_search_by_key(&i, |r| r.index).ok()?;
        p.energy.get(at)
    };
    let mut named = rows
        .iter()
        .take(SHOWN)
        .filter_map(row)
        .map(|r| line_name(p.id, r));
    let Some(first) = named.next() else {
        return Text::verbatim("");
    };
    let head = named.fold(first, |list, next| t!("{0}, {1}", list, next));
    match rows.len() {
        n if n > SHOWN => t!("{0} and {1} more", head, (n - SHOWN).to_string()),
        _ => head,
    }
}

/// How many rows or sites a data-quality message names before it says "and N more".
const NAMED: usize = 5;

/// The first [`NAMED`] items, and how many more there are.
fn named<T>(items: &[T], show: impl Fn(&T) -> Text) -> Text {
    named_of(items, items.len(), show)
}

/// The first [`NAMED`] of `total` items (`first` holds at least those), and how many more
/// there are.
fn named_of<T>(first: &[T], total: usize, show: impl Fn(&T) -> Text) -> Text {
    let list = first
        .iter()
        .take(NAMED)
        .map(show)
        .reduce(|list, next| t!("{0}; {1}", list, next))
        .unwrap_or_else(|| Text::verbatim(""));
    match total.checked_sub(NAMED).filter(|more| *more > 0) {
        Some(more) => t!("{0}; and {1} more", list, more.to_string()),
        None => list,
    }
}

/// What looks wrong in a period's activity rows, as a facilities team's export often has it:
/// months missing at a site (against the months the whole scenario covers), a month more than
/// ten times its site's median for that source, rows that repeat, and a site reporting one
/// source in several units.
pub(crate) fn data_quality(p: &Period, tally: &Tally) -> Vec<Check> {
    let q = &tally.quality;
    let mut out = Vec::new();
    let path = |index: usize| energy_path(p.id, index);
    let name = |index: usize| line_number(p.id, index);
    let row = |i: usize| {
        let at = p.energy.binary_search_by_key(&i, |r| r.index).ok()?;
        p.energy.get(at)
    };
    // Missing months: against every month of the reporting period when the scenario names one
    // (`2025`, `2024/25`), otherwise against the months the other sites have.
    let in_period = &q.in_period;
    // The reporting period, when it names its months.
    let named_period = p.period.as_deref().filter(|_| !in_period.is_empty());
    // (Counts of 0 are months whose rows were edited away.)
    let mut months: BTreeSet<&str> = q
        .months
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(m, _)| m.as_str())
        .collect();
    // Whether sites are compared against the reporting period's months.
    let mut against_period = false;
    if let Some(period) = named_period {
        // Rows dated outside the reporting period.
        // The first few named, all counted.
        let outside: Vec<(usize, &str)> = q
            .outside
            .iter()
            .take(NAMED)
            .filter_map(|i| Some((i, month(&row(i)?.period)?)))
            .collect();
        let count = q.outside.len();
        if let Some((first, _)) = outside.first() {
            out.push(Check {
                id: "quality:outside-period".into(),
                level: Level::Warning,
                message: {
                    let list = named_of(&outside, count, |(i, m)| t!("{0} ({1})", name(*i), *m));
                    if count == 1 {
                        t!("1 row is dated outside the reporting period {0}: {1}. Check the month, or the period.", period, list)
                    } else {
                        t!("{0} rows are dated outside the reporting period {1}: {2}. Check the month, or the period.", count.to_string(), period, list)
                    }
                },
                kpi: None,
                path: Some(path(*first)),
            });
        }
        if !months.is_empty() {
            months = in_period.iter().map(String::as_str).collect();
            against_period = true;
        }
    }
    if months.len() > 1 {
        // A site's gap is told by its count of months (every month of a site is among the
        // months compared against, or it counts those of the reporting period): the months
        // missing are listed only for the sites a message names.
        let gaps: Vec<(&str, &SiteMonths)> = q
            .site_months
            .iter()
            .filter(|(_, s)| s.distinct > 0)
            .filter(|(_, s)| {
                let have = if against_period {
                    s.in_period
                } else {
                    s.distinct
                };
                have < months.len()
            })
            .map(|(site, s)| (site.as_str(), s))
            .collect();
        let missing = |s: &SiteMonths| -> Vec<&str> {
            months
                .iter()
                .filter(|m| s.months.get(**m).is_none_or(|n| *n == 0))
                .copied()
                .collect()
        };
        if let Some((first, _)) = gaps.first() {
            let named = named(&gaps, |(site, s)| {
                Text::verbatim(format!("{site} ({})", missing(s).join(", ")))
            });
            out.push(Check {
                id: "quality:missing-months".into(),
                level: Level::Warning,
                message: if let Some(period) = named_period {
                    if gaps.len() == 1 {
                        t!("1 site has no rows for some months of the reporting period {0}: {1}.", period, named)
                    } else {
                        t!("{0} sites have no rows for some months of the reporting period {1}: {2}.", gaps.len().to_string(), period, named)
                    }
                } else if gaps.len() == 1 {
                    t!(
                        "1 site has no rows for some months the others have: {0}.",
                        named
                    )
                } else {
                    t!(
                        "{0} sites have no rows for some months the others have: {1}.",
                        gaps.len().to_string(),
                        named
                    )
                },
                kpi: None,
                path: tally.sites.first(first).map(path),
            });
        }
    }
    // Outliers and mixed units, per site and source.
    let (outliers, count) = q.outliers(NAMED);
    if let Some((first, ..)) = outliers.first() {
        let named = named_of(&outliers, count, |(i, q, m)| {
            t!("{0}: {1} (median {2})", name(*i), plain(*q), plain(*m))
        });
        out.push(Check {
            id: "quality:outliers".into(),
            level: Level::Warning,
            message: if count == 1 {
                t!("1 row is more than 10 times its site's median for that source: {0}. Check the unit (kWh or MWh?) and the decimal point.", named)
            } else {
                t!("{0} rows are more than 10 times their site's median for that source: {1}. Check the unit (kWh or MWh?) and the decimal point.", count.to_string(), named)
            },
            kpi: None,
            path: Some(path(*first)),
        });
    }
    for (site, source, units, index) in q.mixed().into_iter().take(NAMED) {
        let Some(source) = Source::from_id(source) else {
            continue;
        };
        out.push(Check {
            id: format!("quality:units:{site}:{}", source.id()),
            level: Level::Warning,
            message: t!("{0} reports {1} in several units ({2}): check that each row's unit is the meter's.", site, source.noun(), units),
            kpi: None,
            path: Some(path(index)),
        });
    }
    // Duplicates: the same site, period, source, quantity and unit twice.
    let repeats = q.repeats();
    let count = repeats.len();
    let duplicates: Vec<(usize, usize)> = repeats
        .iter()
        .take(NAMED)
        .filter_map(|r| Some((q.first_like(row(r)?)?, r)))
        .collect();
    if let Some((_, second)) = duplicates.first() {
        let named = named_of(&duplicates, count, |(a, b)| {
            t!("{0} repeats {1}", name(*b), name(*a))
        });
        out.push(Check {
            id: "quality:duplicates".into(),
            level: Level::Warning,
            message: if count == 1 {
                t!("1 row repeats an earlier row exactly (site, period, source, quantity, unit): {0}. Counted twice unless removed.", named)
            } else {
                t!("{0} rows repeat an earlier row exactly (site, period, source, quantity, unit): {1}. Counted twice unless removed.", count.to_string(), named)
            },
            kpi: None,
            path: Some(path(*second)),
        });
    }
    out
}
