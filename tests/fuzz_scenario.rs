//! A bounded fuzz run of the scenario parser and the calculation behind it: seed scenarios
//! mutated at the byte level (flips, cuts, splices, inserted tokens) and at the JSON level
//! (any value replaced by an awkward one), each calculated under `catch_unwind`. Any panic
//! fails the test and prints the input, to become a regression case below.
//!
//! Runs for `FUZZ_SECONDS` (default 10) with a seed from `FUZZ_SEED` (default fixed, so a run
//! is repeatable); `scripts/test.sh` gives it 30 s and a new seed each run, so that each CI run
//! tries new inputs, and prints the executions and the seed.

use esg_kpi_calculator::engine::{self, number};
use serde_json::{json, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "-",
    "1e40",
    "1e-40",
    "-0",
    "0",
    "NaN",
    "9999999999999999999999999999999999999999",
    "\"energy\"",
    "\"factor\"",
    "\"grid\"",
    "\"prior\"",
    "\"schema\"",
    "\"esg-kpi-scenario/2\"",
    "\\u0000",
    "１２，０１６",
    "\"m3\"",
    "\"L\"",
    "\"unit\"",
    "\"kg/TJ\"",
    "\"cn-2015-cm:cn-east\"",
    "\"廣東\"",
    "<script>",
    "1,2,3",
    ".",
    "e",
    "\u{202e}",
];

fn awkward(rng: &mut Rng) -> Value {
    match rng.below(14) {
        0 => json!(null),
        1 => json!(""),
        2 => json!("-1"),
        3 => json!("1e40"),
        4 => json!(1e300),
        5 => json!("79228162514264337593543950335"),
        6 => json!([]),
        7 => json!({}),
        8 => json!(true),
        9 => json!("0"),
        10 => json!("x".repeat(rng.below(300))),
        11 => json!([[[[{}]]]]),
        12 => json!("0.0000000000000000000000000001"),
        _ => json!(TOKENS[rng.below(TOKENS.len())]),
    }
}

/// Replaces one value somewhere in the document (or adds a key) with an awkward one.
fn mutate_value(v: &mut Value, rng: &mut Rng, depth: usize) {
    let here = depth > 6 || rng.below(4) == 0;
    match v {
        Value::Object(map) if !here && !map.is_empty() => {
            let i = rng.below(map.len());
            if let Some((_, child)) = map.iter_mut().nth(i) {
                mutate_value(child, rng, depth + 1);
            }
        }
        Value::Object(map) if rng.below(3) == 0 => {
            let keys = [
                "energy",
                "factor",
                "grid",
                "unit",
                "source",
                "quantity",
                "prior",
                "instruments",
                "published",
                "gwp",
                "fuel_factors",
                "ncv_kj_per_m3",
                "density_kg_per_l",
                "scope3",
                "category",
                "exchange_rate",
                "scope3_categories",
            ];
            map.insert(keys[rng.below(keys.len())].into(), awkward(rng));
        }
        Value::Array(items) if !here && !items.is_empty() => {
            let i = rng.below(items.len());
            mutate_value(&mut items[i], rng, depth + 1);
        }
        Value::Array(items) if rng.below(3) == 0 && items.len() < 64 => {
            let copy = items.first().cloned().unwrap_or(Value::Null);
            items.push(copy);
        }
        other => *other = awkward(rng),
    }
}

fn mutate_bytes(text: &str, rng: &mut Rng) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(5) {
            0 if !b.is_empty() => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 if !b.is_empty() => {
                let end = (at + rng.below(16)).min(b.len());
                b.drain(at.min(end)..end);
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                b.splice(at..at, t.bytes());
            }
            3 if b.len() > 8 => {
                let from = rng.below(b.len() - 4);
                let piece: Vec<u8> = b[from..(from + rng.below(32)).min(b.len())].to_vec();
                b.splice(at..at, piece);
            }
            _ => b.insert(at, rng.next() as u8),
        }
    }
    b
}

/// How long a fuzz run lasts and where it starts: `FUZZ_SECONDS` (default 10) and `FUZZ_SEED`
/// (default fixed, so that a run is repeatable).
fn budget() -> (u64, u64) {
    let var = |name: &str| std::env::var(name).ok().and_then(|s| s.parse().ok());
    (
        var("FUZZ_SECONDS").unwrap_or(10),
        var("FUZZ_SEED").unwrap_or(0x05ee_de59_2018),
    )
}

