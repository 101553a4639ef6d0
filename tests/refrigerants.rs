//! Fugitive emissions (`refrigerants`, CONTRACT.md §6): every gas and blend in every GWP set
//! through the scenario, Scope 1 and what is reported beside the scopes, the screening method,
//! the calculation lines and checks, bad rows refused at their own path, and the rows written
//! back unchanged.

mod common;
use common::*;
use esg_kpi_calculator::engine::fugitive::{Refrigerant, BLENDS, EQUIPMENT, SPECIES};
use esg_kpi_calculator::engine::library::GwpSet;
use esg_kpi_calculator::engine::live::Live;
use esg_kpi_calculator::engine::scenario::{read, to_value};
use esg_kpi_calculator::engine::text::Lang;
use esg_kpi_calculator::engine::{calculate_value, KpiId, TraceLimit};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn dec(v: &Value) -> Decimal {
    d(v.as_str()
        .unwrap_or_else(|| panic!("{v} is not a number string")))
}

/// The two-site company of issue 17, without its electricity: a diesel generator and 5 kg of
/// R-410A topped up in the HK office's split units.
fn office(gwp: &str, gas: &str) -> Value {
    json!({
        "gwp": gwp,
        "organisation": { "floor_area_m2": "1200", "employees": "40" },
        "energy": [
            { "site": "HK office", "source": "diesel", "quantity": "1000", "unit": "L" }
        ],
        "refrigerants": [
            { "site": "HK office", "gas": gas, "quantity": "5", "unit": "kg", "note": "service record 2025-07" }
        ]
    })
}

#[test]
fn five_kilograms_of_r410a_join_scope_1_with_their_blend_worked_out() {
    let with = run(office("AR4", "R-410A"));
    assert!(with.errors.is_empty(), "{:?}", with.errors);
    let mut without_doc = office("AR4", "R-410A");
    without_doc["refrigerants"] = json!([]);
    let without = run(without_doc);
    // 0.005 t × (50 % × 675 + 50 % × 3,500) = 0.005 × 2,087.5 = 10.4375 t CO2e
    let s1 = d(&value(&with, "ghg_scope1_t"));
    let fuel = d(&value(&without, "ghg_scope1_t"));
    assert_eq!(s1 - fuel, d("10.4375"));
    assert_eq!(
        d(&value(&with, "ghg_total_t")) - d(&value(&without, "ghg_total_t")),
        d("10.4375")
    );
    let j = json_of(&with);
    let line = j["trace"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["path"] == "refrigerants[0]")
        .expect("a calculation line for the refrigerant");
    assert_eq!(line["scope"], 1);
    assert_eq!(line["factor"]["values"]["value"], "2087.5");
    assert_eq!(line["factor"]["status"], "verified");
    assert!(
        line["factor"]["source"]
            .as_str()
            .unwrap()
            .contains("ASHRAE"),
        "{line}"
    );
    let gases: Vec<(&str, Decimal, Decimal)> = line["gases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["gas"].as_str().unwrap(), dec(&g["t"]), dec(&g["co2e_t"])))
        .collect();
    assert_eq!(
        gases,
        vec![
            ("R-32", d("0.0025"), d("1.6875")),
            ("R-125", d("0.0025"), d("8.75"))
        ]
    );
    assert_eq!(
        with.trace
            .iter()
            .find(|t| t.path == "refrigerants[0]")
            .unwrap()
            .text
            .to_string(),
        "HK office: R-410A 5 kg = 0.005 t × GWP 2,087.5 (AR4) = 10.4375 t CO2e; Scope 1"
    );
    // Scope 1 by gas: the HFCs are named with their tonnes.
    let details = &j["details"];
    assert_eq!(dec(&details["scope1_by_gas_t"]["HFCs"]), d("0.005"));
    assert_eq!(dec(&details["fugitive"]["scope1_t"]), d("10.4375"));
    assert_eq!(dec(&details["fugitive"]["beside_scopes_t"]), d("0"));
    assert_eq!(
        dec(&details["fugitive"]["by_gas"]["HFCs"]["co2e_t"]),
        d("10.4375")
    );
    // The breakdowns still add up to the KPI table, the refrigerant in its site and source.
    for list in ["by_site", "by_month", "by_source"] {
        let total: Decimal = details["breakdowns"][list]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| dec(&g["ghg_t"]))
            .sum();
        assert_eq!(total, d(&value(&with, "ghg_total_t")), "{list}");
    }
    let by_source = details["breakdowns"]["by_source"].as_array().unwrap();
    assert!(by_source
        .iter()
        .any(|g| g["key"] == "refrigerants" && dec(&g["ghg_t"]) == d("10.4375")));
    // The check that Scope 1 is the sum of its calculation lines counts the refrigerant.
    let check = with
        .checks
        .iter()
        .find(|c| c.id == "lines-equal-scope:ghg_scope1_t")
        .unwrap();
    assert_eq!(
        check.message.to_string(),
        format!(
            "The 2 Scope 1 calculation lines add up to {} t CO2e, the Scope 1 total.",
            with.kpis
                .get(KpiId::GhgScope1)
                .unwrap()
                .display
                .as_ref()
                .unwrap()
        )
    );
    assert!(formula(&with, KpiId::GhgScope1).contains("1 refrigerant lines"));
}

