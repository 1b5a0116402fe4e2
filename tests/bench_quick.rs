//! The bench's quick run, end to end (built with the `bench` feature, as `make test` does).

mod common;

use common::*;
use serde_json::{json, Value};

/// The bench's quick run works end to end (its figures are not checked: it is not a timed test):
/// every run reports, each burst arrives whole and in order, and the report names every measure.
#[test]
fn bench_quick_run_measures_every_figure() {
    let out = artifacts("bench-quick");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_widget-host-bench"))
        .args(["--quick", "--out"])
        .arg(&out)
        .status()
        .expect("widget-host-bench starts");
    assert!(
        status.success(),
        "widget-host-bench --quick failed: {status}"
    );
    let full: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    for mode in ["shared", "isolated"] {
        let report = &full["modes"][mode];
        assert!(report.is_object(), "no {mode} column: {full}");
        assert_eq!(
            report["burst"]["allArrivedInOrder"],
            json!(true),
            "{mode}: {}",
            report["burst"]
        );
        for n in ["1", "2"] {
            let by = &report["byWidgets"][n];
            assert!(
                by["coldStartMs"]["median"].as_f64().unwrap() > 0.0,
                "{mode}: {by}"
            );
            assert!(
                by["memoryMb"]["median"].as_f64().unwrap() > 10.0,
                "{mode}: {by}"
            );
            assert!(
                by["deliveryOneWayPageClockMs"]["n"].as_u64().unwrap() >= 20,
                "{mode}: {by}"
            );
        }
        assert!(
            report["byWidgets"]["1"]["deliveryRoundTripMs"]["n"]
                .as_u64()
                .unwrap()
                >= 20,
            "{mode}: one widget answers each event"
        );
        assert_eq!(
            report["byWidgets"]["2"]["lastWidgetPageClockMs"]["n"],
            json!(30),
            "{mode}: two widgets report every event's time"
        );
        assert_eq!(
            report["calls"]["roundTripMs"]["n"],
            json!(99),
            "{mode}: 100 sequential calls give 99 round trips"
        );
        let flood = &report["flood"];
        assert!(
            flood["hostClickMs"]["n"].as_u64().unwrap() > 10,
            "{mode}: the host UI was probed during the flood: {flood}"
        );
        assert!(
            flood["otherEventMs"]["n"].as_u64().unwrap() > 10,
            "{mode}: {flood}"
        );
        assert!(
            flood["flooder"]["refused"].as_u64().unwrap() > 0,
            "{mode}: the flood was refused in part: {flood}"
        );
        let reload = &report["reload"];
        assert_eq!(reload["instances"], json!(3), "{mode}: {reload}");
        assert_eq!(
            reload["ms"]["n"],
            json!(3),
            "{mode}: every rewrite reloaded: {reload}"
        );
    }
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    for row in [
        "cold start, 2 widgets",
        "fan-out of one event to 2 widgets",
        "burst of 1000 events",
        "call round trip",
        "memory per added widget",
        "host UI answers a click during a",
        "hot reload: bundle written",
        "shared: median",
        "isolated: median",
    ] {
        assert!(md.contains(row), "report.md lacks `{row}`:\n{md}");
    }
}
