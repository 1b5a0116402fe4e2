//! Views of the window: Home and one per sidebar link, each with the widget instances mounted in
//! it. A layout names widgets by library id or by element (`"<x-el></x-el>"`, as Workspaces
//! layouts do); resolving it against the loaded widgets gives the instances to create.

use crate::library::LibraryWidget;
use serde::{Deserialize, Serialize};

/// The id of the Home view (always first in the sidebar).
pub const HOME: &str = "home";

/// A widget's height when the layout gives none, and the least it may be: Workspaces gives a
/// widget room to work in, not a thumbnail.
pub const MIN_HEIGHT: u32 = 400;
/// The most a layout may ask for.
pub const MAX_HEIGHT: u32 = 4000;

/// How wide a widget is in its view: the content column's full width (Workspaces' default),
/// half of it or a third.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Width {
    /// The whole content column.
    #[default]
    Full,
    /// Half of it.
    Half,
    /// A third of it.
    Third,
}

/// A widget's size in its view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Size {
    /// Its width.
    pub width: Width,
    /// Its height, px.
    pub height: u32,
}

impl Default for Size {
    fn default() -> Self {
        Size {
            width: Width::Full,
            height: MIN_HEIGHT,
        }
    }
}

/// A widget of a layout: its library id or element string, or an object with a size
/// (`{"widget": "crm", "width": "half", "height": 600}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum WidgetRef {
    /// A library id (`crm`) or an element string (`<crm-w></crm-w>`), at the default size.
    Name(String),
    /// With a size.
    Sized(SizedRef),
}

/// A widget of a layout with its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SizedRef {
    /// A library id or an element string.
    pub widget: String,
    /// `full` (default), `half` or `third` of the content column.
    #[serde(default)]
    pub width: Width,
    /// Height in px, at least 400 (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 400, max = 4000))]
    pub height: Option<u32>,
}

impl WidgetRef {
    /// The library id or element string.
    pub fn name(&self) -> &str {
        match self {
            WidgetRef::Name(n) => n,
            WidgetRef::Sized(s) => &s.widget,
        }
    }
}

impl From<&str> for WidgetRef {
    fn from(s: &str) -> Self {
        WidgetRef::Name(s.to_string())
    }
}

impl<'de> Deserialize<'de> for WidgetRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = WidgetRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(r#"a widget id, an element string, or {"widget", "width", "height"}"#)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<WidgetRef, E> {
                Ok(WidgetRef::Name(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<WidgetRef, A::Error> {
                SizedRef::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(WidgetRef::Sized)
            }
        }
        d.deserialize_any(V)
    }
}

/// A sidebar link as a layout file writes it (`{id, name, tooltip, icon, widgets}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LinkSpec {
    /// Stable id, a DNS label (`contacts`).
    pub id: String,
    /// Name shown under the icon.
    pub name: String,
    /// Tooltip; the name when absent.
    #[serde(default)]
    pub tooltip: Option<String>,
    /// A NEO icon class (`neo-icon-contacts`).
    #[serde(default = "default_icon")]
    pub icon: String,
    /// Widgets shown in the link's view: library ids or element strings, with sizes or not.
    #[serde(default)]
    pub widgets: Vec<WidgetRef>,
}

fn default_icon() -> String {
    "neo-icon-apps".into()
}

/// A tab of every interaction's layout (`Customer Details`...), with its widgets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TabSpec {
    /// Stable id, a DNS label (`customer-details`).
    pub id: String,
    /// Name on the tab.
    pub name: String,
    /// Widgets on the tab: library ids or element strings, with sizes or not.
    #[serde(default)]
    pub widgets: Vec<WidgetRef>,
}

/// A layout file: what `--layout FILE` imports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LayoutSpec {
    /// Widgets on Home (global: no interaction id).
    #[serde(default)]
    pub home: Vec<WidgetRef>,
    /// Sidebar links after Home, in order.
    #[serde(default)]
    pub links: Vec<LinkSpec>,
    /// Tabs of every interaction, in order; each interaction gets its own instances.
    #[serde(default)]
    pub interaction_tabs: Vec<TabSpec>,
}

/// An interaction tab, resolved: the widgets each interaction gets on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InteractionTab {
    /// Tab id.
    pub id: String,
    /// Tab name.
    pub name: String,
    /// Its widgets, with their sizes.
    pub widgets: Vec<Placed>,
}

