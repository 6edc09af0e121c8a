// roomchat in the browser: one WebSocket that speaks roomchat.v1.json. Every frame from the server is
// one JSON object whose type says what it is (docs/protocol.md, "JSON events"); the page keeps its
// rooms, members, hosts and topic from those types and fields alone, never from words a user could
// type. It sends lines, as nc does. Every piece of server text is inserted with textContent, never
// as HTML.
'use strict';

const SUBPROTOCOL = 'roomchat.v1.json';
/** The room list reads at most this many pages of :rooms before it shows what it has. */
const MAX_ROOM_PAGES = 10;
/** How long the page trusts that a :rooms it sent is still being answered. */
const ROOMS_ANSWER_WAIT_MS = 5000;
const MAX_BACKOFF_MS = 30000;
/** Lines the page asks for each time the log is scrolled to its top. */
const OLDER_LINES = 50;
/** The log counts as scrolled to its top this close to it, in pixels. */
const TOP_SLACK_PX = 8;
/** How long the page trusts that the older lines it asked for are still coming. */
const OLDER_ANSWER_WAIT_MS = 5000;

const $ = (id) => document.getElementById(id);
const state = {
  socket: null,
  /** The name the person chose, then the name the server confirmed (named, name-changed). */
  name: null,
  room: null, topic: null, locked: false, loggedIn: false, leaving: false, backoff: 1000,
  /** A name-prompt came and has not been answered: the name goes out once per prompt. */
  promptOpen: false,
  /** The room to go back to once signed in again after the connection broke. */
  rejoin: null,
  /** Answers to the :who and :rooms this page sent itself update the panels instead of the log. */
  pendingWho: 0, pendingRooms: 0, roomsAskedAt: 0, roomsSeen: [], refreshTimer: null,
  /** The members of the current room, in order of arrival: { name, host }. */
  members: [],
  /** Loading older lines of the current room as the log is scrolled to its top: see loadOlder. */
  older: noOlderYet(),
};

/**
 * What the page knows of the current room's lines above the log: the lowest seq it shows of the
 * room's own order (replay, live, lines loaded), whether the room has none older, and the seq its
 * request for older lines is bounded by while one is on its way (null when none is).
 */
