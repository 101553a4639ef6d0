//! Properties of the engine over generated scenarios (proptest): totals equal the sum of their
//! lines, results scale linearly with quantities, row order does not matter, and reading a
//! scenario (foreign revenue, production and waste items included), writing it and reading it
//! again gives the same scenario.

use esg_kpi_calculator::engine::exact::Exact;
use esg_kpi_calculator::engine::{self, scenario, KpiId, Results};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

/// A quantity with up to four decimals, written as the exact string a user might type.
fn quantity() -> impl Strategy<Value = String> {
    (0u64..5_000_000_000, 0u32..5).prop_map(|(n, dp)| Decimal::new(n as i64, dp).to_string())
}

fn row() -> impl Strategy<Value = Value> {
    let electricity = (quantity(), prop::sample::select(vec!["kWh", "MWh", "GJ"]), prop::sample::select(vec!["guangdong", "beijing", "cn-east", "cn-national", "hk-default"]))
        .prop_map(|(q, u, g)| json!({ "site": "E", "source": "electricity", "quantity": q, "unit": u, "grid": g }));
    let gas = (quantity(), prop::sample::select(vec!["m3", "MWh", "GJ", "kWh"]), prop::sample::select(vec!["ng-ipcc2006-default", "ng-cn-guideline", "ng-ipcc2006-lower"]))
        .prop_map(|(q, u, f)| json!({ "site": "G", "source": "natural_gas", "quantity": q, "unit": u, "factor": f }));
    let liquid = (
        quantity(),
        prop::sample::select(vec!["diesel", "petrol", "lpg"]),
        prop::sample::select(vec!["kg", "L"]),
    )
        .prop_map(|(q, s, u)| {
            json!({ "site": "L", "source": s, "quantity": q, "unit": u, "density_kg_per_l": "0.84",
            "air": { "nox": "3.1", "sox": "0.02", "pm": "0.4", "unit": "g/kg" } })
        });
    let towngas = quantity()
        .prop_map(|q| json!({ "site": "T", "source": "towngas", "quantity": q, "unit": "unit" }));
    let custom = (quantity(), quantity()).prop_map(|(q, f)| json!({ "site": "C", "source": "electricity", "quantity": q, "unit": "MWh", "factor": { "value": f, "unit": "kgCO2e/kWh", "source": "test" } }));
    prop_oneof![electricity, gas, liquid, towngas, custom]
}

fn scenario_with(rows: Vec<Value>, gwp: &str) -> Value {
    json!({ "gwp": gwp, "organisation": { "floor_area_m2": "1000", "employees": "10", "revenue_rmb_million": "3" },
        "energy": rows, "water_m3": "5", "waste": { "hazardous_t": "1", "non_hazardous_t": "2" }, "packaging_t": "4" })
}

