//! Energy sources, quantity units and emission-factor units, and the exact conversions
//! between them.
//!
//! 1 MWh = 1,000 kWh = 3.6 GJ = 3,600,000 kJ. A fuel's physical quantity (m³ of gas, kg of
//! liquid fuel, HK towngas "units") becomes energy through its net calorific value (NCV); the
//! defaults are GB/T 2589-2008 Appendix A for Mainland fuels and Towngas's 48 MJ per unit.

use super::text::{overflow, Text};
use crate::t;
use crate::DecOps as _;
use rust_decimal::Decimal;

/// kJ in one MWh.
pub const KJ_PER_MWH: Decimal = Decimal::from_parts(3_600_000, 0, 0, false, 0);
/// GJ in one MWh.
pub const GJ_PER_MWH: Decimal = Decimal::from_parts(36, 0, 0, false, 1);
/// GB/T 2589-2008 Appendix A: natural gas NCV, kJ/m³ (the contract's default).
pub const NATURAL_GAS_NCV_KJ_PER_M3: Decimal = Decimal::from_parts(38931, 0, 0, false, 0);
/// GB/T 2589-2008: 1 kg of standard coal equivalent (kgce) = 29,307 kJ (7,000 kcal).
pub const KJ_PER_KGCE: Decimal = Decimal::from_parts(29307, 0, 0, false, 0);

/// What was consumed. Electricity is indirect energy (Scope 2); a fuel burnt on site is direct
/// energy (Scope 1), as the report's notes define them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Electricity,
    NaturalGas,
    /// Hong Kong towngas, sold in "units" of 48 MJ.
    Towngas,
    Lpg,
    Diesel,
    Petrol,
    /// Raw coal (原煤) of no stated kind.
    Coal,
    Anthracite,
    BituminousCoal,
    SubBituminousCoal,
    Lignite,
    Coke,
    /// Residual (heavy) fuel oil.
    FuelOil,
    Kerosene,
    /// Biofuels: their CO2 is biogenic, reported beside the scopes; CH4 and N2O are Scope 1.
    Biodiesel,
    Bioethanol,
    Wood,
    /// Purchased heat, steam or hot water (Scope 2).
    Heat,
    /// Purchased cooling: district cooling's chilled water (Scope 2).
    Cooling,
}

/// The physical quantity a fuel is measured in, through which its NCV turns it into energy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Physical {
    M3,
    Kg,
    TowngasUnit,
}

impl Physical {
    /// The key a row uses to override the default NCV.
    pub fn ncv_key(self) -> &'static str {
        match self {
            Physical::M3 => "ncv_kj_per_m3",
            Physical::Kg => "ncv_kj_per_kg",
            Physical::TowngasUnit => "ncv_kj_per_unit",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Physical::M3 => "m³",
            Physical::Kg => "kg",
            Physical::TowngasUnit => "unit",
        }
    }
}

/// How sure a constant is (`../shared/research/factors.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Seen in a cited source.
    Verified,
    /// Only in third-party code or pages; to be cross-checked.
    Secondary,
    /// From memory of the document; no copy found. Shown to the user as unverified.
    Unverified,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Secondary => "secondary",
            Status::Unverified => "unverified",
        }
    }
}

/// A default constant of a fuel, with where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Constant {
    pub value: Decimal,
    pub source: &'static str,
    pub status: Status,
}

const fn c(mantissa: i64, scale: u32, source: &'static str, status: Status) -> Constant {
    let negative = mantissa < 0;
    let m = mantissa.unsigned_abs();
    Constant {
        value: Decimal::from_parts(m as u32, (m >> 32) as u32, 0, negative, scale),
        source,
        status,
    }
}

