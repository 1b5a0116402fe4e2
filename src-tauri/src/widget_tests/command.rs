//! The `widget-host test` command: finds the test files, starts a virtual display when there is
//! none, runs each test in a fresh app (its own process with empty data, config and cache
//! folders, so nothing a person did in the window and no earlier test leaks in), prints one
//! line per test and per failure, writes JUnit XML when asked, and leaves nothing running.
//! Exit code 0 when every test passed, 1 otherwise, 2 when there is nothing to run.

use super::junit;
use super::outcome::{Failure, Outcome};
use crate::cli::TestArgs;
use crate::virtual_display::VirtualDisplay;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use widget_host_core::test_file::{self, Step, TestFile};

/// How long a test may take beyond what its steps wait for: the app starting, the widgets
/// loading.
const START_ALLOWANCE: Duration = Duration::from_secs(90);

/// Runs the command; returns the process exit code.
pub fn run(args: TestArgs) -> i32 {
    let files = match collect(&args.tests) {
        Ok(f) if !f.is_empty() => f,
        Ok(_) => {
            eprintln!(
                "widget-host test: no test files (*.test.json) in {}",
                list(&args.tests)
            );
            return 2;
        }
        Err(e) => {
            eprintln!("widget-host test: {e}");
            return 2;
        }
    };
    let display = match needs_display() {
        true => match VirtualDisplay::start() {
            Ok(d) => Some(d),
            Err(e) => {
                eprintln!("widget-host test: {e}");
                return 2;
            }
        },
        false => None,
    };
    let shots = args
        .screenshots
        .clone()
        .unwrap_or_else(|| PathBuf::from("widget-host-screenshots"));
    let started = Instant::now();
    let mut outcomes = Vec::new();
    let total = files.len();
    for (i, file) in files.iter().enumerate() {
        progress(&format!("[{}/{total}] {}", i + 1, file.display()));
        let o = one(
            &args,
            file,
            &shots.join(stem(file)),
            display.as_ref().map(|d| d.name.as_str()),
        );
        progress_done();
        report(&o);
        outcomes.push(o);
    }
    let seconds = started.elapsed().as_secs_f64();
    let failed = outcomes.iter().filter(|o| !o.passed).count();
    println!(
        "{} test{}: {} passed, {failed} failed ({seconds:.1} s)",
        total,
        if total == 1 { "" } else { "s" },
        total - failed
    );
    if let Some(path) = &args.junit {
        if let Err(e) = write_file(path, &junit::xml(&outcomes, seconds)) {
            eprintln!("widget-host test: cannot write {}: {e}", path.display());
            return 1;
        }
    }
    i32::from(failed > 0)
}

fn needs_display() -> bool {
    std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
        && std::env::var_os("WAYLAND_DISPLAY").is_none_or(|d| d.is_empty())
}

/// The test files named: files as they are, folders searched for `*.test.json`, sorted.
fn collect(named: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in named {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found).map_err(|e| format!("{}: {e}", p.display()))?;
            found.sort();
            out.extend(found);
        } else if p.is_file() {
            out.push(p.clone());
        } else {
            return Err(format!("{}: no such file or folder", p.display()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            if name != "node_modules" && !name.starts_with('.') {
                walk(&path, out)?;
            }
        } else if name.ends_with(".test.json") {
            out.push(path);
        }
    }
    Ok(())
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `greet.test.json` → `greet`.
fn stem(file: &Path) -> String {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("test");
    name.strip_suffix(".test.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(name)
        .to_owned()
}

/// Runs one test file in an app of its own.
fn one(args: &TestArgs, file: &Path, shots: &Path, display: Option<&str>) -> Outcome {
    let failed = |message: String, ms: u64| Outcome {
        name: stem(file),
        file: file.to_owned(),
        passed: false,
        ms,
        steps: 0,
        failures: vec![Failure {
            step: None,
            tag: None,
            message,
            screenshot: None,
        }],
    };
    let test = match test_file::load(file) {
        Ok(t) => t,
        Err(e) => {
            let mut o = failed(e.to_string(), 0);
            o.failures[0].step = e.step;
            o.failures[0].tag = e.tag;
            return o;
        }
    };
    let mut libraries = args.libraries.clone();
    let base = file.parent().unwrap_or(Path::new("."));
    libraries.extend(test.libraries.iter().map(|l| base.join(l)));
    if libraries.is_empty() {
        return failed(
            "no widget library: give `--library DIR` or `libraries` in the test file".into(),
            0,
        );
    }
    if let Some(missing) = libraries.iter().find(|l| !l.is_dir()) {
        return failed(
            format!("the widget library {} is not a folder", missing.display()),
            0,
        );
    }
    let scratch = match tempdir() {
        Ok(d) => d,
        Err(e) => return failed(format!("cannot make a scratch folder: {e}"), 0),
    };
    let result = scratch.path.join("result.json");
    let console = scratch.path.join("app.log");
    let started = Instant::now();
    let mut cmd = match std::env::current_exe() {
        Ok(exe) => Command::new(exe),
        Err(e) => return failed(format!("cannot find this program: {e}"), 0),
    };
    cmd.arg("--run-test")
        .arg(file)
        .arg("--test-result")
        .arg(&result)
        .arg("--screenshots")
        .arg(shots);
    for l in &libraries {
        cmd.arg("--library").arg(l);
    }
    if let Some(mode) = args.page {
        cmd.arg("--page").arg(mode.to_string());
    }
    if let Some(d) = display {
        cmd.env("DISPLAY", d);
    }
    for (var, sub) in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ] {
        cmd.env(var, scratch.path.join(sub));
    }
    let log = match std::fs::File::create(&console) {
        Ok(f) => f,
        Err(e) => return failed(format!("{}: {e}", console.display()), 0),
    };
    let err = log
        .try_clone()
        .map(Stdio::from)
        .unwrap_or_else(|_| Stdio::null());
    let mut child = match cmd.stdin(Stdio::null()).stdout(log).stderr(err).spawn() {
        Ok(c) => c,
        Err(e) => return failed(format!("cannot start the app: {e}"), 0),
    };
    let limit = START_ALLOWANCE + budget(&test);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(_) => break None,
        }
    };
    let ms = started.elapsed().as_millis() as u64;
    let read = std::fs::read_to_string(&result)
        .ok()
        .and_then(|t| serde_json::from_str::<Outcome>(&t).ok());
    match (read, status) {
        (Some(mut o), _) => {
            // The whole run, the app's start included.
            o.file = file.to_owned();
            o.ms = ms;
            o
        }
        (None, None) => failed(
            format!(
                "the test did not finish within {} s and was stopped{}",
                limit.as_secs(),
                tail(&console)
            ),
            ms,
        ),
        (None, Some(status)) => failed(
            format!(
                "the app ended ({status}) without a result{}",
                tail(&console)
            ),
            ms,
        ),
    }
}

