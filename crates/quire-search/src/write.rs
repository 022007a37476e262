//! Writes the index (the build step). Documents are tokenised on their own ([`DocumentTerms`],
//! which can run in parallel), then added in their final order, then written as files.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use quire_model::{PostSummary, TocEntry};
use rayon::prelude::*;

use crate::fast_hash::FastMap;
use crate::format::{filter_term, put_bytes, put_varint, FILE, IMPACT_LEVELS, INLINE, MAGIC};
use crate::text::{each_form, is_indexed, with_term, WordCount};

/// The fields a term can occur in, most telling first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title = 0,
    Tags = 1,
    Headings = 2,
    Body = 3,
}

/// BM25F: how much an occurrence in each field counts, and how much its length normalises.
const FIELD_WEIGHT: [f32; 4] = [6.0, 4.0, 2.5, 1.0];
const FIELD_LENGTH_NORM: [f32; 4] = [0.5, 0.3, 0.6, 0.75];
pub(crate) const K1: f32 = 1.2;

/// Documents per table of post files: a result page touches few of them.
const CHUNK_SIZE: usize = 64;
/// Postings shards are cut at about this many bytes (before compression).
const POSTINGS_BYTES: usize = 8 * 1024;
/// Dictionary shards too: a query word needs one or two of them.
const DICTIONARY_BYTES: usize = 8 * 1024;
/// An index smaller than this goes out as a single file.
const INLINE_BYTES: usize = 48 * 1024;
/// A dictionary smaller than this stays in the root file.
const INLINE_DICTIONARY_BYTES: usize = 24 * 1024;

/// One document's terms, counted by field. Made where posts are loaded in parallel, as all the
/// per-word work is here.
///
/// Kept until every post is loaded, so kept small: the terms in one string rather than a
/// string each (at 10,000 posts that was 3 million allocations and a third of the build's
/// memory).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct DocumentTerms {
    /// The terms, one after another.
    terms: String,
    /// Each term's end in `terms`, and its counts.
    counts: Vec<(u32, FieldCounts)>,
    lengths: [u32; 4],
    filters: Vec<String>,
    /// The body's words, counted on the way: the post's length (not kept in the build's
    /// cache, which keeps the length in the post).
    #[serde(skip)]
    body_words: WordCount,
}

/// What the index is told about one document.
pub struct DocumentText<'a> {
    pub title: &'a str,
    /// Names, for words; slugs, for `tag:` filters.
    pub tags: &'a [(&'a str, &'a str)],
    /// Slugs of every category the document is in, at any level, for `category:` filters.
    pub categories: &'a [&'a str],
    pub headings: &'a [&'a str],
    pub body: &'a str,
}

impl DocumentTerms {
    /// A post's terms: its title, tags, categories, the headings of its table of contents, and
    /// `text`, its body as plain text.
    pub fn of_post(post: &PostSummary, toc: &[TocEntry], text: &str) -> Self {
        fn headings<'a>(toc: &'a [TocEntry], out: &mut Vec<&'a str>) {
            for entry in toc {
                out.push(&entry.text);
                headings(&entry.children, out);
            }
        }
        let mut heading_texts = Vec::new();
        headings(toc, &mut heading_texts);
        let tags: Vec<(&str, &str)> = post
            .tags
            .iter()
            .map(|tag| (tag.name.as_str(), tag.slug.as_str()))
            .collect();
        let categories: Vec<&str> = post
            .categories
            .iter()
            .flatten()
            .map(|category| category.slug.as_str())
            .collect();
        Self::new(&DocumentText {
            title: &post.title,
            tags: &tags,
            categories: &categories,
            headings: &heading_texts,
            body: text,
        })
    }

    /// The words of the body (see [`each_form`]).
    pub fn body_words(&self) -> WordCount {
        self.body_words
    }

    pub fn new(text: &DocumentText<'_>) -> Self {
        // Sized for the distinct words of a post this long (about one in twenty bytes of a
        // 700-word post's text): growing both maps cost 6% of the build step at 10,000 posts.
        let mut forms: FastMap<String, FieldCounts> =
            FastMap::with_capacity_and_hasher(text.body.len() / 20, Default::default());
        let mut lengths = [0u32; 4];
        let mut add = |field: Field, text: &str| {
            let f = field as usize;
            each_form(text, |form, _, _| {
                lengths[f] += 1;
                let counts = match forms.get_mut(form) {
                    Some(counts) => counts,
                    None => forms.entry(form.to_owned()).or_default(),
                };
                counts[f] = counts[f].saturating_add(1);
            })
        };
        add(Field::Title, text.title);
        for (name, _) in text.tags {
            add(Field::Tags, name);
        }
        for heading in text.headings {
            add(Field::Headings, heading);
        }
        let body_words = add(Field::Body, text.body);

        // Stemming once per distinct word form: `run`, `runs` and `running` meet here.
        let mut counts: FastMap<String, FieldCounts> =
            FastMap::with_capacity_and_hasher(forms.len(), Default::default());
        for (form, form_counts) in forms {
            with_term(&form, |term| {
                if !is_indexed(term) {
                    return;
                }
                let total = counts.entry(term.to_owned()).or_default();
                for (sum, n) in total.iter_mut().zip(form_counts) {
                    *sum = sum.saturating_add(n);
                }
            });
        }
        let mut terms = String::new();
        let counts = counts
            .into_iter()
            .map(|(term, counts)| {
                terms.push_str(&term);
                (terms.len() as u32, counts)
            })
            .collect();
        let filters = text
            .tags
            .iter()
            .map(|(_, slug)| filter_term("tag", slug))
            .chain(
                text.categories
                    .iter()
                    .map(|slug| filter_term("category", slug)),
            )
            .collect();
        Self {
            terms,
            counts,
            lengths,
            filters,
            body_words,
        }
    }
}

