// `npm run cli -- <command>`: build if needed, then run the admin command line.
import { build } from './build.mjs';

build({ ifStale: true });
await import('../dist/cli/main.js');
