import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node } from 'yaml';

/** A path into the policy document: map keys and list positions. */
export type PathSegments = readonly (string | number)[];

export interface YamlSyntaxProblem {
  readonly message: string;
  readonly line?: number;
}

/** A parsed policy file: its plain data, or its syntax problems, and a way back to line numbers. */
export interface YamlSource {
  readonly data: unknown;
  readonly syntaxProblems: readonly YamlSyntaxProblem[];
  /** 1-based line of the node at `path`, or of its nearest existing ancestor. */
  lineOf(path: PathSegments): number | undefined;
}

export function readYaml(text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true });
  const syntaxProblems = doc.errors.map((error) => ({
    message: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
    line: error.linePos?.[0].line,
  }));
  const data = syntaxProblems.length === 0 ? doc.toJS() : undefined;
  return {
    data,
    syntaxProblems,
    lineOf: (path) => {
      const offset = offsetOf(doc, path);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
}

/** Start of the node at `path`, else of its nearest ancestor; none for a missing top-level key. */
function offsetOf(doc: Document, path: PathSegments): number | undefined {
  let node: unknown = doc.contents;
  let offset = path.length === 0 ? startOf(node) : undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    const step = childOf(node, segment);
    if (!step) break;
    node = step.value;
    offset = step.keyOffset ?? startOf(step.value) ?? offset;
  }
  return offset;
}

function childOf(node: unknown, segment: string | number): { value: unknown; keyOffset?: number } | undefined {
  if (isSeq(node) && typeof segment === 'number') return { value: node.items[segment] };
  if (!isMap(node)) return undefined;
  const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
  return pair ? { value: pair.value, keyOffset: startOf(pair.key) } : undefined;
}

function startOf(node: unknown): number | undefined {
  return (node as Node | null)?.range?.[0];
}
