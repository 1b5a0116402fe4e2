//! Memory and CPU time of a process tree, from `/proc`: what the bench reports.

use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Proportional set size of this process and every process under it (WebKit's web and network
/// processes), from `/proc/<pid>/smaps_rollup`.
pub fn memory(root: u32) -> Value {
    let mut children: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for e in dir.flatten() {
            let Some(pid) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            if let Some(ppid) = parent_of(pid) {
                children.entry(ppid).or_default().push(pid);
            }
        }
    }
    let mut todo = vec![root];
    let mut processes = Vec::new();
    let mut total_kb = 0u64;
    while let Some(pid) = todo.pop() {
        if let Some(kids) = children.get(&pid) {
            todo.extend(kids);
        }
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .unwrap_or_default()
            .trim()
            .to_string();
        let pss = pss_kb(pid);
        total_kb += pss.unwrap_or(0);
        processes.push(json!({ "pid": pid, "name": name, "pssKb": pss }));
    }
    json!({ "totalPssKb": total_kb, "processes": processes })
}

/// CPU time (user + system, ms) of this process tree by pid, with names.
pub fn cpu_ms(root: u32) -> BTreeMap<u32, (String, f64)> {
    let mut out = BTreeMap::new();
    for p in memory(root)["processes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let pid = p["pid"].as_u64().unwrap_or(0) as u32;
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let Some(rest) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
            continue;
        };
        let f: Vec<&str> = rest.split_whitespace().collect();
        // utime and stime are fields 14 and 15 of stat; `rest` starts at field 3.
        let ticks: f64 = f.get(11).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0)
            + f.get(12).and_then(|x| x.parse::<f64>().ok()).unwrap_or(0.0);
        out.insert(
            pid,
            (p["name"].as_str().unwrap_or("").to_string(), ticks * 10.0),
        );
    }
    out
}

/// CPU time each process spent between two readings.
pub fn cpu_spent(
    before: &BTreeMap<u32, (String, f64)>,
    after: &BTreeMap<u32, (String, f64)>,
) -> Value {
    Value::Array(
        after
            .iter()
            .map(|(pid, (name, ms))| json!({ "pid": pid, "name": name, "ms": ms - before.get(pid).map(|b| b.1).unwrap_or(0.0) }))
            .collect(),
    )
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The name is in parentheses and may hold spaces: the fields after the last `)`.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

fn pss_kb(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    let line = text.lines().find(|l| l.starts_with("Pss:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_of_this_process_is_found_and_positive() {
        let m = memory(std::process::id());
        assert!(m["totalPssKb"].as_u64().unwrap() > 100, "{m}");
        assert_eq!(m["processes"][0]["pid"], json!(std::process::id()));
    }
}
