//! Importing activity rows: a CSV file (picked or dropped) or cells pasted from a spreadsheet,
//! read by `engine::ledger`, shown as a preview before anything changes: what each column is
//! taken to mean (the user can change it, and a confirmed mapping is remembered for files
//! with the same headers), the file's number format and date order (switchable), the first
//! rows exactly as they will be read with every reading the import made, the total rows left
//! out, and every bad line with its column, value and message. Applied only when the user
//! confirms (as a load: autosaved, and undoable with "Undo the last load"), saying what it
//! replaced and what it kept. Cancel leaves the scenario exactly as it was. Also the export
//! of the activity rows as a ledger CSV that imports back unchanged.

use super::keep::{Keys, Setup};
use super::{use_lang, Action, KpiContext};
use crate::browser;
use crate::engine::ledger::{
    self, Column, DateOrder, Ledger, NumberFormat, Options, Problem, SumRows,
};
use crate::engine::units::Source;
use crate::i18n::Lang;
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A change the user made to how the file is read.
type Edit = Box<dyn FnOnce(&mut Options, &Ledger)>;

/// How many bad lines the preview lists before it says how many more there are.
const LISTED: usize = 200;
/// How many rows the preview shows as they will be read.
const SHOWN: usize = 12;

/// A workbook being imported: its bytes, its sheets, and the sheet shown.
#[derive(PartialEq)]
struct Workbook {
    name: String,
    bytes: Rc<Vec<u8>>,
    sheets: Vec<String>,
    sheet: String,
}

/// Reads a workbook's sheet (`sheet`, or the first that looks like a table) into a preview; a
/// workbook that cannot be read is a refusal with its reason.
async fn open_workbook(
    name: String,
    bytes: Rc<Vec<u8>>,
    sheet: Option<String>,
    target: Target,
) -> Preview {
    let refused = |why: String| {
        Preview::refused(
            name.clone(),
            Problem {
                line: 0,
                column: None,
                value: None,
                message: crate::engine::t!("this workbook cannot be read: {0}", why),
            },
        )
    };
    let mut sheets = match browser::workbook_sheets(&bytes).await {
        Ok(s) if s.len() > 1 => s,
        Ok(_) => return refused("it has no sheets".into()),
        Err(e) => return refused(e),
    };
    // The reader names the first sheet that looks like a table first, then every sheet.
    let first = sheets.remove(0);
    let sheet = sheet.unwrap_or(first);
    let text = match browser::workbook_sheet(&bytes, &sheet).await {
        Ok(t) => t,
        Err(e) => return refused(e),
    };
    let mut p = read_preview(format!("{name} · {sheet}"), "", Rc::new(text), &target).await;
    p.workbook = Some(Rc::new(Workbook {
        name,
        bytes,
        sheets,
        sheet,
    }));
    p
}

/// What an import reads for: the scenario's reporting period (rows outside it are flagged),
/// and where this calculator keeps what it remembers (nowhere for an element without
/// `storage-key`, which stores nothing).
#[derive(Clone, PartialEq)]
struct Target {
    period: Option<String>,
    keys: Option<Keys>,
    /// The page's language, for the notes of summed lines.
    lang: Lang,
}

/// Above this many lines, a text's rows are summed by site, month, source, unit and factor
/// unless the user says otherwise: beyond what a person edits line by line, and what keeps the
/// page answering at every keystroke.
const SUM_ABOVE: usize = 2_000;

#[derive(Clone, PartialEq)]
struct Preview {
    /// The file's name, or "pasted cells".
    from: String,
    encoding: &'static str,
    /// The text as decoded, kept to read it again when the user changes a choice.
    text: Rc<String>,
    options: Options,
    /// Whether the mapping came from one remembered for these headers.
    remembered: bool,
    /// The workbook the text is a sheet of.
    workbook: Option<Rc<Workbook>>,
    result: Result<Rc<Ledger>, Problem>,
}

impl Preview {
    /// A file refused whole, with the reason.
    fn refused(from: String, why: Problem) -> Preview {
        Preview {
            from,
            encoding: "",
            text: Rc::new(String::new()),
            options: Options::default(),
            remembered: false,
            workbook: None,
            result: Err(why),
        }
    }
}

