//! `cargo xtask serve`: the author's loop. Serves a built site (its `dist/`: the shell, the
//! app) over HTTP, watches the site's sources, and on every change runs the build step and the
//! pages step (their native binaries, no `cargo run`), copies the new bundle files in and tells
//! every open page to reload, over server-sent events from the same server. When the build
//! fails, the pages show its `path:line: message` list over the last good site, until a build
//! succeeds again. A change to the app or its styles (in the repository) runs Trunk's build
//! (which keeps the app when only styles changed), then the site's: a page then swaps in
//! the new stylesheet when only `style/` changed, and reloads otherwise.
//!
//! ```text
//! cargo xtask serve [--root DIR] [--dist DIR] [--address IP] [--port N]
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::build_app::walk;
use crate::repo_root;

/// The script every served page gets: reloads on a new build, shows a failed one's problems.
const LIVE_JS: &str = include_str!("serve/live.js");
/// Where it is served, and where the events are.
const LIVE_PATH: &str = "/_quire/live.js";
const EVENTS_PATH: &str = "/_quire/events";
/// How often the sources are looked at.
const POLL: Duration = Duration::from_millis(25);
/// How long the sources must stay unchanged before a build starts.
const SETTLE: Duration = Duration::from_millis(10);
/// What of a site folder is its source (`content/` and `site.toml`; a Hexo site's).
const SOURCES: [&str; 5] = ["content", "site.toml", "_config.yml", "source", "scaffolds"];
/// What of the repository the app and its styles are made from (Trunk's input).
const APP_SOURCES: [&str; 6] = [
    "src",
    "crates",
    "index.html",
    "public",
    "Cargo.lock",
    "style",
];

/// What the pages are told, and what a page that connects is told first.
#[derive(Default)]
struct Live {
    pages: Vec<Sender<String>>,
    /// The last build's problems, as an event; empty when it succeeded.
    problems: String,
}

struct Settings {
    root: PathBuf,
    dist: PathBuf,
    address: String,
    port: u16,
}

pub(crate) fn command(args: &[&str]) -> Result<(), String> {
    let settings = parse(args)?;
    let repo = repo_root();
    let native = repo.join("target").join("native");
    let (build, pages) = (native.join("quire-build"), native.join("quire-pages"));
    for binary in [&build, &pages] {
        if !binary.is_file() {
            return Err(format!(
                "{} is missing: `cargo build --profile native -p quire-build -p quire-pages` first (scripts/serve does)",
                binary.display()
            ));
        }
    }
    // The build step's own output (and its caches), apart from the served site.
    let work = native
        .with_file_name("serve")
        .join(std::process::id().to_string());
    let live = Arc::new(Mutex::new(Live::default()));
    let listener = TcpListener::bind((settings.address.as_str(), settings.port))
        .map_err(|e| format!("{}:{}: {e}", settings.address, settings.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    rebuild(&settings, &work, &build, &pages, &live, reload());
    // Tests read the address from this line.
    println!(
        "quire: serving {} at http://{address}/",
        settings.root.display()
    );
    let _ = std::io::stdout().flush();
    let (dist, pages_live) = (settings.dist.clone(), Arc::clone(&live));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (dist, live) = (dist.clone(), Arc::clone(&pages_live));
            std::thread::spawn(move || answer(stream, &dist, &live));
        }
    });
    let (mut seen, mut app_seen) = (signature(&settings.root, &SOURCES), app_signature(&repo));
    let mut pause = POLL;
    loop {
        std::thread::sleep(pause);
        let looked = Instant::now();
        let app_now = app_signature(&repo);
        if app_now != app_seen {
            let styles_only = app_now.0 == app_seen.0;
            app_seen = app_now;
            if let Err(problem) = trunk_build(&repo, &settings.dist) {
                tell(&live, Some(problem));
                continue;
            }
            // Only the styles changed: pages take the new stylesheet in, without a reload.
            let done = match styles_only {
                true => {
                    let shell =
                        fs::read_to_string(settings.dist.join("index.html")).unwrap_or_default();
                    event("styles", stylesheet(&shell).unwrap_or_default())
                }
                false => reload(),
            };
            rebuild(&settings, &work, &build, &pages, &live, done);
            continue;
        }
        let mut now = signature(&settings.root, &SOURCES);
        // Looking costs a stat a file (10,000 posts: tens of milliseconds): a large site is
        // looked at less often, so that watching it takes a third of a core at most.
        pause = POLL.max(looked.elapsed() * 2);
        if now != seen {
            // One build a save: an editor (or a script) may truncate a file, then write it.
            loop {
                std::thread::sleep(SETTLE);
                let again = signature(&settings.root, &SOURCES);
                if again == now {
                    break;
                }
                now = again;
            }
            seen = now;
            rebuild(&settings, &work, &build, &pages, &live, reload());
        }
    }
}