impl Source {
    pub const ALL: [Source; 19] = [
        Source::Electricity,
        Source::NaturalGas,
        Source::Towngas,
        Source::Lpg,
        Source::Diesel,
        Source::Petrol,
        Source::Coal,
        Source::Anthracite,
        Source::BituminousCoal,
        Source::SubBituminousCoal,
        Source::Lignite,
        Source::Coke,
        Source::FuelOil,
        Source::Kerosene,
        Source::Biodiesel,
        Source::Bioethanol,
        Source::Wood,
        Source::Heat,
        Source::Cooling,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Source::Electricity => "electricity",
            Source::NaturalGas => "natural_gas",
            Source::Towngas => "towngas",
            Source::Lpg => "lpg",
            Source::Diesel => "diesel",
            Source::Petrol => "petrol",
            Source::Coal => "coal",
            Source::Anthracite => "anthracite",
            Source::BituminousCoal => "bituminous_coal",
            Source::SubBituminousCoal => "sub_bituminous_coal",
            Source::Lignite => "lignite",
            Source::Coke => "coke",
            Source::FuelOil => "fuel_oil",
            Source::Kerosene => "kerosene",
            Source::Biodiesel => "biodiesel",
            Source::Bioethanol => "bioethanol",
            Source::Wood => "wood",
            Source::Heat => "heat",
            Source::Cooling => "cooling",
        }
    }

    pub fn from_id(id: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Source::Electricity => "Purchased electricity",
            Source::NaturalGas => "Natural gas",
            Source::Towngas => "Towngas",
            Source::Lpg => "LPG",
            Source::Diesel => "Diesel",
            Source::Petrol => "Petrol",
            Source::Coal => "Coal (raw coal, kind not known)",
            Source::Anthracite => "Anthracite",
            Source::BituminousCoal => "Bituminous coal",
            Source::SubBituminousCoal => "Sub-bituminous coal",
            Source::Lignite => "Lignite",
            Source::Coke => "Coke",
            Source::FuelOil => "Fuel oil (heavy)",
            Source::Kerosene => "Kerosene",
            Source::Biodiesel => "Biodiesel",
            Source::Bioethanol => "Bioethanol",
            Source::Wood => "Wood and wood waste",
            Source::Heat => "Purchased heat or steam",
            Source::Cooling => "Purchased cooling (district cooling)",
        }
    }

    /// The source's name inside a sentence, in the page's language.
    pub fn noun(self) -> Text {
        Text::word(match self {
            Source::Electricity => "purchased electricity",
            Source::NaturalGas => "natural gas",
            Source::Towngas => "towngas",
            Source::Lpg => "LPG",
            Source::Diesel => "diesel",
            Source::Petrol => "petrol",
            Source::Coal => "coal",
            Source::Anthracite => "anthracite",
            Source::BituminousCoal => "bituminous coal",
            Source::SubBituminousCoal => "sub-bituminous coal",
            Source::Lignite => "lignite",
            Source::Coke => "coke",
            Source::FuelOil => "fuel oil",
            Source::Kerosene => "kerosene",
            Source::Biodiesel => "biodiesel",
            Source::Bioethanol => "bioethanol",
            Source::Wood => "wood",
            Source::Heat => "purchased heat",
            Source::Cooling => "purchased cooling",
        })
    }

    /// The source's name at the start of a line, in the page's language.
    pub fn title(self) -> Text {
        Text::word(self.label())
    }

    /// Direct energy (a fuel burnt on site, Scope 1) or indirect (purchased, Scope 2).
    pub fn is_direct(self) -> bool {
        !matches!(self, Source::Electricity | Source::Heat | Source::Cooling)
    }

    /// A biofuel: its CO2 is biogenic, reported beside the scopes.
    pub fn is_biofuel(self) -> bool {
        matches!(self, Source::Biodiesel | Source::Bioethanol | Source::Wood)
    }

    pub fn physical(self) -> Option<Physical> {
        match self {
            Source::Electricity | Source::Heat | Source::Cooling => None,
            Source::NaturalGas => Some(Physical::M3),
            Source::Towngas => Some(Physical::TowngasUnit),
            _ => Some(Physical::Kg),
        }
    }

    /// The units a quantity of this source may be given in.
    pub fn units(self) -> &'static [QuantityUnit] {
        use QuantityUnit::*;
        match self {
            Source::Electricity | Source::Heat => &[Kwh, Mwh, Gj],
            Source::Cooling => &[Kwh, Mwh, Gj, Rth],
            Source::NaturalGas => &[M3, Kwh, Mwh, Gj],
            Source::Towngas => &[TowngasUnit, Kwh, Mwh, Gj],
            Source::Lpg
            | Source::Diesel
            | Source::Petrol
            | Source::FuelOil
            | Source::Kerosene
            | Source::Biodiesel
            | Source::Bioethanol => &[Kg, T, L, Kwh, Mwh, Gj],
            Source::Coal
            | Source::Anthracite
            | Source::BituminousCoal
            | Source::SubBituminousCoal
            | Source::Lignite
            | Source::Coke
            | Source::Wood => &[Kg, T, Kwh, Mwh, Gj],
        }
    }

    /// Default net calorific value, kJ per physical unit.
    pub fn default_ncv(self) -> Option<Constant> {
        use Status::*;
        match self {
            Source::Electricity => None,
            Source::NaturalGas => Some(c(38931, 0, "GB/T 2589-2008 Appendix A: natural gas 38,931 kJ/m³", Verified)),
            Source::Towngas => Some(c(48000, 0, "Towngas: 1 unit = 48 MJ (HKEX Reporting Guidance, Appendix 2)", Verified)),
            Source::Lpg => Some(c(
                50179,
                0,
                "GB/T 2589-2008 Appendix A: LPG 50,179 kJ/kg (HKEX Appendix 2 uses 46 MJ/kg; override per row)",
                Unverified,
            )),
            Source::Diesel => Some(c(42652, 0, "GB/T 2589-2008 Appendix A: diesel 42,652 kJ/kg", Verified)),
            Source::Petrol => Some(c(43070, 0, "GB/T 2589-2008 Appendix A: petrol 43,070 kJ/kg", Verified)),
            // GB/T 2589-2008 Appendix A as several agreeing web copies print it; the standard's
            // own text was not read (docs/research/issue-17-gbt2589-heat.md, section A).
            Source::Coal => Some(c(20908, 0, "GB/T 2589-2008 Appendix A: raw coal 20,908 kJ/kg", Secondary)),
            Source::Coke => Some(c(28435, 0, "GB/T 2589-2008 Appendix A: coke 28,435 kJ/kg", Secondary)),
            Source::FuelOil => Some(c(41816, 0, "GB/T 2589-2008 Appendix A: fuel oil 41,816 kJ/kg", Secondary)),
            Source::Kerosene => Some(c(43070, 0, "GB/T 2589-2008 Appendix A: kerosene 43,070 kJ/kg", Secondary)),
            // GB/T 2589 has no row for a coal's rank or for biofuels: the IPCC's default NCVs,
            // read in the IPCC Emission Factor Database (docs/research/issue-17-ipcc-stationary.md).
            Source::Anthracite => Some(c(26700, 0, "IPCC 2006 Vol. 2 Ch. 1 Table 1.2: anthracite 26.7 TJ/Gg", Verified)),
            Source::BituminousCoal => Some(c(25800, 0, "IPCC 2006 Vol. 2 Ch. 1 Table 1.2: other bituminous coal 25.8 TJ/Gg", Verified)),
            Source::SubBituminousCoal => Some(c(18900, 0, "IPCC 2006 Vol. 2 Ch. 1 Table 1.2: sub-bituminous coal 18.9 TJ/Gg", Verified)),
            Source::Lignite => Some(c(11900, 0, "IPCC 2006 Vol. 2 Ch. 1 Table 1.2: lignite 11.9 TJ/Gg", Verified)),
            Source::Biodiesel => Some(c(27000, 0, "IPCC 2006 Vol. 2 Ch. 1 Table 1.2: biodiesels 27.0 TJ/Gg", Verified)),
            Source::Bioethanol => Some(c(27000, 0, "IPCC 2006 Vol. 2 Ch. 1 Table 1.2: biogasoline 27.0 TJ/Gg", Verified)),
            Source::Wood => Some(c(15600, 0, "IPCC 2006 Vol. 2 Ch. 1 Table 1.2: wood/wood waste 15.6 TJ/Gg", Verified)),
            Source::Heat | Source::Cooling => None,
        }
    }

    /// Default density, kg per litre, for a liquid fuel measured in litres whose row gives no
    /// density of its own. China and Hong Kong publish no default (GB 19147 and GB 17930 give
    /// only specification ranges: diesel 810–845, petrol 720–775 kg/m³ at 20 °C), so the
    /// defaults are Statistics Netherlands' conversion values, which agree with Statistics
    /// Canada (839.5, 745.2 kg/m³) and the densities implied by the UK government's conversion
    /// factors 2021–2022 (diesel 0.843–0.846, petrol 0.744–0.745, LPG 0.530). A supplier's
    /// delivery note is better: the trace and a check say which rows use a default.
    pub fn default_density(self) -> Option<Constant> {
        use Status::*;
        match self {
            Source::Diesel => Some(c(84, 2, "Statistics Netherlands (CBS), “Gewichtseenheden energie”: gas, diesel and light fuel oil, 1 litre = 0.84 kg", Verified)),
            Source::Petrol => Some(c(745, 3, "Statistics Netherlands (CBS), “Gewichtseenheden energie”: motor petrol, 1 litre = 0.745 kg", Verified)),
            Source::Lpg => Some(c(53, 2, "Statistics Netherlands (CBS), “Gewichtseenheden energie”: LPG, 1 litre = 0.53 kg (Hong Kong's butane-rich LPG is denser: give the supplier's figure)", Verified)),
            _ => None,
        }
    }

    /// GB/T 2589-2008 standard-coal coefficient: kgce per kWh (electricity, equivalent value)
    /// or per physical unit at the default NCV.
    pub fn kgce_coefficient(self) -> Option<Constant> {
        use Status::*;
        match self {
            Source::Electricity => Some(c(
                1229,
                4,
                "GB/T 2589-2008: electricity 0.1229 kgce/kWh (equivalent value)",
                Verified,
            )),
            Source::NaturalGas => Some(c(
                13300,
                4,
                "GB/T 2589-2008: natural gas 1.3300 kgce/m³",
                Verified,
            )),
            Source::Diesel => Some(c(
                14571,
                4,
                "GB/T 2589-2008: diesel 1.4571 kgce/kg",
                Verified,
            )),
            Source::Petrol => Some(c(
                14714,
                4,
                "GB/T 2589-2008: petrol 1.4714 kgce/kg",
                Verified,
            )),
            Source::Lpg => Some(c(
                17143,
                4,
                "GB/T 2589-2008: LPG 1.7143 kgce/kg",
                Unverified,
            )),
            // As printed in GB/T 2589-2008 Appendix A (web copies; the coefficients are ratios
            // to 7,000 kcal, not the kJ column ÷ 29,307).
            Source::Coal => Some(c(
                7143,
                4,
                "GB/T 2589-2008: raw coal 0.7143 kgce/kg",
                Secondary,
            )),
            Source::Coke => Some(c(9714, 4, "GB/T 2589-2008: coke 0.9714 kgce/kg", Secondary)),
            Source::FuelOil => Some(c(
                14286,
                4,
                "GB/T 2589-2008: fuel oil 1.4286 kgce/kg",
                Secondary,
            )),
            Source::Kerosene => Some(c(
                14714,
                4,
                "GB/T 2589-2008: kerosene 1.4714 kgce/kg",
                Secondary,
            )),
            Source::Heat => Some(c(
                3412,
                5,
                "GB/T 2589-2008: heat 0.03412 kgce/MJ",
                Secondary,
            )),
            // No table coefficient: energy ÷ 29,307 kJ/kgce.
            _ => None,
        }
    }
}

