//! `widget-host-bench`: measures the real app (release build) under its own Xvfb display with
//! generated bench widgets, and writes `bench/report.json` and `bench/report.md`.
//!
//! Each run starts the app afresh in bench mode (`--bench PLAN --report OUT`, see
//! `src-tauri/src/harness/bench.rs`) with 1, 8 or 32 widgets on Home: cold start and memory are
//! read in every run; latency, fan-out, the burst and the call round trip in one longer run per
//! count; a widget's bundle rewritten (hot reload) in one run with one widget on three views.
//! Every run is made in both page modes, shared and isolated, on the same machine and widgets,
//! and the report puts them side by side.
//! The app is this very executable: started with `WIDGET_HOST_BENCH_APP=1` it is `widget-host`.
//! `make bench` also runs the core's criterion benchmark first and folds its figures in.

use clap::Parser;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Measures Widget Host: cold start, delivery latency, fan-out, bursts, calls, memory.
#[derive(Debug, Parser)]
#[command(name = "widget-host-bench")]
struct Args {
    /// Where report.json and report.md go.
    #[arg(long, default_value = "bench")]
    out: PathBuf,
    /// A short run that checks the bench works (few samples, 1 and 2 widgets); its figures mean little.
    #[arg(long)]
    quick: bool,
    /// Cold starts per widget count.
    #[arg(long, default_value_t = 7)]
    starts: usize,
    /// How the app maps widgets to web processes in isolated mode (its `--widget-processes`):
    /// `shared` or `separate`.
    #[arg(long, default_value = "shared", value_name = "HOW")]
    widget_processes: String,
    /// The page modes to measure (the app's `--page`), side by side.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "shared,isolated",
        value_name = "MODES"
    )]
    modes: Vec<String>,
    /// Keep the runs' folders (generated widgets, plans, app logs, raw reports) in the temp dir.
    #[arg(long)]
    keep: bool,
    /// Where criterion wrote the core benchmark (`target/criterion`); read when present.
    #[arg(long)]
    criterion: Option<PathBuf>,
    /// Only the runs of these kinds (and the warm-up), for a quicker look at one figure:
    /// `start`, `latency` (also the burst and the calls), `reload`, `flood`, `hang`. The report
    /// then leaves the other rows empty: write it elsewhere with `--out`.
    #[arg(long, value_delimiter = ',', value_name = "KINDS")]
    only: Vec<String>,
}

/// The kinds of run `--only` picks from: a cold start only, then each a key of the app's plan.
const RUN_KINDS: [&str; 5] = ["start", "latency", "reload", "flood", "hang"];

/// What one app run measures: its widget count and the plan handed to the app.
struct Run {
    widgets: usize,
    plan: Value,
    /// Kept for the figures (the warm-up run is not).
    counted: bool,
    /// One widget on Home, on a sidebar link and on an interaction tab (the reload run).
    three_views: bool,
}

fn main() {
    if std::env::var_os("WIDGET_HOST_BENCH_APP").is_some() {
        widget_host::run();
        return;
    }
    let args = Args::parse();
    if let Err(e) = bench(&args) {
        eprintln!("widget-host-bench: {e}");
        std::process::exit(1);
    }
}

