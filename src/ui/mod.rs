//! The page: inputs grouped as the report groups them, the KPI table beside them, recomputed
//! on every keystroke. Every number shown comes from the engine's one `Results`.

mod fields;
mod state;

use crate::engine::{calc::KpiResult, path, units, KpiId, Results};
use fields::{NumberField, SelectField, TextField};
pub use state::{Action, State};
use std::rc::Rc;
use yew::prelude::*;

/// Shared state for the page's components.
pub type KpiContext = UseReducerHandle<State>;

#[component]
pub fn App() -> Html {
    let state = use_reducer(State::example);
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            crate::embed::register_loader(Callback::from(move |v| {
                dispatcher.dispatch(Action::Load(v))
            }));
        });
    }
    let onedit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(path, text): (String, String)| {
            dispatcher.dispatch(Action::Edit { path, text })
        })
    };
    let reset = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| {
            dispatcher.dispatch(Action::Load(crate::engine::example::example()))
        })
    };
    let name = path::text(&state.doc, "name");
    let period = path::text(&state.doc, "period");
    html! {
        <ContextProvider<KpiContext> context={state.clone()}>
            <header class="top">
                <div>
                    <h1>{ "ESG KPI Calculator" }</h1>
                    <p class="subtitle">
                        { "HKEX ESG environmental KPIs (A1, A2) from activity data — exact decimals, computed in this page; nothing is sent anywhere." }
                    </p>
                </div>
                <button type="button" class="secondary" onclick={reset}>{ "Load the 2018 report example" }</button>
            </header>
            <main class="layout">
                <section class="inputs" aria-labelledby="inputs-title">
                    <h2 id="inputs-title">{ "Inputs" }</h2>
                    <div class="group">
                        <TextField path="name" label="Scenario" value={name} onedit={onedit.clone()} />
                        <TextField path="period" label="Reporting period" value={period} onedit={onedit.clone()} />
                    </div>
                    <Inputs {onedit} />
                </section>
                <section class="results" aria-labelledby="kpi-title">
                    <h2 id="kpi-title">{ "Environmental KPIs" }</h2>
                    <ErrorBanner results={state.current.clone()} />
                    <KpiTable results={state.last_good.clone()} />
                    <Checks results={state.last_good.clone()} />
                    <Trace results={state.last_good.clone()} />
                </section>
            </main>
            <footer class="foot">
                { format!("ESG KPI Calculator {} · method: China regional grid factors, 2006 IPCC Guidelines, GB/T 2589-2008 energy conversion", crate::VERSION) }
            </footer>
        </ContextProvider<KpiContext>>
    }
}

#[derive(Properties, PartialEq)]
struct InputsProps {
    onedit: Callback<(String, String)>,
}

/// The inputs, in the order of the report: denominators, energy lines (A1.2, A2.1), waste
/// (A1.3, A1.4), water (A2.2), packaging (A2.5).
#[component]
fn Inputs(props: &InputsProps) -> Html {
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = &state.doc;
    let num = |p: &'static str, label: &'static str, unit: &'static str| {
        html! {
            <NumberField path={p} {label} {unit} value={path::text(doc, p)}
                error={state.error_at(p).map(AttrValue::from)}
                note={note(doc, p)} onedit={props.onedit.clone()} />
        }
    };
    let rows = doc
        .get("energy")
        .and_then(|v| v.as_array())
        .map_or(0, Vec::len);
    let add = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(Action::AddEnergyRow))
    };
    html! {
        <>
            <fieldset class="group">
                <legend>{ "Organisation — denominators of the intensities" }</legend>
                { num("organisation.floor_area_m2", "Floor area", "m²") }
                { num("organisation.employees", "Employees", "people") }
                { num("organisation.revenue_rmb_million", "Revenue", "RMB million") }
            </fieldset>
            <fieldset class="group">
                <legend>{ "Energy — feeds GHG (A1.2) and energy (A2.1)" }</legend>
                { for (0..rows).map(|i| html! { <EnergyRowEditor index={i} onedit={props.onedit.clone()} /> }) }
                <button type="button" class="secondary" onclick={add}>{ "+ Add an energy line" }</button>
            </fieldset>
            <fieldset class="group">
                <legend>{ "1. Emissions — waste (A1.3, A1.4)" }</legend>
                { num("waste.hazardous_t", "Hazardous waste", "t") }
                { num("waste.non_hazardous_t", "Non-hazardous waste", "t") }
            </fieldset>
            <fieldset class="group">
                <legend>{ "2. Energy and resources — water (A2.2), packaging (A2.5)" }</legend>
                { num("water_m3", "Water consumption", "m³") }
                { num("packaging_t", "Packaging material", "t") }
            </fieldset>
        </>
    }
}

