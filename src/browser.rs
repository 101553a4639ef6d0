//! The browser's I/O for the page, in one place: local storage, the URL fragment, downloads,
//! the clipboard, the clock and printing. Every call reports failure as a sentence instead of
//! throwing: storage may be disabled (private mode), the clipboard refused.

use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;

fn why(e: wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "refused by the browser".into())
}

fn storage() -> Result<web_sys::Storage, String> {
    gloo::utils::window()
        .local_storage()
        .map_err(why)?
        .ok_or_else(|| "this browser offers no local storage".into())
}

pub fn storage_get(key: &str) -> Result<Option<String>, String> {
    storage()?.get_item(key).map_err(why)
}

pub fn storage_set(key: &str, value: &str) -> Result<(), String> {
    refuse_if_halted()?;
    storage()?.set_item(key, value).map_err(why)
}

pub fn storage_remove(key: &str) -> Result<(), String> {
    refuse_if_halted()?;
    storage()?.remove_item(key).map_err(why)
}

thread_local! {
    /// Set by the panic hook: from then on nothing is written to storage, so that what the
    /// user last saved stays exactly as it was (the state in memory may be half-updated).
    static HALTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Stops every later storage write; returns whether it had already been stopped.
pub fn halt() -> bool {
    HALTED.try_with(|h| h.replace(true)).unwrap_or(true)
}

pub fn halted() -> bool {
    HALTED.try_with(std::cell::Cell::get).unwrap_or(true)
}

fn refuse_if_halted() -> Result<(), String> {
    if halted() {
        Err("the calculator has stopped after an internal error".into())
    } else {
        Ok(())
    }
}

/// The current URL's fragment, `#` included ("" when there is none).
pub fn location_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// The page's URL without its fragment.
pub fn page_url() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Replaces the fragment without adding a history entry or scrolling.
pub fn replace_hash(fragment: &str) {
    let url = format!(
        "{}{}",
        page_url(),
        if fragment.is_empty() {
            String::new()
        } else {
            format!("#{fragment}")
        }
    );
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Offers `text` as a file to save, made in the page (no request anywhere).
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let blob = gloo::file::Blob::new_with_options(text, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "no anchor element".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.set_hidden(true);
    let body = document.body().ok_or("the page has no body")?;
    body.append_child(&a).map_err(why)?;
    a.click();
    let _ = body.remove_child(&a);
    // Revoke the object URL only after the browser has taken the download.
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
    Ok(())
}

/// Copies text to the clipboard; `done` hears whether it worked.
pub fn copy_text(text: String, done: impl FnOnce(Result<(), String>) + 'static) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let promise = clipboard.write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        done(
            wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map(|_| ())
                .map_err(why),
        );
    });
}

/// Now, as an ISO 8601 UTC timestamp.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

pub fn print() {
    let _ = gloo::utils::window().print();
}

/// The browser's preferred language (`navigator.language`).
pub fn language() -> String {
    gloo::utils::window()
        .navigator()
        .language()
        .unwrap_or_default()
}

/// Sets `<html lang>`, so screen readers and fonts follow the page's language.
pub fn set_document_lang(tag: &str) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("lang", tag);
    }
}

/// A file's possible texts, most likely first: UTF-8 (with or without BOM) when it is valid
/// UTF-8; else as `encoding` says (`gb18030`, `big5`); else both GB18030 and Big5 (what Chinese
/// Excel writes), for the reader to choose the one that makes sense (GB18030 decodes almost any
/// bytes, so "no unknown characters" alone cannot tell them apart).
pub fn decode(bytes: &[u8], encoding: &str) -> Vec<(String, &'static str)> {
    let with = |label: &str| {
        web_sys::TextDecoder::new_with_label(label)
            .and_then(|d| d.decode_with_u8_array(bytes))
            .unwrap_or_default()
    };
    match encoding {
        "gb18030" => return vec![(with("gb18030"), "GB18030")],
        "big5" => return vec![(with("big5"), "Big5")],
        _ => {}
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return vec![(text.to_string(), "UTF-8")];
    }
    vec![(with("gb18030"), "GB18030"), (with("big5"), "Big5")]
}

