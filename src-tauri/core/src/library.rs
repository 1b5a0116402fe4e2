//! A widget library: a folder of widget manifests and their bundles, like the Workspaces
//! "Widget Library URL". Manifests sit in the root or one folder down; `files` entries are
//! relative to the root. Scanning keeps every valid widget and reports every problem.

use crate::manifest::{self, Manifest, ManifestProblem};
use crate::widget_path::WidgetRelPath;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Where a widget's bundle file(s) come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum BundleSource {
    /// Files inside the library folder, served through the widget protocol.
    Library {
        /// Checked relative paths, in load order.
        #[serde(serialize_with = "paths_as_strings")]
        files: Vec<WidgetRelPath>,
    },
    /// `override_url` joined with each file: e.g. the widget's own dev server.
    Remote {
        /// Absolute http(s) URLs, in load order.
        urls: Vec<String>,
    },
}

fn paths_as_strings<S: serde::Serializer>(v: &[WidgetRelPath], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(v.iter().map(|p| p.to_string()))
}

/// One loadable widget of a library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LibraryWidget {
    /// Stable id derived from the manifest's file name: a DNS label, so it can name the
    /// widget's origin (`widget://<id>.localhost/`).
    pub id: String,
    /// The manifest file.
    pub manifest_path: PathBuf,
    /// The parsed manifest.
    pub manifest: Manifest,
    /// Where the bundle is loaded from.
    pub source: BundleSource,
}

/// A scanned library folder.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Library {
    /// The folder, canonicalised.
    pub root: PathBuf,
    /// Widgets whose manifests are valid.
    pub widgets: Vec<LibraryWidget>,
    /// Problems of the manifests that are not.
    pub problems: Vec<ManifestProblem>,
}

/// A library folder that cannot be used at all.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The folder does not exist.
    #[error("widget library `{0}` does not exist")]
    Missing(PathBuf),
    /// The path is not a folder.
    #[error("widget library `{0}` is not a folder")]
    NotAFolder(PathBuf),
    /// Reading the folder failed.
    #[error("cannot read widget library `{path}`: {source}")]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// The text of a JSON file that may be a manifest, or why it cannot be one.
