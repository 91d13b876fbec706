/** Waits until `check` holds, polling every 20 ms; rejects after `ms` (for effects that arrive asynchronously, e.g. a NOTIFY). */
export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
