//! Coal by kind, fuel oil, kerosene, biofuels (their CO2 biogenic, beside the scopes), and
//! purchased heat, steam and cooling (Scope 2): every new source computes from its cited
//! calorific value and preset, by hand, in tonnes as well as kg; district cooling, which
//! publishes no factor, asks for the supplier's at the line.

mod common;
use common::*;
use esg_kpi_calculator::engine::library;
use esg_kpi_calculator::engine::scenario::{read, to_value};
use esg_kpi_calculator::engine::units::{QuantityUnit, Source};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn one(row: Value) -> Value {
    json!({ "gwp": "AR6", "energy": [row] })
}

/// The CO2e of `tj` TJ at a record's kg/TJ values, AR6, in tonnes; biogenic CO2 apart.
fn by_hand(id: &str, tj: Decimal) -> (Decimal, Decimal) {
    let r = library::find(id).unwrap_or_else(|| panic!("{id} is in the library"));
    let mut scope1 = Decimal::ZERO;
    let mut biogenic = Decimal::ZERO;
    for (gas, v) in &r.gases {
        let t = tj * v / d("1000");
        match gas.id() {
            "CO2" => scope1 += t,
            "CH4" => scope1 += t * d("27.9"),
            "N2O" => scope1 += t * d("273"),
            "CO2 (biogenic)" => biogenic += t,
            other => panic!("{other}"),
        }
    }
    (scope1, biogenic)
}

#[test]
fn every_new_fuel_computes_from_its_calorific_value_and_preset_by_hand() {
    // (source, its preset, NCV kJ/kg, the NCV's status, GB/T 2589 kgce/kg or none)
    let cases = [
        (
            "coal",
            "bituminous-ipcc2006",
            "20908",
            "secondary",
            Some("0.7143"),
        ),
        (
            "anthracite",
            "anthracite-ipcc2006",
            "26700",
            "verified",
            None,
        ),
        (
            "bituminous_coal",
            "bituminous-ipcc2006",
            "25800",
            "verified",
            None,
        ),
        (
            "sub_bituminous_coal",
            "sub-bituminous-ipcc2006",
            "18900",
            "verified",
            None,
        ),
        ("lignite", "lignite-ipcc2006", "11900", "verified", None),
        (
            "coke",
            "coke-ipcc2006",
            "28435",
            "secondary",
            Some("0.9714"),
        ),
        (
            "fuel_oil",
            "fuel-oil-ipcc2006-commercial",
            "41816",
            "secondary",
            Some("1.4286"),
        ),
        (
            "kerosene",
            "kerosene-ipcc2006-commercial",
            "43070",
            "secondary",
            Some("1.4714"),
        ),
        ("biodiesel", "biodiesel-ipcc2006", "27000", "verified", None),
        (
            "bioethanol",
            "bioethanol-ipcc2006",
            "27000",
            "verified",
            None,
        ),
        (
            "wood",
            "wood-ipcc2006-commercial",
            "15600",
            "verified",
            None,
        ),
    ];
    for (source, preset, ncv, status, kgce) in cases {
        let s = Source::from_id(source).unwrap();
        let c = s.default_ncv().unwrap();
        assert_eq!(c.value, d(ncv), "{source}");
        assert_eq!(c.status.id(), status, "{source}");
        assert!(!c.source.is_empty());
        assert!(s.is_direct(), "{source} is burnt on site");
        // 12.5 t, written in tonnes; the same in kg gives the same figures.
        let in_t = run(one(
            json!({ "source": source, "quantity": "12.5", "unit": "t" }),
        ));
        let in_kg = run(one(
            json!({ "source": source, "quantity": "12500", "unit": "kg" }),
        ));
        assert!(in_t.errors.is_empty(), "{source}: {:?}", in_t.errors);
        for id in ["ghg_scope1_t", "energy_direct_mwh", "ghg_total_t"] {
            assert_eq!(value(&in_t, id), value(&in_kg, id), "{source} {id}");
        }
        let tj = d("12500") * d(ncv) / d("1000000000");
        let (scope1, biogenic) = by_hand(preset, tj);
        assert_eq!(d(&value(&in_t, "ghg_scope1_t")), scope1, "{source}");
        assert_eq!(
            d(&value(&in_t, "energy_direct_mwh")),
            tj * d("1000000") / d("3600"),
            "{source}"
        );
        let j = json_of(&in_t);
        let line = in_t.trace.iter().find(|t| t.path == "energy[0]").unwrap();
        assert_eq!(line.factor.as_ref().unwrap().id.as_deref(), Some(preset));
        assert_eq!(
            line.factor.as_ref().unwrap().status,
            Some("verified"),
            "{preset}"
        );
        let conversion = line
            .conversion
            .as_ref()
            .map(|c| c.to_string())
            .unwrap_or_default();
        assert!(
            conversion.contains("12.5 t = 12,500 kg × "),
            "{source}: {conversion}"
        );
        if s.is_biofuel() {
            assert!(biogenic > Decimal::ZERO);
            assert_eq!(
                d(j["details"]["biogenic_co2_t"].as_str().unwrap()),
                biogenic,
                "{source}"
            );
            assert_eq!(
                d(j["details"]["scope1_by_gas_t"]["CO2"].as_str().unwrap()),
                Decimal::ZERO
            );
        } else {
            assert!(j["details"].get("biogenic_co2_t").is_none(), "{source}");
        }
        match kgce {
            Some(k) => assert_eq!(
                d(j["details"]["energy_tce"]["direct"].as_str().unwrap()),
                d("12500") * d(k) / d("1000"),
                "{source}: GB/T 2589's printed coefficient"
            ),
            None => assert_eq!(
                d(j["details"]["energy_tce"]["direct"].as_str().unwrap()),
                d("12500") * d(ncv) / d("29307") / d("1000"),
                "{source}: energy ÷ 29,307 kJ/kgce"
            ),
        }
    }
}

