//! The sixteen KPIs of the report's environmental KPI table, in the report's order, then the
//! three A1.1 air-emission KPIs a 2025 report adds, with their HKEX Appendix C2 codes, units and
//! the report's own wording.

use super::field::{Figure, Unit};
use super::text::Text;

/// One row of the environmental KPI table. The order of [`KpiId::ALL`] is the report's.
///
/// ```
/// use esg_kpi_engine::{calculate_value, example, KpiId};
/// let r = calculate_value(&example::example());
/// let total = r.kpis.get(KpiId::GhgTotal).unwrap();
/// assert_eq!((total.hkex, total.unit), ("A1.2", "t CO2e"));
/// assert_eq!(total.display.unwrap().to_string(), "13,093.57"); // 271.69 + 12,821.88
/// let water = r.kpis.get(KpiId::WaterPerEmployee).unwrap();
/// assert_eq!(water.display.unwrap().to_string(), "6.77"); // 81,345.33 m³ ÷ 12,016 people
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KpiId {
    /// A1.2 Scope 1 + Scope 2, t CO2e. Report 2018: 271.69 + 12,821.88 = 13,093.57.
    GhgTotal,
    /// A1.2 Direct GHG (Scope 1): Σ fuel burnt × its factor, t CO2e. Report 2018: 271.69.
    GhgScope1,
    /// A1.2 Indirect GHG (Scope 2, location-based): Σ electricity × grid factor. Report: 12,821.88.
    GhgScope2,
    /// A1.2 Total GHG ÷ floor area, t CO2e/m². Report: 0.09.
    GhgIntensityPerM2,
    /// A1.3 Hazardous waste, t. Report: 1.16.
    HazardousWaste,
    /// A1.3 Hazardous waste ÷ employees, t/person. Report: 0.000097.
    HazardousWastePerEmployee,
    /// A1.4 Non-hazardous waste, t. Report: 1,027.17.
    NonHazardousWaste,
    /// A1.4 Non-hazardous waste ÷ employees, t/person. Report: 0.09.
    NonHazardousWastePerEmployee,
    /// A2.1 Direct + indirect energy, MWh. Report: 18,856.92.
    EnergyTotal,
    /// A2.1 Fuels burnt on site, MWh. Report: 1,389.45.
    EnergyDirect,
    /// A2.1 Purchased electricity, MWh. Report: 17,467.47.
    EnergyIndirect,
    /// A2.1 Total energy ÷ employees, MWh/person. Report: 1.32 (see the headcount check).
    EnergyPerEmployee,
    /// A2.2 Water, m³ (1 m³ = 1 t). Report: 81,345.33.
    Water,
    /// A2.2 Water ÷ employees, m³/person. Report: 6.77.
    WaterPerEmployee,
    /// A2.5 Packaging material, t. Report: 65,281.37.
    Packaging,
    /// A2.5 Packaging ÷ revenue in RMB million, t/RMB million. Report: 0.37.
    PackagingPerRevenue,
    /// A1.1 NOx from fuels burnt on site, kg (not in the 2018 report: added for 2025).
    AirNox,
    /// A1.1 SOx, kg.
    AirSox,
    /// A1.1 Particulate matter, kg.
    AirPm,
    /// A1.2 / Part D Scope 3, t CO2e: the sum of the `scope3` lines (not in `GhgTotal`, which
    /// stays Scope 1 + 2 as the report prints it).
    GhgScope3,
}

/// What a KPI is divided by, if it is an intensity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denominator {
    FloorArea,
    Employees,
    Revenue,
}

impl Denominator {
    /// The period's figure it divides by.
    pub fn figure(self) -> Figure {
        match self {
            Denominator::FloorArea => Figure::FloorArea,
            Denominator::Employees => Figure::Employees,
            Denominator::Revenue => Figure::RevenueRmbMillion,
        }
    }

    /// The scenario path of the denominator's input.
    pub fn path(self) -> &'static str {
        self.figure().path()
    }

    pub fn noun(self) -> Text {
        self.figure().noun()
    }

    /// The unit inside a sentence, in the page's language.
    pub fn unit_text(self) -> Text {
        self.figure()
            .unit()
            .map_or_else(|| Text::verbatim(""), Unit::text)
    }

    pub fn unit(self) -> &'static str {
        self.figure().unit().map_or("", Unit::shown)
    }
}

