// Admin end to end: a feature flag turned off (other clients hide it, the server refuses it), a ban, a role request (a banned requester's can only be rejected); axe.
import { makeFunctionReference } from "convex/server";
import { expectNoSeriousA11yViolations } from "../support/app";
import { expect, test } from "../support/fixtures";
import { saveShots as shots } from "../support/shots";
import { demoPerson, newPerson, serverAs, setFlag, tryMutation } from "./support";

test("an admin turns echo chambers off: the other person's app hides them and the server refuses them", async ({
  browser,
  server,
}) => {
  const pia = await newPerson(browser, server.url, "pia", "Pia Flag");
  const nav = pia.page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Chambers" })).toBeVisible();
  await pia.page.goto("/chambers");
  await expect(pia.page.getByRole("heading", { level: 1, name: "Echo chambers" })).toBeVisible();

  const admin = await demoPerson(browser, server.url, "admin");
  try {
    await admin.page.goto("/admin");
    const flag = admin.page.getByRole("switch", { name: /^Echo chambers/ });
    await expect(flag).toHaveAttribute("aria-checked", "true", { timeout: 20_000 });
    await expectNoSeriousA11yViolations(admin.page, "admin");
    await flag.click();
    await expect(flag).toHaveAttribute("aria-checked", "false");

    // Pia's app learns it through the sync feed: the tab goes and the screen says the feature is off.
    await expect(nav.getByRole("link", { name: "Chambers" })).toHaveCount(0, { timeout: 20_000 });
    await expect(pia.page.getByText("Echo chambers are turned off")).toBeVisible();

    // The server refuses it too, whatever a client sends.
    const piaServer = await serverAs(server.url, pia.username);
    const refused = await tryMutation(piaServer, "echoChambers:create", {
      clientId: crypto.randomUUID(),
      name: "Sneaky",
      topic: "nope",
      maxMembers: 5,
      isPublic: true,
    });
    expect(refused).toMatchObject({
      ok: false,
      code: "FEATURE_DISABLED",
      message: 'The feature "Echo chambers" is turned off right now.',
    });

    // Back on: the tab returns at once.
    await flag.click();
    await expect(flag).toHaveAttribute("aria-checked", "true");
    await expect(nav.getByRole("link", { name: "Chambers" })).toBeVisible({ timeout: 20_000 });
  } finally {
    await setFlag(server.url, "ECHO_CHAMBERS", true);
    await admin.context.close();
    await pia.context.close();
  }
});

