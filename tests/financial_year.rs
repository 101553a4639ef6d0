//! Financial years: a period written `2024/25` takes each calendar year's utility factor for
//! its months (9/12 × 2024 + 3/12 × 2025 for April to March, as Hong Kong reports do), shown in
//! the trace; the year-end month is the scenario's `year_end_month`; a year the library has not
//! published yet is flagged, a year before its first is refused at the row.

mod common;
use common::*;
use esg_kpi_calculator::engine::scenario::{read, to_value};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// 1,000 MWh on a Hong Kong utility in `period`.
fn office(grid: &str, period: &str, extra: Value) -> Value {
    let mut v = json!({
        "gwp": "AR6",
        "period": period,
        "energy": [{ "site": "HK office", "source": "electricity", "quantity": "1000",
                     "unit": "MWh", "grid": grid }]
    });
    for (k, x) in extra.as_object().unwrap() {
        v[k] = x.clone();
    }
    v
}

fn factor_of(
    r: &esg_kpi_calculator::engine::Results,
) -> (Option<String>, String, Option<&'static str>) {
    let line = r
        .trace
        .iter()
        .find(|t| t.path == "energy[0]")
        .expect("a line");
    let f = line.factor.as_ref().expect("a factor");
    (f.id.clone(), f.source.to_string(), f.status)
}

#[test]
fn a_financial_year_takes_each_calendar_years_factor_for_its_months() {
    // (grid, period, year_end_month, expected t for 1,000 MWh, the record ids, the derivation)
    let cases = [
        // CLP 2020 0.37, 2021 0.39: 9/12 × 0.37 + 3/12 × 0.39 = 0.375 kg/kWh
        (
            "clp",
            "2020/21",
            None,
            "375",
            "clp-2020+clp-2021",
            "9/12 × 0.37 (clp-2020) + 3/12 × 0.39 (clp-2021)",
        ),
        (
            "clp",
            "FY2020/21",
            None,
            "375",
            "clp-2020+clp-2021",
            "9/12 × 0.37",
        ),
        (
            "clp",
            "2020-21",
            None,
            "375",
            "clp-2020+clp-2021",
            "9/12 × 0.37",
        ),
        (
            "clp",
            "2020/2021",
            None,
            "375",
            "clp-2020+clp-2021",
            "9/12 × 0.37",
        ),
        // A June year-end: half and half.
        (
            "clp",
            "2020/21",
            Some(6),
            "380",
            "clp-2020+clp-2021",
            "6/12 × 0.37 (clp-2020) + 6/12 × 0.39 (clp-2021)",
        ),
        // CLP 2019 0.50, 2020 0.37; December of the first year only… a January year-end.
        (
            "clp",
            "2019/20",
            Some(1),
            "489.16666666666666666666666667",
            "clp-2019+clp-2020",
            "11/12 × 0.5 (clp-2019) + 1/12 × 0.37 (clp-2020)",
        ),
        // HK Electric 2019 0.81, 2020 0.71: 0.6075 + 0.1775
        (
            "hk-electric",
            "2019/20",
            None,
            "785",
            "hk-electric-2019+hk-electric-2020",
            "9/12 × 0.81 (hk-electric-2019) + 3/12 × 0.71 (hk-electric-2020)",
        ),
    ];
    for (grid, period, month, t, ids, how) in cases {
        let extra = match month {
            Some(m) => json!({ "year_end_month": m }),
            None => json!({}),
        };
        let r = run(office(grid, period, extra));
        assert!(r.errors.is_empty(), "{period}: {:?}", r.errors);
        // Exact where the twelfths are; 11/12 of 0.5 recurs, and is right to 24 places.
        let off = (d(&value(&r, "ghg_scope2_t")) - d(t)).abs();
        assert!(off < d("1e-24"), "{grid} {period} {month:?}: off by {off}");
        let (id, source, status) = factor_of(&r);
        assert_eq!(id.as_deref(), Some(ids), "{period}");
        assert!(source.contains(how), "{period}: {source}");
        assert_eq!(
            status,
            Some("verified"),
            "{period}: both years are verified"
        );
        // Both years are published: nothing is flagged as an earlier year's.
        assert!(
            !r.checks.iter().any(|c| c.id.starts_with("earlier-factor:")),
            "{period}: {:?}",
            r.checks
        );
    }
}

