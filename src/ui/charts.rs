//! Charts drawn by the widget itself as SVG, from the engine's one result: Scope 1 against
//! Scope 2, the energy mix, emissions by site, and this period against the prior one. Every
//! bar carries its value as text, so a chart reads in print and to a screen reader.

use super::use_lang;
use crate::engine::calc::percent_of;
use crate::engine::period::PeriodId;
use crate::engine::results::Num;
use crate::engine::DecOps as _;
use crate::engine::{number, units, KpiId, Results};
use crate::i18n::tr;

/// Sites drawn in the emissions-by-site chart; the breakdown by site lists them all.
const MOST_SITES: usize = 12;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::rc::Rc;
use yew::prelude::*;

/// One bar: its label, its value, and the value as shown.
#[derive(Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: Decimal,
    pub shown: String,
    pub class: &'static str,
    /// Bars of one group share a scale (a KPI and its prior value); groups differ in unit.
    pub group: usize,
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub bars: Vec<Bar>,
}

/// Horizontal bars scaled to the largest. Geometry is the only arithmetic here, for drawing.
#[component]
pub fn BarChart(props: &BarChartProps) -> Html {
    if props.bars.is_empty() {
        return html! {};
    }
    let max_of = |group: usize| {
        props
            .bars
            .iter()
            .filter(|b| b.group == group)
            .map(|b| b.value)
            .max()
            .unwrap_or(Decimal::ONE)
    };
    // Labels and values are HTML text, so they keep the page's font size at any width (an
    // SVG's text shrinks with it: 7 px on a phone); each value sits just before its bar, a
    // one-rect SVG stretched over the column of bars (its length an attribute, not an inline
    // style, which a strict CSP forbids), so every bar starts at the same place.
    const TRACK: i64 = 1000;
    let title_id = format!("{}-title", props.id);
    html! {
        <figure class="chart" data-chart={props.id.clone()} aria-labelledby={title_id.clone()}>
            <figcaption id={title_id}>{ &props.title }</figcaption>
            <ul class="bars">
                { for props.bars.iter().map(|b| {
                    let max = max_of(b.group);
                    let scaled = if max.is_zero() { None } else { b.value.cmul(Decimal::from(TRACK)).and_then(|v| v.cdiv(max)) };
                    let w = scaled.and_then(|x| x.round().to_i64()).unwrap_or(0).clamp(0, TRACK).max(if b.value.is_zero() { 0 } else { 6 });
                    html! {
                        <li class="bar-row">
                            <span class="bar-label" title={b.label.clone()}>{ shorten(&b.label) }</span>
                            <span class="bar-value">{ &b.shown }</span>
                            <svg viewBox={format!("0 0 {TRACK} 10")} preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                <rect x="0" y="0" width={w.to_string()} height="10" class={classes!("bar", b.class)} />
                            </svg>
                        </li>
                    }
                }) }
            </ul>
        </figure>
    }
}

fn shorten(label: &str) -> String {
    match label.char_indices().nth(26) {
        Some((at, _)) => format!("{}…", &label[..at]),
        None => label.to_string(),
    }
}

fn dec(v: &Option<Num>) -> Option<Decimal> {
    v.map(Num::get)
}

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub results: Rc<Results>,
}

