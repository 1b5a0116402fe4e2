//! Widget JSON manifests: the current Workspaces format and the legacy 3.x
//! `{metadata, configuration}` form, normalised to one [`Manifest`]. Parsing collects every
//! problem of a file as `{file, field, message}` instead of stopping at the first.

use serde::Serialize;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// At most this many tags (Widget Manager refuses more).
pub const MAX_TAGS: usize = 10;

/// The longest a manifest file may be: a real one is a few hundred bytes.
pub const MAX_MANIFEST_BYTES: u64 = 256 * 1024;

/// The longest a text field of a manifest may be (a name, a tag, a file...), in characters.
pub fn max_chars(key: &str) -> usize {
    match key {
        "name" | "icon" => 200,
        "version" | "tag" => 64,
        "description" | "element" | "file" | "override_url" | "overrideUrl" => 2000,
        _ => 2000,
    }
}

/// One problem found in a manifest, naming the file and the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManifestProblem {
    /// The manifest file.
    pub file: PathBuf,
    /// The JSON field, dotted for the legacy form (`configuration.files`).
    pub field: String,
    /// What is wrong, in words a widget developer acts on.
    pub message: String,
}

impl std::fmt::Display for ManifestProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: field `{}`: {}",
            self.file.display(),
            self.field,
            self.message
        )
    }
}

/// The custom element a manifest declares: its tag and the HTML string as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElementSpec {
    /// The custom-element tag name, e.g. `my-widget`.
    pub tag: String,
    /// Attributes written in the manifest's element string, in order.
    pub attributes: Vec<(String, String)>,
}

/// Which manifest format the file used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ManifestFormat {
    /// `{name, description, version, element, icon, tags, files, override_url}`.
    Current,
    /// 3.x `{metadata, configuration}`.
    Legacy,
}

/// A valid widget manifest, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Free-text version.
    pub version: String,
    /// The element to mount.
    pub element: ElementSpec,
    /// A NEO icon class, e.g. `neo-icon-crm`.
    pub icon: String,
    /// Up to ten tags.
    pub tags: Vec<String>,
    /// Bundle files as written: exactly one in the current format, loaded in order for legacy.
    pub files: Vec<String>,
    /// Base URL to load `files` from instead of the library folder.
    pub override_url: Option<String>,
    /// The format the file used.
    pub format: ManifestFormat,
}

/// True when a JSON document looks like a widget manifest (as opposed to `package.json` or a
/// data file that happens to sit in the library).
pub fn looks_like_manifest(v: &Value) -> bool {
    match v.as_object() {
        Some(o) => {
            o.contains_key("element")
                || o.contains_key("files")
                || (o.contains_key("metadata") && o.contains_key("configuration"))
                || (o.contains_key("icon") && o.contains_key("name"))
        }
        None => false,
    }
}

/// Parses a manifest's text, returning every problem found.
pub fn parse(file: &Path, text: &str) -> Result<Manifest, Vec<ManifestProblem>> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        vec![ManifestProblem {
            file: file.to_owned(),
            field: "(document)".into(),
            message: format!("not valid JSON: {e}"),
        }]
    })?;
    parse_value(file, &value)
}

/// Parses an already-decoded manifest document.
pub fn parse_value(file: &Path, value: &Value) -> Result<Manifest, Vec<ManifestProblem>> {
    let mut p = Problems {
        file,
        list: Vec::new(),
    };
    let Some(obj) = value.as_object() else {
        p.add("(document)", "a widget manifest must be a JSON object");
        return Err(p.list);
    };
    let manifest = if obj.contains_key("metadata") || obj.contains_key("configuration") {
        parse_legacy(obj, &mut p)
    } else {
        parse_current(obj, &mut p)
    };
    match manifest {
        Some(m) if p.list.is_empty() => Ok(m),
        _ => Err(p.list),
    }
}

struct Problems<'a> {
    file: &'a Path,
    list: Vec<ManifestProblem>,
}

