import type { Lang } from '../../../shared/api/contract.js';
import type { Finding, FindingCode, Severity } from '../../../shared/schemas/finding.js';
import { t } from '../i18n/translate.js';

/** Message parts: keys under the finding's code (e.g. "detailFound") with their params. */
export interface MessagePart {
  key: string;
  params?: Record<string, string | number>;
}

/** What a rule decides; makeFinding turns it into text in the user's language. */
export interface FindingSpec {
  code: FindingCode;
  severity: Severity;
  /** Detail parts, joined; default: the code's "detail". */
  detail?: MessagePart[];
  /** Fix parts, joined; default: the code's "fix". */
  fix?: MessagePart[];
  /** Params used by the default title/detail/fix keys. */
  params?: Record<string, string | number>;
  evidence: readonly (string | null | undefined)[];
  unconfirmed?: boolean;
  /** Title key under the code; default "title". */
  titleKey?: string;
  /** Commands the fix shows (commands/pip.ts); null/undefined entries are skipped. */
  commands?: readonly ({ display: string; file: string; args: string[] } | null | undefined)[];
}

/** Joins translated sentences: a space in English, nothing in Japanese/Chinese (sentences end in 。). */
export function joinSentences(lang: Lang, parts: readonly string[]): string {
  const sep = lang === 'en' ? ' ' : '';
  return parts.filter((p) => p !== '').join(sep);
}

/** Renders a FindingSpec into a Finding with title, detail and fix in `lang`. */
export function makeFinding(lang: Lang, spec: FindingSpec): Finding {
  const params = spec.params ?? {};
  const render = (parts: MessagePart[] | undefined, fallback: string): string =>
    tidy(joinSentences(lang, (parts ?? [{ key: fallback }]).map((p) => t(lang, `${spec.code}.${p.key}`, { ...params, ...p.params }))));
  const evidence = [...new Set(spec.evidence.map((e) => e?.trim() ?? '').filter((e) => e !== ''))];
  const finding: Finding = {
    code: spec.code,
    severity: spec.severity,
    title: tidy(t(lang, `${spec.code}.${spec.titleKey ?? 'title'}`, params)),
    detail: render(spec.detail, 'detail'),
    fix: render(spec.fix, 'fix'),
    evidence,
  };
  if (spec.unconfirmed) finding.unconfirmed = true;
  const commands = (spec.commands ?? []).filter((c) => c !== null && c !== undefined).map((c) => ({ display: c.display, file: c.file, args: [...c.args] }));
  if (commands.length > 0) finding.commands = commands;
  return finding;
}

/** Collapses the double spaces an empty optional param leaves behind. */
function tidy(text: string): string {
  return text.replace(/ {2,}/g, ' ').trim();
}
