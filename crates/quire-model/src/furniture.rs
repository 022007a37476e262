//! What a blog has around its posts that the site's settings name: its name, logo and
//! tagline, the header's menu, the footer's links to the author elsewhere and its own lines.
//! The build writes them as HTML once ([`SiteInfo::brand_html`](crate::SiteInfo),
//! `menu_html`, `footer_html`); every page shows that HTML, and the app that every page loads
//! carries no code to draw them.
//!
//! Links to the site's own pages are written relative to the site's root (`about/`, `./`),
//! which the page's `<base href>` resolves wherever the site is deployed.

use crate::{escape_html, routes};

/// A link in the header's menu: a site path (`/about/`) or another site's URL.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

impl Link {
    /// The menu of a site that names none: the home page and the three indexes, by these
    /// `names` (in the site's language).
    pub fn default_menu([home, archives, categories, tags]: [&str; 4]) -> Vec<Link> {
        [
            (home, "/"),
            (archives, routes::ARCHIVES),
            (categories, routes::CATEGORIES),
            (tags, routes::TAGS),
        ]
        .map(|(name, url)| Link {
            name: name.to_owned(),
            url: url.to_owned(),
        })
        .to_vec()
    }
}

/// A link to the author's profile elsewhere: `kind` names its icon (`github`, `mastodon`,
/// `x`, `linkedin`, `email`, `rss`, …; style/main.css draws them) and `name` is what a screen
/// reader says ("GitHub").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SocialLink {
    pub kind: String,
    pub name: String,
    pub url: String,
    /// `rel="me"`: the profile links back to the site (Mastodon's verification).
    pub me: bool,
}

/// `url` as a page's `href`: one from the site's root made relative to it, as links in posts
/// are ([`routes::site_relative`]); any other (`https://…`, `mailto:…`) as written.
pub fn site_href(url: &str) -> String {
    escape_html(&routes::site_relative(url))
}

/// The site's name, linking to its home page, after its logo or avatar (a site path or URL,
/// drawn 40 × 40; decorative, as the name beside it says what it is) and before its tagline.
pub fn brand_html(title: &str, subtitle: &str, logo: Option<&str>) -> String {
    let mut html = String::new();
    if let Some(logo) = logo {
        html += &format!(
            r#"<img class="site-logo" src="{}" alt="" width="40" height="40">"#,
            site_href(logo)
        );
    }
    html += &format!(
        r#"<a class="site-title" href="./">{}</a>"#,
        escape_html(title)
    );
    if !subtitle.is_empty() {
        html += &format!(r#"<p class="site-subtitle">{}</p>"#, escape_html(subtitle));
    }
    html
}

/// The menu's links.
pub fn menu_html(menu: &[Link]) -> String {
    menu.iter()
        .map(|link| {
            format!(
                r#"<a href="{}">{}</a>"#,
                site_href(&link.url),
                escape_html(&link.name)
            )
        })
        .collect()
}

/// The footer: the links elsewhere (a list that a screen reader calls `words.0`), as icons,
/// the site's own line of text, and the author's copyright beside `words.1` ("Built with
/// Quire", in the site's language).
pub fn footer_html(
    social: &[SocialLink],
    footer: &str,
    author: &str,
    words: (&str, &str),
) -> String {
    let mut html = String::new();
    if !social.is_empty() {
        html += &format!(
            r#"<ul class="social" aria-label="{}">"#,
            escape_html(words.0)
        );
        for link in social {
            let name = escape_html(&link.name);
            html += &format!(
                r#"<li><a href="{}" data-icon="{}" aria-label="{name}" title="{name}"{}></a></li>"#,
                site_href(&link.url),
                escape_html(&link.kind),
                if link.me { r#" rel="me""# } else { "" },
            );
        }
        html += "</ul>";
    }
    if !footer.trim().is_empty() {
        html += &format!(
            r#"<p class="site-footer-text">{}</p>"#,
            escape_html(footer.trim())
        );
    }
    html += "<p>";
    if !author.is_empty() {
        html += &format!("© {} · ", escape_html(author));
    }
    html += &escape_html(words.1);
    html += "</p>";
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_the_site_are_relative_to_its_root_and_text_is_escaped() {
        let menu = [
            Link {
                name: "Home".into(),
                url: "/".into(),
            },
            Link {
                name: "Q&A".into(),
                url: "/q-a/".into(),
            },
            Link {
                name: "Trap".into(),
                url: "/javascript:alert(1)/".into(),
            },
            Link {
                name: "Elsewhere".into(),
                url: "https://example.org/\"x".into(),
            },
        ];
        assert_eq!(
            menu_html(&menu),
            r#"<a href="./">Home</a><a href="q-a/">Q&amp;A</a><a href="./javascript:alert(1)/">Trap</a><a href="https://example.org/&quot;x">Elsewhere</a>"#
        );
        let social = [SocialLink {
            kind: "mastodon".into(),
            name: "Mastodon".into(),
            url: "https://social.example/@me".into(),
            me: true,
        }];
        assert_eq!(
            footer_html(
                &social,
                " <b>hi</b> ",
                "Ada & Co",
                ("Elsewhere", "Built with Quire")
            ),
            r#"<ul class="social" aria-label="Elsewhere"><li><a href="https://social.example/@me" data-icon="mastodon" aria-label="Mastodon" title="Mastodon" rel="me"></a></li></ul><p class="site-footer-text">&lt;b&gt;hi&lt;/b&gt;</p><p>© Ada &amp; Co · Built with Quire</p>"#
        );
        assert_eq!(
            footer_html(&[], "", "", ("Ailleurs", "Créé avec Quire")),
            "<p>Créé avec Quire</p>"
        );
        assert_eq!(
            brand_html("A <blog>", "", Some("/images/me.png")),
            r#"<img class="site-logo" src="images/me.png" alt="" width="40" height="40"><a class="site-title" href="./">A &lt;blog&gt;</a>"#
        );
        assert_eq!(
            brand_html("Blog", "Notes", None),
            r#"<a class="site-title" href="./">Blog</a><p class="site-subtitle">Notes</p>"#
        );
    }
}
