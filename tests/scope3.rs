//! Scope 3 (issue 18, first step): rows by GHG Protocol category with the methods reports use —
//! a quantity × a factor per its unit (activity-based, units converted), an amount of money ×
//! a factor per currency unit through the user's exchange rate (spend-based), a supplier's
//! tonnes (supplier-specific) — each bad field an input error at its row with what to do, the
//! rest computing; comply or explain for the fifteen categories; `ghg_scope3_t` beside
//! `ghg_total_t`, which stays Scope 1 + 2.

mod common;
use common::*;
use esg_kpi_calculator::engine::text::Lang;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn factor(value: &str, unit: &str) -> Value {
    json!({ "value": value, "unit": unit, "source": "a cited source, 2025" })
}

#[test]
fn each_method_gives_the_tonnes_its_units_and_rate_say() {
    // (row, t CO2e, the method's words in the calculation line)
    let cases = [
        // activity-based, in the factor's own unit
        (
            json!({ "category": 6, "quantity": "12,000", "unit": "pkm", "factor": factor("0.15", "kgCO2e/pkm") }),
            "1.8",
            "activity-based",
        ),
        // 2 t of paper × 4.8 kg CO2e per kg = 2,000 kg × 4.8
        (
            json!({ "category": 5, "quantity": "2", "unit": "t", "factor": factor("4.8", "kgCO2e/kg") }),
            "9.6",
            "activity-based",
        ),
        // 1.5 MWh × 0.7 kg per kWh
        (
            json!({ "category": 3, "quantity": "1.5", "unit": "MWh", "factor": factor("0.7", "kg CO2e / kWh") }),
            "1.05",
            "activity-based",
        ),
        // 250 m³ × 0.2 kg per L = 250,000 L × 0.2 kg
        (
            json!({ "category": 1, "quantity": "250", "unit": "m³", "factor": factor("0.2", "kgCO2e/L") }),
            "50",
            "activity-based",
        ),
        // 3 room-nights × 18 kg; 10 miles × 0.2 kg/km = 16.09344 km × 0.2
        (
            json!({ "category": 6, "quantity": "3", "unit": "room-night", "factor": factor("18", "kgCO2e/night") }),
            "0.054",
            "activity-based",
        ),
        (
            json!({ "category": 7, "quantity": "10", "unit": "miles", "factor": factor("0.2", "kgCO2e/km") }),
            "0.003218688",
            "activity-based",
        ),
        // spend-based, same currency: HK$ is HKD
        (
            json!({ "category": 1, "quantity": "100,000", "unit": "HK$", "factor": factor("0.05", "kgCO2e/HKD") }),
            "5",
            "spend-based",
        ),
        // 78,000 HKD at 7.8 HKD/USD = 10,000 USD × 0.5 kg
        (
            json!({ "category": 1, "quantity": "78,000", "unit": "HKD", "factor": factor("0.5", "kgCO2e/USD"),
                    "exchange_rate": { "value": "7.8", "unit": "HKD/USD" } }),
            "5",
            "spend-based",
        ),
        // the rate the other way round: 0.14 USD/CNY; RMB is CNY
        (
            json!({ "category": 2, "quantity": "50,000", "unit": "RMB", "factor": factor("0.4", "tCO2e/USD"),
                    "exchange_rate": { "value": "0.14", "unit": "USD/CNY" } }),
            "2800",
            "spend-based",
        ),
        // supplier-specific
        (
            json!({ "category": 4, "quantity": "12.5", "unit": "tCO2e" }),
            "12.5",
            "supplier-specific",
        ),
        (
            json!({ "category": 4, "quantity": "500", "unit": "kgCO2e" }),
            "0.5",
            "supplier-specific",
        ),
    ];
    for (row, t, method) in cases {
        let r = run(json!({ "scope3": [row.clone()] }));
        assert!(r.errors.is_empty(), "{row}: {:?}", r.errors);
        assert_eq!(d(&value(&r, "ghg_scope3_t")), d(t), "{row}");
        let line = r
            .trace
            .iter()
            .find(|l| l.path == "scope3[0]")
            .expect("a line");
        assert_eq!(line.scope, Some(3));
        assert!(line.text.to_string().contains(method), "{}", line.text);
        // Scope 3 stays out of the report's total.
        assert_eq!(d(&value(&r, "ghg_total_t")), Decimal::ZERO, "{row}");
    }
    // The rate is shown in the line.
    let r = run(
        json!({ "scope3": [{ "category": 1, "quantity": "78,000", "unit": "HKD",
        "factor": factor("0.5", "kgCO2e/USD"), "exchange_rate": { "value": "7.8", "unit": "HKD/USD" } }] }),
    );
    let line = r.trace.iter().find(|l| l.path == "scope3[0]").unwrap();
    assert_eq!(
        line.conversion.as_ref().unwrap().to_string(),
        "78,000 HKD at 7.8 HKD/USD = 10,000 USD"
    );
    assert_eq!(
        line.factor.as_ref().unwrap().source.to_string(),
        "a cited source, 2025"
    );
}

