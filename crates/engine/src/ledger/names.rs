//! Sources, units, utilities and places as people name them, in English, Traditional and
//! Simplified Chinese, matched to the calculator's ids. A match that is a reading rather than
//! a spelling (度 as a towngas unit, 深圳 as Guangdong's grid) comes with a sentence the
//! preview shows beside the row.

use crate::library::{Region, PROVINCES};
use crate::t;
use crate::text::Text;
use crate::units::{QuantityUnit, Source};
use rust_decimal::Decimal;

/// Lower case, without spaces, `_`, `-`, `·` or a bracketed remark: `Town Gas (煤氣)` and
/// `towngas` compare equal.
pub fn key(text: &str) -> String {
    let t = text.trim();
    // A trailing bracketed remark: "電力 (kWh)", "Diesel（柴油）".
    let t = match t.find(['(', '（']) {
        Some(at) if at > 0 => t.get(..at).unwrap_or(t),
        _ => t,
    };
    t.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '·' | '•' | '⋅' | '.'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A source by its id, its English name or its Chinese one.
pub fn source(text: &str) -> Option<Source> {
    let k = key(text);
    let k = k.as_str();
    Some(match k {
        "electricity"
        | "purchasedelectricity"
        | "power"
        | "electric"
        | "elec"
        | "電力"
        | "电力"
        | "外購電力"
        | "外购电力"
        | "電"
        | "电"
        | "用電"
        | "用电"
        | "市電"
        | "市电" => Source::Electricity,
        "naturalgas" | "gas" | "ng" | "pipednaturalgas" | "天然氣" | "天然气" | "管道天然氣"
        | "管道天然气" => Source::NaturalGas,
        "towngas" | "煤氣" | "煤气" | "管道煤氣" | "管道煤气" | "中華煤氣" | "中华煤气" => {
            Source::Towngas
        }
        "lpg" | "liquefiedpetroleumgas" | "石油氣" | "石油气" | "液化石油氣" | "液化石油气" => {
            Source::Lpg
        }
        "diesel"
        | "gasoil"
        | "dieseloil"
        | "ulsd"
        | "ultralowsulphurdiesel"
        | "ultralowsulfurdiesel"
        | "柴油"
        | "超低硫柴油"
        | "輕柴油"
        | "轻柴油"
        | "車用柴油"
        | "车用柴油" => Source::Diesel,
        "petrol" | "gasoline" | "unleadedpetrol" | "unleaded" | "ulp" | "mogas"
        | "motorgasoline" | "汽油" | "無鉛汽油" | "无铅汽油" | "車用汽油" | "车用汽油" => {
            Source::Petrol
        }
        "coal" | "rawcoal" | "原煤" | "煤炭" | "燃煤" | "煤" => Source::Coal,
        "anthracite" | "無煙煤" | "无烟煤" => Source::Anthracite,
        "bituminouscoal" | "bituminous" | "煙煤" | "烟煤" => Source::BituminousCoal,
        "subbituminouscoal" | "subbituminous" | "次煙煤" | "次烟煤" => {
            Source::SubBituminousCoal
        }
        "lignite" | "browncoal" | "褐煤" => Source::Lignite,
        "coke" | "焦炭" => Source::Coke,
        "fueloil" | "heavyfueloil" | "residualfueloil" | "hfo" | "燃料油" | "重油" => {
            Source::FuelOil
        }
        "kerosene" | "keroseneoil" | "煤油" | "火水" => Source::Kerosene,
        "biodiesel" | "生物柴油" => Source::Biodiesel,
        "bioethanol" | "ethanol" | "生物乙醇" => Source::Bioethanol,
        "wood" | "woodwaste" | "firewood" | "木材" | "木柴" => Source::Wood,
        "heat" | "steam" | "purchasedheat" | "purchasedsteam" | "hotwater" | "熱力" | "热力"
        | "蒸汽" | "外購熱力" | "外购热力" | "外購蒸汽" | "外购蒸汽" => {
            Source::Heat
        }
        "cooling" | "districtcooling" | "chilledwater" | "purchasedcooling" | "區域供冷"
        | "区域供冷" | "冷量" | "冷凍水" | "冷冻水" => Source::Cooling,
        _ => return None,
    })
}

/// A quantity's unit as read: the unit, the factor to multiply the quantity by to reach it
/// (1 000 for tonnes to kg), and the reading to show when it is not a plain spelling.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitReading {
    pub unit: QuantityUnit,
    pub scale: Decimal,
    pub reading: Option<Text>,
}

fn plain(unit: QuantityUnit) -> Option<UnitReading> {
    Some(UnitReading {
        unit,
        scale: Decimal::ONE,
        reading: None,
    })
}

