//! The engine's one sort over integers. A sort is compiled once per element type into the
//! page's wasm (2 to 3 KB each), so the tally's orders and the lists of row indices all go
//! through this one, on pairs of integers. (Decimals are ordered by `number::order`.)

/// The positions of `keys` in the order of the keys (which differ).
pub(crate) fn in_order(keys: impl Iterator<Item = usize>) -> impl Iterator<Item = usize> {
    let mut pairs: Vec<(usize, usize)> = keys.enumerate().map(|(at, k)| (k, at)).collect();
    pairs.sort_unstable();
    pairs.into_iter().map(|(_, at)| at)
}

/// Row indices in ascending order, each once.
pub(crate) fn sorted_rows(rows: &mut Vec<usize>) {
    let order: Vec<usize> = in_order(rows.iter().copied()).collect();
    let sorted: Vec<usize> = order
        .into_iter()
        .filter_map(|at| rows.get(at).copied())
        .collect();
    *rows = sorted;
    rows.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_sorted_once_each() {
        let mut rows = vec![5, 1, 9, 1, 0, 5];
        sorted_rows(&mut rows);
        assert_eq!(rows, vec![0, 1, 5, 9]);
        let order: Vec<usize> = in_order([30, 10, 20].into_iter()).collect();
        assert_eq!(order, vec![1, 2, 0]);
    }
}
