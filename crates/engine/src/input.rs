//! An input error (the contract's `errors[]`: a path and a message) and the words for what a
//! JSON value holds, shared by the scenario reader and the schema migrations.

use super::text::Text;
use serde::Serialize;
use serde_json::Value;

/// A problem with one input, located by its scenario path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    pub path: String,
    pub message: Text,
}

/// What a JSON value is, in words ("a list", "text"), for a message about the wrong kind.
pub(crate) fn kind_of(v: &Value) -> Text {
    Text::word(match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    })
}
