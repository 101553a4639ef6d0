//! The engine's modules import each other without cycles, so each can be read (and changed)
//! knowing only the ones below it: `line` below `tally` below `checks` below `calc`, `input`
//! below `migrate` below `scenario` below `ledger`. Read from the source (the only place the
//! imports are written), outside comments and tests.

use std::collections::{BTreeMap, BTreeSet};

/// Each top-level module of the engine and the sibling modules its code names.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut names = BTreeSet::new();
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().to_string();
            if name != "lib" {
                names.insert(name.clone());
                sources.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    for (name, source) in sources {
        // Code only: up to the tests, without comments.
        let code: String = source
            .split("#[cfg(test)]")
            .next()
            .unwrap()
            .lines()
            .map(|l| l.split("//").next().unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        let mut uses = BTreeSet::new();
        for prefix in ["super::", "crate::"] {
            for (at, _) in code.match_indices(prefix) {
                let rest = &code[at + prefix.len()..];
                let word: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if names.contains(&word) && word != name {
                    uses.insert(word);
                }
            }
        }
        // `use super::{a, b}` names several at once.
        for (at, _) in code.match_indices("use super::{") {
            let rest = &code[at + "use super::{".len()..];
            let list = &rest[..rest.find('}').unwrap()];
            for item in list.split(',') {
                let word = item.trim().split("::").next().unwrap().trim();
                if names.contains(word) && word != name {
                    uses.insert(word.to_string());
                }
            }
        }
        out.insert(name, uses);
    }
    out
}

/// A cycle through `start`, if there is one: the modules on it.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut c = path[at..].to_vec();
            c.push(node.to_string());
            return Some(c);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(c) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn the_engines_modules_import_each_other_without_cycles() {
    let graph = imports();
    assert!(graph.len() > 20, "only {} modules found", graph.len());
    // The reading finds imports: these are known ones.
    for (from, to) in [
        ("calc", "tally"),
        ("tally", "line"),
        ("scenario", "migrate"),
    ] {
        assert!(
            graph[from].contains(to),
            "{from} → {to} not found: {graph:#?}"
        );
    }
    assert_eq!(cycle(&graph), None, "{graph:#?}");
}

#[test]
fn a_cycle_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(
        cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}
