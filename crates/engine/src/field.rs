//! The figures of a period: every input a period carries outside its lists of lines, in one
//! table. Each entry says where the figure sits in the scenario JSON (its path, which is also
//! the page's `data-input` and an input error's `path`), what the page calls it beside its
//! input, what sentences call it, and its unit. The reader, the saved JSON, the calculation
//! lines, the KPI denominators, the import's merge and the page all read this table, so a new
//! figure is one entry here (and its use in the calculation).
//!
//! Paths are the contract's (CONTRACT.md §3); a period other than the current one prefixes
//! them (`prior.water_m3`).

use crate::period::PeriodId;
use crate::text::Text;

/// A figure of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Figure {
    FloorArea,
    Employees,
    RevenueRmbMillion,
    RevenueCurrency,
    RevenueMillion,
    FxRmbPerUnit,
    FxSource,
    ProductionQuantity,
    ProductionUnit,
    Water,
    HazardousWaste,
    NonHazardousWaste,
    Packaging,
}

/// A figure's unit: as the contract's calculation lines write it (`m2`) and as people read it
/// (`m²`, or a word that is translated, such as "people").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A symbol shown as it is in every language: (contract spelling, symbol).
    Symbol(&'static str, &'static str),
    /// A word from the message table, the same in the contract's lines.
    Word(&'static str),
}

impl Unit {
    /// As the calculation lines' `unit` writes it (the contract's spelling).
    pub fn id(self) -> &'static str {
        match self {
            Unit::Symbol(id, _) | Unit::Word(id) => id,
        }
    }

    /// As people read it, in any language.
    pub fn text(self) -> Text {
        match self {
            Unit::Symbol(_, symbol) => Text::verbatim(symbol),
            Unit::Word(word) => Text::word(word),
        }
    }

    /// As a calculation line's sentence writes it (the contract's English: `m3`, "people").
    pub fn trace_text(self) -> Text {
        match self {
            Unit::Symbol(id, _) => Text::verbatim(id),
            Unit::Word(word) => Text::word(word),
        }
    }

    /// As people read it, in English.
    pub fn shown(self) -> &'static str {
        match self {
            Unit::Symbol(_, symbol) => symbol,
            Unit::Word(word) => word,
        }
    }
}

/// What a figure is: one row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Where it sits within a period: `organisation.floor_area_m2`.
    pub path: &'static str,
    /// The label beside its input (a message of the table in [`crate::text_table`]).
    pub label: &'static str,
    /// What a sentence calls it ("no floor area given"), also a message of the table.
    pub noun: &'static str,
    /// Its unit, where it has a fixed one (a revenue in another currency takes the currency's;
    /// a text figure has none).
    pub unit: Option<Unit>,
}

const M2: Unit = Unit::Symbol("m2", "m²");
const M3: Unit = Unit::Symbol("m3", "m³");
const T: Unit = Unit::Symbol("t", "t");

impl Figure {
    pub const ALL: [Figure; 13] = [
        Figure::FloorArea,
        Figure::Employees,
        Figure::RevenueRmbMillion,
        Figure::RevenueCurrency,
        Figure::RevenueMillion,
        Figure::FxRmbPerUnit,
        Figure::FxSource,
        Figure::ProductionQuantity,
        Figure::ProductionUnit,
        Figure::Water,
        Figure::HazardousWaste,
        Figure::NonHazardousWaste,
        Figure::Packaging,
    ];

    /// The table.
    pub const fn spec(self) -> Spec {
        const fn spec(
            path: &'static str,
            label: &'static str,
            noun: &'static str,
            unit: Option<Unit>,
        ) -> Spec {
            Spec {
                path,
                label,
                noun,
                unit,
            }
        }
        match self {
            Figure::FloorArea => spec(
                "organisation.floor_area_m2",
                "Floor area",
                "floor area",
                Some(M2),
            ),
            Figure::Employees => spec(
                "organisation.employees",
                "Employees",
                "employees",
                Some(Unit::Word("people")),
            ),
            Figure::RevenueRmbMillion => spec(
                "organisation.revenue_rmb_million",
                "Revenue",
                "revenue",
                Some(Unit::Word("RMB million")),
            ),
            Figure::RevenueCurrency => spec(
                "organisation.revenue_currency",
                "Revenue currency",
                "revenue currency",
                None,
            ),
            Figure::RevenueMillion => {
                spec("organisation.revenue_million", "Revenue", "revenue", None)
            }
            Figure::FxRmbPerUnit => spec(
                "organisation.fx_rmb_per_unit",
                "Exchange rate",
                "exchange rate",
                None,
            ),
            Figure::FxSource => spec(
                "organisation.fx_source",
                "Source of the exchange rate",
                "source of the exchange rate",
                None,
            ),
            Figure::ProductionQuantity => spec(
                "organisation.production_quantity",
                "Production volume (optional)",
                "production volume",
                None,
            ),
            Figure::ProductionUnit => spec(
                "organisation.production_unit",
                "Unit of production",
                "unit of production",
                None,
            ),
            Figure::Water => spec(
                "water_m3",
                "Water consumption",
                "water consumption",
                Some(M3),
            ),
            Figure::HazardousWaste => spec(
                "waste.hazardous_t",
                "Hazardous waste",
                "hazardous waste",
                Some(T),
            ),
            Figure::NonHazardousWaste => spec(
                "waste.non_hazardous_t",
                "Non-hazardous waste",
                "non-hazardous waste",
                Some(T),
            ),
            Figure::Packaging => spec(
                "packaging_t",
                "Packaging material",
                "packaging material",
                Some(T),
            ),
        }
    }

