// Bundles every test widget with esbuild into ONE IIFE file and lays out ready widget libraries:
//
//   dist/library/<name>/<name>.js + <name>.json   the main library (files[0] = "<name>/<name>.js")
//   dist/broken-library/                           broken manifests in the root + one valid widget
//   dist/override/override-widget.json.tmpl        manifest with "overrideUrl": "{{BASE}}"
//   dist/override/www/override-widget/…js          what the test's HTTP server serves at {{BASE}}
//   dist/index.json                                what is where, and the errors each broken
//                                                  manifest must produce (for the tests)
//
// Idempotent and quick: when nothing that feeds the build changed since the last run (sources,
// this file, the lockfile, esbuild's version) it does nothing; `--force` rebuilds anyway. Output
// is byte-identical from run to run (no timestamps).
import { build, version as esbuildVersion } from 'esbuild';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, 'src');
const dist = path.join(here, 'dist');
const force = process.argv.includes('--force');

// The main library. `checks` says what each widget is there for (also in README.md).
const LIBRARY = [
  { name: 'vanilla-closed', entry: 'vanilla-closed/vanilla-closed.js', stack: 'plain JS, closed shadow DOM',
    checks: 'attributes and replayed onInteractionEvent/onAgentStateEvent/onNavigationEvent read in the constructor' },
  { name: 'lit-widget', entry: 'lit-widget/lit-widget.js', stack: 'Lit 3',
    checks: 'reactive properties from onInteractionEvent/onMediaMessageEvent/onNavigationEvent; sendNotification button' },
  { name: 'react-widget', entry: 'react-widget/react-widget.jsx', stack: 'React 18 custom element',
    checks: 'render in connectedCallback, unmount in disconnectedCallback; getAllInteractions, getConfiguration().user' },
  { name: 'api-exerciser', entry: 'api-exerciser/api-exerciser.js', stack: 'plain JS',
    checks: 'every event subscribed and recorded; every method called on el.__wtActions.exercise()' },
  { name: 'throwing-widget', entry: 'throwing-widget/throwing-widget.js', stack: 'plain JS',
    checks: 'a throwing onNavigationEvent subscriber does not stop the next one' },
  { name: 'legacy-widget', entry: 'legacy-widget/legacy-widget.js', stack: 'plain JS', legacyManifest: true,
    checks: 'legacy 3.x {metadata, configuration} manifest loads; legacy event names' },
];

// The library the widget tests in tests/widget-tests run on (`widget-host test`): widgets that
// act on what happens, as a widget team's would.
const AUTHOR_LIBRARY = {
  widgets: [
    { name: 'chat-greeter', entry: 'author-library/chat-greeter/chat-greeter.js' },
    { name: 'ready-button', entry: 'author-library/ready-button/ready-button.js' },
  ],
  layout: {
    home: ['ready-button'],
    interactionTabs: [{ id: 'chat', name: 'Chat', widgets: ['chat-greeter'] }],
  },
};

const BROKEN_LIBRARY = {
  valid: [{ name: 'healthy-widget', entry: 'broken-library/healthy-widget/healthy-widget.js' }],
  // Manifest file -> the fields the host must name. null: the file is not JSON at all.
  expectedErrors: {
    'broken-fields.json': ['tags', 'icon', 'files', 'element'],
    'no-files.json': ['name', 'files'],
    'missing-file.json': ['files'],
    'not-json.json': null,
  },
  extraFiles: ['broken-fields/one.js', 'broken-fields/two.js'],
};

