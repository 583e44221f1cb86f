/*
 * A stub of Salesforce's Open CTI for Lightning (opencti_min.js), served by LightningStub. As the real
 * one, it works only inside Salesforce's softphone frame (a page framed by the origin named in its
 * sfdcIframeOrigin parameter) and checks its arguments. For tests: window.__openCti.calls records the
 * calls the page made; window.__openCti.clickToDial(payload) is a user clicking a phone number.
 */
(function () {
  'use strict';
  var listener = null;
  var clickToDialEnabled = false;
  var record = window.__openCti = {calls: [], clickToDial: null};

  function inSoftphoneFrame() {
    var origin = new URLSearchParams(window.location.search).get('sfdcIframeOrigin');
    var parentOrigin = window.location.ancestorOrigins && window.location.ancestorOrigins.length
      ? window.location.ancestorOrigins[0] : null;
    if (window.top === window.self || !origin || origin !== parentOrigin) {
      throw new Error('Open CTI runs only in the softphone frame of the Salesforce origin ' + origin);
    }
  }

  function call(name, args, required) {
    inSoftphoneFrame();
    if (!args || typeof args !== 'object') {
      throw new Error('sforce.opencti.' + name + ' takes one object argument');
    }
    (required || []).forEach(function (key) {
      if (args[key] === undefined) {
        throw new Error('sforce.opencti.' + name + ': ' + key + ' is required');
      }
    });
    var copy = {};
    Object.keys(args).forEach(function (key) {
      if (typeof args[key] !== 'function') {
        copy[key] = args[key];
      }
    });
    record.calls.push({method: name, args: copy});
  }

  function done(args, value) {
    if (typeof args.callback === 'function') {
      window.setTimeout(function () { args.callback({success: true, returnValue: value, errors: null}); }, 0);
    }
  }

  var CALL_TYPE = {INBOUND: 'inbound', OUTBOUND: 'outbound', INTERNAL: 'internal'};

  window.sforce = {opencti: {
    CALL_TYPE: CALL_TYPE,
    SCREENPOP_TYPE: {URL: 'url', SOBJECT: 'sobject', OBJECTHOME: 'objecthome', LIST: 'list'},
    enableClickToDial: function (args) {
      call('enableClickToDial', args);
      clickToDialEnabled = true;
      done(args, true);
    },
    onClickToDial: function (args) {
      call('onClickToDial', args, ['listener']);
      if (typeof args.listener !== 'function') {
        throw new Error('sforce.opencti.onClickToDial: listener must be a function');
      }
      listener = args.listener;
    },
    searchAndScreenPop: function (args) {
      call('searchAndScreenPop', args, ['searchParams', 'callType']);
      var types = Object.keys(CALL_TYPE).map(function (k) { return CALL_TYPE[k]; });
      if (types.indexOf(args.callType) < 0) {
        throw new Error('sforce.opencti.searchAndScreenPop: callType ' + args.callType + ' is not a CALL_TYPE');
      }
      done(args, {});
    },
    screenPop: function (args) {
      call('screenPop', args, ['type']);
      done(args, true);
    },
    setSoftphonePanelVisibility: function (args) {
      call('setSoftphonePanelVisibility', args, ['visible']);
      done(args, true);
    }
  }};

  record.clickToDial = function (payload) {
    if (!clickToDialEnabled || !listener) {
      throw new Error('click-to-dial is not enabled: the page never called enableClickToDial and onClickToDial');
    }
    listener(payload);
  };
}());
