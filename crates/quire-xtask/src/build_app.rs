//! The app's build, after Trunk's (whose `rel="rust"` cannot split a wasm): one function,
//! [`build_app`], whose steps read top to bottom.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::repo_root;
use crate::tools::run;

/// The folder's name prefix; `app-<hash>` holds every file of the app.
pub(crate) const APP_DIR_PREFIX: &str = "app-";
/// What the loader in `index.html` imports, before this step names the folder.
const LOADER_PLACEHOLDER: &str = "{app}";

/// `build-app` as Trunk's hook runs it: Trunk says where its staging folder is and which
/// profile it builds. Returns the app's folder.
pub(crate) fn from_trunk() -> Result<PathBuf, String> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .ok_or("run by Trunk's post_build hook, which sets TRUNK_STAGING_DIR")?;
    let release = std::env::var("TRUNK_PROFILE").is_ok_and(|profile| profile == "release");
    build_app(Path::new(&staging), release)
}

/// Every route as an HTML page, the feeds and the sitemap (the pages step), rendered into
/// the shell that now names the app.
pub(crate) fn pages() -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    run(
        Command::new(cargo)
            .current_dir(repo_root())
            .args([
                "run",
                "--quiet",
                "--profile",
                "native",
                "-p",
                "quire-pages",
                "--",
            ])
            .args(["--cache", "generated/.cache/pages"]),
        false,
    )
}

/// Builds the app's wasm into `staging/app-<hash>/` and names that folder in the loader of
/// `staging/index.html`:
///
/// ```text
/// cargo          the `split` feature, linked with relocations (wasm-split reads them)
/// wasm-split     search's code (src/search/) out of the main module, into its own file that
///                the app fetches on the first sign of search
/// wasm-bindgen   the main module's JS glue
/// short names    the imports between the two get short names instead of wasm-bindgen's
///                hashed ones (quire-wasm-names)
/// plain JS      src/js/ (what pages do without the wasm) joins the app's folder
/// wasm-opt -Oz   each module, to a fixed point (release), and esbuild minifies the JS (release)
/// gzip           the split-off modules, stored compressed (`split_search.bin`) and inflated by
///                the loader: a host that compresses nothing still serves them small
/// hash           over every file, so every name in the folder keeps one content
/// loader         index.html's `{app}` becomes the folder's name
/// ```
///
/// The steps before the loader are skipped when the app's inputs ([`APP_INPUTS`]) are what
/// they were at the last build of the same profile: that build's folder is kept under
/// `target/app-cache/` and copied. A saved post, or the same app under another public URL,
/// then costs a copy rather than the pipeline (seconds).
pub(crate) fn build_app(staging: &Path, release: bool) -> Result<PathBuf, String> {
    let root = repo_root();
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let inputs = inputs_hash(&root, release)?;
    let cache = target_dir
        .join("app-cache")
        .join(if release { "release" } else { "debug" });
    let folder = match kept_app(&cache, &inputs)? {
        Some(kept) => {
            let folder = staging.join(file_name(&kept));
            remove_dir(&folder)?;
            copy_dir(&kept, &folder)?;
            folder
        }
        None => {
            let folder = run_pipeline(&root, &target_dir, staging, release)?;
            keep_app(&cache, &inputs, &folder)?;
            folder
        }
    };

    // loader
    let index = staging.join("index.html");
    let shell = name_app_in_loader(&read_text(&index)?, &file_name(&folder)).ok_or_else(|| {
        format!(
            "{}: no {LOADER_PLACEHOLDER}/quire.js for the loader",
            index.display()
        )
    })?;
    write(&index, shell.as_bytes())?;
    Ok(folder)
}

/// What the app is built from, relative to the repository: the app, the crates it compiles
/// in (and their build settings), and this pipeline with the tools' versions. A crate the app
/// starts compiling in belongs here, or a change to it would not rebuild the app.
const APP_INPUTS: [&str; 10] = [
    "src",
    "crates/quire-model",
    "crates/quire-search",
    "crates/quire-wasm-names",
    "crates/quire-xtask/src",
    "Cargo.toml",
    "Cargo.lock",
    ".cargo/config.toml",
    "tools.toml",
    "rust-toolchain.toml",
];