/// A unit as written, for a row of `source` (`None` when the row's source is not known).
/// `Err` says why not: unknown, or meaningful only with a source (度).
pub fn unit(text: &str, source: Option<Source>) -> Result<UnitReading, Text> {
    let written = text.trim();
    let k = key(written).replace(['³'], "3");
    let scaled = |unit, by: i64, dp: u32, reading: Text| {
        Ok(UnitReading {
            unit,
            scale: Decimal::new(by, dp),
            reading: Some(reading),
        })
    };
    let found = match k.as_str() {
        "kwh" | "kw·h" | "kilowatthour" | "kilowatthours" | "千瓦時" | "千瓦时" | "千瓦小時"
        | "千瓦小时" | "度電" | "度电" => plain(QuantityUnit::Kwh),
        "mwh" | "兆瓦時" | "兆瓦时" | "千千瓦時" | "千千瓦时" | "megawatthour" => {
            plain(QuantityUnit::Mwh)
        }
        "gj" | "吉焦" | "吉焦耳" | "gigajoule" | "gigajoules" => plain(QuantityUnit::Gj),
        "m3" | "cum" | "立方米" | "立方" | "立方公尺" | "cubicmetre" | "cubicmetres"
        | "cubicmeter" | "cubicmeters" => plain(QuantityUnit::M3),
        "kg" | "kgs" | "公斤" | "千克" | "kilogram" | "kilograms" => plain(QuantityUnit::Kg),
        "l" | "litre" | "liter" | "litres" | "liters" | "ltr" | "公升" | "升" => {
            plain(QuantityUnit::L)
        }
        "unit" | "units" | "towngasunit" | "towngasunits" | "煤氣單位" | "煤气单位" => {
            plain(QuantityUnit::TowngasUnit)
        }
        "mj" | "兆焦" | "兆焦耳" | "megajoule" | "megajoules" => {
            return scaled(QuantityUnit::Gj, 1, 3, t!("MJ read as GJ ÷ 1,000"))
        }
        "tj" | "太焦" | "太焦耳" => {
            return scaled(QuantityUnit::Gj, 1000, 0, t!("TJ read as GJ × 1,000"))
        }
        "t" | "tonne" | "tonnes" | "噸" | "吨" | "公噸" | "公吨" | "mt" => {
            return scaled(QuantityUnit::Kg, 1000, 0, t!("tonnes read as kg × 1,000"))
        }
        "ton" | "tons" => {
            return scaled(
                QuantityUnit::Kg,
                1000,
                0,
                t!("“{0}” read as metric tonnes (1,000 kg)", written),
            )
        }
        "kl" | "千升" => return scaled(QuantityUnit::L, 1000, 0, t!("kL read as L × 1,000")),
        "度" => None,
        _ => {
            return Err(t!(
                "unknown unit “{0}”; use kWh (度), MWh, GJ, MJ, m³, kg, t, L or unit (towngas)",
                written
            ))
        }
    };
    if let Some(found) = found {
        return Ok(found);
    }
    // 度: a kilowatt-hour on an electricity bill, one 48 MJ unit on a Towngas bill.
    match source {
        Some(Source::Electricity) => Ok(UnitReading {
            unit: QuantityUnit::Kwh,
            scale: Decimal::ONE,
            reading: Some(t!("度 read as kWh (electricity)")),
        }),
        Some(Source::Towngas) => Ok(UnitReading {
            unit: QuantityUnit::TowngasUnit,
            scale: Decimal::ONE,
            reading: Some(t!("度 read as a towngas unit of 48 MJ (13.3 kWh), as Towngas bills it")),
        }),
        Some(other) => Err(t!(
            "度 is a kWh for electricity and a 48 MJ unit for towngas; for {0} write the unit (kg, L, m³, kWh …)",
            other.noun()
        )),
        None => Err(t!(
            "度 is a kWh for electricity and a 48 MJ unit for towngas: the row needs its source"
        )),
    }
}

