//! Lower case as `char::to_lowercase` has it, from a table of 185 runs (1.5 KB) instead of
//! core's table of every letter (10 KB): the app lowercases each word it searches for, and
//! the table was 2% of its wasm. The build step lowercases with these same functions, so the
//! two sides agree whatever Unicode version core follows; the tests check the table against
//! core's, char by char, and print a new one when core's changes.

use std::iter::{once, Chain, Once};

/// The lower case of `c`: one char, or for `İ` two (`i` and a combining dot above).
pub fn lowercase(c: char) -> Chain<Once<char>, std::option::IntoIter<char>> {
    if c.is_ascii() {
        return once(c.to_ascii_lowercase()).chain(None);
    }
    if c == '\u{130}' {
        return once('i').chain(Some('\u{307}'));
    }
    once(lowercase_of_one(c)).chain(None)
}

fn lowercase_of_one(c: char) -> char {
    let code = c as u32;
    let at = RUNS.partition_point(|&(packed, _)| packed & FIRST <= code);
    let Some(&(packed, delta)) = at.checked_sub(1).and_then(|at| RUNS.get(at)) else {
        return c;
    };
    let first = packed & FIRST;
    let offset = code - first;
    let stride = if packed & STRIDE_2 != 0 { 2 } else { 1 };
    if offset > packed >> LENGTH_SHIFT || offset % stride != 0 {
        return c;
    }
    code.checked_add_signed(delta)
        .and_then(char::from_u32)
        .unwrap_or(c)
}

/// A run's first char, in the low bits of its first word.
const FIRST: u32 = 0x1f_ffff;
/// Set when every other char of the run is a capital (`Ā ā Ă ă …`).
const STRIDE_2: u32 = 1 << 21;
/// The run's length minus one, above the stride bit.
const LENGTH_SHIFT: u32 = 22;

/// A run of capitals from `first` to `last` (every char, or every other one), each of which
/// is `delta` away from its lower case.
const fn span(first: u32, last: u32, delta: i32, stride: u32) -> (u32, i32) {
    let stride_bit = if stride == 2 { STRIDE_2 } else { 0 };
    (first | stride_bit | ((last - first) << LENGTH_SHIFT), delta)
}

