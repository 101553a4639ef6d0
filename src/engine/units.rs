//! Energy sources, units and emission-factor units, and the conversions between them.
//!
//! Conversions are exact decimal identities: 1 MWh = 1,000 kWh = 3.6 GJ = 3,600,000 kJ.
//! Gas volume ↔ energy uses the net calorific value (NCV); China's GB/T 2589-2008 default for
//! natural gas is 38,931 kJ/m³ (Appendix A), which is also the basis of the 1.3300 kgce/m³
//! coal-equivalent figure.

use rust_decimal::Decimal;

/// GB/T 2589-2008 Appendix A: natural gas net calorific value, kJ per m³.
pub const NATURAL_GAS_NCV_KJ_PER_M3: Decimal = Decimal::from_parts(38931, 0, 0, false, 0);
/// kJ in one MWh (3.6 GJ).
pub const KJ_PER_MWH: Decimal = Decimal::from_parts(3_600_000, 0, 0, false, 0);
/// GJ in one MWh.
pub const GJ_PER_MWH: Decimal = Decimal::from_parts(36, 0, 0, false, 1);

/// What was consumed. Electricity is indirect energy (Scope 2); a fuel burnt on site is direct
/// energy (Scope 1), as the report's notes 2 and 3 define them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Electricity,
    NaturalGas,
}

impl Source {
    pub const ALL: [Source; 2] = [Source::Electricity, Source::NaturalGas];

    pub fn id(self) -> &'static str {
        match self {
            Source::Electricity => "electricity",
            Source::NaturalGas => "natural_gas",
        }
    }

    pub fn from_id(id: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Source::Electricity => "Purchased electricity",
            Source::NaturalGas => "Natural gas",
        }
    }

    /// Direct energy (a fuel burnt on site, Scope 1) or indirect (purchased, Scope 2).
    pub fn is_direct(self) -> bool {
        !matches!(self, Source::Electricity)
    }

    /// Whether a volume in m³ describes this source.
    pub fn is_gas(self) -> bool {
        matches!(self, Source::NaturalGas)
    }

    /// The units a quantity of this source may be given in.
    pub fn units(self) -> &'static [EnergyUnit] {
        if self.is_gas() {
            &[
                EnergyUnit::M3,
                EnergyUnit::Kwh,
                EnergyUnit::Mwh,
                EnergyUnit::Gj,
            ]
        } else {
            &[EnergyUnit::Kwh, EnergyUnit::Mwh, EnergyUnit::Gj]
        }
    }
}

/// The unit of an activity quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnergyUnit {
    Kwh,
    Mwh,
    Gj,
    M3,
}

impl EnergyUnit {
    pub const ALL: [EnergyUnit; 4] = [
        EnergyUnit::Kwh,
        EnergyUnit::Mwh,
        EnergyUnit::Gj,
        EnergyUnit::M3,
    ];

    pub fn id(self) -> &'static str {
        match self {
            EnergyUnit::Kwh => "kWh",
            EnergyUnit::Mwh => "MWh",
            EnergyUnit::Gj => "GJ",
            EnergyUnit::M3 => "m3",
        }
    }

    /// Accepts the contract's spelling and the usual variants (`m³`, `kwh`).
    pub fn from_id(id: &str) -> Option<EnergyUnit> {
        match id.trim().to_ascii_lowercase().as_str() {
            "kwh" => Some(EnergyUnit::Kwh),
            "mwh" => Some(EnergyUnit::Mwh),
            "gj" => Some(EnergyUnit::Gj),
            "m3" | "m³" => Some(EnergyUnit::M3),
            _ => None,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            EnergyUnit::M3 => "m³",
            other => other.id(),
        }
    }
}

/// The unit of an emission factor: what quantity it applies to, and in kg or t of CO2e.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactorUnit {
    TPerMwh,
    KgPerKwh,
    KgPerM3,
    TPerGj,
    KgPerGj,
}

/// The quantity a factor multiplies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Mwh,
    Gj,
    M3,
}

impl FactorUnit {
    pub const ALL: [FactorUnit; 5] = [
        FactorUnit::TPerMwh,
        FactorUnit::KgPerKwh,
        FactorUnit::KgPerM3,
        FactorUnit::TPerGj,
        FactorUnit::KgPerGj,
    ];

