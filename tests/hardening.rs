//! Hostile widgets against the real app under Xvfb: a flood of calls, a page that navigates
//! to another widget's origin to read its storage, a page stuck in a loop, and a kill at exit.
//! None of these is timed: what they check is that the host survives and says what happened.
//! The flood and the hang run in both page modes; storage is isolated mode's promise (on the
//! shared page, as in Workspaces, every widget shares one origin).

mod common;

use common::*;
use serde_json::{json, Value};
use std::time::Duration;

/// A widget that calls `widget_call` as fast as the page can, un-awaited, the way a buggy or
/// hostile bundle would (straight through the IPC, not the facade).
const FLOODER: &str = r#"customElements.define('flood-er', class extends HTMLElement {
  connectedCallback() {
    this.textContent = 'flooder';
    window.__flood = (method, seconds, past) => {
      const T = window.__TAURI_INTERNALS__;
      if (past && !window.__rawFetch) {
        // Past the page's own gate: Tauri's IPC fetches through whatever window.fetch is, and
        // a fresh frame has an unwrapped one.
        const f = document.createElement('iframe');
        document.body.appendChild(f);
        window.__rawFetch = f.contentWindow.fetch.bind(f.contentWindow);
        window.fetch = window.__rawFetch;
      }
      const start = Date.now(), until = start + seconds * 1000;
      const stats = window.__floodStats = { sent: 0, answered: 0, refused: 0, failed: 0, done: false, until };
      const tick = () => {
        const target = Math.floor((Date.now() - start) * 10); // about 10,000 a second
        while (stats.sent < target) {
          const args = method === 'sendNotification' ? ['flood ' + stats.sent, 'info'] : [{ n: stats.sent }];
          T.invoke('widget_call', { method, args, interaction: null }).then(() => { stats.answered++; }, (e) => { if (e && e.code === 'rate_limited') stats.refused++; else stats.failed++; });
          stats.sent++;
        }
        if (Date.now() < until) setTimeout(tick, 1); else stats.done = true;
      };
      tick();
      return true;
    };
  }
});"#;

fn subscriber(tag: &str) -> String {
    format!(
        "customElements.define('{tag}', class extends HTMLElement {{ connectedCallback() {{ this.textContent = '{tag}'; this.got = 0; WS.widgetAPI().onDataEvent('onMessageEvent', () => {{ this.got++; }}); }} }});"
    )
}

/// A flood of both call kinds, 10 s each, through Tauri's IPC (which the page's own gate sees,
/// as it sees every bundle's calls): the app stays up, the host UI answers a click, calls
/// beyond the page's share are refused with `rate_limited` (counted in the log, not one row per
/// call), and the other widgets still get their events.
#[test]
fn a_flood_of_calls_is_rate_limited_and_the_host_keeps_answering_shared() {
    flood("shared", false);
}

#[test]
fn a_flood_of_calls_is_rate_limited_and_the_host_keeps_answering_isolated() {
    flood("isolated", false);
}

/// The same flood past the page's own gate (a fresh frame's `fetch`), as the hostile widget of
/// the hardening issue did: all of it reaches the host, which refuses what goes beyond the
/// share. With the published tao this aborted the app with a corrupt heap now and then (every
/// IPC request clones a Tauri handle whose event loop target held a non-atomic `Rc`; see
/// src-tauri/vendor/README.md).
#[test]
fn a_flood_past_the_pages_gate_is_refused_by_the_host_shared() {
    flood("shared", true);
}

#[test]
fn a_flood_past_the_pages_gate_is_refused_by_the_host_isolated() {
    flood("isolated", true);
}

/// The heap corruption's fix lives in a patched tao (src-tauri/vendor/README.md): the build
/// must take it, not the published crate, and the patch must still be in it.
#[test]
fn the_app_is_built_with_the_patched_tao() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
    let tao = lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"tao\"\n"))
        .expect("tao is in Cargo.lock");
    assert!(
        !tao.contains("source ="),
        "Cargo.lock takes tao from a registry, not src-tauri/vendor/tao:{tao}"
    );
    let target = root.join("src-tauri/vendor/tao/src/platform_impl/linux/event_loop.rs");
    let code = std::fs::read_to_string(&target).unwrap();
    assert!(
        code.contains("pub(crate) windows: Arc<RefCell<HashSet<WindowId>>>,"),
        "{} no longer holds the window ids behind an Arc",
        target.display()
    );
}

