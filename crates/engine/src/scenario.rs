//! Reading a scenario (`esg-kpi-scenario/1`, CONTRACT.md §3, extended compatibly) into typed
//! inputs, and writing it back.
//!
//! Reading never stops at the first problem: every bad field becomes an [`InputError`] with
//! its scenario path (`energy[1].quantity`, `prior.water_m3`), the field is marked invalid,
//! and the rest is read, so that the KPIs which do not depend on it still compute.
//!
//! Extensions of the contract's shape, all optional:
//! - settings: `gwp` (SAR, AR4, AR5, AR6, AR6-fossil), `grid_edition`, `grid_om_weight`,
//!   `national_grid`, `fuel_factors` (source → library id), inherited by the periods;
//! - energy rows: `period`, `grid` (a province, a regional grid, `cn-national`,
//!   `hk-electric`, `clp`, `hk-default`), `ncv_kj_per_kg`, `ncv_kj_per_unit`,
//!   `density_kg_per_l`, per-gas inline factors `{ "co2", "ch4", "n2o", "unit" }`;
//! - `instruments` (certificates, supplier-specific factors) for market-based Scope 2;
//! - `published` (KPI id → a report's figure) and `notes` (path → where an input comes from);
//! - `prior` and `base_year`: further periods of the same shape, each with its own
//!   denominators.

use super::field::Figure;
use super::fugitive::{Equipment, Gwp, Refrigerant, EQUIPMENT};
use super::kpi::KpiId;
use super::library::{self, FactorRecord, Gas, GridEdition, GridFactor, GwpSet, Mobile, Region};
use super::migrate;
use super::number::{self, NumberError};
use super::period::{years_of, Years};
use super::text::Text;
use super::units::{Constant, FactorUnit, Physical, QuantityUnit, Source, Status};
use super::waste::{WasteKind, KINDS};
use crate::t;
use crate::DecOps as _;
use rust_decimal::Decimal;
use std::rc::Rc;

use serde_json::{json, Map, Value};

use super::period::PeriodId;
use super::scope3::{CategoryStatus, Scope3Row};

mod scope3_read;

pub use super::migrate::SCHEMA;

pub(crate) use super::input::kind_of;
pub use super::input::InputError;

/// A numeric input: given, absent, or present but unusable (an [`InputError`] says why).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Given(Decimal),
    Missing,
    Invalid,
}

/// How the gases of a factor were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineFactor {
    pub gases: Vec<(Gas, Decimal)>,
    pub unit: FactorUnit,
    pub source_note: Option<String>,
}

/// The factor an activity row uses, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactorChoice {
    /// Given in the row.
    Inline(InlineFactor),
    /// Named in the row by library id.
    Library(&'static FactorRecord),
    /// From the row's grid and the period's grid edition.
    Grid {
        grid: String,
        /// Shared by every row of the period on the same regional grid.
        factor: Rc<GridFactor>,
        unit: FactorUnit,
        gas: Gas,
    },
    /// A fuel's preset (the scenario's `fuel_factors`, or the default).
    Preset(&'static FactorRecord),
    /// None could be found: the row's energy counts, its emissions cannot be computed.
    None,
}

impl FactorChoice {
    /// Values per gas and the unit they are in.
    pub fn gases(&self) -> Option<(Vec<(Gas, Decimal)>, FactorUnit)> {
        match self {
            FactorChoice::Inline(f) => Some((f.gases.clone(), f.unit)),
            FactorChoice::Library(r) | FactorChoice::Preset(r) => Some((r.gases.clone(), r.unit)),
            FactorChoice::Grid {
                factor, unit, gas, ..
            } => Some((vec![(*gas, factor.value)], *unit)),
            FactorChoice::None => None,
        }
    }

    /// The library id, if the factor is a library record.
    pub fn record_id(&self) -> Option<String> {
        match self {
            FactorChoice::Library(r) | FactorChoice::Preset(r) => Some(r.id.clone()),
            FactorChoice::Grid { factor, .. } => Some(factor.record_id.clone()),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<Status> {
        match self {
            FactorChoice::Library(r) | FactorChoice::Preset(r) => Some(r.status),
            FactorChoice::Grid { factor, .. } => Some(factor.status),
            _ => None,
        }
    }

    /// Where the factor comes from, in words a reviewer can check.
    pub fn source(&self) -> Text {
        match self {
            FactorChoice::Inline(f) => match &f.source_note {
                Some(note) => Text::verbatim(note),
                None => t!("custom factor; no source given"),
            },
            FactorChoice::Library(r) => Text::verbatim(r.citation()),
            FactorChoice::Preset(r) => t!("{0} (preset for this fuel)", r.citation()),
            FactorChoice::Grid { grid, factor, .. } => {
                let how = factor
                    .derivation
                    .as_ref()
                    .map(|d| format!("{d}; "))
                    .unwrap_or_default();
                t!(
                    "grid “{0}” → {1}: {2}",
                    grid,
                    &factor.record_id,
                    format!("{how}{}", factor.citation)
                )
            }
            FactorChoice::None => t!("no factor"),
        }
    }
}

/// A calorific value in use: a default with its source, or the row's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ncv {
    pub kj_per_unit: Decimal,
    pub physical: Physical,
    pub source: String,
    /// The row gave its own value.
    pub overridden: bool,
}

/// One activity line: what a site consumed of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnergyRow {
    pub index: usize,
    pub site: String,
    pub period: Option<String>,
    pub source: Source,
    pub quantity: Decimal,
    pub unit: QuantityUnit,
    pub ncv: Option<Ncv>,
    pub density_kg_per_l: Option<Decimal>,
    /// The fuel's default density, used when the row is in litres (or has a factor per
    /// litre) and gives none of its own.
    pub default_density: Option<super::units::Constant>,
    /// The row's `grid`, as written.
    pub grid: Option<String>,
    /// The factor the row gave itself (written back by [`to_value`]).
    pub explicit_factor: Option<Value>,
    pub factor: FactorChoice,
    /// A vehicle or mobile machinery (mobile combustion), not a stationary burner.
    pub mobile: Option<Mobile>,
    /// The distance and fuel economy the litres were worked out from, when the row gave them.
    pub distance: Option<Box<Distance>>,
    /// Towngas counted in Scope 2 (the period's `towngas_scope`).
    pub towngas_scope2: bool,
    /// The factor is of an earlier year than the line's: `utility` (the utility's latest
    /// published year stands in), `latest` (the latest MEE/NBS edition, of an earlier year) or
    /// `grid` (a grid edition more than three years older).
    pub earlier: Option<&'static str>,
    /// The line's own NOx, SOx and particulate factors (A1.1), when it gives them.
    pub air: Option<Box<AirFactor>>,
}

/// What an air-emission factor is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AirPer {
    Km,
    L,
    Kg,
    T,
    Gj,
}

impl AirPer {
    pub fn id(self) -> &'static str {
        match self {
            AirPer::Km => "km",
            AirPer::L => "L",
            AirPer::Kg => "kg",
            AirPer::T => "t",
            AirPer::Gj => "GJ",
        }
    }
}

/// A line's own A1.1 factors: kg (or g) of NOx, SOx and PM per km, L, kg, t or GJ, with
/// where they come from (for a vehicle, HKEX Appendix 2's table for its class and fuel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AirFactor {
    /// NOx, SOx, PM; `None` for a pollutant the line does not give.
    pub values: [Option<Decimal>; 3],
    /// `true` for grams, `false` for kilograms.
    pub grams: bool,
    pub per: AirPer,
    pub source: Option<String>,
}

/// The A1.1 pollutants, in the order of [`AirFactor::values`]: their keys in `air`.
pub const AIR_KEYS: [&str; 3] = ["nox", "sox", "pm"];

impl EnergyRow {
    /// Direct energy and Scope 1 (a fuel burnt on site), or indirect and Scope 2 (electricity,
    /// and towngas under the HK EPD/EMSD convention).
    pub fn direct(&self) -> bool {
        self.source.is_direct() && !self.towngas_scope2
    }
}

/// A vehicle's distance and fuel economy: litres = km × L/100 km ÷ 100.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distance {
    pub km: Decimal,
    pub l_per_100km: Decimal,
}

/// A contractual instrument for market-based Scope 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Instrument {
    /// Energy attribute certificates (green power certificates): these MWh at zero.
    Certificates { mwh: Decimal, note: Option<String> },
    /// A supplier-specific factor for these MWh.
    Supplier { mwh: Decimal, factor: InlineFactor },
}

/// How a period computes: the settings a scenario chooses and its periods inherit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub gwp: GwpSet,
    pub gwp_given: bool,
    pub grid_edition_id: String,
    pub grid_edition: GridEdition,
    pub grid_om_weight: Decimal,
    pub national_grid: String,
    pub fuel_factors: Vec<(Source, &'static FactorRecord)>,
    /// Towngas bought counts in Scope 2 and as indirect energy (the HK EPD/EMSD 2010
    /// convention) instead of Scope 1 (the GHG Protocol's fuel burnt on site, the default).
    pub towngas_scope2: bool,
    /// The month a financial year ends in (1–11), for periods written `2024/25`: each
    /// calendar year's utility factor counts for its months (default 3, April to March).
    pub year_end_month: u8,
    /// The intensities the report prints beyond the KPI table's (`intensities`).
    pub intensities: Vec<crate::intensity::Wanted>,
    /// The GHG Protocol consolidation approach (`operational_control`, `financial_control`,
    /// `equity_share`), when the report states it.
    pub consolidation: Option<&'static str>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            gwp: GwpSet::DEFAULT,
            gwp_given: false,
            grid_edition_id: library::DEFAULT_GRID_EDITION.into(),
            grid_edition: library::grid_edition(library::DEFAULT_GRID_EDITION)
                .unwrap_or(GridEdition::Table("cn-2016-om")),
            grid_om_weight: Decimal::new(5, 1),
            national_grid: library::DEFAULT_NATIONAL.into(),
            fuel_factors: Vec::new(),
            towngas_scope2: false,
            year_end_month: 3,
            intensities: Vec::new(),
            consolidation: None,
        }
    }
}

/// Revenue in a currency other than RMB, with the rate that turns it into RMB.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignRevenue {
    /// An ISO 4217 code, upper case (`HKD`, `USD`).
    pub currency: String,
    /// Millions of `currency`.
    pub amount: Field,
    /// RMB per one unit of `currency`.
    pub rmb_per_unit: Field,
    pub rate_source: Option<String>,
}

/// How much the organisation produced, in a unit it names (tonnes of product, vehicles …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Production {
    pub quantity: Field,
    pub unit: String,
}

/// The unit of a waste item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WasteUnit {
    T,
    Kg,
}

impl WasteUnit {
    pub fn id(self) -> &'static str {
        match self {
            WasteUnit::T => "t",
            WasteUnit::Kg => "kg",
        }
    }
}

