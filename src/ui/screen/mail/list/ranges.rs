//! A set of row positions kept as ranges, so selecting all of 100,000 rows costs one range.

/// Row positions as sorted, disjoint, non-adjacent inclusive ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ranges(Vec<(u64, u64)>);

impl Ranges {
    /// The positions `a..=b` (in either order).
    pub fn span(a: u64, b: u64) -> Ranges {
        Ranges(vec![(a.min(b), a.max(b))])
    }

    /// The ranges, first to last.
    pub fn as_slice(&self) -> &[(u64, u64)] {
        &self.0
    }

    /// Whether no position is in the set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many positions are in the set.
    pub fn len(&self) -> u64 {
        self.0.iter().map(|(a, b)| b - a + 1).sum()
    }

    /// The first position, if any.
    pub fn first(&self) -> Option<u64> {
        self.0.first().map(|r| r.0)
    }

    /// Whether `index` is in the set.
    pub fn contains(&self, index: u64) -> bool {
        let at = self.0.partition_point(|&(_, end)| end < index);
        self.0.get(at).is_some_and(|&(start, _)| start <= index)
    }

    /// Adds the positions `a..=b` (in either order).
    pub fn insert(&mut self, a: u64, b: u64) {
        let (mut start, mut end) = (a.min(b), a.max(b));
        // Ranges that overlap or touch the new one merge into it.
        let first = self
            .0
            .partition_point(|&(_, e)| e.saturating_add(1) < start);
        let last = self.0.partition_point(|&(s, _)| s <= end.saturating_add(1));
        if first < last {
            start = start.min(self.0[first].0);
            end = end.max(self.0[last - 1].1);
        }
        let _ = self.0.splice(first..last, [(start, end)]);
    }

    /// Removes `index` (splitting its range in two when it is inside one).
    pub fn remove(&mut self, index: u64) {
        let at = self.0.partition_point(|&(_, end)| end < index);
        let Some(&(start, end)) = self.0.get(at) else {
            return;
        };
        if index < start {
            return;
        }
        let mut pieces = Vec::with_capacity(2);
        if start < index {
            pieces.push((start, index - 1));
        }
        if index < end {
            pieces.push((index + 1, end));
        }
        let _ = self.0.splice(at..=at, pieces);
    }

    /// Adds `index` if it is not in the set, else removes it.
    pub fn toggle(&mut self, index: u64) {
        if self.contains(index) {
            self.remove(index);
        } else {
            self.insert(index, index);
        }
    }

    /// Drops every position at `len` or beyond (the list got shorter).
    pub fn truncate(&mut self, len: u64) {
        self.0.retain(|&(start, _)| start < len);
        if let Some(last) = self.0.last_mut() {
            last.1 = last.1.min(len.saturating_sub(1));
        }
    }

    /// Every position, first to last.
    pub fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        self.0.iter().flat_map(|&(a, b)| a..=b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ranges: &[(u64, u64)]) -> Ranges {
        let mut r = Ranges::default();
        for &(a, b) in ranges {
            r.insert(a, b);
        }
        r
    }

    #[test]
    fn inserts_merge_overlapping_and_touching_ranges() {
        let mut r = set(&[(10, 12), (20, 25), (0, 0)]);
        assert_eq!(r.as_slice(), &[(0, 0), (10, 12), (20, 25)]);
        r.insert(13, 19);
        assert_eq!(r.as_slice(), &[(0, 0), (10, 25)]);
        r.insert(30, 2);
        assert_eq!(r.as_slice(), &[(0, 0), (2, 30)]);
        assert_eq!(r.len(), 30);
        r.insert(1, 1);
        assert_eq!(r.as_slice(), &[(0, 30)]);
        r.insert(u64::MAX - 1, u64::MAX);
        assert_eq!(r.as_slice(), &[(0, 30), (u64::MAX - 1, u64::MAX)]);
    }

    #[test]
    fn removing_splits_and_toggling_flips() {
        let mut r = Ranges::span(5, 0);
        r.remove(3);
        assert_eq!(r.as_slice(), &[(0, 2), (4, 5)]);
        r.remove(0);
        r.remove(5);
        r.remove(9);
        assert_eq!(r.as_slice(), &[(1, 2), (4, 4)]);
        r.toggle(4);
        r.toggle(3);
        assert_eq!(r.as_slice(), &[(1, 3)]);
        assert!(r.contains(1) && r.contains(3) && !r.contains(0) && !r.contains(4));
        assert_eq!(r.iter().collect::<Vec<_>>(), vec![1, 2, 3]);
    }

    #[test]
    fn a_huge_selection_is_one_range() {
        let mut r = Ranges::span(0, 99_999);
        assert_eq!(r.len(), 100_000);
        r.remove(50_000);
        assert_eq!(r.as_slice().len(), 2);
        assert_eq!(r.len(), 99_999);
        r.truncate(60_000);
        assert_eq!(r.as_slice(), &[(0, 49_999), (50_001, 59_999)]);
        r.truncate(10);
        assert_eq!(r.as_slice(), &[(0, 9)]);
        r.truncate(0);
        assert!(r.is_empty());
    }
}
