//! The built-in factor library: one record per factor, each with its value(s), unit, gases,
//! calorific basis, region, edition, publisher, document, table, URL and status
//! (`../shared/research/factors.md`). A factor without a source is not in the library.
//!
//! China's grid factors are kept as edition tables by regional grid (so that a combined
//! margin is computed from its operating and build margins, never typed in), then listed as
//! one record per edition and region.

use super::units::{FactorUnit, Source, Status};
use crate::DecOps as _;
use rust_decimal::Decimal;
use std::sync::OnceLock;

/// A greenhouse gas, or a factor already in CO2 equivalent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Gas {
    Co2,
    Ch4,
    N2o,
    /// Already CO2e (a grid factor, a utility's published figure).
    Co2e,
    /// CO2 from burning biomass: reported beside the scopes (GWP 0 inside them).
    Co2Biogenic,
}

impl Gas {
    pub fn id(self) -> &'static str {
        match self {
            Gas::Co2 => "CO2",
            Gas::Ch4 => "CH4",
            Gas::N2o => "N2O",
            Gas::Co2e => "CO2e",
            Gas::Co2Biogenic => "CO2 (biogenic)",
        }
    }

    /// Its key in an inline per-gas factor: `co2`, `ch4`, `n2o`, `co2_biogenic`.
    pub fn key(self) -> &'static str {
        match self {
            Gas::Co2 => "co2",
            Gas::Ch4 => "ch4",
            Gas::N2o => "n2o",
            Gas::Co2e => "co2e",
            Gas::Co2Biogenic => "co2_biogenic",
        }
    }
}

/// 100-year global warming potentials, chosen per scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GwpSet {
    Sar,
    Ar4,
    Ar5,
    Ar6,
    /// AR6 with the fossil-methane value, for CH4 from burning fossil fuels.
    Ar6Fossil,
}

impl GwpSet {
    pub const ALL: [GwpSet; 5] = [
        GwpSet::Sar,
        GwpSet::Ar4,
        GwpSet::Ar5,
        GwpSet::Ar6,
        GwpSet::Ar6Fossil,
    ];
    /// Used when a scenario does not choose.
    pub const DEFAULT: GwpSet = GwpSet::Ar5;
    pub const SOURCE: &'static str =
        "IPCC assessment reports, 100-year GWP as tabulated by the GHG Protocol \
        (AR6: WG1 Table 7.SM.7); compiled in openclimatedata/globalwarmingpotentials [verified]";

    pub fn id(self) -> &'static str {
        match self {
            GwpSet::Sar => "SAR",
            GwpSet::Ar4 => "AR4",
            GwpSet::Ar5 => "AR5",
            GwpSet::Ar6 => "AR6",
            GwpSet::Ar6Fossil => "AR6-fossil",
        }
    }

    pub fn from_id(id: &str) -> Option<GwpSet> {
        GwpSet::ALL
            .into_iter()
            .find(|g| g.id().eq_ignore_ascii_case(id.trim()))
    }

    /// GWP of one gas (CO2 and CO2e are 1).
    pub fn of(self, gas: Gas) -> Decimal {
        let (ch4, n2o) = match self {
            GwpSet::Sar => (Decimal::new(21, 0), Decimal::new(310, 0)),
            GwpSet::Ar4 => (Decimal::new(25, 0), Decimal::new(298, 0)),
            GwpSet::Ar5 => (Decimal::new(28, 0), Decimal::new(265, 0)),
            GwpSet::Ar6 => (Decimal::new(279, 1), Decimal::new(273, 0)),
            GwpSet::Ar6Fossil => (Decimal::new(298, 1), Decimal::new(273, 0)),
        };
        match gas {
            Gas::Co2 | Gas::Co2e => Decimal::ONE,
            Gas::Co2Biogenic => Decimal::ZERO,
            Gas::Ch4 => ch4,
            Gas::N2o => n2o,
        }
    }
}

/// One record of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorRecord {
    pub id: String,
    pub name: String,
    /// One value per gas, in `unit`; a CO2e factor has one entry, `Gas::Co2e` or `Gas::Co2`.
    pub gases: Vec<(Gas, Decimal)>,
    pub unit: FactorUnit,
    pub calorific_basis: &'static str,
    pub region: String,
    pub edition: String,
    pub publisher: &'static str,
    pub document: &'static str,
    pub table: &'static str,
    pub url: &'static str,
    pub status: Status,
    /// What it is for and how to read it.
    pub note: String,
    /// The sources it applies to.
    pub sources: &'static [Source],
}

impl FactorRecord {
    /// The single value of a one-gas factor.
    pub fn single_value(&self) -> Option<Decimal> {
        match self.gases.as_slice() {
            [(_, v)] => Some(*v),
            _ => None,
        }
    }

    /// One line a reviewer can check: publisher, document, table, edition, URL, status.
    pub fn citation(&self) -> String {
        let mut parts = vec![self.publisher.to_string(), self.document.to_string()];
        for extra in [self.table, self.edition.as_str(), self.url] {
            if !extra.is_empty() {
                parts.push(extra.to_string());
            }
        }
        format!("{} [{}]", parts.join(", "), self.status.id())
    }
}

// ---------------------------------------------------------------------------------------
// Fuels (Scope 1)

struct FuelFactor {
    id: &'static str,
    name: &'static str,
    gases: &'static [(Gas, &'static str)],
    unit: FactorUnit,
    basis: &'static str,
    region: &'static str,
    edition: &'static str,
    publisher: &'static str,
    document: &'static str,
    table: &'static str,
    url: &'static str,
    status: Status,
    note: &'static str,
    sources: &'static [Source],
}

const IPCC: &str = "IPCC";
const IPCC_DOC: &str =
    "2006 IPCC Guidelines for National Greenhouse Gas Inventories, Vol. 2 Energy";
const IPCC_URL: &str = "https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol2.html";
const NG: &[Source] = &[Source::NaturalGas];

const FUELS: &[FuelFactor] = &[
    ipcc(
        "ng-ipcc2006-default",
        "Natural gas, IPCC 2006 default, commercial/institutional",
        &[(Gas::Co2, "56100"), (Gas::Ch4, "5"), (Gas::N2o, "0.1")],
        "Ch. 2 Table 2.4 (CO2 as Ch. 1 Table 1.4)",
        IPCC_URL,
        "The IPCC default; gives 280.61 t CO2 for the report's 1,389.45 MWh.",
        NG,
    ),
    FuelFactor {
        id: "ng-ipcc2006-lower",
        name: "Natural gas CO2, IPCC 2006 95% lower bound (as NDRC's grid-baseline notes tabulate)",
        gases: &[(Gas::Co2, "54300")],
        unit: FactorUnit::KG_PER_TJ,
        basis: "net calorific value",
        region: "global; used in China's grid baseline calculations",
        edition: "2006",
        publisher: "IPCC; tabulated by NDRC (China) in its regional grid baseline notes",
        document: "2006 IPCC Guidelines Vol. 2, 95% confidence interval of the default CO2 factor",
        table: "Ch. 1 Table 1.4 (lower bound); NDRC notes: IPCC燃料CO2排放因子的95%置信区间下限",
        url: "",
        status: Status::Unverified,
        note: "CO2 only. Reproduces the report's 271.69 t from 1,389.45 MWh to −0.03% (271.61 t).",
        sources: NG,
    },
    FuelFactor {
        id: "ng-cn-guideline",
        name: "Natural gas, China default: 15.3 t C/TJ × 99% oxidation × 44/12, at 38,931 kJ/m³",
        gases: &[(Gas::Co2, "2.1622")],
        unit: FactorUnit::KG_PER_M3,
        basis: "net calorific value 38,931 kJ/m³ (GB/T 2589-2008)",
        region: "CN",
        edition: "China GHG accounting guideline defaults",
        publisher: "NDRC (China)",
        document: "China's GHG accounting guidelines (carbon content 15.3 t C/TJ, oxidation 99%); NCV GB/T 2589-2008",
        table: "natural gas defaults",
        url: "",
        status: Status::Verified,
        note: "15.3 × 0.99 × 44/12 × 38.931 = 2,162.2 g CO2 per m³.",
        sources: NG,
    },
    ipcc(
        "ng-ipcc2006-energy",
        "Natural gas, IPCC 2006 default, energy industries and manufacturing",
        &[(Gas::Co2, "56100"), (Gas::Ch4, "1"), (Gas::N2o, "0.1")],
        "Ch. 2 Tables 2.2 and 2.3, as in the IPCC Emission Factor Database (EFDB IDs 117642, 117696, 117750; 117804, 117858, 117912)",
        IPCC_URL,
        "One public library has N2O 1.5, the coals' value: a transcription error.",
        NG,
    ),
    ipcc(
        "diesel-ipcc2006-commercial",
        "Gas/diesel oil, IPCC 2006 default, stationary commercial/institutional",
        &[(Gas::Co2, "74100"), (Gas::Ch4, "10"), (Gas::N2o, "0.6")],
        "Ch. 2 Table 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117938, 117992, 118046)",
        IPCC_URL,
        "Stationary combustion; vehicles use Ch. 3 (mobile) CH4 and N2O factors.",
        &[Source::Diesel],
    ),
    ipcc(
        "petrol-ipcc2006-commercial",
        "Motor gasoline, IPCC 2006 default, stationary commercial/institutional",
        &[(Gas::Co2, "69300"), (Gas::Ch4, "10"), (Gas::N2o, "0.6")],
        "Ch. 2 Table 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117931, 117985, 118039)",
        IPCC_URL,
        "Stationary combustion; vehicles use Ch. 3 (mobile) CH4 and N2O factors.",
        &[Source::Petrol],
    ),
    ipcc(
        "lpg-ipcc2006-commercial",
        "LPG, IPCC 2006 default, stationary commercial/institutional",
        &[(Gas::Co2, "63100"), (Gas::Ch4, "5"), (Gas::N2o, "0.1")],
        "Ch. 2 Table 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117940, 117994, 118048)",
        IPCC_URL,
        "",
        &[Source::Lpg],
    ),
    FuelFactor {
        id: "towngas-2017",
        name: "Towngas, per unit sold (48 MJ), 2017",
        gases: &[(Gas::Co2e, "0.592")],
        unit: FactorUnit::KG_PER_UNIT,
        basis: "per unit of 48 MJ",
        region: "HK",
        edition: "2017",
        publisher: "The Hong Kong and China Gas Company (Towngas)",
        document: "Towngas sustainability report 2017; quoted in HKEX Reporting Guidance on Environmental KPIs, Appendix 2",
        table: "",
        url: "",
        status: Status::Verified,
        note: "",
        sources: &[Source::Towngas],
    },
];

