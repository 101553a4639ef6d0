//! Hong Kong's usual Scope 3 lines (issue 18): fresh water (WSD kWh per m³ by financial year ×
//! the chosen electricity factor), sewage (DSD kWh per m³ by year; sewage a share of the fresh
//! water) and paper to landfill (4.8, unverified), computed from the scenario's water and paper
//! when the line gives no quantity, each tagged with its GHG Protocol category, each figure's
//! year flagged when the library has no figure for the report's own year.

mod common;
use common::*;
use esg_kpi_calculator::engine::scope3::hk;
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn kwh(series: &[hk::YearFigure], start: u16) -> Decimal {
    d(series.iter().find(|f| f.0 == start).unwrap().1)
}

#[test]
fn water_takes_the_wsd_figure_of_the_reports_financial_year() {
    // (period, WSD financial year expected, flagged as an earlier year's figure)
    let cases = [
        ("2018", 2018, false),
        ("2018/19", 2018, false),
        ("FY2019-20", 2019, false),
        ("2020/21", 2020, false),
        ("2021/22", 2021, false),
        ("2021", 2021, false),
        // No WSD figure after 2021/22 in the library: the latest, flagged at the line.
        ("2024/25", 2021, true),
        ("2025", 2021, true),
        // Before the series: its first year, flagged.
        ("2015/16", 2016, true),
    ];
    for (period, fy, flagged) in cases {
        let r = run(json!({ "period": period, "water_m3": "12,000", "scope3": [
            { "factor": "hk-wsd-fresh-water" } ] }));
        assert!(r.errors.is_empty(), "{period}: {:?}", r.errors);
        // 12,000 m³ × kWh/m³ × 0.7 kg/kWh
        let want = d("12000") * kwh(hk::WSD_FRESH_WATER, fy) * d("0.7") / d("1000");
        assert_eq!(d(&value(&r, "ghg_scope3_t")), want, "{period}");
        let line = r.trace.iter().find(|l| l.path == "scope3[0]").unwrap();
        let text = line.text.to_string();
        let label = hk::year_label(hk::Usual::Water, fy);
        assert!(text.contains(&label), "{period}: {text}");
        assert!(text.contains("hk-gov-default-electricity"), "{text}");
        assert!(text.contains("1. Purchased goods and services"), "{text}");
        assert_eq!(
            line.conversion.as_ref().unwrap().to_string(),
            "12,000 m³ of fresh water, the period's water"
        );
        let f = line.factor.as_ref().unwrap();
        assert_eq!(f.status, Some("verified"));
        assert!(f.source.to_string().contains("Water Supplies Department"));
        let check = r.checks.iter().find(|c| c.id == "factor-year:scope3[0]");
        assert_eq!(check.is_some(), flagged, "{period}");
        if let Some(c) = check {
            assert_eq!(c.path.as_deref(), Some("scope3[0].factor"));
            assert!(c.message.to_string().contains(&label), "{}", c.message);
        }
    }
}

#[test]
fn sewage_is_a_share_of_the_water_at_the_dsd_figure() {
    // (share given, m³ of sewage from 10,000 m³ of water)
    for (share, m3) in [(None, "10000"), (Some("70"), "7000"), (Some("80"), "8000")] {
        let mut row = json!({ "factor": "hk-dsd-sewage" });
        if let Some(s) = share {
            row["share"] = json!(s);
        }
        let r = run(json!({ "period": "2019/20", "water_m3": "10000", "scope3": [row] }));
        assert!(r.errors.is_empty(), "{share:?}: {:?}", r.errors);
        let want = d(m3) * kwh(hk::DSD_SEWAGE, 2019) * d("0.7") / d("1000");
        assert_eq!(d(&value(&r, "ghg_scope3_t")), want, "{share:?}");
        let line = r.trace.iter().find(|l| l.path == "scope3[0]").unwrap();
        assert!(line.text.to_string().contains("2019-20"));
        assert!(line
            .text
            .to_string()
            .contains("5. Waste generated in operations"));
        let conversion = line.conversion.as_ref().unwrap().to_string();
        assert!(
            conversion.ends_with(&format!("= {},000 m³ of sewage", &m3[..m3.len() - 3])),
            "{conversion}"
        );
    }
    // CLP's factor in place of the territory default; the line's own quantity in litres.
    let r = run(json!({ "period": "2019/20", "scope3": [
        { "factor": "hk-dsd-sewage", "electricity": "clp-2019", "quantity": "500,000", "unit": "L" } ] }));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(
        d(&value(&r, "ghg_scope3_t")),
        d("500") * d("0.29") * d("0.50") / d("1000")
    );
}

