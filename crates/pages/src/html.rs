//! A page's HTML: Trunk's `index.html` (the shell: styles, the app's script) around the route
//! as the app's own components render it on the server, with the route's head tags.

use futures::StreamExt;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use quire::store::{provide_store, Store};
use quire::{App, BasePath, RenderedPage};

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
}

impl Shell {
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
        // The page's `lang` comes from site.toml (leptos_meta adds it), not from the template.
        if let Some(start) = head.find("<html") {
            let end = start + head[start..].find('>').unwrap_or(head.len() - start);
            let tag = without_attribute(&head[start..end], "lang");
            head.replace_range(start..end, &tag);
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
        let base = attribute(&html[..head_end], "<base", "href").unwrap_or_default();
        Ok(Self {
            head,
            body_open: html[head_end..body_open_end].to_owned(),
            end: html[body_end..].to_owned(),
            base: BasePath::from_href(&base),
        })
    }

    /// The HTML file of the page at `route`, rendered from `store` (which holds the whole
    /// bundle, preloaded). `index_file` is the site index the page names for the app.
    pub fn render(&self, store: &Store, route: &str, index_file: &str) -> String {
        let owner = Owner::new();
        owner.with(|| {
            provide_context(RequestUrl::new(&format!("{}{route}", self.base.0)));
            provide_context(self.base.clone());
            let (meta, meta_output) = ServerMetaContext::new();
            provide_context(meta);
            provide_store(store.clone());
            let body = view! { <App /> }.to_html();
            let rendered = RenderedPage {
                route: route.to_owned(),
                index_file: index_file.to_owned(),
            };
            // leptos_meta puts the head tags after this marker, and finds them there again
            // when the app hydrates.
            let page = format!(
                "{}{}<!--HEAD-->{}{body}{}",
                self.head,
                rendered.to_meta_tags(),
                self.body_open,
                self.end
            );
            futures::executor::block_on(async move {
                meta_output
                    .inject_meta_context(futures::stream::iter([page]))
                    .await
                    .collect::<String>()
                    .await
            })
        })
    }
}

/// `tag` (`<html lang=en class="x"`) without the attribute `name`, quoted or not.
fn without_attribute(tag: &str, name: &str) -> String {
    let Some(at) = tag.find(&format!(" {name}=")) else {
        return tag.to_owned();
    };
    let value = &tag[at + name.len() + 2..];
    let value_len = match value.chars().next() {
        Some(quote @ ('"' | '\'')) => value[1..].find(quote).map_or(value.len(), |i| i + 2),
        _ => value.find(char::is_whitespace).unwrap_or(value.len()),
    };
    format!("{}{}", &tag[..at], &tag[at + name.len() + 2 + value_len..])
}

fn without_title(head: &str) -> String {
    match (head.find("<title"), head.find("</title>")) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &head[..start], &head[end + "</title>".len()..])
        }
        _ => head.to_owned(),
    }
}

/// The value of `name` on the first `tag` (`<base`) in `html`, quoted or not (Trunk minifies).
fn attribute(html: &str, tag: &str, name: &str) -> Option<String> {
    let start = html.find(tag)?;
    let element = &html[start..start + html[start..].find('>')?];
    let at = element.find(&format!("{name}="))? + name.len() + 1;
    let value = &element[at..];
    let value = match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next()?,
        _ => value
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()?
            .trim_end_matches('/'),
    };
    Some(value.to_owned())
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
        assert_eq!(
            without_attribute(r#"<html lang="en" class=x"#, "lang"),
            "<html class=x"
        );
        assert_eq!(without_attribute("<html lang=en", "lang"), "<html");
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
        let _ = any_spawner::Executor::init_futures_executor();
        let store = Store::new(std::sync::Arc::new(crate::NoFetch), "index.x.json");
        let page = shell.render(&store, "/", "index.x.json");
        let again = Shell::parse(&page).unwrap();
        assert_eq!((again.head, again.body_open), (shell.head, shell.body_open));
    }
}
