// Vitest setup file: each test file gets its own empty data folder (see data-env.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { isolatedDataEnv } from './data-env';

const dir = mkdtempSync(join(tmpdir(), 'pijat-test-home-'));
Object.assign(process.env, isolatedDataEnv(dir));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
