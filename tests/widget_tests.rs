//! `widget-host test` as a widget repository's CI runs it: on the author library of
//! tests/widgets, with the test files of tests/widget-tests (one passes, one fails on purpose),
//! without a display (it starts its own); a typo in a test file; and a session recorded with
//! the Record button in the window, replayed, then replayed against a changed widget. And the
//! host's own widget tests (tests/widget-tests/host: events reaching the right instances,
//! replay on subscribe, the demo library) in both page modes.

mod common;

use common::{artifacts, run_named, test_widgets};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `widget-host test ARGS` with no display, so it starts (and stops) its own.
fn widget_host_test(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_widget-host"))
        .arg("test")
        .args(args)
        .current_dir(dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("TMPDIR", dir)
        .output()
        .expect("run widget-host test")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Width, height and the standard deviation of the pixels (0 for a blank image).
fn image_stats(png: &Path) -> (u32, u32, f64) {
    let out = Command::new("identify")
        .args(["-format", "%w %h %[fx:standard_deviation]"])
        .arg(png)
        .output()
        .expect("run identify (ImageMagick)");
    let s = String::from_utf8_lossy(&out.stdout).to_string();
    let v: Vec<&str> = s.split_whitespace().collect();
    assert_eq!(v.len(), 3, "identify said {s:?} for {}", png.display());
    (
        v[0].parse().unwrap(),
        v[1].parse().unwrap(),
        v[2].parse().unwrap(),
    )
}

#[test]
fn a_passing_and_a_failing_test_give_exit_codes_junit_and_screenshots() {
    test_widgets();
    let dir = artifacts("widget-tests-cli");
    let tests = repo().join("tests/widget-tests");
    let junit = dir.join("junit.xml");
    let shots = dir.join("shots");
    let out = widget_host_test(
        &dir,
        &[
            "--junit",
            junit.to_str().unwrap(),
            "--screenshots",
            shots.to_str().unwrap(),
            tests
                .join("greets-the-customer.test.json")
                .to_str()
                .unwrap(),
            tests.join("failing").to_str().unwrap(),
        ],
    );
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("ok    a chat arrives"), "{said}");
    assert!(said.contains("FAIL  fails on purpose"), "{said}");
    assert!(
        said.contains("step 4 (expectCall): no widget called `sendChatMessage` with arguments matching [\"Good morning Ana\"]"),
        "{said}"
    );
    assert!(
        said.contains("seen instead: `chat-greeter` of int-1 [\"Hello Ana, how can I help?\"]"),
        "{said}"
    );
    assert!(said.contains("step 5 (expectText)"), "{said}");
    assert!(said.contains("[1/"), "a progress line: {said}");
    let files = std::fs::read_dir(&tests).unwrap().count();
    assert!(files >= 2, "tests/widget-tests holds the tests");

    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("failures=\"1\""), "{xml}");
    assert!(
        xml.contains("<failure message=\"step 4 (expectCall): no widget called `sendChatMessage`"),
        "{xml}"
    );
    assert!(
        xml.contains("classname=\"") && xml.contains("greets-the-customer.test.json\""),
        "{xml}"
    );

    let shot = shots.join("wrong-greeting/step-4.png");
    assert!(
        shot.is_file(),
        "no screenshot at {}: {said}",
        shot.display()
    );
    let (w, h, spread) = image_stats(&shot);
    assert!(w >= 800 && h >= 600, "the window, not a sliver: {w}x{h}");
    assert!(
        spread > 0.05,
        "the screenshot shows the window, not a blank display ({spread})"
    );
    assert!(
        said.contains(&format!("screenshot: {}", shot.display())),
        "{said}"
    );
    assert!(
        !shots.join("greets-the-customer").exists(),
        "a passing test leaves no screenshot"
    );

    // The passing test alone, isolated pages: exit 0.
    let out = widget_host_test(
        &dir,
        &[
            "--page",
            "isolated",
            tests
                .join("greets-the-customer.test.json")
                .to_str()
                .unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        text(&out).contains("1 test: 1 passed, 0 failed"),
        "{}",
        text(&out)
    );
    // Nothing left behind: the scratch folders of each app are gone.
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("widget-host-test-"))
        .collect();
    assert!(left.is_empty(), "scratch folders left: {left:?}");
}

/// What widgets receive and call, in the authors' format: our own end-to-end tests of the
/// runtime that need nothing authors do not have.
#[test]
fn the_hosts_own_widget_tests_pass_in_both_page_modes() {
    test_widgets();
    let folder = repo().join("tests/widget-tests/host");
    let n = std::fs::read_dir(&folder)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".test.json"))
        })
        .count();
    assert!(n >= 4, "tests/widget-tests/host holds {n} tests");
    for mode in ["shared", "isolated"] {
        let dir = artifacts(&format!("widget-tests-host-{mode}"));
        let junit = dir.join("junit.xml");
        let out = widget_host_test(
            &dir,
            &[
                "--page",
                mode,
                "--junit",
                junit.to_str().unwrap(),
                folder.to_str().unwrap(),
            ],
        );
        let said = text(&out);
        assert_eq!(out.status.code(), Some(0), "{mode}: {said}");
        assert!(
            said.contains(&format!("{n} tests: {n} passed, 0 failed")),
            "{mode}: {said}"
        );
        let xml = std::fs::read_to_string(&junit).unwrap();
        assert!(
            xml.contains(&format!("tests=\"{n}\"")) && xml.contains("failures=\"0\""),
            "{mode}: {xml}"
        );
    }
}

