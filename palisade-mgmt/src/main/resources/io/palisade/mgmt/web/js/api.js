// The management API with the key from this tab's session storage.

const STORAGE = 'palisade-api-key';

export class Unauthorized extends Error {}

export function apiKey() {
  return sessionStorage.getItem(STORAGE);
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(STORAGE, key);
  else sessionStorage.removeItem(STORAGE);
}

/** Takes ?key= from the address (then removes it from the address bar so it is not bookmarked or shared). */
export function adoptKeyFromUrl() {
  const url = new URL(window.location.href);
  const key = url.searchParams.get('key');
  if (key) {
    setApiKey(key);
    url.searchParams.delete('key');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
}

export async function get(path) {
  const response = await fetch('/api/v1' + path, { headers: { 'X-API-Key': apiKey() || '' } });
  if (response.status === 401) throw new Unauthorized('the API key was refused');
  if (!response.ok) {
    let message = `HTTP ${response.status}`;
    try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return response.json();
}

/** EventSource cannot send headers: the key goes in the query, accepted on this route only. */
export function events() {
  return new EventSource('/api/v1/events?key=' + encodeURIComponent(apiKey() || ''));
}
