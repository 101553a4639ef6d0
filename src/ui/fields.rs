//! Inputs that carry their scenario path (`data-input`), their label, unit, note and error.

use super::use_lang;
use yew::prelude::*;

/// A stable element id for a scenario path.
pub fn dom_id(prefix: &str, path: &str) -> String {
    let safe: String = path
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{prefix}-{safe}")
}

/// Reports each keystroke in a text input as (scenario path, text).
fn on_input(path: &AttrValue, onedit: &Callback<(String, String)>) -> Callback<InputEvent> {
    let path = path.to_string();
    let onedit = onedit.clone();
    Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        onedit.emit((path.clone(), input.value()));
    })
}

/// The message under a field, tied to it by `aria-describedby` and `data-error-for`.
fn error_line(path: &AttrValue, error: &Option<AttrValue>) -> Html {
    match error {
        Some(err) => {
            html! { <p class="error" id={dom_id("err", path)} data-error-for={path.clone()}>{ err }</p> }
        }
        None => html! {},
    }
}

/// The ids of a field's message and note, for `aria-describedby`; `None` when it has neither.
fn described_by(
    error: &Option<AttrValue>,
    err_id: &str,
    note: &Option<AttrValue>,
    note_id: &str,
) -> Option<String> {
    let ids: Vec<&str> = [
        error.as_ref().map(|_| err_id),
        note.as_ref().map(|_| note_id),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The note under a field, which `aria-describedby` names.
fn note_line(note: &Option<AttrValue>, id: String) -> Html {
    match note {
        Some(note) => html! { <p class="note" id={id}>{ note }</p> },
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub path: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub unit: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub note: Option<AttrValue>,
    pub onedit: Callback<(String, String)>,
}

/// A labelled decimal input. Text, not `type=number`: analysts paste `1,389.45`.
#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let id = dom_id("in", &props.path);
    let err_id = dom_id("err", &props.path);
    let note_id = dom_id("note", &props.path);
    let oninput = on_input(&props.path, &props.onedit);
    let described = described_by(&props.error, &err_id, &props.note, &note_id);
    html! {
        <div class={classes!("field", props.error.as_ref().map(|_| "invalid"))}>
            <label for={id.clone()}>{ &props.label }</label>
            <div class="with-unit">
                <input id={id} type="text" inputmode="decimal" autocomplete="off" spellcheck="false"
                    data-input={props.path.clone()} value={props.value.clone()} {oninput}
                    aria-invalid={if props.error.is_some() { "true" } else { "false" }}
                    aria-describedby={described} />
                if !props.unit.is_empty() { <span class="unit">{ &props.unit }</span> }
            </div>
            { error_line(&props.path, &props.error) }
            { note_line(&props.note, note_id) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub path: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    /// (value, label) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub note: Option<AttrValue>,
    pub onedit: Callback<(String, String)>,
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let lang = use_lang();
    let id = dom_id("in", &props.path);
    let err_id = dom_id("err", &props.path);
    let onchange = {
        let path = props.path.to_string();
        let onedit = props.onedit.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            onedit.emit((path.clone(), select.value()));
        })
    };
    let known = props.options.iter().any(|(v, _)| *v == props.value);
    let note_id = dom_id("note", &props.path);
    let described = described_by(&props.error, &err_id, &props.note, &note_id);
    html! {
        <div class={classes!("field", props.error.as_ref().map(|_| "invalid"))}>
            <label for={id.clone()}>{ &props.label }</label>
            <select id={id} data-input={props.path.clone()} {onchange}
                aria-invalid={if props.error.is_some() { "true" } else { "false" }}
                aria-describedby={described}>
                if !known {
                    <option value={props.value.clone()} selected=true>{ trf!(lang, "{0} (not recognised)", &[&props.value]) }</option>
                }
                { for props.options.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={*v == props.value}>{ l }</option>
                }) }
            </select>
            { error_line(&props.path, &props.error) }
            { note_line(&props.note, note_id) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub path: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub onedit: Callback<(String, String)>,
}

#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let id = dom_id("in", &props.path);
    let err_id = dom_id("err", &props.path);
    let oninput = on_input(&props.path, &props.onedit);
    html! {
        <div class={classes!("field", props.error.as_ref().map(|_| "invalid"))}>
            <label for={id.clone()}>{ &props.label }</label>
            <input id={id} type="text" data-input={props.path.clone()} value={props.value.clone()} {oninput}
                aria-describedby={props.error.as_ref().map(|_| err_id)} />
            { error_line(&props.path, &props.error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct GroupProps {
    pub legend: AttrValue,
    /// The scenario paths the group's fields are under (`energy`, `organisation` …), after
    /// the period's prefix: a collapsed group counts the problems at them.
    pub paths: Vec<&'static str>,
    #[prop_or_default]
    pub prefix: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

/// A group of inputs under its legend, collapsible by the legend's button: on a phone the
/// groups a user is not working on fold away. A folded group says how many of its fields have
/// a problem, so a message is never out of sight without a word.
#[component]
pub fn Group(props: &GroupProps) -> Html {
    let lang = use_lang();
    let open = use_state(|| true);
    let state = use_context::<super::KpiContext>();
    let problems = if *open {
        0
    } else {
        state.map_or(0, |s| {
            s.current
                .errors
                .iter()
                .filter(|e| {
                    let path = e.path.strip_prefix(props.prefix.as_str()).unwrap_or("");
                    props.paths.iter().any(|p| {
                        path.strip_prefix(p)
                            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
                    })
                })
                .count()
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    html! {
        <fieldset class={classes!("group", (!*open).then_some("folded"))} data-testid={props.testid.clone()}>
            <legend>
                <button type="button" class="group-toggle" aria-expanded={if *open { "true" } else { "false" }} onclick={toggle}>{ props.legend.clone() }</button>
                if problems > 0 {
                    <span class="error group-problems" data-group-problems={problems.to_string()}>{ trf!(lang, "{0} to fix", &[&problems.to_string()]) }</span>
                }
            </legend>
            <div class="group-body" hidden={!*open}>{ props.children.clone() }</div>
        </fieldset>
    }
}
