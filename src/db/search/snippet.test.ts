// Snippets: the text around the first match, with matched beginnings of words marked in the original spelling.
import { describe, expect, it } from "vitest";
import { snippetOf, textMatches } from "./snippet";

const marked = (parts: ReturnType<typeof snippetOf>) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join("");

describe("snippets", () => {
  it("marks the matched beginning of each word, as written", () => {
    expect(marked(snippetOf("See you at the Café tomorrow", ["caf", "tom"]))).toBe("See you at the [Caf]é [tom]orrow");
    expect(marked(snippetOf("Straße und Strasse", ["strasse"]))).toBe("[Straße] und [Strasse]");
    expect(marked(snippetOf("我喜欢猫", ["欢"]))).toBe("我喜[欢]猫");
    expect(marked(snippetOf("مرحبا كيف حالك", ["كي"]))).toBe("مرحبا [كي]ف حالك");
  });

  it("cuts a long text around the first match, between words", () => {
    const text = `${"word ".repeat(60)}needle ${"tail ".repeat(60)}`;
    const out = marked(snippetOf(text, ["needle"], 80));
    expect(out).toContain("[needle]");
    expect(out.startsWith("…word")).toBe(true);
    expect(out.endsWith("tail…")).toBe(true);
    expect(out.length).toBeLessThanOrEqual(84);
  });

  it("checks a text the way the index reads it", () => {
    expect(textMatches("Good MORNING, Zoë", ["mor", "zo"])).toBe(true);
    expect(textMatches("Good morning", ["orn"])).toBe(false);
  });
});
