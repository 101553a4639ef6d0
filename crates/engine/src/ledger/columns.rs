//! What a column of a ledger means ([`Column`]): the names its header goes by in English and
//! both Chinese scripts, the headers that name money (never the quantity) and the unit a
//! header may name in brackets (`Consumption (kWh)`, `用電量(度)`).

use super::names;
use crate::t;
use crate::text::Text;
use crate::units::{FactorUnit, Source};

/// The columns of a ledger, in the order an export writes them.
pub const COLUMNS: [Column; 9] = [
    Column::Site,
    Column::Period,
    Column::Source,
    Column::Quantity,
    Column::Unit,
    Column::Density,
    Column::Grid,
    Column::Factor,
    Column::Note,
];

/// Every meaning a column can be given in the mapping, in the order the page offers them.
pub const MEANINGS: [Column; 12] = [
    Column::Site,
    Column::Period,
    Column::PeriodFrom,
    Column::PeriodTo,
    Column::Source,
    Column::Quantity,
    Column::Unit,
    Column::Grid,
    Column::Factor,
    Column::FactorSource,
    Column::Density,
    Column::Note,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Site,
    /// A month, a date in it, a year, or a billing period (`15/08/2025 - 14/09/2025`).
    Period,
    /// The first day of a billing period, when it has a column of its own.
    PeriodFrom,
    /// The last day of a billing period.
    PeriodTo,
    Source,
    Quantity,
    Unit,
    /// kg per litre, for fuels measured in litres.
    Density,
    /// A grid, a utility or a place (`guangdong`, 深圳, 中電, HK Electric).
    Grid,
    /// A library id, or a value with or without its unit (`0.39`, `0.39 kgCO2e/kWh`).
    Factor,
    /// Where a factor given in the file comes from.
    FactorSource,
    Note,
}

impl Column {
    /// The scenario key, and the header an export writes.
    pub fn id(self) -> &'static str {
        match self {
            Column::Site => "site",
            Column::Period => "period",
            Column::PeriodFrom => "period_from",
            Column::PeriodTo => "period_to",
            Column::Source => "source",
            Column::Quantity => "quantity",
            Column::Unit => "unit",
            Column::Density => "density_kg_per_l",
            Column::Grid => "grid",
            Column::Factor => "factor",
            Column::FactorSource => "factor_source",
            Column::Note => "note",
        }
    }

    pub fn from_id(id: &str) -> Option<Column> {
        MEANINGS.into_iter().find(|c| c.id() == id)
    }

    /// What the column means, for the mapping's choices.
    pub fn label(self) -> Text {
        match self {
            Column::Site => t!("Site"),
            Column::Period => t!("Month or billing period"),
            Column::PeriodFrom => t!("Period from (date)"),
            Column::PeriodTo => t!("Period to (date)"),
            Column::Source => t!("Source (electricity or fuel)"),
            Column::Quantity => t!("Quantity consumed"),
            Column::Unit => t!("Unit"),
            Column::Density => t!("Density (kg/L)"),
            Column::Grid => t!("Grid, utility or place"),
            Column::Factor => t!("Emission factor"),
            Column::FactorSource => t!("Factor's source"),
            Column::Note => t!("Note"),
        }
    }

    /// Header names, in English and Chinese, compared by [`names::key`] (no case, spaces,
    /// `_` or `-`, and without a bracketed remark such as `(kWh)`).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Site => &[
                "site", "sitename", "location", "facility", "store", "branch", "premises",
                "property", "building", "address", "地點", "地点", "場地", "场地", "設施", "设施",
                "門店", "门店", "物業", "物业", "大廈", "大厦", "分店", "地址",
            ],
            Column::Period => &[
                "period",
                "month",
                "date",
                "year",
                "reportingperiod",
                "billperiod",
                "billingperiod",
                "meterreadingperiod",
                "transactiondate",
                "期間",
                "期间",
                "月份",
                "年月",
                "日期",
                "報告期",
                "报告期",
                "帳單期",
                "账单期",
                "賬單期",
                "計費期",
                "计费期",
                "抄表期",
                "交易日期",
                "加油日期",
            ],
            Column::PeriodFrom => &[
                "from",
                "start",
                "startdate",
                "periodfrom",
                "datefrom",
                "fromdate",
                "開始日期",
                "开始日期",
                "起始日期",
                "由",
                "開始",
                "开始",
            ],
            Column::PeriodTo => &[
                "to",
                "end",
                "enddate",
                "periodto",
                "dateto",
                "todate",
                "結束日期",
                "结束日期",
                "截止日期",
                "至",
                "結束",
                "结束",
            ],
            Column::Source => &[
                "source",
                "energysource",
                "energy",
                "fuel",
                "fueltype",
                "type",
                "product",
                "energytype",
                "能源",
                "能源類別",
                "能源类别",
                "能源種類",
                "能源种类",
                "來源",
                "来源",
                "燃料",
                "燃料種類",
                "燃料种类",
                "油品",
                "產品",
                "产品",
            ],
            Column::Quantity => &[
                "quantity",
                "consumption",
                "usage",
                "qty",
                "volume",
                "litres",
                "liters",
                "kwh",
                "unitsconsumed",
                "amount",
                "value",
                "用量",
                "數量",
                "数量",
                "消耗量",
                "耗用量",
                "使用量",
                "用電量",
                "用电量",
                "耗電量",
                "耗电量",
                "用氣量",
                "用气量",
                "耗油量",
                "公升",
                "升數",
                "升数",
            ],
            Column::Unit => &["unit", "units", "uom", "單位", "单位"],
            Column::Density => &["densitykgperl", "density", "密度"],
            Column::Grid => &[
                "grid",
                "province",
                "region",
                "utility",
                "supplier",
                "powercompany",
                "electricitysupplier",
                "city",
                "電網",
                "电网",
                "省份",
                "地區",
                "地区",
                "供電公司",
                "供电公司",
                "電力公司",
                "电力公司",
                "城市",
                "供應商",
                "供应商",
            ],
            Column::Factor => &[
                "factor",
                "factorid",
                "emissionfactor",
                "排放因子",
                "因子",
                "排放係數",
                "排放系数",
            ],
            Column::FactorSource => &[
                "factorsource",
                "sourceoffactor",
                "factorreference",
                "因子來源",
                "因子来源",
                "因子出處",
                "因子出处",
            ],
            Column::Note => &[
                "note", "notes", "comment", "comments", "remark", "remarks", "備註", "备注",
                "說明", "说明",
            ],
        }
    }

    /// The meaning a header names, if any.
    pub(super) fn find(header: &str) -> Option<Column> {
        let k = names::key(header.trim_start_matches('\u{feff}'));
        MEANINGS
            .into_iter()
            .find(|c| c.aliases().contains(&k.as_str()))
    }
}