/// A stationary IPCC 2006 default, read in the IPCC Emission Factor Database (the export named
/// at [`MOBILE`]; docs/research/issue-17-ipcc-stationary.md): CO2 as Ch. 1 Table 1.4, CH4 and
/// N2O from the named Ch. 2 table. A biofuel's CO2 is biogenic.
macro_rules! stationary {
    ($id:literal, $name:literal, $co2gas:ident, $co2:literal, $ch4:literal, $n2o:literal, $table:literal, $note:literal, [$($source:ident),+]) => {
        ipcc(
            $id,
            $name,
            &[(Gas::$co2gas, $co2), (Gas::Ch4, $ch4), (Gas::N2o, $n2o)],
            $table,
            IPCC_URL,
            $note,
            &[$(Source::$source),+],
        )
    };
}

/// A verified IPCC 2006 default per TJ of net calorific value.
const fn ipcc(
    id: &'static str,
    name: &'static str,
    gases: &'static [(Gas, &'static str)],
    table: &'static str,
    url: &'static str,
    note: &'static str,
    sources: &'static [Source],
) -> FuelFactor {
    FuelFactor {
        id,
        name,
        gases,
        unit: FactorUnit::KG_PER_TJ,
        basis: "net calorific value",
        region: "global",
        edition: "2006",
        publisher: IPCC,
        document: IPCC_DOC,
        table,
        url,
        status: Status::Verified,
        note,
        sources,
    }
}

/// Coal by kind, fuel oil, kerosene and biofuels: stationary combustion.
const MORE_FUELS: &[FuelFactor] = &[
    stationary!("bituminous-ipcc2006", "Other bituminous coal, IPCC 2006 default, stationary (commercial or manufacturing)", Co2, "94600", "10", "1.5",
        "Ch. 2 Tables 2.3 and 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117953, 118007, 118061; 117845, 117899)",
        "Also the preset for coal of no stated kind, the commonest rank: choose the kind when the supplier's note gives it.", [BituminousCoal, Coal]),
    stationary!("anthracite-ipcc2006", "Anthracite, IPCC 2006 default, stationary (commercial or manufacturing)", Co2, "98300", "10", "1.5",
        "Ch. 2 Tables 2.3 and 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117951, 118005, 118059; 117843, 117897)", "", [Anthracite, Coal]),
    stationary!("sub-bituminous-ipcc2006", "Sub-bituminous coal, IPCC 2006 default, stationary (commercial or manufacturing)", Co2, "96100", "10", "1.5",
        "Ch. 2 Tables 2.3 and 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117954, 118008, 118062; 117846, 117900)", "", [SubBituminousCoal, Coal]),
    stationary!("lignite-ipcc2006", "Lignite, IPCC 2006 default, stationary (commercial or manufacturing)", Co2, "101000", "10", "1.5",
        "Ch. 2 Tables 2.3 and 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117955, 118009, 118063; 117847, 117901)", "", [Lignite, Coal]),
    stationary!("coke-ipcc2006", "Coke oven coke, IPCC 2006 default, stationary (commercial or manufacturing)", Co2, "107000", "10", "1.5",
        "Ch. 2 Tables 2.3 and 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117959, 118013, 118067; 117851, 117905)", "", [Coke]),
    stationary!("fuel-oil-ipcc2006-commercial", "Residual fuel oil, IPCC 2006 default, stationary commercial/institutional", Co2, "77400", "10", "0.6",
        "Ch. 2 Table 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117939, 117993, 118047)", "", [FuelOil]),
    stationary!("fuel-oil-ipcc2006-manufacturing", "Residual fuel oil, IPCC 2006 default, manufacturing industries and construction", Co2, "77400", "3", "0.6",
        "Ch. 2 Table 2.3 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117777, 117831, 117885)", "", [FuelOil]),
    stationary!("kerosene-ipcc2006-commercial", "Other kerosene, IPCC 2006 default, stationary commercial/institutional", Co2, "71900", "10", "0.6",
        "Ch. 2 Table 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117935, 117989, 118043)", "", [Kerosene]),
    stationary!("biodiesel-ipcc2006", "Biodiesels, IPCC 2006 default, stationary commercial/institutional (CO2 biogenic)", Co2Biogenic, "70800", "10", "0.6",
        "Ch. 2 Table 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117976, 118030, 118084)",
        "The CO2 is biogenic: reported beside the scopes; CH4 and N2O count in Scope 1. A blend (B5, B20) is its diesel and its biodiesel on two lines.", [Biodiesel]),
    stationary!("bioethanol-ipcc2006", "Biogasoline (bioethanol), IPCC 2006 default, stationary commercial/institutional (CO2 biogenic)", Co2Biogenic, "70800", "10", "0.6",
        "Ch. 2 Table 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117975, 118029, 118083)",
        "The CO2 is biogenic: reported beside the scopes; CH4 and N2O count in Scope 1.", [Bioethanol]),
    stationary!("wood-ipcc2006-commercial", "Wood and wood waste, IPCC 2006 default, stationary commercial/institutional (CO2 biogenic)", Co2Biogenic, "112000", "300", "4",
        "Ch. 2 Table 2.4 (CO2 as Ch. 1 Table 1.4), as in the IPCC Emission Factor Database (EFDB IDs 117971, 118025, 118079)",
        "The CO2 is biogenic: reported beside the scopes. Manufacturing's CH4 is 30 kg/TJ (Table 2.3).", [Wood]),
    FuelFactor {
        id: "heat-cn-guideline",
        name: "Purchased heat (steam and hot water), China enterprise GHG accounting default, 0.11 t CO2/GJ",
        gases: &[(Gas::Co2, "0.11")],
        unit: FactorUnit::T_PER_GJ,
        basis: "heat delivered",
        region: "CN",
        edition: "guidelines of 2013–2015; GB/T 32150",
        publisher: "NDRC (China)",
        document: "中国公共建筑运营单位（企业）温室气体排放核算方法和报告指南（试行）: 外购的蒸汽和热水的排放因子 0.11 tCO2/GJ (p. 14, Appendix Table 3); also GB/T 32150 and GB/T 32151 series",
        table: "Appendix Table 3",
        url: "",
        status: Status::Secondary,
        note: "Read in a text extract of the guideline, not in NDRC's own PDF (docs/research/issue-17-gbt2589-heat.md, section B). A supplier's own factor is better.",
        sources: &[Source::Heat],
    },
];

