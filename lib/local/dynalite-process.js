// The embedded engine in a process of its own, so that it and the responder each get a core (the machine has two).
// Started by start-dynalite.ts with fork(); reports its port over IPC and exits when its parent goes away.
// Plain JavaScript on purpose: it starts without the TypeScript loader, in about 0.2 s.
const dynalite = require('dynalite');

const [dataDir, portArg] = process.argv.slice(2);
const server = dynalite({ path: dataDir || undefined, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(Number(portArg) || 0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
server.on('error', (error) => {
  process.send?.({ error: String(error.message) });
  process.exit(1);
});
const stop = () => server.close(() => process.exit(0));
process.on('disconnect', stop);
process.on('SIGTERM', stop);
