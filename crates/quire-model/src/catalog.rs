//! Lays the posts out as the bundle's lists: the home page, the archive, each tag, category
//! and year, a page per file; and the route table in shards. What a route fetches then stays
//! the same size however many posts the blog has.
//!
//! Pure data, no I/O: the build step writes what this returns, and the app's tests make their
//! fixture bundle with it, so both see the same layout.

use std::collections::{BTreeMap, HashSet};

use crate::{
    files, ArchiveMonth, ArchiveYear, CategoryNode, ListedPost, Listing, RouteShard, SiteIndex,
    SiteInfo, TermCount, SCHEMA_VERSION,
};

/// Posts a page of the lists other than the home page (which has `posts_per_page`): those
/// show one line a post.
pub const LIST_PAGE_SIZE: usize = 50;

/// How many posts a route table shard lists, about: a few kilobytes to fetch.
pub const ROUTE_SHARD_SIZE: usize = 128;

/// The site index, and every list page and route shard it names, as (file name, JSON).
pub struct Catalog {
    pub index: SiteIndex,
    pub files: Vec<(String, Vec<u8>)>,
}

/// Lays out `posts` (newest first) for `site`; `list_page_size` is [`LIST_PAGE_SIZE`] but in
/// tests. The index's `search` is left for the caller, who writes the search index.
pub fn catalog(site: SiteInfo, posts: &[ListedPost], list_page_size: usize) -> Catalog {
    let entries: Vec<EntryJson> = posts
        .iter()
        .map(|listed| EntryJson::of(&mut listed.clone()))
        .collect();
    catalog_of_entries(site, posts, &entries, Vec::new(), list_page_size)
}

/// A post's JSON in the lists, written once and copied into each list it is in.
pub struct EntryJson {
    /// With its excerpt, for the home page.
    home: Vec<u8>,
    /// Without it, for the other lists; `None` when it has no excerpt (the same JSON).
    other: Option<Vec<u8>>,
}

impl EntryJson {
    /// `listed`'s entry. Its excerpt is taken out for the entry without, then put back.
    pub fn of(listed: &mut ListedPost) -> Self {
        let json =
            |listed: &ListedPost| serde_json::to_vec(listed).expect("list entries serialise");
        let home = json(listed);
        let other = (!listed.post.excerpt_html.is_empty()).then(|| {
            let excerpt = std::mem::take(&mut listed.post.excerpt_html);
            let other = json(listed);
            listed.post.excerpt_html = excerpt;
            other
        });
        Self { home, other }
    }

    fn json(&self, excerpt: bool) -> &[u8] {
        match &self.other {
            Some(other) if !excerpt => other,
            _ => &self.home,
        }
    }
}

/// [`catalog`] from each post's [`EntryJson`] (in the order of `posts`), which the build step
/// writes on both cores; `pages` (path, file) are found by path as posts are, in no list.
pub fn catalog_of_entries(
    site: SiteInfo,
    posts: &[ListedPost],
    entries: &[EntryJson],
    pages: Vec<(String, String)>,
    list_page_size: usize,
) -> Catalog {
    let mut files = Vec::new();
    let mut list = |members: &[usize], page_size: usize, excerpts: bool| {
        let entry = |i: usize| entries[i].json(excerpts);
        let (listing, pages) = listing(entry, members, page_size);
        files.extend(pages);
        listing
    };
    let everyone: Vec<usize> = (0..posts.len()).collect();
    // Pinned posts (Hexo's `sticky`) open the home page, the highest first; the rest by date.
    let mut pinned_first = everyone.clone();
    pinned_first.sort_by_key(|&i| std::cmp::Reverse(posts[i].post.sticky));
    let home = list(&pinned_first, site.posts_per_page.max(1) as usize, true);
    let archive = list(&everyone, list_page_size, false);
    let tags = tag_counts(posts)
        .into_iter()
        .map(|(name, slug, members)| TermCount {
            name,
            slug,
            count: members.len() as u32,
            list: list(&members, list_page_size, false),
        })
        .collect();
    let categories = category_tree(posts, &mut |members| list(members, list_page_size, false));
    let years = years(posts, &mut |members| list(members, list_page_size, false));
    let paths = posts
        .iter()
        .map(|listed| (listed.post.path.as_str(), listed.file.as_str()))
        .chain(
            pages
                .iter()
                .map(|(path, file)| (path.as_str(), file.as_str())),
        );
    let routes = route_shards(paths, posts.len() + pages.len(), &mut files);
    Catalog {
        index: SiteIndex {
            version: SCHEMA_VERSION,
            site,
            post_count: posts.len() as u32,
            home,
            archive,
            tags,
            categories,
            years,
            routes,
            search: String::new(),
            feed_copies: Vec::new(),
            pages,
            integrations: Default::default(),
        },
        files,
    }
}