/// The IPCC chapter on mobile combustion. Each value was read in the IPCC's own Emission Factor
/// Database (an export of it vendored in Open-Earth-Foundation/CityCatalyst @ e62d1ca,
/// `EFDB_output.xlsx`), which names the chapter's table for each record; CO2 is Ch. 1 Table 1.4's,
/// as Table 3.2.1 prints it (docs/research/issue-17-hk-utilities-2.md, section 4).
const IPCC_MOBILE_URL: &str =
    "https://www.ipcc-nggip.iges.or.jp/public/2006gl/pdf/2_Volume2/V2_3_Ch3_Mobile_Combustion.pdf";
const ROAD_TABLE: &str = "Ch. 3 Table 3.2.1 (CO2, as Ch. 1 Table 1.4) and Table 3.2.2 (CH4, N2O), as in the IPCC Emission Factor Database (EFDB IDs 118592–118607)";
const OFF_ROAD_TABLE: &str = "Ch. 3 Table 3.3.1 (off-road mobile sources and machinery), as in the IPCC Emission Factor Database (EFDB IDs 118973–118986)";

macro_rules! mobile {
    ($id:literal, $name:literal, $co2:literal, $ch4:literal, $n2o:literal, $table:expr, $note:literal, $source:ident) => {
        ipcc(
            $id,
            $name,
            &[(Gas::Co2, $co2), (Gas::Ch4, $ch4), (Gas::N2o, $n2o)],
            $table,
            IPCC_MOBILE_URL,
            $note,
            &[Source::$source],
        )
    };
}

/// Vehicles and mobile machinery: the IPCC's mobile CH4 and N2O factors (CO2 as for any use of
/// the fuel).
const MOBILE: &[FuelFactor] = &[
    mobile!("diesel-ipcc2006-road", "Gas/diesel oil, IPCC 2006 default, road vehicles", "74100", "3.9", "3.9", ROAD_TABLE, "", Diesel),
    mobile!("petrol-ipcc2006-road", "Motor gasoline, IPCC 2006 default, road vehicles: low-mileage light-duty vehicles of 1995 or later", "69300", "3.8", "5.7", ROAD_TABLE, "The row for catalyst-equipped cars of 1995 or later; older or uncontrolled vehicles have their own rows.", Petrol),
    mobile!("petrol-ipcc2006-road-oxcat", "Motor gasoline, IPCC 2006 default, road vehicles with an oxidation catalyst", "69300", "25", "8.0", ROAD_TABLE, "", Petrol),
    mobile!("petrol-ipcc2006-road-uncontrolled", "Motor gasoline, IPCC 2006 default, road vehicles without emission control", "69300", "33", "3.2", ROAD_TABLE, "", Petrol),
    mobile!("lpg-ipcc2006-road", "LPG, IPCC 2006 default, road vehicles", "63100", "62", "0.2", ROAD_TABLE, "", Lpg),
    mobile!("ng-ipcc2006-road", "Natural gas (CNG), IPCC 2006 default, road vehicles", "56100", "92", "3", ROAD_TABLE, "", NaturalGas),
    mobile!("diesel-ipcc2006-off-road", "Gas/diesel oil, IPCC 2006 default, off-road machinery (industry, construction, agriculture)", "74100", "4.15", "28.6", OFF_ROAD_TABLE, "Based on European off-road machinery (the table's note a).", Diesel),
    mobile!("petrol-ipcc2006-off-road", "Motor gasoline, IPCC 2006 default, off-road 4-stroke machinery, industry", "69300", "50", "2", OFF_ROAD_TABLE, "Based on European off-road machinery (the table's note a).", Petrol),
];

/// Whether a fuel line is a vehicle or mobile machinery (GHG Protocol: mobile combustion).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mobile {
    Road,
    OffRoad,
}

impl Mobile {
    pub fn id(self) -> &'static str {
        match self {
            Mobile::Road => "road",
            Mobile::OffRoad => "off_road",
        }
    }

    pub fn from_id(id: &str) -> Option<Mobile> {
        match id
            .trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_")
            .as_str()
        {
            "road" | "vehicle" => Some(Mobile::Road),
            "off_road" | "machinery" => Some(Mobile::OffRoad),
            _ => None,
        }
    }
}

/// The preset of a vehicle's or a machine's fuel: `None` for a source that is not a vehicle
/// fuel in the IPCC's tables (electricity, towngas; LPG and natural gas off the road).
pub fn default_mobile_factor(source: Source, mobile: Mobile) -> Option<&'static str> {
    match (source, mobile) {
        (Source::Diesel, Mobile::Road) => Some("diesel-ipcc2006-road"),
        (Source::Petrol, Mobile::Road) => Some("petrol-ipcc2006-road"),
        (Source::Lpg, Mobile::Road) => Some("lpg-ipcc2006-road"),
        (Source::NaturalGas, Mobile::Road) => Some("ng-ipcc2006-road"),
        (Source::Diesel, Mobile::OffRoad) => Some("diesel-ipcc2006-off-road"),
        (Source::Petrol, Mobile::OffRoad) => Some("petrol-ipcc2006-off-road"),
        _ => None,
    }
}

/// The preset a fuel row uses when it names no factor and the scenario chooses none.
pub fn default_fuel_factor(source: Source) -> Option<&'static str> {
    match source {
        Source::Electricity => None,
        Source::NaturalGas => Some("ng-ipcc2006-default"),
        Source::Towngas => Some("towngas-2017"),
        Source::Lpg => Some("lpg-ipcc2006-commercial"),
        Source::Diesel => Some("diesel-ipcc2006-commercial"),
        Source::Petrol => Some("petrol-ipcc2006-commercial"),
        Source::Coal | Source::BituminousCoal => Some("bituminous-ipcc2006"),
        Source::Anthracite => Some("anthracite-ipcc2006"),
        Source::SubBituminousCoal => Some("sub-bituminous-ipcc2006"),
        Source::Lignite => Some("lignite-ipcc2006"),
        Source::Coke => Some("coke-ipcc2006"),
        Source::FuelOil => Some("fuel-oil-ipcc2006-commercial"),
        Source::Kerosene => Some("kerosene-ipcc2006-commercial"),
        Source::Biodiesel => Some("biodiesel-ipcc2006"),
        Source::Bioethanol => Some("bioethanol-ipcc2006"),
        Source::Wood => Some("wood-ipcc2006-commercial"),
        Source::Heat => Some("heat-cn-guideline"),
        // District cooling publishes no factor: the supplier's, on the line.
        Source::Cooling => None,
    }
}

// ---------------------------------------------------------------------------------------
// A1.1 air emissions

/// The A1.1 pollutants' names, in the order of the line's values.
pub const AIR_NAMES: [&str; 3] = ["NOx", "SOx", "PM"];

/// HKEX's Appendix 2 method for towngas and LPG burnt in appliances.
pub struct GasAir {
    pub towngas_mj_per_unit: Decimal,
    pub lpg_mj_per_kg: Decimal,
    /// NOx, SOx, PM in kg per million MJ (PM: "not a significant source", 0).
    pub kg_per_million_mj: [Decimal; 3],
    pub citation: &'static str,
    pub status: Status,
}

pub const HKEX_GAS_AIR: GasAir = GasAir {
    towngas_mj_per_unit: Decimal::from_parts(48, 0, 0, false, 0),
    lpg_mj_per_kg: Decimal::from_parts(46, 0, 0, false, 0),
    kg_per_million_mj: [
        Decimal::from_parts(402, 0, 0, false, 2),
        Decimal::from_parts(2, 0, 0, false, 2),
        Decimal::ZERO,
    ],
    citation: "HKEX, How to prepare an ESG report, Appendix 2: Reporting Guidance on Environmental KPIs, KPI A1.1 (gaseous fuel combustion): NOx 4.02 and SOx 0.02 kg per million MJ for towngas (48 MJ per unit) and LPG (46 MJ per kg), particulates not a significant source; from the Clean Air Charter business guidebook (../shared/research/factors.md; docs/research/issue-17-hk-utilities-and-mobile.md, section 4)",
    status: Status::Verified,
};

