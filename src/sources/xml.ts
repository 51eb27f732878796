import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { ParseError } from '../core/errors.js';

/** One XML element with its text and children: the records of list files are small. */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlNode[];
}

export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function children(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The trimmed text of a child element, or '' when absent. */
export function childText(node: XmlNode, name: string): string {
  return child(node, name)?.text.trim() ?? '';
}

export interface XmlStreamOptions {
  file: string;
  /** The root element name expected; anything else is a wrong-format error. */
  root: string;
  /** Elements returned whole, one at a time. */
  records: ReadonlySet<string>;
  /** Elements outside records whose text is wanted (e.g. a publication date). */
  header?: ReadonlySet<string>;
  onRecord: (record: XmlNode, line: number) => void;
  onHeader?: (name: string, text: string, attributes: Record<string, string>) => void;
}

/**
 * Stream an XML list file, building a small tree for each record element only. Errors name the
 * file, the line and column, and the record being read.
 */
export async function streamXmlRecords(input: Readable, options: XmlStreamOptions): Promise<void> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlNode[] = [];
  let headerText: { name: string; text: string; attributes: Record<string, string> } | undefined;
  let depth = 0;
  let sawRoot = false;
  let recordLine = 0;
  let failure: Error | undefined;

  const fail = (detail: string): ParseError =>
    new ParseError(options.file, `line ${parser.line}, column ${parser.column}`, detail);

  parser.on('error', (error) => {
    failure ??= fail(error.message.replace(/^.*?:\d+:\d+: /, ''));
  });
  parser.on('opentag', (tag) => {
    const name = localName(tag.name);
    const attributes = tag.attributes as Record<string, string>;
    depth++;
    if (depth === 1) {
      if (name !== options.root) failure ??= fail(`expected a <${options.root}> document, found <${name}>`);
      sawRoot = true;
      options.onHeader?.(name, '', attributes);
      return;
    }
    if (stack.length > 0 || options.records.has(name)) {
      if (stack.length === 0) recordLine = parser.line;
      const node: XmlNode = { name, attributes, text: '', children: [] };
      stack[stack.length - 1]?.children.push(node);
      stack.push(node);
    } else if (options.header?.has(name)) {
      headerText = { name, text: '', attributes };
    }
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
    else if (headerText) headerText.text += text;
  });
  parser.on('cdata', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    depth--;
    if (stack.length > 0) {
      const node = stack.pop()!;
      if (stack.length === 0 && !failure) {
        try {
          options.onRecord(node, recordLine);
        } catch (error) {
          failure = error instanceof ParseError ? error : new ParseError(options.file, `record at line ${recordLine}`, (error as Error).message);
        }
      }
    } else if (headerText) {
      options.onHeader?.(headerText.name, headerText.text.trim(), headerText.attributes);
      headerText = undefined;
    }
  });

  input.setEncoding('utf8');
  try {
    for await (const chunk of input) {
      parser.write(chunk as string);
      if (failure) break;
    }
  } catch (error) {
    throw new ParseError(options.file, `line ${parser.line}`, `cannot read: ${(error as Error).message}`);
  }
  if (failure) {
    input.destroy();
    throw failure;
  }
  parser.close();
  if (failure) throw failure;
  if (!sawRoot) throw new ParseError(options.file, undefined, 'the file is empty or holds no XML element');
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}
