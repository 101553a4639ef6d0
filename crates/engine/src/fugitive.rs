//! The gases of fugitive emissions (refrigerants, switchgear, fire suppression): each pure gas
//! with its family and its 100-year GWP in the four IPCC sets, and each refrigerant blend with
//! its components' mass fractions, from which its GWP is computed, never stored (as 40 CFR
//! 84.64(b) has it: the mass-weighted sum of the components'). Every value names where it was
//! read and how sure it is; the reading is written up in
//! `docs/research/issue-17-gwp-refrigerants.md`.
//!
//! A gas is found by its ASHRAE designation (`R-410A`, `R-134a`), its chemical name (`HFC-134a`,
//! `SF6`) or its formula, however it is spaced, hyphenated or cased (`r410a`).

use super::library::GwpSet;
use super::units::Status;
use rust_decimal::Decimal;

/// What a gas is, which says where its emissions are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Co2,
    /// Hydrofluorocarbons.
    Hfc,
    /// Perfluorocarbons.
    Pfc,
    Sf6,
    Nf3,
    /// Chlorofluorocarbons (Montreal Protocol).
    Cfc,
    /// Hydrochlorofluorocarbons, R-22 among them (Montreal Protocol).
    Hcfc,
    /// Halons (Montreal Protocol).
    Halon,
    /// Hydrofluoroolefins: not among the Kyoto gases; IPCC gives them a GWP from AR6 on.
    Hfo,
    /// Hydrocarbons in blends (butane, isobutane, isopentane): no GWP in the sets read.
    Hydrocarbon,
    /// Fluoroketones (FK-5-1-12).
    Fluoroketone,
}

impl Family {
    /// One of the seven gases of the GHG Protocol (CO2, CH4, N2O, HFCs, PFCs, SF6, NF3): in
    /// Scope 1. The others are reported beside the scopes.
    pub fn in_scopes(self) -> bool {
        matches!(
            self,
            Family::Co2 | Family::Hfc | Family::Pfc | Family::Sf6 | Family::Nf3
        )
    }
}

impl Family {
    /// Its group among the GHG Protocol's seven gases (`HFCs`, `SF6`); `None` for a gas
    /// outside them.
    pub fn group(self) -> Option<&'static str> {
        match self {
            Family::Co2 => Some("CO2"),
            Family::Hfc => Some("HFCs"),
            Family::Pfc => Some("PFCs"),
            Family::Sf6 => Some("SF6"),
            Family::Nf3 => Some("NF3"),
            _ => None,
        }
    }
}

/// One GWP value: digits, decimal places, and how sure it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Value(i64, u32, Status);

impl Value {
    pub fn get(self) -> Decimal {
        Decimal::new(self.0, self.1)
    }

    pub fn status(self) -> Status {
        self.2
    }
}

/// A whole number read in a cited source and cross-checked (see the module's research note).
const fn v(n: i64) -> Option<Value> {
    Some(Value(n, 0, Status::Verified))
}

/// A decimal read in a cited source.
const fn vd(n: i64, scale: u32) -> Option<Value> {
    Some(Value(n, scale, Status::Verified))
}

/// A value from one source only.
const fn s(n: i64) -> Option<Value> {
    Some(Value(n, 0, Status::Secondary))
}

/// Where the GWPs were read.
pub const GWP_SOURCE: &str =
    "openclimatedata/globalwarmingpotentials, globalwarmingpotentials.csv \
    @ fc4e6f4 (SAR, AR4, AR5 as the GHG Protocol's Global Warming Potential Values of 16 Feb \
    2016; AR6 from IPCC AR6 WG1 Table 7.SM.7), AR6 checked row by row against chrisroadmap/ar6 \
    data_output/7sm/metrics_supplement_cleaned.csv @ 24f2792; AR4 checked against 40 CFR 98 \
    Subpart A Table A-1";

/// Where the blends' compositions were read.
pub const BLEND_SOURCE: &str = "ANSI/ASHRAE Standard 34-2019 compositions (mass %), as compiled \
    in openscm/openscm-units src/openscm_units/data/mixtures.py @ 14a4e60; checked against \
    ZNIT-Tech/documentation (Equivalencia dos Gases) and shecco's fact sheet Refrigerants: Real \
    GWP and PFAS";

