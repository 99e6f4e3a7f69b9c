// @vitest-environment jsdom
// The mood picker (a labelled radio group), the mood faces, the mood chart (img with summary + data table) and the score bars.
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import { MoodChart } from "./MoodChart";
import { MoodFace } from "./MoodFace";
import { MOOD_LIST } from "./moods";
import { MoodPicker } from "./MoodPicker";
import { ScoreBars } from "./ScoreBars";

afterEach(cleanup);

describe("MoodPicker", () => {
  it("is a named group of 12 radios named by their word, and reports the choice", () => {
    const [value, setValue] = createSignal<string | undefined>("calm");
    const picked: string[] = [];
    const onChange = (mood: string) => {
      picked.push(mood);
      setValue(mood);
    };
    render(() => <MoodPicker name="t" legend="Today's mood" value={value()} onChange={onChange} />);
    const group = screen.getByRole("group", { name: "Today's mood" });
    const radios = within(group).getAllByRole("radio");
    expect(radios).toHaveLength(12);
    expect((within(group).getByRole("radio", { name: "Calm" }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(group).getByRole("radio", { name: "Sad" }));
    expect(picked).toEqual(["sad"]);
    expect((within(group).getByRole("radio", { name: "Sad" }) as HTMLInputElement).checked).toBe(true);
    // The faces are decoration: hidden from assistive technology.
    expect(group.querySelectorAll('svg[aria-hidden="true"]')).toHaveLength(12);
  });
});

describe("MoodFace", () => {
  it("draws each of the 12 moods its own way (no emoji font needed), and any other mood as a plain face", () => {
    const drawings = MOOD_LIST.map((m) => {
      const { container } = render(() => <MoodFace mood={m.id} />);
      const svg = container.querySelector("svg")!;
      expect(svg.classList.contains(`mood-face-${m.id}`)).toBe(true);
      return [...svg.querySelectorAll("path")].map((p) => p.getAttribute("d")).join(" ");
    });
    expect(new Set(drawings).size).toBe(12);
    const { container } = render(() => <MoodFace mood="nostalgic" />);
    expect(container.querySelector("svg")!.classList.contains("mood-face-neutral")).toBe(true);
  });
});

describe("MoodChart", () => {
  const entries = [
    { mood: "happy", at: Date.UTC(2025, 0, 1, 9) },
    { mood: "sad", at: Date.UTC(2025, 0, 2, 9) },
    { mood: "calm", at: Date.UTC(2025, 0, 3, 9) },
  ];

  it("is an image whose name summarises the data, with one dot per entry", () => {
    render(() => <MoodChart entries={entries} />);
    const img = screen.getByRole("img");
    expect(img.getAttribute("aria-label")).toMatch(/^Mood over time, 3 entries .*Latest: calm\.$/);
    expect(img.querySelectorAll("circle")).toHaveLength(3);
    expect(img.querySelector("path")?.getAttribute("d")).toMatch(/^M[\d.]+ [\d.]+ L/);
  });

  it("has a data table with the same entries, oldest first", () => {
    render(() => <MoodChart entries={entries} />);
    const table = screen.getByRole("table", { name: "Mood journal data" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[1].textContent)).toEqual(["Happy", "Sad", "Calm"]);
    expect(rows.map((r) => within(r).getAllByRole("cell")[2].textContent)).toEqual(["+2", "-2", "+1"]);
  });

  it("says when there is nothing yet and shows no table", () => {
    render(() => <MoodChart entries={[]} />);
    expect(screen.getByRole("img", { name: "No moods recorded yet." })).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("ScoreBars", () => {
  it("lists each part with its points in text, bars sized by how full the part is", () => {
    render(() => (
      <ScoreBars parts={{ mood: 0.4, interests: 0.15, lifePhase: 0, career: 0.075 }} label="Why: score parts" />
    ));
    const list = screen.getByRole("list", { name: "Why: score parts" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((i) => i.textContent)).toEqual([
      "Mood40 of 40",
      "Interests15 of 30",
      "Life phase0 of 15",
      "Career8 of 15",
    ]);
    const widths = items.map((i) => (i.querySelector(".score-bar-fill") as HTMLElement).style.width);
    expect(widths).toEqual(["100%", "50%", "0%", "53%"]);
  });
});
