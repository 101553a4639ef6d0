//! The engine, natively: the report's table reproduced, every unit path, missing and zero
//! denominators, and bad input reported (never a panic).

mod common;

use common::{display, error_at, formula, reason, run, value};
use esg_kpi_calculator::engine::{calculate_json, example, KpiId};
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "schema": "esg-kpi-scenario/1",
        "organisation": { "floor_area_m2": "1000", "employees": "10", "revenue_rmb_million": "50" },
        "energy": [],
        "water_m3": "100",
        "waste": { "hazardous_t": "1", "non_hazardous_t": "2" },
        "packaging_t": "5"
    })
}

fn with_energy(rows: Value) -> Value {
    let mut v = base();
    v["energy"] = rows;
    v
}

/// The report's environmental KPI table, as printed (環境關鍵績效指標表).
const REPORT_2018: [(&str, &str); 16] = [
    ("ghg_total_t", "13,093.57"),
    ("ghg_scope1_t", "271.69"),
    ("ghg_scope2_t", "12,821.88"),
    ("ghg_intensity_t_per_m2", "0.09"),
    ("hazardous_waste_t", "1.16"),
    ("hazardous_waste_t_per_employee", "0.000097"),
    ("non_hazardous_waste_t", "1,027.17"),
    ("non_hazardous_waste_t_per_employee", "0.09"),
    ("energy_total_mwh", "18,856.92"),
    ("energy_direct_mwh", "1,389.45"),
    ("energy_indirect_mwh", "17,467.47"),
    ("energy_mwh_per_employee", "1.32"),
    ("water_m3", "81,345.33"),
    ("water_m3_per_employee", "6.77"),
    ("packaging_t", "65,281.37"),
    ("packaging_t_per_rmb_million", "0.37"),
];

#[test]
fn the_example_reproduces_the_report_table_except_energy_per_employee() {
    let r = run(example::example());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    for (id, printed) in REPORT_2018 {
        let shown = display(&r, id);
        if id == "energy_mwh_per_employee" {
            // One headcount (12,016) for every per-employee KPI: 18,856.92 ÷ 12,016.
            assert_eq!(shown, "1.57");
        } else {
            assert_eq!(shown, printed, "{id}");
        }
    }
    let order: Vec<&str> = r.kpis.0.iter().map(|k| k.id.id()).collect();
    // The report's sixteen, in its order, then the three A1.1 KPIs a 2025 report adds, and
    // Scope 3.
    assert_eq!(
        order[..16],
        REPORT_2018.map(|(id, _)| id),
        "the report's order"
    );
    assert_eq!(
        order[16..],
        ["air_nox_kg", "air_sox_kg", "air_pm_kg", "ghg_scope3_t"]
    );
}

#[test]
fn the_example_flags_the_reports_inconsistent_headcounts() {
    let r = run(example::example());
    let energy = r.kpis.get(KpiId::EnergyPerEmployee).unwrap();
    assert_eq!(energy.published.map(|p| p.to_string()), Some("1.32".into()));
    assert_eq!(energy.matches_published, Some(false));
    let differs = r
        .checks
        .iter()
        .find(|c| c.id == "published-differs:energy_mwh_per_employee")
        .unwrap();
    assert!(differs.message.contains("14,286"), "{}", differs.message);
    assert!(
        differs.message.contains("14,232–14,340"),
        "{}",
        differs.message
    );
    assert!(differs.message.contains("12,016"), "{}", differs.message);
    let heads = r
        .checks
        .iter()
        .find(|c| c.id == "headcount-inconsistent")
        .unwrap();
    assert!(
        heads
            .message
            .contains("water consumption per employee ≈ 12,016 (12,007–12,024)"),
        "{}",
        heads.message
    );
    // Every other published figure matches.
    let mismatched: Vec<_> = r
        .kpis
        .0
        .iter()
        .filter(|k| k.matches_published == Some(false))
        .map(|k| k.id.id())
        .collect();
    assert_eq!(mismatched, vec!["energy_mwh_per_employee"]);
}

