//! The host's rich-media check runs the vectors the page's `validateRichMediaMessage` runs too
//! (tests/js/rich-media.test.mjs), so the two cannot disagree.

use serde_json::Value;

#[test]
fn the_host_check_follows_the_shared_vectors() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/rich_media.json"
    ))
    .expect("vectors");
    let vectors: Vec<Value> = serde_json::from_str(&text).expect("vectors are JSON");
    assert!(vectors.len() > 10);
    for v in &vectors {
        let got = widget_host_core::rich_media::text(&v["body"], v["type"].as_str().unwrap_or(""))
            .is_ok();
        assert_eq!(got, v["valid"].as_bool().unwrap(), "{}", v["what"]);
    }
}