#[test]
fn bad_input_is_an_error_at_its_field_and_the_rest_computes() {
    let good = json!({ "category": 6, "quantity": "1000", "unit": "pkm", "factor": factor("0.1", "kgCO2e/pkm") });
    // (row, the path of the error, words the message has)
    let cases = [
        (
            json!({ "category": 0, "quantity": "1", "unit": "kg", "factor": factor("1", "kgCO2e/kg") }),
            "category",
            "15",
        ),
        (
            json!({ "category": "16", "quantity": "1", "unit": "kg", "factor": factor("1", "kgCO2e/kg") }),
            "category",
            "1 to 15",
        ),
        (
            json!({ "quantity": "1", "unit": "kg", "factor": factor("1", "kgCO2e/kg") }),
            "category",
            "business travel",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "$", "factor": factor("1", "kgCO2e/USD") }),
            "unit",
            "more than one currency",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "¥", "factor": factor("1", "kgCO2e/JPY") }),
            "unit",
            "more than one currency",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "parsecs", "factor": factor("1", "kgCO2e/kg") }),
            "unit",
            "unknown unit",
        ),
        (
            json!({ "category": 1, "quantity": "-5", "unit": "kg", "factor": factor("1", "kgCO2e/kg") }),
            "quantity",
            "",
        ),
        (
            json!({ "category": 1, "unit": "kg", "factor": factor("1", "kgCO2e/kg") }),
            "quantity",
            "quantity",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "kg" }),
            "factor",
            "factor",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "kg", "factor": factor("1", "kgCO2e/pkm") }),
            "factor.unit",
            "per pkm but the line is in kg",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "kg", "factor": factor("1", "kg/kg") }),
            "factor.unit",
            "kgCO2e/<unit>",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "kg", "factor": { "value": "1", "unit": "kgCO2e/kg" } }),
            "factor.source",
            "where the factor comes from",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "HKD", "factor": factor("1", "kgCO2e/USD") }),
            "exchange_rate",
            "HKD/USD",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "HKD", "factor": factor("1", "kgCO2e/USD"),
                 "exchange_rate": { "value": "7.8", "unit": "HKD/EUR" } }),
            "exchange_rate.unit",
            "HKD/USD",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "HKD", "factor": factor("1", "kgCO2e/USD"),
                 "exchange_rate": { "value": "0", "unit": "HKD/USD" } }),
            "exchange_rate.value",
            "zero",
        ),
        (
            json!({ "category": 1, "quantity": "1", "unit": "HKD", "factor": factor("1", "kgCO2e/HKD"),
                 "exchange_rate": { "value": "1", "unit": "HKD/USD" } }),
            "exchange_rate",
            "remove the exchange rate",
        ),
        (
            json!({ "category": 4, "quantity": "1", "unit": "tCO2e", "factor": factor("1", "kgCO2e/kg") }),
            "factor",
            "take no factor",
        ),
        (
            json!({ "category": 6, "quantity": "1", "unit": "pkm", "factor": "desnz-2025-flight" }),
            "factor",
            "give the factor inline",
        ),
    ];
    for (row, field, words) in cases {
        let r = run(json!({
            "energy": [{ "source": "electricity", "quantity": "1", "unit": "MWh", "grid": "hk-default" }],
            "scope3": [good.clone(), row.clone()]
        }));
        let path = format!("scope3[1].{field}");
        let message = error_at(&r, &path);
        assert!(message.contains(words), "{row}: {message}");
        // Scope 3 cannot be trusted, and says why; Scope 2 still computes.
        assert!(
            reason(&r, "ghg_scope3_t").contains("Scope 3 line 2"),
            "{row}"
        );
        assert_eq!(d(&value(&r, "ghg_scope2_t")), d("0.7"));
        // Every message is in the three languages.
        let e = r.errors.iter().find(|e| e.path == path).unwrap();
        assert_ne!(e.message.render(Lang::ZhHant), e.message.render(Lang::En));
        assert!(e.message.untranslated().is_empty(), "{}", e.message);
    }
    // Without Scope 3 lines the KPI is null with its reason.
    let r = run(json!({}));
    assert_eq!(reason(&r, "ghg_scope3_t"), "no Scope 3 lines");
}

