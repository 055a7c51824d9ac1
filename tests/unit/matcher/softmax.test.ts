import { SoftmaxModel, softmax } from '../../../src/core/knowledge/model/softmax';
import { DEFAULT_TRAIN_OPTIONS } from '../../../src/core/knowledge/model/softmax';
import { TrainingSet } from '../../../src/core/knowledge/model/training-set';

const bag = (...names: string[]) => new Map(names.map((name) => [name, 1 / Math.sqrt(names.length)]));

describe('SoftmaxModel', () => {
  const examples = new TrainingSet();
  for (let i = 0; i < 20; i++) examples.add(bag('hoc', 'bong'), 0);
  for (let i = 0; i < 20; i++) examples.add(bag('visa', 'nhat'), 1);
  for (let i = 0; i < 20; i++) examples.add(bag('pho', 'nau'), 2);

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

  it('packs every example in order, with the vocabulary in first-seen order', () => {
    const set = new TrainingSet();
    set.add(bag('a', 'b'), 1);
    set.add(bag('b', 'c'), 0);
    const packed = set.packed();
    expect(set.names()).toEqual(['a', 'b', 'c']);
    expect(Array.from(packed.offsets)).toEqual([0, 2, 4]);
    expect(Array.from(packed.columns)).toEqual([0, 1, 1, 2]);
    expect(Array.from(packed.labels)).toEqual([1, 0]);
  });
});
