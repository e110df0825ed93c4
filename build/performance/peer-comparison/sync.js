#!/usr/bin/env node
// The TypeScript side of the sync benchmark: the job of SyncSecretsAsync done with Cloudflare's official SDK (npm
// `cloudflare`, pinned in package-lock.json) the straightforward way: list the store, then one call per secret in
// turn (edit when the name exists, else create). Same rounds and phases as `CloudflareSecrets.Benchmarks sync`.
// Usage: node sync.js --base-url http://127.0.0.1:PORT/client/v4 --token T [--secrets 100] [--rounds 5] [--latency-ms 50]
// Prints one JSON line per phase and round.
'use strict';
const crypto = require('node:crypto');
const Cloudflare = require('cloudflare');
const { VERSION } = require('cloudflare/version');

const options = {};
const argv = process.argv.slice(2);
for (let i = 0; i + 1 < argv.length; i += 2) options[argv[i].replace(/^--/, '')] = argv[i + 1];
const number = (name, fallback) => (options[name] === undefined ? fallback : Number.parseInt(options[name], 10));
const secrets = number('secrets', 100);
const rounds = number('rounds', 5);
const latencyMs = number('latency-ms', 50);
if (!(secrets >= 1 && secrets <= 100 && rounds >= 1 && rounds <= 50)) throw new Error('--secrets must be 1-100 and --rounds 1-50');

let requests = 0;
const countingFetch = (url, init) => {
  requests++;
  return fetch(url, init);
};

// Defaults otherwise (retries, timeout), as an application would use the SDK.
const client = new Cloudflare({ apiToken: options.token, baseURL: options['base-url'], fetch: countingFetch });
const desired = Array.from({ length: secrets }, (_, i) => [`SYNC_SECRET_${String(i + 1).padStart(3, '0')}`, `sync-benchmark-value-${i + 1}`]);

async function sync(account, storeId) {
  const existing = new Map();
  for await (const secret of client.secretsStore.stores.secrets.list(storeId, { account_id: account, per_page: 100 })) {
    existing.set(secret.name, secret.id);
  }
  for (const [name, value] of desired) {
    const id = existing.get(name);
    if (id) {
      await client.secretsStore.stores.secrets.edit(id, { account_id: account, store_id: storeId, value });
    } else {
      await client.secretsStore.stores.secrets.create(storeId, { account_id: account, body: [{ name, value, scopes: ['workers'] }] });
    }
  }
}

async function main() {
  for (let round = 0; round <= rounds; round++) {
    const account = crypto.randomUUID().replaceAll('-', '');
    const store = await client.secretsStore.stores.create({ account_id: account, name: 'default_secrets_store' });
    for (const phase of ['empty store', 'full store']) {
      const before = requests;
      const started = process.hrtime.bigint();
      await sync(account, store.id);
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (round === 0) continue;
      console.log(JSON.stringify({
        client: `cloudflare ${VERSION} (Node ${process.versions.node}), one call per secret`,
        phase,
        round,
        secrets,
        parallelism: 1,
        latencyMs,
        requests: requests - before,
        reportedRequests: null,
        lowerBoundRequests: phase === 'empty store' ? 2 + Math.ceil(secrets / 100) : 1 + secrets,
        criticalPathRoundTrips: null,
        wallSeconds,
      }));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
