#!/usr/bin/env node
// Turns the JSON lines of peer.js and `CloudflareSecrets.Benchmarks peer run` into a Markdown table with the ratios.
// Usage: node report.js results.jsonl
'use strict';
const fs = require('node:fs');

const raw = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));

// Rounds of the same client and phase are added up.
const rows = [];
for (const r of raw) {
  const row = rows.find((x) => x.client === r.client && x.phase === r.phase);
  if (!row) {
    rows.push({ ...r, rounds: 1 });
    continue;
  }
  row.rounds++;
  for (const key of ['requests', 'items', 'wallSeconds', 'cpuSeconds']) row[key] += r[key];
  row.emulatorCpuSeconds = row.emulatorCpuSeconds === null || r.emulatorCpuSeconds === null ? null : row.emulatorCpuSeconds + r.emulatorCpuSeconds;
}
const clients = [...new Set(rows.map((r) => r.client))];
const phases = ['get', 'list', 'create'];
const ours = clients.find((c) => c.startsWith('CloudflareSecrets'));
const baseline = clients.find((c) => c.includes('baseline'));
const theirs = clients.find((c) => c.startsWith('cloudflare '));
const find = (client, phase) => rows.find((r) => r.client === client && r.phase === phase);

const f = (value, digits) => (value === null || value === undefined || Number.isNaN(value) ? 'n/a' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const perSecond = (r) => r.requests / r.wallSeconds;
const cpuPerThousand = (r) => (r.cpuSeconds * 1000) / r.requests;
const emulatorPerThousand = (r) => (r.emulatorCpuSeconds === null ? null : (r.emulatorCpuSeconds * 1000) / r.requests);

const lines = [];
lines.push('| Phase | Client | Rounds | Requests | Items | Wall s | Requests/s | Items/s | Client CPU s | Client CPU s / 1,000 req | Emulator CPU s / 1,000 req |');
lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const phase of phases) {
  for (const client of clients) {
    const r = find(client, phase);
    if (!r) continue;
    lines.push(`| ${phase} | ${client} | ${r.rounds} | ${f(r.requests, 0)} | ${f(r.items, 0)} | ${f(r.wallSeconds, 2)} | ${f(perSecond(r), 0)} | ${f(r.items / r.wallSeconds, 0)} | ${f(r.cpuSeconds, 2)} | ${f(cpuPerThousand(r), 3)} | ${f(emulatorPerThousand(r), 3)} |`);
  }
}

function ratios(a, b, title) {
  lines.push('');
  lines.push(title);
  lines.push('');
  lines.push('| Phase | Requests/s ratio | Items/s ratio | Client CPU per request ratio | Client CPU per item ratio |');
  lines.push('| --- | ---: | ---: | ---: | ---: |');
  for (const phase of phases) {
    const x = find(a, phase);
    const y = find(b, phase);
    if (!x || !y) continue;
    lines.push(`| ${phase} | ${f(perSecond(x) / perSecond(y), 2)}x | ${f(x.items / x.wallSeconds / (y.items / y.wallSeconds), 2)}x | ${f(cpuPerThousand(x) / cpuPerThousand(y), 2)}x | ${f(x.cpuSeconds / x.items / (y.cpuSeconds / y.items), 2)}x |`);
  }
}

if (ours && theirs) ratios(ours, theirs, `Ratios, ${ours} / ${theirs} (targets: requests/s >= 3.00x, CPU per request <= 0.33x):`);
if (baseline && theirs) ratios(baseline, theirs, `For reference, ${baseline} / ${theirs}:`);
if (ours && baseline) ratios(ours, baseline, `And ${ours} / ${baseline} (the client's own share):`);

console.log(lines.join('\n'));
