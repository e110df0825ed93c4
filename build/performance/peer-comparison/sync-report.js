#!/usr/bin/env node
// Turns the JSON lines of sync.sh into a Markdown table: per client and phase, the requests sent, the API's lower
// bound, the median and spread of wall time over the rounds, and the target (1.2 x critical-path round trips x latency).
'use strict';
const fs = require('node:fs');

const rows = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
const groups = new Map();
for (const row of rows) {
  const key = `${row.client}\u0000${row.phase}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(row);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (seconds) => `${Math.round(seconds * 1000)} ms`;

// The critical path is the same job's whatever the client: take it from the rows that know it.
const critical = new Map(rows.filter((r) => r.criticalPathRoundTrips !== null).map((r) => [r.phase, r.criticalPathRoundTrips]));

console.log('| client | phase | requests (min-max) | lower bound | wall, median (min-max) of rounds | critical path x latency | target (1.2x) | met |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const group of groups.values()) {
  const { client, phase, latencyMs, lowerBoundRequests } = group[0];
  const requests = group.map((r) => r.requests);
  const walls = group.map((r) => r.wallSeconds);
  const path = critical.get(phase);
  const floor = path === undefined ? null : (path * latencyMs) / 1000;
  const target = floor === null ? null : floor * 1.2;
  // The targets are this client's; the SDK's rows are there for comparison.
  const ours = group[0].reportedRequests !== null;
  const met = !ours ? '-' : target !== null && Math.max(...requests) === lowerBoundRequests && median(walls) <= target ? 'yes' : 'no';
  console.log(`| ${client} | ${phase} | ${Math.min(...requests)}-${Math.max(...requests)} | ${lowerBoundRequests} | ` +
    `${ms(median(walls))} (${ms(Math.min(...walls))}-${ms(Math.max(...walls))}) | ` +
    `${floor === null ? '' : `${path} x ${latencyMs} ms = ${ms(floor)}`} | ${target === null ? '' : ms(target)} | ${met} |`);
}