impl KpiId {
    pub const ALL: [KpiId; 20] = [
        KpiId::GhgTotal,
        KpiId::GhgScope1,
        KpiId::GhgScope2,
        KpiId::GhgIntensityPerM2,
        KpiId::HazardousWaste,
        KpiId::HazardousWastePerEmployee,
        KpiId::NonHazardousWaste,
        KpiId::NonHazardousWastePerEmployee,
        KpiId::EnergyTotal,
        KpiId::EnergyDirect,
        KpiId::EnergyIndirect,
        KpiId::EnergyPerEmployee,
        KpiId::Water,
        KpiId::WaterPerEmployee,
        KpiId::Packaging,
        KpiId::PackagingPerRevenue,
        KpiId::AirNox,
        KpiId::AirSox,
        KpiId::AirPm,
        KpiId::GhgScope3,
    ];

    /// The contract's id (CONTRACT.md §4).
    pub fn id(self) -> &'static str {
        match self {
            KpiId::GhgTotal => "ghg_total_t",
            KpiId::GhgScope1 => "ghg_scope1_t",
            KpiId::GhgScope2 => "ghg_scope2_t",
            KpiId::GhgIntensityPerM2 => "ghg_intensity_t_per_m2",
            KpiId::HazardousWaste => "hazardous_waste_t",
            KpiId::HazardousWastePerEmployee => "hazardous_waste_t_per_employee",
            KpiId::NonHazardousWaste => "non_hazardous_waste_t",
            KpiId::NonHazardousWastePerEmployee => "non_hazardous_waste_t_per_employee",
            KpiId::EnergyTotal => "energy_total_mwh",
            KpiId::EnergyDirect => "energy_direct_mwh",
            KpiId::EnergyIndirect => "energy_indirect_mwh",
            KpiId::EnergyPerEmployee => "energy_mwh_per_employee",
            KpiId::Water => "water_m3",
            KpiId::WaterPerEmployee => "water_m3_per_employee",
            KpiId::Packaging => "packaging_t",
            KpiId::PackagingPerRevenue => "packaging_t_per_rmb_million",
            KpiId::AirNox => "air_nox_kg",
            KpiId::AirSox => "air_sox_kg",
            KpiId::AirPm => "air_pm_kg",
            KpiId::GhgScope3 => "ghg_scope3_t",
        }
    }

    pub fn from_id(id: &str) -> Option<KpiId> {
        KpiId::ALL.into_iter().find(|k| k.id() == id)
    }

    /// HKEX ESG Reporting Guide (Appendix C2) KPI code.
    pub fn hkex(self) -> &'static str {
        match self {
            KpiId::GhgTotal
            | KpiId::GhgScope1
            | KpiId::GhgScope2
            | KpiId::GhgIntensityPerM2
            | KpiId::GhgScope3 => "A1.2",
            KpiId::HazardousWaste | KpiId::HazardousWastePerEmployee => "A1.3",
            KpiId::NonHazardousWaste | KpiId::NonHazardousWastePerEmployee => "A1.4",
            KpiId::EnergyTotal
            | KpiId::EnergyDirect
            | KpiId::EnergyIndirect
            | KpiId::EnergyPerEmployee => "A2.1",
            KpiId::Water | KpiId::WaterPerEmployee => "A2.2",
            KpiId::Packaging | KpiId::PackagingPerRevenue => "A2.5",
            KpiId::AirNox | KpiId::AirSox | KpiId::AirPm => "A1.1",
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            KpiId::GhgTotal | KpiId::GhgScope1 | KpiId::GhgScope2 | KpiId::GhgScope3 => "t CO2e",
            KpiId::GhgIntensityPerM2 => "t CO2e/m²",
            KpiId::HazardousWaste | KpiId::NonHazardousWaste | KpiId::Packaging => "t",
            KpiId::HazardousWastePerEmployee | KpiId::NonHazardousWastePerEmployee => "t/person",
            KpiId::EnergyTotal | KpiId::EnergyDirect | KpiId::EnergyIndirect => "MWh",
            KpiId::EnergyPerEmployee => "MWh/person",
            KpiId::Water => "m³",
            KpiId::WaterPerEmployee => "m³/person",
            KpiId::PackagingPerRevenue => "t/RMB million",
            KpiId::AirNox | KpiId::AirSox | KpiId::AirPm => "kg",
        }
    }

    /// Its unit in a sentence, in the sentence's language ("MWh/person", "兆瓦時/人").
    pub fn unit_text(self) -> Text {
        Text::word(self.unit())
    }

    pub fn denominator(self) -> Option<Denominator> {
        match self {
            KpiId::GhgIntensityPerM2 => Some(Denominator::FloorArea),
            KpiId::HazardousWastePerEmployee
            | KpiId::NonHazardousWastePerEmployee
            | KpiId::EnergyPerEmployee
            | KpiId::WaterPerEmployee => Some(Denominator::Employees),
            KpiId::PackagingPerRevenue => Some(Denominator::Revenue),
            _ => None,
        }
    }

    /// The total an intensity divides.
    pub fn numerator(self) -> Option<KpiId> {
        match self {
            KpiId::GhgIntensityPerM2 => Some(KpiId::GhgTotal),
            KpiId::HazardousWastePerEmployee => Some(KpiId::HazardousWaste),
            KpiId::NonHazardousWastePerEmployee => Some(KpiId::NonHazardousWaste),
            KpiId::EnergyPerEmployee => Some(KpiId::EnergyTotal),
            KpiId::WaterPerEmployee => Some(KpiId::Water),
            KpiId::PackagingPerRevenue => Some(KpiId::Packaging),
            _ => None,
        }
    }

    /// The KPI's name inside a sentence, in all three languages.
    pub fn name_text(self) -> Text {
        // "Total GHG emissions" → "total GHG emissions"; a name that starts with an acronym
        // ("GHG emissions per m²") keeps it.
        // (ASCII only: the English names are, and Unicode's case tables would cost the page
        // several KB.)
        let mut en = self.name_en().to_string();
        if en.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase) {
            if let Some(first) = en.get_mut(..1) {
                first.make_ascii_lowercase();
            }
        }
        Text::names(en, self.name_zh_hant(), self.name_zh_hans())
    }

    pub fn name_en(self) -> &'static str {
        match self {
            KpiId::GhgTotal => "Total GHG emissions (Scope 1 and 2)",
            KpiId::GhgScope1 => "Direct GHG emissions (Scope 1)",
            KpiId::GhgScope2 => "Indirect GHG emissions (Scope 2)",
            KpiId::GhgIntensityPerM2 => "GHG emissions per m² of floor area",
            KpiId::HazardousWaste => "Hazardous waste",
            KpiId::HazardousWastePerEmployee => "Hazardous waste per employee",
            KpiId::NonHazardousWaste => "Non-hazardous waste",
            KpiId::NonHazardousWastePerEmployee => "Non-hazardous waste per employee",
            KpiId::EnergyTotal => "Total energy consumption",
            KpiId::EnergyDirect => "Direct energy consumption",
            KpiId::EnergyIndirect => "Indirect energy consumption",
            KpiId::EnergyPerEmployee => "Energy consumption per employee",
            KpiId::Water => "Water consumption",
            KpiId::WaterPerEmployee => "Water consumption per employee",
            KpiId::Packaging => "Packaging material used",
            KpiId::PackagingPerRevenue => "Packaging material per RMB million of revenue",
            KpiId::AirNox => "Nitrogen oxides (NOx) emissions",
            KpiId::AirSox => "Sulphur oxides (SOx) emissions",
            KpiId::AirPm => "Particulate matter (PM) emissions",
            KpiId::GhgScope3 => "Other indirect GHG emissions (Scope 3)",
        }
    }

    /// The report's own wording (環境關鍵績效指標表, ESG report 2018).
    pub fn name_zh_hant(self) -> &'static str {
        match self {
            KpiId::GhgTotal => "溫室氣體排放總量(範圍一及範圍二)(噸)",
            KpiId::GhgScope1 => "直接溫室氣體排放總量(範圍一)(噸)",
            KpiId::GhgScope2 => "間接溫室氣體排放總量(範圍二)(噸)",
            KpiId::GhgIntensityPerM2 => "每平方米樓面溫室氣體排放(噸／平方米)",
            KpiId::HazardousWaste => "有害廢棄物總量(噸)",
            KpiId::HazardousWastePerEmployee => "人均有害廢棄物產生量(噸／人)",
            KpiId::NonHazardousWaste => "無害廢棄物總量(噸)",
            KpiId::NonHazardousWastePerEmployee => "人均無害廢棄物產生量(噸／人)",
            KpiId::EnergyTotal => "綜合能源消耗總量(兆瓦時)",
            KpiId::EnergyDirect => "直接能源消耗總量(兆瓦時)",
            KpiId::EnergyIndirect => "間接能源消耗總量(兆瓦時)",
            KpiId::EnergyPerEmployee => "人均能源消耗總量(兆瓦時／人)",
            KpiId::Water => "用水總量(噸)",
            KpiId::WaterPerEmployee => "人均用水量(噸／人)",
            KpiId::Packaging => "產品包裝材料使用總量(噸)",
            KpiId::PackagingPerRevenue => "人民幣百萬元收入包裝材料使用量(噸／人民幣百萬元)",
            KpiId::AirNox => "氮氧化物排放量(千克)",
            KpiId::AirSox => "硫氧化物排放量(千克)",
            KpiId::AirPm => "顆粒物排放量(千克)",
            KpiId::GhgScope3 => "其他間接溫室氣體排放總量(範圍三)(噸)",
        }
    }
}

