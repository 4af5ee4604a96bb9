import type { Catalog } from '../catalog/load-catalog';
import { normalize } from '../core/normalize';

export type Command = 'stop' | 'start' | 'help' | 'more';

/** The command a whole message is (STOP, HELP, 詳しく, …), or null for anything else. */
export function parseCommand(body: string, catalog: Catalog): Command | null {
  const word = normalize(body)
    .toLowerCase()
    .replace(/[.!?。!]+$/u, '');
  for (const command of ['stop', 'start', 'help', 'more'] as const) {
    if (catalog.commands[command].includes(word)) return command;
  }
  return null;
}
