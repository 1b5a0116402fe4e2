// Runs with the repository root as its current directory (the root package owns this script),
// so tauri-build finds tauri.conf.json there and writes gen/ and permissions/ there.
include!("src/command_list.rs");

macro_rules! command_names {
    (host: [$($h:ident),*], bridge: [$($b:ident),*]) => {
        &[$(stringify!($h)),*, $(stringify!($b)),*]
    };
}

const COMMANDS: &[&str] = with_app_commands!(command_names);

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=src-tauri/src/command_list.rs");
    println!("cargo:rerun-if-changed=ui");
    let attrs = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attrs).expect("tauri-build failed");
}