#[test]
fn r22_is_reported_beside_the_scopes_not_in_scope_1() {
    let with = run(office("AR4", "R-22"));
    assert!(with.errors.is_empty(), "{:?}", with.errors);
    let mut none = office("AR4", "R-22");
    none["refrigerants"] = json!([]);
    assert_eq!(
        value(&with, "ghg_scope1_t"),
        value(&run(none), "ghg_scope1_t")
    );
    let j = json_of(&with);
    // 0.005 t × 1,810 (HCFC-22, AR4) = 9.05 t CO2e
    assert_eq!(dec(&j["details"]["fugitive"]["beside_scopes_t"]), d("9.05"));
    let line = j["trace"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["path"] == "refrigerants[0]")
        .unwrap();
    assert!(line.get("scope").is_none(), "{line}");
    assert_eq!(line["kpis"], json!([]));
    assert!(line["text"].as_str().unwrap().contains("beside the scopes"));
}

/// Every gas and blend of the catalogue, in every GWP set, through a scenario of one tonne:
/// Scope 1 gains the part in the scopes, the rest is beside them, and a gas the set gives no
/// GWP for is an input error at its row, never 0.
#[test]
fn every_gas_and_blend_in_every_gwp_set() {
    let ids = SPECIES
        .iter()
        .map(|g| g.id)
        .chain(BLENDS.iter().map(|b| b.id));
    let mut counted = 0;
    for id in ids {
        for set in &GwpSet::ALL {
            let doc = json!({
                "gwp": set.id(),
                "refrigerants": [{ "gas": id, "quantity": "1", "unit": "t" }]
            });
            let r = run(doc);
            let gas = Refrigerant::find(id).unwrap();
            match gas.gwp(*set) {
                Ok(gwp) => {
                    assert!(r.errors.is_empty(), "{id} {set:?}: {:?}", r.errors);
                    let j = json_of(&r);
                    let f = &j["details"]["fugitive"];
                    assert_eq!(dec(&f["scope1_t"]), gwp.in_scopes, "{id} {set:?}");
                    assert_eq!(
                        dec(&f["scope1_t"]) + dec(&f["beside_scopes_t"]),
                        gwp.value,
                        "{id} {set:?}"
                    );
                    assert_eq!(d(&value(&r, "ghg_scope1_t")), gwp.in_scopes, "{id} {set:?}");
                    // The blend re-derived here from the trace's components.
                    let line = j["trace"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|t| t["path"] == "refrigerants[0]")
                        .unwrap();
                    let parts: Decimal = line["gases"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|g| {
                            let (t, gwp, co2e) = (dec(&g["t"]), dec(&g["gwp"]), dec(&g["co2e_t"]));
                            assert_eq!(t * gwp, co2e, "{id} {set:?} {g}");
                            co2e
                        })
                        .sum();
                    assert_eq!(parts, gwp.value, "{id} {set:?}");
                    counted += 1;
                }
                Err(_) => {
                    let e = error_at(&r, "refrigerants[0].gas");
                    assert!(e.contains("has no GWP in"), "{id} {set:?}: {e}");
                    assert!(
                        reason(&r, "ghg_scope1_t").contains("refrigerant line 1"),
                        "{id} {set:?}"
                    );
                }
            }
        }
    }
    assert!(counted > 200, "{counted}");
}

#[test]
fn the_screening_method_takes_the_equipment_leak_rate_or_the_line_s_own() {
    let r = run(json!({
        "gwp": "AR5",
        "refrigerants": [
            { "site": "Plant", "gas": "R-134a", "charge": "200", "unit": "kg", "equipment": "chiller" },
            { "site": "Plant", "gas": "R-134a", "charge": "200", "unit": "kg", "leak_rate_percent": "2" }
        ]
    }));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // 200 kg × 15 % = 30 kg; 200 kg × 2 % = 4 kg; 0.034 t × 1,300 (AR5) = 44.2 t CO2e
    assert_eq!(value(&r, "ghg_scope1_t"), "44.2");
    let line = r
        .trace
        .iter()
        .find(|t| t.path == "refrigerants[0]")
        .unwrap();
    let how = line.conversion.as_ref().unwrap().to_string();
    assert!(
        how.starts_with("screening method: charge 200 kg × 15% a year"),
        "{how}"
    );
    assert!(how.contains("IPCC Good Practice Guidance 2000"), "{how}");
    assert!(how.contains("2–15 %"), "{how}");
    assert!(line
        .conversion
        .as_ref()
        .unwrap()
        .render(Lang::ZhHant)
        .contains("篩選法"));
    let own = r
        .trace
        .iter()
        .find(|t| t.path == "refrigerants[1]")
        .unwrap();
    assert!(own
        .conversion
        .as_ref()
        .unwrap()
        .to_string()
        .contains("the line's own leak rate"));
    // Every kind of equipment has a rate of at most 100 %, a source and a status.
    for e in EQUIPMENT {
        assert!(e.rate_percent() > Decimal::ZERO && e.rate_percent() <= Decimal::ONE_HUNDRED);
        assert!(!e.source.is_empty() && !e.range.is_empty());
        assert!(e.names.iter().all(|n| !n.is_empty()));
    }
}

