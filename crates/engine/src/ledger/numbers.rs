//! How a file writes its numbers: `1,234.5` (a decimal point, as Hong Kong and the Mainland
//! write) or `1.234,5` (a decimal comma, as much of Europe does). One cell often cannot tell:
//! `1.310` is 1.31 with a decimal point and 1,310 with a decimal comma. So the convention is
//! decided from every numeric cell of the file together; the cells that contradict it are
//! problems, and when no cell decides it the import says what it assumed, or asks.

use crate::number::{self, NumberError};
use crate::t;
use crate::text::Text;
use rust_decimal::Decimal;

/// A file's way of writing numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberFormat {
    /// `1,234.5`: a decimal point, commas (or spaces) between thousands.
    Point,
    /// `1.234,5`: a decimal comma, dots (or spaces) between thousands.
    Comma,
}

impl NumberFormat {
    /// How the format looks, for people.
    pub fn example(self) -> &'static str {
        match self {
            NumberFormat::Point => "1,234.5",
            NumberFormat::Comma => "1.234,5",
        }
    }
}

/// What one cell says about the file's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Read the same either way (`1500`, `1 500`), or not a number at all.
    Neutral,
    /// Only a decimal point reads it (`1,234.5`, `0.39`, `1,234,567`).
    Point,
    /// Only a decimal comma reads it (`1.234,5`, `12,5`, `1.234.567`).
    Comma,
    /// One separator followed by three digits (`1.310`, `1,310`): either reading works, and
    /// they differ by a factor of 1,000.
    Ambiguous,
}

/// Full-width digits and marks (what a Chinese IME types) as ASCII.
fn ascii(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0'.saturating_add((c as u32 - '０' as u32) as u8)),
            '．' => '.',
            '，' => ',',
            _ => c,
        })
        .collect()
}

/// What `text` says about the format.
pub fn evidence(text: &str) -> Evidence {
    let s = ascii(text);
    let s = s.trim_start_matches(['-', '+']);
    if s.is_empty()
        || s.contains(['e', 'E'])
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' '))
    {
        return Evidence::Neutral;
    }
    let (dots, commas) = (s.matches('.').count(), s.matches(',').count());
    let after = |sep: char| s.rsplit(sep).next().map_or(0, str::len);
    let lead = |sep: char| s.split(sep).next().unwrap_or("").replace(' ', "");
    // One separator with three digits after it (and one to three, not "0", before) reads
    // either way; otherwise only as a decimal mark.
    let one = |sep: char, decimal: Evidence| {
        let l = lead(sep);
        if after(sep) == 3 && !l.is_empty() && l != "0" && l.len() <= 3 {
            Evidence::Ambiguous
        } else {
            decimal
        }
    };
    match (dots, commas) {
        (0, 0) => Evidence::Neutral,
        (d, c) if d > 0 && c > 0 => {
            if s.rfind('.') > s.rfind(',') {
                Evidence::Point
            } else {
                Evidence::Comma
            }
        }
        (1, 0) => one('.', Evidence::Point),
        (0, 1) => one(',', Evidence::Comma),
        // Several of one separator can only be thousands: 1.234.567 or 1,234,567.
        (_, 0) => Evidence::Comma,
        _ => Evidence::Point,
    }
}

/// The file's format as the import decided it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    /// `None` when no cell decides it and the import asks (a semicolon file with `1.310`).
    pub format: Option<NumberFormat>,
    /// Why: a cell that decides it, the user's choice, or the assumption made.
    pub why: Text,
    /// Cells that read two ways (`1.310`).
    pub ambiguous: usize,
    /// Whether the user chose it.
    pub chosen: bool,
}

/// What the numeric cells of a file say about its number format, counted cell by cell (a file
/// read in pieces adds each piece's cells); [`Tally::decide`] then decides.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    point: Option<String>,
    comma: Option<String>,
    points: usize,
    commas: usize,
    ambiguous: usize,
}

