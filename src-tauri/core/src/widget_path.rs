//! Path checks for the widget protocol: a request path becomes a file inside one library folder,
//! or a refusal. Checks are component-wise on the decoded segments, then again on the canonical
//! path, so neither `..` (plain or percent-encoded) nor a symlink can leave the folder.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why a request path was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathRefusal {
    /// The path names the library folder itself, not a file in it.
    #[error("the path names the library folder itself")]
    Root,
    /// An empty segment (`//`), which is how an absolute path sneaks in.
    #[error("empty path segment (absolute path or `//`)")]
    EmptySegment,
    /// A `.` or `..` segment, plain or percent-encoded.
    #[error("`.` or `..` segment")]
    DotSegment,
    /// A backslash, which some servers treat as a separator.
    #[error("backslash in path")]
    Backslash,
    /// A percent escape that decodes to another escape (`%252e`).
    #[error("double percent-encoding")]
    DoubleEncoded,
    /// A malformed escape, invalid UTF-8, an encoded `/` or a NUL byte.
    #[error("malformed path segment")]
    Malformed,
    /// The file does not exist (or is not a regular file).
    #[error("no such file")]
    NotFound,
    /// The path resolves outside the library folder (through a symlink).
    #[error("resolves outside the library folder")]
    Escapes,
}

impl PathRefusal {
    /// The HTTP status the protocol answers with: 404 for a missing file, 403 for everything else.
    pub fn status(&self) -> u16 {
        match self {
            PathRefusal::NotFound => 404,
            _ => 403,
        }
    }
}

/// A checked path relative to a library folder: decoded segments, none of them empty, `.`, `..`,
/// or carrying a separator.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WidgetRelPath(Vec<String>);

impl WidgetRelPath {
    /// Parses the path part of a request URI (percent-encoded, with or without one leading `/`).
    pub fn from_url_path(raw: &str) -> Result<Self, PathRefusal> {
        let raw = raw.strip_prefix('/').unwrap_or(raw);
        let raw = raw.split(['?', '#']).next().unwrap_or("");
        if raw.is_empty() {
            return Err(PathRefusal::Root);
        }
        let mut segments = Vec::new();
        for seg in raw.split('/') {
            if seg.contains('\\') {
                return Err(PathRefusal::Backslash);
            }
            let decoded = percent_encoding::percent_decode_str(seg)
                .decode_utf8()
                .map_err(|_| PathRefusal::Malformed)?;
            if !well_formed_escapes(seg) {
                return Err(PathRefusal::Malformed);
            }
            segments.push(check_segment(&decoded)?);
        }
        Ok(Self(segments))
    }

    /// Parses a path written in a manifest (`files[0]`): plain text, `/`-separated, relative.
    pub fn from_manifest(raw: &str) -> Result<Self, PathRefusal> {
        if raw.starts_with('/') {
            return Err(PathRefusal::EmptySegment);
        }
        if raw.is_empty() {
            return Err(PathRefusal::Root);
        }
        let mut segments = Vec::new();
        for seg in raw.split('/') {
            if seg.contains('\\') {
                return Err(PathRefusal::Backslash);
            }
            segments.push(check_segment(seg)?);
        }
        Ok(Self(segments))
    }

    /// The path as a URL path with a leading `/`, each segment percent-encoded.
    pub fn to_url_path(&self) -> String {
        let mut out = String::new();
        for seg in &self.0 {
            out.push('/');
            out.extend(percent_encoding::utf8_percent_encode(seg, SEGMENT));
        }
        out
    }

    /// Resolves the path inside `root`, following symlinks only while they stay inside it.
    pub fn resolve(&self, root: &Path) -> Result<PathBuf, PathRefusal> {
        let root = root.canonicalize().map_err(|_| PathRefusal::NotFound)?;
        let mut joined = root.clone();
        for seg in &self.0 {
            joined.push(seg);
        }
        let real = joined.canonicalize().map_err(|_| PathRefusal::NotFound)?;
        if !real.starts_with(&root) {
            return Err(PathRefusal::Escapes);
        }
        if real == root {
            return Err(PathRefusal::Root);
        }
        if !real.is_file() {
            return Err(PathRefusal::NotFound);
        }
        Ok(real)
    }
}

