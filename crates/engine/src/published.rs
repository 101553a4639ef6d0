//! "Check a published table": from nothing but the figures a report printed, what factors and
//! denominators they imply (with the range their rounding allows), and where they disagree
//! with each other. The 2018 report's table is the example.

use super::kpi::{Denominator, KpiId};
use super::library::{self, GwpSet, Region};
use super::number::{self, plain, printed_places};
use super::results::{Check, Level, RoundedTo};
pub use super::results::{Implied, PublishedCheck};
use super::text::Text;
use super::units::{Source, KJ_PER_MWH};
use crate::t;
use crate::DecOps as _;
use rust_decimal::Decimal;

/// Half a unit in the last printed place: the rounding a printed figure may hide. A figure
/// printed to all 28 places hides less than the smallest decimal: no slack.
fn half_unit(p: Decimal) -> Decimal {
    Decimal::try_new(5, printed_places(p) + 1).unwrap_or(Decimal::ZERO)
}

/// A figure a report printed, in the unit it printed it in (`12,345 kg CO2e`), for a KPI or
/// one of the report's own intensities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    /// The KPI's id, or an intensity's (`ghg_scope3_t_per_employee`).
    pub id: String,
    pub kpi: Option<KpiId>,
    /// As printed.
    pub figure: Decimal,
    /// The unit as written, when it was given (else the KPI's own).
    pub unit: Option<String>,
    /// Printed units per unit of the KPI (1,000 for kg of a figure in t; 3.6 for GJ of MWh).
    pub scale: Decimal,
}

impl Printed {
    /// In the KPI's own unit.
    pub fn value(&self) -> Option<Decimal> {
        self.figure.cdiv(self.scale)
    }

    /// Half a unit in the last printed place, in the KPI's unit: the rounding it may hide.
    pub fn slack(&self) -> Decimal {
        half_unit(self.figure)
            .cdiv(self.scale)
            .unwrap_or(Decimal::ZERO)
    }

    /// Whether a computed value (in the KPI's unit), in the printed unit and rounded to the
    /// printed places, is the printed figure.
    pub fn matches(&self, computed: Decimal) -> Option<bool> {
        let c = computed.cmul(self.scale)?;
        Some(
            c.round_dp_with_strategy(printed_places(self.figure), number::DISPLAY_ROUNDING)
                == self.figure,
        )
    }

    /// “12,345 kg CO2e”, or the figure alone when no unit was written.
    pub fn shown(&self) -> String {
        match &self.unit {
            Some(u) => format!("{} {u}", number::published(self.figure)),
            None => number::published(self.figure),
        }
    }
}

/// Units a report prints a figure in, by the KPI unit's numerator they convert to, with how
/// many of them make one of it: (written, numerator, units per numerator unit as mantissa and
/// scale). Matched ignoring case and spaces.
const PRINTED_UNITS: &[(&[&str], &str, i64, u32)] = &[
    (
        &[
            "t",
            "tonne",
            "tonnes",
            "tco2e",
            "tco2-e",
            "噸",
            "吨",
            "公噸",
            "噸二氧化碳當量",
            "吨二氧化碳当量",
        ],
        "t",
        1,
        0,
    ),
    (
        &[
            "kg",
            "kgco2e",
            "kgco2-e",
            "公斤",
            "千克",
            "千克二氧化碳當量",
            "千克二氧化碳当量",
        ],
        "t",
        1000,
        0,
    ),
    (&["kt", "'000t", "千噸", "千吨"], "t", 1, 3),
    (
        &["mwh", "兆瓦時", "兆瓦时", "'000kwh", "千千瓦時", "千千瓦时"],
        "MWh",
        1,
        0,
    ),
    (&["kwh", "千瓦時", "千瓦时", "度"], "MWh", 1000, 0),
    (&["gwh", "吉瓦時", "吉瓦时"], "MWh", 1, 3),
    (&["gj", "吉焦", "吉焦耳"], "MWh", 36, 1),
    (&["m³", "m3", "立方米", "噸水", "吨水"], "m³", 1, 0),
    (&["'000m³", "'000m3", "千立方米"], "m³", 1, 3),
    (&["l", "litre", "litres", "公升", "升"], "m³", 1000, 0),
    (&["g", "克"], "kg", 1000, 0),
];

