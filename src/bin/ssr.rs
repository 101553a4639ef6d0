//! `esg-kpi-ssr [LANG] [--decide]`: prints the page's first view (the built-in example) as
//! HTML, or with `--decide` the script that decides before the first paint whether to show it;
//! the build puts both into dist/index.html and the single file (scripts/ssr.sh).

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
    if decide {
        print!("{}", esg_kpi_calculator::ssr::decide_script(lang));
    } else {
        print!("{}", esg_kpi_calculator::ssr::first_view(lang));
    }
}
