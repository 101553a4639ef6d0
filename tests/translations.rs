//! Every sentence the engine writes reaches the page in the page's language: for the example
//! and for scenarios broken in every way the reader reports, each error, check, reason,
//! formula, trace line and factor source renders in Traditional and Simplified Chinese from
//! the table, with no English template left over.

use esg_kpi_calculator::engine::calc::{Check, Kpis, Results, TraceLine};
use esg_kpi_calculator::engine::text::{template_in, Lang, Text};
use esg_kpi_calculator::engine::{calculate_json, calculate_value, example};
use serde_json::json;

fn period<'r>(
    out: &mut Vec<&'r Text>,
    kpis: &'r Kpis,
    checks: &'r [Check],
    trace: &'r [TraceLine],
) {
    for k in &kpis.0 {
        out.extend(k.reason.iter());
        out.extend(k.formula.iter());
    }
    out.extend(checks.iter().map(|c| &c.message));
    for t in trace {
        out.push(&t.text);
        out.extend(t.conversion.iter());
        out.extend(t.factor.iter().map(|f| &f.source));
    }
}

fn texts(r: &Results) -> Vec<&Text> {
    let mut out: Vec<&Text> = Vec::new();
    out.extend(r.errors.iter().map(|e| &e.message));
    period(&mut out, &r.kpis, &r.checks, &r.trace);
    for p in r.periods.values() {
        period(&mut out, &p.kpis, &p.checks, &p.trace);
    }
    if let Some(d) = &r.details {
        out.push(&d.energy_tce_method);
        out.extend(d.scope2_market_method.iter());
    }
    if let Some(pc) = &r.published_check {
        for i in &pc.implied {
            out.push(&i.what);
            out.push(&i.formula);
            out.extend(i.comparison.iter());
        }
        out.extend(pc.checks.iter().map(|c| &c.message));
    }
    out
}

/// Scenarios that between them make the engine say nearly everything it can.
fn scenarios() -> Vec<Results> {
    let mut out = vec![calculate_value(&example::example())];
    let mut prior = example::example();
    prior["prior"] = json!({ "organisation": { "employees": "0" }, "water_m3": "-1" });
    prior["instruments"] = json!([{ "type": "certificates", "mwh": "99999999" }]);
    out.push(calculate_value(&prior));
    for bad in [
        json!({ "schema": "esg-kpi-scenario/9" }),
        json!({ "schema": "nonsense" }),
        json!({ "schema": 3 }),
        json!([1, 2]),
        json!({
            "gwp": "AR9", "grid_edition": "1999", "grid_om_weight": "2", "national_grid": "x",
            "fuel_factors": { "electricity": "x", "diesel": "nope", "lpg": "ipcc-2006-natural-gas" },
            "organisation": { "floor_area_m2": "1,2,3", "employees": "abc", "revenue_rmb_million": "1e40" },
            "waste": [], "water_m3": "0.00000000000000000000000000001", "packaging_t": true,
            "published": { "nope": "1", "ghg_total_t": "x" },
            "instruments": [ 3, { "type": "x", "mwh": "1" }, { "mwh": null, "type": "certificates" },
                             { "type": "supplier", "mwh": "1" } ],
            "prior": { "schema": "x", "energy": {} },
            "energy": [
                3,
                { "source": "coal", "quantity": "1", "unit": "kWh" },
                { "quantity": "1", "unit": "kWh" },
                { "source": 7, "quantity": "1", "unit": "kWh" },
                { "source": "electricity", "quantity": "1", "unit": "furlong" },
                { "source": "electricity", "quantity": "1" },
                { "source": "diesel", "quantity": "1", "unit": "m3" },
                { "source": "diesel", "quantity": "1", "unit": "kWh", "ncv_kj_per_m3": "5" },
                { "source": "diesel", "unit": "kg", "ncv_kj_per_kg": "0" },
                { "source": "diesel", "quantity": "1", "unit": "L" },
                { "source": "diesel", "quantity": "1", "unit": "L", "density_kg_per_l": "0" },
                { "source": "diesel", "quantity": "1", "unit": "kg", "grid": "guangdong" },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "grid": "tibet" },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "grid": "atlantis" },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "grid": "clp" },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "grid": "clp", "period": "1990" },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "factor": "nope" },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "factor": "ipcc-2006-natural-gas" },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "factor": 3 },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "factor": { "value": "1" } },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "factor": { "unit": "kgCO2e/kWh" } },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "factor": { "value": "1", "co2": "1", "unit": "kgCO2e/kWh" } },
                { "source": "electricity", "quantity": "1", "unit": "kWh", "factor": { "value": "1", "unit": "kgCO2e/m3" } },
                { "source": "natural_gas", "quantity": "1", "unit": "m3", "factor": { "value": "1", "unit": "kgCO2e/L" } },
                { "source": "diesel", "quantity": "1", "unit": "kg", "factor": { "value": "1", "unit": "kgCO2e/L" } },
                { "source": "electricity", "quantity": "-1", "unit": "kWh" }
            ]
        }),
    ] {
        out.push(calculate_value(&bad));
    }
    out.push(calculate_json("{ not json"));
    for org in [
        json!({ "revenue_currency": "USD", "revenue_million": "100" }),
        json!({ "revenue_currency": "USD", "revenue_million": "1", "fx_rmb_per_unit": "0", "revenue_rmb_million": "7" }),
        json!({ "revenue_currency": "dollars" }),
        json!({ "revenue_million": "1", "production_quantity": "5" }),
        json!({ "production_quantity": "0", "production_unit": "cars" }),
    ] {
        out.push(calculate_value(
            &json!({ "organisation": org, "waste": { "items": [
            { "kind": "moon dust", "quantity": "1" }, { "kind": "glass", "unit": "lb" },
            { "quantity": "1", "hazardous": 3 }, "x"
        ] } }),
        ));
    }
    out.push(calculate_value(&json!({ "waste": { "items": {} } })));
    out.push(calculate_value(&json!({
        "organisation": { "revenue_currency": "HKD", "revenue_million": "10", "fx_rmb_per_unit": "0.9",
                          "production_quantity": "7", "production_unit": "rooms sold" },
        "packaging_t": "1",
        "waste": { "hazardous_t": "1", "non_hazardous_t": "2", "items": [
            { "site": "A", "kind": "paper", "quantity": "2", "unit": "kg" },
            { "kind": "waste_oil", "quantity": "1" },
            { "kind": "glass", "quantity": "1998", "unit": "kg" }
        ] }
    })));
    // Rows that compute, with missing factors, custom factors without a source, per-gas factors,
    // presets, litres with a density, a supplier instrument, and no denominators.
    out.push(calculate_value(&json!({
        "period": "2018",
        "energy": [
            { "site": "A", "source": "electricity", "quantity": "1", "unit": "kWh" },
            { "source": "electricity", "quantity": "1", "unit": "MWh", "factor": { "value": "0.5", "unit": "tCO2e/MWh" } },
            { "source": "diesel", "quantity": "100", "unit": "L", "density_kg_per_l": "0.84" },
            { "source": "diesel", "quantity": "100", "unit": "kg", "factor": { "co2": "3", "ch4": "0.001", "n2o": "0.001", "unit": "kg/kg" } },
            { "source": "natural_gas", "quantity": "100", "unit": "m3", "ncv_kj_per_m3": "36000" },
            { "source": "electricity", "quantity": "1", "unit": "kWh", "grid": "guangdong" },
            { "source": "electricity", "quantity": "1", "unit": "kWh", "grid": "hk-electric" }
        ],
        "organisation": { "floor_area_m2": "0" },
        "instruments": [ { "type": "supplier", "mwh": "0.5", "factor": { "value": "0.1", "unit": "tCO2e/MWh" } } ]
    })));
    out
}