/// Printed units per unit of a KPI whose unit is `kpi_unit` (`t CO2e`, `MWh/employee`), for a
/// figure printed in `written` (`kg CO2e`, `kWh/employee`). Only the numerator converts; a
/// denominator written is not checked. `None` when the two do not meet.
pub fn unit_scale(kpi_unit: &str, written: &str) -> Option<Decimal> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
    };
    let numerator = |s: &str| -> String {
        let top = s.split('/').next().unwrap_or_default();
        squash(top)
    };
    let base = match numerator(kpi_unit).as_str() {
        "tco2e" | "t" => "t",
        "mwh" => "MWh",
        "m³" => "m³",
        "kg" => "kg",
        _ => return None,
    };
    let written = numerator(written);
    // A mass of a KPI in kg (air emissions): t and kg read the other way round.
    if base == "kg" {
        return match written.as_str() {
            "kg" | "公斤" | "千克" => Some(Decimal::ONE),
            "g" | "克" => Some(Decimal::ONE_THOUSAND),
            "t" | "tonne" | "tonnes" | "噸" | "吨" => Some(Decimal::new(1, 3)),
            _ => None,
        };
    }
    PRINTED_UNITS
        .iter()
        .find(|(names, to, _, _)| *to == base && names.iter().any(|n| squash(n) == written))
        .map(|(_, _, m, e)| Decimal::new(*m, *e))
}

/// The units a figure of `kpi_unit` may be printed in, its own first: `t CO2e` → `t CO2e`,
/// `kg CO2e`; `MWh/employee` → `MWh/employee`, `kWh/employee`, `GJ/employee`.
pub fn printed_units(kpi_unit: &str) -> Vec<String> {
    let (top, rest) = match kpi_unit.find('/') {
        Some(i) => (kpi_unit[..i].trim_end(), &kpi_unit[i..]),
        None => (kpi_unit, ""),
    };
    let others: &[&str] = match top {
        "t CO2e" => &["kg CO2e"],
        "t" => &["kg"],
        "MWh" => &["kWh", "GJ"],
        "m³" => &["L"],
        "kg" => &["g", "t"],
        _ => &[],
    };
    std::iter::once(kpi_unit.to_string())
        .chain(others.iter().map(|o| {
            let gap = if kpi_unit[top.len()..].starts_with(' ') {
                " "
            } else {
                ""
            };
            format!("{o}{gap}{rest}")
        }))
        .collect()
}

/// `a ÷ b` for two figures that may each be off by `ha` and `hb`.
pub fn ratio_range_with(
    a: Decimal,
    ha: Decimal,
    b: Decimal,
    hb: Decimal,
) -> Option<(Decimal, Decimal, Decimal)> {
    let central = a.cdiv(b)?;
    let low = a.csub(ha)?.max(Decimal::ZERO).cdiv(b.cadd(hb)?)?;
    let low_den = b.csub(hb)?;
    if low_den <= Decimal::ZERO {
        return None;
    }
    let high = a.cadd(ha)?.cdiv(low_den)?;
    Some((low, central, high))
}

fn implied(
    id: &str,
    what: Text,
    range: (Decimal, Decimal, Decimal),
    dp: u32,
    unit: &'static str,
    formula: Text,
) -> Implied {
    Implied {
        id: id.into(),
        what,
        value: RoundedTo(range.1, dp),
        low: RoundedTo(range.0, dp),
        high: RoundedTo(range.2, dp),
        unit,
        formula,
        comparison: None,
    }
}

