//! The results of the contract (`esg-kpi-results/1`, CONTRACT.md §4) as types: the KPIs, the
//! checks, the calculation lines, the details and the periods. [`super::calc`] writes them;
//! they serialise to the contract's JSON.

use super::input::InputError;
use super::kpi::KpiId;
use super::text::Text;
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::collections::BTreeMap;

pub const RESULTS_SCHEMA: &str = "esg-kpi-results/1";

/// A value, or the reason it is unavailable, in words.
pub(crate) type Val = Result<Decimal, Text>;

/// An exact figure of the results: a decimal inside, written to JSON as the contract's exact
/// string (no trailing zeros: `13093.57`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Num(pub Decimal);

impl Num {
    pub fn get(self) -> Decimal {
        self.0
    }
}

impl From<Decimal> for Num {
    fn from(d: Decimal) -> Num {
        Num(d)
    }
}

impl From<&Decimal> for Num {
    fn from(d: &Decimal) -> Num {
        Num(*d)
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0.normalize(), f)
    }
}

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A figure rounded for people, as a report prints it (`13,093.57`, `0.0010`): the exact
/// decimal inside, rounded only when written ([`super::number::display`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rounded(pub Decimal);

impl std::fmt::Display for Rounded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::number::display(self.0))
    }
}

impl Serialize for Rounded {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A figure of an explanation, rounded to a number of places for people (`145,484`): the
/// decimal inside, rounded only when written ([`super::number::rounded`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoundedTo(pub Decimal, pub u32);

impl std::fmt::Display for RoundedTo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&super::number::rounded(self.0, self.1))
    }
}