#[test]
fn paper_comes_from_the_waste_items_and_is_flagged_unverified() {
    let r = run(json!({ "waste": { "items": [
        { "kind": "paper", "quantity": "1.2", "unit": "t" },
        { "kind": "paper", "quantity": "300", "unit": "kg" },
        { "kind": "general_refuse", "quantity": "5", "unit": "t" } ] },
        "scope3": [ { "factor": "hk-paper-landfill" } ] }));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // 1,500 kg × 4.8 kg CO2e per kg
    assert_eq!(d(&value(&r, "ghg_scope3_t")), d("7.2"));
    let line = r.trace.iter().find(|l| l.path == "scope3[0]").unwrap();
    assert_eq!(
        line.factor.as_ref().unwrap().status,
        Some("unverified"),
        "the paper factor's table was not read"
    );
    assert!(line
        .conversion
        .as_ref()
        .unwrap()
        .to_string()
        .starts_with("1,500 kg of paper"));
    let c = r
        .checks
        .iter()
        .find(|c| c.id == "factor-status:scope3[0]")
        .expect("the unverified factor is flagged");
    assert_eq!(c.path.as_deref(), Some("scope3[0].factor"));
    // A category of the user's own choosing is kept.
    let r = run(
        json!({ "scope3": [ { "factor": "hk-paper-landfill", "category": 1, "quantity": "10", "unit": "kg" } ] }),
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let s3 = &json_of(&r)["details"]["scope3"]["categories"];
    assert_eq!(s3[0]["t"], "0.048");
    assert!(s3[4]["t"].is_null());
}

#[test]
fn a_usual_line_without_what_it_needs_is_an_error_at_its_field() {
    // (period fields, row, path, words)
    let cases = [
        (
            json!({}),
            json!({ "factor": "hk-wsd-fresh-water" }),
            "scope3[0].quantity",
            "enter the period's water",
        ),
        (
            json!({}),
            json!({ "factor": "hk-paper-landfill" }),
            "scope3[0].quantity",
            "add it to the waste items as paper",
        ),
        (
            json!({ "waste": { "items": [ { "kind": "paper", "quantity": "x", "unit": "t" } ] } }),
            json!({ "factor": "hk-paper-landfill" }),
            "scope3[0].quantity",
            "the paper among them is not known",
        ),
        (
            json!({ "water_m3": "100" }),
            json!({ "factor": "hk-dsd-sewage", "share": "120" }),
            "scope3[0].share",
            "not 120 %",
        ),
        (
            json!({ "water_m3": "100" }),
            json!({ "factor": "hk-wsd-fresh-water", "unit": "L" }),
            "scope3[0].unit",
            "comes from the scenario in m³",
        ),
        (
            json!({ "water_m3": "100" }),
            json!({ "factor": "hk-wsd-fresh-water", "unit": "kg", "quantity": "5" }),
            "scope3[0].unit",
            "in m³",
        ),
        (
            json!({ "water_m3": "100" }),
            json!({ "factor": "hk-wsd-fresh-water", "electricity": "ng-ipcc2006-default" }),
            "scope3[0].electricity",
            "no electricity factor per kWh",
        ),
        (
            json!({ "water_m3": "100" }),
            json!({ "factor": "hk-paper-landfill", "quantity": "1", "electricity": "clp-2023" }),
            "scope3[0].electricity",
            "takes no electricity factor",
        ),
        (
            json!({ "water_m3": "100" }),
            json!({ "factor": "hk-wsd-fresh-water", "category": 16 }),
            "scope3[0].category",
            "not a Scope 3 category",
        ),
    ];
    let good = json!({ "category": 6, "quantity": "1000", "unit": "pkm",
        "factor": "desnz-2025-rail-national-rail-pkm" });
    for (fields, row, path, words) in cases {
        let mut v = fields.clone();
        v["period"] = json!("2025");
        v["scope3"] = json!([row.clone(), good.clone()]);
        let r = run(v);
        let message = error_at(&r, path);
        assert!(message.contains(words), "{row}: {message}");
        // The total is refused, not short by the bad line; the good line still has its trace.
        assert!(kpi(&r, "ghg_scope3_t").value.is_none(), "{row}");
        assert!(r.trace.iter().any(|l| l.path == "scope3[1]"), "{row}");
    }
}

#[test]
fn usual_lines_are_written_back_following_the_scenario() {
    use esg_kpi_calculator::engine::scenario::{read, to_value};
    let v = json!({ "period": "2021/22", "water_m3": "800", "scope3": [
        { "factor": "hk-wsd-fresh-water" },
        { "factor": "hk-dsd-sewage", "share": "70", "electricity": "clp-2021" },
        { "factor": "hk-paper-landfill", "quantity": "2", "unit": "t", "description": "copy paper" } ] });
    let (first, errors) = read(&v);
    assert!(errors.is_empty(), "{errors:?}");
    let written = to_value(&first.unwrap());
    assert!(written["scope3"][0].get("quantity").is_none(), "{written}");
    assert_eq!(written["scope3"][0]["category"], 1);
    assert_eq!(written["scope3"][1]["share"], "70");
    assert_eq!(written["scope3"][1]["electricity"], "clp-2021");
    assert_eq!(written["scope3"][2]["quantity"], "2");
    // The water changes; the written-back lines follow it.
    let mut later = written.clone();
    later["water_m3"] = json!("1600");
    let (a, b) = (run(written), run(later));
    let t = |r: &esg_kpi_calculator::engine::calc::Results| d(&value(r, "ghg_scope3_t"));
    let paper = d("2000") * d("4.8") / d("1000");
    assert_eq!((t(&b) - paper), (t(&a) - paper) * d("2"));
    assert_eq!(
        t(&a),
        d("800") * d("0.621") * d("0.7") / d("1000")
            + d("560") * d("0.29") * d("0.39") / d("1000")
            + paper
    );
}

#[test]
fn the_scope_3_factors_are_listed_with_their_sources() {
    use esg_kpi_calculator::engine::scope3::{factors_json, travel::TRAVEL};
    let json = factors_json();
    let records = json.as_array().unwrap();
    assert_eq!(records.len(), TRAVEL.len() + 3);
    for r in records {
        assert!(r["source"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
        assert!(r["status"].is_string(), "{r}");
    }
    let water = records
        .iter()
        .find(|r| r["id"] == "hk-wsd-fresh-water")
        .unwrap();
    assert_eq!(
        water["by_year"].as_array().unwrap().len(),
        hk::WSD_FRESH_WATER.len()
    );
    assert_eq!(water["by_year"][5]["year"], "2021/22");
    assert_eq!(water["by_year"][5]["value"], "0.621");
    let paper = records
        .iter()
        .find(|r| r["id"] == "hk-paper-landfill")
        .unwrap();
    assert_eq!(paper["status"], "unverified");
}
