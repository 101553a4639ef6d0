//! Grid factors that follow the period: under `grid_edition: "latest"` (what a new report
//! starts on) a Mainland line takes the MEE/NBS regional edition of its year, or the latest one
//! before it with a warning at the line; a line before the first MEE edition keeps the 2015
//! basis; Sichuan and Chongqing are on the Southwest grid in the MEE tables; `cn-national`
//! takes the national average of the year. A scenario without `grid_edition` keeps the 2015
//! basis, and the built-in example says so.

mod common;
use common::*;
use esg_kpi_calculator::engine::{example, library};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// 1,000 MWh on `grid` in `period`, on `edition` (none: the scenario says nothing).
fn plant(grid: &str, period: &str, edition: Option<&str>) -> Value {
    let mut v = json!({ "gwp": "AR6", "period": period, "energy": [
        { "site": "Plant", "source": "electricity", "quantity": "1000", "unit": "MWh", "grid": grid }] });
    if let Some(e) = edition {
        v["grid_edition"] = json!(e);
    }
    v
}

fn used(r: &esg_kpi_calculator::engine::Results) -> String {
    let line = r
        .trace
        .iter()
        .find(|t| t.path == "energy[0]")
        .expect("a line");
    line.factor
        .as_ref()
        .and_then(|f| f.id.clone())
        .unwrap_or_default()
}

fn flagged(r: &esg_kpi_calculator::engine::Results) -> Option<String> {
    r.checks
        .iter()
        .find(|c| c.id.starts_with("earlier-factor:"))
        .map(|c| c.message.to_string())
}

#[test]
fn a_line_takes_the_mee_edition_of_its_year_or_the_latest_before_it_flagged() {
    // (grid, period, the factor used, t CO2 for 1,000 MWh, flagged as of an earlier year)
    let cases = [
        ("guangdong", "2022", "cn-2022-mee:cn-south", "386.9", false),
        ("guangdong", "2023", "cn-2023-mee:cn-south", "404.2", false),
        ("guangdong", "2024", "cn-2023-mee:cn-south", "404.2", true),
        ("guangdong", "2025", "cn-2023-mee:cn-south", "404.2", true),
        (
            "guangdong",
            "FY2024/25",
            "cn-2023-mee:cn-south",
            "404.2",
            true,
        ),
        ("shanghai", "2023", "cn-2023-mee:cn-east", "550", false),
        ("beijing", "2022", "cn-2022-mee:cn-north", "677.6", false),
        (
            "sichuan",
            "2023",
            "cn-2023-mee:cn-southwest",
            "247.2",
            false,
        ),
        ("重庆", "2022", "cn-2022-mee:cn-southwest", "226.8", false),
        ("hubei", "2023", "cn-2023-mee:cn-central", "527.1", false),
        (
            "cn-southwest",
            "2023",
            "cn-2023-mee:cn-southwest",
            "247.2",
            false,
        ),
        (
            "cn-national",
            "2021",
            "cn-national-2021-mee-nbs",
            "556.8",
            false,
        ),
        (
            "cn-national",
            "2023",
            "cn-national-2023-mee-nbs",
            "530.6",
            false,
        ),
        (
            "cn-national",
            "2025",
            "cn-national-2023-mee-nbs",
            "530.6",
            true,
        ),
    ];
    for (grid, period, id, t, later) in cases {
        let r = run(plant(grid, period, Some("latest")));
        assert!(r.errors.is_empty(), "{grid} {period}: {:?}", r.errors);
        assert_eq!(used(&r), id, "{grid} {period}");
        assert_eq!(d(&value(&r, "ghg_scope2_t")), d(t), "{grid} {period}");
        match flagged(&r) {
            Some(m) if later => assert!(m.contains("latest MEE/NBS edition"), "{m}"),
            None if !later => {}
            other => panic!("{grid} {period}: {other:?}"),
        }
        let line = r.trace.iter().find(|t| t.path == "energy[0]").unwrap();
        assert_eq!(
            line.factor.as_ref().unwrap().status,
            Some("secondary"),
            "{grid} {period}"
        );
    }
}

#[test]
fn a_line_before_the_first_mee_edition_keeps_the_2015_basis() {
    let r = run(plant("guangdong", "2018", Some("latest")));
    assert_eq!(used(&r), "cn-2015-cm:cn-south");
    assert!(flagged(&r).is_none());
    // 2019 is more than three years after 2015: flagged as before.
    let r = run(plant("sichuan", "2019", Some("latest")));
    assert_eq!(
        used(&r),
        "cn-2015-cm:cn-central",
        "Sichuan is Central in NDRC's tables"
    );
    assert!(flagged(&r).unwrap().contains("more than three years older"));
}

