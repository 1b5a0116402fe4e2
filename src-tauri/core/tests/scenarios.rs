//! Each shipped scenario (src-tauri/core/scenarios) is its own test, so a failure names it.

use std::path::Path;
use widget_host_core::scenario::run_text;

fn run(file: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let delivered = run_text(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert!(delivered > 0, "{file} delivered nothing");
}

macro_rules! scenarios {
    ($($test:ident = $file:literal;)*) => {
        $(#[test] fn $test() { run($file); })*

        /// A scenario file without a test here would never run as one.
        #[test]
        fn every_shipped_scenario_has_a_test() {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
            let mut files: Vec<String> = std::fs::read_dir(&dir).expect("scenarios folder").filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
            files.sort();
            assert_eq!(files, [$($file),*]);
        }
    };
}

scenarios! {
    voice_call_with_hold_and_acw = "01-voice-call-hold-acw.json";
    chat_with_typing_and_messages = "02-chat-typing-messages.json";
    email_with_an_attachment = "03-email-attachment.json";
    consult_then_conference = "04-consult-conference.json";
    consult_then_transfer = "05-consult-transfer.json";
    blind_transfer = "06-blind-transfer.json";
    supervisor_team_events = "07-supervisor-team.json";
    two_interactions_with_widgets_on_both = "08-two-interactions.json";
}