#[test]
fn every_kpi_says_how_it_was_obtained() {
    let r = run(example::example());
    assert_eq!(
        formula(&r, KpiId::GhgScope2),
        "Purchased electricity 17,467.47 MWh × 0.7340433 t CO2e/MWh = 12,821.8793 t CO2e"
    );
    assert_eq!(
        formula(&r, KpiId::GhgTotal),
        "Scope 1 271.69 + Scope 2 12,821.88"
    );
    assert_eq!(
        formula(&r, KpiId::GhgIntensityPerM2),
        "13,093.57 t CO2e ÷ 145,484 m²"
    );
    assert_eq!(
        formula(&r, KpiId::EnergyPerEmployee),
        "18,856.92 MWh ÷ 12,016 people"
    );
    assert_eq!(formula(&r, KpiId::EnergyDirect), "Natural gas 1,389.45 MWh");
    let gas = run(with_energy(
        json!([{ "source": "natural_gas", "quantity": "100000", "unit": "m3", "factor": "ng-cn-guideline" },
        { "source": "natural_gas", "quantity": "1", "unit": "MWh", "factor": "ng-cn-guideline" }]),
    ));
    let f = |id: KpiId| formula(&gas, id);
    assert_eq!(
        f(KpiId::GhgScope1),
        "sum of 2 fuel lines (see the calculation lines)"
    );
    assert_eq!(
        gas.trace[0].conversion.as_ref().map(ToString::to_string).as_deref(),
        Some(
            "100,000 m³ × 38,931 kJ/m³ (net calorific value: GB/T 2589-2008 Appendix A: natural gas 38,931 kJ/m³ [verified]) \
             ÷ 3,600,000 kJ/MWh = 1,081.416667 MWh"
        )
    );
    assert!(
        gas.trace[0]
            .text
            .contains("2.1622 kg CO2e/m³ = 216.22 t CO2e"),
        "{}",
        gas.trace[0].text
    );
}

#[test]
fn values_are_exact_decimals_as_strings() {
    let r = run(example::example());
    assert_eq!(value(&r, "ghg_scope1_t"), "271.6902741");
    assert_eq!(value(&r, "ghg_scope2_t"), "12821.879321451");
    assert_eq!(value(&r, "ghg_total_t"), "13093.569595551");
    assert_eq!(value(&r, "energy_total_mwh"), "18856.92");
    let json: Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["schema"], "esg-kpi-results/1");
    assert_eq!(json["kpis"]["ghg_total_t"]["hkex"], "A1.2");
    assert_eq!(json["kpis"]["ghg_total_t"]["unit"], "t CO2e");
    let energy_lines: Vec<&Value> = json["trace"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["scope"].is_number())
        .collect();
    assert_eq!(energy_lines.len(), 2);
    assert_eq!(
        json["trace"].as_array().unwrap().len(),
        9,
        "2 energy lines and 7 inputs used as entered"
    );
    assert!(json["trace"][1]["factor"]["source"]
        .as_str()
        .unwrap()
        .contains("12,821.88 t ÷ 17,467.47 MWh"));
}

#[test]
fn every_unit_path_converts_to_the_same_energy_and_emissions() {
    // 1 MWh of natural gas, written four ways, with a factor of 0.2 t/MWh.
    // 1 MWh = 3,600,000 kJ ÷ 38,931 kJ/m³ = 92.47130564332794... m³.
    let m3 = "92.471305643317639413834733";
    for (q, unit) in [("1000", "kWh"), ("1", "MWh"), ("3.6", "GJ"), (m3, "m3")] {
        let r = run(with_energy(
            json!([{ "source": "natural_gas", "quantity": q, "unit": unit,
            "factor": { "value": "0.2", "unit": "tCO2e/MWh" } }]),
        ));
        assert!(r.errors.is_empty(), "{unit}: {:?}", r.errors);
        assert_eq!(display(&r, "energy_direct_mwh"), "1.00", "{unit}");
        assert_eq!(display(&r, "ghg_scope1_t"), "0.20", "{unit}");
    }
}

