import { jsonLogger } from '../../lib/adapters/log';
import type { Logger } from '../../lib/app/ports';

/** The production JSON logger writing into an array, so tests can read every line that would be logged. */
export function capturingLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: jsonLogger((line) => lines.push(line)), lines };
}
