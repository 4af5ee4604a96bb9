import { fuzzFindings, runFuzz } from '../../lib/cli/fuzz';

describe('a short fuzz run against the local server (npm run fuzz sends 2,000)', () => {
  it('answers 200 mutated requests without a 5xx, a crash, an unexpected status or an unsigned incident', async () => {
    const tally = await runFuzz({ requests: 200, concurrency: 8, seed: 2026, maxSeconds: 30 });
    expect(fuzzFindings(tally)).toEqual([]);
    expect(tally.sent).toBe(200);
    expect(tally.stoppedAtDeadline).toBe(false);
    // The run exercised both sides: signed requests were recorded, and many were turned away.
    expect(tally.incidents).toBeGreaterThan(0);
    expect(tally.signedSent).toBeLessThan(tally.sent);
    expect(Object.keys(tally.byMutation).length).toBeGreaterThan(15);
  }, 60_000);
});
