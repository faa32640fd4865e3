// Deep analysis: a goal streamed through POST /deep_analysis_streaming as a list of steps with a progress bar,
// the finished HTML report (open in a new tab, download) and the caller's past reports.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, download, get, post, streamNdjson } from './api.js';

const STEP_NAMES = {
  initialization: 'Starting',
  questions: 'Research questions',
  planning: 'Planning',
  agent_execution: 'Agents write code',
  code_synthesis: 'Combining the code',
  code_execution: 'Running the code',
  synthesis: 'Writing the sections',
  conclusion: 'Conclusion',
  analysis: 'Analysis',
  report: 'HTML report',
  completed: 'Done',
  error: 'Failed',
  cancelled: 'Cancelled',
};

const ACTIVE = new Set(['starting', 'processing', 'running', 'in_progress']);
const FILE_NAME = 'deep-analysis-report.html';

/**
 * The stored report's HTML (GET .../uuid/{uuid}/html answers {html_report, filename}) as a blob URL: a new tab
 * could not send the session header or bearer token itself.
 */
async function reportUrl(uuid) {
  const body = await get(`/deep_analysis/reports/uuid/${encodeURIComponent(uuid)}/html`);
  return URL.createObjectURL(new Blob([body.html_report], { type: 'text/html' }));
}
const when = (t) => (t ? new Date(t).toLocaleString() : '');

/** Opens an authenticated HTML route in a new tab: the tab is opened at the click (no popup blocker), then filled. */
async function openInTab(uuid, notify) {
  const tab = window.open('', '_blank');
  try {
    const url = await reportUrl(uuid);
    if (tab) tab.location.href = url; else window.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    tab?.close();
    notify(e.message, 'error');
  }
}

