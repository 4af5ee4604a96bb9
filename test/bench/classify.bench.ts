import { shippedCatalog } from '../../lib/catalog/load-catalog';
import { analyzeMessage } from '../../lib/core/analyze';
import { composeReply } from '../../lib/core/compose-reply';
import { isHeldOut, loadFixtures, loadPublicData } from '../../lib/learning/labelled-data';

/**
 * npm run bench: classifies and composes replies for N messages (default 20,000) on this one core and prints
 * messages per second and per-message latency percentiles. It prints; it asserts nothing.
 */
const target = Number(process.argv[2] ?? 20_000);
const catalog = shippedCatalog();
const corpus = [...loadFixtures('real-world.jsonl', 'fixture'), ...loadPublicData().filter(isHeldOut)].map(
  (item) => item.text,
);

// Warm up the JIT and the lazily built matchers, so the figures are steady-state.
for (const text of corpus.slice(0, 500)) composeReply(analyzeMessage(text, catalog).verdict, catalog);

const latencies = new Float64Array(target);
const started = performance.now();
for (let i = 0; i < target; i++) {
  const text = corpus[i % corpus.length] ?? '';
  const t0 = performance.now();
  composeReply(analyzeMessage(text, catalog).verdict, catalog);
  latencies[i] = performance.now() - t0;
}
const elapsed = (performance.now() - started) / 1000;
latencies.sort();
const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
console.table({
  messages: target,
  'distinct texts': corpus.length,
  'messages/s (one core)': Math.round(target / elapsed),
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
