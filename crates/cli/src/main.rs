//! `esg-kpi`: the calculator's command line (the contract's section 7), over the same engine,
//! reader and messages as the page.
//!
//! - `esg-kpi calculate FILE.json` prints a scenario's results, exactly what
//!   `EsgKpi.calculate` returns.
//! - `esg-kpi ledger FILE.csv [--scenario BASE.json]` reads an activity ledger as a stream and
//!   prints the results of BASE with the ledger's rows added, aggregated by site, month and
//!   source: memory is bounded by those, not by the number of rows, and there is no row limit.
//! - `esg-kpi check FILE.json` checks a published table (a report's printed figures, or a
//!   scenario with `published`): what its figures imply and where they disagree.
//!
//! `-` as FILE reads standard input. Exit status: 0 when there are no input errors, 1 when
//! there are (the results are still printed), 2 when the command is wrong or a file cannot be
//! read.

mod pieces;
mod says;

use esg_kpi_engine::ledger::{self, DateOrder, NumberFormat, Options, Problem};
use esg_kpi_engine::text::Lang;
use esg_kpi_engine::units::Source;
use esg_kpi_engine::{calculate_json, calculate_value};
use serde_json::{json, Value};
use std::io::{self, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
esg-kpi — Hong Kong ESG report environmental KPIs (HKEX A1, A2) from activity data, in exact decimals

usage:
  esg-kpi calculate FILE.json              a scenario's results (as EsgKpi.calculate returns them)
  esg-kpi ledger FILE.csv [options]        an activity ledger, streamed, added to a scenario
      --scenario BASE.json                 the scenario its rows are added to (default: an empty one)
      --numbers point|comma                how the file writes numbers (default: decided from its cells)
      --dates day-month|month-day          how the file writes dates (default: decided from its cells)
      --source ID                          the source of rows that name none (electricity, diesel, …)
      --grid NAME                          the grid, utility or place of electricity rows that name none
      --encoding utf-8|gb18030|big5        the file's encoding (default: UTF-8 if it is, else the better reading)
  esg-kpi check FILE.json                  a published table: what its figures imply, where they disagree
  --lang en|zh-Hant|zh-Hans                the language of messages on standard error (results JSON is English)

FILE `-` reads standard input. Exit status: 0 no input errors; 1 input errors (results still
printed); 2 the command is wrong or a file cannot be read.";

/// What stops a command before it has results: said on standard error, exit status 2.
struct Stop(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Stop(message)) => {
            let _ = writeln!(io::stderr(), "esg-kpi: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<u8, Stop> {
    let mut lang = Lang::En;
    let mut rest = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--lang" => {
                let v = it
                    .next()
                    .ok_or_else(|| Stop("--lang needs a language".into()))?;
                lang = match v.as_str() {
                    "en" => Lang::En,
                    "zh-Hant" | "zh-hant" | "zh-HK" | "zh-TW" => Lang::ZhHant,
                    "zh-Hans" | "zh-hans" | "zh-CN" => Lang::ZhHans,
                    other => {
                        return Err(Stop(format!(
                            "unknown language “{other}”: en, zh-Hant or zh-Hans"
                        )))
                    }
                };
            }
            _ => rest.push(a.clone()),
        }
    }
    match rest.first().map(String::as_str) {
        Some("calculate") => calculate(&rest[1..]),
        Some("ledger") => ledger_command(&rest[1..], lang),
        Some("check") => check(&rest[1..], lang),
        Some("--version" | "-V") => {
            println!("esg-kpi {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(0)
        }
        Some(other) => Err(Stop(format!("unknown command “{other}”\n\n{USAGE}"))),
        None => Err(Stop(format!("no command\n\n{USAGE}"))),
    }
}

/// One FILE argument and nothing else.
fn one_file<'a>(args: &'a [String], command: &str) -> Result<&'a str, Stop> {
    match args {
        [file] => Ok(file),
        [] => Err(Stop(format!(
            "{command} needs a FILE (or - for standard input)"
        ))),
        [_, extra, ..] => Err(Stop(format!("{command}: unexpected “{extra}”"))),
    }
}