impl Problems<'_> {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.list.push(ManifestProblem {
            file: self.file.to_owned(),
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// A mandatory non-empty string.
    fn string(&mut self, obj: &Map<String, Value>, key: &str, field: &str) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => {
                self.add(field, "missing (mandatory)");
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.add(field, "must not be empty");
                None
            }
            Some(Value::String(s)) => self.within(s, key, field),
            Some(other) => {
                self.add(field, format!("must be a string, found {}", kind(other)));
                None
            }
        }
    }

    /// The text if it is no longer than its key allows.
    fn within(&mut self, s: &str, key: &str, field: &str) -> Option<String> {
        let (n, max) = (s.chars().count(), max_chars(key));
        if n > max {
            self.add(field, format!("{n} characters; at most {max} are allowed"));
            return None;
        }
        Some(s.to_owned())
    }

    /// Tags: strings, each a short word, at most [`MAX_TAGS`].
    fn tags(&mut self, tags: Vec<&Value>, field: &str) -> Option<Vec<String>> {
        let strings: Vec<&str> = tags.iter().filter_map(|t| t.as_str()).collect();
        if strings.len() != tags.len() {
            self.add(field, "every tag must be a string");
            return None;
        }
        if strings.len() > MAX_TAGS {
            self.add(
                field,
                format!("{} tags; at most {MAX_TAGS} are allowed", strings.len()),
            );
            return None;
        }
        let before = self.list.len();
        let tags: Vec<String> = strings
            .iter()
            .filter_map(|t| self.within(t, "tag", field))
            .collect();
        (self.list.len() == before).then_some(tags)
    }

    fn optional_string(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        field: &str,
    ) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => self.within(s, key, field),
            Some(other) => {
                self.add(field, format!("must be a string, found {}", kind(other)));
                None
            }
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn parse_current(obj: &Map<String, Value>, p: &mut Problems) -> Option<Manifest> {
    let name = p.string(obj, "name", "name");
    let description = p.string(obj, "description", "description");
    let version = p.string(obj, "version", "version");
    let icon = p.string(obj, "icon", "icon");
    let element = p
        .string(obj, "element", "element")
        .and_then(|e| element_spec(&e, "element", p));
    let tags = match obj.get("tags") {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::Array(a)) => p.tags(a.iter().collect(), "tags"),
        Some(other) => {
            p.add(
                "tags",
                format!("must be an array of strings, found {}", kind(other)),
            );
            None
        }
    };
    let files = match obj.get("files") {
        None | Some(Value::Null) => {
            p.add("files", "missing: give the one bundle file to load");
            None
        }
        Some(Value::Array(a)) => {
            let files: Vec<String> = a
                .iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect();
            if files.len() != a.len() {
                p.add("files", "every entry must be a string");
                None
            } else if files.len() != 1 {
                p.add(
                    "files",
                    format!(
                        "{} entries; exactly one bundle file is supported",
                        files.len()
                    ),
                );
                None
            } else if files[0].trim().is_empty() {
                p.add("files", "the file name is empty");
                None
            } else {
                p.within(&files[0], "file", "files[0]").map(|_| files)
            }
        }
        Some(other) => {
            p.add(
                "files",
                format!("must be an array with one file, found {}", kind(other)),
            );
            None
        }
    };
    let override_url = override_url(obj, "", p);
    Some(Manifest {
        name: name?,
        description: description?,
        version: version?,
        element: element?,
        icon: icon?,
        tags: tags?,
        files: files?,
        override_url: override_url?,
        format: ManifestFormat::Current,
    })
}

/// Reads `override_url` or `overrideUrl` (Avaya's own samples use both); `None` inside means absent.
fn override_url(
    obj: &Map<String, Value>,
    prefix: &str,
    p: &mut Problems,
) -> Option<Option<String>> {
    let (key, raw) = if obj.contains_key("override_url") {
        (
            "override_url",
            p.optional_string(obj, "override_url", &format!("{prefix}override_url")),
        )
    } else {
        (
            "overrideUrl",
            p.optional_string(obj, "overrideUrl", &format!("{prefix}overrideUrl")),
        )
    };
    match raw {
        None if obj.get(key).is_some_and(|v| !v.is_null()) => None,
        None => Some(None),
        Some(s) if s.trim().is_empty() => Some(None),
        Some(s) => {
            let lower = s.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                Some(Some(s))
            } else {
                p.add(
                    &format!("{prefix}{key}"),
                    format!("`{s}` is not an http:// or https:// URL"),
                );
                None
            }
        }
    }
}

