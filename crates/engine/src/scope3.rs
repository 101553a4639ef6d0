//! Scope 3: rows by GHG Protocol category (1–15), each worked out by one of the methods reports
//! use — a quantity × a factor per its unit (activity-based), an amount of money × a factor per
//! currency unit, through the user's exchange rate when the two currencies differ
//! (spend-based), or the tonnes a supplier states (supplier-specific) — and each category
//! marked included, not relevant or not yet measured, with its reason (comply or explain).

use super::number::{self, plain};
use super::results::{Num, TraceFactor, TraceLine};
use super::text::{overflow, Text};
use crate::t;
use crate::DecOps as _;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub mod flight;
pub mod hk;
pub mod travel;

/// The fifteen categories of the GHG Protocol's Scope 3 Standard, in English, Traditional and
/// Simplified Chinese.
pub const CATEGORIES: [(&str, &str, &str); 15] = [
    (
        "Purchased goods and services",
        "外購商品及服務",
        "外购商品及服务",
    ),
    ("Capital goods", "資本貨物", "资本货物"),
    (
        "Fuel- and energy-related activities",
        "燃料及能源相關活動",
        "燃料及能源相关活动",
    ),
    (
        "Upstream transportation and distribution",
        "上游運輸及配送",
        "上游运输及配送",
    ),
    (
        "Waste generated in operations",
        "營運中產生的廢棄物",
        "营运中产生的废弃物",
    ),
    ("Business travel", "商務差旅", "商务差旅"),
    ("Employee commuting", "僱員通勤", "雇员通勤"),
    ("Upstream leased assets", "上游租賃資產", "上游租赁资产"),
    (
        "Downstream transportation and distribution",
        "下游運輸及配送",
        "下游运输及配送",
    ),
    (
        "Processing of sold products",
        "售出產品的加工",
        "售出产品的加工",
    ),
    ("Use of sold products", "售出產品的使用", "售出产品的使用"),
    (
        "End-of-life treatment of sold products",
        "售出產品的報廢處理",
        "售出产品的报废处理",
    ),
    ("Downstream leased assets", "下游租賃資產", "下游租赁资产"),
    ("Franchises", "特許經營", "特许经营"),
    ("Investments", "投資", "投资"),
];

/// A category's name in the three languages: “6. Business travel”.
pub fn category_name(category: u8) -> Text {
    let i = usize::from(category.saturating_sub(1));
    match CATEGORIES.get(i) {
        Some((en, hant, hans)) => Text::names(
            format!("{category}. {en}"),
            format!("{category}. {hant}"),
            format!("{category}. {hans}"),
        ),
        None => Text::verbatim(category.to_string()),
    }
}

/// What a Scope 3 quantity measures. Quantities of one kind convert into each other; money
/// converts only between the same currency, or through the row's exchange rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Mass,
    Energy,
    Volume,
    Distance,
    PassengerDistance,
    FreightDistance,
    Nights,
    Items,
    /// An ISO 4217 code (RMB is written CNY's way too).
    Money(String),
    /// Tonnes of CO2e a supplier states.
    Co2e,
}

/// A Scope 3 unit: its kind and how many of the kind's base unit it is (kg, kJ, L, km,
/// passenger-km, tonne-km, room-nights, items, one unit of money, t CO2e).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit3 {
    pub kind: Kind,
    pub scale: Decimal,
    /// As people write it, for the calculation line ("pkm", "HKD", "m³").
    pub shown: String,
}

/// The units a Scope 3 row may be in, by the ways people write them.
const UNITS: &[(&[&str], Kind, i64, u32)] = &[
    (&["g"], Kind::Mass, 1, 3),
    (&["kg"], Kind::Mass, 1, 0),
    (
        &["t", "tonne", "tonnes", "ton", "噸", "吨"],
        Kind::Mass,
        1000,
        0,
    ),
    (&["kWh"], Kind::Energy, 3600, 0),
    (&["MWh"], Kind::Energy, 3_600_000, 0),
    (&["MJ"], Kind::Energy, 1000, 0),
    (&["GJ"], Kind::Energy, 1_000_000, 0),
    (
        &["L", "litre", "litres", "liter", "liters"],
        Kind::Volume,
        1,
        0,
    ),
    (&["m3", "m³"], Kind::Volume, 1000, 0),
    (&["km"], Kind::Distance, 1, 0),
    (&["mile", "miles"], Kind::Distance, 1_609_344, 6),
    (
        &["pkm", "passenger-km", "passenger.km", "passenger km"],
        Kind::PassengerDistance,
        1,
        0,
    ),
    (
        &["tkm", "tonne-km", "tonne.km", "tonne km"],
        Kind::FreightDistance,
        1,
        0,
    ),
    (
        &[
            "night",
            "nights",
            "room-night",
            "room-nights",
            "room night",
            "room nights",
        ],
        Kind::Nights,
        1,
        0,
    ),
    (
        &["item", "items", "unit", "units", "piece", "pieces"],
        Kind::Items,
        1,
        0,
    ),
    (&["tCO2e", "t CO2e"], Kind::Co2e, 1, 0),
    (&["kgCO2e", "kg CO2e"], Kind::Co2e, 1, 3),
];

