//! Nothing lost: the scenario shown at start-up (a share link, else the autosave, else the
//! example), autosave on every change, and the toolbar that exports, imports, links, copies,
//! prints and resets. Storage and files are touched here and in `crate::browser`, never in
//! the reducer.

use super::use_lang;
use super::{Action, KpiContext};
use crate::browser;
use crate::engine::text::Text;
use crate::engine::{example, exports, saved, t};
use crate::i18n::{tr, Lang};
use serde_json::Value;
use yew::prelude::*;

/// Where this calculator keeps things in the browser's storage.
#[derive(Debug, Clone, PartialEq)]
pub struct Keys {
    /// The autosave.
    pub autosave: String,
    /// The start of the other keys: backups, unreadable data set aside, the language.
    prefix: String,
}

impl Keys {
    /// The hosted page and the single file.
    pub fn page() -> Keys {
        Keys {
            autosave: "esg-kpi-calculator:scenario".into(),
            prefix: "esg-kpi-calculator".into(),
        }
    }

    /// An element with `storage-key="…"`: the autosave goes exactly there.
    pub fn element(key: &str) -> Keys {
        Keys {
            autosave: key.into(),
            prefix: key.into(),
        }
    }

    /// Where the inputs a link replaced are kept, so they can be brought back.
    pub fn before_link(&self) -> String {
        format!("{}:before-link", self.prefix)
    }

    /// Where a confirmed import mapping is remembered for files with these headers
    /// (`signature`: [`crate::engine::ledger::signature`]).
    pub fn import_mapping(&self, signature: &str) -> String {
        format!("{}:import-mapping:{signature}", self.prefix)
    }

    /// Where inputs replaced by "reset to example" are kept.
    pub fn before_reset(&self) -> String {
        format!("{}:before-reset", self.prefix)
    }

    pub fn unreadable(&self, at: &str) -> String {
        format!("{}:unreadable:{at}", self.autosave)
    }

    /// The save before the latest: what start-up restores if the latest cannot be read.
    pub fn previous(&self) -> String {
        format!("{}:previous", self.autosave)
    }

    /// The original of a save in an older format, kept before the first save in the new one.
    pub fn before_migration(&self, from: &str) -> String {
        format!("{}:before-migration:{from}", self.autosave)
    }

    pub fn lang(&self) -> String {
        format!("{}:lang", self.prefix)
    }
}

/// How this calculator was started: as the page, or as an `<esg-kpi-calculator>` element.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    /// `None`: nothing is stored (an element without `storage-key`).
    pub keys: Option<Keys>,
    /// An element: no share links (the address bar is the host page's), no document language.
    pub element: bool,
    /// An element with `example`: start from the built-in example rather than empty.
    pub example: bool,
    /// An element with `readonly`: the inputs cannot be edited and nothing can be loaded.
    pub readonly: bool,
    /// An element with `compact`: the KPI table only.
    pub compact: bool,
}

impl Setup {
    pub fn page() -> Setup {
        Setup {
            keys: Some(Keys::page()),
            element: false,
            example: true,
            readonly: false,
            compact: false,
        }
    }

    /// The page's first view as the build renders it (`crate::ssr`): the built-in example,
    /// nothing read from or written to storage.
    pub fn first_view() -> Setup {
        Setup {
            keys: None,
            ..Setup::page()
        }
    }
}

/// A message for the user about their data, with an optional way to act on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub level: &'static str,
    pub text: Text,
    /// A stored copy the user can bring back: (button label, storage key).
    pub restore: Option<(&'static str, String)>,
    /// Autosave is paused until the user chooses: another tab saved over these inputs (load
    /// theirs with `restore`, or keep these), or an older save could not be backed up.
    pub conflict: bool,
}

impl Notice {
    pub fn info(text: Text) -> Self {
        Notice {
            level: "info",
            text,
            restore: None,
            conflict: false,
        }
    }

    pub fn warning(text: Text) -> Self {
        Notice {
            level: "warning",
            ..Notice::info(text)
        }
    }

    /// Another tab has just saved these inputs (the `storage` event on the autosave key).
    pub fn other_tab(keys: &Keys) -> Self {
        Notice {
            restore: Some(("Load the other tab's inputs", keys.autosave.clone())),
            conflict: true,
            ..Notice::warning(t!("Another tab has just saved different inputs for this calculator. Autosave is paused here, so that neither tab overwrites the other: load theirs, or keep yours and save them."))
        }
    }

