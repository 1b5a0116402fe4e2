//! `widget-host test`: widget repositories test their widgets end to end, in CI or at a desk.
//! `command` is the command a person runs: it finds the test files, starts a virtual display
//! when there is none, runs each test in a fresh app of its own (`run`, inside that app),
//! prints one line per test and per failure, and writes JUnit XML (`junit`).

pub mod command;
mod junit;
pub mod outcome;
pub mod run;
mod sought;
