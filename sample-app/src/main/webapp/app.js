// Socon Messaging sample chat: plain ES module against the REST and WebSocket API v1 (docs/rest-api.md).
// No build step, no external resources. Every element the e2e tests use has a data-testid.

const API = '/api/v1';
const REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];
const PAGE_SIZE = 50;
const MAX_BACKOFF_MS = 30_000;
const PING_MS = 25_000;
/** Message types shown as bubbles; reactions are chips under their message, read receipts are not shown. */
const BUBBLE_TYPES = new Set(['text', 'reply', 'attachment', 'remoteAttachment', 'unknown']);
const UNREAD_TYPES = new Set(['text', 'reply', 'attachment', 'remoteAttachment', 'unknown']);

const $ = (id) => document.getElementById(id);

const state = {
  me: null,             // {inboxId, address, installationId}
  userName: '',
  conversations: new Map(),
  aliases: new Map(),   // id of a DM stitched into another -> the id the list shows for it (one DM per peer)
  openId: null,
  messages: new Map(),  // the open conversation's messages by id (local ones too)
  nodes: new Map(),     // rendered list items by key, with the content they show
  olderCursor: null,
  replyTo: null,
  ws: null,
  wsOpenedOnce: false,
  wsFailures: 0,
  reconnectTimer: null,
  pingTimer: null,
  signedIn: false,
  localSeq: 0,
  loadSeq: 0,
  readTimer: null,
  labels: loadLabels(),
  addresses: new Map(), // inbox id -> the wallet address its members list shows first
};

// ---- REST ----------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.code = problem.code || (status === 0 ? 'NETWORK' : `HTTP_${status}`);
  }
}

/**
 * Parses JSON keeping nanosecond timestamps and cursors exact: they exceed 2^53, so where the browser gives
 * the source text of a number (JSON.parse source text access) we keep that text.
 */
function parseJson(text) {
  return JSON.parse(text, function (key, value, context) {
    if ((key === 'sentAtNs' || key === 'next' || key === 'before') && typeof value === 'number'
        && context && typeof context.source === 'string') {
      return context.source;
    }
    return value;
  });
}

