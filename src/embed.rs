//! The one place that touches `JsValue`: start-up, `window.EsgKpi` (CONTRACT.md §2), the
//! `esg-kpi-ready` event, the panic hook, and the `<esg-kpi-calculator>` element's side of
//! the boundary (`EsgKpi.__mount`, used by the element class in the drop-in script): its
//! `scenario` and `results` properties and its `kpi-change` and `input-error` events.
//!
//! `calculate` and `load` never throw: whatever the argument, they answer with a results
//! object, bad input reported in its `errors`. Objects are turned into JSON text with the
//! browser's own `JSON.stringify` (which writes numbers in their shortest exact form) and read
//! by the engine, so no number passes through a Rust `f64`.

use crate::engine::{self, calc::Results};
use crate::i18n::Lang;

use crate::ui::{App, AppProps, Host, Keys, Loaded, Setup, State};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

thread_local! {
    /// How `EsgKpi.load` reaches the page: the app registers its loader when it mounts.
    static LOADER: RefCell<Option<Callback<Loaded>>> = const { RefCell::new(None) };
    /// How a parent page's `esg-kpi:lang` reaches the page.
    static PAGE_LANG: RefCell<Option<Callback<Lang>>> = const { RefCell::new(None) };
    /// The page's last valid results, and the allowed parent origin that asked for them.
    static FRAME: RefCell<(Option<Rc<Results>>, Option<String>)> = const { RefCell::new((None, None)) };
    /// Where each calculator on the page is mounted (and its element, if it is one): where the
    /// panic hook says that they have stopped.
    static ROOTS: RefCell<Vec<(web_sys::Element, Option<web_sys::HtmlElement>)>> = const { RefCell::new(Vec::new()) };
}

/// Starts the calculator: the panic hook, `window.EsgKpi`, the page, then `esg-kpi-ready`.
/// The hosted page's start-up script is `async` (its wasm compiles while the HTML is still
/// being parsed), so the page may not have been read to its end yet: the page is then mounted
/// once it has (`DOMContentLoaded`), never into a half-parsed first view. The single file
/// starts at the end of its body, where the page has been read, and mounts at once.
pub fn start() {
    // Through Yew: a plain `set_hook` would be replaced by Yew's own on the first render.
    yew::set_custom_panic_hook(Box::new(on_panic));
    install_api();
    let document = gloo::utils::document();
    let read = |root: &web_sys::Element| {
        root.next_sibling().is_some() || document.ready_state() != "loading"
    };
    match document.get_element_by_id("esg-kpi-root") {
        Some(root) if read(&root) => mount_page(root),
        _ if document.ready_state() == "loading" => {
            let later = Closure::once_into_js(|| {
                match gloo::utils::document().get_element_by_id("esg-kpi-root") {
                    Some(root) => mount_page(root),
                    None => ready(),
                }
            });
            let _ = document
                .add_event_listener_with_callback("DOMContentLoaded", later.unchecked_ref());
        }
        _ => ready(),
    }
}

