//! What ships with the app beside its code: the demo widget library and Avaya's NEO stylesheet.
//! Installed (the .deb), they are in the bundle's resource folder; run from the source tree,
//! they are in it (`widgets/`, and `node_modules/` after the set-up commands).

use std::path::{Path, PathBuf};

/// Where NEO is in the `@avaya/neo` npm package.
const NEO_IN_PACKAGE: &str = "node_modules/@avaya/neo/neo/dist/css/neo/neo.min.css";

/// The demo library and the NEO stylesheet, found.
#[derive(Debug, Clone)]
pub struct Resources {
    /// The demo widget library (opened when no other is named or kept).
    pub demo_library: PathBuf,
    /// Avaya's NEO stylesheet, served to widget pages at `assets/css/neo.min.css`.
    pub neo_stylesheet: Option<PathBuf>,
}

impl Resources {
    /// Looks in the bundle's resource folder (when the app is installed), beside the
    /// executable, then in the source tree.
    pub fn find(resource_dir: Option<&Path>) -> Self {
        let source = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let beside = std::env::current_exe()
            .ok()
            .and_then(|e| e.parent().map(Path::to_path_buf));
        let roots: Vec<PathBuf> = resource_dir
            .map(Path::to_path_buf)
            .into_iter()
            .chain(beside)
            .chain([source.clone()])
            .collect();
        let demo_library = roots
            .iter()
            .map(|r| r.join("widgets"))
            .find(|p| p.is_dir())
            .unwrap_or_else(|| source.join("widgets"));
        let neo_stylesheet = roots
            .iter()
            .flat_map(|r| [r.join("neo/neo.min.css"), r.join(NEO_IN_PACKAGE)])
            .find(|p| p.is_file());
        Resources {
            demo_library,
            neo_stylesheet,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_installed_bundle_is_looked_at_first() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("widgets")).unwrap();
        std::fs::create_dir_all(dir.path().join("neo")).unwrap();
        std::fs::write(dir.path().join("neo/neo.min.css"), "").unwrap();
        let r = Resources::find(Some(dir.path()));
        assert_eq!(r.demo_library, dir.path().join("widgets"));
        assert_eq!(r.neo_stylesheet, Some(dir.path().join("neo/neo.min.css")));
        // Without one, the source tree's.
        let r = Resources::find(None);
        assert!(r.demo_library.ends_with("widgets") && r.demo_library.is_dir());
    }
}