#[component]
pub fn Charts(props: &ChartsProps) -> Html {
    let lang = use_lang();
    let r = &props.results;
    let kpi = |id: KpiId| r.kpis.get(id).and_then(|k| k.exact());
    let share = |part: Decimal, whole: Option<Decimal>| {
        whole
            .and_then(|w| percent_of(part, w))
            .map(|p| format!(" ({}%)", number::rounded(p, 1)))
            .unwrap_or_default()
    };
    let total = kpi(KpiId::GhgTotal);
    let scopes: Vec<Bar> = [
        (KpiId::GhgScope1, tr!(lang, "Scope 1 (direct)"), "scope1"),
        (KpiId::GhgScope2, tr!(lang, "Scope 2 (indirect)"), "scope2"),
    ]
    .into_iter()
    .filter_map(|(id, label, class)| {
        let v = kpi(id)?;
        Some(Bar {
            label: label.into(),
            value: v,
            shown: format!(
                "{} {}{}",
                number::display(v),
                tr!(lang, "t"),
                share(v, total)
            ),
            class,
            group: 0,
        })
    })
    .collect();
    let details = r.details.as_ref();
    let energy_total = kpi(KpiId::EnergyTotal);
    let mix: Vec<Bar> = details
        .map(|d| {
            d.energy_by_source_mwh
                .iter()
                .filter_map(|(s, v)| {
                    let v = dec(v)?;
                    let label = units::Source::from_id(s)
                        .map_or(s.to_string(), |s| tr(lang, s.label()).to_string());
                    Some(Bar {
                        label,
                        value: v,
                        shown: format!(
                            "{} {}{}",
                            number::display(v),
                            tr!(lang, "MWh"),
                            share(v, energy_total)
                        ),
                        class: "energy",
                        group: 0,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let sites: Vec<Bar> = details
        .map(|d| {
            d.emissions_by_site_t
                .iter()
                .filter_map(|(site, v)| {
                    let v = dec(v)?;
                    let label = if site.is_empty() {
                        tr!(lang, "(no site)").to_string()
                    } else {
                        site.clone()
                    };
                    Some(Bar {
                        label,
                        value: v,
                        shown: format!("{} {}", number::display(v), tr!(lang, "t")),
                        class: "site",
                        group: 0,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    // A chart of 600 stores is a grey wall: the largest sites, the rest in the breakdown.
    let all_sites = sites.len();
    let sites: Vec<Bar> = if all_sites > MOST_SITES {
        // Largest first, equal ones in their order.
        let keys: Vec<Decimal> = sites.iter().map(|b| -b.value).collect();
        let mut sites: Vec<Option<Bar>> = sites.into_iter().map(Some).collect();
        number::order(&keys)
            .into_iter()
            .take(MOST_SITES)
            .filter_map(|i| sites.get_mut(i).and_then(Option::take))
            .collect::<Vec<Bar>>()
    } else {
        sites
    };
    let sites_title = if all_sites > MOST_SITES {
        trf!(
            lang,
            "GHG emissions by site: the {0} largest of {1} (t CO2e)",
            &[&MOST_SITES.to_string(), &all_sites.to_string()],
        )
    } else {
        tr!(lang, "GHG emissions by site (t CO2e)").to_string()
    };
    // Scope 3 by category: the categories with tonnes, largest first.
    let scope3_total = kpi(KpiId::GhgScope3);
    let mut scope3: Vec<Bar> = details
        .and_then(|d| d.scope3.as_ref())
        .map(|s| {
            s.categories
                .iter()
                .filter_map(|c| {
                    let v = dec(&c.t)?;
                    Some(Bar {
                        label: c.name.render(lang),
                        value: v,
                        shown: format!(
                            "{} {}{}",
                            number::display(v),
                            tr!(lang, "t"),
                            share(v, scope3_total)
                        ),
                        class: "scope3",
                        group: 0,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let keys: Vec<Decimal> = scope3.iter().map(|b| -b.value).collect();
    let mut slots: Vec<Option<Bar>> = scope3.drain(..).map(Some).collect();
    let scope3: Vec<Bar> = number::order(&keys)
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect();
    let prior = r.periods.get(PeriodId::Prior.key());
    let compare: Vec<Bar> = prior
        .map(|p| {
            [KpiId::GhgTotal, KpiId::EnergyTotal, KpiId::Water]
                .into_iter()
                .enumerate()
                .flat_map(|(group, id)| {
                    let now = kpi(id).map(|v| {
                        (
                            r.period
                                .clone()
                                .unwrap_or_else(|| PeriodId::Current.name().render(lang)),
                            v,
                            "now",
                        )
                    });
                    let before = p.kpis.get(id).and_then(|k| k.exact()).map(|v| {
                        (
                            p.period
                                .clone()
                                .unwrap_or_else(|| PeriodId::Prior.name().render(lang)),
                            v,
                            "before",
                        )
                    });
                    [now, before]
                        .into_iter()
                        .flatten()
                        .map(move |(period, v, class)| Bar {
                            label: format!("{} {period}", short_name(lang, id)),
                            value: v,
                            shown: format!("{} {}", number::display(v), tr(lang, id.unit())),
                            class,
                            group,
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    html! {
        <section class="charts" aria-labelledby="charts-title">
            <h3 id="charts-title">{ tr!(lang, "Charts") }</h3>
            <div class="chart-grid">
                <BarChart id="scopes" title={tr!(lang, "GHG emissions: Scope 1 and Scope 2 (t CO2e)")} bars={scopes} />
                <BarChart id="energy-mix" title={tr!(lang, "Energy mix (MWh)")} bars={mix} />
                if !scope3.is_empty() { <BarChart id="scope3" title={tr!(lang, "Scope 3 by GHG Protocol category (t CO2e)")} bars={scope3} /> }
                if sites.len() > 1 { <BarChart id="sites" title={sites_title} bars={sites} /> }
                if !compare.is_empty() { <BarChart id="periods" title={tr!(lang, "This period against the prior one (each KPI on its own scale)")} bars={compare} /> }
            </div>
        </section>
    }
}

/// A KPI's name short enough for a chart label, in the page's language.
fn short_name(lang: crate::i18n::Lang, id: KpiId) -> String {
    let full = match lang {
        crate::i18n::Lang::En => id
            .name_en()
            .replace("consumption", "")
            .replace(" (Scope 1 and 2)", ""),
        crate::i18n::Lang::ZhHant => id.name_zh_hant().to_string(),
        crate::i18n::Lang::ZhHans => id.name_zh_hans().to_string(),
    };
    // The report's names end in their unit, "(噸)": the bar's value carries it already.
    full.split(['(', '（'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string()
}
