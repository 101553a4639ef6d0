//! Numbers as people type them and as the report prints them.
//!
//! Parsing accepts what an analyst pastes from Excel or types on a Chinese keyboard:
//! thousands separators (`1,389.45`), full-width digits (`１３８９．４５`), a leading `+`,
//! and scientific notation (`1e+40`, which is how `JSON.stringify` writes large numbers).
//! Everything becomes an exact [`Decimal`]; nothing goes through binary floating point.
//!
//! Display follows the report's KPI table: two decimals with thousands separators, and values
//! below 0.01 to two significant figures (the report's `0.000097` t per person).

use super::text::Text;
use crate::t;
use crate::DecOps as _;
use rust_decimal::{Decimal, RoundingStrategy};

/// Rounding for display: half away from zero, as Excel and the report round.
pub const DISPLAY_ROUNDING: RoundingStrategy = RoundingStrategy::MidpointAwayFromZero;

/// Why a piece of text is not a usable number. Each message is a sentence a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("“{0}” is not a number")]
    NotANumber(String),
    #[error("“{0}” has misplaced thousands separators (write 1,234,567.89 or 1234567.89)")]
    BadGrouping(String),
    #[error("“{0}” is too large for exact decimal arithmetic (the limit is about 7.9 × 10²⁸)")]
    TooLarge(String),
    #[error("“{0}” has more than 28 decimal places, beyond exact decimal arithmetic")]
    TooSmall(String),
    #[error("must not be negative (“{0}”)")]
    Negative(String),
}

impl NumberError {
    /// The message as a [`Text`], for the page's language.
    pub fn text(&self) -> Text {
        match self {
            NumberError::NotANumber(v) => t!("“{0}” is not a number", v),
            NumberError::BadGrouping(v) => t!(
                "“{0}” has misplaced thousands separators (write 1,234,567.89 or 1234567.89)",
                v
            ),
            NumberError::TooLarge(v) => t!(
                "“{0}” is too large for exact decimal arithmetic (the limit is about 7.9 × 10²⁸)",
                v
            ),
            NumberError::TooSmall(v) => t!(
                "“{0}” has more than 28 decimal places, beyond exact decimal arithmetic",
                v
            ),
            NumberError::Negative(v) => t!("must not be negative (“{0}”)", v),
        }
    }
}

/// Parses a number as a person or a JSON document wrote it. Blank text is `Ok(None)`:
/// a missing value, not an error.
///
/// ```
/// use esg_kpi_engine::number::parse;
/// use rust_decimal::Decimal;
/// assert_eq!(parse("1,389.45").unwrap(), Some(Decimal::new(138945, 2)));
/// assert_eq!(parse("  ").unwrap(), None);
/// assert!(parse("1e40").is_err());
/// ```
pub fn parse(text: &str) -> Result<Option<Decimal>, NumberError> {
    let normal = normalise(text);
    let trimmed = normal.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let shown = || text.trim().to_string();
    let (negative, unsigned) = match (trimmed.strip_prefix('-'), trimmed.strip_prefix('+')) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => (false, trimmed),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => {
            let exp_text = &unsigned[at + 1..];
            let exp: i32 = exp_text
                .parse()
                .ok()
                .filter(|_| !exp_text.is_empty())
                .ok_or_else(|| NumberError::NotANumber(shown()))?;
            (&unsigned[..at], exp)
        }
        None => (unsigned, 0),
    };
    let digits = strip_grouping(mantissa).map_err(|e| match e {
        Grouping::Bad => NumberError::BadGrouping(shown()),
        Grouping::NotNumeric => NumberError::NotANumber(shown()),
    })?;
    let int_digits = digits
        .split('.')
        .next()
        .unwrap_or("")
        .trim_start_matches('0')
        .len();
    if int_digits > 29 {
        return Err(NumberError::TooLarge(shown()));
    }
    // Radix 10 exactly: the digits have no exponent, and `from_str`'s fallback to scientific
    // notation would only add its parser to the page's wasm.
    let mut value =
        Decimal::from_str_radix(&digits, 10).map_err(|_| NumberError::TooLarge(shown()))?;
    value = scale_by_power_of_ten(value, exponent).ok_or_else(|| {
        if exponent > 0 {
            NumberError::TooLarge(shown())
        } else {
            NumberError::TooSmall(shown())
        }
    })?;
    Ok(Some(if negative { -value } else { value }))
}

/// [`parse`], refusing negative numbers: quantities, areas and headcounts cannot be below zero.
pub fn parse_non_negative(text: &str) -> Result<Option<Decimal>, NumberError> {
    match parse(text)? {
        Some(v) if v.is_sign_negative() && !v.is_zero() => {
            Err(NumberError::Negative(text.trim().to_string()))
        }
        other => Ok(other),
    }
}