fn bench(args: &Args) -> Result<(), String> {
    let counts: Vec<usize> = if args.quick {
        vec![1, 2]
    } else {
        vec![1, 8, 32]
    };
    let work = std::env::temp_dir().join(format!("widget-host-bench-{}", std::process::id()));
    let library = work.join("library");
    write_library(&library, *counts.iter().max().unwrap_or(&1))?;
    if let Some(k) = args.only.iter().find(|k| !RUN_KINDS.contains(&k.as_str())) {
        return Err(format!(
            "--only: no run kind `{k}`; the kinds are {}",
            RUN_KINDS.join(", ")
        ));
    }
    let runs: Vec<Run> = plan_runs(&counts, args)
        .into_iter()
        .filter(|r| !r.counted || args.only.is_empty() || args.only.iter().any(|k| k == r.kind()))
        .collect();
    let display = widget_host::virtual_display::VirtualDisplay::start()?;
    eprintln!(
        "widget-host-bench: {} runs of the app in each of {} page modes on display :{} (release build: {})",
        runs.len(),
        args.modes.len(),
        display.number,
        !cfg!(debug_assertions)
    );
    let mut by_mode = serde_json::Map::new();
    let mut all_runs = serde_json::Map::new();
    for mode in &args.modes {
        let mut results = Vec::new();
        for (i, run) in runs.iter().enumerate() {
            let t = Instant::now();
            let r = run_app(
                &work.join(format!("{mode}-run-{i}")),
                &library,
                run,
                display.number,
                &args.widget_processes,
                mode,
            )
            .map_err(|e| format!("{e}\n  (the runs' files are kept in {})", work.display()))?;
            let ready = r["startMs"].as_f64().unwrap_or(f64::NAN);
            let pss = r["results"]["memory"]["totalPssKb"]
                .as_f64()
                .unwrap_or(f64::NAN)
                / 1024.0;
            eprintln!(
                "  {mode} [{}/{}] {} widget(s){}: ready in {:.0} ms, {:.0} MB PSS, run took {:.1} s",
                i + 1,
                runs.len(),
                run.widgets,
                if run.counted {
                    ""
                } else {
                    " (warm-up, not counted)"
                },
                ready,
                pss,
                t.elapsed().as_secs_f64()
            );
            if run.counted {
                results.push(r);
            }
        }
        let criterion = args.criterion.clone().or_else(default_criterion_dir);
        let mut summary = summarise(&results, &counts, criterion.as_deref(), args.quick);
        summary["widgetProcesses"] = json!(args.widget_processes);
        by_mode.insert(mode.clone(), summary);
        all_runs.insert(mode.clone(), Value::Array(results));
    }
    drop(display);
    if args.keep {
        eprintln!(
            "widget-host-bench: the runs' files are in {}",
            work.display()
        );
    } else {
        let _ = std::fs::remove_dir_all(&work);
    }
    let report = json!({ "quick": args.quick, "modes": by_mode, "machine": machine() });
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let json_file = args.out.join("report.json");
    let md_file = args.out.join("report.md");
    let mut full = report.clone();
    full["runs"] = Value::Object(all_runs);
    std::fs::write(
        &json_file,
        serde_json::to_string_pretty(&full).unwrap_or_default(),
    )
    .map_err(|e| format!("{}: {e}", json_file.display()))?;
    let md = markdown(&report);
    std::fs::write(&md_file, &md).map_err(|e| format!("{}: {e}", md_file.display()))?;
    println!("{md}");
    eprintln!(
        "widget-host-bench: wrote {} and {}",
        json_file.display(),
        md_file.display()
    );
    Ok(())
}

impl Run {
    /// Its kind, for `--only`: what its plan measures beyond a cold start.
    fn kind(&self) -> &'static str {
        RUN_KINDS[1..]
            .iter()
            .copied()
            .find(|k| self.plan.get(k).is_some())
            .unwrap_or("start")
    }
}

fn plan_runs(counts: &[usize], args: &Args) -> Vec<Run> {
    let q = args.quick;
    let mut runs = vec![Run {
        widgets: counts[0],
        plan: json!({ "widgets": counts[0], "settleMs": 500 }),
        counted: false,
        three_views: false,
    }];
    // Hot reload: one widget with three instances, its bundle written again.
    runs.push(Run {
        widgets: 3,
        plan: json!({ "widgets": 3, "settleMs": 300, "reload": { "repeats": if q { 3 } else { 15 } } }),
        counted: true,
        three_views: true,
    });
    for &n in counts {
        // The longer run: delivery to every widget one event at a time; with one widget also the
        // burst and the calls.
        let (samples, gap) = match n {
            1 => (if q { 50 } else { 1000 }, 3),
            n if n <= 8 => (if q { 30 } else { 500 }, 15),
            _ => (if q { 20 } else { 300 }, 30),
        };
        // With several widgets in one web process, answering each event would delay the
        // delivery to the widgets after them: they keep their times and send them at the end.
        let answers = if n == 1 { "each" } else { "end" };
        let mut plan = json!({ "widgets": n, "latency": { "samples": samples, "gapMs": gap, "answers": answers } });
        if n == counts[0] {
            plan["burst"] = json!({ "events": if q { 1000 } else { 10_000 }, "repeats": if q { 1 } else { 5 } });
            plan["calls"] = json!({ "count": if q { 100 } else { 1000 } });
        }
        runs.push(Run {
            widgets: n,
            plan,
            counted: true,
            three_views: false,
        });
        let starts = if q {
            1
        } else if n >= 32 {
            args.starts.clamp(1, 5)
        } else {
            args.starts.max(1)
        };
        if n == counts[1.min(counts.len() - 1)] && n >= 2 {
            // A widget floods the host (10,000 calls a second); the host UI and another widget
            // are probed meanwhile.
            runs.push(Run {
                widgets: n,
                plan: json!({ "widgets": n, "flood": { "seconds": if q { 2 } else { 10 }, "rate": 10_000, "probeGapMs": 50, "afterMs": if q { 2000 } else { 10_000 } }, "timeoutMs": 300_000 }),
                counted: true,
                three_views: false,
            });
        }
        if n == counts[1.min(counts.len() - 1)] && n >= 2 {
            // A widget hangs its page; the host UI is probed until the host reports it.
            runs.push(Run {
                widgets: n,
                plan: json!({ "widgets": n, "hang": { "probeGapMs": 50, "noticeWithinMs": 15_000 }, "timeoutMs": 120_000 }),
                counted: true,
                three_views: false,
            });
        }
        for _ in 1..starts {
            runs.push(Run {
                widgets: n,
                plan: json!({ "widgets": n }),
                counted: true,
                three_views: false,
            });
        }
    }
    runs
}

