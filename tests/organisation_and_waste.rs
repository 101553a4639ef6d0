//! Revenue in other currencies, intensities per unit of production, and waste by kind: each
//! computed exactly, traced, checked, located when wrong, and written back unchanged.

mod common;
use common::*;
use esg_kpi_calculator::engine::scenario::{read, to_value};
use esg_kpi_calculator::engine::text::Lang;
use serde_json::json;

#[test]
fn revenue_in_hong_kong_dollars_is_converted_at_the_given_rate() {
    let r = run(json!({
        "organisation": {
            "revenue_currency": "hkd",
            "revenue_million": "2,500",
            "fx_rmb_per_unit": "0.8431",
            "fx_source": "PBoC central parity, 2018 average"
        },
        "packaging_t": "421.55"
    }));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // 2,500 × 0.8431 = 2,107.75 RMB million; 421.55 ÷ 2,107.75 = 0.2
    assert_eq!(value(&r, "packaging_t_per_rmb_million"), "0.2");
    let line = r
        .trace
        .iter()
        .find(|t| t.path == "organisation.revenue_million")
        .expect("a calculation line for the converted revenue");
    assert_eq!(
        line.text.to_string(),
        "organisation.revenue_million = 2,500 HKD million × 0.8431 RMB per HKD (exchange rate; PBoC central parity, 2018 average) = 2,107.75 RMB million"
    );
    assert!(line
        .text
        .render(Lang::ZhHant)
        .contains("每 HKD 兌 0.8431 元人民幣"));
    assert_eq!(
        r.kpis
            .0
            .iter()
            .find(|k| k.id.id() == "packaging_t_per_rmb_million")
            .and_then(|k| k.formula.as_ref())
            .map(ToString::to_string)
            .as_deref(),
        Some("421.55 t ÷ 2,107.75 RMB million")
    );
}

#[test]
fn a_foreign_revenue_without_its_rate_or_given_twice_is_an_error_where_it_was_typed() {
    let r = run(json!({
        "organisation": { "revenue_currency": "USD", "revenue_million": "100" },
        "packaging_t": "1"
    }));
    assert!(error_at(&r, "organisation.fx_rmb_per_unit").contains("RMB per 1 USD"));
    assert_eq!(
        reason(&r, "packaging_t_per_rmb_million"),
        "revenue is invalid"
    );

    let r = run(
        json!({ "organisation": { "revenue_currency": "USD", "revenue_million": "1", "fx_rmb_per_unit": "7", "revenue_rmb_million": "7" } }),
    );
    assert!(error_at(&r, "organisation.revenue_rmb_million").contains("not both"));

    let r =
        run(json!({ "organisation": { "revenue_currency": "dollars", "revenue_million": "1" } }));
    assert!(error_at(&r, "organisation.revenue_currency").contains("ISO 4217"));

    let r = run(json!({ "organisation": { "revenue_million": "1" } }));
    assert!(error_at(&r, "organisation.revenue_million").contains("needs its currency"));

    let r = run(
        json!({ "organisation": { "revenue_currency": "EUR", "revenue_million": "1", "fx_rmb_per_unit": "0" } }),
    );
    assert!(error_at(&r, "organisation.fx_rmb_per_unit").contains("above zero"));

    // RMB stays as the contract has it.
    let r = run(
        json!({ "organisation": { "revenue_currency": "RMB", "revenue_rmb_million": "10" }, "packaging_t": "5" }),
    );
    assert_eq!(value(&r, "packaging_t_per_rmb_million"), "0.5");
}

