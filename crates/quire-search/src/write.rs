//! Writes the index (the build step). Documents are tokenised on their own ([`DocumentTerms`],
//! which can run in parallel), then added in their final order, then written as files.

use std::io::Write;

use flate2::write::DeflateEncoder;
use flate2::Compression;
use quire_model::{PostSummary, TocEntry};
use rayon::prelude::*;

use crate::fast_hash::FastMap;
use crate::format::{
    filter_term, impact_and_passage, put_bytes, put_varint, shard_file, typo_keys, typo_value,
    Card, PartRef, IMPACT_LEVELS, MAGIC,
};
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

/// Documents per group of result cards. A group's cards are named by a hash of them all and
/// the document's id, so a result's card is found without a table of names; editing a post
/// renames the cards of its group only.
const CARD_GROUP: usize = 128;
/// A post's text is cut into passages of about this many bytes: a snippet downloads one of
/// them (about half of it, compressed), not the post. 1 KB made the snippets of a results
/// page 30% smaller but cost the 10,000-post build 0.2 s more (twice the files; BENCHMARKS.md).
const PASSAGE_BYTES: usize = 2048;
/// Postings shards are cut at about this many bytes (before compression). Smaller shards make
/// a larger root (a reader's first query) and smaller later queries: on the Rust docs, shards
/// of half the size made the root 4.6 → 9.6 KB and later queries' index parts 8.7 → 5.0 KB at
/// p95 (BENCHMARKS.md).
const POSTINGS_BYTES: usize = 768;
/// Dictionary shards too: a query word needs one or two of them.
const DICTIONARY_BYTES: usize = 768;
/// And typo shards: a misspelt word needs about three of them, one key each.
const TYPO_BYTES: usize = 512;
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
    /// Each term's end in `terms`, its counts, and the passage where it first occurs.
    counts: Vec<(u32, FieldCounts, u32)>,
    /// The body's text, cut into passages of about [`PASSAGE_BYTES`] (see [`passages`]).
    passages: Vec<String>,
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
        let mut forms: FastMap<String, (FieldCounts, u32)> =
            FastMap::with_capacity_and_hasher(text.body.len() / 20, Default::default());
        let mut lengths = [0u32; 4];
        let cuts = passage_starts(text.body);
        let mut add = |field: Field, text: &str| {
            let f = field as usize;
            each_form(text, |form, start, _| {
                lengths[f] += 1;
                let (counts, first) = match forms.get_mut(form) {
                    Some(counts) => counts,
                    None => forms.entry(form.to_owned()).or_insert(([0; 4], u32::MAX)),
                };
                counts[f] = counts[f].saturating_add(1);
                if field == Field::Body && *first == u32::MAX {
                    *first = (cuts.partition_point(|&cut| cut <= start) - 1) as u32;
                }
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
        let mut counts: FastMap<String, (FieldCounts, u32)> =
            FastMap::with_capacity_and_hasher(forms.len(), Default::default());
        for (form, (form_counts, first)) in forms {
            with_term(&form, |term| {
                if !is_indexed(term) {
                    return;
                }
                let total = counts.entry(term.to_owned()).or_insert(([0; 4], u32::MAX));
                for (sum, n) in total.0.iter_mut().zip(form_counts) {
                    *sum = sum.saturating_add(n);
                }
                total.1 = total.1.min(first);
            });
        }
        let mut terms = String::new();
        let counts = counts
            .into_iter()
            .map(|(term, (counts, first))| {
                terms.push_str(&term);
                // A word of the title or tags only: its snippet is the text's start.
                let passage = if first == u32::MAX { 0 } else { first };
                (terms.len() as u32, counts, passage)
            })
            .collect();
        let passages = cuts
            .iter()
            .zip(cuts.iter().skip(1).chain([&text.body.len()]))
            .map(|(&start, &end)| text.body[start..end].trim().to_owned())
            .filter(|passage| !passage.is_empty() || cuts.len() > 1)
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
            passages,
            lengths,
            filters,
            body_words,
        }
    }
}

/// Occurrences of a term in each [`Field`] of one document.
type FieldCounts = [u16; 4];
/// Where passages are cut in `body`: their starts, the first at 0. A cut falls on the first
/// space after every [`PASSAGE_BYTES`] (or, in text without spaces, on the next character),
/// so no word is split; a last piece shorter than a quarter passage stays with the one before.
fn passage_starts(body: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut at = PASSAGE_BYTES;
    while at + PASSAGE_BYTES / 4 < body.len() {
        let window = &body.as_bytes()[at..(at + PASSAGE_BYTES / 4).min(body.len())];
        let cut = match window.iter().position(|&b| b == b' ') {
            Some(space) => at + space + 1,
            None => (at..body.len())
                .find(|&i| body.is_char_boundary(i))
                .unwrap_or(body.len()),
        };
        if cut + PASSAGE_BYTES / 4 >= body.len() {
            break;
        }
        starts.push(cut);
        at = cut + PASSAGE_BYTES;
    }
    starts
}

