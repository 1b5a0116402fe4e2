//! What one test run found, as the app running it writes it and `widget-host test` reads it.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The outcome of one test file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// The test's name.
    pub name: String,
    /// Its file.
    pub file: PathBuf,
    /// Every step ran and every expectation held.
    pub passed: bool,
    /// How long it took, in milliseconds.
    pub ms: u64,
    /// Its steps.
    pub steps: usize,
    /// What failed, in order.
    pub failures: Vec<Failure>,
}

/// A failed step or expectation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// The step (1-based); none when the test could not start or its file is wrong.
    pub step: Option<usize>,
    /// The step's `do`.
    pub tag: Option<String>,
    /// What went wrong.
    pub message: String,
    /// The window at that moment.
    pub screenshot: Option<PathBuf>,
}

impl Failure {
    /// `step 4 (expectCall): message`, or the message alone.
    pub fn line(&self) -> String {
        match (self.step, &self.tag) {
            (Some(n), Some(t)) => format!("step {n} ({t}): {}", self.message),
            (Some(n), None) => format!("step {n}: {}", self.message),
            _ => self.message.clone(),
        }
    }
}
