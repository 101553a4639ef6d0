//! The catalogue's blends re-derived from their components and compared with the values their
//! publishers print; the lookup; what is refused.

use super::*;
use rust_decimal::RoundingStrategy;
use std::str::FromStr;

fn gwp(id: &str, set: GwpSet) -> Gwp {
    let gas = Refrigerant::find(id).unwrap_or_else(|| panic!("{id} is in the catalogue"));
    gas.gwp(set)
        .unwrap_or_else(|e| panic!("{id} has a GWP in {set:?}: {e:?}"))
}

fn whole(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
}

#[test]
fn every_blend_adds_up_to_100_percent_of_gases_the_catalogue_has() {
    for b in BLENDS {
        assert_eq!(
            b.parts().count(),
            b.parts.len(),
            "{}: a component is missing",
            b.id
        );
        let total: Decimal = b.parts().map(|(_, p)| p).sum();
        assert_eq!(total, Decimal::ONE_HUNDRED, "{}", b.id);
    }
}

#[test]
fn ids_and_names_are_found_however_written_and_never_twice() {
    let mut keys: Vec<String> = SPECIES
        .iter()
        .flat_map(|g| std::iter::once(g.id).chain(g.aliases.iter().copied()))
        .chain(BLENDS.iter().map(|b| b.id))
        .map(key)
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "two gases share a name");
    for (text, id) in [
        ("R-410A", "R-410A"),
        ("r410a", "R-410A"),
        ("R 410 A", "R-410A"),
        ("HFC-134a", "R-134a"),
        ("R134A", "R-134a"),
        ("R-134", "R-134"),
        ("sf6", "SF6"),
        ("HCFC-22", "R-22"),
        ("FM-200", "R-227ea"),
        ("HFO-1234ze", "R-1234ze(E)"),
        ("CO2", "R-744"),
    ] {
        assert_eq!(
            Refrigerant::find(text).map(Refrigerant::id),
            Some(id),
            "{text}"
        );
    }
    for text in ["", "R-999", "R-410", "diesel", "-"] {
        assert_eq!(Refrigerant::find(text), None, "{text}");
    }
}

/// AR5 blend GWPs as printed to every decimal (ZNIT-Tech's "IPCC 2013 e ASHRAE 2019" table):
/// the components' values times their fractions give them exactly.
#[test]
fn blends_in_ar5_give_the_published_values_to_every_decimal() {
    for (id, published) in [
        ("R-404A", "3942.8"),
        ("R-407A", "1923.4"),
        ("R-407C", "1624.21"),
        ("R-410A", "1923.5"),
        ("R-417A", "2127.22"),
        ("R-427A", "2024.05"),
        ("R-438A", "2058.645"),
        ("R-448A", "1273.22"),
        ("R-449A", "1281.601"),
        ("R-452A", "1944.77"),
        ("R-454B", "466.453"),
        ("R-507A", "3985"),
        ("R-508B", "11698"),
    ] {
        assert_eq!(
            gwp(id, GwpSet::Ar5).value,
            Decimal::from_str(published).unwrap(),
            "{id}"
        );
    }
}

