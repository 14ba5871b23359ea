import { openDatabase } from '@/db/connection'

// Opens the PGlite directory given as argument and keeps it open until killed.
const handle = openDatabase({ kind: 'pglite', dataDir: process.argv[2]! })
await handle.query('select 1')
console.log('ready')
setInterval(() => {}, 1000)
