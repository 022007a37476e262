//! The oracle for hostile input, shared by `tests/hostile.rs` and the fuzz targets (`fuzz/`):
//! what in a piece of HTML could run script in a reader's browser.

/// What in `html` could run script: a `<script>` element, an `on…` handler, or a URL attribute
/// with a script scheme (after what browsers strip from one: whitespace and control
/// characters). Only tags count: in what the build writes, text's `<` is always `&lt;`.
pub(crate) fn script_in(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (name, attributes) in tags(&html.to_ascii_lowercase()) {
        if name == "script" {
            found.push("<script".to_owned());
        }
        for (attribute, value) in attributes {
            if attribute.starts_with("on") && attribute.len() > 2 {
                found.push(format!("handler {attribute}"));
            }
            let is_url = [
                "href",
                "src",
                "action",
                "formaction",
                "data",
                "xlink:href",
                "poster",
            ]
            .contains(&attribute.as_str());
            let scheme: String = decode_entities(&value)
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                .collect();
            let script = ["javascript:", "vbscript:", "data:text/html"];
            if is_url && script.iter().any(|s| scheme.starts_with(s)) {
                found.push(format!("{attribute}=\"{value}"));
            }
        }
    }
    found
}

/// Each tag of `html` (lowercase): its name and its attributes with their raw values, read as
/// a browser reads them (quoted values may hold `>`; comments are skipped).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(at) = html[i..].find('<').map(|at| i + at) {
        i = at + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |end| i + end + 3);
            continue;
        }
        let name_len = html[i..]
            .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
            .unwrap_or(html.len() - i);
        let name = html[i..i + name_len].to_owned();
        i += name_len;
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'>' {
                i = (i + 1).min(bytes.len());
                break;
            }
            let start = i;
            while i < bytes.len()
                && !matches!(bytes[i], b'=' | b'>' | b'/')
                && !bytes[i].is_ascii_whitespace()
            {
                i += 1;
            }
            let attribute = html[start..i].to_owned();
            let mut value = String::new();
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let end = html[i + 1..]
                            .find(quote as char)
                            .map_or(html.len(), |e| i + 1 + e);
                        value = html[i + 1..end].to_owned();
                        i = (end + 1).min(html.len());
                    }
                    _ => {
                        let start = i;
                        while i < bytes.len() && bytes[i] != b'>' && !bytes[i].is_ascii_whitespace()
                        {
                            i += 1;
                        }
                        value = html[start..i].to_owned();
                    }
                }
            }
            attributes.push((attribute, value));
        }
        if !name.is_empty() && name.as_bytes()[0].is_ascii_alphabetic() {
            // A browser reads what follows these as text up to their end tag (an end tag is
            // `</name` then a space, `/` or `>`): markup there runs nothing.
            if [
                "iframe", "noembed", "noframes", "xmp", "style", "textarea", "title",
            ]
            .contains(&name.as_str())
            {
                let end = format!("</{name}");
                let mut from = i;
                i = html.len();
                while let Some(at) = html[from..].find(&end).map(|at| from + at) {
                    let after = html.as_bytes().get(at + end.len());
                    if after.is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>')) {
                        i = at;
                        break;
                    }
                    from = at + end.len();
                }
            }
            tags.push((name, attributes));
        }
    }
    tags
}

/// `&#106;`, `&#x6a;` and `&colon;`-style entities decoded, as a browser reads an attribute.
fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let entity = &rest[at + 1..];
        let end = entity.find(';').unwrap_or(entity.len());
        let name = &entity[..end];
        let decoded = if let Some(hex) = name.strip_prefix("#x") {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(dec) = name.strip_prefix('#') {
            dec.parse().ok().and_then(char::from_u32)
        } else {
            match name {
                "colon" => Some(':'),
                "amp" => Some('&'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &entity[(end + 1).min(entity.len())..];
            }
            None => {
                out.push('&');
                rest = entity;
            }
        }
    }
    out + rest
}
