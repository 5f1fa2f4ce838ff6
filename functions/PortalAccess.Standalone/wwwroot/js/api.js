// Talks to the API on this origin (/api, see API.md).
//
// Tokens: the access token (10 minutes) lives only in this module's memory. The refresh token is kept in
// sessionStorage so that a reload of the tab does not sign the user out: sessionStorage belongs to this one tab and
// is gone when the tab closes, unlike localStorage, which every tab and every later visit would share (and which a
// forgotten sign-out on a shared computer would leave behind). The refresh token rotates on every use and the
// server ends the session when a spent one is presented again, so a copied token is short-lived. The pages load
// no third-party script and the Content-Security-Policy forbids inline script, which keeps XSS (the one way to read
// sessionStorage) out.
const refreshKey = 'portal.refresh';
let accessToken = null;
let principal = null;
let refreshing = null;
let sessionEnded = () => undefined;

/** `handler` runs when the server no longer accepts this tab's session. */
export function onSessionEnded(handler) {
  sessionEnded = handler;
}

/** A failed call: `code` is the problem type's last segment, 'network' without an answer. */
export class ApiError extends Error {
  constructor(status, code, retryAfter, errors) {
    super(code);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
    this.errors = errors ?? {};
    this.retryable = code === 'network' || status === 503 || status === 429;
  }
}

export const currentPrincipal = () => principal;

export const hasArea = area => principal?.kind === 'owner' || (principal?.areas ?? []).includes(area);

async function send(method, path, { body, etag, auth = true } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (etag) headers['if-match'] = etag;
  if (auth && accessToken) headers.authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(`/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network');
  }
}

async function failure(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    // not JSON (a proxy's error page): the status alone decides the message
  }
  const type = typeof problem.type === 'string' ? problem.type : '';
  const code = type ? type.slice(type.lastIndexOf('/') + 1) : String(response.status);
  const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  return new ApiError(response.status, code, Number.isFinite(retryAfter) ? retryAfter : null, problem.errors);
}

/**
 * Calls the API and answers `{ data, etag }`, or throws an ApiError. An expired access token is renewed once with
 * the refresh token and the call repeated.
 */
export async function call(method, path, options = {}) {
  let response = await send(method, path, options);
  if (response.status === 401 && options.auth !== false && (await renew())) {
    response = await send(method, path, options);
  }
  if (!response.ok) {
    const error = await failure(response);
    if (response.status === 401 && options.auth !== false) {
      forget();
      sessionEnded();
    }
    throw error;
  }
  const data = response.status === 204 || response.status === 202 ? null : await response.json();
  return { data, etag: response.headers.get('etag') };
}

function remember(session) {
  accessToken = session.accessToken;
  principal = session.principal;
  sessionStorage.setItem(refreshKey, session.refreshToken);
}

function forget() {
  accessToken = null;
  principal = null;
  sessionStorage.removeItem(refreshKey);
}

export async function signIn(login, password) {
  const { data } = await call('POST', 'auth/login', { body: { login, password }, auth: false });
  remember(data);
  return data.principal;
}

/** Uses the stored refresh token for a new access token; one renewal at a time, as each token works once. */
export function renew() {
  refreshing ??= (async () => {
    const refreshToken = sessionStorage.getItem(refreshKey);
    if (!refreshToken) return false;
    const response = await send('POST', 'auth/refresh', { body: { refreshToken }, auth: false });
    if (!response.ok) {
      if (response.status === 401) forget();
      else throw await failure(response);
      return false;
    }
    remember(await response.json());
    return true;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

/** A reload keeps the session of this tab: the stored refresh token signs in again. */
export async function resume() {
  if (principal) return principal;
  return (await renew()) ? principal : null;
}

/** Reads the principal again (its areas may have changed since sign-in). */
export async function refreshPrincipal() {
  principal = (await call('GET', 'me')).data;
  return principal;
}

export async function signOut() {
  const refreshToken = sessionStorage.getItem(refreshKey);
  forget();
  if (refreshToken) {
    await send('POST', 'auth/logout', { body: { refreshToken }, auth: false }).catch(() => undefined);
  }
}

/** Follows `continuation` one page at a time (API.md: lists). */
export async function page(path, continuation) {
  const query = continuation ? `?continuation=${encodeURIComponent(continuation)}` : '';
  return (await call('GET', path + query)).data;
}

/** The catalogs of areas and desk features; they do not change while the page is open. */
const catalogs = {};
export async function catalog(name) {
  catalogs[name] ??= call('GET', name, { auth: false }).then(r => r.data).catch(e => { delete catalogs[name]; throw e; });
  return catalogs[name];
}