/// Floods load both cores: two at once starve each other's pages and measure nothing.
static ONE_FLOOD_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn flood(mode: &str, past_the_gate: bool) {
    let _alone = ONE_FLOOD_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = artifacts(&format!(
        "e2e-flood-{mode}{}",
        if past_the_gate { "-past-the-gate" } else { "" }
    ));
    let lib = dir.join("library");
    write_widget_source(&lib, "flooder", "flood-er", FLOODER);
    write_widget_source(&lib, "sub-a", "sub-a-w", &subscriber("sub-a-w"));
    write_widget_source(&lib, "sub-b", "sub-b-w", &subscriber("sub-b-w"));
    let mut steps = vec![json!({ "do": "waitReady" })];
    // Per kind, its view and its steps: [a click is scheduled, the flood starts, the flood is
    // over, the click].
    let mut at = Vec::new();
    for (method, view) in [
        ("sendMessageToAnyWidget", "contacts"),
        ("sendNotification", "home"),
    ] {
        at.push((steps.len(), view));
        steps.extend([
            // 1.5 s into the flood a person clicks the sidebar: the host's own timer clicks, as
            // a pointer would, and notes when the view changed and when the app answered the
            // new layout (`body[data-layout]`). How fast is the bench's business; a debug
            // build under a flood can be slow. (The host's own timer, not an evaluation from
            // here: an evaluation would wait its turn behind the flood and click late.)
            json!({ "do": "eval", "target": "host", "js": format!("(() => {{ window.__click = null; setTimeout(() => {{ const c = window.__click = {{ at: Date.now(), view: null, answered: null }}; document.querySelector('#sidebar [data-view=\"{view}\"]').click(); c.view = document.body.dataset.view; const t = setInterval(() => {{ if (document.body.dataset.layout === 'reported') {{ c.answered = Date.now(); clearInterval(t); }} }}, 20); }}, 1500); return true; }})()") }),
            json!({ "do": "eval", "target": "home-flooder", "js": format!("window.__flood('{method}', 10, {past_the_gate})") }),
            // Every call is answered in the end, most of them refused. (A handful may never be:
            // Tauri's page side names each call's callbacks with a random 32-bit number, and
            // with about 100,000 in flight two can collide.)
            json!({ "do": "waitFor", "target": "home-flooder", "js": "(s => s.done && s.sent - s.answered - s.refused - s.failed <= 10 && s)(window.__floodStats)", "timeoutMs": 90000 }),
            json!({ "do": "waitFor", "target": "host", "js": "window.__click && window.__click.answered && window.__click", "timeoutMs": 30000 }),
        ]);
    }
    let subs = steps.len() + 1;
    steps.extend([
        json!({ "do": "wait", "ms": 2000 }),
        json!({ "do": "eval", "target": "home-sub-a", "js": "window.__widgetHostElement().got" }),
        json!({ "do": "eval", "target": "home-sub-b", "js": "window.__widgetHostElement().got" }),
        json!({ "do": "screenshot", "name": "after-flood" }),
    ]);
    let report = run_scripted(
        &dir,
        &["--library", lib.to_str().unwrap(), "--page", mode],
        Value::Array(steps),
    );
    let value = |i: usize| report["steps"][i]["value"].clone();
    // The units of the page's share from the start of a kind's flood until its last answer.
    let share_during = |first: usize| {
        let secs: f64 = (first + 1..=first + 2)
            .map(|s| report["steps"][s]["ms"].as_f64().unwrap_or(0.0))
            .sum::<f64>()
            / 1000.0;
        1000.0 + 1000.0 * secs
    };
    for &(first, view) in &at {
        let stats = value(first + 2);
        let click = value(first + 3);
        assert_eq!(click["view"], view, "the click switched the view: {click}");
        let n = |k: &str| stats[k].as_u64().unwrap();
        assert!(
            click["at"].as_u64().unwrap() < n("until"),
            "the click came during the flood: {click} {stats}"
        );
        assert!(n("sent") > 10_000, "the flood was a flood: {stats}");
        // The page's share is 1000 units a second after a burst of 1000 (pages.rs): a call is
        // at least one. When the host, busy with the flood on a loaded machine, takes the calls
        // more slowly than that, nothing needs refusing; otherwise what goes beyond is refused.
        let share = share_during(first);
        assert!(
            n("refused") > 1_000 || (n("answered") as f64) <= share * 1.05,
            "calls beyond the page's share ({share:.0}) were refused: {stats}"
        );
        assert!(n("failed") <= 10, "nothing else went wrong: {stats}");
    }
    let got: Vec<u64> = [subs, subs + 1]
        .iter()
        .map(|&i| value(i).as_u64().unwrap())
        .collect();
    assert!(
        got.iter().all(|&g| g > 1000),
        "the others still got messages: {got:?}"
    );
    // The messages' flood paid for each message delivered too: its calls and their events
    // together stay within the share (one call's events may be owed at the end).
    let (first, _) = at[0];
    let answered = value(first + 2)["answered"].as_u64().unwrap();
    let units = (answered + got[0] + got[1]) as f64;
    let share = share_during(first);
    assert!(
        units <= share * 1.05 + 2.0,
        "{answered} messages answered and {got:?} delivered: {units} units, beyond the share ({share:.0})"
    );
    let limited: Vec<&Value> = log(&report)
        .iter()
        .filter(|r| r["code"] == "rate_limited")
        .collect();
    assert!(!limited.is_empty(), "refusals are counted in the log");
    assert!(
        limited.len() < 100,
        "as a count, not one row per refused call: {} rows",
        limited.len()
    );
    assert!(limited.iter().any(|r| r["summary"]
        .as_str()
        .unwrap()
        .contains("calls refused (rate_limited)")));
}

