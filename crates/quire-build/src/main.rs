//! `quire-build [--root DIR] [--out DIR] [--drafts] [--cache]`: writes the bundle into `OUT/data`.
//! Trunk runs it before every build (see Trunk.toml). `quire-build new post|page TITLE` starts
//! a post or a page.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use quire_build::new_file::{new_file, Kind};
use quire_build::{build, Options};

// Parsing and rendering thousands of posts on every core allocates a great deal, and glibc's
// allocator was a sixth of the build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: quire-build [--root DIR] [--out DIR] [--drafts] [--cache]
       quire-build new post|page TITLE [--root DIR]
       quire-build check [--external] [--root DIR]

  --root DIR   the site: site.toml and content/posts/ (default: .)
  --out DIR    where the bundle's data/ folder is written (default: generated)
  --drafts     keep drafts, to preview them (also QUIRE_DRAFTS=1)
  (QUIRE_BASE_URL=URL: the site is deployed at URL, whatever its settings say)
  --cache      keep rendered posts in OUT/.cache and render only changed ones next time
               (the default under `trunk serve` and other debug builds: TRUNK_PROFILE=debug)

  new post TITLE   writes content/posts/<slug>.md (a Hexo site: source/_posts/, by its
                   new_post_name and scaffolds/post.md) with its front matter filled in
  new page TITLE   the same for a page: content/pages/<slug>.md (Hexo: source/<slug>/index.md)
  check            names, as path:line, every link and image in a post or page that points
                   at nothing on the site (no post, page, heading, tag, list or file there);
                   with --external, every link to another site that answers with an error
                   (HTTP 400 or more) or not at all";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("new") => return new(&args[1..]),
        Some("check") => return check(args.into_iter().skip(1)),
        _ => {}
    }
    let options = match parse_args(args.into_iter()) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("quire-build: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match build(&options) {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("warning: {warning}");
            }
            let drafts = match report.drafts_left_out {
                0 => String::new(),
                n => format!(" ({n} draft{} left out)", if n == 1 { "" } else { "s" }),
            };
            eprintln!(
                "quire-build: {} post{}{drafts} → {} ({} KB) in {} ms",
                report.posts,
                if report.posts == 1 { "" } else { "s" },
                options.out.join(quire_model::files::BUNDLE_DIR).display(),
                report.bytes.div_ceil(1024),
                started.elapsed().as_millis()
            );
            if report.photos_encoded > 0 {
                eprintln!(
                    "quire-build: {} photo{} made smaller (WebP copies, kept in {} for the next build)",
                    report.photos_encoded,
                    if report.photos_encoded == 1 { "" } else { "s" },
                    options.out.join(quire_build::IMAGE_CACHE_DIR).display()
                );
            }
            if let Some(migration) = &report.migration {
                eprintln!("quire-build: {migration}");
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprint!("{problems}");
            eprintln!(
                "quire-build: {} problem{} found; the previous bundle in {} was left as it was",
                problems.0.len(),
                if problems.0.len() == 1 { "" } else { "s" },
                options.out.join(quire_model::files::BUNDLE_DIR).display()
            );
            ExitCode::FAILURE
        }
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        root: PathBuf::from("."),
        out: PathBuf::from("generated"),
        drafts: std::env::var_os("QUIRE_DRAFTS").is_some_and(|v| v == "1"),
        // Rebuilds while writing want speed; a release build renders everything afresh, and
        // does not spend time keeping what it will not reuse.
        cache: std::env::var_os("TRUNK_PROFILE").is_some_and(|v| v == "debug"),
        // A deploy's own address (the GitHub Pages workflow's), over the site's settings.
        base_url: std::env::var("QUIRE_BASE_URL")
            .ok()
            .filter(|url| !url.is_empty()),
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => options.root = args.next().ok_or("--root needs a folder")?.into(),
            "--out" => options.out = args.next().ok_or("--out needs a folder")?.into(),
            "--drafts" => options.drafts = true,
            "--cache" => options.cache = true,
            "-h" | "--help" => return Err("help".into()),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(options)
}

/// `check [--external] [--root DIR]`: fails when a link points nowhere, or when the site does
/// not build.
fn check(args: impl Iterator<Item = String>) -> ExitCode {
    let mut external = false;
    let args = args.filter(|arg| {
        let flag = arg == "--external";
        external |= flag;
        !flag
    });
    let options = match parse_args(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("quire-build: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match quire_build::check::check(&options, external) {
        Ok(problems) if problems.is_empty() => {
            eprintln!("quire-build: every link in the site's posts and pages points somewhere");
            ExitCode::SUCCESS
        }
        Ok(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            let count = problems.len();
            eprintln!(
                "quire-build: {count} link{} point{} nowhere",
                if count == 1 { "" } else { "s" },
                if count == 1 { "s" } else { "" }
            );
            ExitCode::FAILURE
        }
        Err(problems) => {
            eprint!("{problems}");
            ExitCode::FAILURE
        }
    }
}

/// `new post|page TITLE [--root DIR]`.
fn new(args: &[String]) -> ExitCode {
    let mut root = PathBuf::from(".");
    let mut words = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => match args.next() {
                Some(dir) => root = dir.into(),
                None => {
                    eprintln!("quire-build: --root needs a folder\n\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            _ => words.push(arg.as_str()),
        }
    }
    let (kind, title) = match words.as_slice() {
        [kind, title @ ..] if !title.is_empty() => (Kind::parse(kind), title.join(" ")),
        _ => (None, String::new()),
    };
    let Some(kind) = kind else {
        eprintln!("quire-build: new needs `post` or `page` and a title\n\n{USAGE}");
        return ExitCode::from(2);
    };
    match new_file(&root, kind, &title, chrono::Utc::now()) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("quire-build: {message}");
            ExitCode::FAILURE
        }
    }
}