/// What pages are told after a new build of the site: to reload.
fn reload() -> String {
    event("reload", "")
}

/// The app's sources and the styles apart: a change to the styles alone swaps them in.
fn app_signature(repo: &Path) -> (Signature, Signature) {
    let (app, styles) = APP_SOURCES.split_at(APP_SOURCES.len() - 1);
    (signature(repo, app), signature(repo, styles))
}

/// Trunk's build of the app and its styles into `dist` (the app kept when only styles
/// changed, see `build_app`).
fn trunk_build(repo: &Path, dist: &Path) -> Result<(), String> {
    eprintln!("quire: the app or its styles changed: Trunk builds them");
    let status = Command::new("trunk")
        .current_dir(repo)
        .arg("build")
        .arg("--dist")
        .arg(dist)
        .status()
        .map_err(|e| format!("trunk: {e}"))?;
    match status.success() {
        true => Ok(()),
        false => Err("Trunk's build failed: its messages are in the terminal".into()),
    }
}

/// The stylesheet a shell links to (Trunk names it by its contents).
fn stylesheet(shell: &str) -> Option<&str> {
    let link = shell
        .split("<link")
        .find(|tag| tag.contains("rel=\"stylesheet\""))?;
    let href = link.split("href=\"").nth(1)?;
    href.split('"').next()
}

fn parse(args: &[&str]) -> Result<Settings, String> {
    let mut settings = Settings {
        root: PathBuf::from("."),
        dist: PathBuf::from("dist"),
        address: "127.0.0.1".into(),
        port: 8080,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().copied().ok_or(format!("{arg} needs a value"));
        match *arg {
            "--root" => settings.root = value()?.into(),
            "--dist" => settings.dist = value()?.into(),
            "--address" => settings.address = value()?.to_owned(),
            "--port" => settings.port = value()?.parse().map_err(|_| "--port needs a number")?,
            other => return Err(format!("serve: unknown argument `{other}`")),
        }
    }
    Ok(settings)
}

/// Every source file's path and modification time: a change to any is a change to this.
type Signature = BTreeMap<PathBuf, SystemTime>;

/// The signature of `sources` under `root`.
fn signature(root: &Path, sources: &[&str]) -> Signature {
    let mut files = Vec::new();
    for source in sources {
        let path = root.join(source);
        if path.is_dir() {
            let _ = walk(&path, &mut files);
        } else if path.is_file() {
            files.push(path);
        }
    }
    files
        .into_iter()
        .filter_map(|file| Some((file.clone(), fs::metadata(&file).ok()?.modified().ok()?)))
        .collect()
}

/// The build step into `work`, its new files into the site, then the pages step; the pages are
/// sent `done` (to reload, or to take new styles in), or shown what failed.
fn rebuild(
    settings: &Settings,
    work: &Path,
    build: &Path,
    pages: &Path,
    live: &Mutex<Live>,
    done: String,
) {
    let started = Instant::now();
    let built = Command::new(build)
        .arg("--root")
        .arg(&settings.root)
        .arg("--out")
        .arg(work)
        .arg("--cache")
        .output();
    let problems = match built {
        Ok(out) if out.status.success() => None,
        Ok(out) => Some(String::from_utf8_lossy(&out.stderr).into_owned()),
        Err(e) => Some(format!("{}: {e}", build.display())),
    };
    if let Some(problems) = problems {
        eprint!("{problems}");
        tell(live, Some(problems));
        return;
    }
    let built_at = started.elapsed();
    // Bundle files are named by their contents: one there by that name is the same file.
    let copied = copy_new(&work.join("data"), &settings.dist.join("data"), true)
        .and_then(|()| remove_others(&work.join("data"), &settings.dist.join("data")))
        .and_then(|()| copy_new(&work.join("static"), &settings.dist, false));
    let copied_at = started.elapsed();
    let rendered = copied.and_then(|()| {
        let out = Command::new(pages)
            .arg(&settings.dist)
            .arg("--cache")
            .arg(work.join(".cache").join("pages"))
            .output()
            .map_err(|e| format!("{}: {e}", pages.display()))?;
        match out.status.success() {
            true => Ok(()),
            false => Err(String::from_utf8_lossy(&out.stderr).into_owned()),
        }
    });
    match rendered {
        Ok(()) => {
            let total = started.elapsed();
            eprintln!(
                "quire: built in {} ms (build step {} ms, new files in {} ms, pages step {} ms)",
                total.as_millis(),
                built_at.as_millis(),
                (copied_at - built_at).as_millis(),
                (total - copied_at).as_millis()
            );
            tell(live, None);
            send(live, done);
        }
        Err(problem) => {
            eprintln!("quire: {problem}");
            tell(live, Some(problem));
        }
    }
}