// Widgets that clash on purpose on Workspaces' one page, and the clashes the host must report
// for them in shared page mode (kind, subject, the widgets named). webpack-a/b are built by
// webpack 5 with its defaults; the rest by esbuild like the main library.
const CLASH_LIBRARY = {
  widgets: [
    { name: 'twin-card-a', entry: 'clash-library/twin-card-a/twin-card-a.js', element: 'wt-twin-card' },
    { name: 'twin-card-b', entry: 'clash-library/twin-card-b/twin-card-b.js', element: 'wt-twin-card' },
    { name: 'global-a', entry: 'clash-library/global-a/global-a.js' },
    { name: 'global-b', entry: 'clash-library/global-b/global-b.js' },
    { name: 'webpack-a', entry: 'clash-library/webpack-a/webpack-a.js', webpack: true },
    { name: 'webpack-b', entry: 'clash-library/webpack-b/webpack-b.js', webpack: true },
    { name: 'global-css', entry: 'clash-library/global-css/global-css.js' },
    { name: 'ng-a', entry: 'clash-library/ng-a/ng-a.js' },
    { name: 'ng-b', entry: 'clash-library/ng-b/ng-b.js' },
    { name: 'by-id-widget', entry: 'clash-library/by-id-widget/by-id-widget.js' },
  ],
  layout: {
    home: ['twin-card-a', 'twin-card-b', 'global-a', 'global-b', 'webpack-a', 'webpack-b', 'global-css', 'ng-a', 'ng-b'],
    interactionTabs: [{ id: 'details', name: 'Details', widgets: ['by-id-widget'] }],
  },
  // duplicateId names instances: the same widget on two interactions' Details tab.
  expectedClashes: [
    { kind: 'element', subject: 'wt-twin-card', widgets: ['twin-card-a', 'twin-card-b'] },
    { kind: 'global', subject: 'wtCustomer', widgets: ['global-a', 'global-b'] },
    { kind: 'global', subject: 'webpackChunkwidget_host_test_widgets', widgets: ['webpack-a', 'webpack-b'] },
    { kind: 'runtime', subject: 'zone.js', widgets: ['ng-a', 'ng-b'] },
    { kind: 'globalCss', subject: '.neo-widget__content', widgets: ['global-css'] },
    { kind: 'duplicateId', subject: 'wt-status', widgets: ['int-1-details-by-id-widget', 'int-2-details-by-id-widget'], needs: 'two interactions open on the Details tab' },
  ],
};

async function webpackBundle(entry, outDir, name) {
  const { default: webpack } = await import('webpack');
  const stats = await new Promise((resolve, reject) => {
    webpack({
      mode: 'production',
      context: here,
      entry: { [name]: path.join(src, entry) },
      output: { path: outDir, filename: '[name].js', chunkFilename: `${name}-[name].js`, publicPath: 'auto' },
      devtool: false,
      performance: { hints: false },
    }, (err, st) => (err ? reject(err) : resolve(st)));
  });
  if (stats.hasErrors()) throw new Error(`webpack ${name}: ${stats.toString('errors-only')}`);
}

const OVERRIDE = { name: 'override-widget', entry: 'override-widget/override-widget.js', placeholder: '{{BASE}}' };

async function listFiles(dir) {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...await listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

async function inputsHash() {
  const h = createHash('sha256');
  h.update(`esbuild ${esbuildVersion}\n`);
  const files = [...await listFiles(src), path.join(here, 'build.mjs'), path.join(here, 'package-lock.json')];
  for (const f of files) {
    h.update(`${path.relative(here, f)}\n`);
    h.update(await readFile(f));
  }
  return h.digest('hex');
}

function outputs() {
  return [
    ...LIBRARY.flatMap((w) => [`library/${w.name}/${w.name}.js`, `library/${w.name}/${w.name}.json`]),
    ...BROKEN_LIBRARY.valid.flatMap((w) => [`broken-library/${w.name}/${w.name}.js`, `broken-library/${w.name}.json`]),
    ...Object.keys(BROKEN_LIBRARY.expectedErrors).map((f) => `broken-library/${f}`),
    ...CLASH_LIBRARY.widgets.flatMap((w) => [`clash-library/${w.name}/${w.name}.js`, `clash-library/${w.name}/${w.name}.json`]),
    'clash-library/widget-host-layout.json',
    ...AUTHOR_LIBRARY.widgets.flatMap((w) => [`author-library/${w.name}/${w.name}.js`, `author-library/${w.name}/${w.name}.json`]),
    'author-library/widget-host-layout.json',
    `override/${OVERRIDE.name}.json.tmpl`,
    `override/www/${OVERRIDE.name}/${OVERRIDE.name}.js`,
    'index.json',
  ].map((p) => path.join(dist, p));
}

async function bundle(entry, outfile, name) {
  await build({
    entryPoints: [path.join(src, entry)],
    outfile,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: `/* ${name}: a Widget Host test widget, bundled by tests/widgets/build.mjs */` },
    sourcemap: false,
    logLevel: 'warning',
  });
  // One classic script that parses: what the host loads with a <script> tag.
  new vm.Script(await readFile(outfile, 'utf8'), { filename: outfile });
}

