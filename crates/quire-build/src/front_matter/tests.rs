use super::*;

const PATH: &str = "content/posts/p.md";

fn parse_in(text: &str, timezone: Tz) -> Result<FrontMatter, Vec<String>> {
    FrontMatter::parse(Path::new(PATH), &split(text), timezone, false)
        .map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

fn parse(text: &str) -> Result<FrontMatter, Vec<String>> {
    parse_in(text, chrono_tz::UTC)
}

fn rfc3339(date: Option<DateTime<Tz>>) -> String {
    date.unwrap().to_rfc3339()
}

#[test]
fn splits_every_fence_form() {
    let yaml = split("---\ntitle: a\n---\nbody\n");
    assert_eq!(
        (
            yaml.format,
            yaml.front_matter,
            yaml.body,
            yaml.front_matter_line
        ),
        (Format::Yaml, "title: a\n", "body\n", 2)
    );
    let toml = split("+++\ntitle = \"a\"\n+++\n\nbody");
    assert_eq!(
        (toml.format, toml.front_matter, toml.body),
        (Format::Toml, "title = \"a\"\n", "\nbody")
    );
    let hexo = split("title: a\ndate: 2024-01-01\n---\nbody");
    assert_eq!(
        (hexo.front_matter, hexo.body, hexo.front_matter_line),
        ("title: a\ndate: 2024-01-01\n", "body", 1)
    );
    let crlf = split("---\r\ntitle: a\r\n---\r\nbody");
    assert_eq!((crlf.front_matter, crlf.body), ("title: a\r\n", "body"));
}

#[test]
fn a_file_without_front_matter_is_all_body() {
    for text in [
        "# Just markdown\n\n---\n\nmore",
        "no fences at all",
        "---\nnever closed: x\n",
    ] {
        let s = split(text);
        assert_eq!((s.front_matter, s.body), ("", text), "{text:?}");
    }
}

#[test]
fn reads_hexo_fields() {
    let front = parse(
        "---\ntitle: Hello\ndate: 2024-09-19 12:14:58\nupdated: 2024-10-01\ntags:\n  - Rust\n  - machine learning\n\
         categories:\n  - Programming\n  - Rust\nthumbnail: /img/a.png\nexcerpt: Short\nslug: hi\ncomments: false\n\
         layout: post\n---\nbody",
    )
    .unwrap();
    assert_eq!(front.title.as_deref(), Some("Hello"));
    assert_eq!(rfc3339(front.date), "2024-09-19T12:14:58+00:00");
    assert_eq!(rfc3339(front.updated), "2024-10-01T00:00:00+00:00");
    assert_eq!(front.tags, ["Rust", "machine learning"]);
    assert_eq!(front.categories, [vec!["Programming", "Rust"]]);
    assert_eq!(front.thumbnail.as_deref(), Some("/img/a.png"));
    assert_eq!(front.excerpt.as_deref(), Some("Short"));
    assert_eq!(front.slug.as_deref(), Some("hi"));
    assert_eq!(front.extra.get("comments"), Some(&Value::Bool(false)));
    assert_eq!(front.extra.get("layout"), Some(&Value::from("post")));
    assert!(!front.draft);
}

#[test]
fn reads_toml_front_matter() {
    let front = parse(
        "+++\ntitle = \"T\"\ndate = 2024-09-19T12:14:58+08:00\ntags = [\"a\"]\ndraft = true\n+++\n",
    )
    .unwrap();
    assert_eq!(front.title.as_deref(), Some("T"));
    assert_eq!(rfc3339(front.date), "2024-09-19T04:14:58+00:00");
    assert_eq!(front.tags, ["a"]);
    assert!(front.draft);
}

#[test]
fn tags_and_categories_in_every_shape() {
    assert_eq!(parse("---\ntags: solo\n---\n").unwrap().tags, ["solo"]);
    assert_eq!(
        parse("---\ntags:\n---\n").unwrap().tags,
        Vec::<String>::new()
    );
    assert_eq!(
        parse("---\ntags: [2024, x]\n---\n").unwrap().tags,
        ["2024", "x"]
    );
    assert_eq!(
        parse("---\ncategories: Diary\n---\n").unwrap().categories,
        [vec!["Diary"]]
    );
    let several = parse(
        "---\ncategories:\n  - [Sports, Baseball]\n  - [MLB, American League]\n  - Life\n---\n",
    )
    .unwrap();
    assert_eq!(
        several.categories,
        [
            vec!["Sports", "Baseball"],
            vec!["MLB", "American League"],
            vec!["Life"]
        ]
    );
}

#[test]
fn photos_one_or_a_list_and_nothing_else() {
    assert_eq!(
        parse("---\nphotos: /a.jpg\n---\n").unwrap().photos,
        ["/a.jpg"]
    );
    assert_eq!(
        parse("---\nphotos:\n  - /a.jpg\n  - https://cdn.example.org/b.jpg\n---\n")
            .unwrap()
            .photos,
        ["/a.jpg", "https://cdn.example.org/b.jpg"]
    );
    assert_eq!(
        parse("---\ntitle: A\nphotos:\n  - {src: /a.jpg}\n---\n").unwrap_err(),
        ["content/posts/p.md:3: `photos` must be a list of image URLs, found a map"]
    );
}

#[test]
fn drafts_by_either_flag() {
    assert!(parse("---\npublished: false\n---\n").unwrap().draft);
    assert!(parse("---\ndraft: true\n---\n").unwrap().draft);
    assert!(
        !parse("---\npublished: true\ndraft: false\n---\n")
            .unwrap()
            .draft
    );
}

#[test]
fn aliases_and_fallbacks() {
    let front =
        parse("---\ncover: c.png\ndescription: d\npermalink: /x/y/\ntitle:\n---\n").unwrap();
    assert_eq!(
        (front.thumbnail.as_deref(), front.description.as_deref()),
        (Some("c.png"), Some("d"))
    );
    assert_eq!(front.permalink.as_deref(), Some("/x/y/"));
    assert_eq!(front.title, None);
    assert_eq!(
        parse("---\ntitle: 1984\n---\n").unwrap().title.as_deref(),
        Some("1984")
    );
}

#[test]
fn dates_in_every_form_and_the_site_timezone() {
    let tokyo = chrono_tz::Asia::Tokyo;
    let at = |date: &str| {
        rfc3339(
            parse_in(&format!("---\ndate: {date}\n---\n"), tokyo)
                .unwrap()
                .date,
        )
    };
    assert_eq!(at("2024-09-19 12:14:58"), "2024-09-19T12:14:58+09:00");
    assert_eq!(at("2024-09-19"), "2024-09-19T00:00:00+09:00");
    assert_eq!(at("2024-09-19T12:14:58+02:00"), "2024-09-19T19:14:58+09:00");
    assert_eq!(at("2024-09-19T03:14:58Z"), "2024-09-19T12:14:58+09:00");
    assert_eq!(at("\"2024/09/19 08:00:00\""), "2024-09-19T08:00:00+09:00");
}

#[test]
fn bad_fields_name_their_line_and_all_are_reported() {
    let errors = parse("---\ntitle: ok\ndate: next tuesday\ntags:\n  a: b\nupdated: 2024-1x-45\ndraft: maybe\n---\n").unwrap_err();
    assert_eq!(
        errors,
        [
            "content/posts/p.md:3: `date` is not a date: `next tuesday` (write 2024-09-19, 2024-09-19 12:14:58 or 2024-09-19T12:14:58+08:00, in years 0000 to 9999)",
            "content/posts/p.md:4: `tags` must be a list of names, found a map",
            "content/posts/p.md:6: `updated` is not a date: `2024-1x-45` (write 2024-09-19, 2024-09-19 12:14:58 or 2024-09-19T12:14:58+08:00, in years 0000 to 9999)",
            "content/posts/p.md:7: `draft` must be true or false, found a string",
        ]
    );
}

#[test]
fn broken_yaml_and_toml_name_the_line() {
    let errors = parse("---\ntitle: ok\ntags: [unclosed\nother: x\n---\n").unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("content/posts/p.md:4: front matter is not valid YAML"),
        "{errors:?}"
    );
    let errors = parse("+++\ntitle = \"ok\"\ntags = [\n+++\n").unwrap_err();
    assert!(
        errors[0]
            .starts_with("content/posts/p.md:3: front matter is not valid TOML: unclosed array"),
        "{errors:?}"
    );
    let errors = parse("---\n- a list\n---\n").unwrap_err();
    assert_eq!(
        errors,
        ["content/posts/p.md:2: front matter must be a map of `key: value` lines, found a list"]
    );
    let errors = parse("---\ntitle: [a, b]\n---\n").unwrap_err();
    assert_eq!(
        errors,
        ["content/posts/p.md:2: `title` must be a string, found a list"]
    );
}

