// The compiled store reads its numbered SQL migrations from beside itself.
import { cpSync } from 'node:fs';

cpSync('src/store/migrations', 'dist/store/migrations', { recursive: true });
