//! `quire-serve`: the author's loop. Serves a built site (its `dist/`: the shell, the app) over
//! HTTP, watches the site's sources, and on every change builds the site again in this process
//! (quire-build's and quire-pages' sessions, which keep every rendered post and what every page
//! shows in memory, and write only the files that changed) and tells every open page to reload,
//! over server-sent events from the same server. When the build fails, the pages show its
//! `path:line: message` list over the last good site, until a build succeeds again. A change to
//! the app or its styles (in the repository) runs Trunk's build (which keeps the app when only
//! styles changed), then the site's: a page then swaps in the new stylesheet when only `style/`
//! changed, and reloads otherwise.
//!
//! ```text
//! quire-serve [--root DIR] [--dist DIR] [--address IP] [--port N] [--drafts]
//! ```

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

mod watch;

// A build allocates a great deal, on every core; see quire-build's main.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The script every served page gets: reloads on a new build, shows a failed one's problems.
const LIVE_JS: &str = include_str!("live.js");
/// Where it is served, and where the events are.
const LIVE_PATH: &str = "/_quire/live.js";
const EVENTS_PATH: &str = "/_quire/events";
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
    drafts: bool,
}

/// The site's builds: the build step's and the pages step's sessions, and where the build
/// step's files other than the bundle go before they are copied in.
struct Site {
    build: quire_build::Session,
    pages: quire_pages::Session,
    work: PathBuf,
}

fn main() -> ExitCode {
    keep_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match serve(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("quire-serve: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Tells the allocator to keep the memory a build frees for the next build, rather than give
/// it back to the system after 10 ms and have every page of it faulted in and zeroed again
/// (at 10,000 posts that was a tenth of a rebuild).
fn keep_freed_memory() {
    /// mimalloc's `mi_option_purge_delay` (v2), which its Rust bindings leave unnamed.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: set once, before any other thread runs (mimalloc's options are not thread-safe).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) };
}

/// The repository's root, whose app and styles are watched (scripts/serve runs this there).
fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn serve(args: &[&str]) -> Result<(), String> {
    let settings = parse(args)?;
    let repo = repo_root();
    if !settings.dist.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html: `trunk build` first (scripts/serve does)",
            settings.dist.display()
        ));
    }
    let listener = TcpListener::bind((settings.address.as_str(), settings.port))
        .map_err(|e| format!("{}:{}: {e}", settings.address, settings.port))?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    // The build step's files other than the bundle (static files, redirect pages), apart from
    // the served site: a folder a port, so a loop stopped by Ctrl-C leaves its folder to the
    // next on that port, which starts afresh.
    let work = repo
        .join("target")
        .join("serve")
        .join(address.port().to_string());
    if work.exists() {
        fs::remove_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    }
    let options = quire_build::Options {
        root: settings.root.clone(),
        out: work.clone(),
        drafts: settings.drafts,
        cache: true,
        base_url: None,
    };
    let bundle = settings.dist.join(quire_model::files::BUNDLE_DIR);
    let mut site = Site {
        build: quire_build::Session::new(options, &bundle),
        pages: quire_pages::Session::new(&settings.dist),
        work,
    };
    let live = Arc::new(Mutex::new(Live::default()));
    // Watching starts first: a save during the first build is seen.
    let watch = watch::Watch::new(&settings.root, &repo)?;
    rebuild(&settings, &mut site, &live, reload());
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
    loop {
        match watch.next() {
            watch::Change::Site => rebuild(&settings, &mut site, &live, reload()),
            watch::Change::App { styles_only } => {
                if let Err(problem) = trunk_build(&repo, &settings.dist) {
                    tell(&live, Some(problem));
                    continue;
                }
                // Only the styles changed: pages take the new stylesheet in, without a reload.
                let done = match styles_only {
                    true => {
                        let shell = fs::read_to_string(settings.dist.join("index.html"))
                            .unwrap_or_default();
                        event("styles", stylesheet(&shell).unwrap_or_default())
                    }
                    false => reload(),
                };
                rebuild(&settings, &mut site, &live, done);
            }
        }
    }
}

/// What pages are told after a new build of the site: to reload.
fn reload() -> String {
    event("reload", "")
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
        drafts: std::env::var_os("QUIRE_DRAFTS").is_some_and(|v| v == "1"),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().copied().ok_or(format!("{arg} needs a value"));
        match *arg {
            "--root" => settings.root = value()?.into(),
            "--dist" => settings.dist = value()?.into(),
            "--address" => settings.address = value()?.to_owned(),
            "--port" => settings.port = value()?.parse().map_err(|_| "--port needs a number")?,
            "--drafts" => settings.drafts = true,
            other => return Err(format!("serve: unknown argument `{other}`")),
        }
    }
    Ok(settings)
}

/// The site built again: the bundle into the served site, the build step's other new files
/// copied in, then the pages; the pages are sent `done` (to reload, or to take new styles in),
/// or shown what failed.
fn rebuild(settings: &Settings, site: &mut Site, live: &Mutex<Live>, done: String) {
    let started = Instant::now();
    let report = match site.build.build() {
        Ok(report) => report,
        Err(problems) => {
            let problems = problems.to_string();
            eprint!("{problems}");
            tell(live, Some(problems));
            return;
        }
    };
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    let built_at = started.elapsed();
    let copied = copy_new(&site.work.join("static"), &settings.dist);
    let copied_at = started.elapsed();
    let rendered = copied.and_then(|()| site.pages.write_site().map_err(|e| e.to_string()));
    match rendered {
        Ok(_) => {
            let total = started.elapsed();
            eprintln!(
                "quire: built in {} ms (build step {} ms, static files in {} ms, pages step {} ms)",
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

/// Every file under `from` into the same place under `to`, unless one of the same size and no
/// older is there already.
fn copy_new(from: &Path, to: &Path) -> Result<(), String> {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let file = entry.path();
        let relative = file.strip_prefix(from).expect("walked from `from`");
        let target = to.join(relative);
        let same = match (entry.metadata(), fs::metadata(&target)) {
            (Ok(a), Ok(b)) => a.len() == b.len() && a.modified().ok() <= b.modified().ok(),
            _ => false,
        };
        if !same {
            if let Some(folder) = target.parent() {
                fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
            }
            fs::copy(file, &target).map_err(|e| format!("{}: {e}", target.display()))?;
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
