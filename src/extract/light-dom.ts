import { Parser } from 'htmlparser2';
import type { DomDocument, DomElement, DomNode } from './dom';

/**
 * The command line's HTML tree: htmlparser2's events (the same tokenizer linkedom is built on, with
 * the same options) into the smallest read-only tree that has the members extraction reads
 * (dom.ts). linkedom builds a full DOM — attribute nodes, a linked list of start and end markers,
 * custom-element hooks — and that build was most of the CLI's time over saved pages; this tree
 * keeps elements, their attributes as one object, and text. Comments, the doctype and processing
 * instructions are not kept (extraction never reads them).
 *
 * It reads a page as linkedom does, so a report gives the same result through either tree
 * (test/unit/light-dom.test.ts compares them over every HTML fixture and corpus case):
 * - tag names come in lower case (`localName`), `nodeName` is the capitals; attribute names are
 *   kept as written (linkedom does not fold them) and matched exactly;
 * - `documentElement` is the document's first element;
 * - `body` is the <body> right after the <head> (or first, when there is no <head>); when there is
 *   none, an empty element (linkedom makes an empty <body> there: such a page reads as nothing —
 *   `asDocument` in src/batch/check-document.ts wraps a bare fragment first);
 * - `title` is the text of the first <title> in that <head>.
 */
class LightText implements DomNode {
  readonly nodeType = 3;
  readonly nodeName = '#text';
  readonly firstChild = null;
  nextSibling: LightChild | null = null;
  constructor(
    public nodeValue: string,
    readonly parentNode: LightElement | LightDocument,
  ) {}
}

type LightChild = LightElement | LightText;

export class LightElement implements DomElement {
  readonly nodeType = 1;
  readonly nodeName: string;
  readonly nodeValue = null;
  firstChild: LightChild | null = null;
  lastChild: LightChild | null = null;
  nextSibling: LightChild | null = null;
  constructor(
    readonly localName: string,
    readonly attributes: Record<string, string>,
    readonly parentNode: LightElement | LightDocument,
    readonly ownerDocument: LightDocument,
  ) {
    this.nodeName = localName.toUpperCase();
  }

  get firstElementChild(): LightElement | null {
    return firstElement(this.firstChild);
  }

  get nextElementSibling(): LightElement | null {
    return firstElement(this.nextSibling);
  }

  getAttribute(name: string): string | null {
    return Object.hasOwn(this.attributes, name) ? (this.attributes[name] ?? null) : null;
  }

  hasAttribute(name: string): boolean {
    return Object.hasOwn(this.attributes, name);
  }

  getElementsByTagName(name: string): LightElement[] {
    const out: LightElement[] = [];
    for (let n = following(this, this); n; n = following(n, this)) if (n.nodeType === 1 && matches(n, name)) out.push(n);
    return out;
  }

  /** the text of every text node inside, in order */
  get textContent(): string {
    let s = '';
    for (let n = following(this, this); n; n = following(n, this)) if (n.nodeType === 3) s += n.nodeValue;
    return s;
  }
}

export class LightDocument implements DomDocument {
  readonly nodeType = 9;
  firstChild: LightChild | null = null;
  lastChild: LightChild | null = null;
  /** every element by tag (lower case), in document order: elements are made in that order */
  private readonly byTag = new Map<string, LightElement[]>();
  /** the empty <body> of a page without one */
  private readonly empty: LightElement;

  constructor() {
    this.empty = new LightElement('body', {}, this, this);
  }

  get documentElement(): LightElement | null {
    return firstElement(this.firstChild);
  }

  get head(): LightElement | null {
    const first = this.documentElement?.firstElementChild ?? null;
    return first?.nodeName === 'HEAD' ? first : null;
  }

  get body(): LightElement | null {
    const root = this.documentElement;
    if (!root) return null;
    const head = this.head;
    const next = head ? head.nextElementSibling : root.firstElementChild;
    return next?.nodeName === 'BODY' ? next : this.empty;
  }

  get title(): string {
    return this.head?.getElementsByTagName('title')[0]?.textContent ?? '';
  }

  getElementsByTagName(name: string): LightElement[] {
    const list = this.byTag.get(name.toLowerCase()) ?? [];
    return list.every((e) => matches(e, name)) ? list : list.filter((e) => matches(e, name));
  }

  /** the parser's: a new element, listed under its tag */
  add(el: LightElement): void {
    const list = this.byTag.get(el.localName);
    if (list) list.push(el);
    else this.byTag.set(el.localName, [el]);
  }
}

/** linkedom's rule: the tag as parsed (lower case), or in capitals */
function matches(el: LightElement, name: string): boolean {
  return el.localName === name || el.nodeName === name;
}

function firstElement(n: LightChild | null): LightElement | null {
  for (let c = n; c; c = c.nextSibling) if (c.nodeType === 1) return c;
  return null;
}

/** The next node after `n` in document order inside `root`, or null (iterative: no stack overflow). */
function following(n: LightChild | LightElement, root: LightElement): LightChild | null {
  if (n.firstChild) return n.firstChild;
  let up: LightChild | LightElement | LightDocument = n;
  while (up !== root && up.nodeType !== 9) {
    if (up.nextSibling) return up.nextSibling;
    up = up.parentNode;
  }
  return null;
}

function append(parent: LightElement | LightDocument, child: LightChild): void {
  if (parent.lastChild) parent.lastChild.nextSibling = child;
  else parent.firstChild = child;
  parent.lastChild = child;
}

/** HTML → the light tree. Never throws on any input (htmlparser2 reads everything). */
export function parseLight(html: string): LightDocument {
  const doc = new LightDocument();
  let node: LightElement | LightDocument = doc;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const el = new LightElement(name, attributes, node, doc);
        append(node, el);
        doc.add(el);
        node = el;
      },
      ontext(text) {
        const last = node.lastChild;
        // adjacent text is one node (linkedom keeps several; extraction joins them alike)
        if (last && last.nodeType === 3) last.nodeValue += text;
        else append(node, new LightText(text, node));
      },
      onclosetag() {
        if (node.nodeType === 1) node = node.parentNode;
      },
    },
    { lowerCaseAttributeNames: false, decodeEntities: true, xmlMode: false },
  );
  parser.write(html);
  parser.end();
  return doc;
}
