import { StatementLimitError } from './statement-limits';

/** How long the parsing may run before it lets other work on the event loop have a turn. */
const TURN_MS = 20;

/**
 * Gives the event loop a turn (setImmediate: timers and I/O run) once the work since the last turn took TURN_MS.
 * Called often and cheaply from every reading loop, so that no file holds the worker's loop for long.
 */
export class LoopTurns {
  private last = performance.now();

  async take(): Promise<void> {
    if (performance.now() - this.last < TURN_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
  }
}

/** How long a line and how many lines a text may have; unlimited when not given. */
export interface LineLimits {
  maxLineChars: number;
  maxLines: number;
}

const LINE_BREAK = /\r\n|\n|\r/g;

/**
 * Lines of a text stream ('\n', '\r\n' or '\r'), without their line breaks. Linear in the text: only the new chunk
 * is searched for breaks, and the pieces of a line that spans chunks are joined once, when it ends. A line longer
 * than `maxLineChars` is refused as soon as it gets that long, and so is line `maxLines + 1`.
 */
export async function* splitLines(
  chunks: AsyncIterable<string>,
  limits: LineLimits = { maxLineChars: Infinity, maxLines: Infinity },
): AsyncGenerator<string> {
  // One per call: a shared global pattern's lastIndex would be moved by another file read at the same time.
  const breaks = new RegExp(LINE_BREAK);
  let pieces: string[] = [];
  let pieceChars = 0;
  let lines = 0;
  // A '\r' ended the last chunk: a '\n' starting the next one belongs to it.
  let afterCarriageReturn = false;
  const finish = (last: string): string => {
    lines += 1;
    if (lines > limits.maxLines) throw StatementLimitError.tooManyLines(limits.maxLines, lines);
    const line = pieces.length === 0 ? last : pieces.join('') + last;
    pieces = [];
    pieceChars = 0;
    return line;
  };
  const tooLong = (chars: number): boolean => chars > limits.maxLineChars;
  for await (const chunk of chunks) {
    let start: number = afterCarriageReturn && chunk.charCodeAt(0) === 0x0a ? 1 : 0;
    afterCarriageReturn = false;
    breaks.lastIndex = start;
    for (let match = breaks.exec(chunk); match; match = breaks.exec(chunk)) {
      if (tooLong(pieceChars + match.index - start)) {
        throw StatementLimitError.lineTooLong(limits.maxLineChars, lines + 1);
      }
      yield finish(chunk.slice(start, match.index));
      start = match.index + match[0].length;
      afterCarriageReturn = match[0] === '\r' && start === chunk.length;
      breaks.lastIndex = start;
    }
    if (start < chunk.length) {
      pieceChars += chunk.length - start;
      if (tooLong(pieceChars)) throw StatementLimitError.lineTooLong(limits.maxLineChars, lines + 1);
      pieces.push(chunk.slice(start));
    }
  }
  if (pieceChars > 0) yield finish('');
}

/**
 * Watches a text go by without keeping it: counts its lines and refuses a line longer than `maxLineChars` as soon as
 * it gets that long, naming the line. For readers that split lines themselves (csv-parse), so that a hostile line is
 * refused before they spend time on it.
 */
export class LineLengthGuard {
  private line = 1;
  private length = 0;
  private afterCarriageReturn = false;

  constructor(private readonly maxLineChars: number) {}

  watch(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 0x0a && code !== 0x0d) continue;
      // '\r\n' is one break, also when a chunk ends between the two.
      const secondHalf = code === 0x0a && (i > 0 ? text.charCodeAt(i - 1) === 0x0d : this.afterCarriageReturn);
      if (!secondHalf) {
        this.check(this.length + i - start);
        this.line += 1;
      }
      this.length = 0;
      start = i + 1;
    }
    this.length += text.length - start;
    this.afterCarriageReturn = text.charCodeAt(text.length - 1) === 0x0d;
    this.check(this.length);
  }

  private check(length: number): void {
    if (length > this.maxLineChars) throw StatementLimitError.lineTooLong(this.maxLineChars, this.line);
  }
}
