// JSONL streaming for the CLI: one request per input line, one answer per output line, in order.
import { createInterface } from 'node:readline';
import { once } from 'node:events';

/** Writes respecting back-pressure, so piping a million lines never buffers them all in memory. */
export async function writeLine(out: NodeJS.WritableStream, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
}

/** Non-blank lines of a stream; a trailing newline or blank separator lines are not requests. */
export async function* readLines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() !== '') yield line;
  }
}