/// What a published table implies, and its inconsistencies.
pub fn check(published: &[Printed]) -> PublishedCheck {
    let find = |k: KpiId| published.iter().find(|p| p.kpi == Some(k));
    let get = |k: KpiId| find(k).and_then(Printed::value);
    let slack = |k: KpiId| find(k).map_or(Decimal::ZERO, Printed::slack);
    let range = |a: KpiId, b: KpiId| ratio_range_with(get(a)?, slack(a), get(b)?, slack(b));
    let mut implied_list = Vec::new();
    let mut checks = Vec::new();

    // Factors: emissions ÷ energy.
    if let (Some(t), Some(mwh)) = (get(KpiId::GhgScope1), get(KpiId::EnergyDirect)) {
        if let Some(r) = range(KpiId::GhgScope1, KpiId::EnergyDirect) {
            let mut i = implied(
                "scope1_factor_t_per_mwh",
                t!("Scope 1 factor implied by direct energy"),
                r,
                6,
                "t CO2e/MWh",
                Text::verbatim(format!("{} t ÷ {} MWh", plain(t), plain(mwh))),
            );
            i.comparison = Some(compare_fuel(r));
            implied_list.push(i);
        }
    }
    if let (Some(t), Some(mwh)) = (get(KpiId::GhgScope2), get(KpiId::EnergyIndirect)) {
        if let Some(r) = range(KpiId::GhgScope2, KpiId::EnergyIndirect) {
            let mut i = implied(
                "scope2_factor_t_per_mwh",
                t!("Scope 2 grid factor implied by purchased electricity (the effective blended factor)"),
                r,
                7,
                "t CO2e/MWh",
                Text::verbatim(format!("{} t ÷ {} MWh", plain(t), plain(mwh))),
            );
            i.comparison = Some(compare_grid(r));
            implied_list.push(i);
        }
    }

    // Denominators: each intensity's total ÷ the intensity.
    let mut headcounts = Vec::new();
    for k in KpiId::ALL {
        let (Some(num), Some(den)) = (k.numerator(), k.denominator()) else {
            continue;
        };
        let (Some(n), Some(i)) = (get(num), get(k)) else {
            continue;
        };
        let Some(r) = range(num, k) else { continue };
        let what = t!("{0} implied by {1}", den.noun(), k.name_text());
        implied_list.push(implied(
            &format!("{}:{}", den.figure().key(), k.id()),
            what,
            r,
            0,
            den.unit(),
            Text::verbatim(format!("{} ÷ {}", plain(n), plain(i))),
        ));
        if den == Denominator::Employees {
            headcounts.push((k, r));
        }
    }
    checks.extend(headcount_check(&headcounts));

    // Totals against their parts, within the rounding of the printed figures.
    for (total, a, b, what) in [
        (
            KpiId::GhgTotal,
            KpiId::GhgScope1,
            KpiId::GhgScope2,
            crate::t!("Scope 1 + Scope 2"),
        ),
        (
            KpiId::EnergyTotal,
            KpiId::EnergyDirect,
            KpiId::EnergyIndirect,
            crate::t!("direct + indirect energy"),
        ),
    ] {
        // A part larger than its total (beyond rounding) is wrong whatever the other part is.
        for part in [a, b] {
            let (Some(t), Some(x)) = (get(total), get(part)) else {
                continue;
            };
            let Some(slack) = slack(total).cadd(slack(part)) else {
                continue;
            };
            if x.csub(t).is_some_and(|over| over > slack) {
                checks.push(Check {
                    id: format!("published-part-exceeds-total:{}", part.id()),
                    level: Level::Warning,
                    message: t!(
                        "The published {0} ({1}) is larger than the published {2} ({3}), of which it is a part: one of the two is wrong.",
                        part.name_text(),
                        plain(x),
                        total.name_text(),
                        plain(t)
                    ),
                    kpi: Some(total.id()),
                    path: None,
                });
            }
        }
        if let (Some(t), Some(x), Some(y)) = (get(total), get(a), get(b)) {
            let slack = slack(total).cadd(slack(a)).and_then(|s| s.cadd(slack(b)));
            let Some((sum, slack)) = x.cadd(y).zip(slack) else {
                continue;
            };
            let ok = sum.csub(t).is_some_and(|d| d.abs() <= slack);
            checks.push(Check {
                id: format!("published-total:{}", total.id()),
                level: if ok { Level::Info } else { Level::Warning },
                message: if ok {
                    t!(
                        "Published {0} = {1} and the published total is {2}: consistent.",
                        what,
                        plain(sum),
                        plain(t)
                    )
                } else {
                    t!(
                        "Published {0} = {1}, but the published total is {2} (more than rounding can explain).",
                        what,
                        plain(sum),
                        plain(t)
                    )
                },
                kpi: Some(total.id()),
                path: None,
            });
        }
    }
    PublishedCheck {
        implied: implied_list,
        checks,
    }
}

