//! The clashes between bundles the shared page found (see `widget_host_core::clash`): each
//! once, in the order found, shown in the problems area and logged with both widgets' names.
//! The list starts over when the shared page loads again (it finds them again).

use crate::locks::lock;
use crate::log::{Kind, Level, Row};
use crate::wire::Clash as Shown;
use crate::workspace::Loaded;
use std::sync::Mutex;
use widget_host_core::clash::{self, Clash};
use widget_host_core::library::BundleSource;

/// The clashes found (see the module header).
#[derive(Default)]
pub struct Clashes(Mutex<Vec<Shown>>);

impl Clashes {
    /// Adds what is new; the log rows to write for it (none when all were known).
    pub fn add(&self, found: Vec<Clash>) -> Vec<Row> {
        let mut all = lock(&self.0);
        let mut rows = Vec::new();
        for c in found {
            if all
                .iter()
                .any(|s| s.kind == c.kind && s.subject == c.subject && s.widgets == c.widgets)
            {
                continue;
            }
            let shown = Shown {
                kind: c.kind,
                subject: c.subject.clone(),
                widgets: c.widgets.clone(),
                message: c.message(),
                fix: c.fix(),
            };
            rows.push(Row {
                kind: Kind::Widget,
                instance: None,
                name: Some("clash".into()),
                detail: serde_json::json!({ "widgets": c.widgets, "fix": shown.fix }),
                ..Row::host(Level::Warn, format!("clash: {}", shown.message))
            });
            all.push(shown);
        }
        rows
    }

    /// Every clash found so far.
    pub fn all(&self) -> Vec<Shown> {
        lock(&self.0).clone()
    }

    /// Forgets them (the shared page loads again, or the mode changed).
    pub fn clear(&self) {
        lock(&self.0).clear();
    }
}

/// Framework runtimes bundled by more than one widget of the shared page, found in their
/// library files' text (bundles from a dev server are not read).
pub fn runtimes(widgets: &[Loaded]) -> Vec<Clash> {
    let found: Vec<(String, Vec<&'static str>)> = widgets
        .iter()
        .map(|l| {
            let mut in_it = Vec::new();
            if let BundleSource::Library { files } = &l.widget.source {
                for f in files {
                    let Ok(path) = f.resolve(&l.root) else {
                        continue;
                    };
                    let small = std::fs::metadata(&path).is_ok_and(|m| m.len() <= BUNDLE_READ_MAX);
                    if let (true, Ok(bytes)) = (small, std::fs::read(&path)) {
                        for r in clash::runtimes_in(&String::from_utf8_lossy(&bytes)) {
                            if !in_it.contains(&r) {
                                in_it.push(r);
                            }
                        }
                    }
                }
            }
            (l.widget.id.clone(), in_it)
        })
        .collect();
    clash::runtime_clashes(&found)
}

/// Bundle files larger than this are not read for runtimes.
const BUNDLE_READ_MAX: u64 = 64 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;
    use widget_host_core::clash::ClashKind;

    #[test]
    fn each_clash_is_logged_once() {
        let c = Clashes::default();
        let clash = Clash {
            kind: ClashKind::Element,
            subject: "x-card".into(),
            widgets: vec!["a".into(), "b".into()],
        };
        assert_eq!(c.add(vec![clash.clone()]).len(), 1);
        assert!(c.add(vec![clash]).is_empty());
        assert_eq!(c.all().len(), 1);
        assert!(c.all()[0].message.contains("x-card"));
        c.clear();
        assert!(c.all().is_empty());
    }
}
