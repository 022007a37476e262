//! A fixture bundle served from memory: three posts over two years, tags, nested categories.
// Shared by tests/web.rs and tests/render.rs, which each use a part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::future::pending;
use std::sync::{Arc, Mutex};

use quire::api::{Fetch, FetchFuture, LoadError};
use quire_model::*;
use quire_search::snippet::text_of_html;
use quire_search::write::{DocumentTerms, IndexFiles, IndexWriter, ResultCard};

/// The fixture's site index file, as a page names it.
pub(crate) const INDEX: &str = "index.fixture.json";

/// The fixture's file for the post `slug`.
pub(crate) fn post_file(slug: &str) -> String {
    files::post(slug, "fixture")
}

/// The build's English words (crates/quire-build/src/i18n/en.toml), as a site index carries
/// them (its date format made a template, as the build makes it).
pub(crate) fn english_words() -> words::Words {
    let english: HashMap<String, String> =
        toml::from_str(include_str!("../../crates/quire-build/src/i18n/en.toml")).unwrap();
    words::Words(
        (words::Word::ALL.iter())
            .map(|word| match word {
                words::Word::DateFormat => "{MMMM} {D}, {YYYY}".to_owned(),
                _ => english[word.name()].clone(),
            })
            .collect::<Vec<_>>()
            .into(),
    )
}

/// What the fixture answers for one bundle path.
#[derive(Clone)]
pub(crate) enum Answer {
    Text(String),
    Bytes(Vec<u8>),
    Fail(LoadError),
    /// Never answers: the app stays in its loading state.
    Hang,
}

/// Serves bundle files from memory and records which paths were fetched.
#[derive(Clone, Default)]
pub(crate) struct Fixture {
    answers: Arc<Mutex<HashMap<String, Answer>>>,
    pub(crate) fetched: Arc<Mutex<Vec<String>>>,
}

impl Fetch for Fixture {
    fn fetch(&self, path: &str) -> FetchFuture {
        let answer = self.answer_for(path);
        Box::pin(async move {
            match answer.await? {
                Answer::Text(text) => Ok(text),
                _ => Err(LoadError::Decode("binary file".into())),
            }
        })
    }

    fn fetch_bytes(&self, path: &str) -> FetchFuture<Vec<u8>> {
        let answer = self.answer_for(path);
        Box::pin(async move {
            match answer.await? {
                Answer::Bytes(bytes) => Ok(bytes),
                Answer::Text(text) => Ok(text.into_bytes()),
                _ => unreachable!("answer_for resolves the others"),
            }
        })
    }
}

impl Fixture {
    /// Records the fetch and finds the answer; failures and hangs happen here.
    fn answer_for(
        &self,
        path: &str,
    ) -> impl std::future::Future<Output = Result<Answer, LoadError>> {
        self.fetched.lock().unwrap().push(path.to_owned());
        let answer = self.answers.lock().unwrap().get(path).cloned();
        async move {
            match answer {
                Some(Answer::Fail(error)) => Err(error),
                Some(Answer::Hang) => pending().await,
                Some(answer) => Ok(answer),
                None => Err(LoadError::Http(404)),
            }
        }
    }
}

impl Fixture {
    /// The sample bundle: three posts over two years, tags, nested categories.
    pub(crate) fn sample() -> Self {
        let fixture = Self::default();
        let bundle = sample_bundle();
        fixture.answer(
            INDEX,
            Answer::Text(serde_json::to_string(&bundle.index).unwrap()),
        );
        for (path, bytes) in bundle.search.files {
            fixture.answer(&path, Answer::Bytes(bytes));
        }
        for (path, json) in bundle.lists_and_routes {
            fixture.answer(&path, Answer::Text(String::from_utf8(json).unwrap()));
        }
        for post in bundle.posts {
            fixture.answer(
                &post_file(&post.post.slug),
                Answer::Text(serde_json::to_string(&post).unwrap()),
            );
        }
        fixture
    }

    /// The sample, searched as if "Templates in C++" were a long post (some 40 KB of text,
    /// ending with the words "SFINAE rules"): its card and the passages of its text are files
    /// of their own. Also returns the passage file that holds "SFINAE".
    pub(crate) fn sample_with_a_long_post() -> (Self, String) {
        let fixture = Self::sample();
        let mut bundle = sample_bundle();
        let filler: Vec<String> = (0..5000).map(|i| format!("w{i}x")).collect();
        bundle.posts[1].body_html =
            format!("<p>Templates. {}</p><p>SFINAE rules.</p>", filler.join(" "));
        let search = search_index(&bundle.posts);
        let mut index = bundle.index;
        index.search = search.root.clone();
        fixture.answer(INDEX, Answer::Text(serde_json::to_string(&index).unwrap()));
        let mut sfinae = None;
        for (path, bytes) in search.files {
            let text = quire_search::write::inflate(&bytes).unwrap();
            // `<hash>-<doc>.<n>.bin`
            let passage =
                (path.rsplit_once('-')).is_some_and(|(_, own)| own.matches('.').count() == 2);
            if passage && String::from_utf8_lossy(&text).contains("SFINAE") {
                sfinae = Some(path.clone());
            }
            fixture.answer(&path, Answer::Bytes(bytes));
        }
        (fixture, sfinae.expect("a passage file with the last words"))
    }

