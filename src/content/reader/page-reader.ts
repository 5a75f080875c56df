// Reads roots in two passes: candidates.ts walks all their text and finds the few blocks that may hold a
// name; scan.ts reads just those blocks exactly, in chunks that end at block boundaries. Both passes stop
// at the deadline and go on at the next call, so a slice of work never runs long.
import { BLOCKS_PER_BATCH, CandidateFinder } from './candidates';
import type { Candidates } from '../../knowledge/matcher';
import { TextScanner, type ScanOptions, type ScannedText } from './scan';
import { ELEMENT_NODE } from '../node-types';

const NOTHING: ScannedText = { text: '', nodes: [], starts: [], datas: [] };


export interface ChunkReader {
  /** The next chunk read exactly (possibly empty when time ran out first); null once all is read. */
  next(deadline?: number): ScannedText | null;
  readonly done: boolean;
  /** Set while reading waits for an answer rather than for time: the next call is worth making once it settles. */
  readonly waiting: Promise<unknown> | null;
}

export class PageReader implements ChunkReader {
  private readonly finder: CandidateFinder;
  private exact: TextScanner | null = null;
  /** Blocks found and not yet given to an exact reader. */
  private blocks: Node[] = [];

  constructor(roots: readonly Node[], candidates: Candidates, private readonly options: ScanOptions) {
    this.finder = new CandidateFinder(roots, candidates, options);
  }

  get done(): boolean {
    return this.finder.done && this.blocks.length === 0 && (this.exact?.done ?? true);
  }

  get waiting(): Promise<unknown> | null {
    return this.blocks.length === 0 && (this.exact?.done ?? true) ? this.finder.waiting : null;
  }

  next(deadline = Infinity): ScannedText | null {
    for (;;) {
      if (this.exact && !this.exact.done) {
        const chunk = this.exact.next(deadline);
        if (chunk) return chunk;
      }
      if (this.blocks.length > 0) {
        // A bounded number of blocks per reader keeps one chunk's marking short: a chunk bounded by reading time
        // alone could hold a thousand marks.
        this.exact = new TextScanner(this.blocks.splice(0, BLOCKS_PER_BATCH), this.options);
        continue;
      }
      if (this.finder.done) return null;
      const blocks = this.finder.next(deadline);
      if (blocks === null) return null;
      this.blocks = blocks.length > BLOCKS_PER_BATCH ? inViewFirst(blocks) : blocks;
      if (blocks.length === 0 && (this.finder.waiting || performance.now() >= deadline)) return NOTHING;
    }
  }
}

/**
 * The same blocks, starting with the first one that reaches into the viewport, so what the reader sees is
 * marked first. The blocks come in document order, which on most pages is top to bottom: a binary search
 * finds that block with a dozen measurements, where measuring every block would cost a layout query each.
 */
export function inViewFirst(blocks: Node[]): Node[] {
  const bottom = (n: Node): number => (n.nodeType === ELEMENT_NODE ? (n as Element).getBoundingClientRect().bottom : Infinity);
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bottom(blocks[mid]!) > 0) hi = mid;
    else lo = mid + 1;
  }
  return lo === 0 ? blocks : [...blocks.slice(lo), ...blocks.slice(0, lo)];
}
