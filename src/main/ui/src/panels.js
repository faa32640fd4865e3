// Dialogs and side panels: datasets, history, model settings, agents, sign-in.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, download, get, post, put, upload } from './api.js';
import { SortableTable } from './chat.js';

/** A trash-can icon drawn inline: emoji fonts are not on every machine (headless Linux has none). */
export const TrashIcon = () => html`<svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
  <path d="M3 4h10M6 4V2.5h4V4M4.5 4l.7 9.5h5.6l.7-9.5M7 6.5v5M9 6.5v5" fill="none" stroke="currentColor" stroke-width="1.3"/></svg>`;

/** A modal <dialog>: focus is trapped and Escape closes it, as browsers do for showModal(). */
export function Dialog({ title, onClose, children, wide }) {
  const ref = useRef(null);
  useEffect(() => {
    const d = ref.current;
    if (!d.open) d.showModal();
    const closed = () => onClose();
    d.addEventListener('close', closed);
    return () => d.removeEventListener('close', closed);
  }, []);
  return html`<dialog ref=${ref} class=${wide ? 'wide' : ''} aria-labelledby="dialog-title">
    <header class="dialog-head">
      <h2 id="dialog-title">${title}</h2>
      <button type="button" class="icon" aria-label="Close" onClick=${() => ref.current.close()}>✕</button>
    </header>
    <div class="dialog-body">${children}</div>
  </dialog>`;
}

const EXCEL = /\.(xlsx|xlsm)$/i;

function typeOf(values) {
  const present = values.filter((v) => v !== null && v !== '' && v !== undefined);
  if (!present.length) return 'empty';
  if (present.every((v) => typeof v === 'number' || /^-?\d+$/.test(v))) return 'integer';
  if (present.every((v) => typeof v === 'number' || (!Number.isNaN(Number(v)) && String(v).trim() !== ''))) return 'number';
  if (present.every((v) => typeof v === 'boolean' || /^(true|false)$/i.test(v))) return 'boolean';
  if (present.every((v) => !Number.isNaN(Date.parse(v)) && /\d{4}|\d{1,2}[/.-]\d{1,2}/.test(v))) return 'date';
  return 'text';
}

