/** UTC days (`YYYY-MM-DD`) and hours (`YYYY-MM-DDTHH`), the periods counters are kept in. */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

export function hourOf(time: Date): string {
  return time.toISOString().slice(0, 13);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addHours(hour: string, hours: number): string {
  return new Date(Date.parse(`${hour}:00:00Z`) + hours * HOUR_MS).toISOString().slice(0, 13);
}

/** Whole days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Every hour of the days from `from` to `to`. */
export function hoursOfDays(from: string, to: string): string[] {
  return daysBetween(from, to).flatMap((day) =>
    Array.from({ length: 24 }, (_, hour) => `${day}T${String(hour).padStart(2, '0')}`),
  );
}

/** The `count` hours that end with `last` (included), oldest first. */
export function hoursEndingAt(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addHours(last, index - count + 1));
}

/** Whether a string is a real calendar day (2026-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) && addDays(day, 0) === day;
}
