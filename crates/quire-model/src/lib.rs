//! The shape of Quire's bundle: the serde types that the build step writes and the app reads,
//! the public URL scheme, and the slug rule that both sides must apply alike. (The search
//! index is binary; its format lives with its engine in quire-search.)
//!
//! This crate is deliberately light (serde, and XXH3 for the build's file names) because it is
//! compiled into the wasm app.

mod bundle;
pub mod catalog;
pub mod furniture;
pub mod integrations;
pub mod lowercase;
pub mod routes;
pub mod slug;
pub mod words;

pub use bundle::*;

/// Escapes text for HTML content or a quoted attribute value: used wherever HTML is written
/// as text (the build step's Markdown additions, the pages' head tags).
pub fn escape_html(s: &str) -> String {
    let mut escaped = String::with_capacity(s.len());
    // The escaped characters are ASCII: the text between them is copied a run at a time.
    let mut plain = 0;
    for (at, byte) in s.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => continue,
        };
        escaped.push_str(&s[plain..at]);
        escaped.push_str(entity);
        plain = at + 1;
    }
    escaped.push_str(&s[plain..]);
    escaped
}

/// Bumped whenever the bundle's shape changes, so an app never misreads a bundle of another build.
pub const SCHEMA_VERSION: u32 = 9;

/// Where each part of the bundle lives, relative to the bundle's root folder.
pub mod files {
    /// The folder the bundle is served from, relative to the site root.
    pub const BUNDLE_DIR: &str = "data";
    /// The folder of the search index's files.
    pub const SEARCH_DIR: &str = "search";
    /// The folder of the post files.
    pub const POSTS_DIR: &str = "posts";
    /// The folder, at the site's root, of the smaller copies of the site's photos, each named
    /// by a hash of the photo and of how it was made (so cached a year, as the bundle is).
    pub const IMAGES_DIR: &str = "_images";

    // Every file is named by a hash of its contents, so a redeploy can never mix old files with
    // new ones in a reader's cache: only the HTML pages, which name the site index, change name
    // in place. The site index names every other file.

    /// The site index: settings, tags, categories, years, and the names of the other files.
    pub fn index(hash: &str) -> String {
        format!("index.{hash}.json")
    }

    /// The site index of a bundle written again in place (the author's loop, where a page is
    /// written again only when what it shows changed, and not because the index did): one name
    /// whatever its contents. Nothing caches it: the loop's server says so.
    pub const IN_PLACE_INDEX: &str = "index.json";

    /// Whether `name`, a file in the bundle folder, is the site index: the one file that tools
    /// reading a built bundle from disk look for.
    pub fn is_index(name: &str) -> bool {
        name.starts_with("index.") && name.ends_with(".json")
    }

    /// The file holding one post's body, table of contents and neighbours: named by its slug
    /// for people reading the folder, in characters every host serves and every URL carries
    /// as they are (a Hexo slug keeps its folders, spaces and punctuation: `Ads/Ads Overview`
    /// is `Ads-Ads-Overview`); the hash tells apart slugs that come out the same.
    pub fn post(slug: &str, hash: &str) -> String {
        let name: String = slug
            .chars()
            .map(
                |c| match c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    true => c,
                    false => '-',
                },
            )
            .collect();
        format!("{POSTS_DIR}/{}.{hash}.json", name.trim_matches('.'))
    }

    /// Page `page` of the list `id` (see [`crate::Listing`]).
    pub fn list_page(id: &str, page: u32) -> String {
        format!("{LISTS_DIR}/{id}-{page}.json")
    }

    /// The folder of the list pages.
    pub const LISTS_DIR: &str = "lists";

    /// A shard of the route table.
    pub fn route_shard(hash: &str) -> String {
        format!("{ROUTES_DIR}/{hash}.json")
    }

    /// The folder of the route table's shards.
    pub const ROUTES_DIR: &str = "routes";

    /// Which of `shards` route table shards lists the post at `path` (a trailing `/`
    /// optional); `None` when there are none.
    pub fn route_shard_of(path: &str, shards: usize) -> Option<usize> {
        let hash = fnv1a(path.trim_end_matches('/').as_bytes());
        (shards > 0).then(|| (hash % shards as u64) as usize)
    }

    /// The hash that names a file: XXH3 of its bytes, 64 bits in hex. Stable across
    /// versions, unlike `Hash`, so the same contents always get the same name. (The build
    /// hashes every byte it writes: FNV-1a, a byte at a time, was 6% of its time.)
    pub fn content_hash(bytes: &[u8]) -> String {
        content_hash_of([bytes])
    }

    /// [`content_hash`] of `parts` one after the other, without joining them.
    pub fn content_hash_of<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for part in parts {
            hasher.update(part);
        }
        format!("{:016x}", hasher.digest())
    }

    fn fnv1a(bytes: &[u8]) -> u64 {
        bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_special_characters_are_escaped_and_the_rest_kept() {
        assert_eq!(
            escape_html(r#"Ünï "<a href='x'>" & 日本語>"#),
            "Ünï &quot;&lt;a href='x'&gt;&quot; &amp; 日本語&gt;"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("plain"), "plain");
    }
}