/// Every char whose lower case is one other char, as runs sorted by their first char.
#[rustfmt::skip]
const RUNS: &[(u32, i32)] = &[
    span(0x41, 0x5a, 32, 1),
    span(0xc0, 0xd6, 32, 1),
    span(0xd8, 0xde, 32, 1),
    span(0x100, 0x12e, 1, 2),
    span(0x132, 0x136, 1, 2),
    span(0x139, 0x147, 1, 2),
    span(0x14a, 0x176, 1, 2),
    span(0x178, 0x178, -121, 1),
    span(0x179, 0x17d, 1, 2),
    span(0x181, 0x181, 210, 1),
    span(0x182, 0x184, 1, 2),
    span(0x186, 0x186, 206, 1),
    span(0x187, 0x187, 1, 1),
    span(0x189, 0x18a, 205, 1),
    span(0x18b, 0x18b, 1, 1),
    span(0x18e, 0x18e, 79, 1),
    span(0x18f, 0x18f, 202, 1),
    span(0x190, 0x190, 203, 1),
    span(0x191, 0x191, 1, 1),
    span(0x193, 0x193, 205, 1),
    span(0x194, 0x194, 207, 1),
    span(0x196, 0x196, 211, 1),
    span(0x197, 0x197, 209, 1),
    span(0x198, 0x198, 1, 1),
    span(0x19c, 0x19c, 211, 1),
    span(0x19d, 0x19d, 213, 1),
    span(0x19f, 0x19f, 214, 1),
    span(0x1a0, 0x1a4, 1, 2),
    span(0x1a6, 0x1a6, 218, 1),
    span(0x1a7, 0x1a7, 1, 1),
    span(0x1a9, 0x1a9, 218, 1),
    span(0x1ac, 0x1ac, 1, 1),
    span(0x1ae, 0x1ae, 218, 1),
    span(0x1af, 0x1af, 1, 1),
    span(0x1b1, 0x1b2, 217, 1),
    span(0x1b3, 0x1b5, 1, 2),
    span(0x1b7, 0x1b7, 219, 1),
    span(0x1b8, 0x1b8, 1, 1),
    span(0x1bc, 0x1bc, 1, 1),
    span(0x1c4, 0x1c4, 2, 1),
    span(0x1c5, 0x1c5, 1, 1),
    span(0x1c7, 0x1c7, 2, 1),
    span(0x1c8, 0x1c8, 1, 1),
    span(0x1ca, 0x1ca, 2, 1),
    span(0x1cb, 0x1db, 1, 2),
    span(0x1de, 0x1ee, 1, 2),
    span(0x1f1, 0x1f1, 2, 1),
    span(0x1f2, 0x1f4, 1, 2),
    span(0x1f6, 0x1f6, -97, 1),
    span(0x1f7, 0x1f7, -56, 1),
    span(0x1f8, 0x21e, 1, 2),
    span(0x220, 0x220, -130, 1),
    span(0x222, 0x232, 1, 2),
    span(0x23a, 0x23a, 10795, 1),
    span(0x23b, 0x23b, 1, 1),
    span(0x23d, 0x23d, -163, 1),
    span(0x23e, 0x23e, 10792, 1),
    span(0x241, 0x241, 1, 1),
    span(0x243, 0x243, -195, 1),
    span(0x244, 0x244, 69, 1),
    span(0x245, 0x245, 71, 1),
    span(0x246, 0x24e, 1, 2),
    span(0x370, 0x372, 1, 2),
    span(0x376, 0x376, 1, 1),
    span(0x37f, 0x37f, 116, 1),
    span(0x386, 0x386, 38, 1),
    span(0x388, 0x38a, 37, 1),
    span(0x38c, 0x38c, 64, 1),
    span(0x38e, 0x38f, 63, 1),
    span(0x391, 0x3a1, 32, 1),
    span(0x3a3, 0x3ab, 32, 1),
    span(0x3cf, 0x3cf, 8, 1),
    span(0x3d8, 0x3ee, 1, 2),
    span(0x3f4, 0x3f4, -60, 1),
    span(0x3f7, 0x3f7, 1, 1),
    span(0x3f9, 0x3f9, -7, 1),
    span(0x3fa, 0x3fa, 1, 1),
    span(0x3fd, 0x3ff, -130, 1),
    span(0x400, 0x40f, 80, 1),
    span(0x410, 0x42f, 32, 1),
    span(0x460, 0x480, 1, 2),
    span(0x48a, 0x4be, 1, 2),
    span(0x4c0, 0x4c0, 15, 1),
    span(0x4c1, 0x4cd, 1, 2),
    span(0x4d0, 0x52e, 1, 2),
    span(0x531, 0x556, 48, 1),
    span(0x10a0, 0x10c5, 7264, 1),
    span(0x10c7, 0x10c7, 7264, 1),
    span(0x10cd, 0x10cd, 7264, 1),
    span(0x13a0, 0x13ef, 38864, 1),
    span(0x13f0, 0x13f5, 8, 1),
    span(0x1c89, 0x1c89, 1, 1),
    span(0x1c90, 0x1cba, -3008, 1),
    span(0x1cbd, 0x1cbf, -3008, 1),
    span(0x1e00, 0x1e94, 1, 2),
    span(0x1e9e, 0x1e9e, -7615, 1),
    span(0x1ea0, 0x1efe, 1, 2),
    span(0x1f08, 0x1f0f, -8, 1),
    span(0x1f18, 0x1f1d, -8, 1),
    span(0x1f28, 0x1f2f, -8, 1),
    span(0x1f38, 0x1f3f, -8, 1),
    span(0x1f48, 0x1f4d, -8, 1),
    span(0x1f59, 0x1f5f, -8, 2),
    span(0x1f68, 0x1f6f, -8, 1),
    span(0x1f88, 0x1f8f, -8, 1),
    span(0x1f98, 0x1f9f, -8, 1),
    span(0x1fa8, 0x1faf, -8, 1),
    span(0x1fb8, 0x1fb9, -8, 1),
    span(0x1fba, 0x1fbb, -74, 1),
    span(0x1fbc, 0x1fbc, -9, 1),
    span(0x1fc8, 0x1fcb, -86, 1),
    span(0x1fcc, 0x1fcc, -9, 1),
    span(0x1fd8, 0x1fd9, -8, 1),
    span(0x1fda, 0x1fdb, -100, 1),
    span(0x1fe8, 0x1fe9, -8, 1),
    span(0x1fea, 0x1feb, -112, 1),
    span(0x1fec, 0x1fec, -7, 1),
    span(0x1ff8, 0x1ff9, -128, 1),
    span(0x1ffa, 0x1ffb, -126, 1),
    span(0x1ffc, 0x1ffc, -9, 1),
    span(0x2126, 0x2126, -7517, 1),
    span(0x212a, 0x212a, -8383, 1),
    span(0x212b, 0x212b, -8262, 1),
    span(0x2132, 0x2132, 28, 1),
    span(0x2160, 0x216f, 16, 1),
    span(0x2183, 0x2183, 1, 1),
    span(0x24b6, 0x24cf, 26, 1),
    span(0x2c00, 0x2c2f, 48, 1),
    span(0x2c60, 0x2c60, 1, 1),
    span(0x2c62, 0x2c62, -10743, 1),
    span(0x2c63, 0x2c63, -3814, 1),
    span(0x2c64, 0x2c64, -10727, 1),
    span(0x2c67, 0x2c6b, 1, 2),
    span(0x2c6d, 0x2c6d, -10780, 1),
    span(0x2c6e, 0x2c6e, -10749, 1),
    span(0x2c6f, 0x2c6f, -10783, 1),
    span(0x2c70, 0x2c70, -10782, 1),
    span(0x2c72, 0x2c72, 1, 1),
    span(0x2c75, 0x2c75, 1, 1),
    span(0x2c7e, 0x2c7f, -10815, 1),
    span(0x2c80, 0x2ce2, 1, 2),
    span(0x2ceb, 0x2ced, 1, 2),
    span(0x2cf2, 0x2cf2, 1, 1),
    span(0xa640, 0xa66c, 1, 2),
    span(0xa680, 0xa69a, 1, 2),
    span(0xa722, 0xa72e, 1, 2),
    span(0xa732, 0xa76e, 1, 2),
    span(0xa779, 0xa77b, 1, 2),
    span(0xa77d, 0xa77d, -35332, 1),
    span(0xa77e, 0xa786, 1, 2),
    span(0xa78b, 0xa78b, 1, 1),
    span(0xa78d, 0xa78d, -42280, 1),
    span(0xa790, 0xa792, 1, 2),
    span(0xa796, 0xa7a8, 1, 2),
    span(0xa7aa, 0xa7aa, -42308, 1),
    span(0xa7ab, 0xa7ab, -42319, 1),
    span(0xa7ac, 0xa7ac, -42315, 1),
    span(0xa7ad, 0xa7ad, -42305, 1),
    span(0xa7ae, 0xa7ae, -42308, 1),
    span(0xa7b0, 0xa7b0, -42258, 1),
    span(0xa7b1, 0xa7b1, -42282, 1),
    span(0xa7b2, 0xa7b2, -42261, 1),
    span(0xa7b3, 0xa7b3, 928, 1),
    span(0xa7b4, 0xa7c2, 1, 2),
    span(0xa7c4, 0xa7c4, -48, 1),
    span(0xa7c5, 0xa7c5, -42307, 1),
    span(0xa7c6, 0xa7c6, -35384, 1),
    span(0xa7c7, 0xa7c9, 1, 2),
    span(0xa7cb, 0xa7cb, -42343, 1),
    span(0xa7cc, 0xa7da, 1, 2),
    span(0xa7dc, 0xa7dc, -42561, 1),
    span(0xa7f5, 0xa7f5, 1, 1),
    span(0xff21, 0xff3a, 32, 1),
    span(0x10400, 0x10427, 40, 1),
    span(0x104b0, 0x104d3, 40, 1),
    span(0x10570, 0x1057a, 39, 1),
    span(0x1057c, 0x1058a, 39, 1),
    span(0x1058c, 0x10592, 39, 1),
    span(0x10594, 0x10595, 39, 1),
    span(0x10c80, 0x10cb2, 64, 1),
    span(0x10d50, 0x10d65, 32, 1),
    span(0x118a0, 0x118bf, 32, 1),
    span(0x16e40, 0x16e5f, 32, 1),
    span(0x16ea0, 0x16eb8, 27, 1),
    span(0x1e900, 0x1e921, 34, 1),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_char_lowercases_as_core_does() {
        for c in '\0'..=char::MAX {
            assert!(
                lowercase(c).eq(c.to_lowercase()),
                "U+{:04X}: {:?}, core says {:?}\n{}",
                c as u32,
                lowercase(c).collect::<String>(),
                c.to_lowercase().collect::<String>(),
                runs_from_core()
            );
        }
    }

    /// The table as core's `char::to_lowercase` would have it, as source.
    fn runs_from_core() -> String {
        let capitals: Vec<(u32, i64)> = ('\0'..=char::MAX)
            .filter_map(|c| {
                let mut lower = c.to_lowercase();
                let one = lower.next()?;
                (lower.next().is_none() && one != c).then(|| (c as u32, one as i64 - c as i64))
            })
            .collect();
        let mut source = String::from("the table is out of date: replace RUNS with\n");
        let mut i = 0;
        while i < capitals.len() {
            let (first, delta) = capitals[i];
            let same = |j: usize| capitals.get(j).is_some_and(|&(_, d)| d == delta);
            let stride = if same(i + 1) && capitals[i + 1].0 == first + 2 {
                2
            } else {
                1
            };
            let mut last = i;
            while same(last + 1) && capitals[last + 1].0 == capitals[last].0 + stride {
                last += 1;
            }
            source += &format!(
                "    span(0x{first:x}, 0x{:x}, {delta}, {stride}),\n",
                capitals[last].0
            );
            i = last + 1;
        }
        source
    }
}
