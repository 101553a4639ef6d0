//! A [`Reading`] stepped a little at a time reads as the whole text read at once, and its
//! check by the scenario reader, part by part, gives what one check of every row gave.

use super::*;
use proptest::prelude::*;

/// A ledger of `n` rows over two sites, with a bad row now and then of each kind the scenario
/// reader refuses (a grid that does not exist, electricity with no grid), a repeated row, a
/// total row, a quoted cell with a line break, and a negative quantity.
fn messy(n: usize) -> String {
    let mut text = String::from("site,month,source,quantity,unit,grid,note\n");
    for i in 0..n {
        let site = if i % 2 == 0 { "Plant" } else { "Office" };
        let month = 1 + i % 12;
        let row = match i % 997 {
            13 => format!("{site},2025-{month:02},electricity,100,kWh,atlantis,\n"),
            14 => format!("{site},2025-{month:02},electricity,100,kWh,,\n"),
            15 => format!("{site},2025-{month:02},electricity,-5,kWh,guangdong,\n"),
            16 => format!("{site},2025-{month:02},diesel,12.5,L,,\"two\nlines\"\n"),
            17 => ",,electricity,999999,kWh,guangdong,Total\n".to_string(),
            _ => format!(
                "{site},2025-{month:02},electricity,{},kWh,guangdong,\n",
                100 + i % 7
            ),
        };
        text.push_str(&row);
    }
    text
}

/// [`read`] as it was before readings were stepped: every record split at once, every row
/// checked by the scenario reader at once.
fn read_at_once(text: &str, options: &Options) -> Result<Ledger, Problem> {
    let text = text_of(text)?;
    let delimiter = delimiter_of(text);
    let records = records_of(text, delimiter, 0);
    let (head, at) = Head::find(&records, delimiter, options)?;
    let data = records.get(at + 1..).unwrap_or_default();
    let mut survey = Survey::default();
    for (_, cells) in data {
        survey.add(&head, cells);
    }
    let mut ledger = head.ledger(&survey, options);
    let mut rows = Rows::new(&head, &ledger, options, Some(MAX_ROWS));
    for (line, cells) in data {
        if !rows.take(&mut ledger, *line, cells) {
            break;
        }
    }
    if ledger.read == 0 {
        return Err(whole(t!("the file has its header line but no rows")));
    }
    check_with_the_reader(&mut ledger, options.reporting_period.as_deref());
    if let Some(how) = &options.sum {
        sum_rows_at_once(&mut ledger, how);
    }
    Ok(ledger)
}

/// The rows summed as they were before summing was stepped.
fn sum_rows_at_once(ledger: &mut Ledger, how: &SumRows) {
    if ledger.rows.is_empty() {
        return;
    }
    let mut sums = sum::Sums::default();
    let mut first_readings: std::collections::HashMap<usize, Vec<Text>> =
        std::collections::HashMap::new();
    for ((row, line), readings) in ledger.rows.iter().zip(&ledger.lines).zip(&ledger.readings) {
        match sums.add(row, *line) {
            Ok(()) => {
                first_readings
                    .entry(*line)
                    .or_insert_with(|| readings.clone());
            }
            Err(p) => ledger.problems.push(p),
        }
    }
    let repeats = sums.repeats();
    let rows = sums.rows_added();
    if sums.lines() == ledger.rows.len() {
        return;
    }
    let lines = sums.into_lines(&how.from, how.lang);
    ledger.readings = lines
        .iter()
        .map(|(line, _)| first_readings.get(line).cloned().unwrap_or_default())
        .collect();
    ledger.lines = lines.iter().map(|(line, _)| *line).collect();
    ledger.rows = lines.into_iter().map(|(_, row)| row).collect();
    if let Some(notice) = sum::repeats_notice(&repeats) {
        ledger.notices.push(notice);
    }
    ledger.summed = Some(Summed { rows, repeats });
}

fn stepped(text: &str, options: &Options, budget: usize) -> (Result<Ledger, Problem>, usize) {
    let mut reading = Reading::new(text, options);
    let mut steps = 0;
    let mut last = (0, 0);
    while !reading.step(budget) {
        steps += 1;
        let now = reading.progress();
        assert!(now >= last, "progress goes forward: {last:?} then {now:?}");
        last = now;
    }
    assert_eq!(reading.progress(), (6, 100));
    (reading.finish(), steps)
}

#[test]
fn checked_in_parts_as_at_once_with_every_kind_of_refusal() {
    // 5,000 rows: three parts of the check, refusals in each.
    let text = messy(5_000);
    for options in [
        Options {
            reporting_period: Some("2025".into()),
            ..Options::default()
        },
        Options {
            sum: Some(SumRows {
                from: "messy.csv".into(),
                lang: crate::text::Lang::En,
            }),
            ..Options::default()
        },
    ] {
        let whole = read_at_once(&text, &options).unwrap();
        let read = read(&text, &options).unwrap();
        assert!(whole.problems.len() >= 15, "{}", whole.problems.len());
        assert!(!whole.refused.is_empty());
        assert_eq!(read, whole);
        let (stepped, steps) = stepped(&text, &options, 700);
        assert_eq!(stepped.unwrap(), whole);
        // Three passes of 5,000 records in steps of 700, and the check.
        assert!(steps > 3 * (5_000 / 700), "{steps} steps");
    }
}

#[test]
fn a_refused_text_is_refused_alike_whatever_the_steps() {
    for text in [
        "",
        "\u{0}\u{1}binary",
        "a,b\n1,2\n",
        "site,source,quantity,unit\n",
    ] {
        let whole = read_at_once(text, &Options::default());
        assert_eq!(read(text, &Options::default()), whole, "{text:?}");
        assert_eq!(stepped(text, &Options::default(), 1).0, whole, "{text:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Any budget, any length: the same ledger as reading it at once.
    #[test]
    fn any_steps_read_as_at_once(n in 1usize..2_600, budget in 1usize..3_000, summed: bool) {
        let text = messy(n);
        let options = Options {
            sum: summed.then(|| SumRows { from: "messy.csv".into(), lang: crate::text::Lang::En }),
            ..Options::default()
        };
        let whole = read_at_once(&text, &options);
        prop_assert_eq!(stepped(&text, &options, budget).0, whole);
    }
}
