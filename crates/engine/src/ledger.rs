//! Activity rows as facilities teams send them: CSV exported from Excel (comma, semicolon or
//! tab; quoted fields; a BOM or not; English or Chinese headers; title lines above the
//! header), utility bills, landlord statements, fuel-card exports, or cells pasted from a
//! spreadsheet. One reader for the page, the paste box and any later front end.
//!
//! Reading never guesses silently. It first proposes what each column means ([`Column`]),
//! decides the file's number format from every numeric cell ([`numbers`]), reads months and
//! billing periods ([`periods`]) and names ([`names`]); every reading that is not a plain
//! spelling is shown beside its row, and what can be read two ways is asked or stopped at
//! its cell. Total and subtotal rows are left out with a message. A row that would compute
//! nothing (no factor) is a problem, not "ready". Nothing changes until the user confirms,
//! and [`Options`] carry what they changed (the mapping, the number format, the date order).
//!
//! Text arrives decoded (the page decodes UTF-8, GB18030 or Big5 with the browser's own
//! decoders); everything here is pure.

mod columns;
pub mod names;
pub mod numbers;
pub mod periods;
pub mod sum;
#[cfg(test)]
mod tests;
pub mod wire;

use super::field::Figure;
use super::number;
use super::scenario::{self, FactorChoice};
use super::text::Text;
use super::units::{QuantityUnit, Source};
use crate::t;
use crate::DecOps as _;
use columns::{header_factor_unit, header_unit, is_money};
pub use columns::{Column, COLUMNS, MEANINGS};
pub use numbers::NumberFormat;
pub use periods::DateOrder;
use periods::When;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// The largest text read: larger files are refused with a message, not half-read.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// The most rows one import takes: as many lines as a scenario's list holds.
pub const MAX_ROWS: usize = scenario::MAX_LINES;
/// How far down a file the header row is looked for (title lines above it are skipped).
const HEADER_SEARCH: usize = 20;

/// A problem with one line, or with the whole text (line 0).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// 1-based line of the text (the first line is 1, title lines included); 0 for the whole
    /// text.
    pub line: usize,
    /// The column's header as written in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub message: Text,
}

/// What the user chose in the preview; the defaults read the file as the import proposes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The meaning of each column, by position (the user's mapping); `None` proposes one.
    pub mapping: Option<Vec<Option<Column>>>,
    pub numbers: Option<NumberFormat>,
    pub dates: Option<DateOrder>,
    /// The scenario's reporting period (`2025`, `2024/25`): rows outside it are flagged.
    pub reporting_period: Option<String>,
    /// The source of rows that name none (a bill of one utility).
    pub source: Option<Source>,
    /// The grid, utility or place of electricity rows that name none.
    pub grid: Option<String>,
    /// Rows summed by site, month, source, unit and factor into one line each ([`sum`]), for
    /// ledgers beyond what a person edits line by line; `None` keeps every row.
    pub sum: Option<SumRows>,
}

/// How summed lines say what they sum: the file's name, in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SumRows {
    pub from: String,
    pub lang: crate::text::Lang,
}

/// What summing did to a reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summed {
    /// Rows before they were summed.
    pub rows: usize,
    pub repeats: sum::Repeats,
}

/// What a text holds: rows ready for a scenario, and the lines that are not.
#[derive(Debug, Clone, PartialEq)]
pub struct Ledger {
    /// Energy rows as a scenario holds them.
    pub rows: Vec<Value>,
    /// The line each row came from (a billing period spanning months gives several rows).
    pub lines: Vec<usize>,
    /// For each row, the readings the import made that are not plain spellings.
    pub readings: Vec<Vec<Text>>,
    pub problems: Vec<Problem>,
    /// Rows read from the file that the scenario reader then refused (their problems say
    /// why), with their line: shown as read, beside the reason.
    pub refused: Vec<(usize, Value)>,
    /// Total and subtotal rows, left out.
    pub totals: Vec<Problem>,
    /// Data lines read (blank lines, title lines and the header not counted).
    pub read: usize,
    pub delimiter: char,
    /// The header's line, and the title lines above it that were skipped.
    pub header_line: usize,
    pub title: Vec<String>,
    pub headers: Vec<String>,
    /// The cells of the first data line, as written (the mapping shows them).
    pub sample: Vec<String>,
    /// The meaning of each column as read, and as the import proposed it.
    pub mapping: Vec<Option<Column>>,
    pub proposed: Vec<Option<Column>>,
    /// Meanings the rows need and no column has (nothing is imported until they are given).
    pub missing: Vec<Column>,
    /// Headers not used.
    pub ignored_columns: Vec<String>,
    /// Headers not used whose cells are numbers (an amount in HK$ beside the kWh).
    pub unused_numeric: Vec<String>,
    pub numbers: numbers::Detected,
    pub dates: DateOrder,
    /// Whether a date of the file decided the order (otherwise day/month, as Hong Kong
    /// writes dates, is assumed and said).
    pub dates_decided: bool,
    /// Things the user should know about the reading as a whole.
    pub notices: Vec<Text>,
    /// Set when the rows were summed ([`Options::sum`]) into fewer lines: how many there were,
    /// and which repeated an earlier row exactly.
    pub summed: Option<Summed>,
}

impl Ledger {
    /// Rows with a problem (each bad line counted once).
    pub fn lines_with_problems(&self) -> usize {
        let mut lines: Vec<usize> = self.problems.iter().map(|p| p.line).collect();
        super::order::sorted_rows(&mut lines);
        lines.len()
    }
}

/// A mapping as text (`site|period||quantity`: a column's meaning by id, blank when not used),
/// to remember it; [`mapping_from`] reads it back.
pub fn mapping_text(mapping: &[Option<Column>]) -> String {
    mapping
        .iter()
        .map(|c| c.map_or("", Column::id))
        .collect::<Vec<_>>()
        .join("|")
}

/// A mapping remembered as [`mapping_text`]; `None` when any part is not a meaning.
pub fn mapping_from(text: &str) -> Option<Vec<Option<Column>>> {
    text.split('|')
        .map(|id| match id {
            "" => Some(None),
            id => Column::from_id(id).map(Some),
        })
        .collect()
}

/// The headers' fingerprint, for remembering a confirmed mapping for files like this one.
pub fn signature(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| names::key(h))
        .collect::<Vec<_>>()
        .join("|")
}

fn whole(message: Text) -> Problem {
    Problem {
        line: 0,
        column: None,
        value: None,
        message,
    }
}

/// The refusal of a text (or a file) of `len` bytes, over [`MAX_BYTES`].
pub fn too_large(len: usize) -> Problem {
    whole(t!(
            "the file is {0} MB; the calculator reads files up to {1} MB (about {2} rows) — split it by year or by site",
            format!(
                "{:.1}",
                Decimal::from(len)
                    .cdiv(Decimal::from(1_048_576u32))
                    .unwrap_or_default()
                    .round_dp_with_strategy(1, number::DISPLAY_ROUNDING)
            ),
            (MAX_BYTES / 1_048_576).to_string(),
            MAX_ROWS.to_string()
        ))
}

/// Reads a ledger as the import proposes.
pub fn parse(text: &str) -> Result<Ledger, Problem> {
    read(text, &Options::default())
}

/// Reads a ledger with the user's choices. `Err` when the text as a whole cannot be one
/// (empty, binary, too large, no header the calculator knows). A [`Reading`] stepped to its
/// end: the page steps one itself, a little at a time, and gets this same ledger.
pub fn read(text: &str, options: &Options) -> Result<Ledger, Problem> {
    Reading::new(text, options).finish()
}

/// How many rows the scenario reader checks at a time: a [`Reading`] checks its rows in parts
/// of this many, whatever its steps.
const CHECK_ROWS: usize = 2_000;

/// A ledger read a step at a time, so that a page reads a large file without holding its
/// main thread for seconds: each [`Reading::step`] does at most `budget` records of one pass
/// (the records split from the text, the survey of their cells, the rows read, the rows
/// checked by the scenario reader, the rows summed when asked), then returns. Stepped to its
/// end it is [`read`], with any budget: a property test holds that.
pub struct Reading {
    options: Options,
    state: Pass,
    /// Rows checked so far, for [`Reading::progress`] (the check pass hands its rows on).
    done: usize,
}

enum Pass {
    /// Records split from the text, from byte `at` (a record's start, on line `line`).
    Split {
        text: String,
        at: usize,
        line: usize,
        delimiter: char,
        records: Vec<(usize, Vec<String>)>,
    },
    /// The header found; the data records' cells counted for the number format and dates.
    Survey {
        records: Vec<(usize, Vec<String>)>,
        head: Box<Head>,
        next: usize,
        survey: Survey,
    },
    /// Each data record read into a row (or a problem, or a total row left out).
    Rows {
        records: Vec<(usize, Vec<String>)>,
        next: usize,
        ledger: Box<Ledger>,
        rows: Box<Rows>,
    },
    /// The rows summed by site, month, source, unit and factor, when the user asked.
    Sum {
        ledger: Box<Ledger>,
        how: SumRows,
        summing: Box<Summing>,
    },
    /// The rows checked by the scenario reader, [`CHECK_ROWS`] at a time.
    Check {
        ledger: Box<Ledger>,
        unchecked: std::collections::VecDeque<(Value, usize, Vec<Text>)>,
        checked: Checked,
    },
    Done(Result<Box<Ledger>, Problem>),
}

