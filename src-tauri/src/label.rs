//! Typed webview labels: the security boundary between the host UI and widget pages.

use std::fmt;
use widget_host_core::ids::InstanceId;

/// Label of the host UI webview.
pub const HOST: &str = "host";
/// Label of the one window.
pub const WINDOW: &str = "main";
/// Label of the shared widget page (every instance in one document).
pub const PAGE: &str = "page";
const WIDGET_PREFIX: &str = "widget-";

/// Who a webview is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// The host UI.
    Host,
    /// A mounted widget instance's own page (isolated mode).
    Widget(InstanceId),
    /// The shared widget page (shared mode).
    Page,
}

impl Label {
    /// Reads a webview label; anything else (a stray webview) is `None` and gets no rights.
    pub fn parse(s: &str) -> Option<Label> {
        if s == HOST {
            return Some(Label::Host);
        }
        if s == PAGE {
            return Some(Label::Page);
        }
        s.strip_prefix(WIDGET_PREFIX)
            .and_then(|id| InstanceId::parse(id).ok())
            .map(Label::Widget)
    }

    /// The label of a widget instance's webview.
    pub fn widget(instance: &InstanceId) -> String {
        format!("{WIDGET_PREFIX}{instance}")
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Label::Host => f.write_str(HOST),
            Label::Widget(i) => write!(f, "{WIDGET_PREFIX}{i}"),
            Label::Page => f.write_str(PAGE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_strangers_get_nothing() {
        assert_eq!(Label::parse("host"), Some(Label::Host));
        let i = InstanceId::parse("home-hello").unwrap();
        assert_eq!(Label::parse(&Label::widget(&i)), Some(Label::Widget(i)));
        assert_eq!(Label::parse("page"), Some(Label::Page));
        assert_eq!(Label::parse("main"), None);
        assert_eq!(Label::parse("widget-"), None);
        assert_eq!(Label::parse("hosted"), None);
    }
}