/// A widget of an interaction tab, with its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Placed {
    /// Library id of the widget.
    pub widget: String,
    /// Its size.
    #[serde(flatten)]
    pub size: Size,
}

impl InteractionTab {
    /// The instance id of `widget` on this tab of `interaction`.
    pub fn instance(&self, interaction: &str, widget: &str) -> String {
        format!("{interaction}-{}-{widget}", self.id)
    }
}

/// Resolves the interaction tabs of a layout; unknown widgets are reported and skipped.
pub fn resolve_tabs(
    layout: &LayoutSpec,
    widgets: &[LibraryWidget],
) -> (Vec<InteractionTab>, Vec<LayoutProblem>) {
    let mut problems = Vec::new();
    let mut tabs: Vec<InteractionTab> = Vec::new();
    for (i, t) in layout.interaction_tabs.iter().enumerate() {
        if !is_label(&t.id) || tabs.iter().any(|x| x.id == t.id) {
            problems.push(LayoutProblem {
                field: format!("interactionTabs[{i}].id"),
                message: format!(
                    "`{}` must be a unique id of lower-case letters, digits and `-`",
                    t.id
                ),
            });
            continue;
        }
        let mounts = mounts(
            &t.id,
            &t.widgets,
            &format!("interactionTabs[{i}].widgets"),
            widgets,
            &mut problems,
        );
        tabs.push(InteractionTab {
            id: t.id.clone(),
            name: t.name.clone(),
            widgets: mounts
                .into_iter()
                .map(|m| Placed {
                    widget: m.widget,
                    size: m.size,
                })
                .collect(),
        });
    }
    (tabs, problems)
}

/// One widget instance mounted in a view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Mount {
    /// Instance id: `<view>-<widget>`, unique, usable in a webview label.
    pub instance: String,
    /// Library id of the widget.
    pub widget: String,
    /// Its size in the view.
    #[serde(flatten)]
    pub size: Size,
}

/// A view: Home or a sidebar link's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    /// `home` or the link id.
    pub id: String,
    /// Name shown in the sidebar.
    pub name: String,
    /// Tooltip.
    pub tooltip: String,
    /// NEO icon class.
    pub icon: String,
    /// Instances, in layout order.
    pub mounts: Vec<Mount>,
}

/// A problem in a layout, naming the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LayoutProblem {
    /// JSON path of the field (`links[1].widgets[0]`).
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// The layout used when none is given: every widget on Home, and a few links to navigate with.
pub fn default_layout(widgets: &[LibraryWidget]) -> LayoutSpec {
    let link = |id: &str, name: &str, icon: &str| LinkSpec {
        id: id.into(),
        name: name.into(),
        tooltip: None,
        icon: icon.into(),
        widgets: Vec::new(),
    };
    LayoutSpec {
        home: widgets
            .iter()
            .map(|w| WidgetRef::Name(w.id.clone()))
            .collect(),
        links: vec![
            link("contacts", "Contacts", "neo-icon-contacts"),
            link("knowledge", "Knowledge", "neo-icon-knowledge"),
            link("reports", "Reports", "neo-icon-report"),
        ],
        interaction_tabs: vec![TabSpec {
            id: "customer-details".into(),
            name: "Customer Details".into(),
            widgets: widgets
                .iter()
                .map(|w| WidgetRef::Name(w.id.clone()))
                .collect(),
        }],
    }
}

/// Parses a layout file's text; errors name the JSON path.
pub fn parse_layout(text: &str) -> Result<LayoutSpec, LayoutProblem> {
    serde_json::from_str(text).map_err(|e| LayoutProblem {
        field: format!("line {} column {}", e.line(), e.column()),
        message: e.to_string(),
    })
}