/// One line of waste by kind (`waste.items[i]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WasteItem {
    pub index: usize,
    pub site: String,
    pub kind: &'static WasteKind,
    /// As the item classes it: its own `hazardous`, else its kind's.
    pub hazardous: bool,
    /// Whether the item said so itself (written back only then).
    pub hazardous_given: bool,
    pub quantity: Decimal,
    pub unit: WasteUnit,
    pub note: Option<String>,
}

impl WasteItem {
    /// The item in tonnes.
    pub fn tonnes(&self) -> Option<Decimal> {
        match self.unit {
            WasteUnit::T => Some(self.quantity),
            WasteUnit::Kg => self.quantity.cdiv(Decimal::ONE_THOUSAND),
        }
    }
}

/// How much of a gas a refrigerant row released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Release {
    /// What was released, in practice what was added to refill the equipment.
    Measured(Decimal),
    /// The screening method: the equipment's charge × an annual leak rate (percent), the
    /// equipment kind's default unless the row gives its own.
    Screening {
        charge: Decimal,
        equipment: Option<&'static Equipment>,
        rate_percent: Decimal,
        rate_given: bool,
    },
}

/// One line of fugitive emissions (`refrigerants[i]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefrigerantRow {
    pub index: usize,
    pub site: String,
    pub gas: Refrigerant,
    /// The gas's GWP in the period's set.
    pub gwp: Gwp,
    pub gwp_set: GwpSet,
    pub release: Release,
    pub unit: WasteUnit,
    pub note: Option<String>,
}

impl RefrigerantRow {
    /// The mass released, in the row's unit; `None` beyond exact decimal range.
    pub fn released(&self) -> Option<Decimal> {
        match &self.release {
            Release::Measured(q) => Some(*q),
            Release::Screening {
                charge,
                rate_percent,
                ..
            } => charge.cmul(*rate_percent)?.cdiv(Decimal::ONE_HUNDRED),
        }
    }

    /// The mass released in tonnes.
    pub fn tonnes(&self) -> Option<Decimal> {
        let q = self.released()?;
        match self.unit {
            WasteUnit::T => Some(q),
            WasteUnit::Kg => q.cdiv(Decimal::ONE_THOUSAND),
        }
    }
}

/// One reporting period's inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Which period it is.
    pub id: PeriodId,
    pub name: Option<String>,
    pub period: Option<String>,
    pub settings: Settings,
    pub floor_area_m2: Field,
    pub employees: Field,
    pub revenue_rmb_million: Field,
    /// Revenue in another currency, when it was given so (then `revenue_rmb_million` is
    /// missing and [`Period::revenue_in_rmb_million`] converts).
    pub revenue_foreign: Option<ForeignRevenue>,
    pub production: Option<Production>,
    /// Rows that read cleanly.
    pub energy: Vec<EnergyRow>,
    /// Indices of rows with an error: totals that need them cannot be trusted.
    pub invalid_energy_rows: Vec<usize>,
    pub instruments: Vec<Instrument>,
    pub invalid_instruments: bool,
    pub water_m3: Field,
    pub hazardous_waste_t: Field,
    pub non_hazardous_waste_t: Field,
    /// Waste by kind; where a category has items, its total is their sum.
    pub waste_items: Vec<WasteItem>,
    pub invalid_waste_items: Vec<usize>,
    /// Fugitive emissions, by gas.
    pub refrigerants: Vec<RefrigerantRow>,
    pub invalid_refrigerants: Vec<usize>,
    /// Scope 3, by GHG Protocol category, and each category's comply-or-explain entry.
    pub scope3: Vec<Scope3Row>,
    pub invalid_scope3: Vec<usize>,
    pub scope3_categories: Vec<CategoryStatus>,
    pub packaging_t: Field,
    /// Figures a published report printed, to compare the computed KPIs with.
    pub published: Vec<super::published::Printed>,
}

impl Period {
    /// Revenue in RMB million: as given, or converted from another currency at the given rate.
    /// `Invalid` when a part is unusable (the input errors say which), or the product leaves
    /// exact decimal range.
    pub fn revenue_in_rmb_million(&self) -> Field {
        let Some(f) = &self.revenue_foreign else {
            return self.revenue_rmb_million;
        };
        match (f.amount, f.rmb_per_unit) {
            (Field::Given(a), Field::Given(r)) => a.cmul(r).map_or(Field::Invalid, Field::Given),
            (Field::Missing, _) => Field::Missing,
            _ => Field::Invalid,
        }
    }
}

/// The consolidation approaches the GHG Protocol allows, by id.
pub const CONSOLIDATION: [&str; 3] = ["operational_control", "financial_control", "equity_share"];

/// A scenario: the current period and, optionally, the prior year and the base year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub current: Period,
    /// The prior year and the base year, those the scenario has, in [`PeriodId::OTHERS`]'s
    /// order.
    pub others: Vec<Period>,
}

impl Scenario {
    /// The current period, then the others in their order.
    pub fn periods(&self) -> impl Iterator<Item = &Period> {
        std::iter::once(&self.current).chain(&self.others)
    }
}

/// Reads a scenario from JSON text. Text that is not a JSON object gives one error at `$`.
pub fn read_json(text: &str) -> (Option<Scenario>, Vec<InputError>) {
    if let Some(too_big) = too_big(text) {
        return (None, vec![too_big]);
    }
    match serde_json::from_str::<Value>(text) {
        Ok(value) => read(&value),
        Err(e) => (
            None,
            vec![InputError {
                path: "$".into(),
                message: t!("the scenario is not valid JSON: {0}", e.to_string()),
            }],
        ),
    }
}

/// The most lines one list of a period may hold (energy lines, waste items, instruments),
/// whether they come from a file, the API, a link or saved data; a ledger import reads as many
/// rows. The page stays usable up to there (BENCHMARKS.md).
pub const MAX_LINES: usize = 100_000;
/// The largest scenario text read, in bytes: 100,000 energy lines written out take about
/// 15 MB, so this is room to spare, and a mistaken multi-gigabyte argument is refused at once.
pub const MAX_JSON_BYTES: usize = 64 * 1024 * 1024;

/// The error for scenario text over [`MAX_JSON_BYTES`], if it is.
pub fn too_big(text: &str) -> Option<InputError> {
    (text.len() > MAX_JSON_BYTES).then(|| InputError {
        path: "$".into(),
        message: t!(
            "the scenario is {0} MB, more than the {1} MB the calculator reads; split it by year or by site",
            (text.len().div_ceil(1024 * 1024)).to_string(),
            (MAX_JSON_BYTES / (1024 * 1024)).to_string()
        ),
    })
}

/// `Some(error)` when a list holds more than [`MAX_LINES`].
fn too_many(path: String, len: usize) -> Option<InputError> {
    (len > MAX_LINES).then(|| InputError {
        path,
        message: t!(
            "{0} lines are more than the {1} the calculator supports in one list; split the scenario by year or by site",
            super::number::display(Decimal::from(len)).trim_end_matches(".00").to_string(),
            super::number::display(Decimal::from(MAX_LINES)).trim_end_matches(".00").to_string()
        ),
    })
}

/// Reads a scenario from a parsed JSON value.
pub fn read(value: &Value) -> (Option<Scenario>, Vec<InputError>) {
    let mut r = Reader::default();
    let migrated = match migrate::migrate(value) {
        Ok(v) => v,
        Err(e) => return (None, vec![e]),
    };
    let Some(root) = migrated.as_object() else {
        r.error(
            "$",
            t!(
                "the scenario must be a JSON object, not {0}",
                kind_of(&migrated)
            ),
        );
        return (None, r.errors);
    };
    let current = r.period(root, PeriodId::Current, &Settings::default(), true);
    let mut others = Vec::new();
    for id in PeriodId::OTHERS {
        if let Some(obj) = r.object(root, id.key(), id.key()) {
            others.push(r.period(obj, id, &current.settings, true));
        }
    }
    (Some(Scenario { current, others }), r.errors)
}

/// A period's figures read again without its energy rows (which stay as `old` has them):
/// the period, the errors read before the rows' place and those after (its instruments).
/// `obj` is the period's JSON object, `inherited` the settings it inherits.
pub(crate) fn reread_figures(
    obj: &Map<String, Value>,
    old: &mut Period,
    inherited: &Settings,
) -> (Vec<InputError>, Vec<InputError>) {
    let mut r = Reader::default();
    let mut p = r.period(obj, old.id, inherited, false);
    let tail_from = r.tail_from;
    std::mem::swap(&mut p.energy, &mut old.energy);
    std::mem::swap(&mut p.invalid_energy_rows, &mut old.invalid_energy_rows);
    *old = p;
    let tail = r.errors.split_off(tail_from.min(r.errors.len()));
    (r.errors, tail)
}

/// One energy row of a period read again: the row, if it reads cleanly, and its errors.
pub(crate) fn reread_row(
    p: &Period,
    index: usize,
    row: &Value,
) -> (Option<EnergyRow>, Vec<InputError>) {
    let mut r = Reader::default();
    let read = r.energy_row(p.id.prefix(), index, row, p);
    (read, r.errors)
}

#[derive(Default)]
struct Reader {
    errors: Vec<InputError>,
    /// Where the last period's errors after its energy rows begin.
    tail_from: usize,
    /// The regional grid factors the period being read has used, each made once and shared by
    /// its rows (a factor carries its citation: one copy per row would be most of a row).
    /// By edition id and region (or province, in a provincial edition).
    grids: Vec<(&'static str, &'static str, Rc<GridFactor>)>,
    /// Whether the row being read takes a factor of an earlier year (see [`EnergyRow::earlier`]).
    earlier: Option<&'static str>,
}

impl Reader {
    fn error(&mut self, path: &str, message: Text) {
        self.errors.push(InputError {
            path: path.to_string(),
            message,
        });
    }

