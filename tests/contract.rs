//! The Widget API runtime (`ui/ws-api.js`) against the Rust that feeds it: its getters are the
//! methods table's, every mirror field it reads exists, and the validators shared with the page
//! agree (the JS side runs under Node).

use std::collections::BTreeSet;
use std::path::PathBuf;
use widget_host_core::engine::Engine;
use widget_host_core::methods::{Method, Served};

fn runtime() -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/ws-api.js"))
        .expect("ui/ws-api.js")
}

#[test]
fn the_page_answers_exactly_the_getters_of_the_methods_table() {
    let js = runtime();
    let start = js.find("const getters = {").expect("the getters object");
    let end = start + js[start..].find("\n  };").expect("its end");
    let mut on_page: BTreeSet<String> = js[start..end]
        .lines()
        .filter_map(|l| l.strip_prefix("    "))
        .filter_map(|l| l.split_once('(').map(|(name, _)| name.to_string()))
        .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric()))
        .collect();
    // validateRichMediaMessage is set on the facade itself, beside the getters.
    assert!(
        js.contains("f.validateRichMediaMessage ="),
        "validateRichMediaMessage is answered on the page"
    );
    on_page.insert("validateRichMediaMessage".into());
    let table: BTreeSet<String> = Method::ALL
        .iter()
        .filter(|m| matches!(m.served(), Served::Getter | Served::Page))
        .map(|m| m.name().to_string())
        .collect();
    assert_eq!(on_page, table, "ui/ws-api.js getters vs methods.rs");
}

#[test]
fn every_mirror_field_the_page_reads_exists() {
    let js = runtime();
    let mirror = serde_json::to_value(Engine::new().mirror()).unwrap();
    let fields: BTreeSet<&str> = mirror
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut read = BTreeSet::new();
    for (i, _) in js.match_indices("mirror.") {
        let name: String = js[i + "mirror.".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !name.is_empty() {
            read.insert(name);
        }
    }
    assert!(read.len() > 10, "{read:?}");
    let missing: Vec<&String> = read
        .iter()
        .filter(|f| !fields.contains(f.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "ui/ws-api.js reads mirror fields the host never sends: {missing:?}"
    );
}

#[test]
fn the_shared_page_scripts_pass_their_node_tests() {
    let out = std::process::Command::new("node")
        .args(["--test", "tests/js/"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("node runs (make test installs it)");
    assert!(
        out.status.success(),
        "node --test tests/js/:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
