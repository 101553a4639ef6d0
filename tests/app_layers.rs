//! The page's layers: the host boundary (`src/embed.rs`: `window.EsgKpi`, the element, the
//! iframe) depends on the app (`src/ui/`), never the reverse; the app reaches its host only
//! through the `Host` it is given. Read from the source, outside comments.

#[test]
fn the_app_never_names_the_host_boundary() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/ui");
    let mut files = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        files += 1;
        for (n, line) in source.lines().enumerate() {
            let code = line.split("//").next().unwrap();
            assert!(
                !code.contains("embed::"),
                "{}:{}: the app names the host boundary: {line}",
                path.display(),
                n + 1
            );
        }
    }
    assert!(files >= 5, "only {files} files in src/ui");
    // And the boundary does use the app (the reading would notice).
    let embed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/embed.rs")).unwrap();
    assert!(embed.contains("use crate::ui::"));
}