/** Upload: pick or drop a file, preview it with its column types, then confirm. */
function Uploader({ onUploaded, notify }) {
  const [file, setFile] = useState(null);
  const [preview, setPreview] = useState(null);
  const [sheets, setSheets] = useState(null);
  const [chosen, setChosen] = useState([]);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [progress, setProgress] = useState(null);
  const [error, setError] = useState(null);
  const [over, setOver] = useState(false);
  const input = useRef(null);

  const pick = async (f) => {
    if (!f) return;
    setFile(f); setPreview(null); setSheets(null); setError(null);
    setName(f.name.replace(/\.[^.]+$/, ''));
    const form = new FormData();
    form.append('file', f);
    try {
      if (EXCEL.test(f.name)) {
        const answer = await upload('/api/excel-sheets', form, () => {});
        setSheets(answer.sheets);
        setChosen(answer.sheets.slice(0, 1));
      } else {
        form.append('name', f.name);
        setPreview(await upload('/preview-csv-upload', form, () => {}));
      }
    } catch (e) {
      setError(e.message);
    }
  };

  const confirm = async () => {
    const form = new FormData();
    if (name.trim()) form.append('name', name.trim());
    if (description.trim()) form.append('description', description.trim());
    const excel = sheets !== null;
    if (excel) form.append('selected_sheets', JSON.stringify(chosen));
    form.append('file', file);
    setProgress(0); setError(null);
    try {
      const answer = await upload(excel ? '/upload_excel' : '/upload_dataframe', form, setProgress);
      notify(excel ? `Loaded ${answer.sheets_processed.join(', ')} as ${answer.dataset_names.join(', ')}`
        : `Loaded ${name.trim() || file.name} as ${answer.name}: ${answer.rows} rows, ${answer.columns.length} columns`, 'info');
      setFile(null); setPreview(null); setSheets(null);
      onUploaded();
    } catch (e) {
      setError(e.message);
    } finally {
      setProgress(null);
    }
  };

  const types = preview ? (preview.types || preview.headers.map((_, i) => typeOf(preview.rows.map((r) => r[i])))) : [];
  return html`<section class="uploader" aria-label="Upload a dataset">
    <div class=${over ? 'dropzone over' : 'dropzone'} tabIndex="0" role="button" aria-label="Choose a data file or drop one here"
      onClick=${() => input.current.click()}
      onKeyDown=${(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.current.click(); } }}
      onDragOver=${(e) => { e.preventDefault(); setOver(true); }} onDragLeave=${() => setOver(false)}
      onDrop=${(e) => { e.preventDefault(); setOver(false); pick(e.dataTransfer.files[0]); }}>
      <strong>Drop a file here</strong> or click to choose one
      <div class="muted">CSV, TSV, JSON, JSON lines, Parquet or Excel</div>
    </div>
    <input ref=${input} id="file-input" type="file" class="sr-only" aria-label="Data file" tabIndex="-1"
      accept=".csv,.tsv,.txt,.json,.jsonl,.ndjson,.parquet,.xlsx,.xlsm"
      onChange=${(e) => { pick(e.currentTarget.files[0]); e.currentTarget.value = ''; }} />
    ${error && html`<p class="error" role="alert">${error}</p>`}
    ${file && (preview || sheets) && html`<div class="confirm">
      <h3>${file.name}</h3>
      ${sheets && html`<fieldset class="sheets"><legend>Sheets to load</legend>
        ${sheets.map((s) => html`<label><input type="checkbox" checked=${chosen.includes(s)}
          onChange=${(e) => setChosen(e.currentTarget.checked ? [...chosen, s] : chosen.filter((c) => c !== s))} /> ${s}</label>`)}
      </fieldset>`}
      ${preview && html`<div class="preview" aria-label="Preview">
        ${preview.notes?.length > 0 && html`<ul class="notes">${preview.notes.map((n) => html`<li>${n}</li>`)}</ul>`}
        <${SortableTable} header=${preview.headers.map((h, i) => `${h} · ${types[i]}`)}
          rows=${preview.rows.map((r) => r.map((c) => (c === null ? '' : String(c))))} caption="First rows and detected column types" />
      </div>`}
      <label>Name <input id="dataset-name" value=${name} onInput=${(e) => setName(e.currentTarget.value)} /></label>
      <label>Description (optional) <textarea rows="2" value=${description} onInput=${(e) => setDescription(e.currentTarget.value)}></textarea></label>
      ${progress !== null && html`<div class="progress">
        <progress max="1" value=${progress} aria-label="Upload progress"></progress>
        <span>${progress < 1 ? `${Math.round(progress * 100)} %` : 'Reading and profiling…'}</span></div>`}
      <div class="row">
        <button type="button" id="confirm-upload" onClick=${confirm} disabled=${progress !== null || (sheets && !chosen.length)}>Load dataset</button>
        <button type="button" class="secondary" onClick=${() => { setFile(null); setPreview(null); setSheets(null); }}>Cancel</button>
      </div>
    </div>`}
  </section>`;
}

export function DatasetsPanel({ notify, onChanged }) {
  const [list, setList] = useState(null);
  const [page, setPage] = useState(null);
  const load = async () => {
    try {
      const answer = await get('/api/datasets');
      setList(answer.datasets);
      if (answer.datasets.length) showPage(answer.datasets[0].name);
    } catch (e) { notify(e.message, 'error'); }
  };
  const showPage = async (name) => {
    try { setPage(await get(`/api/datasets/${encodeURIComponent(name)}/preview?limit=20`)); } catch (e) { notify(e.message, 'error'); }
  };
  useEffect(() => { load(); }, []);
  const changed = () => { load(); onChanged(); };
  const reset = async () => {
    try { await post('/reset-session', { preserve_model_settings: true }); notify('Back to the sample dataset', 'info'); changed(); } catch (e) { notify(e.message, 'error'); }
  };
  const remove = async (name) => {
    if (!confirm(`Delete the dataset ${name}?`)) return;
    try { await del(`/api/datasets/${encodeURIComponent(name)}`); changed(); } catch (e) { notify(e.message, 'error'); }
  };
  return html`<div class="datasets">
    <${Uploader} onUploaded=${changed} notify=${notify} />
    <section aria-label="Your datasets">
      <h3>In this session</h3>
      ${list === null ? html`<p class="muted">Loading…</p>` : html`<ul class="dataset-list">
        ${list.map((d) => html`<li class=${page?.name === d.name ? 'current' : ''}>
          <button type="button" class="link" onClick=${() => showPage(d.name)} aria-pressed=${page?.name === d.name}>
            <code>${d.name}</code> ${d.display_name}</button>
          <span class="muted">${d.rows} rows × ${d.columns} columns${d.is_default ? ' · sample' : ''}</span>
          ${!d.is_default && html`<button type="button" class="icon" aria-label=${`Delete ${d.name}`} onClick=${() => remove(d.name)}><${TrashIcon} /></button>`}
        </li>`)}
      </ul>`}
      <button type="button" class="secondary" onClick=${reset}>Reset to the sample dataset</button>
    </section>
    ${page && html`<section aria-label=${`Rows of ${page.name}`}>
      <h3>${page.name} <span class="muted">(first ${page.rows.length} of ${page.total_rows} rows)</span></h3>
      <${SortableTable} header=${page.headers} rows=${page.rows.map((r) => r.map((c) => (c === null ? '' : String(c))))} />
    </section>`}
  </div>`;
}

