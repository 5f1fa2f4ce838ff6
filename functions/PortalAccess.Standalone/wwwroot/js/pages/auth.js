import { call, signIn } from '../api.js';
import { field, h, heading, notice, onSubmit, show, showError, takeFlash } from '../dom.js';
import { t } from '../i18n.js';

/** Sign-in with customer number, e-mail or phone number and password; `done` gets the principal. */
export function signInPage(done, { login = '', message = null } = {}) {
  const box = h('div', { class: 'messages' }, message ? notice('success', message) : takeFlash());
  const form = h('form', { class: 'card narrow', novalidate: true, 'data-form': 'signIn' },
    field('login', t('login'), { autocomplete: 'username', required: true, value: login }),
    field('password', t('password'), { type: 'password', autocomplete: 'current-password', required: true }),
    box,
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('signIn'))),
    h('p', {}, h('a', { href: '#/forgot' }, t('forgot'))));
  onSubmit(form, box, async data => done(await signIn(String(data.get('login')).trim(), String(data.get('password')))));
  show(heading(t('signInTitle')), h('p', {}, t('signInIntro')), form);
  if (login) form.elements.password.focus();
}

/** The "request a new link" form (POST auth/password-reset; always 202, so it never tells whether a login exists). */
export function resetRequestPage({ login = '', expired = false } = {}) {
  const box = h('div', { class: 'messages' });
  const form = h('form', { class: 'card narrow', novalidate: true },
    field('login', t('login'), { autocomplete: 'username', required: true, value: login }),
    box,
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('resetSend'))));
  onSubmit(form, box, async data => {
    await call('POST', 'auth/password-reset', { body: { login: String(data.get('login')).trim() }, auth: false });
    box.replaceChildren(notice('success', t('resetSent')));
  });
  show(
    heading(expired ? t('linkExpiredTitle') : t('resetTitle')),
    expired ? notice('error', t('linkExpiredText')) : null,
    expired ? h('h2', {}, t('requestNew')) : null,
    h('p', {}, t('resetIntro')),
    h('p', { class: 'muted' }, t('resetInvited')),
    form,
    h('p', {}, h('a', { href: '#/' }, t('toSignIn'))));
}

/**
 * The page the mail links open: /activate#token=… (set the first password) and /reset-password#token=… (set a new
 * one). The link is checked first; an unusable one leads to the request form instead of a dead end.
 */
export async function linkPage(kind, token, signedIn) {
  if (!token) {
    show(heading(t('setPasswordTitle')), notice('error', t('noToken')), h('p', {}, h('a', { href: '#/forgot' }, t('requestNew'))));
    return;
  }
  show(heading(t('setPasswordTitle')), h('p', { class: 'muted', role: 'status' }, t('checkingLink')));
  const check = kind === 'reset' ? 'auth/password-reset/check' : 'auth/activation/check';
  let info;
  try {
    info = (await call('POST', check, { body: { token }, auth: false })).data;
  } catch (error) {
    if (error.status === 410 || error.status === 400) {
      resetRequestPage({ expired: true });
      return;
    }
    const box = h('div');
    show(heading(t('setPasswordTitle')), box);
    showError(box, error, () => linkPage(kind, token, signedIn));
    return;
  }
  setPasswordForm(kind, token, info, signedIn);
}

/**
 * A form that sets a new password (typed twice) for `login`, with the fields of `before` first; `submit` gets the
 * form data and the new password once both agree.
 */
export function newPasswordForm(login, name, buttonText, submit, ...before) {
  const box = h('div', { class: 'messages' });
  const form = h('form', { class: 'card narrow', novalidate: true },
    // the login as a (hidden) username field lets password managers store the new password under it
    h('input', { type: 'hidden', name: 'username', autocomplete: 'username', value: login }),
    before,
    field(name, t('newPassword'), { type: 'password', autocomplete: 'new-password', required: true, minlength: 12, maxlength: 128 }, t('passwordHint')),
    field('repeat', t('repeatPassword'), { type: 'password', autocomplete: 'new-password', required: true }),
    box,
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, buttonText)));
  onSubmit(form, box, data => {
    const password = String(data.get(name));
    if (password !== String(data.get('repeat'))) {
      throw Object.assign(new Error('differ'), { code: 'validation', errors: { repeat: [] } });
    }
    return submit(data, password, box);
  });
  return form;
}

/** `info` (name, login) as the link check answered it; null for a reset link, which cannot be checked first. */
function setPasswordForm(kind, token, info, signedIn) {
  const login = info?.login ?? '';
  const form = newPasswordForm(login, 'password', t('setPasswordTitle'), async (_, password) => {
    const route = kind === 'reset' ? 'auth/password-reset/confirm' : 'auth/activation';
    try {
      await call('POST', route, { body: { token, password }, auth: false });
    } catch (error) {
      if (error.status === 410) {
        resetRequestPage({ login, expired: true });
        return;
      }
      throw error;
    }
    signedIn({ login, message: info ? t('passwordSet', { login }) : t('passwordReset') });
  });
  const intro = info ? t('setPasswordIntro', { name: info.name, login }) : t('resetPasswordIntro');
  show(heading(t('setPasswordTitle')), h('p', {}, intro), form);
}
