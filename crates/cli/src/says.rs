//! What only the command line says, in the three languages. Each sentence is one constant
//! with its three versions, so none can lack a translation; `{0}`, `{1}` stand for values. The
//! engine's sentences (the reader's problems, the results) come from the engine's catalogue;
//! these stay out of it, so the page's wasm does not carry them.

use esg_kpi_engine::text::Text;

pub struct Says {
    pub en: &'static str,
    pub hant: &'static str,
    pub hans: &'static str,
}

impl Says {
    /// The sentence with its values, as a [`Text`] that renders in any language.
    pub fn with(&self, args: &[String]) -> Text {
        let fill = |template: &str| {
            esg_kpi_engine::text::fill(template, |i, out| {
                if let Some(a) = args.get(i) {
                    out.push_str(a);
                }
            })
        };
        Text::names(fill(self.en), fill(self.hant), fill(self.hans))
    }
}

pub const SUMMARY: Says = Says {
    en: "{0} data lines read: {1} rows taken, added as {2} energy lines (summed by site, month, source, unit and factor; notes are not kept); {3} lines with problems left out; {4} total rows left out",
    hant: "已讀取 {0} 行數據：採用 {1} 行，合併為 {2} 條能源項目（按地點、月份、能源、單位及排放因子加總；不保留備註）；{3} 行有問題而未計入；{4} 個合計行未計入",
    hans: "已读取 {0} 行数据：采用 {1} 行，合并为 {2} 条能源项目（按地点、月份、能源、单位及排放因子加总；不保留备注）；{3} 行有问题而未计入；{4} 个合计行未计入",
};

pub const ONLY_THE_FIRST: Says = Says {
    en: "(only the first {0} problems and the first {0} total rows are listed above)",
    hant: "（以上只列出首 {0} 個問題及首 {0} 個合計行）",
    hans: "（以上只列出前 {0} 个问题及前 {0} 个合计行）",
};

pub const SUM_TOO_LARGE: Says = Says {
    en: "this row's quantity added to the rows before it exceeds what exact decimals hold: split the file",
    hant: "此行用量與之前各行相加後超出精確小數的範圍：請分拆檔案",
    hans: "此行用量与之前各行相加后超出精确小数的范围：请拆分文件",
};

pub const NO_QUANTITY: Says = Says {
    en: "this row has no quantity the calculator can add",
    hant: "此行沒有計算器可加總的用量",
    hans: "此行没有计算器可加总的用量",
};

#[cfg(test)]
mod tests {
    use super::*;
    use esg_kpi_engine::text::{table_problems, Lang};

    #[test]
    fn every_sentence_has_its_placeholders_in_each_language() {
        let all = [SUMMARY, ONLY_THE_FIRST, SUM_TOO_LARGE, NO_QUANTITY];
        let table: Vec<(&str, &str, &str)> = all.iter().map(|s| (s.en, s.hant, s.hans)).collect();
        assert_eq!(table_problems(&table), Vec::<String>::new());
        let args: Vec<String> = (0..5).map(|i| format!("<{i}>")).collect();
        let text = SUMMARY.with(&args);
        assert!(text.render(Lang::ZhHant).starts_with("已讀取 <0> 行數據"));
        assert!(text.render(Lang::En).contains("<4> total rows left out"));
    }
}
