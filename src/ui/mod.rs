//! The page: inputs grouped as the report groups them, the KPI table beside them, recomputed
//! on every keystroke. Every number shown comes from the engine's one `Results`.

mod charts;
mod disclosure;
mod fields;
mod import;
mod keep;
mod state;

use crate::engine::field::{Figure, Input, List};
use crate::engine::period::PeriodId;
use crate::engine::results::{Num, Rounded};
use crate::engine::scope3;
use crate::engine::{
    calc::KpiResult, fugitive, library, number, path, units, waste, KpiId, Results,
};
use crate::i18n::{tr, Lang};
use fields::{NumberField, SelectField, TextField};
pub use state::{kept, Action, Doc, Loaded, State, SHOWN_LINES};
use std::rc::Rc;
use yew::prelude::*;

/// Shared state for the page's components.
pub type KpiContext = UseReducerHandle<State>;

pub use keep::{Keys, Setup};

/// The calculator's host, as the host boundary (`crate::embed`: `window.EsgKpi`, the element,
/// an iframe's parent) makes it. The app calls it and never names the boundary, so the
/// boundary depends on the app and not the reverse.
pub struct Host {
    /// Called once, when the app mounts, with how a load reaches the app and how its language
    /// is set.
    pub connect: Box<dyn Fn(Callback<Loaded>, Callback<Lang>)>,
    /// Called after every change of the app's state.
    pub update: Box<dyn Fn(&State)>,
}

impl PartialEq for Host {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

#[derive(Properties, Clone, PartialEq)]
pub struct AppProps {
    /// How the calculator was started: the page, or an element's attributes.
    pub setup: Rc<Setup>,
    /// The page or element it runs in: how loads reach it and whom it tells of changes.
    pub host: Rc<Host>,
    /// An element's `lang` attribute; it wins over a remembered choice.
    #[prop_or_default]
    pub lang: Option<Lang>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let setup = props.setup.clone();
    // The language: the element's attribute, else as chosen before here, else the browser's.
    let lang_state = use_state(|| {
        let from_link = || {
            (!setup.element)
                .then(|| crate::engine::frame::fragment_lang(&crate::browser::location_hash()))
                .flatten()
        };
        props.lang.or_else(from_link).unwrap_or_else(|| {
            setup
                .keys
                .as_ref()
                .and_then(|k| crate::browser::storage_get(&k.lang()).ok().flatten())
                .and_then(|t| Lang::from_tag(&t))
                .unwrap_or_else(|| Lang::from_browser(&crate::browser::language()))
        })
    });
    let chosen = *lang_state;
    // The catalogue's Chinese columns are a file of their own (the wasm carries English only),
    // fetched the first time a Chinese script is chosen. Until it is in, the page stays in the
    // language it last showed; at start-up that is English, which is hidden (`data-lang-loading`)
    // so that no English flashes before the Chinese. A file that cannot be had is said, in the
    // language shown.
    let text_arrived = use_force_update();
    let text_problem = use_state(|| None::<(Lang, String)>);
    {
        let text_problem = text_problem.clone();
        use_effect_with(chosen, move |l| {
            let l = *l;
            if !crate::engine::text::translations_ready(l) {
                wasm_bindgen_futures::spawn_local(async move {
                    match crate::browser::load_translations(l).await {
                        Ok(()) => {
                            text_problem.set(None);
                            text_arrived.force_update();
                        }
                        Err(why) => text_problem.set(Some((l, why))),
                    }
                });
            }
        });
    }
    let (last_shown, seen) = (use_mut_ref(|| Lang::En), use_mut_ref(|| false));
    let ready = crate::engine::text::translations_ready(chosen);
    let lang = if ready { chosen } else { *last_shown.borrow() };
    *last_shown.borrow_mut() = lang;
    let loading = (!ready && !*seen.borrow() && text_problem.is_none()).then_some("start");
    *seen.borrow_mut() |= loading.is_none();
    let text_failed = text_problem
        .as_ref()
        .filter(|(l, _)| *l == chosen && !ready)
        .map(|(l, why)| {
            html! {
                <p class="error" role="alert" data-testid="text-failed">
                    { trf!(lang, "The page cannot be shown in {0}: its text could not be loaded ({1}).", &[l.name(), why]) }
                </p>
            }
        });
    {
        let element = setup.element;
        use_effect_with(lang, move |_| {
            if !element {
                crate::browser::set_document_lang(lang.tag())
            }
        });
    }
    let set_lang = {
        let (lang_state, keys) = (lang_state.clone(), setup.keys.clone());
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::from_tag(&select.value()) {
                if let Some(k) = &keys {
                    let _ = crate::browser::storage_set(&k.lang(), l.tag());
                }
                lang_state.set(l);
            }
        })
    };
    let startup = use_memo((), {
        let setup = setup.clone();
        move |_| keep::startup(&setup)
    });
    let state = use_reducer({
        let doc = startup.doc.clone();
        move || State::new(doc)
    });
    let notices = use_state(|| startup.notices.clone());
    let add_notice = {
        let notices = notices.clone();
        Callback::from(move |n: keep::Notice| {
            let mut list: Vec<keep::Notice> = (*notices).clone();
            list.retain(|x| x.text != n.text);
            list.push(n);
            notices.set(list);
        })
    };
    let dismiss = {
        let notices = notices.clone();
        Callback::from(move |i: usize| {
            let mut list: Vec<keep::Notice> = (*notices).clone();
            if i < list.len() {
                list.remove(i);
            }
            notices.set(list);
        })
    };
    // Another tab saved different inputs over ours: autosave waits until the user chooses.
    // (A tab that opens saves the same inputs it restored: that is no conflict.)
    let paused = use_mut_ref(|| startup.hold);
    let latest = use_mut_ref(|| state.doc.clone());
    *latest.borrow_mut() = state.doc.clone();
    {
        let (add_notice, keys, paused, latest) = (
            add_notice.clone(),
            setup.keys.clone(),
            paused.clone(),
            latest.clone(),
        );
        use_effect_with((), move |_| {
            let listener = keys.map(|keys| {
                crate::browser::on_storage_change(&keys.autosave.clone(), move |text| {
                    let theirs = crate::engine::saved::restore(&text).ok();
                    let same = theirs.is_some_and(|v| *latest.borrow().get() == v);
                    if !same && !*paused.borrow() {
                        *paused.borrow_mut() = true;
                        add_notice.emit(keep::Notice::other_tab(&keys));
                    }
                })
            });
            move || drop(listener)
        });
    }
    let resume = {
        let (add_notice, keys, paused, state) = (
            add_notice.clone(),
            setup.keys.clone(),
            paused.clone(),
            state.clone(),
        );
        // `save_now`: "Keep mine" saves these inputs at once; after "Load theirs", the load's
        // own autosave follows.
        Callback::from(move |save_now: bool| {
            *paused.borrow_mut() = false;
            if !save_now {
                return;
            }
            if let Some(n) = keys
                .as_ref()
                .and_then(|k| keep::autosave(&state.doc.get(), k))
            {
                add_notice.emit(n);
            }
        })
    };
    {
        // Autosave every change, outside the reducer; a large scenario when typing pauses
        // (writing a megabyte of JSON on every keystroke would make typing wait).
        // Whatever is not saved yet when the page is hidden or closed is written then
        // (`pagehide`): a large scenario's waiting save, and a change whose effect Yew has not
        // run yet (its scheduler yields to the browser after 16 ms of rendering, so a reload
        // right after a keystroke could otherwise come first and lose it).
        let saved = use_mut_ref(|| None::<Doc>);
        let write: Rc<dyn Fn(&Doc)> = {
            let (add_notice, keys, paused, saved) = (
                add_notice.clone(),
                setup.keys.clone(),
                paused.clone(),
                saved.clone(),
            );
            Rc::new(move |doc: &Doc| {
                if *paused.borrow() {
                    return;
                }
                *saved.borrow_mut() = Some(doc.clone());
                if let Some(n) = keys.as_ref().and_then(|k| keep::autosave(&doc.get(), k)) {
                    add_notice.emit(n);
                }
            })
        };
        // This render's `write` (its notices are this render's), for the listener set up once.
        let current_write = use_mut_ref(|| write.clone());
        *current_write.borrow_mut() = write.clone();
        let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
        let pending = use_mut_ref(|| None::<Doc>);
        {
            let (pending, latest, saved) = (pending.clone(), latest.clone(), saved.clone());
            use_effect_with((), move |_| {
                let listener = crate::browser::on_page_hide(move || {
                    pending.borrow_mut().take();
                    let doc = latest.borrow().clone();
                    if saved.borrow().as_ref() != Some(&doc) {
                        let write = current_write.borrow().clone();
                        write(&doc);
                    }
                });
                move || drop(listener)
            });
        }
        use_effect_with(state.doc.clone(), move |doc| {
            if State::large(&doc.get()) {
                *pending.borrow_mut() = Some(doc.clone());
                *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(500, move || {
                    if let Some(doc) = pending.borrow_mut().take() {
                        write(&doc);
                    }
                }));
            } else {
                *timer.borrow_mut() = None;
                pending.borrow_mut().take();
                write(doc);
            }
        });
    }
    {
        // How a load reaches this calculator: `EsgKpi.load` for the page, the element's
        // `scenario` property for an element (which can also change the language).
        let dispatcher = state.dispatcher();
        let (host, lang_state) = (props.host.clone(), lang_state.clone());
        use_effect_with((), move |_| {
            let loader = Callback::from(move |(v, live): state::Loaded| {
                dispatcher.dispatch(match live {
                    Some(live) => Action::LoadKept(v, live),
                    None => Action::Load(v),
                })
            });
            (host.connect)(loader, Callback::from(move |l| lang_state.set(l)));
        });
    }
    {
        // Tell the host (the page's API and parent, or an element's host page) every change.
        let host = props.host.clone();
        use_effect_with((*state).clone(), move |state| (host.update)(state));
    }
    {
        // A large scenario edited: recompute 300 ms after the last keystroke.
        let dispatcher = state.dispatcher();
        let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
        use_effect_with((state.doc.clone(), state.stale), move |(_, stale)| {
            *timer.borrow_mut() = stale.then(|| {
                gloo::timers::callback::Timeout::new(300, move || {
                    dispatcher.dispatch(Action::Recalculate)
                })
            });
        });
    }
    // The same callback on every render, so that fields whose text did not change are not
    // rendered again.
    let onedit = {
        let dispatcher = state.dispatcher();
        use_callback((), move |(path, text): (String, String), _| {
            dispatcher.dispatch(Action::Edit { path, text })
        })
    };
    // Which period the inputs show.
    let editing = use_state(PeriodId::default);
    if *editing != PeriodId::Current && state.doc.get().get(editing.key()).is_none() {
        editing.set(PeriodId::Current);
    }
    let prefix = editing.prefix();
    let select_period = {
        let editing = editing.clone();
        Callback::from(move |id: PeriodId| editing.set(id))
    };
    let name = path::text(&state.doc.get(), "name");
    let period = path::text(&state.doc.get(), &format!("{prefix}period"));
    if setup.compact {
        return html! {
            <ContextProvider<Lang> context={lang}>
            <ContextProvider<KpiContext> context={state.clone()}>
            <ContextProvider<Rc<Setup>> context={setup.clone()}>
                <div class="esg-app compact" lang={lang.tag()} data-lang-loading={loading}>
                    { for text_failed.clone() }
                    <section class="results" aria-label={tr!(lang, "Environmental KPIs")}>
                        <ErrorBanner results={state.current.clone()} />
                        <KpiTable results={state.last_good.clone()} />
                        <IntensityTable results={state.last_good.clone()} />
                        <IntensityTable results={state.last_good.clone()} production=true />
                    </section>
                </div>
            </ContextProvider<Rc<Setup>>>
            </ContextProvider<KpiContext>>
            </ContextProvider<Lang>>
        };
    }
    // On a phone the KPIs are far below the inputs: the bar at the top goes to each part in
    // one tap (a button, not a link: in an element's shadow root a fragment link goes nowhere).
    let (inputs_ref, kpis_ref, charts_ref) =
        (NodeRef::default(), NodeRef::default(), NodeRef::default());
    let jump = |to: NodeRef| {
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = to.cast::<web_sys::Element>() {
                el.scroll_into_view();
            }
        })
    };
    html! {
        <ContextProvider<Lang> context={lang}>
        <ContextProvider<KpiContext> context={state.clone()}>
        <ContextProvider<Rc<Setup>> context={setup.clone()}>
          <div class="esg-app" lang={lang.tag()} data-lang-loading={loading}>
            <header class="top">
                <div>
                    <h1>{ tr!(lang, "ESG KPI Calculator") }</h1>
                    <p class="subtitle">
                        { tr!(lang, "HKEX ESG environmental KPIs (A1, A2) from activity data — exact decimals, computed in this page; nothing is sent anywhere.") }
                    </p>
                </div>
                <div class="field lang">
                    <label for="language">{ "Language · 語言 · 语言" }</label>
                    <select id="language" onchange={set_lang}>
                        { for Lang::ALL.iter().map(|l| html! { <option value={l.tag()} selected={*l == chosen}>{ l.name() }</option> }) }
                    </select>
                </div>
            </header>
            <keep::Toolbar onnotice={add_notice} />
            <keep::Notices notices={(*notices).clone()} ondismiss={dismiss} onresume={resume} />
            { for text_failed }
            <nav class="jump" aria-label={tr!(lang, "Go to")}>
                <button type="button" class="link" onclick={jump(inputs_ref.clone())}>{ tr!(lang, "Inputs") }</button>
                <button type="button" class="link" onclick={jump(kpis_ref.clone())}>{ tr!(lang, "Environmental KPIs") }</button>
                <button type="button" class="link" onclick={jump(charts_ref.clone())}>{ tr!(lang, "Charts") }</button>
            </nav>
            <main class="layout">
                <section class="inputs" aria-labelledby="inputs-title" ref={inputs_ref}>
                    <h2 id="inputs-title">{ tr!(lang, "Inputs") }</h2>
                    if setup.readonly { <p class="note">{ tr!(lang, "Read only: the inputs are shown as they are and cannot be changed here.") }</p> }
                    <fieldset class="lock" disabled={setup.readonly}>
                    <div class="group">
                        <TextField path="name" label={tr!(lang, "Scenario")} value={name} onedit={onedit.clone()} />
                    </div>
                    if !setup.readonly { <import::ImportRows /> }
                    <PeriodTabs selected={*editing} onselect={select_period} />
                    <div id="period-panel" role="tabpanel" aria-label={tr!(lang, "Inputs of the selected period")}>
                        <TextField path={format!("{prefix}period")} label={tr!(lang, "Reporting period (year)")} value={period} onedit={onedit.clone()} />
                        <Inputs {onedit} period={*editing} />
                    </div>
                    </fieldset>
                </section>
                <section class="results" aria-labelledby="kpi-title" ref={kpis_ref}>
                    <h2 id="kpi-title">{ tr!(lang, "Environmental KPIs") }</h2>
                    <ErrorBanner results={state.current.clone()} />
                    if state.stale { <p class="note" role="status" data-testid="recalculating">{ tr!(lang, "Recalculating when you pause typing…") }</p> }
                    <KpiTable results={state.last_good.clone()} />
                    <IntensityTable results={state.last_good.clone()} />
                    <IntensityTable results={state.last_good.clone()} production=true />
                    <Breakdowns results={state.last_good.clone()} />
                    <div class="charts-anchor" ref={charts_ref}><charts::Charts results={state.last_good.clone()} /></div>
                    <disclosure::PartD results={state.last_good.clone()} />
                    <DetailsPanel results={state.last_good.clone()} />
                    <Checks results={state.last_good.clone()} />
                    <PublishedPanel results={state.last_good.clone()} />
                    <Trace results={state.last_good.clone()} />
                    <PrintAppendix results={state.last_good.clone()} />
                </section>
            </main>
            <footer class="foot">
                { trf!(lang, "ESG KPI Calculator {0} · method: China regional grid factors, 2006 IPCC Guidelines, GB/T 2589-2008 energy conversion", &[crate::VERSION]) }
            </footer>
          </div>
        </ContextProvider<Rc<Setup>>>
        </ContextProvider<KpiContext>>
        </ContextProvider<Lang>>
    }
}

