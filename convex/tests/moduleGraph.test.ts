// The backend's modules import each other without cycles (visibility once sat in a users/conversations/unmasking circle).
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

/** convex/, the parent of this tests/ folder. */
const ROOT = path.join(import.meta.dirname, "..");

/** Every non-test module under convex/ (not _generated) and the modules it imports at run time. */
function moduleGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "_generated") walk(file);
      } else if (file.endsWith(".ts") && !file.endsWith(".test.ts")) graph.set(file, []);
    }
  };
  walk(ROOT);
  for (const [file, edges] of graph) {
    const source = fs.readFileSync(file, "utf8");
    for (const match of source.matchAll(/^(import|export)\s([^;]*?)from\s+"(\.[^"]+)"/gms)) {
      // Type-only imports vanish at run time and cannot form a loading cycle.
      if (match[1] === "import" && match[2].startsWith("type ")) continue;
      const target = path.join(path.dirname(file), match[3]).replace(/\.js$/, "") + ".ts";
      if (graph.has(target)) edges.push(target);
    }
  }
  return graph;
}

/** Each cycle found by a depth-first walk, as "a -> b -> a" relative to convex/. */
function cycles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, "open" | "done">();
  const found: string[] = [];
  const visit = (node: string, stack: string[]) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") {
        found.push([...stack.slice(stack.indexOf(next)), next].map((f) => path.relative(ROOT, f)).join(" -> "));
      } else if (!state.has(next)) visit(next, stack);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node, []);
  return found;
}

test("no module imports itself through others", () => {
  const graph = moduleGraph();
  expect(graph.size).toBeGreaterThan(40);
  expect(graph.get(path.join(ROOT, "model/conversations.ts"))).toContain(path.join(ROOT, "model/visibility.ts"));
  expect(cycles(graph)).toEqual([]);
});
