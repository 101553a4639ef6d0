//! The page's import reader, as a wasm module of its own: the engine's one reader
//! ([`esg_kpi_engine::ledger::read`]) behind one function, `read(text, options)`, that takes
//! the user's choices and gives back the reading, both as JSON ([`ledger::wire`]). The page
//! loads it on the first import (a file, pasted cells or a workbook's sheet); a first visit
//! does not carry it. Everything it does is the engine's, tested natively there; this file is
//! only the boundary.

use esg_kpi_engine::ledger::{self, wire};
use wasm_bindgen::prelude::*;

/// Reads `text` with the choices in `options` (JSON of [`ledger::Options`]); the reading or
/// the reason the text was refused, as JSON. Never fails: whatever the text, an answer.
#[wasm_bindgen]
pub fn read(text: &str, options: &str) -> String {
    wire::result_to_json(&ledger::read(text, &wire::options_from_json(options)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_reading_crosses_the_boundary_whole() {
        let text = "site,month,source,quantity,unit,grid\nA,2025-01,electricity,100,kWh,深圳\n";
        let options = esg_kpi_engine::ledger::wire::options_to_json(&Default::default());
        let back = esg_kpi_engine::ledger::wire::result_from_json(&super::read(text, &options));
        assert_eq!(
            back,
            esg_kpi_engine::ledger::read(text, &Default::default())
        );
        assert_eq!(back.unwrap().rows.len(), 1);
    }
}