// ---------------------------------------------------------------------------------------
// China's regional grids (Scope 2)

/// China's regional power grids: six in NDRC's tables, seven in the MEE/NBS tables from 2021
/// (the Southwest grid, Sichuan and Chongqing, apart from the Central one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    North,
    Northeast,
    East,
    Central,
    Northwest,
    South,
    Southwest,
}

impl Region {
    pub const ALL: [Region; 7] = [
        Region::North,
        Region::Northeast,
        Region::East,
        Region::Central,
        Region::Northwest,
        Region::South,
        Region::Southwest,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Region::North => "cn-north",
            Region::Northeast => "cn-northeast",
            Region::East => "cn-east",
            Region::Central => "cn-central",
            Region::Northwest => "cn-northwest",
            Region::South => "cn-south",
            Region::Southwest => "cn-southwest",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Region::North => "North China grid (華北)",
            Region::Northeast => "Northeast China grid (東北)",
            Region::East => "East China grid (華東)",
            Region::Central => "Central China grid (華中)",
            Region::Northwest => "Northwest China grid (西北)",
            Region::South => "China Southern grid (南方)",
            Region::Southwest => "Southwest China grid (西南)",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Mainland provinces and the regional grid each belongs to (NDRC's grid boundaries).
/// Ids in pinyin; Chinese names in simplified and traditional characters are accepted too.
pub const PROVINCES: &[(&str, &str, &str, Region)] = &[
    ("beijing", "北京", "北京", Region::North),
    ("tianjin", "天津", "天津", Region::North),
    ("hebei", "河北", "河北", Region::North),
    ("shanxi", "山西", "山西", Region::North),
    ("shandong", "山东", "山東", Region::North),
    (
        "inner_mongolia_west",
        "内蒙古西部",
        "內蒙古西部",
        Region::North,
    ),
    ("liaoning", "辽宁", "遼寧", Region::Northeast),
    ("jilin", "吉林", "吉林", Region::Northeast),
    ("heilongjiang", "黑龙江", "黑龍江", Region::Northeast),
    (
        "inner_mongolia_east",
        "内蒙古东部",
        "內蒙古東部",
        Region::Northeast,
    ),
    ("shanghai", "上海", "上海", Region::East),
    ("jiangsu", "江苏", "江蘇", Region::East),
    ("zhejiang", "浙江", "浙江", Region::East),
    ("anhui", "安徽", "安徽", Region::East),
    ("fujian", "福建", "福建", Region::East),
    ("henan", "河南", "河南", Region::Central),
    ("hubei", "湖北", "湖北", Region::Central),
    ("hunan", "湖南", "湖南", Region::Central),
    ("jiangxi", "江西", "江西", Region::Central),
    ("sichuan", "四川", "四川", Region::Central),
    ("chongqing", "重庆", "重慶", Region::Central),
    ("shaanxi", "陕西", "陝西", Region::Northwest),
    ("gansu", "甘肃", "甘肅", Region::Northwest),
    ("qinghai", "青海", "青海", Region::Northwest),
    ("ningxia", "宁夏", "寧夏", Region::Northwest),
    ("xinjiang", "新疆", "新疆", Region::Northwest),
    ("guangdong", "广东", "廣東", Region::South),
    ("guangxi", "广西", "廣西", Region::South),
    ("yunnan", "云南", "雲南", Region::South),
    ("guizhou", "贵州", "貴州", Region::South),
    ("hainan", "海南", "海南", Region::South),
];

/// What a margin table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Margin {
    /// Operating margin.
    Om,
    /// Build margin.
    Bm,
    /// Average emission factor of the grid's generation.
    Average,
}

impl Margin {
    fn label(self) -> &'static str {
        match self {
            Margin::Om => "operating margin (OM)",
            Margin::Bm => "build margin (BM)",
            Margin::Average => "average emission factor",
        }
    }
}

struct GridTable {
    id: &'static str,
    name: &'static str,
    margin: Margin,
    /// North, Northeast, East, Central, Northwest, South (and Southwest, in the MEE/NBS
    /// tables); t CO2/MWh.
    values: &'static [&'static str],
    edition: &'static str,
    publisher: &'static str,
    document: &'static str,
    url: &'static str,
    status: Status,
}

const NDRC: &str = "NDRC (China), Department of Climate Change";

const GRID_TABLES: &[GridTable] = &[
    GridTable {
        id: "cn-2015-om",
        name: "2015 China regional grid baseline, operating margin",
        margin: Margin::Om,
        values: &["1.0416", "1.1291", "0.8112", "0.9515", "0.9457", "0.8959"],
        edition: "2015",
        publisher: NDRC,
        document: "2015中国区域电网基线排放因子 (2015 China regional grid baseline emission factors)",
        url: "",
        status: Status::Unverified,
    },
    GridTable {
        id: "cn-2015-bm",
        name: "2015 China regional grid baseline, build margin",
        margin: Margin::Bm,
        values: &["0.4780", "0.4315", "0.5945", "0.3500", "0.3162", "0.3648"],
        edition: "2015",
        publisher: NDRC,
        document: "2015中国区域电网基线排放因子 (2015 China regional grid baseline emission factors)",
        url: "",
        status: Status::Unverified,
    },
    GridTable {
        id: "cn-2016-om",
        name: "2016 China regional grid baseline, operating margin (2012–14 average)",
        margin: Margin::Om,
        values: &["1.0000", "1.1171", "0.8086", "0.9229", "0.9316", "0.8676"],
        edition: "2016",
        publisher: NDRC,
        document: "2016中国区域电网基线排放因子",
        url: "https://max.book118.com/html/2017/1201/142256742.shtm",
        status: Status::Verified,
    },
    GridTable {
        id: "cn-2017-om-ghgp",
        name: "2017 operating margin, as in the GHG Protocol's China electricity calculation tool",
        margin: Margin::Om,
        values: &["0.968", "1.1082", "0.8046", "0.9014", "0.9155", "0.8367"],
        edition: "2017",
        publisher: "GHG Protocol (WRI/WBCSD), from NDRC's baseline factors",
        document: "GHG Protocol calculation tool for purchased electricity in China; rows CN-N…CN-S of climatiq's Open Emission Factors DB",
        url: "",
        status: Status::Verified,
    },
    GridTable {
        id: "cn-2019-om",
        name: "2019 China regional grid baseline, operating margin",
        margin: Margin::Om,
        values: &["0.9419", "1.0826", "0.7921", "0.8587", "0.8922", "0.8042"],
        edition: "2019",
        publisher: NDRC,
        document: "2019年度减排项目中国区域电网基准线排放因子",
        url: "",
        status: Status::Secondary,
    },
    GridTable {
        id: "cn-2019-bm",
        name: "2019 China regional grid baseline, build margin",
        margin: Margin::Bm,
        values: &["0.4819", "0.2399", "0.3870", "0.2854", "0.4407", "0.2135"],
        edition: "2019",
        publisher: NDRC,
        document: "2019年度减排项目中国区域电网基准线排放因子",
        url: "",
        status: Status::Secondary,
    },
    GridTable {
        id: "cn-2012-average",
        name: "2012 regional grid average emission factors (published 2014)",
        margin: Margin::Average,
        values: &["0.8843", "0.7769", "0.7035", "0.5257", "0.6671", "0.5271"],
        edition: "2012 data, published 2014",
        publisher: NDRC,
        document: "2011年和2012年中国区域电网平均二氧化碳排放因子; the factors HKEX's ESG resources point to for Mainland purchased electricity",
        url: "",
        status: Status::Secondary,
    },
    GridTable {
        id: "cn-2022-mee",
        name: "2022 regional electricity CO2 emission factors (MEE/NBS, average)",
        margin: Margin::Average,
        values: &["0.6776", "0.5564", "0.5617", "0.5395", "0.5857", "0.3869", "0.2268"],
        edition: "2022",
        publisher: MEE_NBS,
        document: "Announcement 2024 No. 33 (released 26 Dec 2024), Table 2: regional electricity average CO2 emission factors, as reprinted by the press (新京报; docs/research/issue-17-china-grid-2021-2023.md, section 3); provinces to regions as State Grid's regional branches (Sichuan and Chongqing in the Southwest), not read in the announcement's own table",
        url: "https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202412/t20241226_1099413.html",
        status: Status::Secondary,
    },
    GridTable {
        id: "cn-2023-mee",
        name: "2023 regional electricity CO2 emission factors (MEE/NBS, average)",
        margin: Margin::Average,
        values: &["0.6361", "0.5122", "0.5500", "0.5271", "0.5543", "0.4042", "0.2472"],
        edition: "2023",
        publisher: MEE_NBS,
        document: "Announcement 2025 No. 47 (31 Dec 2025), Table 2: regional electricity average CO2 emission factors, as reprinted by the press (光明日报; docs/research/issue-17-china-grid-2021-2023.md, section 3); provinces to regions as State Grid's regional branches (Sichuan and Chongqing in the Southwest), not read in the announcement's own table",
        url: "https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202512/t20251231_1139517.html",
        status: Status::Secondary,
    },
];

