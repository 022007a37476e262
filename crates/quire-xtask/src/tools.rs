//! Running the pipeline's tools, and naming the one that is missing with the version
//! `tools.toml` (the one table of them, which scripts/setup installs from) asks for.

use std::io::ErrorKind;
use std::process::{Command, Stdio};

const TOOLS_TOML: &str = include_str!("../../../tools.toml");

/// The version `tools.toml` gives `package`.
pub(crate) fn version(package: &str) -> Option<&'static str> {
    TOOLS_TOML.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (key.trim() == package).then(|| value.split('"').nth(1))?
    })
}

/// The package that provides `program`, as `tools.toml` names it.
fn package_of(program: &str) -> &str {
    match program {
        "wasm-opt" => "binaryen",
        other => other,
    }
}

/// Runs `command` to its end; its output is shown unless `quiet`.
pub(crate) fn run(command: &mut Command, quiet: bool) -> Result<(), String> {
    let program = command.get_program().to_string_lossy().into_owned();
    if quiet {
        command.stdout(Stdio::null());
    }
    let status = command.status().map_err(|error| {
        if error.kind() == ErrorKind::NotFound {
            let package = package_of(&program);
            let wanted = version(package).map_or(String::new(), |v| format!(" ({package} {v})"));
            format!("`{program}` is not on PATH: `source scripts/setup` installs it{wanted}")
        } else {
            format!("`{program}` could not be started: {error}")
        }
    })?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program}` failed ({status}): {command:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_the_pipeline_runs_has_a_version() {
        for program in ["trunk", "wasm-opt", "esbuild", "wasm-split-cli"] {
            let version = version(package_of(program));
            assert!(version.is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit())));
        }
        assert_eq!(version("binaryen"), Some("132"));
        assert_eq!(version("nothing"), None);
    }
}