/// What the checked parts of a ledger gave.
#[derive(Debug, Clone, Default)]
struct Checked {
    rows: Vec<Value>,
    lines: Vec<usize>,
    readings: Vec<Vec<Text>>,
    problems: Vec<Problem>,
    refused: Vec<(usize, Value)>,
}

impl Reading {
    /// A reading of `text` with the user's choices; nothing is read until the first step.
    pub fn new(text: &str, options: &Options) -> Reading {
        let state = if text.len() > MAX_BYTES {
            Pass::Done(Err(too_large(text.len())))
        } else {
            match text_of(text) {
                Ok(text) => Pass::Split {
                    delimiter: delimiter_of(text),
                    text: text.to_string(),
                    at: 0,
                    line: 1,
                    records: Vec::new(),
                },
                Err(p) => Pass::Done(Err(p)),
            }
        };
        Reading {
            options: options.clone(),
            state,
            done: 0,
        }
    }

    /// How far the reading is: the pass under way (1 to 5: split, survey, rows, check, sum;
    /// 6 when done) and the share of it done, in percent.
    pub fn progress(&self) -> (u8, u8) {
        let share = |done: usize, of: usize| {
            u8::try_from(done.saturating_mul(100) / of.max(1))
                .unwrap_or(100)
                .min(100)
        };
        match &self.state {
            Pass::Split { text, at, .. } => (1, share(*at, text.len())),
            Pass::Survey { records, next, .. } => (2, share(*next, records.len())),
            Pass::Rows { records, next, .. } => (3, share(*next, records.len())),
            Pass::Check { unchecked, .. } => (4, share(self.done, unchecked.len() + self.done)),
            Pass::Sum {
                ledger, summing, ..
            } => (5, share(summing.next, ledger.rows.len())),
            Pass::Done(_) => (6, 100),
        }
    }

    /// Whether the reading is done ([`Reading::finish`] then gives it at once).
    pub fn is_done(&self) -> bool {
        matches!(self.state, Pass::Done(_))
    }

    /// The reading: the steps left, all at once.
    pub fn finish(mut self) -> Result<Ledger, Problem> {
        while !self.step(usize::MAX) {}
        match self.state {
            Pass::Done(done) => done.map(|l| *l),
            _ => Err(whole(t!("the file is empty"))),
        }
    }

    /// Reads at most `budget` more records (at least one) of the pass under way; true once the
    /// reading is done.
    pub fn step(&mut self, budget: usize) -> bool {
        let budget = budget.max(1);
        let options = &self.options;
        let placeholder = Pass::Done(Err(whole(Text::verbatim(""))));
        let state = std::mem::replace(&mut self.state, placeholder);
        self.state = match state {
            Pass::Split {
                text,
                at,
                line,
                delimiter,
                mut records,
            } => {
                let (at, line) = split_some(&text, at, line, delimiter, &mut records, budget);
                if at < text.len() {
                    Pass::Split {
                        text,
                        at,
                        line,
                        delimiter,
                        records,
                    }
                } else {
                    records.retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
                    match Head::find(&records, delimiter, options) {
                        Ok((head, at)) => Pass::Survey {
                            records: records.split_off((at + 1).min(records.len())),
                            head: Box::new(head),
                            next: 0,
                            survey: Survey::default(),
                        },
                        Err(p) => Pass::Done(Err(p)),
                    }
                }
            }
            Pass::Survey {
                records,
                head,
                next,
                mut survey,
            } => {
                let end = next.saturating_add(budget).min(records.len());
                for (_, cells) in records.get(next..end).unwrap_or_default() {
                    survey.add(&head, cells);
                }
                if end < records.len() {
                    Pass::Survey {
                        records,
                        head,
                        next: end,
                        survey,
                    }
                } else {
                    let ledger = head.ledger(&survey, options);
                    let rows = Rows::new(&head, &ledger, options, Some(MAX_ROWS));
                    Pass::Rows {
                        records,
                        next: 0,
                        ledger: Box::new(ledger),
                        rows: Box::new(rows),
                    }
                }
            }
            Pass::Rows {
                records,
                mut next,
                mut ledger,
                mut rows,
            } => {
                let end = next.saturating_add(budget).min(records.len());
                let mut more = true;
                while next < end && more {
                    if let Some((line, cells)) = records.get(next) {
                        more = rows.take(&mut ledger, *line, cells);
                    }
                    next += 1;
                }
                if more && next < records.len() {
                    Pass::Rows {
                        records,
                        next,
                        ledger,
                        rows,
                    }
                } else if ledger.read == 0 {
                    Pass::Done(Err(whole(t!("the file has its header line but no rows"))))
                } else {
                    self.done = 0;
                    let unchecked = std::mem::take(&mut ledger.rows)
                        .into_iter()
                        .zip(std::mem::take(&mut ledger.lines))
                        .zip(std::mem::take(&mut ledger.readings))
                        .map(|((row, line), readings)| (row, line, readings))
                        .collect();
                    Pass::Check {
                        ledger,
                        unchecked,
                        checked: Checked::default(),
                    }
                }
            }
            Pass::Check {
                mut ledger,
                mut unchecked,
                mut checked,
            } => {
                let mut left = budget;
                while left > 0 && !unchecked.is_empty() {
                    let n = CHECK_ROWS.min(unchecked.len());
                    let part: Vec<_> = unchecked.drain(..n).collect();
                    check_part(&mut ledger, part, options, &mut checked);
                    self.done += n;
                    left = left.saturating_sub(n);
                }
                if unchecked.is_empty() {
                    finish(&mut ledger, checked);
                    match &options.sum {
                        Some(how) => Pass::Sum {
                            ledger,
                            how: how.clone(),
                            summing: Box::default(),
                        },
                        None => Pass::Done(Ok(ledger)),
                    }
                } else {
                    Pass::Check {
                        ledger,
                        unchecked,
                        checked,
                    }
                }
            }
            Pass::Sum {
                mut ledger,
                how,
                mut summing,
            } => {
                if sum_some(&mut ledger, &mut summing, budget) {
                    sum_finish(&mut ledger, *summing, &how);
                    Pass::Done(Ok(ledger))
                } else {
                    Pass::Sum {
                        ledger,
                        how,
                        summing,
                    }
                }
            }
            done @ Pass::Done(_) => done,
        };
        self.is_done()
    }
}

/// Checks a part of a ledger's rows with the scenario reader, as [`check_with_the_reader`]
/// checks a whole ledger, into what the parts so far gave: the part is put in the ledger (whose
/// rows the check pass has taken out) and checked there, the ledger's own problems set aside.
fn check_part(
    ledger: &mut Ledger,
    part: Vec<(Value, usize, Vec<Text>)>,
    options: &Options,
    checked: &mut Checked,
) {
    for (row, line, r) in part {
        ledger.rows.push(row);
        ledger.lines.push(line);
        ledger.readings.push(r);
    }
    let own = std::mem::take(&mut ledger.problems);
    check_with_the_reader(ledger, options.reporting_period.as_deref());
    checked.rows.append(&mut ledger.rows);
    checked.lines.append(&mut ledger.lines);
    checked.readings.append(&mut ledger.readings);
    checked.problems.append(&mut ledger.problems);
    checked.refused.append(&mut ledger.refused);
    ledger.problems = own;
}

/// The checked parts put back into the ledger (their problems among the reading's, in line
/// order, as [`check_with_the_reader`] puts them).
fn finish(ledger: &mut Ledger, checked: Checked) {
    let Checked {
        rows,
        lines,
        readings,
        mut problems,
        mut refused,
    } = checked;
    ledger.rows = rows;
    ledger.lines = lines;
    ledger.readings = readings;
    if !problems.is_empty() || !refused.is_empty() {
        ledger.problems.append(&mut problems);
        ledger.refused.append(&mut refused);
        ledger.problems.sort_by_key(|p| p.line);
        ledger.problems.dedup();
    }
}

/// The ledger's rows summed by site, month, source, unit and factor, a step at a time
/// ([`sum_some`], then [`sum_finish`]): each line keeps the readings of its first row; rows
/// that repeat an earlier one exactly are said in a notice (summing would otherwise hide what
/// the page's duplicate check finds among lines).
/// Rows summed so far ([`sum_some`]), and each line's first readings.
#[derive(Debug, Default)]
struct Summing {
    sums: sum::Sums,
    first_readings: std::collections::HashMap<usize, Vec<Text>>,
    next: usize,
}

