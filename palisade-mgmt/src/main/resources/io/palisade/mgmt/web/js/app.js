// Dashboard entry: the API key, the live event stream and periodic refreshes.
import { $, setState, setText, since } from './dom.js';
import { Unauthorized, adoptKeyFromUrl, apiKey, events, get, setApiKey } from './api.js';
import { applyStateChange, renderHa, renderTimeline } from './ha.js';
import { loadConfig, loadCounters, loadSessions } from './tables.js';

const TABLE_REFRESH_MS = 5000;
let stream = null;

function askForKey(message) {
  if (stream) stream.close();
  setApiKey(null);
  $('key-error').hidden = !message;
  $('key-error').textContent = message || '';
  $('key-dialog').hidden = false;
  $('key-input').focus();
}

function setLive(on) {
  const live = $('live');
  live.textContent = on ? 'live' : 'reconnecting';
  live.className = 'live ' + (on ? 'live-on' : 'live-off');
}

function renderSystem(system) {
  setText('node-hostname', system.hostname);
  setState('node-state', system.haState);
  setText('node-version', `Palisade ${system.softwareVersion}`);
  setText('node-uptime', `up ${since(Date.now() - system.uptimeMs)}`);
  document.title = `${system.hostname} (${system.haState}) — Palisade`;
}

function renderSnapshot(s) {
  renderSystem(s.system);
  renderHa(s.ha, s.stateSync, s.transitions);
  renderTimeline(s.transitions);
}

async function refreshHa() {
  const [system, ha, sync, transitions] = await Promise.all([
    get('/system'), get('/ha'), get('/ha/state-synchronization'), get('/ha/transitions')]);
  renderSnapshot({ system, ha, stateSync: sync, transitions: transitions.slice(-50) });
}

function guarded(task) {
  return task().catch((error) => {
    if (error instanceof Unauthorized) askForKey('The API key was refused.');
    else console.warn('dashboard:', error.message);
  });
}

function connect() {
  if (stream) stream.close();
  stream = events();
  stream.onopen = () => setLive(true);
  stream.onerror = () => {
    setLive(false);
    guarded(() => get('/system')); // a refused key shows the key dialog; otherwise EventSource retries by itself
  };
  const json = (handler) => (message) => handler(JSON.parse(message.data));
  stream.addEventListener('snapshot', json(renderSnapshot));
  stream.addEventListener('ha-state-changed', json((e) => { applyStateChange(e); guarded(refreshHa); }));
  for (const name of ['peer-changed', 'monitor-changed', 'sync-changed']) {
    stream.addEventListener(name, () => guarded(refreshHa));
  }
  stream.addEventListener('committed', () => guarded(loadConfig));
}

function start() {
  $('key-dialog').hidden = true;
  guarded(refreshHa);
  guarded(loadSessions);
  guarded(loadCounters);
  guarded(loadConfig);
  connect();
}

function wire() {
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setApiKey($('key-input').value.trim());
    start();
  });
  $('session-filter').addEventListener('submit', (event) => { event.preventDefault(); guarded(loadSessions); });
  $('session-filter').addEventListener('reset', () => setTimeout(() => guarded(loadSessions), 0));
  $('counter-filter').addEventListener('input', () => guarded(loadCounters));
  setInterval(() => {
    if (document.visibilityState === 'visible' && apiKey()) {
      guarded(loadSessions);
      guarded(loadCounters);
    }
  }, TABLE_REFRESH_MS);
}

adoptKeyFromUrl();
wire();
if (apiKey()) start(); else askForKey(null);