/// The unit of an activity quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuantityUnit {
    Kwh,
    Mwh,
    Gj,
    M3,
    Kg,
    /// Tonnes (1,000 kg).
    T,
    L,
    TowngasUnit,
    /// A refrigeration ton-hour of cooling: 12,000 Btu (IT) = 12,660.67023144 kJ.
    Rth,
}

impl QuantityUnit {
    pub const ALL: [QuantityUnit; 9] = [
        QuantityUnit::Kwh,
        QuantityUnit::Mwh,
        QuantityUnit::Gj,
        QuantityUnit::M3,
        QuantityUnit::Kg,
        QuantityUnit::T,
        QuantityUnit::L,
        QuantityUnit::TowngasUnit,
        QuantityUnit::Rth,
    ];

    pub fn id(self) -> &'static str {
        match self {
            QuantityUnit::Kwh => "kWh",
            QuantityUnit::Mwh => "MWh",
            QuantityUnit::Gj => "GJ",
            QuantityUnit::M3 => "m3",
            QuantityUnit::Kg => "kg",
            QuantityUnit::T => "t",
            QuantityUnit::L => "L",
            QuantityUnit::TowngasUnit => "unit",
            QuantityUnit::Rth => "RTh",
        }
    }

    /// Accepts the contract's spelling and the usual variants (`m³`, `kwh`, `litre`).
    pub fn from_id(id: &str) -> Option<QuantityUnit> {
        match id.trim().to_ascii_lowercase().as_str() {
            // Kai Tak's district cooling bills kWrh, kWh of cooling.
            "kwh" | "kwrh" => Some(QuantityUnit::Kwh),
            "mwh" | "mwrh" => Some(QuantityUnit::Mwh),
            "gj" => Some(QuantityUnit::Gj),
            "m3" | "m³" => Some(QuantityUnit::M3),
            "kg" => Some(QuantityUnit::Kg),
            "t" | "tonne" | "tonnes" | "ton" | "tons" => Some(QuantityUnit::T),
            "rth" | "rt-h" | "rt·h" | "rthr" | "ton-hour" | "ton-hours" => Some(QuantityUnit::Rth),
            "l" | "litre" | "liter" | "litres" | "liters" => Some(QuantityUnit::L),
            "unit" | "units" | "towngas unit" => Some(QuantityUnit::TowngasUnit),
            _ => None,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            QuantityUnit::M3 => "m³",
            QuantityUnit::TowngasUnit => "units",
            other => other.id(),
        }
    }

    /// Energy units convert without a calorific value.
    pub fn energy_in_kj(self) -> Option<Decimal> {
        match self {
            QuantityUnit::Kwh => Some(Decimal::from(3600)),
            QuantityUnit::Mwh => Some(KJ_PER_MWH),
            QuantityUnit::Gj => Some(Decimal::from(1_000_000)),
            // 12,000 Btu × 1,055.05585262 J (the International Table Btu, exact by definition).
            QuantityUnit::Rth => Some(Decimal::new(1_266_067_023_144, 8)),
            _ => None,
        }
    }

    /// Kilograms in one of this, for the mass units.
    pub fn kg(self) -> Option<Decimal> {
        match self {
            QuantityUnit::Kg => Some(Decimal::ONE),
            QuantityUnit::T => Some(Decimal::ONE_THOUSAND),
            _ => None,
        }
    }
}