/// Sums at most `budget` more of the ledger's rows; true once every row is summed.
fn sum_some(ledger: &mut Ledger, s: &mut Summing, budget: usize) -> bool {
    let end = s.next.saturating_add(budget).min(ledger.rows.len());
    for i in s.next..end {
        let (Some(row), Some(line), Some(readings)) = (
            ledger.rows.get(i),
            ledger.lines.get(i),
            ledger.readings.get(i),
        ) else {
            continue;
        };
        match s.sums.add(row, *line) {
            Ok(()) => {
                s.first_readings
                    .entry(*line)
                    .or_insert_with(|| readings.clone());
            }
            Err(p) => ledger.problems.push(p),
        }
    }
    s.next = end;
    end >= ledger.rows.len()
}

/// The summed rows in place of the rows, once [`sum_some`] has summed them all.
fn sum_finish(ledger: &mut Ledger, s: Summing, how: &SumRows) {
    let Summing {
        sums,
        first_readings,
        ..
    } = s;
    if ledger.rows.is_empty() {
        return;
    }
    let repeats = sums.repeats();
    let rows = sums.rows_added();
    if sums.lines() == ledger.rows.len() {
        // Every row is a line of its own: nothing to sum, and nothing to say.
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

/// A ledger read in pieces, in memory that does not grow with its length: the command line's
/// `ledger` reads a file of any size with it. The same reading as [`read`]: the header and
/// the mapping from the first piece; the number format and the date order from every cell of
/// the file (a first pass, [`Stream::survey`], so that a deciding cell on the last line
/// decides the first line too); then each piece's rows ([`Stream::rows`]), with the running
/// sums that tell an unlabelled total row carried from piece to piece.
///
/// Pieces are whole records (a line break inside a quoted cell never ends one), given in
/// order, each with the file line it starts on.
#[derive(Debug, Clone)]
pub struct Stream {
    head: Head,
    options: Options,
    survey: Survey,
    /// Once surveyed: the ledger every piece starts from (the head's facts and the decided
    /// formats, no rows), and the row reader.
    decided: Option<(Ledger, RowsState)>,
    read: usize,
}

/// The row reader's state between pieces (the reader itself is rebuilt from the head).
#[derive(Debug, Clone, Default)]
struct RowsState {
    run: Vec<(Source, QuantityUnit, Decimal, usize)>,
}

impl Stream {
    /// Begins with the file's first piece: its title lines, its header and at least one row.
    pub fn begin(first: &str, options: &Options) -> Result<Stream, Problem> {
        let first = text_of(first)?;
        let delimiter = delimiter_of(first);
        let records = records_of(first, delimiter, 0);
        let (head, _) = Head::find(&records, delimiter, options)?;
        Ok(Stream {
            head,
            options: options.clone(),
            survey: Survey::default(),
            decided: None,
            read: 0,
        })
    }

    /// The first pass: a piece's numeric cells and dates, counted (every piece, the first
    /// included, before any [`Stream::rows`]).
    pub fn survey(&mut self, piece: &str, first_line: usize) {
        for (line, cells) in records_of(piece, self.head.delimiter, first_line.saturating_sub(1)) {
            if line > self.head.header_line {
                self.survey.add(&self.head, &cells);
            }
        }
    }

    /// What the first piece and the survey decided, as a ledger with no rows: the header,
    /// the mapping, the columns it lacks, the number format and date order, the notices.
    pub fn decided(&mut self) -> &Ledger {
        &self.decide().0
    }

    fn decide(&mut self) -> &mut (Ledger, RowsState) {
        let (head, survey, options) = (&self.head, &self.survey, &self.options);
        self.decided
            .get_or_insert_with(|| (head.ledger(survey, options), RowsState::default()))
    }

    /// The second pass: a piece's rows, read and checked as [`read`] reads and checks them.
    /// The ledger holds this piece's rows, problems and total rows only; lines are the file's.
    pub fn rows(&mut self, piece: &str, first_line: usize) -> Ledger {
        let header_line = self.head.header_line;
        let delimiter = self.head.delimiter;
        let head = self.head.clone();
        let options = self.options.clone();
        let (template, state) = self.decide();
        let mut ledger = Ledger {
            notices: Vec::new(),
            ..template.clone()
        };
        let mut rows = Rows::new(&head, &ledger, &options, None);
        rows.run = std::mem::take(&mut state.run);
        for (line, cells) in records_of(piece, delimiter, first_line.saturating_sub(1)) {
            if line > header_line {
                rows.take(&mut ledger, line, &cells);
            }
        }
        state.run = rows.run;
        self.read += ledger.read;
        check_with_the_reader(&mut ledger, options.reporting_period.as_deref());
        ledger
    }

    /// Data lines read so far, over every piece.
    pub fn lines_read(&self) -> usize {
        self.read
    }
}

/// The text without its byte-order mark, or why it is not a ledger at all: binary (a NUL, or
/// more than 8 control or unknown characters in its first 4,096), or empty.
fn text_of(text: &str) -> Result<&str, Problem> {
    let text = text.trim_start_matches('\u{feff}');
    let controls = text
        .chars()
        .take(4096)
        .filter(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || *c == '\u{fffd}')
        .count();
    if text.contains('\0') || controls > 8 {
        return Err(whole(t!(
            "this is not a text file (CSV or tab-separated) nor a workbook (.xlsx, .xls, .ods) the calculator can open"
        )));
    }
    if text.trim().is_empty() {
        return Err(whole(t!("the file is empty")));
    }
    Ok(text)
}

/// The non-blank records of a text, each with its line (`offset` added: the lines before the
/// text, when it is a piece of a longer file).
fn records_of(text: &str, delimiter: char, offset: usize) -> Vec<(usize, Vec<String>)> {
    split_records(text, delimiter)
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(line, cells)| (line + offset, cells))
        .collect()
}

/// What a ledger's first lines decide, once: the header, each column's meaning, and what rows
/// that name no source or unit are read as. Every row is then read with it.
#[derive(Debug, Clone)]
struct Head {
    delimiter: char,
    header_line: usize,
    title: Vec<String>,
    headers: Vec<String>,
    sample: Vec<String>,
    mapping: Vec<Option<Column>>,
    proposed: Vec<Option<Column>>,
    missing: Vec<Column>,
    ignored_columns: Vec<String>,
    unused_numeric: Vec<String>,
    notices: Vec<Text>,
    source: Option<Source>,
    quantity_unit: Option<String>,
    factor_unit: Option<String>,
    /// The columns whose cells decide the number format, and those whose dates decide the
    /// date order.
    numeric: Vec<usize>,
    period_columns: Vec<usize>,
}

impl Head {
    /// From a text's first records (title lines, the header, rows): the head, and the index of
    /// the header among `records`.
    fn find(
        records: &[(usize, Vec<String>)],
        delimiter: char,
        options: &Options,
    ) -> Result<(Head, usize), Problem> {
        if records.is_empty() {
            return Err(whole(t!("the file is empty")));
        }
        // The header: the first line, among the first few, naming at least two known columns
        // (titles such as "CLP Power Hong Kong – Consumption history" sit above it).
        let known = |cells: &[String]| cells.iter().filter(|c| Column::find(c).is_some()).count();
        let at = records
            .iter()
            .take(HEADER_SEARCH)
            .position(|(_, cells)| known(cells) >= 2 || (cells.len() == 1 && known(cells) == 1));
        let Some(at) = at else {
            return Err(whole(t!(
                "no line names the columns; missing: source, quantity, unit (accepted headers include site, period or month, source, quantity, unit, density, grid, factor, note, or 地點, 月份, 能源, 用量, 單位)"
            )));
        };
        let title: Vec<String> = records
            .iter()
            .take(at)
            .map(|(_, cells)| {
                cells
                    .iter()
                    .map(|c| c.trim())
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let (header_line, headers) = match records.get(at) {
            Some((line, cells)) => (*line, cells.clone()),
            None => return Err(whole(t!("the file is empty"))),
        };
        let data: Vec<&(usize, Vec<String>)> = records.iter().skip(at + 1).collect();
        if data.is_empty() {
            return Err(whole(t!("the file has its header line but no rows")));
        }

        // What each column means: the user's mapping, or the proposal.
        let (proposed, mut notices) = propose(&headers, &data);
        let mapping = match &options.mapping {
            Some(m) if m.len() == headers.len() => m.clone(),
            _ => proposed.clone(),
        };
        let position = |c: Column| mapping.iter().position(|x| *x == Some(c));
        let quantity_unit = position(Column::Quantity)
            .and_then(|i| headers.get(i))
            .and_then(|h| header_unit(h));
        let factor_unit = position(Column::Factor)
            .and_then(|i| headers.get(i))
            .and_then(|h| header_factor_unit(h));
        // A bill names no source: it is electricity when the file says so — an electricity
        // utility in its title or its rows, or an electricity word in its headers — and said.
        let mut source = options.source;
        if position(Column::Source).is_none() && source.is_none() {
            if let Some(evidence) = electricity_evidence(&title, &headers, &mapping, &data) {
                source = Some(Source::Electricity);
                notices.push(t!(
                    "No source column: every row is read as purchased electricity (the file says “{0}”). Choose another source below if that is wrong.",
                    evidence
                ));
            }
        }
        let mut missing = Vec::new();
        if position(Column::Quantity).is_none() {
            missing.push(Column::Quantity);
        }
        if position(Column::Source).is_none() && source.is_none() {
            missing.push(Column::Source);
        }
        if position(Column::Unit).is_none() && quantity_unit.is_none() {
            missing.push(Column::Unit);
        }
        let ignored_columns: Vec<String> = headers
            .iter()
            .zip(&mapping)
            .filter(|(h, c)| c.is_none() && !h.trim().is_empty() && extra_key(h).is_none())
            .map(|(h, _)| h.trim().to_string())
            .collect();
        let unused_numeric: Vec<String> = headers
            .iter()
            .enumerate()
            .filter(|(i, h)| {
                mapping.get(*i).copied().flatten().is_none()
                    && extra_key(h).is_none()
                    && numeric_share(&data, *i) >= 50
            })
            .map(|(_, h)| h.trim().to_string())
            .collect();
        // The cells that decide the file's number format: every cell of the numeric columns.
        let numeric: Vec<usize> = [Column::Quantity, Column::Density, Column::Factor]
            .into_iter()
            .filter_map(position)
            .chain(
                headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| {
                        extra_key(h).is_some_and(|(k, sub)| {
                            k != "factor" || sub != Some("unit") && sub != Some("source")
                        })
                    })
                    .map(|(i, _)| i),
            )
            .collect();
        let period_columns: Vec<usize> = [Column::Period, Column::PeriodFrom, Column::PeriodTo]
            .into_iter()
            .filter_map(position)
            .collect();
        let sample = data.first().map(|(_, c)| c.clone()).unwrap_or_default();
        Ok((
            Head {
                delimiter,
                header_line,
                title,
                headers,
                sample,
                mapping,
                proposed,
                missing,
                ignored_columns,
                unused_numeric,
                notices,
                source,
                quantity_unit,
                factor_unit,
                numeric,
                period_columns,
            },
            at,
        ))
    }

    /// A ledger with no rows yet: what the head and the survey of every cell decided.
    fn ledger(&self, survey: &Survey, options: &Options) -> Ledger {
        let numbers = survey.numbers.decide(self.delimiter, options.numbers);
        let found_order = survey.dates.decide();
        let mut notices = self.notices.clone();
        if numbers.format.is_none() {
            notices.push(t!(
                "Some numbers read two ways (1.310 is 1.31 or 1,310): choose the file's number format."
            ));
        }
        Ledger {
            rows: Vec::new(),
            lines: Vec::new(),
            readings: Vec::new(),
            problems: Vec::new(),
            refused: Vec::new(),
            totals: Vec::new(),
            read: 0,
            delimiter: self.delimiter,
            header_line: self.header_line,
            title: self.title.clone(),
            headers: self.headers.clone(),
            sample: self.sample.clone(),
            mapping: self.mapping.clone(),
            proposed: self.proposed.clone(),
            missing: self.missing.clone(),
            ignored_columns: self.ignored_columns.clone(),
            unused_numeric: self.unused_numeric.clone(),
            numbers,
            dates: options.dates.or(found_order).unwrap_or(DateOrder::DayMonth),
            dates_decided: options.dates.is_some() || found_order.is_some(),
            notices,
            summed: None,
        }
    }
}

/// What the cells of a file say about how it writes numbers and dates: every numeric cell and
/// every date is counted before any row is read, so a deciding cell on the last line decides
/// the first line too.
#[derive(Debug, Clone, Default)]
struct Survey {
    numbers: numbers::Tally,
    dates: periods::OrderTally,
}

impl Survey {
    fn add(&mut self, head: &Head, cells: &[String]) {
        for c in head.numeric.iter().filter_map(|i| cells.get(*i)) {
            let c = c.trim();
            if !c.starts_with('=') {
                self.numbers.add(c);
            }
        }
        for c in head.period_columns.iter().filter_map(|i| cells.get(*i)) {
            self.dates.add(c);
        }
    }
}

/// Reading rows one after another, with what carries from one to the next: the running sums
/// that tell an unlabelled total row, and the count against the row limit.
struct Rows {
    context: Context,
    /// Rows above a total, per source and unit, to tell an unlabelled total by its sum.
    run: Vec<(Source, QuantityUnit, Decimal, usize)>,
    limit: Option<usize>,
    stopped: bool,
}

impl Rows {
    fn new(head: &Head, ledger: &Ledger, options: &Options, limit: Option<usize>) -> Rows {
        let grid = match options.grid.as_deref().map(names::grid) {
            Some(Ok(Some((id, _)))) => Some(id),
            _ => None,
        };
        Rows {
            context: Context {
                headers: head.headers.clone(),
                mapping: head.mapping.clone(),
                format: ledger.numbers.format,
                dates: ledger.dates,
                reporting: options
                    .reporting_period
                    .as_deref()
                    .and_then(periods::reporting_months),
                reporting_text: options.reporting_period.clone().unwrap_or_default(),
                source: head.source,
                grid,
                quantity_unit: head.quantity_unit.clone(),
                factor_unit: head.factor_unit.clone(),
            },
            run: Vec::new(),
            limit,
            stopped: false,
        }
    }

    /// Reads one data line into `ledger`; false once the row limit is reached (the line is
    /// then a problem saying so, and no later line is read).
    fn take(&mut self, ledger: &mut Ledger, line: usize, cells: &[String]) -> bool {
        if self.stopped {
            return false;
        }
        let context = &self.context;
        let position = |c: Column| context.mapping.iter().position(|x| *x == Some(c));
        let cell_of =
            |cells: &[String], i: usize| cells.get(i).map_or("", |s| s.trim()).to_string();
        ledger.read += 1;
        if self.limit.is_some_and(|limit| ledger.read > limit) {
            ledger.problems.push(Problem {
                line,
                column: None,
                value: None,
                message: t!(
                    "more than {0} rows: the rest of the file was not read; split it by year or by site",
                    MAX_ROWS.to_string()
                ),
            });
            ledger.read -= 1;
            self.stopped = true;
            return false;
        }
        if !ledger.missing.is_empty() {
            return true;
        }
        if let Some((i, word)) = total_label(cells, &context.mapping) {
            ledger.totals.push(Problem {
                line,
                column: context.headers.get(i).map(|h| h.trim().to_string()),
                value: Some(cell_of(cells, i)),
                message: t!(
                    "a total row (“{0}”): left out, so that its rows are not counted twice",
                    word
                ),
            });
            self.run.clear();
            return true;
        }
        match context.row(line, cells) {
            Ok(parts) => {
                // An unlabelled row equal to the sum of the rows above it is a total too.
                if let [(row, _)] = parts.as_slice() {
                    if let Some(n) = sum_of_rows_above(row, &self.run, context, cells) {
                        ledger.totals.push(Problem {
                            line,
                            column: position(Column::Quantity)
                                .and_then(|i| context.headers.get(i))
                                .map(|h| h.trim().to_string()),
                            value: position(Column::Quantity).map(|i| cell_of(cells, i)),
                            message: t!(
                                "equals the sum of the {0} rows above it, and names no site or month: read as a total and left out",
                                n.to_string()
                            ),
                        });
                        self.run.clear();
                        return true;
                    }
                }
                for (row, readings) in parts {
                    remember(&mut self.run, &row);
                    ledger.rows.push(row);
                    ledger.lines.push(line);
                    ledger.readings.push(readings);
                }
            }
            Err(mut p) => ledger.problems.append(&mut p),
        }
        true
    }
}

/// Text of the file that shows its rows are electricity: a power company in the title or in
/// the rows' grid column, or an electricity word in a header.
fn electricity_evidence(
    title: &[String],
    headers: &[String],
    mapping: &[Option<Column>],
    data: &[&(usize, Vec<String>)],
) -> Option<String> {
    const WORDS: [&str; 12] = [
        "electricity",
        "電力",
        "电力",
        "用電",
        "用电",
        "耗電",
        "耗电",
        "電費",
        "电费",
        "clp",
        "hk electric",
        "kwh",
    ];
    let says = |text: &str| {
        let lower = text.to_ascii_lowercase();
        WORDS.iter().any(|w| lower.contains(w))
            || ["中電", "中电", "港燈", "港灯"]
                .iter()
                .any(|w| text.contains(w))
    };
    if let Some(t) = title.iter().find(|t| says(t)) {
        return Some(t.clone());
    }
    if let Some(h) = headers.iter().find(|h| says(h)) {
        return Some(h.trim().to_string());
    }
    let grid = mapping.iter().position(|c| *c == Some(Column::Grid))?;
    data.iter()
        .filter_map(|(_, cells)| cells.get(grid))
        .find(|c| matches!(names::grid(c), Ok(Some((id, _))) if id == "clp" || id == "hk-electric"))
        .map(|c| c.trim().to_string())
}

/// The share (per cent) of a column's non-blank cells that are numbers.
fn numeric_share(data: &[&(usize, Vec<String>)], i: usize) -> usize {
    let (mut n, mut numeric) = (0usize, 0usize);
    for (_, cells) in data.iter().take(200) {
        let c = cells.get(i).map_or("", |s| s.trim());
        if c.is_empty() {
            continue;
        }
        n += 1;
        let bare = c
            .trim_start_matches(['$', '¥', '￥'])
            .trim_start_matches("HK$");
        if numbers::parse(bare, Some(NumberFormat::Point)).is_ok()
            || numbers::parse(bare, Some(NumberFormat::Comma)).is_ok()
        {
            numeric += 1;
        }
    }
    (numeric * 100).checked_div(n).unwrap_or(0)
}

/// The meaning of each column as the import proposes it, and what it should say about the
/// proposal (two columns that could be the quantity).
fn propose(headers: &[String], data: &[&(usize, Vec<String>)]) -> (Vec<Option<Column>>, Vec<Text>) {
    let mut notices = Vec::new();
    let mut out: Vec<Option<Column>> = headers
        .iter()
        .map(|h| {
            Column::find(h)
                .filter(|c| !(*c == Column::Quantity && is_money(h)) && extra_key(h).is_none())
        })
        .collect();
    // Headers that are a unit (`kWh`, `Litres`) or name one in brackets are quantities.
    for (i, h) in headers.iter().enumerate() {
        if let Some(slot) = out.get_mut(i) {
            if slot.is_none()
                && !is_money(h)
                && header_unit(h).is_some()
                && numeric_share(data, i) >= 50
            {
                *slot = Some(Column::Quantity);
            }
        }
    }
    // One column per meaning: for the quantity, the strongest header wins (a unit in brackets
    // or "consumption" over "amount" or "value"), and the choice is said.
    let weak = |h: &str| matches!(names::key(h).as_str(), "amount" | "value");
    let quantities: Vec<usize> = (0..headers.len())
        .filter(|i| out.get(*i) == Some(&Some(Column::Quantity)))
        .collect();
    if quantities.len() > 1 {
        let best = quantities
            .iter()
            .copied()
            .max_by_key(|i| {
                let h = headers.get(*i).map_or("", String::as_str);
                (header_unit(h).is_some(), !weak(h), std::cmp::Reverse(*i))
            })
            .unwrap_or(0);
        let others: Vec<String> = quantities
            .iter()
            .filter(|i| **i != best)
            .filter_map(|i| headers.get(*i).map(|h| h.trim().to_string()))
            .collect();
        notices.push(t!(
            "Several columns could be the quantity; “{0}” is used, not {1}: change it in the mapping if that is wrong.",
            headers.get(best).map_or("", |h| h.trim()),
            others.join(", ")
        ));
        for i in quantities.into_iter().filter(|i| *i != best) {
            if let Some(slot) = out.get_mut(i) {
                *slot = None;
            }
        }
    }
    let mut seen = Vec::new();
    for slot in out.iter_mut() {
        if let Some(c) = *slot {
            if seen.contains(&c) {
                *slot = None;
            } else {
                seen.push(c);
            }
        }
    }
    (out, notices)
}

/// The column and word that label a row as a total or subtotal (合計, 小計, Total, Sub-total),
/// looked for in every text cell but notes and numbers.
fn total_label(cells: &[String], mapping: &[Option<Column>]) -> Option<(usize, String)> {
    const CJK: [&str; 12] = [
        "合計", "合计", "總計", "总计", "小計", "小计", "總數", "总数", "共計", "共计", "總和",
        "总和",
    ];
    cells.iter().enumerate().find_map(|(i, c)| {
        let meaning = mapping.get(i).copied().flatten();
        if matches!(
            meaning,
            Some(
                Column::Note
                    | Column::Quantity
                    | Column::Density
                    | Column::Factor
                    | Column::FactorSource
            )
        ) {
            return None;
        }
        let text = c.trim();
        // Read for every cell of every row: no allocation.
        let english = text.split(|ch: char| !ch.is_ascii_alphanumeric()).any(|w| {
            ["total", "totals", "subtotal", "subtotals", "sum"]
                .iter()
                .any(|t| w.eq_ignore_ascii_case(t))
        });
        let cjk = !text.is_ascii() && CJK.iter().any(|w| text.contains(w));
        (english || cjk).then(|| (i, text.to_string()))
    })
}

/// A row's source, unit and quantity, as the reader wrote them.
fn quantity_of(row: &Value) -> Option<(Source, QuantityUnit, Decimal)> {
    let text = |key: &str| row.get(key).and_then(Value::as_str);
    Some((
        Source::from_id(text("source")?)?,
        QuantityUnit::from_id(text("unit")?)?,
        number::parse(text("quantity")?).ok()??,
    ))
}

fn remember(run: &mut Vec<(Source, QuantityUnit, Decimal, usize)>, row: &Value) {
    let Some((s, u, q)) = quantity_of(row) else {
        return;
    };
    match run.iter_mut().find(|(rs, ru, ..)| *rs == s && *ru == u) {
        Some(entry) => {
            entry.2 = entry.2.cadd(q).unwrap_or(entry.2);
            entry.3 += 1;
        }
        None => run.push((s, u, q, 1)),
    }
}

/// How many rows above a row it is the sum of, if it is one and names no site or month.
fn sum_of_rows_above(
    row: &Value,
    run: &[(Source, QuantityUnit, Decimal, usize)],
    context: &Context,
    cells: &[String],
) -> Option<usize> {
    let blank = |c: Column| {
        context
            .mapping
            .iter()
            .position(|x| *x == Some(c))
            .is_none_or(|i| cells.get(i).is_none_or(|s| s.trim().is_empty()))
    };
    if !blank(Column::Site) && !blank(Column::Period) {
        return None;
    }
    let (s, u, q) = quantity_of(row)?;
    run.iter()
        .find(|(rs, ru, sum, n)| *rs == s && *ru == u && *n >= 2 && *sum == q && !q.is_zero())
        .map(|(.., n)| *n)
}

/// What every row is read with.
struct Context {
    headers: Vec<String>,
    mapping: Vec<Option<Column>>,
    format: Option<NumberFormat>,
    dates: DateOrder,
    reporting: Option<(periods::Month, periods::Month)>,
    reporting_text: String,
    source: Option<Source>,
    grid: Option<String>,
    quantity_unit: Option<String>,
    factor_unit: Option<String>,
}

impl Context {
    /// One data line as one or more energy rows (a bill over two months gives two), each with
    /// its readings, or the line's problems.
    fn row(&self, line: usize, cells: &[String]) -> Result<Vec<(Value, Vec<Text>)>, Vec<Problem>> {
        let problems = std::cell::RefCell::new(Vec::new());
        let mut readings = Vec::new();
        let mut out = Map::new();
        let cell = |c: Column| -> Option<(String, String)> {
            self.mapping.iter().position(|x| *x == Some(c)).map(|i| {
                (
                    self.headers.get(i).map_or("", |h| h.trim()).to_string(),
                    cells.get(i).map_or("", |s| s.trim()).to_string(),
                )
            })
        };
        let value_of = |c: Column| -> String {
            let v = cell(c).map(|(_, v)| v).unwrap_or_default();
            // A cell an export defused (`'=…`) reads back as written.
            match v.strip_prefix('\'') {
                Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
                _ => v,
            }
        };
        let problem = |c: Column, value: &str, message: Text| {
            problems.borrow_mut().push(Problem {
                line,
                column: cell(c).map(|(h, _)| h),
                value: Some(value.to_string()),
                message,
            })
        };
        // Formulas: the value Excel showed is not in the file.
        for c in MEANINGS {
            if let Some((_, raw)) = cell(c) {
                if raw.starts_with('=') && c != Column::Note {
                    problem(c, &raw, t!("a spreadsheet formula, not its value: in Excel copy the cells and paste them as values, then export again"));
                }
            }
        }
        if !problems.borrow().is_empty() {
            return Err(problems.into_inner());
        }

        let site = value_of(Column::Site);
        out.insert("site".into(), json!(site));

        // Source.
        let source_text = value_of(Column::Source);
        let source = if source_text.is_empty() {
            match self.source {
                Some(s) => Some(s),
                None => {
                    problem(Column::Source, "", t!("the source is empty; use electricity, natural gas, towngas, LPG, diesel, petrol, coal (or its kind), coke, fuel oil, kerosene, a biofuel, heat or cooling"));
                    None
                }
            }
        } else {
            match names::source(&source_text) {
                Some(s) => {
                    let k = names::key(&source_text);
                    if k != names::key(s.id()) && k != names::key(s.label()) {
                        readings.push(t!("“{0}” read as {1}", &source_text, s.noun()));
                    }
                    Some(s)
                }
                None => {
                    problem(Column::Source, &source_text, t!("unknown source “{0}”; use electricity, natural gas, towngas, LPG, diesel, petrol, coal (or its kind), coke, fuel oil, kerosene, a biofuel, heat or cooling (or 電力, 天然氣, 煤氣, 石油氣, 柴油, 汽油, 原煤, 焦炭, 燃料油, 煤油, 熱力, 區域供冷)", &source_text));
                    None
                }
            }
        };
        if let Some(s) = source {
            out.insert("source".into(), json!(s.id()));
        }

        // Unit, by source (度 is a kWh of electricity and a 48 MJ unit of towngas).
        let unit_text = value_of(Column::Unit);
        let (unit_written, unit_column) = if unit_text.is_empty() {
            match &self.quantity_unit {
                Some(u) => (u.clone(), Column::Quantity),
                None => (String::new(), Column::Unit),
            }
        } else {
            (unit_text, Column::Unit)
        };
        let unit = if unit_written.is_empty() {
            problem(
                Column::Unit,
                "",
                t!("choose a unit (kWh, MWh, GJ, m3, kg, L or unit)"),
            );
            None
        } else {
            match names::unit(&unit_written, source) {
                Ok(u) => {
                    if let Some(r) = &u.reading {
                        readings.push(r.clone());
                    } else if u.unit.id() != unit_written && unit_column == Column::Quantity {
                        readings.push(t!("unit {0}, from the column's header", u.unit.id()));
                    }
                    out.insert("unit".into(), json!(u.unit.id()));
                    Some(u)
                }
                Err(message) => {
                    problem(unit_column, &unit_written, message);
                    None
                }
            }
        };

        // Quantity, in the file's number format, scaled to the unit read.
        let q_text = value_of(Column::Quantity);
        let mut quantity = None;
        match numbers::parse(&q_text, self.format) {
            Ok(Some((v, _))) if v.is_sign_negative() && !v.is_zero() => problem(
                Column::Quantity,
                &q_text,
                number::NumberError::Negative(q_text.clone()).text(),
            ),
            Ok(Some((v, written))) => {
                let scale = unit.as_ref().map_or(Decimal::ONE, |u| u.scale);
                if scale == Decimal::ONE {
                    if written != q_text {
                        readings.push(t!("“{0}” read as {1}", &q_text, number::plain(v)));
                    }
                    out.insert("quantity".into(), json!(written));
                    quantity = Some(v);
                } else {
                    match v.cmul(scale) {
                        Some(scaled) => {
                            out.insert("quantity".into(), json!(scaled.normalize().to_string()));
                            quantity = Some(scaled);
                        }
                        None => problem(Column::Quantity, &q_text, super::text::overflow()),
                    }
                }
            }
            Ok(None) => problem(Column::Quantity, &q_text, t!("enter the quantity consumed")),
            Err(e) => problem(Column::Quantity, &q_text, e.text(&q_text)),
        }

        // Density.
        let d_text = value_of(Column::Density);
        if !d_text.is_empty() {
            match numbers::parse(&d_text, self.format) {
                Ok(Some((_, written))) => {
                    out.insert(Column::Density.id().into(), json!(written));
                }
                Ok(None) => {}
                Err(e) => problem(Column::Density, &d_text, e.text(&d_text)),
            }
        }

        // Grid, utility or place: it decides an electricity row's factor. On a fuel row (a
        // place, a supplier's name) it decides nothing, and is not kept.
        let g_text = value_of(Column::Grid);
        if source == Some(Source::Electricity) {
            match names::grid(&g_text) {
                Ok(Some((id, reading))) => {
                    readings.extend(reading);
                    out.insert("grid".into(), json!(id));
                }
                Ok(None) => {}
                Err(message) => problem(Column::Grid, &g_text, message),
            }
        }

        // Factor: a library id, or a value with or without its unit.
        let f_text = value_of(Column::Factor);
        if !f_text.is_empty() {
            if super::library::find(&f_text).is_some() {
                out.insert("factor".into(), json!(f_text));
            } else {
                match self.inline_factor(
                    &f_text,
                    source,
                    unit.as_ref().map(|u| u.unit),
                    &value_of(Column::FactorSource),
                    line,
                ) {
                    Ok((factor, reading)) => {
                        readings.extend(reading);
                        out.insert("factor".into(), factor);
                    }
                    Err(message) => problem(Column::Factor, &f_text, message),
                }
            }
        }
        if !out.contains_key("grid")
            && !out.contains_key("factor")
            && source == Some(Source::Electricity)
        {
            if let Some(g) = &self.grid {
                out.insert("grid".into(), json!(g));
                readings.push(t!("grid {0}, chosen for rows that name none", g));
            }
        }

        let note = value_of(Column::Note);
        if !note.is_empty() {
            out.insert("note".into(), json!(note));
        }
        // The other keys an energy row may have, as an export writes them: the row's own
        // calorific value, and an inline factor flattened as factor.value, factor.unit, ….
        for (i, header) in self.headers.iter().enumerate() {
            let (Some((key, sub)), None) =
                (extra_key(header), self.mapping.get(i).copied().flatten())
            else {
                continue;
            };
            let raw = cells.get(i).map_or("", |s| s.trim());
            if raw.is_empty() {
                continue;
            }
            let numeric = sub.is_none() || !matches!(sub, Some("unit" | "source"));
            let value = if numeric {
                match numbers::parse(raw, self.format) {
                    Ok(Some((_, written))) => written,
                    Ok(None) => continue,
                    Err(e) => {
                        problems.borrow_mut().push(Problem {
                            line,
                            column: Some(header.trim().to_string()),
                            value: Some(raw.to_string()),
                            message: e.text(raw),
                        });
                        continue;
                    }
                }
            } else {
                raw.to_string()
            };
            match sub {
                None => {
                    out.insert(key.into(), json!(value));
                }
                Some(sub) => {
                    let slot = out.entry(key).or_insert_with(|| json!({}));
                    if let Some(obj) = slot.as_object_mut() {
                        obj.insert(sub.into(), json!(value));
                    }
                }
            }
        }

        // When: a month, a year, or a billing period apportioned by days.
        let when = self.when(&cell, &problem);
        let problems = problems.into_inner();
        if !problems.is_empty() {
            return Err(problems);
        }
        let row = Value::Object(out);
        let Some(when) = when else {
            return Ok(vec![(row, readings)]);
        };
        let Some(quantity) = quantity else {
            return Ok(vec![(row, readings)]);
        };
        self.place(line, row, readings, when, quantity, &cell)
    }

    /// The row's period cell(s) as a [`When`]; `None` when the row has none.
    fn when(
        &self,
        cell: &dyn Fn(Column) -> Option<(String, String)>,
        problem: &dyn Fn(Column, &str, Text),
    ) -> Option<When> {
        let text = cell(Column::Period).map(|(_, v)| v).unwrap_or_default();
        let from = cell(Column::PeriodFrom).map(|(_, v)| v).unwrap_or_default();
        let to = cell(Column::PeriodTo).map(|(_, v)| v).unwrap_or_default();
        if !from.is_empty() || !to.is_empty() {
            let (a, b) = (
                periods::parse_day(&from, self.dates),
                periods::parse_day(&to, self.dates),
            );
            return match (a, b) {
                (Ok(a), Ok(b)) if b >= a => Some(When::Span(a, b)),
                (Ok(_), Ok(_)) => {
                    problem(
                        Column::PeriodTo,
                        &to,
                        t!("“{0}” ends before it starts", format!("{from} – {to}")),
                    );
                    None
                }
                (Err(e), _) => {
                    problem(Column::PeriodFrom, &from, e);
                    None
                }
                (_, Err(e)) => {
                    problem(Column::PeriodTo, &to, e);
                    None
                }
            };
        }
        if text.is_empty() {
            return None;
        }
        match periods::parse(&text, self.dates) {
            Ok(w) => Some(w),
            Err(e) => {
                problem(Column::Period, &text, e);
                None
            }
        }
    }

    /// Puts a row in its month(s): checks them against the reporting period, and apportions a
    /// span by days (the last month takes what rounding leaves, so the parts add up exactly).
    fn place(
        &self,
        line: usize,
        row: Value,
        readings: Vec<Text>,
        when: When,
        quantity: Decimal,
        cell: &dyn Fn(Column) -> Option<(String, String)>,
    ) -> Result<Vec<(Value, Vec<Text>)>, Vec<Problem>> {
        let period_column = [Column::Period, Column::PeriodFrom]
            .into_iter()
            .find_map(cell)
            .unwrap_or_default();
        let outside = |what: String| {
            Problem {
            line,
            column: Some(period_column.0.clone()),
            value: Some(period_column.1.clone()),
            message: t!(
                "{0} is outside the reporting period {1}: not imported (change the scenario's period if it should be)",
                what,
                &self.reporting_text
            ),
        }
        };
        let inside = |m: periods::Month| self.reporting.is_none_or(|(a, b)| a <= m && m <= b);
        let with_period = |mut row: Value, period: String| {
            if let Some(o) = row.as_object_mut() {
                o.insert("period".into(), json!(period));
            }
            row
        };
        match when {
            When::Year(y) => {
                if let Some((a, b)) = self.reporting {
                    if y != a.year && y != b.year {
                        return Err(vec![outside(y.to_string())]);
                    }
                }
                Ok(vec![(with_period(row, y.to_string()), readings)])
            }
            When::Month(m) => {
                if !inside(m) {
                    return Err(vec![outside(m.id())]);
                }
                let mut readings = readings;
                if period_column.1 != m.id() {
                    readings.push(t!("“{0}” read as {1}", &period_column.1, m.id()));
                }
                Ok(vec![(with_period(row, m.id()), readings)])
            }
            When::Span(from, to) => {
                let months = periods::months_of(from, to);
                let total_days: i64 = months.iter().map(|(_, d)| d).sum();
                let span = format!("{} – {}", from.text(), to.text());
                if let [(m, _)] = months.as_slice() {
                    if !inside(*m) {
                        return Err(vec![outside(m.id())]);
                    }
                    let mut readings = readings;
                    readings.push(t!("{0} read as {1}", &span, m.id()));
                    return Ok(vec![(with_period(row, m.id()), readings)]);
                }
                let kept: Vec<&(periods::Month, i64)> =
                    months.iter().filter(|(m, _)| inside(*m)).collect();
                if kept.is_empty() {
                    return Err(vec![outside(span)]);
                }
                let mut out = Vec::new();
                let mut given = Decimal::ZERO;
                let kept_days: i64 = kept.iter().map(|(_, d)| d).sum();
                // The part of the bill inside the reporting period, split by days.
                let inside_quantity = if kept_days == total_days {
                    quantity
                } else {
                    share(quantity, kept_days, total_days).ok_or_else(|| vec![overflow_at(line)])?
                };
                for (i, (m, days)) in kept.iter().enumerate() {
                    let part = if i + 1 == kept.len() {
                        inside_quantity
                            .csub(given)
                            .ok_or_else(|| vec![overflow_at(line)])?
                    } else {
                        share(quantity, *days, total_days).ok_or_else(|| vec![overflow_at(line)])?
                    };
                    given = given.cadd(part).ok_or_else(|| vec![overflow_at(line)])?;
                    let mut r = with_period(row.clone(), m.id());
                    let how = t!(
                        "{0} of {1} days of {2}: {3} of {4}",
                        days.to_string(),
                        total_days.to_string(),
                        &span,
                        number::plain(part),
                        number::plain(quantity)
                    );
                    if let Some(o) = r.as_object_mut() {
                        o.insert("quantity".into(), json!(part.normalize().to_string()));
                        let note = match o.get("note").and_then(Value::as_str) {
                            Some(n) => format!("{n}; {}", how.render(super::text::Lang::En)),
                            None => format!("apportioned: {}", how.render(super::text::Lang::En)),
                        };
                        o.insert("note".into(), json!(note));
                    }
                    let mut rd = readings.clone();
                    rd.push(t!("apportioned by days: {0}", how));
                    if kept_days != total_days && i == 0 {
                        rd.push(t!(
                            "{0} of {1} days fall outside the reporting period {2} and are left out",
                            (total_days - kept_days).to_string(),
                            total_days.to_string(),
                            &self.reporting_text
                        ));
                    }
                    out.push((r, rd));
                }
                Ok(out)
            }
        }
    }

    /// A factor written as a number, with its unit or without (then per the row's unit, said).
    fn inline_factor(
        &self,
        text: &str,
        source: Option<Source>,
        unit: Option<QuantityUnit>,
        factor_source: &str,
        line: usize,
    ) -> Result<(Value, Option<Text>), Text> {
        let t = text.trim();
        let split = t
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '+')))
            .unwrap_or(t.len());
        let (number_part, unit_part) = (
            t.get(..split).unwrap_or(t).trim(),
            t.get(split..).unwrap_or("").trim(),
        );
        let value = match numbers::parse(number_part, self.format) {
            Ok(Some((v, _))) => v,
            _ => {
                return Err(t!(
                    "“{0}” is not a factor in the built-in library, nor a value such as 0.39 kgCO2e/kWh",
                    t
                ))
            }
        };
        let (unit_id, reading) = if !unit_part.is_empty() {
            match super::units::FactorUnit::from_id(unit_part) {
                Some(u) => (u.id(), None),
                None => {
                    return Err(t!(
                        "unknown factor unit “{0}”; write e.g. 0.39 kgCO2e/kWh",
                        unit_part
                    ))
                }
            }
        } else if let Some(u) = self
            .factor_unit
            .as_deref()
            .and_then(super::units::FactorUnit::from_id)
        {
            (
                u.id(),
                Some(t!(
                    "factor {0} read as {1} (the column's header)",
                    t,
                    u.id()
                )),
            )
        } else {
            let per = match (source, unit) {
                (Some(Source::Electricity), _) => "kWh",
                (_, Some(QuantityUnit::L)) => "L",
                (_, Some(QuantityUnit::M3)) => "m3",
                (_, Some(QuantityUnit::Kg)) => "kg",
                (_, Some(QuantityUnit::TowngasUnit)) => "unit",
                _ => {
                    return Err(t!(
                        "“{0}” has no unit, and for this row it could be per kWh, MWh or GJ: write e.g. {0} kgCO2e/kWh",
                        t
                    ))
                }
            };
            let id = format!("kgCO2e/{per}");
            (id.clone(), Some(t!("factor {0} read as {1}", t, id)))
        };
        let src = if factor_source.trim().is_empty() {
            format!("as given in the imported file, line {line}")
        } else {
            factor_source.trim().to_string()
        };
        Ok((
            json!({ "value": value.normalize().to_string(), "unit": unit_id, "source": src }),
            reading,
        ))
    }
}