/// A unit as written: one of [`UNITS`] (case-insensitive, except `t`/`T`-style clashes do not
/// arise), or a three-letter currency code; `HK$`, `US$` and `RMB` are read as HKD, USD, CNY.
/// `¥` and `$` alone are refused by the caller: each is two currencies.
pub fn unit(text: &str) -> Option<Unit3> {
    let w = text.trim();
    for (names, kind, mantissa, places) in UNITS {
        if let Some(name) = names.iter().find(|n| n.eq_ignore_ascii_case(w)) {
            return Some(Unit3 {
                kind: kind.clone(),
                scale: Decimal::new(*mantissa, *places),
                shown: (*name).replace("m3", "m³"),
            });
        }
    }
    let code = match w.to_ascii_uppercase().as_str() {
        "HK$" => "HKD".to_string(),
        "US$" => "USD".to_string(),
        "RMB" | "CNY" | "人民幣" | "人民币" => "CNY".to_string(),
        "港元" | "港幣" | "港币" => "HKD".to_string(),
        c if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => c.to_string(),
        _ => return None,
    };
    Some(Unit3 {
        kind: Kind::Money(code.clone()),
        scale: Decimal::ONE,
        shown: code,
    })
}

/// Whether a unit is one of the currency signs that name two currencies.
pub fn ambiguous_money(text: &str) -> bool {
    matches!(text.trim(), "$" | "¥" | "￥" | "元")
}

/// A factor's unit: `kgCO2e/<unit>`, `tCO2e/<unit>` or `gCO2e/<unit>`; the tonnes one of its
/// numerator is, and its denominator.
pub fn factor_unit(text: &str) -> Option<(Decimal, Unit3)> {
    let (top, bottom) = text.split_once('/')?;
    let top: String = top.chars().filter(|c| !c.is_whitespace()).collect();
    let tonnes = match top.to_ascii_lowercase().as_str() {
        "tco2e" => Decimal::ONE,
        "kgco2e" => Decimal::new(1, 3),
        "gco2e" => Decimal::new(1, 6),
        _ => return None,
    };
    let per = unit(bottom)?;
    (per.kind != Kind::Co2e).then_some((tonnes, per))
}

/// The rate between the row's currency and its factor's: `value` of `unit`'s first currency per
/// one of its second (`7.8 HKD/USD`: 7.8 HKD to the US dollar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rate {
    pub value: Decimal,
    pub top: String,
    pub bottom: String,
}

/// A row's factor, given inline with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Factor3 {
    pub value: Decimal,
    /// t CO2e per unit of the numerator (kg: 0.001).
    pub tonnes: Decimal,
    pub per: Unit3,
    pub unit_text: String,
    pub source: String,
    /// A library factor's id, status and set year.
    pub id: Option<&'static str>,
    pub status: Option<&'static str>,
    pub year: Option<u16>,
    /// A usual HK line's factor in its parts (kWh per m³ × kg CO2e per kWh).
    pub via: Option<Via>,
    /// The year of a department's figure the line takes, and the year it would want, when the
    /// library has no figure for the report's own year.
    pub earlier: Option<(String, String)>,
}

/// A factor made of a department's electricity per m³ and an electricity factor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Via {
    pub kwh: Decimal,
    /// The department's financial year (`2021/22`).
    pub year: String,
    pub electricity: Decimal,
    pub electricity_id: String,
}

/// How a usual HK line was written, for writing it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsualLine {
    pub usual: hk::Usual,
    /// Whether the line gave its own quantity (else it follows the scenario's water or paper).
    pub quantity_given: bool,
    /// Sewage as a percentage of fresh water, when given.
    pub share: Option<Decimal>,
    /// The electricity factor's id, when the line names one.
    pub electricity: Option<String>,
}