/// The mass in a factor's numerator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mass {
    Kg,
    T,
}

/// What a factor is per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Per {
    Kwh,
    Mwh,
    Gj,
    Tj,
    M3,
    Kg,
    /// A tonne of the fuel (coal's `tCO2/t`).
    T,
    L,
    TowngasUnit,
}

impl Per {
    fn id(self) -> &'static str {
        match self {
            Per::Kwh => "kWh",
            Per::Mwh => "MWh",
            Per::Gj => "GJ",
            Per::Tj => "TJ",
            Per::M3 => "m3",
            Per::Kg => "kg",
            Per::T => "t",
            Per::L => "L",
            Per::TowngasUnit => "unit",
        }
    }

    fn from_id(id: &str) -> Option<Per> {
        match id.trim().to_ascii_lowercase().as_str() {
            "kwh" => Some(Per::Kwh),
            "mwh" => Some(Per::Mwh),
            "gj" => Some(Per::Gj),
            "tj" => Some(Per::Tj),
            "m3" | "m³" => Some(Per::M3),
            "kg" => Some(Per::Kg),
            "t" | "tonne" => Some(Per::T),
            "l" | "litre" | "liter" => Some(Per::L),
            "unit" | "towngas unit" => Some(Per::TowngasUnit),
            _ => None,
        }
    }

    /// kJ per one of this, for the energy bases.
    pub fn energy_in_kj(self) -> Option<Decimal> {
        match self {
            Per::Kwh => Some(Decimal::from(3600)),
            Per::Mwh => Some(KJ_PER_MWH),
            Per::Gj => Some(Decimal::from(1_000_000)),
            Per::Tj => Some(Decimal::from(1_000_000_000)),
            _ => None,
        }
    }

    pub fn physical(self) -> Option<Physical> {
        match self {
            Per::M3 => Some(Physical::M3),
            Per::Kg | Per::T => Some(Physical::Kg),
            Per::TowngasUnit => Some(Physical::TowngasUnit),
            _ => None,
        }
    }
}

