import { shippedCatalog } from '../../lib/catalog/load-catalog';
import shippedModel from '../../lib/catalog/threat-model.json';
import { isHeldOut, loadFixtures, loadPublicData } from '../../lib/learning/labelled-data';
import { crossValidate, DEFAULT_TRAINING, trainThreatModel } from '../../lib/learning/train-threat-model';

describe('the shipped threat model', () => {
  const publicData = loadPublicData();

  it('is exactly what `npm run train` produces from the data in the repository and ../shared/data', () => {
    const data = [
      ...publicData.filter((item) => !isHeldOut(item)),
      ...loadFixtures('synthetic-train.jsonl', 'synthetic'),
    ];
    const retrained = trainThreatModel(data, shippedCatalog(), DEFAULT_TRAINING);
    expect(JSON.parse(JSON.stringify(retrained))).toEqual(shippedModel);
  });

  it('never trains on the held-out texts or the real-world fixtures', () => {
    const heldOut = publicData.filter(isHeldOut);
    expect(heldOut.length / publicData.length).toBeGreaterThan(0.15);
    expect(heldOut.length / publicData.length).toBeLessThan(0.25);
    expect(shippedModel.trainedOn).toEqual({
      public: publicData.length - heldOut.length,
      synthetic: loadFixtures('synthetic-train.jsonl', 'synthetic').length,
    });
  });

  it('is cross-validated on the training data alone, with recall falling and precision rising with the threshold', () => {
    const data = [
      ...publicData.filter((item) => !isHeldOut(item)),
      ...loadFixtures('synthetic-train.jsonl', 'synthetic'),
    ];
    const [low, high] = crossValidate(data, shippedCatalog(), [0.5, 0.95], 3, { ...DEFAULT_TRAINING, runs: 1 });
    expect(low?.recall).toBeGreaterThan(high?.recall ?? 1);
    expect(high?.precision).toBeGreaterThan(low?.precision ?? 1);
    expect(low?.recall).toBeGreaterThan(0.8);
  });
});
