// A stand-in for the sample app's REST and WebSocket API v1 (docs/rest-api.md), in memory, without
// dependencies: for working on the chat page and on chat-e2e.mjs without Open Liberty. Not used by the build.
//
//   node mock-server.mjs [--port 9090] [--webapp ../../../../../sample-app/src/main/webapp]
//
// It prints the address of a built-in "libxmtp" peer: a text sent to it in a DM is answered with
// MOCK_PEER_REPLY (default "hello from libxmtp"), as ChatPageE2EIT's real libxmtp peer does. So
//   E2E_BASE_URL=http://localhost:9090 E2E_PEER_ADDRESS=<printed address> node chat-e2e.mjs
// runs the whole browser test against this mock.
// With MOCK_OPEN=1 every well-formed address (but 0x…dead) is reachable and answers like that peer (to try
// ChatPageE2EIT's plumbing against this mock: -Dsample.baseUrl=http://localhost:9090).
// Test hooks: POST /mock/node {"up":false} makes sends fail with NODE_UNAVAILABLE; POST /mock/drop closes
// every WebSocket (the page reconnects; with ?refuseMs=5000 not before 5 s).

import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const here = dirname(fileURLToPath(import.meta.url));
const PORT = Number(arg('--port', process.env.MOCK_PORT || 9090));
const WEBAPP = resolve(arg('--webapp', join(here, '../../../../../sample-app/src/main/webapp')));
const PEER_REPLY = process.env.MOCK_PEER_REPLY || 'hello from libxmtp';
const OPEN = process.env.MOCK_OPEN === '1';
const bots = new Set();

// ---- State -----------------------------------------------------------------------------------------------

const hex = (n) => randomBytes(n).toString('hex');
const sha256 = (s) => createHash('sha256').update(s).digest('hex');
const identities = new Map(); // address -> {address, inboxId, installationId}
const byInbox = new Map();    // inboxId -> identity
const sessions = new Map();   // token -> {name?, wallet?, address}
const challenges = new Map(); // id -> {address, text}
const conversations = new Map(); // id -> {id, kind, members:[{inboxId, role}], name, description, imageUrl, createdAt, messages:[]}
const readNs = new Map();     // inboxId|conversationId -> ns string
const sockets = new Map();    // inboxId -> Set<socket>
let nodeUp = true;
let refuseUntil = 0; // WebSocket upgrades are refused until then (POST /mock/drop?refuseMs=…)
let lastNs = 0n;

function nowNs() {
  let ns = BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor(Math.random() * 1000));
  if (ns <= lastNs) ns = lastNs + 1n;
  lastNs = ns;
  return ns;
}

function register(address) {
  let identity = identities.get(address);
  if (!identity) {
    identity = { address, inboxId: sha256(address + ':1'), installationId: hex(32) };
    identities.set(address, identity);
    byInbox.set(identity.inboxId, identity);
  }
  return identity;
}

const bot = register('0x' + sha256('libxmtp-bot').slice(0, 40));
bots.add(bot.inboxId);

// ---- JSON with exact nanoseconds ---------------------------------------------------------------------------

function json(value) {
  return JSON.stringify(value, (key, v) => (typeof v === 'bigint' ? `@@NS${v}@@` : v))
    .replace(/"@@NS(\d+)@@"/g, '$1');
}

function messageJson(m) {
  const { ...copy } = m;
  return copy;
}

function conversationJson(c, viewer) {
  const visible = c.messages.filter((m) => m.type !== 'readReceipt');
  const read = readNs.get(viewer + '|' + c.id) ?? 0n;
  const unread = visible.filter((m) => m.sender !== viewer && m.sentAtNs > read
    && ['text', 'reply', 'attachment', 'remoteAttachment', 'unknown'].includes(m.type)).length;
  return {
    id: c.id, kind: c.kind,
    peer: c.kind === 'DM' ? c.members.find((m) => m.inboxId !== viewer)?.inboxId ?? null : null,
    name: c.name, description: c.description, imageUrl: c.imageUrl, members: c.members, createdAt: c.createdAt,
    lastMessage: visible.length ? messageJson(visible[visible.length - 1]) : null, unreadCount: unread,
  };
}

