import { shippedCatalog } from '../../lib/catalog/load-catalog';
import { analyzeMessage } from '../../lib/core/analyze';
import { composeReply } from '../../lib/core/compose-reply';
import { isHeldOut, loadFixtures, loadPublicData } from '../../lib/learning/labelled-data';

/**
 * npm run bench: classifies and composes replies for ROUNDS × N messages (default 5 × 20,000) on this one core and
 * prints messages per second (the median round, since a shared machine makes single rounds noisy) and per-message
 * latency percentiles over all rounds. It prints; it asserts nothing.
 */
const perRound = Number(process.argv[2] ?? 20_000);
const ROUNDS = 5;
const catalog = shippedCatalog();
const corpus = [...loadFixtures('real-world.jsonl', 'fixture'), ...loadPublicData().filter(isHeldOut)].map(
  (item) => item.text,
);

// Warm up the JIT and the lazily built matchers, so the figures are steady-state.
for (let pass = 0; pass < 3; pass++) {
  for (const text of corpus) composeReply(analyzeMessage(text, catalog).verdict, catalog);
}

const latencies = new Float64Array(perRound * ROUNDS);
const rates: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  for (let i = 0; i < perRound; i++) {
    const text = corpus[i % corpus.length] ?? '';
    const t0 = performance.now();
    composeReply(analyzeMessage(text, catalog).verdict, catalog);
    latencies[round * perRound + i] = performance.now() - t0;
  }
  rates.push(perRound / ((performance.now() - started) / 1000));
}
rates.sort((a, b) => a - b);
latencies.sort();
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.table({
  messages: perRound * ROUNDS,
  'distinct texts': corpus.length,
  'messages/s, median round (one core)': Math.round(rates[Math.floor(ROUNDS / 2)] ?? 0),
  'messages/s, slowest round': Math.round(rates[0] ?? 0),
  'messages/s, fastest round': Math.round(rates[ROUNDS - 1] ?? 0),
  'p50 ms': Number(at(0.5).toFixed(4)),
  'p99 ms': Number(at(0.99).toFixed(4)),
  'max ms': Number(at(1).toFixed(3)),
});

// The slowest inputs we know of, each the worst of five runs: no input may take more than 50 ms.
const worstCases: Record<string, string> = {
  '100 KB of one letter': 'a'.repeat(100_000),
  '100 KB of digits': '1'.repeat(100_000),
  '100 KB of digit-dash pairs': '1-'.repeat(50_000),
  '100 KB of dotted words': 'a.'.repeat(50_000),
  '100 KB of Japanese': 'あ'.repeat(100_000),
  '100 KB of e-mail-like words': 'a@b '.repeat(25_000),
  '100 KB of line separators': '\u2028'.repeat(100_000),
  '100 KB of quoted blank lines': '\n>'.repeat(50_000),
  '100 KB of full stops then a letter': `${'.'.repeat(100_000)}x`,
  '1,600 characters of a long scam': `Amazon: アカウント停止 https://amaz0n-jp.top/login 090-1234-5678 `
    .repeat(30)
    .slice(0, 1600),
};
const worst: Record<string, number> = {};
for (const [name, text] of Object.entries(worstCases)) {
  let slowest = 0;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    composeReply(analyzeMessage(text, catalog).verdict, catalog);
    slowest = Math.max(slowest, performance.now() - t0);
  }
  worst[name] = Number(slowest.toFixed(2));
}
console.table(Object.fromEntries(Object.entries(worst).map(([name, ms]) => [name, { 'worst ms': ms }])));