/// A term's documents, ascending, with its counts in each and the passage it first occurs in.
type Occurrences = Vec<(u32, FieldCounts, u32)>;

/// What a result shows of its post (see [`Card`]), given to [`IndexWriter::add`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResultCard {
    pub title: String,
    pub path: String,
    /// RFC 3339.
    pub date: String,
    /// (name, slug) of each tag.
    pub tags: Vec<(String, String)>,
}

impl ResultCard {
    pub fn of_post(post: &PostSummary) -> Self {
        Self {
            title: post.title.clone(),
            path: post.path.clone(),
            date: post.date.as_str().to_owned(),
            tags: (post.tags.iter())
                .map(|tag| (tag.name.clone(), tag.slug.clone()))
                .collect(),
        }
    }
}

/// The index being built, documents in id order.
#[derive(Default)]
pub struct IndexWriter {
    /// Each document's card and the passages of its text, by id.
    cards: Vec<(ResultCard, Vec<String>)>,
    lengths: Vec<[u32; 4]>,
    postings: FastMap<String, Occurrences>,
}

/// Files by their path inside the bundle, with their (compressed) bytes.
pub type Files = Vec<(String, Vec<u8>)>;

/// The written index: files by their path inside the bundle; `root` is the one to open.
#[derive(Debug)]
pub struct IndexFiles {
    pub root: String,
    pub files: Files,
}

/// A filter posting's term counts: filters only select, they do not rank.
const FILTER_ONLY: FieldCounts = [0; 4];

