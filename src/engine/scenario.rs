//! Reading a scenario (`esg-kpi-scenario/1`, CONTRACT.md §3) into typed inputs.
//!
//! Reading never stops at the first problem: every bad field becomes an [`InputError`] with the
//! scenario path of the field (`energy[1].quantity`), the field is marked invalid, and the
//! rest is read, so that the KPIs which do not depend on it still compute.

use super::kpi::KpiId;
use super::library::{self, LibraryFactor};
use super::number::{self, NumberError};
use super::units::{EnergyUnit, FactorUnit, Source, NATURAL_GAS_NCV_KJ_PER_M3};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

pub const SCHEMA: &str = "esg-kpi-scenario/1";

/// A problem with one input, located by its scenario path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

/// A numeric input: given, absent, or present but unusable (an [`InputError`] says why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Given(Decimal),
    Missing,
    Invalid,
}

/// An emission factor as a row uses it: inline, or from the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Factor {
    pub value: Decimal,
    pub unit: FactorUnit,
    /// The library record, when the row named one.
    pub library: Option<&'static LibraryFactor>,
    /// Where an inline factor comes from, as the scenario says.
    pub source_note: Option<String>,
}

impl Factor {
    pub fn source(&self) -> String {
        match (self.library, &self.source_note) {
            (Some(lib), _) => lib.citation(),
            (None, Some(note)) => note.clone(),
            (None, None) => "inline factor; no source given".into(),
        }
    }
}

/// One activity line: what a site consumed of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnergyRow {
    pub index: usize,
    pub site: String,
    pub source: Source,
    pub quantity: Decimal,
    pub unit: EnergyUnit,
    pub ncv_kj_per_m3: Decimal,
    /// `None`: no factor given; the row's energy counts, its emissions cannot be computed.
    pub factor: Option<Factor>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub name: Option<String>,
    pub period: Option<String>,
    pub floor_area_m2: Field,
    pub employees: Field,
    pub revenue_rmb_million: Field,
    /// Rows that read cleanly.
    pub energy: Vec<EnergyRow>,
    /// Indices of rows with an error: totals that need them cannot be trusted.
    pub invalid_energy_rows: Vec<usize>,
    pub water_m3: Field,
    pub hazardous_waste_t: Field,
    pub non_hazardous_waste_t: Field,
    pub packaging_t: Field,
    /// Figures a published report printed, to compare the computed KPIs with.
    pub published: Vec<(KpiId, Decimal)>,
}

/// Reads a scenario from JSON text. Text that is not a JSON object gives one error at `$`.
pub fn read_json(text: &str) -> (Option<Scenario>, Vec<InputError>) {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => read(&value),
        Err(e) => (
            None,
            vec![InputError {
                path: "$".into(),
                message: format!("the scenario is not valid JSON: {e}"),
            }],
        ),
    }
}

/// Reads a scenario from a parsed JSON value.
pub fn read(value: &Value) -> (Option<Scenario>, Vec<InputError>) {
    let mut r = Reader { errors: Vec::new() };
    let Some(root) = value.as_object() else {
        r.error(
            "$",
            format!("the scenario must be a JSON object, not {}", kind_of(value)),
        );
        return (None, r.errors);
    };
    match root.get("schema") {
        None => {}
        Some(Value::String(s)) if s == SCHEMA => {}
        Some(other) => r.error(
            "schema",
            format!(
                "unknown schema {}; this calculator reads \"{SCHEMA}\"",
                short(other)
            ),
        ),
    }
    let org = r.object(root, "organisation", "organisation");
    let waste = r.object(root, "waste", "waste");
    let scenario = Scenario {
        name: r.text(root, "name", "name"),
        period: r.text(root, "period", "period"),
        floor_area_m2: r.number(org, "floor_area_m2", "organisation.floor_area_m2"),
        employees: r.number(org, "employees", "organisation.employees"),
        revenue_rmb_million: r.number(
            org,
            "revenue_rmb_million",
            "organisation.revenue_rmb_million",
        ),
        water_m3: r.number(Some(root), "water_m3", "water_m3"),
        hazardous_waste_t: r.number(waste, "hazardous_t", "waste.hazardous_t"),
        non_hazardous_waste_t: r.number(waste, "non_hazardous_t", "waste.non_hazardous_t"),
        packaging_t: r.number(Some(root), "packaging_t", "packaging_t"),
        published: r.published(root),
        energy: Vec::new(),
        invalid_energy_rows: Vec::new(),
    };
    let mut scenario = scenario;
    match root.get("energy") {
        None | Some(Value::Null) => {}
        Some(Value::Array(rows)) => {
            for (index, row) in rows.iter().enumerate() {
                match r.energy_row(index, row) {
                    Some(parsed) => scenario.energy.push(parsed),
                    None => scenario.invalid_energy_rows.push(index),
                }
            }
        }
        Some(other) => r.error(
            "energy",
            format!("energy must be a list of rows, not {}", kind_of(other)),
        ),
    }
    (Some(scenario), r.errors)
}