async function api(method, path, body) {
  let response;
  try {
    response = await fetch(API + path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' }
        : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { title: 'Server unreachable', detail: 'The server did not answer. Is it running?' });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = parseJson(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data
      : { title: response.statusText || 'Request failed', detail: `The server answered ${response.status}.` };
    const error = new ApiError(response.status, problem);
    if (response.status === 401 && error.code !== 'WALLET_SIGNATURE_REQUIRED' && state.signedIn
        && !path.startsWith('/session')) {
      sessionEnded();
    }
    throw error;
  }
  return data;
}

// ---- Notices -------------------------------------------------------------------------------------------

const FRIENDLY_TITLES = {
  PEER_NOT_REACHABLE: 'This person cannot be messaged yet',
  INVALID_ADDRESS: 'That is not an address',
  INVALID_INBOX_ID: 'That is not an inbox id',
  NODE_UNAVAILABLE: 'The XMTP node is not reachable',
  KEY_VAULT_UNAVAILABLE: 'The key vault is not reachable',
  STORAGE_UNAVAILABLE: 'Storage is not reachable',
  RATE_LIMITED: 'Too many requests',
  NOT_A_MEMBER: 'You are not a member of this conversation',
  PERMISSION_DENIED: 'Not allowed in this group',
  NETWORK: 'The server is not reachable',
};

function describeError(error) {
  if (error instanceof ApiError) {
    const title = FRIENDLY_TITLES[error.code] || error.problem.title || 'Something went wrong';
    const detail = error.problem.detail && error.problem.detail !== title ? error.problem.detail : '';
    return { title, detail, code: error.code };
  }
  return { title: 'Something went wrong', detail: String(error && error.message || error), code: 'CLIENT' };
}

/** A non-blocking notice; errors stay longer and are announced assertively. */
function toast(kind, title, detail = '', code = '') {
  const item = document.createElement('div');
  item.className = `toast toast-${kind}`;
  item.dataset.testid = kind === 'error' ? 'toast-error' : 'toast';
  if (code) item.dataset.code = code;
  item.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const text = document.createElement('div');
  text.className = 'toast-text';
  const strong = document.createElement('strong');
  strong.textContent = title;
  text.append(strong);
  if (detail) {
    const p = document.createElement('span');
    p.className = 'toast-detail';
    p.dataset.testid = 'toast-detail';
    p.textContent = detail;
    text.append(p);
  }
  const close = button('✕', 'icon-button toast-close', 'Dismiss notice');
  close.addEventListener('click', () => item.remove());
  item.append(text, close);
  $('toasts').append(item);
  while ($('toasts').children.length > 4) $('toasts').firstElementChild.remove();
  setTimeout(() => item.remove(), kind === 'error' ? 12_000 : 4_000);
}

function showError(error) {
  const { title, detail, code } = describeError(error);
  toast('error', title, detail, code);
}

function showInlineError(element, error) {
  const { title, detail, code } = describeError(error);
  element.textContent = detail ? `${title}: ${detail}` : title;
  element.dataset.code = code;
  element.hidden = false;
}

// ---- Names, labels, time -------------------------------------------------------------------------------

/** What the user typed for a peer (address or inbox id), remembered per DM peer inbox in this browser. */
function loadLabels() {
  try {
    return JSON.parse(localStorage.getItem('socon.labels') || '{}');
  } catch {
    return {};
  }
}

function rememberLabel(inboxId, label) {
  if (!inboxId || !label || label === inboxId) return;
  state.labels[inboxId] = label;
  try {
    localStorage.setItem('socon.labels', JSON.stringify(state.labels));
  } catch {
    // private mode: labels last for this page only
  }
}

function shortId(id) {
  if (!id) return '';
  if (id.startsWith('0x')) return `${id.slice(0, 6)}…${id.slice(-4)}`;
  return id.length > 12 ? `${id.slice(0, 6)}…${id.slice(-4)}` : id;
}

function personName(inboxId) {
  if (state.me && inboxId === state.me.inboxId) return 'You';
  const label = state.labels[inboxId] || state.addresses.get(inboxId);
  return label ? shortId(label) : shortId(inboxId);
}

/** People are known by their wallet address: learn it from a conversation's members. */
function learnAddresses(c) {
  for (const m of c.members || []) {
    if (m.addresses && m.addresses.length > 0) state.addresses.set(m.inboxId, m.addresses[0]);
  }
}

function conversationName(c) {
  if (c.kind === 'GROUP') return c.name || 'Unnamed group';
  return personName(c.peer);
}

function toNs(value) {
  try {
    return BigInt(String(value ?? 0).split('.')[0]);
  } catch {
    return 0n;
  }
}

function isoToNs(iso) {
  const ms = Date.parse(iso || '');
  return Number.isNaN(ms) ? 0n : BigInt(ms) * 1_000_000n;
}

function messageDate(m) {
  const ms = m.sentAt ? Date.parse(m.sentAt) : Number(toNs(m.sentAtNs) / 1_000_000n);
  return new Date(Number.isNaN(ms) ? Date.now() : ms);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

function listTime(date) {
  const now = new Date();
  if (sameDay(date, now)) return timeFormat.format(date);
  if (now - date < 6 * 86_400_000) return weekdayFormat.format(date);
  return shortDayFormat.format(date);
}

function dayLabel(date) {
  const now = new Date();
  if (sameDay(date, now)) return 'Today';
  if (sameDay(date, new Date(now - 86_400_000))) return 'Yesterday';
  return dayFormat.format(date);
}

function hue(id) {
  let h = 0;
  for (const ch of id || '') h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

function paintAvatar(element, key, text) {
  element.textContent = (text || '?').replace(/^0x/, '').slice(0, 1).toUpperCase();
  element.style.setProperty('--avatar-hue', hue(key));
}

// ---- Small DOM helpers ---------------------------------------------------------------------------------

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(text, className, label) {
  const b = el('button', className, text);
  b.type = 'button';
  if (label) b.setAttribute('aria-label', label);
  return b;
}

// ---- Sign-in -------------------------------------------------------------------------------------------

function showSignIn(message = '') {
  state.signedIn = false;
  $('chat').hidden = true;
  $('signin').hidden = false;
  $('wallet-signin').hidden = !window.ethereum;
  $('signin-status').textContent = message;
  $('demo-name').focus();
}

async function signInDemo(event) {
  event.preventDefault();
  const name = $('demo-name').value.trim();
  if (!name) {
    $('signin-status').textContent = 'Enter a name to sign in.';
    $('demo-name').focus();
    return;
  }
  const submit = event.submitter || $('demo-form').querySelector('button[type=submit]');
  submit.disabled = true;
  $('signin-status').textContent = 'Opening your inbox…';
  try {
    const session = await api('POST', '/session/demo', { name });
    state.userName = session && session.user || name;
    const inbox = await api('GET', '/inbox');
    enterChat(inbox);
  } catch (error) {
    $('signin-status').textContent = '';
    showError(error);
  } finally {
    submit.disabled = false;
  }
}

function utf8Hex(text) {
  return '0x' + Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function signInWallet() {
  const ethereum = window.ethereum;
  if (!ethereum) return;
  $('wallet-button').disabled = true;
  try {
    $('signin-status').textContent = 'Waiting for your wallet…';
    const accounts = await ethereum.request({ method: 'eth_requestAccounts' });
    if (!accounts || !accounts.length) throw new Error('The wallet shared no account.');
    const address = String(accounts[0]).toLowerCase();
    await api('POST', '/session/wallet', { address });
    let inbox;
    try {
      inbox = await api('GET', '/inbox');
    } catch (error) {
      if (error.code !== 'WALLET_SIGNATURE_REQUIRED' || !error.problem.challenge) throw error;
      const challenge = error.problem.challenge;
      $('signin-status').textContent = 'Sign the message in your wallet to register this inbox…';
      const signature = await ethereum.request({
        method: 'personal_sign',
        params: [utf8Hex(challenge.text), challenge.address || address],
      });
      inbox = await api('POST', '/inbox/signature', { challengeId: challenge.id, signature });
    }
    state.userName = shortId(address);
    enterChat(inbox);
  } catch (error) {
    $('signin-status').textContent = '';
    if (error && error.code === 4001) {
      toast('error', 'Cancelled in the wallet', 'The wallet request was rejected; nothing was signed.', 'WALLET_REJECTED');
    } else if (error instanceof ApiError) {
      showError(error);
    } else {
      toast('error', 'The wallet failed', String(error && error.message || error), 'WALLET');
    }
  } finally {
    $('wallet-button').disabled = false;
  }
}

async function signOut() {
  try {
    await api('DELETE', '/session');
  } catch {
    // signed out locally anyway
  }
  leaveChat();
  showSignIn('Signed out.');
}

function sessionEnded() {
  leaveChat();
  showSignIn('Your session ended. Sign in again.');
}

function leaveChat() {
  state.signedIn = false;
  state.me = null;
  state.conversations.clear();
  closeConversation();
  disconnect();
}

// ---- Chat ----------------------------------------------------------------------------------------------

function enterChat(inbox) {
  state.me = inbox;
  state.signedIn = true;
  state.userName = state.userName || shortId(inbox.address);
  $('signin').hidden = true;
  $('chat').hidden = false;
  $('me-name').textContent = state.userName;
  $('me-address').textContent = inbox.address;
  $('me-address').title = inbox.address;
  $('me-inbox-id').textContent = inbox.inboxId;
  $('me-inbox-id').title = inbox.inboxId;
  paintAvatar($('me-avatar'), inbox.inboxId, state.userName);
  document.title = `${state.userName} · Socon Messaging`;
  loadConversations().then(() => {
    const fromHash = location.hash.match(/^#\/c\/([0-9a-f]+)$/);
    if (fromHash && state.conversations.has(fromHash[1])) openConversation(fromHash[1]);
  });
  connect();
  $('new-dm').focus();
}

async function loadConversations() {
  try {
    const all = [];
    let after = null;
    do {
      const page = await api('GET', `/conversations?limit=${PAGE_SIZE}` + (after ? `&after=${encodeURIComponent(after)}` : ''));
      all.push(...(page.conversations || []));
      after = page.next;
    } while (after && all.length < 500);
    all.forEach(learnAddresses);
    state.conversations = new Map(all.map((c) => [c.id, c]));
    renderConversations();
  } catch (error) {
    showError(error);
  }
}

function activity(c) {
  const last = c.lastMessage ? toNs(c.lastMessage.sentAtNs) : 0n;
  const created = isoToNs(c.createdAt);
  return last > created ? last : created;
}

function preview(c) {
  const m = c.lastMessage;
  if (!m) return c.kind === 'GROUP' ? 'Group created' : 'No messages yet';
  const who = m.sender === state.me.inboxId ? 'You: ' : (c.kind === 'GROUP' ? `${personName(m.sender)}: ` : '');
  switch (m.type) {
    case 'text':
    case 'reply':
      return who + (m.text || '');
    case 'reaction':
      return `${who}${m.action === 'REMOVED' ? 'removed' : 'reacted'} ${m.emoji || ''}`;
    case 'attachment':
    case 'remoteAttachment':
      return `${who}📎 Attachment`;
    case 'groupUpdated':
      return 'Group updated';
    case 'readReceipt':
      return 'Read';
    default:
      return who + (m.fallback || 'Unsupported message');
  }
}

function renderConversations() {
  const list = $('conversation-list');
  const sorted = [...state.conversations.values()].sort((a, b) => {
    const x = activity(a), y = activity(b);
    return x === y ? 0 : (x > y ? -1 : 1);
  });
  const focusedId = document.activeElement && document.activeElement.closest('#conversation-list')
    ? document.activeElement.closest('[data-conversation-id]')?.dataset.conversationId : null;
  list.replaceChildren(...sorted.map(conversationItem));
  $('conversations-empty').hidden = sorted.length > 0;
  if (focusedId) list.querySelector(`[data-conversation-id="${focusedId}"] button`)?.focus();
  const unread = sorted.reduce((sum, c) => sum + (c.unreadCount || 0), 0);
  document.title = `${unread ? `(${unread}) ` : ''}${state.userName} · Socon Messaging`;
}

function conversationItem(c) {
  const li = el('li', 'conversation-item');
  li.dataset.testid = 'conversation-item';
  li.dataset.conversationId = c.id;
  li.dataset.kind = c.kind;
  if (c.kind === 'DM') li.dataset.peer = c.peer || '';
  const b = el('button', 'conversation-button');
  b.type = 'button';
  if (c.id === state.openId) b.setAttribute('aria-current', 'true');
  const name = conversationName(c);
  const avatar = el('span', `avatar${c.kind === 'GROUP' ? ' group' : ''}`);
  avatar.setAttribute('aria-hidden', 'true');
  paintAvatar(avatar, c.id, c.kind === 'GROUP' ? name : (state.labels[c.peer] || c.peer));
  const body = el('span', 'conversation-body');
  const top = el('span', 'conversation-top');
  const title = el('span', 'conversation-name', name);
  title.dataset.testid = 'conversation-name';
  const time = el('span', 'conversation-time', c.lastMessage ? listTime(messageDate(c.lastMessage)) : '');
  top.append(title, time);
  const bottom = el('span', 'conversation-bottom');
  const text = el('span', 'conversation-preview', preview(c));
  text.dataset.testid = 'conversation-preview';
  bottom.append(text);
  const unread = c.unreadCount || 0;
  if (unread > 0 && c.id !== state.openId) {
    const badge = el('span', 'badge', unread > 99 ? '99+' : String(unread));
    badge.dataset.testid = 'unread-badge';
    badge.setAttribute('aria-label', `${unread} unread`);
    bottom.append(badge);
    li.classList.add('unread');
  }
  body.append(top, bottom);
  b.append(avatar, body);
  b.addEventListener('click', () => openConversation(c.id));
  li.append(b);
  return li;
}

function upsertConversation(c) {
  learnAddresses(c);
  if (c.kind === 'DM' && c.peer) {
    // One DM per peer: when the server shows another of the peer's DMs now, keep it under the id listed here.
    for (const [id, other] of state.conversations) {
      if (id !== c.id && other.kind === 'DM' && other.peer === c.peer) {
        state.aliases.set(c.id, id);
        c = { ...c, id };
        break;
      }
    }
  }
  const known = state.conversations.get(c.id);
  if (known && known.lastMessage && (!c.lastMessage || toNs(known.lastMessage.sentAtNs) > toNs(c.lastMessage.sentAtNs))) {
    c = { ...c, lastMessage: known.lastMessage };
  }
  if (c.id === state.openId) c = { ...c, unreadCount: 0 };
  state.conversations.set(c.id, c);
  renderConversations();
  if (c.id === state.openId) renderHeader();
  return c;
}

// ---- One conversation ----------------------------------------------------------------------------------

async function openConversation(id) {
  const c = state.conversations.get(id);
  if (!c) return;
  hidePicker();
  state.openId = id;
  state.messages = new Map();
  state.nodes = new Map();
  state.olderCursor = null;
  cancelReply();
  if (location.hash !== `#/c/${id}`) history.replaceState(null, '', `#/c/${id}`);
  $('chat').classList.add('show-conversation');
  $('placeholder').hidden = true;
  $('conversation-header').hidden = false;
  $('message-scroller').hidden = false;
  $('composer').hidden = false;
  $('message-list').replaceChildren();
  $('message-list').setAttribute('aria-busy', 'true');
  renderHeader();
  renderConversations();
  $('composer-input').focus();
  await loadMessages(id);
  markRead(id);
}

function closeConversation() {
  state.openId = null;
  state.messages = new Map();
  state.nodes = new Map();
  cancelReply();
  hidePicker();
  $('chat').classList.remove('show-conversation');
  $('placeholder').hidden = false;
  $('conversation-header').hidden = true;
  $('message-scroller').hidden = true;
  $('composer').hidden = true;
  $('message-list').replaceChildren();
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
}

function renderHeader() {
  const c = state.conversations.get(state.openId);
  if (!c) return;
  const name = conversationName(c);
  $('conversation-title').textContent = name;
  paintAvatar($('conversation-avatar'), c.id, c.kind === 'GROUP' ? name : (state.labels[c.peer] || c.peer));
  $('conversation-avatar').classList.toggle('group', c.kind === 'GROUP');
  const subtitle = $('conversation-subtitle');
  if (c.kind === 'GROUP') {
    const members = c.members || [];
    subtitle.textContent = `${members.length} member${members.length === 1 ? '' : 's'}`
      + (c.description ? ` · ${c.description}` : '');
    subtitle.title = members.map((m) => `${personName(m.inboxId)} (${m.inboxId})${m.role !== 'MEMBER' ? ' admin' : ''}`).join('\n');
  } else {
    subtitle.textContent = `Inbox ${c.peer || ''}`;
    subtitle.title = c.peer || '';
  }
}

/** Loads the newest page (replacing what is shown) or, with older, the page before the oldest one. */
async function loadMessages(id, older = false) {
  const seq = ++state.loadSeq;
  const query = `?limit=${PAGE_SIZE}` + (older && state.olderCursor ? `&before=${encodeURIComponent(state.olderCursor)}` : '');
  try {
    const page = await api('GET', `/conversations/${id}/messages${query}`);
    if (state.openId !== id || (!older && seq !== state.loadSeq)) return;
    if (!older) {
      // Keep local messages still being sent; everything else comes from the server.
      const pending = [...state.messages.values()].filter((m) => m.local);
      state.messages = new Map();
      pending.forEach((m) => state.messages.set(m.id, m));
    }
    for (const m of page.messages || []) state.messages.set(m.id, m);
    state.olderCursor = page.next ?? null;
    renderMessages(older ? 'keep' : 'bottom');
  } catch (error) {
    if (state.openId === id) showError(error);
  } finally {
    if (state.openId === id) $('message-list').removeAttribute('aria-busy');
  }
}

function sortedMessages() {
  return [...state.messages.values()].sort((a, b) => {
    if (a.local !== b.local) return a.local ? 1 : -1;
    const x = toNs(a.sentAtNs), y = toNs(b.sentAtNs);
    return x === y ? 0 : (x < y ? -1 : 1);
  });
}

/** Emoji chips per message: the latest action of each sender for each emoji wins. */
function aggregateReactions(messages) {
  const byTarget = new Map();
  for (const m of messages) {
    if (m.type !== 'reaction' || !m.reference || !m.emoji) continue;
    let byEmoji = byTarget.get(m.reference);
    if (!byEmoji) byTarget.set(m.reference, byEmoji = new Map());
    let senders = byEmoji.get(m.emoji);
    if (!senders) byEmoji.set(m.emoji, senders = new Set());
    if (m.action === 'REMOVED') senders.delete(m.sender);
    else senders.add(m.sender);
  }
  return byTarget;
}

/**
 * Renders the open conversation. Elements whose content did not change are kept (keyed by message id), so
 * the live region announces only new messages and focus stays where it was.
 */
function renderMessages(scroll = 'auto') {
  const scroller = $('message-scroller');
  const list = $('message-list');
  const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  const heightBefore = scroller.scrollHeight;
  const focusKey = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.focusKey : null;

  const c = state.conversations.get(state.openId);
  const all = sortedMessages();
  const reactions = aggregateReactions(all);
  const cache = state.nodes;
  const next = new Map();
  const items = [];
  const keep = (key, sig, make) => {
    const cached = cache.get(key);
    const node = cached && cached.sig === sig ? cached.node : make();
    next.set(key, { sig, node });
    items.push(node);
  };
  let lastDay = null;
  let previous = null;
  for (const m of all) {
    if (!BUBBLE_TYPES.has(m.type) && m.type !== 'groupUpdated') continue;
    const date = messageDate(m);
    if (!lastDay || !sameDay(lastDay, date)) {
      const label = dayLabel(date);
      keep(`day:${date.toDateString()}`, label, () => {
        const sep = el('li', 'day-separator');
        sep.append(el('span', '', label));
        return sep;
      });
      lastDay = date;
      previous = null;
    }
    if (m.type === 'groupUpdated') {
      keep(`sys:${m.id}`, JSON.stringify(m.update || {}), () => systemItem(m));
      previous = null;
      continue;
    }
    const continued = Boolean(previous && previous.sender === m.sender && messageDate(previous) - date > -5 * 60_000);
    const chips = reactions.get(m.id);
    const target = m.type === 'reply' ? state.messages.get(m.reference) : null;
    const sig = JSON.stringify([m.type, m.text, m.fallback, m.status, !!m.local, !!m.failed, continued, c && c.kind,
      personName(m.sender), target ? [target.sender, target.text, target.fallback] : null,
      chips ? [...chips].map(([emoji, senders]) => [emoji, [...senders].sort()]) : null]);
    keep(m.id, sig, () => messageItem(m, c, chips, continued));
    previous = m;
  }
  if (!items.length) {
    keep('empty', '', () => {
      const empty = el('li', 'empty-conversation', 'No messages yet. Say hello!');
      empty.dataset.testid = 'conversation-empty';
      return empty;
    });
  }
  state.nodes = next;
  // Move and insert only what changed.
  let cursor = list.firstChild;
  for (const node of items) {
    if (node === cursor) {
      cursor = cursor.nextSibling;
    } else {
      list.insertBefore(node, cursor);
    }
  }
  while (cursor) {
    const after = cursor.nextSibling;
    cursor.remove();
    cursor = after;
  }
  $('load-older').hidden = !state.olderCursor;

  if (focusKey && document.activeElement === document.body) {
    list.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }
  if (scroll === 'bottom' || (scroll === 'auto' && atBottom)) {
    scroller.scrollTop = scroller.scrollHeight;
  } else if (scroll === 'keep') {
    scroller.scrollTop += scroller.scrollHeight - heightBefore;
  }
}

function systemItem(m) {
  const u = m.update || {};
  const parts = [];
  if (u.added && u.added.length) parts.push(`added ${u.added.map(personName).join(', ')}`);
  if (u.removed && u.removed.length) parts.push(`removed ${u.removed.map(personName).join(', ')}`);
  if (u.name) parts.push(`named the group “${u.name}”`);
  const who = u.by ? personName(u.by) : (m.sender ? personName(m.sender) : 'Someone');
  const li = el('li', 'system', parts.length ? `${who} ${parts.join(', ')}` : `${who} updated the group`);
  li.dataset.testid = 'system-message';
  li.dataset.messageId = m.id;
  return li;
}

function messageItem(m, c, reactions, continued) {
  const mine = state.me && m.sender === state.me.inboxId;
  const li = el('li', `message${mine ? ' mine' : ''}${continued ? ' continued' : ''}${m.local ? ' local' : ''}`);
  li.dataset.testid = 'message';
  li.dataset.messageId = m.id;
  li.dataset.sender = m.sender || '';
  li.dataset.type = m.type;

  const bubble = el('div', 'bubble');
  const sender = el('span', 'sender', mine ? 'You' : personName(m.sender));
  sender.dataset.testid = 'message-sender';
  sender.title = m.sender || '';
  // The sender is visible in groups (except for own messages and runs); screen readers always get it.
  if (mine || continued || (c && c.kind === 'DM')) sender.classList.add('visually-hidden');
  bubble.append(sender);

  if (m.type === 'reply' && m.reference) {
    const target = state.messages.get(m.reference);
    const quote = el('blockquote', 'quote');
    quote.dataset.testid = 'message-quote';
    quote.dataset.reference = m.reference;
    quote.append(el('span', 'quote-sender', target ? (target.sender === state.me.inboxId ? 'You' : personName(target.sender)) : 'Reply to'),
      el('span', 'quote-text', target ? (target.text || target.fallback || 'a message') : 'a message not loaded here'));
    if (target) {
      quote.tabIndex = 0;
      quote.setAttribute('role', 'link');
      quote.setAttribute('aria-label', 'Show the quoted message');
      const jump = () => {
        const t = $('message-list').querySelector(`[data-message-id="${CSS.escape(m.reference)}"]`);
        if (t) {
          t.scrollIntoView({ block: 'center', behavior: 'smooth' });
          t.classList.add('flash');
          setTimeout(() => t.classList.remove('flash'), 1200);
        }
      };
      quote.addEventListener('click', jump);
      quote.addEventListener('keydown', (e) => { if (e.key === 'Enter') jump(); });
    }
    bubble.append(quote);
  }

  let body;
  if (m.type === 'text' || m.type === 'reply') body = m.text || '';
  else if (m.type === 'attachment' || m.type === 'remoteAttachment') body = `📎 ${m.fallback || 'Attachment (not shown in this sample)'}`;
  else body = m.fallback || `Unsupported message (${m.contentType || 'unknown type'})`;
  const text = el('p', `text${m.type === 'text' || m.type === 'reply' ? '' : ' unsupported'}`, body);
  text.dataset.testid = 'message-text';
  bubble.append(text);

  const meta = el('span', 'meta');
  const date = messageDate(m);
  const time = el('time', '', timeFormat.format(date));
  time.dateTime = date.toISOString();
  time.title = date.toLocaleString();
  time.dataset.testid = 'message-time';
  meta.append(time);
  if (mine) {
    const status = m.local ? (m.failed ? 'failed' : 'sending') : (m.status || 'PUBLISHED').toLowerCase();
    const mark = el('span', `status status-${status}`, { sending: '…', unpublished: '…', failed: '!', published: '✓' }[status] || '');
    mark.dataset.testid = 'message-status';
    mark.dataset.status = status;
    mark.title = { sending: 'Sending', unpublished: 'Not yet delivered to the network', failed: 'Not sent', published: 'Sent' }[status] || status;
    mark.setAttribute('role', 'img');
    mark.setAttribute('aria-label', mark.title);
    meta.append(mark);
  }
  bubble.append(meta);
  li.append(bubble);

  const actions = el('div', 'message-actions');
  if (m.local && m.failed) {
    const retry = button('Retry', 'retry', 'Send again');
    retry.dataset.testid = 'retry-button';
    retry.addEventListener('click', () => retrySend(m));
    actions.append(retry);
  } else if (!m.local) {
    const reply = button('↩', 'icon-button', 'Reply');
    reply.title = 'Reply';
    reply.dataset.testid = 'reply-button';
    reply.dataset.focusKey = `reply:${m.id}`;
    reply.addEventListener('click', () => startReply(m));
    const react = button('☺', 'icon-button', 'React');
    react.title = 'React';
    react.dataset.testid = 'react-button';
    react.dataset.focusKey = `react:${m.id}`;
    react.setAttribute('aria-haspopup', 'true');
    react.setAttribute('aria-expanded', 'false');
    react.addEventListener('click', () => togglePicker(react, m));
    actions.append(reply, react);
  }
  li.append(actions);

  if (reactions && reactions.size) {
    const chips = el('ul', 'reactions');
    chips.dataset.testid = 'reactions';
    for (const [emoji, senders] of reactions) {
      if (!senders.size) continue;
      const includesMe = senders.has(state.me.inboxId);
      const item = el('li');
      const chip = button(`${emoji} ${senders.size}`, `chip${includesMe ? ' mine' : ''}`);
      chip.dataset.testid = 'reaction-chip';
      chip.dataset.emoji = emoji;
      chip.dataset.count = String(senders.size);
      chip.dataset.focusKey = `chip:${m.id}:${emoji}`;
      chip.setAttribute('aria-pressed', String(includesMe));
      chip.setAttribute('aria-label', `${emoji} ${senders.size} ${senders.size === 1 ? 'reaction' : 'reactions'}${includesMe ? ', including yours; press to remove yours' : '; press to add yours'}`);
      chip.title = [...senders].map(personName).join(', ');
      chip.addEventListener('click', () => react(m, emoji));
      item.append(chip);
      chips.append(item);
    }
    if (chips.children.length) li.append(chips);
  }
  return li;
}

// ---- Sending -------------------------------------------------------------------------------------------

async function send(event) {
  event.preventDefault();
  const input = $('composer-input');
  const text = input.value.trim();
  const id = state.openId;
  if (!text || !id) return;
  const replyTo = state.replyTo;
  const body = replyTo ? { type: 'reply', reference: replyTo.id, text } : { type: 'text', text };
  input.value = '';
  autosize();
  cancelReply();
  const local = {
    id: `local-${++state.localSeq}`, local: true, conversationId: id, sender: state.me.inboxId,
    sentAt: new Date().toISOString(), sentAtNs: String(BigInt(Date.now()) * 1_000_000n),
    type: body.type, text, reference: body.reference, body,
  };
  state.messages.set(local.id, local);
  renderMessages('bottom');
  await deliver(local);
}

async function deliver(local) {
  const id = local.conversationId;
  try {
    const sent = await api('POST', `/conversations/${id}/messages`, local.body);
    // sent through another DM with the same peer (the one the server shows now): list it under this one
    if (sent && sent.conversationId && sent.conversationId !== id) state.aliases.set(sent.conversationId, id);
    if (state.openId === id) {
      state.messages.delete(local.id);
      // The stream may already have brought it, published.
      if (sent && sent.id && state.messages.get(sent.id)?.status !== 'PUBLISHED') state.messages.set(sent.id, sent);
      renderMessages('bottom');
    }
    if (sent) noteLastMessage(sent);
  } catch (error) {
    if (state.openId === id) {
      local.failed = true;
      renderMessages();
    }
    showError(error);
  }
}

function retrySend(local) {
  local.failed = false;
  renderMessages();
  deliver(local);
}

async function react(target, emoji) {
  hidePicker();
  const mine = aggregateReactions(sortedMessages()).get(target.id)?.get(emoji)?.has(state.me.inboxId);
  const id = state.openId;
  try {
    const sent = await api('POST', `/conversations/${id}/messages`,
      { type: 'reaction', reference: target.id, emoji, action: mine ? 'REMOVED' : 'ADDED' });
    if (sent && sent.id && state.openId === id) {
      state.messages.set(sent.id, sent);
      renderMessages();
    }
  } catch (error) {
    showError(error);
  }
}

function startReply(m) {
  state.replyTo = m;
  $('reply-to-sender').textContent = m.sender === state.me.inboxId ? 'yourself' : personName(m.sender);
  $('reply-to-text').textContent = m.text || m.fallback || '';
  $('reply-preview').hidden = false;
  $('composer-input').focus();
}

function cancelReply() {
  state.replyTo = null;
  $('reply-preview').hidden = true;
}

/** The id this page lists a conversation by (a DM stitched into another is shown as that one). */
function shownId(id) {
  return state.aliases.get(id) || id;
}

function noteLastMessage(m) {
  const c = state.conversations.get(shownId(m.conversationId));
  if (!c || m.type === 'readReceipt') return false;
  if (c.lastMessage && c.lastMessage.id === m.id) return false;
  if (c.lastMessage && toNs(c.lastMessage.sentAtNs) > toNs(m.sentAtNs)) return true;
  c.lastMessage = m;
  renderConversations();
  return true;
}

function markRead(id) {
  const c = state.conversations.get(id);
  if (c && c.unreadCount) {
    c.unreadCount = 0;
    renderConversations();
  }
  clearTimeout(state.readTimer);
  state.readTimer = setTimeout(() => {
    api('POST', `/conversations/${id}/read`).catch(() => { /* the count is refreshed on the next load */ });
  }, 300);
}

// ---- Reaction picker -----------------------------------------------------------------------------------

let pickerFor = null;

function togglePicker(anchor, m) {
  if (pickerFor && pickerFor.message.id === m.id) {
    hidePicker();
    return;
  }
  hidePicker();
  const picker = $('emoji-picker');
  picker.replaceChildren(...REACTIONS.map((emoji) => {
    const b = button(emoji, 'emoji', `React with ${emoji}`);
    b.dataset.testid = 'react-emoji';
    b.dataset.emoji = emoji;
    b.addEventListener('click', () => react(m, emoji));
    return b;
  }));
  picker.hidden = false;
  const rect = anchor.getBoundingClientRect();
  const width = picker.offsetWidth;
  picker.style.left = `${Math.max(8, Math.min(window.innerWidth - width - 8, rect.left + rect.width / 2 - width / 2))}px`;
  picker.style.top = `${rect.top > 60 ? rect.top - picker.offsetHeight - 6 : rect.bottom + 6}px`;
  anchor.setAttribute('aria-expanded', 'true');
  pickerFor = { anchor, message: m };
  picker.firstElementChild.focus();
}

function hidePicker() {
  if (!pickerFor) return;
  $('emoji-picker').hidden = true;
  const anchor = pickerFor.anchor;
  pickerFor = null;
  if (anchor.isConnected) {
    anchor.setAttribute('aria-expanded', 'false');
  }
}

// ---- New chat, new group -------------------------------------------------------------------------------

function openDialog(dialog) {
  dialog.querySelectorAll('.form-error').forEach((e) => { e.hidden = true; e.textContent = ''; });
  dialog.querySelector('form').reset();
  dialog.showModal();
  dialog.querySelector('input').focus();
}

async function startDm(event) {
  event.preventDefault();
  const peer = normalizePeer($('dm-peer').value);
  const error = $('dm-error');
  error.hidden = true;
  if (!peer) {
    showInlineError(error, new ApiError(400, { title: 'Enter an address or inbox id', code: 'INVALID_ARGUMENT' }));
    $('dm-peer').focus();
    return;
  }
  const submit = $('dm-form').querySelector('[type=submit]');
  submit.disabled = true;
  submit.textContent = 'Starting…';
  try {
    const dm = await api('POST', '/conversations/dm', { peer });
    rememberLabel(dm.peer, peer);
    $('dm-dialog').close();
    openConversation(upsertConversation(dm).id);
  } catch (e) {
    showInlineError(error, e);
    $('dm-peer').focus();
  } finally {
    submit.disabled = false;
    submit.textContent = 'Start chat';
  }
}

function normalizePeer(text) {
  const t = text.trim();
  return /^0x[0-9a-fA-F]{40}$/.test(t) ? t.toLowerCase() : t;
}

async function createGroup(event) {
  event.preventDefault();
  const name = $('group-name').value.trim();
  const description = $('group-description').value.trim();
  const members = [...new Set($('group-members').value.split(/[\s,;]+/).map(normalizePeer).filter(Boolean))];
  const error = $('group-error');
  error.hidden = true;
  if (!name) {
    showInlineError(error, new ApiError(400, { title: 'Give the group a name', code: 'INVALID_ARGUMENT' }));
    $('group-name').focus();
    return;
  }
  if (!members.length) {
    showInlineError(error, new ApiError(400, { title: 'Add at least one member', code: 'INVALID_ARGUMENT' }));
    $('group-members').focus();
    return;
  }
  const submit = $('group-form').querySelector('[type=submit]');
  submit.disabled = true;
  submit.textContent = 'Creating…';
  try {
    const group = await api('POST', '/conversations/group', { name, description, members });
    $('group-dialog').close();
    upsertConversation(group);
    openConversation(group.id);
  } catch (e) {
    showInlineError(error, e);
  } finally {
    submit.disabled = false;
    submit.textContent = 'Create group';
  }
}

async function refresh() {
  const b = $('refresh');
  b.disabled = true;
  try {
    await api('POST', '/conversations/sync');
    await loadConversations();
    if (state.openId) await loadMessages(state.openId);
    toast('info', 'Up to date');
  } catch (error) {
    showError(error);
  } finally {
    b.disabled = false;
  }
}

// ---- Live updates --------------------------------------------------------------------------------------

function setConnection(stateName, text) {
  const c = $('connection');
  c.dataset.state = stateName;
  c.textContent = text;
  const banner = $('stream-banner');
  banner.hidden = stateName !== 'offline';
  banner.textContent = stateName === 'offline' ? `Live updates paused. ${text}` : '';
}

function connect() {
  clearTimeout(state.reconnectTimer);
  if (!state.signedIn) return;
  setConnection(state.wsOpenedOnce ? 'offline' : 'connecting', state.wsOpenedOnce ? 'Reconnecting…' : 'Connecting…');
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${API}/stream`;
  let ws;
  try {
    ws = new WebSocket(url);
  } catch {
    scheduleReconnect();
    return;
  }
  state.ws = ws;
  ws.addEventListener('open', () => {
    if (state.ws !== ws) return;
    const reconnected = state.wsOpenedOnce;
    state.wsOpenedOnce = true;
    state.wsFailures = 0;
    setConnection('live', 'Live');
    clearInterval(state.pingTimer);
    state.pingTimer = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ event: 'ping' }));
    }, PING_MS);
    // Whatever happened while the socket was down is in REST: reload the list and the open conversation.
    if (reconnected) resync();
  });
  ws.addEventListener('message', (event) => {
    if (state.ws !== ws) return;
    let frame;
    try {
      frame = parseJson(event.data);
    } catch {
      return;
    }
    handleFrame(frame);
  });
  ws.addEventListener('close', (event) => {
    if (state.ws !== ws) return;
    clearInterval(state.pingTimer);
    state.ws = null;
    if (!state.signedIn) return;
    state.wsFailures++;
    scheduleReconnect(event.code);
  });
}

function scheduleReconnect() {
  const attempt = state.wsFailures;
  const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt - 1)) * (0.75 + Math.random() / 2);
  setConnection('offline', `Reconnecting in ${Math.ceil(delay / 1000)} s…`);
  state.reconnectTimer = setTimeout(async () => {
    if (!state.signedIn) return;
    if (attempt >= 3) {
      // Several failures in a row: is the session still there? (a 401 returns to the sign-in screen)
      try {
        await api('GET', '/inbox');
      } catch {
        if (!state.signedIn) return;
      }
    }
    connect();
  }, delay);
}

function disconnect() {
  clearTimeout(state.reconnectTimer);
  clearInterval(state.pingTimer);
  const ws = state.ws;
  state.ws = null;
  state.wsOpenedOnce = false;
  state.wsFailures = 0;
  if (ws) ws.close(1000, 'signed out');
}

async function resync() {
  await loadConversations();
  if (state.openId && state.conversations.has(state.openId)) {
    await loadMessages(state.openId);
    markRead(state.openId);
  }
}

/** A group changed (members, name, admins): fetch it again so the list and the header show it as it is now. */
async function refreshConversation(id) {
  try {
    upsertConversation(await api('GET', `/conversations/${id}`));
  } catch {
    // it stays as it was until the next resync
  }
}

function handleFrame(frame) {
  switch (frame.event) {
    case 'message':
      if (frame.message) onMessage(frame.message);
      break;
    case 'conversation':
      if (frame.conversation) upsertConversation(frame.conversation);
      break;
    case 'error':
      toast('error', FRIENDLY_TITLES[frame.code] || 'Live updates stopped', frame.detail || '', frame.code || '');
      break;
    default:
      break; // pong and future events
  }
}

async function onMessage(m) {
  let c = state.conversations.get(shownId(m.conversationId));
  if (!c) {
    // A conversation this page has not seen yet: its JSON already counts this message. For a message sent in
    // another DM with the same peer, the server answers with the DM it shows for all of them.
    try {
      c = upsertConversation(await api('GET', `/conversations/${m.conversationId}`));
    } catch {
      return;
    }
    if (c.id !== m.conversationId) state.aliases.set(m.conversationId, c.id);
    else state.aliases.delete(m.conversationId);
    if (c.id !== state.openId) return;
  }
  if (c.id !== m.conversationId) m = { ...m, conversationId: c.id };
  if (m.type === 'groupUpdated' && c.kind === 'GROUP') refreshConversation(c.id);
  const isNew = noteLastMessage(m);
  if (m.conversationId === state.openId) {
    const known = state.messages.get(m.id);
    if (known && known.status !== m.status) {
      // the same message again, e.g. published now
      state.messages.set(m.id, m);
      renderMessages();
    } else if (!known) {
      // Our own send may arrive here before its POST answers: drop the matching local copy.
      if (state.me && m.sender === state.me.inboxId) {
        for (const local of state.messages.values()) {
          if (local.local && !local.failed && local.body.type === m.type && (local.text || '') === (m.text || '')) {
            state.messages.delete(local.id);
            break;
          }
        }
      }
      state.messages.set(m.id, m);
      renderMessages();
    }
    if (m.sender !== state.me.inboxId && UNREAD_TYPES.has(m.type)) {
      if (document.visibilityState === 'visible') markRead(m.conversationId);
      else {
        c.unreadCount = (c.unreadCount || 0) + 1;
        state.unreadWhileHidden = true;
      }
    }
  } else if (isNew && m.sender !== state.me.inboxId && UNREAD_TYPES.has(m.type)) {
    c.unreadCount = (c.unreadCount || 0) + 1;
    renderConversations();
  }
}

// ---- Wiring --------------------------------------------------------------------------------------------

function autosize() {
  const input = $('composer-input');
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}

async function copy(targetId, b) {
  const value = $(targetId).textContent;
  try {
    await navigator.clipboard.writeText(value);
  } catch {
    const range = document.createRange();
    range.selectNodeContents($(targetId));
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    document.execCommand('copy');
    selection.removeAllRanges();
  }
  const before = b.textContent;
  b.textContent = 'Copied';
  b.dataset.copied = 'true';
  setTimeout(() => { b.textContent = before; delete b.dataset.copied; }, 1500);
}

function wire() {
  $('demo-form').addEventListener('submit', signInDemo);
  $('wallet-button').addEventListener('click', signInWallet);
  $('signout').addEventListener('click', signOut);
  document.querySelectorAll('button.copy').forEach((b) => b.addEventListener('click', () => copy(b.dataset.copy, b)));
  $('new-dm').addEventListener('click', () => openDialog($('dm-dialog')));
  $('new-group').addEventListener('click', () => openDialog($('group-dialog')));
  $('refresh').addEventListener('click', refresh);
  $('dm-form').addEventListener('submit', startDm);
  $('group-form').addEventListener('submit', createGroup);
  document.querySelectorAll('dialog .cancel').forEach((b) => b.addEventListener('click', () => b.closest('dialog').close()));
  $('composer').addEventListener('submit', send);
  $('composer-input').addEventListener('input', autosize);
  $('composer-input').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $('composer').requestSubmit();
    } else if (e.key === 'Escape' && state.replyTo) {
      cancelReply();
    }
  });
  $('reply-cancel').addEventListener('click', () => { cancelReply(); $('composer-input').focus(); });
  $('back').addEventListener('click', () => {
    const id = state.openId;
    closeConversation();
    renderConversations();
    $('conversation-list').querySelector(`[data-conversation-id="${id}"] button`)?.focus();
  });
  $('load-older').addEventListener('click', () => state.openId && loadMessages(state.openId, true));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && pickerFor) {
      const anchor = pickerFor.anchor;
      hidePicker();
      anchor.focus();
    }
  });
  document.addEventListener('click', (e) => {
    if (pickerFor && !e.target.closest('#emoji-picker') && e.target !== pickerFor.anchor) hidePicker();
  });
  $('message-scroller').addEventListener('scroll', hidePicker, { passive: true });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && state.openId && state.unreadWhileHidden) {
      state.unreadWhileHidden = false;
      markRead(state.openId);
    }
  });
  window.addEventListener('online', () => { if (state.signedIn && !state.ws) connect(); });
}

async function boot() {
  wire();
  $('wallet-signin').hidden = !window.ethereum;
  try {
    // a reload: the session says who is signed in (a demo name, or a wallet address)
    const session = await api('GET', '/session');
    const user = session && session.user || '';
    state.userName = user.startsWith('0x') ? shortId(user) : user;
    const inbox = await api('GET', '/inbox');
    enterChat(inbox);
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      showSignIn();
    } else {
      showSignIn();
      showError(error);
    }
  }
}

boot();