fn share(quantity: Decimal, days: i64, of: i64) -> Option<Decimal> {
    quantity
        .cmul(Decimal::from(days))?
        .cdiv(Decimal::from(of))
        .map(|d| d.round_dp_with_strategy(6, number::DISPLAY_ROUNDING))
}

fn overflow_at(line: usize) -> Problem {
    Problem {
        line,
        column: None,
        value: None,
        message: super::text::overflow(),
    }
}

/// What the scenario reader says about the rows (a grid that does not exist, a factor that
/// does not fit), and rows that would compute nothing (no factor), put back on their lines;
/// those rows are dropped.
fn check_with_the_reader(ledger: &mut Ledger, period: Option<&str>) {
    // The rows move into the document and back: not copied.
    let mut doc = json!({ "energy": std::mem::take(&mut ledger.rows) });
    if let (Some(p), Some(o)) = (period, doc.as_object_mut()) {
        o.insert("period".into(), json!(p));
    }
    let (scenario, errors) = scenario::read(&doc);
    ledger.rows = match doc.get_mut("energy").map(Value::take) {
        Some(Value::Array(rows)) => rows,
        _ => Vec::new(),
    };
    let column_of = |key: &str| {
        MEANINGS
            .into_iter()
            .find(|c| c.id() == key)
            .and_then(|c| ledger.mapping.iter().position(|x| *x == Some(c)))
            .and_then(|i| ledger.headers.get(i))
            .map(|h| h.trim().to_string())
    };
    let mut bad = vec![false; ledger.rows.len()];
    let mut found = Vec::new();
    for e in errors {
        let Some(rest) = e.path.strip_prefix("energy[") else {
            continue;
        };
        let Some((index, field)) = rest.split_once(']') else {
            continue;
        };
        let Ok(i) = index.parse::<usize>() else {
            continue;
        };
        let Some(line) = ledger.lines.get(i).copied() else {
            continue;
        };
        let key = field
            .trim_start_matches('.')
            .split('.')
            .next()
            .unwrap_or("");
        let value = ledger
            .rows
            .get(i)
            .and_then(|row| row.get(key))
            .and_then(Value::as_str)
            .map(str::to_string);
        found.push(Problem {
            line,
            column: column_of(key),
            value,
            message: e.message,
        });
        if let Some(b) = bad.get_mut(i) {
            *b = true;
        }
    }
    // A row the reader took but that has no factor computes energy and no emissions: Scope 2
    // would show "—" or leave it out without a word. Not "ready".
    if let Some(s) = scenario {
        for r in &s.current.energy {
            if matches!(r.factor, FactorChoice::None) && !bad.get(r.index).copied().unwrap_or(true)
            {
                if let (Some(line), Some(b)) = (ledger.lines.get(r.index), bad.get_mut(r.index)) {
                    *b = true;
                    found.push(Problem {
                        line: *line,
                        column: column_of("grid"),
                        value: Some(String::new()),
                        message: t!("no emission factor for this row: give its grid, utility or place (廣東, 深圳, CLP, HK Electric) or a factor, or choose a grid for every row that names none"),
                    });
                }
            }
        }
    }
    if found.is_empty() {
        return;
    }
    ledger.problems.append(&mut found);
    ledger.refused = bad
        .iter()
        .zip(ledger.lines.iter().zip(&ledger.rows))
        .filter(|(b, _)| **b)
        .map(|(_, (line, row))| (*line, row.clone()))
        .collect();
    let mut keep = bad.iter().map(|b| !b);
    ledger.rows.retain(|_| keep.next().unwrap_or(false));
    let mut keep = bad.iter().map(|b| !b);
    ledger.lines.retain(|_| keep.next().unwrap_or(false));
    let mut keep = bad.iter().map(|b| !b);
    ledger.readings.retain(|_| keep.next().unwrap_or(false));
    ledger.problems.sort_by_key(|p| p.line);
    ledger.problems.dedup();
}

