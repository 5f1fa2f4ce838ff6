import { currentPrincipal, hasArea, onSessionEnded, resume, signOut } from './api.js';
import { fill, flash, h, heading, notice, show } from './dom.js';
import { lang, setLang, t } from './i18n.js';
import { auditPage, homePage, passwordPage } from './pages/account.js';
import { linkPage, resetRequestPage, signInPage } from './pages/auth.js';
import { deskPage, desksPage } from './pages/desks.js';
import { userPage, usersPage } from './pages/users.js';

// signed-in pages by hash route; `area` is what the principal needs to see them (GET me: kind + areas)
const routes = [
  { pattern: /^#\/?$/, page: () => homePage() },
  { pattern: /^#\/users$/, area: 'user-management', page: () => usersPage() },
  { pattern: /^#\/users\/new$/, area: 'user-management', page: () => userPage(null) },
  { pattern: /^#\/users\/([^/]+)$/, area: 'user-management', page: id => userPage(decodeURIComponent(id)) },
  { pattern: /^#\/desks$/, area: 'cloud-pbx', page: () => desksPage() },
  { pattern: /^#\/desks\/new$/, area: 'cloud-pbx', page: () => deskPage(null) },
  { pattern: /^#\/desks\/([^/]+)$/, area: 'cloud-pbx', page: id => deskPage(decodeURIComponent(id)) },
  { pattern: /^#\/audit$/, area: 'user-management', page: () => auditPage() },
  { pattern: /^#\/password$/, page: () => passwordPage() },
];

const nav = [
  { hash: '#/', text: 'navHome' },
  { hash: '#/users', text: 'navUsers', area: 'user-management' },
  { hash: '#/desks', text: 'navDesks', area: 'cloud-pbx' },
  { hash: '#/audit', text: 'navAudit', area: 'user-management' },
  { hash: '#/password', text: 'navPassword' },
];

// the mail links: /activate#token=… and /reset-password#token=…
const linkKind = { '/activate': 'activation', '/reset-password': 'reset' }[location.pathname.replace(/\/$/, '')];
let linkToken = null;
if (linkKind) {
  linkToken = new URLSearchParams(location.hash.slice(1)).get('token');
  // the token is a secret: keep it out of the address bar and the history once it is read
  history.replaceState(null, '', `/${location.pathname.split('/')[1]}`);
}

/** The header: language switch, and for a signed-in principal the navigation it may use and sign-out. */
function renderHeader() {
  const me = currentPrincipal();
  const links = me ? nav.filter(item => !item.area || hasArea(item.area)) : [];
  const current = location.hash || '#/';
  fill(document.getElementById('nav'), links.map(item => h('a', {
    href: item.hash, 'aria-current': current === item.hash || (item.hash !== '#/' && current.startsWith(`${item.hash}/`)) ? 'page' : null,
  }, t(item.text))));
  fill(document.getElementById('account'),
    h('div', { class: 'lang', role: 'group', 'aria-label': t('language') },
      ['de', 'en'].map(code => h('button', {
        type: 'button', class: 'link', lang: code, 'aria-pressed': String(lang() === code), onclick: () => switchLanguage(code),
      }, code.toUpperCase()))),
    me ? h('span', { class: 'who' }, `${t('signedInAs')} `, h('strong', {}, me.name)) : null,
    me ? h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: leave }, t('signOut')) : null);
  document.getElementById('nav').setAttribute('aria-label', t('mainMenu'));
  document.querySelector('.skip').textContent = t('skip');
  document.querySelector('.brand').textContent = t('appName');
}

function switchLanguage(code) {
  setLang(code);
  render();
}

async function leave() {
  await signOut();
  location.hash = '#/';
  render();
}

let linkShown = false;

/** Shows the page for the current address. */
async function render() {
  renderHeader();
  if (linkKind && !linkShown) {
    linkShown = true;
    await linkPage(linkKind, linkToken, ({ login, message }) => {
      history.replaceState(null, '', '/#/');
      signInPage(() => render(), { login, message });
    });
    return;
  }
  if (location.hash === '#/forgot') {
    resetRequestPage();
    return;
  }
  if (!currentPrincipal()) {
    signInPage(() => render());
    return;
  }
  const route = routes.find(r => r.pattern.test(location.hash || '#/'));
  if (!route) {
    show(heading(t('notFoundPage')), h('p', {}, h('a', { href: '#/' }, t('navHome'))));
  } else if (route.area && !hasArea(route.area)) {
    show(heading(t('notAllowedPage')), notice('error', t('notAllowedPage')));
  } else {
    await route.page(...(location.hash.match(route.pattern)?.slice(1) ?? []));
  }
  renderHeader();
}

window.addEventListener('hashchange', () => render());
// the skip link moves focus without touching the hash, which the router reads
document.querySelector('.skip').addEventListener('click', event => {
  event.preventDefault();
  document.getElementById('main').focus();
});
// a session the server ended (signed out elsewhere, password changed, rights changed) goes back to the sign-in page
onSessionEnded(() => {
  flash('error', t('sessionEnded'));
  render();
});

try {
  await resume();
} catch {
  flash('error', t('sessionEnded'));
}
await render();
