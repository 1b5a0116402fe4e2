//! The test and bench harness: scripted mode (the end-to-end tests drive the real window with
//! it) and, with the `bench` feature, bench mode. A harness run adds its probe to widget pages
//! and its hooks to the app, both fixed when the app is built; the app without a harness has
//! neither.

#[cfg(feature = "bench")]
pub mod bench;
#[cfg(feature = "bench")]
mod procfs;
pub mod scripted;

use crate::cli::Cli;
use crate::hooks::Hooks;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{AppHandle, Runtime};

/// The probe injected into widget pages in harness runs, before the Widget API runtime.
pub const PROBE_JS: &str = include_str!("../../../ui/harness/probe.js");

/// A harness run asked for on the command line.
pub enum Harness {
    /// Scripted mode.
    Scripted {
        /// The steps.
        script: scripted::Script,
        /// Where the report goes.
        report: PathBuf,
        /// Where screenshots go.
        shots: PathBuf,
        /// What the run sees from inside the app.
        seen: Arc<scripted::Seen>,
    },
    /// Bench mode.
    #[cfg(feature = "bench")]
    Bench {
        /// What to measure.
        plan: bench::Plan,
        /// Where the report goes.
        report: PathBuf,
        /// The calls the tap sees.
        calls: std::sync::Mutex<std::sync::mpsc::Receiver<bench::SeenCall>>,
        /// The tap.
        tap: Arc<bench::CallTap>,
    },
}

/// The harness run the command line asks for, if any; a file that cannot be used is an error
/// naming it.
pub fn from_cli(cli: &Cli) -> Result<Option<Harness>, String> {
    #[cfg(feature = "bench")]
    if let (Some(file), Some(report)) = (&cli.bench, &cli.report) {
        let plan = bench::load(file)?;
        let (tap, calls) = bench::CallTap::new();
        return Ok(Some(Harness::Bench {
            plan,
            report: report.clone(),
            calls: std::sync::Mutex::new(calls),
            tap: Arc::new(tap),
        }));
    }
    if let (Some(file), Some(report)) = (&cli.scenario, &cli.report) {
        let script = scripted::load(file)?;
        let shots = cli.screenshots.clone().unwrap_or_else(|| {
            report
                .parent()
                .map(|p| p.join("screenshots"))
                .unwrap_or_default()
        });
        return Ok(Some(Harness::Scripted {
            script,
            report: report.clone(),
            shots,
            seen: Arc::new(scripted::Seen::default()),
        }));
    }
    Ok(None)
}

impl Harness {
    /// What the run observes.
    pub fn hooks(&self) -> Arc<dyn Hooks> {
        match self {
            Harness::Scripted { seen, .. } => seen.clone(),
            #[cfg(feature = "bench")]
            Harness::Bench { tap, .. } => tap.clone(),
        }
    }

    /// Scripts added to widget pages before the runtime.
    pub fn page_scripts(&self) -> Vec<String> {
        match self {
            Harness::Scripted { .. } => vec![PROBE_JS.to_string()],
            #[cfg(feature = "bench")]
            Harness::Bench { .. } => Vec::new(),
        }
    }

    /// Starts the run on a worker thread; it writes its report and exits the app.
    pub fn start<R: Runtime>(self, app: AppHandle<R>) {
        match self {
            Harness::Scripted {
                script,
                report,
                shots,
                seen,
            } => scripted::spawn(app, script, report, shots, seen),
            #[cfg(feature = "bench")]
            Harness::Bench {
                plan,
                report,
                calls,
                tap,
            } => {
                let calls = calls.into_inner().unwrap_or_else(|p| p.into_inner());
                bench::spawn(app, plan, calls, tap, report)
            }
        }
    }
}
