import type { Catalog } from '../catalog/load-catalog';
import { analyzeMessage } from '../core/analyze';
import { THREAT_CATEGORIES } from '../core/classify';
import { composeReply } from '../core/compose-reply';
import { CATEGORIES, type Category } from '../core/types';
import type { LabelledText } from './labelled-data';

export interface BinaryScores {
  readonly n: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly trueNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly falsePositiveRate: number;
}

export interface CategoryScores {
  readonly category: Category;
  readonly support: number;
  readonly precision: number;
  readonly recall: number;
}

export interface Prediction {
  readonly item: LabelledText;
  readonly category: Category;
  readonly threat: boolean;
  readonly segments: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Runs the engine over labelled texts, as the webhook would (verdict and first reply). */
export function predict(items: readonly LabelledText[], catalog: Catalog): Prediction[] {
  return items.map((item) => {
    const { verdict } = analyzeMessage(item.text, catalog);
    return {
      item,
      category: verdict.category,
      threat: THREAT_CATEGORIES.has(verdict.category),
      segments: composeReply(verdict, catalog).segments,
    };
  });
}

export function binaryScores(predictions: readonly Prediction[]): BinaryScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const p of predictions) {
    if (p.threat && p.item.threat) tp++;
    else if (p.threat) fp++;
    else if (p.item.threat) fn++;
    else tn++;
  }
  return {
    n: predictions.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    falsePositiveRate: ratio(fp, fp + tn),
  };
}

export function categoryScores(predictions: readonly Prediction[]): CategoryScores[] {
  return CATEGORIES.map((category) => {
    const labelled = predictions.filter((p) => p.item.category === category);
    const predicted = predictions.filter((p) => p.category === category);
    const correct = labelled.filter((p) => p.category === category).length;
    return {
      category,
      support: labelled.length,
      precision: ratio(correct, predicted.length),
      recall: ratio(correct, labelled.length),
    };
  });
}

export function accuracy(predictions: readonly Prediction[]): number {
  return ratio(predictions.filter((p) => p.category === p.item.category).length, predictions.length);
}

/** Rows: labelled category; columns: predicted category. */
export function confusionMatrix(predictions: readonly Prediction[]): number[][] {
  const index = new Map(CATEGORIES.map((category, i) => [category, i]));
  const matrix = CATEGORIES.map(() => CATEGORIES.map(() => 0));
  for (const p of predictions) {
    if (p.item.category === null) continue;
    const row = matrix[index.get(p.item.category) ?? 0];
    const column = index.get(p.category) ?? 0;
    if (row) row[column] = (row[column] ?? 0) + 1;
  }
  return matrix;
}