/// Whether a file is a workbook (Excel .xlsx/.xlsm/.xlsb or OpenDocument .ods, which are zip
/// files; Excel 97–2003 .xls, a compound file), by its first bytes or its name.
pub fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0])
        || [".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// One of the page's wasm modules of its own, started the first time it is asked for:
/// `window.<hook>()` (`__esgKpiReader`, `__esgKpiWorkbook`), which the single file and the
/// drop-in script define inline, and the hosted page in a script named by
/// `<meta name="<meta>">`, added here on first use. `what` names it in messages.
async fn module(hook: &str, meta: &str, what: &str) -> Result<wasm_bindgen::JsValue, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = gloo::utils::window();
    let load = || js_sys::Reflect::get(&window, &hook.into()).unwrap_or_default();
    if !load().is_function() {
        let document = gloo::utils::document();
        let src = document
            .query_selector(&format!("meta[name=\"{meta}\"]"))
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .ok_or_else(|| format!("this page has no {what}"))?;
        let script = document.create_element("script").map_err(why)?;
        script.set_attribute("src", &src).map_err(why)?;
        let loaded = js_sys::Promise::new(&mut |resolve, reject| {
            let _ = script.add_event_listener_with_callback("load", &resolve);
            let _ = script.add_event_listener_with_callback("error", &reject);
        });
        document
            .body()
            .ok_or("the page has no body")?
            .append_child(&script)
            .map_err(why)?;
        JsFuture::from(loaded)
            .await
            .map_err(|_| format!("the {what} could not be loaded"))?;
    }
    let start: js_sys::Function = load()
        .dyn_into()
        .map_err(|_| format!("the {what} did not start"))?;
    let started = start.call0(&wasm_bindgen::JsValue::NULL).map_err(why)?;
    JsFuture::from(js_sys::Promise::from(started))
        .await
        .map_err(why)
}

/// Installs the catalogue's column in `lang` (the page's wasm carries English only: the
/// engine's feature `zh-fetched`), fetched the first time that language is chosen: the file
/// `esg-kpi-text-<lang>` that scripts/single-file.mjs writes beside the hosted page, or its
/// copy inline in the single file and the drop-in script, not decoded until this call.
pub async fn load_translations(lang: crate::engine::text::Lang) -> Result<(), String> {
    use crate::engine::text::{install_translations, translations_ready};
    if translations_ready(lang) {
        return Ok(());
    }
    let tag = lang.tag();
    let hook = format!("__esgKpiText{}", tag.replace('-', ""));
    let text = module(&hook, &format!("esg-kpi-text-{tag}"), "text")
        .await?
        .as_string()
        .ok_or("the file holds no text")?;
    install_translations(lang, &text).map_err(|t| t.to_string())
}

async fn workbook_module() -> Result<wasm_bindgen::JsValue, String> {
    module("__esgKpiWorkbook", "esg-kpi-workbook", "workbook reader").await
}

/// How many records a step of the import reader reads before the page takes a task of its
/// own: at some 10–30 µs a record in the reader's wasm, a step stays far under 200 ms.
const READ_STEP: u32 = 4_000;