fn parse_legacy(obj: &Map<String, Value>, p: &mut Problems) -> Option<Manifest> {
    let empty = Map::new();
    let meta = match obj.get("metadata") {
        Some(Value::Object(m)) => m,
        Some(other) => {
            p.add(
                "metadata",
                format!("must be an object, found {}", kind(other)),
            );
            &empty
        }
        None => {
            p.add(
                "metadata",
                "missing (the legacy form needs metadata and configuration)",
            );
            &empty
        }
    };
    let conf = match obj.get("configuration") {
        Some(Value::Object(m)) => m,
        Some(other) => {
            p.add(
                "configuration",
                format!("must be an object, found {}", kind(other)),
            );
            &empty
        }
        None => {
            p.add(
                "configuration",
                "missing (the legacy form needs metadata and configuration)",
            );
            &empty
        }
    };
    let name = p.string(meta, "name", "metadata.name");
    let description = p.string(meta, "description", "metadata.description");
    let version = p.string(meta, "version", "metadata.version");
    let icon = p.string(conf, "icon", "configuration.icon");
    let element = p
        .string(conf, "element", "configuration.element")
        .and_then(|e| element_spec(&e, "configuration.element", p));
    // Legacy tags are one comma-separated string (some write an array): the same limits apply.
    let tags = match meta.get("tags") {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::String(s)) => {
            let words: Vec<Value> = s
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| Value::String(t.to_owned()))
                .collect();
            p.tags(words.iter().collect(), "metadata.tags")
        }
        Some(Value::Array(a)) => p.tags(a.iter().collect(), "metadata.tags"),
        Some(other) => {
            p.add(
                "metadata.tags",
                format!("must be a comma-separated string, found {}", kind(other)),
            );
            None
        }
    };
    // Legacy widgets list several files loaded in order (scripts and stylesheets).
    let files = match conf.get("files") {
        Some(Value::Array(a))
            if !a.is_empty()
                && a.iter()
                    .all(|f| f.as_str().is_some_and(|s| !s.trim().is_empty())) =>
        {
            Some(
                a.iter()
                    .map(|f| f.as_str().unwrap_or_default().to_owned())
                    .collect(),
            )
        }
        Some(Value::Array(_)) => {
            p.add(
                "configuration.files",
                "must list at least one file, each a non-empty string",
            );
            None
        }
        None | Some(Value::Null) => {
            p.add(
                "configuration.files",
                "missing: give the bundle file(s) to load",
            );
            None
        }
        Some(other) => {
            p.add(
                "configuration.files",
                format!("must be an array, found {}", kind(other)),
            );
            None
        }
    };
    let override_url = override_url(conf, "configuration.", p);
    Some(Manifest {
        name: name?,
        description: description?,
        version: version?,
        element: element?,
        icon: icon?,
        tags: tags?,
        files: files?,
        override_url: override_url?,
        format: ManifestFormat::Legacy,
    })
}

/// Names the HTML spec reserves although they contain a hyphen.
const RESERVED: &[&str] = &[
    "annotation-xml",
    "color-profile",
    "font-face",
    "font-face-src",
    "font-face-uri",
    "font-face-format",
    "font-face-name",
    "missing-glyph",
];

/// Checks that `html` is exactly one custom element, `<x-y attr="v"></x-y>` (or self-closed),
/// and returns its tag and attributes.
fn element_spec(html: &str, field: &str, p: &mut Problems) -> Option<ElementSpec> {
    match parse_element(html.trim()) {
        Ok(spec) => Some(spec),
        Err(why) => {
            p.add(
                field,
                format!("`{html}` is not one custom-element tag: {why}"),
            );
            None
        }
    }
}

