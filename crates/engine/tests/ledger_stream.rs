//! A ledger read in pieces ([`ledger::Stream`], the command line's `ledger`) reads exactly as
//! the page's import ([`ledger::read`]) reads it whole: the same rows from the same lines, the
//! same problems, the same total rows left out, wherever the pieces are cut — including a cut
//! between the rows of a total and the total itself.

use esg_kpi_engine::ledger::{self, Ledger, Options, Stream};
use esg_kpi_engine::text::Lang;
use proptest::prelude::*;

mod common;
use common::fixtures;

/// The text's lines (each with its line break), grouped into pieces at `cuts` (line indexes),
/// never inside a quoted cell; each piece with the line it starts on.
fn pieces(text: &str, cuts: &[usize]) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut piece = String::new();
    let mut first = 1;
    let mut quoted = false;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if !quoted && cuts.contains(&i) && !piece.is_empty() {
            out.push((std::mem::take(&mut piece), first));
            first = i + 1;
        }
        if line.matches('"').count() % 2 == 1 {
            quoted = !quoted;
        }
        piece.push_str(line);
    }
    if !piece.is_empty() {
        out.push((piece, first));
    }
    out
}

/// Rows, their lines, problems, total rows and the number format.
type Summary = (
    Vec<String>,
    Vec<usize>,
    Vec<String>,
    Vec<String>,
    Option<String>,
);

/// What two readings must agree on, as text (problems in line order).
fn summary(l: &Ledger) -> Summary {
    let mut problems: Vec<String> = l
        .problems
        .iter()
        .map(|p| {
            format!(
                "{} {:?} {:?} {}",
                p.line,
                p.column,
                p.value,
                p.message.render(Lang::En)
            )
        })
        .collect();
    problems.sort();
    let totals = l
        .totals
        .iter()
        .map(|p| format!("{} {}", p.line, p.message.render(Lang::En)))
        .collect();
    (
        l.rows.iter().map(|r| r.to_string()).collect(),
        l.lines.clone(),
        problems,
        totals,
        l.numbers.format.map(|f| format!("{f:?}")),
    )
}

/// The text read in pieces: the head from its first `head_lines` lines, then the survey and
/// the rows piece by piece; the pieces' ledgers put together.
fn streamed(text: &str, head_lines: usize, cuts: &[usize], options: &Options) -> Option<Ledger> {
    let first: String = text.split_inclusive('\n').take(head_lines).collect();
    let mut stream = Stream::begin(&first, options).ok()?;
    let parts = pieces(text, cuts);
    for (piece, line) in &parts {
        stream.survey(piece, *line);
    }
    let mut all = stream.decided().clone();
    for (piece, line) in &parts {
        let l = stream.rows(piece, *line);
        all.rows.extend(l.rows);
        all.lines.extend(l.lines);
        all.problems.extend(l.problems);
        all.totals.extend(l.totals);
        all.read += l.read;
    }
    assert_eq!(stream.lines_read(), all.read);
    Some(all)
}

fn options_for(name: &str) -> Options {
    Options {
        reporting_period: Some(
            if name.contains("ledger-") {
                "2018"
            } else {
                "2025"
            }
            .into(),
        ),
        ..Options::default()
    }
}

#[test]
fn every_fixture_reads_the_same_in_pieces_of_one_line_and_of_seven() {
    for (name, text) in fixtures() {
        let options = options_for(&name);
        let Ok(whole) = ledger::read(&text, &options) else {
            continue;
        };
        let n = text.lines().count();
        for step in [1, 7] {
            let cuts: Vec<usize> = (0..n).step_by(step).collect();
            let parts = streamed(&text, 200, &cuts, &options).unwrap();
            assert_eq!(
                summary(&parts),
                summary(&whole),
                "{name}, pieces of {step} lines"
            );
            assert_eq!(parts.read, whole.read, "{name}");
            assert_eq!(parts.mapping, whole.mapping, "{name}");
        }
    }
}

#[test]
fn a_total_row_is_told_by_its_sum_when_its_rows_are_in_an_earlier_piece() {
    let text = "site,month,source,quantity,unit,grid\n\
                A,2025-01,electricity,100,kWh,cn-south\n\
                A,2025-02,electricity,200,kWh,cn-south\n\
                ,,electricity,300,kWh,cn-south\n";
    let whole = ledger::read(text, &Options::default()).unwrap();
    assert_eq!(whole.totals.len(), 1);
    // Cut just before the total: the rows above it are in the piece before.
    let parts = streamed(text, 3, &[3], &Options::default()).unwrap();
    assert_eq!(parts.totals.len(), 1, "{:?}", parts.totals);
    assert_eq!(summary(&parts), summary(&whole));
}

#[test]
fn a_date_on_the_last_line_decides_the_order_of_the_first() {
    // 03/04/2025 reads two ways; 04/25/2025 on the last line says month/day.
    let mut text = String::from("site,period,source,quantity,unit,grid\n");
    text.push_str("A,03/04/2025,electricity,100,kWh,cn-south\n");
    for _ in 0..30 {
        text.push_str("A,03/04/2025,electricity,1,kWh,cn-south\n");
    }
    text.push_str("A,04/25/2025,electricity,100,kWh,cn-south\n");
    let whole = ledger::read(&text, &Options::default()).unwrap();
    let parts = streamed(&text, 3, &(0..40).collect::<Vec<_>>(), &Options::default()).unwrap();
    assert_eq!(parts.dates, whole.dates);
    assert_eq!(format!("{:?}", parts.dates), "MonthDay");
    assert_eq!(summary(&parts), summary(&whole));
    assert!(
        parts.rows[0].to_string().contains("2025-03"),
        "{}",
        parts.rows[0]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Random cuts over every fixture read as the whole.
    #[test]
    fn random_cuts_read_as_the_whole(seed in proptest::collection::vec(0usize..40, 1..12), which in 0usize..64) {
        let all = fixtures();
        let (name, text) = &all[which % all.len()];
        let options = options_for(name);
        if let Ok(whole) = ledger::read(text, &options) {
            let n = text.lines().count().max(1);
            let cuts: Vec<usize> = seed.iter().map(|c| c % n).collect();
            let parts = streamed(text, 200, &cuts, &options).unwrap();
            prop_assert_eq!(summary(&parts), summary(&whole), "{}", name);
        }
    }
}
