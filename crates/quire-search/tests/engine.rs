//! The engine end to end: documents written into an index, the index read back part by part as
//! the app does, queries answered.

use std::collections::HashMap;

use quire_search::snippet::{contains_phrase, snippet};
use quire_search::write::{inflate, DocumentTerms, DocumentText, IndexWriter, ResultCard};
use quire_search::{Query, Ranked, Searcher};

struct Doc {
    slug: &'static str,
    title: &'static str,
    tags: &'static [&'static str],
    categories: &'static [&'static str],
    body: &'static str,
}

const DOCS: &[Doc] = &[
    Doc {
        slug: "ownership",
        title: "Understanding ownership",
        tags: &["rust"],
        categories: &["tech", "backend"],
        body: "Every value has an owner. The borrow checker enforces the rules when programming.",
    },
    Doc {
        slug: "pasta",
        title: "Cooking pasta",
        tags: &["food"],
        categories: &["life"],
        body: "Boil water, add salt and a rust coloured sauce. No checker involved.",
    },
    Doc {
        slug: "checkers",
        title: "Borrowing checkers from a neighbour",
        tags: &["games"],
        categories: &["life"],
        body: "We played checkers all evening; borrow the board again tomorrow.",
    },
    Doc {
        slug: "ml",
        title: "Gradient descent notes",
        tags: &["machine learning"],
        categories: &["tech", "research"],
        body: "Optimisation walks downhill. Learning rates matter.",
    },
    Doc {
        slug: "japan",
        title: "日本語の記事",
        tags: &["日本語"],
        categories: &["life"],
        body: "東京で会いましょう。",
    },
    Doc {
        slug: "unicode",
        title: "Ünïcode folding",
        tags: &["Ünïcode"],
        categories: &["tech"],
        body: "Café crème and naïve façades.",
    },
    Doc {
        slug: "barrow",
        title: "A wheel barrow",
        tags: &["garden"],
        categories: &["life"],
        body: "The barrow carries soil.",
    },
];

fn slug_of(name: &str) -> String {
    quire_model::slug::term_slug(name)
}

fn write(docs: &[Doc]) -> (String, HashMap<String, Vec<u8>>) {
    let mut writer = IndexWriter::new();
    for doc in docs {
        let tag_slugs: Vec<String> = doc.tags.iter().map(|tag| slug_of(tag)).collect();
        let tags: Vec<(&str, &str)> = doc
            .tags
            .iter()
            .copied()
            .zip(tag_slugs.iter().map(String::as_str))
            .collect();
        let category_slugs: Vec<String> = doc.categories.iter().map(|c| slug_of(c)).collect();
        let categories: Vec<&str> = category_slugs.iter().map(String::as_str).collect();
        let terms = DocumentTerms::new(&DocumentText {
            title: doc.title,
            tags: &tags,
            categories: &categories,
            headings: &[],
            body: doc.body,
        });
        let card = ResultCard {
            title: doc.title.to_owned(),
            path: doc.slug.to_owned(),
            date: "2024-05-01T10:00:00Z".to_owned(),
            tags: (tags.iter())
                .map(|(name, slug)| ((*name).to_owned(), (*slug).to_owned()))
                .collect(),
        };
        writer.add(card, terms);
    }
    let index = writer.finish("search");
    let files = index
        .files
        .into_iter()
        .map(|(name, compressed)| (name, inflate(&compressed).expect("every file is deflate")))
        .collect();
    (index.root, files)
}

/// An index read as the app reads it: the root, then only the parts queries ask for.
struct Reader {
    searcher: Searcher,
    files: HashMap<String, Vec<u8>>,
    fetched: Vec<String>,
}

impl Reader {
    fn new(docs: &[Doc]) -> Self {
        let (root, files) = write(docs);
        let searcher = Searcher::open(&files[&root]).expect("the root opens");
        Self {
            searcher,
            files,
            fetched: vec![root],
        }
    }

