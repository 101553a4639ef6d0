//! From a scenario to the results of the contract (`esg-kpi-results/1`, CONTRACT.md §4):
//! the sixteen KPIs, the input errors, the checks, and a trace line for every activity row.
//!
//! All arithmetic is checked decimal arithmetic; a result that would leave the exact range is a
//! KPI with no value and a reason, never a panic. Rounding happens only in `display`.

use super::kpi::{Denominator, KpiId};
use super::number::{self, display, plain};
use super::scenario::{self, EnergyRow, Field, InputError, Scenario};
use super::units::{self, Basis, Converted, KJ_PER_MWH};
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

pub const RESULTS_SCHEMA: &str = "esg-kpi-results/1";

/// The reason a value is unavailable, in words.
type Val = Result<Decimal, String>;

const OVERFLOW: &str = "the result is too large for exact decimal arithmetic";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KpiResult {
    #[serde(skip)]
    pub id: KpiId,
    #[serde(skip)]
    pub exact: Option<Decimal>,
    /// The exact decimal result, not rounded.
    pub value: Option<String>,
    /// Rounded for people, as the report prints it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub unit: &'static str,
    pub hkex: &'static str,
    /// How the value was obtained, with the numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    /// The figure a published report printed for this KPI, as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Whether the computed value, rounded as the published figure is, equals it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches_published: Option<bool>,
}

/// The KPIs in the report's order, serialised as a JSON object keyed by KPI id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Kpis(pub Vec<KpiResult>);

impl Kpis {
    pub fn get(&self, id: KpiId) -> Option<&KpiResult> {
        self.0.iter().find(|k| k.id == id)
    }
}

impl Serialize for Kpis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for k in &self.0 {
            map.serialize_entry(k.id.id(), k)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub id: String,
    /// `info`, `warning` or `error`.
    pub level: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kpi: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceFactor {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'static str>,
    pub value: String,
    pub unit: &'static str,
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
}

/// One calculated activity line: what it consumed, how it was converted, which factor
/// multiplied it, and what it contributes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceLine {
    pub path: String,
    pub kpis: Vec<&'static str>,
    pub site: String,
    pub source: &'static str,
    pub scope: u8,
    pub quantity: String,
    pub unit: &'static str,
    pub mwh: String,
    pub conversion: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor: Option<TraceFactor>,
    pub emissions_t: Option<String>,
    /// The whole line in words.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Results {
    pub schema: &'static str,
    pub kpis: Kpis,
    pub errors: Vec<InputError>,
    pub checks: Vec<Check>,
    pub trace: Vec<TraceLine>,
}

impl Results {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| format!("{{\"schema\":\"{RESULTS_SCHEMA}\",\"errors\":[{{\"path\":\"$\",\"message\":\"{e}\"}}]}}"))
    }
}

/// Calculates from scenario JSON text.
pub fn calculate_json(text: &str) -> Results {
    let (scenario, errors) = scenario::read_json(text);
    finish(scenario, errors)
}

/// Calculates from a parsed JSON value (the page keeps its scenario as one).
pub fn calculate_value(value: &serde_json::Value) -> Results {
    let (scenario, errors) = scenario::read(value);
    finish(scenario, errors)
}

fn finish(scenario: Option<Scenario>, errors: Vec<InputError>) -> Results {
    match scenario {
        Some(s) => calculate(&s, errors),
        None => Results {
            schema: RESULTS_SCHEMA,
            kpis: Kpis(
                KpiId::ALL
                    .into_iter()
                    .map(|id| unavailable(id, "the scenario could not be read".into(), None))
                    .collect(),
            ),
            errors,
            checks: Vec::new(),
            trace: Vec::new(),
        },
    }
}

/// One activity row, converted and multiplied.
struct Line<'a> {
    row: &'a EnergyRow,
    converted: Option<Converted>,
    emissions: Val,
}