#[test]
fn in_a_hexo_blog_dates_past_the_calendar_roll_over_as_hexo_reads_them() {
    let text = "---\ndate: 2018-02-31 23:50:48\nupdated: 2019-13-01\n---\n";
    let front = FrontMatter::parse(Path::new(PATH), &split(text), chrono_tz::UTC, true).unwrap();
    assert_eq!(rfc3339(front.date), "2018-03-03T23:50:48+00:00");
    assert_eq!(rfc3339(front.updated), "2020-01-01T00:00:00+00:00");
    let warnings: Vec<String> = front.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, [
        "content/posts/p.md:2: `date`: `2018-02-31 23:50:48` is not a day of the calendar: read as 2018-03-03 23:50:48, as Hexo reads it",
        "content/posts/p.md:3: `updated`: `2019-13-01` is not a day of the calendar: read as 2020-01-01 00:00:00, as Hexo reads it",
    ]);
}

#[test]
fn in_a_hexo_blog_a_date_that_is_no_date_is_a_warning() {
    let text = "---\ntitle: x\ndate: 2025-08-21 0：00：0jjj0\n---\n";
    let front = FrontMatter::parse(Path::new(PATH), &split(text), chrono_tz::UTC, true).unwrap();
    assert_eq!(front.date, None);
    assert!(front.warnings[0]
        .to_string()
        .ends_with("the post is dated by its file, as Hexo dates it"));
}

