//! Disclosure control for counts: a count from 1 to `min - 1` is shown as `<min`, and where a
//! shown total would let a reader work a hidden count out by subtraction, a second count (or the
//! total) is hidden too.

use serde::Serialize;

/// The smallest threshold allowed: below it, counts of one or two people could be shown.
pub const MIN_THRESHOLD: u64 = 3;
/// The default threshold: counts from 1 to 4 are hidden.
pub const DEFAULT_THRESHOLD: u64 = 5;

/// A count as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Shown(u64),
    /// Hidden because it is small (from 1 to the threshold less one): shown as `<5`.
    Small,
    /// Hidden, whatever its size, because with a shown total it would reveal a small count:
    /// shown as `*`.
    Withheld,
}

/// What a withheld count is shown as.
pub const WITHHELD: &str = "*";

impl Cell {
    pub fn is_hidden(self) -> bool {
        !matches!(self, Cell::Shown(_))
    }

    /// `12`, `<5` for a small count, `*` for one withheld to protect another.
    pub fn text(self, min: u64) -> String {
        match self {
            Cell::Shown(n) => n.to_string(),
            Cell::Small => format!("<{min}"),
            Cell::Withheld => WITHHELD.to_string(),
        }
    }
}

/// JSON: the number, or the string `"<5"` or `"*"`.
pub fn json(cell: Cell, min: u64) -> serde_json::Value {
    match cell {
        Cell::Shown(n) => serde_json::Value::from(n),
        hidden => serde_json::Value::from(hidden.text(min)),
    }
}

fn primary(n: u64, min: u64) -> Cell {
    if n > 0 && n < min {
        Cell::Small
    } else {
        Cell::Shown(n)
    }
}

/// A grid of counts with row and column totals and a grand total, protected. One row and no
/// column totals describe a one-way table whose total is `grand`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Protected {
    #[serde(skip)]
    pub cells: Vec<Vec<Cell>>,
    #[serde(skip)]
    pub row_totals: Vec<Cell>,
    #[serde(skip)]
    pub column_totals: Vec<Cell>,
    #[serde(skip)]
    pub grand: Cell,
    /// Whether any count had to be hidden to protect another (secondary suppression).
    pub secondary: bool,
}

/// Protect a grid of counts (rows of equal length). Every line (a row with its total, a column
/// with its total) ends with either no hidden count or at least two unknowns, so that no hidden
/// count can be recovered by subtracting shown counts from a shown total.
pub fn protect(counts: &[Vec<u64>], min: u64) -> Protected {
    let columns = counts.first().map_or(0, Vec::len);
    let row_sums: Vec<u64> = counts.iter().map(|r| r.iter().sum()).collect();
    let column_sums: Vec<u64> = (0..columns)
        .map(|c| counts.iter().map(|r| r.get(c).copied().unwrap_or(0)).sum())
        .collect();
    let grand_sum: u64 = row_sums.iter().sum();
    let mut cells: Vec<Vec<Cell>> = counts
        .iter()
        .map(|r| r.iter().map(|&n| primary(n, min)).collect())
        .collect();
    let mut row_totals: Vec<Cell> = row_sums.iter().map(|&n| primary(n, min)).collect();
    let mut column_totals: Vec<Cell> = column_sums.iter().map(|&n| primary(n, min)).collect();
    let mut grand = primary(grand_sum, min);
    let mut secondary = false;
    // Lines: each row against its total, each column against its total, and the totals against
    // the grand total. Repeat until no line gives a hidden count away.
    loop {
        let mut changed = false;
        let rows = cells.len();
        for (r, total) in row_totals.iter_mut().enumerate() {
            let line: Vec<(usize, usize)> = (0..columns).map(|c| (r, c)).collect();
            changed |= protect_line(&mut cells, &line, counts, total);
        }
        for (c, total) in column_totals.iter_mut().enumerate() {
            let line: Vec<(usize, usize)> = (0..rows).map(|r| (r, c)).collect();
            changed |= protect_line(&mut cells, &line, counts, total);
        }
        changed |= protect_totals(&mut row_totals, &row_sums, &mut grand);
        if columns > 1 || cells.len() > 1 {
            changed |= protect_totals(&mut column_totals, &column_sums, &mut grand);
        }
        if !changed {
            break;
        }
        secondary = true;
    }
    Protected {
        cells,
        row_totals,
        column_totals,
        grand,
        secondary,
    }
}