/// Reads a ledger with the import reader (crates/reader: the engine's `ledger::read` in a wasm
/// module of its own, loaded on the first import, so that a first visit does not carry it), a
/// step of [`READ_STEP`] records at a time, so that a 100,000-row file never freezes the page.
pub async fn read_ledger(
    text: &str,
    options: &crate::engine::ledger::Options,
) -> Result<crate::engine::ledger::Ledger, crate::engine::ledger::Problem> {
    use crate::engine::ledger::{wire, Problem};
    let refused = |why: String| Problem {
        line: 0,
        column: None,
        value: None,
        message: crate::engine::t!("the import reader could not be loaded: {0}", why),
    };
    let reader = module("__esgKpiReader", "esg-kpi-reader", "import reader")
        .await
        .map_err(refused)?;
    let read: js_sys::Function = js_sys::Reflect::get(&reader, &"read_in_steps".into())
        .map_err(why)
        .and_then(|f| {
            f.dyn_into()
                .map_err(|_| "it has no read_in_steps".to_string())
        })
        .map_err(refused)?;
    // The import's "Working…" note shows the share done (its `data-progress`, by the style).
    let progress = gloo::utils::document()
        .query_selector("[data-testid=\"import-busy\"]")
        .ok()
        .flatten()
        .map_or(wasm_bindgen::JsValue::NULL, Into::into);
    let args = js_sys::Array::of4(
        &text.into(),
        &wire::options_to_json(options).into(),
        &READ_STEP.into(),
        &progress,
    );
    let reading = read.apply(&reader, &args).map_err(why).map_err(refused)?;
    let answer = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(reading))
        .await
        .map_err(why)
        .map_err(refused)?;
    wire::result_from_json(&answer.as_string().unwrap_or_default())
}

/// Calls the workbook reader's `name` with the workbook's bytes and `more`; its text, or its
/// sentence when it refuses.
async fn workbook_call(name: &str, bytes: &[u8], more: Option<&str>) -> Result<String, String> {
    let module = workbook_module().await?;
    let f: js_sys::Function = js_sys::Reflect::get(&module, &name.into())
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "the workbook reader is incomplete".to_string())?;
    let bytes = js_sys::Uint8Array::from(bytes);
    let out = match more {
        Some(m) => f.call2(&module, &bytes, &m.into()),
        None => f.call1(&module, &bytes),
    }
    .map_err(why)?;
    out.as_string()
        .ok_or_else(|| "the workbook reader gave no text".into())
}

/// The names of a workbook's sheets, after the name of the first that looks like a table.
pub async fn workbook_sheets(bytes: &[u8]) -> Result<Vec<String>, String> {
    Ok(workbook_call("sheets", bytes, None)
        .await?
        .split('\n')
        .map(str::to_string)
        .collect())
}

/// One sheet of a workbook as tab-separated text (line N is the sheet's row N).
pub async fn workbook_sheet(bytes: &[u8], sheet: &str) -> Result<String, String> {
    workbook_call("sheet", bytes, Some(sheet)).await
}

/// Calls `changed` with the new text when another tab or window of this origin writes `key`
/// in `localStorage` (the `storage` event, which a page never receives for its own writes).
/// Listens until the returned value is dropped.
pub fn on_storage_change(key: &str, changed: impl Fn(String) + 'static) -> WindowListener {
    let key = key.to_string();
    listen(&["storage"], move |e| {
        let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
            return;
        };
        if e.key().as_deref() == Some(key.as_str()) {
            if let Some(text) = e.new_value() {
                changed(text);
            }
        }
    })
}

/// Calls `hidden` when the page is hidden (another tab, minimised) or left (closed, reloaded,
/// navigated away: `pagehide`), the last moment a pending save can still be written.
pub fn on_page_hide(hidden: impl Fn() + 'static) -> WindowListener {
    listen(&["pagehide", "visibilitychange"], move |e| {
        if e.type_() == "pagehide" || gloo::utils::document().hidden() {
            hidden();
        }
    })
}

/// Listens to `names` on the window until dropped.
fn listen(names: &'static [&'static str], f: impl Fn(&web_sys::Event) + 'static) -> WindowListener {
    let callback = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| f(&e));
    let window = gloo::utils::window();
    for name in names {
        let _ = window.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref());
    }
    WindowListener { names, callback }
}

/// Window event listeners that stop when dropped.
pub struct WindowListener {
    names: &'static [&'static str],
    callback: Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        let window = gloo::utils::window();
        for name in self.names {
            let _ = window
                .remove_event_listener_with_callback(name, self.callback.as_ref().unchecked_ref());
        }
    }
}