    fn object<'v>(
        &mut self,
        parent: &'v Map<String, Value>,
        key: &str,
        path: &str,
    ) -> Option<&'v Map<String, Value>> {
        match parent.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Object(map)) => Some(map),
            Some(other) => {
                self.error(
                    path,
                    t!("{0} must be an object, not {1}", key, kind_of(other)),
                );
                None
            }
        }
    }

    fn text(&mut self, parent: &Map<String, Value>, key: &str, path: &str) -> Option<String> {
        match parent.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(other) => {
                self.error(path, t!("{0} must be text, not {1}", key, kind_of(other)));
                None
            }
        }
    }

    /// A non-negative decimal, written as a JSON string (exact, preferred) or a JSON number.
    fn number(&mut self, parent: Option<&Map<String, Value>>, key: &str, path: &str) -> Field {
        match parent.and_then(|p| p.get(key)) {
            None | Some(Value::Null) => Field::Missing,
            Some(v) => match decimal_of(v) {
                Ok(Some(d)) => Field::Given(d),
                Ok(None) => Field::Missing,
                Err(message) => {
                    self.error(path, message);
                    Field::Invalid
                }
            },
        }
    }

    /// A figure's number, from the object that holds it (see [`Figure`]).
    fn figure(&mut self, parent: Option<&Map<String, Value>>, f: Figure, id: PeriodId) -> Field {
        self.number(parent, f.key(), &f.at(id))
    }

    /// A figure's text, from the object that holds it.
    fn figure_text(
        &mut self,
        parent: Option<&Map<String, Value>>,
        f: Figure,
        id: PeriodId,
    ) -> Option<String> {
        parent.and_then(|o| self.text(o, f.key(), &f.at(id)))
    }

    fn settings(&mut self, obj: &Map<String, Value>, at: &str, inherited: &Settings) -> Settings {
        let mut s = inherited.clone();
        if let Some(g) = self.text(obj, "gwp", &format!("{at}gwp")) {
            match GwpSet::from_id(&g) {
                Some(set) => {
                    s.gwp = set;
                    s.gwp_given = true;
                }
                None => self.error(
                    &format!("{at}gwp"),
                    t!(
                        "unknown GWP set “{0}”; use SAR, AR4, AR5, AR6 or AR6-fossil",
                        g
                    ),
                ),
            }
        }
        if let Some(e) = self.text(obj, "grid_edition", &format!("{at}grid_edition")) {
            match library::grid_edition(&e) {
                Some(ed) => {
                    s.grid_edition = ed;
                    s.grid_edition_id = e.trim().to_string();
                }
                None => {
                    let known: Vec<_> = library::GRID_EDITIONS.iter().map(|(k, _)| *k).collect();
                    self.error(
                        &format!("{at}grid_edition"),
                        t!(
                            "unknown grid edition “{0}”; use one of: {1}",
                            e,
                            known.join(", ")
                        ),
                    );
                }
            }
        }
        let wpath = format!("{at}grid_om_weight");
        match self.number(Some(obj), "grid_om_weight", &wpath) {
            Field::Given(w) if w > Decimal::ONE => {
                self.error(&wpath, t!("the operating-margin weight is between 0 and 1"))
            }
            Field::Given(w) => s.grid_om_weight = w,
            _ => {}
        }
        if let Some(c) = self.text(obj, "consolidation", &format!("{at}consolidation")) {
            match CONSOLIDATION
                .iter()
                .find(|k| **k == c.trim())
            {
                Some(k) => s.consolidation = Some(k),
                None if c.trim().is_empty() => s.consolidation = None,
                None => self.error(
                    &format!("{at}consolidation"),
                    t!("the consolidation approach is operational_control, financial_control or equity_share, not “{0}”", c.trim()),
                ),
            }
        }
        if let Some(v) = obj.get("intensities") {
            s.intensities = self.intensities(v, &format!("{at}intensities"));
        }
        if let Some(t) = self.text(obj, "towngas_scope", &format!("{at}towngas_scope")) {
            match t.trim().to_ascii_lowercase().replace([' ', '_', '-'], "").as_str() {
                "scope1" | "" => s.towngas_scope2 = false,
                "scope2" => s.towngas_scope2 = true,
                _ => self.error(
                    &format!("{at}towngas_scope"),
                    t!(
                        "towngas_scope is “scope1” (the GHG Protocol: fuel burnt on site) or “scope2” (the HK EPD/EMSD convention: towngas bought as energy indirect), not “{0}”",
                        t.trim()
                    ),
                ),
            }
        }
        let ypath = format!("{at}year_end_month");
        if let Field::Given(m) = self.number(Some(obj), "year_end_month", &ypath) {
            match (1..=11u8).find(|n| Decimal::from(*n) == m) {
                Some(m) => s.year_end_month = m,
                None => self.error(
                    &ypath,
                    t!("year_end_month is the month a financial year ends in, 1 to 11 (3 for April to March); a year ending in December is a calendar year"),
                ),
            }
        }
        if let Some(n) = self.text(obj, "national_grid", &format!("{at}national_grid")) {
            match library::find(&n) {
                Some(r) if r.sources.contains(&Source::Electricity) => {
                    s.national_grid = r.id.clone()
                }
                _ => self.error(
                    &format!("{at}national_grid"),
                    t!("“{0}” is not an electricity factor in the library", n),
                ),
            }
        }
        if let Some(map) = self.object(obj, "fuel_factors", &format!("{at}fuel_factors")) {
            for (key, v) in map {
                let path = format!("{at}fuel_factors.{key}");
                let Some(source) = Source::from_id(key).filter(|s| *s != Source::Electricity)
                else {
                    self.error(&path, t!("“{0}” is not a fuel", key));
                    continue;
                };
                match v.as_str().and_then(library::find) {
                    Some(r) if r.sources.contains(&source) => {
                        s.fuel_factors.retain(|(src, _)| *src != source);
                        s.fuel_factors.push((source, r));
                    }
                    Some(r) => self.error(
                        &path,
                        t!(
                            "“{0}” is a factor for {1}, not {2}",
                            &r.id,
                            sources_text(r.sources),
                            source.noun()
                        ),
                    ),
                    None => self.error(
                        &path,
                        t!("{0} is not a factor in the built-in library", short(v)),
                    ),
                }
            }
        }
        s
    }

    /// Reads a period; its energy rows too when `rows`.
    fn period(
        &mut self,
        obj: &Map<String, Value>,
        id: PeriodId,
        inherited: &Settings,
        rows: bool,
    ) -> Period {
        let at = id.prefix();
        // Another period may have another grid edition.
        self.grids.clear();
        if !at.is_empty() {
            if let Some(v) = obj.get("schema") {
                self.error(
                    &format!("{at}schema"),
                    t!("a period has no schema of its own (found {0})", short(v)),
                );
            }
        }
        let settings = self.settings(obj, at, inherited);
        let p = |k: &str| format!("{at}{k}");
        let org = self.object(obj, "organisation", &p("organisation"));
        let waste = self.object(obj, "waste", &p("waste"));
        let period_label = self.text(obj, "period", &p("period"));
        let mut period = Period {
            id,
            name: self.text(obj, "name", &p("name")),
            floor_area_m2: self.figure(org, Figure::FloorArea, id),
            employees: self.figure(org, Figure::Employees, id),
            revenue_rmb_million: Field::Missing,
            revenue_foreign: None,
            production: None,
            water_m3: self.figure(Some(obj), Figure::Water, id),
            hazardous_waste_t: self.figure(waste, Figure::HazardousWaste, id),
            non_hazardous_waste_t: self.figure(waste, Figure::NonHazardousWaste, id),
            waste_items: Vec::new(),
            invalid_waste_items: Vec::new(),
            refrigerants: Vec::new(),
            invalid_refrigerants: Vec::new(),
            scope3: Vec::new(),
            invalid_scope3: Vec::new(),
            scope3_categories: Vec::new(),
            packaging_t: self.figure(Some(obj), Figure::Packaging, id),
            published: self.published(obj, at, &settings.intensities),
            energy: Vec::new(),
            invalid_energy_rows: Vec::new(),
            instruments: Vec::new(),
            invalid_instruments: false,
            settings,
            period: period_label,
        };
        (period.revenue_rmb_million, period.revenue_foreign) = self.revenue(org, id);
        period.production = self.production(org, id);
        if let Some(w) = waste {
            match w.get("items") {
                None | Some(Value::Null) => {}
                Some(Value::Array(items)) if too_many(p("waste.items"), items.len()).is_some() => {
                    self.errors.extend(too_many(p("waste.items"), items.len()));
                    period.invalid_waste_items.push(0);
                }
                Some(Value::Array(items)) => {
                    for (index, item) in items.iter().enumerate() {
                        match self.waste_item(at, index, item) {
                            Some(parsed) => period.waste_items.push(parsed),
                            None => period.invalid_waste_items.push(index),
                        }
                    }
                }
                Some(other) => self.error(
                    &p("waste.items"),
                    t!("waste items must be a list, not {0}", kind_of(other)),
                ),
            }
        }
        match obj.get("refrigerants") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) if too_many(p("refrigerants"), items.len()).is_some() => {
                self.errors.extend(too_many(p("refrigerants"), items.len()));
                period.invalid_refrigerants.push(0);
            }
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    match self.refrigerant(at, index, item, period.settings.gwp) {
                        Some(parsed) => period.refrigerants.push(parsed),
                        None => period.invalid_refrigerants.push(index),
                    }
                }
            }
            Some(other) => self.error(
                &p("refrigerants"),
                t!("refrigerants must be a list, not {0}", kind_of(other)),
            ),
        }
        match obj.get("scope3") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) if too_many(p("scope3"), items.len()).is_some() => {
                self.errors.extend(too_many(p("scope3"), items.len()));
                period.invalid_scope3.push(0);
            }
            Some(Value::Array(items)) => {
                let paper = period
                    .waste_items
                    .iter()
                    .filter(|w| w.kind.id == "paper")
                    .try_fold(None, |sum: Option<Decimal>, w| {
                        let kg = w.tonnes()?.cmul(Decimal::ONE_THOUSAND)?;
                        Some(Some(sum.unwrap_or_default().cadd(kg)?))
                    });
                let around = scope3_read::Around {
                    water_m3: period.water_m3,
                    paper_kg: match paper {
                        Some(kg) if period.invalid_waste_items.is_empty() => Ok(kg),
                        _ => Err(()),
                    },
                    year: period
                        .period
                        .as_deref()
                        .and_then(crate::period::years_of)
                        .map(|y| match y {
                            crate::period::Years::Calendar(y) | crate::period::Years::Split(y) => y,
                        }),
                };
                for (index, item) in items.iter().enumerate() {
                    match self.scope3_row(at, index, item, &around) {
                        Some(parsed) => period.scope3.push(parsed),
                        None => period.invalid_scope3.push(index),
                    }
                }
            }
            Some(other) => self.error(
                &p("scope3"),
                t!("scope3 must be a list, not {0}", kind_of(other)),
            ),
        }
        if let Some(v) = obj.get("scope3_categories") {
            period.scope3_categories = self.scope3_categories(at, v);
        }
        match obj.get("energy").filter(|_| rows) {
            None | Some(Value::Null) => {}
            Some(Value::Array(rows)) if too_many(p("energy"), rows.len()).is_some() => {
                self.errors.extend(too_many(p("energy"), rows.len()));
                period.invalid_energy_rows.push(0);
            }
            Some(Value::Array(rows)) => {
                for (index, row) in rows.iter().enumerate() {
                    match self.energy_row(at, index, row, &period) {
                        Some(parsed) => period.energy.push(parsed),
                        None => period.invalid_energy_rows.push(index),
                    }
                }
            }
            Some(other) => self.error(
                &p("energy"),
                t!("energy must be a list of rows, not {0}", kind_of(other)),
            ),
        }
        self.tail_from = self.errors.len();
        match obj.get("instruments") {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) if too_many(p("instruments"), items.len()).is_some() => {
                self.errors.extend(too_many(p("instruments"), items.len()));
                period.invalid_instruments = true;
            }
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    match self.instrument(&format!("{at}instruments[{i}]"), item) {
                        Some(inst) => period.instruments.push(inst),
                        None => period.invalid_instruments = true,
                    }
                }
            }
            Some(other) => {
                self.error(
                    &p("instruments"),
                    t!("instruments must be a list, not {0}", kind_of(other)),
                );
                period.invalid_instruments = true;
            }
        }
        period
    }

    /// `published`: each KPI's (or chosen intensity's) figure as the report printed it — a
    /// number in the KPI's own unit, or `{ "value", "unit" }` in the unit the report printed
    /// (kg or t, kWh, MWh or GJ, m³ …).
    fn published(
        &mut self,
        root: &Map<String, Value>,
        at: &str,
        intensities: &[crate::intensity::Wanted],
    ) -> Vec<super::published::Printed> {
        use super::published::{unit_scale, Printed};
        let Some(map) = self.object(root, "published", &format!("{at}published")) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, v) in map {
            let path = format!("{at}published.{key}");
            let kpi = KpiId::from_id(key);
            let chosen = intensities.iter().find(|w| w.id() == *key);
            let kpi_unit = match (kpi, chosen) {
                (Some(k), _) => k.unit().to_string(),
                (None, Some(w)) => format!("{}/", w.of.unit()),
                (None, None) => {
                    self.error(
                        &path,
                        t!("“{0}” is not a KPI id, nor one of the intensities the report chose (intensities)", key),
                    );
                    continue;
                }
            };
            let (figure, unit, value_path) = match v {
                Value::Object(o) => {
                    let unit = self
                        .text(o, "unit", &format!("{path}.unit"))
                        .filter(|u| !u.trim().is_empty());
                    (
                        o.get("value").cloned().unwrap_or(Value::Null),
                        unit,
                        format!("{path}.value"),
                    )
                }
                other => (other.clone(), None, path.clone()),
            };
            let scale = match &unit {
                None => Decimal::ONE,
                Some(u) => match unit_scale(&kpi_unit, u) {
                    Some(s) => s,
                    None => {
                        self.error(
                            &format!("{path}.unit"),
                            t!(
                                "a figure of {0} cannot be printed in “{1}”: write it in {0} or a unit that converts to it (kg or t, kWh, MWh or GJ, m³ or L)",
                                kpi_unit.trim_end_matches('/'),
                                u.trim()
                            ),
                        );
                        continue;
                    }
                },
            };
            match decimal_of(&figure) {
                Ok(Some(d)) => out.push(Printed {
                    id: key.clone(),
                    kpi,
                    figure: d,
                    unit: unit.map(|u| u.trim().to_string()),
                    scale,
                }),
                Ok(None) => {}
                Err(message) => self.error(&value_path, message),
            }
        }
        out
    }

    fn energy_row(
        &mut self,
        at: &str,
        index: usize,
        row: &Value,
        period: &Period,
    ) -> Option<EnergyRow> {
        let base = format!("{at}energy[{index}]");
        let p = |field: &str| format!("{base}.{field}");
        let Some(obj) = row.as_object() else {
            self.error(
                &base,
                t!("an energy row must be an object, not {0}", kind_of(row)),
            );
            return None;
        };
        let before = self.errors.len();
        self.earlier = None;
        let site = self.text(obj, "site", &p("site")).unwrap_or_default();
        let row_period = self.text(obj, "period", &p("period"));

        let source = match obj.get("source") {
            Some(Value::String(s)) => {
                let found = Source::from_id(s.trim());
                if found.is_none() {
                    let known: Vec<_> = Source::ALL.iter().map(|s| s.id()).collect();
                    self.error(
                        &p("source"),
                        t!("unknown source “{0}”; use one of: {1}", s, known.join(", ")),
                    );
                }
                found
            }
            None | Some(Value::Null) => {
                self.error(&p("source"), t!("choose a source (electricity or a fuel)"));
                None
            }
            Some(other) => {
                self.error(
                    &p("source"),
                    t!("source must be text, not {0}", kind_of(other)),
                );
                None
            }
        };

        let mobile = match self.text(obj, "mobile", &p("mobile")) {
            Some(m) if !m.trim().is_empty() => {
                let found = Mobile::from_id(&m);
                if found.is_none() {
                    self.error(
                        &p("mobile"),
                        t!(
                            "mobile is “road” (a vehicle) or “off_road” (mobile machinery), not “{0}”",
                            m.trim()
                        ),
                    );
                }
                found
            }
            _ => None,
        };
        let km = self.number(Some(obj), "distance_km", &p("distance_km"));
        let economy = self.number(Some(obj), "l_per_100km", &p("l_per_100km"));
        // A vehicle's litres from its distance and fuel economy: either key present (even
        // empty, as the page leaves them) asks for both.
        let by_distance = ["distance_km", "l_per_100km"]
            .iter()
            .any(|k| obj.get(*k).is_some_and(|v| !v.is_null()));
        let distance = match (km, economy) {
            _ if !by_distance => None,
            (Field::Given(km), Field::Given(l_per_100km)) => {
                if mobile != Some(Mobile::Road) {
                    self.error(
                        &p("distance_km"),
                        t!("a distance applies to a road vehicle: set mobile to “road”"),
                    );
                }
                Some(Box::new(Distance { km, l_per_100km }))
            }
            (km, economy) => {
                if km == Field::Missing {
                    self.error(
                        &p("distance_km"),
                        t!("a fuel economy needs the distance driven in km"),
                    );
                }
                if economy == Field::Missing {
                    self.error(
                        &p("l_per_100km"),
                        t!("a distance needs the vehicle's fuel economy in L/100 km"),
                    );
                }
                None
            }
        };
        let unit = match obj.get("unit") {
            None | Some(Value::Null) if by_distance => Some(QuantityUnit::L),
            Some(Value::String(s))
                if by_distance && QuantityUnit::from_id(s) != Some(QuantityUnit::L) =>
            {
                self.error(
                    &p("unit"),
                    t!("a distance with its fuel economy gives litres: set the unit to L"),
                );
                None
            }
            Some(Value::String(s)) => match QuantityUnit::from_id(s) {
                Some(u) => Some(u),
                None => {
                    self.error(
                        &p("unit"),
                        t!(
                            "unknown unit “{0}”; use kWh, MWh, GJ, m3, kg, t, L, unit (towngas) or RTh (cooling)",
                            s
                        ),
                    );
                    None
                }
            },
            _ => {
                self.error(
                    &p("unit"),
                    t!("choose a unit (kWh, MWh, GJ, m3, kg, L or unit)"),
                );
                None
            }
        };
        if let (Some(src), Some(u)) = (source, unit) {
            if !src.units().contains(&u) {
                let fits: Vec<_> = src.units().iter().map(|u| u.symbol()).collect();
                let message = match u {
                    QuantityUnit::M3 => t!(
                        "m³ is a volume and fits only gaseous fuels; {0} is measured in {1}",
                        src.noun(),
                        fits.join(", ")
                    ),
                    _ => t!("{0} is measured in {1}", src.noun(), fits.join(", ")),
                };
                self.error(&p("unit"), message);
            }
        }

        let quantity = match (
            self.number(Some(obj), "quantity", &p("quantity")),
            &distance,
        ) {
            (Field::Given(_), Some(_)) => {
                self.error(
                    &p("quantity"),
                    t!("give the litres or the distance with its fuel economy, not both"),
                );
                None
            }
            (Field::Given(q), None) => Some(q),
            (Field::Missing, Some(d)) => {
                let litres =
                    d.km.cmul(d.l_per_100km)
                        .and_then(|x| x.cdiv(Decimal::ONE_HUNDRED));
                if litres.is_none() {
                    self.error(&p("distance_km"), super::text::overflow());
                }
                litres
            }
            (Field::Missing, None) if by_distance => None,
            (Field::Missing, None) => {
                self.error(&p("quantity"), t!("enter the quantity consumed"));
                None
            }
            (Field::Invalid, _) => None,
        };

        // Calorific value: the source's default, or the row's own under the key that fits it.
        let mut ncv = source
            .and_then(|s| Some((s.physical()?, s.default_ncv()?)))
            .map(|(physical, c)| Ncv {
                kj_per_unit: c.value,
                physical,
                source: constant_source(&c),
                overridden: false,
            });
        for physical in [Physical::M3, Physical::Kg, Physical::TowngasUnit] {
            let key = physical.ncv_key();
            match self.number(Some(obj), key, &p(key)) {
                Field::Given(v) if v.is_zero() => {
                    self.error(&p(key), t!("the calorific value must be above zero"))
                }
                Field::Given(v) => match source {
                    Some(s) if s.physical() == Some(physical) => {
                        ncv = Some(Ncv {
                            kj_per_unit: v,
                            physical,
                            source: format!(
                                "this row: {} kJ/{}",
                                number::plain(v),
                                physical.symbol()
                            ),
                            overridden: true,
                        });
                    }
                    Some(s) => self.error(&p(key), t!("{0} does not fit {1}", key, s.noun())),
                    None => {}
                },
                _ => {}
            }
        }
        let density_kg_per_l =
            match self.number(Some(obj), "density_kg_per_l", &p("density_kg_per_l")) {
                Field::Given(d) if d.is_zero() => {
                    self.error(&p("density_kg_per_l"), t!("the density must be above zero"));
                    None
                }
                Field::Given(d) => Some(d),
                _ => None,
            };
        // Litres become kg through the row's density, or the fuel's cited default.
        let needs_density = |factor_per_litre: bool| {
            density_kg_per_l.is_none()
                && source.is_some_and(|s| s.physical() == Some(Physical::Kg))
                && (unit == Some(QuantityUnit::L) || factor_per_litre)
        };
        let mut default_density = None;
        if needs_density(false) {
            default_density = source.and_then(Source::default_density);
            if default_density.is_none() {
                self.error(
                    &p("density_kg_per_l"),
                    t!("litres need the fuel's density in kg/L (density_kg_per_l), e.g. from the supplier's delivery note"),
                );
            }
        }
        let grid = self
            .text(obj, "grid", &p("grid"))
            .filter(|g| !g.trim().is_empty());
        let explicit_factor = obj.get("factor").filter(|v| !v.is_null()).cloned();
        let air = if obj.get("air").is_some_and(|v| !v.is_null()) {
            let air = self.air(obj, &p("air"));
            if air.is_some() && source.is_some_and(|s| !s.is_direct()) {
                self.error(
                    &p("air"),
                    t!("{0} is not burnt on site: its NOx, SOx and particulates are the supplier's", source.map(Source::noun).unwrap_or_else(|| Text::verbatim(""))),
                );
            }
            air
        } else {
            None
        };

        let factor = match (source, &explicit_factor) {
            (Some(src), Some(v)) => self.factor(v, &p("factor"), src),
            (Some(Source::Electricity), _) if mobile.is_some() => {
                self.error(
                    &p("mobile"),
                    t!("an electric vehicle's charging is purchased electricity (Scope 2): enter it as electricity, not as mobile"),
                );
                FactorChoice::None
            }
            (Some(Source::Electricity), None) => match &grid {
                Some(g) => self.grid(
                    g,
                    &p("grid"),
                    row_period.as_deref().or(period.period.as_deref()),
                    &period.settings,
                ),
                None => FactorChoice::None,
            },
            (Some(src), None) => {
                if grid.is_some() {
                    self.error(&p("grid"), t!("a grid applies to electricity only"));
                }
                match mobile {
                    // A vehicle's fuel takes the mobile factors, whatever the stationary preset.
                    Some(m) => match library::default_mobile_factor(src, m).and_then(library::find)
                    {
                        Some(r) => FactorChoice::Preset(r),
                        None => {
                            self.error(
                                &p("mobile"),
                                t!(
                                    "the IPCC's mobile tables have no {0} factor for {1}: choose the line's emission factor, or make it stationary",
                                    m.id(),
                                    src.noun()
                                ),
                            );
                            FactorChoice::None
                        }
                    },
                    None => {
                        let chosen = period
                            .settings
                            .fuel_factors
                            .iter()
                            .find(|(s, _)| *s == src)
                            .map(|(_, r)| *r);
                        match chosen
                            .or_else(|| library::default_fuel_factor(src).and_then(library::find))
                        {
                            Some(r) => FactorChoice::Preset(r),
                            None if src == Source::Cooling => {
                                self.error(
                                    &p("factor"),
                                    t!("district cooling has no published factor: enter the supplier's (kg CO2e per kWh of cooling) with its source"),
                                );
                                FactorChoice::None
                            }
                            None => FactorChoice::None,
                        }
                    }
                }
            }
            (None, _) => FactorChoice::None,
        };

        if let (Some((_, f_unit)), Some(u)) = (factor.gases(), unit) {
            if f_unit.per == super::units::Per::L && u != QuantityUnit::L && needs_density(true) {
                default_density = source.and_then(Source::default_density);
                if default_density.is_none() {
                    self.error(
                        &p("density_kg_per_l"),
                        t!("a factor per litre needs the quantity in L, or the fuel's density (density_kg_per_l)"),
                    );
                }
            }
        }
        if self.errors.len() > before {
            return None;
        }
        Some(EnergyRow {
            index,
            site,
            period: row_period,
            source: source?,
            quantity: quantity?,
            unit: unit?,
            ncv,
            density_kg_per_l,
            default_density,
            grid,
            explicit_factor,
            factor,
            mobile,
            distance,
            towngas_scope2: source == Some(Source::Towngas) && period.settings.towngas_scope2,
            earlier: self.earlier.take(),
            air,
        })
    }

    /// A line's `air`: `{ "nox"?, "sox"?, "pm"?, "unit": "g/km" | "kg/L" | …, "source"? }`.
    fn air(&mut self, obj: &Map<String, Value>, path: &str) -> Option<Box<AirFactor>> {
        let a = self.object(obj, "air", path)?;
        let mut values = [None; 3];
        for (slot, key) in values.iter_mut().zip(AIR_KEYS) {
            if let Field::Given(v) = self.number(Some(a), key, &format!("{path}.{key}")) {
                *slot = Some(v);
            }
        }
        let upath = format!("{path}.unit");
        let unit = a.get("unit").and_then(Value::as_str).unwrap_or("");
        let compact: String = unit.chars().filter(|c| !c.is_whitespace()).collect();
        let parsed = compact.split_once('/').and_then(|(m, per)| {
            let grams = match m.to_ascii_lowercase().as_str() {
                "g" => true,
                "kg" => false,
                _ => return None,
            };
            let per = match per.to_ascii_lowercase().as_str() {
                "km" => AirPer::Km,
                "l" | "litre" | "liter" => AirPer::L,
                "kg" => AirPer::Kg,
                "t" | "tonne" => AirPer::T,
                "gj" => AirPer::Gj,
                _ => return None,
            };
            Some((grams, per))
        });
        let Some((grams, per)) = parsed else {
            self.error(
                &upath,
                t!("the air-emission factors' unit is g or kg per km, L, kg, t or GJ (e.g. g/km), not “{0}”", unit),
            );
            return None;
        };
        if values.iter().all(Option::is_none) {
            self.error(path, t!("give at least one of nox, sox and pm"));
            return None;
        }
        let source = self
            .text(a, "source", &format!("{path}.source"))
            .filter(|s| !s.trim().is_empty());
        Some(Box::new(AirFactor {
            values,
            grams,
            per,
            source,
        }))
    }

    /// A region's factor in one edition, made once per reading: Sichuan and Chongqing move to
    /// the Southwest grid in the editions that have it.
    fn regional(
        &mut self,
        edition_id: &'static str,
        edition: GridEdition,
        base: Region,
        province: Option<&str>,
        om_weight: Decimal,
    ) -> Result<Rc<GridFactor>, (&'static str, &'static str)> {
        let region = if library::has_southwest(edition)
            && matches!(province, Some("sichuan" | "chongqing"))
        {
            Region::Southwest
        } else {
            base
        };
        if let Some(f) = self.cached(edition_id, region.id()) {
            return Ok(f);
        }
        let f = Rc::new(
            library::regional_factor(edition, region, om_weight)
                .ok_or((region.label(), edition_id))?,
        );
        self.grids.push((edition_id, region.id(), f.clone()));
        Ok(f)
    }

    fn cached(&self, edition_id: &str, place: &str) -> Option<Rc<GridFactor>> {
        self.grids
            .iter()
            .find(|(e, p, _)| *e == edition_id && *p == place)
            .map(|(_, _, f)| f.clone())
    }

    fn grid(
        &mut self,
        grid: &str,
        path: &str,
        period: Option<&str>,
        settings: &Settings,
    ) -> FactorChoice {
        let key = grid.trim();
        let lower = key.to_ascii_lowercase();
        let province = library::PROVINCES
            .iter()
            .find(|(id, sc, tc, _)| *id == lower || *sc == key || *tc == key);
        let region = Region::ALL
            .into_iter()
            .find(|r| r.id() == lower)
            .or_else(|| province.map(|p| p.3));
        let years_of_line = || period.and_then(years_of);
        let record = |id: &str| library::find(id);
        let single = |r: &'static FactorRecord| FactorChoice::Library(r);
        let year = years_of_line().map(Years::last);
        if let Some(base) = region {
            // A provincial edition: a province's own average; a regional grid's line takes the
            // same announcement's regional table.
            let mut regional_of = None;
            if let GridEdition::Provincial(id) = settings.grid_edition {
                let Some(table) = library::provincial_table(id) else {
                    return FactorChoice::None;
                };
                if year.is_some_and(|y| y > table.year.saturating_add(3)) {
                    self.earlier = Some("grid");
                }
                match (province, table.regional) {
                    (Some(_), _) => {}
                    (None, Some(r)) => regional_of = library::grid_edition(r).map(|e| (r, e)),
                    (None, None) => {
                        self.error(
                            path,
                            t!("edition {0} has provinces only, no regional table the library could check: give the line its province (e.g. guangdong, 廣東)", table.id),
                        );
                        return FactorChoice::None;
                    }
                }
            }
            if let (GridEdition::Provincial(id), Some(p)) = (settings.grid_edition, province) {
                let Some(table) = library::provincial_table(id) else {
                    return FactorChoice::None;
                };
                let made = match self.cached(table.id, p.0) {
                    Some(f) => Some(f),
                    None => library::provincial_factor(table, p.0).map(|f| {
                        let f = Rc::new(f);
                        self.grids.push((table.id, p.0, f.clone()));
                        f
                    }),
                };
                return match made {
                    Some(factor) => FactorChoice::Grid {
                        grid: key.to_string(),
                        factor,
                        unit: FactorUnit::T_PER_MWH,
                        gas: Gas::Co2,
                    },
                    None => {
                        self.error(path, t!("no factor for {0} in edition {1}", p.0, table.id));
                        FactorChoice::None
                    }
                };
            }
            // `latest`: the MEE/NBS edition of the line's year, or the latest before it; a
            // financial year also takes its first calendar year's edition for its months.
            let (edition_id, edition, later, first) = match (regional_of, settings.grid_edition) {
                (Some((id, e)), _) => (id, e, false, None),
                (None, GridEdition::Latest) => {
                    let (id, later) = library::latest_edition(year);
                    let Some(e) = library::grid_edition(id) else {
                        return FactorChoice::None;
                    };
                    let first = match years_of_line() {
                        Some(Years::Split(y)) => {
                            let (a, _) = library::latest_edition(Some(y));
                            library::grid_edition(a)
                                .filter(|_| a != id)
                                .map(|ea| (a, ea))
                        }
                        _ => None,
                    };
                    (id, e, later, first)
                }
                (None, e) => (
                    library::GRID_EDITIONS
                        .iter()
                        .find(|(k, _)| *k == settings.grid_edition_id)
                        .map_or(library::DEFAULT_GRID_EDITION, |(k, _)| *k),
                    e,
                    false,
                    None,
                ),
            };
            // The latest edition before the line's year, or one more than three years older
            // than the line, is flagged.
            let edition_year = edition_id
                .split('-')
                .find_map(|part| part.parse::<u16>().ok());
            if later {
                self.earlier = Some("latest");
            } else if let (Some(y), Some(e)) = (year, edition_year) {
                if y > e.saturating_add(3) {
                    self.earlier = Some("grid");
                }
            }
            let place = province.map(|p| p.0);
            let w = settings.grid_om_weight;
            let made = match first {
                None => self.regional(edition_id, edition, base, place, w),
                Some((first_id, first_edition)) => {
                    let a = self.regional(first_id, first_edition, base, place, w);
                    let b = self.regional(edition_id, edition, base, place, w);
                    match (a, b) {
                        (Ok(a), Ok(b)) => {
                            let second = settings.year_end_month;
                            library::by_months(&a, &b, 12 - second, second)
                                .map(Rc::new)
                                .ok_or((base.label(), edition_id))
                        }
                        (Err(e), _) | (_, Err(e)) => Err(e),
                    }
                }
            };
            return match made {
                Ok(factor) => FactorChoice::Grid {
                    grid: key.to_string(),
                    factor,
                    unit: FactorUnit::T_PER_MWH,
                    gas: Gas::Co2,
                },
                Err((place, edition_id)) => {
                    self.error(
                        path,
                        t!("no factor for {0} in edition {1}", place, edition_id),
                    );
                    FactorChoice::None
                }
            };
        }
        match lower.as_str() {
            "cn-national" => {
                // `latest`: the MEE/NBS national average of the line's year, unless the scenario
                // chose a national factor of its own.
                let by_year = (settings.grid_edition == GridEdition::Latest
                    && settings.national_grid == library::DEFAULT_NATIONAL)
                    .then(|| library::of_year(library::MEE_NATIONAL, year))
                    .flatten();
                if by_year.is_some_and(|(_, later)| later) {
                    self.earlier = Some("latest");
                }
                let Some(r) = record(by_year.map_or(settings.national_grid.as_str(), |(id, _)| id))
                else {
                    return FactorChoice::None;
                };
                // A financial year: its first calendar year's average for its months.
                let first = match (by_year, years_of_line()) {
                    (Some(_), Some(Years::Split(y))) => {
                        library::of_year(library::MEE_NATIONAL, Some(y))
                            .and_then(|(id, _)| record(id))
                            .filter(|a| a.id != r.id)
                    }
                    _ => None,
                };
                let second = settings.year_end_month;
                match first.and_then(|a| library::apportioned(a, r, 12 - second, second)) {
                    Some(factor) => FactorChoice::Grid {
                        grid: key.to_string(),
                        unit: r.unit,
                        gas: r.gases.first().map_or(Gas::Co2, |g| g.0),
                        factor: Rc::new(factor),
                    },
                    None => single(r),
                }
            }
            "hk-default" => record("hk-gov-default-electricity").map_or(FactorChoice::None, single),
            "hk-electric" | "clp" => {
                let (table, prefix, name) = if lower == "clp" {
                    (library::CLP, "clp", "CLP")
                } else {
                    (library::HK_ELECTRIC, "hk-electric", "HK Electric")
                };
                let years: Vec<String> = table.iter().map(|(y, _)| y.to_string()).collect();
                let latest = table.iter().map(|(y, _)| *y).max().unwrap_or(0);
                // The table's year for a calendar year: its own, or (not published yet, or not
                // found in the utility's own report) the latest, which a check then names.
                let pick = |me: &mut Self, y: u16| -> Option<&'static FactorRecord> {
                    if table.iter().any(|(ty, _)| *ty == y) {
                        record(&format!("{prefix}-{y}"))
                    } else if y > latest {
                        me.earlier = Some("utility");
                        record(&format!("{prefix}-{latest}"))
                    } else {
                        me.error(
                            path,
                            t!(
                                "no {0} factor for {1} in the library (it has {2}); give the row a factor",
                                name,
                                y.to_string(),
                                years.join(", ")
                            ),
                        );
                        None
                    }
                };
                match years_of_line() {
                    Some(Years::Calendar(y)) => pick(self, y).map_or(FactorChoice::None, single),
                    Some(Years::Split(y)) => {
                        let (Some(a), Some(b)) = (pick(self, y), pick(self, y.saturating_add(1)))
                        else {
                            return FactorChoice::None;
                        };
                        if a.id == b.id {
                            return single(a);
                        }
                        let second = settings.year_end_month;
                        match library::apportioned(a, b, 12 - second, second) {
                            Some(factor) => FactorChoice::Grid {
                                grid: key.to_string(),
                                unit: a.unit,
                                gas: a.gases.first().map_or(Gas::Co2e, |g| g.0),
                                factor: Rc::new(factor),
                            },
                            None => FactorChoice::None,
                        }
                    }
                    None => {
                        self.error(
                            path,
                            t!(
                                "{0}'s factor depends on the year: give the scenario or the row a period (the library has {1})",
                                name,
                                years.join(", ")
                            ),
                        );
                        FactorChoice::None
                    }
                }
            }
            "xizang" | "tibet" | "西藏" => {
                self.error(
                    path,
                    t!("Tibet is not covered by China's regional grid tables; use cn-national or a custom factor"),
                );
                FactorChoice::None
            }
            _ => {
                self.error(
                    path,
                    t!("unknown grid “{0}”; use a province (e.g. guangdong, 廣東), a regional grid (cn-north … cn-south), cn-national, hk-electric, clp or hk-default", key),
                );
                FactorChoice::None
            }
        }
    }

    fn inline(&mut self, obj: &Map<String, Value>, path: &str) -> Option<InlineFactor> {
        let upath = format!("{path}.unit");
        let unit_text = obj.get("unit").and_then(Value::as_str);
        let unit = unit_text.and_then(FactorUnit::from_id);
        let mut gases = Vec::new();
        const PER_GAS: [Gas; 4] = [Gas::Co2, Gas::Ch4, Gas::N2o, Gas::Co2Biogenic];
        let per_gas = PER_GAS.iter().any(|g| obj.contains_key(g.key()));
        if per_gas {
            for gas in PER_GAS {
                let key = gas.key();
                match self.number(Some(obj), key, &format!("{path}.{key}")) {
                    Field::Given(v) => gases.push((gas, v)),
                    Field::Missing => {}
                    Field::Invalid => return None,
                }
            }
            if obj.contains_key("value") {
                self.error(
                    &format!("{path}.value"),
                    t!("give either value (CO2e) or co2/ch4/n2o, not both"),
                );
                return None;
            }
        } else {
            let vpath = format!("{path}.value");
            match self.number(Some(obj), "value", &vpath) {
                Field::Given(v) => {
                    let gas = if unit_text
                        .is_some_and(|u| u.to_ascii_lowercase().replace(' ', "").contains("co2/"))
                    {
                        Gas::Co2
                    } else {
                        Gas::Co2e
                    };
                    gases.push((gas, v));
                }
                Field::Missing => {
                    self.error(&vpath, t!("enter the factor's value"));
                    return None;
                }
                Field::Invalid => return None,
            }
        }
        let Some(unit) = unit else {
            self.error(
                &upath,
                t!("choose the factor's unit, e.g. tCO2e/MWh, kgCO2e/kWh, kgCO2e/m3, kgCO2e/GJ, kg/TJ, kgCO2e/kg, kgCO2e/L, kgCO2e/unit"),
            );
            return None;
        };
        let source_note = self
            .text(obj, "source", &format!("{path}.source"))
            .filter(|s| !s.trim().is_empty());
        Some(InlineFactor {
            gases,
            unit,
            source_note,
        })
    }

    fn factor(&mut self, value: &Value, path: &str, source: Source) -> FactorChoice {
        let choice = match value {
            Value::String(id) => match library::find(id) {
                Some(r) if r.sources.contains(&source) => FactorChoice::Library(r),
                Some(r) => {
                    self.error(
                        path,
                        t!(
                            "“{0}” is a factor for {1}, not {2}",
                            &r.id,
                            sources_text(r.sources),
                            source.noun()
                        ),
                    );
                    return FactorChoice::None;
                }
                None => {
                    self.error(
                        path,
                        t!("“{0}” is not a factor in the built-in library", id),
                    );
                    return FactorChoice::None;
                }
            },
            Value::Object(obj) => match self.inline(obj, path) {
                Some(f) => FactorChoice::Inline(f),
                None => return FactorChoice::None,
            },
            other => {
                self.error(
                    path,
                    t!(
                        "a factor is a library id or { value, unit }, not {0}",
                        kind_of(other)
                    ),
                );
                return FactorChoice::None;
            }
        };
        if let Some((_, unit)) = choice.gases() {
            if let Some(want) = unit.per.physical() {
                if source.physical() != Some(want) {
                    self.error(
                        &format!("{path}.unit"),
                        t!(
                            "a factor per {0} does not fit {1}",
                            want.symbol(),
                            source.noun()
                        ),
                    );
                    return FactorChoice::None;
                }
            }
            if unit.per == super::units::Per::L && source.physical() != Some(Physical::Kg) {
                self.error(
                    &format!("{path}.unit"),
                    t!("a factor per litre does not fit {0}", source.noun()),
                );
                return FactorChoice::None;
            }
        }
        choice
    }

    /// Revenue in RMB million, or in another currency with its rate to RMB.
    fn revenue(
        &mut self,
        org: Option<&Map<String, Value>>,
        id: PeriodId,
    ) -> (Field, Option<ForeignRevenue>) {
        let p = |f: Figure| f.at(id);
        let rmb = self.figure(org, Figure::RevenueRmbMillion, id);
        let currency = self
            .figure_text(org, Figure::RevenueCurrency, id)
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty());
        match currency.as_deref() {
            None | Some("RMB" | "CNY") => {
                if let Field::Given(_) = self.figure(org, Figure::RevenueMillion, id) {
                    self.error(
                        &p(Figure::RevenueMillion),
                        t!("revenue_million needs its currency (revenue_currency); revenue in RMB goes in revenue_rmb_million"),
                    );
                    return (Field::Invalid, None);
                }
                (rmb, None)
            }
            Some(c) if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => {
                if rmb != Field::Missing {
                    self.error(
                        &p(Figure::RevenueRmbMillion),
                        t!("give revenue either in RMB million (revenue_rmb_million) or in {0} million (revenue_million), not both", c),
                    );
                }
                let amount = self.figure(org, Figure::RevenueMillion, id);
                let mut rate = self.figure(org, Figure::FxRmbPerUnit, id);
                match rate {
                    Field::Given(r) if r.is_zero() => {
                        self.error(
                            &p(Figure::FxRmbPerUnit),
                            t!("the exchange rate must be above zero"),
                        );
                        rate = Field::Invalid;
                    }
                    Field::Missing if amount != Field::Missing => {
                        self.error(
                            &p(Figure::FxRmbPerUnit),
                            t!("give the exchange rate: RMB per 1 {0} (e.g. the period's average central parity), with its source", c),
                        );
                        rate = Field::Invalid;
                    }
                    _ => {}
                }
                let rate_source = self
                    .figure_text(org, Figure::FxSource, id)
                    .filter(|s| !s.trim().is_empty());
                (
                    Field::Missing,
                    Some(ForeignRevenue {
                        currency: c.to_string(),
                        amount,
                        rmb_per_unit: rate,
                        rate_source,
                    }),
                )
            }
            Some(c) => {
                self.error(
                    &p(Figure::RevenueCurrency),
                    t!("“{0}” is not a currency code; use a three-letter ISO 4217 code such as RMB, HKD or USD", c),
                );
                (Field::Invalid, None)
            }
        }
    }

    /// The production volume and its unit, for intensities per unit produced.
    fn production(&mut self, org: Option<&Map<String, Value>>, id: PeriodId) -> Option<Production> {
        let quantity = self.figure(org, Figure::ProductionQuantity, id);
        let unit = self
            .figure_text(org, Figure::ProductionUnit, id)
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        match (quantity, unit) {
            (Field::Missing, None) => None,
            (quantity, Some(unit)) => Some(Production { quantity, unit }),
            (quantity, None) => {
                self.error(
                    &Figure::ProductionUnit.at(id),
                    t!("name the unit of production (e.g. tonnes of product, vehicles, rooms sold)"),
                );
                Some(Production {
                    quantity: match quantity {
                        Field::Given(_) => Field::Invalid,
                        other => other,
                    },
                    unit: String::new(),
                })
            }
        }
    }

    fn waste_item(&mut self, at: &str, index: usize, item: &Value) -> Option<WasteItem> {
        let base = format!("{at}waste.items[{index}]");
        let p = |field: &str| format!("{base}.{field}");
        let Some(obj) = item.as_object() else {
            self.error(
                &base,
                t!("a waste item must be an object, not {0}", kind_of(item)),
            );
            return None;
        };
        let before = self.errors.len();
        let site = self.text(obj, "site", &p("site")).unwrap_or_default();
        let kind = match self.text(obj, "kind", &p("kind")) {
            Some(k) => {
                let found = WasteKind::find(&k);
                if found.is_none() {
                    let known: Vec<_> = KINDS.iter().map(|k| k.id).collect();
                    self.error(
                        &p("kind"),
                        t!(
                            "unknown kind of waste “{0}”; use one of: {1}",
                            k,
                            known.join(", ")
                        ),
                    );
                }
                found
            }
            None => {
                self.error(&p("kind"), t!("choose the kind of waste"));
                None
            }
        };
        let unit = match obj.get("unit").and_then(Value::as_str).map(str::trim) {
            None | Some("t") | Some("") => Some(WasteUnit::T),
            Some("kg") => Some(WasteUnit::Kg),
            Some(other) => {
                self.error(
                    &p("unit"),
                    t!("waste is weighed in t or kg, not “{0}”", other),
                );
                None
            }
        };
        let quantity = match self.number(Some(obj), "quantity", &p("quantity")) {
            Field::Given(q) => Some(q),
            Field::Missing => {
                self.error(&p("quantity"), t!("enter the quantity"));
                None
            }
            Field::Invalid => None,
        };
        let hazardous_given = match obj.get("hazardous") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                self.error(
                    &p("hazardous"),
                    t!("hazardous is true or false, not {0}", kind_of(other)),
                );
                None
            }
        };
        let note = self
            .text(obj, "note", &p("note"))
            .filter(|n| !n.trim().is_empty());
        if self.errors.len() > before {
            return None;
        }
        let kind = kind?;
        Some(WasteItem {
            index,
            site,
            kind,
            hazardous: hazardous_given.unwrap_or(kind.hazardous),
            hazardous_given: hazardous_given.is_some(),
            quantity: quantity?,
            unit: unit?,
            note,
        })
    }

    fn refrigerant(
        &mut self,
        at: &str,
        index: usize,
        item: &Value,
        set: GwpSet,
    ) -> Option<RefrigerantRow> {
        let base = format!("{at}refrigerants[{index}]");
        let p = |field: &str| format!("{base}.{field}");
        let Some(obj) = item.as_object() else {
            self.error(
                &base,
                t!(
                    "a refrigerant line must be an object, not {0}",
                    kind_of(item)
                ),
            );
            return None;
        };
        let before = self.errors.len();
        let site = self.text(obj, "site", &p("site")).unwrap_or_default();
        let gas = match self.text(obj, "gas", &p("gas")) {
            Some(g) if !g.trim().is_empty() => match Refrigerant::find(&g) {
                Some(found) => match found.gwp(set) {
                    Ok(gwp) => Some((found, gwp)),
                    Err(_) => {
                        self.error(
                            &p("gas"),
                            t!(
                                "{0} has no GWP in {1}; choose a GWP set that gives one (AR6 gives the most)",
                                found.id(),
                                set.id()
                            ),
                        );
                        None
                    }
                },
                None => {
                    self.error(
                        &p("gas"),
                        t!(
                            "unknown gas “{0}”; write its ASHRAE designation (R-410A, R-32, R-134a, R-404A, R-22) or SF6, NF3, CO2",
                            g.trim()
                        ),
                    );
                    None
                }
            },
            _ => {
                self.error(&p("gas"), t!("choose the gas (R-410A, R-32, SF6 …)"));
                None
            }
        };
        let unit = match obj.get("unit").and_then(Value::as_str).map(str::trim) {
            Some("kg") => Some(WasteUnit::Kg),
            Some("t") => Some(WasteUnit::T),
            None | Some("") => {
                self.error(&p("unit"), t!("choose the unit: kg or t"));
                None
            }
            Some(other) => {
                self.error(
                    &p("unit"),
                    t!("a refrigerant is weighed in kg or t, not “{0}”", other),
                );
                None
            }
        };
        let quantity = self.number(Some(obj), "quantity", &p("quantity"));
        let charge = self.number(Some(obj), "charge", &p("charge"));
        let rate = self.number(Some(obj), "leak_rate_percent", &p("leak_rate_percent"));
        let equipment = match self.text(obj, "equipment", &p("equipment")) {
            Some(e) if !e.trim().is_empty() => {
                let found = Equipment::find(&e);
                if found.is_none() {
                    let known: Vec<_> = EQUIPMENT.iter().map(|k| k.id).collect();
                    self.error(
                        &p("equipment"),
                        t!(
                            "unknown kind of equipment “{0}”; use one of: {1}",
                            e.trim(),
                            known.join(", ")
                        ),
                    );
                }
                found
            }
            _ => None,
        };
        let release = match (quantity, charge) {
            (Field::Given(_), Field::Given(_)) => {
                self.error(
                    &p("charge"),
                    t!("give the quantity released or the equipment's charge (the screening method), not both"),
                );
                None
            }
            (Field::Given(q), _) => Some(Release::Measured(q)),
            (_, Field::Given(charge)) => match (rate, equipment) {
                (Field::Given(r), _) if r > Decimal::ONE_HUNDRED => {
                    self.error(
                        &p("leak_rate_percent"),
                        t!("a leak rate is a percentage of the charge per year: at most 100"),
                    );
                    None
                }
                (Field::Given(r), e) => Some(Release::Screening {
                    charge,
                    equipment: e,
                    rate_percent: r,
                    rate_given: true,
                }),
                (Field::Missing, Some(e)) => Some(Release::Screening {
                    charge,
                    equipment: Some(e),
                    rate_percent: e.rate_percent(),
                    rate_given: false,
                }),
                (Field::Missing, None) => {
                    self.error(
                        &p("equipment"),
                        t!("choose the kind of equipment (it gives the annual leak rate) or give the leak rate"),
                    );
                    None
                }
                (Field::Invalid, _) => None,
            },
            (Field::Missing, Field::Missing) => {
                self.error(
                    &p("quantity"),
                    t!("enter the quantity released (refilled), or the equipment's charge for the screening method"),
                );
                None
            }
            _ => None,
        };
        let note = self
            .text(obj, "note", &p("note"))
            .filter(|n| !n.trim().is_empty());
        if self.errors.len() > before {
            return None;
        }
        let (gas, gwp) = gas?;
        Some(RefrigerantRow {
            index,
            site,
            gas,
            gwp,
            gwp_set: set,
            release: release?,
            unit: unit?,
            note,
        })
    }

    fn instrument(&mut self, path: &str, item: &Value) -> Option<Instrument> {
        let Some(obj) = item.as_object() else {
            self.error(
                path,
                t!("an instrument must be an object, not {0}", kind_of(item)),
            );
            return None;
        };
        let mwh = match self.number(Some(obj), "mwh", &format!("{path}.mwh")) {
            Field::Given(v) => v,
            Field::Missing => {
                self.error(
                    &format!("{path}.mwh"),
                    t!("enter the MWh the instrument covers"),
                );
                return None;
            }
            Field::Invalid => return None,
        };
        match obj.get("type").and_then(Value::as_str) {
            Some("certificates") => Some(Instrument::Certificates {
                mwh,
                note: self.text(obj, "note", &format!("{path}.note")),
            }),
            Some("supplier") => {
                let fpath = format!("{path}.factor");
                let Some(fobj) = obj.get("factor").and_then(Value::as_object) else {
                    self.error(
                        &fpath,
                        t!("a supplier-specific instrument needs its factor { value, unit }"),
                    );
                    return None;
                };
                let factor = self.inline(fobj, &fpath)?;
                Some(Instrument::Supplier { mwh, factor })
            }
            _ => {
                self.error(
                    &format!("{path}.type"),
                    t!("type is “certificates” (green power certificates, at zero) or “supplier” (a supplier-specific factor)"),
                );
                None
            }
        }
    }
}

