// Optional smoke test of the built test widgets in headless Chromium, against fake-ws.js rather
// than the real host: checks each widget mounts, reads its attributes, records replays and
// events, calls what it should and runs disconnectedCallback. Not part of `make test`.
//   bash tests/widgets/build.sh && node tests/widgets/harness/smoke.mjs
// Needs chromium (or CHROMIUM=/path/to/chrome).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const browser = process.env.CHROMIUM || 'chromium';
const page = pathToFileURL(path.join(here, 'harness.html')).href;

function run(params) {
  const url = `${page}?${new URLSearchParams(params)}`;
  const dom = execFileSync(browser, ['--headless', '--no-sandbox', '--disable-gpu', '--allow-file-access-from-files',
    '--virtual-time-budget=20000', '--dump-dom', url], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 60000 });
  const m = dom.match(/data-result="([^"]*)"/);
  if (!m) throw new Error(`no result for ${JSON.stringify(params)}:\n${dom.slice(0, 2000)}`);
  const result = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8'));
  if (result.harnessError) throw new Error(`${JSON.stringify(params)}: ${result.harnessError}`);
  return result;
}

let failures = 0;
function check(label, cond, detail) {
  if (cond) {
    console.log(`  ok   ${label}`);
  } else {
    failures++;
    console.log(`  FAIL ${label}${detail === undefined ? '' : `: ${JSON.stringify(detail).slice(0, 600)}`}`);
  }
}
const ev = (rep, name, label) => rep.events.filter((e) => e.name === name && (!label || e.label === label));
function common(res, element, interactionid) {
  const { before, after } = res;
  check('report element', before.element === element, before.element);
  check('attributes seen in the constructor', before.attributes.interactionid === (interactionid ?? null) && before.attributes.widgetid === `wid-${element}`, before.attributes);
  check('rendered', before.rendered === true);
  check('api present', before.api === true);
  check('no errors', before.errors.length === 0, before.errors);
  check('disconnectedCallback ran once', after.disconnected === 1, after.disconnected);
}

