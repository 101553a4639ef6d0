//! The calculation engine of issue 3, table-driven: every source and unit, the fuel presets and
//! GWP sets, grids by province and edition, Hong Kong utilities, market-based Scope 2, standard
//! coal, periods, checks, the published-table mode and schema versions.

mod common;

use common::{error_at, json_of, run, value};
use esg_kpi_calculator::engine::{self, KpiId};
use serde_json::{json, Value};

fn rows(energy: Value) -> Value {
    json!({ "organisation": { "floor_area_m2": "1000", "employees": "10", "revenue_rmb_million": "5" }, "energy": energy })
}

#[track_caller]
fn round(v: &str, dp: u32) -> String {
    v.parse::<rust_decimal::Decimal>()
        .unwrap()
        .round_dp(dp)
        .normalize()
        .to_string()
}

#[test]
fn every_source_converts_with_its_calorific_value_and_preset() {
    // (row, direct MWh, Scope 1 t CO2e at AR5) — expected values computed independently.
    let cases = [
        (
            json!({ "source": "towngas", "quantity": "1000", "unit": "unit" }),
            "13.333333",
            "0.592",
        ),
        (
            json!({ "source": "lpg", "quantity": "1000", "unit": "kg" }),
            "13.938611",
            "3.1746497035",
        ),
        (
            json!({ "source": "diesel", "quantity": "1000", "unit": "L", "density_kg_per_l": "0.84" }),
            "9.952133",
            "2.67055943952",
        ),
        (
            json!({ "source": "petrol", "quantity": "500", "unit": "kg" }),
            "5.981944",
            "1.501829365",
        ),
        (
            json!({ "source": "natural_gas", "quantity": "1000", "unit": "MWh" }),
            "1000",
            "202.5594",
        ),
        (
            json!({ "source": "natural_gas", "quantity": "3.6", "unit": "GJ" }),
            "1",
            "0.2025594",
        ),
        (
            json!({ "source": "diesel", "quantity": "3600", "unit": "kWh" }),
            "3.6",
            "0.96602544",
        ), // 0.01296 TJ × 74,539 kg CO2e/TJ
    ];
    for (row, mwh, t) in cases {
        let r = run(rows(json!([row.clone()])));
        assert!(r.errors.is_empty(), "{row}: {:?}", r.errors);
        assert_eq!(round(&value(&r, "energy_direct_mwh"), 6), mwh, "{row}");
        assert_eq!(round(&value(&r, "ghg_scope1_t"), 7), round(t, 7), "{row}");
        assert_eq!(value(&r, "ghg_scope2_t"), "0");
    }
}

#[test]
fn a_row_may_override_the_calorific_value_and_hkex_lpg_is_one_override_away() {
    let r = run(rows(
        json!([{ "source": "lpg", "quantity": "1000", "unit": "kg", "ncv_kj_per_kg": "46000",
        "factor": { "value": "3", "unit": "kgCO2e/kg" } }]),
    ));
    assert_eq!(round(&value(&r, "energy_direct_mwh"), 6), "12.777778"); // 46 MJ/kg × 1,000 kg
    assert_eq!(value(&r, "ghg_scope1_t"), "3");
    let r = run(rows(
        json!([{ "source": "natural_gas", "quantity": "10", "unit": "m3", "ncv_kj_per_kg": "46000" }]),
    ));
    assert!(error_at(&r, "energy[0].ncv_kj_per_kg").contains("does not fit natural gas"));
}