/// Calculates every KPI of a scenario that has been read.
pub fn calculate(s: &Scenario, errors: Vec<InputError>) -> Results {
    let lines: Vec<Line> = s.energy.iter().map(line).collect();
    let rows_broken: Val = match s.invalid_energy_rows.first() {
        Some(i) => Err(format!("energy row energy[{i}] has an error")),
        None => Ok(Decimal::ZERO),
    };

    let sum = |direct: bool, pick: &dyn Fn(&Line) -> Val| -> Val {
        rows_broken.clone()?;
        lines
            .iter()
            .filter(|l| l.row.source.is_direct() == direct)
            .try_fold(Decimal::ZERO, |acc, l| {
                acc.checked_add(pick(l)?)
                    .ok_or_else(|| OVERFLOW.to_string())
            })
    };
    let mwh_of = |l: &Line| {
        l.converted
            .map(|c| c.mwh)
            .ok_or_else(|| OVERFLOW.to_string())
    };
    let emissions_of = |l: &Line| l.emissions.clone();

    let scope1 = sum(true, &emissions_of);
    let scope2 = sum(false, &emissions_of);
    let total_ghg = add(&scope1, &scope2);
    let direct = sum(true, &mwh_of);
    let indirect = sum(false, &mwh_of);
    let total_energy = add(&direct, &indirect);

    let denominators = |d: Denominator| -> Val {
        let field = match d {
            Denominator::FloorArea => s.floor_area_m2,
            Denominator::Employees => s.employees,
            Denominator::Revenue => s.revenue_rmb_million,
        };
        match field {
            Field::Given(v) if v.is_zero() => Err(format!("{} is zero", d.noun())),
            Field::Given(v) => Ok(v),
            Field::Missing => Err(format!("no {} given", d.noun())),
            Field::Invalid => Err(format!("{} is invalid", d.noun())),
        }
    };
    let given = |f: Field, what: &str| -> Val {
        match f {
            Field::Given(v) => Ok(v),
            Field::Missing => Err(format!("no {what} given")),
            Field::Invalid => Err(format!("{what} is invalid")),
        }
    };

    let totals = |id: KpiId| -> Val {
        match id {
            KpiId::GhgTotal => total_ghg.clone(),
            KpiId::GhgScope1 => scope1.clone(),
            KpiId::GhgScope2 => scope2.clone(),
            KpiId::HazardousWaste => given(s.hazardous_waste_t, "hazardous waste"),
            KpiId::NonHazardousWaste => given(s.non_hazardous_waste_t, "non-hazardous waste"),
            KpiId::EnergyTotal => total_energy.clone(),
            KpiId::EnergyDirect => direct.clone(),
            KpiId::EnergyIndirect => indirect.clone(),
            KpiId::Water => given(s.water_m3, "water consumption"),
            KpiId::Packaging => given(s.packaging_t, "packaging material"),
            _ => Err("not a total".into()),
        }
    };

    let mut kpis = Vec::with_capacity(KpiId::ALL.len());
    for id in KpiId::ALL {
        let published = s.published.iter().find(|(k, _)| *k == id).map(|(_, v)| *v);
        let result = match (id.numerator(), id.denominator()) {
            (Some(num), Some(den)) => {
                let n = totals(num);
                let d = denominators(den);
                match (n, d) {
                    (Ok(n), Ok(d)) => match n.checked_div(d) {
                        Some(v) => {
                            let formula = format!(
                                "{} {} ÷ {} {}",
                                display(n),
                                num.unit(),
                                plain(d),
                                den.unit()
                            );
                            available(id, v, formula)
                        }
                        None => unavailable(id, OVERFLOW.into(), None),
                    },
                    (Err(reason), _) | (_, Err(reason)) => unavailable(id, reason, None),
                }
            }
            _ => match totals(id) {
                Ok(v) => available(
                    id,
                    v,
                    total_formula(id, &lines, &scope1, &scope2, &direct, &indirect),
                ),
                Err(reason) => unavailable(id, reason, None),
            },
        };
        kpis.push(with_published(result, published));
    }

    let trace = lines.iter().map(trace_line).collect();
    let checks = checks(s, &kpis, &totals);
    Results {
        schema: RESULTS_SCHEMA,
        kpis: Kpis(kpis),
        errors,
        checks,
        trace,
    }
}

fn add(a: &Val, b: &Val) -> Val {
    let a = a.clone()?;
    let b = b.clone()?;
    a.checked_add(b).ok_or_else(|| OVERFLOW.to_string())
}