#[test]
fn a_calendar_period_and_a_monthly_row_take_their_own_year() {
    for period in ["2021", "FY2021", "2021-12", "2021年"] {
        let r = run(office("clp", period, json!({})));
        assert_eq!(d(&value(&r, "ghg_scope2_t")), d("390"), "{period}");
        assert_eq!(factor_of(&r).0.as_deref(), Some("clp-2021"), "{period}");
    }
    // A row's own period wins over the scenario's: a 2020 bill in a 2020/21 report.
    let mut v = office("clp", "2020/21", json!({}));
    v["energy"][0]["period"] = json!("2020-05");
    let r = run(v);
    assert_eq!(factor_of(&r).0.as_deref(), Some("clp-2020"));
    assert_eq!(d(&value(&r, "ghg_scope2_t")), d("370"));
}

#[test]
fn a_financial_year_past_the_librarys_latest_is_flagged_and_before_its_first_refused() {
    // 2023/24: CLP's 2023 stands in for 2024 → the same record for both parts, flagged.
    let r = run(office("clp", "2023/24", json!({})));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(factor_of(&r).0.as_deref(), Some("clp-2023"));
    assert_eq!(d(&value(&r, "ghg_scope2_t")), d("390"));
    let flagged = r
        .checks
        .iter()
        .find(|c| c.id == "earlier-factor:clp-2023")
        .unwrap_or_else(|| panic!("{:?}", r.checks));
    assert_eq!(flagged.path.as_deref(), Some("energy[0].grid"));
    // 2020/21 of HK Electric: 2021 is not in the library, 2020 stands in for its three months.
    let r = run(office("hk-electric", "2020/21", json!({})));
    assert_eq!(factor_of(&r).0.as_deref(), Some("hk-electric-2020"));
    assert!(r
        .checks
        .iter()
        .any(|c| c.id == "earlier-factor:hk-electric-2020"));
    // 2018/19 of CLP: the library starts at 2019; refused at the row, the rest computes.
    let mut v = office("clp", "2018/19", json!({}));
    v["water_m3"] = json!("100");
    let r = run(v);
    assert!(
        error_at(&r, "energy[0].grid").contains("2018"),
        "{:?}",
        r.errors
    );
    assert_eq!(value(&r, "water_m3"), "100");
}

#[test]
fn a_period_that_is_not_a_financial_year_and_a_bad_year_end_are_refused_at_their_field() {
    let r = run(office("clp", "2024/26", json!({})));
    assert!(
        error_at(&r, "energy[0].grid").contains("depends on the year"),
        "{:?}",
        r.errors
    );
    for bad in [json!(12), json!(0), json!("3.5"), json!(-3)] {
        let r = run(office("clp", "2020/21", json!({ "year_end_month": bad })));
        assert!(
            !error_at(&r, "year_end_month").is_empty(),
            "{bad}: {:?}",
            r.errors
        );
    }
}

#[test]
fn the_year_end_month_is_written_back_and_a_default_one_is_not() {
    let v = office("clp", "2020/21", json!({ "year_end_month": 6 }));
    let written = to_value(&read(&v).0.unwrap());
    assert_eq!(written["year_end_month"], json!(6));
    assert_eq!(run(written.clone()).kpis, run(v).kpis);
    let v = office("clp", "2020/21", json!({ "year_end_month": 3 }));
    assert!(to_value(&read(&v).0.unwrap())
        .get("year_end_month")
        .is_none());
}
