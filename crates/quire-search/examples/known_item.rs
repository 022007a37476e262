//! Known-item search quality and bytes fetched, on a built bundle (see bench/search).
//!
//!     cargo run --release -p quire-search --example known_item -- DATA_DIR [SAMPLE] [QUERIES_OUT] [MODULE_BYTES]
//!
//! QUERIES_OUT gets every query asked, as `slug<TAB>query` lines, for the browser benchmarks.
//! MODULE_BYTES (search's wasm module as the host serves it) is added to a first query.
//! With TRACE set, every index part a query fetches is printed (stderr) with its size.
//!
//! For SAMPLE posts spread over the blog, picks the post's two rarest words (the rarest of all,
//! digits allowed, or on a page in Chinese, Japanese or Korean its rarest pair of characters;
//! and the rarest of at least 5 letters), and asks:
//! - exact:  both words;
//! - prefix: the first word, then the second cut to 4 letters and still being typed;
//! - prefix (both cut): both words cut to 4 letters;
//! - typo:   the first word, then the second with one random edit (a letter replaced, dropped,
//!   added, or two swapped, at any position, the first included).
//!
//! A query succeeds when the post is among the first 5 results. Bytes are the files the app
//! would fetch for the query (compressed inside, so the same whatever the host does): as a reader's
//! first (the root included), and as a second one, after the previous sampled post's. Each
//! counts the result cards of the first page of results (10) and the passages of the snippets
//! the app fetches at once (7: see `SNIPPETS_AT_ONCE`), as the
//! results page shows them.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::PathBuf;

use quire_model::{ListPage, ListedPost, PostFile, SiteIndex};
/// Results on the first page of results: each shows its card at once.
const SHOWN: usize = 10;
/// Of them, those whose snippets the app fetches at once: the results on the screen or a
/// quarter screen below it, 7 in a 1200×900 window (the median bench/search-bytes.mjs counts).
const SNIPPETS_AT_ONCE: usize = 7;
use quire_search::snippet::text_of_html;
use quire_search::text::{fold, term_of, tokens, words};
use quire_search::{Query, Searcher};

struct Bundle {
    dir: PathBuf,
}

impl Bundle {
    fn gz(&self, name: &str) -> (Vec<u8>, usize) {
        let compressed = fs::read(self.dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let bytes = quire_search::write::inflate(&compressed).expect("deflate");
        (bytes, compressed.len())
    }

    fn index(&self) -> SiteIndex {
        let name = fs::read_dir(&self.dir)
            .expect("bundle folder")
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .find(|name| quire_model::files::is_index(name))
            .expect("a site index in the bundle");
        serde_json::from_slice(&fs::read(self.dir.join(name)).expect("site index")).unwrap()
    }

    /// Every post with its file, newest first, as the archive lists them.
    fn posts(&self, index: &SiteIndex) -> Vec<ListedPost> {
        (1..=index.archive.pages)
            .flat_map(|page| {
                let name = index.archive.page_file(page).expect("an archive page");
                let json = fs::read(self.dir.join(name)).expect("archive page");
                serde_json::from_slice::<ListPage>(&json).unwrap().posts
            })
            .collect()
    }

    fn post(&self, file: &str) -> PostFile {
        let json = fs::read(self.dir.join(file)).expect("post file");
        serde_json::from_slice(&json).expect("post JSON")
    }
}

/// A searcher that counts the bytes it fetches.
struct Session<'a> {
    bundle: &'a Bundle,
    searcher: Searcher,
    fetched: usize,
    /// Bytes by kind of file: d(ictionary), p(ostings), t(ypos), c(ards), s(nippet passages).
    kinds: HashMap<char, usize>,
}

impl<'a> Session<'a> {
    fn open(bundle: &'a Bundle, root: &str) -> Self {
        let (bytes, size) = bundle.gz(root);
        Self {
            bundle,
            searcher: Searcher::open(&bytes).expect("root"),
            fetched: size,
            kinds: HashMap::new(),
        }
    }