/// A header naming money (`Amount (HK$)`, `金額(港元)`, `電費`): never the quantity.
pub(super) fn is_money(header: &str) -> bool {
    let h = header.to_ascii_lowercase();
    [
        "hk$",
        "hkd",
        "us$",
        "usd",
        "rmb",
        "cny",
        "$",
        "¥",
        "￥",
        "金額",
        "金额",
        "費用",
        "费用",
        "電費",
        "电费",
        "煤氣費",
        "煤气费",
        "港元",
        "港幣",
        "港币",
        "人民幣",
        "人民币",
        "元)",
        "元）",
        "cost",
        "charge",
        "price",
        "payment",
        "tariff",
        "價",
        "价",
        "bill amount",
    ]
    .iter()
    .any(|m| h.contains(m))
}

/// The unit a header names in brackets: `Consumption (kWh)`, `用電量(度)`, or a header that is
/// a unit (`Litres`, `kWh`).
pub(super) fn header_unit(header: &str) -> Option<String> {
    let h = header.trim();
    if let Some(inside) = bracketed(h) {
        if names::unit(inside, Some(Source::Electricity)).is_ok() {
            return Some(inside.to_string());
        }
    }
    let k = names::key(h);
    [
        "kwh",
        "litres",
        "liters",
        "公升",
        "mwh",
        "gj",
        "m3",
        "立方米",
    ]
    .contains(&k.as_str())
    .then(|| h.to_string())
}

/// The factor unit a factor column's header names in brackets: `Emission factor (kgCO2e/kWh)`.
pub(super) fn header_factor_unit(header: &str) -> Option<String> {
    bracketed(header)
        .filter(|u| FactorUnit::from_id(u).is_some())
        .map(str::to_string)
}

/// What a header says in brackets: `Consumption (kWh)` → `kWh`, `用電量（度）` → `度`.
fn bracketed(header: &str) -> Option<&str> {
    let at = header.find(['(', '（', '['])?;
    Some(
        header
            .get(at..)?
            .trim_start_matches(['(', '（', '['])
            .trim_end_matches([')', '）', ']'])
            .trim(),
    )
}
