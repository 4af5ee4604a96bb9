import brandsJson from '../../../lib/catalog/brands.json';
import cuesJson from '../../../lib/catalog/cues.json';
import latinConfusablesJson from '../../../lib/catalog/latin-confusables.json';
import linkServicesJson from '../../../lib/catalog/link-services.json';
import { buildCatalog } from '../../../lib/catalog/load-catalog';
import playbooksJson from '../../../lib/catalog/playbooks.json';
import threatModelJson from '../../../lib/catalog/threat-model.json';
import { decodeThreatModel, encodeThreatModel } from '../../../lib/catalog/threat-model-file';

const withModel = (threatModel: unknown) =>
  buildCatalog({
    brands: brandsJson,
    playbooks: playbooksJson,
    cues: cuesJson,
    linkServices: linkServicesJson,
    latinConfusables: latinConfusablesJson,
    threatModel,
  });

describe('the threat model file', () => {
  it('decodes to the buckets and weights that were encoded, in thousandths', () => {
    const model = {
      buckets: 16,
      bias: 0.1234,
      weights: new Map([
        [9, -0.5],
        [0, 1.0004],
        [15, 0.25],
      ]),
    };
    const file = encodeThreatModel(model, { public: 3 });
    expect(file).toEqual({
      version: 2,
      buckets: 16,
      weightScale: 1000,
      bias: 123,
      bucketGaps: [0, 9, 6],
      weights: [1000, -500, 250],
      trainedOn: { public: 3 },
    });
    expect(decodeThreatModel(file)).toEqual({
      buckets: 16,
      bias: 0.123,
      weights: new Map([
        [0, 1],
        [9, -0.5],
        [15, 0.25],
      ]),
    });
  });

  it('is what the shipped catalog reads', () => {
    expect(encodeThreatModel(withModel(threatModelJson).threatModel, threatModelJson.trainedOn)).toEqual(
      threatModelJson,
    );
  });

  it.each([
    [{ bucketGaps: [0.5, ...threatModelJson.bucketGaps.slice(1)] }, /bucketGaps: must be a list of whole numbers/],
    [{ weights: threatModelJson.weights.slice(1) }, /weights: must have one weight per bucket gap/],
    [{ bucketGaps: [1, 0, ...threatModelJson.bucketGaps.slice(2)] }, /bucketGaps: buckets must ascend without repeats/],
    [{ bucketGaps: [2 ** 20, ...threatModelJson.bucketGaps.slice(1)] }, /bucketGaps: a bucket lies beyond/],
    [{ buckets: 1000 }, /buckets: must be a power of two/],
  ])('refuses a malformed file, naming the field (%#)', (patch, message) => {
    expect(() => withModel({ ...threatModelJson, ...patch })).toThrow(message);
  });
});