/// A travel factor of the library by id: kg CO2e per its unit, with its citation.
pub fn library_factor(id: &str) -> Option<Factor3> {
    let (id, name, value, per, year, cell) = travel::TRAVEL.iter().find(|t| t.0 == id.trim())?;
    let document = match year {
        2025 => "UK Government GHG Conversion Factors for Company Reporting 2025 (DESNZ), full set, version 1",
        _ => "UK Government GHG Conversion Factors for Company Reporting 2024 (DESNZ), flat file, version 1.1",
    };
    let place = cell.trim_start_matches("F25 ").trim_start_matches("F24 ");
    Some(Factor3 {
        value: Decimal::from_str_radix(value, 10).ok()?,
        tonnes: Decimal::new(1, 3),
        per: unit(per)?,
        unit_text: format!("kgCO2e/{per}"),
        source: format!(
            "{name}: {document}, {place}; read in a verbatim copy of the workbook [verified]"
        ),
        id: Some(id),
        status: Some("verified"),
        year: Some(*year),
        via: None,
        earlier: None,
    })
}

/// The Scope 3 factors a line may name by id, as JSON for `EsgKpi.scope3Factors()`: the travel
/// set (one record each, kg CO2e per its unit) and Hong Kong's usual lines (the departments'
/// kWh/m³ by financial year, and paper's factor), each with its source and status.
pub fn factors_json() -> serde_json::Value {
    let mut out: Vec<serde_json::Value> = travel::TRAVEL
        .iter()
        .filter_map(|t| library_factor(t.0))
        .map(|f| {
            serde_json::json!({
                "id": f.id, "value": f.value.to_string(), "unit": f.unit_text,
                "year": f.year, "source": f.source, "status": f.status,
            })
        })
        .collect();
    for (id, usual, category) in hk::USUAL {
        let record = match usual.series() {
            Some((series, publisher)) => {
                let by_year: Vec<serde_json::Value> = series
                    .iter()
                    .map(|f| {
                        serde_json::json!({ "year": hk::year_label(usual, f.0), "value": f.1, "source": f.2 })
                    })
                    .collect();
                serde_json::json!({
                    "id": id, "category": category, "unit": "kWh/m³", "by_year": by_year,
                    "source": publisher, "status": "verified", "times": hk::DEFAULT_ELECTRICITY,
                })
            }
            None => serde_json::json!({
                "id": id, "category": category, "value": hk::PAPER_KG_PER_KG, "unit": "kgCO2e/kg",
                "source": hk::PAPER_SOURCE, "status": "unverified",
            }),
        };
        out.push(record);
    }
    serde_json::Value::Array(out)
}

/// How a row's tonnes are found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// The supplier's tonnes of CO2e, as given.
    Supplier,
    /// The quantity × a factor (through a rate, for money in another currency).
    Factor(Box<Factor3>, Option<Rate>),
}

/// One Scope 3 row (`scope3[i]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope3Row {
    pub index: usize,
    pub category: u8,
    pub description: String,
    pub site: String,
    pub quantity: Decimal,
    pub unit: Unit3,
    pub how: How,
    pub note: Option<String>,
    /// Set on the usual HK lines (WSD water, DSD sewage, paper).
    pub usual: Option<UsualLine>,
    /// How the quantity came from the scenario, when the line gave none.
    pub derived: Option<Text>,
    /// Set on a flight given by its airports: the quantity is their distance × journeys.
    pub flight: Option<Flight>,
}

/// A flight line as written: airports, how many people or trips, one way or return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flight {
    pub from: String,
    pub to: String,
    /// Passengers × trips, when given (else one).
    pub trips: Option<Decimal>,
    pub return_trip: bool,
}

/// What a report says of a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosed {
    Included,
    NotRelevant,
    NotMeasured,
}

impl Disclosed {
    pub const ALL: [Disclosed; 3] = [
        Disclosed::Included,
        Disclosed::NotRelevant,
        Disclosed::NotMeasured,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Disclosed::Included => "included",
            Disclosed::NotRelevant => "not_relevant",
            Disclosed::NotMeasured => "not_measured",
        }
    }

    pub fn from_id(id: &str) -> Option<Disclosed> {
        Disclosed::ALL.into_iter().find(|d| d.id() == id.trim())
    }
}

/// A category's comply-or-explain entry (`scope3_categories[i]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryStatus {
    pub index: usize,
    pub category: u8,
    pub status: Disclosed,
    pub reason: String,
}

/// The method's name for a row, in a sentence.
pub fn method(row: &Scope3Row) -> Text {
    match (&row.how, &row.unit.kind) {
        (How::Supplier, _) => t!("supplier-specific"),
        (How::Factor(..), Kind::Money(_)) => t!("spend-based"),
        (How::Factor(..), _) => t!("activity-based"),
    }
}