#[test]
fn gwp_sets_switch_the_co2e_of_methane_and_nitrous_oxide() {
    let expected = [
        ("SAR", "202.4496"),
        ("AR4", "202.51728"),
        ("AR5", "202.5594"),
        ("AR6", "202.56048"),
        ("AR6-fossil", "202.59468"),
    ];
    for (gwp, t) in expected {
        let mut v = rows(
            json!([{ "source": "natural_gas", "quantity": "1000", "unit": "MWh", "factor": "ng-ipcc2006-default" }]),
        );
        v["gwp"] = json!(gwp);
        let r = run(v);
        assert_eq!(value(&r, "ghg_scope1_t"), t, "{gwp}");
        let j = json_of(&r);
        assert_eq!(j["details"]["gwp"], gwp);
        assert_eq!(j["details"]["scope1_by_gas_t"]["CO2"], "201.96");
        assert_eq!(j["details"]["scope1_by_gas_t"]["CH4"], "0.018");
        assert_eq!(j["details"]["scope1_by_gas_t"]["N2O"], "0.00036");
        let line = &j["trace"][0];
        assert_eq!(line["gwp"], gwp);
        assert_eq!(line["gases"].as_array().unwrap().len(), 3);
    }
    let mut v = rows(json!([]));
    v["gwp"] = json!("AR9");
    assert!(error_at(&run(v), "gwp").contains("unknown GWP set"));
}

#[test]
fn natural_gas_presets_are_distinct_and_named() {
    let presets = [
        (
            "ng-ipcc2006-default",
            "281.446",
            "CO2 56,100 + CH4 5 × 28 + N2O 0.1 × 265 kg/TJ",
        ),
        (
            "ng-ipcc2006-lower",
            "271.609686",
            "54,300 kg/TJ: the report's method",
        ),
        (
            "ng-cn-guideline",
            "277.808627",
            "15.3 t C/TJ × 0.99 at 38,931 kJ/m³",
        ),
    ];
    let mut seen = Vec::new();
    for (id, t, why) in presets {
        let mut v =
            rows(json!([{ "source": "natural_gas", "quantity": "1389.45", "unit": "MWh" }]));
        v["fuel_factors"] = json!({ "natural_gas": id });
        let r = run(v);
        let got = round(&value(&r, "ghg_scope1_t"), 6);
        if id == "ng-ipcc2006-default" {
            assert_eq!(round(&got, 3), t, "{why}");
        } else {
            assert_eq!(got, t, "{why}");
        }
        assert_eq!(
            json_of(&r)["trace"][0]["factor"]["id"],
            id,
            "never silently swapped"
        );
        seen.push(got);
    }
    seen.dedup();
    assert_eq!(seen.len(), 3);
    let mut v = rows(json!([]));
    v["fuel_factors"] = json!({ "natural_gas": "towngas-2017" });
    assert!(error_at(&run(v), "fuel_factors.natural_gas").contains("is a factor for towngas"));
}

#[test]
fn electricity_rows_take_their_grid_factor_from_province_region_edition_and_weight() {
    // (grid, settings, t CO2 for 1,000 MWh)
    let cases = [
        ("guangdong", json!({}), "630.35"), // South CM 2015: (0.8959 + 0.3648) / 2
        ("廣東", json!({}), "630.35"),
        ("广东", json!({}), "630.35"),
        ("cn-south", json!({}), "630.35"),
        ("hainan", json!({}), "630.35"),
        ("beijing", json!({ "grid_om_weight": "0.75" }), "900.7"), // 0.75 × 1.0416 + 0.25 × 0.4780
        ("shanghai", json!({ "grid_edition": "cn-2016-om" }), "808.6"),
        (
            "inner_mongolia_east",
            json!({ "grid_edition": "cn-2017-om-ghgp" }),
            "1108.2",
        ),
        (
            "sichuan",
            json!({ "grid_edition": "cn-2012-average" }),
            "525.7",
        ),
        (
            "xinjiang",
            json!({ "grid_edition": "cn-2019-cm" }),
            "666.45",
        ), // (0.8922 + 0.4407) / 2
        ("cn-national", json!({}), "570.3"),
        (
            "cn-national",
            json!({ "national_grid": "cn-national-2022-mee-nbs" }),
            "536.6",
        ),
        ("hk-electric", json!({ "period": "2018" }), "800"),
        ("hk-electric", json!({ "period": "2020" }), "710"),
        ("clp", json!({ "period": "2019" }), "500"),
        ("clp", json!({ "period": "2020" }), "370"),
        ("clp", json!({ "period": "2023" }), "390"),
        (
            "cn-national",
            json!({ "national_grid": "cn-national-2023-mee-nbs" }),
            "530.6",
        ),
        ("hk-default", json!({}), "700"),
    ];
    for (grid, settings, t) in cases {
        let mut v = rows(
            json!([{ "source": "electricity", "quantity": "1000", "unit": "MWh", "grid": grid }]),
        );
        for (k, val) in settings.as_object().unwrap() {
            v[k] = val.clone();
        }
        let r = run(v);
        assert!(r.errors.is_empty(), "{grid} {settings}: {:?}", r.errors);
        assert_eq!(value(&r, "ghg_scope2_t"), t, "{grid} {settings}");
    }
}

