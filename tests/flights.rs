//! Flights by airport pair (issue 18): the great-circle distance between two IATA airports, ×
//! passengers or trips, × 2 for a return, is the line's passenger-km; no second 8 % uplift on
//! DESNZ's air factors, which include theirs. A pair the set cannot resolve, a flight with both
//! airports and a distance, or one airport alone is an error at its field; the rest computes.

mod common;
use common::*;
use esg_kpi_calculator::engine::scope3::flight;
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn km(a: &str, b: &str) -> Decimal {
    flight::great_circle_km(flight::airport(a).unwrap(), flight::airport(b).unwrap()).unwrap()
}

#[test]
fn a_flight_by_its_airports_is_its_distance_times_its_journeys() {
    // (line, journeys, factor kg per pkm)
    let cases = [
        (
            json!({ "from": "HKG", "to": "LHR", "factor": "desnz-2025-air-long-haul-economy-rf" }),
            "1",
            "0.11704",
        ),
        (
            json!({ "from": "hkg", "to": "lhr", "return": true, "trips": "2", "factor": "desnz-2025-air-long-haul-economy-rf" }),
            "4",
            "0.11704",
        ),
        (
            json!({ "from": "HKG", "to": "PEK", "return": "yes", "factor": { "value": "0.15", "unit": "kgCO2e/pkm", "source": "airline's own figure, 2025" } }),
            "2",
            "0.15",
        ),
    ];
    for (line, journeys, kg) in cases {
        let mut row = line.clone();
        row["category"] = json!(6);
        let r = run(json!({ "period": "2025", "scope3": [row] }));
        assert!(r.errors.is_empty(), "{line}: {:?}", r.errors);
        let (a, b) = (line["from"].as_str().unwrap(), line["to"].as_str().unwrap());
        let pkm = km(&a.to_uppercase(), &b.to_uppercase()) * d(journeys);
        assert_eq!(
            d(&value(&r, "ghg_scope3_t")),
            pkm * d(kg) / d("1000"),
            "{line}"
        );
        let trace = r.trace.iter().find(|l| l.path == "scope3[0]").unwrap();
        let how = trace.conversion.as_ref().unwrap().to_string();
        assert!(how.contains("great-circle"), "{how}");
        assert!(how.contains(&format!("× {journeys} journeys")), "{how}");
        assert!(how.contains("8 % uplift"), "{how}");
        assert_eq!(trace.quantity.0, pkm);
    }
    // 9,631 km on a 6,371 km sphere; no uplift added.
    assert_eq!(km("HKG", "LHR"), d("9631"));
}

#[test]
fn a_flight_the_set_cannot_resolve_is_an_error_at_its_field() {
    let good = json!({ "category": 6, "quantity": "1000", "unit": "pkm", "factor": "desnz-2025-air-international-average" });
    // (line, path, words)
    let cases = [
        (
            json!({ "from": "HKG", "to": "XQZ" }),
            "scope3[0].to",
            "no “XQZ”",
        ),
        (
            json!({ "from": "HKG" }),
            "scope3[0].to",
            "enter both airports",
        ),
        (
            json!({ "to": "LHR" }),
            "scope3[0].from",
            "enter both airports",
        ),
        (
            json!({ "from": "HKG", "to": "HKG" }),
            "scope3[0].to",
            "leaves from and arrives at HKG",
        ),
        (
            json!({ "from": "HKG", "to": "LHR", "quantity": "9,000" }),
            "scope3[0].quantity",
            "not both",
        ),
        (
            json!({ "from": "HKG", "to": "LHR", "unit": "km" }),
            "scope3[0].unit",
            "passenger-km",
        ),
        (
            json!({ "from": "HKG", "to": "LHR", "trips": "0" }),
            "scope3[0].trips",
            "cannot be zero",
        ),
        (
            json!({ "from": "HKG", "to": "LHR", "return": 2 }),
            "scope3[0].return",
            "one way",
        ),
    ];
    for (line, path, words) in cases {
        let mut row = line.clone();
        row["category"] = json!(6);
        row["factor"] = json!("desnz-2025-air-long-haul-economy");
        let r = run(json!({ "scope3": [row, good.clone()] }));
        let message = error_at(&r, path);
        assert!(message.contains(words), "{line}: {message}");
        assert!(kpi(&r, "ghg_scope3_t").value.is_none(), "{line}");
        assert!(r.trace.iter().any(|l| l.path == "scope3[1]"), "{line}");
    }
    // Journeys with a distance, no airports: refused rather than left out of the quantity.
    let r = run(
        json!({ "scope3": [ { "category": 6, "quantity": "9631", "unit": "pkm", "trips": "4",
        "factor": "desnz-2025-air-long-haul-economy" } ] }),
    );
    assert!(error_at(&r, "scope3[0].trips").contains("applies to a flight by its airports"));
    // Airports cleared on the page (empty strings): a line by its quantity again.
    let r = run(
        json!({ "scope3": [ { "category": 6, "from": "", "to": " ", "trips": "", "return": "",
        "quantity": "1000", "unit": "pkm", "factor": "desnz-2025-air-long-haul-economy" } ] }),
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    // A night in a hotel is not a flight: the factor per pkm meets the line's unit only.
    let r = run(
        json!({ "scope3": [ { "category": 6, "from": "HKG", "to": "LHR", "factor": "desnz-2025-hotel-hong-kong" } ] }),
    );
    assert!(error_at(&r, "scope3[0].factor").contains("per night"));
}

#[test]
fn a_flight_is_written_back_by_its_airports() {
    use esg_kpi_calculator::engine::scenario::{read, to_value};
    let v = json!({ "scope3": [ { "category": 6, "from": "HKG", "to": "SIN", "trips": "3", "return": true,
        "factor": "desnz-2025-air-international-economy-rf", "description": "sales visits" } ] });
    let (s, errors) = read(&v);
    assert!(errors.is_empty(), "{errors:?}");
    let written = to_value(&s.unwrap());
    let line = &written["scope3"][0];
    assert_eq!(line["from"], "HKG");
    assert_eq!(line["to"], "SIN");
    assert_eq!(line["trips"], "3");
    assert_eq!(line["return"], true);
    assert!(line.get("quantity").is_none(), "{line}");
    assert_eq!(
        value(&run(v), "ghg_scope3_t"),
        value(&run(written), "ghg_scope3_t")
    );
}