/// Resolves a layout against the loaded widgets. Unknown widgets and bad link ids are reported
/// and skipped; the rest still mounts.
pub fn resolve(layout: &LayoutSpec, widgets: &[LibraryWidget]) -> (Vec<View>, Vec<LayoutProblem>) {
    let mut problems = Vec::new();
    let mut views = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let home = View {
        id: HOME.into(),
        name: "Home".into(),
        tooltip: "Home".into(),
        icon: "neo-icon-home".into(),
        mounts: mounts(HOME, &layout.home, "home", widgets, &mut problems),
    };
    views.push(home);
    seen.insert(HOME.to_string());
    for (i, link) in layout.links.iter().enumerate() {
        if !is_label(&link.id) {
            problems.push(LayoutProblem {
                field: format!("links[{i}].id"),
                message: format!(
                    "`{}` must be lower-case letters, digits and `-`, starting with a letter",
                    link.id
                ),
            });
            continue;
        }
        if !seen.insert(link.id.clone()) {
            problems.push(LayoutProblem {
                field: format!("links[{i}].id"),
                message: format!("`{}` is used twice", link.id),
            });
            continue;
        }
        views.push(View {
            id: link.id.clone(),
            name: link.name.clone(),
            tooltip: link.tooltip.clone().unwrap_or_else(|| link.name.clone()),
            icon: link.icon.clone(),
            mounts: mounts(
                &link.id,
                &link.widgets,
                &format!("links[{i}].widgets"),
                widgets,
                &mut problems,
            ),
        });
    }
    (views, problems)
}

fn size(r: &WidgetRef, field: &str, problems: &mut Vec<LayoutProblem>) -> Size {
    let WidgetRef::Sized(s) = r else {
        return Size::default();
    };
    let height = match s.height {
        None => MIN_HEIGHT,
        Some(h) if (MIN_HEIGHT..=MAX_HEIGHT).contains(&h) => h,
        Some(h) => {
            problems.push(LayoutProblem {
                field: format!("{field}.height"),
                message: format!(
                    "{h} px: a widget is {MIN_HEIGHT} to {MAX_HEIGHT} px tall; {} px is used",
                    h.clamp(MIN_HEIGHT, MAX_HEIGHT)
                ),
            });
            h.clamp(MIN_HEIGHT, MAX_HEIGHT)
        }
    };
    Size {
        width: s.width,
        height,
    }
}

fn mounts(
    view: &str,
    refs: &[WidgetRef],
    field: &str,
    widgets: &[LibraryWidget],
    problems: &mut Vec<LayoutProblem>,
) -> Vec<Mount> {
    let mut out: Vec<Mount> = Vec::new();
    for (i, r) in refs.iter().enumerate() {
        let size = size(r, &format!("{field}[{i}]"), problems);
        let r = r.name();
        match find(r, widgets) {
            Some(w) => {
                let instance = format!("{view}-{}", w.id);
                if out.iter().any(|m| m.instance == instance) {
                    problems.push(LayoutProblem {
                        field: format!("{field}[{i}]"),
                        message: format!("`{r}` is already in this view"),
                    });
                } else {
                    out.push(Mount {
                        instance,
                        widget: w.id.clone(),
                        size,
                    });
                }
            }
            None => problems.push(LayoutProblem {
                field: format!("{field}[{i}]"),
                message: format!(
                    "no loaded widget is `{r}` (give a library id or the element string)"
                ),
            }),
        }
    }
    out
}

fn find<'a>(r: &str, widgets: &'a [LibraryWidget]) -> Option<&'a LibraryWidget> {
    let r = r.trim();
    if let Some(tag) = r.strip_prefix('<') {
        let tag: String = tag
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        return widgets.iter().find(|w| w.manifest.element.tag == tag);
    }
    widgets.iter().find(|w| w.id == r)
}

