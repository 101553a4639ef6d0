//! The iframe protocol, as pure functions: what a parent page may say to a calculator framed
//! in it, and who may say it.
//!
//! A calculator in an iframe talks to its parent only when the parent's origin is in the
//! allow-list its host set (`<meta name="esg-kpi-allowed-origins" content="https://a https://b">`
//! in `index.html`); it never posts to `*`. Every message is checked here; anything else is
//! ignored.
//!
//! Parent → calculator: `{ "type": "esg-kpi:hello" }` (send me the results, now and on every
//! change), `{ "type": "esg-kpi:load", "scenario": {…} }`, `{ "type": "esg-kpi:lang", "lang":
//! "zh-Hant" }`. Calculator → parent: `{ "type": "esg-kpi:results", "results": {…} }` and, when
//! a load is refused, `{ "type": "esg-kpi:error", "errors": [ { "path", "message" } ] }`.

use super::text::Lang;
use serde_json::Value;

/// A message from the parent page that the calculator acts on.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Hello,
    Load(Value),
    Lang(Lang),
}

/// The message in `data`, if it is one of ours and well formed; `None` otherwise.
pub fn parse(data: &Value) -> Option<Message> {
    let obj = data.as_object()?;
    match obj.get("type")?.as_str()? {
        "esg-kpi:hello" => Some(Message::Hello),
        "esg-kpi:load" => match obj.get("scenario")? {
            v @ Value::Object(_) => Some(Message::Load(v.clone())),
            _ => None,
        },
        "esg-kpi:lang" => Lang::from_tag(obj.get("lang")?.as_str()?).map(Message::Lang),
        _ => None,
    }
}

/// Whether `origin` is in the allow-list (origins separated by spaces or commas, compared
/// exactly, case-insensitively). Opaque origins (`null`, as from `file://` or a sandbox) and
/// wildcards are never allowed.
pub fn allowed(list: &str, origin: &str) -> bool {
    let origin = origin.trim();
    if origin.is_empty() || origin == "null" || origin.contains('*') {
        return false;
    }
    list.split([' ', ',', '\n', '\t'])
        .map(|o| o.trim().trim_end_matches('/'))
        .filter(|o| !o.is_empty() && *o != "*")
        .any(|o| o.eq_ignore_ascii_case(origin))
}

/// The language asked for in a page's URL fragment (`#lang=zh-Hant`, `#scenario=…&lang=en`).
pub fn fragment_lang(fragment: &str) -> Option<Lang> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|part| part.strip_prefix("lang="))
        .and_then(Lang::from_tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_our_well_formed_messages_are_read() {
        assert_eq!(
            parse(&json!({ "type": "esg-kpi:hello" })),
            Some(Message::Hello)
        );
        assert_eq!(
            parse(&json!({ "type": "esg-kpi:load", "scenario": { "water_m3": "1" } })),
            Some(Message::Load(json!({ "water_m3": "1" })))
        );
        assert_eq!(
            parse(&json!({ "type": "esg-kpi:lang", "lang": "zh-Hans" })),
            Some(Message::Lang(Lang::ZhHans))
        );
        for bad in [
            json!(null),
            json!("esg-kpi:hello"),
            json!([{ "type": "esg-kpi:hello" }]),
            json!({ "type": "esg-kpi:load" }),
            json!({ "type": "esg-kpi:load", "scenario": "{}" }),
            json!({ "type": "esg-kpi:lang", "lang": "fr" }),
            json!({ "type": "esg-kpi:reset" }),
            json!({ "type": 3 }),
            json!({ "kind": "esg-kpi:hello" }),
        ] {
            assert_eq!(parse(&bad), None, "{bad}");
        }
    }

    #[test]
    fn origins_are_matched_exactly_and_never_by_wildcard() {
        let list = "https://intranet.example.com, http://127.0.0.1:8081/";
        assert!(allowed(list, "https://intranet.example.com"));
        assert!(allowed(list, "http://127.0.0.1:8081"));
        assert!(!allowed(list, "http://127.0.0.1:8082"));
        assert!(!allowed(list, "https://intranet.example.com.evil.test"));
        assert!(!allowed(list, "null"));
        assert!(!allowed("*", "https://a.test"));
        assert!(!allowed("", "https://a.test"));
    }

    #[test]
    fn the_fragment_may_name_a_language() {
        assert_eq!(fragment_lang("#lang=zh-Hant"), Some(Lang::ZhHant));
        assert_eq!(fragment_lang("#scenario=abc&lang=en"), Some(Lang::En));
        assert_eq!(fragment_lang("#lang=xx"), None);
        assert_eq!(fragment_lang(""), None);
    }
}