/// The page's calculator in `#esg-kpi-root`, then `esg-kpi-ready`.
fn mount_page(root: web_sys::Element) {
    take_over_first_view(&root);
    ROOTS.with(|r| r.borrow_mut().push((root.clone(), None)));
    listen_to_parent();
    let props = AppProps {
        setup: Rc::new(Setup::page()),
        host: Rc::new(Host {
            connect: Box::new(register_page),
            update: Box::new(|state: &State| page_update(&state.last_good)),
        }),
        lang: None,
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
    ready();
}

fn ready() {
    if let Ok(event) = web_sys::CustomEvent::new("esg-kpi-ready") {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

/// The first view rendered at build time (`src/ssr.rs`, `data-first-view`) goes, and the
/// calculator renders in its place. Yew renders in a microtask of this same task, so no frame
/// is painted in between: the picture of the example becomes the live page, or — when the
/// script in `<head>` hid it — the user's own scenario appears where nothing was shown.
fn take_over_first_view(root: &web_sys::Element) {
    if root.has_attribute("data-first-view") {
        root.set_inner_html("");
        let _ = root.remove_attribute("data-first-view");
    }
    if let Some(html) = gloo::utils::document().document_element() {
        let _ = html.remove_attribute("data-esg-first-view");
    }
}

/// Called by the page when it mounts, so that `EsgKpi.load` (and an allowed parent page) can
/// replace its scenario and set its language.
fn register_page(loader: Callback<Loaded>, lang: Callback<Lang>) {
    LOADER.with(|l| *l.borrow_mut() = Some(loader));
    PAGE_LANG.with(|l| *l.borrow_mut() = Some(lang));
}

/// Called by the page after every change: an allowed parent that said hello gets the new
/// results when the KPIs change.
fn page_update(last_good: &Rc<Results>) {
    let post = FRAME.with(|f| {
        let mut f = f.borrow_mut();
        let changed = f.0.as_ref().is_none_or(|r| !Rc::ptr_eq(r, last_good));
        f.0 = Some(last_good.clone());
        if changed {
            f.1.clone()
        } else {
            None
        }
    });
    if let Some(origin) = post {
        post_results(&origin, last_good);
    }
}

/// In an iframe: listen to the parent page, and to nothing else.
fn listen_to_parent() {
    let window = gloo::utils::window();
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    let allowed = gloo::utils::document()
        .query_selector("meta[name=\"esg-kpi-allowed-origins\"]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    if allowed.trim().is_empty() {
        return;
    }
    let list = allowed.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let from_parent = event
                .source()
                .is_some_and(|s| js_sys::Object::is(&s, &parent));
            let origin = event.origin();
            if !from_parent || !engine::frame::allowed(&list, &origin) {
                return;
            }
            let data = js_sys::JSON::stringify(&event.data())
                .ok()
                .and_then(|s| s.as_string())
                .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
            match data.as_ref().and_then(engine::frame::parse) {
                Some(engine::frame::Message::Hello) => {
                    let results = FRAME.with(|f| {
                        let mut f = f.borrow_mut();
                        f.1 = Some(origin.clone());
                        f.0.clone()
                    });
                    if let Some(r) = results {
                        post_results(&origin, &r);
                    }
                }
                Some(engine::frame::Message::Load(scenario)) => {
                    let results = engine::calculate_value(&scenario);
                    let loader = LOADER.with(|l| l.borrow().clone());
                    match (results.errors.is_empty(), loader) {
                        (true, Some(loader)) => loader.emit((scenario, None)),
                        _ => post(&origin, "esg-kpi:error", "errors", &to_js_errors(&results)),
                    }
                }
                Some(engine::frame::Message::Lang(lang)) => {
                    if let Some(set) = PAGE_LANG.with(|l| l.borrow().clone()) {
                        set.emit(lang);
                    }
                }
                None => {}
            }
        });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
    // Say we are listening, so that a parent whose hello came before the module started
    // (the iframe's `load` can fire first) knows to say it again. Only to the parent's own
    // origin, and only if that origin is allowed.
    if let Some(origin) = parent_origin().filter(|o| engine::frame::allowed(&allowed, o)) {
        post(
            &origin,
            "esg-kpi:ready",
            "version",
            &JsValue::from_str(env!("CARGO_PKG_VERSION")),
        );
    }
}

/// The parent page's origin: `location.ancestorOrigins[0]` where the browser has it
/// (Chromium, WebKit), else the origin of `document.referrer`.
fn parent_origin() -> Option<String> {
    let location = gloo::utils::window().location();
    let from_ancestors = js_sys::Reflect::get(&location, &JsValue::from_str("ancestorOrigins"))
        .ok()
        .filter(|a| !a.is_undefined() && !a.is_null())
        .and_then(|a| js_sys::Reflect::get(&a, &JsValue::from_f64(0.0)).ok())
        .and_then(|o| o.as_string());
    from_ancestors.or_else(|| {
        let referrer = gloo::utils::document().referrer();
        let url = web_sys::Url::new(&referrer).ok()?;
        Some(url.origin())
    })
}

fn post_results(origin: &str, results: &Results) {
    post(origin, "esg-kpi:results", "results", &to_js(results));
}

fn post(origin: &str, kind: &str, key: &str, value: &JsValue) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &message,
        &JsValue::from_str("type"),
        &JsValue::from_str(kind),
    );
    let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), value);
    if let Ok(Some(parent)) = gloo::utils::window().parent() {
        // Only ever to the origin that is allowed and asked; never to "*".
        let _ = parent.post_message(&message, origin);
    }
}

fn to_js_errors(results: &Results) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&results.errors, &serializer).unwrap_or(JsValue::NULL)
}

