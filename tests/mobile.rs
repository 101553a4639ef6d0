//! Mobile combustion: a fuel line that is a vehicle or mobile machinery takes the IPCC's
//! mobile CH4 and N2O factors (its CO2 as for any use of the fuel); a vehicle's litres may be
//! given as distance × fuel economy; each choice is traced, named in the checks as a preset,
//! refused at its own field when it cannot hold, and written back.

mod common;
use common::*;
use esg_kpi_calculator::engine::library;
use esg_kpi_calculator::engine::scenario::{read, to_value};
use esg_kpi_calculator::engine::KpiId;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn van(extra: Value) -> Value {
    let mut row =
        json!({ "site": "HK office", "source": "diesel", "quantity": "1000", "unit": "L" });
    for (k, v) in extra.as_object().unwrap() {
        row[k] = v.clone();
    }
    json!({ "gwp": "AR5", "energy": [row] })
}

#[test]
fn a_van_takes_the_road_factors_and_its_co2_is_the_stationary_one() {
    let stationary = run(van(json!({})));
    let road = run(van(json!({ "mobile": "road" })));
    assert!(road.errors.is_empty(), "{:?}", road.errors);
    // 1,000 L × 0.84 kg/L × 42,652 kJ/kg = 0.03582768 TJ
    let tj = d("0.03582768");
    let (s, r) = (
        d(&value(&stationary, "ghg_scope1_t")),
        d(&value(&road, "ghg_scope1_t")),
    );
    // CH4 3.9 instead of 10 kg/TJ (GWP 28), N2O 3.9 instead of 0.6 (GWP 265), in tonnes.
    let expected = (d("3.9") - d("10")) * tj * d("28") / d("1000")
        + (d("3.9") - d("0.6")) * tj * d("265") / d("1000");
    assert_eq!(r - s, expected);
    let line = road.trace.iter().find(|t| t.path == "energy[0]").unwrap();
    let factor = line.factor.as_ref().unwrap();
    assert_eq!(factor.id.as_deref(), Some("diesel-ipcc2006-road"));
    assert_eq!(factor.status, Some("verified"));
    assert!(
        factor.source.to_string().contains("Table 3.2.2"),
        "{}",
        factor.source
    );
    // The energy is the same: a vehicle's diesel is direct energy.
    assert_eq!(
        value(&stationary, "energy_direct_mwh"),
        value(&road, "energy_direct_mwh")
    );
    // The preset is named in the checks, with the line that uses it.
    let flagged = road
        .checks
        .iter()
        .find(|c| c.id == "preset-factor:diesel-ipcc2006-road")
        .unwrap_or_else(|| panic!("{:?}", road.checks));
    assert!(flagged
        .message
        .to_string()
        .contains("energy line 1 (HK office)"));
}

#[test]
fn every_mobile_preset_is_in_the_library_with_its_source_and_status() {
    use esg_kpi_calculator::engine::units::Source;
    let mut n = 0;
    for source in Source::ALL {
        for m in [library::Mobile::Road, library::Mobile::OffRoad] {
            let Some(id) = library::default_mobile_factor(source, m) else {
                continue;
            };
            let r = library::find(id).unwrap_or_else(|| panic!("{id}"));
            assert!(r.sources.contains(&source), "{id}");
            assert_eq!(r.gases.len(), 3, "{id}: CO2, CH4 and N2O");
            assert!(r.table.contains("Ch. 3"), "{id}");
            assert_eq!(r.status.id(), "verified", "{id}");
            assert!(r.table.contains("Emission Factor Database"), "{id}");
            // CO2 is the fuel's, whatever the use: the stationary preset's CO2.
            let stationary = library::find(library::default_fuel_factor(source).unwrap()).unwrap();
            assert_eq!(r.gases[0], stationary.gases[0], "{id}");
            n += 1;
        }
    }
    assert_eq!(n, 6);
}

#[test]
fn distance_times_fuel_economy_gives_the_litres() {
    let by_distance = run(van(json!({
        "quantity": null, "mobile": "road", "distance_km": "12,000", "l_per_100km": "9.5"
    })));
    assert!(by_distance.errors.is_empty(), "{:?}", by_distance.errors);
    let by_litres = run(van(json!({ "mobile": "road", "quantity": "1140" })));
    assert_eq!(
        value(&by_distance, "ghg_scope1_t"),
        value(&by_litres, "ghg_scope1_t")
    );
    let line = by_distance
        .trace
        .iter()
        .find(|t| t.path == "energy[0]")
        .unwrap();
    let how = line.conversion.as_ref().unwrap().to_string();
    assert!(
        how.starts_with("12,000 km × 9.5 L/100 km = 1,140 L; 1,140 L × 0.84 kg/L"),
        "{how}"
    );
    let zh = line
        .conversion
        .as_ref()
        .unwrap()
        .render(esg_kpi_calculator::engine::text::Lang::ZhHant);
    assert!(
        zh.starts_with("12,000 公里 × 9.5 升/100 公里 = 1,140 升"),
        "{zh}"
    );
}

