//! A1.1 air emissions: NOx, SOx and particulates (kg) from fuels burnt on site. Towngas and
//! LPG in appliances follow HKEX Appendix 2 (48 MJ per unit, 46 MJ per kg; 4.02 and 0.02 kg
//! per million MJ; particulates not significant); any other combustion line, a vehicle above
//! all, needs its own factors (`air`), and until it has them the KPIs are null with a reason
//! naming it, never a total that leaves it out.

mod common;
use common::*;
use esg_kpi_calculator::engine::scenario::{read, to_value};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn air_of(r: &esg_kpi_calculator::engine::Results, path: &str) -> Value {
    let j = json_of(r);
    j["trace"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["path"] == path)
        .cloned()
        .unwrap_or_else(|| panic!("{path}"))
}

#[test]
fn towngas_and_lpg_follow_hkex_appendix_2() {
    let r = run(json!({ "energy": [
        { "site": "Kitchen", "source": "towngas", "quantity": "10000", "unit": "unit" },
        { "site": "Kitchen", "source": "lpg", "quantity": "1000", "unit": "kg" },
        { "site": "Office", "source": "electricity", "quantity": "1000", "unit": "kWh", "grid": "hk-default" }
    ]}));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // (10,000 × 48 + 1,000 × 46) MJ = 526,000 MJ
    assert_eq!(
        d(&value(&r, "air_nox_kg")),
        d("526000") * d("4.02") / d("1000000")
    );
    assert_eq!(
        d(&value(&r, "air_sox_kg")),
        d("526000") * d("0.02") / d("1000000")
    );
    assert_eq!(d(&value(&r, "air_pm_kg")), Decimal::ZERO);
    let towngas = air_of(&r, "energy[0]");
    assert_eq!(towngas["air_kg"]["NOx"], "1.9296");
    assert!(towngas["air_source"]
        .as_str()
        .unwrap()
        .contains("Appendix 2"));
    assert!(towngas["kpis"]
        .as_array()
        .unwrap()
        .contains(&json!("air_nox_kg")));
    // Electricity is burnt elsewhere: no air figures on its line.
    assert!(air_of(&r, "energy[2]").get("air_kg").is_none());
    let k = kpi(&r, "air_nox_kg");
    assert_eq!((k.hkex, k.unit), ("A1.1", "kg"));
    // LPG given in GJ uses its energy, not 46 MJ/kg.
    let r = run(json!({ "energy": [{ "source": "lpg", "quantity": "10", "unit": "GJ" }] }));
    assert_eq!(
        d(&value(&r, "air_nox_kg")),
        d("10000") * d("4.02") / d("1000000")
    );
}

#[test]
fn a_van_without_its_own_factors_makes_the_kpis_null_with_a_reason_naming_it() {
    let r = run(json!({ "gwp": "AR6", "energy": [
        { "site": "Kitchen", "source": "towngas", "quantity": "10000", "unit": "unit" },
        { "site": "HK", "source": "diesel", "quantity": "1000", "unit": "L", "mobile": "road" }
    ]}));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    for id in ["air_nox_kg", "air_sox_kg", "air_pm_kg"] {
        let why = reason(&r, id);
        assert!(
            why.contains("energy line 2") && why.contains("air"),
            "{id}: {why}"
        );
    }
    // Its GHG still computes.
    assert!(d(&value(&r, "ghg_scope1_t")) > Decimal::ZERO);
    let van = air_of(&r, "energy[1]");
    assert!(van["air_kg"]["NOx"].is_null());
}