/// A pure gas.
#[derive(Debug, PartialEq, Eq)]
pub struct Species {
    /// The ASHRAE designation where it has one (`R-32`), else its usual name (`SF6`).
    pub id: &'static str,
    /// Its chemical name and formula, as people also write it.
    pub aliases: &'static [&'static str],
    pub family: Family,
    /// 100-year GWP in SAR, AR4, AR5 and AR6; `None` where the set gives none.
    gwp: [Option<Value>; 4],
    /// What the row's values rest on, beyond [`GWP_SOURCE`].
    pub note: &'static str,
}

/// A refrigerant blend (zeotropic `R-4xx`, azeotropic `R-5xx`).
#[derive(Debug, PartialEq, Eq)]
pub struct Blend {
    pub id: &'static str,
    /// Its components by id (each a [`Species`]) and their mass percentages, which add up to 100.
    parts: &'static [(&'static str, i64, u32)],
}

/// A gas as the scenario names it: pure, or a blend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refrigerant {
    Pure(&'static Species),
    Blend(&'static Blend),
}

/// Why a gas has no GWP in a set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoGwp {
    pub gas: &'static str,
    pub set: GwpSet,
}

/// A gas's GWP in one set, with what it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gwp {
    /// CO2e per unit of mass of the gas.
    pub value: Decimal,
    /// Of `value`, what comes from gases in the scopes ([`Family::in_scopes`]); the rest is
    /// reported beside them.
    pub in_scopes: Decimal,
    /// Components the set gives no GWP for (an HFO before AR6, a hydrocarbon), counted as 0,
    /// with their mass percentage.
    pub left_out: Vec<(&'static str, Decimal)>,
    /// The weakest status of the values used.
    pub status: Status,
}

fn set_index(set: GwpSet) -> usize {
    match set {
        GwpSet::Sar => 0,
        GwpSet::Ar4 => 1,
        GwpSet::Ar5 => 2,
        GwpSet::Ar6 | GwpSet::Ar6Fossil => 3,
    }
}

/// The weaker of two statuses.
fn weaker(a: Status, b: Status) -> Status {
    match (a, b) {
        (Status::Unverified, _) | (_, Status::Unverified) => Status::Unverified,
        (Status::Secondary, _) | (_, Status::Secondary) => Status::Secondary,
        _ => Status::Verified,
    }
}

impl Species {
    /// The GWP in `set`, when the set gives one.
    pub fn gwp(&self, set: GwpSet) -> Option<Value> {
        self.gwp.get(set_index(set)).copied().flatten()
    }
}

impl Blend {
    /// Components and their mass percentages.
    pub fn parts(&self) -> impl Iterator<Item = (&'static Species, Decimal)> + '_ {
        self.parts
            .iter()
            .filter_map(|(id, n, scale)| Some((species(id)?, Decimal::new(*n, *scale))))
    }
}

/// `text` as gases are compared: upper case, without spaces, hyphens and underscores.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The pure gas with this id (exactly as in the table).
fn species(id: &str) -> Option<&'static Species> {
    SPECIES.iter().find(|g| g.id == id)
}

impl Refrigerant {
    /// The gas `text` names, if the catalogue has it.
    pub fn find(text: &str) -> Option<Refrigerant> {
        let k = key(text);
        if k.is_empty() {
            return None;
        }
        if let Some(g) = SPECIES
            .iter()
            .find(|g| key(g.id) == k || g.aliases.iter().any(|a| key(a) == k))
        {
            return Some(Refrigerant::Pure(g));
        }
        BLENDS
            .iter()
            .find(|b| key(b.id) == k)
            .map(Refrigerant::Blend)
    }