    /// Its path within a period: `organisation.floor_area_m2`.
    pub fn path(self) -> &'static str {
        self.spec().path
    }

    /// Its path in a period: `prior.water_m3`.
    pub fn at(self, period: PeriodId) -> String {
        format!("{}{}", period.prefix(), self.path())
    }

    /// The object of the period that holds it (`organisation`, `waste`), if not the period.
    pub fn object(self) -> Option<&'static str> {
        self.path().split_once('.').map(|(object, _)| object)
    }

    /// Its key in that object: `floor_area_m2`.
    pub fn key(self) -> &'static str {
        self.path().rsplit('.').next().unwrap_or_default()
    }

    /// The figure at a path within a period.
    pub fn from_path(path: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.path() == path)
    }

    /// Its label beside its input.
    pub fn label(self) -> Text {
        Text::word(self.spec().label)
    }

    /// What a sentence calls it.
    pub fn noun(self) -> Text {
        Text::word(self.spec().noun)
    }

    pub fn unit(self) -> Option<Unit> {
        self.spec().unit
    }

    /// Its value in a period's JSON object, if the period has one.
    pub fn get(
        self,
        period: &serde_json::Map<String, serde_json::Value>,
    ) -> Option<&serde_json::Value> {
        match self.object() {
            Some(object) => period.get(object)?.get(self.key()),
            None => period.get(self.key()),
        }
    }
}

/// The lists of lines a period holds, by their place in the period's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Energy,
    WasteItems,
    Refrigerants,
    Scope3,
    Scope3Categories,
}

impl List {
    pub const ALL: [List; 5] = [
        List::Energy,
        List::WasteItems,
        List::Refrigerants,
        List::Scope3,
        List::Scope3Categories,
    ];

    /// Where the list sits within a period: `energy`, `waste.items`.
    pub const fn path(self) -> &'static str {
        match self {
            List::Energy => "energy",
            List::WasteItems => "waste.items",
            List::Refrigerants => "refrigerants",
            List::Scope3 => "scope3",
            List::Scope3Categories => "scope3_categories",
        }
    }

    /// Its `n`th line (from 1) as a field's name says it: "Energy line 3".
    pub fn item(self, n: usize) -> Text {
        let n = n.to_string();
        match self {
            List::Energy => crate::t!("Energy line {0}", n),
            List::WasteItems => crate::t!("Waste item {0}", n),
            List::Refrigerants => crate::t!("Refrigerant line {0}", n),
            List::Scope3 => crate::t!("Scope 3 line {0}", n),
            List::Scope3Categories => crate::t!("Scope 3 category entry {0}", n),
        }
    }
}

/// An input of a line (an energy line, a waste item) or a setting of a period, by its key
/// within the line or the period: with [`Figure`], every input the page shows. The page reads
/// each one's key for its `data-input` path and its label for the text beside it, and
/// [`name_of`] names an input error's path with the same labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Gwp,
    GridEdition,
    GridOmWeight,
    Site,
    Source,
    Quantity,
    Unit,
    Density,
    Factor,
    Grid,
    FactorValue,
    FactorUnit,
    FactorSource,
    Kind,
    Hazardous,
    Gas,
    Charge,
    Equipment,
    LeakRate,
    Mobile,
    DistanceKm,
    Economy,
    TowngasScope,
    YearEnd,
    AirNox,
    AirSox,
    AirPm,
    AirUnit,
    AirSource,
    Category,
    Description,
    ExchangeRate,
    ExchangeRateUnit,
    Status,
    Reason,
    Share,
    Electricity,
    From,
    To,
    Trips,
    Return,
    Consolidation,
}

