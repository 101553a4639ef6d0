//! What the page's import reader (a wasm module of its own) hands back arrives whole:
//! `result_from_json(result_to_json(read(text)))` is the reading itself — rows, lines,
//! readings, problems, totals, mapping, formats and every sentence in every language — for
//! every fixture and for refusals, and the user's choices arrive as chosen.

use esg_kpi_engine::ledger::{self, wire, Column, DateOrder, NumberFormat, Options, SumRows};
use esg_kpi_engine::text::Lang;
use esg_kpi_engine::units::Source;

mod common;
use common::fixtures;

#[test]
fn every_reading_of_every_fixture_arrives_whole() {
    let choices = [
        Options::default(),
        Options {
            reporting_period: Some("2025".into()),
            numbers: Some(NumberFormat::Comma),
            dates: Some(DateOrder::MonthDay),
            source: Some(Source::Electricity),
            grid: Some("深圳".into()),
            mapping: None,
            sum: Some(SumRows {
                from: "f.csv".into(),
                lang: Lang::ZhHant,
            }),
        },
    ];
    let mut compared = 0;
    for (name, text) in fixtures() {
        for options in &choices {
            let read = ledger::read(&text, options);
            let back = wire::result_from_json(&wire::result_to_json(&read));
            assert_eq!(back, read, "{name}");
            // And the sentences render the same in each language (templates found again).
            if let (Ok(a), Ok(b)) = (&read, &back) {
                for lang in [Lang::En, Lang::ZhHant, Lang::ZhHans] {
                    let said = |l: &ledger::Ledger| {
                        l.problems
                            .iter()
                            .chain(&l.totals)
                            .map(|p| p.message.render(lang))
                            .chain(l.notices.iter().map(|n| n.render(lang)))
                            .chain(l.readings.iter().flatten().map(|r| r.render(lang)))
                            .chain([l.numbers.why.render(lang)])
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(said(b), said(a), "{name} {lang:?}");
                }
            }
            compared += 1;
        }
    }
    assert!(compared >= 24);
    // Refusals arrive as refusals.
    for text in ["", "\0\0\0binary", "a,b\n1,2\n"] {
        let read = ledger::read(text, &Options::default());
        assert!(read.is_err());
        assert_eq!(wire::result_from_json(&wire::result_to_json(&read)), read);
    }
}

#[test]
fn the_users_choices_arrive_as_chosen_and_nonsense_is_said() {
    let options = Options {
        mapping: Some(vec![
            Some(Column::Site),
            None,
            Some(Column::Quantity),
            Some(Column::Unit),
        ]),
        numbers: Some(NumberFormat::Point),
        dates: Some(DateOrder::DayMonth),
        reporting_period: Some("2024/25".into()),
        source: Some(Source::Diesel),
        grid: Some("CLP".into()),
        sum: Some(SumRows {
            from: "賬單.csv".into(),
            lang: Lang::ZhHans,
        }),
    };
    assert_eq!(
        wire::options_from_json(&wire::options_to_json(&options)),
        options
    );
    assert_eq!(wire::options_from_json("not json"), Options::default());
    let broken = wire::result_from_json("{\"rows\": 3}").unwrap_err();
    assert_eq!(
        broken.message.render(Lang::En),
        "the import reader's answer could not be read"
    );
}
