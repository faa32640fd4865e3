// Turning what the server sends into safe, readable DOM: markdown (sanitised), highlighted Python,
// the executor's text output (sections, pipe tables), Plotly figures and PNG images.
import { Marked } from 'marked';
import DOMPurify from 'dompurify';
import { highlightCode, classHighlighter } from '@lezer/highlight';
import { parser as pythonParser } from '@lezer/python';

const marked = new Marked({ gfm: true, breaks: false });

/** Markdown to HTML that is safe to insert: model output is untrusted text. */
export function markdownHtml(text) {
  const html = marked.parse(text || '');
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
}

/** Python source as HTML spans with CodeMirror's token classes (the same parser the editor uses). */
export function pythonHtml(code) {
  const escape = (s) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
  let html = '';
  highlightCode(code, pythonParser.parse(code), classHighlighter,
    (text, classes) => { html += classes ? `<span class="${classes}">${escape(text)}</span>` : escape(text); },
    () => { html += '\n'; });
  return html;
}

/** An agent's markdown without its fenced code (the code is shown apart, collapsed and highlighted). */
export function summaryOnly(markdown) {
  return (markdown || '')
    .replace(/```python[\s\S]*?```\n?/g, '')
    .replace(/^### Code Implementation\s*$/m, '')
    .replace(/\n{3,}/g, '\n\n');
}

/**
 * The executor's text output as parts: {kind:'heading', agent, error} for `=== OUTPUT FROM X ===` /
 * `=== ERROR IN X ===`, {kind:'table', header, rows, more} for <TABLE_START> pipe rows, {kind:'text'}.
 */
export function outputParts(output) {
  const parts = [];
  const lines = (output || '').split('\n');
  let text = [];
  const flush = () => {
    const t = text.join('\n').replace(/^\n+|\s+$/g, '');
    if (t) parts.push({ kind: 'text', text: t });
    text = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^=== (OUTPUT FROM|ERROR IN) (.+) ===$/.exec(line);
    if (heading) {
      flush();
      parts.push({ kind: 'heading', agent: heading[2].toLowerCase(), error: heading[1] === 'ERROR IN' });
      continue;
    }
    if (line === '<TABLE_START>') {
      flush();
      const rows = [];
      let more = null;
      for (i++; i < lines.length && lines[i] !== '<TABLE_END>'; i++) {
        if (lines[i].startsWith('… (')) more = lines[i];
        else if (lines[i] !== '') rows.push(lines[i].split(' | '));
      }
      const [header = [], ...body] = rows;
      parts.push({ kind: 'table', header, rows: body, more });
      continue;
    }
    text.push(line);
  }
  flush();
  return parts;
}

/** The figure JSON inside a ```plotly fence (how the server sends figures). */
export function plotlyFigure(fenced) {
  const body = fenced.replace(/^```plotly\s*\n/, '').replace(/\n```\s*$/, '');
  return JSON.parse(body);
}

/** The base64 PNG inside a ```matplotlib fence. */
export function pngData(fenced) {
  return fenced.replace(/^```matplotlib\s*\n/, '').replace(/\n?```\s*$/, '').trim();
}

let plotlyLoading = null;

/** plotly.js is big and served as its own file: load it the first time a chart is drawn. */
export function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotlyLoading) {
    plotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = document.body.dataset.plotlySrc;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => { plotlyLoading = null; reject(new Error('plotly.js could not be loaded')); };
      document.head.append(script);
    });
  }
  return plotlyLoading;
}

/** Sort key for a table cell: numbers as numbers, the rest as text. */
export function cellKey(value) {
  const n = Number(value);
  return value !== '' && !Number.isNaN(n) ? n : String(value).toLowerCase();
}