async function main() {
  const started = Date.now();
  const stampFile = path.join(dist, '.stamp');
  const hash = await inputsHash();
  if (!force && existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === hash && outputs().every((p) => existsSync(p))) {
    console.log(`test widgets: up to date in ${path.relative(process.cwd(), dist) || '.'} (${Date.now() - started} ms)`);
    return;
  }

  await mkdir(dist, { recursive: true });
  await rm(stampFile, { force: true });
  for (const d of ['library', 'broken-library', 'clash-library', 'author-library', 'override', 'index.json']) {
    await rm(path.join(dist, d), { recursive: true, force: true });
  }

  const jobs = [];
  for (const w of LIBRARY) {
    const dir = path.join(dist, 'library', w.name);
    jobs.push(bundle(w.entry, path.join(dir, `${w.name}.js`), w.name));
    jobs.push(mkdir(dir, { recursive: true }).then(() =>
      cp(path.join(src, w.name, `${w.name}.json`), path.join(dir, `${w.name}.json`))));
  }
  for (const w of BROKEN_LIBRARY.valid) {
    const root = path.join(dist, 'broken-library');
    jobs.push(bundle(w.entry, path.join(root, w.name, `${w.name}.js`), w.name));
    jobs.push(mkdir(root, { recursive: true }).then(() =>
      cp(path.join(src, 'broken-library', `${w.name}.json`), path.join(root, `${w.name}.json`))));
  }
  for (const f of [...Object.keys(BROKEN_LIBRARY.expectedErrors), ...BROKEN_LIBRARY.extraFiles]) {
    const to = path.join(dist, 'broken-library', f);
    jobs.push(mkdir(path.dirname(to), { recursive: true }).then(() => cp(path.join(src, 'broken-library', f), to)));
  }
  for (const w of CLASH_LIBRARY.widgets) {
    const dir = path.join(dist, 'clash-library', w.name);
    jobs.push(w.webpack ? webpackBundle(w.entry, dir, w.name) : bundle(w.entry, path.join(dir, `${w.name}.js`), w.name));
    jobs.push(mkdir(dir, { recursive: true }).then(() =>
      cp(path.join(src, 'clash-library', w.name, `${w.name}.json`), path.join(dir, `${w.name}.json`))));
  }
  jobs.push(mkdir(path.join(dist, 'clash-library'), { recursive: true }).then(() =>
    writeFile(path.join(dist, 'clash-library', 'widget-host-layout.json'), `${JSON.stringify(CLASH_LIBRARY.layout, null, 2)}\n`)));
  for (const w of AUTHOR_LIBRARY.widgets) {
    const dir = path.join(dist, 'author-library', w.name);
    jobs.push(bundle(w.entry, path.join(dir, `${w.name}.js`), w.name));
    jobs.push(mkdir(dir, { recursive: true }).then(() =>
      cp(path.join(src, 'author-library', w.name, `${w.name}.json`), path.join(dir, `${w.name}.json`))));
  }
  jobs.push(mkdir(path.join(dist, 'author-library'), { recursive: true }).then(() =>
    writeFile(path.join(dist, 'author-library', 'widget-host-layout.json'), `${JSON.stringify(AUTHOR_LIBRARY.layout, null, 2)}\n`)));
  {
    const dir = path.join(dist, 'override');
    jobs.push(bundle(OVERRIDE.entry, path.join(dir, 'www', OVERRIDE.name, `${OVERRIDE.name}.js`), OVERRIDE.name));
    jobs.push(mkdir(dir, { recursive: true }).then(() =>
      cp(path.join(src, OVERRIDE.name, `${OVERRIDE.name}.json.tmpl`), path.join(dir, `${OVERRIDE.name}.json.tmpl`))));
  }
  await Promise.all(jobs);

  // Manifests must at least be what they claim: valid ones parse and name their own bundle.
  for (const w of LIBRARY) {
    const m = JSON.parse(await readFile(path.join(dist, 'library', w.name, `${w.name}.json`), 'utf8'));
    const c = w.legacyManifest ? m.configuration : m;
    const want = [`${w.name}/${w.name}.js`];
    if (JSON.stringify(c.files) !== JSON.stringify(want) || c.element !== `<${w.name}></${w.name}>`) {
      throw new Error(`${w.name}.json: files/element do not match the bundle (${JSON.stringify(c.files)}, ${c.element})`);
    }
  }

  const index = {
    about: 'Widget Host test widgets: what is where. Paths are relative to this file. See tests/widgets/README.md.',
    report: 'el.__wtReport on each widget element (actions: el.__wtActions)',
    library: {
      dir: 'library',
      widgets: LIBRARY.map((w) => ({
        name: w.name,
        element: `<${w.name}></${w.name}>`,
        manifest: `library/${w.name}/${w.name}.json`,
        bundle: `library/${w.name}/${w.name}.js`,
        files0: `${w.name}/${w.name}.js`,
        manifestFormat: w.legacyManifest ? 'legacy-3.x' : 'current',
        stack: w.stack,
        checks: w.checks,
      })),
    },
    brokenLibrary: {
      dir: 'broken-library',
      valid: BROKEN_LIBRARY.valid.map((w) => ({
        name: w.name, element: `<${w.name}></${w.name}>`, manifest: `broken-library/${w.name}.json`,
        bundle: `broken-library/${w.name}/${w.name}.js`, files0: `${w.name}/${w.name}.js`,
      })),
      expectedErrors: BROKEN_LIBRARY.expectedErrors,
    },
    clashLibrary: {
      dir: 'clash-library',
      widgets: CLASH_LIBRARY.widgets.map((w) => ({ name: w.name, element: `<${w.element || w.name}></${w.element || w.name}>`, builtWith: w.webpack ? 'webpack' : 'esbuild' })),
      layout: 'clash-library/widget-host-layout.json',
      expectedClashes: CLASH_LIBRARY.expectedClashes,
    },
    override: {
      template: `override/${OVERRIDE.name}.json.tmpl`,
      placeholder: OVERRIDE.placeholder,
      placeholderExample: 'http://127.0.0.1:PORT/',
      serveDir: 'override/www',
      files0: `${OVERRIDE.name}/${OVERRIDE.name}.js`,
      element: `<${OVERRIDE.name}></${OVERRIDE.name}>`,
    },
  };
  await writeFile(path.join(dist, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);

  const missing = outputs().filter((p) => !existsSync(p));
  if (missing.length) throw new Error(`build incomplete, missing: ${missing.join(', ')}`);
  await writeFile(stampFile, hash);
  console.log(`test widgets: built ${LIBRARY.length + BROKEN_LIBRARY.valid.length + CLASH_LIBRARY.widgets.length + AUTHOR_LIBRARY.widgets.length + 1} bundles into ${path.relative(process.cwd(), dist) || '.'} (${Date.now() - started} ms)`);
}

main().catch((e) => {
  console.error(`test widgets: build failed: ${e && e.stack || e}`);
  process.exit(1);
});
