/**
 * Node tests that hold in every document the script reads. It reads the lists of the page's frames
 * of the same origin too (`frames.ts`), and a frame's nodes belong to the frame's own window: they
 * are not instances of this script's `Element` or `HTMLTableElement`, so `instanceof` would pass
 * every one of them over. Nodes are told by their type and tag instead.
 */

const HTML = 'http://www.w3.org/1999/xhtml';

export function isElement(node: unknown): node is Element {
  return (node as Node | null | undefined)?.nodeType === 1;
}

export function isDocument(node: unknown): node is Document {
  return (node as Node | null | undefined)?.nodeType === 9;
}

/** An element of HTML's own (not SVG's or MathML's): it has `innerText`, `style` and `hidden`. */
export function isHtmlElement(node: unknown): node is HTMLElement {
  return isElement(node) && node.namespaceURI === HTML;
}

/** An HTML element of the tag named, lower case ('input', 'table', 'tr'). */
export function isHtmlTag<Tag extends keyof HTMLElementTagNameMap>(
  node: unknown,
  tag: Tag,
): node is HTMLElementTagNameMap[Tag] {
  return isHtmlElement(node) && node.localName === tag;
}
