import { buildDashboardScript } from '../lib/dashboard/assets';

// Run by the operator function's bundling: the browser bundle is built here, at synth time, and shipped beside the
// handler, since the Lambda has no esbuild.
const [outFile] = process.argv.slice(2);
if (!outFile) throw new Error('usage: build-dashboard <out-file>');
buildDashboardScript(outFile).catch((error: unknown) => {
  process.stderr.write(`dashboard bundle failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
