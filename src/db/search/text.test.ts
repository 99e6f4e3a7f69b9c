// Search text: folding and words, alike for whispers and queries in every script.
import { describe, expect, it } from "vitest";
import { foldText, queryTokens, tokensOf, wordsOf } from "./text";

describe("search text", () => {
  it("folds case, diacritics, compatibility forms and special letters", () => {
    expect(foldText("Ça VA")).toBe("ca va");
    expect(foldText("Straße")).toBe("strasse");
    expect(foldText("ﬁne ＡＢＣ")).toBe("fine abc");
    expect(foldText("naïve Zoë Ångström")).toBe("naive zoe angstrom");
    // Arabic harakat go; the letters stay.
    expect(foldText("مَرْحَبًا")).toBe("مرحبا");
    // Marks that make other scripts' letters stay (Devanagari vowel signs, the Japanese voicing mark).
    expect(foldText("किताब")).toBe("किताब");
    expect(foldText("が")).toBe("が");
  });

  it("splits spaced scripts by their words, keeping apostrophes, dotted names and numbers whole", () => {
    expect(tokensOf("Don't e-mail me at bob@x.com, it's 3.14!")).toEqual(["don't", "e", "mail", "me", "at", "bob", "x.com", "it's", "3.14"]);
    expect(tokensOf("مرحبا كيف حالك؟")).toEqual(["مرحبا", "كيف", "حالك"]);
    expect(tokensOf("Привет, как дела?")).toEqual(["привет", "как", "дела"]);
    expect(tokensOf("안녕하세요 친구")).toEqual(["안녕하세요", "친구"]);
  });

  it("finds Chinese and Japanese words with Intl.Segmenter, each ideograph also a token of its own", () => {
    const tokens = tokensOf("我喜欢猫。東京に行きます");
    expect(tokens).toEqual(expect.arrayContaining(["我", "喜欢", "喜", "欢", "猫", "東京", "東", "京"]));
    // Latin words beside them split as usual.
    expect(tokensOf("Coffee 咖啡 time")).toEqual(expect.arrayContaining(["coffee", "咖啡", "咖", "啡", "time"]));
  });

  it("keeps emoji whole (modifiers, joiners, flags) and never splits a surrogate pair", () => {
    expect(tokensOf("🎉 party 👍🏽 👩‍👩‍👧 🇫🇷 ok")).toEqual(["🎉", "party", "👍🏽", "👩‍👩‍👧", "🇫🇷", "ok"]);
    for (const t of tokensOf("a😀b 𝒳yz")) expect(t).toBe(t.normalize()); // well-formed
    expect(tokensOf("x".repeat(40))[0]).toHaveLength(24);
  });

  it("reads a query like a whisper: folded words, in order, once each", () => {
    expect(queryTokens("  Café   CAFE tom ")).toEqual(["cafe", "tom"]);
    expect(queryTokens("…!?")).toEqual([]);
    expect(wordsOf("x 我喜欢 y").map((w) => [w.word, w.index])).toEqual([["x", 0], ["我", 2], ["喜欢", 3], ["y", 6]]);
  });
});