fn seeds() -> Vec<Value> {
    vec![
        engine::example::example(),
        json!({ "gwp": "AR6", "grid_edition": "cn-2019-cm", "grid_om_weight": "0.75", "period": "2019",
            "organisation": { "floor_area_m2": "100", "employees": "3", "revenue_rmb_million": "1" },
            "energy": [
                { "site": "A", "source": "electricity", "quantity": "1,000", "unit": "kWh", "grid": "guangdong" },
                { "site": "B", "source": "electricity", "quantity": "5", "unit": "MWh", "grid": "hk-electric" },
                { "site": "C", "source": "diesel", "quantity": "20", "unit": "L", "density_kg_per_l": "0.84" },
                { "site": "D", "source": "natural_gas", "quantity": "20", "unit": "m3", "factor": { "co2": "56100", "ch4": "5", "n2o": "0.1", "unit": "kg/TJ" } },
                { "site": "E", "source": "towngas", "quantity": "30", "unit": "unit" }
            ],
            "instruments": [{ "type": "certificates", "mwh": "1" }, { "type": "supplier", "mwh": "1", "factor": { "value": "0.3", "unit": "tCO2e/MWh" } }],
            "prior": { "period": "2018", "organisation": { "employees": "2" }, "water_m3": "3" },
            "published": { "water_m3": "3.00", "ghg_total_t": "1" } }),
        json!({ "organisation": { "employees": "4", "revenue_currency": "HKD", "revenue_million": "12",
                "fx_rmb_per_unit": "0.85", "fx_source": "x", "production_quantity": "9", "production_unit": "cars" },
            "waste": { "hazardous_t": "1", "items": [
                { "site": "A", "kind": "paper", "quantity": "2", "unit": "kg" },
                { "kind": "waste_oil", "quantity": "1", "hazardous": false }
            ] },
            "packaging_t": "3" }),
        json!({ "period": "2025", "scope3": [
                { "category": 6, "quantity": "5,131", "unit": "pkm", "factor": "desnz-2025-air-international-average-rf" },
                { "category": "1", "quantity": "78,000", "unit": "HK$", "factor": { "value": "0.5", "unit": "kgCO2e/USD", "source": "s" },
                  "exchange_rate": { "value": "7.8", "unit": "HKD/USD" } },
                { "category": 4, "quantity": "500", "unit": "kgCO2e" },
                { "category": 5, "quantity": "2", "unit": "t", "factor": { "value": "4.8", "unit": "kgCO2e/kg", "source": "s" } },
                { "factor": "hk-wsd-fresh-water" },
                { "category": 6, "from": "HKG", "to": "LHR", "trips": "2", "return": true, "factor": "desnz-2025-air-long-haul-economy-rf" },
                { "factor": "hk-dsd-sewage", "share": "70", "electricity": "clp-2023" },
                { "factor": "hk-paper-landfill", "quantity": "3", "unit": "kg" }
            ],
            "water_m3": "1,000",
            "consolidation": "operational_control",
            "organisation": { "employees": "12", "revenue_currency": "HKD", "revenue_million": "3", "fx_rmb_per_unit": "0.92" },
            "intensities": [ { "kpi": "ghg_scopes_1_2_3_t", "per": "employee" }, { "kpi": "water_m3", "per": "revenue_million" } ],
            "published": { "ghg_scope3_t": { "value": "1,234", "unit": "kg CO2e" }, "energy_total_mwh": { "value": "3.6", "unit": "GJ" },
                "ghg_scopes_1_2_3_t_per_employee": { "value": "12", "unit": "kg CO2e / employee" } },
            "scope3_categories": [ { "category": 15, "status": "not_relevant", "reason": "none" }, { "category": 2, "status": "included" } ] }),
    ]
}

