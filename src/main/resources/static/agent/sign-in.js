/*
 * Sign-in for the softphone inside a frame (Salesforce's softphone panel): identity providers refuse to
 * be framed, so the sign-in runs in a window of its own (signed-in.html closes it), while this page waits
 * for the session and then goes back to the softphone, with the query Salesforce gave it.
 */
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var failedBefore = params.has('failed');
  params.delete('failed');
  var back = './' + (params.toString() ? '?' + params.toString() : '');
  var message = document.getElementById('message');
  var button = document.getElementById('sign-in');
  var framed = window.top !== window.self;

  if (failedBefore) {
    message.textContent = 'The sign-in did not complete (cancelled, or refused by the identity provider). Try again.';
  }

  function signedIn() {
    return fetch('me', {credentials: 'same-origin', headers: {'Accept': 'application/json'}, cache: 'no-store'})
      .then(function (response) { return response.ok; })
      .catch(function () { return false; });
  }

  function waitFor(popup) {
    var timer = window.setInterval(function () {
      signedIn().then(function (ok) {
        if (ok) {
          window.clearInterval(timer);
          window.location.replace(back);
        } else if (popup.closed) {
          window.clearInterval(timer);
          // signed in there, yet this frame is not: the browser keeps the session cookie from it
          message.textContent = 'Still not signed in here. If you did sign in, the browser does not let this frame'
            + ' use the sign-in: the bridge must run on HTTPS with server.servlet.session.cookie.same-site=none and'
            + ' secure=true.';
        }
      });
    }, 1000);
  }

  button.addEventListener('click', function () {
    if (!framed) {
      window.location.href = back;
      return;
    }
    var popup = window.open('signed-in.html', 'tccc-sign-in', 'width=520,height=680');
    if (!popup) {
      message.textContent = 'The browser blocked the sign-in window: allow pop-ups for this site and try again.';
      return;
    }
    message.textContent = 'Signing in in the other window…';
    waitFor(popup);
  });
}());
