// The server's HTTP API as the UI uses it: who is calling (bearer token), which analysis session
// (X-Session-ID), problem+json errors turned into ApiError with the server's `detail`.

const TOKEN_KEY = 'aa.token';
const USER_KEY = 'aa.user';
const sessionKey = (user) => `aa.session.${user ? user.user_id : 'guest'}`;

/** auto_<epoch ms>_<9 base36 chars>: the session id shape the server accepts from clients. */
export function newSessionId() {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  const tail = Array.from(bytes, b => (b % 36).toString(36)).join('');
  return `auto_${Date.now()}_${tail}`;
}

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Identity and session, kept in localStorage so a reload reopens the same session and history. */
export const auth = {
  token: localStorage.getItem(TOKEN_KEY),
  user: JSON.parse(localStorage.getItem(USER_KEY) || 'null'),
  sessionId: null,

  /** A session belongs to one user: each identity keeps its own (a guest's is invisible once signed in). */
  openSession(fresh = false) {
    let id = fresh ? null : localStorage.getItem(sessionKey(this.user));
    if (!id || !/^auto_\d+_[0-9a-z]{9}$/.test(id)) {
      id = newSessionId();
      localStorage.setItem(sessionKey(this.user), id);
    }
    this.sessionId = id;
    return id;
  },

  signIn(tokenResponse) {
    this.token = tokenResponse.token;
    this.user = { user_id: tokenResponse.user_id, username: tokenResponse.username, email: tokenResponse.email };
    localStorage.setItem(TOKEN_KEY, this.token);
    localStorage.setItem(USER_KEY, JSON.stringify(this.user));
    this.openSession();
  },

  signOut() {
    this.token = null;
    this.user = null;
    localStorage.removeItem(TOKEN_KEY);
    localStorage.removeItem(USER_KEY);
    this.openSession();
  },
};

function headers(extra = {}) {
  const h = { 'X-Session-ID': auth.sessionId, Accept: 'application/json', ...extra };
  if (auth.token) h.Authorization = `Bearer ${auth.token}`;
  return h;
}

async function errorOf(response) {
  let detail = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    detail = body.detail || body.message || body.title || detail;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, detail);
}

export async function request(method, path, body, { signal, extraHeaders } = {}) {
  const init = { method, headers: { ...headers(), ...extraHeaders }, signal };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) throw await errorOf(response);
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (path, opts) => request('GET', path, undefined, opts);
export const post = (path, body, opts) => request('POST', path, body ?? {}, opts);
export const put = (path, body) => request('PUT', path, body);
export const del = (path) => request('DELETE', path);

/**
 * POST body to path and hand each NDJSON line to onLine as it arrives. Lines are split on newlines across
 * chunks (a JSON object may arrive in several pieces). Resolves when the stream ends.
 */
export async function streamNdjson(path, body, onLine, signal) {
  const response = await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json', Accept: 'application/x-ndjson' }),
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await errorOf(response);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) onLine(JSON.parse(line));
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) onLine(JSON.parse(buffer));
}

/** POST /chat, streamed: each NDJSON line goes to onLine as it arrives. */
export function streamChat(query, chatId, onLine, signal) {
  const params = chatId ? `?chat_id=${encodeURIComponent(chatId)}&save=true` : '';
  return streamNdjson(`/chat${params}`, { query }, onLine, signal);
}

/** Multipart upload through XMLHttpRequest, the one browser API that reports upload progress. */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(headers())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, (body && (body.detail || body.title)) || `Upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'The upload could not reach the server'));
    xhr.send(form);
  });
}

/** Saves a download from an authenticated route (a plain link could not carry the headers). */
export async function download(path, fallbackName) {
  const response = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  if (!response.ok) throw await errorOf(response);
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const name = match ? match[1] : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