#[test]
fn bad_refrigerant_rows_are_refused_at_their_own_path_and_the_rest_computes() {
    let r = run(json!({
        "organisation": { "employees": "10" },
        "water_m3": "100",
        "energy": [{ "source": "electricity", "quantity": "1000", "unit": "kWh" }],
        "refrigerants": [
            { "gas": "R-999Z", "quantity": "5", "unit": "kg" },
            { "gas": "R-32", "quantity": "-5", "unit": "kg" },
            { "gas": "R-32", "charge": "10", "unit": "kg", "leak_rate_percent": "150" },
            { "gas": "R-32", "charge": "10", "quantity": "1", "unit": "kg", "equipment": "chiller" },
            { "gas": "R-32", "charge": "10", "unit": "kg" },
            { "gas": "R-32", "quantity": "1", "unit": "lb" },
            { "gas": "R-32", "quantity": "1" },
            { "gas": "R-32", "charge": "1", "unit": "kg", "equipment": "toaster" },
            { "gas": "", "quantity": "1", "unit": "kg" },
            "R-32"
        ]
    }));
    assert!(error_at(&r, "refrigerants[0].gas").contains("unknown gas “R-999Z”"));
    assert!(!error_at(&r, "refrigerants[1].quantity").is_empty());
    assert!(error_at(&r, "refrigerants[2].leak_rate_percent").contains("at most 100"));
    assert!(error_at(&r, "refrigerants[3].charge").contains("not both"));
    assert!(error_at(&r, "refrigerants[4].equipment").contains("kind of equipment"));
    assert!(error_at(&r, "refrigerants[5].unit").contains("“lb”"));
    assert!(error_at(&r, "refrigerants[6].unit").contains("kg or t"));
    assert!(error_at(&r, "refrigerants[7].equipment").contains("toaster"));
    assert!(error_at(&r, "refrigerants[8].gas").contains("choose the gas"));
    assert!(error_at(&r, "refrigerants[9]").contains("must be an object"));
    assert_eq!(
        error_at(&r, "refrigerants[0].gas"),
        error_at(&r, "refrigerants[0].gas")
    );
    // Scope 1 and the total cannot be trusted; the rest still computes.
    let why = reason(&r, "ghg_scope1_t");
    assert!(
        why.contains("refrigerant line 1 has an input error"),
        "{why}"
    );
    assert!(reason(&r, "ghg_total_t").contains("refrigerant line 1"));
    assert_eq!(value(&r, "water_m3"), "100");
    assert_eq!(value(&r, "energy_indirect_mwh"), "1");
    // The Chinese messages exist (the catalogue is checked as the crate is built).
    let zh = r
        .errors
        .iter()
        .find(|e| e.path == "refrigerants[2].leak_rate_percent")
        .unwrap()
        .message
        .render(Lang::ZhHans);
    assert!(zh.contains("泄漏率"), "{zh}");
}

#[test]
fn refrigerant_rows_are_written_back_as_read() {
    let doc = json!({
        "gwp": "AR6",
        "refrigerants": [
            { "site": "HK", "gas": "r410a", "quantity": "5", "unit": "kg", "note": "refill" },
            { "site": "", "gas": "SF6", "charge": "30", "unit": "kg", "equipment": "fire_suppression_fixed" },
            { "site": "", "gas": "HFC-227ea", "charge": "50", "unit": "kg", "leak_rate_percent": "1.5" }
        ]
    });
    let (s, errors) = read(&doc);
    assert!(errors.is_empty(), "{errors:?}");
    let written = to_value(&s.unwrap());
    assert_eq!(written["refrigerants"][0]["gas"], "R-410A");
    assert_eq!(
        written["refrigerants"][1]["equipment"],
        "fire_suppression_fixed"
    );
    assert!(written["refrigerants"][1]
        .get("leak_rate_percent")
        .is_none());
    assert_eq!(written["refrigerants"][2]["leak_rate_percent"], "1.5");
    let again = to_value(&read(&written).0.unwrap());
    assert_eq!(written, again);
    assert_eq!(
        calculate_value(&doc).to_json(),
        calculate_value(&written).to_json()
    );
}

#[test]
fn an_edit_of_a_refrigerant_line_equals_a_full_calculation() {
    let mut doc = office("AR5", "R-410A");
    let mut live = Live::new(&doc, TraceLimit::All);
    for (path, v) in [
        ("refrigerants[0].quantity", json!("7.5")),
        ("refrigerants[0].gas", json!("R-22")),
        ("refrigerants[0].gas", json!("nope")),
        ("refrigerants[0].gas", json!("R-32")),
        ("refrigerants[0].unit", json!("t")),
    ] {
        esg_kpi_calculator::engine::path::set(&mut doc, path, v);
        live.edited(&doc, path);
        assert_eq!(
            live.results().to_json(),
            calculate_value(&doc).to_json(),
            "after {path}"
        );
    }
}