    /// Ranks `text` with the parts it needs, and adds the results' cards.
    fn ranked(&mut self, text: &str) -> Ranked {
        let query = Query::parse(text);
        let (files, fetched) = (&self.files, &mut self.fetched);
        self.searcher
            .add_needed(&query, |name| {
                fetched.push(name.to_owned());
                files[name].clone()
            })
            .unwrap();
        let ranked = self.searcher.search(&query);
        let docs: Vec<u32> = ranked.hits.iter().map(|hit| hit.doc).collect();
        for name in self.searcher.missing_cards(&docs) {
            self.searcher.add_part(&name, &self.files[&name]).unwrap();
            self.fetched.push(name);
        }
        ranked
    }

    fn search(&mut self, text: &str) -> Vec<String> {
        let ranked = self.ranked(text);
        let docs: Vec<u32> = ranked.hits.iter().map(|hit| hit.doc).collect();
        docs.iter()
            .map(|&doc| self.searcher.card(doc).expect("card added").path.clone())
            .filter(|slug| {
                let body = DOCS.iter().find(|d| d.slug == slug).map_or("", |d| d.body);
                ranked
                    .phrases
                    .iter()
                    .all(|phrase| contains_phrase(body, phrase))
            })
            .collect()
    }
}

fn first(reader: &mut Reader, query: &str) -> String {
    reader.search(query).into_iter().next().unwrap_or_default()
}

#[test]
fn titles_outrank_tags_and_tags_outrank_bodies() {
    let mut reader = Reader::new(DOCS);
    assert_eq!(reader.search("ownership"), ["ownership"]);
    // `rust` is a tag of one post and a body word of another.
    assert_eq!(reader.search("rust"), ["ownership", "pasta"]);
    // `checker` is in the title of one, in the bodies of two.
    assert_eq!(first(&mut reader, "checker"), "checkers");
}

#[test]
fn every_word_first_then_any_word() {
    let mut reader = Reader::new(DOCS);
    assert_eq!(reader.search("borrow checker owner"), ["ownership"]);
    let any = reader.search("soil gradient");
    assert!(
        any[..2].contains(&"ml".to_owned()) && any[..2].contains(&"barrow".to_owned()),
        "{any:?}"
    );
}

#[test]
fn stems_diacritics_and_cjk() {
    let mut reader = Reader::new(DOCS);
    assert_eq!(first(&mut reader, "programs "), "ownership");
    assert_eq!(reader.search("unicode cafe "), ["unicode"]);
    assert_eq!(reader.search("日本語"), ["japan"]);
    assert_eq!(reader.search("東京"), ["japan"]);
}

#[test]
fn the_word_being_typed_matches_as_a_prefix() {
    let mut reader = Reader::new(DOCS);
    assert_eq!(first(&mut reader, "gradi"), "ml");
    assert_eq!(first(&mut reader, "programmi"), "ownership");
    assert_eq!(reader.search("日"), ["japan"]);
    assert_eq!(reader.search("co"), ["pasta"], "cooking, coloured");
}

#[test]
fn finished_words_of_four_letters_match_as_prefixes_below_exact_matches() {
    let mut reader = Reader::new(DOCS);
    assert_eq!(reader.search("gradi desc "), ["ml"]);
    assert!(reader.search("coo ").is_empty(), "not under 4 letters");
    // `boar` is no word here, but the start of `board`.
    assert_eq!(first(&mut reader, "boar "), "checkers");
    // `owner` is a word of one body, and the start of the title's `ownership`.
    assert_eq!(first(&mut reader, "owner "), "ownership");
}

#[test]
fn typos_are_forgiven_and_rank_below_exact_matches() {
    let mut reader = Reader::new(DOCS);
    assert_eq!(first(&mut reader, "ownershp "), "ownership");
    assert_eq!(
        first(&mut reader, "onwership "),
        "ownership",
        "a swap is one typo"
    );
    assert_eq!(
        first(&mut reader, "owenrshp "),
        "ownership",
        "two typos from 8 letters"
    );
    assert_eq!(first(&mut reader, "gradeint "), "ml");
    assert!(
        reader.search("dscnt ").is_empty(),
        "no typo under 4 letters typed… or two at 5"
    );
    assert_eq!(
        reader.search("barrow "),
        ["barrow", "checkers", "ownership"]
    );
    assert_eq!(
        reader.search("borrow "),
        ["checkers", "ownership", "barrow"]
    );
}

#[test]
fn an_empty_blog_answers_every_query_with_nothing() {
    let mut reader = Reader::new(&[]);
    for query in ["rust", "ru", "tag:x", "\"a b\"", "ownershp "] {
        assert!(reader.search(query).is_empty(), "{query}");
    }
}

