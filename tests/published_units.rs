//! A published table typed as printed (issue 18): figures in kg or t, kWh, MWh or GJ, m³ or
//! litres, for the KPIs and for the intensities the report chose; compared with the computed
//! values in the printed unit at the printed places, and read by the published-table check with
//! the rounding the printed unit allows.

mod common;
use common::*;
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn a_figure_printed_in_another_unit_is_compared_in_that_unit() {
    // 100 MWh at 0.5 t/MWh = 50 t Scope 2; 2,000 m³ of water; 40 employees.
    let base = json!({ "period": "2025", "organisation": { "employees": "40" }, "water_m3": "2,000",
        "energy": [ { "source": "electricity", "quantity": "100", "unit": "MWh",
            "factor": { "value": "0.5", "unit": "t/MWh", "source": "test factor" } } ] });
    // (KPI, printed, matches)
    let cases = [
        (
            "ghg_scope2_t",
            json!({ "value": "50,000", "unit": "kg CO2e" }),
            true,
        ),
        (
            "ghg_scope2_t",
            json!({ "value": "50,001", "unit": "kgCO2e" }),
            false,
        ),
        (
            "ghg_scope2_t",
            json!({ "value": "50", "unit": "tCO2e" }),
            true,
        ),
        (
            "ghg_scope2_t",
            json!({ "value": "50,000", "unit": "公斤" }),
            true,
        ),
        (
            "energy_indirect_mwh",
            json!({ "value": "100,000", "unit": "kWh" }),
            true,
        ),
        (
            "energy_indirect_mwh",
            json!({ "value": "360", "unit": "GJ" }),
            true,
        ),
        (
            "energy_indirect_mwh",
            json!({ "value": "361", "unit": "GJ" }),
            false,
        ),
        (
            "energy_total_mwh",
            json!({ "value": "100", "unit": "'000 kWh" }),
            true,
        ),
        (
            "water_m3",
            json!({ "value": "2,000,000", "unit": "L" }),
            true,
        ),
        ("water_m3", json!({ "value": "2", "unit": "'000 m³" }), true),
        // An intensity of the table: kg CO2e per employee, kWh per employee.
        (
            "energy_mwh_per_employee",
            json!({ "value": "2,500", "unit": "kWh/employee" }),
            true,
        ),
        // As the KPI's own unit, plain.
        ("ghg_scope2_t", json!("50.00"), true),
        ("ghg_scope2_t", json!("49.9"), false),
    ];
    for (kpi_id, printed, matches) in cases {
        let mut v = base.clone();
        v["published"] = json!({ kpi_id: printed.clone() });
        let r = run(v.clone());
        assert!(r.errors.is_empty(), "{printed}: {:?}", r.errors);
        let k = kpi(&r, kpi_id);
        assert_eq!(k.matches_published, Some(matches), "{kpi_id} {printed}");
        let differs = r
            .checks
            .iter()
            .find(|c| c.id == format!("published-differs:{kpi_id}"));
        assert_eq!(differs.is_some(), !matches, "{printed}");
        if printed.is_object() {
            let shown = k.published_as_printed.clone().expect("as printed");
            assert!(
                shown.ends_with(printed["unit"].as_str().unwrap()),
                "{shown}"
            );
            if let Some(c) = differs {
                assert!(c.message.to_string().contains(&shown), "{}", c.message);
            }
        }
        // Written back as printed.
        let (s, _) = esg_kpi_calculator::engine::scenario::read(&v);
        let written = esg_kpi_calculator::engine::scenario::to_value(&s.unwrap());
        assert_eq!(
            written["published"][kpi_id]["unit"], printed["unit"],
            "{written}"
        );
    }
}

