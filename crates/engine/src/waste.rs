//! Kinds of waste, as facilities teams report them, each hazardous or not by default (HK Waste
//! Disposal (Chemical Waste) (General) Regulation and the Mainland's National Catalogue of
//! Hazardous Wastes class the hazardous ones here so; an item may say otherwise with
//! `"hazardous": true|false` where its own classification differs).

use super::text::Text;

/// One kind of waste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WasteKind {
    pub id: &'static str,
    pub hazardous: bool,
    pub en: &'static str,
    pub zh_hant: &'static str,
    pub zh_hans: &'static str,
}

const fn kind(
    id: &'static str,
    hazardous: bool,
    en: &'static str,
    zh_hant: &'static str,
    zh_hans: &'static str,
) -> WasteKind {
    WasteKind {
        id,
        hazardous,
        en,
        zh_hant,
        zh_hans,
    }
}

/// Hazardous kinds first, then non-hazardous; each group ends with its "other".
pub const KINDS: &[WasteKind] = &[
    kind(
        "chemical_waste",
        true,
        "Chemical waste",
        "化學廢物",
        "化学废物",
    ),
    kind(
        "waste_batteries",
        true,
        "Waste batteries",
        "廢電池",
        "废电池",
    ),
    kind(
        "fluorescent_lamps",
        true,
        "Fluorescent lamps and tubes",
        "廢光管",
        "废灯管",
    ),
    kind("waste_oil", true, "Waste oil", "廢油", "废油"),
    kind(
        "clinical_waste",
        true,
        "Clinical waste",
        "醫療廢物",
        "医疗废物",
    ),
    kind(
        "toner_cartridges",
        true,
        "Toner and ink cartridges",
        "廢碳粉盒及墨盒",
        "废硒鼓及墨盒",
    ),
    kind(
        "electronic_waste",
        true,
        "Electronic waste",
        "電子廢物",
        "电子废物",
    ),
    kind(
        "other_hazardous",
        true,
        "Other hazardous waste",
        "其他有害廢棄物",
        "其他有害废弃物",
    ),
    kind(
        "general_refuse",
        false,
        "General refuse",
        "一般廢棄物",
        "一般废弃物",
    ),
    kind(
        "paper",
        false,
        "Paper and cardboard",
        "紙張及紙板",
        "纸张及纸板",
    ),
    kind("plastics", false, "Plastics", "塑膠", "塑料"),
    kind("metals", false, "Metals", "金屬", "金属"),
    kind("glass", false, "Glass", "玻璃", "玻璃"),
    kind("food_waste", false, "Food waste", "廚餘", "厨余垃圾"),
    kind(
        "construction_waste",
        false,
        "Construction waste",
        "建築廢料",
        "建筑垃圾",
    ),
    kind("wood", false, "Wood", "木材", "木材"),
    kind("textiles", false, "Textiles", "紡織品", "纺织品"),
    kind(
        "other_non_hazardous",
        false,
        "Other non-hazardous waste",
        "其他無害廢棄物",
        "其他无害废弃物",
    ),
];

impl WasteKind {
    pub fn find(id: &str) -> Option<&'static WasteKind> {
        let id = id.trim();
        KINDS.iter().find(|k| {
            k.id == id || k.zh_hant == id || k.zh_hans == id || k.en.eq_ignore_ascii_case(id)
        })
    }

    /// The kind's name in every language, for sentences.
    pub fn name(&self) -> Text {
        Text::names(self.en, self.zh_hant, self.zh_hans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_unique_and_found_by_id_or_name() {
        for (i, k) in KINDS.iter().enumerate() {
            assert!(KINDS
                .iter()
                .skip(i + 1)
                .all(|o| o.id != k.id && o.en != k.en));
            assert_eq!(WasteKind::find(k.id), Some(k));
            assert_eq!(WasteKind::find(k.zh_hant), Some(k));
        }
        assert_eq!(WasteKind::find("廚餘").map(|k| k.id), Some("food_waste"));
        assert_eq!(
            WasteKind::find("PAPER AND CARDBOARD").map(|k| k.id),
            Some("paper")
        );
        assert!(WasteKind::find("moon dust").is_none());
    }
}
