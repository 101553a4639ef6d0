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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

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
