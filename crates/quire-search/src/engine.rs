//! Answers queries from the parts of the index at hand. No I/O here: the app fetches what
//! [`Searcher::needs`] names and hands it to [`Searcher::add_part`].

use fst::automaton::Str;
use fst::{Automaton, IntoStreamer, Streamer};

use crate::expand::{distance, Typos};
use crate::format::{
    decode_postings, filter_term, shard_file, term_of_typo_key, typo_ordinal_and_df, typo_variants,
    Card, FormatError, PartRef, Posting, Reader, IMPACT_LEVELS,
};
use crate::query::{Query, QueryWord};

/// The most documents an index may say it has: a query allocates a few bytes for each, so a
/// damaged count must not ask the browser for gigabytes. 100 times the largest blog measured.
const MAX_DOCS: u32 = 10_000_000;
/// How much a match counts, by how the word matched: exact, as the start of a longer word,
/// as a word whose stem it begins with, or with typos. Exact matches rank first.
/// Each is (weight, typos).
const EXACT: (f32, u8) = (1.0, 0);
const STEM_OF_PREFIX: (f32, u8) = (0.9, 0);
const PREFIX: (f32, u8) = (0.7, 0);
/// A finished word may still be the start of the word meant (`fort` for `fortytwo`).
const FINISHED_PREFIX: (f32, u8) = (0.5, 0);
const ONE_TYPO: (f32, u8) = (0.4, 1);
const TWO_TYPOS: (f32, u8) = (0.25, 2);
/// At most this many longer words per prefix, and this many near misses per word (the most
/// frequent): each may cost a shard to fetch.
const PREFIX_LIMIT: usize = 8;
/// Longer prefixes begin fewer words, which sit side by side in the same shards.
const LONG_PREFIX_LIMIT: usize = 32;
/// Finished words are taken as prefixes from this many letters.
const FINISHED_PREFIX_LETTERS: usize = 4;
const TYPO_LIMIT: usize = 6;

/// An index opened from its root, filling in as parts arrive.
pub struct Searcher {
    docs: u32,
    /// Dictionary shards by term range: each one's separator (see [`crate::format`]), first
    /// ordinal and contents.
    dictionary_separators: Vec<Vec<u8>>,
    dictionary_starts: Vec<u64>,
    dictionaries: Vec<Part<Dictionary>>,
    shard_starts: Vec<u64>,
    shards: Vec<Part<Vec<Vec<u8>>>>,
    /// Typo shards by key range (see [`crate::format::typo_keys`]): each one's separator and
    /// contents. None when the whole dictionary is in the root.
    typo_separators: Vec<Vec<u8>>,
    typos: Vec<Part<fst::Map<Vec<u8>>>>,
    /// Result cards: documents per group, and each group's file name prefix, with whether
    /// its cards are files (or were inline in the root, and in `cards` from the start).
    group_size: usize,
    group_prefixes: Vec<(String, bool)>,
    cards: Sorted<u32, Card>,
    /// The passages fetched, by document and number.
    passages: Sorted<(u32, u32), String>,
}

/// A map kept as a vector sorted by key: a query adds a few entries, and the app's wasm needs
/// no map type's code for it (a `BTreeMap` of each kind was some 4 KB gzip of search's module).
struct Sorted<K, V>(Vec<(K, V)>);

impl<K, V> Default for Sorted<K, V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<K: Ord + Copy, V> Sorted<K, V> {
    fn get(&self, key: K) -> Option<&V> {
        let at = self.0.binary_search_by_key(&key, |entry| entry.0).ok()?;
        Some(&self.0[at].1)
    }

    fn insert(&mut self, key: K, value: V) {
        match self.0.binary_search_by_key(&key, |entry| entry.0) {
            Ok(at) => self.0[at].1 = value,
            Err(at) => self.0.insert(at, (key, value)),
        }
    }
}

/// One dictionary shard: its terms (→ position in the shard) and their document frequencies.
struct Dictionary {
    terms: fst::Map<Vec<u8>>,
    dfs: Vec<u32>,
}

/// A part inline in the root has no name: it is there from the start.
struct Part<T> {
    name: String,
    data: Option<T>,
}