#[test]
fn a_unit_that_cannot_meet_its_kpi_is_an_error_at_the_unit() {
    for (kpi_id, printed) in [
        ("ghg_scope2_t", json!({ "value": "1", "unit": "kWh" })),
        ("energy_total_mwh", json!({ "value": "1", "unit": "kg" })),
        ("water_m3", json!({ "value": "1", "unit": "GJ" })),
        ("ghg_scope2_t", json!({ "value": "1", "unit": "ton" })),
    ] {
        let r = run(json!({ "published": { kpi_id: printed.clone() } }));
        let message = error_at(&r, &format!("published.{kpi_id}.unit"));
        assert!(
            message.contains("cannot be printed in"),
            "{printed}: {message}"
        );
    }
    let r = run(json!({ "published": { "ghg_scope3_t_per_employee": "1" } }));
    assert!(error_at(&r, "published.ghg_scope3_t_per_employee").contains("intensities"));
}

#[test]
fn the_2018_table_typed_in_kg_and_kwh_implies_what_it_does_in_t_and_mwh_within_its_rounding() {
    let in_t = json!({ "published": {
        "ghg_total_t": "13093.57", "ghg_scope1_t": "271.69", "ghg_scope2_t": "12821.88",
        "energy_total_mwh": "18856.92", "energy_direct_mwh": "1389.45", "energy_indirect_mwh": "17467.47",
        "water_m3": "81345.33", "water_m3_per_employee": "6.77" } });
    let in_kg = json!({ "published": {
        "ghg_total_t": { "value": "13,093,570", "unit": "kg CO2e" },
        "ghg_scope1_t": { "value": "271,690", "unit": "kg CO2e" },
        "ghg_scope2_t": { "value": "12,821,880", "unit": "kg CO2e" },
        "energy_total_mwh": { "value": "18,856,920", "unit": "kWh" },
        "energy_direct_mwh": { "value": "1,389,450", "unit": "kWh" },
        "energy_indirect_mwh": { "value": "17,467,470", "unit": "kWh" },
        "water_m3": { "value": "81,345.33", "unit": "m³" },
        "water_m3_per_employee": { "value": "6,770", "unit": "L/employee" } } });
    let (a, b) = (run(in_t), run(in_kg));
    let (a, b) = (
        a.published_check.expect("a check"),
        b.published_check.expect("a check"),
    );
    assert_eq!(a.implied.len(), b.implied.len());
    for (x, y) in a.implied.iter().zip(&b.implied) {
        assert_eq!(x.id, y.id);
        assert_eq!(x.value.0, y.value.0, "{}", x.id);
        // 271,690 kg is printed to the kg: a narrower range than 271.69 t, inside it.
        assert!(y.low.0 >= x.low.0 && y.high.0 <= x.high.0, "{}", x.id);
    }
    let ids = |c: &esg_kpi_calculator::engine::results::PublishedCheck| {
        c.checks
            .iter()
            .map(|c| (c.id.clone(), c.level))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
    assert!(!a.implied.is_empty());
}

#[test]
fn a_chosen_intensity_is_checked_against_its_printed_figure() {
    let v = json!({ "period": "2025", "organisation": { "employees": "40" },
        "energy": [ { "source": "electricity", "quantity": "100", "unit": "MWh",
            "factor": { "value": "0.5", "unit": "t/MWh", "source": "test factor" } } ],
        "scope3": [ { "category": 4, "quantity": "10", "unit": "tCO2e" } ],
        "intensities": [ { "kpi": "ghg_scopes_1_2_3_t", "per": "employee" } ],
        "published": { "ghg_scopes_1_2_3_t_per_employee": { "value": "1,500", "unit": "kg CO2e/employee" } } });
    let r = run(v.clone());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // (50 + 10) t ÷ 40 = 1.5 t = 1,500 kg per employee.
    let i = &r.intensities[0];
    assert_eq!(i.value.unwrap().0, d("1.5"));
    assert_eq!(i.published.unwrap().0, d("1.5"));
    assert_eq!(i.matches_published, Some(true));
    let mut off = v;
    off["published"]["ghg_scopes_1_2_3_t_per_employee"]["value"] = json!("1,400");
    let r = run(off);
    assert_eq!(r.intensities[0].matches_published, Some(false));
    let c = r
        .checks
        .iter()
        .find(|c| c.id == "published-differs:ghg_scopes_1_2_3_t_per_employee")
        .expect("flagged");
    assert!(
        c.message.to_string().contains("1,400 kg CO2e/employee"),
        "{}",
        c.message
    );
}
