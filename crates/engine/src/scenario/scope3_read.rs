//! Reading `scope3` rows and `scope3_categories` (comply or explain): each bad field an input
//! error at its own path with what to do, the rest of the row list read.

use super::super::scope3::{
    self, ambiguous_money, factor_unit, hk, CategoryStatus, Disclosed, Factor3, How, Kind, Rate,
    Scope3Row, UsualLine, Via,
};
use super::{kind_of, Field, Reader};
use crate::library;
use crate::number::plain;
use crate::t;
use crate::units::FactorUnit;
use crate::DecOps as _;
use rust_decimal::Decimal;
use serde_json::{Map, Value};

/// What a usual HK line reads from the rest of its period.
pub(super) struct Around {
    pub water_m3: super::Field,
    /// The paper among the waste items, in kg: `Err` when a waste item could not be read (it may
    /// be paper), `Ok(None)` when there is none.
    pub paper_kg: Result<Option<Decimal>, ()>,
    /// The calendar year the department's financial year starts in.
    pub year: Option<u16>,
}

impl Reader {
    /// A category, 1–15, written as a number or as text.
    fn category(&mut self, obj: &Map<String, Value>, path: &str) -> Option<u8> {
        let text = match obj.get("category") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::String(s)) => Some(s.trim().to_string()),
            Some(other) => {
                self.error(
                    path,
                    t!(
                        "category must be a number from 1 to 15, not {0}",
                        kind_of(other)
                    ),
                );
                return None;
            }
        };
        let Some(text) = text.filter(|t| !t.is_empty()) else {
            self.error(
                path,
                t!("choose the GHG Protocol category (1 purchased goods and services … 6 business travel … 15 investments)"),
            );
            return None;
        };
        match text.parse::<u8>() {
            Ok(c) if (1..=15).contains(&c) => Some(c),
            _ => {
                self.error(
                    path,
                    t!(
                        "“{0}” is not a Scope 3 category: the GHG Protocol has 15, numbered 1 to 15",
                        text
                    ),
                );
                None
            }
        }
    }

    /// One `scope3` row.
    pub(super) fn scope3_row(
        &mut self,
        at: &str,
        index: usize,
        item: &Value,
        around: &Around,
    ) -> Option<Scope3Row> {
        let base = format!("{at}scope3[{index}]");
        let p = |field: &str| format!("{base}.{field}");
        let Some(obj) = item.as_object() else {
            self.error(
                &base,
                t!("a Scope 3 line must be an object, not {0}", kind_of(item)),
            );
            return None;
        };
        if let Some((usual, category)) = obj
            .get("factor")
            .and_then(Value::as_str)
            .and_then(hk::usual)
        {
            return self.usual_row(obj, index, &p, usual, category, around);
        }
        // Keys given a value: an empty one (a field cleared on the page) is not given.
        let given = |key: &str| match obj.get(key) {
            None | Some(Value::Null) | Some(Value::Bool(false)) => false,
            Some(Value::String(s)) => !matches!(s.trim(), "" | "false" | "no"),
            Some(_) => true,
        };
        if given("from") || given("to") {
            return self.flight_row(at, index, obj, around);
        }
        // Journeys without airports would be silently left out of the quantity.
        for key in ["trips", "return"] {
            if given(key) {
                self.error(
                    &p(key),
                    t!("{0} applies to a flight by its airports: give from and to, or count it in the quantity", key),
                );
                return None;
            }
        }
        let before = self.errors.len();
        let category = self.category(obj, &p("category"));
        let description = self
            .text(obj, "description", &p("description"))
            .unwrap_or_default();
        let site = self.text(obj, "site", &p("site")).unwrap_or_default();
        let note = self
            .text(obj, "note", &p("note"))
            .filter(|n| !n.trim().is_empty());
        let quantity = match self.number(Some(obj), "quantity", &p("quantity")) {
            Field::Given(q) => Some(q),
            Field::Missing => {
                self.error(&p("quantity"), t!("enter the quantity"));
                None
            }
            Field::Invalid => None,
        };
        let unit = match self.text(obj, "unit", &p("unit")) {
            Some(u) if ambiguous_money(&u) => {
                self.error(
                    &p("unit"),
                    t!(
                        "“{0}” names more than one currency: write its code (HKD, CNY, USD, JPY …)",
                        u.trim()
                    ),
                );
                None
            }
            Some(u) if !u.trim().is_empty() => match scope3::unit(&u) {
                Some(found) => Some(found),
                None => {
                    self.error(
                        &p("unit"),
                        t!("unknown unit “{0}”; use kg, t, kWh, MWh, GJ, L, m³, km, pkm, tkm, night, item, a currency code (HKD, CNY, USD …), or tCO2e for a supplier's figure", u.trim()),
                    );
                    None
                }
            },
            _ => {
                self.error(&p("unit"), t!("choose the unit"));
                None
            }
        };
        let how = match (obj.get("factor"), &unit) {
            (None | Some(Value::Null), Some(u)) if u.kind == Kind::Co2e => Some(How::Supplier),
            (Some(f), Some(u)) if u.kind == Kind::Co2e && !f.is_null() => {
                self.error(
                    &p("factor"),
                    t!("a supplier's tonnes of CO2e take no factor: remove the factor, or give the quantity in its own unit"),
                );
                None
            }
            (None | Some(Value::Null), _) => {
                self.error(
                    &p("factor"),
                    t!("give the line's factor: its value, unit (kgCO2e per the line's unit) and source"),
                );
                None
            }
            (Some(Value::Object(f)), Some(u)) => self.scope3_factor(f, obj, u, &p),
            (Some(Value::String(id)), Some(u)) => match scope3::library_factor(id) {
                Some(f) if f.per.kind == u.kind => Some(How::Factor(Box::new(f), None)),
                Some(f) => {
                    self.error(
                        &p("factor"),
                        t!(
                            "the factor is per {0} but the line is in {1}: give the factor per {1}, or the quantity in {0}",
                            f.per.shown.as_str(),
                            u.shown.as_str()
                        ),
                    );
                    None
                }
                None => {
                    self.error(
                        &p("factor"),
                        t!("the library has no Scope 3 factor “{0}”: choose one of its travel factors (desnz-2025-air-long-haul-economy-rf …), or give the factor inline, with its value, unit and source", id.trim()),
                    );
                    None
                }
            },
            (Some(Value::String(_)), None) => None,
            (Some(other), Some(_)) => {
                self.error(
                    &p("factor"),
                    t!("a factor must be an object, not {0}", kind_of(other)),
                );
                None
            }
            (Some(_), None) => None,
        };
        if self.errors.len() > before {
            return None;
        }
        Some(Scope3Row {
            index,
            category: category?,
            description,
            site,
            quantity: quantity?,
            unit: unit?,
            how: how?,
            note,
            usual: None,
            derived: None,
            flight: None,
        })
    }

    /// A flight by its airports: the great-circle distance × journeys in pkm, then read as a
    /// line of that quantity (its factor per pkm).
    fn flight_row(
        &mut self,
        at: &str,
        index: usize,
        obj: &Map<String, Value>,
        around: &Around,
    ) -> Option<Scope3Row> {
        use crate::scope3::flight;
        let base = format!("{at}scope3[{index}]");
        let p = |field: &str| format!("{base}.{field}");
        let before = self.errors.len();
        let mut airport = |key: &str| -> Option<(String, (Decimal, Decimal))> {
            let code = self
                .text(obj, key, &p(key))
                .map(|c| c.trim().to_ascii_uppercase())
                .unwrap_or_default();
            if code.is_empty() {
                self.error(
                    &p(key),
                    t!("enter both airports by their IATA codes (HKG, LHR …), or remove them and give the distance as the line's quantity in pkm"),
                );
                return None;
            }
            match flight::airport(&code) {
                Some(at) => Some((code, at)),
                None => {
                    self.error(
                        &p(key),
                        t!("the airport set has no “{0}”: check the IATA code, or give the distance as the line's quantity in pkm", code),
                    );
                    None
                }
            }
        };
        let from = airport("from");
        let to = airport("to");
        if let (Some((a, _)), Some((b, _))) = (&from, &to) {
            if a == b {
                self.error(
                    &p("to"),
                    t!("the flight leaves from and arrives at {0}", a.as_str()),
                );
            }
        }
        let trips = match self.number(Some(obj), "trips", &p("trips")) {
            Field::Given(t) if t.is_zero() => {
                self.error(&p("trips"), t!("the number of journeys cannot be zero"));
                None
            }
            Field::Given(t) => Some(Some(t)),
            Field::Missing => Some(None),
            Field::Invalid => None,
        };
        let return_trip = match obj.get("return") {
            None | Some(Value::Null) | Some(Value::Bool(false)) => Some(false),
            Some(Value::Bool(true)) => Some(true),
            Some(Value::String(s)) if matches!(s.trim(), "yes" | "true") => Some(true),
            Some(Value::String(s)) if matches!(s.trim(), "no" | "false" | "") => Some(false),
            Some(other) => {
                self.error(
                    &p("return"),
                    t!(
                        "return is true (there and back) or false (one way), not {0}",
                        kind_of(other)
                    ),
                );
                None
            }
        };
        let quantity_given = match obj.get("quantity") {
            None | Some(Value::Null) => false,
            Some(Value::String(s)) => !s.trim().is_empty(),
            Some(_) => true,
        };
        if quantity_given {
            self.error(
                &p("quantity"),
                t!("give the airports or the distance (quantity), not both"),
            );
        }
        if let Some(u) = self.text(obj, "unit", &p("unit")) {
            if !u.trim().is_empty()
                && scope3::unit(&u).map(|u| u.kind) != Some(Kind::PassengerDistance)
            {
                self.error(
                    &p("unit"),
                    t!(
                        "a flight by its airports is in passenger-km (pkm), not “{0}”",
                        u.trim()
                    ),
                );
            }
        }
        if self.errors.len() > before {
            return None;
        }
        let ((from, a), (to, b)) = (from?, to?);
        let (trips, return_trip) = (trips?, return_trip?);
        let km = flight::great_circle_km(a, b)?;
        let journeys = trips.unwrap_or(Decimal::ONE).cmul(if return_trip {
            Decimal::TWO
        } else {
            Decimal::ONE
        })?;
        let pkm = km.cmul(journeys)?;
        let mut line = obj.clone();
        for key in ["from", "to", "trips", "return"] {
            line.remove(key);
        }
        line.insert("quantity".into(), Value::String(pkm.to_string()));
        line.insert("unit".into(), Value::String("pkm".into()));
        let mut row = self.scope3_row(at, index, &Value::Object(line), around)?;
        row.derived = Some(t!(
            "{0}–{1}: {2} km great-circle distance × {3} journeys = {4} pkm (the DESNZ air factors include their 8 % uplift)",
            from.as_str(),
            to.as_str(),
            plain(km),
            plain(journeys),
            plain(pkm)
        ));
        row.flight = Some(crate::scope3::Flight {
            from,
            to,
            trips,
            return_trip,
        });
        Some(row)
    }

    /// A usual HK line: its category unless the line says another, its quantity from the
    /// scenario unless the line gives one, the department's figure for the report's year.
    fn usual_row(
        &mut self,
        obj: &Map<String, Value>,
        index: usize,
        p: &dyn Fn(&str) -> String,
        usual: hk::Usual,
        category: u8,
        around: &Around,
    ) -> Option<Scope3Row> {
        let before = self.errors.len();
        let category = match obj.get("category") {
            None | Some(Value::Null) => Some(category),
            Some(_) => self.category(obj, &p("category")),
        };
        let description = self
            .text(obj, "description", &p("description"))
            .unwrap_or_default();
        let site = self.text(obj, "site", &p("site")).unwrap_or_default();
        let note = self
            .text(obj, "note", &p("note"))
            .filter(|n| !n.trim().is_empty());
        let (kind_unit, want) = match usual {
            hk::Usual::Paper => ("kg", Kind::Mass),
            _ => ("m³", Kind::Volume),
        };
        let unit = match self.text(obj, "unit", &p("unit")) {
            Some(u) if !u.trim().is_empty() => match scope3::unit(&u) {
                Some(found) if found.kind == want => Some(found),
                _ => {
                    self.error(
                        &p("unit"),
                        t!(
                            "this line is in {0} (or a unit convertible to it), not “{1}”",
                            kind_unit,
                            u.trim()
                        ),
                    );
                    None
                }
            },
            _ => scope3::unit(kind_unit),
        };
        let share = match usual {
            hk::Usual::Sewage => match self.number(Some(obj), "share", &p("share")) {
                Field::Given(s) if s > Decimal::ZERO && s <= Decimal::ONE_HUNDRED => Some(Some(s)),
                Field::Given(s) => {
                    self.error(
                        &p("share"),
                        t!(
                            "sewage is a share of the fresh water from above 0 to 100 %, not {0} %",
                            plain(s)
                        ),
                    );
                    None
                }
                Field::Missing => Some(None),
                Field::Invalid => None,
            },
            _ => Some(None),
        };
        let given = self.number(Some(obj), "quantity", &p("quantity"));
        let (quantity, derived) = match (given, usual) {
            (Field::Given(q), _) => (Some(q), None),
            (Field::Invalid, _) => (None, None),
            (Field::Missing, hk::Usual::Paper) => match around.paper_kg {
                Ok(Some(kg)) => (
                    Some(kg),
                    Some(t!(
                        "{0} kg of paper, from the waste items of kind paper",
                        plain(kg)
                    )),
                ),
                Ok(None) => {
                    self.error(
                        &p("quantity"),
                        t!("enter the paper sent to landfill, or add it to the waste items as paper"),
                    );
                    (None, None)
                }
                Err(()) => {
                    self.error(
                        &p("quantity"),
                        t!("a waste item has an input error, so the paper among them is not known: correct it, or enter this line's quantity"),
                    );
                    (None, None)
                }
            },
            (Field::Missing, _) => match around.water_m3 {
                Field::Given(w) => {
                    let pct = share.flatten().unwrap_or(Decimal::ONE_HUNDRED);
                    match (
                        usual,
                        w.cmul(pct).and_then(|x| x.cdiv(Decimal::ONE_HUNDRED)),
                    ) {
                        (hk::Usual::Sewage, Some(q)) => (
                            Some(q),
                            Some(t!(
                                "{0} m³ of fresh water × {1} % = {2} m³ of sewage",
                                plain(w),
                                plain(pct),
                                plain(q)
                            )),
                        ),
                        (_, Some(_)) => (
                            Some(w),
                            Some(t!("{0} m³ of fresh water, the period's water", plain(w))),
                        ),
                        (_, None) => {
                            self.error(&p("quantity"), crate::text::overflow());
                            (None, None)
                        }
                    }
                }
                Field::Missing => {
                    self.error(
                        &p("quantity"),
                        t!("enter the period's water (m³), or this line's quantity"),
                    );
                    (None, None)
                }
                // The water field's own message says what is wrong.
                Field::Invalid => (None, None),
            },
        };
        let electricity = match (usual, obj.get("electricity")) {
            (hk::Usual::Paper, None | Some(Value::Null)) => Some(None),
            (hk::Usual::Paper, Some(_)) => {
                self.error(
                    &p("electricity"),
                    t!("the paper line takes no electricity factor: remove it"),
                );
                None
            }
            (_, None | Some(Value::Null)) => Some(None),
            (_, Some(Value::String(id))) => Some(Some(id.trim().to_string())),
            (_, Some(other)) => {
                self.error(
                    &p("electricity"),
                    t!(
                        "the electricity factor is a library id (clp-2023, hk-gov-default-electricity …), not {0}",
                        kind_of(other)
                    ),
                );
                None
            }
        };
        let factor = match (usual.series(), &electricity) {
            (_, None) => None,
            (None, _) => Some(Factor3 {
                value: Decimal::from_str_radix(hk::PAPER_KG_PER_KG, 10).ok()?,
                tonnes: Decimal::new(1, 3),
                per: scope3::unit("kg")?,
                unit_text: "kgCO2e/kg".into(),
                source: hk::PAPER_SOURCE.into(),
                id: Some(usual.id()),
                status: Some("unverified"),
                year: None,
                via: None,
                earlier: None,
            }),
            (Some((series, publisher)), Some(chosen)) => {
                let id = chosen.as_deref().unwrap_or(hk::DEFAULT_ELECTRICITY);
                let record = library::find(id).filter(|r| {
                    r.unit == FactorUnit::KG_PER_KWH || r.unit == FactorUnit::T_PER_MWH
                });
                let per_kwh = record.and_then(|r| r.single_value().map(|v| (r, v)));
                match (per_kwh, hk::figure(series, around.year)) {
                    (Some((record, kg)), Some(fig)) => {
                        let kwh = hk::value(fig)?;
                        let year = hk::year_label(usual, fig.0);
                        let status = if record.status.id() == "verified" {
                            "verified"
                        } else {
                            record.status.id()
                        };
                        Some(Factor3 {
                            value: kwh.cmul(kg)?,
                            tonnes: Decimal::new(1, 3),
                            per: scope3::unit("m³")?,
                            unit_text: "kgCO2e/m³".into(),
                            source: format!(
                                "{publisher}, {year}: {} kWh/m³, {} [verified]; × {}: {}",
                                fig.1,
                                fig.2,
                                record.id,
                                record.citation()
                            ),
                            id: Some(usual.id()),
                            status: Some(status),
                            year: None,
                            via: Some(Via {
                                kwh,
                                year: year.clone(),
                                electricity: kg,
                                electricity_id: record.id.clone(),
                            }),
                            earlier: around
                                .year
                                .filter(|w| *w != fig.0)
                                .map(|w| (year.clone(), hk::year_label(usual, w))),
                        })
                    }
                    (None, _) => {
                        self.error(
                            &p("electricity"),
                            t!("the library has no electricity factor per kWh “{0}”: choose clp-2023, hk-electric-2020, hk-gov-default-electricity …", id),
                        );
                        None
                    }
                    (_, None) => None,
                }
            }
        };
        let unit = match unit {
            // A quantity from the scenario is in m³ or kg, whatever unit the line names.
            Some(u) if derived.is_some() && u.shown != kind_unit => {
                self.error(
                    &p("unit"),
                    t!(
                        "the quantity comes from the scenario in {0}: remove the unit “{1}”, or enter the quantity in it",
                        kind_unit,
                        u.shown.as_str()
                    ),
                );
                None
            }
            u => u,
        };
        if self.errors.len() > before {
            return None;
        }
        Some(Scope3Row {
            index,
            category: category?,
            description,
            site,
            quantity: quantity?,
            unit: unit?,
            how: How::Factor(Box::new(factor?), None),
            note,
            usual: Some(UsualLine {
                usual,
                quantity_given: matches!(given, Field::Given(_)),
                share: share.flatten(),
                electricity: electricity.flatten(),
            }),
            derived,
            flight: None,
        })
    }

    /// An inline factor, and the exchange rate a spend in another currency needs.
    fn scope3_factor(
        &mut self,
        f: &Map<String, Value>,
        row: &Map<String, Value>,
        unit: &scope3::Unit3,
        p: &dyn Fn(&str) -> String,
    ) -> Option<How> {
        let value = match self.number(Some(f), "value", &p("factor.value")) {
            Field::Given(v) => Some(v),
            Field::Missing => {
                self.error(&p("factor.value"), t!("enter the factor's value"));
                None
            }
            Field::Invalid => None,
        };
        let source = self
            .text(f, "source", &p("factor.source"))
            .filter(|s| !s.trim().is_empty());
        if source.is_none() {
            self.error(
                &p("factor.source"),
                t!("say where the factor comes from (publisher, document, year)"),
            );
        }
        let unit_text = self.text(f, "unit", &p("factor.unit")).unwrap_or_default();
        let parsed = factor_unit(&unit_text);
        if parsed.is_none() {
            self.error(
                &p("factor.unit"),
                t!("write the factor's unit as kgCO2e/<unit> or tCO2e/<unit> (kgCO2e/pkm, kgCO2e/HKD …), not “{0}”", unit_text.trim()),
            );
        }
        let (tonnes, per) = parsed?;
        let rate = match (&unit.kind, &per.kind) {
            (Kind::Money(a), Kind::Money(b)) if a != b => {
                self.exchange_rate(row, a, b, &p("exchange_rate"))
            }
            (Kind::Money(_), Kind::Money(_)) => {
                if row.get("exchange_rate").is_some_and(|r| !r.is_null()) {
                    self.error(
                        &p("exchange_rate"),
                        t!(
                            "the amount and the factor are both in {0}: remove the exchange rate",
                            per.shown.as_str()
                        ),
                    );
                    return None;
                }
                None
            }
            (a, b) if a == b => None,
            _ => {
                self.error(
                    &p("factor.unit"),
                    t!(
                        "the factor is per {0} but the line is in {1}: give the factor per {1}, or the quantity in {0}",
                        per.shown.as_str(),
                        unit.shown.as_str()
                    ),
                );
                return None;
            }
        };
        let needs_rate =
            matches!((&unit.kind, &per.kind), (Kind::Money(a), Kind::Money(b)) if a != b);
        if needs_rate && rate.is_none() {
            return None;
        }
        Some(How::Factor(
            Box::new(Factor3 {
                value: value?,
                tonnes,
                per,
                unit_text: unit_text.trim().to_string(),
                source: source?,
                id: None,
                status: None,
                year: None,
                via: None,
                earlier: None,
            }),
            rate,
        ))
    }

    /// `exchange_rate: { "value": "7.8", "unit": "HKD/USD" }` between the line's currency and
    /// its factor's, either way round.
    fn exchange_rate(
        &mut self,
        row: &Map<String, Value>,
        line: &str,
        factor: &str,
        path: &str,
    ) -> Option<Rate> {
        let Some(Value::Object(r)) = row.get("exchange_rate") else {
            self.error(
                path,
                t!(
                    "the amount is in {0} and the factor per {1}: give the exchange rate you used ({0}/{1})",
                    line,
                    factor
                ),
            );
            return None;
        };
        let value = match self.number(Some(r), "value", &format!("{path}.value")) {
            Field::Given(v) if v.is_zero() => {
                self.error(
                    &format!("{path}.value"),
                    t!("an exchange rate cannot be zero"),
                );
                None
            }
            Field::Given(v) => Some(v),
            Field::Missing => {
                self.error(
                    &format!("{path}.value"),
                    t!("enter the exchange rate ({0}/{1})", line, factor),
                );
                None
            }
            Field::Invalid => None,
        };
        let unit = self
            .text(r, "unit", &format!("{path}.unit"))
            .unwrap_or_default();
        let pair = unit.split_once('/').and_then(|(a, b)| {
            let code = |s: &str| {
                scope3::unit(s).and_then(|u| match u.kind {
                    Kind::Money(c) => Some(c),
                    _ => None,
                })
            };
            Some((code(a)?, code(b)?))
        });
        match pair {
            Some((a, b)) if (a == line && b == factor) || (a == factor && b == line) => {
                Some(Rate {
                    value: value?,
                    top: a,
                    bottom: b,
                })
            }
            _ => {
                self.error(
                    &format!("{path}.unit"),
                    t!(
                        "the rate's unit is {0}/{1} (or {1}/{0}), not “{2}”",
                        line,
                        factor,
                        unit.trim()
                    ),
                );
                None
            }
        }
    }

    /// `scope3_categories`: each category's status and reason; a category listed twice, or
    /// marked not relevant or not measured with no reason, is an error at its entry.
    pub(super) fn scope3_categories(&mut self, at: &str, v: &Value) -> Vec<CategoryStatus> {
        let path = format!("{at}scope3_categories");
        let Value::Array(items) = v else {
            if !v.is_null() {
                self.error(
                    &path,
                    t!("scope3_categories must be a list, not {0}", kind_of(v)),
                );
            }
            return Vec::new();
        };
        let mut out: Vec<CategoryStatus> = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let base = format!("{path}[{index}]");
            let Some(obj) = item.as_object() else {
                self.error(
                    &base,
                    t!(
                        "a category's entry must be an object, not {0}",
                        kind_of(item)
                    ),
                );
                continue;
            };
            let Some(category) = self.category(obj, &format!("{base}.category")) else {
                continue;
            };
            if out.iter().any(|c| c.category == category) {
                self.error(
                    &format!("{base}.category"),
                    t!("category {0} is listed twice", category.to_string()),
                );
                continue;
            }
            let status = match self.text(obj, "status", &format!("{base}.status")) {
                Some(s) => {
                    match Disclosed::from_id(&s) {
                        Some(d) => d,
                        None => {
                            self.error(
                            &format!("{base}.status"),
                            t!("a category is included, not_relevant or not_measured, not “{0}”", s.trim()),
                        );
                            continue;
                        }
                    }
                }
                None => {
                    self.error(
                        &format!("{base}.status"),
                        t!("say whether the category is included, not relevant or not yet measured"),
                    );
                    continue;
                }
            };
            let reason = self
                .text(obj, "reason", &format!("{base}.reason"))
                .unwrap_or_default();
            if status != Disclosed::Included && reason.trim().is_empty() {
                self.error(
                    &format!("{base}.reason"),
                    t!("give the reason: a category left out is explained (comply or explain)"),
                );
            }
            out.push(CategoryStatus {
                index,
                category,
                status,
                reason,
            });
        }
        out
    }

    /// `intensities: [{ "kpi": "ghg_total_t", "per": "employee" }]`: the intensities the
    /// report prints beyond the KPI table's; a bad entry is an error at its field, the rest read.
    pub(super) fn intensities(&mut self, v: &Value, path: &str) -> Vec<crate::intensity::Wanted> {
        use crate::intensity::{Of, Per, Wanted};
        let Value::Array(items) = v else {
            if !v.is_null() {
                self.error(path, t!("intensities must be a list, not {0}", kind_of(v)));
            }
            return Vec::new();
        };
        let mut out: Vec<Wanted> = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let base = format!("{path}[{index}]");
            let Some(obj) = item.as_object() else {
                self.error(
                    &base,
                    t!("an intensity must be an object, not {0}", kind_of(item)),
                );
                continue;
            };
            let kpi = self
                .text(obj, "kpi", &format!("{base}.kpi"))
                .unwrap_or_default();
            let of = Of::from_id(&kpi);
            if of.is_none() {
                self.error(
                    &format!("{base}.kpi"),
                    t!("“{0}” is not a total to divide: choose a KPI that is a total (ghg_total_t, ghg_scope3_t, energy_total_mwh, water_m3 …) or ghg_scopes_1_2_3_t", kpi.trim()),
                );
            }
            let per_text = self
                .text(obj, "per", &format!("{base}.per"))
                .unwrap_or_default();
            let per = Per::from_id(&per_text);
            if per.is_none() {
                self.error(
                    &format!("{base}.per"),
                    t!("an intensity is per employee, m2, revenue_million or production_unit, not “{0}”", per_text.trim()),
                );
            }
            let (Some(of), Some(per)) = (of, per) else {
                continue;
            };
            let wanted = Wanted { of, per };
            if out.contains(&wanted) {
                self.error(&base, t!("{0} is listed twice", wanted.id()));
                continue;
            }
            out.push(wanted);
        }
        out
    }
}
