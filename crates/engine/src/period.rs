//! The periods a scenario holds: the current one and, optionally, the prior year and the base
//! year. Their keys and path prefixes are the contract's (`prior.water_m3`, `periods.prior` in
//! the results); everything inside the engine and the page names a period by [`PeriodId`].

use crate::text::Text;

/// A period of a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum PeriodId {
    #[default]
    Current,
    Prior,
    BaseYear,
}

impl PeriodId {
    /// Every period, the current one first: the order the reader reads them and the results
    /// list them.
    pub const ALL: [PeriodId; 3] = [PeriodId::Current, PeriodId::Prior, PeriodId::BaseYear];

    /// The periods besides the current one.
    pub const OTHERS: [PeriodId; 2] = [PeriodId::Prior, PeriodId::BaseYear];

    /// Its key in the scenario JSON and in the results' `periods`; `""` for the current period,
    /// whose figures sit at the top level.
    pub const fn key(self) -> &'static str {
        match self {
            PeriodId::Current => "",
            PeriodId::Prior => "prior",
            PeriodId::BaseYear => "base_year",
        }
    }

    /// What its paths start with: `""`, `"prior."`, `"base_year."`.
    pub const fn prefix(self) -> &'static str {
        match self {
            PeriodId::Current => "",
            PeriodId::Prior => "prior.",
            PeriodId::BaseYear => "base_year.",
        }
    }

    /// The period with this key (`"prior"`), or the current period for `""`.
    pub fn from_key(key: &str) -> Option<PeriodId> {
        PeriodId::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Its place in [`PeriodId::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// The period a path is in, and the rest of the path: `prior.energy[2]` →
    /// `(Prior, "energy[2]")`, `prior` → `(Prior, "")`, `water_m3` → `(Current, "water_m3")`.
    pub fn of_path(path: &str) -> (PeriodId, &str) {
        for id in PeriodId::OTHERS {
            if path == id.key() {
                return (id, "");
            }
            if let Some(rest) = path.strip_prefix(id.prefix()) {
                return (id, rest);
            }
        }
        (PeriodId::Current, path)
    }

    /// Its name as a heading or a field's name says it: "Prior year".
    pub fn name(self) -> Text {
        Text::word(match self {
            PeriodId::Current => "Current period",
            PeriodId::Prior => "Prior year",
            PeriodId::BaseYear => "Base year",
        })
    }
}

/// The calendar years a period's text covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Years {
    /// `2024`, `FY2024`, `2024-05`, `2024年`: one calendar year.
    Calendar(u16),
    /// `2024/25`, `2024/2025`, `FY2024/25`, `2024-25`: a financial year from the month after
    /// the year-end month of `2024` to the year-end month of `2025`.
    Split(u16),
}

impl Years {
    /// The last calendar year the period touches.
    pub fn last(self) -> u16 {
        match self {
            Years::Calendar(y) => y,
            Years::Split(y) => y.saturating_add(1),
        }
    }
}

/// The years of a period's text; `None` when it does not start with a year (after an optional
/// `FY`) or names a second year that does not follow the first (`2024/26`). `2024-05` is May
/// 2024, not a financial year; `2019-20` (20 is not a month) is the financial year 2019/20.
pub fn years_of(text: &str) -> Option<Years> {
    let t = text.trim();
    let t = t
        .strip_prefix("FY")
        .or_else(|| t.strip_prefix("fy"))
        .or_else(|| t.strip_prefix("Fy"))
        .unwrap_or(t)
        .trim_start();
    let first: u16 = t
        .get(..4)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()?;
    let rest = &t[4..];
    let mut chars = rest.chars();
    let sep = chars.next();
    let after = chars.as_str();
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let next = first.checked_add(1)?;
    match sep {
        Some('/' | '／' | '–' | '—' | '-') if !digits.is_empty() => {
            if sep == Some('-') && digits.len() == 2 {
                let n: u16 = digits.parse().ok()?;
                if (1..=12).contains(&n) {
                    return Some(Years::Calendar(first));
                }
            }
            let second: u16 = digits.parse().ok()?;
            let follows = match digits.len() {
                2 => second == next % 100,
                4 => second == next,
                _ => false,
            };
            follows.then_some(Years::Split(first))
        }
        _ => Some(Years::Calendar(first)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn the_years_of_a_period() {
        use Years::*;
        for (text, want) in [
            ("2024", Some(Calendar(2024))),
            ("FY2025", Some(Calendar(2025))),
            ("2024-05", Some(Calendar(2024))),
            ("2024-05-31", Some(Calendar(2024))),
            ("2024年", Some(Calendar(2024))),
            ("2024 Q1", Some(Calendar(2024))),
            ("2024/25", Some(Split(2024))),
            ("2024/2025", Some(Split(2024))),
            ("FY2024/25", Some(Split(2024))),
            ("2024-25", Some(Split(2024))),
            ("2024–25", Some(Split(2024))),
            ("2024／25年度", Some(Split(2024))),
            ("2099/00", Some(Split(2099))),
            ("2024/26", None),
            ("2024/2026", None),
            ("24/25", None),
            ("FY", None),
            ("", None),
        ] {
            assert_eq!(years_of(text), want, "{text}");
        }
    }

    #[test]
    fn keys_prefixes_and_paths_agree() {
        for id in PeriodId::ALL {
            assert_eq!(PeriodId::from_key(id.key()), Some(id));
            assert_eq!(PeriodId::ALL.get(id.index()), Some(&id));
            assert_eq!(
                PeriodId::of_path(&format!("{}water_m3", id.prefix())),
                (id, "water_m3")
            );
            assert!(id.name().untranslated().is_empty(), "{id:?}");
            assert_ne!(id.name().render(Lang::ZhHant), id.name().render(Lang::En));
        }
        assert_eq!(PeriodId::of_path("prior"), (PeriodId::Prior, ""));
        // A key that only starts like a period's is not in it.
        assert_eq!(
            PeriodId::of_path("priority"),
            (PeriodId::Current, "priority")
        );
        assert_eq!(PeriodId::from_key("later"), None);
    }
}