    pub fn id(self) -> &'static str {
        match self {
            Refrigerant::Pure(g) => g.id,
            Refrigerant::Blend(b) => b.id,
        }
    }

    /// Its gases and their mass percentages (a pure gas: itself, 100).
    pub fn parts(self) -> Vec<(&'static Species, Decimal)> {
        match self {
            Refrigerant::Pure(g) => vec![(g, Decimal::ONE_HUNDRED)],
            Refrigerant::Blend(b) => b.parts().collect(),
        }
    }

    /// CO2e per unit of mass in `set`: a pure gas's GWP, or a blend's computed from its
    /// components (a component without a GWP in the set counts 0 and is named in
    /// `left_out`); `NoGwp` when nothing of the gas has one in the set.
    pub fn gwp(self, set: GwpSet) -> Result<Gwp, NoGwp> {
        let none = NoGwp {
            gas: self.id(),
            set,
        };
        let hundred = Decimal::ONE_HUNDRED;
        let parts = self.parts();
        let mut out = Gwp {
            value: Decimal::ZERO,
            in_scopes: Decimal::ZERO,
            left_out: Vec::new(),
            status: Status::Verified,
        };
        let mut any = false;
        for (g, percent) in parts {
            let Some(v) = g.gwp(set) else {
                out.left_out.push((g.id, percent));
                continue;
            };
            any = true;
            // Percentages have at most 2 places and GWPs at most 3: no product nears the
            // limits of a decimal, so the checked operations never fail here.
            let share = percent
                .checked_mul(v.get())
                .and_then(|x| x.checked_div(hundred))
                .ok_or_else(|| none.clone())?;
            out.value = out.value.checked_add(share).ok_or_else(|| none.clone())?;
            if g.family.in_scopes() {
                out.in_scopes = out
                    .in_scopes
                    .checked_add(share)
                    .ok_or_else(|| none.clone())?;
            }
            out.status = weaker(out.status, v.status());
        }
        if !any {
            return Err(none);
        }
        out.value = out.value.normalize();
        out.in_scopes = out.in_scopes.normalize();
        Ok(out)
    }
}

/// A kind of equipment, with the annual leak rate the screening method assumes for it when a
/// site has no refill records: released = charge × rate.
#[derive(Debug, PartialEq, Eq)]
pub struct Equipment {
    pub id: &'static str,
    /// English, Traditional Chinese, Simplified Chinese.
    pub names: [&'static str; 3],
    /// Percent of the charge per year (digits, decimal places).
    rate: (i64, u32),
    /// The range the source gives, as it prints it.
    pub range: &'static str,
    pub status: Status,
    pub source: &'static str,
}

impl Equipment {
    /// The default annual leak rate, in percent of the charge.
    pub fn rate_percent(&self) -> Decimal {
        Decimal::new(self.rate.0, self.rate.1)
    }

    pub fn find(id: &str) -> Option<&'static Equipment> {
        let k = key(id);
        EQUIPMENT.iter().find(|e| key(e.id) == k)
    }
}

/// The refrigeration and air-conditioning rates: the upper end of each range, as a screening
/// estimate should not understate (the research note, section 4).
const GPG_2000: &str = "IPCC Good Practice Guidance 2000, default assumptions for \
    refrigeration and air-conditioning equipment (annual leak rate, % of charge), as reproduced \
    in the GHG Protocol HFC tool's Table 2; the upper end of the range is taken";

const SGEC_FIRE: &str = "US EPA Simplified GHG Emissions Calculator, fire suppression \
    screening leak rates (atomic6-org/ghg @ feea44a, fire_suppression_leak_rates_factors.json)";

macro_rules! equipment {
    ($id:literal, $en:literal, $hant:literal, $hans:literal, $rate:expr, $range:literal, $status:ident, $source:expr) => {
        Equipment {
            id: $id,
            names: [$en, $hant, $hans],
            rate: $rate,
            range: $range,
            status: Status::$status,
            source: $source,
        }
    };
}