/// What an import changed in a scenario, for the sentence that says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    /// Energy lines the scenario had and no longer has (replace), and lines added.
    pub replaced: usize,
    pub added: usize,
    /// Notes that were about the replaced lines, removed with them (they never move onto the
    /// imported lines, which take the same positions).
    pub notes_removed: usize,
    /// What the scenario keeps, as people name it.
    pub kept: Vec<Text>,
}

/// Puts imported rows into a scenario document: after its energy lines, or instead of them.
pub fn merge(doc: &mut Value, rows: &[Value], replace: bool) -> Merged {
    let Some(obj) = doc.as_object_mut() else {
        return Merged {
            replaced: 0,
            added: 0,
            notes_removed: 0,
            kept: Vec::new(),
        };
    };
    let before = obj
        .get("energy")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let mut notes_removed = 0;
    let mut energy: Vec<Value> = if replace {
        if let Some(notes) = obj.get_mut("notes").and_then(Value::as_object_mut) {
            let n = notes.len();
            notes.retain(|path, _| !path.starts_with("energy["));
            notes_removed = n - notes.len();
        }
        Vec::new()
    } else {
        obj.get("energy")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    energy.extend(rows.iter().cloned());
    obj.insert("energy".into(), Value::Array(energy));
    let present = |v: Option<&Value>| match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.trim().is_empty(),
        Some(Value::Object(o)) => !o.is_empty(),
        Some(Value::Array(a)) => !a.is_empty(),
        Some(_) => true,
    };
    let figure = |f: Figure| (f.get(obj), f.noun());
    let mut kept = Vec::new();
    for (value, name) in [
        figure(Figure::FloorArea),
        figure(Figure::Employees),
        (
            Figure::RevenueRmbMillion
                .get(obj)
                .or_else(|| Figure::RevenueMillion.get(obj)),
            Figure::RevenueRmbMillion.noun(),
        ),
        figure(Figure::Water),
        (obj.get("waste"), t!("waste")),
        figure(Figure::Packaging),
        (obj.get("published"), t!("the published figures")),
        (obj.get("instruments"), t!("contractual instruments")),
        (obj.get("prior"), t!("the prior year")),
        (obj.get("base_year"), t!("the base year")),
        (obj.get("notes"), t!("notes on other inputs")),
    ] {
        if present(value) {
            kept.push(name);
        }
    }
    Merged {
        replaced: if replace { before } else { 0 },
        added: rows.len(),
        notes_removed,
        kept,
    }
}

