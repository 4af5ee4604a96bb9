import type { ThreatModel } from '../core/threat-model';
import type { ThreatModelFile } from './schema';

/** Bias and weights are written in thousandths, the precision the shipped model has always been rounded to. */
const WEIGHT_SCALE = 1000;

/** The file form of a trained model (ThreatModelFileSchema says why it is packed so). Deterministic. */
export function encodeThreatModel(model: ThreatModel, trainedOn: Readonly<Record<string, number>>): ThreatModelFile {
  const ids = [...model.weights.keys()].sort((a, b) => a - b);
  return {
    version: 2,
    buckets: model.buckets,
    weightScale: WEIGHT_SCALE,
    bias: Math.round(model.bias * WEIGHT_SCALE),
    bucketGaps: ids.map((id, index) => id - (index === 0 ? 0 : (ids[index - 1] as number))),
    weights: ids.map((id) => Math.round((model.weights.get(id) ?? 0) * WEIGHT_SCALE)),
    trainedOn: { ...trainedOn },
  };
}

/** The model a validated file holds, as the classifier reads it. */
export function decodeThreatModel(file: ThreatModelFile): ThreatModel {
  const weights = new Map<number, number>();
  let id = 0;
  file.bucketGaps.forEach((gap, index) => {
    id += gap;
    weights.set(id, (file.weights[index] ?? 0) / file.weightScale);
  });
  return { buckets: file.buckets, bias: file.bias / file.weightScale, weights };
}