/// A widget navigates its page to another widget's origin to read and overwrite that widget's
/// localStorage: the navigation is refused (and logged), its bundle never runs there, and the
/// other widget's storage is as it left it.
#[test]
fn a_widget_cannot_reach_another_widgets_storage() {
    let dir = artifacts("e2e-storage");
    let lib = dir.join("library");
    write_widget_source(
        &lib,
        "keeper",
        "keeper-w",
        "customElements.define('keeper-w', class extends HTMLElement { connectedCallback() { localStorage.setItem('secret', 'keeper-data'); this.textContent = 'keeper'; } });",
    );
    // Wherever it runs, the thief writes what it can read of the secret into that origin.
    write_widget_source(
        &lib,
        "thief",
        "thief-w",
        r#"localStorage.setItem('stolen', String(localStorage.getItem('secret')));
customElements.define('thief-w', class extends HTMLElement { connectedCallback() { this.textContent = 'thief at ' + location.host; } });
window.__steal = () => { location.href = 'widget://keeper.localhost/'; return true; };
window.__frame = () => { const f = document.createElement('iframe'); f.src = 'widget://keeper.localhost/'; document.body.appendChild(f); return true; };"#,
    );
    let report = run_scripted(
        &dir,
        &["--library", lib.to_str().unwrap(), "--page", "isolated"],
        json!([
            { "do": "waitReady" },
            { "do": "eval", "target": "home-thief", "js": "window.__steal()" },
            { "do": "wait", "ms": 1500 },
            { "do": "eval", "target": "home-thief", "js": "(window.__frame(), true)" },
            { "do": "wait", "ms": 1500 },
            { "do": "eval", "target": "home-thief", "js": "location.host" },
            { "do": "eval", "target": "home-keeper", "js": "[localStorage.getItem('secret'), localStorage.getItem('stolen')]" }
        ]),
    );
    assert_eq!(
        report["steps"][5]["value"], "thief.localhost",
        "the thief's page stayed on its own origin"
    );
    assert_eq!(
        report["steps"][6]["value"],
        json!(["keeper-data", null]),
        "the keeper's storage is untouched"
    );
    let refused = summaries(&report)
        .into_iter()
        .filter(|s| s.contains("tried to open widget://keeper.localhost/") && s.contains("refused"))
        .count();
    assert!(
        refused >= 2,
        "the navigation and the frame were refused, in the log: {:?}",
        summaries(&report)
    );
}

/// A widget stuck in a loop: the host notices within a few seconds, says so in the log and on
/// the frame, still answers clicks, and its Reload brings the page back with the state replayed.
#[test]
fn a_hung_widget_is_reported_and_reloaded_shared() {
    hang("shared");
}

#[test]
fn a_hung_widget_is_reported_and_reloaded_isolated() {
    hang("isolated");
}