    /// The sample, searched as if it had 12 more long posts ("Long post 1" to "12", some 40 KB
    /// of text each, ending with "SFINAE rules"): more results for "sfinae" than one screen
    /// shows. Also returns each long post's passage file that holds "SFINAE", in the order
    /// the results list them.
    pub(crate) fn sample_with_many_long_posts() -> (Self, Vec<String>) {
        let fixture = Self::sample();
        let bundle = sample_bundle();
        let filler: Vec<String> = (0..5000).map(|i| format!("w{i}x")).collect();
        let mut posts = bundle.posts.clone();
        for n in 1..=12 {
            let mut post = bundle.posts[1].clone();
            post.post.slug = format!("long-{n}");
            post.post.path = format!("/posts/long-{n}/");
            post.post.title = format!("Long post {n}");
            post.body_html = format!("<p>Long. {}</p><p>SFINAE rules.</p>", filler.join(" "));
            posts.push(post);
        }
        let search = search_index(&posts);
        let mut index = bundle.index;
        index.search = search.root.clone();
        fixture.answer(INDEX, Answer::Text(serde_json::to_string(&index).unwrap()));
        let first_long = bundle.posts.len();
        let mut passages = vec![String::new(); 12];
        for (path, bytes) in search.files {
            let text = quire_search::write::inflate(&bytes).unwrap();
            // `<hash>-<doc>.<n>.bin`, document ids in the order posts were added.
            let own = path.rsplit_once('-').map_or("", |(_, own)| own);
            let doc: Option<usize> = own.split('.').next().and_then(|d| d.parse().ok());
            let passage = own.matches('.').count() == 2;
            if let Some(long) = doc.and_then(|doc| doc.checked_sub(first_long)) {
                if passage && String::from_utf8_lossy(&text).contains("SFINAE") {
                    passages[long] = path.clone();
                }
            }
            fixture.answer(&path, Answer::Bytes(bytes));
        }
        assert!(passages.iter().all(|p| !p.is_empty()), "{passages:?}");
        (fixture, passages)
    }

    pub(crate) fn answer(&self, path: &str, answer: Answer) {
        self.answers.lock().unwrap().insert(path.to_owned(), answer);
    }

    /// How many files of the search index were fetched.
    pub(crate) fn search_fetches(&self) -> usize {
        let prefix = format!("{}/", files::SEARCH_DIR);
        self.fetched
            .lock()
            .unwrap()
            .iter()
            .filter(|p| p.starts_with(&prefix))
            .count()
    }

    /// The site index the fixture answers with, if it answers with one.
    pub(crate) fn index(&self) -> Option<SiteIndex> {
        match self.answers.lock().unwrap().get(INDEX)? {
            Answer::Text(json) => serde_json::from_str(json).ok(),
            _ => None,
        }
    }

    pub(crate) fn times_fetched(&self, path: &str) -> usize {
        self.fetched
            .lock()
            .unwrap()
            .iter()
            .filter(|p| *p == path)
            .count()
    }
}

/// The sample bundle, laid out as the build step lays it out.
pub(crate) struct SampleBundle {
    pub(crate) index: SiteIndex,
    /// Newest first.
    pub(crate) posts: Vec<PostFile>,
    /// The list pages and route table shards, as (file, JSON).
    pub(crate) lists_and_routes: Vec<(String, Vec<u8>)>,
    pub(crate) search: IndexFiles,
}

impl SampleBundle {
    /// Makes the whole bundle loaded in `bundle`, as the pages step does.
    pub(crate) fn preload(self, bundle: &quire::bundle::Bundle) {
        bundle.preload_index(self.index);
        for (path, json) in self.lists_and_routes {
            if path.starts_with(files::LISTS_DIR) {
                let page: ListPage = serde_json::from_slice(&json).unwrap();
                bundle.preload_list(&path, page);
            } else {
                let shard: RouteShard = serde_json::from_slice(&json).unwrap();
                bundle.preload_route_shard(&path, shard);
            }
        }
        for post in self.posts {
            bundle.preload_post(&post_file(&post.post.slug), post);
        }
    }
}

fn term(name: &str, slug: &str) -> Term {
    Term {
        name: name.into(),
        slug: slug.into(),
    }
}

