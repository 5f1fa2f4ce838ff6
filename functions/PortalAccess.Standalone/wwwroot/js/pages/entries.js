import { call } from '../api.js';
import { confirmDialog, flash, go, h, notice, showError } from '../dom.js';
import { t } from '../i18n.js';

/**
 * Saving, removing and re-inviting one entry of a managed list, the same for users and OfficeDesks. `kind` names the
 * API collection (`api`), the hash route of the list (`route`) and how to show one entry (`show(id)`) and the list.
 */
export async function saveEntry(kind, id, etag, body) {
  try {
    if (!id) {
      const { data: created } = await call('POST', kind.api, { body });
      flash('success', t('created'));
      go(`${kind.route}/${encodeURIComponent(created.id)}`);
      return;
    }
    await call('PUT', `${kind.api}/${encodeURIComponent(id)}`, { body, etag });
    flash('success', t('saved'));
  } catch (error) {
    // changed by someone else since it was read: show the current state instead of overwriting it
    if (error.status !== 412) throw error;
    flash('error', t('reloaded'));
  }
  await kind.show(id);
}

/** The entry `id` of `kind` with its ETag (sent back as If-Match when saving), or none for a new one. */
export const readEntry = (kind, id) =>
  id ? call('GET', `${kind.api}/${encodeURIComponent(id)}`) : Promise.resolve({ data: null, etag: null });

/** The remove button (after a confirmation) and, while the entry is invited, the resend-invitation button. */
export function entryButtons(kind, entry, box, removeText) {
  return [
    h('button', { type: 'button', class: 'danger', onclick: () => remove(kind, entry, box) }, removeText),
    entry.status === 'invited' ? h('button', { type: 'button', class: 'secondary', onclick: () => resend(kind, entry, box) }, t('resend')) : null,
  ];
}

async function remove(kind, entry, box) {
  if (!(await confirmDialog(t('confirmRemove', { name: entry.name }), t('confirmDelete')))) return;
  try {
    await call('DELETE', `${kind.api}/${encodeURIComponent(entry.id)}`);
    flash('success', t('removed'));
    go(kind.route, kind.list);
  } catch (error) {
    showError(box, error, () => remove(kind, entry, box));
  }
}

async function resend(kind, entry, box) {
  try {
    await call('POST', `${kind.api}/${encodeURIComponent(entry.id)}/activation-mail`);
    box.replaceChildren(notice('success', t('resent')));
  } catch (error) {
    showError(box, error, () => resend(kind, entry, box));
  }
}
