//! The oracle for hostile input, shared by `tests/hostile.rs` and the fuzz targets (`fuzz/`):
//! what in a piece of HTML could run script in a reader's browser.

/// What in `html` could run script: a `<script`, an `on…=` handler, or a URL attribute with
/// a script scheme (after what browsers strip from one: whitespace and control characters).
pub(crate) fn script_in(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    if lower.contains("<script") {
        found.push("<script".to_owned());
    }
    // Handlers: in a tag's markup, outside its quoted values (text's `<` is always `&lt;`,
    // so every `<` starts a tag).
    for tag in lower.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or_default();
        let unquoted: String = tag.split('"').step_by(2).collect::<Vec<_>>().join(" ");
        for (at, _) in unquoted.match_indices(|c: char| c.is_ascii_whitespace() || c == '/') {
            let rest = &unquoted[at + 1..];
            let Some(name) = rest.strip_prefix("on") else {
                continue;
            };
            let name: String = name
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            if !name.is_empty() && rest[2 + name.len()..].trim_start().starts_with('=') {
                found.push(format!("handler on{name}"));
            }
        }
    }
    for attribute in ["href=\"", "src=\"", "action=\"", "formaction=\"", "data=\""] {
        for (at, _) in lower.match_indices(attribute) {
            let value = &lower[at + attribute.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            let value = decode_entities(value);
            let scheme: String = value
                .chars()
                .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                .collect();
            if ["javascript:", "vbscript:", "data:text/html"]
                .iter()
                .any(|s| scheme.starts_with(s))
            {
                found.push(format!("{attribute}{value}"));
            }
        }
    }
    found
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