#[test]
fn in_a_hexo_blog_a_date_with_an_offset_is_read_as_hexo_reads_it() {
    let shanghai = chrono_tz::Asia::Shanghai;
    let read = |date: &str| {
        let text = format!("---\ndate: {date}\n---\n");
        let front = FrontMatter::parse(Path::new(PATH), &split(&text), shanghai, true).unwrap();
        (rfc3339(front.date), front.warnings.len())
    };
    // Its UTC time taken as Shanghai's, as Hexo does with `timezone: Asia/Shanghai`.
    assert_eq!(
        read("2014-10-23 21:17:27+08:00"),
        ("2014-10-23T13:17:27+08:00".into(), 1)
    );
    assert_eq!(
        read("2014-10-23T13:17:27Z"),
        ("2014-10-23T13:17:27+08:00".into(), 1)
    );
    // A date without an offset is the blog's own time: as it says.
    assert_eq!(
        read("2014-10-23 21:17:27"),
        ("2014-10-23T21:17:27+08:00".into(), 0)
    );
}

#[test]
fn tabs_that_indent_yaml_are_read_as_hexo_reads_them() {
    let front = parse("---\ntitle: x\ntags:\n\t- a\n\t- b\n---\n").unwrap();
    assert_eq!(front.tags, ["a", "b"]);
}