#[derive(Properties, PartialEq)]
struct InputsProps {
    onedit: Callback<(String, String)>,
    /// "" for the current period, "prior." or "base_year." for the others.
    #[prop_or_default]
    period: PeriodId,
}

/// The inputs, in the order of the report: denominators, energy lines (A1.2, A2.1), waste
/// (A1.3, A1.4), water (A2.2), packaging (A2.5).
#[component]
fn Inputs(props: &InputsProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = state.doc.get();
    let doc = &*doc;
    let (period, prefix) = (props.period, props.period.prefix());
    // A figure's input, labelled and with its unit from the engine's table of figures.
    let num = |f: Figure| {
        let p = f.at(period);
        let unit = f.unit().map(|u| u.text().render(lang)).unwrap_or_default();
        html! {
            <NumberField path={p.clone()} label={f.label().render(lang)} {unit} value={path::text(doc, &p)}
                error={state.error_at(&p, lang).map(AttrValue::from)}
                note={note(lang, doc, &p)} onedit={props.onedit.clone()} />
        }
    };
    let length = |list: &str| {
        path::get(doc, &format!("{prefix}{list}"))
            .and_then(|v| v.as_array())
            .map_or(0, Vec::len)
    };
    let add_row = |list: &str, row: serde_json::Value| {
        let (dispatcher, list) = (state.dispatcher(), format!("{prefix}{list}"));
        Callback::from(move |_| {
            dispatcher.dispatch(Action::AddRow {
                list: list.clone(),
                row: row.clone(),
                at: None,
            })
        })
    };
    let rows = length("energy");
    // Long lists are shown a page at a time: 21,600 imported rows stay usable.
    let page_state = use_state(|| 0usize);
    let page = (*page_state).min(rows.saturating_sub(1) / PAGE);
    let (start, end) = (page * PAGE, ((page + 1) * PAGE).min(rows));
    let go = |to: usize| {
        let page_state = page_state.clone();
        Callback::from(move |_| page_state.set(to))
    };
    let last_page = rows.saturating_sub(1) / PAGE;
    // "Go to line": the page that holds it (a number out of range goes to the first or last).
    let go_to_line = {
        let page_state = page_state.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let digits: String = input.value().chars().filter(char::is_ascii_digit).collect();
            if let Ok(line) = digits.parse::<usize>() {
                page_state.set((line.max(1) - 1).min(rows.saturating_sub(1)) / PAGE);
            }
        })
    };
    let add = add_row(
        "energy",
        serde_json::json!({ "site": "", "source": "electricity", "quantity": "", "unit": "kWh" }),
    );
    // Each site's Scope 1 + 2 from the engine (the last valid results), for the headings.
    let site_of = |i: usize| {
        path::text(doc, &format!("{prefix}energy[{i}].site"))
            .trim()
            .to_string()
    };
    let by_site: Vec<(String, Option<Num>)> = period_details(&state.last_good, period)
        .map(|d| d.emissions_by_site_t.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|(s, t)| (s.trim().to_string(), t))
        .collect();
    let waste_items = length("waste.items");
    let refrigerants = length("refrigerants");
    let add_refrigerant = add_row(
        "refrigerants",
        serde_json::json!({ "site": "", "gas": "R-410A", "quantity": "", "unit": "kg" }),
    );
    let scope3_lines = length("scope3");
    let add_scope3 = add_row(
        "scope3",
        serde_json::json!({ "category": "6", "description": "", "quantity": "", "unit": "pkm", "factor": "desnz-2025-air-international-average-rf" }),
    );
    // The three lines in one edit: one recalculation, one step to undo.
    let add_hk_lines =
        {
            let (dispatcher, list) = (state.dispatcher(), format!("{prefix}scope3"));
            let current = path::get(doc, &list).cloned();
            Callback::from(move |_| {
                let mut rows = match current.clone() {
                    Some(serde_json::Value::Array(rows)) => rows,
                    _ => Vec::new(),
                };
                rows.extend(scope3::hk::USUAL.iter().map(
                    |(id, _, c)| serde_json::json!({ "category": c.to_string(), "factor": id }),
                ));
                dispatcher.dispatch(Action::SetJson {
                    path: list.clone(),
                    value: Some(serde_json::Value::Array(rows)),
                })
            })
        };
    let add_waste = add_row(
        "waste.items",
        serde_json::json!({ "site": "", "kind": "general_refuse", "quantity": "", "unit": "t" }),
    );
    let has_items = |hazardous: bool| {
        period_details(&state.current, period)
            .is_some_and(|d| d.waste_by_kind_t.iter().any(|w| w.hazardous == hazardous))
    };
    let waste_total = |f: Figure, hazardous: bool| {
        let p = f.at(period);
        let unit = f.unit().map(|u| u.text().render(lang)).unwrap_or_default();
        let note = if has_items(hazardous) {
            Some(AttrValue::from(tr!(
                lang,
                "The items below give this total; a figure typed here is only compared with them.",
            )))
        } else {
            note(lang, doc, &p)
        };
        html! {
            <NumberField path={p.clone()} label={f.label().render(lang)} {unit} value={path::text(doc, &p)}
                error={state.error_at(&p, lang).map(AttrValue::from)}
                {note} onedit={props.onedit.clone()} />
        }
    };
    let currency = path::text(doc, &Figure::RevenueCurrency.at(period)).to_ascii_uppercase();
    let currency = if currency.is_empty() || currency == "CNY" {
        "RMB".to_string()
    } else {
        currency
    };
    let set_currency = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(_, value): (String, String)| {
            dispatcher.dispatch(Action::SetCurrency {
                period,
                currency: value,
            })
        })
    };
    let mut currencies: Vec<(AttrValue, AttrValue)> = CURRENCIES
        .iter()
        .map(|c| (AttrValue::from(*c), AttrValue::from(*c)))
        .collect();
    if !CURRENCIES.contains(&currency.as_str()) {
        currencies.push((currency.clone().into(), currency.clone().into()));
    }
    let text_field = |f: Figure| {
        let p = f.at(period);
        html! {
            <TextField path={p.clone()} label={f.label().render(lang)} value={path::text(doc, &p)}
                error={state.error_at(&p, lang).map(AttrValue::from)} onedit={props.onedit.clone()} />
        }
    };
    let revenue = if currency == "RMB" {
        num(Figure::RevenueRmbMillion)
    } else {
        let (amount, rate) = (Figure::RevenueMillion, Figure::FxRmbPerUnit);
        let at = |f: Figure| f.at(period);
        html! {
            <>
                <NumberField path={at(amount)} label={amount.label().render(lang)} unit={trf!(lang, "{0} million", &[&currency])}
                    value={path::text(doc, &at(amount))}
                    error={state.error_at(&at(amount), lang).map(AttrValue::from)}
                    note={note(lang, doc, &at(amount))} onedit={props.onedit.clone()} />
                <NumberField path={at(rate)} label={rate.label().render(lang)} unit={trf!(lang, "RMB per 1 {0}", &[&currency])}
                    value={path::text(doc, &at(rate))}
                    error={state.error_at(&at(rate), lang).map(AttrValue::from)}
                    note={Some(AttrValue::from(tr!(lang, "The KPIs are per RMB million: revenue is converted at this rate.")))} onedit={props.onedit.clone()} />
                { text_field(Figure::FxSource) }
            </>
        }
    };
    let production_unit = path::text(doc, &Figure::ProductionUnit.at(period));
    let (currency_at, production_at) = (
        Figure::RevenueCurrency.at(period),
        Figure::ProductionQuantity.at(period),
    );
    html! {
        <>
            if prefix.is_empty() {
                <Method onedit={props.onedit.clone()} />
            } else {
                <p class="note">{ tr!(lang, "This period uses the current period's method (GWP set, grid edition) unless its scenario JSON sets its own.") }</p>
            }
            <fields::Group legend={tr!(lang, "Organisation — denominators of the intensities")} paths={vec![Figure::Employees.object().unwrap_or_default(), "intensities"]} prefix={AttrValue::from(prefix)}>
                { num(Figure::FloorArea) }
                { num(Figure::Employees) }
                <SelectField path={currency_at.clone()} label={Figure::RevenueCurrency.label().render(lang)} value={currency.clone()}
                    options={currencies} error={state.error_at(&currency_at, lang).map(AttrValue::from)}
                    onedit={set_currency} />
                { revenue }
                <NumberField path={production_at.clone()} label={Figure::ProductionQuantity.label().render(lang)}
                    unit={production_unit.clone()} value={path::text(doc, &production_at)}
                    error={state.error_at(&production_at, lang).map(AttrValue::from)}
                    note={Some(AttrValue::from(tr!(lang, "Adds intensities per unit of production (HKEX: e.g. per unit of production volume).")))}
                    onedit={props.onedit.clone()} />
                { text_field(Figure::ProductionUnit) }
                if prefix.is_empty() {
                    <IntensityEditor onedit={props.onedit.clone()} />
                }
            </fields::Group>
            <fields::Group legend={tr!(lang, "Energy — feeds GHG (A1.2) and energy (A2.1)")} paths={vec![List::Energy.path()]} prefix={AttrValue::from(prefix)}>
                if rows > PAGE {
                    <p class="pager" data-testid="energy-pager">
                        <button type="button" class="link" disabled={page == 0} onclick={go(0)}>{ tr!(lang, "« First") }</button>
                        <button type="button" class="link" disabled={page == 0} onclick={go(page.saturating_sub(1))}>{ tr!(lang, "← Previous") }</button>
                        { " " }{ trf!(lang, "Lines {0}–{1} of {2}", &[&(start + 1).to_string(), &end.to_string(), &rows.to_string()]) }{ " " }
                        <button type="button" class="link" disabled={end >= rows} onclick={go(page + 1)}>{ tr!(lang, "Next →") }</button>
                        <button type="button" class="link" disabled={end >= rows} onclick={go(last_page)}>{ tr!(lang, "Last »") }</button>
                        <label class="go-to">{ tr!(lang, "Go to line") }{ " " }
                            <input type="text" inputmode="numeric" size="6" data-testid="go-to-line" onchange={go_to_line} />
                        </label>
                    </p>
                }
                // A list of its own (a fragment): the html! macro splices a `for` into the
                // children around it, and Yew matches a list by keys only when every child has
                // one (else by place from the end, remaking every editor above a removed line).
                <>{ for (start..end).flat_map(|i| {
                    // Lines stay in the scenario's order (typing a site never moves the line being
                    // typed in); a heading opens each run of lines at one site, with the site's
                    // total, and a button closes it to add a line there.
                    let site = site_of(i);
                    let opens = i == start || site_of(i - 1) != site;
                    let closes = i + 1 == end || site_of(i + 1) != site;
                    let title = if site.is_empty() { tr!(lang, "Lines without a site").to_string() } else { site.clone() };
                    // The grid of the site's run of lines on this page, from its first line
                    // (a line added at the site takes it, whichever line closes the run).
                    let grid = if opens || closes {
                        let first = (start..=i).rev().take_while(|j| site_of(*j) == site).last().unwrap_or(i);
                        (first..end).take_while(|j| site_of(*j) == site)
                            .map(|j| path::text(doc, &format!("{prefix}energy[{j}].grid"))).find(|g| !g.is_empty())
                    } else {
                        None
                    };
                    let mut out: Vec<Html> = Vec::new();
                    // Keyed by the line's id: a line added or removed above moves the editors
                    // below rather than filling each with its neighbour's line.
                    let key = state.line_key(period, i);
                    if opens {
                        let subtotal = by_site.iter().find(|(s, _)| *s == site).and_then(|(_, t)| *t)
                            .map(|t| format!("{} {}", Rounded(t.get()), tr!(lang, "t CO2e")));
                        out.push(html! {
                            <h3 class="site-head" key={format!("h{key}")} data-site={site.clone()}>
                                <span>{ title.clone() }</span>
                                if let Some(g) = &grid { <span class="note">{ trf!(lang, "grid {0}", &[g]) }</span> }
                                if let Some(t) = subtotal { <span class="note" data-site-total={site.clone()}>{ t }</span> }
                            </h3>
                        });
                    }
                    out.push(html! { <EnergyRowEditor key={key.clone()} index={i} {period} onedit={props.onedit.clone()} /> });
                    if closes {
                        let add_here = {
                            let (dispatcher, prefix, site, grid) = (state.dispatcher(), prefix, site.clone(), grid.clone());
                            Callback::from(move |_| {
                                let mut row = serde_json::json!({ "site": site, "source": "electricity", "quantity": "", "unit": "kWh" });
                                if let Some(g) = &grid { row["grid"] = serde_json::json!(g); }
                                dispatcher.dispatch(Action::AddRow { list: format!("{prefix}energy"), row, at: Some(i + 1) })
                            })
                        };
                        out.push(html! {
                            <button key={format!("a{key}")} type="button" class="link add-at-site" onclick={add_here}>{ trf!(lang, "+ Add a line at {0}", &[&title]) }</button>
                        });
                    }
                    out
                }) }</>
                <button type="button" class="secondary" onclick={add}>{ tr!(lang, "+ Add an energy line") }</button>
            </fields::Group>
            <fields::Group legend={tr!(lang, "Refrigerants and other fugitive gases — Scope 1 (A1.2)")} paths={vec![List::Refrigerants.path()]} prefix={AttrValue::from(prefix)} testid="refrigerants">
                <p class="note">{ tr!(lang, "What was released in the year: in practice what was added to refill the equipment. Without refill records, the equipment's charge × an annual leak rate (screening). CFCs and HCFCs such as R-22 are reported beside the scopes.") }</p>
                <>{ for (0..refrigerants).map(|i| html! { <RefrigerantEditor key={i} index={i} {period} onedit={props.onedit.clone()} /> }) }</>
                <button type="button" class="secondary" onclick={add_refrigerant}>{ tr!(lang, "+ Add a refrigerant line") }</button>
            </fields::Group>
            <fields::Group legend={tr!(lang, "Scope 3 — other indirect emissions, by GHG Protocol category (Part D)")} paths={vec![List::Scope3.path(), List::Scope3Categories.path()]} prefix={AttrValue::from(prefix)} testid="scope3">
                <p class="note">{ tr!(lang, "Each line: a quantity × a factor (the library's travel factors, or your own with its source), an amount of money × a factor per currency unit (with your exchange rate), or a supplier's own tonnes. Scope 3 is reported beside Scope 1 and 2, not in their total.") }</p>
                <>{ for (0..scope3_lines).map(|i| html! { <Scope3Editor key={i} index={i} {period} onedit={props.onedit.clone()} /> }) }</>
                <button type="button" class="secondary" onclick={add_scope3}>{ tr!(lang, "+ Add a Scope 3 line") }</button>
                <button type="button" class="secondary" data-testid="add-hk-lines" onclick={add_hk_lines}>{ tr!(lang, "+ Add Hong Kong's usual lines: fresh water, sewage, paper") }</button>
                <Scope3Categories {period} />
            </fields::Group>
            <fields::Group legend={tr!(lang, "1. Emissions — waste (A1.3, A1.4)")} paths={vec![Figure::HazardousWaste.path(), Figure::NonHazardousWaste.path(), List::WasteItems.path()]} prefix={AttrValue::from(prefix)}>
                { waste_total(Figure::HazardousWaste, true) }
                { waste_total(Figure::NonHazardousWaste, false) }
                // A list of its own, keyed by place (waste items have no ids): an item removed
                // leaves the totals above and the items before it as they are.
                <>{ for (0..waste_items).map(|i| html! { <WasteItemEditor key={i} index={i} {period} onedit={props.onedit.clone()} /> }) }</>
                <button type="button" class="secondary" onclick={add_waste}>{ tr!(lang, "+ Add waste by kind") }</button>
            </fields::Group>
            <fields::Group legend={tr!(lang, "2. Energy and resources — water (A2.2), packaging (A2.5)")} paths={vec![Figure::Water.path(), Figure::Packaging.path()]} prefix={AttrValue::from(prefix)}>
                { num(Figure::Water) }
                { num(Figure::Packaging) }
            </fields::Group>
            <PublishedForm {period} onedit={props.onedit.clone()} />
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PublishedFormProps {
    period: PeriodId,
    onedit: Callback<(String, String)>,
}

/// A report's printed figures, typed as printed (in kg or t, kWh, MWh or GJ, m³ or L), for
/// every KPI and the intensities the report chose: the page compares them with the computed
/// values, or, with no activity data, shows what they imply.
#[component]
fn PublishedForm(props: &PublishedFormProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = state.doc.get();
    let doc = &*doc;
    let prefix = props.period.prefix();
    let intensities = match props.period {
        PeriodId::Current => &state.last_good.intensities,
        id => state
            .last_good
            .periods
            .get(id.key())
            .map_or(&state.last_good.intensities, |p| &p.intensities),
    };
    let chosen: Vec<(String, String, String)> = intensities
        .iter()
        .map(|i| {
            (
                i.id.clone(),
                i.name.render(lang).to_string(),
                i.unit.clone(),
            )
        })
        .collect();
    let typed = match path::get(doc, &format!("{prefix}published")) {
        Some(serde_json::Value::Object(m)) => m.len(),
        _ => 0,
    };
    let row = |id: String, name: Html, kpi_unit: String| {
        let at = format!("{prefix}published.{id}");
        let node = path::get(doc, &at).cloned();
        let (value_at, unit) = match &node {
            Some(serde_json::Value::Object(o)) => (
                format!("{at}.value"),
                o.get("unit")
                    .and_then(|u| u.as_str())
                    .unwrap_or(&kpi_unit)
                    .to_string(),
            ),
            _ => (at.clone(), kpi_unit.clone()),
        };
        let value = path::text(doc, &value_at);
        let mut units = crate::engine::published::printed_units(&kpi_unit);
        if !units.contains(&unit) {
            units.push(unit.clone());
        }
        let set_unit = {
            let (dispatcher, at, kpi_unit, value) = (
                state.dispatcher(),
                at.clone(),
                kpi_unit.clone(),
                value.clone(),
            );
            Callback::from(move |(_, chosen): (String, String)| {
                let node = if chosen == kpi_unit {
                    (!value.is_empty()).then(|| serde_json::json!(value.clone()))
                } else {
                    Some(serde_json::json!({ "value": value.clone(), "unit": chosen }))
                };
                dispatcher.dispatch(Action::SetJson {
                    path: at.clone(),
                    value: node,
                })
            })
        };
        let error = state
            .error_at(&value_at, lang)
            .or_else(|| state.error_at(&format!("{at}.unit"), lang))
            .or_else(|| state.error_at(&at, lang))
            .map(AttrValue::from);
        html! {
            <div class="published-row" data-published={id.clone()}>
                <span class="published-name">{ name }</span>
                <NumberField path={value_at.clone()} label={tr!(lang, "As printed")} value={AttrValue::from(value)} {error} onedit={props.onedit.clone()} />
                <SelectField path={format!("{at}.unit")} label={tr!(lang, "Unit")} value={AttrValue::from(unit)} options={options(units.into_iter().map(|u| (u.clone(), u)))} onedit={set_unit} />
            </div>
        }
    };
    html! {
        <details class="group published-form" data-testid="published-form" open={typed > 0}>
            <summary>{ trf!(lang, "Published table: a report's printed figures, typed as printed ({0} typed)", &[&typed.to_string()]) }</summary>
            <p class="note">{ tr!(lang, "Type each figure as the report prints it and choose the unit it prints (kg or t, kWh, MWh or GJ, m³ or L). With activity data the KPI table compares them; without, the page shows what they imply and where they disagree.") }</p>
            { for KpiId::ALL.into_iter().map(|k| row(k.id().to_string(), kpi_name(lang, k), k.unit().to_string())) }
            { for chosen.into_iter().map(|(id, name, unit)| row(id, html! { { name } }, unit)) }
        </details>
    }
}

/// The checks of the period whose inputs show.
fn period_checks(results: &Results, period: PeriodId) -> &[crate::engine::calc::Check] {
    match period {
        PeriodId::Current => &results.checks,
        id => results.periods.get(id.key()).map_or(&[][..], |p| &p.checks),
    }
}

/// The details of the period whose inputs show.
fn period_details(results: &Results, period: PeriodId) -> Option<&crate::engine::calc::Details> {
    match period {
        PeriodId::Current => results.details.as_ref(),
        id => results.periods.get(id.key()).map(|p| &p.details),
    }
}

/// A kind of waste's name in the page's language.
fn waste_kind_name(lang: Lang, k: &waste::WasteKind) -> &'static str {
    match lang {
        Lang::En => k.en,
        Lang::ZhHant => k.zh_hant,
        Lang::ZhHans => k.zh_hans,
    }
}

