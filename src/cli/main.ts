import { run } from './program.js';

// The process entry (bin/lotline.js): exitCode rather than exit(), so pending output is flushed.
process.exitCode = await run(process.argv.slice(2));