/// One line of cells against its total: if exactly one of them is unknown, hide another (the
/// smallest shown non-zero count), or failing that the total. Returns whether anything changed.
fn protect_line(
    cells: &mut [Vec<Cell>],
    line: &[(usize, usize)],
    counts: &[Vec<u64>],
    total: &mut Cell,
) -> bool {
    let at = |(r, c): (usize, usize)| counts.get(r).and_then(|row| row.get(c)).copied();
    let hidden = line
        .iter()
        .filter(|&&(r, c)| cells[r][c].is_hidden())
        .count()
        + usize::from(total.is_hidden());
    // Hidden small counts alone beside a shown total still give something away: two `<5`
    // summing to 2 must both be 1. So such a line needs a withheld count of any size too.
    let only_small = !total.is_hidden()
        && hidden > 0
        && line
            .iter()
            .filter(|&&(r, c)| cells[r][c].is_hidden())
            .all(|&(r, c)| cells[r][c] == Cell::Small);
    if hidden != 1 && !only_small {
        return false;
    }
    let candidate = line
        .iter()
        .filter(|&&(r, c)| !cells[r][c].is_hidden() && at((r, c)).unwrap_or(0) > 0)
        .min_by_key(|&&p| at(p).unwrap_or(0));
    match candidate {
        Some(&(r, c)) => cells[r][c] = Cell::Withheld,
        None if !total.is_hidden() => *total = Cell::Withheld,
        // Only the total is hidden and every cell is zero or hidden: nothing left to hide.
        None => return false,
    }
    true
}

/// Totals against the grand total, in the same way.
fn protect_totals(totals: &mut [Cell], sums: &[u64], grand: &mut Cell) -> bool {
    let hidden = totals.iter().filter(|t| t.is_hidden()).count() + usize::from(grand.is_hidden());
    let only_small = !grand.is_hidden()
        && hidden > 0
        && totals
            .iter()
            .filter(|t| t.is_hidden())
            .all(|t| *t == Cell::Small);
    if hidden != 1 && !only_small {
        return false;
    }
    let candidate = (0..totals.len())
        .filter(|&i| !totals[i].is_hidden() && sums[i] > 0)
        .min_by_key(|&i| sums[i]);
    match candidate {
        Some(i) => totals[i] = Cell::Withheld,
        None if !grand.is_hidden() => *grand = Cell::Withheld,
        None => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line (cells and its total) has no hidden count, or at least two unknowns.
    fn safe(p: &Protected) -> bool {
        let rows = p.cells.len();
        let columns = p.cells.first().map_or(0, Vec::len);
        let unknowns = |cells: Vec<Cell>, total: Cell| {
            cells.iter().filter(|c| c.is_hidden()).count() + usize::from(total.is_hidden())
        };
        (0..rows).all(|r| unknowns(p.cells[r].clone(), p.row_totals[r]) != 1)
            && (0..columns).all(|c| {
                unknowns(
                    (0..rows).map(|r| p.cells[r][c]).collect(),
                    p.column_totals[c],
                ) != 1
            })
            && unknowns(p.row_totals.clone(), p.grand) != 1
    }

    #[test]
    fn small_counts_are_hidden_and_cannot_be_recovered_from_the_total() {
        let p = protect(&[vec![20, 3, 9, 0]], 5);
        assert_eq!(p.cells[0][1], Cell::Small);
        // 20 + ? + 9 + 0 = 32 would give the 3 away: the 9 is withheld as well, shown as `*`
        // (never as `<5`, which would say it is small).
        assert_eq!(p.cells[0][2], Cell::Withheld);
        assert_eq!(p.cells[0][2].text(5), "*");
        assert_eq!(p.cells[0][0], Cell::Shown(20));
        assert_eq!(p.cells[0][3], Cell::Shown(0));
        assert!(p.secondary);
        assert!(safe(&p));
    }

    #[test]
    fn a_cross_table_is_safe_along_rows_and_columns() {
        let grid = vec![
            vec![10, 2, 0, 7],
            vec![0, 12, 1, 6],
            vec![8, 0, 0, 15],
            vec![3, 9, 11, 0],
        ];
        for min in [3, 5, 10] {
            let p = protect(&grid, min);
            assert!(safe(&p), "min {min}: {p:?}");
            for (r, row) in grid.iter().enumerate() {
                for (c, &n) in row.iter().enumerate() {
                    if n > 0 && n < min {
                        assert!(p.cells[r][c].is_hidden());
                    }
                }
            }
        }
    }

    #[test]
    fn small_counts_alone_beside_a_total_do_not_pin_each_other() {
        // 20 + <5 + <5 + 30 = 52 would say both hidden counts are 1: a large one is withheld too.
        let p = protect(&[vec![20, 1, 1, 30]], 5);
        assert_eq!(p.cells[0][0], Cell::Withheld);
        assert_eq!(p.cells[0][3], Cell::Shown(30));
    }

    #[test]
    fn zeros_and_large_counts_stand_when_nothing_is_small() {
        let p = protect(&[vec![12, 0, 30]], 5);
        assert!(!p.secondary);
        assert_eq!(p.grand, Cell::Shown(42));
    }
}
