// Demo data, part two: echo chambers, skill listings and matches, and a pending admin request.
import type { Seeder } from "./seeder";

export async function seedChambers(s: Seeder): Promise<void> {
  const owls = await s.mutation<{ chamberId: string }>("alice", "echoChambers:create", {
    clientId: s.clientId("c"),
    name: "Night Owls",
    topic: "insomnia",
    maxMembers: 25,
    isPublic: true,
  });
  for (const who of ["bob", "carol", "dave"]) await s.mutation(who, "echoChambers:join", { chamberId: owls.chamberId });
  const owlsTalk: [string, string][] = [
    ["alice", "3am again. Anyone else staring at the ceiling?"],
    ["dave", "Always. Exam brain won't switch off."],
    ["carol", "Coming off a night shift, so this is my evening 🙂"],
    ["bob", "Try writing down tomorrow's to-do list. Works for me about half the time."],
  ];
  for (const [who, content] of owlsTalk) {
    await s.mutation(who, "echoChambers:post", { chamberId: owls.chamberId, clientId: s.clientId("m"), content });
  }
  const poetry = await s.mutation<{ chamberId: string; inviteCode: string }>("carol", "echoChambers:create", {
    clientId: s.clientId("c"),
    name: "Poetry Circle",
    topic: "poetry",
    maxMembers: 8,
    isPublic: false,
  });
  await s.mutation("alice", "echoChambers:joinByCode", { inviteCode: poetry.inviteCode });
  await s.mutation("erin", "echoChambers:joinByCode", { inviteCode: poetry.inviteCode });
  const poems: [string, string][] = [
    ["carol", "the ward hums low / a monitor keeps the time / I keep watch on both"],
    ["alice", "Beautiful. Mine today: 'coffee cools / the email waits / the window is the better inbox'"],
    ["erin", "Stealing 'the better inbox' for my class, if you allow it."],
  ];
  for (const [who, content] of poems) {
    await s.mutation(who, "echoChambers:post", { chamberId: poetry.chamberId, clientId: s.clientId("m"), content });
  }
}

export async function seedSkillsAndRoles(s: Seeder): Promise<void> {
  const add = (who: string, skillName: string, type: "offering" | "seeking", proficiencyLevel: string, description?: string) =>
    s.mutation<{ skillId: string }>(who, "skills:add", { skillName, type, proficiencyLevel, ...(description ? { description } : {}) });
  const bobGuitar = await add("bob", "Guitar", "offering", "advanced", "Fingerstyle and basic chords, patient with beginners.");
  const erinGuitar = await add("erin", "Guitar", "seeking", "beginner", "Total beginner, own an old acoustic.");
  const alicePhoto = await add("alice", "Photography", "offering", "expert", "Composition and light, phone cameras welcome.");
  const davePhoto = await add("dave", "Photography", "seeking", "intermediate");
  await add("carol", "Meditation", "offering", "intermediate", "Short breathing practices for busy people.");
  await add("erin", "Spanish", "offering", "advanced");
  await add("bob", "Cooking", "seeking", "beginner");
  // Erin proposed, Bob accepted: their match has a conversation. Dave's proposal to Alice waits.
  const lessons = await s.mutation<{ matchId: string }>("erin", "skills:proposeMatch", {
    offeringSkillId: bobGuitar.skillId,
    seekingSkillId: erinGuitar.skillId,
  });
  await s.mutation("bob", "skills:acceptMatch", { matchId: lessons.matchId });
  await s.mutation("dave", "skills:proposeMatch", { offeringSkillId: alicePhoto.skillId, seekingSkillId: davePhoto.skillId });
  await s.mutation("erin", "admin:requestRole", {
    requestType: "admin",
    reason: "I'd like to help moderate the Night Owls chamber.",
  });
}
