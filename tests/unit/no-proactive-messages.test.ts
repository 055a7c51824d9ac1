/**
 * Meta's 24-hour window (issue 24): on Messenger a page may answer a person only within
 * 24 hours of their last message. The bot stays inside it by only ever replying in the
 * turn of the student's own message; it never messages anyone first. This fails when
 * `src/` gains a way to send outside a turn (deployment/README.md, "Meta's 24-hour
 * messaging window", says what such a feature must then do for channel "facebook").
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');
const PROACTIVE = /\b(continueConversation(Async)?|createConversation(Async)?|sendToConversation|replyToActivity)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : [];
  });
}

test('nothing in src/ sends a message outside the turn of the user\'s own message', () => {
  const files = sources(SRC);
  expect(files.length).toBeGreaterThan(50);
  const found = files.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, index) => ({ line, at: `${path.relative(SRC, file)}:${index + 1}` }))
      .filter(({ line }) => PROACTIVE.test(line))
      .map(({ at, line }) => `${at}: ${line.trim()}`),
  );
  expect(found).toEqual([]);
});

test('the check can fail: it recognises a proactive send', () => {
  expect(PROACTIVE.test('await adapter.continueConversationAsync(appId, reference, logic);')).toBe(true);
  expect(PROACTIVE.test('await context.sendActivity(reply);')).toBe(false);
});
