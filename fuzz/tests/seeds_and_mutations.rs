//! Every fuzz target's check, on stable, on the seeds `scripts/fuzz` starts from and a few
//! thousand deterministic mutations of them: `scripts/test` runs each target briefly, and a
//! crash the fuzzer once found stays found. Long runs are `scripts/fuzz` (nightly, libFuzzer).

use std::fs;
use std::path::Path;

use quire_search::write::{DocumentTerms, DocumentText, IndexWriter, ResultCard};

/// Mutations per target: a debug build runs all six targets in some seconds.
const MUTATIONS: usize = 3000;

/// Pieces the mutator splices in: what the hostile-posts suite found to matter.
const TOKENS: &[&str] = &[
    "{%",
    "%}",
    "{% endcodeblock %}",
    "{% post_link ",
    "{% codeblock lang:js mark:1-4000000000 %}",
    "<!-- more -->",
    "\n---\n",
    "\n```\n",
    "\n    ",
    "](",
    "[x](",
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "/javascript:",
    "&#106;avascript:",
    "&#x3A;",
    "<a href=\"",
    "<iframe src=\"",
    "<div>",
    "</div>",
    "\"",
    "'",
    ">",
    "<",
    "\u{0}",
    "\u{feff}",
    "\u{2028}",
    "語",
    "\\",
    "/../",
    ":title",
    ":year",
    ":id",
    "\ndate: 10000-01-01\n",
    "\ncategories: [a, [b, [c]]]\n",
    "\ntags: [",
    "\npermalink: ",
    "# ",
    "<style>",
    "position:fixed",
];

#[test]
fn post() {
    for input in mutations_of(&seed_posts()) {
        quire_fuzz::post(&input);
    }
}

#[test]
fn markdown() {
    for input in mutations_of(&seed_posts()) {
        quire_fuzz::markdown(&String::from_utf8_lossy(&input));
    }
}

#[test]
fn tag_plugins() {
    for input in mutations_of(&seed_posts()) {
        quire_fuzz::tag_plugins(&String::from_utf8_lossy(&input));
    }
}

#[test]
fn permalink() {
    let seeds: Vec<Vec<u8>> = [
        ":year/:month/:day/:title/",
        "posts/:title/",
        ":category/:title.html",
        "archives/:post_title/:hour:minute:second/",
        "hello-world",
        "/about/index.html",
        "../../etc/passwd",
    ]
    .iter()
    .map(|seed| seed.as_bytes().to_vec())
    .collect();
    let inputs: Vec<String> = mutations_of(&seeds)
        .map(|input| String::from_utf8_lossy(&input).into_owned())
        .collect();
    for (i, scheme) in inputs.iter().enumerate() {
        let slug = &inputs[(i * 7 + 1) % inputs.len()];
        let own = &inputs[(i * 13 + 2) % inputs.len()];
        quire_fuzz::permalink(scheme, slug, own);
    }
}

#[test]
fn search_index() {
    let (root, parts) = small_index();
    let queries = [
        "rust",
        "borrow checker",
        "\"exact phrase\"",
        "-not tag:rust",
        "語",
    ];
    let mut seeds = vec![root.clone()];
    seeds.extend(parts.iter().cloned());
    for (i, input) in mutations_of(&seeds).enumerate() {
        let query = queries[i % queries.len()];
        // A broken root with its own parts, and the real root with a broken part.
        quire_fuzz::search_index(&input, &parts[i % parts.len()], query);
        quire_fuzz::search_index(&root, &input, query);
    }
}

#[test]
fn query() {
    let seeds: Vec<Vec<u8>> = [
        "rust borrow",
        "\"a phrase\" -not",
        "tag:rust title:x*",
        "語語",
    ]
    .iter()
    .map(|seed| seed.as_bytes().to_vec())
    .collect();
    for input in mutations_of(&seeds) {
        quire_fuzz::query(&String::from_utf8_lossy(&input));
    }
}

/// The sample blog's posts and Hexo's theme test posts (when `../shared` is beside the
/// project, as in CI): the seeds `scripts/fuzz` copies into each corpus.
fn seed_posts() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut seeds = Vec::new();
    for dir in [
        "content/posts",
        "../shared/compat/hexo-theme-unit-test/posts",
    ] {
        let Ok(entries) = fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|entry| entry.path()).collect();
        paths.sort();
        for path in paths
            .into_iter()
            .filter(|path| path.extension() == Some("md".as_ref()))
        {
            seeds.push(fs::read(&path).expect("a seed post"));
        }
    }
    assert!(!seeds.is_empty(), "no seed posts in content/posts");
    seeds
}

/// The seeds themselves, then `MUTATIONS` inputs each made from one seed by one to eight
/// edits: a byte changed, a token spliced in, a range deleted or repeated, a seed's tail
/// swapped for another's. Deterministic (xorshift from a fixed state), so a failure reruns.
fn mutations_of(seeds: &[Vec<u8>]) -> impl Iterator<Item = Vec<u8>> + '_ {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below.max(1) as u64) as usize
    };
    let mutated = (0..MUTATIONS).map(move |_| {
        let mut input = seeds[next(seeds.len())].clone();
        for _ in 0..1 + next(8) {
            let at = next(input.len() + 1);
            match next(5) {
                0 if at < input.len() => input[at] = next(256) as u8,
                1 => {
                    let token = TOKENS[next(TOKENS.len())].as_bytes();
                    input.splice(at..at, token.iter().copied());
                }
                2 => {
                    let end = (at + next(64)).min(input.len());
                    input.drain(at..end);
                }
                3 => {
                    let end = (at + next(64)).min(input.len());
                    let piece = input[at..end].repeat(1 + next(64));
                    input.splice(at..at, piece);
                }
                _ => {
                    let other = &seeds[next(seeds.len())];
                    input.truncate(at);
                    input.extend_from_slice(&other[next(other.len() + 1)..]);
                }
            }
        }
        input
    });
    seeds.iter().cloned().chain(mutated)
}

/// A small search index (all of it in its root, plus whatever parts the writer splits off),
/// each file as the app holds it: un-gzipped.
fn small_index() -> (Vec<u8>, Vec<Vec<u8>>) {
    let mut writer = IndexWriter::new();
    for (i, body) in [
        "rust borrow checker",
        "an exact phrase here",
        "語 and more words",
    ]
    .iter()
    .enumerate()
    {
        let terms = DocumentTerms::new(&DocumentText {
            title: "A post",
            tags: &[("Rust", "rust")],
            categories: &[],
            headings: &[],
            body,
        });
        let card = ResultCard {
            title: "A post".to_owned(),
            path: format!("/post-{i}/"),
            date: "2024-05-01T10:00:00Z".to_owned(),
            tags: vec![("Rust".to_owned(), "rust".to_owned())],
        };
        writer.add(card, terms);
    }
    let index = writer.finish("search");
    let mut root = Vec::new();
    let mut parts = Vec::new();
    for (name, compressed) in index.files {
        let bytes = quire_search::write::inflate(&compressed).expect("every file is deflate");
        if name == index.root {
            root = bytes;
        } else {
            parts.push(bytes);
        }
    }
    if parts.is_empty() {
        parts.push(root.clone());
    }
    (root, parts)
}