#[test]
fn fuzz_the_scenario_parser_for_a_bounded_time() {
    let (seconds, seed) = budget();
    let mut rng = Rng(seed | 1);
    let seeds = seeds();
    let texts: Vec<String> = seeds.iter().map(|s| s.to_string()).collect();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut with_errors, mut numbers) = (0u64, 0u64, 0u64);
    // Quiet the default hook: a panic is reported below with its input.
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < deadline {
        let input: Vec<u8> = if rng.below(2) == 0 {
            let mut v = seeds[rng.below(seeds.len())].clone();
            for _ in 0..1 + rng.below(3) {
                mutate_value(&mut v, &mut rng, 0);
            }
            v.to_string().into_bytes()
        } else {
            mutate_bytes(&texts[rng.below(texts.len())], &mut rng)
        };
        let text = String::from_utf8_lossy(&input).into_owned();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let r = engine::calculate_json(&text);
            assert_eq!(r.kpis.0.len(), esg_kpi_calculator::engine::KpiId::ALL.len());
            let json = r.to_json();
            assert!(serde_json::from_str::<Value>(&json).is_ok());
            r.errors.len()
        }));
        match outcome {
            Ok(errors) => with_errors += u64::from(errors > 0),
            Err(payload) => {
                let _ = std::panic::take_hook();
                let why = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()));
                panic!("the engine panicked ({why:?}) on input (seed {seed}): {text}");
            }
        }
        // The number parser alone, on a slice of the same input.
        let cut = rng.below(text.len().min(48) + 1);
        let piece: String = text
            .chars()
            .skip(rng.below(text.len() + 1))
            .take(cut)
            .collect();
        if catch_unwind(|| number::parse(&piece).map(|v| v.map(number::display))).is_err() {
            let _ = std::panic::take_hook();
            panic!("the number parser panicked on {piece:?}");
        }
        runs += 1;
        numbers += 1;
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "fuzz: {runs} scenarios ({with_errors} with input errors) and {numbers} number texts in {seconds} s, seed {seed}: 0 panics"
    );
    assert!(runs > 100, "the fuzz run did too little: {runs} executions");
}