export function DeepAnalysisPanel({ notify }) {
  const [goal, setGoal] = useState('');
  const [run, setRun] = useState(null); // {uuid, steps: [{step, status, message}], progress, state, error, url}
  const [reports, setReports] = useState(null);
  const abort = useRef(null);
  const urls = useRef([]);

  const loadReports = async () => {
    try { setReports(await get('/deep_analysis/reports?limit=50')); } catch (e) { notify(e.message, 'error'); }
  };

  useEffect(() => {
    loadReports();
    // Closing the screen stops reading the stream; the run itself belongs to the server and finishes there.
    return () => { abort.current?.abort(); urls.current.forEach((u) => URL.revokeObjectURL(u)); };
  }, []);

  const change = (f) => setRun((r) => ({ ...r, ...f(r) }));

  const onLine = (line) => change((r) => {
    // steps run one after another: a step still "processing" when a later one reports is finished
    const steps = r.steps.map((s) => (s.step !== line.step && ACTIVE.has(s.status) ? { ...s, status: 'completed' } : s));
    const i = steps.findIndex((s) => s.step === line.step);
    const entry = { step: line.step, status: line.status, message: line.message };
    if (i >= 0) steps[i] = entry; else steps.push(entry);
    const state = line.step === 'completed' ? 'completed'
      : line.step === 'cancelled' ? 'cancelled'
        : line.step === 'error' ? 'failed' : r.state;
    return {
      steps,
      uuid: r.uuid || line.report_uuid,
      progress: Math.max(r.progress, Number(line.progress) || 0),
      state,
      error: line.step === 'error' ? (line.error || line.message) : r.error,
    };
  });

  const start = async (e) => {
    e.preventDefault();
    const text = goal.trim();
    if (!text || run?.state === 'running') return;
    const controller = new AbortController();
    abort.current = controller;
    setRun({ uuid: null, steps: [], progress: 0, state: 'running', error: null, url: null });
    let finalState = 'running';
    let uuid = null;
    try {
      await streamNdjson('/deep_analysis_streaming', { goal: text }, (line) => {
        if (!uuid && line.report_uuid) uuid = line.report_uuid;
        if (line.step === 'completed') finalState = 'completed';
        else if (line.step === 'cancelled') finalState = 'cancelled';
        else if (line.step === 'error') finalState = 'failed';
        onLine(line);
      }, controller.signal);
      if (finalState === 'running') change(() => ({ state: 'failed', error: 'The stream ended before the analysis finished' }));
      if (finalState === 'completed' && uuid) {
        const url = await reportUrl(uuid);
        urls.current.push(url);
        change(() => ({ url }));
      }
    } catch (err) {
      if (err.name === 'AbortError') return;
      change(() => ({ state: 'failed', error: err.message }));
    } finally {
      if (abort.current === controller) abort.current = null;
      loadReports();
    }
  };

  const cancel = async () => {
    if (!run?.uuid) { abort.current?.abort(); change(() => ({ state: 'cancelled' })); return; }
    try {
      await post(`/deep_analysis/reports/uuid/${encodeURIComponent(run.uuid)}/cancel`);
    } catch (e) { notify(e.message, 'error'); }
  };

  const remove = async (report) => {
    try {
      await del(`/deep_analysis/reports/${encodeURIComponent(report.report_uuid)}`);
      notify('Report deleted', 'info');
      loadReports();
    } catch (e) { notify(e.message, 'error'); }
  };

  const running = run?.state === 'running';
  const uuid = run?.uuid;

  return html`<div class="deep">
    <form class="deep-form" onSubmit=${start}>
      <label for="deep-goal">What should the analysis find out about the session's dataset?</label>
      <div class="deep-row">
        <input id="deep-goal" type="text" value=${goal} placeholder="e.g. What drives price?" autocomplete="off"
          onInput=${(e) => setGoal(e.currentTarget.value)} disabled=${running} required />
        <button type="submit" id="deep-start" disabled=${running || !goal.trim()}>Start</button>
      </div>
    </form>
    ${run && html`<section class="deep-run" aria-label="Current deep analysis">
      <div class="progress">
        <progress id="deep-progress" max="100" value=${run.progress} aria-label="Deep analysis progress"
          aria-valuetext=${`${run.progress}%`}></progress>
        <span aria-hidden="true">${run.progress}%</span>
        ${running && html`<button type="button" class="danger small" id="deep-cancel" onClick=${cancel}>Cancel</button>`}
      </div>
      <p id="deep-state" class=${`deep-state ${run.state}`} role="status" aria-live="polite">${
        run.state === 'running' ? 'Running…'
          : run.state === 'completed' ? 'Completed'
            : run.state === 'cancelled' ? 'Cancelled'
              : `Failed: ${run.error || 'unknown error'}`}</p>
      <ol class="deep-steps" id="deep-steps">
        ${run.steps.map((s) => html`<li key=${s.step} data-step=${s.step} data-status=${s.status}>
          <strong>${STEP_NAMES[s.step] || s.step}</strong> <span class="deep-status">${s.status}</span>
          ${s.message && html`<div class="deep-message">${s.message}</div>`}</li>`)}
      </ol>
      ${run.state === 'completed' && uuid && html`<p class="deep-links">
        ${run.url
          ? html`<a id="deep-open" href=${run.url} target="_blank" rel="noopener">Open the report in a new tab</a>`
          : html`<span>Loading the report…</span>`}
        <button type="button" class="secondary small" id="deep-download"
          onClick=${() => download(`/deep_analysis/download_from_db/${encodeURIComponent(uuid)}`, FILE_NAME).catch((e) => notify(e.message, 'error'))}>Download</button>
      </p>`}
    </section>`}
    <section class="deep-reports" aria-labelledby="deep-reports-title">
      <h3 id="deep-reports-title">Past reports</h3>
      ${reports === null ? html`<p>Loading…</p>`
        : reports.length === 0 ? html`<p>No reports yet.</p>`
          : html`<ul id="deep-report-list">
            ${reports.map((r) => html`<li key=${r.report_uuid} data-uuid=${r.report_uuid}>
              <div class="deep-report-goal">${r.goal}</div>
              <div class="deep-report-meta">${r.status} · ${when(r.created_at || r.start_time)}</div>
              <div class="deep-report-actions">
                <button type="button" class="secondary small" disabled=${r.status !== 'completed'}
                  aria-label=${`Open report: ${r.goal}`}
                  onClick=${() => openInTab(r.report_uuid, notify)}>Open</button>
                <button type="button" class="secondary small" disabled=${r.status !== 'completed'}
                  aria-label=${`Download report: ${r.goal}`}
                  onClick=${() => download(`/deep_analysis/download_from_db/${encodeURIComponent(r.report_uuid)}`, FILE_NAME).catch((e) => notify(e.message, 'error'))}>Download</button>
                <button type="button" class="secondary small" disabled=${r.report_uuid === uuid && running}
                  aria-label=${`Delete report: ${r.goal}`} onClick=${() => remove(r)}>Delete</button>
              </div>
            </li>`)}
          </ul>`}
    </section>
  </div>`;
}