/// Full-width forms (what a Chinese IME types) and the various spaces used as digit groups.
fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '，' => ',',
            '－' | '−' => '-',
            '＋' => '+',
            'ｅ' | 'Ｅ' => 'e',
            '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{3000}' => ' ',
            other => other,
        })
        .collect()
}

enum Grouping {
    Bad,
    NotNumeric,
}

/// Removes thousands separators (`,` or a space) from the integer part after checking they
/// stand every three digits, so that `1,2,3` or a European `1.234,5` is refused, not misread.
fn strip_grouping(mantissa: &str) -> Result<String, Grouping> {
    let (int_part, frac_part) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    if int_part.is_empty() && frac_part.is_none_or(str::is_empty) {
        return Err(Grouping::NotNumeric);
    }
    if let Some(frac) = frac_part {
        if !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(if frac.contains([',', ' ', '.']) {
                Grouping::Bad
            } else {
                Grouping::NotNumeric
            });
        }
    }
    if !int_part
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b' ')
    {
        return Err(Grouping::NotNumeric);
    }
    let groups: Vec<&str> = int_part.split([',', ' ']).collect();
    if groups.len() > 1 {
        let first_ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()));
        let rest_ok = groups.iter().skip(1).all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return Err(Grouping::Bad);
        }
    }
    let mut out: String = groups.concat();
    if out.is_empty() {
        out.push('0');
    }
    if let Some(frac) = frac_part {
        if !frac.is_empty() {
            out.push('.');
            out.push_str(frac);
        }
    }
    Ok(out)
}

fn scale_by_power_of_ten(value: Decimal, exponent: i32) -> Option<Decimal> {
    if value.is_zero() || exponent == 0 {
        return Some(value);
    }
    if exponent.unsigned_abs() > 60 {
        return None;
    }
    let ten = Decimal::TEN;
    let mut v = value;
    if exponent > 0 {
        for _ in 0..exponent {
            v = v.cmul(ten)?;
        }
        Some(v)
    } else {
        let new_scale = value.scale() + exponent.unsigned_abs();
        if new_scale > 28 {
            return None;
        }
        v.set_scale(new_scale).ok()?;
        Some(v)
    }
}

/// The positions of `keys` in ascending order, equal keys in their order: one small sort for
/// the few lists of decimals the results order (a generic sort would be compiled once per
/// element type into the page's wasm).
pub fn order(keys: &[Decimal]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(keys.len());
    for (i, k) in keys.iter().enumerate() {
        let at = out.partition_point(|j| keys.get(*j).is_some_and(|x| x <= k));
        out.insert(at, i);
    }
    out
}

/// A published figure as the report prints it: thousands separated, with its own decimals.
pub fn published(value: Decimal) -> String {
    if value.abs() >= Decimal::ONE {
        plain(value)
    } else {
        value.to_string()
    }
}

/// The report's way of printing a KPI: two decimals with thousands separators; below 0.01,
/// two significant figures.
///
/// ```
/// use esg_kpi_engine::number::display;
/// use rust_decimal::Decimal;
/// use std::str::FromStr;
/// let d = |s| Decimal::from_str(s).unwrap();
/// assert_eq!(display(d("13093.5706")), "13,093.57");
/// assert_eq!(display(d("0.0000965379")), "0.000097");
/// assert_eq!(display(d("0.0854835")), "0.09");
/// ```
pub fn display(value: Decimal) -> String {
    let abs = value.abs();
    if !abs.is_zero() && abs < Decimal::new(1, 2) {
        // Two significant figures keep a significant trailing zero: 0.0010365 → "0.0010".
        let rounded = value
            .round_sf_with_strategy(2, DISPLAY_ROUNDING)
            .unwrap_or(value);
        let mut places = 1usize;
        let mut scaled = rounded.abs();
        while scaled < Decimal::ONE && places <= 28 {
            scaled *= Decimal::TEN;
            places += 1;
        }
        return format!("{:.*}", places, rounded);
    }
    let rounded = value.round_dp_with_strategy(2, DISPLAY_ROUNDING);
    let mut text = group_thousands(&format!("{rounded:.2}"));
    if text == "-0.00" {
        text = "0.00".into();
    }
    text
}

/// A number as written in an explanation: every digit kept, thousands separated.
pub fn plain(value: Decimal) -> String {
    group_thousands(&value.normalize().to_string())
}

/// A number for an explanation, rounded to `dp` places (trailing zeros dropped).
pub fn rounded(value: Decimal, dp: u32) -> String {
    plain(value.round_dp_with_strategy(dp, DISPLAY_ROUNDING))
}

