//! The site's own HTML and third-party scripts (`[head]`, `[analytics]`, `[ads]`, `[comments]`
//! in `site.toml`): read by the build step, kept in the site index for the pages step, which
//! writes them into every page; `src/js/integrations.js` runs them in the browser. The app's
//! wasm never reads them (they are skipped unread there): they cost no page any wasm.

use serde::{Deserialize, Serialize};

use crate::escape_html;

/// Everything a site adds to its pages besides Quire's own.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Integrations {
    /// Trusted HTML from the site's owner, put into every page's head as it is (verification
    /// tags, fonts, an analytics snippet of their own).
    #[serde(skip_serializing_if = "Head::is_empty")]
    pub head: Head,
    #[serde(skip_serializing_if = "Analytics::is_empty")]
    pub analytics: Analytics,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ads: Option<Ads>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<Comments>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Head {
    pub html: String,
}

impl Head {
    pub fn is_empty(&self) -> bool {
        self.html.trim().is_empty()
    }
}

/// Page-view counters, each by its id; `src` is the script's address where it is not the
/// provider's own (a self-hosted Plausible or Umami).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Analytics {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ga4: Option<Ga4>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plausible: Option<Plausible>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub umami: Option<Umami>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goatcounter: Option<GoatCounter>,
}

impl Analytics {
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ga4 {
    /// The measurement id, `G-…`.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plausible {
    /// The site's domain as Plausible knows it.
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Umami {
    pub website_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoatCounter {
    /// The site's code: `https://<code>.goatcounter.com`.
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
}

/// AdSense: the publisher id, and the slots Quire places itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ads {
    /// `ca-pub-…`.
    pub client: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// A slot in every post, after its N-th paragraph (a post with fewer has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_article: Option<InArticleAd>,
    /// A slot among the home page's post cards, after the N-th.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub between_cards: Option<BetweenCardsAd>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BetweenCardsAd {
    /// The ad unit's slot id.
    pub slot: String,
    #[serde(default = "BetweenCardsAd::default_card")]
    pub after_card: u32,
    /// An in-feed unit's layout key (AdSense gives it with the unit); without one, a
    /// responsive display ad.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout_key: Option<String>,
}

impl BetweenCardsAd {
    fn default_card() -> u32 {
        3
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InArticleAd {
    /// The ad unit's slot id.
    pub slot: String,
    #[serde(default = "InArticleAd::default_paragraph")]
    pub after_paragraph: u32,
}

impl InArticleAd {
    fn default_paragraph() -> u32 {
        3
    }
}

impl Ads {
    /// The in-article slot's HTML, as the build puts it into posts (and the feeds take it out):
    /// its space is reserved by `.quire-ad` in the theme, so nothing moves when an ad arrives.
    /// The slot among the home page's cards (the app puts it after the cards) and the CSS that
    /// shows it after the N-th: the cards after it are moved below it by `order`, so the app
    /// that every page loads needs no code to count cards. In the DOM it comes last, which is
    /// where a screen reader or the Tab key reaches it.
    pub fn between_cards_html(&self) -> Option<(String, String)> {
        let ad = self.between_cards.as_ref()?;
        let format = match &ad.layout_key {
            Some(key) => format!(
                r#"data-ad-format="fluid" data-ad-layout-key="{}""#,
                escape_html(key)
            ),
            None => r#"data-ad-format="auto" data-full-width-responsive="true""#.to_owned(),
        };
        let slot = format!(
            r#"<ins class="adsbygoogle quire-ad" data-ad-client="{}" data-ad-slot="{}" {format}></ins>"#,
            escape_html(&self.client),
            escape_html(&ad.slot)
        );
        let style = format!(
            "<style>.post-cards{{display:flex;flex-direction:column}}.post-cards>.list-ad{{order:1}}.post-cards>.post-card:nth-child(n+{}){{order:2}}</style>",
            ad.after_card.max(1) + 1
        );
        Some((slot, style))
    }

    pub fn in_article_html(&self) -> Option<String> {
        let slot = self.in_article.as_ref()?;
        Some(format!(
            r#"<ins class="adsbygoogle quire-ad" data-ad-client="{}" data-ad-slot="{}" data-ad-format="fluid" data-ad-layout="in-article"></ins>"#,
            escape_html(&self.client),
            escape_html(&slot.slot)
        ))
    }
}

/// One comment system, by `provider`, with its own settings. Each post's thread is named by
/// its path.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "provider", rename_all = "lowercase", deny_unknown_fields)]
pub enum Comments {
    Giscus {
        repo: String,
        repo_id: String,
        category: String,
        category_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        src: Option<String>,
    },
    Utterances {
        repo: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        src: Option<String>,
    },
    Disqus {
        shortname: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        src: Option<String>,
    },
    Waline {
        server_url: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        src: Option<String>,
        /// Waline's style sheet, where it is not the CDN's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        style: Option<String>,
    },
    Twikoo {
        env_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        src: Option<String>,
    },
}

impl Integrations {
    /// Whether any script is configured (the pages then carry its settings).
    pub fn has_scripts(&self) -> bool {
        !self.analytics.is_empty() || self.ads.is_some() || self.comments.is_some()
    }

    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// What the pages step writes into every page's head: the owner's HTML, and the scripts'
    /// settings for `integrations.js` (JSON, with no `<` left to end its element).
    pub fn head_html(&self) -> String {
        let mut html = self.head.html.trim().to_owned();
        if let Some((_, style)) = self.ads.as_ref().and_then(Ads::between_cards_html) {
            html += &style;
        }
        if self.has_scripts() {
            let settings = Self {
                head: Head::default(),
                ..self.clone()
            };
            let json = serde_json::to_string(&settings)
                .unwrap_or_default()
                .replace('<', "\\u003c");
            html += &format!(
                r#"<script type="application/json" id="quire-integrations">{json}</script>"#
            );
        }
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_go_into_the_head_without_ending_their_element() {
        let integrations = Integrations {
            head: Head {
                html: r#"<meta name="google-site-verification" content="x">"#.into(),
            },
            comments: Some(Comments::Disqus {
                shortname: "</script><script>alert(1)</script>".into(),
                src: None,
            }),
            ..Default::default()
        };
        let html = integrations.head_html();
        assert!(html.starts_with(r#"<meta name="google-site-verification" content="x"><script type="application/json" id="quire-integrations">{"comments":{"provider":"disqus","#));
        assert_eq!(html.matches("</script>").count(), 1, "{html}");
        assert_eq!(Integrations::default().head_html(), "");
    }

    #[test]
    fn an_in_article_slot_is_escaped() {
        let ads = Ads {
            client: "ca-pub-1\"".into(),
            src: None,
            in_article: Some(InArticleAd {
                slot: "42".into(),
                after_paragraph: 2,
            }),
            between_cards: None,
        };
        let html = ads.in_article_html().unwrap();
        assert!(
            html.contains(r#"data-ad-client="ca-pub-1&quot;""#),
            "{html}"
        );
        assert!(Ads {
            in_article: None,
            ..ads
        }
        .in_article_html()
        .is_none());
    }

    #[test]
    fn a_slot_between_cards_comes_with_the_css_that_puts_it_after_the_nth() {
        let ads = Ads {
            client: "ca-pub-1".into(),
            src: None,
            in_article: None,
            between_cards: Some(BetweenCardsAd {
                slot: "7".into(),
                after_card: 2,
                layout_key: None,
            }),
        };
        let (slot, style) = ads.between_cards_html().unwrap();
        assert!(slot.contains(r#"data-ad-slot="7""#), "{slot}");
        assert!(
            style.contains(".post-card:nth-child(n+3){order:2}"),
            "{style}"
        );
        let integrations = Integrations {
            ads: Some(ads),
            ..Default::default()
        };
        assert!(integrations.head_html().starts_with("<style>"));
    }
}
