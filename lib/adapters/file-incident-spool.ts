import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { IncidentSchema } from '../app/incident-schema';
import type { Incident, IncidentSpool } from '../app/ports';

/**
 * The local spool: one JSON line per incident in a file under the data folder. An appended line is all or nothing
 * for lines of this size; draining rewrites the file through a rename, so a crash leaves either file whole.
 * The incident is already private (keyed hash, masked text), so the file holds nothing the table would not.
 */
export class FileIncidentSpool implements IncidentSpool {
  constructor(private readonly file: string) {}

  async keep(incident: Incident): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(incident)}\n`, { flush: true });
  }

  async drain(write: (incident: Incident) => Promise<void>): Promise<{ written: number; left: number }> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return { written: 0, left: 0 };
    }
    const left: string[] = [];
    let written = 0;
    for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
      const parsed = IncidentSchema.safeParse(JSON.parse(line));
      if (!parsed.success) {
        left.push(line);
        continue;
      }
      try {
        await write(parsed.data);
        written++;
      } catch {
        left.push(line);
      }
    }
    // Lines appended while draining must survive: take them over before replacing the file.
    const now = await readFile(this.file, 'utf8');
    const appended = now.slice(text.length);
    const temporary = `${this.file}.draining`;
    await writeFile(temporary, left.map((line) => `${line}\n`).join('') + appended);
    await rename(temporary, this.file);
    return { written, left: left.length + appended.split('\n').filter((l) => l.trim() !== '').length };
  }
}