fn exact(r: &Results, id: KpiId) -> Decimal {
    r.kpis
        .get(id)
        .and_then(|k| k.exact())
        .unwrap_or_else(|| panic!("{id:?}: {:?} {:?}", r.kpis.get(id), r.errors))
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Equal to within the last digits of 28-significant-digit division results.
fn close(a: Decimal, b: Decimal) -> bool {
    let scale = a.abs().max(b.abs()).max(Decimal::ONE);
    (a - b).abs() <= scale * Decimal::new(1, 20)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn totals_equal_the_sum_of_their_lines(rows in prop::collection::vec(row(), 0..12), gwp in prop::sample::select(vec!["SAR", "AR4", "AR5", "AR6"])) {
        let r = engine::calculate_value(&scenario_with(rows, gwp));
        prop_assert!(r.errors.is_empty(), "{:?}", r.errors);
        // Per scope, the exact sum of the lines rounded once: exactly equal.
        for (scope, t_id, mwh_id) in [(1, KpiId::GhgScope1, KpiId::EnergyDirect), (2, KpiId::GhgScope2, KpiId::EnergyIndirect)] {
            let lines: Vec<_> = r.trace.iter().filter(|t| t.scope == Some(scope)).collect();
            let t_sum = Exact::of(lines.iter().map(|t| t.emissions_t.unwrap().get())).unwrap().value().unwrap();
            let mwh_sum = Exact::of(lines.iter().map(|t| t.mwh.unwrap().get())).unwrap().value().unwrap();
            prop_assert_eq!(t_sum, exact(&r, t_id));
            prop_assert_eq!(mwh_sum, exact(&r, mwh_id));
        }
        // All lines in one pass: equal to the last of 28 significant digits.
        let all: Decimal = r.trace.iter().filter_map(|t| t.emissions_t).map(|t| t.get()).sum();
        prop_assert!(close(all, exact(&r, KpiId::GhgTotal)));
        prop_assert_eq!(exact(&r, KpiId::GhgScope1) + exact(&r, KpiId::GhgScope2), exact(&r, KpiId::GhgTotal));
        prop_assert_eq!(exact(&r, KpiId::EnergyDirect) + exact(&r, KpiId::EnergyIndirect), exact(&r, KpiId::EnergyTotal));
        let details = r.details.as_ref().unwrap();
        let by_source: Decimal = details.energy_by_source_mwh.values().map(|v| v.unwrap().get()).sum();
        // Grouped by source rather than by scope: equal to the last of 28 significant digits.
        prop_assert!(close(by_source, exact(&r, KpiId::EnergyTotal)), "{} vs {}", by_source, exact(&r, KpiId::EnergyTotal));
        prop_assert!(r.checks.iter().all(|c| c.level.id() != "error"), "{:?}", r.checks);
    }

    #[test]
    fn results_scale_linearly_with_quantities(rows in prop::collection::vec(row(), 1..8), k in 2u32..50) {
        let base = engine::calculate_value(&scenario_with(rows.clone(), "AR5"));
        let scaled_rows: Vec<Value> = rows.into_iter().map(|mut r| {
            let q = dec(r["quantity"].as_str().unwrap()) * Decimal::from(k);
            r["quantity"] = json!(q.to_string());
            r
        }).collect();
        let scaled = engine::calculate_value(&scenario_with(scaled_rows, "AR5"));
        for id in [KpiId::GhgScope1, KpiId::GhgScope2, KpiId::EnergyDirect, KpiId::EnergyIndirect] {
            let (a, b) = (exact(&base, id) * Decimal::from(k), exact(&scaled, id));
            prop_assert!(close(a, b), "{:?}: {} × {} = {} vs {}", id, exact(&base, id), k, a, b);
        }
    }

    #[test]
    fn row_order_does_not_matter(rows in prop::collection::vec(row(), 2..10), seed in any::<u64>()) {
        let a = engine::calculate_value(&scenario_with(rows.clone(), "AR6"));
        let mut shuffled = rows;
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let b = engine::calculate_value(&scenario_with(shuffled, "AR6"));
        // Totals are exact sums rounded once: the same to the last digit in any order.
        // (The air KPIs are null when a line has no A1.1 factor: null in both orders.)
        for id in KpiId::ALL {
            let (x, y) = (a.kpis.get(id).and_then(|k| k.exact()), b.kpis.get(id).and_then(|k| k.exact()));
            prop_assert_eq!(x, y, "{:?}", id);
            prop_assert!(x.is_some() || id.hkex() == "A1.1" || id == KpiId::GhgScope3, "{:?}", id);
        }
    }

    #[test]
    fn read_write_read_is_identity(rows in prop::collection::vec(row(), 0..8), gwp in prop::sample::select(vec!["SAR", "AR5", "AR6-fossil"]), prior in any::<bool>()) {
        let mut v = scenario_with(rows.clone(), gwp);
        v["published"] = json!({ "water_m3": "5.00" });
        v["instruments"] = json!([{ "type": "certificates", "mwh": "1" }, { "type": "supplier", "mwh": "2", "factor": { "co2": "500", "ch4": "0.1", "unit": "kg/MWh" } }]);
        v["organisation"] = json!({ "employees": "3", "revenue_currency": "USD", "revenue_million": rows.len().to_string(), "fx_rmb_per_unit": "7.1", "production_quantity": "8", "production_unit": "t" });
        let items: Vec<Value> = rows.iter().enumerate().map(|(i, r)| {
            let (kind, unit) = (["paper", "waste_oil", "glass"][i % 3], ["t", "kg"][i % 2]);
            let hazardous = i % 4 == 0;
            json!({ "site": r["site"], "kind": kind, "quantity": r["quantity"], "unit": unit, "hazardous": hazardous })
        }).collect();
        v["waste"]["items"] = Value::Array(items);
        if prior {
            v["prior"] = json!({ "period": "2022", "grid_edition": "cn-2016-om", "energy": rows, "organisation": { "employees": "9" } });
        }
        let (first, errors) = scenario::read(&v);
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let first = first.unwrap();
        let written = scenario::to_value(&first);
        let (second, errors) = scenario::read(&written);
        prop_assert!(errors.is_empty(), "{:?}", errors);
        prop_assert_eq!(Some(first), second);
    }
}

#[test]
fn the_example_round_trips_through_writing() {
    let (first, _) = scenario::read(&engine::example::example());
    let first = first.unwrap();
    let (second, errors) = scenario::read(&scenario::to_value(&first));
    assert!(errors.is_empty());
    assert_eq!(Some(first), second);
}
