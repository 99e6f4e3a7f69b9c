// Settings: theme applied at once and kept, profile edits, export my data (prepared on the server, then a JSON download), sign out, delete account.
import { readFileSync } from "node:fs";
import { newDevice, signIn, signUp, uniqueName, waitForSync } from "../support/app";
import { expect, test } from "../support/fixtures";

test("theme, profile, export, sign out and delete my account", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const { page, context } = await newDevice(browser, baseURL!);
  const name = uniqueName("sam");
  try {
    await signUp(page, name, "Sam");
    await page.getByRole("link", { name: "Settings" }).click();

    await page.getByRole("radio", { name: "Dark" }).check();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await expect(page.getByRole("radio", { name: "Dark" })).toBeChecked();

    await page.getByRole("textbox", { name: "Career" }).fill("Lighthouse keeper");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Profile saved.")).toBeVisible();
    await waitForSync(page);

    // The preference follows the account to another device.
    const other = await newDevice(browser, baseURL!);
    await signIn(other.page, name);
    await expect(other.page.locator("html")).toHaveAttribute("data-theme", "dark");
    await other.page.goto("/settings");
    await expect(other.page.getByRole("textbox", { name: "Career" })).toHaveValue("Lighthouse keeper");
    await other.page.getByRole("button", { name: "Sign out" }).click();
    await other.page.waitForURL(/\/signin$/);
    await other.context.close();

    await page.getByRole("button", { name: "Export my data" }).click();
    await expect(page.getByText(/Your export is ready/)).toBeVisible({ timeout: 30_000 });
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^whispers-${name}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const data = JSON.parse(readFileSync((await file.path())!, "utf8")) as { format: string; profile?: { career?: string } };
    expect(data.format).toBe("whispers-export/2");
    expect(JSON.stringify(data)).toContain("Lighthouse keeper");

    await page.getByRole("button", { name: "Delete my account" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete your account?" });
    const confirm = dialog.getByRole("button", { name: "Delete my account" });
    await expect(confirm).toBeDisabled();
    await dialog.getByRole("textbox", { name: /Type your username/ }).fill(name);
    await confirm.click();
    await page.waitForURL(/\/signin$/);
    // The account is gone: signing in with it again is refused with the reason.
    await page.getByRole("textbox", { name: "Username" }).fill(name);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("This account was deleted.");
    await expect(page).toHaveURL(/\/signin$/);
  } finally {
    await context.close();
  }
});

test("remove this device's data asks first, then signs out", async ({ browser, baseURL }) => {
  const { page, context } = await newDevice(browser, baseURL!);
  try {
    await signUp(page, uniqueName("tia"), "Tia");
    await page.goto("/settings");
    await page.getByRole("button", { name: "Remove this device's data" }).click();
    const dialog = page.getByRole("dialog", { name: "Remove this device's data?" });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/settings$/);
    await page.getByRole("button", { name: "Remove this device's data" }).click();
    await dialog.getByRole("button", { name: "Remove data" }).click();
    await page.waitForURL(/\/signin$/);
    const left = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith("whispers")));
    expect(left).toEqual([]);
  } finally {
    await context.close();
  }
});

test("notifications that cannot be turned on leave the switch off and say why (no push service here)", async ({ browser, baseURL }) => {
  const { page, context } = await newDevice(browser, baseURL!);
  try {
    await context.grantPermissions(["notifications"]);
    await signUp(page, uniqueName("nia"), "Nia");
    await page.getByRole("link", { name: "Settings" }).click();
    // Headless Chromium has no push service: subscribing fails with an AbortError, as some browsers do.
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    const toggle = page.getByRole("switch", { name: "Notify me about new whispers on this device" });
    await expect(toggle).toBeEnabled();
    await toggle.click({ force: true });
    await expect(page.locator("#push-message")).toContainText("could not reach its push service", { timeout: 20_000 });
    await expect(page.locator("#push-message")).not.toContainText("connection");
    await expect(toggle).not.toBeChecked();
    await page.reload();
    await expect(page.getByRole("switch", { name: "Notify me about new whispers on this device" })).not.toBeChecked();
  } finally {
    await context.close();
  }
});
