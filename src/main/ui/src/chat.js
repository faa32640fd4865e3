// The chat: one turn per question, each agent's line shown as it arrives, then the code's outputs.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  cellKey, loadPlotly, markdownHtml, outputParts, plotlyFigure, pngData, pythonHtml, summaryOnly,
} from './render.js';

const label = (agent) => agent.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

/** Agent markdown starts with its own `## Name` heading; the line shows the name already. */
const withoutTitle = (markdown) => (markdown || '').replace(/^## [^\n]*\n+/, '');

export function Markdown({ text, className = 'markdown' }) {
  return html`<div class=${className} dangerouslySetInnerHTML=${{ __html: markdownHtml(text) }}></div>`;
}

export function CodeView({ code }) {
  return html`<pre class="code"><code dangerouslySetInnerHTML=${{ __html: pythonHtml(code) }}></code></pre>`;
}

/** Code collapsed by default: the summary is what most readers want first. */
function CodeBlock({ code, title, onOpenCanvas }) {
  return html`<details class="code-block">
    <summary>${title}</summary>
    <${CodeView} code=${code} />
    ${onOpenCanvas && html`<button type="button" class="secondary small" onClick=${() => onOpenCanvas(code)}>Edit and re-run</button>`}
  </details>`;
}

export function SortableTable({ header, rows, caption }) {
  const [sort, setSort] = useState({ column: -1, ascending: true });
  const sorted = sort.column < 0 ? rows : [...rows].sort((a, b) => {
    const x = cellKey(a[sort.column] ?? ''), y = cellKey(b[sort.column] ?? '');
    const order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === 'number' ? -1 : 1);
    return sort.ascending ? order : -order;
  });
  const toggle = (i) => setSort((s) => ({ column: i, ascending: s.column === i ? !s.ascending : true }));
  return html`<div class="table-wrap"><table class="data">
    ${caption && html`<caption>${caption}</caption>`}
    <thead><tr>${header.map((h, i) => html`<th scope="col" aria-sort=${sort.column === i ? (sort.ascending ? 'ascending' : 'descending') : 'none'}>
      <button type="button" class="sort" onClick=${() => toggle(i)} aria-label=${`Sort by ${h || 'index'}`}>${h}${sort.column === i ? (sort.ascending ? ' ▲' : ' ▼') : ''}</button></th>`)}</tr></thead>
    <tbody>${sorted.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

export function PlotlyChart({ figure }) {
  const ref = useRef(null);
  const [failed, setFailed] = useState(null);
  useEffect(() => {
    let cancelled = false;
    const el = ref.current;
    loadPlotly().then((Plotly) => {
      if (cancelled) return;
      const layout = { ...(figure.layout || {}), autosize: true };
      return Plotly.newPlot(el, figure.data || [], layout, { responsive: true, displaylogo: false });
    }).catch((e) => setFailed(e.message));
    return () => {
      cancelled = true;
      if (window.Plotly && el) window.Plotly.purge(el);
    };
  }, [figure]);
  const title = figure.layout?.title?.text || figure.layout?.title || 'Chart';
  return html`<figure class="chart">
    <div ref=${ref} class="plotly-host" role="img" aria-label=${typeof title === 'string' ? title : 'Chart'}></div>
    ${failed && html`<p class="error">${failed}</p>`}
  </figure>`;
}

/** What code printed and drew: sections per agent, tables, charts and images. */
export function Outputs({ output, plotly = [], images = [] }) {
  const figures = [];
  for (const p of plotly || []) {
    try { figures.push(plotlyFigure(p)); } catch { /* a malformed figure is skipped, its text stays */ }
  }
  return html`<div class="outputs">
    ${outputParts(output).map((part) => {
      if (part.kind === 'heading') {
        const who = /^unknown[ _]agent$/.test(part.agent) ? 'your code' : label(part.agent);
        return html`<h4 class=${part.error ? 'output-heading error' : 'output-heading'}>${part.error ? 'Error in ' : 'Output of '}${who}</h4>`;
      }
      if (part.kind === 'table') {
        return html`<${SortableTable} header=${part.header} rows=${part.rows} caption=${part.more} />`;
      }
      return html`<pre class="stdout">${part.text}</pre>`;
    })}
    ${figures.map((f) => html`<${PlotlyChart} figure=${f} />`)}
    ${(images || []).map((img, i) => html`<img class="figure" alt=${`Figure ${i + 1}`} src=${`data:image/png;base64,${pngData(img)}`} />`)}
  </div>`;
}

function Stars({ value, onRate }) {
  return html`<div class="rating" role="group" aria-label="Rate this answer">
    ${[1, 2, 3, 4, 5].map((n) => html`<button type="button" class=${n <= (value || 0) ? 'star on' : 'star'}
        aria-label=${`${n} star${n > 1 ? 's' : ''}`} aria-pressed=${n === value} onClick=${() => onRate(n)}>★</button>`)}
  </div>`;
}

/** One line of the stream. */
function Line({ line, onOpenCanvas }) {
  const status = line.status === 'error' ? 'error' : '';
  switch (line.agent) {
    case 'turn_complete':
      return line.content ? html`<div class="line error"><${Markdown} text=${line.content} /></div>` : null;
    case 'code_execution':
      return html`<section class=${`line execution ${status}`} aria-label="Code output">
        ${line.content?.startsWith('**Error**') ? html`<${Markdown} text=${line.content} />`
          : html`<${Outputs} output=${line.content} plotly=${line.plotly_outputs} images=${line.matplotlib_outputs} />`}
      </section>`;
    case 'code_fix':
      return html`<section class=${`line fix ${status}`} aria-label="Fix attempt">
        <strong>Fix attempt ${line.attempt ?? ''}</strong> <${Markdown} text=${line.content} />
        ${line.code && html`<${CodeBlock} code=${line.code} title="Fixed code" onOpenCanvas=${onOpenCanvas} />`}
      </section>`;
    default:
      return html`<section class=${`line agent ${status}`} aria-label=${label(line.agent)}>
        <div class="agent-name">${label(line.agent)}${line.model && html` <span class="chip">${line.model}</span>`}</div>
        <${Markdown} text=${withoutTitle(line.code ? summaryOnly(line.content) : line.content)} />
        ${line.code && html`<${CodeBlock} code=${line.code} title=${`Code (${label(line.agent)})`} onOpenCanvas=${onOpenCanvas} />`}
      </section>`;
  }
}

export function Turn({ turn, onOpenCanvas, onRate }) {
  const running = turn.state === 'running';
  const code = turn.code || turn.lines.filter((l) => l.code && l.agent !== 'code_fix').map((l) =>
    `# ${l.agent} code start\n${l.code}\n# ${l.agent} code end`).join('\n\n');
  return html`<article class="turn" aria-busy=${running}>
    <div class="question"><span class="sr-only">You asked: </span>${turn.query}</div>
    <div class="answer" aria-live="polite">
      ${turn.lines.map((line) => html`<${Line} line=${line} onOpenCanvas=${onOpenCanvas} />`)}
      ${turn.markdown && html`<section class="line agent"><${Markdown} text=${summaryOnly(turn.markdown)} /></section>`}
      ${turn.markdown && turn.code && html`<${CodeBlock} code=${turn.code} title="Code" onOpenCanvas=${onOpenCanvas} />`}
      ${turn.outputs && html`<section class="line execution"><${Outputs} output=${turn.outputs.output}
          plotly=${turn.outputs.plotly_outputs} images=${turn.outputs.matplotlib_outputs} /></section>`}
      ${running && html`<div class="thinking" role="status">Working<span class="dots"></span></div>`}
      ${turn.state === 'stopped' && html`<div class="note" role="status">Stopped.</div>`}
      ${turn.error && html`<div class="line error" role="alert">${turn.error}</div>`}
      <footer class="turn-footer">
        ${turn.elapsed != null && html`<span class="muted">${(turn.elapsed / 1000).toFixed(1)} s</span>`}
        ${!running && code && !turn.markdown && html`<button type="button" class="secondary small" onClick=${() => onOpenCanvas(code)}>Open code in canvas</button>`}
        ${turn.messageId && html`<${Stars} value=${turn.rating} onRate=${(n) => onRate(turn, n)} />`}
      </footer>
    </div>
  </article>`;
}

