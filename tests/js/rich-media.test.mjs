// The page's validateRichMediaMessage (ui/shared/rich-media.js) runs the vectors the host's
// check runs (src-tauri/core/tests/rich_media.rs). Run by tests/contract.rs with `node --test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const root = new URL('../../', import.meta.url);
const sandbox = {};
vm.runInNewContext(readFileSync(new URL('ui/shared/rich-media.js', root), 'utf8'), sandbox);
const vectors = JSON.parse(readFileSync(new URL('src-tauri/core/tests/fixtures/rich_media.json', root), 'utf8'));

test('the page check follows the shared vectors', () => {
  assert.ok(vectors.length > 10);
  for (const v of vectors) {
    assert.equal(sandbox.validRichMedia(v.body, v.type), v.valid, v.what);
  }
});