#[test]
fn quoted_phrases_must_appear_as_typed() {
    let mut reader = Reader::new(DOCS);
    assert_eq!(reader.search("\"borrow checker\""), ["ownership"]);
    assert!(reader.search("\"checker borrow\"").is_empty());
}

#[test]
fn tag_and_category_filters() {
    let mut reader = Reader::new(DOCS);
    assert_eq!(reader.search("tag:rust"), ["ownership"]);
    assert_eq!(reader.search("tag:\"Machine Learning\""), ["ml"]);
    assert_eq!(
        reader.search("borrow category:life"),
        ["checkers", "barrow"]
    );
    assert_eq!(reader.search("category:backend"), ["ownership"]);
    assert_eq!(reader.search("tag:日本語"), ["japan"]);
    assert!(reader.search("tag:nonexistent rust").is_empty());
    assert_eq!(reader.search("tag:rust category:tech"), ["ownership"]);
}

#[test]
fn hostile_queries_answer_without_panicking() {
    let mut reader = Reader::new(DOCS);
    for query in [
        "?!.,;:—()[]{}".to_owned(),
        "to be or not to be".to_owned(),
        "x".repeat(1000),
        "borrow ".repeat(200),
        "\"".repeat(1000),
        "tag:".repeat(300),
        "ｗｉｄｅ 🦀 \u{0} \u{202e}".to_owned(),
    ] {
        let _ = reader.search(&query);
    }
    assert!(reader.search("to be or not to be").is_empty());
    assert_eq!(
        reader.search(&"borrow ".repeat(200)),
        reader.search("borrow ")
    );
}

/// `count` posts titled "A post", `post-{i}` with the body `body(i)` (leaked: a `Doc` borrows).
fn numbered_posts(count: usize, body: impl Fn(usize) -> String) -> Vec<Doc> {
    (0..count)
        .map(|i| Doc {
            slug: Box::leak(format!("post-{i}").into_boxed_str()),
            title: "A post",
            tags: &[],
            categories: &[],
            body: Box::leak(body(i).into_boxed_str()),
        })
        .collect()
}

/// A word of letters only, different for every `i`: `kabcd…`.
fn word(mut i: usize) -> String {
    let mut word = String::from("k");
    for _ in 0..4 {
        word.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
    }
    word + "ism"
}

#[test]
fn a_large_index_is_split_and_a_query_fetches_only_its_parts() {
    let docs = numbered_posts(3000, |i| {
        format!("post number {i} about {} and topic{}", word(i), i % 13)
    });
    let mut reader = Reader::new(&docs);
    let total = reader.files.len();
    assert!(total > 20, "{total} files");
    assert!(reader
        .files
        .keys()
        .all(|name| name.starts_with("search/") && name.ends_with(".bin")));
    assert_eq!(reader.search("2718 "), ["post-2718"]);
    assert!(
        reader.fetched.len() <= 4,
        "fetched {:?} of {total}",
        reader.fetched
    );

    // A typo (a letter too many, so no other post's word), found through the dictionary
    // shards of its first two letters.
    let mut typo = word(1234);
    typo.insert(3, 'x');
    assert_eq!(first(&mut reader, &format!("{typo} ")), "post-1234");
    assert!(
        reader.fetched.len() < total / 2,
        "fetched {} of {total}",
        reader.fetched.len()
    );

    // Its first two letters swapped, found through the shards of either: `ckfbaism` for
    // `kcfbaism` (808). `kkfbaism` (816) is one typo away too, and ties go to the lower id.
    let swapped = format!("{}k{}", &word(808)[1..2], &word(808)[2..]);
    assert_eq!(first(&mut reader, &format!("{swapped} ")), "post-808");

    let same = Reader::new(&docs);
    assert_eq!(
        same.fetched,
        reader.fetched[..1],
        "same documents, same file names"
    );
}