/// Energy lines shown per page.
const PAGE: usize = 50;

/// Currencies offered for revenue; any other ISO 4217 code typed into the scenario works too.
const CURRENCIES: [&str; 9] = [
    "RMB", "HKD", "USD", "EUR", "GBP", "JPY", "SGD", "MOP", "TWD",
];

#[derive(Properties, PartialEq)]
struct WasteItemProps {
    index: usize,
    period: PeriodId,
    onedit: Callback<(String, String)>,
}

/// One line of waste by kind: what, how much, where, and whether it counts as hazardous.
#[component]
fn WasteItemEditor(props: &WasteItemProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = state.doc.get();
    let doc = &*doc;
    let (i, prefix) = (props.index, props.period.prefix());
    let row = format!("{prefix}waste.items[{i}]");
    let p = |f: Input| f.in_line(&row);
    let err = |f: Input| state.error_at(&p(f), lang).map(AttrValue::from);
    let kinds: Vec<(AttrValue, AttrValue)> = waste::KINDS
        .iter()
        .map(|k| {
            let class = if k.hazardous {
                tr!(lang, "hazardous")
            } else {
                tr!(lang, "non-hazardous")
            };
            (
                AttrValue::from(k.id),
                AttrValue::from(trf!(lang, "{0} ({1})", &[waste_kind_name(lang, k), class])),
            )
        })
        .collect();
    let kind_id = path::text(doc, &p(Input::Kind));
    let default_hazardous = waste::WasteKind::find(&kind_id).map(|k| k.hazardous);
    let class_value = match path::get(doc, &p(Input::Hazardous)) {
        Some(serde_json::Value::Bool(true)) => "true",
        Some(serde_json::Value::Bool(false)) => "false",
        _ => "auto",
    };
    let classes = vec![
        (
            AttrValue::from("auto"),
            AttrValue::from(match default_hazardous {
                Some(true) => tr!(lang, "As its kind: hazardous"),
                Some(false) => tr!(lang, "As its kind: non-hazardous"),
                None => tr!(lang, "As its kind"),
            }),
        ),
        (
            AttrValue::from("true"),
            AttrValue::from(tr!(lang, "Hazardous")),
        ),
        (
            AttrValue::from("false"),
            AttrValue::from(tr!(lang, "Non-hazardous")),
        ),
    ];
    let set_class = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(path, value): (String, String)| {
            let value = match value.as_str() {
                "true" => Some(serde_json::Value::Bool(true)),
                "false" => Some(serde_json::Value::Bool(false)),
                _ => None,
            };
            dispatcher.dispatch(Action::SetJson { path, value })
        })
    };
    let units = vec![
        (AttrValue::from("t"), AttrValue::from(tr!(lang, "t"))),
        (AttrValue::from("kg"), AttrValue::from(tr!(lang, "kg"))),
    ];
    let label = trf!(lang, "Waste item {0}", &[&(i + 1).to_string()]);
    html! {
        <div class="energy-row waste-row" role="group" aria-label={label.clone()} data-row={row.clone()}>
            <RowHead list={format!("{prefix}waste.items")} index={i} row={row.clone()} title={label.clone()}
                duplicate={trf!(lang, "Duplicate waste item {0}", &[&(i + 1).to_string()])} remove={trf!(lang, "Remove waste item {0}", &[&(i + 1).to_string()])} />
            <div class="row-grid">
                <SelectField path={p(Input::Kind)} label={Input::Kind.label().render(lang)} value={kind_id.clone()} options={kinds} error={err(Input::Kind)} onedit={props.onedit.clone()} />
                <NumberField path={p(Input::Quantity)} label={Input::Quantity.label().render(lang)} value={path::text(doc, &p(Input::Quantity))} error={err(Input::Quantity)} onedit={props.onedit.clone()} />
                <SelectField path={p(Input::Unit)} label={Input::Unit.label().render(lang)} value={match path::text(doc, &p(Input::Unit)).as_str() { "" => "t".to_string(), u => u.to_string() }} options={units} error={err(Input::Unit)} onedit={props.onedit.clone()} />
                <SelectField path={p(Input::Hazardous)} label={Input::Hazardous.label().render(lang)} value={class_value} options={classes} error={err(Input::Hazardous)} onedit={set_class} />
                <TextField path={p(Input::Site)} label={Input::Site.label().render(lang)} value={path::text(doc, &p(Input::Site))} error={err(Input::Site)} onedit={props.onedit.clone()} />
            </div>
        </div>
    }
}

