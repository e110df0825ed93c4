#!/usr/bin/env node
// The TypeScript side of the peer comparison: the same workload as `CloudflareSecrets.Benchmarks peer run`, with
// Cloudflare's official SDK (npm `cloudflare`, pinned in package-lock.json), against the same emulator.
// Usage: node peer.js --base-url http://127.0.0.1:PORT/client/v4 --token T --account A --list-account L --list-store S
//        --get-secret ID [--gets 5000] [--warmup 500] [--creates 1000] [--list-expected 10000] [--emulator-pid P] [--clock-ticks 100]
// Prints one JSON line per phase: client, phase, requests, items, wallSeconds, cpuSeconds, emulatorCpuSeconds.
'use strict';
const fs = require('node:fs');
const Cloudflare = require('cloudflare');

function parse(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || i + 1 >= argv.length) throw new Error(`unexpected argument '${argv[i]}'`);
    options[argv[i].slice(2)] = argv[i + 1];
  }
  return options;
}

const options = parse(process.argv.slice(2));
const required = (name) => {
  if (options[name] === undefined) throw new Error(`--${name} is required`);
  return options[name];
};
const number = (name, fallback) => (options[name] === undefined ? fallback : Number.parseInt(options[name], 10));

const { VERSION } = require('cloudflare/version');
const clientName = `cloudflare ${VERSION} (Node ${process.versions.node})`;
const account = required('account');
const listAccount = required('list-account');
const listStore = required('list-store');
const getSecret = required('get-secret');
const gets = number('gets', 5000);
const warmup = number('warmup', 500);
const creates = number('creates', 1000);
const listExpected = number('list-expected', 10000);
const emulatorPid = options['emulator-pid'];
const clockTicks = number('clock-ticks', 100);

// Defaults otherwise (retries, timeout), as an application would use the SDK.
const client = new Cloudflare({ apiToken: required('token'), baseURL: required('base-url') });

function emulatorCpuSeconds() {
  if (!emulatorPid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${emulatorPid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

async function getOnce() {
  const secret = await client.secretsStore.stores.secrets.get(getSecret, { account_id: listAccount, store_id: listStore });
  if (secret.id !== getSecret) throw new Error('wrong secret');
}

async function listAll() {
  let pages = 0;
  const ids = new Set();
  const first = await client.secretsStore.stores.secrets.list(listStore, { account_id: listAccount, per_page: 100 });
  for await (const page of first.iterPages()) {
    pages++;
    for (const secret of page.getPaginatedItems()) ids.add(secret.id);
  }
  if (ids.size !== listExpected) throw new Error(`listed ${ids.size} distinct secrets, expected ${listExpected}`);
  return { requests: pages, items: ids.size };
}

async function createOne(storeId, name) {
  const page = await client.secretsStore.stores.secrets.create(storeId, {
    account_id: account,
    body: [{ name, value: 'peer-benchmark-value', scopes: ['workers'], comment: 'peer' }],
  });
  const created = page.getPaginatedItems();
  if (created.length !== 1 || created[0].name !== name) throw new Error(`created ${JSON.stringify(created.map((s) => s.name))}, expected ${name}`);
}

async function measure(phase, run) {
  const cpuBefore = process.cpuUsage();
  const emulatorBefore = emulatorCpuSeconds();
  const started = process.hrtime.bigint();
  const { requests, items } = await run();
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const emulatorAfter = emulatorCpuSeconds();
  console.log(JSON.stringify({
    client: clientName,
    phase,
    requests,
    items,
    wallSeconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    emulatorCpuSeconds: emulatorBefore === null || emulatorAfter === null ? null : emulatorAfter - emulatorBefore,
  }));
}

async function main() {
  // Our own store for the creates, in our own account (the list store is shared and must not change).
  const own = await client.secretsStore.stores.create({ account_id: account, name: 'peer-node' });

  // Warm-up, not measured: every code path once (JIT, connection pool), as the .NET side does.
  for (let i = 0; i < warmup; i++) await getOnce();
  await listAll();
  for (let i = 0; i < Math.floor(warmup / 10); i++) await createOne(own.id, `PEER_WARM_${String(i).padStart(6, '0')}`);

  await measure('get', async () => {
    for (let i = 0; i < gets; i++) await getOnce();
    return { requests: gets, items: gets };
  });
  await measure('list', listAll);
  await measure('create', async () => {
    for (let i = 0; i < creates; i++) await createOne(own.id, `PEER_${String(i).padStart(6, '0')}`);
    return { requests: creates, items: creates };
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