fn read_candidate(file: &Path) -> Result<String, String> {
    let size = std::fs::metadata(file)
        .map_err(|e| format!("cannot be read: {e}"))?
        .len();
    if size > manifest::MAX_MANIFEST_BYTES {
        return Err(format!(
            "{size} bytes: too large for a widget manifest (at most {} KB); skipped",
            manifest::MAX_MANIFEST_BYTES / 1024
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("cannot be read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Scans `root` for manifests. `taken` holds ids already used by other libraries, so ids stay
/// unique across all loaded libraries; new ids are added to it.
pub fn scan(root: &Path, taken: &mut BTreeSet<String>) -> Result<Library, LibraryError> {
    if !root.exists() {
        return Err(LibraryError::Missing(root.to_owned()));
    }
    if !root.is_dir() {
        return Err(LibraryError::NotAFolder(root.to_owned()));
    }
    let root = root.canonicalize().map_err(|source| LibraryError::Io {
        path: root.to_owned(),
        source,
    })?;
    let mut candidates = json_files(&root)?;
    for sub in sorted_entries(&root)? {
        if sub.is_dir() && !is_hidden(&sub) && sub.file_name().is_some_and(|n| n != "node_modules")
        {
            candidates.extend(json_files(&sub)?);
        }
    }
    let mut widgets = Vec::new();
    let mut problems = Vec::new();
    for file in candidates {
        // One file that cannot be read is a problem of that file, not of the library.
        let text = match read_candidate(&file) {
            Ok(text) => text,
            Err(message) => {
                problems.push(ManifestProblem {
                    file: file.clone(),
                    field: "(document)".into(),
                    message,
                });
                continue;
            }
        };
        let value: serde_json::Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                // A broken JSON file in a widget library is almost always a manifest being edited.
                problems.push(ManifestProblem {
                    file: file.clone(),
                    field: "(document)".into(),
                    message: format!("not valid JSON: {e}"),
                });
                continue;
            }
        };
        if !manifest::looks_like_manifest(&value) {
            tracing::debug!(file = %file.display(), "JSON file is not a widget manifest; skipped");
            continue;
        }
        match manifest::parse_value(&file, &value).and_then(|m| locate(&root, &file, m)) {
            Ok((manifest, source)) => {
                let id = unique_id(&file, taken);
                widgets.push(LibraryWidget {
                    id,
                    manifest_path: file,
                    manifest,
                    source,
                });
            }
            Err(mut p) => problems.append(&mut p),
        }
    }
    Ok(Library {
        root,
        widgets,
        problems,
    })
}

/// Resolves the bundle files of a valid manifest: remote URLs, or paths that exist in the library.
fn locate(
    root: &Path,
    file: &Path,
    m: Manifest,
) -> Result<(Manifest, BundleSource), Vec<ManifestProblem>> {
    let field = match m.format {
        manifest::ManifestFormat::Current => "files",
        manifest::ManifestFormat::Legacy => "configuration.files",
    };
    if let Some(base) = &m.override_url {
        let urls = m
            .files
            .iter()
            .map(|f| {
                format!(
                    "{}/{}",
                    base.trim_end_matches('/'),
                    f.trim_start_matches('/')
                )
            })
            .collect();
        return Ok((m, BundleSource::Remote { urls }));
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for f in &m.files {
        match WidgetRelPath::from_manifest(f) {
            Ok(rel) => match rel.resolve(root) {
                Ok(_) => files.push(rel),
                Err(why) => problems.push(ManifestProblem {
                    file: file.to_owned(),
                    field: field.into(),
                    message: format!("`{f}` not found in the library {} ({why})", root.display()),
                }),
            },
            Err(why) => problems.push(ManifestProblem {
                file: file.to_owned(),
                field: field.into(),
                message: format!("`{f}` must be a path relative to the library root ({why})"),
            }),
        }
    }
    if problems.is_empty() {
        Ok((m, BundleSource::Library { files }))
    } else {
        Err(problems)
    }
}

/// The id of the shared widget page (its origin is `widget://page.localhost/`, and it attributes
/// calls it cannot tie to a widget to `page`): no widget gets it.
pub const SHARED_PAGE_ID: &str = "page";

fn unique_id(file: &Path, taken: &mut BTreeSet<String>) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut base: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if base.is_empty() || !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base = format!("w-{base}").trim_end_matches('-').to_owned();
    }
    base.truncate(40);
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) || id == SHARED_PAGE_ID {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, LibraryError> {
    let rd = std::fs::read_dir(dir).map_err(|source| LibraryError::Io {
        path: dir.to_owned(),
        source,
    })?;
    let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    Ok(v)
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, LibraryError> {
    Ok(sorted_entries(dir)?
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json") && !is_hidden(p))
        .filter(|p| {
            !p.file_name().is_some_and(|n| {
                n == "package.json" || n == "package-lock.json" || n == "tsconfig.json"
            })
        })
        .collect())
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    fn manifest(tag: &str, file: &str) -> String {
        format!(
            r#"{{"name":"{tag}","description":"d","version":"1","element":"<{tag}></{tag}>","icon":"neo-icon-crm","files":["{file}"]}}"#
        )
    }

    #[test]
    fn finds_manifests_in_root_and_widget_folders() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "hello/hello.js", "");
        write(
            dir.path(),
            "hello.json",
            &manifest("hello-w", "hello/hello.js"),
        );
        write(dir.path(), "other/other.js", "");
        write(
            dir.path(),
            "other/other.json",
            &manifest("other-w", "other/other.js"),
        );
        write(
            dir.path(),
            "other/package.json",
            r#"{"name":"x","files":["a"]}"#,
        );
        write(dir.path(), "data.json", r#"{"rows": []}"#);
        let lib = scan(dir.path(), &mut BTreeSet::new()).unwrap();
        let ids: Vec<_> = lib.widgets.iter().map(|w| w.id.as_str()).collect();
        assert_eq!(ids, ["hello", "other"]);
        assert!(lib.problems.is_empty(), "{:?}", lib.problems);
        assert_eq!(
            lib.widgets[0].source,
            BundleSource::Library {
                files: vec![WidgetRelPath::from_manifest("hello/hello.js").unwrap()]
            }
        );
    }

    #[test]
    fn an_unreadable_or_huge_file_is_a_problem_of_that_file_only() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "good/good.js", "");
        write(
            dir.path(),
            "good/good.json",
            &manifest("good-w", "good/good.js"),
        );
        std::fs::write(dir.path().join("latin1.json"), b"{\"name\": \"Caf\xe9\"}").unwrap();
        write(
            dir.path(),
            "huge.json",
            &format!("{{\"name\": \"{}\"}}", "x".repeat(300 * 1024)),
        );
        let lib = scan(dir.path(), &mut BTreeSet::new()).unwrap();
        assert_eq!(lib.widgets.len(), 1, "the good widget still loads");
        let msg = |name: &str| {
            lib.problems
                .iter()
                .find(|p| p.file.ends_with(name))
                .map(|p| p.message.clone())
                .unwrap_or_default()
        };
        assert!(
            msg("latin1.json").contains("not UTF-8"),
            "{:?}",
            lib.problems
        );
        assert!(msg("huge.json").contains("too large"), "{:?}", lib.problems);
    }

    #[test]
    fn broken_manifest_is_reported_and_others_still_load() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "good/good.js", "");
        write(
            dir.path(),
            "good/good.json",
            &manifest("good-w", "good/good.js"),
        );
        write(
            dir.path(),
            "bad/bad.json",
            r#"{"name":"Bad","element":"<div></div>","files":["bad/bad.js"]}"#,
        );
        write(
            dir.path(),
            "gone/gone.json",
            &manifest("gone-w", "gone/gone.js"),
        );
        write(dir.path(), "typo/typo.json", "{ \"name\": ");
        let lib = scan(dir.path(), &mut BTreeSet::new()).unwrap();
        assert_eq!(lib.widgets.len(), 1);
        let found: Vec<_> = lib
            .problems
            .iter()
            .map(|p| {
                (
                    p.file.file_name().unwrap().to_string_lossy().into_owned(),
                    p.field.clone(),
                )
            })
            .collect();
        assert!(found.contains(&("bad.json".into(), "description".into())));
        assert!(found.contains(&("bad.json".into(), "element".into())));
        assert!(found.contains(&("gone.json".into(), "files".into())));
        assert!(found.contains(&("typo.json".into(), "(document)".into())));
    }

    #[test]
    fn remote_bundles_join_override_url_and_file() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            "remote.json",
            r#"{"name":"R","description":"d","version":"1","element":"<r-w></r-w>","icon":"i","files":["/dist/w.js"],"overrideUrl":"http://127.0.0.1:5173/"}"#,
        );
        let lib = scan(dir.path(), &mut BTreeSet::new()).unwrap();
        assert_eq!(
            lib.widgets[0].source,
            BundleSource::Remote {
                urls: vec!["http://127.0.0.1:5173/dist/w.js".into()]
            }
        );
    }

    #[test]
    fn ids_are_dns_labels_and_unique_across_libraries() {
        let mut taken = BTreeSet::new();
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        for d in [&a, &b] {
            write(d.path(), "x.js", "");
            write(d.path(), "My Widget_v2.json", &manifest("m-w", "x.js"));
        }
        let la = scan(a.path(), &mut taken).unwrap();
        let lb = scan(b.path(), &mut taken).unwrap();
        assert_eq!(la.widgets[0].id, "my-widget-v2");
        assert_eq!(lb.widgets[0].id, "my-widget-v2-2");
    }

    #[test]
    fn no_widget_takes_the_shared_page_id() {
        let d = tempfile::tempdir().unwrap();
        write(d.path(), "x.js", "");
        write(d.path(), "page.json", &manifest("p-w", "x.js"));
        let l = scan(d.path(), &mut BTreeSet::new()).unwrap();
        assert_eq!(l.widgets[0].id, "page-2");
    }

    #[test]
    fn missing_folder_is_an_error_naming_it() {
        let err = scan(Path::new("/no/such/lib"), &mut BTreeSet::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "widget library `/no/such/lib` does not exist"
        );
    }
}
