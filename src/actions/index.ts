// Every domain action the UI calls: each writes locally in one transaction and queues its mutation.
export type { Queued } from "./run";
export * from "./whispers";
export * from "./whisperChanges";
export * from "./conversations";
export * from "./profile";
export * from "./social";
export * from "./chambers";
export * from "./skills";
export * from "./outbox";
