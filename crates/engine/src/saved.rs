//! What the page keeps for the user, as pure functions: the autosave envelope (versioned), the
//! restore that never silently discards, and the share link (a URL fragment, which browsers
//! never send to a server). Storage, the clock and the URL themselves stay in the page.

use super::migrate;
use super::text::Text;
use crate::t;
use serde_json::Value;

/// The autosave format this version writes: the scenario with its length and checksum, so
/// that a save cut short or altered is recognised as such and never restored as if it were good.
pub const AUTOSAVE_FORMAT: &str = "esg-kpi-autosave/2";
/// The first autosave format (no length, no checksum). Still read, and migrated on restore.
pub const AUTOSAVE_FORMAT_1: &str = "esg-kpi-autosave/1";
/// The fragment key of a share link: `#scenario=<base64url of the scenario JSON>`.
pub const LINK_KEY: &str = "scenario=";

/// The checksum of the saved scenario's text (it tells a damaged save from a good one).
pub use super::hash::fnv1a64;

/// The text to store: the scenario with its format, when it was saved, its length in bytes
/// and its checksum. The scenario comes last, so the envelope is written in one pass.
pub fn envelope(doc: &Value, saved_at: &str) -> String {
    let scenario = doc.to_string();
    format!(
        "{{\"format\":\"{AUTOSAVE_FORMAT}\",\"saved_at\":{},\"bytes\":{},\"fnv1a64\":\"{:016x}\",\"scenario\":{scenario}}}",
        Value::from(saved_at),
        scenario.len(),
        fnv1a64(scenario.as_bytes())
    )
}

/// Why saved data cannot be restored. The page keeps the data aside and says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub Text);

/// What a restore found: the scenario, when it was saved, and, if it was in an older format,
/// which one (the page keeps the original as a backup before it saves over it).
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub doc: Value,
    pub saved_at: Option<String>,
    /// The older format or schema the data was migrated from, e.g. `esg-kpi-autosave/1`.
    pub migrated_from: Option<String>,
}

/// The scenario inside stored text: an autosave envelope, or a bare scenario (an export).
pub fn restore(text: &str) -> Result<Value, Unreadable> {
    read(text).map(|r| r.doc)
}

/// Reads stored text (an autosave envelope of any version, or a bare scenario) and checks that
/// it is whole: a version 2 save must have the length and checksum it was written with.
pub fn read(text: &str) -> Result<Restored, Unreadable> {
    if let Some(too_big) = super::scenario::too_big(text) {
        return Err(Unreadable(too_big.message));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        Unreadable(if e.is_eof() {
            t!(
                "it is cut off after {0} characters (a save that was never finished)",
                text.chars().count().to_string()
            )
        } else {
            t!("it is not valid JSON ({0})", e.to_string())
        })
    })?;
    let saved_at = value
        .get("saved_at")
        .and_then(Value::as_str)
        .map(str::to_string);
    let (scenario, mut migrated_from) = match value.get("format").and_then(Value::as_str) {
        Some(AUTOSAVE_FORMAT) => {
            let scenario = value.get("scenario").cloned().unwrap_or(Value::Null);
            let written = scenario.to_string();
            let bytes = value.get("bytes").and_then(Value::as_u64);
            let sum = value.get("fnv1a64").and_then(Value::as_str);
            let whole = bytes == u64::try_from(written.len()).ok()
                && sum == Some(format!("{:016x}", fnv1a64(written.as_bytes())).as_str());
            if !whole {
                return Err(Unreadable(t!(
                    "it is damaged: its length or checksum is not what was saved"
                )));
            }
            (scenario, None)
        }
        Some(AUTOSAVE_FORMAT_1) => (
            value.get("scenario").cloned().unwrap_or(Value::Null),
            Some(AUTOSAVE_FORMAT_1.to_string()),
        ),
        Some(other) => {
            return Err(Unreadable(t!(
                "it was saved in an unknown format, “{0}”",
                other
            )))
        }
        None => (value, None),
    };
    if !scenario.is_object() {
        return Err(Unreadable(t!("it holds no scenario")));
    }
    let doc = match migrate::migrate(&scenario).map_err(|e| Unreadable(e.message))? {
        std::borrow::Cow::Borrowed(_) => scenario,
        std::borrow::Cow::Owned(migrated) => {
            let from = scenario.get("schema").and_then(Value::as_str).unwrap_or("");
            migrated_from = Some(match migrated_from {
                Some(format) => format!("{format}, {from}"),
                None => from.to_string(),
            });
            migrated
        }
    };
    Ok(Restored {
        doc,
        saved_at,
        migrated_from,
    })
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
        let doc = crate::example::example();
        let fragment = share_fragment(&doc);
        assert_eq!(
            from_fragment(&format!("#{fragment}")),
            Ok(Some(doc.clone()))
        );
        assert_eq!(restore(&envelope(&doc, "2026-11-25T10:00:00Z")), Ok(doc));
        assert_eq!(from_fragment("#section-2"), Ok(None));
    }

    #[test]
    fn a_save_cut_short_or_altered_is_never_taken_for_a_good_one() {
        let doc = crate::example::example();
        let text = envelope(&doc, "2026-12-01T10:00:00Z");
        let good = read(&text).unwrap();
        assert_eq!(good.doc, doc);
        assert_eq!(good.saved_at.as_deref(), Some("2026-12-01T10:00:00Z"));
        assert_eq!(good.migrated_from, None);
        // Every cut of the text is refused, and those ending early say so.
        for cut in (1..text.len()).step_by(97) {
            if let Some(part) = text.get(..cut) {
                let why = read(part).unwrap_err().0;
                assert!(why.contains("cut off"), "{cut}: {why}");
            }
        }
        // Still valid JSON, but not what was written: a digit changed, a row dropped.
        let altered = text.replacen("17467.47", "17467.48", 1);
        assert_ne!(altered, text);
        assert!(read(&altered).unwrap_err().0.contains("damaged"));
        let mut fewer = doc.clone();
        fewer["energy"].as_array_mut().unwrap().pop();
        let spliced = text.replacen(&doc["energy"].to_string(), &fewer["energy"].to_string(), 1);
        assert!(read(&spliced).unwrap_err().0.contains("damaged"));
        let no_sum = text.replacen("\"fnv1a64\"", "\"sum\"", 1);
        assert!(read(&no_sum).unwrap_err().0.contains("damaged"));
    }

    #[test]
    fn a_first_version_save_is_read_and_said_to_need_migrating() {
        let doc = crate::example::example();
        let v1 = serde_json::json!({ "format": AUTOSAVE_FORMAT_1, "saved_at": "2026-11-20T08:00:00Z", "scenario": doc }).to_string();
        let r = read(&v1).unwrap();
        assert_eq!(r.doc, doc);
        assert_eq!(r.migrated_from.as_deref(), Some(AUTOSAVE_FORMAT_1));
        // A bare scenario (an export) is no migration.
        assert_eq!(read(&doc.to_string()).unwrap().migrated_from, None);
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
