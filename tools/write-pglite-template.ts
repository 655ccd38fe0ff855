import { writePgliteTemplate } from '@tradesense/adapters-postgres/testing';

/** `node --conditions=@tradesense/source --import tsx tools/write-pglite-template.ts <file>` (run by the vitest global setup). */
const file = process.argv[2];
if (!file) throw new Error('usage: write-pglite-template.ts <file>');
await writePgliteTemplate(file);
