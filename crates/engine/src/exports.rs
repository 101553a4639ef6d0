//! Exports of the one result: the KPI table and the trace as CSV (RFC 4180, UTF-8 with BOM so
//! Excel reads Chinese text), and the KPI table as tab-separated text to paste into Excel.

use super::calc::{change_percent, KpiResult, Results};
use super::kpi::KpiId;
use super::number;
use super::period::PeriodId;
use super::text::Lang;

/// A CSV cell: quoted where needed, and defused where a spreadsheet would run it as a formula
/// (a cell starting with = + - @ gets a leading apostrophe; OWASP "CSV injection").
fn cell(text: &str) -> String {
    let defused = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// One CSV line: cells quoted where they need it, formulas defused, CRLF.
pub fn csv_line(cells: &[String]) -> String {
    line(cells)
}

fn line(cells: &[String]) -> String {
    cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",") + "\r\n"
}

const BOM: &str = "\u{feff}";

fn change_text(now: &KpiResult, before: Option<&KpiResult>) -> String {
    change_percent(now, before)
        .map(|p| number::rounded(p, 2).replace(',', ""))
        .unwrap_or_default()
}

/// The KPI table: one row per KPI, with the prior period and the change where there is one;
/// the working (`how`) in `lang`.
pub fn kpi_csv(r: &Results, lang: Lang) -> String {
    let prior = r.periods.get(PeriodId::Prior.key());
    let mut out = String::from(BOM);
    out += &line(
        &[
            "hkex",
            "kpi_id",
            "kpi",
            "kpi_zh_hant",
            "period",
            "value",
            "display",
            "unit",
            "published",
            "matches_published",
            "prior_period",
            "prior_value",
            "change_percent",
            "how",
        ]
        .map(String::from),
    );
    for k in &r.kpis.0 {
        let p = prior.and_then(|p| p.kpis.get(k.id));
        out += &line(&[
            k.hkex.into(),
            k.id.id().into(),
            k.id.name_en().into(),
            k.id.name_zh_hant().into(),
            r.period.clone().unwrap_or_default(),
            opt(&k.value),
            opt(&k.display),
            k.unit.into(),
            opt(&k.published),
            k.matches_published
                .map(|m| m.to_string())
                .unwrap_or_default(),
            prior.and_then(|p| p.period.clone()).unwrap_or_default(),
            opt(&p.and_then(|p| p.value)),
            change_text(k, p),
            k.formula
                .as_ref()
                .or(k.reason.as_ref())
                .map(|t| t.render(lang))
                .unwrap_or_default(),
        ]);
    }
    // The intensities the report chose, then those per unit of production, after the table.
    for i in r.intensities.iter().chain(&r.per_production_unit) {
        let hkex = KpiId::from_id(i.of).map_or("A1.2", KpiId::hkex);
        out += &line(&[
            hkex.into(),
            i.id.clone(),
            i.name.render(Lang::En).to_string(),
            i.name.render(Lang::ZhHant).to_string(),
            r.period.clone().unwrap_or_default(),
            opt(&i.value),
            opt(&i.display),
            i.unit.clone(),
            opt(&i.published),
            i.matches_published
                .map(|m| m.to_string())
                .unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
            i.formula
                .as_ref()
                .or(i.reason.as_ref())
                .map(|t| t.render(lang))
                .unwrap_or_default(),
        ]);
    }
    out
}

/// Every calculation line of every period; the sentences in `lang`.
pub fn trace_csv(r: &Results, lang: Lang) -> String {
    let mut out = String::from(BOM);
    out += &line(
        &[
            "period",
            "path",
            "kpis",
            "site",
            "source",
            "scope",
            "quantity",
            "unit",
            "mwh",
            "conversion",
            "factor_id",
            "factor_values",
            "factor_unit",
            "factor_source",
            "factor_status",
            "gwp",
            "emissions_t",
            "tce",
            "text",
        ]
        .map(String::from),
    );
    let periods = std::iter::once((r.period.clone(), &r.trace))
        .chain(r.periods.values().map(|p| (p.period.clone(), &p.trace)));
    for (period, trace) in periods {
        for t in trace {
            let f = t.factor.as_ref();
            out += &line(&[
                period.clone().unwrap_or_default(),
                t.path.clone(),
                t.kpis.join(";"),
                t.site.clone().unwrap_or_default(),
                t.source.unwrap_or_default().into(),
                t.scope.map(|s| s.to_string()).unwrap_or_default(),
                t.quantity.to_string(),
                t.unit.clone(),
                opt(&t.mwh),
                t.conversion
                    .as_ref()
                    .map(|c| c.render(lang))
                    .unwrap_or_default(),
                f.and_then(|f| f.id.clone()).unwrap_or_default(),
                f.map(|f| {
                    f.values
                        .iter()
                        .map(|(g, v)| format!("{g}={v}"))
                        .collect::<Vec<_>>()
                        .join(";")
                })
                .unwrap_or_default(),
                f.map(|f| f.unit.clone()).unwrap_or_default(),
                f.map(|f| f.source.render(lang)).unwrap_or_default(),
                f.and_then(|f| f.status).unwrap_or_default().into(),
                t.gwp.unwrap_or_default().into(),
                opt(&t.emissions_t),
                opt(&t.tce),
                t.text.render(lang),
            ]);
        }
    }
    out
}