/// A hash of the app's inputs (every file's path and contents), the profile and the Rust
/// compiler's version.
fn inputs_hash(root: &Path, release: bool) -> Result<String, String> {
    let mut files = Vec::new();
    for input in APP_INPUTS {
        let path = root.join(input);
        if path.is_dir() {
            walk(&path, &mut files)?;
        } else if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .map(|out| out.stdout)
        .unwrap_or_default();
    let settings = vec![
        rustc,
        vec![u8::from(release)],
        std::env::var("RUSTFLAGS").unwrap_or_default().into_bytes(),
    ];
    hash_of_files(root, &files, settings)
}

/// The app folder kept for `inputs` in `cache`, if it is the one kept there.
fn kept_app(cache: &Path, inputs: &str) -> Result<Option<PathBuf>, String> {
    let entry = cache.join(inputs);
    if !entry.is_dir() {
        return Ok(None);
    }
    Ok(list(&entry)?
        .into_iter()
        .find(|path| path.is_dir() && file_name(path).starts_with(APP_DIR_PREFIX)))
}

/// Keeps `folder` (a finished app folder) in `cache` for `inputs`, in place of what was kept:
/// one build a profile.
fn keep_app(cache: &Path, inputs: &str, folder: &Path) -> Result<(), String> {
    remove_dir(cache)?;
    let entry = cache.join(inputs);
    // Copied under another name, then renamed: a build stopped half-way keeps nothing.
    let partial = cache.join(format!(".{inputs}"));
    copy_dir(folder, &partial.join(file_name(folder)))?;
    fs::rename(&partial, &entry).map_err(|e| format!("{}: {e}", entry.display()))
}

/// cargo, wasm-split, wasm-bindgen, short names, plain JS, wasm-opt and esbuild, hash: the app
/// folder `staging/app-<hash>/`.
fn run_pipeline(
    root: &Path,
    target_dir: &Path,
    staging: &Path,
    release: bool,
) -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let work = staging.join(".app-work");
    let (split, app) = (work.join("split"), work.join("app"));
    remove_dir(&work)?;
    create_dir(&split)?;
    create_dir(&app)?;

    // cargo
    let mut build = Command::new(cargo);
    build
        .current_dir(root)
        .args(["rustc", "--quiet", "-p", "quire", "--lib"]);
    build.args(["--target", "wasm32-unknown-unknown", "--features", "split"]);
    if release {
        build.arg("--release");
    }
    run(build.args(["--", "-C", "link-arg=--emit-relocs"]), false)?;
    let profile = if release { "release" } else { "debug" };
    let wasm = target_dir
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("quire.wasm");

    // wasm-split: the split-off modules import the main one's JS (for its instance) from
    // ./quire.js, hence the out name.
    let mut wasm_split = Command::new("wasm-split-cli");
    run(
        wasm_split
            .args(["--out-name", "quire"])
            .arg(&wasm)
            .arg(&split),
        true,
    )?;

    // wasm-bindgen
    let mut bindgen = Command::new("wasm-bindgen");
    bindgen.args(["--target", "web", "--keep-lld-exports", "--no-typescript"]);
    bindgen
        .arg("--out-dir")
        .arg(&app)
        .args(["--out-name", "quire"]);
    run(bindgen.arg(split.join("quire.wasm")), false)?;

    // short names
    let (main_wasm, glue) = (app.join("quire_bg.wasm"), app.join("quire.js"));
    let renamed = quire_wasm_names::shorten_imports(&read(&main_wasm)?, &read_text(&glue)?)
        .map_err(|e| format!("{} and {}: {e}", main_wasm.display(), glue.display()))?;
    write(&main_wasm, &renamed.wasm)?;
    write(&glue, renamed.js.as_bytes())?;
    for file in list(&split)? {
        let name = file_name(&file);
        if name == "__wasm_split.js" {
            let loader = fetch_gzipped_modules(&read_text(&file)?)
                .ok_or_else(|| format!("{}: no module fetch to rewrite", file.display()))?;
            write(&app.join(name), loader.as_bytes())?;
        } else if name != "quire.wasm" {
            copy(&file, &app.join(name))?;
        }
    }
    // The page's plain JavaScript (src/js/): minified, hashed and cached with the app.
    for file in list(&root.join("src").join("js"))? {
        copy(&file, &app.join(file_name(&file)))?;
    }

    // wasm-opt and esbuild
    if release {
        for file in list(&app)? {
            match file.extension().and_then(|ext| ext.to_str()) {
                // `--converge` runs -Oz's passes again while the module shrinks: 0.5 KB gzip
                // of every page's wasm (BENCHMARKS.md).
                Some("wasm") => run(
                    Command::new("wasm-opt")
                        .args(["-Oz", "--converge"])
                        .arg(&file)
                        .arg("-o")
                        .arg(&file),
                    false,
                )?,
                Some("js") => run(
                    Command::new("esbuild")
                        .arg(&file)
                        .args(["--minify", "--format=esm", "--log-level=error"])
                        .arg("--allow-overwrite")
                        .arg(format!("--outfile={}", file.display())),
                    false,
                )?,
                _ => {}
            }
        }
    }

    // gzip
    for file in list(&app)? {
        let name = file_name(&file);
        if let Some(module) = name
            .strip_suffix(".wasm")
            .filter(|_| name != "quire_bg.wasm")
        {
            write(
                &app.join(format!("{module}.bin")),
                &gzip_best(&read(&file)?, release),
            )?;
            fs::remove_file(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }

    // hash
    let name = format!("{APP_DIR_PREFIX}{}", hash_of_folder(&app)?);
    let folder = staging.join(&name);
    remove_dir(&folder)?;
    fs::rename(&app, &folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    remove_dir(&work)?;
    Ok(folder)
}

/// wasm-split's loader with each split-off module fetched as its gzip file (`NAME.bin`) and
/// inflated by the browser (`DecompressionStream`) as it arrives; `None` if it fetches none.
/// `.bin`, as the search index's parts: hosts serve it as it is, and one that compresses it
/// again only wraps it.
fn fetch_gzipped_modules(loader: &str) -> Option<String> {
    const FETCH: &str = "fetch(new URL(\"./";
    const MODULE: &str = ".wasm\", import.meta.url))";
    let mut out = String::with_capacity(loader.len() + 512);
    let mut rest = loader;
    while let Some(start) = rest.find(FETCH) {
        let after = &rest[start + FETCH.len()..];
        let end = after.find(MODULE)?;
        let module = &after[..end];
        out.push_str(&rest[..start]);
        out.push_str(&format!(
            "gunzipped(fetch(new URL(\"./{module}.bin\", import.meta.url)))"
        ));
        rest = &after[end + MODULE.len()..];
    }
    if out.is_empty() {
        return None;
    }
    out.push_str(rest);
    out.push_str(
        r#"
function gunzipped(fetched) {
    return fetched.then((response) => {
        if (!response.ok) throw new Error(`${response.url}: HTTP ${response.status}`);
        const wasm = response.body.pipeThrough(new DecompressionStream("gzip"));
        return new Response(wasm, { headers: { "Content-Type": "application/wasm" } });
    });
}
"#,
    );
    Some(out)
}

/// The smallest gzip we know how to make (Zopfli: 1–2 s for search's module, release only).
fn gzip_best(bytes: &[u8], release: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if release {
        zopfli::compress(
            zopfli::Options::default(),
            zopfli::Format::Gzip,
            bytes,
            &mut out,
        )
        .expect("writing to memory");
    } else {
        use std::io::Write;
        let mut gzip = flate2::write::GzEncoder::new(out, flate2::Compression::best());
        gzip.write_all(bytes).expect("writing to memory");
        out = gzip.finish().expect("writing to memory");
    }
    out
}

/// The shell with the loader importing from `app`, and without the `rel="rust"` link Trunk
/// leaves in place when told to skip it; `None` if the loader is not there.
fn name_app_in_loader(shell: &str, app: &str) -> Option<String> {
    if !shell.contains(&format!("{LOADER_PLACEHOLDER}/quire.js")) {
        return None;
    }
    Some(remove_skipped_links(
        &shell.replace(LOADER_PLACEHOLDER, app),
    ))
}

/// `text` without its `<link>` tags marked `data-trunk-skip`.
fn remove_skipped_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<link ") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..=start + len];
        out.push_str(&rest[..start]);
        if !tag.contains("data-trunk-skip") {
            out.push_str(tag);
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// A hash over every file's path and contents, in the order of their paths.
fn hash_of_folder(folder: &Path) -> Result<String, String> {
    let mut files = Vec::new();
    walk(folder, &mut files)?;
    files.sort();
    hash_of_files(folder, &files, Vec::new())
}

/// A hash over `parts`, then each of `files` (under `base`): its path from `base` and its
/// contents.
fn hash_of_files(
    base: &Path,
    files: &[PathBuf],
    mut parts: Vec<Vec<u8>>,
) -> Result<String, String> {
    for file in files {
        let name = file.strip_prefix(base).expect("a file under base");
        parts.push(name.to_string_lossy().replace('\\', "/").into_bytes());
        parts.push(read(file)?);
    }
    Ok(quire_model::files::content_hash_of(
        parts.iter().map(Vec::as_slice),
    ))
}

/// Every file under `folder`.
pub(crate) fn walk(folder: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    for path in list(folder)? {
        if path.is_dir() {
            walk(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

fn list(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .collect();
    paths.sort();
    Ok(paths)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or(String::new(), |name| name.to_string_lossy().into_owned())
}

pub(crate) fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// `from`, a folder, copied to `to` with everything in it.
fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    create_dir(to)?;
    for path in list(from)? {
        let target = to.join(file_name(&path));
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            copy(&path, &target)?;
        }
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("{}: {e}", to.display()))
}

fn create_dir(path: &Path) -> Result<(), String> {
    fs::create_dir_all(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn remove_dir(path: &Path) -> Result<(), String> {
    match fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(format!("{}: {e}", path.display()))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_app_is_found_by_its_inputs_and_replaced_by_the_next() {
        let scratch = std::env::temp_dir().join(format!("quire-app-cache-{}", std::process::id()));
        let (cache, built) = (scratch.join("cache"), scratch.join("staging/app-1234"));
        create_dir(&built.join("snippets")).unwrap();
        write(&built.join("quire.js"), b"glue").unwrap();
        write(&built.join("snippets/inline0.js"), b"snippet").unwrap();
        assert_eq!(kept_app(&cache, "inputs-a").unwrap(), None);
        keep_app(&cache, "inputs-a", &built).unwrap();
        let kept = kept_app(&cache, "inputs-a").unwrap().expect("kept");
        assert_eq!(file_name(&kept), "app-1234");
        assert_eq!(read(&kept.join("snippets/inline0.js")).unwrap(), b"snippet");
        assert_eq!(
            hash_of_folder(&kept).unwrap(),
            hash_of_folder(&built).unwrap()
        );
        // Other inputs find nothing; keeping their build forgets the first.
        assert_eq!(kept_app(&cache, "inputs-b").unwrap(), None);
        keep_app(&cache, "inputs-b", &built).unwrap();
        assert_eq!(kept_app(&cache, "inputs-a").unwrap(), None);
        assert!(kept_app(&cache, "inputs-b").unwrap().is_some());
        remove_dir(&scratch).unwrap();
    }

    #[test]
    fn stored_modules_inflate_to_what_was_built() {
        use std::io::Read;
        let module = b"\0asm\x01\0\0\0 the same bytes, and the same bytes again".repeat(40);
        for release in [true, false] {
            let stored = gzip_best(&module, release);
            let mut inflated = Vec::new();
            flate2::read::GzDecoder::new(&stored[..])
                .read_to_end(&mut inflated)
                .unwrap();
            assert_eq!(inflated, module);
            assert!(
                stored.len() < module.len() / 4,
                "{release}: {}",
                stored.len()
            );
        }
    }

    #[test]
    fn split_modules_are_fetched_as_gzip_files_and_inflated() {
        // What wasm-split 0.2 writes for a module (its `fetcher`).
        let loader =
            "const load = () => {\n    const src = fetch(new URL(\"./split_search.wasm\", \
                      import.meta.url));\n    src.catch(() => {});\n};\n";
        let rewritten = fetch_gzipped_modules(loader).unwrap();
        assert!(rewritten.contains(
            "const src = gunzipped(fetch(new URL(\"./split_search.bin\", import.meta.url)));"
        ));
        assert!(rewritten.contains("new DecompressionStream(\"gzip\")"));
        assert!(!rewritten.contains(".wasm\""));
        // A loader of another shape stops the build rather than fetching what is not there.
        assert_eq!(fetch_gzipped_modules("fetch(\"./other.wasm\")"), None);
    }

    #[test]
    fn the_loader_names_the_app_and_skipped_links_go() {
        let shell = concat!(
            r#"<link rel="icon" href="favicon.svg"><link rel="rust" data-trunk-skip>"#,
            r#"<script>import("./{app}/quire.js")</script><link rel="stylesheet" href="a.css">"#,
        );
        assert_eq!(
            name_app_in_loader(shell, "app-0123").as_deref(),
            Some(concat!(
                r#"<link rel="icon" href="favicon.svg">"#,
                r#"<script>import("./app-0123/quire.js")</script><link rel="stylesheet" href="a.css">"#,
            ))
        );
        assert_eq!(name_app_in_loader("<html></html>", "app-0123"), None);
    }
}
