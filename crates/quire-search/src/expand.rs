//! Finding the dictionary terms a query word may mean: itself, the words it begins, and the
//! words within a typo or two of it.

use fst::Automaton;

/// Terms within `max` edits of `word` (insertions, deletions, substitutions and swaps of two
/// neighbouring letters, counted on bytes), walked as an automaton over the dictionary so that
/// only the branches still within reach are visited.
pub(crate) struct Typos<'a> {
    word: &'a [u8],
    max: u8,
}

impl<'a> Typos<'a> {
    pub(crate) fn new(word: &'a str, max: u8) -> Self {
        Self {
            word: word.as_bytes(),
            max,
        }
    }
}

/// The last two rows of the edit-distance table and the byte that made the last one.
#[derive(Clone)]
pub(crate) struct Rows {
    previous: Vec<u8>,
    current: Vec<u8>,
    last: Option<u8>,
}

impl Automaton for Typos<'_> {
    type State = Option<Rows>;

    fn start(&self) -> Self::State {
        let first: Vec<u8> = (0..=self.word.len()).map(|i| i.min(255) as u8).collect();
        Some(Rows {
            previous: first.clone(),
            current: first,
            last: None,
        })
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state
            .as_ref()
            .is_some_and(|rows| rows.current[self.word.len()] <= self.max)
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let rows = state.as_ref()?;
        let mut next = Vec::with_capacity(rows.current.len());
        next.push(rows.current[0].saturating_add(1));
        for (i, &want) in self.word.iter().enumerate() {
            let substitution = rows.current[i].saturating_add(u8::from(want != byte));
            let deletion = next[i].saturating_add(1);
            let insertion = rows.current[i + 1].saturating_add(1);
            let mut best = substitution.min(deletion).min(insertion);
            let swapped = i > 0 && rows.last == Some(want) && self.word[i - 1] == byte;
            if swapped {
                best = best.min(rows.previous[i - 1].saturating_add(1));
            }
            next.push(best.min(self.max.saturating_add(1)));
        }
        if next.iter().all(|&d| d > self.max) {
            return None;
        }
        Some(Rows {
            previous: rows.current.clone(),
            current: next,
            last: Some(byte),
        })
    }
}

/// The edit distance [`Typos`] counts, for ranking what it found.
pub(crate) fn distance(a: &str, b: &str) -> u8 {
    let automaton = Typos::new(a, u8::MAX - 1);
    // Past 254 edits every distance reads as 255: far beyond any typo limit.
    let mut state = automaton.start();
    for &byte in b.as_bytes() {
        state = automaton.accept(&state, byte);
    }
    state.map_or(u8::MAX, |rows| rows.current[a.len()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    #[test]
    fn distances_count_swaps_as_one_edit() {
        assert_eq!(distance("borrow", "borrow"), 0);
        assert_eq!(distance("borrow", "borow"), 1);
        assert_eq!(distance("borrow", "borrowe"), 1);
        assert_eq!(distance("borrow", "barrow"), 1);
        assert_eq!(distance("borrow", "obrrow"), 1);
        assert_eq!(distance("borrow", "brorow"), 1);
        assert_eq!(distance("borrow", "bxrrxw"), 2);
    }

    #[test]
    fn the_automaton_finds_exactly_the_terms_within_reach() {
        let set = Set::from_iter([
            "borrow",
            "borrowed",
            "brow",
            "burrow",
            "morrow",
            "sorrowful",
        ])
        .unwrap();
        let mut found = Vec::new();
        let mut stream = set.search(Typos::new("borow", 1)).into_stream();
        while let Some(key) = stream.next() {
            found.push(String::from_utf8(key.to_vec()).unwrap());
        }
        assert_eq!(found, ["borrow", "brow"]);
        let mut two = set.search(Typos::new("borow", 2)).into_stream();
        let mut count = 0;
        while two.next().is_some() {
            count += 1;
        }
        assert_eq!(count, 4);
    }
}