function activity(c) {
  const last = c.messages.length ? c.messages[c.messages.length - 1].sentAtNs : 0n;
  return last > c.createdNs ? last : c.createdNs;
}

// ---- HTTP --------------------------------------------------------------------------------------------------

class Problem extends Error {
  constructor(status, code, detail, extra = {}) {
    super(detail);
    Object.assign(this, { status, code, detail, extra });
  }
}

const TITLES = {
  PEER_NOT_REACHABLE: 'Peer not reachable', INVALID_ADDRESS: 'Invalid address', INVALID_INBOX_ID: 'Invalid inbox id',
  INVALID_ARGUMENT: 'Invalid argument', IDENTITY_NOT_AVAILABLE: 'Not signed in',
  WALLET_SIGNATURE_REQUIRED: 'Wallet signature required', WALLET_SIGNATURE_INVALID: 'Wallet signature invalid',
  CONVERSATION_NOT_FOUND: 'Conversation not found', MESSAGE_NOT_FOUND: 'Message not found',
  NODE_UNAVAILABLE: 'Node unavailable', NOT_A_MEMBER: 'Not a member',
};

function send(res, status, body, type = 'application/json') {
  res.writeHead(status, body === undefined ? {} : { 'Content-Type': `${type}; charset=utf-8` });
  res.end(body === undefined ? undefined : (typeof body === 'string' ? body : json(body)));
}

