//! Nothing lost: the scenario shown at start-up (a share link, else the autosave, else the
//! example), autosave on every change, and the toolbar that exports, imports, links, copies,
//! prints and resets. Storage and files are touched here and in `crate::browser`, never in
//! the reducer.

use super::use_lang;
use super::{Action, KpiContext};
use crate::browser;
use crate::engine::{example, exports, saved};
use crate::i18n::{tr, trf, Lang};
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

    /// Where inputs replaced by "reset to example" are kept.
    pub fn before_reset(&self) -> String {
        format!("{}:before-reset", self.prefix)
    }

    pub fn unreadable(&self, at: &str) -> String {
        format!("{}:unreadable:{at}", self.autosave)
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
}

/// A message for the user about their data, with an optional way to act on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub level: &'static str,
    pub text: String,
    /// A stored copy the user can bring back: (button label, storage key).
    pub restore: Option<(&'static str, String)>,
    /// Another tab saved over these inputs: autosave is paused until the user loads theirs
    /// (`restore`) or keeps these ("Keep mine").
    pub conflict: bool,
}

impl Notice {
    fn info(text: String) -> Self {
        Notice {
            level: "info",
            text,
            restore: None,
            conflict: false,
        }
    }

    /// Another tab has just saved these inputs (the `storage` event on the autosave key).
    pub fn other_tab(lang: Lang, keys: &Keys) -> Self {
        Notice {
            level: "warning",
            text: tr(lang, "Another tab has just saved different inputs for this calculator. Autosave is paused here, so that neither tab overwrites the other: load theirs, or keep yours and save them.").into(),
            restore: Some(("Load the other tab's inputs", keys.autosave.clone())),
            conflict: true,
        }
    }
    fn warning(text: String) -> Self {
        Notice {
            level: "warning",
            text,
            restore: None,
            conflict: false,
        }
    }
}

/// What the page starts with, and what to tell the user about it.
pub struct Startup {
    pub doc: Value,
    pub notices: Vec<Notice>,
}

/// Keeps unreadable saved text aside under its own key and says where.
fn set_aside(text: &str, why: &str, lang: Lang, keys: &Keys) -> Notice {
    let key = keys.unreadable(&browser::now_iso());
    let kept = match browser::storage_set(&key, text) {
        Ok(()) => trf(
            lang,
            "it was kept aside in this browser under “{0}”",
            &[&key],
        ),
        Err(e) => trf(
            lang,
            "it could not be set aside ({0}), so it was left where it was",
            &[&e],
        ),
    };
    Notice::warning(trf(lang, "Your saved inputs could not be read: {0}. Nothing was deleted: {1}. The example is shown instead.", &[why, &kept]))
}

/// An empty scenario: what an element without `example` or saved inputs starts from.
pub fn empty() -> Value {
    serde_json::json!({
        "schema": crate::engine::scenario::SCHEMA,
        "period": "",
        "organisation": {},
        "energy": []
    })
}

pub fn startup(lang: Lang, setup: &Setup) -> Startup {
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
        };
    };
    let link = if setup.element {
        Ok(None)
    } else {
        saved::from_fragment(&browser::location_hash())
    };
    match link {
        Ok(Some(doc)) => {
            let mut notice = Notice::info(tr(lang, "Loaded the scenario from the link. It lives in the link itself and is never sent to a server.").into());
            if let Ok(Some(previous)) = browser::storage_get(&keys.autosave) {
                if browser::storage_set(&keys.before_link(), &previous).is_ok() {
                    notice
                        .text
                        .push_str(tr(lang, " Your previous inputs in this browser were kept."));
                    notice.restore = Some(("Restore my previous inputs", keys.before_link()));
                }
            }
            notices.push(notice);
            return Startup { doc, notices };
        }
        Ok(None) => {}
        Err(e) => notices.push(Notice::warning(trf(
            lang,
            "The scenario in this link could not be read: {0}.",
            &[&e.0.render(lang)],
        ))),
    }
    let doc = match browser::storage_get(&keys.autosave) {
        Ok(Some(text)) => match saved::restore(&text) {
            Ok(doc) => {
                notices.push(Notice::info(
                    tr(lang, "Restored your inputs from this browser's autosave.").into(),
                ));
                doc
            }
            Err(e) => {
                notices.push(set_aside(&text, &e.0.render(lang), lang, keys));
                fallback()
            }
        },
        Ok(None) => fallback(),
        Err(e) => {
            notices.push(Notice::warning(trf(lang, "Autosave is off: {0}. The calculator works; export your scenario as JSON to keep it.", &[&e])));
            fallback()
        }
    };
    Startup { doc, notices }
}

