// The staff console's shell: who is signed in, the sign-in choices, the language, and the
// sections (tabs). Each section is an ES module in /staff/tabs/<id>.js exporting
// `default { id, titleKey, role, render(container, ctx) }`; the shell loads a section only
// when the server lists its file and shows it only to people with its role.
// Text from people (students, staff) is only ever inserted with textContent.
import { el } from '/staff/tabs/console-kit.js';

/** Every section of the console, in the order of the navigation. */
const TABS = ['inbox', 'entries', 'history', 'controls', 'leads', 'report'];
const LANGS = ['vi', 'en'];
const LANG_KEY = 'pn-staff-lang';

const $ = (id) => document.getElementById(id);

const state = {
  lang: pickLanguage(),
  strings: {},
  session: null,
  tabs: [],
  current: null,
};

function pickLanguage() {
  const saved = localStorage.getItem(LANG_KEY);
  if (LANGS.includes(saved)) return saved;
  return (navigator.language || '').toLowerCase().startsWith('en') ? 'en' : 'vi';
}

function lookup(strings, key) {
  return key.split('.').reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), strings);
}

/** The text of a key in the current language, with {{name}} filled in; the key itself when missing (a bug to see, not to hide). */
function t(key, vars = {}) {
  const text = lookup(state.strings[state.lang], key);
  if (typeof text !== 'string') return key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => (name in vars ? String(vars[name]) : ''));
}

/** Calls the staff API with the session cookie and its CSRF token; never throws for an HTTP status. */
async function api(method, path, body, headers = {}) {
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...headers } };
  if (state.session && state.session.csrf) init.headers['X-CSRF-Token'] = state.session.csrf;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    return { status: 0, body: { error: 'network' } };
  }
  const type = response.headers.get('content-type') || '';
  const parsed = type.includes('application/json') ? await response.json().catch(() => null) : await response.text();
  if (response.status === 401) showSignedOut('sign_in_required');
  return { status: response.status, body: parsed };
}

/** The message for an API error body, in the current language. */
function errorText(result) {
  const key = result && result.body && typeof result.body.error === 'string' ? result.body.error : '';
  const text = key ? t(`shell.error.${key}`) : '';
  return text && text !== `shell.error.${key}` ? text : t('shell.error.unknown', { status: result ? result.status : 0 });
}

function setStatus(text, isError = false) {
  const status = $('status');
  status.textContent = text || '';
  status.classList.toggle('error', Boolean(text) && isError);
}

async function loadStrings() {
  await Promise.all(
    LANGS.map(async (lang) => {
      const response = await fetch(`/staff/locales/${lang}.json`, { credentials: 'same-origin' });
      state.strings[lang] = await response.json();
    }),
  );
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.title = t('shell.title');
  $('title').textContent = t('shell.title');
  $('skip').textContent = t('shell.skip');
  const lang = $('lang');
  lang.textContent = t('shell.language');
  lang.setAttribute('aria-label', t('shell.languageLabel'));
  lang.lang = state.lang === 'vi' ? 'en' : 'vi';
  $('nav').setAttribute('aria-label', t('shell.nav'));
  $('sign-out').textContent = t('shell.signOut');
}

