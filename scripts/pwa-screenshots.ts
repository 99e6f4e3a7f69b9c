// Renders the manifest's install screenshots (public/screenshots/{narrow,wide}.png) with Debian Chromium.
// Usage: npx tsx scripts/pwa-screenshots.ts            (an HTML mock of the app)
//        npx tsx scripts/pwa-screenshots.ts --url http://127.0.0.1:3210/   (the running app)
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./chromium";

const OUT = path.resolve(import.meta.dirname, "../public/screenshots");
const SHOTS = [
  { name: "narrow", width: 720, height: 1280, scale: 1 },
  { name: "wide", width: 1280, height: 800, scale: 1 },
] as const;

const people = [
  ["Someone", "Someone whispered you", "2m", "?", "#d9d2ff", true],
  ["quiet_fox", "That song made my day, thank you!", "14m", "Q", "#ffd9c7", true],
  ["Echo: night owls", "Anyone else up writing?", "1h", "E", "#c9ecdd", false],
  ["river_stone", "Voice whisper · 0:12", "3h", "R", "#d4e6ff", false],
  ["paper_moon", "Let's swap: guitar for Spanish?", "Yesterday", "P", "#ffe9b3", false],
] as const;

function mock(wide: boolean): string {
  const list = people
    .map(
      ([name, text, when, letter, colour, unread]) => `
      <li class="row${unread ? " unread" : ""}"><span class="avatar" style="background:${colour}">${letter}</span>
        <span class="main"><b>${name}</b><span>${text}</span></span><span class="when">${when}</span></li>`,
    )
    .join("");
  const chat = `
    <section class="chat"><header><span class="avatar" style="background:#ffd9c7">Q</span><b>quiet_fox</b><span class="mood">feeling calm</span></header>
      <div class="bubbles">
        <p class="theirs">Hey, I saw you're into night walks too</p>
        <p class="mine">Every evening! It's the only quiet hour.</p>
        <p class="theirs">That song made my day, thank you!</p>
        <p class="mine voice">Voice whisper · 0:12</p>
      </div>
      <footer><span class="input">Whisper something…</span><span class="send">Send</span></footer></section>`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    *{box-sizing:border-box} body{margin:0;font:18px/1.4 system-ui,sans-serif;background:#f6f5fb;color:#1c1a29;height:100vh;display:flex;flex-direction:column}
    .top{display:flex;align-items:center;gap:12px;padding:20px 24px;background:#fff;border-bottom:1px solid #dcd9ea}
    .top h1{margin:0;font-size:26px;color:#5433e0;flex:1} .chip{background:#efedf8;border-radius:99px;padding:6px 14px;font-size:15px}
    .body{flex:1;display:flex;min-height:0} .list{list-style:none;margin:0;padding:8px 12px;${wide ? "width:420px;border-right:1px solid #dcd9ea" : "flex:1"}}
    .row{display:flex;gap:14px;align-items:center;padding:14px 12px;border-radius:14px} .row.unread{background:#fff;box-shadow:0 1px 2px rgb(20 10 60/.08)}
    .avatar{width:52px;height:52px;border-radius:50%;background:#efedf8;display:grid;place-items:center;font-size:22px;font-weight:700;color:#3b2a8f;flex:none}
    .main{flex:1;display:flex;flex-direction:column;min-width:0} .main span{color:#5d5a70;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
    .when{color:#5d5a70;font-size:14px} .unread .when{color:#6d4aff;font-weight:600}
    .chat{flex:1;display:flex;flex-direction:column} .chat header{display:flex;gap:12px;align-items:center;padding:16px 24px;background:#fff;border-bottom:1px solid #dcd9ea}
    .mood{color:#5d5a70;font-size:15px} .bubbles{flex:1;padding:24px;display:flex;flex-direction:column;gap:12px}
    .bubbles p{margin:0;max-width:60%;padding:12px 16px;border-radius:18px} .theirs{background:#fff;align-self:flex-start} .mine{background:#6d4aff;color:#fff;align-self:flex-end}
    .chat footer{display:flex;gap:12px;padding:16px 24px;background:#fff;border-top:1px solid #dcd9ea} .input{flex:1;color:#5d5a70;background:#f6f5fb;border-radius:99px;padding:12px 18px}
    .send{background:#6d4aff;color:#fff;border-radius:99px;padding:12px 20px;font-weight:600}
    nav{display:flex;justify-content:space-around;padding:14px 0 22px;background:#fff;border-top:1px solid #dcd9ea;color:#5d5a70;font-size:15px} nav b{color:#6d4aff}
  </style></head><body>
    <div class="top"><h1>Whispers</h1><span class="chip">Mood: calm</span></div>
    <div class="body"><ul class="list">${list}</ul>${wide ? chat : ""}</div>
    ${wide ? "" : "<nav><b>Whispers</b><span>Chambers</span><span>Mood</span><span>Skills</span><span>Me</span></nav>"}
  </body></html>`;
}

async function main(): Promise<void> {
  const urlFlag = process.argv.indexOf("--url");
  const url = urlFlag > 0 ? process.argv[urlFlag + 1] : undefined;
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: findChromium() ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    for (const shot of SHOTS) {
      const page = await browser.newPage({
        viewport: { width: shot.width, height: shot.height },
        deviceScaleFactor: shot.scale,
        colorScheme: "light",
      });
      if (url) await page.goto(url, { waitUntil: "networkidle" });
      else await page.setContent(mock(shot.name === "wide"));
      await page.screenshot({ path: path.join(OUT, `${shot.name}.png`) });
      await page.close();
      console.log(`public/screenshots/${shot.name}.png`);
    }
  } finally {
    await browser.close();
  }
}

await main();