function sendProblem(res, p) {
  send(res, p.status, {
    type: `https://socon.io/problems/${p.code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[p.code] || p.code,
    status: p.status, detail: p.detail, code: p.code, ...p.extra,
  }, 'application/problem+json');
}

function cookie(req, name) {
  const m = (req.headers.cookie || '').match(new RegExp(`(?:^|;\\s*)${name}=([^;]+)`));
  return m ? m[1] : null;
}

function session(req) {
  return sessions.get(cookie(req, 'MOCKSESSION'));
}

function me(req) {
  const s = session(req);
  if (!s) throw new Problem(401, 'IDENTITY_NOT_AVAILABLE', 'sign in first');
  const identity = identities.get(s.address);
  if (!identity) {
    if (s.wallet) {
      const id = hex(16);
      const text = `XMTP : Authenticate to inbox\n\nInbox ID: ${sha256(s.address + ':1')}\nCurrent time: ${new Date().toISOString()}`;
      challenges.set(id, { address: s.address, text });
      throw new Problem(401, 'WALLET_SIGNATURE_REQUIRED', 'sign the challenge with your wallet', {
        challenge: { id, text, address: s.address, expiresAt: new Date(Date.now() + 300_000).toISOString() },
      });
    }
    return register(s.address);
  }
  return identity;
}

async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new Problem(400, 'INVALID_ARGUMENT', 'the body is not JSON');
  }
}

function resolvePeer(peer) {
  if (typeof peer !== 'string' || !peer) throw new Problem(400, 'INVALID_ARGUMENT', 'peer is missing');
  if (peer.startsWith('0x')) {
    if (!/^0x[0-9a-fA-F]{40}$/.test(peer)) throw new Problem(400, 'INVALID_ADDRESS', `"${peer}" is not an Ethereum address`);
    let identity = identities.get(peer.toLowerCase());
    if (!identity && OPEN && !peer.toLowerCase().endsWith('dead')) {
      identity = register(peer.toLowerCase());
      bots.add(identity.inboxId);
    }
    if (!identity) throw new Problem(404, 'PEER_NOT_REACHABLE', `address ${peer.toLowerCase()} has no XMTP inbox yet; it cannot be messaged`);
    return identity.inboxId;
  }
  if (!/^[0-9a-f]{64}$/.test(peer)) throw new Problem(400, 'INVALID_INBOX_ID', `"${peer}" is not an inbox id (64 hex digits)`);
  if (!byInbox.has(peer)) throw new Problem(404, 'PEER_NOT_REACHABLE', `inbox ${peer} has no installation; it cannot be messaged`);
  return peer;
}

function conversationOf(id, viewer) {
  const c = conversations.get(id);
  if (!c || !c.members.some((m) => m.inboxId === viewer)) {
    throw new Problem(404, 'CONVERSATION_NOT_FOUND', `no conversation ${id}`);
  }
  return c;
}

function newConversation(kind, creator, members, name = '', description = '') {
  const createdNs = nowNs();
  const c = {
    id: hex(16), kind, name, description, imageUrl: '', createdNs,
    createdAt: new Date(Number(createdNs / 1_000_000n)).toISOString(),
    members: [{ inboxId: creator, role: kind === 'GROUP' ? 'SUPER_ADMIN' : 'MEMBER' },
      ...members.filter((m) => m !== creator).map((inboxId) => ({ inboxId, role: 'MEMBER' }))],
    messages: [],
  };
  conversations.set(c.id, c);
  for (const m of c.members) push(m.inboxId, { event: 'conversation', conversation: conversationJson(c, m.inboxId) });
  return c;
}

function post(c, sender, content) {
  if (!nodeUp) throw new Problem(503, 'NODE_UNAVAILABLE', 'the XMTP node at 127.0.0.1:5556 does not answer');
  if (content.reference && !c.messages.some((m) => m.id === content.reference)) {
    throw new Problem(404, 'MESSAGE_NOT_FOUND', `no message ${content.reference} in this conversation`);
  }
  const ns = nowNs();
  const m = {
    id: hex(32), conversationId: c.id, sender, sentAt: new Date(Number(ns / 1_000_000n)).toISOString(), sentAtNs: ns,
    status: 'PUBLISHED', type: content.type,
    contentType: { text: 'xmtp.org/text:1.0', reply: 'xmtp.org/reply:1.0', reaction: 'xmtp.org/reaction:1.0' }[content.type],
    ...(content.text !== undefined ? { text: content.text } : {}),
    ...(content.reference ? { reference: content.reference } : {}),
    ...(content.type === 'reaction' ? { emoji: content.emoji, action: content.action || 'ADDED' } : {}),
  };
  c.messages.push(m);
  if (!bots.has(sender)) readNs.set(sender + '|' + c.id, ns);
  for (const member of c.members) push(member.inboxId, { event: 'message', message: messageJson(m) });
  const peerBot = c.kind === 'DM' && c.members.find((x) => bots.has(x.inboxId) && x.inboxId !== sender);
  if (peerBot && m.type === 'text' && !bots.has(sender)) {
    setTimeout(() => {
      try {
        post(c, peerBot.inboxId, { type: 'text', text: PEER_REPLY });
      } catch (e) {
        console.error(`peer stand-in could not answer: ${e.message}`);
      }
    }, 300);
  }
  return m;
}

async function api(req, res, path, url) {
  const method = req.method;
  if (method === 'POST' && path === '/session/demo') {
    const { name } = await body(req);
    if (typeof name !== 'string' || !name.trim()) throw new Problem(400, 'INVALID_ARGUMENT', 'name is missing');
    const token = hex(16);
    sessions.set(token, { name: name.trim(), address: '0x' + sha256('demo:' + name.trim()).slice(0, 40) });
    res.setHeader('Set-Cookie', `MOCKSESSION=${token}; Path=/; HttpOnly; SameSite=Lax`);
    return send(res, 200, { user: name.trim() });
  }
  if (method === 'POST' && path === '/session/wallet') {
    const { address } = await body(req);
    if (!/^0x[0-9a-fA-F]{40}$/.test(address || '')) throw new Problem(400, 'INVALID_ADDRESS', `"${address}" is not an address`);
    const token = hex(16);
    sessions.set(token, { wallet: true, address: address.toLowerCase() });
    res.setHeader('Set-Cookie', `MOCKSESSION=${token}; Path=/; HttpOnly; SameSite=Lax`);
    return send(res, 200, {});
  }
  if (method === 'DELETE' && path === '/session') {
    sessions.delete(cookie(req, 'MOCKSESSION'));
    res.setHeader('Set-Cookie', 'MOCKSESSION=; Path=/; Max-Age=0');
    return send(res, 204);
  }
  if (method === 'GET' && path === '/inbox') return send(res, 200, me(req));
  if (method === 'POST' && path === '/inbox/signature') {
    const { challengeId, signature } = await body(req);
    const challenge = challenges.get(challengeId);
    if (!challenge || !/^0x[0-9a-fA-F]{130}$/.test(signature || '')) {
      throw new Problem(400, 'WALLET_SIGNATURE_INVALID', 'the signature does not match the challenge');
    }
    challenges.delete(challengeId);
    return send(res, 200, register(challenge.address));
  }
  const self = me(req).inboxId;
  if (method === 'POST' && path === '/can-message') {
    const { peers = [] } = await body(req);
    return send(res, 200, {
      results: peers.map((peer) => {
        try {
          resolvePeer(peer);
          return { peer, canMessage: true };
        } catch {
          return { peer, canMessage: false };
        }
      }),
    });
  }
  if (method === 'GET' && path === '/conversations') {
    const list = [...conversations.values()].filter((c) => c.members.some((m) => m.inboxId === self))
      .sort((a, b) => (activity(a) > activity(b) ? -1 : 1));
    const limit = Number(url.searchParams.get('limit') || 50);
    const after = Number(url.searchParams.get('after') || 0);
    const page = list.slice(after, after + limit);
    return send(res, 200, {
      conversations: page.map((c) => conversationJson(c, self)),
      next: after + limit < list.length ? String(after + limit) : null,
    });
  }
  if (method === 'POST' && path === '/conversations/sync') return send(res, 204);
  if (method === 'POST' && path === '/conversations/dm') {
    const { peer } = await body(req);
    const other = resolvePeer(peer);
    if (!nodeUp) throw new Problem(503, 'NODE_UNAVAILABLE', 'the XMTP node does not answer');
    const existing = [...conversations.values()].find((c) => c.kind === 'DM'
      && c.members.some((m) => m.inboxId === self) && c.members.some((m) => m.inboxId === other));
    return send(res, 200, conversationJson(existing || newConversation('DM', self, [other]), self));
  }
  if (method === 'POST' && path === '/conversations/group') {
    const { name = '', description = '', members = [] } = await body(req);
    const inboxIds = members.map(resolvePeer);
    if (!nodeUp) throw new Problem(503, 'NODE_UNAVAILABLE', 'the XMTP node does not answer');
    return send(res, 201, conversationJson(newConversation('GROUP', self, inboxIds, name, description), self));
  }
  let m = path.match(/^\/conversations\/([0-9a-f]+)$/);
  if (m && method === 'GET') return send(res, 200, conversationJson(conversationOf(m[1], self), self));
  m = path.match(/^\/conversations\/([0-9a-f]+)\/messages$/);
  if (m && method === 'GET') {
    const c = conversationOf(m[1], self);
    const limit = Number(url.searchParams.get('limit') || 50);
    const before = url.searchParams.get('before');
    const older = before ? c.messages.filter((x) => x.sentAtNs < BigInt(before)) : c.messages;
    const page = older.slice(Math.max(0, older.length - limit));
    return send(res, 200, {
      messages: page.map(messageJson),
      next: older.length > page.length ? page[0].sentAtNs : null,
    });
  }
  if (m && method === 'POST') {
    const c = conversationOf(m[1], self);
    const content = await body(req);
    if (!['text', 'reply', 'reaction'].includes(content.type)) throw new Problem(400, 'INVALID_ARGUMENT', 'unknown type');
    if (content.type !== 'reaction' && !(content.text || '').trim()) throw new Problem(400, 'INVALID_ARGUMENT', 'text is empty');
    return send(res, 201, messageJson(post(c, self, content)));
  }
  m = path.match(/^\/conversations\/([0-9a-f]+)\/read$/);
  if (m && method === 'POST') {
    const c = conversationOf(m[1], self);
    readNs.set(self + '|' + c.id, c.messages.length ? c.messages[c.messages.length - 1].sentAtNs : 0n);
    return send(res, 204);
  }
  throw new Problem(404, 'INVALID_ARGUMENT', `no endpoint ${method} ${path}`);
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  try {
    if (url.pathname.startsWith('/api/v1/')) {
      await api(req, res, url.pathname.slice('/api/v1'.length), url);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/mock/node') {
      nodeUp = (await body(req)).up !== false;
      return send(res, 200, { nodeUp });
    }
    if (req.method === 'POST' && url.pathname === '/mock/drop') {
      refuseUntil = Date.now() + Number(url.searchParams.get('refuseMs') || 0);
      for (const set of sockets.values()) for (const s of set) s.destroy();
      return send(res, 200, { dropped: true });
    }
    const file = normalize(join(WEBAPP, url.pathname === '/' ? 'index.html' : url.pathname));
    if (!file.startsWith(WEBAPP)) return send(res, 403, 'forbidden', 'text/plain');
    const content = await readFile(file);
    res.writeHead(200, { 'Content-Type': `${TYPES[extname(file)] || 'application/octet-stream'}; charset=utf-8`, 'Cache-Control': 'no-store' });
    res.end(content);
  } catch (e) {
    if (e instanceof Problem) sendProblem(res, e);
    else if (e.code === 'ENOENT' || e.code === 'EISDIR') send(res, 404, 'not found', 'text/plain');
    else {
      console.error(e);
      sendProblem(res, new Problem(500, 'INTERNAL', 'internal error'));
    }
  }
});

// ---- WebSocket (RFC 6455, text frames only) ----------------------------------------------------------------

function frame(text) {
  const payload = Buffer.from(text, 'utf8');
  const n = payload.length;
  const header = n < 126 ? Buffer.from([0x81, n])
    : n < 65536 ? Buffer.from([0x81, 126, n >> 8, n & 255])
      : Buffer.concat([Buffer.from([0x81, 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(n)); return b; })()]);
  return Buffer.concat([header, payload]);
}

function push(inboxId, event) {
  for (const socket of sockets.get(inboxId) || []) socket.write(frame(json(event)));
}

server.on('upgrade', (req, socket) => {
  const url = new URL(req.url, 'http://localhost');
  const s = session(req);
  const identity = s && identities.get(s.address);
  if (Date.now() < refuseUntil) {
    socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  if (url.pathname !== '/api/v1/stream' || !identity) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  const accept = createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  const set = sockets.get(identity.inboxId) || new Set();
  sockets.set(identity.inboxId, set);
  set.add(socket);
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2) {
      const opcode = buffered[0] & 15;
      let length = buffered[1] & 127;
      let offset = 2;
      if (length === 126) { length = buffered.readUInt16BE(2); offset = 4; }
      else if (length === 127) { length = Number(buffered.readBigUInt64BE(2)); offset = 10; }
      const masked = (buffered[1] & 128) !== 0;
      const total = offset + (masked ? 4 : 0) + length;
      if (buffered.length < total) return;
      const mask = masked ? buffered.subarray(offset, offset + 4) : null;
      const data = Buffer.from(buffered.subarray(total - length, total));
      if (mask) for (let i = 0; i < data.length; i++) data[i] ^= mask[i % 4];
      buffered = buffered.subarray(total);
      if (opcode === 8) { socket.end(Buffer.from([0x88, 0])); return; }
      if (opcode === 9) socket.write(Buffer.concat([Buffer.from([0x8a, data.length]), data]));
      if (opcode === 1) {
        try {
          if (JSON.parse(data.toString('utf8')).event === 'ping') socket.write(frame('{"event":"pong"}'));
        } catch {
          // ignored
        }
      }
    }
  });
  const forget = () => set.delete(socket);
  socket.on('close', forget);
  socket.on('error', forget);
});

server.listen(PORT, '127.0.0.1', () => {
  console.log(`mock API on http://localhost:${PORT}/ serving ${WEBAPP}`);
  console.log(`libxmtp peer stand-in: address ${bot.address} inbox ${bot.inboxId}`);
});