    /// The paths of the first `n` results, the bytes this query fetched, and of them the
    /// bytes of cards and passages (the results shown with their snippets).
    fn search(&mut self, text: &str, n: usize) -> (Vec<String>, usize, usize) {
        let before = self.fetched;
        let query = Query::parse(text);
        self.kinds.clear();
        let (bundle, fetched, kinds) = (self.bundle, &mut self.fetched, &mut self.kinds);
        self.searcher
            .add_needed(&query, |name| {
                let (bytes, size) = bundle.gz(name);
                *fetched += size;
                let kind = name
                    .rsplit_once('-')
                    .map_or('?', |(_, own)| own.as_bytes()[0] as char);
                *kinds.entry(kind).or_default() += size;
                if std::env::var_os("TRACE").is_some() {
                    eprintln!("{text:?} {name} {size} ({} raw)", bytes.len());
                }
                bytes
            })
            .expect("parts");
        let hits: Vec<_> = self.searcher.search(&query).hits;
        let hits = &hits[..hits.len().min(SHOWN.max(n))];
        let docs: Vec<u32> = hits.iter().map(|h| h.doc).collect();
        let index_bytes = self.fetched - before;
        for name in self.searcher.missing_cards(&docs) {
            let (bytes, size) = self.bundle.gz(&name);
            self.searcher.add_part(&name, &bytes).expect("card");
            self.fetched += size;
            *self.kinds.entry('c').or_default() += size;
        }
        for hit in hits.iter().take(SNIPPETS_AT_ONCE) {
            if let Some(name) = self.searcher.missing_passage(hit.doc, hit.passage) {
                let (bytes, size) = self.bundle.gz(&name);
                self.searcher.add_part(&name, &bytes).expect("passage");
                self.fetched += size;
                *self.kinds.entry('s').or_default() += size;
            }
        }
        let paths = docs
            .iter()
            .take(n)
            .map(|&d| self.searcher.card(d).unwrap().path.clone())
            .collect();
        let all = self.fetched - before;
        (paths, all, all - index_bytes)
    }
}

/// A small deterministic generator, so runs compare.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn typo(word: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let at = rng.below(chars.len());
    let letter = char::from(b'a' + rng.below(26) as u8);
    match rng.below(4) {
        0 if chars[at] != letter => chars[at] = letter,
        0 | 1 => {
            chars.remove(at);
        }
        2 => chars.insert(at, letter),
        _ => {
            let at = at.min(chars.len() - 2);
            chars.swap(at, at + 1);
        }
    }
    chars.into_iter().collect()
}

/// The pairs of characters a run of CJK text is indexed as.
fn cjk_pairs(run: &str) -> Vec<String> {
    tokens(run)
        .into_iter()
        .map(|token| token.term)
        .filter(|term| term.chars().count() == 2)
        .collect()
}

fn percent(hits: usize, total: usize) -> f64 {
    100.0 * hits as f64 / total.max(1) as f64
}

