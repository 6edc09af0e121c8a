// roomchat in the browser: one WebSocket, one line of the chat protocol per text frame.
// Every piece of server text is inserted with textContent, never as HTML.
'use strict';

const PROMPT = '* choose a screen name';
const WELCOME_END = '* type :h for help';
const CHAT = /^\[([^\]]+)\] ([^\s:]+): ([\s\S]*)$/;
const HISTORY = /^(\d\d:\d\d) ([\s\S]*)$/;
const YOU_ARE_IN = /^\* you are in ([^\s,]+)/;
const WHO = /^\* in ([^\s:]+): (.*)$/;
const ROOMS_HEADER = /^\* rooms \((\d+)\):$/;
const PAGE_FOOTER = /^\* page (\d+) of (\d+)/;
/** The room list reads at most this many pages of :rooms (30 rooms each) before it shows what it has. */
const MAX_ROOM_PAGES = 10;
/** How long the page trusts that a :rooms it sent is still being answered. */
const ROOMS_ANSWER_WAIT_MS = 5000;
const ROOM_ENTRY = /^\* {3}([^\s:]+): (\d+) members?(, locked)?(?:, topic: (.*))?$/;
// The server's notice about a room: "[room] -- " then fixed words. No user can make a line that starts
// so (a name has no spaces, and chat puts ':' right after it); an action is "[room] * name text".
const ROOM_NOTICE = /^\[([^\]]+)\] -- ([\s\S]*)$/;
const ACTION = /^\[([^\]]+)\] \* ([\s\S]*)$/;
// What follows "[room] -- " in the notices that change the member list.
const JOINED = /^(\S+) has joined$/;
const LEFT = /^(\S+) (?:has left|was kicked by \S+)$/;
const RENAMED = /^(\S+) is now known as (\S+)$/;
const NEW_HOST = /^(\S+) is now a host$/;
const KICKED_ME = /^\* you were kicked from \S+ by \S+$/;
const DISCONNECTED = '* disconnected: ';
const MAX_BACKOFF_MS = 30000;

