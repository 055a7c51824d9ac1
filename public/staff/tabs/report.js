// The report of `npm run report`, live: the server builds the page from the current
// records; it is shown in a frame under a CSP that allows no script.

export default {
  id: 'report',
  titleKey: 'shell.tabs.report',
  role: 'Staff.Content',
  async render(container, ctx) {
    const { t, lang } = ctx;
    const heading = document.createElement('h2');
    heading.textContent = t('report.heading');
    const label = document.createElement('label');
    label.htmlFor = 'report-since';
    label.textContent = t('report.since');
    const since = document.createElement('input');
    since.type = 'date';
    since.id = 'report-since';
    const refresh = document.createElement('button');
    refresh.type = 'button';
    refresh.id = 'report-refresh';
    refresh.textContent = t('report.refresh');
    const toolbar = document.createElement('div');
    toolbar.className = 'toolbar';
    toolbar.append(label, since, refresh);
    const frame = document.createElement('iframe');
    frame.id = 'report-frame';
    frame.title = t('report.frameTitle');
    frame.className = 'report-frame';
    // No scripts inside, whatever the page holds.
    frame.setAttribute('sandbox', 'allow-same-origin');
    const show = () => {
      const query = new URLSearchParams({ lang });
      if (since.value) query.set('since', since.value);
      frame.src = `/staff/api/report?${query}`;
    };
    refresh.addEventListener('click', show);
    since.addEventListener('change', show);
    container.replaceChildren(heading, toolbar, frame);
    show();
  },
};
