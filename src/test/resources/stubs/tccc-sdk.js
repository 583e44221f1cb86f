/*
 * A stub of the TCCC Web SDK, served by TcccApiStub as the SdkURL's script. Like the real SDK it
 * defines window.tccc with tccc.events, tccc.on and tccc.Call, renders into the element named by its
 * script's data-render-dom-id, and emits ready (a fresh one-time token) or tokenExpired (a used,
 * unknown or refused one). For tests: window.__tcccStub.emit(name, payload) emits an event of the
 * SDK loaded last; window.__tcccStub.loads and .outboundCalls record what happened, across reloads.
 */
(function () {
  'use strict';
  var config = /*STUB-CONFIG*/null;
  var script = document.currentScript;
  var handlers = {};
  var ready = false;
  var calls = 0;
  var stub = window.__tcccStub = window.__tcccStub || {loads: [], outboundCalls: [], emit: null};

  function emit(name, payload) {
    (handlers[name] || []).slice().forEach(function (handler) { handler(payload); });
  }

  var renderDomId = script && script.dataset ? script.dataset.renderDomId : undefined;
  var target = renderDomId ? document.getElementById(renderDomId) : null;
  var load = {
    seat: config.seat,
    token: config.token,
    problem: config.problem,
    renderDomId: renderDomId || null,
    width: target ? target.clientWidth : 0,
    height: target ? target.clientHeight : 0,
    crossOrigin: script ? script.getAttribute('crossorigin') : null
  };
  stub.loads.push(load);

  window.tccc = {
    events: {
      ready: 'ready', tokenExpired: 'tokenExpired', callIn: 'callIn', userAccessed: 'userAccessed',
      sessionEnded: 'sessionEnded', callOuted: 'callOuted'
    },
    on: function (name, handler) {
      if (typeof handler !== 'function') {
        throw new Error('tccc.on needs a function');
      }
      (handlers[name] = handlers[name] || []).push(handler);
    },
    off: function (name, handler) {
      handlers[name] = (handlers[name] || []).filter(function (h) { return h !== handler; });
    },
    Call: {
      startOutboundCall: function (options) {
        stub.outboundCalls.push({seat: config.seat, options: JSON.parse(JSON.stringify(options || {}))});
        if (!ready) {
          return Promise.reject({status: 'error', errorMsg: 'SDK not ready'});
        }
        if (!options || typeof options.phoneNumber !== 'string' || !options.phoneNumber) {
          return Promise.reject({status: 'error', errorMsg: 'phoneNumber is required'});
        }
        calls++;
        return Promise.resolve({status: 'success', data: {sessionId: 'stub-session-' + calls,
          calleePhoneNumber: options.phoneNumber, serverType: 'staffSeat'}});
      },
      accept: function () { return Promise.resolve({status: 'success'}); },
      hungUp: function () { return Promise.resolve({status: 'success'}); }
    }
  };
  stub.emit = emit;

  // the real SDK needs a moment to log in
  window.setTimeout(function () {
    if (config.problem) {
      emit('tokenExpired', {message: config.problem});
      return;
    }
    if (target) {
      var workspace = document.createElement('div');
      workspace.id = 'tccc-stub-workspace';
      workspace.textContent = 'TCCC workspace of ' + config.seat;
      target.appendChild(workspace);
    }
    ready = true;
    emit('ready');
  }, 30);
}());