impl Tally {
    pub fn add(&mut self, cell: &str) {
        match evidence(cell) {
            Evidence::Point => {
                self.points += 1;
                if self.point.is_none() {
                    self.point = Some(cell.to_string());
                }
            }
            Evidence::Comma => {
                self.commas += 1;
                if self.comma.is_none() {
                    self.comma = Some(cell.to_string());
                }
            }
            Evidence::Ambiguous => self.ambiguous += 1,
            Evidence::Neutral => {}
        }
    }

    /// The format the cells decide, or the user's `choice`.
    pub fn decide(&self, delimiter: char, choice: Option<NumberFormat>) -> Detected {
        let ambiguous = self.ambiguous;
        if let Some(format) = choice {
            return Detected {
                format: Some(format),
                why: t!("chosen by you"),
                ambiguous,
                chosen: true,
            };
        }
        let decided = |format: NumberFormat, cell: &str| Detected {
            format: Some(format),
            why: t!("“{0}” can only be read this way", cell.trim()),
            ambiguous,
            chosen: false,
        };
        match (&self.point, &self.comma) {
            (Some(p), Some(c)) => {
                // Both kinds: the majority decides, and the others are flagged one by one.
                if self.commas > self.points {
                    decided(NumberFormat::Comma, c)
                } else {
                    decided(NumberFormat::Point, p)
                }
            }
            (Some(p), None) => decided(NumberFormat::Point, p),
            (None, Some(c)) => decided(NumberFormat::Comma, c),
            (None, None) if ambiguous > 0 && delimiter == ';' => Detected {
                format: None,
                why: t!("a semicolon file, where decimal commas are usual, and no cell tells which: choose how this file writes numbers"),
                ambiguous,
                chosen: false,
            },
            (None, None) => Detected {
                format: Some(NumberFormat::Point),
                why: if ambiguous > 0 {
                    t!("no cell tells which; a decimal point assumed, as Hong Kong and the Mainland write numbers")
                } else {
                    t!("no cell uses a decimal comma")
                },
                ambiguous,
                chosen: false,
            },
        }
    }
}

// The tests' shorthand for a tally over a list of cells (the reader tallies cell by cell).
#[cfg(test)]
/// Decides the format from every numeric cell (`cells`: each cell's text), or takes the
/// user's `choice`.
pub fn detect<'a>(
    cells: impl Iterator<Item = &'a str>,
    delimiter: char,
    choice: Option<NumberFormat>,
) -> Detected {
    let mut tally = Tally::default();
    for cell in cells {
        tally.add(cell);
    }
    tally.decide(delimiter, choice)
}

/// Why a cell is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellError {
    Number(NumberError),
    /// The cell is written in the other format.
    Contradicts(NumberFormat),
    /// The format is undecided and the cell reads two ways.
    Undecided,
}

impl CellError {
    pub fn text(&self, cell: &str) -> Text {
        match self {
            CellError::Number(e) => e.text(),
            CellError::Contradicts(NumberFormat::Point) => t!(
                "“{0}” is written with a decimal point, but this file writes numbers as 1.234,5: check the cell, or switch the number format",
                cell.trim()
            ),
            CellError::Contradicts(NumberFormat::Comma) => t!(
                "“{0}” is written with a decimal comma, but this file writes numbers as 1,234.5: check the cell, or switch the number format",
                cell.trim()
            ),
            CellError::Undecided => t!(
                "“{0}” reads as {1} with a decimal point or as {2} with a decimal comma: choose how this file writes numbers",
                cell.trim(),
                read_as(cell, NumberFormat::Point).unwrap_or_default(),
                read_as(cell, NumberFormat::Comma).unwrap_or_default()
            ),
        }
    }
}

fn read_as(cell: &str, format: NumberFormat) -> Option<String> {
    parse(cell, Some(format))
        .ok()
        .flatten()
        .map(|(d, _)| number::plain(d))
}

