/*
 * The operations console: reads the admin API and shows it; every action is a request to the admin API
 * (which audits it with the admin's name). Data is hostile input (payloads and bodies come from the
 * outside): it is only ever written with textContent, never as HTML.
 */
(function () {
  'use strict';

  const SVG = 'http://www.w3.org/2000/svg';
  const params = new URLSearchParams(location.search);
  const refreshSeconds = Math.max(1, Number(params.get('refresh')) || 5);
  // requests go to the origin without any user:password@ the page may have been opened with
  const base = location.origin + '/admin/';
  const watched = new Map(); // replayed row id -> what the console last knew of it
  let timer = null;

  function $(id) { return document.getElementById(id); }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function button(label, onClick) {
    const b = el('button', label);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  async function api(path, options) {
    const response = await fetch(base + path, Object.assign({
      credentials: 'same-origin',
      headers: { 'Accept': 'application/json' }
    }, options || {}));
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok && response.status !== 202) {
      const reason = body && body.error ? body.error : 'HTTP ' + response.status;
      throw new Error(path + ': ' + reason);
    }
    return body;
  }

  function age(seconds) {
    if (seconds === null || seconds === undefined) { return ''; }
    if (seconds < 90) { return seconds + ' s'; }
    if (seconds < 5400) { return Math.round(seconds / 60) + ' min'; }
    if (seconds < 172800) { return (seconds / 3600).toFixed(1) + ' h'; }
    return (seconds / 86400).toFixed(1) + ' d';
  }

  function time(iso) {
    if (!iso) { return ''; }
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }

  function definitions(dl, pairs) {
    dl.replaceChildren();
    for (const [term, value, className] of pairs) {
      dl.append(el('dt', term));
      dl.append(el('dd', value === null || value === undefined || value === '' ? '—' : value, className));
    }
  }

  function show(id, message) {
    const node = $(id);
    node.textContent = message || '';
    node.hidden = !message;
  }

  function renderInbox(overview) {
    const body = $('inbox').tBodies[0];
    body.replaceChildren();
    for (const row of overview.inbox) {
      const tr = el('tr');
      tr.dataset.status = row.status;
      tr.dataset.action = row.action;
      tr.append(el('td', row.status, row.status === 'DEAD' ? 'bad' : ''), el('td', row.action),
        el('td', row.rows, 'num'), el('td', row.status === 'PENDING' ? age(row.oldestAgeSeconds) + ' waiting'
          : 'oldest came ' + age(row.oldestAgeSeconds) + ' ago'));
      body.append(tr);
    }
    $('inbox-empty').hidden = overview.inbox.length > 0;
    $('quarantine-count').textContent = overview.quarantined + ' pushes in the quarantine';
  }

  function renderChart(minutes) {
    const svg = $('chart');
    svg.replaceChildren();
    const width = 600, height = 140, bottom = 120, left = 30;
    const max = Math.max(1, ...minutes.map(m => m.delivered + m.dead));
    const step = (width - left) / minutes.length;
    const line = document.createElementNS(SVG, 'line');
    line.setAttribute('class', 'axis');
    line.setAttribute('x1', left); line.setAttribute('x2', width);
    line.setAttribute('y1', bottom); line.setAttribute('y2', bottom);
    svg.append(line);
    const top = document.createElementNS(SVG, 'text');
    top.setAttribute('x', 0); top.setAttribute('y', 10);
    top.textContent = String(max);
    svg.append(top);
    let delivered = 0, dead = 0;
    minutes.forEach((m, i) => {
      delivered += m.delivered;
      dead += m.dead;
      const x = left + i * step + 1;
      const hDone = (m.delivered / max) * (bottom - 12);
      const hDead = (m.dead / max) * (bottom - 12);
      for (const [cls, h, y, n] of [['delivered', hDone, bottom - hDone, m.delivered],
                                     ['dead', hDead, bottom - hDone - hDead, m.dead]]) {
        if (n === 0) { continue; }
        const rect = document.createElementNS(SVG, 'rect');
        rect.setAttribute('class', cls);
        rect.setAttribute('x', x.toFixed(1));
        rect.setAttribute('y', y.toFixed(1));
        rect.setAttribute('width', Math.max(1, step - 2).toFixed(1));
        rect.setAttribute('height', Math.max(1, h).toFixed(1));
        const title = document.createElementNS(SVG, 'title');
        title.textContent = time(m.minute) + ': ' + n + ' ' + cls;
        rect.append(title);
        svg.append(rect);
      }
    });
    for (const [x, anchor, label] of [[left, 'start', '60 min ago'], [width, 'end', 'now']]) {
      const text = document.createElementNS(SVG, 'text');
      text.setAttribute('x', x);
      text.setAttribute('text-anchor', anchor);
      text.setAttribute('y', bottom + 14);
      text.textContent = label;
      svg.append(text);
    }
    $('chart-summary').textContent = delivered + ' delivered and ' + dead + ' dead in the last hour (blue: delivered, red: dead)';
  }

  function renderConnections(overview) {
    const crm = overview.crm, api = crm.api || {};
    const usage = api.usageRatio === null || api.usageRatio === undefined ? 'not reported yet'
      : Math.round(api.usageRatio * 100) + ' % (' + api.used + ' of ' + api.allowance + ' calls, ' + time(api.reportedAt) + ')';
    definitions($('crm'), [
      ['mode', crm.mode, crm.mode === 'dry-run' ? 'bad' : ''],
      ['circuit breaker', crm.circuitBreaker, crm.circuitBreaker === 'OPEN' ? 'bad' : ''],
      ['API allowance used', usage, api.usageRatio >= api.slowDownAt ? 'bad' : ''],
      ['deliveries', (api.pace || '').toLowerCase() + (api.pausedUntil ? ' until ' + time(api.pausedUntil) : ''),
        api.pace && api.pace !== 'NORMAL' ? 'bad' : '']
    ]);
    const mail = overview.mail;
    definitions($('mail'), [
      ['mode', mail.mode],
      [mail.mode === 'smtp' ? 'server' : 'outbox', mail.mode === 'smtp' ? mail.host + ':' + mail.port : mail.outboxDir],
      ['state', (mail.up ? 'up: ' : 'down: ') + mail.detail, mail.up ? 'good' : 'bad']
    ]);
    const reconcile = overview.reconcile, last = reconcile.last;
    const pairs = [['enabled', reconcile.enabled ? 'yes, every ' + reconcile.interval + ' over ' + reconcile.lookback : 'no']];
    if (last) {
      pairs.push(['last run', last.run.outcome + ', ' + time(last.finishedAt) + ' on ' + last.runBy,
        last.run.outcome === 'failed' ? 'bad' : '']);
      pairs.push(['calls of', last.windowStart ? time(last.windowStart) + ' to ' + time(last.windowEnd) : 'none']);
      pairs.push(['fed', last.run.fed + ' CDRs, ' + last.run.recordings + ' recordings, ' + last.run.voicemails
        + ' voicemails (of ' + last.run.seen + ' seen)']);
      if (last.run.error) { pairs.push(['error', last.run.error, 'bad']); }
    } else {
      pairs.push(['last run', 'none yet']);
    }
    definitions($('reconcile'), pairs);
  }

  function renderSettings(overview) {
    const b = overview.bridge;
    $('version').textContent = 'version ' + b.version;
    definitions($('settings'), [
      ['version', b.version + (b.built ? ' (built ' + time(b.built) + ')' : '')],
      ['push path', b.pushPath],
      ['push authentication', b.pushAuth, b.pushAuth === 'none' ? 'bad' : ''],
      ['push sources', b.pushSources.join(', ')],
      ['CRM dry-run', b.dryRun ? 'yes: nothing is sent to Salesforce' : 'no', b.dryRun ? 'bad' : ''],
      ['delivery on this instance', b.delivery ? 'on' : 'off'],
      ['retry window', b.retryWindow]
    ]);
  }

  function renderReasons(reasons) {
    const box = $('reasons');
    box.replaceChildren();
    for (const group of reasons.reasons) {
      if (group.rows < 2) { continue; }
      const line = el('div', null, 'reason-group');
      line.append(el('span', group.rows + ' rows', 'bad'), el('span', group.reason, 'reason-text'),
        button('Replay all ' + group.rows, () => replayReason(group.reason, group.rows)));
      box.append(line);
    }
  }

  function renderDead(dead) {
    const body = $('dead').tBodies[0];
    body.replaceChildren();
    for (const row of dead.rows) {
      const tr = el('tr');
      tr.dataset.id = row.id;
      tr.dataset.session = row.sessionId;
      const actions = el('td');
      const replay = button('Replay', () => replayOne(row));
      replay.className = 'replay';
      actions.append(replay, button('Payload', () => showPayload(row.id)));
      tr.append(el('td', row.id), el('td', row.action), el('td', row.sessionId), el('td', time(row.finishedAt)),
        el('td', row.attempts, 'num'), el('td', row.lastError, 'reason'), actions);
      body.append(tr);
    }
    $('dead-empty').hidden = dead.rows.length > 0;
  }

  function renderQuarantine(quarantine) {
    const body = $('quarantine').tBodies[0];
    body.replaceChildren();
    for (const row of quarantine.rows) {
      const tr = el('tr');
      tr.dataset.id = row.id;
      const details = el('details');
      details.append(el('summary', row.bodyBytes + ' bytes'), el('pre', row.body));
      const headers = el('details');
      headers.append(el('summary', 'headers'), el('pre', row.headers));
      const cell = el('td');
      cell.append(details, headers);
      tr.append(el('td', row.id), el('td', time(row.receivedAt)), el('td', row.action), el('td', row.httpStatus, 'num'),
        el('td', row.reason, 'reason'), cell);
      body.append(tr);
    }
    $('quarantine-empty').hidden = quarantine.rows.length > 0;
  }

  function renderWatched() {
    const list = $('replayed-list');
    list.replaceChildren();
    for (const [id, row] of watched) {
      const state = row.status === 'DONE' ? 'delivered' : row.status === 'DEAD' ? 'dead again: ' + row.lastError
        : 'waiting for delivery';
      const item = el('li', '#' + id + ' ' + row.action + ' of session ' + row.sessionId + ': ' + state,
        row.status === 'DONE' ? 'good' : row.status === 'DEAD' ? 'bad' : '');
      item.dataset.id = id;
      item.dataset.status = row.status;
      list.append(item);
    }
    $('replayed').hidden = watched.size === 0;
  }

  async function followWatched() {
    for (const id of watched.keys()) {
      const found = await api('inbox/' + id);
      watched.set(id, found.row);
    }
    renderWatched();
  }

  async function replayOne(row) {
    try {
      const answer = await api('inbox/' + row.id + '/replay', { method: 'POST' });
      watched.set(row.id, Object.assign({}, row, { status: answer.status }));
      show('notice', 'Row ' + row.id + ' queued for delivery.');
      await refresh();
    } catch (e) {
      show('problem', e.message);
    }
  }

  async function replayReason(reason, rows) {
    try {
      const answer = await api('inbox/dead/replay', {
        method: 'POST',
        headers: { 'Accept': 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason: reason })
      });
      show('notice', answer.replayed + ' dead rows queued for delivery (of ' + rows + ' listed).');
      await refresh();
    } catch (e) {
      show('problem', e.message);
    }
  }

  async function showPayload(id) {
    try {
      const found = await api('inbox/' + id);
      let text = found.payload;
      try { text = JSON.stringify(JSON.parse(found.payload), null, 2); } catch (e) { /* shown as stored */ }
      $('payload-title').textContent = 'Payload of row ' + id + ' (' + found.row.action + ', session ' + found.row.sessionId + ')';
      $('payload').textContent = text;
      $('payload-box').hidden = false;
    } catch (e) {
      show('problem', e.message);
    }
  }

  async function refresh() {
    try {
      const [overview, dead, reasons, quarantine] = await Promise.all([
        api('overview'), api('inbox/dead?limit=200'), api('inbox/dead/reasons?limit=20'), api('quarantine?limit=50')]);
      renderSettings(overview);
      renderInbox(overview);
      renderChart(overview.perMinute);
      renderConnections(overview);
      renderReasons(reasons);
      renderDead(dead);
      renderQuarantine(quarantine);
      await followWatched();
      $('refreshed').textContent = 'as of ' + time(overview.at);
      show('problem', '');
    } catch (e) {
      show('problem', 'Could not load: ' + e.message);
    }
  }

  function schedule() {
    if (timer) { clearInterval(timer); timer = null; }
    if ($('auto').checked) { timer = setInterval(refresh, refreshSeconds * 1000); }
  }

  $('refresh').addEventListener('click', refresh);
  $('auto').addEventListener('change', schedule);
  refresh();
  schedule();
})();
