// An entry opened: its raw JSON (as export writes it, pretty-printed) in a modal dialog, as text.
import { sanitizeLine } from '../../text/sanitize.js';
import { el } from './dom.js';

export interface EntryDetail {
  readonly element: HTMLDialogElement;
  show(record: Record<string, unknown>, title: string): void;
}

export function createEntryDetail(): EntryDetail {
  const heading = el('h2', { attrs: { id: 'entry-detail-title' } });
  const pre = el('pre', { className: 'raw-json', attrs: { id: 'entry-json' } });
  const close = el('button', { attrs: { type: 'button', id: 'entry-detail-close' } }, 'Close');
  const dialog = el('dialog', { attrs: { id: 'entry-detail', 'aria-labelledby': 'entry-detail-title' } }, el('div', { className: 'dialog-head' }, heading, close), pre);
  close.addEventListener('click', () => dialog.close());
  // A click on the backdrop (the dialog box itself, outside its content) closes it too.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  return {
    element: dialog,
    show(record, title) {
      heading.textContent = title;
      // Newlines of the layout stay; control and bidi characters are escapes, as on a terminal.
      pre.textContent = sanitizeLine(JSON.stringify(record, null, 2), true);
      dialog.showModal();
      close.focus();
    },
  };
}
