import type { Clock } from '../app/ports';

/** A clock that says what it is told: seeding a past month through the real webhook, and tests of time. */
export class ScriptedClock implements Clock {
  constructor(private current: Date) {}

  set(time: Date): void {
    this.current = time;
  }

  now(): Date {
    return this.current;
  }
}