    fn autosave_off(why: String) -> Self {
        Notice::warning(t!(
            "Autosave is off: {0}. The calculator works; export your scenario as JSON to keep it.",
            why
        ))
    }
}

/// What the page starts with, and what to tell the user about it.
pub struct Startup {
    pub doc: Value,
    pub notices: Vec<Notice>,
    /// Autosave must wait for the user: saving now would overwrite an older save that could
    /// not be backed up.
    pub hold: bool,
}

/// Keeps unreadable saved text aside under its own key; says where (or why it could not).
fn set_aside(text: &str, keys: &Keys) -> Text {
    let key = keys.unreadable(&browser::now_iso());
    match browser::storage_set(&key, text) {
        Ok(()) => t!("it was kept aside in this browser under “{0}”", key),
        Err(e) => t!(
            "it could not be set aside ({0}), so it was left where it was",
            e
        ),
    }
}

/// An empty scenario: what an element without `example` or saved inputs starts from.
pub fn empty() -> Value {
    serde_json::json!({
        "schema": crate::engine::scenario::SCHEMA,
        "period": "",
        "gwp": "AR6",
        "grid_edition": "latest",
        "organisation": {},
        "energy": []
    })
}

pub fn startup(setup: &Setup) -> Startup {
    let mut notices = Vec::new();
    let fallback = || {
        if setup.example {
            example::example()
        } else {
            empty()
        }
    };
    let Some(keys) = &setup.keys else {
        return Startup {
            doc: fallback(),
            notices,
            hold: false,
        };
    };
    let link = if setup.element {
        Ok(None)
    } else {
        saved::from_fragment(&browser::location_hash())
    };
    match link {
        Ok(Some(doc)) => {
            let kept = matches!(browser::storage_get(&keys.autosave), Ok(Some(previous))
                if browser::storage_set(&keys.before_link(), &previous).is_ok());
            let loaded = t!("Loaded the scenario from the link. It lives in the link itself and is never sent to a server.");
            let mut notice = Notice::info(if kept {
                t!(
                    "{0}{1}",
                    loaded,
                    t!(" Your previous inputs in this browser were kept.")
                )
            } else {
                loaded
            });
            if kept {
                notice.restore = Some(("Restore my previous inputs", keys.before_link()));
            }
            notices.push(notice);
            return Startup {
                doc,
                notices,
                hold: false,
            };
        }
        Ok(None) => {}
        Err(e) => notices.push(Notice::warning(t!(
            "The scenario in this link could not be read: {0}.",
            e.0
        ))),
    }
    let mut hold = false;
    let doc = match browser::storage_get(&keys.autosave) {
        Ok(Some(text)) => match saved::read(&text) {
            Ok(restored) => {
                let Some(from) = restored.migrated_from else {
                    notices.push(Notice::info(t!(
                        "Restored your inputs from this browser's autosave."
                    )));
                    return Startup {
                        doc: restored.doc,
                        notices,
                        hold,
                    };
                };
                match keep_before_migration(&text, &from, keys) {
                    Ok(key) => notices.push(Notice::info(t!("Restored your inputs, saved in an older format ({0}); the original is kept unchanged under “{1}”.", from, key))),
                    Err(e) => {
                        // Saving now would overwrite the only copy of the original.
                        hold = true;
                        notices.push(Notice {
                            conflict: true,
                            ..Notice::warning(t!("Restored your inputs, saved in an older format ({0}). The original could not be copied ({1}), so autosave is paused to keep it: export JSON first if you need it.", from, e))
                        });
                    }
                }
                restored.doc
            }
            Err(e) => {
                let why = e.0;
                let aside = set_aside(&text, keys);
                let previous = browser::storage_get(&keys.previous())
                    .ok()
                    .flatten()
                    .and_then(|t| saved::read(&t).ok());
                match previous {
                    Some(previous) => {
                        let at = previous.saved_at.unwrap_or_default();
                        notices.push(Notice::warning(t!("Your latest autosave could not be read: {0}. Nothing was deleted: {1}. The save before it ({2}) is restored.", why, aside, at)));
                        previous.doc
                    }
                    None => {
                        notices.push(Notice::warning(t!("Your saved inputs could not be read: {0}. Nothing was deleted: {1}. The example is shown instead.", why, aside)));
                        fallback()
                    }
                }
            }
        },
        Ok(None) => fallback(),
        Err(e) => {
            notices.push(Notice::autosave_off(e));
            fallback()
        }
    };
    Startup { doc, notices, hold }
}

