//! Tells the tests whether `../shared/compat` (Hexo's theme test posts and real Hexo blogs, with
//! what Hexo made of them) is beside the repository, as CI has it: without it the compatibility
//! tests are ignored with that reason, not passed.

fn main() {
    let compat = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/compat");
    println!("cargo::rustc-check-cfg=cfg(hexo_compat_fixtures)");
    println!("cargo::rerun-if-changed={}", compat.display());
    if compat.is_dir() {
        println!("cargo::rustc-cfg=hexo_compat_fixtures");
    }
}
