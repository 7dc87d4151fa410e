/**
 * Reading a catalog template backwards: which `{{params}}` turn the template into a given text. Lets the engine
 * translate English sentences it stored earlier (journals, recovery notes) or that code it does not own built. Pure.
 */

const cache = new Map<string, RegExp>();

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The anchored regex for a template: each `{{name}}` captures any text (lazily); a repeated name must repeat. */
export function templateRegex(template: string): RegExp {
  const hit = cache.get(template);
  if (hit) return hit;
  const seen = new Set<string>();
  let source = '';
  let last = 0;
  for (const m of template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)) {
    source += escape(template.slice(last, m.index));
    const name = (m[1] ?? '').replace(/[^\w]/g, '_');
    source += seen.has(name) ? `\\k<${name}>` : `(?<${name}>[\\s\\S]+?)`;
    seen.add(name);
    last = m.index + m[0].length;
  }
  source += escape(template.slice(last));
  const re = new RegExp(`^${source}$`);
  cache.set(template, re);
  return re;
}

/** The params that make `template` read exactly `text`, or null when the text was not made from it. */
export function matchTemplate(template: string, text: string): Record<string, string> | null {
  const m = templateRegex(template).exec(text);
  if (!m) return null;
  return { ...(m.groups ?? {}) };
}