#[test]
fn a_coal_row_may_take_another_kinds_factor_or_its_own_per_tonne() {
    // Raw coal on the anthracite preset, by id.
    let r = run(one(
        json!({ "source": "coal", "quantity": "10", "unit": "t", "factor": "anthracite-ipcc2006" }),
    ));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let (scope1, _) = by_hand(
        "anthracite-ipcc2006",
        d("10000") * d("20908") / d("1000000000"),
    );
    assert_eq!(d(&value(&r, "ghg_scope1_t")), scope1);
    // A supplier's factor per tonne of coal.
    let r = run(one(
        json!({ "source": "coal", "quantity": "10", "unit": "t",
        "factor": { "value": "1.9", "unit": "tCO2/t", "source": "supplier's test certificate" } }),
    ));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(d(&value(&r, "ghg_scope1_t")), d("19"));
    // Lignite's factor on a petrol row is refused at the row's factor.
    let r = run(one(
        json!({ "source": "petrol", "quantity": "10", "unit": "kg", "factor": "lignite-ipcc2006" }),
    ));
    assert!(
        error_at(&r, "energy[0].factor").contains("lignite"),
        "{:?}",
        r.errors
    );
}

#[test]
fn purchased_heat_is_scope_2_at_the_china_default_with_its_standard_coal() {
    let r = run(one(
        json!({ "site": "Plant", "source": "heat", "quantity": "100", "unit": "GJ" }),
    ));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(d(&value(&r, "ghg_scope2_t")), d("11"));
    assert_eq!(d(&value(&r, "ghg_scope1_t")), Decimal::ZERO);
    assert_eq!(d(&value(&r, "energy_indirect_mwh")), d("100") / d("3.6"));
    let j = json_of(&r);
    // 100,000 MJ × 0.03412 kgce/MJ = 3,412 kgce
    assert_eq!(
        d(j["details"]["energy_tce"]["indirect"].as_str().unwrap()),
        d("3.412")
    );
    let line = r.trace.iter().find(|t| t.path == "energy[0]").unwrap();
    let f = line.factor.as_ref().unwrap();
    assert_eq!(f.id.as_deref(), Some("heat-cn-guideline"));
    assert_eq!(f.status, Some("secondary"));
    // A secondary preset is named in the checks.
    assert!(
        r.checks.iter().any(|c| c.id.contains("heat-cn-guideline")),
        "{:?}",
        r.checks
    );
}