fn constant_source(c: &Constant) -> String {
    format!("{} [{}]", c.source, c.status.id())
}

fn sources_text(sources: &[Source]) -> Text {
    match sources {
        [one] => one.noun(),
        [first, rest @ ..] => t!("{0}, {1}", first.noun(), sources_text(rest)),
        [] => Text::verbatim(""),
    }
}

/// A JSON string or number as an exact, non-negative decimal.
fn decimal_of(v: &Value) -> Result<Option<Decimal>, Text> {
    let parsed = match v {
        Value::String(s) => number::parse_non_negative(s),
        // With serde_json's `arbitrary_precision`, a number keeps the digits it was written with.
        Value::Number(n) => number::parse_non_negative(&n.to_string()),
        Value::Null => Ok(None),
        other => return Err(t!("expected a number, not {0}", kind_of(other))),
    };
    parsed.map_err(|e: NumberError| e.text())
}

pub(crate) fn short(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(40) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

// ---------------------------------------------------------------------------------------
// Writing back

fn field(f: Field) -> Option<Value> {
    match f {
        Field::Given(d) => Some(Value::String(d.to_string())),
        _ => None,
    }
}

/// An object of the given members, leaving out absent ones; `None` when all are absent.
fn object_of(members: &[(&str, Option<Value>)]) -> Option<Value> {
    let map: Map<String, Value> = members
        .iter()
        .filter_map(|(k, v)| Some((k.to_string(), v.clone()?)))
        .collect();
    (!map.is_empty()).then_some(Value::Object(map))
}

fn inline_value(f: &InlineFactor) -> Value {
    let mut m = Map::new();
    match f.gases.as_slice() {
        [(Gas::Co2e, v)] => {
            m.insert("value".into(), json!(v.to_string()));
            m.insert("unit".into(), json!(f.unit.id()));
        }
        [(Gas::Co2, v)] => {
            m.insert("value".into(), json!(v.to_string()));
            m.insert("unit".into(), json!(f.unit.id().replace("CO2e", "CO2")));
        }
        gases => {
            for (g, v) in gases {
                m.insert(g.key().into(), json!(v.to_string()));
            }
            m.insert("unit".into(), json!(f.unit.id()));
        }
    }
    if let Some(s) = &f.source_note {
        m.insert("source".into(), json!(s));
    }
    Value::Object(m)
}

fn period_value(p: &Period, inherited: Option<&Settings>) -> Map<String, Value> {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            m.insert(k.into(), v);
        }
    };
    put("name", p.name.clone().map(Value::String));
    put("period", p.period.clone().map(Value::String));
    let s = &p.settings;
    let differs = |f: &dyn Fn(&Settings) -> bool| inherited.is_none_or(|i| !f(i));
    if s.gwp_given && differs(&|i| i.gwp == s.gwp) {
        put("gwp", Some(json!(s.gwp.id())));
    }
    if differs(&|i| i.grid_edition_id == s.grid_edition_id)
        && (inherited.is_some() || s.grid_edition_id != library::DEFAULT_GRID_EDITION)
    {
        put("grid_edition", Some(json!(s.grid_edition_id)));
    }
    if differs(&|i| i.grid_om_weight == s.grid_om_weight)
        && (inherited.is_some() || s.grid_om_weight != Decimal::new(5, 1))
    {
        put("grid_om_weight", Some(json!(s.grid_om_weight.to_string())));
    }
    if differs(&|i| i.towngas_scope2 == s.towngas_scope2)
        && (inherited.is_some() || s.towngas_scope2)
    {
        put(
            "towngas_scope",
            Some(json!(if s.towngas_scope2 { "scope2" } else { "scope1" })),
        );
    }
    if differs(&|i| i.year_end_month == s.year_end_month)
        && (inherited.is_some() || s.year_end_month != 3)
    {
        put("year_end_month", Some(json!(s.year_end_month)));
    }
    if differs(&|i| i.national_grid == s.national_grid)
        && (inherited.is_some() || s.national_grid != library::DEFAULT_NATIONAL)
    {
        put("national_grid", Some(json!(s.national_grid)));
    }
    if !s.fuel_factors.is_empty() && differs(&|i| i.fuel_factors == s.fuel_factors) {
        let map: Map<String, Value> = s
            .fuel_factors
            .iter()
            .map(|(src, r)| (src.id().to_string(), json!(r.id)))
            .collect();
        put("fuel_factors", Some(Value::Object(map)));
    }
    if s.consolidation.is_some() && differs(&|i| i.consolidation == s.consolidation) {
        put("consolidation", s.consolidation.map(|c| json!(c)));
    }
    if !s.intensities.is_empty() && differs(&|i| i.intensities == s.intensities) {
        put(
            "intensities",
            Some(Value::Array(
                s.intensities
                    .iter()
                    .map(|w| json!({ "kpi": w.of.id(), "per": w.per.id() }))
                    .collect(),
            )),
        );
    }
    let foreign = p.revenue_foreign.as_ref();
    let production = p.production.as_ref();
    put(
        "organisation",
        object_of(&[
            (Figure::FloorArea.key(), field(p.floor_area_m2)),
            (Figure::Employees.key(), field(p.employees)),
            (
                Figure::RevenueRmbMillion.key(),
                field(p.revenue_rmb_million),
            ),
            (
                Figure::RevenueCurrency.key(),
                foreign.map(|f| json!(f.currency)),
            ),
            (
                Figure::RevenueMillion.key(),
                foreign.and_then(|f| field(f.amount)),
            ),
            (
                Figure::FxRmbPerUnit.key(),
                foreign.and_then(|f| field(f.rmb_per_unit)),
            ),
            (
                Figure::FxSource.key(),
                foreign
                    .and_then(|f| f.rate_source.clone())
                    .map(Value::String),
            ),
            (
                Figure::ProductionQuantity.key(),
                production.and_then(|pr| field(pr.quantity)),
            ),
            (
                Figure::ProductionUnit.key(),
                production.map(|pr| json!(pr.unit)),
            ),
        ]),
    );
    let rows: Vec<Value> = p
        .energy
        .iter()
        .map(|r| {
            let mut row = Map::new();
            row.insert("site".into(), json!(r.site));
            if let Some(per) = &r.period {
                row.insert("period".into(), json!(per));
            }
            row.insert("source".into(), json!(r.source.id()));
            if let Some(m) = r.mobile {
                row.insert("mobile".into(), json!(m.id()));
            }
            match &r.distance {
                Some(d) => {
                    row.insert("distance_km".into(), json!(d.km.to_string()));
                    row.insert("l_per_100km".into(), json!(d.l_per_100km.to_string()));
                }
                None => {
                    row.insert("quantity".into(), json!(r.quantity.to_string()));
                }
            }
            row.insert("unit".into(), json!(r.unit.id()));
            if let Some(n) = r.ncv.as_ref().filter(|n| n.overridden) {
                row.insert(
                    n.physical.ncv_key().into(),
                    json!(n.kj_per_unit.to_string()),
                );
            }
            if let Some(d) = r.density_kg_per_l {
                row.insert("density_kg_per_l".into(), json!(d.to_string()));
            }
            if let Some(g) = &r.grid {
                row.insert("grid".into(), json!(g));
            }
            if let Some(a) = &r.air {
                let mut m = Map::new();
                for (v, key) in a.values.iter().zip(AIR_KEYS) {
                    if let Some(v) = v {
                        m.insert(key.into(), json!(v.to_string()));
                    }
                }
                let mass = if a.grams { "g" } else { "kg" };
                m.insert("unit".into(), json!(format!("{mass}/{}", a.per.id())));
                if let Some(src) = &a.source {
                    m.insert("source".into(), json!(src));
                }
                row.insert("air".into(), Value::Object(m));
            }
            match &r.factor {
                FactorChoice::Inline(f) if r.explicit_factor.is_some() => {
                    row.insert("factor".into(), inline_value(f));
                }
                FactorChoice::Library(rec) if r.explicit_factor.is_some() => {
                    row.insert("factor".into(), json!(rec.id));
                }
                _ => {}
            }
            Value::Object(row)
        })
        .collect();
    if !rows.is_empty() {
        put("energy", Some(Value::Array(rows)));
    }
    if !p.instruments.is_empty() {
        let items = p
            .instruments
            .iter()
            .map(|i| match i {
                Instrument::Certificates { mwh, note } => {
                    let mut v = json!({ "type": "certificates", "mwh": mwh.to_string() });
                    if let (Some(n), Some(o)) = (note, v.as_object_mut()) {
                        o.insert("note".into(), json!(n));
                    }
                    v
                }
                Instrument::Supplier { mwh, factor } => {
                    json!({ "type": "supplier", "mwh": mwh.to_string(), "factor": inline_value(factor) })
                }
            })
            .collect();
        put("instruments", Some(Value::Array(items)));
    }
    put(Figure::Water.key(), field(p.water_m3));
    put(
        "waste",
        object_of(&[
            (Figure::HazardousWaste.key(), field(p.hazardous_waste_t)),
            (
                Figure::NonHazardousWaste.key(),
                field(p.non_hazardous_waste_t),
            ),
            (
                "items",
                (!p.waste_items.is_empty())
                    .then(|| Value::Array(p.waste_items.iter().map(waste_item_value).collect())),
            ),
        ]),
    );
    put(Figure::Packaging.key(), field(p.packaging_t));
    put(
        "refrigerants",
        (!p.refrigerants.is_empty())
            .then(|| Value::Array(p.refrigerants.iter().map(refrigerant_value).collect())),
    );
    put(
        "scope3",
        (!p.scope3.is_empty()).then(|| Value::Array(p.scope3.iter().map(scope3_value).collect())),
    );
    put(
        "scope3_categories",
        (!p.scope3_categories.is_empty()).then(|| {
            Value::Array(
                p.scope3_categories
                    .iter()
                    .map(|c| {
                        let mut m = Map::new();
                        m.insert("category".into(), json!(c.category));
                        m.insert("status".into(), json!(c.status.id()));
                        if !c.reason.is_empty() {
                            m.insert("reason".into(), json!(c.reason));
                        }
                        Value::Object(m)
                    })
                    .collect(),
            )
        }),
    );
    if !p.published.is_empty() {
        let map: Map<String, Value> = p
            .published
            .iter()
            .map(|p| {
                let figure = json!(p.figure.to_string());
                let v = match &p.unit {
                    Some(u) => json!({ "value": figure, "unit": u }),
                    None => figure,
                };
                (p.id.clone(), v)
            })
            .collect();
        put("published", Some(Value::Object(map)));
    }
    m
}

