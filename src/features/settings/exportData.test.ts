// @vitest-environment jsdom
// The data export's client side: the percentage and size shown, and the finished file saved under the export's name.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Id } from "../../../convex/_generated/dataModel";
import { type DataExportView, downloadExport, formatSize, isPreparing, percentOf } from "./exportData";

const view = (over: Partial<DataExportView>): DataExportView => ({ _id: "x" as Id<"dataExports">, status: "collecting", progress: 0, items: 0, createdAt: 1, updatedAt: 1, ...over });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("data export", () => {
  it("shows whole percentages, never 100 before the file is there", () => {
    expect(percentOf(view({ progress: 0 }))).toBe(0);
    expect(percentOf(view({ progress: 0.426 }))).toBe(42);
    expect(percentOf(view({ status: "assembling", progress: 0.999 }))).toBe(99);
    expect(isPreparing(view({ status: "assembling" }))).toBe(true);
    expect(isPreparing(view({ status: "done" }))).toBe(false);
    expect(isPreparing(null)).toBe(false);
  });

  it("sizes files for people", () => {
    expect(formatSize(120)).toBe("1 KB");
    expect(formatSize(820_400)).toBe("820 KB");
    expect(formatSize(28_700_000)).toBe("28.7 MB");
  });

  it("saves the downloaded file under the given name, and says when the download fails", async () => {
    const clicked: { name: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ name: this.download, href: this.href });
    });
    URL.createObjectURL = vi.fn(() => "blob:export");
    URL.revokeObjectURL = vi.fn();
    const fetchImpl = vi.fn(async () => new Response('{"format":"whispers-export/2"}', { status: 200 }));
    await downloadExport("https://files.example/abc", "whispers-ann-2030-01-02.json", fetchImpl as typeof fetch);
    expect(fetchImpl).toHaveBeenCalledWith("https://files.example/abc");
    expect(clicked).toEqual([{ name: "whispers-ann-2030-01-02.json", href: "blob:export" }]);
    const gone = vi.fn(async () => new Response("File not found", { status: 404 }));
    await expect(downloadExport("https://files.example/gone", "x.json", gone as typeof fetch)).rejects.toThrow(/404/);
  });
});
