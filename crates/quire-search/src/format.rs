//! The index's byte layout, shared by the writer and the reader. All integers are LEB128
//! varints. Every file is raw deflate on disk; these layouts are what is inside.
//!
//! Root:       `QSR5` docs len prefix
//!             dictionary_count (first_ordinal_delta len separator part)…
//!             postings_count (first_ordinal_delta part)…
//!             typo_count (len separator part)…
//!             group_size group_count cards…
//! Ordinals:   a term's place in the whole dictionary; a shard's first one is given as the
//!             difference from the shard before's (the first shard's from 0)
//! Separator:  the shortest start of a shard's first key that sorts after the key before it
//!             (empty for the first shard): a key is in the last shard whose separator is ≤ it
//! Part:       0 len bytes (the part itself, inline: small blogs need one request) | 1 0:
//!             its own file, named by [`shard_file`] (by a hash of all shards, which the root
//!             names once, and the shard's kind and place: a root of hundreds of shards stays
//!             small)
//! Dictionary: len fst (term → position in the shard), then df… in term order
//! Postings:   for each term of its range, in term order: len postings
//!             postings = (doc-id delta, passage × 8 + impact − 1)…, doc ids ascending
//! Typos:      len fst: [`typo_keys`] of every term that may be misspelt → [`typo_value`]
//!             (written only when the dictionary is not in the root: then every term is at
//!             hand and is searched for near misses directly)
//! Cards:      the result cards of `group_size` consecutive documents: 0 len (len card)… inline,
//!             or 1 len prefix: document `d`'s card is the file `{prefix}{d}.bin`, and its
//!             passage `i` the file `{prefix}{d}.{i}.bin`
//! Card:       len title, len path, len date, tag_count (len name, len slug)…, passage_count,
//!             and when that is 1, len text (a passage: the body's text from one cut to the next;
//!             a post of one passage keeps it in its card)
//!
//! A result is shown from its card (title, link, date, tags) and its snippet is cut from the
//! passage where the matched term first occurs in the post, so a reader's query downloads a
//! few KB of text near the matches, never whole posts.

use std::fmt;

/// Changed with any change to a layout or to how files are compressed: file names hash it.
pub(crate) const MAGIC: &[u8; 4] = b"QSR5";

/// The keys under which the typo shards file `term`, so that a word with a typo in its first
/// two letters finds it in one lookup (a typo further on leaves the first two letters, and the
/// dictionary shards they begin, as they are): the term itself, the term without its first
/// letter, and without its second, each followed by 0 and what was left out (`1` or `2` and
/// the letter). A reader looks up the same three forms of the word typed (see
/// [`typo_variants`]): a letter replaced, dropped, added or swapped at the start meets one of
/// them. Only words of letters that may be typed with a typo (3 letters or more).
#[cfg(feature = "write")]
pub(crate) fn typo_keys(term: &str) -> Vec<Vec<u8>> {
    let Some([(whole, _), (first, c1), (second, c2)]) = typo_variants(term) else {
        return Vec::new();
    };
    let key = |variant: String, tag: &[u8]| {
        let mut key = variant.into_bytes();
        key.push(0);
        key.extend_from_slice(tag);
        key
    };
    let tag = |n: u8, c: char| {
        let mut tag = vec![n];
        tag.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        tag
    };
    let (tag1, tag2) = (tag(b'1', c1), tag(b'2', c2));
    vec![key(whole, b""), key(first, &tag1), key(second, &tag2)]
}

/// A word, the word without its first letter, and without its second, with the letters left
/// out; `None` for words that are not looked for with typos.
pub(crate) fn typo_variants(word: &str) -> Option<[(String, char); 3]> {
    let mut chars = word.chars();
    let (c1, c2) = (chars.next()?, chars.next()?);
    let rest = chars.as_str();
    let letters = word.chars().count() >= 3
        && word
            .chars()
            .all(|c| c.is_alphabetic() && !crate::text::is_cjk(c));
    letters.then(|| {
        [
            (word.to_owned(), c1),
            (format!("{c2}{rest}"), c1),
            (format!("{c1}{rest}"), c2),
        ]
    })
}

/// What a typo key maps to: the term's ordinal, and the bit length of its document frequency
/// (a rough df to choose among near misses: the exact one made typo shards 30% larger).
#[cfg(feature = "write")]
pub(crate) fn typo_value(ordinal: u64, df: u32) -> u64 {
    ordinal << 6 | u64::from(u32::BITS - df.leading_zeros())
}

/// The ordinal and rough document frequency in a [`typo_value`].
pub(crate) fn typo_ordinal_and_df(value: u64) -> (u64, u32) {
    let bits = (value & 63) as u32;
    (
        value >> 6,
        if bits == 0 {
            0
        } else {
            1 << (bits - 1).min(31)
        },
    )
}