fn group_thousands(text: &str) -> String {
    let (sign, body) = text.strip_prefix('-').map_or(("", text), |b| ("-", b));
    let (int_part, frac) = body
        .split_once('.')
        .map_or((body, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int_part.len() / 3);
    out.push_str(sign);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The number of decimal places a published figure was printed with (`0.000097` → 6).
pub fn printed_places(value: Decimal) -> u32 {
    value.scale()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[track_caller]
    fn ok(text: &str, expected: &str) {
        assert_eq!(
            parse(text),
            Ok(Some(Decimal::from_str(expected).unwrap())),
            "parsing {text:?}"
        );
    }

    #[track_caller]
    fn err(text: &str) -> NumberError {
        parse(text).expect_err(text)
    }

    #[test]
    fn accepts_what_people_type() {
        ok("1389.45", "1389.45");
        ok("1,389.45", "1389.45");
        ok("17,467,470", "17467470");
        ok(" 12 016 ", "12016");
        ok("１２，０１６", "12016");
        ok("１３８９．４５", "1389.45");
        ok("+5", "5");
        ok(".5", "0.5");
        ok("5.", "5");
        ok("-3.2", "-3.2");
        ok("1e3", "1000");
        ok("1.5E-3", "0.0015");
        ok("1e+28", "10000000000000000000000000000");
        ok("0.000097", "0.000097");
    }

    #[test]
    fn blank_is_missing_not_an_error() {
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse("   "), Ok(None));
    }

    #[test]
    fn refuses_malformed_text_with_a_reason() {
        assert!(matches!(err("abc"), NumberError::NotANumber(_)));
        assert!(matches!(err("12a"), NumberError::NotANumber(_)));
        assert!(matches!(
            err("1.2.3"),
            NumberError::BadGrouping(_) | NumberError::NotANumber(_)
        ));
        assert!(matches!(err("1,2,3"), NumberError::BadGrouping(_)));
        assert!(matches!(err("1.234,5"), NumberError::BadGrouping(_)));
        assert!(matches!(err("12,34"), NumberError::BadGrouping(_)));
        assert!(matches!(err("-"), NumberError::NotANumber(_)));
        assert!(matches!(err("."), NumberError::NotANumber(_)));
        assert!(matches!(err("1e"), NumberError::NotANumber(_)));
        assert!(matches!(err("NaN"), NumberError::NotANumber(_)));
        assert!(matches!(err("Infinity"), NumberError::NotANumber(_)));
        assert!(matches!(err("=SUM(A1:A3)"), NumberError::NotANumber(_)));
    }

    #[test]
    fn refuses_numbers_beyond_exact_decimals() {
        assert!(matches!(err("1e40"), NumberError::TooLarge(_)));
        assert!(matches!(err("1e+40"), NumberError::TooLarge(_)));
        assert!(matches!(
            err("99999999999999999999999999999999"),
            NumberError::TooLarge(_)
        ));
        assert!(matches!(err("1e99999999999"), NumberError::NotANumber(_)));
        assert!(matches!(err("1e-40"), NumberError::TooSmall(_)));
        let msg = err("1e40").to_string();
        assert!(msg.contains("too large"), "{msg}");
    }

    #[test]
    fn negative_quantities_are_refused_where_asked() {
        assert!(matches!(
            parse_non_negative("-1"),
            Err(NumberError::Negative(_))
        ));
        assert_eq!(parse_non_negative("0"), Ok(Some(Decimal::ZERO)));
        assert_eq!(parse_non_negative("-0"), Ok(Some(Decimal::ZERO)));
    }

    #[test]
    fn displays_like_the_report() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(display(d("13093.5706")), "13,093.57");
        assert_eq!(display(d("271.69027410")), "271.69");
        assert_eq!(display(d("0.0900")), "0.09");
        assert_eq!(display(d("0.00009653794940079893")), "0.000097");
        assert_eq!(display(d("65281.37")), "65,281.37");
        assert_eq!(display(d("0.005")), "0.0050");
        assert_eq!(display(d("0.0010365")), "0.0010");
        assert_eq!(display(d("0.00999")), "0.010");
        assert_eq!(display(d("0.001")), "0.0010");
        assert_eq!(display(d("0.01")), "0.01");
        assert_eq!(display(d("0.125")), "0.13");
        assert_eq!(display(d("-1234.5")), "-1,234.50");
        assert_eq!(display(d("0")), "0.00");
        assert_eq!(display(d("-0.001")), "-0.0010");
        assert_eq!(display(d("1000000")), "1,000,000.00");
    }

    #[test]
    fn plain_keeps_every_digit() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(plain(d("17467.4700")), "17,467.47");
        assert_eq!(plain(d("0.7340433")), "0.7340433");
        assert_eq!(rounded(d("14285.5454"), 0), "14,286");
        assert_eq!(printed_places(d("0.000097")), 6);
    }
}