/// City → province id, for the Mainland cities reports most often name.
const CITIES: &[(&str, &str, &str, &str)] = &[
    ("shenzhen", "深圳", "深圳", "guangdong"),
    ("guangzhou", "广州", "廣州", "guangdong"),
    ("dongguan", "东莞", "東莞", "guangdong"),
    ("foshan", "佛山", "佛山", "guangdong"),
    ("zhuhai", "珠海", "珠海", "guangdong"),
    ("huizhou", "惠州", "惠州", "guangdong"),
    ("zhongshan", "中山", "中山", "guangdong"),
    ("jiangmen", "江门", "江門", "guangdong"),
    ("shantou", "汕头", "汕頭", "guangdong"),
    ("nanning", "南宁", "南寧", "guangxi"),
    ("kunming", "昆明", "昆明", "yunnan"),
    ("guiyang", "贵阳", "貴陽", "guizhou"),
    ("haikou", "海口", "海口", "hainan"),
    ("sanya", "三亚", "三亞", "hainan"),
    ("hangzhou", "杭州", "杭州", "zhejiang"),
    ("ningbo", "宁波", "寧波", "zhejiang"),
    ("suzhou", "苏州", "蘇州", "jiangsu"),
    ("nanjing", "南京", "南京", "jiangsu"),
    ("wuxi", "无锡", "無錫", "jiangsu"),
    ("hefei", "合肥", "合肥", "anhui"),
    ("fuzhou", "福州", "福州", "fujian"),
    ("xiamen", "厦门", "廈門", "fujian"),
    ("qingdao", "青岛", "青島", "shandong"),
    ("jinan", "济南", "濟南", "shandong"),
    ("shijiazhuang", "石家庄", "石家莊", "hebei"),
    ("taiyuan", "太原", "太原", "shanxi"),
    ("zhengzhou", "郑州", "鄭州", "henan"),
    ("wuhan", "武汉", "武漢", "hubei"),
    ("changsha", "长沙", "長沙", "hunan"),
    ("nanchang", "南昌", "南昌", "jiangxi"),
    ("chengdu", "成都", "成都", "sichuan"),
    ("xian", "西安", "西安", "shaanxi"),
    ("lanzhou", "兰州", "蘭州", "gansu"),
    ("xining", "西宁", "西寧", "qinghai"),
    ("yinchuan", "银川", "銀川", "ningxia"),
    ("urumqi", "乌鲁木齐", "烏魯木齊", "xinjiang"),
    ("shenyang", "沈阳", "瀋陽", "liaoning"),
    ("dalian", "大连", "大連", "liaoning"),
    ("changchun", "长春", "長春", "jilin"),
    ("harbin", "哈尔滨", "哈爾濱", "heilongjiang"),
];

/// Regional grids as people name them.
const GRIDS: &[(&[&str], Region)] = &[
    (
        &[
            "南方電網",
            "南方电网",
            "南網",
            "南网",
            "南方",
            "chinasouthern",
            "chinasoutherngrid",
            "chinasouthernpowergrid",
            "csg",
            "southchinagrid",
            "south",
        ],
        Region::South,
    ),
    (
        &[
            "華北電網",
            "华北电网",
            "華北",
            "华北",
            "northchina",
            "northchinagrid",
            "north",
        ],
        Region::North,
    ),
    (
        &[
            "東北電網",
            "东北电网",
            "東北",
            "东北",
            "northeastchina",
            "northeastchinagrid",
            "northeast",
        ],
        Region::Northeast,
    ),
    (
        &[
            "華東電網",
            "华东电网",
            "華東",
            "华东",
            "eastchina",
            "eastchinagrid",
            "east",
        ],
        Region::East,
    ),
    (
        &[
            "華中電網",
            "华中电网",
            "華中",
            "华中",
            "centralchina",
            "centralchinagrid",
            "central",
        ],
        Region::Central,
    ),
    (
        &[
            "西北電網",
            "西北电网",
            "西北",
            "northwestchina",
            "northwestchinagrid",
            "northwest",
        ],
        Region::Northwest,
    ),
];

