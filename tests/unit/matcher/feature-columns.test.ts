/**
 * FeatureColumns reads a message's features into the model's columns without naming them:
 * the model must read exactly what it read from the named features (featuresOfAnalysis),
 * to the bit, or a decision could change because the reading got cheaper.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parse } from 'yaml';
import { analyzeText } from '../../../src/core/language/analyze';
import { loadAnswerer } from '../../../src/core/knowledge/load-answerer';
import { FeatureColumns } from '../../../src/core/knowledge/model/feature-columns';
import { featuresOf, featuresOfAnalysis } from '../../../src/core/knowledge/model/features';
import { SoftmaxModel } from '../../../src/core/knowledge/model/softmax';
import { TrainingSet } from '../../../src/core/knowledge/model/training-set';
import { EMPTY_LEXICON, type Lexicon } from '../../../src/core/language/lexicon';

const ROOT = path.join(__dirname, '../../..');

/** Both readings of each text, side by side (logits as plain arrays: toEqual compares every number exactly). */
function readings(model: SoftmaxModel, columns: FeatureColumns, lexicon: Lexicon, text: string) {
  const analysis = analyzeText(text, lexicon);
  const bag = featuresOfAnalysis(analysis);
  const byName = model.readKnown(bag);
  const vector = columns.read(analysis);
  // Its features (known or not: all count towards the message's length), before the model reads it.
  const features = vector.size;
  const byColumn = model.readVector(vector);
  return {
    byName: { features: bag.size, known: byName.known, logits: Array.from(byName.logits) },
    byColumn: { features, known: byColumn.known, logits: Array.from(byColumn.logits) },
  };
}

describe('reading a message by columns (the real knowledge base)', () => {
  let model: SoftmaxModel;
  let columns: FeatureColumns;
  let lexicon: Lexicon;
  let phrasings: string[];
  beforeAll(async () => {
    const answerer = await loadAnswerer({ knowledgeDir: path.join(ROOT, 'knowledge') });
    model = SoftmaxModel.fromStored(answerer.matcher.toStored().model);
    const names = model.columnNames();
    if (!names) throw new Error('the real knowledge base has an exact vocabulary');
    columns = new FeatureColumns(names);
    lexicon = answerer.content.lexicon;
    phrasings = answerer.content.kb.entries.flatMap((entry) => [entry.question.vi, entry.question.en, ...entry.alternates.vi, ...entry.alternates.en]);
  });

  it('gives the same logits, bit for bit, and the same count of known features for every development message and phrasing', () => {
    const cases = ['dev/dev2.yaml', 'dev5/dev5.yaml'].flatMap((file) => (parse(readFileSync(path.join(ROOT, 'tests/fixtures/eval', file), 'utf8')) as { text: string }[]).map((testCase) => testCase.text));
    const texts = [...cases, ...phrasings, '', '???', 'hoc bong hoc bong hoc bong', 'bn tiền 1 năm'];
    // Letter groups with a letter no group of the model has, repeated within a word: each counts once.
    texts.push('học bổng 中文中a中文中n', 'hoc bong 中文 中文中文 ok', 'visa визaвизn');
    let compared = 0;
    for (const text of texts) {
      const { byName, byColumn } = readings(model, columns, lexicon, text);
      expect(byColumn).toEqual(byName);
      compared++;
    }
    expect(compared).toBeGreaterThan(700);
  });

  it('gives the same reading for any text, with letters the model never saw among them', () => {
    const letter = fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệíìỉĩịóòỏõọúùủũụýỳỷỹỵ0123456789 ?.,!-ñçßкиї中文😀'.split(''));
    fc.assert(
      fc.property(fc.array(letter, { maxLength: 60 }), fc.constantFrom('', 'học bổng ', 'cho em hỏi '), (letters, prefix) => {
        const { byName, byColumn } = readings(model, columns, lexicon, prefix + letters.join(''));
        expect(byColumn).toEqual(byName);
      }),
      { numRuns: 300 },
    );
    // Few letters, so that letter groups repeat within a word and across words (each counts once).
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'n', '中', 'к', ' '), { maxLength: 16 }), (letters) => {
        const { byName, byColumn } = readings(model, columns, lexicon, `học bổng ${letters.join('')}`);
        expect(byColumn).toEqual(byName);
      }),
      { numRuns: 300 },
    );
  });
});

describe('reading by columns when the letter groups have too many letters to number', () => {
  it('finds them by their text and reads the same as by name', () => {
    // 200 letters the model learns (CJK characters fold to themselves): over the 127 a letter group's number holds.
    const word = (i: number) => String.fromCharCode(0x4e00 + ((i * 4) % 200), 0x4e01 + ((i * 4) % 200), 0x4e02 + ((i * 4) % 200), 0x4e03 + ((i * 4) % 200));
    const lexicon = EMPTY_LEXICON;
    const examples = new TrainingSet();
    for (let i = 0; i < 60; i++) examples.add(featuresOf(`${word(i)} ${word(i + 1)} hoc`, lexicon), i % 3);
    const model = SoftmaxModel.train(examples, 3);
    const columns = new FeatureColumns(model.columnNames() as string[]);
    for (const text of [`${word(3)} ${word(7)}`, `${word(5)}x hoc bong`, 'hoc', '']) {
      const { byName, byColumn } = readings(model, columns, lexicon, text);
      expect(byColumn).toEqual(byName);
      expect(byName.known).toBeGreaterThan(text === '' ? -1 : 0);
    }
  });
});
