#!/usr/bin/env node
// Starts dynalite in memory on 127.0.0.1 for the sandbox (dev.reproject.sandbox.DynaliteServer).
// Usage: node dynalite.js PORT
'use strict'

const port = Number(process.argv[2])
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('usage: node dynalite.js PORT (got: ' + process.argv[2] + ')')
  process.exit(2)
}

// The *TableMs options at 0: otherwise new tables stay CREATING for 500 ms and every test would wait.
const server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
server.listen(port, '127.0.0.1', () => {
  console.log('dynalite listening at http://127.0.0.1:%d', server.address().port)
})
server.on('error', (err) => {
  console.error('dynalite failed: %s', err.stack || err)
  process.exit(1)
})

// A JVM killed with SIGKILL cannot stop its children: when we are re-parented (our parent is gone),
// exit by ourselves instead of holding the port and memory forever.
const parent = process.ppid
setInterval(() => {
  if (process.ppid !== parent) {
    console.error('dynalite: parent process %d is gone, exiting', parent)
    process.exit(0)
  }
}, 1000).unref()

// SIGTERM from Process.destroy(): exit at once (the data is in memory only).
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0))
}