/// A grid, utility or place as written, as the id the scenario reads, and the reading when
/// the two differ. `Ok(None)` for a blank cell; `Err` when it cannot be told.
pub fn grid(text: &str) -> Result<Option<(String, Option<Text>)>, Text> {
    let written = text.trim();
    if written.is_empty() {
        return Ok(None);
    }
    let k = key(written);
    let exact = |id: &str| Ok(Some((id.to_string(), None)));
    let read = |id: &str| {
        Ok(Some((
            id.to_string(),
            Some(t!("“{0}” read as grid {1}", written, id)),
        )))
    };
    // The ids the scenario reader knows, as written.
    let lower = written.to_ascii_lowercase();
    if Region::ALL.iter().any(|r| r.id() == lower)
        || ["cn-national", "hk-default", "clp", "hk-electric"].contains(&lower.as_str())
        || PROVINCES
            .iter()
            .any(|(id, sc, tc, _)| *id == lower || *sc == written || *tc == written)
    {
        return exact(written);
    }
    match k.as_str() {
        "中電" | "中电" | "中華電力" | "中华电力" | "中華電力有限公司" | "中华电力有限公司"
        | "clppower" | "clppowerhongkong" | "chinalightandpower" | "chinalight&power" => {
            return read("clp")
        }
        "港燈" | "港灯" | "香港電燈" | "香港电灯" | "香港電燈有限公司" | "香港电灯有限公司"
        | "hkelectric" | "hke" | "hec" | "hongkongelectric" | "hkelectriccompany"
        | "thehongkongelectriccompany" => return read("hk-electric"),
        "香港" | "hongkong" | "hk" | "hksar" => {
            return Err(t!(
                "Hong Kong has two power companies with different factors: write CLP (中電) or HK Electric (港燈)"
            ))
        }
        "全國" | "全国" | "national" | "china" | "中國" | "中国" | "中國大陸" | "中国大陆"
        | "mainlandchina" | "prc" => return read("cn-national"),
        _ => {}
    }
    if let Some((_, r)) = GRIDS.iter().find(|(names, _)| names.contains(&k.as_str())) {
        return read(r.id());
    }
    // Provinces with their suffix (广东省, Guangdong Province), and cities.
    let bare = k
        .trim_end_matches("province")
        .trim_end_matches("city")
        .trim_end_matches('省')
        .trim_end_matches('市')
        .trim_end_matches("壮族自治区")
        .trim_end_matches("壯族自治區")
        .trim_end_matches("回族自治区")
        .trim_end_matches("回族自治區")
        .trim_end_matches("维吾尔自治区")
        .trim_end_matches("維吾爾自治區")
        .trim_end_matches("自治区")
        .trim_end_matches("自治區");
    if let Some((id, ..)) = PROVINCES
        .iter()
        .find(|(id, sc, tc, _)| *id == bare || *sc == bare || *tc == bare)
    {
        return read(id);
    }
    if let Some((.., province)) = CITIES
        .iter()
        .find(|(en, sc, tc, _)| *en == bare || *sc == bare || *tc == bare)
    {
        return read(province);
    }
    Err(t!(
        "unknown grid “{0}”; use a province or city (廣東, 深圳), a regional grid (南方電網, cn-south), CLP (中電), HK Electric (港燈) or cn-national",
        written
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utilities_places_and_fuels_as_people_name_them() {
        let g = |t: &str| grid(t).unwrap().unwrap().0;
        for (written, id) in [
            ("中電", "clp"),
            ("CLP Power", "clp"),
            ("clp", "clp"),
            ("港燈", "hk-electric"),
            ("HK Electric", "hk-electric"),
            ("HKE", "hk-electric"),
            ("深圳", "guangdong"),
            ("Shenzhen", "guangdong"),
            ("广东省", "guangdong"),
            ("廣東", "廣東"),
            ("南方電網", "cn-south"),
            ("China Southern", "cn-south"),
            ("guangxi", "guangxi"),
        ] {
            assert_eq!(g(written), id, "{written}");
        }
        assert!(grid("Hong Kong").unwrap_err().contains("CLP"));
        assert!(grid("Atlantis").is_err());
        assert_eq!(grid(" ").unwrap(), None);
        for (written, s) in [
            ("無鉛汽油", Source::Petrol),
            ("gasoline", Source::Petrol),
            ("Unleaded Petrol", Source::Petrol),
            ("Town Gas (煤氣)", Source::Towngas),
            ("電力 (kWh)", Source::Electricity),
            ("超低硫柴油", Source::Diesel),
        ] {
            assert_eq!(source(written), Some(s), "{written}");
        }
    }

    #[test]
    fn units_by_source() {
        let u = |t: &str, s: Source| unit(t, Some(s)).map(|r| (r.unit, r.scale));
        assert_eq!(
            u("度", Source::Electricity),
            Ok((QuantityUnit::Kwh, Decimal::ONE))
        );
        assert_eq!(
            u("度", Source::Towngas),
            Ok((QuantityUnit::TowngasUnit, Decimal::ONE))
        );
        assert!(unit("度", Some(Source::Diesel)).is_err());
        assert!(unit("度", None).is_err());
        assert_eq!(
            u("噸", Source::Diesel),
            Ok((QuantityUnit::Kg, Decimal::from(1000)))
        );
        assert_eq!(
            u("MJ", Source::NaturalGas),
            Ok((QuantityUnit::Gj, Decimal::new(1, 3)))
        );
        for kwh in ["kW·h", "kW.h", "度電", "千瓦時", "KWH"] {
            assert_eq!(
                u(kwh, Source::Electricity),
                Ok((QuantityUnit::Kwh, Decimal::ONE)),
                "{kwh}"
            );
        }
        for l in ["公升", "升", "litres", "L"] {
            assert_eq!(
                u(l, Source::Diesel),
                Ok((QuantityUnit::L, Decimal::ONE)),
                "{l}"
            );
        }
        for m3 in ["m³", "立方米", "m3"] {
            assert_eq!(
                u(m3, Source::NaturalGas),
                Ok((QuantityUnit::M3, Decimal::ONE)),
                "{m3}"
            );
        }
        assert!(unit("furlongs", None).unwrap_err().contains("unknown unit"));
    }
}
