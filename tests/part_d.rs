//! The Part D disclosure (issue 18): for a company with business flights, paper, water,
//! purchased services and two categories left out with their reasons, one table with Scope 1,
//! Scope 2 location- and market-based, Scope 3 by category with each status, the intensities,
//! the gases, the GWP set, the consolidation approach, the base year, the method and every
//! factor's source — in three languages, as CSV and as an Excel paste.

mod common;
use common::*;
use esg_kpi_calculator::engine::part_d;
use esg_kpi_calculator::engine::text::Lang;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn company() -> Value {
    json!({ "period": "2025", "gwp": "AR6", "consolidation": "operational_control",
        "organisation": { "employees": "120", "floor_area_m2": "3,000",
            "revenue_currency": "HKD", "revenue_million": "480", "fx_rmb_per_unit": "0.92" },
        "water_m3": "2,400",
        "instruments": [ { "type": "certificates", "mwh": "50" } ],
        "waste": { "items": [ { "kind": "paper", "quantity": "900", "unit": "kg" } ] },
        "energy": [
            { "site": "HK office", "source": "electricity", "quantity": "150,000", "unit": "kWh", "grid": "clp" },
            { "site": "HK office", "source": "diesel", "quantity": "400", "unit": "L" } ],
        "scope3": [
            { "category": 6, "description": "HKG–LHR return, economy", "quantity": "19,261.6", "unit": "pkm",
              "factor": "desnz-2025-air-long-haul-economy-rf" },
            { "category": 1, "description": "IT services", "quantity": "780,000", "unit": "HKD",
              "factor": { "value": "0.21", "unit": "kgCO2e/USD", "source": "supplier spend factor, 2025" },
              "exchange_rate": { "value": "7.8", "unit": "HKD/USD" } },
            { "factor": "hk-wsd-fresh-water" },
            { "factor": "hk-paper-landfill" } ],
        "scope3_categories": [
            { "category": 1, "status": "included" },
            { "category": 5, "status": "included" },
            { "category": 6, "status": "included" },
            { "category": 11, "status": "not_relevant", "reason": "Our services use no energy once sold." },
            { "category": 15, "status": "not_measured", "reason": "Investment data to be collected in 2026." } ],
        "intensities": [
            { "kpi": "ghg_total_t", "per": "employee" },
            { "kpi": "ghg_scopes_1_2_3_t", "per": "revenue_million" } ],
        "base_year": { "period": "2019", "energy": [
            { "source": "electricity", "quantity": "200,000", "unit": "kWh", "grid": "clp" } ] } })
}

