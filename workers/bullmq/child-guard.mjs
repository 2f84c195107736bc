// Preloaded (--import) into every sandboxed child, before BullMQ's own child entry: the child exits
// when its worker is gone (e.g. SIGKILL). BullMQ's child reports an uncaught error to its parent
// before exiting; with the parent gone that report fails too and is itself uncaught, so the child
// loops at full CPU with growing memory. The loop starves the event loop, so neither 'disconnect'
// nor process.connected ever learns of the parent's death; a changed parent pid does.
if (process.send) {
  const parent = process.ppid;
  const orphaned = () => !process.connected || process.ppid !== parent;
  process.on('disconnect', () => process.exit(0));
  process.prependListener('uncaughtException', () => {
    if (orphaned()) process.exit(0);
  });
}
