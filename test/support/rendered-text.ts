// What a user reads, checked as read (a page's rendered text, a command's output): no internal
// id, no file or source name, no placeholder left unfilled, and no word of the other language.
// Used by test/web/rendered-text.test.ts and test/cli/rendered-text.test.ts; the i18n tables
// themselves are walked by test/web/vocabulary.test.ts.

import { CSV_COLUMNS } from '../../host/io/csv';

export type Lang = 'id' | 'en';

/** Names a user types or reads in her own files, so output may quote them (vocabulary.test.ts). */
const QUOTABLE = new Set<string>([
  // CSV columns (DESIGN.md: a documented format the user opens in a spreadsheet)
  ...CSV_COLUMNS,
  // profile fields an instructor edits in a profile file, pads named as option values
  'contact_on_n', 'contact_off_n', 'pass_gap_s', 'min_pass_s',
  'left_thumb', 'right_thumb', 'left_knuckle', 'right_knuckle', 'flash_nuke',
]);

// Words that give away an English fragment inside Indonesian text (vocabulary.test.ts's list).
const ENGLISH = /\b(the|and|with|press|firmly|choice|should|please|thumbs?|circles?|pass(es)?|too|hard|light|error|file|not|found|is|are|of|to|your|session|trainee|report|cohort|score|glove|options?|commands?|usage|examples?|show|list|raw|live)\b/gi;
// Words both languages share on purpose (product, standards, units, brands).
const SHARED = /\b(Pijat|SOP|USB|CSV|JSON|PDF|Chrome|Chromium|Edge|Web Serial|Espruino|Kaluma|RP2040|Pico|QR|LAN|HTTPS?|TLS|SQLite|PostgreSQL|NIM|Wilcoxon|QCPR|Zoll|Tuina|KS Women and Children Clinic|Afisya|PKU Muhammadiyah Gamping|N|Hz|ms|MB|MiB|GB|IMU|FSR|CRC)\b/g;
// Indonesian words an English reader should never meet (they have an English word).
const INDONESIAN = /\b(Peserta|Sesi|Lulus|Belum|Terlalu|Kelompok|Sarung|Tekanan|lingkaran|pilihan|perintah|berkas|tidak|dan|atau|yang)\b/gi;

export interface CheckOptions {
  /** Text that is the user's own (trainee and cohort names, file names she typed, port paths). */
  allow?: (string | RegExp)[];
  /** Command lines quoted in the text (`pijat score g.bin --json`) are commands, not prose. */
  commandLines?: boolean;
}

function strip(text: string, allow: (string | RegExp)[]): string {
  for (const a of allow) text = typeof a === 'string' ? text.split(a).join(' ') : text.replace(a, ' ');
  return text;
}

/** One line per problem, quoting the line it is on. */
export function findProblems(text: string, lang: Lang, o: CheckOptions = {}): string[] {
  const out: string[] = [];
  // a help text that names its default while commander adds it again (may wrap over two lines)
  for (const m of text.replace(/\s+/g, ' ').matchAll(/\((?:bawaan|default)\b[^()]*\) \((?:bawaan|default):[^()]*\)/g)) {
    out.push(`the default said twice in: ${m[0]}`);
  }
  for (const raw of text.split('\n')) {
    let line = strip(raw, o.allow ?? []);
    if (o.commandLines) {
      // a command to type: `pijat score FILE --json`, `npm start`, `--lang id|en`, `<session>`
      line = line.replace(/(?:^|\s)(?:pijat|npm|npx|node|sudo|apt-get|espruino)(?: [^\s#]+)+/g, ' ').replace(/--?[\w-]+(?:[ =](?:<[^>]*>|\[[^\]]*\]|[A-Z][A-Z_]*\b|[\w.|/-]+))?/g, ' ');
    }
    line = line.replace(/https?:\/\/\S+/g, ' ');
    const say = (what: string): void => void out.push(`${what} in: ${raw.trim()}`);
    if (/\b(undefined|NaN|null)\b|\[object \w+\]/.test(line)) say(`"${/\b(undefined|NaN|null)\b|\[object \w+\]/.exec(line)![0]}"`);
    const placeholder = /\{[A-Za-z_][\w.]*\}/.exec(line);
    if (placeholder) say(`unfilled ${placeholder[0]}`);
    for (const m of line.matchAll(/(?<![\w./-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\.[a-z_]+)*(?![\w])/g)) {
      if (!QUOTABLE.has(m[0])) say(`internal id ${m[0]}`);
    }
    const file = /(?<![\w/.-])[\w-]+\.(txt|md|ts|mjs|js|json|csv|bin|sqlite|db)\b/.exec(line.replace(/\bNode\.js\b/g, ''));
    if (file) say(`file name ${file[0]}`);
    const key = /(?<![\w./-])[a-z]+(?:\.[a-z_]+){1,}(?![\w.(-])/.exec(line.replace(/\b(pass|warn|target)\.(min|max)\b/g, ''));
    if (key && !file) say(`i18n key ${key[0]}`);
    const ids = /\b(?:sop|clinic|ward)-\d{3}\b|\bsim-\d+\b|\bsim:[\w-]+/.exec(line);
    if (ids) say(`internal id ${ids[0]}`);
    const of = /\b(\d+) (?:of|dari|\/) (\d+)\b/.exec(line);
    if (of && Number(of[1]) > Number(of[2])) say(`"${of[0]}"`);
    if (/\bseeds? \d|\b\d{3}_[0-9a-f]{16}\b/.test(line)) say('source file');
    if (lang === 'id') {
      const plain = line.replace(SHARED, ' ');
      const words = [...plain.matchAll(ENGLISH)].map((m) => m[0]);
      if (words.length > 0) say(`English "${words.join('", "')}"`);
    } else {
      const words = [...line.matchAll(INDONESIAN)].map((m) => m[0]);
      if (words.length > 0) say(`Indonesian "${words.join('", "')}"`);
    }
  }
  return [...new Set(out)];
}