/// The pages of the list of `members` (positions of posts, whose JSON `entry` gives), named by
/// a hash of them all.
fn listing<'a>(
    entry: impl Fn(usize) -> &'a [u8],
    members: &[usize],
    page_size: usize,
) -> (Listing, Vec<(String, Vec<u8>)>) {
    let pages = members.len().div_ceil(page_size).max(1);
    let mut chunks = members.chunks(page_size);
    let pages_json: Vec<Vec<u8>> = (1..=pages)
        .map(|page| {
            let chunk = chunks.next().unwrap_or_default();
            let posts: Vec<&[u8]> = chunk.iter().map(|&i| entry(i)).collect();
            list_page_json(page as u32, pages as u32, members.len() as u32, &posts)
        })
        .collect();
    let id = files::content_hash_of(pages_json.iter().map(Vec::as_slice));
    let listing = Listing {
        id,
        pages: pages as u32,
    };
    let named = pages_json
        .into_iter()
        .enumerate()
        .map(|(i, json)| (files::list_page(&listing.id, i as u32 + 1), json))
        .collect();
    (listing, named)
}

/// A [`crate::ListPage`]'s JSON, as `serde_json` writes it (a test holds them to it), from its
/// posts' JSON.
fn list_page_json(page: u32, pages: u32, total: u32, posts: &[&[u8]]) -> Vec<u8> {
    let head = format!(
        r#"{{"version":{SCHEMA_VERSION},"page":{page},"pages":{pages},"total":{total},"posts":["#
    );
    let size = head.len() + posts.iter().map(|post| post.len() + 1).sum::<usize>() + 2;
    let mut json = Vec::with_capacity(size);
    json.extend_from_slice(head.as_bytes());
    for (i, post) in posts.iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        json.extend_from_slice(post);
    }
    json.extend_from_slice(b"]}");
    json
}

/// Each tag once, by name (ignoring case), with its posts; a tag spelled two ways keeps its
/// first spelling.
fn tag_counts(posts: &[ListedPost]) -> Vec<(String, String, Vec<usize>)> {
    let mut by_slug: BTreeMap<&str, (&str, Vec<usize>)> = BTreeMap::new();
    for (i, listed) in posts.iter().enumerate() {
        for tag in &listed.post.tags {
            let (_, members) = by_slug.entry(&tag.slug).or_insert((&tag.name, Vec::new()));
            if members.last() != Some(&i) {
                members.push(i);
            }
        }
    }
    let mut tags: Vec<(String, String, Vec<usize>)> = by_slug
        .into_iter()
        .map(|(slug, (name, members))| (name.to_owned(), slug.to_owned(), members))
        .collect();
    tags.sort_by_cached_key(|(name, slug, _)| (name.to_lowercase(), slug.clone()));
    tags
}

/// The category tree; a post counts once in every category on its paths.
fn category_tree(
    posts: &[ListedPost],
    list: &mut dyn FnMut(&[usize]) -> Listing,
) -> Vec<CategoryNode> {
    #[derive(Default)]
    struct Node<'a> {
        name: &'a str,
        posts: Vec<usize>,
        seen: HashSet<usize>,
        children: BTreeMap<&'a str, Node<'a>>,
    }
    fn into_nodes(
        children: BTreeMap<&str, Node<'_>>,
        list: &mut dyn FnMut(&[usize]) -> Listing,
    ) -> Vec<CategoryNode> {
        let mut nodes: Vec<CategoryNode> = children
            .into_iter()
            .map(|(slug, node)| CategoryNode {
                name: node.name.to_owned(),
                slug: slug.to_owned(),
                count: node.posts.len() as u32,
                list: list(&node.posts),
                children: into_nodes(node.children, list),
            })
            .collect();
        nodes.sort_by_cached_key(|node| node.name.to_lowercase());
        nodes
    }
    let mut root = Node::default();
    for (i, listed) in posts.iter().enumerate() {
        for hierarchy in &listed.post.categories {
            let mut node = &mut root;
            for term in hierarchy {
                node = node.children.entry(&term.slug).or_insert_with(|| Node {
                    name: &term.name,
                    ..Node::default()
                });
                if node.seen.insert(i) {
                    node.posts.push(i);
                }
            }
        }
    }
    into_nodes(root.children, list)
}

