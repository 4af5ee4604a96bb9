import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A pid file in the data folder while `npm start` runs: the embedded engine's folder can be open in one process
 * only, and tools that open it (npm run replay) must say so plainly instead of failing inside the engine.
 */
const markerFile = (dataDir: string) => join(dataDir, 'responder.pid');

export async function markRunning(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(markerFile(dataDir), String(process.pid));
  return () => rm(markerFile(dataDir), { force: true });
}

/** The pid of a live `npm start` using this data folder, or null. */
export async function runningResponder(dataDir: string): Promise<number | null> {
  let pid: number;
  try {
    pid = Number(await readFile(markerFile(dataDir), 'utf8'));
  } catch {
    return null;
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
