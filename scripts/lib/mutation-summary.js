// Reads Stryker's mutation-report.json and prints, per mutated file, the score and counts, then every mutant that
// survived or was never covered, with its line and what it changed. Usage: node mutation-summary.js <report.json> [target %]
// With a target, exits 1 when a file scores below it.
"use strict";
const fs = require("fs");

const target = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
const report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const counted = ["Killed", "Timeout", "Survived", "NoCoverage"];
const rows = [];
const missed = [];
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  const tally = Object.fromEntries(counted.map(s => [s, 0]));
  for (const m of mutants.filter(m => counted.includes(m.status))) {
    tally[m.status]++;
    if (m.status === "Survived" || m.status === "NoCoverage") missed.push({ file, source, m });
  }
  const detected = tally.Killed + tally.Timeout;
  const valid = detected + tally.Survived + tally.NoCoverage;
  if (valid > 0) rows.push({ file, score: (100 * detected) / valid, ...tally });
}

const short = f => f.replace(/^.*?\/functions\//, "");
rows.sort((a, b) => a.score - b.score);
console.log(`${"file".padEnd(44)} ${"score".padStart(6)} ${"killed".padStart(6)} ${"timeout".padStart(7)} ${"survived".padStart(8)} ${"no cov".padStart(6)}`);
for (const r of rows) {
  const below = target !== undefined && r.score < target ? `  below ${target} %` : "";
  console.log(`${short(r.file).padEnd(44)} ${r.score.toFixed(1).padStart(5)}% ${String(r.Killed).padStart(6)} ${String(r.Timeout).padStart(7)} ${String(r.Survived).padStart(8)} ${String(r.NoCoverage).padStart(6)}${below}`);
}
const total = rows.reduce((t, r) => ({ d: t.d + r.Killed + r.Timeout, v: t.v + r.Killed + r.Timeout + r.Survived + r.NoCoverage }), { d: 0, v: 0 });
console.log(`${"all".padEnd(44)} ${(total.v ? (100 * total.d) / total.v : 0).toFixed(1).padStart(5)}% of ${total.v} mutants`);

if (missed.length) {
  console.log(`\n${missed.length} mutants not detected (file:line  status  mutator: original -> replacement):`);
  for (const { file, source, m } of missed.sort((a, b) => a.file.localeCompare(b.file) || a.m.location.start.line - b.m.location.start.line)) {
    const lines = source.split("\n");
    const { start, end } = m.location;
    const original = start.line === end.line
      ? lines[start.line - 1].slice(start.column - 1, end.column - 1)
      : lines[start.line - 1].slice(start.column - 1) + " …";
    const oneLine = s => (s ?? "").replace(/\s+/g, " ").trim().slice(0, 90);
    console.log(`${short(file)}:${start.line}  ${m.status}  ${m.mutatorName}: ${oneLine(original)} -> ${oneLine(m.replacement)}`);
  }
}
if (target !== undefined && rows.some(r => r.score < target)) {
  console.error(`\nBelow the ${target} % target: ${rows.filter(r => r.score < target).map(r => short(r.file)).join(", ")}`);
  process.exit(1);
}