const $ = (id) => document.getElementById(id);
const state = {
  socket: null, name: null, room: null, loggedIn: false, leaving: false,
  backoff: 1000, pendingWho: 0, pendingRooms: 0, roomsTotal: 0, roomsPaged: false, roomsAskedAt: 0, collectingRooms: false, whoFooter: false, roomsSeen: [], refreshTimer: null,
  // What this page asked for and is waiting to be told: only then is a notice of that kind believed,
  // since anyone can make a look-alike line with :me.
  expecting: { exit: false, nick: false, move: false }, members: [],
};

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${location.host}/ws`);
  state.socket = socket;
  setStatus('connecting…');
  socket.onopen = () => { state.backoff = 1000; setStatus('connected'); };
  socket.onmessage = (event) => receive(String(event.data));
  socket.onclose = () => {
    state.loggedIn = false;
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

function receive(line) {
  if (line.startsWith(PROMPT)) {
    if (state.name) { send(state.name); }
    return;
  }
  if (!state.loggedIn) { return beforeLogin(line); }
  if (hiddenAnswer(line)) { return; }
  show(line);
  if (line.startsWith(DISCONNECTED)) { state.leaving = true; return; }
  if (KICKED_ME.test(line)) { state.expecting.move = true; }
  const youAreIn = YOU_ARE_IN.exec(line);
  if (youAreIn && state.expecting.move) { state.expecting.move = false; enterRoom(youAreIn[1]); }
  if (line.startsWith('* bye ') && state.expecting.exit) { state.leaving = true; }
  if (line.startsWith('* you are now ') && state.expecting.nick) {
    state.expecting.nick = false;
    state.name = line.substring('* you are now '.length);
  }
  followMembers(line);
}

/** Keeps the member list current from the room's own notices, without asking the server again. */
function followMembers(line) {
  const notice = ROOM_NOTICE.exec(line);
  if (!notice || !sameRoom(notice[1])) { return; }
  const text = notice[2];
  let match = JOINED.exec(text);
  if (match) { state.members.push(match[1]); }
  match = LEFT.exec(text);
  if (match) { state.members = state.members.filter((m) => bare(m) !== match[1]); }
  match = RENAMED.exec(text);
  if (match) { state.members = state.members.map((m) => (bare(m) === match[1] ? m.replace(match[1], match[2]) : m)); }
  match = NEW_HOST.exec(text);
  if (match) { state.members = state.members.map((m) => (m === match[1] ? `${m} (host)` : m)); }
  renderMembers(state.members);
}

function sameRoom(room) {
  return state.room && room.toLowerCase() === state.room.toLowerCase();
}

function bare(entry) {
  return entry.endsWith(' (host)') ? entry.slice(0, -' (host)'.length) : entry;
}

function beforeLogin(line) {
  if (line.startsWith('! ')) {
    $('login-error').textContent = line.substring(2);
    state.name = null;
    showLogin(true);
    return;
  }
  const youAreIn = YOU_ARE_IN.exec(line);
  if (youAreIn) {
    const lastRoom = state.room;
    showLogin(false);
    show(line);
    enterRoom(youAreIn[1]);
    if (lastRoom && lastRoom.toLowerCase() !== youAreIn[1].toLowerCase()) {
      state.expecting.move = true;
      send(`:cr ${lastRoom}`);
    }
  } else if (line.startsWith(WELCOME_END)) {
    state.loggedIn = true;
    show(line);
  }
}

/** Answers to the :who and :rooms this page sent by itself update the side panels instead of the log. */
function hiddenAnswer(line) {
  const who = WHO.exec(line);
  if (who && state.pendingWho > 0) {
    state.pendingWho--;
    state.members = who[2].split(', ');
    renderMembers(state.members);
    state.whoFooter = true;
    return true;
  }
  const footer = PAGE_FOOTER.exec(line);
  if (footer && state.whoFooter) {
    state.whoFooter = false;
    return true;
  }
  state.whoFooter = false;
  return hiddenRoomsAnswer(line, footer);
}

/** :rooms comes a page at a time: the page asks for the next pages itself, then shows them all. */
function hiddenRoomsAnswer(line, footer) {
  const header = ROOMS_HEADER.exec(line);
  if (header && state.pendingRooms > 0) {
    state.pendingRooms--;
    if (!state.collectingRooms) {
      state.collectingRooms = true;
      state.roomsTotal = Number(header[1]);
      state.roomsPaged = false;
      state.roomsSeen = [];
    }
    if (state.roomsTotal === 0) { finishRooms(); }
    return true;
  }
  if (!state.collectingRooms) { return false; }
  const entry = ROOM_ENTRY.exec(line);
  if (entry) {
    state.roomsSeen.push({ name: entry[1], count: Number(entry[2]), locked: Boolean(entry[3]), topic: entry[4] });
    // A list of one page has no footer: it ends with its last entry.
    if (!state.roomsPaged && state.roomsSeen.length >= state.roomsTotal) { finishRooms(); }
    return true;
  }
  if (footer) {
    state.roomsPaged = true;
    const page = Number(footer[1]);
    if (page < Number(footer[2]) && page < MAX_ROOM_PAGES) {
      state.pendingRooms = 1;
      send(':rooms ' + (page + 1));
    } else {
      finishRooms();
    }
    return true;
  }
  return false;
}

function finishRooms() {
  state.collectingRooms = false;
  renderRooms(state.roomsSeen);
}

function enterRoom(room) {
  state.room = room;
  $('room-title').textContent = room;
  for (const item of $('rooms').children) {
    item.classList.toggle('current', item.dataset.room.toLowerCase() === room.toLowerCase());
  }
  scheduleRefresh();
}

/** On entering a room the page asks once who is there and which rooms exist; after that, notices keep it current. */
function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(refreshPanels, 100);
}

function refreshPanels() {
  if (!state.loggedIn && !state.room) { return; }
  state.pendingWho = 1;
  send(':who');
  refreshRooms();
}

function refreshRooms() {
  // The list on its way will do, unless it got lost (an answer refused for the rate, say).
  const busy = state.pendingRooms > 0 || state.collectingRooms;
  if (busy && Date.now() - state.roomsAskedAt < ROOMS_ANSWER_WAIT_MS) { return; }
  state.collectingRooms = false;
  state.roomsAskedAt = Date.now();
  state.pendingRooms = 1;
  send(':rooms');
}

function renderMembers(names) {
  const list = $('members');
  list.replaceChildren(...names.map((entry) => {
    const item = document.createElement('li');
    const host = entry.endsWith(' (host)');
    item.textContent = host ? entry.slice(0, -' (host)'.length) : entry;
    if (host) { item.append(meta('host')); }
    return item;
  }));
}

function renderRooms(rooms) {
  const list = $('rooms');
  list.replaceChildren(...rooms.map((room) => {
    const item = document.createElement('li');
    item.textContent = room.name;
    item.dataset.room = room.name;
    item.append(meta(`${room.count}${room.locked ? ' 🔒' : ''}`));
    if (room.topic) { item.title = room.topic; }
    if (state.room && room.name.toLowerCase() === state.room.toLowerCase()) { item.classList.add('current'); }
    item.addEventListener('click', () => enterFromList(room));
    return item;
  }));
}

function enterFromList(room) {
  if (state.room && room.name.toLowerCase() === state.room.toLowerCase()) { return; }
  state.expecting.move = true;
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

/** One server line into the log, with its time, sender and kind. */
function show(raw, mine) {
  let line = raw;
  let time = clock(new Date());
  let history = false;
  const old = HISTORY.exec(raw);
  if (old) { time = old[1]; line = old[2]; history = true; }
  const row = document.createElement('div');
  row.className = 'line';
  if (history) { row.classList.add('history'); }
  if (mine) { row.classList.add('mine'); }
  row.append(span('time', time));
  const chat = CHAT.exec(line);
  const notice = ROOM_NOTICE.exec(line);
  const action = ACTION.exec(line);
  if (chat) {
    if (chat[1] === 'dm') { row.classList.add('dm'); }
    row.append(span('where', chat[1]), span('who', chat[2]), span('text', chat[3]));
  } else if (notice) {
    row.classList.add('notice');
    row.append(span('where', notice[1]), span('text', notice[2]));
  } else if (action) {
    row.append(span('where', action[1]), span('text', `* ${action[2]}`));
  } else if (line.startsWith('! ')) {
    row.classList.add('error');
    row.append(span('text', line.substring(2)));
  } else if (line.startsWith('* ')) {
    row.classList.add('notice');
    row.append(span('text', line.substring(2)));
  } else {
    row.append(span('text', line));
  }
  const log = $('log');
  const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  log.append(row);
  if (atBottom || mine) { log.scrollTop = log.scrollHeight; }
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
  if (state.socket && state.socket.readyState === WebSocket.OPEN) {
    send(state.name);
  } else if (!state.socket || state.socket.readyState === WebSocket.CLOSED) {
    connect();
  }
});

$('say').addEventListener('submit', (event) => {
  event.preventDefault();
  const line = $('input').value;
  if (!line.trim()) { return; }
  const word = line.startsWith(':') && !line.startsWith('::') ? line.substring(1).split(/\s/)[0].toLowerCase() : '';
  if (word === 'e' || word === 'exit') { state.expecting.exit = true; }
  if (word === 'nick') { state.expecting.nick = true; }
  if (['cr', 'change-room', 'changeroom', 'change_room', 'n', 'new', 'nr'].includes(word)) { state.expecting.move = true; }
  send(line);
  if (!line.startsWith(':') || line.startsWith('::')) {
    const text = line.startsWith('::') ? line.substring(1) : line;
    show(`[${state.room}] ${state.name}: ${text}`, true);
  }
  $('input').value = '';
});

$('commands').addEventListener('click', () => send(':h'));
$('refresh-rooms').addEventListener('click', refreshRooms);

connect();