impl<T> Part<T> {
    /// A part of the root: inline, or the file `name` (the file of a shard is named by its
    /// kind and place, `{prefix}d12.bin`, which the root does not repeat).
    fn read(
        reader: &mut Reader<'_>,
        name: String,
        parse: impl Fn(&[u8]) -> Result<T, FormatError>,
    ) -> Result<Self, FormatError> {
        Ok(match PartRef::read(reader)? {
            PartRef::Inline(bytes) => Part {
                name: String::new(),
                data: Some(parse(&bytes)?),
            },
            PartRef::File(_) => Part { name, data: None },
        })
    }

    fn missing_name(&self) -> Option<&str> {
        self.data.is_none().then_some(self.name.as_str())
    }
}

/// A query matched against the dictionary: for each word, the terms it may mean.
#[derive(Debug)]
struct Plan {
    words: Vec<Vec<Expansion>>,
    /// `None`: the filter names a tag or category no post has.
    filters: Vec<Option<u64>>,
    phrases: Vec<Vec<String>>,
}

#[derive(Debug)]
struct Expansion {
    ordinal: u64,
    term: String,
    weight: f32,
    typos: u8,
}

/// One result: a document id (its position in the site's newest-first list) and its rank.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
    /// Typos forgiven to match it, over all words: any exact match ranks above every typo.
    pub typos: u8,
    /// The passage of its text to cut the snippet from: where its best matched term first
    /// occurs (see [`Searcher::passage`]).
    pub passage: u32,
}

/// Results, best first.
#[derive(Debug, Default)]
pub struct Ranked {
    pub hits: Vec<Hit>,
    /// False when no document has every word and these are documents with some of them.
    pub all_words: bool,
    /// The terms that matched, to mark in snippets.
    pub terms: Vec<String>,
    /// Phrases the caller must check in each result's text (see [`crate::snippet::contains_phrase`]).
    pub phrases: Vec<Vec<String>>,
}

impl Searcher {
    /// Opens an index from its root file (decompressed).
    /// Opens the index whose root is `root`: `FormatError` for anything but what the build
    /// step writes (a search then reports it; it never panics the app).
    pub fn open(root: &[u8]) -> Result<Self, FormatError> {
        let mut reader = Reader::new(root);
        reader.magic()?;
        let docs = u32::try_from(reader.varint()?)
            .ok()
            .filter(|&docs| docs <= MAX_DOCS)
            .ok_or(FormatError("doc count"))?;
        let prefix = std::str::from_utf8(reader.bytes()?)
            .map_err(|_| FormatError("prefix"))?
            .to_owned();
        let mut dictionary_starts = Vec::new();
        let mut dictionary_separators = Vec::new();
        let mut dictionaries = Vec::new();
        for _ in 0..reader.count()? {
            let previous = dictionary_starts.last().copied().unwrap_or(0);
            dictionary_starts.push(add_ordinals(previous, reader.varint()?)?);
            dictionary_separators.push(reader.bytes()?.to_vec());
            let name = shard_file(&prefix, 'd', dictionaries.len());
            dictionaries.push(Part::read(&mut reader, name, parse_dictionary)?);
        }
        let mut shard_starts = Vec::new();
        let mut shards = Vec::new();
        for _ in 0..reader.count()? {
            let previous = shard_starts.last().copied().unwrap_or(0);
            shard_starts.push(add_ordinals(previous, reader.varint()?)?);
            let name = shard_file(&prefix, 'p', shards.len());
            shards.push(Part::read(&mut reader, name, |bytes| {
                parse_shard(bytes, docs)
            })?);
        }
        let mut typo_separators = Vec::new();
        let mut typos = Vec::new();
        for _ in 0..reader.count()? {
            typo_separators.push(reader.bytes()?.to_vec());
            let name = shard_file(&prefix, 't', typos.len());
            typos.push(Part::read(&mut reader, name, parse_typos)?);
        }
        let group_size = reader.count()?.max(1);
        let mut group_prefixes = Vec::new();
        let mut cards = Sorted::default();
        for group in 0..reader.count()? {
            let prefix = std::str::from_utf8(reader.bytes()?)
                .map_err(|_| FormatError("prefix"))?
                .to_owned();
            let files = match PartRef::read(&mut reader)? {
                PartRef::File(_) => true,
                PartRef::Inline(bytes) => {
                    let mut inline = Reader::new(&bytes);
                    let mut doc = group * group_size;
                    while !inline.is_empty() {
                        let doc_id = u32::try_from(doc).map_err(|_| FormatError("cards"))?;
                        cards.insert(doc_id, Card::read(inline.bytes()?)?);
                        doc += 1;
                    }
                    false
                }
            };
            group_prefixes.push((prefix, files));
        }
        if group_prefixes.len() != (docs as usize).div_ceil(group_size) {
            return Err(FormatError("card groups"));
        }
        // Term ordinals start at 0 and grow shard by shard: lookups add to them and ranking
        // subtracts them, trusting this.
        for starts in [&dictionary_starts, &shard_starts] {
            let from_zero = starts.first().is_none_or(|&first| first == 0);
            let ascending = starts.windows(2).all(|pair| pair[0] <= pair[1]);
            if !from_zero || !ascending || starts.last() > Some(&u64::from(u32::MAX)) {
                return Err(FormatError("shard starts"));
            }
        }
        Ok(Self {
            docs,
            dictionary_separators,
            dictionary_starts,
            dictionaries,
            shard_starts,
            shards,
            typo_separators,
            typos,
            group_size,
            group_prefixes,
            cards,
            passages: Sorted::default(),
        })
    }

