import { page } from '../api.js';
import { h, showError, table } from '../dom.js';
import { t } from '../i18n.js';

/**
 * A paged list (API.md: `items` and `continuation`): the first page, then "load more" appends the next one.
 * `row` turns an item into its cells; `kind` is an extra class of the table (for its layout).
 */
export async function pagedTable(path, headers, row, emptyText, kind = '') {
  const first = await page(path);
  if (first.items.length === 0) return h('p', { class: 'muted' }, emptyText);
  const body = table(headers, first.items.map(row), { class: `list ${kind}`.trim() });
  const box = h('div', { class: 'messages' });
  const more = h('button', { type: 'button', class: 'secondary' }, t('more'));
  let continuation = first.continuation;
  more.hidden = !continuation;
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      // a page may come back empty with a continuation (table storage may answer so): go on rather than show nothing
      let items = [];
      do {
        const next = await page(path, continuation);
        items = next.items;
        continuation = next.continuation;
      } while (items.length === 0 && continuation);
      const rows = table(headers, items.map(row)).querySelectorAll('tbody tr');
      body.tBodies[0].append(...rows);
      more.hidden = !continuation;
      // focus goes to the first new row (its link, else the row), or to the last one when the last page was empty: never
      // lost with the button that hides
      const target = rows[0] ?? body.tBodies[0].lastElementChild;
      const control = target?.querySelector('a, button');
      if (control) control.focus();
      else if (target) {
        target.tabIndex = -1;
        target.focus();
      }
    } catch (error) {
      showError(box, error, () => more.click());
    } finally {
      more.disabled = false;
    }
  });
  return h('div', {}, body, box, h('div', { class: 'buttons' }, more));
}

/** A set of labelled checkboxes as the seed's table "Berechtigung | Zugriff auf"; `allowed(id)` false = disabled. */
export function checkboxTable(name, entries, checked, allowed, labelOf) {
  return table([t('permission'), t('accessTo')], entries.map(entry => {
    const id = `${name}-${entry.id}`;
    const mayGrant = allowed(entry.id);
    return [
      h('input', {
        type: 'checkbox', id, name, value: entry.id, checked: checked.includes(entry.id), disabled: !mayGrant,
        'aria-describedby': mayGrant ? null : `${id}-why`,
      }),
      h('span', {}, h('label', { for: id }, labelOf(entry)),
        mayGrant ? null : h('span', { class: 'muted', id: `${id}-why` }, ' ', t('notYours'))),
    ];
  }), { class: 'grants' });
}