/// Reads a cell in the file's format: the value, and the cell as the scenario writes it
/// (decimal point, no grouping, when the file wrote otherwise). Blank is `Ok(None)`.
pub fn parse(
    cell: &str,
    format: Option<NumberFormat>,
) -> Result<Option<(Decimal, String)>, CellError> {
    let text = cell.trim();
    let ev = evidence(text);
    let format = match (format, ev) {
        (None, Evidence::Ambiguous) => return Err(CellError::Undecided),
        (None, _) => NumberFormat::Point,
        (Some(NumberFormat::Point), Evidence::Comma) => {
            return Err(CellError::Contradicts(NumberFormat::Comma))
        }
        (Some(NumberFormat::Comma), Evidence::Point) => {
            return Err(CellError::Contradicts(NumberFormat::Point))
        }
        (Some(f), _) => f,
    };
    let written = match format {
        NumberFormat::Point => text.to_string(),
        NumberFormat::Comma => {
            let s = ascii(text);
            let (int, frac) = match s.split_once(',') {
                Some((i, f)) => (i.to_string(), Some(f.to_string())),
                None => (s.clone(), None),
            };
            // Dots between thousands become the point-format's commas, checked the same way.
            let int = int.replace('.', ",");
            match frac {
                Some(f) => format!("{int}.{f}"),
                None => int,
            }
        }
    };
    match number::parse(&written) {
        Ok(Some(v)) => {
            let canonical = if format == NumberFormat::Point {
                text.to_string()
            } else {
                v.normalize().to_string()
            };
            Ok(Some((v, canonical)))
        }
        Ok(None) => Ok(None),
        Err(e) => Err(CellError::Number(match e {
            NumberError::BadGrouping(_) if format == NumberFormat::Comma => {
                NumberError::NotANumber(text.to_string())
            }
            NumberError::BadGrouping(_) => NumberError::BadGrouping(text.to_string()),
            NumberError::NotANumber(_) => NumberError::NotANumber(text.to_string()),
            NumberError::TooLarge(_) => NumberError::TooLarge(text.to_string()),
            NumberError::TooSmall(_) => NumberError::TooSmall(text.to_string()),
            NumberError::Negative(_) => NumberError::Negative(text.to_string()),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cell_says_what_it_can() {
        use Evidence::*;
        for (cell, want) in [
            ("1500", Neutral),
            ("1 500", Neutral),
            ("1,234.5", Point),
            ("0.39", Point),
            ("1,234,567", Point),
            ("0.390", Point),
            ("1.234,5", Comma),
            ("12,5", Comma),
            ("0,390", Comma),
            ("1.234.567", Comma),
            ("1.310", Ambiguous),
            ("1,310", Ambiguous),
            ("125,400", Ambiguous),
            ("1234.567", Point),
            ("１．３１０", Ambiguous),
            ("lots", Neutral),
            ("1e3", Neutral),
        ] {
            assert_eq!(evidence(cell), want, "{cell}");
        }
    }

    #[test]
    fn the_file_decides_and_the_cells_follow() {
        let d = detect(["1.310", "1.234,5", "12,5"].into_iter(), ';', None);
        assert_eq!(d.format, Some(NumberFormat::Comma));
        assert_eq!(
            parse("1.310", d.format).unwrap().unwrap().1,
            "1310",
            "1,000 times the point reading"
        );
        assert_eq!(parse("1.234,5", d.format).unwrap().unwrap().1, "1234.5");
        assert_eq!(
            parse("1,234.5", d.format),
            Err(CellError::Contradicts(NumberFormat::Point))
        );
        let asked = detect(["1.310", "2.450"].into_iter(), ';', None);
        assert_eq!(asked.format, None);
        assert_eq!(parse("1.310", None), Err(CellError::Undecided));
        assert_eq!(parse("1500", None).unwrap().unwrap().1, "1500");
        let assumed = detect(["125,400", "1,020"].into_iter(), ',', None);
        assert_eq!(assumed.format, Some(NumberFormat::Point));
        assert!(assumed.why.contains("assumed"));
        assert_eq!(
            parse("125,400", assumed.format).unwrap().unwrap().1,
            "125,400",
            "kept as written"
        );
        let chosen = detect(["1.310"].into_iter(), ';', Some(NumberFormat::Point));
        assert!(chosen.chosen);
        assert!(matches!(
            parse("1.2.3,4", Some(NumberFormat::Comma)),
            Err(CellError::Number(_))
        ));
    }
}
