//! What the page keeps for the user, as pure functions: the autosave envelope (versioned), the
//! restore that never silently discards, and the share link (a URL fragment, which browsers
//! never send to a server). Storage, the clock and the URL themselves stay in the page.

use super::migrate;
use super::text::Text;
use crate::t;
use serde_json::{json, Value};

/// The autosave format this version writes.
pub const AUTOSAVE_FORMAT: &str = "esg-kpi-autosave/1";
/// The fragment key of a share link: `#scenario=<base64url of the scenario JSON>`.
pub const LINK_KEY: &str = "scenario=";

/// The text to store: the scenario with its format and when it was saved.
pub fn envelope(doc: &Value, saved_at: &str) -> String {
    json!({ "format": AUTOSAVE_FORMAT, "saved_at": saved_at, "scenario": doc }).to_string()
}

/// Why saved data cannot be restored. The page keeps the data aside and says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub Text);

/// The scenario inside stored text: an autosave envelope, or a bare scenario (an export).
pub fn restore(text: &str) -> Result<Value, Unreadable> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Unreadable(t!("it is not valid JSON ({0})", e.to_string())))?;
    let scenario = match value.get("format").and_then(Value::as_str) {
        Some(AUTOSAVE_FORMAT) => value.get("scenario").cloned().unwrap_or(Value::Null),
        Some(other) => {
            return Err(Unreadable(t!(
                "it was saved in an unknown format, “{0}”",
                other
            )))
        }
        None => value,
    };
    if !scenario.is_object() {
        return Err(Unreadable(t!("it holds no scenario")));
    }
    migrate::migrate(&scenario)
        .map(|v| v.into_owned())
        .map_err(|e| Unreadable(e.message))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5), so the link survives any mail client.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(
                ALPHABET.get(index as usize).copied().unwrap_or(b'A'),
            ));
        }
    }
    out
}

/// Decodes base64url (padding and standard `+/` tolerated); `None` for anything else.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The fragment of a share link for this scenario (without the `#`).
pub fn share_fragment(doc: &Value) -> String {
    format!("{LINK_KEY}{}", base64url(doc.to_string().as_bytes()))
}

/// The scenario in a URL fragment, if it holds one: `Ok(None)` when the fragment is not a
/// share link, `Err` when it is one that cannot be read.
pub fn from_fragment(fragment: &str) -> Result<Option<Value>, Unreadable> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let Some(encoded) = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(LINK_KEY))
    else {
        return Ok(None);
    };
    let bytes = from_base64url(encoded)
        .ok_or_else(|| Unreadable(t!("the link is damaged (not base64url)")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Unreadable(t!("the link is damaged (not UTF-8 text)")))?;
    restore(&text).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for n in 0..70usize {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            let text = base64url(&bytes);
            assert!(!text.contains(['+', '/', '=']));
            assert_eq!(from_base64url(&text), Some(bytes), "{n}");
        }
        assert_eq!(base64url(b"Man"), "TWFu");
        assert_eq!(from_base64url("TWE="), Some(b"Ma".to_vec()));
        assert_eq!(from_base64url("T W"), None);
    }

    #[test]
    fn the_example_survives_a_share_link_and_an_autosave() {
        let doc = crate::engine::example::example();
        let fragment = share_fragment(&doc);
        assert_eq!(
            from_fragment(&format!("#{fragment}")),
            Ok(Some(doc.clone()))
        );
        assert_eq!(restore(&envelope(&doc, "2026-11-25T10:00:00Z")), Ok(doc));
        assert_eq!(from_fragment("#section-2"), Ok(None));
    }

    #[test]
    fn unreadable_data_says_why() {
        assert!(restore("{not json")
            .unwrap_err()
            .0
            .contains("not valid JSON"));
        assert!(restore(r#"{"format":"esg-kpi-autosave/9","scenario":{}}"#)
            .unwrap_err()
            .0
            .contains("unknown format"));
        assert!(restore(r#"{"format":"esg-kpi-autosave/1","scenario":[1]}"#)
            .unwrap_err()
            .0
            .contains("no scenario"));
        assert!(restore(r#"{"schema":"esg-kpi-scenario/3"}"#)
            .unwrap_err()
            .0
            .contains("newer version"));
        assert!(from_fragment("#scenario=***")
            .unwrap_err()
            .0
            .contains("damaged"));
        assert!(
            from_fragment(&format!("#scenario={}", base64url(&[0xff, 0xfe])))
                .unwrap_err()
                .0
                .contains("UTF-8")
        );
    }
}