    /// The files `query` needs that have not been added yet: first the dictionary shards its
    /// words may be in, then (once those are added) the postings of the terms they matched.
    /// Fetch and add them until there are none; then [`Searcher::search`].
    pub fn needs(&self, query: &Query) -> Vec<String> {
        let (dictionaries, typos) = self.dictionaries_for(query);
        let mut names = missing_names(&self.dictionaries, dictionaries);
        names.extend(missing_names(&self.typos, typos));
        if !names.is_empty() {
            return names;
        }
        let plan = self.plan(query);
        let ordinals = plan
            .words
            .iter()
            .flatten()
            .map(|expansion| expansion.ordinal)
            .chain(plan.filters.iter().flatten().copied());
        missing_names(&self.shards, ordinals.map(|ordinal| self.shard_of(ordinal)))
    }

    /// Adds every part `query` needs, read with `fetch` (by tests and tools that read the files
    /// at hand; the app fetches [`Searcher::needs`] itself, in parallel).
    pub fn add_needed(
        &mut self,
        query: &Query,
        mut fetch: impl FnMut(&str) -> Vec<u8>,
    ) -> Result<(), FormatError> {
        // Ends: every round fills every part it names (see `add_part`).
        loop {
            let needed = self.needs(query);
            if needed.is_empty() {
                return Ok(());
            }
            for name in needed {
                self.add_part(&name, &fetch(&name))?;
            }
        }
    }

    /// Ranks the documents for `query` with what has been added (see [`Searcher::needs`]).
    pub fn search(&self, query: &Query) -> Ranked {
        self.rank(&self.plan(query))
    }

    /// Finds what each word of `query` may mean.
    fn plan(&self, query: &Query) -> Plan {
        let filter = |kind, slug: &String| self.lookup(&filter_term(kind, slug)).map(|(o, _)| o);
        Plan {
            words: query.words.iter().map(|word| self.expand(word)).collect(),
            filters: query
                .tags
                .iter()
                .map(|slug| filter("tag", slug))
                .chain(query.categories.iter().map(|slug| filter("category", slug)))
                .collect(),
            phrases: query.phrases.clone(),
        }
    }

    /// The dictionary shards and typo shards that may hold what `query`'s words mean: the
    /// shard of each word and of the words it begins; for a word the dictionary does not
    /// have, also the shards of the words a typo away: those beginning with its first two
    /// letters (a typo further on), and the typo shards of its three variants (a typo in the
    /// first two letters; see [`crate::format::typo_keys`]).
    fn dictionaries_for(&self, query: &Query) -> (Vec<usize>, Vec<usize>) {
        let mut wanted = Vec::new();
        let mut typos = Vec::new();
        for word in &query.words {
            let own = self.dictionary_of(word.term.as_bytes());
            wanted.push(own);
            if word.exact {
                continue;
            }
            let begins =
                prefix_of(word).map(|_| self.dictionaries_starting(word.folded.as_bytes()));
            wanted.extend(begins.clone().into_iter().flatten());
            // Near misses are looked for in every dictionary shard at hand, but shards are
            // fetched for them only when the word is not in the dictionary, nor (taken as a
            // prefix) the start of a word there: a word that is there rarely meant another,
            // and this keeps later queries small.
            let at_hand = |range: std::ops::Range<usize>| {
                (self.dictionaries.get(range))
                    .is_some_and(|parts| parts.iter().all(|part| part.data.is_some()))
            };
            if typos_allowed(word).is_none()
                || !at_hand(own..own + 1)
                || !begins.clone().is_none_or(at_hand)
                || self.lookup(&word.term).is_some()
            {
                continue;
            }
            // Words it begins can only be in the shards `begins` names, all at hand by now.
            let starts = Str::new(&word.folded).starts_with();
            if begins.is_some_and(|range| !self.matching(range, &starts).is_empty()) {
                continue;
            }
            let two: String = word.term.chars().take(2).collect();
            wanted.extend(self.dictionaries_starting(two.as_bytes()));
            for (variant, _) in typo_variants(&word.term).into_iter().flatten() {
                typos.extend(self.typos_starting(&typo_key_prefix(&variant)));
            }
        }
        for slug in &query.tags {
            wanted.push(self.dictionary_of(filter_term("tag", slug).as_bytes()));
        }
        for slug in &query.categories {
            wanted.push(self.dictionary_of(filter_term("category", slug).as_bytes()));
        }
        (wanted, typos)
    }