export function HistoryPanel({ chats, currentId, onOpen, onNew, onChanged, notify }) {
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState(null);
  const [title, setTitle] = useState('');
  const shown = (chats || []).filter((c) => c.title.toLowerCase().includes(query.toLowerCase()));
  const rename = async (e, chat) => {
    e.preventDefault();
    try { await put(`/chats/${chat.chat_id}`, { title }); setEditing(null); onChanged(); } catch (err) { notify(err.message, 'error'); }
  };
  const remove = async (chat) => {
    if (!confirm(`Delete the chat "${chat.title}"?`)) return;
    try { await del(`/chats/${chat.chat_id}`); onChanged(chat.chat_id); } catch (err) { notify(err.message, 'error'); }
  };
  return html`<nav class="history" aria-label="Chat history">
    <button type="button" class="new-chat" onClick=${onNew}>+ New chat</button>
    <label class="sr-only" for="history-search">Search chats</label>
    <input id="history-search" type="search" placeholder="Search chats" value=${query} onInput=${(e) => setQuery(e.currentTarget.value)} />
    ${chats === null ? html`<p class="muted">Loading…</p>` : shown.length === 0 ? html`<p class="muted">No chats yet</p>` : html`<ul>
      ${shown.map((c) => html`<li class=${c.chat_id === currentId ? 'current' : ''}>
        ${editing === c.chat_id
          ? html`<form onSubmit=${(e) => rename(e, c)} class="rename"><label class="sr-only" for="rename-${c.chat_id}">New title</label>
              <input id="rename-${c.chat_id}" value=${title} onInput=${(e) => setTitle(e.currentTarget.value)} autoFocus
                onKeyDown=${(e) => { if (e.key === 'Escape') setEditing(null); }} /></form>`
          : html`<button type="button" class="link chat-title" onClick=${() => onOpen(c.chat_id)} aria-current=${c.chat_id === currentId ? 'page' : undefined}>${c.title}</button>`}
        <span class="chat-actions">
          <button type="button" class="icon" aria-label=${`Rename ${c.title}`} onClick=${() => { setEditing(c.chat_id); setTitle(c.title); }}>✎</button>
          <button type="button" class="icon" aria-label=${`Delete ${c.title}`} onClick=${() => remove(c)}><${TrashIcon} /></button>
        </span>
      </li>`)}
    </ul>`}
  </nav>`;
}

export async function exportChat(chatId, kind, notify) {
  try {
    const name = await download(`/chats/${chatId}/${kind}`, `chat_${chatId}.${kind === 'notebook' ? 'ipynb' : 'py'}`);
    notify(`Downloaded ${name}`, 'info');
  } catch (e) {
    notify(e.message, 'error');
  }
}

