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

/// [`read`], a step at a time ([`ledger::Reading`], at most `budget` records of a pass each),
/// each step a task of its own: between steps the page paints and answers, so that a
/// 100,000-row file never holds it for seconds. After each step, `progress` (an element, or
/// null) gets the share done, 0–100, in its `data-progress` attribute, which the page's style
/// shows. Resolves to what [`read`] gives.
#[wasm_bindgen]
pub async fn read_in_steps(
    text: String,
    options: String,
    budget: u32,
    progress: JsValue,
) -> String {
    let mut reading = ledger::Reading::new(&text, &wire::options_from_json(&options));
    drop(text);
    let budget = usize::try_from(budget).unwrap_or(usize::MAX);
    let set = js_sys::Reflect::get(&progress, &"setAttribute".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    while !reading.step(budget) {
        if let Some(set) = &set {
            let _ = set.call2(
                &progress,
                &"data-progress".into(),
                &percent(&reading).into(),
            );
        }
        next_task().await;
    }
    wire::result_to_json(&reading.finish())
}

/// The share of a reading done, 0 to 100, over its five passes.
fn percent(reading: &ledger::Reading) -> String {
    let (pass, share) = reading.progress();
    let done = (u32::from(pass.clamp(1, 6)) - 1) * 100 + u32::from(share);
    (done / 5).min(100).to_string()
}

/// Resolves in a task of its own (`setTimeout(…, 0)`): what the page has to do comes first.
async fn next_task() {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        let global = js_sys::global();
        if let Ok(set) = js_sys::Reflect::get(&global, &"setTimeout".into())
            .and_then(|f| f.dyn_into::<js_sys::Function>())
        {
            let _ = set.call2(&global, &resolve, &0.into());
        } else {
            let _ = resolve.call0(&global);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
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

    #[test]
    fn the_share_done_goes_from_0_to_100_over_the_passes() {
        let mut text = String::from("site,month,source,quantity,unit,grid\n");
        for i in 0..50 {
            text.push_str(&format!(
                "A,2025-{:02},electricity,{i},kWh,深圳\n",
                1 + i % 12
            ));
        }
        let mut reading = esg_kpi_engine::ledger::Reading::new(&text, &Default::default());
        let mut shares = vec![super::percent(&reading)];
        while !reading.step(7) {
            shares.push(super::percent(&reading));
        }
        let shares: Vec<u32> = shares.iter().map(|s| s.parse().unwrap()).collect();
        assert_eq!(shares.first(), Some(&0));
        assert!(shares.windows(2).all(|w| w[0] <= w[1]), "{shares:?}");
        assert!(shares.len() > 10, "{shares:?}");
        assert_eq!(super::percent(&reading), "100");
    }
}
