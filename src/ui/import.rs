//! Importing activity rows: a CSV file (picked or dropped) or cells pasted from a spreadsheet,
//! read by `engine::ledger`, shown as a preview — rows read, every bad line with its column,
//! value and message — and applied only when the user confirms (as a load: autosaved, and
//! undoable with "Undo the last load"). Cancel leaves the scenario exactly as it was. Also
//! the export of the activity rows as a ledger CSV that imports back unchanged.

use super::{use_lang, Action, KpiContext};
use crate::browser;
use crate::engine::ledger::{self, Ledger, Problem};
use crate::i18n::{tr, trf};
use serde_json::Value;
use std::rc::Rc;
use yew::prelude::*;

/// How many bad lines the preview lists before it says how many more there are.
const LISTED: usize = 200;

#[derive(Clone, PartialEq)]
struct Preview {
    /// The file's name, or "pasted cells".
    from: String,
    encoding: &'static str,
    result: Result<Rc<Ledger>, Problem>,
}

#[component]
pub fn ImportRows() -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<KpiContext>() else {
        return html! {};
    };
    let preview = use_state(|| None::<Preview>);
    let busy = use_state(|| false);
    let status = use_state(String::new);
    let encoding = use_state(|| "auto".to_string());
    let pasted = use_state(String::new);
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);

    let read_file = {
        let (preview, busy, status, encoding, reader) = (
            preview.clone(),
            busy.clone(),
            status.clone(),
            encoding.clone(),
            reader.clone(),
        );
        Rc::new(move |file: web_sys::File| {
            let name = file.name();
            let size = file.size() as usize;
            if size > ledger::MAX_BYTES {
                // Refused before reading: a 50 MB file is not loaded into the page at all.
                preview.set(Some(Preview {
                    from: name,
                    encoding: "",
                    result: ledger::parse(&" ".repeat(ledger::MAX_BYTES + 1)).map(Rc::new),
                }));
                return;
            }
            busy.set(true);
            status.set(String::new());
            let (preview, busy, encoding) = (preview.clone(), busy.clone(), (*encoding).clone());
            let file = gloo::file::File::from(file);
            let task = gloo::file::callbacks::read_as_bytes(&file, move |bytes| {
                let bytes = bytes.unwrap_or_default();
                // Let the page show "Reading…" before the rows are checked.
                let busy = busy.clone();
                let preview = preview.clone();
                let encoding = encoding.clone();
                let name = name.clone();
                gloo::timers::callback::Timeout::new(20, move || {
                    busy.set(false);
                    // Of the possible decodings, the one that reads best: a ledger over a refusal,
                    // then the fewer problems, then the fewer unknown characters.
                    let best = browser::decode(&bytes, &encoding)
                        .into_iter()
                        .map(|(text, used)| {
                            let unknown = text.chars().filter(|c| *c == '\u{fffd}').count();
                            (ledger::parse(&text), used, unknown)
                        })
                        .min_by_key(|(r, _, unknown)| match r {
                            Ok(l) => (0, l.problems.len(), *unknown),
                            Err(_) => (1, 0, *unknown),
                        });
                    if let Some((result, used, _)) = best {
                        preview.set(Some(Preview {
                            from: name,
                            encoding: used,
                            result: result.map(Rc::new),
                        }));
                    }
                })
                .forget();
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_file = {
        let read_file = read_file.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(file);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let read_file = read_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                read_file(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_paste_text = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            pasted.set(area.value());
        })
    };
    let read_pasted = {
        let (preview, pasted, status) = (preview.clone(), pasted.clone(), status.clone());
        Callback::from(move |_| {
            status.set(String::new());
            preview.set(Some(Preview {
                from: tr(lang, "pasted cells").into(),
                encoding: "",
                result: ledger::parse(&pasted).map(Rc::new),
            }))
        })
    };
    let on_encoding = {
        let encoding = encoding.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            encoding.set(select.value());
        })
    };
    let cancel = {
        let (preview, status) = (preview.clone(), status.clone());
        Callback::from(move |_| {
            preview.set(None);
            status.set(tr(lang, "Nothing was imported; your inputs are as they were.").into());
        })
    };
    let apply = |replace: bool| {
        let (preview, status, state, busy) =
            (preview.clone(), status.clone(), state.clone(), busy.clone());
        Callback::from(move |_| {
            let Some(Preview {
                from,
                result: Ok(l),
                ..
            }) = (*preview).clone()
            else {
                return;
            };
            let mut doc = state.doc.snapshot();
            let mut rows: Vec<Value> = if replace {
                Vec::new()
            } else {
                doc.get("energy")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            };
            rows.extend(l.rows.iter().cloned());
            if let Some(obj) = doc.as_object_mut() {
                obj.insert("energy".into(), Value::Array(rows));
            }
            // Show "Working…" first: computing tens of thousands of rows takes a moment.
            status.set(String::new());
            busy.set(true);
            let (state, preview, status, busy) =
                (state.clone(), preview.clone(), status.clone(), busy.clone());
            gloo::timers::callback::Timeout::new(20, move || {
                state.dispatch(Action::Load(doc));
                preview.set(None);
                busy.set(false);
                status.set(trf(
                    lang,
                    "Imported {0} rows from {1}. “Undo the last load” brings back the inputs from before.",
                    &[&l.rows.len().to_string(), &from],
                ));
            })
            .forget();
        })
    };
    let export = {
        let (state, status) = (state.clone(), status.clone());
        Callback::from(move |_| {
            let rows = state
                .doc
                .get()
                .get("energy")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if let Err(e) = browser::download(
                "esg-kpi-activity-rows.csv",
                "text/csv;charset=utf-8",
                &ledger::to_csv(&rows),
            ) {
                status.set(trf(lang, "The export failed: {0}.", &[&e]));
            }
        })
    };

    let view_preview = |p: &Preview| match &p.result {
        Err(problem) => html! {
            <div class="preview" data-testid="import-preview" role="alert">
                <p class="error" data-import-refused="">{ trf(lang, "{0} cannot be imported: {1}.", &[&p.from, &problem.message.render(lang)]) }</p>
                <button type="button" class="secondary" onclick={cancel.clone()}>{ tr(lang, "Close") }</button>
            </div>
        },
        Ok(l) => {
            let more = l.problems.len().saturating_sub(LISTED);
            html! {
                <div class="preview" data-testid="import-preview" role="region" aria-label={tr(lang, "Import preview")}>
                    <p data-import-summary="">
                        { trf(lang, "{0}: {1} rows read, {2} ready to import, {3} with problems (not imported).", &[&p.from, &l.read.to_string(), &l.rows.len().to_string(), &(l.read - l.rows.len()).to_string()]) }
                        if !p.encoding.is_empty() { { " " }{ trf(lang, "Read as {0}.", &[p.encoding]) } }
                        if !l.ignored_columns.is_empty() { { " " }{ trf(lang, "Columns not used: {0}.", &[&l.ignored_columns.join(", ")]) } }
                    </p>
                    if !l.problems.is_empty() {
                        <div class="table-wrap">
                            <table class="problems">
                                <caption>{ tr(lang, "Lines not imported") }</caption>
                                <thead><tr><th scope="col">{ tr(lang, "Line") }</th><th scope="col">{ tr(lang, "Column") }</th><th scope="col">{ tr(lang, "Value") }</th><th scope="col">{ tr(lang, "Problem") }</th></tr></thead>
                                <tbody>
                                    { for l.problems.iter().take(LISTED).map(|pr| html! {
                                        <tr data-problem-line={pr.line.to_string()}>
                                            <td class="num">{ pr.line }</td>
                                            <td>{ pr.column.clone().unwrap_or_default() }</td>
                                            <td><code>{ pr.value.clone().unwrap_or_default() }</code></td>
                                            <td>{ pr.message.render(lang) }</td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </div>
                        if more > 0 { <p class="note">{ trf(lang, "and {0} more lines with problems", &[&more.to_string()]) }</p> }
                    }
                    <p class="actions">
                        if !l.rows.is_empty() {
                            <button type="button" data-testid="import-add" onclick={apply(false)}>{ trf(lang, "Add {0} rows to the energy lines", &[&l.rows.len().to_string()]) }</button>
                            <button type="button" class="secondary" data-testid="import-replace" onclick={apply(true)}>{ trf(lang, "Replace the energy lines with {0} rows", &[&l.rows.len().to_string()]) }</button>
                        }
                        <button type="button" class="secondary" data-testid="import-cancel" onclick={cancel.clone()}>{ tr(lang, "Cancel") }</button>
                    </p>
                </div>
            }
        }
    };

    html! {
        <details class="import group" open={preview.is_some() || *busy || !status.is_empty()}>
            <summary>{ tr(lang, "Import activity rows (CSV, Excel export, pasted cells)") }</summary>
            <div class="dropzone" data-testid="dropzone" ondrop={on_drop} ondragover={on_drag_over}>
                <p class="note">{ tr(lang, "Columns: site, month or period, source, quantity, unit, and optionally density, grid, factor, note — headers in English or Chinese (地點, 月份, 能源, 用量, 單位). Drop a file here or choose one.") }</p>
                <div class="row-grid">
                    <div class="field">
                        <label for="import-rows">{ tr(lang, "CSV file") }</label>
                        <input id="import-rows" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" onchange={on_file} />
                    </div>
                    <div class="field">
                        <label for="import-encoding">{ tr(lang, "Encoding") }</label>
                        <select id="import-encoding" onchange={on_encoding}>
                            <option value="auto" selected={*encoding == "auto"}>{ tr(lang, "Detect (UTF-8, GB18030 or Big5)") }</option>
                            <option value="gb18030" selected={*encoding == "gb18030"}>{ "GB18030 (简体 Excel)" }</option>
                            <option value="big5" selected={*encoding == "big5"}>{ "Big5 (繁體 Excel)" }</option>
                        </select>
                    </div>
                </div>
                <div class="field">
                    <label for="import-paste">{ tr(lang, "Or paste cells from a spreadsheet (with the header row)") }</label>
                    <textarea id="import-paste" rows="3" value={(*pasted).clone()} oninput={on_paste_text} />
                </div>
                <p class="actions">
                    <button type="button" class="secondary" onclick={read_pasted} disabled={pasted.trim().is_empty()}>{ tr(lang, "Read the pasted cells") }</button>
                    <button type="button" class="secondary" onclick={export}>{ tr(lang, "Export the energy lines as CSV") }</button>
                </p>
            </div>
            if *busy { <p class="note busy" role="status" data-testid="import-busy">{ tr(lang, "Working… (large files take a few seconds)") }</p> }
            if let Some(p) = &*preview { { view_preview(p) } }
            if !status.is_empty() { <p class="note" role="status" data-import-status="">{ (*status).clone() }</p> }
        </details>
    }
}
