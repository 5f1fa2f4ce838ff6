import { fieldProblem, problemText, t } from './i18n.js';

/**
 * Builds an element. Every string child becomes a text node and attributes are set one by one, so names and
 * addresses from the API are always shown as text, never parsed as markup (no innerHTML anywhere in the portal).
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...present(children));
  return element;
}

/** The children to show: optional parts (null, undefined, false) left out, nested lists flattened. */
const present = children => children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false);

/** Replaces the children of `element` with the present ones of `children`. */
export const fill = (element, ...children) => element.replaceChildren(...present(children));

/** Replaces the main area with `children`, moves focus to its heading and names the page in the title. */
export function show(...children) {
  shown += 1;
  const main = document.getElementById('main');
  fill(main, children);
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} – ${t('appName')}` : t('appName');
  (heading ?? main).focus({ preventScroll: false });
}

export const heading = text => h('h1', { tabindex: '-1' }, text);

/** A labelled input; the hint and the field's error are announced with it (aria-describedby). */
export function field(name, labelText, attributes = {}, hint = null) {
  const id = `f-${name}`;
  const hintNode = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const errorNode = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const input = h('input', {
    id, name, ...attributes, 'aria-describedby': [hintNode ? `${id}-hint` : '', `${id}-error`].join(' ').trim(),
  });
  return h('div', { class: 'field' }, h('label', { for: id }, labelText), input, hintNode, errorNode);
}

/** A message box: `status` for success (polite), `alert` for errors. */
export function notice(kind, text, ...actions) {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('p', {}, text), ...actions);
}

/**
 * Shows a failed call in `box`: the problem's sentence, the fields it names (at the field when the form has it, else
 * listed in the message), and a retry button when worth it.
 */
export function showError(box, error, retry) {
  if (!(error instanceof Error && 'code' in error)) {
    // a fault of the page itself: the console keeps the details, the user gets the general sentence
    console.error(error);
  }
  const form = box.closest('form');
  const unplaced = markFields(form, error?.errors ?? {});
  const action = error?.retryable && retry ? h('button', { type: 'button', class: 'secondary', onclick: retry }, t('retry')) : null;
  const list = unplaced.length ? h('ul', { class: 'field-problems' }, unplaced.map(text => h('li', {}, text))) : null;
  box.replaceChildren(notice('error', problemText(error ?? {}), list, action));
}

/** Marks the fields of `form` that `errors` names; answers the sentences of those it has no place for. */
function markFields(form, errors) {
  for (const node of form?.querySelectorAll('.field-error') ?? []) {
    node.hidden = true;
    node.textContent = '';
    node.parentElement.querySelector('input')?.removeAttribute('aria-invalid');
  }
  const unplaced = [];
  for (const name of Object.keys(errors)) {
    const input = form?.querySelector(`[name="${CSS.escape(name)}"]`);
    const node = input && form.querySelector(`#f-${CSS.escape(name)}-error`);
    const text = fieldProblem(name, fieldLabel(form, input) ?? name, form?.dataset.form ?? '');
    if (!node) {
      unplaced.push(text);
      continue;
    }
    input.setAttribute('aria-invalid', 'true');
    node.textContent = text;
    node.hidden = false;
  }
  return unplaced;
}

/** What the page calls `input`: its label, or the legend of the group it is in (a list of checkboxes). */
function fieldLabel(form, input) {
  if (!input) return null;
  const group = input.type === 'checkbox' ? input.closest('fieldset')?.querySelector('legend') : null;
  const text = (group ?? form.querySelector(`label[for="${CSS.escape(input.id)}"]`))?.textContent.trim();
  return text || null;
}

/** Runs `work` for a submitted form: disables it meanwhile, shows failures in its message box. */
export function onSubmit(form, box, work) {
  const run = async () => {
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    box.replaceChildren();
    try {
      await work(new FormData(form));
    } catch (error) {
      showError(box, error, run);
    } finally {
      button.disabled = false;
    }
  };
  form.addEventListener('submit', event => {
    event.preventDefault();
    run();
  });
}

// every page shown counts; a page whose data arrives after another page was shown (the user moved on) is dropped
let shown = 0;

/** Loads a page's data, showing a loading line, then the page `work` answers, or the failure with a retry button. */
export async function load(title, work) {
  show(heading(title), h('p', { class: 'muted', role: 'status' }, t('loading')));
  const ticket = shown;
  try {
    const children = await work();
    if (ticket === shown) show(children);
  } catch (error) {
    if (ticket !== shown) return;
    const box = h('div');
    show(heading(title), box);
    showError(box, error, () => load(title, work));
  }
}

/** A yes/no question in a modal dialog; resolves true on yes. Escape and Cancel say no. */
export function confirmDialog(question, yes) {
  return new Promise(resolve => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-text' },
      h('p', { id: 'confirm-text' }, question),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'secondary', value: 'no', onclick: () => dialog.close('no') }, t('cancel')),
        h('button', { type: 'button', class: 'danger', value: 'yes', onclick: () => dialog.close('yes') }, yes)));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'yes');
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector('button.secondary').focus();
  });
}

/** A table with a caption-less header row; `rows` are arrays of cells (strings or nodes). */
export function table(headers, rows, attributes = {}) {
  return h('table', attributes,
    h('thead', {}, h('tr', {}, headers.map(text => h('th', { scope: 'col' }, text)))),
    h('tbody', {}, rows.map(cells => h('tr', {}, cells.map(cell => h('td', {}, cell))))));
}

let flashed = null;

/** A message for the next page shown (after a save that moves on, e.g. "Angelegt."); `kind` as in notice. */
export function flash(kind, text) {
  flashed = { kind, text };
}

/** The flashed message as a notice, once. */
export function takeFlash() {
  const message = flashed;
  flashed = null;
  return message ? notice(message.kind, message.text) : null;
}

/** Goes to `hash`; when it is the current one already, `render` shows it again (no hashchange would fire). */
export function go(hash, render) {
  if (location.hash === hash) return render();
  location.hash = hash;
  return undefined;
}
