/**
 * Issue 10's faults, on the real bot process with state and records in Azurite:
 * - Azurite stopped and restarted in the middle of a form;
 * - the state write failing right after a lead was stored (a proxy refuses the state's PUTs).
 * What the user sees, what /readyz says, and that no record is lost or stored twice.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BlobRecordStore, type StoredRecord } from '../../src/core/records';
import { containerClient } from '../../src/core/storage/blob-container';
import { startBlobProxy, type BlobProxy } from '../helpers/blob-proxy';
import { connectionString, freePort, startAzurite } from '../integration/azurite';
import { conversation, saysOf } from '../integration/harness';
import { eventually, runBot, tempDir, type RunningBot } from './bot-process';

jest.setTimeout(120_000);

const QUESTION_EN = 'Does the PN scholarship cover housing?';
const labels = async (bot: RunningBot, activity: Record<string, unknown>) => (await bot.say(activity)).activities.flatMap(saysOf);

async function leadsOf(blob: string, conversationId: string): Promise<StoredRecord[]> {
  const store = new BlobRecordStore(containerClient({ connectionString: blob }, 'records'));
  const found: StoredRecord[] = [];
  for await (const record of store.read('lead')) if (record.conversationId === conversationId) found.push(record);
  return found;
}

describe('Azurite stopped and restarted in the middle of a form', () => {
  let azurite: ChildProcess | undefined;
  let bot: RunningBot | undefined;
  afterAll(async () => {
    await bot?.stop();
    azurite?.kill();
  });

  it('answers questions meanwhile, says the form step was not kept, and goes on where it was once storage is back', async () => {
    const port = await freePort();
    const location = mkdtempSync(path.join(tmpdir(), 'azurite-restart-'));
    azurite = await startAzurite(port, location);
    const blob = connectionString(port);
    bot = await runBot({ STORAGE: 'blob', BLOB_CONNECTION_STRING: blob, DATA_DIR: await tempDir('pn-restart-') });
    const chat = conversation({ locale: 'en-US' });
    await labels(bot, chat.click({ action: 'flow', flow: 'contact' }));
    expect(await labels(bot, chat.message('Tran Thi Mai'))).toContain('prompt:contact.contact');

    const stopped = new Promise((resolve) => azurite?.once('exit', resolve));
    azurite.kill();
    await stopped;
    const question = await labels(bot, chat.message(QUESTION_EN));
    expect(question.some((label) => label.startsWith('entry:'))).toBe(true);
    const step = await labels(bot, chat.message('mai@example.com'));
    // The form's step was not taken (the bot cannot know there is a form): the user is told, nothing is claimed.
    expect(step).toContain('key:error.stateUnreadable');
    expect(step.some((label) => label.startsWith('prompt:contact.'))).toBe(false);
    const down = await bot.readiness();
    expect(down.status).toBe(503);
    expect({ storage: down.checks.storage.ok, records: down.checks.records.ok }).toEqual({ storage: false, records: false });

    azurite = await startAzurite(port, location);
    await eventually(() => bot!.readiness(), (r) => r.status === 200, 'ready once Azurite is back');
    // The form is where it was: the email is asked for and taken now.
    expect(await labels(bot, chat.message('mai@example.com'))).not.toContain('prompt:contact.contact');
    for (const answer of ['1', '2']) await labels(bot, chat.message(answer));
    expect(await labels(bot, chat.message('yes'))).toContain('outcome:contact.saved');
    expect(await leadsOf(blob, chat.id)).toHaveLength(1);
  });
});

describe('the state write fails right after a lead is stored', () => {
  let azurite: ChildProcess | undefined;
  let proxy: BlobProxy | undefined;
  let bot: RunningBot | undefined;
  afterAll(async () => {
    await bot?.stop();
    await proxy?.close();
    azurite?.kill();
  });

  it('confirms the stored lead without an apology, and a repeated "yes" shows the same reference and stores nothing more', async () => {
    const port = await freePort();
    azurite = await startAzurite(port);
    proxy = await startBlobProxy(port);
    const blob = connectionString(proxy.port);
    bot = await runBot({ STORAGE: 'blob', BLOB_CONNECTION_STRING: blob, BLOB_CONTAINER: 'state', DATA_DIR: await tempDir('pn-refuse-') });
    const chat = conversation({ locale: 'en-US' });
    await labels(bot, chat.click({ action: 'flow', flow: 'contact' }));
    for (const answer of ['Tran Thi Mai', 'mai@example.com', '1', '2']) await labels(bot, chat.message(answer));

    // From now on every write to the state container fails; records still go through.
    proxy.refuse = (method, url) => method === 'PUT' && /\/state\//.test(url);
    const first = await bot.say(chat.message('yes'));
    const firstLabels = first.activities.flatMap(saysOf);
    expect(firstLabels).toContain('outcome:contact.saved');
    expect(firstLabels).not.toContain('key:error.generic');
    expect(firstLabels).not.toContain('key:error.stateUnavailable');
    expect(proxy.refused).toBeGreaterThan(0);
    const [lead] = await leadsOf(blob, chat.id);
    expect(first.activities.map((a) => a.text).join('\n')).toContain(String(lead.reference));
    const refusing = await bot.readiness();
    expect(refusing.status).toBe(503);
    expect(refusing.checks.storage.ok).toBe(false);
    expect(refusing.checks.records.ok).toBe(true);

    proxy.refuse = undefined;
    await eventually(() => bot!.readiness(), (r) => r.status === 200, 'ready once writes pass again');
    // The state still stood at the consent question: the same answer finds the same lead.
    const again = await bot.say(chat.message('yes'));
    expect(again.activities.flatMap(saysOf)).toContain('outcome:contact.saved');
    expect(again.activities.map((a) => a.text).join('\n')).toContain(String(lead.reference));
    expect(await leadsOf(blob, chat.id)).toHaveLength(1);
  });
});
