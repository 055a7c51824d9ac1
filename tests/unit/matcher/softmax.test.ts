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

  it('reads a text by the features it knows: words it never saw do not thin out the others', () => {
    const model = SoftmaxModel.train(examples, 3);
    const alone = model.logits(model.knownOnly(bag('visa')));
    expect(Array.from(model.logits(model.knownOnly(bag('visa', 'aws', 'cisco', 'topik'))))).toEqual(Array.from(alone));
    // Without leaving them out, the unknown words weaken "visa".
    expect(softmax(model.logits(bag('visa', 'aws', 'cisco', 'topik')))[1]).toBeLessThan(softmax(alone)[1]);
  });

  it('reads the known features in one pass exactly as knownOnly, knownFeatures and logits do one after another', () => {
    // A set of its own for the hashed model: training with hashed columns rewrites the set's columns.
    const hashedExamples = new TrainingSet();
    for (const [names, label] of [[['hoc', 'bong'], 0], [['visa', 'nhat'], 1], [['pho', 'nau'], 2]] as const) for (let i = 0; i < 20; i++) hashedExamples.add(bag(...names), label);
    for (const model of [SoftmaxModel.train(examples, 3), SoftmaxModel.train(hashedExamples, 3, { ...DEFAULT_TRAIN_OPTIONS, weightBudget: 3 })]) {
      for (const features of [bag('visa'), bag('visa', 'aws', 'cisco', 'topik'), bag('aws'), bag('hoc', 'bong', 'nau'), new Map<string, number>()]) {
        const { logits, known } = model.readKnown(features);
        expect(known).toBe(model.knownFeatures(features));
        // Bit for bit: a decision must not change because the reading got cheaper.
        expect(Array.from(logits)).toEqual(Array.from(model.logits(model.knownOnly(features))));
      }
    }
  });

  it('still learns with hashed columns when the weights would not fit the budget', () => {
    const model = SoftmaxModel.train(examples, 3, { ...DEFAULT_TRAIN_OPTIONS, weightBudget: 3 });
    const probabilities = softmax(model.logits(bag('hoc', 'bong')));
    expect(probabilities[0]).toBeGreaterThan(0.5);
  });

  // A knowledge base of more than 80 entries trains on sampled classes, and a very large one
  // on hashed columns (with collisions). Neither path is taken by the real knowledge base, so
  // their numbers are pinned here: the logits the class-by-class training gave (4fc3fb2),
  // which the feature-by-feature loops must give exactly.
  describe('sampled training (over 80 classes), with hashed and with exact columns', () => {
    const CLASSES = 100;
    const trainingSet = () => {
      const set = new TrainingSet();
      for (let c = 0; c < CLASSES; c++) for (let j = 0; j < 12; j++) set.add(bag(`w${c}`, `w${c}_${j}`, `w${(c * 7) % CLASSES}`), c);
      return set;
    };
    const probes = [bag('w3', 'w3_1'), bag('w42', 'shared2'), bag('w99_3', 'w7')];
    // 1,300 features: 20,000 weights hash them into 1,024 columns (collisions); 12,000,000 keeps them exact.
    const pinned: Record<number, number[][]> = {
      20_000: [
        [0.2193196036307017, 3.507720152561305, -0.12524455883780117, -0.6343482276370511],
        [0.5361359806911348, -0.14296478685153025, 3.184396492606608, -0.7335046034257999],
        [0.13081133127387812, -0.11699381494989458, -0.17495470982969374, -0.401895638997833],
      ],
      12_000_000: [
        [0.2361992626481228, 3.541399263181942, -0.10129377058082545, -0.6117563152710902],
        [0.25075583754620245, -0.054718289374977136, 3.2522341392852354, -0.6143342558628255],
        [0.22040145122883903, -0.051322399475197275, -0.09948802831763257, -0.30028358393030263],
      ],
    };
    it.each([20_000, 12_000_000])('gives the pinned logits with a weight budget of %i', (weightBudget) => {
      const model = SoftmaxModel.train(trainingSet(), CLASSES, { ...DEFAULT_TRAIN_OPTIONS, weightBudget, epochs: 3 });
      expect(probes.map((probe) => [0, 3, 42, 99].map((c) => model.logits(probe)[c]))).toEqual(pinned[weightBudget]);
    });
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
