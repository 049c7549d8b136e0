// The read API as the pages use it. The read token lives in sessionStorage: it survives a
// reload, leaves with the tab, is never put in a URL (so shared links carry no secret) and is
// sent only to this origin.
const TOKEN_KEY = 'paved.readToken';

export class Unauthorized extends Error {}

export function token() {
  const kept = sessionStorage.getItem(TOKEN_KEY);
  if (kept) return kept;
  const offered = document.querySelector('meta[name="paved-dev-read-token"]');
  return offered ? offered.content : null;
}

export function keepToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  }
  return search.toString();
}

export function apiPath(path, params) {
  const q = query(params);
  return '/api/v1' + path + (q ? '?' + q : '');
}

let documented;

/**
 * The paths this server serves and the parameters each accepts (from its public OpenAPI
 * document), so a page never asks for a path it lacks nor sends a filter a path refuses.
 */
export async function servedPaths() {
  if (!documented) {
    documented = fetch('/api/v1/openapi.json')
      .then((r) => r.json())
      .then((doc) => {
        const served = new Map();
        for (const [path, item] of Object.entries(doc.paths || {})) {
          const names = ((item.get || {}).parameters || []).map((p) => p.name);
          served.set(path.replace(/^\/api\/v1/, ''), new Set(names));
        }
        return served;
      });
  }
  return documented;
}

/**
 * GET a read API path. Resolves to {missing: true} when this server does not serve the path
 * (an endpoint of a later release), to {body} on 200, to {problem, status} on any other answer.
 */
export async function get(path, params) {
  const served = await servedPaths();
  if (!served.has(path)) return { missing: true, path };
  const accepted = served.get(path);
  const sent = {};
  const ignored = [];
  for (const [name, value] of Object.entries(params || {})) {
    if (accepted.has(name)) sent[name] = value;
    else ignored.push(name);
  }
  const response = await fetch(apiPath(path, sent), {
    headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' },
  });
  if (response.status === 401) throw new Unauthorized();
  const body = await response.json();
  if (!response.ok) return { problem: body, status: response.status, path };
  return { body, path, ignored };
}

/** Checks a token against the API without keeping it. */
export async function accepts(candidate) {
  const response = await fetch('/api/v1/activity?granularity=month', {
    headers: { Authorization: 'Bearer ' + candidate, Accept: 'application/json' },
  });
  return response.ok;
}
