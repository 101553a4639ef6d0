//! The page's languages: English, Traditional Chinese (the report's own wording) and
//! Simplified Chinese. Pure data and lookups, tested natively.
//!
//! Every sentence, the page's and the engine's, is in one message catalogue
//! ([`crate::engine::text::catalogue`]: the engine's part in `crates/engine/src/text_table.rs`,
//! the page's in `crates/engine/src/text_page.rs`). The page writes a sentence with [`tr!`] or
//! [`trf!`] (a literal the catalogue lacks fails the build), a notice as an engine
//! [`crate::engine::text::Text`] (`t!`, checked the same way), and a word chosen at run time
//! (a region's label) with [`tr`], whose words tests take from their own tables.

pub use crate::engine::text::Lang;
use crate::engine::text::{fill, template_in};

/// The string `en` in `lang`; `en` itself if the catalogue lacks it. For a literal, [`tr!`].
pub fn tr(lang: Lang, en: &'static str) -> &'static str {
    template_in(lang, en)
}

/// `n` with its noun: `one` ("1 row") for 1, else `many` ("{0} rows"). For literals, [`count!`].
pub fn count(lang: Lang, n: usize, one: &'static str, many: &'static str) -> String {
    if n == 1 {
        tr(lang, one).to_string()
    } else {
        trf(lang, many, &[&n.to_string()])
    }
}

/// [`tr`] with `{0}`, `{1}` … replaced by `args`. For a literal, [`trf!`].
pub fn trf(lang: Lang, en: &'static str, args: &[&str]) -> String {
    fill(template_in(lang, en), |i, out| {
        out.push_str(args.get(i).copied().unwrap_or_default())
    })
}

/// (Macros of this module are in scope in every module declared after it, `#[macro_use]` in
/// `lib.rs`.)
///
/// `tr!(lang, "Inputs")`: a literal of the catalogue in the page's language; a literal the
/// catalogue lacks fails the build.
#[allow(unused_macros)] // the page's modules are built for wasm only
macro_rules! tr {
    ($lang:expr, $en:literal $(,)?) => {{
        $crate::engine::known!($en);
        $crate::i18n::tr($lang, $en)
    }};
}

/// `trf!(lang, "Line {0}", &[&n])`: [`tr!`] with its values.
#[allow(unused_macros)]
macro_rules! trf {
    ($lang:expr, $en:literal, $args:expr $(,)?) => {{
        $crate::engine::known!($en);
        $crate::i18n::trf($lang, $en, $args)
    }};
}

/// `count!(lang, n, "1 row", "{0} rows")`: a count with its noun, singular for 1, in the
/// page's language; both literals checked against the catalogue as the crate is built.
#[allow(unused_macros)]
macro_rules! count {
    ($lang:expr, $n:expr, $one:literal, $many:literal $(,)?) => {{
        $crate::engine::known!($one);
        $crate::engine::known!($many);
        $crate::i18n::count($lang, $n, $one, $many)
    }};
}

/// The built-in example's notes (`notes` in `crates/engine/src/example_2018.json`, where each input of
/// the 2018 report comes from) in the two Chinese scripts, by their English text. The scenario
/// keeps its notes as written; the page shows these in the page's language.
const EXAMPLE_NOTES: &[(&str, &str, &str)] = &[
    // organisation.floor_area_m2
    (
        "Not published. Implied by the report's 0.09 t CO2e/m²: 13,093.57 ÷ 0.09 ≈ 145,484 m². Any area from 137,827 to 154,042 m² prints as 0.09.",
        "報告未披露。由報告的每平方米 0.09 噸二氧化碳當量推算：13,093.57 ÷ 0.09 ≈ 145,484 平方米。137,827 至 154,042 平方米之間的任何面積，四捨五入後均為 0.09。",
        "报告未披露。由报告的每平方米 0.09 吨二氧化碳当量推算：13,093.57 ÷ 0.09 ≈ 145,484 平方米。137,827 至 154,042 平方米之间的任何面积，四舍五入后均为 0.09。",
    ),
    // organisation.employees
    (
        "Not published for this scope (the report says “over 16,000” group-wide). Implied by water, 6.77 m³/person: 81,345.33 ÷ 6.77 ≈ 12,016 (12,007–12,024); hazardous and non-hazardous waste per person agree. The published energy per person, 1.32 MWh, implies ≈ 14,286 instead, so energy per employee is computed as 1.57 and shown beside the published 1.32.",
        "報告未披露此統計範圍的僱員人數（報告稱全集團有「16,000餘名員工」）。由人均用水量 6.77 立方米推算：81,345.33 ÷ 6.77 ≈ 12,016（12,007–12,024）；人均有害及無害廢棄物與此相符。報告的人均能源消耗 1.32 兆瓦時則意味約 14,286 人，因此人均能源消耗按計算得 1.57，與報告的 1.32 並列顯示。",
        "报告未披露此统计范围的雇员人数（报告称全集团有“16,000余名员工”）。由人均用水量 6.77 立方米推算：81,345.33 ÷ 6.77 ≈ 12,016（12,007–12,024）；人均有害及无害废弃物与此相符。报告的人均能源消耗 1.32 兆瓦时则意味约 14,286 人，因此人均能源消耗按计算得 1.57，与报告的 1.32 并列显示。",
    ),
    // organisation.revenue_rmb_million
    (
        "Not published in the report. Implied by 0.37 t of packaging per RMB million: 65,281.37 ÷ 0.37 ≈ 176,436 (174,084–178,853).",
        "報告未披露。由每人民幣百萬元收入 0.37 噸包裝材料推算：65,281.37 ÷ 0.37 ≈ 176,436（174,084–178,853）。",
        "报告未披露。由每人民币百万元收入 0.37 吨包装材料推算：65,281.37 ÷ 0.37 ≈ 176,436（174,084–178,853）。",
    ),
    // energy[0].quantity
    (
        "The report's direct energy (natural gas), converted under GB/T 2589-2008.",
        "報告的直接能源消耗（天然氣），按 GB/T 2589-2008 換算。",
        "报告的直接能源消耗（天然气），按 GB/T 2589-2008 换算。",
    ),
    // energy[1].quantity
    (
        "The report's indirect energy (purchased electricity).",
        "報告的間接能源消耗（外購電力）。",
        "报告的间接能源消耗（外购电力）。",
    ),
    // water_m3
    (
        "As published (municipal tap water, 1 m³ = 1 t).",
        "按報告數據（市政自來水，1 立方米 = 1 噸）。",
        "按报告数据（市政自来水，1 立方米 = 1 吨）。",
    ),
    // waste.hazardous_t
    (
        "As published: toner cartridges, fluorescent tubes, lead-acid batteries.",
        "按報告數據：廢硒鼓和廢墨盒、廢棄熒光燈管及廢鉛酸蓄電池。",
        "按报告数据：废硒鼓和废墨盒、废弃荧光灯管及废铅酸蓄电池。",
    ),
    // waste.non_hazardous_t
    (
        "As published: office and domestic waste.",
        "按報告數據：辦公及生活垃圾。",
        "按报告数据：办公及生活垃圾。",
    ),
    // packaging_t
    (
        "As published: packaging of phones, TVs and main ecosystem products.",
        "按報告數據：小米手機、電視及生態鏈主要產品所使用的包裝材料。",
        "按报告数据：小米手机、电视及生态链主要产品所使用的包装材料。",
    ),
];

/// A scenario's note as the page shows it: the built-in example's notes in the page's language,
/// any other note as written.
pub fn note_text(lang: Lang, note: &str) -> &str {
    match EXAMPLE_NOTES.iter().find(|(en, ..)| *en == note) {
        Some((_, hant, _)) if lang == Lang::ZhHant => hant,
        Some((_, _, hans)) if lang == Lang::ZhHans => hans,
        _ => note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words the page chooses at run time and passes to [`tr`]: each is in the catalogue.
    #[test]
    fn words_chosen_at_run_time_are_in_the_catalogue() {
        use crate::engine::results::Level;
        for level in [Level::Info, Level::Warning, Level::Error] {
            assert!(crate::engine::text::knows(level.id()), "{level}");
            assert_ne!(tr(Lang::ZhHant, level.id()), level.id(), "{level}");
        }
    }

    /// Counts agree with their nouns: "1 row", "3 rows"; the same in Chinese, which has no
    /// plural.
    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(count!(Lang::En, 1, "1 row", "{0} rows"), "1 row");
        assert_eq!(count!(Lang::En, 0, "1 row", "{0} rows"), "0 rows");
        assert_eq!(count!(Lang::En, 3, "1 row", "{0} rows"), "3 rows");
        assert_eq!(count!(Lang::ZhHant, 3, "1 row", "{0} rows"), "3 行");
        assert_eq!(
            count!(Lang::ZhHans, 1, "1 energy line", "{0} energy lines"),
            "1 个能源项目"
        );
        let total = count!(Lang::En, 1, "1 total row", "{0} total rows");
        assert_eq!(
            trf!(Lang::En, "{0} left out.", &[&total]),
            "1 total row left out."
        );
        let (lines, rows) = (
            count!(Lang::En, 1, "1 energy line", "{0} energy lines"),
            count!(Lang::En, 2, "1 row", "{0} rows"),
        );
        assert_eq!(
            trf!(Lang::En, "Replace the {0} with {1}", &[&lines, &rows]),
            "Replace the 1 energy line with 2 rows"
        );
        assert_eq!(
            trf!(
                Lang::ZhHant,
                "Replace the {0} with {1}",
                &[
                    &count!(Lang::ZhHant, 1, "1 energy line", "{0} energy lines"),
                    &count!(Lang::ZhHant, 2, "1 row", "{0} rows")
                ]
            ),
            "以 2 行取代 1 個能源項目"
        );
    }

    #[test]
    fn browser_languages_map_to_the_nearest() {
        assert_eq!(Lang::from_browser("zh-HK"), Lang::ZhHant);
        assert_eq!(Lang::from_browser("zh-TW"), Lang::ZhHant);
        assert_eq!(Lang::from_browser("zh-Hant-HK"), Lang::ZhHant);
        assert_eq!(Lang::from_browser("zh-CN"), Lang::ZhHans);
        assert_eq!(Lang::from_browser("zh"), Lang::ZhHans);
        assert_eq!(Lang::from_browser("en-GB"), Lang::En);
        assert_eq!(trf(Lang::ZhHant, "Line {0}", &["3"]), "項目 3");
        assert_eq!(tr(Lang::ZhHans, "Natural gas"), "天然气");
    }

    #[test]
    fn the_examples_notes_are_in_every_language() {
        let example: serde_json::Value =
            serde_json::from_str(crate::engine::example::EXAMPLE_2018_JSON).unwrap();
        let notes = example["notes"].as_object().unwrap();
        assert_eq!(
            notes.len(),
            EXAMPLE_NOTES.len(),
            "one translation per note of the example"
        );
        for (path, note) in notes {
            let note = note.as_str().unwrap();
            assert_eq!(note_text(Lang::En, note), note);
            for lang in [Lang::ZhHant, Lang::ZhHans] {
                let shown = note_text(lang, note);
                assert_ne!(shown, note, "{path} is not translated");
                // The figures of the note are all in its translation.
                let figures = |s: &str| -> Vec<String> {
                    let mut f: Vec<String> = s
                        .replace("CO2", "")
                        .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
                        .map(|f| f.trim_matches(|c| c == ',' || c == '.').to_string())
                        .filter(|f| f.chars().any(|c| c.is_ascii_digit()))
                        .collect();
                    f.sort();
                    f
                };
                assert_eq!(figures(shown), figures(note), "{path}, {lang:?}");
            }
        }
        assert_eq!(note_text(Lang::ZhHant, "my own note"), "my own note");
    }
}
