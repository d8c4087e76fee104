// Encodes and decodes protobuf messages with XMTP's own published codecs (@xmtp/proto), so that
// WireCompatibilityTest can compare them with the bytes our generated Java classes produce.
//
// Usage: node xmtp-proto-codec.mjs CASES.json
// CASES.json is an array of { id, module, type, json, hex }:
//   module - the ts-proto module under @xmtp/proto/ts/dist/cjs, e.g. "mls/api/v1/mls.pb.js"
//   type   - the exported codec, nested messages joined by "_", e.g. "GroupMessage_V1"
//   json   - the message in proto3 JSON form (as protobuf-java's JsonFormat prints it)
//   hex    - the bytes our Java classes produced for the same message
// Prints an array of { id, encodedHex, decodedJson, error } to stdout.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const codecRoot = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', '@xmtp', 'proto', 'ts', 'dist', 'cjs');

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = cases.map((c) => {
  try {
    // A file path, not a package subpath: the package's "exports" map only exposes its index.
    const codec = require(join(codecRoot, c.module))[c.type];
    if (!codec || typeof codec.encode !== 'function') {
      throw new Error(`no codec ${c.type} in ${c.module}`);
    }
    const encoded = codec.encode(codec.fromJSON(c.json)).finish();
    const decoded = codec.decode(Buffer.from(c.hex, 'hex'));
    return { id: c.id, encodedHex: Buffer.from(encoded).toString('hex'), decodedJson: codec.toJSON(decoded) };
  } catch (e) {
    return { id: c.id, error: String(e && e.stack ? e.stack : e) };
  }
});
process.stdout.write(JSON.stringify(results));
