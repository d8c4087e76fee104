// An XMTP client (libxmtp through @xmtp/node-sdk) driven by line-delimited JSON, one client per process.
//
// Requests arrive on stdin, one JSON object a line: {"id": <any>, "cmd": "<name>", "args": {...}}.
// Each gets exactly one reply line: {"id", "ok": true, "result"} or {"id", "ok": false, "error", "errorName"}.
// Streams add unsolicited lines {"event": "<kind>", ...}. The process says {"event": "ready", ...} once the
// SDK has loaded, or {"event": "fatal", "error"} and exits 1 if it cannot load.
//
// Replies and events go to file descriptor 3 when it is open, else to stdout. libxmtp writes its own log
// (loggingLevel) to stdout, so a caller that wants both should start this script with fd 3 as its
// protocol pipe and stdout pointing at the log: bash -c 'exec 3>&1 1>&2; exec "$@"' peer node xmtp-peer.mjs
// (XmtpPeer.java does this). Requests are handled concurrently; replies may come out of order.
//
// bigint values (nanosecond timestamps, libxmtp's counters) are sent as decimal strings, byte arrays as
// lowercase hex.
import fs from "node:fs";
import readline from "node:readline";

const PROTOCOL_FD = hasFd(3) ? 3 : 1;

function hasFd(fd) {
  try {
    fs.fstatSync(fd);
    return true;
  } catch {
    return false;
  }
}

function toJson(value) {
  return JSON.stringify(value, (_key, v) => {
    if (typeof v === "bigint") return v.toString();
    if (v instanceof Uint8Array) return Buffer.from(v).toString("hex");
    if (v instanceof Map) return Object.fromEntries(v);
    return v;
  });
}