function noOlderYet() {
  return { oldestSeq: null, exhausted: false, asked: null, askedAt: 0 };
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${location.host}/ws`, SUBPROTOCOL);
  state.socket = socket;
  state.promptOpen = false;
  state.rejoin = state.room;
  setStatus('connecting…');
  socket.onopen = () => { state.backoff = 1000; setStatus('connected'); };
  socket.onmessage = (event) => receive(String(event.data));
  socket.onclose = () => {
    state.loggedIn = false;
    state.promptOpen = false;
    if (state.leaving) {
      setStatus('disconnected: sign in again to come back', true);
      state.room = null;
      showLogin(true);
      return;
    }
    const wait = state.backoff;
    state.backoff = Math.min(state.backoff * 2, MAX_BACKOFF_MS);
    setStatus(`disconnected — reconnecting in ${Math.round(wait / 1000)}s`, true);
    setTimeout(connect, wait);
  };
}

function send(line) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) {
    state.socket.send(line);
  }
}

function receive(frame) {
  let message;
  try {
    message = JSON.parse(frame);
  } catch (notJson) {
    return;
  }
  if (message === null || typeof message !== 'object') { return; }
  const handler = Object.prototype.hasOwnProperty.call(HANDLERS, message.type) ? HANDLERS[message.type] : null;
  if (handler) { handler(message); }
}

/** What the page does with each type the server sends; a type it does not know is left alone. */
const HANDLERS = {
  'welcome': (m) => showNotice(`welcome to roomchat, ${m.online} online`),
  'name-prompt': () => {
    state.promptOpen = true;
    if (state.name && !state.loggedIn) { answerPrompt(); }
  },
  'named': (m) => {
    renameMember(state.name, m.name);
    state.name = m.name;
    state.loggedIn = true;
    showLogin(false);
    if (state.rejoin && !sameRoom(state.rejoin)) { send(`:cr ${state.rejoin}`); }
    state.rejoin = null;
  },
  'entered': entered,
  'history': (m) => {
    if (m.requested && answersOlder(m)) {
      prependOlder(m);
      return;
    }
    if (m.requested) {
      // The answer to :history: lines that may be days old, so each shows its date.
      if (m.events.length === 0) { showNotice(`no history in ${m.room}`); return; }
      showNotice(`history of ${m.room}, the last ${m.events.length} lines:`);
      m.events.forEach((event) => showEvent(event, 'dated'));
      showNotice('end of history');
      return;
    }
    m.events.forEach((event) => { showEvent(event, true); noteShown(event); });
    if (m.events.length > 0) { showNotice('live chat starts'); }
  },
  'kicked-out': (m) => showNotice(`you were kicked from ${m.room} by ${m.by}`),
  'name-changed': (m) => {
    renameMember(state.name, m.name);
    state.name = m.name;
    showNotice(`you are now ${m.name}`);
  },
  'already-in': (m) => showNotice(`you are already in ${m.room}`),
  'private': (m) => show({ where: 'dm', who: m.from, text: m.text, kind: 'dm' }),
  'sent': (m) => showNotice(`sent to ${m.to}`),
  'rooms': rooms,
  'members': members,
  'wrong-passwords': (m) => showNotice(`${m.count} wrong passwords tried for ${m.room} in the last ${m.minutes} minutes`),
  'help': (m) => {
    showNotice('commands (any other line is chat for your room; start it with :: to begin it with :)');
    m.commands.forEach((c) => {
      const aliases = c.aliases.length ? ` (also :${c.aliases.join(', :')})` : '';
      showNotice(`${c.usage} — ${c.description}${aliases}`);
    });
  },
  'info': (m) => showNotice(m.text),
  'error': (m) => {
    if (!state.loggedIn) {
      // Refused while choosing a name: the person chooses again, and a new prompt follows.
      $('login-error').textContent = m.text;
      state.name = null;
      showLogin(true);
      return;
    }
    show({ text: m.text, kind: 'error' });
  },
  'goodbye': (m) => {
    // The session ends on purpose. Only when the server says to come back (it is shutting down)
    // does the page reconnect by itself; after :e or a time limit it shows the sign-in form.
    state.leaving = !m.comeBack;
    showNotice(m.text);
  },
};
for (const type of ['said', 'action', 'relayed', 'joined', 'left', 'kicked', 'renamed', 'host', 'topic', 'lock', 'created']) {
  HANDLERS[type] = (event) => {
    showEvent(event, false);
    if (sameRoom(event.room)) { follow(event); noteShown(event); }
  };
}

function answerPrompt() {
  state.promptOpen = false;
  send(state.name);
}

/** The member is in a room now: its own state starts over from what the server says of the room. */
function entered(m) {
  state.older = noOlderYet();
  state.members = [{ name: state.name, host: m.created }, ...m.members.map((name) => ({ name, host: false }))];
  state.topic = m.topic;
  state.locked = false;
  if (m.created) { showNotice(`created ${m.room}`); }
  const others = m.count === 0 ? ', nobody else is here'
    : ` with ${m.members.join(', ')}${m.count > m.members.length ? ` and ${m.count - m.members.length} others` : ''}`;
  showNotice(`you are in ${m.room}${others}`);
  if (m.topic !== null) { showNotice(`topic: ${m.topic}`); }
  enterRoom(m.room);
}

/** Keeps the member list, hosts, topic and lock of the current room from its events. */
function follow(event) {
  switch (event.type) {
    case 'joined': addMember(event.from); break;
    case 'left': removeMember(event.from); break;
    case 'kicked': removeMember(event.name); break;
    case 'renamed': renameMember(event.from, event.name); break;
    case 'host': state.members.forEach((m) => { if (same(m.name, event.name)) { m.host = true; } }); break;
    case 'topic': state.topic = event.topic; break;
    case 'lock': state.locked = event.locked; break;
    default: return;
  }
  renderRoom();
}

function addMember(name) {
  if (!state.members.some((m) => same(m.name, name))) { state.members.push({ name, host: false }); }
}

function removeMember(name) {
  state.members = state.members.filter((m) => !same(m.name, name));
}

function renameMember(from, to) {
  if (from === null || to === null) { return; }
  state.members.forEach((m) => { if (same(m.name, from)) { m.name = to; } });
  renderMembers();
}

function same(a, b) {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}

function sameRoom(room) {
  return same(state.room, room);
}

/** A page of :who: the panel's list when the page asked, the log's otherwise. */
function members(m) {
  const listed = m.members.map((member) => ({ name: member.name, host: member.host }));
  if (state.pendingWho > 0) {
    state.pendingWho--;
    if (sameRoom(m.room)) {
      state.members = listed;
      state.topic = m.topic;
      state.locked = m.locked;
      renderRoom();
    }
    return;
  }
  if (listed.length === 0) {
    show({ text: `no page ${m.page}: there ${m.pages === 1 ? 'is 1' : `are ${m.pages}`}`, kind: 'error' });
    return;
  }
  showNotice(`in ${m.room}: ${listed.map((member) => member.name + (member.host ? ' (host)' : '')).join(', ')}`);
  if (m.pages > 1) { showNotice(`page ${m.page} of ${m.pages}`); }
}

/** :rooms comes a page at a time: the page asks for the next pages itself, then shows them all. */
function rooms(m) {
  if (state.pendingRooms === 0) {
    m.rooms.forEach((room) => showNotice(`  ${roomSummary(room)}`));
    if (m.pages > 1) { showNotice(`page ${m.page} of ${m.pages}`); }
    return;
  }
  state.pendingRooms--;
  if (m.page === 1) { state.roomsSeen = []; }
  state.roomsSeen.push(...m.rooms);
  if (m.page < m.pages && m.page < MAX_ROOM_PAGES) {
    state.pendingRooms = 1;
    send(`:rooms ${m.page + 1}`);
  } else {
    renderRooms(state.roomsSeen);
  }
}

function roomSummary(room) {
  return `${room.name}: ${room.members} member${room.members === 1 ? '' : 's'}${room.locked ? ', locked' : ''}`
    + (room.topic === null ? '' : `, topic: ${room.topic}`);
}

function enterRoom(room) {
  state.room = room;
  renderRoom();
  for (const item of $('rooms').children) {
    item.classList.toggle('current', same(item.dataset.room, room));
  }
  scheduleRefresh();
}

/** On entering a room the page asks once who is there (for the hosts) and which rooms exist; after that, events keep it current. */
function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(refreshPanels, 100);
}

function refreshPanels() {
  if (!state.room) { return; }
  state.pendingWho = 1;
  send(':who');
  refreshRooms();
}

function refreshRooms() {
  // The list on its way will do, unless it got lost (an answer refused for the rate, say).
  if (state.pendingRooms > 0 && Date.now() - state.roomsAskedAt < ROOMS_ANSWER_WAIT_MS) { return; }
  state.roomsAskedAt = Date.now();
  state.pendingRooms = 1;
  send(':rooms');
}

function renderRoom() {
  $('room-title').textContent = state.room || '';
  $('room-lock').hidden = !state.locked;
  $('room-topic').textContent = state.topic || '';
  renderMembers();
}

function renderMembers() {
  $('members').replaceChildren(...state.members.map((member) => {
    const item = document.createElement('li');
    item.textContent = member.name;
    if (member.host) { item.append(meta('host')); }
    return item;
  }));
}

function renderRooms(list) {
  $('rooms').replaceChildren(...list.map((room) => {
    const item = document.createElement('li');
    item.textContent = room.name;
    item.dataset.room = room.name;
    item.append(meta(`${room.members}${room.locked ? ' 🔒' : ''}`));
    if (room.topic !== null) { item.title = room.topic; }
    if (sameRoom(room.name)) { item.classList.add('current'); }
    item.addEventListener('click', () => enterFromList(room));
    return item;
  }));
}

function enterFromList(room) {
  if (sameRoom(room.name)) { return; }
  if (room.locked) {
    const password = prompt(`Password for ${room.name}`);
    if (password) { send(`:cr ${room.name} ${password}`); }
  } else {
    send(`:cr ${room.name}`);
  }
}

function meta(text) {
  const span = document.createElement('span');
  span.className = 'meta';
  span.textContent = text;
  return span;
}

/** One room event into the log, in the page's own words. */
function showEvent(event, history) {
  const row = describe(event, history);
  if (row) { show(row); }
}

/** The row a room event makes: its time, where, who, text and kind; undefined for a type the page does not know. */
function describe(event, history) {
  const row = { time: event.time ? new Date(event.time) : new Date(), where: event.room, history };
  switch (event.type) {
    case 'said': return { ...row, who: event.from, text: event.text };
    case 'relayed': return { ...row, who: `${event.from}@${event.fromRoom}`, text: event.text };
    case 'action': return { ...row, text: `* ${event.from} ${event.text}` };
    case 'joined': return { ...row, text: `${event.from} has joined`, kind: 'notice' };
    case 'left': return { ...row, text: `${event.from} has left`, kind: 'notice' };
    case 'kicked': return { ...row, text: `${event.name} was kicked by ${event.from}`, kind: 'notice' };
    case 'renamed': return { ...row, text: `${event.from} is now known as ${event.name}`, kind: 'notice' };
    case 'host': return { ...row, text: `${event.name} is now a host`, kind: 'notice' };
    case 'topic': return { ...row, kind: 'notice',
      text: event.topic === null ? `${event.from} cleared the topic` : `${event.from} set the topic: ${event.topic}` };
    case 'lock': return { ...row, text: `${event.from} ${event.locked ? 'locked' : 'unlocked'} the room`, kind: 'notice' };
    case 'created': return { ...row, text: `${event.from} created the room`, kind: 'notice' };
    default: return undefined;
  }
}

/** An event of the current room's order is in the log: lines older than the oldest shown are above it. */
function noteShown(event) {
  if (!Number.isSafeInteger(event.seq)) { return; }
  const older = state.older;
  if (older.oldestSeq === null || event.seq < older.oldestSeq) { older.oldestSeq = event.seq; }
}

/**
 * The log is at its top: ask for the lines of the room just older than the oldest it shows
 * (:history OLDER_LINES <seq>), one request at a time, until an answer says there are no more. The
 * answer to a :history typed meanwhile has no `before`, or another, so it is not mistaken for this.
 */
function loadOlder() {
  const older = state.older;
  if (!state.loggedIn || !state.room || older.exhausted || older.oldestSeq === null) { return; }
  if (older.asked !== null && Date.now() - older.askedAt < OLDER_ANSWER_WAIT_MS) { return; }
  if (older.oldestSeq <= 1) { older.exhausted = true; return; }
  older.asked = older.oldestSeq;
  older.askedAt = Date.now();
  send(`:history ${OLDER_LINES} ${older.oldestSeq}`);
}

function answersOlder(m) {
  return state.older.asked !== null && m.before === state.older.asked && sameRoom(m.room);
}

/** The older lines asked for go above everything in the log, dated, and what the person was looking at stays put. */
function prependOlder(m) {
  const older = state.older;
  older.asked = null;
  const rows = m.events.map((event) => describe(event, 'dated')).filter(Boolean).map(line);
  m.events.forEach(noteShown);
  if (m.events.length < OLDER_LINES) {
    older.exhausted = true;
    rows.unshift(line({ text: `the beginning of ${m.room}'s history`, kind: 'notice' }));
  }
  const log = $('log');
  const height = log.scrollHeight;
  const top = log.scrollTop;
  log.prepend(...rows);
  log.scrollTop = top + (log.scrollHeight - height);
  // A log too short to scroll gets no scroll events: it goes on filling itself while it can.
  if (log.scrollHeight <= log.clientHeight) { loadOlder(); }
}

