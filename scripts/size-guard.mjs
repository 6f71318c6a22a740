// Fails when a module of the widget (size-budget.json: the WebAssembly, the
// scripts, the stylesheet, what the standalone page needs before its first
// slider) grows past its gzip budget, or the widget as a whole past its
// own. Size is deterministic, so this is a test; time is not, so timings
// live in `make bench` only. Lower a figure whenever its module shrinks.
//   node scripts/size-guard.mjs
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const budget = JSON.parse(await readFile('size-budget.json', 'utf8'));
const gz = async (f) => gzipSync(await readFile(`dist/${f}`), { level: 9 }).length;
let total = 0;
let failed = false;
for (const [name, module] of Object.entries(budget.modules)) {
  let size = 0;
  for (const f of module.files) size += await gz(f);
  if (module.in_total !== false) total += size;
  const over = size > module.max_gzip_bytes;
  failed ||= over;
  console.log(`size guard: ${over ? 'FAILED' : 'ok'}: ${name}: ${size} bytes gzip; budget ${module.max_gzip_bytes}`);
}
const over = total > budget.max_gzip_bytes;
failed ||= over;
console.log(`size guard: ${over ? 'FAILED' : 'ok'}: widget gzip ${total} bytes (${(total / 1024).toFixed(1)} KiB); budget ${budget.max_gzip_bytes}; goal ${budget.goal_gzip_bytes}`);
if (failed) process.exit(1);
