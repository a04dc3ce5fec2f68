// The slice of linkedom's DOM the HTML reader uses. The project compiles without the DOM lib, so
// it is named here, apart from the readers, so both can use it without importing each other.

export interface DomNode {
  readonly nodeType: number;
  readonly parentNode: DomNode | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly textContent: string | null;
  appendChild(node: DomNode): DomNode;
  insertBefore(node: DomNode, ref: DomNode | null): DomNode;
  remove(): void;
}
export interface DomElement extends DomNode {
  readonly localName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}
export interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  readonly head: DomElement;
  readonly body: DomElement;
  createElement(tag: string): DomElement;
  getElementsByTagName(tag: string): ArrayLike<DomElement>;
}

export const ELEMENT = 1;
export const TEXT = 3;
export const CDATA = 4;
export const DOCTYPE = 10;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT;
}
export function tagOf(node: DomNode): string {
  return isElement(node) ? node.localName.toLowerCase() : "";
}

