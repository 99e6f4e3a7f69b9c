// The mood-over-time chart: an SVG line on a -2…+2 valence scale (role="img" with a summary) plus a hidden data table.
import { createMemo, For, Show } from "solid-js";
import { DEFAULT_BOX, chartEntries, moodChartGeometry, moodSummary, type ChartEntry } from "./chart";
import { moodInfo, signed } from "./moods";
import { MoodFace } from "./MoodFace";

/** The faces beside the chart's top, middle and bottom lines. */
const Y_LABELS: Record<number, string> = { 2: "happy", 0: "bored", [-2]: "sad" };

export function MoodChart(props: { entries: readonly ChartEntry[] }) {
  const geometry = createMemo(() => moodChartGeometry(props.entries));
  const summary = createMemo(() => moodSummary(props.entries));
  const box = DEFAULT_BOX;
  return (
    <figure class="mood-chart">
      <div class="mood-chart-frame">
        <svg role="img" aria-label={summary()} viewBox={`0 0 ${box.width} ${box.height}`} class="mood-chart-svg">
          <For each={geometry().yTicks}>
            {(tick) => (
              <line
                x1={box.left}
                x2={box.width - box.right}
                y1={tick.y}
                y2={tick.y}
                class={tick.valence === 0 ? "mood-chart-zero" : "mood-chart-grid"}
              />
            )}
          </For>
          <path d={geometry().path} class="mood-chart-line" fill="none" />
          <For each={geometry().points}>
            {(p) => <circle cx={p.x} cy={p.y} r="4" class={`mood-chart-dot ${p.valence >= 0 ? "up" : "down"}`} />}
          </For>
        </svg>
        <div class="mood-chart-axis" aria-hidden="true">
          <For each={geometry().yTicks.filter((t) => Y_LABELS[t.valence])}>
            {(tick) => (
              <span class="mood-chart-ylabel" style={{ top: `${(tick.y / box.height) * 100}%` }}>
                <MoodFace mood={Y_LABELS[tick.valence]} size={18} />
              </span>
            )}
          </For>
          <For each={geometry().xTicks}>
            {(tick, i) => (
              <span
                class="mood-chart-xlabel"
                classList={{ first: i() === 0, last: i() === geometry().xTicks.length - 1 && i() > 0 }}
                style={{ left: `${(tick.x / box.width) * 100}%` }}
              >
                {tick.label}
              </span>
            )}
          </For>
        </div>
      </div>
      <figcaption class="hint" aria-hidden="true">
        {summary()}
      </figcaption>
      <Show when={props.entries.length > 0}>
        <div class="visually-hidden">
          <table>
            <caption>Mood journal data</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Mood</th>
                <th scope="col">Scale (-2 to +2)</th>
              </tr>
            </thead>
            <tbody>
              <For each={chartEntries(props.entries)}>
                {(e) => (
                  <tr>
                    <td>{new Date(e.at).toLocaleString()}</td>
                    <td>{moodInfo(e.mood).label}</td>
                    <td>{signed(moodInfo(e.mood).valence)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </figure>
  );
}