#[test]
fn grids_that_cannot_be_resolved_say_why() {
    let bad = [
        (json!({ "grid": "tibet" }), "Tibet is not covered"),
        (json!({ "grid": "atlantis" }), "unknown grid"),
        (json!({ "grid": "hk-electric" }), "depends on the year"),
        (
            json!({ "grid": "hk-electric", "period": "2014" }),
            "no HK Electric factor for 2014",
        ),
        (
            json!({ "grid": "clp", "period": "2018" }),
            "no CLP factor for 2018",
        ),
    ];
    for (extra, message) in bad {
        let mut row = json!({ "source": "electricity", "quantity": "1", "unit": "MWh" });
        for (k, v) in extra.as_object().unwrap() {
            row[k] = v.clone();
        }
        let r = run(rows(json!([row])));
        assert!(error_at(&r, "energy[0].grid").contains(message), "{extra}");
        assert!(r.kpis.get(KpiId::GhgScope2).unwrap().value.is_none());
    }
    let mut v = rows(json!([]));
    v["grid_edition"] = json!("cn-2030");
    assert!(error_at(&run(v), "grid_edition").contains("unknown grid edition"));
}

#[test]
fn the_effective_blended_grid_factor_is_total_tonnes_over_total_mwh() {
    let r = run(rows(json!([
        { "source": "electricity", "quantity": "1000", "unit": "MWh", "grid": "guangdong" },
        { "source": "electricity", "quantity": "1000000", "unit": "kWh", "grid": "beijing" }
    ])));
    // (630.35 + 759.8) / 2,000
    assert_eq!(
        json_of(&r)["details"]["grid_factor_effective_t_per_mwh"],
        "0.695075"
    );
    let example = run(engine::example::example());
    assert_eq!(
        json_of(&example)["details"]["grid_factor_effective_t_per_mwh"],
        "0.7340433"
    );
}

#[test]
fn market_based_scope_2_appears_beside_location_based_when_there_are_instruments() {
    let mut v = rows(
        json!([{ "source": "electricity", "quantity": "1000", "unit": "MWh", "grid": "guangdong" }]),
    );
    let without = json_of(&run(v.clone()));
    assert!(without["details"].get("scope2_market_t").is_none());
    v["instruments"] = json!([
        { "type": "certificates", "mwh": "200", "note": "GEC 2023" },
        { "type": "supplier", "mwh": "300", "factor": { "value": "0.5", "unit": "tCO2e/MWh" } }
    ]);
    let r = run(v.clone());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(
        value(&r, "ghg_scope2_t"),
        "630.35",
        "the KPI stays location-based"
    );
    // 200 × 0 + 300 × 0.5 + 500 × 0.63035
    assert_eq!(json_of(&r)["details"]["scope2_market_t"], "465.175");
    v["instruments"] = json!([{ "type": "certificates", "mwh": "1500" }]);
    let over = json_of(&run(v.clone()));
    assert_eq!(over["details"]["scope2_market_t"], Value::Null);
    assert!(over["details"]["scope2_market_method"]
        .as_str()
        .unwrap()
        .contains("more than the 1,000 MWh purchased"));
    v["instruments"] = json!([{ "type": "rec" , "mwh": "1" }]);
    assert!(error_at(&run(v), "instruments[0].type").contains("certificates"));
}