fn waste_item_value(w: &WasteItem) -> Value {
    let mut m = Map::new();
    m.insert("site".into(), json!(w.site));
    m.insert("kind".into(), json!(w.kind.id));
    m.insert("quantity".into(), json!(w.quantity.to_string()));
    m.insert("unit".into(), json!(w.unit.id()));
    if w.hazardous_given {
        m.insert("hazardous".into(), json!(w.hazardous));
    }
    if let Some(n) = &w.note {
        m.insert("note".into(), json!(n));
    }
    Value::Object(m)
}

fn scope3_value(r: &Scope3Row) -> Value {
    let mut m = Map::new();
    m.insert("category".into(), json!(r.category));
    for (key, text) in [("description", &r.description), ("site", &r.site)] {
        if !text.is_empty() {
            m.insert(key.into(), json!(text));
        }
    }
    if let Some(u) = &r.usual {
        if u.quantity_given {
            m.insert("quantity".into(), json!(r.quantity.to_string()));
            m.insert("unit".into(), json!(r.unit.shown));
        }
        m.insert("factor".into(), json!(u.usual.id()));
        if let Some(s) = u.share {
            m.insert("share".into(), json!(s.to_string()));
        }
        if let Some(e) = &u.electricity {
            m.insert("electricity".into(), json!(e));
        }
        if let Some(n) = &r.note {
            m.insert("note".into(), json!(n));
        }
        return Value::Object(m);
    }
    match &r.flight {
        Some(f) => {
            m.insert("from".into(), json!(f.from));
            m.insert("to".into(), json!(f.to));
            if let Some(t) = f.trips {
                m.insert("trips".into(), json!(t.to_string()));
            }
            if f.return_trip {
                m.insert("return".into(), json!(true));
            }
        }
        None => {
            m.insert("quantity".into(), json!(r.quantity.to_string()));
            m.insert("unit".into(), json!(r.unit.shown));
        }
    }
    if let super::scope3::How::Factor(f, rate) = &r.how {
        m.insert(
            "factor".into(),
            match f.id {
                Some(id) => json!(id),
                None => {
                    json!({ "value": f.value.to_string(), "unit": f.unit_text, "source": f.source })
                }
            },
        );
        if let Some(rate) = rate {
            m.insert(
                "exchange_rate".into(),
                json!({ "value": rate.value.to_string(), "unit": format!("{}/{}", rate.top, rate.bottom) }),
            );
        }
    }
    if let Some(n) = &r.note {
        m.insert("note".into(), json!(n));
    }
    Value::Object(m)
}

