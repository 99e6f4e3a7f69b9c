// The 7-day whispers bar chart (SVG, role="img" with a summary) with a visually hidden table of the same numbers.
import { createMemo, For } from "solid-js";
import { BAR_BOX, barGeometry, barSummary, type DayCount } from "./statsChart";

export function WhispersChart(props: { days: readonly DayCount[] }) {
  const geometry = createMemo(() => barGeometry(props.days));
  const summary = createMemo(() => barSummary(props.days));
  return (
    <figure class="stats-chart">
      <svg role="img" aria-label={summary()} viewBox={`0 0 ${BAR_BOX.width} ${BAR_BOX.height}`} class="stats-chart-svg">
        <line x1={0} x2={BAR_BOX.width} y1={geometry().baseY} y2={geometry().baseY} class="stats-chart-base" />
        <For each={geometry().bars}>
          {(bar, i) => (
            <g>
              <rect
                x={bar.x}
                y={bar.y}
                width={bar.width}
                height={bar.height}
                rx="4"
                class="stats-chart-bar"
                classList={{ today: i() === geometry().bars.length - 1 }}
              />
              <text x={bar.x + bar.width / 2} y={bar.valueY} text-anchor="middle" class="stats-chart-value">
                {bar.count}
              </text>
              <text x={bar.x + bar.width / 2} y={BAR_BOX.height - 8} text-anchor="middle" class="stats-chart-label">
                {bar.label}
              </text>
            </g>
          )}
        </For>
      </svg>
      <div class="visually-hidden">
        <table>
          <caption>Whispers per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Whispers</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.days}>
              {(d) => (
                <tr>
                  <td>{d.day}</td>
                  <td>{d.count}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </figure>
  );
}