/// Bench widgets: plain JS web components with a closed shadow root that count what they get
/// and answer through the Widget API (see `src-tauri/src/bench.rs`).
const WIDGET_JS: &str = r#"(() => {
  const SINK = 'bench-sink';
  const now = () => performance.timeOrigin + performance.now();
  customElements.define('__TAG__', class extends HTMLElement {
    constructor() {
      super();
      const root = this.attachShadow({ mode: 'closed' });
      root.innerHTML = '<style>:host{display:block;font:13px sans-serif;padding:6px}</style><b>__TAG__</b> <span>0</span> events';
      this.counter = root.querySelector('span');
      this.seen = 0;
    }
    connectedCallback() {
      const api = window.WS.widgetAPI();
      const answer = (m) => api.sendMessage(m, SINK).catch((e) => console.error('bench answer refused', e));
      let next = 0, count = 0, inOrder = true, firstAt = null, received = [];
      api.onDataEvent('onMessageEvent', (p) => {
        const at = now();
        this.seen++;
        if (!p || typeof p !== 'object') return;
        if (p.bench === 'lat') {
          if (p.answer === 'now') answer({ bench: 'ack', seq: p.seq, receivedAt: at });
          else received[p.seq] = at;
        } else if (p.bench === 'report') {
          answer({ bench: 'received', at: received });
          received = [];
        } else if (p.bench === 'burst') {
          if (p.seq === 0) { next = 0; count = 0; inOrder = true; firstAt = at; }
          if (p.seq !== next) inOrder = false;
          next = p.seq + 1;
          count++;
          if (p.seq === p.n - 1) answer({ bench: 'burstDone', count, inOrder, firstAt, lastAt: at });
        } else if (p.bench === 'calls') {
          this.calls(api, p.n);
        } else if (p.bench === 'flood') {
          this.flood(api, p.seconds, p.rate);
        } else if (p.bench === 'hang') {
          // A widget's bug: a loop that never ends. Only a reload of its page stops it.
          for (;;) { /* hung */ }
        }
        // Show the count once a frame, as a widget that renders what it receives would.
        if (!this.frame) this.frame = requestAnimationFrame(() => { this.frame = 0; this.counter.textContent = String(this.seen); });
      });
      answer({ bench: 'ready', at: now() });
    }
    // Calls the host as fast as asked, un-awaited, straight through the IPC as a buggy or
    // hostile bundle would; then, once the answers settled, reports what came back.
    async flood(api, seconds, rate) {
      const T = window.__TAURI_INTERNALS__;
      const s = { sent: 0, answered: 0, refused: 0, failed: 0 };
      const start = Date.now(), until = start + seconds * 1000;
      await new Promise((done) => {
        const tick = () => {
          const target = Math.floor((Date.now() - start) * rate / 1000);
          while (s.sent < target) {
            T.invoke('widget_call', { method: 'sendMessageToAnyWidget', args: [{ flood: s.sent }], interaction: null })
              .then(() => { s.answered++; }, (e) => { if (e && e.code === 'rate_limited') s.refused++; else s.failed++; });
            s.sent++;
          }
          if (Date.now() < until) setTimeout(tick, 1); else done();
        };
        tick();
      });
      const settled = Date.now() + 30000;
      while (s.answered + s.refused + s.failed < s.sent - 10 && Date.now() < settled) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 1500));
      api.sendMessage({ bench: 'floodDone', ...s, settledAfterMs: Date.now() - until }, SINK);
    }
    async calls(api, n) {
      const page = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await api.sendMessage({ bench: 'call', i }, SINK);
        page.push(performance.now() - t);
      }
      api.sendMessage({ bench: 'callsDone', page }, SINK);
    }
  });
})();
"#;

