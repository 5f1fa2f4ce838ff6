import { call, catalog, currentPrincipal, refreshPrincipal } from '../api.js';
import { field, h, heading, load, notice, show, takeFlash } from '../dom.js';
import { newPasswordForm } from './auth.js';
import { actionText, auditFieldText, auditReasonText, label, statusText, t } from '../i18n.js';
import { pagedTable } from './list.js';

/** The overview: exactly the areas (or, for a desk, the features) this principal may use. */
export function homePage() {
  return load(t('homeTitle'), async () => {
    const me = await refreshPrincipal();
    const desk = me.kind === 'pbx-desk' || me.kind === 'sip-desk';
    const entries = await catalog(desk ? 'desk-features' : 'areas');
    const held = desk ? me.features : me.areas;
    const mine = entries.filter(entry => held.includes(entry.id));
    return [
      heading(t('homeTitle')),
      takeFlash(),
      h('p', {}, mine.length ? (desk ? t('homeFeatures') : t('homeIntro')) : t('homeNone')),
      h('ul', { class: 'tiles', 'aria-label': t('homeTitle') },
        mine.map(entry => h('li', { class: 'tile', 'data-area': entry.id }, label(entry))))];
  });
}

/** Own password change (PUT me/password); the API ends the other sessions. */
export function passwordPage() {
  const form = newPasswordForm(currentPrincipal()?.login ?? '', 'newPassword', t('save'), async (data, newPassword, box) => {
    try {
      await call('PUT', 'me/password', { body: { currentPassword: String(data.get('currentPassword')), newPassword } });
    } catch (error) {
      // the API answers a wrong current password with 403: say so at that field
      if (error.status === 403) Object.assign(error, { code: 'validation', errors: { currentPassword: [] } });
      throw error;
    }
    form.reset();
    box.replaceChildren(notice('success', t('passwordChanged')));
  }, field('currentPassword', t('currentPassword'), { type: 'password', autocomplete: 'current-password', required: true }));
  show(heading(t('passwordTitle')), form);
}

/** The audit trail, newest first: who changed what (each field before → after), when, from where. */
export function auditPage() {
  return load(t('auditTitle'), async () => {
    const when = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'medium' });
    // grants are stored as catalog ids: the trail shows their labels, as the edit pages do
    const [areas, features] = await Promise.all([catalog('areas'), catalog('desk-features')]);
    // by field: an id such as "contacts" is both an area and a desk feature, with labels of its own in each
    const labels = { areas: labelsOf(areas), features: labelsOf(features) };
    const value = auditValue(when, labels);
    const list = await pagedTable('audit', [t('at'), t('actor'), t('action'), t('target'), t('changes'), t('ip')], entry => [
      h('time', { datetime: entry.at }, when.format(new Date(entry.at))),
      entry.actor?.name ?? entry.actor?.id ?? '',
      actionText(entry.action),
      entry.target?.name ?? entry.target?.id ?? '',
      changeList(entry.changes, value),
      entry.ip ?? '',
    ], t('auditEmpty'), 'audit');
    return [heading(t('auditTitle')), list];
  });
}

/**
 * An entry's changes as a list, one field a line: "Name: before → after", or only the value when the field had none
 * before (a creation). Every value is text (textContent), whatever it holds.
 */
function changeList(changes, value) {
  const fields = Object.entries(changes ?? {});
  if (fields.length === 0) return '';
  return h('ul', { class: 'changes' }, fields.map(([name, change]) => {
    const before = change?.before ?? null;
    const after = change?.after ?? null;
    return h('li', {}, h('span', { class: 'change-field' }, `${auditFieldText(name)}:`), ' ',
      before === null ? value(name, after) : [value(name, before), ' → ', value(name, after)]);
  }));
}

const labelsOf = catalogEntries => new Map(catalogEntries.map(entry => [entry.id, label(entry)]));

/** How one audit value reads: grants as a list of their labels, states and reasons in words, times in local time. */
function auditValue(when, labels) {
  return (name, value) => {
    if (value === null || value === undefined || value === '') return '—';
    if (Array.isArray(value)) {
      return value.length ? value.map(item => labels[name]?.get(item) ?? String(item)).join(', ') : t('noneChosen');
    }
    if (name === 'status') return statusText(value);
    if (name === 'reason') return auditReasonText(String(value));
    if (name === 'lockedUntil' && !Number.isNaN(Date.parse(value))) return when.format(new Date(value));
    if (typeof value === 'object') return Object.entries(value).map(([key, item]) => `${key}: ${item}`).join(', ');
    return String(value);
  };
}
