/*
 * The chat page: Web Chat in PN colours, sized for phones first.
 * - Local mode: Web Chat talks to /api/messages through the stand-in in directline.js.
 * - Otherwise: a Direct Line token from the bot's /api/directline/token (the secret stays there).
 * The page's words (window.PN_CHAT_SETTINGS, from locales/webchat/) follow the language
 * however it changes: the toggle, or the bot answering in the other language (every bot
 * message carries the locale it was written in).
 */
(function () {
  'use strict';

  var settings = window.PN_CHAT_SETTINGS;
  var container = document.getElementById('webchat');
  if (!settings) return; // settings.js did not load: the server is down, and the browser already says so

  var TEXT = settings.text;
  var LOCAL = settings.mode === 'local';
  /** Long lists (menus, "did you mean") never take more than this share of the screen; the rest scrolls. */
  var LIST_SHARE = 0.42;

  var STYLE = {
    // A new turn stops scrolling when its first new message reaches the top of the transcript: the
    // student reads an answer from its start; the rest is a scroll away (Web Chat's "new messages" button).
    autoScrollSnapOnPage: true,
    autoScrollSnapOnPageOffset: 0,
    accent: '#1b75bb',
    backgroundColor: '#ffffff',
    primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif",
    bubbleBackground: '#eef4fa',
    bubbleBorderRadius: 14,
    bubbleBorderWidth: 0,
    bubbleFromUserBackground: '#1b75bb',
    bubbleFromUserTextColor: '#ffffff',
    bubbleFromUserBorderRadius: 14,
    bubbleFromUserBorderWidth: 0,
    bubbleMaxWidth: 600,
    botAvatarInitials: 'PN',
    botAvatarBackgroundColor: '#f7941d',
    userAvatarInitials: '',
    hideUploadButton: true,
    suggestedActionLayout: 'stacked',
    suggestedActionsStackedLayoutButtonTextWrap: true,
    suggestedActionsStackedOverflow: 'auto',
    suggestedActionBackgroundColor: '#ffffff',
    // Orange that keeps 3:1 against white (WCAG 1.4.11) for borders and the send icon.
    suggestedActionBorderColor: '#d97706',
    suggestedActionBorderRadius: 14,
    suggestedActionTextColor: '#145a91',
    suggestedActionHeight: 'auto',
    sendBoxButtonColor: '#b35900',
    sendBoxButtonColorOnHover: '#1b75bb',
    timestampColor: '#52606d',
  };

  var other = function (lang) {
    return lang === 'vi' ? 'en' : 'vi';
  };

  /** "vi-VN" -> vi, "en-GB" -> en, anything else -> null. */
  function langOfLocale(locale) {
    var code = String(locale || '').toLowerCase();
    if (code.indexOf('vi') === 0) return 'vi';
    if (code.indexOf('en') === 0) return 'en';
    return null;
  }

  /** ?lang= (the embed snippet), then the visitor's last choice, then the browser, then Vietnamese. */
  function initialLang() {
    var asked = langOfLocale(new URLSearchParams(window.location.search).get('lang'));
    if (asked) return asked;
    try {
      var saved = langOfLocale(window.localStorage.getItem('pn-chat-lang'));
      if (saved) return saved;
    } catch (error) {
      // storage can be blocked (private mode, third-party frame); the browser language still decides
    }
    var languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < languages.length; i += 1) {
      var lang = langOfLocale(languages[i]);
      if (lang) return lang;
    }
    return 'vi';
  }

  var lang = initialLang();
  var toggle = document.getElementById('lang-toggle');

  function applyPageText() {
    var text = TEXT[lang];
    var target = TEXT[other(lang)];
    document.documentElement.lang = lang;
    document.title = text.title;
    document.getElementById('title').textContent = text.title;
    document.getElementById('subtitle').textContent = text.subtitle;
    document.getElementById('footer').textContent = LOCAL ? text.footer.local : text.footer.online;
    // The toggle names the other language in that language, so its reader finds it.
    toggle.textContent = target.languageName;
    toggle.setAttribute('lang', other(lang));
    toggle.setAttribute('title', target.switchTo);
    toggle.setAttribute('aria-label', target.switchTo);
    var loading = document.getElementById('loading');
    if (loading) loading.textContent = text.loading;
  }

  function showNotice(key) {
    container.innerHTML = '';
    var notice = document.createElement('p');
    notice.className = 'notice error';
    notice.setAttribute('role', 'alert');
    notice.setAttribute('data-notice', key);
    notice.textContent = key === 'bundleMissing' ? TEXT[lang].bundleMissing : TEXT[lang].failed[LOCAL ? 'local' : 'online'];
    container.appendChild(notice);
  }

  function loadBundle() {
    return new Promise(function (resolve, reject) {
      if (window.WebChat) return resolve();
      if (!settings.bundleUrl) return reject(new Error('bundleMissing'));
      var script = document.createElement('script');
      script.src = settings.bundleUrl;
      script.onload = function () {
        resolve();
      };
      script.onerror = function () {
        reject(new Error(LOCAL ? 'bundleMissing' : 'failed'));
      };
      document.head.appendChild(script);
    });
  }

  /** Resolves to { directLine, userID }. */
  function connect() {
    if (LOCAL) {
      var local = window.createLocalDirectLine({ endpoint: '/api/messages', botName: 'PN', getLocale: currentLocale });
      return Promise.resolve({ directLine: local, userID: local.userId });
    }
    return fetch(settings.tokenUrl, { method: 'POST', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('token request answered HTTP ' + response.status);
        return response.json();
      })
      .then(function (grant) {
        // The token names the user; a regional Direct Line needs its own domain.
        return { directLine: window.WebChat.createDirectLine({ token: grant.token, domain: grant.domain }), userID: grant.userId };
      });
  }

  function currentLocale() {
    return TEXT[lang].locale;
  }

  var chat = null; // { directLine, userID, store } once connected

  function render() {
    var styleOptions = Object.assign({}, STYLE, {
      suggestedActionsStackedHeight: Math.max(150, Math.round(window.innerHeight * LIST_SHARE)),
    });
    window.WebChat.renderWebChat(
      {
        directLine: chat.directLine,
        store: chat.store,
        // With Direct Line the token carries the user id (a dl_ id Web Chat must not be given again).
        userID: LOCAL ? chat.userID : undefined,
        locale: currentLocale(),
        styleOptions: styleOptions,
      },
      container,
    );
  }

  function setLang(next, tellBot) {
    if (next === lang) return;
    lang = next;
    try {
      window.localStorage.setItem('pn-chat-lang', lang);
    } catch (error) {
      // not remembered across visits; the switch still applies now
    }
    applyPageText();
    if (!chat) return;
    render();
    // A post back is not shown in the transcript; the bot confirms the switch in the new language.
    if (tellBot) chat.store.dispatch({ type: 'WEB_CHAT/SEND_POST_BACK', payload: { value: { action: 'lang', lang: lang } } });
  }

  /** Follows the language of the bot's messages: "English" typed, or a question in the other language. */
  function followBotLanguage(userID) {
    return function () {
      return function (next) {
        return function (action) {
          var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
          var from = activity && activity.from;
          if (activity && activity.type === 'message' && from && from.id !== userID && from.role !== 'user') {
            var replyLang = langOfLocale(activity.locale);
            // After the current dispatch: re-rendering Web Chat inside its own store update is not allowed.
            if (replyLang && replyLang !== lang) setTimeout(setLang, 0, replyLang, false);
          }
          return next(action);
        };
      };
    };
  }

  /*
   * Over Direct Line the service's own "user joined" carries no language, so the bot waits for
   * this event, which Web Chat sends with the page's locale (src/bot/channel-profile.ts). The
   * local stand-in sends its join with the locale itself.
   */
  function announceJoin(store) {
    return function (next) {
      return function (action) {
        var result = next(action);
        // Once per connection; the bot welcomes a conversation only once however often it is told.
        if (!LOCAL && action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
          store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: {} } });
        }
        return result;
      };
    };
  }

  /*
   * 👍/👎 take little room: the titles of the feedback buttons (from each bot message's suggested
   * actions, by the value they carry) are marked compact, and styles.css puts them side by side.
   */
  var compactTitles = {};

  function rememberCompactActions() {
    return function (next) {
      return function (action) {
        var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity;
        var actions = (activity && activity.suggestedActions && activity.suggestedActions.actions) || [];
        for (var i = 0; i < actions.length; i += 1) {
          var value = actions[i].value;
          if (value && value.action === 'feedback' && actions[i].title) compactTitles[actions[i].title] = true;
        }
        return next(action);
      };
    };
  }

  function markCompactActions() {
    var buttons = container.querySelectorAll('.webchat__suggested-action');
    for (var i = 0; i < buttons.length; i += 1) {
      var box = buttons[i].parentElement;
      if (box) box.classList.toggle('pn-compact', compactTitles[buttons[i].textContent.trim()] === true);
    }
  }

  /*
   * "More" on a long list: Web Chat caps the list's height and lets it scroll; a fade and a
   * "more" button (outside Web Chat's own DOM, placed over the list's lower edge) show there is more.
   */
  var more = document.createElement('button');
  more.type = 'button';
  more.className = 'more-button';
  more.hidden = true;
  document.body.appendChild(more);

  function scrollingList() {
    var list = container.querySelector('.webchat__suggested-actions--stacked-layout');
    if (!list) return null;
    var candidates = [list, list.querySelector('.webchat__suggested-actions__stack')];
    for (var i = 0; i < candidates.length; i += 1) {
      var element = candidates[i];
      if (element && element.scrollHeight > element.clientHeight + 2) return element;
    }
    return null;
  }

  function updateMore() {
    var list = scrollingList();
    var hasMore = !!list && list.scrollTop + list.clientHeight < list.scrollHeight - 4;
    var faded = container.querySelectorAll('.has-more');
    for (var i = 0; i < faded.length; i += 1) if (faded[i] !== list || !hasMore) faded[i].classList.remove('has-more');
    more.hidden = !hasMore;
    if (!hasMore) return;
    list.classList.add('has-more');
    var box = list.getBoundingClientRect();
    more.textContent = TEXT[lang].more;
    more.style.top = Math.round(box.bottom - 36) + 'px';
    more.style.right = Math.round(window.innerWidth - box.right + 16) + 'px';
  }

  more.addEventListener('click', function () {
    var list = scrollingList();
    if (list) list.scrollBy({ top: Math.round(list.clientHeight * 0.8), behavior: 'smooth' });
  });
  container.addEventListener('scroll', updateMore, true);
  new MutationObserver(function () {
    markCompactActions();
    updateMore();
  }).observe(container, { childList: true, subtree: true });

  toggle.addEventListener('click', function () {
    setLang(other(lang), true);
  });

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      if (chat) render();
      updateMore();
    }, 150);
  });

  applyPageText();

  loadBundle()
    .then(function () {
      return connect();
    })
    .then(function (connection) {
      chat = {
        directLine: connection.directLine,
        userID: connection.userID,
        store: window.WebChat.createStore({}, followBotLanguage(connection.userID), rememberCompactActions, announceJoin),
      };
      render();
    })
    .catch(function (error) {
      console.error(error);
      showNotice(error && error.message === 'bundleMissing' ? 'bundleMissing' : 'failed');
    });
})();
