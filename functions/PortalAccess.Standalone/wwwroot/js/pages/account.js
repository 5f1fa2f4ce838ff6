import { call, catalog, currentPrincipal, refreshPrincipal } from '../api.js';
import { field, h, heading, load, notice, show, takeFlash } from '../dom.js';
import { newPasswordForm } from './auth.js';
import { actionText, label, t } from '../i18n.js';
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

/** The audit trail, newest first: who changed what, when, from where. */
export function auditPage() {
  return load(t('auditTitle'), async () => {
    const when = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'medium' });
    const list = await pagedTable('audit', [t('at'), t('actor'), t('action'), t('target'), t('ip')], entry => [
      h('time', { datetime: entry.at }, when.format(new Date(entry.at))),
      entry.actor?.name ?? entry.actor?.id ?? '',
      actionText(entry.action),
      entry.target?.name ?? entry.target?.id ?? '',
      entry.ip ?? '',
    ], t('auditEmpty'));
    return [heading(t('auditTitle')), list];
  });
}
