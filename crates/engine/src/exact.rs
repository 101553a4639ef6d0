//! An exact running total of decimals: what every total of the engine adds its lines into.
//!
//! A `Decimal` sum rounds once its digits pass 28 significant ones (a 10¹² kWh total with
//! 20 decimal places), and where it rounds depends on the order of the additions. An
//! [`Exact`] keeps the integer part and the fraction (to 28 places, the most a `Decimal`
//! has) apart, each as an `i128`, so adding and taking away are exact in any order: a total
//! that has a line taken away and put back is the same total to the last digit, and the total
//! of a ledger is the merge of the totals of any split of it. It rounds once, when it is read
//! ([`Exact::value`]), and the same way for the same sum whatever order built it.

use rust_decimal::Decimal;

/// 10²⁸: one unit of the integer part in fraction units.
const ONE: i128 = 10_000_000_000_000_000_000_000_000_000;

/// An exact sum of decimals: `int + frac / 10²⁸`, `frac` in `0..10²⁸`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exact {
    int: i128,
    frac: i128,
}

/// The sum has left the range of exact decimals (about ±7.9 × 10²⁸), or its integer part the
/// range of an `i128` (more than 10¹⁰ such lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

/// A decimal's integer part and fraction in units of 10⁻²⁸ (`0..10²⁸`).
fn parts(d: Decimal) -> (i128, i128) {
    let scale = d.scale();
    let unit = 10_i128.pow(scale);
    let m = d.mantissa();
    // A mantissa has at most 96 bits and the scale at most 28, so none of this overflows.
    (
        m.div_euclid(unit),
        m.rem_euclid(unit) * 10_i128.pow(28 - scale),
    )
}

impl Exact {
    pub const ZERO: Exact = Exact { int: 0, frac: 0 };

    /// The sum of `values`.
    pub fn of(values: impl IntoIterator<Item = Decimal>) -> Result<Exact, TooLarge> {
        values
            .into_iter()
            .try_fold(Exact::ZERO, |acc, v| acc.plus(v))
    }

    /// This sum with `d` added.
    pub fn plus(self, d: Decimal) -> Result<Exact, TooLarge> {
        let (int, frac) = parts(d);
        self.merge(Exact { int, frac })
    }

    /// This sum with `d` taken away.
    pub fn minus(self, d: Decimal) -> Result<Exact, TooLarge> {
        let (int, frac) = parts(d);
        let frac = self.frac - frac;
        let (borrow, frac) = if frac < 0 { (1, frac + ONE) } else { (0, frac) };
        let int = self
            .int
            .checked_sub(int)
            .and_then(|i| i.checked_sub(borrow))
            .ok_or(TooLarge)?;
        Ok(Exact { int, frac })
    }

    /// The sum of two sums.
    pub fn merge(self, other: Exact) -> Result<Exact, TooLarge> {
        let frac = self.frac + other.frac;
        let (carry, frac) = if frac >= ONE {
            (1, frac - ONE)
        } else {
            (0, frac)
        };
        let int = self
            .int
            .checked_add(other.int)
            .and_then(|i| i.checked_add(carry))
            .ok_or(TooLarge)?;
        Ok(Exact { int, frac })
    }

    /// The sum as a decimal: exact when it fits in 28 significant digits, otherwise rounded
    /// once at the 28th, the same way for the same sum.
    pub fn value(self) -> Result<Decimal, TooLarge> {
        let int = Decimal::try_from_i128_with_scale(self.int, 0).map_err(|_| TooLarge)?;
        // `frac` < 10²⁸ < 2⁹⁶: always a decimal of scale 28.
        let frac = Decimal::try_from_i128_with_scale(self.frac, 28).map_err(|_| TooLarge)?;
        int.checked_add(frac).map(|v| v.normalize()).ok_or(TooLarge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn adds_and_takes_away_exactly() {
        let values = [
            "1.5",
            "-0.25",
            "123456789.123456789012345678",
            "-7",
            "0.0000000000000000000000000001",
        ];
        let sum = Exact::of(values.iter().map(|v| d(v))).unwrap();
        // 37 significant digits: read as the nearest decimal of 28.
        assert_eq!(sum.value().unwrap(), d("123456783.373456789012345678"));
        let mut back = sum;
        for v in values {
            back = back.minus(d(v)).unwrap();
        }
        assert_eq!(back, Exact::ZERO);
    }

    #[test]
    fn the_order_of_the_additions_does_not_change_the_sum() {
        // Fold in `Decimal` rounds these at the 28th digit, differently in each order.
        let values = [
            d("1000000000000"),
            d("0.1234567890123456789012345678"),
            d("0.0000000000000000000000000009"),
            d("-999999999999.9"),
        ];
        let forward = Exact::of(values).unwrap();
        let backward = Exact::of(values.iter().rev().copied()).unwrap();
        assert_eq!(forward, backward);
        assert_eq!(forward.value(), backward.value());
        // The exact sum is 0.1000…0.2234567890123456789012345687; read once, rounded once.
        assert_eq!(
            forward.value().unwrap(),
            d("0.2234567890123456789012345687")
        );
    }

    #[test]
    fn a_sum_beyond_exact_decimals_is_too_large_when_read_not_before() {
        let max = Decimal::MAX;
        let two = Exact::of([max, max]).unwrap();
        assert_eq!(two.value(), Err(TooLarge));
        // Taking one away brings it back.
        assert_eq!(two.minus(max).unwrap().value(), Ok(max));
    }
}