#[test]
fn every_factor_unit_applies_to_its_basis() {
    // 100,000 m³ of gas = 1,081.416666... MWh = 3,893.1 GJ.
    let cases = [
        (json!({ "value": "2.1622", "unit": "kgCO2e/m3" }), "216.22"),
        (json!({ "value": "56.1", "unit": "kgCO2e/GJ" }), "218.40"),
        (json!({ "value": "0.0561", "unit": "tCO2e/GJ" }), "218.40"),
        (json!({ "value": "0.2", "unit": "tCO2e/MWh" }), "216.28"),
        (json!({ "value": "0.2", "unit": "kgCO2e/kWh" }), "216.28"),
        (json!("ng-cn-guideline"), "216.22"),
        // CO2 56,100 + CH4 5 × 28 + N2O 0.1 × 265 kg/TJ (AR5) × 3.8931 TJ.
        (json!("ng-ipcc2006-default"), "219.05"),
    ];
    for (factor, t) in cases {
        let r = run(with_energy(
            json!([{ "source": "natural_gas", "quantity": "100000", "unit": "m3", "factor": factor.clone() }]),
        ));
        assert!(r.errors.is_empty(), "{factor}: {:?}", r.errors);
        assert_eq!(display(&r, "ghg_scope1_t"), t, "{factor}");
        assert_eq!(display(&r, "energy_direct_mwh"), "1,081.42");
    }
    // A factor per m³ on gas given in MWh goes back to volume through the NCV.
    let r = run(with_energy(
        json!([{ "source": "natural_gas", "quantity": "38.931", "unit": "MWh",
        "factor": { "value": "2", "unit": "kgCO2e/m3" } }]),
    ));
    assert_eq!(value(&r, "ghg_scope1_t"), "7.2");
}

#[test]
fn a_row_may_give_its_own_calorific_value() {
    let r = run(with_energy(
        json!([{ "source": "natural_gas", "quantity": "1000", "unit": "m3", "ncv_kj_per_m3": "36000",
        "factor": { "value": "0.2", "unit": "tCO2e/MWh" } }]),
    ));
    assert_eq!(value(&r, "energy_direct_mwh"), "10");
}

#[test]
fn electricity_is_scope_2_and_indirect_energy() {
    let r = run(with_energy(json!([
        { "source": "electricity", "quantity": "1250000", "unit": "kWh", "factor": { "value": "0.39", "unit": "kgCO2e/kWh" } },
        { "source": "electricity", "quantity": "10", "unit": "MWh", "factor": "hk-gov-default-electricity" }
    ])));
    assert_eq!(value(&r, "ghg_scope2_t"), "494.5");
    assert_eq!(value(&r, "ghg_scope1_t"), "0");
    assert_eq!(value(&r, "energy_indirect_mwh"), "1260");
    assert_eq!(value(&r, "energy_direct_mwh"), "0");
    assert_eq!(display(&r, "ghg_intensity_t_per_m2"), "0.49");
    let lib_line = &r.trace[1];
    assert_eq!(lib_line.factor.as_ref().unwrap().status, Some("verified"));
    assert!(lib_line
        .factor
        .as_ref()
        .unwrap()
        .source
        .contains("cas.gov.hk"));
}