fn line(row: &EnergyRow) -> Line<'_> {
    let converted = units::convert(
        row.quantity,
        row.unit,
        row.ncv_kj_per_m3,
        row.source.is_gas(),
    );
    let emissions = match (&row.factor, converted) {
        (None, _) => Err(format!(
            "energy[{}] ({}) has no emission factor",
            row.index,
            if row.site.is_empty() {
                row.source.label()
            } else {
                &row.site
            }
        )),
        (_, None) => Err(OVERFLOW.to_string()),
        (Some(f), Some(c)) => {
            let base = match f.unit.basis() {
                Basis::Mwh => Some(c.mwh),
                Basis::Gj => Some(c.gj),
                Basis::M3 => c.m3,
            };
            base.and_then(|q| q.checked_mul(f.value))
                .and_then(|t| t.checked_mul(f.unit.tonnes_scale()))
                .ok_or_else(|| OVERFLOW.to_string())
        }
    };
    Line {
        row,
        converted,
        emissions,
    }
}

fn available(id: KpiId, v: Decimal, formula: String) -> KpiResult {
    KpiResult {
        id,
        exact: Some(v),
        value: Some(v.normalize().to_string()),
        display: Some(display(v)),
        reason: None,
        unit: id.unit(),
        hkex: id.hkex(),
        formula: Some(formula),
        published: None,
        matches_published: None,
    }
}

fn unavailable(id: KpiId, reason: String, formula: Option<String>) -> KpiResult {
    KpiResult {
        id,
        exact: None,
        value: None,
        display: None,
        reason: Some(reason),
        unit: id.unit(),
        hkex: id.hkex(),
        formula,
        published: None,
        matches_published: None,
    }
}

fn with_published(mut k: KpiResult, published: Option<Decimal>) -> KpiResult {
    if let Some(p) = published {
        k.published = Some(p.to_string());
        k.matches_published = k.exact.map(|v| rounds_to(v, p));
    }
    k
}

/// Whether `v`, rounded to as many places as the published figure `p` shows, is `p`.
fn rounds_to(v: Decimal, p: Decimal) -> bool {
    v.round_dp_with_strategy(number::printed_places(p), number::DISPLAY_ROUNDING) == p
}

fn total_formula(
    id: KpiId,
    lines: &[Line],
    s1: &Val,
    s2: &Val,
    direct: &Val,
    indirect: &Val,
) -> String {
    let both = |a: &Val, b: &Val, what: (&str, &str)| match (a, b) {
        (Ok(a), Ok(b)) => format!("{} {} + {} {}", what.0, display(*a), what.1, display(*b)),
        _ => String::new(),
    };
    let lines_sum = |direct_lines: bool, ghg: bool, what: &str| {
        let mut matching = lines
            .iter()
            .filter(|l| l.row.source.is_direct() == direct_lines);
        match (matching.next(), matching.count()) {
            (None, _) => format!("no {what} lines"),
            (Some(l), 0) => line_formula(l, ghg),
            (Some(_), more) => format!(
                "sum of {} {what} lines (see the calculation lines)",
                more + 1
            ),
        }
    };
    match id {
        KpiId::GhgTotal => both(s1, s2, ("Scope 1", "Scope 2")),
        KpiId::EnergyTotal => both(direct, indirect, ("direct", "indirect")),
        KpiId::GhgScope1 => lines_sum(true, true, "fuel"),
        KpiId::EnergyDirect => lines_sum(true, false, "fuel"),
        KpiId::GhgScope2 => lines_sum(false, true, "electricity"),
        KpiId::EnergyIndirect => lines_sum(false, false, "electricity"),
        _ => "as entered".into(),
    }
}