#[test]
fn every_engine_sentence_renders_from_the_table_in_both_chinese_scripts() {
    let results = scenarios();
    let all: Vec<&Text> = results.iter().flat_map(texts).collect();
    assert!(all.len() > 150, "only {} sentences exercised", all.len());
    let errors: usize = results.iter().map(|r| r.errors.len()).sum();
    assert!(errors > 40, "only {errors} input errors exercised");
    let mut missing: Vec<&str> = all.iter().flat_map(|t| t.untranslated()).collect();
    missing.sort_unstable();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "sentences without a translation: {missing:#?}"
    );
    // No English sentence survives translation: each template in use, rendered in Chinese,
    // has none of the English words that make a sentence (values and user-typed text are
    // arguments, shown as they are, so they do not count).
    let mut used: Vec<&str> = all.iter().flat_map(|t| t.templates()).collect();
    used.sort_unstable();
    used.dedup();
    assert!(used.len() > 100, "only {} templates exercised", used.len());
    for en in used {
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            let zh = template_in(lang, en);
            for word in [
                "the ", " is ", " not ", " must ", " has ", " no ", " of ", " and ",
            ] {
                assert!(
                    !zh.contains(word),
                    "{lang:?} “{zh}” still has English “{word}” (from “{en}”)"
                );
            }
        }
    }
}

#[test]
fn the_same_error_reads_in_each_language() {
    let r = calculate_value(&json!({ "organisation": { "employees": "12,34" } }));
    let e = r
        .errors
        .iter()
        .find(|e| e.path == "organisation.employees")
        .expect("an error at the field");
    assert_eq!(
        e.message.render(Lang::En),
        "“12,34” has misplaced thousands separators (write 1,234,567.89 or 1234567.89)"
    );
    assert_eq!(
        e.message.render(Lang::ZhHant),
        "「12,34」的千位分隔符位置不正確（請寫作 1,234,567.89 或 1234567.89）"
    );
    assert_eq!(
        e.message.render(Lang::ZhHans),
        "“12,34”的千位分隔符位置不正确（请写作 1,234,567.89 或 1234567.89）"
    );
    // JSON keeps the contract's English string.
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(json["errors"][0]["message"], e.message.render(Lang::En));
    let water = r
        .kpis
        .0
        .iter()
        .find(|k| k.id.id() == "water_m3")
        .and_then(|k| k.reason.as_ref())
        .expect("water has a reason");
    assert_eq!(water.render(Lang::En), "no water consumption given");
    assert_eq!(water.render(Lang::ZhHant), "未填寫用水量");
    assert_eq!(water.render(Lang::ZhHans), "未填写用水量");
}