#[test]
fn intensities_per_unit_of_production_divide_each_total() {
    let r = run(json!({
        "organisation": { "production_quantity": "2,000", "production_unit": "t of product" },
        "energy": [ { "source": "electricity", "quantity": "1000", "unit": "MWh",
                      "factor": { "value": "0.5", "unit": "tCO2e/MWh", "source": "test" } } ],
        "water_m3": "300"
    }));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let get = |id: &str| {
        r.per_production_unit
            .iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    assert_eq!(
        get("ghg_total_t_per_production_unit")
            .value
            .map(|v| v.to_string()),
        Some("0.25".into())
    );
    assert_eq!(
        get("ghg_total_t_per_production_unit").unit,
        "t CO2e / t of product"
    );
    assert_eq!(
        get("energy_total_mwh_per_production_unit")
            .value
            .map(|v| v.to_string()),
        Some("0.5".into())
    );
    assert_eq!(
        get("water_m3_per_production_unit")
            .value
            .map(|v| v.to_string()),
        Some("0.15".into())
    );
    let packaging = get("packaging_t_per_production_unit");
    assert_eq!(packaging.value, None);
    assert_eq!(
        packaging
            .reason
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("no packaging material given")
    );
    assert_eq!(r.per_production_unit.len(), 6);
    let json = json_of(&r);
    assert_eq!(
        json["per_production_unit"][0]["id"],
        "ghg_total_t_per_production_unit"
    );
    assert_eq!(json["per_production_unit"][0]["display"], "0.25");

    let zero = run(
        json!({ "organisation": { "production_quantity": "0", "production_unit": "cars" }, "water_m3": "1" }),
    );
    assert_eq!(
        zero.per_production_unit[2]
            .reason
            .as_ref()
            .map(ToString::to_string)
            .as_deref(),
        Some("the production volume is zero")
    );
    let unnamed = run(json!({ "organisation": { "production_quantity": "5" } }));
    assert!(error_at(&unnamed, "organisation.production_unit").contains("name the unit"));
    assert!(
        run(json!({})).per_production_unit.is_empty(),
        "none without a production volume"
    );
}

#[test]
fn waste_by_kind_adds_up_to_the_two_totals() {
    let r = run(json!({
        "organisation": { "employees": "10" },
        "waste": { "items": [
            { "site": "Plant", "kind": "paper", "quantity": "12.5" },
            { "site": "Plant", "kind": "food_waste", "quantity": "2,500", "unit": "kg" },
            { "site": "Office", "kind": "waste_batteries", "quantity": "30", "unit": "kg" },
            { "site": "Office", "kind": "toner_cartridges", "quantity": "0.02", "hazardous": false },
            { "site": "Office", "kind": "廢光管", "quantity": "0.01" }
        ] }
    }));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(value(&r, "hazardous_waste_t"), "0.04");
    assert_eq!(value(&r, "non_hazardous_waste_t"), "15.02");
    assert_eq!(value(&r, "non_hazardous_waste_t_per_employee"), "1.502");
    let details = r.details.as_ref().unwrap();
    let by_kind: Vec<(&str, bool, Option<String>)> = details
        .waste_by_kind_t
        .iter()
        .map(|w| (w.kind, w.hazardous, w.t.map(|t| t.to_string())))
        .collect();
    assert_eq!(
        by_kind,
        vec![
            ("waste_batteries", true, Some("0.03".into())),
            ("fluorescent_lamps", true, Some("0.01".into())),
            ("toner_cartridges", false, Some("0.02".into())),
            ("paper", false, Some("12.5".into())),
            ("food_waste", false, Some("2.5".into())),
        ]
    );
    let food = r.trace.iter().find(|t| t.path == "waste.items[1]").unwrap();
    assert_eq!(
        food.text.to_string(),
        "Plant: Food waste 2,500 kg = 2.5 t (non-hazardous)"
    );
    assert_eq!(
        food.text.render(Lang::ZhHans),
        "Plant: 厨余垃圾 2,500 公斤 = 2.5 吨（无害）"
    );
    assert!(food.kpis.contains(&"non_hazardous_waste_t"));
}

#[test]
fn a_typed_total_beside_items_is_checked_and_the_items_win() {
    let r = run(json!({ "waste": {
        "hazardous_t": "1", "non_hazardous_t": "3",
        "items": [ { "kind": "paper", "quantity": "2" } ]
    } }));
    assert_eq!(value(&r, "non_hazardous_waste_t"), "2");
    assert_eq!(
        value(&r, "hazardous_waste_t"),
        "1",
        "no hazardous items: the typed total stands"
    );
    let check = r
        .checks
        .iter()
        .find(|c| c.id == "waste-items-total:non_hazardous_waste_t")
        .unwrap();
    assert_eq!(check.level.id(), "warning");
    assert_eq!(
        check.message.to_string(),
        "Non-hazardous waste is 3 t, but its items add up to 2 t; the items are used."
    );
    assert!(
        r.trace.iter().all(|t| t.path != "waste.non_hazardous_t"),
        "the unused total is not a calculation line"
    );
    assert!(r.trace.iter().any(|t| t.path == "waste.hazardous_t"));
}

#[test]
fn a_bad_waste_item_is_located_and_its_totals_wait_for_it() {
    let r = run(json!({ "waste": { "items": [
        { "kind": "paper", "quantity": "1" },
        { "kind": "moon dust", "quantity": "1" },
        { "kind": "glass", "quantity": "1", "unit": "lb" },
        { "kind": "glass" },
        { "kind": "glass", "quantity": "1", "hazardous": "yes" },
        "paper"
    ] } }));
    assert!(error_at(&r, "waste.items[1].kind").contains("unknown kind of waste “moon dust”"));
    assert!(error_at(&r, "waste.items[2].unit").contains("“lb”"));
    assert!(error_at(&r, "waste.items[3].quantity").contains("enter the quantity"));
    assert!(error_at(&r, "waste.items[4].hazardous").contains("true or false"));
    assert!(error_at(&r, "waste.items[5]").contains("must be an object"));
    assert_eq!(
        reason(&r, "non_hazardous_waste_t"),
        "waste item 2 has an error"
    );
}

#[test]
fn the_new_inputs_are_written_back_as_they_were_read() {
    let doc = json!({
        "organisation": {
            "employees": "5", "revenue_currency": "HKD", "revenue_million": "10",
            "fx_rmb_per_unit": "0.9", "fx_source": "HKMA", "production_quantity": "7", "production_unit": "rooms sold"
        },
        "waste": { "hazardous_t": "1", "items": [
            { "site": "A", "kind": "paper", "quantity": "2", "unit": "kg", "note": "monthly" },
            { "site": "", "kind": "toner_cartridges", "quantity": "1", "unit": "t", "hazardous": false }
        ] },
        "prior": { "organisation": { "revenue_currency": "USD", "revenue_million": "1", "fx_rmb_per_unit": "6.6" } }
    });
    let (first, errors) = read(&doc);
    assert!(errors.is_empty(), "{errors:?}");
    let first = first.unwrap();
    let written = to_value(&first);
    assert_eq!(written["organisation"]["revenue_currency"], "HKD");
    assert_eq!(written["waste"]["items"][1]["hazardous"], false);
    assert!(
        written["waste"]["items"][0].get("hazardous").is_none(),
        "the kind's own class is not written"
    );
    let (again, errors) = read(&written);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(again.unwrap(), first);
}
