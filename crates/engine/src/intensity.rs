//! Intensities per any denominator: the report picks which of its totals (any GHG, energy,
//! water, waste or packaging KPI, or Scopes 1 + 2 + 3) it prints per employee, per m² of floor
//! area, per million of revenue in the report's own currency, or per unit of production. Each is
//! computed, traced by its formula, exported and, where a report printed it, checked. The
//! result of one is [`super::results::Intensity`].

use super::kpi::KpiId;
use super::number::plain;
use super::text::Text;
use crate::t;

/// What an intensity divides: a KPI that is a total, or Scopes 1 + 2 + 3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Of {
    Kpi(KpiId),
    Scopes123,
}

/// The id Scopes 1 + 2 + 3 go by as a numerator.
pub const SCOPES_1_2_3: &str = "ghg_scopes_1_2_3_t";

impl Of {
    pub fn from_id(id: &str) -> Option<Of> {
        let id = id.trim();
        if id == SCOPES_1_2_3 {
            return Some(Of::Scopes123);
        }
        KpiId::from_id(id)
            .filter(|k| k.denominator().is_none())
            .map(Of::Kpi)
    }

    pub fn id(self) -> &'static str {
        match self {
            Of::Kpi(k) => k.id(),
            Of::Scopes123 => SCOPES_1_2_3,
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Of::Kpi(k) => k.unit(),
            Of::Scopes123 => "t CO2e",
        }
    }

    /// Its name in a table: the KPI's, or “GHG emissions (Scopes 1, 2 and 3)”.
    pub fn name(self) -> Text {
        match self {
            Of::Kpi(k) => Text::names(k.name_en(), k.name_zh_hant(), k.name_zh_hans()),
            Of::Scopes123 => t!("GHG emissions (Scopes 1, 2 and 3)"),
        }
    }

    /// Every numerator, in the KPI table's order, Scopes 1 + 2 + 3 right after Scope 3.
    pub fn all() -> Vec<Of> {
        let mut out: Vec<Of> = Vec::new();
        for k in KpiId::ALL {
            if k.denominator().is_none() {
                out.push(Of::Kpi(k));
            }
            if k == KpiId::GhgScope3 {
                out.push(Of::Scopes123);
            }
        }
        out
    }
}

/// What it is divided by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Employee,
    FloorArea,
    /// A million of revenue, in the currency the report gives its revenue in.
    Revenue,
    /// A unit of production, in the unit the organisation names.
    Production,
}

impl Per {
    pub const ALL: [Per; 4] = [Per::Employee, Per::FloorArea, Per::Revenue, Per::Production];

    pub fn id(self) -> &'static str {
        match self {
            Per::Employee => "employee",
            Per::FloorArea => "m2",
            Per::Revenue => "revenue_million",
            Per::Production => "production_unit",
        }
    }

    pub fn from_id(id: &str) -> Option<Per> {
        let id = id.trim();
        Per::ALL
            .into_iter()
            .find(|p| p.id() == id || (id == "m²" && *p == Per::FloorArea))
    }

    /// Its words in a select: “per employee”.
    pub fn words(self) -> Text {
        match self {
            Per::Employee => t!("per employee"),
            Per::FloorArea => t!("per m² of floor area"),
            Per::Revenue => t!("per million of revenue (the report's currency)"),
            Per::Production => t!("per unit of production"),
        }
    }
}

/// One intensity the report prints (`intensities[i]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wanted {
    pub of: Of,
    pub per: Per,
}

impl Wanted {
    /// `ghg_scope3_t_per_employee`.
    pub fn id(self) -> String {
        format!("{}_per_{}", self.of.id(), self.per.id())
    }
}

/// `ghg_total_t per employee`: the name of an intensity in a table, in words.
pub fn name(w: Wanted) -> Text {
    t!("{0} {1}", w.of.name(), w.per.words())
}

/// The formula of a computed intensity: “12.5 t CO2e ÷ 250 employee”.
pub fn formula(numerator: &str, unit: &str, denominator: rust_decimal::Decimal, per: &str) -> Text {
    Text::verbatim(format!("{numerator} {unit} ÷ {} {per}", plain(denominator)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_and_intensities_are_not_numerators() {
        for of in Of::all() {
            assert_eq!(Of::from_id(of.id()), Some(of));
        }
        assert_eq!(Of::from_id("ghg_intensity_t_per_m2"), None);
        assert_eq!(Of::from_id("water_m3_per_employee"), None);
        for p in Per::ALL {
            assert_eq!(Per::from_id(p.id()), Some(p));
        }
        assert_eq!(
            Wanted {
                of: Of::Scopes123,
                per: Per::Revenue
            }
            .id(),
            "ghg_scopes_1_2_3_t_per_revenue_million"
        );
    }
}