impl fmt::Display for WidgetRelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join("/"))
    }
}

/// Characters escaped when a segment is written back into a URL.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/');

fn check_segment(seg: &str) -> Result<String, PathRefusal> {
    if seg.is_empty() {
        return Err(PathRefusal::EmptySegment);
    }
    if seg == "." || seg == ".." {
        return Err(PathRefusal::DotSegment);
    }
    if seg.contains('/') || seg.contains('\0') {
        return Err(PathRefusal::Malformed);
    }
    if seg.contains('\\') {
        return Err(PathRefusal::Backslash);
    }
    if has_escape(seg) {
        return Err(PathRefusal::DoubleEncoded);
    }
    Ok(seg.to_owned())
}

/// True when `s` still holds a `%XX` escape (after one round of decoding: double encoding).
fn has_escape(s: &str) -> bool {
    s.as_bytes()
        .windows(3)
        .any(|w| w[0] == b'%' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit())
}

/// Every `%` in a raw segment starts a two-hex-digit escape.
fn well_formed_escapes(raw: &str) -> bool {
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            if i + 2 >= b.len() {
                return false;
            }
            if !(b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit()) {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A library folder `lib/` with `hello/hello.js`, a sibling folder `lib-evil/` sharing its
    /// prefix, a secret outside, and a symlink pointing out.
    fn fixture() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let lib = dir.path().join("lib");
        fs::create_dir_all(lib.join("hello/nested")).unwrap();
        fs::write(lib.join("hello/hello.js"), "ok").unwrap();
        fs::write(lib.join("hello/nested/deep.css"), "ok").unwrap();
        fs::write(lib.join("with space.js"), "ok").unwrap();
        fs::create_dir_all(dir.path().join("lib-evil")).unwrap();
        fs::write(dir.path().join("lib-evil/x.js"), "evil").unwrap();
        fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), lib.join("link-out"))
                .unwrap();
            std::os::unix::fs::symlink(dir.path().join("lib-evil"), lib.join("dir-out")).unwrap();
            std::os::unix::fs::symlink(lib.join("hello/hello.js"), lib.join("link-in")).unwrap();
        }
        (dir, lib)
    }

    fn serve(lib: &Path, url_path: &str) -> Result<PathBuf, PathRefusal> {
        WidgetRelPath::from_url_path(url_path)?.resolve(lib)
    }

    #[test]
    fn path_check_table() {
        let (_dir, lib) = fixture();
        let ok = |p: &str| Ok::<_, PathRefusal>(p.to_string());
        let cases: &[(&str, &str, Result<String, PathRefusal>)] = &[
            ("inside", "/hello/hello.js", ok("hello/hello.js")),
            (
                "nested",
                "/hello/nested/deep.css",
                ok("hello/nested/deep.css"),
            ),
            ("encoded space", "/with%20space.js", ok("with space.js")),
            ("symlink inside", "/link-in", ok("hello/hello.js")),
            ("query ignored", "/hello/hello.js?v=3", ok("hello/hello.js")),
            ("root itself", "/", Err(PathRefusal::Root)),
            ("empty", "", Err(PathRefusal::Root)),
            ("missing file", "/hello/nope.js", Err(PathRefusal::NotFound)),
            ("a folder", "/hello", Err(PathRefusal::NotFound)),
            ("parent", "/../secret.txt", Err(PathRefusal::DotSegment)),
            (
                "parent nested",
                "/hello/../../secret.txt",
                Err(PathRefusal::DotSegment),
            ),
            ("dot", "/./hello/hello.js", Err(PathRefusal::DotSegment)),
            (
                "sibling prefix",
                "/../lib-evil/x.js",
                Err(PathRefusal::DotSegment),
            ),
            (
                "encoded dots",
                "/%2e%2e%2fsecret.txt",
                Err(PathRefusal::Malformed),
            ),
            (
                "encoded dot segment",
                "/%2e%2e/secret.txt",
                Err(PathRefusal::DotSegment),
            ),
            (
                "encoded slash",
                "/hello%2fhello.js",
                Err(PathRefusal::Malformed),
            ),
            (
                "double encoded",
                "/%252e%252e/secret.txt",
                Err(PathRefusal::DoubleEncoded),
            ),
            (
                "double encoded slash",
                "/..%252fsecret.txt",
                Err(PathRefusal::DoubleEncoded),
            ),
            (
                "backslash",
                "/hello\\..\\..\\secret.txt",
                Err(PathRefusal::Backslash),
            ),
            (
                "encoded backslash",
                "/..%5c..%5csecret.txt",
                Err(PathRefusal::Backslash),
            ),
            ("absolute", "//etc/passwd", Err(PathRefusal::EmptySegment)),
            (
                "absolute encoded",
                "/%2fetc%2fpasswd",
                Err(PathRefusal::Malformed),
            ),
            ("nul", "/hello/hello.js%00.png", Err(PathRefusal::Malformed)),
            ("bad escape", "/hello/%zz.js", Err(PathRefusal::Malformed)),
            (
                "truncated escape",
                "/hello/a%2",
                Err(PathRefusal::Malformed),
            ),
            ("symlink out", "/link-out", Err(PathRefusal::Escapes)),
            (
                "symlinked folder out",
                "/dir-out/x.js",
                Err(PathRefusal::Escapes),
            ),
        ];
        let root = lib.canonicalize().unwrap();
        for (name, input, expected) in cases {
            let got = serve(&lib, input).map(|p| {
                p.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            });
            assert_eq!(&got, expected, "case `{name}`: {input:?}");
        }
    }

    #[test]
    fn refusals_map_to_403_except_missing() {
        assert_eq!(PathRefusal::NotFound.status(), 404);
        assert_eq!(PathRefusal::Escapes.status(), 403);
        assert_eq!(PathRefusal::DotSegment.status(), 403);
    }

    #[test]
    fn manifest_paths_are_relative_and_plain() {
        assert_eq!(
            WidgetRelPath::from_manifest("hello/hello.js")
                .unwrap()
                .to_string(),
            "hello/hello.js"
        );
        assert_eq!(
            WidgetRelPath::from_manifest("/abs.js"),
            Err(PathRefusal::EmptySegment)
        );
        assert_eq!(
            WidgetRelPath::from_manifest("a/../b.js"),
            Err(PathRefusal::DotSegment)
        );
        assert_eq!(
            WidgetRelPath::from_manifest("a\\b.js"),
            Err(PathRefusal::Backslash)
        );
        assert_eq!(WidgetRelPath::from_manifest(""), Err(PathRefusal::Root));
    }

    #[test]
    fn url_path_round_trips() {
        let p = WidgetRelPath::from_manifest("my widget/a#b.js").unwrap();
        assert_eq!(p.to_url_path(), "/my%20widget/a%23b.js");
        assert_eq!(WidgetRelPath::from_url_path(&p.to_url_path()).unwrap(), p);
    }

    proptest::proptest! {
        /// Whatever the request path, a resolved file is inside the library folder.
        #[test]
        fn never_leaves_the_library(segs in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("..".to_string()),
                proptest::strategy::Just("%2e%2e".to_string()),
                proptest::strategy::Just("%252e".to_string()),
                proptest::strategy::Just("link-out".to_string()),
                proptest::strategy::Just("dir-out".to_string()),
                proptest::strategy::Just("hello".to_string()),
                proptest::strategy::Just("".to_string()),
                proptest::strategy::Just("%2f".to_string()),
                "[a-z.%\\\\/]{0,6}",
            ], 0..6)) {
            let (dir, lib) = fixture();
            let root = lib.canonicalize().unwrap();
            let path = format!("/{}", segs.join("/"));
            if let Ok(p) = serve(&lib, &path) {
                proptest::prop_assert!(p.starts_with(&root), "{path} -> {p:?}");
                proptest::prop_assert!(!p.starts_with(dir.path().join("lib-evil")));
            }
        }
    }
}