/// Years and their months, newest first (as the posts are).
fn years(posts: &[ListedPost], list: &mut dyn FnMut(&[usize]) -> Listing) -> Vec<ArchiveYear> {
    type Months = Vec<(u32, Vec<usize>)>;
    let mut years: Vec<(i32, Months, Vec<usize>)> = Vec::new();
    for (i, listed) in posts.iter().enumerate() {
        let (year, month) = (listed.post.date.year(), listed.post.date.month());
        if years.last().is_none_or(|(y, _, _)| *y != year) {
            years.push((year, Vec::new(), Vec::new()));
        }
        let (_, months, members) = years.last_mut().expect("pushed above");
        members.push(i);
        match months.last_mut() {
            Some((last, members)) if *last == month => members.push(i),
            _ => months.push((month, vec![i])),
        }
    }
    years
        .into_iter()
        .map(|(year, months, members)| ArchiveYear {
            year,
            count: members.len() as u32,
            months: months
                .into_iter()
                .map(|(month, members)| ArchiveMonth {
                    month,
                    count: members.len() as u32,
                    list: list(&members),
                })
                .collect(),
            list: list(&members),
        })
        .collect()
}

/// Writes the route table's shards of the `len` (path, file) in `paths` into `files`; returns
/// their names, in shard order.
fn route_shards<'a>(
    paths: impl Iterator<Item = (&'a str, &'a str)>,
    len: usize,
    files: &mut Vec<(String, Vec<u8>)>,
) -> Vec<String> {
    let count = len.div_ceil(ROUTE_SHARD_SIZE);
    let mut shards = vec![RouteShard::default(); count];
    for (path, file) in paths {
        let shard = files::route_shard_of(path, count).expect("a shard per post");
        shards[shard].posts.insert(path.to_owned(), file.to_owned());
    }
    shards
        .into_iter()
        .map(|mut shard| {
            shard.version = SCHEMA_VERSION;
            let json = serde_json::to_vec(&shard).expect("route shards serialise");
            let name = files::route_shard(&files::content_hash(&json));
            files.push((name.clone(), json));
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ListPage, PostSummary, Term, Timestamp};

    fn listed(slug: &str, date: &str, tags: &[&str], categories: &[&[&str]]) -> ListedPost {
        let term = |name: &&str| Term {
            name: name.to_string(),
            slug: name.to_lowercase(),
        };
        ListedPost {
            file: files::post(slug, "h"),
            post: PostSummary {
                slug: slug.into(),
                path: format!("/posts/{slug}/"),
                title: slug.into(),
                date: Timestamp::new(date.into()).unwrap(),
                updated: Timestamp::new(date.into()).unwrap(),
                tags: tags.iter().map(term).collect(),
                categories: categories
                    .iter()
                    .map(|path| path.iter().map(term).collect())
                    .collect(),
                excerpt_html: format!("<p>{slug}</p>"),
                description: String::new(),
                thumbnail: None,
                thumbnail_srcset: String::new(),
                word_count: 0,
                reading_minutes: 0,
                author: String::new(),
                sticky: 0,
            },
        }
    }

    fn page(catalog: &Catalog, listing: &Listing, n: u32) -> ListPage {
        let name = listing.page_file(n).expect("the page exists");
        let (_, json) = catalog.files.iter().find(|(f, _)| *f == name).unwrap();
        serde_json::from_slice(json).unwrap()
    }

    fn slugs(page: &ListPage) -> Vec<&str> {
        page.posts.iter().map(|p| p.post.slug.as_str()).collect()
    }

    fn site(per_page: u32) -> SiteInfo {
        SiteInfo {
            posts_per_page: per_page,
            ..SiteInfo::default()
        }
    }

    #[test]
    fn list_pages_are_the_json_serde_writes() {
        let posts = vec![
            listed("b", "2025-01-01", &["Rust"], &[&["Code"]]),
            listed("a", "2024-11-01", &[], &[]),
        ];
        let entries: Vec<EntryJson> = posts
            .iter()
            .map(|p| EntryJson::of(&mut p.clone()))
            .collect();
        let home: Vec<&[u8]> = entries.iter().map(|entry| entry.json(true)).collect();
        let json = list_page_json(2, 3, 7, &home);
        let expected = ListPage {
            version: SCHEMA_VERSION,
            page: 2,
            pages: 3,
            total: 7,
            posts,
        };
        assert_eq!(
            String::from_utf8(json).unwrap(),
            serde_json::to_string(&expected).unwrap()
        );
        let empty = list_page_json(1, 1, 0, &[]);
        let expected = ListPage {
            posts: Vec::new(),
            ..expected
        };
        assert_eq!(
            empty,
            serde_json::to_vec(&ListPage {
                page: 1,
                pages: 1,
                total: 0,
                ..expected
            })
            .unwrap()
        );
    }

    #[test]
    fn lists_are_paged_and_each_page_is_a_file() {
        let posts = vec![
            listed("e", "2025-03-01", &["Rust"], &[&["Code", "Rust"]]),
            listed("d", "2025-03-01", &["rust", "Web"], &[&["Code"]]),
            listed("c", "2025-01-01", &["Web"], &[&["Life"]]),
            listed(
                "b",
                "2024-12-01",
                &["Rust"],
                &[&["Code", "Rust"], &["Code"]],
            ),
            listed("a", "2024-11-01", &[], &[]),
        ];
        let catalog = catalog(site(2), &posts, 3);
        let index = &catalog.index;
        assert_eq!(index.post_count, 5);
        assert_eq!(index.home.pages, 3);
        assert_eq!(slugs(&page(&catalog, &index.home, 2)), ["c", "b"]);
        assert_eq!(page(&catalog, &index.home, 3).total, 5);
        assert_eq!(index.home.page_file(4), None);
        assert_eq!(index.home.page_file(0), None);
        // Home pages carry excerpts; the one-line lists do not.
        assert_eq!(
            page(&catalog, &index.home, 1).posts[0].post.excerpt_html,
            "<p>e</p>"
        );
        assert_eq!(
            page(&catalog, &index.archive, 1).posts[0].post.excerpt_html,
            ""
        );
        assert_eq!(slugs(&page(&catalog, &index.archive, 2)), ["b", "a"]);

        // A tag spelled two ways is one tag, by its first spelling.
        let rust = index.tag("rust").unwrap();
        assert_eq!(
            (rust.name.as_str(), rust.count, rust.list.pages),
            ("Rust", 3, 1)
        );
        assert_eq!(slugs(&page(&catalog, &rust.list, 1)), ["e", "d", "b"]);

        // A category lists its posts and those below it, each once.
        let code = &index.categories[0];
        assert_eq!((code.slug.as_str(), code.count), ("code", 3));
        assert_eq!(slugs(&page(&catalog, &code.list, 1)), ["e", "d", "b"]);
        assert_eq!(code.children[0].count, 2);

        let years: Vec<_> = index.years.iter().map(|y| (y.year, y.count)).collect();
        assert_eq!(years, [(2025, 3), (2024, 2)]);
        let months: Vec<_> = index.years[0]
            .months
            .iter()
            .map(|m| (m.month, m.count))
            .collect();
        assert_eq!(months, [(3, 2), (1, 1)]);
        assert_eq!(
            slugs(&page(&catalog, &index.year(2024).unwrap().list, 1)),
            ["b", "a"]
        );
        // Each month is a list of its own, as Hexo's /archives/2025/03/.
        let march = index.month(2025, 3).unwrap();
        assert_eq!(slugs(&page(&catalog, &march.list, 1)), ["e", "d"]);
        assert_eq!(
            slugs(&page(&catalog, &index.month(2024, 11).unwrap().list, 1)),
            ["a"]
        );
        assert_eq!(index.month(2025, 2), None);
        let route = crate::routes::Route::parse("/archives/2024/12/");
        assert_eq!(
            index.list_file(&route),
            index.month(2024, 12).unwrap().list.page_file(1)
        );
    }

    #[test]
    fn every_post_is_found_in_its_route_shard() {
        let posts: Vec<ListedPost> = (0..300)
            .map(|i| listed(&format!("p{i}"), "2024-01-01", &[], &[]))
            .collect();
        let catalog = catalog(site(10), &posts, LIST_PAGE_SIZE);
        assert_eq!(catalog.index.routes.len(), 3);
        for listed in &posts {
            let shard_file = catalog.index.route_shard(&listed.post.path).unwrap();
            let (_, json) = catalog.files.iter().find(|(f, _)| f == shard_file).unwrap();
            let shard: RouteShard = serde_json::from_slice(json).unwrap();
            let bare = listed.post.path.trim_end_matches('/');
            assert_eq!(shard.file_of(bare), Some(listed.file.as_str()));
        }
    }

    #[test]
    fn an_empty_blog_has_one_empty_home_page_and_no_route_shards() {
        let catalog = catalog(site(10), &[], LIST_PAGE_SIZE);
        assert_eq!(catalog.index.home.pages, 1);
        assert!(page(&catalog, &catalog.index.home, 1).posts.is_empty());
        assert!(catalog.index.routes.is_empty());
        assert_eq!(catalog.index.route_shard("/posts/a/"), None);
    }

    #[test]
    fn a_list_changes_name_when_a_post_in_it_changes() {
        let mut posts = vec![listed("a", "2024-01-01", &["x"], &[])];
        let before = catalog(site(10), &posts, 10).index;
        posts[0].post.title = "Retitled".into();
        let after = catalog(site(10), &posts, 10).index;
        assert_ne!(before.home.id, after.home.id);
        assert_ne!(before.tags[0].list.id, after.tags[0].list.id);
    }
}