#[test]
fn comply_or_explain_lists_the_fifteen_categories_with_their_status() {
    let r = run(json!({
        "energy": [{ "source": "electricity", "quantity": "10", "unit": "MWh", "grid": "hk-default" }],
        "scope3": [
            { "category": 6, "description": "flights", "quantity": "10000", "unit": "pkm", "factor": factor("0.1", "kgCO2e/pkm") },
            { "category": 6, "description": "hotels", "quantity": "10", "unit": "night", "factor": factor("20", "kgCO2e/night") },
            { "category": 1, "quantity": "1", "unit": "tCO2e" },
            { "category": 11, "quantity": "2", "unit": "tCO2e" }
        ],
        "scope3_categories": [
            { "category": 15, "status": "not_relevant", "reason": "no investments" },
            { "category": "7", "status": "not_measured", "reason": "survey planned for 2026" },
            { "category": 4, "status": "included" },
            { "category": 11, "status": "not_relevant", "reason": "services only" }
        ]
    }));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let j = serde_json::to_value(&r).unwrap();
    let s3 = &j["details"]["scope3"];
    // 1 + 0.2 + 1 + 2
    assert_eq!(d(s3["total_t"].as_str().unwrap()), d("4.2"));
    assert_eq!(d(s3["scopes_1_2_3_t"].as_str().unwrap()), d("7") + d("4.2"));
    let cats = s3["categories"].as_array().unwrap();
    assert_eq!(cats.len(), 15);
    let cat = |n: usize| &cats[n - 1];
    assert_eq!(cat(6)["status"], "included");
    assert_eq!(cat(6)["lines"], 2);
    assert_eq!(d(cat(6)["t"].as_str().unwrap()), d("1.2"));
    assert_eq!(cat(6)["name"], "6. Business travel");
    assert_eq!(cat(1)["methods"][0], "supplier-specific");
    assert_eq!(cat(15)["status"], "not_relevant");
    assert_eq!(cat(15)["reason"], "no investments");
    assert_eq!(cat(7)["status"], "not_measured");
    assert_eq!(cat(2)["status"], "not_stated");
    assert!(cat(2)["t"].is_null());
    // Included without lines, and left out with lines: warnings at the entry.
    let check = |c: &str| {
        r.checks
            .iter()
            .find(|k| k.id == format!("scope3-category:{c}"))
            .unwrap_or_else(|| panic!("category {c}"))
    };
    assert_eq!(
        check("4").path.as_deref(),
        Some("scope3_categories[2].status")
    );
    assert!(check("4").message.to_string().contains("no lines"));
    assert_eq!(
        check("11").path.as_deref(),
        Some("scope3_categories[3].status")
    );
    assert!(check("11")
        .message
        .to_string()
        .contains("1 lines, which count"));
    assert!(!r.checks.iter().any(|k| k.id == "scope3-category:15"));
    // The category names in Chinese.
    let details = r.details.as_ref().unwrap().scope3.as_ref().unwrap();
    assert_eq!(
        details.categories[5].name.render(Lang::ZhHant),
        "6. 商務差旅"
    );
    assert_eq!(
        details.categories[5].name.render(Lang::ZhHans),
        "6. 商务差旅"
    );

    // A left-out category needs its reason; one category listed once.
    let r = run(json!({ "scope3_categories": [
        { "category": 15, "status": "not_relevant" },
        { "category": 3, "status": "included" },
        { "category": 3, "status": "not_measured", "reason": "x" },
        { "category": 5, "status": "excluded", "reason": "x" }
    ] }));
    assert!(error_at(&r, "scope3_categories[0].reason").contains("comply or explain"));
    assert!(error_at(&r, "scope3_categories[2].category").contains("twice"));
    assert!(error_at(&r, "scope3_categories[3].status").contains("not_relevant"));
}

