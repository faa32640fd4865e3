// The web UI the server serves at / : a guest can chat with the sample dataset at once.
import { html, render } from 'htm/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { auth, get, post, streamChat } from './api.js';
import { Composer, Turn } from './chat.js';
import { CodeCanvas } from './canvas.js';
import { AdminPanel } from './admin.js';
import { DeepAnalysisPanel } from './deep.js';
import {
  AgentsPanel, AuthPanel, DatasetsPanel, Dialog, HistoryPanel, SettingsPanel, exportChat,
} from './panels.js';

/** What the offline analyst answers (docs/offline-analyst.md), as questions about the sample dataset. */
const OFFLINE_EXAMPLES = [
  'Describe the dataset',
  'Are there missing values?',
  'Show the distribution of price',
  'What is the average price by furnishingstatus?',
  'Correlation between price and area',
  'Compare price between mainroad yes and no',
  'Top 10 rows by price',
  'How many houses have more than 3 bedrooms?',
  'Summary statistics of price and area',
];

const THEME_KEY = 'aa.theme';

const SCRATCH = `# Runs in this session's Python kernel: the datasets are loaded (the first one is df)
# and variables persist between runs, like a notebook's.
df.head()
`;

function applyTheme(theme) {
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

function currentTheme() {
  return document.documentElement.dataset.theme
    || (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

function Toasts({ toasts, dismiss }) {
  return html`<div class="toasts" role="status" aria-live="polite">
    ${toasts.map((t) => html`<div class=${`toast ${t.kind}`} role=${t.kind === 'error' ? 'alert' : undefined}>
      <span>${t.text}</span><button type="button" class="icon" aria-label="Dismiss" onClick=${() => dismiss(t.id)}>✕</button></div>`)}
  </div>`;
}

/** Rebuilds a stored chat's turns: user messages are questions, AI messages answers with their code and outputs. */
function turnsOf(detail) {
  const turns = [];
  for (const m of detail.messages) {
    if (m.sender === 'user') {
      turns.push({ id: `m${m.message_id}`, query: m.content, lines: [], state: 'done' });
    } else {
      let outputs = null;
      try { outputs = m.outputs ? JSON.parse(m.outputs) : null; } catch { outputs = null; }
      const turn = turns.at(-1) && !turns.at(-1).markdown ? turns.at(-1) : (turns.push({ id: `m${m.message_id}`, query: '', lines: [], state: 'done' }), turns.at(-1));
      Object.assign(turn, { markdown: m.content, code: m.code || '', outputs, messageId: m.message_id });
    }
  }
  return turns;
}

function App() {
  const [user, setUser] = useState(auth.user);
  const [sessionId, setSessionId] = useState(auth.sessionId);
  const [userId, setUserId] = useState(null);
  const [settings, setSettings] = useState(null);
  const [models, setModels] = useState([]);
  const [datasetName, setDatasetName] = useState(null);
  const [agents, setAgents] = useState([]);
  const [chats, setChats] = useState(null);
  const [chatId, setChatId] = useState(null);
  const [turns, setTurns] = useState([]);
  const [draft, setDraft] = useState('');
  const [dialog, setDialog] = useState(null);
  const [canvas, setCanvas] = useState(null);
  const [toasts, setToasts] = useState([]);
  const [theme, setTheme] = useState(currentTheme());
  const [historyOpen, setHistoryOpen] = useState(false);
  const controller = useRef(null);
  const turnsRef = useRef(null);
  const stick = useRef(true); // follow the stream unless the reader scrolled up
  const chatIdRef = useRef(null);
  chatIdRef.current = chatId;

  const notify = useCallback((text, kind = 'info') => {
    const id = Math.random().toString(36).slice(2);
    setToasts((t) => [...t, { id, text, kind }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), kind === 'error' ? 9000 : 4000);
  }, []);

  const loadChats = useCallback(async () => {
    try { setChats(await get('/chats?limit=100')); } catch (e) { notify(e.message, 'error'); }
  }, []);
  const loadSettings = useCallback(async () => {
    try { setSettings(await get('/api/model-settings')); } catch (e) { notify(e.message, 'error'); }
  }, []);
  const loadDataset = useCallback(async () => {
    try { setDatasetName((await get('/api/session-info')).dataset_name); } catch (e) { notify(e.message, 'error'); }
  }, []);

  // Everything that depends on who the caller is and which session they are in.
  useEffect(() => {
    let stale = false;
    (async () => {
      try {
        const session = await post('/initialize-session', { session_id: sessionId });
        if (stale) return;
        setUserId(session.user_id);
        await Promise.all([loadSettings(), loadDataset(), loadChats(),
          get('/agents').then((a) => !stale && setAgents(a.available_agents || []))]);
      } catch (e) {
        if (e.status === 401 && auth.token) { // an expired token: fall back to a guest
          auth.signOut(); setUser(null); setSessionId(auth.sessionId);
          notify('Your sign-in expired: you are a guest again', 'error');
        } else notify(e.message, 'error');
      }
    })();
    return () => { stale = true; };
  }, [sessionId]);

  useEffect(() => {
    const el = turnsRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [turns]);

  useEffect(() => { get('/api/models').then((m) => setModels(m.models)).catch((e) => notify(e.message, 'error')); }, []);

  const newChat = () => {
    controller.current?.abort();
    setChatId(null); setTurns([]); setHistoryOpen(false);
    document.getElementById('question')?.focus();
  };

  const openChat = async (id) => {
    try {
      const detail = await get(`/chats/${id}`);
      const ratings = await get(`/feedback/chat/${id}`).catch(() => []);
      const turnsNow = turnsOf(detail);
      for (const r of ratings) {
        const t = turnsNow.find((x) => x.messageId === r.message_id);
        if (t) t.rating = r.rating;
      }
      setChatId(id); setTurns(turnsNow); setHistoryOpen(false);
    } catch (e) { notify(e.message, 'error'); }
  };

  const update = (id, change) => setTurns((ts) => ts.map((t) => (t.id === id ? { ...t, ...change(t) } : t)));

  const send = async (query) => {
    const id = `t${Date.now()}`;
    setDraft('');
    stick.current = true;
    setTurns((ts) => [...ts, { id, query, lines: [], state: 'running' }]);
    const abort = new AbortController();
    controller.current = abort;
    let chat = chatIdRef.current;
    try {
      if (!chat) {
        chat = (await post('/chats', { title: query.slice(0, 80) }, { signal: abort.signal })).chat_id;
        setChatId(chat);
        loadChats();
      }
      await streamChat(query, chat, (line) => update(id, (t) => (line.agent === 'turn_complete'
        ? { lines: line.content ? [...t.lines, line] : t.lines, elapsed: line.elapsed_ms }
        : { lines: [...t.lines, line] })), abort.signal);
      update(id, () => ({ state: 'done' }));
      // The answer is stored as the chat's last AI message: its id is what ratings and code runs refer to.
      const detail = await get(`/chats/${chat}`);
      const last = detail.messages.filter((m) => m.sender === 'ai').at(-1);
      if (last) update(id, () => ({ messageId: last.message_id }));
    } catch (e) {
      if (e.name === 'AbortError') update(id, () => ({ state: 'stopped' }));
      else update(id, () => ({ state: 'done', error: e.message }));
    } finally {
      controller.current = null;
    }
  };

  const rate = async (turn, rating) => {
    try {
      await post(`/feedback/message/${turn.messageId}`, { rating, model_name: settings?.model });
      update(turn.id, () => ({ rating }));
    } catch (e) { notify(e.message, 'error'); }
  };

  const signedIn = (tokenResponse) => {
    auth.signIn(tokenResponse);
    setUser(auth.user); setDialog(null); setChatId(null); setTurns([]); setChats(null);
    setSessionId(auth.sessionId);
  };
  const signOut = async () => {
    try { await post('/auth/logout'); } catch { /* the token may already be gone: sign out locally anyway */ }
    auth.signOut();
    setUser(null); setChatId(null); setTurns([]); setChats(null);
    setSessionId(auth.sessionId);
    notify('Logged out', 'info');
  };
  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME_KEY, next);
    applyTheme(next);
    setTheme(next);
  };

  const model = models.find((m) => m.id === settings?.model);
  const offline = settings?.model === 'offline';
  const running = turns.some((t) => t.state === 'running');
  const latestMessage = [...turns].reverse().find((t) => t.messageId)?.messageId;

  return html`
    <a class="skip" href="#question">Skip to the question box</a>
    <header class="top">
      <button type="button" class="icon menu" aria-label="Chat history" aria-expanded=${historyOpen} onClick=${() => setHistoryOpen(!historyOpen)}>☰</button>
      <h1>Auto-Analyst</h1>
      <button type="button" class="badge" id="model-badge" onClick=${() => setDialog('settings')}
        aria-label=${`Model: ${model?.display_name || settings?.model || '…'}. Change model settings`}>
        ${offline ? 'Offline analyst (rule-based)' : model?.display_name || settings?.model || '…'}</button>
      <button type="button" class="badge" id="dataset-badge" onClick=${() => setDialog('datasets')}
        aria-label=${`Dataset: ${datasetName || '…'}. Manage datasets`}>▦ ${datasetName || '…'}</button>
      <span class="spacer"></span>
      <nav class="actions" aria-label="Main">
        <button type="button" class="secondary" onClick=${() => setDialog('datasets')}>Datasets</button>
        <button type="button" class="secondary" id="open-canvas" onClick=${() => setCanvas({ code: SCRATCH, messageId: null })}>Code</button>
        <button type="button" class="secondary" onClick=${() => setDialog('agents')}>Agents</button>
        <button type="button" class="secondary" id="open-deep" onClick=${() => setDialog('deep')}>Deep analysis</button>
        <button type="button" class="secondary" onClick=${() => setDialog('settings')}>Settings</button>
        <button type="button" class="secondary" onClick=${() => setDialog('admin')}>Admin</button>
        <button type="button" class="icon" id="theme-toggle" aria-label=${`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} onClick=${toggleTheme}>${theme === 'dark' ? '☀' : '☾'}</button>
        ${user
          ? html`<span class="user" id="user-name">${user.username}</span><button type="button" class="secondary" id="logout" onClick=${signOut}>Log out</button>`
          : html`<button type="button" id="login" onClick=${() => setDialog('auth')}>Log in / Sign up</button>`}
      </nav>
    </header>
    <div class="layout">
      <aside class=${historyOpen ? 'sidebar open' : 'sidebar'} onKeyDown=${(e) => { if (e.key === 'Escape') setHistoryOpen(false); }}>
        <button type="button" class="icon drawer-close" aria-label="Close chat history" onClick=${() => setHistoryOpen(false)}>✕</button>
        <${HistoryPanel} chats=${chats} currentId=${chatId} onOpen=${openChat} onNew=${newChat} notify=${notify}
          onChanged=${(deleted) => { loadChats(); if (deleted === chatId) newChat(); }} />
      </aside>
      <main class="chat" id="main">
        ${chatId && html`<div class="chat-tools">
          <button type="button" class="secondary small" id="export-notebook" onClick=${() => exportChat(chatId, 'notebook', notify)}>Export notebook</button>
          <button type="button" class="secondary small" onClick=${() => exportChat(chatId, 'script', notify)}>Export script</button>
        </div>`}
        <div class="turns" ref=${turnsRef}
          onScroll=${(e) => { const el = e.currentTarget; stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80; }}>
          ${turns.length === 0 && html`<section class="welcome" aria-label="Getting started">
            <h2>Ask a question about ${datasetName || 'your data'}</h2>
            <p>You are ${user ? `signed in as ${user.username}` : 'a guest'}: the sample housing dataset is loaded as <code>df</code>.
              Upload your own under <button type="button" class="link" onClick=${() => setDialog('datasets')}>Datasets</button>.</p>
            ${offline && html`<div class="offline-note" id="offline-note">
              <p><strong>No language model is configured, so the offline analyst answers.</strong> It is rule-based, not an LLM:
                it writes real pandas, SciPy, statsmodels, scikit-learn and Plotly code for describe, missing values, summary
                statistics, counts of rows that meet conditions, most common values, distributions, correlations, aggregates per
                group, top N rows, trends over time, outliers, crosstabs, group comparisons with tests, regressions, a classifier
                or clusters. Anything else needs a model:
                set a provider key on the server or add your own in <button type="button" class="link" onClick=${() => setDialog('settings')}>Settings</button>.</p>
            </div>`}
            <ul class="examples" aria-label="Example questions">
              ${OFFLINE_EXAMPLES.map((q) => html`<li><button type="button" class="chip-button" onClick=${() => { setDraft(q); document.getElementById('question')?.focus(); }}>${q}</button></li>`)}
            </ul>
          </section>`}
          ${turns.map((t) => html`<${Turn} key=${t.id} turn=${t} onRate=${rate}
            onOpenCanvas=${(code) => setCanvas({ code, messageId: t.messageId ?? latestMessage })} />`)}
        </div>
        <${Composer} running=${running} onSend=${send} onStop=${() => controller.current?.abort()} agents=${agents}
          draft=${draft} setDraft=${setDraft} />
      </main>
      ${canvas && html`<aside class="canvas-pane" aria-label="Code canvas">
        <h2>Code canvas</h2>
        <${CodeCanvas} key=${canvas.code} code=${canvas.code} messageId=${canvas.messageId} onClose=${() => setCanvas(null)} notify=${notify} />
      </aside>`}
    </div>
    ${dialog === 'datasets' && html`<${Dialog} title="Datasets" wide onClose=${() => setDialog(null)}>
      <${DatasetsPanel} notify=${notify} onChanged=${loadDataset} /></${Dialog}>`}
    ${dialog === 'settings' && settings && html`<${Dialog} title="Model settings" onClose=${() => setDialog(null)}>
      <${SettingsPanel} models=${models} settings=${settings} notify=${notify} onSaved=${() => { loadSettings(); setDialog(null); }} /></${Dialog}>`}
    ${dialog === 'agents' && html`<${Dialog} title="Agents" onClose=${() => setDialog(null)}>
      <${AgentsPanel} userId=${userId} notify=${notify} /></${Dialog}>`}
    ${dialog === 'deep' && html`<${Dialog} title="Deep analysis" wide onClose=${() => setDialog(null)}>
      <${DeepAnalysisPanel} notify=${notify} /></${Dialog}>`}
    ${dialog === 'admin' && html`<${Dialog} title="Admin dashboards" wide onClose=${() => setDialog(null)}>
      <${AdminPanel} notify=${notify} /></${Dialog}>`}
    ${dialog === 'auth' && html`<${Dialog} title="Log in or sign up" onClose=${() => setDialog(null)}>
      <${AuthPanel} onSignedIn=${signedIn} notify=${notify} /></${Dialog}>`}
    <${Toasts} toasts=${toasts} dismiss=${(id) => setToasts((t) => t.filter((x) => x.id !== id))} />
  `;
}

applyTheme(localStorage.getItem(THEME_KEY));
auth.openSession();
render(html`<${App} />`, document.getElementById('app'));