fn note(doc: &serde_json::Value, p: &str) -> Option<AttrValue> {
    doc.get("notes")
        .and_then(|n| n.get(p))
        .and_then(|v| v.as_str())
        .map(|s| AttrValue::from(s.to_string()))
}

#[derive(Properties, PartialEq)]
struct EnergyRowProps {
    index: usize,
    onedit: Callback<(String, String)>,
}

#[component]
fn EnergyRowEditor(props: &EnergyRowProps) -> Html {
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = &state.doc;
    let i = props.index;
    let p = |field: &str| format!("energy[{i}].{field}");
    let err = |field: &str| state.error_at(&p(field)).map(AttrValue::from);
    let source_id = path::text(doc, &p("source"));
    let source = units::Source::from_id(&source_id);
    let sources: Vec<(AttrValue, AttrValue)> = units::Source::ALL
        .iter()
        .map(|s| (AttrValue::from(s.id()), AttrValue::from(s.label())))
        .collect();
    let unit_choices = source.map_or(&units::EnergyUnit::ALL[..], |s| s.units());
    let units: Vec<(AttrValue, AttrValue)> = unit_choices
        .iter()
        .map(|u| (AttrValue::from(u.id()), AttrValue::from(u.symbol())))
        .collect();
    let factor_units: Vec<(AttrValue, AttrValue)> = units::FactorUnit::ALL
        .iter()
        .filter(|u| u.basis() != units::Basis::M3 || source.is_none_or(|s| s.is_gas()))
        .map(|u| (AttrValue::from(u.id()), AttrValue::from(u.symbol())))
        .collect();
    let remove = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| dispatcher.dispatch(Action::RemoveEnergyRow(i)))
    };
    let factor_is_library = doc
        .get("energy")
        .and_then(|e| e.get(i))
        .and_then(|r| r.get("factor"))
        .is_some_and(|f| f.is_string());
    let row_error = state.error_at(&format!("energy[{i}]"));
    let factor_source = path::text(doc, &p("factor.source"));
    html! {
        <div class="energy-row" role="group" aria-label={format!("Energy line {}", i + 1)}>
            <div class="row-head">
                <span class="row-title">{ format!("Line {}", i + 1) }</span>
                <button type="button" class="link" onclick={remove} aria-label={format!("Remove energy line {}", i + 1)}>{ "Remove" }</button>
            </div>
            if let Some(e) = row_error { <p class="error" data-error-for={format!("energy[{i}]")}>{ e }</p> }
            <div class="row-grid">
                <TextField path={p("site")} label="Site" value={path::text(doc, &p("site"))} error={err("site")} onedit={props.onedit.clone()} />
                <SelectField path={p("source")} label="Source" value={source_id.clone()} options={sources} error={err("source")} onedit={props.onedit.clone()} />
                <NumberField path={p("quantity")} label="Quantity" value={path::text(doc, &p("quantity"))} error={err("quantity")} note={note(doc, &p("quantity"))} onedit={props.onedit.clone()} />
                <SelectField path={p("unit")} label="Unit" value={path::text(doc, &p("unit"))} options={units} error={err("unit")} onedit={props.onedit.clone()} />
                if factor_is_library {
                    <TextField path={p("factor")} label="Factor (library id)" value={path::text(doc, &p("factor"))} error={err("factor")} onedit={props.onedit.clone()} />
                } else {
                    <NumberField path={p("factor.value")} label="Emission factor" value={path::text(doc, &p("factor.value"))} error={err("factor.value")} onedit={props.onedit.clone()} />
                    <SelectField path={p("factor.unit")} label="Factor unit" value={path::text(doc, &p("factor.unit"))} options={factor_units} error={err("factor.unit")} onedit={props.onedit.clone()} />
                }
            </div>
            if !factor_source.is_empty() { <p class="note">{ format!("Factor source: {factor_source}") }</p> }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ResultsProps {
    results: Rc<Results>,
}

#[component]
fn ErrorBanner(props: &ResultsProps) -> Html {
    let errors = &props.results.errors;
    html! {
        <div class="status" role="status" aria-live="polite">
            if !errors.is_empty() {
                <div class="banner" data-testid="error-banner">
                    <p><strong>{ if errors.len() == 1 { "1 input needs attention".to_string() } else { format!("{} inputs need attention", errors.len()) } }</strong>
                    { " — the KPIs below are from your last valid input." }</p>
                    <ul>{ for errors.iter().map(|e| html! { <li><code>{ &e.path }</code>{ ": " }{ &e.message }</li> }) }</ul>
                </div>
            }
        </div>
    }
}

#[component]
fn KpiTable(props: &ResultsProps) -> Html {
    let row = |k: &KpiResult| {
        let shown = k.display.clone().unwrap_or_else(|| "—".into());
        let published = match (&k.published, k.matches_published) {
            (Some(p), Some(true)) => {
                html! { <span class="match" title="The computed value, rounded as published, equals it">{ format!("{} ✓", published_display(p)) }</span> }
            }
            (Some(p), _) => {
                html! { <span class="differs" title="Differs from the computed value: see the checks below">{ format!("{} ≠", published_display(p)) }</span> }
            }
            (None, _) => html! { <span class="none">{ "—" }</span> },
        };
        let how = k
            .formula
            .clone()
            .or_else(|| k.reason.clone())
            .unwrap_or_default();
        html! {
            <tr class={classes!(k.exact.is_none().then_some("unavailable"))}>
                <td class="code">{ k.hkex }</td>
                <th scope="row"><span class="en">{ k.id.name_en() }</span><span class="zh" lang="zh-Hant">{ k.id.name_zh_hant() }</span></th>
                <td class="num"><span data-kpi={k.id.id()} title={k.value.clone().map(|v| format!("exact: {v}"))}>{ shown }</span></td>
                <td class="unit">{ k.unit }</td>
                <td class="num published">{ published }</td>
                <td class="how">{ how }</td>
            </tr>
        }
    };
    let has_published = props.results.kpis.0.iter().any(|k| k.published.is_some());
    let group = |title: &str, zh: &str, ids: &[KpiId]| {
        html! {
            <>
                <tr class="group-row"><th colspan="6" scope="colgroup">{ title }<span class="zh" lang="zh-Hant">{ zh }</span></th></tr>
                { for ids.iter().filter_map(|id| props.results.kpis.get(*id)).map(row) }
            </>
        }
    };
    html! {
        <div class="table-wrap">
            <table class="kpis">
                <caption class="sr-only">{ "Environmental KPIs, computed, with the published figures beside them" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "HKEX" }</th>
                        <th scope="col">{ "KPI" }</th>
                        <th scope="col" class="num">{ "Computed" }</th>
                        <th scope="col">{ "Unit" }</th>
                        <th scope="col" class="num">{ if has_published { "Published" } else { "" } }</th>
                        <th scope="col">{ "How it is obtained" }</th>
                    </tr>
                </thead>
                <tbody>
                    { group("1. Emissions", "排放物", &KpiId::ALL[..8]) }
                    { group("2. Energy and resource use", "能源及資源消耗", &KpiId::ALL[8..]) }
                </tbody>
            </table>
        </div>
    }
}

/// A published figure as the report prints it (thousands separated, its own decimals).
fn published_display(text: &str) -> String {
    match text.parse::<rust_decimal::Decimal>() {
        Ok(d) if d.abs() >= rust_decimal::Decimal::ONE => crate::engine::number::plain(d),
        _ => text.to_string(),
    }
}

#[component]
fn Checks(props: &ResultsProps) -> Html {
    let checks = &props.results.checks;
    if checks.is_empty() {
        return html! {};
    }
    html! {
        <section class="checks" aria-labelledby="checks-title">
            <h3 id="checks-title">{ "Checks" }</h3>
            <ul>
                { for checks.iter().map(|c| html! {
                    <li class={c.level} data-check={c.id.clone()}><span class="badge">{ c.level }</span>{ &c.message }</li>
                }) }
            </ul>
        </section>
    }
}

#[component]
fn Trace(props: &ResultsProps) -> Html {
    let trace = &props.results.trace;
    html! {
        <details class="trace">
            <summary>{ format!("Calculation lines ({})", trace.len()) }</summary>
            <ol>
                { for trace.iter().map(|t| html! {
                    <li data-trace={t.path.clone()}>
                        <p>{ &t.text }</p>
                        <p class="note">{ format!("Conversion: {}", t.conversion) }</p>
                    </li>
                }) }
            </ol>
        </details>
    }
}