#[test]
fn the_contracts_sample_scenario_computes() {
    let r = calculate_json(
        r#"{"schema":"esg-kpi-scenario/1","name":"Example Ltd 2023","period":"2023",
        "organisation":{"floor_area_m2":"12500","employees":"820","revenue_rmb_million":"2450"},
        "energy":[{"site":"HK office","source":"electricity","quantity":"1250000","unit":"kWh","factor":{"value":"0.39","unit":"kgCO2e/kWh"}},
                  {"site":"Plant","source":"natural_gas","quantity":"85000","unit":"m3","factor":{"value":"2.1622","unit":"kgCO2e/m3"}}],
        "water_m3":"15600","waste":{"hazardous_t":"0.85","non_hazardous_t":"64.2"},"packaging_t":"310.5"}"#,
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // 1,250 MWh × 0.39 + 85,000 m³ × 2.1622 kg = 487.5 + 183.787 t.
    assert_eq!(value(&r, "ghg_total_t"), "671.287");
    assert_eq!(display(&r, "ghg_total_t"), "671.29");
    assert_eq!(display(&r, "hazardous_waste_t_per_employee"), "0.0010");
}

#[test]
fn zero_and_missing_denominators_are_null_with_a_reason() {
    let mut v = base();
    v["organisation"] = json!({ "floor_area_m2": "0", "employees": "" });
    let r = run(v);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(reason(&r, "ghg_intensity_t_per_m2"), "floor area is zero");
    assert_eq!(reason(&r, "water_m3_per_employee"), "no employees given");
    assert_eq!(
        reason(&r, "packaging_t_per_rmb_million"),
        "no revenue given"
    );
    assert_eq!(display(&r, "water_m3"), "100.00");
    let json: Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["kpis"]["ghg_intensity_t_per_m2"]["value"], Value::Null);
    assert_eq!(
        json["kpis"]["ghg_intensity_t_per_m2"]["reason"],
        "floor area is zero"
    );
}

#[test]
fn an_empty_scenario_gives_nulls_and_zero_energy() {
    let r = calculate_json("{}");
    assert!(r.errors.is_empty());
    assert_eq!(value(&r, "energy_total_mwh"), "0");
    assert_eq!(reason(&r, "water_m3"), "no water consumption given");
}

#[test]
fn malformed_numbers_are_errors_at_their_path_and_the_rest_computes() {
    let mut v = base();
    v["organisation"]["employees"] = json!("twelve");
    v["water_m3"] = json!("-5");
    v["packaging_t"] = json!("1e40");
    let r = run(v);
    assert!(error_at(&r, "organisation.employees").contains("not a number"));
    assert!(error_at(&r, "water_m3").contains("negative"));
    assert!(error_at(&r, "packaging_t").contains("too large"));
    assert_eq!(
        reason(&r, "water_m3_per_employee"),
        "water consumption is invalid"
    );
    assert_eq!(
        reason(&r, "hazardous_waste_t_per_employee"),
        "employees is invalid"
    );
    assert_eq!(
        display(&r, "hazardous_waste_t"),
        "1.00",
        "unaffected KPIs still compute"
    );
    assert_eq!(display(&r, "ghg_intensity_t_per_m2"), "0.00");
}

#[test]
fn bad_energy_rows_are_located_and_make_dependent_totals_null() {
    let r = run(with_energy(json!([
        { "source": "electricity", "quantity": "10", "unit": "m3", "factor": { "value": "0.5", "unit": "tCO2e/MWh" } },
        { "source": "peat", "quantity": "10", "unit": "MWh" },
        { "source": "natural_gas", "quantity": "abc", "unit": "MWh" },
        { "source": "natural_gas", "quantity": "10", "unit": "barrels" },
        { "source": "natural_gas", "quantity": "10", "unit": "MWh", "factor": "no-such-factor" },
        { "source": "electricity", "quantity": "10", "unit": "MWh", "factor": { "value": "2", "unit": "kgCO2e/m3" } },
        { "source": "electricity", "quantity": "10", "unit": "MWh", "factor": { "value": "2" } },
        "not a row"
    ])));
    assert!(error_at(&r, "energy[0].unit").contains("volume"));
    assert!(error_at(&r, "energy[1].source").contains("unknown source “peat”"));
    assert!(error_at(&r, "energy[2].quantity").contains("not a number"));
    assert!(error_at(&r, "energy[3].unit").contains("unknown unit"));
    assert!(error_at(&r, "energy[4].factor").contains("not a factor in the built-in library"));
    assert!(error_at(&r, "energy[5].factor.unit")
        .contains("a factor per m³ does not fit purchased electricity"));
    assert!(error_at(&r, "energy[6].factor.unit").contains("choose the factor's unit"));
    assert!(error_at(&r, "energy[7]").contains("must be an object"));
    assert_eq!(
        reason(&r, "energy_total_mwh"),
        "energy line 1 has an input error (see its message)"
    );
    assert_eq!(display(&r, "water_m3"), "100.00");
}