impl Serialize for RoundedTo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// How much a check matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    /// As the contract writes it: `info`, `warning`, `error` (also the page's word for it).
    pub fn id(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// A decimal written as given (a published figure keeps its printed places: `0.090`).
fn as_written<S: Serializer>(d: &Option<Decimal>, serializer: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => serializer.collect_str(d),
        None => serializer.serialize_none(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KpiResult {
    #[serde(skip)]
    pub id: KpiId,
    /// The exact decimal result, not rounded.
    pub value: Option<Num>,
    /// Rounded for people, as the report prints it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<Rounded>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    pub unit: &'static str,
    pub hkex: &'static str,
    /// How the value was obtained, with the numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formula: Option<Text>,
    /// The figure a published report printed for this KPI, as written.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "as_written")]
    pub published: Option<Decimal>,
    /// The figure as printed with its unit (`12,345 kg CO2e`), when the report printed it in
    /// another unit than the KPI's; `published` is then it in the KPI's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_as_printed: Option<String>,
    /// Whether the computed value, rounded as the published figure is, equals it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches_published: Option<bool>,
}

/// The KPIs in the report's order, serialised as a JSON object keyed by KPI id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Kpis(pub Vec<KpiResult>);

impl KpiResult {
    /// The exact value, where there is one.
    pub fn exact(&self) -> Option<Decimal> {
        self.value.map(Num::get)
    }
}

impl Kpis {
    pub fn get(&self, id: KpiId) -> Option<&KpiResult> {
        self.0.iter().find(|k| k.id == id)
    }
}

impl Serialize for Kpis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for k in &self.0 {
            map.serialize_entry(k.id.id(), k)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub id: String,
    pub level: Level,
    pub message: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kpi: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceFactor {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `value` for a one-gas factor; per gas otherwise.
    pub values: BTreeMap<&'static str, Num>,
    pub unit: String,
    pub source: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceGas {
    pub gas: &'static str,
    pub t: Num,
    pub gwp: Num,
    pub co2e_t: Num,
}

/// One calculated line: an input, how it was converted, which factor multiplied it, what it
/// contributes, and to which KPIs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceLine {
    pub path: String,
    pub kpis: Vec<&'static str>,
    /// The whole line in words.
    pub text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<u8>,
    pub quantity: Num,
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mwh: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversion: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub factor: Option<TraceFactor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gwp: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gases: Vec<TraceGas>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emissions_t: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tce: Option<Num>,
    /// A fuel burnt on site: its kg of NOx, SOx and PM (A1.1), `null` each where no factor is
    /// known, and where the factors come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub air_kg: Option<BTreeMap<&'static str, Option<Num>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub air_source: Option<Text>,
}

/// Figures beyond the sixteen KPIs: exact, `null` where unavailable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Details {
    pub gwp: &'static str,
    /// The GHG Protocol consolidation approach the report states (`operational_control` …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consolidation: Option<&'static str>,
    pub grid_edition: String,
    /// Where towngas bought is counted: `scope1` (the GHG Protocol) or `scope2` (the HK EPD/EMSD
    /// convention).
    pub towngas_scope: &'static str,
    /// Tonnes of each gas from fuel burnt on site, and their CO2e.
    /// With refrigerant lines, also the tonnes of each group of the seven gases (`HFCs`, `SF6`).
    pub scope1_by_gas_t: BTreeMap<&'static str, Option<Num>>,
    /// The same gases in t CO2e at the period's GWP set: CO2, CH4, N2O, `CO2e` (lines whose
    /// factor is already CO2e, not split by gas), and the fugitive groups (HFCs, PFCs, SF6,
    /// NF3). They add up to Scope 1.
    pub scope1_by_gas_co2e_t: BTreeMap<&'static str, Option<Num>>,
    /// Location-based Scope 2 by gas, tonnes and t CO2e: `CO2` from factors of CO2 alone
    /// (China's grids, purchased heat), `CO2e` from factors published only as CO2e (Hong
    /// Kong's utilities, towngas under the HK convention), CH4 and N2O from a factor that gives
    /// them. Gases with no tonnes are left out; the CO2e add up to Scope 2.
    pub scope2_by_gas_t: BTreeMap<&'static str, Option<Num>>,
    pub scope2_by_gas_co2e_t: BTreeMap<&'static str, Option<Num>>,
    /// Biogenic CO2 from burning biofuels (biodiesel, bioethanol, wood), tonnes: reported
    /// beside the scopes, as the GHG Protocol asks; present when a line burns a biofuel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub biogenic_co2_t: Option<Option<Num>>,
    /// Fugitive emissions, when the period has refrigerant lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fugitive: Option<Fugitive>,
    /// Scope 3 by category, with each category's comply-or-explain status, when the period
    /// has Scope 3 lines or says what it does of a category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope3: Option<Scope3Details>,
    /// Location-based Scope 2 ÷ purchased MWh: the effective blended grid factor.
    pub grid_factor_effective_t_per_mwh: Option<Num>,
    /// Market-based Scope 2, when the period has contractual instruments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope2_market_t: Option<Option<Num>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope2_market_method: Option<Text>,
    pub energy_by_source_mwh: BTreeMap<&'static str, Option<Num>>,
    /// Scope 1 + Scope 2 by site, in the order sites first appear.
    pub emissions_by_site_t: Vec<(String, Option<Num>)>,
    /// Scope 1 + 2 and energy per site, per month (the rows' own `period`) and per source,
    /// each group in the order it first appears; each adds up to the KPI table's totals.
    pub breakdowns: Breakdowns,
    /// Tonnes of standard coal equivalent (GB/T 2589-2008).
    pub energy_tce: BTreeMap<&'static str, Option<Num>>,
    pub energy_tce_method: Text,
    /// Waste by kind, in tonnes, in the order of the kinds' list.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waste_by_kind_t: Vec<WasteByKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Breakdowns {
    pub by_site: Vec<Group>,
    pub by_month: Vec<Group>,
    pub by_source: Vec<Group>,
}

/// A period's fugitive emissions (`refrigerants`): `null` figures when a line has an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fugitive {
    /// In Scope 1 (the GHG Protocol's seven gases), t CO2e.
    pub scope1_t: Option<Num>,
    /// Reported beside the scopes (CFCs, HCFCs such as R-22, halons, HFOs), t CO2e.
    pub beside_scopes_t: Option<Num>,
    /// Each group of the seven gases released: tonnes and t CO2e.
    pub by_gas: BTreeMap<&'static str, FugitiveGas>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FugitiveGas {
    pub t: Num,
    pub co2e_t: Num,
}

/// One group of activity rows and what it adds up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The site, the month (`""`: rows without one) or the source id.
    pub key: String,
    pub rows: usize,
    pub ghg_t: Option<Num>,
    pub energy_mwh: Option<Num>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WasteByKind {
    pub kind: &'static str,
    pub hazardous: bool,
    pub t: Option<Num>,
}

/// The results of one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodResults {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    pub kpis: Kpis,
    pub checks: Vec<Check>,
    pub trace: Vec<TraceLine>,
    /// Activity lines computed but not written into `trace` (see [`TraceLimit`]); 0 always
    /// in the API's results.
    #[serde(skip_serializing_if = "is_zero")]
    pub trace_omitted: usize,
    pub details: Details,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_check: Option<PublishedCheck>,
    /// What looks wrong in the activity rows: missing months, outliers, duplicates, units.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_quality: Vec<Check>,
    /// Intensities per unit of production, when the period gives a production volume.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub per_production_unit: Vec<Intensity>,
    /// The intensities the report chose (`intensities`), in its order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub intensities: Vec<Intensity>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Results {
    pub schema: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    pub kpis: Kpis,
    pub errors: Vec<InputError>,
    pub checks: Vec<Check>,
    pub trace: Vec<TraceLine>,
    /// Activity lines computed but not written into `trace` (see [`TraceLimit`]); 0 always
    /// in the API's results.
    #[serde(skip_serializing_if = "is_zero")]
    pub trace_omitted: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Details>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_check: Option<PublishedCheck>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub per_production_unit: Vec<Intensity>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub intensities: Vec<Intensity>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data_quality: Vec<Check>,
    /// Other periods (`prior`, `base_year`), each computed with its own denominators.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub periods: BTreeMap<&'static str, PeriodResults>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Results {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!("{{\"schema\":\"{RESULTS_SCHEMA}\",\"errors\":[{{\"path\":\"$\",\"message\":\"{e}\"}}]}}")
        })
    }
}

