import { defineWebpackWidget } from '../webpack-widget.js';
defineWebpackWidget('webpack-b');