/// Energy-row keys beyond [`COLUMNS`] that a ledger carries as columns of their own.
const EXTRA_KEYS: [&str; 3] = ["ncv_kj_per_m3", "ncv_kj_per_kg", "ncv_kj_per_unit"];
/// The keys of an inline factor, as `factor.<key>` columns.
const FACTOR_KEYS: [&str; 6] = ["value", "unit", "source", "co2", "ch4", "n2o"];

/// A header naming one of those keys: (`key`, `None`) or (`factor`, `Some(sub-key)`).
fn extra_key(header: &str) -> Option<(&'static str, Option<&'static str>)> {
    let h = header.trim();
    if let Some(sub) = h.strip_prefix("factor.") {
        return FACTOR_KEYS
            .iter()
            .find(|k| **k == sub)
            .map(|k| ("factor", Some(*k)));
    }
    EXTRA_KEYS.iter().find(|k| **k == h).map(|k| (*k, None))
}

/// The delimiter most lines agree on: for each of comma, tab and semicolon, the count per line
/// (outside quotes) that most lines share; the one that most lines share wins.
fn delimiter_of(text: &str) -> char {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(50)
        .collect();
    let mut best = (',', 0usize, 0usize);
    for d in [',', '\t', ';'] {
        let mut counts: Vec<usize> = lines
            .iter()
            .map(|l| {
                let mut quoted = false;
                l.chars()
                    .filter(|c| {
                        if *c == '"' {
                            quoted = !quoted;
                        }
                        !quoted && *c == d
                    })
                    .count()
            })
            .filter(|n| *n > 0)
            .collect();
        counts.sort_unstable();
        let mut mode = (0usize, 0usize);
        let mut i = 0;
        while let Some(&n) = counts.get(i) {
            let run = counts.iter().skip(i).take_while(|m| **m == n).count();
            if run > mode.1 || (run == mode.1 && n > mode.0) {
                mode = (n, run);
            }
            i += run.max(1);
        }
        if mode.1 > best.2 || (mode.1 == best.2 && mode.0 > best.1) {
            best = (d, mode.0, mode.1);
        }
    }
    best.0
}

