/**
 * Resolves once the browser has painted the frame being prepared: work that can wait (sending
 * a write, prefetching details) then stays out of the frame that shows the next item. A
 * hidden window paints no frames, so a timeout resolves it there.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve();
    };
    // A message posted from an animation frame callback is handled right after that frame.
    if (typeof requestAnimationFrame === 'function' && typeof MessageChannel === 'function') {
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          finish();
        };
        channel.port2.postMessage(null);
      });
    }
    setTimeout(finish, 50);
  });
}
