/** The reporters `npm run load` sends as: many of them, as in a wave; the per-reporter limit is not what it measures. */
export const REPORTERS = 5000;

/** The national part (90…) of the i-th load reporter's number; it is sent as +81 90…. */
export function reporterNationalNumber(i: number): string {
  return `90${String(10_000_000 + (i % REPORTERS)).padStart(8, '0')}`;
}
