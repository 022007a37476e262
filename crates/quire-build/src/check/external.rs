//! `quire-build check --external`: other sites' links (`http`, `https`) in posts and pages,
//! each fetched once, several at a time, and named where they appear when the other site
//! answers with an error or not at all. Only on request: a build may be offline, and other
//! sites answer slowly.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// How long one link may take, redirects included.
const TIMEOUT: Duration = Duration::from_secs(15);
/// Links fetched at a time: the work is waiting on other sites, not the processor.
const AT_ONCE: usize = 16;

/// What is wrong with each of `urls` that has something wrong, by URL.
pub fn broken(urls: impl IntoIterator<Item = String>) -> BTreeMap<String, String> {
    let urls: Vec<String> = urls
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .user_agent(concat!(
            "quire-build/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .build()
        .into();
    let next = Mutex::new(urls.iter());
    let found = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE.min(urls.len()) {
            scope.spawn(|| loop {
                let Some(url) = next.lock().expect("links lock").next() else {
                    break;
                };
                if let Some(why) = problem(&agent, url) {
                    found.lock().expect("links lock").insert(url.clone(), why);
                }
            });
        }
    });
    found.into_inner().expect("links lock")
}

/// What is wrong with `url`, if anything: a status of 400 or more, or no answer.
fn problem(agent: &ureq::Agent, url: &str) -> Option<String> {
    // HEAD first (no body to download); some servers refuse it, and answer a GET.
    let status = match agent.head(url).call() {
        Ok(response) if matches!(response.status().as_u16(), 403 | 405 | 501) => agent
            .get(url)
            .call()
            .map(|response| response.status().as_u16()),
        answer => answer.map(|response| response.status().as_u16()),
    };
    match status {
        Ok(status) if status < 400 => None,
        Ok(status) => Some(format!("the site answers HTTP {status}")),
        Err(e) => Some(format!("no answer ({e})")),
    }
}