/// In isolated mode the stuck widget's frame says so; on the shared page the whole widget page
/// is stuck (one realm), and the banner over the content area says so.
fn hang(mode: &str) {
    let dir = artifacts(&format!("e2e-hang-{mode}"));
    let lib = dir.join("library");
    write_widget_source(
        &lib,
        "sleeper",
        "sleeper-w",
        "customElements.define('sleeper-w', class extends HTMLElement { connectedCallback() { this.textContent = 'sleeper, agent ' + WS.widgetAPI().getConfiguration().user.displayName; } }); window.__hang = () => { setTimeout(() => { for (;;) {} }, 50); return true; };",
    );
    write_widget(&lib, "other", "other-w", "other widget");
    let shared = mode == "shared";
    let health = if shared {
        "#page-health"
    } else {
        "[data-health-for=\"home-sleeper\"]"
    };
    let report = run_scripted(
        &dir,
        &["--library", lib.to_str().unwrap(), "--page", mode],
        json!([
            { "do": "waitReady" },
            { "do": "action", "action": { "type": "createInteraction", "channel": "WEBCHAT", "customerName": "Ana Ruiz" } },
            { "do": "eval", "target": "home-sleeper", "js": "window.__hang()" },
            { "do": "waitFor", "target": "host", "js": format!("!document.querySelector('{health}').hidden && document.querySelector('{health}').textContent"), "timeoutMs": 15000 },
            // The host UI still answers while the widget page is stuck.
            { "do": "click", "selector": "#sidebar [data-view=\"contacts\"]" },
            { "do": "waitFor", "target": "host", "js": "document.body.dataset.view === 'contacts'", "timeoutMs": 3000 },
            { "do": "click", "selector": "#sidebar [data-view=\"home\"]" },
            { "do": "screenshot", "name": "hung" },
            { "do": "click", "selector": format!("{health} button") },
            { "do": "waitFor", "target": "host", "js": format!("document.querySelector('{health}').hidden"), "timeoutMs": 20000 },
            { "do": "waitFor", "target": "home-sleeper", "js": "window.__widgetHostProbe().mounted", "timeoutMs": 20000 },
            { "do": "eval", "target": "home-sleeper", "js": "[window.__widgetHostElement().textContent, WS.widgetAPI().getWorkCardCount()]" },
            { "do": "screenshot", "name": "reloaded" }
        ]),
    );
    let shown = report["steps"][3]["value"].as_str().unwrap();
    assert!(
        shown.contains(if shared {
            "has not answered"
        } else {
            "Not answering"
        }),
        "the frame (or the banner) says so: {shown}"
    );
    assert_eq!(
        report["steps"][11]["value"],
        json!(["sleeper, agent Ana Agent", 1]),
        "the page is back, with the chat replayed"
    );
    let s = summaries(&report);
    let page = if shared { "page" } else { "home-sleeper" };
    assert!(
        s.iter()
            .any(|x| x.contains(&format!("{page} has not answered for"))),
        "{s:?}"
    );
    assert!(
        s.iter()
            .any(|x| x.contains(&format!("{page} answers again"))),
        "{s:?}"
    );
}

/// The workspace is written when it changes, never at exit: a kill -9 while the app exits
/// (right after its last step) loses nothing.
#[test]
fn a_kill_at_exit_loses_nothing() {
    let dir = artifacts("e2e-kill-at-exit");
    let xdg = dir.join("xdg");
    let store = xdg.join("data/dev.widgethost.app/workspace.json");
    for (i, delay_ms) in [0u64, 3, 10, 30].into_iter().enumerate() {
        let width = 1000 + i * 10;
        let script = dir.join(format!("script-{i}.json"));
        let steps = json!([
            { "do": "waitReady" },
            { "do": "resize", "width": width, "height": 700 },
            { "do": "wait", "ms": 900 }
        ]);
        std::fs::write(
            &script,
            json!({ "steps": steps, "timeoutMs": 60000 }).to_string(),
        )
        .unwrap();
        let report = dir.join(format!("report-{i}.json"));
        let mut child = app_command(&dir, &xdg, &[], &script, &report, &format!("kill-{i}"))
            .spawn()
            .unwrap();
        // The report is written just before the app exits: kill it then.
        let mut waited = Duration::ZERO;
        while !report.exists() && waited < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(1));
            waited += Duration::from_millis(1);
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        kill_tree(&child);
        let _ = child.wait();
        let saved: Value = serde_json::from_str(
            &std::fs::read_to_string(&store).expect("the workspace file is there"),
        )
        .expect("and whole");
        assert_eq!(
            saved["window"]["width"],
            json!(width as f64),
            "run {i}, killed {delay_ms} ms after its report"
        );
    }
}
