// Entry of widget.js: reads the embedding <script>'s data-* attributes and mounts the widget in a shadow
// root, so no host stylesheet reaches inside and ours never leaks out.
import { render } from 'preact';
import { readOptions } from '../options';
import css from './styles.css?inline';
import { Widget } from './Widget';

function mount(script: HTMLScriptElement) {
  const options = readOptions({ ...script.dataset }, new URL(script.src, document.baseURI).origin);
  const host = document.createElement('kadesk-widget');
  // Inline !important beats any host stylesheet rule aimed at the host element (display, transform, filter…).
  host.setAttribute('style', `all: initial !important; --kd-accent: ${options.color};`);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  root.appendChild(style);
  const container = document.createElement('div');
  container.className = 'kd-root';
  root.appendChild(container);
  document.body.appendChild(host);
  render(<Widget options={options} />, container);
}

const script = document.currentScript as HTMLScriptElement | null;
if (script) {
  if (document.body) mount(script);
  else document.addEventListener('DOMContentLoaded', () => mount(script));
}