/// Every kind of equipment the screening method knows.
pub static EQUIPMENT: &[Equipment] = &[
    equipment!(
        "domestic_refrigeration",
        "Domestic refrigerator",
        "家用雪櫃",
        "家用冰箱",
        (5, 1),
        "0.1–0.5 %",
        Verified,
        GPG_2000
    ),
    equipment!(
        "stand_alone_commercial",
        "Stand-alone commercial refrigeration",
        "獨立式商用製冷設備",
        "独立式商用制冷设备",
        (10, 0),
        "1–10 %",
        Verified,
        GPG_2000
    ),
    equipment!(
        "commercial_refrigeration",
        "Medium and large commercial refrigeration",
        "中大型商用製冷系統",
        "中大型商用制冷系统",
        (30, 0),
        "10–30 %",
        Verified,
        GPG_2000
    ),
    equipment!(
        "transport_refrigeration",
        "Transport refrigeration",
        "運輸製冷設備",
        "运输制冷设备",
        (50, 0),
        "15–50 %",
        Verified,
        GPG_2000
    ),
    equipment!(
        "industrial_refrigeration",
        "Industrial refrigeration and cold storage",
        "工業製冷及冷庫",
        "工业制冷及冷库",
        (25, 0),
        "7–25 %",
        Verified,
        GPG_2000
    ),
    equipment!(
        "chiller",
        "Chiller",
        "冷水機組",
        "冷水机组",
        (15, 0),
        "2–15 %",
        Verified,
        GPG_2000
    ),
    equipment!(
        "air_conditioning",
        "Air conditioner or heat pump (residential, commercial)",
        "空調或熱泵（住宅、商業）",
        "空调或热泵（住宅、商业）",
        (5, 0),
        "1–5 %",
        Verified,
        GPG_2000
    ),
    equipment!(
        "mobile_air_conditioning",
        "Vehicle air conditioning",
        "車輛空調",
        "车辆空调",
        (20, 0),
        "10–20 %",
        Verified,
        GPG_2000
    ),
    equipment!(
        "fire_suppression_fixed",
        "Fixed fire suppression system",
        "固定式滅火系統",
        "固定式灭火系统",
        (35, 1),
        "3.5 %",
        Secondary,
        SGEC_FIRE
    ),
    equipment!(
        "fire_suppression_portable",
        "Portable fire extinguisher",
        "手提式滅火筒",
        "手提式灭火器",
        (25, 1),
        "2.5 %",
        Secondary,
        SGEC_FIRE
    ),
];

macro_rules! gas {
    ($id:literal, [$($alias:literal),*], $family:ident, $sar:expr, $ar4:expr, $ar5:expr, $ar6:expr) => {
        gas!($id, [$($alias),*], $family, $sar, $ar4, $ar5, $ar6, "")
    };
    ($id:literal, [$($alias:literal),*], $family:ident, $sar:expr, $ar4:expr, $ar5:expr, $ar6:expr, $note:literal) => {
        Species {
            id: $id,
            aliases: &[$($alias),*],
            family: Family::$family,
            gwp: [$sar, $ar4, $ar5, $ar6],
            note: $note,
        }
    };
}

