// Writing whispers: a paste past the length limit is kept whole, counted and refused with the reason; right-to-left text reads right to left; a conversation says it waits for a reply.
// With WHISPERS_SHOTS=<dir> it saves phone (360 px) and desktop screenshots, light and dark.
import { dismissNotices, openConversationNamed, openConversationWith, twoPeople, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";
import { saveShots as shots } from "../support/shots";

test("a pasted 5,000-character whisper is kept whole, counted and refused until it fits; then it arrives whole", async ({
  browser,
  baseURL,
}) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["lena", "max"]);
  try {
    await a.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    const box = a.page.getByRole("textbox", { name: "Message" });
    const send = a.page.getByRole("button", { name: "Send", exact: true });
    const composer = a.page.getByRole("form", { name: "Write a whisper" });

    // A real paste (Ctrl+V) of 5,000 characters: nothing is cut.
    const long = "Lorem ipsum dolor sit amet. ".repeat(180).slice(0, 5000);
    await a.page.evaluate((text) => navigator.clipboard.writeText(text), long);
    await box.focus();
    await a.page.keyboard.press("ControlOrMeta+V");
    await expect(box).toHaveValue(long);
    await expect(composer.getByText("5,000 / 2,000")).toBeVisible();
    await expect(send).toBeDisabled();
    await expect(send).toHaveAccessibleDescription("Too long to send: the limit is 2,000 characters. Shorten it first.");
    await expect(composer.getByRole("status")).toHaveText("Too long to send: the limit is 2,000 characters. Shorten it first.");
    await box.press("Enter");
    await expect(box).toHaveValue(long);
    await shots(a.page, "composer-too-long");

    // Shortened below the limit the counter stays (near it) and the reason goes; Send works.
    const fits = long.slice(0, 1950).trim();
    await box.fill(fits);
    await expect(composer.getByText(`${fits.length.toLocaleString("en-US")} / 2,000`)).toBeVisible();
    await expect(composer.getByRole("status")).toHaveText("");
    await shots(a.page, "composer-near-limit");
    await expect(send).toBeEnabled();
    await send.click();
    await expect(box).toHaveValue("");
    await expect(composer.getByText("/ 2,000")).toHaveCount(0);

    // The other side gets every character.
    await openConversationNamed(b.page, /Lorem ipsum/);
    await expect(whisper(b.page, fits.slice(0, 40))).toHaveCount(1);
    expect(await whisper(b.page, fits.slice(0, 40)).locator(".whisper-text").textContent()).toBe(fits);
  } finally {
    await close();
  }
});

/** Where each character of the element's text is drawn (left x of its box), and the element's computed direction. */
async function layoutOf(locator: import("@playwright/test").Locator) {
  return locator.evaluate((element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const lefts: Array<{ char: string; left: number }> = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      for (let i = 0; i < text.length; i++) {
        if (!text[i].trim()) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        lefts.push({ char: text[i], left: range.getBoundingClientRect().left });
      }
    }
    return { direction: getComputedStyle(element).direction, lefts };
  });
}

/** True when `char` is drawn left of every other character of the element (where an RTL sentence ends). */
function leftmost(layout: Awaited<ReturnType<typeof layoutOf>>, char: string): boolean {
  const target = layout.lefts.find((c) => c.char === char);
  return !!target && layout.lefts.every((c) => c === target || c.left > target.left);
}