/// Saves the scenario on every change. Returns a notice when saving fails.
pub fn autosave(doc: &Value, lang: Lang, keys: &Keys) -> Option<Notice> {
    browser::storage_set(&keys.autosave, &saved::envelope(doc, &browser::now_iso()))
        .err()
        .map(|e| Notice::warning(trf(lang, "Autosave is off: {0}. The calculator works; export your scenario as JSON to keep it.", &[&e])))
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

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let setup =
        use_context::<std::rc::Rc<Setup>>().unwrap_or_else(|| std::rc::Rc::new(Setup::page()));
    let confirming = use_state(|| false);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);
    let notice = props.onnotice.clone();
    let say = move |level: &'static str, text: String| {
        notice.emit(Notice {
            level,
            text,
            restore: None,
            conflict: false,
        })
    };

    let export_json = {
        let (state, say) = (state.clone(), say.clone());
        Callback::from(move |_| {
            let text = serde_json::to_string_pretty(&*state.doc.get()).unwrap_or_default();
            match browser::download("esg-kpi-scenario.json", "application/json", &text) {
                Ok(()) => say(
                    "info",
                    tr(lang, "Exported the scenario as esg-kpi-scenario.json.").into(),
                ),
                Err(e) => say("warning", trf(lang, "The export failed: {0}.", &[&e])),
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
                match text
                    .map_err(|e| e.to_string())
                    .and_then(|t| saved::restore(&t).map_err(|e| e.0.render(lang)))
                {
                    Ok(doc) => {
                        dispatcher.dispatch(Action::Load(doc));
                        say("info", trf(lang, "Imported {0}. The previous inputs were replaced; “Undo the last load” brings them back.", &[&name]));
                    }
                    Err(why) => say(
                        "warning",
                        trf(
                            lang,
                            "{0} was not imported: {1}. Your inputs are unchanged.",
                            &[&name, &why],
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
            let length = url.chars().count();
            let say = say.clone();
            browser::copy_text(url, move |r| {
                match r {
                Ok(()) => say("info", trf(lang, "Link copied ({0} characters). The scenario is in the link itself and is never sent to a server.", &[&length.to_string()])),
                Err(e) => say("warning", trf(lang, "The link is in the address bar; copying it failed ({0}).", &[&e])),
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
                say("warning", trf(lang, "The export failed: {0}.", &[&e]));
            }
        })
    };
    let copy_tsv = {
        let (state, say) = (state.clone(), say.clone());
        Callback::from(move |_| {
            let say = say.clone();
            browser::copy_text(exports::kpi_tsv(&state.last_good), move |r| match r {
                Ok(()) => say(
                    "info",
                    tr(lang, "KPI table copied: paste it into Excel.").into(),
                ),
                Err(e) => say(
                    "warning",
                    trf(
                        lang,
                        "Copying failed ({0}); download the CSV instead.",
                        &[&e],
                    ),
                ),
            });
        })
    };
    let ask_reset = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let keep = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
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
            confirming.set(false);
            say(
                "info",
                if kept {
                    tr(
                        lang,
                        "The example is loaded. Your inputs were kept in this browser as a backup.",
                    )
                    .into()
                } else {
                    tr(lang, "The example is loaded.").into()
                },
            );
        })
    };
    let print = Callback::from(|_| browser::print());
    let undo = state.undo.as_ref().map(|_| {
        let (state, say) = (state.clone(), say.clone());
        let undone = state.undone;
        let onclick = Callback::from(move |_| {
            state.dispatch(Action::UndoLoad);
            say(
                "info",
                if undone {
                    tr(lang, "The load is redone.").into()
                } else {
                    tr(
                        lang,
                        "The load is undone: your inputs from before it are back.",
                    )
                    .into()
                },
            );
        });
        html! {
            <button type="button" class="secondary" data-testid="undo-load" {onclick}>
                { if undone { tr(lang, "Redo the load") } else { tr(lang, "Undo the last load") } }
            </button>
        }
    });
    html! {
        <div class="toolbar" role="toolbar" aria-label={tr(lang, "Scenario and exports")}>
            <button type="button" class="secondary" onclick={export_json}>{ tr(lang, "Export JSON") }</button>
            if !setup.readonly {
                <label class="button secondary" for="import-json">{ tr(lang, "Import JSON") }</label>
                <input id="import-json" class="visually-hidden" type="file" accept=".json,application/json" onchange={import_json} />
            }
            if !setup.element {
                <button type="button" class="secondary" onclick={copy_link}>{ tr(lang, "Copy link") }</button>
            }
            <button type="button" class="secondary" onclick={download_csv("esg-kpi-table.csv", exports::kpi_csv)}>{ tr(lang, "KPI table CSV") }</button>
            <button type="button" class="secondary" onclick={download_csv("esg-kpi-trace.csv", exports::trace_csv)}>{ tr(lang, "Calculation lines CSV") }</button>
            <button type="button" class="secondary" onclick={copy_tsv}>{ tr(lang, "Copy for Excel") }</button>
            <button type="button" class="secondary" onclick={print}>{ tr(lang, "Print") }</button>
            if !setup.readonly { { for undo } }
            if setup.readonly {
            } else if *confirming {
                <span class="confirm" role="alertdialog" aria-label={tr(lang, "Replace your inputs with the example?")}>
                    { tr(lang, "Replace your inputs with the 2018 example? ") }
                    <button type="button" class="danger" onclick={reset}>{ tr(lang, "Replace my inputs") }</button>
                    <button type="button" class="secondary" onclick={keep}>{ tr(lang, "Keep my inputs") }</button>
                </span>
            } else {
                <button type="button" class="secondary" onclick={ask_reset}>{ tr(lang, "Reset to the example") }</button>
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
                    html! { <button type="button" class="link" {onclick}>{ tr(lang, "Keep mine and save them") }</button> }
                });
                html! {
                    <p class={classes!("notice", n.level)} data-notice={n.level} data-conflict={n.conflict.then_some("other-tab")}>
                        { &n.text }{ " " }{ for restore }{ " " }{ for keep_mine }
                        <button type="button" class="link" onclick={dismiss} aria-label={tr(lang, "Dismiss this message")}>{ tr(lang, "Dismiss") }</button>
                    </p>
                }
            }) }
        </div>
    }
}