/// A whole text file (`-`: standard input), as UTF-8.
fn read_text(path: &str) -> Result<String, Stop> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    result.map_err(|e| Stop(format!("{path}: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        Stop(format!(
            "{path}: not UTF-8 text (byte {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn print_json(text: &str) -> Result<(), Stop> {
    let mut out = io::stdout().lock();
    writeln!(out, "{text}")
        .and_then(|()| out.flush())
        .map_err(|e| Stop(format!("cannot write the results: {e}")))
}

fn calculate(args: &[String]) -> Result<u8, Stop> {
    let text = read_text(one_file(args, "calculate")?)?;
    let results = calculate_json(&text);
    print_json(&results.to_json())?;
    Ok(u8::from(!results.errors.is_empty()))
}

fn check(args: &[String], lang: Lang) -> Result<u8, Stop> {
    let path = one_file(args, "check")?;
    let text = read_text(path)?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| Stop(format!("{path}: not JSON: {e}")))?;
    // A scenario (it has a schema or `published`) as it is; a bare table of KPI id → figure
    // as a scenario's `published`.
    let scenario = match &value {
        Value::Object(o) if o.contains_key("published") || o.contains_key("schema") => value,
        Value::Object(_) => json!({ "schema": "esg-kpi-scenario/1", "published": value }),
        _ => {
            return Err(Stop(format!(
                "{path}: a published table is a JSON object of KPI id → figure"
            )))
        }
    };
    let results = calculate_value(&scenario);
    let mut warnings = 0usize;
    let mut err = io::stderr().lock();
    if let Some(pc) = &results.published_check {
        for c in &pc.checks {
            warnings += 1;
            let _ = writeln!(err, "{}: {}", c.level, c.message.render(lang));
        }
    }
    for e in &results.errors {
        let _ = writeln!(err, "{}: {}", e.path, e.message.render(lang));
    }
    let out = json!({
        "schema": results.schema,
        "published_check": results.published_check,
        "errors": results.errors,
    });
    print_json(&out.to_string())?;
    Ok(u8::from(warnings > 0 || !results.errors.is_empty()))
}

fn ledger_command(args: &[String], lang: Lang) -> Result<u8, Stop> {
    let mut file = None;
    let mut base_path = None;
    let mut options = Options::default();
    let mut encoding = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Stop(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--scenario" => base_path = Some(value("--scenario")?),
            "--numbers" => {
                options.numbers = Some(match value("--numbers")?.as_str() {
                    "point" => NumberFormat::Point,
                    "comma" => NumberFormat::Comma,
                    other => {
                        return Err(Stop(format!(
                            "--numbers “{other}”: point (1,234.5) or comma (1.234,5)"
                        )))
                    }
                })
            }
            "--dates" => {
                options.dates = Some(match value("--dates")?.as_str() {
                    "day-month" | "dmy" => DateOrder::DayMonth,
                    "month-day" | "mdy" => DateOrder::MonthDay,
                    other => {
                        return Err(Stop(format!("--dates “{other}”: day-month or month-day")))
                    }
                })
            }
            "--source" => {
                let v = value("--source")?;
                options.source = Some(Source::from_id(&v).ok_or_else(|| {
                    Stop(format!("--source “{v}”: not a source the calculator knows"))
                })?);
            }
            "--grid" => options.grid = Some(value("--grid")?),
            "--encoding" => {
                let v = value("--encoding")?;
                encoding =
                    Some(pieces::Encoding::from_name(&v).ok_or_else(|| {
                        Stop(format!("--encoding “{v}”: utf-8, gb18030 or big5"))
                    })?);
            }
            f if file.is_none() && (f == "-" || !f.starts_with("--")) => file = Some(f.to_string()),
            other => return Err(Stop(format!("ledger: unexpected “{other}”"))),
        }
    }
    let file =
        file.ok_or_else(|| Stop("ledger needs a FILE.csv (or - for standard input)".into()))?;
    let mut doc: Value = match &base_path {
        Some(p) => {
            serde_json::from_str(&read_text(p)?).map_err(|e| Stop(format!("{p}: not JSON: {e}")))?
        }
        None => json!({ "schema": "esg-kpi-scenario/1" }),
    };
    if options.reporting_period.is_none() {
        options.reporting_period = match doc.get("period") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
    }

    let mut input = pieces::Input::open(&file).map_err(Stop)?;
    // How messages name the file.
    let file = if file == "-" {
        "standard input".to_string()
    } else {
        file
    };
    // The encoding, as the page decides it: UTF-8 when the bytes are UTF-8; otherwise the one
    // of GB18030 and Big5 whose reading of the first piece finds a ledger with fewer problems.
    let bytes = input.first_bytes().map_err(Stop)?;
    if bytes.is_empty() {
        return Err(Stop(format!("{file}: the file is empty")));
    }
    let candidates = match encoding {
        Some(e) => vec![(
            e,
            e.decode(&bytes)
                .map_err(|at| Stop(format!("{file}: not {} text (byte {at})", e.name())))?,
        )],
        None => pieces::Encoding::candidates(&bytes),
    };
    let Some((chosen, first)) = candidates.into_iter().min_by_key(|(_, text)| {
        let unknown = text.chars().filter(|c| *c == '\u{fffd}').count();
        match ledger::read(text, &options) {
            Ok(l) => (0, l.lines_with_problems(), unknown),
            Err(_) => (1, 0, unknown),
        }
    }) else {
        let at = pieces::Encoding::Utf8.decode(&bytes).err().unwrap_or(0);
        let line = 1 + bytes.iter().take(at).filter(|b| **b == b'\n').count();
        return Err(Stop(format!(
            "{file}:{line}: not UTF-8 text from here, and the file is not GB18030 or Big5 either: save it as CSV UTF-8, or give --encoding"
        )));
    };
    input.encoding = chosen;
    if chosen != pieces::Encoding::Utf8 {
        let _ = writeln!(io::stderr(), "{file}: read as {}", chosen.name());
    }
    let mut stream = ledger::Stream::begin(&first, &options)
        .map_err(|p| Stop(format!("{file}: {}", p.message.render(lang))))?;
    // First pass: every numeric cell and date decides the formats.
    input
        .each_piece(|piece| stream.survey(&piece.text, piece.first_line))
        .map_err(Stop)?;
    let decided = stream.decided().clone();
    let mut err = io::stderr().lock();
    for n in &decided.notices {
        let _ = writeln!(err, "{file}: {}", n.render(lang));
    }
    if !decided.missing.is_empty() {
        let names: Vec<String> = decided
            .missing
            .iter()
            .map(|c| c.label().render(lang))
            .collect();
        return Err(Stop(format!(
            "{file}: no column for {} (headers: {})",
            names.join(", "),
            decided.headers.join(", ")
        )));
    }
    if decided.numbers.format.is_none() {
        return Err(Stop(format!(
            "{file}: {} — give --numbers point or --numbers comma",
            decided.numbers.why.render(lang)
        )));
    }

    // Second pass: rows, aggregated by everything but their quantity and note.
    let mut sums = ledger::sum::Sums::default();
    let mut report = Report::new(lang);
    input
        .each_piece(|piece| {
            let read = stream.rows(&piece.text, piece.first_line);
            for p in read.problems.iter() {
                report.problem(&file, p);
            }
            for p in read.totals.iter() {
                report.total(&file, p);
            }
            for (row, line) in read.rows.iter().zip(&read.lines) {
                if let Err(p) = sums.add(row, *line) {
                    report.problem(&file, &p);
                }
            }
        })
        .map_err(Stop)?;
    input.close();
    if stream.lines_read() == 0 {
        return Err(Stop(format!(
            "{file}: the file has its header line but no rows"
        )));
    }
    let repeats = sums.repeats();
    for (line, earlier) in &repeats.first {
        let said = ledger::sum::REPEATS.with(&[earlier.to_string()]);
        let _ = writeln!(io::stderr(), "{file}:{line}: {}", said.render(lang));
    }
    if repeats.count > repeats.first.len() {
        let more = says::MORE_REPEATS.with(&[(repeats.count - repeats.first.len()).to_string()]);
        let _ = writeln!(io::stderr(), "{file}: {}", more.render(lang));
    }
    if !repeats.complete {
        let not_all = says::REPEATS_NOT_ALL.with(&[ledger::sum::REPEATS_REMEMBERED.to_string()]);
        let _ = writeln!(io::stderr(), "{file}: {}", not_all.render(lang));
    }
    let rows_added = sums.rows_added();
    let rows = sums.into_rows(&file, lang);
    let merged = ledger::merge(&mut doc, &rows, false);
    report.summary(&file, stream.lines_read(), rows_added, merged.added);
    drop(err);

    let results = calculate_value(&doc);
    print_json(&results.to_json())?;
    Ok(u8::from(!results.errors.is_empty() || report.problems > 0))
}