test("right-to-left whispers and names read right to left: an Arabic question's ؟ lands on the left", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["layla", "omar"]);
  try {
    // Layla's display name is Arabic: Omar's list, header and avatar show it right to left.
    await a.page.goto("/settings");
    await a.page.getByRole("textbox", { name: "Display name" }).fill("ليلى حسن");
    await expect(a.page.getByRole("textbox", { name: "Display name" })).toHaveCSS("direction", "rtl");
    await a.page.getByRole("button", { name: "Save profile" }).click();
    await expect(a.page.getByText("Profile saved.")).toBeVisible();

    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    const question = "هل أنت بخير؟";
    const box = a.page.getByRole("textbox", { name: "Message" });
    await box.fill(question);
    await expect(box).toHaveCSS("direction", "rtl");
    await a.page.getByRole("button", { name: "Send", exact: true }).click();
    const mine = whisper(a.page, question).locator(".whisper-text");
    await expect(mine).toHaveCSS("direction", "rtl");
    expect(leftmost(await layoutOf(mine), "؟")).toBe(true);
    await a.page.getByRole("textbox", { name: "Message" }).fill("Fine, and you?");
    await expect(box).toHaveCSS("direction", "ltr");
    await a.page.getByRole("button", { name: "Send", exact: true }).click();
    const english = whisper(a.page, "Fine, and you?").locator(".whisper-text");
    await expect(english).toHaveCSS("direction", "ltr");
    expect(leftmost(await layoutOf(english), "F")).toBe(true);

    // Omar's list: the name and the preview of an Arabic whisper read right to left.
    await a.page.getByRole("textbox", { name: "Message" }).fill("وأنت؟");
    await a.page.getByRole("button", { name: "Send", exact: true }).click();
    const row = b.page.getByRole("link", { name: /ليلى حسن/ });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row.locator(".conv-name")).toHaveCSS("direction", "rtl");
    await expect(row.locator(".conv-preview")).toHaveText("وأنت؟");
    const preview = await layoutOf(row.locator(".conv-preview"));
    expect(leftmost(preview, "؟")).toBe(true);
    // …and stays where the layout puts it: lined up with the name, not pushed to the far side.
    const start = (layout: typeof preview) => Math.min(...layout.lefts.map((c) => c.left));
    expect(Math.abs(start(preview) - start(await layoutOf(row.locator(".conv-name"))))).toBeLessThan(4);
    await shots(b.page, "rtl-list");

    await row.click();
    await b.page.waitForURL(/\/c\/[^/]+$/);
    const theirs = whisper(b.page, question).locator(".whisper-text");
    await expect(theirs).toHaveCSS("direction", "rtl");
    expect(leftmost(await layoutOf(theirs), "؟")).toBe(true);
    await expect(b.page.locator(".chat-title h1 bdi")).toHaveCSS("direction", "rtl");
    await dismissNotices(b.page);
    await shots(b.page, "rtl-conversation");
  } finally {
    await close();
  }
});

test("a conversation says 'Waiting for a reply' to the one who started it until the other answers; nobody sees 'Initiated' or 'Active'", async ({
  browser,
  baseURL,
}) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["nina", "otto"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await a.page.getByRole("textbox", { name: "Message" }).fill("Are you there?");
    await a.page.getByRole("button", { name: "Send", exact: true }).click();
    const header = a.page.locator(".chat-head");
    await expect(header.getByText("Waiting for a reply")).toBeVisible();
    await a.page.goto("/");
    const aRow = a.page.getByRole("link", { name: /Are you there\?/ });
    await expect(aRow).toContainText("Waiting for a reply");

    // Otto was whispered: nothing to explain, he just answers.
    const bRow = b.page.getByRole("link", { name: /Are you there\?/ });
    await expect(bRow).toBeVisible({ timeout: 20_000 });
    await expect(bRow).not.toContainText(/Waiting|Initiated|Active/);
    await bRow.click();
    await expect(b.page.locator(".chat-head")).not.toContainText(/Waiting|Initiated|Active/);
    await b.page.getByRole("textbox", { name: "Message" }).fill("Yes!");
    await b.page.getByRole("button", { name: "Send", exact: true }).click();

    // The answer clears it on Nina's side.
    await expect(a.page.getByRole("link", { name: /Yes!/ })).not.toContainText(/Waiting|Initiated|Active/, { timeout: 20_000 });
    await shots(a.page, "list-after-reply");
  } finally {
    await close();
  }
});
