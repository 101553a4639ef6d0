//! Where the time goes for large scenarios: `cargo run --release --example profile -- 100000`.
use esg_kpi_calculator::engine::{self, scenario};
use serde_json::json;
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let energy: Vec<_> = (0..n)
        .map(|i| {
            if i % 3 == 0 {
                json!({ "site": format!("S{}", i % 600), "source": "natural_gas", "quantity": (1000 + i).to_string(), "unit": "m3" })
            } else {
                json!({ "site": format!("S{}", i % 600), "source": "electricity", "quantity": (1000 + i).to_string(), "unit": "kWh", "grid": "guangdong" })
            }
        })
        .collect();
    let doc = json!({ "organisation": { "employees": "100" }, "energy": energy });
    let text = doc.to_string();
    let t = Instant::now();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    println!(
        "parse JSON      {:>8.1} ms ({} bytes)",
        t.elapsed().as_secs_f64() * 1e3,
        text.len()
    );
    // The fastest of five: the machine may be busy with something else.
    let fastest = |f: &dyn Fn()| {
        (0..5)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64() * 1e3
            })
            .fold(f64::INFINITY, f64::min)
    };
    let read_ms = fastest(&|| drop(scenario::read(&v)));
    println!("read scenario   {read_ms:>8.1} ms (fastest of 5)");
    let (s, _) = scenario::read(&v);
    let s = s.unwrap();
    let shown_ms = fastest(&|| {
        drop(engine::calc::calculate_with(
            &s,
            Vec::new(),
            engine::TraceLimit::First(300),
        ))
    });
    println!(
        "calculate, first 300 lines traced {shown_ms:>8.1} ms (fastest of 5; as the page does)"
    );
    let t = Instant::now();
    let r = engine::calc::calculate(&s, Vec::new());
    println!(
        "calculate       {:>8.1} ms (trace {}, checks {})",
        t.elapsed().as_secs_f64() * 1e3,
        r.trace.len(),
        r.checks.len()
    );
    let t = Instant::now();
    let out = r.to_json();
    println!(
        "results to JSON {:>8.1} ms ({} bytes)",
        t.elapsed().as_secs_f64() * 1e3,
        out.len()
    );
}
