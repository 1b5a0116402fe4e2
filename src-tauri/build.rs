// Runs with the repository root as its current directory (the root package owns this script),
// so tauri-build finds tauri.conf.json there and writes gen/ and permissions/ there.
include!("src/command_list.rs");

macro_rules! command_names {
    (host: [$($h:ident),*], bridge: [$($b:ident),*]) => {
        &[$(stringify!($h)),*, $(stringify!($b)),*]
    };
}

const COMMANDS: &[&str] = with_app_commands!(command_names);

/// Avaya's NEO stylesheet, installed by the set-up commands from npm (not committed).
const NEO: &str = "node_modules/@avaya/neo/neo/dist/css/neo/neo.min.css";

fn main() {
    // The host page is embedded from ui/: put NEO there before tauri embeds it. Without the npm
    // package (a bare `cargo build`) the host UI still works on its own stylesheet.
    println!("cargo:rerun-if-changed={NEO}");
    if std::path::Path::new(NEO).is_file() {
        std::fs::create_dir_all("ui/vendor").expect("create ui/vendor");
        std::fs::copy(NEO, "ui/vendor/neo.min.css").expect("copy the NEO stylesheet");
    }
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/src/command_list.rs");
    println!("cargo:rerun-if-changed=ui");
    let attrs = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attrs).expect("tauri-build failed");
}