#[test]
fn district_cooling_asks_for_the_suppliers_factor_and_takes_refrigeration_ton_hours() {
    let mut v = one(
        json!({ "site": "Kai Tak office", "source": "cooling", "quantity": "10000", "unit": "RTh" }),
    );
    v["water_m3"] = json!("50");
    let r = run(v.clone());
    assert!(
        error_at(&r, "energy[0].factor").contains("supplier"),
        "{:?}",
        r.errors
    );
    assert_eq!(value(&r, "water_m3"), "50", "the rest computes");
    v["energy"][0]["factor"] =
        json!({ "value": "0.1", "unit": "kgCO2e/kWh", "source": "DCS operator's letter 2025" });
    let r = run(v);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // 10,000 RTh × 12,000 Btu × 1,055.05585262 J = 35,168.5284 kWh of cooling
    let kwh = d("10000") * d("12660.67023144") / d("3600");
    assert_eq!(d(&value(&r, "ghg_scope2_t")), kwh * d("0.1") / d("1000"));
    assert_eq!(d(&value(&r, "energy_indirect_mwh")), kwh / d("1000"));
    // Kai Tak bills kWrh: kWh of cooling.
    assert_eq!(QuantityUnit::from_id("kWrh"), Some(QuantityUnit::Kwh));
    // A grid is electricity's only.
    let r = run(one(
        json!({ "source": "cooling", "quantity": "1", "unit": "kWh", "grid": "clp" }),
    ));
    assert!(!error_at(&r, "energy[0].grid").is_empty());
}

#[test]
fn new_sources_are_written_back_as_they_were_read() {
    let v = json!({ "gwp": "AR6", "energy": [
        { "source": "coal", "quantity": "10", "unit": "t" },
        { "source": "cooling", "quantity": "500", "unit": "RTh", "factor": { "value": "0.1", "unit": "kgCO2e/kWh", "source": "x" } },
        { "source": "heat", "quantity": "3", "unit": "GJ" },
        { "source": "biodiesel", "quantity": "200", "unit": "kg" }
    ]});
    let written = to_value(&read(&v).0.unwrap());
    assert_eq!(written["energy"][0]["unit"], "t");
    assert_eq!(written["energy"][1]["unit"], "RTh");
    assert_eq!(run(written).kpis, run(v).kpis);
}

#[test]
fn every_new_preset_is_in_the_library_for_its_source() {
    for s in Source::ALL {
        match library::default_fuel_factor(s) {
            Some(id) => {
                let r = library::find(id).unwrap_or_else(|| panic!("{id}"));
                assert!(r.sources.contains(&s), "{id} for {}", s.id());
                assert!(!r.citation().is_empty());
            }
            None => assert!(
                matches!(s, Source::Electricity | Source::Cooling),
                "{} has no preset",
                s.id()
            ),
        }
    }
}

/// The seven gases in the results: Scope 1 by gas in tonnes and in t CO2e, adding up to
/// Scope 1, with a fuel split by gas, a factor already in CO2e, a refrigerant and a biofuel.
#[test]
fn scope_1_by_gas_in_tonnes_and_co2e_adds_up_to_scope_1() {
    let r = run(json!({ "gwp": "AR6", "energy": [
        { "source": "diesel", "quantity": "1000", "unit": "kg" },
        { "source": "towngas", "quantity": "1000", "unit": "unit" },
        { "source": "biodiesel", "quantity": "500", "unit": "kg" }
    ], "refrigerants": [ { "gas": "R-410A", "quantity": "5", "unit": "kg" }, { "gas": "SF6", "quantity": "0.1", "unit": "kg" } ] }));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let j = json_of(&r);
    let t = &j["details"]["scope1_by_gas_t"];
    let c = &j["details"]["scope1_by_gas_co2e_t"];
    let num = |v: &Value| d(v.as_str().unwrap_or_else(|| panic!("{v}")));
    let mut sum = Decimal::ZERO;
    for gas in ["CO2", "CH4", "N2O", "CO2e", "HFCs", "SF6"] {
        sum += num(&c[gas]);
    }
    assert_eq!(sum, d(&value(&r, "ghg_scope1_t")));
    assert_eq!(num(&c["CH4"]), num(&t["CH4"]) * d("27.9"));
    assert_eq!(num(&c["N2O"]), num(&t["N2O"]) * d("273"));
    assert_eq!(num(&c["CO2"]), num(&t["CO2"]));
    // 0.1 kg of SF6 × 25,200 (AR6 Table 7.SM.7) = 2.52 t CO2e
    assert_eq!(num(&t["SF6"]), d("0.0001"));
    assert_eq!(num(&c["SF6"]), d("2.52"));
    // Biogenic CO2 is in neither.
    assert!(t.get("CO2 (biogenic)").is_none() && c.get("CO2 (biogenic)").is_none());
    assert!(num(&j["details"]["biogenic_co2_t"]) > Decimal::ZERO);
}