/// The other parsers, for the same bounded time: the CSV/TSV ledger import, saved browser
/// state (the autosave envelope), a share link's URL fragment, and the iframe's messages.
/// Seeds are the fixtures and the envelopes and links of the seed scenarios, mutated as above.
#[test]
fn fuzz_the_import_saved_state_link_and_message_parsers_for_a_bounded_time() {
    use engine::{frame, ledger, saved};
    let (seconds, seed) = budget();
    let mut rng = Rng(seed.rotate_left(17) | 1);
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let csvs: Vec<String> = [
        "ledger-clean-en.csv",
        "ledger-clean-zh.csv",
        "ledger-errors.csv",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(fixtures.join(f)).unwrap_or_default())
    .chain([
        "site\tmonth\tsource\tquantity\tunit\nA\t2018-01\telectricity\t1,000\tkWh\n".to_string(),
    ])
    // The files facilities teams really send: title lines, bills, decimal commas, 度, totals.
    .chain(
        std::fs::read_dir(fixtures.join("messy"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| !p.to_string_lossy().ends_with(".json"))
            .map(|p| std::fs::read_to_string(p).unwrap_or_default()),
    )
    .collect();
    assert!(csvs.iter().all(|c| !c.is_empty()), "the fixtures are there");
    let scenarios = seeds();
    // Saved state of every version: the current envelope, the first one (migrated on
    // restore), and a bare scenario (an export imported back).
    let envelopes: Vec<String> = scenarios
        .iter()
        .flat_map(|s| {
            [
                saved::envelope(s, "2026-11-25T00:00:00Z"),
                json!({ "format": saved::AUTOSAVE_FORMAT_1, "saved_at": "2026-11-20T00:00:00Z", "scenario": s }).to_string(),
                s.to_string(),
            ]
        })
        .collect();
    let links: Vec<String> = scenarios.iter().map(saved::share_fragment).collect();
    let messages: Vec<Value> = vec![
        json!({ "type": "esg-kpi:hello" }),
        json!({ "type": "esg-kpi:lang", "lang": "zh-Hant" }),
        json!({ "type": "esg-kpi:load", "scenario": scenarios[0] }),
    ];
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = [0u64; 4];
    std::panic::set_hook(Box::new(|_| {}));
    let fail = |what: &str, input: &str| -> ! {
        let _ = std::panic::take_hook();
        panic!("the {what} parser panicked on input (seed {seed}): {input}");
    };
    while Instant::now() < deadline {
        let which = rng.below(4);
        match which {
            0 => {
                let text =
                    String::from_utf8_lossy(&mutate_bytes(&csvs[rng.below(csvs.len())], &mut rng))
                        .into_owned();
                // With the choices a user can make in the preview, drawn at random too.
                use ledger::{Column, DateOrder, NumberFormat, Options, MEANINGS};
                let pick = |n: usize, rng: &mut Rng| rng.below(n);
                let mapping_len = rng.below(12);
                let options = Options {
                    mapping: (rng.below(2) == 0).then(|| {
                        (0..mapping_len)
                            .map(|_| MEANINGS.get(pick(MEANINGS.len() + 3, &mut rng)).copied())
                            .collect::<Vec<Option<Column>>>()
                    }),
                    numbers: [None, Some(NumberFormat::Point), Some(NumberFormat::Comma)]
                        [rng.below(3)],
                    dates: [None, Some(DateOrder::DayMonth), Some(DateOrder::MonthDay)]
                        [rng.below(3)],
                    reporting_period: [
                        None,
                        Some("2018"),
                        Some("2025"),
                        Some("2024/25"),
                        Some("x"),
                    ][rng.below(5)]
                    .map(str::to_string),
                    source: None,
                    grid: [None, Some("深圳"), Some("Hong Kong"), Some("")][rng.below(4)]
                        .map(str::to_string),
                    sum: (rng.below(3) == 0).then(|| ledger::SumRows {
                        from: "fuzz.csv".into(),
                        lang: engine::text::Lang::ZhHans,
                    }),
                };
                if catch_unwind(|| ledger::read(&text, &options).map(|l| ledger::to_csv(&l.rows)))
                    .is_err()
                {
                    fail("ledger", &format!("{options:?}\n{text}"));
                }
                // What the import reader module hands the page, whole and mutated: read back
                // whole, and a mutated answer is a problem, never a panic.
                let wired = catch_unwind(|| {
                    use engine::ledger::wire;
                    let read = ledger::read(&text, &options);
                    let json = wire::result_to_json(&read);
                    assert_eq!(wire::result_from_json(&json), read, "read back whole");
                    let _ = wire::options_from_json(&wire::options_to_json(&options));
                    json
                });
                match wired {
                    Ok(json) => {
                        let mutated =
                            String::from_utf8_lossy(&mutate_bytes(&json, &mut rng)).into_owned();
                        if catch_unwind(|| engine::ledger::wire::result_from_json(&mutated))
                            .is_err()
                        {
                            fail("ledger wire", &mutated);
                        }
                    }
                    Err(_) => fail("ledger wire (whole)", &format!("{options:?}\n{text}")),
                }
                // The same text in pieces cut at random lines (the command line's reading), its
                // rows summed by site, month and source.
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                let cuts: Vec<usize> = (0..rng.below(6))
                    .map(|_| rng.below(lines.len() + 1))
                    .collect();
                let streamed = catch_unwind(|| {
                    let first: String = lines
                        .iter()
                        .take(1 + cuts.first().copied().unwrap_or(0))
                        .copied()
                        .collect();
                    let Ok(mut stream) = ledger::Stream::begin(&first, &options) else {
                        return 0;
                    };
                    let mut pieces = Vec::new();
                    let (mut start, mut sorted) = (0, cuts.clone());
                    sorted.sort_unstable();
                    for cut in sorted.into_iter().chain([lines.len()]) {
                        if cut > start {
                            pieces.push((lines[start..cut].concat(), start + 1));
                            start = cut;
                        }
                    }
                    for (piece, line) in &pieces {
                        stream.survey(piece, *line);
                    }
                    let _ = stream.decided();
                    let mut sums = ledger::sum::Sums::default();
                    for (piece, line) in &pieces {
                        let read = stream.rows(piece, *line);
                        for (row, line) in read.rows.iter().zip(&read.lines) {
                            let _ = sums.add(row, *line);
                        }
                    }
                    let _ = sums.repeats();
                    sums.into_rows("fuzz.csv", engine::text::Lang::ZhHant).len()
                });
                if streamed.is_err() {
                    fail(
                        "streamed ledger",
                        &format!("{options:?} cuts {cuts:?}\n{text}"),
                    );
                }
            }
            1 => {
                let text = String::from_utf8_lossy(&mutate_bytes(
                    &envelopes[rng.below(envelopes.len())],
                    &mut rng,
                ))
                .into_owned();
                // Whatever reads back whole must save and read back to the same scenario.
                let round_trip = catch_unwind(|| match saved::read(&text) {
                    Ok(r) => {
                        engine::calculate_value(&r.doc);
                        saved::read(&saved::envelope(&r.doc, "t")).map(|again| again.doc)
                            == Ok(r.doc)
                    }
                    Err(_) => true,
                });
                match round_trip {
                    Ok(true) => {}
                    Ok(false) => {
                        let _ = std::panic::take_hook();
                        panic!("a saved state read back differently after saving: {text}");
                    }
                    Err(_) => fail("saved state", &text),
                }
            }
            2 => {
                let text = String::from_utf8_lossy(&mutate_bytes(
                    &links[rng.below(links.len())],
                    &mut rng,
                ))
                .into_owned();
                if catch_unwind(|| saved::from_fragment(&text)).is_err() {
                    fail("link", &text);
                }
            }
            _ => {
                let mut v = messages[rng.below(messages.len())].clone();
                mutate_value(&mut v, &mut rng, 0);
                if catch_unwind(|| frame::parse(&v)).is_err() {
                    fail("message", &v.to_string());
                }
            }
        }
        if let Some(n) = runs.get_mut(which) {
            *n += 1;
        }
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "fuzz: {} ledgers, {} saved states, {} links, {} messages in {seconds} s, seed {seed}: 0 panics",
        runs[0], runs[1], runs[2], runs[3]
    );
    assert!(
        runs.iter().all(|n| *n > 20),
        "the fuzz run did too little: {runs:?}"
    );
}

/// What people type into a number field, in English and both Chinese scripts: digits ASCII or
/// full-width (what a Chinese IME gives), grouping with `,` `，` or spaces (including the
/// ideographic and no-break ones), decimal points `.` `．` `。`, signs, exponents, and
/// stray characters, cut and spliced. Checks, besides "never panics": a full-width spelling
/// reads the same as its ASCII one, and every number read prints back (`plain`) to text that
/// reads to the same value.
#[test]
fn fuzz_number_entry_in_three_languages_for_a_bounded_time() {
    let (seconds, seed) = budget();
    let mut rng = Rng(seed.rotate_left(29) | 1);
    const PIECES: &[&str] = &[
        "0",
        "1",
        "2",
        "5",
        "7",
        "9",
        "12",
        "345",
        "999",
        "000",
        ",",
        ".",
        " ",
        "-",
        "+",
        "e",
        "E",
        "e-",
        "e+",
        "０",
        "１",
        "２",
        "９",
        "１２３",
        "，",
        "．",
        "。",
        "－",
        "＋",
        "ｅ",
        "\u{3000}",
        "\u{a0}",
        "\u{202f}",
        "\u{2009}",
        "−",
        "萬",
        "元",
        "噸",
        "千瓦時",
        "kWh",
        "%",
        "'",
        "_",
        "\t",
        "\n",
        "٣",
        "〇",
        "零",
        "1e28",
        "1e-28",
        "79228162514264337593543950335",
        "0.0000000000000000000000000001",
        "NaN",
        "inf",
        "1,234",
        "1,234.5",
        "１，２３４．５",
        "12 345",
        "1.234,5",
        "1,2,3",
    ];
    let full_width = |ascii: &str| -> String {
        ascii
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
                ',' => '，',
                '.' => '．',
                '-' => '－',
                '+' => '＋',
                'e' => 'ｅ',
                other => other,
            })
            .collect()
    };
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut read, mut refused) = (0u64, 0u64, 0u64);
    std::panic::set_hook(Box::new(|_| {}));
    let fail = |why: &str, input: &str| -> ! {
        let _ = std::panic::take_hook();
        panic!("number entry: {why} on {input:?} (seed {seed})");
    };
    while Instant::now() < deadline {
        let mut text = String::new();
        for _ in 0..1 + rng.below(6) {
            text.push_str(PIECES[rng.below(PIECES.len())]);
        }
        if rng.below(8) == 0 {
            let at = text
                .char_indices()
                .map(|(i, _)| i)
                .nth(rng.below(text.chars().count() + 1))
                .unwrap_or(text.len());
            text.insert(at, char::from(rng.below(128) as u8));
        }
        let Ok(outcome) = catch_unwind(|| {
            number::parse(&text).map(|v| v.map(|d| (d, number::display(d), number::plain(d))))
        }) else {
            fail("panic", &text)
        };
        match outcome {
            Ok(Some((value, _, plain))) => {
                read += 1;
                match catch_unwind(|| number::parse(&plain)) {
                    Ok(Ok(Some(again))) if again == value => {}
                    _ => fail("its plain form does not read back", &text),
                }
            }
            Ok(None) => {}
            Err(_) => refused += 1,
        }
        if text.is_ascii() {
            let wide = full_width(&text);
            match catch_unwind(|| number::parse(&wide)) {
                Ok(w) if w.as_ref().ok() == number::parse(&text).as_ref().ok() => {}
                Ok(_) => fail("the full-width spelling reads differently", &text),
                Err(_) => fail("panic", &wide),
            }
        }
        runs += 1;
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "fuzz: {runs} number entries ({read} read, {refused} refused with a reason) in {seconds} s, seed {seed}: 0 panics"
    );
    assert!(
        read > 100 && refused > 100,
        "the number fuzz did too little: {runs}"
    );
}