impl IndexWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next document, shown in results as `card`; its id is the number of documents
    /// added before it.
    pub fn add(&mut self, card: ResultCard, terms: DocumentTerms) {
        let doc = self.cards.len() as u32;
        self.cards.push((card, terms.passages));
        self.lengths.push(terms.lengths);
        let mut start = 0;
        for (end, counts, passage) in terms.counts {
            let term = &terms.terms[start..end as usize];
            start = end as usize;
            let occurrence = (doc, counts, passage);
            match self.postings.get_mut(term) {
                Some(list) => list.push(occurrence),
                None => drop(self.postings.insert(term.to_owned(), vec![occurrence])),
            }
        }
        for term in terms.filters {
            let list = self.postings.entry(term).or_default();
            if list.last().map(|&(last, _, _)| last) != Some(doc) {
                list.push((doc, FILTER_ONLY, 0));
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
        // Dictionary shards, as (first ordinal, separator, shard).
        let mut dictionaries: Vec<(u64, Vec<u8>, Vec<u8>)> = Vec::new();
        let (mut first, mut size) = (0, 0);
        for end in 0..=terms.len() {
            let full = end == terms.len() || size + terms[end].0.len() + 4 > DICTIONARY_BYTES;
            if full && end > first {
                let shard = encode_dictionary(&terms[first..end]);
                let previous = first.checked_sub(1).map(|last| terms[last].0.as_bytes());
                let separator = separator(previous, terms[first].0.as_bytes());
                dictionaries.push((first as u64, separator, shard));
                (first, size) = (end, 0);
            }
            size += terms.get(end).map_or(0, |(term, _)| term.len() + 4);
        }
        // Typo shards, as (first key, shard), when the dictionary is not in the root (see
        // `format::typo_keys`).
        let dictionary_bytes: usize = dictionaries.iter().map(|d| d.2.len()).sum();
        let typos = if dictionary_bytes > INLINE_DICTIONARY_BYTES {
            typo_shards(&terms)
        } else {
            Vec::new()
        };
        // A post of one passage keeps it in its card (one request for the result).
        let cards: Vec<Vec<u8>> = (self.cards.iter())
            .map(|(card, passages)| {
                Card {
                    title: card.title.clone(),
                    path: card.path.clone(),
                    date: card.date.clone(),
                    tags: card.tags.clone(),
                    passage_count: passages.len() as u32,
                    text: (passages.len() == 1).then(|| passages[0].clone()),
                }
                .write()
            })
            .collect();
        let passage_bytes: usize = (self.cards.iter())
            .filter(|(_, passages)| passages.len() > 1)
            .flat_map(|(_, passages)| passages.iter().map(String::len))
            .sum();

        // Small blogs get everything in one file; larger ones keep a small dictionary in the
        // root (one round trip to know what to fetch) and the rest in files.
        let rest_bytes: usize = postings.iter().map(|p| p.1.len()).sum::<usize>()
            + cards.iter().map(Vec::len).sum::<usize>()
            + passage_bytes;
        let inline_all = dictionary_bytes + rest_bytes <= INLINE_BYTES;
        let inline_dictionary = inline_all || dictionary_bytes <= INLINE_DICTIONARY_BYTES;
        // Shards are named by their place under a hash of them all: almost any change to the
        // blog changes most of them (a new post renumbers every document), so names by
        // content would keep few files and cost the root a name each.
        let parts: Vec<(char, usize, &[u8], bool)> = (dictionaries.iter().enumerate())
            .map(|(i, d)| ('d', i, d.2.as_slice(), inline_dictionary))
            .chain((postings.iter().enumerate()).map(|(i, p)| ('p', i, p.1.as_slice(), inline_all)))
            .chain((typos.iter().enumerate()).map(|(i, t)| ('t', i, t.1.as_slice(), inline_all)))
            .collect();
        // Names hash what is inside and the format's magic: a file of another format (another
        // compression) never keeps its name, so a rebuild never leaves an old one in place.
        let hash = quire_model::files::content_hash_of(
            [MAGIC.as_slice()]
                .into_iter()
                .chain(parts.iter().map(|part| part.2)),
        );
        let prefix = format!("{dir}/{hash}-");
        // Compressing is the slow part of writing: each file on its own core.
        let named: Vec<Option<(String, Vec<u8>)>> = parts
            .par_iter()
            .map(|&(kind, place, bytes, inline)| {
                (!inline).then(|| (shard_file(&prefix, kind, place), deflate(bytes)))
            })
            .collect();
        let mut part_refs = parts.iter().zip(&named).map(|((_, _, bytes, _), file)| {
            let mut out = Vec::new();
            match file {
                Some(_) => PartRef::File(String::new()),
                None => PartRef::Inline(bytes.to_vec()),
            }
            .write(&mut out);
            out
        });
        // Cards and passages by groups of documents, each group named by a hash of its own.
        // Each group's entry in the root, and its files.
        let groups: Vec<(Vec<u8>, Files)> = (cards.par_chunks(CARD_GROUP))
            .zip(self.cards.par_chunks(CARD_GROUP))
            .enumerate()
            .map(|(group, (cards, texts))| {
                let passages = texts.iter().flat_map(|(_, passages)| passages);
                let hash = quire_model::files::content_hash_of(
                    [MAGIC.as_slice()]
                        .into_iter()
                        .chain(cards.iter().map(Vec::as_slice))
                        .chain(passages.map(String::as_bytes)),
                );
                let prefix = format!("{dir}/{hash}-");
                let mut files = Vec::new();
                for (i, (_, passages)) in texts.iter().enumerate().filter(|t| t.1 .1.len() > 1) {
                    let doc = group * CARD_GROUP + i;
                    for (p, text) in passages.iter().enumerate() {
                        files.push((
                            format!("{prefix}{doc}.{p}.bin"),
                            deflate_small(text.as_bytes()),
                        ));
                    }
                }
                let mut entry = Vec::new();
                put_bytes(&mut entry, prefix.as_bytes());
                if inline_all {
                    let mut inline = Vec::new();
                    for card in cards {
                        put_bytes(&mut inline, card);
                    }
                    PartRef::Inline(inline).write(&mut entry);
                } else {
                    PartRef::File(String::new()).write(&mut entry);
                    for (i, card) in cards.iter().enumerate() {
                        let doc = group * CARD_GROUP + i;
                        files.push((format!("{prefix}{doc}.bin"), deflate_small(card)));
                    }
                }
                (entry, files)
            })
            .collect();

        let mut root = MAGIC.to_vec();
        put_varint(&mut root, self.cards.len() as u64);
        put_bytes(&mut root, prefix.as_bytes());
        put_varint(&mut root, dictionaries.len() as u64);
        // Each shard's first ordinal as the difference from the one before: smaller numbers.
        let mut previous = 0;
        for (first, separator, _) in &dictionaries {
            put_varint(&mut root, first - previous);
            previous = *first;
            put_bytes(&mut root, separator);
            root.extend(part_refs.next().expect("one per dictionary"));
        }
        put_varint(&mut root, postings.len() as u64);
        let mut previous = 0;
        for (first, _) in &postings {
            put_varint(&mut root, first - previous);
            previous = *first;
            root.extend(part_refs.next().expect("one per shard"));
        }
        put_varint(&mut root, typos.len() as u64);
        for (first, _) in &typos {
            put_bytes(&mut root, first);
            root.extend(part_refs.next().expect("one per typo shard"));
        }
        put_varint(&mut root, CARD_GROUP as u64);
        put_varint(&mut root, groups.len() as u64);
        let mut files: Vec<(String, Vec<u8>)> = named.into_iter().flatten().collect();
        for (entry, cards) in groups {
            root.extend(entry);
            files.extend(cards);
        }
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

/// What the root keeps of a shard's first key: its shortest start that sorts after the key
/// before it (the last of the shard before), so that a lookup still finds the one shard a key
/// can be in; nothing for the first shard. Most of a root's bytes, before: a 30% smaller root
/// on the Rust docs.
fn separator(previous: Option<&[u8]>, first: &[u8]) -> Vec<u8> {
    let Some(previous) = previous else {
        return Vec::new();
    };
    let len = (1..=first.len())
        .find(|&len| &first[..len] > previous)
        .unwrap_or(first.len());
    first[..len].to_vec()
}

/// The typo shards of `terms` (sorted; a term's ordinal is its place): every term's
/// [`typo_keys`], sorted, each mapped to its [`typo_value`], cut into fsts of about
/// [`TYPO_BYTES`], as (first key, fst).
fn typo_shards(terms: &[(String, Occurrences)]) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut keys: Vec<(Vec<u8>, u64)> = (terms.par_iter().enumerate())
        .flat_map_iter(|(ordinal, (term, list))| {
            let value = typo_value(ordinal as u64, list.len() as u32);
            typo_keys(term).into_iter().map(move |key| (key, value))
        })
        .collect();
    keys.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut shards = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for end in 0..=keys.len() {
        let full = end == keys.len() || size + keys[end].0.len() + 4 > TYPO_BYTES;
        if full && end > start {
            let fst = fst::Map::from_iter(keys[start..end].iter().map(|(k, v)| (k, *v)))
                .expect("typo keys are sorted and distinct")
                .into_fst()
                .into_inner();
            let mut shard = Vec::new();
            put_bytes(&mut shard, &fst);
            let previous = start.checked_sub(1).map(|last| keys[last].0.as_slice());
            shards.push((separator(previous, &keys[start].0), shard));
            (start, size) = (end, 0);
        }
        size += keys.get(end).map_or(0, |(key, _)| key.len() + 4);
    }
    shards
}

/// Postings with their impacts: BM25F's saturated, weighted term frequency, quantised.
fn encode_postings(
    list: &[(u32, FieldCounts, u32)],
    lengths: &[[u32; 4]],
    averages: &[f32; 4],
) -> Vec<u8> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut previous = 0;
    for &(doc, counts, passage) in list {
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
        put_varint(&mut out, impact_and_passage(impact, passage));
        previous = doc;
    }
    out
}

/// Raw deflate for the many small files (cards, passages: tens of thousands at 10,000 posts):
/// one compressor a thread, reset for each, with a 2 KB window. A fresh default one allocates
/// and clears some 300 KB first, which was most of the time it took for a 1 KB passage.
fn deflate_small(bytes: &[u8]) -> Vec<u8> {
    use std::cell::RefCell;

    use flate2::{Compress, FlushCompress, Status};
    thread_local! {
        static COMPRESS: RefCell<Compress> =
            RefCell::new(Compress::new_with_window_bits(Compression::default(), false, 11));
    }
    COMPRESS.with_borrow_mut(|compress| {
        compress.reset();
        let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
        loop {
            let read = compress.total_in() as usize;
            let status = compress
                .compress_vec(&bytes[read..], &mut out, FlushCompress::Finish)
                .expect("compressing in memory");
            if status == Status::StreamEnd {
                return out;
            }
            out.reserve(out.capacity().max(64));
        }
    })
}

/// Every file of the index is raw deflate (no gzip header and trailer: 18 B a file, some 4% of
/// a reader's query of small parts), which browsers inflate with `DecompressionStream`.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// A file of the index as its reader sees it: inflated (for tools and tests; the app has the
/// browser do it).
pub fn inflate(compressed: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::DeflateDecoder::new(compressed),
        &mut bytes,
    )?;
    Ok(bytes)
}

/// Compresses `bytes` and names the file by its content, so a redeploy never mixes parts.
fn named_file(dir: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let compressed = deflate(bytes);
    // A stable 64-bit name, not a defence against anyone.
    (
        format!(
            "{dir}/{}.bin",
            quire_model::files::content_hash(&compressed)
        ),
        compressed,
    )
}

#[cfg(test)]
mod tests {
    use super::separator;

    #[test]
    fn separators_are_the_shortest_starts_that_sort_after_the_key_before() {
        assert_eq!(separator(None, b"borrow"), b"");
        assert_eq!(separator(Some(b"bold"), b"borrow"), b"bor");
        assert_eq!(separator(Some(b"borrow"), b"borrowed"), b"borrowe");
        assert_eq!(separator(Some(b"ab"), b"b"), b"b");
        for (before, first) in [("bold", "borrow"), ("bor", "bora"), ("a\u{e9}", "a\u{e9}b")] {
            let separator = separator(Some(before.as_bytes()), first.as_bytes());
            assert!(before.as_bytes() < separator.as_slice());
            assert!(separator.as_slice() <= first.as_bytes());
        }
    }
}
