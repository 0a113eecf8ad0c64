// Preloaded into a benchmarked CLI (node --import): at exit, writes the process's peak RSS (KiB) to
// $FIBE_BENCH_RSS_FILE, so the driver measures the CLI alone, not node's child_process bookkeeping.
import { writeFileSync } from 'node:fs';

const target = process.env.FIBE_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
  });
}