/// An emission factor's unit: mass per basis, e.g. `kgCO2e/m3`, `tCO2e/MWh`, `kg/TJ`.
/// The gas is not part of the unit: a per-gas factor has one value for each gas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FactorUnit {
    pub mass: Mass,
    pub per: Per,
}

impl FactorUnit {
    pub const T_PER_MWH: FactorUnit = FactorUnit {
        mass: Mass::T,
        per: Per::Mwh,
    };
    pub const KG_PER_KWH: FactorUnit = FactorUnit {
        mass: Mass::Kg,
        per: Per::Kwh,
    };
    pub const KG_PER_M3: FactorUnit = FactorUnit {
        mass: Mass::Kg,
        per: Per::M3,
    };
    pub const T_PER_GJ: FactorUnit = FactorUnit {
        mass: Mass::T,
        per: Per::Gj,
    };
    pub const KG_PER_GJ: FactorUnit = FactorUnit {
        mass: Mass::Kg,
        per: Per::Gj,
    };
    pub const KG_PER_TJ: FactorUnit = FactorUnit {
        mass: Mass::Kg,
        per: Per::Tj,
    };
    pub const KG_PER_KG: FactorUnit = FactorUnit {
        mass: Mass::Kg,
        per: Per::Kg,
    };
    pub const KG_PER_L: FactorUnit = FactorUnit {
        mass: Mass::Kg,
        per: Per::L,
    };
    pub const KG_PER_UNIT: FactorUnit = FactorUnit {
        mass: Mass::Kg,
        per: Per::TowngasUnit,
    };
    pub const T_PER_T: FactorUnit = FactorUnit {
        mass: Mass::T,
        per: Per::T,
    };