/// The calculation kept between edits (`engine::live`), for the same bounded time: a seed
/// scenario edited at a random place (a line's field, a line replaced, a figure, a setting, a
/// path that does not exist) with an awkward value, many times in a row. After each edit the
/// kept results must be those of a full calculation of the document as it is, byte for byte,
/// and nothing may panic.
#[test]
fn fuzz_incremental_edits_for_a_bounded_time() {
    use engine::calc::TraceLimit;
    use engine::live::Live;
    let (seconds, seed) = budget();
    let mut rng = Rng(seed.rotate_left(17) | 1);
    let seeds = seeds();
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut edits, mut documents, mut by_difference) = (0u64, 0u64, 0u64);
    const FIELDS: &[&str] = &[
        "quantity",
        "unit",
        "source",
        "site",
        "period",
        "grid",
        "factor",
        "density_kg_per_l",
        "ncv_kj_per_m3",
        "factor.value",
        "factor.unit",
        "",
    ];
    const FIGURES: &[&str] = &[
        "organisation.employees",
        "organisation.floor_area_m2",
        "organisation.revenue_million",
        "organisation.fx_rmb_per_unit",
        "water_m3",
        "packaging_t",
        "waste.hazardous_t",
        "waste.items[0].quantity",
        "waste.items",
        "published.ghg_total_t",
        "published.water_m3",
        "instruments",
        "instruments[0].mwh",
        "name",
        "prior.organisation.employees",
        "prior.water_m3",
        "gwp",
        "period",
        "grid_edition",
        "energy",
        "prior",
        "schema",
        "energy[x].quantity",
        "energy[99999].quantity",
    ];
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < deadline {
        let mut doc = seeds[rng.below(seeds.len())].clone();
        let limit = if rng.below(2) == 0 {
            TraceLimit::All
        } else {
            TraceLimit::First(rng.below(4))
        };
        let mut live = Live::new(&doc, limit);
        documents += 1;
        for _ in 0..1 + rng.below(12) {
            let rows = doc
                .get("energy")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            // A line inserted (an awkward value, or a copy of another line) or removed, or a
            // field of a line or of the period set to an awkward value.
            let (change, what) = if rng.below(4) == 0 {
                use engine::live::Change;
                let Some(list) = doc.get_mut("energy").and_then(Value::as_array_mut) else {
                    continue;
                };
                let change = if !list.is_empty() && rng.below(2) == 0 {
                    let at = rng.below(list.len());
                    list.remove(at);
                    Change::Removed(at)
                } else {
                    let at = rng.below(list.len() + 1);
                    let new = match list.get(rng.below(list.len().max(1))) {
                        Some(other) if rng.below(2) == 0 => other.clone(),
                        _ => awkward(&mut rng),
                    };
                    list.insert(at, new);
                    Change::Inserted(at)
                };
                (Err(change), format!("{change:?}"))
            } else {
                let path = match rng.below(3) {
                    0 | 1 if rows > 0 => {
                        let field = FIELDS[rng.below(FIELDS.len())];
                        let at = rng.below(rows);
                        if field.is_empty() {
                            format!("energy[{at}]")
                        } else {
                            format!("energy[{at}].{field}")
                        }
                    }
                    _ => FIGURES[rng.below(FIGURES.len())].to_string(),
                };
                let value = awkward(&mut rng);
                engine::path::set(&mut doc, &path, value.clone());
                let what = format!("setting {path} to {value}");
                (Ok(path), what)
            };
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let cost = match &change {
                    Ok(path) => live.edited(&doc, path),
                    Err(lines) => live.changed_lines(&doc, "energy", *lines),
                };
                let kept = live.results().to_json();
                let (read, errors) = engine::scenario::read(&doc);
                let full = match read {
                    Some(s) => engine::calc::calculate_with(&s, errors, limit).to_json(),
                    None => engine::calc::calculate_value_with(&doc, limit).0.to_json(),
                };
                (cost, kept == full)
            }));
            match outcome {
                Ok((cost, true)) => {
                    by_difference += u64::from(cost != engine::live::Cost::Everything)
                }
                Ok((_, false)) => {
                    let _ = std::panic::take_hook();
                    panic!("the kept results differ from a full calculation after {what} (seed {seed}) in: {doc}");
                }
                Err(_) => {
                    let _ = std::panic::take_hook();
                    panic!("{what} panicked (seed {seed}) in: {doc}");
                }
            }
            edits += 1;
        }
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "fuzz: {edits} edits of {documents} documents ({by_difference} by difference) in {seconds} s, seed {seed}: 0 panics, every one equal to a full calculation"
    );
    assert!(
        edits > 100 && by_difference > 10,
        "the edit fuzz did too little: {edits} edits, {by_difference} by difference"
    );
}

