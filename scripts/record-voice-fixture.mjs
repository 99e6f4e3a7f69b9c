// Records a real MediaRecorder clip in headless Chromium with the fake microphone (the voice fixtures in convex/tests/testdata).
// Usage: node scripts/record-voice-fixture.mjs "audio/webm;codecs=opus" 2000 convex/tests/testdata/mediarecorder-opus.webm
import { chromium } from "playwright-core";
import { writeFileSync } from "node:fs";
const [mime, ms, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true,
  args: ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required"] });
const page = await browser.newPage();
await page.route("http://localhost/rec", (r) => r.fulfill({ contentType: "text/html", body: "<html><body>rec</body></html>" }));
await page.goto("http://localhost/rec");
const b64 = await page.evaluate(async ({ mime, ms }) => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const rec = new MediaRecorder(stream, { mimeType: mime });
  const chunks = [];
  rec.ondataavailable = (e) => chunks.push(e.data);
  const done = new Promise((r) => (rec.onstop = r));
  rec.start(250);
  await new Promise((r) => setTimeout(r, Number(ms)));
  rec.stop();
  await done;
  const buf = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let s = ""; for (const b of buf) s += String.fromCharCode(b);
  return btoa(s);
}, { mime, ms });
writeFileSync(out, Buffer.from(b64, "base64"));
await browser.close();
