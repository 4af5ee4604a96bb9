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
