// Placeholder route for "Join a chamber": replaced by the screen itself (issue 5 / issue 7).
export default function JoinChamber() {
  return (
    <section class="page">
      <h1>Join a chamber</h1>
    </section>
  );
}
