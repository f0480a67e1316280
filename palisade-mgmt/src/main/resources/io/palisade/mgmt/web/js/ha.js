// The HA widget, the timeline and the monitoring tables.
import { $, el, replaceRows, setState, setText, since, stamp, yesNo } from './dom.js';

const LINK_NAMES = { 'ha1': 'HA1', 'ha1-backup': 'HA1 backup', 'ha2': 'HA2', 'ha2-backup': 'HA2 backup',
  'heartbeat-backup': 'Heartbeat backup', 'ha3': 'HA3' };

export function renderHa(ha, stateSync, transitions) {
  if (!ha.enabled) {
    setText('ha-group', '(HA not enabled)');
    setState('ha-local-state', 'standalone');
    return;
  }
  const local = ha.local;
  setText('ha-group', `group ${ha.groupId}`);
  setText('ha-local-name', local.hostname);
  setState('ha-local-state', local.state);
  setText('ha-local-reason', local.stateReason);
  setText('ha-local-since', `${stamp(local.stateSinceEpochMs)} (${since(local.stateSinceEpochMs)})`);
  setText('ha-local-priority', local.priority);
  setText('ha-local-preemptive', yesNo(local.preemptive));
  setText('ha-local-forwarding', local.forwarding);
  setText('ha-mode', `${ha.mode}, timers ${local.timers.profile}, passive link state ${local.passiveLinkState}`);

  const peer = ha.peers[0];
  if (peer) {
    setText('ha-peer-name', peer.serial);
    setState('ha-peer-state', peer.state);
    setText('ha-peer-reason', peer.stateReason);
    setText('ha-peer-connection', peer.connectionStatus);
    setText('ha-peer-priority', peer.priority);
    setText('ha-peer-preemptive', yesNo(peer.preemptive));
    setText('ha-peer-heard', `${peer.lastHeardMsAgo} ms ago`);
  } else {
    setState('ha-peer-state', 'unknown');
    setText('ha-peer-reason', 'no peer heard yet');
  }

  $('ha-links').replaceChildren(...local.links.map((link) =>
    el('li', { class: `pill link-${link.status}`, title: `${link.localAddress} → ${link.peerAddress} ${link.detail}`,
      'data-link': link.name }, `${LINK_NAMES[link.name] || link.name}: ${link.status}`)));

  setText('ha-config-sync', `${ha.configSyncEnabled ? 'enabled' : 'disabled'}; running configuration ${ha.runningConfigSync}`);
  if (stateSync) {
    setText('ha-session-sync', `${stateSync.enabled ? stateSync.transport : 'disabled'}; bulk sync ${stateSync.bulkSync}; `
      + `queue ${stateSync.queueDepth}, lag ${stateSync.lagMs} ms; HA2 ${stateSync.linkStatus}`);
  }
  if (transitions && transitions.length) {
    const last = transitions[transitions.length - 1];
    setText('ha-last-change', `${stamp(last.atEpochMs)}: ${last.from} → ${last.to} (${last.reason})`);
  }
  renderMonitors(ha.linkMonitoring, ha.pathMonitoring);
}

/** An ha-state-changed event: the badge changes at once, before the full refresh. */
export function applyStateChange(event) {
  setState('ha-local-state', event.to);
  setState('node-state', event.to);
  setText('ha-local-reason', event.reason);
  setText('ha-last-change', `${stamp(event.atEpochMs)}: ${event.from} → ${event.to} (${event.reason})`);
}

export function renderTimeline(transitions) {
  const items = [...transitions].reverse().map((t) => el('li', {},
    el('time', {}, stamp(t.atEpochMs)), ' ',
    el('span', { class: 'from' }, t.from), ' → ',
    el('span', { class: `to ${'state-' + t.to}` }, t.to), ' ',
    el('span', { class: 'reason' }, t.reason)));
  $('timeline').replaceChildren(...items);
}

function renderMonitors(links, paths) {
  const linkRows = [];
  for (const group of links?.groups || []) {
    for (const m of group.members) {
      linkRows.push(el('tr', {}, el('td', {}, group.name), el('td', {}, m.interfaceName),
        el('td', { class: `status-${m.state}` }, m.state)));
    }
  }
  replaceRows('link-rows', linkRows, 'no link groups', 3);
  setText('link-summary', links ? `${links.enabled ? 'enabled' : 'disabled'}, condition ${links.failureCondition}`
    + (links.failed ? ', FAILED' : '') : '');
  const pathRows = [];
  for (const group of paths?.groups || []) {
    for (const d of group.destinations) {
      pathRows.push(el('tr', {}, el('td', {}, `${group.name} (${group.type} ${group.target})`), el('td', {}, d.address),
        el('td', {}, `${d.successes}/${d.total}`), el('td', {}, `${d.rttAvgMs.toFixed(2)} ms`),
        el('td', { class: `status-${d.up ? 'up' : 'down'}` }, d.up ? 'up' : 'down')));
    }
  }
  replaceRows('path-rows', pathRows, 'no path groups', 5);
  setText('path-summary', paths ? `${paths.enabled ? 'enabled' : 'disabled'}, condition ${paths.failureCondition}`
    + (paths.failed ? ', FAILED' : '') : '');
}