#[test]
fn energy_in_tonnes_of_standard_coal_follows_gb_t_2589() {
    let cases = [
        (
            json!({ "source": "electricity", "quantity": "1000", "unit": "MWh", "grid": "guangdong" }),
            "electricity",
            "122.9",
        ),
        (
            json!({ "source": "natural_gas", "quantity": "1000", "unit": "m3" }),
            "natural_gas",
            "1.33",
        ),
        (
            json!({ "source": "natural_gas", "quantity": "1", "unit": "MWh" }),
            "natural_gas",
            "0.1229868",
        ),
        (
            json!({ "source": "natural_gas", "quantity": "1000", "unit": "m3", "ncv_kj_per_m3": "36000" }),
            "natural_gas",
            "1.2283755",
        ),
        (
            json!({ "source": "towngas", "quantity": "1000", "unit": "unit" }),
            "towngas",
            "1.637834",
        ),
        (
            json!({ "source": "lpg", "quantity": "1000", "unit": "kg" }),
            "lpg",
            "1.7143",
        ),
    ];
    for (row, source, tce) in cases {
        let j = json_of(&run(rows(json!([row.clone()]))));
        let got = j["details"]["energy_tce"][source]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(round(&got, 7), round(tce, 7), "{row}");
        assert_eq!(j["details"]["energy_tce"]["total"], got.as_str());
    }
}

#[test]
fn periods_compute_with_their_own_denominators_and_errors_say_which_period() {
    let v = json!({
        "period": "2023", "gwp": "AR5",
        "organisation": { "employees": "100" }, "water_m3": "500",
        "prior": { "period": "2022", "organisation": { "employees": "80" }, "water_m3": "480" },
        "base_year": { "period": "2019", "organisation": { "employees": "50" }, "water_m3": "oops" }
    });
    let r = run(v);
    assert_eq!(value(&r, "water_m3_per_employee"), "5");
    let j = json_of(&r);
    assert_eq!(j["period"], "2023");
    assert_eq!(j["periods"]["prior"]["period"], "2022");
    assert_eq!(
        j["periods"]["prior"]["kpis"]["water_m3_per_employee"]["value"],
        "6"
    );
    assert_eq!(
        j["periods"]["prior"]["details"]["gwp"], "AR5",
        "settings are inherited"
    );
    assert_eq!(
        j["periods"]["base_year"]["kpis"]["water_m3_per_employee"]["value"],
        Value::Null
    );
    assert!(error_at(&r, "base_year.water_m3").contains("not a number"));
}