fn refrigerant_value(r: &RefrigerantRow) -> Value {
    let mut m = Map::new();
    m.insert("site".into(), json!(r.site));
    m.insert("gas".into(), json!(r.gas.id()));
    match &r.release {
        Release::Measured(q) => {
            m.insert("quantity".into(), json!(q.to_string()));
        }
        Release::Screening {
            charge,
            equipment,
            rate_percent,
            rate_given,
        } => {
            m.insert("charge".into(), json!(charge.to_string()));
            if let Some(e) = equipment {
                m.insert("equipment".into(), json!(e.id));
            }
            if *rate_given {
                m.insert("leak_rate_percent".into(), json!(rate_percent.to_string()));
            }
        }
    }
    m.insert("unit".into(), json!(r.unit.id()));
    if let Some(n) = &r.note {
        m.insert("note".into(), json!(n));
    }
    Value::Object(m)
}

/// Writes a scenario that has been read back as `esg-kpi-scenario/1` JSON, numbers as exact
/// strings. Reading what it writes gives the same scenario.
pub fn to_value(s: &Scenario) -> Value {
    let mut root = Map::new();
    root.insert("schema".into(), json!(SCHEMA));
    root.extend(period_value(&s.current, None));
    for p in &s.others {
        root.insert(
            p.id.key().into(),
            Value::Object(period_value(p, Some(&s.current.settings))),
        );
    }
    Value::Object(root)
}
