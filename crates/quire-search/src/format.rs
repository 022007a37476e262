//! The index's byte layout, shared by the writer and the reader. All integers are LEB128
//! varints. Every file is gzip-compressed on disk; these layouts are what is inside.
//!
//! Root:       `QSR2` docs chunk_size
//!             dictionary_count (first_ordinal len first_term part)…
//!             postings_count (first_ordinal part)… chunk_count part…
//! Part:       0 len bytes (the part itself, inline: small blogs need one request) | 1 len name
//! Dictionary: len fst (term → position in the shard), then df… in term order
//! Postings:   for each term of its range, in term order: len postings
//!             postings = (doc-id delta, impact byte)…, doc ids ascending
//! Chunk:      the post files of `chunk_size` consecutive documents, joined by `\n`.

use std::fmt;

pub(crate) const MAGIC: &[u8; 4] = b"QSR2";

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
}

/// One posting: a document and how well the term describes it (BM25F's saturated term
/// frequency, quantised to 1..=[`IMPACT_LEVELS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Posting {
    pub(crate) doc: u32,
    pub(crate) impact: u8,
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
        postings.push(Posting {
            doc,
            impact: reader.byte()?,
        });
    }
    Ok(postings)
}

#[cfg(test)]
mod tests {
    use super::*;

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