function showNotice(text) {
  show({ text, kind: 'notice' });
}

/** One row at the bottom of the log, which follows it there if the person was at the bottom (or sent it). */
function show(described) {
  const log = $('log');
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  log.append(line(described));
  if (atBottom || described.mine) { log.scrollTop = log.scrollHeight; }
}

/** One row of the log: its time, where, who and text, each as text. */
function line({ time = new Date(), where, who, text, kind, history, mine }) {
  const row = document.createElement('div');
  row.className = 'line';
  if (kind) { row.classList.add(kind); }
  if (history) { row.classList.add('history'); }
  if (mine) { row.classList.add('mine'); }
  row.append(span('time', history === 'dated' ? `${time.toLocaleDateString()} ${clock(time)}` : clock(time)));
  if (where) { row.append(span('where', where)); }
  if (who) { row.append(span('who', who)); }
  row.append(span('text', text));
  return row;
}

function span(className, text) {
  const element = document.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}

function clock(date) {
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

function setStatus(text, down) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('down', Boolean(down));
}

function showLogin(visible) {
  $('login').hidden = !visible;
  $('chat').hidden = visible;
  (visible ? $('name') : $('input')).focus();
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  $('login-error').textContent = '';
  state.name = $('name').value.trim();
  state.leaving = false;
  if (state.promptOpen) {
    answerPrompt();
  } else if (!state.socket || state.socket.readyState === WebSocket.CLOSED) {
    connect();
  }
});

$('say').addEventListener('submit', (event) => {
  event.preventDefault();
  const line = $('input').value;
  if (!line.trim()) { return; }
  send(line);
  if (!line.startsWith(':') || line.startsWith('::')) {
    // The server does not echo a member's own chat: the page shows it as sent.
    const text = line.startsWith('::') ? line.substring(1) : line;
    show({ where: state.room, who: state.name, text, mine: true });
  }
  $('input').value = '';
});

$('commands').addEventListener('click', () => send(':h'));
$('log').addEventListener('scroll', () => { if ($('log').scrollTop <= TOP_SLACK_PX) { loadOlder(); } });
// A wheel turned up at the top (or in a log too short to scroll) scrolls nothing, so fires no scroll event.
$('log').addEventListener('wheel', (event) => { if (event.deltaY < 0 && $('log').scrollTop <= TOP_SLACK_PX) { loadOlder(); } });
$('refresh-rooms').addEventListener('click', refreshRooms);

connect();
