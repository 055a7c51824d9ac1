/** Office hours, retention and the privacy notice: one setting each, said in the user's language wherever a flow names them. */
import path from 'node:path';
import { createTranslator } from '../../src/core/content/catalogue';
import { resolveText } from '../../src/core/conversation/resolve';
import { loadFlows } from '../../src/core/flows';
import { describeOfficeHours, type ContentSettings } from '../../src/core/settings/content-settings';
import { dayRuns, parseOfficeHours } from '../../src/core/settings/office-hours';

const ROOT = path.join(__dirname, '..', '..');
const t = createTranslator(path.join(ROOT, 'locales'));

describe('office hours', () => {
  it('reads days and hours, and refuses what it cannot read', () => {
    expect(parseOfficeHours('Mon-Fri 08:00-17:00')).toEqual({ ok: true, hours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' } });
    expect(parseOfficeHours('mon,wed,sat 8:00-11:30')).toEqual({ ok: true, hours: { days: [1, 3, 6], open: '08:00', close: '11:30' } });
    expect(parseOfficeHours('fri-mon 08:00-17:00').ok).toBe(false);
    expect(parseOfficeHours('Mon-Fri 8-17').ok).toBe(false);
    expect(parseOfficeHours('').ok).toBe(false);
    expect(dayRuns([1, 2, 3, 5, 7])).toEqual([[1, 3], [5, 5], [7, 7]]);
  });

  it('says the hours in each language from the catalogue, differently for a range and a list', () => {
    const weekdays = { days: [1, 2, 3, 4, 5] as const, open: '08:00', close: '17:00' };
    const vi = describeOfficeHours({ ...weekdays, days: [...weekdays.days] }, 'vi', t);
    const en = describeOfficeHours({ ...weekdays, days: [...weekdays.days] }, 'en', t);
    expect(vi).toContain(t('vi', 'settings.days.mon'));
    expect(vi).toContain(t('vi', 'settings.days.fri'));
    expect(en).toContain(t('en', 'settings.days.mon'));
    expect(en).toContain('8:00');
    expect(en).not.toEqual(vi);
    const list = describeOfficeHours({ days: [1, 3], open: '08:00', close: '11:30' }, 'en', t);
    expect(list).toContain(t('en', 'settings.days.wed'));
    expect(list).not.toContain(t('en', 'settings.days.tue'));
  });
});

describe('flow texts that name a setting', () => {
  const settings: ContentSettings = { officeHours: { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' }, retentionDays: 180, privacyPath: '/privacy' };
  const content = async () => ({ t, answerer: { entry: () => undefined }, flows: await loadFlows(path.join(ROOT, 'dialogs'), ROOT), settings });

  it.each(['handoff', 'contact'])('the %s consent question says how long details are kept and links the privacy notice in the same language', async (flow) => {
    const c = await content();
    for (const lang of ['vi', 'en'] as const) {
      const text = resolveText({ flow, step: 'consent', field: 'prompt' }, lang, c);
      expect(text).toContain('180');
      expect(text).toContain(`/privacy?lang=${lang}`);
      expect(text).not.toContain('{{');
    }
  });

  it('the hand-over says when the admissions staff answer', async () => {
    const c = await content();
    for (const lang of ['vi', 'en'] as const) {
      const intro = resolveText({ flow: 'handoff', field: 'intro' }, lang, c);
      expect(intro).toContain(describeOfficeHours(settings.officeHours, lang, t));
      const done = resolveText({ flow: 'handoff', outcome: 'recorded', field: 'text', params: { reference: 'PN-TEST' } }, lang, c);
      expect(done).toContain(describeOfficeHours(settings.officeHours, lang, t));
      expect(done).toContain('PN-TEST');
    }
  });
});