fn write_library(dir: &Path, widgets: usize) -> Result<(), String> {
    for i in 1..=widgets {
        let id = format!("bench-{i:02}");
        let folder = dir.join(&id);
        std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        let tag = format!("bench-widget-{i:02}");
        std::fs::write(
            folder.join(format!("{id}.js")),
            WIDGET_JS.replace("__TAG__", &tag),
        )
        .map_err(|e| e.to_string())?;
        let manifest = json!({
            "name": format!("Bench {i}"), "description": "Counts events and answers each through the Widget API",
            "version": "1.0.0", "element": format!("<{tag}></{tag}>"), "icon": "neo-icon-report",
            "files": [format!("{id}/{id}.js")]
        });
        std::fs::write(folder.join(format!("{id}.json")), manifest.to_string())
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn layout_file(dir: &Path, widgets: usize, three_views: bool) -> Result<PathBuf, String> {
    let file = dir.join("layout.json");
    let layout = if three_views {
        json!({ "home": ["bench-01"], "links": [{ "id": "more", "name": "More", "widgets": ["bench-01"] }],
                "interactionTabs": [{ "id": "details", "name": "Details", "widgets": ["bench-01"] }] })
    } else {
        let home: Vec<String> = (1..=widgets).map(|i| format!("bench-{i:02}")).collect();
        json!({ "home": home, "links": [], "interactionTabs": [] })
    };
    std::fs::write(&file, layout.to_string()).map_err(|e| e.to_string())?;
    Ok(file)
}

/// One run of the app; the report it wrote, with `startMs` (spawn to all widgets ready) added.
fn run_app(
    dir: &Path,
    library: &Path,
    run: &Run,
    display: u32,
    widget_processes: &str,
    mode: &str,
) -> Result<Value, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let plan_file = dir.join("plan.json");
    std::fs::write(&plan_file, run.plan.to_string()).map_err(|e| e.to_string())?;
    let layout = layout_file(dir, run.widgets, run.three_views)?;
    // The reload run rewrites a bundle: it gets a library of its own.
    let own_library;
    let library = if run.three_views {
        own_library = dir.join("library");
        write_library(&own_library, 1)?;
        own_library.as_path()
    } else {
        library
    };
    let report = dir.join("report.json");
    let log = std::fs::File::create(dir.join("app.log")).map_err(|e| e.to_string())?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut cmd = Command::new(exe);
    cmd.env("WIDGET_HOST_BENCH_APP", "1")
        .env("DISPLAY", format!(":{display}"))
        .env_remove("WAYLAND_DISPLAY")
        // A workspace of its own: nothing a previous run saved changes this one.
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("RUST_LOG", "warn")
        .arg("--library")
        .arg(library)
        .arg("--layout")
        .arg(&layout)
        .arg("--widget-processes")
        .arg(widget_processes)
        .arg("--page")
        .arg(mode)
        .arg("--bench")
        .arg(&plan_file)
        .arg("--report")
        .arg(&report)
        .stdout(Stdio::null())
        .stderr(log);
    let spawned_at = epoch_ms(SystemTime::now());
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start the app: {e}"))?;
    let status = wait(&mut child, Duration::from_secs(600))?;
    let text = std::fs::read_to_string(&report).map_err(|e| {
        format!(
            "the app wrote no report ({status}); see {}: {e}",
            dir.join("app.log").display()
        )
    })?;
    let mut v: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", report.display()))?;
    if v["ok"] != json!(true) {
        let tail = std::fs::read_to_string(dir.join("app.log")).unwrap_or_default();
        let tail: Vec<&str> = tail.lines().rev().take(15).collect();
        return Err(format!(
            "run with {} widgets failed: {}\n  app log (last lines):\n    {}",
            run.widgets,
            v["error"],
            tail.into_iter().rev().collect::<Vec<_>>().join("\n    ")
        ));
    }
    v["startMs"] = json!(v["results"]["readyAtEpochMs"].as_f64().unwrap_or(f64::NAN) - spawned_at);
    Ok(v)
}

fn wait(child: &mut Child, limit: Duration) -> Result<std::process::ExitStatus, String> {
    let until = Instant::now() + limit;
    loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            return Ok(s);
        }
        if Instant::now() > until {
            let _ = child.kill();
            return Err(format!(
                "the app did not finish within {} s",
                limit.as_secs()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn epoch_ms(t: SystemTime) -> f64 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}

/// A private X display for the runs; stopped when dropped.
fn default_criterion_dir() -> Option<PathBuf> {
    // target/release/widget-host-bench → target/criterion
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?.join("criterion");
    dir.is_dir().then_some(dir)
}

// ---- figures ------------------------------------------------------------------------------------

/// Median, p99 (nearest rank), min, max and count of samples.
fn stats(samples: &[f64]) -> Value {
    let mut s: Vec<f64> = samples.iter().copied().filter(|x| x.is_finite()).collect();
    if s.is_empty() {
        return Value::Null;
    }
    s.sort_by(|a, b| a.total_cmp(b));
    let rank = |p: f64| s[((p * s.len() as f64).ceil() as usize).clamp(1, s.len()) - 1];
    json!({ "n": s.len(), "median": rank(0.5), "p99": rank(0.99), "min": s[0], "max": s[s.len() - 1] })
}

fn numbers(v: &Value) -> Vec<f64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default()
}

fn runs_with(results: &[Value], widgets: usize) -> impl Iterator<Item = &Value> {
    results
        .iter()
        .filter(move |r| r["results"]["widgets"].as_u64() == Some(widgets as u64))
}

fn summarise(results: &[Value], counts: &[usize], criterion: Option<&Path>, quick: bool) -> Value {
    let mut by_count = serde_json::Map::new();
    let mut pss_median = Vec::new();
    for &n in counts {
        let starts: Vec<f64> = runs_with(results, n)
            .filter_map(|r| r["startMs"].as_f64())
            .collect();
        let pss: Vec<f64> = runs_with(results, n)
            .filter_map(|r| r["results"]["memory"]["totalPssKb"].as_f64())
            .map(|k| k / 1024.0)
            .collect();
        let lat = runs_with(results, n)
            .find(|r| r["results"]["latency"].is_object())
            .map(|r| &r["results"]["latency"]);
        let web_processes = runs_with(results, n)
            .next()
            .map(|r| numbers_named(&r["results"]["memory"]["processes"], "WebKitWebProces"))
            .unwrap_or_default();
        let m = stats(&pss);
        pss_median.push((n, m["median"].as_f64()));
        by_count.insert(
            n.to_string(),
            json!({
                "coldStartMs": stats(&starts),
                "memoryMb": m,
                "webProcesses": web_processes.len(),
                "deliveryRoundTripMs": lat.map(|l| stats(&ms(&numbers(&l["roundTripUs"])))),
                "deliveryOneWayPageClockMs": lat.map(|l| stats(&numbers(&l["oneWayMs"]))),
                "allWidgetsAnsweredMs": lat.map(|l| stats(&ms(&numbers(&l["allAnsweredUs"])))),
                "lastWidgetPageClockMs": lat.map(|l| stats(&numbers(&l["lastWidgetMs"]))),
            }),
        );
    }
    let first = counts[0];
    let full = runs_with(results, first).find(|r| r["results"]["burst"].is_array());
    let bursts = full
        .map(|r| {
            r["results"]["burst"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let burst = json!({
        "events": bursts.first().map(|b| b["events"].clone()),
        "repeats": bursts.len(),
        "lastArrivedMs": stats(&bursts.iter().filter_map(|b| b["lastAnsweredUs"].as_f64()).map(|u| u / 1000.0).collect::<Vec<_>>()),
        "hostSentMs": stats(&bursts.iter().filter_map(|b| b["sentUs"].as_f64()).map(|u| u / 1000.0).collect::<Vec<_>>()),
        "allArrivedInOrder": !bursts.is_empty() && bursts.iter().all(|b| b["inOrder"] == json!(true) && b["received"] == b["events"]),
        "received": bursts.iter().map(|b| b["received"].clone()).collect::<Vec<_>>(),
    });
    let calls = full.map(|r| &r["results"]["calls"]);
    let calls = json!({
        "roundTripMs": calls.map(|c| stats(&ms(&numbers(&c["roundTripUs"])))),
        "pageClockMs": calls.map(|c| stats(&numbers(&c["pageMs"]))),
    });
    // Memory per added widget: the slope between the smallest and the largest count.
    let per_widget = match (pss_median.first(), pss_median.last()) {
        (Some(&(a, Some(ma))), Some(&(b, Some(mb)))) if b > a => Some((mb - ma) / (b - a) as f64),
        _ => None,
    };
    let flood = results.iter().find(|r| r["results"]["flood"].is_object()).map(|r| {
        let f = &r["results"]["flood"];
        let kb = |k: &str| f["memoryKb"][k].as_f64().map(|v| v / 1024.0);
        json!({
            "widgets": r["results"]["widgets"],
            "seconds": f["seconds"],
            "rate": f["rate"],
            "hostClickMs": stats(&numbers(&f["hostClickMs"])),
            "hostClicksUnanswered": f["hostClicksUnanswered"],
            "otherEventMs": stats(&numbers(&f["otherEventMs"])),
            "otherEventsLost": f["otherEventsSent"].as_u64().unwrap_or(0).saturating_sub(f["otherEventMs"].as_array().map(|a| a.len() as u64).unwrap_or(0)),
            "flooder": f["flooder"],
            "memoryMb": { "before": kb("before"), "peak": kb("peak"), "after": kb("after") },
        })
    });
    let hang = results
        .iter()
        .find(|r| r["results"]["hang"].is_object())
        .map(|r| {
            let h = &r["results"]["hang"];
            json!({
                "widgets": r["results"]["widgets"],
                "hostClickMs": stats(&numbers(&h["hostClickMs"])),
                "hostClicksUnanswered": h["hostClicksUnanswered"],
                "noticedMs": h["noticedMs"],
                "reloadedMs": h["reloadedMs"],
            })
        });
    let core = criterion.map(core_figures).unwrap_or(Value::Null);
    let reload = results
        .iter()
        .find(|r| r["results"]["reload"].is_object())
        .map(|r| {
            let rl = &r["results"]["reload"];
            json!({ "instances": rl["instances"].as_array().map(|a| a.len()), "ms": stats(&numbers(&rl["ms"])) })
        });
    json!({
        "reload": reload,
        "flood": flood,
        "hang": hang,
        "quick": quick,
        "machine": machine(),
        "byWidgets": by_count,
        "burst": burst,
        "calls": calls,
        "memoryPerAddedWidgetMb": per_widget,
        "core": core,
    })
}

fn numbers_named(processes: &Value, name: &str) -> Vec<f64> {
    processes
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|p| p["name"].as_str().is_some_and(|n| n.starts_with(name)))
                .filter_map(|p| p["pssKb"].as_f64())
                .collect()
        })
        .unwrap_or_default()
}

fn ms(us: &[f64]) -> Vec<f64> {
    us.iter().map(|u| u / 1000.0).collect()
}

/// The core's criterion figures: per case, the median time per iteration and deliveries per second.
fn core_figures(dir: &Path) -> Value {
    let group = dir.join("core_32_instances");
    let Ok(entries) = std::fs::read_dir(&group) else {
        return Value::Null;
    };
    let mut out = serde_json::Map::new();
    let mut names: Vec<String> = entries
        .flatten()
        .filter(|e| e.path().join("new/estimates.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let read = |f: &str| {
            std::fs::read_to_string(group.join(&name).join("new").join(f))
                .ok()
                .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        };
        let (Some(est), Some(meta)) = (read("estimates.json"), read("benchmark.json")) else {
            continue;
        };
        let ns = est["median"]["point_estimate"].as_f64().unwrap_or(f64::NAN);
        let elements = meta["throughput"]["Elements"].as_f64();
        out.insert(
            name,
            json!({ "medianNsPerIteration": ns, "deliveriesPerIteration": elements, "deliveriesPerSecond": elements.map(|e| e * 1e9 / ns) }),
        );
    }
    Value::Object(out)
}

fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|t| {
        t.lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split(':').nth(1))
            .map(|s| s.trim().to_string())
    });
    let mem_gib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map(|kb| (kb / 1024.0 / 1024.0 * 10.0).round() / 10.0);
    let webkit = Command::new("pkg-config")
        .args(["--modversion", "webkit2gtk-4.1"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines().find(|l| l.starts_with("PRETTY_NAME=")).map(|l| {
                l.trim_start_matches("PRETTY_NAME=")
                    .trim_matches('"')
                    .to_string()
            })
        });
    json!({
        "cpu": cpu,
        "cores": std::thread::available_parallelism().map(|n| n.get()).ok(),
        "memoryGiB": mem_gib,
        "os": os,
        "webkitgtk": webkit,
        "release": !cfg!(debug_assertions),
        "date": Command::new("date").arg("-u").arg("+%Y-%m-%d %H:%M UTC").output().ok().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()),
    })
}

