// The service's API as the console calls it: the bearer token from this tab's session storage,
// never in a URL; a problem answer (RFC 9457) becomes an ApiError with its words.

const TOKEN_KEY = 'rollgate.token';

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status, problem) {
  if (!problem) {
    return `The service answered ${status}.`;
  }
  const words = [problem.title, problem.detail].filter(Boolean).join(': ');
  const fields = (problem.errors || []).map((e) => `${e.field} ${e.message}`).join('; ');
  return [words || `The service answered ${status}.`, fields].filter(Boolean).join(' — ');
}

function headers(extra = {}) {
  const h = { Accept: 'application/json', ...extra };
  const t = token();
  if (t) {
    h.Authorization = `Bearer ${t}`;
  }
  return h;
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** GET or POST a JSON resource; resolves to the parsed body (null for 204). */
export async function request(path, { method = 'GET', body } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, { title: 'The service cannot be reached', detail: String(e.message) });
  }
  if (!response.ok) {
    const error = new ApiError(response.status, await problemOf(response));
    if (response.status === 401) {
      window.dispatchEvent(new CustomEvent('rollgate:unauthorized', { detail: error }));
    }
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

export const get = (path) => request(path);
export const post = (path, body) => request(path, { method: 'POST', body });

/** Downloads a resource with the token and hands it to the browser as a file. */
export async function download(path, filename, accept = 'application/json') {
  const response = await fetch(path, { headers: headers({ Accept: accept }) });
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export { headers as authHeaders };
