// Controls for a bad day: switch answers or whole areas off, hand-over only, and the office
// hours for hand-over. Saved as one set; every copy of the bot follows within seconds.
import { el, fill, uid } from './console-kit.js';

export default {
  id: 'controls',
  titleKey: 'shell.tabs.controls',
  role: 'Staff.Content',
  render,
};

const DAYS = [1, 2, 3, 4, 5, 6, 7];

async function render(container, ctx) {
  const { t } = ctx;
  const result = await ctx.api('GET', '/staff/api/controls');
  if (result.status !== 200) {
    ctx.setStatus(ctx.errorText(result), true);
    return;
  }
  const { controls, areas } = result.body;
  const checkbox = (label, checked, id = uid('control')) => {
    const input = el('input', { type: 'checkbox', id, checked });
    return { input, node: el('div', { className: 'check' }, [input, el('label', { for: id, text: label })]) };
  };

  const status = el('p', { className: 'notice', id: 'controls-status' });
  const handover = checkbox(t('controls.handoverOnly'), controls.handoverOnly, 'controls-handover-only');
  const areaBoxes = areas.map((area) => ({ area, ...checkbox(t('controls.areaOff', { area }), controls.disabledAreas.includes(area), `controls-area-${area}`) }));
  const entriesId = uid('controls-entries');
  const entriesInput = el('textarea', { id: entriesId, rows: '4', 'aria-describedby': 'controls-entries-help' });
  entriesInput.value = controls.disabledEntries.join('\n');
  const hours = controls.officeHours || { days: [1, 2, 3, 4, 5], open: '08:00', close: '17:00' };
  const hoursOn = checkbox(t('controls.hoursOn'), Boolean(controls.officeHours), 'controls-hours-on');
  const dayBoxes = DAYS.map((day) => ({ day, ...checkbox(t(`controls.day.${day}`), hours.days.includes(day)) }));
  const start = el('input', { type: 'time', id: uid('controls-start'), value: hours.open });
  const end = el('input', { type: 'time', id: uid('controls-end'), value: hours.close });

  const describe = (current) => {
    const off = [...current.disabledAreas, ...current.disabledEntries];
    if (current.handoverOnly) off.unshift(t('controls.handoverOnly'));
    status.textContent = off.length ? t('controls.statusOff', { list: off.join(', ') }) : t('controls.statusOn');
  };

  const save = async (event) => {
    event.preventDefault();
    const body = {
      handoverOnly: handover.input.checked,
      disabledAreas: areaBoxes.filter((box) => box.input.checked).map((box) => box.area),
      disabledEntries: entriesInput.value.split('\n').map((line) => line.trim()).filter(Boolean),
      ...(hoursOn.input.checked ? { officeHours: { days: dayBoxes.filter((box) => box.input.checked).map((box) => box.day), open: start.value, close: end.value } } : {}),
    };
    const saved = await ctx.api('PUT', '/staff/api/controls', body);
    if (saved.status === 200) {
      describe(saved.body.controls);
      ctx.setStatus(t('controls.saved'));
      return;
    }
    if (saved.status === 422) return ctx.setStatus(t('controls.unknownIds', { ids: [...saved.body.entries, ...saved.body.areas].join(', ') }), true);
    if (saved.status === 400) return ctx.setStatus(t('controls.invalid'), true);
    ctx.setStatus(ctx.errorText(saved), true);
  };

  fill(container,
    el('h2', { text: t('controls.heading') }),
    el('p', { className: 'help', text: t('controls.intro') }),
    status,
    el('form', { id: 'controls-form', on: { submit: save } }, [
      handover.node,
      el('fieldset', {}, [el('legend', { text: t('controls.areasHeading') }), ...areaBoxes.map((box) => box.node)]),
      el('div', { className: 'field' }, [
        el('label', { for: entriesId, text: t('controls.entriesHeading') }),
        entriesInput,
        el('p', { className: 'help', id: 'controls-entries-help', text: t('controls.entriesHelp') }),
      ]),
      el('fieldset', {}, [
        el('legend', { text: t('controls.hoursHeading') }),
        hoursOn.node,
        el('fieldset', { className: 'days' }, [el('legend', { text: t('controls.days') }), ...dayBoxes.map((box) => box.node)]),
        el('div', { className: 'two' }, [
          el('div', { className: 'field' }, [el('label', { for: start.id, text: t('controls.start') }), start]),
          el('div', { className: 'field' }, [el('label', { for: end.id, text: t('controls.end') }), end]),
        ]),
      ]),
      el('button', { type: 'submit', className: 'primary', id: 'controls-save', text: t('controls.save') }),
    ]),
  );
  describe(controls);
}