/// Keeps what the last build left to show (its problems, or nothing), and shows the pages.
fn tell(live: &Mutex<Live>, problems: Option<String>) {
    let event = problems.map(|problems| event("problems", &problems));
    live.lock().expect("live lock").problems = event.clone().unwrap_or_default();
    if let Some(event) = event {
        send(live, event);
    }
}

/// Sends `event` to every page still listening.
fn send(live: &Mutex<Live>, event: String) {
    let mut live = live.lock().expect("live lock");
    live.pages.retain(|page| page.send(event.clone()).is_ok());
}

/// A server-sent event: its name, and its data a line at a time.
fn event(name: &str, data: &str) -> String {
    let mut text = format!("event: {name}\n");
    for line in data.lines() {
        text += &format!("data: {line}\n");
    }
    if data.is_empty() {
        text += "data:\n";
    }
    text + "\n"
}

/// Every file under `from` into the same place under `to`, unless it is there already: by
/// name when files are `named_by_contents`, else by the same size and no older.
fn copy_new(from: &Path, to: &Path, named_by_contents: bool) -> Result<(), String> {
    let mut files = Vec::new();
    if !from.is_dir() {
        return Ok(());
    }
    walk(from, &mut files)?;
    for file in files {
        let relative = file.strip_prefix(from).expect("walked from `from`");
        let target = to.join(relative);
        let same = match named_by_contents {
            true => target.exists(),
            false => match (fs::metadata(&file), fs::metadata(&target)) {
                (Ok(a), Ok(b)) => a.len() == b.len() && a.modified().ok() <= b.modified().ok(),
                _ => false,
            },
        };
        if !same {
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
            }
            fs::copy(&file, &target).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

/// Removes the files under `to` that `from` does not have: the bundle's old files (the pages
/// step finds the site index by its folder: there must be one).
fn remove_others(from: &Path, to: &Path) -> Result<(), String> {
    let mut files = Vec::new();
    walk(to, &mut files)?;
    for file in files {
        let relative = file.strip_prefix(to).expect("walked from `to`");
        if !from.join(relative).exists() {
            fs::remove_file(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }
    Ok(())
}

/// Answers one request: the live script, the event stream, or a file of the site (an HTML
/// page with the live script in it).
fn answer(stream: TcpStream, dist: &Path, live: &Mutex<Live>) {
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = request.split(' ').nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut stream = stream;
    match path {
        LIVE_PATH => respond(&mut stream, "200 OK", "text/javascript", LIVE_JS.as_bytes()),
        EVENTS_PATH => events(stream, live),
        _ => {
            let (status, file) = find(dist, &percent_decode(path));
            let bytes = fs::read(&file).unwrap_or_default();
            let kind = content_type(&file);
            if kind.starts_with("text/html") {
                let html = String::from_utf8_lossy(&bytes);
                let script = format!("<script src=\"{LIVE_PATH}\"></script></body>");
                let html = html.replacen("</body>", &script, 1);
                respond(&mut stream, status, kind, html.as_bytes());
            } else {
                respond(&mut stream, status, kind, &bytes);
            }
        }
    }
}

/// The file for `path` under `dist`: the file, a folder's `index.html`, or the 404 page.
fn find(dist: &Path, path: &str) -> (&'static str, PathBuf) {
    let relative = path.trim_start_matches('/');
    // Nothing outside the site's folder.
    if relative.split('/').any(|part| part == "..") {
        return ("404 Not Found", dist.join("404.html"));
    }
    let file = dist.join(relative);
    if file.is_file() {
        return ("200 OK", file);
    }
    if file.join("index.html").is_file() {
        return ("200 OK", file.join("index.html"));
    }
    ("404 Not Found", dist.join("404.html"))
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|ext| ext.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "css" => "text/css",
        "json" => "application/json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "xml" => "application/xml",
        "gz" => "application/gzip",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

/// The event stream of one page: the last build's problems, if it failed, then every event.
fn events(mut stream: TcpStream, live: &Mutex<Live>) {
    let (send, receive) = channel();
    let first = {
        let mut live = live.lock().expect("live lock");
        live.pages.push(send);
        live.problems.clone()
    };
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n";
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    if !first.is_empty() && stream.write_all(first.as_bytes()).is_err() {
        return;
    }
    let _ = stream.flush();
    while let Ok(event) = receive.recv() {
        if stream
            .write_all(event.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
    }
}
