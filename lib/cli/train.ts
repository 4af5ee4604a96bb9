import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shippedCatalog } from '../catalog/load-catalog';
import { isHeldOut, loadFixtures, loadPublicData, REPO_ROOT } from '../learning/labelled-data';
import { DEFAULT_TRAINING, trainThreatModel } from '../learning/train-threat-model';

/**
 * npm run train: fits the threat model on the public data sets' training split (80%, fixed by id) and on our own
 * synthetic examples, then writes lib/catalog/threat-model.json. The real-world fixtures are never trained on.
 */
function main(): void {
  const publicData = loadPublicData().filter((item) => !isHeldOut(item));
  const synthetic = loadFixtures('synthetic-train.jsonl', 'synthetic');
  const data = [...publicData, ...synthetic];
  process.stdout.write(
    `training on ${data.length} texts (public ${publicData.length}, synthetic ${synthetic.length}) / 学習データ ${data.length}件\n`,
  );
  const started = performance.now();
  const model = trainThreatModel(data, shippedCatalog(), {
    ...DEFAULT_TRAINING,
    onEpoch: (epoch, loss) =>
      process.stdout.write(`  epoch ${epoch}/${DEFAULT_TRAINING.epochs}  loss ${loss.toFixed(4)}\n`),
  });
  const file = join(REPO_ROOT, 'lib', 'catalog', 'threat-model.json');
  const json = `${JSON.stringify(model)}\n`;
  writeFileSync(file, json);
  process.stdout.write(
    `wrote ${file} (${model.weights.length} weights, ${(json.length / 1024).toFixed(1)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

main();