/// A word of letters only, different for every `i` below 10,000, its letters scattered so
/// that a dictionary of them is too large for the root (it compresses as real words do).
fn scattered_word(i: usize) -> String {
    let mut n = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20;
    let mut word = String::from("k");
    for _ in 0..7 {
        word.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    word
}

#[test]
fn typos_in_the_first_two_letters_are_found_with_a_few_files() {
    let count = 4000;
    let words: Vec<String> = (0..count).map(scattered_word).collect();
    let distinct: std::collections::HashSet<&String> = words.iter().collect();
    assert_eq!(distinct.len(), count);
    let docs = numbered_posts(count, |i| {
        format!("about {} and {}", words[i], words[(i + 1) % count])
    });
    let typo_shards = Reader::new(&docs)
        .files
        .keys()
        .filter(|name| name.contains("-t"))
        .count();
    assert!(typo_shards > 10, "{typo_shards} typo shards");
    // Every word begins with `k`: a first letter replaced or dropped, or a second letter
    // replaced, is found by its typo shards; the shards of `z`, `x` or the second letter
    // have no word of these.
    let wanted = &words[808];
    let second = wanted.chars().nth(1).unwrap();
    let other = if second == 'x' { 'y' } else { 'x' };
    for typed in [
        format!("z{}", &wanted[1..]),
        wanted[1..].to_owned(),
        format!("k{other}{}", &wanted[2..]),
    ] {
        let mut reader = Reader::new(&docs);
        let found = reader.search(&format!("{typed} "));
        assert!(
            found[..2].contains(&"post-808".to_owned()),
            "{typed}: {found:?}"
        );
        let fetched = &reader.fetched;
        assert!(
            fetched.iter().filter(|name| name.contains("-t")).count() <= 3,
            "{typed}: {fetched:?}"
        );
        assert!(fetched.len() <= 10, "{typed}: fetched {fetched:?}");
    }
}

#[test]
fn a_snippet_downloads_the_passage_with_the_match_not_the_post() {
    // A long post (some 12 KB of text) whose rarest word is near its end, and a short one.
    let filler: Vec<String> = (0..1500).map(word).collect();
    let long_body: &'static str = Box::leak(
        format!(
            "{} The zeppelin docked at noon. {}",
            filler[..1300].join(" "),
            filler[1300..].join(" ")
        )
        .into_boxed_str(),
    );
    let docs = [
        Doc {
            slug: "long",
            title: "Airships",
            tags: &["travel"],
            categories: &[],
            body: long_body,
        },
        Doc {
            slug: "short",
            title: "A note",
            tags: &[],
            categories: &[],
            body: "One zeppelin, briefly.",
        },
    ];
    let mut reader = Reader::new(&docs);
    // Big enough that the cards and passages are files of their own.
    assert!(reader.files.len() > 3, "{:?}", reader.files.keys());
    let ranked = reader.ranked("zeppelin");
    let long = ranked
        .hits
        .iter()
        .find(|hit| reader.searcher.card(hit.doc).unwrap().path == "long")
        .expect("the long post matches");
    let card = reader.searcher.card(long.doc).unwrap();
    assert_eq!(
        (card.title.as_str(), card.date.as_str()),
        ("Airships", "2024-05-01T10:00:00Z")
    );
    assert_eq!(card.tags, [("travel".to_owned(), "travel".to_owned())]);
    assert!(
        card.passage_count() > 4,
        "{} passages",
        card.passage_count()
    );
    let name = reader
        .searcher
        .missing_passage(long.doc, long.passage)
        .expect("a passage of its own");
    let file = reader.files[&name].clone();
    assert!(
        file.len() * 4 < long_body.len(),
        "a passage is {} bytes of {}",
        file.len(),
        long_body.len()
    );
    reader.searcher.add_part(&name, &file).unwrap();
    let passage = reader.searcher.passage(long.doc, long.passage).unwrap();
    assert!(
        snippet(passage, &ranked.terms).contains("The <mark>zeppelin</mark> docked"),
        "{passage}"
    );

    // The short post's text is in its card: nothing more to fetch.
    let short = ranked.hits.iter().find(|hit| hit.doc != long.doc).unwrap();
    assert_eq!(
        reader.searcher.missing_passage(short.doc, short.passage),
        None
    );
    assert_eq!(
        reader.searcher.passage(short.doc, short.passage),
        Some("One zeppelin, briefly.")
    );
}

