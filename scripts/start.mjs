// `npm start`: build if the sources changed, then run the server in this process (so signals reach it).
import { build } from './build.mjs';

build({ ifStale: true });
await import('../dist/server.js');
