/*
 * Puts the PN admissions chat on another website: one div and this script.
 *   <div id="pn-admissions-chat" data-lang="vi" style="height: 600px"></div>
 *   <script src="https://<the bot's address>/embed.js" async></script>
 * The chat runs in a frame from the bot's own address, so the website's styles and
 * scripts cannot break it, and the Direct Line token never touches the website.
 * The site must be listed in the bot's WEBCHAT_ORIGINS (it may frame the page).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var origin = new URL(script ? script.src : '/', window.location.href).origin;

  function mount() {
    var host = document.getElementById('pn-admissions-chat');
    if (!host || host.querySelector('iframe')) return;
    var lang = host.getAttribute('data-lang');
    var frame = document.createElement('iframe');
    frame.src = origin + '/' + (lang ? '?lang=' + encodeURIComponent(lang) : '');
    frame.title = __PN_FRAME_TITLE__;
    frame.setAttribute('allow', 'clipboard-write');
    frame.style.cssText = 'display:block;width:100%;height:100%;min-height:420px;border:0;border-radius:12px;';
    if (!host.style.height) host.style.height = 'min(640px, 85vh)';
    host.appendChild(frame);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
