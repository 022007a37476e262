//! A page's HTML: Trunk's `index.html` (the shell: styles, the app's script) around the route
//! as the app's own components render it on the server, with the route's head tags.

use std::cell::RefCell;

use any_spawner::{CustomExecutor, PinnedFuture, PinnedLocalFuture};
use futures::executor::{LocalPool, LocalSpawner};
use futures::task::LocalSpawnExt;
use leptos::prelude::*;
use quire::bundle::{provide_bundle, Bundle};
use quire::components::page_meta::HeadSink;
use quire::router::RequestUrl;
use quire::{App, BasePath, RenderedPage};
use quire_model::escape_html;

use crate::PagesError;

/// Trunk's `index.html`, cut where each page's own parts go.
#[derive(Clone, Debug)]
pub struct Shell {
    /// Up to the end of the head's own tags (before `</head>`).
    head: String,
    /// From `</head>` to the end of the `<body …>` tag.
    body_open: String,
    /// From `</body>` on.
    end: String,
    /// The deployment path, from its `<base href>`.
    pub base: BasePath,
    /// What the site's settings put into every page's head (`[head]`, the integrations'
    /// settings): see [`Self::with_site_head`].
    site_head: String,
}

impl Shell {
    /// A hash of the shell, for caches of pages rendered into it.
    pub fn fingerprint(&self) -> String {
        let whole = format!(
            "{}{}{}{}{}",
            self.head, self.body_open, self.end, self.base.0, self.site_head
        );
        quire_model::files::content_hash(whole.as_bytes())
    }

    /// Reads the shell; whatever its body holds moves to the end of its head, as the body is
    /// the app's and must hold exactly what the app renders.
    pub fn parse(html: &str) -> Result<Self, PagesError> {
        let missing = |what: &str| PagesError::new("index.html", format!("has no {what}"));
        let head_end = html.find("</head>").ok_or_else(|| missing("</head>"))?;
        let body_start = html[head_end..]
            .find("<body")
            .map(|i| head_end + i)
            .ok_or_else(|| missing("<body>"))?;
        let body_open_end = html[body_start..]
            .find('>')
            .map(|i| body_start + i + 1)
            .ok_or_else(|| missing("end of <body>"))?;
        let body_end = html
            .rfind("</body>")
            .filter(|&i| i >= body_open_end)
            .ok_or_else(|| missing("</body>"))?;
        let mut head = without_title(&html[..head_end]);
        // A page this step already wrote (a rerun over the same folder): its own head tags and
        // content are not the shell's.
        let rendered = head.find(&format!(r#"<meta name="{}""#, RenderedPage::ROUTE_META));
        if let Some(own_tags) = rendered {
            head.truncate(own_tags);
        }
        // The page's `lang` comes from site.toml (the layout sets it; see `quire::components::page_meta`), not from the template.
        if let Some(tag) = start_tag(&head, "<html") {
            if let Some((lang, _)) = attribute_at(&head[tag.clone()], "lang") {
                head.replace_range(tag.start + lang.start..tag.start + lang.end, "");
            }
        } else {
            // A minifier drops an attribute-less `<html>` tag.
            let after_doctype = head
                .get(..9)
                .filter(|start| start.eq_ignore_ascii_case("<!doctype"))
                .and_then(|_| head.find('>'))
                .map_or(0, |end| end + 1);
            head.insert_str(after_doctype, "<html>");
        }
        if rendered.is_none() {
            head.push_str(html[body_open_end..body_end].trim());
        }
        let base = start_tag(&html[..head_end], "<base")
            .map(|tag| &html[tag])
            .and_then(|tag| attribute_at(tag, "href").map(|(_, value)| &tag[value]))
            .unwrap_or_default();
        Ok(Self {
            head,
            body_open: html[head_end..body_open_end].to_owned(),
            end: html[body_end..].to_owned(),
            base: BasePath::from_href(base),
            site_head: String::new(),
        })
    }

    /// The shell with `html` in every page's head, after the page's route tags (so a rerun over
    /// written pages finds the shell's own head where it ends).
    pub fn with_site_head(mut self, html: String) -> Self {
        self.site_head = html;
        self
    }

    /// The HTML file of the page at `route`, rendered from `bundle` (which holds the whole
    /// bundle, preloaded). `page` names the route and the files the app is to load.
    pub fn render(&self, bundle: &Bundle, page: &RenderedPage) -> String {
        let owner = Owner::new();
        owner.with(|| {
            provide_context(RequestUrl(format!("{}{}", self.base.0, page.route)));
            provide_context(self.base.clone());
            let sink = HeadSink::default();
            provide_context(sink.clone());
            provide_bundle(bundle.clone());
            let body = view! { <App /> }.to_html();
            let (language, head) = sink.take();
            let shell_head = match language {
                Some(language) => self.head.replacen(
                    "<html",
                    &format!(r#"<html lang="{}""#, escape_html(&language)),
                    1,
                ),
                None => self.head.clone(),
            };
            // The page's own head tags follow this marker; the app replaces them there as the
            // reader moves between pages.
            format!(
                "{shell_head}{}{}<!--HEAD-->{}{}{body}{}",
                page.to_meta_tags(),
                self.site_head,
                head.unwrap_or_default().to_html(),
                self.body_open,
                self.end
            )
        })
    }
}

/// Makes what the app spawns while rendering run on the rendering thread, at once. Rendering
/// needs no other thread: its data is all loaded. (A thread pool of its own, `futures`' as
/// `any_spawner` sets it up, cost more in wake-ups than the rendering itself.)
pub fn init_executor() {
    let _ = any_spawner::Executor::init_custom_executor(InlineExecutor);
}

struct InlineExecutor;

thread_local! {
    static TASKS: RefCell<LocalPool> = RefCell::new(LocalPool::new());
    static SPAWNER: LocalSpawner = TASKS.with(|tasks| tasks.borrow().spawner());
}

impl CustomExecutor for InlineExecutor {
    fn spawn(&self, future: PinnedFuture<()>) {
        self.spawn_local(future);
    }

    fn spawn_local(&self, future: PinnedLocalFuture<()>) {
        SPAWNER.with(|spawner| {
            spawner
                .spawn_local(future)
                .expect("the thread's task pool lives as long as the thread")
        });
        self.poll_local();
    }

    fn poll_local(&self) {
        // A task spawned by a task the pool is running is picked up by that run.
        TASKS.with(|tasks| {
            if let Ok(mut tasks) = tasks.try_borrow_mut() {
                tasks.run_until_stalled();
            }
        });
    }
}

/// Where the first start tag beginning `open` (`<base`) is in `html`, up to its `>`.
fn start_tag(html: &str, open: &str) -> Option<std::ops::Range<usize>> {
    let start = html.find(open)?;
    Some(start..start + html[start..].find('>')?)
}

/// Where the attribute `name` is in `tag` (a start tag up to its `>`): the whole of it with its
/// leading space, and its value without quotes. Trunk minifies, so values may be unquoted.
fn attribute_at(tag: &str, name: &str) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let start = tag.find(&format!(" {name}="))?;
    let value_start = start + name.len() + 2;
    let rest = &tag[value_start..];
    let (value, end) = match rest.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let close = rest[1..].find(quote).map_or(rest.len(), |i| i + 1);
            let end = (close + 1).min(rest.len());
            (value_start + 1..value_start + close, value_start + end)
        }
        _ => {
            let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (value_start..value_start + len, value_start + len)
        }
    };
    Some((start..end, value))
}

