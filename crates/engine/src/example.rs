//! The built-in example: the 2018 ESG report's environmental KPI table (環境關鍵績效指標表),
//! rebuilt from the activity data and denominators the report's own figures imply.
//!
//! The report publishes totals, not its activity data by site, and not its factors or
//! denominators. So the example uses, and says in its `notes`:
//! - its energy totals as activity (1,389.45 MWh natural gas; 17,467.47 MWh electricity);
//! - the factors its totals imply (271.69 t ÷ 1,389.45 MWh; 12,821.88 t ÷ 17,467.47 MWh);
//! - one headcount, 12,016, the one its water and waste intensities agree on. Its energy
//!   intensity, 1.32 MWh/person, implies about 14,286 people instead: the calculator shows
//!   1.57 beside the published 1.32 and says why, rather than bend the headcount.

/// The example scenario as JSON (`esg-kpi-scenario/1`).
pub const EXAMPLE_2018_JSON: &str = include_str!("example_2018.json");

pub fn example() -> serde_json::Value {
    serde_json::from_str(EXAMPLE_2018_JSON).unwrap_or(serde_json::Value::Null)
}

/// A new report: no example figures, notes, published table or denominators — only the
/// schema, the reporting period (a calendar year, which the user can change), AR6 and the
/// grid factors of the period.
pub fn blank(period: &str) -> serde_json::Value {
    serde_json::json!({
        "schema": "esg-kpi-scenario/1",
        "name": "",
        "period": period,
        // A new report takes the latest IPCC values (IFRS S2, which HKEX's Part D follows);
        // a scenario without `gwp` keeps AR5, as the contract says.
        "gwp": "AR6",
        // …and the grid factors of each line's year (the MEE/NBS editions, the latest before
        // it when its year is not out yet); a scenario without `grid_edition` keeps the 2015 basis.
        "grid_edition": "latest",
        "organisation": {},
        "energy": []
    })
}