/// One line's contribution in a few words: its energy, or quantity × factor = tonnes.
fn line_formula(l: &Line, ghg: bool) -> String {
    let row = l.row;
    let label = row.source.label();
    match (ghg, &row.factor, l.converted, &l.emissions) {
        (false, _, Some(c), _) if row.unit == units::EnergyUnit::Mwh => {
            format!("{label} {} MWh", plain(c.mwh))
        }
        (false, _, Some(c), _) => format!(
            "{label} {} {} = {} MWh",
            plain(row.quantity),
            row.unit.symbol(),
            number::rounded(c.mwh, 4)
        ),
        (true, Some(f), Some(c), Ok(t)) => {
            let (q, unit) = match f.unit.basis() {
                Basis::Mwh => (Some(c.mwh), "MWh"),
                Basis::Gj => (Some(c.gj), "GJ"),
                Basis::M3 => (c.m3, "m³"),
            };
            let q = q.map(|q| number::rounded(q, 4)).unwrap_or_default();
            format!(
                "{label} {q} {unit} × {} {} = {} t CO2e",
                plain(f.value),
                f.unit.symbol(),
                number::rounded(*t, 4)
            )
        }
        (_, _, _, Err(reason)) => reason.clone(),
        _ => OVERFLOW.to_string(),
    }
}

fn trace_line(l: &Line) -> TraceLine {
    let row = l.row;
    let path = format!("energy[{}]", row.index);
    let mwh = l.converted.map(|c| c.mwh);
    let conversion = match (row.unit, mwh) {
        (units::EnergyUnit::Mwh, _) => "already in MWh".to_string(),
        (units::EnergyUnit::Kwh, Some(m)) => {
            format!("{} kWh ÷ 1,000 = {} MWh", plain(row.quantity), plain(m))
        }
        (units::EnergyUnit::Gj, Some(m)) => format!(
            "{} GJ ÷ 3.6 = {} MWh",
            plain(row.quantity),
            number::rounded(m, 6)
        ),
        (units::EnergyUnit::M3, Some(m)) => format!(
            "{} m³ × {} kJ/m³ (net calorific value) ÷ {} kJ/MWh = {} MWh",
            plain(row.quantity),
            plain(row.ncv_kj_per_m3),
            plain(KJ_PER_MWH),
            number::rounded(m, 6)
        ),
        (_, None) => OVERFLOW.to_string(),
    };
    let factor = row.factor.as_ref().map(|f| TraceFactor {
        id: f.library.map(|l| l.id),
        value: f.value.normalize().to_string(),
        unit: f.unit.id(),
        source: f.source(),
        status: f.library.map(|l| l.status.id()),
    });
    let (scope, energy_kpi, ghg_kpi) = if row.source.is_direct() {
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
        (Some(f), Ok(t)) => format!(
            "{who}{} {} {} × {} {} = {} t CO2e (Scope {scope}; factor: {})",
            row.source.label(),
            plain(row.quantity),
            row.unit.symbol(),
            plain(f.value),
            f.unit.symbol(),
            number::rounded(*t, 4),
            f.source()
        ),
        (_, Err(reason)) => format!(
            "{who}{} {} {}: {reason}",
            row.source.label(),
            plain(row.quantity),
            row.unit.symbol()
        ),
        (None, Ok(_)) => String::new(),
    };
    TraceLine {
        path,
        kpis: vec![
            energy_kpi.id(),
            KpiId::EnergyTotal.id(),
            ghg_kpi.id(),
            KpiId::GhgTotal.id(),
        ],
        site: row.site.clone(),
        source: row.source.id(),
        scope,
        quantity: row.quantity.normalize().to_string(),
        unit: row.unit.id(),
        mwh: mwh.map(|m| m.normalize().to_string()).unwrap_or_default(),
        conversion,
        factor,
        emissions_t: l.emissions.as_ref().ok().map(|t| t.normalize().to_string()),
        text,
    }
}