fn install_api() {
    let api = js_sys::Object::new();
    let calculate =
        Closure::<dyn Fn(JsValue) -> JsValue>::new(|arg: JsValue| to_js(&calculate_any(&arg).0));
    let load = Closure::<dyn Fn(JsValue) -> JsValue>::new(|arg: JsValue| {
        let value = match scenario_any(&arg) {
            Ok(value) => value,
            Err(results) => return to_js(&results),
        };
        // Computed once, as the page keeps it: the results returned list the calculation
        // lines the page shows and count the others (`trace_omitted`), as the contract allows,
        // and the page takes this calculation over instead of making its own.
        let live = crate::ui::kept(&value);
        let results = live.results();
        if !results.errors.is_empty() {
            return to_js(&results);
        }
        // Clone the loader out first: emitting re-renders the page, which must not find
        // LOADER still borrowed.
        let loader = LOADER.with(|l| l.borrow().clone());
        let loaded = match loader {
            Some(loader) => {
                loader.emit((value, Some(Box::new(live))));
                true
            }
            None => false,
        };
        if loaded {
            to_js(&results)
        } else {
            let mut results = results;
            results.errors.push(engine::scenario::InputError {
                path: "$".into(),
                message: crate::engine::t!(
                    "the calculator page is not mounted, so there is nothing to load into"
                ),
            });
            to_js(&results)
        }
    });
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&api, &JsValue::from_str(key), value);
    };
    set("version", &JsValue::from_str(crate::VERSION));
    set("calculate", calculate.as_ref());
    set("load", load.as_ref());
    let factors = Closure::<dyn Fn() -> JsValue>::new(|| {
        js_sys::JSON::parse(&engine::library::to_json().to_string()).unwrap_or(JsValue::NULL)
    });
    set("factors", factors.as_ref());
    factors.forget();
    let scope3_factors = Closure::<dyn Fn() -> JsValue>::new(|| {
        js_sys::JSON::parse(&engine::scope3::factors_json().to_string()).unwrap_or(JsValue::NULL)
    });
    set("scope3Factors", scope3_factors.as_ref());
    scope3_factors.forget();
    let mount = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> JsValue>::new(mount_element);
    set("__mount", mount.as_ref());
    mount.forget();
    // The API lives as long as the page: the closures are never dropped.
    calculate.forget();
    load.forget();
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &JsValue::from_str("EsgKpi"), &api);
}

/// Between an `<esg-kpi-calculator>` element and its calculator: what the element's
/// properties read, how its `scenario` setter and `lang` attribute reach the app, and the
/// events it dispatches on the element.
struct ElementLink {
    host: web_sys::HtmlElement,
    loader: RefCell<Option<Callback<Loaded>>>,
    set_lang: RefCell<Option<Callback<Lang>>>,
    /// The calculator's state as last rendered.
    state: RefCell<Option<State>>,
    /// A scenario set through the property and its results, until the calculator shows it.
    pending: RefCell<Option<(serde_json::Value, Rc<Results>)>>,
}

impl ElementLink {
    /// Called by the app after every change: keeps what the properties read, and tells the
    /// host page — `kpi-change` when the KPIs shown change, `input-error` while an input has
    /// an error (the KPIs then stay as they were).
    ///
    /// The events carry the results the page shows: for a scenario of more than
    /// [`crate::ui::SHOWN_LINES`] activity lines, their trace has the first of them and
    /// `trace_omitted` counts the rest (`results` and `EsgKpi.calculate` have them all).
    fn update(&self, state: &State) {
        self.pending.borrow_mut().take();
        let changed = self
            .state
            .borrow()
            .as_ref()
            .is_none_or(|s| !Rc::ptr_eq(&s.last_good, &state.last_good));
        *self.state.borrow_mut() = Some(state.clone());
        if changed {
            self.emit("kpi-change", &to_js(&state.last_good));
        }
        if !state.current.errors.is_empty() {
            self.emit("input-error", &to_js(&state.current));
        }
    }

    fn emit(&self, name: &str, detail: &JsValue) {
        let init = web_sys::CustomEventInit::new();
        init.set_detail(detail);
        init.set_bubbles(true);
        init.set_composed(true);
        if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.host.dispatch_event(&event);
        }
    }
}