/// What the ledger command says on standard error: each problem and each total row left out
/// (the first [`Report::SHOWN`] of each, then a count), and a summary.
struct Report {
    lang: Lang,
    problems: usize,
    /// Lines with a problem (a line may have several).
    problem_lines: usize,
    last_line: usize,
    totals: usize,
}

impl Report {
    const SHOWN: usize = 200;

    fn new(lang: Lang) -> Report {
        Report {
            lang,
            problems: 0,
            problem_lines: 0,
            last_line: 0,
            totals: 0,
        }
    }

    fn line(&self, file: &str, p: &Problem) -> String {
        let mut at = format!("{file}:{}", p.line);
        if let Some(c) = &p.column {
            at.push_str(&format!(" · {c}"));
        }
        if let Some(v) = p.value.as_deref().filter(|v| !v.is_empty()) {
            at.push_str(&format!(" “{v}”"));
        }
        format!("{at}: {}", p.message.render(self.lang))
    }

    fn problem(&mut self, file: &str, p: &Problem) {
        self.problems += 1;
        if p.line != self.last_line {
            self.problem_lines += 1;
            self.last_line = p.line;
        }
        if self.problems <= Self::SHOWN {
            let _ = writeln!(io::stderr(), "{}", self.line(file, p));
        }
    }

    fn total(&mut self, file: &str, p: &Problem) {
        self.totals += 1;
        if self.totals <= Self::SHOWN {
            let _ = writeln!(io::stderr(), "{}", self.line(file, p));
        }
    }

    fn summary(&self, file: &str, lines: usize, rows: usize, energy_lines: usize) {
        let said = |n: usize| n.saturating_sub(Self::SHOWN);
        let text = says::SUMMARY.with(&[
            lines.to_string(),
            rows.to_string(),
            energy_lines.to_string(),
            self.problem_lines.to_string(),
            self.totals.to_string(),
        ]);
        let mut err = io::stderr();
        let _ = writeln!(err, "{file}: {}", text.render(self.lang));
        if said(self.problems) + said(self.totals) > 0 {
            let more = says::ONLY_THE_FIRST.with(&[Self::SHOWN.to_string()]);
            let _ = writeln!(err, "{file}: {}", more.render(self.lang));
        }
    }
}