/// The term a typo key stands for (see [`typo_keys`]).
pub(crate) fn term_of_typo_key(key: &[u8]) -> Option<String> {
    let at = key.iter().position(|&b| b == 0)?;
    let variant = std::str::from_utf8(&key[..at]).ok()?;
    let tag = std::str::from_utf8(&key[at + 1..]).ok()?;
    let mut tag_chars = tag.chars();
    match (tag_chars.next(), tag_chars.next()) {
        (None, _) => Some(variant.to_owned()),
        (Some('1'), Some(c)) => Some(format!("{c}{variant}")),
        (Some('2'), Some(c)) => {
            let first = variant.chars().next()?;
            Some(format!("{first}{c}{}", &variant[first.len_utf8()..]))
        }
        _ => None,
    }
}

/// The file of shard `place` of a `kind` (`d`ictionary, `p`ostings, `t`ypos), under the
/// prefix the root names.
pub(crate) fn shard_file(prefix: &str, kind: char, place: usize) -> String {
    format!("{prefix}{kind}{place}.bin")
}

/// An index file that is not what this version of the engine writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError(pub &'static str);

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed search index: {}", self.0)
    }
}

impl std::error::Error for FormatError {}

/// A filter term: a value of `tag:` or `category:`, kept apart from words by a leading byte
/// that no word can start with.
pub(crate) fn filter_term(kind: &str, slug: &str) -> String {
    format!("\u{1}{kind}:{slug}")
}

#[cfg(feature = "write")]
pub(crate) fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

#[cfg(feature = "write")]
pub(crate) fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// Reads the layout front to back; every read is bounds-checked.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.at >= self.bytes.len()
    }

    pub(crate) fn byte(&mut self) -> Result<u8, FormatError> {
        let byte = *self.bytes.get(self.at).ok_or(FormatError("cut short"))?;
        self.at += 1;
        Ok(byte)
    }

    pub(crate) fn varint(&mut self) -> Result<u64, FormatError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(FormatError("varint too long"))
    }

    pub(crate) fn count(&mut self) -> Result<usize, FormatError> {
        usize::try_from(self.varint()?).map_err(|_| FormatError("count too large"))
    }

    pub(crate) fn bytes(&mut self) -> Result<&'a [u8], FormatError> {
        let len = self.count()?;
        let end = self
            .at
            .checked_add(len)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(FormatError("cut short"))?;
        let bytes = &self.bytes[self.at..end];
        self.at = end;
        Ok(bytes)
    }

    pub(crate) fn magic(&mut self) -> Result<(), FormatError> {
        for &expected in MAGIC {
            if self.byte()? != expected {
                return Err(FormatError("not a Quire search index"));
            }
        }
        Ok(())
    }
}

/// Where a part lives: inside the root, or in a file of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PartRef {
    Inline(Vec<u8>),
    File(String),
}

pub(crate) const INLINE: u8 = 0;
pub(crate) const FILE: u8 = 1;

impl PartRef {
    pub(crate) fn read(reader: &mut Reader<'_>) -> Result<Self, FormatError> {
        match reader.byte()? {
            INLINE => Ok(Self::Inline(reader.bytes()?.to_vec())),
            FILE => {
                let name = std::str::from_utf8(reader.bytes()?)
                    .map_err(|_| FormatError("part name is not UTF-8"))?;
                Ok(Self::File(name.to_owned()))
            }
            _ => Err(FormatError("unknown part kind")),
        }
    }

    #[cfg(feature = "write")]
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        let (kind, bytes) = match self {
            Self::Inline(bytes) => (INLINE, bytes.as_slice()),
            Self::File(name) => (FILE, name.as_bytes()),
        };
        out.push(kind);
        put_bytes(out, bytes);
    }
}

/// What a result shows of its post before its snippet: title, link, date and tags; and where
/// its text is, passage by passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    pub title: String,
    /// The post's path, as `quire_model::routes` makes it.
    pub path: String,
    /// RFC 3339, as the post's date.
    pub date: String,
    /// (name, slug) of each tag.
    pub tags: Vec<(String, String)>,
    /// How many passages the post's text is cut into; when one, it is here.
    pub(crate) passage_count: u32,
    pub(crate) text: Option<String>,
}