fn parse_element(s: &str) -> Result<ElementSpec, String> {
    let rest = s.strip_prefix('<').ok_or("it must start with `<`")?;
    let name_end = rest
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .ok_or("unclosed tag")?;
    let tag = &rest[..name_end];
    valid_custom_name(tag)?;
    let mut rest = &rest[name_end..];
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("/>") {
            rest = r;
            break;
        }
        if let Some(r) = rest.strip_prefix('>') {
            let close = format!("</{tag}>");
            let inner = r
                .trim_end()
                .strip_suffix(close.as_str())
                .ok_or(format!("missing `{close}`"))?;
            if !inner.trim().is_empty() {
                return Err("the element must be empty".into());
            }
            rest = "";
            break;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .ok_or("unclosed tag")?;
        let name = &rest[..end];
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_:.".contains(c))
        {
            return Err(format!("bad attribute name `{name}`"));
        }
        rest = rest[end..].trim_start();
        let value = if let Some(r) = rest.strip_prefix('=') {
            let r = r.trim_start();
            let quote = r.chars().next().ok_or("attribute value missing")?;
            if quote == '"' || quote == '\'' {
                let close = r[1..].find(quote).ok_or("unterminated attribute value")?;
                rest = &r[close + 2..];
                r[1..close + 1].to_owned()
            } else {
                let end = r
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .ok_or("unclosed tag")?;
                rest = &r[end..];
                r[..end].to_owned()
            }
        } else {
            String::new()
        };
        attributes.push((name.to_ascii_lowercase(), value));
    }
    if !rest.trim().is_empty() {
        return Err("text after the element".into());
    }
    Ok(ElementSpec {
        tag: tag.to_owned(),
        attributes,
    })
}