fn summary(
    slug: &str,
    title: &str,
    date: &str,
    tags: Vec<Term>,
    categories: Vec<Vec<Term>>,
) -> PostSummary {
    PostSummary {
        slug: slug.into(),
        path: format!("/posts/{slug}/"),
        title: title.into(),
        date: Timestamp::new(date.into()).unwrap(),
        updated: Timestamp::new(date.into()).unwrap(),
        tags,
        categories,
        excerpt_html: format!("<p>Excerpt of {title}.</p>"),
        description: format!("About {title}."),
        thumbnail: None,
        thumbnail_srcset: String::new(),
        word_count: 300,
        reading_minutes: 2,
        author: String::new(),
        sticky: 0,
    }
}

pub(crate) fn sample_bundle() -> SampleBundle {
    let rust = term("Rust", "rust");
    let cpp = term("C++", "c-plus-plus");
    let nihongo = term("日本語", "日本語");
    let code = term("Code", "code");
    let posts = [
        summary(
            "borrowing",
            "Borrowing explained",
            "2026-03-02T10:00:00Z",
            vec![rust.clone()],
            vec![vec![code.clone(), rust.clone()]],
        ),
        summary(
            "templates",
            "Templates in C++",
            "2026-01-15T10:00:00Z",
            vec![cpp],
            vec![vec![code.clone(), term("C++", "c-plus-plus")]],
        ),
        summary(
            "tokyo",
            "東京の冬",
            "2025-12-24T10:00:00Z",
            vec![nihongo, rust],
            vec![vec![term("Life", "life")]],
        ),
    ];
    let link = |i: usize| PostLink {
        slug: posts[i].slug.clone(),
        path: posts[i].path.clone(),
        title: posts[i].title.clone(),
    };
    let files = vec![
        PostFile {
            version: SCHEMA_VERSION,
            post: posts[0].clone(),
            body_html: r#"<h2 id="rules">Rules</h2><p>The borrow checker. <a href="/posts/tokyo/">A link</a></p><h3 id="details">Details</h3><p>More.</p>"#.into(),
            toc: vec![TocEntry {
                id: "rules".into(),
                text: "Rules".into(),
                level: 2,
                children: vec![TocEntry { id: "details".into(), text: "Details".into(), level: 3, children: vec![] }],
            }],
            older: Some(link(1)),
            newer: None,
            related: vec![link(2)],
            photos: vec![], page: false, comments: false, extra: Default::default(),
        },
        PostFile { version: SCHEMA_VERSION, post: posts[1].clone(), body_html: "<p>Templates.</p>".into(), toc: vec![], older: Some(link(2)), newer: Some(link(0)), related: vec![], photos: vec![], page: false, comments: false, extra: Default::default() },
        PostFile { version: SCHEMA_VERSION, post: posts[2].clone(), body_html: "<p>雪が降った。</p>".into(), toc: vec![], older: None, newer: Some(link(1)), related: vec![link(0)], photos: vec![], page: false, comments: false, extra: Default::default() },
    ];
    let site = SiteInfo {
        title: "Fixture Blog".into(),
        subtitle: "Tested in Chromium".into(),
        description: "A blog for tests.".into(),
        author: "Tester".into(),
        language: "ja".into(),
        base_url: "http://127.0.0.1".into(),
        posts_per_page: 2,
        // What the build writes for these settings (crates/quire-build/src/config.rs).
        brand_html: furniture::brand_html("Fixture Blog", "Tested in Chromium", None),
        menu_html: furniture::menu_html(&furniture::Link::default_menu([
            "Home",
            "Archives",
            "Categories",
            "Tags",
        ])),
        footer_html: furniture::footer_html(&[], "", "Tester", ("Elsewhere", "Built with Quire")),
        list_ad_html: String::new(),
        words: english_words(),
    };
    let listed: Vec<ListedPost> = files
        .iter()
        .map(|file| ListedPost {
            file: post_file(&file.post.slug),
            post: file.post.clone(),
        })
        .collect();
    let catalog = catalog::catalog(site, &listed, catalog::LIST_PAGE_SIZE);
    let mut index = catalog.index;
    let search = search_index(&files);
    index.search = search.root.clone();
    SampleBundle {
        index,
        posts: files,
        lists_and_routes: catalog.files,
        search,
    }
}

/// The search index of `posts`, written by the real writer as the build step writes it.
fn search_index(posts: &[PostFile]) -> IndexFiles {
    let mut writer = IndexWriter::new();
    for file in posts {
        let text = text_of_html(&file.body_html);
        writer.add(
            ResultCard::of_post(&file.post),
            DocumentTerms::of_post(&file.post, &file.toc, &text),
        );
    }
    writer.finish(files::SEARCH_DIR)
}