export function SettingsPanel({ models, settings, onSaved, notify }) {
  const [model, setModel] = useState(settings.model);
  const [temperature, setTemperature] = useState(settings.temperature ?? 0);
  const [apiKey, setApiKey] = useState('');
  const selected = models.find((m) => m.id === model);
  const save = async (e) => {
    e.preventDefault();
    try {
      await post('/settings/model', { provider: selected?.provider, model, temperature: Number(temperature), api_key: apiKey || undefined });
      notify('Model settings saved', 'info');
      onSaved();
    } catch (err) { notify(err.message, 'error'); }
  };
  const byProvider = models.reduce((m, x) => ({ ...m, [x.provider]: [...(m[x.provider] || []), x] }), {});
  return html`<form class="settings" onSubmit=${save}>
    <label for="model-select">Model</label>
    <select id="model-select" value=${model} onChange=${(e) => setModel(e.currentTarget.value)}>
      ${Object.entries(byProvider).map(([provider, list]) => html`<optgroup label=${provider}>
        ${list.map((m) => html`<option value=${m.id}>${m.display_name}${m.configured ? '' : ' (needs a key)'}</option>`)}
      </optgroup>`)}
    </select>
    ${selected && html`<p class="muted">${selected.provider === 'offline'
      ? 'Rule-based, no language model: answers a fixed set of analyses offline.'
      : `${selected.tier_name} · $${selected.input_price_per_million} / $${selected.output_price_per_million} per million tokens in / out${selected.configured ? '' : ' · the server has no key for this provider: enter your own below'}`}</p>`}
    <label for="temperature">Temperature: ${Number(temperature).toFixed(1)}</label>
    <input id="temperature" type="range" min="0" max="1" step="0.1" value=${temperature} onInput=${(e) => setTemperature(e.currentTarget.value)} />
    <label for="api-key">Your API key for this provider (optional, stored sealed on the server${settings.hasCustomKey ? '; one is set' : ''})</label>
    <input id="api-key" type="password" autocomplete="off" value=${apiKey} onInput=${(e) => setApiKey(e.currentTarget.value)} />
    <div class="row"><button type="submit">Save</button></div>
  </form>`;
}

export function AgentsPanel({ userId, notify }) {
  const [templates, setTemplates] = useState(null);
  const load = async () => {
    try { setTemplates(await get(`/templates/user/${userId}?variant_type=planner`)); } catch (e) { notify(e.message, 'error'); }
  };
  useEffect(() => { if (userId != null) load(); }, [userId]);
  const toggle = async (t) => {
    try {
      const answer = await post(`/templates/user/${userId}/template/${t.template_id}/toggle`, { is_enabled: !t.is_enabled });
      notify(answer.message, 'info');
      load();
    } catch (e) { notify(e.message, 'error'); }
  };
  return html`<div class="agents">
    <p class="muted">The planner picks from the agents enabled here. At least one must stay enabled, and at most 10 can be
      enabled for the planner. Name an agent with <code>@agent_name</code> in a question to ask it directly.</p>
    ${templates === null ? html`<p class="muted">Loading…</p>` : html`<ul class="agent-list">
      ${templates.map((t) => html`<li>
        <label class="switch"><input type="checkbox" role="switch" checked=${t.is_enabled} onChange=${() => toggle(t)} />
          <span><strong>${t.display_name || t.template_name}</strong> <code>${t.template_name}</code></span></label>
        <p class="muted">${t.description}</p>
      </li>`)}
    </ul>`}
  </div>`;
}

export function AuthPanel({ onSignedIn, notify }) {
  const [mode, setMode] = useState('login');
  const [fields, setFields] = useState({ username: '', email: '', password: '' });
  const [error, setError] = useState(null);
  const set = (k) => (e) => setFields({ ...fields, [k]: e.currentTarget.value });
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    try {
      const answer = mode === 'login'
        ? await post('/auth/login', { email: fields.email, password: fields.password })
        : await post('/auth/register', fields);
      onSignedIn(answer);
      notify(`Signed in as ${answer.username}`, 'info');
    } catch (err) { setError(err.message); }
  };
  return html`<form class="auth" onSubmit=${submit}>
    <div class="tabs" role="tablist">
      <button type="button" role="tab" aria-selected=${mode === 'login'} onClick=${() => setMode('login')}>Log in</button>
      <button type="button" role="tab" aria-selected=${mode === 'register'} onClick=${() => setMode('register')}>Sign up</button>
    </div>
    ${mode === 'register' && html`<label>User name <input id="auth-username" required autocomplete="username" value=${fields.username} onInput=${set('username')} /></label>`}
    <label>${mode === 'login' ? 'Email or user name' : 'Email'}
      <input id="auth-email" required type=${mode === 'login' ? 'text' : 'email'} autocomplete="email" value=${fields.email} onInput=${set('email')} /></label>
    <label>Password <input id="auth-password" required type="password" minLength=${mode === 'login' ? undefined : 8}
      autocomplete=${mode === 'login' ? 'current-password' : 'new-password'} value=${fields.password} onInput=${set('password')} /></label>
    ${error && html`<p class="error" role="alert">${error}</p>`}
    <div class="row"><button type="submit" id="auth-submit">${mode === 'login' ? 'Log in' : 'Create account'}</button></div>
    <p class="muted">A guest's chats stay with the guest session; signed in, your chats follow you across browsers.</p>
  </form>`;
}
