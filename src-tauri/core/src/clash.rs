//! Clashes between widget bundles on one page, as the Workspaces client loads them: one
//! document, one JavaScript realm, one `customElements` registry, one `window`. Each kind says
//! what would happen in Workspaces and how widgets usually fix it. The shared page finds
//! elements, globals, duplicate ids and global CSS as it runs; framework runtimes loaded twice
//! are found in the bundles' text ([`runtimes_in`]).

use serde::{Deserialize, Serialize};

/// What clashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ClashKind {
    /// A custom element name defined by two bundles.
    Element,
    /// A `window` global set by two bundles, or overwritten by one that did not create it.
    Global,
    /// A framework runtime (zone.js, React, Lit...) in two bundles.
    Runtime,
    /// The same element id in two instances' light DOM (or one open shadow root).
    DuplicateId,
    /// A stylesheet a bundle added to the document that applies outside its own element.
    GlobalCss,
}

/// One clash: its kind, what clashes, and the widgets involved (one or two).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Clash {
    /// The kind.
    pub kind: ClashKind,
    /// The element name, global, runtime, id or selector.
    pub subject: String,
    /// The widgets, in the order they met it.
    pub widgets: Vec<String>,
}

impl Clash {
    /// What was seen and what would happen in Workspaces, naming the widgets.
    pub fn message(&self) -> String {
        let (a, b) = self.names();
        let s = &self.subject;
        match self.kind {
            ClashKind::Element => format!(
                "<{s}> is defined by {a} and again by {b}: in Workspaces the second \
                 customElements.define throws NotSupportedError, and {b}'s element is never \
                 registered (its bundle stops at that line)"
            ),
            ClashKind::Global if a == "page" && b != "page" => format!(
                "{b} replaces the page's own {s}: in Workspaces every widget, and Workspaces \
                 itself, then runs on {b}'s versions"
            ),
            ClashKind::Global if b == "page" || a == b => format!(
                "window.{s}, created by {a}, was overwritten by code that is no widget's bundle"
            ),
            ClashKind::Global => format!(
                "window.{s} is set by {a} and by {b}: in Workspaces both read and write the same \
                 global, so one widget sees (or breaks) the other's value"
            ),
            ClashKind::Runtime => format!(
                "{s} is bundled by {a} and by {b}: in Workspaces both copies load into one page; \
                 {}",
                runtime_effect(s)
            ),
            ClashKind::DuplicateId => format!(
                "id=\"{s}\" is used by {a} and by {b} in one document: document.getElementById \
                 and #{s} selectors find the first one only, so {b} reads or changes {a}'s node"
            ),
            ClashKind::GlobalCss => format!(
                "{a} adds CSS to the document that styles elements outside its own: `{s}` also \
                 applies to the other widgets and to Workspaces itself"
            ),
        }
    }

    /// How widgets usually fix it.
    pub fn fix(&self) -> String {
        match self.kind {
            ClashKind::Element => "Prefix element names with something unique to the widget \
                (company and widget name), and guard the define: \
                `if (!customElements.get(name)) customElements.define(name, Class)`."
                .into(),
            ClashKind::Global
                if self.subject.starts_with("webpackChunk")
                    || self.subject.starts_with("webpackJsonp") =>
            {
                "Give each webpack build its own chunk global: set `output.uniqueName` (webpack 5; \
                 or `output.chunkLoadingGlobal`, `output.jsonpFunction` in webpack 4) to the \
                 widget's name."
                    .into()
            }
            ClashKind::Global if self.widgets.first().is_some_and(|w| w == "page") => {
                "zone.js patches the browser's timers, Promise and observers on purpose: load it \
                 once for every Angular widget (as an external, or `ngZone: 'noop'`). Any other \
                 bundle should leave built-ins alone."
                    .into()
            }
            ClashKind::Global => "Keep state inside the element (properties, a closure, or a \
                module scope) instead of `window`; pass data between widgets with \
                sendMessage / onMessageEvent."
                .into(),
            ClashKind::Runtime => runtime_fix(&self.subject).into(),
            ClashKind::DuplicateId => "Render inside a shadow root, or derive ids from the \
                instance (its `interactionid` attribute), and look nodes up from the element \
                (`this.querySelector`) rather than `document`."
                .into(),
            ClashKind::GlobalCss => "Put the widget's styles inside its shadow root, or scope \
                every selector under the widget's element name."
                .into(),
        }
    }

    fn names(&self) -> (String, String) {
        let a = self
            .widgets
            .first()
            .cloned()
            .unwrap_or_else(|| "page".into());
        let b = self.widgets.get(1).cloned().unwrap_or_else(|| a.clone());
        (a, b)
    }
}