/// Checks against the published figures the scenario carries: each KPI that differs from its
/// published figure, and per-employee figures that imply different headcounts.
fn checks(s: &Scenario, kpis: &[KpiResult], totals: &dyn Fn(KpiId) -> Val) -> Vec<Check> {
    let mut out = Vec::new();
    let employees = match s.employees {
        Field::Given(e) => Some(e),
        _ => None,
    };
    for k in kpis {
        let (Some(p_text), Some(false), Some(v)) = (&k.published, k.matches_published, k.exact)
        else {
            continue;
        };
        let mut message = format!(
            "Published {p_text} {unit}; computed {} {unit}.",
            display(v),
            unit = k.unit
        );
        if let (Some(num), Some(den)) = (k.id.numerator(), k.id.denominator()) {
            let numerator = published_or_computed(s, num, totals);
            if let (Some(n), Some(range)) = (
                numerator,
                p_text
                    .parse::<Decimal>()
                    .ok()
                    .and_then(|p| implied_range(numerator, p)),
            ) {
                message.push_str(&format!(
                    " The published figure implies {} {} ({} ÷ {p_text}; {}–{} given its rounding).",
                    number::rounded(range.1, 0),
                    den.unit(),
                    display(n),
                    number::rounded(range.0, 0),
                    number::rounded(range.2, 0),
                ));
            }
            if den == Denominator::Employees {
                if let Some(e) = employees {
                    message.push_str(&format!(" This calculation uses one headcount, {} people, for every per-employee KPI.", plain(e)));
                }
            }
        }
        out.push(Check {
            id: format!("published-differs:{}", k.id.id()),
            level: "warning",
            message,
            kpi: Some(k.id.id()),
        });
    }

    // Per-employee figures that imply headcounts whose rounding ranges do not overlap.
    let implied: Vec<(KpiId, (Decimal, Decimal, Decimal))> = s
        .published
        .iter()
        .filter(|(k, _)| k.denominator() == Some(Denominator::Employees))
        .filter_map(|(k, p)| {
            let n = published_or_computed(s, k.numerator()?, totals);
            Some((*k, implied_range(n, *p)?))
        })
        .collect();
    let overlap = |ranges: &mut dyn Iterator<Item = &(Decimal, Decimal, Decimal)>| {
        ranges.fold(None, |acc: Option<(Decimal, Decimal)>, r| match acc {
            None => Some((r.0, r.2)),
            Some((lo, hi)) => Some((lo.max(r.0), hi.min(r.2))),
        })
    };
    if let Some((low, high)) = overlap(&mut implied.iter().map(|(_, r)| r)) {
        if implied.len() > 1 && low > high {
            let parts: Vec<String> = implied
                .iter()
                .map(|(k, r)| {
                    format!(
                        "{} ≈ {} ({}–{})",
                        k.name_en().to_lowercase(),
                        number::rounded(r.1, 0),
                        number::rounded(r.0, 0),
                        number::rounded(r.2, 0)
                    )
                })
                .collect();
            let mut message = format!(
                "The published per-employee figures imply different headcounts: {}. No single headcount reproduces them all.",
                parts.join("; ")
            );
            // Name the one figure whose removal lets the others agree, if there is one.
            for (odd, _) in &implied {
                let rest = overlap(&mut implied.iter().filter(|(k, _)| k != odd).map(|(_, r)| r));
                if let Some((lo, hi)) = rest.filter(|(lo, hi)| lo <= hi) {
                    message.push_str(&format!(
                        " Without {}, any headcount from {} to {} fits the others.",
                        odd.name_en().to_lowercase(),
                        number::rounded(lo.ceil(), 0),
                        number::rounded(hi.floor(), 0)
                    ));
                    break;
                }
            }
            out.push(Check {
                id: "headcount-inconsistent".into(),
                level: "warning",
                message,
                kpi: None,
            });
        }
    }
    out
}

fn published_or_computed(
    s: &Scenario,
    id: KpiId,
    totals: &dyn Fn(KpiId) -> Val,
) -> Option<Decimal> {
    s.published
        .iter()
        .find(|(k, _)| *k == id)
        .map(|(_, v)| *v)
        .or_else(|| totals(id).ok())
}

/// The denominator a published intensity `p` implies for numerator `n`: (lowest, central,
/// highest), the range being what `p`'s rounding allows (± half a unit in its last place).
pub fn implied_range(n: Option<Decimal>, p: Decimal) -> Option<(Decimal, Decimal, Decimal)> {
    let n = n?;
    let half = Decimal::new(5, number::printed_places(p) + 1);
    let central = n.checked_div(p)?;
    let low = n.checked_div(p.checked_add(half)?)?;
    let high = match p.checked_sub(half)? {
        d if d <= Decimal::ZERO => return None,
        d => n.checked_div(d)?,
    };
    Some((low, central, high))
}