test("a ban takes effect: the banned person's next action fails with the ban message", async ({ browser, server }) => {
  const rex = await newPerson(browser, server.url, "rex", "Rex Rulebreaker");
  const admin = await demoPerson(browser, server.url, "admin", { width: 390 });
  await admin.page.goto("/admin");
  await admin.page.getByRole("searchbox", { name: "Find by username" }).fill(rex.username);
  const people = admin.page.getByRole("list", { name: "People found" });
  await people.getByRole("button", { name: `Ban ${rex.username}` }).click({ timeout: 20_000 });
  const dialog = admin.page.getByRole("dialog", { name: "Ban Rex Rulebreaker?" });
  await dialog.getByRole("button", { name: "Ban", exact: true }).click();
  await expect(dialog.getByText("Say why: the person sees this reason.")).toBeVisible();
  await expectNoSeriousA11yViolations(admin.page, "ban dialog");
  await dialog.getByRole("textbox", { name: "Reason" }).fill("Spamming the chambers");
  await dialog.getByRole("button", { name: "Ban", exact: true }).click();
  await expect(people.getByText("Banned", { exact: true })).toBeVisible({ timeout: 20_000 });

  // Rex's next change (in the app he has open) is refused with the ban message, shown where he made it.
  await rex.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mood" }).click();
  await rex.page.getByRole("group", { name: "Today's mood" }).getByRole("radio", { name: "Happy" }).check();
  await rex.page.getByRole("button", { name: "Save mood" }).click();
  await expect(
    rex.page.getByRole("alert").filter({ hasText: "This account was banned: Spamming the chambers" }).first(),
  ).toBeVisible({ timeout: 30_000 });

  // Reopened, the app says so plainly (instead of syncing forever) and offers a way out.
  await rex.page.reload();
  await expect(rex.page.getByRole("heading", { name: "Your account is banned" })).toBeVisible({ timeout: 30_000 });
  await expect(rex.page.getByRole("alert").filter({ hasText: "This account was banned: Spamming the chambers" })).toBeVisible();
  await expect(rex.page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // Unban: the server accepts Rex again, and "Try again" opens the app.
  await people.getByRole("button", { name: `Unban ${rex.username}` }).click();
  await expect(people.getByText("Banned", { exact: true })).toHaveCount(0, { timeout: 20_000 });
  await rex.page.getByRole("button", { name: "Try again" }).click();
  await expect(rex.page.getByRole("heading", { name: "Your account is banned" })).toHaveCount(0, { timeout: 20_000 });
  await expect(rex.page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const rexServer = await serverAs(server.url, rex.username);
  expect(await tryMutation(rexServer, "users:setMood", { mood: "calm" })).toMatchObject({ ok: true });
  await admin.context.close();
  await rex.context.close();
});

test("an admin erases an account (GDPR): confirmed by typing the username, the data goes and the person's app says so", async ({
  browser,
  server,
}) => {
  const gus = await newPerson(browser, server.url, "gus", "Gus Gone");
  const admin = await demoPerson(browser, server.url, "admin", { width: 390 });
  try {
    await admin.page.goto("/admin");
    await admin.page.getByRole("searchbox", { name: "Find by username" }).fill(gus.username);
    const people = admin.page.getByRole("list", { name: "People found" });
    await people.getByRole("button", { name: `Erase ${gus.username}'s account` }).click({ timeout: 20_000 });
    const dialog = admin.page.getByRole("dialog", { name: "Erase Gus Gone's account?" });
    await expect(dialog.getByText("This can't be undone.")).toBeVisible();
    const erase = dialog.getByRole("button", { name: "Erase account" });
    await erase.click();
    await expect(dialog.getByText("Say why: the person sees this reason.")).toBeVisible();
    await expect(dialog.getByText(`Type ${gus.username} to confirm.`)).toBeVisible();
    await expectNoSeriousA11yViolations(admin.page, "erase dialog");
    await dialog.getByRole("textbox", { name: "Reason" }).fill("Asked us to remove everything");
    await dialog.getByRole("textbox", { name: `Type ${gus.username} to confirm` }).fill("someone-else");
    await erase.click();
    await expect(dialog.getByText(`Type ${gus.username} to confirm.`)).toBeVisible();
    await expect(dialog).toBeVisible();
    await dialog.getByRole("textbox", { name: `Type ${gus.username} to confirm` }).fill(gus.username);
    await erase.click();
    await expect(dialog).toHaveCount(0);
    await expect(admin.page.getByText("Gus Gone's account is erased.")).toBeVisible({ timeout: 20_000 });
    // The username is gone with the rest: the search no longer finds it.
    await expect(people.getByText("Gus Gone")).toHaveCount(0, { timeout: 20_000 });

    // Gus's app, reopened, says plainly that the account is gone; the server refuses him.
    await gus.page.reload();
    await expect(gus.page.getByRole("heading", { name: "This account was deleted" })).toBeVisible({ timeout: 30_000 });
    const gusServer = await serverAs(server.url, gus.username);
    expect(await tryMutation(gusServer, "users:setMood", { mood: "calm" })).toMatchObject({ ok: false });
  } finally {
    await admin.context.close();
    await gus.context.close();
  }
});

test("anyone can request an admin role in Settings; a super admin approves it and the admin tools open", async ({
  browser,
  server,
}) => {
  const sam = await newPerson(browser, server.url, "sam", "Sam Request");
  await sam.page.goto("/settings");
  const section = sam.page.getByRole("region", { name: "Admin role" });
  await section.getByRole("textbox", { name: "Why? (optional)" }).fill("I moderate a book club");
  await section.getByRole("button", { name: "Request an admin role" }).click();
  await expect(section.getByText("Your request to become admin is waiting for a super admin's review.")).toBeVisible();
  await expect(section.getByRole("button", { name: "Request an admin role" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(sam.page, "settings admin section");

  const admin = await demoPerson(browser, server.url, "admin");
  await admin.page.goto("/admin");
  const requests = admin.page.getByRole("region", { name: "Role requests" });
  await expect(requests.getByText("I moderate a book club")).toBeVisible({ timeout: 20_000 });
  await requests.getByRole("button", { name: `Approve ${sam.username}` }).click();
  await expect(requests.getByText("I moderate a book club")).toHaveCount(0, { timeout: 20_000 });

  await expect(section.getByText(/Your request to become admin was approved/)).toBeVisible({ timeout: 20_000 });
  // The navigation gains Admin at once.
  await expect(sam.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible({ timeout: 20_000 });
  await section.getByRole("link", { name: "Admin tools" }).click();
  await sam.page.waitForURL(/\/admin$/);
  await expect(sam.page.getByRole("region", { name: "Dashboard" })).toBeVisible();
  await expect(sam.page.getByRole("region", { name: "Role requests" })).toHaveCount(0);
  await expect(sam.page.getByRole("region", { name: "Dashboard" }).getByTestId("stat-users")).toContainText(/\d+/);
  await expect(sam.page.getByRole("img", { name: /^Whispers per day over the last 7 days/ })).toBeVisible();
  await admin.context.close();
  await sam.context.close();
});

test("a banned person's pending role request can't be approved: it says why and only Reject is offered", async ({
  browser,
  server,
}) => {
  const kim = await newPerson(browser, server.url, "kim", "Kim Banned");
  const kimServer = await serverAs(server.url, kim.username);
  expect(await tryMutation(kimServer, "admin:requestRole", { requestType: "admin", reason: "Let me in" })).toMatchObject({ ok: true });
  const admin = await demoPerson(browser, server.url, "admin");
  try {
    await admin.page.goto("/admin");
    const requests = admin.page.getByRole("region", { name: "Role requests" });
    const row = requests.getByRole("listitem").filter({ hasText: "Let me in" });
    await expect(row.getByRole("button", { name: `Approve ${kim.username}` })).toBeVisible({ timeout: 20_000 });

    // Banned meanwhile (from another admin's screen): the open list follows, Approve goes and the reason shows.
    const adminServer = await serverAs(server.url, "admin");
    const kimId = ((await kimServer.query(makeFunctionReference<"query">("users:me"), {})) as { _id: string })._id;
    expect(await tryMutation(adminServer, "admin:banUser", { userId: kimId, reason: "Spam" })).toMatchObject({ ok: true });
    await expect(row.getByText("This account is banned: reject the request, or lift the ban first.")).toBeVisible({ timeout: 20_000 });
    await expect(row.getByRole("button", { name: `Approve ${kim.username}` })).toHaveCount(0);
    await expectNoSeriousA11yViolations(admin.page, "role requests with a banned requester");
    await shots(admin.page, "admin-banned-request", row);
    await row.getByRole("button", { name: `Reject ${kim.username}` }).click();
    await expect(requests.getByText("Let me in")).toHaveCount(0, { timeout: 20_000 });
  } finally {
    await admin.context.close();
    await kim.context.close();
  }
});

test("an admin has Admin in the navigation, highlighted on /admin (Settings is not); others have no Admin tab", async ({
  browser,
  server,
}) => {
  const pat = await newPerson(browser, server.url, "pat", "Pat Plain");
  const admin = await demoPerson(browser, server.url, "admin", { width: 360 });
  try {
    const patNav = pat.page.getByRole("navigation", { name: "Main" });
    await expect(patNav.getByRole("link", { name: "Settings" })).toBeVisible();
    await expect(patNav.getByRole("link", { name: "Admin" })).toHaveCount(0);

    const nav = admin.page.getByRole("navigation", { name: "Main" });
    const adminTab = nav.getByRole("link", { name: "Admin" });
    const settingsTab = nav.getByRole("link", { name: "Settings" });
    await expect(adminTab).toBeVisible({ timeout: 20_000 });
    // Six tabs fit a 360 px phone, every label whole.
    const tabs = nav.getByRole("link");
    await expect(tabs).toHaveCount(6);
    for (const tab of await tabs.all()) {
      const box = (await tab.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      expect(await tab.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
    await adminTab.click();
    await admin.page.waitForURL(/\/admin$/);
    await expect(admin.page.getByRole("region", { name: "Dashboard" })).toBeVisible();
    await expect(adminTab).toHaveAttribute("aria-current", "page");
    await expect(settingsTab).not.toHaveAttribute("aria-current", "page");
    await expectNoSeriousA11yViolations(admin.page, "admin with its tab");
    await shots(admin.page, "admin-tab");
    await settingsTab.click();
    await admin.page.waitForURL(/\/settings$/);
    await expect(settingsTab).toHaveAttribute("aria-current", "page");
    await expect(adminTab).not.toHaveAttribute("aria-current", "page");

    // Offline the tab stays (the role is remembered on the device).
    await admin.context.setOffline(true);
    await admin.page.reload();
    await expect(adminTab).toBeVisible({ timeout: 20_000 });
    await admin.context.setOffline(false);
  } finally {
    await admin.context.close();
    await pat.context.close();
  }
});