/// `EsgKpi.__mount(container, host, options)`: starts a calculator in `container` (inside the
/// element's shadow root) and returns the element's handle. Options: `lang`, `example`,
/// `compact`, `readonly`, `storageKey` (absent: nothing stored).
fn mount_element(container: JsValue, host: JsValue, options: JsValue) -> JsValue {
    let (Some(container), Some(host)) = (
        container.dyn_ref::<web_sys::Element>().cloned(),
        host.dyn_ref::<web_sys::HtmlElement>().cloned(),
    ) else {
        return JsValue::NULL;
    };
    ROOTS.with(|r| r.borrow_mut().push((container.clone(), Some(host.clone()))));
    let get = |key: &str| js_sys::Reflect::get(&options, &JsValue::from_str(key)).ok();
    let flag = |key: &str| get(key).is_some_and(|v| v.is_truthy());
    let text = |key: &str| {
        get(key)
            .and_then(|v| v.as_string())
            .filter(|s| !s.trim().is_empty())
    };
    let setup = Setup {
        keys: text("storageKey").map(|k| Keys::element(k.trim())),
        element: true,
        example: flag("example"),
        readonly: flag("readonly"),
        compact: flag("compact"),
    };
    let link = Rc::new(ElementLink {
        host,
        loader: RefCell::new(None),
        set_lang: RefCell::new(None),
        state: RefCell::new(None),
        pending: RefCell::new(None),
    });
    let (connected, updated) = (link.clone(), link.clone());
    let props = AppProps {
        setup: Rc::new(setup),
        host: Rc::new(Host {
            connect: Box::new(move |loader, lang| {
                *connected.loader.borrow_mut() = Some(loader);
                *connected.set_lang.borrow_mut() = Some(lang);
            }),
            update: Box::new(move |state: &State| updated.update(state)),
        }),
        lang: text("lang").and_then(|t| Lang::from_tag(&t)),
    };
    let root = container.clone();
    let app = Rc::new(RefCell::new(Some(
        yew::Renderer::<App>::with_root_and_props(container, props.clone()).render(),
    )));

    let handle = js_sys::Object::new();
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&handle, &JsValue::from_str(key), &value);
    };
    let l = link.clone();
    set(
        "scenario",
        Closure::<dyn Fn() -> JsValue>::new(move || {
            let text = match (&*l.pending.borrow(), &*l.state.borrow()) {
                (Some((doc, _)), _) => doc.to_string(),
                (None, Some(state)) => state.doc.get().to_string(),
                (None, None) => return JsValue::NULL,
            };
            js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL)
        })
        .into_js_value(),
    );
    let l = link.clone();
    set(
        "results",
        Closure::<dyn Fn() -> JsValue>::new(move || {
            match (&*l.pending.borrow(), &*l.state.borrow()) {
                (Some((_, results)), _) => to_js(results),
                (None, Some(state)) => to_js(&state.full_results()),
                (None, None) => JsValue::NULL,
            }
        })
        .into_js_value(),
    );
    let l = link.clone();
    set(
        "setScenario",
        Closure::<dyn Fn(JsValue) -> JsValue>::new(move |arg: JsValue| {
            let (results, scenario) = calculate_any(&arg);
            let loader = l.loader.borrow().clone();
            let answer = to_js(&results);
            match (results.errors.is_empty(), loader, scenario) {
                (true, Some(loader), Some(value)) => {
                    // The properties read the new scenario at once; `kpi-change` follows when
                    // the calculator has rendered it.
                    *l.pending.borrow_mut() = Some((value.clone(), Rc::new(results)));
                    loader.emit((value, None));
                }
                _ => l.emit("input-error", &answer),
            }
            answer
        })
        .into_js_value(),
    );
    let l = link.clone();
    set(
        "setLang",
        Closure::<dyn Fn(JsValue)>::new(move |tag: JsValue| {
            let lang = tag.as_string().and_then(|t| Lang::from_tag(&t));
            let setter = l.set_lang.borrow().clone();
            if let (Some(lang), Some(setter)) = (lang, setter) {
                setter.emit(lang);
            }
        })
        .into_js_value(),
    );
    let (a, base) = (app.clone(), props);
    set(
        "setOptions",
        Closure::<dyn Fn(JsValue)>::new(move |options: JsValue| {
            let flag = |key: &str| {
                js_sys::Reflect::get(&options, &JsValue::from_str(key))
                    .ok()
                    .is_some_and(|v| v.is_truthy())
            };
            let mut setup = (*base.setup).clone();
            setup.compact = flag("compact");
            setup.readonly = flag("readonly");
            let props = AppProps {
                setup: Rc::new(setup),
                ..base.clone()
            };
            if let Some(app) = a.borrow_mut().as_mut() {
                app.update(props);
            }
        })
        .into_js_value(),
    );
    set(
        "destroy",
        Closure::<dyn Fn()>::new(move || {
            if let Some(app) = app.borrow_mut().take() {
                app.destroy();
                ROOTS.with(|r| r.borrow_mut().retain(|(r, _)| r != &root));
            }
        })
        .into_js_value(),
    );
    handle.into()
}

/// Reads any JS argument as a scenario: a JSON string, or an object to serialise.
fn calculate_any(arg: &JsValue) -> (Results, Option<serde_json::Value>) {
    match scenario_any(arg) {
        Ok(value) => (engine::calculate_value(&value), Some(value)),
        Err(results) => (*results, None),
    }
}

