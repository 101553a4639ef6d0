//! Built-in emission factors, each with its provenance and how sure we are of it
//! (`../shared/research/factors.md`). A factor without a source is not in the library.
//!
//! This is the first slice of the library: the factors a scenario can name by id today. The
//! composite ones are re-derived from their parts in the tests below.

use super::units::FactorUnit;
use rust_decimal::Decimal;
use std::str::FromStr;

/// How sure we are of a factor's value.
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

/// One record of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LibraryFactor {
    pub id: &'static str,
    pub name: &'static str,
    /// Decimal text, exact.
    pub value: &'static str,
    pub unit: FactorUnit,
    pub gases: &'static str,
    pub calorific_basis: &'static str,
    pub region: &'static str,
    pub edition: &'static str,
    pub publisher: &'static str,
    pub document: &'static str,
    pub table: &'static str,
    pub url: &'static str,
    pub status: Status,
}

impl LibraryFactor {
    pub fn value(&self) -> Option<Decimal> {
        Decimal::from_str(self.value).ok()
    }

    /// One line a reviewer can check: publisher, document, table, edition, status.
    pub fn citation(&self) -> String {
        let mut parts = vec![self.publisher.to_string(), self.document.to_string()];
        if !self.table.is_empty() {
            parts.push(self.table.to_string());
        }
        parts.push(self.edition.to_string());
        if !self.url.is_empty() {
            parts.push(self.url.to_string());
        }
        format!("{} [{}]", parts.join(", "), self.status.id())
    }
}

pub const FACTORS: &[LibraryFactor] = &[
    LibraryFactor {
        id: "cn-ng-guideline",
        name: "Natural gas, China default (15.3 t C/TJ × 99% oxidation, NCV 38,931 kJ/m³)",
        value: "2.1622",
        unit: FactorUnit::KgPerM3,
        gases: "CO2",
        calorific_basis: "net (NCV 38,931 kJ/m³, GB/T 2589-2008)",
        region: "CN",
        edition: "carbon content and oxidation defaults of China's GHG accounting guidelines",
        publisher: "NDRC (China)",
        document: "GHG accounting guideline defaults; NCV from GB/T 2589-2008 Appendix A",
        table: "natural gas: 15.3 t C/TJ, oxidation 99%",
        url: "",
        status: Status::Verified,
    },
    LibraryFactor {
        id: "ipcc2006-ng-co2-default",
        name: "Natural gas CO2, IPCC 2006 default (56,100 kg/TJ)",
        value: "56.1",
        unit: FactorUnit::KgPerGj,
        gases: "CO2",
        calorific_basis: "net",
        region: "global",
        edition: "2006",
        publisher: "IPCC",
        document: "2006 IPCC Guidelines for National Greenhouse Gas Inventories, Vol. 2 Energy",
        table: "Ch. 1 Table 1.4 (default CO2 emission factors for combustion)",
        url: "https://www.ipcc-nggip.iges.or.jp/public/2006gl/vol2.html",
        status: Status::Verified,
    },
    LibraryFactor {
        id: "ipcc2006-ng-co2-lower",
        name: "Natural gas CO2, IPCC 2006 95% lower bound (54,300 kg/TJ), as NDRC's grid-baseline notes use",
        value: "54.3",
        unit: FactorUnit::KgPerGj,
        gases: "CO2",
        calorific_basis: "net",
        region: "global",
        edition: "2006",
        publisher: "IPCC; tabulated in NDRC's China regional grid baseline notes",
        document: "2006 IPCC Guidelines, Vol. 2 Energy (95% confidence interval of the default)",
        table: "Ch. 1 Table 1.4",
        url: "",
        status: Status::Unverified,
    },
    LibraryFactor {
        id: "cn-national-grid-2022",
        name: "China national average grid factor 2022 (for 2023–25 reporting)",
        value: "0.5703",
        unit: FactorUnit::TPerMwh,
        gases: "CO2",
        calorific_basis: "",
        region: "CN",
        edition: "2022",
        publisher: "Ministry of Ecology and Environment (China)",
        document: "Notice on 2023–2025 enterprise GHG reporting",
        table: "",
        url: "http://tanpaifang.com/tanguwen/2023/0215/94510.html",
        status: Status::Verified,
    },
    LibraryFactor {
        id: "hk-gov-default-electricity",
        name: "Hong Kong government default for purchased electricity",
        value: "0.7",
        unit: FactorUnit::KgPerKwh,
        gases: "CO2e",
        calorific_basis: "",
        region: "HK",
        edition: "2021–22",
        publisher: "HKSAR Government",
        document: "Notice giving the default factor for purchased electricity (CPD 2021–22)",
        table: "",
        url: "https://cas.gov.hk/eng/about/notice_cpd21-22.html",
        status: Status::Verified,
    },
    LibraryFactor {
        id: "hk-electric-2018",
        name: "HK Electric, kg CO2e per kWh sold, 2018",
        value: "0.80",
        unit: FactorUnit::KgPerKwh,
        gases: "CO2e",
        calorific_basis: "",
        region: "HK",
        edition: "2018",
        publisher: "HK Electric",
        document: "Sustainability report 2018",
        table: "",
        url: "",
        status: Status::Verified,
    },
    LibraryFactor {
        id: "clp-2019",
        name: "CLP Power Hong Kong, kg CO2 per kWh, 2019",
        value: "0.49",
        unit: FactorUnit::KgPerKwh,
        gases: "CO2",
        calorific_basis: "",
        region: "HK",
        edition: "2019",
        publisher: "CLP Power Hong Kong",
        document: "Sustainability report 2019",
        table: "",
        url: "",
        status: Status::Verified,
    },
];

pub fn find(id: &str) -> Option<&'static LibraryFactor> {
    FACTORS.iter().find(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn every_factor_parses_and_has_a_source() {
        for f in FACTORS {
            assert!(f.value().is_some(), "{}", f.id);
            assert!(
                !f.publisher.is_empty() && !f.document.is_empty(),
                "{} lacks a source",
                f.id
            );
            assert_eq!(find(f.id).map(|x| x.id), Some(f.id));
        }
    }

    #[test]
    fn china_natural_gas_factor_rederives_from_its_parts() {
        // 15.3 t C/TJ × 0.99 × 44/12 × 38.931 GJ per 1,000 m³ → kg CO2 per m³.
        let kg_per_m3 = d("15.3") * d("0.99") * d("44") / d("12") * d("38.931") / d("1000");
        let factor = find("cn-ng-guideline").unwrap().value().unwrap();
        assert_eq!(kg_per_m3.round_dp(4), factor);
    }

    #[test]
    fn ipcc_tj_values_are_stored_per_gj() {
        assert_eq!(
            find("ipcc2006-ng-co2-default").unwrap().value(),
            Some(d("56100") / d("1000"))
        );
        assert_eq!(
            find("ipcc2006-ng-co2-lower").unwrap().value(),
            Some(d("54300") / d("1000"))
        );
    }
}