/// The provinces of the MEE/NBS provincial tables (Table 3), in their order, with their
/// Simplified Chinese names: thirty, no Tibet (西藏), Hong Kong, Macao or Taiwan.
pub const MEE_PROVINCES: [(&str, &str); 30] = [
    ("beijing", "北京"),
    ("tianjin", "天津"),
    ("hebei", "河北"),
    ("shanxi", "山西"),
    ("inner_mongolia", "内蒙古"),
    ("liaoning", "辽宁"),
    ("jilin", "吉林"),
    ("heilongjiang", "黑龙江"),
    ("shanghai", "上海"),
    ("jiangsu", "江苏"),
    ("zhejiang", "浙江"),
    ("anhui", "安徽"),
    ("fujian", "福建"),
    ("jiangxi", "江西"),
    ("shandong", "山东"),
    ("henan", "河南"),
    ("hubei", "湖北"),
    ("hunan", "湖南"),
    ("guangdong", "广东"),
    ("guangxi", "广西"),
    ("hainan", "海南"),
    ("chongqing", "重庆"),
    ("sichuan", "四川"),
    ("guizhou", "贵州"),
    ("yunnan", "云南"),
    ("shaanxi", "陕西"),
    ("gansu", "甘肃"),
    ("qinghai", "青海"),
    ("ningxia", "宁夏"),
    ("xinjiang", "新疆"),
];

/// An MEE/NBS provincial table: each province's average CO2 factor of one data year.
pub struct ProvincialTable {
    pub id: &'static str,
    pub year: u16,
    /// The same announcement's regional table, for lines on a regional grid.
    pub regional: Option<&'static str>,
    /// t CO2/MWh, in the order of [`MEE_PROVINCES`].
    values: &'static [&'static str; 30],
    document: &'static str,
    url: &'static str,
    status: Status,
}

/// Read from copies of the announcements' Table 3 in public code (one file for 2021, two
/// agreeing for 2022, three for 2023), not from the MEE's own annex: unverified, and used
/// only when a scenario chooses the edition (docs/research/issue-17-china-grid-2021-2023.md,
/// section 4). The 2022 table's five highest and five lowest provinces, and the 2023 table's
/// twenty falls and ten rises, agree with what the press printed.
pub const PROVINCIAL_TABLES: &[ProvincialTable] = &[
    ProvincialTable {
        id: "cn-2021-mee-provinces",
        year: 2021,
        regional: None,
        values: &["0.5688", "0.7355", "0.7901", "0.7222", "0.7025", "0.5876", "0.5629", "0.6342", "0.5834", "0.6451", "0.5422", "0.7075", "0.4711", "0.5835", "0.6838", "0.6369", "0.3672", "0.5138", "0.4715", "0.5154", "0.4524", "0.4743", "0.1255", "0.5182", "0.1235", "0.6336", "0.4955", "0.1326", "0.6546", "0.6577"],
        document: "Announcement 2024 No. 12 (12 Apr 2024), annex 1, provincial electricity average CO2 emission factors; values from a copy of the table in public code (docs/research/issue-17-china-grid-2021-2023.md, section 4), not checked against the annex",
        url: "https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202404/t20240412_1070565.html",
        status: Status::Unverified,
    },
    ProvincialTable {
        id: "cn-2022-mee-provinces",
        year: 2022,
        regional: Some("cn-2022-mee"),
        values: &["0.5580", "0.7041", "0.7252", "0.7096", "0.6849", "0.5626", "0.4932", "0.5368", "0.5849", "0.5978", "0.5153", "0.6782", "0.4092", "0.5752", "0.6410", "0.6058", "0.4364", "0.4900", "0.4403", "0.4044", "0.4184", "0.5227", "0.1404", "0.4989", "0.1073", "0.6558", "0.4772", "0.1567", "0.6423", "0.6231"],
        document: "Announcement 2024 No. 33 (released 26 Dec 2024), provincial electricity average CO2 emission factors; values from two agreeing copies of the table in public code, ten of them also in the press (新京报) (docs/research/issue-17-china-grid-2021-2023.md, section 4), not checked against the annex",
        url: "https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202412/t20241226_1099413.html",
        status: Status::Unverified,
    },
    ProvincialTable {
        id: "cn-2023-mee-provinces",
        year: 2023,
        regional: Some("cn-2023-mee"),
        values: &["0.5554", "0.6796", "0.6516", "0.6634", "0.6479", "0.4878", "0.4671", "0.5229", "0.5737", "0.5827", "0.4974", "0.6553", "0.4211", "0.5836", "0.6191", "0.5897", "0.4044", "0.4976", "0.4419", "0.4476", "0.3648", "0.5581", "0.1564", "0.5683", "0.1333", "0.6335", "0.4471", "0.1796", "0.6187", "0.6021"],
        document: "Announcement 2025 No. 47 (31 Dec 2025), Table 3: provincial electricity average CO2 emission factors; values from three agreeing copies of the table in public code (docs/research/issue-17-china-grid-2021-2023.md, section 4), not checked against the annex",
        url: "https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202512/t20251231_1139517.html",
        status: Status::Unverified,
    },
];

/// A provincial table by id.
pub fn provincial_table(id: &str) -> Option<&'static ProvincialTable> {
    PROVINCIAL_TABLES.iter().find(|t| t.id == id)
}

/// A province's factor in a provincial table: `inner_mongolia_east` and `_west` (two grids in
/// the regional tables) are one province here. `None` for a place the table has no row for.
pub fn provincial_factor(table: &ProvincialTable, province: &str) -> Option<GridFactor> {
    let province = if province.starts_with("inner_mongolia") {
        "inner_mongolia"
    } else {
        province
    };
    let i = MEE_PROVINCES.iter().position(|(id, _)| *id == province)?;
    Some(GridFactor {
        record_id: format!("{}:{province}", table.id),
        value: dec(table.values.get(i)?)?,
        derivation: None,
        citation: format!(
            "{MEE_NBS}, {}, {}, {} [{}]",
            table.document,
            table.year,
            table.url,
            table.status.id()
        ),
        status: table.status,
    })
}

/// The MEE/NBS regional editions by data year, for `grid_edition: "latest"`: a line takes the
/// edition of its year, or the latest one before it (flagged); a line before the first takes
/// the report's 2015 basis.
pub const MEE_EDITIONS: &[(u16, &str)] = &[(2022, "cn-2022-mee"), (2023, "cn-2023-mee")];

/// The MEE/NBS national averages by data year, for `cn-national` lines under `"latest"`.
pub const MEE_NATIONAL: &[(u16, &str)] = &[
    (2021, "cn-national-2021-mee-nbs"),
    (2022, "cn-national-2022-mee-nbs"),
    (2023, "cn-national-2023-mee-nbs"),
];

/// The edition a line of `year` takes under `"latest"`, and whether it is of an earlier year.
pub fn latest_edition(year: Option<u16>) -> (&'static str, bool) {
    of_year(MEE_EDITIONS, year).unwrap_or((DEFAULT_GRID_EDITION, false))
}

