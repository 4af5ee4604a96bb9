import { parentPort, workerData } from 'node:worker_threads';
import * as z from 'zod';
import { inboundSmsParams, sendSignedSms } from '../local/twilio-simulator';
import { reporterNationalNumber } from './load-reporters';

/**
 * The load generator's sending side, in a worker thread: building, signing and posting requests must not take
 * CPU from the responder it measures (Twilio is another machine, after all).
 */
const JobSchema = z.object({
  url: z.string(),
  authToken: z.string(),
  requests: z.number().int().positive(),
  concurrency: z.number().int().positive(),
  maxSeconds: z.number().positive(),
  offset: z.number().int().min(0),
  lures: z.array(z.string()).min(1),
});

async function run(): Promise<void> {
  const job = JobSchema.parse(workerData);
  const latencies: number[] = [];
  let next = 0;
  let non2xx = 0;
  const started = performance.now();
  const deadline = started + job.maxSeconds * 1000;
  const worker = async () => {
    while (next < job.requests && performance.now() < deadline) {
      const i = job.offset + next++;
      const params = inboundSmsParams({
        body: `${job.lures[i % job.lures.length]} #${i}`,
        from: `+81${reporterNationalNumber(i)}`,
        to: '+815000000000',
      });
      const t0 = performance.now();
      const response = await sendSignedSms(job.url, job.authToken, params);
      latencies.push(performance.now() - t0);
      if (response.status < 200 || response.status > 299) non2xx++;
      if (latencies.length % 500 === 0) parentPort?.postMessage({ progress: latencies.length });
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  parentPort?.postMessage({
    done: { sent: latencies.length, seconds: (performance.now() - started) / 1000, non2xx, latencies },
  });
}

run().catch((error: unknown) =>
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
