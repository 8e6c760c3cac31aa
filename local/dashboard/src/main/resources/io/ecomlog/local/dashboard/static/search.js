'use strict';
// The log-search page: every query goes to the dashboard's own JSON API (never to OpenSearch), the text as one query
// value. Data reaches the DOM only as textContent or attribute values; ECharts draws tooltips as rich text.
(() => {
  const PAGE = 50;
  const byId = (id) => document.getElementById(id);
  const count = new Intl.NumberFormat('en-US');
  const stamp = new Intl.DateTimeFormat('en-GB', {dateStyle: 'short', timeStyle: 'medium'});
  const OTHER_COLOR = '#9aa5b1';
  let offset = 0;
  let chart = null;

  const getJson = window.ecomlogApi.getJson;

  function showError(panel, error) {
    const note = panel.querySelector(':scope > .error');
    note.textContent = error ? error.message : '';
    note.hidden = !error;
  }

  function params() {
    const form = byId('search-form');
    const value = (name) => form.elements[name].value.trim();
    const out = {q: value('q'), status: value('status'), type: value('type'), level: value('level'),
      path: value('path'), user: value('user'), session: value('session'), offset, limit: PAGE};
    const minutes = Number(value('range'));
    if (minutes > 0) out.from = new Date(Date.now() - minutes * 60000).toISOString();
    return out;
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) td.className = className;
    return td;
  }

  // Series by status code, as the saved visualisation "HTTP status codes over time"; coloured by class.
  const CLASS_SHADES = {2: ['#3ba272', '#6cc497', '#2c7a55'], 3: ['#5470c6', '#8299dd', '#3a519c'],
    4: ['#fac858', '#f6a93b', '#e6b422'], 5: ['#ee6666', '#c23531', '#f49b9b']};

  function statusColor(code, index) {
    const shades = CLASS_SHADES[Math.floor(Number(code) / 100)];
    return shades ? shades[index % shades.length] : OTHER_COLOR;
  }

  function drawHistogram(page) {
    if (!chart) chart = echarts.init(byId('histogram'));
    const label = (b) => stamp.format(new Date(b.start));
    const codes = [...new Set(page.histogram.flatMap((b) => Object.keys(b.byStatus || {})))].sort();
    const series = codes.map((code, i) => ({name: code, type: 'bar', stack: 'hits', color: statusColor(code, i),
      data: page.histogram.map((b) => (b.byStatus && b.byStatus[code]) || 0)}));
    const coded = (b) => Object.values(b.byStatus || {}).reduce((n, c) => n + c, 0);
    series.push({name: 'other events', type: 'bar', stack: 'hits', color: OTHER_COLOR,
      data: page.histogram.map((b) => b.hits - coded(b))});
    // no animation: a new search's bars replace the last one's at once (and a screenshot shows what was asked)
    chart.setOption({animation: false, tooltip: {trigger: 'axis', renderMode: 'richText'}, legend: {top: 0},
      grid: {left: 48, right: 16, top: 32, bottom: 28},
      xAxis: {type: 'category', data: page.histogram.map(label)}, yAxis: {type: 'value', minInterval: 1},
      series}, true);
    byId('histogram').dataset.points = String(page.histogram.filter((b) => b.hits > 0).length);
  }

  function drawHits(page) {
    const body = byId('hits').tBodies[0];
    body.replaceChildren();
    for (const hit of page.hits) {
      const row = body.insertRow();
      row.dataset.eventId = hit.eventId;
      cell(row, hit.time ? stamp.format(new Date(hit.time)) : '');
      cell(row, hit.eventType);
      cell(row, hit.summary);
      cell(row, hit.status, 'num');
      cell(row, hit.path);
      cell(row, hit.user);
      const td = cell(row, '');
      if (hit.session) {
        const open = document.createElement('button');
        open.type = 'button';
        open.className = 'link';
        open.textContent = hit.session;
        open.addEventListener('click', () => openSession(hit.session));
        td.append(open);
      }
    }
    byId('hits').dataset.rows = String(page.hits.length);
    // the event types seen so far, as hints for the type filter
    const hints = byId('type-hints');
    const known = new Set([...hints.options].map((o) => o.value));
    for (const type of new Set(page.hits.map((h) => h.eventType).filter(Boolean))) {
      if (!known.has(type)) hints.append(new Option(type, type));
    }
    byId('total').textContent = `${count.format(page.total)} hits` + (page.hits.length
      ? ` · ${offset + 1}–${offset + page.hits.length} shown · histogram by ${page.intervalSeconds} s` : '');
    byId('prev').hidden = offset === 0;
    byId('next').hidden = offset + page.hits.length >= page.total;
    byId('page').textContent = page.total > PAGE ? `page ${Math.floor(offset / PAGE) + 1}` : '';
  }

  async function search() {
    const panel = byId('search-panel');
    try {
      const page = await getJson('api/search', params());
      showError(panel, null);
      drawHits(page);
      drawHistogram(page);
    } catch (error) {
      showError(panel, error);
    }
    document.body.dataset.searches = String(Number(document.body.dataset.searches) + 1);
  }

  function list(id, hits) {
    const element = byId(id);
    element.replaceChildren();
    for (const hit of hits) {
      const item = document.createElement('li');
      item.textContent = `${hit.time ? stamp.format(new Date(hit.time)) : ''} · ${hit.eventType}`
        + `${hit.status ? ' ' + hit.status : ''} · ${hit.summary || ''}`;
      element.append(item);
    }
    element.dataset.rows = String(hits.length);
  }

  async function openSession(id) {
    const panel = byId('session-panel');
    panel.hidden = false;
    panel.dataset.state = 'loading';
    byId('session-id').textContent = id;
    try {
      const session = await getJson('api/session', {id});
      showError(panel, null);
      list('session-events', session.events);
      list('session-access', session.accessLines);
      list('session-errors', session.errors);
      byId('session-order').textContent = session.order
        ? `Order ${session.order.orderId || ''}: ${session.order.summary || ''}` : 'No order in this session.';
      panel.dataset.state = 'loaded';
    } catch (error) {
      showError(panel, error);
      panel.dataset.state = 'error';
    }
  }

  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    offset = 0;
    search();
  });
  byId('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); search(); });
  byId('next').addEventListener('click', () => { offset += PAGE; search(); });
  window.addEventListener('resize', () => chart && chart.resize());
  search();
})();
