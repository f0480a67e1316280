// Sessions, counters and configuration sections.
import { $, el, replaceRows, setText, stamp } from './dom.js';
import { get } from './api.js';

const PROTOCOLS = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmp6' };

export async function loadSessions() {
  const form = new FormData($('session-filter'));
  const query = new URLSearchParams();
  for (const [name, value] of form.entries()) {
    if (String(value).trim()) query.set(name, String(value).trim());
  }
  query.set('limit', '500');
  const sessions = await get('/sessions?' + query.toString());
  replaceRows('session-rows', sessions.map((s) => el('tr', {},
    el('td', {}, s.id), el('td', {}, s.application), el('td', { class: `status-${s.state.toLowerCase()}` }, s.state),
    el('td', {}, PROTOCOLS[s.protocol] || s.protocol),
    el('td', {}, `${s.source}:${s.sourcePort} (${s.fromZone})`),
    el('td', {}, `${s.destination}:${s.destinationPort} (${s.toZone})`),
    el('td', {}, s.flag || ''), el('td', {}, s.syncedFromPeer ? 'yes' : ''))), 'no sessions', 8);
  setText('sessions-summary', `${sessions.length} shown`);
}

export async function loadCounters() {
  const form = new FormData($('counter-filter'));
  const query = new URLSearchParams();
  if (form.get('severity')) query.set('severity', form.get('severity'));
  if (String(form.get('name') || '').trim()) query.set('name', String(form.get('name')).trim());
  let counters = await get('/counters?' + query.toString());
  if (form.get('nonzero')) counters = counters.filter((c) => c.value !== 0);
  replaceRows('counter-rows', counters.map((c) => el('tr', { class: `severity-${c.severity}` },
    el('td', { class: 'mono' }, c.name), el('td', { class: 'num' }, c.value.toLocaleString()),
    el('td', { class: 'num' }, c.rate), el('td', {}, c.severity), el('td', {}, c.category),
    el('td', {}, c.description))), 'no counters', 6);
}

export async function loadConfig() {
  const [running, history] = await Promise.all([get('/config/running'), get('/config/history')]);
  setText('config-version', `running version ${running.version}`);
  $('running-config').textContent = running.yaml;
  replaceRows('history-rows', [...history].reverse().map((v) => el('tr', {},
    el('td', {}, v.version), el('td', {}, stamp(v.committedAtMs)), el('td', {}, v.source),
    el('td', {}, v.description || ''))), 'no commits', 4);
}
