//! Build script: puts the icon, the manifest and the version information into the Windows
//! executable (`windows/app.rc`, compiled by embed-resource: mingw's windres when
//! cross-compiling, rc.exe with MSVC). Other targets get nothing and need no resource compiler.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=windows");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let var = |name: &str| env::var(name).unwrap_or_else(|_| panic!("cargo sets {name}"));
    let windows = PathBuf::from(var("CARGO_MANIFEST_DIR")).join("windows");
    // Forward slashes: both resource compilers take them, and a backslash would be an escape.
    let file = |name: &str| windows.join(name).display().to_string().replace('\\', "/");
    // The version from Cargo.toml, so Explorer's Properties never show a stale one.
    let header = format!(
        "#define APP_VERSION \"{}\"\n\
         #define APP_VERSION_MAJOR {}\n\
         #define APP_VERSION_MINOR {}\n\
         #define APP_VERSION_PATCH {}\n\
         #define APP_ICON \"{}\"\n\
         #define APP_MANIFEST \"{}\"\n",
        var("CARGO_PKG_VERSION"),
        var("CARGO_PKG_VERSION_MAJOR"),
        var("CARGO_PKG_VERSION_MINOR"),
        var("CARGO_PKG_VERSION_PATCH"),
        file("app.ico"),
        file("app.manifest"),
    );
    // embed-resource puts OUT_DIR on the resource compiler's include path.
    let out = PathBuf::from(var("OUT_DIR"));
    fs::write(out.join("app_version.h"), header).expect("write app_version.h to OUT_DIR");
    // Required: an executable without its manifest must not be built quietly.
    if let Err(error) =
        embed_resource::compile(windows.join("app.rc"), embed_resource::NONE).manifest_required()
    {
        panic!("the Windows resources (windows/app.rc) could not be compiled: {error}");
    }
}
