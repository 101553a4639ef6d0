//! The page's first view, rendered natively at build time (feature `ssr`, the `esg-kpi-ssr`
//! program): the same `App` the wasm mounts, with the built-in example, nothing stored, in
//! the language asked for. The build (scripts/ssr.sh, scripts/single-file.mjs) puts it inside
//! `#esg-kpi-root` of dist/index.html and the single file, so the KPI table shows as soon as
//! the HTML arrives; the wasm then takes the root over (`embed::start`).
//!
//! The first view is a picture of the example until the calculator starts:
//! - its controls are `disabled`, so nothing can be typed into a field about to be replaced;
//! - its hooks are renamed (`data-kpi` → `data-first-kpi`, `data-input` → `data-first-input`):
//!   `[data-kpi]` is the live calculator's, never a figure that is not yet the user's;
//! - [`decide_script`], run in `<head>` before anything is painted, hides it when the page
//!   will start from something else (a save, a link) or in another language.
//!
//! Nothing here reads the browser: `Setup::first_view` stores nothing, and effects (where the
//! page touches storage, the URL and the document) do not run in a server render.

use crate::i18n::Lang;
use crate::ui::{App, AppProps, Host, Keys, Setup};
use std::rc::Rc;

/// The attribute of `#esg-kpi-root` while it shows the first view (the wasm removes it).
pub const ROOT_MARK: &str = "data-first-view";
/// The attribute `decide_script` sets on `<html>` when the first view must not be shown.
pub const HIDE_MARK: &str = "data-esg-first-view";

/// The first view's HTML in `lang`: what goes inside `#esg-kpi-root`.
pub fn first_view(lang: Lang) -> String {
    let renderer = yew::ServerRenderer::<App>::with_props(move || AppProps {
        setup: Rc::new(Setup::first_view()),
        host: Rc::new(Host {
            connect: Box::new(|_, _| {}),
            update: Box::new(|_| {}),
        }),
        lang: Some(lang),
    })
    .hydratable(false);
    picture(&futures::executor::block_on(renderer.render()))
}

/// Controls disabled, hooks renamed, and each list of options cut to the one it shows (a
/// disabled select cannot be opened; the factor lists are a third of the HTML). Text in Yew's
/// output is escaped (`<` and `"` never appear in it), so these patterns only ever meet tags
/// and attributes.
fn picture(html: &str) -> String {
    let mut out = only_shown_options(html);
    for tag in ["input", "select", "button", "textarea"] {
        out = out.replace(&format!("<{tag} "), &format!("<{tag} disabled "));
        out = out.replace(&format!("<{tag}>"), &format!("<{tag} disabled>"));
    }
    out.replace(" data-kpi=\"", " data-first-kpi=\"")
        .replace(" data-input=\"", " data-first-input=\"")
}

/// Each `<select>` with only its selected `<option>` (its first when none is).
fn only_shown_options(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<select") {
        let Some(open_end) = rest[at..].find('>').map(|i| at + i + 1) else {
            break;
        };
        let Some(close) = rest[open_end..].find("</select>").map(|i| open_end + i) else {
            break;
        };
        out.push_str(&rest[..open_end]);
        let options: Vec<&str> = rest[open_end..close].split_inclusive("</option>").collect();
        let shown = options
            .iter()
            .find(|o| o.contains(" selected"))
            .or(options.first());
        out.push_str(shown.copied().unwrap_or_default());
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// The few lines of script that run in `<head>`, before the first paint: they hide the first
/// view (the example in `lang`) when the page will not start with it — a saved scenario that
/// is not the example, a link's fragment, another language chosen or the browser's — so that
/// a returning user never sees the example's figures flash before their own. A save is the
/// example if its envelope names the example's length and checksum (`saved::envelope`, the
/// scenario last); storage that cannot be read hides it too.
pub fn decide_script(lang: Lang) -> String {
    let keys = Keys::page();
    let scenario = crate::engine::example::example().to_string();
    let envelope = crate::engine::saved::envelope(&serde_json::Value::from(""), "@");
    let at = envelope.find("\"@\"").unwrap_or(0);
    // `{"format":…,"saved_at":` and, after the time, `,"bytes":…,"fnv1a64":…,"scenario":`.
    let head = &envelope[..at];
    let example =
        crate::engine::saved::envelope(&serde_json::from_str(&scenario).unwrap_or_default(), "@");
    let tail = &example[at + 3..example.find(&scenario).unwrap_or(at + 3)];
    let other_lang = match lang {
        Lang::En => "/^zh/i.test(navigator.language || '')",
        // Only English is rendered at build time; any other first view is always checked.
        _ => "true",
    };
    format!(
        "(function () {{\n  var hide = true;\n  try {{\n    var s = window.localStorage, l = s.getItem({lang_key:?}), t = s.getItem({save_key:?});\n    var example = t === null || (t.lastIndexOf({head:?}, 0) === 0 && t.indexOf({tail:?}) === t.indexOf('\"', {after}) + 1);\n    hide = !example || location.hash.length > 1 || (l ? l !== {tag:?} : {other_lang});\n  }} catch (e) {{}}\n  if (hide) document.documentElement.setAttribute({HIDE_MARK:?}, 'hidden');\n}})();\n",
        lang_key = keys.lang(),
        save_key = keys.autosave,
        after = head.len() + 1,
        tag = lang.tag(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_view_is_the_example_with_its_controls_disabled_and_its_hooks_renamed() {
        let html = first_view(Lang::En);
        assert!(
            html.contains(r#"data-first-kpi="ghg_total_t""#),
            "the KPI table is there"
        );
        assert!(html.contains(">13,093.57<"), "with the example's total");
        assert!(!html.contains("data-kpi=") && !html.contains("data-input="));
        for tag in ["input", "select", "button", "textarea"] {
            let all = html.matches(&format!("<{tag} ")).count();
            let disabled = html.matches(&format!("<{tag} disabled ")).count();
            assert_eq!(all, disabled, "every <{tag}> disabled");
        }
        assert!(html.matches("<input disabled ").count() > 20);
        // Each select keeps the option it shows: the example's second line is electricity.
        assert!(html.contains(r#"data-first-input="energy[1].source" aria-invalid="false"><option value="electricity" selected="selected">"#));
        assert_eq!(
            html.matches("<option").count(),
            html.matches("<select").count()
        );
    }

    #[test]
    fn the_decision_reads_the_page_keys() {
        let js = decide_script(Lang::En);
        assert!(
            js.contains("\"esg-kpi-calculator:scenario\"")
                && js.contains("\"esg-kpi-calculator:lang\"")
        );
        assert!(js.contains("l !== \"en\""));
    }
}