impl Input {
    pub const ALL: [Input; 42] = [
        Input::Gwp,
        Input::GridEdition,
        Input::GridOmWeight,
        Input::Site,
        Input::Source,
        Input::Quantity,
        Input::Unit,
        Input::Density,
        Input::Factor,
        Input::Grid,
        Input::FactorValue,
        Input::FactorUnit,
        Input::FactorSource,
        Input::Kind,
        Input::Hazardous,
        Input::Gas,
        Input::Charge,
        Input::Equipment,
        Input::LeakRate,
        Input::Mobile,
        Input::DistanceKm,
        Input::Economy,
        Input::TowngasScope,
        Input::YearEnd,
        Input::AirNox,
        Input::AirSox,
        Input::AirPm,
        Input::AirUnit,
        Input::AirSource,
        Input::Category,
        Input::Description,
        Input::ExchangeRate,
        Input::ExchangeRateUnit,
        Input::Status,
        Input::Reason,
        Input::Share,
        Input::Electricity,
        Input::From,
        Input::To,
        Input::Trips,
        Input::Return,
        Input::Consolidation,
    ];

    /// (key, label): the table.
    const fn spec(self) -> (&'static str, &'static str) {
        match self {
            Input::Gwp => ("gwp", "GWP set (100-year)"),
            Input::GridEdition => ("grid_edition", "Mainland grid-factor edition"),
            Input::GridOmWeight => (
                "grid_om_weight",
                "Combined margin: operating-margin weight w",
            ),
            Input::Site => ("site", "Site"),
            Input::Source => ("source", "Source"),
            Input::Quantity => ("quantity", "Quantity"),
            Input::Unit => ("unit", "Unit"),
            Input::Density => ("density_kg_per_l", "Density"),
            Input::Factor => ("factor", "Emission factor"),
            Input::Grid => ("grid", "Grid"),
            Input::FactorValue => ("factor.value", "Factor value"),
            Input::FactorUnit => ("factor.unit", "Factor unit"),
            Input::FactorSource => ("factor.source", "Source of this factor"),
            Input::Kind => ("kind", "Kind of waste"),
            Input::Hazardous => ("hazardous", "Counts as"),
            Input::Gas => ("gas", "Gas"),
            Input::Charge => ("charge", "Charge (kept in the equipment)"),
            Input::Equipment => ("equipment", "Kind of equipment"),
            Input::LeakRate => ("leak_rate_percent", "Annual leak rate (%)"),
            Input::Mobile => ("mobile", "Burnt in"),
            Input::DistanceKm => ("distance_km", "Distance driven"),
            Input::Economy => ("l_per_100km", "Fuel economy"),
            Input::TowngasScope => ("towngas_scope", "Towngas bought counts in"),
            Input::YearEnd => ("year_end_month", "A financial year (2024/25) ends in"),
            Input::AirNox => ("air.nox", "NOx (nitrogen oxides)"),
            Input::AirSox => ("air.sox", "SOx (sulphur oxides)"),
            Input::AirPm => ("air.pm", "Particulates (PM)"),
            Input::AirUnit => ("air.unit", "Per"),
            Input::AirSource => ("air.source", "Source of these air factors"),
            Input::Category => ("category", "GHG Protocol category"),
            Input::Description => ("description", "What it is"),
            Input::ExchangeRate => ("exchange_rate.value", "Exchange rate"),
            Input::ExchangeRateUnit => ("exchange_rate.unit", "Rate's currencies (e.g. HKD/USD)"),
            Input::Status => ("status", "In this report"),
            Input::Reason => ("reason", "Reason"),
            Input::Share => ("share", "Sewage, % of the fresh water"),
            Input::Electricity => ("electricity", "Electricity factor (kg CO2e/kWh)"),
            Input::From => ("from", "From (airport, IATA code)"),
            Input::To => ("to", "To (airport, IATA code)"),
            Input::Trips => ("trips", "Passengers × trips"),
            Input::Return => ("return", "One way or return"),
            Input::Consolidation => ("consolidation", "Consolidation approach (GHG Protocol)"),
        }
    }

    /// Its key within its line or period: `quantity`, `factor.value`, `gwp`.
    pub const fn key(self) -> &'static str {
        self.spec().0
    }

    /// Its label beside its input.
    pub fn label(self) -> Text {
        Text::word(self.spec().1)
    }

    /// Its path in a line: `energy[2].quantity`.
    pub fn in_line(self, line: &str) -> String {
        format!("{line}.{}", self.key())
    }

    pub fn from_key(key: &str) -> Option<Input> {
        Input::ALL.into_iter().find(|i| i.key() == key)
    }
}

