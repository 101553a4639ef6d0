//! ESG KPI Calculator: the environmental KPIs of a Hong Kong ESG report (HKEX Appendix C2,
//! aspects A1 and A2) from a company's activity data, with exact decimal arithmetic.
//!
//! - [`engine`] (the `esg-kpi-engine` crate, `crates/engine`) is pure: scenario model, units, factors, KPIs, checks. It never touches the
//!   DOM, storage or the clock, and is tested natively.
//! - `ui` (wasm only) is the Yew page; `embed` (wasm only) is the one place that touches
//!   `JsValue`: `window.EsgKpi` and the events host pages listen to; `browser` (wasm only) is
//!   the page's I/O: storage, the URL fragment, downloads, the clipboard.

/// The engine crate (`crates/engine`), under the name the page and the tests have always used.
pub use esg_kpi_engine as engine;
#[macro_use]
pub mod i18n;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(all(not(target_arch = "wasm32"), feature = "ssr"))]
pub mod ssr;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod ui;

/// The crate version, as `EsgKpi.version` reports it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