    /// The units offered for an inline CO2e factor.
    pub const COMMON: [FactorUnit; 10] = [
        FactorUnit::T_PER_MWH,
        FactorUnit::KG_PER_KWH,
        FactorUnit::KG_PER_M3,
        FactorUnit::T_PER_GJ,
        FactorUnit::KG_PER_GJ,
        FactorUnit::KG_PER_TJ,
        FactorUnit::KG_PER_KG,
        FactorUnit::KG_PER_L,
        FactorUnit::KG_PER_UNIT,
        FactorUnit::T_PER_T,
    ];

    /// The contract's spelling, as a CO2e factor (`kgCO2e/m3`).
    pub fn id(self) -> String {
        format!("{}CO2e/{}", self.mass_id(), self.per.id())
    }

    fn mass_id(self) -> &'static str {
        match self.mass {
            Mass::Kg => "kg",
            Mass::T => "t",
        }
    }

    /// Reads `kgCO2e/m3`, `tCO2e/MWh`, `kgCO2/TJ`, `kg/TJ`, `t CO2e / MWh`, `kgCO2e/m³`.
    pub fn from_id(id: &str) -> Option<FactorUnit> {
        let compact: String = id
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .replace('₂', "2");
        let (num, den) = compact.split_once('/')?;
        let lower = num.to_ascii_lowercase();
        let (mass, gas) = if let Some(rest) = lower.strip_prefix("kg") {
            (Mass::Kg, rest)
        } else if let Some(rest) = lower.strip_prefix('t') {
            (Mass::T, rest)
        } else {
            return None;
        };
        if !matches!(gas, "" | "co2e" | "co2" | "co2-e" | "co2eq") {
            return None;
        }
        Some(FactorUnit {
            mass,
            per: Per::from_id(den)?,
        })
    }

    pub fn symbol(self) -> String {
        let per = match self.per {
            Per::M3 => "m³",
            Per::TowngasUnit => "unit",
            other => other.id(),
        };
        format!("{} CO2e/{per}", self.mass_id())
    }

    /// Tonnes per unit of the numerator.
    pub fn tonnes_scale(self) -> Decimal {
        match self.mass {
            Mass::T => Decimal::ONE,
            Mass::Kg => Decimal::new(1, 3),
        }
    }
}

/// A quantity of one source in every basis a factor may need, by checked arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Converted {
    pub kj: Decimal,
    pub mwh: Decimal,
    /// In the source's physical unit (m³, kg, towngas unit), where it has one.
    pub physical: Option<Decimal>,
    /// Litres, where a density was given or the quantity was in litres.
    pub litres: Option<Decimal>,
}

impl Converted {
    /// The quantity in a factor's basis, or why it cannot be had.
    pub fn in_basis(&self, per: Per, source: Source) -> Result<Decimal, Text> {
        if let Some(kj) = per.energy_in_kj() {
            return self.kj.cdiv(kj).ok_or_else(overflow);
        }
        match (per, per.physical(), source.physical()) {
            (Per::L, _, _) => self.litres.ok_or_else(|| {
                t!("a factor per litre needs the {0} quantity in L, or its density (density_kg_per_l)", source.noun())
            }),
            (Per::T, _, Some(Physical::Kg)) => self
                .physical
                .and_then(|kg| kg.cdiv(Decimal::ONE_THOUSAND))
                .ok_or_else(overflow),
            (_, Some(want), Some(have)) if want == have => {
                self.physical.ok_or_else(overflow)
            }
            (_, Some(want), _) => Err(t!(
                "a factor per {0} does not fit {1}",
                want.symbol(),
                source.noun()
            )),
            _ => Err(overflow()),
        }
    }
}

