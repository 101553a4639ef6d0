//! Months as facilities teams write them — `2025-01`, `2025/01`, `2025年1月`, `Jan-25`,
//! `May 2025`, `07/2025`, a date in the month, an Excel serial date (`45658`) — and billing
//! periods (`15/08/2025 - 14/09/2025`), which are apportioned to the months they span by days.
//! Everything becomes `YYYY-MM`; what cannot (`2025-13`, `25-Jan`) is a problem at its cell.

use crate::t;
use crate::text::Text;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn id(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
    pub fn next(self) -> Month {
        if self.month >= 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }
    fn first(self) -> Day {
        Day {
            year: self.year,
            month: self.month,
            day: 1,
        }
    }
    fn last(self) -> Day {
        Day {
            year: self.year,
            month: self.month,
            day: days_in_month(self.year, self.month),
        }
    }
}

impl Day {
    pub fn month(self) -> Month {
        Month {
            year: self.year,
            month: self.month,
        }
    }
    /// Days since 1970-01-01 (H. Hinnant's days-from-civil).
    pub fn number(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
    fn from_number(z: i64) -> Day {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }
    pub fn text(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Which way a file writes `07/08/2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// 07/08/2025 is 7 August, as Hong Kong, the UK and most of the world write it.
    DayMonth,
    /// 07/08/2025 is July 8, as the US writes it.
    MonthDay,
}

/// What a period cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A year (`2025`): a row for the whole year.
    Year(i32),
    Month(Month),
    /// From one day to another, both included: a billing period.
    Span(Day, Day),
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_name(word: &str) -> Option<u32> {
    let w = word.trim().trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let at = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "Sept" and full names, but not "marble".
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let ok = w.len() == 3 || w == "sept" || full.get(at).is_some_and(|f| *f == w);
    ok.then_some(at as u32 + 1)
}

fn year_of(text: &str) -> Option<i32> {
    let t = text.trim();
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match t.len() {
        4 => t.parse().ok().filter(|y| (1990..=2100).contains(y)),
        // Two-digit years as spreadsheets print them (Jan-25): 2000–2099.
        2 => t.parse::<i32>().ok().map(|y| 2000 + y),
        _ => None,
    }
}

fn num(text: &str) -> Option<u32> {
    let t = text.trim();
    (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

/// Why a period cell is not read.
pub fn not_a_month(cell: &str) -> Text {
    t!(
        "“{0}” is not a month the import can read; write 2025-01, 2025年1月, Jan 2025 or a billing period such as 15/08/2025 - 14/09/2025",
        cell.trim()
    )
}

fn month(year: i32, m: u32, cell: &str) -> Result<Month, Text> {
    if (1..=12).contains(&m) {
        Ok(Month { year, month: m })
    } else {
        Err(t!("“{0}” has no month {1}", cell.trim(), m.to_string()))
    }
}

fn day(year: i32, m: u32, d: u32, cell: &str) -> Result<Day, Text> {
    month(year, m, cell)?;
    if d >= 1 && d <= days_in_month(year, m) {
        Ok(Day {
            year,
            month: m,
            day: d,
        })
    } else {
        Err(t!(
            "“{0}” has no day {1} in that month",
            cell.trim(),
            d.to_string()
        ))
    }
}

/// The first and second numbers of the `a/b/yyyy` dates of a file, counted cell by cell, to
/// decide the order: a first number over 12 means day/month, a second over 12 month/day.
#[derive(Debug, Clone, Copy, Default)]
pub struct OrderTally {
    day_month: bool,
    month_day: bool,
}

impl OrderTally {
    pub fn add(&mut self, cell: &str) {
        for part in split_span(cell).map_or_else(|| vec![cell], |(a, b)| vec![a, b]) {
            let nums: Vec<&str> = part.trim().split(['/', '-', '.']).collect();
            if let [a, b, y] = nums.as_slice() {
                if year_of(y).is_some() && y.trim().len() == 4 {
                    match (num(a), num(b)) {
                        (Some(a), Some(_)) if a > 12 => self.day_month = true,
                        (Some(_), Some(b)) if b > 12 => self.month_day = true,
                        _ => {}
                    }
                }
            }
        }
    }

    /// The order the dates decide; `None` when none does, or they disagree.
    pub fn decide(&self) -> Option<DateOrder> {
        match (self.day_month, self.month_day) {
            (true, false) => Some(DateOrder::DayMonth),
            (false, true) => Some(DateOrder::MonthDay),
            _ => None,
        }
    }
}

// The tests' shorthand for a tally over a list of cells (the reader tallies cell by cell).
#[cfg(test)]
/// The date order the `a/b/yyyy` dates in `cells` decide.
pub fn date_order<'a>(cells: impl Iterator<Item = &'a str>) -> Option<DateOrder> {
    let mut tally = OrderTally::default();
    for cell in cells {
        tally.add(cell);
    }
    tally.decide()
}

fn split_span(cell: &str) -> Option<(&str, &str)> {
    for sep in [" - ", " – ", " — ", "~", "～", "至", " to ", "–", "—"] {
        if let Some((a, b)) = cell.split_once(sep) {
            if !a.trim().is_empty() && !b.trim().is_empty() {
                return Some((a, b));
            }
        }
    }
    None
}

/// One date: `2025-08-01`, `2025/8/1`, `2025年8月1日`, `15/08/2025`, `1 Aug 2025`, an Excel
/// serial day number.
pub fn parse_day(cell: &str, order: DateOrder) -> Result<Day, Text> {
    let t = cell.trim();
    if let Some(d) = excel_serial(t) {
        return Ok(d);
    }
    let cjk = t.replace(['年', '月'], "-").replace('日', "");
    let parts: Vec<&str> = cjk
        .split(['/', '-', '.', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (year_of(y), num(m), num(d)) {
            (Some(y), Some(m), Some(d)) => day(y, m, d, t),
            _ => Err(not_a_month(t)),
        },
        [a, b, y] if year_of(y).is_some() => {
            let year = year_of(y).unwrap_or_default();
            match (num(a), num(b), month_name(a), month_name(b)) {
                (Some(a), Some(b), _, _) => match order {
                    DateOrder::DayMonth => day(year, b, a, t),
                    DateOrder::MonthDay => day(year, a, b, t),
                },
                (Some(d), None, _, Some(m)) | (None, Some(d), Some(m), _) => day(year, m, d, t),
                _ => Err(not_a_month(t)),
            }
        }
        _ => Err(not_a_month(t)),
    }
}

/// An Excel serial date (days since 1899-12-30, as Excel counts them on Windows): whole
/// numbers from 20000 (1954) to 80000 (2119), so that a quantity is never taken for a date.
fn excel_serial(t: &str) -> Option<Day> {
    let whole = t.split_once('.').map_or(t, |(w, f)| {
        if f.bytes().all(|b| b.is_ascii_digit()) {
            w
        } else {
            ""
        }
    });
    if whole.len() != 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = whole.parse().ok()?;
    (20_000..=80_000)
        .contains(&n)
        .then(|| Day::from_number(n - 25_569))
}

/// Reads a period cell.
pub fn parse(cell: &str, order: DateOrder) -> Result<When, Text> {
    let t = cell.trim();
    if let Some((a, b)) = split_span(t) {
        let (from, to) = (parse_day(a, order)?, parse_day(b, order)?);
        if to < from {
            return Err(t!("“{0}” ends before it starts", t));
        }
        return Ok(When::Span(from, to));
    }
    if let Some(d) = excel_serial(t) {
        return Ok(When::Month(d.month()));
    }
    if let Some(y) = year_of(t).filter(|_| t.len() == 4) {
        return Ok(When::Year(y));
    }
    // Quarters: 2025Q1, Q1 2025, 2025-Q1, 2025年第1季.
    let upper = t.to_ascii_uppercase().replace([' ', '-', '/'], "");
    let quarter = |y: &str, q: &str| -> Option<When> {
        let (y, q) = (year_of(y)?, num(q)?);
        (1..=4).contains(&q).then(|| {
            let first = Month {
                year: y,
                month: q * 3 - 2,
            };
            When::Span(first.first(), first.next().next().last())
        })
    };
    if let Some((y, q)) = upper.split_once('Q') {
        if let Some(w) =
            quarter(y, q).or_else(|| quarter(q.get(1..).unwrap_or(""), q.get(..1).unwrap_or("")))
        {
            return Ok(w);
        }
    }
    let cjk = t
        .replace("年第", "-Q")
        .replace('季', "")
        .replace("季度", "");
    if let Some((y, q)) = cjk.split_once("-Q") {
        if let Some(w) = quarter(y, q.trim_end_matches('度')) {
            return Ok(w);
        }
    }
    // 2025年1月, 2025年01月, 2025年1月1日.
    let cjk = t.replace('年', "-").replace(['月', '日'], "");
    let cjk = cjk.trim_end_matches('-');
    let parts: Vec<&str> = cjk
        .split(['/', '-', '.', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let is_year4 = |s: &str| s.len() == 4 && year_of(s).is_some();
    match parts.as_slice() {
        // 2025-01, 2025/1
        [y, m] if is_year4(y) && num(m).is_some() => {
            return month(
                year_of(y).unwrap_or_default(),
                num(m).unwrap_or_default(),
                t,
            )
            .map(When::Month)
        }
        // 07/2025
        [m, y] if is_year4(y) && num(m).is_some() => {
            return month(
                year_of(y).unwrap_or_default(),
                num(m).unwrap_or_default(),
                t,
            )
            .map(When::Month)
        }
        // Jan-25, Jan 2025, May 2025, January 2025; 2025 May
        [a, b] => {
            if let (Some(m), Some(y)) = (month_name(a), year_of(b)) {
                return Ok(When::Month(Month { year: y, month: m }));
            }
            if let (true, Some(m)) = (is_year4(a), month_name(b)) {
                return Ok(When::Month(Month {
                    year: year_of(a).unwrap_or_default(),
                    month: m,
                }));
            }
        }
        // 202501
        [ym] if ym.len() == 6 && ym.bytes().all(|b| b.is_ascii_digit()) => {
            if let (Some(y), Some(m)) = (ym.get(..4).and_then(year_of), ym.get(4..).and_then(num)) {
                return month(y, m, t).map(When::Month);
            }
        }
        _ => {}
    }
    // A date stands for its month.
    parse_day(t, order).map(|d| When::Month(d.month()))
}

/// The months a span covers, each with its days in the span.
pub fn months_of(from: Day, to: Day) -> Vec<(Month, i64)> {
    let mut out = Vec::new();
    let mut m = from.month();
    while m <= to.month() {
        let start = if m == from.month() { from } else { m.first() };
        let end = if m == to.month() { to } else { m.last() };
        out.push((m, end.number() - start.number() + 1));
        m = m.next();
    }
    out
}

/// A reporting period as a range of months: `2025` (January–December) or a Hong Kong
/// financial year `2024/25` or `FY2024/25` (April 2024 – March 2025).
pub fn reporting_months(period: &str) -> Option<(Month, Month)> {
    let t = period.trim().trim_start_matches("FY").trim();
    if let Some(y) = year_of(t).filter(|_| t.len() == 4) {
        return Some((Month { year: y, month: 1 }, Month { year: y, month: 12 }));
    }
    let (a, b) = t.split_once(['/', '-'])?;
    let y = year_of(a).filter(|_| a.len() == 4)?;
    let next = b.trim();
    let ok = match next.len() {
        2 => year_of(next) == Some(y + 1) || next.parse::<i32>().ok() == Some((y + 1) % 100),
        4 => year_of(next) == Some(y + 1),
        _ => false,
    };
    ok.then_some((
        Month { year: y, month: 4 },
        Month {
            year: y + 1,
            month: 3,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(year: i32, month: u32) -> When {
        When::Month(Month { year, month })
    }

    #[test]
    fn months_in_every_form_people_write_them() {
        let dm = DateOrder::DayMonth;
        for (cell, want) in [
            ("2025-01", m(2025, 1)),
            ("2025/01", m(2025, 1)),
            ("2025/1", m(2025, 1)),
            ("2025年1月", m(2025, 1)),
            ("2025年01月", m(2025, 1)),
            ("Jan-25", m(2025, 1)),
            ("May 2025", m(2025, 5)),
            ("September 2025", m(2025, 9)),
            ("Sept 2025", m(2025, 9)),
            ("07/2025", m(2025, 7)),
            ("2025-08-01", m(2025, 8)),
            ("2025年8月15日", m(2025, 8)),
            ("15/08/2025", m(2025, 8)),
            ("45658", m(2025, 1)),
            ("45658.0", m(2025, 1)),
            ("202503", m(2025, 3)),
            ("2025", When::Year(2025)),
        ] {
            assert_eq!(parse(cell, dm), Ok(want), "{cell}");
        }
        for bad in [
            "2025-13",
            "2025年13月",
            "25-Jan",
            "31/02/2025",
            "soon",
            "Marble 2025",
        ] {
            assert!(parse(bad, dm).is_err(), "{bad}");
        }
        assert!(parse("2025-13", dm).unwrap_err().contains("no month 13"));
    }

    #[test]
    fn billing_periods_and_quarters_are_spans_apportioned_by_days() {
        let dm = DateOrder::DayMonth;
        let When::Span(a, b) = parse("15/08/2025 - 14/09/2025", dm).unwrap() else {
            panic!("a span")
        };
        let split = months_of(a, b);
        assert_eq!(
            split,
            vec![
                (
                    Month {
                        year: 2025,
                        month: 8
                    },
                    17
                ),
                (
                    Month {
                        year: 2025,
                        month: 9
                    },
                    14
                )
            ]
        );
        let When::Span(a, b) = parse("2025Q1", dm).unwrap() else {
            panic!("a span")
        };
        assert_eq!(months_of(a, b).iter().map(|x| x.1).sum::<i64>(), 90);
        assert!(parse("14/09/2025 - 15/08/2025", dm).is_err());
        assert_eq!(
            parse("08/15/2025 至 09/14/2025", DateOrder::MonthDay),
            parse("15/08/2025 至 14/09/2025", dm)
        );
    }

    #[test]
    fn the_date_order_comes_from_the_column() {
        assert_eq!(
            date_order(["01/08/2025", "15/08/2025"].into_iter()),
            Some(DateOrder::DayMonth)
        );
        assert_eq!(
            date_order(["08/15/2025 - 09/14/2025"].into_iter()),
            Some(DateOrder::MonthDay)
        );
        assert_eq!(date_order(["01/08/2025"].into_iter()), None);
    }

    #[test]
    fn reporting_periods() {
        assert_eq!(
            reporting_months("2025"),
            Some((
                Month {
                    year: 2025,
                    month: 1
                },
                Month {
                    year: 2025,
                    month: 12
                }
            ))
        );
        assert_eq!(
            reporting_months("FY2024/25"),
            Some((
                Month {
                    year: 2024,
                    month: 4
                },
                Month {
                    year: 2025,
                    month: 3
                }
            ))
        );
        assert_eq!(reporting_months("2024/26"), None);
        assert_eq!(
            Day {
                year: 2025,
                month: 1,
                day: 1
            }
            .number()
                + 25_569,
            45_658
        );
    }
}