#[test]
fn a_row_without_a_factor_counts_energy_but_not_emissions() {
    let r = run(with_energy(
        json!([{ "site": "Store 7", "source": "electricity", "quantity": "10", "unit": "MWh" }]),
    ));
    assert!(r.errors.is_empty());
    assert_eq!(value(&r, "energy_indirect_mwh"), "10");
    assert_eq!(
        reason(&r, "ghg_scope2_t"),
        "energy line 1 (Store 7) has no emission factor"
    );
    assert_eq!(
        reason(&r, "ghg_intensity_t_per_m2"),
        "energy line 1 (Store 7) has no emission factor"
    );
}

#[test]
fn overflow_is_a_reason_not_a_panic() {
    let big = "79000000000000000000000000000";
    let r = run(with_energy(json!([
        { "source": "electricity", "quantity": big, "unit": "MWh", "factor": { "value": "1000", "unit": "tCO2e/MWh" } },
        { "source": "electricity", "quantity": big, "unit": "MWh", "factor": { "value": "0", "unit": "tCO2e/MWh" } }
    ])));
    assert!(reason(&r, "ghg_scope2_t").contains("too large"));
    assert!(reason(&r, "energy_indirect_mwh").contains("too large"));
    let r = run(with_energy(
        json!([{ "source": "natural_gas", "quantity": big, "unit": "m3", "factor": "ng-cn-guideline" }]),
    ));
    assert!(reason(&r, "energy_direct_mwh").contains("too large"));
}

