'use strict';
// The local dashboard: polls the JSON API every POLL_MS and redraws. Data only ever reaches the DOM as textContent
// or attribute values, and ECharts draws tooltips on its canvas (renderMode richText), so no data is parsed as HTML.
(() => {
  const POLL_MS = 2000;
  const byId = (id) => document.getElementById(id);
  const count = new Intl.NumberFormat('en-US');
  const time = new Intl.DateTimeFormat('en-GB', {hour: '2-digit', minute: '2-digit', second: '2-digit'});
  const dateTime = new Intl.DateTimeFormat('en-GB', {dateStyle: 'medium', timeStyle: 'short'});

  const getJson = window.ecomlogApi.getJson;

  // Each panel shows its own failure (in its own .error child), so one broken data source leaves the rest of the
  // page refreshing.
  function showError(panel, error) {
    const note = panel.querySelector(':scope > .error');
    if (error) {
      note.textContent = `Could not load: ${error.message}`;
      note.hidden = false;
      panel.dataset.error = 'true';
    } else {
      note.textContent = '';
      note.hidden = true;
      delete panel.dataset.error;
    }
  }

  async function refresh(panelId, load) {
    const panel = byId(panelId);
    try {
      await load();
      showError(panel, null);
    } catch (error) {
      showError(panel, error);
    }
  }

  function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) td.className = className;
  }

  function money(amount, currency) {
    try {
      return new Intl.NumberFormat('en-US', {style: 'currency', currency}).format(amount);
    } catch (notACurrency) {
      return `${amount} ${currency}`;
    }
  }

  // --- charts -------------------------------------------------------------------------------------------------

  const charts = new Map();

  function draw(id, option, points) {
    const element = byId(id);
    if (!charts.has(id)) charts.set(id, echarts.init(element));
    charts.get(id).setOption({animationDuration: 300, tooltip: {renderMode: 'richText'}, ...option});
    element.dataset.points = String(points);
  }

  window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));

  async function loadSales() {
    const minutes = await getJson('api/sales');
    const currency = minutes.length ? minutes[minutes.length - 1].currency : '';
    draw('sales-chart', {
      tooltip: {trigger: 'axis'},
      legend: {top: 0},
      grid: {left: 48, right: 64, top: 36, bottom: 28},
      xAxis: {type: 'category', data: minutes.map((m) => time.format(new Date(m.minute)).slice(0, 5))},
      yAxis: [{type: 'value', name: 'orders', minInterval: 1}, {type: 'value', name: currency}],
      series: [
        {name: 'Orders', type: 'bar', data: minutes.map((m) => m.orders)},
        {name: `Revenue (${currency})`, type: 'line', yAxisIndex: 1, smooth: true, data: minutes.map((m) => m.revenue)},
      ],
    }, minutes.length);
  }

  async function loadFunnel() {
    const funnel = await getJson('api/funnel');
    const stages = [
      {name: 'Views', value: funnel.views},
      {name: 'Carts', value: funnel.carts},
      {name: 'Purchases', value: funnel.purchases},
    ];
    const share = (value) => (funnel.views > 0 ? ` (${((100 * value) / funnel.views).toFixed(1)} %)` : '');
    draw('funnel-chart', {
      tooltip: {trigger: 'item'},
      series: [{
        name: 'Funnel', type: 'funnel', sort: 'none', left: '4%', width: '56%', top: 16, bottom: 16, minSize: '6%',
        gap: 2, label: {position: 'right', formatter: (p) => `${p.name}: ${count.format(p.value)}${share(p.value)}`},
        data: stages,
      }],
    }, stages.filter((stage) => stage.value > 0).length);
  }

  async function loadCategories() {
    const categories = await getJson('api/categories', {limit: 8});
    const shown = categories.slice().reverse(); // most at the top
    draw('categories-chart', {
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}},
      legend: {top: 0},
      grid: {left: 8, right: 24, top: 32, bottom: 8, containLabel: true},
      xAxis: {type: 'value', minInterval: 1},
      yAxis: {type: 'category', data: shown.map((c) => c.category)},
      series: [
        {name: 'Events', type: 'bar', data: shown.map((c) => c.events)},
        {name: 'Purchases', type: 'bar', data: shown.map((c) => c.purchases)},
      ],
    }, categories.length);
  }

  // --- counters and alerts ----------------------------------------------------------------------------------

  function setCounter(id, value) {
    const element = byId(id);
    element.dataset.value = String(value);
    element.textContent = count.format(value);
  }

  async function loadOverview() {
    const overview = await getJson('api/overview');
    setCounter('events-sent', overview.eventsSent);
    setCounter('events-arrived', overview.eventsArrived);
    setCounter('events-lost', overview.eventsLost);
    setCounter('orders-count', overview.orders);
    setCounter('alerts-count', overview.alerts);
    byId('phase').textContent = overview.phase || '–';
    const updated = byId('updated');
    updated.dateTime = overview.updatedAt || '';
    updated.textContent = overview.updatedAt ? time.format(new Date(overview.updatedAt)) : '–';
  }

  async function loadAlerts() {
    const alerts = await getJson('api/alerts', {limit: 20});
    const table = byId('alerts-table');
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const alert of alerts) {
      const row = body.insertRow();
      row.dataset.alertId = alert.alertId;
      cell(row, time.format(new Date(alert.raisedAt)));
      cell(row, alert.kind);
      cell(row, alert.key);
      cell(row, alert.summary);
      cell(row, alert.source);
    }
    table.dataset.rows = String(alerts.length);
    byId('alerts-empty').hidden = alerts.length > 0;
  }

  // --- hints for the search box and the user picker: replaced only when they changed -------------------------

  async function loadCustomerHints() {
    const customers = await getJson('api/customers', {limit: 20});
    const list = byId('customer-hints');
    if (list.dataset.values === JSON.stringify(customers)) return;
    list.replaceChildren(...customers.map((customer) => new Option(customer, customer)));
    list.dataset.values = JSON.stringify(customers);
  }

  async function loadUsers() {
    const users = await getJson('api/users', {limit: 50});
    const select = byId('user');
    if (select.dataset.values === JSON.stringify(users)) return;
    const chosen = select.value;
    select.replaceChildren(new Option('choose a user…', ''), ...users.map((user) => new Option(user, user)));
    select.value = users.includes(chosen) ? chosen : '';
    select.dataset.values = JSON.stringify(users);
  }

  // --- order history: a customer's pages, walked with nextPageToken -----------------------------------------

  const orders = {customer: null, tokens: [], next: null, request: 0};

  async function showOrders(customer, tokens) {
    const panel = byId('orders-panel');
    const request = ++orders.request; // an answer to an older search is dropped
    panel.dataset.state = 'loading';
    try {
      const page = await getJson('api/orders', {customer, pageToken: tokens[tokens.length - 1]});
      if (request !== orders.request) return;
      Object.assign(orders, {customer, tokens, next: page.nextPageToken});
      renderOrders(page);
      showError(panel, null);
    } catch (error) {
      if (request !== orders.request) return;
      panel.dataset.state = 'error';
      showError(panel, error);
    }
  }

  function renderOrders(page) {
    const panel = byId('orders-panel');
    const table = byId('orders-table');
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const order of page.orders) {
      const row = body.insertRow();
      cell(row, order.orderId);
      cell(row, dateTime.format(new Date(order.placedAt)));
      cell(row, order.status);
      cell(row, money(order.total, order.currency), 'num');
      cell(row, String(order.lines), 'num');
    }
    const empty = page.orders.length === 0;
    table.dataset.rows = String(page.orders.length);
    table.hidden = empty;
    const message = byId('orders-message');
    message.hidden = !empty;
    message.textContent = empty ? `No orders for ${orders.customer}.` : '';
    byId('orders-page').textContent = empty ? '' : `page ${orders.tokens.length}`;
    byId('orders-prev').hidden = orders.tokens.length <= 1;
    byId('orders-next').hidden = !orders.next;
    panel.dataset.state = empty ? 'empty' : 'loaded';
    panel.dataset.page = String(orders.tokens.length);
  }

  byId('orders-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const customer = byId('customer').value.trim();
    if (customer) showOrders(customer, [null]);
  });
  byId('orders-next').addEventListener('click', () => showOrders(orders.customer, [...orders.tokens, orders.next]));
  byId('orders-prev').addEventListener('click', () => showOrders(orders.customer, orders.tokens.slice(0, -1)));

  // --- recommendations for the picked user -------------------------------------------------------------------

  async function loadRecommendations() {
    const user = byId('user').value;
    const panel = byId('recs-panel');
    const list = byId('recs-list');
    const message = byId('recs-message');
    if (!user) {
      list.replaceChildren();
      list.dataset.rows = '0';
      message.hidden = true;
      panel.dataset.state = 'idle';
      return;
    }
    const recommendations = await getJson('api/recommendations', {user});
    if (byId('user').value !== user) return; // picked another user meanwhile
    list.replaceChildren(...recommendations.map((r) => {
      const item = document.createElement('li');
      const meta = document.createElement('span');
      meta.className = 'meta';
      const score = r.score.toFixed(3);
      meta.textContent = ` · ${r.category || 'no category'} · ${r.brand || 'no brand'} · score ${score}`;
      item.append(r.productId, meta);
      return item;
    }));
    list.dataset.rows = String(recommendations.length);
    list.dataset.user = user;
    message.hidden = recommendations.length > 0;
    message.textContent = recommendations.length ? '' : `No recommendations for ${user}.`;
    panel.dataset.state = recommendations.length ? 'loaded' : 'empty';
  }

  byId('user').addEventListener('change', () => refresh('recs-panel', loadRecommendations));

  // --- the poll loop: the next round starts when this one has ended, so slow answers never pile up -----------

  async function poll() {
    await Promise.all([
      refresh('overview', loadOverview),
      refresh('sales-panel', loadSales),
      refresh('funnel-panel', loadFunnel),
      refresh('categories-panel', loadCategories),
      refresh('alerts-panel', loadAlerts),
      refresh('customer-search', loadCustomerHints),
      refresh('recs-panel', async () => {
        await loadUsers();
        await loadRecommendations();
      }),
    ]);
    document.body.dataset.polls = String(Number(document.body.dataset.polls) + 1);
    setTimeout(poll, POLL_MS);
  }

  poll();
})();