/// Reads a text with the options the preview shows; the first time, with a mapping remembered
/// for files with the same headers.
async fn read_preview(
    from: String,
    encoding: &'static str,
    text: Rc<String>,
    target: &Target,
) -> Preview {
    let mut options = Options {
        reporting_period: target.period.clone(),
        sum: (text.lines().count() > SUM_ABOVE + 1).then(|| SumRows {
            from: from.clone(),
            lang: target.lang,
        }),
        ..Options::default()
    };
    let mut result = browser::read_ledger(&text, &options).await;
    let mut remembered = false;
    if let (Ok(l), Some(keys)) = (&result, &target.keys) {
        let stored = browser::storage_get(&keys.import_mapping(&ledger::signature(&l.headers)))
            .ok()
            .flatten()
            .and_then(|s| ledger::mapping_from(&s))
            .filter(|m| m.len() == l.headers.len() && *m != l.mapping);
        if let Some(m) = stored {
            options.mapping = Some(m);
            result = browser::read_ledger(&text, &options).await;
            remembered = true;
        }
    }
    Preview {
        from,
        encoding,
        text,
        options,
        remembered,
        workbook: None,
        result: result.map(Rc::new),
    }
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
    let target = Target {
        period: state
            .doc
            .get()
            .get("period")
            .and_then(Value::as_str)
            .map(str::to_string)
            .filter(|p| !p.trim().is_empty()),
        keys: use_context::<Rc<Setup>>().and_then(|s| s.keys.clone()),
        lang,
    };

    let read_file = {
        let (preview, busy, status, encoding, reader, target) = (
            preview.clone(),
            busy.clone(),
            status.clone(),
            encoding.clone(),
            reader.clone(),
            target.clone(),
        );
        Rc::new(move |file: web_sys::File| {
            let name = file.name();
            let size = file.size() as usize;
            if size > ledger::MAX_BYTES {
                // Refused before reading: a 50 MB file is not loaded into the page at all.
                preview.set(Some(Preview::refused(name, ledger::too_large(size))));
                return;
            }
            busy.set(true);
            status.set(String::new());
            let (preview, busy, encoding) = (preview.clone(), busy.clone(), (*encoding).clone());
            let target = target.clone();
            let file = gloo::file::File::from(file);
            let task = gloo::file::callbacks::read_as_bytes(&file, move |bytes| {
                let bytes = bytes.unwrap_or_default();
                let busy = busy.clone();
                let preview = preview.clone();
                let encoding = encoding.clone();
                let name = name.clone();
                let target = target.clone();
                if browser::is_workbook(&name, &bytes) {
                    // A workbook: its reader is loaded now (not on the first visit), its sheets
                    // listed, and the first sheet that has a header read like pasted cells.
                    wasm_bindgen_futures::spawn_local(async move {
                        let p = open_workbook(name, Rc::new(bytes), None, target).await;
                        busy.set(false);
                        preview.set(Some(p));
                    });
                    return;
                }
                // Let the page show "Reading…" before the rows are checked.
                gloo::timers::callback::Timeout::new(20, move || {
                    wasm_bindgen_futures::spawn_local(async move {
                        // Of the possible decodings, the one that reads best: a ledger over a refusal,
                        // then the fewer problems, then the fewer unknown characters.
                        let mut best: Option<(Preview, usize)> = None;
                        for (text, used) in browser::decode(&bytes, &encoding) {
                            let unknown = text.chars().filter(|c| *c == '\u{fffd}').count();
                            let p = read_preview(name.clone(), used, Rc::new(text), &target).await;
                            let rank = |p: &Preview, unknown: usize| match &p.result {
                                Ok(l) => (0, l.problems.len(), unknown),
                                Err(_) => (1, 0, unknown),
                            };
                            if best
                                .as_ref()
                                .is_none_or(|(b, u)| rank(&p, unknown) < rank(b, *u))
                            {
                                best = Some((p, unknown));
                            }
                        }
                        busy.set(false);
                        if let Some((p, _)) = best {
                            preview.set(Some(p));
                        }
                    })
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
        let (preview, pasted, status, target) = (
            preview.clone(),
            pasted.clone(),
            status.clone(),
            target.clone(),
        );
        Callback::from(move |_| {
            status.set(String::new());
            let (preview, target, text) = (preview.clone(), target.clone(), (*pasted).clone());
            wasm_bindgen_futures::spawn_local(async move {
                let p = read_preview(tr!(lang, "pasted cells").into(), "", Rc::new(text), &target)
                    .await;
                preview.set(Some(p));
            });
        })
    };
    // A choice changed in the preview: read the text again with it.
    let change = {
        let preview = preview.clone();
        Rc::new(move |edit: Edit| {
            let Some(mut p) = (*preview).clone() else {
                return;
            };
            let Ok(l) = &p.result else { return };
            let l = l.clone();
            edit(&mut p.options, &l);
            let preview = preview.clone();
            wasm_bindgen_futures::spawn_local(async move {
                p.result = browser::read_ledger(&p.text, &p.options).await.map(Rc::new);
                preview.set(Some(p));
            });
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
            status.set(tr!(lang, "Nothing was imported; your inputs are as they were.").into());
        })
    };
    let apply = |replace: bool| {
        let (preview, status, state, busy) =
            (preview.clone(), status.clone(), state.clone(), busy.clone());
        let keys = target.keys.clone();
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
            let merged = ledger::merge(&mut doc, &l.rows, replace);
            // Remember the mapping for files with the same headers (best effort: storage may
            // be off; the import does not depend on it).
            if let Some(keys) = &keys {
                let _ = browser::storage_set(
                    &keys.import_mapping(&ledger::signature(&l.headers)),
                    &ledger::mapping_text(&l.mapping),
                );
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
                let mut said = if merged.replaced > 0 {
                    trf!(
                        lang,
                        "Imported {0} from {1}, replacing {2}.",
                        &[
                            &count!(lang, merged.added, "1 row", "{0} rows"),
                            &from,
                            &count!(lang, merged.replaced, "1 energy line", "{0} energy lines"),
                        ],
                    )
                } else {
                    trf!(
                        lang,
                        "Imported {0} from {1}.",
                        &[&count!(lang, merged.added, "1 row", "{0} rows"), &from],
                    )
                };
                if merged.notes_removed > 0 {
                    said.push(' ');
                    said.push_str(&if merged.notes_removed == 1 {
                        tr!(
                            lang,
                            "1 note about the replaced lines was removed with them."
                        )
                        .to_string()
                    } else {
                        trf!(
                            lang,
                            "{0} notes about the replaced lines were removed with them.",
                            &[&merged.notes_removed.to_string()],
                        )
                    });
                }
                if replace && !merged.kept.is_empty() {
                    let kept: Vec<String> = merged.kept.iter().map(|k| k.render(lang)).collect();
                    said.push(' ');
                    said.push_str(&trf!(
                        lang,
                        "Kept as they were: {0} (“New report” starts from nothing).",
                        &[&kept.join(tr!(lang, ", "))],
                    ));
                }
                said.push(' ');
                said.push_str(tr!(
                    lang,
                    "“Undo the last load” brings back the inputs from before.",
                ));
                status.set(said);
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
                status.set(trf!(lang, "The export failed: {0}.", &[&e]));
            }
        })
    };

    let energy_lines = state
        .doc
        .get()
        .get("energy")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    // What each column is taken to mean, the number format, the date order, and what rows
    // that name no source or grid get: every choice the import made, changeable.
    let view_mapping = |p: &Preview, l: &Ledger| {
        let on_column = |i: usize| {
            let change = change.clone();
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                let chosen = Column::from_id(&select.value());
                change(Box::new(move |o: &mut Options, l: &Ledger| {
                    let mut m = l.mapping.clone();
                    // One column per meaning: the one chosen now takes it from any other.
                    if let Some(c) = chosen {
                        for slot in m.iter_mut() {
                            if *slot == Some(c) {
                                *slot = None;
                            }
                        }
                    }
                    if let Some(slot) = m.get_mut(i) {
                        *slot = chosen;
                    }
                    o.mapping = Some(m);
                }));
            })
        };
        // A choice in a select or a text field: read the file again with it.
        let choose = |set: fn(&mut Options, String)| {
            let change = change.clone();
            Callback::from(move |e: Event| {
                let value = value_of(&e);
                change(Box::new(move |o: &mut Options, _: &Ledger| set(o, value)));
            })
        };
        let on_numbers = choose(|o, v| {
            o.numbers = match v.as_str() {
                "point" => Some(NumberFormat::Point),
                "comma" => Some(NumberFormat::Comma),
                _ => None,
            }
        });
        let on_dates = choose(|o, v| {
            o.dates = match v.as_str() {
                "month_day" => Some(DateOrder::MonthDay),
                "day_month" => Some(DateOrder::DayMonth),
                _ => None,
            }
        });
        let on_source = choose(|o, v| o.source = Source::from_id(&v));
        let on_grid = choose(|o, v| o.grid = Some(v).filter(|g| !g.trim().is_empty()));
        let on_sum = {
            let (change, from) = (change.clone(), p.from.clone());
            Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                let sum = input.checked().then(|| SumRows {
                    from: from.clone(),
                    lang,
                });
                change(Box::new(move |o: &mut Options, _: &Ledger| o.sum = sum));
            })
        };
        let number_choice = p.options.numbers.map_or("auto", |f| match f {
            NumberFormat::Point => "point",
            NumberFormat::Comma => "comma",
        });
        let date_choice = p.options.dates.map_or("auto", |d| match d {
            DateOrder::DayMonth => "day_month",
            DateOrder::MonthDay => "month_day",
        });
        let found = |f: Option<NumberFormat>| match f {
            Some(f) => f.example(),
            None => "?",
        };
        let dates_found = match l.dates {
            DateOrder::DayMonth => tr!(lang, "day/month/year"),
            DateOrder::MonthDay => tr!(lang, "month/day/year"),
        };
        let sample = |i: usize| l.sample.get(i).map_or("", |c| c.trim()).to_string();
        html! {
            <div class="mapping" data-testid="import-mapping">
                <h4>{ tr!(lang, "What each column means") }</h4>
                if p.remembered { <p class="note" data-mapping-remembered="">{ tr!(lang, "The mapping you confirmed for files with these headers is used.") }</p> }
                if !l.missing.is_empty() {
                    <p class="error" role="alert" data-import-missing="">
                        { trf!(lang, "Choose the column for: {0}. Nothing is imported until then.", &[&l.missing.iter().map(|c| c.label().render(lang)).collect::<Vec<_>>().join(tr!(lang, ", "))]) }
                    </p>
                }
                <ul class="mapping-list">
                    { for l.headers.iter().enumerate().map(|(i, h)| {
                        let current = l.mapping.get(i).copied().flatten();
                        let changed = current != l.proposed.get(i).copied().flatten();
                        let id = format!("map-{i}");
                        let first = sample(i);
                        html! {
                            <li data-map-column={i.to_string()} class={classes!(changed.then_some("changed"))}>
                                <label for={id.clone()}>{ h.trim() }</label>
                                <select id={id} data-testid={format!("map-{i}")} onchange={on_column(i)}>
                                    <option value="" selected={current.is_none()}>{ tr!(lang, "— not used —") }</option>
                                    { for ledger::MEANINGS.iter().map(|c| html! {
                                        <option value={c.id()} selected={current == Some(*c)}>{ c.label().render(lang) }</option>
                                    }) }
                                </select>
                                if !first.is_empty() { <span class="note">{ trf!(lang, "First value: {0}", &[&first]) }</span> }
                            </li>
                        }
                    }) }
                </ul>
                <div class="row-grid">
                    <div class="field">
                        <label for="import-numbers">{ tr!(lang, "Numbers in this file") }</label>
                        <select id="import-numbers" data-testid="number-format" onchange={on_numbers}>
                            <option value="auto" selected={number_choice == "auto"}>{ trf!(lang, "As found: {0}", &[found(l.numbers.format)]) }</option>
                            <option value="point" selected={number_choice == "point"}>{ tr!(lang, "1,234.5 (decimal point)") }</option>
                            <option value="comma" selected={number_choice == "comma"}>{ tr!(lang, "1.234,5 (decimal comma)") }</option>
                        </select>
                        <p class="note" data-number-why="">{ l.numbers.why.render(lang) }</p>
                    </div>
                    <div class="field">
                        <label for="import-dates">{ tr!(lang, "Dates in this file") }</label>
                        <select id="import-dates" data-testid="date-order" onchange={on_dates}>
                            <option value="auto" selected={date_choice == "auto"}>{ trf!(lang, "As found: {0}", &[dates_found]) }</option>
                            <option value="day_month" selected={date_choice == "day_month"}>{ tr!(lang, "day/month/year") }</option>
                            <option value="month_day" selected={date_choice == "month_day"}>{ tr!(lang, "month/day/year") }</option>
                        </select>
                        if !l.dates_decided { <p class="note">{ tr!(lang, "No date decides it: day/month/year assumed, as Hong Kong writes dates.") }</p> }
                    </div>
                    <div class="field">
                        <label for="import-source">{ tr!(lang, "Source of rows that name none") }</label>
                        <select id="import-source" data-testid="source-for-all" onchange={on_source}>
                            <option value="" selected={p.options.source.is_none()}>{ tr!(lang, "— from the file —") }</option>
                            { for Source::ALL.iter().map(|s| html! {
                                <option value={s.id()} selected={p.options.source == Some(*s)}>{ s.title().render(lang) }</option>
                            }) }
                        </select>
                    </div>
                    if l.summed.is_some() || l.read > SUM_ABOVE {
                        <div class="field">
                            <label><input type="checkbox" data-testid="sum-rows" checked={p.options.sum.is_some()} onchange={on_sum} />{ " " }{ tr!(lang, "Sum rows of the same site, month, source, unit and factor into one line") }</label>
                        </div>
                    }
                    <div class="field">
                        <label for="import-grid">{ tr!(lang, "Grid for electricity rows that name none") }</label>
                        <input id="import-grid" data-testid="grid-for-all" type="text" placeholder="廣東 · 深圳 · CLP · HK Electric" value={p.options.grid.clone().unwrap_or_default()} onchange={on_grid} />
                    </div>
                </div>
            </div>
        }
    };
    // The first rows exactly as they will be read, with the readings the import made.
    let view_rows = |l: &Ledger| {
        if l.rows.is_empty() {
            return html! {};
        }
        let text = |r: &Value, k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        html! {
            <div class="read-rows" data-testid="import-rows">
                <h4>{ if l.rows.len() == 1 { tr!(lang, "The row as it will be imported").to_string() } else { trf!(lang, "The first {0} rows as they will be imported", &[&l.rows.len().min(SHOWN).to_string()]) } }</h4>
                <ol>
                    { for l.rows.iter().zip(&l.lines).zip(&l.readings).take(SHOWN).map(|((r, line), readings)| {
                        let factor = match r.get("factor") {
                            Some(Value::Object(f)) => format!("{} {}", f.get("value").and_then(Value::as_str).unwrap_or(""), f.get("unit").and_then(Value::as_str).unwrap_or("")),
                            Some(Value::String(id)) => id.clone(),
                            _ => text(r, "grid"),
                        };
                        let source = Source::from_id(&text(r, "source")).map(|s| s.title().render(lang)).unwrap_or_default();
                        let what: Vec<String> = [text(r, "site"), text(r, "period"), source].into_iter().filter(|t| !t.is_empty()).collect();
                        html! {
                            <li data-read-line={line.to_string()}>
                                <span class="line">{ trf!(lang, "Row {0}", &[&line.to_string()]) }</span>{ " " }
                                { what.join(" · ") }{ " · " }
                                <b data-read-quantity="">{ text(r, "quantity") }</b>{ " " }{ text(r, "unit") }
                                if !factor.is_empty() { { " · " }{ factor } }
                                <span class="note" data-readings="">{ readings.iter().map(|t| t.render(lang)).collect::<Vec<_>>().join("; ") }</span>
                            </li>
                        }
                    }) }
                </ol>
            </div>
        }
    };
    // A workbook's sheets: the one shown, and the others to choose.
    let view_sheets = |p: &Preview| {
        let Some(book) = p.workbook.clone() else {
            return html! {};
        };
        let onchange = {
            let (preview, busy, target, book) =
                (preview.clone(), busy.clone(), target.clone(), book.clone());
            Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                let sheet = select.value();
                let (preview, busy, target, book) =
                    (preview.clone(), busy.clone(), target.clone(), book.clone());
                busy.set(true);
                wasm_bindgen_futures::spawn_local(async move {
                    let p =
                        open_workbook(book.name.clone(), book.bytes.clone(), Some(sheet), target)
                            .await;
                    busy.set(false);
                    preview.set(Some(p));
                });
            })
        };
        html! {
            <div class="field">
                <label for="import-sheet">{ trf!(lang, "Sheet of {0}", &[&book.name]) }</label>
                <select id="import-sheet" data-testid="workbook-sheet" {onchange}>
                    { for book.sheets.iter().map(|s| html! { <option value={s.clone()} selected={*s == book.sheet}>{ s }</option> }) }
                </select>
            </div>
        }
    };
    let view_preview = |p: &Preview| match &p.result {
        Err(problem) => html! {
            <div class="preview" data-testid="import-preview" role="alert">
                { view_sheets(p) }
                <p class="error" data-import-refused="">{ trf!(lang, "{0} cannot be imported: {1}.", &[&p.from, &problem.message.render(lang)]) }</p>
                <button type="button" class="secondary" onclick={cancel.clone()}>{ tr!(lang, "Close") }</button>
            </div>
        },
        Ok(l) => {
            let more = l.problems.len().saturating_sub(LISTED);
            let bad = l.lines_with_problems();
            let other_unused: Vec<&str> = l
                .ignored_columns
                .iter()
                .filter(|c| !l.unused_numeric.contains(c))
                .map(String::as_str)
                .collect();
            html! {
                <div class="preview" data-testid="import-preview" role="region" aria-label={tr!(lang, "Import preview")}>
                    { view_sheets(p) }
                    <p data-import-summary="">
                        { trf!(lang, "{0}: {1} read, {2} ready to import, {3} with problems (not imported).", &[&p.from, &count!(lang, l.read, "1 row", "{0} rows"), &l.rows.len().to_string(), &bad.to_string()]) }
                        if !l.totals.is_empty() { { " " }{ trf!(lang, "{0} left out.", &[&count!(lang, l.totals.len(), "1 total row", "{0} total rows")]) } }
                        if let Some(s) = &l.summed { { " " }<span data-summed="">{ trf!(lang, "{0} summed into {1}, one per site, month, source, unit and factor; each line's note says what it sums.", &[&count!(lang, s.rows, "1 row", "{0} rows"), &count!(lang, l.rows.len(), "1 line", "{0} lines")]) }</span> }
                        if !p.encoding.is_empty() { { " " }{ trf!(lang, "Read as {0}.", &[p.encoding]) } }
                        if !l.unused_numeric.is_empty() { { " " }<span data-unused-numeric="">{ trf!(lang, "Numeric columns not used: {0}.", &[&l.unused_numeric.join(", ")]) }</span> }
                        if !other_unused.is_empty() { { " " }{ trf!(lang, "Columns not used: {0}.", &[&other_unused.join(", ")]) } }
                    </p>
                    if !l.title.is_empty() {
                        <p class="note" data-import-title="">{ trf!(lang, "Header on line {0}; the lines above it were skipped: {1}", &[&l.header_line.to_string(), &l.title.join(" · ")]) }</p>
                    }
                    { for l.notices.iter().map(|n| html! { <p class="note warning" data-import-notice="">{ n.render(lang) }</p> }) }
                    { view_mapping(p, l) }
                    { view_rows(l) }
                    if !l.totals.is_empty() {
                        <ul class="note" data-import-totals="">
                            { for l.totals.iter().map(|t| html! { <li data-total-line={t.line.to_string()}>{ trf!(lang, "Line {0}: {1}", &[&t.line.to_string(), &t.message.render(lang)]) }</li> }) }
                        </ul>
                    }
                    if !l.problems.is_empty() {
                        <div class="table-wrap">
                            <table class="problems">
                                <caption>{ tr!(lang, "Lines not imported") }</caption>
                                <thead><tr><th scope="col">{ tr!(lang, "Line") }</th><th scope="col">{ tr!(lang, "Column") }</th><th scope="col">{ tr!(lang, "Value") }</th><th scope="col">{ tr!(lang, "Problem") }</th></tr></thead>
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
                        if more > 0 { <p class="note">{ trf!(lang, "and {0} more lines with problems", &[&more.to_string()]) }</p> }
                    }
                    <p class="actions">
                        if !l.rows.is_empty() {
                            <button type="button" data-testid="import-add" onclick={apply(false)}>{ trf!(lang, "Add {0} to the energy lines", &[&count!(lang, l.rows.len(), "1 row", "{0} rows")]) }</button>
                            <button type="button" class="secondary" data-testid="import-replace" onclick={apply(true)}>{ trf!(lang, "Replace the {0} with {1}", &[&count!(lang, energy_lines, "1 energy line", "{0} energy lines"), &count!(lang, l.rows.len(), "1 row", "{0} rows")]) }</button>
                        }
                        <button type="button" class="secondary" data-testid="import-cancel" onclick={cancel.clone()}>{ tr!(lang, "Cancel") }</button>
                    </p>
                </div>
            }
        }
    };

    html! {
        <details class="import group" open={preview.is_some() || *busy || !status.is_empty()}>
            <summary>{ tr!(lang, "Import activity rows (CSV, Excel workbook, pasted cells)") }</summary>
            <div class="dropzone" data-testid="dropzone" ondrop={on_drop} ondragover={on_drag_over}>
                <p class="note">{ tr!(lang, "Columns: site, month or period, source, quantity, unit, and optionally density, grid, factor, note — headers in English or Chinese (地點, 月份, 能源, 用量, 單位). Drop a file here or choose one.") }</p>
                <div class="row-grid">
                    <div class="field">
                        <label for="import-rows">{ tr!(lang, "CSV file or Excel workbook") }</label>
                        <input id="import-rows" type="file" accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods,text/csv,text/plain" onchange={on_file} />
                    </div>
                    <div class="field">
                        <label for="import-encoding">{ tr!(lang, "Encoding") }</label>
                        <select id="import-encoding" onchange={on_encoding}>
                            <option value="auto" selected={*encoding == "auto"}>{ tr!(lang, "Detect (UTF-8, GB18030 or Big5)") }</option>
                            <option value="gb18030" selected={*encoding == "gb18030"}>{ "GB18030 (简体 Excel)" }</option>
                            <option value="big5" selected={*encoding == "big5"}>{ "Big5 (繁體 Excel)" }</option>
                        </select>
                    </div>
                </div>
                <div class="field">
                    <label for="import-paste">{ tr!(lang, "Or paste cells from a spreadsheet (with the header row)") }</label>
                    <textarea id="import-paste" rows="3" value={(*pasted).clone()} oninput={on_paste_text} />
                </div>
                <p class="actions">
                    <button type="button" class="secondary" onclick={read_pasted} disabled={pasted.trim().is_empty()}>{ tr!(lang, "Read the pasted cells") }</button>
                    <button type="button" class="secondary" onclick={export}>{ tr!(lang, "Export the energy lines as CSV") }</button>
                </p>
            </div>
            if *busy { <p class="note busy" role="status" data-testid="import-busy">{ tr!(lang, "Working… (large files take a few seconds)") }</p> }
            if let Some(p) = &*preview { { view_preview(p) } }
            if !status.is_empty() { <p class="note" role="status" data-import-status="">{ (*status).clone() }</p> }
        </details>
    }
}

/// The value of the select or text field an event came from.
fn value_of(e: &Event) -> String {
    let target = e.target();
    target
        .clone()
        .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .or_else(|| {
            target
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value())
        })
        .unwrap_or_default()
}
