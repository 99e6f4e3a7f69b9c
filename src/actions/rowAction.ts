// Shared shapes of small actions: patch one row (or create it locally) and queue the matching mutation.
import type { Table } from "dexie";
import type { WhispersDB } from "../db/database";
import { isLocalId } from "../db/ids";
import { applyPatch, newLocalRow } from "../db/rowSync";
import type { LocalTableName, OutboxRef, RowSync } from "../db/types";
import { runAction, type Queued } from "./run";
import { compact } from "./whisperTarget";

export type RowChange = {
  kind: string;
  udfPath: string;
  args: Record<string, unknown>;
  /** Argument names whose values may be local ids to resolve before sending. */
  idArgs?: string[];
  table: LocalTableName;
  /** The row to patch (reads `table` only: the transaction holds no other). */
  find: (db: WhispersDB) => Promise<RowSync | undefined>;
  patch: Record<string, unknown>;
  /** Fields of a row created locally when `find` finds none (omit: change nothing locally). */
  createIfMissing?: Record<string, unknown>;
  conflictMeansDone?: boolean;
};

function refs(args: Record<string, unknown>, names: string[] = []): OutboxRef[] | undefined {
  const list = names.flatMap((arg) => {
    const value = args[arg];
    return typeof value === "string" && isLocalId(value) ? [{ arg, localId: value }] : [];
  });
  return list.length > 0 ? list : undefined;
}

/** One transaction: row patched (or created pending) and mutation queued; a refusal later marks the row failed. */
export function changeRow(change: RowChange, db?: WhispersDB): Promise<Queued> {
  return runAction(async (tx) => {
    const table = tx.db.table(change.table) as Table<RowSync, string>;
    const row = await change.find(tx.db);
    let targetId: string | undefined;
    if (row) {
      await table.put(applyPatch(row, tx.opId, change.patch));
      targetId = row.id;
    } else if (change.createIfMissing) {
      const givenId = change.createIfMissing.id;
      targetId = typeof givenId === "string" ? givenId : tx.opId;
      await table.put(newLocalRow({ ...change.createIfMissing, ...change.patch, id: targetId }, tx.opId));
    }
    await tx.enqueue({
      kind: change.kind,
      udfPath: change.udfPath,
      args: compact(change.args),
      refs: refs(change.args, change.idArgs),
      target: targetId ? { table: change.table, id: targetId } : undefined,
      conflictMeansDone: change.conflictMeansDone,
    });
    return { entryId: tx.opId, localId: targetId };
  }, db, { tables: [change.table] });
}

export type RowCreate = {
  kind: string;
  udfPath: string;
  args: Record<string, unknown>;
  idArgs?: string[];
  table: LocalTableName;
  /** The local row (its id is the operation's clientId). */
  fields: Record<string, unknown>;
  /** The field of the mutation's result holding the new server id. */
  resultField: string;
  sendsClientId: boolean;
};

/** One transaction: a pending local row keyed by a new clientId, and the create mutation queued. */
export function createRow(create: RowCreate, db?: WhispersDB): Promise<Queued> {
  return runAction(async (tx) => {
    const clientId = tx.opId;
    await (tx.db.table(create.table) as Table<RowSync, string>).put(
      newLocalRow({ id: clientId, ...create.fields, _creationTime: Date.now() }, tx.opId),
    );
    await tx.enqueue({
      kind: create.kind,
      udfPath: create.udfPath,
      clientId: create.sendsClientId ? clientId : undefined,
      args: compact(create.sendsClientId ? { ...create.args, clientId } : create.args),
      refs: refs(create.args, create.idArgs),
      target: { table: create.table, id: clientId },
      creates: [{ table: create.table, localId: clientId, resultField: create.resultField }],
    });
    return { entryId: tx.opId, localId: clientId };
  }, db, { tables: [create.table] });
}

export const byId = (table: LocalTableName, id: string) => (db: WhispersDB) =>
  (db.table(table) as Table<RowSync, string>).get(id);
