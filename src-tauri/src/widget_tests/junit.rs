//! JUnit XML, the report CI services read: one `testsuite`, one `testcase` per test file, a
//! `failure` per test that failed with every failed step in it and the screenshots named.

use super::outcome::Outcome;

/// The JUnit XML of a run.
pub fn xml(outcomes: &[Outcome], seconds: f64) -> String {
    let failed = outcomes.iter().filter(|o| !o.passed).count();
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&format!(
        "<testsuites name=\"widget-host test\" tests=\"{}\" failures=\"{failed}\" time=\"{seconds:.3}\">\n",
        outcomes.len()
    ));
    s.push_str(&format!(
        "  <testsuite name=\"widget-host\" tests=\"{}\" failures=\"{failed}\" errors=\"0\" time=\"{seconds:.3}\">\n",
        outcomes.len()
    ));
    for o in outcomes {
        s.push_str(&format!(
            "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" time=\"{:.3}\"",
            escape(&o.name),
            escape(&o.file.display().to_string()),
            escape(&o.file.display().to_string()),
            o.ms as f64 / 1000.0
        ));
        if o.passed {
            s.push_str("/>\n");
            continue;
        }
        s.push_str(">\n");
        let first = o.failures.first().map(|f| f.line()).unwrap_or_default();
        let body: Vec<String> = o
            .failures
            .iter()
            .map(|f| match &f.screenshot {
                Some(p) => format!("{}\n  screenshot: {}", f.line(), p.display()),
                None => f.line(),
            })
            .collect();
        s.push_str(&format!(
            "      <failure message=\"{}\" type=\"expectation\">{}</failure>\n",
            escape(&first),
            escape(&body.join("\n"))
        ));
        let shots: Vec<String> = o
            .failures
            .iter()
            .filter_map(|f| f.screenshot.as_ref())
            .map(|p| format!("[[ATTACHMENT|{}]]", p.display()))
            .collect();
        if !shots.is_empty() {
            s.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                escape(&shots.join("\n"))
            ));
        }
        s.push_str("    </testcase>\n");
    }
    s.push_str("  </testsuite>\n</testsuites>\n");
    s
}

/// Text and attribute escaping; characters XML 1.0 cannot hold become U+FFFD.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget_tests::outcome::Failure;
    use std::path::PathBuf;

    #[test]
    fn failures_are_escaped_and_counted() {
        let ok = Outcome {
            name: "greets".into(),
            file: PathBuf::from("t/a.test.json"),
            passed: true,
            ms: 1200,
            steps: 3,
            failures: vec![],
        };
        let bad = Outcome {
            name: "says <bye> & \"leaves\"".into(),
            file: PathBuf::from("t/b.test.json"),
            passed: false,
            ms: 800,
            steps: 4,
            failures: vec![Failure {
                step: Some(4),
                tag: Some("expectCall".into()),
                message: "no call\u{1}".into(),
                screenshot: Some(PathBuf::from("shots/b/step-4.png")),
            }],
        };
        let x = xml(&[ok, bad], 2.0);
        assert!(x.contains("tests=\"2\" failures=\"1\""), "{x}");
        assert!(
            x.contains("name=\"says &lt;bye&gt; &amp; &quot;leaves&quot;\""),
            "{x}"
        );
        assert!(
            x.contains("message=\"step 4 (expectCall): no call\u{fffd}\""),
            "{x}"
        );
        assert!(x.contains("[[ATTACHMENT|shots/b/step-4.png]]"), "{x}");
        assert!(x.contains("<testcase name=\"greets\" classname=\"t/a.test.json\" file=\"t/a.test.json\" time=\"1.200\"/>"), "{x}");
    }
}
