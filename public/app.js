/*
 * The local chat page: Web Chat on the local Direct Line stand-in, page text in
 * Vietnamese or English (following the browser, with a toggle), PN colours.
 */
(function () {
  'use strict';

  var TEXT = {
    vi: {
      title: 'Trợ lý tuyển sinh PN',
      subtitle: 'Passerelles numériques Việt Nam · Hỏi đáp tuyển sinh',
      toggle: 'English',
      toggleLang: 'en',
      footer: 'Trang trò chuyện thử nghiệm chạy trên máy của bạn.',
      loading: 'Đang kết nối…',
      failed: 'Không tải được khung trò chuyện. Hãy kiểm tra rằng bot đang chạy (npm start) rồi tải lại trang.',
      documentTitle: 'Trợ lý tuyển sinh PN',
      locale: 'vi-VN',
    },
    en: {
      title: 'PN Admissions Assistant',
      subtitle: 'Passerelles numériques Vietnam · Admissions Q&A',
      toggle: 'Tiếng Việt',
      toggleLang: 'vi',
      footer: 'Local test chat page running on your computer.',
      loading: 'Connecting…',
      failed: 'The chat could not load. Check that the bot is running (npm start), then reload the page.',
      documentTitle: 'PN Admissions Assistant',
      locale: 'en-US',
    },
  };

  var STYLE = {
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
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#f7941d',
    suggestedActionBorderRadius: 16,
    suggestedActionTextColor: '#145a91',
    suggestedActionHeight: 'auto',
    sendBoxButtonColor: '#f7941d',
    sendBoxButtonColorOnHover: '#1b75bb',
    timestampColor: '#52606d',
  };

  function initialLang() {
    var saved = null;
    try {
      saved = window.localStorage.getItem('pn-chat-lang');
    } catch (error) {
      saved = null; // storage can be blocked; the browser language still decides
    }
    if (saved === 'vi' || saved === 'en') return saved;
    var languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'vi'];
    for (var i = 0; i < languages.length; i += 1) {
      var code = String(languages[i]).toLowerCase();
      if (code.indexOf('vi') === 0) return 'vi';
      if (code.indexOf('en') === 0) return 'en';
    }
    return 'vi';
  }

  var lang = initialLang();
  var container = document.getElementById('webchat');

  function applyPageText() {
    var text = TEXT[lang];
    document.documentElement.lang = lang;
    document.title = text.documentTitle;
    document.getElementById('title').textContent = text.title;
    document.getElementById('subtitle').textContent = text.subtitle;
    document.getElementById('footer').textContent = text.footer;
    var toggle = document.getElementById('lang-toggle');
    toggle.textContent = text.toggle;
    toggle.setAttribute('lang', text.toggleLang);
    var loading = document.getElementById('loading');
    if (loading) loading.textContent = text.loading;
  }

  function showFailure() {
    container.innerHTML = '';
    var notice = document.createElement('p');
    notice.className = 'notice error';
    notice.textContent = TEXT[lang].failed;
    container.appendChild(notice);
  }

  applyPageText();

  if (!window.WebChat || !window.createLocalDirectLine) {
    showFailure();
    return;
  }

  var directLine = window.createLocalDirectLine({
    endpoint: '/api/messages',
    botName: 'PN',
    getLocale: function () {
      return TEXT[lang].locale;
    },
  });
  var store = window.WebChat.createStore();

  function render() {
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        userID: 'local-user',
        locale: TEXT[lang].locale,
        styleOptions: STYLE,
      },
      container,
    );
  }

  document.getElementById('lang-toggle').addEventListener('click', function () {
    lang = TEXT[lang].toggleLang;
    try {
      window.localStorage.setItem('pn-chat-lang', lang);
    } catch (error) {
      // not remembered across visits; the switch still applies now
    }
    applyPageText();
    render();
    // Tell the bot too, so its answers follow the page; the reply confirms the switch.
    directLine.sendQuietly({ type: 'message', value: { action: 'lang', lang: lang }, locale: TEXT[lang].locale });
  });

  render();
})();
