//! The one place that touches `JsValue`: start-up, `window.EsgKpi` (CONTRACT.md §2), the
//! `esg-kpi-ready` event, and the panic hook.
//!
//! `calculate` and `load` never throw: whatever the argument, they answer with a results
//! object, bad input reported in its `errors`. Objects are turned into JSON text with the
//! browser's own `JSON.stringify` (which writes numbers in their shortest exact form) and read
//! by the engine, so no number passes through a Rust `f64`.

use crate::engine::{self, calc::Results};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

thread_local! {
    /// How `EsgKpi.load` reaches the page: the app registers its loader when it mounts.
    static LOADER: RefCell<Option<Callback<serde_json::Value>>> = const { RefCell::new(None) };
}

/// Starts the calculator: the panic hook, `window.EsgKpi`, the page, then `esg-kpi-ready`.
pub fn start() {
    std::panic::set_hook(Box::new(on_panic));
    install_api();
    if let Some(root) = gloo::utils::document().get_element_by_id("esg-kpi-root") {
        yew::Renderer::<crate::ui::App>::with_root(root).render();
    }
    if let Ok(event) = web_sys::CustomEvent::new("esg-kpi-ready") {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

/// Called by the page when it mounts, so that `EsgKpi.load` can replace its scenario.
pub fn register_loader(loader: Callback<serde_json::Value>) {
    LOADER.with(|l| *l.borrow_mut() = Some(loader));
}

fn install_api() {
    let api = js_sys::Object::new();
    let calculate =
        Closure::<dyn Fn(JsValue) -> JsValue>::new(|arg: JsValue| to_js(&calculate_any(&arg).0));
    let load = Closure::<dyn Fn(JsValue) -> JsValue>::new(|arg: JsValue| {
        let (results, scenario) = calculate_any(&arg);
        if !results.errors.is_empty() {
            return to_js(&results);
        }
        // Clone the loader out first: emitting re-renders the page, which must not find
        // LOADER still borrowed.
        let loader = LOADER.with(|l| l.borrow().clone());
        let loaded = match (loader, scenario) {
            (Some(loader), Some(value)) => {
                loader.emit(value);
                true
            }
            _ => false,
        };
        if loaded {
            to_js(&results)
        } else {
            let mut results = results;
            results.errors.push(engine::scenario::InputError {
                path: "$".into(),
                message: crate::t!(
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
    // The API lives as long as the page: the closures are never dropped.
    calculate.forget();
    load.forget();
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &JsValue::from_str("EsgKpi"), &api);
}

/// Reads any JS argument as a scenario: a JSON string, or an object to serialise.
fn calculate_any(arg: &JsValue) -> (Results, Option<serde_json::Value>) {
    let text = if let Some(s) = arg.as_string() {
        s
    } else if arg.is_undefined() || arg.is_null() {
        return (engine::calculate_json("null"), None);
    } else {
        match js_sys::JSON::stringify(arg) {
            Ok(s) => match s.as_string() {
                Some(s) => s,
                None => return (engine::calculate_json("null"), None),
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
                    message: crate::t!("the scenario cannot be read: {0}", why),
                }];
                return (r, None);
            }
        }
    };
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(value) => (engine::calculate_value(&value), Some(value)),
        Err(_) => (engine::calculate_json(&text), None),
    }
}

fn to_js(results: &Results) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(results, &serializer)
        .or_else(|_| js_sys::JSON::parse(&results.to_json()))
        .unwrap_or(JsValue::NULL)
}

/// If the impossible happens, say so on the page and in the console: a panic in wasm stops
/// the module, so the page can no longer recompute.
fn on_panic(info: &std::panic::PanicHookInfo) {
    gloo::console::error!(format!("ESG KPI Calculator stopped: {info}"));
    let document = gloo::utils::document();
    if let Ok(banner) = document.create_element("div") {
        banner.set_class_name("fatal");
        banner.set_attribute("role", "alert").ok();
        banner.set_text_content(Some(
            "The calculator stopped because of an internal error. Your inputs are unchanged; reload the page to continue.",
        ));
        if let Some(body) = document.body() {
            let _ = body.prepend_with_node_1(&banner);
        }
    }
}
