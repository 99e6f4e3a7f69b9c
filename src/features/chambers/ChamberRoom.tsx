// Placeholder route for "Chamber": replaced by the screen itself (issue 5 / issue 7).
export default function ChamberRoom() {
  return (
    <section class="page">
      <h1>Chamber</h1>
    </section>
  );
}
