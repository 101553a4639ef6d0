//! Scenario schema versions. A saved scenario carries its schema; older ones are migrated
//! forward one version at a time, newer or unknown ones are refused with a message (never
//! guessed at), so nothing a user saved is silently misread.

use super::input::{kind_of, InputError};
use super::text::Text;
use crate::t;
use serde_json::Value;
use std::borrow::Cow;

/// The schema this calculator writes and reads.
pub const SCHEMA: &str = "esg-kpi-scenario/1";
const PREFIX: &str = "esg-kpi-scenario/";

/// Migrations from older schemas, oldest first: each takes a document of schema `from` and
/// returns it in the next schema. Version 1 is the first, so there are none yet; when version
/// 2 comes, the step 1 → 2 goes here and `SCHEMA` moves on.
type Step = fn(Value) -> Value;
const MIGRATIONS: &[(&str, Step)] = &[];

/// The document in the current schema: as it is, or migrated. A missing schema is read as the
/// current one (the contract's sample scenarios carry it, hand-written ones often do not).
pub fn migrate(value: &Value) -> Result<Cow<'_, Value>, InputError> {
    let schema = match value.get("schema") {
        None | Some(Value::Null) => return Ok(Cow::Borrowed(value)),
        Some(Value::String(s)) => s.trim(),
        Some(other) => {
            return Err(error(t!(
                "schema must be text such as \"{0}\", not {1}",
                SCHEMA,
                kind_of(other)
            )))
        }
    };
    if schema == SCHEMA {
        return Ok(Cow::Borrowed(value));
    }
    if let Some(start) = MIGRATIONS.iter().position(|(from, _)| *from == schema) {
        let mut doc = value.clone();
        for (_, step) in MIGRATIONS.iter().skip(start) {
            doc = step(doc);
        }
        return Ok(Cow::Owned(doc));
    }
    let version = |s: &str| s.strip_prefix(PREFIX).and_then(|v| v.parse::<u32>().ok());
    match (version(schema), version(SCHEMA)) {
        (Some(theirs), Some(ours)) if theirs > ours => Err(error(t!(
            "this scenario was saved by a newer version of the calculator (schema \"{0}\"); this version reads \"{1}\"",
            schema,
            SCHEMA
        ))),
        _ => Err(error(t!(
            "unknown schema \"{0}\"; this calculator reads \"{1}\"",
            schema,
            SCHEMA
        ))),
    }
}

fn error(message: Text) -> InputError {
    InputError {
        path: "schema".into(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn current_and_unversioned_documents_pass_unchanged() {
        let v = json!({ "schema": SCHEMA, "water_m3": "1" });
        assert!(matches!(migrate(&v), Ok(Cow::Borrowed(_))));
        let v = json!({ "water_m3": "1" });
        assert!(matches!(migrate(&v), Ok(Cow::Borrowed(_))));
    }

    #[test]
    fn newer_and_unknown_schemas_are_refused_with_a_reason() {
        let e = migrate(&json!({ "schema": "esg-kpi-scenario/7" })).unwrap_err();
        assert!(e.message.contains("newer version"), "{}", e.message);
        let e = migrate(&json!({ "schema": "something-else/1" })).unwrap_err();
        assert!(e.message.contains("unknown schema"), "{}", e.message);
        let e = migrate(&json!({ "schema": 1 })).unwrap_err();
        assert_eq!(e.path, "schema");
    }
}