#[test]
fn checks_report_totals_published_factors_denominators_and_sources() {
    let r = run(engine::example::example());
    let ids: Vec<&str> = r.checks.iter().map(|c| c.id.as_str()).collect();
    for id in [
        "total-equals-parts:ghg_total_t",
        "total-equals-parts:energy_total_mwh",
        "lines-equal-scope:ghg_scope1_t",
        "lines-equal-scope:ghg_scope2_t",
        "headcount-inconsistent",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(r
        .checks
        .iter()
        .filter(|c| c.id.starts_with("total-equals"))
        .all(|c| c.level.id() == "info"));

    // The example's natural gas on the IPCC default instead of its implied factor: 3.59% off.
    let mut v = engine::example::example();
    v["energy"][0]["factor"] = json!("ng-ipcc2006-default");
    v["organisation"]["revenue_rmb_million"] = json!("");
    v["energy"][1]["factor"] = json!({ "value": "0.7340433", "unit": "tCO2e/MWh" });
    let r = run(v);
    let implied = r
        .checks
        .iter()
        .find(|c| c.id == "implied-factor:ghg_scope1_t")
        .unwrap();
    assert!(
        implied.message.contains("0.195538") && implied.message.contains("+3.59%"),
        "{}",
        implied.message
    );
    assert!(
        r.checks
            .iter()
            .all(|c| c.id != "implied-factor:ghg_scope2_t"),
        "Scope 2 matches"
    );
    let missing = r
        .checks
        .iter()
        .find(|c| c.id == "denominator-missing:organisation.revenue_rmb_million")
        .unwrap();
    assert!(missing
        .message
        .contains("Revenue: not given, so these cannot be computed: packaging material per RMB million of revenue."));
    let custom = r
        .checks
        .iter()
        .find(|c| c.id == "custom-factor-without-source")
        .unwrap();
    assert!(
        custom
            .message
            .to_string()
            .starts_with("A custom factor with no source note: energy line 2 ("),
        "{}",
        custom.message
    );

    let grid = run(rows(json!([
        { "source": "electricity", "quantity": "1", "unit": "MWh", "grid": "guangdong" },
        { "source": "electricity", "quantity": "1", "unit": "MWh", "grid": "hainan" },
        { "source": "electricity", "quantity": "1", "unit": "MWh", "grid": "guangxi" },
        { "source": "electricity", "quantity": "1", "unit": "MWh", "grid": "yunnan" },
        { "source": "electricity", "quantity": "1", "unit": "MWh", "grid": "guizhou" },
        { "source": "electricity", "quantity": "1", "unit": "MWh", "grid": "cn-south" },
        { "source": "electricity", "quantity": "1", "unit": "MWh", "grid": "beijing" }
    ])));
    let south = grid
        .checks
        .iter()
        .find(|c| c.id == "factor-status:cn-2015-cm:cn-south")
        .unwrap();
    assert!(south.message.contains("unverified"));
    assert!(
        south.message.to_string().ends_with(
            ": energy line 1 (purchased electricity), energy line 2 (purchased electricity), energy line 3 (purchased electricity), energy line 4 (purchased electricity), energy line 5 (purchased electricity) and 1 more."
        ),
        "{}",
        south.message
    );
    assert_eq!(
        grid.checks
            .iter()
            .filter(|c| c.id.starts_with("factor-status:"))
            .count(),
        2,
        "one check per factor, not per row"
    );
}

#[test]
fn a_published_table_alone_yields_implied_factors_and_denominators() {
    let published = engine::example::example()["published"].clone();
    let r = run(json!({ "published": published }));
    let j = json_of(&r);
    let implied = j["published_check"]["implied"].as_array().unwrap();
    let find = |id: &str| {
        implied
            .iter()
            .find(|i| i["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let s1 = find("scope1_factor_t_per_mwh");
    assert_eq!(s1["value"], "0.195538");
    assert!(
        s1["comparison"]
            .as_str()
            .unwrap()
            .contains("ng-ipcc2006-lower 0.19548 t/MWh (-0.03%"),
        "{}",
        s1["comparison"]
    );
    let s2 = find("scope2_factor_t_per_mwh");
    assert_eq!(s2["value"], "0.7340433");
    let cmp = s2["comparison"].as_str().unwrap();
    assert!(cmp.contains("No single grid or utility factor"), "{cmp}");
    assert!(
        cmp.contains(
            "between East China grid (華東) (0.70285) and North China grid (華北) (0.7598)"
        ),
        "{cmp}"
    );
    let water = find("employees:water_m3_per_employee");
    assert_eq!(
        (
            water["value"].as_str(),
            water["low"].as_str(),
            water["high"].as_str()
        ),
        (Some("12,016"), Some("12,007"), Some("12,024"))
    );
    let energy = find("employees:energy_mwh_per_employee");
    assert_eq!(
        (energy["low"].as_str(), energy["high"].as_str()),
        (Some("14,232"), Some("14,340"))
    );
    assert_eq!(
        find("floor_area_m2:ghg_intensity_t_per_m2")["value"],
        "145,484"
    );
    assert_eq!(
        find("revenue_rmb_million:packaging_t_per_rmb_million")["value"],
        "176,436"
    );
    let checks = j["published_check"]["checks"].as_array().unwrap();
    assert!(checks.iter().any(|c| c["id"] == "headcount-inconsistent"));
    assert!(checks
        .iter()
        .any(|c| c["id"] == "published-total:ghg_total_t" && c["level"] == "info"));
    // An inconsistent table is caught.
    let r = run(
        json!({ "published": { "ghg_total_t": "100", "ghg_scope1_t": "30", "ghg_scope2_t": "60" } }),
    );
    let c = &json_of(&r)["published_check"]["checks"][0];
    assert_eq!(c["level"], "warning");
    assert!(c["message"]
        .as_str()
        .unwrap()
        .contains("more than rounding can explain"));
}

#[test]
fn bad_input_is_located_and_the_rest_still_computes() {
    let r = run(json!({
        "water_m3": "10",
        "energy": [
            { "source": "diesel", "quantity": "100", "unit": "L" },
            { "source": "natural_gas", "quantity": "10", "unit": "MWh", "factor": "towngas-2017" },
            { "source": "electricity", "quantity": "-10", "unit": "MWh" },
            { "source": "diesel", "quantity": "10", "unit": "kg", "factor": { "value": "2.7", "unit": "kgCO2e/L" } },
            { "source": "electricity", "quantity": "10", "unit": "MWh", "factor": { "co2": "500", "unit": "kg/MWh", "value": "1" } },
            { "source": "petrol", "quantity": "99999999999999999999999999999999", "unit": "kg" }
        ],
        "instruments": [{ "type": "certificates" }]
    }));
    // Litres with no density take the fuel's cited default, said in the trace and a check.
    assert!(
        r.errors
            .iter()
            .all(|e| e.path != "energy[0].density_kg_per_l"),
        "{:?}",
        r.errors
    );
    assert!(error_at(&r, "energy[1].factor").contains("is a factor for towngas, not natural gas"));
    assert!(error_at(&r, "energy[2].quantity").contains("negative"));
    assert!(r
        .errors
        .iter()
        .all(|e| e.path != "energy[3].density_kg_per_l"));
    assert!(error_at(&r, "energy[4].factor.value").contains("not both"));
    assert!(error_at(&r, "energy[5].quantity").contains("too large"));
    assert!(error_at(&r, "instruments[0].mwh").contains("MWh"));
    assert_eq!(value(&r, "water_m3"), "10");
}

#[test]
fn schema_versions_are_checked_and_newer_ones_refused() {
    let r = run(json!({ "schema": "esg-kpi-scenario/2", "water_m3": "1" }));
    assert!(error_at(&r, "schema").contains("newer version of the calculator"));
    let r = run(json!({ "schema": "esg-kpi-scenario/1", "water_m3": "1" }));
    assert!(r.errors.is_empty());
    let r = run(json!({ "prior": { "schema": "esg-kpi-scenario/1" } }));
    assert!(error_at(&r, "prior.schema").contains("no schema of its own"));
}

#[test]
fn the_library_lists_every_factor_with_its_provenance() {
    let all = engine::library::all();
    let verified = all
        .iter()
        .filter(|f| f.status == engine::units::Status::Verified)
        .count();
    let count = |st: engine::units::Status| all.iter().filter(|f| f.status == st).count();
    eprintln!(
        "library: {} factors — {} verified, {} secondary, {} unverified",
        all.len(),
        verified,
        count(engine::units::Status::Secondary),
        count(engine::units::Status::Unverified)
    );
    assert!(all.len() >= 70, "{} records", all.len());
    assert!(verified >= 20, "{verified} verified");
    for f in all {
        assert!(
            !f.citation().is_empty() && f.citation().contains('['),
            "{}",
            f.id
        );
    }
}

#[test]
fn litres_without_a_density_take_the_fuels_cited_default_and_say_so() {
    // 1,000 L of diesel at 0.84 kg/L (Statistics Netherlands) = 840 kg × 42,652 kJ/kg.
    let r = run(json!({ "energy": [
        { "source": "diesel", "quantity": "1000", "unit": "L", "factor": { "value": "2.614", "unit": "kgCO2e/L", "source": "HKEX Appendix 2" } }
    ] }));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(value(&r, "ghg_scope1_t"), "2.614");
    assert_eq!(
        value(&r, "energy_direct_mwh"),
        "9.952133333333333333333333333"
    );
    let conversion = r.trace[0].conversion.as_ref().unwrap().to_string();
    assert!(
        conversion.contains("0.84 kg/L (default density: Statistics Netherlands"),
        "{conversion}"
    );
    assert!(
        r.checks.iter().any(|c| c.id == "default-density"),
        "{:?}",
        r.checks
    );
    // The row's own density wins, and then no check.
    let own = run(json!({ "energy": [
        { "source": "diesel", "quantity": "1000", "unit": "L", "density_kg_per_l": "0.85" }
    ] }));
    assert!(own.checks.iter().all(|c| c.id != "default-density"));
}

/// The README counts the library's records by status; the count follows the library.
#[test]
fn the_readme_counts_the_library_as_it_is() {
    use engine::units::Status;
    let all = engine::library::all();
    let count = |s: Status| all.iter().filter(|r| r.status == s).count();
    let expected = format!(
        "{} records ({} verified, {} secondary, {} unverified)",
        all.len(),
        count(Status::Verified),
        count(Status::Secondary),
        count(Status::Unverified)
    );
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&expected), "README.md should say: {expected}");
    // The refrigerant catalogue is counted beside it.
    let gases = format!(
        "{} gases and {} blends",
        engine::fugitive::SPECIES.len(),
        engine::fugitive::BLENDS.len()
    );
    assert!(flat.contains(&gases), "README.md should say: {gases}");
}

/// A line of a year after the utility's latest in the library takes that latest year's factor,
/// and a warning names the line at its grid; a line on a China grid edition more than three
/// years older than it is flagged the same way.
#[test]
fn a_factor_of_an_earlier_year_is_used_only_with_a_warning_at_the_line() {
    let r = run(json!({
        "energy": [
            { "site": "HK office", "source": "electricity", "quantity": "10", "unit": "MWh", "grid": "clp", "period": "2024" },
            { "site": "HK shop", "source": "electricity", "quantity": "10", "unit": "MWh", "grid": "hk-electric", "period": "2023" },
            { "site": "Shenzhen", "source": "electricity", "quantity": "10", "unit": "MWh", "grid": "guangdong", "period": "2024" },
            { "site": "HK 2023", "source": "electricity", "quantity": "10", "unit": "MWh", "grid": "clp", "period": "2023" },
            { "site": "Shenzhen 2018", "source": "electricity", "quantity": "10", "unit": "MWh", "grid": "guangdong", "period": "2018" }
        ]
    }));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let check = |id: &str| {
        r.checks.iter().find(|c| c.id == id).unwrap_or_else(|| {
            panic!(
                "{id}: {:?}",
                r.checks.iter().map(|c| &c.id).collect::<Vec<_>>()
            )
        })
    };
    let clp = check("earlier-factor:clp-2023");
    assert_eq!(clp.path.as_deref(), Some("energy[0].grid"));
    assert!(
        clp.message
            .to_string()
            .contains("energy line 1 (HK office)"),
        "{}",
        clp.message
    );
    assert!(
        !clp.message.to_string().contains("HK 2023"),
        "the 2023 line has its own year"
    );
    let hke = check("earlier-factor:hk-electric-2020");
    assert_eq!(hke.path.as_deref(), Some("energy[1].grid"));
    let grid = r
        .checks
        .iter()
        .find(|c| c.id.starts_with("earlier-factor:") && c.message.to_string().contains("Shenzhen"))
        .expect("the 2024 line on the 2015 edition is flagged");
    assert!(
        grid.message.to_string().contains("grid edition"),
        "{}",
        grid.message
    );
    assert!(
        !grid.message.to_string().contains("Shenzhen 2018"),
        "2018 on the 2015 basis is the report's own"
    );
    // 10 MWh × 0.39 + 10 × 0.71 + 10 × 0.39 + the two Guangdong lines
    let lines: Vec<_> = r.trace.iter().filter(|t| t.scope == Some(2)).collect();
    assert_eq!(
        lines[0].factor.as_ref().unwrap().id.as_deref(),
        Some("clp-2023")
    );
    assert_eq!(
        lines[1].factor.as_ref().unwrap().id.as_deref(),
        Some("hk-electric-2020")
    );
}

/// The published-table check compares an implied grid factor with Hong Kong's utilities by
/// year and the national averages too, not only China's regional grids; and a part printed
/// larger than its total is flagged, whatever the other part.
#[test]
fn the_published_check_knows_hong_kongs_utilities_and_flags_a_part_over_its_total() {
    let implied_grid = |t: &str, mwh: &str| {
        let r = run(json!({ "published": { "ghg_scope2_t": t, "energy_indirect_mwh": mwh } }));
        let j = json_of(&r);
        j["published_check"]["implied"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "scope2_factor_t_per_mwh")
            .map(|i| i["comparison"].as_str().unwrap().to_string())
            .unwrap()
    };
    // A CLP customer: 1,950 t for 5,000 MWh is 0.39, CLP's 2021–2023 factor.
    let clp = implied_grid("1,950", "5,000");
    for id in ["clp-2021", "clp-2022", "clp-2023"] {
        assert!(clp.contains(id), "{clp}");
    }
    assert!(!clp.contains("blend"), "{clp}");
    // An HK Electric customer of 2019: 0.81.
    let hke = implied_grid("810", "1,000");
    assert!(hke.contains("hk-electric-2019"), "{hke}");
    // A total energy printed smaller than its direct part.
    let r = run(json!({ "published": {
        "energy_total_mwh": "100", "energy_direct_mwh": "150", "ghg_total_t": "10", "ghg_scope1_t": "9" } }));
    let j = json_of(&r);
    let checks = j["published_check"]["checks"].as_array().unwrap();
    let c = checks
        .iter()
        .find(|c| c["id"] == "published-part-exceeds-total:energy_direct_mwh")
        .unwrap_or_else(|| panic!("{checks:?}"));
    assert_eq!(c["level"], "warning");
    assert!(c["message"].as_str().unwrap().contains("(150)"), "{c}");
    assert!(
        !checks
            .iter()
            .any(|c| c["id"] == "published-part-exceeds-total:ghg_scope1_t"),
        "9 of 10 is fine"
    );
}

/// The implied Scope 1 factor is compared with every fuel's factors, not only natural gas's: a
/// diesel-only table is named as the IPCC's stationary diesel.
#[test]
fn the_published_check_compares_scope_1_with_every_fuel() {
    // 1,000 MWh of diesel on diesel-ipcc2006-commercial, AR5: (74,100 + 10 × 28 + 0.6 × 265) kg/TJ × 3.6 GJ/MWh
    let r = run(json!({ "published": { "ghg_scope1_t": "268.34", "energy_direct_mwh": "1,000" } }));
    let j = json_of(&r);
    let s1 = j["published_check"]["implied"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "scope1_factor_t_per_mwh")
        .unwrap()["comparison"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        s1.starts_with("Fuel factors in the library, nearest first: diesel-ipcc2006-commercial 0.26834 t/MWh (+0%, within rounding); diesel-ipcc2006-road"),
        "{s1}"
    );
    assert!(
        !s1.contains("petrol-ipcc2006-commercial 0.25106 t/MWh (-6.44%, within"),
        "{s1}"
    );
}