#[test]
fn numbers_may_be_json_numbers_or_strings_with_separators() {
    let r = calculate_json(
        r#"{"organisation":{"employees":12016},"water_m3":81345.33,"waste":{"hazardous_t":"1,16"}}"#,
    );
    assert_eq!(display(&r, "water_m3_per_employee"), "6.77");
    assert!(error_at(&r, "waste.hazardous_t").contains("thousands separators"));
    let r =
        calculate_json(r#"{"organisation":{"employees":"12,016"},"water_m3":"８１３４５．３３"}"#);
    assert_eq!(display(&r, "water_m3_per_employee"), "6.77");
    // A JSON number keeps every digit it was written with (no float round trip).
    let r = calculate_json(r#"{"water_m3":0.1000000000000000055511151231257827}"#);
    assert_eq!(value(&r, "water_m3"), "0.1000000000000000055511151231");
}

#[test]
fn absurd_documents_are_one_error_at_the_root() {
    for text in [
        "",
        "not json",
        "[]",
        "42",
        "\"text\"",
        "null",
        "{\"schema\":\"esg-kpi-scenario/99\"}",
        "{\"energy\": 5}",
        "{\"organisation\": []}",
    ] {
        let r = calculate_json(text);
        assert!(!r.errors.is_empty(), "{text:?} gave no error");
        assert_eq!(
            r.kpis.0.len(),
            KpiId::ALL.len(),
            "{text:?}: every KPI is still present"
        );
        let json: Value = serde_json::from_str(&r.to_json()).unwrap();
        assert_eq!(json["schema"], "esg-kpi-results/1");
    }
    let r = calculate_json("[1,2]");
    assert_eq!(
        error_at(&r, "$"),
        "the scenario must be a JSON object, not a list"
    );
}

#[test]
fn unknown_published_kpis_are_reported() {
    let r = calculate_json(r#"{"published":{"ghg_total":"1","water_m3":"x"}}"#);
    assert!(error_at(&r, "published.ghg_total").contains("not a KPI id"));
    assert!(error_at(&r, "published.water_m3").contains("not a number"));
}

#[test]
fn deeply_nested_or_huge_input_does_not_panic() {
    let deep = "[".repeat(100_000);
    let r = calculate_json(&deep);
    assert_eq!(r.errors.len(), 1);
    let rows: Vec<Value> = (0..100_000)
        .map(|i| json!({ "site": format!("S{i}"), "source": "electricity", "quantity": "1", "unit": "kWh", "factor": { "value": "0.5", "unit": "kgCO2e/kWh" } }))
        .collect();
    let r = run(with_energy(Value::Array(rows)));
    assert_eq!(value(&r, "energy_indirect_mwh"), "100");
    assert_eq!(value(&r, "ghg_scope2_t"), "50");
}

#[test]
fn more_lines_than_supported_are_refused_at_their_list_from_any_source() {
    use esg_kpi_calculator::engine::scenario::{MAX_JSON_BYTES, MAX_LINES};
    let row = json!({ "source": "electricity", "quantity": "1", "unit": "kWh", "factor": { "value": "0.5", "unit": "kgCO2e/kWh" } });
    let mut v = with_energy(Value::Array(vec![row.clone(); MAX_LINES + 1]));
    v["waste"]["items"] = Value::Array(vec![
        json!({ "kind": "paper", "quantity": "1" });
        MAX_LINES + 1
    ]);
    v["prior"] = json!({ "instruments": vec![json!({ "type": "certificates", "mwh": "1" }); MAX_LINES + 1] });
    let r = run(v.clone());
    let message = error_at(&r, "energy");
    assert!(
        message.contains("100,001 lines are more than the 100,000"),
        "{message}"
    );
    assert!(error_at(&r, "waste.items").contains("100,001"));
    assert!(error_at(&r, "prior.instruments").contains("100,001"));
    // Nothing is computed from a list that was not read: no partial totals.
    assert!(reason(&r, "energy_indirect_mwh").contains("energy"));
    assert!(reason(&r, "hazardous_waste_t").contains("waste item"));
    // The same through JSON text, and the text's own size limit.
    let text = v.to_string();
    assert_eq!(calculate_json(&text).errors.len(), r.errors.len());
    let huge = format!("{{\"name\":\"{}\"}}", "x".repeat(MAX_JSON_BYTES));
    let r = calculate_json(&huge);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].path, "$");
    assert!(
        r.errors[0].message.contains("65 MB, more than the 64 MB"),
        "{}",
        r.errors[0].message
    );
}

/// An overflow names the line that caused it, as people name lines: the line whose own
/// tonnes leave exact decimals, or, when a total does, its largest line (the first of equals).
#[test]
fn an_overflow_names_its_line() {
    let r = calculate_json(
        r#"{"schema":"esg-kpi-scenario/1","energy":[
            {"site":"Plant A","source":"electricity","quantity":"100","unit":"MWh","grid":"guangdong"},
            {"site":"Plant B","source":"diesel","quantity":"50000000000000000000000000000","unit":"GJ"}]}"#,
    );
    let why = reason(&r, "ghg_scope1_t");
    assert!(
        why.contains("energy line 2 (Plant B) is too large"),
        "{why}"
    );
    // Scope 2 does not involve line 2: it computes.
    assert!(!value(&r, "ghg_scope2_t").is_empty());

    let line = r#"{"source":"electricity","quantity":"20000000000000000000000","unit":"MWh","factor":{"value":"1000000","unit":"tCO2e/MWh","source":"test"}}"#;
    let r = calculate_json(&format!(
        r#"{{"schema":"esg-kpi-scenario/1","energy":[{line},{line},{line},{line}]}}"#
    ));
    let why = reason(&r, "ghg_scope2_t");
    assert!(
        why.contains("the total is too large for exact decimal arithmetic; its largest line is energy line 1 (purchased electricity)"),
        "{why}"
    );
}
