// @vitest-environment jsdom
// VirtualList renders a small window of a 10,000-row list, follows scrolling, asks for older rows near the top, and scrolls to a row by key.
import { cleanup, render } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { VirtualList, type VirtualListApi } from "./VirtualList";

type Row = { id: string; text: string };
const rows = (n: number, from = 0): Row[] => Array.from({ length: n }, (_, i) => ({ id: `r${from + i}`, text: `row ${from + i}` }));

/** jsdom does no layout: give the scroller a settable scrollTop and fire scroll events by hand. */
function scrollTo(el: HTMLElement, top: number) {
  Object.defineProperty(el, "scrollTop", { configurable: true, writable: true, value: top });
  el.dispatchEvent(new Event("scroll"));
}

afterEach(cleanup);

describe("VirtualList", () => {
  it("renders only the window of 10,000 rows, starting at the bottom", () => {
    const { getAllByRole, getByRole } = render(() => (
      <VirtualList items={rows(10_000)} keyOf={(r) => r.id} estimate={() => 50} label="Whispers" initialViewport={500} overscan={100}>
        {(row) => <p>{row().text}</p>}
      </VirtualList>
    ));
    const list = getByRole("list", { name: "Whispers" });
    const items = getAllByRole("listitem");
    expect(items.length).toBeLessThanOrEqual(Math.ceil(600 / 50) + 1);
    expect(items.at(-1)!.textContent).toBe("row 9999");
    expect(items.at(-1)!.getAttribute("aria-posinset")).toBe("10000");
    expect(items.at(-1)!.getAttribute("aria-setsize")).toBe("10000");
    expect((list.firstElementChild as HTMLElement).style.height).toBe("500000px");
  });

  it("moves the window when scrolled and asks for older rows near the top", () => {
    const onNearTop = vi.fn();
    const { getAllByRole, getByRole } = render(() => (
      <VirtualList items={rows(1000)} keyOf={(r) => r.id} estimate={() => 40} label="Rows" initialViewport={400} overscan={0} onNearTop={onNearTop}>
        {(row) => <p>{row().text}</p>}
      </VirtualList>
    ));
    const list = getByRole("list");
    scrollTo(list, 4000);
    let texts = getAllByRole("listitem").map((li) => li.textContent);
    expect(texts[0]).toBe("row 100");
    expect(texts).toHaveLength(11);
    expect(onNearTop).not.toHaveBeenCalled();
    scrollTo(list, 200);
    texts = getAllByRole("listitem").map((li) => li.textContent);
    expect(texts[0]).toBe("row 5");
    expect(onNearTop).toHaveBeenCalled();
  });

  it("keeps the rows in view in place when older rows are prepended", () => {
    const [items, setItems] = createSignal(rows(100, 100));
    const { getByRole, getAllByRole } = render(() => (
      <VirtualList items={items()} keyOf={(r) => r.id} estimate={() => 40} label="Rows" initialViewport={400} overscan={0}>
        {(row) => <p>{row().text}</p>}
      </VirtualList>
    ));
    const list = getByRole("list");
    scrollTo(list, 800); // row 120 at the top of the view
    expect(getAllByRole("listitem")[0]!.textContent).toBe("row 120");
    setItems((before) => [...rows(100, 0), ...before]);
    expect(list.scrollTop).toBe(800 + 100 * 40);
    scrollTo(list, list.scrollTop);
    expect(getAllByRole("listitem")[0]!.textContent).toBe("row 120");
  });

  it("renders only the rows in view when older rows are prepended, never those at the old scroll position", () => {
    const [items, setItems] = createSignal(rows(100, 100));
    const rendered = new Set<string>();
    const { getByRole, getAllByRole } = render(() => (
      <VirtualList items={items()} keyOf={(r) => r.id} estimate={() => 40} label="Rows" initialViewport={400} overscan={0}>
        {(row) => {
          rendered.add(row().id);
          return <p>{row().text}</p>;
        }}
      </VirtualList>
    ));
    const list = getByRole("list");
    scrollTo(list, 800);
    rendered.clear();
    setItems((before) => [...rows(100, 0), ...before]);
    expect(getAllByRole("listitem")[0]!.textContent).toBe("row 120");
    // The prepended rows 20… would sit at scrollTop 800: none of them was made.
    expect([...rendered].filter((id) => Number(id.slice(1)) < 100)).toEqual([]);
  });

  it("stays at the bottom when a new row arrives", () => {
    const [items, setItems] = createSignal(rows(50));
    const { getAllByRole } = render(() => (
      <VirtualList items={items()} keyOf={(r) => r.id} estimate={() => 40} label="Rows" initialViewport={400} overscan={0}>
        {(row) => <p>{row().text}</p>}
      </VirtualList>
    ));
    setItems((before) => [...before, { id: "new", text: "newest" }]);
    expect(getAllByRole("listitem").at(-1)!.textContent).toBe("newest");
  });

  it("scrolls a row far from the bottom to the middle of the view and keeps it there as older rows come, until the person scrolls", () => {
    const [items, setItems] = createSignal(rows(1000, 1000));
    const [tall, setTall] = createSignal<string>();
    let api!: VirtualListApi;
    const onAtBottomChange = vi.fn();
    const { getByRole, getAllByRole } = render(() => (
      <VirtualList
        items={items()}
        keyOf={(r) => r.id}
        estimate={(r) => (r.id === tall() ? 100 : 40)}
        label="Rows"
        initialViewport={400}
        overscan={0}
        onAtBottomChange={onAtBottomChange}
        ref={(a) => (api = a)}
      >
        {(row) => <p>{row().text}</p>}
      </VirtualList>
    ));
    const list = getByRole("list");
    expect(getAllByRole("listitem").at(-1)!.textContent).toBe("row 1999");
    expect(api.scrollToKey("nope")).toBe(false);
    expect(api.scrollToKey("r1100")).toBe(true);
    // Row 1100 (top 4000, 40 high) in the middle of 400 px: 180 px above it.
    expect(list.scrollTop).toBe(4000 - 180);
    expect(onAtBottomChange).toHaveBeenLastCalledWith(false);
    expect(getAllByRole("listitem").map((li) => li.textContent)).toContain("row 1100");
    scrollTo(list, list.scrollTop); // the scroll event of that jump
    // A row above it in view turns out taller (measured): the row stays where it was shown, not the top of the view.
    setTall("r1098");
    expect(list.scrollTop).toBe(4000 - 180 + 60);
    scrollTo(list, list.scrollTop);
    // 1,000 older rows arrive (the person had not scrolled): the row stays in the middle.
    setItems((before) => [...rows(1000, 0), ...before]);
    expect(list.scrollTop).toBe(4000 - 180 + 60 + 1000 * 40);
    scrollTo(list, list.scrollTop);
    expect(getAllByRole("listitem").map((li) => li.textContent)).toContain("row 1100");
    // Then the person scrolls: the rows under the view are theirs to keep.
    scrollTo(list, 30_000);
    setItems((before) => [...rows(10, 5000), ...before]);
    expect(list.scrollTop).toBe(30_000 + 10 * 40);
  });

  it("scrolls a row near an end as far as that end", () => {
    let api!: VirtualListApi;
    const { getByRole } = render(() => (
      <VirtualList items={rows(100)} keyOf={(r) => r.id} estimate={() => 40} label="Rows" initialViewport={400} overscan={0} ref={(a) => (api = a)}>
        {(row) => <p>{row().text}</p>}
      </VirtualList>
    ));
    api.scrollToKey("r1");
    expect(getByRole("list").scrollTop).toBe(0);
    api.scrollToKey("r98");
    expect(getByRole("list").scrollTop).toBe(100 * 40 - 400);
  });
});
