//! The badge on a widget's frame: how many of its calls were refused (`no_interaction`,
//! `capability_denied`, `unknown_method`...) and how many warnings its page gave (a subscription
//! to an event no host sends, an uncaught error, a subscriber that threw, an element never
//! defined), counted from the log rows as they are written. Clicking it filters the log.

use crate::log::{Entry, Kind, Level};
use crate::wire::Badge;
use std::collections::BTreeMap;

/// Counts per instance, and whether they changed since they were last sent.
#[derive(Debug, Default)]
pub struct Badges {
    counts: BTreeMap<String, Badge>,
    changed: bool,
}

/// What a row counts as on its instance's badge, if anything.
fn counts_as(e: &Entry) -> Option<(&str, bool)> {
    let instance = e.instance.as_deref()?;
    if e.level == Level::Info {
        return None;
    }
    match e.kind {
        Kind::Call if e.code.is_some() => Some((instance, true)),
        Kind::Widget => {
            let d = e.detail.as_object()?;
            ["unknownEvent", "uncaught", "stack", "notDefined"]
                .iter()
                .any(|k| d.contains_key(*k))
                .then_some((instance, false))
        }
        _ => None,
    }
}

impl Badges {
    /// Counts a row.
    pub fn count(&mut self, e: &Entry) {
        if let Some((instance, refusal)) = counts_as(e) {
            let b = self.counts.entry(instance.to_string()).or_default();
            if refusal {
                b.refusals += 1;
            } else {
                b.warnings += 1;
            }
            self.changed = true;
        }
    }

    /// The counts now.
    pub fn counts(&self) -> &BTreeMap<String, Badge> {
        &self.counts
    }

    /// The counts, if they changed since the last call.
    pub fn take_changed(&mut self) -> Option<BTreeMap<String, Badge>> {
        std::mem::take(&mut self.changed).then(|| self.counts.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::{Log, Row};
    use serde_json::json;

    #[test]
    fn refused_calls_and_page_warnings_count_and_nothing_else() {
        let mut log = Log::default();
        let mut b = Badges::default();
        let rows = [
            Row {
                kind: Kind::Call,
                instance: Some("home-a".into()),
                code: Some("no_interaction".into()),
                ..Row::host(Level::Warn, "home-a called hold: refused")
            },
            Row {
                kind: Kind::Widget,
                instance: Some("home-a".into()),
                detail: json!({ "unknownEvent": "onNope" }),
                ..Row::host(Level::Warn, "subscribed to onNope")
            },
            // A reload, a console warning, an ok call: not on the badge.
            Row {
                kind: Kind::Widget,
                instance: Some("home-a".into()),
                ..Row::host(Level::Warn, "home-a: page reloaded")
            },
            Row {
                kind: Kind::Widget,
                instance: Some("home-a".into()),
                name: Some("console.warn".into()),
                detail: json!({ "console": "warn" }),
                ..Row::host(Level::Warn, "x")
            },
            Row {
                kind: Kind::Call,
                instance: Some("home-b".into()),
                ..Row::host(Level::Info, "home-b called getX: ok")
            },
        ];
        for r in rows {
            b.count(&log.push(r));
        }
        assert_eq!(
            b.take_changed().unwrap()["home-a"],
            Badge {
                refusals: 1,
                warnings: 1
            }
        );
        assert!(!b.counts().contains_key("home-b"));
        assert!(b.take_changed().is_none(), "sent once");
    }
}
