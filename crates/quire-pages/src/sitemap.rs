//! `sitemap.xml` (sitemaps.org 0.9; an index of numbered sitemaps above 50,000 URLs) and
//! `robots.txt` pointing to it.

use quire_model::routes::{self, absolute, page_url};

use crate::feeds::xml;
use crate::pages::Page;
use crate::BundleDir;

/// The protocol's limit of URLs in one sitemap file.
pub const URLS_PER_SITEMAP: usize = 50_000;

/// The sitemap files, as (site path, contents): `/sitemap.xml` alone, or an index at
/// `/sitemap.xml` of `/sitemap-1.xml`, `/sitemap-2.xml`, ….
pub fn sitemaps(base_url: &str, pages: &[Page]) -> Vec<(String, String)> {
    let entries: Vec<String> = pages
        .iter()
        .filter(|page| page.in_sitemap)
        .map(|page| {
            let lastmod = page
                .updated
                .as_ref()
                .map(|date| format!("<lastmod>{date}</lastmod>"))
                .unwrap_or_default();
            format!(
                "<url><loc>{}</loc>{lastmod}</url>\n",
                xml(&page_url(base_url, &page.route))
            )
        })
        .collect();
    let urlset = |entries: &[String]| {
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n{}</urlset>\n",
            entries.concat()
        )
    };
    if entries.len() <= URLS_PER_SITEMAP {
        return vec![(routes::SITEMAP.to_owned(), urlset(&entries))];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in entries.chunks(URLS_PER_SITEMAP).enumerate() {
        let path = format!("/sitemap-{}.xml", i + 1);
        index += &format!(
            "<sitemap><loc>{}</loc></sitemap>\n",
            xml(&page_url(base_url, &path))
        );
        files.push((path, urlset(chunk)));
    }
    index += "</sitemapindex>\n";
    files.insert(0, (routes::SITEMAP.to_owned(), index));
    files
}

pub fn robots_txt(bundle: &BundleDir) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        absolute(&bundle.index.site.base_url, routes::SITEMAP)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn above_50000_urls_the_sitemap_becomes_an_index() {
        let pages: Vec<Page> = (0..URLS_PER_SITEMAP + 1)
            .map(|n| Page {
                route: format!("/p/{n}/"),
                data_file: String::new(),
                updated: None,
                in_sitemap: true,
            })
            .collect();
        let files = sitemaps("https://x.org", &pages);
        let names: Vec<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(names, ["/sitemap.xml", "/sitemap-1.xml", "/sitemap-2.xml"]);
        assert!(
            files[0].1.contains("<sitemapindex")
                && files[0]
                    .1
                    .contains("<loc>https://x.org/sitemap-2.xml</loc>")
        );
        assert_eq!(files[1].1.matches("<url>").count(), URLS_PER_SITEMAP);
        assert_eq!(files[2].1.matches("<url>").count(), 1);
        assert_eq!(sitemaps("https://x.org", &pages[..10]).len(), 1);
    }
}
