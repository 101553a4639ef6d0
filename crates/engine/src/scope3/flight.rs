//! Flights by airport pair: the great-circle distance between two airports named by their IATA
//! codes, in exact decimal arithmetic (haversine on a sphere of 6,371 km, the angle found by
//! bisection), to the whole km. The airports are OurAirports' large airports and medium ones
//! with scheduled service (public domain; `scripts/airports.mjs` writes `airports.txt`).
//! DESNZ's air factors already include its 8 % distance uplift: the distance is not uplifted
//! again.

use crate::DecOps as _;
use rust_decimal::Decimal;

/// The airports, seven bytes each, sorted by code: the code in 15 bits (5 per letter, A = 1),
/// latitude + 90° and longitude + 180° in thousandths of a degree in 18 and 19 bits,
/// big-endian (`scripts/airports.mjs` writes it beside `airports.txt`, the same to read).
const AIRPORTS: &[u8] = include_bytes!("airports.bin");

/// How many airports the set has.
pub fn count() -> usize {
    AIRPORTS.len() / 7
}

/// One record: its code as 15 bits, its latitude and longitude in degrees.
fn record(i: usize) -> Option<(u64, Decimal, Decimal)> {
    let bytes = AIRPORTS.get(i.checked_mul(7)?..i.checked_mul(7)?.checked_add(7)?)?;
    let v = bytes.iter().fold(0u64, |n, b| (n << 8) | u64::from(*b));
    let thousandths = |bits: u64, offset: i64| {
        let n = i64::try_from(bits).ok()?.checked_sub(offset)?;
        Some(Decimal::new(n, 3))
    };
    Some((
        v >> 37,
        thousandths((v >> 19) & 0x3_ffff, 90_000)?,
        thousandths(v & 0x7_ffff, 180_000)?,
    ))
}

/// An airport's latitude and longitude in degrees, by its IATA code (any case).
pub fn airport(code: &str) -> Option<(Decimal, Decimal)> {
    let code = code.trim().to_ascii_uppercase();
    let letters = code.as_bytes();
    if letters.len() != 3 || !letters.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let key = letters
        .iter()
        .fold(0u64, |n, c| (n << 5) | u64::from(c - b'A' + 1));
    let (mut low, mut high) = (0, count());
    while low < high {
        let mid = low + (high - low) / 2;
        let (k, lat, lon) = record(mid)?;
        match k.cmp(&key) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return Some((lat, lon)),
        }
    }
    None
}

/// π to 28 places (rust_decimal's own constant lives behind its `maths` feature).
const PI: Decimal = Decimal::from_parts(1_102_470_953, 185_874_565, 1_703_060_790, false, 28);

/// The mean Earth radius the distance is on, km.
pub const EARTH_RADIUS_KM: i64 = 6371;

/// The great-circle distance between two points (degrees), to the whole km; `None` only if a
/// step leaves exact decimal range (it does not for real coordinates).
pub fn great_circle_km(a: (Decimal, Decimal), b: (Decimal, Decimal)) -> Option<Decimal> {
    let rad = |deg: Decimal| deg.cmul(PI)?.cdiv(Decimal::from(180));
    let (phi1, phi2) = (rad(a.0)?, rad(b.0)?);
    let dphi = rad(b.0.csub(a.0)?)?;
    let dlambda = rad(b.1.csub(a.1)?)?;
    let half_sin_sq = |x: Decimal| -> Option<Decimal> {
        let s = sin(x.cdiv(Decimal::TWO)?)?;
        s.cmul(s)
    };
    // hav(θ) = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2), between 0 and 1.
    let h = half_sin_sq(dphi)?.cadd(cos(phi1)?.cmul(cos(phi2)?)?.cmul(half_sin_sq(dlambda)?)?)?;
    let h = h.max(Decimal::ZERO).min(Decimal::ONE);
    // θ in [0, π] with (1 − cos θ) / 2 = h: hav is increasing there, so bisect.
    let (mut low, mut high) = (Decimal::ZERO, PI);
    for _ in 0..64 {
        let mid = low.cadd(high)?.cdiv(Decimal::TWO)?;
        let hav = Decimal::ONE.csub(cos(mid)?)?.cdiv(Decimal::TWO)?;
        if hav < h {
            low = mid;
        } else {
            high = mid;
        }
    }
    let theta = low.cadd(high)?.cdiv(Decimal::TWO)?;
    Some(theta.cmul(Decimal::from(EARTH_RADIUS_KM))?.round_dp(0))
}

