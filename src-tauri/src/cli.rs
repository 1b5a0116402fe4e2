//! The command line: `widget-host [--library DIR]... [--layout FILE] [--page MODE]`,
//! `widget-host test ...`, and the flags `widget-host test` and the test and bench harness use
//! (hidden from `--help`).

use clap::Parser;
use std::path::PathBuf;

/// Widget Host: a mini Avaya Workspaces to develop widgets on your own machine.
#[derive(Debug, Clone, Parser, Default)]
#[command(name = "widget-host", version, about)]
pub struct Cli {
    /// A widget library folder (manifests + bundles); repeat for several. Default: the folders
    /// opened last, else the bundled demo library.
    #[arg(long = "library", value_name = "DIR")]
    pub libraries: Vec<PathBuf>,
    /// Import a layout (which widgets go on Home and under which sidebar link) from JSON.
    #[arg(long, value_name = "FILE")]
    pub layout: Option<PathBuf>,
    /// Widget webviews share one WebKit web process (`shared`: widgets share one page in
    /// Workspaces too, and each added widget costs far less memory) or get one each
    /// (`separate`: a widget that hangs or crashes takes no other down).
    #[arg(long, value_enum, default_value_t, value_name = "HOW")]
    pub widget_processes: WidgetProcesses,
    /// Where widgets run: all in one shared page (`shared`, as in Workspaces: one document,
    /// one JavaScript realm, and clashes between bundles reported) or each instance in a page
    /// of its own (`isolated`, to debug one widget alone). Default: the mode chosen last in the
    /// window, else `shared`.
    #[arg(long = "page", value_enum, value_name = "MODE")]
    pub page: Option<PageMode>,
    /// A command instead of the window (`widget-host test ...`).
    #[command(subcommand)]
    pub command: Option<Command>,
    /// One widget test in this app (what `widget-host test` starts for each test file).
    #[arg(long, value_name = "FILE", requires = "test_result", hide = true)]
    pub run_test: Option<PathBuf>,
    /// Where `--run-test` writes its outcome.
    #[arg(long, value_name = "FILE", hide = true)]
    pub test_result: Option<PathBuf>,
    /// Scripted mode: run the steps of FILE against the real window, write a JSON report, exit.
    #[arg(long, value_name = "FILE", requires = "report", hide = true)]
    pub scenario: Option<PathBuf>,
    /// Bench mode: measure the app on a library of bench widgets as FILE plans, write a JSON
    /// report, exit (`widget-host-bench` runs it).
    #[cfg(feature = "bench")]
    #[arg(
        long,
        value_name = "FILE",
        requires = "report",
        conflicts_with = "scenario",
        hide = true
    )]
    pub bench: Option<PathBuf>,
    /// Where scripted or bench mode writes its report.
    #[arg(long, value_name = "FILE", hide = true)]
    pub report: Option<PathBuf>,
    /// Where scripted mode and `--run-test` save screenshots (default: beside the report or
    /// result).
    #[arg(long, value_name = "DIR", hide = true)]
    pub screenshots: Option<PathBuf>,
}

/// Commands.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Run widget tests (`*.test.json`) headless against the real app, each in a fresh state;
    /// exits 0 when every test passes, 1 otherwise.
    Test(TestArgs),
}

/// `widget-host test [--library DIR]... [--page MODE] [--junit FILE] [--screenshots DIR] TESTS...`
#[derive(Debug, Clone, clap::Args)]
pub struct TestArgs {
    /// A widget library folder the tests run on (repeat for several); added to the `libraries`
    /// a test file names.
    #[arg(long = "library", value_name = "DIR")]
    pub libraries: Vec<PathBuf>,
    /// Where widgets run (default `shared`, as in Workspaces).
    #[arg(long = "page", value_enum, value_name = "MODE")]
    pub page: Option<PageMode>,
    /// Also write the results as JUnit XML to FILE.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Where screenshots of failures go, one folder per test (default:
    /// `widget-host-screenshots`).
    #[arg(long, value_name = "DIR")]
    pub screenshots: Option<PathBuf>,
    /// Test files, or folders searched for `*.test.json`.
    #[arg(required = true, value_name = "TESTS")]
    pub tests: Vec<PathBuf>,
}

/// How widget webviews map to WebKit web processes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum WidgetProcesses {
    /// One web process for every widget (the host UI keeps its own).
    #[default]
    Shared,
    /// One web process per widget.
    Separate,
}

/// Where widget instances run.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Default,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum PageMode {
    /// Every instance of every view in one page: one document, one realm, as in Workspaces.
    #[default]
    Shared,
    /// One page (webview and origin) per instance.
    Isolated,
}

impl std::fmt::Display for PageMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PageMode::Shared => "shared",
            PageMode::Isolated => "isolated",
        })
    }
}