fn valid_custom_name(tag: &str) -> Result<(), String> {
    let first = tag.chars().next().ok_or("empty tag name")?;
    if !first.is_ascii_lowercase() {
        return Err(format!("`{tag}` must start with a lower-case letter"));
    }
    if !tag.contains('-') {
        return Err(format!(
            "`{tag}` has no hyphen, so it is not a custom-element name"
        ));
    }
    if !tag
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c))
    {
        return Err(format!(
            "`{tag}` may only hold lower-case letters, digits, `-`, `.`, `_`"
        ));
    }
    if RESERVED.contains(&tag) {
        return Err(format!("`{tag}` is reserved by HTML"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn file() -> &'static Path {
        Path::new("lib/w.json")
    }

    fn fields(v: Value) -> Vec<String> {
        parse_value(file(), &v)
            .unwrap_err()
            .into_iter()
            .map(|p| p.field)
            .collect()
    }

    fn current() -> Value {
        json!({"name": "Hello", "description": "d", "version": "1.0", "element": "<hello-widget></hello-widget>",
               "icon": "neo-icon-crm", "tags": ["a"], "files": ["hello/hello.js"]})
    }

    #[test]
    fn current_format_parses() {
        let m = parse_value(file(), &current()).unwrap();
        assert_eq!(m.element.tag, "hello-widget");
        assert_eq!(m.files, ["hello/hello.js"]);
        assert_eq!(m.format, ManifestFormat::Current);
        assert_eq!(m.override_url, None);
    }

    #[test]
    fn every_problem_is_reported_with_its_field() {
        let v = json!({"name": "x", "version": 3, "element": "<div></div>",
                       "tags": ["1","2","3","4","5","6","7","8","9","10","11"], "files": ["a.js", "b.js"]});
        assert_eq!(
            fields(v),
            ["description", "version", "icon", "element", "tags", "files"]
        );
    }

    #[test]
    fn file_and_message_are_named() {
        let mut v = current();
        v.as_object_mut().unwrap().remove("icon");
        let probs = parse_value(file(), &v).unwrap_err();
        assert_eq!(
            probs[0].to_string(),
            "lib/w.json: field `icon`: missing (mandatory)"
        );
    }

    #[test]
    fn files_must_hold_exactly_one_entry() {
        let mut v = current();
        v["files"] = json!([]);
        assert_eq!(fields(v.clone()), ["files"]);
        v["files"] = json!("a.js");
        assert_eq!(fields(v), ["files"]);
    }

    #[test]
    fn ten_tags_pass_eleven_fail() {
        let mut v = current();
        v["tags"] = json!(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
        assert!(parse_value(file(), &v).is_ok());
        v["tags"] = json!(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"]);
        assert_eq!(fields(v), ["tags"]);
    }

    #[test]
    fn long_fields_and_legacy_tag_lists_are_limited_too() {
        let mut v = current();
        v["name"] = json!("n".repeat(5_000_000));
        v["tags"] = json!(["ok", "t".repeat(65)]);
        assert_eq!(fields(v.clone()), ["name", "tags"]);
        let e = parse_value(file(), &v).unwrap_err();
        assert!(
            e[0].message.contains("5000000 characters; at most 200"),
            "{}",
            e[0].message
        );
        let legacy = json!({"metadata": {"name": "Old", "description": "d", "version": "1",
            "tags": ["1","2","3","4","5","6","7","8","9","10","11","12"]},
            "configuration": {"element": "<old-w></old-w>", "icon": "i", "files": ["a.js"]}});
        assert_eq!(fields(legacy), ["metadata.tags"]);
    }

    #[test]
    fn element_must_be_one_custom_element() {
        let ok = [
            "<a-b></a-b>",
            "<my-el foo=\"1\" bar='x y' baz></my-el>",
            " <x-y/> ",
            "<x-1.2_z></x-1.2_z>",
        ];
        for e in ok {
            assert!(parse_element(e.trim()).is_ok(), "{e}");
        }
        let bad = [
            "<div></div>",
            "<My-El></My-El>",
            "<a-b></a-c>",
            "<a-b></a-b><c-d></c-d>",
            "a-b",
            "<a-b>text</a-b>",
            "<font-face></font-face>",
            "<a-b",
            "<1-a></1-a>",
        ];
        for e in bad {
            assert!(parse_element(e.trim()).is_err(), "{e}");
        }
        let spec = parse_element("<my-el Foo=\"1\" bar></my-el>").unwrap();
        assert_eq!(
            spec.attributes,
            [
                ("foo".to_string(), "1".to_string()),
                ("bar".to_string(), String::new())
            ]
        );
    }

    #[test]
    fn override_url_in_both_spellings() {
        let mut v = current();
        v["override_url"] = json!("http://localhost:8443/");
        assert_eq!(
            parse_value(file(), &v).unwrap().override_url.as_deref(),
            Some("http://localhost:8443/")
        );
        let mut v = current();
        v["overrideUrl"] = json!("https://w.example/");
        assert_eq!(
            parse_value(file(), &v).unwrap().override_url.as_deref(),
            Some("https://w.example/")
        );
        let mut v = current();
        v["overrideUrl"] = json!("ftp://w.example/");
        assert_eq!(fields(v), ["overrideUrl"]);
    }

    #[test]
    fn legacy_form_is_normalised() {
        let v = json!({"metadata": {"name": "Old", "description": "d", "tags": "a, b,c", "version": "1.0.0",
                                    "library": "Sample", "id": "0b1c"},
                       "configuration": {"external": true, "name": "0b1c", "element": "<old-widget></old-widget>",
                                         "icon": "aoc-home", "files": ["old.css", "old.js"],
                                         "overrideUrl": "https://localhost:8443/"}});
        let m = parse_value(file(), &v).unwrap();
        assert_eq!(m.format, ManifestFormat::Legacy);
        assert_eq!(m.tags, ["a", "b", "c"]);
        assert_eq!(m.files, ["old.css", "old.js"]);
        assert_eq!(m.element.tag, "old-widget");
        assert_eq!(m.override_url.as_deref(), Some("https://localhost:8443/"));
    }

    #[test]
    fn legacy_problems_use_dotted_fields() {
        let v = json!({"metadata": {"name": "Old"}, "configuration": {"element": "<old>", "files": []}});
        assert_eq!(
            fields(v),
            [
                "metadata.description",
                "metadata.version",
                "configuration.icon",
                "configuration.element",
                "configuration.files"
            ]
        );
    }

    #[test]
    fn not_json_names_the_document() {
        let probs = parse(file(), "{ nope").unwrap_err();
        assert_eq!(probs[0].field, "(document)");
        assert!(probs[0].message.contains("not valid JSON"));
    }

    #[test]
    fn recognises_manifests_among_other_json() {
        assert!(looks_like_manifest(&current()));
        assert!(!looks_like_manifest(
            &json!({"name": "pkg", "dependencies": {}})
        ));
        assert!(!looks_like_manifest(&json!([1, 2])));
    }
}