/// Converts a quantity to energy (kJ, MWh) and to the source's physical unit, through the
/// NCV (kJ per physical unit) and, for litres, the density (kg/L). `Err` says why not.
pub fn convert(
    quantity: Decimal,
    unit: QuantityUnit,
    source: Source,
    ncv: Option<Decimal>,
    density_kg_per_l: Option<Decimal>,
) -> Result<Converted, Text> {
    let ov = overflow;
    let (kj, physical, litres) = if let Some(kj_per) = unit.energy_in_kj() {
        let kj = quantity.cmul(kj_per).ok_or_else(ov)?;
        let physical = match ncv {
            Some(n) if !n.is_zero() => Some(kj.cdiv(n).ok_or_else(ov)?),
            _ => None,
        };
        let litres = match (physical, density_kg_per_l, source.physical()) {
            (Some(kg), Some(d), Some(Physical::Kg)) if !d.is_zero() => {
                Some(kg.cdiv(d).ok_or_else(ov)?)
            }
            _ => None,
        };
        (kj, physical, litres)
    } else {
        let (physical, litres) = match unit {
            QuantityUnit::L => {
                let d = density_kg_per_l.filter(|d| !d.is_zero()).ok_or_else(|| {
                    t!(
                        "litres of {0} need its density (density_kg_per_l) to become kg",
                        source.noun()
                    )
                })?;
                (quantity.cmul(d).ok_or_else(ov)?, Some(quantity))
            }
            _ => {
                // Tonnes are 1,000 kg: a fuel's physical quantity is in kg.
                let quantity = match unit.kg() {
                    Some(k) => quantity.cmul(k).ok_or_else(ov)?,
                    None => quantity,
                };
                let litres = match density_kg_per_l {
                    Some(d) if !d.is_zero() && unit.kg().is_some() => {
                        Some(quantity.cdiv(d).ok_or_else(ov)?)
                    }
                    _ => None,
                };
                (quantity, litres)
            }
        };
        let n = ncv.ok_or_else(|| t!("{0} has no calorific value", source.noun()))?;
        (physical.cmul(n).ok_or_else(ov)?, Some(physical), litres)
    };
    let mwh = kj.cdiv(KJ_PER_MWH).ok_or_else(ov)?;
    Ok(Converted {
        kj,
        mwh,
        physical,
        litres,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[track_caller]
    fn mwh(q: &str, unit: QuantityUnit, source: Source, density: Option<&str>) -> Decimal {
        let ncv = source.default_ncv().map(|c| c.value);
        convert(d(q), unit, source, ncv, density.map(d))
            .unwrap()
            .mwh
    }

    #[test]
    fn every_unit_path_to_mwh() {
        use QuantityUnit::*;
        let cases: [(&str, QuantityUnit, Source, Option<&str>, &str); 9] = [
            ("17467470", Kwh, Source::Electricity, None, "17467.47"),
            ("17467.47", Mwh, Source::Electricity, None, "17467.47"),
            ("5002.02", Gj, Source::NaturalGas, None, "1389.45"),
            ("3600", M3, Source::NaturalGas, None, "38.931"),
            ("75", TowngasUnit, Source::Towngas, None, "1"),
            ("3600", Kg, Source::Diesel, None, "42.652"),
            ("3600", Kg, Source::Petrol, None, "43.07"),
            ("3600", Kg, Source::Lpg, None, "50.179"),
            (
                "1000",
                L,
                Source::Diesel,
                Some("0.84"),
                "9.9521333333333333333333333333",
            ),
        ];
        for (q, unit, source, density, expected) in cases {
            assert_eq!(
                mwh(q, unit, source, density),
                d(expected),
                "{q} {unit:?} of {source:?}"
            );
        }
    }

    #[test]
    fn gas_volume_round_trips_through_the_calorific_value() {
        let c = convert(
            d("38.931"),
            QuantityUnit::Mwh,
            Source::NaturalGas,
            Some(NATURAL_GAS_NCV_KJ_PER_M3),
            None,
        )
        .unwrap();
        assert_eq!(c.physical, Some(d("3600")));
        assert_eq!(c.in_basis(Per::Gj, Source::NaturalGas), Ok(d("140.1516")));
        assert_eq!(c.in_basis(Per::Tj, Source::NaturalGas), Ok(d("0.1401516")));
        let e = convert(d("1"), QuantityUnit::Mwh, Source::Electricity, None, None).unwrap();
        assert_eq!(e.physical, None, "electricity has no volume");
        assert!(e
            .in_basis(Per::M3, Source::Electricity)
            .unwrap_err()
            .contains("does not fit"));
    }

    #[test]
    fn litres_need_a_density() {
        let err = convert(
            d("10"),
            QuantityUnit::L,
            Source::Diesel,
            Some(d("42652")),
            None,
        )
        .unwrap_err();
        assert!(err.contains("density"), "{err}");
        let c = convert(
            d("100"),
            QuantityUnit::L,
            Source::Diesel,
            Some(d("42652")),
            Some(d("0.85")),
        )
        .unwrap();
        assert_eq!(c.physical, Some(d("85")));
        assert_eq!(c.in_basis(Per::L, Source::Diesel), Ok(d("100")));
        let kg = convert(
            d("85"),
            QuantityUnit::Kg,
            Source::Diesel,
            Some(d("42652")),
            None,
        )
        .unwrap();
        assert!(kg
            .in_basis(Per::L, Source::Diesel)
            .unwrap_err()
            .contains("density"));
    }

    #[test]
    fn units_parse_from_their_usual_spellings() {
        assert_eq!(QuantityUnit::from_id("m³"), Some(QuantityUnit::M3));
        assert_eq!(QuantityUnit::from_id("KWH"), Some(QuantityUnit::Kwh));
        assert_eq!(QuantityUnit::from_id("litre"), Some(QuantityUnit::L));
        assert_eq!(QuantityUnit::from_id("barrel"), None);
        assert_eq!(
            FactorUnit::from_id("kgCO2e/m³"),
            Some(FactorUnit::KG_PER_M3)
        );
        assert_eq!(
            FactorUnit::from_id("tco2e/mwh"),
            Some(FactorUnit::T_PER_MWH)
        );
        assert_eq!(
            FactorUnit::from_id("t CO2e / MWh"),
            Some(FactorUnit::T_PER_MWH)
        );
        assert_eq!(FactorUnit::from_id("kg/TJ"), Some(FactorUnit::KG_PER_TJ));
        assert_eq!(FactorUnit::from_id("kgCH4/TJ"), None);
        assert_eq!(FactorUnit::from_id("t/MWh"), Some(FactorUnit::T_PER_MWH));
        assert_eq!(FactorUnit::from_id("MWh"), None);
        for u in FactorUnit::COMMON {
            assert_eq!(FactorUnit::from_id(&u.id()), Some(u));
        }
        assert!(!Source::Electricity.units().contains(&QuantityUnit::M3));
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        assert!(convert(
            Decimal::MAX,
            QuantityUnit::M3,
            Source::NaturalGas,
            Some(NATURAL_GAS_NCV_KJ_PER_M3),
            None
        )
        .is_err());
        assert!(convert(
            Decimal::MAX,
            QuantityUnit::Gj,
            Source::Electricity,
            None,
            None
        )
        .is_err());
    }

    #[test]
    fn standard_coal_coefficients_agree_with_the_calorific_values() {
        // GB/T 2589: coefficient = NCV ÷ 29,307 kJ/kgce, rounded to four places in its table.
        for s in [
            Source::NaturalGas,
            Source::Diesel,
            Source::Petrol,
            Source::Lpg,
        ] {
            let ncv = s.default_ncv().unwrap().value;
            let coef = s.kgce_coefficient().unwrap().value;
            let derived = (ncv / KJ_PER_KGCE).round_dp(4);
            assert!(
                (derived - coef).abs() <= d("0.0025"),
                "{s:?}: {derived} vs {coef}"
            );
        }
        // Electricity's equivalent value: 860 kcal/kWh ÷ 7,000 kcal/kgce.
        assert_eq!(
            (d("860") / d("7000")).round_dp(4),
            Source::Electricity.kgce_coefficient().unwrap().value
        );
    }
}
