//! `cargo xtask <command>`: the app's build pipeline after cargo, and the checks on what it
//! makes. Trunk's post_build hook runs `post-build`; `scripts/test` runs `app-size --check`.
//!
//! ```text
//! cargo xtask post-build           the app (build-app), then every page (quire-pages)
//! cargo xtask build-app            the app's wasm, split in two, into Trunk's staging folder
//! cargo xtask app-size [--check] [DIST]
//!                                  what a reader downloads of the app in DIST (default dist/);
//!                                  --check fails above the budget or without search's module
//! ```

mod app_size;
mod build_app;
mod tools;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["post-build"] => build_app::from_trunk().and_then(|_| build_app::pages()),
        ["build-app"] => build_app::from_trunk().map(drop),
        ["app-size", rest @ ..] => app_size::command(rest),
        _ => {
            eprintln!("usage: cargo xtask post-build | build-app | app-size [--check] [DIST]");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("quire-xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

/// The repository's root: commands run there whatever the caller's folder.
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
