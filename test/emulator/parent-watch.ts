// `npm run emulator` runs npm -> sh -> node: a SIGTERM or SIGINT sent to the npm process (a test
// harness, a process manager, `kill`) never reaches node, which would serve on as an orphan. So the
// server also stops when it is re-parented, i.e. when whatever started it has gone.

/** Calls stop once the parent process changes; returns a function that ends the watch. */
export function stopWhenOrphaned(stop: () => void, intervalMs = 200): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, intervalMs);
  // The watch alone must not keep the process alive once the server has closed.
  timer.unref();
  return () => clearInterval(timer);
}
