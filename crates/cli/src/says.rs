//! What only the command line says, in the three languages. Each sentence is one constant
//! ([`Says`]) with its three versions, so none can lack a translation; `{0}`, `{1}` stand
//! for values. The engine's sentences (the reader's problems, the results) come from the engine's catalogue;
//! these stay out of it, so the page's wasm does not carry them.

pub use esg_kpi_engine::text::Says;

pub const SUMMARY: Says = Says {
    en: "{0} data lines read: {1} rows taken, added as {2} energy lines (rows of the same site, month, source, unit and factor summed into one line, whose note says so); {3} lines with problems left out; {4} total rows left out",
    hant: "已讀取 {0} 行數據：採用 {1} 行，合併為 {2} 條能源項目（同一地點、月份、能源、單位及排放因子的各行加總為一項，並在備註中註明）；{3} 行有問題而未計入；{4} 個合計行未計入",
    hans: "已读取 {0} 行数据：采用 {1} 行，合并为 {2} 条能源项目（同一地点、月份、能源、单位及排放因子的各行加总为一项，并在备注中注明）；{3} 行有问题而未计入；{4} 个合计行未计入",
};

pub const ONLY_THE_FIRST: Says = Says {
    en: "(only the first {0} problems and the first {0} total rows are listed above)",
    hant: "（以上只列出首 {0} 個問題及首 {0} 個合計行）",
    hans: "（以上只列出前 {0} 个问题及前 {0} 个合计行）",
};

pub const REPEATS_NOT_ALL: Says = Says {
    en: "repeated rows were looked for among the first {0} rows only",
    hant: "只在首 {0} 行中查找重複的行",
    hans: "只在前 {0} 行中查找重复的行",
};

pub const MORE_REPEATS: Says = Says {
    en: "and {0} more rows that repeat an earlier row exactly",
    hant: "另有 {0} 行與之前某行完全相同",
    hans: "另有 {0} 行与之前某行完全相同",
};

#[cfg(test)]
mod tests {
    use super::*;
    use esg_kpi_engine::text::{table_problems, Lang};

    #[test]
    fn every_sentence_has_its_placeholders_in_each_language() {
        let all = [SUMMARY, ONLY_THE_FIRST, REPEATS_NOT_ALL, MORE_REPEATS];
        let table: Vec<(&str, &str, &str)> = all.iter().map(Says::row).collect();
        assert_eq!(table_problems(&table), Vec::<String>::new());
        let args: Vec<String> = (0..5).map(|i| format!("<{i}>")).collect();
        let text = SUMMARY.with(&args);
        assert!(text.render(Lang::ZhHant).starts_with("已讀取 <0> 行數據"));
        assert!(text.render(Lang::En).contains("<4> total rows left out"));
    }
}
