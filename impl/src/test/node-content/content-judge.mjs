// Runs XMTP's published content-type codecs (xmtp-js content-types, and @xmtp/proto for ReactionV2) on
// cases written by ContentCompatibilityTest, so that the test can compare our bytes with theirs.
//
// Usage: node content-judge.mjs CASES.json   (prints a JSON array of results to stdout)
// Each case is { id, op, ... }; bytes travel as lowercase hex.
//   op "encode":  { codec, value, fallback? } -> { hex }   (the serialized EncodedContent)
//   op "decode":  { hex }                     -> { value } (the value their codec reads, bytes as hex)
//   op "encrypt": { value: attachment }       -> { secret, salt, nonce, payload, digest }
//   op "decrypt": { remote, payload }         -> { value: attachment }
// A failure is reported as { id, error }.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContentTypeId } from '@xmtp/content-type-primitives';
import { TextCodec } from '@xmtp/content-type-text';
import { ReactionCodec } from '@xmtp/content-type-reaction';
import { ReplyCodec } from '@xmtp/content-type-reply';
import { ReadReceiptCodec } from '@xmtp/content-type-read-receipt';
import { AttachmentCodec, RemoteAttachmentCodec } from '@xmtp/content-type-remote-attachment';
import { GroupUpdatedCodec } from '@xmtp/content-type-group-updated';

const require = createRequire(import.meta.url);
// @xmtp/proto's ES module build does not load in Node.js; its CommonJS build does.
const { content: protoContent } = require('@xmtp/proto');
// ReactionV2 has no xmtp-js codec; its protobuf type comes from @xmtp/proto (not exported from the index).
// A file path, not a package subpath: the package's "exports" map only exposes its index.
const protoCjs = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '@xmtp', 'proto', 'ts', 'dist', 'cjs');
const { ReactionV2 } = require(join(protoCjs, 'mls', 'message_contents', 'content_types', 'reaction.pb.js'));

const hex = (bytes) => Buffer.from(bytes).toString('hex');
const bytes = (h) => new Uint8Array(Buffer.from(h, 'hex'));

const reactionV2Codec = {
  contentType: new ContentTypeId({ authorityId: 'xmtp.org', typeId: 'reaction', versionMajor: 2, versionMinor: 0 }),
  encode(value) {
    return { type: this.contentType, parameters: {}, content: ReactionV2.encode(ReactionV2.fromJSON(value)).finish() };
  },
  decode(encoded) {
    return ReactionV2.toJSON(ReactionV2.decode(encoded.content));
  },
};

const codecs = {
  text: new TextCodec(),
  reaction: new ReactionCodec(),
  reactionV2: reactionV2Codec,
  reply: new ReplyCodec(),
  readReceipt: new ReadReceiptCodec(),
  attachment: new AttachmentCodec(),
  remoteAttachment: new RemoteAttachmentCodec(),
  groupUpdated: new GroupUpdatedCodec(),
};

const registry = {
  codecFor(type) {
    return Object.values(codecs).find((c) => c.contentType.authorityId === type.authorityId
      && c.contentType.typeId === type.typeId && c.contentType.versionMajor === type.versionMajor);
  },
};

// Turns our JSON form of a value into what the named codec takes.
function toJs(codec, v) {
  switch (codec) {
    case 'attachment':
      return { ...v, data: bytes(v.data) };
    case 'remoteAttachment':
      return { ...v, salt: bytes(v.salt), nonce: bytes(v.nonce), secret: bytes(v.secret) };
    case 'reply':
      return { ...v, contentType: new ContentTypeId(v.contentType), content: toJs(v.innerCodec, v.content) };
    default:
      return v;
  }
}

// Turns a decoded value into JSON, bytes as hex.
function toJson(v) {
  if (v instanceof Uint8Array) return hex(v);
  if (v instanceof ContentTypeId) return v.toString();
  if (Array.isArray(v)) return v.map(toJson);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, toJson(x)]));
  }
  return v;
}

async function run(c) {
  switch (c.op) {
    case 'encode': {
      const encoded = codecs[c.codec].encode(toJs(c.codec, c.value), registry);
      if (c.fallback !== undefined) encoded.fallback = c.fallback;
      return { hex: hex(protoContent.EncodedContent.encode(encoded).finish()) };
    }
    case 'decode': {
      const encoded = protoContent.EncodedContent.decode(bytes(c.hex));
      const codec = registry.codecFor(encoded.type);
      if (!codec) throw new Error(`no codec for ${JSON.stringify(encoded.type)}`);
      return { value: toJson(codec.decode(encoded, registry)), fallback: encoded.fallback };
    }
    case 'encrypt': {
      const r = await RemoteAttachmentCodec.encodeEncrypted(toJs('attachment', c.value), codecs.attachment);
      return { secret: hex(r.secret), salt: hex(r.salt), nonce: hex(r.nonce), payload: hex(r.payload), digest: r.digest };
    }
    case 'decrypt': {
      const payload = bytes(c.payload);
      globalThis.fetch = async () => new Response(payload, { status: 200 });
      const remote = toJs('remoteAttachment', c.remote);
      return { value: toJson(await RemoteAttachmentCodec.load(remote, registry)) };
    }
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const c of cases) {
  try {
    results.push({ id: c.id, ...(await run(c)) });
  } catch (e) {
    results.push({ id: c.id, error: String(e && e.stack ? e.stack : e) });
  }
}
process.stdout.write(JSON.stringify(results));