/// Every pure gas (SAR, AR4, AR5, AR6).
pub static SPECIES: &[Species] = &[
    gas!(
        "R-744",
        ["CO2", "carbon dioxide"],
        Co2,
        v(1),
        v(1),
        v(1),
        v(1)
    ),
    gas!(
        "R-23",
        ["HFC-23", "CHF3", "FE-13"],
        Hfc,
        v(11700),
        v(14800),
        v(12400),
        v(14600)
    ),
    gas!(
        "R-32",
        ["HFC-32", "CH2F2"],
        Hfc,
        v(650),
        v(675),
        v(677),
        v(771)
    ),
    gas!(
        "R-41",
        ["HFC-41", "CH3F"],
        Hfc,
        v(150),
        v(92),
        v(116),
        v(135),
        "AR4 from 40 CFR 98 Table A-1 (the CSV's AR4 cell is empty)"
    ),
    gas!(
        "R-125",
        ["HFC-125", "CHF2CF3"],
        Hfc,
        v(2800),
        v(3500),
        v(3170),
        v(3740)
    ),
    gas!(
        "R-134",
        ["HFC-134", "CHF2CHF2"],
        Hfc,
        v(1000),
        v(1100),
        v(1120),
        v(1260),
        "AR4 from 40 CFR 98 Table A-1 (the CSV's AR4 cell is empty)"
    ),
    gas!(
        "R-134a",
        ["HFC-134a", "CH2FCF3"],
        Hfc,
        v(1300),
        v(1430),
        v(1300),
        v(1530)
    ),
    gas!(
        "R-143",
        ["HFC-143", "CH2FCHF2"],
        Hfc,
        v(300),
        v(353),
        v(328),
        v(364),
        "AR4 from 40 CFR 98 Table A-1 (the CSV's AR4 cell is empty)"
    ),
    gas!(
        "R-143a",
        ["HFC-143a", "CH3CF3"],
        Hfc,
        v(3800),
        v(4470),
        v(4800),
        v(5810)
    ),
    gas!(
        "R-152a",
        ["HFC-152a", "CH3CHF2"],
        Hfc,
        v(140),
        v(124),
        v(138),
        v(164)
    ),
    gas!(
        "R-227ea",
        ["HFC-227ea", "FM-200", "CF3CHFCF3"],
        Hfc,
        v(2900),
        v(3220),
        v(3350),
        v(3600)
    ),
    gas!(
        "R-236fa",
        ["HFC-236fa", "CF3CH2CF3"],
        Hfc,
        v(6300),
        v(9810),
        v(8060),
        v(8690)
    ),
    gas!(
        "R-245fa",
        ["HFC-245fa", "CHF2CH2CF3"],
        Hfc,
        None,
        v(1030),
        v(858),
        v(962)
    ),
    gas!(
        "R-365mfc",
        ["HFC-365mfc", "CH3CF2CH2CF3"],
        Hfc,
        None,
        v(794),
        v(804),
        v(914)
    ),
    gas!(
        "R-4310mee",
        ["HFC-43-10mee", "CF3CHFCHFCF2CF3"],
        Hfc,
        v(1300),
        v(1640),
        v(1650),
        v(1600)
    ),
    gas!(
        "R-14",
        ["PFC-14", "CF4", "tetrafluoromethane"],
        Pfc,
        v(6500),
        v(7390),
        v(6630),
        v(7380)
    ),
    gas!(
        "R-116",
        ["PFC-116", "C2F6", "hexafluoroethane"],
        Pfc,
        v(9200),
        v(12200),
        v(11100),
        v(12400)
    ),
    gas!(
        "R-218",
        ["PFC-218", "C3F8"],
        Pfc,
        v(7000),
        v(8830),
        v(8900),
        v(9290)
    ),
    gas!(
        "R-C318",
        ["PFC-318", "c-C4F8"],
        Pfc,
        v(8700),
        v(10300),
        v(9540),
        v(10200)
    ),
    gas!(
        "R-3110",
        ["PFC-3-1-10", "C4F10"],
        Pfc,
        v(7000),
        v(8860),
        v(9200),
        v(10000)
    ),
    gas!(
        "R-5114",
        ["PFC-5-1-14", "C6F14"],
        Pfc,
        v(7400),
        v(9300),
        v(7910),
        v(8620)
    ),
    gas!(
        "SF6",
        ["sulphur hexafluoride", "sulfur hexafluoride"],
        Sf6,
        v(23900),
        v(22800),
        v(23500),
        v(25200)
    ),
    gas!(
        "NF3",
        ["nitrogen trifluoride"],
        Nf3,
        None,
        v(17200),
        v(16100),
        v(17400)
    ),
    gas!(
        "R-22",
        ["HCFC-22", "CHClF2"],
        Hcfc,
        v(1500),
        v(1810),
        v(1760),
        v(1960)
    ),
    gas!("R-123", ["HCFC-123"], Hcfc, v(90), v(77), v(79), vd(904, 1)),
    gas!(
        "R-141b",
        ["HCFC-141b"],
        Hcfc,
        s(600),
        v(725),
        v(782),
        v(860),
        "SAR from the CSV alone"
    ),
    gas!(
        "R-142b",
        ["HCFC-142b"],
        Hcfc,
        v(1800),
        v(2310),
        v(1980),
        v(2300)
    ),
    gas!(
        "R-11",
        ["CFC-11", "CCl3F"],
        Cfc,
        s(3800),
        v(4750),
        v(4660),
        v(6230),
        "SAR from the CSV alone"
    ),
    gas!(
        "R-12",
        ["CFC-12", "CCl2F2"],
        Cfc,
        s(8100),
        v(10900),
        v(10200),
        v(12500),
        "SAR from the CSV alone"
    ),
    gas!(
        "Halon-1211",
        ["R-12B1", "CBrClF2"],
        Halon,
        None,
        v(1890),
        v(1750),
        v(1930)
    ),
    gas!(
        "Halon-1301",
        ["R-13B1", "CBrF3"],
        Halon,
        s(5400),
        v(7140),
        v(6290),
        v(7200),
        "SAR from the CSV alone"
    ),
    gas!(
        "R-1234yf",
        ["HFO-1234yf"],
        Hfo,
        None,
        None,
        None,
        vd(501, 3)
    ),
    gas!(
        "R-1234ze(E)",
        ["HFO-1234ze(E)", "R-1234ze", "HFO-1234ze"],
        Hfo,
        None,
        None,
        None,
        vd(137, 2),
        "the commercial R-1234ze is the (E) isomer"
    ),
    gas!(
        "FK-5-1-12",
        ["Novec 1230", "CF3CF2C(O)CF(CF3)2"],
        Fluoroketone,
        None,
        None,
        None,
        vd(114, 3),
        "AR6 only; no IPCC value in the earlier sets"
    ),
    gas!(
        "R-600",
        ["butane", "n-butane"],
        Hydrocarbon,
        None,
        None,
        None,
        None,
        "no GWP in the sets read; counted 0 in a blend, and named"
    ),
    gas!(
        "R-600a",
        ["isobutane"],
        Hydrocarbon,
        None,
        None,
        None,
        None,
        "no GWP in the sets read; counted 0 in a blend, and named"
    ),
    gas!(
        "R-601a",
        ["isopentane"],
        Hydrocarbon,
        None,
        None,
        None,
        None,
        "no GWP in the sets read; counted 0 in a blend, and named"
    ),
];