/// The entry of a by-year table for a line of `year`: its own year's, or the latest before it
/// (`true`: of an earlier year); the newest for a line of no year; `None` before the first.
pub fn of_year(table: &[(u16, &'static str)], year: Option<u16>) -> Option<(&'static str, bool)> {
    match year {
        None => table.last().map(|(_, id)| (*id, false)),
        Some(y) => table
            .iter()
            .rev()
            .find(|(ty, _)| *ty <= y)
            .map(|(ty, id)| (*id, *ty < y)),
    }
}

/// Whether an edition's tables have the Southwest grid (the MEE/NBS ones).
pub fn has_southwest(edition: GridEdition) -> bool {
    match edition {
        GridEdition::Table(id) => grid_table(id).is_some_and(|t| t.values.len() > 6),
        _ => false,
    }
}

/// A grid-factor edition the user picks for Mainland electricity rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridEdition {
    /// A published table used as it is.
    Table(&'static str),
    /// Combined margin w·OM + (1−w)·BM of one year.
    CombinedMargin {
        om: &'static str,
        bm: &'static str,
        id: &'static str,
    },
    /// Each line takes the MEE/NBS edition of its year ([`latest_edition`]).
    Latest,
    /// A province's own average ([`PROVINCIAL_TABLES`]); a line on a regional grid takes the
    /// same announcement's regional table.
    Provincial(&'static str),
}

pub const GRID_EDITIONS: &[(&str, GridEdition)] = &[
    (
        "cn-2015-cm",
        GridEdition::CombinedMargin {
            om: "cn-2015-om",
            bm: "cn-2015-bm",
            id: "cn-2015-cm",
        },
    ),
    ("cn-2015-om", GridEdition::Table("cn-2015-om")),
    ("cn-2015-bm", GridEdition::Table("cn-2015-bm")),
    ("cn-2016-om", GridEdition::Table("cn-2016-om")),
    ("cn-2017-om-ghgp", GridEdition::Table("cn-2017-om-ghgp")),
    (
        "cn-2019-cm",
        GridEdition::CombinedMargin {
            om: "cn-2019-om",
            bm: "cn-2019-bm",
            id: "cn-2019-cm",
        },
    ),
    ("cn-2019-om", GridEdition::Table("cn-2019-om")),
    ("cn-2019-bm", GridEdition::Table("cn-2019-bm")),
    ("cn-2012-average", GridEdition::Table("cn-2012-average")),
    ("cn-2022-mee", GridEdition::Table("cn-2022-mee")),
    ("cn-2023-mee", GridEdition::Table("cn-2023-mee")),
    ("latest", GridEdition::Latest),
    (
        "cn-2021-mee-provinces",
        GridEdition::Provincial("cn-2021-mee-provinces"),
    ),
    (
        "cn-2022-mee-provinces",
        GridEdition::Provincial("cn-2022-mee-provinces"),
    ),
    (
        "cn-2023-mee-provinces",
        GridEdition::Provincial("cn-2023-mee-provinces"),
    ),
];

/// The report's own basis: NDRC's 2015 baseline, combined margin.
pub const DEFAULT_GRID_EDITION: &str = "cn-2015-cm";

pub fn grid_edition(id: &str) -> Option<GridEdition> {
    GRID_EDITIONS
        .iter()
        .find(|(k, _)| *k == id.trim())
        .map(|(_, e)| *e)
}

fn grid_table(id: &str) -> Option<&'static GridTable> {
    GRID_TABLES.iter().find(|t| t.id == id)
}

fn dec(text: &str) -> Option<Decimal> {
    // The library's values have no exponent (see `number::parse`).
    Decimal::from_str_radix(text, 10).ok()
}

/// A resolved grid factor for one region: value, how it was made, and its provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridFactor {
    pub record_id: String,
    pub value: Decimal,
    /// e.g. "0.5 × OM 1.0416 + 0.5 × BM 0.4780"
    pub derivation: Option<String>,
    pub citation: String,
    pub status: Status,
}

/// A financial year's factor from two calendar years' records of one series: `a` for the
/// first `months_a` months, `b` for the other `months_b` (`9/12 × 0.37 + 3/12 × 0.39`).
/// `None` when the two are not single values of one gas and unit.
pub fn apportioned(
    a: &FactorRecord,
    b: &FactorRecord,
    months_a: u8,
    months_b: u8,
) -> Option<GridFactor> {
    let ([(ga, va)], [(gb, vb)]) = (a.gases.as_slice(), b.gases.as_slice()) else {
        return None;
    };
    if ga != gb || a.unit != b.unit {
        return None;
    }
    let single = |r: &FactorRecord, value: Decimal| GridFactor {
        record_id: r.id.clone(),
        value,
        derivation: None,
        citation: r.citation(),
        status: r.status,
    };
    by_months(&single(a, *va), &single(b, *vb), months_a, months_b)
}

/// Two calendar years' factors of one kind (a utility's, or a region's in two grid editions)
/// weighted by the months of a financial year that fall in each.
pub fn by_months(a: &GridFactor, b: &GridFactor, months_a: u8, months_b: u8) -> Option<GridFactor> {
    // One division, last: exact whenever the twelfths are (0.375); otherwise to 28 digits.
    let value = a
        .value
        .cmul(Decimal::from(months_a))?
        .cadd(b.value.cmul(Decimal::from(months_b))?)?
        .cdiv(Decimal::from(12))?;
    let status = match (a.status, b.status) {
        (Status::Unverified, _) | (_, Status::Unverified) => Status::Unverified,
        (Status::Secondary, _) | (_, Status::Secondary) => Status::Secondary,
        _ => Status::Verified,
    };
    Some(GridFactor {
        record_id: format!("{}+{}", a.record_id, b.record_id),
        value,
        derivation: Some(format!(
            "{months_a}/12 × {} ({}) + {months_b}/12 × {} ({})",
            a.value.normalize(),
            a.record_id,
            b.value.normalize(),
            b.record_id
        )),
        citation: if a.citation == b.citation {
            a.citation.clone()
        } else {
            format!("{}; {}", a.citation, b.citation)
        },
        status,
    })
}

/// The factor of `region` in `edition`, with `om_weight` for a combined margin.
pub fn regional_factor(
    edition: GridEdition,
    region: Region,
    om_weight: Decimal,
) -> Option<GridFactor> {
    let i = region.index();
    match edition {
        GridEdition::Table(id) => {
            let t = grid_table(id)?;
            Some(GridFactor {
                record_id: format!("{}:{}", t.id, region.id()),
                value: dec(t.values.get(i)?)?,
                derivation: None,
                citation: table_citation(t),
                status: t.status,
            })
        }
        GridEdition::CombinedMargin { om, bm, id } => {
            let (om, bm) = (grid_table(om)?, grid_table(bm)?);
            let (o, b) = (dec(om.values.get(i)?)?, dec(bm.values.get(i)?)?);
            let bm_weight = Decimal::ONE.csub(om_weight)?;
            let value = om_weight.cmul(o)?.cadd(bm_weight.cmul(b)?)?;
            Some(GridFactor {
                record_id: format!("{id}:{}", region.id()),
                value,
                derivation: Some(format!(
                    "combined margin {} × OM {} + {} × BM {}",
                    om_weight.normalize(),
                    o,
                    bm_weight.normalize(),
                    b
                )),
                citation: table_citation(om),
                status: om.status,
            })
        }
        // Resolved per line, by its year or its province, before it gets here.
        GridEdition::Latest | GridEdition::Provincial(_) => None,
    }
}

fn table_citation(t: &GridTable) -> String {
    let mut parts = vec![t.publisher, t.document, t.edition];
    if !t.url.is_empty() {
        parts.push(t.url);
    }
    format!("{} [{}]", parts.join(", "), t.status.id())
}

// ---------------------------------------------------------------------------------------
// National averages and Hong Kong

struct Single {
    id: &'static str,
    name: &'static str,
    value: &'static str,
    unit: FactorUnit,
    gas: Gas,
    region: &'static str,
    edition: &'static str,
    publisher: &'static str,
    document: &'static str,
    url: &'static str,
    status: Status,
}

const MEE_NBS: &str =
    "Ministry of Ecology and Environment and National Bureau of Statistics (China)";

const ELECTRICITY_SINGLES: &[Single] = &[
    Single {
        id: "cn-national-2021-mee-nbs",
        name: "China 2021 national average electricity CO2 emission factor (MEE/NBS)",
        value: "0.5568",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "2021",
        publisher: MEE_NBS,
        document: "Announcement 2024 No. 12 (12 Apr 2024), 2021 electricity CO2 emission factors, as reprinted by the press (docs/research/issue-17-china-grid-2021-2023.md)",
        url: "",
        status: Status::Secondary,
    },
    Single {
        id: "cn-national-2021-fossil",
        name: "China 2021 fossil-fuel power CO2 emission factor (MEE/NBS)",
        value: "0.8426",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "2021",
        publisher: MEE_NBS,
        document: "Announcement 2024 No. 12, as reprinted by the press",
        url: "",
        status: Status::Secondary,
    },
    Single {
        id: "cn-national-2022-fossil",
        name: "China 2022 fossil-fuel power CO2 emission factor (MEE/NBS)",
        value: "0.8325",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "2022",
        publisher: MEE_NBS,
        document: "Announcement 2024 No. 33 (released 26 Dec 2024), as reprinted by the press",
        url: "",
        status: Status::Secondary,
    },
    Single {
        id: "cn-national-2023-mee-nbs",
        name: "China 2023 national average electricity CO2 emission factor (MEE/NBS)",
        value: "0.5306",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "2023",
        publisher: MEE_NBS,
        document: "Announcement 2025 No. 47 (31 Dec 2025), 2023 electricity CO2 emission factors, as reprinted by the press",
        url: "",
        status: Status::Secondary,
    },
    Single {
        id: "cn-national-2023-excl-nonfossil",
        name: "China 2023 electricity CO2 factor excluding market-traded non-fossil power (MEE/NBS)",
        value: "0.6096",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "2023",
        publisher: MEE_NBS,
        document: "Announcement 2025 No. 47, as reprinted by the press",
        url: "",
        status: Status::Secondary,
    },
    Single {
        id: "cn-national-2023-fossil",
        name: "China 2023 fossil-fuel power CO2 emission factor (MEE/NBS)",
        value: "0.8273",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "2023",
        publisher: MEE_NBS,
        document: "Announcement 2025 No. 47, as reprinted by the press",
        url: "",
        status: Status::Secondary,
    },
    Single {
        id: "cn-national-2022",
        name: "China national carbon market's grid factor for 2023–25 reporting (“2022 national grid average” of notice 环办气候函〔2023〕43号; not the MEE/NBS series)",
        value: "0.5703",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "2022",
        publisher: "Ministry of Ecology and Environment (China)",
        document: "Notice on enterprise GHG reporting for 2023–2025",
        url: "http://tanpaifang.com/tanguwen/2023/0215/94510.html",
        status: Status::Verified,
    },
    Single {
        id: "cn-national-2022-mee-nbs",
        name: "China 2022 electricity CO2 emission factor (MEE/NBS)",
        value: "0.5366",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "2022",
        publisher: "Ministry of Ecology and Environment and National Bureau of Statistics (China)",
        document: "2022 electricity CO2 emission factors",
        url: "https://dhirubhai.net/pulse/grid-emission-factor-key-progress-chinas-climate-4nklc",
        status: Status::Verified,
    },
    Single {
        id: "cn-national-2022-excl-nonfossil",
        name:
            "China 2022 electricity CO2 factor excluding market-traded non-fossil power (MEE/NBS)",
        value: "0.5856",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "2022",
        publisher: "Ministry of Ecology and Environment and National Bureau of Statistics (China)",
        document: "2022 electricity CO2 emission factors",
        url: "https://dhirubhai.net/pulse/grid-emission-factor-key-progress-chinas-climate-4nklc",
        status: Status::Verified,
    },
    Single {
        id: "cn-national-2021",
        name: "China national average grid factor for 2021–22 reporting",
        value: "0.5810",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "2021–22 reporting",
        publisher: "Ministry of Ecology and Environment (China)",
        document: "Enterprise GHG reporting notice",
        url: "",
        status: Status::Unverified,
    },
    Single {
        id: "cn-national-older",
        name: "China national average grid factor (older guidance)",
        value: "0.6101",
        unit: FactorUnit::T_PER_MWH,
        gas: Gas::Co2,
        region: "CN",
        edition: "before 2021",
        publisher: "NDRC (China)",
        document: "Enterprise GHG accounting guidance",
        url: "",
        status: Status::Unverified,
    },
    Single {
        id: "hk-gov-default-electricity",
        name: "Hong Kong government default for purchased electricity",
        value: "0.7",
        unit: FactorUnit::KG_PER_KWH,
        gas: Gas::Co2e,
        region: "HK",
        edition: "2021–22",
        publisher: "HKSAR Government",
        document: "Notice giving the default factor for purchased electricity (CPD 2021–22)",
        url: "https://cas.gov.hk/eng/about/notice_cpd21-22.html",
        status: Status::Verified,
    },
];

/// HK Electric, kg CO2e per kWh sold, by year (its sustainability reports) [verified].
pub const HK_ELECTRIC: &[(u16, &str)] = &[
    (2015, "0.78"),
    (2016, "0.79"),
    (2017, "0.79"),
    (2018, "0.80"),
    (2019, "0.81"),
    (2020, "0.71"),
];

/// CLP Power Hong Kong, kg CO2e per kWh of electricity sold, by year: CLP Holdings
/// Sustainability Report 2023, ESG data table p. 171, "CO2e emissions intensity of electricity
/// sold by CLP Power Hong Kong" (read in a text extraction of CLP's PDF,
/// docs/research/issue-17-hk-utilities-2.md, section 1) [verified].
pub const CLP: &[(u16, &str)] = &[
    (2019, "0.50"),
    (2020, "0.37"),
    (2021, "0.39"),
    (2022, "0.39"),
    (2023, "0.39"),
];

/// The national average a `cn-national` row uses when the scenario does not choose.
pub const DEFAULT_NATIONAL: &str = "cn-national-2022";

// ---------------------------------------------------------------------------------------
// The flattened library

fn build() -> Vec<FactorRecord> {
    let mut out = Vec::new();
    for f in FUELS.iter().chain(MORE_FUELS).chain(MOBILE) {
        let gases: Option<Vec<(Gas, Decimal)>> =
            f.gases.iter().map(|(g, v)| Some((*g, dec(v)?))).collect();
        let Some(gases) = gases else { continue };
        out.push(FactorRecord {
            id: f.id.into(),
            name: f.name.into(),
            gases,
            unit: f.unit,
            calorific_basis: f.basis,
            region: f.region.into(),
            edition: f.edition.into(),
            publisher: f.publisher,
            document: f.document,
            table: f.table,
            url: f.url,
            status: f.status,
            note: f.note.into(),
            sources: f.sources,
        });
    }
    let editions = GRID_TABLES
        .iter()
        .map(|t| (t.id, GridEdition::Table(t.id)))
        .chain(
            GRID_EDITIONS
                .iter()
                .filter(|(_, e)| matches!(e, GridEdition::CombinedMargin { .. }))
                .copied(),
        );
    for (id, edition) in editions {
        for region in Region::ALL {
            let Some(g) = regional_factor(edition, region, Decimal::new(5, 1)) else {
                continue;
            };
            let (name, t) = match edition {
                GridEdition::Table(t) => (None, grid_table(t)),
                GridEdition::CombinedMargin { om, .. } => {
                    (Some("combined margin (0.5/0.5)"), grid_table(om))
                }
                GridEdition::Latest | GridEdition::Provincial(_) => continue,
            };
            let Some(t) = t else { continue };
            let table = match name {
                Some(_) => "combined margin 0.5 × OM + 0.5 × BM",
                None => t.margin.label(),
            };
            out.push(FactorRecord {
                id: format!("{id}:{}", region.id()),
                name: format!(
                    "{} — {}{}",
                    region.label(),
                    name.unwrap_or(t.name),
                    if name.is_some() {
                        format!(", {}", t.edition)
                    } else {
                        String::new()
                    }
                ),
                gases: vec![(Gas::Co2, g.value)],
                unit: FactorUnit::T_PER_MWH,
                calorific_basis: "",
                region: region.id().into(),
                edition: t.edition.into(),
                publisher: t.publisher,
                document: t.document,
                table,
                url: t.url,
                status: t.status,
                note: g.derivation.unwrap_or_default(),
                sources: &[Source::Electricity],
            });
        }
    }
    for t in PROVINCIAL_TABLES {
        for (id, name) in MEE_PROVINCES {
            let Some(g) = provincial_factor(t, id) else {
                continue;
            };
            out.push(FactorRecord {
                id: g.record_id,
                name: format!(
                    "{name} ({id}) — {} provincial electricity CO2 emission factor (MEE/NBS, average)",
                    t.year
                ),
                gases: vec![(Gas::Co2, g.value)],
                unit: FactorUnit::T_PER_MWH,
                calorific_basis: "",
                region: id.into(),
                edition: t.year.to_string(),
                publisher: MEE_NBS,
                document: t.document,
                table: "provincial electricity average",
                url: t.url,
                status: t.status,
                note: String::new(),
                sources: &[Source::Electricity],
            });
        }
    }
    for s in ELECTRICITY_SINGLES {
        let Some(v) = dec(s.value) else { continue };
        out.push(FactorRecord {
            id: s.id.into(),
            name: s.name.into(),
            gases: vec![(s.gas, v)],
            unit: s.unit,
            calorific_basis: "",
            region: s.region.into(),
            edition: s.edition.into(),
            publisher: s.publisher,
            document: s.document,
            table: "",
            url: s.url,
            status: s.status,
            note: String::new(),
            sources: &[Source::Electricity],
        });
    }
    let utilities = [
        (CLP, "clp", "CLP Power Hong Kong", "CLP Holdings Sustainability Report 2023, ESG data table: CO2e emissions intensity of electricity sold by CLP Power Hong Kong", "p. 171", "https://www.clpgroup.com/content/dam/clp-group/channels/sustainability/document/sustainability-report/2023/CLP_Sustainability_Report_2023_en.pdf", "Electricity sold before the adjustment for renewable energy certificates; the report's 2023 figures were assured by KPMG."),
        (HK_ELECTRIC, "hk-electric", "HK Electric", "HK Electric sustainability report", "", "", ""),
    ];
    for (years, prefix, publisher, document, table, url, note) in utilities {
        for (year, value) in years {
            let Some(v) = dec(value) else { continue };
            out.push(FactorRecord {
                id: format!("{prefix}-{year}"),
                name: format!("{publisher}, kg CO2e per kWh sold, {year}"),
                gases: vec![(Gas::Co2e, v)],
                unit: FactorUnit::KG_PER_KWH,
                calorific_basis: "",
                region: "HK".into(),
                edition: year.to_string(),
                publisher,
                document,
                table,
                url,
                status: Status::Verified,
                note: note.into(),
                sources: &[Source::Electricity],
            });
        }
    }
    out
}

/// Every factor in the library.
pub fn all() -> &'static [FactorRecord] {
    static LIBRARY: OnceLock<Vec<FactorRecord>> = OnceLock::new();
    LIBRARY.get_or_init(build)
}

