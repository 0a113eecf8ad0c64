// Building the page's DOM: elements with fixed attributes and text children only. Audit data reaches
// the document through text nodes (textContent) and nowhere else: it is shown, never parsed or run.
import { sanitizeLine } from '../../text/sanitize.js';

type Child = Node | string | null | undefined | false;

export interface ElementProps {
  className?: string;
  /** Fixed attributes (ids, roles, aria-*); never built from audit data. */
  attrs?: Record<string, string>;
  title?: string;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.title !== undefined) node.title = visible(props.title);
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * Untrusted text as the terminal shows it: control and bidi characters as visible escapes, so a
 * right-to-left override cannot reorder what an auditor reads.
 */
export function visible(text: string): string {
  return sanitizeLine(text);
}

/** A text node of untrusted text. */
export function textOf(value: unknown): Text {
  return document.createTextNode(visible(value === null || value === undefined ? '' : String(value)));
}

export function section(title: string, id: string, ...children: Child[]): HTMLElement {
  return el('section', { attrs: { id, 'aria-labelledby': `${id}-title` } }, el('h2', { attrs: { id: `${id}-title` } }, title), ...children);
}

export const formatCount = (n: number) => n.toLocaleString('en-US');
