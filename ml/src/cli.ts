// Entry point: npm run ml -- <command> [options]   (see `npm run ml -- help`)
import { main } from './commands.js';

process.exitCode = main(process.argv.slice(2));
