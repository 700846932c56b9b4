// `pijat trainees` and `pijat sessions edit|delete|restore` as a user runs them: the CLI as a
// process on a real store, each test in its own data folder (PIJAT_DATA and XDG_DATA_HOME too,
// so nothing reaches the user's own store).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Store } from '../../host/store';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin', 'pijat.mjs');
let dir = '';
let data = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pijat-roster-cli-'));
  data = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, PIJAT_DATA: join(dir, 'default'), XDG_DATA_HOME: join(dir, 'xdg') };
  delete e.PIJAT_LANG;
  return e;
}

function pijat(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: env(), input: '', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function store<T>(body: (s: Store) => T): T {
  const s = Store.open(data);
  try {
    return body(s);
  } finally {
    s.close();
  }
}

const ROSTER = '\ufeffNIM;Nama;Angkatan\r\n2101001;Siti Aminah;2026-A\r\n2101002;Siti;2026-A\r\n;Tanpa NIM;2026-A\r\n2101003;"Ayu; Lestari";2026-B\r\n';

describe('pijat trainees', () => {
  it('imports a roster (dry run, refused with a bad row, --skip-bad, re-import updates), lists, searches, edits', () => {
    const file = join(dir, 'daftar.csv');
    writeFileSync(file, ROSTER);
    const dry = pijat('trainees', 'import', file, '--dry-run', '--data', data, '--lang', 'en');
    expect(dry.status).toBe(2);
    expect(dry.stdout).toContain('In the file: 3 new trainees, 0 to update, 0 unchanged.\nDry run (--dry-run): nothing was stored.');
    expect(dry.stderr).toBe(`${file}: Line 4: the NIM is empty. Every trainee on a roster needs a NIM.\n`);
    const refused = pijat('trainees', 'import', file, '--data', data);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('Baris 4: NIM kosong.');
    expect(refused.stderr).toContain('pijat: Tidak ada yang disimpan karena 1 baris salah.');
    expect(refused.stdout).toBe('Isi berkas: 3 peserta baru, 0 akan diperbarui, 0 tidak berubah.\n');
    expect(store((s) => s.listTrainees())).toEqual([]);
    const ok = pijat('trainees', 'import', file, '--skip-bad', '--data', data);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('3 peserta baru, 0 diperbarui, 0 tidak berubah.\n1 baris salah dilewati.\n');

    writeFileSync(file, 'nim,name,cohort\n2101001,Siti Aminah Putri,2026-A\n2101003,"Ayu; Lestari",2026-B\n');
    const again = pijat('trainees', 'import', file, '--data', data, '--lang', 'en');
    expect([again.status, again.stdout]).toEqual([0, '0 new trainees, 1 updated, 1 unchanged.\n']);

    const table = pijat('trainees', '--data', data, '--lang', 'en');
    expect(table.stdout.split('\n').map((l) => l.trim().split(/\s{2,}/))).toEqual([
      ['No', 'NIM', 'Name', 'Cohort', 'Sessions'],
      ['3', '2101003', 'Ayu; Lestari', '2026-B', '0'],
      ['2', '2101002', 'Siti', '2026-A', '0'],
      ['1', '2101001', 'Siti Aminah Putri', '2026-A', '0'],
      [''],
    ]);
    const search = JSON.parse(pijat('trainees', '--search', 'SÍTI a', '--json', '--data', data).stdout) as { trainees: { nim: string }[] };
    expect(search.trainees.map((x) => x.nim)).toEqual(['2101001']);
    const cohort = JSON.parse(pijat('trainees', 'list', '--cohort', '2026-B', '--json', '--data', data).stdout) as { trainees: { name: string }[] };
    expect(cohort.trainees.map((x) => x.name)).toEqual(['Ayu; Lestari']);

    const edit = pijat('trainees', 'edit', '2101002', '--name', 'Siti Rahma', '--cohort', '', '--data', data);
    expect([edit.status, edit.stdout]).toEqual([0, 'Peserta 2 diubah: Siti Rahma (NIM 2101002).\n']);
    const taken = pijat('trainees', 'edit', '2', '--nim', '2101001', '--data', data, '--lang', 'en');
    expect(taken.status).toBe(2);
    expect(taken.stderr).toBe('pijat: NIM 2101001 is already used by Siti Aminah Putri (trainee 1). Check the NIM, or edit that trainee.\n');
    const none = pijat('trainees', 'edit', '99', '--name', 'X', '--data', data, '--lang', 'en');
    expect([none.status, none.stderr]).toEqual([2, 'pijat: No trainee has the number or NIM "99". List them with: pijat trainees\n']);
    const add = pijat('trainees', 'add', '--nim', '2101009', '--name', 'Siti', '--data', data);
    expect([add.status, add.stdout]).toEqual([0, 'Peserta 4 ditambahkan: Siti (NIM 2101009).\n']);
    const noNim = pijat('trainees', 'add', '--name', 'Siti', '--data', data, '--lang', 'en');
    expect(noNim.status).toBe(2);
    expect(noNim.stderr).toContain('the option --nim <nim> is required.');
  });

  it('refuses to delete without a terminal unless --yes, says until when it can be undone, restores', () => {
    const [siti, session] = store((s) => {
      const t = s.createTrainee('Siti', 'A', '2101001');
      const x = s.startSession({ trainee: t.id, profile: 'sop-000', source: 'sim:good', label: 'pre' });
      s.finishSession(x.id);
      return [t.id, x.id];
    });
    const refused = pijat('trainees', 'delete', '2101001', '--data', data, '--lang', 'en');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe('pijat: Deleting needs a confirmation, but the input is not a terminal. Add --yes: pijat trainees delete 2101001 --yes\n');
    expect(store((s) => s.listTrainees()).length).toBe(1);

    const before = Date.now();
    const del = pijat('trainees', 'delete', '2101001', '--yes', '--data', data, '--lang', 'en');
    expect(del.status, del.stderr).toBe(0);
    const m = /^Trainee 1, Siti \(NIM 2101001, cohort A\), deleted with 1 sessions\. It can be restored until (\d+) (\w{3}) (\d\d):(\d\d) with: pijat trainees restore 1\n$/.exec(del.stdout);
    expect(m, del.stdout).not.toBeNull();
    // The deadline is 10 minutes on, in local time.
    const until = new Date(before + 10 * 60_000);
    expect(Number(m![3]) * 60 + Number(m![4])).toBeGreaterThanOrEqual(until.getHours() * 60 + until.getMinutes() - 1);
    expect(JSON.parse(pijat('sessions', '--json', '--data', data).stdout).sessions).toEqual([]);
    expect(JSON.parse(pijat('trainees', '--json', '--data', data).stdout).trainees).toEqual([]);

    const back = pijat('trainees', 'restore', '2101001', '--data', data);
    expect([back.status, back.stdout]).toEqual([0, 'Peserta 1 dipulihkan: Siti (NIM 2101001, kelompok A), dengan 1 sesi.\n']);
    expect(JSON.parse(pijat('sessions', '--json', '--data', data).stdout).sessions.map((x: { id: number }) => x.id)).toEqual([session]);
    const twice = pijat('trainees', 'restore', String(siti), '--data', data, '--lang', 'en');
    expect([twice.status, twice.stderr]).toEqual([2, 'pijat: Trainee 1 is not deleted; there is nothing to restore.\n']);
  });
});

describe('pijat sessions edit / delete / restore', () => {
  it('corrects the trainee and label, deletes with --yes, restores; listing is as before', () => {
    const ids = store((s) => {
      s.createTrainee('Siti', 'A', '2101001');
      const b = s.createTrainee('Siti', 'A', '2101002');
      const x = s.startSession({ trainee: b.id, profile: 'sop-000', source: 'sim:good', label: 'pre', started: new Date(2026, 11, 3, 14, 5) });
      s.finishSession(x.id);
      return { session: x.id };
    });
    const edit = pijat('sessions', 'edit', String(ids.session), '--trainee', '2101001', '--label', 'post', '--data', data, '--lang', 'en');
    expect([edit.status, edit.stdout]).toEqual([0, `Session ${ids.session}: trainee Siti (NIM 2101001), label post.\n`]);
    const listed = JSON.parse(pijat('sessions', '--json', '--data', data).stdout) as { sessions: { trainee_id: number; nim: string; label: string }[] };
    expect(listed.sessions.map((x) => [x.trainee_id, x.nim, x.label])).toEqual([[1, '2101001', 'post']]);
    // The list keeps its options (a name filter) beside the subcommands.
    expect(pijat('sessions', '--trainee', 'Siti', '--data', data).stdout).toMatch(/Siti\s+A\s+sop-000/);
    const badTrainee = pijat('sessions', 'edit', String(ids.session), '--trainee', '999', '--data', data, '--lang', 'en');
    expect([badTrainee.status, badTrainee.stderr]).toEqual([2, 'pijat: No trainee has the number or NIM "999". List them with: pijat trainees\n']);
    const badId = pijat('sessions', 'delete', '1e3', '--data', data, '--lang', 'en');
    expect(badId.status).toBe(2);
    expect(badId.stderr).toContain('Session number "1e3" is not valid');

    const refused = pijat('sessions', 'delete', String(ids.session), '--data', data);
    expect([refused.status, refused.stderr]).toEqual([2, `pijat: Menghapus perlu konfirmasi, tetapi masukan bukan terminal. Tambahkan --yes: pijat sessions delete ${ids.session} --yes\n`]);
    const del = pijat('sessions', 'delete', String(ids.session), '--yes', '--data', data);
    expect(del.status).toBe(0);
    expect(del.stdout).toMatch(new RegExp(`^Sesi ${ids.session} dihapus\\. Dapat dipulihkan sampai \\d+ \\w{3} \\d\\d:\\d\\d dengan: pijat sessions restore ${ids.session}\\n$`));
    expect(pijat('sessions', '--data', data).stdout).toMatch(/^Belum ada sesi/);
    const back = pijat('sessions', 'restore', String(ids.session), '--data', data);
    expect([back.status, back.stdout]).toEqual([0, `Sesi ${ids.session} dipulihkan (Siti, post, 3 Des 14:05).\n`]);

    // A running session (its recorder, this process, is alive) is refused before any question.
    const live = store((s) => s.startSession({ trainee: 1, profile: 'sop-000', source: 'sim:good' }).id);
    const running = pijat('sessions', 'delete', String(live), '--data', data, '--lang', 'en');
    expect([running.status, running.stderr]).toEqual([2, `pijat: Session ${live} is running. Stop it first, then delete.\n`]);
    const busy = pijat('trainees', 'delete', '1', '--data', data, '--lang', 'en');
    expect([busy.status, busy.stderr]).toEqual([2, `pijat: Trainee 1 is being recorded (session ${live}). Stop that session first, then delete.\n`]);
  });

  const hasScript = spawnSync('script', ['--version'], { stdio: 'ignore' }).error === undefined;
  it.skipIf(!hasScript)('asks on a terminal: "Hapus sesi 12 (Siti, pre, 3 Des 14:05)? [y/N]"; no keeps it, y deletes it', () => {
    const id = store((s) => {
      const x = s.startSession({ trainee: s.createTrainee('Siti', null, '1').id, profile: 'sop-000', source: 'sim:good', label: 'pre', started: new Date(2026, 11, 3, 14, 5) });
      return s.finishSession(x.id).id;
    });
    // `script` gives the command a terminal; what we type is its input.
    const run = (answer: string) => spawnSync('script', ['-qec', `${process.execPath} ${BIN} sessions delete ${id} --data ${data}`, '/dev/null'], {
      cwd: ROOT, encoding: 'utf8', env: env(), input: `${answer}\n`, timeout: 60_000,
    });
    const no = run('n');
    expect(no.stdout).toContain(`Hapus sesi ${id} (Siti, pre, 3 Des 14:05)? [y/N]`);
    expect(no.stdout).toContain('Dibatalkan; tidak ada yang dihapus.');
    expect(store((s) => s.listSessions()).length).toBe(1);
    const yes = run('y');
    expect(yes.stdout).toContain(`Sesi ${id} dihapus.`);
    expect(store((s) => s.listSessions()).length).toBe(0);
  });
});

describe('pijat live with a roster', () => {
  it('live --sim good --duration 3 --cohort A --nim 123 --trainee Siti stores the session under that trainee, found again by NIM', () => {
    store((s) => s.createTrainee('Siti', 'B', '999'));
    const r = pijat('live', '--sim', 'good', '--duration', '3', '--cohort', 'A', '--nim', '123', '--trainee', 'Siti', '--data', data, '--json');
    expect(r.status, r.stderr).toBe(0);
    const [t1, sessions] = store((s) => [s.findTraineeByNim('123')!, s.listSessions()] as const);
    expect([t1.name, t1.cohort, t1.nim]).toEqual(['Siti', 'A', '123']);
    expect(sessions.map((x) => [x.trainee_id, x.nim, x.status])).toEqual([[t1.id, '123', 'complete']]);
    // Again by NIM alone: the same trainee, no new one.
    const again = pijat('live', '--sim', 'good', '--duration', '1', '--nim', '123', '--data', data, '--json');
    expect(again.status, again.stderr).toBe(0);
    expect(store((s) => s.listSessions().map((x) => x.trainee_id))).toEqual([t1.id, t1.id]);
    expect(store((s) => s.listTrainees().length)).toBe(2);
    // Two trainees called Siti and no NIM: it asks for the NIM before recording anything.
    const ambiguous = pijat('live', '--sim', 'good', '--duration', '1', '--trainee', 'Siti', '--data', data, '--lang', 'en');
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toBe('pijat: There are 2 trainees called "Siti". Give the NIM or pick one from the roster.\n');
    const report = pijat('report', String(sessions[0]!.id), '--data', data, '--lang', 'en');
    expect(report.stdout).toMatch(/Trainee: Siti \(A\) {2}NIM: 123 {2}Started:/);
    const exported = JSON.parse(pijat('export', String(sessions[0]!.id), '--format', 'json', '--data', data).stdout) as { session: Record<string, unknown> };
    expect(exported.session).toMatchObject({ trainee: 'Siti', nim: '123', cohort: 'A' });
    // A deleted session is not exported (nor reported).
    expect(pijat('sessions', 'delete', String(sessions[0]!.id), '--yes', '--data', data).status).toBe(0);
    const hidden = pijat('export', String(sessions[0]!.id), '--format', 'json', '--data', data, '--lang', 'en');
    expect([hidden.status, hidden.stderr]).toEqual([2, `pijat: Session ${sessions[0]!.id} does not exist in ${join(data, 'pijat.sqlite')}. List the sessions with: pijat sessions\n`]);
  });
});