/// One line of fugitive emissions: the gas, how much was released (or the charge and its leak
/// rate), where.
#[component]
fn RefrigerantEditor(props: &WasteItemProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = state.doc.get();
    let doc = &*doc;
    let (i, prefix) = (props.index, props.period.prefix());
    let row = format!("{prefix}refrigerants[{i}]");
    let p = |f: Input| f.in_line(&row);
    let err = |f: Input| state.error_at(&p(f), lang).map(AttrValue::from);
    let typed = path::text(doc, &p(Input::Gas));
    let found = fugitive::Refrigerant::find(&typed);
    let gas_value = found.map_or(typed.clone(), |g| g.id().to_string());
    let beside = tr!(lang, "beside the scopes");
    let mut gases = vec![(String::new(), tr!(lang, "— choose the gas —").to_string())];
    gases.extend(
        fugitive::BLENDS
            .iter()
            .map(|b| (b.id.to_string(), b.id.to_string())),
    );
    gases.extend(fugitive::SPECIES.iter().map(|g| {
        let name = match g.aliases.first() {
            Some(a) => format!("{} ({a})", g.id),
            None => g.id.to_string(),
        };
        let label = if g.family.in_scopes() {
            name
        } else {
            format!("{name} — {beside}")
        };
        (g.id.to_string(), label)
    }));
    let screening = path::get(doc, &p(Input::Charge)).is_some();
    let set_method = {
        let (dispatcher, row) = (state.dispatcher(), row.clone());
        let current = path::get(doc, &row).cloned();
        Callback::from(move |(_, value): (String, String)| {
            let Some(serde_json::Value::Object(mut m)) = current.clone() else {
                return;
            };
            // The number typed moves to the other field, so it is not lost.
            if value == "screening" {
                let q = m.remove("quantity").unwrap_or(serde_json::json!(""));
                m.insert("charge".into(), q);
                m.entry("equipment")
                    .or_insert(serde_json::json!("air_conditioning"));
            } else {
                let q = m.remove("charge").unwrap_or(serde_json::json!(""));
                m.remove("equipment");
                m.remove("leak_rate_percent");
                m.insert("quantity".into(), q);
            }
            dispatcher.dispatch(Action::SetJson {
                path: row.clone(),
                value: Some(serde_json::Value::Object(m)),
            })
        })
    };
    let methods = vec![
        (
            AttrValue::from("refill"),
            AttrValue::from(tr!(lang, "Quantity released (refill records)")),
        ),
        (
            AttrValue::from("screening"),
            AttrValue::from(tr!(lang, "Charge × annual leak rate (screening)")),
        ),
    ];
    let equipment_id = path::text(doc, &p(Input::Equipment));
    let equipment = fugitive::Equipment::find(&equipment_id);
    let mut kinds = vec![(
        String::new(),
        tr!(lang, "— its own leak rate —").to_string(),
    )];
    kinds.extend(fugitive::EQUIPMENT.iter().map(|e| {
        let name = match lang {
            Lang::En => e.names[0],
            Lang::ZhHant => e.names[1],
            Lang::ZhHans => e.names[2],
        };
        (e.id.to_string(), format!("{name} ({} %)", e.rate_percent()))
    }));
    let units = vec![
        (AttrValue::from("kg"), AttrValue::from(tr!(lang, "kg"))),
        (AttrValue::from("t"), AttrValue::from(tr!(lang, "t"))),
    ];
    let n = (i + 1).to_string();
    let label = trf!(lang, "Refrigerant line {0}", &[&n]);
    let number = |f: Input, note: Option<AttrValue>| {
        html! {
            <NumberField path={p(f)} label={f.label().render(lang)} value={path::text(doc, &p(f))} error={err(f)} {note} onedit={props.onedit.clone()} />
        }
    };
    html! {
        <div class="energy-row refrigerant-row" role="group" aria-label={label.clone()} data-row={row.clone()}>
            <RowHead list={format!("{prefix}refrigerants")} index={i} row={row.clone()} title={label.clone()}
                duplicate={trf!(lang, "Duplicate refrigerant line {0}", &[&n])} remove={trf!(lang, "Remove refrigerant line {0}", &[&n])} />
            <div class="row-grid">
                <SelectField path={p(Input::Gas)} label={Input::Gas.label().render(lang)} value={gas_value} options={options(gases)} error={err(Input::Gas)} onedit={props.onedit.clone()} />
                <SelectField path={row.clone()} label={tr!(lang, "How it is known")} value={if screening { "screening" } else { "refill" }} options={methods} onedit={set_method} />
                if screening {
                    { number(Input::Charge, None) }
                    <SelectField path={p(Input::Equipment)} label={Input::Equipment.label().render(lang)} value={equipment_id.clone()} options={options(kinds)} error={err(Input::Equipment)} onedit={props.onedit.clone()} />
                    { number(Input::LeakRate, equipment.map(|e| AttrValue::from(trf!(lang, "Empty: {0} % a year (range {1})", &[&e.rate_percent().to_string(), e.range])))) }
                } else {
                    { number(Input::Quantity, None) }
                }
                <SelectField path={p(Input::Unit)} label={Input::Unit.label().render(lang)} value={path::text(doc, &p(Input::Unit))} options={units} error={err(Input::Unit)} onedit={props.onedit.clone()} />
                <TextField path={p(Input::Site)} label={Input::Site.label().render(lang)} value={path::text(doc, &p(Input::Site))} error={err(Input::Site)} onedit={props.onedit.clone()} />
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RowHeadProps {
    /// The list (`energy`, `prior.refrigerants`) and the line's index in it.
    list: AttrValue,
    index: usize,
    /// The line's path, where its own error is said.
    row: AttrValue,
    title: AttrValue,
    /// The buttons' names for a screen reader ("Duplicate refrigerant line 2").
    duplicate: AttrValue,
    remove: AttrValue,
}

/// A line's heading: its title, Duplicate and Remove, and the error of the line as a whole.
#[component]
fn RowHead(props: &RowHeadProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let action = |remove: bool| {
        let (dispatcher, list, index) = (state.dispatcher(), props.list.to_string(), props.index);
        Callback::from(move |_| {
            let list = list.clone();
            dispatcher.dispatch(if remove {
                Action::RemoveRow { list, index }
            } else {
                Action::DuplicateRow { list, index }
            })
        })
    };
    let row_error = state.error_at(&props.row, lang);
    html! {
        <>
            <div class="row-head">
                <span class="row-title">{ props.title.clone() }</span>
                <span>
                    <button type="button" class="link" onclick={action(false)} aria-label={props.duplicate.clone()}>{ tr!(lang, "Duplicate") }</button>
                    <button type="button" class="link" onclick={action(true)} aria-label={props.remove.clone()}>{ tr!(lang, "Remove") }</button>
                </span>
            </div>
            if let Some(e) = row_error { <p class="error" data-error-for={props.row.clone()}>{ e }</p> }
        </>
    }
}

/// The units a Scope 3 line is offered in (another typed in a saved scenario is kept).
const SCOPE3_UNITS: [&str; 21] = [
    "pkm", "km", "night", "kg", "t", "kWh", "MWh", "GJ", "L", "m³", "tkm", "item", "HKD", "CNY",
    "USD", "EUR", "GBP", "JPY", "SGD", "tCO2e", "kgCO2e",
];

/// One Scope 3 line: its category, what it is, its quantity and unit, and its factor (the
/// library's, its own with a source and, for money in another currency, the rate, or none for a
/// supplier's tonnes).
#[component]
fn Scope3Editor(props: &WasteItemProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = state.doc.get();
    let doc = &*doc;
    let (i, prefix) = (props.index, props.period.prefix());
    let row = format!("{prefix}scope3[{i}]");
    let p = |f: Input| f.in_line(&row);
    let err = |f: Input| state.error_at(&p(f), lang).map(AttrValue::from);
    let text = |f: Input| AttrValue::from(path::text(doc, &p(f)));
    // A flight given by its airports (the quantity is then theirs, in pkm).
    let by_airports = [Input::From, Input::To]
        .iter()
        .any(|f| !path::text(doc, &p(*f)).trim().is_empty());
    let unit_text = match path::text(doc, &p(Input::Unit)) {
        u if u.is_empty() && by_airports => "pkm".to_string(),
        u => u,
    };
    let unit = scope3::unit(&unit_text);
    let kind = unit.as_ref().map(|u| u.kind.clone());
    let factor = path::get(doc, &p(Input::Factor));
    let usual = factor
        .and_then(serde_json::Value::as_str)
        .and_then(scope3::hk::usual);
    let mode = match factor {
        _ if usual.is_some() => "hk",
        Some(serde_json::Value::String(_)) => "library",
        Some(serde_json::Value::Object(_)) => "custom",
        _ if kind == Some(scope3::Kind::Co2e) => "supplier",
        _ => "custom",
    };
    let travel: Vec<(String, String)> = unit
        .as_ref()
        .map(|u| {
            scope3::travel::TRAVEL
                .iter()
                .filter(|t| t.3 == u.shown)
                .map(|t| {
                    (
                        t.0.to_string(),
                        format!("{} — {} kg/{} ({})", t.1, t.2, t.3, t.4),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let mut modes = Vec::new();
    // Shown while the line has one, so it can be changed where it is (its unit changed).
    if !travel.is_empty() || mode == "library" {
        modes.push((
            "library".to_string(),
            tr!(lang, "The library's travel factor (UK DESNZ)").to_string(),
        ));
    }
    modes.push((
        "custom".to_string(),
        tr!(lang, "My own factor, with its source").to_string(),
    ));
    modes.push((
        "supplier".to_string(),
        tr!(lang, "The supplier's own tonnes of CO2e").to_string(),
    ));
    modes.push((
        "hk".to_string(),
        tr!(
            lang,
            "Hong Kong's usual line: fresh water (WSD), sewage (DSD), paper to landfill"
        )
        .to_string(),
    ));
    let set_mode = {
        let (dispatcher, row) = (state.dispatcher(), row.clone());
        let current = path::get(doc, &row).cloned();
        let first = travel.first().map(|t| t.0.clone());
        let unit_text = unit_text.clone();
        Callback::from(move |(_, value): (String, String)| {
            let Some(serde_json::Value::Object(mut m)) = current.clone() else {
                return;
            };
            m.remove("exchange_rate");
            for key in ["share", "electricity"] {
                m.remove(key);
            }
            match value.as_str() {
                "hk" => {
                    let (id, _, c) = scope3::hk::USUAL[0];
                    m.insert("factor".into(), serde_json::json!(id));
                    m.insert("category".into(), serde_json::json!(c.to_string()));
                    m.remove("quantity");
                    m.remove("unit");
                }
                "library" => {
                    m.insert(
                        "factor".into(),
                        serde_json::json!(first.clone().unwrap_or_default()),
                    );
                }
                "supplier" => {
                    m.remove("factor");
                    m.insert("unit".into(), serde_json::json!("tCO2e"));
                }
                _ => {
                    let per = if unit_text.contains("CO2e") {
                        "t".to_string()
                    } else {
                        unit_text.clone()
                    };
                    if unit_text.contains("CO2e") {
                        m.insert("unit".into(), serde_json::json!("t"));
                    }
                    m.insert("factor".into(), serde_json::json!({ "value": "", "unit": format!("kgCO2e/{per}"), "source": "" }));
                }
            }
            dispatcher.dispatch(Action::SetJson {
                path: row.clone(),
                value: Some(serde_json::Value::Object(m)),
            })
        })
    };
    let categories: Vec<(String, String)> = (1..=15u8)
        .map(|c| {
            (
                c.to_string(),
                scope3::category_name(c).render(lang).to_string(),
            )
        })
        .collect();
    let mut units: Vec<(String, String)> = SCOPE3_UNITS
        .iter()
        .map(|u| (u.to_string(), u.to_string()))
        .collect();
    if !unit_text.is_empty() && !SCOPE3_UNITS.contains(&unit_text.as_str()) {
        units.push((unit_text.clone(), unit_text.clone()));
    }
    // A spend whose factor is per another currency needs the rate.
    let factor_currency =
        scope3::factor_unit(&path::text(doc, &p(Input::FactorUnit))).and_then(|(_, u)| {
            match u.kind {
                scope3::Kind::Money(c) => Some(c),
                _ => None,
            }
        });
    let needs_rate = matches!((&kind, &factor_currency), (Some(scope3::Kind::Money(a)), Some(b)) if a != b)
        || path::get(doc, &p(Input::ExchangeRate)).is_some();
    let trip = match path::get(doc, &p(Input::Return)) {
        Some(serde_json::Value::Bool(true)) => AttrValue::from("true"),
        Some(serde_json::Value::String(s)) if matches!(s.as_str(), "true" | "yes") => {
            AttrValue::from("true")
        }
        _ => AttrValue::from(""),
    };
    let trips = vec![
        (String::new(), tr!(lang, "one way").to_string()),
        (
            "true".to_string(),
            tr!(lang, "return (there and back)").to_string(),
        ),
    ];
    // A usual line without its own category takes the line's (shown as the engine reads it).
    let category = match (path::text(doc, &p(Input::Category)), usual) {
        (c, Some((_, default))) if c.is_empty() => AttrValue::from(default.to_string()),
        (c, _) => AttrValue::from(c),
    };
    let n = (i + 1).to_string();
    let label = trf!(lang, "Scope 3 line {0}", &[&n]);
    let onedit = props.onedit.clone();
    html! {
        <div class="energy-row scope3-row" role="group" aria-label={label.clone()} data-row={row.clone()}>
            <RowHead list={format!("{prefix}scope3")} index={i} row={row.clone()} title={label.clone()}
                duplicate={trf!(lang, "Duplicate Scope 3 line {0}", &[&n])} remove={trf!(lang, "Remove Scope 3 line {0}", &[&n])} />
            <div class="row-grid">
                <SelectField path={p(Input::Category)} label={Input::Category.label().render(lang)} value={category} options={options(categories)} error={err(Input::Category)} onedit={onedit.clone()} />
                <TextField path={p(Input::Description)} label={Input::Description.label().render(lang)} value={text(Input::Description)} error={err(Input::Description)} onedit={onedit.clone()} />
                if usual.is_none() {
                    if !by_airports {
                        <NumberField path={p(Input::Quantity)} label={Input::Quantity.label().render(lang)} value={text(Input::Quantity)} error={err(Input::Quantity)} onedit={onedit.clone()} />
                    }
                    <SelectField path={p(Input::Unit)} label={Input::Unit.label().render(lang)} value={AttrValue::from(unit_text.clone())} options={options(units)} error={err(Input::Unit)} onedit={onedit.clone()} />
                    // A flight: its airports give the passenger-km.
                    if unit_text == "pkm" || by_airports {
                        <TextField path={p(Input::From)} label={Input::From.label().render(lang)} value={text(Input::From)} error={err(Input::From)} onedit={onedit.clone()} />
                        <TextField path={p(Input::To)} label={Input::To.label().render(lang)} value={text(Input::To)} error={err(Input::To)} onedit={onedit.clone()} />
                        if by_airports {
                            <NumberField path={p(Input::Trips)} label={Input::Trips.label().render(lang)} value={text(Input::Trips)} error={err(Input::Trips)} onedit={onedit.clone()} />
                            <SelectField path={p(Input::Return)} label={Input::Return.label().render(lang)} value={trip} options={options(trips)} error={err(Input::Return)} onedit={onedit.clone()} />
                        }
                    }
                }
                <div class="wide">
                    <SelectField path={format!("{row}.method")} label={tr!(lang, "Its emissions")} value={mode} options={options(modes)} onedit={set_mode} />
                </div>
                if let Some((which, _)) = usual {
                    <UsualLineFields row={row.clone()} {which} onedit={onedit.clone()} />
                }
                if mode == "library" {
                    <div class="wide">
                        <SelectField path={p(Input::Factor)} label={Input::Factor.label().render(lang)} value={text(Input::Factor)} options={options(travel)} error={err(Input::Factor)} onedit={onedit.clone()} />
                    </div>
                }
                if mode == "custom" {
                    <NumberField path={p(Input::FactorValue)} label={Input::FactorValue.label().render(lang)} value={text(Input::FactorValue)} error={err(Input::FactorValue).or_else(|| err(Input::Factor))} onedit={onedit.clone()} />
                    <TextField path={p(Input::FactorUnit)} label={Input::FactorUnit.label().render(lang)} value={text(Input::FactorUnit)} error={err(Input::FactorUnit)} onedit={onedit.clone()} />
                    <div class="wide">
                        <TextField path={p(Input::FactorSource)} label={Input::FactorSource.label().render(lang)} value={text(Input::FactorSource)} error={err(Input::FactorSource)} onedit={onedit.clone()} />
                    </div>
                    if needs_rate {
                        <NumberField path={p(Input::ExchangeRate)} label={Input::ExchangeRate.label().render(lang)} value={text(Input::ExchangeRate)} error={err(Input::ExchangeRate).or_else(|| state.error_at(&format!("{row}.exchange_rate"), lang).map(AttrValue::from))} onedit={onedit.clone()} />
                        <TextField path={p(Input::ExchangeRateUnit)} label={Input::ExchangeRateUnit.label().render(lang)} value={text(Input::ExchangeRateUnit)} error={err(Input::ExchangeRateUnit)} onedit={onedit.clone()} />
                    }
                }
                <TextField path={p(Input::Site)} label={Input::Site.label().render(lang)} value={text(Input::Site)} error={err(Input::Site)} onedit={onedit.clone()} />
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct UsualProps {
    row: String,
    which: scope3::hk::Usual,
    onedit: Callback<(String, String)>,
}

/// A usual HK line's own fields: which line (its category follows), its quantity (empty: the
/// period's water, or the paper among its waste items), the sewage share and the electricity
/// factor.
#[component]
fn UsualLineFields(props: &UsualProps) -> Html {
    use scope3::hk::{Usual, USUAL};
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = state.doc.get();
    let doc = &*doc;
    let row = props.row.clone();
    let p = |f: Input| f.in_line(&row);
    let err = |f: Input| state.error_at(&p(f), lang).map(AttrValue::from);
    let text = |f: Input| AttrValue::from(path::text(doc, &p(f)));
    let lines: Vec<(String, String)> = USUAL
        .iter()
        .map(|(id, u, c)| {
            let what = match u {
                Usual::Water => tr!(
                    lang,
                    "Fresh water: WSD's kWh per m³ × an electricity factor"
                ),
                Usual::Sewage => tr!(lang, "Sewage: DSD's kWh per m³ × an electricity factor"),
                Usual::Paper => tr!(lang, "Paper to landfill: 4.8 kg CO2e per kg (unverified)"),
            };
            (
                id.to_string(),
                format!("{what} ({})", scope3::category_name(*c).render(lang)),
            )
        })
        .collect();
    // Choosing another line takes its category and drops what it does not use.
    let choose = {
        let (dispatcher, row) = (state.dispatcher(), row.clone());
        let current = path::get(doc, &row).cloned();
        Callback::from(move |(_, value): (String, String)| {
            let (Some(serde_json::Value::Object(mut m)), Some((u, c))) =
                (current.clone(), scope3::hk::usual(&value))
            else {
                return;
            };
            m.insert("factor".into(), serde_json::json!(value));
            m.insert("category".into(), serde_json::json!(c.to_string()));
            if u != Usual::Sewage {
                m.remove("share");
            }
            if u == Usual::Paper {
                m.remove("electricity");
            }
            m.remove("quantity");
            m.remove("unit");
            dispatcher.dispatch(Action::SetJson {
                path: row.clone(),
                value: Some(serde_json::Value::Object(m)),
            })
        })
    };
    let (unit, note) = match props.which {
        Usual::Paper => ("kg", tr!(lang, "Empty: the paper among the waste items")),
        _ => ("m³", tr!(lang, "Empty: the period's water")),
    };
    let electricity: Vec<(String, String)> = crate::engine::library::all()
        .iter()
        .filter(|r| {
            r.id == scope3::hk::DEFAULT_ELECTRICITY
                || r.id.starts_with("clp-")
                || r.id.starts_with("hk-electric-")
        })
        .filter_map(|r| {
            r.single_value()
                .map(|v| (r.id.clone(), format!("{} — {} kg/kWh", r.id, v)))
        })
        .collect();
    let chosen = match path::text(doc, &p(Input::Electricity)) {
        e if e.is_empty() => AttrValue::from(scope3::hk::DEFAULT_ELECTRICITY),
        e => AttrValue::from(e),
    };
    let onedit = props.onedit.clone();
    html! {
        <>
            <div class="wide">
                <SelectField path={p(Input::Factor)} label={Input::Factor.label().render(lang)} value={text(Input::Factor)} options={options(lines)} error={err(Input::Factor)} onedit={choose} />
            </div>
            <NumberField path={p(Input::Quantity)} label={Input::Quantity.label().render(lang)} unit={unit} value={text(Input::Quantity)} note={AttrValue::from(note)} error={err(Input::Quantity).or_else(|| err(Input::Unit))} onedit={onedit.clone()} />
            if props.which == Usual::Sewage {
                <NumberField path={p(Input::Share)} label={Input::Share.label().render(lang)} unit="%" value={text(Input::Share)} note={AttrValue::from(tr!(lang, "Empty: 100 %, DSD's charging basis (70 % or 80 % for the trades its schedules name)"))} error={err(Input::Share)} onedit={onedit.clone()} />
            }
            if props.which != Usual::Paper {
                <SelectField path={p(Input::Electricity)} label={Input::Electricity.label().render(lang)} value={chosen} options={options(electricity)} error={err(Input::Electricity)} onedit={onedit} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PeriodProps {
    period: PeriodId,
}

/// Comply or explain: each of the fifteen categories, its tonnes, and whether the report
/// includes it, leaves it out as not relevant, or has not measured it yet, with the reason.
#[component]
fn Scope3Categories(props: &PeriodProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = state.doc.get();
    let doc = &*doc;
    let prefix = props.period.prefix();
    let list_path = format!("{prefix}scope3_categories");
    let entries: Vec<serde_json::Value> = path::get(doc, &list_path)
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    let index_of = |c: u8| {
        entries.iter().position(|e| match e.get("category") {
            Some(serde_json::Value::Number(n)) => n.as_u64() == Some(u64::from(c)),
            Some(serde_json::Value::String(s)) => s.trim() == c.to_string(),
            _ => false,
        })
    };
    let computed = period_details(&state.last_good, props.period).and_then(|d| d.scope3.clone());
    let statuses = |lines: usize| {
        let mut o = vec![(
            String::new(),
            if lines > 0 {
                tr!(lang, "Included (it has lines)").to_string()
            } else {
                tr!(lang, "— not stated —").to_string()
            },
        )];
        o.push(("included".to_string(), tr!(lang, "Included").to_string()));
        o.push((
            "not_relevant".to_string(),
            tr!(lang, "Not relevant").to_string(),
        ));
        o.push((
            "not_measured".to_string(),
            tr!(lang, "Not yet measured").to_string(),
        ));
        options(o)
    };
    let set = |c: u8, field: &'static str| {
        let (dispatcher, list_path, entries) =
            (state.dispatcher(), list_path.clone(), entries.clone());
        let at = index_of(c);
        Callback::from(move |(_, value): (String, String)| {
            let mut entries = entries.clone();
            match at {
                Some(k) => {
                    if let Some(serde_json::Value::Object(m)) = entries.get_mut(k) {
                        m.insert(field.into(), serde_json::json!(value));
                    }
                }
                None => entries.push(serde_json::json!({ "category": c, field: value })),
            }
            // A category back to "not stated", with no reason, leaves the list.
            entries.retain(|e| {
                let text = |k: &str| {
                    e.get(k)
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .trim()
                        .is_empty()
                };
                !(text("status") && text("reason"))
            });
            let value = (!entries.is_empty()).then(|| serde_json::Value::Array(entries));
            dispatcher.dispatch(Action::SetJson {
                path: list_path.clone(),
                value,
            })
        })
    };
    html! {
        <table class="scope3-categories" data-testid="scope3-categories">
            <caption>{ tr!(lang, "Comply or explain: each category included, not relevant or not yet measured, with the reason") }</caption>
            <thead><tr>
                <th scope="col">{ Input::Category.label().render(lang) }</th>
                <th scope="col" class="num">{ tr!(lang, "t CO2e") }</th>
                <th scope="col">{ Input::Status.label().render(lang) }</th>
                <th scope="col">{ Input::Reason.label().render(lang) }</th>
            </tr></thead>
            <tbody>{ for (1..=15u8).map(|c| {
                let at = index_of(c);
                let base = match at {
                    Some(k) => format!("{list_path}[{k}]"),
                    None => format!("{list_path}[+{c}]"),
                };
                let field = |f: Input| format!("{base}.{}", f.key());
                let value = |f: Input| AttrValue::from(path::text(doc, &field(f)));
                let err = |f: Input| state.error_at(&field(f), lang).map(AttrValue::from);
                let found = computed.as_ref().and_then(|d| d.categories.iter().find(|k| k.category == c));
                let lines = found.map_or(0, |k| k.lines);
                let tonnes = found.and_then(|k| k.t).map(|t| Rounded(t.get()).to_string()).unwrap_or_default();
                let name = scope3::category_name(c).render(lang).to_string();
                html! {
                    <tr data-category={c.to_string()}>
                        <th scope="row">{ name.clone() }</th>
                        <td class="num" data-category-t={c.to_string()}>{ tonnes }</td>
                        <td><SelectField path={field(Input::Status)} label={trf!(lang, "{0}: in this report", &[&name])} value={value(Input::Status)} options={statuses(lines)} error={err(Input::Status).or_else(|| err(Input::Category))} onedit={set(c, "status")} /></td>
                        <td><TextField path={field(Input::Reason)} label={trf!(lang, "{0}: reason", &[&name])} value={value(Input::Reason)} error={err(Input::Reason)} onedit={set(c, "reason")} /></td>
                    </tr>
                }
            }) }</tbody>
        </table>
    }
}

/// The method settings: GWP set and grid-factor edition (with the combined-margin weight).
#[component]
fn Method(props: &InputsProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = state.doc.get();
    let doc = &*doc;
    let gwp = path::text(doc, Input::Gwp.key());
    let gwp_options = options(
        std::iter::once((
            String::new(),
            trf!(lang, "Default ({0})", &[library::GwpSet::DEFAULT.id()]),
        ))
        .chain(
            library::GwpSet::ALL
                .iter()
                .map(|g| (g.id().to_string(), g.id().to_string())),
        ),
    );
    let edition = path::text(doc, Input::GridEdition.key());
    let edition_options = options(
        std::iter::once((
            String::new(),
            trf!(
                lang,
                "Default ({0}, the report's basis)",
                &[library::DEFAULT_GRID_EDITION],
            ),
        ))
        .chain(library::GRID_EDITIONS.iter().map(|(id, e)| {
            let label = match e {
                library::GridEdition::Latest => tr!(lang, "Each line's year: MEE/NBS 2022–2023, the latest before a later year (flagged); the 2015 basis before 2022").to_string(),
                library::GridEdition::Provincial(_) => trf!(lang, "{0}: each province's own average (unverified copies of the MEE/NBS table)", &[id]),
                _ => id.to_string(),
            };
            (id.to_string(), label)
        })),
    );
    let effective = if edition.is_empty() {
        library::DEFAULT_GRID_EDITION.to_string()
    } else {
        edition.clone()
    };
    let towngas = vec![
        (
            AttrValue::from(""),
            AttrValue::from(tr!(lang, "Scope 1: fuel burnt on site (GHG Protocol)")),
        ),
        (
            AttrValue::from("scope2"),
            AttrValue::from(tr!(lang, "Scope 2: energy bought (HK EPD/EMSD guidelines)")),
        ),
    ];
    const MONTHS: [&str; 11] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
    ];
    let year_end: Vec<(AttrValue, AttrValue)> = std::iter::once((
        AttrValue::from(""),
        AttrValue::from(tr!(lang, "March: April to March (the default)")),
    ))
    .chain(MONTHS.iter().zip(1..).map(|(name, m): (&&str, u8)| {
        (
            AttrValue::from(m.to_string()),
            AttrValue::from(crate::i18n::tr(lang, name)),
        )
    }))
    .collect();
    let consolidation: Vec<(AttrValue, AttrValue)> = std::iter::once((
        AttrValue::from(""),
        AttrValue::from(tr!(lang, "— not stated —")),
    ))
    .chain(crate::engine::part_d::CONSOLIDATION.iter().map(|c| {
        (
            AttrValue::from(*c),
            AttrValue::from(crate::engine::part_d::consolidation_words(c).render(lang)),
        )
    }))
    .collect();
    let combined = matches!(
        library::grid_edition(&effective),
        Some(library::GridEdition::CombinedMargin { .. })
    );
    html! {
        <fields::Group legend={tr!(lang, "Method — global warming potentials and grid factors")} paths={vec![Input::Gwp.key(), Input::GridEdition.key(), Input::GridOmWeight.key(), Input::TowngasScope.key(), Input::YearEnd.key(), Input::Consolidation.key()]}>
            <SelectField path={Input::Gwp.key()} label={Input::Gwp.label().render(lang)} value={gwp} options={gwp_options} error={state.error_at(Input::Gwp.key(), lang).map(AttrValue::from)} onedit={props.onedit.clone()} />
            <SelectField path={Input::GridEdition.key()} label={Input::GridEdition.label().render(lang)} value={edition} options={edition_options} error={state.error_at(Input::GridEdition.key(), lang).map(AttrValue::from)} onedit={props.onedit.clone()} />
            if combined {
                <NumberField path={Input::GridOmWeight.key()} label={Input::GridOmWeight.label().render(lang)} value={path::text(doc, Input::GridOmWeight.key())}
                    error={state.error_at(Input::GridOmWeight.key(), lang).map(AttrValue::from)}
                    note={Some(AttrValue::from(tr!(lang, "CM = w·OM + (1−w)·BM; 0.5 by default, 0.75 for wind and solar projects. Blank = 0.5.")))}
                    onedit={props.onedit.clone()} />
            }
            <SelectField path={Input::TowngasScope.key()} label={Input::TowngasScope.label().render(lang)} value={path::text(doc, Input::TowngasScope.key())} options={towngas} error={state.error_at(Input::TowngasScope.key(), lang).map(AttrValue::from)} onedit={props.onedit.clone()} />
            <SelectField path={Input::YearEnd.key()} label={Input::YearEnd.label().render(lang)} value={path::text(doc, Input::YearEnd.key())} options={year_end} error={state.error_at(Input::YearEnd.key(), lang).map(AttrValue::from)}
                note={Some(AttrValue::from(tr!(lang, "Each calendar year's utility factor counts for its months: 9/12 × 2024 + 3/12 × 2025.")))}
                onedit={props.onedit.clone()} />
            <SelectField path={Input::Consolidation.key()} label={Input::Consolidation.label().render(lang)} value={path::text(doc, Input::Consolidation.key())} options={consolidation} error={state.error_at(Input::Consolidation.key(), lang).map(AttrValue::from)} onedit={props.onedit.clone()} />
        </fields::Group>
    }
}

fn note(lang: Lang, doc: &serde_json::Value, p: &str) -> Option<AttrValue> {
    doc.get("notes")
        .and_then(|n| n.get(p))
        .and_then(|v| v.as_str())
        .map(|s| AttrValue::from(crate::i18n::note_text(lang, s).to_string()))
}

#[derive(Properties, PartialEq)]
struct EnergyRowProps {
    index: usize,
    period: PeriodId,
    onedit: Callback<(String, String)>,
}

fn options<I: IntoIterator<Item = (String, String)>>(items: I) -> Vec<(AttrValue, AttrValue)> {
    items
        .into_iter()
        .map(|(v, l)| (AttrValue::from(v), AttrValue::from(l)))
        .collect()
}

/// Where an electricity row's grid factor comes from: provinces, regional grids, national, HK.
fn grid_options(lang: Lang) -> Vec<(AttrValue, AttrValue)> {
    let mut out = vec![(String::new(), tr!(lang, "— choose the grid —").to_string())];
    out.extend(library::PROVINCES.iter().map(|(id, _, tc, region)| {
        (
            id.to_string(),
            format!("{} {tc} — {}", title(id), tr(lang, region.label())),
        )
    }));
    out.extend(
        library::Region::ALL
            .iter()
            .map(|r| (r.id().to_string(), tr(lang, r.label()).to_string())),
    );
    out.push((
        "cn-national".into(),
        tr!(lang, "Mainland China, national average").into(),
    ));
    out.push((
        "hk-electric".into(),
        tr!(lang, "Hong Kong — HK Electric (by year)").into(),
    ));
    out.push((
        "clp".into(),
        tr!(lang, "Hong Kong — CLP Power (by year)").into(),
    ));
    out.push((
        "hk-default".into(),
        tr!(lang, "Hong Kong — government default 0.7 kg/kWh").into(),
    ));
    options(out)
}

fn title(id: &str) -> String {
    id.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
fn EnergyRowEditor(props: &EnergyRowProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let i = props.index;
    let (period, prefix) = (props.period, props.period.prefix());
    let row_path = format!("{prefix}energy[{i}]");
    let doc = state.doc.get();
    let row = path::get(&doc, &row_path).cloned().unwrap_or_default();
    let within = format!("{row_path}.");
    let errors: Vec<(String, String)> = state
        .current
        .errors
        .iter()
        .filter(|e| e.path == row_path || e.path.starts_with(&within))
        .map(|e| (e.path.clone(), e.message.render(lang)))
        .collect();
    let used = state.factor_source(period, i).map(|t| t.render(lang));
    // Warnings that point at one of the line's fields (a factor of an earlier year).
    let warnings: Vec<(String, String)> = period_checks(&state.current, period)
        .iter()
        .filter_map(|c| {
            let p = c.path.as_ref()?;
            (p.starts_with(&within) && c.level != crate::engine::calc::Level::Info)
                .then(|| (p.clone(), c.message.render(lang)))
        })
        .collect();
    let quantity_note = note(lang, &doc, &format!("{row_path}.quantity"));
    // The row itself renders only when what it shows changed: with 50 lines on a page, a
    // keystroke in one re-renders one.
    html! {
        <EnergyRowView {i} {period} {row} {errors} {warnings} {used} {quantity_note}
            onedit={props.onedit.clone()} dispatcher={state.dispatcher()} />
    }
}

#[derive(Properties, PartialEq)]
struct EnergyRowViewProps {
    i: usize,
    period: PeriodId,
    /// The row's JSON, as typed.
    row: serde_json::Value,
    /// Errors at the row and its fields: (path, message in the page's language).
    errors: Vec<(String, String)>,
    /// Warnings at the row's fields: (path, message in the page's language).
    warnings: Vec<(String, String)>,
    used: Option<String>,
    quantity_note: Option<AttrValue>,
    onedit: Callback<(String, String)>,
    dispatcher: UseReducerDispatcher<State>,
}

#[component]
fn EnergyRowView(props: &EnergyRowViewProps) -> Html {
    let lang = use_lang();
    let row = &props.row;
    let i = props.i;
    let prefix = props.period.prefix();
    let row_path = format!("{prefix}energy[{i}]");
    let p = |f: Input| f.in_line(&row_path);
    let text = |f: Input| path::text(row, f.key());
    let error_at = |path: &str| {
        props
            .errors
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, m)| m.clone())
    };
    let err = |f: Input| error_at(&p(f)).map(AttrValue::from);
    let source_id = text(Input::Source);
    let source = units::Source::from_id(&source_id);
    let sources = options(
        units::Source::ALL
            .iter()
            .map(|s| (s.id().to_string(), tr(lang, s.label()).to_string())),
    );
    let unit_choices = source.map_or(&units::QuantityUnit::ALL[..], |s| s.units());
    let quantity_units = options(
        unit_choices
            .iter()
            .map(|u| (u.id().to_string(), u.symbol().to_string())),
    );
    let factor_units = options(
        units::FactorUnit::COMMON
            .iter()
            .filter(
                |u| match (u.per.physical(), source.and_then(|s| s.physical())) {
                    (Some(want), have) => have == Some(want),
                    (None, have) => u.per != units::Per::L || have == Some(units::Physical::Kg),
                },
            )
            .map(|u| (u.id(), u.symbol())),
    );
    let duplicate = {
        let dispatcher = props.dispatcher.clone();
        Callback::from(move |_| {
            dispatcher.dispatch(Action::DuplicateRow {
                list: format!("{prefix}energy"),
                index: i,
            })
        })
    };
    let remove = {
        let dispatcher = props.dispatcher.clone();
        Callback::from(move |_| {
            dispatcher.dispatch(Action::RemoveRow {
                list: format!("{prefix}energy"),
                index: i,
            })
        })
    };
    let factor = row.get("factor");
    let mode = match factor {
        Some(serde_json::Value::Object(_)) => "custom".to_string(),
        Some(serde_json::Value::String(id)) => id.clone(),
        _ => "auto".to_string(),
    };
    let electricity = source == Some(units::Source::Electricity);
    // A1.1: a fuel burnt on site whose NOx the library cannot work out (anything but towngas and
    // LPG in appliances), or a line that already has its own air factors.
    let has_air = row.get("air").is_some_and(|a| !a.is_null());
    let air_shown = has_air
        || source.is_some_and(|s| {
            s.is_direct()
                && !(matches!(s, units::Source::Towngas | units::Source::Lpg)
                    && text(Input::Mobile).is_empty())
        });
    let air_open = has_air
        || props
            .errors
            .iter()
            .any(|(p, _)| p.starts_with(&format!("{row_path}.air")));
    let air_units: Vec<(AttrValue, AttrValue)> = std::iter::once((
        AttrValue::from(""),
        AttrValue::from(tr!(lang, "— choose —")),
    ))
    .chain(
        ["g/km", "g/L", "kg/L", "g/kg", "kg/t", "kg/GJ"]
            .into_iter()
            .map(|u| (AttrValue::from(u), AttrValue::from(u))),
    )
    .collect();
    let mut modes = vec![
        (
            "auto".to_string(),
            if electricity {
                tr!(lang, "By grid (location-based)").to_string()
            } else {
                tr!(lang, "Preset for this fuel").to_string()
            },
        ),
        (
            "custom".to_string(),
            tr!(lang, "Custom factor (with its source)").to_string(),
        ),
    ];
    let search = use_state(String::new);
    let words: Vec<String> = search
        .to_ascii_lowercase()
        .split_whitespace()
        .map(String::from)
        .collect();
    modes.extend(
        library::all()
            .iter()
            .filter(|r| source.is_some_and(|s| r.sources.contains(&s)))
            .filter(|r| {
                let hay = format!("{} {} {} {}", r.id, r.name, r.publisher, r.edition)
                    .to_ascii_lowercase();
                r.id == mode || words.iter().all(|w| hay.contains(w.as_str()))
            })
            .map(|r| (r.id.clone(), format!("{} [{}]", r.name, r.status.id()))),
    );
    let on_search = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            search.set(input.value());
        })
    };
    let search_id = format!("factor-search-{}{i}", prefix.replace('.', "-"));
    let set_factor = {
        let dispatcher = props.dispatcher.clone();
        let row = row_path.clone();
        Callback::from(move |(_, choice): (String, String)| {
            dispatcher.dispatch(Action::SetFactor {
                row: row.clone(),
                choice,
            })
        })
    };
    // A fuel that can be a vehicle's or a machine's (the IPCC's mobile tables have it).
    let can_move =
        source.is_some_and(|s| library::default_mobile_factor(s, library::Mobile::Road).is_some());
    let uses = vec![
        (
            AttrValue::from(""),
            AttrValue::from(tr!(lang, "Stationary: boiler, generator, kitchen")),
        ),
        (
            AttrValue::from("road"),
            AttrValue::from(tr!(lang, "Road vehicle")),
        ),
        (
            AttrValue::from("off_road"),
            AttrValue::from(tr!(lang, "Mobile machinery (off-road)")),
        ),
    ];
    let by_distance = row.get("distance_km").is_some() || row.get("l_per_100km").is_some();
    let litres_from = vec![
        (
            AttrValue::from("litres"),
            AttrValue::from(tr!(lang, "Fuel bought or logged")),
        ),
        (
            AttrValue::from("distance"),
            AttrValue::from(tr!(lang, "Distance × fuel economy")),
        ),
    ];
    let set_by = {
        let (dispatcher, row_path, row) = (props.dispatcher.clone(), row_path.clone(), row.clone());
        Callback::from(move |(_, value): (String, String)| {
            let serde_json::Value::Object(mut m) = row.clone() else {
                return;
            };
            if value == "distance" {
                m.remove("quantity");
                m.insert("distance_km".into(), serde_json::json!(""));
                m.insert("l_per_100km".into(), serde_json::json!(""));
                m.insert("unit".into(), serde_json::json!("L"));
            } else {
                m.remove("distance_km");
                m.remove("l_per_100km");
                m.insert("quantity".into(), serde_json::json!(""));
            }
            dispatcher.dispatch(Action::SetJson {
                path: row_path.clone(),
                value: Some(serde_json::Value::Object(m)),
            })
        })
    };
    let used = props.used.clone();
    let row_error = error_at(&row_path);
    html! {
        <div class="energy-row" role="group" aria-label={trf!(lang, "Energy line {0}", &[&(i + 1).to_string()])} data-row={row_path.clone()}>
            <div class="row-head">
                <span class="row-title">{ trf!(lang, "Line {0}", &[&(i + 1).to_string()]) }</span>
                <span>
                    <button type="button" class="link" onclick={duplicate} aria-label={trf!(lang, "Duplicate energy line {0}", &[&(i + 1).to_string()])}>{ tr!(lang, "Duplicate") }</button>
                    <button type="button" class="link" onclick={remove} aria-label={trf!(lang, "Remove energy line {0}", &[&(i + 1).to_string()])}>{ tr!(lang, "Remove") }</button>
                </span>
            </div>
            if let Some(e) = row_error { <p class="error" data-error-for={row_path.clone()}>{ e }</p> }
            <div class="row-grid">
                <TextField path={p(Input::Site)} label={Input::Site.label().render(lang)} value={text(Input::Site)} error={err(Input::Site)} onedit={props.onedit.clone()} />
                <SelectField path={p(Input::Source)} label={Input::Source.label().render(lang)} value={source_id.clone()} options={sources} error={err(Input::Source)} onedit={props.onedit.clone()} />
                if can_move || !text(Input::Mobile).is_empty() {
                    <SelectField path={p(Input::Mobile)} label={Input::Mobile.label().render(lang)} value={text(Input::Mobile)} options={uses} error={err(Input::Mobile)} onedit={props.onedit.clone()} />
                }
                if by_distance {
                    <NumberField path={p(Input::DistanceKm)} label={Input::DistanceKm.label().render(lang)} unit={tr!(lang, "km")} value={text(Input::DistanceKm)} error={err(Input::DistanceKm)} onedit={props.onedit.clone()} />
                    <NumberField path={p(Input::Economy)} label={Input::Economy.label().render(lang)} unit={tr!(lang, "L/100 km")} value={text(Input::Economy)} error={err(Input::Economy)} onedit={props.onedit.clone()} />
                }
                if !by_distance || !text(Input::Quantity).is_empty() || err(Input::Quantity).is_some() {
                    <NumberField path={p(Input::Quantity)} label={Input::Quantity.label().render(lang)} value={text(Input::Quantity)} error={err(Input::Quantity)} note={props.quantity_note.clone()} onedit={props.onedit.clone()} />
                }
                if text(Input::Mobile) == "road" {
                    <SelectField path={format!("{row_path}.by")} label={tr!(lang, "Litres from")} value={if by_distance { "distance" } else { "litres" }} options={litres_from} onedit={set_by} />
                }
                <SelectField path={p(Input::Unit)} label={Input::Unit.label().render(lang)} value={text(Input::Unit)} options={quantity_units} error={err(Input::Unit)} onedit={props.onedit.clone()} />
                if text(Input::Unit) == "L" || !text(Input::Density).is_empty() || err(Input::Density).is_some() {
                    <NumberField path={p(Input::Density)} label={Input::Density.label().render(lang)} unit={tr!(lang, "kg/L")} value={text(Input::Density)} error={err(Input::Density)} onedit={props.onedit.clone()} />
                }
                <div class="wide field">
                    <label for={search_id.clone()}>{ tr!(lang, "Search the factor library") }</label>
                    <input id={search_id} type="search" placeholder={tr!(lang, "e.g. 2016 east, CLP, IPCC diesel")} value={(*search).clone()} oninput={on_search} />
                </div>
                <div class="wide">
                    <SelectField path={p(Input::Factor)} label={Input::Factor.label().render(lang)} value={mode.clone()} options={options(modes)} error={err(Input::Factor)} onedit={set_factor} />
                </div>
                // A grid that no longer applies (the line's source changed) is shown with its
                // message, so that it can be cleared where it is.
                if (mode == "auto" && electricity) || err(Input::Grid).is_some() {
                    <div class="wide">
                        <SelectField path={p(Input::Grid)} label={Input::Grid.label().render(lang)} value={text(Input::Grid)} options={grid_options(lang)} error={err(Input::Grid)} onedit={props.onedit.clone()} />
                    </div>
                }
                if mode == "custom" {
                    <NumberField path={p(Input::FactorValue)} label={Input::FactorValue.label().render(lang)} value={text(Input::FactorValue)} error={err(Input::FactorValue)} onedit={props.onedit.clone()} />
                    <SelectField path={p(Input::FactorUnit)} label={Input::FactorUnit.label().render(lang)} value={text(Input::FactorUnit)} options={factor_units} error={err(Input::FactorUnit)} onedit={props.onedit.clone()} />
                    <div class="wide">
                        <TextField path={p(Input::FactorSource)} label={Input::FactorSource.label().render(lang)} value={text(Input::FactorSource)} error={err(Input::FactorSource)} onedit={props.onedit.clone()} />
                    </div>
                }
            </div>
            if air_shown {
                <details class="air" open={air_open}>
                    <summary>{ tr!(lang, "Air emissions (A1.1): NOx, SOx and particulates from this line") }</summary>
                    <p class="note">{ tr!(lang, "For a vehicle, HKEX Appendix 2's figures for its class and fuel; towngas and LPG in appliances need none.") }</p>
                    <div class="grid">
                        <NumberField path={p(Input::AirNox)} label={Input::AirNox.label().render(lang)} value={text(Input::AirNox)} error={err(Input::AirNox)} onedit={props.onedit.clone()} />
                        <NumberField path={p(Input::AirSox)} label={Input::AirSox.label().render(lang)} value={text(Input::AirSox)} error={err(Input::AirSox)} onedit={props.onedit.clone()} />
                        <NumberField path={p(Input::AirPm)} label={Input::AirPm.label().render(lang)} value={text(Input::AirPm)} error={err(Input::AirPm)} onedit={props.onedit.clone()} />
                        <SelectField path={p(Input::AirUnit)} label={Input::AirUnit.label().render(lang)} value={text(Input::AirUnit)} options={air_units} error={err(Input::AirUnit).or_else(|| error_at(&format!("{row_path}.air")).map(AttrValue::from))} onedit={props.onedit.clone()} />
                        <div class="wide">
                            <TextField path={p(Input::AirSource)} label={Input::AirSource.label().render(lang)} value={text(Input::AirSource)} error={err(Input::AirSource)} onedit={props.onedit.clone()} />
                        </div>
                    </div>
                </details>
            }
            if let Some(source) = used { <p class="note" data-factor-used={row_path.clone()}>{ trf!(lang, "Factor used: {0}", &[&source]) }</p> }
            { for props.warnings.iter().map(|(p, m)| html! {
                <p class="warning" data-warning-for={p.clone()}>{ m.clone() }</p>
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ResultsProps {
    results: Rc<Results>,
}

#[component]
fn ErrorBanner(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let errors = &props.results.errors;
    html! {
        <div class="status" role="status" aria-live="polite">
            if !errors.is_empty() {
                <div class="banner" data-testid="error-banner">
                    <p><strong>{ if errors.len() == 1 { tr!(lang, "1 input needs attention").to_string() } else { trf!(lang, "{0} inputs need attention", &[&errors.len().to_string()]) } }</strong>
                    { tr!(lang, " — the KPIs below are from your last valid input.") }</p>
                    <ul>{ for errors.iter().map(|e| html! {
                        <li data-error-path={e.path.clone()}>{ trf!(lang, "{0}: {1}", &[&crate::engine::field::name_of(&e.path).map_or_else(|| e.path.clone(), |n| n.render(lang)), &e.message.render(lang)]) }</li>
                    }) }</ul>
                </div>
            }
        </div>
    }
}

#[component]
fn KpiTable(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let open = use_state(|| None::<KpiId>);
    let prior = props.results.periods.get(PeriodId::Prior.key());
    let columns = if prior.is_some() { 8 } else { 6 };
    // Published figures without activity data: nothing to compare them with; the panel
    // below says what they imply.
    let has_published = props.results.kpis.0.iter().any(|k| k.published.is_some());
    let prior_label = prior.map(|p| {
        trf!(
            lang,
            "Prior ({0})",
            &[&p.period.clone().unwrap_or_default()],
        )
    });
    // The column a cell is in, said before it when the table is laid out as cards (phones).
    let published_label = has_published.then(|| tr!(lang, "Published"));
    let checking = props.results.trace.is_empty() && props.results.published_check.is_some();
    let row = |k: &KpiResult| {
        let shown = if checking {
            "—".into()
        } else {
            k.display.map_or_else(|| "—".into(), |d| d.to_string())
        };
        let printed = |p: &rust_decimal::Decimal| {
            k.published_as_printed
                .clone()
                .unwrap_or_else(|| number::published(*p))
        };
        let published = match (&k.published, k.matches_published) {
            (Some(p), _) if checking => html! { <span class="printed">{ printed(p) }</span> },
            (Some(p), Some(true)) => {
                html! { <span class="match" title={tr!(lang, "The computed value, rounded as published, equals it")}>{ format!("{} ✓", printed(p)) }</span> }
            }
            (Some(p), _) => {
                html! { <span class="differs" title={tr!(lang, "Differs from the computed value: see the checks below")}>{ format!("{} ≠", printed(p)) }</span> }
            }
            (None, _) => html! { <span class="none">{ "—" }</span> },
        };
        let how = k
            .formula
            .as_ref()
            .or(k.reason.as_ref())
            .map(|t| t.render(lang))
            .unwrap_or_default();
        let is_open = *open == Some(k.id);
        let before = prior.and_then(|p| p.kpis.get(k.id));
        let change = crate::engine::calc::change_percent(k, before).map(|c| {
            let sign = if c.is_sign_positive() && !c.is_zero() {
                "+"
            } else {
                ""
            };
            format!("{sign}{}%", crate::engine::number::rounded(c, 1))
        });
        let toggle = {
            let (open, id) = (open.clone(), k.id);
            Callback::from(move |_| open.set(if *open == Some(id) { None } else { Some(id) }))
        };
        let panel_id = format!("working-{}", k.id.id());
        html! {
            <>
            <tr class={classes!(k.value.is_none().then_some("unavailable"))}>
                <td class="code">{ k.hkex }</td>
                <th scope="row">{ kpi_name(lang, k.id) }</th>
                <td class="num value"><span data-kpi={k.id.id()} title={k.value.map(|v| format!("exact: {v}"))}>{ shown }</span></td>
                <td class="unit">{ tr(lang, k.unit) }</td>
                <td class="num published" data-label={published_label}>{ published }</td>
                if prior.is_some() {
                    <td class="num prior" data-label={prior_label.clone()} data-prior-kpi={k.id.id()}>{ before.and_then(|b| b.display).map_or_else(|| "—".into(), |d| d.to_string()) }</td>
                    <td class="num change" data-label={tr!(lang, "Change")} data-change-kpi={k.id.id()}>{ change.unwrap_or_else(|| "—".into()) }</td>
                }
                <td class="how">{ how }
                    <button type="button" class="link working" aria-expanded={if is_open { "true" } else { "false" }} aria-controls={panel_id.clone()}
                        data-working={k.id.id()} onclick={toggle}>{ if is_open { tr!(lang, "Hide the working") } else { tr!(lang, "Show the working") } }</button>
                </td>
            </tr>
            if is_open {
                <tr class="working-row"><td colspan={columns.to_string()} id={panel_id}><Working results={props.results.clone()} id={k.id} /></td></tr>
            }
            </>
        }
    };
    // A1 (emissions: the air emissions first, then GHG and waste, as HKEX numbers them) and A2.
    let (mut emissions, resources): (Vec<KpiId>, Vec<KpiId>) = KpiId::ALL
        .into_iter()
        .partition(|k| k.hkex().starts_with("A1"));
    emissions.sort_by_key(|k| k.hkex() != "A1.1");
    let group = |title: &str, zh: &str, ids: &[KpiId]| {
        html! {
            <>
                <tr class="group-row"><th colspan={columns.to_string()} scope="colgroup">{ title }<span class="zh" lang="zh-Hant">{ zh }</span></th></tr>
                { for ids.iter().filter_map(|id| props.results.kpis.get(*id)).map(row) }
            </>
        }
    };
    html! {
        <div class="table-wrap">
            <table class="kpis">
                <caption class="sr-only">{ tr!(lang, "Environmental KPIs, computed, with the published figures beside them") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ tr!(lang, "HKEX") }</th>
                        <th scope="col">{ tr!(lang, "KPI") }</th>
                        <th scope="col" class="num">{ tr!(lang, "Computed") }</th>
                        <th scope="col">{ tr!(lang, "Unit") }</th>
                        <th scope="col" class="num">{ if has_published { tr!(lang, "Published") } else { "" } }</th>
                        if let Some(label) = prior_label.clone() { <th scope="col" class="num">{ label }</th><th scope="col" class="num">{ tr!(lang, "Change") }</th> }
                        <th scope="col">{ tr!(lang, "How it is obtained") }</th>
                    </tr>
                </thead>
                <tbody>
                    { group(tr!(lang, "1. Emissions"), if lang == Lang::En { "排放物" } else { "" }, &emissions) }
                    { group(tr!(lang, "2. Energy and resource use"), if lang == Lang::En { "能源及資源消耗" } else { "" }, &resources) }
                </tbody>
            </table>
        </div>
    }
}

/// Totals by site, by month and by source, and what looks wrong in the activity rows.
#[component]
fn Breakdowns(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let r = &props.results;
    let Some(d) = &r.details else {
        return html! {};
    };
    let b = &d.breakdowns;
    let fmt = |v: &Option<Num>| v.map_or("—".to_string(), |v| Rounded(v.get()).to_string());
    let table = |title: &'static str,
                 kind: &'static str,
                 groups: &Vec<crate::engine::calc::Group>,
                 name: &dyn Fn(&str) -> String| {
        html! {
            <div class="table-wrap">
                <table class="breakdown" data-breakdown={kind}>
                    <caption>{ tr(lang, title) }</caption>
                    <thead><tr><th scope="col">{ "" }</th><th scope="col" class="num">{ tr!(lang, "Lines") }</th><th scope="col" class="num">{ tr!(lang, "t CO2e") }</th><th scope="col" class="num">{ tr!(lang, "MWh") }</th></tr></thead>
                    <tbody>
                        { for groups.iter().take(200).map(|g| html! {
                            <tr><th scope="row">{ name(&g.key) }</th><td class="num">{ g.rows }</td><td class="num">{ fmt(&g.ghg_t) }</td><td class="num">{ fmt(&g.energy_mwh) }</td></tr>
                        }) }
                    </tbody>
                </table>
                if groups.len() > 200 { <p class="note">{ trf!(lang, "and {0} more", &[&(groups.len() - 200).to_string()]) }</p> }
            </div>
        }
    };
    let plain = |k: &str| {
        if k.is_empty() {
            tr!(lang, "(none)").to_string()
        } else {
            k.to_string()
        }
    };
    let source = |k: &str| match units::Source::from_id(k) {
        Some(s) => tr(lang, s.label()).to_string(),
        None if k == "refrigerants" => tr!(lang, "Refrigerants").to_string(),
        None => k.to_string(),
    };
    let quality = &r.data_quality;
    let (open, ontoggle) = use_open();
    html! {
        <details class="breakdowns" data-testid="breakdowns" {ontoggle}>
            <summary>{ trf!(lang, "By site, month and source · data quality ({0})", &[&quality.len().to_string()]) }</summary>
            if open {
                <ul class="plain" data-testid="data-quality">
                    if quality.is_empty() { <li class="info">{ tr!(lang, "No missing months, outliers, duplicate rows or mixed units found.") }</li> }
                    { for quality.iter().map(|c| html! { <li class={c.level.id()} data-quality={c.id.clone()}>{ c.message.render(lang) }</li> }) }
                </ul>
                { table("By site", "site", &b.by_site, &plain) }
                { table("By month", "month", &b.by_month, &plain) }
                { table("By source", "source", &b.by_source, &source) }
            }
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct EditProps {
    onedit: Callback<(String, String)>,
}

/// The intensities the report prints beyond the KPI table's: which total, per what.
#[component]
fn IntensityEditor(props: &EditProps) -> Html {
    use crate::engine::intensity::{Of, Per};
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = state.doc.get();
    let doc = &*doc;
    let n = match path::get(doc, "intensities") {
        Some(serde_json::Value::Array(a)) => a.len(),
        _ => 0,
    };
    let totals: Vec<(String, String)> = Of::all()
        .into_iter()
        .map(|o| (o.id().to_string(), o.name().render(lang).to_string()))
        .collect();
    let pers: Vec<(String, String)> = Per::ALL
        .into_iter()
        .map(|p| (p.id().to_string(), p.words().render(lang).to_string()))
        .collect();
    let add = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_| {
            dispatcher.dispatch(Action::AddRow {
                list: "intensities".into(),
                row: serde_json::json!({ "kpi": "ghg_total_t", "per": "employee" }),
                at: None,
            })
        })
    };
    html! {
        <div class="intensities" data-testid="intensities">
            <h3>{ tr!(lang, "Intensities the report prints") }</h3>
            <p class="note">{ tr!(lang, "Any total per employee, per m², per million of revenue in the report's currency, or per unit of production: each is shown under the KPI table, traced and exported.") }</p>
            { for (0..n).map(|i| {
                let row = format!("intensities[{i}]");
                let at = |k: &str| format!("{row}.{k}");
                let number = (i + 1).to_string();
                let remove = {
                    let dispatcher = state.dispatcher();
                    Callback::from(move |_| dispatcher.dispatch(Action::RemoveRow { list: "intensities".into(), index: i }))
                };
                html! {
                    <div class="row-grid intensity" key={i} role="group" aria-label={trf!(lang, "Intensity {0}", &[&number])}>
                        <SelectField path={at("kpi")} label={tr!(lang, "Total")} value={AttrValue::from(path::text(doc, &at("kpi")))}
                            options={options(totals.clone())} error={state.error_at(&at("kpi"), lang).map(AttrValue::from).or_else(|| state.error_at(&row, lang).map(AttrValue::from))} onedit={props.onedit.clone()} />
                        <SelectField path={at("per")} label={tr!(lang, "Divided by")} value={AttrValue::from(path::text(doc, &at("per")))}
                            options={options(pers.clone())} error={state.error_at(&at("per"), lang).map(AttrValue::from)} onedit={props.onedit.clone()} />
                        <button type="button" class="link" onclick={remove} aria-label={trf!(lang, "Remove intensity {0}", &[&number])}>{ tr!(lang, "Remove") }</button>
                    </div>
                }
            }) }
            <button type="button" class="secondary" onclick={add}>{ tr!(lang, "+ Add an intensity") }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct IntensityProps {
    results: Rc<Results>,
    /// Those per unit of production, rather than those the report chose.
    #[prop_or_default]
    production: bool,
}

/// The intensities the report chose, or those per unit of production, under the KPI table.
#[component]
fn IntensityTable(props: &IntensityProps) -> Html {
    let lang = use_lang();
    let (items, caption, class) = if props.production {
        (
            &props.results.per_production_unit,
            tr!(lang, "Per unit of production"),
            "kpis production",
        )
    } else {
        (
            &props.results.intensities,
            tr!(lang, "Intensities the report prints"),
            "kpis chosen-intensities",
        )
    };
    if items.is_empty() {
        return html! {};
    }
    html! {
        <div class="table-wrap">
            <table class={class}>
                <caption>{ caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ tr!(lang, "KPI") }</th>
                        <th scope="col" class="num">{ tr!(lang, "Computed") }</th>
                        <th scope="col">{ tr!(lang, "Unit") }</th>
                        <th scope="col" class="num">{ tr!(lang, "Published") }</th>
                        <th scope="col">{ tr!(lang, "How it is obtained") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for items.iter().map(|i| {
                        let how = i.formula.as_ref().or(i.reason.as_ref()).map(|t| t.render(lang)).unwrap_or_default();
                        let published = match (&i.published_as_printed, i.matches_published) {
                            (Some(p), Some(true)) => html! { <span class="match">{ format!("{p} ✓") }</span> },
                            (Some(p), Some(false)) => html! { <span class="differs">{ format!("{p} ≠") }</span> },
                            (Some(p), None) => html! { <span class="printed">{ p.clone() }</span> },
                            (None, _) => html! { <span class="none">{ "—" }</span> },
                        };
                        html! {
                            <tr>
                                <th scope="row">{ i.name.render(lang) }</th>
                                <td class="num" data-intensity={i.id.clone()} data-kpi={(!props.production).then(|| i.id.clone())}>{ i.display.map_or_else(|| "—".into(), |d| d.to_string()) }</td>
                                <td>{ &i.unit }</td>
                                <td class="num published">{ published }</td>
                                <td class="how">{ how }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Checks(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let checks = &props.results.checks;
    if checks.is_empty() {
        return html! {};
    }
    html! {
        <section class="checks" aria-labelledby="checks-title">
            <h3 id="checks-title">{ tr!(lang, "Checks") }</h3>
            <ul>
                { for checks.iter().map(|c| html! {
                    <li class={c.level.id()} data-check={c.id.clone()}><span class="badge">{ tr(lang, c.level.id()) }</span>{ c.message.render(lang) }</li>
                }) }
            </ul>
        </section>
    }
}

#[component]
fn Trace(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let trace = &props.results.trace;
    let all = trace.len() + props.results.trace_omitted;
    let (open, ontoggle) = use_open();
    html! {
        <details class="trace" {ontoggle}>
            <summary>{ trf!(lang, "Calculation lines ({0})", &[&all.to_string()]) }</summary>
            if all > SHOWN_LINES { <p class="note">{ trf!(lang, "The first {0} of {1} lines; the calculation lines CSV has them all.", &[&SHOWN_LINES.to_string(), &all.to_string()]) }</p> }
            // Written only while open: 300 lines re-rendered on every keystroke for nobody.
            if open { <ol>
                { for trace.iter().map(|t| html! {
                    <li data-trace={t.path.clone()}>
                        <p>{ t.text.render(lang) }</p>
                        if let Some(c) = &t.conversion { <p class="note">{ trf!(lang, "Conversion: {0}", &[&c.render(lang)]) }</p> }
                        if let Some(f) = &t.factor { <p class="note" data-factor-source={t.path.clone()}>{ trf!(lang, "Factor: {0}", &[&f.source.render(lang)]) }</p> }
                    </li>
                }) }
            </ol> }
        </details>
    }
}

/// Whether a `<details>` is open, and the `ontoggle` that keeps it: for panels whose
/// contents are rendered only while they are open.
#[hook]
fn use_open() -> (bool, Callback<Event>) {
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let now = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            open.set(now);
        })
    };
    (*open, ontoggle)
}

#[component]
fn DetailsPanel(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let Some(d) = &props.results.details else {
        return html! {};
    };
    let fmt = |v: &Option<Num>| v.map_or("—".to_string(), |v| Rounded(v.get()).to_string());
    let exact = |v: &Option<Num>| v.map_or("—".to_string(), |v| number::plain(v.get()));
    let label = |id: &str| {
        units::Source::from_id(id)
            .map_or_else(|| id.to_string(), |s| tr(lang, s.label()).to_string())
    };
    // A scope's gases: tonnes, and beside each gas other than CO2 its CO2e.
    let by_gas = |scope: &str,
                  tonnes: &std::collections::BTreeMap<&str, Option<Num>>,
                  co2e: &std::collections::BTreeMap<&str, Option<Num>>|
     -> Html {
        tonnes.iter().filter(|(_, v)| v.is_none_or(|v| !v.get().is_zero())).map(|(g, v)| html! {
            <span class="pill" data-detail={format!("{scope}_{g}")}>{ format!("{g} {} {}", exact(v), tr!(lang, "t")) }
                if let Some(Some(c)) = co2e.get(g).filter(|_| *g != "CO2" && *g != "CO2e") {
                    { format!(" = {} {}", fmt(&Some(*c)), tr!(lang, "t CO2e")) }
                }
            </span>
        }).collect()
    };
    html! {
        <section class="details" aria-labelledby="details-title">
            <h3 id="details-title">{ tr!(lang, "Breakdown") }</h3>
            <dl class="facts">
                <dt>{ tr!(lang, "Effective grid factor (Σ t ÷ Σ MWh)") }</dt>
                <dd data-detail="grid_factor_effective_t_per_mwh">{ format!("{} t CO2e/MWh", exact(&d.grid_factor_effective_t_per_mwh)) }</dd>
                if let Some(market) = &d.scope2_market_t {
                    <dt>{ tr!(lang, "Scope 2, market-based") }</dt>
                    <dd data-detail="scope2_market_t">{ format!("{} {}", fmt(market), tr!(lang, "t CO2e")) }
                        if let Some(m) = &d.scope2_market_method { <span class="note">{ format!(" — {}", m.render(lang)) }</span> }
                    </dd>
                }
                <dt>{ trf!(lang, "Scope 1 by gas (GWP {0})", &[d.gwp]) }</dt>
                <dd>{ by_gas("scope1", &d.scope1_by_gas_t, &d.scope1_by_gas_co2e_t) }</dd>
                if !d.scope2_by_gas_t.is_empty() {
                    <dt>{ trf!(lang, "Scope 2 by gas (GWP {0})", &[d.gwp]) }</dt>
                    <dd>{ by_gas("scope2", &d.scope2_by_gas_t, &d.scope2_by_gas_co2e_t) }</dd>
                }
                if let Some(b) = &d.biogenic_co2_t {
                    <dt>{ tr!(lang, "Biogenic CO2 (biofuels), beside the scopes") }</dt>
                    <dd data-detail="biogenic_co2_t">{ format!("{} {}", fmt(b), tr!(lang, "t")) }</dd>
                }
                if let Some(f) = &d.fugitive {
                    <dt>{ tr!(lang, "Fugitive emissions (refrigerants), Scope 1") }</dt>
                    <dd data-detail="fugitive_scope1_t">{ format!("{} {}", fmt(&f.scope1_t), tr!(lang, "t CO2e")) }</dd>
                    if f.beside_scopes_t.is_none_or(|t| !t.get().is_zero()) {
                        <dt>{ tr!(lang, "Reported beside the scopes (CFCs, HCFCs, halons, HFOs)") }</dt>
                        <dd data-detail="beside_scopes_t">{ format!("{} {}", fmt(&f.beside_scopes_t), tr!(lang, "t CO2e")) }</dd>
                    }
                }
                <dt>{ tr!(lang, "Energy by source") }</dt>
                <dd>{ for d.energy_by_source_mwh.iter().map(|(s, v)| html! {
                    <span class="pill">{ format!("{} {} {}", label(s), fmt(v), tr!(lang, "MWh")) }</span>
                }) }</dd>
                <dt>{ tr!(lang, "Energy in standard coal (GB/T 2589-2008)") }</dt>
                <dd data-detail="energy_tce_total" title={d.energy_tce_method.render(lang)}>{ format!("{} tce", fmt(d.energy_tce.get("total").unwrap_or(&None))) }</dd>
                if !d.waste_by_kind_t.is_empty() {
                    <dt>{ tr!(lang, "Waste by kind") }</dt>
                    <dd>{ for d.waste_by_kind_t.iter().map(|w| {
                        let name = waste::WasteKind::find(w.kind).map_or(w.kind, |k| waste_kind_name(lang, k));
                        let class = if w.hazardous { tr!(lang, "hazardous") } else { tr!(lang, "non-hazardous") };
                        html! {
                            <span class={classes!("pill", w.hazardous.then_some("hazardous"))} data-detail={format!("waste_{}", w.kind)}>
                                { format!("{} {} {}", trf!(lang, "{0} ({1})", &[name, class]), fmt(&w.t), tr!(lang, "t")) }
                            </span>
                        }
                    }) }</dd>
                }
            </dl>
        </section>
    }
}

#[component]
fn PublishedPanel(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let Some(pc) = &props.results.published_check else {
        return html! {};
    };
    let checking = props.results.trace.is_empty();
    html! {
        <details class="published-check" open={checking} data-testid="published-check">
            <summary>{ trf!(lang, "What the published table implies ({0})", &[&pc.implied.len().to_string()]) }</summary>
            <table class="implied">
                <thead><tr><th scope="col">{ tr!(lang, "Implied") }</th><th scope="col" class="num">{ tr!(lang, "Value") }</th><th scope="col" class="num">{ tr!(lang, "Rounding range") }</th><th scope="col">{ tr!(lang, "From") }</th></tr></thead>
                <tbody>
                    { for pc.implied.iter().map(|i| html! {
                        <tr data-implied={i.id.clone()}>
                            <th scope="row">{ i.what.render(lang) }
                                if let Some(c) = &i.comparison { <span class="note">{ c.render(lang) }</span> }
                            </th>
                            <td class="num">{ format!("{} {}", i.value, i.unit) }</td>
                            <td class="num">{ format!("{}–{}", i.low, i.high) }</td>
                            <td>{ i.formula.render(lang) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <ul class="plain">{ for pc.checks.iter().map(|c| html! { <li class={c.level.id()}>{ c.message.render(lang) }</li> }) }</ul>
        </details>
    }
}

/// Printed only: the method and every factor's source, as an appendix to the KPI table.
#[component]
fn PrintAppendix(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let r = &props.results;
    html! {
        <section class="print-only appendix" aria-hidden="true">
            <h3>{ tr!(lang, "Appendix: method and factor sources") }</h3>
            if let Some(d) = &r.details {
                <p>{ trf!(lang, "GWP set {0}; Mainland grid factors {1}; energy in standard coal: {2}.", &[d.gwp, &d.grid_edition, &d.energy_tce_method.render(lang)]) }</p>
            }
            if r.trace.len() + r.trace_omitted > SHOWN_LINES { <p>{ trf!(lang, "The first {0} of {1} lines; the calculation lines CSV has them all.", &[&SHOWN_LINES.to_string(), &(r.trace.len() + r.trace_omitted).to_string()]) }</p> }
            <ol>{ for r.trace.iter().map(|t| html! {
                <li>{ t.text.render(lang) }
                    if let Some(f) = &t.factor { { format!(" — {}", f.source.render(lang)) } }
                </li>
            }) }</ol>
            <h4>{ tr!(lang, "How each KPI is obtained") }</h4>
            <ul>{ for r.kpis.0.iter().map(|k| html! {
                <li>{ format!("{} {}: {}", k.hkex, kpi_name_text(lang, k.id), k.formula.as_ref().or(k.reason.as_ref()).map(|t| t.render(lang)).unwrap_or_default()) }</li>
            }) }</ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct WorkingProps {
    results: Rc<Results>,
    id: KpiId,
}

/// The working of one KPI, in words a reviewer can check: its formula, every line that feeds
/// it with its conversion and factor (value, unit, source, status, GWP), and its checks.
#[component]
fn Working(props: &WorkingProps) -> Html {
    let lang = use_lang();
    let r = &props.results;
    let Some(k) = r.kpis.get(props.id) else {
        return html! {};
    };
    let lines: Vec<_> = r
        .trace
        .iter()
        .filter(|t| t.kpis.contains(&props.id.id()))
        .collect();
    let checks: Vec<_> = r
        .checks
        .iter()
        .filter(|c| c.kpi == Some(props.id.id()))
        .collect();
    html! {
        <div class="working-panel" data-working-panel={props.id.id()}>
            <p><strong>{ format!("{} {} = ", k.hkex, kpi_name_text(lang, k.id)) }</strong>
                { k.value.map(|v| trf!(lang, "{0} {1} (exact)", &[&v.to_string(), k.unit])).or_else(|| k.reason.as_ref().map(|r| r.render(lang))).unwrap_or_default() }</p>
            if let Some(f) = &k.formula { <p>{ trf!(lang, "Formula: {0}", &[&f.render(lang)]) }</p> }
            <ol>
                { for lines.iter().map(|t| html! {
                    <li data-working-line={t.path.clone()}>
                        <p>{ t.text.render(lang) }</p>
                        if let Some(c) = &t.conversion { <p class="note">{ trf!(lang, "Conversion: {0}", &[&c.render(lang)]) }</p> }
                        if let Some(f) = &t.factor {
                            <p class="note">
                                { trf!(lang, "Factor {0}: {1} {2}", &[&f.id.clone().unwrap_or_else(|| tr!(lang, "(custom)").into()),
                                    &f.values.iter().map(|(g, v)| if *g == "value" { v.to_string() } else { format!("{g} {v}") }).collect::<Vec<_>>().join(", "), &f.unit]) }
                                { " " }
                                <span class={classes!("status-badge", f.status.unwrap_or("custom"))}>{ tr(lang, f.status.unwrap_or("custom")) }</span>
                                if let Some(g) = t.gwp { { format!(" · GWP {g}") } }
                            </p>
                            <p class="note factor-source">{ trf!(lang, "Factor: {0}", &[&f.source.render(lang)]) }</p>
                        }
                    </li>
                }) }
            </ol>
            if r.trace_omitted > 0 { <p class="note">{ trf!(lang, "The first {0} lines are listed; the calculation lines CSV has all {1}.", &[&lines.len().to_string(), &(r.trace.len() + r.trace_omitted).to_string()]) }</p> }
            if !checks.is_empty() {
                <ul class="plain">{ for checks.iter().map(|c| html! { <li class={c.level.id()}>{ c.message.render(lang) }</li> }) }</ul>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PeriodTabsProps {
    selected: PeriodId,
    onselect: Callback<PeriodId>,
}

/// The periods of the scenario: current, prior year, base year; add or remove the latter two.
#[component]
fn PeriodTabs(props: &PeriodTabsProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let doc = state.doc.get();
    let doc = &*doc;
    let label = |id: PeriodId| {
        let year = path::text(doc, &format!("{}period", id.prefix()));
        let name = id.name().render(lang);
        if year.is_empty() {
            name.to_string()
        } else {
            format!("{name} ({year})")
        }
    };
    let tab = |id: PeriodId| {
        let selected = props.selected == id;
        let onclick = {
            let on = props.onselect.clone();
            Callback::from(move |_| on.emit(id))
        };
        html! {
            <button type="button" role="tab" aria-selected={if selected { "true" } else { "false" }} aria-controls="period-panel"
                class={classes!("tab", selected.then_some("selected"))} data-period-tab={id.key()} {onclick}>{ label(id) }</button>
        }
    };
    let add = |id: PeriodId, text: &'static str| {
        let (dispatcher, on) = (state.dispatcher(), props.onselect.clone());
        let onclick = Callback::from(move |_| {
            dispatcher.dispatch(Action::AddPeriod(id));
            on.emit(id);
        });
        html! { <button type="button" class="link" {onclick}>{ text }</button> }
    };
    let remove = (props.selected != PeriodId::Current).then(|| {
        let (dispatcher, on, id) = (state.dispatcher(), props.onselect.clone(), props.selected);
        let onclick = Callback::from(move |_| {
            on.emit(PeriodId::Current);
            dispatcher.dispatch(Action::RemovePeriod(id));
        });
        html! { <button type="button" class="link" {onclick}>{ tr!(lang, "Remove this period") }</button> }
    });
    html! {
        <div class="periods">
            <div role="tablist" aria-label={tr!(lang, "Reporting periods")}>
                { tab(PeriodId::Current) }
                { for PeriodId::OTHERS.into_iter().filter(|id| doc.get(id.key()).is_some()).map(tab) }
            </div>
            <div class="period-actions">
                if doc.get(PeriodId::Prior.key()).is_none() { { add(PeriodId::Prior, tr!(lang, "+ Add the prior year")) } }
                if doc.get(PeriodId::BaseYear.key()).is_none() { { add(PeriodId::BaseYear, tr!(lang, "+ Add a base year")) } }
                { for remove }
            </div>
        </div>
    }
}

/// The language the page shows (English unless the app provides another).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or(Lang::En)
}

/// A KPI's name in the page's language, with the report's Traditional Chinese wording (or the
/// English name, in Chinese) beneath it.
/// A KPI's name as plain text in the page's language.
fn kpi_name_text(lang: Lang, id: KpiId) -> &'static str {
    match lang {
        Lang::En => id.name_en(),
        Lang::ZhHant => id.name_zh_hant(),
        Lang::ZhHans => id.name_zh_hans(),
    }
}

fn kpi_name(lang: Lang, id: KpiId) -> Html {
    let (main, second, second_lang) = match lang {
        Lang::En => (id.name_en(), id.name_zh_hant(), "zh-Hant"),
        Lang::ZhHant => (id.name_zh_hant(), id.name_en(), "en"),
        Lang::ZhHans => (id.name_zh_hans(), id.name_en(), "en"),
    };
    html! { <><span class="en">{ main }</span><span class="zh" lang={second_lang}>{ second }</span></> }
}
