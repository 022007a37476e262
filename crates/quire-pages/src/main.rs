//! `quire-pages [DIR] [--cache DIR]`: writes every page, feed and sitemap into the built site in DIR (by
//! default Trunk's staging folder, `TRUNK_STAGING_DIR`). Trunk runs it after every build
//! (see Trunk.toml).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

// Thousands of pages rendered on every core allocate a great deal; see quire-build's main.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: quire-pages [DIR] [--cache DIR]

  DIR          the built site (default: Trunk's TRUNK_STAGING_DIR)
  --cache DIR  keep rendered post pages there and reuse those whose post is unchanged
               (ignored in release builds: TRUNK_PROFILE=release)";

fn main() -> ExitCode {
    let mut site = std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from);
    let mut cache = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--cache") => cache = args.next().map(PathBuf::from),
            Some("-h" | "--help") => site = None,
            _ => site = Some(PathBuf::from(arg)),
        }
    }
    let Some(dir) = site else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    // A release build renders everything afresh, as a deploy should.
    let release = std::env::var_os("TRUNK_PROFILE").is_some_and(|p| p == "release");
    let cache = cache.filter(|_| !release);
    let started = Instant::now();
    match quire_pages::write_site(&dir, cache.as_deref()) {
        Ok(report) => {
            eprintln!(
                "quire-pages: {} pages and {} feeds ({} KB) in {} ms",
                report.pages,
                report.feeds,
                report.bytes.div_ceil(1024),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("quire-pages: {error}");
            ExitCode::FAILURE
        }
    }
}
