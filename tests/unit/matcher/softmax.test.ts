import { SoftmaxModel, softmax } from '../../../src/core/knowledge/model/softmax';
import { DEFAULT_TRAIN_OPTIONS } from '../../../src/core/knowledge/model/softmax';

const bag = (...names: string[]) => new Map(names.map((name) => [name, 1 / Math.sqrt(names.length)]));

describe('SoftmaxModel', () => {
  const examples = [
    ...Array.from({ length: 20 }, () => ({ features: bag('hoc', 'bong'), label: 0 })),
    ...Array.from({ length: 20 }, () => ({ features: bag('visa', 'nhat'), label: 1 })),
    ...Array.from({ length: 20 }, () => ({ features: bag('pho', 'nau'), label: 2 })),
  ];

  it('learns which class a feature points to', () => {
    const model = SoftmaxModel.train(examples, 3);
    const probabilities = softmax(model.logits(bag('visa')));
    expect(probabilities.indexOf(Math.max(...probabilities))).toBe(1);
    expect(probabilities[1]).toBeGreaterThan(0.6);
  });

  it('gives the same model in slices as at once (the running bot and the CLI agree)', async () => {
    const atOnce = SoftmaxModel.train(examples, 3);
    const inSlices = await SoftmaxModel.trainInSlices(examples, 3);
    expect(Array.from(inSlices.logits(bag('hoc', 'nau')))).toEqual(Array.from(atOnce.logits(bag('hoc', 'nau'))));
  });

  it('ignores features it never saw, and says how many it knew', () => {
    const model = SoftmaxModel.train(examples, 3);
    expect(model.knownFeatures(bag('aws', 'cisco'))).toBe(0);
    expect(model.knownFeatures(bag('aws', 'visa'))).toBe(1);
  });

  it('still learns with hashed columns when the weights would not fit the budget', () => {
    const model = SoftmaxModel.train(examples, 3, { ...DEFAULT_TRAIN_OPTIONS, weightBudget: 3 });
    const probabilities = softmax(model.logits(bag('hoc', 'bong')));
    expect(probabilities[0]).toBeGreaterThan(0.5);
  });
});
