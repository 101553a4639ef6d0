//! The Part D disclosure (HKEX ESG Reporting Code, climate): one table ready for the report —
//! Scope 1, Scope 2 location-based with market-based beside it, Scope 3 by category with each
//! category's comply-or-explain entry, the intensities, the gases covered, the GWP set, the
//! consolidation approach, the base year, the method and the factors' sources — built from the
//! results alone, in any of the three languages, as rows for the page, CSV and an Excel paste.

use super::calc::Results;
use super::kpi::KpiId;
use super::number::{self, plain};
use super::period::PeriodId;
use super::results::{Num, Rounded};
use super::text::{Lang, Text};
use crate::t;
use serde::Serialize;

/// One row of the disclosure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// `scope1`, `scope2_location`, `scope3_c6`, `intensity:<id>`, `gwp`, `factor:<id>` …
    pub id: String,
    pub section: Text,
    pub item: Text,
    /// As the report prints it (two decimals), or words.
    pub shown: Text,
    /// The exact value, when the row is a figure.
    pub value: Option<Num>,
    pub unit: String,
    /// Its basis, reason or source.
    pub note: Text,
}

fn figure(value: Option<Num>, reason: Option<&Text>) -> (Text, Option<Num>) {
    match value {
        Some(v) => (Text::verbatim(Rounded(v.0).to_string()), Some(v)),
        None => (reason.cloned().unwrap_or_else(|| Text::verbatim("—")), None),
    }
}

pub use super::scenario::CONSOLIDATION;

/// An approach's words.
pub fn consolidation_words(id: &str) -> Text {
    match id {
        "operational_control" => t!("operational control"),
        "financial_control" => t!("financial control"),
        "equity_share" => t!("equity share"),
        _ => Text::verbatim(id.to_string()),
    }
}

/// The disclosure's rows, in the report's order.
pub fn rows(r: &Results) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    let Some(d) = &r.details else {
        return out;
    };
    let ghg = t!("GHG emissions (GHG Protocol)");
    let kpi = |id: KpiId| r.kpis.0.iter().find(|k| k.id == id);
    let mut push = |id: String,
                    section: &Text,
                    item: Text,
                    shown: (Text, Option<Num>),
                    unit: &str,
                    note: Text| {
        out.push(Row {
            id,
            section: section.clone(),
            item,
            shown: shown.0,
            value: shown.1,
            unit: unit.to_string(),
            note,
        });
    };
    for (id, k, item) in [
        ("scope1", KpiId::GhgScope1, t!("Scope 1 (direct)")),
        (
            "scope2_location",
            KpiId::GhgScope2,
            t!("Scope 2 (indirect, location-based)"),
        ),
    ] {
        if let Some(k) = kpi(k) {
            push(
                id.into(),
                &ghg,
                item,
                figure(k.value, k.reason.as_ref()),
                "t CO2e",
                k.formula.clone().unwrap_or_else(|| Text::verbatim("")),
            );
        }
    }
    if let Some(market) = &d.scope2_market_t {
        push(
            "scope2_market".into(),
            &ghg,
            t!("Scope 2 (market-based)"),
            figure(*market, None),
            "t CO2e",
            d.scope2_market_method
                .clone()
                .unwrap_or_else(|| Text::verbatim("")),
        );
    }
    if let Some(k) = kpi(KpiId::GhgTotal) {
        push(
            "scopes_1_2".into(),
            &ghg,
            t!("Scope 1 and 2"),
            figure(k.value, k.reason.as_ref()),
            "t CO2e",
            Text::verbatim(""),
        );
    }
    let s3 = t!("Scope 3, by GHG Protocol category");
    if let Some(scope3) = &d.scope3 {
        for c in &scope3.categories {
            let status = match c.status {
                "included" => t!("included"),
                "not_relevant" => t!("not relevant"),
                "not_measured" => t!("not yet measured"),
                _ => t!("not stated"),
            };
            let mut note = status;
            if !c.reason.trim().is_empty() {
                note = t!("{0}: {1}", note, c.reason.clone());
            }
            for m in &c.methods {
                note = t!("{0}; {1}", note, m.clone());
            }
            let shown = match (c.t, c.status) {
                (Some(v), _) => (Text::verbatim(Rounded(v.0).to_string()), Some(v)),
                (None, "not_relevant" | "not_measured") => (Text::verbatim("—"), None),
                (None, _) if c.lines > 0 => (t!("see its lines' errors"), None),
                (None, _) => (Text::verbatim("—"), None),
            };
            push(
                format!("scope3_c{}", c.category),
                &s3,
                c.name.clone(),
                shown,
                "t CO2e",
                note,
            );
        }
        push(
            "scope3".into(),
            &s3,
            t!("Scope 3, total"),
            figure(
                scope3.total_t,
                kpi(KpiId::GhgScope3).and_then(|k| k.reason.as_ref()),
            ),
            "t CO2e",
            Text::verbatim(""),
        );
        push(
            "scopes_1_2_3".into(),
            &s3,
            t!("GHG emissions (Scopes 1, 2 and 3)"),
            figure(scope3.scopes_1_2_3_t, None),
            "t CO2e",
            Text::verbatim(""),
        );
    }
    let per = t!("Intensities");
    if let Some(k) = kpi(KpiId::GhgIntensityPerM2) {
        push(
            format!("intensity:{}", k.id.id()),
            &per,
            k.id.name_text(),
            figure(k.value, k.reason.as_ref()),
            k.unit,
            k.formula.clone().unwrap_or_else(|| Text::verbatim("")),
        );
    }
    for i in &r.intensities {
        push(
            format!("intensity:{}", i.id),
            &per,
            i.name.clone(),
            figure(i.value, i.reason.as_ref()),
            &i.unit,
            i.formula.clone().unwrap_or_else(|| Text::verbatim("")),
        );
    }
    let basis = t!("Basis of preparation");
    push(
        "gases".into(),
        &basis,
        t!("Gases covered"),
        (Text::verbatim(gases(d)), None),
        "",
        t!("the gases with emissions in Scope 1 or 2; purchased electricity from a utility that publishes CO2e only counts as CO2e"),
    );
    push(
        "gwp".into(),
        &basis,
        t!("GWP set (100-year)"),
        (Text::verbatim(d.gwp.to_string()), None),
        "",
        Text::verbatim(crate::library::GwpSet::SOURCE.to_string()),
    );
    push(
        "consolidation".into(),
        &basis,
        t!("Consolidation approach"),
        (
            d.consolidation
                .map_or_else(|| t!("not stated"), consolidation_words),
            None,
        ),
        "",
        Text::verbatim(""),
    );
    let base = r.periods.get(PeriodId::BaseYear.key());
    push(
        "base_year".into(),
        &basis,
        t!("Base year"),
        (
            base.and_then(|b| b.period.clone())
                .map_or_else(|| t!("not stated"), Text::verbatim),
            None,
        ),
        "",
        match base.and_then(|b| b.kpis.0.iter().find(|k| k.id == KpiId::GhgTotal)) {
            Some(k) => match k.value {
                Some(v) => t!(
                    "Scope 1 and 2 in the base year: {0} t CO2e",
                    number::rounded(v.0, 2)
                ),
                None => k.reason.clone().unwrap_or_else(|| Text::verbatim("")),
            },
            None => Text::verbatim(""),
        },
    );
    push(
        "method".into(),
        &basis,
        t!("Method"),
        (Text::verbatim(d.grid_edition.clone()), None),
        "",
        t!(
            "GHG Protocol Corporate Standard and Scope 3 Standard; Mainland grid factors: edition {0}; towngas counted in {1}",
            d.grid_edition.clone(),
            d.towngas_scope
        ),
    );
    // Each factor once, with its source and status, in the order the lines first use it.
    let sources = t!("Emission factors and their sources");
    let mut seen: Vec<String> = Vec::new();
    for line in &r.trace {
        let Some(f) = &line.factor else { continue };
        let key = f.id.clone().unwrap_or_else(|| f.source.to_string());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key.clone());
        let value = f
            .values
            .iter()
            .map(|(gas, v)| match *gas {
                "value" => plain(v.0),
                g => format!("{g} {}", plain(v.0)),
            })
            .collect::<Vec<_>>()
            .join("; ");
        // A library source already ends with its status.
        let note = match f.status {
            Some(s) if !f.source.to_string().ends_with(&format!("[{s}]")) => {
                t!("{0} [{1}]", f.source.clone(), s)
            }
            _ => f.source.clone(),
        };
        push(
            format!("factor:{key}"),
            &sources,
            f.id.clone()
                .map_or_else(|| t!("the line's own factor"), Text::verbatim),
            (Text::verbatim(value), None),
            &f.unit,
            note,
        );
    }
    out
}

