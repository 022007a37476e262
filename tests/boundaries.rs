//! The rules that keep the app's structure, checked on its source: search's code stays in
//! `src/search/` (or wasm-split pulls the engine back into the wasm every page loads), and no
//! module of `src/` imports another in a circle.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// What only `src/search/` may name: the engine's crate, and the split machinery that keeps
/// it out of the main module.
const SEARCH_ONLY: [&str; 2] = ["quire_search", "wasm_split"];

fn source_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// Every `.rs` file of `src/`, by its path under `src/` with `/` separators.
fn app_sources() -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    files
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// The lines of `text` that name `word` as a path segment (`quire_search::…`, `::wasm_split`).
fn lines_naming<'a>(text: &'a str, word: &str) -> Vec<(usize, &'a str)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.match_indices(word).any(|(at, _)| {
                let before = line[..at].chars().next_back();
                let after = line[at + word.len()..].chars().next();
                let ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                !ident(before) && !ident(after)
            })
        })
        .map(|(i, line)| (i + 1, line))
        .collect()
}

fn search_boundary_violations(sources: &BTreeMap<String, String>) -> Vec<String> {
    let mut found = Vec::new();
    for (name, text) in sources {
        if name.starts_with("search/") {
            continue;
        }
        for word in SEARCH_ONLY {
            for (line, code) in lines_naming(text, word) {
                found.push(format!(
                    "src/{name}:{line}: names `{word}`: {}",
                    code.trim()
                ));
            }
        }
    }
    found
}

#[test]
fn only_src_search_names_the_search_engine_or_the_split() {
    let found = search_boundary_violations(&app_sources());
    assert!(
        found.is_empty(),
        "search's code is reached only through src/search/mod.rs (see its doc):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_boundary_check_sees_a_violation() {
    let mut sources = BTreeMap::new();
    sources.insert(
        "bundle.rs".to_owned(),
        "use quire_search::Searcher;\n".to_owned(),
    );
    sources.insert(
        "search/index.rs".to_owned(),
        "use quire_search::Searcher;\n".to_owned(),
    );
    sources.insert(
        "router.rs".to_owned(),
        "// not_quire_search_at_all\n".to_owned(),
    );
    assert_eq!(
        search_boundary_violations(&sources),
        ["src/bundle.rs:1: names `quire_search`: use quire_search::Searcher;"]
    );
}

/// The module a file belongs to, as a node of the import graph: `src/search/` is one (it is
/// one unit, entered through its `mod.rs`); elsewhere each file is one.
fn module_of_file(name: &str) -> String {
    let path = name.trim_end_matches(".rs").trim_end_matches("/mod");
    match path.split_once('/') {
        Some(("search", _)) => "search".to_owned(),
        _ => path.replace('/', "::"),
    }
}

/// The module a `crate::a::b::…` path names, among `modules`.
fn module_of_path(path: &[&str], modules: &BTreeSet<String>) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|len| path[..len].join("::"))
        .find(|candidate| modules.contains(candidate))
}

/// Which modules each module imports (`crate::…` paths, `use` lists included).
fn import_graph(sources: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = sources.keys().map(|name| module_of_file(name)).collect();
    let mut graph = BTreeMap::new();
    for (name, text) in sources {
        let from = module_of_file(name);
        let edges: &mut BTreeSet<String> = graph.entry(from.clone()).or_default();
        for (at, _) in text.match_indices("crate::") {
            let rest = &text[at + "crate::".len()..];
            let path_end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{'))
                .unwrap_or(rest.len());
            let head: &str = &rest[..path_end];
            let heads: Vec<String> = match head.split_once('{') {
                // `crate::a::{b, c::d}`: each item after the brace.
                Some((prefix, _)) => {
                    let list_end = rest.find('}').unwrap_or(rest.len());
                    rest[prefix.len() + 1..list_end]
                        .split(',')
                        .map(|item| format!("{prefix}{}", item.trim()))
                        .collect()
                }
                None => vec![head.to_owned()],
            };
            for head in heads {
                let path: Vec<&str> = head.split("::").filter(|s| !s.is_empty()).collect();
                if let Some(to) = module_of_path(&path, &modules) {
                    if to != from {
                        edges.insert(to);
                    }
                }
            }
        }
    }
    graph
}

/// A circle of imports, if there is one: the modules along it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

/// The crate root (`lib.rs`) holds the app and its entry point, which use every module, and a
/// few shared items every module uses (`href`, `BasePath`): it is the graph's root, not a node
/// in a circle.
fn without_root(
    mut graph: BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<String, BTreeSet<String>> {
    graph.remove("lib");
    for edges in graph.values_mut() {
        edges.remove("lib");
    }
    graph
}

#[test]
fn no_module_of_the_app_imports_another_in_a_circle() {
    let graph = without_root(import_graph(&app_sources()));
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "modules import each other in a circle: {}",
            cycle.join(" → ")
        );
    }
}

#[test]
fn the_cycle_check_sees_a_circle() {
    let mut sources = BTreeMap::new();
    sources.insert(
        "bundle.rs".to_owned(),
        "use crate::search::{code, Thing};\n".to_owned(),
    );
    sources.insert("search/mod.rs".to_owned(), "mod page;\n".to_owned());
    sources.insert(
        "search/page.rs".to_owned(),
        "use crate::components::load::x;\n".to_owned(),
    );
    sources.insert(
        "components/load.rs".to_owned(),
        "crate::bundle::Bundle::new()".to_owned(),
    );
    sources.insert(
        "router.rs".to_owned(),
        "use crate::bundle::Bundle;".to_owned(),
    );
    let cycle = find_cycle(&import_graph(&sources)).expect("a circle");
    assert_eq!(cycle, ["bundle", "search", "components::load", "bundle"]);
    sources.insert("components/load.rs".to_owned(), String::new());
    assert_eq!(find_cycle(&import_graph(&sources)), None);
}
