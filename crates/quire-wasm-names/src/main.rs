//! `quire-wasm-names WASM JS`: renames the imports WASM takes from its wasm-bindgen glue JS
//! to short names, in both files (scripts/build-app runs it between wasm-bindgen and wasm-opt).

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [wasm, js] = args.as_slice() else {
        eprintln!("usage: quire-wasm-names WASM JS");
        return ExitCode::from(2);
    };
    match rename(Path::new(wasm), Path::new(js)) {
        Ok(count) => {
            println!("quire-wasm-names: {count} imports renamed");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("quire-wasm-names: {error}");
            ExitCode::FAILURE
        }
    }
}

fn rename(wasm_path: &Path, js_path: &Path) -> Result<usize, String> {
    let read_error = |path: &Path, e: std::io::Error| format!("{}: {e}", path.display());
    let wasm = std::fs::read(wasm_path).map_err(|e| read_error(wasm_path, e))?;
    let js = std::fs::read_to_string(js_path).map_err(|e| read_error(js_path, e))?;
    let renamed = quire_wasm_names::shorten_imports(&wasm, &js)
        .map_err(|e| format!("{} and {}: {e}", wasm_path.display(), js_path.display()))?;
    std::fs::write(wasm_path, &renamed.wasm).map_err(|e| read_error(wasm_path, e))?;
    std::fs::write(js_path, &renamed.js).map_err(|e| read_error(js_path, e))?;
    Ok(renamed.count)
}
