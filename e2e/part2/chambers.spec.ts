// Echo chambers end to end: create, share the invite (a copyable field, Share), join by link, live messages both ways, offline queue, removal, axe.
import { expectNoSeriousA11yViolations } from "../support/app";
import { expect, test } from "../support/fixtures";
import { saveShots } from "../support/shots";
import { newPerson } from "./support";

test("two people in one chamber see each other's messages live; the creator removes a member", async ({
  browser,
  server,
}) => {
  const ann = await newPerson(browser, server.url, "ann", "Ann Chamber");
  const ben = await newPerson(browser, server.url, "ben", "Ben Chamber");
  const topic = `owls${Date.now().toString(36).slice(-4)}`;

  // Ann creates a public chamber for 5.
  await ann.page.goto("/chambers/new");
  await expectNoSeriousA11yViolations(ann.page, "new chamber");
  await ann.page.getByRole("button", { name: "Create chamber" }).click();
  await expect(ann.page.getByText("Give the chamber a name.")).toBeVisible();
  await ann.page.getByRole("textbox", { name: "Name" }).fill("Late Thinkers");
  await ann.page.getByRole("textbox", { name: "Topic" }).fill(topic);
  await ann.page.getByRole("spinbutton", { name: "Member limit" }).fill("5");
  await ann.page.getByRole("button", { name: "Create chamber" }).click();
  await ann.page.waitForURL(/\/chambers\/[^/]+$/);
  await expect(ann.page.getByRole("heading", { level: 1, name: "Late Thinkers" })).toBeVisible();

  // The invite code and link arrive with the server's row; Copy puts the link on the clipboard.
  const link = ann.page.getByRole("textbox", { name: "Invite link" });
  await expect(link).toHaveValue(/\/join\/[A-Za-z0-9_-]{12}$/, { timeout: 20_000 });
  const invite = await link.inputValue();
  expect(invite.startsWith(server.url)).toBe(true);
  await ann.page.getByRole("button", { name: "Copy invite link" }).click();
  expect(await ann.page.evaluate(() => navigator.clipboard.readText())).toBe(invite);
  await expect(ann.page.getByTestId("member-count")).toHaveText("1 / 5 members");
  await expectNoSeriousA11yViolations(ann.page, "chamber room");

  // Ben opens the link: he joins and lands in the room; both see two members.
  await ben.page.goto(new URL(invite).pathname);
  await ben.page.waitForURL(/\/chambers\/[^/]+$/, { timeout: 30_000 });
  await expect(ben.page.getByRole("heading", { level: 1, name: "Late Thinkers" })).toBeVisible();
  await expect(ben.page.getByTestId("member-count")).toHaveText("2 / 5 members");
  await expect(ann.page.getByTestId("member-count")).toHaveText("2 / 5 members");

  // Messages travel live both ways, under aliases only.
  const annBox = ann.page.getByRole("textbox", { name: /^Message as / });
  const benBox = ben.page.getByRole("textbox", { name: /^Message as / });
  await annBox.fill("Anyone else awake?");
  await annBox.press("Enter");
  await expect(ben.page.getByRole("log", { name: "Messages" }).getByText("Anyone else awake?")).toBeVisible();
  await benBox.fill("Always, at this hour.");
  await ben.page.getByRole("button", { name: "Send message" }).click();
  await expect(ann.page.getByRole("log", { name: "Messages" }).getByText("Always, at this hour.")).toBeVisible();
  const benAlias = (await benBox.getAttribute("placeholder"))!.replace(/^Message as /, "");
  await expect(ann.page.getByTestId("chamber-message").filter({ hasText: "Always, at this hour." })).toContainText(
    benAlias,
  );
  await expect(ann.page.getByRole("log", { name: "Messages" })).not.toContainText(ben.username);

  // Offline, Ben's message waits; back online it is sent and Ann gets it.
  await ben.context.setOffline(true);
  await benBox.fill("Written in a tunnel");
  await benBox.press("Enter");
  const queued = ben.page.getByTestId("chamber-message").filter({ hasText: "Written in a tunnel" });
  await expect(queued).toContainText("Waiting for a connection");
  await ben.context.setOffline(false);
  await expect(ann.page.getByRole("log", { name: "Messages" }).getByText("Written in a tunnel")).toBeVisible({
    timeout: 30_000,
  });
  await expect(queued).not.toContainText("Waiting for a connection");

  // Ann (the creator) removes Ben, after confirming.
  await ann.page.getByRole("button", { name: `Remove ${benAlias}` }).click();
  await ann.page.getByRole("dialog").getByRole("button", { name: "Remove member" }).click();
  await expect(ann.page.getByTestId("member-count")).toHaveText("1 / 5 members", { timeout: 20_000 });
  await expect(ben.page.getByText("You were removed from this chamber")).toBeVisible({ timeout: 20_000 });

  // Ben can't come back with the link.
  await ben.page.goto(new URL(invite).pathname);
  await expect(
    ben.page.getByRole("alert").filter({ hasText: "Couldn't join: You were removed from this chamber." }),
  ).toBeVisible({ timeout: 20_000 });

  await ann.context.close();
  await ben.context.close();
});