/// What the steps themselves may wait for.
fn budget(test: &TestFile) -> Duration {
    let within = test.within_ms.unwrap_or(test_file::DEFAULT_WITHIN_MS);
    let ms: u64 = test
        .steps
        .iter()
        .map(|s| match s {
            Step::Wait { ms } => *ms,
            Step::ExpectNoCall { for_ms, .. } | Step::ExpectNoEvent { for_ms, .. } => *for_ms,
            Step::ExpectCall { within: w, .. }
            | Step::ExpectEvent { within: w, .. }
            | Step::ExpectText { within: w, .. } => w.unwrap_or(within),
            // Each step evaluates in the pages, which may each take up to 5 s to answer.
            _ => 5_000,
        })
        .sum();
    Duration::from_millis(ms)
}

/// The last lines the app wrote, for a test that ended without a result.
fn tail(console: &Path) -> String {
    let text = std::fs::read_to_string(console).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return String::new();
    }
    let from = lines.len().saturating_sub(15);
    format!("; the app's last lines:\n{}", lines[from..].join("\n"))
}

fn report(o: &Outcome) {
    let secs = o.ms as f64 / 1000.0;
    if o.passed {
        println!("ok    {} ({}, {secs:.1} s)", o.name, o.file.display());
        return;
    }
    println!("FAIL  {} ({}, {secs:.1} s)", o.name, o.file.display());
    for f in &o.failures {
        println!("      {}", f.line().replace('\n', "\n      "));
        if let Some(s) = &f.screenshot {
            println!("      screenshot: {}", s.display());
        }
    }
}

/// The progress line: rewritten in place on a terminal, a line of its own in a CI log.
fn progress(text: &str) {
    let mut err = std::io::stderr();
    if err.is_terminal() {
        let _ = write!(err, "\r\x1b[2K{text} …");
    } else {
        let _ = writeln!(err, "{text} …");
    }
    let _ = err.flush();
}

fn progress_done() {
    let mut err = std::io::stderr();
    if err.is_terminal() {
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

fn write_file(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

/// A scratch folder, removed on drop.
struct Scratch {
    path: PathBuf,
}

fn tempdir() -> std::io::Result<Scratch> {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let path = std::env::temp_dir().join(format!(
        "widget-host-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&path)?;
    Ok(Scratch { path })
}

impl Drop for Scratch {
    /// The app's web processes may still be closing their cache files when it has exited:
    /// removal is tried again for a while, and a folder that stays is said.
    fn drop(&mut self) {
        let mut last = None;
        for _ in 0..30 {
            match std::fs::remove_dir_all(&self.path) {
                Ok(()) => return,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
                Err(e) => last = Some(e),
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        if let Some(e) = last {
            eprintln!(
                "widget-host: the scratch folder {} could not be removed: {e}",
                self.path.display()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_give_their_test_files_sorted_and_names_lose_the_suffix() {
        let dir = std::env::temp_dir().join(format!("wh-collect-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::create_dir_all(dir.join("node_modules")).unwrap();
        for f in [
            "b.test.json",
            "a.test.json",
            "notes.json",
            "sub/c.test.json",
            "node_modules/x.test.json",
        ] {
            std::fs::write(dir.join(f), "{}").unwrap();
        }
        let found = collect(std::slice::from_ref(&dir)).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.test.json", "b.test.json", "sub/c.test.json"]);
        assert_eq!(stem(&found[0]), "a");
        assert!(collect(&[dir.join("missing")])
            .unwrap_err()
            .contains("no such file"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