/// What is read is written back as it was meant: reading the written scenario gives the same
/// Scope 3, line by line.
#[test]
fn scope_3_is_written_back_and_reads_the_same() {
    use esg_kpi_calculator::engine::scenario::{read, to_value};
    let v = json!({ "scope3": [
        { "category": 1, "description": "IT services", "quantity": "78,000", "unit": "HK$", "factor": factor("0.5", "kgCO2e/USD"),
          "exchange_rate": { "value": "7.8", "unit": "HKD/USD" }, "note": "invoices" },
        { "category": 6, "site": "HK office", "quantity": "3", "unit": "room-night", "factor": factor("51.5", "kgCO2e/night") },
        { "category": 4, "quantity": "500", "unit": "kgCO2e" }
    ], "scope3_categories": [ { "category": 15, "status": "not_relevant", "reason": "no investments" } ] });
    let (first, errors) = read(&v);
    assert!(errors.is_empty(), "{errors:?}");
    let first = first.unwrap();
    let written = to_value(&first);
    let (second, errors) = read(&written);
    assert!(errors.is_empty(), "{errors:?}: {written}");
    let second = second.unwrap();
    assert_eq!(first.current.scope3, second.current.scope3);
    assert_eq!(
        first.current.scope3_categories,
        second.current.scope3_categories
    );
    assert_eq!(written["scope3"][0]["unit"], "HKD");
    assert_eq!(
        value(&run(v), "ghg_scope3_t"),
        value(&run(written), "ghg_scope3_t")
    );
}

/// Every travel factor of the library, used by its id on a line in its own unit, gives the
/// quantity × its kg CO2e, names itself and its workbook cell, and is verified; flights with
/// radiative forcing weigh more than without; a line in another unit is refused.
#[test]
fn every_travel_factor_works_by_its_id() {
    use esg_kpi_calculator::engine::scope3::travel::TRAVEL;
    assert_eq!(TRAVEL.len(), 174);
    for (id, _, kg, per, year, cell) in TRAVEL {
        let r = run(json!({ "period": year.to_string(), "scope3": [
            { "category": 6, "quantity": "1000", "unit": per, "factor": id } ] }));
        assert!(r.errors.is_empty(), "{id}: {:?}", r.errors);
        assert_eq!(d(&value(&r, "ghg_scope3_t")), d(kg), "{id}");
        let line = r.trace.iter().find(|l| l.path == "scope3[0]").unwrap();
        let f = line.factor.as_ref().unwrap();
        assert_eq!(f.id.as_deref(), Some(*id));
        assert_eq!(f.status, Some("verified"));
        let place = cell.split_once(' ').unwrap().1;
        assert!(f.source.to_string().contains(place), "{id}: {}", f.source);
        assert!(f
            .source
            .to_string()
            .contains(&format!("Company Reporting {year}")));
        assert!(
            !r.checks.iter().any(|c| c.id.starts_with("factor-year:")),
            "{id}"
        );
        if let Some(plain) = id.strip_suffix("-rf") {
            let without = TRAVEL.iter().find(|t| t.0 == plain).expect(plain);
            assert!(d(kg) > d(without.2), "{id}");
        }
    }
    // Hong Kong's hotel night, a long-haul economy flight with RF, by their ids.
    let r = run(json!({ "period": "2025", "scope3": [
        { "category": 6, "description": "Hotel, Hong Kong", "quantity": "4", "unit": "nights", "factor": "desnz-2025-hotel-hong-kong" },
        { "category": 6, "description": "HKG-LHR return", "quantity": "19,261.6", "unit": "pkm", "factor": "desnz-2025-air-long-haul-economy-rf" }
    ] }));
    // 4 × 51.5 kg + 19,261.6 × 0.11704 kg
    assert_eq!(
        d(&value(&r, "ghg_scope3_t")),
        (d("4") * d("51.5") + d("19261.6") * d("0.11704")) / d("1000")
    );
    // A flight factor on a line of nights: refused at the factor.
    let r = run(json!({ "scope3": [
        { "category": 6, "quantity": "4", "unit": "night", "factor": "desnz-2025-air-long-haul-economy" } ] }));
    assert!(error_at(&r, "scope3[0].factor").contains("per pkm but the line is in night"));
    // A 2024 report on the 2025 set, and a 2025 report on the 2024 set: each flagged at its line.
    for (period, id, best) in [
        ("2024", "desnz-2025-hotel-china", "2024"),
        ("2025", "desnz-2024-hotel-china", "2025"),
        ("FY2025/26", "desnz-2024-rail-national-rail-pkm", "2025"),
    ] {
        let r = run(json!({ "period": period, "scope3": [
            { "category": 6, "quantity": "1", "unit": if id.contains("hotel") { "night" } else { "pkm" }, "factor": id } ] }));
        assert!(r.errors.is_empty(), "{id}: {:?}", r.errors);
        let c = r
            .checks
            .iter()
            .find(|c| c.id == "factor-year:scope3[0]")
            .expect(id);
        assert_eq!(c.path.as_deref(), Some("scope3[0].factor"));
        assert!(
            c.message.to_string().contains(&format!("the {best} set")),
            "{}",
            c.message
        );
    }
}
