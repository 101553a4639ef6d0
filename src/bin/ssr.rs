//! `esg-kpi-ssr [LANG] [--decide | --text]`: prints the page's first view (the built-in
//! example) as HTML, with `--decide` the script that decides before the first paint whether to
//! show it, or with `--text` the catalogue's column in LANG as the file the page fetches when
//! that language is chosen (the page's wasm has no Chinese of its own); the build puts them
//! into dist/index.html, beside it and into the single file (scripts/ssr.sh).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let decide = args.iter().any(|a| a == "--decide");
    let tag = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or("en", |s| s.as_str());
    let Some(lang) = esg_kpi_calculator::i18n::Lang::from_tag(tag) else {
        eprintln!("esg-kpi-ssr: unknown language {tag:?} (en, zh-Hant, zh-Hans)");
        std::process::exit(2);
    };
    if args.iter().any(|a| a == "--text") {
        if lang == esg_kpi_calculator::i18n::Lang::En {
            eprintln!(
                "esg-kpi-ssr: English is in the page itself; --text is for zh-Hant or zh-Hans"
            );
            std::process::exit(2);
        }
        print!(
            "{}",
            esg_kpi_calculator::engine::text::translations_file(lang)
        );
    } else if decide {
        print!("{}", esg_kpi_calculator::ssr::decide_script(lang));
    } else {
        print!("{}", esg_kpi_calculator::ssr::first_view(lang));
    }
}