#[test]
fn what_cannot_hold_is_refused_at_its_own_field() {
    let r = run(json!({
        "water_m3": "10",
        "energy": [
            { "source": "electricity", "quantity": "100", "unit": "kWh", "mobile": "road" },
            { "source": "diesel", "unit": "L", "mobile": "road", "distance_km": "100" },
            { "source": "diesel", "unit": "L", "mobile": "road", "l_per_100km": "8" },
            { "source": "diesel", "quantity": "5", "unit": "L", "mobile": "road", "distance_km": "100", "l_per_100km": "8" },
            { "source": "towngas", "quantity": "5", "unit": "unit", "mobile": "road" },
            { "source": "lpg", "quantity": "5", "unit": "kg", "mobile": "off_road" },
            { "source": "diesel", "unit": "L", "distance_km": "100", "l_per_100km": "8" },
            { "source": "diesel", "unit": "kWh", "mobile": "road", "distance_km": "100", "l_per_100km": "8" },
            { "source": "diesel", "quantity": "5", "unit": "L", "mobile": "boat" }
        ]
    }));
    assert!(error_at(&r, "energy[0].mobile").contains("purchased electricity"));
    assert!(error_at(&r, "energy[1].l_per_100km").contains("fuel economy"));
    assert!(error_at(&r, "energy[2].distance_km").contains("distance driven"));
    assert!(error_at(&r, "energy[3].quantity").contains("not both"));
    assert!(error_at(&r, "energy[4].mobile").contains("towngas"));
    assert!(error_at(&r, "energy[5].mobile").contains("off_road"));
    assert!(error_at(&r, "energy[6].distance_km").contains("road vehicle"));
    assert!(error_at(&r, "energy[7].unit").contains("set the unit to L"));
    assert!(error_at(&r, "energy[8].mobile").contains("“boat”"));
    assert_eq!(value(&r, "water_m3"), "10");
    assert!(reason(&r, "ghg_scope1_t").contains("energy line 1"));
}

#[test]
fn vehicles_are_written_back_as_read() {
    let doc = van(
        json!({ "quantity": null, "mobile": "road", "distance_km": "12000", "l_per_100km": "9.5" }),
    );
    let (s, errors) = read(&doc);
    assert!(errors.is_empty(), "{errors:?}");
    let written = to_value(&s.unwrap());
    assert_eq!(written["energy"][0]["mobile"], "road");
    assert_eq!(written["energy"][0]["distance_km"], "12000");
    assert!(written["energy"][0].get("quantity").is_none());
    assert_eq!(to_value(&read(&written).0.unwrap()), written);
    assert_eq!(run(doc).to_json(), run(written).to_json());
    // A machine off the road keeps its own factor.
    let digger = run(van(json!({ "mobile": "off_road" })));
    let line = digger.trace.iter().find(|t| t.path == "energy[0]").unwrap();
    assert_eq!(
        line.factor.as_ref().unwrap().id.as_deref(),
        Some("diesel-ipcc2006-off-road")
    );
    // 74,100 × 0.03582768 + 4.15 × 28 + 28.6 × 265 per TJ
    assert!(formula(&digger, KpiId::GhgScope1).contains("CH4 4.15, N2O 28.6"));
}

/// Towngas bought: Scope 1 by default (the GHG Protocol: fuel burnt on site), Scope 2 and
/// indirect energy under the HK EPD/EMSD convention (`towngas_scope`), said in the trace and
/// in `details`; the grid factor and market-based Scope 2 stay electricity's.
#[test]
fn the_towngas_switch_moves_towngas_between_the_scopes_and_says_so() {
    let doc = |scope: Option<&str>| {
        let mut d = json!({
            "energy": [
                { "site": "Kitchen", "source": "towngas", "quantity": "10000", "unit": "unit" },
                { "site": "Office", "source": "electricity", "quantity": "100", "unit": "MWh", "grid": "hk-default" }
            ],
            "instruments": [{ "type": "certificates", "mwh": "40" }]
        });
        if let Some(s) = scope {
            d["towngas_scope"] = json!(s);
        }
        d
    };
    let one = run(doc(None));
    let two = run(doc(Some("scope2")));
    assert!(two.errors.is_empty(), "{:?}", two.errors);
    // 10,000 units × 0.592 kg CO2e = 5.92 t; electricity 100 MWh × 0.7 = 70 t.
    assert_eq!(value(&one, "ghg_scope1_t"), "5.92");
    assert_eq!(value(&one, "ghg_scope2_t"), "70");
    assert_eq!(value(&two, "ghg_scope1_t"), "0");
    assert_eq!(value(&two, "ghg_scope2_t"), "75.92");
    assert_eq!(value(&one, "ghg_total_t"), value(&two, "ghg_total_t"));
    // 10,000 × 48 MJ = 133.333… MWh moves from direct to indirect energy.
    assert_eq!(value(&two, "energy_direct_mwh"), "0");
    assert_eq!(
        value(&one, "energy_total_mwh"),
        value(&two, "energy_total_mwh")
    );
    let j = json_of(&two);
    assert_eq!(j["details"]["towngas_scope"], "scope2");
    assert_eq!(json_of(&one)["details"]["towngas_scope"], "scope1");
    // The effective grid factor and market-based Scope 2 are electricity's; towngas is added.
    assert_eq!(j["details"]["grid_factor_effective_t_per_mwh"], "0.7");
    // (100 − 40) MWh × 0.7 + 5.92 t
    assert_eq!(j["details"]["scope2_market_t"], "47.92");
    let line = two.trace.iter().find(|t| t.path == "energy[0]").unwrap();
    assert_eq!(line.scope, Some(2));
    assert!(line.text.to_string().contains("Scope 2"), "{}", line.text);
    assert!(line.kpis.contains(&"ghg_scope2_t") && line.kpis.contains(&"energy_indirect_mwh"));
    // The one line of Scope 1 is not towngas's any more: its formula says there is none.
    assert_eq!(formula(&two, KpiId::GhgScope1), "no fuel lines");
    // Written back only when it is not the default; anything else is refused where it is.
    let (s, _) = read(&doc(Some("scope2")));
    assert_eq!(to_value(&s.unwrap())["towngas_scope"], "scope2");
    let (s, _) = read(&doc(Some("scope1")));
    assert!(to_value(&s.unwrap()).get("towngas_scope").is_none());
    let bad = run(doc(Some("scope3")));
    assert!(error_at(&bad, "towngas_scope").contains("“scope3”"));
}