fn quantile(values: &mut [usize], q: f64) -> usize {
    values.sort_unstable();
    values
        .get(((values.len() as f64 - 1.0) * q).round() as usize)
        .copied()
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(
        args.first()
            .expect("usage: known_item DATA_DIR [SAMPLE] [QUERIES_OUT]"),
    );
    let sample: usize = args.get(1).map_or(500, |n| n.parse().expect("SAMPLE"));
    let queries_out = args.get(2).map(PathBuf::from);
    let module_bytes: usize = args.get(3).map_or(0, |n| n.parse().expect("MODULE_BYTES"));
    let bundle = Bundle { dir: dir.clone() };
    let index = bundle.index();

    // Document frequency of every term, over the whole blog.
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut df: HashMap<String, usize> = HashMap::new();
    let posts = bundle.posts(&index);
    for ListedPost {
        file: name,
        post: summary,
    } in &posts
    {
        let file = bundle.post(name);
        let text = format!("{} {}", summary.title, text_of_html(&file.body_html));
        let terms: HashSet<String> = words(&text)
            .flat_map(|w| match w.cjk {
                false => vec![term_of(w.text)],
                true => cjk_pairs(w.text),
            })
            .collect();
        for term in terms {
            *df.entry(term).or_default() += 1;
        }
        texts.insert(name.clone(), text);
    }

    let step = (posts.len() / sample.max(1)).max(1);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut results: [(usize, usize); 4] = [(0, 0); 4];
    let mut failures: Vec<String> = Vec::new();
    let mut first_bytes = Vec::new();
    let mut later_bytes = Vec::new();
    let mut later_index_bytes = Vec::new();
    let mut later_kinds = Vec::new();
    let mut snippet_bytes = Vec::new();
    let root_bytes = Session::open(&bundle, &index.search).fetched;
    let mut queries = Vec::new();
    let mut previous: Option<String> = None;
    for ListedPost {
        file,
        post: summary,
    } in posts.iter().step_by(step).take(sample)
    {
        let text = &texts[file];
        let rarest = |min: usize, letters_only: bool, not: &str| {
            words(text)
                .filter(|w| !w.cjk && w.text.chars().count() >= min)
                .map(|w| fold(w.text))
                .filter(|w| w != not && (!letters_only || w.chars().all(char::is_alphabetic)))
                .min_by_key(|w| {
                    let df = df.get(&term_of(w)).copied().unwrap_or(usize::MAX);
                    (df, std::cmp::Reverse(w.len()), w.clone())
                })
        };
        // A reader of a translated page types its language: its rarest CJK pair, if it has
        // one (its rarest other words tend to come from code the original page shares).
        let rarest_pair = words(text)
            .filter(|w| w.cjk)
            .flat_map(|w| cjk_pairs(w.text))
            .min_by_key(|pair| (df.get(pair).copied().unwrap_or(usize::MAX), pair.clone()));
        let Some(first) = rarest_pair.or_else(|| rarest(1, false, "")) else {
            continue;
        };
        let Some(second) = rarest(5, true, &first) else {
            continue;
        };
        let cut = |w: &str| w.chars().take(4).collect::<String>();
        let variants = [
            format!("{first} {second} "),
            format!("{first} {}", cut(&second)),
            format!("{} {}", cut(&first), cut(&second)),
            format!("{first} {} ", typo(&second, &mut rng)),
        ];
        for (i, query) in variants.iter().enumerate() {
            // A reader's first query pays for the root and the parts it needs; a second query
            // (after the previous post's) for what the first did not fetch.
            let mut session = Session::open(&bundle, &index.search);
            let (found, _, snippets) = session.search(query, 5);
            first_bytes.push(module_bytes + session.fetched);
            snippet_bytes.push(snippets);
            if let Some(previous) = &previous {
                let mut session = Session::open(&bundle, &index.search);
                session.search(previous, 5);
                let (_, all, shown) = session.search(query, 5);
                let mut kinds: Vec<_> = session
                    .kinds
                    .iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect();
                kinds.sort();
                later_kinds.push((
                    all,
                    format!("{query:?} after {previous:?}: {}", kinds.join(", ")),
                ));
                later_bytes.push(all);
                later_index_bytes.push(all - shown);
            }
            results[i].1 += 1;
            if found.contains(&summary.path) {
                results[i].0 += 1;
            } else if (i != 2 && failures.len() < 12)
                || std::env::var("MISSED").is_ok_and(|k| k == i.to_string())
            {
                failures.push(format!("{query:?} → {:?}, wanted {}", &found, summary.slug));
            }
            queries.push(format!("{}\t{query}", summary.slug));
        }
        previous = Some(variants[0].clone());
    }

    println!("{} posts, {} sampled", posts.len(), results[0].1);
    for (name, (hits, total)) in ["exact", "prefix", "prefix (both cut)", "typo"]
        .iter()
        .zip(results)
    {
        println!(
            "  {name:<18} {:6.1}% in the top 5 ({hits}/{total})",
            percent(hits, total)
        );
    }
    println!("  root file          {root_bytes} B");
    println!(
        "  first query        median {} B, p95 {} B, max {} B (module {module_bytes} B and root included)",
        quantile(&mut first_bytes, 0.5),
        quantile(&mut first_bytes, 0.95),
        quantile(&mut first_bytes, 1.0)
    );
    println!(
        "  a second query     median {} B, p95 {} B, max {} B (parts the first did not fetch)",
        quantile(&mut later_bytes, 0.5),
        quantile(&mut later_bytes, 0.95),
        quantile(&mut later_bytes, 1.0)
    );
    println!(
        "  of a second query, index parts: median {} B, p95 {} B",
        quantile(&mut later_index_bytes, 0.5),
        quantile(&mut later_index_bytes, 0.95)
    );
    println!(
        "  of a first query, results shown: median {} B, p95 {} B (cards of the first {SHOWN}, passages of {SNIPPETS_AT_ONCE})",
        quantile(&mut snippet_bytes, 0.5),
        quantile(&mut snippet_bytes, 0.95)
    );
    // What the later queries around the 95th percentile fetched, by kind of file.
    if std::env::var_os("BREAKDOWN").is_some() {
        later_kinds.sort();
        let at = later_kinds.len() * 95 / 100;
        for (_, kinds) in &later_kinds[at.saturating_sub(5)..(at + 5).min(later_kinds.len())] {
            println!("  later: {kinds}");
        }
    }
    for failure in &failures {
        println!("  missed: {failure}");
    }
    if let Some(out) = queries_out {
        fs::write(&out, queries.join("\n") + "\n")
            .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    }
}
