//! What the app opens on: the widget libraries, their widgets and the views built from the
//! layout, plus every problem found on the way (shown in the host UI, never fatal).

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use widget_host_core::library::{self, LibraryWidget};
use widget_host_core::views::{self, InteractionTab, LayoutSpec, View};

/// A layout a library may carry, used when no `--layout` is given.
pub const LIBRARY_LAYOUT: &str = "widget-host-layout.json";

/// A problem to show the developer: a library that can't be read, a manifest field, a layout
/// entry.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// The file concerned.
    pub file: String,
    /// The field, or `(document)` / `(folder)`.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: field `{}`: {}", self.file, self.field, self.message)
    }
}

/// A layout and what it resolves to against the loaded widgets.
#[derive(Debug, Clone)]
pub struct Layout {
    /// As written (what the editor edits and the workspace keeps).
    pub spec: views::LayoutSpec,
    /// Home, then one view per sidebar link.
    pub views: Vec<View>,
    /// Tabs every interaction gets.
    pub tabs: Vec<InteractionTab>,
}

impl Layout {
    /// Every instance of every view.
    pub fn instances(&self) -> impl Iterator<Item = &views::Mount> {
        self.views.iter().flat_map(|v| v.mounts.iter())
    }
}

/// A loaded widget and the library folder its files are served from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The library folder (canonical).
    pub root: PathBuf,
    /// The widget.
    pub widget: LibraryWidget,
}

/// The libraries, widgets and views the window shows.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    /// Library folders as given.
    pub libraries: Vec<PathBuf>,
    /// Valid widgets by id.
    pub widgets: BTreeMap<String, Loaded>,
    /// Home, then one view per sidebar link.
    pub views: Vec<View>,
    /// Tabs every interaction gets, with their widgets.
    pub tabs: Vec<InteractionTab>,
    /// The layout these views and tabs come from.
    pub layout: views::LayoutSpec,
    /// Everything that could not be loaded, with file and field.
    pub problems: Vec<Problem>,
}

impl Workspace {
    /// Loads library folders (the demo library when there are none) and a layout file (else one
    /// a library carries, else the default: every widget on Home and Customer Details).
    pub fn load(libraries: &[PathBuf], layout: Option<&Path>) -> Workspace {
        let libraries = if libraries.is_empty() {
            vec![crate::resources::Resources::find(None).demo_library]
        } else {
            libraries.to_vec()
        };
        let mut ws = Workspace {
            libraries: libraries.clone(),
            ..Default::default()
        };
        let mut taken = BTreeSet::new();
        let mut order = Vec::new();
        for dir in &libraries {
            match library::scan(dir, &mut taken) {
                Ok(lib) => {
                    for p in lib.problems {
                        ws.problems.push(Problem {
                            file: p.file.display().to_string(),
                            field: p.field,
                            message: p.message,
                        });
                    }
                    for w in lib.widgets {
                        order.push(w.clone());
                        ws.widgets.insert(
                            w.id.clone(),
                            Loaded {
                                root: lib.root.clone(),
                                widget: w,
                            },
                        );
                    }
                }
                Err(e) => ws.problems.push(Problem {
                    file: dir.display().to_string(),
                    field: "(folder)".into(),
                    message: e.to_string(),
                }),
            }
        }
        // A layout named on the command line wins; else one a library carries; else the default.
        let layout_file = layout.map(Path::to_path_buf).or_else(|| {
            libraries
                .iter()
                .map(|l| l.join(LIBRARY_LAYOUT))
                .find(|f| f.is_file())
        });
        let layout = match &layout_file {
            None => views::default_layout(&order),
            Some(file) => match std::fs::read_to_string(file) {
                Err(e) => {
                    ws.problems.push(Problem {
                        file: file.display().to_string(),
                        field: "(document)".into(),
                        message: format!("cannot read the layout: {e}; using the default layout"),
                    });
                    views::default_layout(&order)
                }
                Ok(text) => match views::parse_layout(&text) {
                    Ok(l) => l,
                    Err(p) => {
                        ws.problems.push(Problem {
                            file: file.display().to_string(),
                            field: p.field,
                            message: format!("{}; using the default layout", p.message),
                        });
                        views::default_layout(&order)
                    }
                },
            },
        };
        let (views, mut layout_problems) = views::resolve(&layout, &order);
        let (tabs, tab_problems) = views::resolve_tabs(&layout, &order);
        layout_problems.extend(tab_problems);
        let layout_file = layout_file
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_else(|| "(default layout)".into());
        for p in layout_problems {
            ws.problems.push(Problem {
                file: layout_file.clone(),
                field: p.field,
                message: p.message,
            });
        }
        ws.views = views;
        ws.tabs = tabs;
        ws.layout = layout;
        for p in &ws.problems {
            tracing::warn!(file = %p.file, field = %p.field, "{}", p.message);
        }
        ws
    }

    /// The loaded widgets, by id (what layouts refer to).
    pub fn ordered(&self) -> Vec<LibraryWidget> {
        self.widgets.values().map(|l| l.widget.clone()).collect()
    }

    /// The layout in force when this workspace opens.
    pub fn initial_layout(&self) -> Layout {
        Layout {
            spec: self.layout.clone(),
            views: self.views.clone(),
            tabs: self.tabs.clone(),
        }
    }

    /// Resolves a layout against the loaded widgets; the first problem refuses it, naming the
    /// field.
    pub fn resolve(&self, spec: LayoutSpec) -> Result<Layout, Problem> {
        let widgets = self.ordered();
        let (views, mut problems) = views::resolve(&spec, &widgets);
        let (tabs, tab_problems) = views::resolve_tabs(&spec, &widgets);
        problems.extend(tab_problems);
        match problems.into_iter().next() {
            Some(p) => Err(Problem {
                file: "(layout)".into(),
                field: format!("layout.{}", p.field),
                message: p.message,
            }),
            None => Ok(Layout { spec, views, tabs }),
        }
    }

    /// The key the saved workspace keeps this set of libraries' layout under.
    pub fn layout_key(&self) -> String {
        self.libraries
            .iter()
            .map(|p| {
                p.canonicalize()
                    .unwrap_or_else(|_| p.clone())
                    .display()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("|")
    }
}
