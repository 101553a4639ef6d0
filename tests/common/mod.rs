//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use esg_kpi_calculator::engine::{self, KpiId, Results};
use serde_json::Value;

pub fn run(v: Value) -> Results {
    engine::calculate_value(&v)
}

pub fn kpi<'r>(r: &'r Results, id: &str) -> &'r engine::calc::KpiResult {
    r.kpis
        .get(KpiId::from_id(id).unwrap_or_else(|| panic!("{id} is not a KPI id")))
        .unwrap()
}

/// The exact value of a KPI, failing with its reason and the errors if it has none.
#[track_caller]
pub fn value(r: &Results, id: &str) -> String {
    let k = kpi(r, id);
    k.value
        .map(|v| v.to_string())
        .unwrap_or_else(|| panic!("{id} has no value: {:?}; errors {:?}", k.reason, r.errors))
}

/// The display value of a KPI.
#[track_caller]
pub fn display(r: &Results, id: &str) -> String {
    let k = kpi(r, id);
    k.display
        .map(|v| v.to_string())
        .unwrap_or_else(|| panic!("{id} has no value: {:?}", k.reason))
}

/// The reason a KPI is null, failing if it has a value.
#[track_caller]
pub fn reason(r: &Results, id: &str) -> String {
    let k = kpi(r, id);
    assert!(k.value.is_none(), "{id} should be null, is {:?}", k.value);
    k.reason
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// How a KPI was obtained, in English, failing if it has no formula.
#[track_caller]
pub fn formula(r: &Results, id: KpiId) -> String {
    r.kpis
        .get(id)
        .and_then(|k| k.formula.as_ref())
        .unwrap_or_else(|| panic!("{id:?} has no formula"))
        .to_string()
}

/// The message of the input error at `path`.
#[track_caller]
pub fn error_at(r: &Results, path: &str) -> String {
    r.errors
        .iter()
        .find(|e| e.path == path)
        .map(|e| e.message.to_string())
        .unwrap_or_else(|| panic!("no error at {path}; errors: {:?}", r.errors))
}

#[track_caller]
pub fn json_of(r: &Results) -> Value {
    serde_json::from_str(&r.to_json()).unwrap()
}

/// The message of a data-quality finding, failing with all of them if it is not there.
#[track_caller]
pub fn quality(r: &Results, id: &str) -> String {
    r.data_quality
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("{id}: {:?}", r.data_quality))
        .message
        .to_string()
}