/// Occurrences of a term in each [`Field`] of one document.
type FieldCounts = [u16; 4];
/// A term's documents, ascending, with its counts in each.
type Occurrences = Vec<(u32, FieldCounts)>;

/// The index being built, documents in id order.
#[derive(Default)]
pub struct IndexWriter {
    /// Each document's post file, by id.
    post_files: Vec<String>,
    lengths: Vec<[u32; 4]>,
    postings: FastMap<String, Occurrences>,
}

/// The written index: files by their path inside the bundle; `root` is the one to open.
#[derive(Debug)]
pub struct IndexFiles {
    pub root: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// A filter posting's term counts: filters only select, they do not rank.
const FILTER_ONLY: FieldCounts = [0; 4];

impl IndexWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next document, the post file `post_file`; its id is the number of documents
    /// added before it.
    pub fn add(&mut self, post_file: &str, terms: DocumentTerms) {
        let doc = self.post_files.len() as u32;
        self.post_files.push(post_file.to_owned());
        self.lengths.push(terms.lengths);
        let mut start = 0;
        for (end, counts) in terms.counts {
            let term = &terms.terms[start..end as usize];
            start = end as usize;
            let occurrence = (doc, counts);
            match self.postings.get_mut(term) {
                Some(list) => list.push(occurrence),
                None => drop(self.postings.insert(term.to_owned(), vec![occurrence])),
            }
        }
        for term in terms.filters {
            let list = self.postings.entry(term).or_default();
            if list.last().map(|&(last, _)| last) != Some(doc) {
                list.push((doc, FILTER_ONLY));
            }
        }
    }