/// cos x for |x| ≤ 3π/2, by its Taylor series to 10⁻²⁶ (a few hundred bytes of code, where
/// rust_decimal's `maths` feature would cost the page several KB).
fn cos(x: Decimal) -> Option<Decimal> {
    let x2 = x.cmul(x)?;
    let (mut sum, mut term) = (Decimal::ONE, Decimal::ONE);
    let small = Decimal::new(1, 26);
    for n in 0..40u32 {
        let k = Decimal::from((2 * n + 1) * (2 * n + 2));
        term = -term.cmul(x2)?.cdiv(k)?;
        sum = sum.cadd(term)?;
        if term.abs() < small {
            break;
        }
    }
    Some(sum)
}

/// sin x = cos(π/2 − x), for |x| ≤ π/2.
fn sin(x: Decimal) -> Option<Decimal> {
    cos(PI.cdiv(Decimal::TWO)?.csub(x)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn km(a: &str, b: &str) -> Decimal {
        great_circle_km(airport(a).unwrap(), airport(b).unwrap()).unwrap()
    }

    #[test]
    fn the_series_agree_with_known_values() {
        let close = |a: Decimal, b: &str| {
            let b = Decimal::from_str_exact(b).unwrap();
            assert!((a - b).abs() < Decimal::new(1, 20), "{a} against {b}");
        };
        assert_eq!(PI.to_string(), "3.1415926535897932384626433833");
        close(cos(Decimal::ZERO).unwrap(), "1");
        close(cos(PI).unwrap(), "-1");
        close(cos(PI.cdiv(Decimal::TWO).unwrap()).unwrap(), "0");
        close(sin(PI.cdiv(Decimal::TWO).unwrap()).unwrap(), "1");
        // cos 1 and sin 0.5 to 25 places.
        close(cos(Decimal::ONE).unwrap(), "0.5403023058681397174009366");
        close(
            sin(Decimal::new(5, 1)).unwrap(),
            "0.4794255386042030002732879",
        );
        close(cos(-PI).unwrap(), "-1");
    }

    #[test]
    fn known_distances_on_a_6371_km_sphere() {
        // Haversine on 6,371 km from the same coordinates, worked out independently
        // (Python's math module) and rounded to the km.
        for (a, b, want) in [
            ("HKG", "LHR", 9631),
            ("HKG", "PEK", 1992),
            ("HKG", "SIN", 2566),
            ("HKG", "JFK", 12970),
            ("HKG", "SYD", 7394),
            ("HKG", "MFM", 38),
        ] {
            assert_eq!(km(a, b), Decimal::from(want), "{a}–{b}");
            assert_eq!(km(b, a), Decimal::from(want), "{b}–{a}");
        }
        assert_eq!(km("HKG", "hkg"), Decimal::ZERO);
        assert_eq!(airport("XQX"), None);
        assert_eq!(airport("HK"), None);
        assert_eq!(count(), 3220);
    }

    /// The packed set is the readable one: every line of airports.txt, found by its code.
    #[test]
    fn the_packed_airports_are_the_listed_ones() {
        let listed = include_str!("airports.txt");
        assert_eq!(listed.lines().count(), count());
        for line in listed.lines() {
            let mut parts = line.split(' ');
            let code = parts.next().unwrap();
            let lat = Decimal::from_str_exact(parts.next().unwrap()).unwrap();
            let lon = Decimal::from_str_exact(parts.next().unwrap()).unwrap();
            let (a, b) = airport(code).unwrap_or_else(|| panic!("{code}"));
            assert_eq!(
                (a.normalize(), b.normalize()),
                (lat.normalize(), lon.normalize()),
                "{code}"
            );
        }
    }
}
