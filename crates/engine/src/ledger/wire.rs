//! A ledger as JSON, to pass it between wasm modules: the page asks its import reader (a
//! module of its own, loaded on the first import, so that a first visit does not carry it) to
//! read a text with the user's [`Options`], and gets back the [`Ledger`] or the [`Problem`]
//! that refused it, whole — sentences as data ([`Text::to_wire`]), so that the page shows them
//! in any language. `from_json(to_json(x)) == x` for every reading (a native test holds it over
//! every fixture).

use super::{Column, DateOrder, Ledger, NumberFormat, Options, Problem, SumRows, Summed};
use crate::ledger::numbers::Detected;
use crate::ledger::sum::Repeats;
use crate::text::Lang;
use crate::text::Text;
use crate::units::Source;
use serde_json::{json, Map, Value};

fn column_id(c: Option<Column>) -> Value {
    c.map_or(Value::Null, |c| Value::String(c.id().into()))
}

fn column_of(v: &Value) -> Option<Column> {
    v.as_str().and_then(Column::from_id)
}

fn format_id(f: NumberFormat) -> &'static str {
    match f {
        NumberFormat::Point => "point",
        NumberFormat::Comma => "comma",
    }
}

fn format_of(v: &Value) -> Option<NumberFormat> {
    match v.as_str()? {
        "point" => Some(NumberFormat::Point),
        "comma" => Some(NumberFormat::Comma),
        _ => None,
    }
}

fn order_id(d: DateOrder) -> &'static str {
    match d {
        DateOrder::DayMonth => "day-month",
        DateOrder::MonthDay => "month-day",
    }
}

fn order_of(v: &Value) -> Option<DateOrder> {
    match v.as_str()? {
        "day-month" => Some(DateOrder::DayMonth),
        "month-day" => Some(DateOrder::MonthDay),
        _ => None,
    }
}

/// The user's choices as JSON.
pub fn options_to_json(o: &Options) -> String {
    json!({
        "mapping": o.mapping.as_ref().map(|m| m.iter().map(|c| column_id(*c)).collect::<Vec<_>>()),
        "numbers": o.numbers.map(format_id),
        "dates": o.dates.map(order_id),
        "reporting_period": o.reporting_period,
        "source": o.source.map(Source::id),
        "grid": o.grid,
        "sum": o.sum.as_ref().map(|s| json!({ "from": s.from, "lang": s.lang.tag() })),
    })
    .to_string()
}

/// The user's choices from JSON; what cannot be read is left to the import to propose.
pub fn options_from_json(text: &str) -> Options {
    let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
    let string = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    Options {
        mapping: v
            .get("mapping")
            .and_then(Value::as_array)
            .map(|m| m.iter().map(column_of).collect()),
        numbers: v.get("numbers").and_then(format_of),
        dates: v.get("dates").and_then(order_of),
        reporting_period: string("reporting_period"),
        source: v
            .get("source")
            .and_then(Value::as_str)
            .and_then(Source::from_id),
        grid: string("grid"),
        sum: v.get("sum").and_then(|s| {
            Some(SumRows {
                from: s.get("from")?.as_str()?.to_string(),
                lang: Lang::from_tag(s.get("lang")?.as_str()?)?,
            })
        }),
    }
}

fn problem_to(p: &Problem) -> Value {
    json!({ "line": p.line, "column": p.column, "value": p.value, "message": p.message.to_wire() })
}

fn problem_of(v: &Value) -> Option<Problem> {
    Some(Problem {
        line: usize::try_from(v.get("line")?.as_u64()?).ok()?,
        column: v.get("column").and_then(Value::as_str).map(str::to_string),
        value: v.get("value").and_then(Value::as_str).map(str::to_string),
        message: Text::from_wire(v.get("message")?)?,
    })
}

fn texts_to(t: &[Text]) -> Value {
    Value::Array(t.iter().map(Text::to_wire).collect())
}

fn texts_of(v: Option<&Value>) -> Option<Vec<Text>> {
    v?.as_array()?.iter().map(Text::from_wire).collect()
}