/// Every blend, with its components' mass percentages (digits, decimal places).
pub static BLENDS: &[Blend] = &[
    Blend {
        id: "R-404A",
        parts: &[("R-125", 44, 0), ("R-143a", 52, 0), ("R-134a", 4, 0)],
    },
    Blend {
        id: "R-407A",
        parts: &[("R-32", 20, 0), ("R-125", 40, 0), ("R-134a", 40, 0)],
    },
    Blend {
        id: "R-407C",
        parts: &[("R-32", 23, 0), ("R-125", 25, 0), ("R-134a", 52, 0)],
    },
    Blend {
        id: "R-407F",
        parts: &[("R-32", 30, 0), ("R-125", 30, 0), ("R-134a", 40, 0)],
    },
    Blend {
        id: "R-410A",
        parts: &[("R-32", 50, 0), ("R-125", 50, 0)],
    },
    Blend {
        id: "R-417A",
        parts: &[("R-125", 466, 1), ("R-134a", 50, 0), ("R-600", 34, 1)],
    },
    Blend {
        id: "R-422D",
        parts: &[("R-125", 651, 1), ("R-134a", 315, 1), ("R-600a", 34, 1)],
    },
    Blend {
        id: "R-427A",
        parts: &[
            ("R-32", 15, 0),
            ("R-125", 25, 0),
            ("R-143a", 10, 0),
            ("R-134a", 50, 0),
        ],
    },
    Blend {
        id: "R-438A",
        parts: &[
            ("R-32", 85, 1),
            ("R-125", 45, 0),
            ("R-134a", 442, 1),
            ("R-600", 17, 1),
            ("R-601a", 6, 1),
        ],
    },
    Blend {
        id: "R-448A",
        parts: &[
            ("R-32", 26, 0),
            ("R-125", 26, 0),
            ("R-1234yf", 20, 0),
            ("R-134a", 21, 0),
            ("R-1234ze(E)", 7, 0),
        ],
    },
    Blend {
        id: "R-449A",
        parts: &[
            ("R-32", 243, 1),
            ("R-125", 247, 1),
            ("R-1234yf", 253, 1),
            ("R-134a", 257, 1),
        ],
    },
    Blend {
        id: "R-452A",
        parts: &[("R-32", 11, 0), ("R-125", 59, 0), ("R-1234yf", 30, 0)],
    },
    Blend {
        id: "R-454B",
        parts: &[("R-32", 689, 1), ("R-1234yf", 311, 1)],
    },
    Blend {
        id: "R-507A",
        parts: &[("R-125", 50, 0), ("R-143a", 50, 0)],
    },
    Blend {
        id: "R-508B",
        parts: &[("R-23", 46, 0), ("R-116", 54, 0)],
    },
    Blend {
        id: "R-513A",
        parts: &[("R-1234yf", 56, 0), ("R-134a", 44, 0)],
    },
];

#[cfg(test)]
mod tests;
