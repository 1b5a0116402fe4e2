// The valid widget of the broken library: it must load and run while the broken manifests next
// to it are reported.
import { defineSimpleWidget } from '../../lib/simple.js';

defineSimpleWidget('healthy-widget', 'healthy-widget (next to broken manifests)', ['onAgentStateEvent', 'onNavigationEvent']);