/// AR4 and AR6 blend GWPs as printed, in whole numbers (AR4: US EPA's Simplified GHG Emissions
/// Calculator and others; AR6: IIR via Project Drawdown, shecco, EPA Emission Factors Hub).
#[test]
fn blends_in_ar4_and_ar6_round_to_the_published_values() {
    for (id, set, published) in [
        ("R-404A", GwpSet::Ar4, 3922),
        ("R-407A", GwpSet::Ar4, 2107),
        ("R-407C", GwpSet::Ar4, 1774),
        ("R-410A", GwpSet::Ar4, 2088),
        ("R-417A", GwpSet::Ar4, 2346),
        ("R-422D", GwpSet::Ar4, 2729),
        ("R-427A", GwpSet::Ar4, 2138),
        ("R-438A", GwpSet::Ar4, 2264),
        ("R-448A", GwpSet::Ar4, 1386),
        ("R-449A", GwpSet::Ar4, 1396),
        ("R-452A", GwpSet::Ar4, 2139),
        ("R-454B", GwpSet::Ar4, 465),
        ("R-507A", GwpSet::Ar4, 3985),
        ("R-508B", GwpSet::Ar4, 13396),
        ("R-513A", GwpSet::Ar4, 629),
        ("R-404A", GwpSet::Ar6, 4728),
        ("R-407A", GwpSet::Ar6, 2262),
        ("R-407C", GwpSet::Ar6, 1908),
        ("R-410A", GwpSet::Ar6, 2256),
        ("R-448A", GwpSet::Ar6, 1494),
        ("R-449A", GwpSet::Ar6, 1504),
        ("R-452A", GwpSet::Ar6, 2292),
        ("R-454B", GwpSet::Ar6, 531),
        ("R-513A", GwpSet::Ar6, 673),
    ] {
        assert_eq!(
            whole(gwp(id, set).value),
            Decimal::from(published),
            "{id} {set:?}"
        );
    }
    // R-410A exactly: 50 % × 675 + 50 % × 3,500 (rounded only for people).
    assert_eq!(
        gwp("R-410A", GwpSet::Ar4).value,
        Decimal::from_str("2087.5").unwrap()
    );
}

#[test]
fn a_component_without_a_gwp_in_the_set_counts_zero_and_is_named() {
    // Before AR6 the HFOs have no IPCC value: R-513A is its R-134a alone.
    let r513a = gwp("R-513A", GwpSet::Ar4);
    assert_eq!(r513a.value, Decimal::from_str("629.2").unwrap());
    assert_eq!(r513a.left_out, vec![("R-1234yf", Decimal::from(56))]);
    // In AR6 the HFO counts, but outside the scopes: it is not one of the seven gases.
    let ar6 = gwp("R-513A", GwpSet::Ar6);
    assert_eq!(ar6.value, Decimal::from_str("673.48056").unwrap());
    assert_eq!(ar6.in_scopes, Decimal::from_str("673.2").unwrap());
    assert!(ar6.left_out.is_empty());
    // The hydrocarbons of R-417A have no value in any set.
    let r417a = gwp("R-417A", GwpSet::Ar6);
    assert_eq!(
        r417a.left_out,
        vec![("R-600", Decimal::from_str("3.4").unwrap())]
    );
}

#[test]
fn a_gas_with_nothing_in_the_set_is_refused_not_zero() {
    for (id, set) in [
        ("R-1234yf", GwpSet::Ar5),
        ("NF3", GwpSet::Sar),
        ("R-600a", GwpSet::Ar6),
        ("FK-5-1-12", GwpSet::Ar4),
    ] {
        let gas = Refrigerant::find(id).unwrap();
        assert_eq!(
            gas.gwp(set),
            Err(NoGwp { gas: gas.id(), set }),
            "{id} {set:?}"
        );
    }
}

#[test]
fn the_ozone_depleting_gases_are_reported_beside_the_scopes() {
    for id in ["R-22", "R-11", "R-12", "R-123", "Halon-1301"] {
        let g = gwp(id, GwpSet::Ar5);
        assert_eq!(g.in_scopes, Decimal::ZERO, "{id}");
        assert!(g.value > Decimal::ZERO, "{id}");
    }
    for id in ["R-32", "SF6", "NF3", "R-14", "R-744"] {
        let g = gwp(id, GwpSet::Ar5);
        assert_eq!(g.in_scopes, g.value, "{id}");
    }
    assert_eq!(gwp("SF6", GwpSet::Ar6).value, Decimal::from(25200));
    // The fossil-methane variant of AR6 is AR6 for these gases.
    assert_eq!(gwp("R-32", GwpSet::Ar6Fossil).value, Decimal::from(771));
}

#[test]
fn a_value_from_one_source_says_so() {
    assert_eq!(gwp("R-12", GwpSet::Sar).status, Status::Secondary);
    assert_eq!(gwp("R-12", GwpSet::Ar4).status, Status::Verified);
    assert_eq!(gwp("R-410A", GwpSet::Ar6).status, Status::Verified);
}