    pub fn id(self) -> &'static str {
        match self {
            FactorUnit::TPerMwh => "tCO2e/MWh",
            FactorUnit::KgPerKwh => "kgCO2e/kWh",
            FactorUnit::KgPerM3 => "kgCO2e/m3",
            FactorUnit::TPerGj => "tCO2e/GJ",
            FactorUnit::KgPerGj => "kgCO2e/GJ",
        }
    }

    pub fn from_id(id: &str) -> Option<FactorUnit> {
        let key = id.trim().replace('³', "3").replace('₂', "2");
        FactorUnit::ALL
            .into_iter()
            .find(|u| u.id().eq_ignore_ascii_case(&key))
    }

    pub fn symbol(self) -> &'static str {
        match self {
            FactorUnit::TPerMwh => "t CO2e/MWh",
            FactorUnit::KgPerKwh => "kg CO2e/kWh",
            FactorUnit::KgPerM3 => "kg CO2e/m³",
            FactorUnit::TPerGj => "t CO2e/GJ",
            FactorUnit::KgPerGj => "kg CO2e/GJ",
        }
    }

    pub fn basis(self) -> Basis {
        match self {
            FactorUnit::TPerMwh | FactorUnit::KgPerKwh => Basis::Mwh,
            FactorUnit::TPerGj | FactorUnit::KgPerGj => Basis::Gj,
            FactorUnit::KgPerM3 => Basis::M3,
        }
    }

    /// Tonnes per unit of the factor's numerator: kg/kWh is numerically t/MWh, so 1.
    pub fn tonnes_scale(self) -> Decimal {
        match self {
            FactorUnit::TPerMwh | FactorUnit::KgPerKwh | FactorUnit::TPerGj => Decimal::ONE,
            FactorUnit::KgPerM3 | FactorUnit::KgPerGj => Decimal::new(1, 3),
        }
    }
}

/// A quantity of energy in every basis a factor may need, converted with checked arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Converted {
    pub mwh: Decimal,
    /// Only for gases, where a volume is meaningful.
    pub m3: Option<Decimal>,
    pub gj: Decimal,
}

/// Converts a quantity to MWh (and GJ, and m³ for a gas) through the net calorific value.
/// `None` when a result leaves the exact decimal range.
pub fn convert(
    quantity: Decimal,
    unit: EnergyUnit,
    ncv_kj_per_m3: Decimal,
    gas: bool,
) -> Option<Converted> {
    let thousand = Decimal::ONE_THOUSAND;
    let mwh = match unit {
        EnergyUnit::Kwh => quantity.checked_div(thousand)?,
        EnergyUnit::Mwh => quantity,
        EnergyUnit::Gj => quantity.checked_div(GJ_PER_MWH)?,
        EnergyUnit::M3 => quantity
            .checked_mul(ncv_kj_per_m3)?
            .checked_div(KJ_PER_MWH)?,
    };
    let gj = match unit {
        EnergyUnit::Gj => quantity,
        _ => mwh.checked_mul(GJ_PER_MWH)?,
    };
    let m3 = match (unit, gas) {
        (EnergyUnit::M3, _) => Some(quantity),
        (_, true) if !ncv_kj_per_m3.is_zero() => {
            Some(mwh.checked_mul(KJ_PER_MWH)?.checked_div(ncv_kj_per_m3)?)
        }
        _ => None,
    };
    Some(Converted { mwh, m3, gj })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn every_unit_path_to_mwh() {
        let ncv = NATURAL_GAS_NCV_KJ_PER_M3;
        let cases = [
            (d("17467470"), EnergyUnit::Kwh, d("17467.47")),
            (d("17467.47"), EnergyUnit::Mwh, d("17467.47")),
            (d("5002.02"), EnergyUnit::Gj, d("1389.45")),
            (d("3600"), EnergyUnit::M3, d("38.931")),
        ];
        for (q, unit, mwh) in cases {
            let c = convert(q, unit, ncv, true).unwrap();
            assert_eq!(c.mwh, mwh, "{q} {unit:?}");
        }
    }

    #[test]
    fn gas_volume_round_trips_through_the_calorific_value() {
        let c = convert(
            d("38.931"),
            EnergyUnit::Mwh,
            NATURAL_GAS_NCV_KJ_PER_M3,
            true,
        )
        .unwrap();
        assert_eq!(c.m3, Some(d("3600")));
        assert_eq!(c.gj, d("140.1516"));
        let e = convert(d("1"), EnergyUnit::Mwh, NATURAL_GAS_NCV_KJ_PER_M3, false).unwrap();
        assert_eq!(e.m3, None, "electricity has no volume");
    }

    #[test]
    fn units_parse_from_their_usual_spellings() {
        assert_eq!(EnergyUnit::from_id("m³"), Some(EnergyUnit::M3));
        assert_eq!(EnergyUnit::from_id("KWH"), Some(EnergyUnit::Kwh));
        assert_eq!(EnergyUnit::from_id("litre"), None);
        assert_eq!(FactorUnit::from_id("kgCO2e/m³"), Some(FactorUnit::KgPerM3));
        assert_eq!(FactorUnit::from_id("tco2e/mwh"), Some(FactorUnit::TPerMwh));
        assert_eq!(FactorUnit::from_id("t/MWh"), None);
        assert!(!Source::Electricity.units().contains(&EnergyUnit::M3));
    }

    #[test]
    fn overflow_is_none_not_a_panic() {
        assert_eq!(
            convert(
                Decimal::MAX,
                EnergyUnit::M3,
                NATURAL_GAS_NCV_KJ_PER_M3,
                true
            ),
            None
        );
    }
}