fn strings_of(v: Option<&Value>) -> Option<Vec<String>> {
    v?.as_array()?
        .iter()
        .map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn numbers_of(v: Option<&Value>) -> Option<Vec<usize>> {
    v?.as_array()?
        .iter()
        .map(|n| n.as_u64().and_then(|n| usize::try_from(n).ok()))
        .collect()
}

/// A reading as JSON: the ledger, or the problem that refused the text.
pub fn result_to_json(r: &Result<Ledger, Problem>) -> String {
    let l = match r {
        Err(p) => return json!({ "refusal": problem_to(p) }).to_string(),
        Ok(l) => l,
    };
    let mut o = Map::new();
    o.insert("rows".into(), Value::Array(l.rows.clone()));
    o.insert("lines".into(), json!(l.lines));
    o.insert(
        "readings".into(),
        Value::Array(l.readings.iter().map(|r| texts_to(r)).collect()),
    );
    o.insert(
        "problems".into(),
        Value::Array(l.problems.iter().map(problem_to).collect()),
    );
    o.insert(
        "refused".into(),
        Value::Array(
            l.refused
                .iter()
                .map(|(line, row)| json!([line, row]))
                .collect(),
        ),
    );
    o.insert(
        "totals".into(),
        Value::Array(l.totals.iter().map(problem_to).collect()),
    );
    o.insert("read".into(), json!(l.read));
    o.insert("delimiter".into(), json!(l.delimiter.to_string()));
    o.insert("header_line".into(), json!(l.header_line));
    o.insert("title".into(), json!(l.title));
    o.insert("headers".into(), json!(l.headers));
    o.insert("sample".into(), json!(l.sample));
    let columns = |m: &[Option<Column>]| Value::Array(m.iter().map(|c| column_id(*c)).collect());
    o.insert("mapping".into(), columns(&l.mapping));
    o.insert("proposed".into(), columns(&l.proposed));
    o.insert(
        "missing".into(),
        Value::Array(l.missing.iter().map(|c| column_id(Some(*c))).collect()),
    );
    o.insert("ignored_columns".into(), json!(l.ignored_columns));
    o.insert("unused_numeric".into(), json!(l.unused_numeric));
    o.insert(
        "numbers".into(),
        json!({
            "format": l.numbers.format.map(format_id),
            "why": l.numbers.why.to_wire(),
            "ambiguous": l.numbers.ambiguous,
            "chosen": l.numbers.chosen,
        }),
    );
    o.insert("dates".into(), json!(order_id(l.dates)));
    o.insert("dates_decided".into(), json!(l.dates_decided));
    o.insert("notices".into(), texts_to(&l.notices));
    if let Some(summed) = &l.summed {
        o.insert(
            "summed".into(),
            json!({
                "rows": summed.rows,
                "repeats": summed.repeats.first,
                "count": summed.repeats.count,
                "complete": summed.repeats.complete,
            }),
        );
    }
    Value::Object(o).to_string()
}

/// A reading from JSON; `Err` with the problem that refused the text, or with one saying the
/// reader's answer could not be read (which would be a defect, and is said rather than
/// hidden).
pub fn result_from_json(text: &str) -> Result<Ledger, Problem> {
    let unreadable = || Problem {
        line: 0,
        column: None,
        value: None,
        message: crate::t!("the import reader's answer could not be read"),
    };
    let v: Value = serde_json::from_str(text).map_err(|_| unreadable())?;
    if let Some(p) = v.get("refusal") {
        return Err(problem_of(p).ok_or_else(unreadable)?);
    }
    ledger_of(&v).ok_or_else(unreadable)
}

fn ledger_of(v: &Value) -> Option<Ledger> {
    let columns = |k: &str| -> Option<Vec<Option<Column>>> {
        Some(v.get(k)?.as_array()?.iter().map(column_of).collect())
    };
    let n = v.get("numbers")?;
    Some(Ledger {
        rows: v.get("rows")?.as_array()?.clone(),
        lines: numbers_of(v.get("lines"))?,
        readings: v
            .get("readings")?
            .as_array()?
            .iter()
            .map(|r| texts_of(Some(r)))
            .collect::<Option<Vec<_>>>()?,
        problems: v
            .get("problems")?
            .as_array()?
            .iter()
            .map(problem_of)
            .collect::<Option<Vec<_>>>()?,
        refused: v
            .get("refused")?
            .as_array()?
            .iter()
            .map(|pair| {
                let line = usize::try_from(pair.get(0)?.as_u64()?).ok()?;
                Some((line, pair.get(1)?.clone()))
            })
            .collect::<Option<Vec<_>>>()?,
        totals: v
            .get("totals")?
            .as_array()?
            .iter()
            .map(problem_of)
            .collect::<Option<Vec<_>>>()?,
        read: usize::try_from(v.get("read")?.as_u64()?).ok()?,
        delimiter: v.get("delimiter")?.as_str()?.chars().next()?,
        header_line: usize::try_from(v.get("header_line")?.as_u64()?).ok()?,
        title: strings_of(v.get("title"))?,
        headers: strings_of(v.get("headers"))?,
        sample: strings_of(v.get("sample"))?,
        mapping: columns("mapping")?,
        proposed: columns("proposed")?,
        missing: v
            .get("missing")?
            .as_array()?
            .iter()
            .map(column_of)
            .collect::<Option<Vec<_>>>()?,
        ignored_columns: strings_of(v.get("ignored_columns"))?,
        unused_numeric: strings_of(v.get("unused_numeric"))?,
        numbers: Detected {
            format: n.get("format").and_then(format_of),
            why: Text::from_wire(n.get("why")?)?,
            ambiguous: usize::try_from(n.get("ambiguous")?.as_u64()?).ok()?,
            chosen: n.get("chosen")?.as_bool()?,
        },
        dates: order_of(v.get("dates")?)?,
        dates_decided: v.get("dates_decided")?.as_bool()?,
        notices: texts_of(v.get("notices"))?,
        summed: match v.get("summed") {
            None => None,
            Some(s) => Some(Summed {
                rows: usize::try_from(s.get("rows")?.as_u64()?).ok()?,
                repeats: Repeats {
                    first: s
                        .get("repeats")?
                        .as_array()?
                        .iter()
                        .map(|pair| {
                            let n = |i: usize| {
                                pair.get(i)?.as_u64().and_then(|n| usize::try_from(n).ok())
                            };
                            Some((n(0)?, n(1)?))
                        })
                        .collect::<Option<Vec<_>>>()?,
                    count: usize::try_from(s.get("count")?.as_u64()?).ok()?,
                    complete: s.get("complete")?.as_bool()?,
                },
            }),
        },
    })
}
