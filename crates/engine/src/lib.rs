//! The calculation engine: pure and decimal. No DOM, storage, clock or web crate here, so
//! every number the page, the exports and the JS API show comes from one tested place.
//!
//! It must never panic (a panic stops the wasm module for the rest of the visit), so outside
//! tests clippy refuses here what can: `unwrap`, `expect`, indexing and slicing, `panic!`,
//! `unreachable!`, `todo!`, `unimplemented!`. Arithmetic is checked (`DecOps`, `checked_*`).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

pub mod calc;
pub mod checks;
pub mod exact;
pub mod example;
pub mod exports;
pub mod field;
pub mod frame;
pub mod fugitive;
pub mod hash;
pub mod input;
pub mod intensity;
pub mod kpi;
pub mod ledger;
pub mod library;
pub mod line;
pub mod live;
pub mod migrate;
pub mod number;
pub mod order;
pub mod part_d;
pub mod path;
pub mod period;
pub mod published;
mod released;
pub mod results;
pub mod saved;
pub mod scenario;
pub mod scope3;
pub mod tally;
pub mod text;
#[cfg(feature = "page")]
pub mod text_page;
pub mod text_table;
pub mod units;
pub mod waste;

pub use calc::{calculate_json, calculate_value, calculate_value_with, Results, TraceLimit};
pub use kpi::KpiId;

/// Out-of-line Decimal arithmetic: rust_decimal marks its arithmetic `#[inline(always)]`, which
/// copies the whole 96-bit algorithm into every caller. One copy each instead.
pub trait DecOps: Sized {
    fn cadd(self, o: Self) -> Option<Self>;
    fn csub(self, o: Self) -> Option<Self>;
    fn cmul(self, o: Self) -> Option<Self>;
    fn cdiv(self, o: Self) -> Option<Self>;
}
impl DecOps for rust_decimal::Decimal {
    #[inline(never)]
    fn cadd(self, o: Self) -> Option<Self> {
        self.checked_add(o)
    }
    #[inline(never)]
    fn csub(self, o: Self) -> Option<Self> {
        self.checked_sub(o)
    }
    #[inline(never)]
    fn cmul(self, o: Self) -> Option<Self> {
        self.checked_mul(o)
    }
    #[inline(never)]
    fn cdiv(self, o: Self) -> Option<Self> {
        self.checked_div(o)
    }
}
