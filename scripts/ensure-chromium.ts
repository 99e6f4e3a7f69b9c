// Run before the end-to-end tests: finds a Chromium, installs Debian's where it can, or says how to get one.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { findChromium } from "./chromium";

const INSTALL_COMMAND = "sudo apt-get install -y chromium";

function isDebian(): boolean {
  if (!existsSync("/etc/os-release")) return false;
  const release = readFileSync("/etc/os-release", "utf8");
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
let chromium = findChromium();

if (!chromium && isDebian() && isRoot) {
  console.log("No Chromium found: installing Debian's chromium package (apt-get install -y chromium)…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  chromium = findChromium();
}

if (!chromium) {
  console.error(
    `The end-to-end tests need Chromium and none was found. Install it with:\n  ${INSTALL_COMMAND}\n` +
      "(or point CHROMIUM_PATH at a Chromium or Chrome executable).",
  );
  process.exit(1);
}
console.log(`End-to-end tests use ${chromium}`);