/// Runs `queries` on an index whose part `broken` is replaced by `bytes`: an error is fine,
/// a panic is not (the app's release wasm aborts on one).
fn survives(files: &HashMap<String, Vec<u8>>, root: &str, broken: &str, bytes: &[u8]) {
    let read = |name: &str| {
        if name == broken {
            bytes.to_vec()
        } else {
            files.get(name).cloned().unwrap_or_default()
        }
    };
    let run = std::panic::catch_unwind(|| {
        let Ok(mut searcher) = Searcher::open(&read(root)) else {
            return;
        };
        for text in [
            "borrow",
            "bor",
            "borow checker",
            "\"borrow checker\"",
            "tag:rust",
            "2718 ",
        ] {
            let query = Query::parse(text);
            // As the app does: a few rounds at most, whatever a broken index asks for.
            for _ in 0..4 {
                for name in searcher.needs(&query) {
                    let _ = searcher.add_part(&name, &read(&name));
                }
            }
            let ranked = searcher.search(&query);
            let docs: Vec<u32> = ranked.hits.iter().map(|hit| hit.doc).collect();
            for name in searcher.missing_cards(&docs) {
                let _ = searcher.add_part(&name, &read(&name));
            }
            for hit in &ranked.hits {
                if let Some(name) = searcher.missing_passage(hit.doc, hit.passage) {
                    let _ = searcher.add_part(&name, &read(&name));
                }
                let _ = searcher.passage(hit.doc, hit.passage);
            }
        }
    });
    assert!(run.is_ok(), "{broken} broken made the engine panic");
}

#[test]
fn broken_parts_are_errors_never_panics() {
    // A small index (all in its root) and a large one (dictionary, postings and post file
    // tables in parts of their own): each part cut short and changed byte by byte.
    let large: Vec<Doc> = (0..3000)
        .map(|i| Doc {
            slug: Box::leak(format!("post-{i}").into_boxed_str()),
            title: "A post",
            tags: &["rust"],
            categories: &[],
            // Some posts long enough to have passages of their own.
            body: Box::leak(
                format!("post {i} about {} borrow", word(i))
                    .repeat(if i % 100 == 0 { 200 } else { 1 })
                    .into_boxed_str(),
            ),
        })
        .collect();
    // And one whose dictionary is too large for the root, so that a misspelt word (`borow`)
    // fetches typo shards: those are broken too.
    let scattered = numbered_posts(4000, |i| format!("{} borrow", scattered_word(i)));
    let (root, files) = write(&scattered);
    let mut reader = Reader {
        searcher: Searcher::open(&files[&root]).unwrap(),
        files: files.clone(),
        fetched: Vec::new(),
    };
    reader.search("borow ");
    let typo_shards: Vec<&String> = (reader.fetched.iter())
        .filter(|name| name.contains("-t"))
        .collect();
    assert!(!typo_shards.is_empty(), "{:?}", reader.fetched);
    for name in typo_shards {
        let bytes = &files[name];
        for at in (0..bytes.len()).step_by((bytes.len() / 25).max(1)) {
            survives(&files, &root, name, &bytes[..at]);
            let mut changed = bytes.clone();
            changed[at] ^= 0xFF;
            survives(&files, &root, name, &changed);
        }
    }

    for (docs, positions) in [(DOCS, 300), (&large[..], 25)] {
        let (root, files) = write(docs);
        // The root, and a few cards (named `<hash>-<doc>`) and other parts (dictionaries,
        // postings, passages, by the odds), each at `positions` places: a debug build runs
        // some 100 searches a second.
        let mut names: Vec<&String> = files.keys().filter(|name| **name != root).collect();
        names.sort_by_key(|name| (name.contains('-'), name.as_str()));
        let cards = names.iter().position(|name| name.contains('-'));
        let cards = cards.unwrap_or(names.len());
        let chosen = (names[..cards].iter().take(8))
            .chain(names[cards..].iter().take(4))
            .copied();
        for name in [&root].into_iter().chain(chosen) {
            let bytes = &files[name];
            let step = (bytes.len() / positions).max(1);
            for at in (0..bytes.len()).step_by(step) {
                survives(&files, &root, name, &bytes[..at]);
                for flip in [0xFF, 0x01] {
                    let mut changed = bytes.clone();
                    changed[at] ^= flip;
                    survives(&files, &root, name, &changed);
                }
            }
        }
    }
}