impl KpiId {
    /// The report's wording in Simplified Chinese characters.
    pub fn name_zh_hans(self) -> &'static str {
        match self {
            KpiId::GhgTotal => "温室气体排放总量(范围一及范围二)(吨)",
            KpiId::GhgScope1 => "直接温室气体排放总量(范围一)(吨)",
            KpiId::GhgScope2 => "间接温室气体排放总量(范围二)(吨)",
            KpiId::GhgIntensityPerM2 => "每平方米楼面温室气体排放(吨／平方米)",
            KpiId::HazardousWaste => "有害废弃物总量(吨)",
            KpiId::HazardousWastePerEmployee => "人均有害废弃物产生量(吨／人)",
            KpiId::NonHazardousWaste => "无害废弃物总量(吨)",
            KpiId::NonHazardousWastePerEmployee => "人均无害废弃物产生量(吨／人)",
            KpiId::EnergyTotal => "综合能源消耗总量(兆瓦时)",
            KpiId::EnergyDirect => "直接能源消耗总量(兆瓦时)",
            KpiId::EnergyIndirect => "间接能源消耗总量(兆瓦时)",
            KpiId::EnergyPerEmployee => "人均能源消耗总量(兆瓦时／人)",
            KpiId::Water => "用水总量(吨)",
            KpiId::WaterPerEmployee => "人均用水量(吨／人)",
            KpiId::Packaging => "产品包装材料使用总量(吨)",
            KpiId::PackagingPerRevenue => "人民币百万元收入包装材料使用量(吨／人民币百万元)",
            KpiId::AirNox => "氮氧化物排放量(千克)",
            KpiId::AirSox => "硫氧化物排放量(千克)",
            KpiId::AirPm => "颗粒物排放量(千克)",
            KpiId::GhgScope3 => "其他间接温室气体排放总量(范围三)(吨)",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A KPI's unit and its name in a sentence are in the engine's catalogue in the three
    /// languages (the command line, with no page, says them too).
    #[test]
    fn units_and_names_in_sentences_are_translated() {
        use crate::text::Lang;
        for k in KpiId::ALL {
            let unit = k.unit_text();
            assert!(unit.untranslated().is_empty(), "{k:?}");
            assert_ne!(unit.render(Lang::ZhHant), unit.render(Lang::En), "{k:?}");
            assert_ne!(
                k.name_text().render(Lang::ZhHans),
                k.name_text().render(Lang::En)
            );
        }
        assert_eq!(
            KpiId::GhgIntensityPerM2.name_text().render(Lang::En),
            "GHG emissions per m² of floor area"
        );
        assert_eq!(
            KpiId::GhgTotal.name_text().render(Lang::En),
            "total GHG emissions (Scope 1 and 2)"
        );
    }

    #[test]
    fn ids_round_trip_and_are_the_contracts() {
        for k in KpiId::ALL {
            assert_eq!(KpiId::from_id(k.id()), Some(k));
        }
        let ids: Vec<_> = KpiId::ALL.iter().map(|k| k.id()).collect();
        // The contract's sixteen (§4), the A1.1 three issue 17 names, and Scope 3 (§6).
        assert_eq!(ids.len(), 20);
        assert!(ids.contains(&"packaging_t_per_rmb_million"));
        for id in ["air_nox_kg", "air_sox_kg", "air_pm_kg", "ghg_scope3_t"] {
            assert!(ids.contains(&id));
        }
    }

    #[test]
    fn every_intensity_names_its_numerator_and_denominator() {
        for k in KpiId::ALL {
            assert_eq!(k.numerator().is_some(), k.denominator().is_some(), "{k:?}");
        }
    }
}