/// A figure as text, empty where there is none.
fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

/// The KPI table as Excel takes a paste: tab-separated, numbers as displayed but without
/// thousands separators (so every locale's Excel reads them as numbers).
pub fn kpi_tsv(r: &Results) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("HKEX\tKPI\t環境關鍵績效指標\tValue\tUnit\tPublished\n");
    for k in &r.kpis.0 {
        out += &format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            k.hkex,
            clean(k.id.name_en()),
            clean(k.id.name_zh_hant()),
            opt(&k.display).replace(',', ""),
            k.unit,
            opt(&k.published)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{calculate_value, example};

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=SUM(A1:A3)"), "'=SUM(A1:A3)");
        assert_eq!(cell("@cmd"), "'@cmd");
        assert_eq!(cell("-1+1,2"), "\"'-1+1,2\"");
    }

    #[test]
    fn the_kpi_csv_has_every_kpi_with_exact_and_displayed_values() {
        let r = calculate_value(&example::example());
        let csv = kpi_csv(&r, Lang::En);
        assert!(csv.starts_with('\u{feff}'));
        let rows: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(rows.len(), 1 + KpiId::ALL.len());
        assert!(
            csv.contains("A1.1,air_nox_kg,"),
            "the A1.1 KPIs are exported too"
        );
        assert!(rows[1].starts_with("A1.2,ghg_total_t,Total GHG emissions (Scope 1 and 2),溫室氣體排放總量(範圍一及範圍二)(噸),2018,13093.569595551,\"13,093.57\",t CO2e,13093.57,true"), "{}", rows[1]);
        assert!(csv.contains("energy_mwh_per_employee"));
    }

    #[test]
    fn the_trace_csv_has_one_row_per_line_and_the_tsv_pastes_as_numbers() {
        let r = calculate_value(&example::example());
        let csv = trace_csv(&r, Lang::En);
        assert_eq!(csv.lines().count(), 1 + r.trace.len());
        assert!(csv.contains("energy[1]"));
        let tsv = kpi_tsv(&r);
        assert_eq!(tsv.lines().count(), 1 + KpiId::ALL.len());
        assert!(tsv.contains("A1.2\tTotal GHG emissions (Scope 1 and 2)\t溫室氣體排放總量(範圍一及範圍二)(噸)\t13093.57\tt CO2e\t13093.57"), "{tsv}");
    }

    #[test]
    fn change_is_against_the_prior_period() {
        let mut v = example::example();
        v["prior"] = serde_json::json!({ "period": "2017", "water_m3": "80000", "organisation": { "employees": "12016" } });
        let csv = kpi_csv(&calculate_value(&v), Lang::En);
        let water = csv
            .lines()
            .find(|l| l.starts_with("A2.2,water_m3,"))
            .unwrap();
        assert!(water.contains(",2017,80000,1.68,"), "{water}"); // (81,345.33 − 80,000) ÷ 80,000
    }

    #[test]
    fn intensities_per_unit_of_production_follow_the_table_in_the_csv() {
        let mut v = example::example();
        v["organisation"]["production_quantity"] = serde_json::json!("1000");
        v["organisation"]["production_unit"] = serde_json::json!("t");
        let csv = kpi_csv(&calculate_value(&v), Lang::ZhHant);
        assert_eq!(csv.lines().count(), 1 + KpiId::ALL.len() + 6);
        let water = csv
            .lines()
            .find(|l| l.contains(",water_m3_per_production_unit,"))
            .unwrap();
        // 81,345.33 m³ ÷ 1,000 t
        assert!(
            water.starts_with("A2.2,water_m3_per_production_unit,"),
            "{water}"
        );
        assert!(water.contains(",81.34533,81.35,m³ / t,"), "{water}");
    }
}
