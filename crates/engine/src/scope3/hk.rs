//! Hong Kong's usual Scope 3 lines, as HK reports print them: the electricity the Water
//! Supplies Department uses to supply each m³ of fresh water, the electricity the Drainage
//! Services Department uses to treat each m³ of sewage, and paper sent to landfill. Each is a
//! `scope3` line whose factor is one of [`USUAL`]'s ids; its quantity, when the line gives
//! none, comes from the scenario (`water_m3`, and the waste items of kind `paper`).
//!
//! Where each figure was read, and what was not found: docs/research/issue-18-hk-lines.md.

use rust_decimal::Decimal;

/// One usual line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usual {
    /// WSD's unit electricity consumption (fresh water and raw water), kWh/m³, × an
    /// electricity factor.
    Water,
    /// DSD's purchased electricity per m³ of sewage treated, × an electricity factor; sewage is
    /// a share of the fresh water (DSD charges sewage on 100 % of it unless a trade's schedule
    /// says 70 % or 80 %).
    Sewage,
    /// Paper disposed of at landfill, kg CO2e per kg.
    Paper,
}

/// The usual lines: id, what, GHG Protocol category (water supply as purchased services,
/// sewage and paper as waste generated in operations).
pub const USUAL: [(&str, Usual, u8); 3] = [
    ("hk-wsd-fresh-water", Usual::Water, 1),
    ("hk-dsd-sewage", Usual::Sewage, 5),
    ("hk-paper-landfill", Usual::Paper, 5),
];

/// The electricity factor the WSD and DSD lines take unless the line names another: the HKSAR
/// Government's territory-wide default, the one both departments state they use.
pub const DEFAULT_ELECTRICITY: &str = "hk-gov-default-electricity";

/// One year of a department's series: the financial year it starts in (2021 = 2021/22), its
/// value in kWh per m³, and where it was read.
pub type YearFigure = (u16, &'static str, &'static str);

/// WSD, "Unit Electricity Consumption (Fresh Water and Raw Water)", kWh/m³, by financial year
/// (April to March) [verified]. 2022/23 on were not found.
pub const WSD_FRESH_WATER: &[YearFigure] = &[
    (2016, "0.575", "WSD Annual Report 2020/21, p. 61"),
    (2017, "0.577", "WSD Annual Report 2020/21, p. 61"),
    (2018, "0.596", "WSD Annual Report 2020/21, p. 61"),
    (2019, "0.606", "WSD Annual Report 2020/21, p. 61"),
    (2020, "0.612", "WSD Annual Report 2020/21, p. 61"),
    (
        2021,
        "0.621",
        "WSD Annual Report 2021/22, Figures under Sustainability, p. 75",
    ),
];

/// DSD, "Purchased electricity consumption per unit volume of sewage treated", kWh/m³, by
/// financial year [verified]. One basis only (DSD printed two others in earlier years; they are
/// not mixed in). 2020-21 on were not found.
pub const DSD_SEWAGE: &[YearFigure] = &[
    (
        2014,
        "0.26",
        "DSD Sustainability Report 2018-19, key statistics",
    ),
    (
        2015,
        "0.27",
        "DSD Sustainability Report 2018-19, key statistics",
    ),
    (
        2016,
        "0.28",
        "DSD Sustainability Report 2018-19, key statistics",
    ),
    (
        2017,
        "0.30",
        "DSD Sustainability Report 2018-19, key statistics",
    ),
    (
        2018,
        "0.28",
        "DSD Sustainability Report 2019-20, Appendix II",
    ),
    (
        2019,
        "0.29",
        "DSD Sustainability Report 2019-20, Appendix II",
    ),
];

/// Paper to landfill, kg CO2e per kg [unverified]: the value HK reports use, attributed to
/// HKEX's reporting guidance (Appendix 2) and the EPD/EMSD 2010 Guidelines; neither document's
/// table, nor the unit it prints, was read.
pub const PAPER_KG_PER_KG: &str = "4.8";
pub const PAPER_SOURCE: &str = "HKEX Reporting Guidance, Appendix 2 (environmental KPIs), after the EPD/EMSD Guidelines to Account for and Report on Greenhouse Gas Emissions (2010): 4.8 for paper waste disposed of at landfill, read as kg CO2e per kg of paper; found only as quoted in code, the publisher's table and the unit it prints not read [unverified]";

/// A usual line by its id.
pub fn usual(id: &str) -> Option<(Usual, u8)> {
    USUAL
        .iter()
        .find(|(i, _, _)| *i == id.trim())
        .map(|(_, u, c)| (*u, *c))
}

impl Usual {
    pub fn id(self) -> &'static str {
        USUAL
            .iter()
            .find(|(_, u, _)| *u == self)
            .map_or("", |(i, _, _)| i)
    }

    /// The department's series, for the two that have one.
    pub fn series(self) -> Option<(&'static [YearFigure], &'static str)> {
        match self {
            Usual::Water => Some((WSD_FRESH_WATER, "Water Supplies Department (HKSAR), unit electricity consumption (fresh water and raw water)")),
            Usual::Sewage => Some((DSD_SEWAGE, "Drainage Services Department (HKSAR), purchased electricity consumption per unit volume of sewage treated")),
            Usual::Paper => None,
        }
    }
}

/// A financial year as the departments write it: WSD `2021/22`, DSD `2019-20`.
pub fn year_label(usual: Usual, start: u16) -> String {
    let end = (start.saturating_add(1)) % 100;
    match usual {
        Usual::Sewage => format!("{start}-{end:02}"),
        _ => format!("{start}/{end:02}"),
    }
}

/// The year's figure: the one for the financial year that starts in `wanted` (a calendar year
/// takes the financial year holding nine of its months), else the latest before it, else the
/// first. `None` only for an empty series.
pub fn figure(series: &'static [YearFigure], wanted: Option<u16>) -> Option<&'static YearFigure> {
    let latest = series.iter().max_by_key(|f| f.0)?;
    let Some(w) = wanted else {
        return Some(latest);
    };
    series
        .iter()
        .filter(|f| f.0 <= w)
        .max_by_key(|f| f.0)
        .or_else(|| series.iter().min_by_key(|f| f.0))
}

/// A figure's value.
pub fn value(f: &YearFigure) -> Option<Decimal> {
    Decimal::from_str_radix(f.1, 10).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_reads_and_years_run_without_gaps() {
        for (series, _) in [Usual::Water, Usual::Sewage].map(|u| u.series().unwrap()) {
            for pair in series.windows(2) {
                assert_eq!(pair[0].0 + 1, pair[1].0);
            }
            for f in series {
                assert!(value(f).is_some_and(|v| v > Decimal::ZERO && v < Decimal::ONE));
            }
        }
        assert_eq!(figure(WSD_FRESH_WATER, Some(2024)).map(|f| f.0), Some(2021));
        assert_eq!(
            figure(WSD_FRESH_WATER, Some(2018)).map(|f| f.1),
            Some("0.596")
        );
        assert_eq!(figure(WSD_FRESH_WATER, Some(2010)).map(|f| f.0), Some(2016));
        assert_eq!(year_label(Usual::Water, 2021), "2021/22");
        assert_eq!(year_label(Usual::Sewage, 2019), "2019-20");
        assert_eq!(year_label(Usual::Water, 2099), "2099/00");
        for (id, u, c) in USUAL {
            assert_eq!(usual(id), Some((u, c)));
            assert_eq!(u.id(), id);
        }
    }
}
