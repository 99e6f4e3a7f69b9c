// Small generated media for the demo: a PNG picture and a WAV voice clip, made in code (no binary files).
import { encodePng } from "./png";

/** A `size`×`size` RGB PNG: a dusk gradient with a moon. */
export function demoPng(size = 96): Uint8Array {
  return encodePng(size, size, (x, y) => {
    const t = y / size;
    const moon = (x - size * 0.68) ** 2 + (y - size * 0.3) ** 2 < (size * 0.13) ** 2;
    return moon ? [250, 236, 190] : [Math.round(40 + 150 * t), Math.round(30 + 60 * t), Math.round(90 + 80 * (1 - t))];
  });
}

/** A mono 8 kHz 16-bit WAV: a short rising three-note hum, `seconds` long. */
export function demoWav(seconds = 2): Uint8Array {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const data = Buffer.alloc(samples * 2);
  const notes = [220, 277, 330];
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const freq = notes[Math.min(notes.length - 1, Math.floor((t / seconds) * notes.length))];
    const envelope = Math.min(1, t * 8, (seconds - t) * 8);
    data.writeInt16LE(Math.round(Math.sin(2 * Math.PI * freq * t) * 9000 * envelope), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