/// Splits text into records of cells (RFC 4180 quoting, `""` for a quote inside quotes, line
/// breaks inside quotes kept), each with the line it starts on.
fn split_records(text: &str, delimiter: char) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    split_some(text, 0, 1, delimiter, &mut out, usize::MAX);
    out
}

/// Splits records from byte `at` of `text` (where a record starts, on line `line`) into
/// `out`, until `max` records are out or the text ends; the byte and the line where the next
/// record starts (`text.len()` once the text has ended). A record's start is outside any
/// quoted cell, so splitting resumes there exactly as if it had not stopped.
fn split_some(
    text: &str,
    at: usize,
    mut line: usize,
    delimiter: char,
    out: &mut Vec<(usize, Vec<String>)>,
    max: usize,
) -> (usize, usize) {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut start = line;
    let mut taken = 0usize;
    let mut chars = text.get(at..).unwrap_or_default().char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek().map(|(_, c)| *c) == Some('"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (false, '"') if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            (_, '\n') if !quoted => {
                if cell.ends_with('\r') {
                    cell.pop();
                }
                cells.push(std::mem::take(&mut cell));
                out.push((start, std::mem::take(&mut cells)));
                line += 1;
                start = line;
                taken += 1;
                if taken >= max {
                    return (at + i + 1, line);
                }
            }
            (false, d) if d == delimiter => cells.push(std::mem::take(&mut cell)),
            (_, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        out.push((start, cells));
    }
    (text.len(), line)
}

