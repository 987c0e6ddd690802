// The polling wait (and sleep) is the tests' own: test/support/waitFor.ts.

/** Prints a progress line on stderr (the table goes to stdout). */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
