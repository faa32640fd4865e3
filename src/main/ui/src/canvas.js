// The code canvas: edit a turn's code with CodeMirror and re-run it in the session's kernel
// (its variables persist, like a notebook's), or ask the model to fix or edit it.
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { post } from './api.js';
import { Outputs } from './chat.js';

export function CodeEditor({ initial, onChange, onRun }) {
  const host = useRef(null);
  const view = useRef(null);
  useEffect(() => {
    view.current = new EditorView({
      doc: initial,
      parent: host.current,
      extensions: [
        basicSetup,
        python(),
        EditorView.lineWrapping,
        // Tab indents in the editor; Escape then Tab leaves it (CodeMirror's documented escape hatch).
        keymap.of([indentWithTab, { key: 'Mod-Enter', run: () => { onRun(); return true; } }]),
        EditorView.contentAttributes.of({ 'aria-label': 'Code editor' }),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
      ],
    });
    return () => view.current.destroy();
  }, []);
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== initial) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: initial } });
    }
  }, [initial]);
  return html`<div class="editor" ref=${host}></div>`;
}

export function CodeCanvas({ code: initialCode, messageId, onClose, notify }) {
  const [code, setCode] = useState(initialCode);
  const [doc, setDoc] = useState(initialCode); // what the editor shows when replaced from outside
  const [result, setResult] = useState(null);
  const [busy, setBusy] = useState(null);
  const [instruction, setInstruction] = useState('');
  const latest = useRef(code);
  latest.current = code;

  const run = async () => {
    setBusy('run');
    try {
      setResult(await post('/code/execute', { code: latest.current, message_id: messageId ?? null }));
    } catch (e) {
      notify(e.message, 'error');
    } finally {
      setBusy(null);
    }
  };
  const replace = (next) => { setCode(next); setDoc(next); };
  const fix = async () => {
    const error = result && !result.is_successful
      ? Object.values(result.error_messages || {}).join('\n\n') || result.output : null;
    if (!error) { notify('Run the code first: there is no error to fix', 'info'); return; }
    setBusy('fix');
    try {
      const answer = await post('/code/fix', { code: latest.current, error });
      if (answer.fixed_code) replace(answer.fixed_code);
      notify(answer.error || 'The model proposed a fix: run it to check', answer.error ? 'error' : 'info');
    } catch (e) {
      notify(e.message, 'error');
    } finally {
      setBusy(null);
    }
  };
  const edit = async (e) => {
    e.preventDefault();
    if (!instruction.trim()) return;
    setBusy('edit');
    try {
      const answer = await post('/code/edit', { original_code: latest.current, user_prompt: instruction.trim() });
      if (answer.edited_code) replace(answer.edited_code.trim() + '\n');
      notify(answer.error || 'Edited: run it to see the result', answer.error ? 'error' : 'info');
    } catch (err) {
      notify(err.message, 'error');
    } finally {
      setBusy(null);
    }
  };

  return html`<div class="canvas">
    <div class="canvas-toolbar">
      <button type="button" onClick=${run} disabled=${busy !== null} title="Ctrl+Enter">${busy === 'run' ? 'Running…' : 'Run'}</button>
      <button type="button" class="secondary" onClick=${fix} disabled=${busy !== null}>${busy === 'fix' ? 'Fixing…' : 'Ask the model to fix'}</button>
      <button type="button" class="secondary" onClick=${onClose}>Close</button>
    </div>
    <${CodeEditor} initial=${doc} onChange=${setCode} onRun=${run} />
    <form class="canvas-edit" onSubmit=${edit}>
      <label for="edit-instruction">Ask the model to change the code</label>
      <div class="row">
        <input id="edit-instruction" value=${instruction} onInput=${(e) => setInstruction(e.currentTarget.value)}
          placeholder="e.g. use a box plot instead" />
        <button type="submit" class="secondary" disabled=${busy !== null || !instruction.trim()}>${busy === 'edit' ? 'Editing…' : 'Edit'}</button>
      </div>
    </form>
    ${result && html`<section class="canvas-result" aria-label="Run result">
      <p class=${result.is_successful ? 'ok' : 'error'} role="status">${result.is_successful ? 'Ran without errors' : 'The code failed'}</p>
      <${Outputs} output=${result.output} plotly=${result.plotly_outputs} images=${result.matplotlib_outputs} />
    </section>`}
  </div>`;
}
