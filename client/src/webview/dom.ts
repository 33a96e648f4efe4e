/**
 * DOM helpers of the summary panel: text only. Every YAML-derived string goes through `textContent` or
 * `setAttribute`, never through an HTML parser.
 */
import type { SourceLocation } from '../../../server/src/core/summary';
import { formatNumber } from '../../../server/src/summaryChart';

const svgNamespace = 'http://www.w3.org/2000/svg';
/** The source location behind each clickable element (rows, buttons); the panel's click and key handlers read it. */
const locations = new WeakMap<Element, SourceLocation>();

/**
 * A child to append: a node, text, nothing, or a list of children. Lists are passed as one argument, never
 * spread into a call: a spread of 100,000 measures overflows the stack.
 */
export type Child = Node | string | undefined | false | readonly Child[];

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: { className?: string; text?: string; attrs?: Record<string, string> } = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.className) {
    element.className = options.className;
  }
  if (options.text !== undefined) {
    element.textContent = options.text;
  }
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

export function append(parent: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      for (const item of child as readonly Child[]) {
        append(parent, item);
      }
      continue;
    }
    parent.append(typeof child === 'string' ? document.createTextNode(child) : (child as Node));
  }
}

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNamespace, tag);
  for (const [name, value] of Object.entries(attrs)) {
    element.setAttribute(name, String(value));
  }
  return element;
}

/** Text of a value that should be a string; anything else (a malformed message) shows as nothing. */
export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

export function num(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? formatNumber(value) : '–';
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function linkTo(element: Element, location: SourceLocation | undefined): void {
  if (location && typeof location.uri === 'string') {
    locations.set(element, location);
  }
}

/** The source location `linkTo` gave `element`, if any. */
export function locationOf(element: Element): SourceLocation | undefined {
  return locations.get(element);
}

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  const heading = el('h2', { text: title, attrs: { id: `${id}-heading` } });
  return el('section', { className: 'summary-section', attrs: { 'aria-labelledby': `${id}-heading`, id } }, heading, children);
}

export function statusBadge(kind: string, label: string): HTMLElement {
  const symbol = kind === 'current' || kind === 'good' ? '✓' : kind === 'outdated' || kind === 'warn' ? '!' : kind === 'missing' || kind === 'bad' ? '✗' : '•';
  return el('span', { className: `badge badge-${kind}` }, el('span', { className: 'badge-symbol', text: symbol, attrs: { 'aria-hidden': 'true' } }), label);
}

export function legendSwatch(className: string, label: string): HTMLElement {
  const swatch = svg('svg', { width: 10, height: 10, viewBox: '0 0 10 10', 'aria-hidden': 'true', class: 'swatch' });
  swatch.append(svg('rect', { class: className, x: 0, y: 0, width: 10, height: 10 }));
  return el('span', { className: 'legend-item' }, swatch, ` ${label}`);
}