impl TraceLine {
    /// A line for an input used as entered (no conversion, no factor).
    pub(crate) fn simple(
        path: String,
        kpis: Vec<&'static str>,
        text: Text,
        quantity: Decimal,
        unit: &str,
    ) -> TraceLine {
        TraceLine {
            path,
            kpis,
            text,
            site: None,
            source: None,
            scope: None,
            quantity: Num(quantity),
            unit: unit.into(),
            mwh: None,
            conversion: None,
            factor: None,
            gwp: None,
            gases: Vec::new(),
            emissions_t: None,
            tce: None,
            air_kg: None,
            air_source: None,
        }
    }
}

/// One implied quantity: its central value and the range the printed figures' rounding allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Implied {
    pub id: String,
    pub what: Text,
    pub value: RoundedTo,
    pub low: RoundedTo,
    pub high: RoundedTo,
    pub unit: &'static str,
    pub formula: Text,
    /// How it compares with the library, where that means something.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedCheck {
    pub implied: Vec<Implied>,
    pub checks: Vec<Check>,
}

/// Scope 3 beside the KPI table: its total, Scope 1 + 2 + 3, and the fifteen categories.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope3Details {
    pub total_t: Option<Num>,
    /// Scope 1 + Scope 2 (location-based) + Scope 3.
    pub scopes_1_2_3_t: Option<Num>,
    /// All fifteen, in order.
    pub categories: Vec<Scope3Category>,
}

/// One GHG Protocol category: what the report says of it and what its lines add up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope3Category {
    pub category: u8,
    pub name: Text,
    /// `included`, `not_relevant`, `not_measured`, or `not_stated` (no line and no entry).
    pub status: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    pub lines: usize,
    /// Its lines' t CO2e: `null` without lines, or when one cannot be worked out.
    pub t: Option<Num>,
    /// The methods its lines use ("spend-based", "activity-based", "supplier-specific").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<Text>,
}

/// An intensity's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Intensity {
    /// `<numerator>_per_<denominator>`: `ghg_total_t_per_revenue_million`.
    pub id: String,
    pub of: &'static str,
    pub per: &'static str,
    pub name: Text,
    pub value: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<Rounded>,
    /// `t CO2e / HKD million`.
    pub unit: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub formula: Option<Text>,
    /// The figure the report printed, in this intensity's unit, and as printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published_as_printed: Option<String>,
    /// Whether the computed value, rounded as the printed figure is, equals it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matches_published: Option<bool>,
}