// ---- the markdown table -------------------------------------------------------------------------

fn f(v: &Value, digits: usize) -> String {
    v.as_f64()
        .map(|x| format!("{x:.digits$}"))
        .unwrap_or_else(|| "–".into())
}

fn verdict(ok: Option<bool>) -> &'static str {
    match ok {
        Some(true) => "met",
        Some(false) => "**missed**",
        None => "–",
    }
}

/// The report: one table, the page modes side by side (each with its own targets).
fn markdown(report: &Value) -> String {
    let modes: Vec<(&String, &Value)> = report["modes"]
        .as_object()
        .map(|o| o.iter().collect())
        .unwrap_or_default();
    let tables: Vec<Vec<[String; 5]>> = modes
        .iter()
        .map(|(m, r)| rows(r, m.as_str() == "shared"))
        .collect();
    let m = &report["machine"];
    let mut out = String::new();
    if report["quick"] == json!(true) {
        out.push_str("> Quick run (`--quick`): few samples, 1 and 2 widgets. It checks the bench works; its figures are not the report.\n\n");
    }
    let processes = modes
        .first()
        .and_then(|(_, r)| r["widgetProcesses"].as_str())
        .unwrap_or("shared");
    out.push_str(&format!(
        "Machine: {}, {} cores, {} GiB, {}, WebKitGTK {}, Xvfb (software rendering), {} build, {}. Isolated mode's widget web processes: {}.\n\n",
        m["cpu"].as_str().unwrap_or("?"),
        m["cores"],
        m["memoryGiB"],
        m["os"].as_str().unwrap_or("?"),
        m["webkitgtk"].as_str().unwrap_or("?"),
        if m["release"] == json!(true) { "release" } else { "debug" },
        m["date"].as_str().unwrap_or("?"),
        processes,
    ));
    let mut head = String::from("| measure |");
    let mut rule = String::from("|---|");
    for (mode, _) in &modes {
        head.push_str(&format!(
            " {mode}: median | {mode}: p99 | {mode}: target | |"
        ));
        rule.push_str("---:|---:|---|---|");
    }
    out.push_str(&format!("{head}\n{rule}\n"));
    let n = tables.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..n {
        let name = tables
            .iter()
            .find_map(|t| t.get(i).map(|r| r[0].clone()))
            .unwrap_or_default();
        let mut line = format!("| {name} |");
        for t in &tables {
            match t.get(i) {
                Some(r) => line.push_str(&format!(" {} | {} | {} | {} |", r[1], r[2], r[3], r[4])),
                None => line.push_str(" | | | |"),
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The rows of one mode, with that mode's targets (shared: the one-page targets).
fn rows(r: &Value, shared: bool) -> Vec<[String; 5]> {
    let mut rows: Vec<[String; 5]> = Vec::new();
    let by = &r["byWidgets"];
    let counts: Vec<String> = by
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    let mut counts_sorted: Vec<(usize, String)> = counts
        .iter()
        .map(|c| (c.parse().unwrap_or(0), c.clone()))
        .collect();
    counts_sorted.sort();
    let below = |v: &Value, limit: f64| v.as_f64().map(|x| x < limit);
    for (n, key) in &counts_sorted {
        let s = &by[key]["coldStartMs"];
        let target = match (*n, shared) {
            (8, true) => Some(("< 800 ms", below(&s["median"], 800.0))),
            (32, true) => Some(("< 1200 ms", below(&s["median"], 1200.0))),
            (8, false) => Some(("< 1500 ms", below(&s["median"], 1500.0))),
            _ => None,
        };
        rows.push([
            format!(
                "cold start, {n} widget{} ready (ms)",
                if *n == 1 { "" } else { "s" }
            ),
            f(&s["median"], 0),
            f(&s["p99"], 0),
            target.map(|t| t.0.to_string()).unwrap_or_default(),
            target.map(|t| verdict(t.1).to_string()).unwrap_or_default(),
        ]);
    }
    for (n, key) in &counts_sorted {
        let rt = &by[key]["deliveryRoundTripMs"];
        let ow = &by[key]["deliveryOneWayPageClockMs"];
        let what = if *n == 1 {
            "delivery to 1 widget".to_string()
        } else {
            format!("fan-out of one event to {n} widgets")
        };
        let limit = if shared { 2.0 } else { 5.0 };
        let target = (*n == 8).then(|| {
            (
                if shared { "p99 < 2 ms" } else { "p99 < 5 ms" },
                below(&ow["p99"], limit),
            )
        });
        rows.push([
            format!("{what}: emission → subscriber callback, page clock, each widget (ms, ±1 ms)"),
            f(&ow["median"], 1),
            f(&ow["p99"], 1),
            target.map(|t| t.0.to_string()).unwrap_or_default(),
            target.map(|t| verdict(t.1).to_string()).unwrap_or_default(),
        ]);
        if rt["n"].as_u64().is_some() {
            rows.push([
                format!(
                    "{what}: emission → callback → its answer at the host, timed at the host (ms)"
                ),
                f(&rt["median"], 2),
                f(&rt["p99"], 2),
                String::new(),
                String::new(),
            ]);
        }
        let last = &by[key]["lastWidgetPageClockMs"];
        if last["n"].as_u64().is_some() {
            rows.push([
                format!("{what}: until the last widget's callback, page clock (ms, ±1 ms)"),
                f(&last["median"], 1),
                f(&last["p99"], 1),
                String::new(),
                String::new(),
            ]);
        }
    }
    let b = &r["burst"];
    let in_order = b["allArrivedInOrder"].as_bool();
    rows.push([
        format!("burst of {} events to 1 widget: until the last arrived (ms; median and max of {} repeats)", b["events"], b["repeats"]),
        f(&b["lastArrivedMs"]["median"], 0),
        f(&b["lastArrivedMs"]["max"], 0),
        if shared { "< 200 ms, zero loss" } else { "< 1000 ms, zero loss" }.into(),
        verdict(below(&b["lastArrivedMs"]["median"], if shared { 200.0 } else { 1000.0 }).map(|ok| ok && in_order == Some(true))).into(),
    ]);
    rows.push([
        "burst: all arrived, in order".into(),
        match in_order {
            Some(true) => "yes".into(),
            Some(false) => format!("**no** ({})", b["received"]),
            None => "–".into(),
        },
        String::new(),
        String::new(),
        String::new(),
    ]);
    let c = &r["calls"];
    rows.push([
        "widget → host call round trip, timed at the host (ms)".into(),
        f(&c["roundTripMs"]["median"], 2),
        f(&c["roundTripMs"]["p99"], 2),
        "p99 < 5 ms".into(),
        verdict(below(&c["roundTripMs"]["p99"], 5.0)).into(),
    ]);
    rows.push([
        "widget → host call round trip, page clock (ms, 1 ms resolution)".into(),
        f(&c["pageClockMs"]["median"], 1),
        f(&c["pageClockMs"]["p99"], 1),
        String::new(),
        String::new(),
    ]);
    for (n, key) in &counts_sorted {
        let m = &by[key]["memoryMb"];
        rows.push([
            format!(
                "memory, app + web processes, {n} widget{} (MB PSS)",
                if *n == 1 { "" } else { "s" }
            ),
            f(&m["median"], 0),
            f(&m["max"], 0),
            String::new(),
            String::new(),
        ]);
    }
    let per = &r["memoryPerAddedWidgetMb"];
    rows.push([
        "memory per added widget (MB PSS)".into(),
        f(per, 1),
        String::new(),
        if shared { "< 5 MB" } else { "< 60 MB" }.into(),
        verdict(below(per, if shared { 5.0 } else { 60.0 })).into(),
    ]);
    let rl = &r["reload"];
    rows.push([
        format!(
            "hot reload: bundle written → its {} instances mounted again, state replayed (ms; {} rewrites)",
            rl["instances"], rl["ms"]["n"]
        ),
        f(&rl["ms"]["median"], 0),
        f(&rl["ms"]["p99"], 0),
        "< 300 ms".into(),
        verdict(below(&rl["ms"]["median"], 300.0)).into(),
    ]);
    let fl = &r["flood"];
    if fl.is_object() {
        let what = format!(
            "during a {} calls/s flood from one widget for {} s ({} widgets)",
            fl["rate"], fl["seconds"], fl["widgets"]
        );
        rows.push([
            format!("host UI answers a click {what} (ms)"),
            f(&fl["hostClickMs"]["median"], 1),
            f(&fl["hostClickMs"]["p99"], 1),
            "p99 < 100 ms".into(),
            verdict(
                below(&fl["hostClickMs"]["p99"], 100.0)
                    .map(|ok| ok && fl["hostClicksUnanswered"] == json!(0)),
            )
            .into(),
        ]);
        rows.push([
            format!("another widget's events {what}: emission → callback, page clock (ms)"),
            f(&fl["otherEventMs"]["median"], 1),
            f(&fl["otherEventMs"]["p99"], 1),
            "p99 < 100 ms".into(),
            verdict(
                below(&fl["otherEventMs"]["p99"], 100.0)
                    .map(|ok| ok && fl["otherEventsLost"] == json!(0)),
            )
            .into(),
        ]);
        let m = &fl["memoryMb"];
        rows.push([
            "memory before / peak / after the flood (MB PSS)".into(),
            format!(
                "{} / {} / {}",
                f(&m["before"], 0),
                f(&m["peak"], 0),
                f(&m["after"], 0)
            ),
            String::new(),
            "back near before".into(),
            verdict(
                m["after"]
                    .as_f64()
                    .zip(m["before"].as_f64())
                    .map(|(a, b)| a < b * 1.5 + 50.0),
            )
            .into(),
        ]);
        let fr = &fl["flooder"];
        rows.push([
            "the flooder's calls: sent / answered / refused (rate_limited)".into(),
            format!("{} / {} / {}", fr["sent"], fr["answered"], fr["refused"]),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    let hg = &r["hang"];
    if hg.is_object() {
        rows.push([
            format!(
                "host UI answers a click while a widget hangs its page (`for (;;) {{}}`, {} widgets) (ms)",
                hg["widgets"]
            ),
            f(&hg["hostClickMs"]["median"], 1),
            f(&hg["hostClickMs"]["p99"], 1),
            "p99 < 100 ms".into(),
            verdict(
                below(&hg["hostClickMs"]["p99"], 100.0)
                    .map(|ok| ok && hg["hostClicksUnanswered"] == json!(0)),
            )
            .into(),
        ]);
        rows.push([
            "the hung page reported after (ms, from the event that started the loop)".into(),
            f(&hg["noticedMs"], 0),
            String::new(),
            "< 5000 ms".into(),
            verdict(below(&hg["noticedMs"], 5000.0)).into(),
        ]);
        rows.push([
            "reload of the hung page: until every widget is ready again, state replayed (ms)"
                .into(),
            f(&hg["reloadedMs"], 0),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    if let Some(core) = r["core"].as_object() {
        for (name, v) in core {
            rows.push([
                format!("core, 32 instances, `{name}` (deliveries/s; ns per iteration)"),
                format!(
                    "{} ({} ns)",
                    f(&v["deliveriesPerSecond"], 0),
                    f(&v["medianNsPerIteration"], 0)
                ),
                String::new(),
                "> 1,000,000/s".into(),
                verdict(v["deliveriesPerSecond"].as_f64().map(|d| d > 1e6)).into(),
            ]);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_use_nearest_rank() {
        let s: Vec<f64> = (1..=100).map(f64::from).collect();
        let v = stats(&s);
        assert_eq!(v["median"], json!(50.0));
        assert_eq!(v["p99"], json!(99.0));
        assert_eq!(v["n"], json!(100));
        assert_eq!(stats(&[3.0])["p99"], json!(3.0));
        assert_eq!(stats(&[]), Value::Null);
    }
}
