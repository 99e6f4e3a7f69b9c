// Which subscribed query runs a commit can affect: read sets indexed by id, table and equality key.
import type { StoredDoc } from "./internals";
import type { RangeRead, ReadSet } from "./reads";
import { fieldValue, hashKey, matchesConditions } from "./values";

/** null: absent. */
export type WrittenDoc = { id: string; table: string; before: StoredDoc | null; after: StoredDoc | null };

type Registration<E> = { entry: E; range: RangeRead };
type Set2<E> = Set<Registration<E>>;

/** Ranges with a hashable equality are found by hash: a commit's work follows the affected entries, not the subscriptions. */
export class Dependencies<E> {
  private readonly byId = new Map<string, Set<E>>();
  private readonly scanned = new Map<string, Set2<E>>();
  private readonly byEq = new Map<string, Map<string, Map<string, Set2<E>>>>();
  private readonly registrations = new Map<E, { reads: ReadSet; regs: { set: Set2<E>; reg: Registration<E> }[] }>();

  register(entry: E, reads: ReadSet): void {
    this.unregister(entry);
    const regs: { set: Set2<E>; reg: Registration<E> }[] = [];
    for (const id of reads.ids) getOrCreate(this.byId, id, () => new Set<E>()).add(entry);
    for (const range of reads.ranges) {
      const reg = { entry, range };
      const first = range.conditions.find((c) => c.type === "Eq");
      const key = first ? hashKey(first.value) : null;
      const set: Set2<E> =
        first && key !== null
          ? getOrCreate(
              getOrCreate(getOrCreate(this.byEq, range.table, () => new Map<string, Map<string, Set2<E>>>()), first.fieldPath, () => new Map<string, Set2<E>>()),
              key,
              () => new Set<Registration<E>>(),
            )
          : getOrCreate(this.scanned, range.table, () => new Set<Registration<E>>());
      set.add(reg);
      regs.push({ set, reg });
    }
    this.registrations.set(entry, { reads, regs });
  }

  unregister(entry: E): void {
    const current = this.registrations.get(entry);
    if (!current) return;
    for (const id of current.reads.ids) {
      const set = this.byId.get(id);
      set?.delete(entry);
      if (set?.size === 0) this.byId.delete(id);
    }
    for (const { set, reg } of current.regs) set.delete(reg);
    this.registrations.delete(entry);
  }

  entries(): IterableIterator<E> {
    return this.registrations.keys();
  }

  affected(writes: WrittenDoc[], into: Set<E> = new Set()): Set<E> {
    for (const write of writes) {
      const byId = this.byId.get(write.id);
      if (byId) for (const e of byId) into.add(e);
      const versions = [write.before, write.after].filter((d): d is StoredDoc => d !== null);
      const scanned = this.scanned.get(write.table);
      if (scanned) {
        for (const reg of scanned) {
          if (!into.has(reg.entry) && versions.some((d) => matchesConditions(d, reg.range.conditions))) into.add(reg.entry);
        }
      }
      const fields = this.byEq.get(write.table);
      if (!fields) continue;
      for (const [fieldPath, byKey] of fields) {
        for (const doc of versions) {
          const key = hashKey(fieldValue(doc, fieldPath));
          const regs = key === null ? undefined : byKey.get(key);
          if (!regs) continue;
          for (const reg of regs) {
            if (!into.has(reg.entry) && matchesConditions(doc, reg.range.conditions)) into.add(reg.entry);
          }
        }
      }
    }
    return into;
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export function readSetAffectedBy(reads: ReadSet, writes: WrittenDoc[]): boolean {
  for (const write of writes) {
    if (reads.ids.has(write.id)) return true;
    for (const range of reads.ranges) {
      if (range.table !== write.table) continue;
      if (write.before && matchesConditions(write.before, range.conditions)) return true;
      if (write.after && matchesConditions(write.after, range.conditions)) return true;
    }
  }
  return false;
}
