/* Demo page behaviour (kept out of the HTML so the page's CSP needs no inline script). */
(function () {
  'use strict';
  var origin = window.location.origin;
  var code = document.getElementById('embed-code');
  if (code) {
    code.textContent = '<script src="' + origin + '/widget/widget.js"\n  data-api="' + origin + '"\n  data-title="' +
      code.getAttribute('data-title') + '" defer></script>';
  }
  var search = document.getElementById('site-search');
  if (search) search.addEventListener('submit', function (e) { e.preventDefault(); });
  var button = document.getElementById('open-chat');
  if (button) {
    button.addEventListener('click', function () {
      if (window.SCTChatWidget) window.SCTChatWidget.open();
    });
  }
})();