    /// Writes the index as files under `dir` (a path inside the bundle, like `search`).
    pub fn finish(self, dir: &str) -> IndexFiles {
        let averages = self.average_lengths();
        let mut terms: Vec<(String, Occurrences)> = self.postings.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));

        let mut postings: Vec<(u64, Vec<u8>)> = Vec::new();
        for (ordinal, (_, list)) in terms.iter().enumerate() {
            let encoded = encode_postings(list, &self.lengths, &averages);
            match postings.last_mut() {
                Some((_, shard)) if shard.len() + encoded.len() <= POSTINGS_BYTES => {
                    put_bytes(shard, &encoded)
                }
                _ => {
                    let mut shard = Vec::new();
                    put_bytes(&mut shard, &encoded);
                    postings.push((ordinal as u64, shard));
                }
            }
        }
        // Dictionary shards, as (first ordinal, first term, shard).
        let mut dictionaries: Vec<(u64, String, Vec<u8>)> = Vec::new();
        let (mut first, mut size) = (0, 0);
        for end in 0..=terms.len() {
            let full = end == terms.len() || size + terms[end].0.len() + 4 > DICTIONARY_BYTES;
            if full && end > first {
                let shard = encode_dictionary(&terms[first..end]);
                dictionaries.push((first as u64, terms[first].0.clone(), shard));
                (first, size) = (end, 0);
            }
            size += terms.get(end).map_or(0, |(term, _)| term.len() + 4);
        }
        let chunks: Vec<Vec<u8>> = self
            .post_files
            .chunks(CHUNK_SIZE)
            .map(|files| files.join("\n").into_bytes())
            .collect();

        // Small blogs get everything in one file; larger ones keep a small dictionary in the
        // root (one round trip to know what to fetch) and the rest in files.
        let dictionary_bytes: usize = dictionaries.iter().map(|d| d.2.len()).sum();
        let rest_bytes: usize = postings.iter().map(|p| p.1.len()).sum::<usize>()
            + chunks.iter().map(Vec::len).sum::<usize>();
        let inline_all = dictionary_bytes + rest_bytes <= INLINE_BYTES;
        let inline_dictionary = inline_all || dictionary_bytes <= INLINE_DICTIONARY_BYTES;
        let parts: Vec<(&[u8], bool)> = dictionaries
            .iter()
            .map(|d| (d.2.as_slice(), inline_dictionary))
            .chain(postings.iter().map(|p| (p.1.as_slice(), inline_all)))
            .chain(chunks.iter().map(|c| (c.as_slice(), inline_all)))
            .collect();
        // Compressing is the slow part of writing: each file on its own core.
        let named: Vec<Option<(String, Vec<u8>)>> = parts
            .par_iter()
            .map(|&(bytes, inline)| (!inline).then(|| named_file(dir, bytes)))
            .collect();
        let mut part_refs = parts.iter().zip(&named).map(|(&(bytes, _), file)| {
            let mut out = Vec::new();
            match file {
                Some((name, _)) => {
                    out.push(FILE);
                    put_bytes(&mut out, name.as_bytes());
                }
                None => {
                    out.push(INLINE);
                    put_bytes(&mut out, bytes);
                }
            }
            out
        });

        let mut root = MAGIC.to_vec();
        put_varint(&mut root, self.post_files.len() as u64);
        put_varint(&mut root, CHUNK_SIZE as u64);
        put_varint(&mut root, dictionaries.len() as u64);
        for (first, first_term, _) in &dictionaries {
            put_varint(&mut root, *first);
            put_bytes(&mut root, first_term.as_bytes());
            root.extend(part_refs.next().expect("one per dictionary"));
        }
        put_varint(&mut root, postings.len() as u64);
        for (first, _) in &postings {
            put_varint(&mut root, *first);
            root.extend(part_refs.next().expect("one per shard"));
        }
        put_varint(&mut root, chunks.len() as u64);
        root.extend(part_refs.flatten());
        let mut files: Vec<(String, Vec<u8>)> = named.into_iter().flatten().collect();
        let (root, bytes) = named_file(dir, &root);
        files.push((root.clone(), bytes));
        IndexFiles { root, files }
    }

    fn average_lengths(&self) -> [f32; 4] {
        let mut sums = [0f64; 4];
        for lengths in &self.lengths {
            for (sum, &len) in sums.iter_mut().zip(lengths) {
                *sum += f64::from(len);
            }
        }
        let docs = self.lengths.len().max(1) as f64;
        sums.map(|sum| ((sum / docs) as f32).max(1.0))
    }
}

/// A dictionary shard: its terms as an `fst` (term → position in the shard), then each term's
/// document frequency.
fn encode_dictionary(terms: &[(String, Occurrences)]) -> Vec<u8> {
    let fst = fst::Map::from_iter(
        terms
            .iter()
            .enumerate()
            .map(|(i, (term, _))| (term, i as u64)),
    )
    .expect("terms are sorted and distinct")
    .into_fst()
    .into_inner();
    let mut out = Vec::new();
    put_bytes(&mut out, &fst);
    for (_, list) in terms {
        put_varint(&mut out, list.len() as u64);
    }
    out
}

/// Postings with their impacts: BM25F's saturated, weighted term frequency, quantised.
fn encode_postings(
    list: &[(u32, FieldCounts)],
    lengths: &[[u32; 4]],
    averages: &[f32; 4],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut previous = 0;
    for &(doc, counts) in list {
        let doc_lengths = &lengths[doc as usize];
        let weighted: f32 = (0..4)
            .map(|f| {
                let norm = 1.0 - FIELD_LENGTH_NORM[f]
                    + FIELD_LENGTH_NORM[f] * doc_lengths[f] as f32 / averages[f];
                FIELD_WEIGHT[f] * f32::from(counts[f]) / norm
            })
            .sum();
        let saturated = weighted / (K1 + weighted);
        let impact = (saturated * f32::from(IMPACT_LEVELS)).ceil() as u8;
        put_varint(&mut out, u64::from(doc - previous));
        out.push(impact.clamp(1, IMPACT_LEVELS));
        previous = doc;
    }
    out
}

/// Compresses `bytes` and names the file by its content, so a redeploy never mixes parts.
fn named_file(dir: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    let compressed = encoder.finish().expect("writing to memory");
    // A stable 64-bit name, not a defence against anyone.
    (
        format!(
            "{dir}/{}.bin",
            quire_model::files::content_hash(&compressed)
        ),
        compressed,
    )
}
