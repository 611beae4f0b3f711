/**
 * The few DOM members extraction reads (html.ts, dom-index.ts, page-date.ts). The browser's DOM
 * has them, linkedom's has them, and so does the light read-only tree the command line builds
 * (light-dom.ts), so there is one extractor for all three: no code path is written twice.
 *
 * Only the element tree is read — node types, names, attributes, children in order — never
 * layout, style or anything a script changed.
 */
export interface DomNode {
  /** 1 element, 3 text; everything else is passed over */
  readonly nodeType: number;
  /** an HTML element's tag in capitals (`TD`); `#text` for text */
  readonly nodeName: string;
  /** a text node's text */
  readonly nodeValue: string | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
}

export interface DomElement extends DomNode {
  readonly firstElementChild: DomElement | null;
  readonly nextElementSibling: DomElement | null;
  readonly ownerDocument: DomDocument;
  /** the attribute as written, or null */
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  /** descendants with this tag (lower case), in document order */
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}

export interface DomDocument {
  /** the first element of the document; null for a "page" of plain text */
  readonly documentElement: DomElement | null;
  /** the <body> as the browser (or linkedom) finds it */
  readonly body: DomElement | null;
  /** the text of the head's <title>, '' when none */
  readonly title: string;
  getElementsByTagName(name: string): ArrayLike<DomElement>;
}