/** The sign-in choices this bot offers (or how to turn sign-in on), and why the last sign-in failed. */
function renderSignIn(reason) {
  const box = $('signin');
  box.replaceChildren();
  const { entra, token } = state.session.signIn;
  if (!entra && !token) {
    box.append(el('h2', { text: t('signin.notConfiguredHeading') }), el('p', { text: t('signin.notConfigured') }));
    box.hidden = false;
    return;
  }
  box.append(el('h2', { text: t('signin.heading') }));
  if (reason) box.append(el('p', { className: 'notice error', role: 'alert', text: t(`signin.failed.${reason}`) === `signin.failed.${reason}` ? t(`shell.error.${reason}`) : t(`signin.failed.${reason}`) }));
  if (entra) {
    box.append(el('p', { text: t('signin.intro') }), el('a', { className: 'button primary', href: '/staff/auth/login', id: 'signin-microsoft', text: t('signin.microsoft') }));
  }
  if (token) {
    const input = el('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: 'required', 'aria-describedby': 'token-help' });
    const form = el('form', { id: 'token-form' }, [
      el('h3', { text: t('signin.tokenHeading') }),
      el('div', { className: 'field' }, [el('label', { for: 'token', text: t('signin.tokenLabel') }), input, el('p', { className: 'help', id: 'token-help', text: t('signin.tokenHelp') })]),
      el('button', { className: 'primary', type: 'submit', text: t('signin.tokenSubmit') }),
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const result = await api('POST', '/staff/auth/token', { token: input.value });
      if (result.status === 200) {
        window.location.assign('/staff');
        return;
      }
      setStatus(result.status === 401 ? t('signin.tokenWrong') : errorText(result), true);
    });
    box.append(form);
  }
  box.hidden = false;
}

function showSignedOut(reason) {
  state.current = null;
  $('nav').hidden = true;
  $('panel').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  if (state.session) renderSignIn(reason);
}

async function loadTabs() {
  const available = new Set(state.session.tabs || []);
  const roles = new Set(state.session.user.roles);
  const loaded = await Promise.all(
    TABS.filter((id) => available.has(id)).map(async (id) => {
      try {
        const module = await import(`/staff/tabs/${id}.js`);
        return module.default;
      } catch (error) {
        console.error(`staff tab ${id} failed to load`, error);
        return null;
      }
    }),
  );
  return loaded.filter((tab) => tab && roles.has(tab.role));
}

function renderNav() {
  const list = $('tabs');
  list.replaceChildren();
  for (const tab of state.tabs) {
    const button = el('button', { type: 'button', id: `tab-${tab.id}`, text: t(tab.titleKey) });
    if (state.current === tab) button.setAttribute('aria-current', 'page');
    button.addEventListener('click', () => {
      window.location.hash = tab.id;
    });
    list.append(el('li', {}, [button]));
  }
  $('nav').hidden = state.tabs.length === 0;
}

async function showTab(id) {
  const tab = state.tabs.find((candidate) => candidate.id === id) || state.tabs[0];
  if (!tab) {
    setStatus(t('shell.noTabs'));
    return;
  }
  state.current = tab;
  renderNav();
  const panel = $('panel');
  panel.replaceChildren();
  panel.hidden = false;
  panel.setAttribute('aria-labelledby', `tab-${tab.id}`);
  setStatus('');
  try {
    await tab.render(panel, { t, api, lang: state.lang, setStatus, errorText });
  } catch (error) {
    console.error(`staff tab ${tab.id} failed`, error);
    setStatus(t('shell.tabFailed'), true);
  }
}

async function start() {
  await loadStrings();
  applyLanguage();
  setStatus(t('shell.loading'));
  const response = await fetch('/staff/auth/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  state.session = await response.json();
  setStatus('');
  const params = new URLSearchParams(window.location.search);
  if (params.has('signin') || params.has('signedout')) window.history.replaceState(null, '', '/staff' + window.location.hash);
  if (!state.session.user) {
    showSignedOut(params.get('signin'));
    if (params.has('signedout')) setStatus(t('signin.signedOut'));
    return;
  }
  $('signin').hidden = true;
  $('who').textContent = t('shell.signedInAs', { name: state.session.user.name });
  $('sign-out').hidden = false;
  state.tabs = await loadTabs();
  await showTab(window.location.hash.slice(1));
}

$('lang').addEventListener('click', () => {
  state.lang = state.lang === 'vi' ? 'en' : 'vi';
  localStorage.setItem(LANG_KEY, state.lang);
  applyLanguage();
  if (state.session && state.session.user) {
    $('who').textContent = t('shell.signedInAs', { name: state.session.user.name });
    if (state.current) showTab(state.current.id);
  } else if (state.session) {
    renderSignIn();
  }
});

$('sign-out').addEventListener('click', async () => {
  await api('POST', '/staff/auth/logout');
  window.location.assign('/staff?signedout=1');
});

window.addEventListener('hashchange', () => {
  if (state.session && state.session.user) showTab(window.location.hash.slice(1));
});

start().catch((error) => {
  console.error(error);
  setStatus(t('shell.error.network'), true);
});
