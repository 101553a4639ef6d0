//! Intensities per any denominator (issue 18): the report picks which totals it prints per
//! employee, per m², per million of revenue in its own currency or per unit of production;
//! each is computed exactly, carries its formula, is refused with a reason when its
//! denominator is missing, is inherited by the prior year, written back and exported.

mod common;
use common::*;
use esg_kpi_calculator::engine::calc::Results;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// 100 MWh on a 0.5 t/MWh factor = 50 t Scope 2; 12 t Scope 3 (supplier's).
fn company(org: Value, intensities: Value) -> Value {
    json!({ "period": "2025", "organisation": org, "water_m3": "2,000",
        "energy": [ { "source": "electricity", "quantity": "100", "unit": "MWh",
            "factor": { "value": "0.5", "unit": "t/MWh", "source": "test factor" } } ],
        "scope3": [ { "category": 4, "quantity": "12", "unit": "tCO2e" } ],
        "intensities": intensities })
}

fn intensity<'r>(r: &'r Results, id: &str) -> &'r esg_kpi_calculator::engine::results::Intensity {
    r.intensities
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no intensity {id}"))
}

#[test]
fn each_total_per_each_denominator_in_the_reports_currency() {
    // (organisation, numerator, per, id, value, unit)
    let cases = [
        (
            json!({ "employees": "40" }),
            "ghg_total_t",
            "employee",
            "ghg_total_t_per_employee",
            "1.25",
            "t CO2e / employee",
        ),
        (
            json!({ "employees": "40" }),
            "ghg_scope3_t",
            "employee",
            "ghg_scope3_t_per_employee",
            "0.3",
            "t CO2e / employee",
        ),
        (
            json!({ "employees": "40" }),
            "ghg_scopes_1_2_3_t",
            "employee",
            "ghg_scopes_1_2_3_t_per_employee",
            "1.55",
            "t CO2e / employee",
        ),
        (
            json!({ "floor_area_m2": "2,500" }),
            "energy_total_mwh",
            "m2",
            "energy_total_mwh_per_m2",
            "0.04",
            "MWh / m²",
        ),
        // Revenue in HKD: per HK$ million, no exchange rate needed.
        (
            json!({ "revenue_currency": "HKD", "revenue_million": "250", "fx_rmb_per_unit": "0.92" }),
            "ghg_total_t",
            "revenue_million",
            "ghg_total_t_per_revenue_million",
            "0.2",
            "t CO2e / HKD million",
        ),
        // Revenue in USD, with its RMB rate for the KPI table: per US$ million still.
        (
            json!({ "revenue_currency": "USD", "revenue_million": "8", "fx_rmb_per_unit": "7.1" }),
            "water_m3",
            "revenue_million",
            "water_m3_per_revenue_million",
            "250",
            "m³ / USD million",
        ),
        (
            json!({ "revenue_rmb_million": "1,000" }),
            "ghg_scope2_t",
            "revenue_million",
            "ghg_scope2_t_per_revenue_million",
            "0.05",
            "t CO2e / RMB million",
        ),
        (
            json!({ "production_quantity": "500", "production_unit": "tonne of product" }),
            "ghg_scopes_1_2_3_t",
            "production_unit",
            "ghg_scopes_1_2_3_t_per_production_unit",
            "0.124",
            "t CO2e / tonne of product",
        ),
    ];
    for (org, kpi, per, id, want, unit) in cases {
        let r = run(company(org.clone(), json!([{ "kpi": kpi, "per": per }])));
        assert!(r.errors.is_empty(), "{id}: {:?}", r.errors);
        let i = intensity(&r, id);
        assert_eq!(i.value.map(|v| v.0), Some(d(want)), "{id}");
        assert_eq!(i.unit, unit, "{id}");
        assert!(i.formula.as_ref().unwrap().to_string().contains(" ÷ "));
        assert_eq!(json_of(&r)["intensities"][0]["id"], id);
    }
}

#[test]
fn a_missing_denominator_is_a_reason_not_a_zero() {
    let r = run(company(
        json!({}),
        json!([
            { "kpi": "ghg_total_t", "per": "employee" },
            { "kpi": "ghg_total_t", "per": "revenue_million" },
            { "kpi": "ghg_total_t", "per": "production_unit" },
            { "kpi": "ghg_total_t", "per": "m2" } ]),
    ));
    for i in &r.intensities {
        assert!(i.value.is_none(), "{}", i.id);
        assert!(i.reason.is_some(), "{}", i.id);
    }
    let r = run(company(
        json!({ "employees": "0" }),
        json!([{ "kpi": "ghg_total_t", "per": "employee" }]),
    ));
    assert!(r.intensities[0]
        .reason
        .as_ref()
        .unwrap()
        .to_string()
        .contains("zero"));
}

#[test]
fn bad_entries_are_errors_at_their_field_and_the_rest_compute() {
    let r = run(company(
        json!({ "employees": "10" }),
        json!([
            { "kpi": "ghg_intensity_t_per_m2", "per": "employee" },
            { "kpi": "ghg_total_t", "per": "visitor" },
            { "kpi": "water_m3", "per": "employee" },
            { "kpi": "water_m3", "per": "employee" },
            "water" ]),
    ));
    assert!(error_at(&r, "intensities[0].kpi").contains("not a total"));
    assert!(error_at(&r, "intensities[1].per").contains("visitor"));
    assert!(error_at(&r, "intensities[3]").contains("listed twice"));
    assert!(error_at(&r, "intensities[4]").contains("must be an object"));
    assert_eq!(r.intensities.len(), 1);
    assert_eq!(
        intensity(&r, "water_m3_per_employee").value.unwrap().0,
        d("200")
    );
}

#[test]
fn the_prior_year_inherits_them_and_they_are_written_back_and_exported() {
    use esg_kpi_calculator::engine::exports::kpi_csv;
    use esg_kpi_calculator::engine::scenario::{read, to_value};
    use esg_kpi_calculator::engine::text::Lang;
    let mut v = company(
        json!({ "employees": "40" }),
        json!([{ "kpi": "ghg_scopes_1_2_3_t", "per": "employee" }]),
    );
    v["prior"] = json!({ "period": "2024", "organisation": { "employees": "20" },
        "energy": [ { "source": "electricity", "quantity": "10", "unit": "MWh",
            "factor": { "value": "0.5", "unit": "t/MWh", "source": "test factor" } } ] });
    let r = run(v.clone());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let prior = &r.periods["prior"].intensities;
    // 5 t Scope 2 and no Scope 3 lines: Scopes 1 + 2 + 3 has no value, and says why.
    assert_eq!(prior.len(), 1);
    assert!(prior[0].value.is_none());
    let (s, errors) = read(&v);
    assert!(errors.is_empty());
    let written = to_value(&s.unwrap());
    assert_eq!(
        written["intensities"],
        json!([{ "kpi": "ghg_scopes_1_2_3_t", "per": "employee" }])
    );
    assert!(written["prior"].get("intensities").is_none(), "{written}");
    let csv = kpi_csv(&r, Lang::En);
    let row = csv
        .lines()
        .find(|l| l.contains("ghg_scopes_1_2_3_t_per_employee"))
        .expect("the intensity's row");
    assert!(
        row.contains("GHG emissions (Scopes 1, 2 and 3) per employee"),
        "{row}"
    );
    assert!(row.contains(",1.55,"), "{row}");
}