function send(object) {
  const bytes = Buffer.from(toJson(object) + "\n", "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(PROTOCOL_FD, bytes, offset);
    } catch (e) {
      if (e.code !== "EAGAIN") throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

/** The message of an error and of its causes (napi-rs puts the real load failure into `cause`). */
function describe(error) {
  const parts = [];
  const seen = new Set();
  const walk = (e) => {
    if (e == null || seen.has(e)) return;
    seen.add(e);
    if (Array.isArray(e)) return e.forEach(walk);
    parts.push(e instanceof Error ? e.message : String(e));
    if (e instanceof Error) walk(e.cause);
  };
  walk(error);
  return parts.join("\n  caused by: ");
}

let sdk, viemAccounts, viem, versions;
try {
  sdk = await import("@xmtp/node-sdk");
  viemAccounts = await import("viem/accounts");
  viem = await import("viem");
  versions = {
    nodeSdk: packageVersion("@xmtp/node-sdk"),
    nodeBindings: packageVersion("@xmtp/node-bindings"),
    viem: packageVersion("viem"),
    node: process.version,
    glibc: process.report?.getReport?.().header?.glibcVersionRuntime ?? null,
  };
} catch (e) {
  send({ event: "fatal", error: describe(e) });
  process.exit(1);
}
const { Client, createBackend, generateInboxId, getInboxIdForIdentifier } = sdk;

/** The version of an installed package (read from disk: not every package exports its package.json). */
function packageVersion(name) {
  const file = new URL(`./node_modules/${name}/package.json`, import.meta.url);
  return JSON.parse(fs.readFileSync(file, "utf8")).version;
}

// ---- State: one client per process ------------------------------------------------------------------

let client = null; // the SDK Client
let account = null; // { address, walletKey }
let clientOptions = null; // the options it was created with, for build
const streams = new Map(); // streamId -> AsyncStreamProxy
let nextStreamId = 1;

function requireClient() {
  if (!client) throw new Error("no client: call create or build first");
  return client;
}

function ethereum(address) {
  if (typeof address !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
    throw new Error(`not an Ethereum address: ${address}`);
  }
  return { identifier: address.toLowerCase(), identifierKind: 0 /* IdentifierKind.Ethereum */ };
}

function walletFrom(walletKey) {
  const key = walletKey ?? viemAccounts.generatePrivateKey();
  const viemAccount = viemAccounts.privateKeyToAccount(key);
  return {
    address: viemAccount.address.toLowerCase(),
    walletKey: key,
    signer: {
      type: "EOA",
      getIdentifier: () => ethereum(viemAccount.address),
      signMessage: async (message) => viem.hexToBytes(await viemAccount.signMessage({ message })),
    },
  };
}

const LOG_LEVELS = { off: "Off", error: "Error", warn: "Warn", info: "Info", debug: "Debug", trace: "Trace" };

function optionsFrom(args) {
  const options = {
    dbPath: args.dbPath ?? null,
    disableDeviceSync: args.disableDeviceSync ?? true,
    loggingLevel: LOG_LEVELS[String(args.loggingLevel ?? "off").toLowerCase()] ?? "Off",
  };
  if (args.apiUrl) options.apiUrl = args.apiUrl;
  if (args.env) options.env = args.env;
  if (!args.apiUrl && !args.env) options.env = "local";
  if (args.appVersion) options.appVersion = args.appVersion;
  if (args.historySyncUrl !== undefined) options.historySyncUrl = args.historySyncUrl;
  if (args.dbEncryptionKey) options.dbEncryptionKey = args.dbEncryptionKey;
  return options;
}

function identity() {
  return {
    address: account.address,
    walletKey: account.walletKey,
    inboxId: client.inboxId,
    installationId: client.installationId,
    libxmtpVersion: client.libxmtpVersion ?? null,
  };
}

async function conversationById(id) {
  const conversation = await requireClient().conversations.getConversationById(id);
  if (!conversation) throw new Error(`no conversation ${id} (sync first?)`);
  return conversation;
}

const PERMISSION_LEVELS = ["member", "admin", "superAdmin"];

function describeMember(m) {
  return {
    inboxId: m.inboxId,
    installationIds: m.installationIds,
    permissionLevel: PERMISSION_LEVELS[m.permissionLevel] ?? String(m.permissionLevel),
    addresses: m.accountIdentifiers.map((i) => i.identifier),
  };
}

async function describeConversation(conversation) {
  const isDm = conversation instanceof sdk.Dm;
  const members = (await conversation.members()).map(describeMember);
  return {
    id: conversation.id,
    type: isDm ? "dm" : "group",
    name: isDm ? null : conversation.name,
    description: isDm ? null : conversation.description,
    peerInboxId: isDm ? conversation.peerInboxId : null,
    createdAtNs: conversation.createdAtNs,
    active: conversation.isActive,
    pendingRemoval: isDm ? false : conversation.isPendingRemoval(),
    members,
  };
}

async function groupById(id) {
  const conversation = await conversationById(id);
  if (!(conversation instanceof sdk.Group)) throw new Error(`conversation ${id} is not a group`);
  return conversation;
}

function contentTypeName(t) {
  return t ? `${t.authorityId}/${t.typeId}:${t.versionMajor}.${t.versionMinor}` : null;
}

const REACTION_ACTIONS = { unknown: 0, added: 1, removed: 2 };
const REACTION_SCHEMAS = { unknown: 0, unicode: 1, shortcode: 2, custom: 3 };

function enumName(names, value) {
  return Object.keys(names).find((k) => names[k] === value) ?? String(value);
}

function enumValue(names, name, what) {
  const value = names[String(name).toLowerCase()];
  if (value === undefined) throw new Error(`unknown ${what} ${name} (${Object.keys(names).join(", ")})`);
  return value;
}

/** A reaction's content (xmtp.org/reaction), with the enums as names. */
function describeReaction(r) {
  return {
    reference: r.reference,
    referenceInboxId: r.referenceInboxId || null,
    action: enumName(REACTION_ACTIONS, r.action),
    content: r.content,
    schema: enumName(REACTION_SCHEMAS, r.schema),
  };
}

/** A reply's content (xmtp.org/reply, as the SDK enriches it): the reference and the inner content. */
function describeReply(r, depth) {
  const inner = r.content;
  return {
    reference: r.referenceId,
    contentType: contentTypeName(r.contentType),
    text: typeof inner === "string" ? inner : null,
    content: typeof inner === "string" ? null : (inner ?? null),
    inReplyTo: r.inReplyTo && depth < 2 ? describeMessage(r.inReplyTo, depth + 1) : null,
  };
}

function isReactionType(t) {
  return t?.authorityId === "xmtp.org" && t?.typeId === "reaction";
}

function isReplyType(t) {
  return t?.authorityId === "xmtp.org" && t?.typeId === "reply";
}

/**
 * A message in a stable shape: text for strings (text, markdown), reaction and reply as their own objects
 * (null otherwise), content for everything else, and the reactions libxmtp attached to this message.
 */
function describeMessage(m, depth = 0) {
  const reaction = isReactionType(m.contentType) && m.content ? describeReaction(m.content) : null;
  const reply = isReplyType(m.contentType) && m.content ? describeReply(m.content, depth) : null;
  const generic = typeof m.content !== "string" && !reaction && !reply;
  return {
    id: m.id,
    conversationId: m.conversationId,
    senderInboxId: m.senderInboxId,
    contentType: contentTypeName(m.contentType),
    text: typeof m.content === "string" ? m.content : null,
    content: generic ? (m.content ?? null) : null,
    reaction,
    reply,
    fallback: m.fallback ?? null,
    kind: m.kind === 1 ? "membershipChange" : "application",
    deliveryStatus: ["unpublished", "published", "failed"][m.deliveryStatus] ?? String(m.deliveryStatus),
    sentAtNs: m.sentAtNs,
    numReplies: m.numReplies ?? 0,
    reactions: depth < 2 ? (m.reactions ?? []).map((r) => describeMessage(r, depth + 1)) : [],
  };
}

const CONVERSATION_TYPES = { dm: 0, group: 1 };

function conversationType(name) {
  if (name == null) return undefined;
  const type = CONVERSATION_TYPES[name];
  if (type === undefined) throw new Error(`unknown conversation type ${name} (dm or group)`);
  return type;
}

/** Runs a stream in the background, sending each value as an event until it ends. */
function startStream(kind, stream, toEvent) {
  const streamId = String(nextStreamId++);
  streams.set(streamId, stream);
  (async () => {
    try {
      for await (const value of stream) {
        if (value !== undefined) send({ event: kind, streamId, ...toEvent(value) });
      }
      send({ event: "streamEnded", streamId });
    } catch (e) {
      send({ event: "streamError", streamId, error: describe(e) });
    } finally {
      streams.delete(streamId);
    }
  })();
  return { streamId };
}

function streamOptions(args, streamId) {
  const options = {
    retryAttempts: args.retryAttempts ?? 10,
    retryDelay: args.retryDelayMs ?? 1000,
    onError: (e) => send({ event: "streamError", streamId: streamId(), error: describe(e) }),
    onFail: () => send({ event: "streamFailed", streamId: streamId() }),
    onRetry: (attempt, max) => send({ event: "streamRetry", streamId: streamId(), attempt, max }),
    onRestart: () => send({ event: "streamRestarted", streamId: streamId() }),
  };
  if (args.disableSync) options.disableSync = true;
  return options;
}

async function endStreams() {
  const open = [...streams.values()];
  streams.clear();
  await Promise.allSettled(open.map((s) => s.end()));
}

// ---- Commands ---------------------------------------------------------------------------------------

const commands = {
  ping: async () => "pong",

  /** Writes a line into the peer's log (stdout, where libxmtp logs too), so a test can mark its steps there. */
  mark: async ({ text }) => {
    const line = `---- ${new Date().toISOString()} ${text ?? ""}\n`;
    (PROTOCOL_FD === 1 ? process.stderr : process.stdout).write(line);
    return null;
  },

  version: async () => ({
    ...versions,
    libxmtpVersion: client?.libxmtpVersion ?? null,
    nativeLibraries: loadedNativeLibraries(),
  }),

  /** Offline: the inbox id an address gets with a nonce (default 1), as libxmtp computes it. */
  generateInboxId: async ({ address, nonce }) =>
    generateInboxId(ethereum(address), nonce == null ? undefined : BigInt(nonce)),

  /**
   * Client.create: registers a new installation, for a fresh wallet (a new inbox) or for walletKey's inbox.
   * With the dbPath of an existing installation it reopens that one instead, as libxmtp does.
   */
  create: async (args) => {
    const wallet = walletFrom(args.walletKey);
    const options = optionsFrom(args);
    const created = await Client.create(wallet.signer, options);
    await endStreams();
    client = created;
    account = { address: wallet.address, walletKey: wallet.walletKey };
    clientOptions = options;
    return identity();
  },

  /** Reopens an installation from its database (Client.build: no signature, no registration). */
  build: async (args) => {
    const walletKey = args.walletKey ?? account?.walletKey;
    if (!walletKey && !args.address) throw new Error("build needs walletKey or address (or an earlier create)");
    const wallet = walletKey ? walletFrom(walletKey) : null;
    const address = wallet ? wallet.address : ethereum(args.address).identifier;
    const options = optionsFrom({ ...clientOptionsAsArgs(), ...args });
    const built = await Client.build(ethereum(address), options);
    await endStreams();
    client = built;
    account = { address, walletKey: wallet ? wallet.walletKey : null };
    clientOptions = options;
    return identity();
  },

  identity: async () => (requireClient(), identity()),

  /** {address: boolean} for each address; true when the node knows an inbox for it. */
  canMessage: async ({ addresses }) => {
    const result = await requireClient().canMessage(addresses.map(ethereum));
    return Object.fromEntries([...result.entries()].map(([k, v]) => [k.toLowerCase(), v]));
  },

  /** The inbox id registered for an address, or null. Works without a client when apiUrl is given. */
  inboxIdFor: async ({ address, apiUrl }) => {
    if (client && !apiUrl) return (await client.fetchInboxIdByIdentifier(ethereum(address))) ?? null;
    const backend = await createBackend(apiUrl ? { apiUrl } : { env: "local" });
    return (await getInboxIdForIdentifier(backend, ethereum(address))) ?? null;
  },

  inboxState: async ({ refresh = true } = {}) => {
    const state = refresh
      ? await requireClient().preferences.fetchInboxState()
      : await requireClient().preferences.inboxState();
    return {
      inboxId: state.inboxId,
      recoveryAddress: state.recoveryIdentifier?.identifier ?? null,
      addresses: state.identifiers.map((i) => i.identifier),
      installationIds: state.installations.map((i) => i.id),
    };
  },

  /**
   * Revokes installations of this client's inbox (hex ids), signed by the wallet it was created with
   * (Client.revokeInstallations); answers the inbox state afterwards.
   */
  revokeInstallations: async ({ installationIds }) => {
    await requireClient().revokeInstallations(installationIds.map((id) => viem.hexToBytes(`0x${id}`)));
    return commands.inboxState({ refresh: true });
  },

  newDm: async ({ inboxId }) => describeConversation(await requireClient().conversations.createDm(inboxId)),

  newDmByAddress: async ({ address }) =>
    describeConversation(await requireClient().conversations.createDmWithIdentifier(ethereum(address))),

  newGroup: async ({ inboxIds, name, description }) => {
    const options = {};
    if (name != null) options.groupName = name;
    if (description != null) options.groupDescription = description;
    return describeConversation(await requireClient().conversations.createGroup(inboxIds ?? [], options));
  },

  addMembers: async ({ conversationId, inboxIds }) => {
    await (await conversationById(conversationId)).addMembers(inboxIds);
    return null;
  },

  removeMembers: async ({ conversationId, inboxIds }) => {
    await (await conversationById(conversationId)).removeMembers(inboxIds);
    return null;
  },

  /** Sends a text and returns the message id (after libxmtp has published it). */
  sendText: async ({ conversationId, text }) => (await conversationById(conversationId)).sendText(text),

  /**
   * Sends a reaction (xmtp.org/reaction) to messageId and returns its id. action: "added" (default) or
   * "removed"; schema: "unicode" (default), "shortcode" or "custom". referenceInboxId defaults to the
   * sender of messageId when this client has that message.
   */
  sendReaction: async ({ conversationId, messageId, content, action, schema, referenceInboxId }) => {
    const conversation = await conversationById(conversationId);
    const reference = referenceInboxId ?? requireClient().conversations.getMessageById(messageId)?.senderInboxId ?? "";
    return conversation.sendReaction({
      reference: messageId,
      referenceInboxId: reference,
      action: enumValue(REACTION_ACTIONS, action ?? "added", "reaction action"),
      content,
      schema: enumValue(REACTION_SCHEMAS, schema ?? "unicode", "reaction schema"),
    });
  },

  /** Sends a text reply (xmtp.org/reply around xmtp.org/text) to messageId and returns its id. */
  sendReply: async ({ conversationId, messageId, text, referenceInboxId }) => {
    const conversation = await conversationById(conversationId);
    const reply = { reference: messageId, content: sdk.encodeText(text) };
    const inboxId = referenceInboxId ?? requireClient().conversations.getMessageById(messageId)?.senderInboxId;
    if (inboxId) reply.referenceInboxId = inboxId;
    return conversation.sendReply(reply);
  },

  /** A group's members with their permission levels. */
  members: async ({ conversationId }) => (await (await conversationById(conversationId)).members()).map(describeMember),

  updateGroupName: async ({ conversationId, name }) => {
    await (await groupById(conversationId)).updateName(name);
    return null;
  },

  updateGroupDescription: async ({ conversationId, description }) => {
    await (await groupById(conversationId)).updateDescription(description);
    return null;
  },

  /** Asks to leave a group (Group.requestRemoval: a leave request, which an admin's client then commits). */
  leaveGroup: async ({ conversationId }) => {
    await (await groupById(conversationId)).requestRemoval();
    return null;
  },

  /** conversations.sync(): new welcomes. With conversationId: that conversation's messages. */
  sync: async ({ conversationId } = {}) => {
    if (conversationId) await (await conversationById(conversationId)).sync();
    else await requireClient().conversations.sync();
    return null;
  },

  syncAll: async () => {
    const summary = await requireClient().conversations.syncAll();
    return { numEligible: summary.numEligible, numSynced: summary.numSynced };
  },

  conversation: async ({ conversationId }) => describeConversation(await conversationById(conversationId)),

  listConversations: async ({ type } = {}) => {
    const list = await requireClient().conversations.list({ conversationType: conversationType(type) });
    return Promise.all(list.map(describeConversation));
  },

  /** Messages stored locally (sync first to fetch new ones). direction: "asc" (default) or "desc". */
  messages: async ({ conversationId, limit, direction, kind } = {}) => {
    const options = {};
    if (limit != null) options.limit = limit;
    if (direction != null) options.direction = String(direction).toLowerCase().startsWith("desc") ? 1 : 0;
    if (kind != null) options.kind = kind === "membershipChange" ? 1 : 0;
    return (await (await conversationById(conversationId)).messages(options)).map((m) => describeMessage(m));
  },

  countMessages: async ({ conversationId }) => (await conversationById(conversationId)).countMessages(),

  /** Streams every new message of every conversation as {event:"message"} (type: "dm" or "group"). */
  streamAllMessages: async (args = {}) => {
    let id = null;
    const options = { ...streamOptions(args, () => id), conversationType: conversationType(args.type) };
    const stream = await requireClient().conversations.streamAllMessages(options);
    const started = startStream("message", stream, (m) => describeMessage(m));
    id = started.streamId;
    return started;
  },

  /** Streams new conversations (welcomes) as {event:"conversation", id, type}. */
  streamConversations: async (args = {}) => {
    let id = null;
    const options = { ...streamOptions(args, () => id), conversationType: conversationType(args.type) };
    const stream = await requireClient().conversations.stream(options);
    const started = startStream("conversation", stream, (c) => ({
      id: c.id,
      type: c instanceof sdk.Dm ? "dm" : "group",
    }));
    id = started.streamId;
    return started;
  },

  stopStream: async ({ streamId }) => {
    const stream = streams.get(String(streamId));
    if (!stream) return false;
    streams.delete(String(streamId));
    await stream.end();
    return true;
  },

  /** libxmtp's counters of API calls made by this client. */
  apiStats: async () => ({
    ...requireClient().debugInformation.apiStatistics(),
    ...requireClient().debugInformation.apiIdentityStatistics(),
  }),

  /** Ends the streams and exits the process after replying. */
  close: async () => {
    await endStreams();
    client = null;
    setImmediate(() => process.exit(0));
    return null;
  },
};

function clientOptionsAsArgs() {
  if (!clientOptions) return {};
  const { loggingLevel, ...rest } = clientOptions;
  return { ...rest, loggingLevel: loggingLevel?.toLowerCase() };
}

function loadedNativeLibraries() {
  try {
    const lines = fs.readFileSync("/proc/self/maps", "utf8").split("\n");
    return [...new Set(lines.map((l) => l.split(/\s+/).slice(5).join(" ")).filter((p) => p.endsWith(".node")))];
  } catch {
    return [];
  }
}

// ---- Dispatch ---------------------------------------------------------------------------------------

async function handle(line) {
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    send({ event: "protocolError", error: `not JSON: ${e.message}`, line: line.slice(0, 200) });
    return;
  }
  const { id = null, cmd, args } = request ?? {};
  const command = Object.hasOwn(commands, cmd) ? commands[cmd] : null;
  if (!command) {
    send({ id, ok: false, error: `unknown command ${cmd}`, errorName: "UnknownCommand" });
    return;
  }
  try {
    const result = await command(args ?? {});
    send({ id, ok: true, result: result ?? null });
  } catch (e) {
    send({ id, ok: false, error: describe(e), errorName: e?.constructor?.name ?? typeof e });
  }
}

// A stray rejection or exception (e.g. inside a libxmtp callback) is reported, not fatal.
process.on("unhandledRejection", (e) => send({ event: "error", error: describe(e) }));
process.on("uncaughtException", (e) => send({ event: "error", error: describe(e) }));

let inFlight = 0;
let inputClosed = false;
function exitIfDone() {
  if (inputClosed && inFlight === 0) endStreams().finally(() => process.exit(0));
}

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
input.on("line", (line) => {
  if (line.trim() === "") return;
  inFlight++;
  handle(line).finally(() => {
    inFlight--;
    exitIfDone();
  });
});
// End of input (the driver went away): finish the requests in flight, then exit; do not linger.
input.on("close", () => {
  inputClosed = true;
  exitIfDone();
  setTimeout(() => process.exit(0), 30_000).unref();
});

send({ event: "ready", pid: process.pid, protocolFd: PROTOCOL_FD, ...versions });