    /// The dictionary shard whose range holds `term`.
    fn dictionary_of(&self, term: &[u8]) -> usize {
        shard_holding(&self.dictionary_separators, term)
    }

    /// The dictionary shards that may hold terms starting with `prefix`.
    fn dictionaries_starting(&self, prefix: &[u8]) -> std::ops::Range<usize> {
        starting(&self.dictionary_separators, prefix)
    }

    /// The typo shards that may hold keys starting with `prefix`.
    fn typos_starting(&self, prefix: &[u8]) -> std::ops::Range<usize> {
        starting(&self.typo_separators, prefix)
    }

    /// A term's ordinal and document frequency, if its dictionary shard is at hand.
    fn lookup(&self, term: &str) -> Option<(u64, u32)> {
        let shard = self.dictionary_of(term.as_bytes());
        let dictionary = self.dictionaries.get(shard)?.data.as_ref()?;
        let local = dictionary.terms.get(term)?;
        Some((
            self.dictionary_starts[shard] + local,
            dictionary.dfs[local as usize],
        ))
    }

    /// The card files of `docs` (see [`Searcher::card`]) not added yet, each once.
    pub fn missing_cards(&self, docs: &[u32]) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for &doc in docs.iter().filter(|&&doc| self.cards.get(doc).is_none()) {
            if let Some(prefix) = self.group_prefix(doc).filter(|p| p.1) {
                let name = format!("{}{doc}.bin", prefix.0);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// What document `doc`'s result shows before its snippet, once its card is added.
    pub fn card(&self, doc: u32) -> Option<&Card> {
        self.cards.get(doc)
    }

    /// The file of passage `passage` of `doc`'s text, if it is one and not added yet (its
    /// card must be at hand).
    pub fn missing_passage(&self, doc: u32, passage: u32) -> Option<String> {
        let count = self.cards.get(doc)?.passage_count;
        let missing = count > 1 && passage < count && self.passages.get((doc, passage)).is_none();
        let prefix = &self.group_prefix(doc)?.0;
        missing.then(|| format!("{prefix}{doc}.{passage}.bin"))
    }

    /// Passage `passage` of `doc`'s text, once its card and file are added: a snippet is cut
    /// from it (see [`crate::snippet::snippet`]). A post without text has no passage.
    pub fn passage(&self, doc: u32, passage: u32) -> Option<&str> {
        let card = self.cards.get(doc)?;
        match &card.text {
            Some(text) if passage == 0 => Some(text),
            _ => self.passages.get((doc, passage)).map(String::as_str),
        }
    }

    /// Adds a fetched part (decompressed): index parts, cards and passages alike; a part
    /// added twice (two queries racing for it) is kept once. Parts the index does not list
    /// are an error.
    pub fn add_part(&mut self, name: &str, bytes: &[u8]) -> Result<(), FormatError> {
        let docs = self.docs;
        let mut listed = fill(&mut self.dictionaries, name, || parse_dictionary(bytes))?;
        listed |= fill(&mut self.shards, name, || parse_shard(bytes, docs))?;
        listed |= fill(&mut self.typos, name, || parse_typos(bytes))?;
        match self.card_or_passage(name) {
            Some((doc, None)) => {
                self.cards.insert(doc, Card::read(bytes)?);
                listed = true;
            }
            Some((doc, Some(passage))) => {
                let text =
                    std::str::from_utf8(bytes).map_err(|_| FormatError("passage is not UTF-8"))?;
                self.passages.insert((doc, passage), text.to_owned());
                listed = true;
            }
            None => {}
        }
        if !listed {
            return Err(FormatError("a part this index does not list"));
        }
        Ok(())
    }

    /// The prefix of the files of `doc`'s group, and whether its cards are files.
    fn group_prefix(&self, doc: u32) -> Option<&(String, bool)> {
        self.group_prefixes.get(doc as usize / self.group_size)
    }

    /// The document whose card (`{prefix}{doc}.bin`) or passage (`{prefix}{doc}.{n}.bin`)
    /// `name` is, if it is one the index names: a passage only once its card is at hand.
    fn card_or_passage(&self, name: &str) -> Option<(u32, Option<u32>)> {
        let (_, own) = name.strip_suffix(".bin")?.rsplit_once('-')?;
        let (doc, passage) = match own.split_once('.') {
            Some((doc, passage)) => (doc.parse().ok()?, Some(passage.parse().ok()?)),
            None => (own.parse().ok()?, None),
        };
        let (prefix, files) = self.group_prefix(doc)?;
        if !name.starts_with(prefix.as_str()) || name.len() != prefix.len() + own.len() + 4 {
            return None;
        }
        match passage {
            None => files.then_some((doc, None)),
            Some(p) => (p < self.cards.get(doc)?.passage_count).then_some((doc, passage)),
        }
    }

    /// Ranks the documents for `plan` with BM25 over the parts at hand: documents with every
    /// word first; if there are none, documents with any. Ties go to the newer post.
    fn rank(&self, plan: &Plan) -> Ranked {
        let docs = self.docs as usize;
        let mut allowed: Option<Vec<bool>> = None;
        for filter in &plan.filters {
            let mut pass = vec![false; docs];
            for posting in filter
                .map(|ordinal| self.postings(ordinal))
                .unwrap_or_default()
            {
                pass[posting.doc as usize] = true;
            }
            allowed = Some(match allowed {
                Some(before) => before.iter().zip(&pass).map(|(a, b)| *a && *b).collect(),
                None => pass,
            });
        }
        let is_allowed = |doc: usize| allowed.as_ref().is_none_or(|pass| pass[doc]);

        let mut total = vec![0f32; docs];
        let mut typos = vec![0u8; docs];
        let mut matched = vec![0u16; docs];
        let mut best = vec![0f32; docs];
        let mut fewest_typos = vec![u8::MAX; docs];
        // The passage of each document's best scoring term, for its snippet.
        let mut top = vec![0f32; docs];
        let mut passages = vec![0u32; docs];
        let mut touched = Vec::new();
        for word in &plan.words {
            for expansion in word {
                let postings = self.postings(expansion.ordinal);
                // Every posting of a term is in its list: its length is the term's df.
                let idf = self.idf(postings.len() as u32);
                for posting in postings {
                    let doc = posting.doc as usize;
                    let score = idf * f32::from(posting.impact) / f32::from(IMPACT_LEVELS)
                        * expansion.weight;
                    if best[doc] == 0.0 {
                        touched.push(doc);
                    }
                    best[doc] = best[doc].max(score);
                    fewest_typos[doc] = fewest_typos[doc].min(expansion.typos);
                    if score > top[doc] {
                        top[doc] = score;
                        passages[doc] = posting.passage;
                    }
                }
            }
            for doc in touched.drain(..) {
                total[doc] += best[doc];
                typos[doc] = typos[doc].saturating_add(fewest_typos[doc]);
                matched[doc] += 1;
                best[doc] = 0.0;
                fewest_typos[doc] = u8::MAX;
            }
        }

        let words = plan.words.len() as u16;
        let collect = |wanted: &dyn Fn(u16) -> bool| -> Vec<Hit> {
            (0..docs)
                .filter(|&doc| wanted(matched[doc]) && is_allowed(doc))
                .map(|doc| Hit {
                    doc: doc as u32,
                    score: total[doc],
                    typos: typos[doc],
                    passage: passages[doc],
                })
                .collect()
        };
        let mut hits = collect(&|count| count == words);
        let all_words = !hits.is_empty() || words <= 1;
        if !all_words {
            hits = collect(&|count| count > 0);
        }
        if words == 0 && plan.filters.is_empty() {
            hits.clear();
        }
        // Fewest typos first, then by score; ties go to the newer post (the lower id).
        hits.sort_unstable_by(|a, b| {
            (a.typos.cmp(&b.typos))
                .then(b.score.total_cmp(&a.score))
                .then(a.doc.cmp(&b.doc))
        });
        Ranked {
            hits,
            all_words,
            terms: plan
                .words
                .iter()
                .flatten()
                .map(|expansion| expansion.term.clone())
                .collect(),
            phrases: plan.phrases.clone(),
        }
    }

    fn expand(&self, word: &QueryWord) -> Vec<Expansion> {
        let mut found: Vec<Expansion> = Vec::new();
        let add = |candidate: Candidate, found: &mut Vec<Expansion>| {
            if !found.iter().any(|e| e.term == candidate.term) {
                found.push(Expansion {
                    ordinal: candidate.ordinal,
                    term: candidate.term,
                    weight: candidate.weight.0,
                    typos: candidate.weight.1,
                });
            }
        };
        let lookup = |term: &str, weight| {
            self.lookup(term).map(|(ordinal, df)| Candidate {
                term: term.to_owned(),
                weight,
                df,
                ordinal,
            })
        };
        if let Some(exact) = lookup(&word.term, EXACT) {
            add(exact, &mut found);
        }
        if word.exact {
            return found;
        }
        if word.prefix {
            // A half-typed word may already be past its stem: `programmi` → `program`.
            let chars: Vec<usize> = word.folded.char_indices().map(|(at, _)| at).collect();
            for &at in chars.iter().skip(3).rev().take(3) {
                if let Some(stem) = lookup(&word.folded[..at], STEM_OF_PREFIX) {
                    add(stem, &mut found);
                }
            }
        }
        if let Some((weight, limit)) = prefix_of(word) {
            let shards = self.dictionaries_starting(word.folded.as_bytes());
            let starts = Str::new(&word.folded).starts_with();
            let mut longer = self.matching(shards, &starts);
            longer.iter_mut().for_each(|c| c.weight = weight);
            for candidate in most_frequent(longer, limit) {
                add(candidate, &mut found);
            }
        }
        if let Some(max) = typos_allowed(word) {
            let term = &word.term;
            let weight = |candidate: &str| match distance(term, candidate) {
                0 => EXACT,
                1 => ONE_TYPO,
                _ => TWO_TYPOS,
            };
            // Every dictionary shard at hand, and the typo shards of the word's variants.
            let mut near = self.matching(0..self.dictionaries.len(), &Typos::new(term, max));
            for (variant, _) in typo_variants(term).into_iter().flatten() {
                near.extend(self.typo_keyed(&variant));
            }
            near.retain_mut(|candidate| {
                candidate.weight = weight(&candidate.term);
                candidate.weight.1 <= max
            });
            for candidate in most_frequent(near, TYPO_LIMIT) {
                add(candidate, &mut found);
            }
        }
        found
    }

    /// The words in the dictionary `shards` at hand that `automaton` accepts, weighted
    /// [`EXACT`] for the caller to weigh.
    fn matching<A: Automaton>(
        &self,
        shards: std::ops::Range<usize>,
        automaton: &A,
    ) -> Vec<Candidate> {
        let mut found = Vec::new();
        for (shard, dictionary) in (self.dictionaries.get(shards.clone()).unwrap_or_default())
            .iter()
            .zip(shards)
            .filter_map(|(part, shard)| Some((shard, part.data.as_ref()?)))
        {
            let mut stream = dictionary.terms.search(automaton).into_stream();
            while let Some((key, local)) = stream.next() {
                let Ok(term) = std::str::from_utf8(key) else {
                    continue;
                };
                if term.starts_with('\u{1}') {
                    continue;
                }
                if let Some(&df) = dictionary.dfs.get(local as usize) {
                    found.push(Candidate {
                        term: term.to_owned(),
                        weight: EXACT,
                        df,
                        ordinal: self.dictionary_starts[shard] + local,
                    });
                }
            }
        }
        found
    }

    /// The terms the typo shards at hand file under `variant` (see
    /// [`crate::format::typo_keys`]).
    fn typo_keyed(&self, variant: &str) -> Vec<Candidate> {
        let prefix = typo_key_prefix(variant);
        let mut found = Vec::new();
        for typos in
            (self.typos[self.typos_starting(&prefix)].iter()).filter_map(|part| part.data.as_ref())
        {
            let mut stream = typos.range().ge(&prefix).into_stream();
            while let Some((key, value)) = stream.next() {
                if !key.starts_with(&prefix) {
                    break;
                }
                if let Some(term) = term_of_typo_key(key) {
                    let (ordinal, df) = typo_ordinal_and_df(value);
                    found.push(Candidate {
                        term,
                        weight: EXACT,
                        df,
                        ordinal,
                    });
                }
            }
        }
        found
    }

    fn shard_of(&self, ordinal: u64) -> usize {
        self.shard_starts
            .partition_point(|&first| first <= ordinal)
            .saturating_sub(1)
    }

    /// The postings of term `ordinal`; empty while its shard is missing.
    fn postings(&self, ordinal: u64) -> Vec<Posting> {
        let shard = self.shard_of(ordinal);
        let (Some(lists), Some(&first)) = (
            self.shards.get(shard).and_then(|part| part.data.as_ref()),
            self.shard_starts.get(shard),
        ) else {
            return Vec::new();
        };
        lists
            .get((ordinal - first) as usize)
            .and_then(|bytes| decode_postings(bytes).ok())
            .unwrap_or_default()
    }

    fn idf(&self, df: u32) -> f32 {
        let df = df as f32;
        let docs = self.docs as f32;
        (1.0 + (docs - df + 0.5) / (df + 0.5)).ln()
    }
}

/// The shard (by separators, ascending) whose range holds `key`: the last whose separator is
/// not after it.
fn shard_holding(separators: &[Vec<u8>], key: &[u8]) -> usize {
    separators
        .partition_point(|separator| separator.as_slice() <= key)
        .saturating_sub(1)
}

/// The shards (by their separators, ascending) that may hold keys starting with `prefix`: the
/// one whose range holds `prefix`, and those after it whose separators start with `prefix`
/// (a later separator that does not sorts after every key that does).
fn starting(separators: &[Vec<u8>], prefix: &[u8]) -> std::ops::Range<usize> {
    let start = shard_holding(separators, prefix);
    let end = (start + 1..separators.len())
        .find(|&i| !separators[i].starts_with(prefix))
        .unwrap_or(separators.len());
    start..end
}

/// What the typo keys of the terms a variant of a word may mean begin with.
fn typo_key_prefix(variant: &str) -> Vec<u8> {
    let mut prefix = variant.as_bytes().to_vec();
    prefix.push(0);
    prefix
}

/// A shard's first ordinal, from the one before and the difference the root gives.
fn add_ordinals(previous: u64, difference: u64) -> Result<u64, FormatError> {
    previous
        .checked_add(difference)
        .ok_or(FormatError("shard starts"))
}

/// Checked whole on arrival, so ranking can trust every document id.
fn parse_shard(bytes: &[u8], docs: u32) -> Result<Vec<Vec<u8>>, FormatError> {
    let mut reader = Reader::new(bytes);
    let mut lists = Vec::new();
    while !reader.is_empty() {
        let list = reader.bytes()?;
        if decode_postings(list)?.last().is_some_and(|p| p.doc >= docs) {
            return Err(FormatError("a document id past the end"));
        }
        lists.push(list.to_vec());
    }
    Ok(lists)
}

/// Fills the parts named `name` that are still missing; whether any part has that name.
fn fill<T>(
    parts: &mut [Part<T>],
    name: &str,
    parse: impl Fn() -> Result<T, FormatError>,
) -> Result<bool, FormatError> {
    let mut listed = false;
    for part in parts
        .iter_mut()
        .filter(|part| !name.is_empty() && part.name == name)
    {
        listed = true;
        if part.data.is_none() {
            part.data = Some(parse()?);
        }
    }
    Ok(listed)
}

/// The files of the parts at `positions` (any order, repeats allowed) that have not been
/// added, each once, in the index's order: parts with the same bytes share a file.
fn missing_names<T>(parts: &[Part<T>], positions: impl IntoIterator<Item = usize>) -> Vec<String> {
    let mut wanted = vec![false; parts.len()];
    for at in positions.into_iter().filter(|&at| at < parts.len()) {
        wanted[at] = true;
    }
    let mut names: Vec<String> = Vec::new();
    for (part, _) in parts.iter().zip(wanted).filter(|(_, wanted)| *wanted) {
        if let Some(name) = part.missing_name() {
            if !names.iter().any(|known| known == name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// A word of the dictionary a query word may mean, and how much a match counts.
#[derive(Debug)]
struct Candidate {
    term: String,
    weight: (f32, u8),
    df: u32,
    ordinal: u64,
}

/// Up to `limit` of `candidates`, each once: best weighted first, then most frequent, then in
/// the dictionary's order (a total order, so an unstable sort gives one answer).
fn most_frequent(mut candidates: Vec<Candidate>, limit: usize) -> Vec<Candidate> {
    // Each term once, with its df where a dictionary shard said it.
    candidates.sort_unstable_by(|a, b| a.term.cmp(&b.term).then(b.df.cmp(&a.df)));
    candidates.dedup_by(|a, b| a.term == b.term);
    candidates.sort_unstable_by(|a, b| {
        (b.weight.0.total_cmp(&a.weight.0))
            .then(b.df.cmp(&a.df))
            .then_with(|| a.term.cmp(&b.term))
    });
    candidates.truncate(limit);
    candidates
}

/// How a word matches the longer words it begins, if it does: the word being typed always; a
/// finished word of 4 letters or more too, below its exact matches.
fn prefix_of(word: &QueryWord) -> Option<((f32, u8), usize)> {
    let letters = word.folded.chars().count();
    match () {
        _ if word.prefix && letters <= 2 => Some((PREFIX, PREFIX_LIMIT)),
        _ if word.prefix => Some((PREFIX, LONG_PREFIX_LIMIT)),
        _ if !word.exact && letters >= FINISHED_PREFIX_LETTERS => {
            Some((FINISHED_PREFIX, LONG_PREFIX_LIMIT))
        }
        _ => None,
    }
}

/// How many typos a word may have: one from 4 letters, two from 8; none for words that must
/// match exactly (numbers, CJK pairs, phrase words).
fn typos_allowed(word: &QueryWord) -> Option<u8> {
    let letters = word.folded.chars().count();
    match letters {
        _ if word.exact => None,
        0..=3 => None,
        4..=7 => Some(1),
        _ => Some(2),
    }
}

fn parse_typos(bytes: &[u8]) -> Result<fst::Map<Vec<u8>>, FormatError> {
    let mut reader = Reader::new(bytes);
    let keys = fst::Map::new(reader.bytes()?.to_vec()).map_err(|_| FormatError("bad typos"))?;
    if !fst_checksum_matches(keys.as_fst().as_bytes()) {
        return Err(FormatError("damaged typos"));
    }
    Ok(keys)
}

fn parse_dictionary(bytes: &[u8]) -> Result<Dictionary, FormatError> {
    let mut reader = Reader::new(bytes);
    let terms =
        fst::Map::new(reader.bytes()?.to_vec()).map_err(|_| FormatError("bad dictionary"))?;
    // fst trusts its bytes and panics on damaged ones while it walks them: its checksum says
    // whether they are the ones written.
    if !fst_checksum_matches(terms.as_fst().as_bytes()) {
        return Err(FormatError("damaged dictionary"));
    }
    let dfs = (0..terms.len())
        .map(|_| reader.varint().map(|df| df.min(u64::from(u32::MAX)) as u32))
        .collect::<Result<_, _>>()?;
    Ok(Dictionary { terms, dfs })
}

/// Whether an fst's bytes are the ones written: its last 4 bytes are the masked CRC-32C of the
/// rest, as fst's `Fst::verify` checks. That one is table-driven, and its 16 KB of tables were
/// a sixth of search's module (gzip); bit by bit, a shard of under 1 KB takes microseconds.
fn fst_checksum_matches(bytes: &[u8]) -> bool {
    let Some((data, stored)) = bytes.split_last_chunk::<4>() else {
        return false;
    };
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0x82F6_3B78 & 0u32.wrapping_sub(crc & 1));
        }
    }
    let sum = !crc;
    let masked = (sum.rotate_right(15)).wrapping_add(0xA282_EAD8);
    masked == u32::from_le_bytes(*stored)
}

#[cfg(test)]
mod tests {
    use super::fst_checksum_matches;

    #[test]
    fn fst_checksums_are_checked_as_fst_checks_them() {
        let map = fst::Map::from_iter([("borrow", 1u64), ("checker", 2), ("lifetime", 3)]).unwrap();
        let bytes = map.as_fst().as_bytes().to_vec();
        assert!(map.as_fst().verify().is_ok());
        assert!(fst_checksum_matches(&bytes));
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x10;
            assert!(!fst_checksum_matches(&damaged), "byte {at}");
        }
        assert!(!fst_checksum_matches(&bytes[..3]));
    }
}