/// Compares an implied Scope 1 factor with every fuel factor in the library, each converted to
/// t CO2e/MWh at its calorific basis (its fuel's default calorific value for a factor per m³,
/// kg or unit; AR5 for CH4 and N2O; biogenic CO2 outside the scopes): those within the printed
/// figures' rounding, then the nearest, closest first.
fn compare_fuel(r: (Decimal, Decimal, Decimal)) -> Text {
    let mut parts = Vec::new();
    for rec in library::all()
        .iter()
        .filter(|f| f.sources.iter().any(|s| s.is_direct()))
    {
        let ncv = rec
            .sources
            .first()
            .and_then(|s| s.default_ncv())
            .map(|c| c.value);
        let basis = match (rec.unit.per.energy_in_kj(), ncv, rec.unit.per.physical()) {
            (Some(kj), _, _) => KJ_PER_MWH.cdiv(kj),
            (None, Some(n), Some(_)) => {
                // Per tonne: 1,000 kg of the fuel.
                let per = if rec.unit.per == crate::units::Per::T {
                    n.cmul(Decimal::ONE_THOUSAND)
                } else {
                    Some(n)
                };
                per.and_then(|n| KJ_PER_MWH.cdiv(n))
            }
            _ => None,
        };
        let Some(basis) = basis else { continue };
        let per_mwh: Option<Decimal> = rec.gases.iter().try_fold(Decimal::ZERO, |acc, (g, v)| {
            acc.cadd(
                v.cmul(basis)?
                    .cmul(rec.unit.tonnes_scale())?
                    .cmul(GwpSet::Ar5.of(*g))?,
            )
        });
        let Some(f) = per_mwh else { continue };
        let within = f >= r.0 && f <= r.2;
        let diff = f
            .csub(r.1)
            .and_then(|d| d.cdiv(r.1))
            .and_then(|x| x.cmul(Decimal::ONE_HUNDRED))
            .unwrap_or_default();
        let shown = format!(
            "{} {} t/MWh ({}{}%",
            rec.id,
            number::rounded(f, 6),
            if diff.is_sign_negative() { "" } else { "+" },
            number::rounded(diff, 2),
        );
        parts.push((
            (!within, diff.abs()),
            if within {
                t!("{0}, within rounding)", shown)
            } else {
                Text::verbatim(format!("{shown})"))
            },
        ));
    }
    // Within rounding first, then by distance; every match and at least the five nearest.
    parts.sort_by_key(|p| p.0);
    let matches = parts.iter().filter(|p| !p.0 .0).count();
    let listed = parts
        .into_iter()
        .take(matches.max(5))
        .map(|(_, s)| s)
        .reduce(|a, b| t!("{0}; {1}", a, b))
        .unwrap_or_else(|| Text::verbatim(""));
    t!("Fuel factors in the library, nearest first: {0}.", listed)
}

/// Compares an implied grid factor with each regional factor of each edition and each single
/// electricity factor (Hong Kong's utilities by year, the national averages): which match
/// within rounding, and which two bracket it in the report's own edition.
fn compare_grid(r: (Decimal, Decimal, Decimal)) -> Text {
    let half = Decimal::new(5, 1);
    let mut matches = Vec::new();
    for (id, edition) in library::GRID_EDITIONS {
        for region in Region::ALL {
            if let Some(g) = library::regional_factor(*edition, region, half) {
                if g.value >= r.0 && g.value <= r.2 {
                    matches.push(format!("{id}:{}", region.id()));
                }
            }
        }
    }
    // Every single electricity factor too: Hong Kong's utilities by year, the national averages.
    for rec in library::all()
        .iter()
        .filter(|f| f.sources == [Source::Electricity] && f.gases.len() == 1)
    {
        let per_mwh = rec.unit.per.energy_in_kj().and_then(|kj| {
            let (_, v) = rec.gases.first()?;
            v.cmul(KJ_PER_MWH.cdiv(kj)?)?.cmul(rec.unit.tonnes_scale())
        });
        if per_mwh.is_some_and(|f| f >= r.0 && f <= r.2) && !rec.id.contains(':') {
            matches.push(rec.id.clone());
        }
    }
    let mut text = if matches.is_empty() {
        t!("No single grid or utility factor in the library lies within the rounding range, so the figure is most likely a blend of sites on several grids.")
    } else {
        t!("Within the rounding range: {0}.", matches.join(", "))
    };
    if let Some(edition) = library::grid_edition(library::DEFAULT_GRID_EDITION) {
        let found: Vec<(Decimal, Region)> = Region::ALL
            .into_iter()
            .filter_map(|reg| Some((library::regional_factor(edition, reg, half)?.value, reg)))
            .collect();
        // By value, then in the regions' order.
        let keys: Vec<Decimal> = found.iter().map(|(v, _)| *v).collect();
        let values: Vec<(Decimal, Region)> = number::order(&keys)
            .into_iter()
            .filter_map(|i| found.get(i).copied())
            .collect();
        let below = values.iter().rev().find(|(v, _)| *v <= r.1);
        let above = values.iter().find(|(v, _)| *v >= r.1);
        if let (Some(b), Some(a)) = (below, above) {
            text = t!(
                "{0} In {1} it lies between {2} ({3}) and {4} ({5}).",
                text,
                library::DEFAULT_GRID_EDITION,
                b.1.label(),
                plain(b.0),
                a.1.label(),
                plain(a.0)
            );
        }
    }
    text
}