/// Inputs the fuzz run or review found; each once panicked or misbehaved, or nearly did.
#[test]
fn fuzz_regressions() {
    for text in [
        r#"{"energy":[{"source":"natural_gas","quantity":"79228162514264337593543950335","unit":"m3","factor":"ng-cn-guideline"}]}"#,
        r#"{"energy":[{"source":"electricity","quantity":"1","unit":"MWh","grid":"hk-electric","period":"２０１８"}]}"#,
        r#"{"energy":[{"source":"electricity","quantity":"1","unit":"MWh","grid":"hk-electric","period":"20"}]}"#,
        r#"{"energy":[{"source":"electricity","quantity":"1","unit":"MWh","grid":"clp","period":"é2019"}]}"#,
        r#"{"grid_om_weight":"1","energy":[{"source":"electricity","quantity":"1","unit":"MWh","grid":"beijing"}]}"#,
        r#"{"instruments":[{"type":"supplier","mwh":"1","factor":{"value":"1","unit":"kgCO2e/m3"}}],"energy":[{"source":"electricity","quantity":"1","unit":"MWh","grid":"beijing"}]}"#,
        r#"{"energy":[{"source":"diesel","quantity":"1","unit":"kg","factor":{"value":"1","unit":"kgCO2e/L"},"density_kg_per_l":"0.0000000000000000000000000001"}]}"#,
        r#"{"energy":[{"source":"lpg","quantity":"0.0000000000000000000000000001","unit":"L","density_kg_per_l":"79228162514264337593543950335"}]}"#,
        r#"{"prior":{"prior":{"prior":{}}}}"#,
        // Found by the fuzz run: a published figure printed to 28 places made the half-unit of
        // its rounding Decimal::new(5, 29), which panics (scale above 28).
        r#"{"water_m3":"81345.33","organisation":{"employees":"1"},"published":{"water_m3":"1","water_m3_per_employee":"0.0000000000000000000000000001"}}"#,
        // Found by the fuzz run: published Scope 1 + Scope 2 added without a check overflowed.
        r#"{"published":{"ghg_total_t":"1","ghg_scope1_t":"1","ghg_scope2_t":"79228162514264337593543950335"}}"#,
    ] {
        let r = engine::calculate_json(text);
        assert_eq!(
            r.kpis.0.len(),
            esg_kpi_calculator::engine::KpiId::ALL.len(),
            "{text}"
        );
    }
}
