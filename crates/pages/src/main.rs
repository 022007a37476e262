//! `quire-pages [DIR]`: writes every page, feed and sitemap into the built site in DIR (by
//! default Trunk's staging folder, `TRUNK_STAGING_DIR`). Trunk runs it after every build
//! (see Trunk.toml).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

// Thousands of pages rendered on every core allocate a great deal; see quire-build's main.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let dir = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
        .map(PathBuf::from);
    let Some(dir) = dir else {
        eprintln!("usage: quire-pages DIR   (or run by Trunk, which sets TRUNK_STAGING_DIR)");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    match quire_pages::write_site(&dir) {
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
