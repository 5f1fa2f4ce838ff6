import { catalog, hasArea } from '../api.js';
import { field, h, heading, load, onSubmit, takeFlash } from '../dom.js';
import { label, statusText, t } from '../i18n.js';
import { entryButtons, readEntry, saveEntry } from './entries.js';
import { checkboxTable, pagedTable } from './list.js';

/** "Benutzer:innen verwalten": the customer's users, newest page first, with "+ Benutzer:in hinzufügen". */
export function usersPage() {
  return load(t('usersTitle'), async () => {
    const list = await pagedTable('users', [t('name'), t('email'), t('status'), t('actions')], user => [
      user.name,
      user.email,
      statusText(user.status),
      h('a', { href: `#/users/${encodeURIComponent(user.id)}`, 'aria-label': `${t('edit')}: ${user.name}` }, '⚙ ', t('edit')),
    ], t('usersEmpty'));
    return [
      h('div', { class: 'title-row' }, heading(t('usersTitle')), h('a', { class: 'button', href: '#/users/new' }, t('addUser'))),
      takeFlash(),
      list];
  });
}

/** "Benutzer:in bearbeiten" (or add, without `id`): name, e-mail and the areas as checkboxes. */
export function userPage(id) {
  const title = id ? t('editUser') : t('newUser');
  return load(title, async () => {
    const areas = await catalog('areas');
    const { data: user, etag } = await readEntry(users, id);
    // an area the caller lacks cannot be granted (rule 1 of DESIGN.md); the API refuses it as well
    const grants = checkboxTable('areas', areas, user?.areas ?? [], hasArea, label);
    const box = h('div', { class: 'messages' }, takeFlash());
    const form = h('form', { class: 'card', novalidate: true },
      field('name', t('name'), { required: true, maxlength: 100, autocomplete: 'off', value: user?.name ?? '' }),
      field('email', t('email'), { type: 'email', required: true, maxlength: 254, autocomplete: 'off', value: user?.email ?? '' }),
      h('fieldset', {}, h('legend', { class: 'visually-hidden' }, t('accessTo')), grants),
      box,
      h('div', { class: 'buttons' },
        user ? entryButtons(users, user, box, t('removeUser')) : null,
        h('a', { class: 'button secondary', href: '#/users' }, t('back')),
        h('button', { type: 'submit' }, t('save'))));
    onSubmit(form, box, data => save(id, etag, data));
    return [heading(title), user ? h('p', { class: 'muted' }, statusText(user.status)) : null, form];
  });
}

const users = { api: 'users', route: '#/users', show: id => userPage(id), list: () => usersPage() };

function save(id, etag, data) {
  const body = { name: String(data.get('name')).trim(), email: String(data.get('email')).trim(), areas: data.getAll('areas') };
  return saveEntry(users, id, etag, body);
}
