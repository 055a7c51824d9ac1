/**
 * One reading of a message per turn (issue 20): a turn folds the message's text once,
 * normalises it once and detects its language once, however many readers (the reply
 * language, commands, triggers, the follow-up cues, the matcher) look at it. Counted
 * with spies on the one folding, normalising and detecting functions.
 */
import path from 'node:path';
import { engineContent, loadContentBundle, type ContentBundle } from '../../src/core/content/bundle';
import { EngineStateRepo, runTurn, type ConversationRef, type EngineInput } from '../../src/core/engine';
import * as detect from '../../src/core/language/detect';
import * as folding from '../../src/core/language/fold';
import * as normalize from '../../src/core/language/normalize';
import { MemoryStateStore } from '../../src/core/state';
import { memoryPorts } from '../helpers/memory-ports';

const ROOT = path.resolve(__dirname, '../..');
let content: ContentBundle;
beforeAll(async () => {
  content = await loadContentBundle({ knowledgeDir: path.join(ROOT, 'knowledge'), dialogsDir: path.join(ROOT, 'dialogs'), localesDir: path.join(ROOT, 'locales') });
});

afterEach(() => jest.restoreAllMocks());

const who: ConversationRef = { channelId: 'test', conversationId: 'one-reading', userId: 'user-1' };

/** Plays the messages in one conversation; for each, how often its whole text was folded and normalised, and how often a language was detected. */
async function countReadings(messages: string[]): Promise<{ folds: number; normalisations: number; detections: number; answered: string | null | undefined }[]> {
  const repo = new EngineStateRepo(new MemoryStateStore());
  const ports = memoryPorts();
  const fold = jest.spyOn(folding, 'fold');
  const normalizeVietnamese = jest.spyOn(normalize, 'normalizeVietnamese');
  const detectLanguage = jest.spyOn(detect, 'detectLanguage');
  const counts = [];
  for (const text of messages) {
    for (const spy of [fold, normalizeVietnamese, detectLanguage]) spy.mockClear();
    const input: EngineInput = { kind: 'message', text };
    const env = { who, locale: 'vi-VN', now: new Date(), newReference: () => 'PN-ONE' };
    const outcome = await runTurn(input, env, engineContent(content), { state: repo, ports, options: { maxMessageLength: 2000 } });
    const whole = (calls: unknown[][]) => calls.filter(([argument]) => typeof argument === 'string' && argument.normalize('NFC').trim() === text.normalize('NFC').trim()).length;
    counts.push({
      folds: whole(fold.mock.calls),
      normalisations: whole(normalizeVietnamese.mock.calls),
      detections: detectLanguage.mock.calls.length,
      answered: outcome.replies.find((reply) => reply.trace?.decision === 'answer')?.trace?.entryId,
    });
  }
  return counts;
}

describe('one reading of a message per turn', () => {
  it('folds, normalises and detects a question once, a follow-up and a long message with a story too', async () => {
    const counts = await countReadings([
      'kỹ sư IT sang Nhật làm việc cần visa gì',
      'còn vợ con thì sao?',
      'Who can apply to the PN scholarship programme?',
      'Em ở Quảng Nam, nhà làm nông, năm nay em học lớp 12. Cho em hỏi học bổng PN gồm những gì ạ? Còn thi những môn nào?',
    ]);
    // The questions were answered (the readings served the matcher), each from one reading.
    expect(counts.map((count) => count.answered)).toEqual(['jp.visa', 'jp.family-residence', expect.any(String), expect.any(String)]);
    for (const count of counts) expect({ folds: count.folds, normalisations: count.normalisations, detections: count.detections }).toEqual({ folds: 1, normalisations: 1, detections: 1 });
  });

  it('reads a command once and detects nothing twice', async () => {
    const [count] = await countReadings(['Tiếng Việt!']);
    expect(count.folds).toBe(1);
    expect(count.detections).toBeLessThanOrEqual(1);
  });
});
