//! The GitHub Pages workflow (`.github/workflows/pages.yml`) is valid YAML and builds the site
//! with the commands the README's "Deploying" gives, so the two cannot drift apart.

use std::path::Path;

fn repo_file(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn the_pages_workflow_runs_the_readmes_build_and_publishes_dist() {
    let workflow: serde_norway::Value =
        serde_norway::from_str(&repo_file(".github/workflows/pages.yml")).expect("valid YAML");
    let steps = workflow["jobs"]["build"]["steps"]
        .as_sequence()
        .expect("the build job has steps");
    let commands: Vec<&str> = steps
        .iter()
        .filter_map(|step| step["run"].as_str())
        .flat_map(str::lines)
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert_eq!(commands[0], "source scripts/setup build");
    assert!(
        commands[1].starts_with("trunk build --release --public-url "),
        "{commands:?}"
    );
    let readme = repo_file("README.md");
    let deploying = readme
        .split("\n## Deploying")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("the README has a Deploying section");
    assert!(deploying.contains("source scripts/setup build && trunk build --release"));
    assert!(deploying.contains("trunk build --release --public-url /blog/"));
    let published = steps
        .iter()
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|uses| uses.starts_with("actions/upload-pages-artifact"))
        })
        .expect("the build is published");
    assert_eq!(published["with"]["path"].as_str(), Some("dist"));
    assert!(workflow["jobs"]["deploy"]["steps"][0]["uses"]
        .as_str()
        .is_some_and(|uses| uses.starts_with("actions/deploy-pages")));
}
