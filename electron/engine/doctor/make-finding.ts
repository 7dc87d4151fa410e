import type { Lang } from '../../../shared/api/contract.js';
import type { Finding, FindingCode, Severity } from '../../../shared/schemas/finding.js';
import { t } from '../i18n/translate.js';
import { type TextPart, textIn } from '../i18n/msg-text.js';

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
  /** Quoted lines (verbatim) and lines TorchLift writes itself (messages, rendered in the user's language). */
  evidence: readonly (TextPart | null | undefined)[];
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
  const parts = uniqueParts(spec.evidence);
  const evidence = parts.map((p) => textIn(lang, p));
  const finding: Finding = {
    code: spec.code,
    severity: spec.severity,
    title: tidy(t(lang, `${spec.code}.${spec.titleKey ?? 'title'}`, params)),
    detail: render(spec.detail, 'detail'),
    fix: render(spec.fix, 'fix'),
    evidence,
  };
  if (parts.some((p) => typeof p !== 'string')) finding.evidenceParts = parts;
  if (spec.unconfirmed) finding.unconfirmed = true;
  const commands = (spec.commands ?? []).filter((c) => c !== null && c !== undefined).map((c) => ({ display: c.display, file: c.file, args: [...c.args] }));
  if (commands.length > 0) finding.commands = commands;
  return finding;
}

/** Evidence without blanks and repeats, quoted lines trimmed. */
function uniqueParts(lines: readonly (TextPart | null | undefined)[]): TextPart[] {
  const seen = new Set<string>();
  const out: TextPart[] = [];
  for (const line of lines) {
    const part = typeof line === 'string' ? line.trim() : line;
    if (!part || seen.has(JSON.stringify(part))) continue;
    seen.add(JSON.stringify(part));
    out.push(part);
  }
  return out;
}

/** Collapses the double spaces an empty optional param leaves behind. */
function tidy(text: string): string {
  return text.replace(/ {2,}/g, ' ').trim();
}