test("chambers are discovered by topic and joined; leaving takes the chamber off the list", async ({
  browser,
  server,
}) => {
  const cleo = await newPerson(browser, server.url, "cleo", "Cleo Chamber");
  const dan = await newPerson(browser, server.url, "dan", "Dan Chamber");
  const topic = `tea${Date.now().toString(36).slice(-5)}`;
  await cleo.page.goto("/chambers/new");
  await cleo.page.getByRole("textbox", { name: "Name" }).fill("Tea Time");
  await cleo.page.getByRole("textbox", { name: "Topic" }).fill(topic);
  await cleo.page.getByRole("button", { name: "Create chamber" }).click();
  await expect(cleo.page.getByRole("textbox", { name: "Invite link" })).toHaveValue(/\/join\//, { timeout: 20_000 });

  await dan.page.goto("/chambers");
  await expectNoSeriousA11yViolations(dan.page, "chambers");
  await dan.page.getByRole("searchbox", { name: "Topic" }).fill(topic.slice(0, 6));
  const results = dan.page.getByRole("list", { name: "Public chambers" });
  await expect(results.getByText("Tea Time")).toBeVisible();
  await results.getByRole("button", { name: "Join Tea Time" }).click();
  await dan.page.waitForURL(/\/chambers\/[^/]+$/);
  await expect(dan.page.getByTestId("member-count")).toHaveText("2 / 20 members", { timeout: 20_000 });
  await expect(cleo.page.getByTestId("member-count")).toHaveText("2 / 20 members", { timeout: 20_000 });

  await dan.page.getByRole("button", { name: "Leave" }).click();
  await dan.page.getByRole("dialog").getByRole("button", { name: "Leave chamber" }).click();
  await dan.page.waitForURL(/\/chambers$/);
  await expect(dan.page.getByRole("list", { name: "Your chambers" }).getByText("Tea Time")).toHaveCount(0);
  await expect(cleo.page.getByTestId("member-count")).toHaveText("1 / 20 members", { timeout: 20_000 });
  await cleo.context.close();
  await dan.context.close();
});

test("the invite link is one unbroken line in a read-only field, copied whole or handed to the share sheet (phone and desktop)", async ({
  browser,
  server,
}) => {
  const ida = await newPerson(browser, server.url, "ida", "Ida Invite");
  try {
    // This Chromium has no share sheet: a stand-in records what the app hands to it.
    await ida.page.addInitScript(() => {
      const shared: ShareData[] = [];
      (window as unknown as { shared: ShareData[] }).shared = shared;
      Object.defineProperty(navigator, "share", { value: async (data: ShareData) => void shared.push(data), configurable: true });
    });
    await ida.page.goto("/chambers/new");
    await ida.page.getByRole("textbox", { name: "Name" }).fill("Port Watchers");
    await ida.page.getByRole("textbox", { name: "Topic" }).fill(`ports${Date.now().toString(36).slice(-4)}`);
    await ida.page.getByRole("button", { name: "Create chamber" }).click();
    await ida.page.waitForURL(/\/chambers\/[^/]+$/);
    const link = ida.page.getByRole("textbox", { name: "Invite link" });
    await expect(link).toHaveValue(/\/join\/[A-Za-z0-9_-]{12}$/, { timeout: 20_000 });
    await expect(link).not.toBeEditable();
    const invite = await link.inputValue();

    for (const width of [360, 1280]) {
      await ida.page.setViewportSize({ width, height: 800 });
      // On a phone the chamber's details fold away: open them.
      if (width === 360) await ida.page.getByRole("button", { name: "Invite & members" }).click();
      await expect(link).toBeVisible();
      // One line, as tall as the code's field: nothing wraps in the middle of "127.0.0.1:port".
      const [linkBox, codeBox] = [await link.boundingBox(), await ida.page.getByRole("textbox", { name: "Invite code" }).boundingBox()];
      expect(Math.abs(linkBox!.height - codeBox!.height)).toBeLessThan(1);
      expect(linkBox!.height).toBeLessThan(44);
    }

    // Focusing the field selects it all; Copy copies the whole link; Share hands it to the share sheet.
    await link.focus();
    expect(await link.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, invite.length]);
    await ida.page.getByRole("button", { name: "Copy invite link" }).click();
    expect(await ida.page.evaluate(() => navigator.clipboard.readText())).toBe(invite);
    await expect(ida.page.getByRole("button", { name: "Copy invite link" })).toContainText("Copied");
    await ida.page.getByRole("button", { name: "Share invite…" }).click();
    expect(await ida.page.evaluate(() => (window as unknown as { shared: ShareData[] }).shared)).toEqual([
      { title: "Port Watchers", text: "Join “Port Watchers” on Whispers", url: invite },
    ]);
    await expectNoSeriousA11yViolations(ida.page, "invite panel");
    await saveShots(ida.page, "chamber-invite", link);
  } finally {
    await ida.context.close();
  }
});