#[test]
fn a_typo_in_a_test_file_names_the_file_the_step_and_the_field() {
    let dir = artifacts("widget-tests-typo");
    let file = dir.join("typo.test.json");
    std::fs::write(
        &file,
        serde_json::to_string_pretty(&json!({
            "version": 1,
            "name": "typo",
            "libraries": [repo().join("tests/widgets/dist/author-library")],
            "steps": [
                { "do": "start", "channel": "WEBCHAT", "customer": "Ana" },
                { "do": "click", "selecter": "button" }
            ]
        }))
        .unwrap(),
    )
    .unwrap();
    let out = widget_host_test(&dir, &[file.to_str().unwrap()]);
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "{}: step 2 (click), field `selecter`: unknown field `selecter`",
            file.display()
        )),
        "{said}"
    );
    // Nothing to run is a usage error.
    let out = widget_host_test(&dir, &[dir.join("empty").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}

#[test]
fn a_recorded_session_replays_and_a_changed_widget_fails_it_naming_the_call() {
    let dist = test_widgets();
    let dir = artifacts("widget-tests-record");
    // A copy of the library: the widget is changed on disk later, as its author would.
    let lib = dir.join("author-library");
    let status = Command::new("cp")
        .arg("-r")
        .arg(dist.join("author-library"))
        .arg(&lib)
        .status()
        .unwrap();
    assert!(status.success());
    let xdg = dir.join("xdg");
    let host_click = |sel: &str| json!({ "do": "click", "selector": sel });
    let report = run_named(
        &dir,
        "record",
        &xdg,
        &["--library", lib.to_str().unwrap()],
        json!([
            { "do": "waitReady" },
            host_click("#record"),
            { "do": "waitFor", "target": "host", "js": "document.getElementById('record').classList.contains('recording')" },
            { "do": "eval", "target": "host", "js": "(() => { const f = document.getElementById('new-interaction'); f.channel.value = 'WEBCHAT'; f.customerName.value = 'Ana Silva'; f.acw.checked = false; return true; })()" },
            host_click("#create-interaction"),
            { "do": "waitFor", "target": "host", "js": "!!document.querySelector('.view.ix[data-interaction=\"int-1\"] button[data-action=\"accept\"]')" },
            host_click(".view.ix[data-interaction=\"int-1\"] button[data-action=\"accept\"]"),
            { "do": "waitFor", "target": "page", "js": "(() => { const e = document.querySelector('chat-greeter'); return !!(e && e.shadowRoot && e.shadowRoot.querySelector('.cg__greet')); })()" },
            { "do": "pointerClick", "selector": ".card[data-interaction=\"int-1\"]" },
            { "do": "waitFor", "target": "page", "js": "document.querySelector('chat-greeter').getBoundingClientRect().width > 0" },
            { "do": "wait", "ms": 300 },
            { "do": "pointerClick", "target": "page", "selector": "chat-greeter >>> .cg__greet" },
            { "do": "waitFor", "target": "host", "js": "[...document.querySelectorAll('#log *')].some((n) => /called sendChatMessage/.test(n.textContent))" },
            host_click("#record"),
            { "do": "waitFor", "target": "host", "js": "!document.getElementById('record').classList.contains('recording')" },
            { "do": "screenshot", "name": "saved" }
        ]),
    );
    assert!(report["ok"] == true);
    let saved_dir = xdg.join("data/dev.widgethost.app/recordings");
    let saved: Vec<PathBuf> = std::fs::read_dir(&saved_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", saved_dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let file = &saved[0];
    let test: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let tags: Vec<&str> = test["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["do"].as_str().unwrap())
        .collect();
    assert!(tags.starts_with(&["start", "accept", "focus"]), "{tags:?}");
    let call = test["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["method"] == "sendChatMessage")
        .unwrap_or_else(|| panic!("no sendChatMessage expectation in {test:#}"));
    assert_eq!(call["widget"], "chat-greeter");
    assert_eq!(call["interaction"], "int-1", "the call's card is recorded");
    assert_eq!(call["args"], json!(["Hello Ana, how can I help?", "int-1"]));
    assert!(
        test["recorded"]["deliveries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d
                .as_str()
                .unwrap()
                .starts_with("chat-greeter ← onInteractionEvent")),
        "{test:#}"
    );
    // The agent's click inside the widget is a step, just before the call it caused.
    let steps = test["steps"].as_array().unwrap();
    let at = steps
        .iter()
        .position(|s| s["method"] == "sendChatMessage")
        .unwrap();
    assert_eq!(
        steps[at - 1],
        json!({ "do": "click", "selector": "button.neo-btn.neo-btn--primary.cg__greet", "widget": "chat-greeter", "interaction": "int-1" }),
        "{test:#}"
    );
    // Replayed as it was saved: it passes.
    let replay = file.clone();
    let out = widget_host_test(&dir, &[replay.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // The widget stops sending its greeting: the replay fails and names the call.
    let bundle = lib.join("chat-greeter/chat-greeter.js");
    let js = std::fs::read_to_string(&bundle).unwrap();
    assert!(js.contains(".sendChatMessage("));
    std::fs::write(
        &bundle,
        js.replace(".sendChatMessage(", ".getInteractionId("),
    )
    .unwrap();
    let out = widget_host_test(&dir, &[replay.to_str().unwrap()]);
    let said = text(&out);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("(expectCall): `chat-greeter` of card `int-1` did not call `sendChatMessage` with arguments matching [\"Hello Ana, how can I help?\",\"int-1\"]"),
        "{said}"
    );
}