const cases = [
  ['vanilla-closed on an interaction', { widget: 'vanilla-closed', interactionid: 'int-1' }, (res) => {
    common(res, 'vanilla-closed', 'int-1');
    const b = res.before;
    check('replayed interaction, agent state and navigation', b.replayed.onInteractionEvent?.id === 'int-1'
      && b.replayed.onAgentStateEvent?.currentState === 'READY' && b.replayed.onNavigationEvent?.name === 'Home', b.replayed);
    check('only its own interaction delivered', ev(b, 'onInteractionEvent').every((e) => e.payload.id === 'int-1'), ev(b, 'onInteractionEvent'));
    check('view shows the latest state', b.shown.state === 'HELD' && b.shown.agentState === 'NOT_READY' && b.shown.navigation === 'Home', b.shown);
    check('subscriptions removed on disconnect', res.subsLeft === 0, res.subsLeft);
  }],
  ['vanilla-closed on Home', { widget: 'vanilla-closed' }, (res) => {
    common(res, 'vanilla-closed', null);
    check('no interaction replayed on Home', !('onInteractionEvent' in res.before.replayed) && 'onAgentStateEvent' in res.before.replayed, res.before.replayed);
  }],
  ['lit-widget', { widget: 'lit-widget', interactionid: 'int-1' }, (res) => {
    common(res, 'lit-widget', 'int-1');
    const b = res.before;
    check('replayed interaction', b.replayed.onInteractionEvent?.id === 'int-1', b.replayed);
    check('shows the media message', b.shown.lastMessage === 'Hi there' && b.shown.messageCount === 1, b.shown);
    const n = b.calls.find((c) => c.method === 'sendNotification');
    check('sendNotification(message, info) resolved', n && n.outcome === 'resolved' && n.args[0] === 'hello from lit' && n.args[1] === 'info', n);
  }],
  ['react-widget', { widget: 'react-widget' }, (res) => {
    common(res, 'react-widget', null);
    const b = res.before;
    check('shows getConfiguration().user', b.shown.user?.displayName === 'Agent One', b.shown);
    check('shows getAllInteractions()', b.shown.interactions?.length === 1, b.shown.interactions);
    check('onAnyInteractionEvent delivered', b.shown.anyInteractionEvents === 1, b.shown);
    check('replayed agent state', b.replayed.onAgentStateEvent?.currentState === 'READY', b.replayed);
    check('effect cleanup ran on unmount', res.after.calls.some((c) => c.method === 'removeAllDataEvents'), res.after.calls.map((c) => c.method));
  }],
  ['api-exerciser on an interaction', { widget: 'api-exerciser', interactionid: 'int-1' }, (res) => {
    common(res, 'api-exerciser', 'int-1');
    const b = res.before;
    check('exercise done', b.exercise?.state === 'done' && b.exercise.done === b.exercise.total && b.exercise.total === b.plan.length, b.exercise);
    const calls = b.calls.filter((c) => c.run);
    check('getters returned synchronously', calls.filter((c) => c.group === 'getter').every((c) => c.outcome === 'returned'), calls.filter((c) => c.group === 'getter' && c.outcome !== 'returned'));
    const unk = calls.find((c) => c.method === 'someFutureMethod');
    check('unknown method rejected unknown_method', unk?.outcome === 'rejected' && unk.code === 'unknown_method', unk);
    check('nothing threw or timed out', calls.every((c) => c.outcome !== 'threw' && c.outcome !== 'timeout'), calls.filter((c) => c.outcome === 'threw' || c.outcome === 'timeout'));
    check('subscribed to every event', b.subscriptions.length === 23 + 4 + 1, b.subscriptions.length);
    check('targeted message received', ev(b, 'onMessageEvent:wid-api-exerciser').length === 1, b.counts);
    check('update uses the created card id', calls.find((c) => c.method === 'updateCustomCard')?.args[0] === 'createCustomCard-1');
  }],
  ['api-exerciser on Home', { widget: 'api-exerciser' }, (res) => {
    common(res, 'api-exerciser', null);
    const calls = res.before.calls.filter((c) => c.run);
    const hold = calls.find((c) => c.method === 'holdInteraction');
    check('interaction methods refused without an interaction', hold?.outcome === 'rejected' && hold.code === 'no_interaction', hold);
  }],
  ['throwing-widget', { widget: 'throwing-widget' }, (res) => {
    common(res, 'throwing-widget', null);
    const b = res.before;
    check('thrower ran for the replay and both navigations', b.thrown === 3, b.thrown);
    check('recorder still got all three', ev(b, 'onNavigationEvent', 'recorder').length === 3, b.counts);
    check('host saw the throws', res.fake.filter((l) => l.subscriberThrew).length === 3);
  }],
  ['legacy-widget', { widget: 'legacy-widget', interactionid: 'int-1' }, (res) => {
    common(res, 'legacy-widget', 'int-1');
    check('loaded from the library', /dist\/library\/legacy-widget\/legacy-widget\.js$/.test(res.before.script), res.before.script);
  }],
  ['healthy-widget (broken library)', { widget: 'healthy-widget', lib: '../dist/broken-library' }, (res) => {
    common(res, 'healthy-widget', null);
  }],
  ['override-widget (served copy)', { widget: 'override-widget', lib: '../dist/override/www' }, (res) => {
    common(res, 'override-widget', null);
    check('script URL recorded', /override\/www\/override-widget\/override-widget\.js$/.test(res.before.script), res.before.script);
  }],
];

for (const [label, params, verify] of cases) {
  console.log(label);
  try {
    verify(run(params));
  } catch (e) {
    failures++;
    console.log(`  FAIL ${e.message}`);
  }
}
console.log(failures ? `${failures} failure(s)` : 'all smoke checks passed');
process.exit(failures ? 1 : 0);