#[test]
fn a_vans_own_factors_per_km_or_per_litre() {
    let van = |air: Value, extra: Value| {
        let mut row = json!({ "site": "HK", "source": "diesel", "mobile": "road", "air": air });
        for (k, v) in extra.as_object().unwrap() {
            row[k] = v.clone();
        }
        run(json!({ "energy": [row] }))
    };
    // 20,000 km at 10 L/100 km, light goods vehicle factors per km (as Appendix 2's table gives).
    let r = van(
        json!({ "nox": "0.5", "sox": "0.002", "pm": "0.03", "unit": "g/km", "source": "HKEX Appendix 2, LGV 2.5–3.5 t, diesel" }),
        json!({ "distance_km": "20000", "l_per_100km": "10" }),
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(d(&value(&r, "air_nox_kg")), d("10"));
    assert_eq!(d(&value(&r, "air_sox_kg")), d("0.04"));
    assert_eq!(d(&value(&r, "air_pm_kg")), d("0.6"));
    assert!(air_of(&r, "energy[0]")["air_source"]
        .as_str()
        .unwrap()
        .contains("LGV"));
    // Per litre: 2,000 L × 0.01 kg/L.
    let r = van(
        json!({ "nox": "0.01", "sox": "0", "pm": "0.001", "unit": "kg/L" }),
        json!({ "quantity": "2000", "unit": "L" }),
    );
    assert_eq!(d(&value(&r, "air_nox_kg")), d("20"));
    // Per km without a distance: the line says so, the KPI is null.
    let r = van(
        json!({ "nox": "0.5", "unit": "g/km" }),
        json!({ "quantity": "2000", "unit": "L" }),
    );
    let why = reason(&r, "air_nox_kg");
    assert!(
        why.contains("distance") && why.contains("energy line 1"),
        "{why}"
    );
    // A pollutant not given is named.
    let r = van(
        json!({ "nox": "0.01", "unit": "kg/L" }),
        json!({ "quantity": "2000", "unit": "L" }),
    );
    assert_eq!(d(&value(&r, "air_nox_kg")), d("20"));
    let why = reason(&r, "air_pm_kg");
    assert!(why.contains("PM") && why.contains("energy line 1"), "{why}");
}

#[test]
fn bad_air_factors_are_errors_at_their_field_and_are_written_back() {
    let r = run(json!({ "water_m3": "5", "energy": [
        { "source": "diesel", "quantity": "100", "unit": "kg", "air": { "nox": "1", "unit": "furlongs" } },
        { "source": "diesel", "quantity": "100", "unit": "kg", "air": { "unit": "g/kg" } },
        { "source": "electricity", "quantity": "100", "unit": "kWh", "grid": "hk-default", "air": { "nox": "1", "unit": "g/kg" } },
        { "source": "diesel", "quantity": "100", "unit": "kg", "air": { "nox": "abc", "unit": "g/kg" } }
    ]}));
    assert!(error_at(&r, "energy[0].air.unit").contains("furlongs"));
    assert!(error_at(&r, "energy[1].air").contains("nox"));
    assert!(error_at(&r, "energy[2].air").contains("not burnt on site"));
    assert!(!error_at(&r, "energy[3].air.nox").is_empty());
    assert_eq!(value(&r, "water_m3"), "5");
    let v = json!({ "energy": [{ "source": "diesel", "quantity": "1000", "unit": "kg",
        "air": { "nox": "3.5", "sox": "0.02", "pm": "0.2", "unit": "kg/t", "source": "boiler test 2025" } }] });
    let written = to_value(&read(&v).0.unwrap());
    assert_eq!(written["energy"][0]["air"], v["energy"][0]["air"]);
    let r = run(v);
    assert_eq!(d(&value(&r, "air_nox_kg")), d("3.5"));
}

#[test]
fn with_no_combustion_the_air_kpis_are_zero_and_say_why() {
    let r = run(
        json!({ "energy": [{ "source": "electricity", "quantity": "100", "unit": "kWh", "grid": "hk-default" }] }),
    );
    assert_eq!(value(&r, "air_nox_kg"), "0");
    assert_eq!(
        formula(&r, esg_kpi_calculator::engine::KpiId::AirNox),
        "no combustion lines"
    );
}

#[test]
fn a_generator_without_factors_is_pointed_to_its_emission_test_not_a_vehicle_table() {
    let r = run(
        json!({ "energy": [{ "site": "HK", "source": "diesel", "quantity": "500", "unit": "L" }] }),
    );
    let why = reason(&r, "air_nox_kg");
    assert!(
        why.contains("emission test") && !why.contains("vehicle"),
        "{why}"
    );
}