#[test]
fn the_disclosure_has_every_part_the_code_asks_for() {
    let r = run(company());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let rows = part_d::rows(&r);
    let row = |id: &str| {
        rows.iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("no row {id}"))
    };
    let exact = |id: &str| row(id).value.map(|v| v.0);
    assert_eq!(exact("scope1"), Some(d(&value(&r, "ghg_scope1_t"))));
    assert_eq!(
        exact("scope2_location"),
        Some(d(&value(&r, "ghg_scope2_t")))
    );
    assert_eq!(exact("scopes_1_2"), Some(d(&value(&r, "ghg_total_t"))));
    // 50 MWh of certificates: market-based is lower than location-based, beside it.
    let market = exact("scope2_market").expect("market-based beside location-based");
    assert!(market < exact("scope2_location").unwrap());
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids[..4],
        ["scope1", "scope2_location", "scope2_market", "scopes_1_2"]
    );
    // Scope 3 by category: each category's tonnes add up to the total.
    let by_category: Decimal = (1..=15)
        .filter_map(|c| exact(&format!("scope3_c{c}")))
        .sum();
    assert_eq!(Some(by_category), exact("scope3"));
    assert_eq!(exact("scope3"), Some(d(&value(&r, "ghg_scope3_t"))));
    assert_eq!(
        exact("scopes_1_2_3"),
        Some(d(&value(&r, "ghg_total_t")) + d(&value(&r, "ghg_scope3_t")))
    );
    // 780,000 HKD ÷ 7.8 × 0.21 kg = 21 t; 900 kg × 4.8 = 4.32 t (paper) + water, category 1 and 5.
    let water = d("2400") * d("0.621") * d("0.7") / d("1000");
    assert_eq!(exact("scope3_c1"), Some(d("21") + water));
    assert_eq!(exact("scope3_c5"), Some(d("4.32")));
    // The two left out, with their reasons; a category nobody spoke of says so.
    let c11 = row("scope3_c11").note.render(Lang::En);
    assert!(
        c11.starts_with("not relevant: Our services use no energy"),
        "{c11}"
    );
    assert!(row("scope3_c15")
        .note
        .render(Lang::En)
        .starts_with("not yet measured: Investment data"));
    assert_eq!(row("scope3_c2").note.render(Lang::En), "not stated");
    assert!(row("scope3_c1")
        .note
        .render(Lang::En)
        .contains("spend-based"));
    // Intensities: the KPI table's per m², and the two the report chose, per HK$ million.
    assert!(row("intensity:ghg_intensity_t_per_m2").value.is_some());
    assert_eq!(
        exact("intensity:ghg_total_t_per_employee"),
        Some(d(&value(&r, "ghg_total_t")) / d("120"))
    );
    assert_eq!(
        row("intensity:ghg_scopes_1_2_3_t_per_revenue_million").unit,
        "t CO2e / HKD million"
    );
    // The basis of preparation.
    assert_eq!(row("gwp").shown.render(Lang::En), "AR6");
    assert_eq!(
        row("consolidation").shown.render(Lang::En),
        "operational control"
    );
    assert_eq!(row("base_year").shown.render(Lang::En), "2019");
    assert!(row("base_year")
        .note
        .render(Lang::En)
        .contains("Scope 1 and 2 in the base year"));
    let gases = row("gases").shown.render(Lang::En);
    assert!(gases.contains("CO2") && gases.contains("CH4"), "{gases}");
    // Every factor the lines use, once, with its source and status.
    for id in [
        "factor:clp-2023",
        "factor:desnz-2025-air-long-haul-economy-rf",
        "factor:hk-wsd-fresh-water",
        "factor:hk-paper-landfill",
    ] {
        assert!(!row(id).note.render(Lang::En).is_empty(), "{id}");
    }
    assert!(row("factor:hk-paper-landfill")
        .note
        .render(Lang::En)
        .ends_with("[unverified]"));
    let spend = rows
        .iter()
        .find(|r| r.id == "factor:supplier spend factor, 2025")
        .expect("the inline factor, by its source");
    assert_eq!(spend.item.render(Lang::En), "the line's own factor");
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "each row once");
}

#[test]
fn the_disclosure_reads_in_three_languages_and_exports() {
    let r = run(company());
    if std::env::var("SHOW_PART_D").is_ok() {
        eprintln!("{}", part_d::tsv(&r, Lang::ZhHant));
    }
    for (lang, words) in [
        (
            Lang::En,
            [
                "Scope 2 (market-based)",
                "not relevant",
                "Consolidation approach",
            ],
        ),
        (Lang::ZhHant, ["範圍二（按市場計算）", "不適用", "合併方法"]),
        (Lang::ZhHans, ["范围二（基于市场）", "不适用", "合并方法"]),
    ] {
        let csv = part_d::csv(&r, lang);
        assert!(csv.starts_with('\u{feff}'));
        for w in words {
            assert!(csv.contains(w), "{lang:?}: {w}");
        }
        // Every row of the table is a line of the CSV, after the heading.
        assert_eq!(
            csv.trim_start_matches('\u{feff}').lines().count(),
            part_d::rows(&r).len() + 1
        );
        let tsv = part_d::tsv(&r, lang);
        assert_eq!(tsv.lines().count(), part_d::rows(&r).len());
        // Excel reads the figures as numbers: no thousands separators in the paste.
        let scope2 = tsv.lines().nth(1).unwrap();
        let figure = scope2.split('\t').nth(2).unwrap();
        assert!(Decimal::from_str(figure).is_ok(), "{scope2}");
    }
    // An unknown approach is an error at its field.
    let mut v = company();
    v["consolidation"] = json!("control");
    assert!(error_at(&run(v), "consolidation").contains("operational_control"));
}
