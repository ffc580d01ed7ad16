//! Comparing versions: dotted parts compared as numbers when both are digits, else as text.

use std::cmp::Ordering;

/// Compares two versions part by part (split at `.`, `-`, `_`, `+` and spaces): a part of digits
/// against another of digits by value (`10` after `9`), a part that starts with digits against
/// another by those digits first and then the rest as text (`12c` before `19c`), any other pair
/// as text; a missing part counts as `0` (`2.0` equals `2`).
///
/// ```
/// use iso19770_reconcile::version::compare;
/// use std::cmp::Ordering;
///
/// assert_eq!(compare("2019", "2022"), Ordering::Less);
/// assert_eq!(compare("10.2", "9.12"), Ordering::Greater);
/// assert_eq!(compare("2.0", "2"), Ordering::Equal);
/// assert_eq!(compare("12c", "19c"), Ordering::Less);
/// assert_eq!(compare("1.0-rc1", "1.0-rc2"), Ordering::Less);
/// ```
pub fn compare(a: &str, b: &str) -> Ordering {
    // The parts are compared as they are split off, never collected: the engine compares
    // versions several times per installation.
    let (mut pa, mut pb) = (parts(a), parts(b));
    loop {
        let (x, y) = match (pa.next(), pb.next()) {
            (None, None) => return Ordering::Equal,
            (x, y) => (x.unwrap_or("0"), y.unwrap_or("0")),
        };
        let order = part(x, y);
        if order != Ordering::Equal {
            return order;
        }
    }
}

/// The non-empty parts of a version.
fn parts(s: &str) -> impl Iterator<Item = &str> {
    s.split(['.', '-', '_', '+', ' ']).filter(|p| !p.is_empty())
}

fn part(x: &str, y: &str) -> Ordering {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let (dx, dy) = (digits(x), digits(y));
    if dx > 0 && dy > 0 {
        let (nx, ny) = (x[..dx].trim_start_matches('0'), y[..dy].trim_start_matches('0'));
        nx.len().cmp(&ny.len()).then_with(|| nx.cmp(ny)).then_with(|| x[dx..].cmp(&y[dy..]))
    } else {
        x.cmp(y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders() {
        assert_eq!(compare("1.10", "1.9"), Ordering::Greater);
        assert_eq!(compare("007", "7"), Ordering::Equal);
        assert_eq!(compare("a", "b"), Ordering::Less);
        assert_eq!(compare("1", "1.0.0"), Ordering::Equal);
        assert_eq!(compare("99999999999999999999999", "1"), Ordering::Greater);
    }
}
