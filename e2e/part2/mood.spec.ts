// Mood end to end: set today's mood with a note, the chart's text alternative, edit and delete (offline too), mood match.
import { expectNoSeriousA11yViolations } from "../support/app";
import { expect, test } from "../support/fixtures";
import { newPerson } from "./support";

test("the mood journal: set, chart, edit, delete, offline", async ({ browser, server }) => {
  const maya = await newPerson(browser, server.url, "maya", "Maya Mood");
  const page = maya.page;
  await page.goto("/mood");
  await expect(page.getByText("Your journal is empty")).toBeVisible();
  await expect(page.getByRole("img", { name: "No moods recorded yet." })).toBeVisible();

  // Saving without a mood says what's missing; then a mood with a note lands in the journal.
  await page.getByRole("button", { name: "Save mood" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Pick a mood first." })).toBeVisible();
  const today = page.getByRole("group", { name: "Today's mood" });
  await expect(today.getByRole("radio")).toHaveCount(12);
  await today.getByRole("radio", { name: "Anxious" }).check();
  await page.getByRole("textbox", { name: "Note (optional)" }).fill("Exam tomorrow");
  await page.getByRole("button", { name: "Save mood" }).click();
  const journal = page.getByRole("region", { name: "Journal" });
  await expect(journal.getByText("Exam tomorrow")).toBeVisible();
  await expect(page.getByRole("img", { name: /^Mood over time, 1 entry on .*Latest: anxious\.$/ })).toBeVisible();
  await expect(page.getByText("Right now you're")).toContainText("anxious");
  await expectNoSeriousA11yViolations(page, "mood");

  // Edit: the entry becomes calm with a new note.
  await journal.getByRole("button", { name: /^Edit mood anxious at / }).click();
  const dialog = page.getByRole("dialog", { name: "Edit mood entry" });
  await dialog.getByRole("radio", { name: "Calm" }).check();
  await dialog.getByRole("textbox", { name: "Note (optional)" }).fill("Studied enough");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(journal.getByText("Studied enough")).toBeVisible();
  await expect(journal.getByRole("button", { name: /^Edit mood calm at / })).toBeVisible();

  // Offline: a new mood shows at once as not synced yet, and syncs when back online.
  await maya.context.setOffline(true);
  await today.getByRole("radio", { name: "Tired" }).check();
  await page.getByRole("button", { name: "Save mood" }).click();
  const tired = journal.getByRole("listitem").filter({ has: page.getByRole("button", { name: /^Edit mood tired/ }) });
  await expect(tired).toContainText("Not synced yet");
  await expect(page.getByRole("img", { name: /2 entries/ })).toBeVisible();
  await maya.context.setOffline(false);
  await expect(tired).not.toContainText("Not synced yet", { timeout: 30_000 });

  // Delete asks first; the entry goes.
  await journal.getByRole("button", { name: /^Delete mood tired at / }).click();
  await page
    .getByRole("dialog", { name: "Delete this mood entry?" })
    .getByRole("button", { name: "Delete", exact: true })
    .click();
  await expect(journal.getByRole("button", { name: /^Edit mood tired/ })).toHaveCount(0);
  await expect(page.getByRole("img", { name: /1 entry/ })).toBeVisible();

  // A reload (server state) keeps the edit and the deletion.
  await expect(page.locator(".topbar").getByRole("status")).toHaveText(/Up to date/, { timeout: 30_000 });
  await page.reload();
  await expect(journal.getByText("Studied enough")).toBeVisible();
  await expect(journal.getByRole("button", { name: /^Edit mood tired/ })).toHaveCount(0);
  await maya.context.close();
});

test("find a mood match: ranked people with the score's parts, a whisper opens the conversation; offline says so", async ({
  browser,
  server,
}) => {
  const omar = await newPerson(browser, server.url, "omar", "Omar Match");
  const page = omar.page;
  await page.goto("/mood");
  await page.getByRole("group", { name: "Today's mood" }).getByRole("radio", { name: "Sad" }).check();
  await page.getByRole("button", { name: "Save mood" }).click();
  await expect(page.locator(".topbar").getByRole("status")).toHaveText(/Up to date/, { timeout: 30_000 });

  await page.getByRole("link", { name: "Find a mood match" }).click();
  await page.waitForURL(/\/mood\/match$/);
  const matches = page.getByRole("listitem").filter({ has: page.getByRole("button", { name: /^Whisper to / }) });
  await expect(matches.first()).toBeVisible({ timeout: 20_000 });
  const first = matches.first();
  await expect(first.getByRole("list", { name: /score parts$/ }).getByRole("listitem")).toHaveCount(4);
  await expect(first.getByRole("list", { name: /score parts$/ })).toContainText(/Mood\s*\d+ of 40/);
  await expect(first).toContainText(/a good fit for your sad mood|You both feel sad/);
  await expectNoSeriousA11yViolations(page, "mood match");

  const name = (await first.getByRole("heading").textContent())!.trim();
  await first.getByRole("button", { name: `Whisper to ${name}` }).click();
  await page.waitForURL(/\/c\/[^/]+$/);
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();

  // Offline, the match screen says it needs a connection (in-app navigation: no network needed).
  await page.goto("/mood");
  await omar.context.setOffline(true);
  await page.getByRole("link", { name: "Find a mood match" }).click();
  await expect(page.getByText("Finding a mood match needs a connection.", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Refresh" })).toBeDisabled();
  await omar.context.setOffline(false);
  await expect(matches.first()).toBeVisible({ timeout: 30_000 });
  await omar.context.close();
});
