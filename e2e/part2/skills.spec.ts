// Skill exchange end to end: listings, a suggested match proposed, accepted into a conversation, completed; search; axe.
import { expectNoSeriousA11yViolations } from "../support/app";
import { expect, test } from "../support/fixtures";
import { newPerson } from "./support";

test("a skill match leads to a conversation", async ({ browser, server }) => {
  const tara = await newPerson(browser, server.url, "tara", "Tara Teacher");
  const leo = await newPerson(browser, server.url, "leo", "Leo Learner");
  const skill = `Juggling ${Date.now().toString(36).slice(-5)}`;

  // Tara offers the skill; Leo seeks it.
  await tara.page.goto("/skills");
  await tara.page.getByRole("textbox", { name: "Skill", exact: true }).fill(skill);
  await tara.page.getByRole("combobox", { name: "Your level" }).selectOption("expert");
  await tara.page.getByRole("button", { name: "Add listing" }).click();
  const taraListings = tara.page.getByRole("region", { name: "Your listings" });
  await expect(taraListings.getByText(skill)).toBeVisible();

  await leo.page.goto("/skills");
  await leo.page.getByRole("radio", { name: "I want to learn" }).check();
  await leo.page.getByRole("textbox", { name: "Skill", exact: true }).fill(skill);
  await leo.page.getByRole("button", { name: "Add listing" }).click();
  await expect(leo.page.getByRole("region", { name: "Your listings" }).getByText(skill)).toBeVisible();

  // Leo finds Tara by search, and sees her among the suggestions; he proposes from the suggestion.
  await leo.page.getByRole("searchbox", { name: "Skill" }).fill(skill.split(" ")[1]);
  await expect(leo.page.getByRole("list", { name: "Search results" }).getByText("Tara Teacher")).toBeVisible({
    timeout: 20_000,
  });
  const suggestions = leo.page.getByRole("region", { name: "Suggested for you" });
  await suggestions.getByRole("button", { name: `Propose ${skill} with Tara Teacher` }).click();
  await expect(suggestions.getByText("Proposed")).toBeVisible();
  const leoMatches = leo.page.getByRole("region", { name: "Your matches" });
  await expect(leoMatches.getByText(`Tara Teacher teaches you ${skill.toLowerCase()}`)).toBeVisible({
    timeout: 20_000,
  });
  await expect(leoMatches.getByText("Waiting for an answer")).toBeVisible();
  await expectNoSeriousA11yViolations(leo.page, "skills");

  // Tara's suggestions say Leo asked her.
  const taraSuggestions = tara.page.getByRole("region", { name: "Suggested for you" });
  await expect(taraSuggestions.getByText("Proposed to you", { exact: true })).toBeVisible({ timeout: 20_000 });

  // Tara accepts: the match opens a conversation for both.
  const taraMatches = tara.page.getByRole("region", { name: "Your matches" });
  await taraMatches
    .getByRole("button", { name: `Accept: You teach Leo Learner ${skill.toLowerCase()}` })
    .click({ timeout: 20_000 });
  const open = taraMatches.getByRole("link", { name: /^Open conversation/ });
  await expect(open).toBeVisible({ timeout: 20_000 });
  const href = await open.getAttribute("href");
  expect(href).toMatch(/^\/c\/[^/]+$/);
  await expect(leoMatches.getByRole("link", { name: /^Open conversation/ })).toHaveAttribute("href", href!, {
    timeout: 20_000,
  });

  // The suggestion says so too, also after a reload: "Matched" with the way to the conversation, no longer "Proposed".
  for (const reload of [false, true]) {
    if (reload) await leo.page.reload();
    await expect(suggestions.getByText("Matched", { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(suggestions.getByText("Proposed", { exact: true })).toHaveCount(0);
    await expect(suggestions.getByRole("link", { name: "Open conversation with Tara Teacher" })).toHaveAttribute("href", href!);
  }
  await expect(taraSuggestions.getByText("Matched", { exact: true })).toBeVisible({ timeout: 20_000 });

  // Completing it keeps the way back to the conversation.
  await taraMatches.getByRole("button", { name: /^Mark completed: / }).click();
  await expect(taraMatches.getByText("Completed")).toBeVisible();
  await expect(leoMatches.getByText("Completed")).toBeVisible({ timeout: 20_000 });

  await open.click();
  await tara.page.waitForURL(`**${href}`);
  await expect(tara.page.getByRole("textbox", { name: "Message" })).toBeVisible();
  await tara.context.close();
  await leo.context.close();
});

test("a declined proposal says so on both sides; listings can be removed offline", async ({ browser, server }) => {
  const mia = await newPerson(browser, server.url, "mia", "Mia Teacher");
  const ned = await newPerson(browser, server.url, "ned", "Ned Learner");
  const skill = `Origami ${Date.now().toString(36).slice(-5)}`;
  await mia.page.goto("/skills");
  await mia.page.getByRole("textbox", { name: "Skill", exact: true }).fill(skill);
  await mia.page.getByRole("button", { name: "Add listing" }).click();
  await expect(mia.page.getByRole("region", { name: "Your listings" }).getByText(skill)).toBeVisible();

  await ned.page.goto("/skills");
  await ned.page.getByRole("searchbox", { name: "Skill" }).fill(skill);
  const results = ned.page.getByRole("list", { name: "Search results" });
  await results.getByRole("button", { name: `Ask to learn: ${skill} with Mia Teacher` }).click({ timeout: 20_000 });
  const miaMatches = mia.page.getByRole("region", { name: "Your matches" });
  await miaMatches.getByRole("button", { name: /^Decline: / }).click({ timeout: 20_000 });
  await expect(miaMatches.getByText("Declined")).toBeVisible();
  await expect(ned.page.getByRole("region", { name: "Your matches" }).getByText("Declined")).toBeVisible({
    timeout: 20_000,
  });

  // Offline: the listing disappears at once and the removal is sent later.
  await mia.context.setOffline(true);
  await mia.page.getByRole("button", { name: `Remove ${skill} from your offers` }).click();
  await expect(mia.page.getByRole("region", { name: "Your listings" }).getByText(skill)).toHaveCount(0);
  await mia.context.setOffline(false);
  await expect(mia.page.locator(".topbar").getByRole("status")).toHaveText(/Up to date/, { timeout: 30_000 });
  await mia.context.close();
  await ned.context.close();
});
