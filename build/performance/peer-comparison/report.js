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
// The hand-written .NET baselines (HttpClient + System.Text.Json, HttpClient + Newtonsoft.Json), in the order they ran.
const baselines = clients.filter((c) => c.includes('baseline'));
const theirs = clients.find((c) => c.startsWith('cloudflare '));
const find = (client, phase) => rows.find((r) => r.client === client && r.phase === phase);

const f = (value, digits) => (value === null || value === undefined || Number.isNaN(value) ? 'n/a' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const perSecond = (r) => r.requests / r.wallSeconds;
const cpuPerThousand = (r) => (r.cpuSeconds * 1000) / r.requests;
const emulatorPerThousand = (r) => (r.emulatorCpuSeconds === null ? null : (r.emulatorCpuSeconds * 1000) / r.requests);

const lines = [];

// First the guard: requests/s of every side per workload, and this client's as a ratio of each baseline's.
const shortName = (client) => client.replace(/ \(\.NET baseline\)$/, '');
if (ours) {
  lines.push(`Requests/s per workload; ${ours} as a ratio of each hand-written baseline (target: >= 0.80x):`);
  lines.push('');
  const header = ['Workload', ...clients.map((c) => `${shortName(c)} req/s`), ...baselines.map((b) => `${shortName(ours)} / ${shortName(b)}`)];
  lines.push(`| ${header.join(' | ')} |`);
  lines.push(`| --- | ${header.slice(1).map(() => '---:').join(' | ')} |`);
  for (const phase of phases) {
    const rate = (client) => (find(client, phase) ? perSecond(find(client, phase)) : null);
    const cells = clients.map((c) => f(rate(c), 0));
    const ratioCells = baselines.map((b) => (rate(ours) === null || rate(b) === null ? 'n/a' : `${f(rate(ours) / rate(b), 2)}x`));
    lines.push(`| ${phase} | ${[...cells, ...ratioCells].join(' | ')} |`);
  }
  lines.push('');
}

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
for (const baseline of baselines) {
  if (theirs) ratios(baseline, theirs, `For reference, ${baseline} / ${theirs}:`);
}
for (const baseline of baselines) {
  if (ours) ratios(ours, baseline, `And ${ours} / ${baseline} (the client's own share):`);
}

console.log(lines.join('\n'));