#[test]
fn without_grid_edition_a_scenario_keeps_the_2015_basis_and_the_example_says_so() {
    let r = run(plant("guangdong", "2023", None));
    assert_eq!(used(&r), "cn-2015-cm:cn-south");
    assert!(flagged(&r).unwrap().contains("more than three years older"));
    assert_eq!(example::example()["grid_edition"], "cn-2015-cm");
    assert_eq!(example::blank("2025")["grid_edition"], "latest");
    // A Southwest line on an NDRC edition has no factor: refused at the line.
    let r = run(plant("cn-southwest", "2018", Some("cn-2015-cm")));
    assert!(
        error_at(&r, "energy[0].grid").contains("edition"),
        "{:?}",
        r.errors
    );
}

#[test]
fn the_two_mee_regional_tables_are_in_the_library_with_their_status() {
    for (year, edition) in library::MEE_EDITIONS {
        for region in library::Region::ALL {
            let id = format!("{edition}:{}", region.id());
            let r = library::find(&id).unwrap_or_else(|| panic!("{id}"));
            assert_eq!(r.status.id(), "secondary", "{id}");
            assert_eq!(r.edition, year.to_string());
            assert!(r.document.contains("Table 2"), "{id}");
        }
    }
    assert_eq!(library::latest_edition(Some(2030)), ("cn-2023-mee", true));
    assert_eq!(
        library::latest_edition(Some(2021)).0,
        library::DEFAULT_GRID_EDITION
    );
}

/// A financial year under `latest` takes each calendar year's MEE/NBS edition for its months,
/// as a Hong Kong utility's line does: 9/12 of the first year's regional (or national) average
/// and 3/12 of the second's, both named in the line's factor; Sichuan stays on the Southwest
/// grid in both; a year the tables do not reach yet takes the latest for its months, flagged.
#[test]
fn a_financial_year_takes_each_years_mee_edition_for_its_months() {
    // (grid, period, year_end_month, the factor used, t CO2 for 1,000 MWh, flagged)
    let cases = [
        // 9/12 × 0.3869 + 3/12 × 0.4042 = 0.391225
        (
            "guangdong",
            "2022/23",
            None,
            "cn-2022-mee:cn-south+cn-2023-mee:cn-south",
            "391.225",
            false,
        ),
        // 6/12 × 0.3869 + 6/12 × 0.4042 = 0.39555
        (
            "廣東",
            "FY2022/23",
            Some(6),
            "cn-2022-mee:cn-south+cn-2023-mee:cn-south",
            "395.55",
            false,
        ),
        // 9/12 × 0.2268 + 3/12 × 0.2472 = 0.2319
        (
            "sichuan",
            "2022-23",
            None,
            "cn-2022-mee:cn-southwest+cn-2023-mee:cn-southwest",
            "231.9",
            false,
        ),
        // 9/12 × 0.5568 + 3/12 × 0.5366 = 0.55175
        (
            "cn-national",
            "2021/22",
            None,
            "cn-national-2021-mee-nbs+cn-national-2022-mee-nbs",
            "551.75",
            false,
        ),
        // 2023 for all twelve months: the one edition, flagged for 2024's three
        (
            "guangdong",
            "2023/24",
            None,
            "cn-2023-mee:cn-south",
            "404.2",
            true,
        ),
    ];
    for (grid, period, end, id, t, later) in cases {
        let mut s = plant(grid, period, Some("latest"));
        if let Some(m) = end {
            s["year_end_month"] = json!(m);
        }
        let r = run(s);
        assert!(r.errors.is_empty(), "{grid} {period}: {:?}", r.errors);
        assert_eq!(used(&r), id, "{grid} {period}");
        assert_eq!(d(&value(&r, "ghg_scope2_t")), d(t), "{grid} {period}");
        assert_eq!(flagged(&r).is_some(), later, "{grid} {period}");
        let line = r.trace.iter().find(|t| t.path == "energy[0]").unwrap();
        let source = line.factor.as_ref().unwrap().source.to_string();
        if id.contains('+') {
            let (a, b) = id.split_once('+').unwrap();
            let months = 12 - end.unwrap_or(3);
            assert!(
                source.contains(&format!("{months}/12 × "))
                    && source.contains(a)
                    && source.contains(b),
                "{grid} {period}: {source}"
            );
        }
    }
    // A year before the first MEE/NBS table keeps the 2015 basis for its months.
    let before = run(plant("guangdong", "2021", Some("latest")));
    let after = run(plant("guangdong", "2022", Some("latest")));
    let r = run(plant("guangdong", "2021/22", Some("latest")));
    assert_eq!(used(&r), "cn-2015-cm:cn-south+cn-2022-mee:cn-south");
    let blend = (d(&value(&before, "ghg_scope2_t")) * d("9")
        + d(&value(&after, "ghg_scope2_t")) * d("3"))
        / d("12");
    assert_eq!(d(&value(&r, "ghg_scope2_t")), blend);
}