fn runtime_effect(runtime: &str) -> &'static str {
    match runtime {
        "zone.js" => {
            "the second copy finds Zone already loaded and keeps the first, so the second \
            Angular app's change detection runs in the first one's zones (or throws 'Zone already \
            loaded' when the versions differ)"
        }
        "Angular" => {
            "two Angular platforms share one page and one zone.js; each bundle carries \
            its own copy of the framework"
        }
        "React" => {
            "each bundle carries its own React; hooks, context and events do not cross \
            between the copies and the page downloads React twice"
        }
        "Lit" => "Lit warns 'Multiple versions of Lit loaded' and the page carries both copies",
        "Vue" => "each bundle carries its own Vue; the page downloads Vue twice",
        "jQuery" => {
            "the last copy loaded owns window.$ and window.jQuery, and plugins registered \
            on the first copy disappear"
        }
        _ => "the page carries both copies",
    }
}

fn runtime_fix(runtime: &str) -> &'static str {
    match runtime {
        "zone.js" | "Angular" => {
            "Load zone.js once: build the Angular elements widgets with \
            zone.js as an external (or `ngZone: 'noop'`), and give each build its own \
            `output.uniqueName`."
        }
        "jQuery" => {
            "Call `jQuery.noConflict(true)` right after the bundle's copy loads, or \
            import jQuery as a module without putting it on window."
        }
        _ => {
            "Usually harmless if each copy stays inside its own bundle; to load one copy, mark \
            the framework as an external the page provides once."
        }
    }
}

/// Text that only a framework runtime's own code contains, per runtime.
const SIGNATURES: &[(&str, &[&str])] = &[
    ("zone.js", &["Zone already loaded", "__zone_symbol__"]),
    ("Angular", &["ɵɵdefineComponent", "ɵcmp"]),
    (
        "React",
        &[
            "__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED",
            "__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE",
        ],
    ),
    ("Lit", &["litHtmlVersions", "litElementVersions"]),
    ("Vue", &["__VUE_OPTIONS_API__", "__vue_app__"]),
    ("jQuery", &["jQuery.noConflict", "jquery:"]),
];

/// The framework runtimes a bundle's text carries.
pub fn runtimes_in(text: &str) -> Vec<&'static str> {
    SIGNATURES
        .iter()
        .filter(|(_, marks)| marks.iter().any(|m| text.contains(m)))
        .map(|(name, _)| *name)
        .collect()
}

/// Runtimes found in more than one widget's bundles: `(runtime, [first widget, second])`, one
/// clash per runtime and pair of widgets, in the widgets' load order.
pub fn runtime_clashes(found: &[(String, Vec<&'static str>)]) -> Vec<Clash> {
    let mut out = Vec::new();
    for (i, (a, ra)) in found.iter().enumerate() {
        for (b, rb) in &found[i + 1..] {
            for r in ra.iter().filter(|r| rb.contains(r)) {
                out.push(Clash {
                    kind: ClashKind::Runtime,
                    subject: (*r).to_string(),
                    widgets: vec![a.clone(), b.clone()],
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtimes_are_found_by_their_own_text_and_paired_across_bundles() {
        let zone = "if (global['Zone']) { throw new Error('Zone already loaded.'); }";
        let react = "var x = React.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED;";
        assert_eq!(runtimes_in(zone), ["zone.js"]);
        assert_eq!(runtimes_in(react), ["React"]);
        assert!(runtimes_in("customElements.define('a-b', X)").is_empty());
        let found = vec![
            ("ng-a".to_string(), runtimes_in(zone)),
            ("plain".to_string(), vec![]),
            ("ng-b".to_string(), runtimes_in(zone)),
        ];
        let c = runtime_clashes(&found);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].widgets, ["ng-a", "ng-b"]);
        assert!(c[0].message().contains("ng-a") && c[0].message().contains("ng-b"));
        assert!(c[0].fix().contains("zone.js"));
    }

    #[test]
    fn every_kind_names_both_widgets_and_a_fix() {
        for kind in [
            ClashKind::Element,
            ClashKind::Global,
            ClashKind::Runtime,
            ClashKind::DuplicateId,
        ] {
            let c = Clash {
                kind,
                subject: "x".into(),
                widgets: vec!["first-w".into(), "second-w".into()],
            };
            let m = c.message();
            assert!(
                m.contains("first-w") && m.contains("second-w"),
                "{kind:?}: {m}"
            );
            assert!(!c.fix().is_empty());
        }
        let chunk = Clash {
            kind: ClashKind::Global,
            subject: "webpackChunk".into(),
            widgets: vec!["a".into(), "b".into()],
        };
        assert!(chunk.fix().contains("uniqueName"));
        let css = Clash {
            kind: ClashKind::GlobalCss,
            subject: "h1".into(),
            widgets: vec!["loud".into()],
        };
        assert!(css.message().contains("loud") && css.message().contains("h1"));
        let patched = Clash {
            kind: ClashKind::Global,
            subject: "setTimeout, Promise".into(),
            widgets: vec!["page".into(), "ng-a".into()],
        };
        assert!(
            patched
                .message()
                .starts_with("ng-a replaces the page's own setTimeout, Promise"),
            "{}",
            patched.message()
        );
        assert!(patched.fix().contains("zone.js"));
    }
}