/// Keeps the original of a save in an older format before the first save in the new one
/// overwrites it. A copy already kept (from an earlier start) is left as it is: the first
/// original is the one worth keeping.
fn keep_before_migration(text: &str, from: &str, keys: &Keys) -> Result<String, String> {
    let key = keys.before_migration(from);
    if browser::storage_get(&key)?.is_none() {
        browser::storage_set(&key, text)?;
    }
    Ok(key)
}

thread_local! {
    /// The checksum of the text this page last saved under each key: what is still there
    /// is known to be whole without reading it again.
    static WRITTEN: std::cell::RefCell<Vec<(String, u64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Saves the scenario. A save cut short never replaces a good one: the save about to be
/// replaced is first copied to `…:previous` (if it reads back whole), the new one goes in with
/// one `setItem` (which stores all of it or nothing) and is read back before it counts.
/// Returns a notice when saving fails; the last good save is then still there.
pub fn autosave(doc: &Value, keys: &Keys) -> Option<Notice> {
    let text = saved::envelope(doc, &browser::now_iso());
    write_keeping_previous(&keys.autosave, &keys.previous(), &text)
        .err()
        .map(Notice::autosave_off)
}

fn write_keeping_previous(key: &str, previous: &str, text: &str) -> Result<(), String> {
    let current = browser::storage_get(key)?;
    let whole = |t: &str| {
        let sum = saved::fnv1a64(t.as_bytes());
        WRITTEN.with(|w| w.borrow().iter().any(|(k, s)| k == key && *s == sum))
            || saved::read(t).is_ok()
    };
    if let Some(current) = current.as_deref().filter(|c| *c != text && whole(c)) {
        if browser::storage_set(previous, current).is_err() {
            // No room for two copies: the new save alone, written whole, is better than none.
            let _ = browser::storage_remove(previous);
        }
    }
    if let Err(full) = browser::storage_set(key, text) {
        browser::storage_remove(previous)?;
        browser::storage_set(key, text).map_err(|_| full)?;
    }
    if browser::storage_get(key)?.as_deref() != Some(text) {
        if let Some(current) = &current {
            let _ = browser::storage_set(key, current);
        }
        return Err("the save could not be read back as written".into());
    }
    let sum = saved::fnv1a64(text.as_bytes());
    WRITTEN.with(|w| {
        let mut w = w.borrow_mut();
        w.retain(|(k, _)| k != key);
        w.push((key.to_string(), sum));
    });
    Ok(())
}

/// Loads a stored copy (a backup key) back into the page.
pub fn restore_key(key: &str, lang: Lang) -> Result<Value, String> {
    let text = browser::storage_get(key)?.ok_or("there is nothing stored under that name")?;
    saved::restore(&text).map_err(|e| e.0.render(lang))
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub onnotice: Callback<Notice>,
}

/// What the toolbar is asking the user to confirm.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Confirm {
    Example,
    NewReport,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let setup =
        use_context::<std::rc::Rc<Setup>>().unwrap_or_else(|| std::rc::Rc::new(Setup::page()));
    let confirming = use_state(|| None::<Confirm>);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let notice = props.onnotice.clone();
    let say = move |level: &'static str, text: Text| {
        notice.emit(Notice {
            level,
            ..Notice::info(text)
        })
    };

    let export_json = {
        let (state, say) = (state.clone(), say.clone());
        Callback::from(move |_| {
            let text = serde_json::to_string_pretty(&*state.doc.get()).unwrap_or_default();
            match browser::download("esg-kpi-scenario.json", "application/json", &text) {
                Ok(()) => say(
                    "info",
                    t!("Exported the scenario as esg-kpi-scenario.json."),
                ),
                Err(e) => say("warning", t!("The export failed: {0}.", e)),
            }
        })
    };
    let import_json = {
        let (state, say, reader) = (state.clone(), say.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let file = gloo::file::File::from(file);
            let name = file.name();
            let (dispatcher, say) = (state.dispatcher(), say.clone());
            let task = gloo::file::callbacks::read_as_text(&file, move |text| {
                let read = match text {
                    Ok(t) => saved::restore(&t).map_err(|e| e.0),
                    Err(e) => Err(crate::engine::text::Text::verbatim(e.to_string())),
                };
                match read {
                    Ok(doc) => {
                        dispatcher.dispatch(Action::Load(doc));
                        say(
                            "info",
                            t!("Imported {0}. The previous inputs were replaced; “Undo the last load” brings them back.", name),
                        );
                    }
                    Err(why) => say(
                        "warning",
                        t!(
                            "{0} was not imported: {1}. Your inputs are unchanged.",
                            name,
                            why
                        ),
                    ),
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let copy_link = {
        let (state, say) = (state.clone(), say.clone());
        Callback::from(move |_| {
            let fragment = saved::share_fragment(&state.doc.get());
            browser::replace_hash(&fragment);
            let url = format!("{}#{fragment}", browser::page_url());
            let length = url.chars().count().to_string();
            let say = say.clone();
            browser::copy_text(url, move |r| {
                match r {
                Ok(()) => say(
                    "info",
                    t!("Link copied ({0} characters). The scenario is in the link itself and is never sent to a server.", length),
                ),
                Err(e) => say(
                    "warning",
                    t!("The link is in the address bar; copying it failed ({0}).", e),
                ),
            }
            });
        })
    };
    let download_csv = |name: &'static str, make: fn(&crate::engine::Results, Lang) -> String| {
        let (state, say) = (state.clone(), say.clone());
        Callback::from(move |_| {
            if let Err(e) = browser::download(
                name,
                "text/csv;charset=utf-8",
                &make(&state.full_results(), lang),
            ) {
                say("warning", t!("The export failed: {0}.", e));
            }
        })
    };
    let copy_tsv = {
        let (state, say) = (state.clone(), say.clone());
        Callback::from(move |_| {
            let say = say.clone();
            browser::copy_text(exports::kpi_tsv(&state.last_good), move |r| match r {
                Ok(()) => say("info", t!("KPI table copied: paste it into Excel.")),
                Err(e) => say(
                    "warning",
                    t!("Copying failed ({0}); download the CSV instead.", e),
                ),
            });
        })
    };
    let ask = |what: Confirm| {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(Some(what)))
    };
    let keep = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(None))
    };
    // A new report: nothing of the example (figures, notes, published table, denominators),
    // the last calendar year as its period; undoable like any load.
    let new_report = {
        let (state, confirming, say) = (state.clone(), confirming.clone(), say.clone());
        Callback::from(move |_| {
            let year = browser::now_iso()
                .get(..4)
                .and_then(|y| y.parse::<i32>().ok())
                .map_or_else(String::new, |y| (y - 1).to_string());
            state.dispatch(Action::Load(example::blank(&year)));
            confirming.set(None);
            say(
                "info",
                t!("A new, empty report for {0}: enter its figures or import its activity rows. “Undo the last load” brings back the inputs from before.", year),
            );
        })
    };
    let reset = {
        let (state, confirming, say) = (state.clone(), confirming.clone(), say.clone());
        let keys = setup.keys.clone();
        Callback::from(move |_| {
            let kept = keys.as_ref().is_some_and(|k| {
                browser::storage_set(
                    &k.before_reset(),
                    &saved::envelope(&state.doc.get(), &browser::now_iso()),
                )
                .is_ok()
            });
            state.dispatch(Action::Load(example::example()));
            confirming.set(None);
            if kept {
                say(
                    "info",
                    t!("The example is loaded. Your inputs were kept in this browser as a backup."),
                );
            } else {
                say("info", t!("The example is loaded."));
            }
        })
    };
    let print = Callback::from(|_| browser::print());
    let undo = state.undo.as_ref().map(|_| {
        let (state, say) = (state.clone(), say.clone());
        let undone = state.undone;
        let onclick = Callback::from(move |_| {
            state.dispatch(Action::UndoLoad);
            if undone {
                say("info", t!("The load is redone."));
            } else {
                say(
                    "info",
                    t!("The load is undone: your inputs from before it are back."),
                );
            }
        });
        html! {
            <button type="button" class="secondary" data-testid="undo-load" {onclick}>
                { if undone { tr!(lang, "Redo the load") } else { tr!(lang, "Undo the last load") } }
            </button>
        }
    });
    html! {
        <div class="toolbar" role="toolbar" aria-label={tr!(lang, "Scenario and exports")}>
            <button type="button" class="secondary" onclick={export_json}>{ tr!(lang, "Export JSON") }</button>
            if !setup.readonly {
                <label class="button secondary" for="import-json">{ tr!(lang, "Import JSON") }</label>
                <input id="import-json" class="visually-hidden" type="file" accept=".json,application/json" onchange={import_json} />
            }
            if !setup.element {
                <button type="button" class="secondary" onclick={copy_link}>{ tr!(lang, "Copy link") }</button>
            }
            <button type="button" class="secondary" onclick={download_csv("esg-kpi-table.csv", exports::kpi_csv)}>{ tr!(lang, "KPI table CSV") }</button>
            <button type="button" class="secondary" onclick={download_csv("esg-kpi-trace.csv", exports::trace_csv)}>{ tr!(lang, "Calculation lines CSV") }</button>
            <button type="button" class="secondary" onclick={download_csv("esg-part-d.csv", crate::engine::part_d::csv)}>{ tr!(lang, "Part D CSV") }</button>
            <button type="button" class="secondary" onclick={copy_tsv}>{ tr!(lang, "Copy for Excel") }</button>
            <button type="button" class="secondary" onclick={print}>{ tr!(lang, "Print") }</button>
            if !setup.readonly { { for undo } }
            if setup.readonly {
            } else if *confirming == Some(Confirm::Example) {
                <span class="confirm" role="alertdialog" aria-label={tr!(lang, "Replace your inputs with the example?")}>
                    { tr!(lang, "Replace your inputs with the 2018 example? ") }
                    <button type="button" class="danger" onclick={reset}>{ tr!(lang, "Replace my inputs") }</button>
                    <button type="button" class="secondary" onclick={keep}>{ tr!(lang, "Keep my inputs") }</button>
                </span>
            } else if *confirming == Some(Confirm::NewReport) {
                <span class="confirm" role="alertdialog" aria-label={tr!(lang, "Start a new, empty report?")}>
                    { tr!(lang, "Start a new, empty report? Every input, note and published figure is cleared (undo brings them back). ") }
                    <button type="button" class="danger" data-testid="new-report-confirm" onclick={new_report}>{ tr!(lang, "Clear and start") }</button>
                    <button type="button" class="secondary" onclick={keep}>{ tr!(lang, "Keep my inputs") }</button>
                </span>
            } else {
                <button type="button" class="secondary" data-testid="new-report" onclick={ask(Confirm::NewReport)}>{ tr!(lang, "New report") }</button>
                <button type="button" class="secondary" onclick={ask(Confirm::Example)}>{ tr!(lang, "Reset to the example") }</button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<Notice>,
    pub ondismiss: Callback<usize>,
    /// After a conflict with another tab: autosave again (the user chose); `true`: save the
    /// inputs shown now ("Keep mine").
    pub onresume: Callback<bool>,
}

/// Messages about the user's data, announced politely to screen readers.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    html! {
        <div class="notices" role="status" aria-live="polite">
            { for props.notices.iter().enumerate().map(|(i, n)| {
                let dismiss = { let d = props.ondismiss.clone(); Callback::from(move |_| d.emit(i)) };
                let restore = n.restore.clone().map(|(label, key)| {
                    let dispatcher = state.dispatcher();
                    let (d, resume, conflict) = (props.ondismiss.clone(), props.onresume.clone(), n.conflict);
                    let onclick = Callback::from(move |_| {
                        if let Ok(doc) = restore_key(&key, lang) {
                            dispatcher.dispatch(Action::Load(doc));
                            browser::replace_hash("");
                            d.emit(i);
                            if conflict {
                                resume.emit(false);
                            }
                        }
                    });
                    html! { <button type="button" class="link" {onclick}>{ tr(lang, label) }</button> }
                });
                let keep_mine = n.conflict.then(|| {
                    let (d, resume) = (props.ondismiss.clone(), props.onresume.clone());
                    let onclick = Callback::from(move |_| {
                        resume.emit(true);
                        d.emit(i);
                    });
                    html! { <button type="button" class="link" {onclick}>{ tr!(lang, "Keep mine and save them") }</button> }
                });
                html! {
                    <p class={classes!("notice", n.level)} data-notice={n.level} data-conflict={n.conflict.then_some("other-tab")}>
                        { n.text.render(lang) }{ " " }{ for restore }{ " " }{ for keep_mine }
                        <button type="button" class="link" onclick={dismiss} aria-label={tr!(lang, "Dismiss this message")}>{ tr!(lang, "Dismiss") }</button>
                    </p>
                }
            }) }
        </div>
    }
}