fn is_label(s: &str) -> bool {
    s.len() <= 40
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::BundleSource;
    use crate::manifest::{ElementSpec, Manifest, ManifestFormat};

    fn widget(id: &str, tag: &str) -> LibraryWidget {
        LibraryWidget {
            id: id.into(),
            manifest_path: format!("{id}.json").into(),
            manifest: Manifest {
                name: id.into(),
                description: String::new(),
                version: "1".into(),
                element: ElementSpec {
                    tag: tag.into(),
                    attributes: vec![],
                },
                icon: "neo-icon-crm".into(),
                tags: vec![],
                files: vec![format!("{id}.js")],
                override_url: None,
                format: ManifestFormat::Current,
            },
            source: BundleSource::Remote { urls: vec![] },
        }
    }

    #[test]
    fn default_puts_every_widget_on_home() {
        let ws = [widget("a", "a-w"), widget("b", "b-w")];
        let (views, problems) = resolve(&default_layout(&ws), &ws);
        assert!(problems.is_empty());
        assert_eq!(views[0].id, "home");
        assert_eq!(
            views[0]
                .mounts
                .iter()
                .map(|m| m.instance.as_str())
                .collect::<Vec<_>>(),
            ["home-a", "home-b"]
        );
        assert!(views.len() > 1, "there are links to click");
        let (tabs, problems) = resolve_tabs(&default_layout(&ws), &ws);
        assert!(problems.is_empty());
        let names: Vec<&str> = tabs[0].widgets.iter().map(|p| p.widget.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(tabs[0].widgets[0].size, Size::default());
        assert_eq!(tabs[0].instance("int-3", "a"), "int-3-customer-details-a");
    }

    #[test]
    fn interaction_tabs_from_a_layout_file() {
        let ws = [widget("a", "a-w"), widget("b", "b-w")];
        let layout = parse_layout(
            r#"{"interactionTabs": [{"id": "customer-details", "name": "Customer Details", "widgets": ["a", "zz"]},
                                    {"id": "customer-details", "name": "Again"}]}"#,
        )
        .unwrap();
        let (tabs, problems) = resolve_tabs(&layout, &ws);
        assert_eq!(tabs.len(), 1);
        assert_eq!(tabs[0].widgets.len(), 1);
        assert_eq!(tabs[0].widgets[0].widget, "a");
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            ["interactionTabs[0].widgets[1]", "interactionTabs[1].id"]
        );
    }

    #[test]
    fn widgets_by_id_or_element_and_problems_named() {
        let ws = [widget("a", "a-w"), widget("b", "b-w")];
        let layout = parse_layout(
            r#"{"home": ["a", "<b-w></b-w>", "nope"],
                "links": [{"id": "crm", "name": "CRM", "widgets": ["b", "b"]}, {"id": "Bad Id", "name": "x"},
                          {"id": "crm", "name": "again"}]}"#,
        )
        .unwrap();
        let (views, problems) = resolve(&layout, &ws);
        assert_eq!(views.len(), 2);
        assert_eq!(views[0].mounts.len(), 2);
        assert_eq!(
            views[1].mounts,
            [Mount {
                instance: "crm-b".into(),
                widget: "b".into(),
                size: Size::default(),
            }]
        );
        let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "home[2]",
                "links[0].widgets[1]",
                "links[1].id",
                "links[2].id"
            ]
        );
    }

    #[test]
    fn sizes_per_widget_with_their_limits_named() {
        let ws = [widget("a", "a-w"), widget("b", "b-w")];
        let layout = parse_layout(
            r#"{"home": [{"widget": "a", "width": "half", "height": 600}, {"widget": "<b-w></b-w>", "height": 90}],
                "interactionTabs": [{"id": "t", "name": "T", "widgets": [{"widget": "b", "width": "third"}]}]}"#,
        )
        .unwrap();
        let (views, problems) = resolve(&layout, &ws);
        let sizes: Vec<Size> = views[0].mounts.iter().map(|m| m.size).collect();
        assert_eq!(
            sizes,
            [
                Size {
                    width: Width::Half,
                    height: 600
                },
                Size {
                    width: Width::Full,
                    height: MIN_HEIGHT
                }
            ]
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field, "home[1].height");
        let (tabs, _) = resolve_tabs(&layout, &ws);
        assert_eq!(tabs[0].widgets[0].size.width, Width::Third);
        // Written back as it was read.
        let again: LayoutSpec =
            serde_json::from_str(&serde_json::to_string(&layout).unwrap()).unwrap();
        assert_eq!(again, layout);
        // A typo in a size is named.
        let err = parse_layout(r#"{"home": [{"widget": "a", "widht": "half"}]}"#).unwrap_err();
        assert!(err.message.contains("widht"), "{}", err.message);
        let err = parse_layout(r#"{"home": [{"widget": "a", "width": "wide"}]}"#).unwrap_err();
        assert!(err.message.contains("wide"), "{}", err.message);
    }

    #[test]
    fn bad_layout_file_names_the_place() {
        let err = parse_layout(r#"{"home": [], "linkz": []}"#).unwrap_err();
        assert!(err.message.contains("linkz"), "{}", err.message);
        assert!(err.field.starts_with("line 1"));
    }
}