/// A scenario may choose an MEE/NBS provincial table: a province's line takes its own average,
/// unverified and flagged at the line; a regional grid's line takes the same announcement's
/// regional table, or (2021, whose regional table the library has not shipped) is refused at
/// its grid with what to do.
#[test]
fn a_provincial_edition_gives_each_province_its_own_average() {
    // (edition, grid, the factor used, t CO2 for 1,000 MWh)
    let cases = [
        (
            "cn-2023-mee-provinces",
            "guangdong",
            "cn-2023-mee-provinces:guangdong",
            "441.9",
        ),
        (
            "cn-2023-mee-provinces",
            "廣東",
            "cn-2023-mee-provinces:guangdong",
            "441.9",
        ),
        (
            "cn-2022-mee-provinces",
            "四川",
            "cn-2022-mee-provinces:sichuan",
            "140.4",
        ),
        (
            "cn-2021-mee-provinces",
            "inner_mongolia_west",
            "cn-2021-mee-provinces:inner_mongolia",
            "702.5",
        ),
        (
            "cn-2023-mee-provinces",
            "内蒙古东部",
            "cn-2023-mee-provinces:inner_mongolia",
            "647.9",
        ),
        (
            "cn-2023-mee-provinces",
            "cn-south",
            "cn-2023-mee:cn-south",
            "404.2",
        ),
    ];
    for (edition, grid, id, t) in cases {
        let r = run(plant(grid, "2023", Some(edition)));
        assert!(r.errors.is_empty(), "{edition} {grid}: {:?}", r.errors);
        assert_eq!(used(&r), id, "{edition} {grid}");
        assert_eq!(d(&value(&r, "ghg_scope2_t")), d(t), "{edition} {grid}");
        if id.contains("provinces") {
            let check = r
                .checks
                .iter()
                .find(|c| c.id == format!("factor-status:{id}"))
                .unwrap_or_else(|| panic!("{id} is flagged as unverified"));
            assert_eq!(check.path.as_deref(), Some("energy[0].factor"));
            let line = r.trace.iter().find(|t| t.path == "energy[0]").unwrap();
            let f = line.factor.as_ref().unwrap();
            assert_eq!(f.status, Some("unverified"));
            assert!(f.source.to_string().contains("mee.gov.cn"), "{}", f.source);
        }
    }
    let r = run(plant("cn-south", "2021", Some("cn-2021-mee-provinces")));
    let e = r
        .errors
        .iter()
        .find(|e| e.path == "energy[0].grid")
        .expect("refused at the grid");
    assert!(
        e.message.to_string().contains("give the line its province"),
        "{}",
        e.message
    );
    // Tibet has no row: refused, as in the regional tables.
    let r = run(plant("西藏", "2023", Some("cn-2023-mee-provinces")));
    assert!(r.errors.iter().any(|e| e.path == "energy[0].grid"));
    // Five years after the table: flagged at the line.
    let r = run(plant("guangdong", "2027", Some("cn-2023-mee-provinces")));
    assert!(flagged(&r).is_some());
}

/// The provincial tables agree with what the press printed of them: the 2022 table's five
/// highest and five lowest provinces (新京报), and in 2023 twenty provinces lower than in 2022
/// and ten higher, Beijing among the first and Guangdong among the second (光明日报).
#[test]
fn the_provincial_tables_agree_with_the_press() {
    let value = |table: &str, p: &str| {
        library::find(&format!("{table}:{p}"))
            .unwrap_or_else(|| panic!("{table}:{p}"))
            .gases[0]
            .1
    };
    let provinces: Vec<&'static str> = library::MEE_PROVINCES.iter().map(|(id, _)| *id).collect();
    assert_eq!(provinces.len(), 30);
    let mut y2022: Vec<(Decimal, &'static str)> = provinces
        .iter()
        .map(|p| (value("cn-2022-mee-provinces", p), *p))
        .collect();
    y2022.sort();
    let names = |v: &[(Decimal, &'static str)]| v.iter().map(|(_, p)| *p).collect::<Vec<_>>();
    assert_eq!(
        names(&y2022[25..]),
        ["anhui", "inner_mongolia", "tianjin", "shanxi", "hebei"]
    );
    assert_eq!(
        names(&y2022[..5]),
        ["yunnan", "sichuan", "qinghai", "guangxi", "fujian"]
    );
    let rose: Vec<&str> = provinces
        .iter()
        .copied()
        .filter(|p| value("cn-2023-mee-provinces", p) > value("cn-2022-mee-provinces", p))
        .collect();
    assert_eq!(rose.len(), 10, "{rose:?}");
    assert!(rose.contains(&"guangdong") && !rose.contains(&"beijing"));
    // Every record: MEE/NBS, unverified, its announcement's address.
    let records: Vec<_> = library::all()
        .iter()
        .filter(|f| f.id.contains("-mee-provinces:"))
        .collect();
    assert_eq!(records.len(), 90);
    for f in records {
        assert_eq!(f.status.id(), "unverified", "{}", f.id);
        assert!(f.url.starts_with("https://www.mee.gov.cn/"), "{}", f.id);
    }
}
