import { defineNgWidget } from '../ng-widget.js';
defineNgWidget('ng-b', 'Angular widget B');
