// Fails when the widget (wasm + JS + CSS that a page loads) grows past the
// gzip budget recorded in size-budget.json. Size is deterministic, so this
// is a test; time is not, so timings live in `make bench` only.
// Lower the recorded figure whenever the widget shrinks (goal: 80 KiB).
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const budget = JSON.parse(await readFile('size-budget.json', 'utf8'));
let total = 0;
for (const f of budget.files) total += gzipSync(await readFile(`dist/${f}`), { level: 9 }).length;
const line = `widget gzip ${total} bytes (${(total / 1024).toFixed(1)} KiB); budget ${budget.max_gzip_bytes}; goal ${budget.goal_gzip_bytes}`;
if (total > budget.max_gzip_bytes) {
  console.error(`size guard: FAILED: ${line}`);
  process.exit(1);
}
console.log(`size guard: ok: ${line}`);
