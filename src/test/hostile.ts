// Hostile text for UI tests: fast-check arbitraries of script/HTML payloads, and checks that a rendered DOM holds no markup made from them.
import fc from "fast-check";

/** Classic injection attempts and awkward Unicode, as people and servers might send them. */
export const ATTACKS: readonly string[] = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  '<a href="javascript:alert(1)">x</a>',
  "{{constructor.constructor('alert(1)')()}}",
  "</textarea><iframe src=x>",
  "<object data=x></object><embed src=x>",
  "<style>*{display:none}</style><b onmouseover=alert(1)>hover</b>",
  "&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;",
  "<!--",
  "]]><![CDATA[<script>alert(1)</script>",
  "'; alert(1); '",
  "${alert(1)}",
  "\u202egnp.exe\u202c evil \u2066rtl\u2069 \u200f\u200e",
  "a\u200db\u200cc\u2060d\ufeffe",
  "👩‍👩‍👧‍👦🏳️‍🌈👍🏽🇺🇳❤️‍🔥",
  "\u0000\u0001\u001b[31m\r\n\t\u2028\u2029",
  "Z\u0351\u0352\u0353\u0354a\u0355\u0356l\u0357\u0358g\u0359o",
  "   ",
];

/** Pieces that, glued together, make markup-like soup. */
const TOKENS = [
  "<", ">", "</", "/>", '"', "'", "`", "=", " ", "&", "&amp;", "&#x3c;", "script", "img", "svg", "iframe",
  "onerror", "onload", "src", "href", "javascript:", "data:text/html,", "alert(1)", "\u202e", "\u200d", "\n",
];

const LONG = (() => {
  const blocks = ATTACKS.join(" ");
  return blocks.repeat(Math.ceil(10_000 / blocks.length)).slice(0, 10_000);
})();

/** One hostile string: generated text, markup soup, a known attack (maybe wrapped), or 10k characters. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string(), weight: 2 },
  { arbitrary: fc.string({ unit: "binary" }), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme" }), weight: 1 },
  { arbitrary: fc.constantFrom(...ATTACKS), weight: 4 },
  { arbitrary: fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((parts) => parts.join("")), weight: 3 },
  {
    arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...ATTACKS), fc.string({ maxLength: 8 })).map((p) => p.join("")),
    weight: 3,
  },
  { arbitrary: fc.constant(LONG), weight: 1 },
  { arbitrary: fc.string({ unit: "grapheme" }).map((s) => (s + LONG).slice(0, 10_000)), weight: 1 },
);

/** Like hostileString, but never empty after trimming (for fields a component shows only when set). */
export const hostileName: fc.Arbitrary<string> = hostileString.filter((s) => s.trim().length > 0);

/**
 * The benign twin of `s`: every non-space UTF-16 unit becomes "a". Same length, same trimming and
 * word splitting, so a component renders the same structure for both — unless `s` became markup.
 */
export function twinOf(s: string): string {
  return s.replace(/\S/g, "a");
}

/** Maps every string field of `fields` (and strings inside arrays) to its twin. */
export function twinFields<T extends Record<string, unknown>>(fields: T): T {
  const map = (v: unknown): unknown => (typeof v === "string" ? twinOf(v) : Array.isArray(v) ? v.map(map) : v);
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, map(v)])) as T;
}

const FORBIDDEN_TAGS = new Set(["script", "iframe", "object", "embed", "frame", "frameset", "link", "meta", "base"]);
const URL_ATTRS = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"];

/** The elements under `root`, including `root` itself when it is an element. */
function elementsOf(root: ParentNode): Element[] {
  return [...(root instanceof Element ? [root] : []), ...root.querySelectorAll("*")];
}

/**
 * The DOM's shape: one line per element, in document order, of its tag and attribute names.
 * Text and attribute values are left out: they are where the payload is allowed to be.
 */
export function shapeOf(root: ParentNode): string[] {
  return elementsOf(root).map((el) => `${el.tagName.toLowerCase()}[${el.getAttributeNames().sort().join(",")}]`);
}

/** What is wrong with the DOM under `root` (empty when nothing is): dangerous tags, handlers, script URLs. */
export function dangersIn(root: ParentNode, allowedTags: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = [];
  for (const el of elementsOf(root)) {
    const tag = el.tagName.toLowerCase();
    if (FORBIDDEN_TAGS.has(tag) && !allowedTags.has(tag)) found.push(`<${tag}> element`);
    for (const name of el.getAttributeNames()) {
      const lower = name.toLowerCase();
      if (lower.startsWith("on")) found.push(`${lower}= on <${tag}>`);
      if (URL_ATTRS.includes(lower)) {
        // Browsers ignore control characters and spaces around a scheme: strip them before checking.
        const value = (el.getAttribute(name) ?? "").replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
        if (/^(javascript|vbscript|data):/.test(value)) found.push(`${lower}="${value.slice(0, 40)}" on <${tag}>`);
      }
    }
  }
  return found;
}
