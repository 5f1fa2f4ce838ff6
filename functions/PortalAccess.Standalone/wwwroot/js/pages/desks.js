import { catalog } from '../api.js';
import { field, h, heading, load, onSubmit, takeFlash } from '../dom.js';
import { label, statusText, t } from '../i18n.js';
import { entryButtons, readEntry, saveEntry } from './entries.js';
import { checkboxTable, pagedTable } from './list.js';

const kindText = desk =>
  desk.kind === 'sip-desk' ? t('kindSip') : desk.source === 'webrtc-device' ? t('kindWebrtc') : t('kindPbx');

// desks made by the telephony system (SIP accounts, WebRTC devices) follow it; only manual PBX desks are edited here
const editable = desk => desk.kind === 'pbx-desk' && desk.source === 'manual';

/** The OfficeDesks of the customer: PBX desks added here, desks of WebRTC devices and of SIP accounts. */
export function desksPage() {
  return load(t('desksTitle'), async () => {
    const list = await pagedTable('officedesks', [t('name'), t('deskKind'), `${t('extension')} / ${t('number')}`, t('status'), t('actions')], desk => [
      desk.name,
      kindText(desk),
      desk.extension ?? desk.number ?? '',
      statusText(desk.status),
      h('a', { href: `#/desks/${encodeURIComponent(desk.id)}`, 'aria-label': `${editable(desk) ? t('edit') : t('show')}: ${desk.name}` },
        editable(desk) ? t('edit') : t('show')),
    ], t('desksEmpty'));
    return [
      h('div', { class: 'title-row' }, heading(t('desksTitle')), h('a', { class: 'button', href: '#/desks/new' }, t('addDesk'))),
      h('p', {}, t('desksIntro')),
      takeFlash(),
      list];
  });
}

/** Add or edit a PBX desk (name, e-mail, extension, features); other desks are shown read-only. */
export function deskPage(id) {
  const title = id ? t('editDesk') : t('newDesk');
  return load(title, async () => {
    const features = await catalog('desk-features');
    const { data: desk, etag } = await readEntry(desks, id);
    const readOnly = desk !== null && !editable(desk);
    const box = h('div', { class: 'messages' }, takeFlash());
    const form = h('form', { class: 'card', novalidate: true },
      h('fieldset', { disabled: readOnly },
        h('legend', { class: 'visually-hidden' }, title),
        field('name', t('name'), { required: true, maxlength: 100, autocomplete: 'off', value: desk?.name ?? '' }),
        desk?.kind === 'sip-desk'
          ? field('number', t('number'), { value: desk.number ?? '', readonly: true })
          : [field('email', t('email'), { type: 'email', required: true, autocomplete: 'off', value: desk?.email ?? '' }),
            field('extension', t('extension'), { required: true, inputmode: 'numeric', autocomplete: 'off', value: desk?.extension ?? '' })],
        h('fieldset', {}, h('legend', { class: 'visually-hidden' }, t('features')), checkboxTable('features', features, desk?.features ?? [], () => !readOnly, label))),
      box,
      h('div', { class: 'buttons' },
        desk && !readOnly ? entryButtons(desks, desk, box, t('removeDesk')) : null,
        h('a', { class: 'button secondary', href: '#/desks' }, t('back')),
        readOnly ? null : h('button', { type: 'submit' }, t('save'))));
    if (!readOnly) onSubmit(form, box, data => save(id, etag, data));
    return [heading(readOnly ? kindText(desk) : title), readOnly ? h('p', { class: 'notice notice-info' }, t('readOnlyDesk')) : null, form];
  });
}

const desks = { api: 'officedesks', route: '#/desks', show: id => deskPage(id), list: () => desksPage() };

function save(id, etag, data) {
  const body = {
    name: String(data.get('name')).trim(), email: String(data.get('email')).trim(),
    extension: String(data.get('extension')).trim(), features: data.getAll('features'),
  };
  return saveEntry(desks, id, etag, body);
}