/// A row's tonnes of CO2e, and the amount in the factor's currency when a rate was used.
/// `None` when a product leaves exact decimal range.
pub fn tonnes(row: &Scope3Row) -> Option<(Decimal, Option<Decimal>)> {
    match &row.how {
        How::Supplier => Some((row.quantity.cmul(row.unit.scale)?, None)),
        How::Factor(f, rate) => {
            // In the factor's unit: the same currency, or through the rate.
            let converted = match rate {
                None => row.quantity.cmul(row.unit.scale)?.cdiv(f.per.scale)?,
                Some(r) if r.bottom == f.per.shown => row.quantity.cdiv(r.value)?,
                Some(r) => row.quantity.cmul(r.value)?,
            };
            let t = converted.cmul(f.value)?.cmul(f.tonnes)?;
            Some((t, rate.as_ref().map(|_| converted)))
        }
    }
}

/// A period's Scope 3: its total and each category's tonnes and lines, in category order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    pub total: Decimal,
    pub by_category: BTreeMap<u8, (usize, Decimal)>,
}

/// The sum of the rows: `Err` when a row could not be read (its own message says why) or a sum
/// leaves exact decimal range.
pub fn totals(rows: &[Scope3Row], invalid: &[usize]) -> Result<Totals, Text> {
    if let Some(i) = invalid.first() {
        return Err(t!(
            "Scope 3 line {0} has an input error (see its message)",
            (i + 1).to_string()
        ));
    }
    let mut out = Totals::default();
    for row in rows {
        let (t, _) = tonnes(row).ok_or_else(overflow)?;
        out.total = out.total.cadd(t).ok_or_else(overflow)?;
        let entry = out.by_category.entry(row.category).or_default();
        entry.0 = entry.0.saturating_add(1);
        entry.1 = entry.1.cadd(t).ok_or_else(overflow)?;
    }
    Ok(out)
}

/// A row's calculation line.
pub fn trace(prefix: &str, row: &Scope3Row, kpi: &'static str) -> Option<TraceLine> {
    let (t, converted) = tonnes(row)?;
    let what = match (row.site.trim(), row.description.trim()) {
        ("", "") => String::new(),
        ("", d) => format!("{d}: "),
        (s, "") => format!("{s}: "),
        (s, d) => format!("{s}, {d}: "),
    };
    let q = plain(row.quantity);
    let (text, factor, conversion) = match &row.how {
        How::Supplier => (
            t!(
                "{0}{1} {2} ({3}) = {4} t CO2e; Scope 3, {5}",
                what,
                q,
                row.unit.shown.as_str(),
                method(row),
                number::rounded(t, 4),
                category_name(row.category)
            ),
            None,
            None,
        ),
        How::Factor(f, rate) => {
            let conversion = match (rate, converted) {
                (Some(r), Some(c)) => Some(t!(
                    "{0} {1} at {2} {3}/{4} = {5} {6}",
                    q.clone(),
                    row.unit.shown.as_str(),
                    plain(r.value),
                    r.top.as_str(),
                    r.bottom.as_str(),
                    plain(c.round_dp(6)),
                    f.per.shown.as_str()
                )),
                _ => None,
            };
            let conversion = conversion.or_else(|| row.derived.clone());
            let mut values = BTreeMap::new();
            values.insert("value", Num(f.value));
            let text = match &f.via {
                Some(via) => t!(
                    "{0}{1} {2} × {3} kWh/m³ ({4}, {5}) × {6} kg CO2e/kWh ({7}) = {8} t CO2e; Scope 3, {9}",
                    what.clone(),
                    q.clone(),
                    row.unit.shown.as_str(),
                    plain(via.kwh),
                    f.id.unwrap_or_default(),
                    via.year.as_str(),
                    plain(via.electricity),
                    via.electricity_id.as_str(),
                    number::rounded(t, 4),
                    category_name(row.category)
                ),
                None => t!(
                    "{0}{1} {2} × {3} {4} = {5} t CO2e ({6}); Scope 3, {7}",
                    what,
                    q,
                    row.unit.shown.as_str(),
                    plain(f.value),
                    f.unit_text.as_str(),
                    number::rounded(t, 4),
                    match f.id {
                        Some(id) => t!("{0}, {1}", method(row), id),
                        None => method(row),
                    },
                    category_name(row.category)
                ),
            };
            (
                text,
                Some(TraceFactor {
                    id: f.id.map(str::to_string),
                    values,
                    unit: f.unit_text.clone(),
                    source: Text::verbatim(f.source.clone()),
                    status: f.status,
                }),
                conversion,
            )
        }
    };
    let mut line = TraceLine::simple(
        format!("{prefix}scope3[{}]", row.index),
        vec![kpi],
        text,
        row.quantity,
        &row.unit.shown,
    );
    line.site = (!row.site.trim().is_empty()).then(|| row.site.clone());
    line.scope = Some(3);
    line.factor = factor;
    line.conversion = conversion;
    line.emissions_t = Some(Num(t));
    Some(line)
}
