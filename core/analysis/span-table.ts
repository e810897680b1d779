// Where every key and value of a document read by the plain reader stands, kept as numbers
// in a few flat lists rather than a map of JSON Pointers to span objects: building the
// pointers and objects for every node was most of the reading time and most of its garbage,
// and a finding asks for only a few of them. A lookup walks the pointer's segments down the
// tree; the nodes are kept in document order, which is also the order of iteration.
import { pointerSegment, type NodeSpans, type SpanIndex } from './parse';

export class SpanTable implements SpanIndex {
  /**
   * Per node, five numbers: value start, value end, key start, key end (-1 without a key),
   * and how many nodes its subtree holds, itself included. A plain list for an item's few
   * nodes (cheapest to make), one typed array for a whole file's many (cheapest to keep).
   */
  private data: number[] | Int32Array;
  /** Per node: its key (in a mapping) or index (in a list); the root's is ''. */
  private readonly names: (string | number)[] = [];

  /** `expected` is about how many nodes there will be. */
  constructor(expected: number) {
    this.data = expected > LARGE ? new Int32Array(expected * 5) : [];
  }

  /** Adds a node under the one being read (its key's offsets, or -1 without a key); its value span is given by `close`. */
  open(name: string | number, keyStart: number, keyEnd: number): number {
    const node = this.names.length;
    const i = node * 5;
    if (i === this.data.length && this.data instanceof Int32Array) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    // A plain list grows as these are written at its end.
    this.data[i] = 0;
    this.data[i + 1] = 0;
    this.data[i + 2] = keyStart;
    this.data[i + 3] = keyEnd;
    this.data[i + 4] = 1;
    this.names.push(name);
    return node;
  }

  /** Gives a node its value span, once everything in it has been added. */
  close(node: number, start: number, end: number): void {
    const i = node * 5;
    this.data[i] = start;
    this.data[i + 1] = end;
    this.data[i + 4] = this.names.length - node;
  }

  get(pointer: string): NodeSpans | undefined {
    if (this.names.length === 0 || (pointer !== '' && pointer.charCodeAt(0) !== 0x2f)) return undefined;
    let node = 0;
    for (let from = 1; pointer !== '' && node >= 0;) {
      const slash = pointer.indexOf('/', from);
      node = this.child(node, slash < 0 ? pointer.slice(from) : pointer.slice(from, slash));
      if (slash < 0) break;
      from = slash + 1;
    }
    return node < 0 ? undefined : this.spansOf(node);
  }

  *[Symbol.iterator](): Iterator<[string, NodeSpans]> {
    // The pointers of the nodes that hold the current one, innermost last.
    const around: { pointer: string; end: number }[] = [];
    for (let node = 0; node < this.names.length; node++) {
      while (around.length > 0 && around[around.length - 1]!.end <= node) around.pop();
      const pointer = node === 0 ? '' : `${around[around.length - 1]?.pointer ?? ''}/${pointerSegment(this.names[node]!)}`;
      yield [pointer, this.spansOf(node)];
      if (this.data[node * 5 + 4]! > 1) around.push({ pointer, end: node + this.data[node * 5 + 4]! });
    }
  }

  /** The child of `node` named by one pointer segment as written (escaped), or -1. */
  private child(node: number, segment: string): number {
    const end = node + this.data[node * 5 + 4]!;
    if (node + 1 < end && typeof this.names[node + 1] === 'number') {
      // A list: only an index as the pointer writes it names an entry (`01` does not).
      if (!INDEX.test(segment)) return -1;
      let c = node + 1;
      for (let k = Number(segment); k > 0 && c < end; k--) c += this.data[c * 5 + 4]!;
      return c < end ? c : -1;
    }
    for (let c = node + 1; c < end; c += this.data[c * 5 + 4]!) {
      const name = this.names[c]!;
      if (pointerSegment(name) === segment) return c;
    }
    return -1;
  }

  private spansOf(node: number): NodeSpans {
    const o = this.data;
    const i = node * 5;
    const value = { start: o[i]!, end: o[i + 1]! };
    return o[i + 2]! < 0 ? { value } : { value, key: { start: o[i + 2]!, end: o[i + 3]! } };
  }
}

const INDEX = /^(0|[1-9][0-9]*)$/;

/** From this many nodes on, a table is one typed array. */
const LARGE = 4096;
