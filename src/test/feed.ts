// Feed positions for client tests: strings that order like their numbers, as sync:pull's do.
import { FEED_START } from "../../convex/lib/feedPosition";

/** The n-th feed position (0: FEED_START, before every change). */
export const pos = (n: number): string => (n === 0 ? FEED_START : `${String(n).padStart(20, "0")}:test`);
