// Preloaded (--import) into every sandboxed child, before BullMQ's own child entry: the child exits
// when its worker is gone (e.g. SIGKILL). BullMQ's child reports an uncaught error to its parent
// before exiting; with the parent gone that report fails too and is itself uncaught, so the child
// loops at full CPU with growing memory and never reaches the 'disconnect' event. Exit first instead.
if (process.send) {
  process.on('disconnect', () => process.exit(0));
  process.prependListener('uncaughtException', () => {
    if (!process.connected) process.exit(0);
  });
}