/// Scope 2's formula names what it sums: electricity lines, or purchased energy when heat or
/// cooling is among them.
#[test]
fn scope_2_says_purchased_energy_when_it_is_not_all_electricity() {
    use esg_kpi_calculator::engine::KpiId;
    let elec =
        json!({ "source": "electricity", "quantity": "1", "unit": "MWh", "grid": "hk-default" });
    let heat = json!({ "source": "heat", "quantity": "1", "unit": "GJ" });
    let r = run(json!({ "energy": [elec.clone(), elec.clone()] }));
    assert!(formula(&r, KpiId::GhgScope2).contains("2 electricity lines"));
    let r = run(json!({ "energy": [elec, heat] }));
    assert!(
        formula(&r, KpiId::GhgScope2).contains("2 purchased-energy lines"),
        "{}",
        formula(&r, KpiId::GhgScope2)
    );
    assert!(formula(&r, KpiId::EnergyIndirect).contains("purchased-energy"));
}

/// Scope 2 by gas: China's grid and purchased heat give CO2, Hong Kong's utilities (and
/// towngas bought, under the HK convention) give CO2e not split by gas, a supplier's factor
/// given by gas gives each; the CO2e add up to location-based Scope 2.
#[test]
fn scope_2_by_gas_adds_up_to_scope_2() {
    let r = run(
        json!({ "gwp": "AR6", "period": "2023", "grid_edition": "latest", "towngas_scope": "scope2", "energy": [
        { "source": "electricity", "quantity": "100", "unit": "MWh", "grid": "guangdong" },
        { "source": "electricity", "quantity": "100", "unit": "MWh", "grid": "clp" },
        { "source": "heat", "quantity": "100", "unit": "GJ" },
        { "source": "towngas", "quantity": "1000", "unit": "unit" },
        { "source": "cooling", "quantity": "100", "unit": "MWh",
          "factor": { "co2": "0.1", "ch4": "0.001", "n2o": "0.0001", "unit": "tCO2/MWh", "source": "supplier's letter" } }
    ] }),
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let j = json_of(&r);
    let t = &j["details"]["scope2_by_gas_t"];
    let c = &j["details"]["scope2_by_gas_co2e_t"];
    let num = |v: &Value| d(v.as_str().unwrap_or_else(|| panic!("{v}")));
    // 100 MWh × 0.4042 (Southern grid 2023) + 100 GJ × 0.11 + 100 MWh × 0.1
    assert_eq!(num(&t["CO2"]), d("40.42") + d("11") + d("10"));
    // 100 MWh × 0.39 (CLP 2023) + 1,000 units × 0.592 kg (Towngas 2017)
    assert_eq!(num(&t["CO2e"]), d("39") + d("0.592"));
    assert_eq!(num(&t["CH4"]), d("0.1"));
    assert_eq!(num(&c["CH4"]), d("0.1") * d("27.9"));
    assert_eq!(num(&c["N2O"]), d("0.01") * d("273"));
    let sum: Decimal = ["CO2", "CH4", "N2O", "CO2e"]
        .iter()
        .map(|g| num(&c[*g]))
        .sum();
    assert_eq!(sum, d(&value(&r, "ghg_scope2_t")));
    assert!(j["details"]["scope1_by_gas_t"]
        .get("CO2e")
        .is_none_or(|v| num(v).is_zero()));
    // A report on the grid alone has CO2 only.
    let r = run(json!({ "energy": [
        { "source": "electricity", "quantity": "100", "unit": "MWh", "grid": "guangdong", "period": "2018" } ] }));
    let j = json_of(&r);
    assert_eq!(
        j["details"]["scope2_by_gas_t"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["CO2"]
    );
}