/// The gases with emissions, as a list: “CO2, CH4, N2O, HFCs (R-410A)”.
fn gases(d: &super::results::Details) -> String {
    let mut out: Vec<String> = Vec::new();
    for by in [&d.scope1_by_gas_co2e_t, &d.scope2_by_gas_co2e_t] {
        for (gas, v) in by {
            let positive = v.is_some_and(|v| !v.0.is_zero());
            let name = gas.to_string();
            if positive && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    // In the order reports list them.
    out.sort_by_key(|g| {
        ["CO2", "CH4", "N2O"]
            .iter()
            .position(|k| k == g)
            .unwrap_or(3)
    });
    if let Some(f) = &d.fugitive {
        let names: Vec<&str> = f.by_gas.keys().copied().collect();
        if !names.is_empty() {
            out.push(format!("HFCs and others ({})", names.join(", ")));
        }
    }
    out.join(", ")
}

/// The disclosure as CSV (UTF-8 with a BOM, for Excel): section, item, as printed, exact value,
/// unit, note, in `lang`.
pub fn csv(r: &Results, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    let head = [
        t!("Section"),
        t!("Item"),
        t!("As printed"),
        t!("Exact value"),
        t!("Unit"),
        t!("Basis, reason or source"),
    ]
    .map(|h| h.render(lang).to_string());
    out += &super::exports::csv_line(&head);
    for row in rows(r) {
        out += &super::exports::csv_line(&[
            row.section.render(lang).to_string(),
            row.item.render(lang).to_string(),
            row.shown.render(lang).to_string(),
            row.value
                .map(|v| plain(v.0).replace(',', ""))
                .unwrap_or_default(),
            row.unit.clone(),
            row.note.render(lang).to_string(),
        ]);
    }
    out
}

/// The disclosure as tab-separated text to paste into Excel: item, figure (no thousands
/// separators, so Excel reads a number), unit, note.
pub fn tsv(r: &Results, lang: Lang) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::new();
    for row in rows(r) {
        let shown = match row.value {
            Some(v) => number::rounded(v.0, 2).replace(',', ""),
            None => row.shown.render(lang).to_string(),
        };
        out += &format!(
            "{}\t{}\t{}\t{}\t{}\n",
            clean(&row.section.render(lang)),
            clean(&row.item.render(lang)),
            clean(&shown),
            clean(&row.unit),
            clean(&row.note.render(lang))
        );
    }
    out
}
