// Placeholder route for "New chamber": replaced by the screen itself (issue 5 / issue 7).
export default function NewChamberScreen() {
  return (
    <section class="page">
      <h1>New chamber</h1>
    </section>
  );
}
