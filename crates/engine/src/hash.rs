//! FNV-1a, 64 bits: a checksum that tells a damaged or foreign text from the one expected (not
//! a defence against anyone). The autosave's envelope ([`super::saved`]) and the fingerprint of
//! the catalogue a translations file belongs to ([`super::text`]) both use it.

/// FNV-1a, 64 bits, of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
