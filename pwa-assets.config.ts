// Icon generation for the PWA (@vite-pwa/assets-generator): every PNG in public/ comes from public/icon.svg.
// Regenerate with `npx pwa-assets-generator` and commit the PNGs.
import { defineConfig, minimal2023Preset } from "@vite-pwa/assets-generator/config";

const brand = { background: "#6d4aff", fit: "contain" } as const;

export default defineConfig({
  headLinkOptions: { preset: "2023" },
  preset: {
    ...minimal2023Preset,
    // Maskable: the artwork inside the safe zone on a full-bleed brand background.
    maskable: { sizes: [512, 192], padding: 0.1, resizeOptions: brand },
    // iOS draws no transparency: brand background behind the rounded artwork.
    apple: { sizes: [180], padding: 0, resizeOptions: brand },
  },
  images: ["public/icon.svg"],
});