/// Per-employee figures whose implied headcounts cannot all be one number.
pub fn headcount_check(implied: &[(KpiId, (Decimal, Decimal, Decimal))]) -> Option<Check> {
    let overlap = |ranges: &mut dyn Iterator<Item = &(Decimal, Decimal, Decimal)>| {
        ranges.fold(None, |acc: Option<(Decimal, Decimal)>, r| match acc {
            None => Some((r.0, r.2)),
            Some((lo, hi)) => Some((lo.max(r.0), hi.min(r.2))),
        })
    };
    let (low, high) = overlap(&mut implied.iter().map(|(_, r)| r))?;
    if implied.len() < 2 || low <= high {
        return None;
    }
    let parts = implied
        .iter()
        .map(|(k, r)| {
            t!(
                "{0} ≈ {1} ({2}–{3})",
                k.name_text(),
                number::rounded(r.1, 0),
                number::rounded(r.0, 0),
                number::rounded(r.2, 0)
            )
        })
        .reduce(|a, b| t!("{0}; {1}", a, b))
        .unwrap_or_else(|| Text::verbatim(""));
    let mut message = t!(
        "The published per-employee figures imply different headcounts: {0}. No single headcount reproduces them all.",
        parts
    );
    // Name the one figure whose removal lets the others agree, if there is one.
    for (odd, _) in implied {
        let rest = overlap(&mut implied.iter().filter(|(k, _)| k != odd).map(|(_, r)| r));
        if let Some((lo, hi)) = rest.filter(|(lo, hi)| lo <= hi) {
            message = t!(
                "{0} Without {1}, any headcount from {2} to {3} fits the others.",
                message,
                odd.name_text(),
                number::rounded(lo.ceil(), 0),
                number::rounded(hi.floor(), 0)
            );
            break;
        }
    }
    Some(Check {
        id: "headcount-inconsistent".into(),
        level: Level::Warning,
        message,
        kpi: None,
        path: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `a ÷ b` for two printed figures: (low, central, high) over their rounding.
    fn ratio_range(a: Decimal, b: Decimal) -> Option<(Decimal, Decimal, Decimal)> {
        ratio_range_with(a, half_unit(a), b, half_unit(b))
    }

    #[test]
    fn every_unit_offered_converts() {
        let mut units: Vec<String> = KpiId::ALL.iter().map(|k| k.unit().to_string()).collect();
        units.push("t CO2e / employee".into());
        units.push("MWh / HKD million".into());
        for u in units {
            let offered = printed_units(&u);
            assert_eq!(offered[0], u);
            for o in &offered {
                assert!(unit_scale(&u, o).is_some(), "{u}: {o}");
            }
        }
        assert_eq!(
            printed_units("MWh/employee"),
            ["MWh/employee", "kWh/employee", "GJ/employee"]
        );
        assert_eq!(printed_units("t CO2e / employee")[1], "kg CO2e / employee");
    }
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn ratio_ranges_widen_with_rounding() {
        let (low, mid, high) = ratio_range(d("81345.33"), d("6.77")).unwrap();
        assert_eq!(number::rounded(low, 0), "12,007");
        assert_eq!(number::rounded(mid, 0), "12,016");
        assert_eq!(number::rounded(high, 0), "12,024");
        assert!(
            ratio_range(d("1"), d("0.0")).is_none(),
            "a zero intensity implies no denominator"
        );
    }
}
