import type { LogFields, Logger } from '../app/ports';

type Level = 'info' | 'warn' | 'error';

/**
 * One JSON line per event. Only the allow-listed LogFields can be logged, so a message body, a phone number or
 * an event dump cannot slip into the logs by accident.
 */
export function jsonLogger(write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const emit = (level: Level, event: string, fields: LogFields = {}) =>
    write(JSON.stringify({ level, event, time: new Date().toISOString(), ...fields }));
  return {
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
  };
}

/** Warnings and errors only: for bulk local runs (seeding) where a line per report would bury the progress. */
export function quietLogger(write?: (line: string) => void): Logger {
  const full = jsonLogger(write);
  return { info: () => undefined, warn: full.warn, error: full.error };
}
