// Loaded through a legacy 3.x manifest ({metadata, configuration}); the widget itself uses the
// current API, including the legacy event names a 3.x-era widget still subscribes to.
import { defineSimpleWidget } from '../lib/simple.js';

defineSimpleWidget('legacy-widget', 'legacy-widget (3.x manifest)',
  ['onInteractionEvent', 'onAgentStateEvent', 'onLocaleUpdatedEvent', 'onMediaDataEvent']);
