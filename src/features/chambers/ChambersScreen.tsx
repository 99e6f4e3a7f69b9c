// Placeholder route for "Echo chambers": replaced by the screen itself (issue 5 / issue 7).
export default function ChambersScreen() {
  return (
    <section class="page">
      <h1>Echo chambers</h1>
    </section>
  );
}