/// An input's path as the page names the input: `prior.energy[2].quantity` is "Prior year ·
/// Energy line 3 · Quantity", `organisation.floor_area_m2` "Floor area". `None` for a path of
/// no input (a list, a published figure), which the caller shows as it is.
pub fn name_of(path: &str) -> Option<Text> {
    let (period, mut rest) = PeriodId::of_path(path);
    let mut parts = Vec::new();
    if period != PeriodId::Current {
        parts.push(period.name());
    }
    for list in List::ALL {
        if let Some(r) = rest
            .strip_prefix(list.path())
            .and_then(|r| r.strip_prefix('['))
        {
            let (index, r) = r.split_once(']')?;
            let n = index.parse::<usize>().ok()?.checked_add(1)?;
            parts.push(list.item(n));
            rest = r.strip_prefix('.').unwrap_or(r);
        }
    }
    if let Some(figure) = Figure::from_path(rest) {
        parts.push(figure.label());
    } else if !rest.is_empty() {
        parts.push(Input::from_key(rest)?.label());
    }
    parts
        .into_iter()
        .reduce(|named, part| crate::t!("{0} · {1}", named, part))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    /// Every label, noun and unit word is in the message table in all three languages (read
    /// from the table, not from source text).
    #[test]
    fn every_figure_is_named_in_three_languages() {
        for f in Figure::ALL {
            let mut texts = vec![f.label(), f.noun()];
            texts.extend(f.unit().map(Unit::text));
            for t in texts {
                assert!(t.untranslated().is_empty(), "{f:?}: {:?}", t.untranslated());
                for lang in [Lang::ZhHant, Lang::ZhHans] {
                    if t.templates() != ["{0}"] {
                        assert_ne!(t.render(lang), t.render(Lang::En), "{f:?} in {lang:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_input_is_named_in_three_languages_and_found_by_its_key() {
        for i in Input::ALL {
            assert_eq!(Input::from_key(i.key()), Some(i));
            let label = i.label();
            assert!(label.untranslated().is_empty(), "{i:?}");
            assert_ne!(label.render(Lang::ZhHant), label.render(Lang::En), "{i:?}");
        }
        for list in List::ALL {
            assert!(list.item(1).untranslated().is_empty(), "{list:?}");
        }
    }

    #[test]
    fn paths_are_named_as_the_page_labels_their_inputs() {
        for (lang, path, name) in [
            (Lang::ZhHant, "organisation.floor_area_m2", "樓面面積"),
            (Lang::En, "organisation.floor_area_m2", "Floor area"),
            (
                Lang::En,
                "prior.energy[2].quantity",
                "Prior year · Energy line 3 · Quantity",
            ),
            (
                Lang::ZhHans,
                "energy[0].factor.source",
                "能源项目 1 · 因子来源",
            ),
            (
                Lang::En,
                "base_year.waste.items[9]",
                "Base year · Waste item 10",
            ),
            (
                Lang::En,
                "energy[0].factor.unit",
                "Energy line 1 · Factor unit",
            ),
            (Lang::En, "prior.water_m3", "Prior year · Water consumption"),
            (Lang::En, "prior", "Prior year"),
            (Lang::En, "gwp", "GWP set (100-year)"),
        ] {
            assert_eq!(
                name_of(path).map(|t| t.render(lang)).as_deref(),
                Some(name),
                "{path}"
            );
        }
        // No input: the caller shows the path.
        for path in [
            "",
            "energy",
            "energy[x].unit",
            "energy[3",
            "published.ghg_total_t",
            "prior.nothing",
            "energy[18446744073709551615]",
        ] {
            assert_eq!(name_of(path), None, "{path}");
        }
    }

    #[test]
    fn paths_are_distinct_and_found_again() {
        for f in Figure::ALL {
            assert_eq!(Figure::from_path(f.path()), Some(f));
            assert_eq!(f.at(PeriodId::Prior), format!("prior.{}", f.path()));
            let rebuilt = match f.object() {
                Some(o) => format!("{o}.{}", f.key()),
                None => f.key().to_string(),
            };
            assert_eq!(rebuilt, f.path());
        }
        assert_eq!(Figure::from_path("organisation"), None);
        let period = serde_json::json!({ "organisation": { "employees": "3" }, "water_m3": "4" });
        let period = period.as_object().unwrap();
        assert_eq!(Figure::Employees.get(period), Some(&serde_json::json!("3")));
        assert_eq!(Figure::Water.get(period), Some(&serde_json::json!("4")));
        assert_eq!(Figure::FloorArea.get(period), None);
        assert_eq!(Figure::FloorArea.unit().map(Unit::id), Some("m2"));
        assert_eq!(Figure::FloorArea.unit().map(Unit::shown), Some("m²"));
    }
}