/// The library as JSON: one object per record, every provenance field included.
pub fn to_json() -> serde_json::Value {
    let records: Vec<serde_json::Value> = all()
        .iter()
        .map(|f| {
            let values: serde_json::Map<String, serde_json::Value> =
                f.gases.iter().map(|(g, v)| (g.id().to_string(), serde_json::Value::String(v.to_string()))).collect();
            serde_json::json!({
                "id": f.id, "name": f.name, "values": values, "unit": f.unit.id().replace("CO2e", ""),
                "gases": f.gases.iter().map(|(g, _)| g.id()).collect::<Vec<_>>(),
                "calorific_basis": f.calorific_basis, "region": f.region, "edition": f.edition,
                "publisher": f.publisher, "document": f.document, "table": f.table, "url": f.url,
                "status": f.status.id(), "note": f.note,
                "sources": f.sources.iter().map(|s| s.id()).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::Value::Array(records)
}

/// A factor by id (`ng-ipcc2006-default`, `cn-2015-cm:cn-east`, `hk-electric-2018`).
pub fn find(id: &str) -> Option<&'static FactorRecord> {
    let id = id.trim();
    all().iter().find(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn every_record_parses_and_has_a_source() {
        let expected = FUELS.len()
            + MORE_FUELS.len()
            + MOBILE.len()
            + GRID_TABLES.iter().map(|t| t.values.len()).sum::<usize>()
            + PROVINCIAL_TABLES.len() * MEE_PROVINCES.len()
            + 2 * 6
            + ELECTRICITY_SINGLES.len()
            + HK_ELECTRIC.len()
            + CLP.len();
        assert_eq!(
            all().len(),
            expected,
            "no record was dropped for a value that does not parse"
        );
        for f in all() {
            assert!(
                !f.publisher.is_empty() && !f.document.is_empty(),
                "{} lacks a source",
                f.id
            );
            assert!(!f.gases.is_empty(), "{}", f.id);
            assert_eq!(find(&f.id).map(|x| &x.id), Some(&f.id), "ids are unique");
        }
    }

    #[test]
    fn china_natural_gas_factor_rederives_from_its_parts() {
        // 15.3 t C/TJ × 0.99 × 44/12 × 38.931 GJ per 1,000 m³ → kg CO2 per m³.
        let kg_per_m3 = d("15.3") * d("0.99") * d("44") / d("12") * d("38.931") / d("1000");
        assert_eq!(
            kg_per_m3.round_dp(4),
            find("ng-cn-guideline").unwrap().single_value().unwrap()
        );
    }

    #[test]
    fn combined_margins_rederive_from_operating_and_build_margins() {
        // factors.md's 2015 CM 0.5/0.5 table; it truncates the fourth place where w·OM + (1−w)·BM
        // ends in 5 (East 0.70285, Central 0.65075, South 0.63035).
        let published = ["0.7598", "0.7803", "0.7028", "0.6507", "0.6310", "0.6303"];
        let edition = grid_edition("cn-2015-cm").unwrap();
        for (region, cm) in Region::ALL.into_iter().zip(published) {
            let g = regional_factor(edition, region, d("0.5")).unwrap();
            assert!(
                (g.value - d(cm)).abs() <= d("0.00005"),
                "{region:?}: {} vs {cm}",
                g.value
            );
        }
        let north = regional_factor(edition, Region::North, d("0.75")).unwrap();
        assert_eq!(
            north.value,
            d("0.75") * d("1.0416") + d("0.25") * d("0.4780")
        );
        assert_eq!(
            north.derivation.as_deref(),
            Some("combined margin 0.75 × OM 1.0416 + 0.25 × BM 0.4780")
        );
    }

    #[test]
    fn per_tj_factors_convert_as_published() {
        // 56,100 kg/TJ is 56.1 kg/GJ is 0.20196 t/MWh.
        let ng = find("ng-ipcc2006-default").unwrap();
        assert_eq!(ng.gases[0], (Gas::Co2, d("56100")));
        assert_eq!(d("56100") * d("3.6") / d("1000000"), d("0.20196"));
    }

    #[test]
    fn no_grid_factor_is_zero_and_hainan_is_in_the_south() {
        for f in all() {
            for (_, v) in &f.gases {
                assert!(
                    !v.is_zero(),
                    "{} is zero (a public library stores Hainan as 0)",
                    f.id
                );
            }
        }
        let hainan = PROVINCES.iter().find(|p| p.0 == "hainan").unwrap();
        assert_eq!(hainan.3, Region::South);
        assert_eq!(PROVINCES.len(), 31);
    }

    #[test]
    fn the_library_as_json_carries_every_field() {
        let json = to_json();
        let records = json.as_array().unwrap();
        assert_eq!(records.len(), all().len());
        let east = records
            .iter()
            .find(|r| r["id"] == "cn-2015-cm:cn-east")
            .unwrap();
        assert_eq!(east["values"]["CO2"], "0.70285");
        assert_eq!(east["unit"], "t/MWh");
        assert_eq!(east["status"], "unverified");
        let ng = records
            .iter()
            .find(|r| r["id"] == "ng-ipcc2006-default")
            .unwrap();
        assert_eq!(ng["values"]["N2O"], "0.1");
        assert_eq!(ng["unit"], "kg/TJ");
        assert_eq!(ng["table"], "Ch. 2 Table 2.4 (CO2 as Ch. 1 Table 1.4)");
    }

    #[test]
    fn gwp_sets_match_the_ipcc_tables() {
        let table = [
            (GwpSet::Sar, "21", "310"),
            (GwpSet::Ar4, "25", "298"),
            (GwpSet::Ar5, "28", "265"),
            (GwpSet::Ar6, "27.9", "273"),
            (GwpSet::Ar6Fossil, "29.8", "273"),
        ];
        for (set, ch4, n2o) in table {
            assert_eq!(set.of(Gas::Ch4), d(ch4), "{set:?}");
            assert_eq!(set.of(Gas::N2o), d(n2o), "{set:?}");
            assert_eq!(set.of(Gas::Co2), Decimal::ONE);
            assert_eq!(GwpSet::from_id(set.id()), Some(set));
        }
    }
}