/// The energy rows of a scenario as a ledger CSV that [`parse`] reads back to the same rows:
/// the fixed columns, then a column for each other key a row has (its own calorific value;
/// an inline factor as `factor.value`, `factor.unit`, `factor.source`, `factor.co2` …).
pub fn to_csv(rows: &[Value]) -> String {
    // The fixed columns, then those of the other keys any row has, in a fixed order.
    let has = |key: &str, sub: Option<&str>| {
        rows.iter().any(|r| match sub {
            None => r.get(key).is_some_and(|v| !v.is_null()),
            Some(s) => r.get(key).and_then(|f| f.get(s)).is_some(),
        })
    };
    let mut extra: Vec<(String, &str, Option<&str>)> = EXTRA_KEYS
        .iter()
        .filter(|k| has(k, None))
        .map(|k| (k.to_string(), *k, None))
        .collect();
    extra.extend(
        FACTOR_KEYS
            .iter()
            .filter(|k| has("factor", Some(k)))
            .map(|k| (format!("factor.{k}"), "factor", Some(*k))),
    );
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = COLUMNS
        .iter()
        .map(|c| c.id().to_string())
        .chain(extra.iter().map(|(h, ..)| h.clone()))
        .collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for r in rows {
        let cells: Vec<String> = COLUMNS
            .iter()
            .map(|c| match (c, r.get(c.id())) {
                // A factor given inline goes in the factor.* columns.
                (Column::Factor, Some(Value::Object(_))) => String::new(),
                (_, v) => quote(&text(v)),
            })
            .chain(extra.iter().map(|(_, key, sub)| {
                let v = match sub {
                    None => r.get(*key),
                    Some(s) => r
                        .get(*key)
                        .filter(|f| f.is_object())
                        .and_then(|f| f.get(*s)),
                };
                quote(&text(v))
            }))
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// A cell as CSV: quoted where needed, and defused where a spreadsheet would run it as a
/// formula (a leading apostrophe, which [`parse`] removes again).
fn quote(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@']) {
        format!("'{v}")
    } else {
        v.to_string()
    };
    let v = v.as_str();
    if v.contains([',', '"', '\n', '\r', ';', '\t']) || v.starts_with(' ') || v.ends_with(' ') {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}
