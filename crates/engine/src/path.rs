//! Scenario paths (`organisation.employees`, `energy[0].factor.value`): the names that input
//! errors carry and that the page's `data-input` hooks use, so an error finds its field.

use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if key.is_empty() {
            return None;
        }
        out.push(Step::Key(key));
        while let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']')?;
            out.push(Step::Index(inner[..close].parse().ok()?));
            rest = &inner[close + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

/// The value at `path`, if there is one.
pub fn get<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    steps(path)?
        .into_iter()
        .try_fold(root, |v, step| match step {
            Step::Key(k) => v.get(k),
            Step::Index(i) => v.get(i),
        })
}

/// The value at `path`, mutably.
pub fn get_mut<'v>(root: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    steps(path)?
        .into_iter()
        .try_fold(root, |v, step| match step {
            Step::Key(k) => v.get_mut(k),
            Step::Index(i) => v.get_mut(i),
        })
}

/// The value at `path` as the text an input shows: strings as they are, numbers as written.
pub fn text(root: &Value, path: &str) -> String {
    match get(root, path) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// Sets `path` to `value`, creating the objects on the way. Returns false (and changes
/// nothing) where the path crosses a list index that does not exist, or a non-object.
pub fn set(root: &mut Value, path: &str, value: Value) -> bool {
    let Some(steps) = steps(path) else {
        return false;
    };
    let mut slot = root;
    for step in steps {
        slot = match step {
            Step::Key(k) => {
                if slot.is_null() {
                    *slot = Value::Object(Map::new());
                }
                match slot {
                    Value::Object(map) => map.entry(k.to_string()).or_insert(Value::Null),
                    _ => return false,
                }
            }
            Step::Index(i) => match slot.get_mut(i) {
                Some(v) => v,
                None => return false,
            },
        };
    }
    *slot = value;
    true
}

/// Removes the value at `path` (a key of an object). Returns whether something was removed.
pub fn remove(root: &mut Value, path: &str) -> bool {
    let Some(mut steps) = steps(path) else {
        return false;
    };
    let Some(Step::Key(last)) = steps.pop() else {
        return false;
    };
    let parent = steps.into_iter().try_fold(root, |v, step| match step {
        Step::Key(k) => v.get_mut(k),
        Step::Index(i) => v.get_mut(i),
    });
    parent
        .and_then(Value::as_object_mut)
        .is_some_and(|m| m.shift_remove(last).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_and_writes_nested_paths() {
        let mut doc = json!({"organisation": {"employees": "12016"}, "energy": [{"quantity": 5, "factor": {"value": "0.7"}}]});
        assert_eq!(text(&doc, "organisation.employees"), "12016");
        assert_eq!(text(&doc, "energy[0].quantity"), "5");
        assert_eq!(text(&doc, "energy[0].factor.value"), "0.7");
        assert_eq!(text(&doc, "energy[3].quantity"), "");
        assert!(set(&mut doc, "energy[0].factor.unit", json!("kgCO2e/kWh")));
        assert!(set(&mut doc, "waste.hazardous_t", json!("1.16")));
        assert_eq!(text(&doc, "waste.hazardous_t"), "1.16");
        assert!(!set(&mut doc, "energy[9].quantity", json!("1")));
        assert!(!set(&mut doc, "energy[", json!("1")));
        assert!(!set(&mut doc, "organisation.employees.x", json!("1")));
        assert_eq!(
            get_mut(&mut doc, "energy")
                .and_then(|e| e.as_array_mut())
                .map(|a| a.len()),
            Some(1)
        );
        assert!(remove(&mut doc, "energy[0].factor"));
        assert_eq!(get(&doc, "energy[0].factor"), None);
        assert!(!remove(&mut doc, "energy[0].factor"));
        assert!(!remove(&mut doc, "energy[5].factor"));
    }
}