fn without_title(head: &str) -> String {
    match (head.find("<title"), head.find("</title>")) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &head[..start], &head[end + "</title>".len()..])
        }
        _ => head.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minified_shell_is_cut_at_its_head_and_body() {
        let shell = Shell::parse(
            "<!doctype html><html><meta charset=utf-8><base href=/blog/><title>Quire</title><script type=module>x</script></head><body><noscript>old</noscript></body></html>",
        )
        .unwrap();
        assert_eq!(shell.base, BasePath("/blog".into()));
        assert_eq!(
            shell.head,
            "<!doctype html><html><meta charset=utf-8><base href=/blog/><script type=module>x</script><noscript>old</noscript>"
        );
        let quoted = r#"<html lang="en" class=x"#;
        let (whole, value) = attribute_at(quoted, "lang").unwrap();
        assert_eq!((&quoted[whole], &quoted[value]), (r#" lang="en""#, "en"));
        let bare = "<html lang=en class=x";
        let (whole, value) = attribute_at(bare, "lang").unwrap();
        assert_eq!((&bare[whole], &bare[value]), (" lang=en", "en"));
        let relang = Shell::parse("<html lang=fr><meta charset=utf-8></head><body></body>");
        assert_eq!(relang.unwrap().head, "<html><meta charset=utf-8>");
        let without_html = Shell::parse("<!doctype html><meta charset=utf-8></head><body></body>");
        assert_eq!(
            without_html.unwrap().head,
            "<!doctype html><html><meta charset=utf-8>"
        );
        assert_eq!(shell.body_open, "</head><body>");
        let quoted = Shell::parse(r#"<html><head><base href="/"></head><body></body></html>"#);
        assert_eq!(quoted.unwrap().base, BasePath(String::new()));
        assert!(Shell::parse("<html><body>").is_err());

        // Parsing a page it rendered gives the shell back: the step can run twice.
        let shell = Shell::parse(
            r#"<html><head><base href="/"><title>x</title></head><body></body></html>"#,
        )
        .unwrap();
        init_executor();
        let bundle = Bundle::new(std::sync::Arc::new(crate::NoFetch), "index.x.json");
        let page = shell.render(
            &bundle,
            &RenderedPage {
                route: "/".into(),
                index_file: "index.x.json".into(),
                data_file: String::new(),
            },
        );
        let again = Shell::parse(&page).unwrap();
        assert_eq!((again.head, again.body_open), (shell.head, shell.body_open));
    }
}
