// Admin dashboards over the analytics routes (they need the admin key, sent as X-Admin-API-Key).
import { html } from 'htm/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { get } from './api.js';
import { PlotlyChart } from './chat.js';

const KEY = 'aa.adminKey'; // sessionStorage: the key is gone when the tab closes

const ROUTES = {
  dashboard: '/analytics/dashboard',
  models: '/analytics/usage/models',
  executions: '/analytics/code-executions/summary',
  errors: '/analytics/code-executions/error-analysis',
  feedback: '/analytics/feedback/summary',
};

function themed(layout) {
  const fg = getComputedStyle(document.documentElement).getPropertyValue('--fg').trim() || '#222';
  return {
    paper_bgcolor: 'rgba(0,0,0,0)', plot_bgcolor: 'rgba(0,0,0,0)', font: { color: fg }, height: 300,
    margin: { l: 50, r: 50, t: 40, b: 50 }, legend: { orientation: 'h' }, ...layout,
  };
}

function charts(d) {
  const days = d.dashboard.daily_usage || [];
  const models = d.models.model_usage || [];
  const perModel = d.executions.model_performance || [];
  const errors = d.errors.error_types || [];
  const ratings = d.feedback.ratings_distribution || [];
  const trend = d.feedback.feedback_trend || [];
  return [
    { title: 'Requests and cost per day', data: [
      { type: 'bar', name: 'requests', x: days.map((x) => x.date), y: days.map((x) => x.requests) },
      { type: 'scatter', mode: 'lines+markers', name: 'cost ($)', yaxis: 'y2', x: days.map((x) => x.date), y: days.map((x) => x.cost) },
    ], layout: { yaxis: { title: 'requests' }, yaxis2: { title: 'cost ($)', overlaying: 'y', side: 'right' } } },
    { title: 'Requests and tokens per model', data: [
      { type: 'bar', name: 'requests', x: models.map((m) => m.model_name), y: models.map((m) => m.requests) },
      { type: 'bar', name: 'tokens', yaxis: 'y2', x: models.map((m) => m.model_name), y: models.map((m) => m.tokens) },
    ], layout: { barmode: 'group', yaxis2: { overlaying: 'y', side: 'right' } } },
    { title: 'Code runs that succeeded, per model (%)', data: [
      { type: 'bar', x: perModel.map((m) => m.model_name), y: perModel.map((m) => m.success_rate),
        text: perModel.map((m) => `${m.successful_executions}/${m.total_executions}`) },
    ], layout: { yaxis: { range: [0, 100] } } },
    { title: 'Code-execution errors by type', data: [
      { type: 'bar', orientation: 'h', y: errors.map((e) => e.error_type), x: errors.map((e) => e.count) },
    ], layout: {} },
    { title: 'Ratings', data: [
      { type: 'bar', name: 'answers rated', x: ratings.map((r) => `${r.rating} ★`), y: ratings.map((r) => r.count) },
    ], layout: {} },
    { title: 'Average rating per day', data: [
      { type: 'scatter', mode: 'lines+markers', connectgaps: true, x: trend.map((t) => t.date), y: trend.map((t) => t.avg_rating) },
    ], layout: { yaxis: { range: [0, 5.2] } } },
  ];
}

export function AdminPanel({ notify }) {
  const [key, setKey] = useState(sessionStorage.getItem(KEY) || '');
  const [entered, setEntered] = useState(sessionStorage.getItem(KEY) || '');
  const [period, setPeriod] = useState('30d');
  const [data, setData] = useState(null);
  const [problem, setProblem] = useState(null);

  useEffect(() => {
    if (!key) return;
    let stale = false;
    setProblem(null);
    const opts = { extraHeaders: { 'X-Admin-API-Key': key } };
    Promise.all(Object.entries(ROUTES).map(([name, path]) => get(`${path}?period=${period}`, opts).then((v) => [name, v])))
      .then((entries) => { if (!stale) setData(Object.fromEntries(entries)); })
      .catch((e) => {
        if (stale) return;
        setData(null);
        if (e.status === 404) setProblem('This server has no analytics routes.');
        else if (e.status === 401 || e.status === 403) {
          setProblem(`The admin key was refused: ${e.message}`);
          sessionStorage.removeItem(KEY);
        } else notify(e.message, 'error');
      });
    return () => { stale = true; };
  }, [key, period]);

  const submit = (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, entered);
    setKey(entered);
  };
  const figures = useMemo(() => (data ? charts(data) : []), [data]);
  const overall = data?.executions.overall_stats;
  return html`<div class="admin">
    <form class="row" onSubmit=${submit}>
      <label class="sr-only" for="admin-key">Admin key</label>
      <input id="admin-key" type="password" autocomplete="off" placeholder="Admin key (ADMIN_API_KEY)" value=${entered}
        onInput=${(e) => setEntered(e.currentTarget.value)} />
      <button type="submit" id="admin-open">Open dashboards</button>
    </form>
    ${problem && html`<p class="error" role="alert">${problem}</p>`}
    ${data && html`
      <fieldset class="periods"><legend>Period</legend>
        ${['7d', '30d', '90d'].map((p) => html`<label><input type="radio" name="period" value=${p} checked=${period === p}
          onChange=${() => setPeriod(p)} /> ${p.replace('d', ' days')}</label>`)}
      </fieldset>
      <dl class="kpis">
        <div><dt>Requests</dt><dd>${data.dashboard.total_requests}</dd></div>
        <div><dt>Tokens</dt><dd>${data.dashboard.total_tokens}</dd></div>
        <div><dt>Cost</dt><dd>$${Number(data.dashboard.total_cost).toFixed(4)}</dd></div>
        <div><dt>Users</dt><dd>${data.dashboard.total_users}</dd></div>
        <div><dt>Code runs OK</dt><dd>${overall ? `${overall.success_rate} %` : '–'}</dd></div>
        <div><dt>Average rating</dt><dd>${data.feedback.total_feedback ? Number(data.feedback.avg_rating).toFixed(2) : '–'}</dd></div>
      </dl>
      <div class="admin-charts">
        ${figures.map((c) => html`<section aria-label=${c.title}><h3>${c.title}</h3>
          <${PlotlyChart} key=${`${c.title}-${period}`} figure=${{ data: c.data, layout: themed(c.layout) }} /></section>`)}
      </div>`}
  </div>`;
}