impl Card {
    pub(crate) fn read(bytes: &[u8]) -> Result<Self, FormatError> {
        let mut reader = Reader::new(bytes);
        let mut text = || -> Result<String, FormatError> {
            String::from_utf8(reader.bytes()?.to_vec()).map_err(|_| FormatError("card text"))
        };
        let (title, path, date) = (text()?, text()?, text()?);
        let mut tags = Vec::new();
        for _ in 0..reader.count()? {
            let name = String::from_utf8(reader.bytes()?.to_vec());
            let slug = String::from_utf8(reader.bytes()?.to_vec());
            match (name, slug) {
                (Ok(name), Ok(slug)) => tags.push((name, slug)),
                _ => return Err(FormatError("card text")),
            }
        }
        let passage_count =
            u32::try_from(reader.varint()?).map_err(|_| FormatError("passage count"))?;
        let text = match passage_count {
            1 => Some(
                String::from_utf8(reader.bytes()?.to_vec())
                    .map_err(|_| FormatError("card text"))?,
            ),
            _ => None,
        };
        if !reader.is_empty() {
            return Err(FormatError("card too long"));
        }
        Ok(Self {
            title,
            path,
            date,
            tags,
            passage_count,
            text,
        })
    }

    #[cfg(feature = "write")]
    pub(crate) fn write(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for text in [&self.title, &self.path, &self.date] {
            put_bytes(&mut out, text.as_bytes());
        }
        put_varint(&mut out, self.tags.len() as u64);
        for (name, slug) in &self.tags {
            put_bytes(&mut out, name.as_bytes());
            put_bytes(&mut out, slug.as_bytes());
        }
        put_varint(&mut out, u64::from(self.passage_count));
        if let Some(text) = self.text.as_ref().filter(|_| self.passage_count == 1) {
            put_bytes(&mut out, text.as_bytes());
        }
        out
    }

    /// How many passages the post's text is cut into.
    pub fn passage_count(&self) -> u32 {
        self.passage_count
    }
}

/// One posting: a document, how well the term describes it (BM25F's saturated term
/// frequency, quantised to 1..=[`IMPACT_LEVELS`]), and the passage of the document's text
/// where the term first occurs (0 for a term of the title or tags only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Posting {
    pub(crate) doc: u32,
    pub(crate) impact: u8,
    pub(crate) passage: u32,
}

/// A posting's impact and passage in one varint: one byte while the passage is below 16,
/// which is every passage of most posts.
#[cfg(feature = "write")]
pub(crate) fn impact_and_passage(impact: u8, passage: u32) -> u64 {
    u64::from(passage) << 3 | u64::from(impact.clamp(1, IMPACT_LEVELS) - 1)
}

pub(crate) const IMPACT_LEVELS: u8 = 8;

pub(crate) fn decode_postings(bytes: &[u8]) -> Result<Vec<Posting>, FormatError> {
    let mut reader = Reader::new(bytes);
    let mut postings = Vec::new();
    // The first delta is from 0, so it is the first doc id itself.
    let mut doc = 0u32;
    while !reader.is_empty() {
        let delta = u32::try_from(reader.varint()?).map_err(|_| FormatError("doc id"))?;
        doc = doc.checked_add(delta).ok_or(FormatError("doc id"))?;
        let both = reader.varint()?;
        postings.push(Posting {
            doc,
            impact: (both & 7) as u8 + 1,
            passage: u32::try_from(both >> 3).map_err(|_| FormatError("passage"))?,
        });
    }
    Ok(postings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_keys_name_their_term_and_meet_typos_in_the_first_two_letters() {
        let keys = typo_keys("borrow");
        let terms: Vec<_> = keys.iter().map(|k| term_of_typo_key(k)).collect();
        assert!(terms.iter().all(|t| t.as_deref() == Some("borrow")));
        assert_eq!(terms.len(), 3);
        let variants =
            |word: &str| -> Vec<String> { typo_variants(word).unwrap().map(|(v, _)| v).into() };
        let stored: Vec<String> = keys
            .iter()
            .map(|k| {
                String::from_utf8(k[..k.iter().position(|&b| b == 0).unwrap()].to_vec()).unwrap()
            })
            .collect();
        // Replaced, dropped, added or swapped in the first two letters: one of the typed
        // word's variants is one of the term's keys.
        for typed in [
            "xorrow", "orrow", "aborrow", "obrrow", "bxrrow", "brrow", "bxorrow",
        ] {
            assert!(
                variants(typed).iter().any(|v| stored.contains(v)),
                "{typed}"
            );
        }
        assert!(typo_keys("ab").is_empty());
        assert!(typo_keys("rust2024").is_empty());
        assert_eq!(term_of_typo_key(b"abc\x003x"), None);
        let accented = typo_keys("über");
        assert_eq!(term_of_typo_key(&accented[2]), Some("über".to_owned()));
    }

    #[test]
    fn varints_round_trip_and_truncation_is_an_error() {
        let mut out = Vec::new();
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            put_varint(&mut out, value);
        }
        let mut reader = Reader::new(&out);
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(reader.varint(), Ok(value));
        }
        assert!(reader.is_empty());
        assert_eq!(Reader::new(&[0x80]).varint(), Err(FormatError("cut short")));
        assert_eq!(Reader::new(&[5, 1]).bytes(), Err(FormatError("cut short")));
    }
}
