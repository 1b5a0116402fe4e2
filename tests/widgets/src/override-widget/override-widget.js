// Loaded from the manifest's overrideUrl (a local HTTP server the test starts), not from the
// library: report.script is the URL the bundle actually came from.
import { defineSimpleWidget } from '../lib/simple.js';

defineSimpleWidget('override-widget', 'override-widget (overrideUrl)', ['onAgentStateEvent', 'onNavigationEvent']);