/// Any JS argument as a scenario document, or the results that say why it is not one.
fn scenario_any(arg: &JsValue) -> Result<serde_json::Value, Box<Results>> {
    let text = if let Some(s) = arg.as_string() {
        s
    } else if arg.is_undefined() || arg.is_null() {
        return Err(Box::new(engine::calculate_json("null")));
    } else {
        match js_sys::JSON::stringify(arg) {
            Ok(s) => match s.as_string() {
                Some(s) => s,
                None => return Err(Box::new(engine::calculate_json("null"))),
            },
            // A cyclic object or a BigInt: JSON.stringify throws; we report instead.
            Err(e) => {
                let why = e
                    .dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
                    .unwrap_or_else(|| "it cannot be written as JSON".into());
                let mut r = engine::calculate_json("null");
                r.errors = vec![engine::scenario::InputError {
                    path: "$".into(),
                    message: crate::engine::t!("the scenario cannot be read: {0}", why),
                }];
                return Err(Box::new(r));
            }
        }
    };
    serde_json::from_str::<serde_json::Value>(&text)
        .map_err(|_| Box::new(engine::calculate_json(&text)))
}

fn to_js(results: &Results) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(results, &serializer)
        .or_else(|_| js_sys::JSON::parse(&results.to_json()))
        .unwrap_or(JsValue::NULL)
}

/// If the impossible happens: a panic in wasm stops the module (every calculator on the page
/// shares it), so from here on it can no longer recompute or be trusted to save. Stop every
/// storage write (the last autosave stays exactly as it was), say so in each calculator in its
/// language with a button to reload, tell the console and the host page (`esg-kpi-stopped`).
fn on_panic(info: &std::panic::PanicHookInfo) {
    if crate::browser::halt() {
        // A later call into the stopped module panicked again: the first report stands.
        return;
    }
    let details = info.to_string();
    gloo::console::error!(format!(
        "ESG KPI Calculator stopped: {details}. Nothing more is saved; the last autosave is kept as it was."
    ));
    let roots = ROOTS
        .try_with(|r| r.try_borrow().map(|r| r.clone()).unwrap_or_default())
        .unwrap_or_default();
    for (root, host) in roots {
        show_stopped(&root, host.as_ref());
    }
    let window = gloo::utils::window();
    if let Some(api) = js_sys::Reflect::get(&window, &JsValue::from_str("EsgKpi"))
        .ok()
        .filter(JsValue::is_object)
    {
        let _ = js_sys::Reflect::set(&api, &JsValue::from_str("stopped"), &JsValue::TRUE);
    }
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&JsValue::from_str(&details));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("esg-kpi-stopped", &init) {
        let _ = window.dispatch_event(&event);
    }
}

/// The banner in one calculator: what happened, that the last save is kept, and a way out.
fn show_stopped(root: &web_sys::Element, host: Option<&web_sys::HtmlElement>) {
    let document = gloo::utils::document();
    let tag = match host {
        Some(h) => h.get_attribute("lang"),
        None => document
            .document_element()
            .and_then(|e| e.get_attribute("lang")),
    };
    let lang = tag
        .and_then(|t| Lang::from_tag(&t))
        .unwrap_or_else(|| Lang::from_browser(&crate::browser::language()));
    let (Ok(banner), Ok(text), Ok(button)) = (
        document.create_element("div"),
        document.create_element("span"),
        document.create_element("button"),
    ) else {
        return;
    };
    banner.set_class_name("fatal");
    let _ = banner.set_attribute("role", "alert");
    let _ = banner.set_attribute("data-testid", "stopped");
    text.set_text_content(Some(crate::i18n::tr(lang, "The calculator stopped on an internal error. Nothing more is saved: your last autosave is kept as it was. Reload the page to continue (details in the console).")));
    let _ = button.set_attribute("type", "button");
    button.set_text_content(Some(crate::i18n::tr(lang, "Reload the page")));
    let reload = Closure::<dyn Fn()>::new(|| {
        let _ = gloo::utils::window().location().reload();
    });
    let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
    reload.forget();
    let _ = banner.append_child(&text);
    let _ = banner.append_child(&button);
    // The inputs can no longer be saved or computed: make them inert, so that nothing is
    // typed into a calculator that has stopped and then lost.
    let children = root.children();
    for i in 0..children.length() {
        if let Some(child) = children.item(i) {
            let _ = child.set_attribute("inert", "");
        }
    }
    let _ = root.prepend_with_node_1(&banner);
}
