import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { shippedCatalog } from '../catalog/load-catalog';
import { isHeldOut, loadFixtures, loadPublicData, REPO_ROOT } from '../learning/labelled-data';
import { crossValidate, DEFAULT_TRAINING, trainThreatModel } from '../learning/train-threat-model';

const HELP = `Usage / 使い方: npm run train [-- --cv]
Fits the threat model on the public data's training split and synthetic-train.jsonl, and writes
lib/catalog/threat-model.json. --cv instead prints 5-fold cross-validated precision/recall of the model alone at
several thresholds (how the classifier's threshold is chosen), and writes nothing.
公開データの学習用80%と合成データで脅威モデルを学習し、threat-model.jsonを書き出します。--cv は書き出さず、
5分割交差検証でしきい値ごとの適合率・再現率を表示します。`;
const CV_THRESHOLDS = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

/**
 * npm run train: fits the threat model on the public data sets' training split (80%, fixed by id) and on our own
 * synthetic examples, then writes lib/catalog/threat-model.json. The real-world fixtures are never trained on.
 */
function main(): void {
  const { values } = parseArgs({
    options: { cv: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const publicData = loadPublicData().filter((item) => !isHeldOut(item));
  const synthetic = loadFixtures('synthetic-train.jsonl', 'synthetic');
  const data = [...publicData, ...synthetic];
  if (values.cv) {
    process.stdout.write(
      `5-fold cross-validation on ${data.length} texts / 学習データ${data.length}件で5分割交差検証\n`,
    );
    process.stdout.write('threshold  precision  recall  false-positive rate\n');
    for (const row of crossValidate(data, shippedCatalog(), CV_THRESHOLDS)) {
      process.stdout.write(
        `${row.threshold.toFixed(2).padStart(9)}  ${row.precision.toFixed(3).padStart(9)}  ${row.recall.toFixed(3).padStart(6)}  ${(row.falsePositiveRate * 100).toFixed(2).padStart(18)}%\n`,
      );
    }
    return;
  }
  process.stdout.write(
    `training on ${data.length} texts (public ${publicData.length}, synthetic ${synthetic.length}) / 学習データ ${data.length}件\n`,
  );
  const started = performance.now();
  const model = trainThreatModel(data, shippedCatalog(), {
    ...DEFAULT_TRAINING,
    onEpoch: (run, epoch, loss) =>
      process.stdout.write(
        `  run ${run + 1}/${DEFAULT_TRAINING.runs}  epoch ${epoch}/${DEFAULT_TRAINING.epochs}  loss ${loss.toFixed(4)}\n`,
      ),
  });
  const file = join(REPO_ROOT, 'lib', 'catalog', 'threat-model.json');
  const json = `${JSON.stringify(model)}\n`;
  writeFileSync(file, json);
  process.stdout.write(
    `wrote ${file} (${model.weights.length} weights, ${(json.length / 1024).toFixed(1)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

main();