struct Reader {
    errors: Vec<InputError>,
}

impl Reader {
    fn error(&mut self, path: &str, message: String) {
        self.errors.push(InputError {
            path: path.to_string(),
            message,
        });
    }

    fn object<'v>(
        &mut self,
        parent: &'v Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Option<&'v Map<String, Value>> {
        match parent.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Object(map)) => Some(map),
            Some(other) => {
                self.error(
                    path,
                    format!("{key} must be an object, not {}", kind_of(other)),
                );
                None
            }
        }
    }

    fn text(&mut self, parent: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        match parent.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(other) => {
                self.error(path, format!("{key} must be text, not {}", kind_of(other)));
                None
            }
        }
    }

    /// A non-negative decimal, written as a JSON string (exact, preferred) or a JSON number.
    fn number(&mut self, parent: Option<&Map<String, Value>>, key: &str, path: &str) -> Field {
        match parent.and_then(|p| p.get(key)) {
            None | Some(Value::Null) => Field::Missing,
            Some(v) => match decimal_of(v) {
                Ok(Some(d)) => Field::Given(d),
                Ok(None) => Field::Missing,
                Err(message) => {
                    self.error(path, message);
                    Field::Invalid
                }
            },
        }
    }

    fn published(&mut self, root: &Map<String, Value>) -> Vec<(KpiId, Decimal)> {
        let Some(map) = self.object(root, "published", "published") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, v) in map {
            let path = format!("published.{key}");
            let Some(kpi) = KpiId::from_id(key) else {
                self.error(&path, format!("“{key}” is not a KPI id"));
                continue;
            };
            match decimal_of(v) {
                Ok(Some(d)) => out.push((kpi, d)),
                Ok(None) => {}
                Err(message) => self.error(&path, message),
            }
        }
        out
    }

    fn energy_row(&mut self, index: usize, row: &Value) -> Option<EnergyRow> {
        let at = |field: &str| format!("energy[{index}].{field}");
        let Some(obj) = row.as_object() else {
            self.error(
                &format!("energy[{index}]"),
                format!("an energy row must be an object, not {}", kind_of(row)),
            );
            return None;
        };
        let before = self.errors.len();
        let site = self.text(obj, "site", &at("site")).unwrap_or_default();

        let source = match obj.get("source") {
            Some(Value::String(s)) => {
                let found = Source::from_id(s.trim());
                if found.is_none() {
                    let known: Vec<_> = Source::ALL.iter().map(|s| s.id()).collect();
                    self.error(
                        &at("source"),
                        format!("unknown source “{s}”; use one of: {}", known.join(", ")),
                    );
                }
                found
            }
            None | Some(Value::Null) => {
                self.error(
                    &at("source"),
                    "choose a source (electricity or a fuel)".into(),
                );
                None
            }
            Some(other) => {
                self.error(
                    &at("source"),
                    format!("source must be text, not {}", kind_of(other)),
                );
                None
            }
        };

        let unit = match obj.get("unit") {
            Some(Value::String(s)) => match EnergyUnit::from_id(s) {
                Some(u) => Some(u),
                None => {
                    self.error(
                        &at("unit"),
                        format!("unknown unit “{s}”; use kWh, MWh, GJ or m3"),
                    );
                    None
                }
            },
            _ => {
                self.error(
                    &at("unit"),
                    "choose a unit (kWh, MWh, GJ, or m3 for a gas)".into(),
                );
                None
            }
        };
        if let (Some(src), Some(u)) = (source, unit) {
            if !src.units().contains(&u) {
                self.error(
                    &at("unit"),
                    format!("{} is a volume and fits only gaseous fuels; {} is measured in kWh, MWh or GJ", u.symbol(), src.label().to_lowercase()),
                );
            }
        }

        let quantity = match self.number(Some(obj), "quantity", &at("quantity")) {
            Field::Given(q) => Some(q),
            Field::Missing => {
                self.error(&at("quantity"), "enter the quantity consumed".into());
                None
            }
            Field::Invalid => None,
        };

        let ncv_kj_per_m3 = match self.number(Some(obj), "ncv_kj_per_m3", &at("ncv_kj_per_m3")) {
            Field::Given(n) if n.is_zero() => {
                self.error(
                    &at("ncv_kj_per_m3"),
                    "the calorific value must be above zero".into(),
                );
                NATURAL_GAS_NCV_KJ_PER_M3
            }
            Field::Given(n) => n,
            _ => NATURAL_GAS_NCV_KJ_PER_M3,
        };

        let factor = self.factor(obj.get("factor"), &at("factor"), source);

        if self.errors.len() > before {
            return None;
        }
        Some(EnergyRow {
            index,
            site,
            source: source?,
            quantity: quantity?,
            unit: unit?,
            ncv_kj_per_m3,
            factor,
        })
    }

    fn factor(
        &mut self,
        value: Option<&Value>,
        path: &str,
        source: Option<Source>,
    ) -> Option<Factor> {
        let factor = match value? {
            Value::Null => return None,
            Value::String(id) => {
                let Some(lib) = library::find(id.trim()) else {
                    self.error(
                        path,
                        format!("“{id}” is not a factor in the built-in library"),
                    );
                    return None;
                };
                Factor {
                    value: lib.value()?,
                    unit: lib.unit,
                    library: Some(lib),
                    source_note: None,
                }
            }
            Value::Object(obj) => {
                let vpath = format!("{path}.value");
                let value = match self.number(Some(obj), "value", &vpath) {
                    Field::Given(v) => v,
                    Field::Missing => {
                        self.error(&vpath, "enter the factor's value".into());
                        return None;
                    }
                    Field::Invalid => return None,
                };
                let upath = format!("{path}.unit");
                let unit = match obj
                    .get("unit")
                    .and_then(Value::as_str)
                    .and_then(FactorUnit::from_id)
                {
                    Some(u) => u,
                    None => {
                        let known: Vec<_> = FactorUnit::ALL.iter().map(|u| u.id()).collect();
                        self.error(
                            &upath,
                            format!("choose the factor's unit: {}", known.join(", ")),
                        );
                        return None;
                    }
                };
                let source_note = self
                    .text(obj, "source", &format!("{path}.source"))
                    .filter(|s| !s.trim().is_empty());
                Factor {
                    value,
                    unit,
                    library: None,
                    source_note,
                }
            }
            other => {
                self.error(
                    path,
                    format!(
                        "a factor is a library id or {{ value, unit }}, not {}",
                        kind_of(other)
                    ),
                );
                return None;
            }
        };
        if factor.unit == FactorUnit::KgPerM3 && source.is_some_and(|s| !s.is_gas()) {
            self.error(
                &format!("{path}.unit"),
                "a factor per m³ fits only gaseous fuels".into(),
            );
            return None;
        }
        Some(factor)
    }
}

/// A JSON string or number as an exact, non-negative decimal.
fn decimal_of(v: &Value) -> Result<Option<Decimal>, String> {
    let parsed = match v {
        Value::String(s) => number::parse_non_negative(s),
        // With serde_json's `arbitrary_precision`, a number keeps the digits it was written with.
        Value::Number(n) => number::parse_non_negative(&n.to_string()),
        Value::Null => Ok(None),
        other => return Err(format!("expected a number, not {}", kind_of(other))),
    };
    parsed.map_err(|e: NumberError| e.to_string())
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn short(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}
