/*
 * The agent workspace: the TCCC Web SDK (seed "Web SDK": fetch a one-time SdkURL from the bridge,
 * inject it as a script, wait for tccc.events.ready), with
 *  - screen pop: on tccc.events.callIn the caller is looked up (/agent/lookup), or, when Salesforce
 *    opened the page as its softphone, popped with Open CTI's searchAndScreenPop;
 *  - click-to-dial (Salesforce): Open CTI's onClickToDial starts tccc.Call.startOutboundCall with the
 *    record's id as uui, which TCCC returns in the CDR push (Uui) to link the call's Task to it;
 *  - tokenExpired: a new SdkURL and one more initialisation, then the error is shown.
 * Event payloads are read defensively: fields may sit in response.data or in the response itself.
 */
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  // Salesforce opens its softphone with the origin of the page that frames it
  var crmOrigin = params.get('sfdcIframeOrigin');
  var ui = {
    status: document.getElementById('status'),
    agent: document.getElementById('agent'),
    signOut: document.getElementById('sign-out'),
    caller: document.getElementById('caller'),
    callerTitle: document.getElementById('caller-title'),
    callerRecord: document.getElementById('caller-record'),
    softphone: document.getElementById('softphone')
  };
  var openCti = null;
  var sdkReady = false;
  // a tokenExpired gets one new initialisation; a second one before the SDK was ready ends with the error
  var retriedSinceReady = false;

  function show(text, kind) {
    ui.status.textContent = text;
    ui.status.dataset.kind = kind || 'info';
  }

  function text(value) {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : (typeof value === 'number' ? String(value) : '');
  }

  function payloadOf(response) {
    if (response && typeof response === 'object' && response.data && typeof response.data === 'object') {
      return response.data;
    }
    return response && typeof response === 'object' ? response : {};
  }

  function PageError(message) {
    this.message = message;
  }

  function signInAgain() {
    // identity providers refuse to be framed: inside Salesforce the sign-in page opens a window of its own
    window.location.href = window.top === window.self ? './' + window.location.search
      : 'sign-in.html' + window.location.search;
  }

  function getJson(path) {
    return fetch(path, {credentials: 'same-origin', headers: {'Accept': 'application/json'}, cache: 'no-store'})
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (response.status === 401) {
            signInAgain();
            throw new PageError('Your sign-in has ended; signing in again…');
          }
          if (!response.ok) {
            throw new PageError((body && body.message) || ('The bridge answered ' + response.status + '.'));
          }
          return body;
        });
      });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = src;
      script.addEventListener('load', resolve);
      script.addEventListener('error', function () { reject(new PageError('Could not load ' + src + '.')); });
      document.head.appendChild(script);
    });
  }

  function failed(error) {
    show(error && error.message ? error.message : String(error), 'error');
  }

  // --- the TCCC Web SDK -------------------------------------------------------------------------

  function eventName(tccc, name) {
    return (tccc.events && tccc.events[name]) || name;
  }

  function removeSdk() {
    var old = document.getElementById('tccc-sdk');
    if (old) {
      old.remove();
    }
    ui.softphone.replaceChildren();
    try {
      delete window.tccc;
    } catch (e) {
      window.tccc = undefined;
    }
  }

  function startSdk() {
    sdkReady = false;
    show('Connecting to TCCC…');
    return getJson('sdk-url').then(function (answer) {
      if (!answer || !text(answer.SdkURL)) {
        throw new PageError('The bridge gave no SDK address.');
      }
      injectSdk(answer.SdkURL);
    });
  }

  function injectSdk(url) {
    removeSdk();
    var script = document.createElement('script');
    script.id = 'tccc-sdk';
    script.setAttribute('crossorigin', 'anonymous');
    // render into the page instead of a floating window
    script.dataset.renderDomId = 'softphone';
    script.src = url;
    script.addEventListener('load', function () {
      var tccc = window.tccc;
      if (!tccc || typeof tccc.on !== 'function') {
        show('The TCCC SDK did not start.', 'error');
        return;
      }
      tccc.on(eventName(tccc, 'ready'), onReady);
      tccc.on(eventName(tccc, 'tokenExpired'), onTokenExpired);
      tccc.on(eventName(tccc, 'callIn'), onCallIn);
    });
    script.addEventListener('error', function () {
      show('The TCCC SDK could not be loaded.', 'error');
    });
    document.body.appendChild(script);
  }

  function onReady() {
    sdkReady = true;
    retriedSinceReady = false;
    show('Ready', 'ok');
  }

  function onTokenExpired(response) {
    sdkReady = false;
    var reason = text(payloadOf(response).message) || text(payloadOf(response).errorMsg);
    if (retriedSinceReady) {
      show('TCCC did not accept the login' + (reason ? ' (' + reason + ')' : '') + '. Reload the page to try again.',
        'error');
      return;
    }
    retriedSinceReady = true;
    startSdk().catch(failed);
  }

  // --- screen pop -------------------------------------------------------------------------------

  function onCallIn(response) {
    var call = payloadOf(response);
    var number = text(call.callerPhoneNumber);
    ui.caller.hidden = false;
    ui.callerRecord.replaceChildren();
    if (!number) {
      // with number protection TCCC sends protectedCaller instead: nothing to look up
      ui.callerTitle.textContent = 'Incoming call from a hidden number';
      return;
    }
    ui.callerTitle.textContent = 'Incoming call from ' + number;
    if (openCti) {
      popInSalesforce(number);
    } else {
      lookUp(number);
    }
  }

  function popInSalesforce(number) {
    openCti.setSoftphonePanelVisibility({visible: true, callback: function () {}});
    openCti.searchAndScreenPop({
      searchParams: number,
      callType: (openCti.CALL_TYPE && openCti.CALL_TYPE.INBOUND) || 'inbound',
      deferred: false,
      callback: function (result) {
        if (result && result.success === false) {
          ui.callerRecord.textContent = 'Salesforce could not search for the caller.';
        }
      }
    });
  }

  function lookUp(number) {
    ui.callerRecord.textContent = 'Looking up the caller…';
    getJson('lookup?number=' + encodeURIComponent(number)).then(function (answer) {
      ui.callerRecord.replaceChildren();
      var match = answer && answer.match;
      if (!match) {
        ui.callerRecord.textContent = answer && answer.crm === 'dry-run'
          ? 'The CRM is in dry-run: callers are not looked up.' : 'Not in the CRM.';
        return;
      }
      var label = (text(match.name) || text(match.id)) + ' (' + (text(match.type) || 'record') + ')';
      var url = text(match.url);
      if (/^https?:\/\//i.test(url)) {
        var link = document.createElement('a');
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener';
        link.textContent = label;
        ui.callerRecord.appendChild(link);
      } else {
        ui.callerRecord.textContent = label;
      }
    }).catch(function (error) {
      ui.callerRecord.textContent = error && error.message ? error.message : 'The lookup failed.';
    });
  }

  // --- click-to-dial (Salesforce Open CTI) -------------------------------------------------------

  function setUpOpenCti() {
    var cti = window.sforce && window.sforce.opencti;
    if (!cti) {
      throw new PageError('Salesforce Open CTI did not start.');
    }
    openCti = cti;
    cti.enableClickToDial({callback: function () {}});
    cti.onClickToDial({listener: onClickToDial});
  }

  function onClickToDial(payload) {
    var click = payload && typeof payload === 'object' ? payload : {};
    var number = text(click.number).replace(/[^\d+]/g, '');
    if (!number) {
      return;
    }
    if (!sdkReady || !window.tccc || !window.tccc.Call) {
      show('The softphone is not ready yet: call ' + number + ' again in a moment.', 'error');
      return;
    }
    var options = {phoneNumber: number};
    var recordId = text(click.recordId);
    // the record comes back as the CDR's Uui and links the call's Task to it
    if (/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(recordId)) {
      options.uui = recordId;
    }
    if (text(click.recordName)) {
      options.phoneDesc = text(click.recordName);
    }
    openCti.setSoftphonePanelVisibility({visible: true, callback: function () {}});
    show('Calling ' + (options.phoneDesc || number) + '…');
    Promise.resolve(window.tccc.Call.startOutboundCall(options)).then(function (result) {
      var call = payloadOf(result);
      if (call.status === 'error') {
        throw new PageError(text(call.errorMsg) || 'TCCC refused the call.');
      }
      show('On a call with ' + (options.phoneDesc || number), 'ok');
    }).catch(function (error) {
      var reason = error && (error.errorMsg || error.message);
      show('The call to ' + number + ' could not be started' + (reason ? ': ' + reason : '.'), 'error');
    });
  }

  // --- start ------------------------------------------------------------------------------------

  function start() {
    var me = 'me' + (crmOrigin ? '?crmOrigin=' + encodeURIComponent(crmOrigin) : '');
    return getJson(me).then(function (agent) {
      ui.agent.textContent = text(agent.name) + (agent.seat ? ' · seat ' + agent.seat : '');
      if (agent.csrf) {
        var token = ui.signOut.querySelector('input');
        token.name = agent.csrf.parameter;
        token.value = agent.csrf.token;
        ui.signOut.hidden = false;
      }
      if (!agent.seat) {
        throw new PageError(agent.problem ? agent.problem.message : 'You have no TCCC seat.');
      }
      var ready = agent.openCtiScript ? loadScript(agent.openCtiScript).then(setUpOpenCti) : Promise.resolve();
      return ready.then(startSdk);
    });
  }

  start().catch(failed);
}());