/** The question box: Enter sends, Shift+Enter adds a line, @ opens the agent list. */
export function Composer({ running, onSend, onStop, agents, draft, setDraft }) {
  const ref = useRef(null);
  const [mention, setMention] = useState(null); // {start, query, index}
  useEffect(() => { ref.current?.focus(); }, []);
  useEffect(() => { if (!running) ref.current?.focus(); }, [running]);

  const matches = mention ? agents.filter((a) => a.startsWith(mention.query)).slice(0, 8) : [];
  const updateMention = (el) => {
    const upto = el.value.slice(0, el.selectionStart);
    const m = /(^|\s)@([\w]*)$/.exec(upto);
    setMention(m ? { start: upto.length - m[2].length - 1, query: m[2], index: 0 } : null);
  };
  const choose = (name) => {
    const el = ref.current;
    const before = draft.slice(0, mention.start);
    const after = draft.slice(el.selectionStart);
    const next = `${before}@${name} ${after}`;
    setDraft(next);
    setMention(null);
    requestAnimationFrame(() => { el.focus(); el.selectionStart = el.selectionEnd = before.length + name.length + 2; });
  };
  const onKeyDown = (e) => {
    if (matches.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setMention({ ...mention, index: (mention.index + step + matches.length) % matches.length });
        return;
      }
      if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); choose(matches[mention.index]); return; }
      if (e.key === 'Escape') { setMention(null); return; }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (!running && draft.trim()) onSend(draft.trim());
    }
  };
  return html`<form class="composer" onSubmit=${(e) => { e.preventDefault(); if (!running && draft.trim()) onSend(draft.trim()); }}>
    <label for="question" class="sr-only">Ask a question about your data</label>
    <textarea id="question" ref=${ref} rows="2" value=${draft} placeholder="Ask a question about your data (Enter sends, Shift+Enter adds a line, @ names an agent)"
      aria-autocomplete="list" aria-controls="mentions" aria-expanded=${matches.length > 0}
      aria-activedescendant=${matches.length ? `mention-${mention.index}` : undefined}
      onInput=${(e) => { setDraft(e.currentTarget.value); updateMention(e.currentTarget); }}
      onKeyDown=${onKeyDown}></textarea>
    ${matches.length > 0 && html`<ul id="mentions" class="mentions" role="listbox" aria-label="Agents">
      ${matches.map((a, i) => html`<li id=${`mention-${i}`} role="option" aria-selected=${i === mention.index}
          onMouseDown=${(e) => { e.preventDefault(); choose(a); }}>@${a}</li>`)}
    </ul>`}
    ${running
      ? html`<button type="button" class="danger" onClick=${onStop}>Stop</button>`
      : html`<button type="submit" disabled=${!draft.trim()}>Send</button>`}
  </form>`;
}
